/* Tests of kiosk_config (the [kiosk] section) and the supervisor's exit chord. */
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
#include "kiosk_config.h"
#include "kiosk_exit.h"
#include "test_office.h"

static char tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/saduak-test-kiosk-config-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd);
}

/* A small valid office of 12 lines; [kiosk] starts on line 13. */
static const char *const base_config = "[office]\n"
                                       "name_th = สำนักงานทดสอบ\n"
                                       "name_en = Test Office\n"
                                       "database = queue.db\n"
                                       "[service A]\n"
                                       "name_th = บริการเอ\n"
                                       "name_en = Service A\n"
                                       "hours = daily 00:00-24:00\n"
                                       "[counter 1]\n"
                                       "location_th = ชั้น 1\n"
                                       "location_en = Floor 1\n"
                                       "services = A\n";

/* Load base_config plus extra; *cfg NULL on failure. */
static int
load(const char *extra, struct config **cfg, struct sq_error *err)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/test.ini", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s%s", base_config, extra);
	assert_int_equal(fclose(f), 0);
	return config_load(path, cfg, err);
}

/* The chord kiosk_config_parse() reads from [kiosk] exit_keys = text. */
static struct kiosk_chord
exit_chord(const char *text)
{
	char extra[128];
	struct config *cfg = NULL;
	struct kiosk_config kc;
	struct sq_error err = {0};

	snprintf(extra, sizeof(extra), "[kiosk]\nexit_keys = %s\n", text);
	if (load(extra, &cfg, &err) || kiosk_config_parse(cfg, &kc, &err))
		fail_msg("%s", err.msg);
	config_free(cfg);
	return kc.exit;
}

static void
test_kiosk_config_exit_chord_default_and_keys(void **state)
{
	struct config *cfg = NULL;
	struct kiosk_config kc;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(load("", &cfg, &err), SQ_OK);
	assert_int_equal(kiosk_config_parse(cfg, &kc, &err), SQ_OK);
	config_free(cfg);
	/* The default is no longer Ctrl+Q, which a scanner's control codes can type. */
	assert_false(kiosk_chord_pressed(&kc.exit, SDLK_q, KMOD_LCTRL));
	assert_true(kiosk_chord_pressed(&kc.exit, SDLK_F12, KMOD_LCTRL | KMOD_RSHIFT));
	/* Exactly its modifiers: F12 alone, with one of them, or with a third, does nothing. */
	assert_false(kiosk_chord_pressed(&kc.exit, SDLK_F12, KMOD_NONE));
	assert_false(kiosk_chord_pressed(&kc.exit, SDLK_F12, KMOD_LSHIFT));
	assert_false(kiosk_chord_pressed(&kc.exit, SDLK_F12, KMOD_LCTRL | KMOD_LSHIFT | KMOD_LALT));
	/* Every key a scanner types (letters, digits, Enter, with Shift or Ctrl) misses it. */
	for (SDL_Keycode key = SDLK_SPACE; key <= SDLK_z; key++)
		for (int m = 0; m < 3; m++)
			assert_false(kiosk_chord_pressed(&kc.exit, key,
			                                 m == 0   ? KMOD_NONE
			                                 : m == 1 ? KMOD_LSHIFT
			                                          : KMOD_LCTRL));
	assert_false(kiosk_chord_pressed(&kc.exit, SDLK_RETURN, KMOD_NONE));

	struct kiosk_chord c = exit_chord("Ctrl+Alt+End");
	assert_true(kiosk_chord_pressed(&c, SDLK_END, KMOD_RCTRL | KMOD_LALT));
	assert_false(kiosk_chord_pressed(&c, SDLK_END, KMOD_RCTRL));
	c = exit_chord("shift+super+x");
	assert_true(kiosk_chord_pressed(&c, SDLK_x, KMOD_LSHIFT | KMOD_LGUI));
	c = exit_chord("ctrl+shift+pagedown");
	assert_true(kiosk_chord_pressed(&c, SDLK_PAGEDOWN, KMOD_LCTRL | KMOD_LSHIFT));
}

static void
test_kiosk_config_exit_chord_refused(void **state)
{
	static const char *const bad[] = {
	    "ctrl+q",         /* one modifier: a scanner's control code */
	    "q",              /* no modifier */
	    "ctrl+shift",     /* no key */
	    "ctrl+ctrl+q",    /* a modifier twice */
	    "ctrl+f12+shift", /* the key is last */
	    "ctrl+shift+f25", /* no such key */
	    "ctrl+shift+ab",  /* no such key */
	    "ctrl+shift+q+w", /* two keys */
	};
	char extra[128], want[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct config *cfg = NULL;
		struct sq_error err = {0};
		snprintf(extra, sizeof(extra), "[kiosk]\nexit_keys = %s\n", bad[i]);
		snprintf(want, sizeof(want),
		         "test.ini:14: [kiosk] key 'exit_keys': '%s' is not two or more of ctrl, "
		         "shift, alt, super and one key, joined by + (e.g. ctrl+shift+f12)",
		         bad[i]);
		test_expect_config_error(load(extra, &cfg, &err), cfg, &err, false, want);
	}
}

/* The table's validator words its refusals the way the hand-written parser did. */
static void
test_kiosk_config_values_refused(void **state)
{
	static const struct {
		const char *line, *want;
	} cases[] = {
	    {"ticket_seconds = 3",
	     "key 'ticket_seconds': '3' is not a number of seconds from 5 to 120"},
	    {"window_width = wide", "key 'window_width': 'wide' is not a number of pixels from 800 "
	                            "to 3840"},
	    {"layout = big", "key 'layout': 'big' is not standard or wheelchair"},
	    {"fullscreen = maybe", "key 'fullscreen': 'maybe' is not yes or no"},
	    {"colour = red", "key 'colour': unknown key"},
	    {"id_key_file =", "key 'id_key_file': '' is not a file name of 1 to 511 bytes"},
	};
	char extra[128];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config *cfg = NULL;
		struct sq_error err = {0};
		snprintf(extra, sizeof(extra), "[kiosk]\n%s\n", cases[i].line);
		test_expect_config_error(load(extra, &cfg, &err), cfg, &err, false, cases[i].want);
	}
}

/* The ID card's key file: off by default, a relative name from the config's folder. */
static void
test_kiosk_config_idcard(void **state)
{
	struct config *cfg = NULL;
	struct kiosk_config kc;
	struct sq_error err = {0};
	char want[128];

	(void)state;
	assert_int_equal(load("", &cfg, &err), SQ_OK);
	assert_int_equal(kiosk_config_parse(cfg, &kc, &err), SQ_OK);
	config_free(cfg);
	assert_string_equal(kc.id_key_file, "");
	assert_string_equal(kc.idcard_reader, "");
	assert_int_equal(
	    load("[kiosk]\nid_key_file = id.key\nidcard_reader = ACS ACR39U\n", &cfg, &err), SQ_OK);
	assert_int_equal(kiosk_config_parse(cfg, &kc, &err), SQ_OK);
	config_free(cfg);
	snprintf(want, sizeof(want), "%s/id.key", tmpdir);
	assert_string_equal(kc.id_key_file, want);
	assert_string_equal(kc.idcard_reader, "ACS ACR39U");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kiosk_config_exit_chord_default_and_keys),
	    cmocka_unit_test(test_kiosk_config_exit_chord_refused),
	    cmocka_unit_test(test_kiosk_config_values_refused),
	    cmocka_unit_test(test_kiosk_config_idcard),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
