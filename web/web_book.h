/*
 * web_book.h - advance booking on saduak-web (issue 15), for citizens, no
 * login and no personal data:
 *
 *   GET  /book                      the services that take bookings
 *   GET  /book/new/A[/DAY[/HHMM]]   a service's days, a day's slots, the form
 *   POST /book                      make the booking (csrf, service, day, slot,
 *                                   optional note and cid): 303 to its page
 *   GET  /book/CODE                 the booking: code, QR, day, time, check-in window
 *   POST /book/CODE/cancel          cancel it (csrf): 303 back to its page
 *
 * Forms carry a token that must equal the saduak_form cookie the pages set
 * (HttpOnly, SameSite=Strict, Path=/book): a page of another site cannot
 * read it, nor send it. Every POST first takes one from the client
 * address's bucket (web_ratelimit.h, [web] booking_per_hour and
 * booking_burst): none left is 429 with Retry-After and a page saying so.
 * An address that asks for WEB_BOOK_MISS_BURST unknown codes (GET or
 * cancel) is answered 429 for any code until its bucket of misses refills
 * (WEB_BOOK_MISS_PER_HOUR an hour), so codes cannot be found by trying.
 * The store decides the rest (store_booking.h: a slot never holds more
 * than its capacity); its refusals come back as the page with the reason
 * in Thai and English (409), never a 500. The ID number is never logged:
 * only its keyed hash reaches the store.
 *
 * Handlers of web_routes.c's table; the server's thread.
 */
#ifndef SADUAK_WEB_BOOK_H
#define SADUAK_WEB_BOOK_H

#include "web_buf.h"
#include "web_routes.h"

#define WEB_FORM_COOKIE "saduak_form"

/* Unknown codes one address may ask for at once, then this many an hour. */
#define WEB_BOOK_MISS_BURST    20
#define WEB_BOOK_MISS_PER_HOUR 60

/* GET /book... */
int web_book_get(struct web_app *app, const struct web_call *c, struct web_buf *b);

/* POST /book and /book/CODE/cancel. */
int web_book_post(struct web_app *app, const struct web_call *c, struct web_buf *b);

#endif
