/*
 * test_console_layout.c - the officer console's pure parts: its geometry for
 * window sizes from tiny to large, the key table (every action exactly one
 * key, no key bound twice, keypad aliases), and the call-order preview
 * against the queue rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <SDL2/SDL_keycode.h>

#include "console_layout.h"
#include "counter_screen.h"

/* r lies inside a w x h window. */
static bool
inside(SDL_Rect r, int w, int h)
{
	return r.x >= 0 && r.y >= 0 && r.w >= 0 && r.h >= 0 && r.x + r.w <= w && r.y + r.h <= h;
}

/* a and b share no pixel. */
static bool
disjoint(SDL_Rect a, SDL_Rect b)
{
	return a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
}

static void
test_console_layout_fits_every_size(void **state)
{
	static const int sizes[][2] = {{320, 240},   {640, 480}, {820, 560}, {1024, 768},
	                               {1920, 1080}, {500, 900}, {1280, 400}};

	(void)state;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int w = sizes[s][0], h = sizes[s][1];
		struct console_layout l;
		console_layout_compute(w, h, 0, &l);
		SDL_Rect panels[] = {l.header, l.banner, l.current, l.queue, l.stats, l.status};
		size_t np = sizeof(panels) / sizeof(panels[0]);
		for (size_t i = 0; i < np; i++) {
			assert_true(inside(panels[i], w, h));
			for (size_t j = i + 1; j < np; j++)
				assert_true(disjoint(panels[i], panels[j]));
		}
		for (int a = 0; a < CONSOLE_ACTION_COUNT; a++) {
			assert_true(inside(l.button[a], w, h));
			assert_true(l.button[a].w > 0 && l.button[a].h > 0);
			for (size_t i = 0; i < np; i++)
				assert_true(disjoint(l.button[a], panels[i]));
			for (int b = a + 1; b < CONSOLE_ACTION_COUNT; b++)
				assert_true(disjoint(l.button[a], l.button[b]));
		}
		assert_true(l.font_small <= l.font_body && l.font_body <= l.font_big);
		assert_true(l.font_code >= l.font_body);
		assert_true(l.button_cols * l.button_rows >= CONSOLE_ACTION_COUNT);
	}
}

static void
test_console_layout_hits(void **state)
{
	struct console_layout l;

	(void)state;
	console_layout_compute(820, 560, 0, &l);
	for (int a = 0; a < CONSOLE_ACTION_COUNT; a++) {
		SDL_Rect r = l.button[a];
		assert_int_equal(console_layout_button_at(&l, r.x + r.w / 2, r.y + r.h / 2), a);
		assert_int_equal(console_layout_button_at(&l, r.x, r.y), a);
	}
	assert_int_equal(console_layout_button_at(&l, 0, 0), -1);
	assert_int_equal(console_layout_choice_at(&l, 400, 300), -1);
}

static void
test_console_layout_chooser(void **state)
{
	struct console_layout l;

	(void)state;
	for (size_t n = 1; n <= CONSOLE_CHOICES_MAX + 3; n++) {
		console_layout_compute(820, 560, n, &l);
		size_t shown = n > CONSOLE_CHOICES_MAX ? CONSOLE_CHOICES_MAX : n;
		assert_int_equal(l.n_choices, shown);
		assert_true(inside(l.chooser, 820, 560));
		for (size_t i = 0; i < shown; i++) {
			SDL_Rect r = l.choice[i];
			assert_true(r.h > 0);
			assert_true(r.x >= l.chooser.x && r.x + r.w <= l.chooser.x + l.chooser.w);
			assert_true(r.y >= l.chooser.y && r.y + r.h <= l.chooser.y + l.chooser.h);
			assert_int_equal(console_layout_choice_at(&l, r.x + 1, r.y + 1), (int)i);
			if (i)
				assert_true(disjoint(r, l.choice[i - 1]));
		}
	}
	/* A tiny window keeps the chooser inside; rows that do not fit are empty. */
	console_layout_compute(320, 240, CONSOLE_CHOICES_MAX, &l);
	assert_true(inside(l.chooser, 320, 240));
	for (size_t i = 0; i < l.n_choices; i++)
		if (l.choice[i].h)
			assert_true(l.choice[i].y + l.choice[i].h <= l.chooser.y + l.chooser.h);
}

static void
test_console_keys_one_per_action(void **state)
{
	int count[CONSOLE_ACTION_COUNT] = {0};

	(void)state;
	for (size_t i = 0; i < console_n_keys; i++) {
		assert_true(console_keys[i].action < CONSOLE_ACTION_COUNT);
		count[console_keys[i].action]++;
		assert_non_null(console_keys[i].label);
		for (size_t j = i + 1; j < console_n_keys; j++)
			assert_int_not_equal(console_keys[i].key, console_keys[j].key);
		/* An alias never shadows a binding. */
		for (size_t j = 0; j < console_n_key_aliases; j++)
			assert_int_not_equal(console_key_aliases[j].from, console_keys[i].key);
		assert_int_equal(console_key_action(console_keys[i].key), console_keys[i].action);
		assert_ptr_equal(console_key_of(console_keys[i].action), &console_keys[i]);
	}
	for (int a = 0; a < CONSOLE_ACTION_COUNT; a++)
		assert_int_equal(count[a], 1);
	/* Every alias leads to a bound key. */
	for (size_t j = 0; j < console_n_key_aliases; j++)
		assert_true(console_key_action(console_key_aliases[j].from) >= 0);
	assert_int_equal(console_key_action(SDLK_RETURN), CONSOLE_NEXT);
	assert_int_equal(console_key_action(SDLK_KP_ENTER), CONSOLE_NEXT);
	assert_int_equal(console_key_action(SDLK_KP_PLUS), CONSOLE_RECALL);
	assert_int_equal(console_key_action(SDLK_a), -1);
	assert_int_equal(console_key_action(SDLK_SPACE), -1);
}

/* A config with services A and B and a counter serving A, B. */
static void
office(struct config *cfg, enum counter_policy policy)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->services[0].id, sizeof(cfg->services[0].id), "A");
	snprintf(cfg->services[1].id, sizeof(cfg->services[1].id), "B");
	cfg->n_services = 2;
	cfg->priority_cap = 2;
	cfg->booking_cap = 1;
	cfg->park_return_minutes = 10;
	cfg->counters[0] = (struct config_counter){
	    .number = 1, .services = {0, 1}, .n_services = 2, .policy = policy};
	cfg->n_counters = 1;
}

/* A waiting ticket. */
static struct store_ticket
ticket(int64_t id, const char *service, const char *priority)
{
	struct store_ticket t = {.id = id, .state = TICKET_WAITING};

	snprintf(t.code, sizeof(t.code), "%s%03d", service, (int)id);
	snprintf(t.service, sizeof(t.service), "%s", service);
	snprintf(t.priority, sizeof(t.priority), "%s", priority);
	return t;
}

static void
test_console_call_order_follows_rules(void **state)
{
	struct config cfg;
	struct store_ticket t[7];
	size_t order[7], n;

	(void)state;
	office(&cfg, COUNTER_POLICY_OLDEST);
	t[0] = ticket(1, "A", "");
	t[1] = ticket(2, "B", "");
	t[2] = ticket(3, "A", "elderly");
	t[3] = ticket(4, "B", "monk");
	t[4] = ticket(5, "A", "pregnant");
	t[5] = ticket(6, "B", "");
	t[6] = ticket(7, "A", "");
	t[6].state = TICKET_PARKED;
	t[6].state_ms = 1000000; /* parked just now: still away */
	counter_call_order(&cfg, &cfg.counters[0], t, 7, (struct queue_streaks){0}, 1000000 + 60000,
	                   order, &n);
	assert_int_equal(n, 7);
	/* Two priority tickets (cap 2), then the oldest normal, then priority again. */
	assert_int_equal(t[order[0]].id, 3);
	assert_int_equal(t[order[1]].id, 4);
	assert_int_equal(t[order[2]].id, 1);
	assert_int_equal(t[order[3]].id, 5);
	assert_int_equal(t[order[4]].id, 2);
	assert_int_equal(t[order[5]].id, 6);
	assert_int_equal(t[order[6]].id, 7); /* the parked one last */
	/* Past park_return_minutes it has rejoined, in its place by arrival. */
	counter_call_order(&cfg, &cfg.counters[0], t, 7, (struct queue_streaks){0},
	                   1000000 + 11 * 60000, order, &n);
	assert_int_equal(t[order[6]].id, 7);
	office(&cfg, COUNTER_POLICY_IN_ORDER);
	for (int i = 0; i < 7; i++)
		t[i].priority[0] = '\0';
	t[6].state = TICKET_WAITING;
	counter_call_order(&cfg, &cfg.counters[0], t, 7, (struct queue_streaks){0}, 0, order, &n);
	/* Service A first (ids 1, 3, 5, 7), then B. */
	int64_t want[] = {1, 3, 5, 7, 2, 4, 6};
	for (size_t i = 0; i < 7; i++)
		assert_int_equal(t[order[i]].id, want[i]);
	/* Checked-in bookings of B go before A's walk-ins, one at a time (cap 1). */
	t[3].booked = t[5].booked = true;
	counter_call_order(&cfg, &cfg.counters[0], t, 7, (struct queue_streaks){0}, 0, order, &n);
	int64_t booked_first[] = {4, 1, 6, 3, 5, 7, 2};
	for (size_t i = 0; i < 7; i++)
		assert_int_equal(t[order[i]].id, booked_first[i]);
}

static void
test_console_format_duration(void **state)
{
	char out[16];

	(void)state;
	console_format_duration(0, out, sizeof(out));
	assert_string_equal(out, "0");
	console_format_duration(-5000, out, sizeof(out));
	assert_string_equal(out, "0");
	console_format_duration(59 * 60000 + 59999, out, sizeof(out));
	assert_string_equal(out, "59");
	console_format_duration(125 * 60000, out, sizeof(out));
	assert_string_equal(out, "2:05");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_console_layout_fits_every_size),
	    cmocka_unit_test(test_console_layout_hits),
	    cmocka_unit_test(test_console_layout_chooser),
	    cmocka_unit_test(test_console_keys_one_per_action),
	    cmocka_unit_test(test_console_call_order_follows_rules),
	    cmocka_unit_test(test_console_format_duration),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
