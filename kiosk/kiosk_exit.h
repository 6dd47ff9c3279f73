/*
 * kiosk_exit.h - the supervisor's way out of a kiosk screen: the [kiosk]
 * exit_keys chord (kiosk_config.h), matched against SDL key events. Every
 * screen (ticket, board, rating) leaves on it and on SIGTERM, on nothing a
 * barcode scanner can type.
 */
#ifndef SADUAK_KIOSK_EXIT_H
#define SADUAK_KIOSK_EXIT_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "kiosk_config.h"

/* Whether key pressed with mod held is chord c (exactly its modifiers). */
bool kiosk_chord_pressed(const struct kiosk_chord *c, SDL_Keycode key, uint16_t mod);

#endif
