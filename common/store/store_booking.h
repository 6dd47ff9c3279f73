/*
 * store_booking.h - advance bookings in the log (GECC technology point:
 * ระบบการจองคิวล่วงหน้าออนไลน์): make one for a slot, find, cancel, and check
 * in at the kiosk or reception, which issues a ticket of class booking.
 *
 * Settings come from [service X] booking_* keys (office.h, struct
 * service_booking); slots, codes and the check-in window are the pure rules
 * of booking.h. A day is the service day YYYYMMDD in the office's zone, as
 * tickets use; a slot is named by its start in minutes from local midnight.
 *
 * Schema version 5 (store_open.c), one migration step:
 *   booking(id, code UNIQUE, service, day, slot_minute, state, made_ms,
 *           state_ms, id_hash, note, ticket_id)
 *       state is "booked", "cancelled", "checked_in" or "no_show"
 *       (store_booking_state_name); id_hash is a keyed hash of a Thai ID
 *       number made by the caller (never the number itself), NULL when the
 *       booking was made without one; note is the citizen's optional word
 *       for the officer, cleared when the booking's day ends; ticket_id is
 *       the ticket the check-in issued.
 *   ticket.booked   1 for a ticket issued by a check-in (class booking).
 *   counter_state.booking_streak   the counter's booking calls while
 *       walk-ins waited (queue.h: the booking cap).
 * Each step is also an event of the append-only log, detail "booking ID":
 * 'booked', 'cancelled', 'checked_in' (ticket_id = the ticket issued, in the
 * same transaction as its 'issued') and 'booking_noshow', written for a
 * booking never checked in when its day has ended (by the first write of a
 * later day, as tickets expire: store_expire_before()).
 *
 * Every write is one BEGIN IMMEDIATE transaction that re-reads what it
 * decides on: a slot never holds more than booking_per_slot bookings, however
 * many processes book its last place at once; a booking is checked in once.
 *
 * Results. Functions return SQ_OK or a negative sq_err. A refusal the
 * citizen must be told about returns SQ_ERR_STATE (SQ_ERR_NOTFOUND for an
 * unknown code) with *why set to its enum booking_refusal (booking.h, whose
 * booking_refusal_th/_en give the words) and a line in err; *why is
 * BOOKING_OK for success and for other errors: SQ_ERR_INVALID (bad argument:
 * unknown service, a day that is not a date, an ID hash of the wrong shape,
 * a note too long or not UTF-8), SQ_ERR_BUSY, SQ_ERR_DB, SQ_ERR_IO (no
 * random bytes). Typed text that is not a code is BOOKING_UNKNOWN. Nothing
 * is written on any failure. why may be NULL.
 *
 * Same threading rule as store.h: one thread per struct store.
 */
#ifndef SADUAK_STORE_BOOKING_H
#define SADUAK_STORE_BOOKING_H

#include <stddef.h>
#include <stdint.h>

#include "booking.h"
#include "config.h"
#include "error.h"
#include "store.h"

#define STORE_BOOKING_HASH_LEN 64  /* id_hash: 64 lowercase hex digits (HMAC-SHA256) */
#define STORE_BOOKING_NOTE_MAX 200 /* bytes of a note, UTF-8 */

enum store_booking_state {
	STORE_BOOKING_BOOKED,
	STORE_BOOKING_CANCELLED,
	STORE_BOOKING_CHECKED_IN,
	STORE_BOOKING_NO_SHOW,
};

struct store_booking {
	int64_t id;
	char code[BOOKING_CODE_LEN + 1]; /* "K7MP2Q" */
	char service[4];
	int day;         /* YYYYMMDD, local */
	int slot_minute; /* start of its slot, minutes from local midnight */
	enum store_booking_state state;
	int64_t made_ms;
	int64_t state_ms;                         /* when it entered its state */
	char id_hash[STORE_BOOKING_HASH_LEN + 1]; /* "" when made without an ID number */
	char note[STORE_BOOKING_NOTE_MAX + 1];    /* "" when none or its day has ended */
	int64_t ticket_id;                        /* the ticket of its check-in; 0 before */
};

/* One slot of a day, as the booking page shows it. */
struct store_booking_slot {
	int minute;   /* start, minutes from local midnight */
	int capacity; /* booking_per_slot */
	int taken;    /* bookings not cancelled */
	bool open;    /* may still be booked now: not started, not full */
};

/* What a check-in did or why it was refused. */
struct store_booking_checkin {
	enum booking_refusal why;     /* BOOKING_OK when a ticket was issued */
	struct store_booking booking; /* the booking found (id 0 when none) */
	struct store_ticket ticket;   /* the ticket issued, when why is BOOKING_OK */
	int64_t slot_ms;              /* the booking's slot start, UTC ms */
	int64_t opens_ms;             /* BOOKING_TOO_EARLY: when its check-in opens */
};

/* Log name of a state ("booked", ...). Static. */
const char *store_booking_state_name(enum store_booking_state state);

/*
 * The slots of service on day with their taken counts, into out (room for
 * max; BOOKING_MAX_SLOTS is always enough), *n set to how many. A service
 * that takes no bookings, or a day it is closed, gives 0 slots (SQ_OK).
 * open is judged at the store's clock now, with booking_days_ahead.
 * SQ_ERR_INVALID for an unknown service or a day that is not a date.
 */
int store_booking_slots(struct store *s, const struct config *cfg, const char *service, int day,
                        struct store_booking_slot *out, size_t max, size_t *n,
                        struct sq_error *err);

/*
 * Book the slot of service starting at slot_minute on day, with an optional
 * id_hash and note (NULL or "" for none), now. Draws the code from
 * getrandom() before the write lock is taken. Refusals (SQ_ERR_STATE):
 * BOOKING_NOT_BOOKABLE, BOOKING_DAY_CLOSED, BOOKING_NOT_A_SLOT, BOOKING_PAST
 * (a day before today or a slot already started), BOOKING_TOO_FAR (after
 * today + booking_days_ahead), BOOKING_SLOT_FULL. On SQ_OK *out holds the
 * new booking (durable).
 */
int store_booking_make(struct store *s, const struct config *cfg, const char *service, int day,
                       int slot_minute, const char *id_hash, const char *note,
                       struct store_booking *out, enum booking_refusal *why, struct sq_error *err);

/*
 * The booking with code (as typed: booking_code_parse() reads it).
 * SQ_ERR_NOTFOUND (why BOOKING_UNKNOWN) when none has it, or the text is
 * not a code.
 */
int store_booking_find(struct store *s, const char *code, struct store_booking *out,
                       enum booking_refusal *why, struct sq_error *err);

/*
 * The booking of id_hash for day: the one still booked with the earliest
 * slot, else the last one of that day in any state (so that the kiosk can
 * say "already used"). SQ_ERR_NOTFOUND (why BOOKING_UNKNOWN) when none.
 */
int store_booking_find_by_id_hash(struct store *s, const char *id_hash, int day,
                                  struct store_booking *out, enum booking_refusal *why,
                                  struct sq_error *err);

/*
 * Cancel the booking with code, now. Refusals: BOOKING_UNKNOWN
 * (SQ_ERR_NOTFOUND), BOOKING_CANCELLED, BOOKING_USED, BOOKING_NO_SHOW
 * (its day has ended). *out (may be NULL) gets the booking as it is after.
 */
int store_booking_cancel(struct store *s, const char *code, struct store_booking *out,
                         enum booking_refusal *why, struct sq_error *err);

/*
 * Check in the booking with code, or (code NULL) today's booking of id_hash,
 * now: inside its window [slot - checkin_early, slot + checkin_late] it
 * issues a ticket of class booking (store_ticket.booked) for the booking's
 * service in the same transaction, durable on return. Refusals, with out
 * filled as far as known: BOOKING_UNKNOWN (SQ_ERR_NOTFOUND),
 * BOOKING_CANCELLED, BOOKING_USED, BOOKING_NO_SHOW, BOOKING_OTHER_DAY,
 * BOOKING_TOO_EARLY (out->opens_ms says when to come back), BOOKING_TOO_LATE
 * (offer a walk-in ticket: store_issue()). The refusal is out->why.
 */
int store_booking_checkin(struct store *s, const struct config *cfg, const char *code,
                          const char *id_hash, struct store_booking_checkin *out,
                          struct sq_error *err);

#endif
