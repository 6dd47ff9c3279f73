/*
 * web_session.h - the supervisors' sessions: a random token in an HttpOnly,
 * SameSite=Strict cookie, kept in memory only (a restart logs everyone
 * out), with a fixed lifetime; and the throttle on failed logins.
 *
 * Pure apart from getrandom(); one thread (the server's).
 */
#ifndef SADUAK_WEB_SESSION_H
#define SADUAK_WEB_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "store_web.h"

#define WEB_SESSION_MAX     64              /* sessions at once; the oldest goes first */
#define WEB_SESSION_LIFE_MS (8 * 3600000LL) /* a working day */
#define WEB_LOGIN_TRIES     5               /* failures allowed per window ... */
#define WEB_LOGIN_WINDOW_MS (15 * 60000LL)  /* ... of this length, per name and per address */
#define WEB_THROTTLE_KEYS   256             /* names and addresses remembered */
#define WEB_SESSION_COOKIE  "saduak_session"

struct web_session {
	char token[STORE_WEB_TOKEN_LEN + 1]; /* "" for a free slot */
	char user[CONFIG_ID_LEN];
	int64_t expires_ms; /* monotonic */
};

/* Failed logins of one name or address. */
struct web_throttle_entry {
	char key[72]; /* "u:NAME" or "a:ADDRESS"; "" for a free slot */
	int failures;
	int64_t first_ms; /* monotonic time of the first failure in the window */
};

struct web_sessions {
	struct web_session sessions[WEB_SESSION_MAX];
	struct web_throttle_entry throttle[WEB_THROTTLE_KEYS];
};

/*
 * Open a session for user at mono_ms; its token into token (n >
 * STORE_WEB_TOKEN_LEN). SQ_ERR_IO when no random bytes could be drawn.
 */
int web_session_open(struct web_sessions *ss, const char *user, int64_t mono_ms, char *token,
                     size_t n, struct sq_error *err);

/* The user of the live session with token, or NULL. */
const char *web_session_user(const struct web_sessions *ss, const char *token, int64_t mono_ms);

/* End the session with token (logout). Unknown tokens are ignored. */
void web_session_close(struct web_sessions *ss, const char *token);

/*
 * Seconds until user may try again from address, 0 when a login may be
 * tried now (at most WEB_LOGIN_TRIES failures in the window for each).
 */
int web_login_wait_seconds(const struct web_sessions *ss, const char *user, const char *address,
                           int64_t mono_ms);

/* Count a failed login of user from address. */
void web_login_failed(struct web_sessions *ss, const char *user, const char *address,
                      int64_t mono_ms);

#endif
