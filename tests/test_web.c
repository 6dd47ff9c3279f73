/*
 * Tests of saduak-web's pure parts: request text checks, form fields,
 * escaping, the ticket page's size and escaping, sessions and the login
 * throttle, the [web] / [web-user] sections, and a staff page refused for
 * want of a database right.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "test_office.h"
#include "web_buf.h"
#include "counter_actions.h"
#include "web_config.h"
#include "web_counter_page.h"
#include "web_input.h"
#include "web_page.h"
#include "web_routes.h"
#include "web_session.h"

static bool
valid(const char *s)
{
	return web_text_valid(s, strlen(s));
}

/* UTF-8 as RFC 3629 has it: Thai passes; overlong, surrogates, controls and cut sequences do not.
 */
static void
test_web_text_valid(void **state)
{
	(void)state;
	assert_true(valid("/t/abc-_09"));
	assert_true(valid("ไปที่ช่อง 3"));
	assert_true(valid("\xf0\x9f\x98\x80"));  /* U+1F600 */
	assert_false(valid("\xc0\xaf"));         /* overlong '/' */
	assert_false(valid("\xe0\x80\xaf"));     /* overlong '/' */
	assert_false(valid("\xed\xa0\x80"));     /* a surrogate */
	assert_false(valid("\xf4\x90\x80\x80")); /* past U+10FFFF */
	assert_false(valid("\xe0\xb9"));         /* cut short */
	assert_false(valid("\xff"));
	assert_false(valid("a\x01"));
	assert_false(valid("a\x7f"));
	assert_false(web_text_valid("a\0b", 3));
}

/* Form fields are found by exact name and decoded; bad encodings are refused. */
static void
test_web_form_get(void **state)
{
	char out[16];

	(void)state;
	assert_true(web_form_get("user=boss&password=pa+ss%26w%3D1", "password", out, sizeof(out)));
	assert_string_equal(out, "pa ss&w=1");
	assert_true(web_form_get("xuser=a&user=b", "user", out, sizeof(out)));
	assert_string_equal(out, "b");
	assert_true(web_form_get("user=", "user", out, sizeof(out)));
	assert_string_equal(out, "");
	assert_false(web_form_get("user=a", "password", out, sizeof(out)));
	assert_false(web_form_get("user=%4", "user", out, sizeof(out)));
	assert_false(web_form_get("user=%zz", "user", out, sizeof(out)));
	assert_false(web_form_get("user=%ff", "user", out, sizeof(out)));
	assert_false(web_form_get("user=0123456789abcdef", "user", out, sizeof(out)));
}

/* HTML and JSON escaping leave no markup and no way out of a string. */
static void
test_web_buf_escape(void **state)
{
	struct web_buf b = {0};

	(void)state;
	web_buf_html(&b, "<script>alert(\"x\")</script> & 'y'");
	assert_string_equal(b.data,
	                    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
	web_buf_release(&b);
	web_buf_json(&b, "a\"b\\c\n</script>");
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\u000a\\u003c/script>\"");
	web_buf_release(&b);
}

/* A staff page refused for want of a right says who mends it; the log out of reach keeps its page.
 */
static void
test_web_staff_status_of_denied(void **state)
{
	struct web_buf b = {0};

	(void)state;
	assert_int_equal(web_staff_status_of(SQ_ERR_DENIED, &b), 503);
	assert_non_null(strstr(b.data, WEB_DENIED_TH));
	assert_non_null(strstr(b.data, "tell the administrator (saduak-counter db-init)"));
	web_buf_release(&b);
	assert_int_equal(web_staff_status_of(SQ_ERR_DB, &b), 503);
	assert_int_equal(b.len, 0);
	web_buf_release(&b);
}

/* The phone page of a waiting ticket: small, self-contained, escaped. */
static void
test_web_page_ticket(void **state)
{
	struct config cfg;
	struct config_service svc;
	struct web_ticket_view v;
	struct web_buf b = {0};

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	memset(&svc, 0, sizeof(svc));
	memset(&v, 0, sizeof(v));
	cfg.office_name = (struct bilingual){.th = "สำนักงาน", .en = "Office"};
	cfg.phone = "0 5321 1234";
	snprintf(svc.id, sizeof(svc.id), "A");
	svc.name = (struct bilingual){.th = "<script>x</script>", .en = "<b>A</b>"};
	snprintf(v.ticket.code, sizeof(v.ticket.code), "A012");
	v.service = &svc;
	v.phase = WEB_PHASE_WAITING;
	v.ahead = 3;
	v.has_wait = true;
	v.wait = (struct estimate){.kind = ESTIMATE_RANGE, .minutes = 20, .low = 15, .high = 25};
	web_page_ticket(&b, &cfg, &v, 0, false);
	assert_true(web_buf_ok(&b));
	assert_true(b.len < 30 * 1024);
	assert_non_null(strstr(b.data, "รออีก 3 คิว"));
	assert_non_null(strstr(b.data, "15-25"));
	assert_non_null(strstr(b.data, "&lt;script&gt;x&lt;/script&gt;"));
	assert_null(strstr(b.data, "<script>x"));
	assert_null(strstr(b.data, "src="));
	web_buf_release(&b);
}

/* Sessions: found while alive and in their role, gone after logout or their lifetime. */
static void
test_web_session(void **state)
{
	struct web_sessions *ss = calloc(1, sizeof(*ss));
	struct web_session *s;
	char token[STORE_WEB_TOKEN_LEN + 1];

	(void)state;
	assert_non_null(ss);
	assert_int_equal(web_session_open(ss, WEB_ROLE_SUPERVISOR, "boss", 1000, &s, NULL), SQ_OK);
	snprintf(token, sizeof(token), "%s", s->token);
	assert_string_equal(web_session_user(ss, WEB_ROLE_SUPERVISOR, token, 2000), "boss");
	assert_null(web_session_user(ss, WEB_ROLE_OFFICER, token, 2000));
	assert_null(web_session_user(ss, WEB_ROLE_SUPERVISOR, token, 1000 + WEB_SESSION_LIFE_MS));
	assert_null(web_session_user(ss, WEB_ROLE_SUPERVISOR, "AAAAAAAAAAAAAAAAAAAA", 2000));
	assert_null(web_session_user(ss, WEB_ROLE_SUPERVISOR, NULL, 2000));
	web_session_close(ss, token);
	assert_null(web_session_user(ss, WEB_ROLE_SUPERVISOR, token, 2000));
	free(ss);
}

/* An officer's page: its own CSRF token, found idle once silent long enough, by its counter. */
static void
test_web_session_officer_idle(void **state)
{
	struct web_sessions *ss = calloc(1, sizeof(*ss));
	struct web_session *a, *b;

	(void)state;
	assert_non_null(ss);
	assert_int_equal(web_session_open(ss, WEB_ROLE_OFFICER, "somchai", 1000, &a, NULL), SQ_OK);
	a->counter = 2;
	assert_int_equal(web_session_open(ss, WEB_ROLE_OFFICER, "malee", 1000, &b, NULL), SQ_OK);
	b->counter = 3;
	assert_true(store_web_token_valid(a->csrf));
	assert_string_not_equal(a->csrf, a->token);
	assert_string_not_equal(a->csrf, b->csrf);
	assert_ptr_equal(web_session_of_counter(ss, 2, NULL), a);
	assert_null(web_session_of_counter(ss, 2, a));
	b->active_ms = 50000;
	assert_null(web_session_idle(ss, 40999, 40000));
	assert_ptr_equal(web_session_idle(ss, 41000, 40000), a);
	web_session_close(ss, a->token);
	assert_null(web_session_idle(ss, 41000, 40000));
	assert_ptr_equal(web_session_idle(ss, 90000, 40000), b);
	free(ss);
}

/* WEB_LOGIN_TRIES failures lock the name and the address until the window ends. */
static void
test_web_login_throttle(void **state)
{
	struct web_sessions *ss = calloc(1, sizeof(*ss));

	(void)state;
	assert_non_null(ss);
	for (int i = 0; i < WEB_LOGIN_TRIES; i++) {
		assert_int_equal(web_login_wait_seconds(ss, "boss", "10.0.0.1", 1000 + i), 0);
		web_login_failed(ss, "boss", "10.0.0.1", 1000 + i);
	}
	assert_true(web_login_wait_seconds(ss, "boss", "10.0.0.1", 2000) > 0);
	assert_true(web_login_wait_seconds(ss, "boss", "10.0.0.2", 2000) > 0);  /* by name */
	assert_true(web_login_wait_seconds(ss, "other", "10.0.0.1", 2000) > 0); /* by address */
	assert_int_equal(web_login_wait_seconds(ss, "other", "10.0.0.2", 2000), 0);
	assert_int_equal(web_login_wait_seconds(ss, "boss", "10.0.0.1", 1000 + WEB_LOGIN_WINDOW_MS),
	                 0);
	free(ss);
}

/* A small valid office of 12 lines; the sections under test start on line 13. */
static const char *const base_config = "[office]\n"
                                       "name_th = สำนักงานทดสอบ\n"
                                       "name_en = Test Office\n"
                                       "database = queue.db\n"
                                       "[service A]\n"
                                       "name_th = เอ\nname_en = A\n"
                                       "hours = daily 00:00-24:00\n"
                                       "[counter 1]\n"
                                       "location_th = ชั้น 1\nlocation_en = Floor 1\n"
                                       "services = A\n";

/* Load base_config + extra from a file of its own; *cfg NULL on failure. */
static int
load(const char *extra, struct config **cfg, struct sq_error *err)
{
	char path[] = "/tmp/saduak-test-web-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	int rc;

	assert_non_null(f);
	fputs(base_config, f);
	fputs(extra, f);
	assert_int_equal(fclose(f), 0);
	rc = config_load(path, cfg, err);
	unlink(path);
	return rc;
}

/* [web] and [web-user NAME]: defaults, values, and refusals naming line and key. */
static void
test_web_config(void **state)
{
	static const struct {
		const char *extra, *want;
	} bad[] = {
	    {"[web]\nport = 0\n", ":14: [web] key 'port': '0' is not a number from 1 to 65535"},
	    {"[web]\nlisten = localhost\n", ":14: [web] key 'listen': 'localhost' is not an IPv4"},
	    {"[web]\nport = 80\ncolour = red\n", ":15: [web] key 'colour': unknown key"},
	    {"[web]\ntimeout_seconds = 601\n", "'timeout_seconds'"},
	    {"[web]\ncounter_idle_seconds = 4\n", "'counter_idle_seconds'"},
	    {"[web main]\nport = 80\n", ":13: [web] takes no name"},
	    {"[web-user boss]\npassword = secret\n", "key 'password': not a password hash"},
	    {"[web-user boss]\nname = Boss\n", ":14: [web-user boss] key 'name': unknown key"},
	};
	struct config *cfg = NULL;
	struct web_config wc;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(load("", &cfg, &err), SQ_OK);
	assert_int_equal(web_config_parse(cfg, &wc, &err), SQ_OK);
	assert_string_equal(wc.listen, "127.0.0.1");
	assert_int_equal(wc.port, 8080);
	assert_int_equal(wc.counter_idle_seconds, 900);
	config_free(cfg);
	assert_int_equal(load("[web]\nlisten = 0.0.0.0\nport = 8443\nwait_target_minutes = 20\n"
	                      "[web-user boss]\npassword = $y$j9T$abcdefghijklmnop$qrstuvwxyz\n",
	                      &cfg, &err),
	                 SQ_OK);
	assert_int_equal(web_config_parse(cfg, &wc, &err), SQ_OK);
	assert_string_equal(wc.listen, "0.0.0.0");
	assert_int_equal(wc.port, 8443);
	assert_int_equal(wc.wait_target_minutes, 20);
	config_free(cfg);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = load(bad[i].extra, &cfg, &err);
		test_expect_config_error(rc, cfg, &err, false, bad[i].want);
		cfg = NULL;
	}
}

/*
 * The counter page: one form per action of the table (log in is the login
 * form), each with the session's CSRF token and next sequence number, and
 * one key each; no key a browser keeps for itself (F-keys), none twice.
 */
static void
test_web_counter_page_actions_and_keys(void **state)
{
	static struct store_console_snapshot now;
	struct web_session session = {.user = "somchai", .csrf = "c5rfC5rfc5rfC5rfc5rf", .seq = 41};
	struct config *cfg = NULL;
	struct sq_error err = {0};
	struct web_buf b = {0};
	char want[160];

	(void)state;
	assert_int_equal(load("", &cfg, &err), SQ_OK);
	now.state =
	    (struct store_counter){.counter = 1, .status = COUNTER_OPEN, .has_ticket = true};
	snprintf(now.state.officer, sizeof(now.state.officer), "somchai");
	snprintf(now.state.ticket.code, sizeof(now.state.ticket.code), "A<b>");
	now.state.ticket.state = TICKET_CALLED;
	struct web_counter_view v = {
	    .cfg = cfg, .cc = &cfg->counters[0], .now = &now, .session = &session, .now_ms = 0};
	web_counter_page(&b, &v);
	assert_true(web_buf_ok(&b));
	assert_null(strstr(b.data, "A<b>"));
	assert_non_null(strstr(b.data, "id=current>A&lt;b&gt;<"));
	for (size_t i = 0; i < COUNTER_ACTION_COUNT; i++) {
		const char *name = counter_actions[i].name;
		bool keyed = false;
		snprintf(
		    want, sizeof(want),
		    "id=f-%s><input type=hidden name=csrf value=%s><input type=hidden name=seq "
		    "value=42><input type=hidden name=action value=%s>",
		    name, session.csrf, name);
		if (i == COUNTER_ACTION_LOGIN) {
			assert_null(strstr(b.data, want));
			continue;
		}
		print_message("%s\n", name);
		assert_non_null(strstr(b.data, want));
		for (size_t k = 0; k < web_counter_n_keys; k++)
			keyed |= strcmp(web_counter_keys[k].button, name) == 0;
		assert_true(keyed);
	}
	for (size_t k = 0; k < web_counter_n_keys; k++) {
		const char *code = web_counter_keys[k].code;
		assert_false(code[0] == 'F' && code[1] >= '0' && code[1] <= '9');
		for (size_t j = 0; j < k; j++) {
			assert_string_not_equal(web_counter_keys[j].code, code);
			if (!web_counter_keys[k].alias && !web_counter_keys[j].alias)
				assert_string_not_equal(web_counter_keys[j].button,
				                        web_counter_keys[k].button);
		}
	}
	web_buf_release(&b);
	config_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_web_text_valid),
	    cmocka_unit_test(test_web_form_get),
	    cmocka_unit_test(test_web_buf_escape),
	    cmocka_unit_test(test_web_staff_status_of_denied),
	    cmocka_unit_test(test_web_page_ticket),
	    cmocka_unit_test(test_web_session),
	    cmocka_unit_test(test_web_session_officer_idle),
	    cmocka_unit_test(test_web_counter_page_actions_and_keys),
	    cmocka_unit_test(test_web_login_throttle),
	    cmocka_unit_test(test_web_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
