/*
 * Tests of the booking pages' pure parts: the rate limit per address
 * (driven by a fake clock), the paths under /book and the booking form,
 * the pages' escaping and their QR code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web_book_input.h"
#include "web_book_page.h"
#include "web_qr.h"
#include "web_ratelimit.h"

#define HOUR_MS 3600000LL

/* A burst at once, then one per hour / per_hour; a refusal says when, and does not count. */
static void
test_web_ratelimit_bucket(void **state)
{
	struct web_ratelimit *rl = malloc(sizeof(*rl));
	int64_t t = 1000000;
	int retry;

	(void)state;
	assert_non_null(rl);
	web_ratelimit_init(rl, 6, 3); /* one every 10 minutes after 3 at once */
	for (int i = 0; i < 3; i++)
		assert_true(web_ratelimit_take(rl, "192.0.2.1", t, &retry));
	assert_false(web_ratelimit_take(rl, "192.0.2.1", t, &retry));
	assert_int_equal(retry, 600);
	/* Asking how long counts nothing, for a known address or a new one. */
	for (int i = 0; i < 5; i++) {
		assert_int_equal(web_ratelimit_wait(rl, "192.0.2.1", t), 600);
		assert_int_equal(web_ratelimit_wait(rl, "192.0.2.9", t), 0);
	}
	/* Refusals do not push the next one further away. */
	for (int i = 0; i < 50; i++)
		assert_false(web_ratelimit_take(rl, "192.0.2.1", t + 1000, NULL));
	assert_false(web_ratelimit_take(rl, "192.0.2.1", t + 599999, &retry));
	assert_int_equal(retry, 1);
	assert_int_equal(web_ratelimit_wait(rl, "192.0.2.1", t + 600000), 0);
	assert_true(web_ratelimit_take(rl, "192.0.2.1", t + 600000, &retry));
	assert_int_equal(retry, 0);
	assert_false(web_ratelimit_take(rl, "192.0.2.1", t + 600000, NULL));
	/* Another address has its own bucket; the one only asked about has a full one. */
	assert_true(web_ratelimit_take(rl, "2001:db8::1", t, NULL));
	for (int i = 0; i < 3; i++)
		assert_true(web_ratelimit_take(rl, "192.0.2.9", t, NULL));
	/* Silent for an hour: the whole burst again, never more. */
	t += 2 * HOUR_MS;
	for (int i = 0; i < 3; i++)
		assert_true(web_ratelimit_take(rl, "192.0.2.1", t, NULL));
	assert_false(web_ratelimit_take(rl, "192.0.2.1", t, NULL));
	free(rl);
}

/* A full table forgets the address nearest its full burst, never a limited one first. */
static void
test_web_ratelimit_table_full(void **state)
{
	struct web_ratelimit *rl = malloc(sizeof(*rl));
	char key[48];

	(void)state;
	assert_non_null(rl);
	web_ratelimit_init(rl, 1, 1);
	/* The flooder is limited first, then the table fills with others. */
	assert_true(web_ratelimit_take(rl, "10.0.0.1", 0, NULL));
	for (int i = 0; i < WEB_RATELIMIT_KEYS - 1; i++) {
		snprintf(key, sizeof(key), "10.1.%d.%d", i / 256, i % 256);
		assert_true(web_ratelimit_take(rl, key, 1000 + i, NULL));
	}
	/* A newcomer takes the slot of the oldest entry, the flooder's: nearest full. */
	assert_true(web_ratelimit_take(rl, "10.2.0.1", 5000, NULL));
	/* Later newcomers push out the next oldest, never the newest limited ones. */
	assert_false(web_ratelimit_take(rl, "10.1.3.254", 5000, NULL));
	free(rl);
}

/* Every path of web_book_input.h, and what is not one of them. */
static void
test_web_book_path(void **state)
{
	struct web_book_path p;

	(void)state;
	assert_true(web_book_path_parse("", &p));
	assert_int_equal(p.kind, WEB_BOOK_SERVICES);
	assert_true(web_book_path_parse("/new/AB", &p));
	assert_int_equal(p.kind, WEB_BOOK_DAYS);
	assert_string_equal(p.service, "AB");
	assert_true(web_book_path_parse("/new/A/20261208", &p));
	assert_int_equal(p.kind, WEB_BOOK_SLOTS);
	assert_int_equal(p.day, 20261208);
	assert_true(web_book_path_parse("/new/A/20240229/0830", &p));
	assert_int_equal(p.kind, WEB_BOOK_FORM);
	assert_int_equal(p.minute, 510);
	assert_true(web_book_path_parse("/k7m-p2q", &p));
	assert_int_equal(p.kind, WEB_BOOK_CODE);
	assert_string_equal(p.code, "K7MP2Q");
	assert_true(web_book_path_parse("/K7MP2Q/cancel", &p));
	assert_int_equal(p.kind, WEB_BOOK_CANCEL);

	static const char *const bad[] = {
	    "/",
	    "x",
	    "/new",
	    "/new/",
	    "/new/a",
	    "/new/ABC",
	    "/new/A/",
	    "/new/A/2026128",
	    "/new/A/20261301",
	    "/new/A/20250229",
	    "/new/A/20261208/2400",
	    "/new/A/20261208/0860",
	    "/new/A/20261208/830",
	    "/new/A/20261208/0830/",
	    "/new/A/20261208/0830/x",
	    "/K7MP2O",
	    "/K7MP2",
	    "/K7MP2Q/",
	    "/K7MP2Q/cancelx",
	    "/K7MP2Q/cancel/",
	    "/../etc/passwd",
	    "/K7M-P2Q-K7M-P2Q-K7M",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (web_book_path_parse(bad[i], &p))
			fail_msg("'%s' was taken for a booking path", bad[i]);
	}
}

/* The form: its fields checked, the ID number's spaces dropped, the note's length. */
static void
test_web_book_form(void **state)
{
	struct web_book_form f;
	char body[1024], note[STORE_BOOKING_NOTE_MAX + 2];

	(void)state;
	assert_int_equal(
	    web_book_form_parse("csrf=abc&service=A&day=20261208&slot=0830&note="
	                        "%E0%B8%95%E0%B9%88%E0%B8%AD+%E0%B8%9A%E0%B8%B1%E0%B8%95%E0%B8%A3"
	                        "&cid=1+2345-67890+12+1",
	                        &f),
	    WEB_BOOK_FORM_OK);
	assert_string_equal(f.csrf, "abc");
	assert_string_equal(f.service, "A");
	assert_int_equal(f.day, 20261208);
	assert_int_equal(f.minute, 510);
	assert_string_equal(f.note, "ต่อ บัตร");
	assert_string_equal(f.cid, "1234567890121");
	assert_int_equal(web_book_form_parse("csrf=a&service=A&day=20261208&slot=0830", &f),
	                 WEB_BOOK_FORM_OK);
	assert_string_equal(f.note, "");
	assert_string_equal(f.cid, "");

	assert_int_equal(web_book_form_parse("service=A&day=20261208&slot=0830", &f),
	                 WEB_BOOK_FORM_BAD);
	assert_int_equal(web_book_form_parse("csrf=a&service=a&day=20261208&slot=0830", &f),
	                 WEB_BOOK_FORM_BAD);
	assert_int_equal(web_book_form_parse("csrf=a&service=A&day=20261232&slot=0830", &f),
	                 WEB_BOOK_FORM_BAD);
	assert_int_equal(web_book_form_parse("csrf=a&service=A&day=20261208&slot=8:30", &f),
	                 WEB_BOOK_FORM_BAD);
	assert_int_equal(web_book_form_parse("csrf=a&service=A&day=20261208&slot=0830&cid=123", &f),
	                 WEB_BOOK_FORM_BAD_ID);
	assert_int_equal(
	    web_book_form_parse("csrf=a&service=A&day=20261208&slot=0830&cid=12345678901234", &f),
	    WEB_BOOK_FORM_BAD_ID);
	assert_int_equal(
	    web_book_form_parse("csrf=a&service=A&day=20261208&slot=0830&cid=123456789012x", &f),
	    WEB_BOOK_FORM_BAD_ID);
	assert_int_equal(
	    web_book_form_parse("csrf=a&service=A&day=20261208&slot=0830&note=%FF", &f),
	    WEB_BOOK_FORM_BAD);

	memset(note, 'x', sizeof(note) - 1);
	note[STORE_BOOKING_NOTE_MAX] = '\0';
	snprintf(body, sizeof(body), "csrf=a&service=A&day=20261208&slot=0830&note=%s", note);
	assert_int_equal(web_book_form_parse(body, &f), WEB_BOOK_FORM_OK);
	assert_int_equal(strlen(f.note), STORE_BOOKING_NOTE_MAX);
	note[STORE_BOOKING_NOTE_MAX] = 'x';
	note[STORE_BOOKING_NOTE_MAX + 1] = '\0';
	snprintf(body, sizeof(body), "csrf=a&service=A&day=20261208&slot=0830&note=%s", note);
	assert_int_equal(web_book_form_parse(body, &f), WEB_BOOK_FORM_NOTE_LONG);
}

/* A booking's page: the code, its QR as inline SVG, the window, the note escaped. */
static void
test_web_book_page_booking(void **state)
{
	struct config cfg;
	struct config_service svc;
	struct store_booking bk;
	struct web_buf b = {0};
	struct web_book_ctx x = {.csrf = "tok<en"};

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	memset(&svc, 0, sizeof(svc));
	memset(&bk, 0, sizeof(bk));
	cfg.office_name = (struct bilingual){.th = "สำนักงาน", .en = "Office"};
	snprintf(svc.id, sizeof(svc.id), "A");
	svc.name = (struct bilingual){.th = "<script>x</script>", .en = "A"};
	svc.booking = (struct service_booking){.slot_minutes = 20,
	                                       .per_slot = 3,
	                                       .days_ahead = 30,
	                                       .checkin_early_minutes = 30,
	                                       .checkin_late_minutes = 15};
	snprintf(bk.code, sizeof(bk.code), "K7MP2Q");
	snprintf(bk.service, sizeof(bk.service), "A");
	snprintf(bk.note, sizeof(bk.note), "<img src=x>");
	bk.day = 20261208;
	bk.slot_minute = 8 * 60 + 30;
	bk.state = STORE_BOOKING_BOOKED;
	x.cfg = &cfg;
	web_book_page_booking(&b, &x, &svc, &bk, 1);
	assert_true(web_buf_ok(&b));
	assert_true(b.len < 30 * 1024);
	assert_non_null(strstr(b.data, ">K7MP2Q<"));
	assert_non_null(strstr(b.data, "อ. 8 ธ.ค. 2569"));
	assert_non_null(strstr(b.data, "08:30–08:50"));
	assert_non_null(strstr(b.data, "ระหว่าง 08:00 ถึง 08:45"));
	assert_non_null(strstr(b.data, "<svg class=qr"));
	assert_non_null(strstr(b.data, "/book/K7MP2Q/cancel\""));
	assert_non_null(strstr(b.data, "value=\"tok&lt;en\""));
	assert_non_null(strstr(b.data, "&lt;script&gt;"));
	assert_non_null(strstr(b.data, "&lt;img src=x&gt;"));
	assert_null(strstr(b.data, "<script>x"));
	assert_null(strstr(b.data, "<img"));
	assert_null(strstr(b.data, "บัตรประจำตัวประชาชน"));
	web_buf_release(&b);

	/* Made with an ID number: the card checks in too. */
	memset(bk.id_hash, 'a', STORE_BOOKING_HASH_LEN);
	web_book_page_booking(&b, &x, &svc, &bk, 1);
	assert_true(web_buf_ok(&b));
	assert_non_null(strstr(b.data, "เสียบบัตรประจำตัวประชาชนที่ตู้"));
	assert_null(strstr(b.data, "aaaa"));
	web_buf_release(&b);

	/* Checked in, no-show: the state alone, nothing to scan or cancel. */
	for (int i = 0; i < 2; i++) {
		bk.state = i ? STORE_BOOKING_NO_SHOW : STORE_BOOKING_CHECKED_IN;
		web_book_page_booking(&b, &x, &svc, &bk, 1);
		assert_true(web_buf_ok(&b));
		assert_non_null(strstr(b.data, i ? "ไม่ได้มาตามนัด" : "เช็กอินแล้ว"));
		assert_null(strstr(b.data, "<svg"));
		assert_null(strstr(b.data, "/cancel"));
		web_buf_release(&b);
	}

	/* Cancelled: its state, no QR to scan, no cancel button; English keeps ?lang=en. */
	bk.state = STORE_BOOKING_CANCELLED;
	x.en = true;
	web_book_page_booking(&b, &x, &svc, &bk, 1);
	assert_true(web_buf_ok(&b));
	assert_non_null(strstr(b.data, "data-state=\"cancelled\""));
	assert_non_null(strstr(b.data, "Tue 8 Dec 2569 BE"));
	assert_null(strstr(b.data, "<svg"));
	assert_null(strstr(b.data, "/cancel"));
	assert_non_null(strstr(b.data, "href=\"/book?lang=en\""));
	web_buf_release(&b);
}

/* The QR: a square of whole modules with its quiet zone; nothing for text it cannot hold. */
static void
test_web_qr_svg(void **state)
{
	struct web_buf b = {0};
	char big[8000];
	int side = 0;

	(void)state;
	assert_true(web_qr_svg(&b, "K7MP2Q", "K7MP2Q"));
	assert_true(web_buf_ok(&b));
	assert_int_equal(sscanf(b.data,
	                        "<svg class=qr xmlns=\"http://www.w3.org/2000/svg\" "
	                        "viewBox=\"0 0 %d",
	                        &side),
	                 1);
	/* Version 1 (21 modules) holds six characters; 4 modules of quiet zone on each side. */
	assert_int_equal(side, 21 + 8);
	assert_non_null(strstr(b.data, "M4 4h7v1h-7z")); /* the top-left finder's first row */
	web_buf_release(&b);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_false(web_qr_svg(&b, big, "too big"));
	assert_int_equal(b.len, 0);
	web_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_web_ratelimit_bucket),
	    cmocka_unit_test(test_web_ratelimit_table_full),
	    cmocka_unit_test(test_web_book_path),
	    cmocka_unit_test(test_web_book_form),
	    cmocka_unit_test(test_web_book_page_booking),
	    cmocka_unit_test(test_web_qr_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
