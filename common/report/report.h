/*
 * report.h - the monthly GECC report: figures computed from the log.
 *
 * report_build() reads one month (local time of the office: the event and
 * ticket `day` columns are local service days) through the store's report
 * queries (store_report.h) and turns the counts and durations into the figures of the
 * audit through stats.h: outcome criterion 1 (Yamane coverage and points,
 * satisfaction by the configured rule with the other rule beside it, Likert
 * and points bands, collection method), satisfaction per service, counter
 * and officer with the 80 % of S3.3.2, the queue evidence (P4, P12, P13,
 * P1), month-over-month change of the waits (S2.8) and staffing by hour
 * with Erlang C (S3.1). The result is a plain struct report that the caller
 * owns (report_free); writers never touch the database.
 *
 * Definitions (the same ones the tests recompute in plain SQL):
 *   issued     tickets whose service day is in the month
 *   served (N) tickets finished in the month ('finished' events)
 *   no-show, expired, voided: issued tickets in that final state
 *   wait       first call - issue, for tickets called at least once, by the
 *              service the ticket was issued for (its prefix) and the hour
 *              of issue; tickets never called that expired or were voided
 *              have their own row (struct report, uncalled_*)
 *   service    finish - the last 'started' (or, never started, the last
 *              'called') before it, by the service finished and the hour
 *              the service began
 *   ratings (n) every 'rated' event of the month: tied to a ticket or
 *              free-standing (kept apart in their own rows; both count)
 *   bookings   'booked', 'cancelled', 'checked_in', 'booking_noshow' events
 *              of the month's days (a booking is counted made on the day
 *              it was made, a no-show on the day booked); the waits of
 *              booked tickets (issued at a check-in) against walk-in ones
 *              (every other ticket, priority classes included)
 *
 * Writers are chosen by name from a static table (report_writer_find) and
 * write one file: CSV (UTF-8 with BOM), XLSX (one sheet per table), HTML
 * (self-contained, printable on A4, inline SVG charts). The tables shared by
 * CSV, XLSX and HTML come from report_emit_tables(), so the three formats
 * can never disagree.
 *
 * One thread at a time per struct report; nothing global.
 */
#ifndef SADUAK_REPORT_H
#define SADUAK_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "stats.h"
#include "store.h"

#define REPORT_HOURS         24
#define REPORT_WEEKDAYS      7
#define REPORT_MAX_OFFICERS  (CONFIG_MAX_OFFICERS + 16)  /* configured + unknown ids */
#define REPORT_MAX_OUTCOMES  16                          /* first-contact outcomes */
#define REPORT_MAX_PRIORITY  (CONFIG_MAX_PRIORITIES + 1) /* classes + "normal" */
#define REPORT_SERVICE_LEVEL 0.8                         /* S3.1: 80 % within the target */
#define REPORT_MAX_CAVEATS   3

/*
 * Mean, median and 90th percentile of a set of durations, in minutes: as
 * printed (tenths, rounded once from the exact milliseconds: stats.h) and
 * unrounded for charts and staffing.
 */
struct report_times {
	int64_t n; /* 0: no data, the figures are 0 and must be shown as "-" */
	int64_t mean_x10, median_x10, p90_x10; /* 12 = 1.2 minutes */
	double mean_min;
	double median_min;
	double p90_min;
};

/* Satisfaction of one group (all, a service, a counter, an officer). */
struct report_sat {
	char key[CONFIG_ID_LEN]; /* service id, counter number, officer id; "" = all */
	const char *name_th;     /* from the config (owned by it), or the key */
	const char *name_en;
	int64_t counts[5];             /* ratings at level 1..5 */
	struct stats_satisfaction sat; /* by the configured rule; has_data false if none */
	int other_percent_x100;        /* the other rule's figure */
	int other_points;
	bool reaches_80; /* S3.3.2: sat.percent_x100 >= 80.00 under the configured rule */
};

/*
 * Queue figures of one service. issued counts the tickets issued for it;
 * the final states (served ... open) count them where they ended, after any
 * transfer, so a row adds up:
 * issued + transferred_in - transferred_out = served + noshow + expired + voided + open.
 */
struct report_service {
	const struct config_service *svc; /* owned by the config */
	int64_t issued, served, noshow, expired, voided, open;
	int64_t transferred_in, transferred_out;
	/* P12: how its queue was called: calls (first calls and calls back from parking),
	   of which out of turn (rule "manual"), recalls, parks. */
	int64_t calls, manual_calls, recalls, parks;
	struct report_times wait;    /* by the service issued for */
	struct report_times service; /* by the service finished */
	/* S2.8: the previous month's means and the change, when both exist. */
	struct report_times prev_wait, prev_service;
	bool has_wait_change, has_service_change;
	int64_t wait_change_x10, service_change_x10; /* % in tenths, from the printed means */
};

/* One hour of the day (local), over the whole month. */
struct report_hour {
	int64_t arrivals;            /* tickets issued in this hour */
	struct report_times wait;    /* of tickets issued in this hour */
	struct report_times service; /* of services begun in this hour */
	int64_t served_regular;      /* P1: finished tickets issued in regular hours */
	int64_t served_extended;     /* ... in extended hours */
	int64_t served_outside;      /* ... outside configured hours (issued anyway) */
	double arrivals_per_day;     /* arrivals / service days */
	int64_t arrivals_per_day_x10;
	int64_t counter_days; /* (day, counter) pairs calling tickets in this hour */
	double counters_open; /* counter_days / service days: mean counters calling */
	int64_t counters_open_x10;
	int counters_needed; /* Erlang C: 80 % wait <= the target; 0 = nobody came */
	bool erlang_ok;      /* counters_needed could be computed */
};

struct report_priority {
	char id[CONFIG_ID_LEN]; /* class id, "" = normal tickets */
	const char *name_th, *name_en;
	int64_t issued;
	struct report_times wait;
};

/* Advance booking (GECC technology point: ระบบการจองคิวล่วงหน้าออนไลน์). */
struct report_booking {
	int64_t made, cancelled, checked_in, no_show; /* events of the month */
	int64_t booked_issued, walk_in_issued;        /* tickets of the month by class */
	struct report_times wait_booked, wait_walk_in;
	char services[CONFIG_MAX_SERVICES * 4]; /* services taking bookings: "A, B"; "" none */
};

struct report_outcome {
	char outcome[64]; /* the reason of a first_contact event */
	int64_t count;
	int64_t by_service[CONFIG_MAX_SERVICES];
};

struct report {
	const struct config *cfg; /* borrowed: must outlive the report */
	int year, month;          /* Gregorian */
	int first_day, last_day;  /* YYYYMMDD keys of the month */
	int64_t generated_ms;
	int wait_target_min; /* S3.1 staffing target (80 % wait no longer) */
	bool has_data;       /* any ticket issued in the month */
	int service_days;    /* days with at least one ticket issued */

	/* Caveats shown beside the headline figures (report_caveats). */
	int log_first_day;    /* service day of the log's first event, 0 for an empty log */
	bool month_open;      /* the month was not over when the report was made */
	bool log_starts_late; /* the log starts after the month's first day */
	bool sample_short;    /* fewer ratings than the +-10 % tier needs */

	/* The hash of the month's last event (or of the last before it), "" for none. */
	char log_hash[EVENT_HASH_HEX_SIZE];

	/* Outcome criterion 1. */
	bool third_party; /* 1.1 collection method */
	int collection_points;
	int64_t population; /* N: served */
	int64_t sample;     /* n: all ratings (tied + free-standing) */
	bool sample_capped; /* n > N: coverage computed with n = N (a census) */
	struct stats_coverage coverage;
	struct report_sat all;                /* every rating */
	struct report_sat tied;               /* ratings tied to a ticket */
	struct report_sat phone;              /* of those, from the phone (channel "web") */
	struct report_sat free_standing;      /* ratings tied to no ticket */
	struct report_sat last_year;          /* the 12 months ending with this one (1.3) */
	int64_t reasons[RATING_REASON_COUNT]; /* what mattered most */

	struct report_sat services_sat[CONFIG_MAX_SERVICES]; /* index = config order */
	struct report_sat counters_sat[CONFIG_MAX_COUNTERS]; /* config order */
	struct report_sat officers_sat[REPORT_MAX_OFFICERS];
	size_t n_officers;
	struct report_sat officers_all; /* S3.3.2: every rating tied to an officer */
	int officers_below_80;          /* officers with ratings under 80 % */

	/* Queue evidence. */
	int64_t issued, served, noshow, expired, voided, open;
	int64_t transferred; /* transfers between services */
	int64_t calls, manual_calls, recalls, parks;
	struct report_times wait, service;
	/*
	 * Tickets never called that expired or were voided: left out of wait
	 * (no call), shown in a row of their own. Their wait runs from issue to
	 * the void, or to the day's last call at any counter (the office had
	 * stopped calling; at least this long), 0 if they came after it.
	 */
	int64_t uncalled_expired, uncalled_voided;
	struct report_times uncalled_wait;
	struct report_service services[CONFIG_MAX_SERVICES];
	size_t n_services;
	struct report_hour hours[REPORT_HOURS];
	int64_t heat[REPORT_WEEKDAYS][REPORT_HOURS]; /* arrivals, 0 = Monday */
	int weekday_dates[REPORT_WEEKDAYS];          /* dates of each weekday in the month */
	struct report_priority priority[REPORT_MAX_PRIORITY]; /* [0] = normal */
	size_t n_priority;
	int64_t priority_issued;
	struct report_times priority_wait; /* every priority class together */
	struct report_outcome outcomes[REPORT_MAX_OUTCOMES];
	size_t n_outcomes;
	int64_t first_contacts;
	int64_t served_regular, served_extended, served_weekend, served_outside;
	bool has_prev; /* the previous month has data */
	struct report_times prev_wait, prev_service;
	bool has_wait_change, has_service_change;
	int64_t wait_change_x10, service_change_x10; /* % in tenths, from the printed means */
	struct report_booking booking;
};

/*
 * Build the report of month (1..12) of year from s for cfg, with the S3.1
 * target wait_target_min (1..480 minutes). On success *out is a new report
 * the caller frees with report_free(); on failure *out is NULL and err says
 * why (SQ_ERR_INVALID for a bad month or target, SQ_ERR_DB, SQ_ERR_NOMEM).
 * A month without data is a success with has_data false.
 */
int report_build(struct store *s, const struct config *cfg, int year, int month,
                 int wait_target_min, int64_t now_ms, struct report **out, struct sq_error *err);

/* Free r. NULL is a no-op. */
void report_free(struct report *r);

/* A caveat on the month's figures, in both languages. */
struct report_caveat {
	char th[512]; /* Thai letters take 3 bytes each in UTF-8 */
	char en[256];
};

/*
 * The caveats of r, in out (up to REPORT_MAX_CAVEATS): a month not over
 * yet, a log that starts after the 1st, fewer ratings than the +-10 % tier
 * needs. Returns how many. Every writer shows them beside the headline.
 */
size_t report_caveats(const struct report *r, struct report_caveat out[REPORT_MAX_CAVEATS]);

/*
 * Parse a month given as exactly YYYY-MM (four digits, '-', two digits).
 * A year from 2400 on is a Buddhist-Era year, as every screen prints it, and
 * becomes Gregorian (minus 543). Sets *year (Gregorian, 2000..2200) and
 * *month; false for anything else (*year and *month untouched then).
 */
bool report_parse_month(const char *text, int *year, int *month);

/* ------------------------------------------------------------------------
 * Tables, shared by every writer.
 */

enum report_cell_type {
	REPORT_CELL_EMPTY, /* no figure: shown "-" */
	REPORT_CELL_TEXT,
	REPORT_CELL_INT,
	REPORT_CELL_NUM1, /* one decimal: i is the figure in tenths, already rounded */
	REPORT_CELL_NUM2, /* two decimals: i in hundredths */
	REPORT_CELL_PCT2, /* a percentage with two decimals: i in hundredths */
};

struct report_cell {
	enum report_cell_type type;
	const char *text; /* TEXT: valid during the row callback only */
	int64_t i;        /* INT, or a NUM/PCT figure scaled to whole tenths/hundredths */
};

struct report_table {
	const char *id;    /* short id, also the CSV section key: "outcome1" */
	const char *sheet; /* XLSX sheet name, Thai, at most 31 characters */
	const char *title_th;
	const char *title_en;
	const char *const *columns_th; /* NULL-terminated */
	const char *const *columns_en;
	const char *note; /* one line under the table, or NULL */
};

/* Receives the tables in order; each callback returns SQ_OK or stops the emit. */
struct report_sink {
	void *ctx;
	int (*begin)(void *ctx, const struct report_table *t);
	int (*row)(void *ctx, const struct report_cell *cells, size_t n);
	int (*end)(void *ctx, const struct report_table *t);
};

/* Emit every table of r to sink, in report order. Returns the sink's first error. */
int report_emit_tables(const struct report *r, const struct report_sink *sink);

/* Text of a cell as the CSV and HTML show it ("-" for EMPTY); returns buf. */
const char *report_cell_text(const struct report_cell *c, char *buf, size_t n);

/* ------------------------------------------------------------------------
 * Writers.
 */

struct report_writer {
	const char *name;      /* "csv", "xlsx", "html" */
	const char *extension; /* ".csv" */
	/*
	 * Write r to path ("-" = stdout where the format allows). On failure err
	 * holds the reason only ("No space left on device"): callers go through
	 * report_write_file(), which names the file.
	 */
	int (*write)(const struct report *r, const char *path, struct sq_error *err);
};

/*
 * Write r to path with w, so that a failure never leaves a partial file:
 * the report goes to a temporary file in path's folder, is flushed to disk
 * and renamed over path. A symbolic link at path is replaced, not followed.
 * "-" writes to stdout directly. SQ_ERR_IO with a line naming path; the
 * temporary file is removed then and any previous file at path is intact.
 */
int report_write_file(const struct report_writer *w, const struct report *r, const char *path,
                      struct sq_error *err);

/* The writer named name, or NULL. Static. */
const struct report_writer *report_writer_find(const char *name);

/* The writers' names, "csv|xlsx|html", for usage lines. Static. */
const char *report_writer_names(void);

int report_write_csv(const struct report *r, const char *path, struct sq_error *err);
int report_write_xlsx(const struct report *r, const char *path, struct sq_error *err);
int report_write_html(const struct report *r, const char *path, struct sq_error *err);

/* Thai and English label of a first-contact outcome (the raw text if unknown). */
const char *report_outcome_th(const char *outcome);
const char *report_outcome_en(const char *outcome);

#endif
