#!/usr/bin/env python3
"""board_check.py - helpers of board.sh and bench_board.sh (python3 stdlib only).

  clips DIR RATE              write a test clip set: every clip of
                              `saduak-kiosk voice --list` (read on stdin) as a
                              distinct tone, so any wrong order shows
  watch PNG TIMEOUT_MS -- CMD...
                              run CMD (a counter verb), then wait until the
                              board's screenshot PNG shows a call flashing
                              (a large share of amber pixels); print
                              "ms_after_return ms_after_start"
  amber PNG                   print the share of amber pixels of PNG
  plan CODE COUNTER           print the clips the board should play (words
                              style, Thai then English), independently of the
                              C planner
  audio RAW DIR RENDER.wav CODE COUNTER [RENDER.wav CODE COUNTER ...]
                              check the disk-audio RAW (mono s16le) holds each
                              rendered announcement, whole and in this order,
                              and that each render is the chime followed by the
                              clips of DIR in the planned order
  bench PNG RAW LOG N -- CMD...
                              run CMD (a counter "next") N times, each once
                              the last announcement has played; print how
                              long after the command the screenshot showed the
                              call and the first chime sample reached RAW
  first-sound RAW START_BYTES TIMEOUT_MS
                              wait until RAW holds a non-silent sample past
                              START_BYTES; print the wall time (ms, monotonic)
"""
import os
import struct
import subprocess
import sys
import time
import zlib

AMBER = (0xFF, 0xD0, 0x4A)


def die(msg):
    print("board_check: " + msg, file=sys.stderr)
    sys.exit(1)


def write_wav(path, rate, samples):
    data = struct.pack("<%dh" % len(samples), *samples)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVE")
        f.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16))
        f.write(b"data" + struct.pack("<I", len(data)) + data)


def read_wav_samples(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:4] != b"RIFF" or raw[8:12] != b"WAVE":
        die("%s is not a WAV file" % path)
    pos = 12
    while pos + 8 <= len(raw):
        cid, size = raw[pos:pos + 4], struct.unpack("<I", raw[pos + 4:pos + 8])[0]
        if cid == b"data":
            return raw[pos + 8:pos + 8 + size]
        pos += 8 + size + (size & 1)
    die("%s has no data chunk" % path)
    return b""


def cmd_clips(args):
    out, rate = args[0], int(args[1])
    names = [line.split()[0] for line in sys.stdin if line.strip()]
    for i, name in enumerate(names):
        if name == "chime":
            continue  # the synthesized chime is tested
        # A square wave that never touches zero: a tone of its own per clip.
        n = rate * (80 + (i % 9) * 15) // 1000
        period = 20 + i
        amp = 3000 + (i % 13) * 500
        samples = [amp if (k // (period // 2)) % 2 == 0 else -amp for k in range(n)]
        write_wav(os.path.join(out, name + ".wav"), rate, samples)
    print("%d clips in %s" % (len(names) - 1, out))


def read_png(path):
    """Pixels of a PNG written by common/screen/png.c (RGB8, filter 0), or None while incomplete."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError:
        return None
    if raw[:8] != b"\x89PNG\r\n\x1a\n" or not raw.endswith(b"IEND\xaeB`\x82"):
        return None
    pos, idat, w, h = 8, b"", 0, 0
    while pos + 8 <= len(raw):
        size = struct.unpack(">I", raw[pos:pos + 4])[0]
        kind = raw[pos + 4:pos + 8]
        body = raw[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            w, h = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + size
    try:
        data = zlib.decompress(idat)
    except zlib.error:
        return None
    if len(data) != (w * 3 + 1) * h:
        return None
    return w, h, data


def amber_share(png):
    w, h, data = png
    stride = w * 3 + 1
    hits = total = 0
    for y in range(0, h, 8):
        row = data[y * stride + 1:(y + 1) * stride]
        for x in range(0, w * 3, 24):
            total += 1
            if abs(row[x] - AMBER[0]) < 8 and abs(row[x + 1] - AMBER[1]) < 8 and \
                    abs(row[x + 2] - AMBER[2]) < 8:
                hits += 1
    return hits / max(total, 1)


def cmd_amber(args):
    png = read_png(args[0])
    if not png:
        die("%s is not a complete PNG" % args[0])
    print("%.3f" % amber_share(png))


def cmd_watch(args):
    png_path, timeout_ms = args[0], int(args[1])
    cmd = args[3:]
    before = os.stat(png_path).st_mtime_ns if os.path.exists(png_path) else 0
    start = time.monotonic()
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode
    returned = time.monotonic()
    if rc != 0:
        die("%s exited %d" % (" ".join(cmd), rc))
    while time.monotonic() - returned < timeout_ms / 1000.0:
        try:
            mtime = os.stat(png_path).st_mtime_ns
        except OSError:
            mtime = 0
        if mtime != before:
            png = read_png(png_path)
            if png and amber_share(png) > 0.15:
                seen = time.monotonic()
                print("%d %d" % ((seen - returned) * 1000, (seen - start) * 1000))
                return
            if png:
                before = mtime
        time.sleep(0.002)
    die("the board did not show the call within %d ms of '%s'" % (timeout_ms, " ".join(cmd)))


TH_DIGIT = "th/digit_%d"
EN_DIGIT = "en/digit_%d"


def th_number(v):
    """Thai words for 0..99 (enough for tests), as clip names."""
    if v == 0:
        return [TH_DIGIT % 0]
    out = []
    tens, ones = divmod(v, 10)
    if tens == 1:
        out.append("th/ten")
    elif tens == 2:
        out.append("th/twenty")
    elif tens > 2:
        out += [TH_DIGIT % tens, "th/ten"]
    if ones == 1 and tens > 0:
        out.append("th/et")
    elif ones:
        out.append(TH_DIGIT % ones)
    return out


def en_number(v):
    if v < 10:
        return [EN_DIGIT % v]
    if v < 20:
        return ["en/n_%d" % v]
    tens, ones = divmod(v, 10)
    return ["en/n_%d" % (tens * 10)] + ([EN_DIGIT % ones] if ones else [])


def plan(code, counter, english=True):
    letters = "".join(c for c in code if c.isalpha())
    value = int("".join(c for c in code if c.isdigit()))
    if value > 99 or counter > 99:
        die("the test planner only reads numbers up to 99")
    clips = ["th/please_number"] + ["th/letter_" + c for c in letters] + th_number(value)
    clips += ["th/at_counter"] + th_number(counter)
    if english:
        clips += ["en/please_number"] + ["en/letter_" + c for c in letters] + en_number(value)
        clips += ["en/at_counter"] + en_number(counter)
    return clips


def cmd_plan(args):
    print(" ".join(plan(args[0], int(args[1]))))


def cmd_audio(args):
    raw_path, clip_dir = args[0], args[1]
    with open(raw_path, "rb") as f:
        raw = f.read()
    rest = args[2:]
    if not rest or len(rest) % 3:
        die("audio: give RENDER.wav CODE COUNTER triples")
    pos = 0
    for i in range(0, len(rest), 3):
        render = read_wav_samples(rest[i])
        code, counter = rest[i + 1], int(rest[i + 2])
        skipped = os.environ.get("SKIP_CLIPS", "").split()
        expect = b"".join(
            read_wav_samples(os.path.join(clip_dir, c + ".wav"))
            for c in plan(code, counter) if c not in skipped
            and os.path.exists(os.path.join(clip_dir, c + ".wav")))
        chime_len = len(render) - len(expect)
        if chime_len <= 0 or render[chime_len:] != expect:
            die("%s: the announcement is not the chime then the clips %s" %
                (code, " ".join(plan(code, counter))))
        chime = struct.unpack("<%dh" % (chime_len // 2), render[:chime_len])
        if max(abs(s) for s in chime) < 10000:
            die("%s: the chime is too quiet" % code)
        at = raw.find(render, pos)
        if at < 0:
            die("%s to counter %d: the announcement (%d ms) is not in %s after byte %d" %
                (code, counter, len(render) * 500 // 22050, raw_path, pos))
        print("%s counter %d: chime %d ms + %d clips at %.2f s" %
              (code, counter, chime_len * 500 // 22050, len(plan(code, counter)),
               at / 2 / 22050))
        pos = at + len(render)


def cmd_first_sound(args):
    raw_path, start, timeout_ms = args[0], int(args[1]), int(args[2])
    begin = time.monotonic()
    seen = start
    while time.monotonic() - begin < timeout_ms / 1000.0:
        try:
            with open(raw_path, "rb") as f:
                f.seek(seen)
                chunk = f.read()
        except OSError:
            chunk = b""
        n = len(chunk) // 2
        if n:
            samples = struct.unpack("<%dh" % n, chunk[:n * 2])
            for s in samples:
                if abs(s) > 64:
                    print("%d" % (time.monotonic() * 1000))
                    return
            seen += n * 2
        time.sleep(0.001)
    die("no sound in %s within %d ms" % (raw_path, timeout_ms))


def last_announcement_ms(log_path):
    last = 0
    with open(log_path, errors="replace") as f:
        for line in f:
            if "announced" in line and "ms long" in line:
                last = int(line.rsplit("(", 1)[1].split()[0])
    return last


def first_loud(raw_path, start):
    try:
        with open(raw_path, "rb") as f:
            f.seek(start)
            chunk = f.read()
    except OSError:
        return False
    n = len(chunk) // 2
    return n > 0 and max(abs(x) for x in struct.unpack("<%dh" % n, chunk[:n * 2])) > 64


def stats(name, values):
    v = sorted(values)
    if not v:
        print("%-44s no samples" % name)
        return
    p95 = v[min(len(v) - 1, int(round(0.95 * (len(v) - 1))))]
    print("%-44s n=%-3d min %4d  median %4d  p95 %4d  max %4d ms" %
          (name, len(v), v[0], v[len(v) // 2], p95, v[-1]))


def cmd_bench(args):
    png_path, raw_path, log_path, n = args[0], args[1], args[2], int(args[3])
    cmd = args[5:]
    shown, sound, shown_start, sound_start = [], [], [], []
    for _ in range(n):
        before_png = os.stat(png_path).st_mtime_ns
        before_raw = os.path.getsize(raw_path)
        start = time.monotonic()
        if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
            die("%s failed" % " ".join(cmd))
        returned = time.monotonic()
        t_png = t_sound = None
        while time.monotonic() - returned < 3 and (t_png is None or t_sound is None):
            if t_png is None and os.stat(png_path).st_mtime_ns != before_png:
                png = read_png(png_path)
                if png and amber_share(png) > 0.15:
                    t_png = time.monotonic()
            if t_sound is None and first_loud(raw_path, before_raw):
                t_sound = time.monotonic()
            time.sleep(0.001)
        if t_png is None or t_sound is None:
            die("a call was not shown or not heard within 3 s")
        shown.append((t_png - returned) * 1000)
        sound.append((t_sound - returned) * 1000)
        shown_start.append((t_png - start) * 1000)
        sound_start.append((t_sound - start) * 1000)
        time.sleep(0.3)
        time.sleep((last_announcement_ms(log_path) + 700) / 1000.0)
    stats("screenshot shows the call, after the verb", shown)
    stats("  (from the verb's start)", shown_start)
    stats("first chime sample on disk, after the verb", sound)
    stats("  (from the verb's start)", sound_start)


COMMANDS = {
    "bench": cmd_bench,
    "clips": cmd_clips,
    "watch": cmd_watch,
    "amber": cmd_amber,
    "plan": cmd_plan,
    "audio": cmd_audio,
    "first-sound": cmd_first_sound,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        die("usage: board_check.py %s ..." % "|".join(COMMANDS))
    COMMANDS[sys.argv[1]](sys.argv[2:])
