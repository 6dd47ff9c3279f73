/*
 * idcard.h - the kiosk's Thai national ID card reader, through PC/SC
 * (pcsc-lite's pcscd): tells when a card goes in and reads its citizen ID,
 * when it comes out, and when the reader or pcscd goes away and comes back.
 *
 * A poller for the caller's own loop: idcard_poll() asks pcscd for the
 * reader's state with a timeout of 0 and returns at once (one round trip
 * to pcscd, 2 ms on a loaded test machine); only when a card has just gone
 * in does it also read it (three short commands, see idcard_apdu.h: a
 * fifth of a second through the virtual reader of the tests). A reader unplugged
 * or pcscd stopped is a state, reported once, never an error: each later
 * poll looks again, and the reader's return is reported in turn. Call it
 * a few times a second.
 *
 * Events, in the order things happen:
 *   INSERTED     a card was read: ev->cid holds its 13 digits. Hash them at
 *                once (thai_id_hash) and clear ev; never log, show or store
 *                the number.
 *   UNREADABLE   a card is in, but gave no valid citizen ID (another kind of
 *                card, a failed read, a number whose check digit is wrong):
 *                ev->fault and the English line ev->why say which.
 *   REMOVED      the card reported by INSERTED or UNREADABLE was taken out.
 *   READER_GONE  no reader (unplugged, or none named so) or pcscd not running:
 *                ev->why. A card reported before is gone with it: no REMOVED
 *                follows.
 *   READER_BACK  the reader answers again (ev->reader); a card already in
 *                it is reported by the following poll.
 * The first poll reports READER_GONE if there is no reader, and INSERTED or
 * UNREADABLE for a card already in it.
 *
 * Ownership: idcard_open() allocates, idcard_close() frees (NULL is a
 * no-op). One thread per struct idcard.
 */
#ifndef SADUAK_IDCARD_H
#define SADUAK_IDCARD_H

#include "error.h"
#include "idcard_apdu.h"
#include "thai_id.h"

struct idcard;

enum idcard_event_kind {
	IDCARD_EVENT_NONE = 0, /* nothing new since the last poll */
	IDCARD_EVENT_INSERTED,
	IDCARD_EVENT_UNREADABLE,
	IDCARD_EVENT_REMOVED,
	IDCARD_EVENT_READER_GONE,
	IDCARD_EVENT_READER_BACK,
};

#define IDCARD_READER_MAX 128

/* What one poll saw. Fields not named for the kind are empty or 0. */
struct idcard_event {
	enum idcard_event_kind kind;
	char cid[THAI_ID_SIZE];         /* INSERTED: the citizen ID; never log it */
	enum idcard_fault fault;        /* UNREADABLE: why, as a kind */
	enum thai_id_fault id_fault;    /* UNREADABLE with IDCARD_FAULT_BAD_NUMBER: which rule */
	char reader[IDCARD_READER_MAX]; /* INSERTED, UNREADABLE, REMOVED, READER_BACK */
	char why[160];                  /* UNREADABLE, READER_GONE: one English line for the log */
};

/*
 * Watch the reader whose PC/SC name starts with reader ("ACS ACR39U"), or
 * the first reader pcscd lists when reader is NULL or empty. Does not talk
 * to pcscd yet, so it succeeds with pcscd down. Returns SQ_OK and *out;
 * SQ_ERR_INVALID (name longer than IDCARD_READER_MAX - 1) or SQ_ERR_NOMEM
 * with err filled and *out NULL.
 */
int idcard_open(const char *reader, struct idcard **out, struct sq_error *err);

/*
 * Look once, without waiting, and fill *ev with what changed (kind NONE
 * when nothing did). Returns ev->kind. Cannot fail: the reader's troubles
 * are events. Call again at once while it returns an event: one poll
 * reports one change.
 */
enum idcard_event_kind idcard_poll(struct idcard *ic, struct idcard_event *ev);

/* Let go of the reader and pcscd, and free ic. NULL is a no-op. */
void idcard_close(struct idcard *ic);

/* "card inserted", "reader gone", ...: the kind as words for the log. Static. */
const char *idcard_event_name(enum idcard_event_kind kind);

#endif
