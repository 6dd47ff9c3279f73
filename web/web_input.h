/*
 * web_input.h - reading what a client sent: text that must be valid UTF-8,
 * and the fields of a form body. Pure; any thread.
 */
#ifndef SADUAK_WEB_INPUT_H
#define SADUAK_WEB_INPUT_H

#include <stdbool.h>
#include <stddef.h>

/* A form body a POST may carry; anything larger is refused unread (web_http.c). */
#define WEB_FORM_MAX 4096

/* True when the n bytes at s are valid UTF-8 without NUL or control characters. */
bool web_text_valid(const char *s, size_t n);

/*
 * The value of key in an application/x-www-form-urlencoded body, decoded,
 * into out (n bytes). False when absent, too long or not valid UTF-8.
 */
bool web_form_get(const char *body, const char *key, char *out, size_t n);

#endif
