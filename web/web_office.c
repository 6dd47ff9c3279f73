#include "web_office.h"

#include "estimate.h"
#include "thaitime.h"
#include "web_page.h"

/* Tables and alerts, on top of the shared style. */
static const char office_style[] =
    "<style>main{max-width:70em}table{border-collapse:collapse;width:100%;background:#fff;"
    "margin-bottom:1em}th,td{padding:.35em .6em;border-bottom:1px solid #ddd;text-align:left}"
    "th{background:#e8eef4}.alert{background:#fde8e8;border-left:6px solid #b00020;"
    "padding:.5em 1em;margin:.4em 0}.late{color:#b00020;font-weight:bold}"
    "form.inline{display:inline}input{font-size:1em;margin:.3em 0;padding:.3em}"
    "label{display:block;margin-top:.6em}</style>";

/* Refetch the live part every 2 s; a lost session (403) goes back to the login. */
static const char office_script[] =
    "<script>(function(){var b=document.getElementById('s');"
    "setInterval(function(){var x=new XMLHttpRequest();x.open('GET','/office/live');"
    "x.timeout=5000;x.onload=function(){if(x.status==403)location.href='/login';"
    "else if(x.status==200)b.innerHTML=x.responseText;};x.send();},2000);})();</script>";

/* Whole minutes from since_ms to now_ms (0 when since_ms is unset). */
static int
minutes_since(int64_t since_ms, int64_t now_ms)
{
	return since_ms > 0 && now_ms > since_ms ? (int)((now_ms - since_ms) / 60000) : 0;
}

/* Text of the office's config, escaped. */
static void
put_text(struct web_buf *b, const char *s)
{
	web_buf_html(b, s ? s : "");
}

void
web_office_login(struct web_buf *b, const struct config *cfg, const char *message)
{
	web_page_head(b, "th", "Saduak Queue");
	web_buf_str(b, office_style);
	web_buf_str(b, "<header><h1>");
	put_text(b, cfg->office_name.th);
	web_buf_str(b, "</h1><p class=svc>เข้าสู่ระบบผู้ดูแล / Supervisor login</p></header><main>");
	if (message) {
		web_buf_str(b, "<p class=alert>");
		put_text(b, message);
		web_buf_str(b, "</p>");
	}
	web_buf_str(b, "<form method=post action=/login class=box>"
	               "<label>ชื่อผู้ใช้ / User <input name=user autocomplete=username required>"
	               "</label><label>รหัสผ่าน / Password <input name=password type=password "
	               "autocomplete=current-password required></label>"
	               "<p><button type=submit>เข้าสู่ระบบ / Log in</button></p></form>"
	               "</main></body></html>");
}

/* True when an open counter serving service index svc holds no ticket. */
static bool
counter_serves(const struct config_counter *cc, size_t svc)
{
	for (size_t i = 0; i < cc->n_services; i++)
		if (cc->services[i] == svc)
			return true;
	return false;
}

/* The alerts: waits past the target, free counters while people wait. */
static void
put_alerts(struct web_buf *b, const struct config *cfg, const struct web_config *wc,
           const struct web_office_view *v, int64_t now_ms)
{
	const struct store_web_queue *q = v->queue;

	for (size_t i = 0; i < q->n_services; i++) {
		int late = minutes_since(q->services[i].oldest_ms, now_ms);
		if (q->services[i].oldest_ms && late > wc->wait_target_minutes)
			web_buf_printf(b,
			               "<p class=alert>บริการ %s รอนาน %d นาที เกินเป้า %d นาที / "
			               "Service %s: longest wait %d min, target %d min</p>",
			               cfg->services[i].id, late, wc->wait_target_minutes,
			               cfg->services[i].id, late, wc->wait_target_minutes);
	}
	for (size_t k = 0; k < v->n_counters; k++) {
		const struct store_counter *c = &v->counters[k];
		int waiting = 0;
		if (c->status != COUNTER_OPEN || c->has_ticket)
			continue;
		for (size_t i = 0; i < q->n_services; i++)
			if (counter_serves(&cfg->counters[k], i))
				waiting += q->services[i].waiting;
		int idle = minutes_since(v->since_ms[k], now_ms);
		if (waiting > 0)
			web_buf_printf(b,
			               "<p class=alert>ช่อง %d ว่าง %d นาที ขณะที่มีผู้รอ %d คน / "
			               "Counter %d free for %d min while %d wait</p>",
			               c->counter, idle, waiting, c->counter, idle, waiting);
	}
}

/* Per service: waiting, longest wait, estimated wait, open counters. */
static void
put_services(struct web_buf *b, const struct config *cfg, const struct web_config *wc,
             const struct web_office_view *v, int64_t now_ms)
{
	const struct store_web_queue *q = v->queue;

	web_buf_str(b, "<table><tr><th>บริการ / Service</th><th>รอ / Waiting</th>"
	               "<th>รอนานสุด / Longest wait</th><th>รอโดยประมาณ / Estimated wait</th>"
	               "<th>ช่องที่เปิด / Open counters</th></tr>");
	for (size_t i = 0; i < q->n_services; i++) {
		const struct store_web_service *sv = &q->services[i];
		int longest = minutes_since(sv->oldest_ms, now_ms);
		web_buf_printf(b, "<tr><td>%s ", cfg->services[i].id);
		put_text(b, cfg->services[i].name.th);
		char wait[128];

		estimate_text(&v->waits[i], false, wait, sizeof(wait));
		web_buf_printf(b, "</td><td>%d</td><td%s>%d min</td><td>%s</td><td>%d</td></tr>",
		               sv->waiting, longest > wc->wait_target_minutes ? " class=late" : "",
		               longest, wait, sv->counters_open);
	}
	web_buf_str(b, "</table>");
}

/* Per counter: officer, status and why, current ticket, since when. */
static void
put_counters(struct web_buf *b, const struct config *cfg, const struct web_office_view *v,
             int64_t now_ms)
{
	static const char *const status[] = {
	    [COUNTER_CLOSED] = "ปิด / closed",
	    [COUNTER_OPEN] = "เปิด / open",
	    [COUNTER_BREAK] = "พัก / break",
	};

	web_buf_str(b, "<table><tr><th>ช่อง / Counter</th><th>เจ้าหน้าที่ / Officer</th>"
	               "<th>สถานะ / Status</th><th>คิวปัจจุบัน / Ticket</th>"
	               "<th>ตั้งแต่ / For</th></tr>");
	for (size_t k = 0; k < v->n_counters; k++) {
		const struct store_counter *c = &v->counters[k];
		const struct config_officer *o = config_officer_find(cfg, c->officer);
		int64_t since = v->since_ms[k];
		web_buf_printf(b, "<tr><td>%d</td><td>", c->counter);
		put_text(b, o ? o->name.th : c->officer);
		web_buf_printf(b, "</td><td>%s", status[c->status]);
		if (c->reason[0]) {
			web_buf_str(b, " (");
			put_text(b, c->reason);
			web_buf_str(b, ")");
		}
		web_buf_str(b, "</td><td>");
		if (c->has_ticket) {
			put_text(b, c->ticket.code);
			web_buf_printf(b, " %s", queue_state_name(c->ticket.state));
		} else if (c->status == COUNTER_OPEN) {
			web_buf_str(b, "ว่าง / free");
		}
		if (since > 0)
			web_buf_printf(b, "</td><td>%d min</td></tr>",
			               minutes_since(since, now_ms));
		else
			web_buf_str(b, "</td><td></td></tr>");
	}
	web_buf_str(b, "</table>");
}

/* Today's figures and device faults. */
static void
put_today(struct web_buf *b, const struct store_web_today *t)
{
	web_buf_printf(b,
	               "<table><tr><th>ออกบัตร / Issued</th><th>ให้บริการแล้ว / Served</th>"
	               "<th>ไม่มา / No-show</th><th>ความพึงพอใจ / Satisfaction</th></tr>"
	               "<tr><td>%d</td><td>%d</td><td>%d</td><td>",
	               t->issued, t->served, t->noshow);
	if (t->ratings)
		web_buf_printf(b, "%.2f / 5 (%d)", t->mean_score, t->ratings);
	else
		web_buf_str(b, "-");
	web_buf_str(b, "</td></tr></table>");
	if (!t->n_faults)
		return;
	web_buf_str(b, "<table><tr><th>เวลา / Time</th><th>อุปกรณ์ขัดข้อง / Device fault</th></tr>");
	for (size_t i = 0; i < t->n_faults; i++) {
		char at[16];
		thaitime_format(at, sizeof(at), t->faults[i].at_ms, THAITIME_TIME);
		web_buf_printf(b, "<tr><td>%s</td><td>", at);
		put_text(b, t->faults[i].reason);
		web_buf_str(b, "</td></tr>");
	}
	web_buf_str(b, "</table>");
}

void
web_office_live(struct web_buf *b, const struct config *cfg, const struct web_config *wc,
                const struct web_office_view *v, int64_t now_ms)
{
	char at[16];

	thaitime_format(at, sizeof(at), now_ms, THAITIME_TIME);
	web_buf_printf(b, "<p class=note>%s</p>", at);
	put_alerts(b, cfg, wc, v, now_ms);
	put_services(b, cfg, wc, v, now_ms);
	put_counters(b, cfg, v, now_ms);
	put_today(b, &v->today);
}

void
web_office_page(struct web_buf *b, const struct config *cfg, const struct web_config *wc,
                const struct web_office_view *v, const char *user, int64_t now_ms)
{
	web_page_head(b, "th", "Saduak Queue office");
	web_buf_str(b, office_style);
	web_buf_str(b, "<header><h1>");
	put_text(b, cfg->office_name.th);
	web_buf_str(b, "</h1><div class=svc>");
	put_text(b, user);
	/* Logging out changes state, so it is a POST (SameSite cookie: same site only). */
	web_buf_str(b, " · <form class=inline method=post action=/logout><button type=submit>"
	               "ออกจากระบบ / Log out</button></form></div></header><main><div id=s>");
	web_office_live(b, cfg, wc, v, now_ms);
	web_buf_str(b, "</div></main>");
	web_buf_str(b, office_script);
	web_buf_str(b, "</body></html>");
}
