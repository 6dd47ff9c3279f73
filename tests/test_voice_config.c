/* Tests of voice_config and board_config: the [voice] and [board] sections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board_config.h"
#include "config.h"
#include "test_office.h"
#include "voice_config.h"

static char tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/saduak-test-voice-config-XXXXXX");
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

/* A small valid office of 13 lines; the sections under test start on line 14. */
static const char *const base_config = "[office]\n"
                                       "name_th = สำนักงานทดสอบ\n"
                                       "name_en = Test Office\n"
                                       "phone = 02 123 4567\n"
                                       "database = queue.db\n"
                                       "[service A]\n"
                                       "name_th = บริการเอ\n"
                                       "name_en = Service A\n"
                                       "hours = daily 00:00-24:00\n"
                                       "[counter 1]\n"
                                       "location_th = ชั้น 1\n"
                                       "location_en = Floor 1\n"
                                       "services = A\n";

/* Write base_config plus extra as test.ini and load it; *cfg NULL on failure. */
static int
load(const char *extra, struct config **cfg, struct sq_error *err)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/test.ini", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(base_config, f);
	fputs(extra, f);
	assert_int_equal(fclose(f), 0);
	return config_load(path, cfg, err);
}

/*
 * Loading base_config + extra reports an error containing want: a wrong
 * [voice] (a device) leaves sound off and the rest loads, listing the line in
 * device_faults; a wrong [board] is refused whole.
 */
static void
expect_error(const char *extra, const char *want)
{
	struct config *cfg = NULL;
	struct sq_error err = {0};
	int rc = load(extra, &cfg, &err);

	test_expect_config_error(rc, cfg, &err, strncmp(extra, "[voice]", 7) == 0, want);
}

static void
test_voice_config_defaults_without_section(void **state)
{
	struct config *cfg = NULL;
	struct voice_config vc;
	struct voice_plan_options po;

	(void)state;
	assert_int_equal(load("", &cfg, NULL), SQ_OK);
	assert_int_equal(voice_config_parse(cfg, &vc, NULL), SQ_OK);
	assert_null(vc.dir);
	/* The set the package installs, so an office speaks Thai before recording. */
	assert_non_null(vc.synth_dir);
	assert_non_null(strstr(vc.synth_dir, "/saduak/voice"));
	assert_int_equal(vc.rate, 22050);
	assert_true(vc.thai);
	assert_false(vc.english);
	assert_int_equal(vc.volume_percent, 100);
	assert_int_equal(vc.n_quiet, 0);
	assert_false(vc.chime_if_incomplete);
	voice_config_plan_options(&vc, &po);
	assert_true(po.chime);
	assert_true(po.thai);
	assert_false(po.english);
	assert_int_equal(po.ticket_style, VOICE_NUMBER_WORDS);
	voice_config_release(&vc);
	config_free(cfg);
}

static void
test_voice_config_every_key(void **state)
{
	struct config *cfg = NULL;
	struct sq_error err = {0};
	struct voice_config vc;
	char want[160];

	(void)state;
	assert_int_equal(load("[voice]\n"
	                      "dir = clips\n"
	                      "synthesized_dir = synth\n"
	                      "rate = 44100\n"
	                      "thai = no\n"
	                      "english = yes\n"
	                      "ticket_numbers = digits\n"
	                      "counter_numbers = words\n"
	                      "volume = 150\n"
	                      "quiet_hours = 21:00-07:00, 12:00-12:30\n"
	                      "on_missing = chime\n",
	                      &cfg, &err),
	                 SQ_OK);
	assert_int_equal(voice_config_parse(cfg, &vc, &err), SQ_OK);
	snprintf(want, sizeof(want), "%s/clips", tmpdir);
	assert_string_equal(vc.dir, want);
	snprintf(want, sizeof(want), "%s/synth", tmpdir);
	assert_string_equal(vc.synth_dir, want);
	assert_int_equal(vc.rate, 44100);
	assert_false(vc.thai);
	assert_true(vc.english);
	assert_int_equal(vc.ticket_numbers, VOICE_NUMBER_DIGITS);
	assert_int_equal(vc.counter_numbers, VOICE_NUMBER_WORDS);
	assert_int_equal(vc.volume_percent, 150);
	assert_true(vc.chime_if_incomplete);
	assert_int_equal(vc.n_quiet, 2);
	assert_int_equal(vc.quiet[0].start_minute, 21 * 60);
	assert_int_equal(vc.quiet[0].end_minute, 7 * 60);
	assert_int_equal(vc.quiet[1].start_minute, 12 * 60);
	assert_int_equal(vc.quiet[1].end_minute, 12 * 60 + 30);
	voice_config_release(&vc);
	config_free(cfg);
}

static void
test_voice_config_absolute_dir_kept(void **state)
{
	struct config *cfg = NULL;
	struct voice_config vc;

	(void)state;
	assert_int_equal(load("[voice]\ndir = /srv/voice\n", &cfg, NULL), SQ_OK);
	assert_int_equal(voice_config_parse(cfg, &vc, NULL), SQ_OK);
	assert_string_equal(vc.dir, "/srv/voice");
	voice_config_release(&vc);
	config_free(cfg);
}

static void
test_voice_config_quiet_hours(void **state)
{
	struct voice_config vc = {0};
	char why[128];

	(void)state;
	assert_int_equal(voice_quiet_hours_parse("21:00-07:00", vc.quiet, VOICE_QUIET_MAX,
	                                         &vc.n_quiet, why, sizeof(why)),
	                 SQ_OK);
	assert_true(voice_config_quiet_at(&vc, 21 * 60));
	assert_true(voice_config_quiet_at(&vc, 23 * 60 + 59));
	assert_true(voice_config_quiet_at(&vc, 0));
	assert_true(voice_config_quiet_at(&vc, 6 * 60 + 59));
	assert_false(voice_config_quiet_at(&vc, 7 * 60));
	assert_false(voice_config_quiet_at(&vc, 20 * 60 + 59));
	assert_int_equal(voice_quiet_hours_parse("12:00-13:00", vc.quiet, VOICE_QUIET_MAX,
	                                         &vc.n_quiet, why, sizeof(why)),
	                 SQ_OK);
	assert_false(voice_config_quiet_at(&vc, 11 * 60 + 59));
	assert_true(voice_config_quiet_at(&vc, 12 * 60));
	assert_false(voice_config_quiet_at(&vc, 13 * 60));
	assert_int_equal(voice_quiet_hours_parse("18:00-24:00", vc.quiet, VOICE_QUIET_MAX,
	                                         &vc.n_quiet, why, sizeof(why)),
	                 SQ_OK);
	assert_true(voice_config_quiet_at(&vc, 23 * 60 + 59));
	assert_int_equal(voice_quiet_hours_parse("none", vc.quiet, VOICE_QUIET_MAX, &vc.n_quiet,
	                                         why, sizeof(why)),
	                 SQ_OK);
	assert_int_equal(vc.n_quiet, 0);
	assert_false(voice_config_quiet_at(&vc, 0));
	static const char *const bad[] = {
	    "21:00",
	    "21:00-",
	    "25:00-07:00",
	    "21:60-07:00",
	    "9:00-10:00",
	    "10:00-10:00",
	    "24:00-07:00",
	    "a-b",
	    "01:00-02:00, 03:00-04:00, 05:00-06:00, 07:00-08:00, 09:00-10:00",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		assert_int_equal(voice_quiet_hours_parse(bad[i], vc.quiet, VOICE_QUIET_MAX,
		                                         &vc.n_quiet, why, sizeof(why)),
		                 SQ_ERR_INVALID);
		assert_true(why[0] != '\0');
		assert_int_equal(vc.n_quiet, 0);
	}
}

static void
test_voice_config_bad_values_name_line_and_key(void **state)
{
	(void)state;
	expect_error("[voice]\nrate = 48000\n",
	             "test.ini:15: [voice] key 'rate': '48000' is not 22050 or 44100");
	expect_error("[voice]\nenglish = maybe\n", "test.ini:15: [voice] key 'english': 'maybe'");
	expect_error("[voice]\nticket_numbers = roman\n",
	             "[voice] key 'ticket_numbers': 'roman' is not words or digits");
	expect_error("[voice]\ncounter_numbers = \n", "[voice] key 'counter_numbers'");
	expect_error("[voice]\nvolume = 201\n", "[voice] key 'volume': '201' is not a percentage");
	expect_error("[voice]\nvolume = -1\n", "[voice] key 'volume'");
	expect_error("[voice]\nvolume = 50%\n", "[voice] key 'volume'");
	expect_error("[voice]\nquiet_hours = 21:00-7:00\n", "[voice] key 'quiet_hours'");
	expect_error("[voice]\non_missing = cry\n",
	             "[voice] key 'on_missing': 'cry' is not skip or chime");
	expect_error("[voice]\nspeed = 2\n", "test.ini:15: [voice] key 'speed': unknown key");
	expect_error("[voice]\ndir =\n", "[voice] key 'dir': is empty");
	expect_error("[voice]\nthai = no\nenglish = no\n", "test.ini:14: [voice]");
}

static void
test_board_config_defaults_and_keys(void **state)
{
	struct config *cfg = NULL;
	struct board_config bc;

	(void)state;
	assert_int_equal(load("", &cfg, NULL), SQ_OK);
	assert_int_equal(board_config_parse(cfg, &bc, NULL), SQ_OK);
	assert_int_equal(bc.recent, 6);
	assert_int_equal(bc.flash_seconds, 5);
	assert_int_equal(bc.notice_seconds, 8);
	/* Without a notice: the office's phone. */
	assert_string_equal(bc.notice_th, "โทร 02 123 4567");
	assert_string_equal(bc.notice_en, "Phone 02 123 4567");
	board_config_release(&bc);
	config_free(cfg);

	assert_int_equal(load("[board]\n"
	                      "notice_th = เปิดบริการ 08:30-16:30\n"
	                      "notice_en = Open 08:30-16:30\n"
	                      "notice_seconds = 5\n"
	                      "recent = 10\n"
	                      "flash_seconds = 0\n",
	                      &cfg, NULL),
	                 SQ_OK);
	assert_int_equal(board_config_parse(cfg, &bc, NULL), SQ_OK);
	assert_string_equal(bc.notice_th, "เปิดบริการ 08:30-16:30");
	assert_string_equal(bc.notice_en, "Open 08:30-16:30");
	assert_int_equal(bc.notice_seconds, 5);
	assert_int_equal(bc.recent, 10);
	assert_int_equal(bc.flash_seconds, 0);
	board_config_release(&bc);
	config_free(cfg);

	/* One language only: the other is empty, never NULL. */
	assert_int_equal(load("[board]\nnotice_th = ประกาศ\n", &cfg, NULL), SQ_OK);
	assert_int_equal(board_config_parse(cfg, &bc, NULL), SQ_OK);
	assert_string_equal(bc.notice_th, "ประกาศ");
	assert_string_equal(bc.notice_en, "");
	board_config_release(&bc);
	board_config_release(NULL);
	config_free(cfg);
}

static void
test_board_config_bad_values_name_line_and_key(void **state)
{
	(void)state;
	expect_error("[board]\nrecent = 0\n",
	             "test.ini:15: [board] key 'recent': '0' is not a number of rows from 1 to 20");
	expect_error("[board]\nrecent = 21\n", "[board] key 'recent'");
	expect_error("[board]\nflash_seconds = 61\n", "[board] key 'flash_seconds'");
	expect_error("[board]\nflash_seconds = x\n", "[board] key 'flash_seconds'");
	expect_error("[board]\nnotice_seconds = 1\n", "[board] key 'notice_seconds'");
	expect_error("[board]\ncolour = red\n", "test.ini:15: [board] key 'colour': unknown key");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_voice_config_defaults_without_section),
	    cmocka_unit_test(test_voice_config_every_key),
	    cmocka_unit_test(test_voice_config_absolute_dir_kept),
	    cmocka_unit_test(test_voice_config_quiet_hours),
	    cmocka_unit_test(test_voice_config_bad_values_name_line_and_key),
	    cmocka_unit_test(test_board_config_defaults_and_keys),
	    cmocka_unit_test(test_board_config_bad_values_name_line_and_key),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
