#!/usr/bin/env bash
# Commands run at once never lose or double anything. Every pair of batch commands is started
# together on the same database: one takes the command lock, the other stops before writing
# anything (exit 5, "busy: ..."), and once it is run again the database is exactly what the two
# run one after the other, in that order, make. Then `serve` runs while the batches run, read by
# clients and attacked with the path that used to serve the database file: the database ends
# `mutua db check` = ok and every request is answered.
# Rules: BIL-01 BIL-03 BIL-04 DUN-01 BEN-09 BEN-13 GDPR-02 GDPR-03
source "$(dirname "$0")/lib.bash"

HOUSEHOLDS=${HOUSEHOLDS:-400}
BASE="$(db_target base)"
"$MUTUA" --db "$BASE" catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
"$MUTUA" --db "$BASE" generate population --households "$HOUSEHOLDS" --seed 5 --year 2025 --out members.csv >/dev/null
"$MUTUA" --db "$BASE" members import members.csv >/dev/null
"$MUTUA" --db "$BASE" --today 2025-12-01 billing run >/dev/null  # the 2026 calls: debits to collect
"$MUTUA" --db "$BASE" generate claims --lines 20000 --seed 6 --year 2025 --out lines.csv >/dev/null
echo "demo-accueil-pw" | "$MUTUA" --db "$BASE" user add accueil --role member_services >/dev/null
pass "a database of $HOUSEHOLDS households, their 2026 calls and 20,000 care lines"

TODAY=2025-12-31
# The batch commands; the files a run on database DB writes are named run-DB.*, so two runs on
# different databases never share a file.
batch() { # NAME DB → the command line
  case "$1" in
    billing) echo "billing run" ;;
    dunning) echo "dunning run" ;;
    claims) echo "claims run --in lines.csv --out run-$2.claims.csv --replace --commit-every 2000" ;;
    sepa) echo "sepa export --collection-date 2026-01-05 --out run-$2.sepa.xml" ;;
    retention) echo "privacy retention" ;;
  esac
}
run_batch() { # NAME DB (its name)
  # shellcheck disable=SC2046
  "$MUTUA" --db "$(db_target "$2")" --today "$TODAY" $(batch "$1" "$2")
}
state() { # DB (its name) → every table but the audit trail, in a stable order
  # The batches' work queue records which process did each chunk and when: not compared.
  db_state "$(db_target "$1")" --exclude audit_log --exclude schema_migrations \
    --exclude batch_runs --exclude batch_chunks
}
fresh() { rm -f "run-$1".*; db_copy base "$1"; }

names=(billing dunning claims sepa retention)
for ((i = 0; i < ${#names[@]}; i++)); do
  for ((j = i + 1; j < ${#names[@]}; j++)); do
    a=${names[$i]} b=${names[$j]}
    fresh p
    set +e
    run_batch "$a" p >a.out 2>a.err & pa=$!
    run_batch "$b" p >b.out 2>b.err & pb=$!
    wait $pa; ea=$?
    wait $pb; eb=$?
    set -e
    # Who lost: exit 5 with a busy message, and it is run again now.
    if [ "$ea" = 5 ] && [ "$eb" = 0 ]; then first=$b second=$a; loser=a.err
    elif [ "$eb" = 5 ] && [ "$ea" = 0 ]; then first=$a second=$b; loser=b.err
    elif [ "$ea" = 0 ] && [ "$eb" = 0 ]; then first=""; loser=""
    else fail "$a + $b together: exits $ea and $eb"; sed 's/^/    /' a.err b.err | head -6; continue
    fi
    if [ -n "$loser" ]; then
      grep -q "busy: " "$loser" && pass "$a + $b: the second one stops, naming the first (exit 5)" \
        || { fail "$a + $b: no busy message"; sed 's/^/    /' "$loser" | head -3; }
      run_batch "$second" p >/dev/null 2>&1 || fail "$second run again"
    else
      # Both finished: they did not overlap (the lock serialised them); the order is the one in
      # which they took it, told by their results below.
      first=$a second=$b
    fi
    fresh s
    run_batch "$first" s >/dev/null 2>&1
    run_batch "$second" s >/dev/null 2>&1
    # The files a run writes are named after its database: compare them under one name.
    state p > p.state
    state s | sed 's/run-s\./run-p./g' > s.state
    if [ -z "$loser" ] && ! cmp -s p.state s.state; then  # maybe the other order
      fresh s
      run_batch "$second" s >/dev/null 2>&1
      run_batch "$first" s >/dev/null 2>&1
      state s | sed 's/run-s\./run-p./g' > s.state
    fi
    if cmp -s p.state s.state; then
      pass "$a + $b together = $first then $second ($(wc -l < p.state) rows)"
    else
      fail "$a + $b together differ from $first then $second"
      diff p.state s.state | head -6 | sed 's/^/    /'
    fi
  done
done

echo "# serve while batches run: answered, and the database stays sound"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fresh live
LIVE="$(db_target live)"
"$MUTUA" --db "$LIVE" --today "$TODAY" serve --port "$port" --web "$ROOT/web" >serve.out 2>serve.err &
server=$!
trap 'kill $server 2>/dev/null || true; end_scenario' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.2; done
# The clients read until the batches are over (batches.done) and at least 51 requests were
# answered; 120 s bound should they hang.
python3 - "$port" batches.done >clients.out 2>&1 <<'PY' &
import http.client, json, os, sys, time
port, done = int(sys.argv[1]), sys.argv[2]
answered = failed = 0
deadline = time.time() + 120
cookie = csrf = None
while time.time() < deadline and not (answered > 50 and os.path.exists(done)):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        if cookie is None:
            c.request("POST", "/api/login", json.dumps({"username": "accueil", "password": "demo-accueil-pw"}),
                      {"Content-Type": "application/json"})
            r = c.getresponse(); body = r.read()
            if r.status != 200:
                failed += 1
                break
            cookie = r.getheader("Set-Cookie").split(";")[0]
            csrf = json.loads(body)["csrf_token"]
            continue
        for path in ("/api/worklist", "/api/members?q=C0", "/api/health", "//proc/self/cwd/live.db"):
            c.request("GET", path, headers={"Cookie": cookie})
            r = c.getresponse(); r.read()
            if path.startswith("//") and r.status != 404: failed += 1
            elif r.status >= 500 and r.status != 503: failed += 1
            else: answered += 1
    except Exception as e:
        failed += 1
    finally:
        c.close()
print(answered, failed)
PY
clients=$!
for name in billing dunning claims sepa retention; do run_batch "$name" live >/dev/null 2>&1 || true; done
touch batches.done
wait $clients
read -r answered failed < clients.out || { answered=0; failed=1; }
[ "$failed" = 0 ] && [ "$answered" -gt 50 ] && pass "served $answered requests while the batches ran, none failed" \
  || fail "clients: $answered answered, $failed failed"
curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && pass "the server is alive after the batches" || fail "the server died"
grep -q "terminate called" serve.err && fail "the server aborted" || pass "no abort in the server's log"
kill $server; wait $server 2>/dev/null || true
"$MUTUA" --db "$LIVE" db check >check.out 2>&1 && pass "mutua db check: the database's own check = ok, the ledger balanced" \
  || { fail "mutua db check failed"; sed 's/^/    /' check.out | head -5; }

echo "# 50 writers at once on one contract, through two servers on one database: no lost update"
# Each writer changes the contract's address (GDPR-01 rectification, kept in contract_changes).
# Every acknowledged (2xx) change must be in the history, and only those; each change's old value
# is the new value of the one before (a lost update would break the chain); a refusal is a clean
# 503 with Retry-After or a 409, never a 500.
WRITERS=${WRITERS:-50}
ROUNDS=${ROUNDS:-4}
fresh w
W="$(db_target w)"
ports=()
servers=()
for node in 1 2; do
  p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$MUTUA" --db "$W" --today "$TODAY" serve --port "$p" --web "$ROOT/web" >"w$node.out" 2>"w$node.err" &
  servers+=($!)
  ports+=("$p")
done
trap 'kill $server "${servers[@]}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for p in "${ports[@]}"; do
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$p/api/health" >/dev/null && break; sleep 0.2; done
done
python3 - "$WRITERS" "$ROUNDS" "${ports[@]}" >writers.out 2>&1 <<'PY'
import http.client, json, sys, threading
writers, rounds, ports = int(sys.argv[1]), int(sys.argv[2]), [int(p) for p in sys.argv[3:]]

def call(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        c.request(method, path, json.dumps(body) if body is not None else None,
                  {"Content-Type": "application/json", **(headers or {})})
        r = c.getresponse()
        return r.status, r.getheader("Retry-After"), r.read()
    finally:
        c.close()

sessions = {}
for port in ports:  # a session per node (sessions are shared through the database: nodes.sh)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("POST", "/api/login", json.dumps({"username": "accueil", "password": "demo-accueil-pw"}),
              {"Content-Type": "application/json"})
    r = c.getresponse(); body = r.read()
    assert r.status == 200, (r.status, body)
    sessions[port] = {"Cookie": r.getheader("Set-Cookie").split(";")[0],
                      "X-CSRF-Token": json.loads(body)["csrf_token"]}
    c.close()
port0 = ports[0]
status, _, body = call(port0, "GET", "/api/members?q=C0", headers=sessions[port0])
contract = json.loads(body)[0]["contract_id"]
status, _, body = call(port0, "GET", "/api/contracts/" + contract, headers=sessions[port0])
page = json.loads(body)
member = page["beneficiaries"][0]["beneficiary_id"]
before = [h for h in page["changes"] if h["field"] == "address"]

acknowledged, refused, broken = [], [], []
lock = threading.Lock()
start = threading.Barrier(writers)
def writer(n):
    port = ports[n % len(ports)]
    start.wait()
    for k in range(rounds):
        value = "%d rue du Test, 42000 Saint-Étienne" % (n * 1000 + k)
        try:
            status, retry, body = call(port, "POST", "/api/contracts/%s/rectification" % contract,
                                       {"beneficiary_id": member, "field": "address", "value": value},
                                       sessions[port])
        except Exception as e:
            status, retry, body = -1, None, str(e).encode()
        with lock:
            if 200 <= status < 300: acknowledged.append(value)
            elif (status == 503 and retry) or status == 409: refused.append(status)
            else: broken.append((status, body[:200]))
threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
for t in threads: t.start()
for t in threads: t.join()

status, _, body = call(port0, "GET", "/api/contracts/" + contract, headers=sessions[port0])
after = [h for h in json.loads(body)["changes"] if h["field"] == "address"][len(before):]
chain = all(after[i]["old"] == after[i - 1]["new"] for i in range(1, len(after)))
same = sorted(h["new"] for h in after) == sorted(acknowledged)
print(len(acknowledged), len(refused), len(broken), len(after), int(chain), int(same))
for b in broken[:5]: print("broken:", b, file=sys.stderr)
PY
read -r acked refused broken stored chain same < writers.out || { acked=0; broken=1; stored=-1; chain=0; same=0; }
[ "${broken:-1}" = 0 ] && pass "$((WRITERS * ROUNDS)) writes by $WRITERS writers: $acked acknowledged, $refused refused cleanly (503 + Retry-After or 409), none broken" \
  || { fail "writers: ${broken:-?} answers neither 2xx nor a clean refusal"; sed 's/^/    /' writers.out | head -8; }
[ "${acked:-0}" -gt 0 ] && [ "$acked" = "$stored" ] && pass "changes stored ($stored) = writes acknowledged ($acked)" \
  || fail "changes stored (${stored:-?}) != writes acknowledged (${acked:-?})"
[ "${same:-0}" = 1 ] && pass "the history holds exactly the acknowledged values" || fail "the history differs from the acknowledged values"
[ "${chain:-0}" = 1 ] && pass "each change's old value is the previous change's new value: no update lost" \
  || fail "the history's chain of old/new values is broken: an update was lost"
for i in 0 1; do
  grep -q "terminate called" "w$((i + 1)).err" && fail "server $((i + 1)) aborted" || true
  kill "${servers[$i]}" 2>/dev/null || true; wait "${servers[$i]}" 2>/dev/null || true
done
"$MUTUA" --db "$W" db check >/dev/null && pass "the database of the 50 writers passes mutua db check" \
  || fail "mutua db check failed on the database of the 50 writers"

finish
