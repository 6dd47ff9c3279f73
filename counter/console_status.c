/*
 * console_status.c - the officer console's device lines in the officer's
 * language. See console_status.h.
 */
#include "console_status.h"

#include <stdio.h>
#include <string.h>

#include "printer.h"

#define NEAR_END "paper-near-end" /* the kiosk's log name of a low paper roll */

void
console_led_line(bool thai, const char *name, bool online, char *out, size_t n)
{
	if (thai)
		snprintf(out, n, "ป้ายไฟ LED %s: %s", name,
		         online ? "ใช้งานได้" : "ขาดการติดต่อ ระบบจะลองใหม่อัตโนมัติ");
	else
		snprintf(out, n, "LED display %s: %s", name,
		         online ? "online" : "offline, retrying");
}

void
console_printer_words(bool thai, const char *reason, char *out, size_t n)
{
	const char *name = reason + strlen("printer ");
	const char *ticket = strstr(reason, ": ticket ");
	size_t len = strcspn(name, ":");
	enum printer_fault f;
	char code[16];

	if (strncmp(reason, "printer ", 8) != 0) {
		snprintf(out, n, "%s", reason);
	} else if (len == strlen(NEAR_END) && strncmp(name, NEAR_END, len) == 0) {
		snprintf(out, n, "%s", thai ? "กระดาษใกล้หมด" : "Paper near its end");
	} else if (!printer_fault_by_name(name, len, &f)) {
		snprintf(out, n, "%s", reason);
	} else if (ticket && sscanf(ticket, ": ticket %15s", code) == 1) {
		if (thai)
			snprintf(out, n, "%s (บัตรคิว %s ไม่ได้พิมพ์)", printer_fault_th(f), code);
		else
			snprintf(out, n, "%s (ticket %s not printed)", printer_fault_en(f), code);
	} else {
		snprintf(out, n, "%s", thai ? printer_fault_th(f) : printer_fault_en(f));
	}
}
