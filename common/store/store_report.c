#include "store_report.h"

#include <stddef.h>
#include <string.h>

#include "store_private.h"

/* Converts the current row of a statement and hands it to the caller's callback. */
typedef int (*row_reader)(sq_stmt *st, void *arg, struct sq_error *err);

/* Step st to its end, reading each row with read; release st. */
static int
each_row(struct store *s, sq_stmt *st, row_reader read, void *arg, struct sq_error *err,
         const char *what)
{
	int rc = SQ_OK, step = SQ_DONE;

	if (!st)
		return store_sql_fail(s, err, what);
	while (rc == SQ_OK && (step = store_sql_step(st)) == SQ_ROW)
		rc = read(st, arg, err);
	if (rc == SQ_OK && step != SQ_DONE)
		rc = store_sql_fail(s, err, what);
	store_sql_done(s, st);
	return rc;
}

int
store_report_begin(struct store *s, struct sq_error *err)
{
	return store_sql_begin_read(s, err);
}

void
store_report_end(struct store *s)
{
	/* Read-only: ending it cannot lose anything, so a failure changes no figure. */
	store_sql_end(s, SQ_OK, NULL);
}

struct ticket_cb {
	int (*fn)(void *ctx, const struct store_report_ticket *row, struct sq_error *err);
	void *ctx;
};

static int
read_ticket(sq_stmt *st, void *arg, struct sq_error *err)
{
	const struct ticket_cb *cb = arg;
	struct store_report_ticket row = {
	    .prefix = store_sql_col_text(st, 0),
	    .priority = store_sql_col_text(st, 1),
	    .issued_ms = store_sql_col_int(st, 2),
	    .called = !store_sql_col_null(st, 3),
	    .called_ms = store_sql_col_int(st, 3),
	    .state = store_sql_col_text(st, 4),
	    .day = (int)store_sql_col_int(st, 5),
	    .state_ms = store_sql_col_int(st, 6),
	    .last_call_ms = store_sql_col_int(st, 7),
	    .service = store_sql_col_text(st, 8),
	    .booked = store_sql_col_int(st, 9) != 0,
	};

	return cb->fn(cb->ctx, &row, err);
}

int
store_report_tickets(struct store *s, int first_day, int last_day,
                     int (*fn)(void *ctx, const struct store_report_ticket *row,
                               struct sq_error *err),
                     void *ctx, struct sq_error *err)
{
	struct ticket_cb cb = {fn, ctx};

	return each_row(
	    s,
	    store_sql_prepare(
	        s,
	        "SELECT prefix, priority, issued_ms, called_ms, state, day, state_ms, "
	        "CASE WHEN called_ms IS NULL AND state IN ('expired', 'voided') THEN "
	        "(SELECT max(e.at_ms) FROM event e WHERE e.kind = 'called' AND "
	        "e.day = ticket.day) END, service, booked FROM ticket WHERE day BETWEEN ?1 AND ?2",
	        "II", (int64_t)first_day, (int64_t)last_day),
	    read_ticket, &cb, err, "reading tickets");
}

struct finish_cb {
	int (*fn)(void *ctx, const struct store_report_finish *row, struct sq_error *err);
	void *ctx;
};

static int
read_finish(sq_stmt *st, void *arg, struct sq_error *err)
{
	const struct finish_cb *cb = arg;
	struct store_report_finish row = {
	    .at_ms = store_sql_col_int(st, 0),
	    .service = store_sql_col_text(st, 1),
	    .prefix = store_sql_col_text(st, 2),
	    .issued_ms = store_sql_col_int(st, 3),
	    .has_begin = !store_sql_col_null(st, 4),
	    .begin_ms = store_sql_col_int(st, 4),
	};

	return cb->fn(cb->ctx, &row, err);
}

int
store_report_finishes(struct store *s, int first_day, int last_day,
                      int (*fn)(void *ctx, const struct store_report_finish *row,
                                struct sq_error *err),
                      void *ctx, struct sq_error *err)
{
	struct finish_cb cb = {fn, ctx};

	return each_row(
	    s,
	    store_sql_prepare(
	        s,
	        "SELECT f.at_ms, f.service, t.prefix, t.issued_ms, (SELECT max(e.at_ms) FROM "
	        "event e WHERE e.ticket_id = f.ticket_id AND e.kind IN ('called', 'started') AND "
	        "e.id < f.id) FROM event f JOIN ticket t ON t.id = f.ticket_id "
	        "WHERE f.day BETWEEN ?1 AND ?2 AND f.kind = 'finished'",
	        "II", (int64_t)first_day, (int64_t)last_day),
	    read_finish, &cb, err, "reading finished tickets");
}

struct hour_cb {
	int (*fn)(void *ctx, int64_t hour_ms, struct sq_error *err);
	void *ctx;
};

static int
read_call_hour(sq_stmt *st, void *arg, struct sq_error *err)
{
	const struct hour_cb *cb = arg;

	return cb->fn(cb->ctx, store_sql_col_int(st, 1) * 3600000, err);
}

int
store_report_call_hours(struct store *s, int first_day, int last_day,
                        int (*fn)(void *ctx, int64_t hour_ms, struct sq_error *err), void *ctx,
                        struct sq_error *err)
{
	struct hour_cb cb = {fn, ctx};

	return each_row(
	    s,
	    store_sql_prepare(s,
	                      "SELECT DISTINCT day, at_ms / 3600000, counter FROM event "
	                      "WHERE day BETWEEN ?1 AND ?2 AND kind = 'called'",
	                      "II", (int64_t)first_day, (int64_t)last_day),
	    read_call_hour, &cb, err, "reading calls");
}

struct rating_cb {
	int (*fn)(void *ctx, const struct store_report_rating *row, struct sq_error *err);
	void *ctx;
};

static int
read_rating(sq_stmt *st, void *arg, struct sq_error *err)
{
	const struct rating_cb *cb = arg;
	struct store_report_rating row = {
	    .free_standing = (int)store_sql_col_int(st, 0),
	    .service = store_sql_col_text(st, 1),
	    .counter = (int)store_sql_col_int(st, 2),
	    .officer = store_sql_col_text(st, 3),
	    .score = (int)store_sql_col_int(st, 4),
	    .reason = store_sql_col_text(st, 5),
	    .count = store_sql_col_int(st, 6),
	    .phone = (int)store_sql_col_int(st, 7),
	};

	return cb->fn(cb->ctx, &row, err);
}

int
store_report_ratings(struct store *s, int first_day, int last_day,
                     int (*fn)(void *ctx, const struct store_report_rating *row,
                               struct sq_error *err),
                     void *ctx, struct sq_error *err)
{
	struct rating_cb cb = {fn, ctx};

	return each_row(
	    s,
	    store_sql_prepare(
	        s,
	        "SELECT ticket_id IS NULL, coalesce(service, ''), coalesce(counter, 0), "
	        "coalesce(officer, ''), score, coalesce(reason, ''), count(*), "
	        "CASE WHEN detail = 'web' THEN 1 ELSE 0 END FROM event WHERE day BETWEEN ?1 AND ?2 "
	        "AND "
	        "kind = 'rated' GROUP BY 1, 2, 3, 4, 5, 6, 8",
	        "II", (int64_t)first_day, (int64_t)last_day),
	    read_rating, &cb, err, "reading ratings");
}

static int
read_score_count(sq_stmt *st, void *arg, struct sq_error *err)
{
	int64_t *counts = arg;
	int score = (int)store_sql_col_int(st, 0);

	(void)err;
	if (score >= 1 && score <= 5)
		counts[score - 1] += store_sql_col_int(st, 1);
	return SQ_OK;
}

int
store_report_score_counts(struct store *s, int first_day, int last_day, int64_t counts[5],
                          struct sq_error *err)
{
	return each_row(s,
	                store_sql_prepare(s,
	                                  "SELECT score, count(*) FROM event WHERE day BETWEEN ?1 "
	                                  "AND ?2 AND kind = 'rated' GROUP BY score",
	                                  "II", (int64_t)first_day, (int64_t)last_day),
	                read_score_count, counts, err, "reading the year's ratings");
}

struct handling_cb {
	int (*fn)(void *ctx, const struct store_report_handling *row, struct sq_error *err);
	void *ctx;
};

static int
read_handling(sq_stmt *st, void *arg, struct sq_error *err)
{
	const struct handling_cb *cb = arg;
	struct store_report_handling row = {
	    .kind = store_sql_col_text(st, 0),
	    .service = store_sql_col_text(st, 1),
	    .rule = store_sql_col_text(st, 2),
	    .from = store_sql_col_text(st, 3),
	    .count = store_sql_col_int(st, 4),
	};

	return cb->fn(cb->ctx, &row, err);
}

int
store_report_handling(struct store *s, int first_day, int last_day,
                      int (*fn)(void *ctx, const struct store_report_handling *row,
                                struct sq_error *err),
                      void *ctx, struct sq_error *err)
{
	struct handling_cb cb = {fn, ctx};

	/* A transfer's detail is "from X", as store_counter_ticket_event() writes it. */
	return each_row(
	    s,
	    store_sql_prepare(
	        s,
	        "SELECT kind, coalesce(service, ''), CASE WHEN kind = 'called' THEN "
	        "coalesce(rule, '') ELSE '' END, CASE WHEN kind = 'transferred' AND detail LIKE "
	        "'from %' THEN substr(detail, 6) ELSE '' END, count(*) FROM event WHERE day "
	        "BETWEEN ?1 AND ?2 AND kind IN ('called', 'recalled', 'parked', 'transferred') "
	        "GROUP BY 1, 2, 3, 4",
	        "II", (int64_t)first_day, (int64_t)last_day),
	    read_handling, &cb, err, "reading calls, recalls, parks and transfers");
}

int
store_report_log_start(struct store *s, int *day, struct sq_error *err)
{
	int64_t first = 0;
	/* The first row by id is the log's start: no index on day is needed. */
	int rc =
	    store_sql_int(s, store_sql_prepare(s, "SELECT day FROM event ORDER BY id LIMIT 1", ""),
	                  &first, err, "finding where the log starts");

	*day = (int)first;
	return rc;
}

int
store_report_log_hash(struct store *s, int last_day, char hex[EVENT_HASH_HEX_SIZE],
                      struct sq_error *err)
{
	/* Days never go back in id order: the newest row of the day or before is the last. */
	sq_stmt *st =
	    store_sql_prepare(s, "SELECT hash FROM event WHERE day <= ? ORDER BY id DESC LIMIT 1",
	                      "I", (int64_t)last_day);
	int rc;

	hex[0] = '\0';
	if (!st)
		return store_sql_fail(s, err, "reading the log's hash");
	rc = store_sql_step(st);
	if (rc == SQ_ROW)
		store_copy_text(hex, EVENT_HASH_HEX_SIZE, store_sql_col_text(st, 0));
	store_sql_done(s, st);
	if (rc != SQ_ROW && rc != SQ_DONE)
		return store_sql_fail(s, err, "reading the log's hash");
	return SQ_OK;
}

struct contact_cb {
	int (*fn)(void *ctx, const struct store_report_contact *row, struct sq_error *err);
	void *ctx;
};

static int
read_contact(sq_stmt *st, void *arg, struct sq_error *err)
{
	const struct contact_cb *cb = arg;
	struct store_report_contact row = {
	    .outcome = store_sql_col_text(st, 0),
	    .service = store_sql_col_text(st, 1),
	    .count = store_sql_col_int(st, 2),
	};

	return cb->fn(cb->ctx, &row, err);
}

int
store_report_contacts(struct store *s, int first_day, int last_day,
                      int (*fn)(void *ctx, const struct store_report_contact *row,
                                struct sq_error *err),
                      void *ctx, struct sq_error *err)
{
	struct contact_cb cb = {fn, ctx};

	return each_row(s,
	                store_sql_prepare(s,
	                                  "SELECT coalesce(reason, ''), coalesce(service, ''), "
	                                  "count(*) FROM event WHERE day BETWEEN ?1 AND ?2 AND "
	                                  "kind = 'first_contact' GROUP BY 1, 2 ORDER BY 1",
	                                  "II", (int64_t)first_day, (int64_t)last_day),
	                read_contact, &cb, err, "reading first contacts");
}

/* One kind of booking event counted into the field of struct store_report_bookings. */
static int
read_booking_kind(sq_stmt *st, void *arg, struct sq_error *err)
{
	static const struct {
		enum ticket_event kind;
		size_t offset;
	} kinds[] = {
	    {EVENT_BOOKED, offsetof(struct store_report_bookings, made)},
	    {EVENT_BOOKING_CANCELLED, offsetof(struct store_report_bookings, cancelled)},
	    {EVENT_CHECKED_IN, offsetof(struct store_report_bookings, checked_in)},
	    {EVENT_BOOKING_NOSHOW, offsetof(struct store_report_bookings, no_show)},
	};
	const char *kind = store_sql_col_text(st, 0);

	(void)err;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, queue_event_name(kinds[i].kind)) == 0)
			*(int64_t *)((char *)arg + kinds[i].offset) = store_sql_col_int(st, 1);
	return SQ_OK;
}

int
store_report_bookings(struct store *s, int first_day, int last_day,
                      struct store_report_bookings *out, struct sq_error *err)
{
	memset(out, 0, sizeof(*out));
	return each_row(s,
	                store_sql_prepare(s,
	                                  "SELECT kind, count(*) FROM event WHERE day BETWEEN ?1 "
	                                  "AND ?2 AND kind IN ('booked', 'cancelled', "
	                                  "'checked_in', 'booking_noshow') GROUP BY kind",
	                                  "II", (int64_t)first_day, (int64_t)last_day),
	                read_booking_kind, out, err, "reading bookings");
}
