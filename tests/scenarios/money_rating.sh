#!/usr/bin/env bash
# Issue 15, items 1, 3, 4: contributions computed by hand from the règlement and the sample
# catalogue (config/catalogue.yaml, LABEL2 2026: member band 40-49 = 46.78 a month, child
# 16.97), end to end through the real binary.
# Rules: SUS-01 SUS-02 TAR-03 ADH-04 MAJ-04 MAJ-07 BIL-04 BIL-06 DEM-06 ADH-02
source "$(dirname "$0")/lib.bash"

MDB="$(db_target m)"
db="--db $MDB"
"$MUTUA" $db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
# S1 pays yearly, S2 monthly; both born 1980 (tariff age 46, band 40: 46.78), covered until the
# day before their adhesion (MAJ-07: N = 0). T1 has three children; the eldest's rights end on
# 31 May 2026.
cat > members.csv <<'CSV'
contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,end_date,payment_frequency,last_coverage_end
S1,S1M,member,MOREL,Paul,1980-06-15,LABEL2,2025-01-01,,yearly,2024-12-31
S2,S2M,member,GIRAUD,Anne,1980-06-15,LABEL2,2025-01-01,,monthly,2024-12-31
T1,T1M,member,FAURE,Marc,1980-06-15,LABEL2,2025-01-01,,monthly,2024-12-31
T1,T1E1,child,FAURE,Léo,2008-05-10,LABEL2,2025-01-01,2026-05-31,,
T1,T1E2,child,FAURE,Lou,2012-02-01,LABEL2,2025-01-01,,,
T1,T1E3,child,FAURE,Zoé,2015-09-20,LABEL2,2025-01-01,,,
CSV
"$MUTUA" $db members import members.csv >/dev/null
acct() { "$MUTUA" $db --today "$1" account "$2" --json > "acct_$2.json"; }

echo "# SUS-01: suspended abroad from 31 March to 30 June 2026"
expect_exit 0 "billing run on 2026-01-02" -- "$MUTUA" $db --today 2026-01-02 billing run --json
"$MUTUA" $db rate --year 2026 --contract S1 --json > s1_before.json
# Before the suspension: 12 × 46.78 = 561.36, the yearly instalment billed on 1 January.
expect_json s1_before.json 'd["annual_total"]' 561.36 "SUS-01: 12 × 46.78 = 561.36 before the suspension"
for c in S1 S2; do
  expect_exit 0 "SUS-01: suspend $c (notified 32 days before)" -- "$MUTUA" $db --today 2026-02-27 \
    member suspend $c --from 2026-03-31 --to 2026-06-30 --reason abroad --notified 2026-02-27
done
# 2 × 46.78 + 46.78 × 30/31 (45.2709… → 45.27) + 6 × 46.78 = 93.56 + 45.27 + 280.68 = 419.51.
"$MUTUA" $db rate --year 2026 --contract S1 --json > s1.json
expect_json s1.json 'd["annual_total"]' 419.51 "SUS-01: 93.56 + 45.27 + 280.68 = 419.51 (was 561.36)"
expect_json s1.json '[m["amount"] for m in d["persons"][0]["months"]][2:7]' \
  "['45.27', '0.00', '0.00', '0.00', '46.78']" "SUS-01: March 30/31, April-June not due, July in full"
expect_json s1.json 'd["persons"][0]["months"][3]["suspended_days"]' 30 "SUS-01: April's 30 days suspended"
expect_json s1.json '"SUS-01" in d["persons"][0]["reasons"]' True "SUS-01 among the reasons"
"$MUTUA" $db rate --year 2026 --contract S1 --explain > s1.txt
expect_contains s1.txt "Suspension of rights (SUS-01, abroad) from 2026-03-31 to 2026-06-30" "explain: the suspension"
expect_contains s1.txt "March: 1 day suspended, not due (SUS-01), 46.78 × 30/31 (ADH-02 pro rata) → 45.27" "explain: March"
expect_contains s1.txt "April: 30 days suspended, not due (SUS-01) → 0.00" "explain: April"
expect_contains s1.txt "annual due 419.51" "explain: the year"
"$MUTUA" $db rate --year 2026 --out all.csv >/dev/null
expect_contains all.csv "S1,S1M,member,46,40,1,46.78,0.00,46.78,419.51" "rate --year: the CSV row agrees"
# Billed 561.36 on 1 January: the suspension credits 561.36 − 419.51 = 141.85 (BIL-04: a new
# adjustment entry, dated the day of the suspension).
acct 2026-02-27 S1
expect_json acct_S1.json '[e["effect"] for e in d["entries"] if e["kind"] == "adjustment"]' "['-141.85']" \
  "SUS-01, BIL-04: an adjustment credit of 141.85 for the suspended days already billed"
expect_json acct_S1.json '[s["amount"] for s in d["schedule"]]' "['419.51']" "SUS-01: the yearly schedule is 419.51"
expect_exit 0 "DOC-02: S1's 2026 call after the suspension" -- \
  "$MUTUA" $db --today 2026-02-27 documents S1 --kind annual_call --out letters --json
pdftotext -layout letters/S1-annual_call-2026-02-27.pdf s1_call.txt
tr -s ' \n' ' ' < s1_call.txt > s1_call.flat
expect_contains s1_call.flat "Vos droits sont suspendus du 31 mars 2026 au 30 juin 2026" "SUS-02: the call names the suspension"
expect_contains s1_call.flat "aucune cotisation n'est due pour ces jours" "SUS-02: the call says why the amounts are lower"
expect_contains s1_call.flat "419,51" "SUS-02: the call's annual amount leaves the suspended days out"
expect_exit 0 "billing run on 2026-03-01" -- "$MUTUA" $db --today 2026-03-01 billing run --json
expect_json stdout 'd["adjusted"]' 0.00 "SUS-01: a later run finds nothing more to correct"
# DEM-02 resignation of S1 received 15 April, effective one month later, inside the suspension:
# the yearly payer is refunded July-December 6 × 46.78 = 280.68 (May and June were not billed).
expect_exit 0 "DEM-02: S1 resigns during the suspension" -- "$MUTUA" $db --today 2026-04-15 \
  member resign S1 --received 2026-04-15 --kind anytime --json
cp stdout resign.json
expect_json resign.json 'd["refund"]' 280.68 "SUS-01, DEM-06: refund 6 × 46.78 = 280.68, no suspended day"

# S2 pays monthly: March 45.27, April-June 0.00, nothing billed for them.
acct 2026-07-02 S2
expect_json acct_S2.json '[s["amount"] for s in d["schedule"]][2:7]' \
  "['45.27', '0.00', '0.00', '0.00', '46.78']" "SUS-01: the monthly schedule has nothing due April-June"
expect_exit 0 "billing run on 2026-07-02" -- "$MUTUA" $db --today 2026-07-02 billing run --json
acct 2026-07-02 S2
# Billed January-July: 46.78 × 2 + 45.27 + 46.78 (July) = 185.61.
expect_json acct_S2.json 'round(sum(float(e["effect"]) for e in d["entries"] if e["kind"] == "contribution_due"), 2)' \
  185.61 "SUS-01: January-July billed 93.56 + 45.27 + 46.78 = 185.61"
echo "# TAR-03: two billed children, month by month"
# January-May: E1 and E2 billed, E3 free; June-December: E2 and E3. E3: 7 × 16.97 = 118.79.
"$MUTUA" $db rate --year 2026 --contract T1 --json > t1.json
expect_json t1.json '[p["annual_due"] for p in d["persons"]]' "['561.36', '84.85', '203.64', '118.79']" \
  "TAR-03: E1 5 × 16.97, E2 12 × 16.97, E3 7 × 16.97 = 118.79 (was 0.00)"
expect_json t1.json '[m["month"] for m in d["persons"][3]["months"] if m.get("free")]' "[1, 2, 3, 4, 5]" \
  "TAR-03: the youngest is free January-May"
expect_json t1.json 'd["annual_total"]' 968.64 "TAR-03: 561.36 + 84.85 + 203.64 + 118.79 = 968.64"
"$MUTUA" $db rate --year 2026 --contract T1 --explain > t1.txt
expect_contains t1.txt "free in January, February, March, April, May" "explain: the free months"
expect_contains t1.txt "June-December: 7 full months × 16.97 = 118.79" "explain: the youngest billed from June"
expect_contains all.csv "T1,T1E3,child,11,0,1,16.97,0.00,16.97,118.79" "rate --year: the youngest's row"

echo "# ADH-04, MAJ-04, MAJ-07: covered by a reference guarantee last year"
# Born 1980-06-15, in post since 2005-09-01 (legacy start 2014-08-31), express start 2026-01-02.
enrol_json() {  # id, then extra received items
  cat <<JSON
{"contract_id": "$1", "product": "LABEL2", "signed": "2026-01-02", "express_start": true,
 "covered_last_year": true, "payment_method": "cheque",
 "member": {"beneficiary_id": "$1-M", "last_name": "ROCHE", "first_name": "Inès",
            "birth_date": "1980-06-15", "employer": "Commune de Saint-Chamond",
            "civil_service_entry": "2005-09-01"},
 "received": [{"item": "first_contribution", "date": "2026-01-02"}$2]}
JSON
}
enrol_json J1 "" > j1.json
expect_exit 0 "ADH-04: enrol J1" -- "$MUTUA" $db --today 2026-01-02 member enrol --request j1.json --json
cp stdout j1_out.json
expect_json j1_out.json 'd["status"], [m["item"] for m in d["missing"]], d["missing"][0]["rule"]' \
  "('incomplete', ['coverage_justificatif'], 'ADH-04')" "ADH-04: incomplete until the previous insurer's justificatif"
expect_exit 3 "MAJ-07: an end date after the receipt is refused" -- "$MUTUA" $db --today 2026-01-05 \
  member receive J1 --item coverage_justificatif --coverage-end 2026-01-06
expect_contains stderr "--coverage-end" "the error names the option"
expect_exit 3 "MAJ-07: the justificatif needs its end date" -- "$MUTUA" $db --today 2026-01-05 \
  member receive J1 --item coverage_justificatif
expect_exit 0 "ADH-04: the justificatif received" -- "$MUTUA" $db --today 2026-01-05 \
  member receive J1 --item coverage_justificatif --coverage-end 2025-12-31 --reference JUST-1 --json
expect_json stdout 'd["status"], d["effective_date"]' "('active', '2026-01-02')" "ADH-04: complete, effective on the express date"
# start = 2025-12-31 (the justificatif's end), N = 0: 12 × 46.78 = 561.36.
"$MUTUA" $db rate --year 2026 --contract J1 --json > j1_rate.json
expect_json j1_rate.json 'd["majoration"]["start"], d["majoration"]["coefficient"], d["annual_total"]' \
  "('2025-12-31', '0.00', '561.36')" "MAJ-07: counted from the recent end, 12 × 46.78 = 561.36"
"$MUTUA" $db rate --year 2026 --contract J1 --explain > j1.txt
expect_contains j1.txt "coverage end (end of the last reference guarantee, ADH-04 proof): 2025-12-31" "explain: the justificatif's end date"
# Transmitted 0.04 (MAJ-04), in the request: 46.78 × 1.04 = 48.6512 → 48.65, × 12 = 583.80.
enrol_json J2 ', {"item": "coverage_justificatif", "date": "2026-01-02", "coverage_end": "2025-12-31", "coefficient": "0.04"}' > j2.json
expect_exit 0 "MAJ-04: enrol J2 with the justificatif" -- "$MUTUA" $db --today 2026-01-02 member enrol --request j2.json --json
"$MUTUA" $db rate --year 2026 --contract J2 --json > j2_rate.json
expect_json j2_rate.json 'd["majoration"]["coefficient"], d["annual_total"]' "('0.04', '583.80')" \
  "MAJ-04: 0.04 transmitted: 48.65 × 12 = 583.80"
# Not produced (ADH-04: covered duration presumed 0): start 2014-08-31, 11 years, 22 %:
# 46.78 × 1.22 = 57.0716 → 57.07, × 12 = 684.84 — the amount every such member paid before.
enrol_json J3 ', {"item": "coverage_justificatif", "date": "2026-01-02", "not_produced": true}' > j3.json
expect_exit 0 "ADH-04: justificatif not produced" -- "$MUTUA" $db --today 2026-01-02 member enrol --request j3.json --json
"$MUTUA" $db rate --year 2026 --contract J3 --json > j3_rate.json
expect_json j3_rate.json 'd["majoration"]["coefficient"], d["annual_total"]' "('0.22', '684.84')" \
  "ADH-04: without the justificatif 22 %: 684.84 (123.48 more than J1)"
enrol_json J4 ', {"item": "coverage_justificatif", "date": "2026-01-02", "coverage_end": "2026-02-01"}' > j4.json
expect_exit 3 "MAJ-07: a justificatif ending after its receipt is refused in a request" -- \
  "$MUTUA" $db --today 2026-01-02 member enrol --request j4.json
expect_contains stderr "received[1].coverage_end" "the error names the field"
printf 'contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,last_coverage_end\nX1,X1M,member,A,B,1980-01-01,LABEL2,2026-01-01,2026-01-01\n' > bad.csv
expect_exit 3 "MAJ-07: members import refuses an end of guarantee on or after the start" -- \
  "$MUTUA" $db members import bad.csv
expect_contains stderr "last_coverage_end" "the error names the column"

finish
