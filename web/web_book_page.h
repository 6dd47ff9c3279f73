/*
 * web_book_page.h - the HTML of the booking pages (/book, web_book.h): the
 * services that take bookings, a service's bookable days, a day's slots
 * with their free places, the form, and a booking's own page with its code
 * and QR. Thai first (English with ?lang=en, which every link and form
 * keeps); phone first (one column, big targets at 360 px). A refusal is
 * said in Thai and English on whichever page it lands.
 *
 * Pure: writes into a web_buf only; every text from the config or the log
 * is escaped.
 */
#ifndef SADUAK_WEB_BOOK_PAGE_H
#define SADUAK_WEB_BOOK_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "store_booking.h"
#include "web_buf.h"

/* A day as the day list shows it. */
struct web_book_day {
	int day;     /* YYYYMMDD */
	int weekday; /* 0 = Monday */
	int free;    /* places left in slots still open */
	bool full;   /* slots remain today or later, all taken */
};

/* What every booking page shares. */
struct web_book_ctx {
	const struct config *cfg;
	bool en;            /* English; else Thai */
	const char *csrf;   /* the form token (the cookie's value), for forms */
	const char *msg_th; /* a refusal to say first, or NULL */
	const char *msg_en;
	bool with_id; /* the form offers the ID number (a hash key is loaded) */
};

/* GET /book: the services with booking_slot_minutes above 0. */
void web_book_page_services(struct web_buf *b, const struct web_book_ctx *x);

/* GET /book/new/A: svc's days, n of them. */
void web_book_page_days(struct web_buf *b, const struct web_book_ctx *x,
                        const struct config_service *svc, const struct web_book_day *days,
                        size_t n);

/*
 * GET /book/new/A/DAY: svc's slots of day (n), as the store counts them;
 * slots that started before now_minute (-1: none have) are left out.
 */
void web_book_page_slots(struct web_buf *b, const struct web_book_ctx *x,
                         const struct config_service *svc, int day, int weekday,
                         const struct store_booking_slot *slots, size_t n, int now_minute);

/* GET /book/new/A/DAY/HHMM: the form that books that slot (free places left). */
void web_book_page_form(struct web_buf *b, const struct web_book_ctx *x,
                        const struct config_service *svc, int day, int weekday, int minute,
                        int free);

/* GET /book/CODE: the booking bk of svc; its weekday for the date line. */
void web_book_page_booking(struct web_buf *b, const struct web_book_ctx *x,
                           const struct config_service *svc, const struct store_booking *bk,
                           int weekday);

/* A page of x's message alone, with a link to back (a path, without ?lang). */
void web_book_page_message(struct web_buf *b, const struct web_book_ctx *x, const char *back);

#endif
