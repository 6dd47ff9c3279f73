/*
 * layout.h - what every screen's layout shares, pure (no SDL): one
 * rectangle type, one line-height rule for the screen font, and the
 * whole-pixel arithmetic of sizes computed from a window.
 *
 * Layouts (kiosk, board, rating, console) compute boxes from the window's
 * size and never draw; the screens turn a box into an SDL_Rect with
 * ui_rect() (ui.h) when they draw.
 */
#ifndef SADUAK_LAYOUT_H
#define SADUAK_LAYOUT_H

#include <stdbool.h>

/* A rectangle in window pixels. */
struct box {
	int x, y, w, h;
};

/*
 * Line box of the screen font (Laksaman: ascent + descent + gap is 1.66
 * em): Thai vowel and tone marks stack above and below the line, so lines
 * of px pixels stand LAYOUT_LINE(px) apart.
 */
#define LAYOUT_LINE_PERCENT 166
#define LAYOUT_LINE(px)     ((px)*LAYOUT_LINE_PERCENT / 100)

/* a, at least lo. */
static inline int
layout_at_least(int a, int lo)
{
	return a > lo ? a : lo;
}

/* The smaller of a and b. */
static inline int
layout_min(int a, int b)
{
	return a < b ? a : b;
}

/* The em size whose lines fill fraction of a box h pixels tall (at least 8). */
static inline int
layout_em_for(int h, double fraction)
{
	return layout_at_least((int)(h * fraction * 100 / LAYOUT_LINE_PERCENT), 8);
}

/* Whether inner lies wholly inside outer (an empty inner box counts). */
bool box_within(struct box inner, struct box outer);

/* Whether a and b share a pixel (empty boxes share none). */
bool box_overlap(struct box a, struct box b);

/* Whether the pixel (x, y) is in b. */
bool box_contains(struct box b, int x, int y);

#endif
