/*
 * printer.h - the ticket printer at the edge: where the ESC/POS bytes go,
 * and what can go wrong on the way.
 *
 * The [printer] section of the config names one target:
 *
 *   target = file:DIR          demo: DIR/ticket-<code>.bin (the exact bytes)
 *                              and DIR/ticket-<code>.png (what would print)
 *   target = usb:/dev/usb/lp0  USB printer class, raw writes
 *   target = serial:/dev/ttyUSB0  a serial port through libserialport
 *                              (symlinks such as /dev/serial/by-id/... are
 *                              resolved first: libserialport 0.1.1 refuses them)
 *   target = tty:/dev/pts/3    any tty as a raw fd + termios (pseudo-terminals,
 *                              the printer emulator), which libserialport refuses
 *   target = none              no printer: the screen shows the ticket only
 *
 * and width_dots (384 for 58 mm paper, 576 for 80 mm), cut (yes|no), baud
 * (serial and tty), status (yes|no: ask DLE EOT before printing) and
 * timeout_ms (the longest a print may take, 100..60000).
 *
 * A device is opened for each ticket and closed after it, so a printer that
 * was unplugged and plugged back in simply works again. Before printing, a
 * printer that answers DLE EOT is asked for its paper sensor, offline cause
 * and online state (input flushed first, a short wait for each reply; a
 * printer that does not answer is printed to anyway). A printer that answered
 * is asked DLE EOT 4 again after the ticket, and must answer by the deadline:
 * its answer shows it took the whole ticket (it reads in order), which the
 * write alone cannot show once kernel buffers hold the rest. The device is a
 * serial_port (serial_transport.h: raw for usb, libserialport for serial,
 * termios for tty, 8N1). Every write and read is checked and bounded by one
 * deadline, so a printer that stalls mid-ticket costs at most timeout_ms;
 * the waits are cut in slices of PRINTER_KEEPALIVE_MS with the owner's
 * keepalive called between them, so a program under a watchdog shorter than
 * timeout_ms keeps feeding it while the printer stalls.
 * Faults come back as an enum printer_fault with an error message; the
 * ticket itself is the caller's business (it stays valid).
 *
 * Ownership: printer_open() returns a printer the caller frees with
 * printer_close(). Threading: one thread per printer; it blocks that thread
 * for at most timeout_ms per call (calling the keepalive meanwhile).
 */
#ifndef SADUAK_PRINTER_H
#define SADUAK_PRINTER_H

#include <stdbool.h>
#include <stddef.h>

#include "bitmap.h"
#include "config.h"
#include "error.h"

#define PRINTER_PATH_MAX        512
#define PRINTER_TIMEOUT_DEFAULT 3000 /* ms a whole print may take */
#define PRINTER_STATUS_WAIT_MAX 300  /* ms to wait for one DLE EOT reply */
#define PRINTER_BAUD_DEFAULT    9600
#define PRINTER_KEEPALIVE_MS    500 /* longest wait between keepalive calls */

enum printer_kind {
	PRINTER_NONE,   /* no printer configured */
	PRINTER_FILE,   /* a folder: .bin and .png per ticket */
	PRINTER_USB,    /* /dev/usb/lpN */
	PRINTER_SERIAL, /* libserialport */
	PRINTER_TTY,    /* raw fd + termios */
};

/* The [printer] settings; plain data. */
struct printer_settings {
	enum printer_kind kind;
	char path[PRINTER_PATH_MAX]; /* device, or the folder (absolute) for PRINTER_FILE */
	int width_dots;              /* 384 or 576 */
	bool cut;                    /* the printer has a cutter: GS V after the ticket */
	int baud;                    /* serial and tty */
	bool status;                 /* ask DLE EOT before printing */
	int timeout_ms;              /* longest a print may take */
};

/* What went wrong with a print; PRINTER_FAULT_NONE when it printed. */
enum printer_fault {
	PRINTER_FAULT_NONE,
	PRINTER_FAULT_MISSING,    /* no such device, unplugged, folder missing */
	PRINTER_FAULT_PAPER_OUT,  /* DLE EOT 4 / 2 says the paper has run out */
	PRINTER_FAULT_COVER_OPEN, /* DLE EOT 2 */
	PRINTER_FAULT_OFFLINE,    /* DLE EOT 1 / 2: offline for another reason */
	PRINTER_FAULT_STALLED,    /* it stopped taking bytes within the timeout */
	PRINTER_FAULT_IO,         /* another failure: permission, disk full */
	PRINTER_FAULT_COUNT,
};

/* What a print did. */
struct printer_result {
	enum printer_fault fault;
	bool paper_near_end; /* printed, but the roll is nearly out */
	bool status_known;   /* the printer answered DLE EOT */
	size_t bytes;        /* bytes of ESC/POS sent (or written to the .bin) */
};

struct printer;
struct config_table;

/*
 * Check a [printer] section (its row in config_office.c): known
 * keys, each once, valid values. SQ_ERR_INVALID with
 * "FILE:LINE: [printer] key 'K': what" in err.
 */
extern const struct config_table printer_config_table; /* its keys, one row each */
int printer_config_check(const struct config *cfg, const struct config_section *sec,
                         struct sq_error *err);

/*
 * The [printer] settings of cfg into *out; kind PRINTER_NONE when the file
 * has no [printer] section. A file folder is resolved against the config's
 * folder. SQ_ERR_INVALID as printer_config_check(), or SQ_ERR_NOMEM.
 */
int printer_settings_from_config(const struct config *cfg, struct printer_settings *out,
                                 struct sq_error *err);

/*
 * A printer for s (copied). Opens nothing yet: the device is opened for
 * each print, so a missing one is a fault of that print. SQ_ERR_NOMEM only;
 * *out is NULL then. Free with printer_close().
 */
int printer_open(const struct printer_settings *s, struct printer **out, struct sq_error *err);

/* Free p. NULL is a no-op. */
void printer_close(struct printer *p);

/*
 * Have p call fn(ctx) at least every PRINTER_KEEPALIVE_MS while a print or
 * check waits on the device (the kiosk feeds its systemd watchdog there).
 * fn NULL: none, the default.
 */
void printer_set_keepalive(struct printer *p, void (*fn)(void *ctx), void *ctx);

/* The settings p was opened with. */
const struct printer_settings *printer_settings(const struct printer *p);

/*
 * Print bm, the ticket named code (file names of the folder target), as
 * ESC @, GS v 0 bands and a cut or feed. Asks the status first when
 * settings.status is set and the printer answers, and then again after the
 * ticket (no answer by the deadline: stalled; paper out: the ticket was cut
 * short). Returns SQ_OK, or with
 * res->fault set and a line in err: SQ_ERR_IO (missing, unplugged, I/O),
 * SQ_ERR_STATE (paper out, cover open, offline), SQ_ERR_TIMEOUT (stalled),
 * SQ_ERR_NOMEM. Never takes longer than settings.timeout_ms (plus the
 * rendering, which is the caller's). A PRINTER_NONE printer does nothing.
 */
int printer_print(struct printer *p, const char *code, const struct bitmap *bm,
                  struct printer_result *res, struct sq_error *err);

/*
 * Ask the status only (DLE EOT 4, 2, 1). SQ_OK with res->status_known false
 * when the printer does not answer (or cannot: file, usb without reply);
 * the fault and the return as printer_print().
 */
int printer_check(struct printer *p, struct printer_result *res, struct sq_error *err);

/* Names and words of a fault: "paper-out"; Thai and English for screens. Static. */
const char *printer_fault_name(enum printer_fault f);
const char *printer_fault_th(enum printer_fault f);
const char *printer_fault_en(enum printer_fault f);

/* The fault whose log name (printer_fault_name) is the len bytes at name; false if none is. */
bool printer_fault_by_name(const char *name, size_t len, enum printer_fault *out);

#endif
