/*
 * board_layout.h - where everything goes on the waiting-room board, from the
 * window size alone.
 *
 * Landscape (a TV on its side, 800x480 .. 1920x1080 and up):
 *
 *   +--------------------------- header ----------------------------+
 *   | office name (Thai, English)                 time, date (B.E.) |
 *   +------------------------------------+--------------------------+
 *   | call: the latest call, very large  | serving: now serving,    |
 *   |   number            counter        |   one row per counter    |
 *   |   location (Thai, English)         |                          |
 *   +------------------------------------+                          |
 *   | waiting: per service, count, wait  |                          |
 *   +--------------------------- notice ----------------------------+
 *
 * Portrait (1080x1920) stacks header, call, serving, waiting, notice.
 *
 * Pure: no SDL, no I/O. The sizes of text are em sizes in pixels for
 * ui_text(); lines stand LAYOUT_LINE(em) apart (layout.h).
 */
#ifndef SADUAK_BOARD_LAYOUT_H
#define SADUAK_BOARD_LAYOUT_H

#include <stdbool.h>

#include "error.h"
#include "layout.h"

#define BOARD_MIN_W 320
#define BOARD_MIN_H 240
/*
 * The call's number and counter are Latin letters and digits only: their ink
 * fills about 1.3 em of the line box, so they may use more of their box.
 */
#define BOARD_CODE_LINE_FACTOR 1.3

struct board_layout {
	bool portrait;
	int margin; /* between boxes and inside them */

	struct box header;  /* office name left, time and date right */
	struct box call;    /* the latest call */
	struct box serving; /* now serving: label, then rows */
	struct box waiting; /* waiting per service: label, then rows */
	struct box notice;  /* the notice line */

	/* Inside call: the ticket number (left) and the counter (right), location below. */
	struct box call_code;
	struct box call_counter;
	struct box call_location;

	int serving_rows;  /* rows that fit (<= the rows asked for) */
	int serving_row_h; /* height of one row; rows start below serving_label_h */
	int serving_label_h;
	int waiting_rows;
	int waiting_row_h;
	int waiting_label_h;

	/* Text sizes (em, pixels). */
	int title_px;    /* office name in Thai */
	int subtitle_px; /* office name in English, date */
	int clock_px;    /* time */
	int label_px;    /* box labels: "กำลังเรียก Now calling" */
	int code_px;     /* the latest call's ticket number */
	int counter_px;  /* the latest call's counter number */
	int location_px; /* the counter's location */
	int row_px;      /* now-serving rows */
	int service_px;  /* waiting rows */
	int notice_px;
	int notice_lines; /* lines the notice may wrap to: 1, or 2 on a portrait screen */
};

/*
 * Lay out a w x h board with room for up to serving_rows rows of now
 * serving and services rows of waiting counts. SQ_OK fills *out;
 * SQ_ERR_INVALID for a window smaller than BOARD_MIN_W x BOARD_MIN_H or
 * negative counts. Pure.
 */
int board_layout_compute(int w, int h, int serving_rows, int services, struct board_layout *out);

#endif
