"""web_lib.py - what the end-to-end scripts that drive saduak-web share.

checks(NAME, DB) gives a script its fail(), one line "NAME: FAIL: what"
and exit 1, and its sql() on the SQLite log. Standard library only, so the scripts
that speak plain HTTP (web_*_drive.py) use it too. client(URL) is a browser
over plain HTTP: its cookies kept, redirects not followed (a test checks
the 303 itself); form_fields() reads the hidden fields of a page's form.

chromium() starts headless Chromium through Debian's chromium-driver and
python3-selenium (imported only then); until() waits for a condition of
the page, bounded by WAIT seconds as a hang guard, never as a deadline the
steps must meet.

Importers set sys.dont_write_bytecode first: the source tree stays as it
was checked out.
"""
import http.cookiejar
import re
import sqlite3
import sys
import urllib.error
import urllib.parse
import urllib.request

WAIT = 60  # seconds: a hang guard, not a deadline the steps must meet


def checks(name, db):
    """fail(msg), which writes "NAME: FAIL: msg" and exits 1, and sql(query, *args) on db."""

    def fail(msg):
        print("%s: FAIL: %s" % (name, msg), file=sys.stderr)
        sys.exit(1)

    def sql(query, *args):
        con = sqlite3.connect(db, timeout=10)
        try:
            return con.execute(query, args).fetchall()
        finally:
            con.close()

    return fail, sql


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client(url):
    """request(path, form=None): (status, headers, body) of GET url+path, or of
    POST form, with the cookies the server set so far."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)

    def request(path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with opener.open(url + path, data=data, timeout=WAIT) as r:
                return r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    return request


def form_fields(body, opening):
    """The hidden fields of the first form whose opening tag has the text opening
    (e.g. 'id=f-next', 'action="/book"'), or None if the page has none."""
    m = re.search(r"<form[^>]*%s[^>]*>(.*?)</form>" % re.escape(opening), body, re.S)
    if not m:
        return None
    return dict(re.findall(r'type=hidden name=(\w+) value="?([^">\s]*)', m.group(1)))


def chromium(width, height, *switches):
    """Headless Chromium in a width x height window; switches: more command-line switches."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu",
                "--window-size=%d,%d" % (width, height), "--hide-scrollbars") + switches:
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def waiter(driver, fail):
    """until(what, check): wait until check() is true, or fail(what) after WAIT seconds."""
    from selenium.webdriver.support.ui import WebDriverWait

    def until(what, check):
        try:
            WebDriverWait(driver, WAIT, poll_frequency=0.1).until(lambda d: check())
        except Exception:
            fail(what)

    return until
