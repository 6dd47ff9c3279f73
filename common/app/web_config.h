/*
 * web_config.h - the [web] section: where saduak-web listens and how much
 * it lets clients take.
 *
 *   [web]
 *   listen = 127.0.0.1        ; IPv4 address to bind (0.0.0.0: every interface)
 *   port = 8080               ; 1..65535
 *   max_connections = 1000    ; open connections at once, 1..10000
 *   per_ip_connections = 64   ; open connections from one address, 1..10000
 *   timeout_seconds = 30      ; an idle connection is closed after this, 1..600
 *   wait_target_minutes = 15  ; the dashboard warns past this wait, 1..480
 *   counter_idle_seconds = 900 ; a browser counter page silent this long is
 *                             ; logged out (its counter closed), 5..86400
 *   booking_per_hour = 10     ; booking POSTs (make, cancel) per client address
 *                             ; an hour, after a burst of ..., 1..100000
 *   booking_burst = 5         ; ... this many at once, 1..100000
 *   id_key_file = /etc/saduak/id-hash.key ; the key of the Thai ID number's
 *                             ; hash (config_secret.h); none: /book asks no ID
 *
 *   [web-user NAME]           ; a supervisor who may open /office
 *   password = $y$...         ; crypt(3) hash from `saduak-web hash-password`
 *
 * Every key is optional. Unknown keys and bad values are refused with
 * "FILE:LINE: [web] key 'K': what". Pure apart from allocation; one thread.
 */
#ifndef SADUAK_WEB_CONFIG_H
#define SADUAK_WEB_CONFIG_H

#include "config.h"
#include "config_table.h"
#include "error.h"

struct web_config {
	char listen[64]; /* dotted IPv4 address */
	int port;
	int max_connections;
	int per_ip_connections;
	int timeout_seconds;
	int wait_target_minutes;
	int counter_idle_seconds; /* a silent counter page closes its counter after this */
	int booking_per_hour;     /* booking POSTs an address may send an hour (web_ratelimit.h) */
	int booking_burst;        /* ... and at once */
	char id_key_file[256];    /* as written (relative to the config's folder); "" for none */
};

/*
 * Read cfg's [web] section (defaults when there is none) into *out.
 * SQ_ERR_INVALID with err naming file, line and key.
 */
int web_config_parse(const struct config *cfg, struct web_config *out, struct sq_error *err);

/* The keys of [web] and of [web-user NAME], one row each (config_table.h). */
extern const struct config_table web_config_table;
extern const struct config_table web_user_config_table;

/* The checker config.c runs on a [web] section at load time. */
int web_config_check(const struct config *cfg, const struct config_section *sec,
                     struct sq_error *err);

/* The checker config.c runs on a [web-user NAME] section at load time. */
int web_config_user_check(const struct config *cfg, const struct config_section *sec,
                          struct sq_error *err);

#endif
