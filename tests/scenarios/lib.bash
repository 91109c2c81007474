# Helpers for the end-to-end scenarios (sourced; not a test itself).
# Each scenario runs the real mutua binary ($1) in a fresh temporary directory.
set -euo pipefail
MUTUA="$1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$ROOT/tests/scenarios/data"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export MUTUA_REGULATION="$ROOT/config/regulation.yaml"
checks=0
failures=0

pass() { checks=$((checks + 1)); echo "ok - $1"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL - $1"; }

# expect_exit CODE LABEL -- command...   (stderr kept in $WORK/stderr, stdout in $WORK/stdout)
expect_exit() {
  local want="$1" label="$2"; shift 3
  set +e
  "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  local got=$?
  set -e
  if [ "$got" = "$want" ]; then pass "$label (exit $got)"; else
    fail "$label: exit $got, expected $want"; sed 's/^/    /' "$WORK/stderr" | head -5; fi
}

# expect_contains FILE TEXT LABEL
expect_contains() {
  if grep -qF -- "$2" "$1"; then pass "$3"; else
    fail "$3: '$2' not found in $(basename "$1")"; sed 's/^/    /' "$1" | head -8; fi
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}

# expect_json FILE PYTHON_EXPR EXPECTED LABEL: evaluates PYTHON_EXPR on the JSON document `d`
# read from FILE and compares its str() with EXPECTED.
expect_json() {
  local got
  got="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
         "$1" "$2" 2>&1)" || true
  if [ "$got" = "$3" ]; then pass "$4"; else fail "$4: $2 = '$got', expected '$3'"; fi
}
