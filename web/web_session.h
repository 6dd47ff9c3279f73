/*
 * web_session.h - the sessions of saduak-web: a random token in an HttpOnly,
 * SameSite=Strict cookie, kept in memory only (a restart logs everyone
 * out), with a fixed lifetime; and the throttle on failed logins.
 *
 * A session has a role (web_auth.h): a supervisor's opens /office, an
 * officer's opens one counter's page. An officer's session also holds its
 * counter, a CSRF token every POST of the page carries, the sequence
 * number of its last action (a held key or a form sent twice carries the
 * same number, and the second is refused), the time of its page's last
 * request (a silent page is logged out, web_counter.h) and the line saying
 * what the last action did.
 *
 * Pure apart from getrandom(); one thread (the server's).
 */
#ifndef SADUAK_WEB_SESSION_H
#define SADUAK_WEB_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "web_auth.h"
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
	enum web_role role;
	int64_t expires_ms; /* monotonic */
	/* Officers only (the counter page). */
	int counter;                        /* the counter opened */
	char csrf[STORE_WEB_TOKEN_LEN + 1]; /* every POST of the page carries it */
	long long seq;                      /* the last action taken; the page sends seq + 1 */
	int64_t active_ms;                  /* monotonic: the page's last request */
	/* What the last action did, "" for nothing: Thai / English words and the store's line. */
	char message[1024];
	bool message_bad; /* a refusal or a fault */
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
 * Open a session of role for user at mono_ms, with a CSRF token of its own;
 * the session (owned by ss, valid until closed or replaced) into *out.
 * SQ_ERR_IO when no random bytes could be drawn.
 */
int web_session_open(struct web_sessions *ss, enum web_role role, const char *user, int64_t mono_ms,
                     struct web_session **out, struct sq_error *err);

/* The live session of role with token, or NULL. */
struct web_session *web_session_find(struct web_sessions *ss, enum web_role role, const char *token,
                                     int64_t mono_ms);

/* The user of the live session of role with token, or NULL. */
const char *web_session_user(const struct web_sessions *ss, enum web_role role, const char *token,
                             int64_t mono_ms);

/*
 * An officer's session whose page has been silent for idle_ms at mono_ms,
 * or whose lifetime is over, or NULL: the caller closes its counter, then
 * the session.
 */
struct web_session *web_session_idle(struct web_sessions *ss, int64_t mono_ms, int64_t idle_ms);

/* An officer's session on counter other than except, or NULL. */
struct web_session *web_session_of_counter(struct web_sessions *ss, int counter,
                                           const struct web_session *except);

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
