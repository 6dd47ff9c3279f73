/* Tests of the ID card poller without pcscd (idcard.c); with it: tests/e2e/idcard.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "idcard.h"

/* No pcscd: the first poll says the reader is gone, once; later polls are quiet. */
static void
test_idcard_no_pcscd_is_a_state(void **state)
{
	struct idcard *ic = NULL;
	struct idcard_event ev;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(idcard_open(NULL, &ic, &err), SQ_OK);
	assert_int_equal(idcard_poll(ic, &ev), IDCARD_EVENT_READER_GONE);
	assert_int_equal(ev.kind, IDCARD_EVENT_READER_GONE);
	assert_non_null(strstr(ev.why, "pcscd is not running"));
	for (int i = 0; i < 3; i++) {
		assert_int_equal(idcard_poll(ic, &ev), IDCARD_EVENT_NONE);
		assert_string_equal(ev.why, "");
	}
	idcard_close(ic);
	idcard_close(NULL);
}

/* A reader name that cannot be one is refused at open, with nothing allocated. */
static void
test_idcard_open_refuses_long_name(void **state)
{
	char name[IDCARD_READER_MAX + 1];
	struct idcard *ic = (struct idcard *)name;
	struct sq_error err = {0};

	(void)state;
	memset(name, 'R', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(idcard_open(name, &ic, &err), SQ_ERR_INVALID);
	assert_null(ic);
	assert_string_equal(err.msg, "card reader name longer than 127 bytes");
	assert_string_equal(idcard_event_name(IDCARD_EVENT_REMOVED), "card removed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_idcard_no_pcscd_is_a_state),
	    cmocka_unit_test(test_idcard_open_refuses_long_name),
	};

	/* pcsc-lite's client looks for pcscd there: a socket no pcscd serves. */
	setenv("PCSCLITE_CSOCK_NAME", "/nonexistent/saduak-test/pcscd.comm", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
