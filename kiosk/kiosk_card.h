/*
 * kiosk_card.h - the booking check-in by Thai national ID card at the
 * entrance kiosk: the [kiosk] id_key_file and idcard_reader settings, the
 * reader's poller (idcard.h) and the keyed hash of the number it reads
 * (thai_id.h), which is what store_booking_checkin() matches.
 *
 * The card is a second way in and never stops the kiosk: a reader
 * unplugged or pcscd down is logged once per change and looked for again
 * at each poll. The citizen ID is hashed as soon as it is read and wiped:
 * it is never shown, logged or kept, here or by the caller.
 *
 * Ownership: kiosk_card_open() allocates, kiosk_card_close() frees (NULL
 * is a no-op). One thread (the kiosk's loop).
 */
#ifndef SADUAK_KIOSK_CARD_H
#define SADUAK_KIOSK_CARD_H

#include "error.h"
#include "kiosk_config.h"
#include "thai_id.h"

struct kiosk_card;

/* What a poll found for the kiosk to act on. */
enum kiosk_card_event {
	KIOSK_CARD_NONE,       /* nothing to do (reader changes are logged) */
	KIOSK_CARD_READ,       /* a card with a valid citizen ID went in: its hash */
	KIOSK_CARD_UNREADABLE, /* a card went in that gave no valid citizen ID */
};

/*
 * The card reader of kc: *out NULL (SQ_OK) when kc has no id_key_file. A
 * key file that cannot be used is an error (err says which file and why);
 * the caller goes on without the card.
 */
int kiosk_card_open(const struct kiosk_config *kc, struct kiosk_card **out, struct sq_error *err);

/*
 * Look at the reader without waiting (a card just in is read: tens of
 * milliseconds). On KIOSK_CARD_READ, hash holds the citizen ID's keyed
 * hash. Call a few times a second.
 */
enum kiosk_card_event kiosk_card_poll(struct kiosk_card *c, char hash[THAI_ID_HASH_SIZE]);

/* Let the reader go and wipe the key. NULL is a no-op. */
void kiosk_card_close(struct kiosk_card *c);

#endif
