/*
 * checkin_keys.c - the typed booking code (checkin_keys.h).
 */
#include "checkin_keys.h"

#include <string.h>

#include "booking.h"

void
checkin_keys_clear(struct checkin_keys *c)
{
	memset(c, 0, sizeof(*c));
}

enum checkin_key
checkin_keys_feed(struct checkin_keys *c, int ch, bool command)
{
	if (command) {
		checkin_keys_clear(c);
		return CHECKIN_KEY_CHANGED;
	}
	if (ch == '\r' || ch == '\n')
		return CHECKIN_KEY_ENTER;
	if (ch == '\b') {
		if (c->too_long)
			checkin_keys_clear(c);
		else if (c->len > 0)
			c->typed[--c->len] = '\0';
		return CHECKIN_KEY_CHANGED;
	}
	/* Printable ASCII only: key codes above it are keys that type nothing. */
	if (ch < ' ' || ch > '~')
		return CHECKIN_KEY_IGNORED;
	if (ch >= 'a' && ch <= 'z')
		ch = ch - 'a' + 'A';
	if (c->len == CHECKIN_TYPED_MAX) {
		c->too_long = true;
		return CHECKIN_KEY_CHANGED;
	}
	c->typed[c->len++] = (char)ch;
	c->typed[c->len] = '\0';
	return CHECKIN_KEY_CHANGED;
}

bool
checkin_keys_code(const struct checkin_keys *c, char *out, size_t n)
{
	if (c->too_long) {
		if (n > 0)
			out[0] = '\0';
		return false;
	}
	return booking_code_parse(c->typed, out, n);
}

size_t
checkin_keys_code_len(const struct checkin_keys *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->len; i++)
		n += c->typed[i] != ' ' && c->typed[i] != '-';
	return n;
}
