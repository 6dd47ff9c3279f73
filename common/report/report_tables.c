/*
 * report_tables.c - the tables of the monthly report, in order, as rows of
 * cells for every writer (report.h: report_emit_tables). Static tables list
 * them (the satisfaction ones here, the queue evidence in
 * report_queue_tables.c); each has a function that emits its rows. Thai first, English
 * beside it; a figure without data is an EMPTY cell ("-"), never a 0 that
 * could be read as a measurement.
 */
#include "report_tables_private.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "thaitime.h"

/* Decimals a cell type is shown with (0 for INT, TEXT, EMPTY). */
static int
cell_decimals(enum report_cell_type type)
{
	return type == REPORT_CELL_NUM1                               ? 1
	       : type == REPORT_CELL_NUM2 || type == REPORT_CELL_PCT2 ? 2
	                                                              : 0;
}

const char *
report_cell_text(const struct report_cell *c, char *buf, size_t n)
{
	int decimals = cell_decimals(c->type);
	int64_t scale = decimals == 1 ? 10 : 100;
	/* The figure is already rounded: its digits are printed, never a double's. */
	uint64_t whole = c->i < 0 ? -(uint64_t)c->i : (uint64_t)c->i;

	switch (c->type) {
	case REPORT_CELL_TEXT:
		snprintf(buf, n, "%s", c->text);
		break;
	case REPORT_CELL_INT:
		snprintf(buf, n, "%" PRId64, c->i);
		break;
	case REPORT_CELL_NUM1:
	case REPORT_CELL_NUM2:
	case REPORT_CELL_PCT2:
		snprintf(buf, n, "%s%" PRIu64 ".%0*" PRIu64, c->i < 0 ? "-" : "", whole / scale,
		         decimals, whole % scale);
		break;
	default:
		snprintf(buf, n, "-");
	}
	return buf;
}

/* --- summary ------------------------------------------------------------ */

static const char *const summary_th[] = {"รายการ", "ค่า", NULL};
static const char *const summary_en[] = {"Item", "Value", NULL};

/* Office, month, rule, collection method, and whether there is data at all. */
static int
emit_summary(const struct report *r, const struct report_sink *k)
{
	char month_th[64], month_en[64], made[64], target[64], lines[5][192];
	int64_t mid = thaitime_utc_ms(r->year, r->month, 15, 12, 0);

	thaitime_format(month_th, sizeof(month_th), mid, THAITIME_TH_MONTH);
	thaitime_format(month_en, sizeof(month_en), mid, THAITIME_EN_MONTH);
	thaitime_format(made, sizeof(made), r->generated_ms, THAITIME_TH_DATE_TIME);
	snprintf(target, sizeof(target), "%d นาที / minutes", r->wait_target_min);
	snprintf(lines[0], sizeof(lines[0]), "%s / %s", r->cfg->office_name.th,
	         r->cfg->office_name.en);
	snprintf(lines[1], sizeof(lines[1]), "%s / %s (%04d-%02d)", month_th, month_en, r->year,
	         r->month);
	enum stats_rule rule = r->cfg->satisfaction_rule == SATISFACTION_TOP_TWO
	                           ? STATS_RULE_TOP_TWO
	                           : STATS_RULE_MEAN;
	snprintf(lines[2], sizeof(lines[2]), "%s / %s", stats_rule_th(rule), stats_rule_en(rule));
	snprintf(lines[3], sizeof(lines[3]), "%s",
	         r->has_data ? "มีข้อมูล / data present" : "ไม่มีข้อมูลในเดือนนี้ / no data for this month");
	snprintf(lines[4], sizeof(lines[4]), "%s",
	         r->all.sat.has_data ? "มีการประเมิน / ratings present"
	                             : "ไม่มีการประเมินในเดือนนี้ / no ratings this month");
	const struct {
		const char *item;
		const char *value;
	} items[] = {
	    {"หน่วยงาน / Office", lines[0]},
	    {"เดือน / Month", lines[1]},
	    {"วิธีคิดร้อยละความพึงพอใจ / Satisfaction rule", lines[2]},
	    {"เป้าหมายเวลารอ (S3.1) / Waiting target", target},
	    {"ข้อมูลคิว / Queue data", lines[3]},
	    {"ข้อมูลการประเมิน / Ratings", lines[4]},
	    {"จัดทำเมื่อ / Generated", made},
	    {"แฮชของบันทึกเหตุการณ์ ณ สิ้นเดือน (verify-log --expect) / Log hash at month end",
	     r->log_hash[0] ? r->log_hash : "-"},
	};
	for (size_t i = 0; i < N_CELLS(items); i++) {
		struct report_cell c[] = {cell_text(items[i].item), cell_text(items[i].value)};
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

/* --- outcome criterion 1 ------------------------------------------------ */

static const char *const outcome_th[] = {"ข้อ", "รายการ", "ค่า", "คะแนน", NULL};
static const char *const outcome_en[] = {"Criterion", "Item", "Value", "Points", NULL};

/* 1.1 collection, 1.2 N, n, margin and points, 1.3 satisfaction and points. */
static int
emit_outcome1(const struct report *r, const struct report_sink *k)
{
	const struct stats_coverage *cv = &r->coverage;
	const struct stats_satisfaction *s = &r->all.sat;
	const struct stats_satisfaction *y = &r->last_year.sat;
	char band[128], yband[128], margin[160];
	struct report_cell none = {.type = REPORT_CELL_EMPTY};

	snprintf(band, sizeof(band), "%s / %s", stats_likert_th(s->likert),
	         stats_likert_en(s->likert));
	snprintf(yband, sizeof(yband), "%s / %s", stats_likert_th(y->likert),
	         stats_likert_en(y->likert));
	if (cv->has_margin)
		snprintf(margin, sizeof(margin), "±%.2f %%", cv->margin * 100);
	else
		snprintf(margin, sizeof(margin), "%s",
		         r->population ? "ไม่มีการประเมิน / no ratings" : "ไม่มีผู้รับบริการ / none served");
	struct report_cell rows[][4] = {
	    {cell_text("1.1"), cell_text("วิธีเก็บข้อมูล / Collection method"),
	     cell_text(r->third_party ? "หน่วยงานภายนอก / third party"
	                              : "หน่วยงานเก็บเอง / the office itself"),
	     cell_int(r->collection_points)},
	    {cell_text("1.2"), cell_text("ประชากร N (ผู้รับบริการ) / Population N (served)"),
	     cell_int(r->population), none},
	    {cell_text("1.2"), cell_text("กลุ่มตัวอย่าง n (การประเมินทั้งหมด) / Sample n (all ratings)"),
	     cell_int(r->sample), none},
	    {cell_text("1.2"), cell_text("  ผูกกับบัตรคิว / tied to a ticket"),
	     cell_int(r->tied.sat.total), none},
	    {cell_text("1.2"), cell_text("    ทางโทรศัพท์ (QR) / of which by phone (QR page)"),
	     cell_int(r->phone.sat.total), none},
	    {cell_text("1.2"), cell_text("  จุดประเมินอิสระ / free-standing"),
	     cell_int(r->free_standing.sat.total), none},
	    {cell_text("1.2"), cell_text("ความคลาดเคลื่อนที่ได้ / Margin of error reached"),
	     cell_text(margin), cell_int(cv->points)},
	    {cell_text("1.3"), cell_text("ค่าเฉลี่ย (1-5) / Mean score"),
	     cell_x100(s->has_data, s->mean_x100), none},
	    {cell_text("1.3"), cell_text("ร้อยละตามเกณฑ์ที่ใช้ / Satisfaction, configured rule"),
	     cell_pct(s->has_data, s->percent_x100), s->has_data ? cell_int(s->points) : none},
	    {cell_text("1.3"), cell_text("ร้อยละตามอีกวิธี / Satisfaction, the other rule"),
	     cell_pct(s->has_data, r->all.other_percent_x100),
	     s->has_data ? cell_int(r->all.other_points) : none},
	    {cell_text("1.3"), cell_text("ระดับความพึงพอใจ (Likert) / Likert band"), cell_text(band),
	     none},
	    {cell_text("1.3"), cell_text("ร้อยละ 12 เดือนล่าสุด / Satisfaction, last 12 months"),
	     cell_pct(y->has_data, y->percent_x100), y->has_data ? cell_int(y->points) : none},
	    {cell_text("1.3"), cell_text("ระดับ 12 เดือนล่าสุด / Likert band, last 12 months"),
	     cell_text(yband), none},
	};
	/* Caveats first, beside the figures they qualify. */
	struct report_caveat caveats[REPORT_MAX_CAVEATS];
	size_t n_caveats = report_caveats(r, caveats);
	for (size_t i = 0; i < n_caveats; i++) {
		char text[sizeof(caveats[0].th) + sizeof(caveats[0].en) + 4];
		/* Bounded by the fields' sizes, which the compiler cannot see through the index. */
		snprintf(text, sizeof(text), "%.*s / %.*s", (int)sizeof(caveats[0].th) - 1,
		         caveats[i].th, (int)sizeof(caveats[0].en) - 1, caveats[i].en);
		struct report_cell c[] = {cell_text("!"), cell_text("ข้อควรระวัง / Caveat"),
		                          cell_text(text), none};
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < N_CELLS(rows); i++) {
		int rc = row(k, rows[i], 4);
		if (rc)
			return rc;
	}
	return SQ_OK;
}

static const char *const tiers_th[] = {"ความคลาดเคลื่อน", "n ที่ต้องการ (ยามาเน่)", "ถึงเกณฑ์",
                                       "คะแนน",         "เกินครึ่งหนึ่งของ N",     NULL};
static const char *const tiers_en[] = {"Margin", "n needed (Yamane)", "Reached",
                                       "Points", "Over half of N",    NULL};

/* Yamane's table for this N: the n each tier needs and whether it is reached. */
static int
emit_tiers(const struct report *r, const struct report_sink *k)
{

	for (int t = 0; t < STATS_TIERS; t++) {
		char margin[16];
		snprintf(margin, sizeof(margin), "±%d %%", r->coverage.tier[t].margin_pct);
		struct report_cell c[] = {
		    cell_text(margin),
		    cell_int(r->coverage.tier[t].needed),
		    cell_yes(r->coverage.tier[t].reached),
		    cell_int(r->coverage.tier[t].points),
		    cell_text(r->coverage.tier[t].over_half ? "ใช่ / yes" : "ไม่ / no"),
		};
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

/* --- satisfaction by group ---------------------------------------------- */

static const char *const sat_th[] = {"กลุ่ม",
                                     "ชื่อ",
                                     "ระดับ 1",
                                     "ระดับ 2",
                                     "ระดับ 3",
                                     "ระดับ 4",
                                     "ระดับ 5",
                                     "รวม",
                                     "ค่าเฉลี่ย",
                                     "ร้อยละ (เฉลี่ย/5×100)",
                                     "ร้อยละ (ระดับ 4-5)",
                                     "ร้อยละตามเกณฑ์",
                                     "คะแนน",
                                     "ระดับ Likert",
                                     "ถึงร้อยละ 80",
                                     NULL};
static const char *const sat_en[] = {"Group",   "Name",         "Level 1",      "Level 2",
                                     "Level 3", "Level 4",      "Level 5",      "Total",
                                     "Mean",    "Mean/5x100 %", "Top-two %",    "Scored %",
                                     "Points",  "Likert band",  "Reaches 80 %", NULL};

/* One satisfaction row: counts, mean, both percentages, points, band, 80 %. */
static int
sat_row(const struct report_sink *k, const struct report_sat *g, const char *key)
{
	const struct stats_satisfaction *s = &g->sat;
	char name[256], band[96];
	struct report_cell none = {.type = REPORT_CELL_EMPTY};

	snprintf(name, sizeof(name), "%s / %s", g->name_th ? g->name_th : "",
	         g->name_en ? g->name_en : "");
	snprintf(band, sizeof(band), "%s / %s", stats_likert_th(s->likert),
	         stats_likert_en(s->likert));
	struct report_cell c[] = {
	    cell_text(key),
	    cell_text(name),
	    cell_int(g->counts[0]),
	    cell_int(g->counts[1]),
	    cell_int(g->counts[2]),
	    cell_int(g->counts[3]),
	    cell_int(g->counts[4]),
	    cell_int(s->total),
	    cell_x100(s->has_data, s->mean_x100),
	    cell_pct(s->has_data, s->mean_percent_x100),
	    cell_pct(s->has_data, s->top_two_percent_x100),
	    cell_pct(s->has_data, s->percent_x100),
	    s->has_data ? cell_int(s->points) : none,
	    cell_text(band),
	    s->has_data ? cell_yes(g->reaches_80) : cell_text("ไม่มีการประเมิน / no ratings"),
	};
	return row(k, c, N_CELLS(c));
}

/* All ratings, tied, free-standing and the last 12 months. */
static int
emit_sat_overall(const struct report *r, const struct report_sink *k)
{
	int rc;

	if ((rc = sat_row(k, &r->all, "all")) || (rc = sat_row(k, &r->tied, "ticket")) ||
	    (rc = sat_row(k, &r->phone, "web")) || (rc = sat_row(k, &r->free_standing, "free")) ||
	    (rc = sat_row(k, &r->last_year, "12m")))
		return rc;
	return SQ_OK;
}

/* Per service (ratings tied to a ticket). */
static int
emit_sat_services(const struct report *r, const struct report_sink *k)
{

	for (size_t s = 0; s < r->n_services; s++) {
		int rc = sat_row(k, &r->services_sat[s], r->services_sat[s].key);
		if (rc)
			return rc;
	}
	return SQ_OK;
}

/* Per counter. */
static int
emit_sat_counters(const struct report *r, const struct report_sink *k)
{

	for (size_t c = 0; c < r->cfg->n_counters; c++) {
		int rc = sat_row(k, &r->counters_sat[c], r->counters_sat[c].key);
		if (rc)
			return rc;
	}
	return SQ_OK;
}

/* Per officer, and whether every officer reaches 80 % (S3.3.2). */
static int
emit_sat_officers(const struct report *r, const struct report_sink *k)
{

	for (size_t o = 0; o < r->n_officers; o++) {
		int rc = sat_row(k, &r->officers_sat[o], r->officers_sat[o].key);
		if (rc)
			return rc;
	}
	return sat_row(k, &r->officers_all, r->officers_all.key);
}

static const char *const reasons_th[] = {"สิ่งที่สำคัญที่สุด", "What mattered most", "จำนวน", NULL};
static const char *const reasons_en[] = {"Reason", "Reason (en)", "Count", NULL};

/* The optional second tap. */
static int
emit_reasons(const struct report *r, const struct report_sink *k)
{

	for (int i = 1; i <= RATING_REASON_COUNT; i++) {
		int reason = i % RATING_REASON_COUNT; /* NONE last */
		struct report_cell c[] = {cell_text(store_rating_reason_th(reason)),
		                          cell_text(store_rating_reason_en(reason)),
		                          cell_int(r->reasons[reason])};
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

/* Every table, in report order. */
static const struct report_table_entry tables[] = {
    {{.id = "summary",
      .sheet = "สรุป",
      .title_th = "ข้อมูลรายงาน",
      .title_en = "Report",
      .columns_th = summary_th,
      .columns_en = summary_en},
     emit_summary},
    {{.id = "outcome1",
      .sheet = "ผลลัพธ์ 1",
      .title_th = "ตัวชี้วัดผลลัพธ์ที่ 1 ความพึงพอใจของผู้รับบริการ",
      .title_en = "Outcome criterion 1: citizen satisfaction",
      .columns_th = outcome_th,
      .columns_en = outcome_en,
      .note = "N = ผู้รับบริการที่ให้บริการเสร็จในเดือน; n = การประเมินทั้งหมด; "
              "ความเชื่อมั่น 95 %, P = 0.5 (ยามาเน่); คะแนนและระดับอ่านจากตัวเลขที่แสดง "
              "(ปัดเศษครึ่งขึ้น: 95.004995 % แสดง 95.00 % ได้ 4 คะแนน) / N = clients served, "
              "n = all ratings; points and bands are read from the printed figure (rounded "
              "half up: 95.004995 % prints 95.00 % and earns 4 points)"},
     emit_outcome1},
    {{.id = "yamane",
      .sheet = "ขนาดตัวอย่าง",
      .title_th = "ขนาดกลุ่มตัวอย่างตามตารางยามาเน่",
      .title_en = "Sample size by Yamane's table",
      .columns_th = tiers_th,
      .columns_en = tiers_en},
     emit_tiers},
    {{.id = "satisfaction",
      .sheet = "ความพึงพอใจ",
      .title_th = "ความพึงพอใจ: การกระจายของคะแนน",
      .title_en = "Satisfaction: distribution of scores",
      .columns_th = sat_th,
      .columns_en = sat_en},
     emit_sat_overall},
    {{.id = "by_service",
      .sheet = "ตามบริการ",
      .title_th = "ความพึงพอใจตามบริการ",
      .title_en = "Satisfaction by service",
      .columns_th = sat_th,
      .columns_en = sat_en},
     emit_sat_services},
    {{.id = "by_counter",
      .sheet = "ตามช่องบริการ",
      .title_th = "ความพึงพอใจตามช่องบริการ",
      .title_en = "Satisfaction by counter",
      .columns_th = sat_th,
      .columns_en = sat_en},
     emit_sat_counters},
    {{.id = "by_officer",
      .sheet = "ตามเจ้าหน้าที่",
      .title_th = "ความพึงพอใจต่อเจ้าหน้าที่ (เกณฑ์ 3.3.2 ไม่น้อยกว่าร้อยละ 80)",
      .title_en = "Satisfaction by officer (S3.3.2: at least 80 %)",
      .columns_th = sat_th,
      .columns_en = sat_en},
     emit_sat_officers},
    {{.id = "reasons",
      .sheet = "สิ่งที่สำคัญ",
      .title_th = "สิ่งที่ผู้รับบริการให้ความสำคัญที่สุด",
      .title_en = "What mattered most",
      .columns_th = reasons_th,
      .columns_en = reasons_en},
     emit_reasons},
};

/* Emit the n tables of list to sink. */
static int
emit_list(const struct report *r, const struct report_sink *sink,
          const struct report_table_entry *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int rc;
		if ((rc = sink->begin(sink->ctx, &list[i].table)) || (rc = list[i].emit(r, sink)) ||
		    (rc = sink->end(sink->ctx, &list[i].table)))
			return rc;
	}
	return SQ_OK;
}

int
report_emit_tables(const struct report *r, const struct report_sink *sink)
{
	int rc = emit_list(r, sink, tables, N_CELLS(tables));

	return rc ? rc : emit_list(r, sink, report_queue_tables, report_queue_tables_n);
}
