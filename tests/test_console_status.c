/* Tests of the officer console's device lines (counter/console_status.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "console_status.h"
#include "counter_screen.h"

/* A fault as the kiosk logs it, with the technical detail at the end. */
#define PAPER_OUT "printer paper-out: ticket A012 not printed: /dev/usb/lp0: write: EIO"

/* The LED line says online or offline in the officer's words, no port. */
static void
test_console_led_line(void **state)
{
	char line[200];

	(void)state;
	console_led_line(true, "led2", true, line, sizeof(line));
	assert_string_equal(line, "ป้ายไฟ LED led2: ใช้งานได้");
	console_led_line(false, "led2", true, line, sizeof(line));
	assert_string_equal(line, "LED display led2: online");
	console_led_line(true, "led2", false, line, sizeof(line));
	assert_non_null(strstr(line, "ขาดการติดต่อ"));
	assert_null(strstr(line, "offline"));
	console_led_line(false, "led2", false, line, sizeof(line));
	assert_non_null(strstr(line, "offline"));
}

/* A printer fault is told in words with the ticket; the detail stays in the log. */
static void
test_console_printer_words(void **state)
{
	char words[300];

	(void)state;
	counter_printer_words(true, PAPER_OUT, words, sizeof(words));
	assert_string_equal(words, "กระดาษหมด (บัตรคิว A012 ไม่ได้พิมพ์)");
	counter_printer_words(false, PAPER_OUT, words, sizeof(words));
	assert_string_equal(words, "Printer out of paper (ticket A012 not printed)");
	assert_null(strstr(words, "/dev"));
	counter_printer_words(true, "printer paper-near-end", words, sizeof(words));
	assert_string_equal(words, "กระดาษใกล้หมด");
	counter_printer_words(false, "printer paper-near-end", words, sizeof(words));
	assert_string_equal(words, "Paper near its end");
	/* A reason of another form is shown as it is rather than lost. */
	counter_printer_words(true, "scanner jammed", words, sizeof(words));
	assert_string_equal(words, "scanner jammed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_console_led_line),
	    cmocka_unit_test(test_console_printer_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
