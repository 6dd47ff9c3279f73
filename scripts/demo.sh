#!/usr/bin/env bash
# Install what is needed, build, and run Saduak Queue on config/demo.ini with
# its log in demo-data/ (a folder of your own, next to the checkout).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$top/build" -j"$(nproc)"
exec "$top/scripts/demo-day.sh" "$top/build" "$top/config/demo.ini"
