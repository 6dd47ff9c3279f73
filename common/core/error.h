/*
 * error.h - the one error convention of common/.
 *
 * Functions return an int: SQ_OK (0) on success or a negative enum sq_err
 * telling the kind of failure. Where the caller needs to know what went wrong
 * in words, the function also takes a struct sq_error, which it fills with
 * one lowercase line that names the subject ("unable to open '/x/queue.db':
 * permission denied"). A NULL struct sq_error is allowed everywhere and
 * means "the caller only wants the code". Library code never exits; main()
 * decides what a failure means.
 *
 * Thread-safe: no shared state.
 */
#ifndef SADUAK_ERROR_H
#define SADUAK_ERROR_H

enum sq_err {
	SQ_OK = 0,
	SQ_ERR_INVALID = -1,  /* bad input: config, argument, value out of range */
	SQ_ERR_NOMEM = -2,    /* an allocation failed */
	SQ_ERR_IO = -3,       /* a file, device or system call failed */
	SQ_ERR_DB = -4,       /* the database failed or is not ours */
	SQ_ERR_EMPTY = -5,    /* nothing to do: no ticket waiting */
	SQ_ERR_STATE = -6,    /* refused in the current state (on break, closed) */
	SQ_ERR_NOTFOUND = -7, /* no such ticket, service, counter */
	SQ_ERR_BUSY = -8,     /* the database stayed locked past the timeout */
	SQ_ERR_TIMEOUT = -9,  /* a device did not answer in time */
	SQ_ERR_CORRUPT = -10, /* integrity check failed: refuse to touch it */
	SQ_ERR_DENIED = -11,  /* the database role lacks a right: the admin must grant it */
};

struct sq_error {
	int code;
	char msg[512];
};

/*
 * Record a failure in err (if not NULL) and return code, so that a caller
 * can write `return sq_error_set(err, SQ_ERR_IO, "unable to open '%s'", p);`.
 */
int sq_error_set(struct sq_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Put context in front of the message already in err: "loading config:
 * unknown key". Returns err->code (SQ_OK if err is NULL).
 */
int sq_error_prefix(struct sq_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Clear err to SQ_OK and an empty message. */
void sq_error_clear(struct sq_error *err);

/* A short English name of the kind of failure: "database error". Static. */
const char *sq_strerror(int code);

#endif
