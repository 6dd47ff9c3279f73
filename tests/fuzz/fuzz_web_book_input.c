/*
 * libFuzzer target for what a citizen's browser sends to the booking pages
 * (web_book_input.c): the first byte picks the path under /book or the
 * booking form's body; the rest is that text. Whatever it is, a path taken
 * names a real date, a minute of the day, a service id of 1-2 capitals and a
 * code of the booking alphabet; a form taken has those, an ID number of 13
 * digits or none, and a note within its limit that is valid text.
 */
#include <stdlib.h>
#include <string.h>

#include "web_book_input.h"
#include "web_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort unless id is 1-2 capital letters. */
static void
check_service(const char *id)
{
	size_t n = strlen(id);

	if (n < 1 || n > 2 || strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != n)
		abort();
}

static void
path(const char *text)
{
	struct web_book_path p;
	char again[BOOKING_CODE_LEN + 1];

	if (!web_book_path_parse(text, &p))
		return;
	switch (p.kind) {
	case WEB_BOOK_FORM:
		if (p.minute < 0 || p.minute >= 1440)
			abort();
		/* fall through */
	case WEB_BOOK_SLOTS:
		if (!web_book_day_valid(p.day))
			abort();
		/* fall through */
	case WEB_BOOK_DAYS:
		check_service(p.service);
		break;
	case WEB_BOOK_CODE:
	case WEB_BOOK_CANCEL:
		/* A code read is one as typed: reading it again gives itself. */
		if (!booking_code_parse(p.code, again, sizeof(again)) || strcmp(again, p.code) != 0)
			abort();
		break;
	case WEB_BOOK_SERVICES:
		if (text[0])
			abort();
		break;
	}
}

static void
form(const char *body)
{
	struct web_book_form f;
	enum web_book_form_fault fault = web_book_form_parse(body, &f);
	size_t cid = strlen(f.cid), note = strlen(f.note);

	if (fault != WEB_BOOK_FORM_OK)
		return;
	check_service(f.service);
	if (!web_book_day_valid(f.day) || f.minute < 0 || f.minute >= 1440 ||
	    (cid != 0 && cid != 13) || strspn(f.cid, "0123456789") != cid ||
	    note > STORE_BOOKING_NOTE_MAX || !web_text_valid(f.note, note))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1 || size > WEB_FORM_MAX + 1)
		return 0;
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	if (data[0] & 1)
		form(text);
	else
		path(text);
	free(text);
	return 0;
}
