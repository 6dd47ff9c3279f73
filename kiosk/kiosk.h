/*
 * kiosk.h - the commands and screens of saduak-kiosk. main.c parses the
 * command line into struct kiosk_args and runs one entry of its command
 * table; each command lives in its own file (kiosk_<name>.c).
 */
#ifndef SADUAK_KIOSK_H
#define SADUAK_KIOSK_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"

/* Everything the command line can say; each command reads what it needs. */
struct kiosk_args {
	const char *mode;         /* --mode ticket|rating|board */
	int counter;              /* --counter N, 0 if not given */
	const char *priority;     /* --priority CLASS */
	bool out_of_hours;        /* --out-of-hours */
	const char *reason;       /* --reason R (rate) */
	bool voice_list;          /* voice --list */
	const char *voice_check;  /* voice --check DIR */
	const char *voice_render; /* voice --render FILE.wav */
	char **argv;              /* the command's own words after its name */
	int argc;
};

/*
 * A command: takes the loaded config (owned by main) and returns a
 * cli_exit code, having printed one clear line on failure.
 */
typedef int (*kiosk_command_fn)(struct config *cfg, const struct kiosk_args *args);

int kiosk_issue_command(struct config *cfg, const struct kiosk_args *args);
int kiosk_board_command(struct config *cfg, const struct kiosk_args *args);
/* cfg may be NULL: run without a config file when none exists. */
int kiosk_voice_command(struct config *cfg, const struct kiosk_args *args);
int kiosk_rate_command(struct config *cfg, const struct kiosk_args *args);
/* checkin CODE, book SERVICE DAY TIME: the reception's booking verbs (kiosk_booking.c). */
int kiosk_checkin_command(struct config *cfg, const struct kiosk_args *args);
int kiosk_book_command(struct config *cfg, const struct kiosk_args *args);
int kiosk_ticket_mode(struct config *cfg, const struct kiosk_args *args);
/* --mode rating [--counter N]: the satisfaction point (kiosk_rating.c). */
int kiosk_rating_mode(struct config *cfg, const struct kiosk_args *args);

/* The ticket screen without its loop, for the benchmark (kiosk_ticket.c). */
struct kiosk_ticket;
struct printer;
struct screen_log;
struct ui_handlers;
int kiosk_ticket_create(struct config *cfg, struct screen_log *log, struct printer *printer,
                        struct kiosk_ticket **out, struct sq_error *err);
void kiosk_ticket_destroy(struct kiosk_ticket *k);
void kiosk_ticket_handlers(struct kiosk_ticket *k, struct ui_handlers *out);
int64_t kiosk_ticket_last_latency_us(const struct kiosk_ticket *k);
/* Whether the home screen offers the booking check-in (its layout depends on it). */
bool kiosk_ticket_offers_booking(const struct kiosk_ticket *k);

#endif
