/*
 * console_status.c - the officer console's device lines in the officer's
 * language. See console_status.h.
 */
#include "console_status.h"

#include <stdio.h>
#include <string.h>

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
