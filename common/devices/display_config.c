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

/* The parts of an ascii frame after the prefix, in the order they are sent. */
enum frame_part { PART_ADDRESS, PART_SEPARATOR, PART_TEXT, PART_CHECKSUM, PART_SUFFIX };

/* One byte of an ascii frame: its part, and the byte itself where the config fixes it. */
struct frame_slot {
	enum frame_part part;
	uint8_t byte;
};

/* The most slots a frame has after its prefix. */
#define FRAME_SLOTS_MAX (16 + 2 * DISPLAY_AFFIX_MAX + DISPLAY_WIDTH_MAX + 2)

/* Whether slot s can hold byte b. */
static bool
slot_can_hold(const struct display_config *c, const struct frame_slot *s, uint8_t b)
{
	switch (s->part) {
	case PART_TEXT:
		return display_text_can_hold(c, b);
	case PART_CHECKSUM:
		return c->ascii_checksum_raw || isdigit(b) || (b >= 'A' && b <= 'F');
	default:
		return s->byte == b;
	}
}

/* The slots of a frame whose text is text_len bytes long, after the prefix; their count. */
static size_t
frame_slots(const struct display_config *c, size_t text_len, struct frame_slot *s)
{
	uint8_t addr[16];
	size_t n = 0,
	       addr_len = display_format_address(&c->ascii_address, c->address, addr, sizeof(addr));

	for (size_t i = 0; i < addr_len; i++)
		s[n++] = (struct frame_slot){PART_ADDRESS, addr[i]};
	for (size_t i = 0; i < c->ascii_separator_len; i++)
		s[n++] = (struct frame_slot){PART_SEPARATOR, c->ascii_separator[i]};
	for (size_t i = 0; i < text_len; i++)
		s[n++] = (struct frame_slot){PART_TEXT, 0};
	if (c->ascii_checksum != DISPLAY_CHECKSUM_NONE &&
	    c->ascii_checksum_covers == DISPLAY_COVERS_BODY)
		for (size_t i = 0; i < (c->ascii_checksum_raw ? 1u : 2u); i++)
			s[n++] = (struct frame_slot){PART_CHECKSUM, 0};
	for (size_t i = 0; i < c->ascii_suffix_len; i++)
		s[n++] = (struct frame_slot){PART_SUFFIX, c->ascii_suffix[i]};
	return n;
}

/*
 * The decoder ends a frame at the first suffix whose checksum agrees. A suffix
 * read at a raw checksum byte q makes it check the byte before, p, as the
 * checksum of the bytes before that, B. The byte sent at q is F(B p) = s, the
 * suffix's first byte, so xor passes only if F(B) = p = F(B) ^ s, that is
 * s = 0, and sum8 only if 2p = s (mod 256). Other false ends may pass by chance.
 */
static bool
false_end_can_pass(const struct display_config *c, const struct frame_slot *s, size_t q)
{
	uint8_t s0 = c->ascii_suffix[0];

	if (s[q].part != PART_CHECKSUM || !c->ascii_checksum_raw)
		return true;
	if (q == 0) /* no body before it: the decoder does not look there */
		return false;
	if (c->ascii_checksum == DISPLAY_CHECKSUM_XOR)
		return s0 == 0;
	return s0 % 2 == 0 && (slot_can_hold(c, &s[q - 1], (uint8_t)(s0 / 2)) ||
	                       slot_can_hold(c, &s[q - 1], (uint8_t)(s0 / 2 + 128)));
}

/*
 * Where the ascii_suffix can be read before its own place in some frame the
 * display gets (any text length up to the width, any text and checksum
 * bytes), so that the frame would end early: the part it starts in, or
 * PART_SUFFIX if nowhere. The prefix is not searched: the decoder starts
 * after it.
 */
static enum frame_part
early_suffix(const struct display_config *c)
{
	struct frame_slot s[FRAME_SLOTS_MAX];

	for (size_t text_len = 0; text_len <= (size_t)c->width; text_len++) {
		size_t n = frame_slots(c, text_len, s);
		for (size_t j = 0; j + c->ascii_suffix_len < n; j++) {
			size_t k = 0;
			while (k < c->ascii_suffix_len &&
			       slot_can_hold(c, &s[j + k], c->ascii_suffix[k]))
				k++;
			if (k == c->ascii_suffix_len && false_end_can_pass(c, s, j))
				return s[j].part;
		}
	}
	return PART_SUFFIX;
}

/* The first of keys a and b the section sets, or NULL. */
static const struct config_kv *
either_kv(const struct config_section *sec, const char *a, const char *b)
{
	const struct config_kv *kv = config_section_kv(sec, a);

	return kv ? kv : config_section_kv(sec, b);
}

/*
 * An ascii template the decoder (and so the display) can read back: an
 * address of any length must not run on into the separator, and no frame
 * may end before its suffix.
 */
static int
check_readable(const struct config_section *sec, const struct display_config *c,
               struct sq_error *err)
{
	const struct display_address_format *af = &c->ascii_address;
	uint8_t sep0 = c->ascii_separator_len ? c->ascii_separator[0] : 0;
	const char *end = "so the display would end the frame there";

	if (af->conv && af->conv != 'c' && !af->width && sep0 &&
	    (af->conv == 'd' ? isdigit(sep0) : isxdigit(sep0)))
		return config_section_error(
		    err, sec, config_section_kv(sec, "ascii_separator"),
		    "starts with a digit, which would read as part of the address (pad the "
		    "address, e.g. %%02d, or start the separator with another byte)");
	switch (early_suffix(c)) {
	case PART_ADDRESS:
		return config_section_error(err, sec,
		                            either_kv(sec, "address", "ascii_address_format"),
		                            "address %d, written as ascii_address_format says, can "
		                            "start the ascii_suffix, %s",
		                            c->address, end);
	case PART_SEPARATOR:
		return config_section_error(err, sec, config_section_kv(sec, "ascii_separator"),
		                            "can start the ascii_suffix, %s", end);
	case PART_TEXT:
		return config_section_error(err, sec, config_section_kv(sec, "ascii_suffix"),
		                            "can start inside the text the display shows (%s), %s",
		                            !c->numeric ? "printable ASCII"
		                            : c->align == DISPLAY_ALIGN_NONE
		                                ? "digits and '-'"
		                                : "digits, '-' and spaces",
		                            end);
	case PART_CHECKSUM:
		return config_section_error(
		    err, sec, either_kv(sec, "ascii_checksum_format", "ascii_checksum"),
		    "a checksum before the suffix can start the ascii_suffix, %s "
		    "(ascii_checksum_covers "
		    "= body_suffix sends it after the suffix)",
		    end);
	case PART_SUFFIX:
		break;
	}
	return SQ_OK;
}

/* Checks that need several keys, once all are read. */
static int
check_whole(const struct config_section *sec, struct display_config *c, struct sq_error *err)
{
	const struct config_kv *kv;

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
	return check_readable(sec, c, err);
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
