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
	SLOT_BULK = 508,        /* store-bulk.c */
	SLOT_MESSAGES = 512,    /* store-messages.c */
	SLOT_LISTS = 544,       /* store-lists.c, store-ledger.c: orders */
	SLOT_EVALSET = 672,     /* store-evalset.c */
	SLOT_AWAITING = 704,    /* store-awaiting.c */
	SLOT_LOOKUP = 708,      /* store-lookup.c: the pickers, numbers */
	SLOT_REGISTRY = 724,    /* store-registry.c: the registry's lists */
	SLOT_SCORES = 772,      /* store-evalset.c: GET /api/v1/scores */
	SLOT_SUP_LISTS = 776,   /* store-sup-lists.c: supervision's orders */
	SLOT_LABELS = 816,      /* store-lookup.c: labels of ids, in batches */
	SLOT_COVERAGE = 828,    /* store-coverage.c: GET /api/v1/coverage */
	SLOT_REFRESH = 832,     /* store-refresh.c: incremental sets */
	SLOT_DOCUMENTS = 847,   /* store-documents.c: documents' numbers */
	STORE_SLOTS = 851,
	SQLITE_IMPORT_SLOTS = 64, /* store-sqlite.c's own statements */
};

struct sqlite3;
struct sqlite3_stmt;

/* The regions one write may name (store-refresh.c); more is "any". */
#define STORE_TOUCH_MAX 16

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
	/* The regions the open transaction's write changed (store_touch_*),
	 * for its audit entry's move of the data version; touch_over: more
	 * than STORE_TOUCH_MAX, or not known. Cleared by begin, commit,
	 * rollback and the move itself. */
	char touched[STORE_TOUCH_MAX][32];
	int ntouched, touch_over;
	int outbox_off; /* store_outbox_enable(s, 0): nothing queued */
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
/* Runs a statement that returns no rows; returns 0 or -1. st NULL (its
 * preparation failed) gives -1, here and in every runner below. */
int store_run(struct store *s, struct db_stmt *st, const char *what);
/* Steps st calling row(st, cb, ctx) per row; returns 0, the callback's
 * non-zero value, or -1. */
int store_iterate(struct store *s, struct db_stmt *st, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx);
/* Runs an UPDATE or DELETE; returns 1 when a row changed, 0 when none,
 * -1 on failure. */
int store_changed(struct store *s, struct db_stmt *st, const char *what);
/* The first row of st only, through row(st, cb, ctx) as store_iterate
 * would call it: 1 (a row), 0 (none) or -1 (st NULL, or failure). */
int store_get(struct store *s, struct db_stmt *st, const char *what,
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
		type v_ = {0};                                            \
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
/* store_first_text of st with a bound as ?1..?n; st NULL gives -1. */
int store_one_text(struct store *s, struct db_stmt *st, const char *what,
    char *out, size_t len, size_t n, struct db_arg *a);
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

/*
 * Shared by the supervision, notice, case and report files (defined in
 * store-supervision.c). A listing's statement with a region subtree:
 * store_each_under binds path as ?1 and its end as ?2 (neither when path
 * is NULL or "": every region) and a as ?3 on; store_sup_each binds a
 * supervision scope (store-supervision.h; NULL: none) as ?1..?5 and a as
 * ?6 on. Both then call row per row as store_each; st NULL gives -1.
 */
struct store_sup_scope;
int store_each_under(struct store *s, struct db_stmt *st, const char *path,
    const char *what, int (*row)(struct db_stmt *, void *, void *),
    void *cb, void *ctx, size_t n, struct db_arg *a);
int store_sup_each(struct store *s, struct db_stmt *st,
    const struct store_sup_scope *sc, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx,
    size_t n, struct db_arg *a);
/* Their SQL: STORE_UNDER, a row of region g in the subtree bound as ?1,
 * ?2; STORE_SUP_SCOPE(x), a row of organ o (region g, person p) whose
 * own person column is x.person in the scope bound as ?1..?5, and
 * STORE_SUP_WHO(x) its ?3..?5 alone. */
#define STORE_UNDER "(?1 IS NULL OR (g.path >= ?1 AND g.path < ?2))"
#define STORE_SUP_WHO(x) \
	"(?3 IS NULL OR o.id = ?3) AND (?4 IS NULL OR p.id = ?4 OR (" x \
	".person IS NULL AND o.id = ?5))"
#define STORE_SUP_SCOPE(x) STORE_UNDER " AND " STORE_SUP_WHO(x)
/* An order of table t (interview, rectification) row x that belongs to
 * the leaders of the notice whose id is ?P (n: the notice it was given
 * from): given from that notice, or the one of the year that stands for
 * one of its leaders at that organ (t_once), whichever notice or office
 * gave it: what the notice page lists and ?notice= filters. */
#define STORE_NOTICE_ORDERS(t, x, P) \
	"(?" #P " IS NULL OR n.id = ?" #P " OR " x ".key IN (SELECT " \
	"xo." t " FROM notice nn JOIN notice_item ni ON ni.notice = nn.key " \
	"JOIN " t "_once xo ON xo.person = ni.person AND xo.organ = " \
	"ni.organ AND xo.year = nn.year WHERE nn.id = ?" #P "))"
/* A listing's limit (0 or less: 50) and offset (at least 0) as its last
 * two parameters, in a DB_ARGS list. */
#define STORE_PAGE(limit, offset) \
	DB_INT((limit) > 0 ? (limit) : 50), DB_INT((offset) > 0 ? (offset) : 0)
/* The statement in slot + 2 * order + desc of head (SELECT ... WHERE
 * ...) ordered by the order of v[0..n) that pg names (store_sort_pick;
 * its direction pg->desc when named, else default_desc), then tail
 * (LIMIT ... OFFSET ...): every text one of v's, never a request's
 * (store-lists.c). NULL when it cannot be prepared. */
struct db_stmt *store_ordered(struct store *s, int slot, const char *head,
    const struct store_sort *v, size_t n, const struct store_page *pg,
    int default_desc, const char *tail);
/* A row callback for a count(*): the row's first column into the long
 * that ctx points to (cb unused). */
int store_count_row(struct db_stmt *st, void *cb, void *ctx);
/* store_first_text of st with a bound as ?1 on; st NULL gives -1. */
int store_first_text_of(struct store *s, struct db_stmt *st,
    const char *what, char *out, size_t size, size_t n, struct db_arg *a);
/* An entity's INSERT: a as ?1..?n, then e's ATTR_ADD members of obj
 * (store_bind_entity), run as store_add (0 or -1, named e->name). */
int store_add_entity(struct store *s, struct db_stmt *st,
    const struct entity *e, const void *obj, size_t n, struct db_arg *a);
/* A history kept as table t's t_event rows (acase, rectification; t's
 * row as a): those of the row with id ?1, oldest first, and one added to
 * it from ?2..?7 (action, from, to, note, actor, at). */
#define STORE_EVENTS_OF(t, a) \
	"SELECT e.key, e.action, e.from_state, e.to_state, e.note, e.actor, " \
	"e.at FROM " t "_event e JOIN " t " " a " ON " a ".key = e." t \
	" WHERE " a ".id = ?1 ORDER BY e.key"
#define STORE_EVENT_ADD(t) \
	"INSERT INTO " t "_event(" t ", action, from_state, to_state, note, " \
	"actor, at) SELECT key, ?2, ?3, ?4, ?5, ?6, ?7 FROM " t " WHERE id = ?1"

/* The rows the store files share (store.c), for STORE_ENTITY_ROW, and
 * the SELECT lists they read: a region r (its parent p), an organ o, an
 * audit entry, a tenure t of person p in organ o of region g (and t.role
 * for store_tenure_role_row). */
extern const struct entity store_region_row, store_organ_row,
    store_audit_row, store_tenure_row, store_tenure_role_row;
#define STORE_REGION_COLS "r.key, r.code, r.name, r.level, p.code"
#define STORE_ORGAN_COLS "o.key, o.region, o.id, o.name, o.kind"
#define STORE_AUDIT_COLS \
	"seq, time, actor, action, entity, success, digest, prev, hash"
#define STORE_TENURE_COLS \
	"p.key, o.key, t.id, p.id, p.name, o.id, o.name, o.kind, g.code, " \
	"g.name, g.level, t.start, t.\"end\""

/*
 * The import's upserts, one a table. Both backends take a put's
 * parameters as one list in the same order (store-sqlite.c's store_put_*
 * make it): the columns, then for a table with a key the new row's key
 * (DB_KEY, 0 for the next). A region's list starts code, name, level,
 * parent key.
 */
enum store_put_table {
	PUT_REGION,
	PUT_ORGAN,
	PUT_PERSON,
	PUT_TENURE,
	PUT_RECORD,
	PUT_SCORE,
};
/* The PostgreSQL import path (store-pg.c): store_put_* and store_bulk
 * of store.h on that backend. store_pg_put returns an enum store_put or
 * -1, *key (when given) set on STORE_INSERTED. */
int store_pg_put(struct store *s, enum store_put_table t, int64_t *key,
    size_t n, struct db_arg *a);
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

/* A row of the people's lookup and listing (store-lookup.c): the
 * columns of struct store_person_hit in order, to a person_hit callback. */
int store_person_hit_row(struct db_stmt *st, void *cb, void *ctx);
/* A lookup of a thing by its readable number (store-lookup.c): the first
 * row's id into out, and how many rows came (n); ctx a struct
 * store_id_hit. */
struct store_id_hit {
	char *out;
	size_t size;
	int n;
};
int store_id_hit_row(struct db_stmt *st, void *cb, void *ctx);

#endif
