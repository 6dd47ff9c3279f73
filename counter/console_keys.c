/*
 * console_keys.c - which key does what on the officer console.
 *
 * One key per action, no key twice (tests/test_console_layout.c checks it).
 * Enter calls the next citizen, as a foot pedal or a keypad's Enter sends;
 * the rest are F2..F12 so that a programmable USB keypad can send them.
 * A keypad's own keys are aliases of the main ones: keypad Enter is Enter,
 * keypad + recalls ("again"), keypad - is a no-show.
 */
#include <SDL2/SDL_keycode.h>

#include "console_layout.h"

const struct console_key console_keys[] = {
    {.key = SDLK_RETURN, .label = "Enter", .action = CONSOLE_NEXT},
    {.key = SDLK_F2, .label = "F2", .action = CONSOLE_RECALL},
    {.key = SDLK_F3, .label = "F3", .action = CONSOLE_START_FINISH},
    {.key = SDLK_F4, .label = "F4", .action = CONSOLE_NOSHOW},
    {.key = SDLK_F5, .label = "F5", .action = CONSOLE_PARK},
    {.key = SDLK_F6, .label = "F6", .action = CONSOLE_TRANSFER},
    {.key = SDLK_F7, .label = "F7", .action = CONSOLE_CALL},
    {.key = SDLK_F8, .label = "F8", .action = CONSOLE_BREAK},
    {.key = SDLK_F9, .label = "F9", .action = CONSOLE_BACK_OFFICE},
    {.key = SDLK_F10, .label = "F10", .action = CONSOLE_RESUME},
    {.key = SDLK_F11, .label = "F11", .action = CONSOLE_LOGIN},
    {.key = SDLK_F12, .label = "F12", .action = CONSOLE_LANGUAGE},
};
const size_t console_n_keys = sizeof(console_keys) / sizeof(console_keys[0]);

const struct console_key_alias console_key_aliases[] = {
    {.from = SDLK_KP_ENTER, .to = SDLK_RETURN},
    {.from = SDLK_KP_PLUS, .to = SDLK_F2},
    {.from = SDLK_KP_MINUS, .to = SDLK_F4},
};
const size_t console_n_key_aliases = sizeof(console_key_aliases) / sizeof(console_key_aliases[0]);

int
console_key_action(int32_t key)
{
	for (size_t i = 0; i < console_n_key_aliases; i++)
		if (console_key_aliases[i].from == key)
			key = console_key_aliases[i].to;
	for (size_t i = 0; i < console_n_keys; i++)
		if (console_keys[i].key == key)
			return (int)console_keys[i].action;
	return -1;
}

const struct console_key *
console_key_of(enum console_action action)
{
	for (size_t i = 0; i < console_n_keys; i++)
		if (console_keys[i].action == action)
			return &console_keys[i];
	return NULL;
}
