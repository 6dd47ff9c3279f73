#!/usr/bin/env bash
# layers.sh BUILD_DIR SOURCE_DIR - a lower layer of common/ never includes a
# higher one.
#
# common/ is one folder per layer (README, "Layout"). A file may include
# headers of its own folder and of folders of a lower rank; folders of one
# rank stay apart, but for the one edge listed in ALLOWED (the printer's
# ticket picture is drawn with the screen's text engine). The programs
# (kiosk/, counter/, web/) may include any of common/, and common/ none of
# theirs. The build enforces the same through each layer's include folders;
# this test names the offending line.
set -euo pipefail
SRC=${2:?usage: layers.sh BUILD_DIR SOURCE_DIR}
cd "$SRC"
declare -A rank=([core]=0 [config]=1 [store]=2 [screen]=2 [voice]=2 [devices]=3 [report]=4 [app]=5)
ALLOWED=" devices>screen "

# Which folder of common/ holds each header.
declare -A home
for dir in common/*/; do
	layer=$(basename "$dir")
	[[ -n ${rank[$layer]:-} ]] || { echo "layers: FAIL: common/$layer is no layer (add it to the ranks)"; exit 1; }
	for h in "$dir"*.h; do
		[[ -e $h ]] || continue
		name=$(basename "$h")
		[[ -z ${home[$name]:-} ]] || { echo "layers: FAIL: $name is in common/${home[$name]} and common/$layer"; exit 1; }
		home[$name]=$layer
	done
done
loose=$(find common -maxdepth 1 -name '*.[ch]' | head -n 1)
[[ -z $loose ]] || { echo "layers: FAIL: $loose lies outside the layer folders"; exit 1; }

bad=0 checked=0
while IFS= read -r file; do
	layer=$(basename "$(dirname "$file")")
	while IFS=: read -r line name; do
		to=${home[$name]:-}
		[[ -n $to ]] || continue # a program's or a system header
		checked=$((checked + 1))
		if [[ $to != "$layer" ]] && ((rank[$to] >= rank[$layer])) && [[ $ALLOWED != *" $layer>$to "* ]]; then
			echo "layers: $file:$line includes $name of common/$to, a layer not below common/$layer"
			bad=$((bad + 1))
		fi
	done < <(grep -n '^#include "' "$file" | sed -E 's/^([0-9]+):#include "([^"]+)".*/\1:\2/')
done < <(find common -mindepth 2 -name '*.[ch]' | sort)
# common/ never reaches into a program.
for prog in kiosk counter web; do
	for h in "$prog"/*.h; do
		[[ -e $h ]] || continue
		if grep -rqn "#include \"$(basename "$h")\"" common; then
			echo "layers: common/ includes $h of the program $prog"
			bad=$((bad + 1))
		fi
	done
done
((checked > 100)) || { echo "layers: FAIL: only $checked includes checked"; exit 1; }
((bad == 0)) || { echo "layers: FAIL: $bad includes point up"; exit 1; }
echo "layers: $checked includes of common/ point down or across their own folder"
