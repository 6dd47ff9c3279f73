#include "web_page.h"

#include <stdio.h>

#include "estimate.h"
#include "thaitime.h"

/* One text in both languages. */
struct words {
	const char *th;
	const char *en;
};

static const struct words phase_titles[WEB_PHASE_COUNT] = {
    [WEB_PHASE_WAITING] = {"กำลังรอเรียก", "Waiting"},
    [WEB_PHASE_CALLED] = {"ถึงคิวของท่านแล้ว", "It is your turn"},
    [WEB_PHASE_RECALLED] = {"เรียกซ้ำ", "Called again"},
    [WEB_PHASE_SERVING] = {"กำลังให้บริการ", "Being served"},
    [WEB_PHASE_PARKED] = {"พักคิวไว้ชั่วคราว", "Set aside for a while"},
    [WEB_PHASE_NOSHOW] = {"ไม่มาตามเรียก", "Missed your call"},
    [WEB_PHASE_DONE] = {"ขอบคุณที่ใช้บริการ", "Thank you"},
    [WEB_PHASE_CLOSED] = {"คิวนี้ปิดแล้ว", "This ticket is closed"},
};

/* The style of every page: big type, high contrast, one column for a phone. */
static const char style[] =
    "<style>"
    "body{font-family:sans-serif;margin:0;background:#f4f6f8;color:#111}"
    "main{max-width:30em;margin:auto;padding:1em}"
    "header{background:#0b4f8a;color:#fff;padding:.8em 1em}"
    "h1{font-size:1.1em;margin:0}.svc{margin:.2em 0 0;opacity:.9}"
    ".code{font-size:3.5em;font-weight:bold;text-align:center;margin:.2em 0}"
    ".box{background:#fff;border-radius:.5em;padding:1em;text-align:center}"
    ".st{font-size:1.3em;font-weight:bold;margin:0 0 .4em}"
    ".go{font-size:2.2em;font-weight:bold;color:#0a6b2d;margin:.2em 0}"
    ".go2{font-size:1.3em;font-weight:bold;color:#0a6b2d;margin:.2em 0}"
    ".big{font-size:2em;font-weight:bold;margin:.2em 0}"
    ".called{background:#e3f6e8;border:3px solid #0a6b2d}"
    ".face{display:block;width:100%;font-size:1.2em;margin:.4em 0;padding:.7em;"
    "border-radius:.5em;border:0;color:#fff;font-weight:bold}"
    ".note{color:#444}.recon{background:#fff4d6;border:2px solid #c77700;"
    "border-radius:.5em;padding:.5em .8em;margin:.5em "
    "0}footer{text-align:center;margin:1em}a{color:#0b4f8a}"
    /* The booking pages (web_book_page.c): big targets for a thumb at 360 px. */
    "h2{font-size:1.2em}.list a,.list span{display:flex;justify-content:space-between;"
    "align-items:baseline;gap:.5em;background:#fff;padding:.9em 1em;"
    "margin:.5em 0;border:2px solid #0b4f8a;border-radius:.5em;color:#111;"
    "text-decoration:none;font-size:1.1em}.list span{border-color:#ccc;color:#777}"
    ".free{color:#0a6b2d;white-space:nowrap}.full .free{color:#a00}"
    ".msg{background:#fdecea;border:2px solid #c62828;border-radius:.5em;padding:0 .8em;"
    "margin:.5em 0}label{display:block;margin-top:.8em}input{font-size:1.1em;width:100%;"
    "box-sizing:border-box;padding:.6em;margin:.3em 0}.btn{display:block;width:100%;"
    "font-size:1.2em;padding:.8em;margin:1em 0;border:0;border-radius:.5em;"
    "background:#0b4f8a;color:#fff;font-weight:bold}.cancel{background:#c62828}"
    ".lbl{text-align:center;margin:.5em 0 0}.bcode{font-family:monospace;"
    "letter-spacing:.1em}.qr{display:block;width:60%;max-width:14em;margin:.5em auto}"
    "</style>";

/*
 * Fetch the state box again every second and swap it in when it changed;
 * a gone ticket (404) reloads the page, which then says so. Any other
 * answer, or none (the queue log out of reach: 503; the phone's network
 * gone), shows the reconnecting mark over the last state, so that a
 * citizen never takes a page that stopped moving for a queue that did;
 * the next answer takes it away.
 */
static const char script[] =
    "<script>(function(){var b=document.getElementById('s'),"
    "r=document.getElementById('r'),l='';"
    "function p(){var x=new XMLHttpRequest();"
    "x.open('GET',location.pathname+'/live'+location.search);x.timeout=5000;"
    "x.onload=function(){if(x.status==404)location.reload();"
    "else if(x.status==200){r.hidden=true;if(x.responseText!==l){l=x.responseText;"
    "b.innerHTML=l;}}else r.hidden=false;};"
    "x.onerror=x.ontimeout=function(){r.hidden=false;};"
    "x.send();}setInterval(p,1000);})();</script>";

/* The mark a ticket's page shows while its state cannot be read. */
static const struct words reconnecting = {
    "กำลังเชื่อมต่อระบบคิวใหม่ ข้อมูลด้านล่างอาจยังไม่เป็นปัจจุบัน",
    "Reconnecting to the queue system: what is shown below may be out of date.",
};

/* Text in the chosen language. */
static const char *
pick(const struct words *w, bool en)
{
	return en ? w->en : w->th;
}

/* Config text in the chosen language, escaped (Thai when no English). */
static void
put_name(struct web_buf *b, const struct bilingual *name, bool en)
{
	web_buf_html(b, en && name->en ? name->en : name->th ? name->th : "");
}

/* "HH:MM" of utc_ms in the office's time. */
static void
put_time(struct web_buf *b, int64_t utc_ms)
{
	char t[16];

	thaitime_format(t, sizeof(t), utc_ms, THAITIME_TIME);
	web_buf_html(b, t);
}

/* "ช่อง 3 ชั้น 1" or "counter 3, Floor 1". */
static void
put_counter(struct web_buf *b, const struct config_counter *c, bool en)
{
	web_buf_printf(b, en ? "counter %d" : "ช่อง %d", c->number);
	if (c->location.th || c->location.en) {
		web_buf_str(b, en ? ", " : " ");
		put_name(b, &c->location, en);
	}
}

/* The call, big, in the page's language and smaller in the other one. */
static void
put_call(struct web_buf *b, const struct web_ticket_view *v, bool en)
{
	for (int i = 0; i < 2; i++) {
		bool lang = i == 0 ? en : !en;
		web_buf_str(b, i == 0 ? "<p class=go>" : "<p class=go2>");
		web_buf_str(b, lang ? "Go to " : "ไปที่");
		put_counter(b, v->counter, lang);
		web_buf_str(b, "</p>");
	}
	web_buf_str(b, "<p class=note>");
	web_buf_str(b, en ? "Called at " : "เรียกเมื่อ ");
	put_time(b, v->called_ms);
	web_buf_str(b, "</p>");
}

/* Position and estimated wait of a waiting ticket. */
static void
put_waiting(struct web_buf *b, const struct web_ticket_view *v, bool en)
{
	if (v->ahead == 0)
		web_buf_str(b, en ? "<p class=big>You are next</p>" : "<p class=big>คิวถัดไป</p>");
	else if (v->ahead > 0)
		web_buf_printf(
		    b, en ? "<p class=big>%d ahead of you</p>" : "<p class=big>รออีก %d คิว</p>",
		    v->ahead);
	if (v->has_wait) {
		char wait[128];

		estimate_text(&v->wait, en, wait, sizeof(wait));
		web_buf_printf(b, en ? "<p>Estimated wait: %s</p>" : "<p>เวลารอ: %s</p>", wait);
	}
	web_buf_str(b, en ? "<p class=note>This page updates by itself.</p>"
	                  : "<p class=note>หน้านี้อัปเดตเอง ไม่ต้องกดรีเฟรช</p>");
}

/* The five faces of a finished ticket not yet rated, or thanks for the rating. */
static void
put_rating(struct web_buf *b, const struct web_ticket_view *v, bool en)
{
	/* Colours, not emoji: a cheap phone may lack the glyphs (green smile to red frown). */
	static const struct {
		const char *colour;
		struct words label;
	} faces[] = {
	    {"#2e7d32", {"มากที่สุด", "Very satisfied"}},    {"#689f38", {"มาก", "Satisfied"}},
	    {"#f9a825", {"ปานกลาง", "Neutral"}},          {"#ef6c00", {"น้อย", "Dissatisfied"}},
	    {"#c62828", {"น้อยที่สุด", "Very dissatisfied"}},
	};

	if (v->rated) {
		web_buf_str(b, en ? "<p>Thank you for your rating.</p>"
		                  : "<p>ขอบคุณสำหรับการประเมิน</p>");
		return;
	}
	if (!v->can_rate)
		return;
	web_buf_str(b, en ? "<p>How satisfied were you with the service?</p>"
	                  : "<p>ท่านพึงพอใจกับการให้บริการเพียงใด</p>");
	/* A POST to this ticket's own address: the token is the only key. */
	web_buf_str(b, "<form method=post action=\"");
	web_buf_html(b, v->ticket.token);
	web_buf_str(b, en ? "/rate?lang=en\">" : "/rate\">");
	for (int i = 0; i < 5; i++) {
		web_buf_printf(b, "<button class=face style=\"background:%s\" name=score value=%d>",
		               faces[i].colour, 5 - i);
		web_buf_html(b, pick(&faces[i].label, en));
		web_buf_str(b, "</button>");
	}
	web_buf_str(b, "</form>");
}

void
web_page_state(struct web_buf *b, const struct web_ticket_view *v, int64_t now_ms, bool en)
{
	bool called = v->phase == WEB_PHASE_CALLED || v->phase == WEB_PHASE_RECALLED;

	web_buf_printf(b, "<div class=\"box%s\" data-state=\"%s\"><p class=st>",
	               called ? " called" : "", web_phase_name(v->phase));
	web_buf_html(b, pick(&phase_titles[v->phase], en));
	web_buf_str(b, "</p>");
	switch (v->phase) {
	case WEB_PHASE_WAITING:
		put_waiting(b, v, en);
		break;
	case WEB_PHASE_CALLED:
	case WEB_PHASE_RECALLED:
		if (v->counter)
			put_call(b, v, en);
		break;
	case WEB_PHASE_SERVING:
		if (v->counter) {
			web_buf_str(b, "<p>");
			put_counter(b, v->counter, en);
			web_buf_str(b, "</p>");
		}
		break;
	case WEB_PHASE_PARKED:
		web_buf_str(b, en ? "<p>Back in the queue at " : "<p>กลับเข้าคิวเวลา ");
		put_time(b, v->until_ms);
		web_buf_str(b, "</p>");
		if (v->ahead >= 0)
			put_waiting(b, v, en);
		break;
	case WEB_PHASE_NOSHOW:
		if (now_ms >= v->until_ms) {
			web_buf_str(b, en ? "<p>Please take a new ticket.</p>"
			                  : "<p>กรุณารับบัตรคิวใหม่</p>");
			break;
		}
		web_buf_str(b, en ? "<p>Ask " : "<p>ติดต่อ");
		if (v->ask)
			put_counter(b, v->ask, en);
		else
			web_buf_str(b, en ? "any counter" : "เจ้าหน้าที่ที่ช่องใดก็ได้");
		web_buf_str(b, en ? " before " : " ก่อนเวลา ");
		put_time(b, v->until_ms);
		web_buf_str(b, en ? " to get back in the queue.</p>" : " เพื่อกลับเข้าคิว</p>");
		break;
	case WEB_PHASE_DONE:
		put_rating(b, v, en);
		break;
	case WEB_PHASE_CLOSED:
	case WEB_PHASE_COUNT:
		break;
	}
	web_buf_str(b, "</div>");
}

void
web_page_head(struct web_buf *b, const char *lang, const char *title)
{
	web_buf_printf(b, "<!doctype html><html lang=%s><head><meta charset=utf-8>", lang);
	web_buf_str(b, "<meta name=viewport content=\"width=device-width,initial-scale=1\">"
	               "<meta name=referrer content=no-referrer><title>");
	web_buf_html(b, title);
	web_buf_str(b, "</title>");
	web_buf_str(b, style);
	web_buf_str(b, "</head><body>");
}

void
web_page_ticket(struct web_buf *b, const struct config *cfg, const struct web_ticket_view *v,
                int64_t now_ms, bool en)
{
	web_page_head(b, en ? "en" : "th", v->ticket.code);
	web_buf_str(b, "<header><h1>");
	put_name(b, &cfg->office_name, en);
	web_buf_str(b, "</h1><p class=svc>");
	put_name(b, &v->service->name, en);
	if (v->priority) {
		web_buf_str(b, " · ");
		put_name(b, &v->priority->name, en);
	}
	web_buf_str(b, "</p></header><main><p class=code>");
	web_buf_html(b, v->ticket.code);
	/* The mark above the state it qualifies, where a phone's screen shows it. */
	web_buf_str(b, "</p><p class=recon id=r hidden>");
	web_buf_str(b, pick(&reconnecting, en));
	web_buf_str(b, "</p><div id=s>");
	web_page_state(b, v, now_ms, en);
	web_buf_str(b, "</div>");
	/* The switch keeps the path: the token stays in the address, never elsewhere. */
	web_buf_str(b, en ? "<footer><a href=\"?lang=th\">ภาษาไทย</a>"
	                  : "<footer><a href=\"?lang=en\">English</a>");
	if (cfg->phone) {
		web_buf_str(b, en ? "<p class=note>Phone " : "<p class=note>โทร ");
		web_buf_html(b, cfg->phone);
		web_buf_str(b, "</p>");
	}
	web_buf_str(b, "</footer></main>");
	web_buf_str(b, script);
	web_buf_str(b, "</body></html>");
}

/* What each error page says. */
struct error_words {
	int status;
	struct words title;
	struct words what;
};

static const struct error_words errors[] = {
    {400,
     {"คำขอไม่ถูกต้อง", "Bad request"},
     {"ที่อยู่หรือคำขอนี้ไม่ถูกต้อง", "This address or request is not valid."}},
    {404,
     {"ไม่พบหน้านี้", "Page not found"},
     {"ไม่พบบัตรคิวนี้ หรือบัตรคิวหมดอายุแล้ว (ใช้ได้เฉพาะวันที่รับบัตร) กรุณาสแกน QR บนบัตรคิวอีกครั้ง",
      "No such ticket, or it has expired (a ticket's page works on its day only). Scan the QR "
      "code on your ticket again."}},
    {405,
     {"ไม่รองรับคำขอนี้", "Method not allowed"},
     {"หน้านี้เปิดอ่านได้อย่างเดียว", "This page can only be read."}},
    {413,
     {"คำขอใหญ่เกินไป", "Request too large"},
     {"คำขอนี้ใหญ่เกินกว่าที่รับได้", "This request is larger than the server accepts."}},
    {500,
     {"ระบบขัดข้อง", "Server error"},
     {"ขออภัย ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง",
      "Sorry, something went wrong. Please try again shortly."}},
    {503,
     {"ระบบไม่พร้อมให้บริการ", "Service unavailable"},
     {"ขออภัย ระบบคิวไม่พร้อมชั่วคราว กรุณาลองใหม่อีกครั้ง",
      "Sorry, the queue system is not available just now. Please try again shortly."}},
};

/* The words of status; those of 500 for a status without its own. */
static const struct error_words *
find_error(int status)
{
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].status == status)
			return &errors[i];
	return status == 500 ? &errors[0] : find_error(500);
}

/* The error page of status with e's words. */
static void
put_error(struct web_buf *b, int status, const struct error_words *e)
{
	web_page_head(b, "th", e->title.th);
	web_buf_printf(b, "<header><h1>%d</h1></header><main><div class=box><p class=st>", status);
	web_buf_html(b, e->title.th);
	web_buf_str(b, "</p><p>");
	web_buf_html(b, e->what.th);
	web_buf_str(b, "</p></div><div class=box lang=en><p class=st>");
	web_buf_html(b, e->title.en);
	web_buf_str(b, "</p><p>");
	web_buf_html(b, e->what.en);
	web_buf_str(b, "</p></div></main></body></html>");
}

void
web_page_error(struct web_buf *b, int status)
{
	put_error(b, status, find_error(status));
}

void
web_page_denied(struct web_buf *b)
{
	static const struct error_words denied = {
	    503,
	    {"ระบบไม่พร้อมให้บริการ", "Service unavailable"},
	    {WEB_DENIED_TH, WEB_DENIED_EN},
	};

	put_error(b, denied.status, &denied);
}
