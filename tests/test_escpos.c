/* Unit tests of escpos.c: bytes against shared/spec/hardware.md, decoding, status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bitmap.h"
#include "escpos.h"

/* A bitmap with a pattern that differs on every row and column. */
static struct bitmap *
pattern_bitmap(int w, int h)
{
	struct bitmap *bm = NULL;

	assert_int_equal(bitmap_create(w, h, &bm, NULL), SQ_OK);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			if ((x * 7 + y * 13 + (x ^ y)) % 5 == 0)
				bitmap_set(bm, x, y, true);
	return bm;
}

static void
test_escpos_init_bytes(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	static const uint8_t want[] = {0x1B, 0x40};

	(void)state;
	assert_int_equal(escpos_init(&b), SQ_OK);
	assert_int_equal(b.len, sizeof(want));
	assert_memory_equal(b.data, want, sizeof(want));
	escpos_buf_release(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

static void
test_escpos_raster_header(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct bitmap *bm = pattern_bitmap(384, 10);
	static const uint8_t want[] = {0x1D, 0x76, 0x30, 0x00, 0x30, 0x00, 0x0A, 0x00};

	(void)state;
	assert_int_equal(escpos_raster(&b, bm, 0), SQ_OK);
	assert_int_equal(b.len, 8 + 48 * 10);
	assert_memory_equal(b.data, want, sizeof(want));
	/* The rows follow as they are: MSB = leftmost dot, 1 = black. */
	assert_memory_equal(b.data + 8, bitmap_row(bm, 0), 48 * 10);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

static void
test_escpos_raster_odd_width_pads_bytes(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct bitmap *bm = NULL;

	(void)state;
	assert_int_equal(bitmap_create(10, 1, &bm, NULL), SQ_OK);
	bitmap_set(bm, 0, 0, true);
	bitmap_set(bm, 9, 0, true);
	assert_int_equal(escpos_raster(&b, bm, 0), SQ_OK);
	assert_int_equal(b.len, 10);
	assert_int_equal(b.data[4], 2); /* xL: (10 + 7) / 8 bytes */
	assert_int_equal(b.data[5], 0);
	assert_int_equal(b.data[8], 0x80);
	assert_int_equal(b.data[9], 0x40);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

static void
test_escpos_raster_bands_of_256(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct bitmap *bm = pattern_bitmap(384, 600);
	const size_t rows[] = {256, 256, 88};
	size_t off = 0;

	(void)state;
	assert_int_equal(escpos_raster(&b, bm, 0), SQ_OK);
	assert_int_equal(b.len, 3 * 8 + 48 * 600);
	for (size_t i = 0, y = 0; i < 3; i++) {
		const uint8_t head[] = {0x1D,
		                        0x76,
		                        0x30,
		                        0x00,
		                        0x30,
		                        0x00,
		                        (uint8_t)(rows[i] & 0xFF),
		                        (uint8_t)(rows[i] >> 8)};

		assert_memory_equal(b.data + off, head, sizeof(head));
		assert_memory_equal(b.data + off + 8, bitmap_row(bm, (int)y), 48 * rows[i]);
		off += 8 + 48 * rows[i];
		y += rows[i];
	}
	assert_int_equal(off, b.len);
	assert_int_equal(escpos_raster(&b, bm, -1), SQ_ERR_INVALID);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

static void
test_escpos_cut_bytes(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	static const uint8_t want[] = {0x1D, 0x56, 0x42, 0x18, 0x1D, 0x56,
	                               0x41, 0x00, 0x1B, 0x64, 0x04};

	(void)state;
	assert_int_equal(escpos_cut(&b, ESCPOS_CUT_PARTIAL, 24), SQ_OK);
	assert_int_equal(escpos_cut(&b, ESCPOS_CUT_FULL, 0), SQ_OK);
	assert_int_equal(escpos_feed_lines(&b, 4), SQ_OK);
	assert_int_equal(b.len, sizeof(want));
	assert_memory_equal(b.data, want, sizeof(want));
	escpos_buf_release(&b);
}

static void
test_escpos_qr_bytes(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	static const uint8_t want[] = {
	    0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06,                /* module size 6 */
	    0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,                /* error correction M */
	    0x1D, 0x28, 0x6B, 0x06, 0x00, 0x31, 0x50, 0x30, 'A', 'B', 'C', /* store, pL = 3 + 3 */
	    0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,                /* print */
	};

	(void)state;
	assert_int_equal(escpos_qr(&b, "ABC", 3, 6), SQ_OK);
	assert_int_equal(b.len, sizeof(want));
	assert_memory_equal(b.data, want, sizeof(want));
	assert_int_equal(escpos_qr(&b, "ABC", 3, 0), SQ_ERR_INVALID);
	assert_int_equal(escpos_qr(&b, "ABC", 3, 17), SQ_ERR_INVALID);
	assert_int_equal(b.len, sizeof(want));
	escpos_buf_release(&b);
}

static void
test_escpos_qr_long_data_length_bytes(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	char data[300];

	(void)state;
	memset(data, 'x', sizeof(data));
	assert_int_equal(escpos_qr(&b, data, sizeof(data), 4), SQ_OK);
	/* pL pH = 303 = 0x012F */
	assert_int_equal(b.data[16 + 3], 0x2F);
	assert_int_equal(b.data[16 + 4], 0x01);
	escpos_buf_release(&b);
}

static void
test_escpos_status_request_bytes(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	static const uint8_t want[] = {0x10, 0x04, 0x04, 0x10, 0x04, 0x02};

	(void)state;
	assert_int_equal(escpos_status_request(&b, ESCPOS_STATUS_PAPER), SQ_OK);
	assert_int_equal(escpos_status_request(&b, ESCPOS_STATUS_OFFLINE), SQ_OK);
	assert_int_equal(escpos_status_request(&b, (enum escpos_status_kind)5), SQ_ERR_INVALID);
	assert_int_equal(b.len, sizeof(want));
	assert_memory_equal(b.data, want, sizeof(want));
	escpos_buf_release(&b);
}

static void
test_escpos_status_parse_paper(void **state)
{
	struct escpos_status st;

	(void)state;
	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, 0x12, &st), SQ_OK);
	assert_false(st.paper_near_end);
	assert_false(st.paper_out);
	assert_true(escpos_status_ready(&st));

	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, 0x1E, &st), SQ_OK);
	assert_true(st.paper_near_end);
	assert_false(st.paper_out);
	assert_true(escpos_status_ready(&st)); /* near end still prints */

	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, 0x72, &st), SQ_OK);
	assert_false(st.paper_near_end);
	assert_true(st.paper_out);
	assert_false(escpos_status_ready(&st));
}

static void
test_escpos_status_parse_offline(void **state)
{
	struct escpos_status st;

	(void)state;
	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(ESCPOS_STATUS_OFFLINE, 0x12, &st), SQ_OK);
	assert_true(escpos_status_ready(&st));

	assert_int_equal(escpos_status_parse(ESCPOS_STATUS_OFFLINE, 0x16, &st), SQ_OK);
	assert_true(st.cover_open);
	assert_false(st.paper_end_stop);
	assert_true(st.offline);

	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(ESCPOS_STATUS_OFFLINE, 0x32, &st), SQ_OK);
	assert_false(st.cover_open);
	assert_true(st.paper_end_stop);
	assert_false(escpos_status_ready(&st));

	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PRINTER, 0x1A, &st), SQ_OK);
	assert_true(st.offline);
}

static void
test_escpos_status_parse_rejects_garbage(void **state)
{
	struct escpos_status st;

	(void)state;
	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, 0xFF, &st), SQ_ERR_INVALID);
	assert_int_equal(escpos_status_parse(ESCPOS_STATUS_PAPER, 0x00, &st), SQ_ERR_INVALID);
	assert_int_equal(escpos_status_parse((enum escpos_status_kind)9, 0x12, &st),
	                 SQ_ERR_INVALID);
	assert_false(st.paper_out || st.paper_near_end || st.cover_open || st.offline);
}

static void
test_escpos_roundtrip_equals_bitmap(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct bitmap *bm = pattern_bitmap(576, 700);
	struct bitmap *back = NULL;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(escpos_init(&b), SQ_OK);
	assert_int_equal(escpos_raster(&b, bm, 0), SQ_OK);
	assert_int_equal(escpos_cut(&b, ESCPOS_CUT_PARTIAL, 24), SQ_OK);
	assert_int_equal(escpos_decode_raster(b.data, b.len, 576, &back, &err), SQ_OK);
	assert_true(bitmap_equal(bm, back));
	bitmap_destroy(back);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

static void
test_escpos_decode_skips_other_commands(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct bitmap *bm = pattern_bitmap(384, 300);
	struct bitmap *back = NULL;

	(void)state;
	/* The same picture sent as two bands with other commands between. */
	assert_int_equal(escpos_init(&b), SQ_OK);
	assert_int_equal(escpos_status_request(&b, ESCPOS_STATUS_PAPER), SQ_OK);
	assert_int_equal(escpos_raster(&b, bm, 100), SQ_OK);
	assert_int_equal(escpos_qr(&b, "https://example.go.th/t/1", 25, 4), SQ_OK);
	assert_int_equal(escpos_feed_lines(&b, 3), SQ_OK);
	assert_int_equal(escpos_buf_append(&b, "hello\n", 6), SQ_OK);
	assert_int_equal(escpos_cut(&b, ESCPOS_CUT_FULL, 0), SQ_OK);
	assert_int_equal(escpos_decode_raster(b.data, b.len, 384, &back, NULL), SQ_OK);
	assert_true(bitmap_equal(bm, back));
	bitmap_destroy(back);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

static void
test_escpos_next_reports_commands(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct escpos_cmd cmd;
	struct bitmap *bm = pattern_bitmap(16, 3);
	size_t off = 0;

	(void)state;
	assert_int_equal(escpos_status_request(&b, ESCPOS_STATUS_OFFLINE), SQ_OK);
	assert_int_equal(escpos_raster(&b, bm, 0), SQ_OK);
	assert_int_equal(escpos_qr(&b, "Q", 1, 3), SQ_OK);
	assert_int_equal(escpos_cut(&b, ESCPOS_CUT_PARTIAL, 7), SQ_OK);

	assert_int_equal(escpos_next(b.data + off, b.len - off, &cmd), SQ_OK);
	assert_int_equal(cmd.kind, ESCPOS_CMD_STATUS);
	assert_int_equal(cmd.arg, 2);
	off += cmd.len;
	assert_int_equal(escpos_next(b.data + off, b.len - off, &cmd), SQ_OK);
	assert_int_equal(cmd.kind, ESCPOS_CMD_RASTER);
	assert_int_equal(cmd.raster_bytes, 2);
	assert_int_equal(cmd.raster_rows, 3);
	off += cmd.len;
	for (int i = 0; i < 4; i++) {
		assert_int_equal(escpos_next(b.data + off, b.len - off, &cmd), SQ_OK);
		assert_int_equal(cmd.kind, ESCPOS_CMD_QR);
		if (i == 2) {
			assert_int_equal(cmd.qr_len, 1);
			assert_int_equal(cmd.qr_data[0], 'Q');
		}
		off += cmd.len;
	}
	assert_int_equal(escpos_next(b.data + off, b.len - off, &cmd), SQ_OK);
	assert_int_equal(cmd.kind, ESCPOS_CMD_CUT);
	assert_int_equal(cmd.arg, 0x42);
	assert_int_equal(cmd.feed, 7);
	off += cmd.len;
	assert_int_equal(off, b.len);
	assert_int_equal(escpos_next(b.data + off, 0, &cmd), SQ_ERR_EMPTY);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

static void
test_escpos_next_waits_for_whole_command(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct escpos_cmd cmd;
	struct bitmap *bm = pattern_bitmap(64, 4);

	(void)state;
	assert_int_equal(escpos_raster(&b, bm, 0), SQ_OK);
	for (size_t n = 1; n < b.len; n++)
		assert_int_equal(escpos_next(b.data, n, &cmd), SQ_ERR_EMPTY);
	assert_int_equal(escpos_next(b.data, b.len, &cmd), SQ_OK);
	assert_int_equal(cmd.len, b.len);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

static void
test_escpos_decode_rejects_bad_streams(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct bitmap *wide = pattern_bitmap(384, 2);
	struct bitmap *out = NULL;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(escpos_init(&b), SQ_OK);
	assert_int_equal(escpos_decode_raster(b.data, b.len, 384, &out, &err), SQ_ERR_EMPTY);
	assert_null(out);
	assert_int_equal(escpos_raster(&b, wide, 0), SQ_OK);
	assert_int_equal(escpos_decode_raster(b.data, b.len - 1, 384, &out, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "cut short"));
	assert_null(out);
	/* A picture wider than the paper it was sent to. */
	assert_int_equal(escpos_decode_raster(b.data, b.len, 200, &out, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "384 dots wide on paper of 200"));
	assert_null(out);
	bitmap_destroy(wide);
	escpos_buf_release(&b);
}

/* Sum of the rows of the GS v 0 bands in b, checking each band's width. */
static size_t
band_rows_checked(const struct escpos_buf *b, size_t max_bytes)
{
	struct escpos_cmd cmd;
	size_t off = 0, rows = 0;

	while (off < b->len) {
		assert_int_equal(escpos_next(b->data + off, b->len - off, &cmd), SQ_OK);
		assert_int_equal(cmd.kind, ESCPOS_CMD_RASTER);
		assert_true(cmd.raster_bytes >= 1 && cmd.raster_bytes <= max_bytes);
		assert_true(cmd.raster_rows >= 1 && cmd.raster_rows <= ESCPOS_BAND_ROWS);
		rows += cmd.raster_rows;
		off += cmd.len;
	}
	return rows;
}

/*
 * White is not sent: a 576-dot picture with ink in two 10-row stripes at the
 * top and bottom and, between them, a block only 100 dots wide, costs the
 * stripes at full width, the block at 13 bytes a row and the white at one
 * byte a row, and decodes back to the same picture on 576-dot paper.
 */
static void
test_escpos_raster_trims_white(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct bitmap *bm = NULL, *back = NULL;
	struct sq_error err = {0};
	size_t full = 72 * 20, block = 13 * 100, white = 600 - 20 - 100;

	(void)state;
	assert_int_equal(bitmap_create(576, 600, &bm, NULL), SQ_OK);
	bitmap_fill_rect(bm, 0, 0, 576, 10, true);
	bitmap_fill_rect(bm, 5, 590, 571, 10, true);
	bitmap_fill_rect(bm, 0, 200, 100, 100, true);
	assert_int_equal(escpos_raster(&b, bm, 0), SQ_OK);
	assert_int_equal(band_rows_checked(&b, 72), 600);
	/* A few headers on top of the inked bytes and a byte per white row. */
	assert_true(b.len >= full + block + white);
	assert_true(b.len <= full + block + white + 6 * 8);
	assert_int_equal(escpos_decode_raster(b.data, b.len, 576, &back, &err), SQ_OK);
	assert_true(bitmap_equal(bm, back));
	bitmap_destroy(back);
	/* Decoded without a paper width, it is as wide as its widest band. */
	assert_int_equal(escpos_decode_raster(b.data, b.len, 0, &back, &err), SQ_OK);
	assert_int_equal(bitmap_width(back), 576);
	bitmap_destroy(back);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

/* A narrow band first, a wider one after: the page widens, nothing moves. */
static void
test_escpos_decode_widens_for_wider_band(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct bitmap *bm = NULL, *back = NULL;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(bitmap_create(384, 100, &bm, NULL), SQ_OK);
	bitmap_fill_rect(bm, 0, 0, 60, 50, true);
	bitmap_fill_rect(bm, 300, 50, 84, 50, true);
	assert_int_equal(escpos_raster(&b, bm, 0), SQ_OK);
	assert_int_equal(escpos_decode_raster(b.data, b.len, 0, &back, &err), SQ_OK);
	assert_true(bitmap_equal(bm, back));
	bitmap_destroy(back);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

/* A blank picture still feeds its length: one-byte bands of white rows. */
static void
test_escpos_raster_blank_picture(void **state)
{
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct bitmap *bm = NULL, *back = NULL;

	(void)state;
	assert_int_equal(bitmap_create(384, 300, &bm, NULL), SQ_OK);
	assert_int_equal(escpos_raster(&b, bm, 0), SQ_OK);
	assert_int_equal(band_rows_checked(&b, 1), 300);
	assert_int_equal(b.len, 2 * 8 + 300);
	assert_int_equal(escpos_decode_raster(b.data, b.len, 384, &back, NULL), SQ_OK);
	assert_true(bitmap_equal(bm, back));
	bitmap_destroy(back);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escpos_init_bytes),
	    cmocka_unit_test(test_escpos_raster_header),
	    cmocka_unit_test(test_escpos_raster_odd_width_pads_bytes),
	    cmocka_unit_test(test_escpos_raster_bands_of_256),
	    cmocka_unit_test(test_escpos_cut_bytes),
	    cmocka_unit_test(test_escpos_qr_bytes),
	    cmocka_unit_test(test_escpos_qr_long_data_length_bytes),
	    cmocka_unit_test(test_escpos_status_request_bytes),
	    cmocka_unit_test(test_escpos_status_parse_paper),
	    cmocka_unit_test(test_escpos_status_parse_offline),
	    cmocka_unit_test(test_escpos_status_parse_rejects_garbage),
	    cmocka_unit_test(test_escpos_roundtrip_equals_bitmap),
	    cmocka_unit_test(test_escpos_decode_skips_other_commands),
	    cmocka_unit_test(test_escpos_next_reports_commands),
	    cmocka_unit_test(test_escpos_next_waits_for_whole_command),
	    cmocka_unit_test(test_escpos_decode_rejects_bad_streams),
	    cmocka_unit_test(test_escpos_raster_trims_white),
	    cmocka_unit_test(test_escpos_raster_blank_picture),
	    cmocka_unit_test(test_escpos_decode_widens_for_wider_band),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
