/*
 * serial_transport.h - bytes out of a serial port, whatever carries them.
 *
 * A transport is a small struct of function pointers (write with a timeout,
 * drain, close) so that the code above it (display protocols, printers) never
 * knows what it talks to. Two implementations:
 *
 *   serialport  libserialport, for real ports (/dev/ttyUSB0, /dev/serial/by-id/...).
 *               libserialport 0.1.1 refuses symlinks and pseudo-terminals, so
 *               the path goes through realpath() first.
 *   termios     a raw POSIX file descriptor set up with termios, for
 *               pseudo-terminals (tests, the LED emulator) and for any tty
 *               that libserialport does not list.
 *
 * SERIAL_AUTO picks serialport when sp_get_port_by_name() accepts the
 * resolved path, termios otherwise.
 *
 * Writes never wait longer than the timeout given; a write that fails because
 * the device went away (libserialport's SP_ERR_FAIL, EIO/ENXIO on a tty)
 * returns SQ_ERR_IO and the transport is dead: close it and open it again
 * later. Nothing is read; input (replies of Modbus devices) is discarded
 * before each write so that it cannot pile up.
 *
 * Ownership: serial_transport_open() returns a transport the caller frees with
 * serial_transport_close(). Threading: one thread per transport.
 */
#ifndef SADUAK_SERIAL_TRANSPORT_H
#define SADUAK_SERIAL_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <termios.h>

#include "error.h"

#define SERIAL_PATH_MAX 256

enum serial_kind {
	SERIAL_AUTO,       /* serialport if libserialport knows the device, else termios */
	SERIAL_SERIALPORT, /* libserialport only */
	SERIAL_TERMIOS,    /* raw fd + termios only */
};

enum serial_parity {
	SERIAL_PARITY_NONE,
	SERIAL_PARITY_EVEN,
	SERIAL_PARITY_ODD,
};

/* Line settings; plain data, copied by serial_transport_open(). */
struct serial_settings {
	char path[SERIAL_PATH_MAX]; /* as configured; symlinks allowed */
	enum serial_kind kind;
	int baud;      /* 1200 .. 921600 */
	int data_bits; /* 5..8 */
	enum serial_parity parity;
	int stop_bits; /* 1 or 2 */
};

/*
 * An open port. The fields are the interface; ctx belongs to the
 * implementation and is freed by close().
 */
struct serial_transport {
	const char *kind; /* "serialport" or "termios", static */
	/* Write all len bytes within timeout_ms: SQ_OK, SQ_ERR_TIMEOUT (some or
	 * none written), SQ_ERR_IO (device gone: close the transport). */
	int (*write)(void *ctx, const uint8_t *buf, size_t len, int timeout_ms,
	             struct sq_error *err);
	/* Wait until written bytes are on the wire: SQ_OK or SQ_ERR_IO. */
	int (*drain)(void *ctx, struct sq_error *err);
	/* Release the port and ctx. */
	void (*close)(void *ctx);
	void *ctx;
};

/*
 * Open the port in s with its line settings. On success *out is a transport
 * the caller frees with serial_transport_close(); on failure *out is NULL and
 * the return value is SQ_ERR_IO (missing or unusable device), SQ_ERR_INVALID
 * (a setting the device or this system cannot do) or SQ_ERR_NOMEM.
 */
int serial_transport_open(const struct serial_settings *s, struct serial_transport **out,
                          struct sq_error *err);

/* Write through t; see struct serial_transport. */
int serial_transport_write(struct serial_transport *t, const uint8_t *buf, size_t len,
                           int timeout_ms, struct sq_error *err);

/* Drain t; see struct serial_transport. */
int serial_transport_drain(struct serial_transport *t, struct sq_error *err);

/* Close t and free it. NULL is a no-op. */
void serial_transport_close(struct serial_transport *t);

/* The parity as one letter for "9600 8N1": 'N', 'E' or 'O'. */
char serial_parity_letter(enum serial_parity p);

/* The termios speed constant for baud (B9600 ...), or false when termios has none. */
bool serial_termios_speed(int baud, speed_t *out);

#endif
