/*
 * report_tables.c - the tables of the monthly report, in order, as rows of
 * cells for every writer (report.h: report_emit_tables). One static table
 * lists them; each has a function that emits its rows. Thai first, English
 * beside it; a figure without data is an EMPTY cell ("-"), never a 0 that
 * could be read as a measurement.
 */
#include "report.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "thaitime.h"

/* A cell without a figure. */
static struct report_cell
cell_empty(void)
{
	return (struct report_cell){.type = REPORT_CELL_EMPTY};
}

/* A text cell. */
static struct report_cell
cell_text(const char *s)
{
	return (struct report_cell){.type = REPORT_CELL_TEXT, .text = s ? s : ""};
}

/* A whole-number cell. */
static struct report_cell
cell_int(int64_t v)
{
	return (struct report_cell){.type = REPORT_CELL_INT, .i = v};
}

/* A number with one or two decimals, or EMPTY when has is false. */
static struct report_cell
cell_num(bool has, double v, int decimals)
{
	if (!has)
		return cell_empty();
	return (struct report_cell){.type = decimals == 1 ? REPORT_CELL_NUM1 : REPORT_CELL_NUM2,
	                            .d = v};
}

/* A percentage given in hundredths (8000 = 80.00 %), or EMPTY. */
static struct report_cell
cell_pct(bool has, int x100)
{
	if (!has)
		return cell_empty();
	return (struct report_cell){.type = REPORT_CELL_PCT2, .d = x100 / 100.0};
}

/* A yes/no cell in both languages. */
static struct report_cell
cell_yes(bool yes)
{
	return cell_text(yes ? "ผ่าน / yes" : "ไม่ผ่าน / no");
}

const char *
report_cell_text(const struct report_cell *c, char *buf, size_t n)
{
	switch (c->type) {
	case REPORT_CELL_TEXT:
		snprintf(buf, n, "%s", c->text);
		break;
	case REPORT_CELL_INT:
		snprintf(buf, n, "%" PRId64, c->i);
		break;
	case REPORT_CELL_NUM1:
		snprintf(buf, n, "%.1f", c->d);
		break;
	case REPORT_CELL_NUM2:
	case REPORT_CELL_PCT2:
		snprintf(buf, n, "%.2f", c->d);
		break;
	default:
		snprintf(buf, n, "-");
	}
	return buf;
}

/* Emit one row. */
static int
row(const struct report_sink *k, const struct report_cell *cells, size_t n)
{
	return k->row(k->ctx, cells, n);
}

#define N_CELLS(a) (sizeof(a) / sizeof((a)[0]))

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
	     cell_num(s->has_data, s->mean_x100 / 100.0, 2), none},
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
	    cell_num(s->has_data, s->mean_x100 / 100.0, 2),
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
	return SQ_OK;
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

/* --- queue evidence ----------------------------------------------------- */

static const char *const queue_th[] = {
    "บริการ",         "ชื่อบริการ",     "ออกบัตร",        "ให้บริการแล้ว",
    "ไม่มาตามเรียก",   "หมดอายุ",      "ยกเลิก",         "ค้างอยู่",
    "รอเฉลี่ย (นาที)",  "รอมัธยฐาน",    "รอ P90",        "ให้บริการเฉลี่ย (นาที)",
    "ให้บริการมัธยฐาน", "ให้บริการ P90", "เป้าหมาย (นาที)", NULL};
static const char *const queue_en[] = {
    "Service",         "Name",        "Issued",       "Served",
    "No-show",         "Expired",     "Voided",       "Still open",
    "Wait mean (min)", "Wait median", "Wait P90",     "Service mean (min)",
    "Service median",  "Service P90", "Target (min)", NULL};

/* The cells of a report_times: mean, median, P90 (EMPTY without data). */
static void
times_cells(struct report_cell *c, const struct report_times *t)
{
	c[0] = cell_num(t->n > 0, t->mean_min, 1);
	c[1] = cell_num(t->n > 0, t->median_min, 1);
	c[2] = cell_num(t->n > 0, t->p90_min, 1);
}

/* Issued, served, no-show, expired and times per service, then the total. */
static int
emit_queue(const struct report *r, const struct report_sink *k)
{
	struct report_cell c[15];
	char name[256];

	for (size_t s = 0; s <= r->n_services; s++) {
		bool total = s == r->n_services;
		const struct report_service *rs = &r->services[total ? 0 : s];
		snprintf(name, sizeof(name), "%s / %s", total ? "รวมทุกบริการ" : rs->svc->name.th,
		         total ? "All services" : rs->svc->name.en);
		c[0] = cell_text(total ? "all" : rs->svc->id);
		c[1] = cell_text(name);
		c[2] = cell_int(total ? r->issued : rs->issued);
		c[3] = cell_int(total ? r->served : rs->served);
		c[4] = cell_int(total ? r->noshow : rs->noshow);
		c[5] = cell_int(total ? r->expired : rs->expired);
		c[6] = cell_int(total ? r->voided : rs->voided);
		c[7] = cell_int(total ? r->open : rs->open);
		times_cells(&c[8], total ? &r->wait : &rs->wait);
		times_cells(&c[11], total ? &r->service : &rs->service);
		c[14] = total ? cell_empty() : cell_int(rs->svc->target_minutes);
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

static const char *const hours_th[] = {
    "ชั่วโมง",     "มาถึง (บัตร)",        "รอเฉลี่ย (นาที)",  "รอมัธยฐาน",
    "รอ P90",    "ให้บริการเฉลี่ย (นาที)", "ให้บริการมัธยฐาน", "ให้บริการ P90",
    "ในเวลาปกติ", "นอกเวลา/ขยายเวลา",  "นอกเวลาที่กำหนด", NULL};
static const char *const hours_en[] = {"Hour",
                                       "Arrivals",
                                       "Wait mean (min)",
                                       "Wait median",
                                       "Wait P90",
                                       "Service mean (min)",
                                       "Service median",
                                       "Service P90",
                                       "Served, regular hours",
                                       "Served, extended hours",
                                       "Served, outside hours",
                                       NULL};

/* Hour of day, for the hours that saw anything. */
static bool
hour_used(const struct report_hour *h)
{
	return h->arrivals || h->service.n || h->served_regular || h->served_extended ||
	       h->served_outside;
}

/* Waits and service times per hour of the day, and the P1 split. */
static int
emit_hours(const struct report *r, const struct report_sink *k)
{
	struct report_cell c[11];
	char hour[16];

	for (int h = 0; h < REPORT_HOURS; h++) {
		const struct report_hour *rh = &r->hours[h];
		if (!hour_used(rh))
			continue;
		snprintf(hour, sizeof(hour), "%02d:00-%02d:59", h, h);
		c[0] = cell_text(hour);
		c[1] = cell_int(rh->arrivals);
		times_cells(&c[2], &rh->wait);
		times_cells(&c[5], &rh->service);
		c[8] = cell_int(rh->served_regular);
		c[9] = cell_int(rh->served_extended);
		c[10] = cell_int(rh->served_outside);
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

static const char *const prio_th[] = {"ประเภท",   "ชื่อ",     "ออกบัตร", "รอเฉลี่ย (นาที)",
                                      "รอมัธยฐาน", "รอ P90", NULL};
static const char *const prio_en[] = {"Class",       "Name",     "Issued", "Wait mean (min)",
                                      "Wait median", "Wait P90", NULL};

/* Priority tickets (P4) and their waits, normal tickets first for comparison. */
static int
emit_priority(const struct report *r, const struct report_sink *k)
{
	struct report_cell c[6];
	char name[192];

	for (size_t p = 0; p <= r->n_priority; p++) {
		bool total = p == r->n_priority;
		const struct report_priority *rp = &r->priority[total ? 0 : p];
		snprintf(name, sizeof(name), "%s / %s", total ? "ผู้ได้รับสิทธิ์ทุกประเภท" : rp->name_th,
		         total ? "All priority classes" : rp->name_en);
		c[0] = cell_text(total ? "priority" : (*rp->id ? rp->id : "normal"));
		c[1] = cell_text(name);
		c[2] = cell_int(total ? r->priority_issued : rp->issued);
		times_cells(&c[3], total ? &r->priority_wait : &rp->wait);
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

static const char *const contact_th[] = {"ผลการให้คำแนะนำ", "Outcome", "บริการ", "จำนวน", NULL};
static const char *const contact_en[] = {"Outcome (th)", "Outcome", "Service", "Count", NULL};

/* First-contact interactions (P13) by outcome, then by outcome and service. */
static int
emit_contacts(const struct report *r, const struct report_sink *k)
{

	for (size_t i = 0; i < r->n_outcomes; i++) {
		const struct report_outcome *o = &r->outcomes[i];
		struct report_cell c[] = {cell_text(report_outcome_th(o->outcome)),
		                          cell_text(report_outcome_en(o->outcome)),
		                          cell_text("ทั้งหมด / all"), cell_int(o->count)};
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
		for (size_t s = 0; s < r->n_services; s++) {
			if (!o->by_service[s])
				continue;
			struct report_cell d[] = {cell_text(report_outcome_th(o->outcome)),
			                          cell_text(report_outcome_en(o->outcome)),
			                          cell_text(r->services[s].svc->id),
			                          cell_int(o->by_service[s])};
			if ((rc = row(k, d, N_CELLS(d))))
				return rc;
		}
	}
	struct report_cell t[] = {cell_text("รวม"), cell_text("Total"), cell_text("ทั้งหมด / all"),
	                          cell_int(r->first_contacts)};
	return row(k, t, N_CELLS(t));
}

static const char *const p1_th[] = {"ช่วงเวลาที่มารับบริการ", "Hours", "ให้บริการแล้ว", NULL};
static const char *const p1_en[] = {"Hours (th)", "Hours", "Served", NULL};

/* P1: tickets served by the kind of hours the citizen came in. */
static int
emit_p1(const struct report *r, const struct report_sink *k)
{
	const struct {
		const char *th, *en;
		int64_t n;
	} rows[] = {
	    {"ในเวลาราชการปกติ", "Regular hours", r->served_regular},
	    {"นอกเวลา/ขยายเวลา (รวมวันหยุด)", "Extended hours (incl. weekend)", r->served_extended},
	    {"วันเสาร์-อาทิตย์", "Of which Saturday-Sunday", r->served_weekend},
	    {"นอกเวลาที่กำหนด (ออกบัตรโดยเจ้าหน้าที่)", "Outside configured hours", r->served_outside},
	    {"รวม", "Total served", r->served},
	};

	for (size_t i = 0; i < N_CELLS(rows); i++) {
		struct report_cell c[] = {cell_text(rows[i].th), cell_text(rows[i].en),
		                          cell_int(rows[i].n)};
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

static const char *const mom_th[] = {"บริการ",
                                     "รอเฉลี่ยเดือนก่อน",
                                     "รอเฉลี่ยเดือนนี้",
                                     "เปลี่ยนแปลง (%)",
                                     "ให้บริการเฉลี่ยเดือนก่อน",
                                     "ให้บริการเฉลี่ยเดือนนี้",
                                     "เปลี่ยนแปลง (%)",
                                     NULL};
static const char *const mom_en[] = {"Service",
                                     "Wait, previous month (min)",
                                     "Wait, this month",
                                     "Change %",
                                     "Service, previous month (min)",
                                     "Service, this month",
                                     "Change %",
                                     NULL};

/* S2.8: waits and service times against the previous month. */
static int
emit_mom(const struct report *r, const struct report_sink *k)
{

	for (size_t s = 0; s <= r->n_services; s++) {
		bool total = s == r->n_services;
		const struct report_service *rs = &r->services[total ? 0 : s];
		const struct report_times *pw = total ? &r->prev_wait : &rs->prev_wait;
		const struct report_times *cw = total ? &r->wait : &rs->wait;
		const struct report_times *ps = total ? &r->prev_service : &rs->prev_service;
		const struct report_times *cs = total ? &r->service : &rs->service;
		bool wc = total ? r->has_wait_change : rs->has_wait_change;
		bool sc = total ? r->has_service_change : rs->has_service_change;
		struct report_cell c[] = {
		    cell_text(total ? "all" : rs->svc->id),
		    cell_num(pw->n > 0, pw->mean_min, 1),
		    cell_num(cw->n > 0, cw->mean_min, 1),
		    cell_num(wc, total ? r->wait_change_pct : rs->wait_change_pct, 1),
		    cell_num(ps->n > 0, ps->mean_min, 1),
		    cell_num(cs->n > 0, cs->mean_min, 1),
		    cell_num(sc, total ? r->service_change_pct : rs->service_change_pct, 1),
		};
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

static const char *const staff_th[] = {"ชั่วโมง",
                                       "มาถึงเฉลี่ยต่อวัน",
                                       "เวลาให้บริการเฉลี่ย (นาที)",
                                       "ช่องบริการที่เปิดเฉลี่ย",
                                       "ช่องบริการที่ต้องการ (Erlang C)",
                                       NULL};
static const char *const staff_en[] = {"Hour",
                                       "Arrivals per day",
                                       "Mean service (min)",
                                       "Counters open (mean)",
                                       "Counters needed (Erlang C)",
                                       NULL};

/* S3.1: for each hour, counters needed so that 80 % wait no longer than the target. */
static int
emit_staffing(const struct report *r, const struct report_sink *k)
{
	char hour[16];

	for (int h = 0; h < REPORT_HOURS; h++) {
		const struct report_hour *rh = &r->hours[h];
		if (!rh->arrivals && rh->counters_open == 0)
			continue;
		const struct report_times *st = rh->service.n ? &rh->service : &r->service;
		snprintf(hour, sizeof(hour), "%02d:00-%02d:59", h, h);
		struct report_cell c[] = {
		    cell_text(hour),
		    cell_num(true, rh->arrivals_per_day, 1),
		    cell_num(st->n > 0, st->mean_min, 1),
		    cell_num(true, rh->counters_open, 1),
		    rh->erlang_ok ? cell_int(rh->counters_needed) : cell_empty(),
		};
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

static const char *const heat_th[] = {"วัน", "จำนวนวัน", "00", "01", "02", "03", "04", "05", "06",
                                      "07", "08",      "09", "10", "11", "12", "13", "14", "15",
                                      "16", "17",      "18", "19", "20", "21", "22", "23", NULL};
static const char *const heat_en[] = {"Weekday", "Dates", "00", "01", "02", "03", "04", "05", "06",
                                      "07",      "08",    "09", "10", "11", "12", "13", "14", "15",
                                      "16",      "17",    "18", "19", "20", "21", "22", "23", NULL};

/* Arrivals by weekday and hour (totals over the month). */
static int
emit_heat(const struct report *r, const struct report_sink *k)
{
	struct report_cell c[2 + REPORT_HOURS];
	char day[64];

	for (int d = 0; d < REPORT_WEEKDAYS; d++) {
		snprintf(day, sizeof(day), "%s / %s", thaitime_weekday_th(d),
		         thaitime_weekday_en(d));
		c[0] = cell_text(day);
		c[1] = cell_int(r->weekday_dates[d]);
		for (int h = 0; h < REPORT_HOURS; h++)
			c[2 + h] = cell_int(r->heat[d][h]);
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

/* Every table, in report order. */
static const struct {
	struct report_table table;
	int (*emit)(const struct report *r, const struct report_sink *k);
} tables[] = {
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
              "ความเชื่อมั่น 95 %, P = 0.5 (ยามาเน่) / N = clients served, n = all ratings"},
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
    {{.id = "queue",
      .sheet = "คิวตามบริการ",
      .title_th = "สถิติคิวตามบริการ",
      .title_en = "Queue by service",
      .columns_th = queue_th,
      .columns_en = queue_en,
      .note = "รอ = ออกบัตรถึงเรียกครั้งแรก; ให้บริการ = เริ่มให้บริการถึงเสร็จ / "
              "wait = issue to first call; service = start (or call) to finish"},
     emit_queue},
    {{.id = "hours",
      .sheet = "ตามชั่วโมง",
      .title_th = "สถิติคิวตามชั่วโมง (P1)",
      .title_en = "Queue by hour of day (P1)",
      .columns_th = hours_th,
      .columns_en = hours_en},
     emit_hours},
    {{.id = "priority",
      .sheet = "ผู้ได้รับสิทธิ์",
      .title_th = "บัตรคิวผู้ได้รับสิทธิ์พิเศษ (P4)",
      .title_en = "Priority tickets (P4)",
      .columns_th = prio_th,
      .columns_en = prio_en},
     emit_priority},
    {{.id = "first_contact",
      .sheet = "จุดแรกรับ",
      .title_th = "จุดแรกรับ (P13)",
      .title_en = "First-contact point (P13)",
      .columns_th = contact_th,
      .columns_en = contact_en},
     emit_contacts},
    {{.id = "p1",
      .sheet = "นอกเวลา",
      .title_th = "การให้บริการนอกเวลาราชการ (P1)",
      .title_en = "Service outside regular hours (P1)",
      .columns_th = p1_th,
      .columns_en = p1_en},
     emit_p1},
    {{.id = "month_over_month",
      .sheet = "เทียบเดือนก่อน",
      .title_th = "เปรียบเทียบกับเดือนก่อน (S2.8)",
      .title_en = "Month over month (S2.8)",
      .columns_th = mom_th,
      .columns_en = mom_en,
      .note = "ค่าลบ = เร็วขึ้น / negative = shorter"},
     emit_mom},
    {{.id = "staffing",
      .sheet = "อัตรากำลัง",
      .title_th = "อัตรากำลังตามชั่วโมง (S3.1)",
      .title_en = "Staffing by hour (S3.1, Erlang C)",
      .columns_th = staff_th,
      .columns_en = staff_en},
     emit_staffing},
    {{.id = "heatmap",
      .sheet = "ผู้มาใช้บริการ",
      .title_th = "ผู้มารับบริการตามวันและชั่วโมง",
      .title_en = "Arrivals by weekday and hour",
      .columns_th = heat_th,
      .columns_en = heat_en},
     emit_heat},
};

int
report_emit_tables(const struct report *r, const struct report_sink *sink)
{
	for (size_t i = 0; i < N_CELLS(tables); i++) {
		int rc;
		if ((rc = sink->begin(sink->ctx, &tables[i].table)) ||
		    (rc = tables[i].emit(r, sink)) || (rc = sink->end(sink->ctx, &tables[i].table)))
			return rc;
	}
	return SQ_OK;
}
