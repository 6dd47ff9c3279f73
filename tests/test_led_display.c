/*
 * Tests of the LED display driver (led_display.c) over pseudo-terminals: the
 * driver writes to the slave through the termios transport, the test reads
 * the master and decodes with display_decode.c, as the display would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "display_decode.h"
#include "led_display.h"
#include "log.h"

/* One emulated display: the master side of a pty, reachable through a symlink. */
struct fake_display {
	int master;
	char dir[64];
	char link[128]; /* dir/display -> /dev/pts/N */
	uint8_t buf[4096];
	size_t len;
};

/* Open a new pty and point f->link at its slave. */
static void
fake_plug(struct fake_display *f)
{
	int slave;
	char name[128];

	assert_int_equal(openpty(&f->master, &slave, name, NULL, NULL), 0);
	/* The driver opens the slave by name; the test keeps only the master. */
	close(slave);
	unlink(f->link);
	assert_int_equal(symlink(name, f->link), 0);
	f->len = 0;
}

static void
fake_create(struct fake_display *f)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/saduak-led-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->link, sizeof(f->link), "%s/display", f->dir);
	fake_plug(f);
}

/* Pull the display's cable: close the master. */
static void
fake_unplug(struct fake_display *f)
{
	close(f->master);
	f->master = -1;
}

static void
fake_destroy(struct fake_display *f)
{
	if (f->master >= 0)
		close(f->master);
	unlink(f->link);
	rmdir(f->dir);
}

/* Read until one frame decodes (or timeout_ms passes); 1 if one did. */
static int
fake_frame(struct fake_display *f, const struct display_config *cfg, struct display_frame *out,
           int timeout_ms)
{
	int64_t deadline = clock_monotonic_ms() + timeout_ms;

	for (;;) {
		size_t used = 0;
		struct sq_error err = {0};
		int r = display_decode(cfg, f->buf, f->len, out, &used, &err);
		if (used) {
			memmove(f->buf, f->buf + used, f->len - used);
			f->len -= used;
		}
		if (r == 1)
			return 1;
		if (r < 0)
			fail_msg("bad frame: %s", err.msg);
		int64_t left = deadline - clock_monotonic_ms();
		if (left <= 0)
			return 0;
		struct pollfd pfd = {.fd = f->master, .events = POLLIN};
		if (poll(&pfd, 1, (int)left) <= 0)
			return 0;
		ssize_t n = read(f->master, f->buf + f->len, sizeof(f->buf) - f->len);
		if (n <= 0)
			return 0;
		f->len += (size_t)n;
	}
}

/* A display_config for the fake at path. */
static void
config_for(struct display_config *cfg, enum display_protocol p, const char *name, const char *path)
{
	display_config_defaults(cfg, p);
	snprintf(cfg->name, sizeof(cfg->name), "%s", name);
	snprintf(cfg->serial.path, sizeof(cfg->serial.path), "%s", path);
	cfg->serial.kind = SERIAL_TERMIOS;
	cfg->write_timeout_ms = 50;
	cfg->retry_seconds = 2;
}

static void
test_led_display_shows_ticket(void **state)
{
	struct fake_display f;
	struct display_config cfg;
	struct led_bus *bus;
	struct led_display *d;
	struct display_frame fr;

	(void)state;
	fake_create(&f);
	config_for(&cfg, DISPLAY_PROTO_ALPHA, "1", f.link);
	cfg.address = 3;
	cfg.show_counter = true;
	assert_int_equal(led_bus_open(&bus, NULL), SQ_OK);
	assert_int_equal(led_display_add(bus, &cfg, 0, &d, NULL), SQ_OK);
	assert_int_equal(led_display_state(d), LED_STATE_ONLINE);
	assert_string_equal(led_display_reason(d), "");

	assert_int_equal(led_display_show_ticket(d, "A012", 3), SQ_OK);
	assert_int_equal(fake_frame(&f, &cfg, &fr, 1000), 1);
	assert_int_equal(fr.address, 3);
	assert_string_equal(fr.text, "A012 3");
	assert_false(fr.flash);

	assert_int_equal(led_display_recall(d), SQ_OK);
	assert_int_equal(fake_frame(&f, &cfg, &fr, 1000), 1);
	assert_string_equal(fr.text, "A012 3");
	assert_true(fr.flash);

	assert_int_equal(led_display_show_break(d), SQ_OK);
	assert_int_equal(fake_frame(&f, &cfg, &fr, 1000), 1);
	assert_string_equal(fr.text, "----");
	assert_int_equal(led_display_recall(d), SQ_ERR_STATE);

	assert_int_equal(led_display_clear(d), SQ_OK);
	assert_int_equal(fake_frame(&f, &cfg, &fr, 1000), 1);
	assert_string_equal(fr.text, "");

	char line[600];
	led_display_status(d, line, sizeof(line));
	assert_int_equal(led_display_state(d), LED_STATE_ONLINE);
	assert_non_null(strstr(line, " 9600 7E1 (termios)"));
	assert_int_equal(line[0], '/'); /* the port's path first */
	led_bus_close(bus);
	fake_destroy(&f);
}

/* A code wider than the display blanks it (never "DX00") and logs a warning. */
static void
test_led_display_wide_code_blanks(void **state)
{
	struct fake_display f;
	struct display_config cfg;
	struct led_bus *bus;
	struct led_display *d;
	struct display_frame fr;
	char logged[512] = "";
	FILE *log_file = tmpfile();
	int saved_stderr = dup(STDERR_FILENO);

	(void)state;
	assert_non_null(log_file);
	assert_true(saved_stderr >= 0);
	fake_create(&f);
	config_for(&cfg, DISPLAY_PROTO_ALPHA, "narrow", f.link);
	cfg.width = 4;
	assert_int_equal(led_bus_open(&bus, NULL), SQ_OK);
	assert_int_equal(led_display_add(bus, &cfg, 0, &d, NULL), SQ_OK);
	assert_int_equal(led_display_show_ticket(d, "A012", 0), SQ_OK);
	assert_int_equal(fake_frame(&f, &cfg, &fr, 1000), 1);
	assert_string_equal(fr.text, "A012");

	log_init("test_led_display", LOG_LEVEL_WARN);
	assert_int_equal(dup2(fileno(log_file), STDERR_FILENO), STDERR_FILENO);
	int rc = led_display_show_ticket(d, "DX001", 0);
	assert_int_equal(dup2(saved_stderr, STDERR_FILENO), STDERR_FILENO);
	log_init("test_led_display", LOG_LEVEL_ERROR);
	assert_int_equal(rc, SQ_OK);
	/* Blank: neither the cut code nor the previous ticket stays up. */
	assert_int_equal(fake_frame(&f, &cfg, &fr, 1000), 1);
	assert_string_equal(fr.text, "");
	rewind(log_file);
	assert_true(fread(logged, 1, sizeof(logged) - 1, log_file) > 0);
	assert_non_null(strstr(logged, "display 'narrow': ticket DX001 is wider than its 4"));
	fclose(log_file);
	close(saved_stderr);
	led_bus_close(bus);
	fake_destroy(&f);
}

static void
test_led_display_shared_bus_in_order(void **state)
{
	struct fake_display f;
	struct display_config c1, c2;
	struct led_bus *bus;
	struct led_display *d1, *d2, *dup;
	struct display_frame fr;
	struct sq_error err = {0};

	(void)state;
	fake_create(&f);
	config_for(&c1, DISPLAY_PROTO_MODBUS, "1", f.link);
	config_for(&c2, DISPLAY_PROTO_MODBUS, "2", f.link);
	c1.numeric = c2.numeric = true;
	c2.address = 2;
	assert_int_equal(led_bus_open(&bus, NULL), SQ_OK);
	assert_int_equal(led_display_add(bus, &c1, 0, &d1, NULL), SQ_OK);
	assert_int_equal(led_display_add(bus, &c2, 0, &d2, NULL), SQ_OK);
	/* Same unit twice on one bus, or other line settings, is refused. */
	assert_int_equal(led_display_add(bus, &c1, 0, &dup, &err), SQ_ERR_INVALID);
	assert_null(dup);
	assert_non_null(strstr(err.msg, "same address 1"));
	c2.address = 9;
	c2.serial.baud = 19200;
	assert_int_equal(led_display_add(bus, &c2, 0, &dup, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "other line settings"));

	for (int i = 1; i <= 20; i++) {
		assert_int_equal(led_display_show_number(d1, i), SQ_OK);
		assert_int_equal(led_display_show_number(d2, 100 + i), SQ_OK);
	}
	/* Frames may wait for the bus gap: the loop's poll sends them. */
	for (int i = 0; i < 20; i++) {
		led_display_poll(bus, 0);
		clock_sleep_ms(5);
	}
	/* Every frame arrives whole (CRC good) and in order; the last of each wins. */
	int last1 = 0, last2 = 0, frames = 0;
	while (fake_frame(&f, &c1, &fr, 200) == 1) {
		frames++;
		assert_true(fr.has_number);
		if (fr.address == 1) {
			assert_true(fr.number > last1);
			last1 = (int)fr.number;
		} else {
			assert_int_equal(fr.address, 2);
			assert_true(fr.number > last2);
			last2 = (int)fr.number;
		}
	}
	assert_true(frames >= 2);
	assert_int_equal(last1, 20);
	assert_int_equal(last2, 120);
	led_bus_close(bus);
	fake_destroy(&f);
}

static void
test_led_display_unplug_and_catch_up(void **state)
{
	struct fake_display f;
	struct display_config cfg;
	struct led_bus *bus;
	struct led_display *d;
	struct display_frame fr;
	char line[600];

	(void)state;
	fake_create(&f);
	config_for(&cfg, DISPLAY_PROTO_MODBUS, "4", f.link);
	assert_int_equal(led_bus_open(&bus, NULL), SQ_OK);
	assert_int_equal(led_display_add(bus, &cfg, 1000, &d, NULL), SQ_OK);
	assert_int_equal(led_display_show_ticket(d, "A012", 4), SQ_OK);
	assert_int_equal(fake_frame(&f, &cfg, &fr, 1000), 1);
	assert_string_equal(fr.text, "A012");

	fake_unplug(&f);
	/* Let the Modbus gap after the last frame pass, so the next one is written at once. */
	clock_sleep_ms(40);
	for (int i = 13; i <= 15; i++) {
		char code[8];
		snprintf(code, sizeof(code), "A%03d", i);
		int64_t t0 = clock_monotonic_ms();
		int rc = led_display_show_ticket(d, code, 4);
		int64_t took = clock_monotonic_ms() - t0;
		assert_true(rc == SQ_ERR_IO || rc == SQ_ERR_TIMEOUT);
		assert_true(took <= cfg.write_timeout_ms + 150);
		assert_int_equal(led_display_state(d), LED_STATE_OFFLINE);
	}
	assert_string_not_equal(led_display_reason(d), "");
	led_display_status(d, line, sizeof(line));
	assert_string_equal(line, led_display_reason(d));
	assert_string_equal(led_display_current(d)->code, "A015");

	/* Not yet time to retry; the display is still unplugged. */
	assert_int_equal(led_display_poll(bus, 1500), 0);
	/* A new pty appears at the same path (the adapter is back). */
	fake_plug(&f);
	assert_int_equal(led_display_poll(bus, 1500), 0);
	assert_int_equal(led_display_poll(bus, 1000 + 2000 + 1), 1);
	assert_int_equal(led_display_state(d), LED_STATE_ONLINE);
	assert_int_equal(fake_frame(&f, &cfg, &fr, 1000), 1);
	assert_string_equal(fr.text, "A015");
	led_bus_close(bus);
	fake_destroy(&f);
}

static void
test_led_display_missing_device(void **state)
{
	struct display_config cfg;
	struct led_bus *bus;
	struct led_display *d;
	char line[600];

	(void)state;
	config_for(&cfg, DISPLAY_PROTO_ASCII, "7", "/nonexistent/saduak-tty");
	cfg.serial.kind = SERIAL_AUTO;
	assert_int_equal(led_bus_open(&bus, NULL), SQ_OK);
	assert_int_equal(led_display_add(bus, &cfg, 0, &d, NULL), SQ_OK);
	assert_int_equal(led_display_state(d), LED_STATE_OFFLINE);
	assert_string_equal(led_display_reason(d),
	                    "unable to open '/nonexistent/saduak-tty': No such file or directory");
	assert_int_equal(led_display_show_ticket(d, "B001", 7), SQ_ERR_IO);
	assert_int_equal(led_display_poll(bus, 10000), 0);
	assert_int_equal(led_display_poll(bus, 20000), 0);
	led_display_status(d, line, sizeof(line));
	assert_string_equal(line, "unable to open '/nonexistent/saduak-tty': "
	                          "No such file or directory");
	/* A path that is not a tty is refused too, without a crash. */
	snprintf(cfg.serial.path, sizeof(cfg.serial.path), "/dev/null");
	cfg.name[0] = '8';
	struct led_display *d2;
	assert_int_equal(led_display_add(bus, &cfg, 0, &d2, NULL), SQ_OK);
	assert_int_equal(led_display_state(d2), LED_STATE_OFFLINE);
	assert_non_null(strstr(led_display_reason(d2), "'/dev/null' is not a serial port"));
	led_bus_close(bus);
	led_bus_close(NULL);
}

static void
test_led_display_stuck_display_times_out(void **state)
{
	struct fake_display f;
	struct display_config cfg;
	struct led_bus *bus;
	struct led_display *d;
	int rc = SQ_OK;

	(void)state;
	fake_create(&f);
	config_for(&cfg, DISPLAY_PROTO_ALPHA, "5", f.link);
	cfg.width = DISPLAY_WIDTH_MAX;
	assert_int_equal(led_bus_open(&bus, NULL), SQ_OK);
	assert_int_equal(led_display_add(bus, &cfg, 0, &d, NULL), SQ_OK);
	/* Nobody reads the master: the pty fills up and a write must time out. */
	for (int i = 0; i < 20000 && rc == SQ_OK; i++) {
		char text[80];
		snprintf(text, sizeof(text), "%064d", i);
		int64_t t0 = clock_monotonic_ms();
		rc = led_display_show_text(d, text);
		assert_true(clock_monotonic_ms() - t0 <= cfg.write_timeout_ms + 150);
	}
	assert_int_equal(rc, SQ_ERR_TIMEOUT);
	assert_int_equal(led_display_state(d), LED_STATE_OFFLINE);
	assert_non_null(strstr(led_display_reason(d), "timed out"));
	led_bus_close(bus);
	fake_destroy(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_led_display_shows_ticket),
	    cmocka_unit_test(test_led_display_wide_code_blanks),
	    cmocka_unit_test(test_led_display_shared_bus_in_order),
	    cmocka_unit_test(test_led_display_unplug_and_catch_up),
	    cmocka_unit_test(test_led_display_missing_device),
	    cmocka_unit_test(test_led_display_stuck_display_times_out),
	};

	log_init("test_led_display", LOG_LEVEL_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
