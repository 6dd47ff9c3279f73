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

/* Now, in UTC milliseconds. */
int64_t clock_now_ms(void);

/* Milliseconds of a monotonic clock, for measuring intervals and timeouts. */
int64_t clock_monotonic_ms(void);

/* Microseconds of a monotonic clock, for benchmarks. */
int64_t clock_monotonic_us(void);

/* Sleep for ms milliseconds (restarts after signals). */
void clock_sleep_ms(int64_t ms);

#endif
