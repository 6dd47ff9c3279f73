#include "store_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event_hash.h"

/*
 * The event log's hash chain (event_hash.h): the hash of a row being
 * written, the migration that hashes an older log, and the check of the
 * whole chain. SQL only through store_sql_*(), so every engine runs it.
 *
 * The id is not hashed: the database assigns it after the row is written
 * (an engine's sequence may skip numbers), and the chain itself fixes each
 * row's place: a row removed, added or moved changes the hash of the row
 * after it.
 */

/* The hashed columns, in the order of the canonical bytes. */
#define HASHED_COLUMNS                                                                             \
	"ticket_id, at_ms, kind, day, service, counter, officer, rule, reason, score, detail"
enum { N_HASHED = 11 };

/* Which hashed columns hold text (the others integers). */
static const bool hashed_is_text[N_HASHED] = {false, false, true, false, true, false,
                                              true,  true,  true, false, true};

/* Rows read per statement by a walk of the chain (a year is ~10^6 rows). */
enum { CHAIN_CHUNK = 512 };

/* A NULL for 0, as store_sql_prepare()'s 'z' binds it. */
static struct event_field
opt_int(int64_t v)
{
	return v ? event_field_int(v) : event_field_null();
}

/* A NULL for NULL or "", as store_sql_prepare()'s 's' binds it. */
static struct event_field
opt_text(const char *v)
{
	return v && *v ? event_field_text(v) : event_field_null();
}

int
store_chain_hash(struct store *s, const struct event_row *e, char hex[EVENT_HASH_HEX_SIZE],
                 struct sq_error *err)
{
	/* The columns exactly as store_log_row() binds them. */
	const struct event_field fields[N_HASHED] = {
	    opt_int(e->ticket_id),
	    event_field_int(e->at_ms),
	    event_field_text(queue_event_name(e->kind)),
	    event_field_int(e->day),
	    opt_text(e->service),
	    opt_int(e->counter),
	    opt_text(e->officer),
	    opt_text(e->rule),
	    opt_text(e->reason),
	    opt_int(e->score),
	    e->detail ? event_field_text(e->detail) : event_field_null(),
	};
	uint8_t hash[EVENT_HASH_SIZE];

	if (!s->chain_tail_known) {
		sq_stmt *st =
		    store_sql_prepare(s, "SELECT hash FROM event ORDER BY id DESC LIMIT 1", "");
		int rc;

		if (!st)
			return store_sql_fail(s, err, "reading the log's last hash");
		rc = store_sql_step(st);
		store_chain_tail_keep(s, rc == SQ_ROW ? store_sql_col_text(st, 0) : NULL);
		store_sql_done(s, st);
		if (rc != SQ_ROW && rc != SQ_DONE) {
			s->chain_tail_known = false;
			return store_sql_fail(s, err, "reading the log's last hash");
		}
	}
	if (event_hash(s->chain_tail, fields, N_HASHED, hash) != 0)
		return sq_error_set(err, SQ_ERR_NOMEM, "unable to hash an event of the log");
	event_hash_to_hex(hash, hex);
	return SQ_OK;
}

void
store_chain_tail_keep(struct store *s, const char *hex)
{
	/*
	 * A last hash that is not one (edited by hand) is chained from as zeros:
	 * store_verify_log() names that row anyway, and the office keeps working.
	 */
	if (!hex || event_hash_from_hex(hex, s->chain_tail) != 0)
		memset(s->chain_tail, 0, sizeof(s->chain_tail));
	s->chain_tail_known = true;
}

/* One row of a walk of the chain, with the hash it should carry. */
struct chain_row {
	int64_t id;
	int64_t ticket_id;
	int64_t at_ms;
	char kind[24];
	char computed[EVENT_HASH_HEX_SIZE];
	bool matches; /* the hash stored is the computed one */
};

/*
 * What a walk does with each chunk of rows in id order: SQ_OK to go on,
 * CHAIN_STOP to stop, or an error.
 */
enum { CHAIN_STOP = 1 };
typedef int (*chain_visit_fn)(struct store *s, void *ctx, const struct chain_row *rows, size_t n,
                              struct sq_error *err);

/*
 * Recompute the chain over every event in id order, each row's hash from the
 * one computed for the row before it, handing the rows to visit a chunk at a
 * time (so that visit may write between the reads).
 */
static int
chain_walk(struct store *s, chain_visit_fn visit, void *ctx, struct sq_error *err)
{
	struct chain_row *rows = malloc(CHAIN_CHUNK * sizeof(*rows));
	uint8_t prev[EVENT_HASH_SIZE] = {0};
	int64_t after = 0;
	size_t n;
	int rc = rows ? SQ_OK : sq_error_set(err, SQ_ERR_NOMEM, "out of memory reading the log");

	while (rc == SQ_OK) {
		sq_stmt *st =
		    store_sql_prepare(s,
		                      "SELECT id, " HASHED_COLUMNS ", hash FROM event WHERE "
		                      "id > ? ORDER BY id LIMIT ?",
		                      "II", after, (int64_t)CHAIN_CHUNK);
		if (!st) {
			rc = store_sql_fail(s, err, "reading the log");
			break;
		}
		for (n = 0; n < CHAIN_CHUNK && (rc = store_sql_step(st)) == SQ_ROW; n++) {
			struct event_field fields[N_HASHED];
			struct chain_row *r = &rows[n];
			for (int i = 0; i < N_HASHED; i++)
				fields[i] = store_sql_col_null(st, 1 + i) ? event_field_null()
				            : hashed_is_text[i]
				                ? event_field_text(store_sql_col_text(st, 1 + i))
				                : event_field_int(store_sql_col_int(st, 1 + i));
			r->id = store_sql_col_int(st, 0);
			if (event_hash(prev, fields, N_HASHED, prev) != 0) {
				rc = SQ_ERR_NOMEM;
				break;
			}
			r->ticket_id = store_sql_col_int(st, 1);
			r->at_ms = store_sql_col_int(st, 2);
			store_copy_text(r->kind, sizeof(r->kind), store_sql_col_text(st, 3));
			event_hash_to_hex(prev, r->computed);
			r->matches = strcmp(store_sql_col_text(st, 12), r->computed) == 0;
		}
		store_sql_done(s, st);
		if (rc == SQ_ERR_NOMEM)
			rc = sq_error_set(err, SQ_ERR_NOMEM, "unable to hash event %lld of the log",
			                  (long long)rows[n].id);
		else if (rc != SQ_ROW && rc != SQ_DONE)
			rc = store_sql_fail(s, err, "reading the log");
		else if (n > 0)
			rc = visit(s, ctx, rows, n, err);
		else
			rc = SQ_OK;
		if (rc != SQ_OK || n < CHAIN_CHUNK)
			break;
		after = rows[n - 1].id;
	}
	free(rows);
	return rc == CHAIN_STOP ? SQ_OK : rc;
}

/* Store each row's computed hash (the migration). */
static int
fill_hashes(struct store *s, void *ctx, const struct chain_row *rows, size_t n,
            struct sq_error *err)
{
	int rc = SQ_OK;

	(void)ctx;
	for (size_t i = 0; i < n && rc == SQ_OK; i++)
		rc = store_sql_run(s,
		                   store_sql_prepare(s, "UPDATE event SET hash = ? WHERE id = ?",
		                                     "SI", rows[i].computed, rows[i].id),
		                   err, "hashing the log");
	return rc;
}

/*
 * The migration that adds the chain: a hash column, filled in id order for
 * the rows already there (the update trigger is lifted meanwhile, inside
 * the migration's transaction), and a trigger that refuses a row without
 * one.
 */
int
store_chain_migrate(struct store *s, struct sq_error *err)
{
	int rc = store_sql_exec(s,
	                        "DROP TRIGGER event_no_update;"
	                        "ALTER TABLE event ADD COLUMN hash TEXT;",
	                        err, "adding the log's hash column");

	if (rc == SQ_OK)
		rc = chain_walk(s, fill_hashes, NULL, err);
	if (rc == SQ_OK)
		rc = store_sql_exec(
		    s,
		    "CREATE TRIGGER event_no_update BEFORE UPDATE ON event"
		    "  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;"
		    "CREATE TRIGGER event_hash_required BEFORE INSERT ON event WHEN NEW.hash IS "
		    "NULL"
		    "  BEGIN SELECT RAISE(ABORT, 'an event of the log needs its hash'); END;",
		    err, "restoring the log's triggers");
	return rc;
}

/* What store_verify_log() carries through its walk. */
struct verify_ctx {
	struct store_log_check *out;
	char anchor[EVENT_HASH_HEX_SIZE]; /* lowercase, "" for none */
	int64_t last_id;                  /* of the last row that matched, 0 before the first */
};

/* Compare each row's stored hash with the computed one (store_verify_log). */
static int
check_hashes(struct store *s, void *ctx, const struct chain_row *rows, size_t n,
             struct sq_error *err)
{
	struct verify_ctx *v = ctx;
	struct store_log_check *out = v->out;

	(void)s;
	(void)err;
	for (size_t i = 0; i < n; i++) {
		const struct chain_row *r = &rows[i];
		out->events++;
		if (!r->matches) {
			out->broken = true;
			out->bad_id = r->id;
			out->bad_ticket_id = r->ticket_id;
			out->bad_at_ms = r->at_ms;
			store_copy_text(out->bad_kind, sizeof(out->bad_kind), r->kind);
			if (r->id > v->last_id + 1) {
				out->missing_first = v->last_id + 1;
				out->missing_last = r->id - 1;
			}
			return CHAIN_STOP;
		}
		v->last_id = r->id;
		memcpy(out->last_hash, r->computed, sizeof(out->last_hash));
		if (v->anchor[0] && strcmp(v->anchor, r->computed) == 0)
			out->anchor_found = true;
	}
	return SQ_OK;
}

int
store_verify_log(struct store *s, const char *anchor, struct store_log_check *out,
                 struct sq_error *err)
{
	struct verify_ctx v = {.out = out};
	int rc;

	memset(out, 0, sizeof(*out));
	if (anchor) {
		uint8_t bytes[EVENT_HASH_SIZE];
		if (event_hash_from_hex(anchor, bytes) != 0)
			return sq_error_set(err, SQ_ERR_INVALID,
			                    "'%s' is not a hash of the log (64 hex digits)",
			                    anchor);
		event_hash_to_hex(bytes, v.anchor); /* lowercase, as stored */
	}
	rc = chain_walk(s, check_hashes, &v, err);
	if (rc == SQ_OK && out->broken && out->bad_ticket_id) {
		struct store_ticket t;
		struct sq_error ignored = {0};
		/* The code only helps find the row: a ticket row edited away is no error here. */
		if (store_ticket_by_id(s, out->bad_ticket_id, &t, &ignored) == SQ_OK)
			store_copy_text(out->bad_code, sizeof(out->bad_code), t.code);
	}
	return rc;
}
