/*
 * The SQLite backend of store.h.
 *
 * One connection per store. Statements are prepared once, on first use,
 * from the table below and reset after each use, so hot loops (an import of
 * millions of lines, an evaluation scan) never re-parse SQL. Every value is
 * bound; no SQL is ever built from data.
 *
 * Durability: WAL with synchronous=FULL, so a committed transaction
 * survives a power cut; bulk imports lower it to NORMAL for their one big
 * transaction (a crash loses the whole import, never half of it).
 *
 * Bulk loads: the importer checks every reference and every enumerated or
 * bounded value itself, so foreign keys and CHECK constraints are not
 * checked again row by row while it runs (a CHECK of the form "x IN (a,
 * b, c)" builds a temporary b-tree per row: 5% of an import), and
 * secondary indexes
 * of tables that start empty are built once at the end (an index built
 * from sorted keys costs a fraction of millions of b-tree inserts).
 */
#include "store/store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/schema-sqlite.h"
#include "store/store-sqlite-int.h"

enum stmt_id {
	ST_BEGIN = SLOT_CORE,
	ST_BEGIN_READ,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_EACH_REGION,
	ST_EACH_ORGAN,
	ST_EACH_PERSON,
	ST_REGION_INSERT,
	ST_REGION_UPDATE,
	ST_REGION_PATH,
	ST_REGION_PATH_OF_KEY,
	ST_REGION_REPATH,
	ST_ORGAN_INSERT,
	ST_ORGAN_UPDATE,
	ST_PERSON_INSERT,
	ST_PERSON_UPDATE,
	ST_TENURE_INSERT,
	ST_TENURE_UPDATE,
	ST_RECORD_INSERT,
	ST_RECORD_UPDATE,
	ST_SCORE_INSERT,
	ST_SCORE_UPDATE,
	ST_EACH_PRINCIPAL,
	ST_EACH_PRINCIPAL_IN,
	ST_EACH_RECORD,
	ST_EACH_RECORD_IN,
	ST_EACH_PERSON_RECORD,
	ST_EACH_SCORE,
	ST_EACH_SCORE_OF,
	ST_MAX_ORGAN,
	ST_MAX_PERSON,
	ST_EVAL_RUN,
	ST_AUDIT_LAST,
	ST_AUDIT_INSERT,
	ST_EACH_AUDIT,
	ST_COUNT
};

#define TENURE_COLS \
	"p.key, o.key, t.id, p.id, p.name, o.id, o.name, o.kind, g.code, " \
	"g.name, g.level, t.start, t.\"end\""
/* Within a region: party committee, government, then departments. */
#define ORGAN_ORDER \
	"CASE o.kind WHEN 'party_committee' THEN 0 " \
	"WHEN 'government' THEN 1 ELSE 2 END"
#define RECORD_COLS "r.organ, r.person, r.id, r.kind, r.status, r.doc, r.date"

static const char *const sql[ST_COUNT - SLOT_CORE] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_BEGIN_READ] = "BEGIN DEFERRED",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_EACH_REGION] = "SELECT r.key, r.code, r.name, r.level, p.code "
	    "FROM region r LEFT JOIN region p ON p.key = r.parent "
	    "ORDER BY r.path",
	[ST_EACH_ORGAN] = "SELECT key, region, id, name, kind FROM organ",
	[ST_EACH_PERSON] = "SELECT key, id, name FROM person",
	/* The key of a new row (?6, ?7 below) is the caller's when given
	 * (an import numbers its rows so that it can run ahead of the
	 * writes), else NULL: the next one. */
	[ST_REGION_INSERT] = "INSERT INTO region(key, code, name, level, "
	    "parent, path, doc) VALUES (?6, ?1, ?2, ?3, ?4, coalesce((SELECT "
	    "path FROM region WHERE key = ?4), '/') || ?1 || '/', ?5) "
	    "ON CONFLICT(code) DO NOTHING",
	[ST_REGION_UPDATE] = "UPDATE region SET name = ?2, level = ?3, "
	    "parent = ?4, doc = ?5 WHERE code = ?1 AND doc IS NOT ?5",
	[ST_REGION_PATH] = "SELECT path FROM region WHERE code = ?1",
	[ST_REGION_PATH_OF_KEY] = "SELECT path FROM region WHERE key = ?1",
	[ST_REGION_REPATH] = "UPDATE region SET path = ?2 || substr(path, "
	    "length(?1) + 1) WHERE path >= ?1 AND path < ?3",
	[ST_ORGAN_INSERT] = "INSERT INTO organ(key, id, region, kind, name, "
	    "parent, doc) VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6) "
	    "ON CONFLICT(id) DO NOTHING",
	[ST_ORGAN_UPDATE] = "UPDATE organ SET region = ?2, kind = ?3, "
	    "name = ?4, parent = ?5, doc = ?6 WHERE id = ?1 AND doc IS NOT ?6",
	[ST_PERSON_INSERT] = "INSERT INTO person(key, id, name, doc) VALUES "
	    "(?4, ?1, ?2, ?3) ON CONFLICT(id) DO NOTHING",
	[ST_PERSON_UPDATE] = "UPDATE person SET name = ?2, doc = ?3 "
	    "WHERE id = ?1 AND doc IS NOT ?3",
	[ST_TENURE_INSERT] = "INSERT INTO tenure(id, person, organ, role, "
	    "start, \"end\", doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	    "ON CONFLICT(id) DO NOTHING",
	[ST_TENURE_UPDATE] = "UPDATE tenure SET person = ?2, organ = ?3, "
	    "role = ?4, start = ?5, \"end\" = ?6, doc = ?7 "
	    "WHERE id = ?1 AND doc IS NOT ?7",
	[ST_RECORD_INSERT] = "INSERT INTO record(id, kind, organ, person, "
	    "date, status, title, doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
	    "ON CONFLICT(id) DO NOTHING",
	[ST_RECORD_UPDATE] = "UPDATE record SET kind = ?2, organ = ?3, "
	    "person = ?4, date = ?5, status = ?6, title = ?7, doc = ?8 "
	    "WHERE id = ?1 AND doc IS NOT ?8",
	[ST_SCORE_INSERT] = "INSERT INTO score(person, year, duty, score, by, "
	    "comment, doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	    "ON CONFLICT(person, year, duty) DO NOTHING",
	[ST_SCORE_UPDATE] = "UPDATE score SET score = ?4, by = ?5, "
	    "comment = ?6, doc = ?7 WHERE person = ?1 AND year = ?2 AND "
	    "duty = ?3 AND doc IS NOT ?7",
	[ST_EACH_PRINCIPAL] = "SELECT " TENURE_COLS " FROM tenure t "
	    "JOIN person p ON p.key = t.person JOIN organ o ON o.key = t.organ "
	    "JOIN region g ON g.key = o.region WHERE t.role = 'principal' AND "
	    "t.start <= ?2 AND (t.\"end\" IS NULL OR t.\"end\" >= ?1) "
	    "ORDER BY g.code, " ORGAN_ORDER ", o.id, t.start, p.id",
	/* CROSS JOIN fixes the order: from the region's subtree (its path
	 * range) down, by index; +g.code keeps the code index from being
	 * used to walk every region in order instead. Left to itself (no
	 * statistics) the planner scanned every tenure of the country for
	 * one county: 300 ms instead of 3. */
	[ST_EACH_PRINCIPAL_IN] = "SELECT " TENURE_COLS " FROM region g "
	    "CROSS JOIN organ o ON o.region = g.key CROSS JOIN tenure t ON "
	    "t.organ = o.key JOIN person p ON p.key = t.person WHERE "
	    "g.path >= ?3 AND "
	    "g.path < ?4 AND t.role = 'principal' AND t.start <= ?2 AND "
	    "(t.\"end\" IS NULL OR t.\"end\" >= ?1) "
	    "ORDER BY +g.code, " ORGAN_ORDER ", o.id, t.start, p.id",
	[ST_EACH_RECORD] = "SELECT " RECORD_COLS " FROM record r "
	    "WHERE r.date >= ?1 AND r.date <= ?2 AND r.status <> 'rejected'",
	[ST_EACH_RECORD_IN] = "SELECT " RECORD_COLS " FROM region g "
	    "JOIN organ o ON o.region = g.key JOIN record r ON r.organ = o.key "
	    "WHERE g.path >= ?3 AND g.path < ?4 AND r.date >= ?1 AND "
	    "r.date <= ?2 AND r.status <> 'rejected'",
	[ST_EACH_PERSON_RECORD] = "SELECT " RECORD_COLS " FROM record r "
	    "WHERE r.kind = ?3 AND r.date >= ?1 AND r.date <= ?2 AND "
	    "r.person IS NOT NULL AND r.status <> 'rejected'",
	[ST_EACH_SCORE] = "SELECT person, duty, score, by, comment FROM score "
	    "WHERE year = ?1",
	[ST_EACH_SCORE_OF] = "SELECT person, duty, score, by, comment FROM "
	    "score WHERE person = ?2 AND year = ?1",
	[ST_MAX_ORGAN] = "SELECT coalesce(max(key), 0) FROM organ",
	[ST_MAX_PERSON] = "SELECT coalesce(max(key), 0) FROM person",
	[ST_EVAL_RUN] = "INSERT INTO eval_run(at, year, region, ruleset, "
	    "version, digest, results) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', "
	    "'now'), ?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_AUDIT_LAST] = "SELECT seq, hash FROM audit ORDER BY seq DESC "
	    "LIMIT 1",
	[ST_AUDIT_INSERT] = "INSERT INTO audit(seq, time, actor, action, "
	    "entity, success, digest, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9)",
	[ST_EACH_AUDIT] = "SELECT seq, time, actor, action, entity, success, "
	    "digest, prev, hash FROM audit ORDER BY seq",
};


int
sq_fail(struct store *s, const char *what)
{
	snprintf(s->err, sizeof s->err, "%s: %s", what, sqlite3_errmsg(s->db));
	return -1;
}

/* This file's statements: slots from SLOT_CORE, SQL from the table. */
static sqlite3_stmt *
stmt(struct store *s, enum stmt_id id)
{
	return sq_stmt(s, id, sql[id - SLOT_CORE]);
}

const char *
store_error(const struct store *s)
{
	return s->err;
}

/* The prepared statement id, reset and unbound; NULL on failure. */
sqlite3_stmt *
sq_stmt(struct store *s, int id, const char *text)
{
	sqlite3_stmt *st = s->slots[id];
	if (st == NULL) {
		if (sqlite3_prepare_v3(s->db, text, -1,
		    SQLITE_PREPARE_PERSISTENT, &s->slots[id], NULL) != SQLITE_OK) {
			sq_fail(s, "prepare");
			return NULL;
		}
		return s->slots[id];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

void
sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

void
sq_bind_key(sqlite3_stmt *st, int i, int64_t key)
{
	if (key <= 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, key);
}

void
sq_bind_date(sqlite3_stmt *st, int i, date_t d, char buf[11])
{
	if (d == DATE_NONE) {
		sqlite3_bind_null(st, i);
		return;
	}
	date_format(d, buf);
	sqlite3_bind_text(st, i, buf, 10, SQLITE_STATIC);
}

const char *
sq_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

date_t
sq_col_date(sqlite3_stmt *st, int i)
{
	date_t d;
	const char *t = sq_col_text(st, i);
	return t != NULL && date_parse(t, &d) == 0 ? d : DATE_NONE;
}

/* Runs a statement that returns no rows; returns 0 or -1. */
int
sq_run(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sq_fail(s, what);
	return 0;
}

static int
exec(struct store *s, const char *q)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, q, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "%s", msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
migrate(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int version = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sq_fail(s, "reading the schema version");
	}
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if ((size_t)version > schema_sqlite_count()) {
		snprintf(s->err, sizeof s->err,
		    "the database has schema version %d; this lvzhi knows up to "
		    "%zu: use a newer lvzhi", version, schema_sqlite_count());
		return -1;
	}
	for (size_t i = (size_t)version; i < schema_sqlite_count(); i++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %zu",
		    i + 1);
		if (exec(s, "BEGIN IMMEDIATE") ||
		    exec(s, schema_sqlite_migration(i)) || exec(s, pragma) ||
		    exec(s, "COMMIT")) {
			char keep[sizeof s->err];
			memcpy(keep, s->err, sizeof keep);
			exec(s, "ROLLBACK");
			snprintf(s->err, sizeof s->err, "migration %zu: %.400s",
			    i + 1, keep);
			return -1;
		}
	}
	return 0;
}

/*
 * Waiting for another writer: up to 10 s, as sqlite3_busy_timeout would,
 * but in steps of half a millisecond. SQLite's own handler sleeps 1, 2,
 * 5, ... then 100 ms between tries, so under a steady stream of writes a
 * writer that lost a few times sleeps long while others keep winning:
 * that was the tail (p99 0.6 s, timeouts) of concurrent record creation.
 */
#define BUSY_STEP_US 500
#define BUSY_STEPS (10 * 1000 * 1000 / BUSY_STEP_US)

static int
busy(void *ctx, int tries)
{
	(void)ctx;
	if (tries >= BUSY_STEPS)
		return 0;
	struct timespec ts = { 0, BUSY_STEP_US * 1000L };
	nanosleep(&ts, NULL);
	return 1;
}

static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void
config(void)
{
	/* Memory statistics take a global mutex on every allocation; lvzhi
	 * never reads them. Only possible before SQLite initialises. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct store *
store_open(const char *url, int create, char *err, size_t errlen)
{
	pthread_once(&config_once, config);
	const char *path = url;
	if (strncmp(url, "sqlite:", 7) == 0)
		path = url + 7;
	else if (strstr(url, "://") != NULL) {
		snprintf(err, errlen, "%s: unsupported database URL (this build "
		    "has SQLite: give a file path)", url);
		return NULL;
	}
	struct store *s = calloc(1, sizeof *s);
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s%s", path,
		    s->db ? sqlite3_errmsg(s->db) : "cannot open",
		    create ? "" : " (create it with 'lvzhi init')");
		store_close(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_handler(s->db, busy, NULL);
	if (exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
	    "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY") ||
	    migrate(s)) {
		snprintf(err, errlen, "%s: %s", path, s->err);
		store_close(s);
		return NULL;
	}
	return s;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	for (int i = 0; i < STORE_SLOTS; i++)
		sqlite3_finalize(s->slots[i]);
	sqlite3_close(s->db);
	sqlite3_free(s->rebuild);
	free(s);
}

int
store_schema_version(struct store *s)
{
	(void)s;
	return (int)schema_sqlite_count();
}

int
store_begin(struct store *s)
{
	sqlite3_stmt *st = stmt(s, ST_BEGIN);
	return st ? sq_run(s, st, "begin") : -1;
}

/* A deferred transaction takes no lock until its first read, and then
 * only a reader's; each statement outside one is a transaction of its own
 * (a shared lock, the WAL's read mark and a check of the file each). */
int
store_begin_read(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		return -1;
	sqlite3_stmt *st = stmt(s, ST_BEGIN_READ);
	return st ? sq_run(s, st, "begin") : -1;
}

void
store_end_read(struct store *s)
{
	/* A read-only transaction has nothing to commit or lose. */
	if (!sqlite3_get_autocommit(s->db) && store_commit(s))
		store_rollback(s);
}

int
store_in_transaction(struct store *s)
{
	return !sqlite3_get_autocommit(s->db);
}

int
store_commit(struct store *s)
{
	sqlite3_stmt *st = stmt(s, ST_COMMIT);
	return st ? sq_run(s, st, "commit") : -1;
}

int
store_rollback(struct store *s)
{
	/* Indexes dropped for a bulk load come back with the rollback. */
	sqlite3_free(s->rebuild);
	s->rebuild = NULL;
	sqlite3_stmt *st = stmt(s, ST_ROLLBACK);
	return st ? sq_run(s, st, "rollback") : -1;
}

/* The page cache of a bulk load, in KiB (negative: SQLite's unit). */
#define BULK_CACHE "-262144"

void
store_bulk(struct store *s, int on)
{
	/* A large page cache keeps the indexes of a big import in memory;
	 * NORMAL sync is safe in WAL mode for one transaction (all or none). */
	exec(s, on ? "PRAGMA synchronous = NORMAL; PRAGMA cache_size = " BULK_CACHE
		   "; PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; "
		   "PRAGMA temp_store = FILE"
		   : "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000; "
		   "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF; "
		   "PRAGMA temp_store = MEMORY");
}

/* The tables an import writes, whose indexes a bulk load may defer. */
static const char *const bulk_tables[] = { "region", "organ", "person",
	"tenure", "record", "score" };

static int
table_empty(struct store *s, const char *table)
{
	char q[128];
	sqlite3_stmt *st = NULL;
	snprintf(q, sizeof q, "SELECT 1 FROM \"%s\" LIMIT 1", table);
	if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK)
		return sq_fail(s, "bulk");
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(s, "bulk");
	return rc == SQLITE_DONE;
}

/* Drops the plain (not UNIQUE) indexes of one empty table, keeping their
 * SQL in s->rebuild. */
static int
defer_indexes(struct store *s, const char *table)
{
	sqlite3_stmt *st = NULL;
	char *drop = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(s->db, "SELECT name, sql FROM sqlite_schema "
	    "WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL AND "
	    "sql NOT LIKE 'CREATE UNIQUE%'", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(s, "bulk");
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = sq_col_text(st, 0), *def = sq_col_text(st, 1);
		char *more = sqlite3_mprintf("%z%s;", s->rebuild, def);
		char *d = sqlite3_mprintf("%zDROP INDEX \"%w\";", drop, name);
		s->rebuild = NULL;
		drop = NULL;
		if (more == NULL || d == NULL) {
			sqlite3_free(more);
			sqlite3_free(d);
			snprintf(s->err, sizeof s->err, "out of memory");
			goto out;
		}
		s->rebuild = more;
		drop = d;
	}
	if (step != SQLITE_DONE) {
		sq_fail(s, "bulk");
		goto out;
	}
	rc = drop != NULL ? exec(s, drop) : 0;
out:
	sqlite3_finalize(st);
	sqlite3_free(drop);
	return rc;
}

int
store_bulk_indexes(struct store *s, int on)
{
	if (on) {
		for (size_t i = 0; i < sizeof bulk_tables / sizeof *bulk_tables;
		    i++) {
			int empty = table_empty(s, bulk_tables[i]);
			if (empty < 0 || (empty && defer_indexes(s,
			    bulk_tables[i])))
				return -1;
		}
		return 0;
	}
	char *defs = s->rebuild;
	s->rebuild = NULL;
	if (defs == NULL)
		return 0;
	/*
	 * SQLite sorts an index's keys in runs as large as the page cache.
	 * One 256 MiB run is sorted by this thread alone, chasing pointers
	 * through a list bigger than any CPU cache; runs of 16 MiB are sorted
	 * by two helper threads while this one reads the table, and merged
	 * (measured on 1.3 million records: this thread's time for the two
	 * record indexes halved, and all threads' together fell by a quarter).
	 */
	int rc = exec(s, "PRAGMA threads = 2; PRAGMA cache_size = -16384");
	if (rc == 0)
		rc = exec(s, defs);
	sqlite3_free(defs);
	if (exec(s, "PRAGMA threads = 0; PRAGMA cache_size = " BULK_CACHE))
		rc = -1;
	return rc;
}

/* Steps an iteration statement, calling row() per row. */
int
sq_iterate(struct store *s, sqlite3_stmt *st, const char *what,
    int (*row)(sqlite3_stmt *, void *, void *), void *cb, void *ctx)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int r = row(st, cb, ctx);
		if (r) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_fail(s, what);
}

typedef int (*region_cb)(void *, const struct store_region *);
typedef int (*organ_cb)(void *, const struct store_organ *);
typedef int (*person_cb)(void *, const struct store_person *);
typedef int (*tenure_cb)(void *, const struct store_tenure *);
typedef int (*record_cb)(void *, const struct store_record *);
typedef int (*score_cb)(void *, const struct store_score *);
typedef int (*audit_cb)(void *, const struct store_audit *);

static int
region_row(sqlite3_stmt *st, void *cb, void *ctx)
{
	struct store_region r = { sqlite3_column_int64(st, 0), sq_col_text(st, 1),
		sq_col_text(st, 2), sq_col_text(st, 3), sq_col_text(st, 4) };
	return ((region_cb)cb)(ctx, &r);
}

int
store_each_region(struct store *s, region_cb cb, void *ctx)
{
	sqlite3_stmt *st = stmt(s, ST_EACH_REGION);
	return st ? sq_iterate(s, st, "regions", region_row, (void *)cb, ctx) : -1;
}

static int
organ_row(sqlite3_stmt *st, void *cb, void *ctx)
{
	struct store_organ o = { sqlite3_column_int64(st, 0),
		sqlite3_column_int64(st, 1), sq_col_text(st, 2), sq_col_text(st, 3),
		sq_col_text(st, 4) };
	return ((organ_cb)cb)(ctx, &o);
}

int
store_each_organ(struct store *s, organ_cb cb, void *ctx)
{
	sqlite3_stmt *st = stmt(s, ST_EACH_ORGAN);
	return st ? sq_iterate(s, st, "organs", organ_row, (void *)cb, ctx) : -1;
}

static int
person_row(sqlite3_stmt *st, void *cb, void *ctx)
{
	struct store_person p = { sqlite3_column_int64(st, 0), sq_col_text(st, 1),
		sq_col_text(st, 2) };
	return ((person_cb)cb)(ctx, &p);
}

int
store_each_person(struct store *s, person_cb cb, void *ctx)
{
	sqlite3_stmt *st = stmt(s, ST_EACH_PERSON);
	return st ? sq_iterate(s, st, "persons", person_row, (void *)cb, ctx) : -1;
}

/*
 * The shared upsert, in two halves: insert unless the id exists (the
 * bound INSERT; returns 1 when it inserted, 0 when the id exists, or -1), else
 * update unless the doc is equal (the UPDATE, bound only then: an import
 * of new rows never touches it).
 */
static int
upsert_insert(struct store *s, sqlite3_stmt *ins, int64_t *key,
    const char *what)
{
	if (sq_run(s, ins, what))
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return 0;
	if (key != NULL)
		*key = sqlite3_last_insert_rowid(s->db);
	return 1;
}

static int
upsert_update(struct store *s, sqlite3_stmt *upd, const char *what)
{
	if (sq_run(s, upd, what))
		return -1;
	return sqlite3_changes(s->db) > 0 ? STORE_UPDATED : STORE_UNCHANGED;
}

/* Both statements take the same parameters (the INSERT also the new row's
 * key, bound by call_ins): bind and run the INSERT, and the UPDATE only
 * when the INSERT found the id. */
#define UPSERT2(call_ins, call, key, what) do { \
	call_ins(ins); \
	int ins_rc = upsert_insert(s, ins, key, what); \
	if (ins_rc != 0) \
		return ins_rc < 0 ? -1 : STORE_INSERTED; \
	call(upd); \
	return upsert_update(s, upd, what); \
} while (0)
#define UPSERT(call, key, what) UPSERT2(call, call, key, what)

static int
region_path(struct store *s, enum stmt_id id, const char *code, int64_t key,
    char *out, size_t n)
{
	sqlite3_stmt *st = stmt(s, id);
	if (st == NULL)
		return -1;
	if (code != NULL)
		sq_bind_text(st, 1, code);
	else
		sqlite3_bind_int64(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, n, "%s", sq_col_text(st, 0));
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE) {
		snprintf(s->err, sizeof s->err, "unknown region '%s'",
		    code ? code : "?");
		return -1;
	}
	return sq_fail(s, "region path");
}

/* "/a/b/" -> "/a/b0": the first string after every path below it. */
static void
path_end(const char *path, char *out, size_t n)
{
	size_t len = strlen(path);
	if (len >= n)
		len = n - 1;
	memmove(out, path, len);
	out[len] = '\0';
	if (len > 0)
		out[len - 1] = '0';
}

int
store_put_region(struct store *s, const char *code, const char *name,
    const char *level, int64_t parent_key, const char *doc, int64_t *key)
{
	sqlite3_stmt *ins = stmt(s, ST_REGION_INSERT);
	sqlite3_stmt *upd = ins ? stmt(s, ST_REGION_UPDATE) : NULL;
	if (upd == NULL)
		return -1;
#define B(st) (sq_bind_text(st, 1, code), sq_bind_text(st, 2, name), \
	sq_bind_text(st, 3, level), sq_bind_key(st, 4, parent_key), \
	sq_bind_text(st, 5, doc))
	char old[512], parent[512] = "/", fresh[600], end[512];
	/* The path changes only when the parent does; read it before. */
	if (region_path(s, ST_REGION_PATH, code, 0, old, sizeof old))
		old[0] = '\0';
	B(ins);
	sq_bind_key(ins, 6, key != NULL ? *key : 0);
	int r = upsert_insert(s, ins, key, "region");
	if (r == 0) {
		B(upd);
		r = upsert_update(s, upd, "region");
	} else if (r == 1) {
		r = STORE_INSERTED;
	}
#undef B
	if (r != STORE_UPDATED || old[0] == '\0')
		return r;
	if (parent_key > 0 && region_path(s, ST_REGION_PATH_OF_KEY, NULL,
	    parent_key, parent, sizeof parent))
		return -1;
	snprintf(fresh, sizeof fresh, "%s%s/", parent, code);
	if (strcmp(fresh, old) == 0)
		return r;
	sqlite3_stmt *st = stmt(s, ST_REGION_REPATH);
	if (st == NULL)
		return -1;
	path_end(old, end, sizeof end);
	sq_bind_text(st, 1, old);
	sq_bind_text(st, 2, fresh);
	sq_bind_text(st, 3, end);
	return sq_run(s, st, "region path") ? -1 : r;
}

int
store_put_organ(struct store *s, const char *id, int64_t region_key,
    const char *kind, const char *name, int64_t parent_organ_key,
    const char *doc, int64_t *key)
{
	sqlite3_stmt *ins = stmt(s, ST_ORGAN_INSERT);
	sqlite3_stmt *upd = ins ? stmt(s, ST_ORGAN_UPDATE) : NULL;
	if (upd == NULL)
		return -1;
#define B(st) (sq_bind_text(st, 1, id), sq_bind_key(st, 2, region_key), \
	sq_bind_text(st, 3, kind), sq_bind_text(st, 4, name), \
	sq_bind_key(st, 5, parent_organ_key), sq_bind_text(st, 6, doc))
#define BI(st) (B(st), sq_bind_key(st, 7, key != NULL ? *key : 0))
	UPSERT2(BI, B, key, "organ");
#undef BI
#undef B
}

int
store_put_person(struct store *s, const char *id, const char *name,
    const char *doc, int64_t *key)
{
	sqlite3_stmt *ins = stmt(s, ST_PERSON_INSERT);
	sqlite3_stmt *upd = ins ? stmt(s, ST_PERSON_UPDATE) : NULL;
	if (upd == NULL)
		return -1;
#define B(st) (sq_bind_text(st, 1, id), sq_bind_text(st, 2, name), \
	sq_bind_text(st, 3, doc))
#define BI(st) (B(st), sq_bind_key(st, 4, key != NULL ? *key : 0))
	UPSERT2(BI, B, key, "person");
#undef BI
#undef B
}

int
store_put_tenure(struct store *s, const char *id, int64_t person_key,
    int64_t organ_key, const char *role, date_t start, date_t end,
    const char *doc)
{
	sqlite3_stmt *ins = stmt(s, ST_TENURE_INSERT);
	sqlite3_stmt *upd = ins ? stmt(s, ST_TENURE_UPDATE) : NULL;
	if (upd == NULL)
		return -1;
	char d1[11], d2[11];
#define B(st) (sq_bind_text(st, 1, id), sq_bind_key(st, 2, person_key), \
	sq_bind_key(st, 3, organ_key), sq_bind_text(st, 4, role), \
	sq_bind_date(st, 5, start, d1), sq_bind_date(st, 6, end, d2), \
	sq_bind_text(st, 7, doc))
	UPSERT(B, NULL, "tenure");
#undef B
}

int
store_put_record(struct store *s, const char *id, const char *kind,
    int64_t organ_key, int64_t person_key, date_t date, const char *status,
    const char *title, const char *doc)
{
	sqlite3_stmt *ins = stmt(s, ST_RECORD_INSERT);
	sqlite3_stmt *upd = ins ? stmt(s, ST_RECORD_UPDATE) : NULL;
	if (upd == NULL)
		return -1;
	char d[11];
#define B(st) (sq_bind_text(st, 1, id), sq_bind_text(st, 2, kind), \
	sq_bind_key(st, 3, organ_key), sq_bind_key(st, 4, person_key), \
	sq_bind_date(st, 5, date, d), sq_bind_text(st, 6, status), \
	sq_bind_text(st, 7, title), sq_bind_text(st, 8, doc))
	UPSERT(B, NULL, "record");
#undef B
}

int
store_put_score(struct store *s, int64_t person_key, int year,
    const char *duty, double score, const char *by, const char *comment,
    const char *doc)
{
	sqlite3_stmt *ins = stmt(s, ST_SCORE_INSERT);
	sqlite3_stmt *upd = ins ? stmt(s, ST_SCORE_UPDATE) : NULL;
	if (upd == NULL)
		return -1;
#define B(st) (sq_bind_key(st, 1, person_key), sqlite3_bind_int(st, 2, year), \
	sq_bind_text(st, 3, duty), sqlite3_bind_double(st, 4, score), \
	sq_bind_text(st, 5, by), sq_bind_text(st, 6, comment), \
	sq_bind_text(st, 7, doc))
	UPSERT(B, NULL, "score");
#undef B
}

/* Binds ?3 and ?4 to the subtree range of region; returns 0 or -1. */
static int
bind_subtree(struct store *s, sqlite3_stmt *st, const char *region,
    char *path, char *end, size_t n)
{
	if (region_path(s, ST_REGION_PATH, region, 0, path, n))
		return -1;
	path_end(path, end, n);
	sq_bind_text(st, 3, path);
	sq_bind_text(st, 4, end);
	return 0;
}

static int
tenure_row(sqlite3_stmt *st, void *cb, void *ctx)
{
	struct store_tenure t = {
		.person_key = sqlite3_column_int64(st, 0),
		.organ_key = sqlite3_column_int64(st, 1),
		.tenure_id = sq_col_text(st, 2),
		.person_id = sq_col_text(st, 3),
		.person_name = sq_col_text(st, 4),
		.organ_id = sq_col_text(st, 5),
		.organ_name = sq_col_text(st, 6),
		.organ_kind = sq_col_text(st, 7),
		.region_code = sq_col_text(st, 8),
		.region_name = sq_col_text(st, 9),
		.region_level = sq_col_text(st, 10),
		.start = sq_col_date(st, 11),
		.end = sq_col_date(st, 12),
	};
	return ((tenure_cb)cb)(ctx, &t);
}

/* The statements with a region take the subtree range as ?3, ?4. */
static sqlite3_stmt *
ranged(struct store *s, enum stmt_id all, enum stmt_id in, date_t from,
    date_t to, const char *region, char d[2][11], char path[2][512])
{
	sqlite3_stmt *st = stmt(s, region ? in : all);
	if (st == NULL)
		return NULL;
	sq_bind_date(st, 1, from, d[0]);
	sq_bind_date(st, 2, to, d[1]);
	if (region != NULL && bind_subtree(s, st, region, path[0], path[1],
	    sizeof path[0]))
		return NULL;
	return st;
}

int
store_each_principal(struct store *s, date_t from, date_t to,
    const char *region, tenure_cb cb, void *ctx)
{
	char d[2][11], path[2][512];
	sqlite3_stmt *st = ranged(s, ST_EACH_PRINCIPAL, ST_EACH_PRINCIPAL_IN,
	    from, to, region, d, path);
	return st ? sq_iterate(s, st, "tenures", tenure_row, (void *)cb, ctx) : -1;
}

static int
record_row(sqlite3_stmt *st, void *cb, void *ctx)
{
	struct store_record r = {
		.organ_key = sqlite3_column_int64(st, 0),
		.person_key = sqlite3_column_int64(st, 1),
		.id = sq_col_text(st, 2),
		.kind = sq_col_text(st, 3),
		.status = sq_col_text(st, 4),
		.doc = sq_col_text(st, 5),
		.date = sq_col_date(st, 6),
	};
	return ((record_cb)cb)(ctx, &r);
}

int
store_each_record(struct store *s, date_t from, date_t to,
    const char *region, record_cb cb, void *ctx)
{
	char d[2][11], path[2][512];
	sqlite3_stmt *st = ranged(s, ST_EACH_RECORD, ST_EACH_RECORD_IN, from,
	    to, region, d, path);
	return st ? sq_iterate(s, st, "records", record_row, (void *)cb, ctx) : -1;
}

int
store_each_person_record(struct store *s, const char *kind, date_t from,
    date_t to, record_cb cb, void *ctx)
{
	char d[2][11];
	sqlite3_stmt *st = stmt(s, ST_EACH_PERSON_RECORD);
	if (st == NULL)
		return -1;
	sq_bind_date(st, 1, from, d[0]);
	sq_bind_date(st, 2, to, d[1]);
	sq_bind_text(st, 3, kind);
	return sq_iterate(s, st, "records", record_row, (void *)cb, ctx);
}

static int
score_row(sqlite3_stmt *st, void *cb, void *ctx)
{
	struct store_score r = {
		.person_key = sqlite3_column_int64(st, 0),
		.duty = sq_col_text(st, 1),
		.score = sqlite3_column_double(st, 2),
		.by = sq_col_text(st, 3),
		.comment = sq_col_text(st, 4),
	};
	return ((score_cb)cb)(ctx, &r);
}

int
store_each_score(struct store *s, int year, score_cb cb, void *ctx)
{
	sqlite3_stmt *st = stmt(s, ST_EACH_SCORE);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, year);
	return sq_iterate(s, st, "scores", score_row, (void *)cb, ctx);
}

int
store_each_score_of(struct store *s, int year, int64_t person_key,
    score_cb cb, void *ctx)
{
	sqlite3_stmt *st = stmt(s, ST_EACH_SCORE_OF);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int64(st, 2, person_key);
	return sq_iterate(s, st, "scores", score_row, (void *)cb, ctx);
}

static int64_t
scalar(struct store *s, enum stmt_id id)
{
	sqlite3_stmt *st = stmt(s, id);
	if (st == NULL)
		return -1;
	int64_t v = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		sq_fail(s, "query");
	sqlite3_reset(st);
	return v;
}

int64_t
store_max_organ_key(struct store *s)
{
	return scalar(s, ST_MAX_ORGAN);
}

int64_t
store_max_person_key(struct store *s)
{
	return scalar(s, ST_MAX_PERSON);
}

int
store_add_eval_run(struct store *s, int year, const char *region,
    const char *ruleset, const char *version, const char *digest,
    long results)
{
	sqlite3_stmt *st = stmt(s, ST_EVAL_RUN);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, year);
	sq_bind_text(st, 2, region);
	sq_bind_text(st, 3, ruleset);
	sq_bind_text(st, 4, version);
	sq_bind_text(st, 5, digest);
	sqlite3_bind_int64(st, 6, results);
	return sq_run(s, st, "evaluation run");
}

int
store_audit_last(struct store *s, int64_t *seq, char *hash, size_t n)
{
	sqlite3_stmt *st = stmt(s, ST_AUDIT_LAST);
	if (st == NULL)
		return -1;
	int rc = sqlite3_step(st);
	*seq = 0;
	snprintf(hash, n, "%s", "");
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		snprintf(hash, n, "%s", sq_col_text(st, 1));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_fail(s, "audit");
}

int
store_audit_insert(struct store *s, const struct store_audit *a)
{
	sqlite3_stmt *st = stmt(s, ST_AUDIT_INSERT);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->seq);
	sq_bind_text(st, 2, a->time);
	sq_bind_text(st, 3, a->actor);
	sq_bind_text(st, 4, a->action);
	sq_bind_text(st, 5, a->entity);
	sqlite3_bind_int(st, 6, a->success);
	sq_bind_text(st, 7, a->digest);
	sq_bind_text(st, 8, a->prev);
	sq_bind_text(st, 9, a->hash);
	return sq_run(s, st, "audit");
}

static int
audit_row(sqlite3_stmt *st, void *cb, void *ctx)
{
	struct store_audit a = {
		.seq = sqlite3_column_int64(st, 0),
		.time = sq_col_text(st, 1),
		.actor = sq_col_text(st, 2),
		.action = sq_col_text(st, 3),
		.entity = sq_col_text(st, 4),
		.success = sqlite3_column_int(st, 5),
		.digest = sq_col_text(st, 6),
		.prev = sq_col_text(st, 7),
		.hash = sq_col_text(st, 8),
	};
	return ((audit_cb)cb)(ctx, &a);
}

int
store_each_audit(struct store *s, audit_cb cb, void *ctx)
{
	sqlite3_stmt *st = stmt(s, ST_EACH_AUDIT);
	return st ? sq_iterate(s, st, "audit", audit_row, (void *)cb, ctx) : -1;
}
