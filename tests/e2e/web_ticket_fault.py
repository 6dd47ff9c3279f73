#!/usr/bin/python3
"""web_ticket_fault.py PAGE SHOTS DIR - a citizen's ticket page while the queue log is away.

Called by log_loss.sh with saduak-web running (Debian's python3 with
python3-selenium and chromium-driver; headless Chromium at 360x740). The
page PAGE (a ticket's /t/TOKEN) is opened while the log answers: the
reconnecting mark is hidden; DIR/loaded is made. log_loss.sh then takes the
log: the page's next fetch of its live part gets 503, and the mark must show
over the last state, in Thai (screenshot SHOTS/ticket-reconnecting.png);
DIR/marked is made. Once the log is given back the mark must go by itself,
without a reload; DIR/cleared is made and the script exits 0.
Waits are bounded by web_lib's until (a hang guard, not a deadline). Exits
non-zero with one line saying what is wrong.
"""
import pathlib
import sys

sys.dont_write_bytecode = True  # the source tree stays as checked out
import web_lib  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

PAGE, SHOTS, DIR = sys.argv[1:4]
fail, _ = web_lib.checks("web_ticket_fault", None)


def mark():
    return driver.find_element(By.ID, "r")


driver = web_lib.chromium(360, 740, "--lang=th")
until = web_lib.waiter(driver, fail)
try:
    # A 360 px wide phone (a desktop window cannot be made that narrow).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True})
    driver.get(PAGE)
    until("the ticket's page did not load", lambda: driver.find_elements(By.ID, "s"))
    state = driver.find_element(By.ID, "s").text
    if mark().is_displayed():
        fail("the reconnecting mark shows while the log answers")
    pathlib.Path(DIR, "loaded").touch()
    until("the page did not show that it cannot reach the queue", lambda: mark().is_displayed())
    if "กำลังเชื่อมต่อระบบคิวใหม่" not in mark().text:
        fail("the mark does not say it in Thai: %r" % mark().text)
    if driver.find_element(By.ID, "s").text != state:
        fail("the last state was not kept under the mark")
    driver.save_screenshot("%s/ticket-reconnecting.png" % SHOTS)
    pathlib.Path(DIR, "marked").touch()
    until("the mark did not go once the log was back", lambda: not mark().is_displayed())
    pathlib.Path(DIR, "cleared").touch()
finally:
    driver.quit()
