/*
 * thaitime.h - local time of the office and Buddhist Era dates.
 *
 * The office's time zone (config [office] timezone, default Asia/Bangkok)
 * decides the service day (ticket codes restart at local midnight), opening
 * hours and every date a person reads. thaitime_set_zone() sets it for the
 * whole process through TZ, so it holds even when the machine runs on UTC;
 * loading a config only checks the zone (thaitime_zone_check()).
 * Dates are printed in the Buddhist Era (Gregorian year + 543):
 * "23 พ.ย. 2569 14:05". Formatting is pure; call from one thread.
 */
#ifndef SADUAK_THAITIME_H
#define SADUAK_THAITIME_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct local_time {
	int year;          /* Gregorian, e.g. 2026 */
	int month;         /* 1..12 */
	int day;           /* 1..31 */
	int hour;          /* 0..23 */
	int minute;        /* 0..59 */
	int second;        /* 0..60 */
	int weekday;       /* 0 = Monday .. 6 = Sunday */
	int minute_of_day; /* hour * 60 + minute */
	int day_key;       /* YYYYMMDD: the service day */
};

enum thaitime_style {
	THAITIME_TH_DATE_TIME, /* 23 พ.ย. 2569 14:05 */
	THAITIME_TH_DATE,      /* 23 พ.ย. 2569 */
	THAITIME_TH_DATE_LONG, /* วันจันทร์ที่ 23 พฤศจิกายน 2569 */
	THAITIME_TH_MONTH,     /* พฤศจิกายน 2569 */
	THAITIME_EN_DATE_TIME, /* 23 Nov 2569 BE 14:05 */
	THAITIME_EN_DATE,      /* 23 Nov 2569 BE */
	THAITIME_EN_MONTH,     /* November 2569 BE */
	THAITIME_TIME,         /* 14:05 */
};

/* SQ_OK if tz is an installed IANA zone name, else SQ_ERR_INVALID with a message. */
int thaitime_zone_check(const char *tz, struct sq_error *err);

/*
 * Make tz (an IANA name such as "Asia/Bangkok") the zone of this process:
 * the program does it once at start (cli_load_config), never a library.
 * Returns SQ_ERR_INVALID with a message if no such zone is installed.
 */
int thaitime_set_zone(const char *tz, struct sq_error *err);

/* Break utc_ms into the office's local time. */
void thaitime_local(int64_t utc_ms, struct local_time *out);

/*
 * UTC milliseconds of a local wall-clock time in the office's zone.
 * Normalises out-of-range fields the way mktime(3) does.
 */
int64_t thaitime_utc_ms(int year, int month, int day, int hour, int minute);

/* The service day (YYYYMMDD, local) of utc_ms. */
int thaitime_day_key(int64_t utc_ms);

/*
 * Write utc_ms in style into buf (always NUL-terminated, truncated to n).
 * Returns the length written.
 */
size_t thaitime_format(char *buf, size_t n, int64_t utc_ms, enum thaitime_style style);

/*
 * Copy the UTF-8 string in into out, turning ASCII digits into Thai digits
 * (๐..๙), for printed reports that ask for them. Returns the output length,
 * truncating at a character boundary to fit n.
 */
size_t thaitime_thai_digits(char *out, size_t n, const char *in);

/* Thai and English abbreviated names of a weekday (0 = Monday). Static. */
const char *thaitime_weekday_th(int weekday);
const char *thaitime_weekday_en(int weekday);

#endif
