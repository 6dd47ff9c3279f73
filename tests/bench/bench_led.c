/*
 * bench_led.c - from the officer's action to the last byte of the LED frame.
 *
 * For each protocol (modbus a, alpha with checksum, ascii with XOR) on a
 * pseudo-terminal (the reader drains it, as a display would):
 *   led     led_display_show_ticket(): the frame encoded, the device locked,
 *           written, unlocked (on Modbus after the wire time and the gap)
 *   action  what the console does on Enter: store_call_next() (a durable
 *           commit) and then the frame, i.e. key handler to last byte
 * beside the frame's wire time at the configured baud. Target: the LED part
 * within wire time + 10 ms. Prints figures (median and 99th percentile of
 * N runs), never fails on them.
 *
 *   bench_led [RUNS]     (default 200)
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "display_proto.h"
#include "led_display.h"
#include "log.h"
#include "store.h"
#include "thaitime.h"

/* Drain everything the display side has received. */
static void
drain(int master)
{
	uint8_t buf[4096];
	struct pollfd p = {.fd = master, .events = POLLIN};

	while (poll(&p, 1, 0) > 0 && read(master, buf, sizeof(buf)) > 0)
		;
}

/* Compare two int64 for qsort. */
static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Median and 99th percentile of n samples (sorted in place), in ms. */
static void
figures(int64_t *us, size_t n, double *median, double *p99)
{
	qsort(us, n, sizeof(*us), cmp64);
	*median = (double)us[n / 2] / 1000.0;
	*p99 = (double)us[n * 99 / 100] / 1000.0;
}

/* Write the bench office (one counter, one service) into dir; path into out. */
static int
write_office(const char *dir, char *out, size_t n)
{
	FILE *f;

	snprintf(out, n, "%s/office.ini", dir);
	f = fopen(out, "w");
	if (!f)
		return -1;
	fprintf(f, "[office]\nname_th = ทดสอบ\nname_en = Bench\ndatabase = queue.db\n\n"
	           "[service A]\nname_th = ก\nname_en = A\nkind = mission\n"
	           "hours = daily 00:00-24:00\ntarget_minutes = 10\n\n"
	           "[counter 1]\nlocation_th = ชั้น 1\nlocation_en = Floor 1\nservices = A\n");
	return fclose(f) == 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	static const char *const protos[][4] = {
	    {"modbus", "modbus_profile", "a", "modbus a"},
	    {"alpha", "alpha_checksum", "yes", "alpha"},
	    {"ascii", "ascii_checksum", "xor", "ascii xor"},
	};
	long runs = argc > 1 ? strtol(argv[1], NULL, 10) : 200;
	char dir[] = "/tmp/bench_led.XXXXXX", ini[512];
	struct config *cfg = NULL;
	struct store *store = NULL;
	struct sq_error err = {0};
	int64_t *led_us = NULL, *act_us = NULL;
	int status = 1;

	log_init("bench_led", LOG_LEVEL_ERROR);
	if (runs < 10)
		runs = 10;
	led_us = calloc((size_t)runs, sizeof(*led_us));
	act_us = calloc((size_t)runs, sizeof(*act_us));
	if (!led_us || !act_us || !mkdtemp(dir) || write_office(dir, ini, sizeof(ini)) ||
	    config_load(ini, &cfg, &err) || thaitime_set_zone(cfg->timezone, &err) ||
	    store_open(cfg->database, &store, &err) ||
	    store_counter_status_event(store, cfg, 1, EVENT_LOGIN, "bench", &err)) {
		fprintf(stderr, "bench_led: set-up: %s\n", err.msg[0] ? err.msg : strerror(errno));
		goto out;
	}
	printf("%-10s %5s %6s %10s %10s %10s %12s %12s\n", "protocol", "bytes", "baud", "wire ms",
	       "led med", "led p99", "action med", "action p99");
	for (size_t p = 0; p < sizeof(protos) / sizeof(protos[0]); p++) {
		struct termios raw;
		char name[128];
		int master, slave;
		struct display_config dc;
		struct led_bus *bus = NULL;
		struct led_display *d = NULL;
		uint8_t frame[DISPLAY_FRAME_MAX];
		size_t len = 0;

		memset(&raw, 0, sizeof(raw));
		cfmakeraw(&raw);
		if (openpty(&master, &slave, name, &raw, NULL) != 0) {
			fprintf(stderr, "bench_led: openpty: %s\n", strerror(errno));
			goto out;
		}
		struct config_kv kv[] = {
		    {.key = "protocol", .value = (char *)protos[p][0]},
		    {.key = "port", .value = name},
		    {.key = "transport", .value = "termios"},
		    {.key = (char *)protos[p][1], .value = (char *)protos[p][2]},
		};
		struct config_section sec = {
		    .kind = "display", .name = "1", .path = "bench", .kv = kv, .n_kv = 4};
		struct display_content c = {.kind = DISPLAY_CONTENT_TICKET};
		snprintf(c.code, sizeof(c.code), "A123");
		if (display_config_parse(&sec, &dc, &err) ||
		    display_encode(&dc, &c, frame, sizeof(frame), &len, &err) ||
		    led_bus_open(&bus, &err) ||
		    led_display_add(bus, &dc, clock_monotonic_ms(), &d, &err)) {
			fprintf(stderr, "bench_led: %s: %s\n", protos[p][3], err.msg);
			led_bus_close(bus);
			close(master);
			close(slave);
			goto out;
		}
		int bits = 1 + dc.serial.data_bits + (dc.serial.parity != SERIAL_PARITY_NONE) +
		           dc.serial.stop_bits;
		double wire_ms = (double)len * bits * 1000.0 / dc.serial.baud;
		for (long i = 0; i < runs; i++) {
			char code[16];
			struct store_call call;

			drain(master);
			snprintf(code, sizeof(code), "A%03ld", i % 1000);
			int64_t t0 = clock_monotonic_us();
			if (led_display_show_ticket(d, code, 1) != SQ_OK) {
				fprintf(stderr, "bench_led: %s: write failed\n", protos[p][3]);
				break;
			}
			led_us[i] = clock_monotonic_us() - t0;
			drain(master);
			if (store_issue(store, cfg, "A", NULL, &call.ticket, &err)) {
				fprintf(stderr, "bench_led: issue: %s\n", err.msg);
				break;
			}
			t0 = clock_monotonic_us();
			if (store_call_next(store, cfg, 1, &call, &err) ||
			    led_display_show_ticket(d, call.ticket.code, 1) != SQ_OK) {
				fprintf(stderr, "bench_led: call: %s\n", err.msg);
				break;
			}
			act_us[i] = clock_monotonic_us() - t0;
		}
		double lm, lp, am, ap;
		figures(led_us, (size_t)runs, &lm, &lp);
		figures(act_us, (size_t)runs, &am, &ap);
		printf("%-10s %5zu %6d %10.2f %10.2f %10.2f %12.2f %12.2f   led %s wire + 10 ms\n",
		       protos[p][3], len, dc.serial.baud, wire_ms, lm, lp, am, ap,
		       lp <= wire_ms + 10 ? "within" : "OVER");
		led_bus_close(bus);
		close(master);
		close(slave);
	}
	printf("led: show_ticket() until the last byte is handed to the transport (Modbus: and "
	       "until it has left the wire + the 4 ms gap, under the device lock)\n"
	       "action: store_call_next() (durable commit) + show_ticket(), as on Enter\n");
	status = 0;
out:
	store_close(store);
	config_free(cfg);
	free(led_us);
	free(act_us);
	return status;
}
