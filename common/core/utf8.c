/*
 * utf8.c - checking and cutting UTF-8 text. See utf8.h.
 */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

/* The length of the sequence starting at s (0 when it is not well-formed). */
static size_t
sequence_len(const unsigned char *s)
{
	uint32_t cp;
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1Fu;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0Fu;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07u;
	else
		return 0; /* a continuation byte, C0/C1 (overlong) or F5..FF */
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0u) != 0x80u)
			return 0; /* cut short (the NUL ends it here too) */
		cp = cp << 6 | (s[i] & 0x3Fu);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

bool
utf8_valid(const char *s, size_t *bad_at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t off = 0;

	while (p[off]) {
		size_t len = sequence_len(p + off);
		if (!len) {
			if (bad_at)
				*bad_at = off;
			return false;
		}
		off += len;
	}
	return true;
}

size_t
utf8_cut_len(const char *s, size_t max)
{
	size_t len = strnlen(s, max + 1);

	if (len <= max)
		return len;
	/* Step back over continuation bytes to the start of the cut character. */
	len = max;
	while (len > 0 && ((unsigned char)s[len] & 0xC0u) == 0x80u)
		len--;
	return len;
}

bool
utf8_copy(char *out, size_t n, const char *src)
{
	size_t len = utf8_cut_len(src, n - 1);

	memcpy(out, src, len);
	out[len] = '\0';
	return src[len] == '\0';
}

size_t
utf8_append(char *out, size_t n, size_t len, const char *src)
{
	utf8_copy(out + len, n - len, src);
	return len + strlen(out + len);
}
