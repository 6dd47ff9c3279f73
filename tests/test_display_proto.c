/* Unit tests of the LED display frame encoders, decoders and config (display_proto.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "display_decode.h"
#include "display_proto.h"

/* ---- helpers ---- */

/* A raw [display NAME] section built from "key=value" strings, lines 11, 12, ... */
struct section_fixture {
	struct config_section sec;
	struct config_kv kv[40];
	char text[40][128];
};

static void
section_make(struct section_fixture *f, const char *name, const char *const *pairs)
{
	memset(f, 0, sizeof(*f));
	f->sec.kind = "display";
	f->sec.name = (char *)name;
	f->sec.path = "demo.ini";
	f->sec.line = 10;
	f->sec.kv = f->kv;
	for (size_t i = 0; pairs[i]; i++) {
		snprintf(f->text[i], sizeof(f->text[i]), "%s", pairs[i]);
		char *eq = strchr(f->text[i], '=');
		assert_non_null(eq);
		*eq = '\0';
		f->kv[i] =
		    (struct config_kv){.key = f->text[i], .value = eq + 1, .line = 11 + (int)i};
		f->sec.n_kv++;
	}
}

/* Parse pairs into cfg; the test fails if they are refused. */
static void
parse_ok(struct display_config *cfg, const char *const *pairs)
{
	struct section_fixture f;
	struct sq_error err = {0};

	section_make(&f, "1", pairs);
	int rc = display_config_parse(&f.sec, cfg, &err);
	if (rc)
		fail_msg("%s", err.msg);
}

/* Parse pairs, expect a refusal, and return the message (static). */
static const char *
parse_err(const char *const *pairs)
{
	static struct sq_error err;
	struct section_fixture f;
	struct display_config cfg;

	section_make(&f, "1", pairs);
	sq_error_clear(&err);
	assert_int_equal(display_config_parse(&f.sec, &cfg, &err), SQ_ERR_INVALID);
	return err.msg;
}

/* Encode c with cfg and compare with the expected bytes. */
static void
expect_frame(const struct display_config *cfg, const struct display_content *c, const uint8_t *want,
             size_t want_len)
{
	uint8_t buf[DISPLAY_FRAME_MAX];
	size_t len = 0;
	struct sq_error err = {0};

	if (display_encode(cfg, c, buf, sizeof(buf), &len, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(len, want_len);
	assert_memory_equal(buf, want, want_len);
}

/* CRC-16/MODBUS the slow way, bit by bit, independent of the code under test. */
static uint16_t
crc16_bitwise(const uint8_t *p, size_t n)
{
	uint16_t crc = 0xFFFF;

	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int b = 0; b < 8; b++)
			crc = (crc & 1) ? (uint16_t)((crc >> 1) ^ 0xA001) : (uint16_t)(crc >> 1);
	}
	return crc;
}

static const struct display_content ticket_a012_3 = {
    .kind = DISPLAY_CONTENT_TICKET, .code = "A012", .counter = 3};

/* ---- Modbus ---- */

static void
test_display_proto_modbus_a_show_12(void **state)
{
	static const uint8_t want[] = {0x01, 0x06, 0x00, 0x88, 0x00, 0x0C, 0x09, 0xE5};
	struct display_config cfg;
	struct display_content n12 = {.kind = DISPLAY_CONTENT_NUMBER, .number = 12};

	(void)state;
	parse_ok(&cfg, (const char *const[]){"protocol=modbus", "port=/dev/x", NULL});
	expect_frame(&cfg, &n12, want, sizeof(want));
	/* A numeric display shows ticket A012 as the digits 012 = 12. */
	parse_ok(&cfg,
	         (const char *const[]){"protocol=modbus", "port=/dev/x", "numeric=yes", NULL});
	expect_frame(&cfg, &ticket_a012_3, want, sizeof(want));
}

static void
test_display_proto_modbus_b_show_12(void **state)
{
	static const uint8_t want[] = {0x03, 0x06, 0x00, 0x00, 0x00, 0x0C, 0x88, 0x2D};
	struct display_config cfg;
	struct display_content c = {.kind = DISPLAY_CONTENT_TICKET, .code = "A012", .counter = 3};
	uint8_t buf[DISPLAY_FRAME_MAX];
	size_t len;

	(void)state;
	parse_ok(&cfg, (const char *const[]){"protocol=modbus", "port=/dev/x", "address=3",
	                                     "modbus_profile=b", NULL});
	assert_true(cfg.numeric);
	expect_frame(&cfg, &c, want, sizeof(want));
	/* Signed 16-bit: -1 is FFFF; 40000 does not fit. */
	c = (struct display_content){.kind = DISPLAY_CONTENT_NUMBER, .number = -1};
	assert_int_equal(display_encode(&cfg, &c, buf, sizeof(buf), &len, NULL), SQ_OK);
	assert_int_equal(buf[4], 0xFF);
	assert_int_equal(buf[5], 0xFF);
	c.number = 40000;
	assert_int_equal(display_encode(&cfg, &c, buf, sizeof(buf), &len, NULL), SQ_ERR_INVALID);
}

static void
test_display_proto_modbus_a_text(void **state)
{
	static const uint8_t want[] = {0x01, 0x10, 0x00, 0x70, 0x00, 0x06, 0x0C,
	                               0x50, 0x32, 0x2E, 0x33, 0x00, 0x00, 0x00,
	                               0x00, 0x00, 0x00, 0x00, 0x00, 0x3B, 0x25};
	struct display_config cfg;
	struct display_content c = {.kind = DISPLAY_CONTENT_TEXT, .text = "P2.3"};

	(void)state;
	parse_ok(&cfg, (const char *const[]){"protocol=modbus", "port=/dev/x", NULL});
	expect_frame(&cfg, &c, want, sizeof(want));
}

static void
test_display_proto_crc_matches_bitwise(void **state)
{
	static const uint8_t check[] = "123456789";
	uint8_t buf[300];

	(void)state;
	assert_int_equal(crc16_bitwise(check, 9), 0x4B37);
	assert_int_equal(display_crc16_modbus(check, 9), 0x4B37);
	assert_int_equal(display_crc16_modbus(NULL, 0), 0xFFFF);
	srand(42);
	for (size_t n = 0; n < sizeof(buf); n++) {
		for (size_t i = 0; i < n; i++)
			buf[i] = (uint8_t)rand();
		assert_int_equal(display_crc16_modbus(buf, n), crc16_bitwise(buf, n));
	}
	/* The worked frames of hardware.md end with their CRC, low byte first. */
	static const uint8_t f1[] = {0x01, 0x06, 0x00, 0x88, 0x00, 0x0C};
	assert_int_equal(crc16_bitwise(f1, sizeof(f1)), 0xE509);
}

/* ---- Alpha ---- */

static void
test_display_proto_alpha_worked_example(void **state)
{
	static const uint8_t want[] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x5A, 0x30, 0x33,
	                               0x02, 0x41, 0x41, 0x1B, 0x30, 0x62, 0x41, 0x30, 0x31,
	                               0x32, 0x20, 0x33, 0x03, 0x30, 0x32, 0x35, 0x42, 0x04};
	struct display_config cfg;

	(void)state;
	parse_ok(&cfg, (const char *const[]){"protocol=alpha", "port=/dev/x", "address=3",
	                                     "show_counter=yes", NULL});
	expect_frame(&cfg, &ticket_a012_3, want, sizeof(want));
}

static void
test_display_proto_alpha_checksum(void **state)
{
	struct display_config cfg;
	uint8_t buf[DISPLAY_FRAME_MAX];
	size_t len, stx = 0, etx = 0;
	unsigned sum = 0;
	char hex[5];

	(void)state;
	parse_ok(&cfg, (const char *const[]){"protocol=alpha", "port=/dev/x", "address=255",
	                                     "alpha_label=0", "alpha_position=middle", NULL});
	struct display_content c = {.kind = DISPLAY_CONTENT_TEXT, .text = "Counter closed"};
	assert_int_equal(display_encode(&cfg, &c, buf, sizeof(buf), &len, NULL), SQ_OK);
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == 0x02 && !stx)
			stx = i;
		if (buf[i] == 0x03)
			etx = i;
	}
	for (size_t i = stx; i <= etx; i++)
		sum += buf[i];
	snprintf(hex, sizeof(hex), "%04X", sum & 0xFFFF);
	assert_memory_equal(buf + etx + 1, hex, 4);
	assert_memory_equal(buf + 7, "FF", 2);
	assert_int_equal(buf[stx + 2], '0');
	assert_int_equal(buf[stx + 4], 0x20);
	assert_int_equal(buf[len - 1], 0x04);
	/* Without a checksum there is no ETX: ... text EOT. */
	parse_ok(&cfg,
	         (const char *const[]){"protocol=alpha", "port=/dev/x", "alpha_checksum=no", NULL});
	assert_int_equal(display_encode(&cfg, &c, buf, sizeof(buf), &len, NULL), SQ_OK);
	assert_memory_equal(buf + len - 15, "Counter closed\x04", 15);
	assert_null(memchr(buf, 0x03, len));
}

static void
test_display_proto_alpha_recall_flashes(void **state)
{
	struct display_config cfg;
	struct display_content c = ticket_a012_3;
	struct display_frame f;
	uint8_t buf[DISPLAY_FRAME_MAX];
	size_t len, used;

	(void)state;
	c.recall = true;
	parse_ok(&cfg, (const char *const[]){"protocol=alpha", "port=/dev/x", NULL});
	assert_int_equal(display_encode(&cfg, &c, buf, sizeof(buf), &len, NULL), SQ_OK);
	assert_int_equal(buf[14], 'c');
	assert_int_equal(display_decode(&cfg, buf, len, &f, &used, NULL), 1);
	assert_true(f.flash);
	assert_string_equal(f.text, "A012");
	/* With a marker, the marker goes first and the sign holds. */
	parse_ok(&cfg,
	         (const char *const[]){"protocol=alpha", "port=/dev/x", "recall_marker=>", NULL});
	assert_int_equal(display_encode(&cfg, &c, buf, sizeof(buf), &len, NULL), SQ_OK);
	assert_int_equal(display_decode(&cfg, buf, len, &f, &used, NULL), 1);
	assert_false(f.flash);
	assert_string_equal(f.text, ">A012");
}

/* ---- plain ASCII ---- */

static void
test_display_proto_ascii_stx_etx(void **state)
{
	static const uint8_t want[] = {0x02, 0x30, 0x31, 0x31, 0x32, 0x33, 0x34, 0x03};
	struct display_config cfg;
	struct display_content n = {.kind = DISPLAY_CONTENT_NUMBER, .number = 1234};

	(void)state;
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", NULL});
	expect_frame(&cfg, &n, want, sizeof(want));
}

static void
test_display_proto_ascii_dollar_line(void **state)
{
	struct display_config cfg;
	struct display_content n = {.kind = DISPLAY_CONTENT_TEXT, .text = "1234"};

	(void)state;
	/* A numeric display, as hardware.md has it: on a text display a '#' in the
	 * text would end the frame (test_display_proto_config_errors). */
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "numeric=yes",
	                                     "ascii_prefix=$", "ascii_address_format=%03d",
	                                     "ascii_separator=,", "ascii_suffix=#", NULL});
	expect_frame(&cfg, &n, (const uint8_t *)"$001,1234#", 10);
}

static void
test_display_proto_ascii_sum_and_xor(void **state)
{
	struct display_config cfg;
	struct display_content n = {.kind = DISPLAY_CONTENT_TEXT, .text = "12"};

	(void)state;
	/* Body "0112": sum 30+31+31+32 = C4, xor = 02. */
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_checksum=sum8",
	                                     NULL});
	expect_frame(&cfg, &n,
	             (const uint8_t *)"\x02"
	                              "0112C4\x03",
	             8);
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_checksum=xor",
	                                     NULL});
	expect_frame(&cfg, &n,
	             (const uint8_t *)"\x02"
	                              "011202\x03",
	             8);
	/* STX body ETX BCC: raw xor of body and ETX = 02 ^ 03 = 01, after the suffix. */
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_checksum=xor",
	                                     "ascii_checksum_covers=body_suffix",
	                                     "ascii_checksum_format=raw", NULL});
	expect_frame(&cfg, &n,
	             (const uint8_t *)"\x02"
	                              "0112\x03\x01",
	             7);
	/* Whole frame: 02+30+31+31+32+03 = C9. */
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_checksum=sum8",
	                                     "ascii_checksum_covers=frame", NULL});
	expect_frame(&cfg, &n,
	             (const uint8_t *)"\x02"
	                              "0112\x03"
	                              "C9",
	             8);
	assert_int_equal(
	    display_ascii_checksum(DISPLAY_CHECKSUM_SUM8, (const uint8_t *)"\xff\x02", 2), 0x01);
}

static void
test_display_proto_address_formats(void **state)
{
	struct display_address_format f;
	uint8_t out[16];

	(void)state;
	f = (struct display_address_format){.conv = 'X', .width = 2, .zero = true};
	assert_int_equal(display_format_address(&f, 26, out, sizeof(out)), 2);
	assert_memory_equal(out, "1A", 2);
	f = (struct display_address_format){.conv = 'x', .width = 4, .zero = true};
	assert_int_equal(display_format_address(&f, 255, out, sizeof(out)), 4);
	assert_memory_equal(out, "00ff", 4);
	f = (struct display_address_format){.conv = 'd', .width = 3};
	assert_int_equal(display_format_address(&f, 7, out, sizeof(out)), 3);
	assert_memory_equal(out, "  7", 3);
	f = (struct display_address_format){.conv = 'd'};
	assert_int_equal(display_format_address(&f, 123, out, sizeof(out)), 3);
	f = (struct display_address_format){.conv = 'c'};
	assert_int_equal(display_format_address(&f, 65, out, sizeof(out)), 1);
	assert_int_equal(out[0], 'A');
	assert_int_equal(display_format_address(&f, 256, out, sizeof(out)), 0);
	f = (struct display_address_format){.conv = 0};
	assert_int_equal(display_format_address(&f, 1, out, sizeof(out)), 0);
	f = (struct display_address_format){.conv = 'd', .width = 8, .zero = true};
	assert_int_equal(display_format_address(&f, 1, out, 4), 0);
}

/* ---- text ---- */

static void
test_display_proto_truncates_and_pads(void **state)
{
	struct display_config cfg;
	char out[DISPLAY_WIDTH_MAX + 1];
	struct display_content t = {.kind = DISPLAY_CONTENT_TEXT, .text = "ABCDEFGHIJ"};

	(void)state;
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "width=4", NULL});
	display_render_text(&cfg, &t, out, sizeof(out));
	assert_string_equal(out, "ABCD");
	/* The counter number only where it fits. */
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "width=4",
	                                     "show_counter=yes", NULL});
	display_render_text(&cfg, &ticket_a012_3, out, sizeof(out));
	assert_string_equal(out, "A012");
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "width=8",
	                                     "show_counter=yes", "align=right", NULL});
	display_render_text(&cfg, &ticket_a012_3, out, sizeof(out));
	assert_string_equal(out, "  A012 3");
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "width=6",
	                                     "align=left", NULL});
	t = (struct display_content){.kind = DISPLAY_CONTENT_CLEAR};
	display_render_text(&cfg, &t, out, sizeof(out));
	assert_string_equal(out, "      ");
	/* Modbus text: cut to the width, NUL-padded to 12 bytes in the frame. */
	parse_ok(&cfg, (const char *const[]){"protocol=modbus", "port=/dev/x", NULL});
	uint8_t buf[DISPLAY_FRAME_MAX];
	size_t len;
	t = (struct display_content){.kind = DISPLAY_CONTENT_TEXT, .text = "HELLO WORLD"};
	assert_int_equal(display_encode(&cfg, &t, buf, sizeof(buf), &len, NULL), SQ_OK);
	assert_int_equal(len, 21);
	assert_memory_equal(buf + 7, "HELL\0\0\0\0\0\0\0\0", 12);
	/* A buffer too small is an error, not an overflow. */
	assert_int_equal(display_encode(&cfg, &t, buf, 10, &len, NULL), SQ_ERR_INVALID);
}

/* A code wider than the display: never cut (DX001 would read DX00), shown blank. */
static void
test_display_proto_never_cuts_a_code(void **state)
{
	struct display_config cfg;
	char out[DISPLAY_WIDTH_MAX + 1];
	struct display_content dx = {.kind = DISPLAY_CONTENT_TICKET, .code = "DX001"};
	struct display_content a1000 = {.kind = DISPLAY_CONTENT_TICKET, .code = "A1000"};
	const struct display_content clear = {.kind = DISPLAY_CONTENT_CLEAR};
	uint8_t buf[DISPLAY_FRAME_MAX], blank[DISPLAY_FRAME_MAX];
	size_t len, blank_len;

	(void)state;
	parse_ok(&cfg, (const char *const[]){"protocol=alpha", "port=/dev/x", "width=4",
	                                     "alpha_checksum=no", NULL});
	assert_false(display_render_text(&cfg, &dx, out, sizeof(out)));
	assert_string_equal(out, "");
	/* The frame is the one of a cleared display: no part of the code. */
	assert_int_equal(display_encode(&cfg, &clear, blank, sizeof(blank), &blank_len, NULL),
	                 SQ_OK);
	assert_int_equal(display_encode(&cfg, &dx, buf, sizeof(buf), &len, NULL), SQ_OK);
	assert_int_equal(len, blank_len);
	assert_memory_equal(buf, blank, len);
	/* Padded displays show the blank a cleared display shows. */
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "width=4",
	                                     "align=right", NULL});
	assert_false(display_render_text(&cfg, &a1000, out, sizeof(out)));
	assert_string_equal(out, "    ");
	/* A code that fits exactly is whole; the marker or counter give way to it. */
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "width=5",
	                                     "recall_marker=*", "show_counter=yes", NULL});
	assert_true(display_render_text(&cfg, &dx, out, sizeof(out)));
	assert_string_equal(out, "DX001");
	dx.recall = true;
	assert_true(display_render_text(&cfg, &dx, out, sizeof(out)));
	assert_string_equal(out, "DX001");
	/* A numeric display: the digits must fit. */
	parse_ok(&cfg, (const char *const[]){"protocol=ascii", "port=/dev/x", "width=3",
	                                     "numeric=yes", NULL});
	assert_false(display_render_text(&cfg, &a1000, out, sizeof(out)));
	assert_string_equal(out, "");
	assert_true(display_render_text(&cfg, &dx, out, sizeof(out)));
	assert_string_equal(out, "001");
}

static void
test_display_proto_thai_input(void **state)
{
	struct display_config cfg;
	char out[DISPLAY_WIDTH_MAX + 1];
	/* พักเที่ยง: 6 letters and 3 marks that sit on them. */
	struct display_content t = {.kind = DISPLAY_CONTENT_TEXT, .text = "พักเที่ยง"};
	struct display_content digits = {.kind = DISPLAY_CONTENT_TICKET, .code = "A๐๑๒"};
	struct display_content bad = {.kind = DISPLAY_CONTENT_TEXT,
	                              .text = "A\xff\xe0\x80"
	                                      "1\t2"};

	(void)state;
	parse_ok(&cfg, (const char *const[]){"protocol=alpha", "port=/dev/x", NULL});
	display_render_text(&cfg, &t, out, sizeof(out));
	assert_string_equal(out, "??????");
	display_render_text(&cfg, &digits, out, sizeof(out));
	assert_string_equal(out, "A012");
	display_render_text(&cfg, &bad, out, sizeof(out));
	assert_string_equal(out, "A???1?2");
	parse_ok(&cfg,
	         (const char *const[]){"protocol=alpha", "port=/dev/x", "unsupported=drop", NULL});
	display_render_text(&cfg, &t, out, sizeof(out));
	assert_string_equal(out, "");
	display_render_text(&cfg, &bad, out, sizeof(out));
	assert_string_equal(out, "A12");
	/* Thai text on a numeric display: its digits only, never garbage. */
	parse_ok(&cfg, (const char *const[]){"protocol=modbus", "port=/dev/x", "address=3",
	                                     "modbus_profile=b", NULL});
	struct display_content mixed = {.kind = DISPLAY_CONTENT_TICKET, .code = "ก๐๒๓"};
	static const uint8_t want[] = {0x03, 0x06, 0x00, 0x00, 0x00, 0x17};
	uint8_t buf[DISPLAY_FRAME_MAX];
	size_t len;
	assert_int_equal(display_encode(&cfg, &mixed, buf, sizeof(buf), &len, NULL), SQ_OK);
	assert_memory_equal(buf, want, sizeof(want));
	/* Every byte of an alpha frame's text is printable ASCII. */
	parse_ok(&cfg,
	         (const char *const[]){"protocol=alpha", "port=/dev/x", "alpha_checksum=no", NULL});
	assert_int_equal(display_encode(&cfg, &t, buf, sizeof(buf), &len, NULL), SQ_OK);
	for (size_t i = 15; i + 1 < len; i++)
		assert_true(buf[i] >= 0x20 && buf[i] < 0x7F);
}

/* ---- decoding ---- */

static void
test_display_proto_decode_round_trip(void **state)
{
	const char *const *configs[] = {
	    (const char *const[]){"protocol=modbus", "port=/dev/x", "address=7", NULL},
	    (const char *const[]){"protocol=modbus", "port=/dev/x", "modbus_profile=b", NULL},
	    (const char *const[]){"protocol=alpha", "port=/dev/x", "address=18", NULL},
	    (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_checksum=xor",
	                          "ascii_checksum_format=raw", NULL},
	    (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_prefix=$",
	                          "ascii_address_format=%d", "ascii_separator=,",
	                          "ascii_suffix=#\\r\\n", "ascii_checksum=sum8",
	                          "ascii_checksum_covers=frame", "address=42", NULL},
	};
	struct display_content c = {.kind = DISPLAY_CONTENT_TICKET, .code = "B077"};

	(void)state;
	for (size_t i = 0; i < sizeof(configs) / sizeof(configs[0]); i++) {
		struct display_config cfg;
		struct display_frame f;
		uint8_t buf[DISPLAY_FRAME_MAX * 2];
		size_t len, len2, used;
		struct sq_error err = {0};

		parse_ok(&cfg, configs[i]);
		assert_int_equal(display_encode(&cfg, &c, buf, DISPLAY_FRAME_MAX, &len, NULL), 0);
		/* Two frames back to back: the first decodes alone. */
		assert_int_equal(
		    display_encode(&cfg, &c, buf + len, DISPLAY_FRAME_MAX, &len2, NULL), 0);
		for (size_t cut = 0; cut < len; cut++)
			assert_int_equal(display_decode(&cfg, buf, cut, &f, &used, NULL), 0);
		if (display_decode(&cfg, buf, len + len2, &f, &used, &err) != 1)
			fail_msg("config %zu: %s", i, err.msg);
		assert_int_equal(used, len);
		assert_int_equal(f.address, cfg.address);
		if (cfg.numeric) {
			assert_true(f.has_number);
			assert_int_equal(f.number, 77);
		} else {
			assert_string_equal(f.text, "B077");
		}
		/* A flipped bit is caught (the ascii template without a checksum cannot). */
		buf[len - 2] ^= 0x01;
		assert_int_not_equal(display_decode(&cfg, buf, len, &f, &used, NULL), 1);
	}
}

static void
test_display_proto_describe_lines(void **state)
{
	static const uint8_t m[] = {0x01, 0x06, 0x00, 0x88, 0x00, 0x0C, 0x09, 0xE5};
	static const uint8_t a[] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x5A, 0x30, 0x33,
	                            0x02, 0x41, 0x41, 0x1B, 0x30, 0x62, 0x41, 0x30, 0x31,
	                            0x32, 0x20, 0x33, 0x03, 0x30, 0x32, 0x35, 0x42, 0x04};
	struct display_config cfg;
	struct display_frame f;
	size_t used;
	char line[300];

	(void)state;
	display_config_defaults(&cfg, DISPLAY_PROTO_MODBUS);
	assert_int_equal(display_decode(&cfg, m, sizeof(m), &f, &used, NULL), 1);
	display_frame_describe(&f, line, sizeof(line));
	assert_string_equal(line, "frame modbus unit=1 show=12");
	display_config_defaults(&cfg, DISPLAY_PROTO_ALPHA);
	assert_int_equal(display_decode(&cfg, a, sizeof(a), &f, &used, NULL), 1);
	display_frame_describe(&f, line, sizeof(line));
	assert_string_equal(line, "frame alpha addr=03 text=\"A012 3\"");
	assert_int_equal(f.alpha_nuls, 5);
}

/* ---- configuration ---- */

static void
test_display_proto_config_defaults_and_keys(void **state)
{
	struct display_config cfg;

	(void)state;
	parse_ok(&cfg, (const char *const[]){"protocol=alpha", "port=/dev/serial/by-id/x", NULL});
	assert_string_equal(cfg.name, "1");
	assert_string_equal(cfg.serial.path, "/dev/serial/by-id/x");
	assert_int_equal(cfg.serial.baud, 9600);
	assert_int_equal(cfg.serial.data_bits, 7);
	assert_int_equal(cfg.serial.parity, SERIAL_PARITY_EVEN);
	assert_int_equal(cfg.address, 0);
	parse_ok(&cfg, (const char *const[]){
	                   "protocol=ascii", "port=/dev/ttyUSB0", "transport=termios", "baud=4800",
	                   "data_bits=8", "parity=odd", "stop_bits=2", "ascii_prefix=\\x1b[\\\\",
	                   "ascii_suffix=\\r\\n", "ascii_address_format=none", "break_text=พัก",
	                   "write_timeout_ms=50", "retry_seconds=5", NULL});
	assert_int_equal(cfg.serial.kind, SERIAL_TERMIOS);
	assert_int_equal(cfg.serial.baud, 4800);
	assert_int_equal(cfg.serial.parity, SERIAL_PARITY_ODD);
	assert_int_equal(cfg.serial.stop_bits, 2);
	assert_int_equal(cfg.ascii_prefix_len, 3);
	assert_memory_equal(cfg.ascii_prefix, "\x1b[\\", 3);
	assert_int_equal(cfg.ascii_suffix_len, 2);
	assert_int_equal(cfg.ascii_address.conv, 0);
	assert_string_equal(cfg.break_text, "พัก");
	assert_int_equal(cfg.write_timeout_ms, 50);
}

static void
test_display_proto_config_errors(void **state)
{
	(void)state;
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=modbus", "port=/dev/x", "colour=red", NULL}),
	    "demo.ini:13: [display 1] key 'colour': unknown key");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=modbus", "port=/dev/x", "address=248", NULL}),
	    "demo.ini:13: [display 1] key 'address': '248' is not a modbus unit "
	    "address from 1 to 247");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=modbus", "port=/dev/x", "address=0", NULL}),
	    "demo.ini:13: [display 1] key 'address': '0' is not a modbus unit "
	    "address from 1 to 247");
	assert_string_equal(
	    parse_err((const char *const[]){"port=/dev/x", "protocol=alpha", "address=256", NULL}),
	    "demo.ini:13: [display 1] key 'address': '256' is not an address from "
	    "0 to 255");
	assert_string_equal(parse_err((const char *const[]){"port=/dev/x", "protocol=rs232", NULL}),
	                    "demo.ini:12: [display 1] key 'protocol': unknown protocol 'rs232' "
	                    "(modbus, alpha or ascii)");
	assert_string_equal(parse_err((const char *const[]){"port=/dev/x", NULL}),
	                    "demo.ini:10: [display 1]: needs a protocol (modbus, alpha or ascii)");
	assert_string_equal(parse_err((const char *const[]){"protocol=ascii", NULL}),
	                    "demo.ini:10: [display 1]: needs a port (the device path)");
	assert_string_equal(parse_err((const char *const[]){"protocol=modbus", "port=/dev/x",
	                                                    "alpha_label=A", NULL}),
	                    "demo.ini:13: [display 1] key 'alpha_label': not a key of protocol "
	                    "modbus");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=modbus", "port=/dev/x", "parity=mark", NULL}),
	    "demo.ini:13: [display 1] key 'parity': 'mark' is not none, even or "
	    "odd");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=modbus", "port=/dev/x", "modbus_profile=b",
	                                    "numeric=no", NULL}),
	    "demo.ini:14: [display 1] key 'numeric': modbus profile b shows "
	    "numbers only");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=modbus", "port=/dev/x", "width=13", NULL}),
	    "demo.ini:13: [display 1] key 'width': '13' is not a width from 1 to "
	    "12");
	assert_string_equal(parse_err((const char *const[]){"protocol=ascii", "port=/dev/x",
	                                                    "ascii_suffix=", NULL}),
	                    "demo.ini:13: [display 1] key 'ascii_suffix': must not be empty: it "
	                    "ends each frame");
	assert_string_equal(parse_err((const char *const[]){"protocol=ascii", "port=/dev/x",
	                                                    "ascii_address_format=%s", NULL}),
	                    "demo.ini:13: [display 1] key 'ascii_address_format': '%s' is not "
	                    "%02d, %03d, %d, %02X, %c or none");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=ascii", "port=/dev/x", "address=100", NULL}),
	    "demo.ini:13: [display 1] key 'address': address 100 does not fit "
	    "ascii_address_format");
	assert_string_equal(parse_err((const char *const[]){"protocol=ascii", "port=/dev/x",
	                                                    "ascii_prefix=\\q", NULL}),
	                    "demo.ini:13: [display 1] key 'ascii_prefix': '\\q': bad escape (use "
	                    "\\xNN, \\r, \\n, \\t or \\\\)");
	/* Templates the decoder could not read back (issue 10 item 9). */
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=ascii", "port=/dev/x",
	                                    "ascii_address_format=%d", "ascii_separator=1:", NULL}),
	    "demo.ini:14: [display 1] key 'ascii_separator': starts with a digit, "
	    "which would read as part of the address (pad the address, e.g. "
	    "%02d, or start the separator with another byte)");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=ascii", "port=/dev/x",
	                                    "ascii_address_format=%x", "ascii_separator=b", NULL}),
	    "demo.ini:14: [display 1] key 'ascii_separator': starts with a digit, "
	    "which would read as part of the address (pad the address, e.g. "
	    "%02d, or start the separator with another byte)");
	parse_ok(&(struct display_config){},
	         (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_address_format=%02d",
	                               "ascii_separator=1:", NULL});
	assert_string_equal(parse_err((const char *const[]){"protocol=ascii", "port=/dev/x",
	                                                    "ascii_separator=,\\x03", NULL}),
	                    "demo.ini:13: [display 1] key 'ascii_separator': can start the "
	                    "ascii_suffix, so the display would end the frame there");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=ascii", "port=/dev/x",
	                                    "ascii_address_format=%c", "address=3", NULL}),
	    "demo.ini:14: [display 1] key 'address': address 3, written as "
	    "ascii_address_format says, can start the ascii_suffix, so the display would end "
	    "the frame there");
	/* Found by fuzz_display_roundtrip: a suffix the address, separator, text or
	 * checksum can spell, alone or running on into the suffix itself. */
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=ascii", "port=/dev/x",
	                                    "ascii_address_format=%02x", "ascii_suffix=01", NULL}),
	    "demo.ini:13: [display 1] key 'ascii_address_format': address 1, written as "
	    "ascii_address_format says, can start the ascii_suffix, so the display would end "
	    "the frame there");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=ascii", "port=/dev/x", "numeric=yes",
	                                    "ascii_prefix=\\xef", "ascii_suffix=\\xef\\xef",
	                                    "ascii_separator=\\xef", NULL}),
	    "demo.ini:16: [display 1] key 'ascii_separator': can start the ascii_suffix, so "
	    "the display would end the frame there");
	assert_string_equal(
	    parse_err(
	        (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_suffix=7", NULL}),
	    "demo.ini:13: [display 1] key 'ascii_suffix': can start inside the text the "
	    "display shows (printable ASCII), so the display would end the frame there");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=ascii", "port=/dev/x", "numeric=yes",
	                                    "align=right", "ascii_suffix=\\x20", NULL}),
	    "demo.ini:15: [display 1] key 'ascii_suffix': can start inside the text the "
	    "display shows (digits, '-' and spaces), so the display would end the frame there");
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=ascii", "port=/dev/x", "numeric=yes",
	                                    "ascii_checksum=sum8", "ascii_suffix=F", NULL}),
	    "demo.ini:14: [display 1] key 'ascii_checksum': a checksum before the suffix can "
	    "start the ascii_suffix, so the display would end the frame there "
	    "(ascii_checksum_covers = body_suffix sends it after the suffix)");
	/* A raw xor before the suffix passes a false end only with suffix 0; a raw
	 * sum8 only when the byte before it can be half the suffix's first byte. */
	assert_string_equal(
	    parse_err((const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_checksum=xor",
	                                    "ascii_checksum_format=raw", "ascii_suffix=\\x00",
	                                    NULL}),
	    "demo.ini:14: [display 1] key 'ascii_checksum_format': a checksum before the suffix "
	    "can start the ascii_suffix, so the display would end the frame there "
	    "(ascii_checksum_covers = body_suffix sends it after the suffix)");
	assert_non_null(strstr(
	    parse_err((const char *const[]){"protocol=ascii", "port=/dev/x", "numeric=yes",
	                                    "ascii_checksum=sum8", "ascii_checksum_format=raw",
	                                    "ascii_suffix=\\x60", NULL}),
	    "key 'ascii_checksum_format': a checksum before the suffix"));
	{
		const char *const *const readable[] = {
		    (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_checksum=xor",
		                          "ascii_checksum_format=raw", NULL},
		    (const char *const[]){"protocol=ascii", "port=/dev/x", "numeric=yes",
		                          "ascii_checksum=sum8", "ascii_checksum_format=raw",
		                          "ascii_suffix=\\x04", NULL},
		    (const char *const[]){"protocol=ascii", "port=/dev/x", "numeric=yes",
		                          "ascii_suffix=\\x20", NULL},
		    (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_checksum=sum8",
		                          "ascii_suffix=A\\r", NULL},
		    (const char *const[]){"protocol=ascii", "port=/dev/x", "ascii_checksum=xor",
		                          "ascii_checksum_covers=body_suffix",
		                          "ascii_checksum_format=raw", "ascii_suffix=\\x00", NULL},
		};
		for (size_t i = 0; i < sizeof(readable) / sizeof(readable[0]); i++)
			parse_ok(&(struct display_config){}, readable[i]);
	}
	assert_string_equal(parse_err((const char *const[]){"protocol=ascii", "port=/dev/x",
	                                                    "width=4", "width=5", NULL}),
	                    "demo.ini:14: [display 1] key 'width': given twice");
}

/* The demo config plus extra text, written to a new folder; NULL without SADUAK_SOURCE_DIR. */
static char *
demo_config_with(const char *extra, char *dir, size_t dir_size)
{
	const char *src = getenv("SADUAK_SOURCE_DIR");
	char path[512], line[1024];
	FILE *in, *out;

	if (!src)
		return NULL;
	snprintf(dir, dir_size, "/tmp/saduak-display-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/config/demo.ini", src);
	in = fopen(path, "r");
	assert_non_null(in);
	snprintf(path, sizeof(path), "%s/office.ini", dir);
	out = fopen(path, "w");
	assert_non_null(out);
	while (fgets(line, sizeof(line), in))
		fputs(line, out);
	fputs(extra, out);
	fclose(in);
	fclose(out);
	return strdup(path);
}

static void
test_display_proto_config_load_checks_and_resolves(void **state)
{
	char dir[64], want[128];
	struct config *cfg = NULL;
	struct display_config dc;
	struct sq_error err = {0};

	(void)state;
	char *path =
	    demo_config_with("\n[display 1]\nprotocol = alpha\nport = led1\n", dir, sizeof(dir));
	if (!path)
		skip();
	if (config_load(path, &cfg, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(display_config_load(cfg, "1", &dc, &err), SQ_OK);
	snprintf(want, sizeof(want), "%s/led1", dir);
	assert_string_equal(dc.serial.path, want);
	assert_int_equal(display_config_load(cfg, "9", &dc, &err), SQ_ERR_NOTFOUND);
	config_free(cfg);
	unlink(path);
	free(path);
	rmdir(dir);

	/*
	 * config_load() lists a bad display section, naming file and line, and
	 * loads the rest: the display stays off, the queue runs.
	 */
	path = demo_config_with("\n[display 1]\nprotocol = alpha\nport = led1\nspeed = 3\n", dir,
	                        sizeof(dir));
	assert_int_equal(config_load(path, &cfg, &err), SQ_OK);
	assert_int_equal(cfg->n_device_faults, 1);
	assert_non_null(strstr(cfg->device_faults[0], "office.ini:"));
	assert_non_null(strstr(cfg->device_faults[0], ": [display 1] key 'speed': unknown key"));
	assert_int_equal(display_config_load(cfg, "1", &dc, &err), SQ_ERR_INVALID);
	config_free(cfg);
	unlink(path);
	free(path);
	rmdir(dir);
}

/* A counter 5 serving service A on [display tiny], whose keys are given. */
static void
expect_code_width(const char *display_keys, const char *want)
{
	char dir[64], extra[512];
	struct config *cfg = NULL;
	struct display_config dc;
	struct sq_error err = {0};

	snprintf(extra, sizeof(extra),
	         "\n[counter 5]\nlocation_th = ชั้น 2\nlocation_en = Floor 2\nservices = C, A\n"
	         "display = tiny\n[display tiny]\nport = led5\n%s",
	         display_keys);
	char *path = demo_config_with(extra, dir, sizeof(dir));
	if (!path)
		skip();
	assert_int_equal(config_load(path, &cfg, &err), SQ_OK);
	if (want) {
		assert_int_equal(cfg->n_device_faults, 1);
		if (!strstr(cfg->device_faults[0], want))
			fail_msg("expected '%s' in '%s'", want, cfg->device_faults[0]);
		/* The display stays off: opening it refuses it the same way. */
		assert_int_equal(display_config_load(cfg, "tiny", &dc, &err), SQ_ERR_INVALID);
		assert_string_equal(err.msg, cfg->device_faults[0]);
	} else {
		assert_int_equal(cfg->n_device_faults, 0);
		assert_int_equal(display_config_load(cfg, "tiny", &dc, &err), SQ_OK);
	}
	config_free(cfg);
	unlink(path);
	free(path);
	rmdir(dir);
}

/* A display narrower than a code it can get is refused (issue 10 item 8). */
static void
test_display_proto_config_width_fits_codes(void **state)
{
	(void)state;
	expect_code_width("protocol = ascii\nwidth = 3\n",
	                  "[display tiny] key 'width': 3 is too narrow for code C999 of counter 5, "
	                  "which needs 4 characters");
	/* A recall marker gives way to the code on the display, so it needs no room here. */
	expect_code_width("protocol = alpha\nwidth = 4\nrecall_marker = *\n", NULL);
	expect_code_width("protocol = modbus\nwidth = 2\nmodbus_profile = b\n",
	                  "key 'width': 2 is too narrow for code C999 of counter 5, which needs 3 "
	                  "characters");
	expect_code_width("protocol = ascii\nwidth = 4\n", NULL);
	expect_code_width("protocol = modbus\nwidth = 3\nnumeric = yes\n", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_display_proto_modbus_a_show_12),
	    cmocka_unit_test(test_display_proto_modbus_b_show_12),
	    cmocka_unit_test(test_display_proto_modbus_a_text),
	    cmocka_unit_test(test_display_proto_crc_matches_bitwise),
	    cmocka_unit_test(test_display_proto_alpha_worked_example),
	    cmocka_unit_test(test_display_proto_alpha_checksum),
	    cmocka_unit_test(test_display_proto_alpha_recall_flashes),
	    cmocka_unit_test(test_display_proto_ascii_stx_etx),
	    cmocka_unit_test(test_display_proto_ascii_dollar_line),
	    cmocka_unit_test(test_display_proto_ascii_sum_and_xor),
	    cmocka_unit_test(test_display_proto_address_formats),
	    cmocka_unit_test(test_display_proto_truncates_and_pads),
	    cmocka_unit_test(test_display_proto_thai_input),
	    cmocka_unit_test(test_display_proto_never_cuts_a_code),
	    cmocka_unit_test(test_display_proto_decode_round_trip),
	    cmocka_unit_test(test_display_proto_describe_lines),
	    cmocka_unit_test(test_display_proto_config_defaults_and_keys),
	    cmocka_unit_test(test_display_proto_config_errors),
	    cmocka_unit_test(test_display_proto_config_load_checks_and_resolves),
	    cmocka_unit_test(test_display_proto_config_width_fits_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
