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

/* ---- termios: a raw POSIX file descriptor ---- */

struct termios_port {
	int fd;
	char path[SERIAL_PATH_MAX];
};

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

/* True for the errno values that mean the device is gone. */
static bool
errno_is_gone(int e)
{
	return e == EIO || e == ENXIO || e == ENODEV || e == EBADF || e == EPIPE;
}

/* Write with a deadline: poll() for room, then write() what fits. */
static int
termios_write(void *ctx, const uint8_t *buf, size_t len, int timeout_ms, struct sq_error *err)
{
	struct termios_port *p = ctx;
	int64_t deadline = clock_monotonic_ms() + timeout_ms;
	size_t done = 0;

	if (tcflush(p->fd, TCIFLUSH) != 0 && errno_is_gone(errno))
		return sq_error_set(err, SQ_ERR_IO, "unable to write to '%s': %s", p->path,
		                    strerror(errno));
	while (done < len) {
		ssize_t n = write(p->fd, buf + done, len - done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			return sq_error_set(err, SQ_ERR_IO, "unable to write to '%s': %s", p->path,
			                    strerror(errno));
		int64_t left = deadline - clock_monotonic_ms();
		if (left <= 0)
			break;
		struct pollfd pfd = {.fd = p->fd, .events = POLLOUT};
		int r = poll(&pfd, 1, (int)left);
		if (r < 0 && errno != EINTR)
			return sq_error_set(err, SQ_ERR_IO, "unable to wait for '%s': %s", p->path,
			                    strerror(errno));
		if (r > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)))
			return sq_error_set(err, SQ_ERR_IO,
			                    "unable to write to '%s': device hung up", p->path);
	}
	if (done < len)
		return sq_error_set(err, SQ_ERR_TIMEOUT,
		                    "writing to '%s' timed out after %d ms (%zu of %zu bytes sent)",
		                    p->path, timeout_ms, done, len);
	return SQ_OK;
}

/* tcdrain(); a pseudo-terminal returns at once. */
static int
termios_drain(void *ctx, struct sq_error *err)
{
	struct termios_port *p = ctx;

	while (tcdrain(p->fd) != 0)
		if (errno != EINTR)
			return sq_error_set(err, SQ_ERR_IO, "unable to drain '%s': %s", p->path,
			                    strerror(errno));
	return SQ_OK;
}

/* Close the descriptor and free the port. */
static void
termios_close(void *ctx)
{
	struct termios_port *p = ctx;

	if (!p)
		return;
	if (p->fd >= 0)
		close(p->fd);
	free(p);
}

/* Open path raw with the line settings of s. */
static int
termios_open(const struct serial_settings *s, const char *path, struct serial_transport *t,
             struct sq_error *err)
{
	struct termios tio;
	speed_t speed;
	struct termios_port *p;
	int rc;

	if (!serial_termios_speed(s->baud, &speed))
		return sq_error_set(err, SQ_ERR_INVALID, "'%s': %d baud is not a termios speed",
		                    s->path, s->baud);
	p = calloc(1, sizeof(*p));
	if (!p)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory opening '%s'", s->path);
	snprintf(p->path, sizeof(p->path), "%s", s->path);
	p->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (p->fd < 0) {
		rc = sq_error_set(err, SQ_ERR_IO, "unable to open '%s': %s", s->path,
		                  strerror(errno));
		goto out;
	}
	if (tcgetattr(p->fd, &tio) != 0) {
		rc = sq_error_set(err, SQ_ERR_IO, "'%s' is not a serial port: %s", s->path,
		                  strerror(errno));
		goto out;
	}
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
	    tcsetattr(p->fd, TCSANOW, &tio) != 0) {
		rc = sq_error_set(err, SQ_ERR_IO, "unable to set up '%s': %s", s->path,
		                  strerror(errno));
		goto out;
	}
	t->kind = "termios";
	t->write = termios_write;
	t->drain = termios_drain;
	t->close = termios_close;
	t->ctx = p;
	return SQ_OK;
out:
	termios_close(p);
	return rc;
}

/* ---- libserialport ---- */

struct sp_ctx {
	struct sp_port *port;
	char path[SERIAL_PATH_MAX];
};

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

/* sp_blocking_write(); SP_ERR_FAIL means the adapter was unplugged. */
static int
sp_write(void *ctx, const uint8_t *buf, size_t len, int timeout_ms, struct sq_error *err)
{
	struct sp_ctx *p = ctx;
	enum sp_return r;

	if (sp_flush(p->port, SP_BUF_INPUT) != SP_OK)
		return sp_fail(err, SQ_ERR_IO, "unable to write to", p->path);
	r = sp_blocking_write(p->port, buf, len, (unsigned)timeout_ms);
	if (r < 0)
		return sp_fail(err, SQ_ERR_IO, "unable to write to", p->path);
	if ((size_t)r < len)
		return sq_error_set(err, SQ_ERR_TIMEOUT,
		                    "writing to '%s' timed out after %d ms (%d of %zu bytes sent)",
		                    p->path, timeout_ms, (int)r, len);
	return SQ_OK;
}

/* sp_drain(). */
static int
sp_drain_ctx(void *ctx, struct sq_error *err)
{
	struct sp_ctx *p = ctx;

	if (sp_drain(p->port) != SP_OK)
		return sp_fail(err, SQ_ERR_IO, "unable to drain", p->path);
	return SQ_OK;
}

/* Close and free the port. */
static void
sp_close_ctx(void *ctx)
{
	struct sp_ctx *p = ctx;

	if (!p)
		return;
	if (p->port) {
		sp_close(p->port);
		sp_free_port(p->port);
	}
	free(p);
}

/* Open resolved (a real device path) through libserialport. */
static int
sp_open_port(const struct serial_settings *s, const char *resolved, struct serial_transport *t,
             struct sq_error *err)
{
	static const enum sp_parity parities[] = {
	    [SERIAL_PARITY_NONE] = SP_PARITY_NONE,
	    [SERIAL_PARITY_EVEN] = SP_PARITY_EVEN,
	    [SERIAL_PARITY_ODD] = SP_PARITY_ODD,
	};
	struct sp_ctx *p = calloc(1, sizeof(*p));
	int rc;

	if (!p)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory opening '%s'", s->path);
	snprintf(p->path, sizeof(p->path), "%s", s->path);
	if (sp_get_port_by_name(resolved, &p->port) != SP_OK) {
		p->port = NULL;
		rc = sp_fail(err, SQ_ERR_IO, "libserialport does not know", s->path);
		goto out;
	}
	if (sp_open(p->port, SP_MODE_READ_WRITE) != SP_OK) {
		sp_free_port(p->port);
		p->port = NULL;
		rc = sp_fail(err, SQ_ERR_IO, "unable to open", s->path);
		goto out;
	}
	if (sp_set_baudrate(p->port, s->baud) != SP_OK ||
	    sp_set_bits(p->port, s->data_bits) != SP_OK ||
	    sp_set_parity(p->port, parities[s->parity]) != SP_OK ||
	    sp_set_stopbits(p->port, s->stop_bits) != SP_OK ||
	    sp_set_flowcontrol(p->port, SP_FLOWCONTROL_NONE) != SP_OK) {
		rc = sp_fail(err, SQ_ERR_INVALID, "unable to set up", s->path);
		goto out;
	}
	t->kind = "serialport";
	t->write = sp_write;
	t->drain = sp_drain_ctx;
	t->close = sp_close_ctx;
	t->ctx = p;
	return SQ_OK;
out:
	sp_close_ctx(p);
	return rc;
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

int
serial_transport_open(const struct serial_settings *s, struct serial_transport **out,
                      struct sq_error *err)
{
	char resolved[PATH_MAX];
	struct serial_transport *t;
	int rc;

	*out = NULL;
	if (!s->path[0])
		return sq_error_set(err, SQ_ERR_INVALID, "no serial port given");
	if (s->data_bits < 5 || s->data_bits > 8 || (s->stop_bits != 1 && s->stop_bits != 2) ||
	    s->parity > SERIAL_PARITY_ODD || s->baud <= 0)
		return sq_error_set(err, SQ_ERR_INVALID, "'%s': bad line settings", s->path);
	/* libserialport 0.1.1 refuses symlinks such as /dev/serial/by-id/... */
	if (!realpath(s->path, resolved))
		return sq_error_set(err, SQ_ERR_IO, "unable to open '%s': %s", s->path,
		                    strerror(errno));
	t = calloc(1, sizeof(*t));
	if (!t)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory opening '%s'", s->path);
	if (s->kind == SERIAL_SERIALPORT || (s->kind == SERIAL_AUTO && sp_knows(resolved)))
		rc = sp_open_port(s, resolved, t, err);
	else
		rc = termios_open(s, resolved, t, err);
	if (rc) {
		free(t);
		return rc;
	}
	*out = t;
	return SQ_OK;
}

int
serial_transport_write(struct serial_transport *t, const uint8_t *buf, size_t len, int timeout_ms,
                       struct sq_error *err)
{
	return t->write(t->ctx, buf, len, timeout_ms, err);
}

int
serial_transport_drain(struct serial_transport *t, struct sq_error *err)
{
	return t->drain(t->ctx, err);
}

void
serial_transport_close(struct serial_transport *t)
{
	if (!t)
		return;
	t->close(t->ctx);
	free(t);
}

char
serial_parity_letter(enum serial_parity p)
{
	return p == SERIAL_PARITY_EVEN ? 'E' : p == SERIAL_PARITY_ODD ? 'O' : 'N';
}
