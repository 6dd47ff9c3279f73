/* Tests of loading a secret key file (config_secret.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_secret.h"

/* A folder of its own per run; its key file's path. */
struct fixture {
	char dir[64];
	char path[96];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_config_secret.XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/id-hash.key", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Write n bytes of 0..n-1 at path with mode. */
static void
write_key(const char *path, size_t n, mode_t mode)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(fputc((int)(i & 0xFF), fp), (int)(i & 0xFF));
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* A 32-byte file of mode 0600 or 0400 is the key, byte for byte. */
static void
test_config_secret_loads(void **state)
{
	struct fixture *f = *state;
	uint8_t key[CONFIG_SECRET_MAX];
	size_t len = 99;
	struct sq_error err = {0};

	write_key(f->path, 32, 0600);
	assert_int_equal(config_secret_load(f->path, key, &len, &err), SQ_OK);
	assert_int_equal(len, 32);
	for (size_t i = 0; i < len; i++)
		assert_int_equal(key[i], i);
	assert_int_equal(chmod(f->path, 0400), 0);
	assert_int_equal(config_secret_load(f->path, key, &len, &err), SQ_OK);
	assert_int_equal(len, 32);
}

/* Any group or other bit is refused with one line naming the file and the fix. */
static void
test_config_secret_refuses_open_mode(void **state)
{
	static const mode_t modes[] = {0640, 0604, 0620, 0602, 0610, 0644};
	struct fixture *f = *state;
	uint8_t key[CONFIG_SECRET_MAX];
	size_t len = 99;

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		struct sq_error err = {0};
		char want[160];

		unlink(f->path);
		write_key(f->path, 32, modes[i]);
		assert_int_equal(config_secret_load(f->path, key, &len, &err), SQ_ERR_INVALID);
		assert_int_equal(len, 0);
		snprintf(want, sizeof(want),
		         "key file '%s' is open to group or others (mode %04o): chmod 600 it",
		         f->path, (unsigned)modes[i]);
		assert_string_equal(err.msg, want);
	}
}

/* Too short, too long, missing, not a file: each refused. */
static void
test_config_secret_refuses_bad_files(void **state)
{
	struct fixture *f = *state;
	uint8_t key[CONFIG_SECRET_MAX];
	size_t len = 99;
	struct sq_error err = {0};

	assert_int_equal(config_secret_load(f->path, key, &len, &err), SQ_ERR_IO);
	assert_non_null(strstr(err.msg, "unable to open key file"));
	write_key(f->path, CONFIG_SECRET_MIN - 1, 0600);
	assert_int_equal(config_secret_load(f->path, key, &len, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "holds 15 bytes, a key is 16 to 256"));
	unlink(f->path);
	write_key(f->path, CONFIG_SECRET_MAX + 1, 0600);
	assert_int_equal(config_secret_load(f->path, key, &len, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "holds more than 256 bytes"));
	unlink(f->path);
	write_key(f->path, CONFIG_SECRET_MAX, 0600);
	assert_int_equal(config_secret_load(f->path, key, &len, &err), SQ_OK);
	assert_int_equal(len, CONFIG_SECRET_MAX);
	assert_int_equal(chmod(f->dir, 0700), 0);
	assert_int_equal(config_secret_load(f->dir, key, &len, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "is not a regular file"));
}

/* A file another user owns could be swapped by them: refused (needs root to set up). */
static void
test_config_secret_refuses_other_owner(void **state)
{
	struct fixture *f = *state;
	uint8_t key[CONFIG_SECRET_MAX];
	size_t len = 99;
	struct sq_error err = {0};

	if (geteuid() != 0)
		skip();
	write_key(f->path, 32, 0600);
	assert_int_equal(chown(f->path, 4242, 4242), 0);
	/* root reads it anyway: the owner is what is refused. */
	assert_int_equal(config_secret_load(f->path, key, &len, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "belongs to uid 4242"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_config_secret_loads, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_config_secret_refuses_open_mode, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_config_secret_refuses_bad_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_config_secret_refuses_other_owner, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
