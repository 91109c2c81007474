#!/usr/bin/env bash
# The README's five-minute tour, command by command, against the real binary: each command must
# end with the exit code its comment announces ("exit N"), 0 otherwise. Keeps the tour true to the
# code (the rules the tour shows are proven by the other scenarios and the unit tests).
source "$(dirname "$0")/lib.bash"
ln -s "$ROOT/config" config
ln -s "$ROOT/tests" tests
python3 - "$ROOT/README.md" > tour.cmds <<'PY'
import re, sys
s = open(sys.argv[1]).read()
block = s[s.index('## A five-minute tour'):]
block = block[block.index('```sh') + 5:]
block = block[:block.index('```')]
cmd = ''
for line in block.strip('\n').split('\n'):
    cmd = cmd + '\n' + line if cmd else line
    if line.rstrip().endswith('\\'):
        continue
    c, cmd = cmd, ''
    if not c.strip() or c.lstrip().startswith('#') or c.startswith('m='):
        continue
    m = re.search(r'#.*\bexit (\d)', c)
    print((m.group(1) if m else '0') + '\t' + c.replace('\\\n', ' ').replace('\n', ' '))
PY
m="$MUTUA"
TOUR_DB="$(db_target tour)"
count=0
while IFS=$'\t' read -r want command; do
  count=$((count + 1))
  command="${command//--db tour.db/--db $TOUR_DB}"
  set +e
  eval "$command" >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
  got=$?
  set -e
  if [ "$got" = "$want" ]; then pass "tour: ${command:0:90} (exit $got)"; else
    fail "tour: $command: exit $got, expected $want"; sed 's/^/    /' "$WORK/stderr" | head -5; fi
done < tour.cmds
[ "$count" -gt 30 ] && pass "tour: $count commands run" || fail "tour: only $count commands found"
dups=$(python3 -c 'import csv; r=list(csv.DictReader(open("again.csv"))); print(sum(x["status"] == "DUPLICATE" for x in r) == len(r) > 0)')
[ "$dups" = True ] && pass "BEN-12: the tour's run again: every line DUPLICATE" || fail "the tour's run again paid something"
finish
