/*
 * The store (store.h) over the query layer (db.h): opening and migrating,
 * transactions, the registry and evaluation reads, evaluation runs and
 * the audit log. The import's writes (store_put_*, bulk mode) are each
 * backend's own: store-sqlite.c.
 *
 * One connection per store. Statements are prepared once, on first use,
 * from the tables beside the code and reset after each use, so hot loops
 * (an evaluation scan) never re-parse SQL. Every value is bound; no SQL
 * is ever built from data.
 */
#include "store/store.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "store/db-sqlite.h"
#include "store/schema-pg.h"
#include "store/schema-sqlite.h"
#include "store/store-int.h"

enum stmt_id {
	ST_EACH_REGION = SLOT_CORE,
	ST_EACH_ORGAN,
	ST_EACH_PERSON,
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
	ST_DATA_VERSION,
	ST_COUNT
};

_Static_assert((int)ST_COUNT <= (int)SLOT_WEB, "statement slots");

/* Within a region: party committee, government, then departments. */
#define ORGAN_ORDER \
	"CASE o.kind WHEN 'party_committee' THEN 0 " \
	"WHEN 'government' THEN 1 ELSE 2 END"
#define RECORD_COLS "r.organ, r.person, r.id, r.kind, r.status, r.doc, r.date"

static const char *const sql[ST_COUNT - SLOT_CORE] = {
	[ST_EACH_REGION] = "SELECT " STORE_REGION_COLS " FROM region r "
	    "LEFT JOIN region p ON p.key = r.parent ORDER BY r.path",
	[ST_EACH_ORGAN] = "SELECT " STORE_ORGAN_COLS " FROM organ o",
	[ST_EACH_PERSON] = "SELECT key, id, name FROM person",
	[ST_EACH_PRINCIPAL] = "SELECT " STORE_TENURE_COLS " FROM tenure t "
	    "JOIN person p ON p.key = t.person JOIN organ o ON o.key = t.organ "
	    "JOIN region g ON g.key = o.region WHERE t.role = 'principal' AND "
	    "t.start <= ?2 AND (t.\"end\" IS NULL OR t.\"end\" >= ?1) "
	    "ORDER BY g.code, " ORGAN_ORDER ", o.id, t.start, p.id",
	/* CROSS JOIN fixes the order: from the region's subtree (its path
	 * range) down, by index; +g.code keeps the code index from being
	 * used to walk every region in order instead. Left to itself (no
	 * statistics) the planner scanned every tenure of the country for
	 * one county: 300 ms instead of 3. */
	[ST_EACH_PRINCIPAL_IN] = "SELECT " STORE_TENURE_COLS " FROM region g "
	    "CROSS JOIN organ o ON o.region = g.key CROSS JOIN tenure t ON "
	    "t.organ = o.key JOIN person p ON p.key = t.person WHERE "
	    "g.path >= ?3 AND "
	    "g.path < ?4 AND t.role = 'principal' AND t.start <= ?2 AND "
	    "(t.\"end\" IS NULL OR t.\"end\" >= ?1) "
	    "ORDER BY +g.code, " ORGAN_ORDER ", o.id, t.start, p.id",
	[ST_EACH_RECORD] = "SELECT " RECORD_COLS " FROM record r "
	    "WHERE r.date >= ?1 AND r.date <= ?2 AND r.status <> 'rejected'",
	/* The same fixed order: the region's organs, then each organ's
	 * records of the period by record_organ_list. Left to itself the
	 * planner walked record_date_list, every record of the country in
	 * the period, to keep one county's: 90 s instead of 0.1. */
	[ST_EACH_RECORD_IN] = "SELECT " RECORD_COLS " FROM region g "
	    "CROSS JOIN organ o ON o.region = g.key CROSS JOIN record r ON "
	    "r.organ = o.key WHERE g.path >= ?3 AND g.path < ?4 AND "
	    "r.date >= ?1 AND r.date <= ?2 AND r.status <> 'rejected'",
	[ST_EACH_PERSON_RECORD] = "SELECT " RECORD_COLS " FROM record r "
	    "WHERE r.kind = ?3 AND r.date >= ?1 AND r.date <= ?2 AND "
	    "r.person IS NOT NULL AND r.status <> 'rejected'",
	[ST_EACH_SCORE] = "SELECT person, duty, by, comment, score FROM score "
	    "WHERE year = ?1",
	[ST_EACH_SCORE_OF] = "SELECT person, duty, by, comment, score FROM "
	    "score WHERE person = ?2 AND year = ?1",
	[ST_MAX_ORGAN] = "SELECT coalesce(max(key), 0) FROM organ",
	[ST_MAX_PERSON] = "SELECT coalesce(max(key), 0) FROM person",
	[ST_EVAL_RUN] = "INSERT INTO eval_run(at, year, region, ruleset, "
	    "version, digest, results) VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_AUDIT_LAST] = "SELECT seq, hash FROM audit ORDER BY seq DESC "
	    "LIMIT 1",
	[ST_AUDIT_INSERT] = "INSERT INTO audit(seq, time, actor, action, "
	    "entity, success, digest, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9)",
	[ST_EACH_AUDIT] = "SELECT " STORE_AUDIT_COLS " FROM audit ORDER BY seq",
	[ST_DATA_VERSION] = "SELECT seq, hash FROM data_version WHERE id = 1",
};

int
store_fail(struct store *s, const char *what)
{
	snprintf(s->err, sizeof s->err, "%s: %s", what, db_error(s->conn));
	return -1;
}

/* Where PostgreSQL needs other text: SQLite's planner hints (CROSS JOIN
 * fixing the join order, + keeping an index out) are not its syntax, and
 * its planner picks that order from its statistics. */
static const char *const sql_pg[ST_COUNT - SLOT_CORE] = {
	[ST_EACH_PRINCIPAL_IN] = "SELECT " STORE_TENURE_COLS " FROM region g "
	    "JOIN organ o ON o.region = g.key JOIN tenure t ON "
	    "t.organ = o.key JOIN person p ON p.key = t.person WHERE "
	    "g.path >= ?3 AND "
	    "g.path < ?4 AND t.role = 'principal' AND t.start <= ?2 AND "
	    "(t.\"end\" IS NULL OR t.\"end\" >= ?1) "
	    "ORDER BY g.code, " ORGAN_ORDER ", o.id, t.start, p.id",
	[ST_EACH_RECORD_IN] = "SELECT " RECORD_COLS " FROM region g "
	    "JOIN organ o ON o.region = g.key JOIN record r ON r.organ = o.key "
	    "WHERE g.path >= ?3 AND g.path < ?4 AND r.date >= ?1 AND "
	    "r.date <= ?2 AND r.status <> 'rejected'",
};

/* This file's statements: slots from SLOT_CORE, SQL from the tables. */
static struct db_stmt *
stmt(struct store *s, enum stmt_id id)
{
	return store_stmt(s, id, store_sql(s, sql[id - SLOT_CORE],
	    sql_pg[id - SLOT_CORE]));
}

const char *
store_error(const struct store *s)
{
	return s->err;
}

struct db_stmt *
store_stmt(struct store *s, int id, const char *text)
{
	struct db_stmt *st = s->cache[id];
	if (st == NULL) {
		s->cache[id] = db_prepare(s->conn, text);
		if (s->cache[id] == NULL)
			store_fail(s, "prepare");
		return s->cache[id];
	}
	db_reset(st);
	return st;
}

/* st with a bound from ?first on; NULL (its preparation failed) stays
 * NULL, which the runners below answer with -1. */
static struct db_stmt *
bound(struct db_stmt *st, int first, size_t n, struct db_arg *a)
{
	if (st != NULL)
		db_bind_args(st, first, n, a);
	return st;
}

int
store_run(struct store *s, struct db_stmt *st, const char *what)
{
	if (st == NULL)
		return -1;
	int rc = db_step(st);
	if (rc < 0) {
		store_fail(s, what);
		db_reset(st);
		return -1;
	}
	db_reset(st);
	return 0;
}

int
store_exec(struct store *s, struct db_stmt *st, const char *what, size_t n,
    struct db_arg *a)
{
	return store_run(s, bound(st, 1, n, a), what);
}

int
store_iterate(struct store *s, struct db_stmt *st, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx)
{
	if (st == NULL)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int r = row(st, cb, ctx);
		if (r) {
			db_reset(st);
			return r;
		}
	}
	if (rc < 0)
		store_fail(s, what);
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_each(struct store *s, struct db_stmt *st, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx,
    size_t n, struct db_arg *a)
{
	return store_iterate(s, bound(st, 1, n, a), what, row, cb, ctx);
}

int
store_changed(struct store *s, struct db_stmt *st, const char *what)
{
	if (store_run(s, st, what))
		return -1;
	return db_changes(s->conn) > 0;
}

int
store_change(struct store *s, struct db_stmt *st, const char *what,
    size_t n, struct db_arg *a)
{
	return store_changed(s, bound(st, 1, n, a), what);
}

int
store_insert_one(struct store *s, struct db_stmt *st, const char *what)
{
	if (store_run(s, st, what))
		return -1;
	if (db_changes(s->conn) == 0) {
		snprintf(s->err, sizeof s->err, "%s: a referenced row does not "
		    "exist", what);
		return -1;
	}
	return 0;
}

int
store_add(struct store *s, struct db_stmt *st, const char *what, size_t n,
    struct db_arg *a)
{
	return store_insert_one(s, bound(st, 1, n, a), what);
}

/* store_get's row: the caller's row, then stop at the first. */
struct first {
	int (*row)(struct db_stmt *, void *, void *);
	void *cb;
};

static int
first_row(struct db_stmt *st, void *first, void *ctx)
{
	const struct first *f = first;
	f->row(st, f->cb, ctx);
	return 1;
}

int
store_get(struct store *s, struct db_stmt *st, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx)
{
	struct first f = {row, cb};
	int rc = store_iterate(s, st, what, first_row, &f, ctx);
	return rc < 0 ? -1 : rc > 0;
}

int
store_one(struct store *s, struct db_stmt *st, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx,
    size_t n, struct db_arg *a)
{
	return store_get(s, bound(st, 1, n, a), what, row, cb, ctx);
}

int
store_one_text(struct store *s, struct db_stmt *st, const char *what,
    char *out, size_t len, size_t n, struct db_arg *a)
{
	st = bound(st, 1, n, a);
	return st != NULL ? store_first_text(s, st, what, out, len) : -1;
}

int
store_first_text(struct store *s, struct db_stmt *st, const char *what,
    char *out, size_t n)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		snprintf(out, n, "%s", db_col_text(st, 0));
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(s, what);
}

void
store_bind_subtree(struct db_stmt *st, int i, const char *path,
    char end[512])
{
	store_path_end(path, end, 512);
	db_bind_text(st, i, path);
	db_bind_text(st, i + 1, end);
}

const char *
store_sql(const struct store *s, const char *text, const char *pg)
{
	return pg != NULL && db_backend(s->conn) == DB_POSTGRES ? pg : text;
}

void
store_utc_now(char out[32])
{
	date_utc_now(out);
}

void
store_path_end(const char *path, char *out, size_t n)
{
	size_t len = strlen(path);
	if (len >= n)
		len = n - 1;
	memmove(out, path, len);
	out[len] = '\0';
	if (len > 0)
		out[len - 1] = '0';
}

struct store *
store_open(const char *url, int create, char *err, size_t errlen)
{
	struct store *s = calloc(1, sizeof *s);
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->conn = db_open(url, create, err, errlen);
	if (s->conn == NULL) {
		free(s);
		return NULL;
	}
	s->db = db_sqlite_handle(s->conn);
	if (s->db != NULL ? schema_sqlite_migrate(s->conn, s->err,
	    sizeof s->err) : schema_pg_migrate(s->conn, s->err,
	    sizeof s->err)) {
		snprintf(err, errlen, "%s: %s", url, s->err);
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
		db_finalize(s->cache[i]);
	store_sqlite_release(s);
	db_close(s->conn);
	free(s);
}

int
store_schema_version(struct store *s)
{
	return (int)(s->db != NULL ? schema_sqlite_count() :
	    schema_pg_count());
}

int
store_begin(struct store *s)
{
	store_touch_clear(s);
	return db_begin(s->conn) ? store_fail(s, "begin") : 0;
}

/* Each statement outside a transaction is a transaction of its own (on
 * SQLite a shared lock, the WAL's read mark and a check of the file each):
 * a request's several reads go faster in one. */
int
store_begin_read(struct store *s)
{
	if (db_in_transaction(s->conn))
		return -1;
	return db_begin_read(s->conn) ? store_fail(s, "begin") : 0;
}

void
store_end_read(struct store *s)
{
	/* A read-only transaction has nothing to commit or lose. */
	if (db_in_transaction(s->conn) && store_commit(s))
		store_rollback(s);
}

int
store_in_transaction(struct store *s)
{
	return db_in_transaction(s->conn);
}

void
store_note(struct store *s, void (*fn)(const void *, size_t),
    const void *note, size_t len)
{
	if (len > sizeof s->note)
		len = sizeof s->note;
	memcpy(s->note, note, len);
	s->note_len = len;
	s->on_commit = fn;
}

const void *
store_note_of(const struct store *s, size_t *len)
{
	*len = s->note_len;
	return s->on_commit != NULL ? s->note : NULL;
}

int
store_refuse(struct store *s, const char *msg)
{
	snprintf(s->err, sizeof s->err, "%s", msg);
	return -1;
}

int
store_commit(struct store *s)
{
	void (*fn)(const void *, size_t) = s->on_commit;
	unsigned char note[STORE_NOTE_MAX];
	size_t len = s->note_len;
	memcpy(note, s->note, len);
	s->on_commit = NULL;
	s->note_len = 0;
	store_touch_clear(s);
	if (db_commit(s->conn))
		return store_fail(s, "commit");
	if (fn != NULL)
		fn(note, len);
	return 0;
}

int
store_rollback(struct store *s)
{
	s->on_commit = NULL;
	s->note_len = 0;
	store_touch_clear(s);
	store_sqlite_forget_bulk(s);
	return db_rollback(s->conn) ? store_fail(s, "rollback") : 0;
}

typedef int (*region_cb)(void *, const struct store_region *);
typedef int (*organ_cb)(void *, const struct store_organ *);
typedef int (*person_cb)(void *, const struct store_person *);
typedef int (*tenure_cb)(void *, const struct store_tenure *);
typedef int (*record_cb)(void *, const struct store_record *);
typedef int (*score_cb)(void *, const struct store_score *);
typedef int (*audit_cb)(void *, const struct store_audit *);

/* The rows read here and in store-web.c, one field table each, in the
 * order of the columns their statements select (store-int.h). */
#define COL(type, m, t) { #m, NULL, NULL, t, 0, 0, 0, NULL, offsetof(type, m) }
#define G(m, t) COL(struct store_region, m, t)
static const struct attr region_cols[] = {
	G(key, ATTR_INT64), G(code, ATTR_TEXT), G(name, ATTR_TEXT),
	G(level, ATTR_TEXT), G(parent, ATTR_TEXT),
};
#undef G
#define O(m, t) COL(struct store_organ, m, t)
static const struct attr organ_cols[] = {
	O(key, ATTR_INT64), O(region_key, ATTR_INT64), O(id, ATTR_TEXT),
	O(name, ATTR_TEXT), O(kind, ATTR_TEXT),
};
#undef O
#define P(m, t) COL(struct store_person, m, t)
static const struct attr person_cols[] = {
	P(key, ATTR_INT64), P(id, ATTR_TEXT), P(name, ATTR_TEXT),
};
#undef P
/* STORE_TENURE_COLS, and t.role in the tenure listings (store-web.c). */
#define T(m) COL(struct store_tenure, m, ATTR_TEXT)
static const struct attr tenure_cols[] = {
	COL(struct store_tenure, person_key, ATTR_INT64),
	COL(struct store_tenure, organ_key, ATTR_INT64),
	T(tenure_id), T(person_id), T(person_name), T(organ_id), T(organ_name),
	T(organ_kind), T(region_code), T(region_name), T(region_level),
	COL(struct store_tenure, start, ATTR_DAY),
	COL(struct store_tenure, end, ATTR_DAY),
	T(role),
};
#undef T
#define R(m, t) COL(struct store_record, m, t)
static const struct attr record_cols[] = {
	R(organ_key, ATTR_INT64), R(person_key, ATTR_INT64), R(id, ATTR_TEXT),
	R(kind, ATTR_TEXT), R(status, ATTR_TEXT), R(doc, ATTR_TEXT),
	R(date, ATTR_DAY),
};
#undef R
#define S(m, t) COL(struct store_score, m, t)
static const struct attr score_cols[] = {
	S(person_key, ATTR_INT64), S(duty, ATTR_TEXT), S(by, ATTR_TEXT),
	S(comment, ATTR_TEXT),
};
#undef S
#define A(m, t) COL(struct store_audit, m, t)
static const struct attr audit_cols[] = {
	A(seq, ATTR_INT64), A(time, ATTR_TEXT), A(actor, ATTR_TEXT),
	A(action, ATTR_TEXT), A(entity, ATTR_TEXT), A(success, ATTR_INT),
	A(digest, ATTR_TEXT), A(prev, ATTR_TEXT), A(hash, ATTR_TEXT),
};
#undef A
#undef COL

const struct entity store_region_row = ENTITY("region", region_cols);
const struct entity store_organ_row = ENTITY("organ", organ_cols);
const struct entity store_audit_row = ENTITY("audit", audit_cols);
const struct entity store_tenure_row = {"tenure", tenure_cols,
	sizeof tenure_cols / sizeof tenure_cols[0] - 1};
const struct entity store_tenure_role_row = ENTITY("tenure", tenure_cols);
static const struct entity person_row_ent = ENTITY("person", person_cols);
static const struct entity record_row_ent = ENTITY("record", record_cols);
static const struct entity score_row_ent = ENTITY("score", score_cols);

STORE_ENTITY_ROW(region_row, struct store_region, &store_region_row)
STORE_ENTITY_ROW(organ_row, struct store_organ, &store_organ_row)
STORE_ENTITY_ROW(person_row, struct store_person, &person_row_ent)
STORE_ENTITY_ROW(tenure_row, struct store_tenure, &store_tenure_row)
STORE_ENTITY_ROW(record_row, struct store_record, &record_row_ent)
STORE_ENTITY_ROW(audit_row, struct store_audit, &store_audit_row)

int
store_each_region(struct store *s, region_cb cb, void *ctx)
{
	return store_each(s, stmt(s, ST_EACH_REGION), "regions", region_row,
	    (void *)cb, ctx, 0, NULL);
}

int
store_each_organ(struct store *s, organ_cb cb, void *ctx)
{
	return store_each(s, stmt(s, ST_EACH_ORGAN), "organs", organ_row,
	    (void *)cb, ctx, 0, NULL);
}

int
store_each_person(struct store *s, person_cb cb, void *ctx)
{
	return store_each(s, stmt(s, ST_EACH_PERSON), "persons", person_row,
	    (void *)cb, ctx, 0, NULL);
}

/* Binds ?3 and ?4 to the subtree range of region; returns 0 or -1. */
static int
bind_subtree(struct store *s, struct db_stmt *st, const char *region,
    char path[512], char end[512])
{
	int found = store_region_path(s, region, path, 512);
	if (found <= 0) {
		if (found == 0)
			snprintf(s->err, sizeof s->err, "unknown region '%s'",
			    region);
		return -1;
	}
	store_bind_subtree(st, 3, path, end);
	return 0;
}

/* The statements with a region take the subtree range as ?3, ?4. */
static struct db_stmt *
ranged(struct store *s, enum stmt_id all, enum stmt_id in, date_t from,
    date_t to, const char *region, char d[2][11], char path[2][512])
{
	struct db_stmt *st = stmt(s, region ? in : all);
	if (st == NULL)
		return NULL;
	db_bind_date(st, 1, from, d[0]);
	db_bind_date(st, 2, to, d[1]);
	if (region != NULL && bind_subtree(s, st, region, path[0], path[1]))
		return NULL;
	return st;
}

int
store_each_principal(struct store *s, date_t from, date_t to,
    const char *region, tenure_cb cb, void *ctx)
{
	char d[2][11], path[2][512];
	struct db_stmt *st = ranged(s, ST_EACH_PRINCIPAL, ST_EACH_PRINCIPAL_IN,
	    from, to, region, d, path);
	return store_each(s, st, "tenures", tenure_row, (void *)cb, ctx, 0,
	    NULL);
}

int
store_each_record(struct store *s, date_t from, date_t to,
    const char *region, record_cb cb, void *ctx)
{
	char d[2][11], path[2][512];
	struct db_stmt *st = ranged(s, ST_EACH_RECORD, ST_EACH_RECORD_IN, from,
	    to, region, d, path);
	if (st != NULL)
		db_stream(st);
	return store_each(s, st, "records", record_row, (void *)cb, ctx, 0,
	    NULL);
}

int
store_each_person_record(struct store *s, const char *kind, date_t from,
    date_t to, record_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, ST_EACH_PERSON_RECORD);
	if (st != NULL)
		db_stream(st);
	return store_each(s, st, "records", record_row, (void *)cb, ctx,
	    DB_ARGS(DB_DATE(from), DB_DATE(to), DB_TEXT(kind)));
}

/* A score: its table's columns, then the score itself, the one column
 * that no field type reads (entity tables have no real numbers). */
static int
score_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_score r = {0};
	r.score = db_col_double(st, store_read_entity(st, 0, &score_row_ent, &r));
	return ((score_cb)cb)(ctx, &r);
}

int
store_each_score(struct store *s, int year, score_cb cb, void *ctx)
{
	return store_each(s, stmt(s, ST_EACH_SCORE), "scores", score_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT(year)));
}

int
store_each_score_of(struct store *s, int year, int64_t person_key,
    score_cb cb, void *ctx)
{
	return store_each(s, stmt(s, ST_EACH_SCORE_OF), "scores", score_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT(year), DB_INT64(person_key)));
}

static int64_t
scalar(struct store *s, enum stmt_id id)
{
	struct db_stmt *st = stmt(s, id);
	if (st == NULL)
		return -1;
	int64_t v = -1;
	if (db_step(st) == DB_ROW)
		v = db_col_int64(st, 0);
	else
		store_fail(s, "query");
	db_reset(st);
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
	char now[32];
	store_utc_now(now);
	return store_exec(s, stmt(s, ST_EVAL_RUN), "evaluation run",
	    DB_ARGS(DB_INT(year), DB_TEXT(region), DB_TEXT(ruleset),
	    DB_TEXT(version), DB_TEXT(digest), DB_INT64(results),
	    DB_TEXT(now)));
}

/* The seq and hash of the one row id's statement reads (0 and "" when
 * there is none). */
static int
seq_hash(struct store *s, enum stmt_id id, const char *what, int64_t *seq,
    char *hash, size_t n)
{
	struct db_stmt *st = stmt(s, id);
	if (st == NULL)
		return -1;
	int rc = db_step(st);
	*seq = 0;
	snprintf(hash, n, "%s", "");
	if (rc == DB_ROW) {
		*seq = db_col_int64(st, 0);
		snprintf(hash, n, "%s", db_col_text(st, 1));
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : store_fail(s, what);
}

int
store_audit_last(struct store *s, int64_t *seq, char *hash, size_t n)
{
	return seq_hash(s, ST_AUDIT_LAST, "audit", seq, hash, n);
}

int
store_data_version(struct store *s, int64_t *seq, char *hash, size_t n)
{
	return seq_hash(s, ST_DATA_VERSION, "data version", seq, hash, n);
}

int
store_audit_insert(struct store *s, const struct store_audit *a)
{
	return store_exec(s, stmt(s, ST_AUDIT_INSERT), "audit",
	    DB_ARGS(DB_INT64(a->seq), DB_TEXT(a->time), DB_TEXT(a->actor),
	    DB_TEXT(a->action), DB_TEXT(a->entity), DB_INT(a->success),
	    DB_TEXT(a->digest), DB_TEXT(a->prev), DB_TEXT(a->hash)));
}

int
store_each_audit(struct store *s, audit_cb cb, void *ctx)
{
	return store_each(s, stmt(s, ST_EACH_AUDIT), "audit", audit_row,
	    (void *)cb, ctx, 0, NULL);
}
