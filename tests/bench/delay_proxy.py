#!/usr/bin/env python3
"""A TCP proxy that holds every chunk for a fixed time each way, as a LAN
between two PCs does (a round trip costs twice the delay more than on
loopback). For benchmarks only: bench_claim's PostgreSQL connection is
pointed at it to see what each wait on the server costs across a network.

usage: delay_proxy.py LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS
Prints "ready" once it listens; runs until killed.
"""
import asyncio
import sys


async def pipe(reader, writer, delay):
    loop = asyncio.get_running_loop()
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            # Each chunk leaves delay seconds after it came; order is kept.
            loop.call_later(delay, writer.write, data)
    finally:
        await asyncio.sleep(delay)
        writer.close()


async def main():
    listen, host, port, delay = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) / 1000

    async def serve(client_reader, client_writer):
        server_reader, server_writer = await asyncio.open_connection(host, port)
        await asyncio.gather(pipe(client_reader, server_writer, delay),
                             pipe(server_reader, client_writer, delay))

    server = await asyncio.start_server(serve, "127.0.0.1", listen)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
