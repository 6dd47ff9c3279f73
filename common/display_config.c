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
#include "config_value.h"

/* Which protocols a key belongs to. */
enum {
	KEY_MODBUS = 1 << DISPLAY_PROTO_MODBUS,
	KEY_ALPHA = 1 << DISPLAY_PROTO_ALPHA,
	KEY_ASCII = 1 << DISPLAY_PROTO_ASCII,
	KEY_ALL = KEY_MODBUS | KEY_ALPHA | KEY_ASCII
};

#define CHOICE(v, ...)                                                                             \
	config_value_choice(v, (const char *const[]){__VA_ARGS__},                                 \
	                    sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* A parser of one key: fills why and returns false on a bad value. */
typedef bool (*key_parser)(struct display_config *c, const char *v, char *why, size_t n);

/* Parse an int key in [lo, hi] into *dst. */
static bool
int_key(int *dst, const char *v, long lo, long hi, const char *what, char *why, size_t n)
{
	long x;

	if (!config_value_long(v, lo, hi, &x)) {
		snprintf(why, n, "'%s' is not %s from %ld to %ld", v, what, lo, hi);
		return false;
	}
	*dst = (int)x;
	return true;
}

/* Bytes with \xNN \r \n \t \\ escapes. */
static bool
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
				return false;
			}
		}
		if (k == DISPLAY_AFFIX_MAX) {
			snprintf(why, n, "'%s' is longer than %d bytes", v, DISPLAY_AFFIX_MAX);
			return false;
		}
		dst[k++] = b;
	}
	*len = k;
	return true;
}

/* A string that must fit dst (size cap). */
static bool
string_key(char *dst, size_t cap, const char *v, char *why, size_t n)
{
	if (strlen(v) >= cap) {
		snprintf(why, n, "'%s' is longer than %zu bytes", v, cap - 1);
		return false;
	}
	snprintf(dst, cap, "%s", v);
	return true;
}

/* One printable ASCII character. */
static bool
char_key(char *dst, const char *v, char *why, size_t n)
{
	if (strlen(v) != 1 || v[0] < 0x21 || v[0] > 0x7E) {
		snprintf(why, n, "'%s' is not one printable character", v);
		return false;
	}
	*dst = v[0];
	return true;
}

/* Key 'port'. */
static bool
k_port(struct display_config *c, const char *v, char *why, size_t n)
{
	if (!*v) {
		snprintf(why, n, "is empty");
		return false;
	}
	return string_key(c->serial.path, sizeof(c->serial.path), v, why, n);
}

/* Key 'transport'. */
static bool
k_transport(struct display_config *c, const char *v, char *why, size_t n)
{
	int i = CHOICE(v, "auto", "serialport", "termios");

	if (i < 0)
		snprintf(why, n, "'%s' is not auto, serialport or termios", v);
	else
		c->serial.kind = (enum serial_kind)i;
	return i >= 0;
}

/* Key 'baud'. */
static bool
k_baud(struct display_config *c, const char *v, char *why, size_t n)
{
	return int_key(&c->serial.baud, v, 1200, 921600, "a baud rate", why, n);
}

/* Key 'data_bits'. */
static bool
k_data_bits(struct display_config *c, const char *v, char *why, size_t n)
{
	return int_key(&c->serial.data_bits, v, 5, 8, "a number of data bits", why, n);
}

/* Key 'parity'. */
static bool
k_parity(struct display_config *c, const char *v, char *why, size_t n)
{
	int i = CHOICE(v, "none", "even", "odd");

	if (i < 0)
		snprintf(why, n, "'%s' is not none, even or odd", v);
	else
		c->serial.parity = (enum serial_parity)i;
	return i >= 0;
}

/* Key 'stop_bits'. */
static bool
k_stop_bits(struct display_config *c, const char *v, char *why, size_t n)
{
	return int_key(&c->serial.stop_bits, v, 1, 2, "a number of stop bits", why, n);
}

/* Key 'address'. */
static bool
k_address(struct display_config *c, const char *v, char *why, size_t n)
{
	int lo, hi, width_max;

	display_protocol_limits(c->protocol, &lo, &hi, &width_max);
	return int_key(&c->address, v, lo, hi,
	               c->protocol == DISPLAY_PROTO_MODBUS ? "a modbus unit address" : "an address",
	               why, n);
}

/* Key 'width'. */
static bool
k_width(struct display_config *c, const char *v, char *why, size_t n)
{
	int lo, hi, width_max;

	display_protocol_limits(c->protocol, &lo, &hi, &width_max);
	return int_key(&c->width, v, 1, width_max, "a width", why, n);
}

/* Key 'align'. */
static bool
k_align(struct display_config *c, const char *v, char *why, size_t n)
{
	int i = CHOICE(v, "none", "left", "right");

	if (i < 0)
		snprintf(why, n, "'%s' is not none, left or right", v);
	else
		c->align = (enum display_align)i;
	return i >= 0;
}

/* Key 'numeric'. */
static bool
k_numeric(struct display_config *c, const char *v, char *why, size_t n)
{
	return config_value_yes_no(v, &c->numeric, why, n);
}

/* Key 'show_counter'. */
static bool
k_show_counter(struct display_config *c, const char *v, char *why, size_t n)
{
	return config_value_yes_no(v, &c->show_counter, why, n);
}

/* Key 'break_text'. */
static bool
k_break_text(struct display_config *c, const char *v, char *why, size_t n)
{
	return string_key(c->break_text, sizeof(c->break_text), v, why, n);
}

/* Key 'recall_marker'. */
static bool
k_recall_marker(struct display_config *c, const char *v, char *why, size_t n)
{
	return string_key(c->recall_marker, sizeof(c->recall_marker), v, why, n);
}

/* Key 'unsupported'. */
static bool
k_unsupported(struct display_config *c, const char *v, char *why, size_t n)
{
	int i = CHOICE(v, "replace", "drop");

	if (i < 0)
		snprintf(why, n, "'%s' is not replace or drop", v);
	else
		c->drop_unsupported = i == 1;
	return i >= 0;
}

/* Key 'write_timeout_ms'. */
static bool
k_write_timeout(struct display_config *c, const char *v, char *why, size_t n)
{
	return int_key(&c->write_timeout_ms, v, 10, 2000, "a timeout in milliseconds", why, n);
}

/* Key 'retry_seconds'. */
static bool
k_retry(struct display_config *c, const char *v, char *why, size_t n)
{
	return int_key(&c->retry_seconds, v, 1, 3600, "a number of seconds", why, n);
}

/* Key 'frame_gap_ms'. */
static bool
k_gap(struct display_config *c, const char *v, char *why, size_t n)
{
	return int_key(&c->frame_gap_ms, v, 0, 1000, "a gap in milliseconds", why, n);
}

/* Key 'modbus_profile'. */
static bool
k_modbus_profile(struct display_config *c, const char *v, char *why, size_t n)
{
	int i = CHOICE(v, "a", "b");

	if (i < 0)
		snprintf(why, n, "'%s' is not a or b", v);
	else
		c->modbus_profile = (enum display_modbus_profile)i;
	return i >= 0;
}

/* Key 'alpha_type'. */
static bool
k_alpha_type(struct display_config *c, const char *v, char *why, size_t n)
{
	return char_key(&c->alpha_type, v, why, n);
}

/* Key 'alpha_label'. */
static bool
k_alpha_label(struct display_config *c, const char *v, char *why, size_t n)
{
	return char_key(&c->alpha_label, v, why, n);
}

/* Key 'alpha_position'. */
static bool
k_alpha_position(struct display_config *c, const char *v, char *why, size_t n)
{
	static const uint8_t codes[] = {0x30, 0x20, 0x22, 0x26};
	int i = CHOICE(v, "fill", "middle", "top", "bottom");

	if (i < 0)
		snprintf(why, n, "'%s' is not fill, middle, top or bottom", v);
	else
		c->alpha_position = codes[i];
	return i >= 0;
}

/* Key 'alpha_mode'. */
static bool
k_alpha_mode(struct display_config *c, const char *v, char *why, size_t n)
{
	int i = CHOICE(v, "hold", "rotate");

	if (i < 0)
		snprintf(why, n, "'%s' is not hold or rotate", v);
	else
		c->alpha_mode = i == 0 ? 'b' : 'a';
	return i >= 0;
}

/* Key 'alpha_checksum'. */
static bool
k_alpha_checksum(struct display_config *c, const char *v, char *why, size_t n)
{
	return config_value_yes_no(v, &c->alpha_checksum, why, n);
}

/* Key 'ascii_prefix'. */
static bool
k_ascii_prefix(struct display_config *c, const char *v, char *why, size_t n)
{
	return bytes_key(c->ascii_prefix, &c->ascii_prefix_len, v, why, n);
}

/* Key 'ascii_suffix'. */
static bool
k_ascii_suffix(struct display_config *c, const char *v, char *why, size_t n)
{
	return bytes_key(c->ascii_suffix, &c->ascii_suffix_len, v, why, n);
}

/* Key 'ascii_separator'. */
static bool
k_ascii_separator(struct display_config *c, const char *v, char *why, size_t n)
{
	return bytes_key(c->ascii_separator, &c->ascii_separator_len, v, why, n);
}

/* Key 'ascii_address_format'. */
static bool
k_ascii_address_format(struct display_config *c, const char *v, char *why, size_t n)
{
	struct display_address_format f = {0};
	const char *p = v;

	if (strcmp(v, "none") == 0 || !*v) {
		c->ascii_address = f;
		return true;
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
	return true;
bad:
	snprintf(why, n, "'%s' is not %%02d, %%03d, %%d, %%02X, %%c or none", v);
	return false;
}

/* Key 'ascii_checksum'. */
static bool
k_ascii_checksum(struct display_config *c, const char *v, char *why, size_t n)
{
	int i = CHOICE(v, "none", "sum8", "xor");

	if (i < 0)
		snprintf(why, n, "'%s' is not none, sum8 or xor", v);
	else
		c->ascii_checksum = (enum display_checksum)i;
	return i >= 0;
}

/* Key 'ascii_checksum_covers'. */
static bool
k_ascii_checksum_covers(struct display_config *c, const char *v, char *why, size_t n)
{
	int i = CHOICE(v, "body", "body_suffix", "frame");

	if (i < 0)
		snprintf(why, n, "'%s' is not body, body_suffix or frame", v);
	else
		c->ascii_checksum_covers = (enum display_checksum_covers)i;
	return i >= 0;
}

/* Key 'ascii_checksum_format'. */
static bool
k_ascii_checksum_format(struct display_config *c, const char *v, char *why, size_t n)
{
	int i = CHOICE(v, "hex", "raw");

	if (i < 0)
		snprintf(why, n, "'%s' is not hex or raw", v);
	else
		c->ascii_checksum_raw = i == 1;
	return i >= 0;
}

/* Every key of a [display NAME] section and the protocols it applies to. */
static const struct display_key {
	const char *key;
	unsigned protocols;
	key_parser parse;
} display_keys[] = {
    {.key = "port", .protocols = KEY_ALL, .parse = k_port},
    {.key = "transport", .protocols = KEY_ALL, .parse = k_transport},
    {.key = "baud", .protocols = KEY_ALL, .parse = k_baud},
    {.key = "data_bits", .protocols = KEY_ALL, .parse = k_data_bits},
    {.key = "parity", .protocols = KEY_ALL, .parse = k_parity},
    {.key = "stop_bits", .protocols = KEY_ALL, .parse = k_stop_bits},
    {.key = "address", .protocols = KEY_ALL, .parse = k_address},
    {.key = "width", .protocols = KEY_ALL, .parse = k_width},
    {.key = "align", .protocols = KEY_ALL, .parse = k_align},
    {.key = "numeric", .protocols = KEY_ALL, .parse = k_numeric},
    {.key = "show_counter", .protocols = KEY_ALL, .parse = k_show_counter},
    {.key = "break_text", .protocols = KEY_ALL, .parse = k_break_text},
    {.key = "recall_marker", .protocols = KEY_ALL, .parse = k_recall_marker},
    {.key = "unsupported", .protocols = KEY_ALL, .parse = k_unsupported},
    {.key = "write_timeout_ms", .protocols = KEY_ALL, .parse = k_write_timeout},
    {.key = "retry_seconds", .protocols = KEY_ALL, .parse = k_retry},
    {.key = "frame_gap_ms", .protocols = KEY_ALL, .parse = k_gap},
    {.key = "modbus_profile", .protocols = KEY_MODBUS, .parse = k_modbus_profile},
    {.key = "alpha_type", .protocols = KEY_ALPHA, .parse = k_alpha_type},
    {.key = "alpha_label", .protocols = KEY_ALPHA, .parse = k_alpha_label},
    {.key = "alpha_position", .protocols = KEY_ALPHA, .parse = k_alpha_position},
    {.key = "alpha_mode", .protocols = KEY_ALPHA, .parse = k_alpha_mode},
    {.key = "alpha_checksum", .protocols = KEY_ALPHA, .parse = k_alpha_checksum},
    {.key = "ascii_prefix", .protocols = KEY_ASCII, .parse = k_ascii_prefix},
    {.key = "ascii_suffix", .protocols = KEY_ASCII, .parse = k_ascii_suffix},
    {.key = "ascii_separator", .protocols = KEY_ASCII, .parse = k_ascii_separator},
    {.key = "ascii_address_format", .protocols = KEY_ASCII, .parse = k_ascii_address_format},
    {.key = "ascii_checksum", .protocols = KEY_ASCII, .parse = k_ascii_checksum},
    {.key = "ascii_checksum_covers", .protocols = KEY_ASCII, .parse = k_ascii_checksum_covers},
    {.key = "ascii_checksum_format", .protocols = KEY_ASCII, .parse = k_ascii_checksum_format},
};

/* The key-value pair named key in sec, or NULL. */
static const struct config_kv *
find_kv(const struct config_section *sec, const char *key)
{
	for (size_t i = 0; i < sec->n_kv; i++)
		if (strcmp(sec->kv[i].key, key) == 0)
			return &sec->kv[i];
	return NULL;
}

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
		    err, sec, find_kv(sec, "ascii_separator"),
		    "holds the ascii_suffix, so a frame would end inside it");
	if (af->conv && af->conv != 'c' && !af->width && sep0 &&
	    (af->conv == 'd' ? isdigit(sep0) : isxdigit(sep0)))
		return config_section_error(
		    err, sec, find_kv(sec, "ascii_separator"),
		    "starts with a digit, which would read as part of the address (pad the "
		    "address, e.g. %%02d, or start the separator with another byte)");
	if (af->conv == 'c') {
		uint8_t head[1 + DISPLAY_AFFIX_MAX] = {(uint8_t)c->address};
		memcpy(head + 1, c->ascii_separator, c->ascii_separator_len);
		if (holds_suffix(c, head, 1 + c->ascii_separator_len)) {
			const struct config_kv *kv = find_kv(sec, "address");
			return config_section_error(
			    err, sec, kv ? kv : find_kv(sec, "ascii_address_format"),
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
		kv = find_kv(sec, "numeric");
		if (kv && !c->numeric)
			return config_section_error(err, sec, kv,
			                            "modbus profile b shows numbers only");
		c->numeric = true;
	}
	if (c->protocol != DISPLAY_PROTO_ASCII)
		return SQ_OK;
	if (c->ascii_suffix_len == 0)
		return config_section_error(err, sec, find_kv(sec, "ascii_suffix"),
		                            "must not be empty: it ends each frame");
	if (c->ascii_address.conv && c->ascii_address.conv != 'c' && !c->ascii_address.width &&
	    c->ascii_separator_len == 0)
		return config_section_error(err, sec, find_kv(sec, "ascii_address_format"),
		                            "an address of any length needs an ascii_separator");
	if ((rc = check_readable(sec, c, err)))
		return rc;
	if (c->ascii_address.conv) {
		uint8_t buf[16];
		size_t len =
		    display_format_address(&c->ascii_address, c->address, buf, sizeof(buf));
		if (len == 0 || (c->ascii_address.width && len != (size_t)c->ascii_address.width)) {
			kv = find_kv(sec, "address");
			return config_section_error(
			    err, sec, kv ? kv : find_kv(sec, "ascii_address_format"),
			    "address %d does not fit ascii_address_format", c->address);
		}
	}
	return SQ_OK;
}

int
display_config_parse(const struct config_section *sec, struct display_config *out,
                     struct sq_error *err)
{
	const struct config_kv *proto = find_kv(sec, "protocol");
	int p;
	char why[300];

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
	for (size_t i = 0; i < sec->n_kv; i++) {
		const struct config_kv *kv = &sec->kv[i];
		const struct display_key *k = NULL;

		if (find_kv(sec, kv->key) != kv)
			return config_section_error(err, sec, kv, "given twice");
		if (kv == proto)
			continue;
		for (size_t j = 0; j < sizeof(display_keys) / sizeof(display_keys[0]); j++)
			if (strcmp(display_keys[j].key, kv->key) == 0)
				k = &display_keys[j];
		if (!k)
			return config_section_error(err, sec, kv, "unknown key");
		if (!(k->protocols & (1u << p)))
			return config_section_error(
			    err, sec, kv, "not a key of protocol %s",
			    display_protocol_name((enum display_protocol)p));
		why[0] = '\0';
		if (!k->parse(out, kv->value, why, sizeof(why)))
			return config_section_error(err, sec, kv, "%s", why);
	}
	return check_whole(sec, out, err);
}

/*
 * The display must show every code it can get whole: the longest code of the
 * services of the counters that use it, behind the recall marker, or its
 * digits alone on a numeric display. A cut code names another ticket.
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
			else
				len += (int)strlen(c->recall_marker);
			if (len <= c->width)
				continue;
			const struct config_kv *kv = find_kv(sec, "width");
			return config_section_error(
			    err, sec, kv,
			    "%s%d is too narrow for code %s of counter %d, which needs %d "
			    "characters%s",
			    kv ? "" : "the default width ", c->width, code, counter->number, len,
			    c->recall_marker[0] && !c->numeric ? " with the recall_marker" : "");
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
