#!/usr/bin/env python3
"""virtual_idcard.py - a Thai national ID card in vsmartcard's virtual reader.

    virtual_idcard.py --port PORT --cid DIGITS [--atr 3b68|3b67] [--host HOST]

Connects to vpcd (the reader driver pcscd loads, listening on PORT) as the
card: while this runs, the card is in the reader; stop it (SIGTERM) and the
card is taken out. It answers the card's real commands the way a card does:

    SELECT 00 A4 04 00 08 A0 00 00 00 54 48 00 01   -> 61 0A (another AID: 6A 82)
    READ   80 B0 00 04 02 00 0D                     -> 61 0D (the citizen ID waits)
    GET RESPONSE 00 C0 00 P2 0D                     -> the 13 digits + 90 00

P2 must be 00, or 01 on a "3b67" card (as those cards want); anything else,
and any other read, is refused (6B 00, 6A 82, 6D 00) as a card would. --cid
is sent as given, so a wrong check digit is the reader's to notice.

vpcd's protocol: each message is a 2-byte big-endian length and its bytes.
One byte from vpcd is a control code: 0 power off, 1 power on, 2 reset (no
answer), 4 send the ATR. Longer ones are command APDUs, answered with the
response APDU.

Prints "inserted" once vpcd has the card, then "apdu HEX" for each command
(the commands only: never the answer, which holds the number).
"""

import argparse
import signal
import socket
import struct
import sys
import time

ATRS = {
    "3b68": bytes.fromhex("3B68000000 73C84012009000".replace(" ", "")),
    "3b67": bytes.fromhex("3B67000073 20006C689000".replace(" ", "")),
}
MOI_AID = bytes.fromhex("A000000054480001")


class Card:
    """The card's state between commands."""

    def __init__(self, cid, atr):
        self.cid = cid.encode("ascii")
        self.atr = ATRS[atr]
        self.p2 = 0x01 if atr == "3b67" else 0x00
        self.selected = False
        self.waiting = b""  # what GET RESPONSE returns next

    def reset(self):
        self.selected = False
        self.waiting = b""

    def answer(self, apdu):
        """The response APDU to one command APDU."""
        cla, ins, p1, p2 = apdu[0], apdu[1], apdu[2], apdu[3]
        if (cla, ins, p1, p2) == (0x00, 0xA4, 0x04, 0x00):
            self.selected = apdu[5:5 + apdu[4]] == MOI_AID
            return b"\x61\x0A" if self.selected else b"\x6A\x82"
        if (cla, ins) == (0x80, 0xB0) and self.selected:
            if apdu[2:] == bytes.fromhex("0004 02 000D".replace(" ", "")):
                self.waiting = self.cid
                return b"\x61" + bytes([len(self.cid)])
            return b"\x6A\x82"  # the kiosk reads nothing but the citizen ID
        if (cla, ins, p1) == (0x00, 0xC0, 0x00) and self.waiting:
            if p2 != self.p2:
                return b"\x6B\x00"
            out, self.waiting = self.waiting[:apdu[4]], b""
            return out + b"\x90\x00"
        return b"\x6D\x00"


def recv_exact(sock, n):
    """n bytes from sock, or None when vpcd closed the connection."""
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def send(sock, payload):
    sock.sendall(struct.pack(">H", len(payload)) + payload)


def connect(host, port):
    """Connect to vpcd; pcscd may still be starting (hang guard: 60 s)."""
    for _ in range(600):
        try:
            return socket.create_connection((host, port))
        except OSError:
            time.sleep(0.1)
    sys.exit(f"virtual_idcard: vpcd does not listen on {host}:{port}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--cid", required=True)
    ap.add_argument("--atr", choices=sorted(ATRS), default="3b68")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    card = Card(args.cid, args.atr)
    sock = connect(args.host, args.port)
    told = False
    while True:
        head = recv_exact(sock, 2)
        if head is None:
            return
        msg = recv_exact(sock, struct.unpack(">H", head)[0])
        if msg is None:
            return
        if len(msg) == 1:
            if msg[0] == 4:
                send(sock, card.atr)
                if not told:
                    print("inserted", flush=True)
                    told = True
            else:
                card.reset()
            continue
        print("apdu " + msg.hex(" ").upper(), flush=True)
        send(sock, card.answer(msg))


if __name__ == "__main__":
    main()
