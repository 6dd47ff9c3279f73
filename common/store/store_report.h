/*
 * store_report.h - the read-only queries of the monthly report (report.h).
 *
 * Every query reads the service days first_day..last_day (YYYYMMDD keys,
 * local time of the office) and hands each row to the caller's callback as
 * a plain struct; text in a row is valid during the callback only. A
 * callback returns SQ_OK to go on, or an error code that stops the query
 * and is returned as is (it fills err itself). The report runs them all
 * inside one read snapshot (store_report_begin / store_report_end), so every
 * figure comes from the same state of the log.
 *
 * Failures: SQ_ERR_DB or SQ_ERR_BUSY with a line naming the database.
 * One thread at a time per struct store, as for every store function.
 */
#ifndef SADUAK_STORE_REPORT_H
#define SADUAK_STORE_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

/* A ticket issued on one of the days. */
struct store_report_ticket {
	const char *prefix;   /* the service it was issued for */
	const char *service;  /* its service now, after any transfer */
	const char *priority; /* "" for none */
	int64_t issued_ms;
	bool called;       /* called at least once */
	int64_t called_ms; /* first call, when called */
	const char *state; /* ticket_state name: "done", "noshow", ... */
	int day;
	int64_t state_ms; /* when it entered its state */
	/* Never called and expired or voided: the day's last call at any counter (0 if none). */
	int64_t last_call_ms;
	bool booked; /* class booking: issued by a booking's check-in */
};

/* The booking events of the days, by kind (store_booking.h). */
struct store_report_bookings {
	int64_t made;       /* 'booked' */
	int64_t cancelled;  /* 'cancelled' */
	int64_t checked_in; /* 'checked_in' */
	int64_t no_show;    /* 'booking_noshow' */
};

/* A 'finished' event of the days, with what the service time is measured from. */
struct store_report_finish {
	int64_t at_ms;
	const char *service; /* the service finished (after any transfer) */
	const char *prefix;  /* the service the ticket was issued for */
	int64_t issued_ms;
	bool has_begin;   /* a 'called' or 'started' event came before it */
	int64_t begin_ms; /* the last of them */
};

/* A group of identical 'rated' events of the days. */
struct store_report_rating {
	bool free_standing;  /* tied to no ticket */
	const char *service; /* "" when none */
	int counter;         /* 0 when none */
	const char *officer; /* "" when none */
	int score;           /* as logged; the store writes only 1..5 */
	const char *reason;  /* log name, "" when none */
	bool phone;          /* from a citizen's phone (channel "web", saduak-web) */
	int64_t count;
};

/* A group of call-handling events of the days (P12), by kind and service. */
struct store_report_handling {
	const char *kind;    /* "called", "recalled", "parked" or "transferred" */
	const char *service; /* the event's service: for a transfer, the new one */
	const char *rule;    /* a call's queue rule ("manual" = out of turn), else "" */
	const char *from;    /* a transfer's previous service, else "" */
	int64_t count;
};

/* A group of 'first_contact' events of the days, in outcome order. */
struct store_report_contact {
	const char *outcome; /* the event's reason, "" when none */
	const char *service; /* "" when none */
	int64_t count;
};

/* Start a read snapshot for the report's queries. */
int store_report_begin(struct store *s, struct sq_error *err);

/* End the snapshot started by store_report_begin(). Never fails the report. */
void store_report_end(struct store *s);

/* Every ticket whose service day is in first_day..last_day. */
int store_report_tickets(struct store *s, int first_day, int last_day,
                         int (*fn)(void *ctx, const struct store_report_ticket *row,
                                   struct sq_error *err),
                         void *ctx, struct sq_error *err);

/* Every 'finished' event of the days (of a ticket still in the ticket table). */
int store_report_finishes(struct store *s, int first_day, int last_day,
                          int (*fn)(void *ctx, const struct store_report_finish *row,
                                    struct sq_error *err),
                          void *ctx, struct sq_error *err);

/*
 * Each (day, UTC hour, counter) with at least one 'called' event in the
 * days: fn gets the start of that UTC hour in ms.
 */
int store_report_call_hours(struct store *s, int first_day, int last_day,
                            int (*fn)(void *ctx, int64_t hour_ms, struct sq_error *err), void *ctx,
                            struct sq_error *err);

/* 'rated' events of the days grouped by ticket or not, service, counter, officer, score, reason. */
int store_report_ratings(struct store *s, int first_day, int last_day,
                         int (*fn)(void *ctx, const struct store_report_rating *row,
                                   struct sq_error *err),
                         void *ctx, struct sq_error *err);

/* Adds the number of 'rated' events of the days at score 1..5 to counts[score - 1]. */
int store_report_score_counts(struct store *s, int first_day, int last_day, int64_t counts[5],
                              struct sq_error *err);

/* 'called', 'recalled', 'parked' and 'transferred' events of the days, grouped. */
int store_report_handling(struct store *s, int first_day, int last_day,
                          int (*fn)(void *ctx, const struct store_report_handling *row,
                                    struct sq_error *err),
                          void *ctx, struct sq_error *err);

/* Count the booking events of the days into *out. */
int store_report_bookings(struct store *s, int first_day, int last_day,
                          struct store_report_bookings *out, struct sq_error *err);

/* The service day of the log's first event in *day (0 for an empty log). */
int store_report_log_start(struct store *s, int *day, struct sq_error *err);

/*
 * The hash (store.h: event.hash) of the last event of a service day up to
 * last_day into hex, as stored ("" when there is none): what an auditor
 * notes to compare with later (`verify-log --expect`).
 */
int store_report_log_hash(struct store *s, int last_day, char hex[EVENT_HASH_HEX_SIZE],
                          struct sq_error *err);

/* 'first_contact' events of the days grouped by outcome and service. */
int store_report_contacts(struct store *s, int first_day, int last_day,
                          int (*fn)(void *ctx, const struct store_report_contact *row,
                                    struct sq_error *err),
                          void *ctx, struct sq_error *err);

#endif
