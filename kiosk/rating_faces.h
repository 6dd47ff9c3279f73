/*
 * rating_faces.h - the five smiley faces of the satisfaction screen, drawn
 * from circles (never an emoji font, so they look the same on any screen),
 * and the words that go with each level.
 *
 * Score 5 is a broad green smile, 3 a yellow straight mouth, 1 a red frown;
 * the colours and curves are one table. One thread: the ui's.
 */
#ifndef SADUAK_RATING_FACES_H
#define SADUAK_RATING_FACES_H

#include <SDL2/SDL.h>

struct ui;

/* A satisfaction level as shown: its colour and its Likert words (GECC). */
struct rating_level {
	int score;       /* 1 (worst) .. 5 (best) */
	SDL_Color color; /* of the face */
	double smile;    /* mouth curve: 1 = broad smile, 0 = straight, -1 = frown */
	const char *th;  /* the Likert band word: "มากที่สุด" */
	const char *en;  /* "Very satisfied" */
};

/* The level of score 1..5, or NULL. Static. */
const struct rating_level *rating_level_of(int score);

/*
 * Draw the face of score (1..5) as a circle of radius r centred at (cx, cy):
 * outline, eyes and a mouth curved by the level's smile. Nothing is drawn
 * for a score outside 1..5.
 */
void rating_face_draw(struct ui *ui, int cx, int cy, int r, int score);

#endif
