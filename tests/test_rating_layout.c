/*
 * Tests of rating_layout: the satisfaction screen's faces and buttons for
 * any screen, portrait and landscape.
 *
 * With arguments, `test_rating_layout --print W H` prints the centre of
 * every control ("face.0 X Y", "reason.0 X Y", "skip.0 X Y") for the
 * end-to-end test to tap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rating_layout.h"

/* Screens a rating point meets: small panels, tablets, TVs, upright too. */
static const struct {
	int w, h;
} sizes[] = {
    {800, 480}, {1024, 600}, {1280, 800}, {1366, 768},  {1920, 1080}, {3840, 2160},
    {480, 800}, {600, 1024}, {800, 1280}, {1080, 1920}, {320, 240},
};

/* Whether box is big enough to touch: both sides at least 12 % of the short side. */
static bool
touchable(struct box b, int w, int h)
{
	int s = w < h ? w : h;

	return b.w * 100 >= s * RATING_MIN_TARGET_PCT && b.h * 100 >= s * RATING_MIN_TARGET_PCT;
}

/* Every box of l lies in the window, faces and buttons do not overlap and are touchable. */
static void
check_layout(const struct rating_layout *l, int w, int h)
{
	const struct box win = {0, 0, w, h};

	assert_true(box_within(l->header, win));
	assert_true(box_within(l->question, win));
	assert_true(box_within(l->body, win));
	assert_true(box_within(l->message, win));
	assert_false(box_overlap(l->header, l->question));
	assert_false(box_overlap(l->question, l->body));
	assert_false(box_overlap(l->header, l->message));
	for (int i = 0; i < RATING_FACES; i++) {
		const struct box f = l->face[i];
		const struct box circle = {l->face_cx[i] - l->face_r, l->face_cy[i] - l->face_r,
		                           2 * l->face_r, 2 * l->face_r};

		assert_true(box_within(f, l->body));
		assert_true(touchable(f, w, h));
		/* The drawn face and its words lie in its own cell. */
		assert_true(box_within(circle, f));
		assert_true(box_within(l->face_label[i], f));
		assert_false(box_overlap(circle, l->face_label[i]));
		for (int j = i + 1; j < RATING_FACES; j++)
			assert_false(box_overlap(f, l->face[j]));
	}
	for (int i = 0; i < RATING_REASON_BUTTONS; i++) {
		assert_true(box_within(l->reason[i], l->body));
		assert_true(touchable(l->reason[i], w, h));
		assert_false(box_overlap(l->reason[i], l->skip));
		for (int j = i + 1; j < RATING_REASON_BUTTONS; j++)
			assert_false(box_overlap(l->reason[i], l->reason[j]));
	}
	assert_true(box_within(l->skip, l->body));
	assert_true(touchable(l->skip, w, h));
	/* Lines of text fit the boxes that hold them. */
	assert_true(LAYOUT_LINE(l->title_px + l->subtitle_px) <= l->header.h + 1);
	assert_true(LAYOUT_LINE(l->question_px + l->question_en_px + 2 * l->detail_px) <=
	            l->question.h + 1);
	assert_true(LAYOUT_LINE(l->label_px + l->label_en_px) <= l->face_label[0].h + 2);
	assert_true(LAYOUT_LINE(l->button_px * 175 / 100) <= l->reason[0].h + 1);
}

/* Every size lays out, in the orientation of the window. */
static void
test_rating_layout_fits_every_screen(void **state)
{
	struct rating_layout l;

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		assert_int_equal(rating_layout_compute(sizes[i].w, sizes[i].h, &l), SQ_OK);
		check_layout(&l, sizes[i].w, sizes[i].h);
		assert_int_equal(l.portrait, sizes[i].h > sizes[i].w);
	}
}

/* Faces run best to worst: left to right in landscape, top to bottom in portrait. */
static void
test_rating_layout_faces_in_order(void **state)
{
	struct rating_layout l;

	(void)state;
	assert_int_equal(rating_layout_compute(1280, 800, &l), SQ_OK);
	for (int i = 1; i < RATING_FACES; i++) {
		assert_true(l.face_cx[i] > l.face_cx[i - 1]);
		assert_int_equal(l.face_cy[i], l.face_cy[0]);
	}
	assert_int_equal(rating_layout_compute(1080, 1920, &l), SQ_OK);
	for (int i = 1; i < RATING_FACES; i++) {
		assert_true(l.face_cy[i] > l.face_cy[i - 1]);
		assert_int_equal(l.face_cx[i], l.face_cx[0]);
	}
}

/* A tap on a face's centre finds that face; the header finds none. */
static void
test_rating_layout_hit_tests(void **state)
{
	struct rating_layout l;

	(void)state;
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		assert_int_equal(rating_layout_compute(sizes[k].w, sizes[k].h, &l), SQ_OK);
		for (int i = 0; i < RATING_FACES; i++)
			assert_int_equal(rating_layout_face_at(&l, l.face_cx[i], l.face_cy[i]), i);
		for (int i = 0; i < RATING_REASON_BUTTONS; i++)
			assert_int_equal(rating_layout_reason_at(&l,
			                                         l.reason[i].x + l.reason[i].w / 2,
			                                         l.reason[i].y + l.reason[i].h / 2),
			                 i);
		assert_int_equal(
		    rating_layout_reason_at(&l, l.skip.x + l.skip.w / 2, l.skip.y + l.skip.h / 2),
		    RATING_HIT_SKIP);
		assert_int_equal(rating_layout_face_at(&l, 1, 1), RATING_HIT_NONE);
		assert_int_equal(rating_layout_reason_at(&l, 1, 1), RATING_HIT_NONE);
	}
}

/* Too small a window, or no output, is refused. */
static void
test_rating_layout_refuses_tiny_windows(void **state)
{
	struct rating_layout l;

	(void)state;
	assert_int_equal(rating_layout_compute(RATING_MIN_W - 1, 600, &l), SQ_ERR_INVALID);
	assert_int_equal(rating_layout_compute(800, RATING_MIN_H - 1, &l), SQ_ERR_INVALID);
	assert_int_equal(rating_layout_compute(800, 480, NULL), SQ_ERR_INVALID);
}

/* --print W H: the centre of every control, one per line. */
static int
print_controls(const char *ws, const char *hs)
{
	struct rating_layout l;
	int w = atoi(ws), h = atoi(hs);

	if (rating_layout_compute(w, h, &l) != SQ_OK) {
		fprintf(stderr, "test_rating_layout: %sx%s is not a size to lay out\n", ws, hs);
		return 1;
	}
	for (int i = 0; i < RATING_FACES; i++)
		printf("face.%d %d %d\n", i, l.face_cx[i], l.face_cy[i]);
	for (int i = 0; i < RATING_REASON_BUTTONS; i++)
		printf("reason.%d %d %d\n", i, l.reason[i].x + l.reason[i].w / 2,
		       l.reason[i].y + l.reason[i].h / 2);
	printf("skip.0 %d %d\n", l.skip.x + l.skip.w / 2, l.skip.y + l.skip.h / 2);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* Run the tests, or --print the controls for the end-to-end test. */
int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rating_layout_fits_every_screen),
	    cmocka_unit_test(test_rating_layout_faces_in_order),
	    cmocka_unit_test(test_rating_layout_hit_tests),
	    cmocka_unit_test(test_rating_layout_refuses_tiny_windows),
	};

	if (argc == 4 && strcmp(argv[1], "--print") == 0)
		return print_controls(argv[2], argv[3]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
