#!/usr/bin/env bash
# Members import is all-or-nothing, names file:line:field, and a re-run changes nothing.
# Rules: ELIG-02 ELIG-09 ELIG-10 ADH-02
source "$(dirname "$0")/lib.bash"
MEMBERS="$ROOT/tests/data/members"

# The test files use the products LABEL2 and REGION; the generated population the sample ones.
MDB="$(db_target m)"
PDB="$(db_target p)"
"$MUTUA" --db "$MDB" catalogue load "$DATA/catalogue_members.yaml" >/dev/null
"$MUTUA" --db "$PDB" catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
count() { db_count "${1:-$MDB}" contracts beneficiaries | tr ' ' /; }

# Every malformed file: exit 3, an error naming this file and a line, nothing written.
n=0
for f in "$MEMBERS"/*.csv; do
  [ "$(basename "$f")" = valid.csv ] && continue
  n=$((n + 1))
  name=$(basename "$f")
  expect_exit 3 "$name is refused" -- "$MUTUA" --db "$MDB" members import "$f"
  if grep -qE "^error: .*$name:[0-9]+: " stderr; then pass "$name: error names file:line: field"; else
    fail "$name: no file:line: field error"; sed 's/^/    /' stderr | head -3; fi
  [ "$(count)" = "0/0" ] && pass "$name: database unchanged" || fail "$name: database changed ($(count))"
done
[ "$n" -ge 10 ] && pass "at least ten malformed files ($n)" || fail "only $n malformed files"

# The valid sample imports, then a second run is a no-op.
expect_exit 0 "valid.csv imports" -- "$MUTUA" --db "$MDB" members import "$MEMBERS/valid.csv"
first=$(count)
expect_exit 0 "valid.csv again" -- "$MUTUA" --db "$MDB" members import "$MEMBERS/valid.csv"
[ "$(count)" = "$first" ] && pass "re-import of valid.csv changes nothing ($first)" || fail "re-import changed the database"

# A generated population imports, and importing it again is a no-op.
"$MUTUA" generate population --households 300 --seed 5 --year 2026 --out pop.csv >/dev/null
expect_exit 0 "generated population imports" -- "$MUTUA" --db "$PDB" members import pop.csv
before=$(count "$PDB")
expect_exit 0 "re-import of the same file succeeds" -- "$MUTUA" --db "$PDB" members import pop.csv
[ "$(count "$PDB")" = "$before" ] && pass "re-import changes nothing ($before)" || fail "re-import changed the database"
expect_exit 0 "the population rates for 2026" -- "$MUTUA" --db "$PDB" rate --year 2026 --out rates.csv
rows=$(($(wc -l < rates.csv) - 1))
persons=${before#*/}
[ "$rows" -le "$persons" ] && [ "$rows" -gt 0 ] && pass "one row per insured person covered in 2026 ($rows)" || fail "rows $rows vs persons $persons"

finish
