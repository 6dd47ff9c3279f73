/*
 * display_config.c - the [display NAME] section: keys, defaults, checks.
 * Part of the display_proto module (see display_proto.h for the keys).
 */
#include "display_proto.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "config_table.h"
#include "config_value.h"

/* Which protocols a key belongs to. */
enum {
	KEY_MODBUS = 1 << DISPLAY_PROTO_MODBUS,
	KEY_ALPHA = 1 << DISPLAY_PROTO_ALPHA,
	KEY_ASCII = 1 << DISPLAY_PROTO_ASCII,
};

/* Bytes with \xNN \r \n \t \\ escapes into dst (DISPLAY_AFFIX_MAX), *len. */
static int
bytes_key(uint8_t *dst, size_t *len, const char *v, char *why, size_t n)
{
	size_t k = 0;

	for (const char *p = v; *p; p++) {
		uint8_t b = (uint8_t)*p;
		if (*p == '\\') {
			p++;
			if (*p == 'x' && isxdigit((unsigned char)p[1]) &&
			    isxdigit((unsigned char)p[2])) {
				char hex[3] = {p[1], p[2], 0};
				b = (uint8_t)strtoul(hex, NULL, 16);
				p += 2;
			} else if (*p == 'r' || *p == 'n' || *p == 't' || *p == '\\') {
				b = *p == 'r' ? '\r' : *p == 'n' ? '\n' : *p == 't' ? '\t' : '\\';
			} else {
				snprintf(why, n,
				         "'%s': bad escape (use \\xNN, \\r, \\n, \\t or \\\\)", v);
				return SQ_ERR_INVALID;
			}
		}
		if (k == DISPLAY_AFFIX_MAX) {
			snprintf(why, n, "'%s' is longer than %d bytes", v, DISPLAY_AFFIX_MAX);
			return SQ_ERR_INVALID;
		}
		dst[k++] = b;
	}
	*len = k;
	return SQ_OK;
}

/* One printable ASCII character. */
static int
char_key(char *dst, const char *v, char *why, size_t n)
{
	if (strlen(v) != 1 || v[0] < 0x21 || v[0] > 0x7E) {
		snprintf(why, n, "'%s' is not one printable character", v);
		return SQ_ERR_INVALID;
	}
	*dst = v[0];
	return SQ_OK;
}

/* Key 'port': a device path, not empty. */
static int
k_port(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	struct display_config *c = obj;

	(void)cfg;
	if (!*v) {
		snprintf(why, n, "is empty");
		return SQ_ERR_INVALID;
	}
	if (strlen(v) >= sizeof(c->serial.path)) {
		snprintf(why, n, "'%s' is longer than %zu bytes", v, sizeof(c->serial.path) - 1);
		return SQ_ERR_INVALID;
	}
	snprintf(c->serial.path, sizeof(c->serial.path), "%s", v);
	return SQ_OK;
}

/* Key 'address', or 'width': in the range of the section's protocol. */
static int
k_address_or_width(struct display_config *c, bool width, const char *v, char *why, size_t n)
{
	int lo, hi, width_max;
	long x;

	display_protocol_limits(c->protocol, &lo, &hi, &width_max);
	if (width) {
		lo = 1;
		hi = width_max;
	}
	if (config_value_long(v, lo, hi, &x)) {
		*(width ? &c->width : &c->address) = (int)x;
		return SQ_OK;
	}
	snprintf(why, n, "'%s' is not %s from %d to %d", v,
	         width                                 ? "a width"
	         : c->protocol == DISPLAY_PROTO_MODBUS ? "a modbus unit address"
	                                               : "an address",
	         lo, hi);
	return SQ_ERR_INVALID;
}

static int
k_address(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	(void)cfg;
	return k_address_or_width(obj, false, v, why, n);
}

static int
k_width(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	(void)cfg;
	return k_address_or_width(obj, true, v, why, n);
}

static int
k_alpha_type(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	(void)cfg;
	return char_key(&((struct display_config *)obj)->alpha_type, v, why, n);
}

static int
k_alpha_label(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	(void)cfg;
	return char_key(&((struct display_config *)obj)->alpha_label, v, why, n);
}

static int
k_ascii_prefix(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	struct display_config *c = obj;

	(void)cfg;
	return bytes_key(c->ascii_prefix, &c->ascii_prefix_len, v, why, n);
}

static int
k_ascii_suffix(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	struct display_config *c = obj;

	(void)cfg;
	return bytes_key(c->ascii_suffix, &c->ascii_suffix_len, v, why, n);
}

static int
k_ascii_separator(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	struct display_config *c = obj;

	(void)cfg;
	return bytes_key(c->ascii_separator, &c->ascii_separator_len, v, why, n);
}

/* Key 'ascii_address_format': %[0][W]d, %[0][W]x, %[0][W]X, %c or none. */
static int
k_ascii_address_format(void *obj, const char *v, const struct config *cfg, char *why, size_t n)
{
	struct display_config *c = obj;
	struct display_address_format f = {0};
	const char *p = v;

	(void)cfg;
	if (strcmp(v, "none") == 0 || !*v) {
		c->ascii_address = f;
		return SQ_OK;
	}
	if (*p++ != '%')
		goto bad;
	if (*p == '0') {
		f.zero = true;
		p++;
	}
	if (*p >= '1' && *p <= '8')
		f.width = *p++ - '0';
	if (!strchr("dxXc", *p) || !*p || p[1] || (*p == 'c' && (f.width || f.zero)))
		goto bad;
	f.conv = *p;
	c->ascii_address = f;
	return SQ_OK;
bad:
	snprintf(why, n, "'%s' is not %%02d, %%03d, %%d, %%02X, %%c or none", v);
	return SQ_ERR_INVALID;
}

#define DISPLAY_FIELD(m) CONFIG_FIELD(struct display_config, m)
#define INT_ROW(m, lo, hi, what_)                                                                  \
	.type = CONFIG_INT, DISPLAY_FIELD(m), .min = lo, .max = hi, .what = what_
#define CHOICE_ROW(m, ...)                                                                         \
	.type = CONFIG_CHOICE, DISPLAY_FIELD(m), .words = CONFIG_WORDS(__VA_ARGS__)
#define CUSTOM_ROW(fn) .type = CONFIG_CUSTOM, .parse = fn

/* Every key of a [display NAME] section and the protocols it applies to. */
static const struct config_option display_options[] = {
    {.name = "protocol",
     CHOICE_ROW(protocol, "modbus", "alpha", "ascii"),
     .help = "the display's language (required)"},
    {.name = "port",
     CUSTOM_ROW(k_port),
     .help = "device path, relative to the config file's folder (required)"},
    {.name = "transport",
     CHOICE_ROW(serial.kind, "auto", "serialport", "termios"),
     .def = "auto",
     .help = "how the port is driven"},
    {.name = "baud",
     INT_ROW(serial.baud, 1200, 921600, "a baud rate"),
     .def = "9600",
     .help = "the serial line's speed"},
    {.name = "data_bits",
     INT_ROW(serial.data_bits, 5, 8, "a number of data bits"),
     .def = "8; alpha 7",
     .help = "bits of a character on the line"},
    {.name = "parity",
     CHOICE_ROW(serial.parity, "none", "even", "odd"),
     .def = "none; alpha even",
     .help = "the parity bit"},
    {.name = "stop_bits",
     INT_ROW(serial.stop_bits, 1, 2, "a number of stop bits"),
     .def = "1",
     .help = "stop bits of a character"},
    {.name = "address",
     CUSTOM_ROW(k_address),
     .help = "modbus unit 1..247 (1); alpha 0..255, 0 = every sign (0); ascii 0..65535 (1)"},
    {.name = "width",
     CUSTOM_ROW(k_width),
     .help = "characters shown, modbus 4 (at most 12), alpha 16, ascii 4; holds every code"},
    {.name = "align",
     CHOICE_ROW(align, "none", "left", "right"),
     .def = "none",
     .help = "pad to width with spaces"},
    {.name = "numeric",
     .type = CONFIG_BOOL,
     DISPLAY_FIELD(numeric),
     .def = "no; modbus b yes",
     .help = "send only the digits"},
    {.name = "show_counter",
     .type = CONFIG_BOOL,
     DISPLAY_FIELD(show_counter),
     .def = "no",
     .help = "append the counter's number when it fits"},
    {.name = "break_text",
     .type = CONFIG_TEXT,
     DISPLAY_FIELD(break_text),
     .def = "----",
     .help = "shown while the counter is on break"},
    {.name = "recall_marker",
     .type = CONFIG_TEXT,
     DISPLAY_FIELD(recall_marker),
     .help = "put before a recalled ticket; alpha flashes instead unless one is set"},
    {.name = "unsupported",
     CHOICE_ROW(drop_unsupported, "replace", "drop"),
     .def = "replace",
     .help = "what non-ASCII characters become"},
    {.name = "write_timeout_ms",
     INT_ROW(write_timeout_ms, 10, 2000, "a timeout in milliseconds"),
     .def = "100",
     .unit = "ms",
     .help = "longest a frame may take to write"},
    {.name = "retry_seconds",
     INT_ROW(retry_seconds, 1, 3600, "a number of seconds"),
     .def = "3",
     .unit = "seconds",
     .help = "how often an offline display is reopened"},
    {.name = "frame_gap_ms",
     INT_ROW(frame_gap_ms, 0, 1000, "a gap in milliseconds"),
     .def = "modbus 4, else 0",
     .unit = "ms",
     .help = "silence between frames on the bus"},
    {.name = "modbus_profile",
     CHOICE_ROW(modbus_profile, "a", "b"),
     .variants = KEY_MODBUS,
     .def = "a",
     .help = "a: text and numbers; b: a signed 16-bit number"},
    {.name = "alpha_type",
     CUSTOM_ROW(k_alpha_type),
     .variants = KEY_ALPHA,
     .def = "Z",
     .help = "sign type code, one printable character"},
    {.name = "alpha_label",
     CUSTOM_ROW(k_alpha_label),
     .variants = KEY_ALPHA,
     .def = "A",
     .help = "text file label, one printable character"},
    {.name = "alpha_position",
     CHOICE_ROW(alpha_position, "fill", "middle", "top", "bottom"),
     .values = CONFIG_VALUES(0x30, 0x20, 0x22, 0x26),
     .variants = KEY_ALPHA,
     .def = "fill",
     .help = "where the text stands on the sign"},
    {.name = "alpha_mode",
     CHOICE_ROW(alpha_mode, "hold", "rotate"),
     .values = CONFIG_VALUES('b', 'a'),
     .variants = KEY_ALPHA,
     .def = "hold",
     .help = "hold the text still or rotate it"},
    {.name = "alpha_checksum",
     .type = CONFIG_BOOL,
     DISPLAY_FIELD(alpha_checksum),
     .variants = KEY_ALPHA,
     .def = "yes",
     .help = "end each frame with ETX and a checksum"},
    {.name = "ascii_prefix",
     CUSTOM_ROW(k_ascii_prefix),
     .variants = KEY_ASCII,
     .def = "\\x02",
     .help = "bytes before the address, \\xNN \\r \\n \\t \\\\ escapes"},
    {.name = "ascii_suffix",
     CUSTOM_ROW(k_ascii_suffix),
     .variants = KEY_ASCII,
     .def = "\\x03",
     .help = "bytes that end a frame; not empty"},
    {.name = "ascii_separator",
     CUSTOM_ROW(k_ascii_separator),
     .variants = KEY_ASCII,
     .help = "bytes between address and payload"},
    {.name = "ascii_address_format",
     CUSTOM_ROW(k_ascii_address_format),
     .variants = KEY_ASCII,
     .def = "%02d",
     .help = "%[0][W]d, %[0][W]X, %[0][W]x, %c (raw byte) or none"},
    {.name = "ascii_checksum",
     CHOICE_ROW(ascii_checksum, "none", "sum8", "xor"),
     .variants = KEY_ASCII,
     .def = "none",
     .help = "an 8-bit sum or XOR of the frame"},
    {.name = "ascii_checksum_covers",
     CHOICE_ROW(ascii_checksum_covers, "body", "body_suffix", "frame"),
     .variants = KEY_ASCII,
     .def = "body",
     .help = "what the checksum covers: body before the suffix, or with it, or all"},
    {.name = "ascii_checksum_format",
     CHOICE_ROW(ascii_checksum_raw, "hex", "raw"),
     .variants = KEY_ASCII,
     .def = "hex",
     .help = "two ASCII hex digits, or one byte"},
};

const struct config_table display_config_table =
    CONFIG_TABLE("display", display_options, .variant_key = "protocol");

/* Whether bytes b (length n) hold the frame suffix anywhere. */
static bool
holds_suffix(const struct display_config *c, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i + c->ascii_suffix_len <= n; i++)
		if (memcmp(b + i, c->ascii_suffix, c->ascii_suffix_len) == 0)
			return true;
	return false;
}

/*
 * An ascii template the decoder (and so the display) can read back: the
 * frame must not end inside its own header, and an address of any length
 * must not run on into the separator.
 */
static int
check_readable(const struct config_section *sec, const struct display_config *c,
               struct sq_error *err)
{
	const struct display_address_format *af = &c->ascii_address;
	uint8_t sep0 = c->ascii_separator_len ? c->ascii_separator[0] : 0;

	if (holds_suffix(c, c->ascii_separator, c->ascii_separator_len))
		return config_section_error(
		    err, sec, config_section_kv(sec, "ascii_separator"),
		    "holds the ascii_suffix, so a frame would end inside it");
	if (af->conv && af->conv != 'c' && !af->width && sep0 &&
	    (af->conv == 'd' ? isdigit(sep0) : isxdigit(sep0)))
		return config_section_error(
		    err, sec, config_section_kv(sec, "ascii_separator"),
		    "starts with a digit, which would read as part of the address (pad the "
		    "address, e.g. %%02d, or start the separator with another byte)");
	if (af->conv == 'c') {
		uint8_t head[1 + DISPLAY_AFFIX_MAX] = {(uint8_t)c->address};
		memcpy(head + 1, c->ascii_separator, c->ascii_separator_len);
		if (holds_suffix(c, head, 1 + c->ascii_separator_len)) {
			const struct config_kv *kv = config_section_kv(sec, "address");
			return config_section_error(
			    err, sec, kv ? kv : config_section_kv(sec, "ascii_address_format"),
			    "address %d sent as a raw byte makes the ascii_suffix, so a frame "
			    "would end at it",
			    c->address);
		}
	}
	return SQ_OK;
}

/* Checks that need several keys, once all are read. */
static int
check_whole(const struct config_section *sec, struct display_config *c, struct sq_error *err)
{
	const struct config_kv *kv;
	int rc;

	if (!c->serial.path[0])
		return config_section_error(err, sec, NULL, "needs a port (the device path)");
	if (c->protocol == DISPLAY_PROTO_MODBUS && c->modbus_profile == DISPLAY_MODBUS_B) {
		kv = config_section_kv(sec, "numeric");
		if (kv && !c->numeric)
			return config_section_error(err, sec, kv,
			                            "modbus profile b shows numbers only");
		c->numeric = true;
	}
	if (c->protocol != DISPLAY_PROTO_ASCII)
		return SQ_OK;
	if (c->ascii_suffix_len == 0)
		return config_section_error(err, sec, config_section_kv(sec, "ascii_suffix"),
		                            "must not be empty: it ends each frame");
	if (c->ascii_address.conv && c->ascii_address.conv != 'c' && !c->ascii_address.width &&
	    c->ascii_separator_len == 0)
		return config_section_error(err, sec,
		                            config_section_kv(sec, "ascii_address_format"),
		                            "an address of any length needs an ascii_separator");
	if ((rc = check_readable(sec, c, err)))
		return rc;
	if (c->ascii_address.conv) {
		uint8_t buf[16];
		size_t len =
		    display_format_address(&c->ascii_address, c->address, buf, sizeof(buf));
		if (len == 0 || (c->ascii_address.width && len != (size_t)c->ascii_address.width)) {
			kv = config_section_kv(sec, "address");
			return config_section_error(
			    err, sec, kv ? kv : config_section_kv(sec, "ascii_address_format"),
			    "address %d does not fit ascii_address_format", c->address);
		}
	}
	return SQ_OK;
}

int
display_config_parse(const struct config_section *sec, struct display_config *out,
                     struct sq_error *err)
{
	const struct config_kv *proto = config_section_kv(sec, "protocol");
	int p, rc;

	if (!proto)
		return config_section_error(err, sec, NULL,
		                            "needs a protocol (modbus, alpha or ascii)");
	p = display_protocol_find(proto->value);
	if (p < 0)
		return config_section_error(err, sec, proto,
		                            "unknown protocol '%s' (modbus, alpha or ascii)",
		                            proto->value);
	display_config_defaults(out, (enum display_protocol)p);
	snprintf(out->name, sizeof(out->name), "%s", sec->name);
	if ((rc = config_table_apply(&display_config_table, sec, out, 1u << p,
	                             display_protocol_name((enum display_protocol)p), NULL, err)))
		return rc;
	return check_whole(sec, out, err);
}

/*
 * The display must show every code it can get whole: the longest code of the
 * services of the counters that use it, or its digits alone on a numeric
 * display. (A recall marker or the counter number gives way to the code.)
 */
static int
check_code_width(const struct config *cfg, const struct config_section *sec,
                 const struct display_config *c, struct sq_error *err)
{
	for (size_t i = 0; i < cfg->n_counters; i++) {
		const struct config_counter *counter = &cfg->counters[i];
		if (!counter->display || strcmp(counter->display, sec->name) != 0)
			continue;
		for (size_t j = 0; j < counter->n_services; j++) {
			const char *id = cfg->services[counter->services[j]].id;
			char code[32];
			/* The widest number of the code format: "A999". */
			int len = snprintf(code, sizeof(code), "%s%.*s", id, CONFIG_CODE_DIGITS,
			                   "999999999");
			if (c->numeric)
				len = CONFIG_CODE_DIGITS;
			if (len <= c->width)
				continue;
			const struct config_kv *kv = config_section_kv(sec, "width");
			return config_section_error(err, sec, kv,
			                            "%s%d is too narrow for code %s of counter %d, "
			                            "which needs %d characters",
			                            kv ? "" : "the default width ", c->width, code,
			                            counter->number, len);
		}
	}
	return SQ_OK;
}

int
display_config_load(const struct config *cfg, const char *name, struct display_config *out,
                    struct sq_error *err)
{
	const struct config_section *sec = config_section_find(cfg, "display", name);
	int rc;

	if (!sec)
		return sq_error_set(err, SQ_ERR_NOTFOUND, "%s: no [display %s]", cfg->path, name);
	if ((rc = display_config_parse(sec, out, err)) ||
	    (rc = check_code_width(cfg, sec, out, err)))
		return rc;
	if (out->serial.path[0] != '/') {
		char *abs = config_resolve_path(cfg, out->serial.path);
		if (!abs)
			return sq_error_set(err, SQ_ERR_NOMEM, "out of memory");
		if (strlen(abs) >= sizeof(out->serial.path)) {
			free(abs);
			return config_section_error(err, sec, NULL, "port path is too long");
		}
		snprintf(out->serial.path, sizeof(out->serial.path), "%s", abs);
		free(abs);
	}
	return SQ_OK;
}

int
display_config_check(const struct config *cfg, const struct config_section *sec,
                     struct sq_error *err)
{
	struct display_config tmp;
	int rc = display_config_parse(sec, &tmp, err);

	return rc ? rc : check_code_width(cfg, sec, &tmp, err);
}
