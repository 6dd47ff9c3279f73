/*
 * Unit tests of the port object (serial_transport.c) over pseudo-terminals and
 * plain files: the test holds the device's side (the pty master), the port the
 * slave, as the LED displays and printers do.
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
#include <termios.h>
#include <unistd.h>

#include "serial_transport.h"

static char tmpdir[64];

/* A device on a pty: the master end, and the slave reached through a symlink. */
struct device {
	int master;
	int slave; /* held open so the line stays up until the test hangs it up */
	char link[128];
};

static void
device_plug(struct device *d)
{
	char name[128];
	struct termios raw;

	memset(&raw, 0, sizeof(raw));
	cfmakeraw(&raw);
	assert_int_equal(openpty(&d->master, &d->slave, name, &raw, NULL), 0);
	snprintf(d->link, sizeof(d->link), "%s/device", tmpdir);
	unlink(d->link);
	assert_int_equal(symlink(name, d->link), 0);
}

static void
device_unplug(struct device *d)
{
	if (d->master >= 0)
		close(d->master);
	if (d->slave >= 0)
		close(d->slave);
	d->master = d->slave = -1;
	unlink(d->link);
}

/* Settings for path: 9600 8N1 of kind. */
static struct serial_settings
settings(const char *path, enum serial_kind kind)
{
	struct serial_settings s = {.kind = kind,
	                            .baud = 9600,
	                            .data_bits = 8,
	                            .parity = SERIAL_PARITY_NONE,
	                            .stop_bits = 1};

	snprintf(s.path, sizeof(s.path), "%s", path);
	return s;
}

/* Read exactly n bytes from fd (the device side), waiting up to a second for each. */
static void
read_exactly(int fd, uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		assert_int_equal(poll(&pfd, 1, 1000), 1);
		ssize_t r = read(fd, buf + got, n - got);
		assert_true(r > 0);
		got += (size_t)r;
	}
}

static void
test_serial_port_round_trip(void **state)
{
	struct device d;
	struct serial_settings s;
	struct serial_port *p = NULL;
	struct sq_error err = {0};
	uint8_t buf[8];
	size_t n = 0;

	(void)state;
	device_plug(&d);
	s = settings(d.link, SERIAL_AUTO);
	assert_int_equal(serial_port_open(&s, &p, &err), SQ_OK);
	/* libserialport refuses pseudo-terminals: auto falls back to termios. */
	assert_string_equal(serial_port_kind(p), "termios");
	assert_int_equal(serial_port_write(p, (const uint8_t *)"hello", 5, 1000, &n, &err), SQ_OK);
	assert_int_equal(n, 5);
	assert_int_equal(serial_port_drain(p, &err), SQ_OK);
	read_exactly(d.master, buf, 5);
	assert_memory_equal(buf, "hello", 5);
	/* The device answers; the port reads exactly what it said. */
	assert_int_equal(write(d.master, "ok", 2), 2);
	assert_int_equal(serial_port_read(p, buf, 2, 1000, &n, &err), SQ_OK);
	assert_int_equal(n, 2);
	assert_memory_equal(buf, "ok", 2);
	/* Part of an answer: what came, and a timeout for the rest. */
	assert_int_equal(write(d.master, "a", 1), 1);
	assert_int_equal(serial_port_read(p, buf, 2, 200, &n, &err), SQ_ERR_TIMEOUT);
	assert_int_equal(n, 1);
	assert_int_equal(buf[0], 'a');
	/* Silence: the read times out with nothing, naming the port. */
	assert_int_equal(serial_port_read(p, buf, 1, 50, &n, &err), SQ_ERR_TIMEOUT);
	assert_int_equal(n, 0);
	assert_non_null(strstr(err.msg, d.link));
	/* Flushed input is gone: an old answer never answers a new question. */
	assert_int_equal(write(d.master, "x", 1), 1);
	/* The test's own descriptor of the slave sees the same input queue. */
	struct pollfd arrived = {.fd = d.slave, .events = POLLIN};
	assert_int_equal(poll(&arrived, 1, 1000), 1);
	assert_int_equal(serial_port_flush(p, SERIAL_BUF_INPUT, &err), SQ_OK);
	assert_int_equal(serial_port_read(p, buf, 1, 50, &n, &err), SQ_ERR_TIMEOUT);
	serial_port_close(p);
	device_unplug(&d);
}

/* A device that stops reading: the write takes its timeout and says how far it got. */
static void
test_serial_port_write_times_out(void **state)
{
	static uint8_t big[1 << 20];
	struct device d;
	struct serial_settings s;
	struct serial_port *p = NULL;
	struct sq_error err = {0};
	size_t sent = 0;

	(void)state;
	device_plug(&d);
	s = settings(d.link, SERIAL_TERMIOS);
	assert_int_equal(serial_port_open(&s, &p, &err), SQ_OK);
	assert_int_equal(serial_port_write(p, big, sizeof(big), 100, &sent, &err), SQ_ERR_TIMEOUT);
	assert_true(sent > 0 && sent < sizeof(big));
	assert_non_null(strstr(err.msg, "timed out"));
	assert_int_equal(serial_port_flush(p, SERIAL_BUF_OUTPUT, &err), SQ_OK);
	serial_port_close(p);
	device_unplug(&d);
}

/* Unplugged: writes and reads say the device is gone, not a mere failure. */
static void
test_serial_port_hang_up_is_not_found(void **state)
{
	struct device d;
	struct serial_settings s;
	struct serial_port *p = NULL;
	struct sq_error err = {0};
	uint8_t b;

	(void)state;
	device_plug(&d);
	s = settings(d.link, SERIAL_TERMIOS);
	assert_int_equal(serial_port_open(&s, &p, &err), SQ_OK);
	close(d.master);
	d.master = -1;
	assert_int_equal(serial_port_write(p, (const uint8_t *)"x", 1, 200, NULL, &err),
	                 SQ_ERR_NOTFOUND);
	assert_int_equal(serial_port_read(p, &b, 1, 200, NULL, &err), SQ_ERR_NOTFOUND);
	serial_port_close(p);
	device_unplug(&d);
}

/* Opening: missing, not a tty, bad settings, and a raw port on a plain file. */
static void
test_serial_port_open_errors_and_raw(void **state)
{
	struct serial_settings s;
	struct serial_port *p = NULL;
	struct sq_error err = {0};
	char path[128];
	char got[8] = "";
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/no-such-port", tmpdir);
	s = settings(path, SERIAL_AUTO);
	assert_int_equal(serial_port_open(&s, &p, &err), SQ_ERR_NOTFOUND);
	assert_null(p);
	assert_non_null(strstr(err.msg, "no-such-port"));

	snprintf(path, sizeof(path), "%s/plain-file", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	s = settings(path, SERIAL_TERMIOS);
	assert_int_equal(serial_port_open(&s, &p, &err), SQ_ERR_IO);
	assert_non_null(strstr(err.msg, "not a serial port"));
	s.stop_bits = 3;
	assert_int_equal(serial_port_open(&s, &p, &err), SQ_ERR_INVALID);
	s.baud = 1234;
	s.stop_bits = 1;
	assert_int_equal(serial_port_open(&s, &p, &err), SQ_ERR_INVALID);

	/* Raw: no line settings (as a USB printer's lp node), the bytes as they are. */
	s = settings(path, SERIAL_RAW);
	s.baud = 0;
	assert_int_equal(serial_port_open(&s, &p, &err), SQ_OK);
	assert_string_equal(serial_port_kind(p), "raw");
	assert_int_equal(serial_port_flush(p, SERIAL_BUF_BOTH, &err), SQ_OK);
	assert_int_equal(serial_port_write(p, (const uint8_t *)"\x1b@", 2, 100, NULL, &err), SQ_OK);
	assert_int_equal(serial_port_drain(p, &err), SQ_OK);
	serial_port_close(p);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(got, 1, sizeof(got), fp), 2);
	fclose(fp);
	assert_memory_equal(got, "\x1b@", 2);
	unlink(path);
	serial_port_close(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_serial_port_round_trip),
	    cmocka_unit_test(test_serial_port_write_times_out),
	    cmocka_unit_test(test_serial_port_hang_up_is_not_found),
	    cmocka_unit_test(test_serial_port_open_errors_and_raw),
	};
	int rc;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/saduak-serial-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return rc;
}
