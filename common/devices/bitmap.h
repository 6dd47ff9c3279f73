/*
 * bitmap.h - a 1-bit picture for thermal printers.
 *
 * Rows run top to bottom; in each row bit 7 of the first byte is the leftmost
 * dot and 1 is black, exactly as ESC/POS GS v 0 wants it, so a row can be
 * sent as it is. A row takes (width + 7) / 8 bytes; unused bits at the end
 * of a row stay 0. Drawing outside the bitmap is clipped, never an error.
 *
 * Ownership: bitmap_create() and bitmap_qr() return a bitmap the caller
 * frees with bitmap_destroy(). Row pointers belong to the bitmap and are
 * invalidated by bitmap_set_height().
 *
 * Threading: no shared state; a bitmap belongs to one thread at a time.
 */
#ifndef SADUAK_BITMAP_H
#define SADUAK_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct SDL_Surface;

#define BITMAP_MAX_WIDTH  65535
#define BITMAP_MAX_HEIGHT 65535

struct bitmap;

/*
 * A white bitmap of width x height dots (width 1..65535, height 0..65535).
 * On failure *out is NULL and the return is SQ_ERR_INVALID or SQ_ERR_NOMEM.
 */
int bitmap_create(int width, int height, struct bitmap **out, struct sq_error *err);

/* Free bm. NULL is a no-op. */
void bitmap_destroy(struct bitmap *bm);

/* Width in dots. */
int bitmap_width(const struct bitmap *bm);

/* Height in rows. */
int bitmap_height(const struct bitmap *bm);

/* Bytes per row: (width + 7) / 8. */
size_t bitmap_stride(const struct bitmap *bm);

/* The bytes of row y (0 <= y < height), owned by bm. */
const uint8_t *bitmap_row(const struct bitmap *bm, int y);

/* The bytes of row y for writing; keep the padding bits at the end 0. */
uint8_t *bitmap_row_mut(struct bitmap *bm, int y);

/* Make the dot at x, y black or white; outside the bitmap nothing happens. */
void bitmap_set(struct bitmap *bm, int x, int y, bool black);

/* Whether the dot at x, y is black; false outside the bitmap. */
bool bitmap_get(const struct bitmap *bm, int x, int y);

/* Make the rectangle x, y, w, h black or white, clipped to the bitmap. */
void bitmap_fill_rect(struct bitmap *bm, int x, int y, int w, int h, bool black);

/*
 * Draw surface s (any SDL format) with its top-left corner at x, y: each
 * pixel whose ink (alpha times darkness, 0..255) reaches threshold makes
 * its dot black (or white when black is false, to write into a black box).
 * Other dots are left alone. Returns SQ_ERR_NOMEM if s could not be
 * converted.
 */
int bitmap_blit_surface(struct bitmap *bm, struct SDL_Surface *s, int x, int y, int threshold,
                        bool black, struct sq_error *err);

/* Copy the black dots of src onto dst with src's top-left corner at x, y. */
void bitmap_blit(struct bitmap *dst, const struct bitmap *src, int x, int y);

/*
 * A new bitmap holding the QR code of text (error correction M, 8-bit
 * mode), each module module x module dots, with quiet modules of white on
 * every side (4 is the standard). On failure *out is NULL: SQ_ERR_INVALID
 * (module outside 1..64, quiet outside 0..16, text too long for a QR code)
 * or SQ_ERR_NOMEM.
 */
int bitmap_qr(const char *text, int module, int quiet, struct bitmap **out, struct sq_error *err);

/* One more than the lowest row holding a black dot; 0 for a white bitmap. */
int bitmap_used_height(const struct bitmap *bm);

/*
 * Crop bm to height rows, or grow it with white rows. Returns
 * SQ_ERR_INVALID for a height outside 0..65535 or SQ_ERR_NOMEM (bm is then
 * unchanged).
 */
int bitmap_set_height(struct bitmap *bm, int height, struct sq_error *err);

/* Whether a and b have the same size and the same dots. */
bool bitmap_equal(const struct bitmap *a, const struct bitmap *b);

/* How many dots are black. */
size_t bitmap_count_black(const struct bitmap *bm);

/*
 * Write bm to path as a 1-bit greyscale PNG (through png.h), replacing
 * the file. Returns SQ_ERR_IO with the path in err, or SQ_ERR_NOMEM.
 */
int bitmap_write_png(const struct bitmap *bm, const char *path, struct sq_error *err);

#endif
