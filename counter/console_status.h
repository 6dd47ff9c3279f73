/*
 * console_status.h - the officer console's device lines in the officer's
 * language (pure).
 *
 * The officer reads what a device is doing, in Thai or English as the
 * console is set (F12): the LED display online or offline (the kiosk
 * printer's latest fault in words is counter_printer_words of
 * counter_screen.h, which the browser's counter page shares). Technical details (the port, the
 * operating system's error) are for the IT person and go to the log, never
 * to these lines.
 *
 * Threading: pure functions; call from any thread.
 */
#ifndef SADUAK_CONSOLE_STATUS_H
#define SADUAK_CONSOLE_STATUS_H

#include <stdbool.h>
#include <stddef.h>

/* The LED display's line into out (size n): "LED display led2: online". */
void console_led_line(bool thai, const char *name, bool online, char *out, size_t n);

#endif
