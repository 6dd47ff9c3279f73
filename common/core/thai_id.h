/*
 * thai_id.h - the Thai citizen ID number (เลขประจำตัวประชาชน): 13 digits, the
 * last a check digit, and the keyed hash under which it is kept.
 *
 * The number itself is never stored or logged: a booking, the log and the
 * kiosk keep only thai_id_hash(), HMAC-SHA256 under the office's secret key
 * (config_secret.h loads it), so two readings of one card match while the
 * log cannot be turned back into numbers without the key.
 *
 * Check digit: with d1..d12 the first twelve digits,
 *   d13 = (11 - (13*d1 + 12*d2 + ... + 2*d12) mod 11) mod 10.
 *
 * Pure: no I/O, no state; call from any thread.
 */
#ifndef SADUAK_THAI_ID_H
#define SADUAK_THAI_ID_H

#include <stddef.h>
#include <stdint.h>

#include "hmac_sha256.h"

#define THAI_ID_DIGITS 13
/* The 13 digits and a NUL. */
#define THAI_ID_SIZE (THAI_ID_DIGITS + 1)
/* thai_id_hash's 64 hex digits and a NUL. */
#define THAI_ID_HASH_SIZE HMAC_SHA256_HEX_SIZE

/* Why a text is not a citizen ID; THAI_ID_OK (0) when it is one. */
enum thai_id_fault {
	THAI_ID_OK = 0,
	THAI_ID_BAD_LENGTH = -1, /* not 13 characters */
	THAI_ID_NOT_DIGIT = -2,  /* a character other than 0-9 */
	THAI_ID_BAD_CHECK = -3,  /* 13 digits, but the last is not their check digit */
};

/*
 * Check the len bytes at text (not NUL-terminated: a card's answer) as a
 * citizen ID: exactly 13 ASCII digits whose last is their check digit. On
 * THAI_ID_OK, out (may be NULL) holds the digits and a NUL; otherwise out
 * is left empty.
 */
enum thai_id_fault thai_id_parse(const void *text, size_t len, char out[THAI_ID_SIZE]);

/* The check digit (0..9) of the first twelve digits at d (ASCII '0'..'9'). */
int thai_id_check_digit(const char d[THAI_ID_DIGITS - 1]);

/* A short English line for a fault: "the check digit does not match". Static. */
const char *thai_id_fault_text(enum thai_id_fault fault);

/*
 * The keyed hash of a citizen ID: HMAC-SHA256(key, the 13 digits) as 64
 * lowercase hex digits in out. cid must pass thai_id_parse(); otherwise
 * out is left empty and the fault is returned, so a bad number never gets
 * a hash that could match.
 */
enum thai_id_fault thai_id_hash(const uint8_t *key, size_t keylen, const char *cid,
                                char out[THAI_ID_HASH_SIZE]);

#endif
