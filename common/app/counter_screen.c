/*
 * counter_screen.c - what every counter screen shows besides the actions.
 * See counter_screen.h.
 */
#include "counter_screen.h"

#include <stdio.h>
#include <string.h>

#include "printer.h"
#include "queue.h"

#define NEAR_END "paper-near-end" /* the kiosk's log name of a low paper roll */

const struct counter_reason counter_call_reasons[COUNTER_CALL_REASONS] = {
    {.log = "appointment", .th = "นัดหมายไว้ล่วงหน้า", .en = "Appointment"},
    {.log = "back with documents", .th = "กลับมาพร้อมเอกสาร", .en = "Back with documents"},
    {.log = "urgent or vulnerable", .th = "เร่งด่วน / กลุ่มเปราะบาง", .en = "Urgent or vulnerable"},
    {.log = "continuing a service", .th = "ต่อเนื่องจากบริการเดิม", .en = "Continuing a service"},
    {.log = "supervisor request", .th = "หัวหน้ามอบหมาย", .en = "Supervisor's request"},
};

const struct counter_reason counter_break_reasons[COUNTER_BREAK_REASONS] = {
    {.log = "lunch", .th = "พักกลางวัน", .en = "Lunch"},
    {.log = "short break", .th = "พักระยะสั้น", .en = "Short break"},
    {.log = "meeting", .th = "ประชุม", .en = "Meeting"},
    {.log = "training", .th = "อบรม", .en = "Training"},
};

const struct counter_reason counter_back_office_reasons[COUNTER_BACK_OFFICE_REASONS] = {
    {.log = "back-office: paperwork", .th = "งานเอกสาร", .en = "Paperwork"},
    {.log = "back-office: data entry", .th = "บันทึกข้อมูลในระบบ", .en = "Data entry"},
    {.log = "back-office: phone enquiry", .th = "ตอบคำถามทางโทรศัพท์", .en = "Phone enquiry"},
    {.log = "back-office: case follow-up", .th = "ติดตามเรื่อง", .en = "Case follow-up"},
};

/* Rank of service id in the counter's list, or -1. */
static int
service_rank(const struct config *cfg, const struct config_counter *cc, const char *id)
{
	for (size_t i = 0; i < cc->n_services; i++)
		if (strcmp(cfg->services[cc->services[i]].id, id) == 0)
			return (int)i;
	return -1;
}

void
counter_call_order(const struct config *cfg, const struct config_counter *cc,
                   const struct store_ticket *t, size_t n, struct queue_streaks streaks,
                   int64_t now_ms, size_t *order, size_t *n_order)
{
	struct queue_policy policy = {.policy = cc->policy,
	                              .priority_cap = cfg->priority_cap,
	                              .booking_cap = cfg->booking_cap};
	/* Each queue (service rank x class: walk-in, priority, booking) holds its
	 * tickets oldest first: its head is the first ticket not yet placed. */
	struct queue_candidate cand[CONFIG_MAX_SERVICES * 3];
	size_t head_of[CONFIG_MAX_SERVICES * 3];
	int64_t rejoin_before = now_ms - (int64_t)cfg->park_return_minutes * 60000;
	bool placed[256] = {false};

	*n_order = 0;
	if (n > sizeof(placed))
		n = sizeof(placed);
	for (;;) {
		size_t nc = 0;
		struct queue_choice choice;

		for (size_t q = 0; q < cc->n_services * 3; q++) {
			for (size_t i = 0; i < n; i++) {
				bool pri = t[i].priority[0] != '\0';
				size_t cls = pri ? 1 : t[i].booked ? 2 : 0;
				if (placed[i] ||
				    service_rank(cfg, cc, t[i].service) != (int)(q / 3) ||
				    cls != q % 3 ||
				    (t[i].state == TICKET_PARKED && t[i].state_ms > rejoin_before))
					continue;
				cand[nc] = (struct queue_candidate){.ticket_id = t[i].id,
				                                    .service_rank = q / 3,
				                                    .priority = pri,
				                                    .booked = t[i].booked};
				head_of[nc++] = i;
				break;
			}
		}
		if (queue_choose(cand, nc, &policy, &streaks, &choice) != SQ_OK)
			break;
		streaks = choice.streaks;
		placed[head_of[choice.index]] = true;
		order[(*n_order)++] = head_of[choice.index];
	}
	/* Parked tickets still away, oldest first. */
	for (size_t i = 0; i < n; i++)
		if (!placed[i] && t[i].state == TICKET_PARKED)
			order[(*n_order)++] = i;
}

void
counter_printer_words(bool thai, const char *reason, char *out, size_t n)
{
	const char *name = reason + strlen("printer ");
	const char *ticket = strstr(reason, ": ticket ");
	size_t len = strcspn(name, ":");
	enum printer_fault f;
	char code[16];

	if (strncmp(reason, "printer ", 8) != 0) {
		snprintf(out, n, "%s", reason);
	} else if (len == strlen(NEAR_END) && strncmp(name, NEAR_END, len) == 0) {
		snprintf(out, n, "%s", thai ? "กระดาษใกล้หมด" : "Paper near its end");
	} else if (!printer_fault_by_name(name, len, &f)) {
		snprintf(out, n, "%s", reason);
	} else if (ticket && sscanf(ticket, ": ticket %15s", code) == 1) {
		if (thai)
			snprintf(out, n, "%s (บัตรคิว %s ไม่ได้พิมพ์)", printer_fault_th(f), code);
		else
			snprintf(out, n, "%s (ticket %s not printed)", printer_fault_en(f), code);
	} else {
		snprintf(out, n, "%s", thai ? printer_fault_th(f) : printer_fault_en(f));
	}
}
