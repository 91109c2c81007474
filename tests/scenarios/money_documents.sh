#!/usr/bin/env bash
# Issue 15, documents: the formal notice (one date, never without a postal address, the ten days
# read as "the due date is day 1": notice on day 10 after it), the reimbursement statement
# (décompte) of a payment and of a period, read back from the PDF to the cent, and the
# tiers-payant card with what a pharmacist reads. Through the real binary, config/catalogue.yaml.
# Rules: DUN-01 DOC-01 DOC-02 DOC-04 DOC-05 BEN-13 BEN-15
source "$(dirname "$0")/lib.bash"

MDB="$(db_target m)"
db="--db $MDB"
"$MUTUA" $db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
# K1 has a postal address, K2 none (LABEL: its tiers-payant domains are listed in the catalogue),
# K3 has one and receives benefits.
cat > members.csv <<'CSV'
contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,payment_frequency,last_coverage_end,address
K1,K1M,member,DURAND,Paul,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31,"12 rue de la République, 84000 Avignon"
K2,K2M,member,PETIT,Marc,1975-01-20,LABEL,2025-01-01,monthly,2024-12-31,
K3,K3M,member,ROUX,Inès,1990-11-11,LABEL2,2025-01-01,monthly,2024-12-31,3 place de l'Horloge 84000 Avignon
CSV
expect_exit 0 "members import with the address column" -- "$MUTUA" $db members import members.csv
"$MUTUA" $db --today 2025-12-01 billing run >/dev/null
"$MUTUA" $db --today 2026-01-01 billing run >/dev/null

echo "# DOC-01: the tiers-payant card, with what a pharmacist reads"
expect_exit 0 "DOC-05: K1's card on 2026-01-05" -- "$MUTUA" $db --today 2026-01-05 documents K1 --kind card --out cards
pdftotext -layout "$(cat stdout)" card1.txt
expect_contains card1.txt "Numéro AMC" "DOC-05: the AMC number's label"
expect_contains card1.txt "84000123" "DOC-05: the organism's AMC number (catalogue organism.amc_number)"
expect_contains card1.txt "Type de convention" "DOC-05: the convention type's label"
grep -E "Type de convention +SP" card1.txt >/dev/null && pass "DOC-05: convention type SP" || fail "DOC-05: convention type"
grep -E "Numéro d'adhérent +K1" card1.txt >/dev/null && pass "DOC-05: the member number" || fail "DOC-05: member number"
grep -E "Contrat responsable +Oui" card1.txt >/dev/null && pass "DOC-05: the contrat-responsable mark" || fail "DOC-05: responsible mark"
grep -E "Période de validité +du 5 janvier 2026 au 31 décembre 2026" card1.txt >/dev/null \
  && pass "DOC-05: valid from the day of issue to the end of the year" || fail "DOC-05: validity"
# LABEL2 lists no domain: the default, every domain its benefits cover (optics, dental, hearing...).
for row in "Pharmacie +PHAR +Oui" "Laboratoire d'analyses +LABO +Oui" "Radiologie +RADL +Oui" \
           "Optique +OPTI +Oui" "Dentaire +DENT +Oui" "Audioprothèses +AUDI +Oui" "Hospitalisation +HOSP +Oui"; do
  grep -E "$row" card1.txt >/dev/null && pass "DOC-05: LABEL2 domain: $row" || fail "DOC-05: LABEL2 domain: $row"
done
expect_exit 0 "DOC-05: K2's card (LABEL)" -- "$MUTUA" $db --today 2026-01-05 documents K2 --kind card --out cards
pdftotext -layout "$(cat stdout)" card2.txt
for row in "Pharmacie +PHAR +Oui" "Optique +OPTI +Non" "Dentaire +DENT +Non" "Audioprothèses +AUDI +Non" "Hospitalisation +HOSP +Oui"; do
  grep -E "$row" card2.txt >/dev/null && pass "DOC-05: LABEL's listed domains: $row" || fail "DOC-05: LABEL domain: $row"
done

echo "# DOC-04: benefits paid on 8 January (before any notice: nothing held)"
cat > care.csv <<'CSV'
claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,act_code,quantity,charged,base,ro_rate,ro_paid,flat_fee,franchise,optam,out_of_pathway,basket,country,emergency,prior_approval,other_payers,payee,provider
S1,1,K3,K3M,2026-01-05,2026-01-08,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,
S1,2,K3,K3M,2026-01-06,2026-01-08,LAB,B,1,40.00,40.00,60,24.00,0.00,0.00,,0,,FR,0,0,0.00,member,
S2,1,K3,K3M,2026-01-06,2026-01-08,PHARMA_65,PH7,1,12.40,12.40,65,8.06,0.00,0.00,,0,,FR,0,0,0.00,provider,PHARMACIE-DU-PALAIS
CSV
expect_exit 0 "claims run on 2026-01-08" -- "$MUTUA" $db --today 2026-01-08 claims run --in care.csv --out decisions.csv
# By hand (LABEL2): GP OPTAM 150 % BR: min(30.00, 45.00) − RO gross (19.00 + 2.00) = 9.00, remaining
# 30.00 − 19.00 − 9.00 = 2.00 (the participation forfaitaire, BEN-04); lab 125 % BR: min(40.00,
# 50.00) − 24.00 = 16.00, remaining 0.00; medicines 65 %: 100 % BR: 12.40 − 8.06 = 4.34, paid to
# the pharmacy. The member's payment: 9.00 + 16.00 = 25.00.
expect_contains <(db_rows "$MDB" claim_payments:payee,payee_ref,amount_cents | tr '\t\n' ': ') \
  "member:K3:2500 provider:PHARMACIE-DU-PALAIS:434" "BEN-13: the run paid K3 25.00 and the pharmacy 4.34"
expect_exit 0 "DOC-04: K3's statement of run 1" -- "$MUTUA" $db --today 2026-01-09 documents K3 --kind statement --run 1 --out st --json
expect_json stdout 'd["path"].endswith("K3-statement-run1-2026-01-09.pdf")' True "DOC-04: the file names the payment"
pdftotext -layout st/K3-statement-run1-2026-01-09.pdf st1.txt
expect_contains st1.txt "Décompte de remboursement" "DOC-02: the statement's title"
# A row's first line holds its date, amounts and payee (the act's label may wrap below).
grep -E "05/01/2026 .*Consultation .* +30,00 € +19,00 € +9,00 € +2,00 € +Vous" st1.txt >/dev/null \
  && pass "DOC-04: the GP line: date, act, charged, RO, mutuelle, remaining, payee" || fail "DOC-04: GP line"
grep -E "06/01/2026 .*Analyses de .* +40,00 € +24,00 € +16,00 € +0,00 € +Vous" st1.txt >/dev/null \
  && pass "DOC-04: the lab line" || fail "DOC-04: lab line"
grep -E "06/01/2026 .*Médicaments .* +12,40 € +8,06 € +4,34 € +0,00 € +PHARMAC" st1.txt >/dev/null \
  && pass "DOC-04: the tiers-payant line names its payee" || fail "DOC-04: pharmacy line"
expect_contains st1.txt "généraliste" "DOC-04: the act in words"
# 30.00 + 40.00 + 12.40 = 82.40; 19.00 + 24.00 + 8.06 = 51.06; 9.00 + 16.00 + 4.34 = 29.34; 2.00.
grep -E "Total +82,40 € +51,06 € +29,34 € +2,00 €" st1.txt >/dev/null && pass "DOC-04: the total line" || fail "DOC-04: total line"
grep -E "Versé à vous-même +25,00 €" st1.txt >/dev/null && pass "DOC-04: the payment's total" || fail "DOC-04: payment total"
grep -E "Référence du virement +PRST-1-K3" st1.txt >/dev/null && pass "DOC-04: the transfer reference" || fail "DOC-04: reference"
python3 - st1.txt > sum.txt <<'PY'
import re, sys
cents = lambda s: int(s.replace(" ", "").replace("\u202f", "").replace(",", ""))
text = open(sys.argv[1]).read()
lines = [l for l in text.splitlines() if re.search(r"€ +Vous\s*$", l)]
member = sum(cents(re.findall(r"([\d  ]+,\d\d) €", l)[2]) for l in lines)
total = cents(re.search(r"Versé à vous-même +([\d  ]+,\d\d) €", text).group(1))
print("exact" if member == total else "mismatch", len(lines), member, total)
PY
expect_contains sum.txt "exact 2 2500 2500" "DOC-04: the member's lines read back from the PDF sum to the payment, to the cent"
expect_exit 0 "DOC-04: statement for January (a period)" -- \
  "$MUTUA" $db --today 2026-01-09 documents K3 --kind statement --from 2026-01-01 --to 2026-01-31 --out st
pdftotext -layout "$(cat stdout)" st2.txt
expect_contains st2.txt "vos remboursements du 1er janvier 2026 au 31 janvier 2026" "DOC-04: the period is named"
expect_exit 4 "DOC-04: nothing paid to K1: no statement" -- "$MUTUA" $db --today 2026-01-09 documents K1 --kind statement --out st
expect_contains stderr "error: DOC-04:" "DOC-04: the refusal names the rule"
expect_exit 4 "DOC-04: a run that paid K3 nothing" -- "$MUTUA" $db --today 2026-01-09 documents K3 --kind statement --run 99 --out refused_dir
test ! -e refused_dir && pass "DOC-04: a refused document creates no folder" || fail "a refused document created its folder"
expect_exit 2 "DOC-04: --run 0" -- "$MUTUA" $db --today 2026-01-09 documents K3 --kind statement --run 0 --out st
expect_contains stderr "--run: must be a claims run number (1 or more)" "DOC-04: --run 0 gets a plain message"
NEVERDB="$(db_target never)"
expect_exit 3 "catalogue load of a bad file on a new database" -- \
  "$MUTUA" --db "$NEVERDB" catalogue load "$ROOT/tests/data/catalogues/solidarity_broken.yaml"
if [ "$MUTUA_TEST_DB" = sqlite ]; then
  test ! -e never.db && pass "TAR-04: a refused catalogue leaves no new database behind" || fail "never.db created"
else  # a server's database exists before mutua runs: it must still hold nothing
  "$MUTUA" --db "$NEVERDB" --json db stats > never.json
  expect_json never.json 'len(d["tables"])' 0 "TAR-04: a refused catalogue leaves the new database empty"
fi
expect_exit 3 "DOC-04: --from without --to" -- "$MUTUA" $db --today 2026-01-09 documents K3 --kind statement --from 2026-01-01 --out st

echo "# DUN-01: the ten days count the due date as day 1: nothing on day 9, the notice on day 10"
expect_exit 0 "dunning run on 2026-01-10 (day 9 after 1 January)" -- "$MUTUA" $db --today 2026-01-10 dunning run --json
expect_json stdout 'd["steps"], d["notices_withheld"]' "({}, [])" "DUN-01: day 9: no notice, nothing withheld"
expect_exit 0 "dunning run on 2026-01-11 (day 10)" -- "$MUTUA" $db --today 2026-01-11 dunning run --letters letters --json
cp stdout d1.json
expect_json d1.json 'd["steps"]' "{'notice': 2}" "DUN-01: day 10: notices to K1 and K3"
expect_json d1.json 'd["notices_withheld"]' "['K2']" "DUN-01: K2 has no postal address: no notice sent"
pdftotext letters/K1-formal_notice-2026-01-11.pdf n1.txt
expect_contains n1.txt "Le 11 janvier 2026" "DUN-01: the notice is dated the day it is sent"
expect_contains n1.txt "12 rue de la République, 84000 Avignon" "DUN-01: addressed to the member's postal address"
grep -q "datée du" n1.txt && fail "DUN-01: a second date in the body" || pass "DUN-01: one date: none repeated in the body"
expect_contains <(tr '\n' ' ' < n1.txt) "il a pris fin le 10 janvier 2026 au soir" "DUN-01: the letter states how the ten days were counted"
expect_contains <(tr '\n' ' ' < n1.txt) "10 février 2026" "DUN-01: suspension 30 days after the notice"
expect_exit 0 "DUN-01: the notice printed again on 2026-01-20" -- \
  "$MUTUA" $db --today 2026-01-20 documents K1 --kind formal_notice --out reprint
pdftotext "$(cat stdout)" n2.txt
expect_contains n2.txt "Le 11 janvier 2026" "DUN-01: a reprint keeps the notice's date"
grep -q "20 janvier 2026" n2.txt && fail "DUN-01: the reprint shows the reprint date" || pass "DUN-01: the reprint shows no other date"
expect_exit 0 "worklist on 2026-01-12" -- "$MUTUA" $db --today 2026-01-12 worklist --json
expect_json stdout '[(i["kind"], i["contract_id"], i["date"], i["rule"]) for i in d["items"] if i["kind"] == "notice_withheld"]' \
  "[('notice_withheld', 'K2', '2026-01-11', 'DUN-01')]" "DUN-01: K2's notice is on the work list, due since 11 January"
expect_exit 4 "DUN-01: no formal notice document for K2" -- "$MUTUA" $db --today 2026-01-12 documents K2 --kind formal_notice --out letters
expect_contains stderr "error: DUN-01:" "DUN-01: refused with the rule"
expect_exit 4 "DOC-01: no card for K1 under formal notice" -- "$MUTUA" $db --today 2026-01-12 documents K1 --kind card --out cards
expect_contains stderr "error: DOC-01:" "DOC-01: the card follows the contributions (BIL-05)"
expect_exit 0 "K2's address recorded" -- "$MUTUA" $db --today 2026-01-13 member update K2 --field address --value "5 rue Joseph Vernet, 84000 Avignon"
expect_exit 0 "dunning run on 2026-01-13" -- "$MUTUA" $db --today 2026-01-13 dunning run --json
expect_json stdout 'd["steps"], d["notices_withheld"]' "({'notice': 1}, [])" "DUN-01: once the address is known the notice goes, dated that run"
"$MUTUA" $db --today 2026-01-13 account K2 --json > k2.json
expect_json k2.json 'd["procedures"][0]["notice"], d["procedures"][0]["oldest_due"]' "('2026-01-13', '2026-01-01')" \
  "DUN-01: the procedure runs from the notice actually sent"
finish
