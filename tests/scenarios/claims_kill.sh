#!/usr/bin/env bash
# A claims run killed with SIGKILL at random points and started again ends in exactly the state
# of one clean run: same decisions (with their stored detail), accumulators, payments, run record
# and decisions file. At least 20 kills land while the run is working.
# Rules: BEN-08 BEN-12 BEN-13
source "$(dirname "$0")/lib.bash"

KILLS_WANTED=${KILLS_WANTED:-20}
BASE="$(db_target base)"
"$MUTUA" --db "$BASE" catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
"$MUTUA" --db "$BASE" generate population --households 1500 --seed 21 --year 2026 --out members.csv >/dev/null
"$MUTUA" --db "$BASE" members import members.csv >/dev/null
"$MUTUA" --db "$BASE" generate claims --lines 120000 --seed 22 --year 2026 --out lines.csv >/dev/null
CLEAN="$(db_target clean)"
K="$(db_target k)"
run() { # DB OUT: the command under test (small chunks: many checkpoints to land between).
  # exec: when started in the background, $! is mutua itself, so kill -9 reaches it.
  exec "$MUTUA" --db "$1" --today 2026-12-31 claims run --in lines.csv --out "$2" --commit-every 1500
}
state() { # DB → the whole persisted claims state, in a stable order
  db_state "$1" claim_decisions:claim_id,line,run_id,contract_id,status,rc_cents,remaining_cents,reasons,detail \
    claim_accumulators claim_payments claim_runs
}
# run_done DB: 1 once a run recorded itself done, else 0.
run_done() { local d; d=$(db_rows "$1" claim_runs:done 2>/dev/null | tail -1); echo "${d:-0}"; }

db_copy base clean
start=$(date +%s%N)
(run "$CLEAN" clean.csv >/dev/null)
clean_ms=$(( ($(date +%s%N) - start) / 1000000 ))
state "$CLEAN" > clean.state
[ -s clean.state ] && pass "clean run: $(wc -l < clean.csv) lines in ${clean_ms} ms" || fail "clean run stored nothing"

kills=0
round=0
while [ "$kills" -lt "$KILLS_WANTED" ]; do
  round=$((round + 1))
  rm -f k.csv k.csv.partial
  db_copy base k
  completed=0
  for attempt in $(seq 1 60); do
    [ "$kills" -ge "$KILLS_WANTED" ] && break
    if [ "$(run_done "$K")" = 1 ]; then
      completed=1  # killed while exiting, after the run recorded itself done
      break
    fi
    run "$K" k.csv >/dev/null 2>&1 &
    pid=$!
    # Uniform in [0.02 s, 0.7 × the clean run's time]: before, during and after the validation pass,
    # between and inside chunk commits, around the final rename. Drawn in bash (30 random bits): a
    # python3 start before the sleep (0.5 s through a pyenv shim, more on a loaded machine) made
    # every kill later than drawn.
    delay_ms=$(( 20 + ((RANDOM << 15) | RANDOM) % (clean_ms * 7 / 10 > 20 ? clean_ms * 7 / 10 - 19 : 1) ))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
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
  done_flag=$(run_done "$K")
  [ "$completed" = 1 ] || [ "$done_flag" = 1 ] || (run "$K" k.csv >/dev/null)
  state "$K" > k.state
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
