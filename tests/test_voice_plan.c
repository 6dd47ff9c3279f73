/* Tests of voice_plan: which clips a call plays, in order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voice_plan.h"

/* The clip names of one number, read in lang and style (ndigits: padding). */
static const char *
number_str(enum voice_lang lang, long value, int ndigits, enum voice_number_style style)
{
	static char buf[1024];
	struct voice_plan plan = {0};

	assert_int_equal(voice_plan_add_number(&plan, lang, value, ndigits, style), SQ_OK);
	voice_plan_format(&plan, buf, sizeof(buf));
	return buf;
}

/* The clip names of a whole call. */
static const char *
call_str(const char *code, int counter, const struct voice_plan_options *opt)
{
	static char buf[2048];
	struct voice_plan plan;
	struct sq_error err = {0};

	if (voice_plan_build(code, counter, opt, &plan, &err) != SQ_OK)
		fail_msg("voice_plan_build(%s, %d): %s", code, counter, err.msg);
	voice_plan_format(&plan, buf, sizeof(buf));
	return buf;
}

struct number_case {
	long value;
	const char *th;
	const char *en;
};

static const struct number_case word_cases[] = {
    {.value = 0, .th = "th/digit_0", .en = "en/digit_0"},
    {.value = 1, .th = "th/digit_1", .en = "en/digit_1"},
    {.value = 7, .th = "th/digit_7", .en = "en/digit_7"},
    {.value = 10, .th = "th/ten", .en = "en/n_10"},
    {.value = 11, .th = "th/ten th/et", .en = "en/n_11"},
    {.value = 12, .th = "th/ten th/digit_2", .en = "en/n_12"},
    {.value = 20, .th = "th/twenty", .en = "en/n_20"},
    {.value = 21, .th = "th/twenty th/et", .en = "en/n_20 en/digit_1"},
    {.value = 25, .th = "th/twenty th/digit_5", .en = "en/n_20 en/digit_5"},
    {.value = 30, .th = "th/digit_3 th/ten", .en = "en/n_30"},
    {.value = 31, .th = "th/digit_3 th/ten th/et", .en = "en/n_30 en/digit_1"},
    {.value = 100, .th = "th/digit_1 th/hundred", .en = "en/digit_1 en/hundred"},
    {.value = 101, .th = "th/digit_1 th/hundred th/et", .en = "en/digit_1 en/hundred en/digit_1"},
    {.value = 110, .th = "th/digit_1 th/hundred th/ten", .en = "en/digit_1 en/hundred en/n_10"},
    {.value = 111,
     .th = "th/digit_1 th/hundred th/ten th/et",
     .en = "en/digit_1 en/hundred en/n_11"},
    {.value = 120, .th = "th/digit_1 th/hundred th/twenty", .en = "en/digit_1 en/hundred en/n_20"},
    {.value = 205,
     .th = "th/digit_2 th/hundred th/digit_5",
     .en = "en/digit_2 en/hundred en/digit_5"},
    {.value = 999,
     .th = "th/digit_9 th/hundred th/digit_9 th/ten th/digit_9",
     .en = "en/digit_9 en/hundred en/n_90 en/digit_9"},
    {.value = 1000, .th = "th/digit_1 th/thousand", .en = "en/digit_1 en/thousand"},
    {.value = 1001,
     .th = "th/digit_1 th/thousand th/et",
     .en = "en/digit_1 en/thousand en/digit_1"},
    {.value = 2021,
     .th = "th/digit_2 th/thousand th/twenty th/et",
     .en = "en/digit_2 en/thousand en/n_20 en/digit_1"},
    {.value = 9999,
     .th = "th/digit_9 th/thousand th/digit_9 th/hundred th/digit_9 th/ten th/digit_9",
     .en = "en/digit_9 en/thousand en/digit_9 en/hundred en/n_90 en/digit_9"},
};

static void
test_voice_plan_thai_number_words(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(word_cases) / sizeof(word_cases[0]); i++)
		assert_string_equal(
		    number_str(VOICE_LANG_TH, word_cases[i].value, 0, VOICE_NUMBER_WORDS),
		    word_cases[i].th);
}

static void
test_voice_plan_english_number_words(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(word_cases) / sizeof(word_cases[0]); i++)
		assert_string_equal(
		    number_str(VOICE_LANG_EN, word_cases[i].value, 0, VOICE_NUMBER_WORDS),
		    word_cases[i].en);
}

static void
test_voice_plan_number_digits(void **state)
{
	(void)state;
	assert_string_equal(number_str(VOICE_LANG_TH, 0, 0, VOICE_NUMBER_DIGITS), "th/digit_0");
	assert_string_equal(number_str(VOICE_LANG_TH, 0, 3, VOICE_NUMBER_DIGITS),
	                    "th/digit_0 th/digit_0 th/digit_0");
	assert_string_equal(number_str(VOICE_LANG_TH, 10, 0, VOICE_NUMBER_DIGITS),
	                    "th/digit_1 th/digit_0");
	assert_string_equal(number_str(VOICE_LANG_TH, 11, 3, VOICE_NUMBER_DIGITS),
	                    "th/digit_0 th/digit_1 th/digit_1");
	assert_string_equal(number_str(VOICE_LANG_TH, 101, 3, VOICE_NUMBER_DIGITS),
	                    "th/digit_1 th/digit_0 th/digit_1");
	assert_string_equal(number_str(VOICE_LANG_EN, 21, 0, VOICE_NUMBER_DIGITS),
	                    "en/digit_2 en/digit_1");
	assert_string_equal(number_str(VOICE_LANG_EN, 110, 4, VOICE_NUMBER_DIGITS),
	                    "en/digit_0 en/digit_1 en/digit_1 en/digit_0");
	assert_string_equal(number_str(VOICE_LANG_EN, 999, 3, VOICE_NUMBER_DIGITS),
	                    "en/digit_9 en/digit_9 en/digit_9");
}

static void
test_voice_plan_large_value_read_as_digits(void **state)
{
	(void)state;
	assert_string_equal(number_str(VOICE_LANG_TH, 12345, 0, VOICE_NUMBER_WORDS),
	                    "th/digit_1 th/digit_2 th/digit_3 th/digit_4 th/digit_5");
	assert_string_equal(number_str(VOICE_LANG_EN, 10000, 6, VOICE_NUMBER_WORDS),
	                    "en/digit_0 en/digit_1 en/digit_0 en/digit_0 en/digit_0 en/digit_0");
}

static void
test_voice_plan_number_rejects_bad_arguments(void **state)
{
	struct voice_plan plan = {0};

	(void)state;
	assert_int_equal(voice_plan_add_number(&plan, VOICE_LANG_TH, -1, 0, VOICE_NUMBER_WORDS),
	                 SQ_ERR_INVALID);
	assert_int_equal(
	    voice_plan_add_number(&plan, VOICE_LANG_TH, 1000000, 0, VOICE_NUMBER_WORDS),
	    SQ_ERR_INVALID);
	assert_int_equal(voice_plan_add_number(&plan, VOICE_LANG_NONE, 1, 0, VOICE_NUMBER_WORDS),
	                 SQ_ERR_INVALID);
	assert_int_equal(voice_plan_add_number(NULL, VOICE_LANG_TH, 1, 0, VOICE_NUMBER_WORDS),
	                 SQ_ERR_INVALID);
	plan.n = VOICE_PLAN_MAX - 1;
	assert_int_equal(voice_plan_add_number(&plan, VOICE_LANG_TH, 11, 0, VOICE_NUMBER_WORDS),
	                 SQ_ERR_NOMEM);
	assert_int_equal(plan.n, VOICE_PLAN_MAX - 1);
}

static void
test_voice_plan_thai_call(void **state)
{
	(void)state;
	assert_string_equal(call_str("A012", 3, NULL),
	                    "chime th/please_number th/letter_A th/ten th/digit_2 th/at_counter "
	                    "th/digit_3");
	assert_string_equal(call_str("B101", 11, NULL),
	                    "chime th/please_number th/letter_B th/digit_1 th/hundred th/et "
	                    "th/at_counter th/ten th/et");
}

static void
test_voice_plan_leading_zeros(void **state)
{
	struct voice_plan_options opt = voice_plan_defaults;

	(void)state;
	opt.chime = false;
	assert_string_equal(call_str("A000", 1, &opt),
	                    "th/please_number th/letter_A th/digit_0 th/at_counter th/digit_1");
	assert_string_equal(call_str("A007", 1, &opt),
	                    "th/please_number th/letter_A th/digit_7 th/at_counter th/digit_1");
	opt.ticket_style = VOICE_NUMBER_DIGITS;
	assert_string_equal(call_str("A000", 1, &opt),
	                    "th/please_number th/letter_A th/digit_0 th/digit_0 th/digit_0 "
	                    "th/at_counter th/digit_1");
	assert_string_equal(call_str("A012", 1, &opt),
	                    "th/please_number th/letter_A th/digit_0 th/digit_1 th/digit_2 "
	                    "th/at_counter th/digit_1");
}

static void
test_voice_plan_two_letters(void **state)
{
	struct voice_plan_options opt = voice_plan_defaults;

	(void)state;
	assert_string_equal(call_str("AB007", 12, NULL),
	                    "chime th/please_number th/letter_A th/letter_B th/digit_7 "
	                    "th/at_counter th/ten th/digit_2");
	opt.thai = false;
	opt.english = true;
	opt.ticket_style = VOICE_NUMBER_DIGITS;
	assert_string_equal(call_str("ZX110", 15, &opt),
	                    "chime en/please_number en/letter_Z en/letter_X en/digit_1 en/digit_1 "
	                    "en/digit_0 en/at_counter en/n_15");
}

static void
test_voice_plan_lowercase_code(void **state)
{
	char lower[256];

	(void)state;
	/* call_str returns a static buffer: keep the first answer. */
	snprintf(lower, sizeof(lower), "%s", call_str("ab21", 2, NULL));
	assert_string_equal(lower, call_str("AB21", 2, NULL));
	assert_non_null(strstr(lower, "th/letter_A th/letter_B"));
}

static void
test_voice_plan_both_languages(void **state)
{
	struct voice_plan_options opt = voice_plan_defaults;

	(void)state;
	opt.english = true;
	assert_string_equal(call_str("A021", 10, &opt),
	                    "chime th/please_number th/letter_A th/twenty th/et th/at_counter "
	                    "th/ten en/please_number en/letter_A en/n_20 en/digit_1 en/at_counter "
	                    "en/n_10");
	opt.ticket_style = VOICE_NUMBER_DIGITS;
	opt.counter_style = VOICE_NUMBER_DIGITS;
	opt.chime = false;
	assert_string_equal(call_str("C999", 14, &opt),
	                    "th/please_number th/letter_C th/digit_9 th/digit_9 th/digit_9 "
	                    "th/at_counter th/digit_1 th/digit_4 en/please_number en/letter_C "
	                    "en/digit_9 en/digit_9 en/digit_9 en/at_counter en/digit_1 en/digit_4");
}

static void
test_voice_plan_counters_1_to_15(void **state)
{
	static const char *const th[] = {
	    "th/digit_1",        "th/digit_2",
	    "th/digit_3",        "th/digit_4",
	    "th/digit_5",        "th/digit_6",
	    "th/digit_7",        "th/digit_8",
	    "th/digit_9",        "th/ten",
	    "th/ten th/et",      "th/ten th/digit_2",
	    "th/ten th/digit_3", "th/ten th/digit_4",
	    "th/ten th/digit_5",
	};
	static const char *const en[] = {
	    "en/digit_1", "en/digit_2", "en/digit_3", "en/digit_4", "en/digit_5",
	    "en/digit_6", "en/digit_7", "en/digit_8", "en/digit_9", "en/n_10",
	    "en/n_11",    "en/n_12",    "en/n_13",    "en/n_14",    "en/n_15",
	};
	struct voice_plan_options opt = voice_plan_defaults;
	char want[256];

	(void)state;
	opt.chime = false;
	for (int c = 1; c <= 15; c++) {
		opt.thai = true;
		opt.english = false;
		snprintf(want, sizeof(want), "th/please_number th/letter_D th/ten th/at_counter %s",
		         th[c - 1]);
		assert_string_equal(call_str("D10", c, &opt), want);
		opt.thai = false;
		opt.english = true;
		snprintf(want, sizeof(want),
		         "en/please_number en/letter_D en/n_10 en/at_counter %s", en[c - 1]);
		assert_string_equal(call_str("D10", c, &opt), want);
	}
}

static void
test_voice_plan_rejects_bad_codes(void **state)
{
	static const char *const bad[] = {
	    "", "A", "012", "ABC1", "A-1", "A1234567", "1A", "A12B", "ก12", "A 12",
	};
	struct voice_plan plan = {.n = 3};
	struct sq_error err = {0};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(voice_plan_build(bad[i], 1, NULL, &plan, &err), SQ_ERR_INVALID);
		assert_int_equal(plan.n, 0);
		assert_non_null(strstr(err.msg, "ticket code"));
	}
	assert_int_equal(voice_plan_build(NULL, 1, NULL, &plan, NULL), SQ_ERR_INVALID);
	assert_int_equal(voice_plan_build("A1", 0, NULL, &plan, &err), SQ_ERR_INVALID);
	assert_string_equal(err.msg, "counter 0 out of range 1-9999");
	assert_int_equal(voice_plan_build("A1", 10000, NULL, &plan, &err), SQ_ERR_INVALID);
	assert_int_equal(voice_plan_build("A123456", 9999, NULL, &plan, &err), SQ_OK);
}

static void
test_voice_plan_format_truncates(void **state)
{
	struct voice_plan plan;
	char small[12];

	(void)state;
	assert_int_equal(voice_plan_build("A1", 1, NULL, &plan, NULL), SQ_OK);
	/* "chime th/please_number th/letter_A th/digit_1 th/at_counter th/digit_1" */
	assert_int_equal(voice_plan_format(&plan, small, sizeof(small)), 70);
	assert_string_equal(small, "chime");
	assert_int_equal(voice_plan_format(&plan, NULL, 0), 70);
}

static void
test_voice_plan_table_complete(void **state)
{
	const struct voice_phrase *ph = voice_phrases();
	enum voice_clip found;

	(void)state;
	for (int i = 0; i < VC_COUNT; i++) {
		assert_non_null(ph[i].clip);
		assert_int_equal(voice_clip_find(ph[i].clip, &found), SQ_OK);
		assert_int_equal(found, i); /* names are unique */
		assert_ptr_equal(voice_phrase((enum voice_clip)i), &ph[i]);
		if (ph[i].lang == VOICE_LANG_TH)
			assert_memory_equal(ph[i].clip, "th/", 3);
		if (ph[i].lang == VOICE_LANG_EN)
			assert_memory_equal(ph[i].clip, "en/", 3);
		if (ph[i].lang != VOICE_LANG_NONE) {
			assert_non_null(ph[i].text);
			assert_false(ph[i].optional);
		}
	}
	assert_string_equal(ph[VC_TH_DIGIT_0 + 9].clip, "th/digit_9");
	assert_string_equal(ph[VC_TH_LETTER_A + 25].clip, "th/letter_Z");
	assert_string_equal(ph[VC_EN_TENS_20 + 7].clip, "en/n_90");
	assert_string_equal(ph[VC_EN_LETTER_A + 25].clip, "en/letter_Z");
	assert_string_equal(ph[VC_TH_ET].text, "เอ็ด");
	assert_true(ph[VC_CHIME].optional);
	assert_null(voice_phrase(VC_COUNT));
	assert_int_equal(voice_clip_find("th/digit_10", NULL), SQ_ERR_NOTFOUND);
}

static void
test_voice_plan_clip_script_matches_table(void **state)
{
	const char *src = getenv("SADUAK_SOURCE_DIR");
	const struct voice_phrase *ph = voice_phrases();
	char path[4096], line[256], *text = NULL;
	size_t size = 0, got;
	FILE *f;

	(void)state;
	if (!src)
		skip();
	snprintf(path, sizeof(path), "%s/kiosk/voice/make-clips.sh", src);
	f = fopen(path, "r");
	assert_non_null(f);
	text = malloc(1 << 16);
	assert_non_null(text);
	got = fread(text, 1, (1 << 16) - 1, f);
	text[got] = '\0';
	fclose(f);
	for (int i = 0; i < VC_COUNT; i++) {
		if (ph[i].lang == VOICE_LANG_NONE)
			continue;
		snprintf(line, sizeof(line), "\n%s|%s\n", ph[i].clip, ph[i].text);
		if (!strstr(text, line))
			fail_msg("%s lacks the line %s|%s", path, ph[i].clip, ph[i].text);
		size++;
	}
	assert_int_equal(size, VC_COUNT - 1); /* every clip but the chime */
	free(text);
}

static void
test_voice_plan_number_style_parse(void **state)
{
	enum voice_number_style style = VOICE_NUMBER_WORDS;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(voice_number_style_parse("digits", &style, &err), SQ_OK);
	assert_int_equal(style, VOICE_NUMBER_DIGITS);
	assert_int_equal(voice_number_style_parse("words", &style, &err), SQ_OK);
	assert_int_equal(style, VOICE_NUMBER_WORDS);
	assert_int_equal(voice_number_style_parse("roman", &style, &err), SQ_ERR_INVALID);
	assert_string_equal(err.msg, "number style 'roman' is not 'words' or 'digits'");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_voice_plan_thai_number_words),
	    cmocka_unit_test(test_voice_plan_english_number_words),
	    cmocka_unit_test(test_voice_plan_number_digits),
	    cmocka_unit_test(test_voice_plan_large_value_read_as_digits),
	    cmocka_unit_test(test_voice_plan_number_rejects_bad_arguments),
	    cmocka_unit_test(test_voice_plan_thai_call),
	    cmocka_unit_test(test_voice_plan_leading_zeros),
	    cmocka_unit_test(test_voice_plan_two_letters),
	    cmocka_unit_test(test_voice_plan_lowercase_code),
	    cmocka_unit_test(test_voice_plan_both_languages),
	    cmocka_unit_test(test_voice_plan_counters_1_to_15),
	    cmocka_unit_test(test_voice_plan_rejects_bad_codes),
	    cmocka_unit_test(test_voice_plan_format_truncates),
	    cmocka_unit_test(test_voice_plan_table_complete),
	    cmocka_unit_test(test_voice_plan_clip_script_matches_table),
	    cmocka_unit_test(test_voice_plan_number_style_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
