#!/usr/bin/env python3
"""bench_web_counter.py BUILD SRC [COUNTERS] [PRESSES] - browser counters under load.

COUNTERS officers (default 30) each open their counter's page on saduak-web
(over HTTP, as the page does) and press "next" PRESSES times (default 20),
a few seconds apart, while two issuers take tickets at the kiosk
(`saduak-kiosk issue` in a loop). Then, in the same run and the same way,
COUNTERS other counters press "next" through the native path
(`saduak-counter --counter N next`, which also sends its display's frame),
for the native figure beside the browser's. Every counter has a Modbus LED display on
one bus (one pseudo-terminal, saduak-led-emulator), driven by
`saduak-counter displays`. For each press it measures the time from the
POST to its answer (the call committed: the server answers after the
commit; natively, the command's exit) and to the display's frame decoded by the emulator (which counts
the 9600-baud wire time of every frame queued on the bus before it).
Prints p50 / p99 / max of both, errors, frames missing; never asserts
(target: action to frame p99 < 250 ms). Bounded by counts; a timeout only
guards each wait.
"""
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

BUILD, SRC = sys.argv[1], sys.argv[2]
sys.dont_write_bytecode = True  # the source tree stays as checked out
sys.path.insert(0, os.path.join(SRC, "tests", "e2e"))
import web_lib  # noqa: E402
COUNTERS = int(sys.argv[3]) if len(sys.argv) > 3 else 30
PRESSES = int(sys.argv[4]) if len(sys.argv) > 4 else 20
PASSWORD = "bench"
tmp = tempfile.mkdtemp()
procs = []


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def config(port):
    """demo.ini with 2 * COUNTERS counters (browser, then native) serving
    every service, each with an officer (one password hash) and a Modbus
    display on one bus."""
    hash_ = subprocess.run([BUILD + "/web/saduak-web", "hash-password"], input=PASSWORD + "\n",
                           capture_output=True, text=True, check=True).stdout.strip()
    text = open(SRC + "/config/demo.ini", encoding="utf-8").read()
    text = re.sub(r"(?m)^database = .*", "database = %s/queue.db" % tmp, text)
    text = re.sub(r"(?m)^hours = .*", "hours = daily 00:00-24:00", text)
    text = re.sub(r"(?m)^extended_hours.*\n", "", text)
    text = re.sub(r"(?m)^port = 8080$", "port = %d\ncounter_idle_seconds = 3600" % port, text)
    # Only our own counters and officers.
    text = re.sub(r"(?ms)^\[(counter \d+|officer \w+)\].*?(?=^\[)", "", text)
    for n in range(1, 2 * COUNTERS + 1):
        text += ("\n[counter %d]\nlocation_th = ชั้น 1\nlocation_en = Floor 1\n"
                 "services = A, B, C, D\ndisplay = d%d\n"
                 "[officer o%d]\nname_th = เจ้าหน้าที่ %d\nname_en = Officer %d\npassword = %s\n"
                 "[display d%d]\nprotocol = modbus\nport = %s/bus\naddress = %d\n"
                 "modbus_profile = a\n" % (n, n, n, n, n, hash_, n, tmp, n))
    path = tmp + "/bench.ini"
    open(path, "w", encoding="utf-8").write(text)
    return path


frames = {}  # unit -> list of monotonic times of frames decoded
frames_lock = threading.Condition()


def read_emulator(emu):
    for line in emu.stdout:
        m = re.match(r"frame modbus unit=(\d+) ", line)
        if m:
            with frames_lock:
                frames.setdefault(int(m.group(1)), []).append(time.monotonic())
                frames_lock.notify_all()


def issuer(cfg, stop):
    while not stop.is_set():
        subprocess.run([BUILD + "/kiosk/saduak-kiosk", "--config", cfg, "issue",
                        random.choice("ABCD")], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


commit_ms, frame_ms, errors, missing = [], [], [], [0]
results_lock = threading.Lock()


def presses(n, press):
    """PRESSES presses of press() (True when it worked) at counter n, a few
    seconds apart: their times to committed and to the display's frame."""
    time.sleep(random.uniform(0, 3))
    for _ in range(PRESSES):
        with frames_lock:
            seen = len(frames.get(n, []))
        t0 = time.monotonic()
        ok = press()
        t1 = time.monotonic()
        with frames_lock:
            got = frames_lock.wait_for(lambda: len(frames.get(n, [])) > seen, timeout=10)
            t2 = frames[n][seen] if got else None
        with results_lock:
            if not ok:
                errors.append("next at %d" % n)
            commit_ms.append((t1 - t0) * 1000)
            if t2 is None:
                missing[0] += 1
            else:
                frame_ms.append((t2 - t0) * 1000)
        time.sleep(random.uniform(2, 4))


def native(cfg, n):
    """Counter n worked with `saduak-counter` (login, then next)."""
    def run(*args):
        return subprocess.run([BUILD + "/counter/saduak-counter", "--config", cfg, "--counter",
                               str(n)] + list(args), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0

    if not run("login", "o%d" % n):
        with results_lock:
            errors.append("login o%d" % n)
        return
    presses(n, lambda: run("next"))


def officer(url, n):
    request = web_lib.client(url)
    status, _, _ = request("/counter/login",
                           {"user": "o%d" % n, "password": PASSWORD, "counter": n})
    if status != 303:
        with results_lock:
            errors.append("login o%d: %d" % (n, status))
        return
    _, _, page = request("/counter")
    csrf = re.search(r"name=csrf value=(\S+?)>", page).group(1)
    seq = [int(re.search(r"name=seq value=(\d+)>", page).group(1))]

    def press():
        status, _, _ = request("/counter/act", {"csrf": csrf, "seq": seq[0], "action": "next"})
        seq[0] += 1
        return status == 303

    presses(n, press)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] if values else float("nan")


def issue(cfg, count):
    print("issuing %d tickets..." % count, flush=True)
    for i in range(count):
        subprocess.run([BUILD + "/kiosk/saduak-kiosk", "--config", cfg, "issue", "ABCD"[i % 4]],
                       stdout=subprocess.DEVNULL, check=True)


def phase(what, target, first):
    """COUNTERS threads of target(n), n from first: their figures printed."""
    for v in (commit_ms, frame_ms, errors):
        v.clear()
    missing[0] = 0
    workers = [threading.Thread(target=target, args=(n,)) for n in range(first, first + COUNTERS)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    issued = sqlite3.connect(tmp + "/queue.db").execute(
        "SELECT count(*) FROM ticket").fetchone()[0]
    print("%d %s counters, %d presses of next, 2 issuers (%d tickets so far)"
          % (COUNTERS, what, len(commit_ms), issued))
    for name, v in (("action -> committed", commit_ms),
                    ("action -> LED frame decoded", frame_ms)):
        print("  %-28s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms" % (
            name, statistics.median(v) if v else float("nan"), pct(v, 99),
            max(v) if v else float("nan")))
    print("  errors: %d%s; presses without a frame within 10 s: %d" % (
        len(errors), (" (" + errors[0] + ")") if errors else "", missing[0]), flush=True)


def main():
    env = dict(os.environ)
    port = free_port()
    url = "http://127.0.0.1:%d" % port
    cfg = config(port)
    stop = threading.Event()
    try:
        emu = subprocess.Popen([BUILD + "/tests/tools/saduak-led-emulator", "--link",
                                tmp + "/bus", "--config", cfg, "--display", "d1"],
                               stdout=subprocess.PIPE, text=True, env=env)
        procs.append(emu)
        for _ in range(200):
            if os.path.islink(tmp + "/bus"):
                break
            time.sleep(0.05)
        threading.Thread(target=read_emulator, args=(emu,), daemon=True).start()
        issue(cfg, COUNTERS * PRESSES)
        log = open(tmp + "/server.log", "w")
        procs.append(subprocess.Popen([BUILD + "/web/saduak-web", "--config", cfg], stderr=log))
        procs.append(subprocess.Popen([BUILD + "/counter/saduak-counter", "--config", cfg,
                                       "displays"], stderr=log))
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/api/queue", timeout=5).read()
                break
            except OSError:
                time.sleep(0.05)
        issuers = [threading.Thread(target=issuer, args=(cfg, stop)) for _ in range(2)]
        for t in issuers:
            t.start()
        phase("browser", lambda n: officer(url, n), 1)
        issue(cfg, COUNTERS * PRESSES)
        phase("native (saduak-counter next)", lambda n: native(cfg, n), COUNTERS + 1)
        stop.set()
        for t in issuers:
            t.join()
    finally:
        stop.set()
        for p in reversed(procs):
            p.send_signal(signal.SIGTERM)
            p.wait()
        shutil.rmtree(tmp)


main()
