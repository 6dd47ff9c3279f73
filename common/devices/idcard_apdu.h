/*
 * idcard_apdu.h - the conversation that reads the citizen ID from a Thai
 * national ID card, as pure steps: the caller sends each command to the card
 * (idcard.c through PC/SC, a test straight from bytes) and hands back the
 * card's answer, until the number is read or the card is refused.
 *
 * The card's commands (the Ministry of Interior applet):
 *   SELECT the applet        00 A4 04 00 08 A0 00 00 00 54 48 00 01
 *                            answers 61 xx or 90 00
 *   READ the citizen ID      80 B0 00 04 02 00 0D
 *                            answers 61 0D (the 13 bytes wait), or, where
 *                            the reader fetches them itself, the 13 bytes + 90 00
 *   GET RESPONSE             00 C0 00 00 0D, or 00 C0 00 01 0D on the cards
 *                            whose ATR begins 3B 67, which refuse P2 = 00;
 *                            answers the 13 ASCII digits + 90 00
 * Nothing else is read from the card: no name, address or photo.
 *
 * Pure: plain struct, no I/O; one thread per struct.
 */
#ifndef SADUAK_IDCARD_APDU_H
#define SADUAK_IDCARD_APDU_H

#include <stddef.h>
#include <stdint.h>

#include "thai_id.h"

/* The longest command sent (SELECT) and answer expected (13 digits + SW). */
#define IDCARD_APDU_CMD_MAX  13
#define IDCARD_APDU_RESP_MAX 258

/* Why a card in the reader gave no citizen ID. */
enum idcard_fault {
	IDCARD_FAULT_NONE = 0,
	IDCARD_FAULT_NOT_ID_CARD, /* SELECT refused: another kind of card */
	IDCARD_FAULT_BAD_ANSWER,  /* an answer the card should not give (status word, length) */
	IDCARD_FAULT_BAD_NUMBER,  /* 13 bytes read that are not a valid citizen ID */
	IDCARD_FAULT_IO,          /* the exchange failed: card pulled out, reader error */
};

/* What the caller does next. */
enum idcard_step {
	IDCARD_STEP_SEND,   /* send cmd[0..cmd_len) and pass the answer to idcard_apdu_answer */
	IDCARD_STEP_DONE,   /* cid holds a valid citizen ID */
	IDCARD_STEP_FAILED, /* fault and why say what went wrong */
};

/* One reading of one card. */
struct idcard_apdu {
	int stage;                        /* the command last sent (idcard_apdu.c) */
	uint8_t get_response_p2;          /* 0x01 on "3B 67" cards, else 0x00 */
	uint8_t cmd[IDCARD_APDU_CMD_MAX]; /* the next command */
	size_t cmd_len;
	char cid[THAI_ID_SIZE];      /* on DONE: the 13 digits; never log it */
	enum idcard_fault fault;     /* on FAILED */
	enum thai_id_fault id_fault; /* on IDCARD_FAULT_BAD_NUMBER: which rule */
	char why[96];                /* on FAILED: one English line, no digits of the ID */
};

/*
 * Begin a reading of the card whose ATR is atr (len bytes; chooses the GET
 * RESPONSE variant). Returns IDCARD_STEP_SEND with the SELECT in r->cmd.
 */
enum idcard_step idcard_apdu_start(struct idcard_apdu *r, const uint8_t *atr, size_t atr_len);

/*
 * The card answered resp (len bytes, status word last) to r->cmd. Returns
 * the next step: SEND with the next command, DONE or FAILED. Any bytes are
 * handled: at most three commands are ever sent.
 */
enum idcard_step idcard_apdu_answer(struct idcard_apdu *r, const uint8_t *resp, size_t len);

/* The exchange could not be made (transmit failed): FAILED with fault IO and why. */
enum idcard_step idcard_apdu_io_failed(struct idcard_apdu *r, const char *why);

/* A short English name of a fault: "not a Thai ID card". Static. */
const char *idcard_fault_name(enum idcard_fault fault);

#endif
