/*
 * printer.c - [printer] settings, the four kinds of target, status replies
 * and bounded writes. See printer.h.
 */
#include "printer.h"

#include <errno.h>
#include <fcntl.h>
#include <libserialport.h>
#include <limits.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "clock.h"
#include "escpos.h"
#include "log.h"
#include "ticket_render.h"
#include "config_table.h"
#include "config_value.h"
#include "serial_transport.h"

struct printer {
	struct printer_settings s;
};

/* ------------------------------------------------------------------ faults */

struct fault_text {
	const char *name;
	const char *th;
	const char *en;
};

static const struct fault_text fault_texts[PRINTER_FAULT_COUNT] = {
    [PRINTER_FAULT_NONE] = {"none", "เครื่องพิมพ์ปกติ", "Printer ready"},
    [PRINTER_FAULT_MISSING] = {"missing", "ไม่พบเครื่องพิมพ์", "Printer not connected"},
    [PRINTER_FAULT_PAPER_OUT] = {"paper-out", "กระดาษหมด", "Printer out of paper"},
    [PRINTER_FAULT_COVER_OPEN] = {"cover-open", "ฝาเครื่องพิมพ์เปิดอยู่", "Printer cover open"},
    [PRINTER_FAULT_OFFLINE] = {"offline", "เครื่องพิมพ์ไม่พร้อม", "Printer offline"},
    [PRINTER_FAULT_STALLED] = {"stalled", "เครื่องพิมพ์ค้าง", "Printer stopped"},
    [PRINTER_FAULT_IO] = {"error", "เครื่องพิมพ์ขัดข้อง", "Printer error"},
};

/* The entry of f, the generic error for a value out of range. */
static const struct fault_text *
fault_entry(enum printer_fault f)
{
	if ((int)f < 0 || f >= PRINTER_FAULT_COUNT)
		f = PRINTER_FAULT_IO;
	return &fault_texts[f];
}

/* Log name of a fault. */
const char *
printer_fault_name(enum printer_fault f)
{
	return fault_entry(f)->name;
}

/* Thai words for a fault. */
const char *
printer_fault_th(enum printer_fault f)
{
	return fault_entry(f)->th;
}

/* The fault whose log name is the len bytes at name; false if none is. */
bool
printer_fault_by_name(const char *name, size_t len, enum printer_fault *out)
{
	for (int f = 0; f < PRINTER_FAULT_COUNT; f++)
		if (strlen(fault_texts[f].name) == len &&
		    strncmp(fault_texts[f].name, name, len) == 0) {
			*out = (enum printer_fault)f;
			return true;
		}
	return false;
}

/* English words for a fault. */
const char *
printer_fault_en(enum printer_fault f)
{
	return fault_entry(f)->en;
}

/* ---------------------------------------------------------------- settings */

/* A target scheme: "usb:" and the kind it selects. */
struct target_scheme {
	const char *prefix;
	enum printer_kind kind;
};

static const struct target_scheme target_schemes[] = {
    {.prefix = "file:", .kind = PRINTER_FILE},
    {.prefix = "usb:", .kind = PRINTER_USB},
    {.prefix = "serial:", .kind = PRINTER_SERIAL},
    {.prefix = "tty:", .kind = PRINTER_TTY},
};

/* target = none | file:DIR | usb:PATH | serial:PATH | tty:PATH; DIR is relative to the config. */
static int
key_target(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	struct printer_settings *s = obj;

	if (strcmp(v, "none") == 0) {
		s->kind = PRINTER_NONE;
		s->path[0] = '\0';
		return SQ_OK;
	}
	for (size_t i = 0; i < sizeof(target_schemes) / sizeof(target_schemes[0]); i++) {
		const struct target_scheme *t = &target_schemes[i];
		size_t plen = strlen(t->prefix);
		const char *path = v + plen;
		char *full;

		if (strncmp(v, t->prefix, plen) != 0)
			continue;
		if (!*path) {
			snprintf(why, n, "'%s' names no %s", v,
			         t->kind == PRINTER_FILE ? "folder" : "device");
			return SQ_ERR_INVALID;
		}
		if (t->kind != PRINTER_FILE && path[0] != '/') {
			snprintf(why, n, "'%s': the device must be an absolute path", v);
			return SQ_ERR_INVALID;
		}
		full = config_resolve_path(cfg, path);
		if (!full || strlen(full) >= sizeof(s->path)) {
			snprintf(why, n, "'%s': path too long", v);
			free(full);
			return SQ_ERR_INVALID;
		}
		snprintf(s->path, sizeof(s->path), "%s", full);
		free(full);
		s->kind = t->kind;
		return SQ_OK;
	}
	snprintf(why, n, "'%s' is not none, file:DIR, usb:DEVICE, serial:DEVICE or tty:DEVICE", v);
	return SQ_ERR_INVALID;
}

/* width_dots = 384 | 576 */
static int
key_width(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	struct printer_settings *s = obj;

	(void)cfg;
	if (strcmp(v, "384") == 0 || strcmp(v, "576") == 0) {
		s->width_dots = atoi(v);
		return SQ_OK;
	}
	snprintf(why, n, "'%s' is not 384 (58 mm paper) or 576 (80 mm paper)", v);
	return SQ_ERR_INVALID;
}

/* baud = a standard rate */
static int
key_baud(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	struct printer_settings *s = obj;
	speed_t speed;

	(void)cfg;
	if (config_value_int(v, 1, 4000000, &s->baud) && serial_termios_speed(s->baud, &speed))
		return SQ_OK;
	snprintf(why, n, "'%s' is not a standard baud rate from 1200 to 921600", v);
	return SQ_ERR_INVALID;
}

#define PRINTER_FIELD(m) CONFIG_FIELD(struct printer_settings, m)

static const struct config_option printer_options[] = {
    {.name = "target",
     .type = CONFIG_CUSTOM,
     .parse = key_target,
     .def = "none",
     .help = "none, file:DIR, usb:DEVICE, serial:DEVICE or tty:DEVICE (required)"},
    {.name = "width_dots",
     .type = CONFIG_CUSTOM,
     .parse = key_width,
     CONFIG_DEFAULT(TICKET_WIDTH_58MM),
     .unit = "dots",
     .help = "384 for 58 mm paper, 576 for 80 mm"},
    {.name = "cut",
     .type = CONFIG_BOOL,
     PRINTER_FIELD(cut),
     .def = "yes",
     .help = "the printer has a cutter"},
    {.name = "baud",
     .type = CONFIG_CUSTOM,
     .parse = key_baud,
     CONFIG_DEFAULT(PRINTER_BAUD_DEFAULT),
     .help = "serial and tty printers: a standard rate"},
    {.name = "status",
     .type = CONFIG_BOOL,
     PRINTER_FIELD(status),
     .def = "yes",
     .help = "ask DLE EOT before and after printing"},
    {.name = "timeout_ms",
     .type = CONFIG_INT,
     PRINTER_FIELD(timeout_ms),
     .min = 100,
     .max = 60000,
     .what = "a number of milliseconds",
     CONFIG_DEFAULT(PRINTER_TIMEOUT_DEFAULT),
     .unit = "ms",
     .help = "longest a print may take"},
};

const struct config_table printer_config_table = CONFIG_TABLE("printer", printer_options);

/* The defaults of a [printer] section before its keys. */
static void
settings_defaults(struct printer_settings *s)
{
	*s = (struct printer_settings){
	    .kind = PRINTER_NONE,
	    .width_dots = TICKET_WIDTH_58MM,
	    .cut = true,
	    .baud = PRINTER_BAUD_DEFAULT,
	    .status = true,
	    .timeout_ms = PRINTER_TIMEOUT_DEFAULT,
	};
}

/* Parse every key of sec into s. */
static int
parse_section(const struct config *cfg, const struct config_section *sec,
              struct printer_settings *s, struct sq_error *err)
{
	int rc;

	settings_defaults(s);
	if ((rc = config_table_apply(&printer_config_table, sec, s, 0, NULL, cfg, err)))
		return rc;
	if (!config_section_kv(sec, "target"))
		return config_section_error(
		    err, sec, NULL, "needs a target (none, file:DIR, usb:, serial: or tty:)");
	return SQ_OK;
}

/* Check [printer] at config load. */
int
printer_config_check(const struct config *cfg, const struct config_section *sec,
                     struct sq_error *err)
{
	struct printer_settings s;

	if (*sec->name)
		return config_section_error(err, sec, NULL,
		                            "there is one [printer] section, without a name");
	return parse_section(cfg, sec, &s, err);
}

/* The settings of cfg's [printer], or "none". */
int
printer_settings_from_config(const struct config *cfg, struct printer_settings *out,
                             struct sq_error *err)
{
	const struct config_section *sec = config_section_find(cfg, "printer", NULL);

	settings_defaults(out);
	if (!sec)
		return SQ_OK;
	return parse_section(cfg, sec, out, err);
}

/* ------------------------------------------------------------ connections */

/* One open device for one print. */
struct conn {
	const struct conn_ops *ops;
	const struct printer_settings *s;
	int fd;               /* usb, tty */
	struct sp_port *port; /* serial */
	char resolved[PATH_MAX];
};

/*
 * What a kind of device does. Every function that fails sets *fault and err.
 * write() sends all len bytes before deadline (monotonic ms) or fails;
 * read_byte() waits up to wait_ms for one byte: 1, 0 (nothing), or a
 * negative error; flush_in() drops unread input; close() discards unsent
 * output when discard is set, so a stalled device cannot hold up close().
 */
struct conn_ops {
	int (*open)(struct conn *c, enum printer_fault *fault, struct sq_error *err);
	int (*write)(struct conn *c, const uint8_t *buf, size_t len, int64_t deadline,
	             enum printer_fault *fault, struct sq_error *err);
	int (*read_byte)(struct conn *c, uint8_t *b, int wait_ms);
	void (*flush_in)(struct conn *c);
	void (*close)(struct conn *c, bool discard);
};

/* The fault an errno from open or write means. */
static enum printer_fault
errno_fault(int e)
{
	switch (e) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
	case EIO:
	case ENOTDIR:
		return PRINTER_FAULT_MISSING;
	default:
		return PRINTER_FAULT_IO;
	}
}

/* Open a usb or tty device non-blocking; a tty is made raw at the configured rate. */
static int
fd_open(struct conn *c, enum printer_fault *fault, struct sq_error *err)
{
	const char *path = c->s->path;

	c->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (c->fd < 0 && (errno == EACCES || errno == EROFS))
		c->fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (c->fd < 0) {
		int e = errno;

		*fault = errno_fault(e);
		return sq_error_set(err, SQ_ERR_IO, "unable to open printer '%s': %s", path,
		                    strerror(e));
	}
	if (c->s->kind == PRINTER_TTY) {
		struct termios t;
		speed_t speed;

		if (tcgetattr(c->fd, &t) != 0) {
			int e = errno;

			*fault = PRINTER_FAULT_IO;
			return sq_error_set(err, SQ_ERR_IO, "printer '%s' is not a tty: %s", path,
			                    strerror(e));
		}
		cfmakeraw(&t);
		t.c_cflag |= CLOCAL | CREAD;
		t.c_cflag &= ~(tcflag_t)CRTSCTS;
		if (!serial_termios_speed(c->s->baud, &speed) || cfsetspeed(&t, speed) != 0 ||
		    tcsetattr(c->fd, TCSANOW, &t) != 0) {
			int e = errno;

			*fault = PRINTER_FAULT_IO;
			return sq_error_set(err, SQ_ERR_IO, "unable to set up printer '%s': %s",
			                    path, strerror(e));
		}
	}
	return SQ_OK;
}

/* Write all of buf, polling for room, until the deadline. */
static int
fd_write(struct conn *c, const uint8_t *buf, size_t len, int64_t deadline,
         enum printer_fault *fault, struct sq_error *err)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(c->fd, buf + off, len - off);
		int64_t left;
		struct pollfd pfd = {.fd = c->fd, .events = POLLOUT};
		int r;

		if (n > 0) {
			off += (size_t)n;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
			int e = errno;

			*fault = errno_fault(e);
			return sq_error_set(err, SQ_ERR_IO,
			                    "writing to printer '%s' after %zu of %zu bytes: %s",
			                    c->s->path, off, len, strerror(e));
		}
		left = deadline - clock_monotonic_ms();
		if (left <= 0)
			break;
		r = poll(&pfd, 1, (int)left);
		if (r < 0 && errno != EINTR) {
			int e = errno;

			*fault = PRINTER_FAULT_IO;
			return sq_error_set(err, SQ_ERR_IO, "waiting for printer '%s': %s",
			                    c->s->path, strerror(e));
		}
		if (r > 0 && (pfd.revents & (POLLERR | POLLHUP | POLLNVAL))) {
			*fault = PRINTER_FAULT_MISSING;
			return sq_error_set(err, SQ_ERR_IO,
			                    "printer '%s' went away after %zu of %zu bytes",
			                    c->s->path, off, len);
		}
	}
	if (off < len) {
		*fault = PRINTER_FAULT_STALLED;
		return sq_error_set(err, SQ_ERR_TIMEOUT,
		                    "printer '%s' took only %zu of %zu bytes in %d ms", c->s->path,
		                    off, len, c->s->timeout_ms);
	}
	return SQ_OK;
}

/* One byte within wait_ms. */
static int
fd_read_byte(struct conn *c, uint8_t *b, int wait_ms)
{
	int64_t deadline = clock_monotonic_ms() + wait_ms;

	for (;;) {
		struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
		int64_t left = deadline - clock_monotonic_ms();
		ssize_t n;
		int r;

		if (left < 0)
			return 0;
		r = poll(&pfd, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return SQ_ERR_IO;
		if (r == 0)
			return 0;
		if (!(pfd.revents & POLLIN))
			return 0; /* POLLHUP and the like: no answer; the write will tell */
		n = read(c->fd, b, 1);
		if (n == 1)
			return 1;
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		return 0;
	}
}

/* Drop unread input on a tty; a usb printer keeps none worth dropping. */
static void
fd_flush_in(struct conn *c)
{
	if (c->s->kind == PRINTER_TTY && tcflush(c->fd, TCIFLUSH) != 0)
		log_debug("printer '%s': unable to flush input: %s", c->s->path, strerror(errno));
}

/* Close; a tty discards what it could not send, so close() cannot block. */
static void
fd_close(struct conn *c, bool discard)
{
	if (c->fd < 0)
		return;
	if (discard && c->s->kind == PRINTER_TTY && tcflush(c->fd, TCOFLUSH) != 0)
		log_debug("printer '%s': unable to discard output: %s", c->s->path,
		          strerror(errno));
	if (close(c->fd) != 0)
		log_debug("printer '%s': close: %s", c->s->path, strerror(errno));
	c->fd = -1;
}

/* libserialport's last error, in err. */
static int
sp_fail(struct conn *c, enum printer_fault *fault, enum printer_fault kind, int code,
        const char *what, struct sq_error *err)
{
	char *msg = sp_last_error_message();
	int rc = sq_error_set(err, code, "%s printer '%s': %s", what, c->s->path,
	                      msg ? msg : "unknown error");

	if (msg)
		sp_free_error_message(msg);
	*fault = kind;
	return rc;
}

/* Open a serial port through libserialport, 8N1 at the configured rate. */
static int
sp_open_conn(struct conn *c, enum printer_fault *fault, struct sq_error *err)
{
	if (!realpath(c->s->path, c->resolved)) {
		int e = errno;

		*fault = errno_fault(e);
		return sq_error_set(err, SQ_ERR_IO, "unable to open printer '%s': %s", c->s->path,
		                    strerror(e));
	}
	if (sp_get_port_by_name(c->resolved, &c->port) != SP_OK) {
		c->port = NULL;
		return sp_fail(c, fault, PRINTER_FAULT_MISSING, SQ_ERR_IO, "no serial port for",
		               err);
	}
	if (sp_open(c->port, SP_MODE_READ_WRITE) != SP_OK) {
		int rc = sp_fail(c, fault, PRINTER_FAULT_MISSING, SQ_ERR_IO, "unable to open", err);

		sp_free_port(c->port);
		c->port = NULL;
		return rc;
	}
	if (sp_set_baudrate(c->port, c->s->baud) != SP_OK || sp_set_bits(c->port, 8) != SP_OK ||
	    sp_set_parity(c->port, SP_PARITY_NONE) != SP_OK ||
	    sp_set_stopbits(c->port, 1) != SP_OK ||
	    sp_set_flowcontrol(c->port, SP_FLOWCONTROL_NONE) != SP_OK)
		return sp_fail(c, fault, PRINTER_FAULT_IO, SQ_ERR_IO, "unable to set up", err);
	return SQ_OK;
}

/* sp_blocking_write() with what is left of the deadline; SP_ERR_FAIL is an unplug. */
static int
sp_write_conn(struct conn *c, const uint8_t *buf, size_t len, int64_t deadline,
              enum printer_fault *fault, struct sq_error *err)
{
	size_t off = 0;

	while (off < len) {
		int64_t left = deadline - clock_monotonic_ms();
		enum sp_return r;

		if (left <= 0)
			break;
		r = sp_blocking_write(c->port, buf + off, len - off, (unsigned)left);
		if (r < 0)
			return sp_fail(c, fault,
			               r == SP_ERR_FAIL ? PRINTER_FAULT_MISSING : PRINTER_FAULT_IO,
			               SQ_ERR_IO, "writing to", err);
		off += (size_t)r;
	}
	if (off < len) {
		*fault = PRINTER_FAULT_STALLED;
		return sq_error_set(err, SQ_ERR_TIMEOUT,
		                    "printer '%s' took only %zu of %zu bytes in %d ms", c->s->path,
		                    off, len, c->s->timeout_ms);
	}
	return SQ_OK;
}

/* sp_blocking_read() of one byte. */
static int
sp_read_byte(struct conn *c, uint8_t *b, int wait_ms)
{
	enum sp_return r = sp_blocking_read(c->port, b, 1, (unsigned)(wait_ms > 0 ? wait_ms : 1));

	return r == 1 ? 1 : r < 0 ? SQ_ERR_IO : 0;
}

/* sp_flush() of the input buffer. */
static void
sp_flush_in(struct conn *c)
{
	if (sp_flush(c->port, SP_BUF_INPUT) != SP_OK)
		log_debug("printer '%s': unable to flush input", c->s->path);
}

/* Close the port, discarding unsent output when asked. */
static void
sp_close_conn(struct conn *c, bool discard)
{
	if (!c->port)
		return;
	if (discard && sp_flush(c->port, SP_BUF_OUTPUT) != SP_OK)
		log_debug("printer '%s': unable to discard output", c->s->path);
	if (sp_close(c->port) != SP_OK)
		log_debug("printer '%s': close failed", c->s->path);
	sp_free_port(c->port);
	c->port = NULL;
}

static const struct conn_ops fd_ops = {
    .open = fd_open,
    .write = fd_write,
    .read_byte = fd_read_byte,
    .flush_in = fd_flush_in,
    .close = fd_close,
};

static const struct conn_ops sp_ops = {
    .open = sp_open_conn,
    .write = sp_write_conn,
    .read_byte = sp_read_byte,
    .flush_in = sp_flush_in,
    .close = sp_close_conn,
};

/* The operations of each device kind (file and none have none). */
static const struct conn_ops *const conn_ops_by_kind[] = {
    [PRINTER_NONE] = NULL,      [PRINTER_FILE] = NULL,   [PRINTER_USB] = &fd_ops,
    [PRINTER_SERIAL] = &sp_ops, [PRINTER_TTY] = &fd_ops,
};

/* ----------------------------------------------------------------- status */

/* A status bit and the fault it means, in order of importance. */
struct status_fault {
	size_t offset; /* of the bool in struct escpos_status */
	enum printer_fault fault;
};

static const struct status_fault status_faults[] = {
    {offsetof(struct escpos_status, paper_out), PRINTER_FAULT_PAPER_OUT},
    {offsetof(struct escpos_status, paper_end_stop), PRINTER_FAULT_PAPER_OUT},
    {offsetof(struct escpos_status, cover_open), PRINTER_FAULT_COVER_OPEN},
    {offsetof(struct escpos_status, error), PRINTER_FAULT_OFFLINE},
    {offsetof(struct escpos_status, offline), PRINTER_FAULT_OFFLINE},
};

/* The status requests, paper first: a printer that does not answer it answers none. */
static const enum escpos_status_kind status_order[] = {
    ESCPOS_STATUS_PAPER,
    ESCPOS_STATUS_OFFLINE,
    ESCPOS_STATUS_PRINTER,
};

/*
 * Send DLE EOT kind on c and wait until wait_ms from now for the one-byte
 * answer: 1 with *reply set, 0 when none came, or the write's error code.
 */
static int
status_exchange(struct conn *c, enum escpos_status_kind kind, int wait_ms, uint8_t *reply,
                enum printer_fault *fault, struct sq_error *err)
{
	const uint8_t req[3] = {0x10, 0x04, (uint8_t)kind};
	int64_t deadline = clock_monotonic_ms() + wait_ms, left;
	int rc = c->ops->write(c, req, sizeof(req), deadline, fault, err);

	if (rc != SQ_OK)
		return rc;
	left = deadline - clock_monotonic_ms();
	return left > 0 && c->ops->read_byte(c, reply, (int)left) > 0 ? 1 : 0;
}

/*
 * Ask DLE EOT 4, 2 and 1 on c, each reply within a short wait. Fills res and
 * returns SQ_ERR_STATE with the fault when the printer says it cannot print.
 */
static int
ask_status(struct conn *c, int64_t deadline, struct printer_result *res, enum printer_fault *fault,
           struct sq_error *err)
{
	struct escpos_status st = {0};

	c->ops->flush_in(c);
	for (size_t i = 0; i < sizeof(status_order) / sizeof(status_order[0]); i++) {
		int64_t left = deadline - clock_monotonic_ms();
		int wait = left < PRINTER_STATUS_WAIT_MAX ? (int)left : PRINTER_STATUS_WAIT_MAX;
		uint8_t reply;
		int got;

		if (wait <= 0)
			break;
		got = status_exchange(c, status_order[i], wait, &reply, fault, err);
		if (got < 0)
			return got;
		if (got == 0) {
			if (i == 0) {
				log_debug("printer '%s' does not answer DLE EOT", c->s->path);
				return SQ_OK;
			}
			continue;
		}
		if (escpos_status_parse(status_order[i], reply, &st) != SQ_OK) {
			log_debug("printer '%s': 0x%02X is not a status byte", c->s->path, reply);
			continue;
		}
		res->status_known = true;
	}
	res->paper_near_end = st.paper_near_end;
	for (size_t i = 0; i < sizeof(status_faults) / sizeof(status_faults[0]); i++) {
		const bool *flag = (const bool *)((const char *)&st + status_faults[i].offset);

		if (*flag) {
			*fault = status_faults[i].fault;
			return sq_error_set(err, SQ_ERR_STATE, "printer '%s': %s", c->s->path,
			                    printer_fault_en(*fault));
		}
	}
	return SQ_OK;
}

/*
 * After the ticket, ask DLE EOT 4 once more and wait for the answer until the
 * deadline. A printer reads its input in order, so the answer means it took
 * the whole ticket; none means it stopped reading, even when the kernel's
 * buffers swallowed the rest of the bytes (a pty holds ~20 KB, a ticket is
 * about that). Only for a printer that answered before the ticket.
 */
static int
confirm_taken(struct conn *c, int64_t deadline, enum printer_fault *fault, struct sq_error *err)
{
	struct escpos_status st = {0};
	uint8_t reply;
	int got;

	c->ops->flush_in(c);
	got = status_exchange(c, ESCPOS_STATUS_PAPER, (int)(deadline - clock_monotonic_ms()),
	                      &reply, fault, err);
	if (got < 0)
		return got;
	if (got == 0) {
		*fault = PRINTER_FAULT_STALLED;
		return sq_error_set(err, SQ_ERR_TIMEOUT,
		                    "printer '%s' did not take the whole ticket within %d ms",
		                    c->s->path, c->s->timeout_ms);
	}
	if (escpos_status_parse(ESCPOS_STATUS_PAPER, reply, &st) == SQ_OK && st.paper_out) {
		*fault = PRINTER_FAULT_PAPER_OUT;
		return sq_error_set(err, SQ_ERR_STATE, "printer '%s': %s during the ticket",
		                    c->s->path, printer_fault_en(*fault));
	}
	return SQ_OK;
}

/* ----------------------------------------------------------------- printing */

/* A printer for s; the device is opened per print. */
int
printer_open(const struct printer_settings *s, struct printer **out, struct sq_error *err)
{
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for the printer");
	(*out)->s = *s;
	return SQ_OK;
}

/* Free p. */
void
printer_close(struct printer *p)
{
	free(p);
}

/* The settings of p. */
const struct printer_settings *
printer_settings(const struct printer *p)
{
	return &p->s;
}

/* Write n bytes at data to path, checking every step. */
static int
write_file(const char *path, const void *data, size_t n, enum printer_fault *fault,
           struct sq_error *err)
{
	FILE *fp = fopen(path, "wb");
	int e;

	if (!fp) {
		e = errno;
		*fault = errno_fault(e);
		return sq_error_set(err, SQ_ERR_IO, "unable to write '%s': %s", path, strerror(e));
	}
	if (fwrite(data, 1, n, fp) != n) {
		e = errno;
		fclose(fp);
		*fault = PRINTER_FAULT_IO;
		return sq_error_set(err, SQ_ERR_IO, "unable to write '%s': %s", path, strerror(e));
	}
	if (fclose(fp) != 0) {
		e = errno;
		*fault = PRINTER_FAULT_IO;
		return sq_error_set(err, SQ_ERR_IO, "unable to write '%s': %s", path, strerror(e));
	}
	return SQ_OK;
}

/* The folder target: DIR/ticket-CODE.bin and DIR/ticket-CODE.png. */
static int
print_to_folder(struct printer *p, const char *code, const struct bitmap *bm,
                const struct escpos_buf *bytes, enum printer_fault *fault, struct sq_error *err)
{
	char name[64], path[PRINTER_PATH_MAX + 80];
	struct stat st;
	size_t i;
	int rc;

	/* The folder itself may be made (the demo's first ticket); its parent must exist. */
	if (stat(p->s.path, &st) != 0 && errno == ENOENT && mkdir(p->s.path, 0755) != 0)
		log_debug("unable to make '%s': %s", p->s.path, strerror(errno));
	if (stat(p->s.path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		*fault = PRINTER_FAULT_MISSING;
		return sq_error_set(err, SQ_ERR_IO, "printer folder '%s' does not exist",
		                    p->s.path);
	}
	/* The code names the files: keep it to letters and digits. */
	for (i = 0; i < sizeof(name) - 1 && code[i]; i++) {
		char ch = code[i];
		name[i] =
		    (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
		        ? ch
		        : '_';
	}
	name[i] = '\0';
	snprintf(path, sizeof(path), "%s/ticket-%s.bin", p->s.path, name);
	rc = write_file(path, bytes->data, bytes->len, fault, err);
	if (rc != SQ_OK)
		return rc;
	snprintf(path, sizeof(path), "%s/ticket-%s.png", p->s.path, name);
	rc = bitmap_write_png(bm, path, err);
	if (rc != SQ_OK)
		*fault = PRINTER_FAULT_IO;
	return rc;
}

/* Open the device, ask its status, send bytes (if any), close. */
static int
print_to_device(struct printer *p, const struct escpos_buf *bytes, struct printer_result *res,
                struct sq_error *err)
{
	struct conn c = {.ops = conn_ops_by_kind[p->s.kind], .s = &p->s, .fd = -1};
	int64_t deadline = clock_monotonic_ms() + p->s.timeout_ms;
	int rc;

	rc = c.ops->open(&c, &res->fault, err);
	if (rc == SQ_OK && p->s.status)
		rc = ask_status(&c, deadline, res, &res->fault, err);
	if (rc == SQ_OK && bytes) {
		rc = c.ops->write(&c, bytes->data, bytes->len, deadline, &res->fault, err);
		if (rc == SQ_OK)
			res->bytes = bytes->len;
		if (rc == SQ_OK && res->status_known)
			rc = confirm_taken(&c, deadline, &res->fault, err);
	}
	c.ops->close(&c, rc != SQ_OK);
	return rc;
}

/* Encode bm and send it to the target; see printer.h. */
int
printer_print(struct printer *p, const char *code, const struct bitmap *bm,
              struct printer_result *res, struct sq_error *err)
{
	struct escpos_buf bytes = ESCPOS_BUF_INIT;
	int rc;

	*res = (struct printer_result){.fault = PRINTER_FAULT_NONE};
	if (p->s.kind == PRINTER_NONE)
		return SQ_OK;
	if (ticket_encode_escpos(bm, p->s.cut, &bytes) != SQ_OK) {
		escpos_buf_release(&bytes);
		res->fault = PRINTER_FAULT_IO;
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory encoding ticket %s", code);
	}
	if (p->s.kind == PRINTER_FILE) {
		rc = print_to_folder(p, code, bm, &bytes, &res->fault, err);
		if (rc == SQ_OK)
			res->bytes = bytes.len;
	} else {
		rc = print_to_device(p, &bytes, res, err);
	}
	escpos_buf_release(&bytes);
	if (rc != SQ_OK && res->fault == PRINTER_FAULT_NONE)
		res->fault = PRINTER_FAULT_IO;
	return rc;
}

/* Ask the status only. */
int
printer_check(struct printer *p, struct printer_result *res, struct sq_error *err)
{
	*res = (struct printer_result){.fault = PRINTER_FAULT_NONE};
	if (p->s.kind == PRINTER_NONE || p->s.kind == PRINTER_FILE)
		return SQ_OK;
	return print_to_device(p, NULL, res, err);
}
