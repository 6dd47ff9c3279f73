#include "escpos.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ESC 0x1B
#define GS  0x1D
#define DLE 0x10
#define EOT 0x04

#define QR_MAX_DATA 7089

/* ESC / GS commands of fixed length that the decoder can step over. */
struct fixed_cmd {
	uint8_t lead;
	uint8_t code;
	uint8_t len;
	enum escpos_cmd_kind kind;
};

static const struct fixed_cmd fixed_cmds[] = {
    {.lead = ESC, .code = '@', .len = 2, .kind = ESCPOS_CMD_INIT},
    {.lead = ESC, .code = 'd', .len = 3, .kind = ESCPOS_CMD_FEED},
    {.lead = ESC, .code = 'J', .len = 3, .kind = ESCPOS_CMD_FEED},
    {.lead = ESC, .code = '2', .len = 2, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = '3', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = '!', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = '-', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = 'E', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = 'G', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = 'M', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = 'R', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = 'a', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = 't', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = '{', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = ESC, .code = 'p', .len = 5, .kind = ESCPOS_CMD_OTHER},
    {.lead = GS, .code = '!', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = GS, .code = 'B', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = GS, .code = 'H', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = GS, .code = 'a', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = GS, .code = 'f', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = GS, .code = 'h', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = GS, .code = 'r', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = GS, .code = 'w', .len = 3, .kind = ESCPOS_CMD_OTHER},
    {.lead = GS, .code = 'L', .len = 4, .kind = ESCPOS_CMD_OTHER},
    {.lead = GS, .code = 'W', .len = 4, .kind = ESCPOS_CMD_OTHER},
};

void
escpos_buf_init(struct escpos_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
escpos_buf_release(struct escpos_buf *b)
{
	free(b->data);
	escpos_buf_init(b);
}

int
escpos_buf_append(struct escpos_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return SQ_OK;
	if (b->len + n < b->len)
		return SQ_ERR_NOMEM;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		uint8_t *grown;

		while (cap < b->len + n)
			cap *= 2;
		grown = realloc(b->data, cap);
		if (!grown)
			return SQ_ERR_NOMEM;
		b->data = grown;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return SQ_OK;
}

int
escpos_init(struct escpos_buf *b)
{
	static const uint8_t cmd[] = {ESC, '@'};

	return escpos_buf_append(b, cmd, sizeof(cmd));
}

/* Bytes of row y up to its last one with ink (0 for a blank row). */
static size_t
row_used_bytes(const struct bitmap *bm, int y)
{
	const uint8_t *row = bitmap_row(bm, y);
	size_t n = bitmap_stride(bm);

	while (n > 0 && row[n - 1] == 0)
		n--;
	return n;
}

/* Append one GS v 0 band: rows first..first+rows-1 of bm, width bytes each. */
static int
raster_band(struct escpos_buf *b, const struct bitmap *bm, int first, int rows, size_t width)
{
	const uint8_t head[8] = {
	    GS,
	    'v',
	    '0',
	    0,
	    (uint8_t)(width & 0xFF),
	    (uint8_t)(width >> 8),
	    (uint8_t)(rows & 0xFF),
	    (uint8_t)(rows >> 8),
	};

	if (escpos_buf_append(b, head, sizeof(head)) != SQ_OK)
		return SQ_ERR_NOMEM;
	for (int y = first; y < first + rows; y++)
		if (escpos_buf_append(b, bitmap_row(bm, y), width) != SQ_OK)
			return SQ_ERR_NOMEM;
	return SQ_OK;
}

/*
 * The bands are chosen by dynamic programming over the rows: best[j] is the
 * fewest bytes that carry rows 0..j-1, where a band of rows i..j-1 costs its
 * 8-byte header plus (j - i) rows as wide as the widest of them (at least
 * one byte). start[j] is where the last band of that best split begins.
 */
int
escpos_raster(struct escpos_buf *b, const struct bitmap *bm, int band_rows)
{
	int height = bitmap_height(bm);
	size_t mark = b->len;
	size_t *used = NULL, *best = NULL;
	int *start = NULL, *ends = NULL;
	int rc = SQ_ERR_NOMEM;

	if (band_rows == 0)
		band_rows = ESCPOS_BAND_ROWS;
	if (band_rows < 1 || band_rows > 65535 || bitmap_stride(bm) > 65535)
		return SQ_ERR_INVALID;
	if (height == 0)
		return SQ_OK;
	used = malloc(sizeof(*used) * (size_t)height);
	best = malloc(sizeof(*best) * ((size_t)height + 1));
	start = malloc(sizeof(*start) * ((size_t)height + 1));
	ends = malloc(sizeof(*ends) * (size_t)height);
	if (!used || !best || !start || !ends)
		goto out;
	for (int y = 0; y < height; y++)
		used[y] = row_used_bytes(bm, y);
	best[0] = 0;
	for (int j = 1; j <= height; j++) {
		size_t width = 1;

		best[j] = SIZE_MAX;
		for (int i = j - 1; i >= 0 && j - i <= band_rows; i--) {
			if (used[i] > width)
				width = used[i];
			size_t cost = best[i] + 8 + (size_t)(j - i) * width;
			if (cost < best[j]) {
				best[j] = cost;
				start[j] = i;
			}
		}
	}
	/* Walk the split back to front, then emit the bands front to back. */
	int bands = 0;
	for (int j = height; j > 0; j = start[j])
		ends[bands++] = j;
	for (int k = bands - 1; k >= 0; k--) {
		int end = ends[k], first = start[end];
		size_t width = 1;

		for (int y = first; y < end; y++)
			if (used[y] > width)
				width = used[y];
		if (raster_band(b, bm, first, end - first, width) != SQ_OK)
			goto out;
	}
	rc = SQ_OK;
out:
	if (rc != SQ_OK)
		b->len = mark;
	free(used);
	free(best);
	free(start);
	free(ends);
	return rc;
}

int
escpos_feed_lines(struct escpos_buf *b, uint8_t n)
{
	const uint8_t cmd[] = {ESC, 'd', n};

	return escpos_buf_append(b, cmd, sizeof(cmd));
}

int
escpos_cut(struct escpos_buf *b, enum escpos_cut cut, uint8_t feed)
{
	const uint8_t cmd[] = {GS, 'V', (uint8_t)cut, feed};

	return escpos_buf_append(b, cmd, sizeof(cmd));
}

int
escpos_qr(struct escpos_buf *b, const void *data, size_t len, int module)
{
	size_t start = b->len;
	size_t store_len = len + 3;
	const uint8_t size_cmd[] = {GS, '(', 'k', 3, 0, '1', 'C', (uint8_t)module};
	static const uint8_t ecc_cmd[] = {GS, '(', 'k', 3, 0, '1', 'E', '1'};
	const uint8_t store_cmd[] = {
	    GS, '(', 'k', (uint8_t)(store_len & 0xFF), (uint8_t)(store_len >> 8), '1', 'P', '0',
	};
	static const uint8_t print_cmd[] = {GS, '(', 'k', 3, 0, '1', 'Q', '0'};

	if (module < 1 || module > 16 || len == 0 || len > QR_MAX_DATA)
		return SQ_ERR_INVALID;
	if (escpos_buf_append(b, size_cmd, sizeof(size_cmd)) != SQ_OK ||
	    escpos_buf_append(b, ecc_cmd, sizeof(ecc_cmd)) != SQ_OK ||
	    escpos_buf_append(b, store_cmd, sizeof(store_cmd)) != SQ_OK ||
	    escpos_buf_append(b, data, len) != SQ_OK ||
	    escpos_buf_append(b, print_cmd, sizeof(print_cmd)) != SQ_OK) {
		b->len = start;
		return SQ_ERR_NOMEM;
	}
	return SQ_OK;
}

int
escpos_status_request(struct escpos_buf *b, enum escpos_status_kind n)
{
	const uint8_t cmd[] = {DLE, EOT, (uint8_t)n};

	if (n < ESCPOS_STATUS_PRINTER || n > ESCPOS_STATUS_PAPER)
		return SQ_ERR_INVALID;
	return escpos_buf_append(b, cmd, sizeof(cmd));
}

int
escpos_status_parse(enum escpos_status_kind kind, uint8_t reply, struct escpos_status *st)
{
	/* Every status byte has bits 1 and 4 set and bits 0 and 7 clear. */
	if ((reply & 0x93) != 0x12)
		return SQ_ERR_INVALID;
	switch (kind) {
	case ESCPOS_STATUS_PRINTER:
		if (reply & 0x08)
			st->offline = true;
		break;
	case ESCPOS_STATUS_OFFLINE:
		if (reply & 0x04)
			st->cover_open = true;
		if (reply & 0x20)
			st->paper_end_stop = true;
		if (reply & 0x40)
			st->error = true;
		if (reply & 0x6C)
			st->offline = true;
		break;
	case ESCPOS_STATUS_ERROR:
		if (reply & 0x6C)
			st->error = true;
		break;
	case ESCPOS_STATUS_PAPER:
		if (reply & 0x0C)
			st->paper_near_end = true;
		if (reply & 0x60)
			st->paper_out = true;
		break;
	default:
		return SQ_ERR_INVALID;
	}
	return SQ_OK;
}

bool
escpos_status_ready(const struct escpos_status *st)
{
	return !st->paper_out && !st->cover_open && !st->paper_end_stop && !st->error &&
	       !st->offline;
}

/* ------------------------------------------------------------ decoding */

/* GS ( X pL pH ...: 5 header bytes and pL + 256 pH more. */
static int
next_gs_paren(const uint8_t *p, size_t n, struct escpos_cmd *cmd)
{
	size_t plen;

	if (n < 5)
		return SQ_ERR_EMPTY;
	plen = (size_t)p[3] | ((size_t)p[4] << 8);
	if (n < 5 + plen)
		return SQ_ERR_EMPTY;
	cmd->len = 5 + plen;
	cmd->kind = p[2] == 'k' ? ESCPOS_CMD_QR : ESCPOS_CMD_OTHER;
	/* QR "store data": cn '1', fn 'P', m '0', then the data. */
	if (cmd->kind == ESCPOS_CMD_QR && plen >= 3 && p[5] == '1' && p[6] == 'P') {
		cmd->qr_data = p + 8;
		cmd->qr_len = plen - 3;
	}
	return SQ_OK;
}

int
escpos_next(const uint8_t *p, size_t n, struct escpos_cmd *cmd)
{
	memset(cmd, 0, sizeof(*cmd));
	if (n == 0)
		return SQ_ERR_EMPTY;
	cmd->kind = ESCPOS_CMD_BYTE;
	cmd->len = 1;
	if (p[0] == DLE) {
		if (n < 2)
			return SQ_ERR_EMPTY;
		if (p[1] != EOT)
			return SQ_OK;
		if (n < 3)
			return SQ_ERR_EMPTY;
		cmd->kind = ESCPOS_CMD_STATUS;
		cmd->arg = p[2];
		cmd->len = 3;
		return SQ_OK;
	}
	if (p[0] != ESC && p[0] != GS)
		return SQ_OK;
	if (n < 2)
		return SQ_ERR_EMPTY;
	if (p[0] == GS && p[1] == 'v') {
		if (n < 3)
			return SQ_ERR_EMPTY;
		if (p[2] != '0') {
			cmd->kind = ESCPOS_CMD_OTHER;
			cmd->len = 3;
			return SQ_OK;
		}
		if (n < 8)
			return SQ_ERR_EMPTY;
		cmd->raster_bytes = (size_t)p[4] | ((size_t)p[5] << 8);
		cmd->raster_rows = (size_t)p[6] | ((size_t)p[7] << 8);
		if (n < 8 + cmd->raster_bytes * cmd->raster_rows)
			return SQ_ERR_EMPTY;
		cmd->kind = ESCPOS_CMD_RASTER;
		cmd->arg = p[3];
		cmd->raster = p + 8;
		cmd->len = 8 + cmd->raster_bytes * cmd->raster_rows;
		return SQ_OK;
	}
	if (p[0] == GS && p[1] == 'V') {
		if (n < 3)
			return SQ_ERR_EMPTY;
		cmd->kind = ESCPOS_CMD_CUT;
		cmd->arg = p[2];
		cmd->len = 3;
		/* Functions A and B (0x41, 0x42 and up) carry a feed amount. */
		if (p[2] >= 0x41) {
			if (n < 4)
				return SQ_ERR_EMPTY;
			cmd->feed = p[3];
			cmd->len = 4;
		}
		return SQ_OK;
	}
	if (p[0] == GS && p[1] == '(')
		return next_gs_paren(p, n, cmd);
	for (size_t i = 0; i < sizeof(fixed_cmds) / sizeof(fixed_cmds[0]); i++) {
		const struct fixed_cmd *fc = &fixed_cmds[i];

		if (fc->lead != p[0] || fc->code != p[1])
			continue;
		if (n < fc->len)
			return SQ_ERR_EMPTY;
		cmd->kind = fc->kind;
		cmd->len = fc->len;
		cmd->arg = fc->len > 2 ? p[2] : 0;
		return SQ_OK;
	}
	/* An unknown command: step over the prefix and its code. */
	cmd->kind = ESCPOS_CMD_OTHER;
	cmd->len = 2;
	return SQ_OK;
}

int
escpos_page_widen(struct bitmap **page, int width, struct sq_error *err)
{
	struct bitmap *wider = NULL;
	int height = bitmap_height(*page);
	int rc;

	if (width <= bitmap_width(*page))
		return SQ_OK;
	rc = bitmap_create(width, height, &wider, err);
	if (rc != SQ_OK)
		return rc;
	for (int y = 0; y < height; y++)
		memcpy(bitmap_row_mut(wider, y), bitmap_row(*page, y), bitmap_stride(*page));
	bitmap_destroy(*page);
	*page = wider;
	return SQ_OK;
}

int
escpos_raster_append(struct bitmap **page, const struct escpos_cmd *cmd, struct sq_error *err)
{
	size_t stride;
	int old, rc;

	if (cmd->kind != ESCPOS_CMD_RASTER || cmd->raster_bytes == 0 ||
	    cmd->raster_bytes * 8 > BITMAP_MAX_WIDTH)
		return sq_error_set(err, SQ_ERR_INVALID, "not a raster band of a usable width");
	rc = *page ? escpos_page_widen(page, (int)cmd->raster_bytes * 8, err)
	           : bitmap_create((int)cmd->raster_bytes * 8, 0, page, err);
	if (rc != SQ_OK)
		return rc;
	old = bitmap_height(*page);
	if ((size_t)old + cmd->raster_rows > BITMAP_MAX_HEIGHT)
		return sq_error_set(err, SQ_ERR_INVALID, "raster image taller than %d rows",
		                    BITMAP_MAX_HEIGHT);
	rc = bitmap_set_height(*page, old + (int)cmd->raster_rows, err);
	if (rc != SQ_OK)
		return rc;
	/* A narrower band prints from the left edge; the rest of its rows stay white. */
	stride = bitmap_stride(*page);
	for (size_t r = 0; r < cmd->raster_rows; r++) {
		uint8_t *row = bitmap_row_mut(*page, old + (int)r);

		memcpy(row, cmd->raster + r * cmd->raster_bytes, cmd->raster_bytes);
		memset(row + cmd->raster_bytes, 0, stride - cmd->raster_bytes);
	}
	return SQ_OK;
}

int
escpos_decode_raster(const uint8_t *p, size_t n, int width, struct bitmap **out,
                     struct sq_error *err)
{
	struct bitmap *page = NULL;
	size_t off = 0;
	int rc;

	*out = NULL;
	while (off < n) {
		struct escpos_cmd cmd;

		if (escpos_next(p + off, n - off, &cmd) != SQ_OK) {
			rc = sq_error_set(err, SQ_ERR_INVALID,
			                  "command at byte %zu is cut short (%zu bytes left)", off,
			                  n - off);
			goto fail;
		}
		if (cmd.kind == ESCPOS_CMD_RASTER) {
			rc = escpos_raster_append(&page, &cmd, err);
			if (rc != SQ_OK) {
				sq_error_prefix(err, "byte %zu", off);
				goto fail;
			}
		}
		off += cmd.len;
	}
	if (!page)
		return sq_error_set(err, SQ_ERR_EMPTY, "no raster image in %zu bytes", n);
	if (width > 0 && bitmap_width(page) > width) {
		rc = sq_error_set(err, SQ_ERR_INVALID, "raster %d dots wide on paper of %d dots",
		                  bitmap_width(page), width);
		goto fail;
	}
	rc = escpos_page_widen(&page, width, err);
	if (rc != SQ_OK)
		goto fail;
	*out = page;
	return SQ_OK;
fail:
	bitmap_destroy(page);
	return rc;
}
