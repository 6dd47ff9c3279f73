/*
 * web_config.c - the [web] and [web-user NAME] sections, one table row per key.
 */
#include "web_config.h"

#include <arpa/inet.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "config_table.h"
#include "config_value.h"

/* listen: a dotted IPv4 address. */
static int
parse_listen(void *obj, const char *value, const struct config *cfg, char *why, size_t n)
{
	struct web_config *wc = obj;
	struct in_addr addr;

	(void)cfg;
	if (strlen(value) >= sizeof(wc->listen) || inet_pton(AF_INET, value, &addr) != 1) {
		snprintf(why, n, "'%s' is not an IPv4 address", value);
		return SQ_ERR_INVALID;
	}
	snprintf(wc->listen, sizeof(wc->listen), "%s", value);
	return SQ_OK;
}

#define WEB_FIELD(m) CONFIG_FIELD(struct web_config, m)

static const struct config_option web_options[] = {
    {.name = "listen",
     .type = CONFIG_CUSTOM,
     .parse = parse_listen,
     .def = "127.0.0.1",
     .help = "the IPv4 address to listen on (0.0.0.0: every interface)"},
    {.name = "port",
     .type = CONFIG_INT,
     WEB_FIELD(port),
     .min = 1,
     .max = 65535,
     .what = "a number",
     .def = "8080",
     .help = "the TCP port of the pages and the API"},
    {.name = "max_connections",
     .type = CONFIG_INT,
     WEB_FIELD(max_connections),
     .min = 1,
     .max = 10000,
     .what = "a number",
     .def = "1000",
     .help = "open connections at once"},
    {.name = "per_ip_connections",
     .type = CONFIG_INT,
     WEB_FIELD(per_ip_connections),
     .min = 1,
     .max = 10000,
     .what = "a number",
     .def = "64",
     .help = "open connections from one address"},
    {.name = "timeout_seconds",
     .type = CONFIG_INT,
     WEB_FIELD(timeout_seconds),
     .min = 1,
     .max = 600,
     .what = "a number of seconds",
     .def = "30",
     .unit = "seconds",
     .help = "an idle connection is closed after this"},
    {.name = "wait_target_minutes",
     .type = CONFIG_INT,
     WEB_FIELD(wait_target_minutes),
     .min = 1,
     .max = 480,
     .what = "a number of minutes",
     .def = "15",
     .unit = "minutes",
     .help = "the dashboard warns when a wait passes this"},
    {.name = "counter_idle_seconds",
     .type = CONFIG_INT,
     WEB_FIELD(counter_idle_seconds),
     .min = 5,
     .max = 86400,
     .what = "a number of seconds",
     .def = "900",
     .unit = "seconds",
     .help = "a browser counter page silent this long logs its officer out"},
    {.name = "booking_per_hour",
     .type = CONFIG_INT,
     WEB_FIELD(booking_per_hour),
     .min = 1,
     .max = 100000,
     .what = "a number",
     .def = "10",
     .help = "booking POSTs (make, cancel) one client address may send an hour"},
    {.name = "booking_burst",
     .type = CONFIG_INT,
     WEB_FIELD(booking_burst),
     .min = 1,
     .max = 100000,
     .what = "a number",
     .def = "5",
     .help = "booking POSTs one client address may send at once"},
    {.name = "id_key_file",
     .type = CONFIG_TEXT,
     WEB_FIELD(id_key_file),
     .help = "the secret key of the Thai ID number's hash; none: /book asks no ID number"},
};

const struct config_table web_config_table = CONFIG_TABLE("web", web_options);

/* password: a crypt(3) hash "$id$salt$hash"; a plain password has no place here. */
static int
parse_password(void *obj, const char *value, const struct config *cfg, char *why, size_t n)
{
	(void)obj;
	(void)cfg;
	if (!config_value_crypt_hash(value)) {
		snprintf(why, n, "not a password hash (make one with 'saduak-web hash-password')");
		return SQ_ERR_INVALID;
	}
	return SQ_OK;
}

static const struct config_option web_user_options[] = {
    {.name = "password",
     .type = CONFIG_CUSTOM,
     .parse = parse_password,
     .help = "the supervisor's crypt(3) hash, from saduak-web hash-password"},
};

const struct config_table web_user_config_table = CONFIG_TABLE("web-user", web_user_options);

/* Parse sec (may be NULL) into out. */
static int
parse_section(const struct config *cfg, const struct config_section *sec, struct web_config *out,
              struct sq_error *err)
{
	*out = (struct web_config){
	    .listen = "127.0.0.1",
	    .port = 8080,
	    .max_connections = 1000,
	    .per_ip_connections = 64,
	    .timeout_seconds = 30,
	    .wait_target_minutes = 15,
	    .counter_idle_seconds = 900,
	    .booking_per_hour = 10,
	    .booking_burst = 5,
	};
	return config_table_apply(&web_config_table, sec, out, 0, NULL, cfg, err);
}

int
web_config_parse(const struct config *cfg, struct web_config *out, struct sq_error *err)
{
	return parse_section(cfg, config_section_find(cfg, "web", NULL), out, err);
}

int
web_config_check(const struct config *cfg, const struct config_section *sec, struct sq_error *err)
{
	struct web_config tmp;

	if (sec->name[0])
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "%s:%d: [web] takes no name (a supervisor is [web-user NAME])",
		                    sec->path, sec->line);
	return parse_section(cfg, sec, &tmp, err);
}

int
web_config_user_check(const struct config *cfg, const struct config_section *sec,
                      struct sq_error *err)
{
	char none;

	return config_table_apply(&web_user_config_table, sec, &none, 0, NULL, cfg, err);
}
