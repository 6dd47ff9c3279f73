#include "web_auth.h"

#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Hashed when the user is unknown, so that the answer takes as long (of a random password). */
static const char dummy_hash[] =
    "$y$j9T$QMK52Y3dZqL8tMXKaKoXH0$Ak1AIX9.WmV9lT7dy8TMyf/dr6ftah9kO7ff/cN2kb3";

/* Compare n bytes without stopping at the first difference. */
static bool
same_bytes(const char *a, const char *b, size_t n)
{
	unsigned char diff = 0;

	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/* The hash of user's password in role, or NULL. */
static const char *
stored_hash(const struct config *cfg, enum web_role role, const char *user)
{
	const struct config_section *sec;

	if (role == WEB_ROLE_OFFICER) {
		const struct config_officer *o = config_officer_find(cfg, user);
		return o ? o->password : NULL;
	}
	sec = config_section_find(cfg, "web-user", user);
	return sec ? config_section_get(sec, "password") : NULL;
}

bool
web_auth_check(const struct config *cfg, enum web_role role, const char *user, const char *password)
{
	const char *hash = stored_hash(cfg, role, user);
	struct crypt_data *data = calloc(1, sizeof(*data));
	bool ok = false;

	if (!data)
		return false;
	const char *got = crypt_rn(password, hash ? hash : dummy_hash, data, sizeof(*data));
	if (hash && got && got[0] != '*' && strlen(got) == strlen(hash))
		ok = same_bytes(got, hash, strlen(hash));
	free(data);
	return ok;
}

int
web_auth_hash(const char *password, char *out, size_t n, struct sq_error *err)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *data = calloc(1, sizeof(*data));
	int rc = SQ_OK;

	if (!data)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory hashing a password");
	if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof(salt))) {
		rc = sq_error_set(err, SQ_ERR_IO, "unable to make a yescrypt salt: %s",
		                  strerror(errno));
	} else {
		const char *hash = crypt_rn(password, salt, data, sizeof(*data));
		if (!hash || hash[0] == '*')
			rc = sq_error_set(err, SQ_ERR_IO, "unable to hash the password: %s",
			                  strerror(errno));
		else if ((size_t)snprintf(out, n, "%s", hash) >= n)
			rc = sq_error_set(err, SQ_ERR_INVALID, "hash buffer too short");
	}
	explicit_bzero(data, sizeof(*data));
	free(data);
	return rc;
}
