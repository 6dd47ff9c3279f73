#include "clock.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

/* Parse an offset in seconds within the range; false if it is not one. */
static bool
parse_offset(const char *text, int64_t *out_ms)
{
	char *end;

	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (end == text || *end || errno || v < -CLOCK_OFFSET_MAX_S || v > CLOCK_OFFSET_MAX_S)
		return false;
	*out_ms = (int64_t)v * 1000;
	return true;
}

int
clock_offset_check(struct sq_error *err)
{
	const char *s = getenv("SADUAK_CLOCK_OFFSET");
	int64_t ms;

	if (!s || !*s || parse_offset(s, &ms))
		return SQ_OK;
	return sq_error_set(err, SQ_ERR_INVALID,
	                    "SADUAK_CLOCK_OFFSET '%s' is not a whole number of seconds from %lld "
	                    "to %lld (ten years)",
	                    s, -CLOCK_OFFSET_MAX_S, CLOCK_OFFSET_MAX_S);
}

/* Offset from SADUAK_CLOCK_OFFSET, read once; 0 when unset or refused. */
static int64_t
clock_offset_ms(void)
{
	static int read_once;
	static int64_t offset;

	if (!read_once) {
		const char *s = getenv("SADUAK_CLOCK_OFFSET");
		if (s && *s && !parse_offset(s, &offset))
			offset = 0;
		read_once = 1;
	}
	return offset;
}

static int64_t
clock_read(clockid_t id, int64_t divisor_ns)
{
	struct timespec ts;

	/* clock_gettime cannot fail for these clock ids on Linux. */
	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * (1000000000 / divisor_ns) + ts.tv_nsec / divisor_ns;
}

int64_t
clock_now_ms(void)
{
	return clock_read(CLOCK_REALTIME, 1000000) + clock_offset_ms();
}

int64_t
clock_monotonic_ms(void)
{
	return clock_read(CLOCK_MONOTONIC, 1000000);
}

int64_t
clock_monotonic_us(void)
{
	return clock_read(CLOCK_MONOTONIC, 1000);
}

void
clock_sleep_ms(int64_t ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}
