/*
 * log.h - one way to tell the operator what happened.
 *
 * Lines go to stderr, one line per call, which journald keeps. When stderr is
 * connected to the journal (JOURNAL_STREAM is set) each line starts with the
 * syslog priority prefix "<3>", "<4>", "<6>" or "<7>" so that journald files it
 * at the right level; otherwise it starts with "program: level: ". Never
 * writes to a file, so nothing grows without bound.
 *
 * Not thread-safe to reconfigure; log_* calls themselves only write(2).
 */
#ifndef SADUAK_LOG_H
#define SADUAK_LOG_H

#include <stdbool.h>

enum log_level { LOG_LEVEL_ERROR = 3, LOG_LEVEL_WARN = 4, LOG_LEVEL_INFO = 6, LOG_LEVEL_DEBUG = 7 };

/* Name the program in each line and choose the lowest level shown. */
void log_init(const char *program, enum log_level min_level);

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
