#!/usr/bin/env bash
# bench_web.sh BUILD_DIR SOURCE_DIR [CLIENTS] [SECONDS] - saduak-web under load.
#
# CLIENTS phones (default 500) each follow their own ticket on loopback,
# fetching its page's live part once a second for SECONDS (default 60),
# while counters 2 and 3 call a ticket every second. Prints, never asserts
# (targets: p99 < 50 ms, no errors, server RSS < 40 MB, CPU under one core):
# requests, errors, latency p50/p99/max, the server's peak RSS and its CPU
# use over the run.
set -euo pipefail
BUILD=${1:?usage: bench_web.sh BUILD_DIR SOURCE_DIR [CLIENTS] [SECONDS]}
SRC=${2:?usage: bench_web.sh BUILD_DIR SOURCE_DIR [CLIENTS] [SECONDS]}
CLIENTS=${3:-500}
SECONDS_RUN=${4:-60}
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
# shellcheck source=../e2e/lib.sh
. "$SRC/tests/e2e/lib.sh"
tmp=$(mktemp -d)
pid=
caller=
trap '[[ -n $caller ]] && kill $caller 2>/dev/null; [[ -n $pid ]] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

at_local_noon
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cfg=$tmp/bench.ini
office_config "$tmp/queue.db" -e '/^display = /d' \
	-e "s|^port = 8080$|port = $PORT\nmax_connections = $((CLIENTS + 100))\nper_ip_connections = $((CLIENTS + 100))|" >"$cfg"
echo "issuing $CLIENTS tickets..."
for ((i = 0; i < CLIENTS; i++)); do
	"$KIOSK" --config "$cfg" issue "$(((i % 2)) && echo A || echo B)" >/dev/null
done
mapfile -t tokens < <(sql "$tmp/queue.db" "SELECT token FROM ticket ORDER BY id")
"$COUNTER" --config "$cfg" --counter 2 login somchai >/dev/null
"$COUNTER" --config "$cfg" --counter 3 login suda >/dev/null

"$BUILD/web/saduak-web" --config "$cfg" 2>"$tmp/web.log" &
pid=$!
for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/queue" && break; sleep 0.05; done
(while true; do
	"$COUNTER" --config "$cfg" --counter 2 next >/dev/null 2>&1 || true
	"$COUNTER" --config "$cfg" --counter 3 next >/dev/null 2>&1 || true
	sleep 1
done) &
caller=$!

ticks=$(getconf CLK_TCK)
cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
t0=$(date +%s%N)
python3 "$SRC/tests/bench/web_clients.py" "$PORT" "$SECONDS_RUN" "${tokens[@]}"
cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
t1=$(date +%s%N)
kill "$caller"
caller=
rss=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
awk -v c=$((cpu1 - cpu0)) -v hz="$ticks" -v ns=$((t1 - t0)) -v rss="$rss" 'BEGIN {
	printf "server: peak RSS %.1f MB, CPU %.1f %% of one core over the run\n", rss / 1024, 100 * c / hz / (ns / 1e9)
}'
called=$(sql "$tmp/queue.db" "SELECT count(*) FROM event WHERE kind = 'called'")
echo "calls during the run: $called"
