/*
 * Tests of log.c: what reaches stderr, read back through a pipe. Under
 * systemd (JOURNAL_STREAM set) a line starts with the syslog priority
 * "<3>".."<7>" for journald; otherwise with "program: level: ". Either way
 * one event is one line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

/* Run fn with stderr going into a pipe; what it wrote lands in out. */
static void
capture(void (*fn)(void), char *out, size_t n)
{
	int fds[2], saved;
	ssize_t got;
	size_t len = 0;

	assert_int_equal(pipe(fds), 0);
	saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fds[1], STDERR_FILENO) >= 0);
	fn();
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	close(fds[1]);
	/* The few short lines fit in the pipe's buffer, so fn never blocked. */
	while (len + 1 < n && (got = read(fds[0], out + len, n - 1 - len)) > 0)
		len += (size_t)got;
	out[len] = '\0';
	close(fds[0]);
}

/* One event of each level, debug below the threshold. */
static void
log_each_level(void)
{
	log_init("saduak-test", LOG_LEVEL_INFO);
	log_error("unable to open '%s': %s", "/dev/ttyUSB0", "no such device");
	log_warn("printer paper near end");
	log_info("A012 called to counter %d", 3);
	log_debug("not shown at level info");
}

/* A message longer than a line buffer. */
static void
log_long(void)
{
	char big[3000];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_init("saduak-test", LOG_LEVEL_INFO);
	log_info("%s", big);
	log_info("after");
}

/* A debug event with the threshold at debug. */
static void
log_debug_shown(void)
{
	log_init("saduak-test", LOG_LEVEL_DEBUG);
	log_debug("data_version %d", 42);
	log_init("saduak-test", LOG_LEVEL_INFO);
}

/* Count the lines of text (each ends in a newline). */
static size_t
count_lines(const char *text)
{
	size_t n = 0;

	for (const char *p = text; *p; p++)
		n += *p == '\n';
	return n;
}

static void
test_log_plain_prefix(void **state)
{
	char out[4096];

	(void)state;
	assert_int_equal(unsetenv("JOURNAL_STREAM"), 0);
	capture(log_each_level, out, sizeof(out));
	assert_string_equal(out,
	                    "saduak-test: error: unable to open '/dev/ttyUSB0': no such device\n"
	                    "saduak-test: warning: printer paper near end\n"
	                    "saduak-test: info: A012 called to counter 3\n");
}

static void
test_log_journal_priority(void **state)
{
	char out[4096];

	(void)state;
	/* systemd sets it to "DEVICE:INODE" of the stream; any value will do. */
	assert_int_equal(setenv("JOURNAL_STREAM", "8:12345", 1), 0);
	capture(log_each_level, out, sizeof(out));
	assert_int_equal(unsetenv("JOURNAL_STREAM"), 0);
	assert_string_equal(out, "<3>unable to open '/dev/ttyUSB0': no such device\n"
	                         "<4>printer paper near end\n"
	                         "<6>A012 called to counter 3\n");
}

static void
test_log_long_message_stays_one_line(void **state)
{
	char out[8192];

	(void)state;
	assert_int_equal(unsetenv("JOURNAL_STREAM"), 0);
	capture(log_long, out, sizeof(out));
	/* Cut to the line buffer, but still one line, and the next event its own. */
	assert_int_equal(count_lines(out), 2);
	assert_true(strncmp(out, "saduak-test: info: xxx", 22) == 0);
	const char *second = strchr(out, '\n') + 1;
	assert_string_equal(second, "saduak-test: info: after\n");
}

static void
test_log_debug_level_shown_when_asked(void **state)
{
	char out[4096];

	(void)state;
	assert_int_equal(setenv("JOURNAL_STREAM", "8:1", 1), 0);
	capture(log_debug_shown, out, sizeof(out));
	assert_int_equal(unsetenv("JOURNAL_STREAM"), 0);
	assert_string_equal(out, "<7>data_version 42\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_log_plain_prefix),
	    cmocka_unit_test(test_log_journal_priority),
	    cmocka_unit_test(test_log_long_message_stays_one_line),
	    cmocka_unit_test(test_log_debug_level_shown_when_asked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
