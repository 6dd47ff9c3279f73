#include "led_display.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "serial_transport.h"

#define MAX_INLINE_WAIT_US 30000 /* sleep this long for the bus gap; longer waits go to poll */

/* One device path: one transport, one writer. */
struct led_port {
	struct serial_settings serial;
	char resolved[PATH_MAX]; /* realpath at add time, to spot two names of one device */
	struct serial_port *t;   /* NULL while offline */
	char reason[sizeof(((struct sq_error *)0)->msg)]; /* why offline; "" online */
	int64_t retry_at_ms;                              /* bus clock: next reopen attempt */
	int retry_ms;          /* shortest retry_seconds of its displays */
	int gap_ms;            /* longest frame_gap_ms of its displays */
	int64_t next_write_us; /* monotonic: the previous frame has left + gap */
	int lock_fd;           /* a second descriptor of the device, for flock(); -1 if none */
	struct led_port *next;
};

struct led_display {
	struct led_bus *bus;
	struct display_config cfg;
	struct led_port *port;
	struct display_content current;
	bool has_current;
	bool dirty; /* current is not yet on the display */
	struct led_display *next;
};

struct led_bus {
	struct led_port *ports;
	struct led_display *displays;
	int64_t now_ms; /* the latest time given to add or poll */
};

int
led_bus_open(struct led_bus **out, struct sq_error *err)
{
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory creating the display bus");
	return SQ_OK;
}

void
led_bus_close(struct led_bus *bus)
{
	if (!bus)
		return;
	for (struct led_display *d = bus->displays, *next; d; d = next) {
		next = d->next;
		free(d);
	}
	for (struct led_port *p = bus->ports, *next; p; p = next) {
		next = p->next;
		if (p->t)
			serial_port_drain(p->t, NULL);
		serial_port_close(p->t);
		if (p->lock_fd >= 0)
			close(p->lock_fd);
		free(p);
	}
	free(bus);
}

/* Microseconds the line needs for n bytes at the port's settings. */
static int64_t
wire_time_us(const struct serial_settings *s, size_t n)
{
	int bits = 1 + s->data_bits + (s->parity != SERIAL_PARITY_NONE) + s->stop_bits;

	return (int64_t)n * bits * 1000000 / (s->baud > 0 ? s->baud : 9600);
}

/* Take the port offline: close it, remember why, and resend everything later. */
static void
port_offline(struct led_bus *bus, struct led_port *p, const char *reason)
{
	if (p->t || strcmp(p->reason, reason) != 0)
		log_warn("display port offline: %s", reason);
	serial_port_close(p->t);
	p->t = NULL;
	if (p->lock_fd >= 0)
		close(p->lock_fd);
	p->lock_fd = -1;
	snprintf(p->reason, sizeof(p->reason), "%s", reason);
	p->retry_at_ms = bus->now_ms + p->retry_ms;
	for (struct led_display *d = bus->displays; d; d = d->next)
		if (d->port == p && d->has_current)
			d->dirty = true;
}

/* Try to open p now; SQ_OK if it is online afterwards. */
static int
port_open(struct led_bus *bus, struct led_port *p)
{
	struct sq_error err = {0};

	if (serial_port_open(&p->serial, &p->t, &err) != SQ_OK) {
		port_offline(bus, p, err.msg);
		return err.code;
	}
	log_info("display port '%s' online (%s)", p->serial.path, serial_port_kind(p->t));
	/* Without a lock descriptor frames still go out, only unguarded. */
	p->lock_fd = open(p->serial.path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (p->lock_fd < 0)
		log_warn("display port '%s': no lock against other writers: %s", p->serial.path,
		         strerror(errno));
	p->reason[0] = '\0';
	p->next_write_us = 0;
	return SQ_OK;
}

/*
 * Take the device's lock: another process (the console and a command-line
 * verb) may write to the same port, and frames must never interleave. Waits
 * at most timeout_ms; SQ_OK (also when there is no lock descriptor) or
 * SQ_ERR_TIMEOUT with err set.
 */
static int
port_lock(struct led_port *p, int timeout_ms, struct sq_error *err)
{
	int64_t deadline = clock_monotonic_ms() + timeout_ms;

	if (p->lock_fd < 0)
		return SQ_OK;
	while (flock(p->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return SQ_OK; /* a device without flock: write unguarded */
		if (clock_monotonic_ms() >= deadline)
			return sq_error_set(err, SQ_ERR_TIMEOUT,
			                    "'%s' stayed locked by another writer for %d ms",
			                    p->serial.path, timeout_ms);
		clock_sleep_ms(1);
	}
	return SQ_OK;
}

/*
 * Release the device's lock. On a bus with a silent gap (Modbus) the frame
 * must leave the wire and the gap pass first, or another process's frame
 * could follow too closely.
 */
static void
port_unlock(struct led_port *p, size_t len)
{
	if (p->lock_fd < 0)
		return;
	if (p->gap_ms) {
		int64_t until = clock_monotonic_us() + wire_time_us(&p->serial, len) +
		                (int64_t)p->gap_ms * 1000;
		int64_t wait = until - clock_monotonic_us();
		if (wait > 0)
			clock_sleep_ms((wait + 999) / 1000);
	}
	if (flock(p->lock_fd, LOCK_UN) != 0)
		log_warn("display port '%s': unlock: %s", p->serial.path, strerror(errno));
}

/*
 * Write d's current frame if its port is online and the bus gap has passed.
 * Returns SQ_OK when written or left for poll (still dirty), else the failure.
 */
static int
display_send(struct led_display *d)
{
	struct led_port *p = d->port;
	uint8_t frame[DISPLAY_FRAME_MAX];
	size_t len;
	struct sq_error err = {0};
	int rc;

	if (!d->dirty)
		return SQ_OK;
	if (!p->t)
		return SQ_ERR_IO;
	if (display_encode(&d->cfg, &d->current, frame, sizeof(frame), &len, &err) != SQ_OK) {
		log_warn("display '%s': %s", d->cfg.name, err.msg);
		d->dirty = false;
		return SQ_ERR_INVALID;
	}
	int64_t wait = p->next_write_us - clock_monotonic_us();
	if (wait > MAX_INLINE_WAIT_US)
		return SQ_OK; /* led_display_poll() sends it */
	if (wait > 0)
		clock_sleep_ms((wait + 999) / 1000);
	if ((rc = port_lock(p, d->cfg.write_timeout_ms, &err)) != SQ_OK) {
		/* Busy, not gone: the frame stays dirty and poll sends it. */
		log_warn("display '%s': %s", d->cfg.name, err.msg);
		return rc;
	}
	/* Replies (Modbus devices answer) are never read: drop them so they cannot pile up. */
	rc = serial_port_flush(p->t, SERIAL_BUF_INPUT, &err);
	if (rc == SQ_OK)
		rc = serial_port_write(p->t, frame, len, d->cfg.write_timeout_ms, NULL, &err);
	port_unlock(p, rc == SQ_OK ? len : 0);
	if (rc != SQ_OK) {
		port_offline(d->bus, p, err.msg);
		return rc == SQ_ERR_TIMEOUT ? rc : SQ_ERR_IO; /* offline either way */
	}
	/* Without a gap the kernel keeps frames in order; with one, the next frame
	 * waits until this one has left the wire and the line was quiet (already
	 * waited out under the lock when there is one). */
	p->next_write_us =
	    p->gap_ms && p->lock_fd < 0
	        ? clock_monotonic_us() + wire_time_us(&p->serial, len) + (int64_t)p->gap_ms * 1000
	        : 0;
	d->dirty = false;
	return SQ_OK;
}

/* Send every waiting frame of the displays on p, in the order they were added. */
static void
port_flush(struct led_bus *bus, struct led_port *p)
{
	for (struct led_display *d = bus->displays; d && p->t; d = d->next)
		if (d->port == p && d->dirty && display_send(d) == SQ_OK && d->dirty)
			break; /* waiting for the gap: the rest wait too, in order */
}

/* Same line settings (so the displays can share the port). */
static bool
same_line(const struct serial_settings *a, const struct serial_settings *b)
{
	return a->baud == b->baud && a->data_bits == b->data_bits && a->parity == b->parity &&
	       a->stop_bits == b->stop_bits && a->kind == b->kind;
}

/* The port already open for s's device, or NULL. */
static struct led_port *
find_port(struct led_bus *bus, const struct serial_settings *s, const char *resolved)
{
	for (struct led_port *p = bus->ports; p; p = p->next)
		if (strcmp(p->serial.path, s->path) == 0 ||
		    (resolved[0] && strcmp(p->resolved, resolved) == 0))
			return p;
	return NULL;
}

int
led_display_add(struct led_bus *bus, const struct display_config *cfg, int64_t now_ms,
                struct led_display **out, struct sq_error *err)
{
	char resolved[PATH_MAX] = "";
	struct led_port *p;
	struct led_display *d;

	*out = NULL;
	bus->now_ms = now_ms;
	if (!realpath(cfg->serial.path, resolved))
		resolved[0] = '\0';
	p = find_port(bus, &cfg->serial, resolved);
	if (p) {
		for (struct led_display *o = bus->displays; o; o = o->next) {
			if (o->port != p)
				continue;
			if (!same_line(&o->cfg.serial, &cfg->serial))
				return sq_error_set(err, SQ_ERR_INVALID,
				                    "displays '%s' and '%s' share '%s' with other "
				                    "line settings",
				                    o->cfg.name, cfg->name, cfg->serial.path);
			if (o->cfg.protocol == cfg->protocol && o->cfg.address == cfg->address)
				return sq_error_set(err, SQ_ERR_INVALID,
				                    "displays '%s' and '%s' have the same address "
				                    "%d on '%s'",
				                    o->cfg.name, cfg->name, cfg->address,
				                    cfg->serial.path);
		}
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory adding display '%s'",
		                    cfg->name);
	if (!p) {
		p = calloc(1, sizeof(*p));
		if (!p) {
			free(d);
			return sq_error_set(err, SQ_ERR_NOMEM, "out of memory adding display '%s'",
			                    cfg->name);
		}
		p->serial = cfg->serial;
		p->lock_fd = -1;
		snprintf(p->resolved, sizeof(p->resolved), "%s", resolved);
		p->retry_ms = cfg->retry_seconds * 1000;
		p->next = bus->ports;
		bus->ports = p;
		port_open(bus, p);
	}
	if (cfg->retry_seconds * 1000 < p->retry_ms)
		p->retry_ms = cfg->retry_seconds * 1000;
	if (cfg->frame_gap_ms > p->gap_ms)
		p->gap_ms = cfg->frame_gap_ms;
	d->bus = bus;
	d->cfg = *cfg;
	d->port = p;
	/* Append, so frames go out in the order the displays were added. */
	struct led_display **tail = &bus->displays;
	while (*tail)
		tail = &(*tail)->next;
	*tail = d;
	*out = d;
	return SQ_OK;
}

/* Make c the display's content and try to send it now. */
static int
display_set(struct led_display *d, const struct display_content *c)
{
	char shown[DISPLAY_WIDTH_MAX + 1];
	int rc;

	/* A cut code reads as another ticket: the display shows nothing instead. */
	if (!display_render_text(&d->cfg, c, shown, sizeof(shown)))
		log_warn("display '%s': ticket %s is wider than its %d characters: shown blank",
		         d->cfg.name, c->code, d->cfg.width);
	d->current = *c;
	d->has_current = true;
	d->dirty = true;
	if (!d->port->t)
		return SQ_ERR_IO;
	/* Frames queued earlier on this bus go first. */
	for (struct led_display *o = d->bus->displays; o; o = o->next)
		if (o != d && o->port == d->port && o->dirty && (rc = display_send(o)) != SQ_OK)
			return rc;
	rc = display_send(d);
	return rc;
}

int
led_display_show_ticket(struct led_display *d, const char *code, int counter)
{
	struct display_content c = {.kind = DISPLAY_CONTENT_TICKET, .counter = counter};

	snprintf(c.code, sizeof(c.code), "%s", code);
	return display_set(d, &c);
}

int
led_display_recall(struct led_display *d)
{
	struct display_content c;

	if (!d->has_current || d->current.kind != DISPLAY_CONTENT_TICKET)
		return SQ_ERR_STATE;
	c = d->current;
	c.recall = true;
	return display_set(d, &c);
}

int
led_display_show_recall(struct led_display *d, const char *code, int counter)
{
	struct display_content c = {
	    .kind = DISPLAY_CONTENT_TICKET, .counter = counter, .recall = true};

	snprintf(c.code, sizeof(c.code), "%s", code);
	return display_set(d, &c);
}

int
led_display_show_break(struct led_display *d)
{
	return led_display_show_text(d, d->cfg.break_text);
}

int
led_display_show_text(struct led_display *d, const char *text)
{
	struct display_content c = {.kind = DISPLAY_CONTENT_TEXT};

	snprintf(c.text, sizeof(c.text), "%s", text);
	return display_set(d, &c);
}

int
led_display_show_number(struct led_display *d, long number)
{
	struct display_content c = {.kind = DISPLAY_CONTENT_NUMBER, .number = number};

	return display_set(d, &c);
}

int
led_display_clear(struct led_display *d)
{
	struct display_content c = {.kind = DISPLAY_CONTENT_CLEAR};

	return display_set(d, &c);
}

int
led_display_poll(struct led_bus *bus, int64_t now_ms)
{
	int back = 0;

	bus->now_ms = now_ms;
	for (struct led_port *p = bus->ports; p; p = p->next) {
		if (!p->t && now_ms >= p->retry_at_ms) {
			if (port_open(bus, p) == SQ_OK)
				back++;
		}
		if (p->t)
			port_flush(bus, p);
	}
	return back;
}

enum led_state
led_display_state(const struct led_display *d)
{
	return d->port->t ? LED_STATE_ONLINE : LED_STATE_OFFLINE;
}

const char *
led_display_reason(const struct led_display *d)
{
	return d->port->t ? "" : d->port->reason;
}

const struct display_content *
led_display_current(const struct led_display *d)
{
	return &d->current;
}

const struct display_config *
led_display_config(const struct led_display *d)
{
	return &d->cfg;
}

void
led_display_status(const struct led_display *d, char *out, size_t n)
{
	const struct serial_settings *s = &d->port->serial;

	if (d->port->t)
		snprintf(out, n, "%s %d %d%c%d (%s)", s->path, s->baud, s->data_bits,
		         serial_parity_letter(s->parity), s->stop_bits,
		         serial_port_kind(d->port->t));
	else
		snprintf(out, n, "%s", d->port->reason);
}
