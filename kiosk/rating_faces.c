/*
 * rating_faces.c - smiley faces drawn with ui_circle: a dark ring, the
 * coloured face, two eyes, and a mouth stamped as a chain of small circles
 * along a parabola whose curve the level sets.
 */
#include "rating_faces.h"

#include <math.h>
#include <stddef.h>

#include "ui.h"

/* Best first; colours run green to red, each dark enough for the ink around it. */
static const struct rating_level levels[] = {
    {.score = 5,
     .color = {0x2e, 0xb8, 0x4f, 0xff},
     .smile = 1.0,
     .th = "มากที่สุด",
     .en = "Very satisfied"},
    {.score = 4, .color = {0x9c, 0xcc, 0x3a, 0xff}, .smile = 0.55, .th = "มาก", .en = "Satisfied"},
    {.score = 3, .color = {0xf5, 0xc8, 0x2a, 0xff}, .smile = 0.0, .th = "ปานกลาง", .en = "Neutral"},
    {.score = 2,
     .color = {0xf2, 0x8a, 0x2c, 0xff},
     .smile = -0.55,
     .th = "น้อย",
     .en = "Dissatisfied"},
    {.score = 1,
     .color = {0xe0, 0x3e, 0x36, 0xff},
     .smile = -1.0,
     .th = "น้อยที่สุด",
     .en = "Very dissatisfied"},
};

/* The ink of the features and the ring around each face. */
static const SDL_Color ink = {0x1a, 0x1a, 0x1a, 0xff};

/* The level of score, or NULL. */
const struct rating_level *
rating_level_of(int score)
{
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (levels[i].score == score)
			return &levels[i];
	return NULL;
}

/* The mouth: a thick parabola from -half to +half, centre lowered by smile * depth. */
static void
draw_mouth(struct ui *ui, int cx, int my, int half, int depth, double smile, int pen)
{
	for (int dx = -half; dx <= half; dx++) {
		double t = (double)dx / half;
		/* Ends rise and the middle drops for a smile; the reverse for a frown. */
		int y = my + (int)lround(smile * depth * (1.0 - t * t) - smile * depth / 2.0);

		ui_circle(ui, cx + dx, y, pen, ink);
	}
}

/* Draw the face of score at (cx, cy), radius r. */
void
rating_face_draw(struct ui *ui, int cx, int cy, int r, int score)
{
	const struct rating_level *lv = rating_level_of(score);
	int ring = r / 18 + 1, eye = r * 11 / 100 + 1, pen = r / 16 + 1;

	if (!lv || r < 4)
		return;
	ui_circle(ui, cx, cy, r, ink);
	ui_circle(ui, cx, cy, r - ring, lv->color);
	ui_circle(ui, cx - r * 34 / 100, cy - r * 22 / 100, eye, ink);
	ui_circle(ui, cx + r * 34 / 100, cy - r * 22 / 100, eye, ink);
	draw_mouth(ui, cx, cy + r * 38 / 100, r * 46 / 100, r * 34 / 100, lv->smile, pen);
}
