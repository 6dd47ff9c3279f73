/*
 * Tests of cli.c's exit codes: every kind of failure of error.h maps to the
 * status README's table gives it; a database role lacking a right is
 * "database unavailable" (4), as scripts expect, while it has a name of its
 * own for the screens.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli.h"

static void
test_cli_exit_code_of_each_failure(void **state)
{
	static const struct {
		int code, exit;
	} want[] = {
	    {SQ_OK, CLI_EXIT_OK},
	    {SQ_ERR_INVALID, CLI_EXIT_USAGE},
	    {SQ_ERR_NOTFOUND, CLI_EXIT_USAGE},
	    {SQ_ERR_EMPTY, CLI_EXIT_EMPTY},
	    {SQ_ERR_STATE, CLI_EXIT_REFUSED},
	    {SQ_ERR_NOMEM, CLI_EXIT_UNAVAILABLE},
	    {SQ_ERR_IO, CLI_EXIT_UNAVAILABLE},
	    {SQ_ERR_DB, CLI_EXIT_UNAVAILABLE},
	    {SQ_ERR_BUSY, CLI_EXIT_UNAVAILABLE},
	    {SQ_ERR_TIMEOUT, CLI_EXIT_UNAVAILABLE},
	    {SQ_ERR_CORRUPT, CLI_EXIT_UNAVAILABLE},
	    {SQ_ERR_DENIED, CLI_EXIT_UNAVAILABLE},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(cli_exit_code(want[i].code), want[i].exit);
}

static void
test_cli_denied_has_its_own_name(void **state)
{
	(void)state;
	assert_string_not_equal(sq_strerror(SQ_ERR_DENIED), sq_strerror(SQ_ERR_DB));
	assert_string_not_equal(sq_strerror(SQ_ERR_DENIED), "unknown error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cli_exit_code_of_each_failure),
	    cmocka_unit_test(test_cli_denied_has_its_own_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
