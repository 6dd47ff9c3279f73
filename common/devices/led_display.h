/*
 * led_display.h - the counter LED displays, kept showing the right thing.
 *
 * A struct led_bus holds every display a process drives and one port (one
 * serial transport) per device path: displays that share an RS-485 bus share
 * the port, and their frames go out one after another, never interleaved,
 * with the protocol's silent gap between them (frame_gap_ms, ~4 ms for
 * Modbus, counted from when the previous frame has left the wire).
 *
 * The officer's keys never wait on a display: a frame is written with a
 * short timeout (write_timeout_ms); when a write fails or times out the port
 * goes offline, the display remembers what it should show, and
 * led_display_poll() - called from the program's loop, a few times a second -
 * reopens the port every retry_seconds and, when it is back, sends each
 * display its current content. A missing device at start is not an error:
 * the display starts offline and catches up when it appears. If the next
 * frame on a bus is due more than a few milliseconds later, it is left for
 * led_display_poll() instead of sleeping.
 *
 * Processes: the console and a command-line verb may drive the same port at
 * once. Each frame is written under flock() on a second descriptor of the
 * device (waiting at most write_timeout_ms), held on a gapped bus until the
 * frame has left the wire and the gap has passed, so frames of two
 * processes never interleave either.
 *
 * Ownership: led_bus_open() returns a bus the caller frees with
 * led_bus_close(), which closes every port and frees every display; a struct
 * led_display belongs to its bus. The display_config passed in is copied.
 * Threading: one thread (the program's loop) per bus.
 */
#ifndef SADUAK_LED_DISPLAY_H
#define SADUAK_LED_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "display_proto.h"
#include "error.h"

struct led_bus;
struct led_display;

enum led_state {
	LED_STATE_OFFLINE,
	LED_STATE_ONLINE,
};

/* A new empty bus in *out (NULL on failure). SQ_OK or SQ_ERR_NOMEM. */
int led_bus_open(struct led_bus **out, struct sq_error *err);

/* Close every port, free every display and the bus. NULL is a no-op. */
void led_bus_close(struct led_bus *bus);

/*
 * Add the display cfg to bus and try to open its port now (now_ms: the same
 * monotonic milliseconds later given to led_display_poll()). An unopenable
 * port still gives SQ_OK and an offline display. Returns SQ_ERR_INVALID if
 * cfg clashes with a display already on the same port (other line settings,
 * same protocol and address), SQ_ERR_NOMEM; *out is then NULL.
 */
int led_display_add(struct led_bus *bus, const struct display_config *cfg, int64_t now_ms,
                    struct led_display **out, struct sq_error *err);

/*
 * Show ticket code ("A012"), with counter (0 = none) where show_counter is
 * set and it fits. A code wider than the display is never cut (DX001 on
 * four characters would read DX00): the display is blanked instead and a
 * warning logged. Returns SQ_OK if the frame went out (or is queued behind
 * the bus gap), SQ_ERR_IO / SQ_ERR_TIMEOUT if the display is offline (it will
 * get the ticket when it is back), SQ_ERR_INVALID if the display cannot show
 * it. Never blocks longer than the write timeout.
 */
int led_display_show_ticket(struct led_display *d, const char *code, int counter);

/* Show the current ticket again as a recall (flashing or marked). SQ_ERR_STATE if
 * no ticket is shown; otherwise as led_display_show_ticket(). */
int led_display_recall(struct led_display *d);

/*
 * Show ticket code as a recall at once, for a process that did not show it
 * first (a command-line verb). As led_display_show_ticket().
 */
int led_display_show_recall(struct led_display *d, const char *code, int counter);

/* Show the configured break text. As led_display_show_ticket(). */
int led_display_show_break(struct led_display *d);

/* Show free UTF-8 text (cut to the width). As led_display_show_ticket(). */
int led_display_show_text(struct led_display *d, const char *text);

/* Show an integer. As led_display_show_ticket(). */
int led_display_show_number(struct led_display *d, long number);

/* Blank the display. As led_display_show_ticket(). */
int led_display_clear(struct led_display *d);

/*
 * The loop's hook: reopen offline ports whose retry time has come, and send
 * frames that waited for the bus gap or for the display to come back.
 * Returns how many ports came back online in this call.
 */
int led_display_poll(struct led_bus *bus, int64_t now_ms);

/* Online or offline. */
enum led_state led_display_state(const struct led_display *d);

/* Why it is offline ("unable to open '/dev/ttyUSB0': ..."); "" when online. Owned by d. */
const char *led_display_reason(const struct led_display *d);

/* What the display shows, or should show once back online. Owned by d. */
const struct display_content *led_display_current(const struct led_display *d);

/* The display's configuration (its copy). */
const struct display_config *led_display_config(const struct led_display *d);

/*
 * The port's side of the console's status line into out (size n): online,
 * "/dev/ttyUSB0 9600 8N1 (serialport)"; offline, why (as
 * led_display_reason). The words "online" / "offline" and the display's
 * name are the caller's, in its language.
 */
void led_display_status(const struct led_display *d, char *out, size_t n);

#endif
