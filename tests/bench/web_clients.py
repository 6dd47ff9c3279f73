#!/usr/bin/env python3
"""web_clients.py PORT SECONDS TOKEN... - phones following their tickets.

One client per token, each on its own kept-alive HTTP/1.1 connection,
fetching /t/TOKEN/live once a second (as the page's script does) for
SECONDS. Prints one line: requests, errors, p50/p99/max latency in ms.
"""
import asyncio
import sys
import time


async def client(port, token, until, lat, errors):
    path = f"/t/{token}/live"
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    reader = writer = None
    while time.monotonic() < until:
        start = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            if not head.startswith(b"HTTP/1.1 200"):
                errors.append(head.split(b"\r\n")[0])
            if b"connection: close" in head.lower():
                writer.close()
                writer = None
            lat.append(time.monotonic() - start)
        except (OSError, asyncio.IncompleteReadError) as e:
            errors.append(repr(e))
            writer = None
        await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - start)))
    if writer is not None:
        writer.close()


async def main():
    port, seconds, tokens = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
    until = time.monotonic() + seconds
    lat, errors = [], []
    # Spread the first requests over a second, as phones would be.
    tasks = []
    for i, t in enumerate(tokens):
        tasks.append(asyncio.create_task(client(port, t, until, lat, errors)))
        await asyncio.sleep(1.0 / len(tokens))
    await asyncio.gather(*tasks)
    lat.sort()
    pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")
    print(f"{len(tokens)} clients, {len(lat)} requests, {len(errors)} errors, "
          f"latency p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms, max {pick(1.0):.1f} ms")
    if errors:
        print("first errors:", errors[:3])


asyncio.run(main())
