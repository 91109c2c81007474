#!/usr/bin/env bash
# The end of an adhesion, as the règlement tells it (art. 10, 11, 12, 13, 18): dated events
# through the real binary, expected states, boundary days on both sides.
# Rules: ADH-03 DEM-01 DEM-02 DEM-03 DEM-04 DEM-05 DEM-06 BIL-06 CES-01 CES-02 CES-03 SUS-01 ADH-06
#        ADH-07 BEN-09 DOC-01 DOC-02 MAJ-06
source "$(dirname "$0")/lib.bash"

LDB="$(db_target l)"
db="--db $LDB"
"$MUTUA" $db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
# K1 pays monthly, K2 yearly (with a transmitted coefficient of 4 %), K3 and K4 monthly.
# last_coverage_end the day before adhesion: no year without cover, no majoration of our own.
cat > members.csv <<'CSV'
contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,payment_frequency,last_coverage_end,prior_coefficient
K1,B1,member,DURAND,Paul,1980-04-02,LABEL2,2025-01-01,monthly,2024-12-31,
K1,B2,spouse,DURAND,Anne,1982-07-09,LABEL2,2025-01-01,,,
K2,B3,member,PETIT,Marc,1975-01-20,LABEL2,2025-01-01,yearly,2024-12-31,0.04
K3,B4,member,ROUX,Inès,1990-11-11,LABEL2,2025-01-01,monthly,2024-12-31,
K4,B5,member,BLANC,Léa,1988-02-29,LABEL2,2025-09-01,monthly,2025-08-31,
K5,B6,member,NOIR,Jean,1970-03-03,LABEL2,2025-09-01,quarterly,2025-08-31,
K6,B7,member,VERT,Lou,1995-05-05,LABEL2,2025-06-01,monthly,2025-05-31,
CSV
"$MUTUA" $db members import members.csv >/dev/null

echo "# DEM-01: annual resignation, two months' notice before 31 December"
expect_exit 4 "DEM-01: received 2026-11-01, one day late, refused" -- \
  "$MUTUA" $db --today 2026-11-02 member resign K4 --received 2026-11-01 --kind annual
expect_contains stderr "error: DEM-01:" "DEM-01: the refusal names the rule"
expect_exit 0 "DEM-01: received 2026-10-31, in time" -- \
  "$MUTUA" $db --today 2026-10-31 member resign K4 --received 2026-10-31 --kind annual --json
cp stdout k4.json
expect_json k4.json 'd["effective_date"]' 2026-12-31 "DEM-01: effective at the due date"
expect_json k4.json 'd["refund"]' 0.00 "DEM-06: nothing paid beyond 31 December, nothing refunded"
expect_exit 4 "CES-01: a second resignation of an ended adhesion is refused" -- \
  "$MUTUA" $db --today 2026-11-02 member resign K4 --received 2026-11-01 --kind anytime

echo "# DEM-02: at any time after one year, effect one month after receipt"
expect_exit 4 "DEM-02: K5 (adhesion 2025-09-01) cannot resign at any time on 2026-08-31" -- \
  "$MUTUA" $db --today 2026-09-01 member resign K5 --received 2026-08-31 --kind anytime
expect_contains stderr "error: DEM-02:" "DEM-02: the refusal names the rule"
expect_exit 0 "DEM-02: K5 may on 2026-09-01, one year after" -- \
  "$MUTUA" $db --today 2026-09-01 member resign K5 --received 2026-09-01 --kind anytime --json
cp stdout k5.json
expect_json k5.json 'd["effective_date"]' 2026-10-01 "DEM-02: effective 2026-10-01"
# Quarterly payer: the last day of cover, 1 October, opens the fourth quarter, paid in advance
# through 31 December. 59.39 a month (band 50); October after the end: 59.39 × 1/31 = 1.916 →
# 1.92; refund 59.39 − 1.92 + 2 × 59.39 = 176.25.
expect_json k5.json 'd["refund"]' 176.25 "DEM-06: the rest of the paid quarter refunded"
expect_exit 0 "DEM-02: K1 resigns at any time, received 2026-04-15" -- \
  "$MUTUA" $db --today 2026-04-16 member resign K1 --received 2026-04-15 --kind anytime --json
cp stdout k1.json
expect_json k1.json 'd["effective_date"]' 2026-05-15 "DEM-02: effective one month after receipt"
expect_json k1.json 'd["rule"]' DEM-02 "DEM-02: the rule is named"
# Monthly payer, paid through 31 May: May 16..31 of 46.78 (member, band 40) + 46.78 (spouse, 44
# in 2026, band 40). Each person's May after the end: 46.78 × 15/31 = 22.635 → 22.64, so each
# refunds 46.78 − 22.64 = 24.14; two persons: 48.28.
expect_json k1.json 'd["refund"]' 48.28 "DEM-06/BIL-06: unused contribution to 31 May, exact"
expect_json k1.json 'd["confirmation"]' pending "DEM-04: written confirmation pending"

echo "# DEM-05: life event within three months; CSS on the attestation date"
expect_exit 4 "DEM-05: move on 2026-01-09, received 2026-04-10: one day too late" -- \
  "$MUTUA" $db --today 2026-04-10 member resign K2 --received 2026-04-10 --kind life-event \
  --event move --event-date 2026-01-09
expect_exit 0 "DEM-05: move on 2026-01-10, received 2026-04-10: in time" -- \
  "$MUTUA" $db --today 2026-04-10 member resign K2 --received 2026-04-10 --kind life-event \
  --event move --event-date 2026-01-10 --json
cp stdout k2.json
expect_json k2.json 'd["effective_date"]' 2026-05-10 "DEM-05: effective one month after receipt"
# Yearly payer, paid through 31 December: 59.39 (band 50) × 1.04 = 61.7656 → 61.77 a month.
# May after the end: 61.77 × 10/31 = 19.926 → 19.93; refund 61.77 − 19.93 + 7 × 61.77 = 474.23.
expect_json k2.json 'd["refund"]' 474.23 "DEM-06: the rest of the year refunded to a yearly payer"

echo "# SUS-01: suspension with 30 days' notice; rights resume at the end"
expect_exit 4 "SUS-01: notified 2026-05-03, start 2026-06-01 is 29 days later: refused" -- \
  "$MUTUA" $db --today 2026-05-03 member suspend K3 --from 2026-06-01 --to 2026-08-31 \
  --reason abroad --notified 2026-05-03
expect_contains stderr "error: SUS-01:" "SUS-01: the refusal names the rule"
expect_exit 0 "SUS-01: notified 2026-05-02, start 2026-06-01 after 30 days" -- \
  "$MUTUA" $db --today 2026-05-02 member suspend K3 --from 2026-06-01 --to 2026-08-31 \
  --reason abroad --notified 2026-05-02 --proofs "LRAR 1A-2026-0042"
for d in 2026-05-31:open 2026-06-01:suspended 2026-08-31:suspended 2026-09-01:open; do
  "$MUTUA" $db member rights B4 --date "${d%%:*}" --json > r.json
  expect_json r.json 'd["status"]' "${d##*:}" "SUS-01: B4 on ${d%%:*} is ${d##*:}"
done

echo "# Rights after a resignation (CES-01) and before the start (ADH-07)"
for d in 2026-05-15:open 2026-05-16:closed 2024-12-31:not_started; do
  "$MUTUA" $db member rights B2 --date "${d%%:*}" --json > r.json
  expect_json r.json 'd["status"]' "${d##*:}" "CES-01/ADH-07: B2 on ${d%%:*} is ${d##*:}"
done
"$MUTUA" $db member rights B2 --date 2026-05-16 --json > r.json
expect_json r.json 'd["reasons"][0].split(":")[0]' DEM-02 "BIL-05: closed, and why (DEM-02)"
expect_json r.json 'd["since"]' 2026-05-16 "BIL-05: closed since the day after the effective date"

echo "# The claims engine sees the same rights (CES-01, SUS-01)"
H=claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,act_code,quantity,charged,base,ro_rate,ro_paid,flat_fee,franchise,optam,out_of_pathway,basket,country,emergency,prior_approval,other_payers,payee
cat > lines.csv <<CSV
$H
L1,1,K1,B1,2026-05-15,2026-05-20,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member
L1,2,K1,B1,2026-05-16,2026-05-20,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member
L2,1,K3,B4,2026-08-31,2026-09-05,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member
L2,2,K3,B4,2026-09-01,2026-09-05,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member
CSV
expect_exit 0 "claims run on care around the ends" -- \
  "$MUTUA" $db --today 2026-09-10 claims run --in lines.csv --out decisions.csv
expect_contains decisions.csv "L1,1,PAID,9.00,2.00," "CES-01: care on the effective date is covered"
expect_contains decisions.csv "L1,2,REJECTED,0.00,11.00,NO_RIGHTS" "CES-01: care after it: NO_RIGHTS"
expect_contains decisions.csv "L2,1,REJECTED,0.00,11.00,SUSPENDED" "SUS-01: last suspended day: SUSPENDED"
expect_contains decisions.csv "L2,2,PAID,9.00,2.00," "SUS-01: rights resumed the day after"

echo "# ADH-06 / DEM-03: change of guarantee on 1 January, new one-year period"
expect_exit 0 "ADH-06: K3 signs for LABEL3 on 2026-06-15" -- \
  "$MUTUA" $db --today 2026-06-15 member change-product K3 --product LABEL3 --signed 2026-06-15 \
  --reference "DCG-2026-118" --json
cp stdout chg.json
expect_json chg.json 'd["effective_date"]' 2027-01-01 "ADH-06: effective on the next 1 January"
for d in 2026-12-31:LABEL2 2027-01-01:LABEL3; do
  "$MUTUA" $db member rights B4 --date "${d%%:*}" --json > r.json
  expect_json r.json 'd["product"]' "${d##*:}" "ADH-06: product in force on ${d%%:*} is ${d##*:}"
done
expect_exit 4 "ADH-06: a second change for the same 1 January is refused" -- \
  "$MUTUA" $db --today 2026-07-01 member change-product K3 --product LABEL4 --signed 2026-07-01
expect_exit 4 "DEM-03: any-time resignation on 2027-12-31, within a year of the change" -- \
  "$MUTUA" $db --today 2027-12-31 member resign K3 --received 2027-12-31 --kind anytime
expect_contains stderr "error: DEM-03:" "DEM-03: the refusal names the rule"

echo "# ADH-03: every adhesion falls due on 31 December and renews tacitly"
for d in B4:2027-01-01:open B5:2026-12-31:open B5:2027-01-01:closed; do
  IFS=: read -r who day want <<<"$d"
  "$MUTUA" $db member rights "$who" --date "$day" --json > r.json
  expect_json r.json 'd["status"]' "$want" "ADH-03: $who on $day is $want"
done

echo "# CES-02: radiation"
expect_exit 4 "CES-02: K1 already ends; radiation refused" -- \
  "$MUTUA" $db --today 2026-06-01 member radiate K1 --date 2026-06-01 --reason "left the civil service"

echo "# DEM-04, CES-03, DOC-01: documents as PDF, in French, read back"
expect_exit 0 "work list shows the resignations to confirm" -- \
  "$MUTUA" $db --today 2026-04-16 worklist --json
cp stdout w.json
expect_json w.json 'sorted(i["contract_id"] for i in d["items"] if i["kind"]=="resignation_to_confirm")' \
  "['K1', 'K2', 'K4', 'K5']" "DEM-04: K1, K2, K4 and K5 wait for their written confirmation"
expect_exit 0 "DEM-04: K1's resignation receipt" -- \
  "$MUTUA" $db --today 2026-04-17 documents K1 --kind resignation_receipt --out out --json
cp stdout doc.json
pdf=$(python3 -c 'import json; print(json.load(open("doc.json"))["path"])')
pdftotext -layout "$pdf" receipt.txt
expect_contains receipt.txt "Accusé de réception de votre demande de résiliation" "DOC-02: French title with accents"
expect_contains receipt.txt "15 mai 2026" "DEM-04: effective date in words"
expect_contains receipt.txt "48,28 €" "DEM-06: refund in the letter"
"$MUTUA" $db member show K1 --json > show.json
expect_json show.json 'd["termination"]["confirmed"]' 2026-04-17 "DEM-04: confirmed on the day of the letter"
"$MUTUA" $db --today 2026-04-17 worklist --json > w.json
expect_json w.json 'sorted(i["contract_id"] for i in d["items"] if i["kind"]=="resignation_to_confirm")' \
  "['K2', 'K4', 'K5']" "DEM-04: K1 no longer on the work list"
expect_exit 0 "CES-03: K1 gets an attestation de non-majoration" -- \
  "$MUTUA" $db --today 2026-05-16 documents K1 --kind justificatif --out out
pdftotext -layout "$(cat stdout)" nm.txt
expect_contains nm.txt "Attestation de non-majoration" "CES-03: no coefficient: attestation de non-majoration"
expect_exit 0 "CES-03: K2 gets a justificatif d'adhésion with its coefficient" -- \
  "$MUTUA" $db --today 2026-05-16 documents K2 --kind justificatif --out out
pdftotext -layout "$(cat stdout)" ja.txt
expect_contains ja.txt "Justificatif d'adhésion" "CES-03: justificatif d'adhésion"
expect_contains ja.txt "0.04" "MAJ-06: the coefficient is on it"
expect_exit 0 "SUS-01: K3's suspension notice" -- \
  "$MUTUA" $db --today 2026-05-02 documents K3 --kind suspension_notice --out out
pdftotext -layout "$(cat stdout)" sus.txt
expect_contains sus.txt "1er septembre 2026" "SUS-01: the letter says when rights resume"
expect_exit 0 "DOC-01: K3's tiers-payant card while up to date" -- \
  "$MUTUA" $db --today 2026-05-02 documents K3 --kind card --out out
pdftotext -layout "$(cat stdout)" card.txt
expect_contains card.txt "attestation de tiers payant" "DOC-01: card title"
expect_contains card.txt "31 décembre 2026" "DOC-01: valid to the end of the year"
"$MUTUA" $db members collection K3 --status notice --since 2026-05-10 >/dev/null
expect_exit 4 "DOC-01: no card while under formal notice" -- \
  "$MUTUA" $db --today 2026-05-12 documents K3 --kind card --out out
expect_contains stderr "error: DOC-01:" "DOC-01: the refusal names the rule"
"$MUTUA" $db member rights B4 --date 2026-05-12 --json > r.json
expect_json r.json '[r.split(":")[0] for r in d["reasons"]][-1]' BEN-09 "BEN-09: open, benefits held under formal notice"

echo "# CES-02: radiation of a member who no longer meets the admission conditions"
expect_exit 0 "CES-02: K3 radiated on 2026-06-30" -- \
  "$MUTUA" $db --today 2026-06-20 member radiate K3 --date 2026-06-30 \
  --reason "no longer an agent of a territorial authority" --json
cp stdout rad.json
expect_json rad.json 'd["rule"]' CES-02 "CES-02: the radiation names its rule"
for d in 2026-06-30:suspended 2026-07-01:closed; do
  "$MUTUA" $db member rights B4 --date "${d%%:*}" --json > r.json
  expect_json r.json 'd["status"]' "${d##*:}" "CES-02: B4 on ${d%%:*} is ${d##*:}"
done
expect_json r.json 'd["reasons"][0].split(":")[0]' CES-02 "CES-02: closed by the radiation"

echo "# Bad input changes nothing"
before=$(db_count "$LDB" terminations suspensions)
expect_exit 3 "unknown contract" -- "$MUTUA" $db --today 2026-05-02 member resign K9 --received 2026-05-01 --kind anytime
expect_contains stderr "CONTRACT: unknown contract 'K9'" "unknown contract named"
expect_exit 3 "impossible date" -- "$MUTUA" $db member suspend K3 --from 2026-02-30 --to 2026-03-31 --reason abroad --notified 2026-01-01
expect_contains stderr "--from: not a date" "impossible date named by its field"
expect_exit 3 "unknown kind" -- "$MUTUA" $db member resign K3 --received 2026-05-01 --kind whenever
expect_exit 3 "a resignation received before the adhesion" -- \
  "$MUTUA" $db --today 2026-05-01 member resign K6 --received 2024-12-31 --kind annual
after=$(db_count "$LDB" terminations suspensions)
[ "$before" = "$after" ] && pass "nothing written by refused or bad commands" || fail "state changed: $before -> $after"

finish
