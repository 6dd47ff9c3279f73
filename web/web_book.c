/*
 * web_book.c - the booking pages' requests: the form token, the rate limit,
 * the store's answers. See web_book.h.
 */
#include "web_book.h"

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "store_booking.h"
#include "store_web.h"
#include "thai_id.h"
#include "thaitime.h"
#include "web_book_input.h"
#include "web_book_page.h"
#include "web_input.h"
#include "web_ratelimit.h"

_Static_assert(THAI_ID_HASH_SIZE == STORE_BOOKING_HASH_LEN + 1,
               "the booking keeps thai_id_hash()'s hex digits");

/* The day k days after day (YYYYMMDD), and its weekday into *weekday (may be NULL). */
static int
add_days(int day, int k, int *weekday)
{
	struct local_time lt;

	thaitime_local(thaitime_utc_ms(day / 10000, day / 100 % 100, day % 100 + k, 12, 0), &lt);
	if (weekday)
		*weekday = lt.weekday;
	return lt.day_key;
}

/*
 * The form token of this client into out (n > STORE_WEB_TOKEN_LEN): the
 * saduak_form cookie it sent, else a new one that this reply sets.
 * False when no random bytes could be drawn.
 */
static bool
form_token(const struct web_call *c, char *out, size_t n)
{
	struct sq_error err = {0};
	const char *sent = c->rq->csrf;

	if (sent && store_web_token_valid(sent)) {
		snprintf(out, n, "%s", sent);
		return true;
	}
	if (store_web_token_new(out, n, &err) != SQ_OK) {
		log_error("a booking form token: %s", err.msg);
		return false;
	}
	snprintf(c->out->set_cookie, sizeof(c->out->set_cookie),
	         "%s=%s; Path=/book; HttpOnly; SameSite=Strict; Max-Age=86400%s", WEB_FORM_COOKIE,
	         out, c->rq->https ? "; Secure" : "");
	return true;
}

/* The service id if it takes bookings, else NULL. */
static const struct config_service *
bookable(const struct config *cfg, const char *id)
{
	const struct config_service *svc = config_service_find(cfg, id);

	return svc && svc->booking.slot_minutes > 0 ? svc : NULL;
}

/* Say refusal why on the page (both languages). */
static void
say(struct web_book_ctx *x, enum booking_refusal why)
{
	x->msg_th = booking_refusal_th(why);
	x->msg_en = booking_refusal_en(why);
}

/* Read svc's slots of day; SQ_OK or a status to answer (logged). */
static int
read_slots(struct web_app *app, const struct config_service *svc, int day,
           struct store_booking_slot *slots, size_t *n)
{
	struct sq_error err = {0};
	int rc = store_booking_slots(app->data->log->store, app->cfg, svc->id, day, slots,
	                             BOOKING_MAX_SLOTS, n, &err);

	if (rc != SQ_OK) {
		log_warn("booking slots of %s on %d: %s", svc->id, day, err.msg);
		return rc == SQ_ERR_INVALID ? 404 : web_status_of(rc);
	}
	return SQ_OK;
}

/* Minutes from local midnight at now_ms. */
static int
minute_now(int64_t now_ms)
{
	struct local_time lt;

	thaitime_local(now_ms, &lt);
	return lt.minute_of_day;
}

/*
 * GET /book/new/A: every day from today to today + days_ahead on which svc
 * has a slot not yet started, with its free places (or full).
 */
static int
days_page(struct web_app *app, const struct web_call *c, const struct web_book_ctx *x,
          const struct config_service *svc, struct web_buf *b)
{
	struct store_booking_slot slots[BOOKING_MAX_SLOTS];
	struct web_book_day days[91]; /* booking_days_ahead is at most 90 */
	int today = thaitime_day_key(c->now_ms), now_minute = minute_now(c->now_ms);
	size_t n_days = 0, n;

	for (int k = 0; k <= svc->booking.days_ahead && n_days < sizeof(days) / sizeof(days[0]);
	     k++) {
		struct web_book_day d = {0};
		int rc;

		d.day = add_days(today, k, &d.weekday);
		if ((rc = read_slots(app, svc, d.day, slots, &n)) != SQ_OK)
			return rc;
		if (n == 0 || (k == 0 && slots[n - 1].minute <= now_minute))
			continue; /* closed that day, or today's last slot has started */
		for (size_t i = 0; i < n; i++)
			d.free += slots[i].open ? slots[i].capacity - slots[i].taken : 0;
		d.full = d.free == 0;
		days[n_days++] = d;
	}
	web_book_page_days(b, x, svc, days, n_days);
	return 200;
}

/*
 * The refusal of day for svc before the store is asked: past, or beyond
 * days_ahead; BOOKING_OK when it may be booked.
 */
static enum booking_refusal
day_refusal(const struct config_service *svc, int day, int64_t now_ms)
{
	int today = thaitime_day_key(now_ms);

	if (day < today)
		return BOOKING_PAST;
	return day > add_days(today, svc->booking.days_ahead, NULL) ? BOOKING_TOO_FAR : BOOKING_OK;
}

/* GET /book/new/A/DAY[/HHMM]: the day's slots, or the form of one slot. */
static int
slot_page(struct web_app *app, const struct web_call *c, struct web_book_ctx *x,
          const struct config_service *svc, const struct web_book_path *p, struct web_buf *b)
{
	struct store_booking_slot slots[BOOKING_MAX_SLOTS];
	enum booking_refusal why = day_refusal(svc, p->day, c->now_ms);
	int weekday, rc, now_minute = -1;
	size_t n;
	char back[32];

	snprintf(back, sizeof(back), "/book/new/%s", svc->id);
	if (why != BOOKING_OK) {
		say(x, why);
		web_book_page_message(b, x, back);
		return 404;
	}
	add_days(p->day, 0, &weekday);
	if ((rc = read_slots(app, svc, p->day, slots, &n)) != SQ_OK)
		return rc;
	if (p->day == thaitime_day_key(c->now_ms))
		now_minute = minute_now(c->now_ms);
	if (p->kind == WEB_BOOK_SLOTS) {
		if (n == 0)
			say(x, BOOKING_DAY_CLOSED);
		web_book_page_slots(b, x, svc, p->day, weekday, slots, n, now_minute);
		return 200;
	}
	for (size_t i = 0; i < n; i++) {
		if (slots[i].minute != p->minute)
			continue;
		if (!slots[i].open) {
			/* Taken meanwhile, or started: the day's slots again, saying so. */
			say(x, slots[i].minute <= now_minute ? BOOKING_PAST : BOOKING_SLOT_FULL);
			web_book_page_slots(b, x, svc, p->day, weekday, slots, n, now_minute);
			return 409;
		}
		web_book_page_form(b, x, svc, p->day, weekday, p->minute,
		                   slots[i].capacity - slots[i].taken);
		return 200;
	}
	return 404;
}

/* The client's address ("" when unknown): the key of its buckets. */
static const char *
address_of(const struct web_call *c)
{
	return c->rq->address ? c->rq->address : "";
}

/* The 429 page saying th / en, Retry-After retry_s; 429. */
static int
too_many(const struct web_call *c, struct web_book_ctx *x, int retry_s, const char *th,
         const char *en, struct web_buf *b)
{
	c->out->retry_after = retry_s;
	x->msg_th = th;
	x->msg_en = en;
	web_book_page_message(b, x, "/book");
	return 429;
}

/*
 * 0 when the client may ask for a code now, else the 429 of an address
 * that asked for too many unknown ones (guessing codes), in b.
 */
static int
guessing(struct web_app *app, const struct web_call *c, struct web_book_ctx *x, struct web_buf *b)
{
	int wait = web_ratelimit_wait(app->book_misses, address_of(c), c->mono_ms);

	if (wait == 0)
		return 0;
	log_warn("booking code from %s refused: too many unknown codes (again in %d s)",
	         address_of(c), wait);
	return too_many(c, x, wait, "ลองรหัสการจองที่ไม่มีอยู่หลายครั้งเกินไป กรุณารอสักครู่แล้วลองใหม่",
	                "Too many unknown booking codes from your connection: please wait a while "
	                "and try again.",
	                b);
}

/*
 * GET /book/CODE, or its page again after a refused cancel (status). An
 * unknown code counts against the client's bucket of misses.
 */
static int
booking_page(struct web_app *app, const struct web_call *c, struct web_book_ctx *x,
             const char *code, int status, struct web_buf *b)
{
	struct store_booking bk;
	struct sq_error err = {0};
	enum booking_refusal why;
	const struct config_service *svc;
	int weekday;
	int rc = store_booking_find(app->data->log->store, code, &bk, &why, &err);

	if (rc == SQ_ERR_NOTFOUND) {
		web_ratelimit_take(app->book_misses, address_of(c), c->mono_ms, NULL);
		say(x, BOOKING_UNKNOWN);
		web_book_page_message(b, x, "/book");
		return 404;
	}
	if (rc != SQ_OK) {
		log_warn("reading booking %s: %s", code, err.msg);
		return web_status_of(rc);
	}
	if (!(svc = config_service_find(app->cfg, bk.service))) {
		/* The service left the config since: nothing sensible to show. */
		say(x, BOOKING_NOT_BOOKABLE);
		web_book_page_message(b, x, "/book");
		return 404;
	}
	add_days(bk.day, 0, &weekday);
	web_book_page_booking(b, x, svc, &bk, weekday);
	return status;
}

int
web_book_get(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	char csrf[STORE_WEB_TOKEN_LEN + 1];
	struct web_book_ctx x = {
	    .cfg = app->cfg, .en = c->en, .csrf = csrf, .with_id = app->id_key_len > 0};
	struct web_book_path p;
	const struct config_service *svc;

	if (!web_book_path_parse(c->rest, &p) || p.kind == WEB_BOOK_CANCEL)
		return 404;
	if (!form_token(c, csrf, sizeof(csrf)))
		return 500;
	if (p.kind == WEB_BOOK_SERVICES) {
		web_book_page_services(b, &x);
		return 200;
	}
	if (p.kind == WEB_BOOK_CODE) {
		int status = guessing(app, c, &x, b);
		return status ? status : booking_page(app, c, &x, p.code, 200, b);
	}
	if (!(svc = bookable(app->cfg, p.service)))
		return 404;
	if (p.kind == WEB_BOOK_DAYS)
		return days_page(app, c, &x, svc, b);
	return slot_page(app, c, &x, svc, &p, b);
}

/*
 * Take one from the client's bucket: true when the POST may go on; else
 * the 429 page is in b and Retry-After set.
 */
static bool
rate_ok(struct web_app *app, const struct web_call *c, struct web_book_ctx *x, struct web_buf *b)
{
	int retry_s;

	if (web_ratelimit_take(app->book_limit, address_of(c), c->mono_ms, &retry_s))
		return true;
	log_warn("booking POST from %s refused: over the rate limit (again in %d s)", address_of(c),
	         retry_s);
	too_many(c, x, retry_s, "มีการจองจากการเชื่อมต่อนี้บ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่",
	         "Too many bookings from your connection: please wait a while and try again.", b);
	return false;
}

/* The form's token equals the cookie's (a page of another site has neither). */
static bool
csrf_ok(const struct web_call *c, const char *sent)
{
	const char *cookie = c->rq->csrf;

	if (cookie && store_web_token_valid(cookie) && strcmp(cookie, sent) == 0)
		return true;
	log_warn("booking POST from %s without its form token refused", address_of(c));
	return false;
}

/*
 * The keyed hash of the ID number cid into hash (STORE_BOOKING_HASH_LEN + 1
 * bytes); false when no key is loaded or cid is not an ID (check digit).
 */
static bool
id_hash(const struct web_app *app, const char *cid, char *hash)
{
	return app->id_key_len > 0 &&
	       thai_id_hash(app->id_key, app->id_key_len, cid, hash) == THAI_ID_OK;
}

/* POST /book: make the booking. */
static int
make(struct web_app *app, const struct web_call *c, struct web_book_ctx *x, struct web_buf *b)
{
	struct web_book_form f;
	struct store_booking bk;
	struct sq_error err = {0};
	enum booking_refusal why = BOOKING_OK;
	char hash[STORE_BOOKING_HASH_LEN + 1] = "", back[32];
	enum web_book_form_fault fault = web_book_form_parse(c->rq->body, &f);
	const struct config_service *svc;
	int rc;

	if (fault == WEB_BOOK_FORM_BAD || !(svc = bookable(app->cfg, f.service)))
		return 400;
	if (!csrf_ok(c, f.csrf))
		return 403;
	snprintf(back, sizeof(back), "/book/new/%s/%08d", f.service, f.day);
	if (fault == WEB_BOOK_FORM_OK && f.cid[0] && !id_hash(app, f.cid, hash))
		fault = WEB_BOOK_FORM_BAD_ID;
	explicit_bzero(f.cid, sizeof(f.cid)); /* only its hash goes on */
	if (fault != WEB_BOOK_FORM_OK) {
		x->msg_th = fault == WEB_BOOK_FORM_NOTE_LONG ? "หมายเหตุยาวเกินไป"
		                                             : "เลขประจำตัวประชาชนไม่ถูกต้อง";
		x->msg_en = fault == WEB_BOOK_FORM_NOTE_LONG ? "The note is too long."
		                                             : "That is not a Thai ID number.";
		web_book_page_message(b, x, back);
		return 400;
	}
	rc = store_booking_make(app->data->log->store, app->cfg, f.service, f.day, f.minute,
	                        hash[0] ? hash : NULL, f.note, &bk, &why, &err);
	if (rc == SQ_OK) {
		log_info("booking %s made: service %s, %d %02d:%02d, from %s", bk.code, bk.service,
		         bk.day, bk.slot_minute / 60, bk.slot_minute % 60, address_of(c));
		snprintf(c->out->location_buf, sizeof(c->out->location_buf), "/book/%s%s", bk.code,
		         c->en ? "?lang=en" : "");
		return web_redirect(c, c->out->location_buf);
	}
	if (why == BOOKING_OK) {
		log_warn("making a booking of %s: %s", f.service, err.msg);
		return rc == SQ_ERR_INVALID ? 400 : web_status_of(rc);
	}
	log_info("booking of %s %d %02d:%02d from %s refused: %s", f.service, f.day, f.minute / 60,
	         f.minute % 60, address_of(c), booking_refusal_name(why));
	say(x, why);
	/* Full or past: the day's slots again, with what is left. */
	if (why == BOOKING_SLOT_FULL || why == BOOKING_PAST || why == BOOKING_NOT_A_SLOT) {
		struct web_book_path p = {.kind = WEB_BOOK_SLOTS, .day = f.day};
		snprintf(p.service, sizeof(p.service), "%s", f.service);
		if (day_refusal(svc, f.day, c->now_ms) == BOOKING_OK) {
			int status = slot_page(app, c, x, svc, &p, b);
			return status == 200 ? 409 : status;
		}
	}
	web_book_page_message(b, x, back);
	return 409;
}

/* POST /book/CODE/cancel. */
static int
cancel(struct web_app *app, const struct web_call *c, struct web_book_ctx *x, const char *code,
       struct web_buf *b)
{
	char sent[STORE_WEB_TOKEN_LEN + 2];
	struct sq_error err = {0};
	enum booking_refusal why = BOOKING_OK;
	int rc;

	if (!web_form_get(c->rq->body, "csrf", sent, sizeof(sent)))
		return 400;
	if (!csrf_ok(c, sent))
		return 403;
	if ((rc = guessing(app, c, x, b)) != 0)
		return rc;
	rc = store_booking_cancel(app->data->log->store, code, NULL, &why, &err);
	if (rc == SQ_OK) {
		log_info("booking %s cancelled from %s", code, address_of(c));
		snprintf(c->out->location_buf, sizeof(c->out->location_buf), "/book/%s%s", code,
		         c->en ? "?lang=en" : "");
		return web_redirect(c, c->out->location_buf);
	}
	if (why == BOOKING_OK) {
		log_warn("cancelling booking %s: %s", code, err.msg);
		return web_status_of(rc);
	}
	say(x, why);
	return booking_page(app, c, x, code, why == BOOKING_UNKNOWN ? 404 : 409, b);
}

int
web_book_post(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	char csrf[STORE_WEB_TOKEN_LEN + 1];
	struct web_book_ctx x = {
	    .cfg = app->cfg, .en = c->en, .csrf = csrf, .with_id = app->id_key_len > 0};
	struct web_book_path p;

	if (!web_book_path_parse(c->rest, &p) ||
	    (p.kind != WEB_BOOK_SERVICES && p.kind != WEB_BOOK_CANCEL))
		return 404;
	if (!form_token(c, csrf, sizeof(csrf)))
		return 500;
	if (!rate_ok(app, c, &x, b))
		return 429;
	if (!c->rq->body)
		return 400;
	return p.kind == WEB_BOOK_CANCEL ? cancel(app, c, &x, p.code, b) : make(app, c, &x, b);
}
