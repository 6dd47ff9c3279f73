#include "display_decode.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SOH 0x01
#define STX 0x02
#define ETX 0x03
#define EOT 0x04
#define ESC 0x1b

#define ALPHA_FRAME_LIMIT 1024 /* give up looking for EOT after this many bytes */
#define ASCII_FRAME_LIMIT 512  /* and for the ascii suffix */

/* Set number from text when text is an optional '-' and digits (spaces around allowed). */
static void
number_from_text(struct display_frame *f)
{
	const char *p = f->text;
	char *end;

	while (*p == ' ')
		p++;
	if (!*p || !(isdigit((unsigned char)*p) || (*p == '-' && isdigit((unsigned char)p[1]))))
		return;
	long v = strtol(p, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || end - p > 9)
		return;
	f->has_number = true;
	f->number = v;
}

/* Value of an ASCII hex digit, or -1. */
static int
hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Value of two ASCII hex digits, or -1. */
static int
hex2(const uint8_t *p)
{
	int hi = hexval(p[0]), lo = hexval(p[1]);

	return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

/* Modbus RTU: length from the function code, then the CRC. */
static int
decode_modbus(const struct display_config *cfg, const uint8_t *b, size_t len,
              struct display_frame *f, size_t *consumed, struct sq_error *err)
{
	size_t need;

	if (len < 2)
		return 0;
	if (b[0] < 1 || b[0] > 247) {
		*consumed = 1;
		return sq_error_set(err, SQ_ERR_CORRUPT, "stray byte 0x%02X (not a unit address)",
		                    b[0]);
	}
	if (b[1] == 0x06) {
		need = 8;
	} else if (b[1] == 0x10) {
		if (len < 7)
			return 0;
		need = 9 + (size_t)b[6];
	} else {
		*consumed = 1;
		return sq_error_set(err, SQ_ERR_CORRUPT, "unit %d: unknown function 0x%02X", b[0],
		                    b[1]);
	}
	if (len < need)
		return 0;
	uint16_t crc = display_crc16_modbus(b, need - 2);
	uint16_t got = (uint16_t)(b[need - 2] | b[need - 1] << 8);
	if (crc != got) {
		/* A frame of the right shape with a bad CRC was damaged on the line:
		 * drop it whole rather than resynchronise inside it. */
		*consumed = need;
		return sq_error_set(err, SQ_ERR_CORRUPT, "unit %d: crc 0x%04X, expected 0x%04X",
		                    b[0], got, crc);
	}
	f->address = b[0];
	f->function = b[1];
	f->reg = b[2] << 8 | b[3];
	f->checksum = true;
	bool profile_b = cfg->modbus_profile == DISPLAY_MODBUS_B;
	if (f->function == 0x06) {
		f->value = b[4] << 8 | b[5];
		if (f->reg == (profile_b ? 0x0000 : 0x0088)) {
			f->has_number = true;
			f->number = profile_b ? (long)(int16_t)f->value : (long)f->value;
		}
	} else if (f->reg == 0x0070 && !profile_b) {
		size_t k = 0;
		f->has_text = true;
		for (size_t i = 0; i < b[6] && b[7 + i]; i++)
			f->text[k++] = isprint(b[7 + i]) ? (char)b[7 + i] : '?';
		f->text[k] = '\0';
		number_from_text(f);
	}
	*consumed = need;
	return 1;
}

/* Alpha: NULs, SOH, type, address, STX, 'A', label, text with ESC codes, [ETX sum], EOT. */
static int
decode_alpha(const uint8_t *b, size_t len, struct display_frame *f, size_t *consumed,
             struct sq_error *err)
{
	size_t i = 0, eot, etx = 0, k = 0;

	while (i < len && b[i] == 0)
		i++;
	if (i == len)
		return 0;
	if (b[i] != SOH) {
		*consumed = i + 1;
		return sq_error_set(err, SQ_ERR_CORRUPT, "stray byte 0x%02X before SOH", b[i]);
	}
	f->alpha_nuls = (int)i;
	for (eot = i; eot < len && b[eot] != EOT; eot++)
		if (eot - i > ALPHA_FRAME_LIMIT) {
			*consumed = eot;
			return sq_error_set(err, SQ_ERR_CORRUPT, "no EOT in %d bytes",
			                    ALPHA_FRAME_LIMIT);
		}
	if (eot == len)
		return 0;
	*consumed = eot + 1;
	size_t h = i + 1; /* type */
	if (eot < h + 6 || b[h + 3] != STX)
		return sq_error_set(err, SQ_ERR_CORRUPT, "alpha header is cut short");
	f->alpha_type = (char)b[h];
	f->address = hex2(b + h + 1);
	if (f->address < 0)
		return sq_error_set(err, SQ_ERR_CORRUPT, "alpha address is not two hex digits");
	size_t stx = h + 3;
	if (b[stx + 1] != 'A')
		return sq_error_set(err, SQ_ERR_CORRUPT, "alpha command '%c' is not write text",
		                    isprint(b[stx + 1]) ? b[stx + 1] : '?');
	f->alpha_label = (char)b[stx + 2];
	for (size_t j = stx + 3; j < eot; j++)
		if (b[j] == ETX) {
			etx = j;
			break;
		}
	if (etx) {
		if (eot != etx + 5)
			return sq_error_set(err, SQ_ERR_CORRUPT,
			                    "alpha checksum is not 4 hex digits");
		int hi = hex2(b + etx + 1), lo = hex2(b + etx + 3);
		uint16_t want = display_alpha_sum(b + stx, etx - stx + 1);
		if (hi < 0 || lo < 0 || (uint16_t)(hi << 8 | lo) != want)
			return sq_error_set(err, SQ_ERR_CORRUPT, "alpha checksum is not %04X",
			                    want);
		f->checksum = true;
	}
	size_t end = etx ? etx : eot;
	for (size_t j = stx + 3; j < end; j++) {
		if (b[j] == ESC && j + 2 < end) {
			f->alpha_position = b[j + 1];
			f->alpha_mode = (char)b[j + 2];
			j += 2;
		} else if (b[j] >= 0x20 && b[j] < 0x7F && k + 1 < sizeof(f->text)) {
			f->text[k++] = (char)b[j];
		}
	}
	f->text[k] = '\0';
	f->has_text = true;
	f->flash = f->alpha_mode == 'c';
	number_from_text(f);
	return 1;
}

/* Checksum bytes the ascii template carries (0, 1 or 2). */
static size_t
ascii_cs_len(const struct display_config *cfg)
{
	if (cfg->ascii_checksum == DISPLAY_CHECKSUM_NONE)
		return 0;
	return cfg->ascii_checksum_raw ? 1 : 2;
}

/* True if the checksum at cs matches the bytes [from, to). */
static bool
ascii_cs_ok(const struct display_config *cfg, const uint8_t *b, size_t from, size_t to,
            const uint8_t *cs)
{
	uint8_t c;

	if (cfg->ascii_checksum == DISPLAY_CHECKSUM_NONE)
		return true;
	c = display_ascii_checksum(cfg->ascii_checksum, b + from, to - from);
	if (cfg->ascii_checksum_raw)
		return cs[0] == c;
	return hex2(cs) == c;
}

/* Parse address and payload of an ascii frame body [from, to). */
static int
ascii_body(const struct display_config *cfg, const uint8_t *b, size_t from, size_t to,
           struct display_frame *f, struct sq_error *err)
{
	const struct display_address_format *af = &cfg->ascii_address;
	size_t i = from, k = 0;

	if (af->conv == 'c') {
		if (i >= to)
			return sq_error_set(err, SQ_ERR_CORRUPT, "ascii frame has no address");
		f->address = b[i++];
	} else if (af->conv) {
		int base = af->conv == 'd' ? 10 : 16;
		size_t start = i, stop = af->width ? from + (size_t)af->width : to;
		long v = 0;
		bool any = false;
		if (stop > to)
			return sq_error_set(err, SQ_ERR_CORRUPT, "ascii address is cut short");
		for (; i < stop; i++) {
			int d = base == 10 ? (isdigit(b[i]) ? b[i] - '0' : -1) : hexval(b[i]);
			if (b[i] == ' ' && !any && af->width)
				continue;
			if (d < 0)
				break;
			if (v < 1000000)
				v = v * base + d;
			any = true;
		}
		if (!any || (af->width && i != stop) || i == start)
			return sq_error_set(err, SQ_ERR_CORRUPT, "ascii address is not a number");
		f->address = (int)v;
	}
	if (cfg->ascii_separator_len) {
		if (to - i < cfg->ascii_separator_len ||
		    memcmp(b + i, cfg->ascii_separator, cfg->ascii_separator_len) != 0)
			return sq_error_set(err, SQ_ERR_CORRUPT, "ascii separator missing");
		i += cfg->ascii_separator_len;
	}
	for (; i < to && k + 1 < sizeof(f->text); i++)
		f->text[k++] = b[i] >= 0x20 && b[i] < 0x7F ? (char)b[i] : '?';
	f->text[k] = '\0';
	f->has_text = true;
	number_from_text(f);
	return SQ_OK;
}

/* The ascii template: find the prefix, then a suffix whose checksum agrees. */
static int
decode_ascii(const struct display_config *cfg, const uint8_t *b, size_t len,
             struct display_frame *f, size_t *consumed, struct sq_error *err)
{
	size_t pre = cfg->ascii_prefix_len, suf = cfg->ascii_suffix_len, cs = ascii_cs_len(cfg);
	size_t bad_end = 0;
	bool cs_before = cfg->ascii_checksum_covers == DISPLAY_COVERS_BODY;

	if (suf == 0) {
		*consumed = len ? len : 1;
		return sq_error_set(err, SQ_ERR_INVALID, "ascii template has no suffix");
	}
	if (len < pre)
		return memcmp(b, cfg->ascii_prefix, len) == 0
		           ? 0
		           : (*consumed = 1, sq_error_set(err, SQ_ERR_CORRUPT,
		                                          "stray byte 0x%02X before prefix", b[0]));
	if (memcmp(b, cfg->ascii_prefix, pre) != 0) {
		*consumed = 1;
		return sq_error_set(err, SQ_ERR_CORRUPT, "stray byte 0x%02X before prefix", b[0]);
	}
	for (size_t i = pre; i + suf <= len && i < ASCII_FRAME_LIMIT; i++) {
		if (memcmp(b + i, cfg->ascii_suffix, suf) != 0)
			continue;
		size_t body_end, frame_end;
		bool ok;
		if (cs_before) {
			if (i < pre + cs)
				continue;
			body_end = i - cs;
			frame_end = i + suf;
			ok = ascii_cs_ok(cfg, b, pre, body_end, b + body_end);
		} else {
			body_end = i;
			frame_end = i + suf + cs;
			if (frame_end > len)
				return 0;
			size_t from = cfg->ascii_checksum_covers == DISPLAY_COVERS_FRAME ? 0 : pre;
			ok = ascii_cs_ok(cfg, b, from, i + suf, b + i + suf);
		}
		if (!ok) {
			if (!bad_end)
				bad_end = frame_end;
			continue;
		}
		*consumed = frame_end;
		f->checksum = cs > 0;
		return ascii_body(cfg, b, pre, body_end, f, err) ? SQ_ERR_CORRUPT : 1;
	}
	if (bad_end) {
		*consumed = bad_end;
		return sq_error_set(err, SQ_ERR_CORRUPT, "ascii checksum mismatch");
	}
	if (len >= ASCII_FRAME_LIMIT) {
		*consumed = 1;
		return sq_error_set(err, SQ_ERR_CORRUPT, "no suffix in %d bytes",
		                    ASCII_FRAME_LIMIT);
	}
	return 0;
}

int
display_decode(const struct display_config *cfg, const uint8_t *buf, size_t len,
               struct display_frame *out, size_t *consumed, struct sq_error *err)
{
	*out = (struct display_frame){.protocol = cfg->protocol, .function = -1, .reg = -1};
	*consumed = 0;
	if (len == 0)
		return 0;
	switch (cfg->protocol) {
	case DISPLAY_PROTO_MODBUS:
		return decode_modbus(cfg, buf, len, out, consumed, err);
	case DISPLAY_PROTO_ALPHA:
		return decode_alpha(buf, len, out, consumed, err);
	case DISPLAY_PROTO_ASCII:
		return decode_ascii(cfg, buf, len, out, consumed, err);
	}
	*consumed = len;
	return sq_error_set(err, SQ_ERR_INVALID, "unknown protocol");
}

/* Copy s into out quoted, with \" and \\ escaped. */
static void
quote(const char *s, char *out, size_t n)
{
	size_t k = 0;

	if (n < 3)
		return;
	out[k++] = '"';
	for (; *s && k + 3 < n; s++) {
		if (*s == '"' || *s == '\\')
			out[k++] = '\\';
		out[k++] = *s;
	}
	out[k++] = '"';
	out[k] = '\0';
}

void
display_frame_describe(const struct display_frame *f, char *out, size_t n)
{
	char q[DISPLAY_FRAME_MAX * 2 + 3];

	quote(f->text, q, sizeof(q));
	switch (f->protocol) {
	case DISPLAY_PROTO_MODBUS:
		if (f->function == 0x06 && f->has_number)
			snprintf(out, n, "frame modbus unit=%d show=%ld", f->address, f->number);
		else if (f->has_text)
			snprintf(out, n, "frame modbus unit=%d text=%s", f->address, q);
		else
			snprintf(out, n, "frame modbus unit=%d fn=0x%02X reg=0x%04X value=%d",
			         f->address, f->function, f->reg, f->value);
		return;
	case DISPLAY_PROTO_ALPHA:
		snprintf(out, n, "frame alpha addr=%02X text=%s%s", f->address, q,
		         f->flash ? " flash" : "");
		return;
	case DISPLAY_PROTO_ASCII:
		snprintf(out, n, "frame ascii addr=%d text=%s", f->address, q);
		return;
	}
	snprintf(out, n, "frame unknown");
}
