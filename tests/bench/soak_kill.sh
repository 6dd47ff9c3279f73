#!/usr/bin/env bash
# soak_kill.sh BUILD_DIR SOURCE_DIR [ROUNDS] - the crash test at length, on
# demand (not in ctest): ROUNDS (300) rounds of issue and claim loops killed
# with SIGKILL, each followed by crash.sh's checks (PRAGMA integrity_check,
# no gap or repeat in the numbers of a day and prefix, one 'issued' event per
# ticket, the log by the rules, the office still working), and at the end
# event times that never go back in the order of the event ids.
# Prints crash.sh's summary line and the time it took.
set -euo pipefail
BUILD=${1:?usage: soak_kill.sh BUILD_DIR SOURCE_DIR [ROUNDS]}
SRC=${2:?usage: soak_kill.sh BUILD_DIR SOURCE_DIR [ROUNDS]}
start=$(date +%s)
rc=0
SQ_CRASH_ROUNDS=${3:-300} SQ_CRASH_EVENT_ORDER=1 bash "$SRC/tests/e2e/crash.sh" "$BUILD" "$SRC" || rc=$?
echo "soak_kill: $(($(date +%s) - start)) s, exit $rc"
exit $rc
