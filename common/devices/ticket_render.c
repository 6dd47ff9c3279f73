#include "ticket_render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thaitime.h"

#define TICKET_MAX_ROWS 8000 /* drawn into, then cropped */
#define INK_THRESHOLD   128  /* coverage at which a dot turns black */
#define CUT_FEED        24   /* GS V 42 n: motion units fed before the cut */
#define TEAR_FEED_LINES 4    /* without a cutter: lines fed to tear at */

/* Base sizes in pixels for 58 mm paper; wider paper scales them (see text_scale). */
enum {
	SIZE_OFFICE_TH = 24,
	SIZE_OFFICE_EN = 18,
	SIZE_SERVICE_TH = 30,
	SIZE_SERVICE_EN = 20,
	SIZE_PRIORITY = 24,
	SIZE_BODY_TH = 22,
	SIZE_BODY_EN = 17,
	SIZE_SMALL_TH = 18,
	SIZE_SMALL_EN = 15,
	SIZE_NOTE_TH = 16, /* what to bring: read once, at the desk */
	SIZE_NOTE_EN = 14,
};

enum align { ALIGN_CENTRE, ALIGN_LEFT };

/* Where the drawing stands. */
struct layout {
	struct text_engine *eng;
	struct bitmap *bm;
	int width;         /* dots */
	int margin;        /* dots left and right */
	int y;             /* first row below everything drawn so far */
	double scale;      /* width / 384: rules, gaps, the QR code */
	double text_scale; /* text grows more slowly than the paper */
	enum align align;  /* of put_text() and put_pair() */
	struct sq_error *err;
};

static bool
present(const char *s)
{
	return s && *s;
}

/* The English text when it says something the Thai does not. */
static bool
english_differs(const char *th, const char *en)
{
	if (!en || !*en)
		return false;
	return !th || strcmp(th, en) != 0;
}

static int
scaled(const struct layout *l, int px)
{
	return (int)(px * l->scale + 0.5);
}

/* First and last rows of s (ARGB8888) with ink; false if it has none. */
static bool
ink_rows(SDL_Surface *s, int *top, int *bottom)
{
	*top = -1;
	*bottom = -1;
	for (int y = 0; y < s->h; y++) {
		const Uint32 *row =
		    (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);

		for (int x = 0; x < s->w; x++) {
			if ((row[x] >> 24) >= INK_THRESHOLD) {
				if (*top < 0)
					*top = y;
				*bottom = y;
				break;
			}
		}
	}
	return *top >= 0;
}

/*
 * Draw one line surface at x. Lines sit on baselines lead apart, but a line
 * whose marks would touch the ink above is pushed down: Thai lines carry
 * marks above and below, and the font's own line box (1.7 em) wastes paper.
 * *baseline is -1 for the first line of a block.
 */
static int
place_line(struct layout *l, SDL_Surface *surf, int x, int ascent, int lead, int *baseline)
{
	int top, bottom, want, rc;
	int gap = lead / 12 + 1;

	if (!ink_rows(surf, &top, &bottom)) {
		if (*baseline >= 0)
			*baseline += lead;
		return SQ_OK;
	}
	want = l->y + (ascent - top);
	if (*baseline >= 0 && *baseline + lead > want + gap)
		want = *baseline + lead;
	else if (*baseline >= 0)
		want += gap;
	rc = bitmap_blit_surface(l->bm, surf, x, want - ascent, INK_THRESHOLD, true, l->err);
	*baseline = want;
	l->y = want - ascent + bottom + 1;
	return rc;
}

/*
 * Wrap s at word breaks into the width between the margins (less pad on
 * each side) and draw it. Centred text is balanced: the lines are made as
 * even as the breaks allow, so a heading never ends in a lone short word.
 */
static int
put_text_in(struct layout *l, const char *s, int size, bool bold, enum align align, int pad)
{
	struct text_font *f;
	struct text_lines lines;
	int px = (int)(size * l->text_scale + 0.5);
	int avail = l->width - 2 * l->margin - 2 * pad;
	int baseline = -1;
	int rc;

	if (!present(s))
		return SQ_OK;
	rc = text_font_for_print(l->eng, px, bold, &f, l->err);
	if (rc != SQ_OK)
		return rc;
	rc = text_wrap(f, s, avail, &lines, l->err);
	if (rc != SQ_OK)
		return rc;
	if (align == ALIGN_CENTRE && lines.n > 1) {
		int lo = avail / (int)lines.n, hi = avail;

		/* The narrowest width that still needs no more lines. */
		while (lo < hi) {
			int mid = lo + (hi - lo) / 2;
			struct text_lines trial;

			rc = text_wrap(f, s, mid, &trial, l->err);
			if (rc != SQ_OK)
				goto out;
			if (trial.n <= lines.n) {
				hi = mid;
			} else {
				lo = mid + 1;
			}
			text_lines_release(&trial);
		}
		text_lines_release(&lines);
		rc = text_wrap(f, s, hi, &lines, l->err);
		if (rc != SQ_OK)
			return rc;
	}
	for (size_t i = 0; i < lines.n; i++) {
		const struct text_line *ln = &lines.line[i];
		SDL_Color black = {0, 0, 0, 255};
		SDL_Surface *surf;
		int x = l->margin + pad;

		if (align == ALIGN_CENTRE && ln->width < avail)
			x += (avail - ln->width) / 2;
		rc = text_render(f, s + ln->start, ln->len, black, &surf, l->err);
		if (rc != SQ_OK)
			break;
		rc = place_line(l, surf, x, text_font_ascent(f), px * 13 / 10, &baseline);
		SDL_FreeSurface(surf);
		if (rc != SQ_OK)
			break;
	}
out:
	text_lines_release(&lines);
	return rc;
}

static int
put_text(struct layout *l, const char *s, int size, bool bold)
{
	return put_text_in(l, s, size, bold, l->align, 0);
}

/* A Thai line and, when it says more, its English line under it; then a gap. */
static int
put_pair(struct layout *l, const char *th, const char *en, int size_th, int size_en, bool bold)
{
	int rc = put_text(l, th, size_th, bold);

	if (rc == SQ_OK && english_differs(th, en)) {
		l->y += scaled(l, 2);
		rc = put_text(l, en, size_en, false);
	}
	l->y += scaled(l, 6);
	return rc;
}

/* A thin rule across the ticket with some space around it. */
static void
put_rule(struct layout *l)
{
	l->y += scaled(l, 2);
	bitmap_fill_rect(l->bm, l->margin, l->y, l->width - 2 * l->margin, 2, true);
	l->y += 2 + scaled(l, 8);
}

/* The ticket's number, as large as the paper allows, cropped to its ink. */
static int
put_code(struct layout *l, const char *code)
{
	const int probe = 100;
	SDL_Color black = {0, 0, 0, 255};
	struct text_font *f;
	SDL_Surface *surf = NULL;
	int avail = l->width - 2 * l->margin;
	int baseline = -1;
	int w, size, rc;

	rc = text_font_for_print(l->eng, probe, true, &f, l->err);
	if (rc == SQ_OK)
		rc = text_measure(f, code, strlen(code), &w, NULL, l->err);
	if (rc != SQ_OK)
		return rc;
	/* Fill the width, but keep short codes from growing absurdly tall. */
	size = w > 0 ? probe * avail / w : probe;
	if (size > l->width * 42 / 100)
		size = l->width * 42 / 100;
	for (;;) {
		rc = text_font_for_print(l->eng, size, true, &f, l->err);
		if (rc == SQ_OK)
			rc = text_measure(f, code, strlen(code), &w, NULL, l->err);
		if (rc != SQ_OK)
			return rc;
		if (w <= avail || size <= 12)
			break;
		size -= size / 20 + 1;
	}
	rc = text_render(f, code, strlen(code), black, &surf, l->err);
	if (rc != SQ_OK)
		return rc;
	l->y += scaled(l, 4);
	rc = place_line(l, surf, l->margin + (avail - w) / 2, text_font_ascent(f), 0, &baseline);
	l->y += scaled(l, 12);
	SDL_FreeSurface(surf);
	return rc;
}

/* The priority class as white text in a black band. */
static int
put_priority(struct layout *l, const char *th, const char *en)
{
	char text[512];
	struct layout sub = *l;
	int pad = scaled(l, 6);
	int rc;

	if (english_differs(th, en))
		snprintf(text, sizeof(text), "%s  %s", th, en);
	else
		snprintf(text, sizeof(text), "%s", th);
	/* Draw black on a scratch bitmap, then cut the dots out of a black band. */
	rc = bitmap_create(l->width, scaled(l, 400), &sub.bm, l->err);
	if (rc != SQ_OK)
		return rc;
	sub.y = pad;
	rc = put_text_in(&sub, text, SIZE_PRIORITY, true, ALIGN_CENTRE, pad);
	if (rc == SQ_OK) {
		int h = SDL_min(sub.y + pad, bitmap_height(sub.bm));

		bitmap_fill_rect(l->bm, l->margin, l->y, l->width - 2 * l->margin, h, true);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < l->width; x++)
				if (bitmap_get(sub.bm, x, y))
					bitmap_set(l->bm, x, l->y + y, false);
		l->y += h + scaled(l, 8);
	}
	bitmap_destroy(sub.bm);
	return rc;
}

/* How long the wait is, in words: one Thai line and one English line. */
static void
wait_text(int people, const struct estimate *wait, char *th, size_t nth, char *en, size_t nen)
{
	char th_min[96] = "", en_min[64] = "";

	bool no_counter = wait && wait->kind == ESTIMATE_NO_COUNTER;

	if (wait) {
		estimate_text(wait, false, th_min, sizeof(th_min));
		estimate_text(wait, true, en_min, sizeof(en_min));
	}
	if (people > 0) {
		/* No counter open is a sentence of its own, on a line of its own. */
		snprintf(th, nth, "รอก่อนหน้า %d คิว%s%s", people, no_counter ? "\n" : " ", th_min);
		snprintf(en, nen, "%d %s ahead of you%s%s", people,
		         people == 1 ? "person" : "people",
		         !*en_min     ? ""
		         : no_counter ? "\n"
		                      : ", ",
		         en_min);
	} else if (people == 0 && !no_counter) {
		snprintf(th, nth, "ไม่มีคิวรอก่อนหน้า");
		snprintf(en, nen, "No one ahead of you");
	} else {
		/* No counter open is said as it is, not as a wait. */
		snprintf(th, nth, "%s%s", *th_min && !no_counter ? "รอ" : "", th_min);
		snprintf(en, nen, "%s%s", *en_min && !no_counter ? "Wait " : "", en_min);
	}
}

/* template with every "{ref}" replaced by ref; NULL on overflow. */
static char *
expand_url(const char *template, const char *ref, char *buf, size_t n)
{
	size_t len = 0;
	size_t rlen = strlen(ref);

	for (const char *p = template; *p;) {
		if (strncmp(p, "{ref}", 5) == 0) {
			if (len + rlen >= n)
				return NULL;
			memcpy(buf + len, ref, rlen);
			len += rlen;
			p += 5;
		} else {
			if (len + 1 >= n)
				return NULL;
			buf[len++] = *p++;
		}
	}
	buf[len] = '\0';
	return buf;
}

/*
 * The number and the QR code side by side, a caption with the reference
 * under them: the number stays the largest thing on the ticket and the
 * ticket is some 150 rows (7 KB at 58 mm) shorter than with the QR code
 * in a block of its own.
 */
static int
put_code_qr(struct layout *l, const char *code, const char *template, const char *ref)
{
	char url[1024], caption[320];
	struct bitmap *qr = NULL;
	struct layout sub = *l;
	int avail = l->width - 2 * l->margin, gap = scaled(l, 10);
	int module, side, code_h, h, rc;

	if (!expand_url(template, present(ref) ? ref : "", url, sizeof(url)))
		return sq_error_set(l->err, SQ_ERR_INVALID, "ticket url longer than %zu bytes",
		                    sizeof(url) - 1);
	rc = bitmap_qr(url, 1, 2, &qr, l->err);
	if (rc != SQ_OK)
		return rc;
	module = SDL_max(3, avail * 34 / 100 / bitmap_width(qr));
	bitmap_destroy(qr);
	qr = NULL;
	rc = bitmap_qr(url, module, 2, &qr, l->err);
	if (rc != SQ_OK)
		return rc;
	side = bitmap_width(qr);
	/* The number on a scratch bitmap as wide as what the QR code leaves. */
	sub.width = avail - side - gap;
	sub.margin = 0;
	sub.y = 0;
	sub.bm = NULL;
	rc = bitmap_create(sub.width, 4 * side + 200, &sub.bm, l->err);
	if (rc == SQ_OK)
		rc = put_code(&sub, code);
	if (rc != SQ_OK)
		goto out;
	code_h = bitmap_used_height(sub.bm);
	h = SDL_max(side, code_h);
	l->y += scaled(l, 2);
	bitmap_blit(l->bm, sub.bm, l->margin, l->y + (h - code_h) / 2);
	bitmap_blit(l->bm, qr, l->margin + sub.width + gap, l->y + (h - side) / 2);
	l->y += h + scaled(l, 4);
	if (present(ref))
		snprintf(caption, sizeof(caption), "สแกนติดตามคิว / Scan to follow · Ref. %s", ref);
	else
		snprintf(caption, sizeof(caption), "สแกนติดตามคิว / Scan to follow your queue");
	rc = put_pair(l, caption, NULL, SIZE_SMALL_EN, SIZE_SMALL_EN, false);
out:
	bitmap_destroy(sub.bm);
	bitmap_destroy(qr);
	return rc;
}

/* Lay every block of t out top to bottom. */
static int
layout_ticket(struct layout *l, const struct ticket_print *t)
{
	char th[256], en[256];
	int rc;

	l->y = scaled(l, 8);
	rc = put_pair(l, t->office_th, t->office_en, SIZE_OFFICE_TH, SIZE_OFFICE_EN, true);
	if (rc != SQ_OK)
		return sq_error_prefix(l->err, "office name");
	if (present(t->office_th) || present(t->office_en))
		put_rule(l);
	rc = put_pair(l, t->service_th, t->service_en, SIZE_SERVICE_TH, SIZE_SERVICE_EN, true);
	if (rc != SQ_OK)
		return sq_error_prefix(l->err, "service name");
	if (present(t->url_template))
		rc = put_code_qr(l, t->code, t->url_template, t->ref);
	else
		rc = put_code(l, t->code);
	if (rc != SQ_OK)
		return sq_error_prefix(l->err, "ticket number");
	if (present(t->priority_th)) {
		rc = put_priority(l, t->priority_th, t->priority_en);
		if (rc != SQ_OK)
			return sq_error_prefix(l->err, "priority");
	}
	thaitime_format(th, sizeof(th), t->issued_ms, THAITIME_TH_DATE_TIME);
	thaitime_format(en, sizeof(en), t->issued_ms, THAITIME_EN_DATE_TIME);
	rc = put_pair(l, th, en, SIZE_BODY_TH, SIZE_SMALL_EN, false);
	if (rc != SQ_OK)
		return sq_error_prefix(l->err, "date");
	if (t->people_ahead >= 0 || t->wait || present(t->counters_th)) {
		put_rule(l);
		wait_text(t->people_ahead, t->wait, th, sizeof(th), en, sizeof(en));
		rc = put_pair(l, th, en, SIZE_BODY_TH, SIZE_BODY_EN, true);
		if (rc == SQ_OK && present(t->counters_th)) {
			snprintf(th, sizeof(th), "รับบริการที่ %s", t->counters_th);
			snprintf(en, sizeof(en), "Go to %s",
			         present(t->counters_en) ? t->counters_en : t->counters_th);
			rc = put_pair(l, th, en, SIZE_BODY_TH, SIZE_BODY_EN, false);
		}
		if (rc != SQ_OK)
			return sq_error_prefix(l->err, "wait");
	}
	if (present(t->note_th) || present(t->note_en)) {
		put_rule(l);
		rc = put_pair(l, t->note_th, t->note_en, SIZE_NOTE_TH, SIZE_NOTE_EN, false);
		if (rc != SQ_OK)
			return sq_error_prefix(l->err, "note");
	}
	if (present(t->phone) || present(t->channels_th) || present(t->channels_en)) {
		put_rule(l);
		if (present(t->phone)) {
			snprintf(th, sizeof(th), "โทร. / Tel. %s", t->phone);
			rc = put_pair(l, th, NULL, SIZE_SMALL_TH, SIZE_SMALL_EN, false);
		}
		if (rc == SQ_OK)
			rc = put_pair(l, t->channels_th, t->channels_en, SIZE_SMALL_TH,
			              SIZE_SMALL_EN, false);
		if (rc != SQ_OK)
			return sq_error_prefix(l->err, "contact");
	}
	if (present(t->ref) && !present(t->url_template)) {
		snprintf(th, sizeof(th), "เลขอ้างอิง / Ref. %s", t->ref);
		rc = put_pair(l, th, NULL, SIZE_SMALL_EN, SIZE_SMALL_EN, false);
		if (rc != SQ_OK)
			return sq_error_prefix(l->err, "reference");
	}
	if (l->y >= TICKET_MAX_ROWS)
		return sq_error_set(l->err, SQ_ERR_INVALID, "ticket longer than %d rows",
		                    TICKET_MAX_ROWS);
	return SQ_OK;
}

int
ticket_render(struct text_engine *eng, const struct ticket_print *t, int width, struct bitmap **out,
              struct sq_error *err)
{
	struct layout l = {
	    .eng = eng,
	    .width = width,
	    .scale = width / 384.0,
	    .text_scale = 1.0 + (width / 384.0 - 1.0) / 2,
	    .err = err,
	};
	int rc, used;

	*out = NULL;
	if (!present(t->code))
		return sq_error_set(err, SQ_ERR_INVALID, "ticket has no number");
	if (width < 256 || width > 1024)
		return sq_error_set(err, SQ_ERR_INVALID, "ticket width %d is not 256 to 1024 dots",
		                    width);
	l.margin = scaled(&l, 8);
	rc = bitmap_create(width, TICKET_MAX_ROWS, &l.bm, err);
	if (rc != SQ_OK)
		return rc;
	rc = layout_ticket(&l, t);
	if (rc != SQ_OK)
		goto fail;
	/* Crop to the ink plus a margin, so no blank paper is fed. */
	used = bitmap_used_height(l.bm);
	rc = bitmap_set_height(l.bm, used + scaled(&l, 8), err);
	if (rc != SQ_OK)
		goto fail;
	*out = l.bm;
	return SQ_OK;
fail:
	bitmap_destroy(l.bm);
	return rc;
}

int
ticket_encode_escpos(const struct bitmap *bm, bool cut, struct escpos_buf *out)
{
	size_t start = out->len;
	int rc = escpos_init(out);

	if (rc == SQ_OK)
		rc = escpos_raster(out, bm, ESCPOS_BAND_ROWS);
	if (rc == SQ_OK)
		rc = cut ? escpos_cut(out, ESCPOS_CUT_PARTIAL, CUT_FEED)
		         : escpos_feed_lines(out, TEAR_FEED_LINES);
	if (rc != SQ_OK)
		out->len = start;
	return rc;
}
