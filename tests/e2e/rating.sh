#!/usr/bin/env bash
# rating.sh BUILD_DIR SOURCE_DIR - the satisfaction screen, driven by taps.
#
# Runs `saduak-kiosk --mode rating --counter 2` in a window under Xvfb on a
# temporary database, finishes tickets at counter 2 with saduak-counter, and
# taps with xdotool where test_rating_layout --print says the faces and
# buttons are. Checks:
#   - a finish brings up the prompt for that ticket (the screenshot changes);
#     a face and a reason store exactly one rating row for that ticket with
#     that score, reason, counter and officer;
#   - a second tap (and a second rating from the command line) stores nothing;
#   - a ticket finished longer ago than [rating] window_minutes brings up no
#     prompt and cannot be rated;
#   - an unanswered prompt returns to idle after timeout_seconds, storing
#     nothing;
#   - free-standing (no --counter): the faces are always up, a tap stores a
#     rating tied to no ticket.
# The tour runs at 1280x800, 800x480 and 480x800 (portrait); screenshots of
# idle, faces, reasons and thanks are kept in $SADUAK_SCREENSHOT_DIR (default
# BUILD_DIR/screenshots/rating). Fails without xvfb-run or xdotool.
set -euo pipefail

BUILD=${1:?usage: rating.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: rating.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
LAYOUT=$BUILD/tests/test_rating_layout
SHOTS=${SADUAK_SCREENSHOT_DIR:-$BUILD/screenshots/rating}

fail() {
	echo "rating: FAIL: $*" >&2
	exit 1
}

for tool in xvfb-run xdotool; do
	if ! command -v "$tool" >/dev/null; then
		echo "rating: FAIL: $tool is needed (scripts/debian-packages.txt)"
		exit 1
	fi
done
command -v sqlite3 >/dev/null || fail "sqlite3 is needed (scripts/debian-packages.txt)"

# ---------------------------------------------------------------- inside Xvfb
# rating.sh BUILD SRC --inside W H TMP: every scenario with a W x H window.
if [[ ${3:-} == --inside ]]; then
	W=$4 H=$5 tmp=$6
	CFG=$tmp/rating.ini
	tag=${W}x${H}
	screen_pid=
	stop_screen() {
		if [[ -n $screen_pid ]]; then
			kill "$screen_pid" 2>/dev/null || true
			wait "$screen_pid" || fail "$tag: the rating screen exited with status $? on SIGTERM"
			screen_pid=
		fi
		return 0
	}
	trap stop_screen EXIT
	declare -A at
	while read -r name x y; do at[$name]="$x $y"; done < <("$LAYOUT" --print "$W" "$H")
	[[ -n ${at[face.0]:-} ]] || fail "test_rating_layout --print $W $H printed nothing"

	# start_screen ARGS...: run the rating screen and wait for its first frame.
	start_screen() {
		rm -f "$tmp/cur.png"
		ASAN_OPTIONS=$(asan_options_no_leaks) \
			SADUAK_RATING_SIZE=$tag SADUAK_SCREENSHOT=$tmp/cur.png \
			"$KIOSK" --config "$CFG" --mode rating "$@" 2>>"$tmp/screen.log" &
		screen_pid=$!
		# As long as the screen runs: the count is only a hang guard of about 2 minutes.
		for _ in $(seq 1200); do
			[[ -s $tmp/cur.png ]] && break
			kill -0 "$screen_pid" 2>/dev/null || fail "screen exited: $(tail -3 "$tmp/screen.log")"
			sleep 0.1
		done
		[[ -s $tmp/cur.png ]] || fail "$tag: the rating screen drew nothing while it ran (a hang guard of 2 minutes)"
		win=$(xdotool search --sync --name "Saduak Queue rating" | head -n 1)
		sleep 0.5
	}
	# tap NAME: click the centre of a control, in the window's coordinates.
	tap() {
		# shellcheck disable=SC2086
		xdotool mousemove --window "$win" ${at[$1]} click 1
	}
	shot() { md5sum <"$tmp/cur.png"; }
	# snap NAME: let the screen settle, keep its picture.
	snap() {
		sleep "${2:-0.7}"
		cp "$tmp/cur.png" "$SHOTS/$1-$tag.png"
	}
	# wait_change HASH: until the screen differs from HASH (5 s at most).
	wait_change() {
		for _ in $(seq 50); do
			[[ $(shot) != "$1" ]] && return 0
			sleep 0.1
		done
		return 1
	}
	counter() { "$COUNTER" --config "$CFG" --counter 2 "$@" >>"$tmp/cli.log" 2>&1; }
	# serve: issue an A ticket, call it at counter 2 and finish it; prints its id.
	serve() {
		"$KIOSK" --config "$CFG" issue A >>"$tmp/cli.log" 2>&1 || fail "issue failed"
		counter next || fail "next failed: $(tail -2 "$tmp/cli.log")"
		counter finish || fail "finish failed: $(tail -2 "$tmp/cli.log")"
		sql "$tmp/queue.db" "select max(id) from ticket"
	}
	rated() { # rated TICKET_ID: its rating rows as "score|reason|counter|officer"
		sql "$tmp/queue.db" "select score, reason, counter, officer from event
			where kind = 'rated' and ticket_id = $1"
	}
	all_rated() { sql "$tmp/queue.db" "select count(*) from event where kind = 'rated'"; }

	counter login somchai 2>/dev/null || true # already logged in after the first size

	# The tour: idle, a finish, the faces, a reason, thanks.
	start_screen --counter 2
	snap idle
	idle=$(shot)
	id=$(serve)
	wait_change "$idle" || fail "$tag: no prompt after ticket $id was finished"
	snap faces
	tap face.0
	snap reason
	tap reason.1
	snap thanks
	[[ $(rated "$id") == "5|courtesy|2|somchai" ]] ||
		fail "$tag: ticket $id: expected one rating 5|courtesy|2|somchai, found '$(rated "$id")'"
	grep -q "rated 5, most important: courtesy at counter 2" "$tmp/screen.log" ||
		fail "$tag: the rating was not logged"

	# A second tap, on the thanks and then the idle screen, stores nothing more.
	before=$(all_rated)
	tap face.0
	sleep 0.6
	tap skip.0
	sleep 4.5
	tap face.0
	sleep 0.6
	tap skip.0
	sleep 0.6
	[[ $(all_rated) == "$before" ]] || fail "$tag: a second tap stored another rating"
	[[ $(rated "$id" | wc -l) == 1 ]] || fail "$tag: ticket $id rated more than once"
	set +e
	"$KIOSK" --config "$CFG" rate --counter 2 4 >>"$tmp/cli.log" 2>&1
	status=$?
	set -e
	[[ $status == 3 ]] || fail "$tag: a second rating from the command line: exit $status, not 3"
	[[ $(shot) == "$idle" ]] || fail "$tag: the screen is not back to idle after thanks"

	# A ticket finished 10 minutes ago (window_minutes = 5) is not asked about.
	late=$(SADUAK_CLOCK_OFFSET=$((SADUAK_CLOCK_OFFSET - 600)) serve)
	sleep 1.5
	[[ $(shot) == "$idle" ]] || fail "$tag: a prompt for ticket $late finished 10 min ago"
	tap face.2
	sleep 0.6
	tap skip.0
	sleep 0.6
	[[ -z $(rated "$late") ]] || fail "$tag: ticket $late finished 10 min ago was rated"
	grep -q "too late to rate it" "$tmp/screen.log" || fail "$tag: the late finish was not logged"

	# An unanswered prompt goes back to idle after timeout_seconds (5).
	quiet=$(serve)
	wait_change "$idle" || fail "$tag: no prompt after ticket $quiet was finished"
	sleep 6
	[[ $(shot) == "$idle" ]] || fail "$tag: the prompt did not time out to idle"
	[[ -z $(rated "$quiet") ]] || fail "$tag: an unanswered prompt stored a rating"

	# Face, then skip: the score alone.
	id=$(serve)
	wait_change "$idle" || fail "$tag: no prompt after ticket $id was finished"
	sleep 0.6
	tap face.4
	sleep 0.6
	tap skip.0
	sleep 0.6
	[[ $(rated "$id") == "1||2|somchai" ]] ||
		fail "$tag: ticket $id: expected 1||2|somchai, found '$(rated "$id")'"
	stop_screen

	# Free-standing: faces always up, a rating tied to no ticket.
	start_screen
	snap free
	free_before=$(sql "$tmp/queue.db" "select count(*) from event where kind = 'rated' and ticket_id is null and score = 3")
	tap face.2
	sleep 0.6
	tap reason.3
	sleep 0.6
	free_after=$(sql "$tmp/queue.db" "select count(*) from event where kind = 'rated' and ticket_id is null and score = 3 and reason = 'facilities' and counter is null")
	[[ $free_after == $((free_before + 1)) ]] ||
		fail "$tag: free-standing: $free_after ratings of 3 (facilities), expected $((free_before + 1))"
	stop_screen
	exit 0
fi

# ---------------------------------------------------------------- outside
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$SHOTS"

at_local_noon

office_config "$tmp/queue.db" -e '/^display = /d' -e 's/^window_minutes = .*/window_minutes = 5/' \
	-e 's/^timeout_seconds = .*/timeout_seconds = 5/' >"$tmp/rating.ini"
grep -q '^window_minutes = 5$' "$tmp/rating.ini" || fail "config/demo.ini has no [rating] window_minutes"
grep -q '^timeout_seconds = 5$' "$tmp/rating.ini" || fail "config/demo.ini has no [rating] timeout_seconds"

for size in 1280x800 800x480 480x800; do
	xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$BUILD" "$SRC" --inside "${size%x*}" "${size#*x}" "$tmp" ||
		fail "at $size (screen log: $(tail -5 "$tmp/screen.log" 2>/dev/null))"
done

# Three ratings a size: two at counter 2, one free-standing.
n=$(sql "$tmp/queue.db" "select count(*) from event where kind = 'rated'")
[[ $n == 9 ]] || fail "expected 9 ratings in all, found $n"
dups=$(sql "$tmp/queue.db" "select count(*) from (select ticket_id from event where kind = 'rated' and ticket_id is not null group by ticket_id having count(*) > 1)")
[[ $dups == 0 ]] || fail "$dups tickets rated more than once"
echo "rating: ok ($n ratings; screenshots in $SHOTS)"
