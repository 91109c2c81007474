#!/usr/bin/env bash
# Batches split across processes (issue 16, app/batch_queue.hpp): a billing run and a dunning run
# shared by two processes (`--split`) end in the state of one run alone, key by key in the
# ledger, schedules, settings, procedures and letters register; every chunk is done once, by one
# process or the other, and one of them ends the batch. Then split runs killed with SIGKILL at
# random moments, and run again, end in the state of one clean run. While a split batch holds
# the database, an exclusive command and a split batch of another kind are refused (exit 5).
# Rules: BIL-01 BIL-02 BIL-04 DUN-01
source "$(dirname "$0")/lib.bash"

KILLS=${KILLS:-6}
BASE="$(db_target base)"
"$MUTUA" --db "$BASE" catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
"$MUTUA" --db "$BASE" generate population --households 4000 --seed 33 --year 2026 --out members.csv >/dev/null
"$MUTUA" --db "$BASE" members import members.csv >/dev/null

# STEP NAME [--split]: the command of a step on database NAME, exec'd (kill -9 reaches mutua).
step_cmd() {
  local db
  db="$(db_target "$2")"
  case "$1" in
    billing) exec "$MUTUA" --db "$db" --json --today 2026-01-01 billing run --commit-every 150 ${3:-} ;;
    dunning) exec "$MUTUA" --db "$db" --json --today 2026-03-20 dunning run --commit-every 150 ${3:-} ;;
  esac
}
state() {
  db_state "$(db_target "$1")" \
    ledger:key,entry_date,kind,contract_id,debit,credit,amount_cents,year,period,rule,reference \
    billing_schedules billing_settings \
    dunning_cases:contract_id,notice,oldest_due,arrears_cents,suspended,terminated,reinstated \
    contract_collection documents:contract_id,kind,issued,file
}
# FILE1 FILE2 TOTAL LABEL: the two processes' JSON summaries cover every chunk once, and exactly
# one of them ended the batch; on PostgreSQL each did some of the chunks.
check_parts() {
  python3 - "$1" "$2" "$3" "$MUTUA_TEST_DB" <<'PY' && pass "$4" || fail "$4"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
total = int(sys.argv[3])
# A process may come after the end (batch 0, nothing done): on SQLite the first can take every
# chunk before the second gets the write lock. On PostgreSQL both work at once.
joined = a["batch_id"] == b["batch_id"] and a["chunks"] > 0 and b["chunks"] > 0
late = 0 in (a["batch_id"], b["batch_id"]) and min(a["chunks"], b["chunks"]) == 0
ok = (joined or (late and sys.argv[4] == "sqlite")) and a["chunks"] + b["chunks"] == total \
     and a["batch_ended"] != b["batch_ended"]
print("    chunks: %d + %d of %d" % (a["chunks"], b["chunks"], total))
if not ok: print("   ", a["batch_id"], b["batch_id"], a["batch_ended"], b["batch_ended"])
sys.exit(0 if ok else 1)
PY
}

previous=base
for step in billing dunning; do
  db_copy "$previous" one
  db_copy "$previous" two
  (step_cmd $step one > one.json 2>/dev/null)
  chunks=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["chunks"])' one.json)
  [ "$chunks" -gt 10 ] && pass "$step alone: $chunks chunks" || fail "$step alone: $chunks chunks"
  state one > one.state
  [ -s one.state ] || fail "$step alone stored nothing"

  # Two processes at once; the second may start while the first plans (it waits, then joins).
  step_cmd $step two --split > a.json 2>a.err &
  a=$!
  step_cmd $step two --split > b.json 2>b.err &
  b=$!
  wait $a && wait $b && pass "$step split: both processes ended well" ||
    { fail "$step split: a process failed"; cat a.err b.err | head -5; }
  check_parts a.json b.json "$chunks" "$step split: every chunk done once, the batch ended once"
  state two > two.state
  cmp -s one.state two.state && pass "$step split over 2 processes: state equals the run alone" ||
    { fail "$step split: state differs from the run alone"; diff one.state two.state | head -5; }
  db_copy one "prev_$step"
  previous="prev_$step"
done

# While a split billing batch runs, the other commands are refused, nothing done. Its process
# is stopped (SIGSTOP) at a moment it holds the command lock, so the checks cannot race its end.
# The probe: a waiver of an unknown contract takes the command lock, then finds nothing to
# change (exit 3); exit 5 while the batch holds the lock.
held_ok=0
for try in 1 2 3; do
  db_copy base held
  step_cmd billing held --split > held.json 2>held.err &
  held=$!
  stopped=0
  for _ in $(seq 1 100); do
    sleep 0.03
    kill -STOP $held 2>/dev/null || break  # it has ended
    set +e
    "$MUTUA" --db "$(db_target held)" dunning waive NO-SUCH --until 2026-02-01 --reason probe \
      >/dev/null 2>&1
    rc=$?
    set -e
    if [ "$rc" = 5 ]; then stopped=1; break; fi
    kill -CONT $held 2>/dev/null || true
  done
  if [ "$stopped" = 1 ]; then
    expect_exit 5 "an exclusive billing run during a split one is refused" -- \
      "$MUTUA" --db "$(db_target held)" --today 2026-01-01 billing run
    expect_contains "$WORK/stderr" "busy:" "the refusal says the database is busy"
    expect_exit 5 "a split dunning run during a split billing run is refused" -- \
      "$MUTUA" --db "$(db_target held)" --today 2026-03-20 dunning run --split
    kill -CONT $held 2>/dev/null
    wait $held && pass "the held split run ends well once resumed" || fail "the held split run failed"
    held_ok=1
    break
  fi
  wait $held 2>/dev/null || true
done
[ "$held_ok" = 1 ] || fail "the split run ended three times before it could be held"

# Kills: two split processes, one (or both) killed with SIGKILL at a random moment, then one run
# again to the end: the state of one clean run.
db_copy base clean
start=$(date +%s%N)
(step_cmd billing clean >/dev/null 2>&1)
clean_ms=$(( ($(date +%s%N) - start) / 1000000 ))
state clean > clean.state
kills=0
for attempt in $(seq 1 40); do
  [ "$kills" -ge "$KILLS" ] && break
  db_copy base k
  step_cmd billing k --split >/dev/null 2>&1 &
  p1=$!
  step_cmd billing k --split >/dev/null 2>&1 &
  p2=$!
  delay_ms=$(( 20 + RANDOM % (clean_ms * 8 / 10 > 20 ? clean_ms * 8 / 10 - 19 : 1) ))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  victims=$p1
  [ $((attempt % 3)) = 0 ] && victims="$p1 $p2"  # every third attempt: both
  for v in $victims; do
    if kill -9 "$v" 2>/dev/null; then kills=$((kills + 1)); fi
  done
  wait $p1 2>/dev/null || true
  wait $p2 2>/dev/null || true
  (step_cmd billing k --split >/dev/null 2>&1)
  state k > k.state
  if cmp -s clean.state k.state; then
    pass "attempt $attempt ($kills kills so far): killed split run, then run again: equals one clean run"
  else
    fail "attempt $attempt: state differs from one clean run"; diff clean.state k.state | head -5
  fi
done
[ "$kills" -ge "$KILLS" ] && pass "$kills SIGKILLs during split runs" || fail "only $kills kills"
finish
