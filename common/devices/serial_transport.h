/*
 * serial_transport.h - one port object for every byte the devices exchange:
 * the LED displays and the ticket printer.
 *
 * Shaped like libserialport's sp_port: open a port by its settings, then
 * blocking write and read with a timeout, drain, flush, close. The code above
 * it (display protocols, printers) never knows what carries its bytes. Three
 * kinds of port:
 *
 *   serialport  libserialport, for real ports (/dev/ttyUSB0, /dev/serial/by-id/...).
 *               libserialport 0.1.1 refuses symlinks and pseudo-terminals, so
 *               the path goes through realpath() first.
 *   termios     a raw POSIX file descriptor set up with termios, for
 *               pseudo-terminals (tests, the emulators) and for any tty
 *               that libserialport does not list.
 *   raw         a plain non-blocking file descriptor with no line settings,
 *               for devices that are not ttys (the USB printer class,
 *               /dev/usb/lp0); opened write-only when it cannot be read.
 *
 * SERIAL_AUTO picks serialport when sp_get_port_by_name() accepts the
 * resolved path, termios otherwise.
 *
 * Every call that waits takes a timeout and never waits longer; a caller with
 * a longer deadline calls again for what is left (and can do other work, such
 * as keeping a watchdog fed, in between). Failures come back as values:
 * SQ_ERR_NOTFOUND when the device is missing or went away (unplugged, hung
 * up: close the port and open it again later), SQ_ERR_IO for any other
 * failure (permission, a device that refuses its settings), SQ_ERR_TIMEOUT
 * when the time ran out, each with the port's path in err.
 *
 * Ownership: serial_port_open() returns a port the caller frees with
 * serial_port_close(). Threading: one thread per port.
 */
#ifndef SADUAK_SERIAL_TRANSPORT_H
#define SADUAK_SERIAL_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <termios.h>

#include "error.h"

#define SERIAL_PATH_MAX 512

/* The order is the one of the displays' "transport" key (auto, serialport, termios). */
enum serial_kind {
	SERIAL_AUTO,       /* serialport if libserialport knows the device, else termios */
	SERIAL_SERIALPORT, /* libserialport only */
	SERIAL_TERMIOS,    /* raw fd + termios only */
	SERIAL_RAW,        /* a plain fd, not a tty: no line settings */
};

enum serial_parity {
	SERIAL_PARITY_NONE,
	SERIAL_PARITY_EVEN,
	SERIAL_PARITY_ODD,
};

/* Which buffers serial_port_flush() discards. */
enum serial_buffer {
	SERIAL_BUF_INPUT = 1,  /* received, not yet read */
	SERIAL_BUF_OUTPUT = 2, /* written, not yet sent */
	SERIAL_BUF_BOTH = 3,
};

/* Line settings; plain data, copied by serial_port_open(). */
struct serial_settings {
	char path[SERIAL_PATH_MAX]; /* as configured; symlinks allowed */
	enum serial_kind kind;
	int baud;      /* 1200 .. 921600 (not used by SERIAL_RAW) */
	int data_bits; /* 5..8 */
	enum serial_parity parity;
	int stop_bits; /* 1 or 2 */
};

/* An open port; opaque. */
struct serial_port;

/*
 * Open the port in s with its line settings. On success *out is a port the
 * caller frees with serial_port_close(); on failure *out is NULL and the
 * return value is SQ_ERR_NOTFOUND (no such device), SQ_ERR_IO (unusable:
 * permission, not a tty), SQ_ERR_INVALID (a setting the device or this
 * system cannot do) or SQ_ERR_NOMEM.
 */
int serial_port_open(const struct serial_settings *s, struct serial_port **out,
                     struct sq_error *err);

/*
 * Write the len bytes at buf, waiting at most timeout_ms for room (as
 * sp_blocking_write). *sent (may be NULL) gets how many the port took.
 * SQ_OK when all did, SQ_ERR_TIMEOUT when fewer did in time, SQ_ERR_NOTFOUND
 * or SQ_ERR_IO (see above).
 */
int serial_port_write(struct serial_port *p, const uint8_t *buf, size_t len, int timeout_ms,
                      size_t *sent, struct sq_error *err);

/*
 * Read len bytes into buf, waiting at most timeout_ms (as sp_blocking_read).
 * *got (may be NULL) gets how many came. SQ_OK when all did, SQ_ERR_TIMEOUT
 * when fewer did in time (a port that cannot be read only times out),
 * SQ_ERR_NOTFOUND when the device hung up, SQ_ERR_IO.
 */
int serial_port_read(struct serial_port *p, uint8_t *buf, size_t len, int timeout_ms, size_t *got,
                     struct sq_error *err);

/* Wait until the written bytes are on the wire (a raw port: at once). SQ_OK or as above. */
int serial_port_drain(struct serial_port *p, struct sq_error *err);

/* Discard the buffers named (a raw port keeps none). SQ_OK or as above. */
int serial_port_flush(struct serial_port *p, enum serial_buffer buffers, struct sq_error *err);

/* Close p and free it. NULL is a no-op. */
void serial_port_close(struct serial_port *p);

/* "serialport", "termios" or "raw"; static. */
const char *serial_port_kind(const struct serial_port *p);

/* The parity as one letter for "9600 8N1": 'N', 'E' or 'O'. */
char serial_parity_letter(enum serial_parity p);

/* The termios speed constant for baud (B9600 ...), or false when termios has none. */
bool serial_termios_speed(int baud, speed_t *out);

#endif
