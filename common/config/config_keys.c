/*
 * config_keys.c - the keys of the office's own sections: [office],
 * [service X], [priority ID], [counter N] and [officer ID]. The loader
 * (config.c) finds a key's row and calls its setter.
 */
#include "config_ini.h"
#include "config_private.h"
#include "config_value.h"

#include "booking.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "Thai | English" into a bilingual pair. */
static int
set_pair(struct parse_ctx *ctx, const char *key, const char *value, struct bilingual *out)
{
	char buf[1024];
	char *bar;

	if (strlen(value) >= sizeof(buf))
		return parse_fail(ctx, key, "value longer than %zu bytes", sizeof(buf) - 1);
	strcpy(buf, value);
	bar = strchr(buf, '|');
	if (!bar)
		return parse_fail(ctx, key, "'%s' needs the form 'Thai | English'", value);
	*bar = '\0';
	char *th = config_ini_strip(buf), *en = config_ini_strip(bar + 1);
	if (!*th || !*en)
		return parse_fail(ctx, key, "'%s' needs both a Thai and an English text", value);
	if (set_string(ctx, &out->th, th) || set_string(ctx, &out->en, en))
		return -1;
	return 0;
}

/* ---- [office] ------------------------------------------------------ */

static int
office_string(struct parse_ctx *ctx, const char *key, const char *value)
{
	struct config *cfg = ctx->cfg;
	static const struct {
		const char *key;
		size_t offset;
	} fields[] = {
	    {"name_th", offsetof(struct config, office_name.th)},
	    {"name_en", offsetof(struct config, office_name.en)},
	    {"phone", offsetof(struct config, phone)},
	    {"channels_th", offsetof(struct config, channels.th)},
	    {"channels_en", offsetof(struct config, channels.en)},
	    {"timezone", offsetof(struct config, timezone)},
	    {"database", offsetof(struct config, database)},
	    {"ticket_url", offsetof(struct config, ticket_url)},
	};

	if (!*value)
		return parse_fail(ctx, key, "empty value");
	if (strcmp(key, "timezone") == 0)
		ctx->timezone_line = ctx->line;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i].key, key) == 0)
			return set_string(ctx, (char **)((char *)cfg + fields[i].offset), value);
	return parse_fail(ctx, key, "internal: no field");
}

/*
 * A whole-number key of [office] or [service X]: the int at offset in the
 * section's struct, its range, and what the refusal calls it.
 */
struct int_key {
	const char *key;
	size_t offset;
	long lo, hi;
	long least_nonzero; /* a value from 1 below this is refused too; 0: none */
	const char *what;   /* "'V' is not WHAT" */
};

/* Read value into the field of base that the row of key in keys (NULL-key ended) names. */
static int
set_int_key(struct parse_ctx *ctx, const struct int_key *keys, void *base, const char *key,
            const char *value)
{
	long v;

	for (const struct int_key *k = keys; k->key; k++) {
		if (strcmp(k->key, key) != 0)
			continue;
		if (!config_value_long(value, k->lo, k->hi, &v) || (v > 0 && v < k->least_nonzero))
			return parse_fail(ctx, key, "'%s' is not %s", value, k->what);
		*(int *)((char *)base + k->offset) = (int)v;
		return 0;
	}
	return parse_fail(ctx, key, "internal: no field");
}

static const struct int_key office_ints[] = {
    {"priority_cap", offsetof(struct config, priority_cap), 1, 20, 0,
     "a number of calls from 1 to 20"},
    {"park_return_minutes", offsetof(struct config, park_return_minutes), 1, 240, 0,
     "a number of minutes from 1 to 240"},
    {"noshow_grace_minutes", offsetof(struct config, noshow_grace_minutes), 0, 480, 0,
     "a number of minutes from 0 to 480"},
    {"booking_cap", offsetof(struct config, booking_cap), 1, 20, 0,
     "a number of calls from 1 to 20"},
    {NULL, 0, 0, 0, 0, NULL},
};

static int
office_int(struct parse_ctx *ctx, const char *key, const char *value)
{
	return set_int_key(ctx, office_ints, ctx->cfg, key, value);
}

static int
office_collection(struct parse_ctx *ctx, const char *key, const char *value)
{
	if (strcmp(value, "office") == 0)
		ctx->cfg->third_party_survey = false;
	else if (strcmp(value, "third-party") == 0)
		ctx->cfg->third_party_survey = true;
	else
		return parse_fail(ctx, key, "'%s' is not 'office' or 'third-party'", value);
	return 0;
}

static int
office_rule(struct parse_ctx *ctx, const char *key, const char *value)
{
	if (strcmp(value, "mean") == 0)
		ctx->cfg->satisfaction_rule = SATISFACTION_MEAN;
	else if (strcmp(value, "top-two") == 0)
		ctx->cfg->satisfaction_rule = SATISFACTION_TOP_TWO;
	else
		return parse_fail(ctx, key, "'%s' is not 'mean' or 'top-two'", value);
	return 0;
}

static const struct key_spec office_keys[] = {
    {.key = "name_th", .set = office_string},
    {.key = "name_en", .set = office_string},
    {.key = "phone", .set = office_string},
    {.key = "channels_th", .set = office_string},
    {.key = "channels_en", .set = office_string},
    {.key = "timezone", .set = office_string},
    {.key = "database", .set = office_string},
    {.key = "ticket_url", .set = office_string},
    {.key = "priority_cap", .set = office_int},
    {.key = "park_return_minutes", .set = office_int},
    {.key = "noshow_grace_minutes", .set = office_int},
    {.key = "booking_cap", .set = office_int},
    {.key = "rating_collection", .set = office_collection},
    {.key = "satisfaction_rule", .set = office_rule},
    {.key = NULL},
};

/* ---- [service X] --------------------------------------------------- */

static int
service_name(struct parse_ctx *ctx, const char *key, const char *value)
{
	struct config_service *svc = ctx->current;

	if (!*value)
		return parse_fail(ctx, key, "empty value");
	return set_string(ctx, key[5] == 't' ? &svc->name.th : &svc->name.en, value);
}

static int
service_kind(struct parse_ctx *ctx, const char *key, const char *value)
{
	static const char *const kinds[] = {
	    [SERVICE_KIND_MISSION] = "mission",
	    [SERVICE_KIND_INFORMATION] = "information",
	    [SERVICE_KIND_COMPLAINT] = "complaint",
	};
	struct config_service *svc = ctx->current;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(value, kinds[i]) == 0) {
			svc->kind = (enum service_kind)i;
			return 0;
		}
	}
	return parse_fail(ctx, key, "'%s' is not 'mission', 'information' or 'complaint'", value);
}

static const struct int_key service_ints[] = {
    {"target_minutes", offsetof(struct config_service, target_minutes), 1, 480, 0,
     "a number of minutes from 1 to 480"},
    /* A slot shorter than BOOKING_MIN_SLOT_MINUTES is no appointment (and too many slots). */
    {"booking_slot_minutes", offsetof(struct config_service, booking.slot_minutes), 0, 240,
     BOOKING_MIN_SLOT_MINUTES, "0 (no booking) or a number of minutes from 5 to 240"},
    {"booking_per_slot", offsetof(struct config_service, booking.per_slot), 1, 100, 0,
     "a number of bookings from 1 to 100"},
    {"booking_days_ahead", offsetof(struct config_service, booking.days_ahead), 1, 90, 0,
     "a number of days from 1 to 90"},
    {"booking_checkin_early_minutes",
     offsetof(struct config_service, booking.checkin_early_minutes), 0, 240, 0,
     "a number of minutes from 0 to 240"},
    {"booking_checkin_late_minutes", offsetof(struct config_service, booking.checkin_late_minutes),
     0, 240, 0, "a number of minutes from 0 to 240"},
    {NULL, 0, 0, 0, 0, NULL},
};

static int
service_int(struct parse_ctx *ctx, const char *key, const char *value)
{
	return set_int_key(ctx, service_ints, ctx->current, key, value);
}

static int
parse_weekday(const char *s, size_t len)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

	for (int i = 0; i < 7; i++)
		if (len == 3 && strncmp(s, days[i], 3) == 0)
			return i;
	return -1;
}

/* "mon-fri", "sat", "tue+thu", "daily" into a weekday mask; 0 if invalid. */
static uint8_t
parse_days(const char *s)
{
	uint8_t mask = 0;

	if (strcmp(s, "daily") == 0)
		return 0x7f;
	while (*s) {
		const char *plus = strchr(s, '+');
		size_t len = plus ? (size_t)(plus - s) : strlen(s);
		const char *dash = memchr(s, '-', len);
		int from, to;
		if (dash) {
			from = parse_weekday(s, (size_t)(dash - s));
			to = parse_weekday(dash + 1, len - (size_t)(dash - s) - 1);
		} else {
			from = to = parse_weekday(s, len);
		}
		if (from < 0 || to < 0 || to < from)
			return 0;
		for (int d = from; d <= to; d++)
			mask |= (uint8_t)(1u << d);
		s += len;
		if (*s == '+')
			s++;
	}
	return mask;
}

static int
service_hours(struct parse_ctx *ctx, const char *key, const char *value)
{
	struct config_service *svc = ctx->current;
	bool extended = strcmp(key, "extended_hours") == 0;
	char buf[512];
	char *save = NULL;

	if (strlen(value) >= sizeof(buf))
		return parse_fail(ctx, key, "value too long");
	strcpy(buf, value);
	for (char *item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char days[32], from[8], to[8];
		char *t = config_ini_strip(item);
		if (sscanf(t, "%31s %5[0-9:]-%5[0-9:]", days, from, to) != 3)
			return parse_fail(
			    ctx, key, "'%s' is not 'DAYS HH:MM-HH:MM' (e.g. 'mon-fri 08:30-16:30')",
			    t);
		struct hours_window w = {
		    .weekdays = parse_days(days),
		    .open_minute = config_value_clock(from),
		    .close_minute = config_value_clock(to),
		    .extended = extended,
		};
		if (!w.weekdays)
			return parse_fail(ctx, key,
			                  "'%s' is not a day list (mon..sun, ranges 'mon-fri', "
			                  "'tue+thu', or 'daily')",
			                  days);
		if (w.open_minute < 0 || w.close_minute < 0 || w.open_minute >= w.close_minute)
			return parse_fail(ctx, key, "'%s-%s' is not a time range within one day",
			                  from, to);
		if (svc->n_hours >= CONFIG_MAX_WINDOWS)
			return parse_fail(ctx, key, "more than %d opening windows",
			                  CONFIG_MAX_WINDOWS);
		svc->hours[svc->n_hours++] = w;
	}
	return 0;
}

static int
service_item(struct parse_ctx *ctx, const char *key, const char *value)
{
	struct config_service *svc = ctx->current;
	struct bilingual *list;
	size_t *n;

	if (strcmp(key, "document") == 0) {
		list = svc->documents;
		n = &svc->n_documents;
	} else if (strcmp(key, "form") == 0) {
		list = svc->forms;
		n = &svc->n_forms;
	} else {
		list = svc->steps;
		n = &svc->n_steps;
	}
	if (*n >= CONFIG_MAX_ITEMS)
		return parse_fail(ctx, key, "more than %d of them", CONFIG_MAX_ITEMS);
	if (set_pair(ctx, key, value, &list[*n]))
		return -1;
	(*n)++;
	return 0;
}

static const struct key_spec service_keys[] = {
    {.key = "name_th", .set = service_name},
    {.key = "name_en", .set = service_name},
    {.key = "kind", .set = service_kind},
    {.key = "target_minutes", .set = service_int},
    {.key = "hours", .set = service_hours},
    {.key = "extended_hours", .set = service_hours},
    {.key = "booking_slot_minutes", .set = service_int},
    {.key = "booking_per_slot", .set = service_int},
    {.key = "booking_days_ahead", .set = service_int},
    {.key = "booking_checkin_early_minutes", .set = service_int},
    {.key = "booking_checkin_late_minutes", .set = service_int},
    {.key = "document", .repeatable = true, .set = service_item},
    {.key = "form", .repeatable = true, .set = service_item},
    {.key = "step", .repeatable = true, .set = service_item},
    {.key = NULL},
};

/* ---- [priority ID] and [officer ID] -------------------------------- */

static int
priority_name(struct parse_ctx *ctx, const char *key, const char *value)
{
	struct config_priority *p = ctx->current;

	if (!*value)
		return parse_fail(ctx, key, "empty value");
	return set_string(ctx, key[5] == 't' ? &p->name.th : &p->name.en, value);
}

static const struct key_spec priority_keys[] = {
    {.key = "name_th", .set = priority_name},
    {.key = "name_en", .set = priority_name},
    {.key = NULL},
};

static int
officer_string(struct parse_ctx *ctx, const char *key, const char *value)
{
	struct config_officer *o = ctx->current;

	if (!*value)
		return parse_fail(ctx, key, "empty value");
	if (strcmp(key, "phone") == 0)
		return set_string(ctx, &o->phone, value);
	if (strcmp(key, "password") == 0) {
		if (!config_value_crypt_hash(value))
			return parse_fail(ctx, key,
			                  "not a password hash (make one with "
			                  "'saduak-web hash-password')");
		return set_string(ctx, &o->password, value);
	}
	return set_string(ctx, key[5] == 't' ? &o->name.th : &o->name.en, value);
}

static const struct key_spec officer_keys[] = {
    {.key = "name_th", .set = officer_string},
    {.key = "name_en", .set = officer_string},
    {.key = "phone", .set = officer_string},
    {.key = "password", .set = officer_string},
    {.key = NULL},
};

/* ---- [counter N] --------------------------------------------------- */

static size_t
counter_slot(struct parse_ctx *ctx)
{
	return (size_t)((struct config_counter *)ctx->current - ctx->cfg->counters);
}

static int
counter_string(struct parse_ctx *ctx, const char *key, const char *value)
{
	struct config_counter *c = ctx->current;
	size_t slot = counter_slot(ctx);

	if (!*value)
		return parse_fail(ctx, key, "empty value");
	if (strcmp(key, "location_th") == 0)
		return set_string(ctx, &c->location.th, value);
	if (strcmp(key, "location_en") == 0)
		return set_string(ctx, &c->location.en, value);
	if (strcmp(key, "display") == 0) {
		ctx->counter_display_line[slot] = ctx->line;
		return set_string(ctx, &c->display, value);
	}
	/* services: resolved once every [service] is known */
	ctx->counter_services_line[slot] = ctx->line;
	return set_string(ctx, &ctx->counter_services_text[slot], value);
}

static int
counter_flag(struct parse_ctx *ctx, const char *key, const char *value)
{
	struct config_counter *c = ctx->current;
	bool v;

	if (!config_value_bool(value, &v))
		return parse_fail(ctx, key, "'%s' is not 'yes' or 'no'", value);
	if (strcmp(key, "reception") == 0)
		c->reception = v;
	else
		c->rating_screen = v;
	return 0;
}

static int
counter_policy(struct parse_ctx *ctx, const char *key, const char *value)
{
	struct config_counter *c = ctx->current;

	if (strcmp(value, "oldest") == 0)
		c->policy = COUNTER_POLICY_OLDEST;
	else if (strcmp(value, "in-order") == 0)
		c->policy = COUNTER_POLICY_IN_ORDER;
	else
		return parse_fail(ctx, key, "'%s' is not 'oldest' or 'in-order'", value);
	return 0;
}

static const struct key_spec counter_keys[] = {
    {.key = "location_th", .set = counter_string}, {.key = "location_en", .set = counter_string},
    {.key = "services", .set = counter_string},    {.key = "display", .set = counter_string},
    {.key = "policy", .set = counter_policy},      {.key = "reception", .set = counter_flag},
    {.key = "rating_screen", .set = counter_flag}, {.key = NULL},
};

const struct key_spec *
config_core_keys(enum section_type type)
{
	switch (type) {
	case SECTION_OFFICE:
		return office_keys;
	case SECTION_SERVICE:
		return service_keys;
	case SECTION_PRIORITY:
		return priority_keys;
	case SECTION_COUNTER:
		return counter_keys;
	case SECTION_OFFICER:
		return officer_keys;
	case SECTION_NONE:
	case SECTION_RAW:
		break;
	}
	return NULL;
}
