#!/usr/bin/env bash
# CSS detection for the regional scheme, as the regulation tells it: a household's resources
# against the dated ceilings of the 2025-04-01..2026-03-31 table (free, participatory with its
# monthly participation by age, or not eligible), the table named and a warning past its
# validity, the orientation recorded under a case reference, and bad input refused.
# Rules: PAR-08
source "$(dirname "$0")/lib.bash"

css() { "$MUTUA" css check --json "$@"; }

echo "# PAR-08: a couple (2 persons): free up to 15,508 EUR, participatory up to 20,936 EUR"
expect_exit 0 "PAR-08: free CSS" -- css --date 2025-06-01 --resources 15508 --person 41 --person 39
cp stdout free.json
expect_json free.json 'd["result"]' free "PAR-08: resources at the free ceiling: free CSS"
expect_json free.json 'd["ceiling"]' 15508.00 "PAR-08: the free ceiling of 2 persons"
expect_json free.json 'd["monthly_participation"]' 0.00 "PAR-08: free CSS costs nothing"
expect_json free.json 'd["table"]' 2025-04-01..2026-03-31 "PAR-08: the table used is named"
expect_json free.json 'd["orientation"]' "Assurance Maladie" "PAR-08: an eligible household is oriented to the Assurance Maladie"
expect_json free.json 'd["warnings"]' "[]" "PAR-08: no warning inside the table's validity"

expect_exit 0 "PAR-08: participatory CSS" -- css --date 2025-06-01 --resources 15509 --person 41 --person 39
cp stdout part.json
expect_json part.json 'd["result"]' participatory "PAR-08: one euro above the free ceiling: participatory"
expect_json part.json 'd["ceiling"]' 20936.00 "PAR-08: the participatory ceiling of 2 persons"
expect_json part.json 'd["monthly_participation"]' 28.00 "PAR-08: 14 EUR a month for each person aged 30-49"
expect_json part.json '[p["band"] for p in d["participations"]]' "['30-49', '30-49']" "PAR-08: one participation per person"

expect_exit 0 "PAR-08: at the participatory ceiling" -- css --date 2025-06-01 --resources 20936.00 --person 41 --person 39
expect_json stdout 'd["result"]' participatory "PAR-08: resources at the participatory ceiling: participatory"
expect_exit 0 "PAR-08: not eligible" -- css --date 2025-06-01 --resources 20936.01 --person 41 --person 39
cp stdout none.json
expect_json none.json 'd["result"]' not_eligible "PAR-08: one cent above the participatory ceiling: not eligible"
expect_json none.json 'd["orientation"]' None "PAR-08: no orientation when not eligible"

echo "# PAR-08: a household of 6 (4 + 2 extra persons), participations at each age band's edges"
six="--person 70 --person 69 --person 60 --person 59 --person 50 --person 29"
expect_exit 0 "PAR-08: 6 persons at the free ceiling" -- css --date 2025-06-01 --resources 29981 $six
expect_json stdout 'd["result"]' free "PAR-08: 21,711 + 2 x 4,135 = 29,981 EUR: free"
expect_exit 0 "PAR-08: 6 persons above the free ceiling" -- css --date 2025-06-01 --resources 29982 $six
cp stdout six.json
expect_json six.json 'd["household_size"]' 6 "PAR-08: household of 6"
expect_json six.json 'd["ceiling"]' 40477.00 "PAR-08: 29,311 + 2 x 5,583 = 40,477 EUR"
expect_json six.json '[p["monthly"] for p in d["participations"]]' \
  "['30.00', '25.00', '25.00', '21.00', '21.00', '8.00']" "PAR-08: 70 / 69 / 60 / 59 / 50 / 29 years old"
expect_json six.json 'd["monthly_participation"]' 130.00 "PAR-08: the household's participation is the sum"
expect_exit 0 "PAR-08: Alsace-Moselle" -- css --date 2025-06-01 --resources 29982 $six --alsace-moselle
expect_json stdout 'd["monthly_participation"]' 45.30 "PAR-08: Alsace-Moselle participations (10.50 + 8.70 x 2 + 7.30 x 2 + 2.80)"
expect_exit 0 "PAR-08: 6 persons above the participatory ceiling" -- css --date 2025-06-01 --resources 40478 $six
expect_json stdout 'd["result"]' not_eligible "PAR-08: one euro above 40,477 EUR: not eligible"

echo "# PAR-08: the table's validity"
expect_exit 0 "PAR-08: a date past the table" -- css --date 2026-04-01 --resources 12000 --person 45
expect_json stdout 'd["table"]' 2025-04-01..2026-03-31 "PAR-08: past its validity, the latest table is used"
expect_json stdout 'len(d["warnings"])' 1 "PAR-08: and the answer carries a warning"
expect_contains "$WORK/stderr" "warning: 2026-04-01 is after the CSS table 2025-04-01..2026-03-31" \
  "PAR-08: the warning names the table's validity"
expect_exit 3 "PAR-08: a date before the first table" -- css --date 2025-03-31 --resources 12000 --person 45
expect_contains "$WORK/stderr" "error: --date:" "PAR-08: the error names --date"
expect_exit 0 "PAR-08: --date defaults to the business date" -- "$MUTUA" --today 2025-09-01 css check --resources 12000 --person 45 --json
expect_json stdout 'd["date"]' 2025-09-01 "PAR-08: the business date is the request date"

echo "# PAR-08: the orientation recorded under a case reference"
CDB="$(db_target c)"
db="--db $CDB"
expect_exit 0 "PAR-08: check and record" -- "$MUTUA" $db --today 2025-06-02 css check --date 2025-06-01 \
  --resources 16000 --person 41 --person 39 --record SC-2025-017 --json
cp stdout rec.json
expect_json rec.json 'd["recorded"]["reference"]' SC-2025-017 "PAR-08: recorded under its reference"
expect_json rec.json 'd["recorded"]["already_recorded"]' False "PAR-08: a new record"
expect_exit 0 "PAR-08: the same check again" -- "$MUTUA" $db --today 2025-06-03 css check --date 2025-06-01 \
  --resources 16000 --person 41 --person 39 --record SC-2025-017 --json
expect_json stdout 'd["recorded"]["already_recorded"]' True "PAR-08: recording the same check again is a no-op"
expect_exit 0 "PAR-08: corrected resources" -- "$MUTUA" $db --today 2025-06-03 css check --date 2025-06-01 \
  --resources 14000 --person 41 --person 39 --record SC-2025-017 --json
expect_json stdout 'd["result"]' free "PAR-08: corrected resources: free CSS"
# The stored rows, then the table's columns (the dump's header line).
{ db_rows "$CDB" css_checks:reference,check_date,recorded,persons,resources_cents,result,ceiling_cents,participation_cents,table_validity |
    tr '\t' '|'
  "$MUTUA" $db db dump css_checks | head -1; } > rows.txt
expect_contains rows.txt "SC-2025-017|2025-06-01|2025-06-02|2|1600000|participatory|2093600|2800|2025-04-01..2026-03-31" \
  "PAR-08: the check is stored with its figures and the business date"
expect_contains rows.txt "SC-2025-017|2025-06-01|2025-06-03|2|1400000|free|1550800|0|2025-04-01..2026-03-31" \
  "PAR-08: a corrected check is a new row"
if [ "$(grep -c '^SC-' rows.txt)" = 2 ]; then pass "PAR-08: two rows, the repeat not counted"; else
  fail "PAR-08: expected two rows"; cat rows.txt; fi
if grep -qiE 'name|birth' rows.txt; then fail "PAR-08: no personal name column"; else
  pass "PAR-08: no personal name stored, only the reference"; fi
expect_exit 3 "PAR-08: a name as reference is refused" -- "$MUTUA" $db css check --date 2025-06-01 \
  --resources 16000 --person 41 --record "Jean Dupont"
expect_contains "$WORK/stderr" "error: --record:" "PAR-08: the error names --record"

echo "# PAR-08: bad input exits 3 and names the option"
expect_exit 3 "PAR-08: resources with a comma" -- css --date 2025-06-01 --resources 12345,67 --person 45
expect_contains "$WORK/stderr" "error: --resources:" "PAR-08: the error names --resources"
expect_exit 3 "PAR-08: three decimals" -- css --date 2025-06-01 --resources 12345.678 --person 45
expect_exit 3 "PAR-08: negative resources" -- css --date 2025-06-01 --resources=-1 --person 45
expect_exit 3 "PAR-08: an age that is not a number" -- css --date 2025-06-01 --resources 12000 --person abc
expect_contains "$WORK/stderr" "error: --person:" "PAR-08: the error names --person"
expect_exit 3 "PAR-08: an age out of range" -- css --date 2025-06-01 --resources 12000 --person 130
expect_exit 3 "PAR-08: not a date" -- css --date 2025-02-30 --resources 12000 --person 45
expect_exit 3 "PAR-08: an adult cannot be in alternating custody" -- css --date 2025-06-01 --resources 12000 --person 45 --person 19:half
expect_exit 4 "PAR-08: a child in alternating custody is refused (no exact ceiling)" -- \
  css --date 2025-06-01 --resources 12000 --person 45 --person 8:half
expect_contains "$WORK/stderr" "error: PAR-08:" "PAR-08: the refusal names the rule"
expect_exit 2 "PAR-08: --person is required" -- css --date 2025-06-01 --resources 12000

finish
