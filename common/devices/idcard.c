#include "idcard.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <winscard.h>

struct idcard {
	char want[IDCARD_READER_MAX];   /* the name prefix asked for; "" = the first reader */
	char reader[IDCARD_READER_MAX]; /* the reader watched; "" = none found yet */
	SCARDCONTEXT ctx;
	bool have_ctx;
	bool reader_up;       /* as last reported: starts true, so a missing reader is told */
	SCARD_READERSTATE rs; /* the reader's state as pcscd last told it */
	bool card_told;       /* INSERTED or UNREADABLE was reported; REMOVED is owed */
	DWORD card_count;     /* pcscd's insert/remove count when it was told */
};

const char *
idcard_event_name(enum idcard_event_kind kind)
{
	static const char *const names[] = {
	    [IDCARD_EVENT_NONE] = "none",
	    [IDCARD_EVENT_INSERTED] = "card inserted",
	    [IDCARD_EVENT_UNREADABLE] = "card unreadable",
	    [IDCARD_EVENT_REMOVED] = "card removed",
	    [IDCARD_EVENT_READER_GONE] = "reader gone",
	    [IDCARD_EVENT_READER_BACK] = "reader back",
	};

	if ((unsigned)kind >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[kind];
}

int
idcard_open(const char *reader, struct idcard **out, struct sq_error *err)
{
	struct idcard *ic;

	*out = NULL;
	if (reader && strlen(reader) >= IDCARD_READER_MAX)
		return sq_error_set(err, SQ_ERR_INVALID, "card reader name longer than %d bytes",
		                    IDCARD_READER_MAX - 1);
	ic = calloc(1, sizeof(*ic));
	if (!ic)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for the card reader");
	if (reader)
		snprintf(ic->want, sizeof(ic->want), "%s", reader);
	ic->reader_up = true;
	*out = ic;
	return SQ_OK;
}

/* Forget the reader (it may come back under another name or index). */
static void
drop_reader(struct idcard *ic)
{
	ic->reader[0] = '\0';
	ic->card_told = false;
}

/* Forget pcscd too: its context is no use once it has stopped. */
static void
drop_ctx(struct idcard *ic)
{
	if (ic->have_ctx)
		SCardReleaseContext(ic->ctx);
	ic->have_ctx = false;
	drop_reader(ic);
}

/* The reader is not there: READER_GONE once, then nothing until it is back. */
static enum idcard_event_kind
reader_down(struct idcard *ic, struct idcard_event *ev, const char *what, LONG rv)
{
	if (!ic->reader_up)
		return IDCARD_EVENT_NONE;
	ic->reader_up = false;
	ev->kind = IDCARD_EVENT_READER_GONE;
	if (rv != SCARD_S_SUCCESS)
		snprintf(ev->why, sizeof(ev->why), "%s: %s", what, pcsc_stringify_error(rv));
	else
		snprintf(ev->why, sizeof(ev->why), "%s", what);
	return ev->kind;
}

/* After a failure: true when only the reader is gone, so pcscd's context
 * still serves; any other failure (pcscd stopped, a broken socket) starts
 * again from a new context. */
static bool
reader_only(LONG rv)
{
	return rv == SCARD_S_SUCCESS || rv == SCARD_E_NO_READERS_AVAILABLE ||
	       rv == SCARD_E_UNKNOWN_READER || rv == SCARD_E_READER_UNAVAILABLE;
}

/* Drop what a failure rv leaves useless. */
static void
drop_after(struct idcard *ic, LONG rv)
{
	if (reader_only(rv))
		drop_reader(ic);
	else
		drop_ctx(ic);
}

/* Find the reader to watch in pcscd's list; true when found. */
static bool
find_reader(struct idcard *ic, LONG *rv)
{
	LPSTR list = NULL;
	DWORD len = SCARD_AUTOALLOCATE;
	bool found = false;

	*rv = SCardListReaders(ic->ctx, NULL, (LPSTR)&list, &len);
	if (*rv != SCARD_S_SUCCESS)
		return false;
	/* A multi-string: names each ended by a NUL, an empty one at the end. */
	for (const char *p = list; *p && !found; p += strlen(p) + 1)
		if (strncmp(p, ic->want, strlen(ic->want)) == 0 && strlen(p) < sizeof(ic->reader)) {
			snprintf(ic->reader, sizeof(ic->reader), "%s", p);
			found = true;
		}
	SCardFreeMemory(ic->ctx, list);
	memset(&ic->rs, 0, sizeof(ic->rs));
	ic->rs.szReader = ic->reader;
	ic->rs.dwCurrentState = SCARD_STATE_UNAWARE;
	return found;
}

/* Send r's commands to the connected card until it is read or refused. */
static enum idcard_step
converse(SCARDHANDLE h, DWORD proto, struct idcard_apdu *r, enum idcard_step step)
{
	const SCARD_IO_REQUEST *pci = proto == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;

	while (step == IDCARD_STEP_SEND) {
		uint8_t resp[IDCARD_APDU_RESP_MAX];
		DWORD len = sizeof(resp);
		LONG rv = SCardTransmit(h, pci, r->cmd, r->cmd_len, NULL, resp, &len);

		if (rv != SCARD_S_SUCCESS) {
			char why[96];

			snprintf(why, sizeof(why), "the card stopped answering: %s",
			         pcsc_stringify_error(rv));
			return idcard_apdu_io_failed(r, why);
		}
		step = idcard_apdu_answer(r, resp, len);
	}
	return step;
}

/* Read the card just found in the reader into ev: INSERTED or UNREADABLE. */
static enum idcard_event_kind
read_card(struct idcard *ic, struct idcard_event *ev)
{
	struct idcard_apdu r;
	enum idcard_step step = idcard_apdu_start(&r, ic->rs.rgbAtr, ic->rs.cbAtr);
	SCARDHANDLE h;
	DWORD proto = 0;
	LONG rv = SCardConnect(ic->ctx, ic->reader, SCARD_SHARE_SHARED,
	                       SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &h, &proto);

	if (rv == SCARD_S_SUCCESS) {
		step = converse(h, proto, &r, step);
		SCardDisconnect(h, SCARD_LEAVE_CARD);
	} else {
		char why[96];

		snprintf(why, sizeof(why), "the card does not answer: %s",
		         pcsc_stringify_error(rv));
		step = idcard_apdu_io_failed(&r, why);
	}
	ic->card_told = true;
	ic->card_count = ic->rs.dwCurrentState >> 16;
	snprintf(ev->reader, sizeof(ev->reader), "%s", ic->reader);
	if (step == IDCARD_STEP_DONE) {
		ev->kind = IDCARD_EVENT_INSERTED;
		memcpy(ev->cid, r.cid, sizeof(ev->cid));
	} else {
		ev->kind = IDCARD_EVENT_UNREADABLE;
		ev->fault = r.fault;
		ev->id_fault = r.id_fault;
		snprintf(ev->why, sizeof(ev->why), "%s", r.why);
	}
	explicit_bzero(&r, sizeof(r));
	return ev->kind;
}

/* Compare the reader's state with what was told: one event at most. */
static enum idcard_event_kind
card_change(struct idcard *ic, struct idcard_event *ev)
{
	DWORD st = ic->rs.dwCurrentState;
	bool present = st & SCARD_STATE_PRESENT;

	/* A card taken out and another put in between two polls: the count moved. */
	if (ic->card_told && (!present || st >> 16 != ic->card_count)) {
		ic->card_told = false;
		ev->kind = IDCARD_EVENT_REMOVED;
		snprintf(ev->reader, sizeof(ev->reader), "%s", ic->reader);
		return ev->kind;
	}
	if (present && !ic->card_told)
		return read_card(ic, ev);
	return IDCARD_EVENT_NONE;
}

enum idcard_event_kind
idcard_poll(struct idcard *ic, struct idcard_event *ev)
{
	LONG rv;

	memset(ev, 0, sizeof(*ev));
	if (!ic->have_ctx) {
		rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &ic->ctx);
		if (rv != SCARD_S_SUCCESS)
			return reader_down(ic, ev, "pcscd is not running", rv);
		ic->have_ctx = true;
	}
	if (!ic->reader[0] && !find_reader(ic, &rv)) {
		char what[IDCARD_READER_MAX + 32];

		drop_after(ic, rv);
		if (rv != SCARD_S_SUCCESS && rv != SCARD_E_NO_READERS_AVAILABLE)
			return reader_down(ic, ev, "listing card readers", rv);
		snprintf(what, sizeof(what), "no card reader named '%s*'", ic->want);
		return reader_down(ic, ev, ic->want[0] ? what : "no card reader", SCARD_S_SUCCESS);
	}
	rv = SCardGetStatusChange(ic->ctx, 0, &ic->rs, 1);
	if (rv == SCARD_S_SUCCESS &&
	    (ic->rs.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE)))
		rv = SCARD_E_READER_UNAVAILABLE;
	if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT) {
		drop_after(ic, rv);
		return reader_down(ic, ev, "watching the card reader", rv);
	}
	if (!ic->reader_up) {
		ic->reader_up = true;
		ev->kind = IDCARD_EVENT_READER_BACK;
		snprintf(ev->reader, sizeof(ev->reader), "%s", ic->reader);
		return ev->kind;
	}
	/* Seen: the next look returns at once only when something changes again. */
	if (rv == SCARD_S_SUCCESS)
		ic->rs.dwCurrentState = ic->rs.dwEventState & ~(DWORD)SCARD_STATE_CHANGED;
	return card_change(ic, ev);
}

void
idcard_close(struct idcard *ic)
{
	if (!ic)
		return;
	drop_ctx(ic);
	free(ic);
}
