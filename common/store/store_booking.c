/*
 * store_booking.c - advance bookings and their check-in (store_booking.h).
 */
#include "store_private.h"
#include "store_booking.h"

#include <stdio.h>
#include <string.h>

#include "store_web.h"
#include "thaitime.h"
#include "utf8.h"

/* Codes drawn per booking: a clash of 30 random bits is rare, four in a row never. */
#define CODE_DRAWS 4

#define BOOKING_COLUMNS                                                                            \
	"id, code, service, day, slot_minute, state, made_ms, state_ms, id_hash, note, ticket_id"

static const char *const state_names[] = {
    [STORE_BOOKING_BOOKED] = "booked",
    [STORE_BOOKING_CANCELLED] = "cancelled",
    [STORE_BOOKING_CHECKED_IN] = "checked_in",
    [STORE_BOOKING_NO_SHOW] = "no_show",
};

/* The refusal a booking in state gives to cancel or check-in; BOOKING_OK when booked. */
static const enum booking_refusal state_refusal[] = {
    [STORE_BOOKING_BOOKED] = BOOKING_OK,
    [STORE_BOOKING_CANCELLED] = BOOKING_CANCELLED,
    [STORE_BOOKING_CHECKED_IN] = BOOKING_USED,
    [STORE_BOOKING_NO_SHOW] = BOOKING_NO_SHOW,
};

const char *
store_booking_state_name(enum store_booking_state state)
{
	return (unsigned)state <= STORE_BOOKING_NO_SHOW ? state_names[state] : "unknown";
}

/* Set *why (may be NULL) and return rc. */
static int
answer(enum booking_refusal *why, enum booking_refusal r, int rc)
{
	if (why)
		*why = r;
	return rc;
}

/* A refusal: *why = r, SQ_ERR_STATE (SQ_ERR_NOTFOUND for an unknown code), a line in err. */
static int
refuse(enum booking_refusal *why, enum booking_refusal r, struct sq_error *err, const char *what)
{
	return answer(why, r,
	              sq_error_set(err, r == BOOKING_UNKNOWN ? SQ_ERR_NOTFOUND : SQ_ERR_STATE,
	                           "%s: %s", what, booking_refusal_en(r)));
}

static void
read_booking(sq_stmt *st, struct store_booking *b)
{
	memset(b, 0, sizeof(*b));
	b->id = store_sql_col_int(st, 0);
	store_copy_text(b->code, sizeof(b->code), store_sql_col_text(st, 1));
	store_copy_text(b->service, sizeof(b->service), store_sql_col_text(st, 2));
	b->day = (int)store_sql_col_int(st, 3);
	b->slot_minute = (int)store_sql_col_int(st, 4);
	const char *state = store_sql_col_text(st, 5);
	for (size_t i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++)
		if (strcmp(state, state_names[i]) == 0)
			b->state = (enum store_booking_state)i;
	b->made_ms = store_sql_col_int(st, 6);
	b->state_ms = store_sql_col_int(st, 7);
	store_copy_text(b->id_hash, sizeof(b->id_hash), store_sql_col_text(st, 8));
	store_copy_text(b->note, sizeof(b->note), store_sql_col_text(st, 9));
	b->ticket_id = store_sql_col_int(st, 10);
}

/* Step a one-booking query: SQ_OK, SQ_ERR_NOTFOUND (no row) or a database error. */
static int
query_booking(struct store *s, sq_stmt *st, struct store_booking *out, struct sq_error *err)
{
	int rc;

	if (!st)
		return store_sql_fail(s, err, "reading a booking");
	rc = store_sql_step(st);
	if (rc == SQ_ROW)
		read_booking(st, out);
	store_sql_done(s, st);
	if (rc == SQ_ROW)
		return SQ_OK;
	if (rc == SQ_DONE)
		return SQ_ERR_NOTFOUND;
	return store_sql_fail(s, err, "reading a booking");
}

/* Noon of day (YYYYMMDD) in UTC ms, or -1 when day is not a date. */
static int64_t
day_noon_ms(int day)
{
	int64_t ms = thaitime_utc_ms(day / 10000, day / 100 % 100, day % 100, 12, 0);

	return day > 0 && thaitime_day_key(ms) == day ? ms : -1;
}

/* UTC ms of minute (from local midnight) on day. */
static int64_t
slot_start_ms(int day, int minute)
{
	return thaitime_utc_ms(day / 10000, day / 100 % 100, day % 100, minute / 60, minute % 60);
}

/* Whole days from today to day (negative: before today). Noon to noon, so DST never counts. */
static int
days_from(int today, int day)
{
	int64_t diff = day_noon_ms(day) - day_noon_ms(today);

	return (int)((diff + (diff < 0 ? -43200000 : 43200000)) / 86400000);
}

/* Bookings of a slot that hold a place: all but the cancelled. */
static int
slot_taken(struct store *s, const char *service, int day, int minute, int64_t *taken,
           struct sq_error *err)
{
	return store_sql_int(s,
	                     store_sql_prepare(s,
	                                       "SELECT count(*) FROM booking WHERE service = ? "
	                                       "AND day = ? AND slot_minute = ? AND state <> "
	                                       "'cancelled'",
	                                       "SII", service, (int64_t)day, (int64_t)minute),
	                     taken, err, "counting a slot's bookings");
}

/* Why svc's slot at minute on day cannot be booked at now_ms (taken aside); BOOKING_OK if it can.
 */
static enum booking_refusal
slot_refusal(const struct config_service *svc, int today, int day, int minute, int64_t now_ms)
{
	struct local_time lt;

	if (svc->booking.slot_minutes <= 0)
		return BOOKING_NOT_BOOKABLE;
	if (days_from(today, day) < 0)
		return BOOKING_PAST;
	if (days_from(today, day) > svc->booking.days_ahead)
		return BOOKING_TOO_FAR;
	thaitime_local(day_noon_ms(day), &lt);
	if (!booking_slots(svc, lt.weekday, NULL, 0))
		return BOOKING_DAY_CLOSED;
	if (!booking_is_slot(svc, lt.weekday, minute))
		return BOOKING_NOT_A_SLOT;
	if (slot_start_ms(day, minute) <= now_ms)
		return BOOKING_PAST;
	return BOOKING_OK;
}

/* The service of a booking call, or SQ_ERR_INVALID naming it. */
static int
find_service(const struct config *cfg, const char *service, const struct config_service **out,
             struct sq_error *err)
{
	*out = service ? config_service_find(cfg, service) : NULL;
	if (!*out)
		return sq_error_set(err, SQ_ERR_INVALID, "no service '%s' in %s",
		                    service ? service : "", cfg->path);
	return SQ_OK;
}

int
store_booking_slots(struct store *s, const struct config *cfg, const char *service, int day,
                    struct store_booking_slot *out, size_t max, size_t *n, struct sq_error *err)
{
	const struct config_service *svc;
	int starts[BOOKING_MAX_SLOTS];
	struct local_time lt;
	int rc;

	*n = 0;
	if ((rc = find_service(cfg, service, &svc, err)))
		return rc;
	if (day_noon_ms(day) < 0)
		return sq_error_set(err, SQ_ERR_INVALID, "'%d' is not a day (YYYYMMDD)", day);
	/* A read takes no lock: the clock is read here, as a write does under its lock. */
	int64_t now_ms = store_sql_now(s);
	int today = thaitime_day_key(now_ms);
	thaitime_local(day_noon_ms(day), &lt);
	size_t count = booking_slots(svc, lt.weekday, starts, BOOKING_MAX_SLOTS);
	for (size_t i = 0; i < count && i < max; i++) {
		int64_t taken = 0;
		if ((rc = slot_taken(s, svc->id, day, starts[i], &taken, err)))
			return rc;
		out[i] = (struct store_booking_slot){
		    .minute = starts[i],
		    .capacity = svc->booking.per_slot,
		    .taken = (int)taken,
		    .open = taken < svc->booking.per_slot &&
		            slot_refusal(svc, today, day, starts[i], now_ms) == BOOKING_OK,
		};
		(*n)++;
	}
	return SQ_OK;
}

/* CODE_DRAWS codes from getrandom(), drawn before any lock is taken. */
static int
draw_codes(char codes[CODE_DRAWS][BOOKING_CODE_LEN + 1], struct sq_error *err)
{
	uint8_t raw[CODE_DRAWS * BOOKING_CODE_LEN];
	int rc = store_random(raw, sizeof(raw), "a booking code", err);

	if (rc)
		return rc;
	for (size_t i = 0; i < CODE_DRAWS; i++)
		booking_code_from_bytes(raw + i * BOOKING_CODE_LEN, codes[i]);
	return SQ_OK;
}

/* An id_hash must be 64 lowercase hex digits: never an ID number by mistake. */
static bool
hash_valid(const char *h)
{
	return strlen(h) == STORE_BOOKING_HASH_LEN &&
	       strspn(h, "0123456789abcdef") == STORE_BOOKING_HASH_LEN;
}

/* Check the optional id_hash and note of a booking. */
static int
check_extras(const char *id_hash, const char *note, struct sq_error *err)
{
	if (id_hash && *id_hash && !hash_valid(id_hash))
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "an ID hash is %d lowercase hex digits, not what was given",
		                    STORE_BOOKING_HASH_LEN);
	if (note && strlen(note) > STORE_BOOKING_NOTE_MAX)
		return sq_error_set(err, SQ_ERR_INVALID, "a note is at most %d bytes",
		                    STORE_BOOKING_NOTE_MAX);
	if (note && !utf8_valid(note, NULL))
		return sq_error_set(err, SQ_ERR_INVALID, "a note must be UTF-8 text");
	return SQ_OK;
}

/* Append the event of booking b, kind, at now_ms on day (ticket_id for checked_in). */
static int
log_booking(struct store *s, const struct store_booking *b, enum ticket_event kind, int day,
            int64_t now_ms, struct sq_error *err)
{
	char detail[40];

	snprintf(detail, sizeof(detail), "booking %lld", (long long)b->id);
	struct event_row row = {
	    .ticket_id = b->ticket_id,
	    .kind = kind,
	    .at_ms = now_ms,
	    .day = day,
	    .service = b->service,
	    .detail = detail,
	};
	return store_log_row(s, &row, err);
}

/* Insert b (code, service, day, slot, note, hash, made) and read its id back. */
static int
insert_booking(struct store *s, struct store_booking *b, struct sq_error *err)
{
	sq_stmt *st = store_sql_prepare(
	    s,
	    "INSERT INTO booking (code, service, day, slot_minute, state, made_ms, state_ms, "
	    "id_hash, note) VALUES (?, ?, ?, ?, 'booked', ?, ?, ?, ?) RETURNING id",
	    "SSIIIIss", b->code, b->service, (int64_t)b->day, (int64_t)b->slot_minute, b->made_ms,
	    b->made_ms, b->id_hash, b->note);
	int step;

	if (!st)
		return store_sql_fail(s, err, "booking");
	step = store_sql_step(st);
	if (step == SQ_ROW) {
		b->id = store_sql_col_int(st, 0);
		/* Step to the end so that the insert completes before the statement is reset. */
		step = store_sql_step(st);
	}
	store_sql_done(s, st);
	return step == SQ_DONE ? SQ_OK : store_sql_fail(s, err, "booking");
}

/* Inside the write: re-read the slot, pick a free code, insert, log. */
static int
make_locked(struct store *s, const struct config_service *svc, int today, int64_t now_ms,
            char codes[CODE_DRAWS][BOOKING_CODE_LEN + 1], struct store_booking *b,
            enum booking_refusal *why, struct sq_error *err)
{
	enum booking_refusal r = slot_refusal(svc, today, b->day, b->slot_minute, now_ms);
	int64_t taken = 0;
	int rc;

	if (r != BOOKING_OK)
		return refuse(why, r, err, "booking");
	if ((rc = slot_taken(s, svc->id, b->day, b->slot_minute, &taken, err)))
		return rc;
	if (taken >= svc->booking.per_slot)
		return refuse(why, BOOKING_SLOT_FULL, err, "booking");
	for (size_t i = 0; i < CODE_DRAWS && !b->code[0]; i++) {
		int64_t used = 0;
		if ((rc = store_sql_int(
		         s,
		         store_sql_prepare(s, "SELECT count(*) FROM booking WHERE code = ?", "S",
		                           codes[i]),
		         &used, err, "checking a booking code")))
			return rc;
		if (!used)
			memcpy(b->code, codes[i], sizeof(b->code));
	}
	if (!b->code[0])
		return sq_error_set(err, SQ_ERR_DB, "no free booking code in %d draws", CODE_DRAWS);
	b->made_ms = b->state_ms = now_ms;
	b->state = STORE_BOOKING_BOOKED;
	if ((rc = insert_booking(s, b, err)))
		return rc;
	return log_booking(s, b, EVENT_BOOKED, today, now_ms, err);
}

int
store_booking_make(struct store *s, const struct config *cfg, const char *service, int day,
                   int slot_minute, const char *id_hash, const char *note,
                   struct store_booking *out, enum booking_refusal *why, struct sq_error *err)
{
	const struct config_service *svc;
	char codes[CODE_DRAWS][BOOKING_CODE_LEN + 1];
	struct store_booking b = {.day = day, .slot_minute = slot_minute};
	int64_t now_ms;
	int today, rc;

	answer(why, BOOKING_OK, SQ_OK);
	if ((rc = find_service(cfg, service, &svc, err)) || (rc = check_extras(id_hash, note, err)))
		return rc;
	if (day_noon_ms(day) < 0)
		return sq_error_set(err, SQ_ERR_INVALID, "'%d' is not a day (YYYYMMDD)", day);
	snprintf(b.service, sizeof(b.service), "%s", svc->id);
	snprintf(b.id_hash, sizeof(b.id_hash), "%s", id_hash ? id_hash : "");
	snprintf(b.note, sizeof(b.note), "%s", note ? note : "");
	if ((rc = draw_codes(codes, err)) || (rc = store_write_begin(s, &now_ms, &today, err)))
		return rc;
	rc = store_expire_before(s, today, now_ms, NULL, err);
	if (rc == SQ_OK)
		rc = make_locked(s, svc, today, now_ms, codes, &b, why, err);
	rc = store_sql_end(s, rc, err);
	if (rc == SQ_OK)
		*out = b;
	return rc;
}

/* The booking of a typed code, inside or outside a transaction. */
static int
find_code(struct store *s, const char *typed, struct store_booking *out, enum booking_refusal *why,
          struct sq_error *err)
{
	char code[BOOKING_CODE_LEN + 1];
	int rc;

	answer(why, BOOKING_OK, SQ_OK);
	if (!booking_code_parse(typed, code, sizeof(code)))
		return refuse(why, BOOKING_UNKNOWN, err, "booking code");
	rc = query_booking(
	    s,
	    store_sql_prepare(s, "SELECT " BOOKING_COLUMNS " FROM booking WHERE code = ?", "S",
	                      code),
	    out, err);
	if (rc == SQ_ERR_NOTFOUND)
		return refuse(why, BOOKING_UNKNOWN, err, code);
	return rc;
}

int
store_booking_find(struct store *s, const char *code, struct store_booking *out,
                   enum booking_refusal *why, struct sq_error *err)
{
	return find_code(s, code, out, why, err);
}

/* The booking of id_hash on day: still booked, earliest slot first; else the latest of any state.
 */
static int
find_hash(struct store *s, const char *id_hash, int day, struct store_booking *out,
          enum booking_refusal *why, struct sq_error *err)
{
	int rc;

	answer(why, BOOKING_OK, SQ_OK);
	if (!id_hash || !hash_valid(id_hash))
		return sq_error_set(err, SQ_ERR_INVALID, "an ID hash is %d lowercase hex digits",
		                    STORE_BOOKING_HASH_LEN);
	rc = query_booking(s,
	                   store_sql_prepare(s,
	                                     "SELECT " BOOKING_COLUMNS " FROM booking WHERE "
	                                     "id_hash = ? AND day = ? ORDER BY state = "
	                                     "'booked' DESC, CASE WHEN state = 'booked' THEN "
	                                     "slot_minute ELSE -slot_minute END, id DESC LIMIT 1",
	                                     "SI", id_hash, (int64_t)day),
	                   out, err);
	if (rc == SQ_ERR_NOTFOUND)
		return refuse(why, BOOKING_UNKNOWN, err, "ID card");
	return rc;
}

int
store_booking_find_by_id_hash(struct store *s, const char *id_hash, int day,
                              struct store_booking *out, enum booking_refusal *why,
                              struct sq_error *err)
{
	return find_hash(s, id_hash, day, out, why, err);
}

/* Move b to state at now_ms (the note is kept), log kind on day. */
static int
set_state(struct store *s, struct store_booking *b, enum store_booking_state state,
          enum ticket_event kind, int day, int64_t now_ms, struct sq_error *err)
{
	int rc;

	b->state = state;
	b->state_ms = now_ms;
	rc = store_sql_run(
	    s,
	    store_sql_prepare(s,
	                      "UPDATE booking SET state = ?, state_ms = ?, ticket_id = ? WHERE "
	                      "id = ?",
	                      "SIzI", state_names[state], now_ms, b->ticket_id, b->id),
	    err, "updating a booking");
	return rc == SQ_OK ? log_booking(s, b, kind, day, now_ms, err) : rc;
}

int
store_booking_cancel(struct store *s, const char *code, struct store_booking *out,
                     enum booking_refusal *why, struct sq_error *err)
{
	struct store_booking b = {0};
	int64_t now_ms;
	int day, rc;

	answer(why, BOOKING_OK, SQ_OK);
	if ((rc = store_write_begin(s, &now_ms, &day, err)))
		return rc;
	/* Ending earlier days first makes a past booking a no-show, not cancellable. */
	rc = store_expire_before(s, day, now_ms, NULL, err);
	if (rc == SQ_OK)
		rc = find_code(s, code, &b, why, err);
	if (rc == SQ_OK && state_refusal[b.state] != BOOKING_OK)
		rc = refuse(why, state_refusal[b.state], err, b.code);
	if (rc == SQ_OK)
		rc = set_state(s, &b, STORE_BOOKING_CANCELLED, EVENT_BOOKING_CANCELLED, day, now_ms,
		               err);
	rc = store_sql_end(s, rc, err);
	if (rc == SQ_OK && out)
		*out = b;
	return rc;
}

/* Inside the write: judge the booking found and issue its ticket. */
static int
checkin_locked(struct store *s, const struct config *cfg, int day, int64_t now_ms,
               const char *token, struct store_booking_checkin *out, struct sq_error *err)
{
	struct store_booking *b = &out->booking;
	const struct config_service *svc = config_service_find(cfg, b->service);
	int rc;

	if (state_refusal[b->state] != BOOKING_OK)
		return refuse(&out->why, state_refusal[b->state], err, b->code);
	if (!svc)
		return sq_error_set(err, SQ_ERR_INVALID, "booking %s is for service %s, not in %s",
		                    b->code, b->service, cfg->path);
	out->slot_ms = slot_start_ms(b->day, b->slot_minute);
	if (b->day != day)
		return refuse(&out->why, BOOKING_OTHER_DAY, err, b->code);
	switch (booking_checkin_window(out->slot_ms, now_ms, &svc->booking)) {
	case BOOKING_WINDOW_EARLY:
		out->opens_ms = out->slot_ms - (int64_t)svc->booking.checkin_early_minutes * 60000;
		return refuse(&out->why, BOOKING_TOO_EARLY, err, b->code);
	case BOOKING_WINDOW_LATE:
		return refuse(&out->why, BOOKING_TOO_LATE, err, b->code);
	case BOOKING_WINDOW_OPEN:
		break;
	}
	if ((rc = store_issue_locked(s, svc, NULL, true, day, now_ms, token, &out->ticket, err)))
		return rc;
	b->ticket_id = out->ticket.id;
	return set_state(s, b, STORE_BOOKING_CHECKED_IN, EVENT_CHECKED_IN, day, now_ms, err);
}

int
store_booking_checkin(struct store *s, const struct config *cfg, const char *code,
                      const char *id_hash, struct store_booking_checkin *out, struct sq_error *err)
{
	char token[STORE_WEB_TOKEN_LEN + 1];
	int64_t now_ms;
	int day, rc;

	memset(out, 0, sizeof(*out));
	if (!code && (!id_hash || !hash_valid(id_hash)))
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "a check-in needs a booking code or an ID hash");
	/* Drawn before the lock is taken, as store_issue() does. */
	if ((rc = store_web_token_new(token, sizeof(token), err)) ||
	    (rc = store_write_begin(s, &now_ms, &day, err)))
		return rc;
	rc = store_expire_before(s, day, now_ms, NULL, err);
	if (rc == SQ_OK)
		rc = code ? find_code(s, code, &out->booking, &out->why, err)
		          : find_hash(s, id_hash, day, &out->booking, &out->why, err);
	if (rc == SQ_OK)
		rc = checkin_locked(s, cfg, day, now_ms, token, out, err);
	rc = store_sql_end(s, rc, err);
	if (rc != SQ_OK)
		memset(&out->ticket, 0, sizeof(out->ticket));
	return rc;
}

int
store_booking_end_days_before(struct store *s, int day, int64_t now_ms, int *n,
                              struct sq_error *err)
{
	struct store_booking list[64];
	const size_t round = sizeof(list) / sizeof(list[0]);
	size_t len;
	int count = 0, rc = SQ_OK;

	if (n)
		*n = 0;
	/*
	 * In rounds: updating rows while stepping the same table is not safe,
	 * and each round's rows leave the state the query looks for.
	 */
	do {
		sq_stmt *st =
		    store_sql_prepare(s,
		                      "SELECT " BOOKING_COLUMNS " FROM booking WHERE day < "
		                      "? AND state = 'booked' ORDER BY id LIMIT 64",
		                      "I", (int64_t)day);
		if (!st)
			return store_sql_fail(s, err, "finding bookings of earlier days");
		int step = SQ_DONE;
		len = 0;
		while (len < round && (step = store_sql_step(st)) == SQ_ROW)
			read_booking(st, &list[len++]);
		store_sql_done(s, st);
		if (len < round && step != SQ_DONE)
			return store_sql_fail(s, err, "finding bookings of earlier days");
		for (size_t i = 0; i < len && rc == SQ_OK; i++, count++)
			rc = set_state(s, &list[i], STORE_BOOKING_NO_SHOW, EVENT_BOOKING_NOSHOW,
			               list[i].day, now_ms, err);
	} while (rc == SQ_OK && len == round);
	/* The note was for the officer on the day: it goes when the day ends. */
	if (rc == SQ_OK)
		rc = store_sql_run(
		    s,
		    store_sql_prepare(s,
		                      "UPDATE booking SET note = NULL WHERE day < ? AND "
		                      "note IS NOT NULL",
		                      "I", (int64_t)day),
		    err, "clearing the notes of earlier days");
	if (rc == SQ_OK && n)
		*n = count;
	return rc;
}
