#!/usr/bin/env bash
# npm test: every check, in three lanes side by side, so that neither core idles while work is left:
#   lane "unit":    the unit and model tiers (Vitest, a worker per core)
#   lane "browser": build, preview, browser tests (Playwright, two workers; most of a browser test is
#                   the page waiting on a debounce, a worker's answer or a database)
#   lane "checks":  lint and type checks (about a minute of one core, at a lower priority: nice 10), in
#                   two chains side by side: Prettier then svelte-check | ESLint then the core's tsc
# The unit lane is the longest: it starts at once, not behind lint and the type checks, which take a
# minute or two of one core each. Each line is prefixed with its lane; a lane stops at its first
# failing step, the others go on; the exit code is non-zero when any step failed.
# TEST_LANES=serial runs the same steps one by one.
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS=0

step() { # lane name command...
  local lane=$1 name=$2
  shift 2
  local t0=$SECONDS
  "$@" 2>&1 | sed -u "s/^/[$lane] /"
  local rc=${PIPESTATUS[0]}
  echo "[$lane] -- $name: $([ "$rc" -eq 0 ] && echo ok || echo "FAILED ($rc)") in $((SECONDS - t0)) s (at $SECONDS s)"
  return "$rc"
}

unit() { step unit unit npm run -s test:unit; }
browser() { step browser e2e npm run -s test:e2e; }
# The checks lane yields the cores to the unit workers (nice), so the longest lane is not slowed by the
# shortest; starved until the unit lane ends, it then ran alone on one core, 11-13 s after the unit lane
# (session 10's three fresh-clone runs): its four steps run as two chains, so that tail takes both cores.
format_svelte() { step checks prettier nice -n 10 npm run -s lint:format && step checks svelte-check nice -n 10 npm run -s check:svelte; }
code_core() { step checks eslint nice -n 10 npm run -s lint:code && step checks tsc nice -n 10 npm run -s check:core; }
checks() {
  [ "${TEST_LANES:-parallel}" = serial ] && { format_svelte && code_core; return; }
  format_svelte &
  local other=$! rc=0
  code_core || rc=1
  wait "$other" || rc=1
  return "$rc"
}

if [ "${TEST_LANES:-parallel}" = serial ]; then
  checks && unit && browser
  rc=$?
else
  pids=()
  for lane in unit browser checks; do
    "$lane" &
    pids+=($!)
  done
  rc=0
  for p in "${pids[@]}"; do
    wait "$p" || rc=1
  done
fi
echo "npm test: $([ "$rc" -eq 0 ] && echo passed || echo FAILED) in $SECONDS s"
exit "$rc"
