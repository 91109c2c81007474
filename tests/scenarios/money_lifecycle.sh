#!/usr/bin/env bash
# Issue 15, member lifecycle: imported children (ELIG-07, ELIG-11), the annual call as the notice
# of the tacit renewal (loi Chatel, L221-10-1: DEM-01 by the sending date, DEM-07, DEM-08), the
# resignation notified by the new insurer (L221-10-2: DEM-09) and the 30-day refund (DEM-10).
# Dated events through the real binary against config/catalogue.yaml; amounts computed by hand.
# Rules: ELIG-03 ELIG-07 ELIG-08 ELIG-11 DEM-01 DEM-02 DEM-06 DEM-07 DEM-08 DEM-09 DEM-10 DEM-11 BIL-01
#        BIL-06 DOC-02
source "$(dirname "$0")/lib.bash"

MDB="$(db_target m)"
db="--db $MDB"
"$MUTUA" $db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
# Every member born 1980-04-02 on LABEL2 pays 46.78 a month in 2026 (tariff age 46, band 40),
# monthly, covered the day before (no majoration). F1's children: Léa, no condition (a minor);
# Hugo, student with a school certificate to 31 August 2026.
cat > members.csv <<'CSV'
contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,payment_frequency,last_coverage_end,condition,proof_type,proof_from,proof_to,proof_reference
F1,F1M,member,MOREAU,Paul,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31,,,,,
F1,F1E,child,MOREAU,Léa,2008-03-10,LABEL2,2025-01-01,,,,,,,
F1,F1S,child,MOREAU,Hugo,2007-09-20,LABEL2,2025-01-01,,,student,school_certificate,2025-09-01,2026-08-31,SCOL-77
K1,K1M,member,DURAND,Paul,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31,,,,,
K2,K2M,member,PETIT,Marc,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31,,,,,
K3,K3M,member,ROUX,Inès,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31,,,,,
K4,K4M,member,BLANC,Léo,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31,,,,,
K5,K5M,member,NOIR,Jean,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31,,,,,
CSV
expect_exit 0 "ELIG-11: members file with the condition and proof columns imports" -- \
  "$MUTUA" $db --today 2025-01-02 members import members.csv

echo "# ELIG-07, ELIG-11: an imported child without a condition is a minor"
# Léa, born 2008-03-10: 18 on 2026-03-10, last eligible day 2026-03-09, rights end at the end of
# that month, 2026-03-31. At 18 years and 2 months (2026-05-10) they are closed (before issue 15:
# open, for ever).
expect_exit 0 "ELIG-07: Léa's rights on 2026-05-10" -- \
  "$MUTUA" $db --today 2026-05-10 member rights F1E --date 2026-05-10 --json
cp stdout lea.json
expect_json lea.json 'd["status"]' closed "ELIG-07: closed at 18 years and 2 months without a proof"
expect_json lea.json 'd["reasons"][0][:8]' "ELIG-07:" "ELIG-07: the reason names the rule"
expect_json lea.json 'd["since"]' 2026-04-01 "ELIG-07: closed since 2026-04-01 (end of the month of the 18th birthday)"
"$MUTUA" $db --today 2026-03-31 member rights F1E --date 2026-03-31 --json > lea31.json
expect_json lea31.json 'd["status"]' open "ELIG-07: still open on 2026-03-31"
# Hugo, student: covered while his certificate is valid (ELIG-04, ELIG-08): to 2026-08-31.
"$MUTUA" $db --today 2026-05-10 member rights F1S --date 2026-05-10 --json > hugo.json
expect_json hugo.json 'd["status"]' open "ELIG-04: the imported student with his certificate is covered"
expect_json hugo.json 'd["until"]' 2026-08-31 "ELIG-07: his rights end with the certificate"
# The work list of 2026-01-20 runs to 2026-03-21: Léa's 18th birthday (2026-03-10) is in it,
# the end of her rights (2026-03-31) after it: listed all the same.
"$MUTUA" $db --today 2026-01-20 worklist --json > w1.json
expect_json w1.json '[(i["kind"], i["date"], i["rule"]) for i in d["items"] if i["beneficiary_id"] == "F1E"]' \
  "[('rights_ending', '2026-03-31', 'ELIG-07')]" "ELIG-11: the work list shows the imported child reaching 18"
expect_json w1.json '"18th birthday on 2026-03-10" in [i["detail"] for i in d["items"] if i["beneficiary_id"] == "F1E"][0]' \
  True "ELIG-07: with the birthday that ends the rights"
# A school certificate recorded later keeps her covered (a minor may be given it, ELIG-08).
expect_exit 0 "ELIG-08: a school certificate for the minor" -- \
  "$MUTUA" $db --today 2026-02-01 member proof add F1E --type school_certificate \
  --from 2026-03-01 --to 2026-08-31 --reference SCOL-88 --json
expect_json stdout 'd["rights_end"]' 2026-08-31 "ELIG-07: her rights now end with the certificate"
# An adult child without a condition cannot be imported (ELIG-03 via ELIG-11).
cat > adult.csv <<'CSV'
contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date
A1,A1M,member,GRIS,Anne,1975-01-01,LABEL2,2026-01-01
A1,A1E,child,GRIS,Tom,2006-06-01,LABEL2,2026-01-01
CSV
expect_exit 3 "ELIG-11: a child aged 19 without a condition is refused" -- \
  "$MUTUA" $db --today 2026-01-02 members import adult.csv
expect_contains stderr "adult.csv:3: condition: ELIG-03" "ELIG-11: the error names the line, the column and the rule"

echo "# ELIG-11: a database from before issue 15 is migrated"
OLDDB="$(db_target old)"
"$MUTUA" --db "$OLDDB" catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
head -3 members.csv | cut -d, -f1-10 > old.csv
"$MUTUA" --db "$OLDDB" --today 2025-01-02 members import old.csv >/dev/null
# What issue 14's mutua left (schema 9): no condition, no end, none of migrations 10-15 or their
# tables and columns.
db_exec "$OLDDB" "UPDATE beneficiaries SET condition = NULL, end_date = NULL, end_reason = NULL
  WHERE beneficiary_id = 'F1E'; DELETE FROM schema_migrations WHERE version > 9;
  DROP TABLE call_sendings; ALTER TABLE terminations DROP COLUMN sent;
  ALTER TABLE terminations DROP COLUMN new_insurer; DROP TABLE benefit_tables;
  ALTER TABLE organism DROP COLUMN amc_number; ALTER TABLE organism DROP COLUMN tiers_payant_convention;
  ALTER TABLE products DROP COLUMN tiers_payant;
  DROP TABLE sessions; DROP TABLE login_attempts; DROP TABLE batch_chunks; DROP TABLE batch_runs;
  DELETE FROM billing_settings WHERE name = 'child_ends_pending';"
expect_exit 0 "ELIG-11: the old database opens (migration 12)" -- \
  "$MUTUA" --db "$OLDDB" --today 2026-05-10 member rights F1E --date 2026-05-10 --json
expect_json stdout 'd["status"]' closed "ELIG-11: the migrated child is a minor whose rights ended at 18"
expect_json stdout 'd["since"]' 2026-04-01 "ELIG-07: closed from 2026-04-01"
"$MUTUA" --db "$OLDDB" --json db stats > old_stats.json
if python3 -c 'import json; exit(json.load(open("old_stats.json"))["schema_version"] < 12)'; then
  pass "migration 12 recorded"; else fail "migration 12 recorded"; fi

echo "# DEM-07: the call for 2026, sent on 2025-12-01, after the last day to resign (2025-10-31)"
expect_exit 0 "BIL-01: billing run on 2025-12-01 issues the 2026 calls" -- \
  "$MUTUA" $db --today 2025-12-01 billing run
expect_exit 0 "DOC-02: K1's call for 2026" -- \
  "$MUTUA" $db --today 2025-12-01 documents K1 --kind annual_call --out letters
pdftotext letters/K1-annual_call-2025-12-01.pdf - | tr -s ' \n' '  ' > call.txt
expect_contains call.txt "au plus tard le 31 octobre 2025" "DEM-07: the call states the last day to resign"
expect_contains call.txt "vous disposez d'un délai de vingt jours à compter de sa date d'envoi" \
  "DEM-07: sent after it, the call states the 20 days"
expect_contains call.txt "L221-10-1" "DEM-07: the call cites the law"
# K3's call went out without the last day to resign (DEM-08, below), recorded first.
"$MUTUA" $db --today 2025-12-02 billing calls sent --year 2026 --contract K3 --sent 2025-12-01 \
  --without-last-day > k3sent.txt
expect_exit 0 "DEM-07: the calls for 2026 recorded as sent on 2025-12-01 by post" -- \
  "$MUTUA" $db --today 2025-12-02 billing calls sent --year 2026 --sent 2025-12-01 --json
cp stdout sent.json
expect_json sent.json '(d["calls"], d["kept"])' "(5, ['K3'])" \
  "DEM-07, DEM-11: five calls recorded, K3's kept (the 20 days would take its any-time window)"
expect_json sent.json '(d["last_day"], d["late"])' "('2025-10-31', True)" "DEM-07: late: 20 days, to 2025-12-21"
echo "# DEM-11: a sending is recorded between the call's issue (2025-12-01) and today"
# Sent 2024-01-01 would make the call look in time (669 days before 2025-10-31) and take the
# members' 20 days away: refused, and nothing is overwritten.
expect_exit 3 "DEM-11: --sent before the calls were issued" -- \
  "$MUTUA" $db --today 2025-12-02 billing calls sent --year 2026 --sent 2024-01-01
expect_contains stderr "--sent" "DEM-11: the refusal names --sent"
expect_contains stderr "before the call was issued (2025-12-01" "DEM-11: and the issue date"
expect_exit 3 "DEM-11: --sent after today" -- \
  "$MUTUA" $db --today 2025-12-02 billing calls sent --year 2026 --sent 2025-12-03
# Without the last day, K1's call would lose its 20 days (to 2025-12-21): refused.
expect_exit 4 "DEM-11: a correction may not shorten the member's window" -- \
  "$MUTUA" $db --today 2025-12-02 billing calls sent --year 2026 --contract K1 --sent 2025-12-01 --without-last-day
expect_contains stderr "DEM-11" "DEM-11: the refusal names the rule"
expect_exit 0 "DEM-11: the same sending again changes nothing" -- \
  "$MUTUA" $db --today 2025-12-02 billing calls sent --year 2026 --sent 2025-12-01 --json
expect_json stdout '(d["calls"], d["unchanged"], d["late"])' "(0, 5, True)" "DEM-11: five unchanged, still late"
echo "# A resignation cannot be received or sent after the business date"
expect_exit 3 "--received after --today is refused" -- \
  "$MUTUA" $db --today 2025-12-03 member resign K5 --kind annual --received 2025-12-06 --sent 2025-12-05
expect_contains stderr "--received" "the refusal names --received"
expect_exit 3 "anytime --received 2026-03-09 with --today 2026-03-03 is refused" -- \
  "$MUTUA" $db --today 2026-03-03 member resign K5 --kind anytime --received 2026-03-09
expect_exit 3 "--sent given empty is not a date" -- \
  "$MUTUA" $db --today 2025-12-05 member resign K5 --kind annual --received 2025-12-05 --sent ""
expect_contains stderr "not a date" "--sent \"\": not a date"
if [ "$(db_rows "$MDB" terminations:contract_id | grep -cx K5 || true)" = 0 ]; then
  pass "nothing written for K5"; else fail "nothing written for K5"; fi
# 2025-12-01 + 20 days = 2025-12-21 (the sending day is day 0).
expect_exit 0 "DEM-07: K1's letter sent 2025-12-20 (received 12-22) is in time" -- \
  "$MUTUA" $db --today 2025-12-22 member resign K1 --kind annual --received 2025-12-22 --sent 2025-12-20 --json
cp stdout k1.json
expect_json k1.json '(d["rule"], d["effective_date"], d["sent"])' "('DEM-07', '2025-12-31', '2025-12-20')" \
  "DEM-07: not renewed, effective 2025-12-31 (before: refused DEM-01)"
echo "# DEM-07: K1 not renewed: no annual call for 2026"
expect_exit 4 "DEM-07: K1's call for 2026 is refused once its resignation ends it on 2025-12-31" -- \
  "$MUTUA" $db --today 2025-12-22 documents K1 --kind annual_call --out letters
expect_contains stderr "DEM-07" "DEM-07: the refusal names the rule"
expect_contains stderr "no annual call for 2026" "DEM-07: and the year"
"$MUTUA" $db --today 2025-12-22 billing run >/dev/null
"$MUTUA" $db --today 2025-12-22 account K1 --json > acct1.json
expect_json acct1.json '[l["amount"] for l in d["schedule"] if l["year"] == 2026 and l["amount"] != "0.00"]' \
  "[]" "DEM-07: the billing run bills K1 nothing for 2026"
expect_exit 4 "DEM-07: a letter sent 2025-12-22 is one day late" -- \
  "$MUTUA" $db --today 2025-12-23 member resign K2 --kind annual --received 2025-12-23 --sent 2025-12-22
expect_contains stderr "until 2025-12-21" "DEM-01: the refusal names the 20-day window"

echo "# DEM-07 after the renewal date: K2's call re-recorded as sent 2025-12-20 (to 2026-01-09)"
# DEM-11: a later sending lengthens the window (2025-12-21 -> 2026-01-09): the correction is allowed.
expect_exit 0 "DEM-11: K2's sending corrected to 2025-12-20" -- \
  "$MUTUA" $db --today 2025-12-20 billing calls sent --year 2026 --contract K2 --sent 2025-12-20
expect_exit 0 "DEM-07: K2's letter sent 2026-01-05" -- \
  "$MUTUA" $db --today 2026-01-07 member resign K2 --kind annual --received 2026-01-07 --sent 2026-01-05 --json
cp stdout k2.json
# Effective the day after the sending date, 2026-01-06. January taken as paid: 46.78 - 46.78 x
# 6/31 (9.054 -> 9.05) = 37.73. Refund by 2026-01-06 + 30 = 2026-02-05.
expect_json k2.json '(d["rule"], d["effective_date"], d["refund"], d["refund_deadline"])' \
  "('DEM-07', '2026-01-06', '37.73', '2026-02-05')" "DEM-07, DEM-10: effect the day after sending, refund in 30 days"
expect_exit 0 "DEM-04: K2's resignation receipt" -- \
  "$MUTUA" $db --today 2026-01-08 documents K2 --kind resignation_receipt --out letters
pdftotext letters/K2-resignation_receipt-2026-01-08.pdf - | tr -s ' \n' '  ' > k2receipt.txt
pdftotext -layout letters/K2-resignation_receipt-2026-01-08.pdf k2layout.txt
if grep -qE "Demande envoyée le +5 janvier 2026" k2layout.txt; then
  pass "DEM-07: the receipt gives the sending date"; else fail "DEM-07: the receipt gives the sending date"; fi
expect_contains k2receipt.txt "dans le délai de vingt jours suivant l'envoi de l'avis d'échéance" \
  "DEM-07: the receipt names the 20 days of L221-10-1"
expect_contains k2receipt.txt "remboursée au plus tard le 5 février 2026" "DEM-10: the receipt gives the refund deadline"

echo "# DEM-08: K3's call for 2026 stated no last day: any time from 2026-01-01"
# (K3's call recorded without the last day before the others, see above.)
expect_contains k3sent.txt "at any time from 2026-01-01 (DEM-08)" "DEM-08: recorded without the last day"
"$MUTUA" $db --today 2026-03-01 billing run >/dev/null
# K3 pays January to March: 3 x 46.78 = 140.34; K4 pays January to May in advance: 5 x 46.78 =
# 233.90.
printf 'contract_id,date,amount,method,reference\nK3,2026-03-05,140.34,transfer,VIR-K3-1\nK4,2026-03-05,233.90,transfer,VIR-K4-1\n' > pay.csv
"$MUTUA" $db --today 2026-03-05 payments import pay.csv >/dev/null
expect_exit 0 "DEM-08: K3's letter sent 2026-03-14 (received 03-16)" -- \
  "$MUTUA" $db --today 2026-03-16 member resign K3 --kind annual --received 2026-03-16 --sent 2026-03-14 --json
cp stdout k3.json
# Effective the day after sending, 2026-03-15 (before: 2026-12-31). March paid: 46.78 - 46.78 x
# 15/31 (22.635 -> 22.64) = 24.14 refunded by 2026-03-15 + 30 = 2026-04-14.
expect_json k3.json '(d["rule"], d["effective_date"], d["refund"], d["refund_deadline"])' \
  "('DEM-08', '2026-03-15', '24.14', '2026-04-14')" "DEM-08, DEM-10: effect the day after sending, refund in 30 days"
# The effect being past, the resignation re-bills and refunds at once: nothing left to do.
"$MUTUA" $db --today 2026-03-20 account K3 --json > acct3.json
expect_json acct3.json '[(e["kind"], e["amount"]) for e in d["entries"] if e["kind"] in ("adjustment", "refund")]' \
  "[('adjustment', '24.14'), ('refund', '24.14')]" "BIL-06, DEM-10: K3's 24.14 refunded with the resignation"
"$MUTUA" $db --today 2026-03-20 worklist --json > w2.json
expect_json w2.json '[i["kind"] for i in d["items"] if i["contract_id"] == "K3" and i["rule"] == "DEM-10"]' "[]" \
  "DEM-10: a refund paid is not on the work list"

echo "# DEM-09: K4's resignation notified by the new insurer (L221-10-2)"
expect_exit 3 "DEM-09: the new insurer's name is required" -- \
  "$MUTUA" $db --today 2026-04-10 member resign K4 --kind new-insurer --received 2026-04-10
expect_exit 4 "DEM-02: not in the first year (K5, 2025-12-15)" -- \
  "$MUTUA" $db --today 2025-12-15 member resign K5 --kind new-insurer --received 2025-12-15 --insurer "Mutuelle Nouvelle"
expect_exit 0 "DEM-09: K4, notified 2026-04-10 by Mutuelle Nouvelle" -- \
  "$MUTUA" $db --today 2026-04-10 member resign K4 --kind new-insurer --received 2026-04-10 --insurer "Mutuelle Nouvelle" --json
cp stdout k4.json
# One month after notification: 2026-05-10. May taken as paid: 46.78 - 46.78 x 10/31
# (15.090 -> 15.09) = 31.69, refunded by 2026-05-10 + 30 = 2026-06-09.
expect_json k4.json '(d["rule"], d["effective_date"], d["refund"], d["refund_deadline"], d["new_insurer"])' \
  "('DEM-09', '2026-05-10', '31.69', '2026-06-09', 'Mutuelle Nouvelle')" "DEM-09, DEM-10: one month after notification"

echo "# DEM-10: the refund deadline on the work list; late until billing run pays it"
"$MUTUA" $db --today 2026-04-20 worklist --json > w3.json
expect_json w3.json '[(i["kind"], i["date"]) for i in d["items"] if i["contract_id"] == "K4" and i["rule"] == "DEM-10"]' \
  "[('refund_due', '2026-06-09')]" "DEM-10: K4's refund and its deadline on the work list"
expect_json w3.json '"refund 31.69" in [i["detail"] for i in d["items"] if i["kind"] == "refund_due"][0]' True \
  "DEM-10: the amount owed"
"$MUTUA" $db --today 2026-04-21 billing run >/dev/null
"$MUTUA" $db --today 2026-06-15 worklist --json > w4.json
expect_json w4.json '[(i["kind"], i["date"]) for i in d["items"] if i["contract_id"] == "K4" and i["rule"] == "DEM-10"]' \
  "[('refund_late', '2026-06-09')]" "DEM-10: not paid by 2026-06-09: late, visible"
expect_exit 0 "BIL-06: billing run on 2026-06-16 pays it" -- \
  "$MUTUA" $db --today 2026-06-16 billing run --json
# Paid 233.90 for 4 x 46.78 + May 1-10 (15.09) = 202.21: credit 31.69, the DEM-09 refund.
expect_json stdout '(d["refunds"], d["refunded"])' "(1, '31.69')" "BIL-06: K4's 31.69 refunded"
"$MUTUA" $db --today 2026-06-17 worklist --json > w5.json
expect_json w5.json '[i["kind"] for i in d["items"] if i["contract_id"] == "K4" and i["rule"] == "DEM-10"]' "[]" \
  "DEM-10: a paid refund leaves the work list"

echo "# DEM-01: an annual letter counts by its sending date"
expect_exit 4 "DEM-01: received 2026-11-03 without the sending date: refused" -- \
  "$MUTUA" $db --today 2026-11-03 member resign K5 --kind annual --received 2026-11-03
expect_exit 0 "DEM-01: sent 2026-10-31, received 2026-11-03: in time" -- \
  "$MUTUA" $db --today 2026-11-03 member resign K5 --kind annual --received 2026-11-03 --sent 2026-10-31 --json
expect_json stdout '(d["rule"], d["effective_date"])' "('DEM-01', '2026-12-31')" "DEM-01: effective at the due date"

finish
