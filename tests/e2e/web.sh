#!/usr/bin/env bash
# web.sh BUILD_DIR SOURCE_DIR - saduak-web, the ticket page behind the QR code.
#
# Runs saduak-web on a free loopback port over a temporary log, issues
# tickets with the real `saduak-kiosk issue` and calls them with
# `saduak-counter --counter N next`. Checks:
#   - the ticket's random token (120 bits, never its code) opens its page:
#     Thai first, English with ?lang=en, code, service, people ahead; under
#     30 KB, no cookie, nothing loaded from elsewhere;
#   - the page's live part shows the call ("ไปที่ช่อง 2" / "Go to counter 2")
#     once the counter calls (the time it took is printed), and the recall;
#   - the JSON API: the ticket by token, the queue summary;
#   - 404 (Thai and English) for an unknown token and for the sequential
#     code; 400 for invalid UTF-8; 405 for POST; 413 for a 1 MB body; path
#     traversal finds nothing; oversized headers are refused and the server
#     still answers; an idle connection is closed after timeout_seconds;
#   - a service name holding <script> is escaped in the page and the JSON;
#   - the next service day, the token shows nothing (404).
#   - the supervisor's /office: a login (yescrypt hash from `saduak-web
#     hash-password`) sets an HttpOnly, SameSite=Strict session cookie
#     (Secure behind TLS); GET never logs in or out; the dashboard shows the
#     counters and their tickets; logout ends the session; failed logins
#     are throttled (429 with Retry-After, even for the right password);
#     /reports lists the months and downloads this month's CSV and XLSX;
#   - a finished ticket's page shows the five faces; a rating from it is an
#     ordinary rating event with channel "web"; a second one (phone or
#     screen) is refused.
# Headless Chromium screenshots of the phone page (360x740) waiting,
# called and finished (English), and of the dashboard (1366x768), go to $SADUAK_SCREENSHOT_DIR
# (default BUILD_DIR/screenshots/web).
set -euo pipefail

BUILD=${1:?usage: web.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: web.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
WEB=$BUILD/web/saduak-web
SHOTS=${SADUAK_SCREENSHOT_DIR:-$BUILD/screenshots/web}

fail() {
	echo "web: FAIL: $*" >&2
	[[ -s ${tmp:-/nonexistent}/web.log ]] && tail -5 "$tmp/web.log" >&2
	exit 1
}

for tool in sqlite3 curl python3; do
	command -v "$tool" >/dev/null || fail "$tool is needed (scripts/debian-packages.txt)"
done

tmp=$(mktemp -d)
web_pid=
cleanup() {
	[[ -n $web_pid ]] && kill "$web_pid" 2>/dev/null && wait "$web_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
at_local_noon

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
CFG=$tmp/office.ini
DB=$tmp/queue.db
# Service A's English name carries markup, which must reach the page as text.
office_config "$DB" \
	-e 's|^name_en = Pensions and civil-servant welfare|name_en = Pensions <script>alert("x")</script> \& welfare|' \
	-e "s|^ticket_url = .*|ticket_url = $URL/t/{ref}|" \
	-e "s|^port = 8080$|port = $PORT\ntimeout_seconds = 2|" >"$CFG"
grep -q "^port = $PORT" "$CFG" || fail "config/demo.ini has no [web] port to change"
# A supervisor for /office; the password has characters a form must encode.
PASSWORD='pa ss&word=1'
HASH=$(printf '%s\n' "$PASSWORD" | "$WEB" hash-password) || fail "hash-password exited $?"
[[ $HASH == '$y$'* ]] || fail "hash-password did not make a yescrypt hash: $HASH"
printf '\n[web-user boss]\npassword = %s\n' "$HASH" >>"$CFG"

# start_web: run saduak-web in the background and wait until it answers.
start_web() {
	"$WEB" --config "$CFG" 2>>"$tmp/web.log" &
	web_pid=$!
	for _ in $(seq 200); do
		curl -s -o /dev/null "$URL/api/queue" && return 0
		kill -0 "$web_pid" 2>/dev/null || fail "saduak-web exited: $(tail -1 "$tmp/web.log")"
		sleep 0.05
	done
	fail "saduak-web does not answer on $URL"
}
stop_web() {
	kill "$web_pid"
	wait "$web_pid" || fail "saduak-web exited $? on SIGTERM"
	web_pid=
}
# get PATH [CURL-ARGS...]: the body; the status goes to $tmp/status.
get() {
	local path=$1
	shift
	curl -s -o "$tmp/body" -w "%{http_code}" -D "$tmp/headers" "$@" "$URL$path" >"$tmp/status" ||
		echo "web: curl exit $? on $path" >&2
	cat "$tmp/body"
}
status() { cat "$tmp/status"; }

echo "== issue and open the page"
for s in A A B; do "$KIOSK" --config "$CFG" issue "$s" >/dev/null; done
TOKEN=$(sql "$DB" "SELECT token FROM ticket WHERE code = 'A002'")
[[ $TOKEN =~ ^[A-Za-z0-9_-]{20}$ ]] || fail "token '$TOKEN' is not 20 base64url characters"
[[ $(sql "$DB" "SELECT count(DISTINCT token) FROM ticket") == 3 ]] || fail "tokens are not unique"
start_web
page=$(get "/t/$TOKEN")
[[ $(status) == 200 ]] || fail "the ticket's page answered $(status)"
grep -q 'A002' <<<"$page" || fail "the page lacks the code"
grep -q 'กำลังรอเรียก' <<<"$page" || fail "the page is not in Thai first"
grep -q 'รออีก 1 คิว' <<<"$page" || fail "the page does not say one ticket is ahead"
size=$(stat -c %s "$tmp/body")
((size < 30 * 1024)) || fail "the page is $size bytes (limit 30 KB)"
grep -qi '^set-cookie' "$tmp/headers" && fail "the page sets a cookie"
grep -Eq '(src|href)="?(https?:)?//' <<<"$page" && fail "the page loads something from elsewhere"
echo "page: $size bytes"
page_en=$(get "/t/$TOKEN?lang=en")
grep -q '1 ahead of you' <<<"$page_en" || fail "?lang=en is not English"

echo "== escaping"
grep -q '<script>alert' <<<"$page_en" && fail "a service name's <script> reached the page"
grep -q 'Pensions &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; welfare' <<<"$page_en" ||
	fail "the service name is not escaped as text"
json=$(get "/api/ticket/$TOKEN")
grep -q '"Pensions \\u003cscript>alert(\\"x\\")\\u003c/script> & welfare"' <<<"$json" ||
	fail "the service name is not escaped in JSON: $json"

echo "== JSON API"
python3 - "$json" "$(get /api/queue)" <<'PY' || fail "the JSON API is wrong"
import json, sys
t, q = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert t["code"] == "A002" and t["state"] == "waiting" and t["ahead"] == 1, t
assert t["service"]["id"] == "A" and t["counter"] is None, t
by_id = {s["id"]: s for s in q["services"]}
assert by_id["A"]["waiting"] == 2 and by_id["B"]["waiting"] == 1, q
PY

echo "== the sequential code and unknown tokens open nothing"
day=$(sql "$DB" "SELECT day FROM ticket WHERE code = 'A002'")
for path in /t/A002 "/t/$day-A002" /t/AAAAAAAAAAAAAAAAAAAA /api/ticket/A002 "/t/${TOKEN}x" /; do
	body=$(get "$path")
	[[ $(status) == 404 ]] || fail "$path answered $(status), not 404"
	grep -q 'A002' <<<"$body" && fail "$path shows the ticket"
done
body=$(get /t/A002)
grep -q 'ไม่พบ' <<<"$body" && grep -q 'not found' <<<"$body" || fail "the 404 page is not in Thai and English"

echo "== bad requests"
get '/t/%ff%fe' >/dev/null
[[ $(status) == 400 ]] || fail "invalid UTF-8 in the path answered $(status)"
get "/t/$TOKEN?lang=%c0%af" >/dev/null
[[ $(status) == 400 ]] || fail "an overlong UTF-8 argument answered $(status)"
for path in /t/../../etc/passwd /%2e%2e/%2e%2e/etc/passwd '/t/..%2f..%2fetc%2fpasswd' \
	/api/../../../etc/passwd '/t/%00'; do
	body=$(get "$path" --path-as-is)
	[[ $(status) =~ ^40[04]$ ]] || fail "$path answered $(status)"
	grep -q 'root:' <<<"$body" && fail "$path served a file"
done
head -c 1048576 /dev/zero >"$tmp/1mb"
# The server answers from the headers and closes without reading the body;
# the client may see the close (000) before the answer.
get "/t/$TOKEN/rate" -X POST --data-binary "@$tmp/1mb" >/dev/null 2>&1
[[ $(status) =~ ^(413|000)$ ]] || fail "a POST of 1 MB answered $(status)"
get "/api/queue" -X POST -d x=1 >/dev/null
[[ $(status) == 405 ]] || fail "a POST to the API answered $(status)"
get "/t/$TOKEN" -X PUT -d x=1 >/dev/null
[[ $(status) == 405 ]] || fail "a PUT answered $(status)"
get "/t/$TOKEN" -X GET --data-binary "@$tmp/1mb" >/dev/null 2>&1
[[ $(status) =~ ^(413|000)$ ]] || fail "a GET with a 1 MB body answered $(status)"
get "/t/$TOKEN" -H "X-Big: $(head -c 40000 /dev/zero | tr '\0' a)" >/dev/null || true
[[ $(status) =~ ^4[0-9][0-9]$ ]] || fail "40 KB of headers answered $(status)"
get "/t/$TOKEN" >/dev/null
[[ $(status) == 200 ]] || fail "the server stopped answering after bad requests"

echo "== an idle connection is closed after timeout_seconds"
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
get "/t/$TOKEN" >/dev/null
[[ $(status) == 200 ]] || fail "an idle connection blocks other clients"
# The server closes it: reading it ends (bounded by a generous hang guard).
timeout 30 cat <&3 >/dev/null || fail "an idle connection was not closed"
exec 3<&-

echo "== the call arrives on the page"
"$COUNTER" --config "$CFG" --counter 2 login somchai
"$COUNTER" --config "$CFG" --counter 2 next >/dev/null # A001
live=$(get "/t/$TOKEN/live")
grep -q 'คิวถัดไป' <<<"$live" || fail "after A001's call A002 is not next: $live"
mkdir -p "$SHOTS"
if command -v chromium >/dev/null; then
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$tmp/chromium" --window-size=360,740 \
		--screenshot="$SHOTS/ticket-waiting.png" "$URL/t/$TOKEN" >"$tmp/chromium.log" 2>&1 ||
		fail "Chromium could not show the page: $(tail -2 "$tmp/chromium.log")"
fi
start=$(date +%s%N)
"$COUNTER" --config "$CFG" --counter 2 next >/dev/null # A002
for _ in $(seq 100); do
	live=$(get "/t/$TOKEN/live")
	grep -q 'ไปที่ช่อง 2 ชั้น 1' <<<"$live" && break
	sleep 0.02
done
grep -q 'ไปที่ช่อง 2 ชั้น 1' <<<"$live" || fail "the call did not reach the page: $live"
grep -q 'Go to counter 2, Floor 1' <<<"$live" || fail "the call is not in English too"
echo "call to page: $((($(date +%s%N) - start) / 1000000)) ms"
json=$(get "/api/ticket/$TOKEN")
python3 -c 'import json,sys; t=json.loads(sys.argv[1]); assert t["state"]=="called" and t["counter"]["number"]==2, t' "$json" ||
	fail "the API does not show the call: $json"
if command -v chromium >/dev/null; then
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$tmp/chromium" --window-size=360,740 \
		--screenshot="$SHOTS/ticket-called.png" "$URL/t/$TOKEN" >"$tmp/chromium.log" 2>&1 ||
		fail "Chromium could not show the page: $(tail -2 "$tmp/chromium.log")"
	python3 - "$SHOTS/ticket-waiting.png" "$SHOTS/ticket-called.png" <<'PY' || fail "the screenshots are not phone-sized pages"
import struct, sys
for f in sys.argv[1:]:
    data = open(f, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f
    assert struct.unpack(">II", data[16:24]) == (360, 740), f
assert open(sys.argv[1], "rb").read() != open(sys.argv[2], "rb").read()
PY
fi
"$COUNTER" --config "$CFG" --counter 2 recall >/dev/null
for _ in $(seq 100); do
	live=$(get "/t/$TOKEN/live")
	grep -q 'เรียกซ้ำ' <<<"$live" && break
	sleep 0.02
done
grep -q 'เรียกซ้ำ' <<<"$live" || fail "the recall did not reach the page"

echo "== the supervisor's dashboard"
get /office >/dev/null
[[ $(status) == 303 ]] && grep -qi '^location: /login' "$tmp/headers" ||
	fail "/office without a session answered $(status), not a redirect to /login"
get /office/live >/dev/null
[[ $(status) == 403 ]] || fail "/office/live without a session answered $(status)"
get "/login?user=boss&password=x" >/dev/null
grep -qi '^set-cookie' "$tmp/headers" && fail "a GET logged in"
get /logout >/dev/null
[[ $(status) == 405 ]] || fail "GET /logout answered $(status), not 405"
login() { # login USER PASSWORD [CURL-ARGS...]: the status in $tmp/status
	local user=$1 password=$2
	shift 2
	get /login -X POST --data-urlencode "user=$user" --data-urlencode "password=$password" "$@" >/dev/null
}
login boss "$PASSWORD"
[[ $(status) == 303 ]] && grep -qi '^location: /office' "$tmp/headers" ||
	fail "the right password answered $(status), not a redirect to /office"
cookie=$(grep -i '^set-cookie:' "$tmp/headers" | tr -d '\r')
for flag in HttpOnly SameSite=Strict Path=/; do
	grep -q "; $flag" <<<"$cookie" || fail "the session cookie lacks $flag: $cookie"
done
grep -q Secure <<<"$cookie" && fail "the session cookie is Secure without TLS: $cookie"
session=$(sed -n 's/^[Ss]et-[Cc]ookie: saduak_session=\([^;]*\);.*/\1/p' <<<"$cookie")
login boss "$PASSWORD" -H 'X-Forwarded-Proto: https'
grep -i '^set-cookie:' "$tmp/headers" | grep -q '; Secure' || fail "no Secure cookie behind TLS"
dash=$(get /office -b "saduak_session=$session")
[[ $(status) == 200 ]] || fail "/office with a session answered $(status)"
for want in 'นายสมชาย ใจดี' 'A002' 'Log out' 'รอนานสุด'; do
	grep -q "$want" <<<"$dash" || fail "the dashboard lacks '$want'"
done
get /office/live -b "saduak_session=$session" | grep -q 'A002' || fail "/office/live lacks A002"
if command -v chromium >/dev/null; then
	# The page as the browser got it (the cookie stays out of Chromium's profile).
	printf '%s' "$dash" >"$tmp/office.html"
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$tmp/chromium" --window-size=1366,768 \
		--screenshot="$SHOTS/office.png" "file://$tmp/office.html" >"$tmp/chromium.log" 2>&1 ||
		fail "Chromium could not show the dashboard: $(tail -2 "$tmp/chromium.log")"
fi
month=$(TZ=Asia/Bangkok date -d "@$(($(date +%s) + SADUAK_CLOCK_OFFSET))" +%Y-%m)
get /reports -b "saduak_session=$session" | grep -q "/reports/$month.xlsx" ||
	fail "/reports does not list this month ($month)"
get "/reports/$month.csv" -b "saduak_session=$session" >"$tmp/report.csv"
[[ $(status) == 200 ]] || fail "the CSV report answered $(status)"
grep -qi "^content-disposition: attachment; filename=\"saduak-report-$month.csv\"" "$tmp/headers" ||
	fail "the CSV report is not a download"
[[ $(head -c 3 "$tmp/report.csv" | od -An -tx1 | tr -d ' ') == efbbbf ]] || fail "the CSV report has no BOM"
get "/reports/$month.xlsx" -b "saduak_session=$session" >/dev/null
[[ $(head -c 2 "$tmp/body") == PK ]] || fail "the XLSX report is not a zip"
get "/reports/$month.csv" >/dev/null
[[ $(status) == 303 ]] || fail "a report without a session answered $(status)"
for path in "/reports/$month.pdf" /reports/2026-13.csv "/reports/$month.csvx" /reports/x \
	'/reports/../../etc/passwd' '/reports/%2e%2e/queue.db'; do
	get "$path" -b "saduak_session=$session" --path-as-is >/dev/null
	[[ $(status) == 404 ]] || fail "$path answered $(status), not 404"
done
get /logout -X POST -b "saduak_session=$session" >/dev/null
[[ $(status) == 303 ]] || fail "logout answered $(status)"
get /office/live -b "saduak_session=$session" >/dev/null
[[ $(status) == 403 ]] || fail "the session outlived its logout ($(status))"

echo "== rating from the phone, once per ticket across channels"
"$COUNTER" --config "$CFG" --counter 2 finish >/dev/null
page=$(get "/t/$TOKEN")
grep -q 'name=score value=5' <<<"$page" || fail "a finished ticket's page shows no faces"
if command -v chromium >/dev/null; then
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$tmp/chromium" --window-size=360,740 \
		--screenshot="$SHOTS/ticket-done.png" "$URL/t/$TOKEN?lang=en" >"$tmp/chromium.log" 2>&1 ||
		fail "Chromium could not show the page: $(tail -2 "$tmp/chromium.log")"
fi
get "/t/$TOKEN/rate" -X POST -d score=5 >/dev/null
[[ $(status) == 303 ]] || fail "rating from the phone answered $(status)"
[[ $(sql "$DB" "SELECT score || ' ' || detail FROM event WHERE kind = 'rated'") == '5 web' ]] ||
	fail "the phone's rating is not one event with score 5 and channel web"
get "/t/$TOKEN" | grep -q 'ขอบคุณสำหรับการประเมิน' || fail "the page does not thank for the rating"
get "/t/$TOKEN" | grep -q 'name=score' && fail "the page still shows the faces"
get "/t/$TOKEN/rate" -X POST -d score=1 >/dev/null
"$KIOSK" --config "$CFG" rate --counter 2 3 2>/dev/null && fail "the screen rated the ticket again"
[[ $(sql "$DB" "SELECT count(*) FROM event WHERE kind = 'rated'") == 1 ]] ||
	fail "a second rating (phone or screen) was stored"
for score in 0 6 x ''; do
	get "/t/$TOKEN/rate" -X POST -d "score=$score" >/dev/null
	[[ $(status) == 400 ]] || fail "score '$score' answered $(status), not 400"
done
get "/t/$TOKEN/rate" >/dev/null
[[ $(status) == 404 ]] || fail "GET of the rating address answered $(status)"

echo "== the dashboard warns of a free counter while people wait"
login boss "$PASSWORD"
session=$(sed -n 's/^[Ss]et-[Cc]ookie: saduak_session=\([^;]*\);.*/\1/p' "$tmp/headers" | tr -d '\r')
live=$(get /office/live -b "saduak_session=$session")
grep -q 'Counter 2 free for [0-9]* min while 1 wait' <<<"$live" ||
	fail "no alert for counter 2 free while B001 waits: $live"

echo "== failed logins are throttled"
for i in 1 2 3 4 5; do
	login boss "wrong-$i"
	[[ $(status) == 403 ]] || fail "wrong password $i answered $(status), not 403"
done
login boss "$PASSWORD"
[[ $(status) == 429 ]] || fail "after 5 failures the right password answered $(status), not 429"
grep -qi '^retry-after: [1-9]' "$tmp/headers" || fail "the 429 has no Retry-After"
login nobody whatever
[[ $(status) == 429 ]] || fail "another name from the same address answered $(status), not 429"

echo "== the next day the token shows nothing"
stop_web
SADUAK_CLOCK_OFFSET=$((SADUAK_CLOCK_OFFSET + 86400)) start_web
get "/t/$TOKEN" >/dev/null
[[ $(status) == 404 ]] || fail "the token still answers $(status) the next day"
stop_web
grep -q 'listening on' "$tmp/web.log" || fail "saduak-web did not log where it listens"
echo "web: ok"
