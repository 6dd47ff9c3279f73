/* Unit tests of office local time and Buddhist Era formatting (thaitime.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "thaitime.h"

static int
setup_bangkok(void **state)
{
	(void)state;
	return thaitime_set_zone("Asia/Bangkok", NULL);
}

/* 2026-11-23 07:05 UTC = 14:05 in Bangkok (UTC+7, no DST). */
#define T_1405 INT64_C(1795417500000)

static void
test_thaitime_format_buddhist_era(void **state)
{
	char buf[96];

	(void)state;
	thaitime_format(buf, sizeof(buf), T_1405, THAITIME_TH_DATE_TIME);
	assert_string_equal(buf, "23 พ.ย. 2569 14:05");
	thaitime_format(buf, sizeof(buf), T_1405, THAITIME_TH_DATE);
	assert_string_equal(buf, "23 พ.ย. 2569");
	thaitime_format(buf, sizeof(buf), T_1405, THAITIME_TH_DATE_LONG);
	assert_string_equal(buf, "วันจันทร์ที่ 23 พฤศจิกายน 2569");
	thaitime_format(buf, sizeof(buf), T_1405, THAITIME_TH_MONTH);
	assert_string_equal(buf, "พฤศจิกายน 2569");
	thaitime_format(buf, sizeof(buf), T_1405, THAITIME_EN_DATE_TIME);
	assert_string_equal(buf, "23 Nov 2569 BE 14:05");
	thaitime_format(buf, sizeof(buf), T_1405, THAITIME_TIME);
	assert_string_equal(buf, "14:05");
}

static void
test_thaitime_format_truncates_safely(void **state)
{
	char buf[6];

	(void)state;
	size_t n = thaitime_format(buf, sizeof(buf), T_1405, THAITIME_TH_DATE_TIME);
	assert_int_equal(n, 5);
	assert_int_equal(strlen(buf), 5);
}

static void
test_thaitime_day_rolls_at_local_midnight(void **state)
{
	/* 16:59:59.999 UTC is 23:59:59.999 in Bangkok; 17:00 UTC is the next day. */
	int64_t before = thaitime_utc_ms(2026, 11, 23, 23, 59) + 59999;
	struct local_time lt;

	(void)state;
	assert_int_equal(thaitime_day_key(before), 20261123);
	assert_int_equal(thaitime_day_key(before + 1), 20261124);
	thaitime_local(before + 1, &lt);
	assert_int_equal(lt.hour, 0);
	assert_int_equal(lt.weekday, 1); /* Tuesday */
	/* The same instant is still the 23rd in UTC: the zone decides. */
	assert_int_equal(thaitime_set_zone("UTC", NULL), 0);
	assert_int_equal(thaitime_day_key(before + 1), 20261123);
	assert_int_equal(thaitime_set_zone("Asia/Bangkok", NULL), 0);
}

static void
test_thaitime_rejects_unknown_zone(void **state)
{
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(thaitime_set_zone("Asia/Nowhere", &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "Asia/Nowhere"));
	assert_int_equal(thaitime_set_zone("../etc/passwd", &err), SQ_ERR_INVALID);
	assert_int_equal(thaitime_set_zone("Asia/Bangkok", &err), 0);
}

static void
test_thaitime_thai_digits(void **state)
{
	char out[64];

	(void)state;
	thaitime_thai_digits(out, sizeof(out), "A012 พ.ศ. 2569");
	assert_string_equal(out, "A๐๑๒ พ.ศ. ๒๕๖๙");
	/* Never cut a character in half. */
	size_t n = thaitime_thai_digits(out, 5, "1234");
	assert_int_equal(n, 3);
	assert_string_equal(out, "๑");
}

static void
test_thaitime_weekday_names(void **state)
{
	(void)state;
	assert_string_equal(thaitime_weekday_th(0), "จันทร์");
	assert_string_equal(thaitime_weekday_en(6), "Sun");
	assert_string_equal(thaitime_weekday_en(7), "Mon");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_thaitime_format_buddhist_era),
	    cmocka_unit_test(test_thaitime_format_truncates_safely),
	    cmocka_unit_test(test_thaitime_day_rolls_at_local_midnight),
	    cmocka_unit_test(test_thaitime_rejects_unknown_zone),
	    cmocka_unit_test(test_thaitime_thai_digits),
	    cmocka_unit_test(test_thaitime_weekday_names),
	};
	return cmocka_run_group_tests(tests, setup_bangkok, NULL);
}
