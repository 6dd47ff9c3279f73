/*
 * web_auth.h - the supervisors who may log in to saduak-web: one
 * [web-user NAME] section each, whose password key holds a crypt(3) hash
 * (yescrypt, made by `saduak-web hash-password`). Passwords are never
 * stored or logged.
 *
 * Thread-safe: crypt_rn() with a buffer of its own per call.
 */
#ifndef SADUAK_WEB_AUTH_H
#define SADUAK_WEB_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "error.h"

/*
 * True when user is a [web-user] of cfg and password matches its hash. An
 * unknown user costs the same hashing time as a known one.
 */
bool web_auth_check(const struct config *cfg, const char *user, const char *password);

/*
 * A new yescrypt hash of password with a random salt into out (n bytes).
 * SQ_ERR_IO when libcrypt cannot make one (err says why).
 */
int web_auth_hash(const char *password, char *out, size_t n, struct sq_error *err);

#endif
