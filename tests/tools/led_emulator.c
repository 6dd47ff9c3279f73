/*
 * saduak-led-emulator - a counter LED display on a pseudo-terminal.
 *
 *   saduak-led-emulator [--link PATH] [--big] [--frames N]
 *                       [--config FILE --display NAME] [KEY=VALUE ...]
 *
 * Opens a pty, prints "slave /dev/pts/N" (and makes PATH a symlink to it, so
 * that a config can name a stable port), then decodes what arrives with
 * display_decode.c and prints one line per frame, e.g.
 * `frame modbus unit=1 show=12` or `frame alpha addr=03 text="A012 3"`, or
 * `error ...` for a frame with a bad CRC or checksum. The display's settings
 * come from the [display NAME] section of an office config, or from KEY=VALUE
 * pairs with the same keys (protocol=alpha address=3 ...); port is not needed.
 * --big also draws the shown text as large 7-segment digits, for the demo.
 * --frames N exits after N good frames (for scripts). Stops on SIGINT/SIGTERM.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "config.h"
#include "display_decode.h"
#include "display_proto.h"

#define MAX_PAIRS 48

static volatile sig_atomic_t stop;

/* Ask the loop to stop. */
static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Segments a..g as bits 0..6, by character. */
static const uint8_t segments[128] = {
    ['0'] = 0x3F, ['1'] = 0x06, ['2'] = 0x5B, ['3'] = 0x4F, ['4'] = 0x66, ['5'] = 0x6D,
    ['6'] = 0x7D, ['7'] = 0x07, ['8'] = 0x7F, ['9'] = 0x6F, ['A'] = 0x77, ['B'] = 0x7C,
    ['C'] = 0x39, ['D'] = 0x5E, ['E'] = 0x79, ['F'] = 0x71, ['G'] = 0x3D, ['H'] = 0x76,
    ['I'] = 0x06, ['J'] = 0x1E, ['L'] = 0x38, ['N'] = 0x54, ['O'] = 0x3F, ['P'] = 0x73,
    ['R'] = 0x50, ['S'] = 0x6D, ['T'] = 0x78, ['U'] = 0x3E, ['Y'] = 0x6E, ['-'] = 0x40,
    ['_'] = 0x08, ['?'] = 0x53,
};

/* Draw text as 7-segment digits, seven rows high. */
static void
draw_big(const char *text)
{
	/* Row r of a digit: which segment fills the top bar, sides, or middle bar. */
	for (int r = 0; r < 7; r++) {
		fputs("    ", stdout);
		for (const char *p = text; *p; p++) {
			unsigned char ch = (unsigned char)*p;
			if (ch >= 'a' && ch <= 'z')
				ch = (unsigned char)(ch - 'a' + 'A');
			if (ch == '.')
				continue;
			uint8_t s = ch < 128 ? segments[ch] : 0;
			bool dot = p[1] == '.';
			const char *cell;
			char side[8];
			if (r == 0 || r == 3 || r == 6) {
				uint8_t bar = r == 0 ? 0x01 : r == 3 ? 0x40 : 0x08;
				cell = s & bar ? " ##### " : "       ";
				if (r == 6 && dot) {
					fputs(cell, stdout);
					fputs("#  ", stdout);
					continue;
				}
			} else {
				uint8_t left = r < 3 ? 0x20 : 0x10, right = r < 3 ? 0x02 : 0x04;
				snprintf(side, sizeof(side), "%c     %c", s & left ? '#' : ' ',
				         s & right ? '#' : ' ');
				cell = side;
			}
			fputs(cell, stdout);
			fputs("   ", stdout);
		}
		fputc('\n', stdout);
	}
	fflush(stdout);
}

/* Build the display settings from --config/--display or KEY=VALUE pairs. */
static int
load_settings(const char *config_path, const char *display, char **pairs, int n_pairs,
              struct display_config *out, struct sq_error *err)
{
	struct config_kv kv[MAX_PAIRS + 1];
	char keys[MAX_PAIRS][64];
	struct config_section sec = {
	    .kind = "display", .name = "emulator", .path = "command line", .kv = kv};
	bool have_port = false;

	if (config_path) {
		struct config *cfg;
		int rc = config_load(config_path, &cfg, err);
		if (rc)
			return rc;
		const struct config_section *found = config_section_find(cfg, "display", display);
		if (!found)
			rc = sq_error_set(err, SQ_ERR_NOTFOUND, "no [display %s] in '%s'", display,
			                  config_path);
		else
			rc = display_config_parse(found, out, err);
		config_free(cfg);
		return rc;
	}
	if (n_pairs > MAX_PAIRS)
		return sq_error_set(err, SQ_ERR_INVALID, "more than %d settings", MAX_PAIRS);
	for (int i = 0; i < n_pairs; i++) {
		const char *eq = strchr(pairs[i], '=');
		if (!eq || (size_t)(eq - pairs[i]) >= sizeof(keys[i]))
			return sq_error_set(err, SQ_ERR_INVALID, "'%s' is not KEY=VALUE", pairs[i]);
		snprintf(keys[i], sizeof(keys[i]), "%.*s", (int)(eq - pairs[i]), pairs[i]);
		kv[sec.n_kv++] =
		    (struct config_kv){.key = keys[i], .value = (char *)eq + 1, .line = i + 1};
		have_port |= strcmp(keys[i], "port") == 0;
	}
	if (!have_port) /* sec.kv points at kv */
		// cppcheck-suppress unreadVariable
		kv[sec.n_kv++] = (struct config_kv){.key = "port", .value = "pty", .line = 0};
	if (!config_section_get(&sec, "protocol"))
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "say which protocol: protocol=modbus, alpha or ascii");
	return display_config_parse(&sec, out, err);
}

/* Print usage on stderr. */
static void
usage(void)
{
	fputs("usage: saduak-led-emulator [--link PATH] [--big] [--frames N]\n"
	      "                           [--config FILE --display NAME] [KEY=VALUE ...]\n"
	      "example: saduak-led-emulator --link /tmp/led1 protocol=alpha address=3\n",
	      stderr);
}

int
main(int argc, char **argv)
{
	const char *link_path = NULL, *config_path = NULL, *display = NULL;
	bool big = false, in_error = false;
	long max_frames = 0, frames = 0;
	struct display_config cfg;
	struct sq_error err = {0};
	int master = -1, slave = -1, status = 1, first_pair = argc;
	char name[128];
	static uint8_t buf[8192];
	size_t len = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--link") == 0 && i + 1 < argc) {
			link_path = argv[++i];
		} else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
			config_path = argv[++i];
		} else if (strcmp(argv[i], "--display") == 0 && i + 1 < argc) {
			display = argv[++i];
		} else if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
			max_frames = strtol(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "--big") == 0) {
			big = true;
		} else if (argv[i][0] == '-') {
			usage();
			return 1;
		} else {
			first_pair = i;
			break;
		}
	}
	if ((config_path != NULL) != (display != NULL) || (config_path && first_pair < argc)) {
		usage();
		return 1;
	}
	if (load_settings(config_path, display, argv + first_pair, argc - first_pair, &cfg, &err)) {
		fprintf(stderr, "saduak-led-emulator: %s\n", err.msg);
		return 1;
	}
	struct termios raw;
	memset(&raw, 0, sizeof(raw));
	cfmakeraw(&raw);
	if (openpty(&master, &slave, name, &raw, NULL) != 0) {
		fprintf(stderr, "saduak-led-emulator: unable to open a pty: %s\n", strerror(errno));
		return 1;
	}
	if (link_path) {
		if (unlink(link_path) != 0 && errno != ENOENT) {
			fprintf(stderr, "saduak-led-emulator: unable to replace '%s': %s\n",
			        link_path, strerror(errno));
			goto out;
		}
		if (symlink(name, link_path) != 0) {
			fprintf(stderr, "saduak-led-emulator: unable to link '%s': %s\n", link_path,
			        strerror(errno));
			link_path = NULL;
			goto out;
		}
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	printf("slave %s\n", name);
	if (link_path)
		printf("link %s -> %s\n", link_path, name);
	printf("listening as %s display, address %d\n", display_protocol_name(cfg.protocol),
	       cfg.address);
	fflush(stdout);
	/* The emulator keeps the slave open too, so that the master never sees a
	 * hang-up between two opens of the driver. */
	while (!stop && (!max_frames || frames < max_frames)) {
		struct pollfd pfd = {.fd = master, .events = POLLIN};
		int r = poll(&pfd, 1, 200);
		if (r < 0 && errno != EINTR) {
			fprintf(stderr, "saduak-led-emulator: poll: %s\n", strerror(errno));
			goto out;
		}
		if (r <= 0)
			continue;
		ssize_t n = read(master, buf + len, sizeof(buf) - len);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			fprintf(stderr, "saduak-led-emulator: read: %s\n",
			        n < 0 ? strerror(errno) : "end of file");
			goto out;
		}
		len += (size_t)n;
		for (;;) {
			struct display_frame f;
			size_t used = 0;
			r = display_decode(&cfg, buf, len, &f, &used, &err);
			if (used) {
				memmove(buf, buf + used, len - used);
				len -= used;
			}
			if (r == 1) {
				char line[DISPLAY_FRAME_MAX * 2 + 64];
				in_error = false;
				display_frame_describe(&f, line, sizeof(line));
				printf("%s\n", line);
				if (big) {
					char num[32];
					if (!f.has_text && f.has_number)
						snprintf(num, sizeof(num), "%ld", f.number);
					draw_big(f.has_text ? f.text : f.has_number ? num : "");
				}
				fflush(stdout);
				if (max_frames && ++frames >= max_frames)
					break;
			} else if (r < 0) {
				/* One line per run of bad bytes, not one per byte. */
				if (!in_error)
					printf("error %s\n", err.msg);
				in_error = true;
				fflush(stdout);
			} else {
				break;
			}
		}
		if (len == sizeof(buf))
			len = 0; /* a flood of bytes that are no frame: start over */
	}
	status = 0;
out:
	if (link_path)
		unlink(link_path);
	if (slave >= 0)
		close(slave);
	if (master >= 0)
		close(master);
	return status;
}
