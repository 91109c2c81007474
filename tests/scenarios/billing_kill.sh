#!/usr/bin/env bash
# A billing run, a SEPA export and a dunning run, each killed with SIGKILL at random points and
# started again, end in exactly the state of one clean run: same ledger, schedules, batches and
# debits, procedures, collection statuses and letters register, and the same SEPA file. At least
# 20 kills land while the commands are working (KILLS_PER_STEP each).
# Rules: BIL-01 BIL-02 BIL-03 BIL-04 DUN-01
source "$(dirname "$0")/lib.bash"

KILLS_PER_STEP=${KILLS_PER_STEP:-7}
"$MUTUA" --db base.db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
"$MUTUA" --db base.db generate population --households 20000 --seed 21 --year 2026 --out members.csv >/dev/null
"$MUTUA" --db base.db members import members.csv >/dev/null

# The commands under test; exec, so that $! is mutua itself and kill -9 reaches it. Small
# transactions: many commits to land between.
step_cmd() { # STEP DB
  case "$1" in
    billing) exec "$MUTUA" --db "$2" --today 2026-01-01 billing run --commit-every 500 ;;
    sepa) exec "$MUTUA" --db "$2" --today 2025-12-20 sepa export --collection-date 2026-01-01 --out "$2.xml" ;;
    dunning) exec "$MUTUA" --db "$2" --today 2026-01-15 dunning run --commit-every 500 ;;
  esac
}
state() { # DB → everything billing persists, in a stable order
  sqlite3 "$1" "select key, entry_date, kind, contract_id, debit, credit, amount_cents, year, period,
                       rule, reference from ledger order by key;
                select * from billing_schedules order by contract_id, year;
                select * from billing_settings order by name;
                select message_id, collection_date, created, count, total_cents from sepa_batches;
                select * from sepa_debits order by end_to_end_id;
                select * from mandates order by rum;
                select contract_id, notice, oldest_due, arrears_cents, suspended, terminated, reinstated
                  from dunning_cases order by contract_id, case_id;
                select * from contract_collection order by contract_id;
                select contract_id, kind, issued, file from documents order by contract_id, kind;"
}

cp base.db clean.db
total_kills=0
for step in billing sepa dunning; do
  start=$(date +%s%N)
  (step_cmd $step clean.db >/dev/null 2>&1)
  clean_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  state clean.db > "clean_$step.state"
  [ -s "clean_$step.state" ] && pass "$step: clean run in ${clean_ms} ms" || fail "$step: clean run stored nothing"

  kills=0
  for attempt in $(seq 1 200); do
    [ "$kills" -ge "$KILLS_PER_STEP" ] && break
    cp prev.db k.db 2>/dev/null || cp base.db k.db
    rm -f k.db-wal k.db-shm k.db.xml k.db.xml.partial
    # Up to three kills in a row on the same database, then one run to the end.
    for again in 1 2 3; do
      step_cmd $step k.db >/dev/null 2>&1 &
      pid=$!
      sleep "$(python3 -c "import random; print(random.uniform(0.005, 0.9 * $clean_ms / 1000))")"
      if kill -9 "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        kills=$((kills + 1))
      else
        wait "$pid" 2>/dev/null || true
        break
      fi
    done
    (step_cmd $step k.db >/dev/null 2>&1)
    state k.db > k.state
    if cmp -s "clean_$step.state" k.state; then
      pass "$step, attempt $attempt ($kills kills so far): state equals one clean run"
    else
      fail "$step, attempt $attempt: state differs from one clean run"; diff "clean_$step.state" k.state | head -5
    fi
    if [ "$step" = sepa ]; then
      cmp -s clean.db.xml k.db.xml && pass "sepa, attempt $attempt: same file" || fail "sepa, attempt $attempt: file differs"
      [ ! -e k.db.xml.partial ] && pass "sepa, attempt $attempt: no partial file" || fail "sepa: partial file left"
    fi
  done
  [ "$kills" -ge "$KILLS_PER_STEP" ] && pass "$step: $kills SIGKILLs" || fail "$step: only $kills kills"
  total_kills=$((total_kills + kills))
  cp clean.db prev.db
done
[ "$total_kills" -ge 20 ] && pass "$total_kills SIGKILLs in all" || fail "only $total_kills kills"
finish
