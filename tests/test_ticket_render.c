/*
 * Unit tests of ticket_render.c: whole tickets at 58 and 80 mm, their
 * ESC/POS bytes and the raster decoded back. The PNGs go to a temporary
 * folder, kept (and printed) when SADUAK_KEEP_TICKETS is set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "thaitime.h"
#include "ticket_render.h"

struct fixture {
	struct text_engine *eng;
	char dir[64];
};

/* A wide spread: the ticket prints a range. */
static const struct estimate full_wait = {
    .kind = ESTIMATE_RANGE, .minutes = 20, .low = 15, .high = 25};

static const struct ticket_print full_ticket = {
    .office_th = "สำนักงานเขตสะดวก",
    .office_en = "Saduak District Office",
    .service_th = "ทำบัตรประจำตัวประชาชน",
    .service_en = "National ID card",
    .code = "A012",
    .priority_th = "ผู้สูงอายุ",
    .priority_en = "Elderly",
    .people_ahead = 5,
    .wait = &full_wait,
    .counters_th = "ช่อง 1-3 ชั้น 1",
    .counters_en = "counters 1-3, floor 1",
    .url_template = "https://q.saduak.go.th/t/{ref}",
    .ref = "20261123-0042",
    .phone = "0 2123 4567",
    .channels_th = "ไลน์ @saduak  www.saduak.go.th",
    .channels_en = "LINE @saduak  www.saduak.go.th",
    .note_th = "กรุณาเตรียมบัตรประจำตัวประชาชนฉบับเดิม",
    .note_en = "Please bring your old ID card.",
};

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sq_error err = {0};

	if (!fx)
		return -1;
	if (thaitime_set_zone("Asia/Bangkok", &err) != SQ_OK ||
	    text_engine_create(NULL, &fx->eng, &err) != SQ_OK) {
		print_error("%s\n", err.msg);
		free(fx);
		return -1;
	}
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/test_ticket_XXXXXX");
	if (!mkdtemp(fx->dir)) {
		text_engine_destroy(fx->eng);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	if (getenv("SADUAK_KEEP_TICKETS")) {
		print_message("tickets kept in %s\n", fx->dir);
	} else {
		char path[128];

		snprintf(path, sizeof(path), "%s/ticket-384.png", fx->dir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/ticket-576.png", fx->dir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/ticket-minimal.png", fx->dir);
		unlink(path);
		rmdir(fx->dir);
	}
	text_engine_destroy(fx->eng);
	free(fx);
	return 0;
}

/* Render t at width, check it and its bytes; returns the encoded size. */
static size_t
check_ticket(struct fixture *fx, const struct ticket_print *t, int width, const char *name)
{
	struct bitmap *bm = NULL, *back = NULL;
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct sq_error err = {0};
	char path[128];
	size_t black, dots, size;

	if (ticket_render(fx->eng, t, width, &bm, &err) != SQ_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(bitmap_width(bm), width);
	/* Cropped to its content, which ends near the bottom. */
	assert_true(bitmap_used_height(bm) <= bitmap_height(bm));
	assert_true(bitmap_height(bm) - bitmap_used_height(bm) < 20);
	black = bitmap_count_black(bm);
	dots = (size_t)width * (size_t)bitmap_height(bm);
	assert_true(black > dots / 50);
	assert_true(black < dots / 2);

	assert_int_equal(ticket_encode_escpos(bm, true, &b), SQ_OK);
	size = b.len;
	if (escpos_decode_raster(b.data, b.len, width, &back, &err) != SQ_OK)
		fail_msg("%s", err.msg);
	assert_true(bitmap_equal(bm, back));

	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	if (bitmap_write_png(bm, path, &err) != SQ_OK)
		fail_msg("%s", err.msg);
	print_message("%s: %dx%d dots, %zu bytes of ESC/POS\n", name, width, bitmap_height(bm),
	              size);
	bitmap_destroy(back);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
	return size;
}

static void
test_ticket_render_58mm_full(void **state)
{
	struct fixture *fx = *state;
	struct ticket_print t = full_ticket;
	size_t size;

	t.issued_ms = thaitime_utc_ms(2026, 11, 23, 14, 5);
	size = check_ticket(fx, &t, TICKET_WIDTH_58MM, "ticket-384.png");
	/* About 10 cm of paper; at most 2 s over a 115200 baud serial port. */
	assert_true(size < 40 * 1024);
}

static void
test_ticket_render_80mm_full(void **state)
{
	struct fixture *fx = *state;
	struct ticket_print t = full_ticket;
	size_t size;

	t.issued_ms = thaitime_utc_ms(2026, 11, 23, 14, 5);
	size = check_ticket(fx, &t, TICKET_WIDTH_80MM, "ticket-576.png");
	assert_true(size < 80 * 1024);
}

static void
test_ticket_render_minimal_is_short(void **state)
{
	struct fixture *fx = *state;
	struct ticket_print t = {.code = "B7", .people_ahead = -1};
	struct bitmap *bm = NULL;
	size_t size;

	t.issued_ms = thaitime_utc_ms(2026, 1, 2, 8, 30);
	size = check_ticket(fx, &t, TICKET_WIDTH_58MM, "ticket-minimal.png");
	assert_true(size < 30 * 1024);
	assert_int_equal(ticket_render(fx->eng, &t, TICKET_WIDTH_58MM, &bm, NULL), SQ_OK);
	assert_in_range(bitmap_height(bm), 100, 400);
	bitmap_destroy(bm);
}

static void
test_ticket_render_rejects_bad_input(void **state)
{
	struct fixture *fx = *state;
	struct ticket_print t = full_ticket;
	struct bitmap *bm = (struct bitmap *)1;
	struct sq_error err = {0};

	t.code = NULL;
	assert_int_equal(ticket_render(fx->eng, &t, 384, &bm, &err), SQ_ERR_INVALID);
	assert_null(bm);
	assert_non_null(strstr(err.msg, "number"));
	t.code = "A1";
	assert_int_equal(ticket_render(fx->eng, &t, 100, &bm, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "width 100"));
}

static void
test_ticket_encode_escpos_layout(void **state)
{
	struct bitmap *bm = NULL;
	struct escpos_buf b = ESCPOS_BUF_INIT;
	static const uint8_t head[] = {0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 0x30, 0x00, 0x00, 0x01};
	static const uint8_t cut[] = {0x1D, 0x56, 0x42};
	static const uint8_t tear[] = {0x1B, 0x64, 0x04};

	(void)state;
	assert_int_equal(bitmap_create(384, 300, &bm, NULL), SQ_OK);
	bitmap_fill_rect(bm, 0, 0, 384, 300, true); /* ink to the edge: full-width bands */
	assert_int_equal(ticket_encode_escpos(bm, true, &b), SQ_OK);
	assert_memory_equal(b.data, head, sizeof(head)); /* first band: 256 rows */
	assert_int_equal(b.len, 2 + 2 * 8 + 300 * 48 + 4);
	assert_memory_equal(b.data + b.len - 4, cut, sizeof(cut));
	escpos_buf_release(&b);
	assert_int_equal(ticket_encode_escpos(bm, false, &b), SQ_OK);
	assert_memory_equal(b.data + b.len - 3, tear, sizeof(tear));
	escpos_buf_release(&b);
	bitmap_destroy(bm);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ticket_render_58mm_full),
	    cmocka_unit_test(test_ticket_render_80mm_full),
	    cmocka_unit_test(test_ticket_render_minimal_is_short),
	    cmocka_unit_test(test_ticket_render_rejects_bad_input),
	    cmocka_unit_test(test_ticket_encode_escpos_layout),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
