#!/usr/bin/env bash
# run.sh [SECONDS] - build the libFuzzer targets with clang in build-fuzz/
# and run each for SECONDS (default 60), going on after a crash, then print
# per target: the inputs tried, inputs per second and the crashes found.
# The corpus of each target is kept in build-fuzz/fuzz-corpus/NAME (seeded
# from config/demo.ini for the config loader), each crashing input in
# build-fuzz/fuzz-crashes/NAME/ (replay it: build-fuzz/tests/fuzz/NAME FILE).
# Exits 1 if any target crashed.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
[[ $secs =~ ^[1-9][0-9]*$ ]] || {
	echo "usage: run.sh [SECONDS]" >&2
	exit 1
}
build=$top/build-fuzz
targets=(fuzz_config_load fuzz_config_values fuzz_display_decode fuzz_display_roundtrip fuzz_escpos
	fuzz_idcard_apdu fuzz_web_book_input fuzz_booking)

command -v clang >/dev/null || {
	echo "run.sh: clang is needed (Debian package clang)" >&2
	exit 1
}
CC=clang cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSADUAK_FUZZ=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null

mkdir -p "$build/fuzz-corpus/fuzz_config_load"
cp "$top/config/demo.ini" "$build/fuzz-corpus/fuzz_config_load/demo.ini"
printf '%-24s %12s %10s %8s\n' target runs execs/s crashes
bad=0
for t in "${targets[@]}"; do
	corpus=$build/fuzz-corpus/$t crashes=$build/fuzz-crashes/$t
	mkdir -p "$corpus" "$crashes"
	log=$build/fuzz-crashes/$t.log
	# -fork=1 -ignore_crashes=1: a crash is saved and counted, the run goes on.
	"$build/tests/fuzz/$t" -fork=1 -ignore_crashes=1 -max_total_time="$secs" \
		-artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1 || true
	last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1)
	runs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
	found=$(sed -E 's|.*oom/timeout/crash: [0-9]+/[0-9]+/([0-9]+).*|\1|' <<<"$last")
	printf '%-24s %12s %10s %8s\n' "$t" "${runs:-0}" $((${runs:-0} / secs)) "${found:-0}"
	if ((${found:-0} > 0)); then
		bad=1
		echo "  inputs in $crashes/, output in $log"
	fi
done
exit $bad
