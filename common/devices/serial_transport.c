/*
 * serial_transport.c - the port object over libserialport, termios or a plain
 * descriptor. See serial_transport.h.
 */
#include "serial_transport.h"

#include <errno.h>
#include <fcntl.h>
#include <libserialport.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "clock.h"

/*
 * What a kind of port does; one row per kind. Each function sets err on
 * failure and returns the codes of serial_transport.h.
 */
struct port_ops {
	const char *kind;
	int (*write)(struct serial_port *p, const uint8_t *buf, size_t len, int timeout_ms,
	             size_t *sent, struct sq_error *err);
	int (*read)(struct serial_port *p, uint8_t *buf, size_t len, int timeout_ms, size_t *got,
	            struct sq_error *err);
	int (*drain)(struct serial_port *p, struct sq_error *err);
	int (*flush)(struct serial_port *p, enum serial_buffer buffers, struct sq_error *err);
	void (*release)(struct serial_port *p);
};

struct serial_port {
	const struct port_ops *ops;
	char path[SERIAL_PATH_MAX]; /* as configured, for messages */
	int fd;                     /* termios, raw; -1 otherwise */
	bool tty;                   /* fd is a tty: tcflush() and tcdrain() apply */
	struct sp_port *sp;         /* serialport; NULL otherwise */
};

/* ---- file descriptors: termios and raw ---- */

/* Speeds termios can name. */
static const struct {
	int baud;
	speed_t speed;
} termios_speeds[] = {
    {1200, B1200},     {2400, B2400},     {4800, B4800},     {9600, B9600},
    {19200, B19200},   {38400, B38400},   {57600, B57600},   {115200, B115200},
    {230400, B230400}, {460800, B460800}, {921600, B921600},
};

bool
serial_termios_speed(int baud, speed_t *out)
{
	for (size_t i = 0; i < sizeof(termios_speeds) / sizeof(termios_speeds[0]); i++)
		if (termios_speeds[i].baud == baud) {
			*out = termios_speeds[i].speed;
			return true;
		}
	return false;
}

/* True for the errno values that mean the device is missing or gone. */
static bool
errno_is_gone(int e)
{
	return e == ENOENT || e == ENOTDIR || e == EIO || e == ENXIO || e == ENODEV || e == EBADF ||
	       e == EPIPE;
}

/* err for errno e while doing what to p: SQ_ERR_NOTFOUND or SQ_ERR_IO. */
static int
errno_fail(struct sq_error *err, int e, const char *what, const char *path)
{
	return sq_error_set(err, errno_is_gone(e) ? SQ_ERR_NOTFOUND : SQ_ERR_IO, "%s '%s': %s",
	                    what, path, strerror(e));
}

/*
 * Wait until p->fd is ready for events or deadline (monotonic ms) passes:
 * SQ_OK (ready), SQ_ERR_TIMEOUT (err untouched), SQ_ERR_NOTFOUND (hung up)
 * or SQ_ERR_IO.
 */
static int
fd_wait(struct serial_port *p, short events, int64_t deadline, struct sq_error *err)
{
	for (;;) {
		int64_t left = deadline - clock_monotonic_ms();
		struct pollfd pfd = {.fd = p->fd, .events = events};
		int r;

		if (left <= 0)
			return SQ_ERR_TIMEOUT;
		r = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return sq_error_set(err, SQ_ERR_IO, "unable to wait for '%s': %s", p->path,
			                    strerror(errno));
		if (r == 0)
			return SQ_ERR_TIMEOUT;
		if (pfd.revents & events)
			return SQ_OK;
		return sq_error_set(err, SQ_ERR_NOTFOUND, "'%s' hung up", p->path);
	}
}

/* Write with a deadline: write() what fits, poll() for room. */
static int
fd_write(struct serial_port *p, const uint8_t *buf, size_t len, int timeout_ms, size_t *sent,
         struct sq_error *err)
{
	int64_t deadline = clock_monotonic_ms() + timeout_ms;
	size_t done = 0;
	int rc = SQ_OK;

	while (done < len && rc == SQ_OK) {
		ssize_t n = write(p->fd, buf + done, len - done);

		if (n > 0)
			done += (size_t)n;
		else if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
			rc = errno_fail(err, errno, "unable to write to", p->path);
		else
			rc = fd_wait(p, POLLOUT, deadline, err);
	}
	*sent = done;
	if (rc == SQ_ERR_TIMEOUT)
		sq_error_set(err, rc,
		             "writing to '%s' timed out after %d ms (%zu of %zu bytes sent)",
		             p->path, timeout_ms, done, len);
	return rc;
}

/* Read with a deadline: read() what came, poll() for more. */
static int
fd_read(struct serial_port *p, uint8_t *buf, size_t len, int timeout_ms, size_t *got,
        struct sq_error *err)
{
	int64_t deadline = clock_monotonic_ms() + timeout_ms;
	size_t done = 0;
	bool ready = false; /* poll() said there is something to read */
	int rc = SQ_OK;

	while (done < len && rc == SQ_OK) {
		ssize_t n = read(p->fd, buf + done, len - done);

		if (n > 0) {
			done += (size_t)n;
			ready = false;
		} else if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
			rc = errno_fail(err, errno, "unable to read from", p->path);
		} else if (n == 0 && ready) {
			/* Readable yet nothing: a hung-up tty (or the end of a file). */
			rc = sq_error_set(err, SQ_ERR_NOTFOUND, "'%s' hung up", p->path);
		} else {
			rc = fd_wait(p, POLLIN, deadline, err);
			ready = rc == SQ_OK;
		}
	}
	*got = done;
	if (rc == SQ_ERR_TIMEOUT)
		sq_error_set(err, rc, "reading from '%s' timed out after %d ms (%zu of %zu bytes)",
		             p->path, timeout_ms, done, len);
	return rc;
}

/* tcdrain(); a pseudo-terminal returns at once, a raw port has nothing to wait for. */
static int
fd_drain(struct serial_port *p, struct sq_error *err)
{
	if (!p->tty)
		return SQ_OK;
	while (tcdrain(p->fd) != 0)
		if (errno != EINTR)
			return errno_fail(err, errno, "unable to drain", p->path);
	return SQ_OK;
}

/* tcflush(); a raw port keeps no buffers of its own. */
static int
fd_flush(struct serial_port *p, enum serial_buffer buffers, struct sq_error *err)
{
	int queue = buffers == SERIAL_BUF_INPUT    ? TCIFLUSH
	            : buffers == SERIAL_BUF_OUTPUT ? TCOFLUSH
	                                           : TCIOFLUSH;

	if (p->tty && tcflush(p->fd, queue) != 0)
		return errno_fail(err, errno, "unable to flush", p->path);
	return SQ_OK;
}

/* Close the descriptor. */
static void
fd_release(struct serial_port *p)
{
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
}

static const struct port_ops termios_ops = {
    .kind = "termios",
    .write = fd_write,
    .read = fd_read,
    .drain = fd_drain,
    .flush = fd_flush,
    .release = fd_release,
};

static const struct port_ops raw_ops = {
    .kind = "raw",
    .write = fd_write,
    .read = fd_read,
    .drain = fd_drain,
    .flush = fd_flush,
    .release = fd_release,
};

/* Open path non-blocking; write-only when it may not be read (a printer's lp node). */
static int
fd_open(struct serial_port *p, const char *path, struct sq_error *err)
{
	p->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (p->fd < 0 && (errno == EACCES || errno == EROFS))
		p->fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (p->fd < 0)
		return errno_fail(err, errno, "unable to open", p->path);
	return SQ_OK;
}

/* Make p->fd a raw tty with the line settings of s. */
static int
termios_setup(struct serial_port *p, const struct serial_settings *s, struct sq_error *err)
{
	struct termios tio;
	speed_t speed;

	if (!serial_termios_speed(s->baud, &speed))
		return sq_error_set(err, SQ_ERR_INVALID, "'%s': %d baud is not a termios speed",
		                    p->path, s->baud);
	if (tcgetattr(p->fd, &tio) != 0)
		return sq_error_set(err, SQ_ERR_IO, "'%s' is not a serial port: %s", p->path,
		                    strerror(errno));
	p->tty = true;
	cfmakeraw(&tio);
	tio.c_cflag &= ~(tcflag_t)(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
	tio.c_cflag |= CLOCAL | CREAD;
	tio.c_cflag |= s->data_bits == 5   ? CS5
	               : s->data_bits == 6 ? CS6
	               : s->data_bits == 7 ? CS7
	                                   : CS8;
	if (s->parity != SERIAL_PARITY_NONE)
		tio.c_cflag |= PARENB;
	if (s->parity == SERIAL_PARITY_ODD)
		tio.c_cflag |= PARODD;
	if (s->stop_bits == 2)
		tio.c_cflag |= CSTOPB;
	tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
	tio.c_cc[VMIN] = 0;
	tio.c_cc[VTIME] = 0;
	if (cfsetispeed(&tio, speed) != 0 || cfsetospeed(&tio, speed) != 0 ||
	    tcsetattr(p->fd, TCSANOW, &tio) != 0)
		return sq_error_set(err, SQ_ERR_IO, "unable to set up '%s': %s", p->path,
		                    strerror(errno));
	return SQ_OK;
}

/* ---- libserialport ---- */

/* libserialport's last error as text, copied into err. */
static int
sp_fail(struct sq_error *err, int code, const char *what, const char *path)
{
	char *msg = sp_last_error_message();

	sq_error_set(err, code, "%s '%s': %s", what, path, msg ? msg : "failed");
	if (msg)
		sp_free_error_message(msg);
	return code;
}

/* The code of a negative sp_return: SP_ERR_FAIL is what an unplugged adapter gives. */
static int
sp_code(enum sp_return r)
{
	return r == SP_ERR_FAIL ? SQ_ERR_NOTFOUND : SQ_ERR_IO;
}

/* libserialport waits forever on a timeout of 0: never ask for that. */
static unsigned
sp_timeout(int timeout_ms)
{
	return timeout_ms > 0 ? (unsigned)timeout_ms : 1;
}

/* sp_blocking_write(). */
static int
sp_write(struct serial_port *p, const uint8_t *buf, size_t len, int timeout_ms, size_t *sent,
         struct sq_error *err)
{
	enum sp_return r = sp_blocking_write(p->sp, buf, len, sp_timeout(timeout_ms));

	*sent = r > 0 ? (size_t)r : 0;
	if (r < 0)
		return sp_fail(err, sp_code(r), "unable to write to", p->path);
	if ((size_t)r < len)
		return sq_error_set(err, SQ_ERR_TIMEOUT,
		                    "writing to '%s' timed out after %d ms (%d of %zu bytes sent)",
		                    p->path, timeout_ms, (int)r, len);
	return SQ_OK;
}

/* sp_blocking_read(). */
static int
sp_read(struct serial_port *p, uint8_t *buf, size_t len, int timeout_ms, size_t *got,
        struct sq_error *err)
{
	enum sp_return r = sp_blocking_read(p->sp, buf, len, sp_timeout(timeout_ms));

	*got = r > 0 ? (size_t)r : 0;
	if (r < 0)
		return sp_fail(err, sp_code(r), "unable to read from", p->path);
	if ((size_t)r < len)
		return sq_error_set(err, SQ_ERR_TIMEOUT,
		                    "reading from '%s' timed out after %d ms (%d of %zu bytes)",
		                    p->path, timeout_ms, (int)r, len);
	return SQ_OK;
}

/* sp_drain(). */
static int
sp_drain_port(struct serial_port *p, struct sq_error *err)
{
	enum sp_return r = sp_drain(p->sp);

	return r == SP_OK ? SQ_OK : sp_fail(err, sp_code(r), "unable to drain", p->path);
}

/* sp_flush(). */
static int
sp_flush_port(struct serial_port *p, enum serial_buffer buffers, struct sq_error *err)
{
	enum sp_buffer which = buffers == SERIAL_BUF_INPUT    ? SP_BUF_INPUT
	                       : buffers == SERIAL_BUF_OUTPUT ? SP_BUF_OUTPUT
	                                                      : SP_BUF_BOTH;
	enum sp_return r = sp_flush(p->sp, which);

	return r == SP_OK ? SQ_OK : sp_fail(err, sp_code(r), "unable to flush", p->path);
}

/* Close and free the libserialport port. */
static void
sp_release(struct serial_port *p)
{
	if (!p->sp)
		return;
	sp_close(p->sp);
	sp_free_port(p->sp);
	p->sp = NULL;
}

static const struct port_ops sp_ops = {
    .kind = "serialport",
    .write = sp_write,
    .read = sp_read,
    .drain = sp_drain_port,
    .flush = sp_flush_port,
    .release = sp_release,
};

/* Open resolved (a real device path) through libserialport. */
static int
sp_open_port(struct serial_port *p, const struct serial_settings *s, const char *resolved,
             struct sq_error *err)
{
	static const enum sp_parity parities[] = {
	    [SERIAL_PARITY_NONE] = SP_PARITY_NONE,
	    [SERIAL_PARITY_EVEN] = SP_PARITY_EVEN,
	    [SERIAL_PARITY_ODD] = SP_PARITY_ODD,
	};

	if (sp_get_port_by_name(resolved, &p->sp) != SP_OK) {
		p->sp = NULL;
		return sp_fail(err, SQ_ERR_NOTFOUND, "libserialport does not know", p->path);
	}
	if (sp_open(p->sp, SP_MODE_READ_WRITE) != SP_OK) {
		int rc = sp_fail(err, SQ_ERR_NOTFOUND, "unable to open", p->path);

		sp_free_port(p->sp);
		p->sp = NULL;
		return rc;
	}
	if (sp_set_baudrate(p->sp, s->baud) != SP_OK || sp_set_bits(p->sp, s->data_bits) != SP_OK ||
	    sp_set_parity(p->sp, parities[s->parity]) != SP_OK ||
	    sp_set_stopbits(p->sp, s->stop_bits) != SP_OK ||
	    sp_set_flowcontrol(p->sp, SP_FLOWCONTROL_NONE) != SP_OK)
		return sp_fail(err, SQ_ERR_INVALID, "unable to set up", p->path);
	return SQ_OK;
}

/* True if libserialport lists the device at resolved. */
static bool
sp_knows(const char *resolved)
{
	struct sp_port *port;

	if (sp_get_port_by_name(resolved, &port) != SP_OK)
		return false;
	sp_free_port(port);
	return true;
}

/* ---- the interface ---- */

/* Open p by the kind of s: set p->ops once the device is open. */
static int
open_kind(struct serial_port *p, const struct serial_settings *s, const char *resolved,
          struct sq_error *err)
{
	int rc;

	if (s->kind == SERIAL_SERIALPORT || (s->kind == SERIAL_AUTO && sp_knows(resolved))) {
		p->ops = &sp_ops;
		return sp_open_port(p, s, resolved, err);
	}
	p->ops = s->kind == SERIAL_RAW ? &raw_ops : &termios_ops;
	rc = fd_open(p, resolved, err);
	if (rc == SQ_OK && s->kind != SERIAL_RAW)
		rc = termios_setup(p, s, err);
	return rc;
}

int
serial_port_open(const struct serial_settings *s, struct serial_port **out, struct sq_error *err)
{
	char resolved[PATH_MAX];
	struct serial_port *p;
	int rc;

	*out = NULL;
	if (!s->path[0])
		return sq_error_set(err, SQ_ERR_INVALID, "no serial port given");
	if (s->kind != SERIAL_RAW &&
	    (s->data_bits < 5 || s->data_bits > 8 || (s->stop_bits != 1 && s->stop_bits != 2) ||
	     s->parity > SERIAL_PARITY_ODD || s->baud <= 0))
		return sq_error_set(err, SQ_ERR_INVALID, "'%s': bad line settings", s->path);
	/* libserialport 0.1.1 refuses symlinks such as /dev/serial/by-id/... */
	if (!realpath(s->path, resolved))
		return errno_fail(err, errno, "unable to open", s->path);
	p = calloc(1, sizeof(*p));
	if (!p)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory opening '%s'", s->path);
	snprintf(p->path, sizeof(p->path), "%s", s->path);
	p->fd = -1;
	rc = open_kind(p, s, resolved, err);
	if (rc != SQ_OK) {
		serial_port_close(p);
		return rc;
	}
	*out = p;
	return SQ_OK;
}

int
serial_port_write(struct serial_port *p, const uint8_t *buf, size_t len, int timeout_ms,
                  size_t *sent, struct sq_error *err)
{
	size_t n = 0;
	int rc = p->ops->write(p, buf, len, timeout_ms, &n, err);

	if (sent)
		*sent = n;
	return rc;
}

int
serial_port_read(struct serial_port *p, uint8_t *buf, size_t len, int timeout_ms, size_t *got,
                 struct sq_error *err)
{
	size_t n = 0;
	int rc = p->ops->read(p, buf, len, timeout_ms, &n, err);

	if (got)
		*got = n;
	return rc;
}

int
serial_port_drain(struct serial_port *p, struct sq_error *err)
{
	return p->ops->drain(p, err);
}

int
serial_port_flush(struct serial_port *p, enum serial_buffer buffers, struct sq_error *err)
{
	return p->ops->flush(p, buffers, err);
}

void
serial_port_close(struct serial_port *p)
{
	if (!p)
		return;
	if (p->ops)
		p->ops->release(p);
	free(p);
}

const char *
serial_port_kind(const struct serial_port *p)
{
	return p->ops->kind;
}

char
serial_parity_letter(enum serial_parity p)
{
	return p == SERIAL_PARITY_EVEN ? 'E' : p == SERIAL_PARITY_ODD ? 'O' : 'N';
}
