/*
 * The SQLite driver of the query layer (db.h): a thin skin over the C API.
 *
 * One connection per struct db, opened without SQLite's own mutexes (a
 * store is used by one thread at a time). Durability: WAL with
 * synchronous=FULL, so a committed transaction survives a power cut.
 * Statements are prepared persistent: the store keeps them for the
 * connection's life.
 */
#include "store/db-sqlite.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db-int.h"

struct sdb {
	struct db base;
	sqlite3 *h;
	char err[512]; /* messages of failures outside SQLite's own */
	int own_err;   /* err holds the last failure's message */
};

struct sstmt {
	struct db_stmt base;
	sqlite3_stmt *st;
};

static struct sdb *
sdb(const struct db *db)
{
	return (struct sdb *)db;
}

static sqlite3_stmt *
raw(struct db_stmt *st)
{
	return ((struct sstmt *)st)->st;
}

sqlite3 *
db_sqlite_handle(struct db *db)
{
	return db != NULL && db->backend == DB_SQLITE ? sdb(db)->h : NULL;
}

static const char *
s_error(const struct db *db)
{
	return sdb(db)->own_err ? sdb(db)->err : sqlite3_errmsg(sdb(db)->h);
}

static int
s_unique_violation(const struct db *db)
{
	int code = sqlite3_extended_errcode(sdb(db)->h);
	return code == SQLITE_CONSTRAINT_UNIQUE ||
	    code == SQLITE_CONSTRAINT_PRIMARYKEY;
}

static int
s_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(sdb(db)->h, sql, NULL, NULL, &msg) == SQLITE_OK) {
		sdb(db)->own_err = 0;
		return 0;
	}
	snprintf(sdb(db)->err, sizeof sdb(db)->err, "%s", msg ? msg : "error");
	sdb(db)->own_err = 1;
	sqlite3_free(msg);
	return -1;
}

/* IMMEDIATE: the write lock now, not at the first write, so two
 * transactions never both read and then fail to upgrade. */
static int
s_begin(struct db *db)
{
	return s_exec(db, "BEGIN IMMEDIATE");
}

/* DEFERRED takes no lock until the first read, and then a reader's. */
static int
s_begin_read(struct db *db)
{
	return s_exec(db, "BEGIN DEFERRED");
}

static int
s_commit(struct db *db)
{
	return s_exec(db, "COMMIT");
}

static int
s_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(sdb(db)->h);
}

static int64_t
s_changes(struct db *db)
{
	return sqlite3_changes(sdb(db)->h);
}

static int64_t
s_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(sdb(db)->h);
}

static struct db_stmt *
s_prepare(struct db *db, const char *sql)
{
	struct sstmt *st = calloc(1, sizeof *st);
	if (st == NULL) {
		snprintf(sdb(db)->err, sizeof sdb(db)->err, "out of memory");
		sdb(db)->own_err = 1;
		return NULL;
	}
	sdb(db)->own_err = 0;
	st->base.db = db;
	if (sqlite3_prepare_v3(sdb(db)->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st->st, NULL) != SQLITE_OK) {
		free(st);
		return NULL;
	}
	return &st->base;
}

static void
s_finalize(struct db_stmt *st)
{
	sqlite3_finalize(raw(st));
	free(st);
}

static void
s_reset(struct db_stmt *st)
{
	sqlite3_reset(raw(st));
	sqlite3_clear_bindings(raw(st));
}

static void
s_bind_null(struct db_stmt *st, int i)
{
	sqlite3_bind_null(raw(st), i);
}

static void
s_bind_text(struct db_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(raw(st), i, v, -1, SQLITE_STATIC);
}

static void
s_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(raw(st), i, v);
}

static void
s_bind_double(struct db_stmt *st, int i, double v)
{
	sqlite3_bind_double(raw(st), i, v);
}

static int
s_step(struct db_stmt *st)
{
	sdb(st->db)->own_err = 0;
	switch (sqlite3_step(raw(st))) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	default:
		return -1;
	}
}

static int
s_col_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(raw(st), i) == SQLITE_NULL;
}

static int64_t
s_col_int64(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(raw(st), i);
}

static double
s_col_double(struct db_stmt *st, int i)
{
	return sqlite3_column_double(raw(st), i);
}

static const char *
s_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(raw(st), i);
}

static void
s_close(struct db *db)
{
	sqlite3_close(sdb(db)->h);
	free(db);
}

static const struct db_driver driver = {
	.close = s_close,
	.error = s_error,
	.unique_violation = s_unique_violation,
	.exec = s_exec,
	.begin = s_begin,
	.begin_read = s_begin_read,
	.commit = s_commit,
	.in_transaction = s_in_transaction,
	.changes = s_changes,
	.last_id = s_last_id,
	.prepare = s_prepare,
	.finalize = s_finalize,
	.reset = s_reset,
	.bind_null = s_bind_null,
	.bind_text = s_bind_text,
	.bind_int64 = s_bind_int64,
	.bind_double = s_bind_double,
	.step = s_step,
	.col_null = s_col_null,
	.col_int64 = s_col_int64,
	.col_double = s_col_double,
	.col_text = s_col_text,
};

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

void
db_sqlite_wait(sqlite3 *h, int wait)
{
	sqlite3_busy_handler(h, wait ? busy : NULL, NULL);
}

static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void
config(void)
{
	/* Memory statistics take a global mutex on every allocation; lvzhi
	 * never reads them. Only possible before SQLite initialises. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct db *
db_sqlite_open(const char *path, int create, char *err, size_t errlen)
{
	pthread_once(&config_once, config);
	struct sdb *db = db_new(sizeof *db, &driver, DB_SQLITE, err, errlen);
	if (db == NULL)
		return NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s%s", path,
		    db->h ? sqlite3_errmsg(db->h) : "cannot open",
		    create ? "" : " (create it with 'lvzhi init')");
		s_close(&db->base);
		return NULL;
	}
	sqlite3_extended_result_codes(db->h, 1);
	db_sqlite_wait(db->h, 1);
	/* 16 KiB pages for a new file (an existing one keeps its own): a
	 * national import spends a tenth less time in b-tree work than with
	 * 4 KiB pages, and reads of a region's records touch fewer pages. */
	if (s_exec(&db->base, "PRAGMA page_size = 16384; "
	    "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
	    "PRAGMA temp_store = MEMORY")) {
		snprintf(err, errlen, "%s: %s", path, db->err);
		s_close(&db->base);
		return NULL;
	}
	return &db->base;
}
