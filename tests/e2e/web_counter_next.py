#!/usr/bin/env python3
"""web_counter_next.py URL USER PASSWORD COUNTER DONE_FILE MAX - press next from a browser.

One counter of the concurrency test worked through saduak-web's /counter
page instead of the command line: log USER in at COUNTER, then press "next"
(the page's form: CSRF token and sequence number as the page gives them)
until DONE_FILE existed before a press that found nobody waiting, at most
MAX presses. Each call is printed as saduak-counter prints it
("CODE called to counter N"), so that the test compares the codes of every
counter alike. Exits 1 with one line on stderr for anything but a call or
"nobody waiting"; standard library only.
"""
import os
import re
import sys
import time

sys.dont_write_bytecode = True  # the source tree stays as checked out
import web_lib  # noqa: E402

URL, USER, PASSWORD, COUNTER, DONE = sys.argv[1:6]
MAX = int(sys.argv[6])
request = web_lib.client(URL)


def fail(msg):
    print("counter %s (web): %s" % (COUNTER, msg), file=sys.stderr)
    sys.exit(1)


def page():
    status, _, body = request("/counter")
    if status != 200:
        fail("GET /counter answered %d" % status)
    return body


def next_fields(body):
    """The hidden fields of the page's next form (csrf, seq, action)."""
    fields = web_lib.form_fields(body, "id=f-next")
    if fields is None:
        fail("the page has no next form")
    return fields


status, _, _ = request("/counter/login", {"user": USER, "password": PASSWORD, "counter": COUNTER})
if status != 303:
    fail("login of %s answered %d" % (USER, status))
body = page()
for _ in range(MAX):
    done_before = os.path.exists(DONE)
    status, _, _ = request("/counter/act", next_fields(body))
    if status != 303:
        fail("next answered %d" % status)
    body = page()
    msg = re.search(r"<p class=(ok|alert) id=msg>([^<]*)</p>", body)
    if not msg:
        fail("next said nothing on the page")
    if msg.group(1) == "ok":
        code = re.fullmatch(r".*: ([A-Z]*[0-9]+)", msg.group(2))
        if not code:
            fail("a call without a ticket code: %s" % msg.group(2))
        print("%s called to counter %s" % (code.group(1), COUNTER), flush=True)
    elif "Nobody waiting" in msg.group(2):
        if done_before:
            sys.exit(0)
        time.sleep(0.02)
    else:
        fail("next refused: %s" % msg.group(2))
fail("still calling after %d presses" % MAX)
