#include "web_session.h"

#include <stdio.h>
#include <string.h>

int
web_session_open(struct web_sessions *ss, enum web_role role, const char *user, int64_t mono_ms,
                 struct web_session **out, struct sq_error *err)
{
	struct web_session *slot = &ss->sessions[0];
	struct web_session fresh = {.role = role, .expires_ms = mono_ms + WEB_SESSION_LIFE_MS};
	int rc;

	/* A free or expired slot, else the one closest to expiry. */
	for (size_t i = 0; i < WEB_SESSION_MAX; i++) {
		struct web_session *s = &ss->sessions[i];
		if (!s->token[0] || s->expires_ms <= mono_ms) {
			slot = s;
			break;
		}
		if (s->expires_ms < slot->expires_ms)
			slot = s;
	}
	*out = NULL;
	if ((rc = store_web_token_new(fresh.token, sizeof(fresh.token), err)) ||
	    (rc = store_web_token_new(fresh.csrf, sizeof(fresh.csrf), err)))
		return rc;
	snprintf(fresh.user, sizeof(fresh.user), "%s", user);
	fresh.active_ms = mono_ms;
	*slot = fresh;
	*out = slot;
	return SQ_OK;
}

struct web_session *
web_session_find(struct web_sessions *ss, enum web_role role, const char *token, int64_t mono_ms)
{
	if (!token || !store_web_token_valid(token))
		return NULL;
	for (size_t i = 0; i < WEB_SESSION_MAX; i++) {
		struct web_session *s = &ss->sessions[i];
		if (s->token[0] && s->role == role && s->expires_ms > mono_ms &&
		    strcmp(s->token, token) == 0)
			return s;
	}
	return NULL;
}

const char *
web_session_user(const struct web_sessions *ss, enum web_role role, const char *token,
                 int64_t mono_ms)
{
	/* The search changes nothing: the cast only shares web_session_find. */
	const struct web_session *s =
	    web_session_find((struct web_sessions *)ss, role, token, mono_ms);

	return s ? s->user : NULL;
}

struct web_session *
web_session_idle(struct web_sessions *ss, int64_t mono_ms, int64_t idle_ms)
{
	for (size_t i = 0; i < WEB_SESSION_MAX; i++) {
		struct web_session *s = &ss->sessions[i];
		if (s->token[0] && s->role == WEB_ROLE_OFFICER &&
		    (mono_ms - s->active_ms >= idle_ms || s->expires_ms <= mono_ms))
			return s;
	}
	return NULL;
}

struct web_session *
web_session_of_counter(struct web_sessions *ss, int counter, const struct web_session *except)
{
	for (size_t i = 0; i < WEB_SESSION_MAX; i++) {
		struct web_session *s = &ss->sessions[i];
		if (s != except && s->token[0] && s->role == WEB_ROLE_OFFICER &&
		    s->counter == counter)
			return s;
	}
	return NULL;
}

void
web_session_close(struct web_sessions *ss, const char *token)
{
	for (size_t i = 0; i < WEB_SESSION_MAX; i++)
		if (token && ss->sessions[i].token[0] && strcmp(ss->sessions[i].token, token) == 0)
			memset(&ss->sessions[i], 0, sizeof(ss->sessions[i]));
}

/* The index of key's entry in its window at mono_ms, or -1. */
static long
find_entry(const struct web_sessions *ss, const char *key, int64_t mono_ms)
{
	for (size_t i = 0; i < WEB_THROTTLE_KEYS; i++) {
		const struct web_throttle_entry *e = &ss->throttle[i];
		if (e->key[0] && strcmp(e->key, key) == 0 &&
		    mono_ms - e->first_ms < WEB_LOGIN_WINDOW_MS)
			return (long)i;
	}
	return -1;
}

/* Seconds until the window of key closes when it is spent, else 0. */
static int
key_wait(const struct web_sessions *ss, const char *key, int64_t mono_ms)
{
	long i = find_entry(ss, key, mono_ms);
	const struct web_throttle_entry *e = i < 0 ? NULL : &ss->throttle[i];

	if (!e || e->failures < WEB_LOGIN_TRIES)
		return 0;
	return (int)((e->first_ms + WEB_LOGIN_WINDOW_MS - mono_ms + 999) / 1000);
}

int
web_login_wait_seconds(const struct web_sessions *ss, const char *user, const char *address,
                       int64_t mono_ms)
{
	char key[72];
	int by_user, by_address;

	snprintf(key, sizeof(key), "u:%s", user);
	by_user = key_wait(ss, key, mono_ms);
	snprintf(key, sizeof(key), "a:%s", address);
	by_address = key_wait(ss, key, mono_ms);
	return by_user > by_address ? by_user : by_address;
}

/* Count one failure of key; a full table forgets the oldest window. */
static void
count_failure(struct web_sessions *ss, const char *key, int64_t mono_ms)
{
	long found = find_entry(ss, key, mono_ms);
	struct web_throttle_entry *e = found < 0 ? NULL : &ss->throttle[found];

	if (!e) {
		e = &ss->throttle[0];
		for (size_t i = 0; i < WEB_THROTTLE_KEYS; i++) {
			struct web_throttle_entry *x = &ss->throttle[i];
			if (!x->key[0] || mono_ms - x->first_ms >= WEB_LOGIN_WINDOW_MS) {
				e = x;
				break;
			}
			if (x->first_ms < e->first_ms)
				e = x;
		}
		snprintf(e->key, sizeof(e->key), "%s", key);
		e->failures = 0;
		e->first_ms = mono_ms;
	}
	e->failures++;
}

void
web_login_failed(struct web_sessions *ss, const char *user, const char *address, int64_t mono_ms)
{
	char key[72];

	snprintf(key, sizeof(key), "u:%s", user);
	count_failure(ss, key, mono_ms);
	snprintf(key, sizeof(key), "a:%s", address);
	count_failure(ss, key, mono_ms);
}
