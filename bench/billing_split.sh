#!/usr/bin/env bash
# Billing on PostgreSQL and SQLite, one process alone and split over two (issue 16):
# `billing run --today 2025-12-01` (the annual call: every contract rated, every schedule
# stored) on HOUSEHOLDS households (`generate population --seed 7`), each run on a fresh copy of
# the database (the copy is not timed); median of BENCH_RUNS runs.
#
#   bench/billing_split.sh [HOUSEHOLDS...]     (default: 50000 200000)
#
# PostgreSQL: a private server (tests/pg/with-postgres: fsync on, Debian's defaults otherwise),
# the copy made with CREATE DATABASE ... TEMPLATE. Prints a markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
mutua=${mutua:-$PWD/build/bin/mutua}
runs=${BENCH_RUNS:-3}
out=${out:-$PWD/bench/out}
mkdir -p "$out"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50000 200000)

if [ -z "${MUTUA_PG:-}" ]; then
  exec tests/pg/with-postgres "$0" "${sizes[@]}"
fi
admin() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$MUTUA_PG" "$@"; }
uri() { echo "${MUTUA_PG%/*}/$1"; }
now() { date +%s%N; }
median() { python3 -c 'import sys,statistics; print("%.2f" % statistics.median(map(float, sys.argv[1:])))' "$@"; }

# Seconds since T0 (date +%s%N).
elapsed() { python3 -c "print('%.3f' % (($(now) - $1) / 1e9))"; }

echo "| database | contracts | one process | two processes (--split) |"
echo "|---|---|---|---|"
for households in "${sizes[@]}"; do
  csv=$out/members_${households}.csv
  [ -f "$csv" ] || "$mutua" generate population --households "$households" --seed 7 --year 2026 --out "$csv" >/dev/null
  base=$out/split_base_${households}.db
  if [ ! -f "$base" ]; then
    rm -f "$base".tmp*
    "$mutua" --db "$base.tmp" catalogue load config/catalogue.yaml >/dev/null
    "$mutua" --db "$base.tmp" members import "$csv" >/dev/null
    "$mutua" --db "$base.tmp" db check >/dev/null
    mv "$base.tmp" "$base"
    rm -f "$base.tmp-wal" "$base.tmp-shm"
  fi
  contracts=$("$mutua" --db "$base" --json db stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["tables"]["contracts"]["rows"])')
  admin -c "DROP DATABASE IF EXISTS bench_base_$households" -c "CREATE DATABASE bench_base_$households"
  "$mutua" migrate --from "$base" --to "$(uri bench_base_$households)" >/dev/null
  for db in postgresql sqlite; do
    one=(); two=()
    for _ in $(seq 1 "$runs"); do
      for mode in one two; do
        if [ $db = postgresql ]; then
          admin -c "DROP DATABASE IF EXISTS bench_work WITH (FORCE)" \
                -c "CREATE DATABASE bench_work TEMPLATE bench_base_$households"
          target=$(uri bench_work)
        else
          target=$out/split_work.db
          rm -f "$target" "$target-wal" "$target-shm" "$target.lock"
          cp "$base" "$target"
        fi
        t0=$(now)
        if [ $mode = one ]; then
          "$mutua" --db "$target" --today 2025-12-01 billing run >/dev/null
          one+=("$(elapsed "$t0")")
        else
          "$mutua" --db "$target" --today 2025-12-01 billing run --split >/dev/null &
          a=$!
          "$mutua" --db "$target" --today 2025-12-01 billing run --split >/dev/null &
          b=$!
          wait $a; wait $b
          two+=("$(elapsed "$t0")")
        fi
      done
    done
    echo "| $db | $contracts | $(median "${one[@]}") s (${one[*]}) | $(median "${two[@]}") s (${two[*]}) |"
  done
done
