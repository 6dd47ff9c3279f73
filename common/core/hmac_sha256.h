/*
 * hmac_sha256.h - HMAC-SHA256 (RFC 2104, FIPS 180-4) as lowercase hex, the
 * keyed hash under which a citizen's ID number is kept (thai_id.h) and
 * anything else that must be matched later without being stored.
 *
 * Computed by nettle (Debian nettle-dev), which libmicrohttpd's GnuTLS
 * already loads. Pure: no I/O, no state; call from any thread.
 */
#ifndef SADUAK_HMAC_SHA256_H
#define SADUAK_HMAC_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* 32 bytes of digest as 64 hex digits and a NUL. */
#define HMAC_SHA256_HEX_SIZE 65

/*
 * Write HMAC-SHA256(key, msg) into out as 64 lowercase hex digits and a NUL.
 * key may be NULL when keylen is 0, msg when len is 0. Cannot fail.
 */
void hmac_sha256_hex(const uint8_t *key, size_t keylen, const void *msg, size_t len,
                     char out[HMAC_SHA256_HEX_SIZE]);

#endif
