/*
 * libFuzzer target for ESC/POS (escpos.c), both ways. The first byte picks:
 *   decode      the input is what a printer would receive: escpos_next()
 *               walks it command by command, escpos_decode_raster() stacks
 *               its bands into a page; every status byte is parsed
 *   round trip  the input is a picture: its width, height and band size,
 *               then the dots. Encoded with escpos_raster() between the other
 *               commands a ticket holds (init, QR, feed, cut), it must decode
 *               to the same picture.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bitmap.h"
#include "escpos.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
decode(const uint8_t *p, size_t n)
{
	struct escpos_cmd cmd;
	struct escpos_status st = {0};
	struct bitmap *page = NULL;
	size_t at = 0;

	while (at < n && escpos_next(p + at, n - at, &cmd) == SQ_OK) {
		if (cmd.len == 0 || cmd.len > n - at)
			abort(); /* a command must move on and stay inside the input */
		at += cmd.len;
	}
	if (escpos_decode_raster(p, n, 0, &page, NULL) == SQ_OK)
		bitmap_destroy(page);
	for (size_t i = 0; i < n && i < 8; i++)
		escpos_status_parse((enum escpos_status_kind)(i % 5), p[i], &st);
}

static void
round_trip(struct fuzz_input *in)
{
	int width = fuzz_int(in, 1, 600), height = fuzz_int(in, 1, 300);
	int band_rows = fuzz_int(in, 0, 300);
	struct escpos_buf b = ESCPOS_BUF_INIT;
	struct bitmap *bm = NULL, *back = NULL;
	struct sq_error err = {0};

	if (bitmap_create(width, height, &bm, NULL) != SQ_OK)
		abort();
	/* Dots from the input, a byte a row segment, repeating to fill it. */
	for (int y = 0; y < height && in->n > 0; y++) {
		uint8_t *row = bitmap_row_mut(bm, y);

		for (size_t x = 0; x < bitmap_stride(bm); x++)
			row[x] = in->p[((size_t)y * bitmap_stride(bm) + x) % in->n];
		/* No dots past the width: a picture has none there. */
		if (width % 8)
			row[width / 8] &= (uint8_t)(0xFF00u >> (width % 8));
	}
	if (escpos_init(&b) != SQ_OK || escpos_qr(&b, "https://q/A012", 14, 4) != SQ_OK ||
	    escpos_raster(&b, bm, band_rows) != SQ_OK || escpos_feed_lines(&b, 3) != SQ_OK ||
	    escpos_cut(&b, ESCPOS_CUT_PARTIAL, 10) != SQ_OK)
		abort();
	/* The paper is whole bytes wide, as a raster is (384 or 576 dots in use). */
	int paper = (int)bitmap_stride(bm) * 8;
	if (escpos_decode_raster(b.data, b.len, paper, &back, &err) != SQ_OK) {
		fprintf(stderr, "escpos round trip %dx%d bands of %d: %s\n", width, height,
		        band_rows, err.msg);
		abort();
	}
	/* Blank rows at the bottom may be sent or not; the dots must match. */
	if (bitmap_width(back) != paper || bitmap_used_height(back) != bitmap_used_height(bm))
		abort();
	for (int y = 0; y < bitmap_used_height(bm); y++)
		for (int x = 0; x < width; x++)
			if (bitmap_get(bm, x, y) != bitmap_get(back, x, y)) {
				fprintf(stderr, "escpos round trip %dx%d bands of %d: dot %d,%d\n",
				        width, height, band_rows, x, y);
				abort();
			}
	bitmap_destroy(back);
	bitmap_destroy(bm);
	escpos_buf_release(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size};

	if (fuzz_byte(&in) & 1)
		round_trip(&in);
	else
		decode(in.p, in.n);
	return 0;
}
