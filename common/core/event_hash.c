#include "event_hash.h"

#include <nettle/sha2.h>
#include <string.h>

enum { TAG_NULL = 0, TAG_INT = 1, TAG_TEXT = 2 };

struct event_field
event_field_null(void)
{
	return (struct event_field){.type = EVENT_FIELD_NULL};
}

struct event_field
event_field_int(int64_t i)
{
	return (struct event_field){.type = EVENT_FIELD_INT, .i = i};
}

struct event_field
event_field_text(const char *s)
{
	return (struct event_field){.type = EVENT_FIELD_TEXT, .s = s};
}

/*
 * Where the canonical bytes go: a buffer (event_hash_canonical) or the
 * digest (event_hash), so that one encoder serves both.
 */
struct sink {
	uint8_t *buf; /* NULL: feed sha */
	size_t cap;
	size_t len; /* every byte put, whether it fitted or not */
	struct sha256_ctx *sha;
};

/* Put n bytes into the sink. */
static void
put(struct sink *k, const void *bytes, size_t n)
{
	if (k->sha)
		sha256_update(k->sha, n, bytes);
	else if (k->len < k->cap)
		memcpy(k->buf + k->len, bytes, n < k->cap - k->len ? n : k->cap - k->len);
	k->len += n;
}

/* Put v big-endian in width bytes. */
static void
put_be(struct sink *k, uint64_t v, int width)
{
	uint8_t b[8];

	for (int i = 0; i < width; i++)
		b[i] = (uint8_t)(v >> (8 * (width - 1 - i)));
	put(k, b, (size_t)width);
}

/* Encode the n fields into k; -1 when a text is longer than 4 GiB. */
static int
encode(struct sink *k, const struct event_field *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct event_field *f = &fields[i];
		uint8_t tag = f->type == EVENT_FIELD_INT    ? TAG_INT
		              : f->type == EVENT_FIELD_TEXT ? TAG_TEXT
		                                            : TAG_NULL;
		put(k, &tag, 1);
		if (tag == TAG_INT) {
			put_be(k, (uint64_t)f->i, 8);
		} else if (tag == TAG_TEXT) {
			size_t tl = strlen(f->s);
			if (tl > UINT32_MAX)
				return -1;
			put_be(k, tl, 4);
			put(k, f->s, tl);
		}
	}
	return 0;
}

size_t
event_hash_canonical(const struct event_field *fields, size_t n, uint8_t *buf, size_t cap)
{
	struct sink k = {.buf = buf, .cap = cap};

	return encode(&k, fields, n) == 0 ? k.len : 0;
}

int
event_hash(const uint8_t prev[EVENT_HASH_SIZE], const struct event_field *fields, size_t n,
           uint8_t out[EVENT_HASH_SIZE])
{
	static const uint8_t zeros[EVENT_HASH_SIZE];
	struct sha256_ctx sha;
	struct sink k = {.sha = &sha};

	sha256_init(&sha);
	/* prev is read before out is written: they may be the same bytes. */
	sha256_update(&sha, EVENT_HASH_SIZE, prev ? prev : zeros);
	if (encode(&k, fields, n) != 0) {
		memset(out, 0, EVENT_HASH_SIZE);
		return -1;
	}
	sha256_digest(&sha, EVENT_HASH_SIZE, out);
	return 0;
}

void
event_hash_to_hex(const uint8_t hash[EVENT_HASH_SIZE], char hex[EVENT_HASH_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < EVENT_HASH_SIZE; i++) {
		hex[2 * i] = digits[hash[i] >> 4];
		hex[2 * i + 1] = digits[hash[i] & 0xf];
	}
	hex[2 * EVENT_HASH_SIZE] = '\0';
}

/* The value of one hex digit, or -1. */
static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
event_hash_from_hex(const char *hex, uint8_t hash[EVENT_HASH_SIZE])
{
	for (int i = 0; i < EVENT_HASH_SIZE; i++) {
		int hi = hex_digit(hex[2 * i]);
		int lo = hi < 0 ? -1 : hex_digit(hex[2 * i + 1]);
		if (lo < 0) {
			memset(hash, 0, EVENT_HASH_SIZE);
			return -1;
		}
		hash[i] = (uint8_t)(hi << 4 | lo);
	}
	if (hex[2 * EVENT_HASH_SIZE] != '\0') {
		memset(hash, 0, EVENT_HASH_SIZE);
		return -1;
	}
	return 0;
}
