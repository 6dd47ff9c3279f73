/*
 * ticket_render.h - the printed ticket as one 1-bit picture, and its bytes.
 *
 * Thermal printers disagree on Thai code pages and most cannot stack Thai
 * marks, so the whole ticket (Thai and English text, the very large number,
 * the QR code) is drawn here with the screens' text engine into one bitmap
 * 384 dots (58 mm paper) or 576 dots (80 mm) wide, no taller than its
 * content, and sent as GS v 0 raster bands (see escpos.h).
 *
 * The input is a plain struct of strings and numbers, so the layout can be
 * tested without a database or a configuration file. The caller keeps
 * ownership of every string in it.
 *
 * Ownership: ticket_render() returns a bitmap the caller frees with
 * bitmap_destroy(). ticket_encode_escpos() appends to a buffer the caller
 * owns. Threading: uses the text engine, so the engine's thread.
 */
#ifndef SADUAK_TICKET_RENDER_H
#define SADUAK_TICKET_RENDER_H

#include <stdbool.h>
#include <stdint.h>

#include "bitmap.h"
#include "error.h"
#include "estimate.h"
#include "escpos.h"
#include "text.h"

#define TICKET_WIDTH_58MM 384
#define TICKET_WIDTH_80MM 576

/*
 * What a ticket says. Thai first, English second: a NULL or empty English
 * text (or one equal to the Thai) is left out; a NULL or empty optional
 * field leaves its block out.
 */
struct ticket_print {
	const char *office_th; /* "สำนักงานเขตสะดวก" */
	const char *office_en;
	const char *service_th; /* "ทำบัตรประจำตัวประชาชน" */
	const char *service_en;
	const char *code;        /* "A012": printed very large; required */
	const char *priority_th; /* "ผู้สูงอายุ", or NULL for a normal ticket */
	const char *priority_en;
	int64_t issued_ms;           /* UTC milliseconds; printed in the office's zone, B.E. */
	int people_ahead;            /* tickets before this one; -1 leaves it out */
	const struct estimate *wait; /* estimated wait (estimate.h); NULL leaves it out */
	const char *counters_th;     /* where to go: "ช่อง 1-3 ชั้น 1" */
	const char *counters_en;     /* "Counters 1-3, floor 1" */
	const char *url_template;    /* QR content, "{ref}" replaced by ref; NULL: no QR */
	const char *ref;             /* the ticket's reference (never reused) */
	const char *phone;           /* "0 2123 4567" */
	const char *channels_th;     /* "LINE @saduak  www.saduak.go.th" */
	const char *channels_en;
	const char *note_th; /* free text wrapped at word breaks, e.g. what to bring */
	const char *note_en;
};

/*
 * Draw t width dots wide (TICKET_WIDTH_58MM or TICKET_WIDTH_80MM; any width
 * from 256 to 1024 works) with eng's fonts. On success *out is a new bitmap
 * cropped to its content plus a small margin. On failure *out is NULL:
 * SQ_ERR_INVALID (no code, width out of range, URL too long for a QR code),
 * SQ_ERR_NOMEM or SQ_ERR_IO (font trouble), with err naming the block.
 */
int ticket_render(struct text_engine *eng, const struct ticket_print *t, int width,
                  struct bitmap **out, struct sq_error *err);

/*
 * Append the bytes that print bm: ESC @, bm as GS v 0 bands of 256 rows,
 * then a feed and a partial cut (GS V 42 n) when cut is true, or a feed of
 * a few lines to tear at. Returns SQ_OK or SQ_ERR_NOMEM.
 */
int ticket_encode_escpos(const struct bitmap *bm, bool cut, struct escpos_buf *out);

#endif
