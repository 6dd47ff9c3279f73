/*
 * utf8.h - checking and cutting UTF-8 text (pure).
 *
 * Text typed by an officer (an officer id, a reason) goes into the
 * append-only log, where a broken byte can never be corrected: it is
 * checked first. Text cut to fit a fixed buffer (a reason of 127 bytes, a
 * ticket's document list) is cut at a character boundary, never inside a
 * Thai character's three bytes.
 *
 * Threading: pure functions; call from any thread.
 */
#ifndef SADUAK_UTF8_H
#define SADUAK_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True if s (NUL-terminated) is well-formed UTF-8: no stray continuation
 * byte, no cut sequence, no overlong form, no surrogate, nothing past
 * U+10FFFF. On false, *bad_at (may be NULL) is the offset of the first
 * byte that is wrong.
 */
bool utf8_valid(const char *s, size_t *bad_at);

/*
 * The length of the longest prefix of s (NUL-terminated, well-formed) of at
 * most max bytes that ends on a character boundary.
 */
size_t utf8_cut_len(const char *s, size_t max);

/*
 * Copy src into out (size n >= 1), cut at a character boundary so that it
 * fits with its NUL. Returns true when all of src fitted.
 */
bool utf8_copy(char *out, size_t n, const char *src);

/*
 * Append src to the string of len bytes in out (size n >= 1), cut at a
 * character boundary so that it fits with its NUL. Returns the new length.
 */
size_t utf8_append(char *out, size_t n, size_t len, const char *src);

#endif
