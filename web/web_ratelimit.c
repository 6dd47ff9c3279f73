/*
 * web_ratelimit.c - a token bucket per client address. See web_ratelimit.h.
 */
#include "web_ratelimit.h"

#include <stdio.h>
#include <string.h>

void
web_ratelimit_init(struct web_ratelimit *rl, int per_hour, int burst)
{
	memset(rl, 0, sizeof(*rl));
	rl->per_hour = per_hour > 0 ? per_hour : 1;
	rl->burst = burst > 0 ? burst : 1;
}

/*
 * key's entry; else the one nearest its full burst (a free slot first, then
 * the earliest tat: a bucket already full again loses nothing), made key's.
 */
static struct web_ratelimit_entry *
entry_of(struct web_ratelimit *rl, const char *key, int64_t now_ms)
{
	struct web_ratelimit_entry *pick = &rl->entries[0];

	for (size_t i = 0; i < WEB_RATELIMIT_KEYS; i++) {
		struct web_ratelimit_entry *e = &rl->entries[i];
		if (e->key[0] && strcmp(e->key, key) == 0)
			return e;
		if (pick->key[0] && (!e->key[0] || e->tat_ms < pick->tat_ms))
			pick = e;
	}
	snprintf(pick->key, sizeof(pick->key), "%s", key);
	pick->tat_ms = now_ms;
	return pick;
}

bool
web_ratelimit_take(struct web_ratelimit *rl, const char *key, int64_t now_ms, int *retry_s)
{
	struct web_ratelimit_entry *e = entry_of(rl, key, now_ms);
	int64_t interval = 3600000LL / rl->per_hour;
	int64_t tat = e->tat_ms > now_ms ? e->tat_ms : now_ms;
	/* Allowed while the bucket holds one: tat no further ahead than burst - 1 intervals. */
	int64_t over = tat - now_ms - (int64_t)(rl->burst - 1) * interval;

	if (over > 0) {
		if (retry_s)
			*retry_s = (int)((over + 999) / 1000);
		return false;
	}
	e->tat_ms = tat + interval;
	if (retry_s)
		*retry_s = 0;
	return true;
}
