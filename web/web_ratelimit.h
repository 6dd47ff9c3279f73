/*
 * web_ratelimit.h - how often one client address may do something (make or
 * cancel a booking): a token bucket per address, kept as the generic cell
 * rate algorithm's one time per key. An address may act `burst` times at
 * once, then once every hour / per_hour; an address silent long enough is
 * back to its full burst.
 *
 * The table remembers WEB_RATELIMIT_KEYS addresses; when it is full, the
 * address nearest its full burst is forgotten (it loses least). The key is
 * the real peer address, never a header a client writes (X-Forwarded-For).
 *
 * Pure: the caller gives the time (monotonic ms), so a test drives it with
 * a fake clock. No allocation; one thread.
 */
#ifndef SADUAK_WEB_RATELIMIT_H
#define SADUAK_WEB_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#define WEB_RATELIMIT_KEYS 1024

struct web_ratelimit_entry {
	char key[48];   /* an IPv4 or IPv6 address; "" for a free slot */
	int64_t tat_ms; /* theoretical arrival time: the bucket is full from then on */
};

struct web_ratelimit {
	int per_hour; /* refill: this many an hour, 1.. */
	int burst;    /* at once, 1.. */
	struct web_ratelimit_entry entries[WEB_RATELIMIT_KEYS];
};

/* Empty rl and set its rule. */
void web_ratelimit_init(struct web_ratelimit *rl, int per_hour, int burst);

/*
 * Take one from key's bucket at now_ms: true when allowed (counted), false
 * when refused, with *retry_s (may be NULL) the whole seconds until one
 * more would be allowed (at least 1). A refusal does not count.
 */
bool web_ratelimit_take(struct web_ratelimit *rl, const char *key, int64_t now_ms, int *retry_s);

/*
 * Whole seconds until key may take one at now_ms: 0 when it may now. Counts
 * nothing and remembers nothing.
 */
int web_ratelimit_wait(const struct web_ratelimit *rl, const char *key, int64_t now_ms);

#endif
