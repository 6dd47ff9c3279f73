/*
 * web_counter_page.c - the HTML of the officer's counter page.
 * See web_counter_page.h.
 */
#include "web_counter_page.h"

#include <stdio.h>
#include <string.h>

#include "counter_screen.h"
#include "thaitime.h"
#include "web_page.h"

/*
 * The keys (README "The counter page in a browser"). Enter calls as the
 * native console and a foot pedal do; the others are letters, which no
 * browser takes for itself, and the keypad's Enter, + and - as on the
 * native console.
 */
const struct web_counter_key web_counter_keys[] = {
    {.code = "Enter", .label = "Enter", .button = "next"},
    {.code = "NumpadEnter", .label = "Enter", .button = "next", .alias = true},
    {.code = "KeyR", .label = "R", .button = "recall"},
    {.code = "NumpadAdd", .label = "+", .button = "recall", .alias = true},
    {.code = "KeyS", .label = "S", .button = "start"},
    {.code = "KeyF", .label = "F", .button = "finish"},
    {.code = "KeyN", .label = "N", .button = "noshow"},
    {.code = "NumpadSubtract", .label = "-", .button = "noshow", .alias = true},
    {.code = "KeyP", .label = "P", .button = "park"},
    {.code = "KeyT", .label = "T", .button = "transfer"},
    {.code = "KeyV", .label = "V", .button = "void"},
    {.code = "KeyC", .label = "C", .button = "call"},
    {.code = "KeyA", .label = "A", .button = "reactivate"},
    {.code = "KeyB", .label = "B", .button = "break"},
    {.code = "KeyO", .label = "O", .button = "office"},
    {.code = "KeyG", .label = "G", .button = "resume"},
    {.code = "KeyL", .label = "L", .button = "logout"},
};
const size_t web_counter_n_keys = sizeof(web_counter_keys) / sizeof(web_counter_keys[0]);

static const char counter_style[] =
    "<style>main{max-width:80em}.grid{display:grid;grid-template-columns:1fr 1fr 1fr;gap:1em}"
    ".box{text-align:left}.big{font-size:3em;font-weight:bold}.alert{background:#fde8e8;"
    "border-left:6px solid #b00020;padding:.5em 1em;margin:.4em 0}.ok{background:#e6f4ea;"
    "border-left:6px solid #1e7e34;padding:.5em 1em;margin:.4em 0}"
    ".late{color:#b00020;margin-top:.4em}.acts{display:flex;flex-wrap:wrap;gap:.6em;margin-top:1em;"
    "align-items:flex-end}"
    ".acts form{margin:0;width:10.5em;display:flex;flex-direction:column;gap:.2em}"
    ".acts select,.acts input{width:100%;max-width:none;box-sizing:border-box;margin:0}"
    ".acts button{width:100%;min-height:4.2em;font-size:1em;border-radius:.4em;"
    "border:1px solid #0b4f8a;background:#fff;cursor:pointer}.acts button.on{background:#0b4f8a;"
    "color:#fff}kbd{display:inline-block;border:1px solid #999;border-radius:.2em;padding:0 .3em;"
    "font-size:.8em;background:#eee;color:#111;margin-top:.2em}select,input{font-size:1em;"
    "max-width:14em;display:block;margin:.2em 0}ol{margin:.3em 0;padding-left:1.5em}"
    "label{display:block;margin-top:.6em}</style>";

/*
 * The keys and the live part. One action per press: a held key repeats
 * keydown with .repeat set, which is ignored, and once a form is sent no
 * other key acts until the next page (the server refuses a repeated
 * sequence number too). A 403 from the live part means the session is
 * gone (logged out, timed out): back to the login.
 */
static const char counter_script_head[] = "<script>(function(){var keys=";
static const char counter_script_tail[] =
    ";var sent=false;document.addEventListener('keydown',function(e){"
    "if(e.repeat||e.ctrlKey||e.altKey||e.metaKey||sent)return;"
    "var t=e.target.tagName;if(t=='SELECT'&&e.code.indexOf('Enter')>=0&&e.target.form){"
    "e.preventDefault();sent=true;e.target.form.submit();return;}if(t=='INPUT'||t=='SELECT'||t=='"
    "TEXTAREA'||t=='BUTTON'&&"
    "e.code.indexOf('Enter')>=0)return;var id=keys[e.code];if(!id)return;"
    "var f=document.getElementById('f-'+id);if(!f)return;e.preventDefault();"
    "var s=f.querySelector('select,input[type=text]');if(s){s.focus();return;}"
    "sent=true;f.submit();});"
    "document.querySelectorAll('.acts form').forEach(function(f){f.addEventListener('submit',"
    "function(e){if(sent&&!f.dataset.go){e.preventDefault();}sent=true;f.dataset.go=1;});});"
    "var l=document.getElementById('live'),q=document.getElementById('fault');"
    "setInterval(function(){var x=new XMLHttpRequest();x.open('GET','/counter/live');"
    "x.timeout=5000;x.onload=function(){if(x.status==403)location.href='/counter';"
    "else if(x.status==200){l.innerHTML=x.responseText;q.hidden=true;}else q.hidden=false;};"
    "x.onerror=x.ontimeout=function(){q.hidden=false;};x.send();},1000);})();</script>";

/* Text from the config or the log, escaped. */
static void
put_text(struct web_buf *b, const char *s)
{
	web_buf_html(b, s ? s : "");
}

/* The office's header line. */
static void
put_header(struct web_buf *b, const struct config *cfg, const char *what)
{
	web_buf_str(b, counter_style);
	web_buf_str(b, "<header><h1>");
	put_text(b, cfg->office_name.th);
	web_buf_str(b, " / ");
	put_text(b, cfg->office_name.en);
	web_buf_printf(b, "</h1><div class=svc>%s", what);
}

void
web_counter_login(struct web_buf *b, const struct config *cfg, const char *message)
{
	web_page_head(b, "th", "Saduak Queue counter");
	put_header(b, cfg, "เปิดช่องบริการ / Open a counter</div></header><main>");
	if (message) {
		web_buf_str(b, "<p class=alert>");
		put_text(b, message);
		web_buf_str(b, "</p>");
	}
	web_buf_str(b, "<form method=post action=/counter/login class=box>"
	               "<label>รหัสเจ้าหน้าที่ / Officer <input name=user autocomplete=username "
	               "required></label><label>รหัสผ่าน / Password <input name=password "
	               "type=password autocomplete=current-password required></label>"
	               "<label>ช่องบริการ / Counter <select name=counter>");
	for (size_t i = 0; i < cfg->n_counters; i++) {
		const struct config_counter *cc = &cfg->counters[i];
		web_buf_printf(b, "<option value=%d>ช่อง %d / Counter %d ", cc->number, cc->number,
		               cc->number);
		put_text(b, cc->location.th);
		web_buf_str(b, "</option>");
	}
	web_buf_str(b, "</select></label><p><button type=submit>เข้าสู่ระบบ / Log in</button></p>"
	               "</form></main></body></html>");
}

/* The key label of button id, or NULL. */
static const char *
key_of(const char *id)
{
	for (size_t i = 0; i < web_counter_n_keys; i++)
		if (!web_counter_keys[i].alias && strcmp(web_counter_keys[i].button, id) == 0)
			return web_counter_keys[i].label;
	return NULL;
}

/* The kiosk printer's latest fault today, in words, as the console's status line. */
static void
put_printer(struct web_buf *b, const struct store_last_event *printer, int64_t now_ms)
{
	char at[16], th[320], en[320];

	if (!printer->found || thaitime_day_key(printer->at_ms) != thaitime_day_key(now_ms))
		return;
	thaitime_format(at, sizeof(at), printer->at_ms, THAITIME_TIME);
	counter_printer_words(true, printer->reason, th, sizeof(th));
	counter_printer_words(false, printer->reason, en, sizeof(en));
	web_buf_printf(b, "<div class=late>เครื่องพิมพ์บัตรคิว %s: ", at);
	put_text(b, th);
	web_buf_str(b, " / Kiosk printer: ");
	put_text(b, en);
	web_buf_str(b, "</div>");
}

/* The counter's state line, the current ticket, the waiting, the next tickets. */
void
web_counter_live(struct web_buf *b, const struct web_counter_view *v)
{
	static const char *const status[] = {
	    [COUNTER_CLOSED] = "ปิด / Closed",
	    [COUNTER_OPEN] = "เปิดให้บริการ / Open",
	    [COUNTER_BREAK] = "พัก / On break",
	};
	const struct store_counter *st = &v->now->state;
	char at[16];

	thaitime_format(at, sizeof(at), v->now_ms, THAITIME_TIME);
	web_buf_printf(b, "<p class=note>%s · %s", at, status[st->status]);
	if (st->status == COUNTER_BREAK && st->reason[0]) {
		web_buf_str(b, " (");
		put_text(b, st->reason);
		web_buf_str(b, ")");
	}
	web_buf_str(b, "</p><div class=grid><div class=box><div>คิวปัจจุบัน / Current ticket</div>");
	if (st->has_ticket) {
		const struct config_priority *p = config_priority_find(v->cfg, st->ticket.priority);
		web_buf_str(b, "<div class=big id=current>");
		put_text(b, st->ticket.code);
		web_buf_printf(b, "</div><div>%s · ",
		               st->ticket.state == TICKET_SERVING ? "กำลังให้บริการ / Serving"
		                                                  : "เรียกแล้ว / Called");
		put_text(b, st->ticket.service);
		if (p) {
			web_buf_str(b, " · ");
			put_text(b, p->name.th);
		}
		web_buf_printf(b, " · รอ / waited %d min</div>",
		               (int)((st->ticket.called_ms - st->ticket.issued_ms) / 60000));
	} else {
		web_buf_str(b, "<div class=big id=current>-</div>");
	}
	web_buf_str(b, "</div><div class=box><div>รอ / Waiting</div><ul>");
	for (size_t i = 0; i < v->cc->n_services; i++) {
		const struct config_service *s = &v->cfg->services[v->cc->services[i]];
		web_buf_printf(b, "<li>%s ", s->id);
		put_text(b, s->name.th);
		web_buf_printf(b, ": <b>%d</b></li>", v->now->waiting[i]);
	}
	web_buf_printf(b, "</ul><div>วันนี้ / Today: %d · %.1f min</div>", v->now->served,
	               v->now->mean_minutes);
	put_printer(b, &v->now->printer, v->now_ms);
	web_buf_str(b, "</div>");
	web_buf_str(b, "<div class=box><div>คิวถัดไป / Next in turn</div><ol id=next>");
	for (size_t k = 0; k < v->n_order && k < 10; k++) {
		const struct store_ticket *t = &v->now->queue[v->order[k]];
		web_buf_str(b, "<li>");
		put_text(b, t->code);
		if (t->state == TICKET_PARKED)
			web_buf_str(b, " (พักคิว / parked)");
		web_buf_str(b, "</li>");
	}
	web_buf_str(b, "</ol></div></div>");
}

/* The opening of an action's form: its id, the CSRF token, the sequence and the action. */
static void
form_open(struct web_buf *b, const struct web_counter_view *v, const char *id, const char *action)
{
	web_buf_printf(b,
	               "<form method=post action=/counter/act id=f-%s><input type=hidden "
	               "name=csrf value=%s><input type=hidden name=seq value=%lld><input "
	               "type=hidden name=action value=%s>",
	               id, v->session->csrf, v->session->seq + 1, action);
}

/* The button of an action's form and the form's end. */
static void
form_close(struct web_buf *b, const char *id, const char *th, const char *en, bool on)
{
	const char *key = key_of(id);

	web_buf_printf(b, "<button type=submit id=b-%s%s>", id, on ? " class=on" : "");
	put_text(b, th);
	web_buf_str(b, "<br>");
	put_text(b, en);
	if (key)
		web_buf_printf(b, "<br><kbd>%s</kbd>", key);
	web_buf_str(b, "</button></form>");
}

/* A select of reasons named name. */
static void
reason_select(struct web_buf *b, const struct counter_reason *r, size_t n)
{
	web_buf_str(b, "<select name=reason>");
	for (size_t i = 0; i < n; i++) {
		web_buf_str(b, "<option value=\"");
		put_text(b, r[i].log);
		web_buf_str(b, "\">");
		put_text(b, r[i].th);
		web_buf_str(b, " / ");
		put_text(b, r[i].en);
		web_buf_str(b, "</option>");
	}
	web_buf_str(b, "</select>");
}

/* What an action asks of the officer, as fields of its form. */
static void
put_input(struct web_buf *b, const struct web_counter_view *v, const struct counter_action *a)
{
	const struct store_counter *st = &v->now->state;

	switch (a->input) {
	case COUNTER_INPUT_SERVICE:
		web_buf_str(b, "<select name=service>");
		for (size_t i = 0; i < v->cfg->n_services; i++) {
			const struct config_service *s = &v->cfg->services[i];
			if (st->has_ticket && strcmp(s->id, st->ticket.service) == 0)
				continue;
			web_buf_printf(b, "<option value=%s>%s ", s->id, s->id);
			put_text(b, s->name.th);
			web_buf_str(b, "</option>");
		}
		web_buf_str(b, "</select>");
		break;
	case COUNTER_INPUT_CODE_REASON:
		web_buf_str(b, "<select name=code>");
		for (size_t k = 0; k < v->n_order; k++) {
			const struct store_ticket *t = &v->now->queue[v->order[k]];
			web_buf_str(b, "<option>");
			put_text(b, t->code);
			web_buf_str(b, "</option>");
		}
		web_buf_str(b, "</select>");
		reason_select(b, counter_call_reasons, COUNTER_CALL_REASONS);
		break;
	case COUNTER_INPUT_OPTIONAL_REASON:
		reason_select(b, counter_break_reasons, COUNTER_BREAK_REASONS);
		break;
	case COUNTER_INPUT_REASON:
		web_buf_str(b, "<input type=text name=reason maxlength=120 required "
		               "placeholder=\"เหตุผล / reason\">");
		break;
	case COUNTER_INPUT_CODE:
		web_buf_str(b, "<input type=text name=code maxlength=8 required "
		               "placeholder=\"A012\">");
		break;
	default:
		break;
	}
}

/* One form per action of the table (log in is the login form), and back-office work. */
static void
put_actions(struct web_buf *b, const struct web_counter_view *v)
{
	const struct store_counter *st = &v->now->state;

	web_buf_str(b, "<div class=acts>");
	for (size_t i = 0; i < COUNTER_ACTION_COUNT; i++) {
		const struct counter_action *a = &counter_actions[i];
		if (i == COUNTER_ACTION_LOGIN)
			continue;
		form_open(b, v, a->name, a->name);
		put_input(b, v, a);
		form_close(b, a->name, a->th, a->en, counter_action_allowed(a, st));
		if (i != COUNTER_ACTION_BREAK)
			continue;
		/* Back-office work is a break with a reason of its own, as on the console. */
		form_open(b, v, "office", a->name);
		reason_select(b, counter_back_office_reasons, COUNTER_BACK_OFFICE_REASONS);
		form_close(b, "office", "งานหลังบ้าน", "Back office", counter_action_allowed(a, st));
	}
	web_buf_str(b, "</div>");
}

/* The keys as the script's object: {"Enter":"next",...}. */
static void
put_keys(struct web_buf *b)
{
	web_buf_str(b, "{");
	for (size_t i = 0; i < web_counter_n_keys; i++)
		web_buf_printf(b, "%s\"%s\":\"%s\"", i ? "," : "", web_counter_keys[i].code,
		               web_counter_keys[i].button);
	web_buf_str(b, "}");
}

void
web_counter_page(struct web_buf *b, const struct web_counter_view *v)
{
	const struct config_officer *o = config_officer_find(v->cfg, v->session->user);
	char what[96];

	snprintf(what, sizeof(what), "ช่อง %d / Counter %d · ", v->cc->number, v->cc->number);
	web_page_head(b, "th", what);
	put_header(b, v->cfg, what);
	put_text(b, o ? o->name.th : v->session->user);
	web_buf_str(b, " / ");
	put_text(b, o ? o->name.en : v->session->user);
	web_buf_str(b, "</div></header><main>");
	if (v->session->message[0]) {
		web_buf_printf(b, "<p class=%s id=msg>", v->session->message_bad ? "alert" : "ok");
		put_text(b, v->session->message);
		web_buf_str(b, "</p>");
	}
	/* Shown by the script while the live part cannot be read (the log, the server). */
	web_buf_str(b, "<p class=alert id=fault hidden>อ่านข้อมูลคิวไม่ได้ในขณะนี้ ทำรายการไม่ได้ / "
	               "The queue cannot be read now: actions are refused</p><div id=live>");
	web_counter_live(b, v);
	web_buf_str(b, "</div>");
	put_actions(b, v);
	web_buf_str(b, counter_script_head);
	put_keys(b);
	web_buf_str(b, counter_script_tail);
	web_buf_str(b, "</main></body></html>");
}
