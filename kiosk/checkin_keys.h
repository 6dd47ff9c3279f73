/*
 * checkin_keys.h - the booking code as it is typed at the entrance kiosk:
 * on its touch keypad, on a keyboard, or by a USB barcode scanner, which is
 * a keyboard that types the code of the booking's QR and then Enter.
 *
 * Keys arrive as the kiosk's key codes reduced to characters ('a'..'z',
 * '0'..'9' as typed, '\b' for Backspace, '\r' for Enter, anything else as
 * it is). Letters fold to capitals; a line longer than CHECKIN_TYPED_MAX
 * is marked too long, so that no tail of it can pass for a code. A key
 * pressed with Ctrl, Alt or Super is a command (the supervisor's exit
 * chord, a scanner's control code), never text: it clears the line.
 *
 * Pure: no I/O; the caller owns the struct. Any thread.
 */
#ifndef SADUAK_CHECKIN_KEYS_H
#define SADUAK_CHECKIN_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#define CHECKIN_TYPED_MAX 32 /* characters kept of one line */

/* One line typed since the last Enter. */
struct checkin_keys {
	char typed[CHECKIN_TYPED_MAX + 1];
	size_t len;
	bool too_long; /* more was typed than kept: the line is no code */
};

/* What a key did to the line. */
enum checkin_key {
	CHECKIN_KEY_IGNORED, /* a key that types nothing (Shift alone, F1, ...) */
	CHECKIN_KEY_CHANGED, /* the line changed */
	CHECKIN_KEY_ENTER,   /* Enter: the caller reads the line, then clears it */
};

/* Start an empty line. */
void checkin_keys_clear(struct checkin_keys *c);

/* Feed one key: ch as described above; command when Ctrl, Alt or Super was held. */
enum checkin_key checkin_keys_feed(struct checkin_keys *c, int ch, bool command);

/*
 * The booking code the line holds (booking_code_parse: spaces and dashes
 * ignored), into out (size n, at least BOOKING_CODE_LEN + 1): false when
 * it is none.
 */
bool checkin_keys_code(const struct checkin_keys *c, char *out, size_t n);

/* Characters of the code typed so far (spaces and dashes not counted). */
size_t checkin_keys_code_len(const struct checkin_keys *c);

#endif
