/*
 * web_book_input.c - the booking pages' paths and form. See web_book_input.h.
 */
#include "web_book_input.h"

#include <string.h>

#include "web_input.h"

/* The value of the n digits at s, or -1 when one is not a digit. */
static int
digits(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool
web_book_day_valid(int day)
{
	static const int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = day / 10000, m = day / 100 % 100, d = day % 100;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 2000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in[m - 1])
		return false;
	return !(m == 2 && d == 29 && !leap);
}

/* A service id: 1-2 capital letters, the whole of the n bytes at s, into out. */
static bool
service_id(const char *s, size_t n, char out[4])
{
	if (n < 1 || n > 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	memcpy(out, s, n);
	out[n] = '\0';
	return true;
}

/* A day: exactly 8 digits of a real date. */
static bool
day_of(const char *s, size_t n, int *out)
{
	*out = n == 8 ? digits(s, 8) : -1;
	return web_book_day_valid(*out);
}

/* A slot's start: exactly HHMM. */
static bool
minute_of(const char *s, size_t n, int *out)
{
	int h = n == 4 ? digits(s, 2) : -1, m = n == 4 ? digits(s + 2, 2) : -1;

	*out = h * 60 + m;
	return h >= 0 && h < 24 && m >= 0 && m < 60;
}

/* The next '/'-separated part of *p (after its '/'): its start and length. */
static bool
next_part(const char **p, const char **part, size_t *len)
{
	if (**p != '/')
		return false;
	*part = *p + 1;
	*len = strcspn(*part, "/");
	*p = *part + *len;
	return true;
}

bool
web_book_path_parse(const char *rest, struct web_book_path *out)
{
	const char *p = rest, *part;
	size_t len;

	memset(out, 0, sizeof(*out));
	out->kind = WEB_BOOK_SERVICES;
	if (!*p)
		return true;
	if (!next_part(&p, &part, &len) || len == 0)
		return false;
	if (len == 3 && memcmp(part, "new", 3) == 0) {
		static const enum web_book_kind kinds[] = {WEB_BOOK_DAYS, WEB_BOOK_SLOTS,
		                                           WEB_BOOK_FORM};
		for (size_t i = 0; i < 3 && *p; i++) {
			if (!next_part(&p, &part, &len))
				return false;
			bool ok = i == 0   ? service_id(part, len, out->service)
			          : i == 1 ? day_of(part, len, &out->day)
			                   : minute_of(part, len, &out->minute);
			if (!ok)
				return false;
			out->kind = kinds[i];
		}
		return out->kind != WEB_BOOK_SERVICES && !*p;
	}
	/* A code is never longer than its own characters and the dashes it may be typed with. */
	char typed[2 * BOOKING_CODE_LEN + 1];
	if (len >= sizeof(typed))
		return false;
	memcpy(typed, part, len);
	typed[len] = '\0';
	if (!booking_code_parse(typed, out->code, sizeof(out->code)))
		return false;
	out->kind = WEB_BOOK_CODE;
	if (!*p)
		return true;
	out->kind = WEB_BOOK_CANCEL;
	return strcmp(p, "/cancel") == 0;
}

/* True when body has a field key (whatever its value). */
static bool
form_has(const char *body, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = body; p; p = strchr(p, '&'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, klen) == 0 && p[klen] == '=')
			return true;
	return false;
}

/*
 * The optional field key of body into out (n bytes, room for any value a
 * form may hold): 1 when given, 0 when absent, -1 when given but not text.
 */
static int
optional_field(const char *body, const char *key, char *out, size_t n)
{
	out[0] = '\0';
	if (web_form_get(body, key, out, n))
		return 1;
	return form_has(body, key) ? -1 : 0;
}

/*
 * The ID number typed as text into out (n bytes): its digits, spaces and
 * dashes dropped. True for none ("") or 13 digits; else out is wiped.
 */
static bool
read_cid(const char *text, char *out, size_t n)
{
	size_t len = 0;

	for (const char *c = text; *c; c++) {
		if (*c == ' ' || *c == '-')
			continue;
		if (*c < '0' || *c > '9' || len + 1 >= n)
			break;
		out[len++] = *c;
	}
	out[len] = '\0';
	if (len == 0 || (len == 13 && !text[strspn(text, "0123456789 -")]))
		return true;
	explicit_bzero(out, n);
	return false;
}

enum web_book_form_fault
web_book_form_parse(const char *body, struct web_book_form *out)
{
	char text[16], value[WEB_FORM_MAX + 1];

	memset(out, 0, sizeof(*out));
	if (!web_form_get(body, "csrf", out->csrf, sizeof(out->csrf)) ||
	    !web_form_get(body, "service", text, sizeof(text)) ||
	    !service_id(text, strlen(text), out->service) ||
	    !web_form_get(body, "day", text, sizeof(text)) ||
	    !day_of(text, strlen(text), &out->day) ||
	    !web_form_get(body, "slot", text, sizeof(text)) ||
	    !minute_of(text, strlen(text), &out->minute))
		return WEB_BOOK_FORM_BAD;
	bool id_ok = optional_field(body, "cid", value, sizeof(value)) >= 0 &&
	             read_cid(value, out->cid, sizeof(out->cid));
	explicit_bzero(value, sizeof(value)); /* the number is kept nowhere longer than needed */
	if (!id_ok)
		return WEB_BOOK_FORM_BAD_ID;
	if (optional_field(body, "note", value, sizeof(value)) < 0)
		return WEB_BOOK_FORM_BAD;
	size_t len = strlen(value);
	if (len > STORE_BOOKING_NOTE_MAX)
		return WEB_BOOK_FORM_NOTE_LONG;
	memcpy(out->note, value, len + 1);
	return WEB_BOOK_FORM_OK;
}
