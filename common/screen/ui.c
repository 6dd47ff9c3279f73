#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "log.h"
#include "png.h"
#include "service.h"

#define CACHE_SIZE 256

/* A rendered line of text, kept while it is drawn frame after frame. */
struct cached_text {
	char *utf8;
	int size_px;
	bool bold;
	SDL_Color color;
	SDL_Texture *texture;
	int w, h;
	uint64_t last_used; /* frame number */
};

struct ui {
	SDL_Window *window;
	SDL_Renderer *renderer;
	struct text_engine *text;
	struct cached_text cache[CACHE_SIZE];
	uint64_t frame;
	bool redraw;
	bool quit;
	bool text_failed; /* a text error was logged already */
	const char *screenshot_path;
};

int
ui_window_size_from_env(struct ui_options *opt, const char *env_name, int min_w, int min_h,
                        struct sq_error *err)
{
	const char *name = env_name;
	const char *size = env_name ? getenv(env_name) : NULL;
	int w, h;
	char end;

	/* The screen's own variable first, then the one every screen reads. */
	if (!size || !*size) {
		name = "SADUAK_WINDOW_SIZE";
		size = getenv(name);
	}
	if (!size || !*size)
		return SQ_OK;
	if (sscanf(size, "%dx%d%c", &w, &h, &end) != 2 || w < min_w || h < min_h || w > 16384 ||
	    h > 16384)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "%s '%s' is not a size such as 1280x800 (at least %dx%d)", name,
		                    size, min_w, min_h);
	opt->width = w;
	opt->height = h;
	opt->fullscreen = false;
	return SQ_OK;
}

/* Whether SDL's video driver shows on a display, or was asked for by name. */
static bool
video_shows(void)
{
	const char *driver = SDL_GetCurrentVideoDriver();

	return getenv("SDL_VIDEODRIVER") || !driver ||
	       (strcmp(driver, "offscreen") != 0 && strcmp(driver, "dummy") != 0);
}

int
ui_video_open(struct sq_error *err)
{
	const Uint32 subsystems = SDL_INIT_VIDEO | SDL_INIT_EVENTS;
	const char *display = getenv("DISPLAY");

	for (int attempt = 1;; attempt++) {
		if (SDL_InitSubSystem(subsystems) != 0)
			return sq_error_set(err, SQ_ERR_IO, "unable to open the display: %s",
			                    SDL_GetError());
		if (video_shows())
			return SQ_OK;
		SDL_QuitSubSystem(subsystems);
		if (attempt == UI_DISPLAY_TRIES)
			return sq_error_set(err, SQ_ERR_IO,
			                    "unable to open the display: no X11 or Wayland display "
			                    "answered in %d s (DISPLAY=%s)",
			                    UI_DISPLAY_TRIES, display ? display : "");
		if (attempt == 1)
			log_warn("no display answered (DISPLAY=%s): trying again every second",
			         display ? display : "");
		SDL_Delay(1000);
	}
}

int
ui_create(const struct ui_options *opt, struct ui **out, struct sq_error *err)
{
	struct ui *ui;
	int rc;

	*out = NULL;
	ui = calloc(1, sizeof(*ui));
	if (!ui)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory opening a window");
	/*
	 * Draw in software into the window's own shared-memory framebuffer. The
	 * screens are text on flat colours, redrawn a few times a minute: the
	 * OpenGL path would map Mesa and LLVM (about 90 MB resident) into every
	 * screen for no visible gain. SDL_RENDER_DRIVER and
	 * SDL_FRAMEBUFFER_ACCELERATION in the environment still override both.
	 */
	SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
	SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_DEFAULT);
	if ((rc = ui_video_open(err))) {
		free(ui);
		return rc;
	}
	Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
	if (opt->fullscreen)
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	/* SADUAK_WINDOW_POS=X,Y places a window: the demo lays its screens out side by side. */
	int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
	const char *pos = getenv("SADUAK_WINDOW_POS");
	if (pos && sscanf(pos, "%d,%d", &x, &y) != 2)
		x = y = SDL_WINDOWPOS_CENTERED;
	ui->window = SDL_CreateWindow(opt->title, x, y, opt->width, opt->height, flags);
	if (!ui->window) {
		rc = sq_error_set(err, SQ_ERR_IO, "unable to open a window: %s", SDL_GetError());
		goto fail;
	}
	ui->renderer = SDL_CreateRenderer(ui->window, -1, 0);
	if (!ui->renderer) {
		rc = sq_error_set(err, SQ_ERR_IO, "unable to draw in the window: %s",
		                  SDL_GetError());
		goto fail;
	}
	SDL_SetRenderDrawBlendMode(ui->renderer, SDL_BLENDMODE_BLEND);
	if ((rc = text_engine_create(opt->font_family, &ui->text, err)))
		goto fail;
	if (opt->hide_cursor)
		SDL_ShowCursor(SDL_DISABLE);
	ui->screenshot_path = getenv("SADUAK_SCREENSHOT");
	if (ui->screenshot_path && !*ui->screenshot_path)
		ui->screenshot_path = NULL;
	ui->redraw = true;
	*out = ui;
	return SQ_OK;
fail:
	ui_destroy(ui);
	return rc;
}

static void
cache_drop(struct cached_text *c)
{
	if (c->texture)
		SDL_DestroyTexture(c->texture);
	free(c->utf8);
	memset(c, 0, sizeof(*c));
}

void
ui_destroy(struct ui *ui)
{
	if (!ui)
		return;
	for (size_t i = 0; i < CACHE_SIZE; i++)
		cache_drop(&ui->cache[i]);
	text_engine_destroy(ui->text);
	if (ui->renderer)
		SDL_DestroyRenderer(ui->renderer);
	if (ui->window)
		SDL_DestroyWindow(ui->window);
	SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
	free(ui);
}

void
ui_request_redraw(struct ui *ui)
{
	ui->redraw = true;
}

void
ui_quit(struct ui *ui)
{
	ui->quit = true;
}

void
ui_size(const struct ui *ui, int *w, int *h)
{
	if (SDL_GetRendererOutputSize(ui->renderer, w, h) != 0)
		SDL_GetWindowSize(ui->window, w, h);
}

struct text_engine *
ui_text_engine(struct ui *ui)
{
	return ui->text;
}

static void
set_color(struct ui *ui, SDL_Color c)
{
	SDL_SetRenderDrawColor(ui->renderer, c.r, c.g, c.b, c.a);
}

void
ui_clear(struct ui *ui, SDL_Color c)
{
	set_color(ui, c);
	SDL_RenderClear(ui->renderer);
}

void
ui_fill(struct ui *ui, SDL_Rect r, int radius, SDL_Color c)
{
	set_color(ui, c);
	if (radius <= 0) {
		SDL_RenderFillRect(ui->renderer, &r);
		return;
	}
	if (radius * 2 > r.w)
		radius = r.w / 2;
	if (radius * 2 > r.h)
		radius = r.h / 2;
	/* A rounded rectangle, one horizontal line per row of the corners. */
	for (int dy = 0; dy < radius; dy++) {
		int y = radius - dy;
		int inset = radius - (int)SDL_sqrtf((float)(radius * radius - y * y));
		SDL_RenderDrawLine(ui->renderer, r.x + inset, r.y + dy, r.x + r.w - 1 - inset,
		                   r.y + dy);
		SDL_RenderDrawLine(ui->renderer, r.x + inset, r.y + r.h - 1 - dy,
		                   r.x + r.w - 1 - inset, r.y + r.h - 1 - dy);
	}
	SDL_Rect mid = {r.x, r.y + radius, r.w, r.h - 2 * radius};
	SDL_RenderFillRect(ui->renderer, &mid);
}

void
ui_frame(struct ui *ui, SDL_Rect r, int thickness, SDL_Color c)
{
	set_color(ui, c);
	for (int i = 0; i < thickness && i * 2 < r.w && i * 2 < r.h; i++) {
		SDL_Rect edge = {r.x + i, r.y + i, r.w - 2 * i, r.h - 2 * i};
		SDL_RenderDrawRect(ui->renderer, &edge);
	}
}

void
ui_circle(struct ui *ui, int cx, int cy, int radius, SDL_Color c)
{
	set_color(ui, c);
	for (int dy = -radius; dy <= radius; dy++) {
		int dx = (int)SDL_sqrtf((float)(radius * radius - dy * dy));
		SDL_RenderDrawLine(ui->renderer, cx - dx, cy + dy, cx + dx, cy + dy);
	}
}

static bool
same_color(SDL_Color a, SDL_Color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The texture of a line of text, from the cache or rendered now. */
static struct cached_text *
text_texture(struct ui *ui, const char *utf8, size_t len, int size_px, bool bold, SDL_Color c)
{
	struct cached_text *slot = NULL;
	struct sq_error err = {0};
	struct text_font *font;
	SDL_Surface *surface;

	for (size_t i = 0; i < CACHE_SIZE; i++) {
		struct cached_text *e = &ui->cache[i];
		if (e->utf8 && e->size_px == size_px && e->bold == bold &&
		    same_color(e->color, c) && strlen(e->utf8) == len &&
		    memcmp(e->utf8, utf8, len) == 0) {
			e->last_used = ui->frame;
			return e;
		}
		if (!slot || (slot->utf8 && (!e->utf8 || e->last_used < slot->last_used)))
			slot = e;
	}
	if (text_font(ui->text, size_px, bold, &font, &err) ||
	    text_render(font, utf8, len, c, &surface, &err)) {
		if (!ui->text_failed)
			log_error("drawing text: %s", err.msg);
		ui->text_failed = true;
		return NULL;
	}
	cache_drop(slot);
	slot->texture = SDL_CreateTextureFromSurface(ui->renderer, surface);
	slot->w = surface->w;
	slot->h = surface->h;
	SDL_FreeSurface(surface);
	slot->utf8 = strndup(utf8, len);
	if (!slot->texture || !slot->utf8) {
		cache_drop(slot);
		return NULL;
	}
	slot->size_px = size_px;
	slot->bold = bold;
	slot->color = c;
	slot->last_used = ui->frame;
	return slot;
}

static int
draw_line(struct ui *ui, const char *utf8, size_t len, int size_px, bool bold, SDL_Color c, int x,
          int y, enum ui_align align)
{
	struct cached_text *t = text_texture(ui, utf8, len, size_px, bold, c);

	if (!t)
		return 0;
	SDL_Rect dst = {x, y, t->w, t->h};
	if (align == UI_ALIGN_CENTER)
		dst.x = x - t->w / 2;
	else if (align == UI_ALIGN_RIGHT)
		dst.x = x - t->w;
	SDL_RenderCopy(ui->renderer, t->texture, NULL, &dst);
	return t->w;
}

int
ui_text(struct ui *ui, const char *utf8, int size_px, bool bold, SDL_Color c, int x, int y,
        enum ui_align align, int max_width)
{
	size_t len = strlen(utf8);

	if (max_width > 0) {
		struct text_font *font;
		int w = 0;
		/* Shrink in steps until the line fits. */
		while (size_px > 8 && text_font(ui->text, size_px, bold, &font, NULL) == SQ_OK &&
		       text_measure(font, utf8, len, &w, NULL, NULL) == SQ_OK && w > max_width)
			size_px = size_px * 9 / 10;
	}
	return draw_line(ui, utf8, len, size_px, bold, c, x, y, align);
}

int
ui_line_height(struct ui *ui, int size_px, bool bold)
{
	struct text_font *font;

	if (text_font(ui->text, size_px, bold, &font, NULL) != SQ_OK)
		return size_px;
	return text_font_height(font);
}

int
ui_text_box(struct ui *ui, const char *utf8, int size_px, bool bold, SDL_Color c, SDL_Rect box,
            enum ui_align align)
{
	struct text_lines lines = {0};
	struct text_font *font;
	struct sq_error err = {0};
	int y = box.y;

	if (text_font(ui->text, size_px, bold, &font, &err) ||
	    text_wrap(font, utf8, box.w, &lines, &err)) {
		if (!ui->text_failed)
			log_error("wrapping text: %s", err.msg);
		ui->text_failed = true;
		return 0;
	}
	int line_h = text_font_height(font);
	int x = align == UI_ALIGN_CENTER  ? box.x + box.w / 2
	        : align == UI_ALIGN_RIGHT ? box.x + box.w
	                                  : box.x;
	for (size_t i = 0; i < lines.n && y + line_h <= box.y + box.h; i++) {
		draw_line(ui, utf8 + lines.line[i].start, lines.line[i].len, size_px, bold, c, x, y,
		          align);
		y += line_h;
	}
	text_lines_release(&lines);
	return y - box.y;
}

bool
ui_hit(SDL_Rect r, int x, int y)
{
	return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

int
ui_screenshot(struct ui *ui, const char *path, struct sq_error *err)
{
	int w, h, rc;
	uint8_t *pixels;

	ui_size(ui, &w, &h);
	pixels = malloc((size_t)w * (size_t)h * 3);
	if (!pixels)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for a screenshot");
	if (SDL_RenderReadPixels(ui->renderer, NULL, SDL_PIXELFORMAT_RGB24, pixels, w * 3) != 0) {
		free(pixels);
		return sq_error_set(err, SQ_ERR_IO, "unable to read the screen: %s",
		                    SDL_GetError());
	}
	rc = png_write(path, w, h, PNG_RGB8, pixels, (size_t)w * 3, err);
	free(pixels);
	return rc;
}

/* Drop textures that the last frame did not use, so the cache follows the screen. */
static void
cache_trim(struct ui *ui)
{
	for (size_t i = 0; i < CACHE_SIZE; i++)
		if (ui->cache[i].utf8 && ui->cache[i].last_used + 2 < ui->frame)
			cache_drop(&ui->cache[i]);
}

static int
draw_frame(struct ui *ui, const struct ui_handlers *h)
{
	ui->frame++;
	ui->redraw = false;
	h->draw(h->ctx, ui);
	if (ui->screenshot_path) {
		struct sq_error err = {0};
		/* Read before present: after it the back buffer is undefined. */
		if (ui_screenshot(ui, ui->screenshot_path, &err) != SQ_OK)
			log_warn("%s", err.msg);
	}
	SDL_RenderPresent(ui->renderer);
	cache_trim(ui);
	return SQ_OK;
}

static void
handle_event(struct ui *ui, const struct ui_handlers *h, const SDL_Event *ev)
{
	int w, h_px, win_w, win_h;

	switch (ev->type) {
	case SDL_QUIT:
		ui->quit = true;
		break;
	case SDL_WINDOWEVENT:
		/* Resized, exposed, restored: all need a fresh frame. */
		ui->redraw = true;
		break;
	case SDL_MOUSEBUTTONDOWN:
		if (ev->button.which == SDL_TOUCH_MOUSEID || !h->tap)
			break; /* touches arrive as SDL_FINGERDOWN */
		/* Window coordinates to renderer pixels (high-DPI screens differ). */
		ui_size(ui, &w, &h_px);
		SDL_GetWindowSize(ui->window, &win_w, &win_h);
		h->tap(h->ctx, ui, win_w ? ev->button.x * w / win_w : ev->button.x,
		       win_h ? ev->button.y * h_px / win_h : ev->button.y);
		break;
	case SDL_FINGERDOWN:
		if (!h->tap)
			break;
		ui_size(ui, &w, &h_px);
		h->tap(h->ctx, ui, (int)(ev->tfinger.x * (float)w),
		       (int)(ev->tfinger.y * (float)h_px));
		break;
	case SDL_KEYDOWN:
		if (h->key)
			h->key(h->ctx, ui, ev->key.keysym.sym, ev->key.keysym.mod);
		break;
	default:
		break;
	}
}

int
ui_run(struct ui *ui, const struct ui_handlers *h)
{
	int64_t next_tick = clock_monotonic_ms();
	int tick_ms = h->tick_ms > 0 ? h->tick_ms : 250;

	ui->quit = false;
	while (!ui->quit) {
		SDL_Event ev;
		int64_t now = clock_monotonic_ms();
		if (now >= next_tick) {
			if (h->tick)
				h->tick(h->ctx, ui, clock_now_ms());
			next_tick = now + tick_ms;
		}
		if (ui->redraw) {
			draw_frame(ui, h);
			/* Under systemd: ready once something is on the screen. */
			if (ui->frame == 1)
				service_ready("showing its first frame");
		}
		service_watchdog_kick();
		int wait = (int)(next_tick - clock_monotonic_ms());
		if (SDL_WaitEventTimeout(&ev, wait > 0 ? wait : 1)) {
			handle_event(ui, h, &ev);
			while (!ui->quit && SDL_PollEvent(&ev))
				handle_event(ui, h, &ev);
		}
	}
	service_stopping();
	return SQ_OK;
}
