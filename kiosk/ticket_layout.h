/*
 * ticket_layout.h - where everything sits on the entrance kiosk's screens,
 * computed from the window size alone: pure arithmetic, no SDL, no fonts,
 * so that every size from 800x480 to 1920x1080, portrait or landscape, can
 * be checked by a unit test.
 *
 * Type is large by default (the smallest body text is 22 px even on a
 * 480-line screen) and scales with the shorter side. In the wheelchair
 * layout every control (anything a finger must reach) sits at or below
 * TL_REACH_TOP of the screen height; only information sits above it.
 *
 * Also here: the words the screens build from the config (counters and
 * where they are, when a service opens next, waiting figures), pure too.
 *
 * Everything fills plain structs the caller owns; any thread.
 */
#ifndef SADUAK_TICKET_LAYOUT_H
#define SADUAK_TICKET_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "booking.h"
#include "estimate.h"
#include "config.h"
#include "layout.h"

/* In the wheelchair layout no control starts above this share of the height. */
#define TL_REACH_TOP_PERCENT 40

/* Where a bold digit's ink sits in that line box: top and height, % of the em. */
#define TL_DIGIT_TOP_PERCENT    54
#define TL_DIGIT_HEIGHT_PERCENT 74

/* Text sizes in pixels (em), from the window size. */
struct tl_type {
	int title;   /* office name, screen titles */
	int heading; /* service name on the advice screen */
	int button;  /* main words on a button */
	int button2; /* second language under it */
	int body;    /* lists, figures */
	int small;   /* second-language lines, captions */
};

/* The home screen: services open now and closed, priority entry, language. */
struct tl_home {
	struct box header;                        /* office name and the date: information */
	struct box prompt;                        /* "choose a service" or a notice */
	struct box lang;                          /* control: ไทย / English */
	struct box priority;                      /* control: the priority entry */
	struct box booking;                       /* control: "I have a booking" (or empty) */
	struct box services[CONFIG_MAX_SERVICES]; /* controls */
	size_t n_services;
	int cols;
	int svc_main, svc_second, svc_info; /* text sizes inside a service button */
	struct box notice;                  /* the "closed now" message box */
	struct tl_type type;
};

/* Choosing a priority class. */
struct tl_priority {
	struct box title;
	struct box classes[CONFIG_MAX_PRIORITIES]; /* controls */
	size_t n_classes;
	struct box cancel; /* control */
	struct tl_type type;
};

/* The first-contact advice screen. */
struct tl_advice {
	struct box title; /* the service's name */
	struct box bring; /* documents and forms */
	struct box steps; /* steps of the service */
	struct box wait;  /* target time, people ahead, estimated wait */
	struct box back;  /* control: back to the services */
	struct box info;  /* control: "I only needed the information" */
	struct box take;  /* control: take a ticket, the largest */
	struct tl_type type;
};

/* The issued ticket. */
struct tl_ticket {
	struct box label;   /* "your number" */
	struct box number;  /* the number, very large */
	int number_px;      /* em size that fills it for a 4-character code */
	int number_text_y;  /* top of the line box that centres the digits' ink in number */
	struct box service; /* service name */
	struct box details; /* priority, counters and where, people ahead, wait */
	struct box qr;      /* square for the QR code (shown when not printed) */
	struct box fault;   /* the printer-fault band */
	struct box take;    /* "take your printed ticket" (printed tickets only) */
	struct box done;    /* control: back home */
	struct tl_type type;
};

/* The keys of the check-in keypad: BOOKING_ALPHABET in order. */
#define TL_CHECKIN_KEYS ((int)sizeof(BOOKING_ALPHABET) - 1)

/* The booking check-in: a keypad of the code's characters. */
struct tl_checkin {
	struct box title;                 /* "type your booking code": information */
	struct box code;                  /* the code typed so far */
	int code_px;                      /* its text size */
	struct box keys[TL_CHECKIN_KEYS]; /* controls */
	int cols;                         /* keys in a row */
	struct box cancel, erase, ok;     /* controls: back home, delete one, check in */
	struct tl_type type;
};

/* What a check-in came to when it issued nothing (a refusal, a card not read). */
struct tl_result {
	struct box message; /* what happened and what to do, large */
	struct box done;    /* control: back home */
	struct box walkin;  /* control: a walk-in ticket instead (offered when too late) */
	struct tl_type type;
};

/* The "please wait" box while the database is busy. */
struct tl_wait {
	struct box box;
	struct tl_type type;
};

/* Type sizes for a w x h window. */
void tl_type_for(int w, int h, struct tl_type *out);

/*
 * The home screen of a w x h window with n_services buttons; with booking
 * (some service takes bookings) "I have a booking" shares the priority
 * entry's row (landscape) or has a row of its own above it (portrait).
 */
void tl_home(int w, int h, bool wheelchair, size_t n_services, bool booking, struct tl_home *out);

/* The priority screen with n_classes classes. */
void tl_priority(int w, int h, bool wheelchair, size_t n_classes, struct tl_priority *out);

/* The advice screen. */
void tl_advice(int w, int h, bool wheelchair, struct tl_advice *out);

/* The ticket screen; with_qr makes room for the QR code. */
void tl_ticket(int w, int h, bool wheelchair, bool with_qr, struct tl_ticket *out);

/* The check-in keypad: the keys as large as the room left allows. */
void tl_checkin(int w, int h, bool wheelchair, struct tl_checkin *out);

/* The check-in result; with_walkin makes room for the walk-in offer. */
void tl_result(int w, int h, bool wheelchair, bool with_walkin, struct tl_result *out);

/* The please-wait box. */
void tl_wait(int w, int h, struct tl_wait *out);

/* Whether r lies inside the w x h window. */
bool tl_inside(struct box r, int w, int h);

/*
 * The counters serving service index svc and where they are, grouped by
 * location: "ช่อง 2, 3 ชั้น 1" / "Counter 2, 3 — Floor 1"; "" when none.
 * Always NUL-terminated, truncated to n.
 */
void tl_counters_text(const struct config *cfg, size_t svc, bool english, char *buf, size_t n);

/*
 * When a closed service opens next, from config_service_hours() at local
 * minute now_minute_of_day: "เปิดวันนี้ 13:00", "เปิดพรุ่งนี้ 08:30",
 * "เปิดวันจันทร์ 08:30" / "Opens today 13:00", "Opens tomorrow 08:30",
 * "Opens Mon 08:30"; "ปิดให้บริการ" / "Closed" when it never opens in the
 * coming week.
 */
void tl_opens_text(const struct service_hours_state *hs, int now_minute_of_day, bool english,
                   char *buf, size_t n);

/*
 * Waiting figures: "รอ 3 คิว · ประมาณ 12 นาที" / "3 waiting · about 12 min"
 * (or a range, estimate_text); "ไม่มีคิวรอ" / "No one waiting" for 0; and
 * "ยังไม่มีช่องเปิดให้บริการ" / "No counter open yet" when wait says so.
 */
void tl_waiting_text(int waiting, const struct estimate *wait, bool english, char *buf, size_t n);

#endif
