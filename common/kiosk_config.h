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
 *
 * Every key is optional. Lives in common/ because config.c checks the
 * section at load time (config_section_checkers). Pure; one thread.
 */
#ifndef SADUAK_KIOSK_CONFIG_H
#define SADUAK_KIOSK_CONFIG_H

#include <stdbool.h>

#include "config.h"
#include "error.h"

/* The [kiosk] settings; plain data. */
struct kiosk_config {
	bool wheelchair;    /* layout = wheelchair */
	bool start_english; /* language = en */
	int ticket_seconds;
	int advice_seconds;
	bool fullscreen;
	int window_width, window_height;
};

/*
 * Read cfg's [kiosk] section (defaults when there is none) into *out.
 * SQ_ERR_INVALID with "FILE:LINE: [kiosk] key 'K': what" in err.
 */
int kiosk_config_parse(const struct config *cfg, struct kiosk_config *out, struct sq_error *err);

/* The checker config.c runs on a [kiosk] section at load time. */
int kiosk_config_check(const struct config *cfg, const struct config_section *sec,
                       struct sq_error *err);

#endif
