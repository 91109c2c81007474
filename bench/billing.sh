#!/usr/bin/env bash
# Billing benchmarks of issue 5 (called by scripts/bench, BENCH_ONLY=billing to run them alone):
# 1,000,000 contracts (`generate population --households 1000000 --seed 7`: monthly payers have
# an IBAN, so ~68 % pay by direct debit). Each command runs on a fresh copy of the database in
# the state it expects (copy not timed); median of BENCH_RUNS runs (hyperfine).
#   1. billing run on 2025-12-01: the 2026 annual call (1,000,000 schedules, BIL-01).
#   2. billing run on 2026-01-01: January falls due (~976,000 entries; contracts unchanged since
#      the call are posted from their schedule, not re-rated).
#   3. sepa export of the January collection (~683,000 debits, pain.008 file of ~300 MB).
#   4. dunning run on 2026-01-15 after the January debits and the transfers of 97 % of the other
#      payers: notices to the ~3 % still unpaid (BENCH_UNPAID_PCT).
set -euo pipefail
mutua=${mutua:-build/bin/mutua}
out=${out:-bench/out}
runs=${BENCH_RUNS:-5}
results=${results:-$out/results.md}
households=${BENCH_HOUSEHOLDS:-1000000}
unpaid_pct=${BENCH_UNPAID_PCT:-3}
median() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }

csv=$out/members_${households}.csv
[ -f "$csv" ] || $mutua generate population --households "$households" --seed 7 --year 2026 --out "$csv" >/dev/null
db0=$out/billing0_${households}.db
if [ ! -f "$db0" ]; then
  rm -f "$db0".tmp*
  $mutua --db "$db0.tmp" catalogue load config/catalogue.yaml >/dev/null
  $mutua --db "$db0.tmp" members import "$csv" >/dev/null
  sqlite3 "$db0.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  mv "$db0.tmp" "$db0"
fi
work=$out/billing_work.db
fresh() { echo "rm -f $work $work-wal $work-shm && cp $1 $work"; }

# 1. The annual call.
hyperfine --runs "$runs" --export-json "$out/billing_call.json" --prepare "$(fresh "$db0")" \
  "$mutua --db $work --today 2025-12-01 billing run" >&2
db1=$out/billing1_${households}.db
[ -f "$db1" ] || { cp "$db0" "$db1"; $mutua --db "$db1" --today 2025-12-01 billing run >/dev/null; }
# 2. The January run.
hyperfine --runs "$runs" --export-json "$out/billing_month.json" --prepare "$(fresh "$db1")" \
  "$mutua --db $work --today 2026-01-01 billing run" >&2
db2=$out/billing2_${households}.db
[ -f "$db2" ] || { cp "$db1" "$db2"; $mutua --db "$db2" --today 2026-01-01 billing run >/dev/null; }
# 3. The January collection.
hyperfine --runs "$runs" --export-json "$out/billing_sepa.json" --prepare "$(fresh "$db2") && rm -f $out/sepa.xml" \
  "$mutua --db $work --today 2025-12-20 sepa export --collection-date 2026-01-01 --out $out/sepa.xml" >&2
debits=$(grep -c "<DrctDbtTxInf>" "$out/sepa.xml" || true)
# 4. Dunning: the debits sent, then the transfers of all but unpaid_pct % of the other payers.
db3=$out/billing3_${households}_${unpaid_pct}.db
if [ ! -f "$db3" ]; then
  cp "$db2" "$db3"
  $mutua --db "$db3" --today 2025-12-20 sepa export --collection-date 2026-01-01 --out "$out/sepa3.xml" >/dev/null
  { echo "contract_id,date,amount,method,reference"
    sqlite3 -csv "$db3" "select l.contract_id, '2026-01-05', printf('%d.%02d', l.amount_cents / 100, l.amount_cents % 100),
                                'transfer', 'VIR-' || l.contract_id
                         from ledger l where l.kind = 'contribution_due' and l.contract_id not in
                           (select contract_id from ledger where kind = 'payment')
                         and abs(random() % 100) >= $unpaid_pct"; } > "$out/payments.csv"
  $mutua --db "$db3" --today 2026-01-05 payments import "$out/payments.csv" >/dev/null
fi
hyperfine --runs "$runs" --export-json "$out/billing_dunning.json" --prepare "$(fresh "$db3")" \
  "$mutua --db $work --today 2026-01-15 dunning run" >&2
notices=$($mutua --db "$work" --today 2026-01-15 dunning run --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["contracts_examined"])')
rm -f $work $work-wal $work-shm
{
  echo "- \`mutua billing run\` on 2025-12-01, the 2026 annual call for $households contracts: median **$(median "$out/billing_call.json") s** (target ≤ 10 s)"
  echo "- \`mutua billing run\` on 2026-01-01, January due for $households contracts (posted from the schedules; only changed contracts re-rated): median $(median "$out/billing_month.json") s"
  echo "- \`mutua sepa export\` of the January collection, $debits debits: median **$(median "$out/billing_sepa.json") s** (target ≤ 10 s)"
  echo "- \`mutua dunning run\` on 2026-01-15, $households contracts, $notices in arrears ($unpaid_pct % of transfer payers unpaid): median **$(median "$out/billing_dunning.json") s** (target ≤ 10 s)"
} >> "$results"
