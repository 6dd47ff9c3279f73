/*
 * Tests of the event log's hash chain (event_hash.c). The expected bytes and
 * hashes were computed apart from this code, with Python's hashlib:
 *
 *   def enc(vals):
 *       b = b""
 *       for v in vals:
 *           if v is None: b += b"\x00"
 *           elif isinstance(v, int): b += b"\x01" + struct.pack(">q", v)
 *           else: e = v.encode(); b += b"\x02" + struct.pack(">I", len(e)) + e
 *       return b
 *   h1 = hashlib.sha256(bytes(32) + enc(ROW1)).hexdigest()
 *   h2 = hashlib.sha256(bytes.fromhex(h1) + enc(ROW2)).hexdigest()
 *
 * ROW1 = [42, 1796104406283, "called", 20261201, "A", 3, None,
 *         "oldest-first", "", None, "ทดสอบ"]
 * ROW2 = [None, -1, "fault", 20261201, None, None, None, None,
 *         "printer: paper out", None, None]
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "event_hash.h"

#define ROW1_HASH "8aa1d3a0c20c1a4da8bfe9d4f6fc07c4b70ee91afcfc79b073c31f6bfea9abd2"
#define ROW2_HASH "6350ff422bbfa52892854b3fb8fe6ff2ceaa1132ce0d464dfcf69f66d42c4b16"

/* ROW1 of the header: a call, with a NULL, an empty text and Thai. */
static void
row1(struct event_field f[11])
{
	f[0] = event_field_int(42);
	f[1] = event_field_int(1796104406283);
	f[2] = event_field_text("called");
	f[3] = event_field_int(20261201);
	f[4] = event_field_text("A");
	f[5] = event_field_int(3);
	f[6] = event_field_null();
	f[7] = event_field_text("oldest-first");
	f[8] = event_field_text("");
	f[9] = event_field_null();
	f[10] = event_field_text("ทดสอบ");
}

/* ROW2 of the header: a fault of no ticket, a negative integer. */
static void
row2(struct event_field f[11])
{
	for (int i = 0; i < 11; i++)
		f[i] = event_field_null();
	f[1] = event_field_int(-1);
	f[2] = event_field_text("fault");
	f[3] = event_field_int(20261201);
	f[8] = event_field_text("printer: paper out");
}

/* The hash of fields chained from prev (NULL: the first event), as hex. */
static void
hash_hex(const char *prev_hex, const struct event_field *f, size_t n, char hex[EVENT_HASH_HEX_SIZE])
{
	uint8_t prev[EVENT_HASH_SIZE], out[EVENT_HASH_SIZE];

	if (prev_hex)
		assert_int_equal(event_hash_from_hex(prev_hex, prev), 0);
	assert_int_equal(event_hash(prev_hex ? prev : NULL, f, n, out), 0);
	event_hash_to_hex(out, hex);
}

/* The canonical bytes are exactly the documented encoding. */
static void
test_event_hash_canonical_bytes(void **state)
{
	/* Field by field: a tag, then 8 bytes of integer or 4 of length and the text. */
	static const char want[] = "\x01\0\0\0\0\0\0\0\x2a"           /* ticket_id 42 */
	                           "\x01\0\0\x01\xa2\x30\x2a\x45\x0b" /* at_ms */
	                           "\x02\0\0\0\x06"
	                           "called"                       /* kind */
	                           "\x01\0\0\0\0\x01\x35\x29\x51" /* day 20261201 */
	                           "\x02\0\0\0\x01"
	                           "A"                      /* service */
	                           "\x01\0\0\0\0\0\0\0\x03" /* counter 3 */
	                           "\x00"                   /* officer: NULL */
	                           "\x02\0\0\0\x0c"
	                           "oldest-first" /* rule */
	                           "\x02\0\0\0\0" /* reason: "" */
	                           "\x00"         /* score: NULL */
	                           "\x02\0\0\0\x0f"
	                           "ทดสอบ"; /* detail: 15 bytes of Thai */

	struct event_field f[11];
	uint8_t buf[256], small[10];

	(void)state;
	row1(f);
	assert_int_equal(event_hash_canonical(f, 11, buf, sizeof(buf)), sizeof(want) - 1);
	assert_memory_equal(buf, want, sizeof(want) - 1);
	/* Too small a buffer: the full length is still told, the start is written. */
	assert_int_equal(event_hash_canonical(f, 11, small, sizeof(small)), sizeof(want) - 1);
	assert_memory_equal(small, want, sizeof(small));
}

/* The first event chains from zeros, the next from the first's hash. */
static void
test_event_hash_fixed_vectors(void **state)
{
	struct event_field f[11];
	char hex[EVENT_HASH_HEX_SIZE];

	(void)state;
	row1(f);
	hash_hex(NULL, f, 11, hex);
	assert_string_equal(hex, ROW1_HASH);
	row2(f);
	hash_hex(ROW1_HASH, f, 11, hex);
	assert_string_equal(hex, ROW2_HASH);
}

/* The chain may be kept in one buffer: out may be prev. */
static void
test_event_hash_in_place(void **state)
{
	struct event_field f[11];
	uint8_t h[EVENT_HASH_SIZE];
	char hex[EVENT_HASH_HEX_SIZE];

	(void)state;
	assert_int_equal(event_hash_from_hex(ROW1_HASH, h), 0);
	row2(f);
	assert_int_equal(event_hash(h, f, 11, h), 0);
	event_hash_to_hex(h, hex);
	assert_string_equal(hex, ROW2_HASH);
}

/* NULL, "" and 0 differ, and texts cannot trade bytes across a boundary. */
static void
test_event_hash_unambiguous(void **state)
{
	const struct event_field null = event_field_null(), empty = event_field_text(""),
	                         zero = event_field_int(0);
	const struct event_field ab_c[2] = {event_field_text("ab"), event_field_text("c")};
	const struct event_field a_bc[2] = {event_field_text("a"), event_field_text("bc")};
	char h_null[EVENT_HASH_HEX_SIZE], h_empty[EVENT_HASH_HEX_SIZE], h_zero[EVENT_HASH_HEX_SIZE],
	    h1[EVENT_HASH_HEX_SIZE], h2[EVENT_HASH_HEX_SIZE];

	(void)state;
	hash_hex(NULL, &null, 1, h_null);
	hash_hex(NULL, &empty, 1, h_empty);
	hash_hex(NULL, &zero, 1, h_zero);
	assert_string_not_equal(h_null, h_empty);
	assert_string_not_equal(h_null, h_zero);
	assert_string_not_equal(h_empty, h_zero);
	hash_hex(NULL, ab_c, 2, h1);
	hash_hex(NULL, a_bc, 2, h2);
	assert_string_not_equal(h1, h2);
	/* The same row after another hash is another hash. */
	hash_hex(ROW1_HASH, ab_c, 2, h2);
	assert_string_not_equal(h1, h2);
}

/* Hex is read in either case and nothing else: not shorter, longer or other digits. */
static void
test_event_hash_hex(void **state)
{
	uint8_t h[EVENT_HASH_SIZE];
	char hex[EVENT_HASH_HEX_SIZE], upper[EVENT_HASH_HEX_SIZE];

	(void)state;
	assert_int_equal(event_hash_from_hex(ROW1_HASH, h), 0);
	event_hash_to_hex(h, hex);
	assert_string_equal(hex, ROW1_HASH);
	for (int i = 0; i < EVENT_HASH_HEX_SIZE; i++)
		upper[i] = (char)(hex[i] >= 'a' && hex[i] <= 'f' ? hex[i] - 32 : hex[i]);
	assert_int_equal(event_hash_from_hex(upper, h), 0);
	event_hash_to_hex(h, hex);
	assert_string_equal(hex, ROW1_HASH);
	assert_int_equal(event_hash_from_hex(ROW1_HASH "0", h), -1);
	assert_int_equal(event_hash_from_hex(ROW1_HASH + 1, h), -1);
	assert_int_equal(event_hash_from_hex("", h), -1);
	memcpy(hex, ROW1_HASH, sizeof(hex));
	hex[10] = 'g';
	assert_int_equal(event_hash_from_hex(hex, h), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_event_hash_canonical_bytes),
	    cmocka_unit_test(test_event_hash_fixed_vectors),
	    cmocka_unit_test(test_event_hash_in_place),
	    cmocka_unit_test(test_event_hash_unambiguous),
	    cmocka_unit_test(test_event_hash_hex),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
