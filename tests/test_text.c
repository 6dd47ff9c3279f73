/*
 * Unit tests of text.c: libthai break positions (no fonts needed), then
 * fonts, shaping and wrapping with the installed TLWG fonts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL2/SDL_ttf.h>

#include "text.h"

#define ID_CARD "บัตรประจำตัวประชาชน"

/* Whether cp is drawn on the character before it (Thai above/below marks). */
static bool
is_mark(uint32_t cp)
{
	return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
}

/* The break offsets of s, checked to be a strictly increasing list. */
static long
breaks(const char *s, size_t *pos, size_t max)
{
	struct text_breaker *br = NULL;
	long n;

	assert_int_equal(text_breaker_create(&br, NULL), SQ_OK);
	n = text_breaker_find(br, s, strlen(s), pos, max);
	text_breaker_destroy(br);
	assert_true(n >= 0);
	if ((size_t)n > max)
		n = (long)max;
	for (long i = 1; i < n; i++)
		assert_true(pos[i] > pos[i - 1]);
	return n;
}

/* Every offset lands between characters, before a character that is not a mark. */
static void
assert_breaks_clean(const char *s, const size_t *pos, long n)
{
	size_t len = strlen(s);

	for (long i = 0; i < n; i++) {
		size_t o = pos[i];
		uint32_t next, prev;
		size_t p = o;

		assert_true(o > 0 && o < len);
		assert_int_not_equal((unsigned char)s[o] & 0xC0, 0x80);
		next = text_utf8_next(s, len, &p);
		assert_false(is_mark(next));
		/* Not after a leading vowel (เ แ โ ใ ไ), which belongs to the next consonant. */
		p = o - 1;
		while (((unsigned char)s[p] & 0xC0) == 0x80)
			p--;
		prev = text_utf8_next(s, len, &p);
		assert_false(prev >= 0x0E40 && prev <= 0x0E44);
	}
}

static void
test_text_breaks_id_card_words(void **state)
{
	size_t pos[16];
	long n;

	(void)state;
	/* บัตร | ประจำ | ตัว | ประชาชน: Thai letters are 3 bytes each. */
	n = breaks(ID_CARD, pos, 16);
	assert_int_equal(n, 3);
	assert_int_equal(pos[0], 4 * 3);
	assert_int_equal(pos[1], 9 * 3);
	assert_int_equal(pos[2], 12 * 3);
	assert_breaks_clean(ID_CARD, pos, n);
}

static void
test_text_breaks_never_split_marks(void **state)
{
	static const char *const phrases[] = {
	    ID_CARD,
	    "กรุณารอเรียกหมายเลขของท่านที่ช่องบริการ",
	    "เจ้าหน้าที่จะเรียกหมายเลขของท่านทางจอและเสียงประกาศ",
	    "ผู้สูงอายุ ผู้พิการ และสตรีมีครรภ์ได้รับบริการก่อน",
	    "ไม่มีคิวรอก่อนหน้า แล้วก็เข้าไปได้เลย ๆ",
	    "สำเนาทะเบียนบ้านฉบับจริงพร้อมใบคำร้อง",
	};
	size_t pos[128];

	(void)state;
	for (size_t i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++) {
		long n = breaks(phrases[i], pos, 128);

		assert_true(n > 1);
		assert_breaks_clean(phrases[i], pos, n);
	}
}

static void
test_text_breaks_mixed_thai_latin(void **state)
{
	const char *s = "ยื่นบัตร ID card ที่ counter 3";
	size_t pos[32];
	long n;
	bool after_id = false, after_card = false, inside_latin = false;

	(void)state;
	n = breaks(s, pos, 32);
	assert_breaks_clean(s, pos, n);
	for (long i = 0; i < n; i++) {
		const char *at = s + pos[i];

		after_id = after_id || strncmp(at, "card", 4) == 0;
		after_card = after_card || strncmp(at, "ที่", strlen("ที่")) == 0;
		/* Never inside a Latin word. */
		inside_latin = inside_latin ||
		               (at[-1] >= 'a' && at[-1] <= 'z' && at[0] >= 'a' && at[0] <= 'z');
	}
	assert_true(after_id);
	assert_true(after_card);
	assert_false(inside_latin);
}

static void
test_text_breaks_report_total_beyond_max(void **state)
{
	size_t pos[1];

	(void)state;
	assert_int_equal(breaks(ID_CARD, pos, 1), 1);
	{
		struct text_breaker *br = NULL;

		assert_int_equal(text_breaker_create(&br, NULL), SQ_OK);
		assert_int_equal(text_breaker_find(br, ID_CARD, strlen(ID_CARD), pos, 1), 3);
		assert_int_equal(text_breaker_find(br, "", 0, pos, 1), 0);
		text_breaker_destroy(br);
	}
}

static void
test_text_cluster_boundary_rules(void **state)
{
	const char *s = "ที่เก";
	size_t len = strlen(s);

	(void)state;
	assert_false(text_cluster_boundary(s, len, 0));
	assert_false(text_cluster_boundary(s, len, 1));  /* inside a UTF-8 sequence */
	assert_false(text_cluster_boundary(s, len, 3));  /* before sara ii */
	assert_false(text_cluster_boundary(s, len, 6));  /* before mai ek */
	assert_true(text_cluster_boundary(s, len, 9));   /* before sara e */
	assert_false(text_cluster_boundary(s, len, 12)); /* after a leading vowel */
	assert_false(text_cluster_boundary(s, len, len));
	assert_false(text_cluster_boundary("กำ", 6, 3)); /* before sara am */
}

static void
test_text_utf8_next_decodes_and_survives_garbage(void **state)
{
	const char s[] = "a\xE0\xB8\x81\xFF\xE0\xB8";
	size_t off = 0, len = sizeof(s) - 1;

	(void)state;
	assert_int_equal(text_utf8_next(s, len, &off), 'a');
	assert_int_equal(text_utf8_next(s, len, &off), 0x0E01);
	assert_int_equal(off, 4);
	assert_int_equal(text_utf8_next(s, len, &off), 0xFFFD);
	assert_int_equal(off, 5);
	assert_int_equal(text_utf8_next(s, len, &off), 0xFFFD); /* cut short */
	assert_int_equal(off, 6);
}

/* ------------------------------------------------------------ with fonts */

static int
setup_engine(void **state)
{
	struct text_engine *eng = NULL;
	struct sq_error err = {0};

	if (text_engine_create(NULL, &eng, &err) != SQ_OK) {
		print_error("%s\n", err.msg);
		return -1;
	}
	*state = eng;
	return 0;
}

static int
teardown_engine(void **state)
{
	text_engine_destroy(*state);
	return 0;
}

/* Rows of s with ink (alpha >= 128): first and last, -1 if none. */
static void
ink_rows(SDL_Surface *s, int *top, int *bottom, size_t *count)
{
	*top = -1;
	*bottom = -1;
	*count = 0;
	for (int y = 0; y < s->h; y++) {
		const Uint32 *row =
		    (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);

		for (int x = 0; x < s->w; x++) {
			if ((row[x] >> 24) >= 128) {
				if (*top < 0)
					*top = y;
				*bottom = y;
				(*count)++;
			}
		}
	}
}

static SDL_Surface *
render(struct text_font *f, const char *s)
{
	SDL_Color black = {0, 0, 0, 255};
	SDL_Surface *surf = NULL;

	assert_int_equal(text_render(f, s, strlen(s), black, &surf, NULL), SQ_OK);
	assert_non_null(surf);
	return surf;
}

static void
test_text_engine_uses_laksaman(void **state)
{
	struct text_engine *eng = *state;

	assert_non_null(strstr(text_engine_font_path(eng, false, true), "Laksaman"));
	assert_non_null(strstr(text_engine_font_path(eng, true, true), "Laksaman-Bold"));
	assert_non_null(strstr(text_engine_font_path(eng, false, false), "Laksaman"));
}

static void
test_text_digits_are_real_glyphs(void **state)
{
	struct text_engine *eng = *state;
	struct text_font *f = NULL;
	TTF_Font *raw;

	assert_int_equal(text_font(eng, 40, false, &f, NULL), SQ_OK);
	for (uint32_t c = '0'; c <= '9'; c++)
		assert_true(text_font_has_glyph(f, c));
	assert_true(text_font_has_glyph(f, 'A'));
	assert_true(text_font_has_glyph(f, 0x0E01));
	/* And straight from SDL_ttf, for the Latin face the engine picked. */
	raw = TTF_OpenFont(text_engine_font_path(eng, true, false), 40);
	assert_non_null(raw);
	assert_true(TTF_GlyphIsProvided32(raw, '0') != 0);
	assert_true(TTF_GlyphIsProvided32(raw, '9') != 0);
	TTF_CloseFont(raw);
}

static void
test_text_font_is_cached(void **state)
{
	struct text_engine *eng = *state;
	struct text_font *a = NULL, *b = NULL, *c = NULL, *p = NULL;
	struct sq_error err = {0};

	assert_int_equal(text_font(eng, 30, true, &a, NULL), SQ_OK);
	assert_int_equal(text_font(eng, 30, true, &b, NULL), SQ_OK);
	assert_int_equal(text_font(eng, 30, false, &c, NULL), SQ_OK);
	assert_int_equal(text_font_for_print(eng, 30, true, &p, NULL), SQ_OK);
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(a, c);
	assert_ptr_not_equal(a, p);
	assert_int_equal(text_font(eng, 2, false, &a, &err), SQ_ERR_INVALID);
	assert_null(a);
	assert_non_null(strstr(err.msg, "font size 2"));
}

static void
test_text_render_thai_non_blank_line_height(void **state)
{
	struct text_engine *eng = *state;
	struct text_font *f = NULL;
	SDL_Surface *s;
	int top, bottom, w = 0, h = 0;
	size_t count;

	assert_int_equal(text_font(eng, 40, false, &f, NULL), SQ_OK);
	s = render(f, ID_CARD);
	assert_int_equal(s->h, text_font_height(f));
	/* Laksaman's line box is about 1.7 em: room for stacked marks. */
	assert_in_range(s->h, 60, 72);
	assert_int_equal(text_measure(f, ID_CARD, strlen(ID_CARD), &w, &h, NULL), SQ_OK);
	assert_int_equal(s->w, w);
	assert_int_equal(h, s->h);
	assert_in_range(w, 200, 400);
	ink_rows(s, &top, &bottom, &count);
	assert_true(count > 500);
	assert_true(top >= 0 && bottom < s->h);
	assert_true(top < text_font_ascent(f));
	SDL_FreeSurface(s);
}

static void
test_text_render_marks_stack(void **state)
{
	struct text_engine *eng = *state;
	struct text_font *f = NULL;
	SDL_Surface *base, *vowel, *tone;
	int t_base, t_vowel, t_tone, b;
	size_t n;

	assert_int_equal(text_font(eng, 60, false, &f, NULL), SQ_OK);
	base = render(f, "ท");
	vowel = render(f, "ที");
	tone = render(f, "ที่");
	ink_rows(base, &t_base, &b, &n);
	ink_rows(vowel, &t_vowel, &b, &n);
	ink_rows(tone, &t_tone, &b, &n);
	/* Sara ii sits above the consonant, and mai ek above sara ii, not on it. */
	assert_true(t_vowel < t_base - 5);
	assert_true(t_tone < t_vowel - 5);
	/* All three share the baseline and the line box. */
	assert_int_equal(base->h, tone->h);
	assert_int_equal(base->w, vowel->w);
	SDL_FreeSurface(base);
	SDL_FreeSurface(vowel);
	SDL_FreeSurface(tone);
}

static void
test_text_render_mixed_runs_and_digits(void **state)
{
	struct text_engine *eng = *state;
	struct text_font *f = NULL;
	SDL_Surface *s, *digits;
	int top, bottom, w_digits = 0;
	size_t count;

	assert_int_equal(text_font(eng, 32, true, &f, NULL), SQ_OK);
	s = render(f, "คิว A012 ช่อง 3");
	ink_rows(s, &top, &bottom, &count);
	assert_true(count > 200);
	digits = render(f, "0123456789");
	assert_int_equal(text_measure(f, "0123456789", 10, &w_digits, NULL, NULL), SQ_OK);
	ink_rows(digits, &top, &bottom, &count);
	/* Real digits, not ten identical boxes: "1" is much narrower ink than "0". */
	assert_true(count > 300);
	assert_in_range(w_digits, 10 * 10, 10 * 25);
	SDL_FreeSurface(s);
	SDL_FreeSurface(digits);
}

static void
test_text_render_empty_is_transparent(void **state)
{
	struct text_engine *eng = *state;
	struct text_font *f = NULL;
	SDL_Surface *s;
	int top, bottom;
	size_t count;

	assert_int_equal(text_font(eng, 20, false, &f, NULL), SQ_OK);
	s = render(f, "");
	assert_int_equal(s->w, 1);
	ink_rows(s, &top, &bottom, &count);
	assert_int_equal(count, 0);
	SDL_FreeSurface(s);
}

/* Check the lines of s cover it in order, fit max_width and start at breaks. */
static void
assert_wrapped_well(struct text_font *f, const char *s, const struct text_lines *ls, int max_width)
{
	size_t len = strlen(s);
	size_t pos[256];
	size_t covered = 0;
	long n = breaks(s, pos, 256);

	assert_true(ls->n > 0);
	for (size_t i = 0; i < ls->n; i++) {
		const struct text_line *ln = &ls->line[i];
		int w = 0;
		bool at_break = ln->start == 0;

		assert_true(ln->start >= covered);
		/* Only spaces are dropped between lines. */
		for (size_t o = covered; o < ln->start; o++)
			assert_true(s[o] == ' ');
		for (long k = 0; k < n; k++)
			at_break = at_break || pos[k] == ln->start;
		assert_true(at_break);
		assert_true(ln->width <= max_width);
		assert_int_equal(text_measure(f, s + ln->start, ln->len, &w, NULL, NULL), SQ_OK);
		assert_int_equal(w, ln->width);
		assert_true(ln->len > 0);
		assert_true(s[ln->start + ln->len - 1] != ' ');
		covered = ln->start + ln->len;
	}
	assert_true(covered <= len);
	for (size_t o = covered; o < len; o++)
		assert_true(s[o] == ' ');
}

static void
test_text_wrap_thai_at_word_breaks(void **state)
{
	struct text_engine *eng = *state;
	struct text_font *f = NULL;
	struct text_lines ls;
	const char *s = "กรุณาเตรียมบัตรประจำตัวประชาชนฉบับเดิมและสำเนาทะเบียนบ้าน"
	                "เจ้าหน้าที่จะเรียกหมายเลขของท่านทางจอและเสียงประกาศ";

	assert_int_equal(text_font(eng, 24, false, &f, NULL), SQ_OK);
	assert_int_equal(text_wrap(f, s, 300, &ls, NULL), SQ_OK);
	assert_true(ls.n >= 3);
	assert_wrapped_well(f, s, &ls, 300);
	text_lines_release(&ls);
	assert_int_equal(ls.n, 0);
}

static void
test_text_wrap_mixed_thai_english(void **state)
{
	struct text_engine *eng = *state;
	struct text_font *f = NULL;
	struct text_lines ls;
	const char *s = "Please bring your ID card บัตรประจำตัวประชาชน and a copy of your house "
	                "registration สำเนาทะเบียนบ้าน";

	assert_int_equal(text_font(eng, 20, false, &f, NULL), SQ_OK);
	assert_int_equal(text_wrap(f, s, 220, &ls, NULL), SQ_OK);
	assert_true(ls.n >= 3);
	assert_wrapped_well(f, s, &ls, 220);
	text_lines_release(&ls);
}

static void
test_text_wrap_newlines_and_fit(void **state)
{
	struct text_engine *eng = *state;
	struct text_font *f = NULL;
	struct text_lines ls;
	const char *s = "ช่อง 1\nCounter 1";

	assert_int_equal(text_font(eng, 20, false, &f, NULL), SQ_OK);
	assert_int_equal(text_wrap(f, s, 1000, &ls, NULL), SQ_OK);
	assert_int_equal(ls.n, 2);
	assert_int_equal(ls.line[0].start, 0);
	assert_int_equal(ls.line[0].len, strlen("ช่อง 1"));
	assert_int_equal(ls.line[1].start, strlen("ช่อง 1\n"));
	text_lines_release(&ls);
	assert_int_equal(text_wrap(f, "", 100, &ls, NULL), SQ_OK);
	assert_int_equal(ls.n, 0);
	text_lines_release(&ls);
}

static void
test_text_wrap_too_long_word_splits_between_clusters(void **state)
{
	struct text_engine *eng = *state;
	struct text_font *f = NULL;
	struct text_lines ls;
	const char *s = "ประชาชน";

	assert_int_equal(text_font(eng, 40, false, &f, NULL), SQ_OK);
	assert_int_equal(text_wrap(f, s, 50, &ls, NULL), SQ_OK);
	assert_true(ls.n >= 2);
	for (size_t i = 1; i < ls.n; i++)
		assert_true(text_cluster_boundary(s, strlen(s), ls.line[i].start));
	text_lines_release(&ls);
	/* Narrower than one letter: still one cluster per line, never stuck. */
	assert_int_equal(text_wrap(f, "ที่นี่", 1, &ls, NULL), SQ_OK);
	assert_int_equal(ls.n, 2);
	assert_int_equal(ls.line[1].start, strlen("ที่"));
	text_lines_release(&ls);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
	    cmocka_unit_test(test_text_breaks_id_card_words),
	    cmocka_unit_test(test_text_breaks_never_split_marks),
	    cmocka_unit_test(test_text_breaks_mixed_thai_latin),
	    cmocka_unit_test(test_text_breaks_report_total_beyond_max),
	    cmocka_unit_test(test_text_cluster_boundary_rules),
	    cmocka_unit_test(test_text_utf8_next_decodes_and_survives_garbage),
	};
	const struct CMUnitTest fonts[] = {
	    cmocka_unit_test(test_text_engine_uses_laksaman),
	    cmocka_unit_test(test_text_digits_are_real_glyphs),
	    cmocka_unit_test(test_text_font_is_cached),
	    cmocka_unit_test(test_text_render_thai_non_blank_line_height),
	    cmocka_unit_test(test_text_render_marks_stack),
	    cmocka_unit_test(test_text_render_mixed_runs_and_digits),
	    cmocka_unit_test(test_text_render_empty_is_transparent),
	    cmocka_unit_test(test_text_wrap_thai_at_word_breaks),
	    cmocka_unit_test(test_text_wrap_mixed_thai_english),
	    cmocka_unit_test(test_text_wrap_newlines_and_fit),
	    cmocka_unit_test(test_text_wrap_too_long_word_splits_between_clusters),
	};
	int failed = cmocka_run_group_tests_name("text_breaks", pure, NULL, NULL);

	failed += cmocka_run_group_tests_name("text_fonts", fonts, setup_engine, teardown_engine);
	return failed;
}
