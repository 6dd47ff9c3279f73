#include "kiosk_reconnecting.h"

#include <stdbool.h>
#include <string.h>

#include "screen_log.h"
#include "text.h"

#define MARK_ONE_LINE SCREEN_LOG_RECONNECTING_TH " · " SCREEN_LOG_RECONNECTING_EN

/* Width of s at px, or max when it cannot be measured or is wider. */
static int
width_of(struct ui *ui, const char *s, int px, int max)
{
	struct text_font *f = NULL;
	int w = 0;

	if (text_font(ui_text_engine(ui), px, false, &f, NULL) != SQ_OK ||
	    text_measure(f, s, strlen(s), &w, NULL, NULL) != SQ_OK || w <= 0 || w > max)
		return max;
	return w;
}

void
kiosk_reconnecting_draw(struct ui *ui, int w, int h)
{
	static const SDL_Color bg = {0x20, 0x24, 0x2c, 0xff}, ink = {0xd8, 0xd8, 0xd8, 0xff};
	static const SDL_Color lamp = {0xff, 0xa0, 0x20, 0xff};
	int short_side = w < h ? w : h;
	int px = short_side / 48 > 12 ? short_side / 48 : 12;
	int lh = ui_line_height(ui, px, false), pad = px / 2, max = w / 2;
	/* One line when it fits in half the screen (a landscape screen), else Thai over English. */
	int tw = width_of(ui, MARK_ONE_LINE, px, max + 1);
	bool two = tw > max;

	if (two) {
		int th = width_of(ui, SCREEN_LOG_RECONNECTING_TH, px, max);
		tw = width_of(ui, SCREEN_LOG_RECONNECTING_EN, px, max);
		tw = th > tw ? th : tw;
	}
	int lines = two ? 2 : 1;
	SDL_Rect r = {w - tw - px - 4 * pad, h - lines * lh - 3 * pad, tw + px + 3 * pad,
	              lines * lh + 2 * pad};
	ui_fill(ui, r, pad, bg);
	ui_circle(ui, r.x + pad + px / 2, r.y + r.h / 2, px / 3, lamp);
	ui_text(ui, two ? SCREEN_LOG_RECONNECTING_TH : MARK_ONE_LINE, px, false, ink,
	        r.x + 2 * pad + px, r.y + pad, UI_ALIGN_LEFT, tw);
	if (two)
		ui_text(ui, SCREEN_LOG_RECONNECTING_EN, px, false, ink, r.x + 2 * pad + px,
		        r.y + pad + lh, UI_ALIGN_LEFT, tw);
}
