# A PC/SC stack of a test's own, for the ID card tests: source it after
# setting tmp (a temporary folder) and SRC. pcscd listens on a socket in
# $tmp (PCSCLITE_CSOCK_NAME, exported, so every program started afterwards
# talks to it and meets no other pcscd), with vsmartcard's virtual reader
# (vpcd) named "Saduak Test VPCD", into which tests/e2e/virtual_idcard.py
# plugs a card. pcscd keeps its pid file in /run/pcscd: root only.
#
#   pcsc_setup        pick vpcd's ports, write the reader's conf; 1 on failure
#   start_pcscd       pcscd on the test's socket (started at the first client)
#   stop_pcscd
#   card_in CID [ATR] put a card in the reader; card_out takes it out
#   id_hash_of KEY CID  HMAC-SHA256 of the digits under the key file, by Python

PCSC_VPCD=/usr/lib/pcsc/drivers/serial/libifdvpcd.so
PCSC_READER="Saduak Test VPCD"
pcscd_pid='' card_pid='' pcsc_port=''

pcsc_setup() {
	# Two free ports in a row (vpcd offers two readers), below Linux's
	# ephemeral range, so no outgoing connection takes one while pcscd restarts.
	pcsc_port=$(python3 - <<'PY'
import socket
for port in range(29000, 32000, 2):
    try:
        with socket.socket() as a, socket.socket() as b:
            a.bind(("", port)); b.bind(("", port + 1))
        print(port); break
    except OSError:
        pass
PY
	)
	[[ -n $pcsc_port ]] || return 1
	mkdir -p "$tmp/reader.conf.d"
	cat >"$tmp/reader.conf.d/vpcd" <<-CONF
		FRIENDLYNAME "$PCSC_READER"
		DEVICENAME   /dev/null:$pcsc_port
		LIBPATH      $PCSC_VPCD
		CHANNELID    $pcsc_port
	CONF
	export PCSCLITE_CSOCK_NAME=$tmp/pcscd.comm
}

start_pcscd() {
	rm -f "$PCSCLITE_CSOCK_NAME"
	systemd-socket-activate -l "$PCSCLITE_CSOCK_NAME" \
		pcscd -f -a -c "$tmp/reader.conf.d" >>"$tmp/pcscd.log" 2>&1 &
	pcscd_pid=$!
	for _ in $(seq 600); do
		[[ -S $PCSCLITE_CSOCK_NAME ]] && return 0
		sleep 0.1
	done
	return 1
}

stop_pcscd() {
	[[ -n $pcscd_pid ]] || return 0
	kill "$pcscd_pid" 2>/dev/null || true
	wait "$pcscd_pid" 2>/dev/null || true
	pcscd_pid=''
}

card_in() {
	python3 "$SRC/tests/e2e/virtual_idcard.py" --port "$pcsc_port" --cid "$1" --atr "${2:-3b68}" \
		>"$tmp/card.out" 2>&1 &
	card_pid=$!
}

card_out() {
	[[ -n $card_pid ]] || return 0
	kill "$card_pid" 2>/dev/null || true
	wait "$card_pid" 2>/dev/null || true
	card_pid=''
}

id_hash_of() {
	python3 -c 'import hashlib, hmac, sys
print(hmac.new(open(sys.argv[1], "rb").read(), sys.argv[2].encode(), hashlib.sha256).hexdigest())' \
		"$1" "$2"
}
