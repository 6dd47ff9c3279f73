/*
 * booking.c - booking slots, codes and the check-in window (booking.h).
 */
#include "booking.h"

#include <ctype.h>
#include <string.h>

static const char code_alphabet[] = BOOKING_ALPHABET;

static const struct {
	const char *name, *th, *en;
} refusals[BOOKING_REFUSAL_COUNT] = {
    [BOOKING_OK] = {"ok", "จองสำเร็จ", "Done"},
    [BOOKING_NOT_BOOKABLE] = {"not-bookable", "บริการนี้ไม่รับจองคิวล่วงหน้า",
                              "This service takes no bookings"},
    [BOOKING_DAY_CLOSED] = {"day-closed", "บริการนี้ไม่เปิดในวันที่เลือก",
                            "The service is not open on that day"},
    [BOOKING_NOT_A_SLOT] = {"not-a-slot", "ไม่มีช่วงเวลานัดหมายตามเวลาที่เลือก",
                            "There is no booking slot at that time"},
    [BOOKING_PAST] = {"past", "ช่วงเวลานี้ผ่านไปแล้ว", "That time has already passed"},
    [BOOKING_TOO_FAR] = {"too-far", "วันที่เลือกไกลเกินกว่าที่เปิดให้จอง",
                         "That day is too far ahead to book"},
    [BOOKING_SLOT_FULL] = {"slot-full", "ช่วงเวลานี้เต็มแล้ว กรุณาเลือกเวลาอื่น",
                           "That slot is full, please choose another time"},
    [BOOKING_UNKNOWN] = {"unknown", "ไม่พบรหัสการจองนี้ กรุณาตรวจสอบรหัสอีกครั้ง",
                         "No booking has this code, please check it"},
    [BOOKING_CANCELLED] = {"cancelled", "การจองนี้ถูกยกเลิกแล้ว", "This booking was cancelled"},
    [BOOKING_USED] = {"used", "การจองนี้ใช้รับบัตรคิวไปแล้ว",
                      "This booking has already been used for a ticket"},
    [BOOKING_NO_SHOW] = {"no-show", "การจองนี้หมดอายุแล้ว (ไม่ได้มาตามนัด)",
                         "This booking has expired (not checked in on its day)"},
    [BOOKING_OTHER_DAY] = {"other-day", "การจองนี้เป็นของวันอื่น ไม่ใช่วันนี้",
                           "This booking is for another day, not today"},
    [BOOKING_TOO_EARLY] = {"too-early", "ยังไม่ถึงเวลาเช็กอิน กรุณากลับมาอีกครั้งเวลา",
                           "Too early to check in, please come back at"},
    [BOOKING_TOO_LATE] = {"too-late", "เลยเวลานัดหมายแล้ว รับบัตรคิวปกติได้",
                          "Too late for this booking: take a walk-in ticket instead"},
};

/*
 * The service's regular opening time on weekday as disjoint intervals,
 * sorted: windows that overlap or touch are merged, so that slots never
 * overlap even where the config's windows do. Returns how many.
 */
static size_t
open_intervals(const struct config_service *svc, int weekday, int open[CONFIG_MAX_WINDOWS],
               int close[CONFIG_MAX_WINDOWS])
{
	size_t n = 0;

	for (size_t i = 0; i < svc->n_hours && i < CONFIG_MAX_WINDOWS; i++) {
		const struct hours_window *w = &svc->hours[i];
		if (w->extended || !(w->weekdays & (1u << weekday)))
			continue;
		/* Insert by opening time. */
		size_t k = n++;
		for (; k > 0 && open[k - 1] > w->open_minute; k--) {
			open[k] = open[k - 1];
			close[k] = close[k - 1];
		}
		open[k] = w->open_minute;
		close[k] = w->close_minute;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m > 0 && open[i] <= close[m - 1]) {
			if (close[i] > close[m - 1])
				close[m - 1] = close[i];
			continue;
		}
		open[m] = open[i];
		close[m] = close[i];
		m++;
	}
	return m;
}

size_t
booking_slots(const struct config_service *svc, int weekday, int *starts, size_t max)
{
	int open[CONFIG_MAX_WINDOWS], close[CONFIG_MAX_WINDOWS];
	int len = svc->booking.slot_minutes;
	size_t n = 0;

	if (len <= 0 || weekday < 0 || weekday > 6)
		return 0;
	size_t k = open_intervals(svc, weekday, open, close);
	for (size_t i = 0; i < k; i++)
		for (int m = open[i]; m + len <= close[i]; m += len) {
			if (n < max)
				starts[n] = m;
			n++;
		}
	return n;
}

bool
booking_is_slot(const struct config_service *svc, int weekday, int minute)
{
	int open[CONFIG_MAX_WINDOWS], close[CONFIG_MAX_WINDOWS];
	int len = svc->booking.slot_minutes;

	if (len <= 0 || weekday < 0 || weekday > 6)
		return false;
	size_t k = open_intervals(svc, weekday, open, close);
	for (size_t i = 0; i < k; i++)
		if (minute >= open[i] && minute + len <= close[i] && (minute - open[i]) % len == 0)
			return true;
	return false;
}

void
booking_code_from_bytes(const uint8_t bytes[BOOKING_CODE_LEN], char *out)
{
	for (size_t i = 0; i < BOOKING_CODE_LEN; i++)
		out[i] = code_alphabet[bytes[i] % (sizeof(code_alphabet) - 1)];
	out[BOOKING_CODE_LEN] = '\0';
}

bool
booking_code_parse(const char *typed, char *out, size_t n)
{
	size_t len = 0;

	if (n > 0)
		out[0] = '\0';
	if (!typed || n <= BOOKING_CODE_LEN)
		return false;
	for (const char *p = typed; *p; p++) {
		if (*p == ' ' || *p == '-' || *p == '\t')
			continue;
		char c = (char)toupper((unsigned char)*p);
		if (!strchr(code_alphabet, c) || len == BOOKING_CODE_LEN) {
			out[0] = '\0';
			return false;
		}
		out[len++] = c;
	}
	out[len] = '\0';
	if (len != BOOKING_CODE_LEN) {
		out[0] = '\0';
		return false;
	}
	return true;
}

enum booking_window
booking_checkin_window(int64_t slot_ms, int64_t now_ms, const struct service_booking *b)
{
	if (now_ms < slot_ms - (int64_t)b->checkin_early_minutes * 60000)
		return BOOKING_WINDOW_EARLY;
	if (now_ms > slot_ms + (int64_t)b->checkin_late_minutes * 60000)
		return BOOKING_WINDOW_LATE;
	return BOOKING_WINDOW_OPEN;
}

const char *
booking_refusal_name(enum booking_refusal r)
{
	return (unsigned)r < BOOKING_REFUSAL_COUNT ? refusals[r].name : "unknown";
}

const char *
booking_refusal_th(enum booking_refusal r)
{
	return (unsigned)r < BOOKING_REFUSAL_COUNT ? refusals[r].th : "";
}

const char *
booking_refusal_en(enum booking_refusal r)
{
	return (unsigned)r < BOOKING_REFUSAL_COUNT ? refusals[r].en : "";
}
