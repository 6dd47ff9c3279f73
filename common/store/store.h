/*
 * store.h - the log every process shares: a SQLite file on this PC, or a
 * PostgreSQL database on a server the office's PCs share (a database
 * setting "postgresql://...", "postgres://..." or "service=NAME"); every
 * function below behaves the same on both (store_engine.h says how).
 * PostgreSQL's schema and its differences (advisory write lock, NOTIFY,
 * reconnecting) are described in common/store/store_open.c and store_pg.c.
 *
 * One database file in WAL mode; each process opens its own connection with
 * store_open() and closes it with store_close(). Writes that decide something
 * (issue a number, claim a ticket) run in one BEGIN IMMEDIATE transaction, so
 * two kiosks never hand out the same number and two counters never get the
 * same ticket. Commits are durable (synchronous=FULL: an fsync per commit)
 * before a function returns, so a number that is printed or shown survives a
 * power cut. A lock held by another process is waited out for up to
 * STORE_BUSY_TIMEOUT_MS with short sleeps; past that the call fails with
 * SQ_ERR_BUSY and nothing is written.
 *
 * Schema (PRAGMA user_version 6, application_id 'SQDQ'; ratings: see the end):
 *   event(id, ticket_id, at_ms, kind, day, service, counter, officer, rule,
 *         reason, score, detail, hash)
 *       the append-only log: triggers refuse UPDATE and DELETE. at_ms is UTC
 *       milliseconds; day is the local service day YYYYMMDD; kind is a
 *       queue_event_name(); rule (for calls) a queue_rule_name(); score 1..5
 *       for ratings. Corrections are new events, never edits. hash (schema
 *       version 6; a trigger refuses a row without one) chains each row to
 *       the one before (event_hash.h), so that store_verify_log() finds a
 *       row edited or removed behind the triggers' back.
 *   ticket(id, day, prefix, number, code, service, priority, issued_ms,
 *          state, state_ms, counter, officer, called_ms, token)
 *       current state of each ticket, kept beside the log in the same
 *       transaction. id is unique forever (AUTOINCREMENT); (day, prefix,
 *       number) is unique, the code restarts each local day. token (schema
 *       version 3) is the random key of its web page, unique, NULL before.
 *   counter_state(counter, officer, status, reason, since_ms,
 *                 priority_streak, ticket_id, booking_streak)
 *       who is at each counter, open / break / closed, and its current ticket.
 *   meta(key, value)
 *       facts about the log itself: 'simulated_through', the id of the last
 *       event a simulation wrote (version 3; see store_sim_check).
 *   booking(id, code, service, day, slot_minute, state, made_ms, state_ms,
 *           id_hash, note, ticket_id), ticket.booked and
 *   counter_state.booking_streak (version 5):
 *       advance bookings, see store_booking.h; the streaks are queue.h's.
 *
 * A struct store is used by one thread at a time.
 */
#ifndef SADUAK_STORE_H
#define SADUAK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "event_hash.h"
#include "queue.h"

#define STORE_BUSY_TIMEOUT_MS 10000
#define STORE_SCHEMA_VERSION  7

struct store;
struct config_table;

struct store_ticket {
	int64_t id;
	char code[16];                /* "A012" */
	char service[4];              /* its service now (after any transfer) */
	char priority[CONFIG_ID_LEN]; /* priority class, "" for none */
	int day;                      /* service day, YYYYMMDD local */
	int number;
	int64_t issued_ms;
	enum ticket_state state;
	int64_t state_ms;            /* when it entered its state */
	int counter;                 /* the counter holding it, 0 if none */
	char officer[CONFIG_ID_LEN]; /* "" if none */
	int64_t called_ms;           /* first call, 0 if never called */
	char token[24];              /* random token of its web page (store_web.h); "" if none */
	bool booked;                 /* class booking: issued at a booking's check-in */
};

enum counter_status {
	COUNTER_CLOSED, /* nobody logged in */
	COUNTER_OPEN,
	COUNTER_BREAK, /* on break or back-office work, with a reason */
};

struct store_counter {
	int counter;
	enum counter_status status;
	char officer[CONFIG_ID_LEN];
	char reason[128];
	int64_t since_ms;
	struct queue_streaks streaks; /* priority and booking streaks (queue.h) */
	bool has_ticket;
	struct store_ticket ticket; /* its current ticket when has_ticket */
};

/* What a call did: the ticket called, why, and the ticket it finished first. */
struct store_call {
	struct store_ticket ticket;
	enum queue_rule rule;
	bool finished_previous;
	struct store_ticket previous;
};

/* Today's service times of one service (store_service_times). */
struct store_service_times {
	int n;
	double mean_minutes;
	double sd_minutes;
};

/* A row of the recent calls, newest first, for the board. */
struct store_recent_call {
	int64_t event_id;
	int64_t at_ms;
	char code[16];
	char service[4];
	int counter;
	bool recall;
	/* The ticket as it is now, read with the call (board_serving.h). */
	enum ticket_state ticket_state;
	int ticket_counter; /* the counter holding it now, 0 for none */
	int64_t ticket_state_ms;
};

/*
 * Open (creating if needed) the database at path and bring its schema up to
 * date. Refuses a file that is not SQLite, a SQLite file of another program,
 * or a schema newer than this program knows (SQ_ERR_DB with a line naming
 * the file). On success the caller owns *out and closes it with
 * store_close(); on failure *out is NULL. A server's database (path a
 * PostgreSQL setting) is given its tables when empty; another program's or
 * a newer schema is refused the same way, and a server that cannot be
 * reached with SQ_ERR_DB "database = SETTING: database server unreachable:
 * WHY" (SETTING without its password).
 *
 * Any call of a store on a server whose role lacks a right the call needs
 * (SQLSTATE 42501) fails with SQ_ERR_DENIED, not SQ_ERR_DB: the connection
 * is fine, the admin must grant the right (saduak-counter db-init).
 */
int store_open(const char *path, struct store **out, struct sq_error *err);

/* Close the connection. NULL is a no-op. */
void store_close(struct store *s);

/*
 * Where the store reads the time (UTC milliseconds). Every write reads it
 * once, inside its transaction after the write lock is taken, so the log's
 * times never go back in id order and a lock waited for never backdates an
 * event. The default is the wall clock (clock_now_ms()).
 */
typedef int64_t (*store_clock_fn)(void *ctx);

/*
 * Make now(ctx) the clock of s: tests and the simulator run days of traffic
 * with times of their own. NULL restores the wall clock. ctx is not owned.
 */
void store_set_clock(struct store *s, store_clock_fn now, void *ctx);

/*
 * How long the calls of s wait for the log (a lock another program holds)
 * before failing with SQ_ERR_BUSY: ms, or STORE_BUSY_TIMEOUT_MS for 0. A
 * screen polls with a short wait so that a log out of reach shows within a
 * second, and waits the full time for an action.
 */
void store_set_wait(struct store *s, int ms);

/*
 * Run PRAGMA integrity_check. SQ_OK, or SQ_ERR_CORRUPT with the first
 * problem in err.
 */
int store_check_integrity(struct store *s, struct sq_error *err);

/*
 * Issue a ticket for service (a configured prefix) with an optional priority
 * class (NULL or "" for none), now. The number is the day's next for
 * that prefix. Durable on return. Fills *out. Fails with SQ_ERR_NOTFOUND for
 * an unknown service or class, SQ_ERR_BUSY, SQ_ERR_DB.
 */
int store_issue(struct store *s, const struct config *cfg, const char *service,
                const char *priority, struct store_ticket *out, struct sq_error *err);

/*
 * Counter `counter` calls its next ticket by the queue rules, finishing the
 * ticket it was serving first. SQ_ERR_EMPTY when nobody waits for it,
 * SQ_ERR_STATE when the counter is closed or on break.
 */
int store_call_next(struct store *s, const struct config *cfg, int counter, struct store_call *out,
                    struct sq_error *err);

/*
 * Counter `counter` calls today's waiting ticket `code` out of turn (rule
 * "manual"); reason is required and logged. A ticket parked less than
 * park_return_minutes ago, or a no-show, is refused (SQ_ERR_STATE):
 * store_reactivate() brings it back first.
 */
int store_call_ticket(struct store *s, const struct config *cfg, int counter, const char *code,
                      const char *reason, struct store_call *out, struct sq_error *err);

/*
 * Apply event to the counter's current ticket: EVENT_RECALLED, EVENT_STARTED,
 * EVENT_FINISHED, EVENT_NOSHOW, EVENT_PARKED, EVENT_TRANSFERRED (arg = the
 * new service) or EVENT_VOIDED (arg = the reason). SQ_ERR_STATE when the
 * counter holds no ticket or the event is not allowed in its state.
 */
int store_counter_ticket_event(struct store *s, const struct config *cfg, int counter,
                               enum ticket_event event, const char *arg, struct store_ticket *out,
                               struct sq_error *err);

/*
 * Bring today's no-show ticket `code` back into its queue (within the grace
 * time) or a parked one before its return time: EVENT_RETURNED. It keeps its
 * place by arrival. SQ_ERR_STATE past the grace time.
 */
int store_reactivate(struct store *s, const struct config *cfg, int counter, const char *code,
                     struct store_ticket *out, struct sq_error *err);

/*
 * Officer and break status of a counter: EVENT_LOGIN (arg = officer id),
 * EVENT_LOGOUT, EVENT_BREAK (arg = reason), EVENT_RESUME. Logging out or
 * going on break while a ticket is held is refused (SQ_ERR_STATE): finish,
 * park or transfer it first.
 */
int store_counter_status_event(struct store *s, const struct config *cfg, int counter,
                               enum ticket_event event, const char *arg, struct sq_error *err);

/*
 * Log an event that belongs to no ticket's life cycle: EVENT_FIRST_CONTACT
 * (service, reason = outcome), EVENT_FAULT (reason = device and what).
 */
int store_log_event(struct store *s, enum ticket_event event, const char *service, int counter,
                    const char *reason, struct sq_error *err);

/* The state of counter `counter` (COUNTER_CLOSED if never used). */
int store_counter_get(struct store *s, int counter, struct store_counter *out,
                      struct sq_error *err);

/*
 * store_counter_get() of every counter of cfg, out[i] for cfg->counters[i],
 * in one statement: a screen that shows them all reads them in one round
 * trip to a server.
 */
int store_counters_get(struct store *s, const struct config *cfg, struct store_counter *out,
                       struct sq_error *err);

/* Today's ticket with code, or SQ_ERR_NOTFOUND. */
int store_ticket_find(struct store *s, int day, const char *code, struct store_ticket *out,
                      struct sq_error *err);

/* The number of tickets waiting (or parked) for service now. */
int store_waiting_count(struct store *s, const char *service, int *out, struct sq_error *err);

/* The tickets of a service in its queue now, parked ones apart. */
struct store_queue_count {
	int waiting;
	int parked; /* sent away for a while; they rejoin by arrival */
};

/* Fill *out for service. SQ_ERR_DB or SQ_ERR_BUSY on failure. */
int store_queue_count(struct store *s, const char *service, struct store_queue_count *out,
                      struct sq_error *err);

/*
 * Service times of service over the day `day` so far (finished tickets, from
 * start or call to finish): how many, their mean and standard deviation in
 * minutes (0 when none finished), for the wait estimate (estimate.h).
 */
int store_service_times(struct store *s, const char *service, int day,
                        struct store_service_times *out, struct sq_error *err);

/* Up to max recent calls and recalls of day, newest first; *n set to count. */
int store_recent_calls(struct store *s, int day, struct store_recent_call *out, size_t max,
                       size_t *n, struct sq_error *err);

/*
 * A number that changes when another connection commits, so a screen polls
 * it a few times a second and reloads only on a change. SQLite: its
 * data_version. PostgreSQL: the NOTIFYs of other connections received so
 * far (no round trip to the server), and a connection made anew.
 */
int store_data_version(struct store *s, int64_t *out, struct sq_error *err);

/*
 * Close tickets of days before day still waiting or parked as expired (with
 * an event each); one called or served at a counter stays with it.
 * Issue and call do this themselves; exposed for the close-day verb and tests.
 * *n (may be NULL) is set to how many were expired.
 */
int store_expire_before(struct store *s, int day, int64_t now_ms, int *n, struct sq_error *err);

/*
 * Group the writes that follow into one transaction, until store_batch_end():
 * each store call inside it still succeeds or fails alone (a savepoint), and
 * the batch is durable at its end. Holds the write lock meanwhile: for bulk
 * writers (the simulator), never for a live program. SQ_ERR_STATE when a
 * batch is already open, SQ_ERR_BUSY, SQ_ERR_DB.
 */
int store_batch_begin(struct store *s, struct sq_error *err);

/* Commit the batch when rc is SQ_OK, else roll it back; returns the final code. */
int store_batch_end(struct store *s, int rc, struct sq_error *err);

/* What store_verify_log() found. */
struct store_log_check {
	int64_t events;                      /* read, up to and with a mismatch */
	char last_hash[EVENT_HASH_HEX_SIZE]; /* of the last event that matched; "" for none */
	bool anchor_found;                   /* the anchor is an event's hash before a mismatch */
	bool broken;                         /* an event does not match: */
	int64_t bad_id;                      /* the first one, */
	int64_t bad_at_ms;                   /* its time, */
	char bad_kind[24];                   /* its kind, as stored, */
	int64_t bad_ticket_id;               /* its ticket's id (0 for none) */
	char bad_code[16];                   /* and code ("" when none or not found); */
	int64_t missing_first, missing_last; /* ids absent just before it (0 when none) */
};

/*
 * Recompute the hash chain of the whole log in id order (event_hash.h) and
 * compare each event's stored hash: *out says how many events match and the
 * last one's hash, or names the first event that does not (an event edited,
 * or one after an event removed). anchor (may be NULL), a hash noted
 * earlier, is looked for among the events that match: absent, the events
 * it ended were removed or rewritten. SQ_OK whatever was found;
 * SQ_ERR_INVALID when anchor is not 64 hex digits; SQ_ERR_DB, SQ_ERR_BUSY,
 * SQ_ERR_NOMEM. Reads only; events appended meanwhile are checked too.
 */
int store_verify_log(struct store *s, const char *anchor, struct store_log_check *out,
                     struct sq_error *err);

/* What store_migrate() copied, or why it refused. */
struct store_migrate_result {
	int64_t tickets, events, bookings;   /* rows copied */
	char last_hash[EVENT_HASH_HEX_SIZE]; /* the chain's last hash, the same on both */
	struct store_log_check source;       /* the source's chain; source.broken: refused */
};

/*
 * Move a whole log (store_migrate.c): copy every row of src (ticket, booking,
 * counter_state, event, meta) into the database of the setting to, on a
 * PostgreSQL server, keeping every id and hash. The source is read in one
 * read transaction and its chain checked first (store_verify_log); only then
 * is the target opened by store_open() (which makes its schema, triggers
 * included, in an empty database) and written in one write transaction:
 * the rows a chunk at a time, its identity sequences set past the highest
 * ids, and its chain checked again before the commit, which must end on the
 * source's last hash. All or nothing. SQ_OK with *out filled; SQ_ERR_INVALID
 * when to is not a PostgreSQL setting, cannot be read by libpq, or holds a
 * ticket, event, booking or counter already (nothing written); SQ_ERR_STATE
 * when the source's chain does not match (out->source names the event;
 * the target not opened); SQ_ERR_DB (unreachable, another program's),
 * SQ_ERR_BUSY, SQ_ERR_NOMEM.
 */
int store_migrate(struct store *src, const char *to, struct store_migrate_result *out,
                  struct sq_error *err);

/*
 * Simulated traffic (store_sim.c). A simulation writes through the store
 * calls above, in batches opened by store_sim_begin() and closed by
 * store_sim_end(), which records that every event so far is simulated
 * (schema version 3 keeps that in the table meta). A log that holds an event
 * of a live program is never simulated into.
 *
 * store_sim_check: SQ_OK when the log holds no live event and no ticket on or
 * after day; SQ_ERR_STATE with one line otherwise.
 * store_sim_begin: store_batch_begin(), refusing (SQ_ERR_STATE) as above.
 * store_sim_end: mark the events written as simulated, then store_batch_end().
 */
int store_sim_check(struct store *s, int day, struct sq_error *err);
int store_sim_begin(struct store *s, struct sq_error *err);
int store_sim_end(struct store *s, struct sq_error *err);

/*
 * The raw connection, for the benchmarks that try SQLite's own settings on
 * the store's connection (bench_claim's busy handlers, bench_estimate's
 * replay). No program uses it; tests read the log through a connection of
 * their own (tests/test_office.h). Owned by s; NULL on PostgreSQL.
 */
struct sqlite3 *store_db(struct store *s);

/* ------------------------------------------------------------------------
 * Ratings (GECC P14, outcome criterion 1).
 *
 * A rating is an EVENT_RATED row of the log with score 1..5 and an optional
 * reason (what mattered most). Tied to a ticket, it is allowed by the
 * life-cycle table (done -> done) only within [rating] window_minutes of the
 * ticket's finish, once per ticket (schema version 2 adds a unique index on
 * the ticket of 'rated' rows, so even two screens racing cannot rate twice),
 * and carries the service, counter and officer of the finish. The ticket's
 * row is not touched: its state stays done, its state_ms the finish time.
 * A free-standing rating (a rating point by the exit) has ticket_id NULL,
 * no service, counter or officer, and is kept apart by the report.
 *
 * Schema version 2 also adds indexes: event (kind, day, counter) to find the
 * last finish at a counter and for the monthly report's events of a kind in
 * a month, and ticket (state, day) so that closing the previous days'
 * tickets does not scan a year of tickets.
 */

/* What mattered most, the optional second tap. */
enum rating_reason {
	RATING_REASON_NONE,
	RATING_REASON_WAITING,     /* waiting time */
	RATING_REASON_COURTESY,    /* the officer's courtesy */
	RATING_REASON_INFORMATION, /* information given */
	RATING_REASON_FACILITIES,  /* facilities */
	RATING_REASON_COUNT,
};

/* Settings of [rating], with their defaults when absent. */
#define STORE_RATING_WINDOW_DEFAULT  10 /* minutes after the finish */
#define STORE_RATING_TIMEOUT_DEFAULT 30 /* seconds a rating screen waits for a tap */
struct store_rating_settings {
	int window_minutes;  /* a rating is accepted this long after the finish */
	int timeout_seconds; /* the rating screen returns to idle after this */
};

/* A rating as logged. */
struct store_rating {
	int64_t event_id;
	int64_t ticket_id;           /* 0 for a free-standing rating */
	char code[16];               /* the ticket's code, "" when free-standing */
	char service[4];             /* service of the finish, "" when free-standing */
	int counter;                 /* counter of the finish, 0 when free-standing */
	char officer[CONFIG_ID_LEN]; /* officer of the finish, "" if none */
	int score;                   /* 1 (worst) .. 5 (best) */
	enum rating_reason reason;
	int64_t at_ms;
};

/* The ticket a counter's rating screen should ask about. */
struct store_rating_target {
	struct store_ticket ticket; /* state done; counter/officer as at the finish */
	int64_t finish_event_id;    /* changes with every finish at the counter */
	int64_t finished_ms;
	bool rated; /* already rated */
};

/* Log name ("waiting", "courtesy", ...; "" for NONE) of a reason. Static. */
const char *store_rating_reason_name(enum rating_reason reason);

/* Thai and English label of a reason, for screens and reports. Static. */
const char *store_rating_reason_th(enum rating_reason reason);
const char *store_rating_reason_en(enum rating_reason reason);

/* The reason with that log name, RATING_REASON_NONE for NULL or "", or -1. */
int store_rating_reason_from_name(const char *name);

/*
 * Check a [rating] section (its row in config_office.c): window_minutes
 * (1..1440), timeout_seconds (5..600). SQ_ERR_INVALID naming file, line, key.
 */
extern const struct config_table store_rating_config_table; /* its keys, one row each */
int store_rating_config_check(const struct config *cfg, const struct config_section *sec,
                              struct sq_error *err);

/* The [rating] settings of cfg (defaults where absent; the file was checked at load). */
void store_rating_settings(const struct config *cfg, struct store_rating_settings *out);

/*
 * The last ticket finished at counter, in *out. SQ_OK when it may be rated
 * at now_ms; SQ_ERR_NOTFOUND (message in err) when no ticket was finished
 * there since the window's first service day; SQ_ERR_STATE when it is already rated or the window
 * has passed (*out is still filled, so a screen can tell which).
 */
int store_rating_target(struct store *s, const struct config *cfg, int counter, int64_t now_ms,
                        struct store_rating_target *out, struct sq_error *err);

/*
 * Log a rating of score (1..5) with an optional reason, durably, stamped
 * with the time of the write. answered_ms is when the citizen gave the score
 * (0: now): the window is judged by it, so a citizen who tapped a face in
 * time is not refused for taking the optional second step after it closed.
 *  - ticket_id > 0: that ticket (finished at counter, when counter > 0);
 *  - ticket_id 0, counter > 0: the last ticket finished at counter;
 *  - both 0: a free-standing rating, tied to no ticket.
 * Fails with SQ_ERR_INVALID (bad score or reason), SQ_ERR_NOTFOUND (no such
 * counter, or nothing finished there), SQ_ERR_STATE (not finished, finished
 * at another counter, outside the window, already rated), SQ_ERR_BUSY or
 * SQ_ERR_DB; nothing is written then. *out (may be NULL) gets the rating.
 */
int store_rate(struct store *s, const struct config *cfg, int counter, int64_t ticket_id, int score,
               enum rating_reason reason, int64_t answered_ms, struct store_rating *out,
               struct sq_error *err);

/*
 * store_rate() from another channel than the screens and the command line,
 * written in the event's detail: "web" for a citizen's phone (saduak-web),
 * so that the report can count ratings per channel. channel NULL is
 * store_rate(). Same rules: once per ticket across channels, within the window.
 */
int store_rate_via(struct store *s, const struct config *cfg, int counter, int64_t ticket_id,
                   int score, enum rating_reason reason, const char *channel, int64_t answered_ms,
                   struct store_rating *out, struct sq_error *err);

/*
 * Calls and recalls of day logged after event after_id, oldest first: up to
 * max into out, *n set to how many. A board remembers the last id it saw and
 * asks again while *n == max, so calls made in the same second are all
 * read, in order. SQ_ERR_DB or SQ_ERR_BUSY on failure (*n is 0).
 */
int store_calls_after(struct store *s, int day, int64_t after_id, struct store_recent_call *out,
                      size_t max, size_t *n, struct sq_error *err);

/* ------------------------------------------------------------------------
 * Read-only queries for the counter console.
 */

/*
 * Tickets that counter could call, oldest first: waiting tickets of the
 * services it serves, and parked ones (state parked; the caller decides
 * whether they have rejoined by their state_ms). Up to max into out, *n set
 * to how many. SQ_ERR_NOTFOUND for an unknown counter, SQ_ERR_DB, SQ_ERR_BUSY.
 */
int store_counter_queue(struct store *s, const struct config *cfg, int counter,
                        struct store_ticket *out, size_t max, size_t *n, struct sq_error *err);

/*
 * Tickets counter finished on service day `day` (*served) and their mean
 * service minutes, from start (or call) to finish (*mean_minutes, 0 when
 * none). SQ_ERR_DB or SQ_ERR_BUSY on failure.
 */
int store_counter_served(struct store *s, int counter, int day, int *served, double *mean_minutes,
                         struct sq_error *err);

/* The latest event of a kind, for status lines. */
struct store_last_event {
	bool found;
	int64_t at_ms;
	char reason[256]; /* "" when the event had none */
};

/*
 * The latest event of kind, at counter (0 = any counter) and whose reason
 * starts with reason_prefix (NULL = any), in *out (out->found false when
 * none). SQ_ERR_DB or SQ_ERR_BUSY on failure.
 */
int store_last_event(struct store *s, enum ticket_event kind, int counter,
                     const char *reason_prefix, struct store_last_event *out, struct sq_error *err);

/* ------------------------------------------------------------------------
 * Backups and refusing a damaged log (store_backup.c).
 *
 * A log that fails its integrity check is never written to: a long-running
 * program opens it with store_open_checked(), which reads it first without
 * writing (no schema change, no -wal or -shm created) and refuses a damaged
 * file with one line ending "restore a backup (see README)". The file is left
 * exactly as it was, for the IT person to keep as evidence.
 *
 * store_backup() copies the live log with SQLite's online backup API while
 * other processes keep issuing and calling: the copy is the database as of
 * one commit, written to DEST.tmp-PID, switched to a rollback journal (one
 * self-contained file), checked with PRAGMA integrity_check, fsynced and only
 * then renamed to DEST (and the folder fsynced). A copy that fails its check
 * is deleted and the error returned; older backups are untouched.
 *
 * [backup] section (optional):
 *   dir  = backups   ; folder, relative to the config file's folder
 *                    ; (default: "backups" beside the database)
 *   keep = 14        ; how many dated backups store_backup_prune() keeps, 1..3650
 */

#define STORE_BACKUP_KEEP_DEFAULT 14

/* The [backup] settings; dir is malloc'd (store_backup_settings_release). */
struct store_backup_settings {
	char *dir; /* absolute (or relative to the working folder if the config's was) */
	int keep;
};

/*
 * How deep a check reads the log before a program uses it. Both read every
 * page; FULL also checks that every index agrees with its table, which on a
 * year of an office's log takes several times longer: screens, backups and
 * check-config pay it once, a one-shot command (issue, next, rate) takes
 * QUICK.
 */
enum store_check {
	STORE_CHECK_FULL,  /* PRAGMA integrity_check */
	STORE_CHECK_QUICK, /* PRAGMA quick_check */
};

/*
 * Check the database file at path without writing anything: it is ours (or
 * an empty SQLite file), its schema is not newer than this program's, and it
 * passes PRAGMA integrity_check (quick_check for STORE_CHECK_QUICK). SQ_OK; SQ_ERR_NOTFOUND when
 * there is no such file (message says so); SQ_ERR_CORRUPT ("database '/x/queue.db' failed its
 * integrity check: WHAT", also for a file whose first page is damaged); SQ_ERR_DB (another
 * program's, newer schema, unreadable); SQ_ERR_BUSY; SQ_ERR_IO. For a PostgreSQL setting: the
 * database holds our schema, not newer (SQ_ERR_NOTFOUND when it is empty), read without writing.
 */
int store_verify_file(const char *path, enum store_check depth, struct sq_error *err);

/*
 * store_open() for every program: first store_verify_file() at depth; a damaged log is refused with
 * SQ_ERR_CORRUPT and err "database '/x/queue.db' failed its integrity check: WHAT; restore a backup
 * (see README)", the file untouched. A missing file is created as by store_open(). Ownership as
 * store_open(); *out is NULL on failure.
 */
int store_open_checked(const char *path, enum store_check depth, struct store **out,
                       struct sq_error *err);

/*
 * Copy the database of s into the file dest (which is replaced if it
 * exists), as described above. SQ_OK; SQ_ERR_CORRUPT when the copy fails its
 * integrity check (the source is damaged); SQ_ERR_BUSY; SQ_ERR_IO (folder
 * missing or not writable, disk full); SQ_ERR_DB. No file is left at dest or
 * beside it on failure. A log on PostgreSQL is refused (SQ_ERR_INVALID, "back it up with
 * pg_dump"), as is store_backup_settings() for such a config.
 */
int store_backup(struct store *s, const char *dest, struct sq_error *err);

/*
 * The file name of a backup taken at now_ms, in the office's local time:
 * "saduak-YYYYMMDD-HHMMSS.db". Writes at most n bytes (NUL included);
 * returns the length it needed.
 */
size_t store_backup_name(int64_t now_ms, char *out, size_t n);

/*
 * Delete all but the newest keep (>= 1) backups in dir; only files named
 * exactly like store_backup_name()'s are considered. *removed (may be NULL)
 * is set to how many went. SQ_ERR_INVALID for keep < 1, SQ_ERR_IO.
 */
int store_backup_prune(const char *dir, int keep, int *removed, struct sq_error *err);

/* Check a [backup] section (config_office.c). SQ_ERR_INVALID naming file, line, key. */
extern const struct config_table store_backup_config_table; /* its keys, one row each */
int store_backup_config_check(const struct config *cfg, const struct config_section *sec,
                              struct sq_error *err);

/*
 * The [backup] settings of cfg into *out (defaults where absent). SQ_OK,
 * SQ_ERR_NOMEM; release with store_backup_settings_release().
 */
int store_backup_settings(const struct config *cfg, struct store_backup_settings *out,
                          struct sq_error *err);

/* Free what bs holds. NULL is a no-op. */
void store_backup_settings_release(struct store_backup_settings *bs);

#endif
