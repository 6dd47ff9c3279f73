/*
 * kiosk_reconnecting.h - the quiet mark the board and the rating screen show
 * while the log is out of reach (screen_log.h): what they show stays, and a
 * small line in a corner says, in Thai and English, that they are
 * reconnecting. The ticket kiosk says more (it cannot issue): its own panel.
 */
#ifndef SADUAK_KIOSK_RECONNECTING_H
#define SADUAK_KIOSK_RECONNECTING_H

#include "ui.h"

/* Draw the mark in the bottom right corner of a w x h screen, over what is there. */
void kiosk_reconnecting_draw(struct ui *ui, int w, int h);

#endif
