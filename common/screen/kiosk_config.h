/*
 * kiosk_config.h - the [kiosk] section: how the entrance ticket screen
 * behaves.
 *
 *   [kiosk]
 *   layout = standard        ; or wheelchair: every control in the lower part
 *   language = th            ; the language the screen starts in (th or en)
 *   ticket_seconds = 15      ; the ticket screen returns home after this, 5..120
 *   advice_seconds = 90      ; an untouched advice screen returns home, 10..600
 *   fullscreen = yes         ; no: a window of window_width x window_height
 *   window_width = 1280      ; 800..3840
 *   window_height = 800      ; 480..3840
 *   exit_keys = ctrl+shift+f12 ; the supervisor's way out: two or more of
 *                            ; ctrl, shift, alt, super and one key (a-z, 0-9,
 *                            ; f1-f24, end, home, pause, insert, delete,
 *                            ; escape, pageup, pagedown), all held at once
 *   id_key_file = /etc/saduak/id-hash.key ; booking check-in with the Thai
 *                            ; ID card: the key file of the citizen-ID hash
 *                            ; (config_secret.h), relative to the config's
 *                            ; folder; unset = no card reader
 *   idcard_reader = ACS ACR39U ; the PC/SC reader's name, or its start;
 *                            ; unset = the first reader pcscd lists
 *
 * A barcode scanner is a keyboard: it types letters, digits and Enter,
 * Shift for capitals and at most Ctrl for control codes, so a chord of two
 * modifiers cannot come from it or from a leaning elbow.
 *
 * Every key is optional. Lives in common/ because the loader checks the
 * section at load time (config_office.c). Pure; one thread.
 */
#ifndef SADUAK_KIOSK_CONFIG_H
#define SADUAK_KIOSK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "config_table.h"
#include "error.h"

#define KIOSK_KEY_NAME_MAX 16
#define KIOSK_PATH_MAX     512 /* id_key_file, resolved */
#define KIOSK_READER_MAX   128 /* idcard_reader */

/* Modifiers of a chord, as bits. */
enum kiosk_modifier {
	KIOSK_MOD_CTRL = 1,
	KIOSK_MOD_SHIFT = 2,
	KIOSK_MOD_ALT = 4,
	KIOSK_MOD_SUPER = 8,
};

/* A key pressed with exactly these modifiers held. */
struct kiosk_chord {
	unsigned mods;                /* KIOSK_MOD_* bits, at least two */
	char key[KIOSK_KEY_NAME_MAX]; /* "f12", "q": a key name SDL knows */
};

/* The [kiosk] settings; plain data. */
struct kiosk_config {
	bool wheelchair;    /* layout = wheelchair */
	bool start_english; /* language = en */
	int ticket_seconds;
	int advice_seconds;
	bool fullscreen;
	int window_width, window_height;
	struct kiosk_chord exit;              /* exit_keys: leaves any kiosk screen */
	char id_key_file[KIOSK_PATH_MAX];     /* absolute; "" = no ID card check-in */
	char idcard_reader[KIOSK_READER_MAX]; /* "" = the first reader */
};

/*
 * Read cfg's [kiosk] section (defaults when there is none) into *out.
 * SQ_ERR_INVALID with "FILE:LINE: [kiosk] key 'K': what" in err.
 */
int kiosk_config_parse(const struct config *cfg, struct kiosk_config *out, struct sq_error *err);

/*
 * Parse "ctrl+shift+f12" into *out; false with why (size n) filled when it is
 * not two or more modifiers and one key. Pure.
 */
bool kiosk_chord_parse(const char *text, struct kiosk_chord *out, char *why, size_t n);

/* The keys of [kiosk], one row each (config_table.h). */
extern const struct config_table kiosk_config_table;

/* The check the loader runs on a [kiosk] section (config_office.c). */
int kiosk_config_check(const struct config *cfg, const struct config_section *sec,
                       struct sq_error *err);

#endif
