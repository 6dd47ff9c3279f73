/* Tests of board_layout: the board's boxes and text sizes for any screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "board_layout.h"

/* Screens a board meets: small panels, TVs on their side and upright. */
static const struct {
	int w, h;
} sizes[] = {
    {800, 480},   {1024, 600}, {1280, 720}, {1366, 768},  {1920, 1080},
    {3840, 2160}, {480, 800},  {720, 1280}, {1080, 1920}, {320, 240},
};

/* Every box of l lies in the w x h window, and the five main boxes never overlap. */
static void
check_boxes(const struct board_layout *l, int w, int h)
{
	const struct box win = {0, 0, w, h};
	const struct box main_boxes[] = {l->header, l->call, l->serving, l->waiting, l->notice};

	for (size_t i = 0; i < sizeof(main_boxes) / sizeof(main_boxes[0]); i++) {
		assert_true(box_within(main_boxes[i], win));
		assert_true(main_boxes[i].w > 0 && main_boxes[i].h > 0);
		for (size_t j = i + 1; j < sizeof(main_boxes) / sizeof(main_boxes[0]); j++)
			assert_false(box_overlap(main_boxes[i], main_boxes[j]));
	}
	assert_true(box_within(l->call_code, l->call));
	assert_true(box_within(l->call_counter, l->call));
	assert_true(box_within(l->call_location, l->call));
	assert_false(box_overlap(l->call_code, l->call_counter));
	assert_false(box_overlap(l->call_code, l->call_location));
	/* Rows fit under their labels. */
	assert_true(l->serving_label_h + l->serving_rows * l->serving_row_h <= l->serving.h);
	assert_true(l->waiting_label_h + l->waiting_rows * l->waiting_row_h <= l->waiting.h);
	/* Lines of text fit the boxes that hold them. */
	assert_true(l->code_px * BOARD_CODE_LINE_FACTOR <= l->call_code.h + 1);
	assert_true(LAYOUT_LINE(l->location_px) * 2 <= l->call_location.h + 1);
	assert_true(LAYOUT_LINE(l->row_px) <= l->serving_row_h + 1 || l->serving_rows == 0);
	assert_true(LAYOUT_LINE(l->notice_px) * l->notice_lines <= l->notice.h + 1);
	assert_true(LAYOUT_LINE(l->title_px + l->subtitle_px) <= l->header.h + 1);
	assert_true(LAYOUT_LINE(l->clock_px + l->subtitle_px) <= l->header.h + 1);
}

static void
test_board_layout_boxes_inside_every_screen(void **state)
{
	struct board_layout l;

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		assert_int_equal(board_layout_compute(sizes[i].w, sizes[i].h, 6, 4, &l), SQ_OK);
		check_boxes(&l, sizes[i].w, sizes[i].h);
		assert_int_equal(l.portrait, sizes[i].h > sizes[i].w);
	}
}

static void
test_board_layout_text_scales_with_screen(void **state)
{
	struct board_layout small, big;

	(void)state;
	assert_int_equal(board_layout_compute(800, 480, 6, 4, &small), SQ_OK);
	assert_int_equal(board_layout_compute(1920, 1080, 6, 4, &big), SQ_OK);
	assert_true(big.code_px > small.code_px * 2);
	assert_true(big.row_px > small.row_px);
	assert_true(big.title_px > small.title_px);
	assert_true(big.service_px > small.service_px);
	assert_true(big.notice_px > small.notice_px);
	/* The call is by far the largest text on the board. */
	assert_true(big.code_px >= 2 * big.row_px);
	assert_true(big.code_px >= 2 * big.title_px);
	/* Readable across a room on a 1080p TV: the number at least 150 px. */
	assert_true(big.code_px >= 150);
	assert_int_equal(board_layout_compute(1080, 1920, 6, 4, &big), SQ_OK);
	assert_true(big.code_px >= 150);
	assert_true(big.row_px >= 40);
}

static void
test_board_layout_portrait_stacks(void **state)
{
	struct board_layout l;

	(void)state;
	assert_int_equal(board_layout_compute(1080, 1920, 6, 4, &l), SQ_OK);
	assert_true(l.portrait);
	assert_true(l.header.y < l.call.y);
	assert_true(l.call.y < l.serving.y);
	assert_true(l.serving.y < l.waiting.y);
	assert_true(l.waiting.y < l.notice.y);
	assert_true(l.call.w > 1000);
	assert_int_equal(l.serving_rows, 6);
	assert_int_equal(l.waiting_rows, 4);
	assert_int_equal(board_layout_compute(1920, 1080, 6, 4, &l), SQ_OK);
	assert_false(l.portrait);
	assert_true(l.serving.x > l.call.x + l.call.w);
	assert_true(l.waiting.y > l.call.y + l.call.h);
	assert_int_equal(l.serving_rows, 6);
	assert_int_equal(l.waiting_rows, 4);
}

static void
test_board_layout_many_rows_are_cut_to_fit(void **state)
{
	struct board_layout l;

	(void)state;
	assert_int_equal(board_layout_compute(800, 480, 20, 26, &l), SQ_OK);
	check_boxes(&l, 800, 480);
	assert_true(l.serving_rows < 20);
	assert_true(l.waiting_rows < 26);
	assert_true(l.serving_rows >= 3);
	assert_int_equal(board_layout_compute(1920, 1080, 0, 0, &l), SQ_OK);
	assert_int_equal(l.serving_rows, 0);
	assert_int_equal(l.waiting_rows, 0);
}

static void
test_board_layout_refuses_tiny_windows(void **state)
{
	struct board_layout l;

	(void)state;
	assert_int_equal(board_layout_compute(319, 480, 6, 4, &l), SQ_ERR_INVALID);
	assert_int_equal(board_layout_compute(800, 239, 6, 4, &l), SQ_ERR_INVALID);
	assert_int_equal(board_layout_compute(800, 480, -1, 4, &l), SQ_ERR_INVALID);
	assert_int_equal(board_layout_compute(800, 480, 6, 4, NULL), SQ_ERR_INVALID);
}

static void
test_board_layout_box_helpers(void **state)
{
	(void)state;
	assert_true(box_within((struct box){0, 0, 10, 10}, (struct box){0, 0, 10, 10}));
	assert_false(box_within((struct box){1, 0, 10, 10}, (struct box){0, 0, 10, 10}));
	assert_false(box_overlap((struct box){0, 0, 10, 10}, (struct box){10, 0, 5, 5}));
	assert_true(box_overlap((struct box){0, 0, 10, 10}, (struct box){9, 9, 5, 5}));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_board_layout_boxes_inside_every_screen),
	    cmocka_unit_test(test_board_layout_text_scales_with_screen),
	    cmocka_unit_test(test_board_layout_portrait_stacks),
	    cmocka_unit_test(test_board_layout_many_rows_are_cut_to_fit),
	    cmocka_unit_test(test_board_layout_refuses_tiny_windows),
	    cmocka_unit_test(test_board_layout_box_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
