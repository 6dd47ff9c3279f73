/*
 * web_config.c - the [web] section, one table row per key.
 */
#include "web_config.h"

#include <arpa/inet.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "config_value.h"

/* A numeric key of [web]: where it goes and its range. */
struct web_int_key {
	const char *key;
	size_t offset; /* of the int in struct web_config */
	int min, max;
};

static const struct web_int_key web_int_keys[] = {
    {.key = "port", .offset = offsetof(struct web_config, port), .min = 1, .max = 65535},
    {.key = "max_connections",
     .offset = offsetof(struct web_config, max_connections),
     .min = 1,
     .max = 10000},
    {.key = "per_ip_connections",
     .offset = offsetof(struct web_config, per_ip_connections),
     .min = 1,
     .max = 10000},
    {.key = "timeout_seconds",
     .offset = offsetof(struct web_config, timeout_seconds),
     .min = 1,
     .max = 600},
    {.key = "wait_target_minutes",
     .offset = offsetof(struct web_config, wait_target_minutes),
     .min = 1,
     .max = 480},
};

/* Set one key of out from kv, or say why not in err. */
static int
parse_key(const struct config_section *sec, const struct config_kv *kv, struct web_config *out,
          struct sq_error *err)
{
	struct in_addr addr;

	if (strcmp(kv->key, "listen") == 0) {
		if (strlen(kv->value) >= sizeof(out->listen) ||
		    inet_pton(AF_INET, kv->value, &addr) != 1)
			return config_section_error(err, sec, kv, "'%s' is not an IPv4 address",
			                            kv->value);
		snprintf(out->listen, sizeof(out->listen), "%s", kv->value);
		return SQ_OK;
	}
	for (size_t i = 0; i < sizeof(web_int_keys) / sizeof(web_int_keys[0]); i++) {
		const struct web_int_key *k = &web_int_keys[i];
		if (strcmp(k->key, kv->key) != 0)
			continue;
		if (!config_value_int(kv->value, k->min, k->max,
		                      (int *)(void *)((char *)out + k->offset)))
			return config_section_error(err, sec, kv,
			                            "'%s' is not a number from %d to %d", kv->value,
			                            k->min, k->max);
		return SQ_OK;
	}
	return config_section_error(err, sec, kv, "unknown key");
}

/* Parse sec (may be NULL) into out. */
static int
parse_section(const struct config_section *sec, struct web_config *out, struct sq_error *err)
{
	*out = (struct web_config){
	    .listen = "127.0.0.1",
	    .port = 8080,
	    .max_connections = 1000,
	    .per_ip_connections = 64,
	    .timeout_seconds = 30,
	    .wait_target_minutes = 15,
	};
	for (size_t i = 0; sec && i < sec->n_kv; i++) {
		int rc = parse_key(sec, &sec->kv[i], out, err);
		if (rc)
			return rc;
	}
	return SQ_OK;
}

int
web_config_parse(const struct config *cfg, struct web_config *out, struct sq_error *err)
{
	return parse_section(config_section_find(cfg, "web", NULL), out, err);
}

int
web_config_check(const struct config *cfg, const struct config_section *sec, struct sq_error *err)
{
	struct web_config tmp;

	(void)cfg;
	if (sec->name[0])
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "%s:%d: [web] takes no name (a supervisor is [web-user NAME])",
		                    sec->path, sec->line);
	return parse_section(sec, &tmp, err);
}

int
web_config_user_check(const struct config *cfg, const struct config_section *sec,
                      struct sq_error *err)
{
	(void)cfg;
	/* A section reaches us with at least one key (the loader sees keys, not headers). */
	for (size_t i = 0; i < sec->n_kv; i++) {
		const struct config_kv *kv = &sec->kv[i];
		if (strcmp(kv->key, "password") != 0)
			return config_section_error(err, sec, kv, "unknown key");
		/* A crypt(3) hash: "$id$salt$hash"; a plain password has no place here. */
		if (kv->value[0] != '$' || strlen(kv->value) < 20 || strchr(kv->value, ' '))
			return config_section_error(err, sec, kv,
			                            "not a password hash (make one with "
			                            "'saduak-web hash-password')");
	}
	return SQ_OK;
}
