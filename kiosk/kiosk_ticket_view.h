/*
 * kiosk_ticket_view.h - what the entrance kiosk's ticket screens show, as
 * one plain struct.
 *
 * The kiosk's state code (kiosk_ticket.c) fills a kiosk_ticket_view from
 * what it loaded and decided; the drawing (kiosk_ticket_draw.c) draws from
 * it and knows nothing else of the kiosk. The arrow points one way: the
 * state code includes this header, the drawing includes nothing of the
 * state code.
 *
 * Pointers in a view point into the filler's data and are valid for one
 * draw.
 */
#ifndef SADUAK_KIOSK_TICKET_VIEW_H
#define SADUAK_KIOSK_TICKET_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bitmap.h"
#include "config.h"
#include "estimate.h"
#include "printer.h"
#include "ui.h"

enum kiosk_screen {
	KIOSK_SCREEN_HOME,
	KIOSK_SCREEN_PRIORITY,
	KIOSK_SCREEN_ADVICE,
	KIOSK_SCREEN_ISSUING,
	KIOSK_SCREEN_TICKET,
	KIOSK_SCREEN_CHECKIN, /* the booking code keypad */
	KIOSK_SCREEN_RESULT,  /* a check-in that issued nothing: why */
};

/* What the home and advice screens show of a service, refreshed on data changes. */
struct kiosk_service_live {
	int waiting;
	struct estimate wait; /* of a ticket taken now */
	struct service_hours_state hours;
};

struct kiosk_ticket_view {
	const struct config *cfg; /* the office's name, services and priority classes */
	enum kiosk_screen screen;
	bool english;      /* the language chosen; the other one goes under */
	bool wheelchair;   /* controls within a seated person's reach */
	int64_t now_ms;    /* the wall clock, for the header */
	int minute_of_day; /* of the last refresh: when a closed service opens */
	const struct kiosk_service_live *live; /* per service of cfg */
	size_t service;                        /* the chosen one (advice, ticket) */
	int priority;                          /* index into cfg->priorities, -1 for none */
	const char *notice_th, *notice_en;     /* the home screen's message, NULL for none */
	bool log_down; /* the log out of reach: home says to ask at the reception desk */
	bool booking;  /* a service takes bookings: offer the check-in */

	/* The ticket screen. */
	const char *code;
	bool priority_ticket; /* the ticket was issued as a priority one */
	bool booked_ticket;   /* issued by a booking's check-in (class booking) */
	int ahead;
	const struct estimate *wait;
	const char *counters_th, *counters_en; /* where to go */
	bool show_qr;                          /* not printed: the QR code on screen instead */
	const struct bitmap *qr;               /* 1 dot a module; NULL if it could not be made */
	enum printer_fault fault;

	/* The check-in screens. */
	const char *typed;                 /* the code typed so far */
	const char *result_th, *result_en; /* why nothing was issued, and what to do */
	bool offer_walkin;                 /* too late: a walk-in ticket of service instead */
};

/* Draw the screen v is on, laid out from the window's size. */
void kiosk_ticket_draw(const struct kiosk_ticket_view *v, struct ui *ui);

#endif
