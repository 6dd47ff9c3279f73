#include "web_input.h"

#include <string.h>

bool
web_text_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned c = *p++;
		size_t more = c < 0x80             ? 0
		              : (c & 0xe0) == 0xc0 ? 1
		              : (c & 0xf0) == 0xe0 ? 2
		              : (c & 0xf8) == 0xf0 ? 3
		                                   : 4;
		if (c < 0x20 || c == 0x7f || more == 4 || (size_t)(end - p) < more)
			return false;
		unsigned cp = more ? c & (0x3f >> more) : c;
		for (size_t i = 0; i < more; i++, p++) {
			if ((*p & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (*p & 0x3f);
		}
		/* Overlong forms, surrogates and code points past U+10FFFF are not UTF-8. */
		static const unsigned min_cp[] = {0, 0x80, 0x800, 0x10000};
		if (cp < min_cp[more] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
	}
	return true;
}

/* The value of hex digit c, or -1. */
static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
web_form_get(const char *body, const char *key, char *out, size_t n)
{
	size_t klen = strlen(key);

	for (const char *p = body; p && *p; p = strchr(p, '&'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, klen) != 0 || p[klen] != '=')
			continue;
		size_t len = 0;
		for (const char *v = p + klen + 1; *v && *v != '&'; v++) {
			char ch = *v == '+' ? ' ' : *v;
			if (*v == '%') {
				int hi = hex_value(v[1]), lo = hi < 0 ? -1 : hex_value(v[2]);
				if (hi < 0 || lo < 0)
					return false;
				ch = (char)(hi << 4 | lo);
				v += 2;
			}
			if (len + 1 >= n)
				return false;
			out[len++] = ch;
		}
		out[len] = '\0';
		return web_text_valid(out, len);
	}
	return false;
}
