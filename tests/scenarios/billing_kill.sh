#!/usr/bin/env bash
# A billing run, a SEPA export and a dunning run, each killed with SIGKILL at random points and
# started again, end in exactly the state of one clean run: same ledger, schedules, batches and
# debits, procedures, collection statuses and letters register, and the same SEPA file. At least
# 20 kills land while the commands are working (KILLS_PER_STEP each).
# Rules: BIL-01 BIL-02 BIL-03 BIL-04 DUN-01
source "$(dirname "$0")/lib.bash"

KILLS_PER_STEP=${KILLS_PER_STEP:-7}
BASE="$(db_target base)"
"$MUTUA" --db "$BASE" catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
"$MUTUA" --db "$BASE" generate population --households 20000 --seed 21 --year 2026 --out members.csv >/dev/null
"$MUTUA" --db "$BASE" members import members.csv >/dev/null

# The commands under test; exec, so that $! is mutua itself and kill -9 reaches it. Small
# transactions: many commits to land between.
step_cmd() { # STEP NAME (of the database; the SEPA file is NAME.xml)
  local db
  db="$(db_target "$2")"
  case "$1" in
    billing) exec "$MUTUA" --db "$db" --today 2026-01-01 billing run --commit-every 500 ;;
    sepa) exec "$MUTUA" --db "$db" --today 2025-12-20 sepa export --collection-date 2026-01-01 --out "$2.xml" ;;
    dunning) exec "$MUTUA" --db "$db" --today 2026-01-15 dunning run --commit-every 500 ;;
  esac
}
# NAME → everything billing persists, in a stable order (no row ids, no file paths: PostgreSQL's
# identities skip the ids a killed transaction had taken, so only keys and values are compared).
state() {
  db_state "$(db_target "$1")" \
    ledger:key,entry_date,kind,contract_id,debit,credit,amount_cents,year,period,rule,reference \
    billing_schedules billing_settings \
    sepa_batches:message_id,collection_date,created,count,total_cents \
    sepa_debits:end_to_end_id,contract_id,year,period,amount_cents,rum,sequence,status,reason \
    mandates \
    dunning_cases:contract_id,notice,oldest_due,arrears_cents,suspended,terminated,reinstated \
    contract_collection documents:contract_id,kind,issued,file
}

db_copy base clean
previous=base  # the state each step starts from: the clean run of the steps before it
total_kills=0
for step in billing sepa dunning; do
  start=$(date +%s%N)
  (step_cmd $step clean >/dev/null 2>&1)
  clean_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  state clean > "clean_$step.state"
  [ -s "clean_$step.state" ] && pass "$step: clean run in ${clean_ms} ms" || fail "$step: clean run stored nothing"

  kills=0
  for attempt in $(seq 1 200); do
    [ "$kills" -ge "$KILLS_PER_STEP" ] && break
    db_copy "$previous" k
    rm -f k.xml k.xml.partial
    # Up to three kills in a row on the same database, then one run to the end.
    for again in 1 2 3; do
      step_cmd $step k >/dev/null 2>&1 &
      pid=$!
      # A random moment within the clean run's time, drawn in bash: a python3 start (up to 1.4 s
      # on a loaded machine) would let short runs end before their kill.
      delay_ms=$(( 5 + RANDOM % (clean_ms * 9 / 10 > 5 ? clean_ms * 9 / 10 - 4 : 1) ))
      sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
      if kill -9 "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        kills=$((kills + 1))
      else
        wait "$pid" 2>/dev/null || true
        break
      fi
    done
    (step_cmd $step k >/dev/null 2>&1)
    state k > k.state
    if cmp -s "clean_$step.state" k.state; then
      pass "$step, attempt $attempt ($kills kills so far): state equals one clean run"
    else
      fail "$step, attempt $attempt: state differs from one clean run"; diff "clean_$step.state" k.state | head -5
    fi
    if [ "$step" = sepa ]; then
      cmp -s clean.xml k.xml && pass "sepa, attempt $attempt: same file" || fail "sepa, attempt $attempt: file differs"
      [ ! -e k.xml.partial ] && pass "sepa, attempt $attempt: no partial file" || fail "sepa: partial file left"
    fi
  done
  [ "$kills" -ge "$KILLS_PER_STEP" ] && pass "$step: $kills SIGKILLs" || fail "$step: only $kills kills"
  total_kills=$((total_kills + kills))
  db_copy clean prev
  previous=prev
done
[ "$total_kills" -ge 20 ] && pass "$total_kills SIGKILLs in all" || fail "only $total_kills kills"
finish
