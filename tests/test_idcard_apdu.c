/* Tests of the conversation that reads a Thai ID card's citizen ID (idcard_apdu.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "idcard_apdu.h"

/* ATRs of the two kinds of card in use: most, and the "3B 67" ones. */
static const uint8_t atr_68[] = {0x3B, 0x68, 0x00, 0x00, 0x00, 0x73,
                                 0xC8, 0x40, 0x12, 0x00, 0x90, 0x00};
static const uint8_t atr_67[] = {0x3B, 0x67, 0x00, 0x00, 0x73, 0x20, 0x00, 0x6C, 0x68, 0x90, 0x00};

#define SW(a, b) (const uint8_t[]){a, b}, 2

/* The command in r is exactly the n bytes at want. */
static void
assert_cmd(const struct idcard_apdu *r, const uint8_t *want, size_t n)
{
	assert_int_equal(r->cmd_len, n);
	assert_memory_equal(r->cmd, want, n);
}

/* The card's answer to GET RESPONSE or READ: 13 bytes and 90 00. */
static enum idcard_step
answer_digits(struct idcard_apdu *r, const char *digits)
{
	uint8_t resp[15];

	memcpy(resp, digits, 13);
	resp[13] = 0x90;
	resp[14] = 0x00;
	return idcard_apdu_answer(r, resp, sizeof(resp));
}

/* SELECT, READ, GET RESPONSE with the bytes the card expects, on both kinds of card. */
static void
test_idcard_apdu_reads_cid(void **state)
{
	static const uint8_t select[] = {0x00, 0xA4, 0x04, 0x00, 0x08, 0xA0, 0x00,
	                                 0x00, 0x00, 0x54, 0x48, 0x00, 0x01};
	static const uint8_t read[] = {0x80, 0xB0, 0x00, 0x04, 0x02, 0x00, 0x0D};
	static const struct {
		const uint8_t *atr;
		size_t len;
		uint8_t p2;
	} cards[] = {{atr_68, sizeof(atr_68), 0x00}, {atr_67, sizeof(atr_67), 0x01}};

	(void)state;
	for (size_t i = 0; i < sizeof(cards) / sizeof(cards[0]); i++) {
		struct idcard_apdu r;
		const uint8_t get[] = {0x00, 0xC0, 0x00, cards[i].p2, 0x0D};

		assert_int_equal(idcard_apdu_start(&r, cards[i].atr, cards[i].len),
		                 IDCARD_STEP_SEND);
		assert_cmd(&r, select, sizeof(select));
		assert_int_equal(idcard_apdu_answer(&r, SW(0x61, 0x0A)), IDCARD_STEP_SEND);
		assert_cmd(&r, read, sizeof(read));
		assert_int_equal(idcard_apdu_answer(&r, SW(0x61, 0x0D)), IDCARD_STEP_SEND);
		assert_cmd(&r, get, sizeof(get));
		assert_int_equal(answer_digits(&r, "3100500123458"), IDCARD_STEP_DONE);
		assert_string_equal(r.cid, "3100500123458");
		/* Done is done: a further answer is not read as a number. */
		assert_int_equal(answer_digits(&r, "3100500123458"), IDCARD_STEP_FAILED);
	}
}

/* A reader that fetches the response itself answers READ with the digits. */
static void
test_idcard_apdu_digits_without_get_response(void **state)
{
	struct idcard_apdu r;

	(void)state;
	idcard_apdu_start(&r, atr_68, sizeof(atr_68));
	assert_int_equal(idcard_apdu_answer(&r, SW(0x90, 0x00)), IDCARD_STEP_SEND);
	assert_int_equal(answer_digits(&r, "1101700203450"), IDCARD_STEP_DONE);
	assert_string_equal(r.cid, "1101700203450");
}

/* Another card, a wrong number, odd answers: each refused with its fault. */
static void
test_idcard_apdu_refuses(void **state)
{
	struct idcard_apdu r;

	(void)state;
	idcard_apdu_start(&r, atr_68, sizeof(atr_68));
	assert_int_equal(idcard_apdu_answer(&r, SW(0x6A, 0x82)), IDCARD_STEP_FAILED);
	assert_int_equal(r.fault, IDCARD_FAULT_NOT_ID_CARD);
	assert_string_equal(r.why, "not a Thai ID card (SELECT answered 6A 82)");

	idcard_apdu_start(&r, atr_68, sizeof(atr_68));
	idcard_apdu_answer(&r, SW(0x61, 0x0A));
	idcard_apdu_answer(&r, SW(0x61, 0x0D));
	assert_int_equal(answer_digits(&r, "3100500123459"), IDCARD_STEP_FAILED);
	assert_int_equal(r.fault, IDCARD_FAULT_BAD_NUMBER);
	assert_int_equal(r.id_fault, THAI_ID_BAD_CHECK);
	assert_string_equal(r.cid, "");
	assert_null(strpbrk(r.why, "0123456789")); /* the line names no digit of it */

	idcard_apdu_start(&r, atr_68, sizeof(atr_68));
	assert_int_equal(idcard_apdu_answer(&r, (const uint8_t[]){0x61}, 1), IDCARD_STEP_FAILED);
	assert_int_equal(r.fault, IDCARD_FAULT_BAD_ANSWER);

	idcard_apdu_start(&r, atr_67, sizeof(atr_67));
	idcard_apdu_answer(&r, SW(0x61, 0x0A));
	idcard_apdu_answer(&r, SW(0x61, 0x0D));
	assert_int_equal(idcard_apdu_answer(&r, SW(0x6B, 0x00)), IDCARD_STEP_FAILED);
	assert_int_equal(r.fault, IDCARD_FAULT_BAD_ANSWER);

	idcard_apdu_start(&r, atr_68, sizeof(atr_68));
	assert_int_equal(idcard_apdu_io_failed(&r, "card removed"), IDCARD_STEP_FAILED);
	assert_int_equal(r.fault, IDCARD_FAULT_IO);
	assert_string_equal(idcard_fault_name(r.fault), "card not read");
}

/* A card that always asks for more is given at most three commands. */
static void
test_idcard_apdu_ends(void **state)
{
	struct idcard_apdu r;
	int sent = 1;

	(void)state;
	idcard_apdu_start(&r, atr_68, sizeof(atr_68));
	while (idcard_apdu_answer(&r, SW(0x61, 0x0D)) == IDCARD_STEP_SEND)
		assert_true(++sent <= 3);
	assert_int_equal(sent, 3);
	assert_int_equal(r.fault, IDCARD_FAULT_BAD_ANSWER);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_idcard_apdu_reads_cid),
	    cmocka_unit_test(test_idcard_apdu_digits_without_get_response),
	    cmocka_unit_test(test_idcard_apdu_refuses),
	    cmocka_unit_test(test_idcard_apdu_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
