/*
 * printer.c - [printer] settings, the four kinds of target, status replies
 * and bounded writes. See printer.h.
 */
#include "printer.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clock.h"
#include "escpos.h"
#include "log.h"
#include "ticket_render.h"
#include "config_table.h"
#include "config_value.h"
#include "serial_transport.h"

struct printer {
	struct printer_settings s;
	void (*keepalive)(void *ctx); /* NULL: none */
	void *keepalive_ctx;
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

/* An open device and what the print is allowed: the deadline, the keepalive. */
struct conn {
	struct printer *p;
	struct serial_port *port;
	int64_t deadline; /* monotonic ms: the whole print ends by then */
};

/* The fault an errno from opening or writing a file means. */
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

/* The fault a serial_port failure means. */
static enum printer_fault
port_fault(int rc)
{
	return rc == SQ_ERR_NOTFOUND  ? PRINTER_FAULT_MISSING
	       : rc == SQ_ERR_TIMEOUT ? PRINTER_FAULT_STALLED
	                              : PRINTER_FAULT_IO;
}

/* The port a printer device is: USB class raw, a serial port, any tty; 8N1. */
static void
port_settings(const struct printer_settings *s, struct serial_settings *out)
{
	_Static_assert(PRINTER_PATH_MAX <= SERIAL_PATH_MAX, "a printer path fits a port path");
	*out = (struct serial_settings){
	    .kind = s->kind == PRINTER_USB      ? SERIAL_RAW
	            : s->kind == PRINTER_SERIAL ? SERIAL_SERIALPORT
	                                        : SERIAL_TERMIOS,
	    .baud = s->baud,
	    .data_bits = 8,
	    .parity = SERIAL_PARITY_NONE,
	    .stop_bits = 1,
	};
	snprintf(out->path, sizeof(out->path), "%s", s->path);
}

/* The longest one wait may take: what is left until then, at most a keepalive slice. */
static int
slice_ms(int64_t until)
{
	int64_t left = until - clock_monotonic_ms();

	return left <= 0 ? 0 : left < PRINTER_KEEPALIVE_MS ? (int)left : PRINTER_KEEPALIVE_MS;
}

/* Tell the printer's owner that the print is still going (its watchdog). */
static void
keep_alive(const struct conn *c)
{
	if (c->p->keepalive)
		c->p->keepalive(c->p->keepalive_ctx);
}

/* Write all of buf before the deadline, a slice at a time. */
static int
conn_write(struct conn *c, const uint8_t *buf, size_t len, enum printer_fault *fault,
           struct sq_error *err)
{
	const char *path = c->p->s.path;
	size_t off = 0;

	while (off < len) {
		int wait = slice_ms(c->deadline);
		struct sq_error perr = {0};
		size_t n = 0;
		int rc;

		if (wait <= 0)
			break;
		rc = serial_port_write(c->port, buf + off, len - off, wait, &n, &perr);
		off += n;
		keep_alive(c);
		if (rc != SQ_OK && rc != SQ_ERR_TIMEOUT) {
			*fault = port_fault(rc);
			return sq_error_set(err, SQ_ERR_IO, "printer, after %zu of %zu bytes: %s",
			                    off, len, perr.msg);
		}
	}
	if (off < len) {
		*fault = PRINTER_FAULT_STALLED;
		return sq_error_set(err, SQ_ERR_TIMEOUT,
		                    "printer '%s' took only %zu of %zu bytes in %d ms", path, off,
		                    len, c->p->s.timeout_ms);
	}
	return SQ_OK;
}

/* One byte by until (monotonic ms), a slice at a time: true if it came. */
static bool
conn_read_byte(struct conn *c, uint8_t *b, int64_t until)
{
	for (int wait; (wait = slice_ms(until)) > 0;) {
		size_t got = 0;
		int rc = serial_port_read(c->port, b, 1, wait, &got, NULL);

		keep_alive(c);
		if (got == 1)
			return true;
		if (rc != SQ_ERR_TIMEOUT)
			return false; /* hung up or failed: no answer; the write will tell */
	}
	return false;
}

/* Drop unread input: a reply that came too late must not answer the next question. */
static void
conn_flush_in(struct conn *c)
{
	struct sq_error err = {0};

	if (serial_port_flush(c->port, SERIAL_BUF_INPUT, &err) != SQ_OK)
		log_debug("printer: %s", err.msg);
}

/* Close; discarding what a stalled printer did not take, so close() cannot block. */
static void
conn_close(struct conn *c, bool discard)
{
	struct sq_error err = {0};

	if (discard && serial_port_flush(c->port, SERIAL_BUF_OUTPUT, &err) != SQ_OK)
		log_debug("printer: %s", err.msg);
	serial_port_close(c->port);
	c->port = NULL;
}

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
	int64_t until = clock_monotonic_ms() + wait_ms;
	struct conn bounded = *c;
	int rc;

	bounded.deadline = until < c->deadline ? until : c->deadline;
	rc = conn_write(&bounded, req, sizeof(req), fault, err);
	if (rc != SQ_OK)
		return rc;
	return conn_read_byte(c, reply, bounded.deadline) ? 1 : 0;
}

/*
 * Ask DLE EOT 4, 2 and 1 on c, each reply within a short wait. Fills res and
 * returns SQ_ERR_STATE with the fault when the printer says it cannot print.
 */
static int
ask_status(struct conn *c, struct printer_result *res, enum printer_fault *fault,
           struct sq_error *err)
{
	struct escpos_status st = {0};

	conn_flush_in(c);
	for (size_t i = 0; i < sizeof(status_order) / sizeof(status_order[0]); i++) {
		int64_t left = c->deadline - clock_monotonic_ms();
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
				log_debug("printer '%s' does not answer DLE EOT", c->p->s.path);
				return SQ_OK;
			}
			continue;
		}
		if (escpos_status_parse(status_order[i], reply, &st) != SQ_OK) {
			log_debug("printer '%s': 0x%02X is not a status byte", c->p->s.path, reply);
			continue;
		}
		res->status_known = true;
	}
	res->paper_near_end = st.paper_near_end;
	for (size_t i = 0; i < sizeof(status_faults) / sizeof(status_faults[0]); i++) {
		const bool *flag = (const bool *)((const char *)&st + status_faults[i].offset);

		if (*flag) {
			*fault = status_faults[i].fault;
			return sq_error_set(err, SQ_ERR_STATE, "printer '%s': %s", c->p->s.path,
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
confirm_taken(struct conn *c, enum printer_fault *fault, struct sq_error *err)
{
	struct escpos_status st = {0};
	uint8_t reply;
	int got;

	conn_flush_in(c);
	got = status_exchange(c, ESCPOS_STATUS_PAPER, (int)(c->deadline - clock_monotonic_ms()),
	                      &reply, fault, err);
	if (got < 0)
		return got;
	if (got == 0) {
		*fault = PRINTER_FAULT_STALLED;
		return sq_error_set(err, SQ_ERR_TIMEOUT,
		                    "printer '%s' did not take the whole ticket within %d ms",
		                    c->p->s.path, c->p->s.timeout_ms);
	}
	if (escpos_status_parse(ESCPOS_STATUS_PAPER, reply, &st) == SQ_OK && st.paper_out) {
		*fault = PRINTER_FAULT_PAPER_OUT;
		return sq_error_set(err, SQ_ERR_STATE, "printer '%s': %s during the ticket",
		                    c->p->s.path, printer_fault_en(*fault));
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

/* Call fn(ctx) at least every PRINTER_KEEPALIVE_MS while p waits. */
void
printer_set_keepalive(struct printer *p, void (*fn)(void *ctx), void *ctx)
{
	p->keepalive = fn;
	p->keepalive_ctx = ctx;
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
	struct conn c = {.p = p, .deadline = clock_monotonic_ms() + p->s.timeout_ms};
	struct serial_settings port;
	struct sq_error perr = {0};
	int rc;

	port_settings(&p->s, &port);
	rc = serial_port_open(&port, &c.port, &perr);
	if (rc != SQ_OK) {
		res->fault = port_fault(rc);
		return sq_error_set(err, rc == SQ_ERR_NOMEM ? rc : SQ_ERR_IO, "printer: %s",
		                    perr.msg);
	}
	if (p->s.status)
		rc = ask_status(&c, res, &res->fault, err);
	if (rc == SQ_OK && bytes) {
		rc = conn_write(&c, bytes->data, bytes->len, &res->fault, err);
		if (rc == SQ_OK)
			res->bytes = bytes->len;
		if (rc == SQ_OK && res->status_known)
			rc = confirm_taken(&c, &res->fault, err);
	}
	conn_close(&c, rc != SQ_OK);
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
