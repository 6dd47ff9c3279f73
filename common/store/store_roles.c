/*
 * store_roles.c - the group roles of a PostgreSQL office and their grants
 * (store_roles.h). The grants are one table of data: the SQL and the lines
 * db-init prints are both made from it.
 */
#include "store_roles.h"

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "store_engine.h"

#define KIOSK   (1u << STORE_ROLE_KIOSK)
#define COUNTER (1u << STORE_ROLE_COUNTER)
#define WEB     (1u << STORE_ROLE_WEB)
#define REPORT  (1u << STORE_ROLE_REPORT)
#define WRITERS (KIOSK | COUNTER | WEB)

static const char *const role_names[STORE_ROLE_COUNT] = {"saduak_kiosk", "saduak_counter",
                                                         "saduak_web", "saduak_report"};
static const char *const role_kinds[STORE_ROLE_COUNT] = {"kiosk", "counter", "web", "report"};

/* Every table of the schema (store_open.c): what each grant is reset over. */
#define ALL_TABLES "ticket, event, counter_state, booking, meta"

/*
 * Who may do what. The identity columns' sequences need no grant: an
 * INSERT draws their default without checking the sequence's rights.
 */
static const struct grant {
	unsigned roles;
	const char *what; /* the privilege, with its columns */
	const char *on;   /* the tables */
} grants[] = {
    /* Everyone reads the log: queues, boards, status, the report. */
    {WRITERS | REPORT, "SELECT", ALL_TABLES},
    /* The log is appended to, never changed. */
    {WRITERS, "INSERT", "event"},
    /* Issue and check-in: new tickets. */
    {KIOSK, "INSERT", "ticket"},
    /* Queue actions, and every writer's expiry of earlier days' tickets. */
    {WRITERS, "UPDATE (state, state_ms, service, counter, officer, called_ms)", "ticket"},
    /* A counter's officer, break and current ticket. */
    {COUNTER | WEB, "INSERT, UPDATE", "counter_state"},
    /* Check-in, cancelling, and every writer's expiry of earlier days' bookings. */
    {WRITERS, "UPDATE (state, state_ms, ticket_id, note)", "booking"},
    /* Booking on saduak-web. */
    {WEB, "INSERT", "booking"},
};

const char *
store_role_name(enum store_role role)
{
	return role_names[role];
}

int
store_role_parse(const char *kind, enum store_role *out)
{
	for (int r = 0; r < STORE_ROLE_COUNT; r++)
		if (strcmp(kind, role_kinds[r]) == 0) {
			*out = (enum store_role)r;
			return SQ_OK;
		}
	return SQ_ERR_NOTFOUND;
}

/* A login name db-init may put in SQL unquoted: lower-case letters, digits, '_'. */
static bool
plain_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 63 || !strchr("abcdefghijklmnopqrstuvwxyz_", name[0]))
		return false;
	return strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* Run the statement the caller wrote into sql (its size); too long is an error. */
static int
exec_built(struct store *s, const char *sql, int len, size_t size, struct sq_error *err,
           const char *what)
{
	if (len < 0 || (size_t)len >= size)
		return sq_error_set(err, SQ_ERR_INVALID, "statement too long while %s", what);
	return store_sql_exec(s, sql, err, what);
}

/* Whether role exists on the server. */
static int
role_exists(struct store *s, const char *role, bool *out, struct sq_error *err)
{
	int64_t n = 0;
	int rc = store_sql_int(
	    s,
	    store_sql_prepare(s, "SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = ?", "S",
	                      role),
	    &n, err, "looking up a role");

	*out = n > 0;
	return rc;
}

/* What db-init did, told once it is committed. */
struct report {
	char lines[STORE_ROLE_COUNT + 2][768];
	int n;
};

/*
 * Create the group role r if missing, and set its grants to exactly its
 * list; the line of what it did goes to out.
 */
static int
set_group(struct store *s, enum store_role r, char *out, size_t size, struct sq_error *err)
{
	const char *name = role_names[r];
	bool exists = false;
	int rc = role_exists(s, name, &exists, err);

	char sql[256];

	if (rc == SQ_OK && !exists)
		rc = exec_built(s, sql, snprintf(sql, sizeof(sql), "CREATE ROLE %s NOLOGIN", name),
		                sizeof(sql), err, "creating a role");
	/* Revoking the table's rights revokes its columns' too: what stays is the list. */
	if (rc == SQ_OK)
		rc = exec_built(
		    s, sql,
		    snprintf(sql, sizeof(sql), "REVOKE ALL ON " ALL_TABLES " FROM %s", name),
		    sizeof(sql), err, "revoking rights");
	size_t len =
	    (size_t)snprintf(out, size, "role %s: %s, grants", name, exists ? "exists" : "created");
	const char *sep = ":";
	for (size_t i = 0; i < sizeof(grants) / sizeof(grants[0]) && rc == SQ_OK; i++) {
		if (!(grants[i].roles & (1u << r)))
			continue;
		rc = exec_built(s, sql,
		                snprintf(sql, sizeof(sql), "GRANT %s ON %s TO %s", grants[i].what,
		                         grants[i].on, name),
		                sizeof(sql), err, "granting rights");
		if (len < size)
			len += (size_t)snprintf(out + len, size - len, "%s %s on %s", sep,
			                        grants[i].what, grants[i].on);
		sep = ";";
	}
	return rc;
}

/* Make login a member of group, creating it LOGIN (no password) if missing. */
static int
set_login(struct store *s, const char *login, const char *group, char *out, size_t size,
          struct sq_error *err)
{
	bool exists = false;
	char sql[256];
	int rc = role_exists(s, login, &exists, err);

	if (rc == SQ_OK && exists)
		rc = exec_built(s, sql, snprintf(sql, sizeof(sql), "GRANT %s TO %s", group, login),
		                sizeof(sql), err, "granting a role");
	else if (rc == SQ_OK)
		rc = exec_built(
		    s, sql,
		    snprintf(sql, sizeof(sql), "CREATE ROLE %s LOGIN IN ROLE %s", login, group),
		    sizeof(sql), err, "creating a login role");
	snprintf(out, size, "login role %s: %s, member of %s", login, exists ? "exists" : "created",
	         group);
	return rc;
}

/* The roles and grants, in one transaction under the write lock (db-init runs do not race). */
static int
set_roles(struct store *s, const char *login, enum store_role login_role, struct report *rep,
          struct sq_error *err)
{
	int rc = store_sql_begin(s, err);

	if (rc != SQ_OK)
		return rc;
	for (int r = 0; r < STORE_ROLE_COUNT && rc == SQ_OK; r++)
		rc = set_group(s, (enum store_role)r, rep->lines[rep->n++], sizeof(rep->lines[0]),
		               err);
	if (rc == SQ_OK && login)
		rc = set_login(s, login, role_names[login_role], rep->lines[rep->n++],
		               sizeof(rep->lines[0]), err);
	return store_sql_end(s, rc, err);
}

int
store_db_init(const char *setting, const char *login, enum store_role login_role, store_say_fn *say,
              void *arg, struct sq_error *err)
{
	struct report rep = {0};
	struct store *s = NULL;

	if (!config_database_is_server(setting))
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "'%s' is not a PostgreSQL server (a postgresql:// URL or "
		                    "service=NAME): a SQLite file has no roles",
		                    setting);
	if (login && !plain_name(login))
		return sq_error_set(
		    err, SQ_ERR_INVALID,
		    "login role '%s': use 1 to 63 lower-case letters, digits or '_', "
		    "not starting with a digit",
		    login);
	/*
	 * Empty (SQ_ERR_NOTFOUND) or older (SQ_ERR_STATE): store_open() creates
	 * or updates the schema, as any program with the owner's rights would.
	 */
	int rc = store_verify_server(setting, err);
	bool created = rc == SQ_ERR_NOTFOUND, updated = rc == SQ_ERR_STATE;

	if (rc != SQ_OK && !created && !updated)
		return rc;
	sq_error_clear(err);
	if ((rc = store_open(setting, &s, err)) != SQ_OK)
		return rc;
	snprintf(rep.lines[rep.n++], sizeof(rep.lines[0]), "schema: %s version %d",
	         created   ? "created at"
	         : updated ? "brought up to"
	                   : "already at",
	         STORE_SCHEMA_VERSION);
	rc = set_roles(s, login, login_role, &rep, err);
	store_close(s);
	for (int i = 0; i < rep.n && rc == SQ_OK; i++)
		say(arg, rep.lines[i]);
	return rc;
}
