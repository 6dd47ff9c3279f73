/*
 * kiosk_ticket_private.h - what the ticket kiosk's two files share: its
 * state (kiosk_ticket.c: data, taps, issuing, printing, the loop) and its
 * drawing (kiosk_ticket_draw.c). Not for other modules.
 */
#ifndef SADUAK_KIOSK_TICKET_PRIVATE_H
#define SADUAK_KIOSK_TICKET_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "bitmap.h"
#include "config.h"
#include "kiosk_config.h"
#include "printer.h"
#include "store.h"
#include "thaitime.h"
#include "ticket_layout.h"
#include "ui.h"

enum screen { SCREEN_HOME, SCREEN_PRIORITY, SCREEN_ADVICE, SCREEN_ISSUING, SCREEN_TICKET };

/* What the home and advice screens show of a service, refreshed on data changes. */
struct svc_live {
	int waiting;
	int minutes;       /* estimated wait of a ticket taken now */
	int counters_open; /* open counters serving it */
	struct service_hours_state hours;
};

struct kiosk_ticket {
	struct config *cfg;      /* owned by main */
	struct store *store;     /* owned by the caller of kiosk_ticket_create */
	struct printer *printer; /* likewise */
	struct kiosk_config kc;
	enum screen screen;
	bool english;
	size_t service; /* index of the chosen service */
	int priority;   /* index into cfg->priorities, -1 for none */
	struct svc_live live[CONFIG_MAX_SERVICES];
	struct local_time now; /* of the last refresh */
	int64_t data_version;
	int64_t next_poll;    /* monotonic ms */
	int64_t armed_at;     /* monotonic ms before which taps are ignored */
	int64_t screen_since; /* monotonic ms the screen changed */
	int64_t touched;      /* monotonic ms of the last tap */
	bool issue_pending;
	bool print_pending;
	int64_t tap_us; /* monotonic us of the take-ticket tap */
	/* The ticket on screen. */
	struct store_ticket ticket;
	int ahead, wait_minutes;
	char counters_th[256], counters_en[256];
	char ref[64];
	char qr_text[1024];
	bool show_qr; /* not printed: the QR code on screen instead */
	enum printer_fault fault;
	bool near_end_logged;
	struct bitmap *qr; /* the QR code of qr_text, 1 dot a module */
	/* A message on the home screen, until notice_until. */
	char notice_th[256], notice_en[256];
	int64_t notice_until;
	bool store_failed;       /* a refresh error was logged already */
	int64_t last_latency_us; /* tap to ticket drawn, for the log and the benchmark */
};

/* High contrast: white and yellow on a deep blue, controls in strong colours. */
static const SDL_Color C_BG = {9, 24, 51, 255};
static const SDL_Color C_TEXT = {255, 255, 255, 255};
static const SDL_Color C_SOFT = {200, 214, 235, 255};
static const SDL_Color C_ACCENT = {255, 210, 0, 255};
static const SDL_Color C_BUTTON = {0, 86, 179, 255};
static const SDL_Color C_CLOSED = {62, 66, 74, 255};
static const SDL_Color C_CLOSED_TEXT = {186, 190, 198, 255};
static const SDL_Color C_TAKE = {0, 128, 60, 255};
static const SDL_Color C_PLAIN = {52, 72, 104, 255};
static const SDL_Color C_PRIORITY = {255, 210, 0, 255};
static const SDL_Color C_DARK = {10, 10, 10, 255};
static const SDL_Color C_FAULT = {196, 0, 0, 255};
static const SDL_Color C_PANEL = {20, 42, 80, 255};
static const SDL_Color C_WHITE = {255, 255, 255, 255};
static const SDL_Color C_BLACK = {0, 0, 0, 255};

/* The text in the language chosen. */
static inline const char *
tr(const struct kiosk_ticket *k, const char *th, const char *en)
{
	return k->english ? en : th;
}

/* The other language, for the line under. */
static inline const char *
tr2(const struct kiosk_ticket *k, const char *th, const char *en)
{
	return k->english ? th : en;
}

/* Rounded corners in proportion to a control. */
static inline int
radius_of(struct box r)
{
	return (r.h < r.w ? r.h : r.w) / 6;
}

/* Draw the screen k is on, laid out from the window's size. kiosk_ticket_draw.c. */
void kiosk_ticket_draw(struct kiosk_ticket *k, struct ui *ui);

#endif
