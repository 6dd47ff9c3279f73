/*
 * web_buf.h - a growing byte buffer for HTTP bodies, with the escaping
 * HTML and JSON need.
 *
 * A failed allocation marks the buffer failed and later appends do
 * nothing, so a page is built without checking every call and checked once
 * at the end (web_buf_ok). The caller owns the buffer: web_buf_release().
 * One thread.
 */
#ifndef SADUAK_WEB_BUF_H
#define SADUAK_WEB_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct web_buf {
	char *data; /* NUL-terminated while ok; malloc'd */
	size_t len;
	size_t cap;
	bool failed; /* an allocation failed: the contents are incomplete */
};

/* Append n bytes of s. */
void web_buf_add(struct web_buf *b, const char *s, size_t n);

/* Append the string s. */
void web_buf_str(struct web_buf *b, const char *s);

/* Append printf output. */
void web_buf_printf(struct web_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append s with & < > " ' escaped, for HTML text and attribute values. */
void web_buf_html(struct web_buf *b, const char *s);

/* Append s as a JSON string, quotes included (control characters as \uXXXX). */
void web_buf_json(struct web_buf *b, const char *s);

/* True while no allocation failed. */
bool web_buf_ok(const struct web_buf *b);

/* Give up the data to the caller (free() it); b is left empty. NULL if failed. */
char *web_buf_take(struct web_buf *b, size_t *len);

/* Free the data and leave b empty. */
void web_buf_release(struct web_buf *b);

#endif
