#!/usr/bin/env bash
# Hostile input (issue 14, items 11 and 12), through the real binary: amounts over their bounds
# (config/regulation.yaml bounds.*), amounts at the edge of int64 cents, RO amounts that do not
# match base × rate, care in the future, a tariff that would overflow billing, identifiers that
# are paths, and text with NUL, invalid UTF-8, line feeds or 10 MB. Each is refused naming file,
# line and field (exit 3) with nothing written, or rejected with its line under --skip-invalid.
source "$(dirname "$0")/lib.bash"

BDB="$(db_target b)"
db="--db $BDB"
"$MUTUA" $db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
M=contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,end_date
printf '%s\nK1,B1,member,DURAND,Paul,1980-04-02,LABEL2,2026-01-01,\nK2,B2,member,PETIT,Marc,1975-01-20,LABEL2,2026-01-01,\n' "$M" > members.csv
expect_exit 0 "members imported" -- "$MUTUA" $db members import members.csv

echo "# Payments: an amount over bounds.payment.amount_max is refused, the ledger untouched"
entries() { db_count "$BDB" ledger; }
before=$(entries)
printf 'contract_id,date,amount,method,reference\nK1,2026-02-10,1000000000000.00,transfer,VIR-1\n' > pay_huge.csv
expect_exit 3 "a payment of 1,000,000,000,000.00 is refused" -- \
  "$MUTUA" $db --today 2026-02-12 payments import pay_huge.csv
expect_contains stderr "pay_huge.csv:2: amount: over the maximum of 100000.00 (bounds.payment.amount_max)" \
  "the payment error names file, line and field"
printf 'contract_id,date,amount,method,reference\nK1,2026-02-10,92233720368547758.07,transfer,VIR-2\n' > pay_max.csv
expect_exit 3 "a payment of 92233720368547758.07 (int64 cents) is refused" -- \
  "$MUTUA" $db --today 2026-02-12 payments import pay_max.csv
expect_contains stderr "pay_max.csv:2: amount: over the maximum" "the int64 payment error names the field"
[ "$(entries)" = "$before" ] && pass "no ledger entry written" || fail "ledger entries written"
expect_exit 0 "the account still reads" -- "$MUTUA" $db --today 2026-02-12 account K1
printf 'contract_id,date,amount,method,reference\nK1,2026-02-10,12.00,transfer,"VIR\n3"\n' > pay_lf.csv
expect_exit 3 "a payment reference with a line feed is refused" -- \
  "$MUTUA" $db --today 2026-02-12 payments import pay_lf.csv
expect_contains stderr "pay_lf.csv:2: reference: control character" "the reference error names the field"

echo "# Care lines: bounds, future dates, RO consistency"
H=claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,act_code,quantity,charged,base,ro_rate,ro_paid,flat_fee,franchise,optam,out_of_pathway,basket,country,emergency,prior_approval,other_payers,payee,provider
good1="C1,1,K1,B1,2026-02-10,2026-02-12,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,"
good2="C2,1,K2,B2,2026-03-10,2026-03-12,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,"
huge="C3,1,K1,B1,2026-04-10,2026-04-12,HOSP_FEES,GHS,1,100000000000000.00,100000000000000.00,80,80000000000000.00,0.00,0.00,,0,,FR,0,0,0.00,member,"
overflow="C3,1,K1,B1,2026-04-10,2026-04-12,CONSULT_GP,G,1,92233720368547758.07,30.00,70,19.00,92233720368547758.07,0.00,1,0,,FR,0,0,0.00,member,"
printf '%s\n%s\n%s\n%s\n' "$H" "$good1" "$huge" "$good2" > huge.csv
expect_exit 3 "a 100-trillion-euro care line stops the run" -- \
  "$MUTUA" $db --today 2026-12-31 claims run --in huge.csv --out huge.out.csv
expect_contains stderr "huge.csv:3: charged: over the maximum of 1000000.00 (bounds.care_line.amount_max)" \
  "the care-line error names file, line and field"
[ ! -e huge.out.csv ] && pass "no decisions file written" || fail "decisions file written"
n=$(db_count "$BDB" claim_decisions)
[ "$n" = 0 ] && pass "no decision stored" || fail "$n decisions stored"

printf '%s\n%s\n%s\n%s\n' "$H" "$good1" "$overflow" "$good2" > overflow.csv
expect_exit 0 "--skip-invalid: an overflowing line is rejected, the run goes on" -- \
  "$MUTUA" $db --today 2026-12-31 claims run --in overflow.csv --out overflow.out.csv --skip-invalid --json
expect_json stdout 'd["invalid"], d["by_status"]["PAID"]["lines"]' "(1, 2)" \
  "--skip-invalid: one line rejected, the two others paid"
expect_contains overflow.out.csv.rejects.csv "overflow.csv:3: charged: over the maximum" \
  "--skip-invalid: the rejected line carries its line number and reason"

rc="C4,1,K1,B1,2026-05-10,2026-05-12,CONSULT_GP,G,1,30.00,30.00,70,28.00,2.00,0.00,1,0,,FR,0,0,0.00,member,"
printf '%s\n%s\n' "$H" "$rc" > ro.csv
expect_exit 3 "ro_paid inconsistent with base x ro_rate is refused" -- \
  "$MUTUA" $db --today 2026-12-31 claims run --in ro.csv --out ro.out.csv
expect_contains stderr "ro.csv:2: ro_paid: ro_paid + flat_fee + franchise = 30.00 but base 30.00 x ro_rate 70% = 21.00" \
  "the RO error names file, line and field"
future="C5,1,K1,B1,2026-06-10,2026-06-12,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,"
printf '%s\n%s\n' "$H" "$future" > future.csv
expect_exit 3 "care after the business date is refused" -- \
  "$MUTUA" $db --today 2026-06-01 claims run --in future.csv --out future.out.csv
expect_contains stderr "future.csv:2: care_date: in the future: 2026-06-10 is after the business date 2026-06-01" \
  "the future-date error names file, line and field"
expect_exit 3 "received after the business date is refused" -- \
  "$MUTUA" $db --today 2026-06-11 claims run --in future.csv --out future.out.csv
expect_contains stderr "future.csv:2: received_date: in the future" "the received-date error names the field"

echo "# Catalogue: a tariff of 9.2e16 is refused by catalogue check"
sed 's/member: \[31.20,/member: [92233720368547758.07,/' "$DATA/catalogue_small.yaml" > huge_tariff.yaml
grep -q 92233720368547758.07 huge_tariff.yaml || fail "test setup: tariff not replaced"
expect_exit 3 "a huge tariff fails catalogue check" -- "$MUTUA" catalogue check huge_tariff.yaml
expect_contains stderr "huge_tariff.yaml:11: member[0]: TLAB 2026 band" "the tariff error names file, line and field"
expect_contains stderr "over the maximum of 10000.00 (bounds.tariff.monthly_max)" "the tariff error names the bound"
expect_exit 3 "and catalogue load refuses it" -- "$MUTUA" --db "$(db_target t)" catalogue load huge_tariff.yaml

echo "# Identifiers and text in the members file"
bad_members() { # NAME ROW EXPECTED
  printf '%s\n%s\n' "$M" "$2" > "$1.csv"
  expect_exit 3 "members: $1 refused" -- "$MUTUA" $db members import "$1.csv"
  expect_contains stderr "$3" "members: $1 names file, line and field"
}
bad_members escaped "../escaped,B9,member,DURAND,Paul,1980-04-02,LABEL2,2026-01-01," \
  "escaped.csv:2: contract_id: identifier may hold only letters, digits"
bad_members slash "K9,a/b,member,DURAND,Paul,1980-04-02,LABEL2,2026-01-01," \
  "slash.csv:2: beneficiary_id: identifier may hold only"
bad_members latin1 "$(printf 'K9,B9,member,DUR\xe9,Paul,1980-04-02,LABEL2,2026-01-01,')" \
  "latin1.csv:2: last_name: invalid UTF-8 at byte 4"
bad_members linefeed "$(printf 'K9,B9,member,"DUR\nAND",Paul,1980-04-02,LABEL2,2026-01-01,')" \
  "linefeed.csv:2: last_name: control character at byte 4 (line feed)"
printf '%s\nK9,B9,member,DUR\0AND,Paul,1980-04-02,LABEL2,2026-01-01,\n' "$M" > nul.csv
expect_exit 3 "members: a NUL refused" -- "$MUTUA" $db members import nul.csv
expect_contains stderr "nul.csv:2: last_name: control character at byte 4 (NUL)" "members: the NUL names file, line and field"
python3 -c "import sys; sys.stdout.write('$M\nK9,B9,member,' + 'A' * (10 << 20) + ',Paul,1980-04-02,LABEL2,2026-01-01,\n')" > big.csv
expect_exit 3 "members: a 10 MB field refused" -- "$MUTUA" $db members import big.csv
expect_contains stderr "big.csv:2: record: record longer than 1048576 bytes" "members: the 10 MB record names file and line"
n=$(db_count "$BDB" contracts)
[ "$n" = 2 ] && pass "no contract written by a refused import" || fail "$n contracts"

echo "# documents: an id that is a path never writes outside --out"
expect_exit 3 "documents ../escaped refused" -- \
  "$MUTUA" $db --today 2026-02-12 documents ../escaped --kind card --out out
expect_contains stderr "CONTRACT: identifier may hold only" "documents: the error names the argument"
[ ! -e escaped-card-2026-02-12.pdf ] && pass "nothing written outside out" || fail "a file escaped out"

echo "# Enrolment JSON, rectification, privacy requests, conventions"
python3 - "$ROOT/tests/data/enrolment.json" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
def write(name, change):
    d = json.loads(json.dumps(base)); change(d); json.dump(d, open(name, "w"), ensure_ascii=False)
write("enrol_escaped.json", lambda d: d.update(contract_id="../escaped"))
write("enrol_nul.json", lambda d: d["member"].update(last_name="MAR\u0000TIN"))
write("enrol_big.json", lambda d: d.update(address="x" * (10 << 20)))
write("enrol_ok.json", lambda d: d.update(address="12 rue de la République\n42400 Saint-Chamond"))
PY
expect_exit 3 "enrolment: contract_id ../escaped refused" -- \
  "$MUTUA" $db --today 2026-03-10 member enrol --request enrol_escaped.json
expect_contains stderr "contract_id: identifier may hold only" "enrolment: the error names the field"
expect_exit 3 "enrolment: a NUL in a name refused" -- \
  "$MUTUA" $db --today 2026-03-10 member enrol --request enrol_nul.json
expect_contains stderr "member.last_name: control character at byte 4 (NUL)" "enrolment: the NUL names the field"
expect_exit 3 "enrolment: a 10 MB address refused" -- \
  "$MUTUA" $db --today 2026-03-10 member enrol --request enrol_big.json
expect_contains stderr "address: text longer than 500 bytes" "enrolment: the long address names the field"
expect_exit 0 "enrolment: a two-line address is accepted" -- \
  "$MUTUA" $db --today 2026-03-10 member enrol --request enrol_ok.json

expect_exit 3 "rectification: a line feed in a name refused" -- \
  "$MUTUA" $db --today 2026-03-10 privacy rectify B1 --field last_name --value "$(printf 'DU\nRAND')"
expect_contains stderr "--value: control character at byte 3 (line feed)" "rectification: the error names the option"
expect_exit 3 "rectification: invalid UTF-8 in an e-mail refused" -- \
  "$MUTUA" $db --today 2026-03-10 privacy rectify B1 --field email --value "$(printf 'p\xe9@example.fr')"
expect_contains stderr "--value: invalid UTF-8 at byte 2" "rectification: the e-mail error names the option"
expect_exit 3 "privacy request: invalid UTF-8 details refused" -- \
  "$MUTUA" $db --today 2026-03-10 privacy request open B1 --kind access --details "$(printf 'copie \xff')"
expect_contains stderr "--details: invalid UTF-8" "privacy request: the error names the option"
expect_exit 3 "convention: a signatory with a line feed refused" -- \
  "$MUTUA" $db --today 2025-03-20 partners convention add --commune 42207 --commune-name Saint-Chamond \
  --mutuelle MILTIS --mutuelle-name "Mutuelle MILTIS" --signed 2025-03-17 \
  --commune-signatory "$(printf 'M. X\nMaire')"
expect_contains stderr "--commune-signatory: control character" "convention: the error names the option"

# SQLite only: a PostgreSQL database (UTF8) refuses invalid UTF-8 in text, so no such name can
# be stored there.
if [ "$MUTUA_TEST_DB" = sqlite ]; then
  echo "# A name stored before these checks (invalid UTF-8) never breaks a JSON answer"
  db_exec "$BDB" "update beneficiaries set last_name = cast(x'445552c1' as text) where beneficiary_id = 'B2'"
  expect_exit 0 "privacy export with a stored invalid name" -- \
    "$MUTUA" $db --today 2026-03-10 privacy export B2 --out b2.zip --json
  unzip -p b2.zip personne.json > personne.json 2>/dev/null || true
  expect_contains personne.json "DUR" "the export's personne.json is written (invalid bytes replaced)"
fi

finish
