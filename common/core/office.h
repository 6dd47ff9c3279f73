/*
 * office.h - the office as every layer sees it: its services, priority
 * classes, counters and officers, and the limits on how many of each.
 *
 * Plain data: the config loader (config.h) fills a struct config from the
 * office's INI file and owns its strings; the pure rules of the core (queue
 * order, wait estimates) and everything above read it. Nothing here does
 * I/O.
 */
#ifndef SADUAK_OFFICE_H
#define SADUAK_OFFICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "queue.h"

#define CONFIG_MAX_SERVICES   26
#define CONFIG_MAX_COUNTERS   64
#define CONFIG_MAX_PRIORITIES 8
#define CONFIG_MAX_OFFICERS   128
#define CONFIG_MAX_ITEMS      16 /* documents, forms, steps of one service */
#define CONFIG_MAX_WINDOWS    16 /* opening windows of one service */
#define CONFIG_ID_LEN         32
#define CONFIG_CODE_DIGITS    3 /* digits of a ticket number in its code: "A001" */

/* A text shown to people: Thai first, English second; both always set. */
struct bilingual {
	char *th;
	char *en;
};

/* GECC S2.3: the three kinds of service a centre must offer. */
enum service_kind {
	SERVICE_KIND_MISSION,     /* the agency's own mission services */
	SERVICE_KIND_INFORMATION, /* information on any agency's services */
	SERVICE_KIND_COMPLAINT, /* complaints (เรื่องราวร้องทุกข์) */
};

/* One opening window: on the weekdays in the mask, from open to close. */
struct hours_window {
	uint8_t weekdays; /* bit 0 = Monday .. bit 6 = Sunday */
	int open_minute;  /* minutes after local midnight */
	int close_minute; /* exclusive; 1440 = midnight */
	bool extended;    /* outside regular hours (GECC P1 evidence) */
};

/* Advance booking of a service ([service X] booking_* keys; booking.h). */
struct service_booking {
	int slot_minutes;          /* length of a slot; 0: the service takes no bookings */
	int per_slot;              /* bookings one slot holds */
	int days_ahead;            /* the last bookable day is today + days_ahead */
	int checkin_early_minutes; /* check-in opens this long before the slot starts */
	int checkin_late_minutes;  /* and closes this long after it started */
};

struct config_service {
	char id[4]; /* ticket prefix, 1-2 capital letters: "A" */
	struct bilingual name;
	enum service_kind kind;
	int target_minutes; /* target duration of the service itself (S2.4) */
	struct hours_window hours[CONFIG_MAX_WINDOWS];
	size_t n_hours;
	struct bilingual documents[CONFIG_MAX_ITEMS];
	size_t n_documents;
	struct bilingual forms[CONFIG_MAX_ITEMS];
	size_t n_forms;
	struct bilingual steps[CONFIG_MAX_ITEMS];
	size_t n_steps;
	struct service_booking booking;
};

struct config_priority {
	char id[CONFIG_ID_LEN]; /* "elderly", used on the command line and in the log */
	struct bilingual name;
};

struct config_counter {
	int number;                           /* 1..99, as on the sign above the desk */
	struct bilingual location;            /* "ชั้น 1" / "Floor 1" */
	size_t services[CONFIG_MAX_SERVICES]; /* indexes into config.services, in order */
	size_t n_services;
	enum counter_policy policy;
	bool reception;     /* the first-contact desk (จุดแรกรับ, P13) */
	bool rating_screen; /* has a satisfaction screen facing the citizen */
	char *display;      /* name of its [display NAME] section, or NULL */
};

struct config_officer {
	char id[CONFIG_ID_LEN]; /* login name */
	struct bilingual name;
	char *phone;    /* shown at the counter (P6); may be NULL */
	char *password; /* crypt(3) hash for the browser counter page; NULL: no web login */
};

struct config_kv {
	char *key;
	char *value;
	int line;
};

/* A device or screen section kept raw for the module that owns its keys. */
struct config_section {
	char *kind;       /* "display", "printer", ... */
	char *name;       /* "1" for [display 1]; "" for [printer] */
	const char *path; /* the config file, for messages; owned by struct config */
	int line;         /* line of the [header] */
	struct config_kv *kv;
	size_t n_kv;
};

enum satisfaction_rule {
	SATISFACTION_MEAN,    /* mean score / 5 x 100 */
	SATISFACTION_TOP_TWO, /* share of ratings at 4 or 5 */
};

struct config {
	char *path; /* the file it was read from */
	char *dir;  /* its folder: relative paths in the file start here */
	struct bilingual office_name;
	char *phone;
	struct bilingual channels; /* "LINE @x, www.x.go.th" */
	char *timezone;            /* default Asia/Bangkok */
	char *database;            /* absolute path, resolved against dir */
	char *ticket_url;          /* QR template, "{ref}" = ticket reference; may be NULL */
	int priority_cap;          /* priority calls in a row while normal tickets wait */
	int booking_cap;           /* booking calls in a row while walk-ins wait (queue.h) */
	int park_return_minutes;   /* a parked ticket rejoins the queue after this */
	int noshow_grace_minutes;  /* a no-show may be reactivated within this */
	bool third_party_survey;   /* outcome 1.1: ratings collected by a third party */
	enum satisfaction_rule satisfaction_rule;

	struct config_service services[CONFIG_MAX_SERVICES];
	size_t n_services;
	struct config_priority priorities[CONFIG_MAX_PRIORITIES];
	size_t n_priorities;
	struct config_counter counters[CONFIG_MAX_COUNTERS];
	size_t n_counters;
	struct config_officer officers[CONFIG_MAX_OFFICERS];
	size_t n_officers;
	struct config_section *sections;
	size_t n_sections;
	/*
	 * One line ("FILE:LINE: [display led2] key 'protocol': ...") for each
	 * [display], [printer] or [voice] section that is wrong. Such a device
	 * stays off and everything else runs: a typo in a display's settings
	 * must not stop the queue. Programs print these at start; check-config
	 * fails on them.
	 */
	char **device_faults;
	size_t n_device_faults;
};

#endif
