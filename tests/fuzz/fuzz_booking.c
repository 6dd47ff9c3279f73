/*
 * libFuzzer target for the pure booking rules (booking.h); the first byte
 * picks a case:
 *   typed   booking_code_parse on any text (a kiosk keypad, a barcode
 *           scanner, a web form): what it accepts is a code of the
 *           alphabet that parses back to itself; case, spaces and dashes
 *           never change the answer
 *   bytes   booking_code_from_bytes: every code made is accepted as typed
 *   slots   booking_slots of a service with fuzzed hours: no more than
 *           BOOKING_MAX_SLOTS, sorted, never overlapping, each a slot by
 *           booking_is_slot and inside regular hours, no other minute a slot
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "booking.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TEXT_MAX 64

static void
fuzz_typed(struct fuzz_input *in)
{
	char typed[TEXT_MAX + 1], code[BOOKING_CODE_LEN + 1], again[BOOKING_CODE_LEN + 1];
	char folded[2 * TEXT_MAX + 1];
	size_t len = fuzz_bytes(in, typed, TEXT_MAX), k = 0;
	bool ok = booking_code_parse(typed, code, sizeof(code));

	if (!ok && code[0] != '\0')
		abort();
	if (ok && (strlen(code) != BOOKING_CODE_LEN ||
	           !booking_code_parse(code, again, sizeof(again)) || strcmp(code, again) != 0))
		abort();
	/* The same text in lower case with a dash after each character reads the same. */
	for (size_t i = 0; i < len; i++) {
		folded[k++] = (char)tolower((unsigned char)typed[i]);
		if (typed[i] != '\0')
			folded[k++] = '-';
	}
	folded[k] = '\0';
	if (booking_code_parse(folded, again, sizeof(again)) != ok ||
	    (ok && strcmp(code, again) != 0))
		abort();
}

static void
fuzz_code_bytes(struct fuzz_input *in)
{
	uint8_t bytes[BOOKING_CODE_LEN];
	char code[BOOKING_CODE_LEN + 1], again[BOOKING_CODE_LEN + 1];

	for (size_t i = 0; i < BOOKING_CODE_LEN; i++)
		bytes[i] = fuzz_byte(in);
	booking_code_from_bytes(bytes, code);
	if (!booking_code_parse(code, again, sizeof(again)) || strcmp(code, again) != 0)
		abort();
}

/* Is every minute of [minute, minute + len) inside a regular window of svc on weekday? */
static bool
fits(const struct config_service *svc, int weekday, int minute, int len)
{
	for (int m = minute; m < minute + len; m++) {
		bool in = false;
		for (size_t i = 0; i < svc->n_hours && !in; i++) {
			const struct hours_window *w = &svc->hours[i];
			in = !w->extended && (w->weekdays >> weekday & 1) && m >= w->open_minute &&
			     m < w->close_minute;
		}
		if (!in)
			return false;
	}
	return true;
}

static void
fuzz_slots(struct fuzz_input *in)
{
	struct config_service svc = {.n_hours = (size_t)fuzz_int(in, 0, 4)};
	int starts[BOOKING_MAX_SLOTS], weekday = fuzz_int(in, 0, 6);

	/* As the config accepts it: 0 (no booking) or 5..240. */
	svc.booking.slot_minutes = fuzz_int(in, BOOKING_MIN_SLOT_MINUTES - 1, 240);
	if (svc.booking.slot_minutes < BOOKING_MIN_SLOT_MINUTES)
		svc.booking.slot_minutes = 0;
	for (size_t i = 0; i < svc.n_hours; i++) {
		int open = fuzz_int(in, 0, 1439);
		svc.hours[i] = (struct hours_window){
		    .weekdays = (uint8_t)(fuzz_byte(in) & 0x7f),
		    .open_minute = open,
		    .close_minute = fuzz_int(in, open + 1, 1440),
		    .extended = fuzz_byte(in) & 1,
		};
	}
	size_t n = booking_slots(&svc, weekday, starts, BOOKING_MAX_SLOTS), k = 0;
	if (n > BOOKING_MAX_SLOTS)
		abort();
	for (int m = 0; m < 1440; m++) {
		bool listed = k < n && starts[k] == m;
		if (listed != booking_is_slot(&svc, weekday, m))
			abort();
		if (listed && !fits(&svc, weekday, m, svc.booking.slot_minutes))
			abort();
		/* Slots never overlap. */
		if (listed && k > 0 && starts[k - 1] + svc.booking.slot_minutes > m)
			abort();
		k += listed;
	}
	if (k != n)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size};

	switch (fuzz_byte(&in) % 3) {
	case 0:
		fuzz_typed(&in);
		break;
	case 1:
		fuzz_code_bytes(&in);
		break;
	default:
		fuzz_slots(&in);
		break;
	}
	return 0;
}
