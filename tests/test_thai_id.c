/* Tests of the citizen ID's check digit and keyed hash (thai_id.c, hmac_sha256.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "hmac_sha256.h"
#include "thai_id.h"

/* Numbers whose last digit is the check digit of the twelve before it
 * (13*d1 + ... + 2*d12, worked by hand), a zero and a one among the checks. */
static const char *const valid[] = {"1101700203450", "3100500123458", "1234567890121"};

/* RFC 4231, test cases 1, 2 and 6 (a key longer than SHA-256's block). */
static void
test_hmac_sha256_rfc4231(void **state)
{
	uint8_t key1[20], key6[131];
	char out[HMAC_SHA256_HEX_SIZE];

	(void)state;
	memset(key1, 0x0b, sizeof(key1));
	hmac_sha256_hex(key1, sizeof(key1), "Hi There", 8, out);
	assert_string_equal(out,
	                    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	hmac_sha256_hex((const uint8_t *)"Jefe", 4, "what do ya want for nothing?", 28, out);
	assert_string_equal(out,
	                    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(key6, 0xaa, sizeof(key6));
	hmac_sha256_hex(key6, sizeof(key6),
	                "Test Using Larger Than Block-Size Key - Hash Key First", 54, out);
	assert_string_equal(out,
	                    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

/* A valid number parses to itself; any other last digit is refused. */
static void
test_thai_id_check_digit(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		char cid[THAI_ID_SIZE], bad[THAI_ID_DIGITS];

		assert_int_equal(thai_id_parse(valid[i], THAI_ID_DIGITS, cid), THAI_ID_OK);
		assert_string_equal(cid, valid[i]);
		assert_int_equal(thai_id_check_digit(valid[i]), valid[i][12] - '0');
		memcpy(bad, valid[i], sizeof(bad));
		for (char d = '0'; d <= '9'; d++) {
			if (d == valid[i][12])
				continue;
			bad[12] = d;
			assert_int_equal(thai_id_parse(bad, sizeof(bad), cid), THAI_ID_BAD_CHECK);
			assert_string_equal(cid, "");
		}
	}
}

/* Length and characters are checked before the digit. */
static void
test_thai_id_parse_refuses(void **state)
{
	char cid[THAI_ID_SIZE];

	(void)state;
	assert_int_equal(thai_id_parse("110170020345", 12, cid), THAI_ID_BAD_LENGTH);
	assert_int_equal(thai_id_parse("11017002034500", 14, cid), THAI_ID_BAD_LENGTH);
	assert_int_equal(thai_id_parse("", 0, cid), THAI_ID_BAD_LENGTH);
	assert_int_equal(thai_id_parse("1101700 03450", 13, cid), THAI_ID_NOT_DIGIT);
	/* A NUL inside the card's 13 bytes is not a short number. */
	assert_int_equal(thai_id_parse("110170020345\0", 13, cid), THAI_ID_NOT_DIGIT);
	assert_string_equal(cid, "");
	assert_string_equal(thai_id_fault_text(THAI_ID_BAD_CHECK),
	                    "the check digit does not match");
}

/* The hash is HMAC-SHA256 of the 13 digits: the key changes it, a bad number gets none. */
static void
test_thai_id_hash(void **state)
{
	static const uint8_t key[] = "0123456789abcdef0123456789abcdef";
	char h1[THAI_ID_HASH_SIZE], h2[THAI_ID_HASH_SIZE], want[HMAC_SHA256_HEX_SIZE];

	(void)state;
	assert_int_equal(thai_id_hash(key, 32, valid[0], h1), THAI_ID_OK);
	hmac_sha256_hex(key, 32, valid[0], THAI_ID_DIGITS, want);
	assert_string_equal(h1, want);
	assert_int_equal(strlen(h1), 64);
	assert_int_equal(thai_id_hash(key, 31, valid[0], h2), THAI_ID_OK);
	assert_string_not_equal(h1, h2);
	assert_int_equal(thai_id_hash(key, 32, valid[1], h2), THAI_ID_OK);
	assert_string_not_equal(h1, h2);
	assert_int_equal(thai_id_hash(key, 32, "1101700203451", h2), THAI_ID_BAD_CHECK);
	assert_string_equal(h2, "");
	assert_int_equal(thai_id_hash(key, 32, "11017002034500", h2), THAI_ID_BAD_LENGTH);
	assert_string_equal(h2, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hmac_sha256_rfc4231),
	    cmocka_unit_test(test_thai_id_check_digit),
	    cmocka_unit_test(test_thai_id_parse_refuses),
	    cmocka_unit_test(test_thai_id_hash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
