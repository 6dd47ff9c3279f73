#!/usr/bin/python3
"""web_counter_browser.py URL DB PASSWORD SHOT - the counter page in a real browser.

Called by web_counter.sh with saduak-web running (Debian's python3 with
python3-selenium and chromium-driver: headless Chromium at 1366x768).
prasert logs in at counter 1 through the form and works it with the keys
alone: Enter calls; a held key (keydown with repeat) sends nothing, so the
R pressed after it still recalls; B moves to the break reasons, Down and
Enter send the second one; G resumes; F with no ticket shows the refusal;
L logs out. Each step is checked in the log. SHOT gets a screenshot of the
page with a ticket called. Waits are bounded by WebDriverWait (a hang
guard). Exits non-zero with one line saying what is wrong.
"""
import sys

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.dont_write_bytecode = True  # the source tree stays as checked out
import web_lib  # noqa: E402

URL, DB, PASSWORD, SHOT = sys.argv[1:5]
WAIT = web_lib.WAIT
fail, sql = web_lib.checks("web_counter_browser", DB)


def events(kind):
    return sql("SELECT count(*) FROM event WHERE kind = ? AND counter = 1", kind)[0][0]


def stale(element):
    try:
        element.tag_name
        return False
    except StaleElementReferenceException:
        return True


def press(key, to=None, reload=True):
    """A real key press (on the body, or on element to); waits for the next page.

    The page must have run its script (its key handler) first. On a loaded
    machine a key can still land while the page is being replaced; it is
    sent again, at most 3 times in all: the page's sequence number makes
    the server act on one of them only, so a repeat can never act twice.
    """
    until("the page never finished loading",
          lambda: driver.execute_script("return document.readyState") == "complete")
    old = driver.find_element(By.TAG_NAME, "html")
    for _ in range(3 if reload else 1):
        (to or driver.find_element(By.TAG_NAME, "body")).send_keys(*key)
        if not reload:
            return
        try:
            WebDriverWait(driver, WAIT / 3, poll_frequency=0.1).until(lambda d: stale(old))
            return
        except Exception:
            pass
    fail("no new page after the key %r" % (key,))


driver = web_lib.chromium(1366, 768)
until = web_lib.waiter(driver, fail)
try:
    driver.get(URL + "/counter")
    driver.find_element(By.NAME, "user").send_keys("prasert")
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    Select(driver.find_element(By.NAME, "counter")).select_by_value("1")
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    until("the counter page did not open", lambda: driver.find_elements(By.ID, "f-next"))
    cookie = driver.get_cookie("saduak_session")
    if not cookie or not cookie.get("httpOnly") or cookie.get("sameSite") != "Strict":
        fail("the session cookie is %s" % cookie)
    print("browser: logged in at counter 1")

    press((Keys.ENTER,))
    until("Enter did not call", lambda: events("called") == 1)
    code = sql("SELECT code FROM ticket WHERE counter = 1 AND state = 'called'")[0][0]
    until("the page does not show %s" % code,
          lambda: driver.find_element(By.ID, "current").text == code)
    driver.save_screenshot(SHOT)
    print("browser: Enter called %s" % code)

    # A held key repeats keydown with .repeat set: nothing is sent, so R still recalls.
    driver.execute_script(
        "for (var i = 0; i < 5; i++) document.body.dispatchEvent(new KeyboardEvent('keydown',"
        "{code: 'Enter', key: 'Enter', repeat: true, bubbles: true}));")
    press(("r",))
    until("R did not recall", lambda: events("recalled") == 1)
    if events("called") != 1:
        fail("a held Enter called again")
    print("browser: a held key sent nothing; R recalled")

    press(("f",))
    until("F did not finish", lambda: events("finished") == 1)
    press(("f",))
    until("finish with no ticket shows no refusal",
          lambda: "Not now" in driver.find_element(By.ID, "msg").text)
    print("browser: F finished, F again refused on the page")

    press(("b",), reload=False)
    until("B did not move to the break reasons",
          lambda: driver.switch_to.active_element.get_attribute("name") == "reason")
    press((Keys.DOWN, Keys.ENTER), to=driver.switch_to.active_element)
    until("the break with its reason is not in the log",
          lambda: sql("SELECT status, reason FROM counter_state WHERE counter = 1")
          == [("break", "short break")])
    press(("g",))
    until("G did not resume",
          lambda: sql("SELECT status FROM counter_state WHERE counter = 1") == [("open",)])
    print("browser: B break (short break), G resume")

    press(("l",))
    until("L did not log out",
          lambda: sql("SELECT status FROM counter_state WHERE counter = 1") == [("closed",)])
    until("logging out does not go back to the login form",
          lambda: driver.find_elements(By.NAME, "password"))
    print("browser: L logged out")
finally:
    driver.quit()
