#include "config_secret.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Check the opened file's owner and mode; SQ_OK or a reason in err. */
static int
check_owner_mode(const char *path, int fd, struct sq_error *err)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return sq_error_set(err, SQ_ERR_IO, "unable to stat key file '%s': %s", path,
		                    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return sq_error_set(err, SQ_ERR_INVALID, "key file '%s' is not a regular file",
		                    path);
	if (st.st_mode & (S_IRWXG | S_IRWXO))
		return sq_error_set(
		    err, SQ_ERR_INVALID,
		    "key file '%s' is open to group or others (mode %04o): chmod 600 it", path,
		    (unsigned)(st.st_mode & 07777));
	if (st.st_uid != 0 && st.st_uid != geteuid())
		return sq_error_set(
		    err, SQ_ERR_INVALID,
		    "key file '%s' belongs to uid %u, neither root nor this user (%u)", path,
		    (unsigned)st.st_uid, (unsigned)geteuid());
	return SQ_OK;
}

int
config_secret_load(const char *path, uint8_t key[CONFIG_SECRET_MAX], size_t *len,
                   struct sq_error *err)
{
	uint8_t buf[CONFIG_SECRET_MAX + 1];
	size_t got = 0;
	int rc;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	*len = 0;
	if (fd < 0)
		return sq_error_set(err, SQ_ERR_IO, "unable to open key file '%s': %s", path,
		                    strerror(errno));
	rc = check_owner_mode(path, fd, err);
	/* One byte more than a key may hold tells a too-long file apart. */
	while (rc == SQ_OK && got < sizeof(buf)) {
		ssize_t n = read(fd, buf + got, sizeof(buf) - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = sq_error_set(err, SQ_ERR_IO, "unable to read key file '%s': %s", path,
			                  strerror(errno));
		else if (n == 0)
			break;
		else
			got += (size_t)n;
	}
	close(fd);
	if (rc == SQ_OK && (got < CONFIG_SECRET_MIN || got > CONFIG_SECRET_MAX))
		rc = sq_error_set(err, SQ_ERR_INVALID,
		                  "key file '%s' holds %s%zu bytes, a key is %d to %d "
		                  "(head -c 32 /dev/urandom)",
		                  path, got > CONFIG_SECRET_MAX ? "more than " : "",
		                  got > CONFIG_SECRET_MAX ? (size_t)CONFIG_SECRET_MAX : got,
		                  CONFIG_SECRET_MIN, CONFIG_SECRET_MAX);
	if (rc == SQ_OK) {
		memcpy(key, buf, got);
		*len = got;
	}
	explicit_bzero(buf, sizeof(buf));
	return rc;
}
