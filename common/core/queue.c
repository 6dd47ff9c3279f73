#include "queue.h"

#include <string.h>

#include "error.h"

static const char *const state_names[TICKET_STATE_COUNT] = {
    [TICKET_WAITING] = "waiting", [TICKET_CALLED] = "called", [TICKET_SERVING] = "serving",
    [TICKET_PARKED] = "parked",   [TICKET_NOSHOW] = "noshow", [TICKET_DONE] = "done",
    [TICKET_EXPIRED] = "expired", [TICKET_VOIDED] = "voided",
};

static const char *const event_names[EVENT_COUNT] = {
    [EVENT_ISSUED] = "issued",
    [EVENT_CALLED] = "called",
    [EVENT_RECALLED] = "recalled",
    [EVENT_PARKED] = "parked",
    [EVENT_RETURNED] = "returned",
    [EVENT_TRANSFERRED] = "transferred",
    [EVENT_NOSHOW] = "noshow",
    [EVENT_STARTED] = "started",
    [EVENT_FINISHED] = "finished",
    [EVENT_RATED] = "rated",
    [EVENT_VOIDED] = "voided",
    [EVENT_EXPIRED] = "expired",
    [EVENT_FIRST_CONTACT] = "first_contact",
    [EVENT_LOGIN] = "login",
    [EVENT_LOGOUT] = "logout",
    [EVENT_BREAK] = "break",
    [EVENT_RESUME] = "resume",
    [EVENT_FAULT] = "fault",
    [EVENT_BOOKED] = "booked",
    [EVENT_BOOKING_CANCELLED] = "cancelled",
    [EVENT_CHECKED_IN] = "checked_in",
    [EVENT_BOOKING_NOSHOW] = "booking_noshow",
};

static const char *const rule_names[QUEUE_RULE_COUNT] = {
    [QUEUE_RULE_OLDEST] = "oldest-first",     [QUEUE_RULE_SERVICE_ORDER] = "service-order",
    [QUEUE_RULE_PRIORITY] = "priority-first", [QUEUE_RULE_PRIORITY_CAP] = "priority-cap",
    [QUEUE_RULE_MANUAL] = "manual",           [QUEUE_RULE_BOOKING] = "booking",
    [QUEUE_RULE_BOOKING_CAP] = "booking-cap",
};

/*
 * The ticket life cycle. 0 = not allowed; otherwise the new state + 1, so
 * that the zero-initialised cells mean "refused".
 */
#define TO(s) ((s) + 1)
static const signed char transitions[TICKET_STATE_COUNT][EVENT_COUNT] = {
    [TICKET_WAITING] =
        {
            [EVENT_CALLED] = TO(TICKET_CALLED),
            [EVENT_TRANSFERRED] = TO(TICKET_WAITING),
            [EVENT_VOIDED] = TO(TICKET_VOIDED),
            [EVENT_EXPIRED] = TO(TICKET_EXPIRED),
        },
    [TICKET_CALLED] =
        {
            [EVENT_RECALLED] = TO(TICKET_CALLED),
            [EVENT_STARTED] = TO(TICKET_SERVING),
            [EVENT_FINISHED] = TO(TICKET_DONE),
            [EVENT_NOSHOW] = TO(TICKET_NOSHOW),
            [EVENT_PARKED] = TO(TICKET_PARKED),
            [EVENT_TRANSFERRED] = TO(TICKET_WAITING),
            [EVENT_VOIDED] = TO(TICKET_VOIDED),
            [EVENT_EXPIRED] = TO(TICKET_EXPIRED),
        },
    [TICKET_SERVING] =
        {
            [EVENT_RECALLED] = TO(TICKET_SERVING),
            [EVENT_FINISHED] = TO(TICKET_DONE),
            [EVENT_PARKED] = TO(TICKET_PARKED),
            [EVENT_TRANSFERRED] = TO(TICKET_WAITING),
            [EVENT_VOIDED] = TO(TICKET_VOIDED),
            [EVENT_EXPIRED] = TO(TICKET_EXPIRED),
        },
    [TICKET_PARKED] =
        {
            [EVENT_CALLED] = TO(TICKET_CALLED),
            [EVENT_RETURNED] = TO(TICKET_WAITING),
            [EVENT_VOIDED] = TO(TICKET_VOIDED),
            [EVENT_EXPIRED] = TO(TICKET_EXPIRED),
        },
    [TICKET_NOSHOW] =
        {
            [EVENT_RETURNED] = TO(TICKET_WAITING),
            [EVENT_VOIDED] = TO(TICKET_VOIDED),
        },
    [TICKET_DONE] =
        {
            [EVENT_RATED] = TO(TICKET_DONE),
        },
    /* Only when the day was ended by a clock that ran ahead (the store decides). */
    [TICKET_EXPIRED] =
        {
            [EVENT_RETURNED] = TO(TICKET_WAITING),
        },
};
#undef TO

/* Is a better than b as the next ticket under policy? */
static bool
candidate_before(const struct queue_candidate *a, const struct queue_candidate *b,
                 enum counter_policy policy)
{
	if (policy == COUNTER_POLICY_IN_ORDER && a->service_rank != b->service_rank)
		return a->service_rank < b->service_rank;
	return a->ticket_id < b->ticket_id;
}

/* The classes, best first. */
enum { CLASS_PRIORITY, CLASS_BOOKING, CLASS_WALK_IN, CLASS_COUNT };

int
queue_choose(const struct queue_candidate *candidates, size_t n, const struct queue_policy *policy,
             const struct queue_streaks *streaks, struct queue_choice *out)
{
	long best[CLASS_COUNT] = {-1, -1, -1};

	for (size_t i = 0; i < n; i++) {
		long *b = &best[candidates[i].priority ? CLASS_PRIORITY
		                : candidates[i].booked ? CLASS_BOOKING
		                                       : CLASS_WALK_IN];
		if (*b < 0 || candidate_before(&candidates[i], &candidates[*b], policy->policy))
			*b = (long)i;
	}
	bool lower_waits = best[CLASS_BOOKING] >= 0 || best[CLASS_WALK_IN] >= 0;
	bool walk_in_waits = best[CLASS_WALK_IN] >= 0;
	/* Nobody below waits, so nobody is jumped: that streak does not grow. */
	if (best[CLASS_PRIORITY] >= 0 &&
	    (!lower_waits || streaks->priority < policy->priority_cap)) {
		*out = (struct queue_choice){
		    .index = (size_t)best[CLASS_PRIORITY],
		    .rule = QUEUE_RULE_PRIORITY,
		    .streaks = {lower_waits ? streaks->priority + 1 : 0, streaks->booking},
		};
		return SQ_OK;
	}
	bool priority_capped = best[CLASS_PRIORITY] >= 0;
	if (best[CLASS_BOOKING] >= 0 &&
	    (!walk_in_waits || streaks->booking < policy->booking_cap)) {
		*out = (struct queue_choice){
		    .index = (size_t)best[CLASS_BOOKING],
		    .rule = priority_capped ? QUEUE_RULE_PRIORITY_CAP : QUEUE_RULE_BOOKING,
		    .streaks = {0, walk_in_waits ? streaks->booking + 1 : 0},
		};
		return SQ_OK;
	}
	if (!walk_in_waits)
		return SQ_ERR_EMPTY;
	*out = (struct queue_choice){
	    .index = (size_t)best[CLASS_WALK_IN],
	    .rule = priority_capped                             ? QUEUE_RULE_PRIORITY_CAP
	            : best[CLASS_BOOKING] >= 0                  ? QUEUE_RULE_BOOKING_CAP
	            : policy->policy == COUNTER_POLICY_IN_ORDER ? QUEUE_RULE_SERVICE_ORDER
	                                                        : QUEUE_RULE_OLDEST,
	    .streaks = {0, 0},
	};
	return SQ_OK;
}

int
queue_transition(enum ticket_state from, enum ticket_event event)
{
	if ((unsigned)from >= TICKET_STATE_COUNT || (unsigned)event >= EVENT_COUNT)
		return -1;
	return transitions[from][event] - 1;
}

bool
queue_park_returned(int64_t parked_ms, int64_t now_ms, int park_return_minutes)
{
	return now_ms - parked_ms >= (int64_t)park_return_minutes * 60000;
}

bool
queue_noshow_in_grace(int64_t noshow_ms, int64_t now_ms, int grace_minutes)
{
	return now_ms - noshow_ms <= (int64_t)grace_minutes * 60000;
}

const char *
queue_state_name(enum ticket_state state)
{
	return (unsigned)state < TICKET_STATE_COUNT ? state_names[state] : "unknown";
}

const char *
queue_event_name(enum ticket_event event)
{
	return (unsigned)event < EVENT_COUNT ? event_names[event] : "unknown";
}

const char *
queue_rule_name(enum queue_rule rule)
{
	return (unsigned)rule < QUEUE_RULE_COUNT ? rule_names[rule] : "unknown";
}

static int
name_index(const char *const *names, int count, const char *name)
{
	for (int i = 0; i < count; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int
queue_state_from_name(const char *name)
{
	return name_index(state_names, TICKET_STATE_COUNT, name);
}

int
queue_event_from_name(const char *name)
{
	return name_index(event_names, EVENT_COUNT, name);
}
