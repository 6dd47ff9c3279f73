/*
 * report_queue_tables.c - the queue evidence tables of the monthly report:
 * per service (with transfers, so a row adds up), kinds of service (S2.3),
 * how each queue was called (P12), by hour (P1), priority tickets (P4),
 * advance booking (technology point), first contacts (P13), regular and extended hours (P1), month
 * over month (S2.8), staffing (S3.1) and the arrivals heat map.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report_tables_private.h"
#include "thaitime.h"

/* --- queue evidence ----------------------------------------------------- */

static const char *const queue_th[] = {"บริการ",         "ชื่อบริการ",
                                       "ออกบัตร",        "รับโอนเข้า",
                                       "โอนออก",        "ให้บริการแล้ว",
                                       "ไม่มาตามเรียก",   "หมดอายุ",
                                       "ยกเลิก",         "ค้างอยู่",
                                       "รอเฉลี่ย (นาที)",  "รอมัธยฐาน",
                                       "รอ P90",        "ให้บริการเฉลี่ย (นาที)",
                                       "ให้บริการมัธยฐาน", "ให้บริการ P90",
                                       "เป้าหมาย (นาที)", NULL};
static const char *const queue_en[] = {"Service",         "Name",
                                       "Issued",          "Transf. in",
                                       "Transf. out",     "Served",
                                       "No-show",         "Expired",
                                       "Voided",          "Still open",
                                       "Wait mean (min)", "Wait median",
                                       "Wait P90",        "Service mean (min)",
                                       "Service median",  "Service P90",
                                       "Target (min)",    NULL};

/* The cells of a report_times: mean, median, P90 (EMPTY without data). */
static void
times_cells(struct report_cell *c, const struct report_times *t)
{
	c[0] = cell_x10(t->n > 0, t->mean_x10);
	c[1] = cell_x10(t->n > 0, t->median_x10);
	c[2] = cell_x10(t->n > 0, t->p90_x10);
}

/* Issued, served, no-show, expired and times per service, then the total. */
static int
emit_queue(const struct report *r, const struct report_sink *k)
{
	struct report_cell c[17];
	char name[256];

	for (size_t s = 0; s <= r->n_services; s++) {
		bool total = s == r->n_services;
		const struct report_service *rs = &r->services[total ? 0 : s];
		snprintf(name, sizeof(name), "%s / %s", total ? "รวมทุกบริการ" : rs->svc->name.th,
		         total ? "All services" : rs->svc->name.en);
		c[0] = cell_text(total ? "all" : rs->svc->id);
		c[1] = cell_text(name);
		c[2] = cell_int(total ? r->issued : rs->issued);
		c[3] = cell_int(total ? r->transferred : rs->transferred_in);
		c[4] = cell_int(total ? r->transferred : rs->transferred_out);
		c[5] = cell_int(total ? r->served : rs->served);
		c[6] = cell_int(total ? r->noshow : rs->noshow);
		c[7] = cell_int(total ? r->expired : rs->expired);
		c[8] = cell_int(total ? r->voided : rs->voided);
		c[9] = cell_int(total ? r->open : rs->open);
		times_cells(&c[10], total ? &r->wait : &rs->wait);
		times_cells(&c[13], total ? &r->service : &rs->service);
		c[16] = total ? cell_empty() : cell_int(rs->svc->target_minutes);
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	/* Tickets never called, left out of the waits above: how long they had waited. */
	for (size_t i = 0; i < N_CELLS(c); i++)
		c[i] = cell_empty();
	c[0] = cell_text("uncalled");
	c[1] = cell_text("หมดอายุ/ยกเลิกขณะรอ (ไม่ถูกเรียก) / Expired or voided while waiting");
	c[2] = cell_int(r->uncalled_expired + r->uncalled_voided);
	c[7] = cell_int(r->uncalled_expired);
	c[8] = cell_int(r->uncalled_voided);
	times_cells(&c[10], &r->uncalled_wait);
	return row(k, c, N_CELLS(c));
}

static const char *const calls_th[] = {"บริการ",  "ชื่อบริการ", "เรียกคิว", "เรียกนอกลำดับ",
                                       "เรียกซ้ำ", "พักคิว",    NULL};
static const char *const calls_en[] = {"Service", "Name",   "Calls", "Out of turn",
                                       "Recalls", "Parked", NULL};

/* P12: how each service's queue was called, out of turn included. */
static int
emit_calls(const struct report *r, const struct report_sink *k)
{
	char name[256];

	for (size_t s = 0; s <= r->n_services; s++) {
		bool total = s == r->n_services;
		const struct report_service *rs = &r->services[total ? 0 : s];
		snprintf(name, sizeof(name), "%s / %s", total ? "รวมทุกบริการ" : rs->svc->name.th,
		         total ? "All services" : rs->svc->name.en);
		struct report_cell c[] = {
		    cell_text(total ? "all" : rs->svc->id),
		    cell_text(name),
		    cell_int(total ? r->calls : rs->calls),
		    cell_int(total ? r->manual_calls : rs->manual_calls),
		    cell_int(total ? r->recalls : rs->recalls),
		    cell_int(total ? r->parks : rs->parks),
		};
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	return SQ_OK;
}

static const char *const kinds_th[] = {"ประเภท", "ชื่อประเภท", "บริการ", "ออกบัตร", "ให้บริการแล้ว", NULL};
static const char *const kinds_en[] = {"Kind", "Name", "Services", "Issued", "Served", NULL};

/* S2.3: the three kinds of service a centre offers, in config_service's kind order. */
static const struct {
	enum service_kind kind;
	const char *key, *th, *en;
} kinds[] = {
    {SERVICE_KIND_MISSION, "mission", "งานบริการตามภารกิจ", "Mission services"},
    {SERVICE_KIND_INFORMATION, "information", "ข้อมูลบริการภาครัฐ", "Government service information"},
    {SERVICE_KIND_COMPLAINT, "complaint", "เรื่องร้องเรียน/ร้องทุกข์", "Complaints"},
};

/* Issued and served by kind of service (S2.3), with the services of each kind. */
static int
emit_kinds(const struct report *r, const struct report_sink *k)
{
	char name[192], ids[CONFIG_MAX_SERVICES * 4];

	for (size_t i = 0; i < N_CELLS(kinds); i++) {
		int64_t issued = 0, served = 0;
		size_t len = 0;
		ids[0] = '\0';
		for (size_t s = 0; s < r->n_services; s++) {
			const struct report_service *rs = &r->services[s];
			if (rs->svc->kind != kinds[i].kind)
				continue;
			issued += rs->issued;
			served += rs->served;
			len += (size_t)snprintf(ids + len, sizeof(ids) - len, "%s%s",
			                        len ? ", " : "", rs->svc->id);
		}
		snprintf(name, sizeof(name), "%s / %s", kinds[i].th, kinds[i].en);
		struct report_cell c[] = {
		    cell_text(kinds[i].key), cell_text(name),  cell_text(len ? ids : "-"),
		    cell_int(issued),        cell_int(served),
		};
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
		    cell_x10(pw->n > 0, pw->mean_x10),
		    cell_x10(cw->n > 0, cw->mean_x10),
		    cell_x10(wc, total ? r->wait_change_x10 : rs->wait_change_x10),
		    cell_x10(ps->n > 0, ps->mean_x10),
		    cell_x10(cs->n > 0, cs->mean_x10),
		    cell_x10(sc, total ? r->service_change_x10 : rs->service_change_x10),
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
		if (!rh->arrivals && !rh->counter_days)
			continue;
		const struct report_times *st = rh->service.n ? &rh->service : &r->service;
		snprintf(hour, sizeof(hour), "%02d:00-%02d:59", h, h);
		struct report_cell c[] = {
		    cell_text(hour),
		    cell_x10(true, rh->arrivals_per_day_x10),
		    cell_x10(st->n > 0, st->mean_x10),
		    cell_x10(true, rh->counters_open_x10),
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

static const char *const booking_th[] = {"รายการ",   "รายละเอียด", "จำนวน", "รอเฉลี่ย (นาที)",
                                         "รอมัธยฐาน", "รอ P90",    NULL};
static const char *const booking_en[] = {"Item",        "Detail",   "Count", "Wait mean (min)",
                                         "Wait median", "Wait P90", NULL};

/*
 * Advance booking: the month's bookings, the waits of booked against
 * walk-in tickets, and the line of evidence for the technology point.
 */
static int
emit_booking(const struct report *r, const struct report_sink *k)
{
	const struct report_booking *b = &r->booking;
	const struct {
		const char *id, *label;
		int64_t count;
		const struct report_times *wait;
	} rows[] = {
	    {"made", "จองคิวล่วงหน้า / Bookings made", b->made, NULL},
	    {"cancelled", "ยกเลิกการจอง / Cancelled", b->cancelled, NULL},
	    {"checked_in", "เช็กอินรับบัตรคิว / Checked in", b->checked_in, NULL},
	    {"no_show", "ไม่มาตามนัด / No-show", b->no_show, NULL},
	    {"booked", "บัตรคิวจากการจอง / Booked tickets", b->booked_issued, &b->wait_booked},
	    {"walk_in", "บัตรคิว walk-in / Walk-in tickets", b->walk_in_issued, &b->wait_walk_in},
	};
	struct report_cell c[6];
	char evidence[512];

	for (size_t i = 0; i < N_CELLS(rows); i++) {
		c[0] = cell_text(rows[i].id);
		c[1] = cell_text(rows[i].label);
		c[2] = cell_int(rows[i].count);
		if (rows[i].wait)
			times_cells(&c[3], rows[i].wait);
		else
			c[3] = c[4] = c[5] = cell_empty();
		int rc = row(k, c, N_CELLS(c));
		if (rc)
			return rc;
	}
	if (*b->services)
		snprintf(evidence, sizeof(evidence),
		         "ระบบการจองคิวล่วงหน้าออนไลน์: ใช้งาน (บริการ %s) จอง %" PRId64
		         " ครั้ง เช็กอิน %" PRId64 " ครั้ง / Advance queue booking online: in use "
		         "(services %s), %" PRId64 " bookings made, %" PRId64 " checked in",
		         b->services, b->made, b->checked_in, b->services, b->made, b->checked_in);
	else
		snprintf(evidence, sizeof(evidence),
		         "ระบบการจองคิวล่วงหน้าออนไลน์: ไม่มีบริการที่เปิดให้จอง / Advance queue booking "
		         "online: no service takes bookings");
	c[0] = cell_text("technology");
	c[1] = cell_text(evidence);
	c[2] = cell_int(b->made);
	c[3] = c[4] = c[5] = cell_empty();
	return row(k, c, N_CELLS(c));
}

const struct report_table_entry report_queue_tables[] = {
    {{.id = "queue",
      .sheet = "คิวตามบริการ",
      .title_th = "สถิติคิวตามบริการ",
      .title_en = "Queue by service",
      .columns_th = queue_th,
      .columns_en = queue_en,
      .note = "ออกบัตร + รับโอนเข้า - โอนออก = ให้บริการแล้ว + ไม่มาตามเรียก + หมดอายุ + ยกเลิก + "
              "ค้างอยู่; รอ = ออกบัตรถึงเรียกครั้งแรก; ให้บริการ = เริ่มให้บริการถึงเสร็จ; "
              "บัตรที่ไม่ถูกเรียก: รอจนถูกยกเลิก หรือจนการเรียกครั้งสุดท้ายของวัน (อย่างน้อย) / "
              "issued + in - out = served + no-show + expired + voided + open; "
              "wait = issue to first call; service = start (or call) to finish; "
              "uncalled: issue to the void, or to the day's last call (at least)"},
     emit_queue},
    {{.id = "kinds",
      .sheet = "ประเภทบริการ",
      .title_th = "ประเภทของบริการ (S2.3)",
      .title_en = "Kinds of service (S2.3)",
      .columns_th = kinds_th,
      .columns_en = kinds_en},
     emit_kinds},
    {{.id = "calls",
      .sheet = "การเรียกคิว",
      .title_th = "การเรียกคิวตามบริการ (P12)",
      .title_en = "How each queue was called (P12)",
      .columns_th = calls_th,
      .columns_en = calls_en,
      .note = "เรียกคิว = การเรียกทั้งหมด (รวมเรียกคืนจากการพักคิว); เรียกนอกลำดับ = "
              "เจ้าหน้าที่เลือกบัตรเองพร้อมเหตุผล / calls = every call (parked tickets called "
              "back included); out of turn = chosen by the officer, with a reason"},
     emit_calls},
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
    {{.id = "booking",
      .sheet = "การจองคิว",
      .title_th = "การจองคิวล่วงหน้าออนไลน์ (เทคโนโลยี)",
      .title_en = "Advance queue booking online (technology)",
      .columns_th = booking_th,
      .columns_en = booking_en,
      .note = "รอ = ออกบัตรถึงเรียกครั้งแรก; walk-in = บัตรอื่นทั้งหมด รวมผู้ได้รับสิทธิ์ / "
              "wait = issue (check-in) to first call; walk-in = every other ticket, priority "
              "classes included"},
     emit_booking},
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

const size_t report_queue_tables_n = N_CELLS(report_queue_tables);
