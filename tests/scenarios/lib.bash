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
# python3 resolved once to the interpreter itself: where `python3` on the PATH is a version
# manager's shim (pyenv's is a bash script running `pyenv exec`), every start costs ~0.5 s
# instead of ~0.03 s, and a scenario starts it hundreds of times (expect_json, db_count).
PYTHON3="$(python3 -c 'import sys; print(sys.executable)')"
[ -x "$PYTHON3" ] || PYTHON3="$(command -v python3)"
python3() { "$PYTHON3" "$@"; }

# --- The database under test -----------------------------------------------------------------
# MUTUA_TEST_DB=sqlite (the default): each database is a file in $WORK. MUTUA_TEST_DB=postgresql:
# each is a database created for this run on the server of MUTUA_PG (tests/pg/with-postgres
# starts one and sets it). Scenarios name databases through db_target, read them through mutua
# commands (`mutua db stats|dump|check` when no other command tells), and set up fault states
# through db_exec; sqlite3 and psql are called here only (db_exec, and pg_admin to create and
# drop databases). (Not MUTUA_DB: mutua itself reads that one as its default database, so it is
# unset here: a scenario never touches a database it did not make.)
MUTUA_TEST_DB="${MUTUA_TEST_DB:-sqlite}"
unset MUTUA_DB
case "$MUTUA_TEST_DB" in
  sqlite) ;;
  postgresql)
    if [ -z "${MUTUA_PG:-}" ]; then
      echo "MUTUA_TEST_DB=postgresql needs MUTUA_PG: run under tests/pg/with-postgres" >&2
      exit 2
    fi ;;
  *) echo "MUTUA_TEST_DB must be sqlite or postgresql, not '$MUTUA_TEST_DB'" >&2; exit 2 ;;
esac
# Databases of this run on the server: the scenario's name, the shell's pid, NAME.
PG_PREFIX="$(basename "$0" .sh | tr -c 'a-z0-9_\n' _)_$$"

# pg_uri DATABASE: MUTUA_PG with its database replaced.
pg_uri() {
  local base="${MUTUA_PG%%\?*}" query=""
  [ "$base" != "$MUTUA_PG" ] && query="?${MUTUA_PG#*\?}"
  echo "${base%/*}/$1$query"
}
pg_admin() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$MUTUA_PG" "$@"; }

# db_target NAME: the target (--db) of the database called NAME in this run, created empty on
# first use: NAME.db in the work directory, or a database on the server (its URI).
db_target() {
  case "$MUTUA_TEST_DB" in
    sqlite) echo "$1.db" ;;
    postgresql)
      local db="${PG_PREFIX}_$1"
      if ! grep -qxF "$db" "$WORK/.pg_databases" 2>/dev/null; then
        pg_admin -c "CREATE DATABASE \"$db\"" >/dev/null
        echo "$db" >> "$WORK/.pg_databases"
      fi
      pg_uri "$db" ;;
  esac
}

# db_copy FROM TO: makes the database TO an exact copy of FROM (both names; no command may be
# using FROM), replacing TO: a file copy, or CREATE DATABASE ... TEMPLATE.
db_copy() {
  case "$MUTUA_TEST_DB" in
    sqlite) rm -f "$2.db" "$2.db-wal" "$2.db-shm" "$2.db.lock"; cp "$1.db" "$2.db" ;;
    postgresql)
      db_target "$1" >/dev/null
      local to="${PG_PREFIX}_$2"
      pg_admin -c "DROP DATABASE IF EXISTS \"$to\" WITH (FORCE)" \
               -c "CREATE DATABASE \"$to\" TEMPLATE \"${PG_PREFIX}_$1\"" >/dev/null
      grep -qxF "$to" "$WORK/.pg_databases" || echo "$to" >> "$WORK/.pg_databases" ;;
  esac
}

# db_exec TARGET SQL: runs SQL on the database (a target from db_target), printing nothing but
# errors. Only to set up a state no command makes (a schema from the future, an old schema, a
# value written by an older version); everything a scenario checks is read through mutua.
db_exec() {
  case "$MUTUA_TEST_DB" in
    sqlite) sqlite3 -bail "$1" "$2" >/dev/null ;;
    postgresql) PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$1" -c "$2" >/dev/null ;;
  esac
}

# db_rows TARGET TABLE[:COL,...]: the table's rows (those columns), one a line, tab-separated,
# in mutua db dump's order and form (\N for NULL).
db_rows() { "$MUTUA" --db "$1" db dump "$2" | tail -n +2; }
# db_count TARGET TABLE...: the number of rows of each table, separated by spaces.
db_count() {
  local target="$1"; shift
  "$MUTUA" --db "$target" --json db stats | python3 -c '
import json, sys
tables = json.load(sys.stdin)["tables"]
print(" ".join(str(tables[name]["rows"]) for name in sys.argv[1:]))' "$@"
}
# db_state TARGET [TABLE[:COL,...]]... [--exclude TABLE]...: the rows of every table (or of
# those), in a stable order, for comparing two databases.
db_state() { local t="$1"; shift; "$MUTUA" --db "$t" db dump "$@"; }

# At the end: the work directory goes, and the databases this run made on a server.
end_scenario() {
  if [ "$MUTUA_TEST_DB" = postgresql ] && [ -f "$WORK/.pg_databases" ]; then
    while IFS= read -r db; do
      pg_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
    done < "$WORK/.pg_databases"
  fi
  cd /
  rm -rf "$WORK"
}
trap end_scenario EXIT
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
