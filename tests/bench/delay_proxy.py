#!/usr/bin/env python3
"""A TCP proxy that holds every chunk for a fixed time each way, as a LAN
between two PCs does (a round trip costs twice the delay more than on
loopback, plus the proxy's own few tenths of a ms). For benchmarks only:
bench_claim's PostgreSQL connection is pointed at it to see what each wait
on the server costs across a network.

usage: delay_proxy.py LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS
Prints "ready" once it listens; runs until killed.
"""
import queue
import socket
import sys
import threading
import time


def pipe(src, dst, delay):
    """Copy src to dst, each chunk sent delay seconds after it came, in order."""
    held = queue.Queue()

    def send():
        while True:
            due, data = held.get()
            # time.sleep() keeps sub-millisecond delays, where event loops round up.
            time.sleep(max(0.0, due - time.monotonic()))
            if not data:
                dst.shutdown(socket.SHUT_WR)
                return
            dst.sendall(data)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    while True:
        try:
            data = src.recv(65536)
        except OSError:
            data = b""
        held.put((time.monotonic() + delay, data))
        if not data:
            return


def serve(client, target, delay):
    server = socket.create_connection(target)
    for s in (client, server):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    threading.Thread(target=pipe, args=(client, server, delay), daemon=True).start()
    threading.Thread(target=pipe, args=(server, client, delay), daemon=True).start()


def main():
    listen, host, port, delay = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) / 1000
    with socket.create_server(("127.0.0.1", listen)) as lsock:
        print("ready", flush=True)
        while True:
            client, _ = lsock.accept()
            serve(client, (host, port), delay)


if __name__ == "__main__":
    main()
