#!/usr/bin/env bash
# The start of an adhesion and its dependants, as the règlement tells it (art. 2, 3, 4, 20):
# enrolment files, missing items, effective dates, children's conditions and proofs, the work
# list and the rights-ending letter. Dated events, expected states, both sides of each boundary.
# Rules: ADH-01 ADH-02 ADH-04 ADH-07 ELIG-01 ELIG-02 ELIG-03 ELIG-04 ELIG-05 ELIG-06 ELIG-07
#        ELIG-08 BIL-03 BIL-05 DOC-02
source "$(dirname "$0")/lib.bash"

SDB="$(db_target s)"
db="--db $SDB"
"$MUTUA" $db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null

echo "# ADH-01 / ADH-04: a file with items missing has no effective date"
cat > martin.json <<'JSON'
{
  "contract_id": "E1",
  "product": "LABEL2",
  "signed": "2026-03-10",
  "iban": "FR7630006000011234567890189",
  "address": "12 rue de la République, 42400 Saint-Chamond",
  "member": {"beneficiary_id": "E1-M", "last_name": "MARTIN", "first_name": "Élodie",
             "birth_date": "1984-05-03", "employer": "Commune de Saint-Chamond",
             "civil_service_entry": "2015-09-01", "last_coverage_end": "2019-12-31"},
  "dependants": [
    {"beneficiary_id": "E1-S", "role": "spouse", "relation": "pacs", "last_name": "MARTIN",
     "first_name": "Hugo", "birth_date": "1983-01-15"},
    {"beneficiary_id": "E1-Z", "role": "child", "condition": "student", "last_name": "MARTIN",
     "first_name": "Zoé", "birth_date": "2007-06-20"},
    {"beneficiary_id": "E1-L", "role": "child", "condition": "minor", "last_name": "MARTIN",
     "first_name": "Léo", "birth_date": "2008-05-10"}
  ],
  "received": [{"item": "first_contribution", "date": "2026-03-10"}]
}
JSON
expect_exit 0 "ADH-01: enrolment recorded" -- \
  "$MUTUA" $db --today 2026-03-10 member enrol --request martin.json --json
cp stdout e1.json
expect_json e1.json 'd["status"]' incomplete "ADH-01: incomplete"
expect_json e1.json 'd["effective_date"]' None "ADH-01: no effective date while incomplete"
expect_json e1.json '[m["item"] for m in d["missing"]]' \
  "['sepa_mandate', 'majoration_proof', 'civil_service_entry_proof', 'proof:E1-Z']" \
  "ADH-04/BIL-03/ELIG-08: mandate, majoration proofs and the student's certificate missing"
"$MUTUA" $db member rights E1-M --date 2026-03-20 --json > r.json
expect_json r.json 'd["status"]' not_started "ADH-01: no rights while the file is incomplete"
expect_exit 3 "an item that is not part of the file" -- \
  "$MUTUA" $db --today 2026-03-12 member receive E1 --item medical_questionnaire
expect_exit 3 "the first contribution cannot be 'not produced'" -- \
  "$MUTUA" $db --today 2026-03-12 member receive E1 --item sepa_mandate --not-produced
"$MUTUA" $db --today 2026-03-12 member receive E1 --item sepa_mandate --date 2026-03-11 >/dev/null
"$MUTUA" $db --today 2026-03-14 member receive E1 --item majoration_proof --date 2026-03-14 \
  --reference "JA-MGEN-2019" >/dev/null
"$MUTUA" $db --today 2026-03-14 member receive E1 --item civil_service_entry_proof \
  --not-produced --date 2026-03-14 >/dev/null

echo "# ELIG-08: a proof of the wrong type is refused and changes nothing"
expect_exit 4 "ELIG-08: an employment-agency attestation does not prove studies" -- \
  "$MUTUA" $db --today 2026-03-16 member proof add E1-Z --type job_seeker_attestation \
  --from 2026-01-01 --to 2026-12-31 --reference FT-1
expect_contains stderr "error: ELIG-08:" "ELIG-08: the refusal names the rule"
expect_exit 3 "impossible validity date" -- \
  "$MUTUA" $db --today 2026-03-16 member proof add E1-Z --type school_certificate \
  --from 2025-09-01 --to 2026-02-30 --reference C-1
"$MUTUA" $db member rights E1-M --date 2026-03-20 --json > r.json
expect_json r.json 'd["status"]' not_started "nothing changed: still not started"

echo "# ADH-01: the last item completes the file; effect the next day"
expect_exit 0 "ELIG-04: school certificate received 2026-03-16 completes the file" -- \
  "$MUTUA" $db --today 2026-03-16 member proof add E1-Z --type school_certificate \
  --from 2025-09-01 --to 2026-08-31 --reference "CS-2025-LYON-2" --json
cp stdout p.json
expect_json p.json 'd["enrolment"]["status"]' active "ADH-01: complete"
expect_json p.json 'd["enrolment"]["effective_date"]' 2026-03-17 "ADH-01: effective the day after the complete file"
for d in 2026-03-16:not_started 2026-03-17:open; do
  "$MUTUA" $db member rights E1-S --date "${d%%:*}" --json > r.json
  expect_json r.json 'd["status"]' "${d##*:}" "ADH-07: the spouse on ${d%%:*} is ${d##*:}"
done

echo "# ELIG-07: a child's rights end at the end of the month its condition ends"
# Zoé (student, 18): certificate valid to 2026-08-31 → rights end 2026-08-31.
# Léo (minor): 18 on 2026-05-10 → last eligible day 2026-05-09 → rights end 2026-05-31.
for d in E1-Z:2026-08-31:open E1-Z:2026-09-01:closed E1-L:2026-05-31:open E1-L:2026-06-01:closed; do
  IFS=: read -r who day want <<<"$d"
  "$MUTUA" $db member rights "$who" --date "$day" --json > r.json
  expect_json r.json 'd["status"]' "$want" "ELIG-07: $who on $day is $want"
done
"$MUTUA" $db member rights E1-L --date 2026-06-01 --json > r.json
expect_json r.json 'd["reasons"][0].split(":")[0]' ELIG-07 "ELIG-07: closed, and why"

echo "# ELIG-07: the work list warns 60 days ahead"
"$MUTUA" $db --today 2026-04-01 worklist --json > w.json
expect_json w.json 'sorted((i["kind"], i.get("beneficiary_id")) for i in d["items"] if i["kind"] in ("rights_ending","proof_expiring"))' \
  "[('rights_ending', 'E1-L')]" "ELIG-07: on 2026-04-01 only Léo's end (2026-05-31) is within 60 days"
"$MUTUA" $db --today 2026-07-15 worklist --json > w.json
expect_json w.json 'sorted((i["kind"], i.get("beneficiary_id"), i["date"]) for i in d["items"] if i["kind"] in ("rights_ending","proof_expiring"))' \
  "[('proof_expiring', 'E1-Z', '2026-08-31'), ('rights_ending', 'E1-Z', '2026-08-31')]" \
  "ELIG-08: on 2026-07-15 Zoé's certificate and rights end within 60 days"
expect_exit 0 "ELIG-07: the rights-ending letter" -- \
  "$MUTUA" $db --today 2026-07-15 documents E1 --kind rights_ending --out out
pdftotext -layout "$(cat stdout)" end.txt
expect_contains end.txt "Fin des droits de vos ayants droit" "DOC-02: French title"
expect_contains end.txt "Zoé MARTIN" "ELIG-07: Zoé is named"
expect_contains end.txt "31 août 2026" "ELIG-07: her end date"
expect_exit 0 "ELIG-04: next year's certificate keeps her rights" -- \
  "$MUTUA" $db --today 2026-08-20 member proof add E1-Z --type school_certificate \
  --from 2026-09-01 --to 2027-08-31 --reference "CS-2026-LYON-3" --json
cp stdout p.json
expect_json p.json 'd["rights_end"]' 2027-08-31 "ELIG-07: rights now end 2027-08-31"

echo "# ELIG-02..06: dependants added later"
expect_exit 4 "ELIG-02: a second partner while Hugo is covered" -- \
  "$MUTUA" $db --today 2026-04-01 member add-dependant E1 --id E1-X --role spouse --relation spouse \
  --last-name DUPONT --first-name Max --birth-date 1980-01-01
expect_contains stderr "error: ELIG-02:" "ELIG-02 named"
expect_exit 4 "ELIG-06: a job seeker aged 20 is too old" -- \
  "$MUTUA" $db --today 2026-04-01 member add-dependant E1 --id E1-J --role child --condition job_seeker \
  --last-name MARTIN --first-name Jules --birth-date 2006-03-01 --proof-type job_seeker_attestation \
  --proof-from 2026-01-01 --proof-to 2026-12-31 --proof-reference FT-9
expect_contains stderr "error: ELIG-06:" "ELIG-06 named"
expect_exit 4 "ELIG-05: an apprentice without the contract" -- \
  "$MUTUA" $db --today 2026-04-01 member add-dependant E1 --id E1-A --role child --condition apprentice \
  --last-name MARTIN --first-name Ana --birth-date 2005-09-09
expect_contains stderr "error: ELIG-08:" "ELIG-08: a condition without its proof"
expect_exit 0 "ELIG-05: an apprentice with the contract" -- \
  "$MUTUA" $db --today 2026-04-01 member add-dependant E1 --id E1-A --role child --condition apprentice \
  --last-name MARTIN --first-name Ana --birth-date 2005-09-09 --proof-type apprenticeship_contract \
  --proof-from 2025-09-01 --proof-to 2027-06-30 --proof-reference CA-2025-77 --json
cp stdout a.json
expect_json a.json 'd["start_date"]' 2026-04-02 "ADH-01: rights from the day after the request"
expect_json a.json 'd["end_date"]' 2027-06-30 "ELIG-07: to the end of the contract's month"
expect_exit 0 "ELIG-03: a newborn" -- \
  "$MUTUA" $db --today 2026-04-01 member add-dependant E1 --id E1-N --role child --condition minor \
  --last-name MARTIN --first-name Nina --birth-date 2026-03-28 --json
cp stdout n.json
expect_json n.json 'd["end_date"]' 2044-03-31 "ELIG-03: minor until the month of her 18th birthday"

echo "# ADH-02: express start, the subscription day; ELIG-01: a labelled product needs an employer"
cat > petit.json <<'JSON'
{"contract_id": "E2", "product": "LABEL2", "signed": "2026-04-01", "express_start": true,
 "covered_last_year": true, "payment_method": "cheque",
 "member": {"beneficiary_id": "E2-M", "last_name": "PETIT", "first_name": "Anaïs",
            "birth_date": "1991-12-24", "employer": "CNFPT"},
 "received": [{"item": "first_contribution", "date": "2026-04-03"},
              {"item": "coverage_justificatif", "date": "2026-04-03", "coverage_end": "2026-03-31"}]}
JSON
expect_exit 0 "ADH-02: express request" -- \
  "$MUTUA" $db --today 2026-04-03 member enrol --request petit.json --json
cp stdout e2.json
expect_json e2.json 'd["status"]' active "ADH-02: complete on receipt of the first contribution"
expect_json e2.json 'd["effective_date"]' 2026-04-01 "ADH-02: effective on the subscription day"
sed 's/"E2"/"E3"/; s/E2-M/E3-M/; s/"employer": "CNFPT"/"employer": ""/' petit.json > noemp.json
expect_exit 4 "ELIG-01: no employer on a labelled product" -- \
  "$MUTUA" $db --today 2026-04-03 member enrol --request noemp.json
expect_contains stderr "error: ELIG-01:" "ELIG-01 named"

echo "# Bad request files are refused whole"
count() { db_count "$SDB" enrolments contracts; }
before=$(count)
printf '{"product": "LABEL2", "signed": "2026-02-30", "member": {}}' > bad.json
expect_exit 3 "impossible date in the request" -- "$MUTUA" $db --today 2026-04-03 member enrol --request bad.json
expect_contains stderr "bad.json" "the error names the file"
expect_contains stderr "signed: not a date" "the error names the field"
sed 's/"E1"/"E4"/; s/E1-/E4-/g; s/"2008-05-10"/"1999-05-10"/' martin.json > old.json
expect_exit 4 "ELIG-03: a 'minor' aged 26" -- "$MUTUA" $db --today 2026-04-03 member enrol --request old.json
expect_contains stderr "error: ELIG-03:" "ELIG-03 named, too old for the claimed condition"
printf 'not json' > nojson.json
expect_exit 3 "not JSON" -- "$MUTUA" $db --today 2026-04-03 member enrol --request nojson.json
expect_exit 3 "an existing contract id" -- "$MUTUA" $db --today 2026-04-03 member enrol --request martin.json
[ "$before" = "$(count)" ] && pass "nothing written by refused requests" || fail "state changed"

finish
