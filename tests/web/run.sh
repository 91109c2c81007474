#!/usr/bin/env bash
# ctest entry of the browser tests (label `web`): installs playwright-core from the lock file
# when missing (npm registry; no browser download: Debian's /usr/bin/chromium is driven), then
# runs them against the mutua binary given as $1. Screenshots stay in tests/web/artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
MUTUA_BIN="$1" node --test back_office.test.mjs
