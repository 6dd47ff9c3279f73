/*
 * queue.h - the fair-queue rules (GECC P12), pure: no I/O, no clock.
 *
 * Tickets are ordered by arrival. The arrival order is the ticket id, which
 * the store hands out in increasing order at issue and never reuses, so a
 * wall-clock jump (NTP correction) can never reorder the queue; a transferred
 * or parked ticket keeps its id and so its place.
 *
 * A counter serves an ordered list of services. By default it takes the
 * oldest waiting ticket among them (COUNTER_POLICY_OLDEST); with
 * COUNTER_POLICY_IN_ORDER it empties its first service before the next.
 *
 * Three classes, in one order: priority class (elderly, monk, ...), then
 * checked-in booking (store_booking.h), then walk-in. Each class goes ahead
 * of the ones below it, but never more than its cap in a row while a lower
 * class waits, each cap with a streak of its own kept per counter:
 *  - priority_streak: priority calls in a row while a booking or a walk-in
 *    waited; at priority_cap the best booking or walk-in is called instead
 *    (rule priority-cap). Any non-priority call resets it.
 *  - booking_streak: booking calls while a walk-in waited, since the last
 *    walk-in call; at booking_cap the walk-in is called (rule booking-cap).
 *    A priority call between them neither counts nor resets it.
 * Two caps rather than one shared count, so that a booked citizen is not
 * passed over forever by a stream of priority tickets (with one shared
 * count the priority class would use it all up). A walk-in therefore waits
 * at most (priority_cap + 1) x (booking_cap + 1) - 1 calls in a row of its
 * counter while it is the oldest walk-in; a booking at most priority_cap.
 * Among the tickets of a class the counter's policy decides (oldest, or
 * service order). Every choice names the rule that made it, and the store
 * writes that rule into the log for the auditor.
 *
 * The ticket life cycle is a table (queue_transition): the store refuses any
 * event the table does not allow, so no ticket is called twice or lost.
 */
#ifndef SADUAK_QUEUE_H
#define SADUAK_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a counter picks among the services it serves. */
enum counter_policy {
	COUNTER_POLICY_OLDEST,   /* the oldest waiting ticket among its services */
	COUNTER_POLICY_IN_ORDER, /* its first service with anyone waiting */
};

enum ticket_state {
	TICKET_WAITING,
	TICKET_CALLED,  /* called to a counter, citizen on the way */
	TICKET_SERVING, /* service started */
	TICKET_PARKED,  /* sent away for a while (a copy, a form); rejoins later */
	TICKET_NOSHOW,  /* did not come; may be reactivated within the grace time */
	TICKET_DONE,
	TICKET_EXPIRED, /* still open when the service day ended */
	TICKET_VOIDED,  /* cancelled by an officer, with a reason */
	TICKET_STATE_COUNT,
};

enum ticket_event {
	EVENT_ISSUED,
	EVENT_CALLED,
	EVENT_RECALLED,
	EVENT_PARKED,
	EVENT_RETURNED, /* a parked or no-show ticket back in the queue */
	EVENT_TRANSFERRED,
	EVENT_NOSHOW,
	EVENT_STARTED,
	EVENT_FINISHED,
	EVENT_RATED,
	EVENT_VOIDED,
	EVENT_EXPIRED,
	/* Events of a counter or the office, not of one ticket. */
	EVENT_FIRST_CONTACT, /* advice at the kiosk or reception (P13) */
	EVENT_LOGIN,
	EVENT_LOGOUT,
	EVENT_BREAK,
	EVENT_RESUME,
	EVENT_FAULT, /* a device fault or recovery, for the counters to show */
	/*
	 * Events of an advance booking (store_booking.h): detail names the
	 * booking ("booking 17"); checked_in carries the ticket it gave.
	 * "booking_noshow" is not the ticket's "noshow", so that the two are
	 * never counted together.
	 */
	EVENT_BOOKED,
	EVENT_BOOKING_CANCELLED,
	EVENT_CHECKED_IN,
	EVENT_BOOKING_NOSHOW, /* written at the end of its day when never checked in */
	EVENT_COUNT,
};

enum queue_rule {
	QUEUE_RULE_OLDEST,        /* oldest waiting among the counter's services */
	QUEUE_RULE_SERVICE_ORDER, /* first service in the counter's list with anyone waiting */
	QUEUE_RULE_PRIORITY,      /* a priority class goes first */
	QUEUE_RULE_PRIORITY_CAP,  /* a non-priority ticket, because the priority cap was reached */
	QUEUE_RULE_MANUAL,        /* the officer chose this ticket, with a reason */
	QUEUE_RULE_BOOKING,       /* a checked-in booking goes ahead of walk-ins */
	QUEUE_RULE_BOOKING_CAP,   /* a walk-in, because the booking cap was reached */
	QUEUE_RULE_COUNT,
};

/* One ticket a counter could call: the head of a queue it serves. */
struct queue_candidate {
	int64_t ticket_id;   /* arrival order */
	size_t service_rank; /* position of its service in the counter's list */
	bool priority;       /* has a priority class */
	bool booked;         /* a checked-in booking (class booking); never with priority */
};

struct queue_policy {
	enum counter_policy policy;
	int priority_cap; /* >= 1 */
	int booking_cap;  /* >= 1 */
};

/* A counter's streaks, as the store keeps them in counter_state. */
struct queue_streaks {
	int priority; /* priority calls in a row while a lower class waited */
	int booking;  /* booking calls while a walk-in waited, since the last walk-in call */
};

struct queue_choice {
	size_t index; /* into the candidate array */
	enum queue_rule rule;
	struct queue_streaks streaks; /* the counter's streaks after this call */
};

/*
 * Choose the next ticket among n candidates for a counter with streaks, by
 * the order above. Returns SQ_OK and fills out, or SQ_ERR_EMPTY when n is 0.
 */
int queue_choose(const struct queue_candidate *candidates, size_t n,
                 const struct queue_policy *policy, const struct queue_streaks *streaks,
                 struct queue_choice *out);

/*
 * The state a ticket in state `from` moves to on event, or -1 when the
 * event is not allowed in that state (the store then refuses it).
 */
int queue_transition(enum ticket_state from, enum ticket_event event);

/* True when a ticket parked at parked_ms has rejoined the queue at now_ms. */
bool queue_park_returned(int64_t parked_ms, int64_t now_ms, int park_return_minutes);

/* True when a no-show marked at noshow_ms may still be reactivated at now_ms. */
bool queue_noshow_in_grace(int64_t noshow_ms, int64_t now_ms, int grace_minutes);

/* Names as written in the log and reports: "waiting", "called", ... Static. */
const char *queue_state_name(enum ticket_state state);
const char *queue_event_name(enum ticket_event event);
const char *queue_rule_name(enum queue_rule rule);

/* The state or event with that name, or -1. */
int queue_state_from_name(const char *name);
int queue_event_from_name(const char *name);

#endif
