/*
 * ui.h - what every screen shares: one SDL window, one event loop, and text
 * drawn through the text engine (Thai shaped and wrapped at word breaks).
 *
 * The loop is event-driven: it sleeps in SDL_WaitEventTimeout() and redraws
 * only when a handler asked for it (ui_request_redraw), so an idle screen
 * uses next to no CPU. A tick handler runs every tick_ms for polling the
 * database's data_version and the clock. Lines of text are rendered once and
 * kept as textures while they stay on screen.
 *
 * Layout is the caller's, computed from ui_size() (never fixed pixels).
 * Setting SADUAK_SCREENSHOT=FILE.png saves every frame drawn to that file,
 * for tests and for looking at a screen under Xvfb; SADUAK_WINDOW_POS=X,Y
 * places a window that is not fullscreen (the demo lays its screens out).
 *
 * One thread; a struct ui owns its window, renderer, text engine and cache.
 */
#ifndef SADUAK_UI_H
#define SADUAK_UI_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "error.h"
#include "layout.h"
#include "text.h"

struct ui;

struct ui_options {
	const char *title;
	int width, height;       /* window size when not fullscreen */
	bool fullscreen;         /* kiosk and board: the whole display */
	bool hide_cursor;        /* touch screens */
	const char *font_family; /* NULL = the default (Laksaman) */
};

/* The SDL rectangle of a layout box. */
static inline SDL_Rect
ui_rect(struct box b)
{
	return (SDL_Rect){b.x, b.y, b.w, b.h};
}

enum ui_align { UI_ALIGN_LEFT, UI_ALIGN_CENTER, UI_ALIGN_RIGHT };

struct ui_handlers {
	void *ctx;
	void (*draw)(void *ctx, struct ui *ui);              /* draw the whole frame */
	void (*tap)(void *ctx, struct ui *ui, int x, int y); /* touch or mouse press */
	void (*key)(void *ctx, struct ui *ui, SDL_Keycode key, uint16_t mod);
	void (*tick)(void *ctx, struct ui *ui, int64_t now_ms); /* every tick_ms */
	int tick_ms;                                            /* e.g. 100 */
};

/*
 * The one way every screen's window is sized from outside: if the
 * environment variable env_name (a screen's own, may be NULL), else
 * SADUAK_WINDOW_SIZE, holds a size such as "1280x800" (at least min_w x
 * min_h), make opt a window of that size instead of fullscreen; unset or
 * empty leaves opt as it is. SQ_ERR_INVALID with a line naming the variable
 * for anything else.
 */
int ui_window_size_from_env(struct ui_options *opt, const char *env_name, int min_w, int min_h,
                            struct sq_error *err);

/*
 * Open the window and the text engine. On failure *out is NULL and err
 * says why (no display, no Thai font). Free with ui_destroy().
 */
int ui_create(const struct ui_options *opt, struct ui **out, struct sq_error *err);

/*
 * SDL's video on a display that shows (SDL_InitSubSystem of VIDEO and
 * EVENTS; release with SDL_QuitSubSystem). With no display answering, SDL
 * falls back to its offscreen driver, and a screen would run with no window
 * at all: none yet at boot, or an X server too busy to take the connection.
 * So the display is tried again every second, UI_DISPLAY_TRIES times, then
 * refused with one line (SQ_ERR_IO). A driver asked for by name
 * (SDL_VIDEODRIVER=offscreen, as tests do) is taken as it is.
 */
#define UI_DISPLAY_TRIES 30
int ui_video_open(struct sq_error *err);

/* Close the window and free everything. NULL is a no-op. */
void ui_destroy(struct ui *ui);

/*
 * Run the loop until ui_quit() or the window is closed. Returns SQ_OK, or
 * an error if drawing failed.
 */
int ui_run(struct ui *ui, const struct ui_handlers *h);

/* Draw a new frame when the loop next wakes. */
void ui_request_redraw(struct ui *ui);

/* Leave ui_run() after the current event. */
void ui_quit(struct ui *ui);

/* Size of the drawing area in pixels. */
void ui_size(const struct ui *ui, int *w, int *h);

/* The text engine, for measuring and wrapping. Owned by ui. */
struct text_engine *ui_text_engine(struct ui *ui);

/* Fill the whole frame. */
void ui_clear(struct ui *ui, SDL_Color c);

/* Fill a rectangle; with radius > 0 its corners are rounded. */
void ui_fill(struct ui *ui, SDL_Rect r, int radius, SDL_Color c);

/* Draw the outline of a rectangle, thickness pixels wide, inside r. */
void ui_frame(struct ui *ui, SDL_Rect r, int thickness, SDL_Color c);

/* Fill a circle (for faces and status lamps). */
void ui_circle(struct ui *ui, int cx, int cy, int radius, SDL_Color c);

/*
 * Draw one line of text at size_px. x is the left edge, centre or right
 * edge per align; y is the top. When max_width > 0 and the line is wider,
 * the size shrinks until it fits. Returns the width drawn (0 on failure,
 * which is logged once).
 */
int ui_text(struct ui *ui, const char *utf8, int size_px, bool bold, SDL_Color c, int x, int y,
            enum ui_align align, int max_width);

/*
 * Draw text wrapped at word breaks inside box, top-aligned, lines aligned per
 * align; lines that do not fit in box->h are left out. Returns the height
 * used.
 */
int ui_text_box(struct ui *ui, const char *utf8, int size_px, bool bold, SDL_Color c, SDL_Rect box,
                enum ui_align align);

/* Height of one line of text at size_px. */
int ui_line_height(struct ui *ui, int size_px, bool bold);

/* Save what the renderer shows now as a PNG. */
int ui_screenshot(struct ui *ui, const char *path, struct sq_error *err);

/* True if (x, y) lies in r. */
bool ui_hit(SDL_Rect r, int x, int y);

#endif
