/*
 * counter_screen.h - what every counter screen (the native console, the
 * browser counter page) shows besides the actions of counter_actions.h:
 * the order in which the counter would call the waiting tickets, the
 * reasons an officer picks for a call out of turn, a break or back-office
 * work (the reason logged, and its Thai and English labels), and the kiosk
 * printer's latest fault in words.
 *
 * Pure; the tables are constant; any thread.
 */
#ifndef SADUAK_COUNTER_SCREEN_H
#define SADUAK_COUNTER_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "store.h"

/* A reason the officer picks: what is logged, and its two labels. */
struct counter_reason {
	const char *log;
	const char *th;
	const char *en;
};

#define COUNTER_CALL_REASONS        5
#define COUNTER_BREAK_REASONS       4
#define COUNTER_BACK_OFFICE_REASONS 4

extern const struct counter_reason counter_call_reasons[COUNTER_CALL_REASONS];
extern const struct counter_reason counter_break_reasons[COUNTER_BREAK_REASONS];
extern const struct counter_reason counter_back_office_reasons[COUNTER_BACK_OFFICE_REASONS];

/*
 * The order in which counter cc would call the tickets t[0..n) (as
 * store_counter_queue() gives them, oldest first), by the queue rules with
 * the counter's streaks: indexes into order (capacity n), *n_order
 * set. Parked tickets that have not yet rejoined at now_ms come last, oldest
 * first.
 */
void counter_call_order(const struct config *cfg, const struct config_counter *cc,
                        const struct store_ticket *t, size_t n, struct queue_streaks streaks,
                        int64_t now_ms, size_t *order, size_t *n_order);

/*
 * The kiosk printer's latest fault (reason as logged: "printer NAME: ticket
 * CODE not printed: DETAIL" or "printer paper-near-end") in words, with the
 * ticket not printed, into out (size n), in Thai or English. A reason of
 * another form is copied.
 */
void counter_printer_words(bool thai, const char *reason, char *out, size_t n);

#endif
