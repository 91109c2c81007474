#!/usr/bin/env bash
# Two `mutua serve` on one database (issue 16 item 5), as behind a load balancer that sends each
# request to either: a session made on one node reads and changes on the other (CSRF checked
# there too), a sign-out on one ends it on both, a restart of a node signs no one out, and the
# sign-in limit counts the attempts made on both nodes together.
# Rules: GDPR-02 (docs/security.md items 7 and 18)
source "$(dirname "$0")/lib.bash"

N="$(db_target n)"
"$MUTUA" --db "$N" catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
"$MUTUA" --db "$N" generate population --households 20 --seed 5 --year 2025 --out members.csv >/dev/null
"$MUTUA" --db "$N" members import members.csv >/dev/null
echo "demo-accueil-pw" | "$MUTUA" --db "$N" user add accueil --role member_services >/dev/null
echo "demo-cotisations-pw" | "$MUTUA" --db "$N" user add cotisations --role billing >/dev/null
contract=$(head -2 members.csv | tail -1 | cut -d, -f1)
member="$contract-01"
pass "a database of 20 households and two staff users"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pa=$(free_port)
pb=$(free_port)
start_node() { # PORT LOG → pid in $node
  "$MUTUA" --db "$N" --today 2025-12-31 serve --port "$1" --web "$ROOT/web" >"$2.out" 2>"$2.err" &
  node=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$1/api/health" >/dev/null && return; sleep 0.2; done
  fail "node on port $1 did not start"; sed 's/^/    /' "$2.err" | head -5
}
start_node "$pa" a; node_a=$node
start_node "$pb" b; node_b=$node
trap 'kill $node_a $node_b 2>/dev/null || true; rm -rf "$WORK"' EXIT

A="http://127.0.0.1:$pa"
B="http://127.0.0.1:$pb"
# status URL [curl options...]: the HTTP status only
status() { local url=$1; shift; curl -s -o /dev/null -w '%{http_code}' "$@" "$url"; }
login() { # NODE USER PASSWORD → headers in login.h, body in login.json; prints the status
  curl -s -D login.h -o login.json -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" "$1/api/login"
}

[ "$(login "$A" accueil demo-accueil-pw)" = 200 ] && pass "sign-in on node A" || fail "sign-in on node A"
cookie=$(sed -n 's/^Set-Cookie: \(mutua_session=[0-9a-f]*\).*/\1/p' login.h | tr -d '\r')
csrf=$(python3 -c 'import json; print(json.load(open("login.json"))["csrf_token"])')

got=$(status "$B/api/contracts/$contract" -H "Cookie: $cookie")
[ "$got" = 200 ] && pass "node B reads the contract page with A's session" || fail "read on B: $got"
body="{\"beneficiary_id\":\"$member\",\"surveys\":true}"
got=$(status "$B/api/contracts/$contract/opposition" -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
  -H 'Content-Type: application/json' -d "$body")
[ "$got" = 200 ] && pass "node B takes a change with A's session and CSRF token" || fail "change on B: $got"
got=$(status "$B/api/contracts/$contract/opposition" -H "Cookie: $cookie" -H 'Content-Type: application/json' -d "$body")
[ "$got" = 403 ] && pass "node B refuses the change without the CSRF token (403)" || fail "no CSRF on B: $got"
curl -s -H "Cookie: $cookie" "$B/api/me" > me.json
expect_json me.json 'd["csrf_token"] == "'"$csrf"'"' True "node B tells the CSRF token A gave"

# A restart of node A signs no one out: the session is in the database.
kill $node_a; wait $node_a 2>/dev/null || true
start_node "$pa" a2; node_a=$node
got=$(status "$A/api/contracts/$contract" -H "Cookie: $cookie")
[ "$got" = 200 ] && pass "node A, restarted, still knows the session" || fail "after restart: $got"

got=$(status "$B/api/logout" -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H "Content-Type: application/json" -d "{}")
[ "$got" = 200 ] && pass "sign-out on node B" || fail "sign-out on B: $got"
got=$(status "$A/api/contracts/$contract" -H "Cookie: $cookie")
[ "$got" = 401 ] && pass "node A refuses the session signed out on B (401)" || fail "A after sign-out: $got"

# GDPR-02: five failures, three on A and two on B, reach the limit together; then one attempt
# per 1, 2, 4 s after the last failure, wherever it was: a sixth failure on A after 1 s, a seventh
# on B after 2 s, and the next attempt, on either node, is held back (4 s), even with the right
# password.
codes=""
for node in "$A" "$A" "$A" "$B" "$B"; do codes="$codes $(login "$node" cotisations wrong-password)"; done
[ "$codes" = " 401 401 401 401 401" ] && pass "five failed sign-ins, split over both nodes" || fail "failures:$codes"
sleep 1.2
codes="$(login "$A" cotisations wrong-password)"
sleep 2.2
codes="$codes $(login "$B" cotisations wrong-password)"
[ "$codes" = "401 401" ] && pass "past the limit, one attempt per backoff, on either node" || fail "backoff:$codes"
got_b=$(login "$B" cotisations demo-cotisations-pw)
got_a=$(login "$A" cotisations demo-cotisations-pw)
if [ "$got_a" = 429 ] && [ "$got_b" = 429 ]; then
  pass "the sixth attempt is held back on both nodes (429)"
else
  fail "sixth attempt: B $got_b, A $got_a"
fi
grep -qi '^Retry-After:' login.h && pass "with Retry-After" || fail "no Retry-After"
sleep 4.2
[ "$(login "$A" cotisations demo-cotisations-pw)" = 200 ] && pass "a pause, not a lock-out" || fail "still held back"

for n in a a2 b; do
  grep -q "terminate called" "$n.err" && fail "node $n aborted"
done
pass "no node aborted"
finish
