#!/usr/bin/env bash
# kiosk.sh BUILD_DIR SOURCE_DIR - the entrance ticket screen, driven by taps.
#
# Runs `saduak-kiosk --mode ticket` fullscreen under Xvfb on a temporary
# database, with the printer emulator on a pseudo-terminal (tty: target),
# and taps with xdotool where test_ticket_layout --print says the controls
# are. Checks:
#   - five fast clicks on "take a ticket" issue exactly one ticket, and the
#     emulator receives it: the decoded PNG is 384 dots wide and not blank;
#   - first-contact events: "ticket", "back" and "advice-only";
#   - a closed service is not issued (it says when it opens);
#   - faults: printer path missing, paper out, a printer that stalls
#     mid-ticket, the database locked by another writer for a second: the
#     ticket is issued anyway, the fault is logged, the kiosk keeps issuing;
#   - a printer that stalls for longer than the systemd watchdog interval
#     (WATCHDOG_USEC, NOTIFY_SOCKET a test socket): the kiosk keeps sending
#     WATCHDOG=1 while it waits, never a gap of a whole interval, and the
#     ticket stands;
#   - a config with a service no counter serves is refused: exit 1, file:line.
# Screenshots of home, advice and ticket in Thai and English at 1080x1920
# (portrait) and 1280x800 (landscape), and of the fault screen, are kept in
# $SADUAK_SCREENSHOT_DIR (default BUILD_DIR/screenshots/kiosk).
set -euo pipefail

BUILD=${1:?usage: kiosk.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: kiosk.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
EMU=$BUILD/tests/tools/saduak-printer-emulator
SHOTS=${SADUAK_SCREENSHOT_DIR:-$BUILD/screenshots/kiosk}

fail() {
	echo "kiosk: FAIL: $*" >&2
	exit 1
}

for tool in xvfb-run xdotool sqlite3 python3; do
	command -v "$tool" >/dev/null || fail "$tool is needed (scripts/debian-packages.txt)"
done

# ---------------------------------------------------------------- inside Xvfb
# kiosk.sh --inside SCENARIO W H TMP: one scenario on one X screen of W x H.
if [[ ${3:-} == --inside ]]; then
	SCENARIO=$4 W=$5 H=$6 tmp=$7
	kiosk_pid= emu_pid= notify_pid=
	stop_all() {
		[[ -n $kiosk_pid ]] && kill "$kiosk_pid" 2>/dev/null && wait "$kiosk_pid" 2>/dev/null
		[[ -n $emu_pid ]] && kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null
		[[ -n $notify_pid ]] && kill "$notify_pid" 2>/dev/null && wait "$notify_pid" 2>/dev/null
		return 0
	}
	trap stop_all EXIT
	kiosk_layout "$W" "$H"

	# snap NAME: wait for the screen to settle, keep its picture.
	snap() {
		e2e_sleep "${2:-0.8}"
		cp "$tmp/cur.png" "$SHOTS/$1.png"
	}
	stop_kiosk() {
		kill "$kiosk_pid"
		wait "$kiosk_pid" || fail "kiosk exited with status $? on SIGTERM"
		kiosk_pid=
	}
	# start_emulator ARGS...: the printer emulator on a pty linked at $tmp/printer.
	start_emulator() {
		mkdir -p "$tmp/printed" "$tmp/stalled"
		"$EMU" --link "$tmp/printer" --dir "$tmp/printed" "$@" >"$tmp/emu.out" &
		emu_pid=$!
		for _ in $(seq 50); do
			[[ -L $tmp/printer ]] && return 0
			e2e_sleep 0.1
		done
		fail "printer emulator did not start"
	}
	# start_notify: a stand-in for systemd's notify socket at $tmp/notify.sock,
	# logging "MONOTONIC_MS MESSAGE" per line to $tmp/notify.log.
	start_notify() {
		rm -f "$tmp/notify.sock" "$tmp/notify.log"
		python3 - "$tmp/notify.sock" "$tmp/notify.log" <<-'EOF' &
			import socket, sys, time
			s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
			s.bind(sys.argv[1])
			with open(sys.argv[2], "a") as log:
			    while True:
			        for line in s.recv(4096).decode(errors="replace").splitlines():
			            log.write("%d %s\n" % (time.monotonic_ns() // 1000000, line))
			        log.flush()
		EOF
		notify_pid=$!
		for _ in $(seq 50); do
			[[ -S $tmp/notify.sock ]] && return 0
			e2e_sleep 0.1
		done
		fail "the notify socket did not appear"
	}
	tickets() { sql "$tmp/queue.db" "select count(*) from ticket"; }
	events() { sql "$tmp/queue.db" "select count(*) from event where kind='$1' $2"; }

	case $SCENARIO in
	tour)
		# Home, advice and ticket in both languages; one press gives one ticket.
		start_emulator
		kiosk_start "$tmp/tty.ini" "$tmp/kiosk.log"
		for lang in th en; do
			tag=${W}x${H}-$lang
			if [[ $lang == en ]]; then
				tap home.lang.0
			fi
			snap "home-$tag"
			before=$(tickets)
			tap home.service.0
			snap "advice-$tag"
			tap advice.take.0 5
			snap "ticket-$tag" 1.5
			[[ $(tickets) == $((before + 1)) ]] ||
				fail "$tag: five clicks issued $(($(tickets) - before)) tickets"
			e2e_sleep 1
			tap ticket.done.0
			e2e_sleep 0.6
		done
		# Back and information only are first contacts too.
		tap home.service.1
		e2e_sleep 0.6
		tap advice.back.0
		e2e_sleep 0.6
		tap home.service.2
		e2e_sleep 0.6
		tap advice.info.0
		e2e_sleep 0.6
		# A closed service says when it opens and issues nothing.
		before=$(tickets)
		tap home.service.3
		snap "closed-${W}x${H}" 0.6
		[[ $(tickets) == "$before" ]] || fail "a closed service issued a ticket"
		# The priority entry: class, service, ticket.
		prio() { sql "$tmp/queue.db" "select count(*) from ticket where priority='elderly'"; }
		pbefore=$(prio)
		tap home.priority.0
		snap "priority-${W}x${H}" 0.6
		tap priority.class.0
		e2e_sleep 0.6
		tap home.service.0
		e2e_sleep 0.6
		tap advice.take.0
		snap "ticket-priority-${W}x${H}" 1.5
		[[ $(prio) == $((pbefore + 1)) ]] || fail "no priority ticket issued"
		# A barcode scanner is a keyboard: what it types, and Ctrl+Q, leave
		# the kiosk running; the supervisor's chord (exit_keys) closes it.
		xdotool type --delay 20 "A012 1234567890123"
		xdotool key Return ctrl+q ctrl+shift+q
		e2e_sleep 0.8
		kill -0 "$kiosk_pid" 2>/dev/null || fail "the kiosk left on typed keys or Ctrl+Q"
		xdotool key ctrl+shift+F12
		for _ in $(seq 50); do
			kill -0 "$kiosk_pid" 2>/dev/null || break
			e2e_sleep 0.1
		done
		! kill -0 "$kiosk_pid" 2>/dev/null || fail "the kiosk did not leave on ctrl+shift+F12"
		wait "$kiosk_pid" || fail "kiosk exited with status $? on its exit chord"
		kiosk_pid=
		e2e_sleep 0.5
		;;
	faults)
		# Printer path missing: the ticket is issued, shown with its QR code, the fault logged.
		kiosk_start "$tmp/missing.ini" "$tmp/kiosk.log"
		before=$(tickets)
		tap home.service.0
		e2e_sleep 0.6
		tap advice.take.0
		snap "fault-missing-${W}x${H}" 1.5
		[[ $(tickets) == $((before + 1)) ]] || fail "no ticket with the printer missing"
		[[ $(events fault "and reason like 'printer missing%'") -ge 1 ]] ||
			fail "printer missing was not logged"
		stop_kiosk
		# Paper out: the same, and the emulator prints nothing.
		start_emulator --status paper-out
		kiosk_start "$tmp/tty.ini" "$tmp/kiosk.log"
		tap home.service.0
		e2e_sleep 0.6
		tap advice.take.0
		snap "fault-paper-out-${W}x${H}" 1.5
		[[ $(events fault "and reason like 'printer paper-out%'") -ge 1 ]] ||
			fail "paper out was not logged"
		stop_kiosk
		kill "$emu_pid"
		wait "$emu_pid" || true
		emu_pid=
		# A printer that stops reading mid-ticket: the kiosk waits timeout_ms, no more.
		rm -f "$tmp/printer"
		# (its half ticket goes to a folder of its own, apart from the whole ones)
		start_emulator --stall-after 4096 --dir "$tmp/stalled"
		kiosk_start "$tmp/stall.ini" "$tmp/kiosk.log"
		tap home.service.0
		e2e_sleep 0.6
		t0=$(date +%s%N)
		tap advice.take.0
		for _ in $(seq 60); do
			[[ $(events fault "and reason like 'printer stalled%'") -ge 1 ]] && break
			e2e_sleep 0.1
		done
		took=$((($(date +%s%N) - t0) / 1000000))
		[[ $(events fault "and reason like 'printer stalled%'") -ge 1 ]] ||
			fail "the stalled printer was not logged"
		((took < 4000)) || fail "a stalled printer held the kiosk for $took ms"
		snap "fault-stalled-${W}x${H}" 0.5
		# It keeps issuing.
		e2e_sleep 1.5
		tap ticket.done_qr.0
		e2e_sleep 0.6
		before=$(tickets)
		tap home.service.1
		e2e_sleep 0.6
		tap advice.take.0
		e2e_sleep 2.5
		[[ $(tickets) == $((before + 1)) ]] || fail "no ticket after the printer stalled"
		stop_kiosk
		kill "$emu_pid"
		wait "$emu_pid" || true
		emu_pid=
		# A stall longer than the watchdog interval: WATCHDOG=1 keeps coming.
		rm -f "$tmp/printer"
		start_emulator --stall-after 4096 --dir "$tmp/stalled"
		start_notify
		export WATCHDOG_USEC=$((WATCHDOG_MS * 1000)) NOTIFY_SOCKET=$tmp/notify.sock
		kiosk_start "$tmp/stall-long.ini" "$tmp/kiosk.log"
		unset WATCHDOG_USEC NOTIFY_SOCKET
		stalled=$(events fault "and reason like 'printer stalled%'")
		before=$(tickets)
		tap home.service.0
		e2e_sleep 0.6
		tap advice.take.0
		for _ in $(seq 200); do
			[[ $(events fault "and reason like 'printer stalled%'") -gt $stalled ]] && break
			e2e_sleep 0.1
		done
		[[ $(events fault "and reason like 'printer stalled%'") -gt $stalled ]] ||
			fail "the long stall was not logged"
		[[ $(tickets) == $((before + 1)) ]] || fail "the ticket of the long stall was lost"
		kill -0 "$kiosk_pid" || fail "the kiosk died during the long stall"
		stop_kiosk
		kill "$notify_pid"
		wait "$notify_pid" || true
		notify_pid=
		python3 - "$tmp/notify.log" "$WATCHDOG_MS" "$STALL_MS" <<-'EOF' ||
			import sys
			pings = [int(l.split()[0]) for l in open(sys.argv[1]) if l.split()[1:] == ["WATCHDOG=1"]]
			gaps = [b - a for a, b in zip(pings, pings[1:])]
			watchdog, stall = int(sys.argv[2]), int(sys.argv[3])
			# The stall alone spans several intervals: as many pings at least.
			assert len(pings) >= stall // watchdog, "%d pings" % len(pings)
			assert max(gaps) < watchdog, "a gap of %d ms under a %d ms watchdog" % (max(gaps), watchdog)
		EOF
			fail "the watchdog went unfed while the printer stalled: $(tail -3 "$tmp/notify.log")"
		kill "$emu_pid"
		wait "$emu_pid" || true
		emu_pid=
		# The database locked by another writer for a second: "please wait", then the ticket.
		kiosk_start "$tmp/missing.ini" "$tmp/kiosk.log"
		tap home.service.0
		e2e_sleep 0.6
		before=$(tickets)
		python3 - "$tmp/queue.db" <<-'EOF' &
			import sqlite3, sys, time
			db = sqlite3.connect(sys.argv[1], isolation_level=None)
			db.execute("BEGIN IMMEDIATE")
			open(sys.argv[1] + ".locked", "w").close()
			time.sleep(1.5)
			db.execute("ROLLBACK")
		EOF
		locker=$!
		for _ in $(seq 50); do
			[[ -e $tmp/queue.db.locked ]] && break
			e2e_sleep 0.05
		done
		tap advice.take.0
		snap "please-wait-${W}x${H}" 0.4
		wait "$locker"
		e2e_sleep 1.5
		[[ $(tickets) == $((before + 1)) ]] || fail "no ticket after the database lock"
		stop_kiosk
		;;
	*)
		fail "unknown scenario $SCENARIO"
		;;
	esac
	exit 0
fi

# ---------------------------------------------------------------- outside
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$SHOTS"

at_local_noon

# A config for each printer set-up: all services open but D (06:00-07:00 only).
make_config() { # make_config NAME PRINTER-LINES
	kiosk_config "$tmp/queue.db" "$2" "ticket_seconds = 30" \
		-e '/^\[service D\]/,/^$/s/^hours = .*/hours = daily 06:00-07:00/' >"$tmp/$1.ini"
}
make_config tty "target = tty:$tmp/printer
baud = 115200
timeout_ms = 3000"
make_config missing "target = tty:$tmp/no-such-printer
timeout_ms = 1000"
make_config stall "target = tty:$tmp/printer
timeout_ms = 1500"
# A printer timeout well over the watchdog interval the kiosk is given.
export WATCHDOG_MS=3000 STALL_MS=9000
make_config stall-long "target = tty:$tmp/printer
timeout_ms = $STALL_MS"

# In Xvfb: scenario, screen size.
run() { # run SCENARIO W H
	xvfb-run -a -s "-screen 0 ${2}x${3}x24" bash "$0" "$BUILD" "$SRC" --inside "$1" "$2" "$3" "$tmp" ||
		fail "scenario $1 at ${2}x${3} (kiosk log: $(tail -5 "$tmp/kiosk.log" 2>/dev/null))"
}
run tour 1080 1920
run tour 1280 800
run faults 800 480

# One press, one ticket: 3 tickets a tour (one priority), 6 in the fault scenarios.
n=$(sql "$tmp/queue.db" "select count(*) from ticket")
[[ $n == 12 ]] || fail "expected 12 tickets in all, found $n"
for outcome in ticket back advice-only; do
	c=$(sql "$tmp/queue.db" "select count(*) from event where kind='first_contact' and reason='$outcome'")
	[[ $c -ge 1 ]] || fail "no first-contact event '$outcome'"
done

# The emulator's pictures of the printed tickets: 384 dots wide, tall, with ink.
printed=("$tmp"/printed/ticket-*.png)
[[ -e ${printed[0]} ]] || fail "the printer emulator received no ticket"
python3 - "${printed[@]}" <<'EOF' || fail "a printed ticket is not a proper picture"
import struct, sys, zlib
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth = struct.unpack(">IIB", body[:9])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = (w * depth + 7) // 8 + 1
    black = sum(bin(b ^ 0xFF).count("1") for r in range(h) for b in raw[r * stride + 1:(r + 1) * stride])
    share = black / (w * h)
    print(f"{path.rsplit('/', 1)[1]}: {w}x{h}, {share:.1%} black")
    assert w == 384 and 500 < h < 2000, f"{path}: {w}x{h}"
    assert 0.03 < share < 0.6, f"{path}: {share:.1%} black"
EOF
cp "${printed[0]}" "$SHOTS/printed-ticket.png"

# A service no counter serves is a config error: exit 1, one line naming file and line.
sed -e 's|^services = C, D$|services = C|' -e 's|^services = D, C$|services = C|' "$tmp/tty.ini" >"$tmp/nocounter.ini"
set +e
out=$("$KIOSK" --config "$tmp/nocounter.ini" --mode ticket 2>&1 >/dev/null)
status=$?
set -e
[[ $status == 1 ]] || fail "a service without a counter: exit $status, not 1"
[[ $out =~ nocounter\.ini:[0-9]+: ]] || fail "no file:line in '$out'"
[[ $(wc -l <<<"$out") == 1 ]] || fail "more than one line: $out"

echo "kiosk: ok ($n tickets; screenshots in $SHOTS)"
