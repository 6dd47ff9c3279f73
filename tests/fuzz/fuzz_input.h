/*
 * fuzz_input.h - take typed values off the front of a libFuzzer input, so
 * that every target turns its bytes into structured cases the same way.
 * Past the end every value is 0 (or empty): a short input is a small case.
 */
#ifndef SADUAK_FUZZ_INPUT_H
#define SADUAK_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct fuzz_input {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t
fuzz_byte(struct fuzz_input *in)
{
	uint8_t b = 0;

	if (in->n > 0) {
		b = in->p[0];
		in->p++;
		in->n--;
	}
	return b;
}

/* A number from lo to hi (hi - lo < 65536). */
static inline int
fuzz_int(struct fuzz_input *in, int lo, int hi)
{
	unsigned v = (unsigned)fuzz_byte(in) << 8 | fuzz_byte(in);

	return lo + (int)(v % (unsigned)(hi - lo + 1));
}

/* Up to max bytes (a length byte, then the bytes) into out, NUL-terminated
 * (out holds max + 1). Returns the length. */
static inline size_t
fuzz_bytes(struct fuzz_input *in, char *out, size_t max)
{
	size_t len = fuzz_byte(in) % (max + 1);

	if (len > in->n)
		len = in->n;
	memcpy(out, in->p, len);
	out[len] = '\0';
	in->p += len;
	in->n -= len;
	return len;
}

#endif
