/*
 * libFuzzer target: every LED protocol reads back what it writes. The input
 * picks a [display] section (keys and values as an office would write them,
 * so only configurations the loader accepts are tried) and a content; the
 * frame display_encode() makes must decode (display_decode) whole, at the
 * configured address, showing what display_render_text() says it shows.
 * Any difference aborts, which libFuzzer reports as a crash.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "display_decode.h"
#include "display_proto.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_KV 24

/* One [display] section being made up, its values in static storage. */
struct section {
	struct config_section sec;
	struct config_kv kv[MAX_KV];
	char values[MAX_KV][4 * DISPLAY_AFFIX_MAX + 1];
};

static void
put(struct section *s, const char *key, const char *value)
{
	struct config_kv *kv = &s->kv[s->sec.n_kv];

	snprintf(s->values[s->sec.n_kv], sizeof(s->values[0]), "%s", value);
	*kv = (struct config_kv){.key = (char *)key, .value = s->values[s->sec.n_kv], .line = 1};
	s->sec.n_kv++;
}

/* Put key = one of the n words, or leave it out. */
static void
put_choice(struct section *s, struct fuzz_input *in, const char *key, const char *const *words,
           size_t n)
{
	size_t k = fuzz_byte(in) % (n + 1);

	if (k < n)
		put(s, key, words[k]);
}

/* Put key = a few bytes written with \xNN escapes, or leave it out. */
static void
put_affix(struct section *s, struct fuzz_input *in, const char *key)
{
	char raw[DISPLAY_AFFIX_MAX / 2 + 1], value[4 * DISPLAY_AFFIX_MAX + 1] = "";
	size_t len = fuzz_bytes(in, raw, DISPLAY_AFFIX_MAX / 2);

	if (len == 0)
		return;
	for (size_t i = 0; i < len; i++)
		snprintf(value + 4 * i, sizeof(value) - 4 * i, "\\x%02x", (uint8_t)raw[i]);
	put(s, key, value);
}

static void
put_number(struct section *s, struct fuzz_input *in, const char *key, int lo, int hi)
{
	if (fuzz_byte(in) & 1) {
		char value[16];

		snprintf(value, sizeof(value), "%d", fuzz_int(in, lo, hi));
		put(s, key, value);
	}
}

static void
make_section(struct section *s, struct fuzz_input *in)
{
	static const char *const protocols[] = {"modbus", "alpha", "ascii"};
	static const char *const yes_no[] = {"yes", "no"};
	static const char *const aligns[] = {"none", "left", "right"};
	static const char *const unsupported[] = {"replace", "drop"};
	static const char *const profiles[] = {"a", "b"};
	static const char *const positions[] = {"fill", "middle", "top", "bottom"};
	static const char *const modes[] = {"hold", "rotate"};
	static const char *const printable[] = {"Z", "A", "1", "!", "~"};
	static const char *const markers[] = {"*", ">", "R ", "!!"};
	static const char *const formats[] = {"%d",   "%02d", "%03d", "%5d", "%X",
	                                      "%02x", "%04X", "%c",   "none"};
	static const char *const checksums[] = {"none", "sum8", "xor"};
	static const char *const covers[] = {"body", "body_suffix", "frame"};
	static const char *const checksum_formats[] = {"hex", "raw"};

	memset(s, 0, sizeof(*s));
	s->sec = (struct config_section){
	    .kind = "display", .name = "1", .path = "fuzz.ini", .kv = s->kv};
	put(s, "protocol", protocols[fuzz_byte(in) % 3]);
	put(s, "port", "/dev/null");
	put_number(s, in, "address", 0, 65535);
	put_number(s, in, "width", 1, DISPLAY_WIDTH_MAX);
	put_choice(s, in, "align", aligns, 3);
	put_choice(s, in, "numeric", yes_no, 2);
	put_choice(s, in, "show_counter", yes_no, 2);
	put_choice(s, in, "recall_marker", markers, 4);
	put_choice(s, in, "unsupported", unsupported, 2);
	put_choice(s, in, "modbus_profile", profiles, 2);
	put_choice(s, in, "alpha_type", printable, 5);
	put_choice(s, in, "alpha_label", printable, 5);
	put_choice(s, in, "alpha_position", positions, 4);
	put_choice(s, in, "alpha_mode", modes, 2);
	put_choice(s, in, "alpha_checksum", yes_no, 2);
	put_affix(s, in, "ascii_prefix");
	put_affix(s, in, "ascii_suffix");
	put_affix(s, in, "ascii_separator");
	put_choice(s, in, "ascii_address_format", formats, 9);
	put_choice(s, in, "ascii_checksum", checksums, 3);
	put_choice(s, in, "ascii_checksum_covers", covers, 3);
	put_choice(s, in, "ascii_checksum_format", checksum_formats, 2);
}

static void
make_content(struct display_content *c, struct fuzz_input *in)
{
	memset(c, 0, sizeof(*c));
	c->kind = (enum display_content_kind)(fuzz_byte(in) % 4);
	fuzz_bytes(in, c->code, sizeof(c->code) - 1);
	c->counter = fuzz_int(in, 0, 99);
	c->recall = fuzz_byte(in) & 1;
	fuzz_bytes(in, c->text, sizeof(c->text) - 1);
	c->number = (long)fuzz_int(in, 0, 65535) - 32768;
}

/* Say which section and content broke the round trip, and stop. */
static void
die(const struct section *s, const struct display_content *c, const char *what, const char *got,
    const char *want)
{
	fprintf(stderr, "round trip: %s: got '%s', want '%s'\n", what, got, want);
	for (size_t i = 0; i < s->sec.n_kv; i++)
		fprintf(stderr, "  %s = %s\n", s->kv[i].key, s->kv[i].value);
	fprintf(stderr, "  content kind %d code '%s' counter %d recall %d text '%s' number %ld\n",
	        (int)c->kind, c->code, c->counter, (int)c->recall, c->text, c->number);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct section s;
	struct fuzz_input in = {data, size};
	struct display_config cfg;
	struct display_content c;
	struct display_frame f;
	struct sq_error err = {0};
	uint8_t buf[DISPLAY_FRAME_MAX];
	char shown[DISPLAY_WIDTH_MAX + 1], got[32], want[32];
	size_t len = 0, used = 0;

	make_section(&s, &in);
	if (display_config_parse(&s.sec, &cfg, &err) != SQ_OK)
		return 0; /* the office could not have configured it */
	make_content(&c, &in);
	if (display_encode(&cfg, &c, buf, sizeof(buf), &len, &err) != SQ_OK)
		return 0; /* refused (a number out of range): nothing sent */
	if (display_decode(&cfg, buf, len, &f, &used, &err) != 1)
		die(&s, &c, "decode", err.msg, "a frame");
	snprintf(got, sizeof(got), "%zu", used);
	snprintf(want, sizeof(want), "%zu", len);
	if (used != len)
		die(&s, &c, "bytes used", got, want);
	snprintf(got, sizeof(got), "%d", f.address);
	snprintf(want, sizeof(want), "%d", cfg.address);
	/* An ascii template without an address sends none to read back. */
	bool addressed = cfg.protocol != DISPLAY_PROTO_ASCII || cfg.ascii_address.conv != 0;
	if (addressed && f.address != cfg.address)
		die(&s, &c, "address", got, want);
	display_render_text(&cfg, &c, shown, sizeof(shown));
	/* The ascii template check trusts this to know where a suffix can occur. */
	for (const char *p = shown; *p; p++)
		if (!display_text_can_hold(&cfg, (uint8_t)*p))
			die(&s, &c, "text byte the display cannot hold", shown, "");
	if (f.has_text) {
		if (strcmp(f.text, shown) != 0)
			die(&s, &c, "text", f.text, shown);
	} else {
		long n = c.kind == DISPLAY_CONTENT_NUMBER ? c.number : strtol(shown, NULL, 10);

		snprintf(got, sizeof(got), "%ld", f.number);
		snprintf(want, sizeof(want), "%ld", n);
		if (!f.has_number || f.number != n)
			die(&s, &c, "number", got, want);
	}
	return 0;
}
