#!/usr/bin/env bash
# What a careless operator or a crash does to files and the database: a SEPA batch exists if and
# only if its complete file does (a missing folder, kills at random points of `sepa export`, a
# file removed before settlement); a finished claims run's file is never overwritten; a database
# of a newer schema is refused by every command before anything is written; a database the user
# may not write is read, not changed.
# Rules: BIL-03 BIL-04 BEN-13
source "$(dirname "$0")/lib.bash"

XSD="$ROOT/tests/data/sepa/pain.008.001.02.xsd"
BASE="$(db_target base)"
"$MUTUA" --db "$BASE" catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
"$MUTUA" --db "$BASE" generate population --households 3000 --seed 9 --year 2025 --out members.csv >/dev/null
"$MUTUA" --db "$BASE" members import members.csv >/dev/null
"$MUTUA" --db "$BASE" --today 2025-12-01 billing run >/dev/null
# copy NAME: a fresh copy of the base database called NAME, its target.
copy() { db_copy base "$1"; db_target "$1"; }
# The number of batches, counted in their dump (db stats would count every table: ~1 s on
# PostgreSQL, and this runs 40 times); "?" when the dump fails, so no comparison passes.
batches() {
  local rows
  rows="$(db_rows "$1" sepa_batches:batch_id)" || { echo "?"; return 0; }
  if [ -z "$rows" ]; then echo 0; else wc -l <<<"$rows"; fi
}
sepa_payments() { db_rows "$1" ledger:kind,key | grep -c $'^payment\tsepa:' || true; }
# Batches whose file is missing or not a complete, valid pain.008.
unfiled() {
  local n=0
  while IFS= read -r f; do
    [ -n "$f" ] || continue
    if [ ! -f "$f" ] || ! xmllint --noout --schema "$XSD" "$f" 2>/dev/null; then n=$((n + 1)); fi
  done < <(db_rows "$1" sepa_batches:file)
  echo "$n"
}
export_to() { "$MUTUA" --db "$1" --today 2025-12-31 sepa export --collection-date 2026-01-05 --out "$2"; }

echo "# BIL-03: a batch is recorded with its file, or not at all"
A="$(copy a)"
expect_exit 3 "sepa export into a folder that does not exist" -- export_to "$A" missing/dir/jan.xml
expect_contains "$WORK/stderr" "missing/dir/jan.xml" "the error names the file"
[ "$(batches "$A")" = 0 ] && pass "no batch recorded without its file" || fail "a batch was recorded without its file"
expect_exit 0 "the same export into a folder that exists" -- export_to "$A" jan.xml
[ "$(batches "$A")" = 1 ] && [ "$(unfiled "$A")" = 0 ] && pass "one batch, its file valid" || fail "batch and file disagree"

echo "# kills at random points of sepa export: never a batch without its complete file"
start=$(date +%s%N)
export_to "$(copy t)" timing.xml >/dev/null
export_ms=$(( ($(date +%s%N) - start) / 1000000 ))
kills=0 without=0 resumed=0
# Pauses uniform in [0, 1.2 × a whole export], drawn at once (a python start per kill would
# itself outlast the export).
read -r -a pauses < <(python3 -c "import random; print(' '.join(str(random.uniform(0, 1.2 * $export_ms / 1000)) for _ in range(40)))")
for round in $(seq 0 39); do
  rm -f k.xml k.xml.partial
  K="$(copy k)"
  "$MUTUA" --db "$K" --today 2025-12-31 sepa export --collection-date 2026-01-05 --out k.xml >/dev/null 2>&1 &
  pid=$!
  sleep "${pauses[$round]}"
  kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
  wait "$pid" 2>/dev/null || true
  # Right after the kill: a batch is on disk complete, under its name or as .partial.
  if [ "$(batches "$K")" = 1 ] && [ ! -f k.xml ]; then
    if xmllint --noout --schema "$XSD" k.xml.partial 2>/dev/null; then resumed=$((resumed + 1)); else without=$((without + 1)); fi
  fi
  # The next command (a billing run settles batches) gives the .partial its name.
  "$MUTUA" --db "$K" --today 2025-12-31 billing run >/dev/null 2>&1 || true
  [ "$(unfiled "$K")" = 0 ] || without=$((without + 1))
done
[ "$without" = 0 ] && pass "$kills kills: 0 batches without their complete file ($resumed resumed from .partial)" \
  || fail "$without batches without their file after $kills kills"

echo "# the state a kill between the batch's commit and the rename leaves is resumed"
M="$(copy m)"
export_to "$M" m.xml >/dev/null
mv m.xml m.xml.partial
"$MUTUA" --db "$M" --today 2026-01-06 billing run >/dev/null 2>&1 || true
[ -f m.xml ] && [ ! -f m.xml.partial ] && xmllint --noout --schema "$XSD" m.xml 2>/dev/null \
  && pass "the next billing run gives the complete .partial its name" || fail "the .partial was not resumed"
[ "$(sepa_payments "$M")" -gt 0 ] \
  && pass "and settles the batch" || fail "the resumed batch is not settled"

echo "# a batch whose file was removed is not counted as collected"
R="$(copy r)"
export_to "$R" removed.xml >/dev/null
rm removed.xml
"$MUTUA" --db "$R" --today 2026-01-06 billing run >/dev/null 2>&1 || true
paid=$(sepa_payments "$R")
[ "$paid" = 0 ] && pass "no debit posted as paid for a batch without file" || fail "$paid debits posted as paid without a file"
"$MUTUA" --db "$R" --today 2026-01-06 sepa export --collection-date 2026-01-05 --out again.xml >/dev/null
"$MUTUA" --db "$R" --today 2026-01-06 billing run >/dev/null 2>&1 || true
[ "$(sepa_payments "$R")" -gt 0 ] \
  && pass "exported again, the batch is settled" || fail "the batch exported again is not settled"

echo "# a finished claims run's file is never overwritten"
C="$(copy c)"
"$MUTUA" --db "$C" generate claims --lines 2000 --seed 3 --year 2025 --out lines.csv >/dev/null
expect_exit 0 "claims run" -- "$MUTUA" --db "$C" --today 2025-12-31 claims run --in lines.csv --out decisions.csv
sum=$(sha256sum decisions.csv)
expect_exit 3 "the same run again onto the same --out is refused" -- \
  "$MUTUA" --db "$C" --today 2025-12-31 claims run --in lines.csv --out decisions.csv
expect_contains "$WORK/stderr" "--replace" "the error says how to overwrite on purpose"
[ "$(sha256sum decisions.csv)" = "$sum" ] && pass "the decisions file is unchanged" || fail "the decisions file was overwritten"
expect_exit 0 "with --replace it is the user's choice" -- \
  "$MUTUA" --db "$C" --today 2025-12-31 claims run --in lines.csv --out decisions.csv --replace

echo "# a database of a newer schema is refused before anything is written"
N="$(copy n)"
db_exec "$N" "insert into schema_migrations (version, description) values (999, 'from the future')"
before=$(db_state "$N" | sha256sum)
for cmd in "init" "billing run" "dunning run" "account $(sed -n 2p members.csv | cut -d, -f1)" \
           "claims run --in lines.csv --out n.csv" "privacy retention"; do
  # shellcheck disable=SC2086
  expect_exit 1 "newer schema: $cmd" -- "$MUTUA" --db "$N" --today 2025-12-31 $cmd
  expect_contains "$WORK/stderr" "newer than this mutua" "newer schema: $cmd says why"
done
[ "$(db_state "$N" | sha256sum)" = "$before" ] && pass "nothing was written" || fail "the newer database was changed"

# SQLite only: a file's mode is SQLite's own read-only case (on a server, what a role may write is
# the server's privileges, not a file).
if [ "$MUTUA_TEST_DB" = sqlite ]; then
  echo "# a database the user may not write is read, never changed"
  cp base.db ro.db
  chmod 755 "$WORK"
  chmod 444 ro.db
  contract=$(sed -n 2p members.csv | cut -d, -f1)
  as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
  before=$(sha256sum ro.db)
  expect_exit 0 "read-only file: account" -- as_nobody "$MUTUA" --db ro.db --today 2025-12-31 account "$contract"
  expect_exit 0 "read-only file: member show" -- as_nobody "$MUTUA" --db ro.db --today 2025-12-31 member show "$contract"
  set +e; as_nobody "$MUTUA" --db ro.db --today 2025-12-31 billing run >/dev/null 2>ro.err; code=$?; set -e
  [ "$code" != 0 ] && pass "read-only file: billing run refused (exit $code)" || fail "billing run on a read-only file succeeded"
  [ "$(sha256sum ro.db)" = "$before" ] && pass "the read-only file is unchanged" || fail "the read-only file changed"
fi

finish
