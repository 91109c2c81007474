#!/usr/bin/env bash
# Standard reimbursement examples (UNOCAM list) of a stored product, end to end through the real
# binary: load the sample catalogue, `catalogue examples LABEL2 --year 2026`, check figures
# computed by hand from config/catalogue.yaml (LABEL2) and config/regulation.yaml.
# Rules: BEN-01 BEN-03 BEN-04 BEN-05 BEN-06 BEN-07 BEN-08 BEN-15
source "$(dirname "$0")/lib.bash"
S="$(db_target s)"

"$MUTUA" --db "$S" catalogue load "$ROOT/config/catalogue.yaml" >/dev/null

# Hand computation (care on 2026-07-01, LABEL2):
# GP OPTAM 30.00, BR 30.00, RO 70% = 21.00 − 2.00 flat fee = 19.00; 150% BR: 45.00 capped at the
#   charge, 30.00 − 21.00 = 9.00; the member keeps the flat fee, 2.00 (BEN-01, BEN-04).
# GP non-OPTAM 40.00: 130% BR = 39.00 − 21.00 = 18.00; 40.00 − 19.00 − 18.00 = 3.00 (BEN-05).
# Glasses 100% santé 95.00, RO 57.00: the basket pays 38.00, remaining 0.00 (BEN-06).
# Glasses outside the basket 350.00, BR 0.15, RO 0.09: 0.06 + 150.00 = 150.06, under the legal
#   maximum 420.00 (BEN-07); remaining 199.85.
# Osteopath 60.00, no RO: 30.00 per session (BEN-08 counted allowance), remaining 30.00.
# Daily fee: hospital.daily_fee on 2026-07-01 = 23.00, paid in full (BEN-03).
expect_exit 0 "catalogue examples LABEL2 --year 2026" -- "$MUTUA" --db "$S" catalogue examples LABEL2 --year 2026
cp "$WORK/stdout" table.txt
expect_contains table.txt "Reste à charge" "the table has French headers"
expect_contains table.txt "Consultation généraliste OPTAM                   |   30.00 |   30.00 |    19.00 |           9.00 |           2.00" "BEN-01 BEN-04 GP OPTAM: RC 9.00, the member keeps the 2.00 flat fee"
expect_contains table.txt "Consultation généraliste non OPTAM               |   40.00 |   30.00 |    19.00 |          18.00 |           3.00" "BEN-05 GP non-OPTAM: 130% BR, RC 18.00"
expect_contains table.txt "Lunettes verres simples 100 % santé              |   95.00 |   95.00 |    57.00 |          38.00 |           0.00" "BEN-06 100% santé glasses leave nothing to pay"
expect_contains table.txt "Séance d'ostéopathie                             |   60.00 |    0.00 |     0.00 |          30.00 |          30.00" "BEN-08 osteopath allowance 30.00"
expect_contains table.txt "Forfait journalier hospitalier (1 jour)          |   23.00 |    0.00 |     0.00 |          23.00 |           0.00" "BEN-03 daily fee covered in full"

# JSON: one document, money as strings; the year defaults to the business date's.
expect_exit 0 "catalogue examples --json, year from --today" -- "$MUTUA" --db "$S" --today 2026-05-02 catalogue examples LABEL2 --json
cp "$WORK/stdout" examples.json
if python3 - examples.json <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
ex = {e["label"]: e for e in doc["examples"]}
gp = ex["Consultation généraliste OPTAM"]
glasses = ex["Lunettes verres simples hors 100 % santé"]
ok = (doc["product"] == "LABEL2" and doc["year"] == 2026
      and (gp["category"], gp["charged"], gp["base"], gp["ro_paid"], gp["flat_fee"], gp["rc"],
           gp["remaining"], gp["status"], gp["reasons"])
          == ("CONSULT_GP", "30.00", "30.00", "19.00", "2.00", "9.00", "2.00", "PAID", [])
      and (glasses["rc"], glasses["remaining"]) == ("150.06", "199.85")
      and ex["Lunettes verres simples 100 % santé"]["remaining"] == "0.00")
sys.exit(0 if ok else 1)
PY
then pass "BEN-15 JSON carries every amount of the hand computation"; else
  fail "JSON differs from the hand computation"; sed 's/^/    /' examples.json | head -20; fi

# An unknown product is invalid input: exit 3, the message names it.
expect_exit 3 "unknown product exits 3" -- "$MUTUA" --db "$S" catalogue examples NOPE --year 2026
expect_contains "$WORK/stderr" "NOPE" "the error names the product"

finish
