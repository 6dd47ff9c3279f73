/* Unit tests of the config loader (config.c): the demo office, and bad files. */
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
#include "config_value.h"
#include "thaitime.h"

static char tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/saduak-test-config-XXXXXX");
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

/* A small valid office; tests append or replace lines to break it. */
static const char *const base_config = "[office]\n"                               /* 1 */
                                       "name_th = สำนักงานทดสอบ\n"                 /* 2 */
                                       "name_en = Test Office\n"                  /* 3 */
                                       "database = queue.db\n"                    /* 4 */
                                       "\n"                                       /* 5 */
                                       "[service A]\n"                            /* 6 */
                                       "name_th = บริการเอ\n"                      /* 7 */
                                       "name_en = Service A\n"                    /* 8 */
                                       "hours = mon-fri 08:30-16:30\n"            /* 9 */
                                       "document = บัตรประจำตัวประชาชน | ID card\n" /* 10 */
                                       "\n"                                       /* 11 */
                                       "[counter 1]\n"                            /* 12 */
                                       "location_th = ชั้น 1\n"                     /* 13 */
                                       "location_en = Floor 1\n"                  /* 14 */
                                       "services = A\n";                          /* 15 */

static const char *
write_config(const char *name, const char *text)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Load base_config with extra text appended; return the error line. */
static int
load_text(const char *text, struct sq_error *err)
{
	struct config *cfg = NULL;
	int rc = config_load(write_config("test.ini", text), &cfg, err);

	if (rc == SQ_OK)
		assert_non_null(cfg);
	else
		assert_null(cfg);
	config_free(cfg);
	return rc;
}

static void
expect_error(const char *text, const char *want)
{
	struct sq_error err = {0};
	int rc = load_text(text, &err);

	print_message("want: %s\n got: %s\n", want, err.msg);
	assert_int_equal(rc, SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, want));
	assert_null(strchr(err.msg, '\n'));
}

static char *
with(const char *extra)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s%s", base_config, extra);
	return buf;
}

static void
test_config_demo_office_loads(void **state)
{
	char path[512];
	struct config *cfg = NULL;
	struct sq_error err = {0};
	const char *src = getenv("SADUAK_SOURCE_DIR");

	(void)state;
	snprintf(path, sizeof(path), "%s/config/demo.ini", src ? src : "..");
	assert_int_equal(config_load(path, &cfg, &err), SQ_OK);
	assert_int_equal(cfg->n_services, 4);
	assert_int_equal(cfg->n_counters, 4);
	assert_int_equal(cfg->n_priorities, 4);
	assert_int_equal(cfg->n_officers, 4);
	const struct config_service *a = config_service_find(cfg, "A");
	assert_non_null(a);
	assert_string_equal(a->name.en, "Pensions and civil-servant welfare");
	assert_int_equal(a->kind, SERVICE_KIND_MISSION);
	assert_int_equal(a->n_documents, 3);
	assert_string_equal(a->documents[1].th, "ทะเบียนบ้าน");
	assert_string_equal(a->documents[1].en, "House registration");
	assert_int_equal(a->n_hours, 3);
	assert_true(a->hours[1].extended);
	assert_int_equal(config_service_find(cfg, "D")->kind, SERVICE_KIND_COMPLAINT);
	assert_int_equal(config_service_find(cfg, "C")->kind, SERVICE_KIND_INFORMATION);
	const struct config_counter *c1 = config_counter_find(cfg, 1);
	assert_true(c1->reception);
	assert_int_equal(c1->policy, COUNTER_POLICY_IN_ORDER);
	assert_string_equal(cfg->services[c1->services[0]].id, "C");
	assert_non_null(strstr(cfg->database, "/config/../demo-data/queue.db"));
	assert_string_equal(config_priority_find(cfg, "monk")->name.th, "พระภิกษุสงฆ์");
	assert_int_equal(cfg->priority_cap, 2);
	assert_true(a->booking.slot_minutes > 0);
	assert_true(config_service_find(cfg, "B")->booking.slot_minutes > 0);
	assert_int_equal(config_service_find(cfg, "C")->booking.slot_minutes, 0);
	config_free(cfg);
}

static void
test_config_defaults_and_relative_database(void **state)
{
	struct config *cfg = NULL;
	char want[160];

	(void)state;
	assert_int_equal(config_load(write_config("ok.ini", base_config), &cfg, NULL), SQ_OK);
	snprintf(want, sizeof(want), "%s/queue.db", tmpdir);
	assert_string_equal(cfg->database, want);
	assert_string_equal(cfg->timezone, "Asia/Bangkok");
	assert_int_equal(cfg->n_priorities, 4); /* the default classes */
	assert_non_null(config_priority_find(cfg, "pregnant"));
	assert_int_equal(cfg->priority_cap, 2);
	assert_int_equal(cfg->booking_cap, 2);
	assert_int_equal(cfg->services[0].booking.slot_minutes, 0); /* no bookings unless asked */
	assert_int_equal(cfg->counters[0].policy, COUNTER_POLICY_OLDEST);
	config_free(cfg);
}

/* Each whole-number key of [office] and [service X] lands in its own field. */
static void
test_config_int_keys_land_in_their_fields(void **state)
{
	static const char text[] = "[office]\n"
	                           "name_th = สำนักงานทดสอบ\n"
	                           "name_en = Test Office\n"
	                           "database = queue.db\n"
	                           "priority_cap = 3\n"
	                           "booking_cap = 4\n"
	                           "park_return_minutes = 17\n"
	                           "noshow_grace_minutes = 29\n"
	                           "[service A]\n"
	                           "name_th = บริการเอ\n"
	                           "name_en = Service A\n"
	                           "hours = mon-fri 08:30-16:30\n"
	                           "target_minutes = 31\n"
	                           "booking_slot_minutes = 15\n"
	                           "booking_per_slot = 6\n"
	                           "booking_days_ahead = 12\n"
	                           "booking_checkin_early_minutes = 13\n"
	                           "booking_checkin_late_minutes = 14\n"
	                           "[counter 1]\n"
	                           "location_th = ชั้น 1\n"
	                           "location_en = Floor 1\n"
	                           "services = A\n";
	struct config *cfg = NULL;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(config_load(write_config("ints.ini", text), &cfg, &err), SQ_OK);
	assert_int_equal(cfg->priority_cap, 3);
	assert_int_equal(cfg->booking_cap, 4);
	assert_int_equal(cfg->park_return_minutes, 17);
	assert_int_equal(cfg->noshow_grace_minutes, 29);
	const struct config_service *a = config_service_find(cfg, "A");
	assert_int_equal(a->target_minutes, 31);
	assert_int_equal(a->booking.slot_minutes, 15);
	assert_int_equal(a->booking.per_slot, 6);
	assert_int_equal(a->booking.days_ahead, 12);
	assert_int_equal(a->booking.checkin_early_minutes, 13);
	assert_int_equal(a->booking.checkin_late_minutes, 14);
	config_free(cfg);
}

/* A PostgreSQL setting is kept as written (no folder in front) and shown without its password. */
static void
test_config_server_database(void **state)
{
	static const char *const shown[][2] = {
	    {"postgresql://saduak:secret@db-pc:5432/office",
	     "postgresql://saduak@db-pc:5432/office"},
	    {"postgres://saduak@db-pc/office?password=x&sslmode=verify-full",
	     "postgres://saduak@db-pc/office?password=***&sslmode=verify-full"},
	    {"service=office password=longer-secret", "service=office password=***"},
	    {"/var/lib/saduak/queue.db", "/var/lib/saduak/queue.db"},
	};
	struct config *cfg = NULL;
	char text[512];

	(void)state;
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		char *got = config_database_shown(shown[i][0]);
		assert_non_null(got);
		assert_string_equal(got, shown[i][1]);
		free(got);
	}
	assert_true(config_database_is_server("postgresql://db-pc/office"));
	assert_true(config_database_is_server("service=office"));
	assert_false(config_database_is_server("queue.db"));
	assert_false(config_database_is_server("postgresql.db"));
	snprintf(text, sizeof(text), "%s", base_config);
	char *line = strstr(text, "database = queue.db");
	assert_non_null(line);
	memmove(line + strlen("database = postgresql://db-pc/office"),
	        line + strlen("database = queue.db"),
	        strlen(line + strlen("database = queue.db")) + 1);
	memcpy(line, "database = postgresql://db-pc/office",
	       strlen("database = postgresql://db-pc/office"));
	assert_int_equal(config_load(write_config("server.ini", text), &cfg, NULL), SQ_OK);
	assert_string_equal(cfg->database, "postgresql://db-pc/office");
	config_free(cfg);
}

static void
test_config_missing_and_empty_files(void **state)
{
	struct config *cfg = (struct config *)1;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(config_load("/nonexistent/saduak.ini", &cfg, &err), SQ_ERR_IO);
	assert_null(cfg);
	assert_non_null(strstr(err.msg, "'/nonexistent/saduak.ini'"));
	expect_error("", "no [office] section");
	expect_error("; only a comment\n", "no [office] section");
}

static void
test_config_errors_name_line_and_key(void **state)
{
	(void)state;
	expect_error(with("colour = blue\n"), "test.ini:16: [counter 1] key 'colour': unknown key");
	expect_error(with("[cafe]\nopen = yes\n"), "test.ini:16: [cafe]: unknown section");
	expect_error(with("services = A\n"),
	             "test.ini:16: [counter 1] key 'services': given twice");
	expect_error(with("this line is not ini\n"), "test.ini:16: not 'key = value'");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = mon 17:00-08:00\n"),
	             "test.ini:19: [service B] key 'hours': '17:00-08:00' is not a time range");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = someday 08:00-09:00\n"),
	             "'someday' is not a day list");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = mon-fri 8-9\n"),
	             "'8-9' is not a time range");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = mon-fri\n"),
	             "'mon-fri' is not 'DAYS HH:MM-HH:MM'");
	expect_error(with("[service A]\nname_th = x\n"),
	             "test.ini:16: [service A]: section appears "
	             "twice (first on line 6)");
	expect_error(with("[service a1]\nname_th = x\n"), "one or two capital letters");
	expect_error(with("[counter 100]\nservices = A\n"), "numbered 1 to 99");
	expect_error(with("[office]\nphone = 1\n"), "[office]: section appears twice");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = daily 08:00-09:00\n"
	                  "document = บัตร\n"),
	             "test.ini:20: [service B] key 'document': 'บัตร' needs the form 'Thai | "
	             "English'");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = daily 08:00-09:00\n"
	                  "target_minutes = 0\n"),
	             "key 'target_minutes': '0' is not a number of minutes");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = daily 08:00-09:00\n"
	                  "booking_per_slot = 0\n"),
	             "test.ini:20: [service B] key 'booking_per_slot': '0' is not a number of "
	             "bookings from 1 to 100");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = daily 08:00-09:00\n"
	                  "booking_slot_minutes = 90\n"),
	             "[service B] key 'booking_slot_minutes': no slot of 90 minutes fits");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = daily 08:00-09:00\n"
	                  "booking_slot_minutes = 4\n"),
	             "key 'booking_slot_minutes': '4' is not 0 (no booking) or a number of minutes "
	             "from 5 to 240");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = daily 08:00-09:00\n"
	                  "booking_days_ahead = 0\n"),
	             "key 'booking_days_ahead': '0' is not a number of days from 1 to 90");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = daily 08:00-09:00\n"
	                  "booking_checkin_late_minutes = 241\n"),
	             "key 'booking_checkin_late_minutes': '241' is not a number of minutes from 0 "
	             "to 240");
	expect_error("[office]\nname_th = ท\nname_en = T\nnoshow_grace_minutes = 481\n",
	             "test.ini:4: [office] key 'noshow_grace_minutes': '481' is not a number of "
	             "minutes from 0 to 480");
	expect_error(with("policy = fastest\n"), "key 'policy': 'fastest' is not");
	expect_error(with("reception = perhaps\n"), "key 'reception': 'perhaps' is not 'yes'");
}

static void
test_config_contradictions(void **state)
{
	char text[4096];

	(void)state;
	/* A counter serving a service that does not exist. */
	expect_error(with("[counter 2]\nlocation_th = ก\nlocation_en = G\nservices = A, Z\n"),
	             "test.ini:19: [counter 2] key 'services': no [service Z] in this file");
	/* A service no counter serves: its tickets would never be called. */
	expect_error(with("[service B]\nname_th = บี\nname_en = B\nhours = daily 08:00-09:00\n"),
	             "test.ini:16: [service B]: no counter serves it");
	/* A display that is not defined. */
	expect_error(with("display = led9\n"),
	             "test.ini:16: [counter 1] key 'display': no [display led9] in this file");
	expect_error(with("[counter 2]\nlocation_th = ก\nlocation_en = G\nservices = A, A\n"),
	             "service A listed twice");
	expect_error(with("[counter 2]\nlocation_th = ก\nlocation_en = G\n"),
	             "[counter 2] key 'services': missing");
	expect_error(with("[service B]\nname_th = บี\nname_en = B\n[counter 2]\nlocation_th = "
	                  "ก\nlocation_en = G\nservices = B\n"),
	             "[service B] key 'hours': missing");
	/* Office problems: a bad time zone, no database. */
	snprintf(text, sizeof(text), "%s", base_config);
	memcpy(strstr(text, "database = queue.db"), "timezone = Mars/Base", 20);
	expect_error(text, "[office] key 'database': missing");
	char tz[4096];
	snprintf(tz, sizeof(tz), "[office]\ntimezone = Mars/Base\n%s",
	         strstr(base_config, "name_th"));
	expect_error(tz, "test.ini:2: [office] key 'timezone': unknown time zone 'Mars/Base'");
	expect_error(with("[priority elderly]\nname_th = ผู้สูงอายุ\n"),
	             "[priority elderly] needs name_th and name_en");
	expect_error(with("[officer somchai]\nname_th = สมชาย\n"),
	             "[officer somchai] needs name_th and name_en");
	/* An officer's password is a hash from hash-password, never the password itself. */
	expect_error(with("[officer somchai]\nname_th = สมชาย\nname_en = Somchai\n"
	                  "password = 1234\n"),
	             "[officer somchai] key 'password': not a password hash (make one with "
	             "'saduak-web hash-password')");
}

static void
test_config_long_thai_lines(void **state)
{
	char text[8192], name[3000] = "";
	struct config *cfg = NULL;

	(void)state;
	/* Thai is three bytes a letter: 100 letters is past inih's default 200-byte line. */
	for (int i = 0; i < 200; i++)
		strcat(name, "ก");
	snprintf(text, sizeof(text),
	         "%s[service B]\nname_th = %s\nname_en = B\nhours = daily "
	         "00:00-24:00\n[counter 2]\nlocation_th = ก\nlocation_en = "
	         "G\nservices = B\n",
	         base_config, name);
	assert_int_equal(config_load(write_config("long.ini", text), &cfg, NULL), SQ_OK);
	assert_int_equal(strlen(config_service_find(cfg, "B")->name.th), 600);
	assert_int_equal(cfg->services[1].hours[0].close_minute, 1440);
	config_free(cfg);
}

static void
test_config_raw_sections_and_errors(void **state)
{
	struct config *cfg = NULL;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(config_load(write_config("raw.ini", with("[printer]\ntarget = file:out\n"
	                                                          "width_dots = 576\n")),
	                             &cfg, &err),
	                 SQ_OK);
	const struct config_section *p = config_section_find(cfg, "printer", NULL);
	assert_non_null(p);
	assert_string_equal(config_section_get(p, "width_dots"), "576");
	assert_null(config_section_get(p, "nothing"));
	assert_int_equal(config_section_error(&err, p, &p->kv[1], "'%s' is too wide", "576"),
	                 SQ_ERR_INVALID);
	assert_non_null(
	    strstr(err.msg, "raw.ini:18: [printer] key 'width_dots': '576' is too wide"));
	config_free(cfg);
	expect_error(with("[printer]\ntarget = a\ntarget = b\n"), "key 'target': given twice");
}

static void
test_config_wrong_device_section_leaves_device_off(void **state)
{
	struct config *cfg = NULL;
	struct sq_error err = {0};

	(void)state;
	/* A typo in a display's settings must not stop the queue: the load succeeds. */
	assert_int_equal(
	    config_load(write_config("device.ini", with("display = led\n[display led]\nprotocol = "
	                                                "blink\nport = /dev/null\n")),
	                &cfg, &err),
	    SQ_OK);
	assert_int_equal(cfg->n_device_faults, 1);
	print_message("fault: %s\n", cfg->device_faults[0]);
	assert_non_null(
	    strstr(cfg->device_faults[0],
	           "device.ini:18: [display led] key 'protocol': unknown protocol 'blink'"));
	config_free(cfg);
	/* A counter naming a display that does not exist is still refused whole. */
	expect_error(with("display = nowhere\n"), "no [display nowhere] in this file");
}

static void
test_config_opening_hours(void **state)
{
	char path[512];
	struct config *cfg = NULL;
	struct service_hours_state h;
	struct local_time lt;
	const char *src = getenv("SADUAK_SOURCE_DIR");

	(void)state;
	snprintf(path, sizeof(path), "%s/config/demo.ini", src ? src : "..");
	assert_int_equal(config_load(path, &cfg, NULL), SQ_OK);
	const struct config_service *a = config_service_find(cfg, "A");
	const struct config_service *b = config_service_find(cfg, "B");
	/* Monday 23 Nov 2026, 12:15: lunch is served, regular hours. */
	thaitime_local(thaitime_utc_ms(2026, 11, 23, 12, 15), &lt);
	config_service_hours(a, &lt, &h);
	assert_true(h.open);
	assert_false(h.extended);
	assert_int_equal(h.closes_in_minutes,
	                 18 * 60 - (12 * 60 + 15)); /* runs on into the evening */
	/* Monday 17:00: A is open in its extended hours, B is closed until Tuesday 08:30. */
	thaitime_local(thaitime_utc_ms(2026, 11, 23, 17, 0), &lt);
	config_service_hours(a, &lt, &h);
	assert_true(h.open);
	assert_true(h.extended);
	config_service_hours(b, &lt, &h);
	assert_false(h.open);
	assert_int_equal(h.next_open_weekday, 1);
	assert_int_equal(h.next_open_minute, 8 * 60 + 30);
	assert_int_equal(h.next_open_in_minutes, 7 * 60 + 8 * 60 + 30);
	/* Saturday 10:00: A (extended) open, B closed until Monday. */
	thaitime_local(thaitime_utc_ms(2026, 11, 28, 10, 0), &lt);
	config_service_hours(a, &lt, &h);
	assert_true(h.open && h.extended);
	config_service_hours(b, &lt, &h);
	assert_false(h.open);
	assert_int_equal(h.next_open_weekday, 0);
	/* Saturday 12:00 sharp: A has just closed. */
	thaitime_local(thaitime_utc_ms(2026, 11, 28, 12, 0), &lt);
	config_service_hours(a, &lt, &h);
	assert_false(h.open);
	config_free(cfg);
}

/* Loading a config changes no process state: the zone is checked, not set. */
static void
test_config_load_leaves_the_zone_alone(void **state)
{
	struct config *cfg = NULL;
	const char *before = getenv("TZ");
	char *saved = before ? strdup(before) : NULL;

	(void)state;
	assert_int_equal(setenv("TZ", "UTC", 1), 0);
	char text[2048];
	snprintf(text, sizeof(text), "[office]\ntimezone = Asia/Tokyo\n%s",
	         strchr(base_config, '\n') + 1);
	assert_int_equal(config_load(write_config("tz.ini", text), &cfg, NULL), SQ_OK);
	assert_string_equal(cfg->timezone, "Asia/Tokyo");
	assert_string_equal(getenv("TZ"), "UTC");
	config_free(cfg);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	free(saved);
}

/* A gadget's check: its key 'ok' must say yes. */
static int
check_gadget(const struct config *cfg, const struct config_section *sec, struct sq_error *err)
{
	const char *ok = config_section_get(sec, "ok");

	(void)cfg;
	return ok && strcmp(ok, "yes") == 0 ? SQ_OK
	                                    : config_section_error(err, sec, NULL, "not ok");
}

/* The loader knows no module: the caller hands it the section kinds it accepts. */
static void
test_config_loader_takes_its_section_kinds(void **state)
{
	static const struct config_section_kind gadget = {.kind = "gadget", .check = check_gadget};
	struct config *cfg = NULL;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(config_load_with(write_config("g.ini", with("[gadget]\nok = yes\n")),
	                                  &gadget, 1, &cfg, &err),
	                 SQ_OK);
	assert_string_equal(config_section_get(config_section_find(cfg, "gadget", NULL), "ok"),
	                    "yes");
	config_free(cfg);
	assert_int_equal(config_load_with(write_config("g.ini", with("[gadget]\nok = no\n")),
	                                  &gadget, 1, &cfg, &err),
	                 SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "g.ini:16: [gadget]: not ok"));
	/* Without the office's list, [printer] is unknown, and the message lists what is known. */
	assert_int_equal(config_load_with(write_config("g.ini", with("[printer]\ntarget = none\n")),
	                                  &gadget, 1, &cfg, &err),
	                 SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg,
	                       "g.ini:16: [printer]: unknown section (expected office, "
	                       "service X, priority ID, counter N, officer ID or gadget)"));
}

/* A clock time is exactly HH:MM: no sign, space or single digit slips through
 * sscanf's number reading (found by tests/fuzz/fuzz_config_values). */
static void
test_config_value_clock_exact(void **state)
{
	(void)state;
	assert_int_equal(config_value_clock("08:30"), 510);
	assert_int_equal(config_value_clock("00:00"), 0);
	assert_int_equal(config_value_clock("24:00"), 1440);
	assert_int_equal(config_value_clock(" 8:30"), -1);
	assert_int_equal(config_value_clock("+8:30"), -1);
	assert_int_equal(config_value_clock("-0:30"), -1);
	assert_int_equal(config_value_clock("08: 5"), -1);
	assert_int_equal(config_value_clock("08:+5"), -1);
	assert_int_equal(config_value_clock("24:01"), -1);
	assert_int_equal(config_value_clock("08:60"), -1);
	assert_int_equal(config_value_clock("08-30"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_config_demo_office_loads),
	    cmocka_unit_test(test_config_defaults_and_relative_database),
	    cmocka_unit_test(test_config_int_keys_land_in_their_fields),
	    cmocka_unit_test(test_config_server_database),
	    cmocka_unit_test(test_config_missing_and_empty_files),
	    cmocka_unit_test(test_config_errors_name_line_and_key),
	    cmocka_unit_test(test_config_contradictions),
	    cmocka_unit_test(test_config_long_thai_lines),
	    cmocka_unit_test(test_config_raw_sections_and_errors),
	    cmocka_unit_test(test_config_wrong_device_section_leaves_device_off),
	    cmocka_unit_test(test_config_opening_hours),
	    cmocka_unit_test(test_config_load_leaves_the_zone_alone),
	    cmocka_unit_test(test_config_loader_takes_its_section_kinds),
	    cmocka_unit_test(test_config_value_clock_exact),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
