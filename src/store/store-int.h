/*
 * Internal to src/store: the store's connection, its statement cache and
 * the helpers that the store-*.c files share. Each file owns a range of
 * cache slots and keeps its SQL beside the code that runs it; the SQL
 * goes through the query layer (db.h), so it is written once for every
 * backend.
 */
#ifndef LVZHI_STORE_INT_H
#define LVZHI_STORE_INT_H

#include "base/entity.h"
#include "store/db.h"
#include "store/store.h"

enum {
	SLOT_CORE = 0,          /* store.c */
	SLOT_WEB = 64,          /* store-web.c */
	SLOT_SUPERVISION = 192, /* store-supervision.c, store-notices.c */
	SLOT_CASES = 256,       /* store-cases.c */
	SLOT_REPORTS = 320,     /* store-reports.c */
	SLOT_LOGIN = 384,       /* store-login.c */
	SLOT_PG_IMPORT = 400,   /* store-pg.c */
	SLOT_WORKFLOW = 416,    /* store-workflow.c */
	SLOT_TOKENS = 432,      /* store-tokens.c */
	SLOT_NOTICE_ORDERS = 440, /* store-notices.c: issuers, one order */
	SLOT_CLOSURE = 456,     /* store-closure.c */
	SLOT_FINDINGS = 480,    /* store-supervision.c: determinations */
	SLOT_SEPARATION = 484,  /* store-separation.c */
	SLOT_LEDGER = 500,      /* store-ledger.c */
	STORE_SLOTS = 512,
	SQLITE_IMPORT_SLOTS = 64, /* store-sqlite.c's own statements */
};

struct sqlite3;
struct sqlite3_stmt;

struct store {
	struct db *conn;
	struct db_stmt *cache[STORE_SLOTS];
	char err[512];
	/* The SQLite import path (store-sqlite.c) works on the connection's
	 * raw handle with statements of its own; NULL on other backends. */
	struct sqlite3 *db;
	struct sqlite3_stmt *slots[SQLITE_IMPORT_SLOTS];
	char *rebuild; /* SQL of indexes dropped for a bulk load, or NULL */
	/* A first load (the record table empty when it began): the record
	 * ids' UNIQUE index is dropped too, rebuilt at its end or as soon as
	 * a record may be an update (rebuild_id, until then); the load runs
	 * under a rollback journal when nothing else had the file open. */
	char *rebuild_id;
	int first;
	int journal; /* the bulk load switched the journal from WAL */
	struct flusher *flusher; /* its pages on their way to disk, or NULL */
	/* A batch of puts (store-pg.c): whether one is open, and the slot
	 * of each put sent, to take its answer into. */
	int batching;
	size_t queued;
	unsigned short queue[STORE_BATCH_MAX];
	/* What the open transaction hands on when it commits (store_note). */
	void (*on_commit)(const void *note, size_t len);
	unsigned char note[STORE_NOTE_MAX];
	size_t note_len;
};

/*
 * An entity's row by its field table (base/entity.h). Bind: the ATTR_ADD
 * members in table order from parameter first on; returns the next
 * parameter. Read: every field in table order from column first on (the
 * SELECT lists them so); texts valid while the row is. Returns the next
 * column.
 */
int store_bind_entity(struct db_stmt *st, int first, const struct entity *e,
    const void *obj);
int store_read_entity(struct db_stmt *st, int first, const struct entity *e,
    void *obj);

/* Records the last database error in s->err; returns -1. */
int store_fail(struct store *s, const char *what);
/* The cached statement of slot id (prepared from text on first use),
 * reset and unbound; NULL on failure. */
struct db_stmt *store_stmt(struct store *s, int id, const char *text);
/* Runs a statement that returns no rows; returns 0 or -1. */
int store_run(struct store *s, struct db_stmt *st, const char *what);
/* Steps st calling row(st, cb, ctx) per row; returns 0, the callback's
 * non-zero value, or -1. */
int store_iterate(struct store *s, struct db_stmt *st, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx);
/* Runs an UPDATE or DELETE; returns 1 when a row changed, 0 when none,
 * -1 on failure. */
int store_changed(struct store *s, struct db_stmt *st, const char *what);
/* store_changed of st with ?1 bound to value; st NULL (its preparation
 * failed) gives -1. For the one-parameter UPDATEs and DELETEs. */
int store_changed_text(struct store *s, struct db_stmt *st, const char *what,
    const char *value);
int store_changed_int64(struct store *s, struct db_stmt *st,
    const char *what, int64_t value);
/* Binds the texts v[0..n-1] as ?1..?n, then store_changed (an UPDATE or
 * DELETE: 1, 0 or -1) or store_insert_one (0 or -1); st NULL gives -1.
 * STORE_TEXTS(a, b, ...) gives n and v from the texts themselves. */
int store_changed_texts(struct store *s, struct db_stmt *st,
    const char *what, size_t n, const char *const v[]);
int store_insert_texts(struct store *s, struct db_stmt *st,
    const char *what, size_t n, const char *const v[]);
#define STORE_TEXTS(...)                                                  \
	sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *),     \
	    (const char *const[]){__VA_ARGS__}
/* The first row of st only, through row(st, cb, ctx) as store_iterate
 * would call it: 1 (a row), 0 (none) or -1 (st NULL, or failure). */
int store_get(struct store *s, struct db_stmt *st, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx);
/* With text value bound as ?param first: store_get's one row, and
 * store_iterate's every row (st NULL gives -1). For the get-by-id and
 * list-by-parent readers. */
int store_get_text(struct store *s, struct db_stmt *st, int param,
    const char *value, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx);
int store_each_text(struct store *s, struct db_stmt *st, int param,
    const char *value, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx);
/*
 * Defines fn, a row callback for store_iterate / store_get that reads
 * the row into a `type` by the entity table ent (columns from 0 on) and
 * hands it to the caller's typed callback `int (*)(void *, const type *)`
 * given as cb. One definition for every entity read by its table; a
 * macro because C has no other way to call each entity's typed callback.
 */
#define STORE_ENTITY_ROW(fn, type, ent)                                   \
	static int fn(struct db_stmt *st_, void *cb_, void *ctx_)         \
	{                                                                 \
		type v_;                                                  \
		store_read_entity(st_, 0, (ent), &v_);                    \
		return ((int (*)(void *, const type *))cb_)(ctx_, &v_);   \
	}
/*
 * A statement run with its parameters as one list (db.h's DB_ARGS, bound
 * as ?1..?n), for the store's readers and writers that are a bind per
 * parameter and a run: store_exec runs (0 or -1), store_change an UPDATE
 * or DELETE (1 changed, 0 none, -1), store_add an INSERT that must add a
 * row (store_insert_one: 0 or -1), store_each every row through row
 * (store_iterate), store_one the first row (store_get: 1, 0 or -1). st
 * NULL (its preparation failed) gives -1.
 */
int store_exec(struct store *s, struct db_stmt *st, const char *what,
    size_t n, struct db_arg *a);
int store_change(struct store *s, struct db_stmt *st, const char *what,
    size_t n, struct db_arg *a);
int store_add(struct store *s, struct db_stmt *st, const char *what,
    size_t n, struct db_arg *a);
int store_each(struct store *s, struct db_stmt *st, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx,
    size_t n, struct db_arg *a);
int store_one(struct store *s, struct db_stmt *st, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx,
    size_t n, struct db_arg *a);
/* Runs an INSERT ... SELECT that must add a row; a row it did not add
 * means a referenced id was unknown. Returns 0 or -1. */
int store_insert_one(struct store *s, struct db_stmt *st, const char *what);
/* The first column of the first row as text into out: 1, 0 (no row) or
 * -1. */
int store_first_text(struct store *s, struct db_stmt *st, const char *what,
    char *out, size_t n);
/* The statement text for this backend: pg when it is PostgreSQL's and
 * pg is not NULL, else text. */
const char *store_sql(const struct store *s, const char *text,
    const char *pg);
/* Now in UTC as "YYYY-MM-DDTHH:MM:SSZ", as the store keeps times. */
void store_utc_now(char out[32]);
/* "/a/b/" -> "/a/b0": the first path after every path below "/a/b/", so
 * a subtree is the range [path, end). */
void store_path_end(const char *path, char *out, size_t n);
/* Binds a region path as ?i and its end (kept in end) as ?i+1. */
void store_bind_subtree(struct db_stmt *st, int i, const char *path,
    char end[512]);
/* A row callback for store_one / store_each: the row's first column, an
 * integer, into *(int64_t *)ctx (cb unused); returns 0. For counts and
 * sums (store-workflow.c). */
int store_int64_row(struct db_stmt *st, void *cb, void *ctx);
/* A field of a row table (base/entity.h) that the store reads and never
 * shows: member m of struct type_ as type, named #m (no label, no
 * limits). */
#define STORE_COL(type_, m, type) { #m, #m, NULL, type, 0, 0, 0, NULL,    \
	offsetof(type_, m) }

/* Binds a supervision scope (store-supervision.h) as ?1..?5, the path's
 * end kept in end; NULL binds nothing. */
struct store_sup_scope;
void store_sup_bind_scope(struct db_stmt *st,
    const struct store_sup_scope *sc, char end[512]);

/* Rows shared by the store files, for store_iterate with the callback of
 * the row's type, for the column lists they name: region "key, code,
 * name, level, parent code"; organ "key, region key, id, name, kind";
 * audit "seq, time, actor, action, entity, success, digest, prev, hash".
 * store_read_tenure reads the 13 columns of store.c's TENURE_COLS. */
int store_region_row(struct db_stmt *st, void *cb, void *ctx);
int store_organ_row(struct db_stmt *st, void *cb, void *ctx);
int store_audit_row(struct db_stmt *st, void *cb, void *ctx);
void store_read_tenure(struct db_stmt *st, struct store_tenure *t);

/* The PostgreSQL import path (store-pg.c): store_put_* and store_bulk
 * of store.h on that backend. */
int store_pg_put_region(struct store *s, const char *code, const char *name,
    const char *level, int64_t parent_key, const char *doc, int64_t *key);
int store_pg_put_organ(struct store *s, const char *id, int64_t region_key,
    const char *kind, const char *name, int64_t parent_organ_key,
    const char *doc, int64_t *key);
int store_pg_put_person(struct store *s, const char *id, const char *name,
    const char *doc, int64_t *key);
int store_pg_put_tenure(struct store *s, const char *id, int64_t person_key,
    int64_t organ_key, const char *role, date_t start, date_t end,
    const char *doc);
int store_pg_put_record(struct store *s, const char *id, const char *kind,
    int64_t organ_key, int64_t person_key, date_t date, const char *status,
    const char *title, const char *doc);
int store_pg_put_score(struct store *s, int64_t person_key, int year,
    const char *duty, double score, const char *by, const char *comment,
    const char *doc);
void store_pg_bulk(struct store *s, int on);
/* After an import gave new rows keys of its own: each key sequence past
 * its table's largest key. Returns 0 or -1. */
int store_pg_sync_keys(struct store *s);

/* The SQLite import path's own teardown: its statements and any deferred
 * index SQL (store-sqlite.c). */
void store_sqlite_release(struct store *s);
/* A rollback restores indexes dropped for a bulk load by itself: forget
 * their SQL. */
void store_sqlite_forget_bulk(struct store *s);

#endif
