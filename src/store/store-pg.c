/*
 * The PostgreSQL import path of store.h: the upserts of store_put_* and
 * bulk mode, which store-sqlite.c hands over to on this backend.
 *
 * Each put is one statement: INSERT ... ON CONFLICT DO UPDATE ... WHERE
 * the doc differs, RETURNING the key and whether the row is new (xmax = 0
 * on a row this statement inserted). No row back means the doc was equal:
 * STORE_UNCHANGED, nothing written. An import runs in one transaction
 * (import.c), so a failure leaves nothing.
 *
 * One round trip a put made the import wait on the server most of its
 * time, so the import's writer batches its puts (store_batch_begin): the
 * upserts go out in pipeline mode, one after the other without waiting,
 * and their answers are read at store_batch_end, in order. The server
 * still runs them one by one, in the order sent, so a later line with
 * the same id updates the row of the earlier as it did unbatched; a
 * failed upsert aborts the rest of the batch, and the import with it.
 * Regions are not batched: a moved region's subtree is repathed from its
 * answer before the next line.
 *
 * Bulk mode turns synchronous_commit off for the import's session: its
 * one commit does not wait for the WAL flush, so a crash right after it
 * may lose the whole import, never half of it (as SQLite's NORMAL sync).
 * Indexes stay: PostgreSQL maintains them in bulk well enough, and an
 * import into a shared database must not take them from other servers.
 */
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"

enum {
	P_REGION = SLOT_PG_IMPORT,
	P_PARENT_PATH,
	P_REPATH,
	P_ORGAN,
	P_PERSON,
	P_TENURE,
	P_RECORD,
	P_SCORE,
	P_END
};

_Static_assert((int)P_END <= (int)SLOT_WORKFLOW, "statement slots");

/* A new row's key: the importer's when it numbered the row (it numbers
 * new rows itself, next after the largest key, to parse ahead of the
 * writes), else the table's next. store_pg_sync_keys moves the sequences
 * past the keys given so. */
#define KEY(t, param) "coalesce(" param "::bigint, nextval(" \
	"pg_get_serial_sequence('" t "', 'key')))"

/* The update half of every upsert: only when the doc differs. */
#define CHANGED(t) " WHERE " t ".doc IS DISTINCT FROM excluded.doc " \
	"RETURNING key, xmax = 0"

static const char *const sql[] = {
	/* A new region's path is its parent's and its code; an existing
	 * one's comes back (path is not in the SET) to compare. */
	[P_REGION - SLOT_PG_IMPORT] = "INSERT INTO region(key, code, name, "
	    "level, parent, path, doc) VALUES (" KEY("region", "?6") ", ?1, "
	    "?2, ?3, ?4, coalesce((SELECT path FROM region WHERE key = ?4), "
	    "'/') || ?1 || '/', ?5) "
	    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
	    "level = excluded.level, parent = excluded.parent, "
	    "doc = excluded.doc WHERE region.doc IS DISTINCT FROM excluded.doc "
	    "RETURNING key, xmax = 0, path",
	[P_PARENT_PATH - SLOT_PG_IMPORT] = "SELECT path FROM region WHERE "
	    "key = ?1",
	[P_REPATH - SLOT_PG_IMPORT] = "UPDATE region SET path = ?2 || "
	    "substr(path, length(?1) + 1) WHERE path >= ?1 AND path < ?3",
	[P_ORGAN - SLOT_PG_IMPORT] = "INSERT INTO organ(key, id, region, kind, "
	    "name, parent, doc) VALUES (" KEY("organ", "?7") ", ?1, ?2, ?3, ?4, "
	    "?5, ?6) ON CONFLICT (id) DO "
	    "UPDATE SET region = excluded.region, kind = excluded.kind, "
	    "name = excluded.name, parent = excluded.parent, doc = excluded.doc"
	    CHANGED("organ"),
	[P_PERSON - SLOT_PG_IMPORT] = "INSERT INTO person(key, id, name, doc) "
	    "VALUES (" KEY("person", "?4") ", ?1, ?2, ?3) ON CONFLICT (id) DO "
	    "UPDATE SET name = excluded.name, "
	    "doc = excluded.doc" CHANGED("person"),
	[P_TENURE - SLOT_PG_IMPORT] = "INSERT INTO tenure(id, person, organ, "
	    "role, start, \"end\", doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	    "ON CONFLICT (id) DO UPDATE SET person = excluded.person, "
	    "organ = excluded.organ, role = excluded.role, "
	    "start = excluded.start, \"end\" = excluded.\"end\", "
	    "doc = excluded.doc" CHANGED("tenure"),
	[P_RECORD - SLOT_PG_IMPORT] = "INSERT INTO record(id, kind, organ, "
	    "person, date, status, title, doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, "
	    "organ = excluded.organ, person = excluded.person, "
	    "date = excluded.date, status = excluded.status, "
	    "title = excluded.title, doc = excluded.doc" CHANGED("record"),
	/* score has no key of its own: person stands in the first column */
	[P_SCORE - SLOT_PG_IMPORT] = "INSERT INTO score(person, year, duty, "
	    "score, by, comment, doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	    "ON CONFLICT (person, year, duty) DO UPDATE SET "
	    "score = excluded.score, by = excluded.by, "
	    "comment = excluded.comment, doc = excluded.doc WHERE "
	    "score.doc IS DISTINCT FROM excluded.doc RETURNING person, "
	    "xmax = 0",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, id, sql[id - SLOT_PG_IMPORT]);
}

/* What a failure names, by statement. */
static const char *const names[] = {
	[P_REGION - SLOT_PG_IMPORT] = "region",
	[P_ORGAN - SLOT_PG_IMPORT] = "organ",
	[P_PERSON - SLOT_PG_IMPORT] = "person",
	[P_TENURE - SLOT_PG_IMPORT] = "tenure",
	[P_RECORD - SLOT_PG_IMPORT] = "record",
	[P_SCORE - SLOT_PG_IMPORT] = "score",
};

/* Queues the bound upsert of slot id in the open batch: STORE_QUEUED or
 * -1. */
static int
queue(struct store *s, int id)
{
	const char *what = names[id - SLOT_PG_IMPORT];
	if (id == P_REGION || s->queued == STORE_BATCH_MAX) {
		snprintf(s->err, sizeof s->err, "%s: not to be batched here",
		    what);
		return -1;
	}
	if (db_send(s->cache[id]))
		return store_fail(s, what);
	s->queue[s->queued++] = (unsigned short)id;
	return STORE_QUEUED;
}

/* Runs the bound upsert of slot id (queues it in a batch): an enum
 * store_put, *key (when given) set on STORE_INSERTED; old (when given)
 * gets the row's third column. */
static int
upsert(struct store *s, int id, int64_t *key, char *old, size_t n)
{
	if (s->batching)
		return queue(s, id);
	struct db_stmt *st = s->cache[id];
	const char *what = names[id - SLOT_PG_IMPORT];
	int rc = db_step(st);
	int r = STORE_UNCHANGED;
	if (rc == DB_ROW) {
		r = db_col_int(st, 1) ? STORE_INSERTED : STORE_UPDATED;
		if (r == STORE_INSERTED && key != NULL)
			*key = db_col_int64(st, 0);
		if (old != NULL)
			snprintf(old, n, "%s", db_col_text(st, 2));
	} else if (rc < 0) {
		store_fail(s, what);
	}
	db_reset(st);
	return rc < 0 ? -1 : r;
}

/* After an update moved a region under another parent: its path and its
 * subtree's. Returns 0 or -1. */
static int
repath(struct store *s, const char *code, int64_t parent_key,
    const char *old)
{
	char parent[512] = "/", fresh[600], end[512];
	if (parent_key > 0) {
		int found = store_one_text(s, stmt(s, P_PARENT_PATH),
		    "region path", parent, sizeof parent,
		    DB_ARGS(DB_INT64(parent_key)));
		if (found <= 0) {
			if (found == 0)
				snprintf(s->err, sizeof s->err, "unknown parent "
				    "of region '%s'", code);
			return -1;
		}
	}
	snprintf(fresh, sizeof fresh, "%s%s/", parent, code);
	if (strcmp(fresh, old) == 0)
		return 0;
	store_path_end(old, end, sizeof end);
	return store_exec(s, stmt(s, P_REPATH), "region path",
	    DB_ARGS(DB_TEXT(old), DB_TEXT(fresh), DB_TEXT(end)));
}

/* Each table's upsert, by enum store_put_table. */
static const int slots[] = {
	[PUT_REGION] = P_REGION,
	[PUT_ORGAN] = P_ORGAN,
	[PUT_PERSON] = P_PERSON,
	[PUT_TENURE] = P_TENURE,
	[PUT_RECORD] = P_RECORD,
	[PUT_SCORE] = P_SCORE,
};

int
store_pg_put(struct store *s, enum store_put_table t, int64_t *key,
    size_t n, struct db_arg *a)
{
	int id = slots[t];
	struct db_stmt *st = stmt(s, id);
	if (st == NULL)
		return -1;
	db_bind_args(st, 1, n, a);
	if (t != PUT_REGION)
		return upsert(s, id, key, NULL, 0);
	/* A region's code and parent key: its list's first and fourth. */
	char old[512];
	int r = upsert(s, id, key, old, sizeof old);
	if (r == STORE_UPDATED && repath(s, a[0].v.text, a[3].v.n, old))
		return -1;
	return r;
}

int
store_batch_begin(struct store *s)
{
	if (s->db != NULL)
		return 1;
	/* Preparing waits for the server's answer, which a pipeline may not:
	 * the batched statements are prepared first. */
	for (int id = P_ORGAN; id <= P_SCORE; id++)
		if (stmt(s, id) == NULL)
			return -1;
	if (db_pipeline(s->conn, 1))
		return store_fail(s, "pipeline");
	s->batching = 1;
	s->queued = 0;
	return 0;
}

int
store_batch_end(struct store *s, int *put, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < s->queued && i < n; i++) {
		int id = s->queue[i];
		struct db_stmt *st = s->cache[id];
		put[i] = -1;
		if (rc)
			continue;
		int r = db_receive(st);
		if (r < 0)
			rc = store_fail(s, names[id - SLOT_PG_IMPORT]);
		else if (r == DB_ROW)
			put[i] = db_col_int(st, 1) ? STORE_INSERTED : STORE_UPDATED;
		else
			put[i] = STORE_UNCHANGED;
		db_reset(st);
	}
	s->batching = 0;
	s->queued = 0;
	if (db_pipeline(s->conn, 0) && rc == 0)
		rc = store_fail(s, "pipeline");
	return rc;
}

int
store_pg_sync_keys(struct store *s)
{
	static const char q[] =
	    "SELECT setval(pg_get_serial_sequence('region', 'key'), "
	    "coalesce((SELECT max(key) FROM region), 0) + 1, false);"
	    "SELECT setval(pg_get_serial_sequence('organ', 'key'), "
	    "coalesce((SELECT max(key) FROM organ), 0) + 1, false);"
	    "SELECT setval(pg_get_serial_sequence('person', 'key'), "
	    "coalesce((SELECT max(key) FROM person), 0) + 1, false)";
	return db_exec(s->conn, q) ? store_fail(s, "key sequences") : 0;
}

void
store_pg_bulk(struct store *s, int on)
{
	db_exec(s->conn, on ? "SET synchronous_commit = off" :
	    "RESET synchronous_commit");
}
