#!/usr/bin/env bash
# Install what is needed, build, and run every test: first a normal build with
# warnings as errors, then the same suite under AddressSanitizer and
# UndefinedBehaviorSanitizer. Exits non-zero on the first failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
jobs=$(nproc)

# shellcheck source=build-options.sh
. "$top/scripts/build-options.sh"

run_suite() {
    local dir=$1; shift
    cmake -S "$top" -B "$dir" "${SADUAK_BUILD_OPTIONS[@]}" "$@" >/dev/null
    cmake --build "$dir" -j"$jobs"
    (cd "$dir" && ctest --output-on-failure -j"$jobs")
}

echo "== build and test"
run_suite "$top/build"
echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
# Half the concurrency test's tickets: the first run checked the queue rules
# at full size; this one looks for memory errors, at a third of the speed.
SQ_E2E_SLOW=2 SQ_CONC_TICKETS=1000 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite "$top/build-asan" -DSADUAK_SANITIZE=ON
