#!/usr/bin/env bash
# report.sh BUILD_DIR SOURCE_DIR - simulate two months, report February in
# every format with the real binary, and check the files.
#
#  - simulate fills a new database (a second run on the same days is refused);
#  - CSV: starts with the UTF-8 byte-order mark, has every section, and its
#    N and n agree with plain SQL on the database;
#  - XLSX: a valid zip with one sheet per table, Thai sheet names, and
#    LibreOffice (headless) opens it: every sheet converts to CSV and the
#    outcome sheet shows N, n and the mean from SQL;
#  - HTML: one file with the office, the month in the Buddhist Era, inline
#    SVG charts and the figures from SQL; headless Chromium renders it to a
#    screenshot, kept in build/screenshots/report/ to look at;
#  - --month 2569-02 (Buddhist Era) is February 2026;
#  - the file is written whole or not at all: a symbolic link at --out is
#    replaced, a full disk gives one line and leaves the previous file;
#  - a month without data says so; a month not over carries a caveat in
#    every format, a whole month with enough ratings none; bad options exit 1;
#  - `saduak-kiosk rate` rates the last finish at a counter once (exit 3 after);
#  - bookings made, checked in and called this month are counted as SQL
#    counts them, with the waits of booked tickets and the technology line.
set -euo pipefail

BUILD=${1:?usage: report.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: report.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "report: FAIL: $*" >&2
	exit 1
}
for tool in sqlite3 python3 soffice chromium; do
	command -v "$tool" >/dev/null || fail "$tool is needed (scripts/debian-packages.txt)"
done
SHOTS=${SADUAK_SCREENSHOT_DIR:-$BUILD/screenshots/report}

CFG=$tmp/office.ini
DB=$tmp/queue.db
sed -e "s|^database = .*|database = $DB|" "$SRC/config/demo.ini" >"$CFG"

"$COUNTER" --config "$CFG" simulate --days 59 --seed 11 --start 2026-01-01 >"$tmp/sim.txt" ||
	fail "simulate exited $?"
grep -q 'tickets/s' "$tmp/sim.txt" || fail "simulate printed no rate"
if "$COUNTER" --config "$CFG" simulate --days 2 --seed 11 --start 2026-02-01 2>/dev/null; then
	fail "simulating over existing days was not refused"
fi

for fmt in csv xlsx html; do
	"$COUNTER" --config "$CFG" report --month 2026-02 --format "$fmt" --out "$tmp/r.$fmt" \
		>/dev/null || fail "report --format $fmt exited $?"
	[[ -s $tmp/r.$fmt ]] || fail "report.$fmt is empty"
done

q() { sql "$DB" "$1"; }
N=$(q "SELECT count(*) FROM event WHERE kind = 'finished' AND day BETWEEN 20260201 AND 20260228")
n=$(q "SELECT count(*) FROM event WHERE kind = 'rated' AND day BETWEEN 20260201 AND 20260228")
noshow=$(q "SELECT count(*) FROM ticket WHERE state = 'noshow' AND day BETWEEN 20260201 AND 20260228")
mean=$(q "SELECT printf('%.2f', avg(score)) FROM event WHERE kind = 'rated' AND day BETWEEN 20260201 AND 20260228")
[[ $N -gt 0 && $n -gt 0 ]] || fail "the simulation left no service or no rating in February"

# CSV: the BOM, the sections, N, n, the mean and the no-shows.
[[ $(head -c 3 "$tmp/r.csv" | od -An -tx1 | tr -d ' \n') == efbbbf ]] || fail "CSV has no UTF-8 BOM"
for section in summary outcome1 yamane satisfaction by_service by_counter by_officer reasons \
	queue kinds calls hours priority booking first_contact p1 month_over_month staffing heatmap; do
	grep -q "\[$section\]" "$tmp/r.csv" || fail "CSV has no section $section"
done
grep -q "Population N (served),$N," "$tmp/r.csv" || fail "CSV N is not $N"
grep -q "Sample n (all ratings),$n," "$tmp/r.csv" || fail "CSV n is not $n"
grep -q "Mean score,$mean," "$tmp/r.csv" || fail "CSV mean is not $mean"
grep -q "^all,รวมทุกบริการ / All services,[0-9]*,[0-9]*,[0-9]*,$N,$noshow," "$tmp/r.csv" ||
	fail "CSV queue totals do not show N $N and no-shows $noshow"
! grep -q "Caveat" "$tmp/r.csv" || fail "a whole month with enough ratings carries a caveat"
grep -q "points and bands are read from the printed figure" "$tmp/r.csv" ||
	fail "CSV does not say that points are read from the printed figure"
uncalled=$(q "SELECT count(*) FROM ticket WHERE called_ms IS NULL AND state IN ('expired', 'voided') AND day BETWEEN 20260201 AND 20260228")
grep -q "^uncalled,[^,]*,$uncalled,-,-,-,-," "$tmp/r.csv" || fail "CSV has no row of the $uncalled tickets never called"

# XLSX: a zip with a workbook and a sheet per table, named in Thai.
python3 - "$tmp/r.xlsx" <<'PY' || fail "XLSX is not a valid workbook"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
wb = z.read("xl/workbook.xml").decode("utf-8")
names = re.findall(r'<sheet name="([^"]+)"', wb)
assert len(names) == 19, names
assert "ผลลัพธ์ 1" in names and "ตามเจ้าหน้าที่" in names, names
sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
assert len(sheets) == 19, sheets
# The outcome sheet's item column is as wide as its longest item (~50 characters).
outcome = z.read("xl/worksheets/sheet%d.xml" % (names.index("ผลลัพธ์ 1") + 1)).decode("utf-8")
widths = {int(m): float(w) for m, w in re.findall(r'<col min="(\d+)" max="\d+" width="([\d.]+)"', outcome)}
assert widths.get(2, 0) >= 40, widths
PY

# LibreOffice opens the workbook: all 19 sheets out as CSV, the figures as numbers.
timeout 120 soffice -env:UserInstallation="file://$tmp/lo-profile" --headless \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
	--outdir "$tmp/lo" "$tmp/r.xlsx" >"$tmp/lo.log" 2>&1 || fail "LibreOffice could not convert the XLSX: $(tail -2 "$tmp/lo.log")"
[[ $(find "$tmp/lo" -name 'r-*.csv' | wc -l) -eq 19 ]] ||
	fail "LibreOffice found $(find "$tmp/lo" -name 'r-*.csv' | wc -l) sheets, not 19"
outcome=$tmp/lo/r-ผลลัพธ์\ 1.csv
grep -q "Population N (served),$N,-" "$outcome" || fail "LibreOffice reads no N $N in the outcome sheet"
grep -q "Sample n (all ratings),$n,-" "$outcome" || fail "LibreOffice reads no n $n in the outcome sheet"
grep -q "Mean score,$mean,-" "$outcome" || fail "LibreOffice reads no mean $mean in the outcome sheet"

# HTML: self-contained, Buddhist Era month, charts, the figures.
grep -q 'กุมภาพันธ์ 2569' "$tmp/r.html" || fail "HTML has no Buddhist Era month"
[[ $(grep -o '<svg' "$tmp/r.html" | wc -l) -eq 3 ]] || fail "HTML does not have 3 SVG charts"
grep -q "<td class=n>$N</td>" "$tmp/r.html" || fail "HTML does not show N $N"
grep -q "<td class=n>$n</td>" "$tmp/r.html" || fail "HTML does not show n $n"
if grep -qE '<(script|link)|src=' "$tmp/r.html"; then
	fail "HTML is not self-contained"
fi

# Headless Chromium renders it: a tall page with ink (a blank one compresses to a few KB).
mkdir -p "$SHOTS"
rm -f "$SHOTS/report-2026-02.png"
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	--user-data-dir="$tmp/chromium" --window-size=1280,2400 \
	--screenshot="$SHOTS/report-2026-02.png" "file://$tmp/r.html" >"$tmp/chromium.log" 2>&1 ||
	fail "Chromium could not render the HTML: $(tail -2 "$tmp/chromium.log")"
python3 - "$SHOTS/report-2026-02.png" <<'PY' || fail "Chromium's screenshot of the report is not a full page"
import os, struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1280, 2400), (w, h)
assert os.path.getsize(sys.argv[1]) > 60000, os.path.getsize(sys.argv[1])
PY

# A month without data says so.
"$COUNTER" --config "$CFG" report --month 2025-01 --format html --out "$tmp/empty.html" >/dev/null
grep -q 'ไม่มีข้อมูลการให้บริการในเดือนนี้' "$tmp/empty.html" || fail "empty month not stated"

# The month in the Buddhist Era, as every screen prints it, is the same month.
"$COUNTER" --config "$CFG" report --month 2569-02 --format csv --out "$tmp/be.csv" >/dev/null ||
	fail "report --month 2569-02 exited $?"
cmp -s <(grep -v '^จัดทำเมื่อ' "$tmp/be.csv") <(grep -v '^จัดทำเมื่อ' "$tmp/r.csv") ||
	fail "report --month 2569-02 is not the report of February 2026"

# A symbolic link at --out is replaced by the report, not followed.
echo target >"$tmp/target.csv"
ln -s "$tmp/target.csv" "$tmp/link.csv"
"$COUNTER" --config "$CFG" report --month 2026-02 --format csv --out "$tmp/link.csv" >/dev/null
[[ ! -L $tmp/link.csv && $(cat "$tmp/target.csv") == target ]] ||
	fail "report --out followed a symbolic link"

# A full disk: one clean line, exit 4, the previous file intact, no temporary
# file left. A 64 KB tmpfs mounted in a private mount namespace (unshare -rm,
# no root needed) with about 8 KB left, too little for any format.
mkdir "$tmp/full"
for fmt in csv xlsx html; do
	unshare -rm bash -c '
		mount -t tmpfs -o size=64k none "$1" || exit 99
		head -c 57344 /dev/zero >"$1/filler"
		echo previous >"$1/keep.$2"
		rc=0
		"$3" --config "$4" report --month 2026-02 --format "$2" --out "$1/keep.$2" \
			>"$5/full.out" 2>"$5/full.err" || rc=$?
		cat "$1/keep.$2" >"$5/full.kept"
		ls -A "$1" >"$5/full.ls"
		exit $rc' full "$tmp/full" "$fmt" "$COUNTER" "$CFG" "$tmp" && rc=0 || rc=$?
	[[ $rc -ne 99 ]] || fail "cannot mount a tmpfs in a private namespace (unshare -rm)"
	[[ $rc -eq 4 ]] || fail "$fmt to a full disk exited $rc, not 4"
	[[ $(wc -l <"$tmp/full.err") -eq 1 ]] &&
		grep -q "unable to write '$tmp/full/keep.$fmt': No space left on device" "$tmp/full.err" ||
		fail "$fmt to a full disk did not print one clean line: $(cat "$tmp/full.err")"
	[[ $(cat "$tmp/full.kept") == previous ]] || fail "$fmt to a full disk damaged the previous file"
	[[ $(tr '\n' ' ' <"$tmp/full.ls") == "filler keep.$fmt " ]] ||
		fail "$fmt to a full disk left files behind: $(cat "$tmp/full.ls")"
done

# Bad options.
for args in "--month 2026-13 --format csv" "--month 2026-02 --format pdf" "--format csv"; do
	set +e
	# shellcheck disable=SC2086
	"$COUNTER" --config "$CFG" report $args --out "$tmp/x" 2>/dev/null
	rc=$?
	set -e
	[[ $rc -eq 1 ]] || fail "report $args exited $rc, not 1"
done

at_local_noon
CFG2=$tmp/now.ini
office_config "$tmp/now.db" >"$CFG2"
"$KIOSK" --config "$CFG2" issue A >/dev/null
"$COUNTER" --config "$CFG2" --counter 2 login somchai >/dev/null
"$COUNTER" --config "$CFG2" --counter 2 next >/dev/null
set +e
"$KIOSK" --config "$CFG2" rate --counter 2 5 2>/dev/null
[[ $? -eq 3 ]] || fail "rating before a finish was not refused with exit 3"
set -e
"$COUNTER" --config "$CFG2" --counter 2 finish >/dev/null
"$KIOSK" --config "$CFG2" rate --counter 2 4 --reason courtesy | grep -q 'A001 rated 4 at counter 2' ||
	fail "rating after the finish failed"
set +e
"$KIOSK" --config "$CFG2" rate --counter 2 5 2>/dev/null
[[ $? -eq 3 ]] || fail "a second rating of the same ticket was not refused with exit 3"
"$KIOSK" --config "$CFG2" rate --counter 2 5 --reason speed 2>/dev/null
[[ $? -eq 1 ]] || fail "an unknown reason was not refused with exit 1"
set -e
"$KIOSK" --config "$CFG2" rate 3 | grep -q 'free-standing' || fail "free-standing rating failed"
# A booking made and checked in at reception, then called; another left booked.
today=$(TZ=Asia/Bangkok date +%F)
code=$("$KIOSK" --config "$CFG2" book A "$today" 12:20)
"$KIOSK" --config "$CFG2" book A "$today" 12:40 >/dev/null
"$KIOSK" --config "$CFG2" checkin "$code" >/dev/null
"$COUNTER" --config "$CFG2" --counter 2 next | grep -q 'rule: booking' || fail "the booking was not called by rule booking"
# This month is not over: a caveat beside the headline figures, in every format.
month=$(TZ=Asia/Bangkok date +%Y-%m)
for fmt in csv xlsx html; do
	"$COUNTER" --config "$CFG2" report --month "$month" --format "$fmt" --out "$tmp/now.$fmt" \
		>/dev/null || fail "report of this month as $fmt exited $?"
done
grep -q "Caveat,.*The month is not over" "$tmp/now.csv" || fail "CSV of this month has no caveat"
grep -q "class=warn>ข้อควรระวัง: เดือนยังไม่สิ้นสุด" "$tmp/now.html" || fail "HTML of this month has no caveat"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.exit(not any(b"The month is not over" in z.read(n) for n in z.namelist()))' "$tmp/now.xlsx" ||
	fail "XLSX of this month has no caveat"
[[ $(sql "$tmp/now.db" "SELECT count(*) FROM event WHERE kind = 'rated'") -eq 2 ]] ||
	fail "the log does not hold exactly 2 ratings"
# The booking table counts as SQL does.
qn() { sql "$tmp/now.db" "$1"; }
made=$(qn "SELECT count(*) FROM event WHERE kind = 'booked'")
checked=$(qn "SELECT count(*) FROM event WHERE kind = 'checked_in'")
booked=$(qn "SELECT count(*) FROM ticket WHERE booked = 1")
walk_in=$(qn "SELECT count(*) FROM ticket WHERE booked = 0")
booked_wait=$(qn "SELECT printf('%.1f', avg(called_ms - issued_ms) / 60000.0) FROM ticket WHERE booked = 1")
[[ $made -eq 2 && $checked -eq 1 && $booked -eq 1 ]] || fail "the log holds $made bookings, $checked checked in"
grep -q "^made,[^,]*,$made,-,-,-" "$tmp/now.csv" || fail "CSV does not count $made bookings made"
grep -q "^checked_in,[^,]*,$checked,-,-,-" "$tmp/now.csv" || fail "CSV does not count $checked check-ins"
grep -q "^booked,[^,]*,$booked,$booked_wait," "$tmp/now.csv" || fail "CSV does not show $booked booked tickets waiting $booked_wait"
grep -q "^walk_in,[^,]*,$walk_in," "$tmp/now.csv" || fail "CSV does not show $walk_in walk-in tickets"
grep -qF "Advance queue booking online: in use (services A, B), $made bookings made, $checked checked in" "$tmp/now.csv" ||
	fail "CSV has no technology evidence line"
grep -qF "ระบบการจองคิวล่วงหน้าออนไลน์: ใช้งาน" "$tmp/now.html" || fail "HTML has no technology evidence line"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.exit(not any("การจองคิว".encode() in z.read(n) for n in z.namelist()))' "$tmp/now.xlsx" ||
	fail "XLSX has no booking sheet"

echo "report: ok (N $N, n $n)"
