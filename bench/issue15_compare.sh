#!/usr/bin/env bash
# Issue 15 measurements (before/after: ROOT=<checkout> OUT=<dir> bash bench/issue15_compare.sh): claims engine (renewal periods on every optics/hearing line) on two mixes,
# and the rating engine (children month by month, suspensions) on 1,000,000 households.
set -euo pipefail
ROOT=${ROOT:-/work/main}; OUT=${OUT:-/work/b15/after}; mkdir -p "$OUT"; cd "$OUT"
m=$ROOT/build/bin/mutua
export MUTUA_REGULATION=$ROOT/config/regulation.yaml
if [ ! -f base.db ]; then
  $m --db base.db catalogue load $ROOT/config/catalogue.yaml >/dev/null
  $m generate population --households 45000 --seed 3 --year 2026 --out members45k.csv >/dev/null
  $m --db base.db members import members45k.csv >/dev/null
  sqlite3 base.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
fi
printf 'category,weight_pct\nOPTICS_FRAME_LENSES,45\nHEARING_FREE,15\nCONSULT_GP,40\n' > optics_mix.csv
[ -f default.csv ] || $m --db base.db generate claims --lines 2000000 --seed 5 --year 2026 --out default.csv >/dev/null
[ -f optics.csv ] || $m --db base.db generate claims --lines 2000000 --seed 5 --year 2026 --mix optics_mix.csv --out optics.csv >/dev/null
for shape in default optics; do
  hyperfine --runs 3 --warmup 1 --export-json dry_$shape.json \
    --prepare "rm -f w.db w.db-wal w.db-shm out.csv && cp base.db w.db" \
    "$m --db w.db --today 2026-12-31 claims run --in $shape.csv --out out.csv --dry-run" >/dev/null 2>&1
  hyperfine --runs 3 --export-json run_$shape.json \
    --prepare "rm -f w.db w.db-wal w.db-shm out.csv && cp base.db w.db" \
    "$m --db w.db --today 2026-12-31 claims run --in $shape.csv --out out.csv" >/dev/null 2>&1
  python3 - "$shape" <<'PY'
import json, sys
s = sys.argv[1]
for kind in ("dry", "run"):
    r = json.load(open(f"{kind}_{s}.json"))["results"][0]
    print(f"{s} {kind}: median {r['median']:.2f} s, runs {' / '.join('%.2f' % t for t in r['times'])}, {2000000 / r['median']:,.0f} lines/s")
PY
done
if [ ! -f rate1m.db ]; then
  $m generate population --households 1000000 --seed 7 --year 2026 --out members1m.csv >/dev/null
  $m --db rate1m.db catalogue load $ROOT/config/catalogue.yaml >/dev/null
  $m --db rate1m.db members import members1m.csv >/dev/null
fi
echo "persons: $(sqlite3 rate1m.db 'select count(*) from beneficiaries'), suspensions: $(sqlite3 rate1m.db 'select count(*) from suspensions')"
hyperfine --runs 3 --warmup 1 --export-json rate.json "$m --db rate1m.db rate --year 2026 --out contrib.csv" >/dev/null 2>&1
python3 -c 'import json; r=json.load(open("rate.json"))["results"][0]; print("rate 1M: median %.2f s, runs %s" % (r["median"], " / ".join("%.2f" % t for t in r["times"])))'
$ROOT/build/bin/mutua_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true 2>/dev/null | grep -E "median|Benchmark" | head -20
