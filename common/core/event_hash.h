/*
 * event_hash.h - the tamper-evident chain of the event log (pure).
 *
 * Every event row carries hash = SHA-256(prev || canonical bytes of the
 * row), prev being the previous event's hash (32 zero bytes before the
 * first event). Editing or removing a row changes the hash of every row
 * after it, so a check that recomputes the chain names the first row that
 * does not match.
 *
 * The canonical bytes are the row's columns in a fixed order, each written
 * unambiguously: NULL as the byte 0x00; an integer as 0x01 and 8 bytes,
 * big-endian two's complement; text as 0x02, its length in 4 bytes
 * big-endian and its bytes. So NULL differs from "" and from 0, and no
 * choice of texts makes two rows encode alike.
 *
 * Threading: pure functions; call from any thread.
 */
#ifndef SADUAK_EVENT_HASH_H
#define SADUAK_EVENT_HASH_H

#include <stddef.h>
#include <stdint.h>

#define EVENT_HASH_SIZE     32                        /* SHA-256 */
#define EVENT_HASH_HEX_SIZE (2 * EVENT_HASH_SIZE + 1) /* lowercase hex and NUL */

/* One column's value. */
struct event_field {
	enum { EVENT_FIELD_NULL, EVENT_FIELD_INT, EVENT_FIELD_TEXT } type;
	int64_t i;     /* EVENT_FIELD_INT */
	const char *s; /* EVENT_FIELD_TEXT: NUL-terminated */
};

/* Constructors, so that a row reads as a list of its columns. */
struct event_field event_field_null(void);
struct event_field event_field_int(int64_t i);
struct event_field event_field_text(const char *s);

/*
 * Write the canonical bytes of the n fields into buf (at most cap bytes).
 * Returns the number of bytes the whole encoding takes, whether or not it
 * fitted (as snprintf does), or 0 when a text is longer than 4 GiB.
 */
size_t event_hash_canonical(const struct event_field *fields, size_t n, uint8_t *buf, size_t cap);

/*
 * out = SHA-256(prev || canonical bytes of fields), computed by nettle;
 * prev NULL means 32 zero bytes (the first event); out may be prev.
 * Returns 0, or -1 when a text is too long to encode (out is then zeroed).
 */
int event_hash(const uint8_t prev[EVENT_HASH_SIZE], const struct event_field *fields, size_t n,
               uint8_t out[EVENT_HASH_SIZE]);

/* hash as 64 lowercase hex digits and a NUL. */
void event_hash_to_hex(const uint8_t hash[EVENT_HASH_SIZE], char hex[EVENT_HASH_HEX_SIZE]);

/*
 * Read 64 hex digits (either case, nothing else) into hash. Returns 0, or
 * -1 when hex is anything else (hash is then zeroed).
 */
int event_hash_from_hex(const char *hex, uint8_t hash[EVENT_HASH_SIZE]);

#endif
