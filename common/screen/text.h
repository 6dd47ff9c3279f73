/*
 * text.h - the one text engine: fonts, Thai shaping, Thai word wrap.
 *
 * Screens, tickets and anything else that draws words go through here, so a
 * Thai line looks the same on the board and on paper. The engine finds the
 * fonts with fontconfig (Laksaman, the TLWG derivative of the government's
 * Sarabun, then other TLWG families with Latin letters and digits; a font
 * without ASCII digits such as Noto Sans Thai only ever draws Thai runs),
 * draws with SDL2_ttf + HarfBuzz, and splits text into Thai and Latin runs
 * so that each is shaped with its own script (Thai marks stack correctly).
 * Lines wrap at libthai word breaks and spaces, never inside a word and
 * never between a consonant and its marks.
 *
 * Ownership: a struct text_engine owns every struct text_font it hands out;
 * fonts stay valid until text_engine_destroy(). Surfaces, line lists and
 * breakers returned to the caller are the caller's to free (SDL_FreeSurface,
 * text_lines_release, text_breaker_destroy).
 *
 * Threading: an engine and its fonts belong to one thread. The engine needs
 * no window or video subsystem (TTF_Init only). A text_breaker is pure and
 * needs no fonts; it too belongs to one thread.
 *
 * All text is UTF-8. Lengths and offsets are in bytes.
 */
#ifndef SADUAK_TEXT_H
#define SADUAK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "error.h"

struct text_engine;
struct text_font;
struct text_breaker;

/* One wrapped line: bytes [start, start + len) of the wrapped text. */
struct text_line {
	size_t start;
	size_t len; /* without the spaces at the break */
	int width;  /* pixels, as text_measure() gives */
};

/* The result of text_wrap(); release with text_lines_release(). */
struct text_lines {
	struct text_line *line;
	size_t n;
};

/*
 * Find the fonts and start the engine. family is the preferred family name
 * ("Laksaman") or NULL for the default list. On failure *out is NULL and the
 * return is SQ_ERR_NOTFOUND (no font with Thai and Latin digits installed),
 * SQ_ERR_IO (SDL_ttf failed) or SQ_ERR_NOMEM. Free with text_engine_destroy().
 */
int text_engine_create(const char *family, struct text_engine **out, struct sq_error *err);

/* Close every font of eng and the engine itself. NULL is a no-op. */
void text_engine_destroy(struct text_engine *eng);

/*
 * The font file the engine uses for thai (true) or Latin runs (false), in
 * the bold or regular weight. Owned by the engine.
 */
const char *text_engine_font_path(const struct text_engine *eng, bool bold, bool thai);

/*
 * The font of size_px pixels (em size), bold or regular, opened on first use
 * and cached. On failure *out is NULL (SQ_ERR_INVALID for a size outside
 * 4..1000, SQ_ERR_IO, SQ_ERR_NOMEM). The engine owns the font.
 */
int text_font(struct text_engine *eng, int size_px, bool bold, struct text_font **out,
              struct sq_error *err);

/*
 * Like text_font(), but hinted for 1-bit output (tickets): FreeType's mono
 * hinting snaps stems to whole dots, so thin Thai strokes such as mai ek
 * survive a 50% threshold instead of splitting into two grey pixels.
 */
int text_font_for_print(struct text_engine *eng, int size_px, bool bold, struct text_font **out,
                        struct sq_error *err);

/* Height in pixels of one line of f: every rendered line is this tall. */
int text_font_height(const struct text_font *f);

/* Pixels from the top of a line of f to its baseline. */
int text_font_ascent(const struct text_font *f);

/* Whether f (through its Thai or Latin face) has a real glyph for cp. */
bool text_font_has_glyph(const struct text_font *f, uint32_t cp);

/*
 * Width and height in pixels of the len bytes at utf8 drawn on one line.
 * Either out-pointer may be NULL. Returns SQ_ERR_IO or SQ_ERR_NOMEM on
 * failure, with *w and *h set to 0.
 */
int text_measure(struct text_font *f, const char *utf8, size_t len, int *w, int *h,
                 struct sq_error *err);

/*
 * Break the NUL-terminated utf8 into lines no wider than max_width pixels, at
 * libthai word breaks and spaces; "\n" always breaks. A word wider than a
 * line is split between character clusters (a consonant stays with its
 * marks). out is filled on success and must be released with
 * text_lines_release(); on failure it is empty.
 */
int text_wrap(struct text_font *f, const char *utf8, int max_width, struct text_lines *out,
              struct sq_error *err);

/* Free the lines of ls and leave it empty. */
void text_lines_release(struct text_lines *ls);

/*
 * Draw the len bytes at utf8 on one line in color onto a new ARGB8888
 * surface with a transparent background (alpha = coverage), as tall as
 * text_font_height(f). Empty text gives a 1-pixel wide transparent surface.
 * On failure *out is NULL. The caller frees the surface with
 * SDL_FreeSurface().
 */
int text_render(struct text_font *f, const char *utf8, size_t len, SDL_Color color,
                SDL_Surface **out, struct sq_error *err);

/*
 * Load libthai's word-break dictionary. On failure *out is NULL and the
 * return is SQ_ERR_NOTFOUND (libthai data missing) or SQ_ERR_NOMEM. Free
 * with text_breaker_destroy().
 */
int text_breaker_create(struct text_breaker **out, struct sq_error *err);

/* Free br. NULL is a no-op. */
void text_breaker_destroy(struct text_breaker *br);

/*
 * Byte offsets inside (0, len) where a line may break in the len bytes at
 * utf8: libthai word boundaries plus the ends of runs of spaces, minus any
 * offset that would separate a character from the marks or following
 * vowels that belong to it, or a leading vowel from its consonant. The
 * first max offsets are written to pos in increasing order; the return is
 * how many there are in all (which may exceed max), or a negative
 * SQ_ERR_NOMEM.
 */
long text_breaker_find(struct text_breaker *br, const char *utf8, size_t len, size_t *pos,
                       size_t max);

/*
 * Whether a line may end just before the character at byte offset off of
 * utf8 without splitting a character cluster: false inside a UTF-8
 * sequence, before a combining mark, before a Thai following vowel, or
 * after a Thai leading vowel. Pure.
 */
bool text_cluster_boundary(const char *utf8, size_t len, size_t off);

/*
 * Decode the UTF-8 character at *off (less than len) and advance *off past
 * it. Invalid bytes decode as U+FFFD one byte at a time. Pure.
 */
uint32_t text_utf8_next(const char *utf8, size_t len, size_t *off);

#endif
