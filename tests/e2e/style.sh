#!/usr/bin/env bash
# style.sh BUILD_DIR SOURCE_DIR - the C sources are clang-format and cppcheck clean.
#
# clang-format --dry-run --Werror against the repository's .clang-format, and
# cppcheck (warning, style, performance, portability) with --error-exitcode,
# on every .c and .h under common/, kiosk/, counter/, web/ and tests/. A finding is
# printed as the tool gives it (file:line: message) and fails the test.
set -euo pipefail

SRC=${2:?usage: style.sh BUILD_DIR SOURCE_DIR}
cd "$SRC"

for tool in clang-format cppcheck; do
	command -v "$tool" >/dev/null || {
		echo "style: FAIL: $tool is needed (scripts/debian-packages.txt)" >&2
		exit 1
	}
done

mapfile -t files < <(find common kiosk counter tests web -name '*.[ch]' | sort)
((${#files[@]} > 50)) || { echo "style: FAIL: only ${#files[@]} C files found" >&2; exit 1; }

# The include folders of the build: each layer of common/, and web/.
includes=()
for dir in common/*/ web; do includes+=(-I "$dir"); done

status=0
clang-format --dry-run --Werror "${files[@]}" || status=1
cppcheck -q --std=c11 --enable=warning,style,performance,portability --inline-suppr \
	--error-exitcode=1 "${includes[@]}" "${files[@]}" || status=1
((status == 0)) && echo "style: ok: ${#files[@]} files clang-format and cppcheck clean"
exit "$status"
