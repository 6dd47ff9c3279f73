/*
 * booking.h - advance booking, the pure part: the time slots a service
 * offers on a day, booking codes, and the check-in window. No I/O: the
 * random bytes of a code come from the caller (store_booking.c draws them
 * with getrandom()), the time from the caller's clock.
 *
 * Slots. A service takes bookings when its [service X] booking_slot_minutes
 * is above 0 (office.h, struct service_booking). Its slots on a day are cut
 * from its regular `hours` windows of that weekday (never extended hours),
 * merged where they overlap or touch: from each opening, one every
 * slot_minutes, as long as the whole slot fits before it closes. Slots never
 * overlap, so a day has at most BOOKING_MAX_SLOTS. A slot is named by its
 * start, in minutes from local midnight (08:30 = 510).
 *
 * Codes. BOOKING_CODE_LEN characters from a 32-character alphabet without
 * look-alikes (no 0/O, no 1/I): 30 random bits, so codes are short to type
 * and not guessable from one another. Typed input is read case-insensitive,
 * with spaces and dashes ignored ("k7m-p2q" is "K7MP2Q").
 *
 * Any thread.
 */
#ifndef SADUAK_BOOKING_H
#define SADUAK_BOOKING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "office.h"

#define BOOKING_CODE_LEN 6 /* characters of a booking code */
/* The characters of a code: 24 capitals without I and O, and 2..9 (32). */
#define BOOKING_ALPHABET         "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
#define BOOKING_MIN_SLOT_MINUTES 5 /* the shortest slot the config accepts */
#define BOOKING_MAX_SLOTS        (24 * 60 / BOOKING_MIN_SLOT_MINUTES) /* around the clock */

/* Why a booking or a check-in is refused; 0 = not refused. */
enum booking_refusal {
	BOOKING_OK = 0,
	/* making a booking */
	BOOKING_NOT_BOOKABLE, /* the service takes no bookings */
	BOOKING_DAY_CLOSED,   /* the service is not open that day */
	BOOKING_NOT_A_SLOT,   /* no slot starts at that minute */
	BOOKING_PAST,         /* the slot has already started */
	BOOKING_TOO_FAR,      /* beyond booking_days_ahead */
	BOOKING_SLOT_FULL,    /* booking_per_slot places all taken */
	/* finding, cancelling, checking in */
	BOOKING_UNKNOWN,   /* no booking with that code (or ID) */
	BOOKING_CANCELLED, /* it was cancelled */
	BOOKING_USED,      /* already checked in */
	BOOKING_NO_SHOW,   /* its day ended without a check-in */
	BOOKING_OTHER_DAY, /* booked for another day than today */
	BOOKING_TOO_EARLY, /* before the check-in window: come back at its opening */
	BOOKING_TOO_LATE,  /* after the window: a walk-in ticket is offered */
	BOOKING_REFUSAL_COUNT,
};

/* Where a moment stands against a slot's check-in window. */
enum booking_window {
	BOOKING_WINDOW_EARLY = -1,
	BOOKING_WINDOW_OPEN = 0,
	BOOKING_WINDOW_LATE = 1,
};

/*
 * The slots of svc on a day whose weekday is weekday (0 = Monday), in
 * increasing order without repeats, into starts (room for max; at most
 * BOOKING_MAX_SLOTS are needed). Returns how many there are (0: the service
 * takes no bookings or is closed that day); more than max means some were
 * left out. booking_slots(svc, weekday, NULL, 0) only counts them: whether
 * a day can be booked at all.
 */
size_t booking_slots(const struct config_service *svc, int weekday, int *starts, size_t max);

/* True when a slot of svc starts at minute on that weekday. */
bool booking_is_slot(const struct config_service *svc, int weekday, int minute);

/*
 * The code made of BOOKING_CODE_LEN random bytes, into out (at least
 * BOOKING_CODE_LEN + 1 bytes). Each byte gives one character without bias
 * (256 is a multiple of the alphabet's 32).
 */
void booking_code_from_bytes(const uint8_t bytes[BOOKING_CODE_LEN], char *out);

/*
 * Read a typed code: drop spaces and dashes, fold to capitals, and check
 * the length and alphabet. True with the code in out (BOOKING_CODE_LEN + 1
 * bytes); false for anything that is not a code (out is then "").
 */
bool booking_code_parse(const char *typed, char *out, size_t n);

/*
 * Where now_ms stands against the check-in window of a slot starting at
 * slot_ms: [slot - early, slot + late] is open, both ends included.
 */
enum booking_window booking_checkin_window(int64_t slot_ms, int64_t now_ms,
                                           const struct service_booking *b);

/* Log name of a refusal ("slot-full", ...; "ok"). Static. */
const char *booking_refusal_name(enum booking_refusal r);

/*
 * What the kiosk, the web page or the reception says for a refusal, in Thai
 * and in English: one sentence each, no times in it (a caller adds the
 * time to come back for BOOKING_TOO_EARLY). Static.
 */
const char *booking_refusal_th(enum booking_refusal r);
const char *booking_refusal_en(enum booking_refusal r);

#endif
