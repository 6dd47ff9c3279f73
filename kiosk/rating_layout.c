/*
 * rating_layout.c - the satisfaction screen's boxes and text sizes from the
 * window size.
 */
#include "rating_layout.h"

#include <string.h>

#include "layout.h"

/* Five face cells side by side, each a face above its two lines of words. */
static void
faces_in_a_row(struct rating_layout *l)
{
	const struct box *b = &l->body;
	int m = l->margin, gap = 2 * m;
	int cw = (b->w - (RATING_FACES - 1) * gap) / RATING_FACES;
	int labels_h, total;

	l->label_px = layout_min(layout_em_for(b->h, 0.13), layout_at_least(cw / 5, 8));
	l->label_en_px = layout_min(layout_em_for(b->h, 0.09), layout_at_least(cw / 9, 8));
	labels_h = LAYOUT_LINE(l->label_px) + LAYOUT_LINE(l->label_en_px);
	l->face_r = layout_at_least(layout_min(cw * 42 / 100, (b->h - labels_h - 3 * m) / 2), 4);
	total = 2 * l->face_r + m + labels_h;
	for (int i = 0; i < RATING_FACES; i++) {
		int x = b->x + i * (cw + gap), top = b->y + (b->h - total) / 2;

		l->face[i] = (struct box){x, b->y, cw, b->h};
		l->face_cx[i] = x + cw / 2;
		l->face_cy[i] = top + l->face_r;
		l->face_label[i] = (struct box){x, top + 2 * l->face_r + m, cw, labels_h};
	}
}

/* Five face rows one above the other, each a face with its words to the right. */
static void
faces_in_a_column(struct rating_layout *l)
{
	const struct box *b = &l->body;
	int m = l->margin, gap = m;
	int rh = (b->h - (RATING_FACES - 1) * gap) / RATING_FACES;
	int label_x, label_w;

	l->face_r = layout_at_least(layout_min(rh * 42 / 100, b->w * 18 / 100), 4);
	label_x = b->x + 4 * m + 2 * l->face_r;
	label_w = b->x + b->w - m - label_x;
	l->label_px = layout_min(layout_em_for(rh, 0.38), layout_at_least(label_w / 6, 8));
	l->label_en_px = layout_min(layout_em_for(rh, 0.26), layout_at_least(label_w / 10, 8));
	for (int i = 0; i < RATING_FACES; i++) {
		int y = b->y + i * (rh + gap);
		int labels_h = LAYOUT_LINE(l->label_px) + LAYOUT_LINE(l->label_en_px);

		l->face[i] = (struct box){b->x, y, b->w, rh};
		l->face_cx[i] = b->x + 2 * m + l->face_r;
		l->face_cy[i] = y + rh / 2;
		l->face_label[i] = (struct box){label_x, y + (rh - labels_h) / 2, label_w,
		                                layout_min(labels_h, rh)};
	}
}

/* The four reasons and skip: a 2x2 grid over a centred skip, or rows. */
static void
reasons(struct rating_layout *l)
{
	const struct box *b = &l->body;
	int gap = l->margin * 2, bh;

	if (l->portrait) {
		int rh = (b->h - RATING_REASON_BUTTONS * gap) / (RATING_REASON_BUTTONS + 1);

		for (int i = 0; i < RATING_REASON_BUTTONS; i++)
			l->reason[i] = (struct box){b->x, b->y + i * (rh + gap), b->w, rh};
		l->skip = (struct box){b->x + b->w / 5, b->y + RATING_REASON_BUTTONS * (rh + gap),
		                       b->w * 3 / 5, rh};
		bh = rh;
	} else {
		int grid_h = b->h * 68 / 100, bw = (b->w - gap) / 2;

		bh = (grid_h - gap) / 2;
		for (int i = 0; i < RATING_REASON_BUTTONS; i++)
			l->reason[i] = (struct box){b->x + (i % 2) * (bw + gap),
			                            b->y + (i / 2) * (bh + gap), bw, bh};
		l->skip = (struct box){b->x + b->w * 3 / 10, b->y + grid_h + gap, b->w * 2 / 5,
		                       b->h - grid_h - gap};
	}
	/* Thai above English (at 3/4 size) in each button. */
	l->button_px = layout_min(layout_em_for(bh, 0.42), layout_at_least(l->reason[0].w / 11, 8));
}

/* Lay out a w x h screen (see rating_layout.h). */
int
rating_layout_compute(int w, int h, struct rating_layout *out)
{
	struct rating_layout l;
	int s, m, header_h, question_h, body_y;

	if (!out)
		return SQ_ERR_INVALID;
	memset(out, 0, sizeof(*out));
	if (w < RATING_MIN_W || h < RATING_MIN_H)
		return SQ_ERR_INVALID;
	memset(&l, 0, sizeof(l));
	s = layout_min(w, h);
	m = layout_at_least(s / 60, 4);
	l.margin = m;
	l.portrait = h > w;
	header_h = s * 13 / 100;
	question_h = l.portrait ? s * 40 / 100 : s * 30 / 100;
	l.header = (struct box){0, 0, w, header_h};
	l.question = (struct box){m, header_h + m, w - 2 * m, question_h};
	body_y = l.question.y + question_h + m;
	l.body = (struct box){m, body_y, w - 2 * m, h - m - body_y};
	l.message = (struct box){m, l.question.y, w - 2 * m, h - m - l.question.y};

	l.title_px = layout_em_for(header_h, 0.50);
	l.subtitle_px = layout_em_for(header_h, 0.30);
	/* Four lines: the question in Thai and English, the ticket, the officer. */
	l.question_px = layout_em_for(question_h, 0.31);
	l.question_en_px = layout_em_for(question_h, 0.23);
	l.detail_px = layout_em_for(question_h, 0.19);
	/*
	 * The Thai question is about 17 em wide, the ticket and officer line
	 * about 23: on a narrow screen they set the sizes, and English stays
	 * smaller than the Thai above it.
	 */
	l.question_px = layout_min(l.question_px, layout_at_least((w - 4 * m) / 17, 8));
	l.question_en_px = layout_min(l.question_en_px, layout_at_least(l.question_px * 3 / 4, 8));
	l.detail_px = layout_min(l.detail_px, layout_at_least((w - 4 * m) / 23, 8));
	l.message_px =
	    layout_min(layout_em_for(l.message.h, 0.16), layout_at_least(s * 9 / 100, 8));
	l.message_en_px = layout_at_least(l.message_px * 6 / 10, 8);

	if (l.portrait)
		faces_in_a_column(&l);
	else
		faces_in_a_row(&l);
	reasons(&l);
	*out = l;
	return SQ_OK;
}

/* The index of the first of n boxes holding (x, y), or RATING_HIT_NONE. */
static int
box_at(const struct box *boxes, int n, int x, int y)
{
	for (int i = 0; i < n; i++)
		if (x >= boxes[i].x && y >= boxes[i].y && x < boxes[i].x + boxes[i].w &&
		    y < boxes[i].y + boxes[i].h)
			return i;
	return RATING_HIT_NONE;
}

/* The face cell holding (x, y). */
int
rating_layout_face_at(const struct rating_layout *l, int x, int y)
{
	return box_at(l->face, RATING_FACES, x, y);
}

/* The reason button or skip holding (x, y). */
int
rating_layout_reason_at(const struct rating_layout *l, int x, int y)
{
	int i = box_at(l->reason, RATING_REASON_BUTTONS, x, y);

	if (i != RATING_HIT_NONE)
		return i;
	return box_at(&l->skip, 1, x, y) == 0 ? RATING_HIT_SKIP : RATING_HIT_NONE;
}
