/*
 * store_roles.h - least privilege on a PostgreSQL server: one NOLOGIN group
 * role per kind of program, granted exactly the tables and columns that
 * kind reads and writes (README "PostgreSQL roles and passwords"). The
 * office's PCs log in as roles of their own that are members of one group.
 *
 *   saduak_kiosk    issue, first contact, ratings, booking check-in
 *   saduak_counter  the officer's queue actions
 *   saduak_web      the counter's rights (the browser counter page makes
 *                   queue actions) plus making and cancelling bookings
 *   saduak_report   reads only: the monthly report, verify-log, status
 *
 * Every writer also expires earlier days' tickets and bookings
 * (store_expire_before(), the first step of each write), so each has the
 * right to change a ticket's and a booking's state columns; none may
 * change a ticket's number, code or token. The event table is INSERT only
 * for all of them: only the schema's owner (the admin) holds UPDATE and
 * DELETE, and the table's triggers refuse those to the owner too.
 */
#ifndef SADUAK_STORE_ROLES_H
#define SADUAK_STORE_ROLES_H

#include "error.h"

enum store_role {
	STORE_ROLE_KIOSK,
	STORE_ROLE_COUNTER,
	STORE_ROLE_WEB,
	STORE_ROLE_REPORT,
	STORE_ROLE_COUNT,
};

/* The group role of a kind: "saduak_kiosk". */
const char *store_role_name(enum store_role role);

/* The kind named "kiosk", "counter", "web" or "report": SQ_OK or SQ_ERR_NOTFOUND. */
int store_role_parse(const char *kind, enum store_role *out);

/* Told one line of what store_db_init() did, in order. */
typedef void store_say_fn(void *arg, const char *line);

/*
 * On the server `setting` names (a libpq URL or service=NAME), connected as
 * the admin who owns the schema: create the schema at this program's
 * version if the database is empty (as store_open() does), create the
 * group roles that do not exist and set each one's grants to exactly its
 * list, in one transaction under the office's write lock. When login is
 * not NULL, also make the role `login` (created LOGIN without a password
 * if it does not exist) a member of the group `login_role`. Running it
 * again changes nothing. SQ_ERR_INVALID for a SQLite setting or a bad
 * login name, else as store_open().
 */
int store_db_init(const char *setting, const char *login, enum store_role login_role,
                  store_say_fn *say, void *arg, struct sq_error *err);

#endif
