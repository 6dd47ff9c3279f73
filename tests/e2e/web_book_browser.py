#!/usr/bin/python3
"""web_book_browser.py URL DB SHOTS - the booking pages in a real phone-sized browser.

Called by web_book.sh with saduak-web running (Debian's python3 with
python3-selenium and chromium-driver: headless Chromium at 360x740, the
size of a common phone, through the DevTools device metrics). A citizen books through the pages alone: the
service list, service A, the day after tomorrow, its first slot; a note;
confirm; the booking's page shows the code and its QR; in English; cancel;
the page says cancelled. A slot made full meanwhile is shown but cannot be chosen, and its
form's address says so in Thai and English. Every page must fit 360 px (no
sideways scrolling). Screenshots into SHOTS: book-services.png,
book-slots.png, book-form.png, book-booking.png and book-booking-en.png (the
whole page), book-error.png.
Waits are bounded by WebDriverWait (a hang guard). Exits non-zero with one
line saying what is wrong.
"""
import datetime
import sys

from selenium.webdriver.common.by import By

sys.dont_write_bytecode = True  # the source tree stays as checked out
import web_lib  # noqa: E402

URL, DB, SHOTS = sys.argv[1:4]
fail, sql = web_lib.checks("web_book_browser", DB)


def fits(what):
    """The page is no wider than the phone: nothing cut, nothing to scroll sideways."""
    width = driver.execute_script("return document.documentElement.scrollWidth")
    if width > 360:
        fail("%s is %d px wide at 360" % (what, width))


def phone(height=740):
    """A 360 px wide phone screen (a desktop window cannot be made that narrow)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": height, "deviceScaleFactor": 1,
                            "mobile": True})


def shot(name, whole=False):
    """A screenshot; whole: the screen made as tall as the page first."""
    if whole:
        phone(max(740, driver.execute_script("return document.documentElement.scrollHeight")))
    driver.save_screenshot("%s/%s" % (SHOTS, name))
    phone()


def click(selector):
    driver.find_element(By.CSS_SELECTOR, selector).click()


def local_day(days):
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7)))
    return (now.date() + datetime.timedelta(days=days)).strftime("%Y%m%d")


driver = web_lib.chromium(360, 740, "--lang=th")
until = web_lib.waiter(driver, fail)
try:
    phone()
    day = local_day(2)
    driver.get(URL + "/book")
    until("the service list", lambda: driver.find_elements(By.CSS_SELECTOR, ".list a"))
    fits("the service list")
    shot("book-services.png")
    click('a[href="/book/new/A"]')
    until("the days of A", lambda: driver.find_elements(By.CSS_SELECTOR,
                                                        'a[href="/book/new/A/%s"]' % day))
    fits("the day list")
    click('a[href="/book/new/A/%s"]' % day)
    until("the slots of %s" % day, lambda: "/book/new/A/%s" % day in driver.current_url and
          driver.find_elements(By.CSS_SELECTOR, ".list a"))
    full = driver.find_elements(By.CSS_SELECTOR, ".list span.full")
    if len(full) != 1 or full[0].tag_name != "span" or full[0].find_elements(By.TAG_NAME, "a"):
        fail("the full slot is not shown apart, unselectable (%d shown)" % len(full))
    fits("the slot list")
    shot("book-slots.png")
    first = driver.find_elements(By.CSS_SELECTOR, ".list a")[0]
    slot_text = first.text.split()[0]
    first.click()
    until("the form", lambda: driver.find_elements(By.NAME, "note"))
    fits("the form")
    shot("book-form.png")
    driver.find_element(By.NAME, "note").send_keys("ขอรับบำนาญ")
    click("form button[type=submit]")
    until("the booking's page", lambda: driver.find_elements(By.ID, "code"))
    code = driver.find_element(By.ID, "code").text
    row = sql("SELECT state, note FROM booking WHERE code = ?", code)
    if row != [("booked", "ขอรับบำนาญ")]:
        fail("the booking %s in the log: %s" % (code, row))
    qr = driver.find_element(By.CSS_SELECTOR, "svg.qr")
    if qr.size["width"] < 150:
        fail("the QR is %d px wide: too small to scan" % qr.size["width"])
    if slot_text.split("–")[0] not in driver.page_source:
        fail("the booking's page does not show the time %s" % slot_text)
    fits("the booking's page")
    shot("book-booking.png", whole=True)
    print("browser: booked %s (%s) through the pages; its QR is %d px" %
          (code, slot_text, qr.size["width"]))

    # The language switch keeps the booking; the cancel form keeps the language.
    driver.find_element(By.LINK_TEXT, "English").click()
    until("the English page", lambda: "Booking code" in driver.page_source)
    if driver.find_element(By.ID, "code").text != code or "Check in at the ticket kiosk" \
            not in driver.page_source:
        fail("the English page of %s" % code)
    fits("the English booking page")
    shot("book-booking-en.png", whole=True)
    click("form button.cancel")
    until("the page does not say cancelled",
          lambda: driver.find_elements(By.CSS_SELECTOR, '[data-state="cancelled"]'))
    if driver.find_element(By.CSS_SELECTOR, "[data-state]").text != "Cancelled":
        fail("the cancelled page is not in English")
    if sql("SELECT state FROM booking WHERE code = ?", code) != [("cancelled",)]:
        fail("the booking is not cancelled in the log")
    print("browser: cancelled %s" % code)

    # The full slot's form, as a page kept open while others booked it.
    full_slot = sql("SELECT slot_minute FROM booking WHERE day = ? AND state = 'booked' "
                    "GROUP BY slot_minute HAVING count(*) = 3", int(day))[0][0]
    driver.get(URL + "/book/new/A/%s/%02d%02d" % (day, full_slot // 60, full_slot % 60))
    until("the full slot's message", lambda: driver.find_elements(By.ID, "msg"))
    text = driver.find_element(By.ID, "msg").text
    if "ช่วงเวลานี้เต็มแล้ว" not in text or "That slot is full" not in text:
        fail("the full slot's message: %r" % text)
    fits("the error page")
    shot("book-error.png")
    print("browser: a full slot's form says so in Thai and English")
finally:
    driver.quit()
