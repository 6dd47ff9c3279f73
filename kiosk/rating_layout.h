/*
 * rating_layout.h - where everything goes on the satisfaction screen (GECC
 * P14), from the window size alone.
 *
 * Landscape (800x480 .. 1920x1080 and up):
 *
 *   +--------------------------- header ----------------------------+
 *   | office name (Thai, English)                          counter  |
 *   +-------------------------- question ---------------------------+
 *   | the question in Thai, in English; the ticket and the officer  |
 *   +---------------------------- body -----------------------------+
 *   |  (face)    (face)    (face)    (face)    (face)                |
 *   |  มากที่สุด   มาก     ปานกลาง    น้อย     น้อยที่สุด               |
 *   +---------------------------------------------------------------+
 *
 * Portrait stacks the five faces in rows with their words beside them. The
 * second step puts the four reasons in the body (a 2x2 grid in landscape,
 * rows in portrait) above a "skip" button. The idle and thank-you screens
 * use the message box (question and body together).
 *
 * Each face's touch target is its whole cell (circle and words), at least
 * RATING_MIN_TARGET_PCT % of the window's short side in both directions.
 *
 * Pure: no SDL, no I/O. Text sizes are em sizes in pixels for ui_text();
 * lines stand LAYOUT_LINE(em) apart (layout.h).
 */
#ifndef SADUAK_RATING_LAYOUT_H
#define SADUAK_RATING_LAYOUT_H

#include <stdbool.h>

#include "error.h"
#include "layout.h"

#define RATING_MIN_W          320
#define RATING_MIN_H          240
#define RATING_FACES          5  /* face 0 is the best score (5), face 4 the worst (1) */
#define RATING_REASON_BUTTONS 4  /* waiting, courtesy, information, facilities */
#define RATING_MIN_TARGET_PCT 12 /* smallest touch target, % of the short side */

/* What a tap in the second step hit. */
#define RATING_HIT_NONE (-1)
#define RATING_HIT_SKIP RATING_REASON_BUTTONS

struct rating_layout {
	bool portrait;
	int margin; /* between boxes and inside them */

	struct box header;   /* office name left, counter right */
	struct box question; /* question (Thai, English), then ticket and officer */
	struct box body;     /* faces, or reasons and skip */
	struct box message;  /* idle and thanks: question and body together */

	struct box face[RATING_FACES]; /* touch target: the whole cell */
	int face_cx[RATING_FACES], face_cy[RATING_FACES];
	int face_r;                          /* radius of every face */
	struct box face_label[RATING_FACES]; /* two lines: Thai word, English words */

	struct box reason[RATING_REASON_BUTTONS];
	struct box skip;

	/* Text sizes (em, pixels). */
	int title_px;       /* office name in Thai */
	int subtitle_px;    /* office name in English, counter */
	int question_px;    /* the question in Thai */
	int question_en_px; /* the question in English */
	int detail_px;      /* ticket and officer lines */
	int label_px;       /* a face's Thai word */
	int label_en_px;    /* a face's English words */
	int button_px;      /* a reason's Thai words; English at 3/4 of it */
	int message_px;     /* idle and thanks, Thai */
	int message_en_px;  /* idle and thanks, English and smaller lines */
};

/*
 * Lay out a w x h rating screen. SQ_OK fills *out; SQ_ERR_INVALID for a
 * window smaller than RATING_MIN_W x RATING_MIN_H or a NULL out. Pure.
 */
int rating_layout_compute(int w, int h, struct rating_layout *out);

/* The face (0..4) whose cell holds (x, y), or RATING_HIT_NONE. Pure. */
int rating_layout_face_at(const struct rating_layout *l, int x, int y);

/*
 * The reason button (0..3) or RATING_HIT_SKIP holding (x, y), or
 * RATING_HIT_NONE. Pure.
 */
int rating_layout_reason_at(const struct rating_layout *l, int x, int y);

#endif
