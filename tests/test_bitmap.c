/* Unit tests of bitmap.c: dots, QR codes, cropping and the PNG writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL2/SDL.h>
#include <zlib.h>

#include "bitmap.h"

static void
test_bitmap_set_get_msb_first(void **state)
{
	struct bitmap *bm = NULL;

	(void)state;
	assert_int_equal(bitmap_create(20, 3, &bm, NULL), SQ_OK);
	assert_int_equal(bitmap_stride(bm), 3);
	bitmap_set(bm, 0, 1, true);
	bitmap_set(bm, 9, 1, true);
	bitmap_set(bm, 19, 2, true);
	bitmap_set(bm, 20, 2, true); /* outside: clipped */
	bitmap_set(bm, -1, 0, true); /* outside: clipped */
	assert_int_equal(bitmap_row(bm, 1)[0], 0x80);
	assert_int_equal(bitmap_row(bm, 1)[1], 0x40);
	assert_int_equal(bitmap_row(bm, 2)[2], 0x10);
	assert_true(bitmap_get(bm, 9, 1));
	assert_false(bitmap_get(bm, 8, 1));
	assert_false(bitmap_get(bm, 99, 1));
	bitmap_set(bm, 9, 1, false);
	assert_false(bitmap_get(bm, 9, 1));
	assert_int_equal(bitmap_count_black(bm), 2);
	bitmap_destroy(bm);
	bitmap_destroy(NULL);
}

static void
test_bitmap_rejects_bad_sizes(void **state)
{
	struct bitmap *bm = (struct bitmap *)1;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(bitmap_create(0, 10, &bm, &err), SQ_ERR_INVALID);
	assert_null(bm);
	assert_non_null(strstr(err.msg, "out of range"));
	assert_int_equal(bitmap_create(10, -1, &bm, NULL), SQ_ERR_INVALID);
}

static void
test_bitmap_fill_rect_clips(void **state)
{
	struct bitmap *bm = NULL;

	(void)state;
	assert_int_equal(bitmap_create(10, 10, &bm, NULL), SQ_OK);
	bitmap_fill_rect(bm, -5, 8, 100, 100, true);
	assert_int_equal(bitmap_count_black(bm), 20);
	assert_int_equal(bitmap_used_height(bm), 10);
	bitmap_fill_rect(bm, 0, 9, 10, 1, false);
	assert_int_equal(bitmap_used_height(bm), 9);
	bitmap_destroy(bm);
}

static void
test_bitmap_set_height_crops_and_grows_white(void **state)
{
	struct bitmap *bm = NULL;

	(void)state;
	assert_int_equal(bitmap_create(16, 4, &bm, NULL), SQ_OK);
	bitmap_fill_rect(bm, 0, 0, 16, 4, true);
	assert_int_equal(bitmap_set_height(bm, 2, NULL), SQ_OK);
	assert_int_equal(bitmap_height(bm), 2);
	assert_int_equal(bitmap_set_height(bm, 5, NULL), SQ_OK);
	assert_int_equal(bitmap_count_black(bm), 32);
	assert_int_equal(bitmap_used_height(bm), 2);
	assert_int_equal(bitmap_set_height(bm, 0, NULL), SQ_OK);
	assert_int_equal(bitmap_used_height(bm), 0);
	bitmap_destroy(bm);
}

static void
test_bitmap_blit_surface_threshold(void **state)
{
	struct bitmap *bm = NULL;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 3, 1, 32, SDL_PIXELFORMAT_ARGB8888);
	Uint32 *px;

	(void)state;
	assert_non_null(s);
	px = s->pixels;
	px[0] = 0xFF000000; /* opaque black: ink 255 */
	px[1] = 0x40000000; /* faint black: ink 64 */
	px[2] = 0xFFFFFFFF; /* opaque white: no ink */
	assert_int_equal(bitmap_create(8, 2, &bm, NULL), SQ_OK);
	assert_int_equal(bitmap_blit_surface(bm, s, 1, 1, 128, true, NULL), SQ_OK);
	assert_true(bitmap_get(bm, 1, 1));
	assert_false(bitmap_get(bm, 2, 1));
	assert_false(bitmap_get(bm, 3, 1));
	assert_int_equal(bitmap_blit_surface(bm, s, 1, 1, 64, true, NULL), SQ_OK);
	assert_true(bitmap_get(bm, 2, 1));
	/* White on black: ink clears dots. */
	assert_int_equal(bitmap_blit_surface(bm, s, 1, 1, 128, false, NULL), SQ_OK);
	assert_false(bitmap_get(bm, 1, 1));
	SDL_FreeSurface(s);
	bitmap_destroy(bm);
}

static void
test_bitmap_qr_has_finder_patterns(void **state)
{
	struct bitmap *qr = NULL;
	const int m = 3, q = 4;

	(void)state;
	assert_int_equal(bitmap_qr("https://saduak.go.th/t/1", m, q, &qr, NULL), SQ_OK);
	assert_int_equal(bitmap_width(qr), bitmap_height(qr));
	assert_int_equal(bitmap_width(qr) % m, 0);
	/* Quiet zone white, finder pattern corner black, its inner ring white. */
	assert_false(bitmap_get(qr, q * m - 1, q * m - 1));
	assert_true(bitmap_get(qr, q * m, q * m));
	assert_true(bitmap_get(qr, q * m + 6 * m, q * m));
	assert_false(bitmap_get(qr, q * m + 1 * m, q * m + 1 * m));
	assert_true(bitmap_get(qr, q * m + 3 * m, q * m + 3 * m));
	bitmap_destroy(qr);
	assert_int_equal(bitmap_qr("x", 0, 4, &qr, NULL), SQ_ERR_INVALID);
	assert_null(qr);
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
test_bitmap_png_decodes_to_same_dots(void **state)
{
	char path[] = "/tmp/test_bitmap_XXXXXX";
	struct bitmap *bm = NULL;
	uint8_t file[65536], raw[4096];
	uLongf raw_len = sizeof(raw);
	size_t n;
	FILE *fp;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(bitmap_create(13, 5, &bm, NULL), SQ_OK);
	bitmap_set(bm, 0, 0, true);
	bitmap_set(bm, 12, 4, true);
	bitmap_fill_rect(bm, 3, 2, 5, 1, true);
	assert_int_equal(bitmap_write_png(bm, path, NULL), SQ_OK);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	n = fread(file, 1, sizeof(file), fp);
	fclose(fp);
	unlink(path);

	assert_memory_equal(file, "\x89PNG\r\n\x1a\n", 8);
	assert_int_equal(be32(file + 8), 13);
	assert_memory_equal(file + 12, "IHDR", 4);
	assert_int_equal(be32(file + 16), 13);
	assert_int_equal(be32(file + 20), 5);
	assert_int_equal(file[24], 1); /* bit depth */
	assert_int_equal(file[25], 0); /* greyscale */
	assert_int_equal(crc32(crc32(0, NULL, 0), file + 12, 17), be32(file + 29));
	{
		const uint8_t *idat = file + 33;
		uint32_t len = be32(idat);

		assert_memory_equal(idat + 4, "IDAT", 4);
		assert_true(33 + 12 + len + 12 == n);
		assert_int_equal(uncompress(raw, &raw_len, idat + 8, len), Z_OK);
	}
	assert_int_equal(raw_len, 5 * (1 + 2));
	for (int y = 0; y < 5; y++) {
		assert_int_equal(raw[y * 3], 0); /* filter: none */
		for (int x = 0; x < 13; x++) {
			bool white = raw[y * 3 + 1 + x / 8] & (0x80 >> (x % 8));

			assert_int_equal(!white, bitmap_get(bm, x, y));
		}
	}
	bitmap_destroy(bm);
}

static void
test_bitmap_png_reports_bad_path(void **state)
{
	struct bitmap *bm = NULL;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(bitmap_create(8, 1, &bm, NULL), SQ_OK);
	assert_int_equal(bitmap_write_png(bm, "/nonexistent/dir/x.png", &err), SQ_ERR_IO);
	assert_non_null(strstr(err.msg, "'/nonexistent/dir/x.png'"));
	bitmap_destroy(bm);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bitmap_set_get_msb_first),
	    cmocka_unit_test(test_bitmap_rejects_bad_sizes),
	    cmocka_unit_test(test_bitmap_fill_rect_clips),
	    cmocka_unit_test(test_bitmap_set_height_crops_and_grows_white),
	    cmocka_unit_test(test_bitmap_blit_surface_threshold),
	    cmocka_unit_test(test_bitmap_qr_has_finder_patterns),
	    cmocka_unit_test(test_bitmap_png_decodes_to_same_dots),
	    cmocka_unit_test(test_bitmap_png_reports_bad_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
