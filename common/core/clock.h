/*
 * clock.h - the one source of time.
 *
 * Every timestamp in Saduak Queue is UTC milliseconds since the epoch and
 * comes from clock_now_ms(). The store reads it inside each write
 * transaction, through a clock tests and the simulator replace
 * (store_set_clock) to run days of traffic with times of their own; the
 * demo shifts the clock with the environment variable SADUAK_CLOCK_OFFSET
 * (seconds, may be negative) so that an office closed at night can still be
 * tried out; faketime(1) also works on the binaries. Not thread-safe to
 * change; read from any thread.
 */
#ifndef SADUAK_CLOCK_H
#define SADUAK_CLOCK_H

#include <stdint.h>

#include "error.h"

/* SADUAK_CLOCK_OFFSET's range in seconds, either way: far beyond any demo. */
#define CLOCK_OFFSET_MAX_S (3650LL * 86400)

/*
 * Check SADUAK_CLOCK_OFFSET: SQ_OK when unset or a whole number of seconds
 * within CLOCK_OFFSET_MAX_S; SQ_ERR_INVALID with one line otherwise (the
 * clock then ignores it). Every program calls it at start.
 */
int clock_offset_check(struct sq_error *err);

/* Now, in UTC milliseconds. */
int64_t clock_now_ms(void);

/* Milliseconds of a monotonic clock, for measuring intervals and timeouts. */
int64_t clock_monotonic_ms(void);

/* Microseconds of a monotonic clock, for benchmarks. */
int64_t clock_monotonic_us(void);

/* Sleep for ms milliseconds (restarts after signals). */
void clock_sleep_ms(int64_t ms);

#endif
