/*
 * kiosk_card.c - the ID card check-in's reader and hash (kiosk_card.h).
 */
#include "kiosk_card.h"

#include <stdlib.h>
#include <string.h>

#include "config_secret.h"
#include "idcard.h"
#include "log.h"

struct kiosk_card {
	struct idcard *reader;
	uint8_t key[CONFIG_SECRET_MAX];
	size_t key_len;
};

int
kiosk_card_open(const struct kiosk_config *kc, struct kiosk_card **out, struct sq_error *err)
{
	struct kiosk_card *c;
	int rc;

	*out = NULL;
	if (!kc->id_key_file[0])
		return SQ_OK;
	if (!(c = calloc(1, sizeof(*c))))
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for the ID card reader");
	if ((rc = config_secret_load(kc->id_key_file, c->key, &c->key_len, err)) != SQ_OK ||
	    (rc = idcard_open(kc->idcard_reader, &c->reader, err)) != SQ_OK) {
		kiosk_card_close(c);
		return rc;
	}
	log_info("ID card check-in: watching %s%s%s", kc->idcard_reader[0] ? "reader '" : "",
	         kc->idcard_reader[0] ? kc->idcard_reader : "the first reader",
	         kc->idcard_reader[0] ? "'" : "");
	*out = c;
	return SQ_OK;
}

enum kiosk_card_event
kiosk_card_poll(struct kiosk_card *c, char hash[THAI_ID_HASH_SIZE])
{
	enum kiosk_card_event out = KIOSK_CARD_NONE;
	struct idcard_event ev;

	/* One change a poll: drain them, acting on the first card. */
	while (out == KIOSK_CARD_NONE && idcard_poll(c->reader, &ev) != IDCARD_EVENT_NONE) {
		switch (ev.kind) {
		case IDCARD_EVENT_INSERTED:
			/* thai_id_hash refuses a number that is no citizen ID: then unreadable. */
			out = thai_id_hash(c->key, c->key_len, ev.cid, hash) == THAI_ID_OK
			          ? KIOSK_CARD_READ
			          : KIOSK_CARD_UNREADABLE;
			break;
		case IDCARD_EVENT_UNREADABLE:
			log_warn("ID card not read: %s", ev.why);
			out = KIOSK_CARD_UNREADABLE;
			break;
		case IDCARD_EVENT_READER_GONE:
			log_warn("ID card reader: %s (booking codes still work)", ev.why);
			break;
		case IDCARD_EVENT_READER_BACK:
			log_info("ID card reader ready: %s", ev.reader);
			break;
		case IDCARD_EVENT_REMOVED:
		case IDCARD_EVENT_NONE:
			break;
		}
		explicit_bzero(&ev, sizeof(ev));
	}
	return out;
}

void
kiosk_card_close(struct kiosk_card *c)
{
	if (!c)
		return;
	idcard_close(c->reader);
	explicit_bzero(c->key, sizeof(c->key));
	free(c);
}
