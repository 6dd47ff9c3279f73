#!/usr/bin/env bash
# web_book.sh BUILD_DIR SOURCE_DIR - advance booking on saduak-web (/book).
#
# Runs three saduak-web servers over one temporary log, as at noon in
# Bangkok, with every service open all day and the Thai ID number's hash
# key in a file of the test's own: two with a rate limit too high to
# matter, one with booking_burst = 2. web_book_drive.py drives /book over
# HTTP (pages, form token, refusals in Thai and English, the ID's keyed
# hash, the race for the last places of a slot through both servers, cancel,
# the rate limit); then a real phone-sized browser (headless Chromium at
# 360x740 through chromium-driver and python3-selenium,
# web_book_browser.py) books, sees the code and QR, cancels and meets a
# full slot. Screenshots go to $SADUAK_SCREENSHOT_DIR (default
# BUILD_DIR/screenshots/web). A key file open to others stops the server
# with one line.
set -euo pipefail

BUILD=${1:?usage: web_book.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: web_book.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
WEB=$BUILD/web/saduak-web
SHOTS=${SADUAK_SCREENSHOT_DIR:-$BUILD/screenshots/web}

fail() {
	echo "web_book: FAIL: $*" >&2
	[[ -s ${tmp:-/nonexistent}/web.log ]] && tail -5 "$tmp/web.log" >&2
	exit 1
}

for tool in curl python3 chromium /usr/bin/chromedriver; do
	command -v "$tool" >/dev/null || fail "$tool is needed (scripts/debian-packages.txt)"
done
/usr/bin/python3 -c 'import selenium' 2>/dev/null ||
	fail "python3-selenium is needed (scripts/debian-packages.txt)"

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
at_local_noon

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
(
	umask 077
	head -c 32 /dev/urandom >"$tmp/id.key"
)
# config PORT PER_HOUR BURST: the demo office on $tmp's log with [web] set so.
config() {
	office_config "$tmp/queue.db" \
		-e "s|^port = 8080$|port = $1\nbooking_per_hour = $2\nbooking_burst = $3\nid_key_file = id.key|"
}
# serve CONFIG PORT: start saduak-web on CONFIG, logging to $tmp/web.log; wait until it answers.
serve() {
	"$WEB" --config "$1" 2>>"$tmp/web.log" &
	pids+=("$!")
	for _ in $(seq 200); do
		curl -s -o /dev/null "http://127.0.0.1:$2/book" && return 0
		kill -0 "${pids[-1]}" 2>/dev/null || fail "saduak-web exited: $(tail -1 "$tmp/web.log")"
		sleep 0.05
	done
	fail "saduak-web on $2 does not answer"
}

echo "== a key file open to others stops the server"
P1=$(free_port)
config "$P1" 100000 100000 >"$tmp/one.ini"
chmod 644 "$tmp/id.key"
if "$WEB" --config "$tmp/one.ini" 2>"$tmp/key.err"; then
	fail "saduak-web served with a key file open to others"
fi
grep -q "id.key.*chmod 600" "$tmp/key.err" || fail "the key file's refusal: $(cat "$tmp/key.err")"
[[ $(wc -l <"$tmp/key.err") == 1 ]] || fail "more than one line for the key file: $(cat "$tmp/key.err")"
chmod 600 "$tmp/id.key"
echo "refused: $(cat "$tmp/key.err")"

P2=$(free_port)
P3=$(free_port)
config "$P2" 100000 100000 >"$tmp/two.ini"
config "$P3" 1 2 >"$tmp/limited.ini"
serve "$tmp/one.ini" "$P1"
serve "$tmp/two.ini" "$P2"
serve "$tmp/limited.ini" "$P3"

echo "== /book over HTTP"
python3 "$SRC/tests/e2e/web_book_drive.py" "http://127.0.0.1:$P1" "http://127.0.0.1:$P2" \
	"http://127.0.0.1:$P3" "$tmp/queue.db" "$tmp/id.key" "$tmp/web.log" || fail "driving /book"
grep -q "booking POST from 127.0.0.1 refused: over the rate limit" "$tmp/web.log" ||
	fail "the rate limit's refusal is not in the server's log"

echo "== /book in a phone-sized browser"
mkdir -p "$SHOTS"
# The slot the browser meets full: the first of the day after tomorrow, taken three times.
day=$(TZ=Asia/Bangkok date -d "@$(($(date +%s) + SADUAK_CLOCK_OFFSET + 2 * 86400))" +%Y%m%d)
python3 - "http://127.0.0.1:$P1" "$day" <<'PY' || fail "filling a slot for the browser"
import re, sys, urllib.request, urllib.parse
url, day = sys.argv[1:3]
with urllib.request.urlopen(url + "/book/new/A/" + day) as r:
    token = re.search(r"saduak_form=([^;]+)", r.headers["Set-Cookie"]).group(1)
    slot = re.findall(r'href="/book/new/A/%s/(\d{4})"' % day, r.read().decode())[1]
for _ in range(3):
    rq = urllib.request.Request(url + "/book", data=urllib.parse.urlencode(
        {"csrf": token, "service": "A", "day": day, "slot": slot}).encode())
    rq.add_header("Cookie", "saduak_form=" + token)
    urllib.request.urlopen(rq).read()
PY
/usr/bin/python3 "$SRC/tests/e2e/web_book_browser.py" "http://127.0.0.1:$P1" "$tmp/queue.db" \
	"$SHOTS" || fail "the booking pages in Chromium"
echo "screenshots: $SHOTS/book-services.png book-slots.png book-form.png book-booking.png book-booking-en.png book-error.png"
grep -q ' 500 \|Internal' "$tmp/web.log" && fail "a 500 in the server's log"

for p in "${pids[@]}"; do
	kill "$p"
	wait "$p" || fail "saduak-web exited $? on SIGTERM"
done
pids=()
echo "web_book: ok"
