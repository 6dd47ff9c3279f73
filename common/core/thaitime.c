#include "thaitime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BE_OFFSET 543

static const char *const month_th_short[12] = {
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
};
static const char *const month_th_long[12] = {
    "มกราคม",  "กุมภาพันธ์", "มีนาคม",  "เมษายน", "พฤษภาคม",  "มิถุนายน",
    "กรกฎาคม", "สิงหาคม",  "กันยายน", "ตุลาคม",  "พฤศจิกายน", "ธันวาคม",
};
static const char *const month_en_short[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const month_en_long[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};
static const char *const weekday_th[7] = {
    "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์",
};
static const char *const weekday_en[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

int
thaitime_zone_check(const char *tz, struct sq_error *err)
{
	char path[512];

	if (!tz || !*tz || strstr(tz, "..") || tz[0] == '/')
		return sq_error_set(err, SQ_ERR_INVALID, "time zone '%s' is not a zone name",
		                    tz ? tz : "");
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", tz);
	if (access(path, R_OK) != 0)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "unknown time zone '%s' (no %s; is tzdata installed?)", tz,
		                    path);
	return SQ_OK;
}

int
thaitime_set_zone(const char *tz, struct sq_error *err)
{
	int rc = thaitime_zone_check(tz, err);

	if (rc)
		return rc;
	if (setenv("TZ", tz, 1) != 0)
		return sq_error_set(err, SQ_ERR_NOMEM, "unable to set TZ");
	tzset();
	return SQ_OK;
}

void
thaitime_local(int64_t utc_ms, struct local_time *out)
{
	/* Floor division, so that times before 1970 still land on the right second. */
	time_t t = (time_t)(utc_ms >= 0 ? utc_ms / 1000 : -((-utc_ms + 999) / 1000));
	struct tm tm;

	/* A time no calendar can hold (a damaged log) reads as 1900-01-00, not garbage. */
	if (!localtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
	out->hour = tm.tm_hour;
	out->minute = tm.tm_min;
	out->second = tm.tm_sec;
	out->weekday = (tm.tm_wday + 6) % 7;
	out->minute_of_day = tm.tm_hour * 60 + tm.tm_min;
	out->day_key = out->year * 10000 + out->month * 100 + out->day;
}

int64_t
thaitime_utc_ms(int year, int month, int day, int hour, int minute)
{
	struct tm tm = {
	    .tm_year = year - 1900,
	    .tm_mon = month - 1,
	    .tm_mday = day,
	    .tm_hour = hour,
	    .tm_min = minute,
	    .tm_isdst = -1,
	};

	return (int64_t)mktime(&tm) * 1000;
}

int
thaitime_day_key(int64_t utc_ms)
{
	struct local_time lt;

	thaitime_local(utc_ms, &lt);
	return lt.day_key;
}

size_t
thaitime_format(char *buf, size_t n, int64_t utc_ms, enum thaitime_style style)
{
	struct local_time lt;
	int len = 0;
	int be = 0;

	if (n == 0)
		return 0;
	thaitime_local(utc_ms, &lt);
	be = lt.year + BE_OFFSET;
	switch (style) {
	case THAITIME_TH_DATE_TIME:
		len = snprintf(buf, n, "%d %s %d %02d:%02d", lt.day, month_th_short[lt.month - 1],
		               be, lt.hour, lt.minute);
		break;
	case THAITIME_TH_DATE:
		len = snprintf(buf, n, "%d %s %d", lt.day, month_th_short[lt.month - 1], be);
		break;
	case THAITIME_TH_DATE_LONG:
		len = snprintf(buf, n, "วัน%sที่ %d %s %d", weekday_th[lt.weekday], lt.day,
		               month_th_long[lt.month - 1], be);
		break;
	case THAITIME_TH_MONTH:
		len = snprintf(buf, n, "%s %d", month_th_long[lt.month - 1], be);
		break;
	case THAITIME_EN_DATE_TIME:
		len = snprintf(buf, n, "%d %s %d BE %02d:%02d", lt.day,
		               month_en_short[lt.month - 1], be, lt.hour, lt.minute);
		break;
	case THAITIME_EN_DATE:
		len = snprintf(buf, n, "%d %s %d BE", lt.day, month_en_short[lt.month - 1], be);
		break;
	case THAITIME_EN_MONTH:
		len = snprintf(buf, n, "%s %d BE", month_en_long[lt.month - 1], be);
		break;
	case THAITIME_TIME:
		len = snprintf(buf, n, "%02d:%02d", lt.hour, lt.minute);
		break;
	}
	if (len < 0) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)len < n ? (size_t)len : n - 1;
}

size_t
thaitime_thai_digits(char *out, size_t n, const char *in)
{
	size_t o = 0;

	if (n == 0)
		return 0;
	for (const char *p = in; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			/* U+0E50..U+0E59 = E0 B9 90..99 */
			if (o + 3 >= n)
				break;
			out[o++] = (char)0xE0;
			out[o++] = (char)0xB9;
			out[o++] = (char)(0x90 + (*p - '0'));
		} else {
			/* Copy a whole UTF-8 sequence or nothing. */
			size_t len = 1;
			unsigned char c = (unsigned char)*p;
			if (c >= 0xF0)
				len = 4;
			else if (c >= 0xE0)
				len = 3;
			else if (c >= 0xC0)
				len = 2;
			for (size_t i = 1; i < len; i++) {
				if (!p[i]) {
					len = i; /* truncated sequence at the end */
					break;
				}
			}
			if (o + len >= n)
				break;
			memcpy(out + o, p, len);
			o += len;
			p += len - 1;
		}
	}
	out[o] = '\0';
	return o;
}

const char *
thaitime_weekday_th(int weekday)
{
	return weekday_th[((weekday % 7) + 7) % 7];
}

const char *
thaitime_weekday_en(int weekday)
{
	return weekday_en[((weekday % 7) + 7) % 7];
}
