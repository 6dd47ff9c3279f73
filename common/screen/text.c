#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <SDL2/SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <thai/thbrk.h>

#include "log.h"

#define FONT_MIN_PX 4
#define FONT_MAX_PX 1000

/*
 * TLWG families from Debian's fonts-thai-tlwg, in order of preference:
 * Laksaman is the Sarabun look; the others all carry Latin letters and
 * digits, so one face can draw a whole mixed line.
 */
static const char *const default_families[] = {
    "Laksaman", "Loma", "Garuda", "Norasi", "Kinnari", "Sawasdee", "Umpush", "Waree",
};

struct text_breaker {
	ThBrk *brk;
};

struct text_font {
	struct text_breaker *breaker; /* the engine's */
	int size;
	bool bold;
	bool print;      /* mono hinting for 1-bit output */
	TTF_Font *thai;  /* draws Thai runs */
	TTF_Font *latin; /* draws everything else; may be the same object as thai */
	int ascent;      /* baseline of the combined line */
	int height;      /* height of the combined line */
	int thai_dy;     /* top of a thai-face surface within the line */
	int latin_dy;    /* top of a latin-face surface within the line */
};

struct text_engine {
	char *path[2][2];        /* [bold][thai]: font files */
	bool synth_bold[2][2];   /* [bold][thai]: no bold face, let FreeType embolden */
	struct text_font **font; /* cache; the pointers stay valid until destroy */
	size_t n_font;
	size_t cap_font;
	struct text_breaker *breaker;
};

/* One run of text drawn by one face with one script. */
struct run {
	size_t start;
	size_t end;
	bool thai;
};

/* ---------------------------------------------------------------- UTF-8 */

uint32_t
text_utf8_next(const char *utf8, size_t len, size_t *off)
{
	const unsigned char *s = (const unsigned char *)utf8 + *off;
	size_t left = len - *off;
	uint32_t cp;
	size_t n;

	if (s[0] < 0x80) {
		*off += 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2;
		cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3;
		cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		*off += 1;
		return 0xFFFD;
	}
	if (n > left) {
		*off += 1;
		return 0xFFFD;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*off += 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*off += n;
	return cp;
}

/* The character that ends just before off (off > 0). */
static uint32_t
utf8_prev(const char *utf8, size_t len, size_t off)
{
	size_t start = off - 1;

	while (start > 0 && off - start < 4 && ((unsigned char)utf8[start] & 0xC0) == 0x80)
		start--;
	return text_utf8_next(utf8, len, &start);
}

static bool
is_thai(uint32_t cp)
{
	return cp >= 0x0E00 && cp <= 0x0E7F;
}

/* Marks drawn on or around the character before them. */
static bool
is_combining(uint32_t cp)
{
	return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E) ||
	       (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	       (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	       (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200D;
}

/* Thai signs that never start a line: following vowels, ฯ and ๆ. */
static bool
is_thai_follower(uint32_t cp)
{
	return cp == 0x0E30 || cp == 0x0E32 || cp == 0x0E33 || cp == 0x0E45 || cp == 0x0E46 ||
	       cp == 0x0E2F;
}

/* Thai vowels written before the consonant they follow in speech: เ แ โ ใ ไ. */
static bool
is_thai_leading_vowel(uint32_t cp)
{
	return cp >= 0x0E40 && cp <= 0x0E44;
}

static bool
is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x200B;
}

bool
text_cluster_boundary(const char *utf8, size_t len, size_t off)
{
	size_t o = off;
	uint32_t next, prev;

	if (off == 0 || off >= len)
		return false;
	if (((unsigned char)utf8[off] & 0xC0) == 0x80)
		return false;
	next = text_utf8_next(utf8, len, &o);
	if (is_combining(next) || is_thai_follower(next))
		return false;
	prev = utf8_prev(utf8, len, off);
	if (is_thai_leading_vowel(prev) || prev == 0x200D)
		return false;
	return true;
}

/* ------------------------------------------------------------- breaking */

int
text_breaker_create(struct text_breaker **out, struct sq_error *err)
{
	struct text_breaker *br;

	*out = NULL;
	br = calloc(1, sizeof(*br));
	if (!br)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for the word breaker");
	br->brk = th_brk_new(NULL);
	if (!br->brk) {
		free(br);
		return sq_error_set(err, SQ_ERR_NOTFOUND,
		                    "unable to load libthai's word-break dictionary (is "
		                    "libthai-data installed?)");
	}
	*out = br;
	return SQ_OK;
}

void
text_breaker_destroy(struct text_breaker *br)
{
	if (!br)
		return;
	th_brk_delete(br->brk);
	free(br);
}

/* The TIS-620 byte libthai should see for cp: Thai letters map 1:1. */
static unsigned char
tis_of(uint32_t cp)
{
	if (cp >= 0x0E01 && cp <= 0x0E5B)
		return (unsigned char)(cp - 0x0E00 + 0xA0);
	if (cp == 0 || is_space(cp))
		return ' ';
	if (cp < 0x80)
		return (unsigned char)cp;
	/* Any other letter or sign: part of a non-Thai word. */
	return 'A';
}

long
text_breaker_find(struct text_breaker *br, const char *utf8, size_t len, size_t *pos, size_t max)
{
	unsigned char *tis = NULL;
	size_t *off = NULL;
	int *brk = NULL;
	bool *ok = NULL;
	size_t n = 0, found = 0;
	long ret = SQ_ERR_NOMEM;
	int nb;

	/* One TIS byte per character, so libthai's positions index off[]. */
	tis = malloc(len + 1);
	off = malloc((len + 1) * sizeof(*off));
	brk = malloc((len + 1) * sizeof(*brk));
	ok = calloc(len + 1, sizeof(*ok));
	if (!tis || !off || !brk || !ok)
		goto out;
	for (size_t o = 0; o < len;) {
		off[n] = o;
		tis[n++] = tis_of(text_utf8_next(utf8, len, &o));
	}
	off[n] = len;
	tis[n] = '\0';

	nb = n > 0 ? th_brk_find_breaks(br->brk, tis, brk, n + 1) : 0;
	for (int i = 0; i < nb; i++)
		if (brk[i] > 0 && (size_t)brk[i] < n)
			ok[brk[i]] = true;
	/* Latin text breaks after spaces whatever libthai thinks. */
	for (size_t i = 1; i < n; i++)
		if (tis[i - 1] == ' ' && tis[i] != ' ')
			ok[i] = true;
	for (size_t i = 1; i < n; i++) {
		if (!ok[i] || tis[i] == ' ' || !text_cluster_boundary(utf8, len, off[i]))
			continue;
		if (found < max)
			pos[found] = off[i];
		found++;
	}
	ret = (long)found;
out:
	free(tis);
	free(off);
	free(brk);
	free(ok);
	return ret;
}

/* --------------------------------------------------------------- fonts */

/* Whether the matched pattern m belongs to family (any of its names). */
static bool
fc_family_is(FcPattern *m, const char *family)
{
	FcChar8 *name;

	for (int i = 0; FcPatternGetString(m, FC_FAMILY, i, &name) == FcResultMatch; i++)
		if (strcasecmp((const char *)name, family) == 0)
			return true;
	return false;
}

/*
 * The file of family in the weight asked for, or NULL if fontconfig has no
 * such family with the characters needed. lang instead of a family asks for
 * any font of that language. *synth tells that only a regular face exists.
 */
static char *
fc_find(FcConfig *cfg, const char *family, const char *lang, bool bold, bool need_latin,
        bool need_thai, bool *synth)
{
	FcPattern *pat, *m = NULL;
	FcResult res;
	FcChar8 *file;
	FcCharSet *cs;
	int weight = FC_WEIGHT_REGULAR;
	char *path = NULL;

	pat = FcPatternCreate();
	if (!pat)
		return NULL;
	if (family)
		FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	if (lang)
		FcPatternAddString(pat, FC_LANG, (const FcChar8 *)lang);
	FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
	if (!FcConfigSubstitute(cfg, pat, FcMatchPattern))
		goto out;
	FcDefaultSubstitute(pat);
	m = FcFontMatch(cfg, pat, &res);
	if (!m || res != FcResultMatch)
		goto out;
	if (family && !fc_family_is(m, family))
		goto out;
	if (FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) != FcResultMatch)
		goto out;
	if (need_thai && (!FcCharSetHasChar(cs, 0x0E01) || !FcCharSetHasChar(cs, 0x0E49)))
		goto out;
	if (need_latin && (!FcCharSetHasChar(cs, '0') || !FcCharSetHasChar(cs, 'A')))
		goto out;
	if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
		goto out;
	FcPatternGetInteger(m, FC_WEIGHT, 0, &weight);
	*synth = bold && weight < FC_WEIGHT_DEMIBOLD;
	path = strdup((const char *)file);
out:
	if (m)
		FcPatternDestroy(m);
	FcPatternDestroy(pat);
	return path;
}

/* Fill eng->path for one weight. Returns SQ_OK or SQ_ERR_NOTFOUND / NOMEM. */
static int
find_weight(struct text_engine *eng, FcConfig *cfg, const char *family, bool bold,
            struct sq_error *err)
{
	const size_t nd = sizeof(default_families) / sizeof(default_families[0]);
	int b = bold ? 1 : 0;
	bool synth = false;
	char *p = NULL;

	/* A face with both scripts, so most lines are one face. */
	if (family)
		p = fc_find(cfg, family, NULL, bold, true, true, &synth);
	for (size_t i = 0; !p && i < nd; i++)
		p = fc_find(cfg, default_families[i], NULL, bold, true, true, &synth);
	if (p) {
		eng->path[b][1] = p;
		eng->synth_bold[b][1] = synth;
		eng->path[b][0] = strdup(p);
		eng->synth_bold[b][0] = synth;
		return eng->path[b][0] ? SQ_OK : sq_error_set(err, SQ_ERR_NOMEM, "out of memory");
	}
	/* Any Thai face for Thai runs (Noto Sans Thai has no digits), any Latin one for the rest.
	 */
	p = fc_find(cfg, NULL, "th", bold, false, true, &synth);
	if (!p)
		return sq_error_set(err, SQ_ERR_NOTFOUND,
		                    "no font with thai letters found (install fonts-thai-tlwg)");
	eng->path[b][1] = p;
	eng->synth_bold[b][1] = synth;
	p = fc_find(cfg, "sans-serif", NULL, bold, true, false, &synth);
	if (!p)
		p = fc_find(cfg, NULL, "en", bold, true, false, &synth);
	if (!p)
		return sq_error_set(err, SQ_ERR_NOTFOUND,
		                    "no font with latin letters and digits found (install "
		                    "fonts-thai-tlwg)");
	eng->path[b][0] = p;
	eng->synth_bold[b][0] = synth;
	log_warn("font '%s' not found; thai text in '%s', latin text in '%s'",
	         family ? family : default_families[0], eng->path[b][1], eng->path[b][0]);
	return SQ_OK;
}

int
text_engine_create(const char *family, struct text_engine **out, struct sq_error *err)
{
	struct text_engine *eng;
	FcConfig *cfg;
	int rc;

	*out = NULL;
	eng = calloc(1, sizeof(*eng));
	if (!eng)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for the text engine");
	/* A private configuration, so destroying it leaves no global state behind. */
	cfg = FcInitLoadConfigAndFonts();
	if (!cfg) {
		free(eng);
		return sq_error_set(err, SQ_ERR_IO, "unable to load the fontconfig configuration");
	}
	rc = find_weight(eng, cfg, family, false, err);
	if (rc == SQ_OK)
		rc = find_weight(eng, cfg, family, true, err);
	FcConfigDestroy(cfg);
	if (rc != SQ_OK)
		goto fail;
	rc = text_breaker_create(&eng->breaker, err);
	if (rc != SQ_OK)
		goto fail;
	if (TTF_Init() != 0) {
		rc = sq_error_set(err, SQ_ERR_IO, "unable to start SDL_ttf: %s", TTF_GetError());
		goto fail;
	}
	{
		int hb_major = 0, hb_minor = 0, hb_patch = 0;

		TTF_GetHarfBuzzVersion(&hb_major, &hb_minor, &hb_patch);
		if (hb_major == 0)
			log_warn("SDL_ttf was built without HarfBuzz: thai marks will not "
			         "be positioned");
	}
	*out = eng;
	return SQ_OK;
fail:
	text_breaker_destroy(eng->breaker);
	for (int b = 0; b < 2; b++)
		for (int t = 0; t < 2; t++)
			free(eng->path[b][t]);
	free(eng);
	return rc;
}

static void
font_close(struct text_font *f)
{
	if (!f)
		return;
	if (f->latin && f->latin != f->thai)
		TTF_CloseFont(f->latin);
	if (f->thai)
		TTF_CloseFont(f->thai);
	free(f);
}

void
text_engine_destroy(struct text_engine *eng)
{
	if (!eng)
		return;
	for (size_t i = 0; i < eng->n_font; i++)
		font_close(eng->font[i]);
	free(eng->font);
	text_breaker_destroy(eng->breaker);
	for (int b = 0; b < 2; b++)
		for (int t = 0; t < 2; t++)
			free(eng->path[b][t]);
	free(eng);
	TTF_Quit();
}

const char *
text_engine_font_path(const struct text_engine *eng, bool bold, bool thai)
{
	return eng->path[bold ? 1 : 0][thai ? 1 : 0];
}

/* Open one face; NULL with err filled on failure. */
static TTF_Font *
face_open(const char *path, int size, bool synth_bold, bool print, struct sq_error *err)
{
	TTF_Font *face = TTF_OpenFont(path, size);

	if (!face) {
		sq_error_set(err, SQ_ERR_IO, "unable to open font '%s': %s", path, TTF_GetError());
		return NULL;
	}
	if (synth_bold)
		TTF_SetFontStyle(face, TTF_STYLE_BOLD);
	if (print)
		TTF_SetFontHinting(face, TTF_HINTING_MONO);
	TTF_SetFontDirection(face, TTF_DIRECTION_LTR);
	return face;
}

/* The cached font of size_px, bold and print, opening it on first use. */
static int
font_get(struct text_engine *eng, int size_px, bool bold, bool print, struct text_font **out,
         struct sq_error *err)
{
	struct text_font *f;
	int b = bold ? 1 : 0;

	*out = NULL;
	if (size_px < FONT_MIN_PX || size_px > FONT_MAX_PX)
		return sq_error_set(err, SQ_ERR_INVALID, "font size %d is not from %d to %d pixels",
		                    size_px, FONT_MIN_PX, FONT_MAX_PX);
	for (size_t i = 0; i < eng->n_font; i++) {
		if (eng->font[i]->size == size_px && eng->font[i]->bold == bold &&
		    eng->font[i]->print == print) {
			*out = eng->font[i];
			return SQ_OK;
		}
	}
	if (eng->n_font == eng->cap_font) {
		size_t cap = eng->cap_font ? eng->cap_font * 2 : 8;
		struct text_font **grown = realloc(eng->font, cap * sizeof(*grown));

		if (!grown)
			return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for fonts");
		eng->font = grown;
		eng->cap_font = cap;
	}
	f = calloc(1, sizeof(*f));
	if (!f)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for a font");
	f->breaker = eng->breaker;
	f->size = size_px;
	f->bold = bold;
	f->print = print;
	f->thai = face_open(eng->path[b][1], size_px, eng->synth_bold[b][1], print, err);
	if (!f->thai)
		goto fail;
	if (strcmp(eng->path[b][0], eng->path[b][1]) == 0) {
		f->latin = f->thai;
	} else {
		f->latin = face_open(eng->path[b][0], size_px, eng->synth_bold[b][0], print, err);
		if (!f->latin)
			goto fail;
	}
	/* Line up the two faces on one baseline. */
	f->ascent = SDL_max(TTF_FontAscent(f->thai), TTF_FontAscent(f->latin));
	f->thai_dy = f->ascent - TTF_FontAscent(f->thai);
	f->latin_dy = f->ascent - TTF_FontAscent(f->latin);
	f->height =
	    SDL_max(f->thai_dy + TTF_FontHeight(f->thai), f->latin_dy + TTF_FontHeight(f->latin));
	eng->font[eng->n_font++] = f;
	*out = f;
	return SQ_OK;
fail:
	font_close(f);
	return err ? err->code : SQ_ERR_IO;
}

int
text_font(struct text_engine *eng, int size_px, bool bold, struct text_font **out,
          struct sq_error *err)
{
	return font_get(eng, size_px, bold, false, out, err);
}

int
text_font_for_print(struct text_engine *eng, int size_px, bool bold, struct text_font **out,
                    struct sq_error *err)
{
	return font_get(eng, size_px, bold, true, out, err);
}

int
text_font_height(const struct text_font *f)
{
	return f->height;
}

int
text_font_ascent(const struct text_font *f)
{
	return f->ascent;
}

bool
text_font_has_glyph(const struct text_font *f, uint32_t cp)
{
	TTF_Font *face = is_thai(cp) ? f->thai : f->latin;

	return TTF_GlyphIsProvided32(face, cp) != 0;
}

/* ---------------------------------------------------------------- runs */

/*
 * The run starting at start: Thai letters go to the Thai face, other
 * letters to the Latin face; spaces, digits and punctuation stay with the
 * run they are in when its face has them.
 */
static void
next_run(const struct text_font *f, const char *s, size_t len, size_t start, struct run *r)
{
	size_t o = start;
	bool thai = false, decided = false;

	/* The first letter decides; a line of only digits is Latin. */
	while (o < len && !decided) {
		uint32_t cp = text_utf8_next(s, len, &o);

		if (is_thai(cp)) {
			thai = true;
			decided = true;
		} else if (SDL_isalpha((int)cp) || cp >= 0x80) {
			decided = !is_combining(cp) && !is_space(cp);
		}
	}
	r->start = start;
	r->thai = thai;
	o = start;
	while (o < len) {
		size_t here = o;
		uint32_t cp = text_utf8_next(s, len, &o);
		bool belongs;

		if (is_thai(cp))
			belongs = thai;
		else if (is_combining(cp) || is_space(cp))
			belongs = true;
		else if (SDL_isalpha((int)cp) || cp >= 0x80)
			belongs = !thai;
		else /* digit or punctuation */
			belongs =
			    !thai || f->thai == f->latin || TTF_GlyphIsProvided32(f->thai, cp) != 0;
		if (!belongs && here > start) {
			r->end = here;
			return;
		}
	}
	r->end = len;
}

/* Set the face of run r up for shaping and return it. */
static TTF_Font *
run_face(const struct text_font *f, const struct run *r, int *dy)
{
	TTF_Font *face = r->thai ? f->thai : f->latin;

	TTF_SetFontScriptName(face, r->thai ? "Thai" : "Latn");
	TTF_SetFontDirection(face, TTF_DIRECTION_LTR);
	if (dy)
		*dy = r->thai ? f->thai_dy : f->latin_dy;
	return face;
}

/* A NUL-terminated copy of the len bytes at utf8, with NUL bytes dropped. */
static char *
copy_text(const char *utf8, size_t len)
{
	char *buf = malloc(len + 1);

	if (!buf)
		return NULL;
	for (size_t i = 0; i < len; i++)
		buf[i] = utf8[i] ? utf8[i] : ' ';
	buf[len] = '\0';
	return buf;
}

int
text_measure(struct text_font *f, const char *utf8, size_t len, int *w, int *h,
             struct sq_error *err)
{
	char *buf;
	int total = 0;
	int rc = SQ_OK;

	if (w)
		*w = 0;
	if (h)
		*h = 0;
	if (len == 0) {
		if (h)
			*h = f->height;
		return SQ_OK;
	}
	buf = copy_text(utf8, len);
	if (!buf)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory measuring text");
	for (size_t o = 0; o < len;) {
		struct run r;
		TTF_Font *face;
		char saved;
		int rw = 0, rh = 0;

		next_run(f, buf, len, o, &r);
		face = run_face(f, &r, NULL);
		saved = buf[r.end];
		buf[r.end] = '\0';
		if (TTF_SizeUTF8(face, buf + r.start, &rw, &rh) != 0)
			rc = sq_error_set(err, SQ_ERR_IO, "unable to measure text: %s",
			                  TTF_GetError());
		buf[r.end] = saved;
		if (rc != SQ_OK)
			break;
		total += rw;
		o = r.end;
	}
	free(buf);
	if (rc == SQ_OK) {
		if (w)
			*w = total;
		if (h)
			*h = f->height;
	}
	return rc;
}

/* Copy src (any format) into dst at x, dy, keeping the higher coverage of each pixel. */
static int
compose(SDL_Surface *dst, SDL_Surface *src, int x, int dy, struct sq_error *err)
{
	SDL_Surface *conv = src;

	if (src->format->format != SDL_PIXELFORMAT_ARGB8888) {
		conv = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
		if (!conv)
			return sq_error_set(err, SQ_ERR_NOMEM, "unable to convert text: %s",
			                    SDL_GetError());
	}
	for (int y = 0; y < conv->h; y++) {
		int ty = y + dy;
		const Uint32 *s;
		Uint32 *d;

		if (ty < 0 || ty >= dst->h)
			continue;
		s = (const Uint32 *)((const Uint8 *)conv->pixels + (size_t)y * conv->pitch);
		d = (Uint32 *)((Uint8 *)dst->pixels + (size_t)ty * dst->pitch);
		for (int i = 0; i < conv->w; i++) {
			int tx = x + i;

			if (tx < 0 || tx >= dst->w)
				continue;
			if ((s[i] >> 24) > (d[tx] >> 24))
				d[tx] = s[i];
		}
	}
	if (conv != src)
		SDL_FreeSurface(conv);
	return SQ_OK;
}

int
text_render(struct text_font *f, const char *utf8, size_t len, SDL_Color color, SDL_Surface **out,
            struct sq_error *err)
{
	SDL_Surface *dst = NULL;
	char *buf = NULL;
	int width = 0, x = 0;
	int rc;

	*out = NULL;
	rc = text_measure(f, utf8, len, &width, NULL, err);
	if (rc != SQ_OK)
		return rc;
	dst = SDL_CreateRGBSurfaceWithFormat(0, width > 0 ? width : 1, f->height, 32,
	                                     SDL_PIXELFORMAT_ARGB8888);
	if (!dst)
		return sq_error_set(err, SQ_ERR_NOMEM, "unable to create a text surface: %s",
		                    SDL_GetError());
	SDL_memset(dst->pixels, 0, (size_t)dst->h * dst->pitch);
	if (len == 0)
		goto done;
	buf = copy_text(utf8, len);
	if (!buf) {
		rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory drawing text");
		goto fail;
	}
	for (size_t o = 0; o < len;) {
		struct run r;
		TTF_Font *face;
		SDL_Surface *rs;
		char saved;
		int dy = 0, rw = 0;

		next_run(f, buf, len, o, &r);
		face = run_face(f, &r, &dy);
		saved = buf[r.end];
		buf[r.end] = '\0';
		/* Advance by the measured width so runs join as text_measure() says. */
		if (TTF_SizeUTF8(face, buf + r.start, &rw, NULL) != 0) {
			rw = 0;
			rs = NULL;
		} else {
			rs = TTF_RenderUTF8_Blended(face, buf + r.start, color);
		}
		buf[r.end] = saved;
		if (!rs) {
			/* A run of spaces draws nothing; anything else is an error. */
			bool blank = true;

			for (size_t i = r.start; i < r.end; i++)
				blank = blank && buf[i] == ' ';
			if (!blank) {
				rc = sq_error_set(err, SQ_ERR_IO, "unable to draw text: %s",
				                  TTF_GetError());
				goto fail;
			}
		} else {
			rc = compose(dst, rs, x, dy, err);
			SDL_FreeSurface(rs);
			if (rc != SQ_OK)
				goto fail;
		}
		x += rw;
		o = r.end;
	}
done:
	free(buf);
	*out = dst;
	return SQ_OK;
fail:
	free(buf);
	SDL_FreeSurface(dst);
	return rc;
}

/* ---------------------------------------------------------------- wrap */

static int
lines_push(struct text_lines *ls, size_t *cap, size_t start, size_t len, int width)
{
	if (ls->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct text_line *grown = realloc(ls->line, ncap * sizeof(*grown));

		if (!grown)
			return SQ_ERR_NOMEM;
		ls->line = grown;
		*cap = ncap;
	}
	ls->line[ls->n++] = (struct text_line){.start = start, .len = len, .width = width};
	return SQ_OK;
}

/* The end of [s, e) without the spaces at its end. */
static size_t
trim_end(const char *t, size_t s, size_t e)
{
	while (e > s) {
		if (t[e - 1] == ' ' || t[e - 1] == '\t') {
			e--;
		} else if (e - s >= 3 && memcmp(t + e - 3, "\xE2\x80\x8B", 3) == 0) {
			e -= 3; /* zero-width space */
		} else {
			break;
		}
	}
	return e;
}

/* Skip the spaces at s. */
static size_t
skip_spaces(const char *t, size_t s, size_t e)
{
	while (s < e) {
		if (t[s] == ' ' || t[s] == '\t')
			s++;
		else if (e - s >= 3 && memcmp(t + s, "\xE2\x80\x8B", 3) == 0)
			s += 3;
		else
			break;
	}
	return s;
}

/*
 * Where to end a line that starts at s when not even the first word fits:
 * the last cluster boundary before limit that still fits, and at least one
 * cluster so that wrapping always advances.
 */
static int
split_word(struct text_font *f, const char *t, size_t s, size_t limit, int max_width, size_t *end,
           int *width, struct sq_error *err)
{
	size_t best = 0;
	int best_w = 0;

	for (size_t o = s + 1; o <= limit; o++) {
		int w;
		int rc;

		if (o < limit && !text_cluster_boundary(t, limit, o))
			continue;
		rc = text_measure(f, t + s, o - s, &w, NULL, err);
		if (rc != SQ_OK)
			return rc;
		if (best && w > max_width)
			break;
		best = o;
		best_w = w;
		if (w > max_width)
			break;
	}
	*end = best;
	*width = best_w;
	return SQ_OK;
}

/* Wrap the paragraph [p0, p1) of t (no newline inside) onto ls. */
static int
wrap_paragraph(struct text_font *f, const char *t, size_t p0, size_t p1, int max_width,
               struct text_lines *ls, size_t *cap, struct sq_error *err)
{
	size_t *pos;
	long n;
	size_t s;
	size_t plen = p1 - p0;
	int rc = SQ_OK;

	/* Room for every offset plus the end of the paragraph. */
	pos = malloc((plen + 1) * sizeof(*pos));
	if (!pos)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory wrapping text");
	n = text_breaker_find(f->breaker, t + p0, plen, pos, plen);
	if (n < 0) {
		rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory wrapping text");
		goto out;
	}
	/* The end of the paragraph is the last break. */
	pos[n++] = plen;

	s = skip_spaces(t, p0, p1);
	if (s == p1) {
		rc = lines_push(ls, cap, p0, 0, 0);
		goto out;
	}
	while (s < p1) {
		size_t best = 0, best_e = 0;
		int best_w = 0;

		for (long i = 0; i < n; i++) {
			size_t brk = p0 + pos[i];
			size_t e;
			int w;

			if (brk <= s)
				continue;
			e = trim_end(t, s, brk);
			rc = text_measure(f, t + s, e - s, &w, NULL, err);
			if (rc != SQ_OK)
				goto out;
			if (w > max_width)
				break;
			best = brk;
			best_e = e;
			best_w = w;
		}
		if (!best) {
			size_t next = p1;

			for (long i = 0; i < n; i++) {
				if (p0 + pos[i] > s) {
					next = p0 + pos[i];
					break;
				}
			}
			rc = split_word(f, t, s, trim_end(t, s, next), max_width, &best, &best_w,
			                err);
			if (rc != SQ_OK)
				goto out;
			best_e = best;
		}
		if (lines_push(ls, cap, s, best_e - s, best_w) != SQ_OK) {
			rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory wrapping text");
			goto out;
		}
		s = skip_spaces(t, best, p1);
	}
out:
	free(pos);
	return rc;
}

int
text_wrap(struct text_font *f, const char *utf8, int max_width, struct text_lines *out,
          struct sq_error *err)
{
	size_t len = strlen(utf8);
	size_t cap = 0;
	size_t p0 = 0;
	int rc = SQ_OK;

	out->line = NULL;
	out->n = 0;
	while (len > 0 && p0 <= len) {
		const char *nl = memchr(utf8 + p0, '\n', len - p0);
		size_t p1 = nl ? (size_t)(nl - utf8) : len;

		rc = wrap_paragraph(f, utf8, p0, p1, max_width, out, &cap, err);
		if (rc != SQ_OK) {
			text_lines_release(out);
			return rc;
		}
		if (!nl)
			break;
		p0 = p1 + 1;
	}
	return rc;
}

void
text_lines_release(struct text_lines *ls)
{
	free(ls->line);
	ls->line = NULL;
	ls->n = 0;
}
