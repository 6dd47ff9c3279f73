#include "png.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void
put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Write one chunk: length, type, data, CRC of type and data. */
static int
png_chunk(FILE *fp, const char *type, const uint8_t *data, size_t len)
{
	uint8_t head[8], tail[4];
	uLong crc = crc32(0L, (const Bytef *)type, 4);

	if (len)
		crc = crc32(crc, data, (uInt)len);
	put_be32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	put_be32(tail, (uint32_t)crc);
	return fwrite(head, 1, 8, fp) == 8 && (len == 0 || fwrite(data, 1, len, fp) == len) &&
	       fwrite(tail, 1, 4, fp) == 4;
}

int
png_write(const char *path, int width, int height, enum png_format format, const uint8_t *pixels,
          size_t stride, struct sq_error *err)
{
	static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	size_t row_bytes = format == PNG_RGB8 ? (size_t)width * 3 : ((size_t)width + 7) / 8;
	size_t raw_len = (row_bytes + 1) * (size_t)height;
	uLongf z_len;
	uint8_t *raw = NULL, *z = NULL;
	uint8_t ihdr[13];
	FILE *fp = NULL;
	int rc = SQ_OK;

	if (width <= 0 || height <= 0)
		return sq_error_set(err, SQ_ERR_INVALID, "picture for '%s' is empty", path);
	z_len = compressBound((uLong)raw_len);
	raw = malloc(raw_len);
	z = malloc(z_len);
	if (!raw || !z) {
		rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory writing '%s'", path);
		goto out;
	}
	for (int y = 0; y < height; y++) {
		uint8_t *dst = raw + (size_t)y * (row_bytes + 1);
		const uint8_t *src = pixels + (size_t)y * stride;
		dst[0] = 0; /* filter: none */
		for (size_t i = 0; i < row_bytes; i++)
			/* PNG greyscale 1-bit has 1 = white; our ink bitmaps have 1 = black. */
			dst[1 + i] = format == PNG_INK1 ? (uint8_t)~src[i] : src[i];
	}
	if (compress2(z, &z_len, raw, (uLong)raw_len, Z_BEST_SPEED) != Z_OK) {
		rc = sq_error_set(err, SQ_ERR_NOMEM, "unable to compress '%s'", path);
		goto out;
	}
	put_be32(ihdr, (uint32_t)width);
	put_be32(ihdr + 4, (uint32_t)height);
	ihdr[8] = format == PNG_RGB8 ? 8 : 1; /* bit depth */
	ihdr[9] = format == PNG_RGB8 ? 2 : 0; /* colour type: truecolour or greyscale */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;   /* deflate, adaptive filters, no interlace */
	fp = fopen(path, "wb");
	if (!fp) {
		rc =
		    sq_error_set(err, SQ_ERR_IO, "unable to write '%s': %s", path, strerror(errno));
		goto out;
	}
	if (fwrite(signature, 1, 8, fp) != 8 || !png_chunk(fp, "IHDR", ihdr, sizeof(ihdr)) ||
	    !png_chunk(fp, "IDAT", z, z_len) || !png_chunk(fp, "IEND", NULL, 0))
		rc =
		    sq_error_set(err, SQ_ERR_IO, "unable to write '%s': %s", path, strerror(errno));
out:
	if (fp && fclose(fp) != 0 && rc == SQ_OK)
		rc =
		    sq_error_set(err, SQ_ERR_IO, "unable to write '%s': %s", path, strerror(errno));
	free(raw);
	free(z);
	return rc;
}
