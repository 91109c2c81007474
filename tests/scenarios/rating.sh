#!/usr/bin/env bash
# Contributions computed by hand from RULES.md, end to end through the real binary:
# import a small population, `mutua rate --year 2026`, compare every row.
# Rules: TAR-01 TAR-02 TAR-03 TAR-05 TAR-08 MAJ-02 MAJ-04 MAJ-05 MAJ-07 ADH-02
source "$(dirname "$0")/lib.bash"
S="$(db_target s)"

"$MUTUA" --db "$S" catalogue load "$DATA/catalogue_small.yaml" >/dev/null
"$MUTUA" members import "$DATA/members_small.csv" --db "$S" >/dev/null   # global option after

# Hand computation (TLAB 2026, monthly euros by band 0/20/26/30/40/50/60/70):
# C1 member 1975 → tariff age 51, band 50: 57.30 × 12 = 687.60 (TAR-01, TAR-02); coverage
#    ended 2019-12-31, adhesion 2020-01-01 → N = 0. Spouse 1978 → 48, band 40: 48.90.
#    Three children: the two eldest billed 18.00, the third free (TAR-03).
# C2 late joiner: entry 2015-03-01 + 2 years = 2017-03-01 is the latest start (MAJ-07);
#    anniversaries up to 2026-03-15: 9 → 0.18 (MAJ-02); 48.90 × 1.18 = 57.702 → 57.70 (MAJ-05);
#    March prorated 17/31: 57.70 × 17 / 31 = 31.6419 → 31.64, + 9 × 57.70 = 550.94 (ADH-02).
# C3 transmitted 0.04 + 2% × 4 years since coverage ended 2021-06-30 = 0.12 (MAJ-04);
#    66.80 × 1.12 = 74.816 → 74.82; × 12 = 897.84.
# C4 express start 2026-06-10: June billed in full, 7 × 42.10 = 294.70 (ADH-02).
# C5 ends 2026-04-10: 3 × 38.00 + 38.00 × 10 / 30 = 114.00 + 12.67 = 126.67 (TAR-08).
cat > expected.csv <<'CSV'
contract_id,beneficiary_id,role,tariff_age,band,billed,monthly_base,coefficient,monthly_due,annual_due
C1,C1-1,member,51,50,1,57.30,0.00,57.30,687.60
C1,C1-2,spouse,48,40,1,48.90,0.00,48.90,586.80
C1,C1-3,child,16,0,1,18.00,0.00,18.00,216.00
C1,C1-4,child,14,0,1,18.00,0.00,18.00,216.00
C1,C1-5,child,11,0,0,18.00,0.00,0.00,0.00
C2,C2-1,member,46,40,1,48.90,0.18,57.70,550.94
C3,C3-1,member,66,60,1,66.80,0.12,74.82,897.84
C4,C4-1,member,36,30,1,42.10,0.00,42.10,294.70
C5,C5-1,member,26,26,1,38.00,0.00,38.00,126.67
CSV
"$MUTUA" --db "$S" rate --year 2026 --out got.csv > summary.txt
if diff -u expected.csv got.csv; then pass "rate --year 2026 matches the hand computation"; else
  fail "rate --year 2026 differs from the hand computation"; fi
expect_contains summary.txt "3576.55" "summary states the year's total"

# The same to stdout, and the global option before the subcommand.
"$MUTUA" --db "$S" rate --year 2026 > stdout.csv
if cmp -s expected.csv stdout.csv; then pass "rate to stdout is the same CSV"; else fail "stdout CSV differs"; fi

# One contract, explained in plain words (MAJ-06: the computation is shown).
"$MUTUA" --db "$S" rate --year 2026 --contract C2 --explain > explain.txt
expect_contains explain.txt "2017-03-01" "explain names the start date of the majoration"
expect_contains explain.txt "57.70" "explain shows the majored monthly amount"

# JSON of one contract.
"$MUTUA" --db "$S" rate --year 2026 --contract C3 --json > c3.json
expect_contains c3.json '"coefficient": "0.12"' "JSON carries the coefficient as a decimal string"

# TAR-05: no tariff for 2027 → refused, exit 4, and no output file left behind.
expect_exit 4 "rate for a year without tariff is refused (TAR-05)" -- "$MUTUA" --db "$S" rate --year 2027 --out none.csv
expect_contains stderr "TAR-05" "the refusal names TAR-05"
if [ ! -e none.csv ] && [ ! -e none.csv.partial ]; then pass "no partial output file"; else fail "partial output left"; fi

# Quote: a prospective household (TAR-01, TAR-03).
"$MUTUA" --db "$S" quote --product TLAB --year 2026 --person member:1975-04-02 \
  --person spouse:1978-09-30 --person child:2010-05-01 --person child:2012-01-15 \
  --person child:2015-06-30 --json > quote.json
expect_contains quote.json '"annual_total": "1706.40"' "quote total = 687.60 + 586.80 + 2 × 216.00"

finish
