#include "kiosk_exit.h"

bool
kiosk_chord_pressed(const struct kiosk_chord *c, SDL_Keycode key, uint16_t mod)
{
	unsigned held = 0;

	if (mod & KMOD_CTRL)
		held |= KIOSK_MOD_CTRL;
	if (mod & KMOD_SHIFT)
		held |= KIOSK_MOD_SHIFT;
	if (mod & KMOD_ALT)
		held |= KIOSK_MOD_ALT;
	if (mod & KMOD_GUI)
		held |= KIOSK_MOD_SUPER;
	/* SDL names keys case-blind: "f12" is F12, "q" is q. */
	return held == c->mods && key != SDLK_UNKNOWN && key == SDL_GetKeyFromName(c->key);
}
