#include "bitmap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>
#include <qrencode.h>

#include "png.h"

struct bitmap {
	int width;
	int height;
	size_t stride;
	uint8_t *bits; /* height * stride bytes; NULL when height is 0 */
};

int
bitmap_create(int width, int height, struct bitmap **out, struct sq_error *err)
{
	struct bitmap *bm;

	*out = NULL;
	if (width < 1 || width > BITMAP_MAX_WIDTH || height < 0 || height > BITMAP_MAX_HEIGHT)
		return sq_error_set(err, SQ_ERR_INVALID, "bitmap size %dx%d is out of range", width,
		                    height);
	bm = calloc(1, sizeof(*bm));
	if (!bm)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for a bitmap");
	bm->width = width;
	bm->height = height;
	bm->stride = ((size_t)width + 7) / 8;
	if (height > 0) {
		bm->bits = calloc((size_t)height, bm->stride);
		if (!bm->bits) {
			free(bm);
			return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for a %dx%d bitmap",
			                    width, height);
		}
	}
	*out = bm;
	return SQ_OK;
}

void
bitmap_destroy(struct bitmap *bm)
{
	if (!bm)
		return;
	free(bm->bits);
	free(bm);
}

int
bitmap_width(const struct bitmap *bm)
{
	return bm->width;
}

int
bitmap_height(const struct bitmap *bm)
{
	return bm->height;
}

size_t
bitmap_stride(const struct bitmap *bm)
{
	return bm->stride;
}

const uint8_t *
bitmap_row(const struct bitmap *bm, int y)
{
	return bm->bits + (size_t)y * bm->stride;
}

uint8_t *
bitmap_row_mut(struct bitmap *bm, int y)
{
	return bm->bits + (size_t)y * bm->stride;
}

void
bitmap_set(struct bitmap *bm, int x, int y, bool black)
{
	uint8_t *p;
	uint8_t mask;

	if (x < 0 || y < 0 || x >= bm->width || y >= bm->height)
		return;
	p = bm->bits + (size_t)y * bm->stride + (size_t)x / 8;
	mask = (uint8_t)(0x80u >> (x % 8));
	if (black)
		*p |= mask;
	else
		*p &= (uint8_t)~mask;
}

bool
bitmap_get(const struct bitmap *bm, int x, int y)
{
	if (x < 0 || y < 0 || x >= bm->width || y >= bm->height)
		return false;
	return (bm->bits[(size_t)y * bm->stride + (size_t)x / 8] & (0x80u >> (x % 8))) != 0;
}

void
bitmap_fill_rect(struct bitmap *bm, int x, int y, int w, int h, bool black)
{
	int x0 = SDL_max(x, 0), y0 = SDL_max(y, 0);
	int x1 = SDL_min((long)x + w, bm->width), y1 = SDL_min((long)y + h, bm->height);

	for (int yy = y0; yy < y1; yy++)
		for (int xx = x0; xx < x1; xx++)
			bitmap_set(bm, xx, yy, black);
}

int
bitmap_blit_surface(struct bitmap *bm, SDL_Surface *s, int x, int y, int threshold, bool black,
                    struct sq_error *err)
{
	SDL_Surface *conv = s;
	const SDL_PixelFormat *fmt;

	if (s->format->format != SDL_PIXELFORMAT_ARGB8888) {
		conv = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
		if (!conv)
			return sq_error_set(err, SQ_ERR_NOMEM, "unable to convert a surface: %s",
			                    SDL_GetError());
	}
	fmt = conv->format;
	if (SDL_MUSTLOCK(conv))
		SDL_LockSurface(conv);
	for (int sy = 0; sy < conv->h; sy++) {
		const Uint32 *row =
		    (const Uint32 *)((const Uint8 *)conv->pixels + (size_t)sy * conv->pitch);

		if (y + sy < 0 || y + sy >= bm->height)
			continue;
		for (int sx = 0; sx < conv->w; sx++) {
			Uint8 r, g, b, a;
			int lum, ink;

			SDL_GetRGBA(row[sx], fmt, &r, &g, &b, &a);
			lum = (r * 299 + g * 587 + b * 114) / 1000;
			ink = a * (255 - lum) / 255;
			if (ink >= threshold)
				bitmap_set(bm, x + sx, y + sy, black);
		}
	}
	if (SDL_MUSTLOCK(conv))
		SDL_UnlockSurface(conv);
	if (conv != s)
		SDL_FreeSurface(conv);
	return SQ_OK;
}

void
bitmap_blit(struct bitmap *dst, const struct bitmap *src, int x, int y)
{
	for (int sy = 0; sy < src->height; sy++)
		for (int sx = 0; sx < src->width; sx++)
			if (bitmap_get(src, sx, sy))
				bitmap_set(dst, x + sx, y + sy, true);
}

int
bitmap_qr(const char *text, int module, int quiet, struct bitmap **out, struct sq_error *err)
{
	QRcode *qr;
	struct bitmap *bm;
	int side, rc;

	*out = NULL;
	if (module < 1 || module > 64 || quiet < 0 || quiet > 16)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "qr module %d or quiet zone %d is out of range", module, quiet);
	errno = 0;
	qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!qr) {
		if (errno == ENOMEM)
			return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for a qr code");
		return sq_error_set(err, SQ_ERR_INVALID, "unable to encode '%.60s' as a qr code",
		                    text);
	}
	side = (qr->width + 2 * quiet) * module;
	rc = bitmap_create(side, side, &bm, err);
	if (rc != SQ_OK) {
		QRcode_free(qr);
		return rc;
	}
	for (int my = 0; my < qr->width; my++)
		for (int mx = 0; mx < qr->width; mx++)
			if (qr->data[my * qr->width + mx] & 1)
				bitmap_fill_rect(bm, (mx + quiet) * module, (my + quiet) * module,
				                 module, module, true);
	QRcode_free(qr);
	*out = bm;
	return SQ_OK;
}

int
bitmap_used_height(const struct bitmap *bm)
{
	for (int y = bm->height - 1; y >= 0; y--) {
		const uint8_t *row = bitmap_row(bm, y);

		for (size_t i = 0; i < bm->stride; i++)
			if (row[i])
				return y + 1;
	}
	return 0;
}

int
bitmap_set_height(struct bitmap *bm, int height, struct sq_error *err)
{
	uint8_t *bits;

	if (height < 0 || height > BITMAP_MAX_HEIGHT)
		return sq_error_set(err, SQ_ERR_INVALID, "bitmap height %d is out of range",
		                    height);
	if (height == bm->height)
		return SQ_OK;
	if (height == 0) {
		free(bm->bits);
		bm->bits = NULL;
		bm->height = 0;
		return SQ_OK;
	}
	bits = realloc(bm->bits, (size_t)height * bm->stride);
	if (!bits)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for %d bitmap rows", height);
	if (height > bm->height)
		memset(bits + (size_t)bm->height * bm->stride, 0,
		       (size_t)(height - bm->height) * bm->stride);
	bm->bits = bits;
	bm->height = height;
	return SQ_OK;
}

bool
bitmap_equal(const struct bitmap *a, const struct bitmap *b)
{
	if (a->width != b->width || a->height != b->height)
		return false;
	return a->height == 0 || memcmp(a->bits, b->bits, (size_t)a->height * a->stride) == 0;
}

size_t
bitmap_count_black(const struct bitmap *bm)
{
	size_t n = 0;

	for (size_t i = 0; i < (size_t)bm->height * bm->stride; i++)
		n += (size_t)__builtin_popcount(bm->bits[i]);
	return n;
}

int
bitmap_write_png(const struct bitmap *bm, const char *path, struct sq_error *err)
{
	/* One PNG writer for the project: png.c knows this very layout as PNG_INK1. */
	if (bm->height == 0)
		return sq_error_set(err, SQ_ERR_INVALID, "unable to write '%s': bitmap has no rows",
		                    path);
	return png_write(path, bm->width, bm->height, PNG_INK1, bm->bits, bm->stride, err);
}
