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

/* The index of key's entry, WEB_RATELIMIT_KEYS when it has none. */
static size_t
find(const struct web_ratelimit *rl, const char *key)
{
	size_t i = 0;

	while (i < WEB_RATELIMIT_KEYS &&
	       !(rl->entries[i].key[0] && strcmp(rl->entries[i].key, key) == 0))
		i++;
	return i;
}

/*
 * key's entry; else the one nearest its full burst (a free slot first, then
 * the earliest tat: a bucket already full again loses nothing), made key's.
 */
static struct web_ratelimit_entry *
entry_of(struct web_ratelimit *rl, const char *key, int64_t now_ms)
{
	size_t found = find(rl, key);
	struct web_ratelimit_entry *pick = &rl->entries[0];

	if (found < WEB_RATELIMIT_KEYS)
		return &rl->entries[found];
	for (size_t i = 1; i < WEB_RATELIMIT_KEYS && pick->key[0]; i++) {
		const struct web_ratelimit_entry *e = &rl->entries[i];
		if (!e->key[0] || e->tat_ms < pick->tat_ms)
			pick = &rl->entries[i];
	}
	snprintf(pick->key, sizeof(pick->key), "%s", key);
	pick->tat_ms = now_ms;
	return pick;
}

/* How far past its limit a bucket at tat is at now_ms: > 0 when empty. */
static int64_t
over_ms(const struct web_ratelimit *rl, int64_t tat, int64_t now_ms)
{
	/* Allowed while the bucket holds one: tat no further ahead than burst - 1 intervals. */
	if (tat < now_ms)
		tat = now_ms;
	return tat - now_ms - (int64_t)(rl->burst - 1) * (3600000LL / rl->per_hour);
}

/* Whole seconds of over (> 0), at least 1. */
static int
seconds(int64_t over)
{
	return (int)((over + 999) / 1000);
}

bool
web_ratelimit_take(struct web_ratelimit *rl, const char *key, int64_t now_ms, int *retry_s)
{
	struct web_ratelimit_entry *e = entry_of(rl, key, now_ms);
	int64_t over = over_ms(rl, e->tat_ms, now_ms);

	if (retry_s)
		*retry_s = over > 0 ? seconds(over) : 0;
	if (over > 0)
		return false;
	e->tat_ms = (e->tat_ms > now_ms ? e->tat_ms : now_ms) + 3600000LL / rl->per_hour;
	return true;
}

int
web_ratelimit_wait(const struct web_ratelimit *rl, const char *key, int64_t now_ms)
{
	size_t i = find(rl, key);
	int64_t over = i < WEB_RATELIMIT_KEYS ? over_ms(rl, rl->entries[i].tat_ms, now_ms) : 0;

	return over > 0 ? seconds(over) : 0;
}
