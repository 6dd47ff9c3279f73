/*
 * saduak-printer-emulator - an ESC/POS ticket printer on a pseudo-terminal.
 *
 *   saduak-printer-emulator [--link PATH] [--dir DIR] [--status STATE]
 *                           [--status-file FILE] [--stall-after BYTES]
 *                           [--tickets N] [--dots 384|576]
 *
 * Opens a pty (raw), prints "slave /dev/pts/N" (and makes PATH a symlink to
 * it), then reads what a kiosk sends. DLE EOT n is answered at once with one
 * status byte for STATE: ok (default), near-end, paper-out, cover-open or
 * offline; with --status-file the state is read from the first word of FILE
 * at every request, so a script can pull the paper out mid-run. GS v 0 bands
 * are stacked into one picture per ticket as wide as the paper (--dots,
 * default 384: bands arrive trimmed of the white on their right, and a band
 * wider than the paper is an error), which ends at a cut (GS V), a feed
 * (ESC d) or the next ESC @, and is written as DIR/ticket-0001.png (DIR
 * defaults to "."); while the paper is out or the cover open, tickets are
 * discarded as a real printer would. --stall-after BYTES stops reading (and
 * answering) for good after that many bytes, like a printer that jams
 * mid-ticket, so the sender's write blocks. --tickets N exits after N
 * tickets. One line per event on stdout:
 *
 *   status n=4 reply=0x12
 *   ticket 1 384x767 out/ticket-0001.png
 *   discarded 384x767 (paper out)
 *   stalled after 4096 bytes
 *
 * Stops on SIGINT/SIGTERM, writing a ticket still in progress first.
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

#include "bitmap.h"
#include "escpos.h"

static volatile sig_atomic_t stop;

/* A printer state and the replies it gives to DLE EOT 1..4. */
struct state {
	const char *name;
	uint8_t reply[5]; /* by n; 0 unused */
	bool prints;      /* whether tickets come out */
};

static const struct state states[] = {
    {.name = "ok", .reply = {0, 0x12, 0x12, 0x12, 0x12}, .prints = true},
    {.name = "near-end", .reply = {0, 0x12, 0x12, 0x12, 0x1E}, .prints = true},
    {.name = "paper-out", .reply = {0, 0x1A, 0x32, 0x12, 0x72}, .prints = false},
    {.name = "cover-open", .reply = {0, 0x1A, 0x16, 0x12, 0x12}, .prints = false},
    {.name = "offline", .reply = {0, 0x1A, 0x12, 0x12, 0x12}, .prints = false},
};

struct emulator {
	const char *dir;
	const char *status_file;
	const struct state *state;
	long stall_after; /* -1: never */
	long tickets_max; /* 0: no limit */
	int dots;         /* paper width */
	long received;
	long tickets;
	bool stalled;
	struct bitmap *page; /* the ticket being received, or NULL */
	uint8_t *buf;        /* bytes not yet parsed */
	size_t len;
	size_t cap;
};

/* Ask the loop to stop. */
static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* The state named name, or NULL. */
static const struct state *
state_find(const char *name)
{
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(states[i].name, name) == 0)
			return &states[i];
	return NULL;
}

/* The current state: from the status file when there is one, else the fixed one. */
static const struct state *
current_state(const struct emulator *em)
{
	char word[32] = "";
	const struct state *st;
	FILE *fp;

	if (!em->status_file)
		return em->state;
	fp = fopen(em->status_file, "r");
	if (!fp)
		return em->state;
	if (fscanf(fp, "%31s", word) != 1)
		word[0] = '\0';
	fclose(fp);
	st = state_find(word);
	return st ? st : em->state;
}

/* Write the ticket in progress, if any, as the next PNG (or drop it). */
static void
finish_ticket(struct emulator *em)
{
	const struct state *st = current_state(em);
	struct sq_error err = {0};

	if (!em->page)
		return;
	if (escpos_page_widen(&em->page, em->dots, &err) != SQ_OK)
		printf("error %s\n", err.msg); /* out of memory: the picture stays narrow */
	if (bitmap_height(em->page) == 0) {
		bitmap_destroy(em->page);
		em->page = NULL;
		return;
	}
	if (!st->prints) {
		printf("discarded %dx%d (%s)\n", bitmap_width(em->page), bitmap_height(em->page),
		       st->name);
	} else {
		char path[4096];

		em->tickets++;
		snprintf(path, sizeof(path), "%s/ticket-%04ld.png", em->dir, em->tickets);
		if (bitmap_write_png(em->page, path, &err) != SQ_OK)
			printf("error %s\n", err.msg);
		else
			printf("ticket %ld %dx%d %s\n", em->tickets, bitmap_width(em->page),
			       bitmap_height(em->page), path);
		if (em->tickets_max > 0 && em->tickets >= em->tickets_max)
			stop = 1;
	}
	fflush(stdout);
	bitmap_destroy(em->page);
	em->page = NULL;
}

/* Act on every whole command in the buffer; keep a partial one for later. */
static int
parse(struct emulator *em, int master)
{
	size_t off = 0;

	while (off < em->len) {
		struct escpos_cmd cmd;
		struct sq_error err = {0};

		if (escpos_next(em->buf + off, em->len - off, &cmd) != SQ_OK)
			break;
		switch (cmd.kind) {
		case ESCPOS_CMD_STATUS:
			if (cmd.arg >= 1 && cmd.arg <= 4) {
				uint8_t reply = current_state(em)->reply[cmd.arg];

				if (write(master, &reply, 1) != 1)
					fprintf(stderr, "printer-emulator: unable to reply: %s\n",
					        strerror(errno));
				printf("status n=%u reply=0x%02X\n", cmd.arg, reply);
				fflush(stdout);
			}
			break;
		case ESCPOS_CMD_RASTER:
			if (escpos_raster_append(&em->page, &cmd, &err) == SQ_OK &&
			    bitmap_width(em->page) > em->dots)
				sq_error_set(&err, SQ_ERR_INVALID,
				             "raster %d dots wide on paper of %d dots",
				             bitmap_width(em->page), em->dots);
			if (err.code != SQ_OK) {
				printf("error %s\n", err.msg);
				fflush(stdout);
				bitmap_destroy(em->page);
				em->page = NULL;
			}
			break;
		case ESCPOS_CMD_INIT:
		case ESCPOS_CMD_CUT:
		case ESCPOS_CMD_FEED:
			finish_ticket(em);
			break;
		default:
			break;
		}
		off += cmd.len;
	}
	memmove(em->buf, em->buf + off, em->len - off);
	em->len -= off;
	return 0;
}

/* Read what is waiting on master, up to the stall point. */
static int
receive(struct emulator *em, int master)
{
	size_t want = 4096;
	ssize_t n;

	if (em->stall_after >= 0 && em->received + (long)want > em->stall_after)
		want = (size_t)(em->stall_after - em->received);
	if (want == 0) {
		em->stalled = true;
		printf("stalled after %ld bytes\n", em->received);
		fflush(stdout);
		return 0;
	}
	if (em->len + want > em->cap) {
		size_t cap = em->cap ? em->cap * 2 : 65536;
		uint8_t *grown;

		while (cap < em->len + want)
			cap *= 2;
		grown = realloc(em->buf, cap);
		if (!grown) {
			fprintf(stderr, "printer-emulator: out of memory\n");
			return -1;
		}
		em->buf = grown;
		em->cap = cap;
	}
	n = read(master, em->buf + em->len, want);
	if (n < 0) {
		if (errno == EINTR || errno == EAGAIN || errno == EIO)
			return 0;
		fprintf(stderr, "printer-emulator: read: %s\n", strerror(errno));
		return -1;
	}
	em->len += (size_t)n;
	em->received += n;
	return parse(em, master);
}

static int
usage(void)
{
	fprintf(stderr,
	        "usage: saduak-printer-emulator [--link PATH] [--dir DIR] "
	        "[--status ok|near-end|paper-out|cover-open|offline] "
	        "[--status-file FILE] [--stall-after BYTES] [--tickets N] [--dots 384|576]\n");
	return 1;
}

int
main(int argc, char **argv)
{
	struct emulator em = {.dir = ".", .state = &states[0], .stall_after = -1, .dots = 384};
	const char *link_path = NULL;
	struct termios raw;
	char name[256];
	int master = -1, slave = -1;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!val)
			return usage();
		if (strcmp(arg, "--link") == 0) {
			link_path = val;
		} else if (strcmp(arg, "--dir") == 0) {
			em.dir = val;
		} else if (strcmp(arg, "--status") == 0) {
			em.state = state_find(val);
			if (!em.state) {
				fprintf(stderr, "saduak-printer-emulator: unknown status '%s'\n",
				        val);
				return 1;
			}
		} else if (strcmp(arg, "--status-file") == 0) {
			em.status_file = val;
		} else if (strcmp(arg, "--stall-after") == 0) {
			em.stall_after = strtol(val, NULL, 10);
		} else if (strcmp(arg, "--tickets") == 0) {
			em.tickets_max = strtol(val, NULL, 10);
		} else if (strcmp(arg, "--dots") == 0) {
			em.dots = (int)strtol(val, NULL, 10);
			if (em.dots != 384 && em.dots != 576) {
				fprintf(stderr,
				        "saduak-printer-emulator: --dots is 384 or 576, not '%s'\n",
				        val);
				return 1;
			}
		} else {
			return usage();
		}
		i++;
	}

	memset(&raw, 0, sizeof(raw));
	cfmakeraw(&raw);
	if (openpty(&master, &slave, name, &raw, NULL) != 0) {
		fprintf(stderr, "saduak-printer-emulator: openpty: %s\n", strerror(errno));
		return 1;
	}
	if (link_path) {
		unlink(link_path);
		if (symlink(name, link_path) != 0) {
			fprintf(stderr, "saduak-printer-emulator: unable to link '%s': %s\n",
			        link_path, strerror(errno));
			rc = 1;
			goto out;
		}
	}
	printf("slave %s\n", name);
	fflush(stdout);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	/* The slave stays open here too, so a sender may close and reopen it. */
	while (!stop) {
		struct pollfd pfd = {.fd = master, .events = em.stalled ? 0 : POLLIN};
		int r = poll(&pfd, 1, 200);

		if (r < 0 && errno != EINTR) {
			fprintf(stderr, "saduak-printer-emulator: poll: %s\n", strerror(errno));
			rc = 1;
			break;
		}
		if (r > 0 && (pfd.revents & POLLIN) && receive(&em, master) != 0) {
			rc = 1;
			break;
		}
	}
	finish_ticket(&em);
out:
	if (link_path)
		unlink(link_path);
	bitmap_destroy(em.page);
	free(em.buf);
	close(slave);
	close(master);
	return rc;
}
