/*
 * console_layout.h - the officer console's actions, keys and geometry (pure).
 *
 * Everything here is plain computation on caller-owned structs: where each
 * panel and button of the console goes for a window size, which key does
 * which action (console_keys.c, one static table). No SDL calls, no I/O, so the tests
 * check it directly; console_draw.c draws what this decides.
 *
 * Threading: pure functions and constant tables; call from any thread.
 */
#ifndef SADUAK_CONSOLE_LAYOUT_H
#define SADUAK_CONSOLE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL_rect.h>

#include "config.h"
#include "store.h"

/* What the officer can do; one key and one button each. */
enum console_action {
	CONSOLE_NEXT,         /* finish the current ticket, call the next */
	CONSOLE_RECALL,       /* announce the current ticket again */
	CONSOLE_START_FINISH, /* start serving the called ticket, or finish it */
	CONSOLE_NOSHOW,       /* the citizen did not come */
	CONSOLE_PARK,         /* sent away for a while, rejoins later */
	CONSOLE_TRANSFER,     /* to another service, keeping the place by arrival */
	CONSOLE_CALL,         /* a ticket from the waiting list, with a reason */
	CONSOLE_BREAK,        /* a break, with a reason */
	CONSOLE_BACK_OFFICE,  /* back-office work, with a reason */
	CONSOLE_RESUME,       /* open again */
	CONSOLE_LOGIN,        /* log in (choose the officer) or log out */
	CONSOLE_LANGUAGE,     /* Thai <-> English */
	CONSOLE_ACTION_COUNT,
};

/* One key binding: an SDL keycode, the label drawn on its button. */
struct console_key {
	int32_t key;       /* SDL_Keycode */
	const char *label; /* "Enter", "F2" */
	enum console_action action;
};

/* The binding table: each action exactly once, no key twice (console_keys.c). */
extern const struct console_key console_keys[];
extern const size_t console_n_keys;

/*
 * Keys that are the same key on another device (a USB keypad's Enter is the
 * main Enter): normalised before the table is searched, so a keypad or a
 * foot pedal works without a second binding.
 */
struct console_key_alias {
	int32_t from, to;
};
extern const struct console_key_alias console_key_aliases[];
extern const size_t console_n_key_aliases;

/* The action bound to key (after aliases), or -1. */
int console_key_action(int32_t key);

/* The binding of action, or NULL. Points into console_keys. */
const struct console_key *console_key_of(enum console_action action);

#define CONSOLE_CHOICES_MAX 9 /* a chooser shows 1..9: one digit key each */

/* Where everything goes, for one window size. */
struct console_layout {
	int pad;                             /* gap between panels */
	int font_small, font_body, font_big; /* text sizes in pixels */
	int font_code;                       /* the current ticket's code */
	SDL_Rect header;                     /* counter, officer, clock */
	SDL_Rect banner;                     /* fault / message line */
	SDL_Rect current;                    /* the ticket being served */
	SDL_Rect queue;                      /* waiting per service + next tickets */
	SDL_Rect stats;                      /* served today, mean service time */
	SDL_Rect status;                     /* LED, printer, rating screen lines */
	SDL_Rect button[CONSOLE_ACTION_COUNT];
	int button_cols, button_rows;
	int queue_rows;   /* next tickets that fit in queue */
	SDL_Rect chooser; /* the modal list, when open */
	SDL_Rect choice[CONSOLE_CHOICES_MAX];
	size_t n_choices;
};

/*
 * Lay out a w x h window with a chooser of n_choices entries (0 = none,
 * at most CONSOLE_CHOICES_MAX). Every rectangle lies inside the window and
 * the panels do not overlap. Sizes below 320 x 240 are laid out as 320 x 240.
 */
void console_layout_compute(int w, int h, size_t n_choices, struct console_layout *out);

/* The button under (x, y), or -1. */
int console_layout_button_at(const struct console_layout *l, int x, int y);

/* The chooser entry under (x, y), or -1. */
int console_layout_choice_at(const struct console_layout *l, int x, int y);

/* "12:05" style waited time: minutes (and hours) between two instants into out. */
void console_format_duration(int64_t ms, char *out, size_t n);

#endif
