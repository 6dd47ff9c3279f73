#include "kiosk_reconnecting.h"

#include <string.h>

#include "screen_log.h"
#include "text.h"

#define MARK_TEXT SCREEN_LOG_RECONNECTING_TH " · " SCREEN_LOG_RECONNECTING_EN

void
kiosk_reconnecting_draw(struct ui *ui, int w, int h)
{
	static const SDL_Color bg = {0x20, 0x24, 0x2c, 0xff}, ink = {0xd8, 0xd8, 0xd8, 0xff};
	static const SDL_Color lamp = {0xff, 0xa0, 0x20, 0xff};
	int short_side = w < h ? w : h;
	int px = short_side / 48 > 12 ? short_side / 48 : 12;
	int lh = ui_line_height(ui, px, false), pad = px / 2, lamp_w = px;
	struct text_font *f = NULL;
	int tw = w / 2;

	/* As wide as its words (half the screen at most: they shrink to fit, ui_text). */
	if (text_font(ui_text_engine(ui), px, false, &f, NULL) == SQ_OK)
		(void)text_measure(f, MARK_TEXT, strlen(MARK_TEXT), &tw, NULL, NULL);
	if (tw > w / 2 || tw <= 0)
		tw = w / 2;
	SDL_Rect r = {w - tw - lamp_w - 4 * pad, h - lh - 3 * pad, tw + lamp_w + 3 * pad,
	              lh + 2 * pad};
	ui_fill(ui, r, pad, bg);
	ui_circle(ui, r.x + pad + lamp_w / 2, r.y + r.h / 2, lamp_w / 3, lamp);
	ui_text(ui, MARK_TEXT, px, false, ink, r.x + 2 * pad + lamp_w, r.y + pad, UI_ALIGN_LEFT,
	        tw);
}
