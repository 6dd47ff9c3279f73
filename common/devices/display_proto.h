/*
 * display_proto.h - the frames counter LED displays understand (pure: no I/O).
 *
 * Three kinds of display are supported (see docs in spec/hardware.md):
 *
 *   modbus  Modbus RTU 7-segment modules: [unit][fn][data][CRC-16/MODBUS lo hi].
 *           Profile a: integer = write single register (06) at 0x0088, text =
 *           write multiple (10) at 0x0070, 12 ASCII bytes in 6 registers.
 *           Profile b: signed 16-bit integer (06) at 0x0000, no text.
 *   alpha   Alpha Sign Communications Protocol: NULs, SOH, type, address,
 *           STX, 'A' (write text file), label, ESC position mode, text,
 *           optional ETX + checksum, EOT.
 *   ascii   a plain framed template: prefix, address, separator, payload,
 *           optional checksum (8-bit sum or XOR), suffix.
 *
 * The protocols live in one static table (display_proto.c); each encodes text
 * and, where the display has one, an integer register. The [display NAME]
 * keys below are read by display_config.c.
 *
 * Text on a display is printable ASCII only. UTF-8 input is read one
 * character at a time: Thai digits become ASCII digits, anything else that is
 * not printable ASCII is replaced with '?' or dropped (unsupported = ...).
 * Text is then cut to the display width and padded as configured, except a
 * ticket code, which is shown whole or not at all (a cut "DX001"
 * would read as "DX00", another ticket): see display_render_text(). A display
 * that shows numbers only (modbus profile b, or numeric = yes) gets the
 * digits of the text: ticket "A012" shows 12.
 *
 * The [display NAME] section of the office INI file (all keys optional unless
 * marked):
 *
 *   protocol        modbus | alpha | ascii                         (required)
 *   port            device path, symlinks allowed (/dev/serial/by-id/...);
 *                   relative to the config file's folder (required)
 *   transport       auto | serialport | termios                (auto)
 *   baud            1200..921600                               (9600)
 *   data_bits       5..8                      (8; alpha 7)
 *   parity          none | even | odd         (none; alpha even)
 *   stop_bits       1 | 2                                      (1)
 *   address         modbus unit 1..247 (1); alpha 0..255, sent as two hex
 *                   digits, 0 = every sign (0); ascii 0..65535 (1)
 *   width           characters the display shows, 1..64 (modbus 4, max 12;
 *                   alpha 16; ascii 4); must hold the longest code of the
 *                   counters that use it
 *   align           none | left | right: pad to width with spaces (none)
 *   numeric         yes | no: send only the digits (no; modbus b: yes)
 *   show_counter    yes | no: append " N" (the counter) when it fits (no)
 *   break_text      text shown while the counter is on break ("----")
 *   recall_marker   text put before a recalled ticket, e.g. "*"; alpha
 *                   flashes instead unless one is set ("")
 *   unsupported     replace | drop: what non-ASCII characters become (replace)
 *   write_timeout_ms  longest a frame may take to write, 10..2000 (100)
 *   retry_seconds   how often an offline display is reopened, 1..3600 (3)
 *   frame_gap_ms    silence between frames on the bus, 0..1000 (modbus 4, else 0)
 *   modbus_profile  a | b                                      (a)
 *   alpha_type      sign type code, one printable character    (Z)
 *   alpha_label     text file label, one printable character   (A)
 *   alpha_position  fill | middle | top | bottom               (fill)
 *   alpha_mode      hold | rotate                              (hold)
 *   alpha_checksum  yes | no                                   (yes)
 *   ascii_prefix    bytes before the address, \xNN \r \n \t \\ escapes (\x02)
 *   ascii_suffix    bytes that end a frame, escapes as above; not empty (\x03)
 *   ascii_address_format  %02d style: %[0][W]d, %[0][W]X, %[0][W]x, %c (raw
 *                   byte) or "none" (%02d)
 *   ascii_separator bytes between address and payload, escapes (""); must
 *                   not start with a digit after an address of any length
 *   ascii_checksum  none | sum8 | xor                          (none)
 *   ascii_checksum_covers  body (address..payload, checksum before the
 *                   suffix) | body_suffix | frame (prefix..suffix; checksum
 *                   after the suffix)                          (body)
 *   ascii_checksum_format  hex (two ASCII hex digits) | raw (one byte) (hex)
 *
 *   The display ends a frame at the first suffix it meets, so the suffix
 *   must not be able to turn up earlier: in the address, the separator, the
 *   text (display_text_can_hold()), a checksum before it, or across their
 *   edges (display_config.c, check_readable()).
 *
 * Threading: pure functions on caller-owned structs; call from any thread.
 */
#ifndef SADUAK_DISPLAY_PROTO_H
#define SADUAK_DISPLAY_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "serial_transport.h"

#define DISPLAY_FRAME_MAX 256 /* longest frame any protocol produces */
#define DISPLAY_WIDTH_MAX 64
#define DISPLAY_TEXT_MAX  128 /* UTF-8 bytes of a text or break text */
#define DISPLAY_AFFIX_MAX 16  /* bytes of an ascii prefix, suffix or separator */
#define DISPLAY_NAME_MAX  32
#define MODBUS_TEXT_BYTES 12 /* profile a text area: 6 registers */

enum display_protocol {
	DISPLAY_PROTO_MODBUS,
	DISPLAY_PROTO_ALPHA,
	DISPLAY_PROTO_ASCII,
};

enum display_modbus_profile {
	DISPLAY_MODBUS_A,
	DISPLAY_MODBUS_B,
};

enum display_align {
	DISPLAY_ALIGN_NONE,
	DISPLAY_ALIGN_LEFT,
	DISPLAY_ALIGN_RIGHT,
};

enum display_checksum {
	DISPLAY_CHECKSUM_NONE,
	DISPLAY_CHECKSUM_SUM8,
	DISPLAY_CHECKSUM_XOR,
};

enum display_checksum_covers {
	DISPLAY_COVERS_BODY,        /* address .. payload; checksum before the suffix */
	DISPLAY_COVERS_BODY_SUFFIX, /* address .. suffix; checksum after the suffix */
	DISPLAY_COVERS_FRAME,       /* prefix .. suffix; checksum after the suffix */
};

/* How the ascii template writes the address. */
struct display_address_format {
	char conv; /* 'd', 'x', 'X', 'c' (one raw byte) or 0 (no address) */
	int width; /* minimum digits; 0 = as many as needed */
	bool zero; /* pad with '0' rather than ' ' */
};

/* One display, as read from its [display NAME] section. Plain data. */
struct display_config {
	char name[DISPLAY_NAME_MAX];
	enum display_protocol protocol;
	struct serial_settings serial;
	int address;
	int width;
	enum display_align align;
	bool numeric;
	bool show_counter;
	bool drop_unsupported; /* unsupported = drop */
	char break_text[DISPLAY_TEXT_MAX];
	char recall_marker[DISPLAY_NAME_MAX];
	int write_timeout_ms;
	int retry_seconds;
	int frame_gap_ms;

	enum display_modbus_profile modbus_profile;

	char alpha_type;
	char alpha_label;
	uint8_t alpha_position; /* 0x30 fill, 0x20 middle, 0x22 top, 0x26 bottom */
	char alpha_mode;        /* 'b' hold, 'a' rotate */
	bool alpha_checksum;

	uint8_t ascii_prefix[DISPLAY_AFFIX_MAX];
	size_t ascii_prefix_len;
	uint8_t ascii_suffix[DISPLAY_AFFIX_MAX];
	size_t ascii_suffix_len;
	uint8_t ascii_separator[DISPLAY_AFFIX_MAX];
	size_t ascii_separator_len;
	struct display_address_format ascii_address;
	enum display_checksum ascii_checksum;
	enum display_checksum_covers ascii_checksum_covers;
	bool ascii_checksum_raw; /* ascii_checksum_format = raw */
};

/* What a display should show. */
enum display_content_kind {
	DISPLAY_CONTENT_CLEAR,  /* blank (numeric displays: 0) */
	DISPLAY_CONTENT_TICKET, /* a ticket code, maybe with the counter number */
	DISPLAY_CONTENT_TEXT,   /* free text, e.g. the break text */
	DISPLAY_CONTENT_NUMBER, /* an integer */
};

struct display_content {
	enum display_content_kind kind;
	char code[16];               /* TICKET: "A012" */
	int counter;                 /* TICKET: counter number, 0 = none */
	bool recall;                 /* TICKET: called again: flash or mark it */
	char text[DISPLAY_TEXT_MAX]; /* TEXT: UTF-8 */
	long number;                 /* NUMBER */
};

struct config;
struct config_section;
struct config_table;

/*
 * Read a raw [display NAME] section into *out (defaults first, see above).
 * Returns SQ_OK, or SQ_ERR_INVALID with err holding
 * "FILE:LINE: [display NAME] key 'K': what is wrong".
 */
int display_config_parse(const struct config_section *sec, struct display_config *out,
                         struct sq_error *err);

/*
 * The display named name in cfg, parsed, with a relative port resolved
 * against the config file's folder (the demo keeps its emulator link there).
 * SQ_ERR_NOTFOUND if there is no [display name], else as display_config_parse().
 */
int display_config_load(const struct config *cfg, const char *name, struct display_config *out,
                        struct sq_error *err);

/* The keys of [display NAME], one row each (config_table.h). */
extern const struct config_table display_config_table;

/* display_config_parse() and the code width check, as the loader runs them (config_office.c). */
int display_config_check(const struct config *cfg, const struct config_section *sec,
                         struct sq_error *err);

/* Defaults of protocol p, as if the section named only protocol and port. */
void display_config_defaults(struct display_config *out, enum display_protocol p);

/* "modbus", "alpha", "ascii". Static. */
const char *display_protocol_name(enum display_protocol p);

/* The protocol called name, or -1. */
int display_protocol_find(const char *name);

/* Address range and widest text of protocol p, for the config checks. */
void display_protocol_limits(enum display_protocol p, int *address_min, int *address_max,
                             int *width_max);

/*
 * The printable ASCII text c would put on the display (after replacement,
 * markers, counter, width and padding), NUL-terminated in out (size n >=
 * DISPLAY_WIDTH_MAX + 1). For numeric displays: the digits. Free text is
 * cut to the width, but a ticket code never is: one wider than the display
 * renders as a cleared display (blank; numeric displays 0) and the return
 * is false, true otherwise. A recall marker that leaves no room
 * for the whole code is left out.
 */
bool display_render_text(const struct display_config *cfg, const struct display_content *c,
                         char *out, size_t n);

/*
 * Whether byte b can be in the text display_render_text() writes for cfg:
 * printable ASCII; on a numeric display digits, a '-' (a negative number)
 * and, when aligned, spaces. The ascii template check relies on it.
 */
bool display_text_can_hold(const struct display_config *cfg, uint8_t b);

/*
 * Encode the frame that shows c into buf (capacity cap, DISPLAY_FRAME_MAX is
 * always enough) and set *len. Returns SQ_OK, or SQ_ERR_INVALID (number out
 * of the display's range, buffer too small) with err set.
 */
int display_encode(const struct display_config *cfg, const struct display_content *c, uint8_t *buf,
                   size_t cap, size_t *len, struct sq_error *err);

/* CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF) of n bytes. */
uint16_t display_crc16_modbus(const uint8_t *p, size_t n);

/* Alpha checksum: 16-bit sum of n bytes (STX through ETX). */
uint16_t display_alpha_sum(const uint8_t *p, size_t n);

/* The ascii template checksum kind over n bytes (8 bits). */
uint8_t display_ascii_checksum(enum display_checksum kind, const uint8_t *p, size_t n);

/*
 * Write address a in format f into out (capacity n); returns bytes written,
 * or 0 if it does not fit (a raw %c address over 255 also does not fit).
 */
size_t display_format_address(const struct display_address_format *f, int a, uint8_t *out,
                              size_t n);

#endif
