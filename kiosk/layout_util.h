/*
 * layout_util.h - the arithmetic the screens' layouts share (board,
 * rating): sizes from a window, in whole pixels. Pure.
 */
#ifndef SADUAK_LAYOUT_UTIL_H
#define SADUAK_LAYOUT_UTIL_H

/* Line height / em size of the Thai fonts: vowel and tone marks stack. */
#define LAYOUT_LINE_FACTOR 1.6

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
	return layout_at_least((int)(h * fraction / LAYOUT_LINE_FACTOR), 8);
}

/* Pixels a line of px takes, rounded up. */
static inline int
layout_line_of(int px)
{
	return (int)(px * LAYOUT_LINE_FACTOR + 0.999);
}

#endif
