/*
 * store_migrate.c - moving an office's log into an empty database on a
 * PostgreSQL server (store_migrate() in store.h): every row of every table
 * copied as it is, ids and hashes included, through store_sql_*() on both
 * sides, so any engine can be read.
 *
 * The target's schema, triggers and all, is the one store_open() made: the
 * rows are plain INSERTs with their ids, which the append-only triggers
 * allow (they refuse UPDATE, DELETE and a row without its hash), so nothing
 * of the target is lifted even for the copy.
 */
#include "store_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows read per source statement: memory stays flat whatever the log's length. */
enum { COPY_CHUNK = 1024 };

/* Rows written per INSERT (a round trip to the server each): COPY_CHUNK is a multiple. */
#define BATCH_ROWS   64
#define ROWS_2(row)  row ", " row
#define ROWS_64(row) ROWS_2(ROWS_2(ROWS_2(ROWS_2(ROWS_2(ROWS_2(row))))))

/* The most columns of one table below. */
enum { MAX_COLUMNS = 16 };

/*
 * A table copied whole: its rows after a key (its first column), in key
 * order, a chunk at a time; the insert of one row and of BATCH_ROWS rows;
 * the columns' types, 'I' integer or 'S' text. Each table comes before
 * those that refer to it.
 */
struct table_copy {
	const char *name;
	const char *select;
	const char *insert;
	const char *insert_batch;
	const char *types;
};

#define TABLE(table, key, columns, values, types_, conflict)                                       \
	{                                                                                          \
		.name = #table,                                                                    \
		.select = "SELECT " columns " FROM " #table " WHERE " key " > ? ORDER BY " key     \
		          " LIMIT ?",                                                              \
		.insert = "INSERT INTO " #table " (" columns ") VALUES (" values ")" conflict,     \
		.insert_batch = "INSERT INTO " #table " (" columns                                 \
		                ") VALUES " ROWS_64("(" values ")") conflict,                      \
		.types = types_,                                                                   \
	}

static const struct table_copy tables[] = {
    TABLE(ticket, "id",
          "id, day, prefix, number, code, service, priority, issued_ms, state, state_ms, "
          "counter, officer, called_ms, token, booked",
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", "IISISSSISIISISI", ""),
    TABLE(booking, "id",
          "id, code, service, day, slot_minute, state, made_ms, state_ms, id_hash, note, "
          "ticket_id",
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", "ISSIISIISSI", ""),
    TABLE(counter_state, "counter",
          "counter, officer, status, reason, since_ms, priority_streak, ticket_id, "
          "booking_streak",
          "?, ?, ?, ?, ?, ?, ?, ?", "ISSSIIII", ""),
    TABLE(event, "id",
          "id, ticket_id, at_ms, kind, day, service, counter, officer, rule, reason, score, "
          "detail, hash",
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", "IIISISISSSISS", ""),
    /* The target's own application id and schema version stay. */
    TABLE(meta, "key", "key, value", "?, ?", "SI", " ON CONFLICT (key) DO NOTHING"),
};
enum { N_TABLES = sizeof(tables) / sizeof(tables[0]) };

/*
 * The identity sequences of the target, set past the highest id copied so
 * that the next ticket, event or booking continues the numbering. The
 * target is PostgreSQL (checked first), hence its functions.
 */
#define CONTINUE_IDS(table)                                                                        \
	"SELECT setval(pg_get_serial_sequence('" table "', 'id'), coalesce(max(id), 0) + 1, "      \
	"false) FROM " table
static const char *const sequences[] = {
    CONTINUE_IDS("ticket"),
    CONTINUE_IDS("event"),
    CONTINUE_IDS("booking"),
};
#undef CONTINUE_IDS

/* Rows read and not yet written: their values, texts copied (a source row's end with its step). */
struct row_batch {
	const struct table_copy *t;
	int columns;
	size_t n;
	struct sq_value values[BATCH_ROWS * MAX_COLUMNS];
};

static void
batch_clear(struct row_batch *b)
{
	/* Texts left NULL: a row cut short by a failed copy frees only what it holds. */
	for (size_t i = 0; i < b->n * (size_t)b->columns; i++) {
		free((char *)b->values[i].text);
		b->values[i].text = NULL;
	}
	b->n = 0;
}

/* Add the current row of st; SQ_ERR_NOMEM. */
static int
batch_add(struct row_batch *b, sq_stmt *st, struct sq_error *err)
{
	struct sq_value *row = &b->values[b->n * (size_t)b->columns];

	for (int c = 0; c < b->columns; c++) {
		row[c].null = store_sql_col_null(st, c);
		row[c].i = store_sql_col_int(st, c);
		if (b->t->types[c] == 'S' && !row[c].null &&
		    !(row[c].text = strdup(store_sql_col_text(st, c)))) {
			b->n++; /* freed with the rest */
			return sq_error_set(err, SQ_ERR_NOMEM, "out of memory copying the table %s",
			                    b->t->name);
		}
	}
	b->n++;
	return SQ_OK;
}

/* Write the rows of b: one INSERT of a full batch, else one per row. */
static int
batch_write(struct store *dst, struct row_batch *b, struct sq_error *err)
{
	char what[64];
	int rc = SQ_OK;

	snprintf(what, sizeof(what), "copying the table %s", b->t->name);
	if (b->n == BATCH_ROWS) {
		char types[BATCH_ROWS * MAX_COLUMNS + 1];
		for (size_t r = 0; r < BATCH_ROWS; r++)
			memcpy(types + r * (size_t)b->columns, b->t->types, (size_t)b->columns);
		types[BATCH_ROWS * b->columns] = '\0';
		rc = store_sql_run(
		    dst, store_sql_prepare_values(dst, b->t->insert_batch, types, b->values), err,
		    what);
	} else {
		for (size_t r = 0; r < b->n && rc == SQ_OK; r++)
			rc = store_sql_run(
			    dst,
			    store_sql_prepare_values(dst, b->t->insert, b->t->types,
			                             &b->values[r * (size_t)b->columns]),
			    err, what);
	}
	batch_clear(b);
	return rc;
}

/* The key of the last row copied, to read the rows after it. */
struct copy_key {
	int64_t i;
	char text[256];
};

/* Copy one chunk of b's table after *key; *n rows copied, *key moved to the last. */
static int
copy_chunk(struct store *src, struct store *dst, struct row_batch *b, struct copy_key *key,
           size_t *n, struct sq_error *err)
{
	const struct sq_value params[2] = {{.i = key->i, .text = key->text}, {.i = COPY_CHUNK}};
	const char key_type[3] = {b->t->types[0], 'I', '\0'};
	sq_stmt *st = store_sql_prepare_values(src, b->t->select, key_type, params);

	bool failed = false;
	int rc;

	*n = 0;
	if (!st)
		return store_sql_fail(src, err, "reading the log");
	while ((rc = store_sql_step(st)) == SQ_ROW) {
		key->i = store_sql_col_int(st, 0);
		store_copy_text(key->text, sizeof(key->text), store_sql_col_text(st, 0));
		failed = (rc = batch_add(b, st, err)) != SQ_OK ||
		         (b->n == BATCH_ROWS && (rc = batch_write(dst, b, err)) != SQ_OK);
		if (failed)
			break;
		(*n)++;
	}
	if (!failed && rc != SQ_DONE)
		rc = store_sql_fail(src, err, "reading the log");
	store_sql_done(src, st);
	if (rc != SQ_DONE) {
		batch_clear(b);
		return rc;
	}
	return batch_write(dst, b, err);
}

/* Copy every row of t; *copied rows. */
static int
copy_table(struct store *src, struct store *dst, const struct table_copy *t, int64_t *copied,
           struct sq_error *err)
{
	struct copy_key key = {.i = INT64_MIN, .text = ""};
	struct row_batch *b = calloc(1, sizeof(*b));
	size_t n = COPY_CHUNK;
	int rc = SQ_OK;

	*copied = 0;
	if (!b)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory copying the table %s",
		                    t->name);
	b->t = t;
	b->columns = (int)strlen(t->types);
	while (rc == SQ_OK && n == COPY_CHUNK) {
		rc = copy_chunk(src, dst, b, &key, &n, err);
		*copied += (int64_t)n;
	}
	free(b);
	return rc;
}

/* SQ_ERR_INVALID unless dst holds no ticket, booking, counter or event. */
static int
check_empty(struct store *dst, struct sq_error *err)
{
	int64_t rows = 0;
	int rc = store_sql_int(dst,
	                       store_sql_prepare(dst,
	                                         "SELECT (SELECT count(*) FROM ticket) + (SELECT "
	                                         "count(*) FROM event) + (SELECT count(*) FROM "
	                                         "booking) + (SELECT count(*) FROM counter_state)",
	                                         ""),
	                       &rows, err, "looking for rows in the target");

	if (rc == SQ_OK && rows > 0)
		rc =
		    sq_error_set(err, SQ_ERR_INVALID,
		                 "database '%s' already holds a log (%lld rows of tickets, events, "
		                 "bookings and counters): migrate only into an empty database",
		                 dst->shown, (long long)rows);
	return rc;
}

/* Inside dst's write transaction: copy every table, then continue the numbering. */
static int
copy_all(struct store *src, struct store *dst, struct store_migrate_result *out,
         struct sq_error *err)
{
	int rc = check_empty(dst, err);

	for (int i = 0; i < N_TABLES && rc == SQ_OK; i++) {
		int64_t copied = 0;
		rc = copy_table(src, dst, &tables[i], &copied, err);
		if (strcmp(tables[i].name, "ticket") == 0)
			out->tickets = copied;
		else if (strcmp(tables[i].name, "event") == 0)
			out->events = copied;
		else if (strcmp(tables[i].name, "booking") == 0)
			out->bookings = copied;
	}
	for (size_t i = 0; i < sizeof(sequences) / sizeof(sequences[0]) && rc == SQ_OK; i++)
		rc = store_sql_run(dst, store_sql_prepare(dst, sequences[i], ""), err,
		                   "continuing the numbering");
	return rc;
}

/* The copy's chain, read back before the commit, is the source's. */
static int
check_copy(struct store *dst, const struct store_migrate_result *out, struct sq_error *err)
{
	struct store_log_check copy;
	int rc = store_verify_log(dst, NULL, &copy, err);

	if (rc == SQ_OK && (copy.broken || copy.events != out->source.events ||
	                    strcmp(copy.last_hash, out->source.last_hash) != 0))
		rc = sq_error_set(
		    err, SQ_ERR_DB,
		    "database '%s': the copy's chain (%lld events, last hash %s) is not "
		    "the source's: nothing copied",
		    dst->shown, (long long)copy.events, copy.events ? copy.last_hash : "none");
	return rc;
}

/* Open the target to (a server: store_migrate checked), then copy into it in one write. */
static int
copy_into(struct store *src, const char *to, struct store_migrate_result *out, struct sq_error *err)
{
	struct store *dst = NULL;
	int rc = store_open(to, &dst, err);

	if (rc == SQ_OK && (rc = store_sql_begin(dst, err)) == SQ_OK) {
		rc = copy_all(src, dst, out, err);
		if (rc == SQ_OK)
			rc = check_copy(dst, out, err);
		rc = store_sql_end(dst, rc, err);
	}
	store_close(dst);
	return rc;
}

int
store_migrate(struct store *src, const char *to, struct store_migrate_result *out,
              struct sq_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (!config_database_is_server(to))
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "--to '%s' is not a PostgreSQL database: give "
		                    "postgresql://USER@HOST/DB, postgres://... or service=NAME",
		                    to);
	/* One snapshot of the source: what is checked is what is copied. */
	if ((rc = store_sql_begin_read(src, err)) != SQ_OK)
		return rc;
	rc = store_verify_log(src, NULL, &out->source, err);
	if (rc == SQ_OK && out->source.broken)
		rc =
		    sq_error_set(err, SQ_ERR_STATE,
		                 "database '%s': its log's hash chain does not match (event %lld): "
		                 "not migrated",
		                 src->shown, (long long)out->source.bad_id);
	/* The target is opened (its schema made) only for a source that is whole. */
	if (rc == SQ_OK)
		rc = copy_into(src, to, out, err);
	/* The read only ends: its own failure cannot undo the copy. */
	struct sq_error ignored = {0};
	store_sql_end(src, SQ_ERR_INVALID, &ignored);
	if (rc == SQ_OK)
		memcpy(out->last_hash, out->source.last_hash, sizeof(out->last_hash));
	return rc;
}
