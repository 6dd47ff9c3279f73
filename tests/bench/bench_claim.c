/*
 * bench_claim - how fast the log issues and claims tickets, on this disk.
 *
 *   bench_claim [--dir DIR] [--raw N] [--issue N] [--queue N] [--issue-during N]
 *               [--counters N] [--engine sqlite|postgresql|both [--database SETTING]]
 *
 * --engine postgresql runs every figure on a PostgreSQL server instead
 * (both: the SQLite figures first, then the server's, in the same run)
 * (--database, default "postgresql://": libpq's PG* variables, as
 * pg_virtualenv sets them; the database must be empty), (a) then being
 * single-row INSERT commits from as many client connections as (c) has
 * counters and issuers, over the same connection path, and (a2) the same
 * with each INSERT under the office's write lock, as the store writes: the
 * rate no writer serialized by that lock can pass, which is the ceiling of
 * a claim, as claims must be serialized (each one re-reads the queue it
 * decides on, and each event is chained to the one before it).
 * --counters (1..32, default 8) sets how many counter processes (c) and (d)
 * run; --pace MS (default 10) their mean pause in (d).
 *
 * In one run, in a new folder under DIR (default $TMPDIR, else /tmp), so
 * that every figure comes from the same disk:
 *   (a) the raw rate of single-row INSERT transactions with the store's
 *       pragmas (WAL, synchronous=FULL), from one process: the ceiling set by
 *       one fsync per commit;
 *   (b) tickets issued per second through store_issue, from one process;
 *   (c) claim latency (p50, p99, max) and throughput with 8 counter
 *       processes calling store_call_next on a pre-issued queue while 2
 *       issuer processes keep issuing; each counter's first claim, on a
 *       new connection, comes before the start and is printed apart.
 * It prints each figure, the ratios to (a), and the targets of the
 * architecture with PASS or MISS beside them. It never fails on a missed
 * target (exit status 1 only when the benchmark itself cannot run): the
 * figures depend on the machine, and CI machines vary.
 */
#include <errno.h>
#include <time.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "store.h"
#include "thaitime.h"

#define MAX_COUNTERS 32
#define ISSUERS      2
/* Shared memory: the issuers-left count, then one aligned result per counter. */
#define SHARED_HEADER 64
#define DIR_MAX       1024 /* the benchmark folder's path */

/* The targets the architecture sets for a claim. */
#define TARGET_P99_MS         20.0
#define TARGET_THROUGHPUT_PCT 30.0

static const char *const services[] = {"A", "B", "C", "D"};
static const char *const priorities[] = {"elderly", "disabled", "pregnant", "monk"};

/* Eight kinds of counter, each with its own ordered services, as in a busy office. */
static const char *const counter_services[] = {
    "C, D", "A, B", "B, A", "D, C", "A", "B, C, D", "D, A, B", "C, A, D, B",
};
#define KINDS (sizeof(counter_services) / sizeof(counter_services[0]))

static int counters = 8; /* --counters */

/*
 * How the writers wait for each other in (c). The store's own busy handler is
 * what ships; the others are experiments to compare against, applied from
 * outside the store: a fixed short sleep instead of the store's backoff, or
 * a flock(2) on a lock file around each write, which makes the kernel queue
 * the writers instead of letting them poll.
 */
enum variant {
	VARIANT_STORE,
	VARIANT_SHORT_SLEEP,
	VARIANT_FLOCK,
};

static const char *const variant_names[] = {
    [VARIANT_STORE] = "store",
    [VARIANT_SHORT_SLEEP] = "short-sleep",
    [VARIANT_FLOCK] = "flock",
};

static enum variant variant = VARIANT_STORE;
static char lock_path[1100]; /* the flock file of VARIANT_FLOCK */

struct options {
	const char *dir;
	int raw;          /* (a) INSERT transactions */
	int issue;        /* (b) tickets issued */
	int queue;        /* (c) tickets waiting before the counters start */
	int issue_during; /* (c) tickets each issuer adds while the counters claim */
	int single;       /* claims by one process alone, before (c) */
	int pace_ms;      /* (d) mean pause of a counter between claims */
};

/*
 * A counter's mean pause between claims: 0 in (c), where every counter
 * claims in a tight loop, which measures SQLite's lock barging more than
 * anything a counter does; (d) pauses a random 0..2x this, still a hundred
 * times busier than an officer at a real desk.
 */
static int pace_ms;

/* What one counter child reports back through shared memory. */
struct counter_result {
	int claims;
	int empties;
	int errors;
	struct sq_error first_error; /* the first failure, if any */
	int64_t done_us;             /* monotonic time of its last call */
	int64_t warm_us;             /* its first claim, before the start; 0: none */
	int64_t latency_us[];        /* claims entries, in call order */
};

/* Write the benchmark's office into dir/office.ini and load it. */
static int
make_config(const char *dir, const char *db, struct config **cfg)
{
	char path[DIR_MAX + 32];
	struct sq_error err = {0};
	FILE *f;

	snprintf(path, sizeof(path), "%s/office.ini", dir);
	if (!(f = fopen(path, "w"))) {
		fprintf(stderr, "bench_claim: unable to write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(f,
	        "[office]\nname_th = สำนักงานทดสอบ\nname_en = Benchmark Office\n"
	        "database = %s\npriority_cap = 2\n",
	        db);
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		fprintf(f,
		        "[service %s]\nname_th = บริการ %s\nname_en = Service %s\n"
		        "hours = daily 00:00-24:00\n",
		        services[i], services[i], services[i]);
	for (int n = 1; n <= counters; n++)
		fprintf(f,
		        "[counter %d]\nlocation_th = ชั้น 1\nlocation_en = Floor 1\nservices = %s\n",
		        n, counter_services[(size_t)(n - 1) % KINDS]);
	if (fclose(f) != 0) {
		fprintf(stderr, "bench_claim: unable to write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	if (config_load(path, cfg, &err) != SQ_OK ||
	    thaitime_set_zone((*cfg)->timezone, &err) != SQ_OK) {
		fprintf(stderr, "bench_claim: %s\n", err.msg);
		return -1;
	}
	return 0;
}

/* Run one SQL statement on a raw connection; print and return -1 on failure. */
static int
raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "bench_claim: raw insert: %s: %s\n", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* (a) Single-row INSERT transactions per second with the store's pragmas. */
static int
bench_raw(const char *dir, int n, double *rate)
{
	char path[DIR_MAX + 32];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/raw.db", dir);
	if (sqlite3_open(path, &db) != SQLITE_OK) {
		fprintf(stderr, "bench_claim: unable to open '%s'\n", path);
		goto out;
	}
	if (raw_exec(db, "PRAGMA journal_mode = WAL") ||
	    raw_exec(db, "PRAGMA synchronous = FULL") ||
	    raw_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, at_ms INTEGER, kind TEXT)"))
		goto out;
	if (sqlite3_prepare_v2(db, "INSERT INTO t (at_ms, kind) VALUES (?, 'issued')", -1, &st,
	                       NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_claim: raw insert: %s\n", sqlite3_errmsg(db));
		goto out;
	}
	int64_t t0 = clock_monotonic_us();
	for (int i = 0; i < n; i++) {
		if (raw_exec(db, "BEGIN IMMEDIATE"))
			goto out;
		if (sqlite3_bind_int64(st, 1, clock_now_ms()) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_DONE || sqlite3_reset(st) != SQLITE_OK) {
			fprintf(stderr, "bench_claim: raw insert: %s\n", sqlite3_errmsg(db));
			goto out;
		}
		if (raw_exec(db, "COMMIT"))
			goto out;
	}
	*rate = n / ((clock_monotonic_us() - t0) / 1e6);
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

/* VARIANT_SHORT_SLEEP's busy handler: 20 us sleeps, for up to 10 s. */
static int
short_busy(void *arg, int attempts)
{
	int64_t *started = arg;
	struct timespec ts = {.tv_sec = 0, .tv_nsec = 20000};

	if (attempts == 0)
		*started = clock_monotonic_ms();
	if (clock_monotonic_ms() - *started > STORE_BUSY_TIMEOUT_MS)
		return 0;
	nanosleep(&ts, NULL);
	return 1;
}

/* Set up a child's connection for the variant; *lock_fd is -1 unless flock. */
static int
variant_prepare(struct store *s, int *lock_fd)
{
	static int64_t busy_started;

	*lock_fd = -1;
	if (variant == VARIANT_SHORT_SLEEP &&
	    sqlite3_busy_handler((sqlite3 *)store_db(s), short_busy, &busy_started) != SQLITE_OK)
		return -1;
	if (variant == VARIANT_FLOCK &&
	    (*lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		fprintf(stderr, "bench_claim: unable to open '%s': %s\n", lock_path,
		        strerror(errno));
		return -1;
	}
	return 0;
}

/* Take (op LOCK_EX) or release (LOCK_UN) the variant's lock, if any. */
static void
variant_lock(int lock_fd, int op)
{
	if (lock_fd < 0)
		return;
	while (flock(lock_fd, op) != 0) {
		if (errno != EINTR) {
			fprintf(stderr, "bench_claim: flock: %s\n", strerror(errno));
			_exit(1);
		}
	}
}

/* Issue n tickets through store_issue on s, mixing services and classes. */
static int
issue_tickets(struct store *s, const struct config *cfg, int n, int seed, int lock_fd)
{
	struct store_ticket t;
	struct sq_error err = {0};

	for (int i = 0; i < n; i++) {
		int k = i + seed;
		const char *prio = k % 5 == 0 ? priorities[(k / 5) % 4] : NULL;
		variant_lock(lock_fd, LOCK_EX);
		int rc = store_issue(s, cfg, services[k % 4], prio, &t, &err);
		variant_lock(lock_fd, LOCK_UN);
		if (rc != SQ_OK) {
			fprintf(stderr, "bench_claim: issue: %s\n", err.msg);
			return -1;
		}
	}
	return 0;
}

/* Block until the parent closes the start pipe, so all children start at once. */
static int
wait_start(int fd)
{
	char c;
	ssize_t got;

	while ((got = read(fd, &c, 1)) < 0 && errno == EINTR)
		;
	close(fd);
	return got == 0 ? 0 : -1;
}

/*
 * The office's write lock as the store takes it (store_pg.c): (a2) takes it
 * too, to measure what any writer serialized by it can reach.
 */
#define PG_LOCKED_BEGIN "BEGIN; SELECT pg_advisory_xact_lock(1397834833)"

/* Run one statement of a raw connection that returns no rows of interest; false on failure. */
static bool
raw_pg_exec(PGconn *conn, const char *sql, const char *value)
{
	const char *values[1] = {value};
	PGresult *res =
	    value ? PQexecParams(conn, sql, 1, NULL, values, NULL, NULL, 0) : PQexec(conn, sql);
	ExecStatusType status = PQresultStatus(res);
	bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

	if (!ok)
		fprintf(stderr, "bench_claim: raw insert: %s", PQresultErrorMessage(res));
	PQclear(res);
	return ok;
}

/*
 * Child of (a) on PostgreSQL: n single-row INSERT commits on a connection of
 * its own; when locked, each in a transaction of three round trips that
 * takes the office's write lock first, as every write of the store does.
 */
static int
raw_pg_child(const char *setting, int n, bool locked, int start_fd)
{
	PGconn *conn = PQconnectdb(setting);
	int rc = 1;

	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "bench_claim: raw insert: %s", PQerrorMessage(conn));
		goto out;
	}
	if (wait_start(start_fd) != 0)
		goto out;
	for (int i = 0; i < n; i++) {
		char at[24];
		snprintf(at, sizeof(at), "%lld", (long long)clock_now_ms());
		if ((locked && !raw_pg_exec(conn, PG_LOCKED_BEGIN, NULL)) ||
		    !raw_pg_exec(conn, "INSERT INTO bench_raw (at_ms, kind) VALUES ($1, 'issued')",
		                 at) ||
		    (locked && !raw_pg_exec(conn, "COMMIT", NULL)))
			goto out;
	}
	rc = 0;
out:
	PQfinish(conn);
	return rc;
}

/*
 * (a) on PostgreSQL: single-row INSERT commits (each its own transaction)
 * per second from conns connections at once, n in all; locked: (a2), each
 * under the office's write lock.
 */
static int
bench_raw_pg(const char *setting, int conns, int n, bool locked, double *rate)
{
	PGconn *conn = PQconnectdb(setting);
	PGresult *res =
	    PQexec(conn, "CREATE TABLE IF NOT EXISTS bench_raw (id BIGINT GENERATED "
	                 "BY DEFAULT AS IDENTITY PRIMARY KEY, at_ms BIGINT, kind TEXT)");
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	pid_t pids[MAX_COUNTERS + ISSUERS];
	int npids = 0, pipefd[2], rc = 0;

	if (!ok)
		fprintf(stderr, "bench_claim: raw insert: %s", PQerrorMessage(conn));
	PQclear(res);
	PQfinish(conn);
	if (!ok)
		return -1;
	if (pipe(pipefd) != 0) {
		fprintf(stderr, "bench_claim: pipe: %s\n", strerror(errno));
		return -1;
	}
	fflush(NULL);
	for (int i = 0; i < conns; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			fprintf(stderr, "bench_claim: fork: %s\n", strerror(errno));
			rc = -1;
			break;
		}
		if (pid == 0) {
			close(pipefd[1]);
			_exit(
			    raw_pg_child(setting, n / conns + (i < n % conns), locked, pipefd[0]));
		}
		pids[npids++] = pid;
	}
	close(pipefd[0]);
	clock_sleep_ms(200); /* every child connected, then all start at once */
	int64_t t0 = clock_monotonic_us();
	close(pipefd[1]);
	for (int i = 0; i < npids; i++) {
		int status;
		while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = -1;
	}
	*rate = n / ((clock_monotonic_us() - t0) / 1e6);
	return rc;
}

/* One claim at counter n, its time into *us. */
static int
timed_claim(struct store *s, const struct config *cfg, int n, int lock_fd, int64_t *us,
            struct sq_error *err)
{
	struct store_call call;
	int64_t t0 = clock_monotonic_us();

	variant_lock(lock_fd, LOCK_EX);
	int rc = store_call_next(s, cfg, n, &call, err);
	variant_lock(lock_fd, LOCK_UN);
	*us = clock_monotonic_us() - t0;
	return rc;
}

/*
 * Child: counter n claims until the queue is empty and the issuers are
 * done. Its first claim comes before the start and is timed apart (warming
 * counts down the counters not yet past it): a connection's first claim
 * fills the server backend's caches and plans each statement, under the
 * office's lock, where an office's counters connect once in the morning
 * and claim all day on warm connections, as the figures describe.
 */
static int
counter_child(const struct config *cfg, int n, int start_fd, volatile int *issuers_left,
              volatile int *warming, struct counter_result *res, int capacity)
{
	struct store *s = NULL;
	struct sq_error err = {0};
	int64_t us;
	int lock_fd;

	if (store_open(cfg->database, &s, &err) != SQ_OK) {
		res->first_error = err;
		__atomic_sub_fetch(warming, 1, __ATOMIC_SEQ_CST);
		return 1;
	}
	srand((unsigned)n * 7919u); /* each counter its own pauses */
	if (variant_prepare(s, &lock_fd) != 0) {
		__atomic_sub_fetch(warming, 1, __ATOMIC_SEQ_CST);
		store_close(s);
		return 1;
	}
	if (timed_claim(s, cfg, n, lock_fd, &us, &err) == SQ_OK)
		res->warm_us = us;
	__atomic_sub_fetch(warming, 1, __ATOMIC_SEQ_CST);
	if (wait_start(start_fd) != 0) {
		store_close(s);
		return 1;
	}
	/*
	 * Paced counters start at staggered times, as officers do: else (d)'s
	 * tail would be the start's burst of every counter at once.
	 */
	if (pace_ms > 0)
		clock_sleep_ms(rand() % (2 * pace_ms + 1));
	/* Bounded: every call claims a ticket or finds the queue empty. */
	for (int i = 0; i < capacity * 4 && res->claims < capacity; i++) {
		bool issuers_done = __atomic_load_n(issuers_left, __ATOMIC_SEQ_CST) == 0;
		int rc = timed_claim(s, cfg, n, lock_fd, &us, &err);
		res->done_us = clock_monotonic_us();
		if (rc == SQ_OK) {
			res->latency_us[res->claims++] = us;
			if (pace_ms > 0)
				clock_sleep_ms(rand() % (2 * pace_ms + 1));
		} else if (rc == SQ_ERR_EMPTY) {
			res->empties++;
			if (issuers_done)
				break;
			clock_sleep_ms(1);
		} else {
			if (!res->errors++)
				res->first_error = err;
		}
	}
	store_close(s);
	return 0;
}

/* Child: an issuer adding n tickets while the counters claim. */
static int
issuer_child(const struct config *cfg, int k, int n, int start_fd, volatile int *issuers_left)
{
	struct store *s = NULL;
	struct sq_error err = {0};
	int rc = 1, lock_fd = -1;

	if (store_open(cfg->database, &s, &err) != SQ_OK) {
		fprintf(stderr, "bench_claim: issuer: %s\n", err.msg);
		goto out;
	}
	if (variant_prepare(s, &lock_fd) != 0 || wait_start(start_fd) != 0)
		goto out;
	rc = issue_tickets(s, cfg, n, 1000 * k, lock_fd) == 0 ? 0 : 1;
out:
	__atomic_sub_fetch(issuers_left, 1, __ATOMIC_SEQ_CST);
	store_close(s);
	return rc;
}

static int
compare_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The nearest-rank percentile p (0..100) of n sorted values, in ms. */
static double
percentile_ms(const int64_t *sorted, size_t n, double p)
{
	size_t rank = (size_t)((p / 100.0) * (double)n + 0.999999);

	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return (double)sorted[rank - 1] / 1000.0;
}

struct claim_figures {
	int claims;
	int errors;
	double seconds;
	double rate;
	double p50_ms, p90_ms, p99_ms, p999_ms, max_ms; /* warm connections */
	double first_p50_ms, first_max_ms;              /* each connection's first claim */
};

/* The latency lines of a run: warm claims, then each connection's first. */
static void
print_latency(const struct claim_figures *f)
{
	printf("    claim latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f "
	       "ms\n",
	       f->p50_ms, f->p90_ms, f->p99_ms, f->p999_ms, f->max_ms);
	printf("    (apart, before the start: each connection's first claim, p50 %.2f ms, max %.2f "
	       "ms)\n",
	       f->first_p50_ms, f->first_max_ms);
}

/* (c) Fork the counters and issuers, release them together, gather latencies. */
static int
bench_claims(const struct config *cfg, const struct options *o, struct claim_figures *fig)
{
	int capacity = o->queue + ISSUERS * o->issue_during + 16;
	size_t slot = sizeof(struct counter_result) + (size_t)capacity * sizeof(int64_t);
	size_t shared_len = SHARED_HEADER + (size_t)counters * slot;
	pid_t pids[MAX_COUNTERS + ISSUERS];
	int npids = 0, pipefd[2] = {-1, -1}, rc = -1;
	int64_t *all = NULL;
	void *shared;

	shared = mmap(NULL, shared_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED) {
		fprintf(stderr, "bench_claim: mmap: %s\n", strerror(errno));
		return -1;
	}
	volatile int *issuers_left = shared, *warming = issuers_left + 1;
	*issuers_left = ISSUERS;
	*warming = counters;
#define RESULT(i) ((struct counter_result *)((char *)shared + SHARED_HEADER + (size_t)(i)*slot))
	if (pipe(pipefd) != 0) {
		fprintf(stderr, "bench_claim: pipe: %s\n", strerror(errno));
		goto out;
	}
	fflush(NULL);
	for (int i = 0; i < counters + ISSUERS; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			fprintf(stderr, "bench_claim: fork: %s\n", strerror(errno));
			goto out;
		}
		if (pid == 0) {
			close(pipefd[1]);
			int status = i < counters
			                 ? counter_child(cfg, i + 1, pipefd[0], issuers_left,
			                                 warming, RESULT(i), capacity)
			                 : issuer_child(cfg, i - counters, o->issue_during,
			                                pipefd[0], issuers_left);
			_exit(status);
		}
		pids[npids++] = pid;
	}
	/*
	 * Every counter past its first claim (a hang guard of about a minute),
	 * the issuers given time to open their stores, then all released at once.
	 */
	for (int i = 0; i < 60000 && __atomic_load_n(warming, __ATOMIC_SEQ_CST) > 0; i++)
		clock_sleep_ms(1);
	clock_sleep_ms(200);
	int64_t t0 = clock_monotonic_us();
	close(pipefd[1]);
	pipefd[1] = -1;
	bool child_failed = false;
	for (int i = 0; i < npids; i++) {
		int status;
		while (waitpid(pids[i], &status, 0) < 0) {
			if (errno != EINTR) {
				fprintf(stderr, "bench_claim: waitpid: %s\n", strerror(errno));
				goto out;
			}
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			child_failed = true;
	}
	npids = 0;
	int64_t t1 = t0;
	*fig = (struct claim_figures){0};
	for (int i = 0; i < counters; i++) {
		struct counter_result *r = RESULT(i);
		fig->claims += r->claims;
		fig->errors += r->errors;
		if (r->done_us > t1)
			t1 = r->done_us;
		if (r->first_error.code)
			fprintf(stderr, "bench_claim: counter %d: %d errors, first: %s\n", i + 1,
			        r->errors, r->first_error.msg);
	}
	if (child_failed) {
		fprintf(stderr, "bench_claim: a child process failed\n");
		goto out;
	}
	if (!fig->claims) {
		fprintf(stderr, "bench_claim: no claims were made\n");
		goto out;
	}
	all = malloc((size_t)fig->claims * sizeof(*all));
	int64_t firsts[MAX_COUNTERS];
	size_t n = 0, n_first = 0;
	if (!all) {
		fprintf(stderr, "bench_claim: out of memory\n");
		goto out;
	}
	for (int i = 0; i < counters; i++) {
		const struct counter_result *r = RESULT(i);
		memcpy(all + n, r->latency_us, (size_t)r->claims * sizeof(*all));
		n += (size_t)r->claims;
		if (r->warm_us > 0)
			firsts[n_first++] = r->warm_us;
	}
	qsort(all, n, sizeof(*all), compare_i64);
	qsort(firsts, n_first, sizeof(*firsts), compare_i64);
	fig->first_p50_ms = n_first ? percentile_ms(firsts, n_first, 50) : 0;
	fig->first_max_ms = n_first ? (double)firsts[n_first - 1] / 1000.0 : 0;
	fig->seconds = (double)(t1 - t0) / 1e6;
	fig->rate = fig->claims / fig->seconds;
	fig->p50_ms = percentile_ms(all, n, 50);
	fig->p90_ms = percentile_ms(all, n, 90);
	fig->p99_ms = percentile_ms(all, n, 99);
	fig->p999_ms = percentile_ms(all, n, 99.9);
	fig->max_ms = (double)all[n - 1] / 1000.0;
	rc = 0;
#undef RESULT
out:
	for (int i = 0; i < npids; i++) {
		kill(pids[i], SIGKILL);
		waitpid(pids[i], NULL, 0);
	}
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	free(all);
	munmap(shared, shared_len);
	return rc;
}

/* Log in every counter, so that they may call. */
static int
login_counters(struct store *s, const struct config *cfg)
{
	struct sq_error err = {0};
	char officer[24];

	for (int n = 1; n <= counters; n++) {
		snprintf(officer, sizeof(officer), "officer%d", n);
		if (store_counter_status_event(s, cfg, n, EVENT_LOGIN, officer, &err) != SQ_OK) {
			fprintf(stderr, "bench_claim: login: %s\n", err.msg);
			return -1;
		}
	}
	return 0;
}

static int
positive(const char *arg, const char *what)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*end || v < 1 || v > 1000000) {
		fprintf(stderr, "bench_claim: %s '%s' is not a count from 1 to 1000000\n", what,
		        arg);
		exit(1);
	}
	return (int)v;
}

static const char *
verdict(bool ok)
{
	return ok ? "PASS" : "MISS";
}

/*
 * Every figure on one engine: SQLite in a new folder under o->dir, or the
 * PostgreSQL database pg_setting names. 0, or 1 when the benchmark cannot run.
 */
static int
bench_engine(const struct options *o, bool pg, const char *pg_setting)
{
	struct config *cfg = NULL;
	struct store *s = NULL;
	struct sq_error err = {0};
	struct claim_figures fig = {0};
	char dir[DIR_MAX], db[DIR_MAX + 32];
	double raw_rate = 0, locked_rate = 0, issue_rate = 0;
	int status = 1;

	snprintf(dir, sizeof(dir), "%s/saduak-bench-XXXXXX", o->dir);
	if (!mkdtemp(dir)) {
		fprintf(stderr, "bench_claim: unable to create a folder in '%s': %s\n", o->dir,
		        strerror(errno));
		return 1;
	}
	snprintf(db, sizeof(db), "%s", pg ? pg_setting : "");
	if (!pg)
		snprintf(db, sizeof(db), "%s/queue.db", dir);
	snprintf(lock_path, sizeof(lock_path), "%s/claim.lock", dir);
	if (pg)
		printf("bench_claim: PostgreSQL at '%s' (libpq %d), %d counters\n", pg_setting,
		       PQlibVersion(), counters);
	else
		printf("bench_claim: folder %s, SQLite %s, %d counters\n", dir,
		       sqlite3_libversion(), counters);

	if (!pg && bench_raw(dir, o->raw, &raw_rate) != 0)
		goto out;
	if (!pg)
		printf("(a) raw INSERT transactions (WAL, synchronous=FULL), 1 process: %8.0f /s"
		       "  (%.3f ms each)\n",
		       raw_rate, 1000.0 / raw_rate);

	if (make_config(dir, db, &cfg) != 0)
		goto out;
	if (store_open(cfg->database, &s, &err) != SQ_OK) {
		fprintf(stderr, "bench_claim: %s\n", err.msg);
		goto out;
	}
	/* After the store made its tables: an empty database is the store's to take. */
	if (pg && (bench_raw_pg(pg_setting, counters + ISSUERS, o->raw, false, &raw_rate) != 0 ||
	           bench_raw_pg(pg_setting, counters + ISSUERS, o->raw, true, &locked_rate) != 0))
		goto out;
	if (pg)
		printf("(a) raw single-row INSERT commits, %d connections:        %8.0f /s\n"
		       "(a2) the same, each under the office's write lock:        %8.0f /s"
		       "  (%.3f ms each)\n",
		       counters + ISSUERS, raw_rate, locked_rate, 1000.0 / locked_rate);
	int64_t t0 = clock_monotonic_us();
	if (issue_tickets(s, cfg, o->issue, 0, -1) != 0)
		goto out;
	issue_rate = o->issue / ((clock_monotonic_us() - t0) / 1e6);
	printf("(b) store_issue, 1 process:                                %8.0f /s"
	       "  (%.3f ms each)\n",
	       issue_rate, 1000.0 / issue_rate);

	/* The queue the counters start on: (b)'s tickets topped up to --queue. */
	if (issue_tickets(s, cfg, o->queue - o->issue, o->issue, -1) != 0 ||
	    login_counters(s, cfg) != 0)
		goto out;
	/* One counter alone: the cost of a claim without any contention. */
	t0 = clock_monotonic_us();
	for (int i = 0; i < o->single; i++) {
		struct store_call call;
		if (store_call_next(s, cfg, 1 + i % counters, &call, &err) != SQ_OK) {
			fprintf(stderr, "bench_claim: %s\n", err.msg);
			goto out;
		}
	}
	double single_rate = o->single / ((clock_monotonic_us() - t0) / 1e6);
	printf("(c0) store_call_next, 1 process alone:                     %8.0f /s"
	       "  (%.3f ms each)\n",
	       single_rate, 1000.0 / single_rate);
	store_close(s);
	s = NULL;
	if (bench_claims(cfg, o, &fig) != 0)
		goto out;
	printf("(c) store_call_next, %d counter processes + %d issuers:     %8.0f /s"
	       "  (%d claims in %.2f s, %d errors; waiting: %s)\n",
	       counters, ISSUERS, fig.rate, fig.claims, fig.seconds, fig.errors,
	       variant_names[variant]);
	print_latency(&fig);

	/* (d): the same counters, each pausing between claims as a person would, only faster. */
	struct claim_figures paced = {0};
	if (store_open(cfg->database, &s, &err) != SQ_OK) {
		fprintf(stderr, "bench_claim: %s\n", err.msg);
		goto out;
	}
	if (issue_tickets(s, cfg, o->queue, o->queue, -1) != 0)
		goto out;
	store_close(s);
	s = NULL;
	pace_ms = o->pace_ms;
	if (bench_claims(cfg, o, &paced) != 0)
		goto out;
	pace_ms = 0;
	printf("(d) the same, each counter pausing 0-%d ms between claims:  %8.0f /s"
	       "  (%d claims in %.2f s, %d errors)\n",
	       2 * o->pace_ms, paced.rate, paced.claims, paced.seconds, paced.errors);
	print_latency(&paced);

	double claim_pct = 100.0 * fig.rate / raw_rate;
	double issue_pct = 100.0 * issue_rate / raw_rate;
	printf("ratios: claim throughput / raw insert rate %.0f %%; issue rate / raw insert rate "
	       "%.0f %%\n",
	       claim_pct, issue_pct);
	if (pg)
		printf("ratios: claim throughput / (a2), the rate of any writer under the office's "
		       "lock: %.0f %%\n",
		       100.0 * fig.rate / locked_rate);
	printf("target: p99 claim latency < %.0f ms, tight loop (c):    %7.2f ms  %s\n",
	       TARGET_P99_MS, fig.p99_ms, verdict(fig.p99_ms < TARGET_P99_MS));
	printf("target: p99 claim latency < %.0f ms, paced (d):         %7.2f ms  %s\n",
	       TARGET_P99_MS, paced.p99_ms, verdict(paced.p99_ms < TARGET_P99_MS));
	printf("target: claim throughput >= %.0f %% of raw insert rate: %7.0f %%   %s\n",
	       TARGET_THROUGHPUT_PCT, claim_pct, verdict(claim_pct >= TARGET_THROUGHPUT_PCT));
	status = 0;
out:
	store_close(s);
	config_free(cfg);
	/* Remove the folder and its databases (WAL and shm files included). */
	static const char *const files[] = {"raw.db",     "raw.db-wal",   "raw.db-shm",
	                                    "queue.db",   "queue.db-wal", "queue.db-shm",
	                                    "office.ini", "claim.lock"};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[DIR_MAX + 32];
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if (unlink(path) != 0 && errno != ENOENT)
			fprintf(stderr, "bench_claim: unable to remove '%s': %s\n", path,
			        strerror(errno));
	}
	if (rmdir(dir) != 0)
		fprintf(stderr, "bench_claim: unable to remove '%s': %s\n", dir, strerror(errno));
	return status;
}

int
main(int argc, char **argv)
{
	static const struct option long_options[] = {
	    {"dir", required_argument, NULL, 'd'},
	    {"raw", required_argument, NULL, 'r'},
	    {"issue", required_argument, NULL, 'i'},
	    {"queue", required_argument, NULL, 'q'},
	    {"issue-during", required_argument, NULL, 'u'},
	    {"single", required_argument, NULL, 's'},
	    {"variant", required_argument, NULL, 'v'},
	    {"pace", required_argument, NULL, 'p'},
	    {"counters", required_argument, NULL, 'c'},
	    {"engine", required_argument, NULL, 'e'},
	    {"database", required_argument, NULL, 'D'},
	    {NULL, 0, NULL, 0},
	};
	struct options o = {.raw = 2000,
	                    .issue = 2000,
	                    .queue = 3000,
	                    .issue_during = 500,
	                    .single = 500,
	                    .pace_ms = 10};
	int opt;
	enum { ENGINE_SQLITE, ENGINE_POSTGRESQL, ENGINE_BOTH } engines = ENGINE_SQLITE;
	const char *pg_setting = "postgresql://";

	o.dir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	while ((opt = getopt_long(argc, argv, "d:r:i:q:u:s:v:p:c:e:D:", long_options, NULL)) !=
	       -1) {
		switch (opt) {
		case 'd':
			o.dir = optarg;
			break;
		case 'r':
			o.raw = positive(optarg, "--raw");
			break;
		case 'i':
			o.issue = positive(optarg, "--issue");
			break;
		case 'q':
			o.queue = positive(optarg, "--queue");
			break;
		case 'u':
			o.issue_during = positive(optarg, "--issue-during");
			break;
		case 's':
			o.single = positive(optarg, "--single");
			break;
		case 'p':
			o.pace_ms = positive(optarg, "--pace");
			break;
		case 'c':
			counters = positive(optarg, "--counters");
			if (counters > MAX_COUNTERS) {
				fprintf(stderr, "bench_claim: --counters %d: at most %d\n",
				        counters, MAX_COUNTERS);
				return 1;
			}
			break;
		case 'e':
			if (strcmp(optarg, "sqlite") == 0)
				engines = ENGINE_SQLITE;
			else if (strcmp(optarg, "postgresql") == 0)
				engines = ENGINE_POSTGRESQL;
			else if (strcmp(optarg, "both") == 0)
				engines = ENGINE_BOTH;
			else {
				fprintf(stderr,
				        "bench_claim: --engine '%s' is not sqlite, postgresql or "
				        "both\n",
				        optarg);
				return 1;
			}
			break;
		case 'D':
			pg_setting = optarg;
			break;
		case 'v': {
			size_t i, n = sizeof(variant_names) / sizeof(variant_names[0]);
			for (i = 0; i < n && strcmp(optarg, variant_names[i]) != 0; i++)
				;
			if (i == n) {
				fprintf(stderr,
				        "bench_claim: --variant '%s' is not store, "
				        "short-sleep or flock\n",
				        optarg);
				return 1;
			}
			variant = (enum variant)i;
			break;
		}
		default:
			fprintf(stderr,
			        "usage: bench_claim [--dir DIR] [--raw N] [--issue N] "
			        "[--queue N] [--issue-during N] [--single N] "
			        "[--variant store|short-sleep|flock] [--pace MS] [--counters N] "
			        "[--engine sqlite|postgresql|both] [--database SETTING]\n");
			return 1;
		}
	}
	if (engines != ENGINE_SQLITE && variant != VARIANT_STORE) {
		fprintf(stderr,
		        "bench_claim: --variant %s tries SQLite's waiting; PostgreSQL has "
		        "only the store's\n",
		        variant_names[variant]);
		return 1;
	}
	if (o.queue < o.issue + o.single)
		o.queue = o.issue + o.single;
	int status = 0;
	if (engines != ENGINE_POSTGRESQL)
		status |= bench_engine(&o, false, NULL);
	if (engines != ENGINE_SQLITE)
		status |= bench_engine(&o, true, pg_setting);
	return status;
}
