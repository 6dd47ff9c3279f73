#include "web_buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Make room for n more bytes and the NUL. */
static bool
reserve(struct web_buf *b, size_t n)
{
	if (b->failed)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 1024;
	while (cap < b->len + n + 1)
		cap *= 2;
	char *grown = realloc(b->data, cap);
	if (!grown) {
		b->failed = true;
		return false;
	}
	b->data = grown;
	b->cap = cap;
	return true;
}

void
web_buf_add(struct web_buf *b, const char *s, size_t n)
{
	if (!reserve(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
web_buf_str(struct web_buf *b, const char *s)
{
	web_buf_add(b, s, strlen(s));
}

void
web_buf_printf(struct web_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
web_buf_html(struct web_buf *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		const char *esc = NULL;
		switch (*p) {
		case '&':
			esc = "&amp;";
			break;
		case '<':
			esc = "&lt;";
			break;
		case '>':
			esc = "&gt;";
			break;
		case '"':
			esc = "&quot;";
			break;
		case '\'':
			esc = "&#39;";
			break;
		}
		if (esc)
			web_buf_str(b, esc);
		else
			web_buf_add(b, p, 1);
	}
}

void
web_buf_json(struct web_buf *b, const char *s)
{
	web_buf_add(b, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			web_buf_add(b, "\\", 1);
			web_buf_add(b, (const char *)p, 1);
		} else if (*p < 0x20 || *p == '<') {
			/* '<' too, so that JSON inside a page can never close its <script>. */
			web_buf_printf(b, "\\u%04x", *p);
		} else {
			web_buf_add(b, (const char *)p, 1);
		}
	}
	web_buf_add(b, "\"", 1);
}

bool
web_buf_ok(const struct web_buf *b)
{
	return !b->failed;
}

char *
web_buf_take(struct web_buf *b, size_t *len)
{
	char *data = b->failed ? NULL : b->data;

	if (b->failed)
		free(b->data);
	else if (!data)
		data = calloc(1, 1);
	*len = data ? b->len : 0;
	memset(b, 0, sizeof(*b));
	return data;
}

void
web_buf_release(struct web_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}
