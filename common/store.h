/*
 * store.h - the SQLite log every process shares.
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
 * Schema (PRAGMA user_version 1, application_id 'SQDQ'):
 *   event(id, ticket_id, at_ms, kind, day, service, counter, officer, rule,
 *         reason, score, detail)
 *       the append-only log: triggers refuse UPDATE and DELETE. at_ms is UTC
 *       milliseconds; day is the local service day YYYYMMDD; kind is a
 *       queue_event_name(); rule (for calls) a queue_rule_name(); score 1..5
 *       for ratings. Corrections are new events, never edits.
 *   ticket(id, day, prefix, number, code, service, priority, issued_ms,
 *          state, state_ms, counter, officer, called_ms)
 *       current state of each ticket, kept beside the log in the same
 *       transaction. id is unique forever (AUTOINCREMENT); (day, prefix,
 *       number) is unique, the code restarts each local day.
 *   counter_state(counter, officer, status, reason, since_ms,
 *                 priority_streak, ticket_id)
 *       who is at each counter, open / break / closed, and its current ticket.
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
#include "queue.h"

#define STORE_BUSY_TIMEOUT_MS 10000
#define STORE_SCHEMA_VERSION  1

struct store;

struct store_ticket {
	int64_t id;
	char code[16];                /* "A012" */
	char service[4];              /* its service now (after any transfer) */
	char priority[CONFIG_ID_LEN]; /* priority class, "" for none */
	int day;                      /* service day, YYYYMMDD local */
	int number;
	int64_t issued_ms;
	enum ticket_state state;
	int64_t state_ms;             /* when it entered its state */
	int counter;                  /* the counter holding it, 0 if none */
	char officer[CONFIG_ID_LEN];  /* "" if none */
	int64_t called_ms;            /* first call, 0 if never called */
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
	int priority_streak;
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

/* A row of the recent calls, newest first, for the board. */
struct store_recent_call {
	int64_t event_id;
	int64_t at_ms;
	char code[16];
	char service[4];
	int counter;
	bool recall;
};

/*
 * Open (creating if needed) the database at path and bring its schema up to
 * date. Refuses a file that is not SQLite, a SQLite file of another program,
 * or a schema newer than this program knows (SQ_ERR_DB with a line naming
 * the file). On success the caller owns *out and closes it with
 * store_close(); on failure *out is NULL.
 */
int store_open(const char *path, struct store **out, struct sq_error *err);

/* Close the connection. NULL is a no-op. */
void store_close(struct store *s);

/*
 * Run PRAGMA integrity_check. SQ_OK, or SQ_ERR_CORRUPT with the first
 * problem in err.
 */
int store_check_integrity(struct store *s, struct sq_error *err);

/*
 * Issue a ticket for service (a configured prefix) with an optional priority
 * class (NULL or "" for none) at now_ms. The number is the day's next for
 * that prefix. Durable on return. Fills *out. Fails with SQ_ERR_NOTFOUND for
 * an unknown service or class, SQ_ERR_BUSY, SQ_ERR_DB.
 */
int store_issue(struct store *s, const struct config *cfg, const char *service,
		const char *priority, int64_t now_ms, struct store_ticket *out,
		struct sq_error *err);

/*
 * Counter `counter` calls its next ticket by the queue rules, finishing the
 * ticket it was serving first. SQ_ERR_EMPTY when nobody waits for it,
 * SQ_ERR_STATE when the counter is closed or on break.
 */
int store_call_next(struct store *s, const struct config *cfg, int counter, int64_t now_ms,
		    struct store_call *out, struct sq_error *err);

/*
 * Counter `counter` calls today's ticket `code` out of turn (rule "manual");
 * reason is required and logged. Also brings back a parked ticket early.
 */
int store_call_ticket(struct store *s, const struct config *cfg, int counter, const char *code,
		      const char *reason, int64_t now_ms, struct store_call *out,
		      struct sq_error *err);

/*
 * Apply event to the counter's current ticket: EVENT_RECALLED, EVENT_STARTED,
 * EVENT_FINISHED, EVENT_NOSHOW, EVENT_PARKED, EVENT_TRANSFERRED (arg = the
 * new service) or EVENT_VOIDED (arg = the reason). SQ_ERR_STATE when the
 * counter holds no ticket or the event is not allowed in its state.
 */
int store_counter_ticket_event(struct store *s, const struct config *cfg, int counter,
			       enum ticket_event event, const char *arg, int64_t now_ms,
			       struct store_ticket *out, struct sq_error *err);

/*
 * Bring today's no-show ticket `code` back into its queue (within the grace
 * time) or a parked one before its return time: EVENT_RETURNED. It keeps its
 * place by arrival. SQ_ERR_STATE past the grace time.
 */
int store_reactivate(struct store *s, const struct config *cfg, int counter, const char *code,
		     int64_t now_ms, struct store_ticket *out, struct sq_error *err);

/*
 * Officer and break status of a counter: EVENT_LOGIN (arg = officer id),
 * EVENT_LOGOUT, EVENT_BREAK (arg = reason), EVENT_RESUME. Logging out or
 * going on break while a ticket is held is refused (SQ_ERR_STATE): finish,
 * park or transfer it first.
 */
int store_counter_status_event(struct store *s, const struct config *cfg, int counter,
			       enum ticket_event event, const char *arg, int64_t now_ms,
			       struct sq_error *err);

/*
 * Log an event that belongs to no ticket's life cycle: EVENT_FIRST_CONTACT
 * (service, reason = outcome), EVENT_FAULT (reason = device and what).
 */
int store_log_event(struct store *s, enum ticket_event event, const char *service, int counter,
		    const char *reason, int64_t now_ms, struct sq_error *err);

/* The state of counter `counter` (COUNTER_CLOSED if never used). */
int store_counter_get(struct store *s, int counter, struct store_counter *out,
		      struct sq_error *err);

/* Today's ticket with code, or SQ_ERR_NOTFOUND. */
int store_ticket_find(struct store *s, int day, const char *code, struct store_ticket *out,
		      struct sq_error *err);

/* The number of tickets waiting (or parked) for service now. */
int store_waiting_count(struct store *s, const char *service, int *out, struct sq_error *err);

/* The number of waiting tickets of t's service that arrived before t. */
int store_people_ahead(struct store *s, const struct store_ticket *t, int *out,
		       struct sq_error *err);

/*
 * Mean service minutes of service over the day `day` so far (finished
 * tickets, from start or call to finish), or fallback when none finished.
 */
int store_mean_service_minutes(struct store *s, const char *service, int day, double fallback,
			       double *out, struct sq_error *err);

/* Up to max recent calls and recalls of day, newest first; *n set to count. */
int store_recent_calls(struct store *s, int day, struct store_recent_call *out, size_t max,
		       size_t *n, struct sq_error *err);

/*
 * SQLite's data_version: it changes when another connection commits, so a
 * screen polls it a few times a second and reloads only on a change.
 */
int store_data_version(struct store *s, int64_t *out, struct sq_error *err);

/*
 * Close open tickets of days before day as expired (with an event each).
 * Issue and call do this themselves; exposed for the close-day verb and tests.
 * *n (may be NULL) is set to how many were expired.
 */
int store_expire_before(struct store *s, int day, int64_t now_ms, int *n, struct sq_error *err);

/* The raw connection, for read-only reports. Owned by s. */
struct sqlite3 *store_db(struct store *s);

#endif
