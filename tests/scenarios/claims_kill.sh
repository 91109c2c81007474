#!/usr/bin/env bash
# A claims run killed with SIGKILL at random points and started again ends in exactly the state
# of one clean run: same decisions (with their stored detail), accumulators, payments, run record
# and decisions file. At least 20 kills land while the run is working.
# Rules: BEN-08 BEN-12 BEN-13
source "$(dirname "$0")/lib.bash"

KILLS_WANTED=${KILLS_WANTED:-20}
"$MUTUA" --db base.db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
"$MUTUA" --db base.db generate population --households 1500 --seed 21 --year 2026 --out members.csv >/dev/null
"$MUTUA" --db base.db members import members.csv >/dev/null
"$MUTUA" --db base.db generate claims --lines 120000 --seed 22 --year 2026 --out lines.csv >/dev/null
run() { # DB OUT: the command under test (small chunks: many checkpoints to land between).
  # exec: when started in the background, $! is mutua itself, so kill -9 reaches it.
  exec "$MUTUA" --db "$1" --today 2026-12-31 claims run --in lines.csv --out "$2" --commit-every 1500
}
state() { # DB → the whole persisted claims state, in a stable order
  sqlite3 "$1" "select claim_id, line, run_id, contract_id, status, rc_cents, remaining_cents,
                       reasons, hex(detail) from claim_decisions order by claim_id, line;
                select * from claim_accumulators order by 1, 2, 3, 4;
                select * from claim_payments order by 1, 2, 3;
                select * from claim_runs order by run_id;"
}

cp base.db clean.db
start=$(date +%s%N)
(run clean.db clean.csv >/dev/null)
clean_ms=$(( ($(date +%s%N) - start) / 1000000 ))
state clean.db > clean.state
[ -s clean.state ] && pass "clean run: $(wc -l < clean.csv) lines in ${clean_ms} ms" || fail "clean run stored nothing"

kills=0
round=0
while [ "$kills" -lt "$KILLS_WANTED" ]; do
  round=$((round + 1))
  rm -f k.db k.db-wal k.db-shm k.csv k.csv.partial
  cp base.db k.db
  completed=0
  for attempt in $(seq 1 60); do
    [ "$kills" -ge "$KILLS_WANTED" ] && break
    if [ "$(sqlite3 k.db "select coalesce(max(done), 0) from claim_runs" 2>/dev/null)" = 1 ]; then
      completed=1  # killed while exiting, after the run recorded itself done
      break
    fi
    run k.db k.csv >/dev/null 2>&1 &
    pid=$!
    # Uniform in [0.02 s, 0.7 × the clean run's time]: before, during and after the validation pass,
    # between and inside chunk commits, around the final rename.
    sleep "$(python3 -c "import random; print(random.uniform(0.02, 0.7 * $clean_ms / 1000))")"
    if kill -9 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      kills=$((kills + 1))
    else
      wait "$pid" || true
      completed=1  # it finished before the kill
      break
    fi
  done
  # Start again: it resumes and completes. (A kill that lands after the run recorded itself
  # done, while the process exits, leaves a complete run: starting the file again then would be
  # a second run of it, all duplicates.)
  done_flag=$(sqlite3 k.db "select coalesce(max(done), 0) from claim_runs")
  [ "$completed" = 1 ] || [ "$done_flag" = 1 ] || (run k.db k.csv >/dev/null)
  state k.db > k.state
  if cmp -s clean.state k.state; then
    pass "round $round ($kills kills so far): database state equals one clean run"
  else
    fail "round $round: database state differs from one clean run"; diff clean.state k.state | head -5
  fi
  if cmp -s clean.csv k.csv; then pass "round $round: decisions file equals one clean run"; else
    fail "round $round: decisions file differs"; fi
  [ ! -e k.csv.partial ] && pass "round $round: no partial file left" || fail "round $round: partial file left"
done
[ "$kills" -ge "$KILLS_WANTED" ] && pass "$kills SIGKILLs in $round round(s)" || fail "only $kills kills"
finish
