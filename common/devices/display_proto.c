#include "display_proto.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODBUS_FN_WRITE_SINGLE   0x06
#define MODBUS_FN_WRITE_MULTIPLE 0x10
#define MODBUS_A_INT_REG         0x0088
#define MODBUS_A_TEXT_REG        0x0070
#define MODBUS_B_INT_REG         0x0000

#define NUL 0x00
#define SOH 0x01
#define STX 0x02
#define ETX 0x03
#define EOT 0x04
#define ESC 0x1b

/* ---- checksums ---- */

uint16_t
display_crc16_modbus(const uint8_t *p, size_t n)
{
	/* Nibble table of the reflected polynomial 0xA001. */
	static const uint16_t nibble[16] = {
	    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
	    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
	};
	uint16_t crc = 0xFFFF;

	for (size_t i = 0; i < n; i++) {
		crc = (uint16_t)((crc >> 4) ^ nibble[(crc ^ p[i]) & 0x0F]);
		crc = (uint16_t)((crc >> 4) ^ nibble[(crc ^ (p[i] >> 4)) & 0x0F]);
	}
	return crc;
}

uint16_t
display_alpha_sum(const uint8_t *p, size_t n)
{
	uint16_t sum = 0;

	for (size_t i = 0; i < n; i++)
		sum = (uint16_t)(sum + p[i]);
	return sum;
}

uint8_t
display_ascii_checksum(enum display_checksum kind, const uint8_t *p, size_t n)
{
	uint8_t c = 0;

	for (size_t i = 0; i < n; i++)
		c = kind == DISPLAY_CHECKSUM_XOR ? (uint8_t)(c ^ p[i]) : (uint8_t)(c + p[i]);
	return c;
}

size_t
display_format_address(const struct display_address_format *f, int a, uint8_t *out, size_t n)
{
	char digits[16];
	size_t len;

	if (f->conv == 0)
		return 0;
	if (f->conv == 'c') {
		if (a < 0 || a > 255 || n < 1)
			return 0;
		out[0] = (uint8_t)a;
		return 1;
	}
	if (a < 0)
		return 0;
	/* The format is one of three literals, so -Wformat-nonliteral stays happy. */
	if (f->conv == 'd')
		snprintf(digits, sizeof(digits), "%d", a);
	else if (f->conv == 'x')
		snprintf(digits, sizeof(digits), "%x", (unsigned)a);
	else
		snprintf(digits, sizeof(digits), "%X", (unsigned)a);
	len = strlen(digits);
	size_t pad = (size_t)f->width > len ? (size_t)f->width - len : 0;
	if (pad + len > n)
		return 0;
	memset(out, f->zero ? '0' : ' ', pad);
	memcpy(out + pad, digits, len);
	return pad + len;
}

/* ---- text ---- */

/* Thai marks that sit above or below the letter before them: no cell of their own. */
static bool
thai_combining(uint32_t cp)
{
	return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
}

/* Decode one UTF-8 character at s; returns its length, or 0 if s is not valid UTF-8. */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	size_t len;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/*
 * Append the printable ASCII form of UTF-8 text s to out (length *len,
 * capacity n including the NUL): Thai digits become ASCII digits, other
 * characters '?' or nothing.
 */
static void
append_ascii(const struct display_config *cfg, const char *s, char *out, size_t *len, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p && *len + 1 < n) {
		uint32_t cp = 0;
		size_t step = utf8_decode(p, &cp);
		char c;

		if (step == 0) {
			step = 1;
			c = '?';
		} else if (cp >= 0x20 && cp < 0x7F) {
			c = (char)cp;
		} else if (cp >= 0x0E50 && cp <= 0x0E59) {
			c = (char)('0' + (cp - 0x0E50));
		} else if (thai_combining(cp)) {
			c = 0;
		} else {
			c = '?';
		}
		p += step;
		if (c == '?' && cfg->drop_unsupported)
			c = 0;
		if (c)
			out[(*len)++] = c;
	}
	out[*len] = '\0';
}

/* Keep only the digits of out (and a leading '-' when minus is set). */
static void
keep_digits(char *out, size_t *len, bool minus)
{
	size_t k = 0;

	for (size_t i = 0; i < *len; i++)
		if (isdigit((unsigned char)out[i]) || (i == 0 && minus && out[i] == '-'))
			out[k++] = out[i];
	*len = k;
	out[k] = '\0';
}

/*
 * The ticket part of c into out (length *len, capacity n): the recall
 * marker and the counter only where they fit beside the whole code; false
 * when the code itself is wider than the display.
 */
static bool
render_ticket(const struct display_config *cfg, const struct display_content *c, char *out,
              size_t *len, size_t n)
{
	char code[DISPLAY_TEXT_MAX];
	size_t code_len = 0;
	size_t width = (size_t)cfg->width;

	append_ascii(cfg, c->code, code, &code_len, sizeof(code));
	if (cfg->numeric)
		keep_digits(code, &code_len, false);
	if (code_len > width)
		return false;
	if (c->recall && !cfg->numeric) {
		append_ascii(cfg, cfg->recall_marker, out, len, n);
		if (*len + code_len > width)
			*len = 0; /* no room for the marker: the code alone */
	}
	memcpy(out + *len, code, code_len + 1);
	*len += code_len;
	if (cfg->show_counter && !cfg->numeric && c->counter > 0) {
		char tail[16];
		int t = snprintf(tail, sizeof(tail), " %d", c->counter);
		if (t > 0 && *len + (size_t)t <= width)
			append_ascii(cfg, tail, out, len, n);
	}
	return true;
}

bool
display_render_text(const struct display_config *cfg, const struct display_content *c, char *out,
                    size_t n)
{
	char buf[DISPLAY_TEXT_MAX * 2];
	size_t len = 0;
	size_t width = (size_t)cfg->width;
	bool whole = true;

	buf[0] = '\0';
	switch (c->kind) {
	case DISPLAY_CONTENT_CLEAR:
		break;
	case DISPLAY_CONTENT_TICKET:
		whole = render_ticket(cfg, c, buf, &len, sizeof(buf));
		break;
	case DISPLAY_CONTENT_TEXT:
		append_ascii(cfg, c->text, buf, &len, sizeof(buf));
		break;
	case DISPLAY_CONTENT_NUMBER:
		snprintf(buf, sizeof(buf), "%ld", c->number);
		len = strlen(buf);
		break;
	}
	if (cfg->numeric)
		keep_digits(buf, &len, c->kind == DISPLAY_CONTENT_NUMBER);
	/* A cut code would be misread as another ticket: show nothing. */
	if (!whole)
		len = 0;
	if (len > width)
		len = width;
	if (width >= n)
		width = n - 1;
	if (len >= n)
		len = n - 1;
	size_t pad = cfg->align != DISPLAY_ALIGN_NONE && width > len ? width - len : 0;
	if (cfg->align == DISPLAY_ALIGN_RIGHT) {
		memset(out, ' ', pad);
		memcpy(out + pad, buf, len);
	} else {
		memcpy(out, buf, len);
		memset(out + len, ' ', pad);
	}
	out[len + pad] = '\0';
	return whole;
}

bool
display_text_can_hold(const struct display_config *cfg, uint8_t b)
{
	if (cfg->numeric)
		return isdigit(b) || b == '-' || (b == ' ' && cfg->align != DISPLAY_ALIGN_NONE);
	return b >= 0x20 && b < 0x7F;
}

/* ---- frames ---- */

/* A frame being built; overflow is sticky and checked once at the end. */
struct frame {
	uint8_t *p;
	size_t cap;
	size_t len;
	bool overflow;
};

/* Append n bytes. */
static void
put(struct frame *f, const void *src, size_t n)
{
	if (f->overflow || n > f->cap - f->len) {
		f->overflow = true;
		return;
	}
	memcpy(f->p + f->len, src, n);
	f->len += n;
}

/* Append one byte. */
static void
put1(struct frame *f, uint8_t b)
{
	put(f, &b, 1);
}

/* Append b as two uppercase ASCII hex digits. */
static void
put_hex8(struct frame *f, uint8_t b)
{
	static const char hex[] = "0123456789ABCDEF";

	put1(f, (uint8_t)hex[b >> 4]);
	put1(f, (uint8_t)hex[b & 0x0F]);
}

/* Append the Modbus CRC of everything so far, low byte first. */
static void
put_modbus_crc(struct frame *f)
{
	if (f->overflow)
		return;
	uint16_t crc = display_crc16_modbus(f->p, f->len);
	put1(f, (uint8_t)(crc & 0xFF));
	put1(f, (uint8_t)(crc >> 8));
}

/* Modbus: write the integer register of the profile. */
static int
modbus_number(const struct display_config *cfg, long v, struct frame *f, struct sq_error *err)
{
	bool b = cfg->modbus_profile == DISPLAY_MODBUS_B;
	long lo = b ? -32768 : 0, hi = b ? 32767 : 65535;
	uint16_t reg = b ? MODBUS_B_INT_REG : MODBUS_A_INT_REG;

	if (v < lo || v > hi)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "display '%s': %ld is out of range for modbus profile %c "
		                    "(%ld..%ld)",
		                    cfg->name, v, b ? 'b' : 'a', lo, hi);
	uint16_t u = (uint16_t)(v & 0xFFFF);
	put1(f, (uint8_t)cfg->address);
	put1(f, MODBUS_FN_WRITE_SINGLE);
	put1(f, (uint8_t)(reg >> 8));
	put1(f, (uint8_t)(reg & 0xFF));
	put1(f, (uint8_t)(u >> 8));
	put1(f, (uint8_t)(u & 0xFF));
	put_modbus_crc(f);
	return SQ_OK;
}

/* Modbus profile a: 12 ASCII bytes (NUL-padded) into 6 registers at 0x0070. */
static int
modbus_text(const struct display_config *cfg, const char *text, bool flash, struct frame *f,
            struct sq_error *err)
{
	uint8_t area[MODBUS_TEXT_BYTES] = {0};
	size_t n = strlen(text);

	(void)flash; /* 7-segment modules cannot blink on command */
	if (cfg->modbus_profile != DISPLAY_MODBUS_A)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "display '%s': modbus profile b has no text", cfg->name);
	memcpy(area, text, n < sizeof(area) ? n : sizeof(area));
	put1(f, (uint8_t)cfg->address);
	put1(f, MODBUS_FN_WRITE_MULTIPLE);
	put1(f, MODBUS_A_TEXT_REG >> 8);
	put1(f, MODBUS_A_TEXT_REG & 0xFF);
	put1(f, 0x00);
	put1(f, MODBUS_TEXT_BYTES / 2);
	put1(f, MODBUS_TEXT_BYTES);
	put(f, area, sizeof(area));
	put_modbus_crc(f);
	return SQ_OK;
}

/* Alpha: write text file <label>, flashing for a recall. */
static int
alpha_text(const struct display_config *cfg, const char *text, bool flash, struct frame *f,
           struct sq_error *err)
{
	static const uint8_t nuls[5] = {NUL, NUL, NUL, NUL, NUL};
	size_t stx;

	(void)err;
	put(f, nuls, sizeof(nuls));
	put1(f, SOH);
	put1(f, (uint8_t)cfg->alpha_type);
	put_hex8(f, (uint8_t)cfg->address);
	stx = f->len;
	put1(f, STX);
	put1(f, 'A');
	put1(f, (uint8_t)cfg->alpha_label);
	put1(f, ESC);
	put1(f, cfg->alpha_position);
	put1(f, (uint8_t)(flash ? 'c' : cfg->alpha_mode));
	put(f, text, strlen(text));
	if (cfg->alpha_checksum) {
		put1(f, ETX);
		if (!f->overflow) {
			uint16_t sum = display_alpha_sum(f->p + stx, f->len - stx);
			put_hex8(f, (uint8_t)(sum >> 8));
			put_hex8(f, (uint8_t)(sum & 0xFF));
		}
	}
	put1(f, EOT);
	return SQ_OK;
}

/* Append the ascii template checksum of bytes [from, f->len). */
static void
put_ascii_checksum(const struct display_config *cfg, struct frame *f, size_t from)
{
	if (cfg->ascii_checksum == DISPLAY_CHECKSUM_NONE || f->overflow)
		return;
	uint8_t c = display_ascii_checksum(cfg->ascii_checksum, f->p + from, f->len - from);
	if (cfg->ascii_checksum_raw)
		put1(f, c);
	else
		put_hex8(f, c);
}

/* Plain framed ASCII: prefix address separator payload [checksum] suffix [checksum]. */
static int
ascii_text(const struct display_config *cfg, const char *text, bool flash, struct frame *f,
           struct sq_error *err)
{
	uint8_t addr[16];
	size_t addr_len, body;

	(void)flash;
	addr_len = display_format_address(&cfg->ascii_address, cfg->address, addr, sizeof(addr));
	if (cfg->ascii_address.conv && addr_len == 0)
		return sq_error_set(err, SQ_ERR_INVALID, "display '%s': address %d does not fit",
		                    cfg->name, cfg->address);
	put(f, cfg->ascii_prefix, cfg->ascii_prefix_len);
	body = f->len;
	put(f, addr, addr_len);
	put(f, cfg->ascii_separator, cfg->ascii_separator_len);
	put(f, text, strlen(text));
	if (cfg->ascii_checksum_covers == DISPLAY_COVERS_BODY)
		put_ascii_checksum(cfg, f, body);
	put(f, cfg->ascii_suffix, cfg->ascii_suffix_len);
	if (cfg->ascii_checksum_covers == DISPLAY_COVERS_BODY_SUFFIX)
		put_ascii_checksum(cfg, f, body);
	else if (cfg->ascii_checksum_covers == DISPLAY_COVERS_FRAME)
		put_ascii_checksum(cfg, f, 0);
	return SQ_OK;
}

/* ---- the protocol table ---- */

struct display_protocol_def {
	const char *name;
	int address_min, address_max, address_default;
	int width_default, width_max;
	int data_bits;
	enum serial_parity parity;
	int frame_gap_ms;
	/* Encode printable ASCII text; flash = a recall with no marker. */
	int (*encode_text)(const struct display_config *cfg, const char *text, bool flash,
	                   struct frame *f, struct sq_error *err);
	/* Encode an integer register write; NULL if numbers go as text. */
	int (*encode_number)(const struct display_config *cfg, long v, struct frame *f,
	                     struct sq_error *err);
};

static const struct display_protocol_def protocols[] = {
    [DISPLAY_PROTO_MODBUS] = {.name = "modbus",
                              .address_min = 1,
                              .address_max = 247,
                              .address_default = 1,
                              .width_default = 4,
                              .width_max = MODBUS_TEXT_BYTES,
                              .data_bits = 8,
                              .parity = SERIAL_PARITY_NONE,
                              .frame_gap_ms = 4,
                              .encode_text = modbus_text,
                              .encode_number = modbus_number},
    [DISPLAY_PROTO_ALPHA] = {.name = "alpha",
                             .address_min = 0,
                             .address_max = 255,
                             .address_default = 0,
                             .width_default = 16,
                             .width_max = DISPLAY_WIDTH_MAX,
                             .data_bits = 7,
                             .parity = SERIAL_PARITY_EVEN,
                             .encode_text = alpha_text},
    [DISPLAY_PROTO_ASCII] = {.name = "ascii",
                             .address_min = 0,
                             .address_max = 65535,
                             .address_default = 1,
                             .width_default = 4,
                             .width_max = DISPLAY_WIDTH_MAX,
                             .data_bits = 8,
                             .parity = SERIAL_PARITY_NONE,
                             .encode_text = ascii_text},
};
#define N_PROTOCOLS (sizeof(protocols) / sizeof(protocols[0]))

const char *
display_protocol_name(enum display_protocol p)
{
	return (size_t)p < N_PROTOCOLS ? protocols[p].name : "unknown";
}

int
display_encode(const struct display_config *cfg, const struct display_content *c, uint8_t *buf,
               size_t cap, size_t *len, struct sq_error *err)
{
	const struct display_protocol_def *def = &protocols[cfg->protocol];
	struct frame f = {.p = buf, .cap = cap};
	char text[DISPLAY_WIDTH_MAX + 1];
	int rc;

	*len = 0;
	display_render_text(cfg, c, text, sizeof(text));
	if (def->encode_number && (cfg->numeric || c->kind == DISPLAY_CONTENT_NUMBER)) {
		long v = c->kind == DISPLAY_CONTENT_NUMBER ? c->number : strtol(text, NULL, 10);
		rc = def->encode_number(cfg, v, &f, err);
	} else {
		bool flash =
		    c->kind == DISPLAY_CONTENT_TICKET && c->recall && !cfg->recall_marker[0];
		rc = def->encode_text(cfg, text, flash, &f, err);
	}
	if (rc)
		return rc;
	if (f.overflow)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "display '%s': frame does not fit in %zu bytes", cfg->name,
		                    cap);
	*len = f.len;
	return SQ_OK;
}

/* ---- configuration ---- */

void
display_config_defaults(struct display_config *out, enum display_protocol p)
{
	const struct display_protocol_def *def = &protocols[p];

	*out = (struct display_config){
	    .protocol = p,
	    .serial = {.kind = SERIAL_AUTO,
	               .baud = 9600,
	               .data_bits = def->data_bits,
	               .parity = def->parity,
	               .stop_bits = 1},
	    .address = def->address_default,
	    .width = def->width_default,
	    .align = DISPLAY_ALIGN_NONE,
	    .write_timeout_ms = 100,
	    .retry_seconds = 3,
	    .frame_gap_ms = def->frame_gap_ms,
	    .modbus_profile = DISPLAY_MODBUS_A,
	    .alpha_type = 'Z',
	    .alpha_label = 'A',
	    .alpha_position = 0x30,
	    .alpha_mode = 'b',
	    .alpha_checksum = true,
	    .ascii_prefix = {STX},
	    .ascii_prefix_len = 1,
	    .ascii_suffix = {ETX},
	    .ascii_suffix_len = 1,
	    .ascii_address = {.conv = 'd', .width = 2, .zero = true},
	};
	snprintf(out->break_text, sizeof(out->break_text), "----");
}

void
display_protocol_limits(enum display_protocol p, int *address_min, int *address_max, int *width_max)
{
	*address_min = protocols[p].address_min;
	*address_max = protocols[p].address_max;
	*width_max = protocols[p].width_max;
}

int
display_protocol_find(const char *name)
{
	for (size_t i = 0; i < N_PROTOCOLS; i++)
		if (strcmp(name, protocols[i].name) == 0)
			return (int)i;
	return -1;
}
