/* Tests of advance bookings in the log (store_booking.c) on a real database file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store_booking.h"
#include "test_office.h"
#include "thaitime.h"

#define MINUTE 60000

/*
 * t0 is Monday 23 Nov 2026 09:00. A books 30-minute slots mornings, 2 a
 * slot, up to 7 days ahead, check-in from 30 minutes before to 15 after;
 * C has 3 places a slot for the race; B takes no bookings.
 */
static const char *const test_config =
    "[office]\n"
    "name_th = สำนักงานทดสอบ\n"
    "name_en = Test Office\n"
    "database = queue.db\n"
    "[service A]\nname_th = เอ\nname_en = A\nhours = mon-fri 08:30-12:00\n"
    "booking_slot_minutes = 30\nbooking_per_slot = 2\nbooking_days_ahead = 7\n"
    "booking_checkin_early_minutes = 30\nbooking_checkin_late_minutes = 15\n"
    "[service B]\nname_th = บี\nname_en = B\nhours = daily 00:00-24:00\n"
    "[service C]\nname_th = ซี\nname_en = C\nhours = daily 08:00-16:00\n"
    "booking_slot_minutes = 60\nbooking_per_slot = 3\n"
    "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A, B, C\n";

#define TODAY    20261123
#define TOMORROW 20261124
#define SATURDAY 20261128
#define HASH     "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static int
setup(void **state)
{
	return test_office_setup(state, test_config);
}

/* Book and expect success. */
static struct store_booking
book(struct test_office *f, const char *service, int day, int minute, const char *hash,
     const char *note)
{
	struct store_booking b;
	enum booking_refusal why = BOOKING_SLOT_FULL;
	struct sq_error err = {0};
	int rc =
	    store_booking_make(f->store, f->cfg, service, day, minute, hash, note, &b, &why, &err);

	print_message("book %s %d %d: %s\n", service, day, minute, err.msg);
	assert_int_equal(rc, SQ_OK);
	assert_int_equal(why, BOOKING_OK);
	assert_int_equal(strlen(b.code), BOOKING_CODE_LEN);
	assert_int_equal(b.state, STORE_BOOKING_BOOKED);
	return b;
}

/* Book and expect the refusal want, with nothing written. */
static void
book_refused(struct test_office *f, const char *service, int day, int minute,
             enum booking_refusal want)
{
	struct store_booking b;
	enum booking_refusal why = BOOKING_OK;
	int64_t rows = test_office_count(f, "SELECT count(*) FROM booking");
	int64_t events = test_office_count(f, "SELECT count(*) FROM event");

	assert_int_equal(
	    store_booking_make(f->store, f->cfg, service, day, minute, NULL, NULL, &b, &why, NULL),
	    SQ_ERR_STATE);
	assert_int_equal(why, want);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM booking"), rows);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event"), events);
}

static void
test_store_booking_slots_count_places(void **state)
{
	struct test_office *f = *state;
	struct store_booking_slot slots[BOOKING_MAX_SLOTS];
	size_t n;

	assert_int_equal(store_booking_slots(f->store, f->cfg, "A", TOMORROW, slots,
	                                     BOOKING_MAX_SLOTS, &n, NULL),
	                 SQ_OK);
	assert_int_equal(n, (12 * 60 - (8 * 60 + 30)) / 30);
	book(f, "A", TOMORROW, 9 * 60, NULL, NULL);
	book(f, "A", TOMORROW, 9 * 60, NULL, NULL);
	struct store_booking c = book(f, "A", TOMORROW, 10 * 60, NULL, NULL);
	assert_int_equal(store_booking_cancel(f->store, c.code, NULL, NULL, NULL), SQ_OK);
	assert_int_equal(store_booking_slots(f->store, f->cfg, "A", TOMORROW, slots,
	                                     BOOKING_MAX_SLOTS, &n, NULL),
	                 SQ_OK);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(slots[i].capacity, 2);
		/* Two at 09:00 fill it; the cancelled one at 10:00 holds no place. */
		assert_int_equal(slots[i].taken, slots[i].minute == 9 * 60 ? 2 : 0);
		assert_int_equal(slots[i].open, slots[i].minute != 9 * 60);
	}
	/* Today's slots that have begun are shown, closed. */
	assert_int_equal(
	    store_booking_slots(f->store, f->cfg, "A", TODAY, slots, BOOKING_MAX_SLOTS, &n, NULL),
	    SQ_OK);
	assert_false(slots[0].open); /* 08:30 */
	assert_false(slots[1].open); /* 09:00, now */
	assert_true(slots[2].open);  /* 09:30 */
	assert_int_equal(
	    store_booking_slots(f->store, f->cfg, "B", TODAY, slots, BOOKING_MAX_SLOTS, &n, NULL),
	    SQ_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_booking_slots(f->store, f->cfg, "A", 20261131, slots,
	                                     BOOKING_MAX_SLOTS, &n, NULL),
	                 SQ_ERR_INVALID);
}

static void
test_store_booking_refusals(void **state)
{
	struct test_office *f = *state;

	book_refused(f, "B", TOMORROW, 9 * 60, BOOKING_NOT_BOOKABLE);
	book_refused(f, "A", SATURDAY, 9 * 60, BOOKING_DAY_CLOSED);
	book_refused(f, "A", TOMORROW, 9 * 60 + 15, BOOKING_NOT_A_SLOT);
	book_refused(f, "A", TOMORROW, 12 * 60, BOOKING_NOT_A_SLOT);
	book_refused(f, "A", TODAY, 8 * 60 + 30, BOOKING_PAST); /* began at 08:30 */
	book_refused(f, "A", TODAY, 9 * 60, BOOKING_PAST);      /* begins now */
	book_refused(f, "A", 20261120, 9 * 60, BOOKING_PAST);
	book(f, "A", 20261130, 9 * 60, NULL, NULL); /* 7 days ahead */
	book_refused(f, "A", 20261201, 9 * 60, BOOKING_TOO_FAR);
	book(f, "A", TODAY, 9 * 60 + 30, NULL, NULL);
	book(f, "A", TODAY, 9 * 60 + 30, NULL, NULL);
	book_refused(f, "A", TODAY, 9 * 60 + 30, BOOKING_SLOT_FULL);
	/* Bad arguments are not refusals: nothing written either. */
	struct store_booking b;
	enum booking_refusal why = BOOKING_SLOT_FULL;
	assert_int_equal(
	    store_booking_make(f->store, f->cfg, "Z", TOMORROW, 9 * 60, NULL, NULL, &b, &why, NULL),
	    SQ_ERR_INVALID);
	assert_int_equal(why, BOOKING_OK);
	assert_int_equal(store_booking_make(f->store, f->cfg, "A", TOMORROW, 9 * 60,
	                                    "3100600123456", NULL, &b, &why, NULL),
	                 SQ_ERR_INVALID);
	assert_int_equal(store_booking_make(f->store, f->cfg, "A", TOMORROW, 9 * 60, NULL,
	                                    "\xff\xfe", &b, &why, NULL),
	                 SQ_ERR_INVALID);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM booking"), 3);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'booked'"),
	                 3);
}

static void
test_store_booking_find_and_cancel(void **state)
{
	struct test_office *f = *state;
	struct store_booking b = book(f, "A", TOMORROW, 9 * 60, HASH, "ต่ออายุ / renewal"), got;
	enum booking_refusal why;
	char typed[16];

	/* Found as typed: lower case, with a dash. */
	snprintf(typed, sizeof(typed), "%.3s-%s", b.code, b.code + 3);
	for (char *p = typed; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	assert_int_equal(store_booking_find(f->store, typed, &got, &why, NULL), SQ_OK);
	assert_int_equal(got.id, b.id);
	assert_string_equal(got.note, "ต่ออายุ / renewal");
	assert_string_equal(got.id_hash, HASH);
	assert_int_equal(store_booking_find_by_id_hash(f->store, HASH, TOMORROW, &got, &why, NULL),
	                 SQ_OK);
	assert_int_equal(got.id, b.id);
	assert_int_equal(store_booking_find_by_id_hash(f->store, HASH, TODAY, &got, &why, NULL),
	                 SQ_ERR_NOTFOUND);
	assert_int_equal(why, BOOKING_UNKNOWN);
	assert_int_equal(store_booking_find(f->store, "ZZZZZZ", &got, &why, NULL), SQ_ERR_NOTFOUND);
	assert_int_equal(why, BOOKING_UNKNOWN);
	/* Cancelled once; the second time says so and writes nothing. */
	f->now_ms = f->t0 + MINUTE;
	assert_int_equal(store_booking_cancel(f->store, b.code, &got, &why, NULL), SQ_OK);
	assert_int_equal(got.state, STORE_BOOKING_CANCELLED);
	assert_int_equal(store_booking_cancel(f->store, b.code, &got, &why, NULL), SQ_ERR_STATE);
	assert_int_equal(why, BOOKING_CANCELLED);
	assert_int_equal(
	    test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'cancelled' AND "
	                         "detail = 'booking ' || (SELECT id FROM booking)"),
	    1);
}

static void
test_store_booking_checkin(void **state)
{
	struct test_office *f = *state;
	struct store_booking b = book(f, "A", TODAY, 10 * 60, NULL, NULL);
	struct store_booking_checkin ci;
	struct sq_error err = {0};

	/* 09:00: the window opens at 09:30. */
	assert_int_equal(store_booking_checkin(f->store, f->cfg, b.code, NULL, &ci, &err),
	                 SQ_ERR_STATE);
	assert_int_equal(ci.why, BOOKING_TOO_EARLY);
	assert_int_equal(ci.opens_ms, thaitime_utc_ms(2026, 11, 23, 9, 30));
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM ticket"), 0);
	/* 09:30 sharp: a ticket of class booking, in the same transaction. */
	f->now_ms = thaitime_utc_ms(2026, 11, 23, 9, 30);
	assert_int_equal(store_booking_checkin(f->store, f->cfg, b.code, NULL, &ci, &err), SQ_OK);
	assert_int_equal(ci.why, BOOKING_OK);
	assert_true(ci.ticket.booked);
	assert_string_equal(ci.ticket.service, "A");
	assert_int_equal(ci.ticket.state, TICKET_WAITING);
	assert_int_equal(ci.booking.state, STORE_BOOKING_CHECKED_IN);
	assert_int_equal(ci.booking.ticket_id, ci.ticket.id);
	assert_int_equal(test_office_count(f, "SELECT booked FROM ticket"), 1);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event e JOIN booking b ON "
	                                      "b.ticket_id = e.ticket_id WHERE e.kind = "
	                                      "'checked_in' AND b.state = 'checked_in'"),
	                 1);
	/* Used once only. */
	assert_int_equal(store_booking_checkin(f->store, f->cfg, b.code, NULL, &ci, &err),
	                 SQ_ERR_STATE);
	assert_int_equal(ci.why, BOOKING_USED);
	/* Unknown, or not a code at all. */
	assert_int_equal(store_booking_checkin(f->store, f->cfg, "ZZZZZZ", NULL, &ci, &err),
	                 SQ_ERR_NOTFOUND);
	assert_int_equal(ci.why, BOOKING_UNKNOWN);
	assert_int_equal(store_booking_checkin(f->store, f->cfg, "hello", NULL, &ci, &err),
	                 SQ_ERR_NOTFOUND);
	assert_int_equal(ci.why, BOOKING_UNKNOWN);
	/* Another day's booking, and a cancelled one. */
	struct store_booking later = book(f, "A", TOMORROW, 10 * 60, NULL, NULL);
	assert_int_equal(store_booking_checkin(f->store, f->cfg, later.code, NULL, &ci, &err),
	                 SQ_ERR_STATE);
	assert_int_equal(ci.why, BOOKING_OTHER_DAY);
	assert_int_equal(store_booking_cancel(f->store, later.code, NULL, NULL, NULL), SQ_OK);
	assert_int_equal(store_booking_checkin(f->store, f->cfg, later.code, NULL, &ci, &err),
	                 SQ_ERR_STATE);
	assert_int_equal(ci.why, BOOKING_CANCELLED);
	/* 10:30 slot, at 10:46: one minute past the late end. */
	struct store_booking late = book(f, "A", TODAY, 10 * 60 + 30, HASH, NULL);
	f->now_ms = thaitime_utc_ms(2026, 11, 23, 10, 46);
	assert_int_equal(store_booking_checkin(f->store, f->cfg, NULL, HASH, &ci, &err),
	                 SQ_ERR_STATE);
	assert_int_equal(ci.why, BOOKING_TOO_LATE);
	assert_int_equal(ci.booking.id, late.id);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM ticket"), 1);
}

static void
test_store_booking_checkin_by_id_hash(void **state)
{
	struct test_office *f = *state;
	struct store_booking b = book(f, "A", TODAY, 9 * 60 + 30, HASH, NULL);
	struct store_booking_checkin ci;

	book(f, "A", TODAY, 11 * 60, HASH, NULL);
	/* The earliest booked slot of the day is the one checked in. */
	assert_int_equal(store_booking_checkin(f->store, f->cfg, NULL, HASH, &ci, NULL), SQ_OK);
	assert_int_equal(ci.booking.id, b.id);
	assert_true(ci.ticket.booked);
	/* Nobody's hash, and a malformed one. */
	assert_int_equal(
	    store_booking_checkin(f->store, f->cfg, NULL,
	                          "ffffffffffffffffffffffffffffffffffffffffffffffffffff"
	                          "ffffffffffff",
	                          &ci, NULL),
	    SQ_ERR_NOTFOUND);
	assert_int_equal(ci.why, BOOKING_UNKNOWN);
	assert_int_equal(store_booking_checkin(f->store, f->cfg, NULL, "1234", &ci, NULL),
	                 SQ_ERR_INVALID);
}

static void
test_store_booking_noshow_at_day_end(void **state)
{
	struct test_office *f = *state;
	struct store_booking b = book(f, "A", TODAY, 11 * 60, NULL, "เอกสารครบ");
	struct store_booking kept = book(f, "A", TOMORROW, 11 * 60, NULL, "tomorrow");
	struct store_booking got;
	struct store_ticket t;
	enum booking_refusal why;

	/* The first write of the next day ends the day: a no-show, the note gone. */
	f->now_ms = f->t0 + 24 * 60 * MINUTE;
	assert_int_equal(store_issue(f->store, f->cfg, "B", NULL, &t, NULL), SQ_OK);
	assert_int_equal(store_booking_find(f->store, b.code, &got, &why, NULL), SQ_OK);
	assert_int_equal(got.state, STORE_BOOKING_NO_SHOW);
	assert_string_equal(got.note, "");
	assert_int_equal(store_booking_find(f->store, kept.code, &got, &why, NULL), SQ_OK);
	assert_int_equal(got.state, STORE_BOOKING_BOOKED);
	assert_string_equal(got.note, "tomorrow");
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = "
	                                      "'booking_noshow' AND day = 20261123"),
	                 1);
	assert_int_equal(store_booking_cancel(f->store, b.code, NULL, &why, NULL), SQ_ERR_STATE);
	assert_int_equal(why, BOOKING_NO_SHOW);
}

/* Check in a booking now and return its ticket's code. */
static void
check_in(struct test_office *f, const struct store_booking *b, char *code, size_t n)
{
	struct store_booking_checkin ci;

	assert_int_equal(store_booking_checkin(f->store, f->cfg, b->code, NULL, &ci, NULL), SQ_OK);
	snprintf(code, n, "%s", ci.ticket.code);
}

/* Counter 1 calls next: the code and the rule logged. */
static void
expect_next(struct test_office *f, const char *code, enum queue_rule rule)
{
	struct store_call call;

	f->now_ms += MINUTE;
	assert_int_equal(store_call_next(f->store, f->cfg, 1, &call, NULL), SQ_OK);
	print_message("next: want %s (%s), got %s (%s)\n", code, queue_rule_name(rule),
	              call.ticket.code, queue_rule_name(call.rule));
	assert_string_equal(call.ticket.code, code);
	assert_int_equal(call.rule, rule);
}

/* Checked-in bookings go ahead of older walk-ins, booking_cap in a row at most. */
static void
test_store_booking_called_ahead_with_cap(void **state)
{
	struct test_office *f = *state;
	struct store_booking b[3];
	struct store_ticket w1, w2;
	char code[3][16];

	b[0] = book(f, "A", TODAY, 9 * 60 + 30, NULL, NULL);
	b[1] = book(f, "A", TODAY, 9 * 60 + 30, NULL, NULL);
	b[2] = book(f, "A", TODAY, 10 * 60, NULL, NULL);
	assert_int_equal(store_counter_status_event(f->store, f->cfg, 1, EVENT_LOGIN, "t", NULL),
	                 SQ_OK);
	assert_int_equal(store_issue(f->store, f->cfg, "A", NULL, &w1, NULL), SQ_OK);
	assert_int_equal(store_issue(f->store, f->cfg, "A", NULL, &w2, NULL), SQ_OK);
	f->now_ms = thaitime_utc_ms(2026, 11, 23, 9, 30);
	for (int i = 0; i < 3; i++)
		check_in(f, &b[i], code[i], sizeof(code[i]));
	assert_int_equal(f->cfg->booking_cap, 2);
	expect_next(f, code[0], QUEUE_RULE_BOOKING);
	expect_next(f, code[1], QUEUE_RULE_BOOKING);
	expect_next(f, w1.code, QUEUE_RULE_BOOKING_CAP);
	expect_next(f, code[2], QUEUE_RULE_BOOKING);
	expect_next(f, w2.code, QUEUE_RULE_OLDEST);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE rule = 'booking'"),
	                 3);
}

/*
 * A log of schema version 4 (before bookings and the hash chain) is brought
 * to the current version on open: its tickets become walk-ins, its counters' booking
 * streaks 0, and bookings work.
 */
static void
test_store_booking_migrates_version_4(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t;
	struct store_booking_checkin ci;

	TEST_SQLITE_ONLY("a SQLite log of version 4 is migrated; a PostgreSQL log starts at the "
	                 "current version");
	assert_int_equal(store_issue(f->store, f->cfg, "A", NULL, &t, NULL), SQ_OK);
	assert_int_equal(store_counter_status_event(f->store, f->cfg, 1, EVENT_LOGIN, "t", NULL),
	                 SQ_OK);
	store_close(f->store);
	f->store = NULL;
	assert_int_equal(
	    test_office_exec(f,
	                     "DROP INDEX ticket_booked_queue; DROP INDEX ticket_priority_queue; "
	                     "DROP TABLE booking; ALTER TABLE ticket DROP COLUMN booked; "
	                     "ALTER TABLE counter_state DROP COLUMN booking_streak; "
	                     "DROP TRIGGER event_hash_required; DROP TRIGGER event_no_update; "
	                     "ALTER TABLE event DROP COLUMN hash; "
	                     "CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN "
	                     "SELECT RAISE(ABORT, 'the event log is append-only'); END; "
	                     "PRAGMA user_version = 4",
	                     NULL),
	    SQLITE_OK);
	assert_int_equal(store_open(f->cfg->database, &f->store, NULL), SQ_OK);
	store_set_clock(f->store, test_office_clock, f);
	assert_int_equal(test_office_count(f, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM ticket WHERE booked = 0"), 1);
	assert_int_equal(test_office_count(f, "SELECT booking_streak FROM counter_state"), 0);
	struct store_booking b = book(f, "A", TODAY, 9 * 60 + 30, NULL, NULL);
	assert_int_equal(store_booking_checkin(f->store, f->cfg, b.code, NULL, &ci, NULL), SQ_OK);
	assert_true(ci.ticket.booked);
}

#define RACERS 12

/* One process books C's 10:00 slot tomorrow: 0 booked, 2 refused full, 1 anything else. */
static int
race_one(struct test_office *f)
{
	struct store *s;
	struct store_booking b;
	enum booking_refusal why = BOOKING_OK;
	int rc;

	if (store_open(f->cfg->database, &s, NULL) != SQ_OK)
		return 1;
	store_set_clock(s, test_office_clock, f);
	rc = store_booking_make(s, f->cfg, "C", TOMORROW, 10 * 60, NULL, NULL, &b, &why, NULL);
	store_close(s);
	return rc == SQ_OK ? 0 : rc == SQ_ERR_STATE && why == BOOKING_SLOT_FULL ? 2 : 1;
}

/* Many processes book the last places of one slot at once: exactly the capacity wins. */
static void
test_store_booking_capacity_race(void **state)
{
	struct test_office *f = *state;
	const struct config_service *svc = config_service_find(f->cfg, "C");
	pid_t pids[RACERS];
	int won = 0, full = 0;

	book(f, "C", TOMORROW, 10 * 60, NULL, NULL); /* one place gone before the race */
	for (int i = 0; i < RACERS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(race_one(f));
	}
	for (int i = 0; i < RACERS; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		won += WEXITSTATUS(status) == 0;
		full += WEXITSTATUS(status) == 2;
	}
	assert_int_equal(won, svc->booking.per_slot - 1);
	assert_int_equal(full, RACERS - won);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM booking WHERE service = 'C'"),
	                 svc->booking.per_slot);
	assert_int_equal(test_office_count(f, "SELECT count(DISTINCT code) FROM booking"),
	                 svc->booking.per_slot);
}

#define STORE_TEST(name) cmocka_unit_test_setup_teardown(name, setup, test_office_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    STORE_TEST(test_store_booking_slots_count_places),
	    STORE_TEST(test_store_booking_refusals),
	    STORE_TEST(test_store_booking_find_and_cancel),
	    STORE_TEST(test_store_booking_checkin),
	    STORE_TEST(test_store_booking_checkin_by_id_hash),
	    STORE_TEST(test_store_booking_noshow_at_day_end),
	    STORE_TEST(test_store_booking_capacity_race),
	    STORE_TEST(test_store_booking_called_ahead_with_cap),
	    STORE_TEST(test_store_booking_migrates_version_4),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
