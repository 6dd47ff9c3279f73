#include "thai_id.h"

#include <string.h>

int
thai_id_check_digit(const char d[THAI_ID_DIGITS - 1])
{
	int sum = 0;

	for (int i = 0; i < THAI_ID_DIGITS - 1; i++)
		sum += (d[i] - '0') * (THAI_ID_DIGITS - i);
	return (11 - sum % 11) % 10;
}

enum thai_id_fault
thai_id_parse(const void *text, size_t len, char out[THAI_ID_SIZE])
{
	const char *s = text;

	if (out)
		out[0] = '\0';
	if (len != THAI_ID_DIGITS)
		return THAI_ID_BAD_LENGTH;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return THAI_ID_NOT_DIGIT;
	if (s[THAI_ID_DIGITS - 1] - '0' != thai_id_check_digit(s))
		return THAI_ID_BAD_CHECK;
	if (out) {
		memcpy(out, s, THAI_ID_DIGITS);
		out[THAI_ID_DIGITS] = '\0';
	}
	return THAI_ID_OK;
}

const char *
thai_id_fault_text(enum thai_id_fault fault)
{
	switch (fault) {
	case THAI_ID_OK:
		return "a valid citizen id";
	case THAI_ID_BAD_LENGTH:
		return "not 13 characters";
	case THAI_ID_NOT_DIGIT:
		return "a character that is not a digit";
	case THAI_ID_BAD_CHECK:
		return "the check digit does not match";
	}
	return "not a citizen id";
}

enum thai_id_fault
thai_id_hash(const uint8_t *key, size_t keylen, const char *cid, char out[THAI_ID_HASH_SIZE])
{
	enum thai_id_fault fault = thai_id_parse(cid, strnlen(cid, THAI_ID_SIZE), NULL);

	out[0] = '\0';
	if (fault != THAI_ID_OK)
		return fault;
	hmac_sha256_hex(key, keylen, cid, THAI_ID_DIGITS, out);
	return THAI_ID_OK;
}
