/*
 * web_book_input.h - what a citizen's browser sends to the booking pages,
 * read and checked before anything reaches the log: the path under /book
 * and the booking form's fields.
 *
 *   /book                        the services that take bookings
 *   /book/new/A                  service A's bookable days
 *   /book/new/A/20261208         that day's slots
 *   /book/new/A/20261208/0830    the form for the 08:30 slot
 *   /book/K7MP2Q                 a booking (the code as booking_code_parse reads it)
 *   /book/K7MP2Q/cancel          its cancel (POST)
 *
 * Pure; any thread.
 */
#ifndef SADUAK_WEB_BOOK_INPUT_H
#define SADUAK_WEB_BOOK_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "booking.h"
#include "store_booking.h"

enum web_book_kind {
	WEB_BOOK_SERVICES,
	WEB_BOOK_DAYS,
	WEB_BOOK_SLOTS,
	WEB_BOOK_FORM,
	WEB_BOOK_CODE,
	WEB_BOOK_CANCEL,
};

/* A path under /book, as far as it goes: fields past its kind are unset. */
struct web_book_path {
	enum web_book_kind kind;
	char service[4];                 /* 1-2 capital letters */
	int day;                         /* YYYYMMDD, a real date */
	int minute;                      /* minutes from midnight, 0..1439 */
	char code[BOOKING_CODE_LEN + 1]; /* WEB_BOOK_CODE, WEB_BOOK_CANCEL */
};

/*
 * Read rest, the path after "/book" ("" or "/..."), into *out. False for
 * anything not listed above (the caller answers 404).
 */
bool web_book_path_parse(const char *rest, struct web_book_path *out);

/* Why a booking form is refused before the log is asked. */
enum web_book_form_fault {
	WEB_BOOK_FORM_OK = 0,
	WEB_BOOK_FORM_BAD,       /* a field missing or of the wrong shape: 400 */
	WEB_BOOK_FORM_NOTE_LONG, /* the note is over STORE_BOOKING_NOTE_MAX bytes */
	WEB_BOOK_FORM_BAD_ID,    /* the ID number is not 13 digits */
};

/* The fields of POST /book. */
struct web_book_form {
	char csrf[64];
	char service[4];
	int day;    /* YYYYMMDD */
	int minute; /* the slot's start */
	char note[STORE_BOOKING_NOTE_MAX + 1];
	char cid[16]; /* the 13 digits, or "" for none (spaces and dashes dropped) */
};

/*
 * Read the form body into *out: csrf, service, day (YYYYMMDD), slot (HHMM),
 * and the optional note and cid. The fault, WEB_BOOK_FORM_OK when all is
 * well; out is filled as far as it was read.
 */
enum web_book_form_fault web_book_form_parse(const char *body, struct web_book_form *out);

/* True when day is a YYYYMMDD date that exists (20260229 does not). */
bool web_book_day_valid(int day);

#endif
