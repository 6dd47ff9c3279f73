/*
 * libFuzzer target for the Thai ID card conversation (idcard_apdu.c): the
 * input is a card. Its first byte is the length of its ATR, taken from the
 * bytes after it; then each answer is a length byte and that many bytes.
 * Whatever the card answers, the reader sends at most three commands, each
 * within its buffer, and ends DONE with a valid citizen ID or FAILED with a
 * reason; an answer after the end is refused.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "idcard_apdu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size};
	char atr[34], resp[256];
	size_t atr_len = fuzz_bytes(&in, atr, 33);
	struct idcard_apdu r;
	enum idcard_step step = idcard_apdu_start(&r, (const uint8_t *)atr, atr_len);
	int sent = 0;

	while (step == IDCARD_STEP_SEND) {
		if (++sent > 3 || r.cmd_len == 0 || r.cmd_len > IDCARD_APDU_CMD_MAX)
			abort();
		size_t n = fuzz_bytes(&in, resp, 255);
		step = idcard_apdu_answer(&r, (const uint8_t *)resp, n);
	}
	if (step == IDCARD_STEP_DONE && thai_id_parse(r.cid, strlen(r.cid), NULL) != THAI_ID_OK)
		abort();
	if (step == IDCARD_STEP_FAILED && (r.why[0] == '\0' || r.cid[0] != '\0'))
		abort();
	if (idcard_apdu_answer(&r, (const uint8_t *)"\x90\x00", 2) != IDCARD_STEP_FAILED)
		abort();
	return 0;
}
