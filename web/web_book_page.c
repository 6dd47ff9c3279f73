/*
 * web_book_page.c - the booking pages' HTML. See web_book_page.h.
 */
#include "web_book_page.h"

#include <stdio.h>

#include "thaitime.h"
#include "web_page.h"
#include "web_qr.h"

/* Thai weekday abbreviations as calendars print them (0 = Monday). */
static const char *const weekday_th_short[7] = {"จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา."};

/* th or en, as the page's language. */
static const char *
tr(const struct web_book_ctx *x, const char *th, const char *en)
{
	return x->en ? en : th;
}

/* "?lang=en" on English pages, so that links and forms keep the language. */
static const char *
lang_q(const struct web_book_ctx *x)
{
	return x->en ? "?lang=en" : "";
}

/* Config text in the page's language, escaped (Thai when no English). */
static void
put_name(struct web_buf *b, const struct web_book_ctx *x, const struct bilingual *name)
{
	web_buf_html(b, x->en && name->en ? name->en : name->th ? name->th : "");
}

/* "อ. 8 ธ.ค. 2569" or "Tue 8 Dec 2569 BE". */
static void
put_day(struct web_buf *b, const struct web_book_ctx *x, int day, int weekday)
{
	char text[64];

	thaitime_format(text, sizeof(text),
	                thaitime_utc_ms(day / 10000, day / 100 % 100, day % 100, 12, 0),
	                x->en ? THAITIME_EN_DATE : THAITIME_TH_DATE);
	web_buf_str(b, x->en ? thaitime_weekday_en(weekday) : weekday_th_short[weekday]);
	web_buf_str(b, " ");
	web_buf_html(b, text);
}

/* "08:30" of minutes from midnight (a check-in window may reach past it). */
static void
put_minute(struct web_buf *b, int minute)
{
	minute = ((minute % 1440) + 1440) % 1440;
	web_buf_printf(b, "%02d:%02d", minute / 60, minute % 60);
}

/* "08:30–08:50": a slot of svc from minute. */
static void
put_slot(struct web_buf *b, const struct config_service *svc, int minute)
{
	put_minute(b, minute);
	web_buf_str(b, "–");
	put_minute(b, minute + svc->booking.slot_minutes);
}

/* "ว่าง 3 ที่" or "3 left", in a bold tag. */
static void
put_free(struct web_buf *b, const struct web_book_ctx *x, int free)
{
	web_buf_printf(b, x->en ? "<b class=free>%d left</b>" : "<b class=free>ว่าง %d ที่</b>", free);
}

/* The page's start: head, the office and the service (NULL: none yet), the message. */
static void
put_top(struct web_buf *b, const struct web_book_ctx *x, const struct config_service *svc,
        const char *title)
{
	web_page_head(b, x->en ? "en" : "th", title);
	web_buf_str(b, "<header><h1>");
	put_name(b, x, &x->cfg->office_name);
	web_buf_str(b, "</h1><p class=svc>");
	web_buf_str(b, tr(x, "จองคิวล่วงหน้า", "Book a visit"));
	if (svc) {
		web_buf_str(b, " · ");
		put_name(b, x, &svc->name);
	}
	web_buf_str(b, "</p></header><main>");
	if (x->msg_th) {
		/* A refusal in both languages, whichever the page is in. */
		web_buf_str(b, "<div class=msg id=msg><p lang=th>");
		web_buf_html(b, x->msg_th);
		web_buf_str(b, "</p><p lang=en>");
		web_buf_html(b, x->msg_en);
		web_buf_str(b, "</p></div>");
	}
}

/* The page's end: back (a path, or NULL), the language switch, the phone. */
static void
put_bottom(struct web_buf *b, const struct web_book_ctx *x, const char *back)
{
	if (back) {
		web_buf_str(b, "<p><a href=\"");
		web_buf_html(b, back);
		web_buf_str(b, lang_q(x));
		web_buf_str(b, "\">");
		web_buf_str(b, tr(x, "‹ ย้อนกลับ", "‹ Back"));
		web_buf_str(b, "</a></p>");
	}
	web_buf_str(b, x->en ? "<footer><a href=\"?lang=th\">ภาษาไทย</a>"
	                     : "<footer><a href=\"?lang=en\">English</a>");
	if (x->cfg->phone) {
		web_buf_str(b, tr(x, "<p class=note>โทร ", "<p class=note>Phone "));
		web_buf_html(b, x->cfg->phone);
		web_buf_str(b, "</p>");
	}
	web_buf_str(b, "</footer></main></body></html>");
}

void
web_book_page_services(struct web_buf *b, const struct web_book_ctx *x)
{
	size_t shown = 0;

	put_top(b, x, NULL, tr(x, "จองคิวล่วงหน้า", "Book a visit"));
	web_buf_str(b, tr(x, "<h2>เลือกบริการ</h2>", "<h2>Choose a service</h2>"));
	web_buf_str(b, "<div class=list>");
	for (size_t i = 0; i < x->cfg->n_services; i++) {
		const struct config_service *svc = &x->cfg->services[i];
		if (svc->booking.slot_minutes <= 0)
			continue;
		web_buf_str(b, "<a href=\"/book/new/");
		web_buf_html(b, svc->id);
		web_buf_str(b, lang_q(x));
		web_buf_str(b, "\">");
		put_name(b, x, &svc->name);
		web_buf_str(b, "</a>");
		shown++;
	}
	web_buf_str(b, "</div>");
	if (!shown)
		web_buf_str(b, tr(x, "<p>ขณะนี้ไม่มีบริการที่รับจองล่วงหน้า</p>",
		                  "<p>No service takes bookings at present.</p>"));
	web_buf_str(b,
	            tr(x, "<p class=note>ไม่ต้องใช้ข้อมูลส่วนบุคคล รับรหัสการจองแล้วเช็กอินที่ตู้บัตรคิวในวันนัด</p>",
	               "<p class=note>No personal data needed: you get a booking code and check "
	               "in at the ticket kiosk on the day.</p>"));
	put_bottom(b, x, NULL);
}

void
web_book_page_days(struct web_buf *b, const struct web_book_ctx *x,
                   const struct config_service *svc, const struct web_book_day *days, size_t n)
{
	put_top(b, x, svc, tr(x, "เลือกวัน", "Choose a day"));
	web_buf_str(b, tr(x, "<h2>เลือกวัน</h2>", "<h2>Choose a day</h2>"));
	web_buf_str(b, "<div class=list>");
	for (size_t i = 0; i < n; i++) {
		if (days[i].full) {
			web_buf_str(b, "<span class=full>");
			put_day(b, x, days[i].day, days[i].weekday);
			web_buf_str(b, tr(x, "<b class=free>เต็ม</b></span>",
			                  "<b class=free>Full</b></span>"));
			continue;
		}
		web_buf_printf(b, "<a href=\"/book/new/%s/%08d%s\">", svc->id, days[i].day,
		               lang_q(x));
		put_day(b, x, days[i].day, days[i].weekday);
		put_free(b, x, days[i].free);
		web_buf_str(b, "</a>");
	}
	web_buf_str(b, "</div>");
	if (!n)
		web_buf_str(b, tr(x, "<p>ไม่มีวันที่จองได้</p>", "<p>No day can be booked.</p>"));
	put_bottom(b, x, "/book");
}

void
web_book_page_slots(struct web_buf *b, const struct web_book_ctx *x,
                    const struct config_service *svc, int day, int weekday,
                    const struct store_booking_slot *slots, size_t n, int now_minute)
{
	char back[32];
	size_t shown = 0;

	put_top(b, x, svc, tr(x, "เลือกเวลา", "Choose a time"));
	web_buf_str(b, "<h2>");
	put_day(b, x, day, weekday);
	web_buf_str(b, "</h2>");
	web_buf_str(b, tr(x, "<p>เลือกช่วงเวลา</p>", "<p>Choose a time</p>"));
	web_buf_str(b, "<div class=list>");
	for (size_t i = 0; i < n; i++) {
		const struct store_booking_slot *s = &slots[i];
		int free = s->capacity - s->taken;
		if (s->minute <= now_minute)
			continue; /* started: no longer bookable, nothing to show */
		shown++;
		if (!s->open || free <= 0) {
			web_buf_str(b, "<span class=full>");
			put_slot(b, svc, s->minute);
			web_buf_str(b, tr(x, "<b class=free>เต็ม</b></span>",
			                  "<b class=free>Full</b></span>"));
			continue;
		}
		web_buf_printf(b, "<a href=\"/book/new/%s/%08d/%02d%02d%s\">", svc->id, day,
		               s->minute / 60, s->minute % 60, lang_q(x));
		put_slot(b, svc, s->minute);
		put_free(b, x, free);
		web_buf_str(b, "</a>");
	}
	web_buf_str(b, "</div>");
	if (!shown)
		web_buf_str(b, tr(x, "<p>วันนี้ไม่มีช่วงเวลาที่จองได้แล้ว</p>",
		                  "<p>No time left to book on this day.</p>"));
	snprintf(back, sizeof(back), "/book/new/%s", svc->id);
	put_bottom(b, x, back);
}

void
web_book_page_form(struct web_buf *b, const struct web_book_ctx *x,
                   const struct config_service *svc, int day, int weekday, int minute, int free)
{
	char back[32];

	put_top(b, x, svc, tr(x, "ยืนยันการจอง", "Confirm your booking"));
	web_buf_str(b, "<div class=box><p class=st>");
	put_day(b, x, day, weekday);
	web_buf_str(b, "</p><p class=big>");
	put_slot(b, svc, minute);
	web_buf_str(b, "</p><p>");
	put_free(b, x, free);
	web_buf_str(b, "</p></div>");
	web_buf_printf(b, "<form method=post action=\"/book%s\">", lang_q(x));
	web_buf_str(b, "<input type=hidden name=csrf value=\"");
	web_buf_html(b, x->csrf);
	web_buf_printf(b,
	               "\"><input type=hidden name=service value=\"%s\">"
	               "<input type=hidden name=day value=\"%08d\">"
	               "<input type=hidden name=slot value=\"%02d%02d\">",
	               svc->id, day, minute / 60, minute % 60);
	if (x->with_id) {
		web_buf_str(
		    b, tr(x,
		          "<label for=cid>เลขประจำตัวประชาชน 13 หลัก (ไม่บังคับ: "
		          "เสียบบัตรที่ตู้เพื่อเช็กอิน)</label>",
		          "<label for=cid>Thai ID number, 13 digits (optional: insert the card "
		          "at the kiosk to check in)</label>"));
		web_buf_str(b, "<input id=cid name=cid inputmode=numeric autocomplete=off "
		               "maxlength=17 pattern=\"[0-9 -]*\">");
	}
	web_buf_str(b, tr(x, "<label for=note>หมายเหตุถึงเจ้าหน้าที่ (ไม่บังคับ)</label>",
	                  "<label for=note>A note for the officer (optional)</label>"));
	web_buf_str(b, "<input id=note name=note maxlength=60 autocomplete=off>");
	web_buf_str(b, tr(x, "<button class=btn type=submit>ยืนยันการจอง</button></form>",
	                  "<button class=btn type=submit>Confirm booking</button></form>"));
	snprintf(back, sizeof(back), "/book/new/%s/%08d", svc->id, day);
	put_bottom(b, x, back);
}

/* What a booking's state says. */
static void
put_state(struct web_buf *b, const struct web_book_ctx *x, enum store_booking_state state)
{
	static const struct {
		const char *th, *en;
	} words[] = {
	    [STORE_BOOKING_BOOKED] = {"จองแล้ว", "Booked"},
	    [STORE_BOOKING_CANCELLED] = {"ยกเลิกแล้ว", "Cancelled"},
	    [STORE_BOOKING_CHECKED_IN] = {"เช็กอินแล้ว", "Checked in"},
	    [STORE_BOOKING_NO_SHOW] = {"ไม่ได้มาตามนัด", "Not checked in (no-show)"},
	};

	web_buf_printf(b, "<p class=st data-state=\"%s\">", store_booking_state_name(state));
	web_buf_str(b, tr(x, words[state].th, words[state].en));
	web_buf_str(b, "</p>");
}

void
web_book_page_booking(struct web_buf *b, const struct web_book_ctx *x,
                      const struct config_service *svc, const struct store_booking *bk, int weekday)
{
	const struct service_booking *rule = &svc->booking;
	bool booked = bk->state == STORE_BOOKING_BOOKED;

	put_top(b, x, svc, bk->code);
	web_buf_str(b, tr(x, "<p class=lbl>รหัสการจอง</p>", "<p class=lbl>Booking code</p>"));
	web_buf_str(b, "<p class=\"code bcode\" id=code>");
	web_buf_html(b, bk->code);
	web_buf_str(b, "</p><div class=box>");
	put_state(b, x, bk->state);
	web_buf_str(b, "<p class=st>");
	put_day(b, x, bk->day, weekday);
	web_buf_str(b, "</p><p class=big>");
	put_slot(b, svc, bk->slot_minute);
	web_buf_str(b, "</p>");
	if (booked) {
		web_buf_str(
		    b, tr(x, "<p>เช็กอินที่ตู้บัตรคิวระหว่าง ", "<p>Check in at the ticket kiosk between "));
		put_minute(b, bk->slot_minute - rule->checkin_early_minutes);
		web_buf_str(b, tr(x, " ถึง ", " and "));
		put_minute(b, bk->slot_minute + rule->checkin_late_minutes);
		web_buf_str(b, tr(x, "&nbsp;น.</p>", "</p>"));
		web_qr_svg(b, bk->code, bk->code);
		if (bk->id_hash[0])
			web_buf_str(b, tr(x, "<p>หรือเสียบบัตรประจำตัวประชาชนที่ตู้</p>",
			                  "<p>Or insert your Thai ID card at the kiosk.</p>"));
		web_buf_str(b,
		            tr(x,
		               "<p class=note>แสดง QR นี้ที่เครื่องสแกนของตู้ หรือพิมพ์รหัส "
		               "(มีนัดหมาย) บันทึกหน้านี้หรือจดรหัสไว้</p>",
		               "<p class=note>Show this QR to the kiosk's scanner or type the code "
		               "(I have a booking). Keep this page or write the code down.</p>"));
	}
	if (bk->note[0]) {
		web_buf_str(b, tr(x, "<p class=note>หมายเหตุ: ", "<p class=note>Note: "));
		web_buf_html(b, bk->note);
		web_buf_str(b, "</p>");
	}
	web_buf_str(b, "</div>");
	if (booked) {
		web_buf_str(b, "<form method=post action=\"/book/");
		web_buf_html(b, bk->code);
		web_buf_printf(b, "/cancel%s\"><input type=hidden name=csrf value=\"", lang_q(x));
		web_buf_html(b, x->csrf);
		web_buf_str(
		    b, tr(x, "\"><button class=\"btn cancel\" type=submit>ยกเลิกการจอง</button>",
		          "\"><button class=\"btn cancel\" type=submit>Cancel booking</button>"));
		web_buf_str(b, "</form>");
	}
	put_bottom(b, x, "/book");
}

void
web_book_page_message(struct web_buf *b, const struct web_book_ctx *x, const char *back)
{
	put_top(b, x, NULL, tr(x, "จองคิวล่วงหน้า", "Book a visit"));
	put_bottom(b, x, back);
}
