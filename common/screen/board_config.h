/*
 * board_config.h - the [board] section: what the waiting-room board shows
 * besides the calls.
 *
 *   [board]
 *   notice_th = เปิดบริการ จันทร์-ศุกร์ 08:30-16:30 โทร 0 5321 1234
 *   notice_en = Open Mon-Fri 08:30-16:30, phone 0 5321 1234
 *   notice_seconds = 8   ; each language shows this long, 2..120
 *   recent = 6           ; rows of the now-serving list, 1..20
 *   flash_seconds = 5    ; a new call flashes this long, 0..60
 *
 * Every key is optional. Without a notice the board shows the office's
 * phone and contact channels. Unknown keys and bad values are refused with
 * "FILE:LINE: [board] key 'K': what".
 *
 * board_config_parse() fills a struct the caller owns and releases with
 * board_config_release(). Pure apart from allocation; one thread.
 */
#ifndef SADUAK_BOARD_CONFIG_H
#define SADUAK_BOARD_CONFIG_H

#include "config.h"
#include "config_table.h"
#include "error.h"

#define BOARD_RECENT_MAX 20

struct board_config {
	char *notice_th;    /* malloc'd; never NULL after a successful parse ("" = none) */
	char *notice_en;    /* malloc'd; never NULL after a successful parse */
	int notice_seconds; /* how long each language of the notice stays */
	int recent;         /* rows of the now-serving list */
	int flash_seconds;  /* how long a new call flashes */
};

/*
 * Read cfg's [board] section (defaults when there is none) into *out. On
 * failure *out is empty (safe to release), err names file, line and key, and
 * the code is SQ_ERR_INVALID or SQ_ERR_NOMEM.
 */
int board_config_parse(const struct config *cfg, struct board_config *out, struct sq_error *err);

/* Free what bc holds and leave it empty. NULL is a no-op. */
void board_config_release(struct board_config *bc);

/* The keys of [board], one row each (config_table.h). */
extern const struct config_table board_config_table;

/* The check the loader runs on a [board] section (config_office.c). */
int board_config_check(const struct config *cfg, const struct config_section *sec,
                       struct sq_error *err);

#endif
