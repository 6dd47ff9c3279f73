/*
 * web_auth.h - who may log in to saduak-web: the supervisors, one
 * [web-user NAME] section each, and the officers whose [officer ID] section
 * has a password (the browser counter page). Each password key holds a
 * crypt(3) hash (yescrypt, made by `saduak-web hash-password`). Passwords
 * are never stored or logged.
 *
 * Thread-safe: crypt_rn() with a buffer of its own per call.
 */
#ifndef SADUAK_WEB_AUTH_H
#define SADUAK_WEB_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "error.h"

/* Who logs in: a role opens its own pages only. */
enum web_role {
	WEB_ROLE_SUPERVISOR, /* [web-user NAME]: /office, /reports */
	WEB_ROLE_OFFICER,    /* [officer ID] with a password: /counter */
};

/*
 * True when user is a [web-user] (supervisor) or an [officer] with a
 * password (officer) of cfg and password matches its hash. An unknown user
 * costs the same hashing time as a known one.
 */
bool web_auth_check(const struct config *cfg, enum web_role role, const char *user,
                    const char *password);

/*
 * A new yescrypt hash of password with a random salt into out (n bytes).
 * SQ_ERR_IO when libcrypt cannot make one (err says why).
 */
int web_auth_hash(const char *password, char *out, size_t n, struct sq_error *err);

#endif
