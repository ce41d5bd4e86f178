#!/usr/bin/env bash
# npm test: every check, in two lanes side by side. Most of a browser test is the page waiting
# (a debounce, a worker's answer, a database), so the unit tiers fill the cores it leaves idle:
#   lane "checks":  lint, type checks, then the unit and model tiers (Vitest)
#   lane "browser": build, preview, browser tests (Playwright)
# Each line is prefixed with its lane; a lane stops at its first failing step, the other goes on;
# the exit code is non-zero when any step failed. TEST_LANES=serial runs the same steps one by one.
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS=0

step() { # lane name command...
  local lane=$1 name=$2
  shift 2
  local t0=$SECONDS
  "$@" 2>&1 | sed -u "s/^/[$lane] /"
  local rc=${PIPESTATUS[0]}
  echo "[$lane] -- $name: $([ "$rc" -eq 0 ] && echo ok || echo "FAILED ($rc)") in $((SECONDS - t0)) s"
  return "$rc"
}

checks() {
  step checks lint npm run -s lint && step checks check npm run -s check && step checks unit npm run -s test:unit
}
browser() {
  step browser e2e npm run -s test:e2e
}

if [ "${TEST_LANES:-parallel}" = serial ]; then
  checks && browser
  rc=$?
else
  checks &
  a=$!
  browser &
  b=$!
  wait "$a"
  ra=$?
  wait "$b"
  rb=$?
  rc=$((ra || rb))
fi
echo "npm test: $([ "$rc" -eq 0 ] && echo passed || echo FAILED) in $SECONDS s"
exit "$rc"
