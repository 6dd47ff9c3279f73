/*
 * png.h - write a picture as a PNG file, for screenshots of the screens and
 * for the images of printed tickets. Pure apart from the one file it writes;
 * compression by zlib. Thread-safe.
 */
#ifndef SADUAK_PNG_H
#define SADUAK_PNG_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum png_format {
	PNG_RGB8, /* 3 bytes a pixel: red, green, blue */
	PNG_INK1, /* 1 bit a pixel, MSB first, 1 = black (a ticket bitmap) */
};

/*
 * Write width x height pixels to path, replacing it. Row y starts at
 * pixels + y * stride. Returns SQ_ERR_IO with the path in err, SQ_ERR_NOMEM,
 * or SQ_ERR_INVALID for an empty picture.
 */
int png_write(const char *path, int width, int height, enum png_format format,
              const uint8_t *pixels, size_t stride, struct sq_error *err);

#endif
