/*
 * Unit tests of kiosk/ticket_layout.c: every screen at every size from
 * 800x480 to 1920x1080, portrait and landscape, standard and wheelchair,
 * stays inside the window, keeps its controls apart and large enough, and
 * in the wheelchair layout keeps them low; and the words built from the
 * demo config.
 *
 * With arguments, `test_ticket_layout --print W H [wheelchair]` prints the
 * centre of every control ("home.service.0 323 309"), so that the
 * end-to-end test taps where the kiosk really draws.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "thaitime.h"
#include "ticket_layout.h"

static const int sizes[][2] = {
    {800, 480},  {480, 800},  {1024, 600}, {1024, 768},  {768, 1024},
    {1280, 800}, {800, 1280}, {1366, 768}, {1920, 1080}, {1080, 1920},
};

/* Smallest control height a finger hits reliably at these sizes. */
#define MIN_CONTROL_PX 44

/* Check one control: inside, tall enough, low enough for a wheelchair. */
static void
check_control(struct box r, int w, int h, bool wheelchair, const char *what)
{
	if (!tl_inside(r, w, h) || r.h < MIN_CONTROL_PX || r.w < MIN_CONTROL_PX)
		fail_msg("%dx%d%s: %s at %d,%d %dx%d is outside or too small", w, h,
		         wheelchair ? " wheelchair" : "", what, r.x, r.y, r.w, r.h);
	if (wheelchair && r.y * 100 < h * TL_REACH_TOP_PERCENT)
		fail_msg("%dx%d wheelchair: %s starts at y=%d, above the reach line", w, h, what,
		         r.y);
}

/* No two of n rectangles overlap. */
static void
check_apart(const struct box *r, size_t n, int w, int h, const char *screen)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (box_overlap(r[i], r[j]))
				fail_msg("%dx%d %s: items %zu and %zu overlap", w, h, screen, i, j);
}

static void
test_ticket_layout_type_is_large(void **state)
{
	struct tl_type t;

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		tl_type_for(sizes[i][0], sizes[i][1], &t);
		assert_true(t.body >= 22);
		assert_true(t.small >= 18);
		assert_true(t.button >= t.body);
		assert_true(t.title >= t.body);
	}
	tl_type_for(1920, 1080, &t);
	assert_true(t.body > 40);
}

static void
test_ticket_layout_home_fits_every_size(void **state)
{
	static const size_t counts[] = {1, 2, 4, 6, 8};

	(void)state;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int w = sizes[s][0], h = sizes[s][1];

		for (int wc = 0; wc < 2; wc++) {
			for (size_t c = 0; c < 2 * sizeof(counts) / sizeof(counts[0]); c++) {
				struct tl_home L;
				struct box all[CONFIG_MAX_SERVICES + 4];
				size_t n = 0;
				bool booking = c % 2;

				tl_home(w, h, wc, counts[c / 2], booking, &L);
				assert_int_equal(L.n_services, counts[c / 2]);
				assert_true(tl_inside(L.header, w, h));
				assert_true(tl_inside(L.prompt, w, h));
				assert_true(tl_inside(L.notice, w, h));
				check_control(L.lang, w, h, wc, "language");
				check_control(L.priority, w, h, wc, "priority");
				all[n++] = L.header;
				all[n++] = L.lang;
				all[n++] = L.priority;
				if (booking) {
					check_control(L.booking, w, h, wc, "booking");
					all[n++] = L.booking;
				} else {
					assert_int_equal(L.booking.w * L.booking.h, 0);
				}
				for (size_t i = 0; i < L.n_services; i++) {
					check_control(L.services[i], w, h, wc, "service");
					all[n++] = L.services[i];
				}
				check_apart(all, n, w, h, "home");
				assert_false(box_overlap(L.prompt, L.services[0]));
				/* Three lines of words fit in a service button. */
				assert_true(LAYOUT_LINE(L.svc_main) + LAYOUT_LINE(L.svc_second) +
				                LAYOUT_LINE(L.svc_info) <=
				            L.services[0].h);
			}
		}
	}
}

static void
test_ticket_layout_priority_and_advice_fit(void **state)
{
	(void)state;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int w = sizes[s][0], h = sizes[s][1];

		for (int wc = 0; wc < 2; wc++) {
			struct tl_priority P;
			struct tl_advice A;
			struct box all[CONFIG_MAX_PRIORITIES + 2];
			size_t n = 0;

			tl_priority(w, h, wc, 4, &P);
			all[n++] = P.title;
			check_control(P.cancel, w, h, wc, "cancel");
			all[n++] = P.cancel;
			for (size_t i = 0; i < P.n_classes; i++) {
				check_control(P.classes[i], w, h, wc, "class");
				all[n++] = P.classes[i];
			}
			check_apart(all, n, w, h, "priority");

			tl_advice(w, h, wc, &A);
			check_control(A.take, w, h, wc, "take");
			check_control(A.back, w, h, wc, "back");
			check_control(A.info, w, h, wc, "info");
			assert_true(tl_inside(A.title, w, h));
			assert_true(tl_inside(A.bring, w, h));
			assert_true(tl_inside(A.steps, w, h));
			assert_true(tl_inside(A.wait, w, h));
			const struct box adv[] = {A.title, A.bring, A.steps, A.wait,
			                          A.take,  A.back,  A.info};
			check_apart(adv, sizeof(adv) / sizeof(adv[0]), w, h, "advice");
			/* Take a ticket is the largest control. */
			assert_true(A.take.w * A.take.h >= A.back.w * A.back.h);
			assert_true(A.take.w * A.take.h >= A.info.w * A.info.h);
			assert_true(A.bring.h >= LAYOUT_LINE(A.type.body) * 3);
		}
	}
}

/* The keypad: every key a control, apart, in one grid, the code above them. */
static void
test_ticket_layout_checkin_and_result_fit(void **state)
{
	(void)state;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int w = sizes[s][0], h = sizes[s][1];

		for (int wc = 0; wc < 2; wc++) {
			struct tl_checkin C;
			struct box all[TL_CHECKIN_KEYS + 5];
			size_t n = 0;

			tl_checkin(w, h, wc, &C);
			assert_true(tl_inside(C.title, w, h));
			assert_true(tl_inside(C.code, w, h));
			assert_true(C.code.h >= LAYOUT_LINE(C.code_px));
			all[n++] = C.title;
			all[n++] = C.code;
			check_control(C.cancel, w, h, wc, "cancel");
			check_control(C.erase, w, h, wc, "delete");
			check_control(C.ok, w, h, wc, "ok");
			all[n++] = C.cancel;
			all[n++] = C.erase;
			all[n++] = C.ok;
			for (int i = 0; i < TL_CHECKIN_KEYS; i++) {
				check_control(C.keys[i], w, h, wc, "key");
				all[n++] = C.keys[i];
				/* Big keys: every one as large as the first. */
				assert_int_equal(C.keys[i].w, C.keys[0].w);
				assert_int_equal(C.keys[i].h, C.keys[0].h);
			}
			check_apart(all, n, w, h, "checkin");
			/* OK, the action, is the largest control of its row. */
			assert_true(C.ok.w >= C.cancel.w && C.ok.w >= C.erase.w);

			for (int walkin = 0; walkin < 2; walkin++) {
				struct tl_result R;

				tl_result(w, h, wc, walkin, &R);
				assert_true(tl_inside(R.message, w, h));
				check_control(R.done, w, h, wc, "done");
				assert_true(R.message.h >= LAYOUT_LINE(R.type.heading) * 3);
				if (walkin) {
					const struct box parts[] = {R.message, R.done, R.walkin};

					check_control(R.walkin, w, h, wc, "walk-in");
					check_apart(parts, 3, w, h, "result");
				} else {
					assert_false(box_overlap(R.message, R.done));
				}
			}
		}
	}
}

static void
test_ticket_layout_ticket_number_is_very_large(void **state)
{
	(void)state;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int w = sizes[s][0], h = sizes[s][1];

		for (int qr = 0; qr < 2; qr++) {
			struct tl_ticket T;

			tl_ticket(w, h, false, qr, &T);
			check_control(T.done, w, h, false, "done");
			assert_true(tl_inside(T.number, w, h));
			assert_true(tl_inside(T.details, w, h));
			/* The digits' ink stays in the number's box, and it is large. */
			assert_true(T.number_text_y + T.number_px * TL_DIGIT_TOP_PERCENT / 100 >=
			            T.number.y);
			assert_true(T.number_px * (TL_DIGIT_TOP_PERCENT + TL_DIGIT_HEIGHT_PERCENT) /
			                    100 +
			                T.number_text_y <=
			            T.number.y + T.number.h);
			assert_true(T.number_px >= 3 * T.type.button);
			assert_true(T.number_px * 26 / 10 <= T.number.w);
			/* Printed: the "take your ticket" line instead of the QR code. */
			struct box parts[] = {T.label, T.number,           T.service, T.details,
			                      T.done,  qr ? T.qr : T.take, T.fault};
			check_apart(parts, qr ? 7 : 6, w, h, "ticket");
			if (!qr)
				assert_true(T.take.h >=
				            LAYOUT_LINE(T.type.body) + LAYOUT_LINE(T.type.small));
			if (qr) {
				int shorter = w < h ? w : h;

				assert_true(tl_inside(T.qr, w, h));
				assert_int_equal(T.qr.w, T.qr.h);
				/* Large enough to photograph: a quarter of the shorter side. */
				if (T.qr.w * 4 < shorter)
					fail_msg("%dx%d: QR code %d px is too small", w, h, T.qr.w);
				assert_true(tl_inside(T.fault, w, h));
			}
		}
	}
}

/* The demo config, from the source tree. */
static struct config *
demo_config(void)
{
	const char *src = getenv("SADUAK_SOURCE_DIR");
	char path[1024];
	struct config *cfg = NULL;
	struct sq_error err = {0};

	snprintf(path, sizeof(path), "%s/config/demo.ini", src ? src : "..");
	if (config_load(path, &cfg, &err) != SQ_OK)
		fail_msg("%s", err.msg);
	return cfg;
}

static void
test_ticket_layout_counters_text(void **state)
{
	struct config *cfg = demo_config();
	char buf[256];

	(void)state;
	tl_counters_text(cfg, (size_t)config_service_index(cfg, "A"), false, buf, sizeof(buf));
	assert_string_equal(buf, "ช่อง 2, 3 ชั้น 1");
	tl_counters_text(cfg, (size_t)config_service_index(cfg, "A"), true, buf, sizeof(buf));
	assert_string_equal(buf, "Counters 2, 3 — Floor 1");
	tl_counters_text(cfg, (size_t)config_service_index(cfg, "D"), true, buf, sizeof(buf));
	assert_string_equal(
	    buf, "Counter 1 — Floor 1, by the entrance · Counter 4 — Floor 2, complaints room");
	tl_counters_text(cfg, (size_t)config_service_index(cfg, "D"), false, buf, sizeof(buf));
	assert_string_equal(buf, "ช่อง 1 ชั้น 1 ใกล้ทางเข้า · ช่อง 4 ชั้น 2 ห้องรับเรื่องร้องเรียน");
	/* Truncated, never overrun. */
	tl_counters_text(cfg, (size_t)config_service_index(cfg, "D"), true, buf, 12);
	assert_true(strlen(buf) < 12);
	config_free(cfg);
}

static void
test_ticket_layout_opens_text(void **state)
{
	struct config *cfg = demo_config();
	const struct config_service *b = config_service_find(cfg, "B");
	struct service_hours_state hs;
	struct local_time lt;
	char buf[128];

	(void)state;
	/* Monday 23 Nov 2026 07:00: opens today 08:30. */
	thaitime_local(thaitime_utc_ms(2026, 11, 23, 7, 0), &lt);
	config_service_hours(b, &lt, &hs);
	assert_false(hs.open);
	tl_opens_text(&hs, lt.minute_of_day, false, buf, sizeof(buf));
	assert_string_equal(buf, "เปิดวันนี้ 08:30 น.");
	tl_opens_text(&hs, lt.minute_of_day, true, buf, sizeof(buf));
	assert_string_equal(buf, "Opens today 08:30");
	/* Monday 18:00: tomorrow. */
	thaitime_local(thaitime_utc_ms(2026, 11, 23, 18, 0), &lt);
	config_service_hours(b, &lt, &hs);
	tl_opens_text(&hs, lt.minute_of_day, true, buf, sizeof(buf));
	assert_string_equal(buf, "Opens tomorrow 08:30");
	/* Saturday noon: Monday. */
	thaitime_local(thaitime_utc_ms(2026, 11, 28, 12, 0), &lt);
	config_service_hours(b, &lt, &hs);
	tl_opens_text(&hs, lt.minute_of_day, true, buf, sizeof(buf));
	assert_string_equal(buf, "Opens Mon 08:30");
	tl_opens_text(&hs, lt.minute_of_day, false, buf, sizeof(buf));
	assert_string_equal(buf, "เปิดวันจันทร์ 08:30 น.");
	hs.next_open_in_minutes = -1;
	tl_opens_text(&hs, lt.minute_of_day, true, buf, sizeof(buf));
	assert_string_equal(buf, "Closed");
	config_free(cfg);
}

static void
test_ticket_layout_waiting_text(void **state)
{
	const struct estimate none = {.kind = ESTIMATE_MINUTES};
	const struct estimate about = {
	    .kind = ESTIMATE_MINUTES, .minutes = 12, .low = 12, .high = 12};
	const struct estimate range = {
	    .kind = ESTIMATE_RANGE, .minutes = 20, .low = 15, .high = 25};
	const struct estimate closed = {.kind = ESTIMATE_NO_COUNTER};
	char buf[128];

	(void)state;
	tl_waiting_text(0, &none, false, buf, sizeof(buf));
	assert_string_equal(buf, "ไม่มีคิวรอ");
	tl_waiting_text(3, &about, false, buf, sizeof(buf));
	assert_string_equal(buf, "รอ 3 คิว · ประมาณ 12 นาที");
	tl_waiting_text(3, &about, true, buf, sizeof(buf));
	assert_string_equal(buf, "3 waiting · about 12 min");
	tl_waiting_text(3, &range, true, buf, sizeof(buf));
	assert_string_equal(buf, "3 waiting · 15-25 min");
	/* No counter open: said instead of a number, even with nobody waiting. */
	tl_waiting_text(3, &closed, false, buf, sizeof(buf));
	assert_string_equal(buf, "รอ 3 คิว · ยังไม่มีช่องเปิดให้บริการ");
	tl_waiting_text(0, &closed, true, buf, sizeof(buf));
	assert_string_equal(buf, "No counter open yet");
}

/* Print one control's centre. */
static void
put(const char *name, size_t i, struct box r)
{
	printf("%s.%zu %d %d\n", name, i, r.x + r.w / 2, r.y + r.h / 2);
}

/* --print W H [wheelchair] [services] [classes]: centres of the controls. */
static int
print_controls(int argc, char **argv)
{
	int w = atoi(argv[2]), h = atoi(argv[3]);
	bool wc = argc > 4 && strcmp(argv[4], "wheelchair") == 0;
	size_t ns = argc > 5 ? (size_t)atoi(argv[5]) : 4, np = argc > 6 ? (size_t)atoi(argv[6]) : 4;
	struct tl_home H;
	struct tl_priority P;
	struct tl_advice A;
	struct tl_ticket T;
	struct tl_checkin C;
	struct tl_result R;

	tl_home(w, h, wc, ns, true, &H);
	tl_checkin(w, h, wc, &C);
	tl_priority(w, h, wc, np, &P);
	tl_advice(w, h, wc, &A);
	tl_ticket(w, h, wc, false, &T);
	put("home.lang", 0, H.lang);
	put("home.priority", 0, H.priority);
	put("home.booking", 0, H.booking);
	for (size_t i = 0; i < H.n_services; i++)
		put("home.service", i, H.services[i]);
	for (size_t i = 0; i < P.n_classes; i++)
		put("priority.class", i, P.classes[i]);
	put("priority.cancel", 0, P.cancel);
	put("advice.take", 0, A.take);
	put("advice.back", 0, A.back);
	put("advice.info", 0, A.info);
	put("ticket.done", 0, T.done);
	tl_ticket(w, h, wc, true, &T);
	put("ticket.done_qr", 0, T.done);
	/* Keys by their character: checkin.key.K */
	for (int i = 0; i < TL_CHECKIN_KEYS; i++)
		printf("checkin.key.%c %d %d\n", BOOKING_ALPHABET[i], C.keys[i].x + C.keys[i].w / 2,
		       C.keys[i].y + C.keys[i].h / 2);
	put("checkin.cancel", 0, C.cancel);
	put("checkin.erase", 0, C.erase);
	put("checkin.ok", 0, C.ok);
	tl_result(w, h, wc, false, &R);
	put("result.done", 0, R.done);
	tl_result(w, h, wc, true, &R);
	put("result.done_walkin", 0, R.done);
	put("result.walkin", 0, R.walkin);
	return 0;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ticket_layout_type_is_large),
	    cmocka_unit_test(test_ticket_layout_home_fits_every_size),
	    cmocka_unit_test(test_ticket_layout_priority_and_advice_fit),
	    cmocka_unit_test(test_ticket_layout_checkin_and_result_fit),
	    cmocka_unit_test(test_ticket_layout_ticket_number_is_very_large),
	    cmocka_unit_test(test_ticket_layout_counters_text),
	    cmocka_unit_test(test_ticket_layout_opens_text),
	    cmocka_unit_test(test_ticket_layout_waiting_text),
	};

	if (argc >= 4 && strcmp(argv[1], "--print") == 0)
		return print_controls(argc, argv);
	if (thaitime_set_zone("Asia/Bangkok", NULL) != SQ_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
