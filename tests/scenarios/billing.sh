#!/usr/bin/env bash
# Billing and collection as the règlement tells it (art. 8, 9, 10, 12, 13): the annual call in
# December, instalments, SEPA direct debits and a bank reject, payments by transfer, and the
# non-payment procedure to the day (notice, suspension, termination, reinstatement, waiver), with
# claims held and released. Dated events through the real binary; expected states.
# Rules: BIL-01 BIL-02 BIL-03 BIL-04 BIL-05 BIL-06 DUN-01 DUN-02 DUN-03 DUN-04 DUN-05 BEN-09 DOC-02
#        TAR-06 BEN-13 CES-01 CES-02
source "$(dirname "$0")/lib.bash"

BDB="$(db_target b)"
db="--db $BDB"
XSD="$ROOT/tests/data/sepa"
"$MUTUA" $db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
# K1 and K4 pay by direct debit (an IBAN on the member row: a mandate signed on the start date);
# K2, K3 and K6 by transfer. Every member has a postal address (a formal notice needs one, DUN-01). K3 pays quarterly, K4 yearly.
cat > members.csv <<'CSV'
contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,payment_frequency,last_coverage_end,iban,address
K1,K1M,member,DURAND,Paul,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31,FR7630006000011234567890189,1 rue des Lices 84000 Avignon
K1,K1S,spouse,DURAND,Anne,1982-07-09,LABEL2,2025-01-01,,,,
K2,K2M,member,PETIT,Marc,1975-01-20,LABEL2,2025-01-01,monthly,2024-12-31,,2 rue des Lices 84000 Avignon
K3,K3M,member,ROUX,Inès,1990-11-11,LABEL2,2025-01-01,quarterly,2024-12-31,,3 rue des Lices 84000 Avignon
K4,K4M,member,BLANC,Léa,1988-02-29,LABEL2,2025-06-01,yearly,2025-05-31,FR7630006000011234567890189,4 rue des Lices 84000 Avignon
K6,K6M,member,VERT,Lou,1995-05-05,LABEL2,2025-06-01,monthly,2025-05-31,,6 rue des Lices 84000 Avignon
CSV
"$MUTUA" $db members import members.csv >/dev/null
acct() { "$MUTUA" $db --today "$1" account "$2" --json > "acct_$2.json"; }

echo "# BIL-01: the annual call is issued in December, for the year starting 1 January"
expect_exit 0 "BIL-01: billing run on 2025-12-01" -- "$MUTUA" $db --today 2025-12-01 billing run --json
cp stdout run1.json
expect_json run1.json 'd["calls_issued"]' 5 "BIL-01: five 2026 calls issued in December"
expect_json run1.json 'd["entries_posted"]' 0 "BIL-01: nothing is due before 1 January"
expect_json run1.json 'd["years"]' "[2026]" "BIL-01: the first run in December starts the ledger with the next year"
expect_exit 0 "billing run again on the same day" -- "$MUTUA" $db --today 2025-12-01 billing run --json
cp stdout run2.json
expect_json run2.json 'd["calls_issued"]' 0 "BIL-01: a re-run issues nothing new"
acct 2025-12-01 K1
expect_json acct_K1.json 'len(d["schedule"])' 12 "BIL-02: monthly, 12 instalments"
expect_json acct_K1.json 'd["schedule"][0]["due"]' 2026-01-01 "BIL-02: due on the first day of each period"
expect_json acct_K1.json 'd["payment_method"]' direct_debit "BIL-03: a member row with an IBAN pays by direct debit"
expect_json acct_K1.json 'd["mandate"]["rum"]' RUM-K1 "BIL-03: generated RUM"
expect_json acct_K1.json 'd["mandate"]["signed_on"]' 2025-01-01 "BIL-03: mandate signed on the start date"
expect_json acct_K1.json 'sum(round(float(s["amount"])*100) for s in d["schedule"]) == 12 * round(float(d["schedule"][0]["amount"])*100)' True \
  "BIL-02: instalments sum exactly to the annual amount"
acct 2025-12-01 K3
expect_json acct_K3.json '[s["due"] for s in d["schedule"]]' "['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']" "BIL-02: quarterly"
expect_exit 0 "DOC-02: annual call letter" -- "$MUTUA" $db --today 2025-12-01 documents K1 --kind annual_call --out letters
pdftotext letters/K1-annual_call-2025-12-01.pdf call.txt
expect_contains call.txt "2026" "DOC-02: the call names the year"
expect_contains call.txt "RUM-K1" "DOC-02: the call of a direct-debit payer names the mandate (pre-notification)"

echo "# BIL-03: the January direct debits, exported before the collection date"
expect_exit 0 "sepa export for 2026-01-01" -- \
  "$MUTUA" $db --today 2025-12-15 sepa export --collection-date 2026-01-01 --out jan.xml --json
cp stdout sepa.json
expect_json sepa.json 'd["debits"]' 2 "BIL-03: K1's January instalment and K4's year"
expect_json sepa.json 'd["by_sequence"]' "{'FRST': 2}" "BIL-03: first collection under each mandate: FRST"
if xmllint --noout --schema "$XSD/pain.008.001.02.xsd" jan.xml 2>xmllint.err; then
  pass "BIL-03: the file validates against the ISO 20022 pain.008.001.02 schema"
else fail "BIL-03: schema validation"; head -3 xmllint.err; fi
python3 - jan.xml > sums.txt <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}
t = ET.parse(sys.argv[1]).getroot()
amounts = [round(float(a.text) * 100) for a in t.iterfind(".//p:InstdAmt", ns)]
ctrl = round(float(t.find(".//p:GrpHdr/p:CtrlSum", ns).text) * 100)
print("exact" if sum(amounts) == ctrl else "mismatch", t.find(".//p:GrpHdr/p:NbOfTxs", ns).text)
PY
expect_contains sums.txt "exact 2" "BIL-03: control sum equals the sum of the debits, to the cent"
expect_exit 0 "sepa export again for the same date" -- \
  "$MUTUA" $db --today 2025-12-16 sepa export --collection-date 2026-01-01 --out jan-again.xml --json
cp stdout sepa2.json
expect_json sepa2.json 'd["already_exported"]' True "BIL-03: the batch exists: nothing collected twice"
cmp -s jan.xml jan-again.xml && pass "BIL-03: the same file, byte for byte" || fail "BIL-03: a second export differs"

echo "# BIL-02, BIL-04: January falls due"
expect_exit 0 "billing run on 2026-01-01" -- "$MUTUA" $db --today 2026-01-01 billing run --json
cp stdout run3.json
expect_json run3.json 'd["entries_posted"]' 7 "BIL-02, BIL-03: five instalments due on 1 January posted, and the two January debits as paid"
acct 2026-01-01 K1
expect_json acct_K1.json 'd["balance"]' 0.00 "BIL-04: K1 owes nothing: the debit paid January"
expect_json acct_K1.json 'd["schedule"][0]["status"]' paid "BIL-04: January paid"
echo "# BIL-03: the bank rejects K4's debit (insufficient funds): the debt reopens"
cat > rejects.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
  <CstmrPmtStsRpt>
    <GrpHdr><MsgId>BANQUE-PSR-0001</MsgId><CreDtTm>2026-01-05T06:00:00</CreDtTm></GrpHdr>
    <OrgnlGrpInfAndSts><OrgnlMsgId>MUTUA-SDD-20260101</OrgnlMsgId><OrgnlMsgNmId>pain.008.001.02</OrgnlMsgNmId></OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>MUTUA-SDD-20260101-FRST</OrgnlPmtInfId>
      <TxInfAndSts>
        <OrgnlEndToEndId>K4-2026-01</OrgnlEndToEndId>
        <TxSts>RJCT</TxSts>
        <StsRsnInf><Rsn><Cd>AM04</Cd></Rsn></StsRsnInf>
        <OrgnlTxRef><Amt><InstdAmt Ccy="EUR">458.28</InstdAmt></Amt><ReqdColltnDt>2026-01-01</ReqdColltnDt></OrgnlTxRef>
      </TxInfAndSts>
    </OrgnlPmtInfAndSts>
  </CstmrPmtStsRpt>
</Document>
XML
xmllint --noout --schema "$XSD/pain.002.001.03.xsd" rejects.xml 2>/dev/null && pass "the report is a valid pain.002" || fail "report invalid"
expect_exit 0 "sepa rejects" -- "$MUTUA" $db --today 2026-01-05 sepa rejects rejects.xml --json
cp stdout rej.json
expect_json rej.json 'd["recorded"], d["by_reason"]' "(1, {'AM04': 1})" "BIL-03: one reject recorded with its reason code"
expect_exit 0 "the same report again" -- "$MUTUA" $db --today 2026-01-06 sepa rejects rejects.xml --json
cp stdout rej2.json
expect_json rej2.json 'd["recorded"], d["already_recorded"]' "(0, 1)" "BIL-03: a report seen twice reopens the debt once"
acct 2026-01-05 K4
expect_json acct_K4.json 'd["balance"] == d["schedule"][0]["amount"]' True "BIL-03: K4 owes the year again"
sed 's/K4-2026-01/K9-2026-01/' rejects.xml > unknown.xml
expect_exit 3 "BIL-03: a reject of a debit mutua never sent is refused" -- "$MUTUA" $db --today 2026-01-06 sepa rejects unknown.xml
expect_contains stderr "unknown.xml:" "BIL-03: the error names the file and line"

expect_exit 0 "BIL-03: February's debit exported" -- \
  "$MUTUA" $db --today 2026-01-15 sepa export --collection-date 2026-02-01 --out feb.xml --json
cp stdout sepa3.json
expect_json sepa3.json 'd["debits"], d["by_sequence"]' "(1, {'RCUR': 1})" "BIL-03: K1's second debit is recurrent (RCUR)"

echo "# DUN-05: a waiver for K6 (hospital stay proved) stops the clock from 5 to 20 January"
expect_exit 3 "DUN-05: a waiver needs a reason" -- "$MUTUA" $db --today 2026-01-05 dunning waive K6 --until 2026-01-20 --reason ""
expect_exit 0 "DUN-05: waiver granted" -- "$MUTUA" $db --today 2026-01-05 dunning waive K6 --from 2026-01-05 --until 2026-01-20 --reason "hospitalisation justifiée"

echo "# DUN-01: formal notice 10 days after the unpaid due date, dated the day of the run"
expect_exit 0 "dunning run on 2026-01-10" -- "$MUTUA" $db --today 2026-01-10 dunning run --json
cp stdout d1.json
expect_json d1.json 'd["steps"]' "{}" "DUN-01: nothing on the 9th day after the due date"
expect_exit 0 "dunning run on 2026-01-11" -- "$MUTUA" $db --today 2026-01-11 dunning run --letters letters --json
cp stdout d2.json
expect_json d2.json 'd["steps"]' "{'notice': 3}" "DUN-01: notices to K2, K3 and K4 (K1 paid, K6 under waiver)"
acct 2026-01-11 K2
expect_json acct_K2.json 'd["status"], d["since"]' "('notice', '2026-01-11')" "DUN-01: K2 under formal notice since the run"
expect_json acct_K2.json 'd["procedures"][0]["oldest_due"]' 2026-01-01 "DUN-01: the notice names the unpaid instalment"
pdftotext letters/K2-formal_notice-2026-01-11.pdf notice.txt
expect_contains notice.txt "mise en demeure" "DOC-02: the formal notice letter"
expect_contains notice.txt "10 février 2026" "DUN-01: it states the suspension date (30 days after)"
expect_exit 0 "dunning run again on 2026-01-11" -- "$MUTUA" $db --today 2026-01-11 dunning run --json
cp stdout d3.json
expect_json d3.json 'd["steps"]' "{}" "DUN-01: a re-run on the same day sends nothing more"

echo "# BEN-09: care of a contract under notice is held, not rejected"
cat > care.csv <<'CSV'
claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,act_code,quantity,charged,base,ro_rate,ro_paid,flat_fee,franchise,optam,out_of_pathway,basket,country,emergency,prior_approval,other_payers,payee
D1,1,K2,K2M,2026-01-20,2026-01-25,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member
CSV
expect_exit 0 "claims run during the notice" -- "$MUTUA" $db --today 2026-01-25 claims run --in care.csv --out decisions.csv
expect_contains decisions.csv "PENDING" "BEN-09: the line is held PENDING"

echo "# DUN-05: the waiver pushed K6's notice by its 16 days (2026-01-11 → 2026-01-27)"
expect_exit 0 "dunning run on 2026-01-26" -- "$MUTUA" $db --today 2026-01-26 dunning run --json
cp stdout d4.json
expect_json d4.json 'd["steps"]' "{}" "DUN-05: not yet on the 26th"
expect_exit 0 "dunning run on 2026-01-27" -- "$MUTUA" $db --today 2026-01-27 dunning run --json
cp stdout d5.json
expect_json d5.json 'd["steps"]' "{'notice': 1}" "DUN-05: K6's notice once the clock has run its 10 days"

echo "# A pause: no run between 27 January and 15 February; K2 pays its arrears on 12 February"
acct 2026-02-12 K2
"$MUTUA" $db --today 2026-02-01 billing run >/dev/null
k2_due=$(python3 -c 'import json; d=json.load(open("acct_K2.json")); print("%.2f" % (2 * float(d["schedule"][0]["amount"])))')
printf 'contract_id,date,amount,method,reference\nK2,2026-02-12,%s,transfer,VIR-2026-0212-K2\n' "$k2_due" > pay.csv
printf 'contract_id,date,amount,method,reference\nK2,2026-02-12,12,virement,\nK7,2026-02-31,1,cheque,C1\n' > bad.csv
expect_exit 3 "payments: a bad file is refused whole" -- "$MUTUA" $db --today 2026-02-12 payments import bad.csv
expect_contains stderr "bad.csv:2: method" "payments: the error names file, line and field"
expect_contains stderr "bad.csv:3: contract_id" "payments: every bad row is listed"
expect_exit 0 "DUN-04: K2 pays January and February on 2026-02-12" -- \
  "$MUTUA" $db --today 2026-02-12 payments import pay.csv --json
cp stdout pay.json
expect_json pay.json 'd["recorded"], d["reinstated"], d["claims_released"]' "(1, 1, 1)" \
  "DUN-04: recorded, reinstated, the held claim decided again"
expect_exit 0 "payments again" -- "$MUTUA" $db --today 2026-02-13 payments import pay.csv --json
cp stdout pay2.json
expect_json pay2.json 'd["recorded"], d["already_recorded"]' "(0, 1)" "payments: importing twice never pays twice"
acct 2026-02-12 K2
expect_json acct_K2.json 'd["status"], d["balance"]' "('up_to_date', '0.00')" "DUN-04: K2 up to date, nothing owed"
expect_json acct_K2.json '[s for s in d["procedures"]][0]["suspended"], d["procedures"][0]["reinstated"]' \
  "('2026-02-10', '2026-02-12')" "DUN-02, DUN-04: suspended on 10 February (its date), reinstated on the payment day"
expect_exit 0 "claims explain" -- "$MUTUA" $db claims explain D1 1 --json
expect_contains stdout '"PAID"' "DUN-04: care during the procedure is then covered"

echo "# DUN-02, DUN-03: the run after the pause performs every step whose date has come"
expect_exit 0 "dunning run on 2026-02-25" -- "$MUTUA" $db --today 2026-02-25 dunning run --letters letters --json
cp stdout d6.json
expect_json d6.json 'd["steps"]' "{'suspension': 2, 'termination': 2}" "DUN-02, DUN-03: K3 and K4 suspended on 10 February and terminated on 20 February"
acct 2026-02-25 K3
expect_json acct_K3.json 'd["status"], d["since"]' "('terminated', '2026-02-20')" "DUN-03: terminated 10 days after the suspension"
expect_exit 0 "member rights after termination" -- "$MUTUA" $db --today 2026-02-25 member rights K3M --json
expect_contains stdout '"closed"' "DUN-03: rights closed"
expect_contains stdout '2026-02-19' "DUN-03: the last day of cover is the day before the termination"
expect_exit 0 "member rights on a day of the suspension, after the termination" -- \
  "$MUTUA" $db --today 2026-02-25 member rights K3M --date 2026-02-15 --json
cp stdout rights_K3_15.json
expect_json rights_K3_15.json 'd["status"], d["since"], d["until"]' "('suspended', '2026-02-10', '2026-02-19')" \
  "BIL-05, DUN-02: 15 February stays suspended after the termination (it used to read open)"
printf '%s\n' "claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,act_code,quantity,charged,base,ro_rate,ro_paid,flat_fee,franchise,optam,out_of_pathway,basket,country,emergency,prior_approval,other_payers,payee" \
  "D3,1,K3,K3M,2026-02-15,2026-02-24,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member" \
  "D3,2,K3,K3M,2026-02-22,2026-02-24,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member" > care_k3.csv
expect_exit 0 "claims run on care given during K3's suspension" -- \
  "$MUTUA" $db --today 2026-02-25 claims run --in care_k3.csv --out decisions_k3.csv
expect_contains decisions_k3.csv "SUSPENDED" "BIL-05, DUN-02: the claims engine rejects the same day SUSPENDED, as member rights says"
expect_exit 0 "claims explain of K3's care during the suspension" -- "$MUTUA" $db claims explain D3 1
expect_contains stdout "ended in a termination: no benefit [DUN-02]" "DUN-02: explain gives the rule member rights gives (not SUS-01)"
expect_exit 0 "claims explain of K3's care after the termination" -- "$MUTUA" $db claims explain D3 2
expect_contains stdout "for non-payment: no benefit [DUN-03]" "DUN-03: care after the termination: the rule member rights gives (not CES-01)"
expect_json acct_K3.json '[e["kind"] for e in d["entries"]].count("adjustment")' 1 \
  "BIL-06, BIL-04: the quarter is corrected by a new entry, never edited"
# K3 pays 38.19 a month: February keeps 38.19 × 19/28 = 25.91 (one rounding), so the quarter is
# credited 38.19 − 25.91 + 38.19 (March) = 50.47.
expect_json acct_K3.json '[e["effect"] for e in d["entries"] if e["kind"] == "adjustment"][0]' "-50.47" \
  "BIL-06: the days after 19 February are credited (pro rata of days)"
test -f letters/K3-termination_letter-2026-02-25.pdf && pass "DOC-02: termination letter written" || fail "no termination letter"
printf 'contract_id,date,amount,method,reference\nK3,2026-02-24,500.00,cheque,CHQ-7788\n' > late.csv
expect_exit 0 "DUN-04: a payment after termination" -- "$MUTUA" $db --today 2026-02-25 payments import late.csv --json
cp stdout late.json
expect_json late.json 'd["reinstated"]' 0 "DUN-04: does not undo a termination"
expect_exit 0 "billing run on 2026-03-01" -- "$MUTUA" $db --today 2026-03-01 billing run --json
cp stdout run4.json
expect_json run4.json 'd["refunds"]' 1 "BIL-06: the terminated member in credit is refunded"
acct 2026-03-01 K3
expect_json acct_K3.json 'd["balance"]' 0.00 "BIL-06: after the refund K3's account is settled"

echo "# BEN-13, CES-01: benefits in the ledger; benefits paid after a retroactive end are to recover"
[ "$(db_rows "$BDB" ledger:kind,debit,credit | grep -c $'^benefit_paid\t601\t512$')" = 1 ] \
  && pass "BEN-13: the release run's payment is one balanced ledger entry" \
  || fail "BEN-13: the release run's payment is not one 601/512 entry"
cat > care6.csv <<'CSV'
claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,act_code,quantity,charged,base,ro_rate,ro_paid,flat_fee,franchise,optam,out_of_pathway,basket,country,emergency,prior_approval,other_payers,payee
E1,1,K1,K1M,2026-03-10,2026-03-12,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member
CSV
expect_exit 0 "claims run for K1 (paid)" -- "$MUTUA" $db --today 2026-03-12 claims run --in care6.csv --out decisions6.csv
expect_contains decisions6.csv "PAID" "K1's care of 10 March is paid"
expect_exit 0 "CES-02: K1 radiated from 28 February, decided on 15 March" -- \
  "$MUTUA" $db --today 2026-03-15 member radiate K1 --date 2026-02-28 --reason "mutation hors fonction publique territoriale"
acct 2026-03-15 K1
expect_json acct_K1.json '[(e["kind"], e["debit"], e["credit"], e["rule"]) for e in d["entries"] if e["kind"] == "undue_benefit"]' \
  "[('undue_benefit', '467', '601', 'CES-01')]" "CES-01: the benefit paid for care after the end is to recover"
expect_json acct_K1.json '[e["kind"] for e in d["entries"] if e["kind"] == "adjustment"]' "['adjustment']" \
  "BIL-06: the radiation credits March at once"

echo "# TAR-06: a contribution recall, never more than 50 % of the year's contribution"
expect_exit 0 "TAR-06: the board recalls 30 %" -- "$MUTUA" $db --today 2026-03-01 billing recall --year 2026 --percent 30 --due 2026-06-01 --reference CA-2026-03 --json
cp stdout recall1.json
expect_json recall1.json 'd["capped"]' 0 "TAR-06: 30 % is within the cap"
expect_exit 0 "TAR-06: a second recall of 30 %" -- "$MUTUA" $db --today 2026-03-02 billing recall --year 2026 --percent 30 --due 2026-07-01 --reference CA-2026-04 --json
cp stdout recall2.json
expect_json recall2.json 'd["capped"] == d["contracts"] and d["contracts"] > 0' True "TAR-06: the second is capped at the 20 % left"
acct 2026-07-01 K2
expect_json acct_K2.json 'sum(round(float(e["amount"])*100) for e in d["entries"] if e["kind"] == "recall") * 2 <= 12 * round(float(d["schedule"][0]["amount"])*100)' True \
  "TAR-06: recalls of the year ≤ 50 % of the annual contribution"
expect_exit 0 "TAR-06: the same recall again" -- "$MUTUA" $db --today 2026-03-02 billing recall --year 2026 --percent 30 --due 2026-07-01 --reference CA-2026-04 --json
cp stdout recall3.json
expect_json recall3.json 'd["contracts"], d["already_recalled"] > 0' "(0, True)" "TAR-06: a recall is called once"

echo "# BIL-04: the ledger always sums to zero; every key once"
"$MUTUA" $db --json db stats > stats.json
expect_json stats.json 'd["ledger"]["balanced"], d["ledger"]["debits"] == d["ledger"]["credits"]' "(True, True)" \
  "BIL-04: debits equal credits"
expect_json stats.json 'sum(round(float(a["balance"]) * 100) for a in d["ledger"]["accounts"]) == 0 and d["ledger"]["entries"] > 0' True \
  "BIL-04: the accounts' balances sum to zero"
[ -z "$(db_rows "$BDB" ledger:key | uniq -d)" ] && pass "BIL-04: one entry per idempotency key" \
  || fail "BIL-04: an idempotency key twice in the ledger"
expect_exit 0 "the database's own check and the ledger's balance" -- "$MUTUA" $db db check
finish
