/*
 * counter_displays.c - `saduak-counter displays`: every counter's LED
 * display follows the log, whichever program made the call (the native
 * console, the browser counter page, a command-line verb).
 *
 * One process on the PC wired to the displays' bus drives every counter
 * with `display = NAME`: one led_bus, so displays daisy-chained on one
 * RS-485 port share it and their frames never interleave. The loop (every
 * TICK_MS) polls the log's data_version; on a change it reads the calls and
 * recalls logged since the last one it saw (store_calls_after, as the board
 * does) and shows each on its counter's display, then makes each display
 * follow its counter's state: closed blank, on break the break text, a
 * ticket held shown, a ticket sent away (no-show, park, transfer) blank, a
 * finished one left up until the next call. The frames come from
 * counter_display_put(), the console's and the verbs' own, so the bytes
 * are the same. A display that comes back is sent what it should show by
 * led_display_poll(). The log is held through screen_log.h, as the
 * screens hold it: out of reach at start or later (a server restarting, a
 * cable out), the displays keep what they show, the fault is logged once
 * and the log tried again every second; when it answers every display is
 * sent its counter's state again.
 *
 * Runs until SIGTERM or SIGINT; a Type=notify service with a watchdog
 * (systemd/saduak-displays.service).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "clock.h"
#include "counter_display.h"
#include "counter_office.h"
#include "display_proto.h"
#include "log.h"
#include "screen_log.h"
#include "service.h"
#include "thaitime.h"

#define TICK_MS   100  /* data_version and the displays' retries */
#define RELOAD_MS 5000 /* follow the states anyway (a missed change, a new day) */
#define CALLS_MAX 32   /* calls read at a time */

struct follower {
	const struct config *cfg;
	struct screen_log log;
	struct led_bus *bus;
	struct led_display *led[CONFIG_MAX_COUNTERS]; /* by config index; NULL: none */
	char shown[CONFIG_MAX_COUNTERS][24];          /* "T:A012", "B", "C"; "" unknown */
	int day;                                      /* service day of last_id */
	int64_t last_id;                              /* the last call event seen */
	int64_t version;
	int64_t next_reload_ms; /* monotonic */
	bool resend;            /* the log was out of reach: send every state again */
};

static volatile sig_atomic_t stop_signal;

/* SIGTERM, SIGINT: leave the loop at its next turn. */
static void
on_stop(int sig)
{
	stop_signal = sig;
}

/* The config index of counter number n, or -1. */
static long
counter_index(const struct config *cfg, int n)
{
	for (size_t i = 0; i < cfg->n_counters; i++)
		if (cfg->counters[i].number == n)
			return (long)i;
	return -1;
}

/* Put what on counter k's display, remembering it as shown (want). */
static void
put(struct follower *f, size_t k, enum counter_led what, const char *code, const char *want)
{
	struct sq_error err = {0};

	snprintf(f->shown[k], sizeof(f->shown[k]), "%s", want);
	if (counter_display_put(f->led[k], f->cfg->counters[k].number, what, code, &err) != SQ_OK)
		log_warn("counter %d: %s", f->cfg->counters[k].number, err.msg);
}

/* Show the calls logged since the last one seen; quiet: only move past them (at start). */
static int
read_calls(struct follower *f, bool quiet, struct sq_error *err)
{
	struct store_recent_call calls[CALLS_MAX];
	char want[24];
	size_t n;

	do {
		int rc =
		    store_calls_after(f->log.store, f->day, f->last_id, calls, CALLS_MAX, &n, err);
		if (rc != SQ_OK)
			return rc;
		for (size_t i = 0; i < n; i++) {
			long k = counter_index(f->cfg, calls[i].counter);
			f->last_id = calls[i].event_id;
			if (quiet || k < 0 || !f->led[k])
				continue;
			snprintf(want, sizeof(want), "T:%s", calls[i].code);
			put(f, (size_t)k, calls[i].recall ? COUNTER_LED_RECALL : COUNTER_LED_TICKET,
			    calls[i].code, want);
		}
	} while (n == CALLS_MAX);
	return SQ_OK;
}

/* Make counter k's display follow its state in the log. */
static int
follow_state(struct follower *f, size_t k, struct sq_error *err)
{
	struct store_counter c;
	struct store_ticket t;
	char want[24];
	int rc;

	if ((rc = store_counter_get(f->log.store, f->cfg->counters[k].number, &c, err)) != SQ_OK)
		return rc;
	if (c.status == COUNTER_CLOSED) {
		if (strcmp(f->shown[k], "C") != 0)
			put(f, k, COUNTER_LED_CLEAR, NULL, "C");
	} else if (c.status == COUNTER_BREAK) {
		if (strcmp(f->shown[k], "B") != 0)
			put(f, k, COUNTER_LED_BREAK, NULL, "B");
	} else if (c.has_ticket) {
		snprintf(want, sizeof(want), "T:%s", c.ticket.code);
		if (strcmp(f->shown[k], want) != 0)
			put(f, k, COUNTER_LED_TICKET, c.ticket.code, want);
	} else if (strncmp(f->shown[k], "T:", 2) == 0) {
		/* Open and free: a finished ticket stays up, one sent away is blanked. */
		rc = store_ticket_find(f->log.store, f->day, f->shown[k] + 2, &t, err);
		if (rc == SQ_ERR_NOTFOUND ||
		    (rc == SQ_OK && t.state != TICKET_DONE && t.state != TICKET_VOIDED))
			put(f, k, COUNTER_LED_CLEAR, NULL, "C");
		else if (rc != SQ_OK)
			return rc;
	}
	return SQ_OK;
}

/* Read the log and bring every display up to it. */
static void
follow(struct follower *f, int64_t mono)
{
	struct sq_error err = {0};
	int day = thaitime_day_key(clock_now_ms());
	bool start = f->day == 0;
	int rc = SQ_OK;

	f->next_reload_ms = mono + RELOAD_MS;
	if (day != f->day) {
		f->day = day;
		f->last_id = 0;
	}
	if (f->resend)
		for (size_t k = 0; k < f->cfg->n_counters; k++)
			f->shown[k][0] = '\0';
	rc = read_calls(f, start, &err);
	for (size_t k = 0; rc == SQ_OK && k < f->cfg->n_counters; k++)
		if (f->led[k])
			rc = follow_state(f, k, &err);
	if (rc != SQ_OK) {
		/* Out of reach: tried again by the poll; a rule's answer is only logged. */
		if (screen_log_failed(&f->log, &err, mono))
			f->resend = true;
		else
			log_warn("reading the log: %s", err.msg);
		return;
	}
	if (f->resend && !start)
		log_info("the log answers again: every display sent its counter's state");
	f->resend = false;
}

/* One turn of the loop: the displays' retries, then the log if it changed. */
static void
turn(struct follower *f)
{
	int64_t mono = clock_monotonic_ms(), version;

	if (led_display_poll(f->bus, mono) > 0)
		log_info("a display port is back online: its displays caught up");
	enum screen_log_state state = screen_log_poll(&f->log, mono, &version);

	if (state == SCREEN_LOG_DOWN) {
		f->resend = true;
		return;
	}
	if (version != f->version || state == SCREEN_LOG_BACK || f->resend ||
	    mono >= f->next_reload_ms) {
		f->version = version;
		follow(f, mono);
	}
}

/* Put every counter's display on one bus; the number of displays. */
static size_t
add_displays(struct follower *f)
{
	int64_t mono = clock_monotonic_ms();
	size_t n = 0;

	for (size_t k = 0; k < f->cfg->n_counters; k++) {
		const struct config_counter *cc = &f->cfg->counters[k];
		struct display_config dc;
		struct sq_error err = {0};

		if (!cc->display)
			continue;
		if (display_config_load(f->cfg, cc->display, &dc, &err) != SQ_OK ||
		    led_display_add(f->bus, &dc, mono, &f->led[k], &err) != SQ_OK) {
			log_warn("counter %d: LED display off: %s", cc->number, err.msg);
			continue;
		}
		if (led_display_state(f->led[k]) == LED_STATE_OFFLINE)
			log_warn("counter %d: display %s offline: %s", cc->number, dc.name,
			         led_display_reason(f->led[k]));
		n++;
	}
	return n;
}

int
counter_displays_command(struct config *cfg, int argc, char **argv)
{
	struct follower f = {.cfg = cfg, .version = -1};
	const struct timespec tick = {.tv_nsec = TICK_MS * 1000000L};
	struct sigaction sa = {.sa_handler = on_stop};
	struct sq_error err = {0};
	size_t n;
	int status;

	if (argc > 1) {
		log_error("'displays' takes no arguments");
		return CLI_EXIT_USAGE;
	}
	(void)argv;
	cli_warn_device_faults(cfg);
	if ((status = screen_log_open(&f.log, cfg, STORE_CHECK_FULL)) != CLI_EXIT_OK)
		return status;
	if (led_bus_open(&f.bus, &err) != SQ_OK) {
		screen_log_close(&f.log);
		return cli_fail(&err);
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	n = add_displays(&f);
	turn(&f);
	log_info("following the log on %zu display%s", n, n == 1 ? "" : "s");
	service_ready("following the log");
	while (!stop_signal) {
		service_watchdog_kick();
		nanosleep(&tick, NULL);
		turn(&f);
	}
	service_stopping();
	log_info("stopping (signal %d)", (int)stop_signal);
	led_bus_close(f.bus);
	screen_log_close(&f.log);
	return CLI_EXIT_OK;
}
