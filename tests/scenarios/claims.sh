#!/usr/bin/env bash
# Reimbursements computed by hand, end to end through the real binary: load the catalogue,
# import members, record a suspension and a contract in arrears, `mutua claims run`, compare
# every decision; then explain, re-run, dry run, bad input and --skip-invalid.
# Rules: BEN-01 BEN-02 BEN-04 BEN-05 BEN-08 BEN-09 BEN-10 BEN-11 BEN-12 BEN-13 BEN-14 BEN-15 ADH-07 GDPR-02
#        CES-01 SUS-01
source "$(dirname "$0")/lib.bash"

CDB="$(db_target c)"
db="--db $CDB"
"$MUTUA" $db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
cat > members.csv <<'CSV'
contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,end_date
K1,B1,member,DURAND,Paul,1980-04-02,LABEL2,2026-01-01,
K1,B2,child,DURAND,Lea,2010-06-12,LABEL2,2026-03-01,2026-09-30
K2,B3,member,PETIT,Marc,1975-01-20,LABEL2,2026-01-01,
K3,B4,member,ROUX,Ines,1990-11-11,LABEL2,2026-01-01,
CSV
"$MUTUA" $db members import members.csv >/dev/null
expect_exit 0 "SUS-01: suspension for a stay abroad recorded" -- \
  "$MUTUA" $db member suspend K3 --from 2026-06-01 --to 2026-08-31 --reason abroad --notified 2026-05-01
expect_exit 4 "SUS-01: an overlapping suspension is refused" -- \
  "$MUTUA" $db member suspend K3 --from 2026-08-01 --to 2026-09-30 --reason abroad --notified 2026-07-01
expect_exit 0 "BEN-09: contract K2 under formal notice" -- \
  "$MUTUA" $db members collection K2 --status notice --since 2026-04-10

H=claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,act_code,quantity,charged,base,ro_rate,ro_paid,flat_fee,franchise,optam,out_of_pathway,basket,country,emergency,prior_approval,other_payers,payee,provider
cat > lines.csv <<CSV
$H
C1,1,K1,B1,2026-02-10,2026-02-12,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,
C1,2,K1,B1,2026-02-10,2026-02-12,CONSULT_GP,G,1,50.00,30.00,70,19.00,2.00,0.00,0,0,,FR,0,0,0.00,member,
C2,1,K1,B1,2026-03-03,2026-03-10,PRIVATE_ROOM,CHP,3,240.00,0.00,,0.00,0.00,0.00,,0,,FR,0,0,0.00,provider,P77
C3,1,K1,B2,2026-02-15,2026-02-20,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,
C3,2,K1,B2,2026-10-05,2026-10-07,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,
C4,1,K2,B3,2026-05-02,2026-05-05,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,
C5,1,K3,B4,2026-07-01,2026-07-09,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,
C6,1,K1,B1,2026-01-05,2028-01-06,PHARMA_65,CIP,1,10.00,10.00,65,6.50,0.00,0.00,,0,,FR,0,0,0.00,member,
C1,1,K1,B1,2026-02-10,2026-02-12,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,
C7,1,K1,B1,2026-04-01,2026-04-20,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,ES,0,0,0.00,member,
C8,1,K1,B1,2026-04-02,2026-04-09,DENTAL_PROSTH_FREE,HBLD,1,1500.00,120.00,60,72.00,0.00,0.00,,0,FREE,FR,0,0,0.00,member,
C9,1,K1,B1,2026-04-03,2026-04-09,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,5.00,member,
C10,1,K1,B1,2026-04-04,2026-04-09,CONSULT_GP,G,1,30.00,30.00,30,7.00,2.00,0.00,1,1,,FR,0,0,0.00,member,
C11,1,K1,B1,2026-05-04,2026-05-09,ALT_MEDICINE,OST,5,300.00,0.00,,0.00,0.00,0.00,,0,,FR,0,0,0.00,member,
CSV

# Hand computation (LABEL2; RO gross = ro_paid + flat fee + franchise, BEN-04):
# C1/1  GP OPTAM 150%: min(30, 45) − 21 = 9.00; the member keeps the 2.00 flat fee (BEN-01/04)
# C1/2  GP non-OPTAM 130%: min(50, 39) − 21 = 18.00; remaining 50 − 19 − 18 = 13.00 (BEN-05)
# C2/1  private room 50.00 × 3 days = 150.00, paid to the provider P77 (BEN-13)
# C3/1  child's rights open 2026-03-01: NO_RIGHTS (ADH-07); C3/2 ended 2026-09-30 (CES-01)
# C4/1  K2 under formal notice: PENDING ARREARS (BEN-09)
# C5/1  K3 suspended 2026-06-01..08-31: SUSPENDED (SUS-01)
# C6/1  received more than two years after the care: PRESCRIBED (BEN-11)
# C1/1 again: DUPLICATE, nothing paid (BEN-12)
# C7/1  planned care in Spain without approval: ABROAD_NO_APPROVAL (BEN-10)
# C8/1  crown outside the basket 225%: 270 − 72 = 198.00, under the 1000.00 cap (BEN-08)
# C9/1  other payers 5.00: formula 9.00, indemnity 30 − 21 − 5 = 4.00 (BEN-02)
# C10/1 out of pathway: formula counts 30 × 70% = 21 as RO: 45→30 − 21 = 9.00; remaining
#       30 − 7 − 9 = 14.00 (BEN-04)
# C11/1 osteopathy 30.00 × 4 sessions left of 4 = 120.00, CAP_COUNT (BEN-08)
cat > expected.csv <<'CSV'
claim_id,line,status,rc,remaining,reasons
C1,1,PAID,9.00,2.00,
C1,2,PAID,18.00,13.00,
C2,1,PAID,150.00,90.00,
C3,1,REJECTED,0.00,11.00,NO_RIGHTS
C3,2,REJECTED,0.00,11.00,NO_RIGHTS
C4,1,PENDING,0.00,11.00,ARREARS
C5,1,REJECTED,0.00,11.00,SUSPENDED
C6,1,REJECTED,0.00,3.50,PRESCRIBED
C1,1,DUPLICATE,0.00,11.00,DUPLICATE
C7,1,REJECTED,0.00,11.00,ABROAD_NO_APPROVAL
C8,1,PAID,198.00,1230.00,
C9,1,PAID,4.00,2.00,INDEMNITY
C10,1,PAID,9.00,14.00,OUT_OF_PATHWAY
C11,1,PAID,120.00,180.00,CAP_COUNT
CSV

expect_exit 0 "dry run" -- "$MUTUA" $db --today 2028-01-31 claims run --in lines.csv --out dry.csv --dry-run
if cmp -s dry.csv expected.csv; then pass "dry run: every decision as computed by hand"; else
  fail "dry run decisions differ"; diff expected.csv dry.csv | head -20; fi
n=$(db_count "$CDB" claim_decisions)
[ "$n" = 0 ] && pass "dry run wrote nothing to the database" || fail "dry run stored $n decisions"

expect_exit 0 "claims run" -- "$MUTUA" $db --today 2028-01-31 claims run --in lines.csv --out dec.csv --json
if cmp -s dec.csv expected.csv; then pass "every decision as computed by hand"; else
  fail "decisions differ"; diff expected.csv dec.csv | head -20; fi
expect_contains stdout '"amount": "508.00"' "BEN-13: payments total 9 + 18 + 150 + 198 + 4 + 9 + 120"
got=$(db_rows "$CDB" claim_payments:payee,payee_ref,amount_cents | tr '\t\n' ': ')
[ "$got" = "member:K1:35800 provider:P77:15000 " ] && pass "BEN-13: one payment per payee" \
  || fail "payments: $got"

expect_exit 0 "explain a capped line" -- "$MUTUA" $db claims explain C11 1
expect_contains stdout "counted allowance: 4 units per period, 0 used, 4 left for 5" "BEN-15: explain shows the count"
expect_contains stdout "Result: PAID, complementary amount (RC) 120.00" "BEN-15: explain shows the result"
expect_exit 0 "explain the indemnity bound" -- "$MUTUA" $db --json claims explain C9 1
audited="$(db_rows "$CDB" audit_log:resource,role,target | grep -cE $'^care_lines\tcli\t(C11/1|C9/1)$' || true)"
if [ "$audited" = 2 ]; then pass "GDPR-02: each care line read from the command line is audited"; else
  fail "GDPR-02: care line reads audited: $audited of 2"; fi
expect_contains stdout '"replay_matches": true' "BEN-15: the replay matches the stored decision"
expect_contains stdout 'indemnity: charged 30.00' "BEN-02: explain shows the indemnity bound"
expect_exit 3 "explain an unknown line" -- "$MUTUA" $db claims explain C404 1

expect_exit 0 "the same file again" -- "$MUTUA" $db --today 2028-01-31 claims run --in lines.csv --out again.csv
dups=$(tail -n +2 again.csv | grep -c ',DUPLICATE,0.00,' || true)
[ "$dups" = 14 ] && pass "BEN-12: every line of a re-run is a duplicate" || fail "re-run: $dups duplicates"
paid=$(db_rows "$CDB" claim_payments:amount_cents | awk '{ s += $1 } END { print s }')
[ "$paid" = 50800 ] && pass "BEN-12: re-running the file paid nothing more" || fail "paid $paid"

# Bad input: each stops the run, names file, line and field, and writes nothing.
before=$(db_count "$CDB" claim_decisions)
bad() { # NAME SED-EXPRESSION EXPECTED-TEXT
  sed "$2" lines.csv | sed 's/^C\([0-9]*\),/X\1,/' > "$1.csv"
  expect_exit 3 "bad input: $1" -- "$MUTUA" $db --today 2028-01-31 claims run --in "$1.csv" --out "$1.out.csv"
  expect_contains "$WORK/stderr" "$3" "bad input: $1 names file, line and field"
  [ ! -e "$1.out.csv" ] && pass "bad input: $1 wrote no decisions file" || fail "$1: decisions file written"
}
bad unknown_category '4s/PRIVATE_ROOM/SPA_DAY/' "unknown_category.csv:4: category: unknown care category 'SPA_DAY'"
bad bad_money '3s/50\.00/5O.00/' 'bad_money.csv:3: charged:'
bad unknown_beneficiary '5s/,B2,/,B9,/' "unknown_beneficiary.csv:5: beneficiary_id: unknown beneficiary 'B9'"
sed 's/,ro_paid//; s/^\(\([^,]*,\)\{11\}\)[^,]*,/\1/' lines.csv > missing_column.csv
expect_exit 3 "bad input: missing column" -- "$MUTUA" $db --today 2028-01-31 claims run --in missing_column.csv --out m.csv
expect_contains "$WORK/stderr" "missing_column.csv:1: ro_paid: required column missing" "missing column named"
after=$(db_count "$CDB" claim_decisions)
[ "$before" = "$after" ] && pass "bad input wrote nothing to the database" || fail "$before → $after"

# --skip-invalid: the bad line goes to the rejects file, the others are decided.
sed '4s/PRIVATE_ROOM/SPA_DAY/; s/^C\([0-9]*\),/S\1,/' lines.csv > skip.csv
expect_exit 0 "--skip-invalid goes on" -- "$MUTUA" $db --today 2028-01-31 claims run --in skip.csv --out skip.out.csv --skip-invalid
expect_contains skip.out.csv.rejects.csv "SPA_DAY" "the invalid line is in the rejects file"
expect_contains skip.out.csv.rejects.csv "skip.csv:4: category: unknown care category" "with its error"
rows=$(($(wc -l < skip.out.csv) - 1))
[ "$rows" = 13 ] && pass "the 13 valid lines are decided" || fail "$rows decisions"

# BEN-14: an accident caused by a third party: what is paid becomes recoverable from them.
cat > accident.csv <<CSV
$H,third_party
T1,1,K1,B1,2026-06-10,2026-06-12,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,,ASSUREUR-TIERS-42
CSV
expect_exit 0 "a line with a liable third party" -- "$MUTUA" $db --today 2028-01-31 claims run --in accident.csv --out accident.out.csv
expect_contains stdout "recoverable from liable third parties: 1 lines, 9.00 (BEN-14)" "BEN-14: run summary"
got=$(db_rows "$CDB" claim_recoveries:third_party,amount_cents | tr '\t' ':')
[ "$got" = "ASSUREUR-TIERS-42:900" ] && pass "BEN-14: 9.00 recorded as recoverable" || fail "recoveries: $got"
expect_exit 0 "explain it" -- "$MUTUA" $db claims explain T1 1
expect_contains stdout "Recoverable from the liable third party ASSUREUR-TIERS-42: 9.00 (BEN-14)" "BEN-14: explain says it"

finish
