/*
 * screen_log.h - a screen's hold on the log, which may be out of reach for a
 * while: a server restarting, a cable out, a file another program keeps
 * locked. A screen that runs all day (console, kiosk, board, rating screen,
 * saduak-web) opens the log through this and keeps running without it: it
 * shows the fault in its own words and this module tries again, every
 * SCREEN_LOG_RETRY_MS, until the log answers, opening the connection anew
 * when it failed (a lost server connection) rather than waited (a lock).
 *
 * A screen polls with screen_log_poll() on its tick: a short wait
 * (SCREEN_LOG_POLL_WAIT_MS), so a log that does not answer shows within a
 * second; its other calls wait the store's full time, as a command does.
 * A store call that fails is handed to screen_log_failed(), which marks the
 * log out of reach for SQ_ERR_DB and SQ_ERR_BUSY, and unusable for
 * SQ_ERR_DENIED: the program's database role lacks a right, which no
 * reconnecting mends, so the screen says that instead (screen_log_denied())
 * and the log is used again a second later, when the admin may have granted
 * it. Nothing is queued for later: what failed failed, and the screen says so.
 *
 * One thread; l owns its store.
 */
#ifndef SADUAK_SCREEN_LOG_H
#define SADUAK_SCREEN_LOG_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "store.h"

#define SCREEN_LOG_POLL_WAIT_MS 500  /* a poll waits this long for the log */
#define SCREEN_LOG_RETRY_MS     1000 /* while out of reach, tried this often */
#define SCREEN_LOG_REOPEN_AFTER 3    /* failed tries before the connection is made anew */

/* The words every screen shows while the log is out of reach. */
#define SCREEN_LOG_RECONNECTING_TH "กำลังเชื่อมต่อระบบคิวใหม่"
#define SCREEN_LOG_RECONNECTING_EN "Reconnecting to the queue system"

/* The words a staff-facing screen shows while its database role lacks a right. */
#define SCREEN_LOG_DENIED_TH "บัญชีฐานข้อมูลของเครื่องนี้ไม่มีสิทธิ์ที่ต้องใช้ กรุณาแจ้งผู้ดูแลระบบ"
#define SCREEN_LOG_DENIED_EN                                                                       \
	"This PC's database account lacks a right it needs: tell the administrator "               \
	"(saduak-counter db-init)"

enum screen_log_state {
	SCREEN_LOG_UP,   /* the log answers */
	SCREEN_LOG_DOWN, /* out of reach: show it, change nothing */
	SCREEN_LOG_BACK, /* it answers again (or for the first time): read everything anew */
};

struct screen_log {
	const char *path;       /* the config's database; not owned */
	struct store *store;    /* NULL while it could not be opened */
	enum store_check depth; /* of the first open; later ones are quick */
	bool opened;            /* it was open once: reopening checks less */
	bool down;              /* out of reach (or denied) since the last failure */
	bool denied;            /* the last failure was a missing right */
	int failures;           /* tries failed in a row while down */
	int64_t next_try_ms;    /* monotonic: when a down log is tried again */
	char fault[512];        /* the failure, as logged */
};

/*
 * Open the log of cfg for a screen (store_open_checked at depth). A damaged
 * log (SQ_ERR_CORRUPT) is refused as every program refuses it:
 * CLI_EXIT_UNAVAILABLE, one line logged. Any other failure is logged and
 * leaves l down, to be tried again by screen_log_poll(): CLI_EXIT_OK.
 * Release with screen_log_close().
 */
int screen_log_open(struct screen_log *l, const struct config *cfg, enum store_check depth);

/*
 * A screen's poll, at monotonic mono: the log's data_version into *version
 * when it answers. DOWN when it does not (or not yet time to try again),
 * BACK the first time it answers after that (the screen reloads all it
 * shows), UP otherwise.
 */
enum screen_log_state screen_log_poll(struct screen_log *l, int64_t mono, int64_t *version);

/*
 * A store call of the screen failed with err: true when that means the log
 * cannot be used (SQ_ERR_DB, SQ_ERR_BUSY: out of reach; SQ_ERR_DENIED: the
 * role lacks a right), which marks l down (logged once until it answers
 * again; a missing right once until the screen worked a whole poll without
 * it); false for the answers of the rules (empty, refused, not found), which
 * leave l as it is.
 */
bool screen_log_failed(struct screen_log *l, const struct sq_error *err, int64_t mono);

/*
 * Whether l is down because the program's database role lacks a right
 * (SQ_ERR_DENIED): the screen says so, in staff's words, instead of the log
 * being out of reach.
 */
bool screen_log_denied(const struct screen_log *l);

/*
 * Why l cannot be used now, for a log line ("no ticket issued: WHY"): the log
 * out of reach, or the role lacking a right. Static.
 */
const char *screen_log_why(const struct screen_log *l);

/* Whether the log can be used now: open and not out of reach. */
bool screen_log_up(const struct screen_log *l);

/* Close the store. */
void screen_log_close(struct screen_log *l);

#endif
