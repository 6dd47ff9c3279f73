#!/usr/bin/env python3
"""web_counter_drive.py URL DB PASSWORD COUNTER CONFIG - drive /counter over HTTP.

Called by web_counter.sh with saduak-web running. Logs in as two officers,
takes every action through the page's forms (CSRF token and sequence number
as the page gives them) and checks each one in the log (the event table and
counter_state, read with sqlite3); counter 2 is left with a ticket called
(for its LED display) and counter 3 open and silent (for the idle logout).
Exits non-zero with one line
saying what is wrong.
"""
import sqlite3
import subprocess
import sys

sys.dont_write_bytecode = True  # the source tree stays as checked out
import web_lib  # noqa: E402

URL, DB, PASSWORD, COUNTER, CONFIG = sys.argv[1:6]
fail, sql = web_lib.checks("web_counter", DB)


def events(kind, counter):
    return sql("SELECT count(*) FROM event WHERE kind = ? AND counter = ?", kind, counter)[0][0]


def page(tab):
    status, _, body = tab("/counter")
    if status != 200:
        fail("GET /counter answered %d" % status)
    return body


def form_fields(body, form_id):
    """The hidden fields of the action form form_id (csrf, seq, action)."""
    fields = web_lib.form_fields(body, "id=f-" + form_id)
    if fields is None:
        fail("the page has no form for %s" % form_id)
    return fields


def act(tab, form_id, **extra):
    """Press the button of form_id: its fields as the page gave them, then extra."""
    fields = form_fields(page(tab), form_id)
    fields.update(extra)
    status, headers, _ = tab("/counter/act", fields)
    if status != 303:
        fail("%s answered %d" % (form_id, status))
    return fields


def login(user, password, counter):
    tab = web_lib.client(URL)
    status, headers, body = tab("/counter/login",
                                {"user": user, "password": password, "counter": counter})
    return tab, status, headers, body


def state(counter):
    rows = sql("SELECT status, officer FROM counter_state WHERE counter = ?", counter)
    return rows[0] if rows else None


# The login form, Thai first.
anon = web_lib.client(URL)
status, _, body = anon("/counter")
if status != 200 or "รหัสผ่าน / Password" not in body:
    fail("the login form is missing (%d)" % status)
status, _, _ = anon("/counter/live")
if status != 403:
    fail("the live part without a session answered %d" % status)

# A wrong password is refused and logged in nobody.
_, status, _, body = login("somchai", "wrong", 2)
if status != 403 or state(2) not in (None, ("closed", None), ("closed", "")):
    fail("a wrong password answered %d, counter 2 %s" % (status, state(2)))

# The right one opens counter 2 with an HttpOnly, SameSite=Strict cookie.
som, status, headers, _ = login("somchai", PASSWORD, 2)
cookie = headers.get("Set-Cookie", "")
if status != 303 or "HttpOnly" not in cookie or "SameSite=Strict" not in cookie:
    fail("login answered %d, cookie '%s'" % (status, cookie))
if events("login", 2) != 1 or state(2)[1] != "somchai":
    fail("the login is not in the log: %s" % (state(2),))
print("logged in: counter 2 open for somchai")

# next: a call logged with the officer, shown on the page.
fields = act(som, "next")
called = sql("SELECT code, officer FROM ticket WHERE counter = 2 AND state = 'called'")
if len(called) != 1 or called[0][1] != "somchai":
    fail("next did not call a ticket for somchai: %s" % called)
code = called[0][0]
body = page(som)
if "id=current>%s<" % code not in body or "เรียก / Called" not in body:
    fail("the page does not show %s called" % code)
print("next: %s called" % code)

# The same form sent again (a held key, a double click) changes nothing.
before = events("called", 2)
status, _, _ = som("/counter/act", fields)
if status != 303 or events("called", 2) != before:
    fail("a repeated sequence number acted again (%d)" % status)
print("repeat: ignored")

act(som, "recall")
if events("recalled", 2) != 1:
    fail("recall is not in the log")
act(som, "start")
act(som, "finish")
if sql("SELECT state FROM ticket WHERE code = ?", code)[0][0] != "done":
    fail("%s is not finished" % code)
print("recall, start, finish: logged")

# Finish with no ticket: the store's refusal, on the page, nothing logged.
before = sql("SELECT count(*) FROM event")[0][0]
act(som, "finish")
body = page(som)
if "ทำไม่ได้ในขณะนี้ / Not now" not in body or "class=alert" not in body:
    fail("the refusal of finish is not on the page")
if sql("SELECT count(*) FROM event")[0][0] != before:
    fail("a refused finish wrote to the log")
print("finish with no ticket: refused")

# A POST without the CSRF token, or with another, is refused (403) and does nothing.
fields = form_fields(page(som), "next")
for bad in ({k: v for k, v in fields.items() if k != "csrf"}, dict(fields, csrf="A" * 20)):
    status, _, _ = som("/counter/act", bad)
    if status != 403:
        fail("a POST without the CSRF token answered %d" % status)
if sql("SELECT count(*) FROM event")[0][0] != before:
    fail("a POST without the CSRF token wrote to the log")
print("CSRF missing or wrong: 403")

# Break with a reason, resume.
act(som, "break", reason="lunch")
if sql("SELECT status, reason FROM counter_state WHERE counter = 2")[0] != ("break", "lunch"):
    fail("break with a reason: %s" % sql("SELECT status, reason FROM counter_state"))
act(som, "resume")
if state(2)[0] != "open":
    fail("resume did not open the counter")
print("break (lunch), resume: logged")

# Transfer: call the next ticket and send it to service B.
act(som, "next")
code = sql("SELECT code FROM ticket WHERE counter = 2 AND state = 'called'")[0][0]
act(som, "transfer", service="B")
if sql("SELECT service FROM ticket WHERE code = ?", code)[0][0] != "B" or \
        events("transferred", 2) != 1:
    fail("transfer of %s to B is not in the log" % code)
print("transfer: %s to service B" % code)

# The log locked by another program past the store's busy timeout (10 s): the
# action fails as on the console, "database unavailable", and writes nothing.
lock = sqlite3.connect(DB, isolation_level=None, timeout=10)
lock.execute("BEGIN IMMEDIATE")
try:
    before = events("called", 2)
    act(som, "next")
finally:
    lock.execute("ROLLBACK")
    lock.close()
if "ฐานข้อมูลไม่พร้อมใช้งาน / Database unavailable" not in page(som) or \
        events("called", 2) != before:
    fail("a locked log is not said on the page, or the call was written")
print("log locked: next refused, database unavailable on the page")

# A second officer on counter 2 is refused; counter 2 stays somchai's.
_, status, _, body = login("suda", PASSWORD, 2)
if status != 409 or "เจ้าหน้าที่อื่น" not in body or state(2)[1] != "somchai":
    fail("a second officer on counter 2 answered %d, counter 2 %s" % (status, state(2)))
# So is a browser login on a counter a native console or the command line opened.
_, status, _, _ = login("suda", PASSWORD, 4)
if status != 409 or state(4)[1] != "wilai":
    fail("a login on counter 4 (open for wilai) answered %d" % status)
print("second officer on an open counter: refused")

# The same officer in a second tab takes the counter over; the first page ends.
som2, status, _, _ = login("somchai", PASSWORD, 2)
if status != 303 or state(2)[1] != "somchai":
    fail("somchai's second tab on counter 2 answered %d" % status)
status, _, _ = som("/counter/live")
if status != 403:
    fail("the first tab still answers after the second took over (%d)" % status)
print("second tab of the same officer: takes over, the first ends")

# Counter 1 logged out from the command line (or a native console): its page ends.
sud, status, _, _ = login("suda", PASSWORD, 1)
if status != 303 or state(1)[1] != "suda":
    fail("suda could not open counter 1 (%d)" % status)
subprocess.run([COUNTER, "--config", CONFIG, "--counter", "1", "logout"], check=True,
               stdout=subprocess.DEVNULL)
status, _, _ = sud("/counter/live")
if status != 403:
    fail("the page of a counter logged out elsewhere still answers (%d)" % status)
status, _, body = sud("/counter")
if status != 200 or "รหัสผ่าน / Password" not in body:
    fail("the page of a counter logged out elsewhere is not the login form")
print("counter logged out from the command line: its page ends")

# A ticket called at counter 2, for its LED display.
act(som2, "next")

# Counter 3 for suda, then silence: the server's loop closes it.
suda, status, _, _ = login("suda", PASSWORD, 3)
if status != 303 or state(3)[1] != "suda":
    fail("suda could not open counter 3 (%d)" % status)
print("counter 3 open for suda; left silent")
