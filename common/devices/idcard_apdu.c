#include "idcard_apdu.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The command last sent. */
enum { STAGE_SELECT = 1, STAGE_READ_CID, STAGE_GET_RESPONSE };

static const uint8_t select_moi[] = {0x00, 0xA4, 0x04, 0x00, 0x08, 0xA0, 0x00,
                                     0x00, 0x00, 0x54, 0x48, 0x00, 0x01};
static const uint8_t read_cid[] = {0x80, 0xB0, 0x00, 0x04, 0x02, 0x00, THAI_ID_DIGITS};

static enum idcard_step
send(struct idcard_apdu *r, int stage, const uint8_t *cmd, size_t len)
{
	r->stage = stage;
	memcpy(r->cmd, cmd, len);
	r->cmd_len = len;
	return IDCARD_STEP_SEND;
}

static enum idcard_step __attribute__((format(printf, 3, 4)))
fail(struct idcard_apdu *r, enum idcard_fault fault, const char *fmt, ...)
{
	va_list ap;

	r->stage = 0;
	r->fault = fault;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
	r->cmd_len = 0;
	return IDCARD_STEP_FAILED;
}

enum idcard_step
idcard_apdu_start(struct idcard_apdu *r, const uint8_t *atr, size_t atr_len)
{
	memset(r, 0, sizeof(*r));
	/* These cards take GET RESPONSE with P2 = 01 and refuse 00. */
	r->get_response_p2 = atr_len >= 2 && atr[0] == 0x3B && atr[1] == 0x67 ? 0x01 : 0x00;
	return send(r, STAGE_SELECT, select_moi, sizeof(select_moi));
}

/* The 13 digits before the status word 90 00: DONE or FAILED. */
static enum idcard_step
take_cid(struct idcard_apdu *r, const uint8_t *data, size_t len)
{
	r->id_fault = thai_id_parse(data, len, r->cid);
	if (r->id_fault != THAI_ID_OK)
		return fail(r, IDCARD_FAULT_BAD_NUMBER, "citizen id refused: %s",
		            thai_id_fault_text(r->id_fault));
	r->stage = 0; /* answers after the end are refused, not read again */
	r->cmd_len = 0;
	return IDCARD_STEP_DONE;
}

enum idcard_step
idcard_apdu_answer(struct idcard_apdu *r, const uint8_t *resp, size_t len)
{
	uint8_t sw1, sw2;

	if (len < 2)
		return fail(r, IDCARD_FAULT_BAD_ANSWER, "answer of %zu bytes, no status word", len);
	sw1 = resp[len - 2];
	sw2 = resp[len - 1];
	len -= 2;
	switch (r->stage) {
	case STAGE_SELECT:
		if ((sw1 == 0x90 && sw2 == 0x00) || sw1 == 0x61)
			return send(r, STAGE_READ_CID, read_cid, sizeof(read_cid));
		return fail(r, IDCARD_FAULT_NOT_ID_CARD,
		            "not a Thai ID card (SELECT answered %02X %02X)", sw1, sw2);
	case STAGE_READ_CID:
		if (sw1 == 0x61) {
			const uint8_t get[] = {0x00, 0xC0, 0x00, r->get_response_p2,
			                       THAI_ID_DIGITS};

			return send(r, STAGE_GET_RESPONSE, get, sizeof(get));
		}
		if (sw1 == 0x90 && sw2 == 0x00)
			return take_cid(r, resp, len);
		return fail(r, IDCARD_FAULT_BAD_ANSWER, "reading the citizen id answered %02X %02X",
		            sw1, sw2);
	case STAGE_GET_RESPONSE:
		if (sw1 == 0x90 && sw2 == 0x00)
			return take_cid(r, resp, len);
		return fail(r, IDCARD_FAULT_BAD_ANSWER, "GET RESPONSE answered %02X %02X", sw1,
		            sw2);
	default:
		return fail(r, IDCARD_FAULT_BAD_ANSWER, "an answer when no command was sent");
	}
}

enum idcard_step
idcard_apdu_io_failed(struct idcard_apdu *r, const char *why)
{
	return fail(r, IDCARD_FAULT_IO, "%s", why);
}

const char *
idcard_fault_name(enum idcard_fault fault)
{
	static const char *const names[] = {
	    [IDCARD_FAULT_NONE] = "read",
	    [IDCARD_FAULT_NOT_ID_CARD] = "not a Thai ID card",
	    [IDCARD_FAULT_BAD_ANSWER] = "unexpected answer",
	    [IDCARD_FAULT_BAD_NUMBER] = "invalid citizen id",
	    [IDCARD_FAULT_IO] = "card not read",
	};

	if ((unsigned)fault >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[fault];
}
