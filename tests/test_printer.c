/*
 * Unit tests of printer.c: the [printer] section and its messages, the
 * folder target's .bin and .png, and a tty target on a pseudo-terminal
 * whose other end is a small fake printer in a child process (answers
 * DLE EOT as told, keeps what it receives, or stops reading) - so paper
 * out, silence and a stalled printer are all checked against the clock.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cmocka.h>

#include "bitmap.h"
#include "clock.h"
#include "config.h"
#include "escpos.h"
#include "printer.h"
#include "test_office.h"

static char tmpdir[256];

static const char *const base_config = "[office]\n"
                                       "name_th = สำนักงานทดสอบ\n"
                                       "name_en = Test Office\n"
                                       "database = queue.db\n"
                                       "[service A]\n"
                                       "name_th = บริการเอ\n"
                                       "name_en = Service A\n"
                                       "hours = mon-fri 08:30-16:30\n"
                                       "[counter 1]\n"
                                       "location_th = ชั้น 1\n"
                                       "location_en = Floor 1\n"
                                       "services = A\n"; /* 12 lines */

/* Make the temporary folder. */
static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/saduak-test-printer-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

/* Remove the temporary folder. */
static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Load the base config plus extra; returns the load's code, err filled. */
static int
load_with(const char *extra, struct config **cfg, struct sq_error *err)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/p.ini", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "%s%s", base_config, extra);
	assert_int_equal(fclose(fp), 0);
	return config_load(path, cfg, err);
}

/*
 * extra is reported with a message containing want (and the line): a wrong
 * [printer] (a device) leaves printing off and the rest loads, listing the
 * line in device_faults; a wrong [kiosk] is refused whole.
 */
static void
expect_error(const char *extra, const char *want)
{
	struct config *cfg = NULL;
	struct sq_error err = {0};
	int rc = load_with(extra, &cfg, &err);

	test_expect_config_error(rc, cfg, &err, strncmp(extra, "[printer]", 9) == 0, want);
}

/* extra breaks the file itself (not one device's values): refused whole. */
static void
expect_refused(const char *extra, const char *want)
{
	struct config *cfg = NULL;
	struct sq_error err = {0};

	assert_int_equal(load_with(extra, &cfg, &err), SQ_ERR_INVALID);
	assert_null(cfg);
	if (!strstr(err.msg, want))
		fail_msg("expected '%s' in '%s'", want, err.msg);
}

static void
test_printer_config_errors(void **state)
{
	(void)state;
	expect_error("[printer]\ntarget = file:out\nwidth_dots = 500\n",
	             "p.ini:15: [printer] key 'width_dots': '500' is not 384 (58 mm paper) or 576");
	expect_error("[printer]\ntarget = lp0\n",
	             "p.ini:14: [printer] key 'target': 'lp0' is not none, file:DIR");
	expect_error("[printer]\ntarget = usb:dev/usb/lp0\n",
	             "key 'target': 'usb:dev/usb/lp0': the device must be an absolute path");
	expect_error("[printer]\ntarget = tty:\n", "key 'target': 'tty:' names no device");
	expect_error("[printer]\ntarget = none\npaper = a4\n",
	             "p.ini:15: [printer] key 'paper': unknown key");
	expect_error("[printer]\nwidth_dots = 384\n", "p.ini:13: [printer]: needs a target");
	expect_error("[printer]\ntarget = none\ncut = maybe\n",
	             "key 'cut': 'maybe' is not yes or no");
	expect_error("[printer]\ntarget = none\nbaud = 12345\n",
	             "key 'baud': '12345' is not a standard baud rate");
	expect_error("[printer]\ntarget = none\ntimeout_ms = 5\n",
	             "key 'timeout_ms': '5' is not a number of milliseconds from 100 to 60000");
	expect_refused("[printer]\ntarget = none\nstatus = yes\nstatus = no\n",
	               "key 'status': given twice");
	expect_error("[kiosk]\nlayout = sideways\n",
	             "[kiosk] key 'layout': 'sideways' is not standard or wheelchair");
	expect_error("[kiosk]\nticket_seconds = 1\n",
	             "[kiosk] key 'ticket_seconds': '1' is not a number of seconds from 5 to 120");
}

static void
test_printer_config_settings(void **state)
{
	struct config *cfg = NULL;
	struct printer_settings s;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(load_with("", &cfg, &err), SQ_OK);
	assert_int_equal(printer_settings_from_config(cfg, &s, &err), SQ_OK);
	assert_int_equal(s.kind, PRINTER_NONE);
	config_free(cfg);
	assert_int_equal(load_with("[printer]\ntarget = file:out\nwidth_dots = 576\ncut = no\n"
	                           "timeout_ms = 750\n",
	                           &cfg, &err),
	                 SQ_OK);
	assert_int_equal(printer_settings_from_config(cfg, &s, &err), SQ_OK);
	assert_int_equal(s.kind, PRINTER_FILE);
	assert_int_equal(s.width_dots, 576);
	assert_false(s.cut);
	assert_true(s.status);
	assert_int_equal(s.timeout_ms, 750);
	/* A relative folder is taken from the config file's folder. */
	assert_string_equal(s.path + strlen(s.path) - 4, "/out");
	assert_int_equal(strncmp(s.path, tmpdir, strlen(tmpdir)), 0);
	config_free(cfg);
	assert_int_equal(
	    load_with("[printer]\ntarget = serial:/dev/ttyUSB0\nbaud = 115200\n", &cfg, &err),
	    SQ_OK);
	assert_int_equal(printer_settings_from_config(cfg, &s, &err), SQ_OK);
	assert_int_equal(s.kind, PRINTER_SERIAL);
	assert_int_equal(s.baud, 115200);
	assert_string_equal(s.path, "/dev/ttyUSB0");
	config_free(cfg);
}

/* A ticket-like bitmap: a frame and stripes, rows tall. */
static struct bitmap *
sample_bitmap(int width, int rows)
{
	struct bitmap *bm = NULL;

	assert_int_equal(bitmap_create(width, rows, &bm, NULL), SQ_OK);
	bitmap_fill_rect(bm, 0, 0, width, 4, true);
	for (int y = 8; y < rows; y += 16)
		bitmap_fill_rect(bm, (y * 7) % (width / 2), y, width / 3, 6, true);
	return bm;
}

/* The whole of a file, malloc'd; *n its size. */
static uint8_t *
slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf;
	long len;

	if (!fp)
		return NULL;
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	len = ftell(fp);
	assert_true(len >= 0);
	rewind(fp);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	*n = fread(buf, 1, (size_t)len, fp);
	fclose(fp);
	return buf;
}

static void
test_printer_folder_writes_bin_and_png(void **state)
{
	struct printer_settings s = {
	    .kind = PRINTER_FILE, .width_dots = 384, .cut = true, .timeout_ms = 1000};
	struct printer *p = NULL;
	struct printer_result res;
	struct bitmap *bm = sample_bitmap(384, 300), *back = NULL;
	struct sq_error err = {0};
	char path[600];
	uint8_t *bytes;
	size_t n = 0;
	struct stat st;

	(void)state;
	snprintf(s.path, sizeof(s.path), "%s/tickets", tmpdir);
	assert_int_equal(printer_open(&s, &p, &err), SQ_OK);
	assert_int_equal(printer_print(p, "A012", bm, &res, &err), SQ_OK);
	assert_int_equal(res.fault, PRINTER_FAULT_NONE);
	snprintf(path, sizeof(path), "%s/tickets/ticket-A012.bin", tmpdir);
	bytes = slurp(path, &n);
	assert_non_null(bytes);
	assert_int_equal(n, res.bytes);
	/* ESC @ first, GS V 42 n last; the raster decodes back to the same picture. */
	assert_int_equal(bytes[0], 0x1B);
	assert_int_equal(bytes[1], 0x40);
	assert_int_equal(bytes[n - 4], 0x1D);
	assert_int_equal(bytes[n - 3], 0x56);
	assert_int_equal(bytes[n - 2], 0x42);
	assert_int_equal(escpos_decode_raster(bytes, n, bitmap_width(bm), &back, &err), SQ_OK);
	assert_true(bitmap_equal(bm, back));
	free(bytes);
	snprintf(path, sizeof(path), "%s/tickets/ticket-A012.png", tmpdir);
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size > 100);
	/* A folder whose parent is missing is a missing printer, never a crash. */
	snprintf(s.path, sizeof(s.path), "%s/no/such/folder", tmpdir);
	printer_close(p);
	assert_int_equal(printer_open(&s, &p, &err), SQ_OK);
	assert_int_equal(printer_print(p, "A013", bm, &res, &err), SQ_ERR_IO);
	assert_int_equal(res.fault, PRINTER_FAULT_MISSING);
	assert_non_null(strstr(err.msg, "does not exist"));
	printer_close(p);
	bitmap_destroy(back);
	bitmap_destroy(bm);
}

static void
test_printer_missing_device(void **state)
{
	struct printer_settings s = {.kind = PRINTER_TTY,
	                             .width_dots = 384,
	                             .baud = 9600,
	                             .status = true,
	                             .timeout_ms = 1000};
	struct printer *p = NULL;
	struct printer_result res;
	struct bitmap *bm = sample_bitmap(384, 50);
	struct sq_error err = {0};

	(void)state;
	snprintf(s.path, sizeof(s.path), "%s/ttyNONE", tmpdir);
	for (enum printer_kind k = PRINTER_USB; k <= PRINTER_TTY; k++) {
		s.kind = k;
		assert_int_equal(printer_open(&s, &p, &err), SQ_OK);
		int64_t t0 = clock_monotonic_ms();

		assert_int_equal(printer_print(p, "A001", bm, &res, &err), SQ_ERR_IO);
		assert_true(clock_monotonic_ms() - t0 < 500);
		assert_int_equal(res.fault, PRINTER_FAULT_MISSING);
		assert_non_null(strstr(err.msg, "ttyNONE"));
		printer_close(p);
	}
	assert_string_equal(printer_fault_name(PRINTER_FAULT_PAPER_OUT), "paper-out");
	assert_string_equal(printer_fault_en(PRINTER_FAULT_MISSING), "Printer not connected");
	bitmap_destroy(bm);
}

/* How the fake printer behaves. */
enum fake_mode {
	FAKE_OK,
	FAKE_PAPER_OUT,
	FAKE_SILENT,
	FAKE_STALL,
	FAKE_MUTE_AFTER, /* answers before the ticket, reads it all, then never answers */
	FAKE_RUNS_OUT,   /* answers ok before the ticket, paper out after it */
};

/* Replies to DLE EOT 1..4 (index 0 unused) per mode, as the emulator gives them. */
static const uint8_t fake_replies[][5] = {
    [FAKE_OK] = {0, 0x12, 0x12, 0x12, 0x12},
    [FAKE_PAPER_OUT] = {0, 0x1A, 0x32, 0x12, 0x72},
    [FAKE_SILENT] = {0},
    [FAKE_STALL] = {0, 0x12, 0x12, 0x12, 0x12},
    [FAKE_MUTE_AFTER] = {0, 0x12, 0x12, 0x12, 0x12},
    [FAKE_RUNS_OUT] = {0, 0x12, 0x12, 0x12, 0x12},
};

/* A fake printer on a pty: its slave's path and the child serving the master. */
struct fake {
	pid_t pid;
	int slave; /* kept open so the line never hangs up under the printer */
	char path[128];
	char out[600]; /* where the child writes what it received */
};

/*
 * The child: answer DLE EOT per mode, keep every other byte, and write them
 * to out when the line has been quiet for 300 ms after a cut. In FAKE_STALL
 * it stops reading for good after the status requests; FAKE_MUTE_AFTER and
 * FAKE_RUNS_OUT change their answers once the cut has been read.
 */
static void
fake_serve(int master, enum fake_mode mode, const char *out)
{
	static uint8_t buf[1 << 21];
	size_t len = 0, off = 0;
	bool cut = false;

	for (;;) {
		struct pollfd pfd = {.fd = master, .events = POLLIN};
		int r = poll(&pfd, 1, 300);
		ssize_t n;

		if (r == 0 && cut)
			break;
		if (r <= 0)
			continue;
		n = read(master, buf + len, sizeof(buf) - len);
		if (n <= 0)
			continue;
		len += (size_t)n;
		while (off < len) {
			struct escpos_cmd cmd;

			if (escpos_next(buf + off, len - off, &cmd) != SQ_OK)
				break;
			enum fake_mode now = mode;
			if (cut && mode == FAKE_MUTE_AFTER)
				now = FAKE_SILENT;
			if (cut && mode == FAKE_RUNS_OUT)
				now = FAKE_PAPER_OUT;
			if (cmd.kind == ESCPOS_CMD_STATUS && now != FAKE_SILENT) {
				if (write(master, &fake_replies[now][cmd.arg <= 4 ? cmd.arg : 0],
				          1) != 1)
					_exit(3);
				if (mode == FAKE_STALL && cmd.arg == ESCPOS_STATUS_PRINTER)
					for (;;)
						pause(); /* a jammed printer: never reads again */
			}
			if (cmd.kind == ESCPOS_CMD_CUT)
				cut = true;
			off += cmd.len;
		}
	}
	FILE *fp = fopen(out, "wb");
	if (!fp || fwrite(buf, 1, len, fp) != len || fclose(fp) != 0)
		_exit(2);
	_exit(0);
}

/* Start a fake printer in mode. */
static void
fake_start(struct fake *f, enum fake_mode mode)
{
	struct termios raw;
	int master;

	memset(&raw, 0, sizeof(raw));
	cfmakeraw(&raw);
	assert_int_equal(openpty(&master, &f->slave, f->path, &raw, NULL), 0);
	snprintf(f->out, sizeof(f->out), "%s/received-%d.bin", tmpdir, (int)mode);
	fflush(NULL);
	f->pid = fork();
	assert_true(f->pid >= 0);
	if (f->pid == 0) {
		close(f->slave);
		fake_serve(master, mode, f->out);
	}
	close(master);
}

/* Stop the fake (killing it if it still runs); returns its exit status or -1. */
static int
fake_stop(struct fake *f, bool kill_it)
{
	int status = 0;

	if (kill_it)
		kill(f->pid, SIGKILL);
	assert_int_equal(waitpid(f->pid, &status, 0), f->pid);
	close(f->slave);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A tty printer on the fake's pty. */
static struct printer *
tty_printer(const struct fake *f, int timeout_ms)
{
	struct printer_settings s = {.kind = PRINTER_TTY,
	                             .width_dots = 384,
	                             .cut = true,
	                             .baud = 115200,
	                             .status = true,
	                             .timeout_ms = timeout_ms};
	struct printer *p = NULL;

	snprintf(s.path, sizeof(s.path), "%s", f->path);
	assert_int_equal(printer_open(&s, &p, NULL), SQ_OK);
	return p;
}

static void
test_printer_tty_prints_and_answers_status(void **state)
{
	struct bitmap *bm = sample_bitmap(384, 600), *back = NULL;
	struct printer_result res;
	struct sq_error err = {0};
	struct fake f;
	struct printer *p;
	uint8_t *bytes;
	size_t n = 0;

	(void)state;
	fake_start(&f, FAKE_OK);
	p = tty_printer(&f, 3000);
	assert_int_equal(printer_print(p, "B007", bm, &res, &err), SQ_OK);
	assert_int_equal(res.fault, PRINTER_FAULT_NONE);
	assert_true(res.status_known);
	assert_int_equal(fake_stop(&f, false), 0);
	bytes = slurp(f.out, &n);
	assert_non_null(bytes);
	/* The three status requests, exactly the ticket, and the paper asked again. */
	assert_int_equal(n, 9 + res.bytes + 3);
	assert_memory_equal(bytes, "\x10\x04\x04\x10\x04\x02\x10\x04\x01", 9);
	assert_memory_equal(bytes + n - 3, "\x10\x04\x04", 3);
	assert_int_equal(escpos_decode_raster(bytes + 9, n - 12, bitmap_width(bm), &back, &err),
	                 SQ_OK);
	assert_true(bitmap_equal(bm, back));
	free(bytes);
	bitmap_destroy(back);
	printer_close(p);
	bitmap_destroy(bm);
}

static void
test_printer_tty_paper_out_is_a_fault(void **state)
{
	struct bitmap *bm = sample_bitmap(384, 100);
	struct printer_result res;
	struct sq_error err = {0};
	struct fake f;
	struct printer *p;

	(void)state;
	fake_start(&f, FAKE_PAPER_OUT);
	p = tty_printer(&f, 2000);
	assert_int_equal(printer_print(p, "C001", bm, &res, &err), SQ_ERR_STATE);
	assert_int_equal(res.fault, PRINTER_FAULT_PAPER_OUT);
	assert_true(res.status_known);
	assert_non_null(strstr(err.msg, "out of paper"));
	assert_int_equal(printer_check(p, &res, &err), SQ_ERR_STATE);
	assert_int_equal(res.fault, PRINTER_FAULT_PAPER_OUT);
	fake_stop(&f, true);
	printer_close(p);
	bitmap_destroy(bm);
}

static void
test_printer_tty_silent_printer_still_prints(void **state)
{
	struct bitmap *bm = sample_bitmap(384, 200);
	struct printer_result res;
	struct sq_error err = {0};
	struct fake f;
	struct printer *p;
	int64_t t0;

	(void)state;
	fake_start(&f, FAKE_SILENT);
	p = tty_printer(&f, 3000);
	t0 = clock_monotonic_ms();
	assert_int_equal(printer_print(p, "D001", bm, &res, &err), SQ_OK);
	/* One short wait for the first reply, then no more asking. */
	assert_true(clock_monotonic_ms() - t0 < PRINTER_STATUS_WAIT_MAX + 400);
	assert_false(res.status_known);
	assert_int_equal(fake_stop(&f, false), 0);
	printer_close(p);
	bitmap_destroy(bm);
}

/*
 * A ticket of rows rows to a fake in mode, with timeout_ms: printer_print
 * returns rc_want with fault and a line containing want, having asked the
 * status first; a jammed printer (FAKE_STALL) takes the whole timeout,
 * nothing takes much more. (The other fakes hang up 300 ms after the cut.)
 */
static void
expect_print_fault(enum fake_mode mode, int rows, int timeout_ms, int rc_want,
                   enum printer_fault fault, const char *want)
{
	struct bitmap *bm = sample_bitmap(576, rows);
	struct printer_result res;
	struct sq_error err = {0};
	struct fake f;
	struct printer *p;
	int64_t t0, took;

	fake_start(&f, mode);
	p = tty_printer(&f, timeout_ms);
	t0 = clock_monotonic_ms();
	assert_int_equal(printer_print(p, "F001", bm, &res, &err), rc_want);
	took = clock_monotonic_ms() - t0;
	assert_int_equal(res.fault, fault);
	assert_true(res.status_known);
	if (!strstr(err.msg, want))
		fail_msg("expected '%s' in '%s'", want, err.msg);
	if ((mode == FAKE_STALL && took < timeout_ms - 50) || took > timeout_ms + 2000)
		fail_msg("the print took %lld ms with a %d ms timeout", (long long)took,
		         timeout_ms);
	fake_stop(&f, true);
	printer_close(p);
	bitmap_destroy(bm);
}

/* A printer that stops reading mid-ticket: far more than a pty buffers, so the write blocks. */
static void
test_printer_tty_stall_returns_within_timeout(void **state)
{
	(void)state;
	expect_print_fault(FAKE_STALL, 6000, 600, SQ_ERR_TIMEOUT, PRINTER_FAULT_STALLED,
	                   "took only");
}

/* A printer that took the bytes into buffers but never the ticket: stalled. */
static void
test_printer_tty_silent_after_ticket_is_stalled(void **state)
{
	(void)state;
	expect_print_fault(FAKE_MUTE_AFTER, 300, 800, SQ_ERR_TIMEOUT, PRINTER_FAULT_STALLED,
	                   "did not take the whole ticket within 800 ms");
}

/* Paper out by the end of the ticket: the citizen's ticket is cut short. */
static void
test_printer_tty_paper_out_during_ticket(void **state)
{
	(void)state;
	expect_print_fault(FAKE_RUNS_OUT, 300, 800, SQ_ERR_STATE, PRINTER_FAULT_PAPER_OUT,
	                   "out of paper during the ticket");
}

/* Counts keepalive calls and the longest time between two (or since the start). */
struct keepalive_log {
	int calls;
	int64_t last_ms;
	int64_t longest_gap_ms;
};

static void
count_keepalive(void *ctx)
{
	struct keepalive_log *k = ctx;
	int64_t now = clock_monotonic_ms();

	if (now - k->last_ms > k->longest_gap_ms)
		k->longest_gap_ms = now - k->last_ms;
	k->last_ms = now;
	k->calls++;
}

/*
 * A jammed printer holds the print for the whole timeout: the keepalive
 * (the kiosk's watchdog) is called all along, never a whole timeout apart.
 */
static void
test_printer_stall_calls_keepalive(void **state)
{
	const int timeout_ms = 4 * PRINTER_KEEPALIVE_MS;
	struct bitmap *bm = sample_bitmap(576, 6000);
	struct keepalive_log k = {0};
	struct printer_result res;
	struct sq_error err = {0};
	struct fake f;
	struct printer *p;

	(void)state;
	fake_start(&f, FAKE_STALL);
	p = tty_printer(&f, timeout_ms);
	printer_set_keepalive(p, count_keepalive, &k);
	k.last_ms = clock_monotonic_ms();
	assert_int_equal(printer_print(p, "K001", bm, &res, &err), SQ_ERR_TIMEOUT);
	assert_int_equal(res.fault, PRINTER_FAULT_STALLED);
	count_keepalive(&k); /* the gap from the last call to the end counts too */
	if (k.calls < timeout_ms / PRINTER_KEEPALIVE_MS || k.longest_gap_ms >= timeout_ms)
		fail_msg("%d keepalive calls, %lld ms apart at most, in a %d ms stall", k.calls,
		         (long long)k.longest_gap_ms, timeout_ms);
	fake_stop(&f, true);
	printer_close(p);
	bitmap_destroy(bm);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_printer_config_errors),
	    cmocka_unit_test(test_printer_config_settings),
	    cmocka_unit_test(test_printer_folder_writes_bin_and_png),
	    cmocka_unit_test(test_printer_missing_device),
	    cmocka_unit_test(test_printer_tty_prints_and_answers_status),
	    cmocka_unit_test(test_printer_tty_paper_out_is_a_fault),
	    cmocka_unit_test(test_printer_tty_silent_printer_still_prints),
	    cmocka_unit_test(test_printer_tty_stall_returns_within_timeout),
	    cmocka_unit_test(test_printer_tty_silent_after_ticket_is_stalled),
	    cmocka_unit_test(test_printer_tty_paper_out_during_ticket),
	    cmocka_unit_test(test_printer_stall_calls_keepalive),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, setup, teardown);
}
