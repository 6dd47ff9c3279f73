#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
sq_error_set(struct sq_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

int
sq_error_prefix(struct sq_error *err, const char *fmt, ...)
{
	char prefix[256];
	char old[sizeof(err->msg)];
	va_list ap;

	if (!err)
		return SQ_OK;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	/* Too long a message keeps its start: the context is what matters. */
	if (snprintf(err->msg, sizeof(err->msg), "%s: %s", prefix, old) >= (int)sizeof(err->msg))
		err->msg[sizeof(err->msg) - 1] = '\0';
	return err->code;
}

void
sq_error_clear(struct sq_error *err)
{
	if (!err)
		return;
	err->code = SQ_OK;
	err->msg[0] = '\0';
}

const char *
sq_strerror(int code)
{
	static const char *const names[] = {
	    [0] = "ok",
	    [-SQ_ERR_INVALID] = "invalid input",
	    [-SQ_ERR_NOMEM] = "out of memory",
	    [-SQ_ERR_IO] = "input/output error",
	    [-SQ_ERR_DB] = "database error",
	    [-SQ_ERR_EMPTY] = "queue empty",
	    [-SQ_ERR_STATE] = "not allowed now",
	    [-SQ_ERR_NOTFOUND] = "not found",
	    [-SQ_ERR_BUSY] = "database busy",
	    [-SQ_ERR_TIMEOUT] = "timed out",
	    [-SQ_ERR_CORRUPT] = "database corrupt",
	    [-SQ_ERR_DENIED] = "the database role lacks a right",
	};

	if (code > 0 || -code >= (int)(sizeof(names) / sizeof(names[0])))
		return "unknown error";
	return names[-code];
}
