/*
 * escpos.h - ESC/POS bytes for thermal ticket printers, both ways.
 *
 * Encoding appends commands to a growable byte buffer the caller owns, in
 * the layout of shared/spec/hardware.md ("Ticket printers"):
 *
 *   1B 40                          ESC @   initialise
 *   1D 76 30 m xL xH yL yH d...    GS v 0  raster band, m = 0, x = bytes per
 *                                          row, y = rows (at most 256 here)
 *   1D 56 42 n  /  1D 56 41 n      GS V    feed n and partial / full cut
 *   1D 28 6B ...                   GS ( k  QR code (module size, error
 *                                          correction M, store, print)
 *   10 04 n                        DLE EOT real-time status request
 *   1B 64 n                        ESC d   feed n lines
 *
 * and parses the one-byte replies to DLE EOT. Decoding walks a byte stream
 * command by command (escpos_next), for tests and the printer emulator, and
 * can reassemble the raster bands into one bitmap.
 *
 * Pure: no I/O, no global state; any thread may call, one buffer per thread.
 */
#ifndef SADUAK_ESCPOS_H
#define SADUAK_ESCPOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bitmap.h"
#include "error.h"

#define ESCPOS_BAND_ROWS 256 /* rows per GS v 0 band unless asked otherwise */

/* Bytes being built up; data is owned by the buffer, len bytes are used. */
struct escpos_buf {
	uint8_t *data;
	size_t len;
	size_t cap;
};

#define ESCPOS_BUF_INIT                                                                            \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* What GS V does after feeding. */
enum escpos_cut {
	ESCPOS_CUT_FULL = 0x41,
	ESCPOS_CUT_PARTIAL = 0x42,
};

/* DLE EOT n: which status the printer is asked for. */
enum escpos_status_kind {
	ESCPOS_STATUS_PRINTER = 1, /* online / offline */
	ESCPOS_STATUS_OFFLINE = 2, /* why it is offline */
	ESCPOS_STATUS_ERROR = 3,   /* error causes */
	ESCPOS_STATUS_PAPER = 4,   /* paper sensors */
};

/* What the replies told; escpos_status_parse() only ever sets flags. */
struct escpos_status {
	bool paper_near_end; /* DLE EOT 4: bits 2-3 (0x0C) */
	bool paper_out;      /* DLE EOT 4: bits 5-6 (0x60) */
	bool cover_open;     /* DLE EOT 2: bit 2 */
	bool paper_end_stop; /* DLE EOT 2: bit 5, printing stopped for paper end */
	bool error;          /* DLE EOT 2: bit 6, or any cause in DLE EOT 3 */
	bool offline;        /* DLE EOT 1: bit 3, or any cause in DLE EOT 2 */
};

/* A command found by escpos_next(). */
enum escpos_cmd_kind {
	ESCPOS_CMD_BYTE,   /* a byte that starts no known command (text, LF) */
	ESCPOS_CMD_INIT,   /* ESC @ */
	ESCPOS_CMD_RASTER, /* GS v 0 */
	ESCPOS_CMD_CUT,    /* GS V */
	ESCPOS_CMD_FEED,   /* ESC d, ESC J */
	ESCPOS_CMD_QR,     /* GS ( k, any function */
	ESCPOS_CMD_STATUS, /* DLE EOT n */
	ESCPOS_CMD_OTHER,  /* another ESC / GS command of known length */
};

struct escpos_cmd {
	enum escpos_cmd_kind kind;
	size_t len;             /* bytes of the whole command */
	uint8_t arg;            /* STATUS: n; CUT: 0x41/0x42/...; FEED: n; RASTER: m */
	uint8_t feed;           /* CUT: n, 0 if the form has none */
	size_t raster_bytes;    /* RASTER: bytes per row */
	size_t raster_rows;     /* RASTER: rows */
	const uint8_t *raster;  /* RASTER: the rows, pointing into the input */
	const uint8_t *qr_data; /* QR store (fn 0x50): the data, pointing into the input */
	size_t qr_len;
};

/* Make b empty, owning nothing. */
void escpos_buf_init(struct escpos_buf *b);

/* Free the bytes of b and make it empty. */
void escpos_buf_release(struct escpos_buf *b);

/* Append n bytes; SQ_ERR_NOMEM leaves b as it was. */
int escpos_buf_append(struct escpos_buf *b, const void *p, size_t n);

/* ESC @. Returns SQ_OK or SQ_ERR_NOMEM. */
int escpos_init(struct escpos_buf *b);

/*
 * bm as GS v 0 bands of at most band_rows rows (0 means ESCPOS_BAND_ROWS,
 * otherwise 1..65535; printers differ in the most they accept, 256 is safe).
 * Each band is only as wide as its widest inked row (at least one byte): a
 * raster prints from the left edge, so the white on the right need not be
 * sent, and a run of blank rows costs a byte a row. The split into bands is
 * the one with the fewest bytes (8 per header plus rows x width), found in
 * O(rows x band_rows). A bitmap without rows adds nothing. Returns SQ_OK,
 * SQ_ERR_INVALID (band_rows out of range) or SQ_ERR_NOMEM (b as it was).
 */
int escpos_raster(struct escpos_buf *b, const struct bitmap *bm, int band_rows);

/* ESC d n: print and feed n lines. Returns SQ_OK or SQ_ERR_NOMEM. */
int escpos_feed_lines(struct escpos_buf *b, uint8_t n);

/* GS V m n: feed n motion units, then cut. Returns SQ_OK or SQ_ERR_NOMEM. */
int escpos_cut(struct escpos_buf *b, enum escpos_cut cut, uint8_t feed);

/*
 * The printer's own QR code: module size, error correction M, store len
 * bytes of data, print. Returns SQ_ERR_INVALID for a module outside 1..16
 * or data longer than 7089 bytes, or SQ_ERR_NOMEM.
 */
int escpos_qr(struct escpos_buf *b, const void *data, size_t len, int module);

/* DLE EOT n, n in 1..4. Returns SQ_ERR_INVALID for another n, or SQ_ERR_NOMEM. */
int escpos_status_request(struct escpos_buf *b, enum escpos_status_kind n);

/*
 * Add what reply, the printer's answer to DLE EOT kind, says to st (flags
 * are only ever set, so one struct can collect several replies). Returns
 * SQ_ERR_INVALID if reply lacks the fixed bits of a status byte (bit 1 and
 * 4 set, 0 and 7 clear) or kind is not 1..4; st is then unchanged.
 */
int escpos_status_parse(enum escpos_status_kind kind, uint8_t reply, struct escpos_status *st);

/* Whether st allows printing: paper in, cover shut, online. Near end is allowed. */
bool escpos_status_ready(const struct escpos_status *st);

/*
 * The command at the start of the n bytes at p. Returns SQ_OK with cmd
 * filled, or SQ_ERR_EMPTY if the bytes end before the command does (read
 * more and call again; nothing is consumed). n == 0 is SQ_ERR_EMPTY.
 */
int escpos_next(const uint8_t *p, size_t n, struct escpos_cmd *cmd);

/*
 * Append the rows of a RASTER command to *page, creating it (8 dots per
 * byte wide) when *page is NULL and widening it for a wider band; a band
 * narrower than the page is placed at the left edge, white to its right, as
 * a printer prints it. Returns SQ_ERR_INVALID for a band of no width, or
 * SQ_ERR_NOMEM.
 */
int escpos_raster_append(struct bitmap **page, const struct escpos_cmd *cmd, struct sq_error *err);

/*
 * Make *page at least width dots wide, white on the right (the paper a
 * picture of trimmed bands was printed on). Returns SQ_OK (also when it is
 * already that wide), SQ_ERR_INVALID or SQ_ERR_NOMEM (*page unchanged).
 */
int escpos_page_widen(struct bitmap **page, int width, struct sq_error *err);

/*
 * All GS v 0 bands of the n bytes at p stacked into one new bitmap, width
 * dots wide (the paper: 384 or 576), or as wide as the widest band when
 * width is 0. On failure *out is NULL: SQ_ERR_EMPTY (no raster in the
 * stream), SQ_ERR_INVALID (a command cut short, a band wider than width) or
 * SQ_ERR_NOMEM. The caller frees *out with bitmap_destroy().
 */
int escpos_decode_raster(const uint8_t *p, size_t n, int width, struct bitmap **out,
                         struct sq_error *err);

#endif
