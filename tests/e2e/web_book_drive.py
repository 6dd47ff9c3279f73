#!/usr/bin/env python3
"""web_book_drive.py URL URL2 LIMITED DB KEYFILE WEBLOG - drive /book over HTTP.

Called by web_book.sh with three saduak-web servers on one log: URL and
URL2 with a rate limit too high to matter, LIMITED with booking_burst = 2.
Checks, each against the log (sqlite3): the pages and the form token cookie;
POSTs without the token refused (403, nothing written); a booking with a
note and a Thai ID number (the log keeps its HMAC-SHA256 under KEYFILE's
key, never the number: not in the log's files nor the server's log WEBLOG);
a wrong check digit, a day too far ahead, a day past, a slot just full and
an unknown code said in Thai and English, never a 500; the race for the last
places of one slot (many POSTs at once through both servers: exactly its
capacity succeed, the others are told it is full); cancel, and cancel again;
the rate limit (429 with Retry-After and a page in both languages).
Exits non-zero with one line saying what is wrong.
"""
import datetime
import glob
import hashlib
import hmac
import http.client
import re
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # the source tree stays as checked out
import web_lib  # noqa: E402

URL, URL2, LIMITED, DB, KEYFILE, WEBLOG = sys.argv[1:7]
fail, sql = web_lib.checks("web_book", DB)
RACERS = 24


OPENER = urllib.request.build_opener(web_lib.NoRedirect)


def request(path, form=None, token=None, base=URL):
    """(status, headers, body) of GET path, or of POST form, with the form cookie token."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    rq = urllib.request.Request(base + path, data=data)
    if token:
        rq.add_header("Cookie", "saduak_form=" + token)
    try:
        with OPENER.open(rq, timeout=60) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def request_from(source, base, path, form=None, token=None):
    """(status, headers, body) as request() has them, sent from the address source."""
    host, port = base.split("//")[1].split(":")
    con = http.client.HTTPConnection(host, int(port), timeout=60, source_address=(source, 0))
    headers = {"Cookie": "saduak_form=" + token} if token else {}
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    con.request("POST" if form is not None else "GET", path, body=data, headers=headers)
    r = con.getresponse()
    got = r.status, r.headers, r.read().decode()
    con.close()
    return got


def bookings():
    return sql("SELECT count(*) FROM booking")[0][0]


def expect(what, got, status, *words):
    if got[0] != status:
        fail("%s: status %d, not %d" % (what, got[0], status))
    for w in words:
        if w not in got[2]:
            fail("%s: the page does not say %r" % (what, w))


def links(body, prefix):
    return re.findall(r'<a href="(%s[^"?]*)"' % re.escape(prefix), body)


def cid_with_check(first12):
    s = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - s % 11) % 10)


def local_day(days):
    """YYYYMMDD in Bangkok, days from today, at the servers' clock (noon, SADUAK_CLOCK_OFFSET)."""
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7)))
    return (now.date() + datetime.timedelta(days=days)).strftime("%Y%m%d")


# The pages and the token cookie.
st, hdr, body = request("/book")
cookie = hdr.get("Set-Cookie", "")
m = re.match(r"saduak_form=([A-Za-z0-9_-]{20}); Path=/book; HttpOnly; SameSite=Strict", cookie)
if st != 200 or not m:
    fail("GET /book: %d, cookie %r" % (st, cookie))
token = m.group(1)
if links(body, "/book/new/") != ["/book/new/A", "/book/new/B"]:
    fail("the services taking bookings: %s" % links(body, "/book/new/"))
st, _, body = request("/book/new/A", token=token)
days = links(body, "/book/new/A/")
tomorrow = local_day(1)
if st != 200 or "/book/new/A/" + tomorrow not in days or len(days) != 31:
    fail("the days of A (30 ahead, today at noon included): %s" % days)
st, _, body = request("/book/new/A/" + tomorrow, token=token)
slots = links(body, "/book/new/A/%s/" % tomorrow)
if st != 200 or len(slots) != 72:
    fail("tomorrow's slots of A (20 minutes all day): %d" % len(slots))
st, _, form = request(slots[1], token=token)
if st != 200 or 'name=csrf value="%s"' % token not in form:
    fail("the form does not carry the cookie's token")
fields = dict(re.findall(r'<input type=hidden name=(\w+) value="([^"]*)"', form))
print("pages: services A and B, 31 days of A, 72 slots tomorrow, the form with its token")

# The form token: missing, or another than the cookie's: 403, nothing written.
expect("a POST without the cookie", request("/book", fields), 403)
expect("a POST with another token", request("/book", dict(fields, csrf="x" * 20), token), 403)
if bookings():
    fail("a refused POST wrote a booking")
print("POSTs without the form token: 403, nothing written")

# A wrong check digit: said in both languages, nothing written.
cid = cid_with_check("110170020345")
bad = cid[:12] + str((int(cid[12]) + 1) % 10)
expect("a wrong ID number", request("/book", dict(fields, cid=bad), token), 400,
       "เลขประจำตัวประชาชนไม่ถูกต้อง", "That is not a Thai ID number")
if bookings():
    fail("a wrong ID number wrote a booking")

# The booking, with a note and an ID number typed with spaces.
note = "ต่อบัตร <b>"
spaced = "%s %s %s %s %s" % (cid[0], cid[1:5], cid[5:10], cid[10:12], cid[12])
st, hdr, _ = request("/book", dict(fields, note=note, cid=spaced), token)
loc = hdr.get("Location", "")
if st != 303 or not re.fullmatch(r"/book/[A-HJ-NP-Z2-9]{6}", loc):
    fail("booking: %d to %r" % (st, loc))
code = loc[6:]
row = sql("SELECT service, day, slot_minute, state, id_hash, note FROM booking WHERE code = ?", code)
key = open(KEYFILE, "rb").read()
want_hash = hmac.new(key, cid.encode(), hashlib.sha256).hexdigest()
if row != [("A", int(tomorrow), int(fields["slot"][:2]) * 60 + int(fields["slot"][2:]), "booked",
             want_hash, note)]:
    fail("the booking in the log: %s" % row)
for path in glob.glob(DB + "*") + [WEBLOG]:
    if cid.encode() in open(path, "rb").read():
        fail("the ID number itself is in %s" % path)
st, _, page = request(loc, token=token)
expect("the booking's page", (st, None, page), 200, ">%s<" % code, "<svg class=qr",
       "ต่อบัตร &lt;b&gt;", "/book/%s/cancel" % code, "เช็กอินที่ตู้บัตรคิวระหว่าง")
print("booked %s: its page with the QR; the log keeps the ID's keyed hash, never the number" % code)

# Too far, past, an unknown code: both languages, never a 500.
far = local_day(31)
expect("a day too far ahead", request("/book", dict(fields, day=far), token), 409,
       "วันที่เลือกไกลเกินกว่าที่เปิดให้จอง", "That day is too far ahead to book")
expect("a day too far ahead (GET)", request("/book/new/A/" + far, token=token), 404,
       "That day is too far ahead to book")
expect("a day past", request("/book", dict(fields, day=local_day(-1)), token), 409,
       "ช่วงเวลานี้ผ่านไปแล้ว", "That time has already passed")
expect("an unknown code", request("/book/ABCDEF"), 404, "ไม่พบรหัสการจองนี้",
       "No booking has this code")
expect("a path that is not a code", request("/book/ABC"), 404)
expect("a GET of cancel", request("/book/%s/cancel" % code), 404)
print("too far, past, unknown code: the reason in Thai and English")

# The race: many POSTs at once, through both servers, for one slot of B (2 places).
st, _, body = request("/book/new/B/" + tomorrow, token=token)
race_slot = links(body, "/book/new/B/%s/" % tomorrow)[3].rsplit("/", 1)[1]
race = dict(fields, service="B", slot=race_slot)
gate = threading.Barrier(RACERS)
results = [None] * RACERS


def racer(i):
    gate.wait()
    results[i] = request("/book", race, token, base=URL if i % 2 else URL2)


threads = [threading.Thread(target=racer, args=(i,)) for i in range(RACERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
won = [r for r in results if r[0] == 303]
full = [r for r in results if r[0] == 409 and "That slot is full" in r[2] and "ช่วงเวลานี้เต็มแล้ว" in r[2]]
minute = int(race_slot[:2]) * 60 + int(race_slot[2:])
taken = sql("SELECT count(*) FROM booking WHERE service = 'B' AND day = ? AND slot_minute = ?",
            int(tomorrow), minute)[0][0]
if len(won) != 2 or len(full) != RACERS - 2 or taken != 2:
    fail("the race for 2 places: %d booked, %d told full, %d in the log, statuses %s" %
         (len(won), len(full), taken, sorted(r[0] for r in results)))
st, _, body = request("/book/new/B/%s/%s" % (tomorrow, race_slot), token=token)
expect("the full slot's form", (st, None, body), 409, "That slot is full")
print("race: %d POSTs through 2 servers for 2 places: 2 booked, %d told the slot is full" %
      (RACERS, RACERS - 2))

# Cancel, then cancel again.
st, hdr, _ = request("/book/%s/cancel" % code, {"csrf": token}, token)
if st != 303 or hdr.get("Location") != loc:
    fail("cancel: %d" % st)
if sql("SELECT state FROM booking WHERE code = ?", code) != [("cancelled",)]:
    fail("the booking is not cancelled in the log")
st, _, page = request(loc)
expect("the cancelled booking's page", (st, None, page), 200, 'data-state="cancelled"')
if "<svg" in page or "/cancel" in page:
    fail("a cancelled booking still shows its QR or a cancel button")
expect("cancel again", request("/book/%s/cancel" % code, {"csrf": token}, token), 409,
       "การจองนี้ถูกยกเลิกแล้ว", "This booking was cancelled")
print("cancelled %s; cancelling again is refused on its page" % code)

# The rate limit: a burst of 2, then 429 whatever the POST.
n = bookings()
statuses = [request("/book", fields, token, base=LIMITED)[0] for _ in range(2)]
got = request("/book", fields, token, base=LIMITED)
expect("the third POST from one address", got, 429, "กรุณารอสักครู่", "please wait")
retry = int(got[1].get("Retry-After", "0"))
if statuses != [303, 303] or not 0 < retry <= 3600 or bookings() != n + 2:
    fail("rate limit: %s then 429 with Retry-After %d, %d booked" % (statuses, retry, bookings() - n))
# (The place the cancelled booking left is still free.)
expect("a POST from another address", request_from("127.0.0.2", LIMITED, "/book", fields, token),
       303)
print("rate limit: 2 POSTs, the third 429 (Retry-After %d s); another address still books" % retry)

# Guessing codes: 20 unknown ones, then 429 for any code, a real one too; not for another address.
for i in range(20):
    expect("unknown code %d" % i, request("/book/ABCDE%s" % "23456789ABCDEFGHJKLMN"[i], base=LIMITED),
           404, "No booking has this code")
expect("a code after 20 unknown ones", request(loc, base=LIMITED), 429,
       "Too many unknown booking codes", "กรุณารอสักครู่")
expect("a cancel after 20 unknown ones", request(loc + "/cancel", {"csrf": token}, token,
                                                 base=LIMITED), 429)
expect("a code from another address", request_from("127.0.0.2", LIMITED, loc), 200, code)
print("guessing codes: 20 unknown, then 429 for any code from that address only")
