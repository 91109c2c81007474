#!/usr/bin/env bash
# Load benchmark of the back office (called by scripts/bench; BENCH_ONLY=web to run it alone) on a
# database of 100,000 contracts, measured with wrk on loopback: requests/s and latency
# percentiles, median of BENCH_RUNS runs of 15 s each. Two shapes: reads (the contract page,
# `GET /api/contracts/{id}`, signed in as member services; audited in group commits) with targets
# >= 5,000 requests/s and p99 <= 10 ms (2-core machine), and changes (`POST .../opposition`, each
# committed with its audit entry before the answer: one fsync'd transaction per request).
#   BENCH_WEB_HOUSEHOLDS (default 100000), BENCH_WEB_CONNECTIONS (default 8),
#   BENCH_WEB_THREADS (wrk threads, default 2), BENCH_WEB_SECONDS (default 15)
set -euo pipefail
mutua=${mutua:-build/bin/mutua}
out=${out:-bench/out}
runs=${BENCH_RUNS:-5}
results=${results:-$out/results.md}
households=${BENCH_WEB_HOUSEHOLDS:-100000}
connections=${BENCH_WEB_CONNECTIONS:-8}
seconds=${BENCH_WEB_SECONDS:-15}
port=${BENCH_WEB_PORT:-18080}
mkdir -p "$out"

csv=$out/members_web_${households}.csv
db=$out/web_${households}.db
[ -f "$csv" ] || $mutua generate population --households "$households" --seed 5 --year 2026 --out "$csv" >/dev/null
if [ ! -f "$db" ]; then
  rm -f "$db".tmp*
  $mutua --db "$db.tmp" catalogue load config/catalogue.yaml >/dev/null
  $mutua --db "$db.tmp" members import "$csv" >/dev/null
  echo "bench-password" | $mutua --db "$db.tmp" user add bench --role member_services >/dev/null
  sqlite3 "$db.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  mv "$db.tmp" "$db"
fi
contracts=$(sqlite3 "$db" "select count(*) from contracts")

$mutua --db "$db" serve --port "$port" > "$out/web_server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break
  sleep 0.1
done
login=$(curl -s -D - -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-password"}' "http://127.0.0.1:$port/api/login")
cookie=$(printf '%s' "$login" | sed -n 's/^Set-Cookie: \(mutua_session=[0-9a-f]*\).*/\1/p' | tr -d '\r')
csrf=$(printf '%s' "$login" | sed -n 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/p')
[ -n "$cookie" ] || { echo "bench/web.sh: sign-in failed" >&2; exit 1; }

# Each request asks for another contract (C00000001..C<households>), so the page cache, not one
# hot row, is what is measured.
lua=$out/web_contracts.lua
cat > "$lua" <<LUA
local n = $households
local counter = 0
request = function()
  counter = counter + 1
  local id = string.format("C%08d", (counter * 7919) % n + 1)
  return wrk.format("GET", "/api/contracts/" .. id, {["Cookie"] = "$cookie"})
end
LUA

# Runs wrk with a script `runs` times: web_wrk_<tag>_<run>.txt; stops on any non-2xx answer.
measure() { # LUA TAG
  for run in $(seq "$runs"); do
    wrk -t "${BENCH_WEB_THREADS:-2}" -c "$connections" -d "${seconds}s" --latency -s "$1" \
      "http://127.0.0.1:$port" > "$out/web_wrk_$2_$run.txt"
    if grep -q 'Non-2xx' "$out/web_wrk_$2_$run.txt"; then
      echo "bench/web.sh: errors in $2 run $run" >&2
      cat "$out/web_wrk_$2_$run.txt" >&2
      exit 1
    fi
  done
}
# The runs' values of a wrk figure: `rps`, or a latency percentile such as `50%`.
figures() { # TAG FIGURE
  for f in "$out"/web_wrk_"$1"_*.txt; do
    if [ "$2" = rps ]; then awk '/^Requests\/sec/{print $2}' "$f"; else awk -v p="$2" '$1==p{print $2}' "$f"; fi
  done
}
rm -f "$out"/web_wrk_*.txt
measure "$lua" reads

# Writes: opposition flags of another person each time, each a transaction with its audit entry.
wlua=$out/web_writes.lua
cat > "$wlua" <<LUA
local n = $households
local counter = 0
request = function()
  counter = counter + 1
  local id = string.format("C%08d", (counter * 7919) % n + 1)
  local body = string.format('{"beneficiary_id": "%s-01", "surveys": %s}', id,
                             counter % 2 == 0 and "true" or "false")
  return wrk.format("POST", "/api/contracts/" .. id .. "/opposition",
                    {["Cookie"] = "$cookie", ["X-CSRF-Token"] = "$csrf",
                     ["Content-Type"] = "application/json"}, body)
end
LUA
measure "$wlua" writes
median() { printf '%s\n' "$@" | python3 -c '
import sys, statistics
def ms(v):
    v = v.strip()
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit): return float(v[:-len(unit)]) * f
    return float(v)
vals = [l for l in sys.stdin.read().split() if l]
print(statistics.median(ms(v) if v[-1] in "sm" else float(v) for v in vals))'; }
echo "- \`GET /api/contracts/{id}\` (contract page, member services signed in), $contracts contracts, wrk $connections connections ${seconds}s x $runs runs on loopback: median **$(median $(figures reads rps) | cut -d. -f1) requests/s**, p50 $(median $(figures reads 50%)) ms, **p99 $(median $(figures reads 99%)) ms** (targets >= 5,000 requests/s, p99 <= 10 ms)" >> "$results"
echo "- \`POST /api/contracts/{id}/opposition\` (a change committed with its audit entry before the answer), $contracts contracts, wrk $connections connections ${seconds}s x $runs runs: median **$(median $(figures writes rps) | cut -d. -f1) requests/s**, p50 $(median $(figures writes 50%)) ms, p99 $(median $(figures writes 99%)) ms" >> "$results"
