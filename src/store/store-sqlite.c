/*
 * The SQLite import path of store.h: the upserts of store_put_* and the
 * bulk mode an import runs in (on PostgreSQL, where s->db is NULL, each
 * hands over to store-pg.c at once). An import of millions of lines is the one
 * place where the query layer's indirection and SQLite's general
 * settings cost; this file works on the connection's raw handle (s->db)
 * with statements of its own, prepared once and reset after each use.
 *
 * Bulk loads: the importer checks every reference and every enumerated or
 * bounded value itself, so foreign keys and CHECK constraints are not
 * checked again row by row while it runs (a CHECK of the form "x IN (a,
 * b, c)" builds a temporary b-tree per row: 5% of an import), and
 * secondary indexes
 * of tables that start empty are built once at the end (an index built
 * from sorted keys costs a fraction of millions of b-tree inserts). A
 * bulk import lowers synchronous to NORMAL for its one big transaction
 * (a crash loses the whole import, never half of it).
 */
#include "store/store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db-sqlite.h"
#include "store/store-int.h"

enum stmt_id {
	ST_REGION_INSERT = 0,
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
	ST_RECORD_ADD,
	ST_RECORD_ADD_FEW,
	ST_RECORD_ADD_MANY,
	ST_COUNT
};

/* Records to one statement of store_add_records: 64 rows of 8 values
 * share one statement's start, transaction check and cursors (measured
 * on 1.3 million records: 43% less time than a statement per row); the
 * rest of a call go 8, then 1, to a statement. */
#define ADD_ROWS 64
#define ADD_FEW 8
#define ADD_COLS 8
#define RECORD_ADD "INSERT INTO record(id, kind, organ, person, date, " \
	"status, title, doc) VALUES "

_Static_assert((int)ST_COUNT <= (int)SQLITE_IMPORT_SLOTS, "statement slots");

static const char *const sql[ST_COUNT] = {
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
	[ST_RECORD_ADD] = RECORD_ADD "(?, ?, ?, ?, ?, ?, ?, ?)",
	/* ST_RECORD_ADD_FEW, _MANY: RECORD_ADD with more rows (add_stmt). */
};

static int
sq_fail(struct store *s, const char *what)
{
	snprintf(s->err, sizeof s->err, "%s: %s", what, sqlite3_errmsg(s->db));
	return -1;
}

/* The prepared statement id, reset and unbound; NULL on failure. */
static sqlite3_stmt *
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

/* This file's statements: the import's slots, SQL from the table. */
static sqlite3_stmt *
stmt(struct store *s, enum stmt_id id)
{
	return sq_stmt(s, id, sql[id]);
}

static void
sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static void
sq_bind_key(sqlite3_stmt *st, int i, int64_t key)
{
	if (key <= 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, key);
}

static void
sq_bind_date(sqlite3_stmt *st, int i, date_t d, char buf[11])
{
	if (d == DATE_NONE) {
		sqlite3_bind_null(st, i);
		return;
	}
	date_format(d, buf);
	sqlite3_bind_text(st, i, buf, 10, SQLITE_STATIC);
}

static const char *
sq_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Runs a statement that returns no rows; returns 0 or -1. */
static int
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

static void flusher_stop(struct store *s);

void
store_sqlite_release(struct store *s)
{
	flusher_stop(s);
	for (int i = 0; i < SQLITE_IMPORT_SLOTS; i++)
		sqlite3_finalize(s->slots[i]);
	store_sqlite_forget_bulk(s);
}

void
store_sqlite_forget_bulk(struct store *s)
{
	sqlite3_free(s->rebuild);
	sqlite3_free(s->rebuild_id);
	s->rebuild = s->rebuild_id = NULL;
	s->first = 0;
}

/* The page cache of a bulk load, in KiB (negative: SQLite's unit). */
#define BULK_CACHE "-262144"

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

/*
 * A first load (no records yet) leaves the WAL for a rollback journal,
 * if it can: a new database's pages are then written once, into the
 * file, where the WAL takes them twice (into the log while the cache
 * spills, back into the file at the checkpoint) and the index builds
 * read each page back through the log's index. SQLite leaves WAL mode
 * only for a connection alone on the file, so a server that has it open
 * keeps its WAL (tried without waiting); a server that starts during the
 * load finds the file locked (it waits 10 s, then says so). The journal
 * is synced fully: a crash rolls the whole load back, as in WAL mode.
 */
static void
bulk_journal(struct store *s)
{
	if (table_empty(s, "record") != 1 ||
	    exec(s, "PRAGMA locking_mode = EXCLUSIVE"))
		return;
	sqlite3_stmt *st = NULL;
	db_sqlite_wait(s->db, 0);
	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = DELETE", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    strcmp(sq_col_text(st, 0), "delete") == 0)
		s->journal = 1;
	sqlite3_finalize(st);
	db_sqlite_wait(s->db, 1);
	if (!s->journal)
		exec(s, "PRAGMA locking_mode = NORMAL");
}

/*
 * A first load writes a database of gigabytes straight into its file,
 * and its commit waits until the disk has it all: 2.8 s of a national
 * load's 31 s went to that one fdatasync, the disk idle before it. The
 * flusher syncs the file once a second meanwhile, on a thread of its own,
 * so the disk writes while the load computes and the commit's sync finds
 * little left (PostgreSQL's checkpoints spread their writes for the same
 * reason). It goes through the file's own VFS object (its xSync: the
 * descriptor SQLite holds), never a descriptor of its own, whose closing
 * would drop SQLite's locks on the file. A sync that fails here is left
 * to the commit's own, which reports it.
 */
struct flusher {
	sqlite3_file *file;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int stop;
};

static void *
flusher_main(void *arg)
{
	struct flusher *f = arg;
	pthread_mutex_lock(&f->lock);
	while (!f->stop) {
		struct timespec at;
		clock_gettime(CLOCK_REALTIME, &at);
		at.tv_sec += 1;
		pthread_cond_timedwait(&f->cond, &f->lock, &at);
		if (f->stop)
			break;
		pthread_mutex_unlock(&f->lock);
		f->file->pMethods->xSync(f->file, SQLITE_SYNC_NORMAL);
		pthread_mutex_lock(&f->lock);
	}
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

static void
flusher_start(struct store *s)
{
	sqlite3_file *file = NULL;
	if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_FILE_POINTER,
	    &file) != SQLITE_OK || file == NULL || file->pMethods == NULL)
		return;
	struct flusher *f = calloc(1, sizeof *f);
	if (f == NULL)
		return;
	f->file = file;
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->cond, NULL);
	if (pthread_create(&f->thread, NULL, flusher_main, f) != 0) {
		pthread_mutex_destroy(&f->lock);
		pthread_cond_destroy(&f->cond);
		free(f);
		return;
	}
	s->flusher = f;
}

static void
flusher_stop(struct store *s)
{
	struct flusher *f = s->flusher;
	if (f == NULL)
		return;
	pthread_mutex_lock(&f->lock);
	f->stop = 1;
	pthread_cond_signal(&f->cond);
	pthread_mutex_unlock(&f->lock);
	pthread_join(f->thread, NULL);
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->cond);
	free(f);
	s->flusher = NULL;
}

void
store_bulk(struct store *s, int on)
{
	if (s->db == NULL) {
		store_pg_bulk(s, on);
		return;
	}
	if (on) {
		bulk_journal(s);
		if (s->journal)
			flusher_start(s);
	} else {
		flusher_stop(s);
	}
	/* A large page cache keeps the indexes of a big import in memory;
	 * NORMAL sync is safe in WAL mode for one transaction (all or none). */
	exec(s, on ? "PRAGMA cache_size = " BULK_CACHE
		   "; PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; "
		   "PRAGMA temp_store = FILE"
		   : "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000; "
		   "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF; "
		   "PRAGMA temp_store = MEMORY");
	if (on && !s->journal)
		exec(s, "PRAGMA synchronous = NORMAL");
	if (!on && s->journal) {
		/* Give the lock up (at the end of the next read), then back
		 * to WAL: switched to in exclusive mode, the WAL would keep
		 * its index in this process's memory, closed to others. */
		exec(s, "PRAGMA locking_mode = NORMAL; "
		    "SELECT 1 FROM record LIMIT 1; PRAGMA journal_mode = WAL");
		s->journal = 0;
	}
}

/* The tables an import writes, whose indexes a bulk load may defer. */
static const char *const bulk_tables[] = { "region", "organ", "person",
	"tenure", "record", "score" };

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

/*
 * A first load drops the record ids' UNIQUE index too: the importer
 * knows which ids are new in the file (store_add_records), and the index
 * is built at the end like the others, or at once when a record comes
 * that may be an update (ensure_record_id). Its SQL waits in
 * s->rebuild_id.
 */
static int
defer_record_id(struct store *s)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT sql FROM sqlite_schema WHERE "
	    "type = 'index' AND name = 'record_id'", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(s, "bulk");
	if (sqlite3_step(st) == SQLITE_ROW)
		s->rebuild_id = sqlite3_mprintf("%s", sq_col_text(st, 0));
	sqlite3_finalize(st);
	if (s->rebuild_id == NULL) {
		snprintf(s->err, sizeof s->err, "bulk: no index record_id");
		return -1;
	}
	s->first = 1;
	return exec(s, "DROP INDEX record_id");
}

/* Runs the index definitions in *defs (taken and freed), if any. */
static int
build_indexes(struct store *s, char **defs)
{
	char *text = *defs;
	*defs = NULL;
	if (text == NULL)
		return 0;
	/*
	 * SQLite sorts an index's keys in runs as large as the page cache.
	 * One 256 MiB run is sorted by this thread alone, chasing pointers
	 * through a list bigger than any CPU cache; runs of 8 MiB are sorted
	 * by two helper threads while this one reads the table, and merged
	 * (measured on 1.3 million records: this thread's time for the two
	 * record indexes halved, and all threads' together fell by a quarter;
	 * on the national records 8 MiB runs beat 16 MiB by 5%, 4 MiB runs
	 * and a third thread gained nothing).
	 */
	int rc = exec(s, "PRAGMA threads = 2; PRAGMA cache_size = -8192");
	if (rc == 0)
		rc = exec(s, text);
	sqlite3_free(text);
	if (exec(s, "PRAGMA threads = 0; PRAGMA cache_size = " BULK_CACHE))
		rc = -1;
	return rc;
}

/* Before a record that may already be there: its id's index, now. */
static int
ensure_record_id(struct store *s)
{
	return s->rebuild_id != NULL ? build_indexes(s, &s->rebuild_id) : 0;
}

int
store_bulk_indexes(struct store *s, int on)
{
	/* PostgreSQL keeps its indexes through an import (store-pg.c); at
	 * its end the key sequences move past the keys the import gave. */
	if (s->db == NULL)
		return on ? 0 : store_pg_sync_keys(s);
	if (on) {
		for (size_t i = 0; i < sizeof bulk_tables / sizeof *bulk_tables;
		    i++) {
			int empty = table_empty(s, bulk_tables[i]);
			if (empty < 0 || (empty && defer_indexes(s,
			    bulk_tables[i])))
				return -1;
			if (empty && strcmp(bulk_tables[i], "record") == 0 &&
			    defer_record_id(s))
				return -1;
		}
		return 0;
	}
	int rc = build_indexes(s, &s->rebuild);
	if (build_indexes(s, &s->rebuild_id))
		rc = -1;
	s->first = 0;
	return rc;
}

int
store_bulk_first(const struct store *s)
{
	return s->db != NULL && s->first;
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

/* Binds a[0..n-1] as ?1..?n (db.h's list, on a raw statement). */
static void
sq_bind_args(sqlite3_stmt *st, size_t n, struct db_arg *a)
{
	for (size_t k = 0; k < n; k++) {
		int i = (int)k + 1;
		db_arg_plain(&a[k]);
		if (a[k].type == DB_ARG_TEXT)
			sqlite3_bind_text(st, i, a[k].v.text, -1, SQLITE_STATIC);
		else if (a[k].type == DB_ARG_INT64)
			sqlite3_bind_int64(st, i, a[k].v.n);
		else if (a[k].type == DB_ARG_DOUBLE)
			sqlite3_bind_double(st, i, a[k].v.f);
		else
			sqlite3_bind_null(st, i);
	}
}

/* Each table's INSERT (its UPDATE is the statement after) and whether
 * the INSERT's last parameter is the new row's key, which the UPDATE
 * does not take. */
static const struct {
	enum stmt_id insert;
	int keyed;
	const char *what;
} upserts[] = {
	[PUT_REGION] = {ST_REGION_INSERT, 1, "region"},
	[PUT_ORGAN] = {ST_ORGAN_INSERT, 1, "organ"},
	[PUT_PERSON] = {ST_PERSON_INSERT, 1, "person"},
	[PUT_TENURE] = {ST_TENURE_INSERT, 0, "tenure"},
	[PUT_RECORD] = {ST_RECORD_INSERT, 0, "record"},
	[PUT_SCORE] = {ST_SCORE_INSERT, 0, "score"},
};

/* A put of table t with its parameters a (store-int.h): on PostgreSQL
 * store-pg.c's upsert; here the INSERT, and the UPDATE only when the
 * INSERT found the row there. */
static int
put(struct store *s, enum store_put_table t, int64_t *key, size_t n,
    struct db_arg *a)
{
	if (s->db == NULL)
		return store_pg_put(s, t, key, n, a);
	sqlite3_stmt *ins = stmt(s, upserts[t].insert);
	sqlite3_stmt *upd = ins ? stmt(s, upserts[t].insert + 1) : NULL;
	if (upd == NULL)
		return -1;
	sq_bind_args(ins, n, a);
	int r = upsert_insert(s, ins, key, upserts[t].what);
	if (r != 0)
		return r < 0 ? -1 : STORE_INSERTED;
	sq_bind_args(upd, n - (size_t)upserts[t].keyed, a);
	return upsert_update(s, upd, upserts[t].what);
}

static int
region_path(struct store *s, enum stmt_id id, const char *code, int64_t key,
    char *out, size_t n)
{
	sqlite3_stmt *st = stmt(s, id);
	if (st == NULL)
		return -1;
	sq_bind_args(st, DB_ARGS(code != NULL ? DB_TEXT(code) : DB_INT64(key)));
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

int
store_put_region(struct store *s, const char *code, const char *name,
    const char *level, int64_t parent_key, const char *doc, int64_t *key)
{
	char old[512] = "", parent[512] = "/", fresh[600], end[512];
	/* The path changes only when the parent does; read it before. */
	if (s->db != NULL && region_path(s, ST_REGION_PATH, code, 0, old,
	    sizeof old))
		old[0] = '\0';
	int r = put(s, PUT_REGION, key, DB_ARGS(DB_TEXT(code), DB_TEXT(name),
	    DB_TEXT(level), DB_KEY(parent_key), DB_TEXT(doc),
	    DB_KEY(key != NULL ? *key : 0)));
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
	store_path_end(old, end, sizeof end);
	sq_bind_args(st, DB_ARGS(DB_TEXT(old), DB_TEXT(fresh), DB_TEXT(end)));
	return sq_run(s, st, "region path") ? -1 : r;
}

int
store_put_organ(struct store *s, const char *id, int64_t region_key,
    const char *kind, const char *name, int64_t parent_organ_key,
    const char *doc, int64_t *key)
{
	return put(s, PUT_ORGAN, key, DB_ARGS(DB_TEXT(id), DB_KEY(region_key),
	    DB_TEXT(kind), DB_TEXT(name), DB_KEY(parent_organ_key),
	    DB_TEXT(doc), DB_KEY(key != NULL ? *key : 0)));
}

int
store_put_person(struct store *s, const char *id, const char *name,
    const char *doc, int64_t *key)
{
	return put(s, PUT_PERSON, key, DB_ARGS(DB_TEXT(id), DB_TEXT(name),
	    DB_TEXT(doc), DB_KEY(key != NULL ? *key : 0)));
}

int
store_put_tenure(struct store *s, const char *id, int64_t person_key,
    int64_t organ_key, const char *role, date_t start, date_t end,
    const char *doc)
{
	return put(s, PUT_TENURE, NULL, DB_ARGS(DB_TEXT(id),
	    DB_KEY(person_key), DB_KEY(organ_key), DB_TEXT(role),
	    DB_DATE(start), DB_DATE(end), DB_TEXT(doc)));
}

int
store_put_record(struct store *s, const char *id, const char *kind,
    int64_t organ_key, int64_t person_key, date_t date, const char *status,
    const char *title, const char *doc)
{
	if (s->db != NULL && ensure_record_id(s))
		return -1;
	return put(s, PUT_RECORD, NULL, DB_ARGS(DB_TEXT(id), DB_TEXT(kind),
	    DB_KEY(organ_key), DB_KEY(person_key), DB_DATE(date),
	    DB_TEXT(status), DB_TEXT(title), DB_TEXT(doc)));
}

int
store_put_score(struct store *s, int64_t person_key, int year,
    const char *duty, double score, const char *by, const char *comment,
    const char *doc)
{
	return put(s, PUT_SCORE, NULL, DB_ARGS(DB_KEY(person_key), DB_INT(year),
	    DB_TEXT(duty), DB_DOUBLE(score), DB_TEXT(by), DB_TEXT(comment),
	    DB_TEXT(doc)));
}

/* The INSERT of store_add_records for n rows (ADD_ROWS, ADD_FEW or 1),
 * prepared once. */
static sqlite3_stmt *
add_stmt(struct store *s, size_t n)
{
	enum stmt_id id = n == ADD_ROWS ? ST_RECORD_ADD_MANY :
	    n == ADD_FEW ? ST_RECORD_ADD_FEW : ST_RECORD_ADD;
	if (s->slots[id] != NULL || id == ST_RECORD_ADD)
		return stmt(s, id);
	static const char row[] = "(?, ?, ?, ?, ?, ?, ?, ?)";
	char q[sizeof RECORD_ADD + ADD_ROWS * sizeof row];
	size_t len = snprintf(q, sizeof q, "%s", RECORD_ADD);
	for (size_t i = 0; i < n; i++)
		len += snprintf(q + len, sizeof q - len, "%s%s", i ? "," : "",
		    row);
	return sq_stmt(s, id, q);
}

/* Binds record v to the parameters from i on (its 8 values). */
static void
bind_new_record(sqlite3_stmt *st, int i, const struct store_new_record *v,
    char d[11])
{
	sq_bind_text(st, i + 1, v->id);
	sq_bind_text(st, i + 2, v->kind);
	sq_bind_key(st, i + 3, v->organ_key);
	sq_bind_key(st, i + 4, v->person_key);
	sq_bind_date(st, i + 5, v->date, d);
	sq_bind_text(st, i + 6, v->status);
	sq_bind_text(st, i + 7, v->title);
	sq_bind_text(st, i + 8, v->doc);
}

size_t
store_add_records(struct store *s, const struct store_new_record *v,
    size_t n)
{
	size_t done = 0;
	if (s->db == NULL) {
		/* PostgreSQL has no first-load path: these are upserts. */
		for (; done < n; done++)
			if (store_put_record(s, v[done].id, v[done].kind,
			    v[done].organ_key, v[done].person_key, v[done].date,
			    v[done].status, v[done].title, v[done].doc) < 0)
				break;
		return done;
	}
	char dates[ADD_ROWS][11];
	while (done < n) {
		size_t k = n - done >= ADD_ROWS ? ADD_ROWS :
		    n - done >= ADD_FEW ? ADD_FEW : 1;
		sqlite3_stmt *st = add_stmt(s, k);
		if (st == NULL)
			break;
		for (size_t i = 0; i < k; i++)
			bind_new_record(st, (int)i * ADD_COLS, &v[done + i],
			    dates[i]);
		if (sq_run(s, st, "record"))
			break;
		done += k;
	}
	return done;
}
