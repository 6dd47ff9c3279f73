/*
 * report_html.c - the monthly report as one self-contained HTML file,
 * printable on A4: Thai font (Laksaman, then Sarabun and other fallbacks),
 * Buddhist Era dates, the key figures of outcome criterion 1 on top, charts
 * as inline SVG (satisfaction distribution, waits per hour, arrivals heat
 * map), then every table of report_emit_tables() (the heat map's numbers are
 * in its chart). No script, no external file: it opens anywhere and prints.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "thaitime.h"

struct html_ctx {
	FILE *f;
	bool skip; /* inside a table the charts already show */
};

/* Write s with &, <, >, " escaped. */
static void
esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static const char style[] =
    "@page{size:A4;margin:14mm 12mm}"
    "body{font-family:Laksaman,Sarabun,'TH Sarabun New','Noto Sans Thai',Garuda,sans-serif;"
    "font-size:10.5pt;color:#1a1a1a;margin:0 auto;max-width:186mm}"
    "h1{font-size:17pt;margin:0}h1 .en{font-size:12pt;font-weight:normal;color:#444}"
    "h2{font-size:12.5pt;margin:14pt 0 4pt;border-bottom:1.5pt solid #1f4e79;"
    "color:#1f4e79;page-break-after:avoid}"
    ".en{color:#555}.sub{margin:2pt 0 8pt;color:#333}"
    ".cards{display:flex;flex-wrap:wrap;gap:5pt;margin:6pt 0}"
    ".card{flex:1 1 30%;border:1pt solid #b8c7d9;border-radius:4pt;padding:4pt 6pt;"
    "page-break-inside:avoid}"
    ".card .v{font-size:15pt;font-weight:bold;color:#1f4e79}.card .l{font-size:8.5pt}"
    ".warn{border:1.5pt solid #c0392b;background:#fdecea;padding:6pt;margin:6pt 0;"
    "font-weight:bold}"
    "table{border-collapse:collapse;width:100%;font-size:7.5pt;margin-bottom:3pt}"
    "th,td{border:0.5pt solid #999;padding:1.5pt 2pt;vertical-align:top}"
    "th{background:#dde7f0;font-weight:bold;text-align:center}"
    "td.n{text-align:right;white-space:nowrap}tr{page-break-inside:avoid}"
    ".note{font-size:7.5pt;color:#444;margin:0 0 6pt}"
    ".chart{page-break-inside:avoid;margin:4pt 0}"
    "svg text{font-family:Laksaman,Sarabun,'Noto Sans Thai',sans-serif}"
    ".ok{color:#1e7b34}.bad{color:#c0392b;font-weight:bold}";

/* A key figure: value and a bilingual label. */
static void
card(FILE *f, const char *value, const char *label_th, const char *label_en)
{
	fputs("<div class=card><div class=v>", f);
	esc(f, value);
	fputs("</div><div class=l>", f);
	esc(f, label_th);
	fputs("<br><span class=en>", f);
	esc(f, label_en);
	fputs("</span></div></div>\n", f);
}

/* The heading, the warnings for a month without data, and the key figures. */
static void
head(FILE *f, const struct report *r)
{
	char month_th[64], month_en[64], made[64], v[96];
	int64_t mid = thaitime_utc_ms(r->year, r->month, 15, 12, 0);
	const struct stats_satisfaction *s = &r->all.sat;

	thaitime_format(month_th, sizeof(month_th), mid, THAITIME_TH_MONTH);
	thaitime_format(month_en, sizeof(month_en), mid, THAITIME_EN_MONTH);
	thaitime_format(made, sizeof(made), r->generated_ms, THAITIME_TH_DATE_TIME);
	fputs("<!DOCTYPE html>\n<html lang=th><head><meta charset=utf-8><title>", f);
	esc(f, r->cfg->office_name.th);
	fprintf(f, " %04d-%02d</title><style>%s</style></head><body>\n<h1>", r->year, r->month,
	        style);
	esc(f, r->cfg->office_name.th);
	fputs("<br><span class=en>", f);
	esc(f, r->cfg->office_name.en);
	fputs("</span></h1>\n<p class=sub>รายงานประจำเดือน", f);
	esc(f, month_th);
	fputs(" ตามเกณฑ์ศูนย์ราชการสะดวก (GECC) · <span class=en>Monthly GECC report, ", f);
	esc(f, month_en);
	fputs("</span><br>จัดทำเมื่อ ", f);
	esc(f, made);
	fputs("</p>\n", f);
	if (!r->has_data)
		fputs("<div class=warn>ไม่มีข้อมูลการให้บริการในเดือนนี้ · "
		      "<span class=en>No tickets were issued in this month: there is nothing to "
		      "measure.</span></div>\n",
		      f);
	if (!s->has_data)
		fputs("<div class=warn>ไม่มีการประเมินความพึงพอใจในเดือนนี้ · "
		      "<span class=en>No ratings in this month: satisfaction cannot be "
		      "scored.</span></div>\n",
		      f);
	fputs("<h2>สรุปตัวชี้วัดผลลัพธ์ที่ 1 · <span class=en>Outcome criterion 1 at a "
	      "glance</span></h2>\n",
	      f);
	struct report_caveat caveats[REPORT_MAX_CAVEATS];
	size_t n_caveats = report_caveats(r, caveats);
	for (size_t i = 0; i < n_caveats; i++) {
		fputs("<div class=warn>ข้อควรระวัง: ", f);
		esc(f, caveats[i].th);
		fputs(" · <span class=en>Caveat: ", f);
		esc(f, caveats[i].en);
		fputs("</span></div>\n", f);
	}
	fputs("<div class=cards>\n", f);
	snprintf(v, sizeof(v), "%" PRId64, r->population);
	card(f, v, "ผู้รับบริการ (N)", "Clients served");
	snprintf(v, sizeof(v), "%" PRId64, r->sample);
	card(f, v, "การประเมิน (n)", "Ratings");
	if (r->coverage.has_margin)
		snprintf(v, sizeof(v), "±%.2f %% · %d คะแนน", r->coverage.margin * 100,
		         r->coverage.points);
	else
		snprintf(v, sizeof(v), "- · 0 คะแนน");
	card(f, v, "ความคลาดเคลื่อน (ยามาเน่) · คะแนน 1.2", "Margin reached · points");
	if (s->has_data)
		snprintf(v, sizeof(v), "%.2f %% · %d คะแนน", s->percent_x100 / 100.0, s->points);
	else
		snprintf(v, sizeof(v), "ไม่มีข้อมูล");
	card(f, v, stats_rule_th(s->rule), "Satisfaction (configured rule) · points");
	if (s->has_data)
		snprintf(v, sizeof(v), "%.2f %%", r->all.other_percent_x100 / 100.0);
	else
		snprintf(v, sizeof(v), "-");
	card(f, v, stats_rule_th(s->rule == STATS_RULE_MEAN ? STATS_RULE_TOP_TWO : STATS_RULE_MEAN),
	     "The other rule, for comparison");
	if (s->has_data)
		snprintf(v, sizeof(v), "%.2f · %s", s->mean_x100 / 100.0,
		         stats_likert_th(s->likert));
	else
		snprintf(v, sizeof(v), "-");
	card(f, v, "ค่าเฉลี่ย · ระดับ", "Mean score · Likert band");
	snprintf(v, sizeof(v), "%d คะแนน", r->collection_points);
	card(f, v, r->third_party ? "เก็บข้อมูลโดยหน่วยงานภายนอก" : "หน่วยงานเก็บข้อมูลเอง",
	     r->third_party ? "Collected by a third party" : "Collected by the office itself");
	snprintf(v, sizeof(v), "%d", r->officers_below_80);
	card(f, v, "เจ้าหน้าที่ต่ำกว่าร้อยละ 80 (3.3.2)", "Officers below 80 %");
	if (r->wait.n) {
		struct report_cell mean = {.type = REPORT_CELL_NUM1, .i = r->wait.mean_x10};
		char num[32];
		snprintf(v, sizeof(v), "%s นาที", report_cell_text(&mean, num, sizeof(num)));
	} else {
		snprintf(v, sizeof(v), "-");
	}
	card(f, v, "เวลารอเฉลี่ย", "Mean wait");
	fputs("</div>\n", f);
}

/* Satisfaction distribution: one horizontal bar per level, best first. */
static void
chart_satisfaction(FILE *f, const struct report *r)
{
	static const char *const level_th[5] = {"น้อยที่สุด", "น้อย", "ปานกลาง", "มาก", "มากที่สุด"};
	static const char *const colour[5] = {"#c0392b", "#e67e22", "#f1c40f", "#7dbb42",
	                                      "#1e7b34"};
	int64_t max = 1, total = r->all.sat.total;

	for (int i = 0; i < 5; i++)
		if (r->all.counts[i] > max)
			max = r->all.counts[i];
	fputs("<div class=chart><svg viewBox='0 0 700 170' width='100%' role=img "
	      "aria-label='satisfaction distribution'>\n",
	      f);
	for (int lv = 5; lv >= 1; lv--) {
		int y = 10 + (5 - lv) * 30;
		int64_t n = r->all.counts[lv - 1];
		double w = 430.0 * (double)n / (double)max;
		struct report_cell share = {.type = REPORT_CELL_NUM1,
		                            .i = stats_round_div(1000 * n, total)};
		char pct[32];
		fprintf(f,
		        "<text x='150' y='%d' text-anchor='end' font-size='13'>%d %s</text>"
		        "<rect x='160' y='%d' width='%.1f' height='22' fill='%s'/>"
		        "<text x='%.1f' y='%d' font-size='12'>%" PRId64 " (%s %%)</text>\n",
		        y + 16, lv, level_th[lv - 1], y, w, colour[lv - 1], 166 + w, y + 16, n,
		        report_cell_text(&share, pct, sizeof(pct)));
	}
	fputs("</svg></div>\n", f);
}

/* Waits per hour of arrival: mean as a bar, P90 as a mark, with a minute scale. */
static void
chart_waits(FILE *f, const struct report *r)
{
	int first = -1, last = -1;
	double max = 1;

	for (int h = 0; h < REPORT_HOURS; h++) {
		if (!r->hours[h].wait.n)
			continue;
		if (first < 0)
			first = h;
		last = h;
		if (r->hours[h].wait.p90_min > max)
			max = r->hours[h].wait.p90_min;
	}
	if (first < 0) {
		fputs("<p class=note>ไม่มีข้อมูลเวลารอ · no waiting times</p>\n", f);
		return;
	}
	double step = max > 120 ? 30 : max > 60 ? 15 : max > 20 ? 10 : 5;
	double top = step * (double)(int)(max / step + 1);
	int n = last - first + 1;
	double slot = 620.0 / n;
	fputs("<div class=chart><svg viewBox='0 0 700 230' width='100%' role=img "
	      "aria-label='waits per hour'>\n",
	      f);
	for (double g = 0; g <= top + 0.01; g += step) {
		double y = 190 - 170 * g / top;
		fprintf(
		    f,
		    "<line x1='60' x2='690' y1='%.1f' y2='%.1f' stroke='#ccc' stroke-width='0.7'/>"
		    "<text x='54' y='%.1f' text-anchor='end' font-size='11'>%.0f</text>\n",
		    y, y, y + 4, g);
	}
	fputs("<text x='10' y='12' font-size='11'>นาที / min</text>\n", f);
	for (int h = first; h <= last; h++) {
		const struct report_times *t = &r->hours[h].wait;
		double x = 65 + (h - first) * slot;
		if (t->n) {
			double hm = 170 * t->mean_min / top, hp = 170 * t->p90_min / top;
			fprintf(
			    f,
			    "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#2e75b6'/>"
			    "<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#c0392b' "
			    "stroke-width='2.5'/>\n",
			    x + slot * 0.15, 190 - hm, slot * 0.7, hm, x + slot * 0.1,
			    x + slot * 0.9, 190 - hp, 190 - hp);
		}
		fprintf(f,
		        "<text x='%.1f' y='206' text-anchor='middle' font-size='11'>%02d</text>\n",
		        x + slot / 2, h);
	}
	fputs("<rect x='400' y='214' width='12' height='10' fill='#2e75b6'/>"
	      "<text x='416' y='223' font-size='11'>เวลารอเฉลี่ย / mean wait</text>"
	      "<line x1='560' x2='574' y1='219' y2='219' stroke='#c0392b' stroke-width='2.5'/>"
	      "<text x='578' y='223' font-size='11'>P90</text>"
	      "<text x='65' y='223' font-size='11'>ชั่วโมงที่มาถึง / hour of arrival</text>\n"
	      "</svg></div>\n",
	      f);
}

/* Arrivals by weekday and hour, over the hours that saw anyone, numbers in the cells. */
static void
chart_heat(FILE *f, const struct report *r)
{
	int first = -1, last = -1;
	int64_t max = 1;

	for (int h = 0; h < REPORT_HOURS; h++)
		for (int d = 0; d < REPORT_WEEKDAYS; d++)
			if (r->heat[d][h]) {
				if (first < 0 || h < first)
					first = h;
				if (h > last)
					last = h;
				if (r->heat[d][h] > max)
					max = r->heat[d][h];
			}
	if (first < 0) {
		fputs("<p class=note>ไม่มีผู้มารับบริการ · no arrivals</p>\n", f);
		return;
	}
	int n = last - first + 1;
	double cw = 600.0 / n;
	fprintf(f,
	        "<div class=chart><svg viewBox='0 0 700 %d' width='100%%' role=img "
	        "aria-label='arrivals heat map'>\n",
	        40 + REPORT_WEEKDAYS * 26);
	for (int h = first; h <= last; h++)
		fprintf(f,
		        "<text x='%.1f' y='14' text-anchor='middle' font-size='11'>%02d</text>\n",
		        95 + (h - first) * cw + cw / 2, h);
	for (int d = 0; d < REPORT_WEEKDAYS; d++) {
		int y = 20 + d * 26;
		fprintf(f, "<text x='88' y='%d' text-anchor='end' font-size='12'>%s %s</text>\n",
		        y + 17, thaitime_weekday_th(d), thaitime_weekday_en(d));
		for (int h = first; h <= last; h++) {
			int64_t v = r->heat[d][h];
			double a = (double)v / (double)max;
			/* White to the report's blue. */
			int red = (int)(255 - a * (255 - 31)), green = (int)(255 - a * (255 - 78)),
			    blue = (int)(255 - a * (255 - 121));
			double x = 95 + (h - first) * cw;
			fprintf(
			    f,
			    "<rect x='%.1f' y='%d' width='%.1f' height='24' fill='#%02x%02x%02x' "
			    "stroke='#fff'/>",
			    x, y, cw, red, green, blue);
			if (v)
				fprintf(f,
				        "<text x='%.1f' y='%d' text-anchor='middle' font-size='10' "
				        "fill='%s'>%" PRId64 "</text>",
				        x + cw / 2, y + 16, a > 0.55 ? "#fff" : "#222", v);
			fputc('\n', f);
		}
	}
	fprintf(f,
	        "<text x='95' y='%d' font-size='11'>จำนวนบัตรคิวที่ออกทั้งเดือน (ตามวันและชั่วโมง) / "
	        "tickets issued over the month</text>\n</svg></div>\n",
	        36 + REPORT_WEEKDAYS * 26);
}

/* A table's heading and header row (Thai over English). */
static int
html_begin(void *ctx, const struct report_table *t)
{
	struct html_ctx *h = ctx;

	h->skip = strcmp(t->id, "heatmap") == 0;
	if (h->skip)
		return SQ_OK;
	fprintf(h->f, "<h2 id='%s'>", t->id);
	esc(h->f, t->title_th);
	fputs(" · <span class=en>", h->f);
	esc(h->f, t->title_en);
	fputs("</span></h2>\n<table><thead><tr>", h->f);
	for (size_t i = 0; t->columns_th[i]; i++) {
		fputs("<th>", h->f);
		esc(h->f, t->columns_th[i]);
		fputs("<br><span class=en>", h->f);
		esc(h->f, t->columns_en[i]);
		fputs("</span></th>", h->f);
	}
	fputs("</tr></thead><tbody>\n", h->f);
	return SQ_OK;
}

/* One row; numbers right-aligned, "ไม่ผ่าน" in red. */
static int
html_row(void *ctx, const struct report_cell *cells, size_t n)
{
	struct html_ctx *h = ctx;
	char buf[512];

	if (h->skip)
		return SQ_OK;
	fputs("<tr>", h->f);
	for (size_t i = 0; i < n; i++) {
		const char *text = report_cell_text(&cells[i], buf, sizeof(buf));
		bool number = cells[i].type != REPORT_CELL_TEXT;
		bool bad = cells[i].type == REPORT_CELL_TEXT && strncmp(text, "ไม่ผ่าน", 21) == 0;
		fputs(number ? "<td class=n>" : bad ? "<td class=bad>" : "<td>", h->f);
		esc(h->f, text);
		fputs("</td>", h->f);
	}
	fputs("</tr>\n", h->f);
	return ferror(h->f) ? SQ_ERR_IO : SQ_OK;
}

/* Close the table and add its note. */
static int
html_end(void *ctx, const struct report_table *t)
{
	struct html_ctx *h = ctx;

	if (h->skip)
		return SQ_OK;
	fputs("</tbody></table>\n", h->f);
	if (t->note) {
		fputs("<p class=note>", h->f);
		esc(h->f, t->note);
		fputs("</p>\n", h->f);
	}
	return SQ_OK;
}

int
report_write_html(const struct report *r, const char *path, struct sq_error *err)
{
	bool to_stdout = strcmp(path, "-") == 0;
	struct html_ctx h = {.f = to_stdout ? stdout : fopen(path, "wb")};
	struct report_sink sink = {
	    .ctx = &h, .begin = html_begin, .row = html_row, .end = html_end};
	int rc;

	if (!h.f)
		return sq_error_set(err, SQ_ERR_IO, "%s", strerror(errno));
	head(h.f, r);
	fputs("<h2>การกระจายของความพึงพอใจ · <span class=en>Satisfaction distribution</span></h2>\n",
	      h.f);
	chart_satisfaction(h.f, r);
	fputs("<h2>เวลารอตามชั่วโมง · <span class=en>Waits per hour</span></h2>\n", h.f);
	chart_waits(h.f, r);
	fputs("<h2>ผู้มารับบริการตามวันและชั่วโมง · <span class=en>Arrivals heat map</span></h2>\n", h.f);
	chart_heat(h.f, r);
	rc = report_emit_tables(r, &sink);
	fputs("</body></html>\n", h.f);
	if (rc == SQ_ERR_IO || ferror(h.f))
		rc = sq_error_set(err, SQ_ERR_IO, "%s", strerror(errno));
	if (to_stdout) {
		if (fflush(stdout) != 0 && rc == SQ_OK)
			rc = sq_error_set(err, SQ_ERR_IO, "%s", strerror(errno));
	} else if (fclose(h.f) != 0 && rc == SQ_OK) {
		rc = sq_error_set(err, SQ_ERR_IO, "%s", strerror(errno));
	}
	return rc;
}
