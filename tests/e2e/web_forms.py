#!/usr/bin/env python3
"""web_forms.py URL book SERVICE YYYYMMDD HHMM | cancel CODE | counter USER PASSWORD N ACTION...
       | refused USER PASSWORD N ACTION

A citizen's and an officer's forms on saduak-web at URL, over plain HTTP,
each as a browser sends it (the pages' CSRF tokens, the form cookie, the
counter's sequence number), for a test that checks the log itself:
  book     books the slot HHMM of SERVICE on that day through /book and
           prints the booking's code;
  cancel   cancels booking CODE from its page;
  counter  logs USER in at counter N of /counter, then presses each ACTION
           (next, finish, ...) and prints "ACTION: the page's message";
  refused  as counter, one ACTION that the page must refuse (a message of
           class alert), whose message it prints.
Anything but what a browser's user would call success (a 303 to the right
page, a message of class ok; for refused, of class alert) exits 1 with one
line on stderr.
"""
import html
import re
import sys

sys.dont_write_bytecode = True  # the source tree stays as checked out
import web_lib  # noqa: E402

fail, _ = web_lib.checks("web_forms", None)
URL, WHAT = (sys.argv + ["", ""])[1:3]
ARGS = sys.argv[3:]
request = web_lib.client(URL)


def post(what, path, opening, body, **extra):
    """POST the form of body whose opening tag has opening; (status, headers)."""
    fields = web_lib.form_fields(body, opening)
    if fields is None:
        fail("%s: the page has no form %s" % (what, opening))
    fields.update(extra)
    status, headers, _ = request(path, fields)
    if status != 303:
        fail("%s answered %d" % (what, status))
    return headers


def get(path):
    status, _, body = request(path)
    if status != 200:
        fail("GET %s answered %d" % (path, status))
    return body


def book(service, day, slot):
    get("/book")  # the form cookie, as a citizen's first page gives it
    body = get("/book/new/%s/%s/%s" % (service, day, slot))
    loc = post("booking", "/book", 'action="/book"', body)["Location"] or ""
    if not re.fullmatch(r"/book/[A-Z0-9]{6}", loc):
        fail("booking went to %r, not a booking's page" % loc)
    print(loc[len("/book/"):])


def cancel(code):
    page = "/book/" + code
    loc = post("cancel", page + "/cancel", 'action="%s/cancel"' % page, get(page))["Location"]
    if loc != page:
        fail("cancel went to %r, not %s" % (loc, page))


def counter(user, password, number, *actions, want="ok"):
    status, _, _ = request("/counter/login",
                           {"user": user, "password": password, "counter": number})
    if status != 303:
        fail("login of %s at counter %s answered %d" % (user, number, status))
    for action in actions:
        post(action, "/counter/act", "id=f-" + action, get("/counter"))
        msg = re.search(r"<p class=(ok|alert) id=msg>([^<]*)</p>", get("/counter"))
        if not msg or msg.group(1) != want:
            fail("%s: %s" % (action, msg.group(2) if msg else "the page says nothing"))
        print("%s: %s" % (action, html.unescape(msg.group(2))))


def refused(user, password, number, action):
    counter(user, password, number, action, want="alert")


# Each command and how many arguments it takes (counter: at least so many).
COMMANDS = {"book": (book, 3), "cancel": (cancel, 1), "counter": (counter, 4),
            "refused": (refused, 4)}
command, n = COMMANDS.get(WHAT, (None, 0))
if command is None or len(ARGS) < n or (WHAT != "counter" and len(ARGS) != n):
    fail(__doc__.splitlines()[0])
command(*ARGS)
