/*
 * Closed years (store-closure.h): the closures, their frozen results, and
 * the one question every writer asks, whether a row lies in a closed year.
 */
#include "store/store-closure.h"

#include <stdio.h>
#include <string.h>

#include "base/sm3.h"
#include "store/store-int.h"

enum {
	K_ANY,
	K_ANY_YEAR,
	K_COVERING,
	K_EACH,
	K_ADD,
	K_REMOVE_RESULTS,
	K_REMOVE,
	K_FROZEN_ADD,
	K_FROZEN,
	K_CODES,
	K_RECORD,
	K_ORGAN,
	K_SCORE,
	K_SET_YEAR,
	K_LOG_ADD,
	K_LOG,
	K_FROZEN_OF,
	K_PAGE,
	K_COUNT,
	K_HOLDING,
	K_END
};

_Static_assert(SLOT_CLOSURE + K_END <= SLOT_FINDINGS, "store-closure.c: slots");

#define CLOSURE_COLS "key, year, region, path, closed_by, closed_at, " \
	"reason, ruleset, version, digest, versions, head"
/* A closure c holds the region path p. */
#define HOLDS(c, p) "substr(" p ", 1, length(" c ".path)) = " c ".path"

static struct db_stmt *
stmt(struct store *s, int id)
{
	static const char *const sql[K_END] = {
		[K_ANY] = "SELECT count(*) FROM closure",
		[K_ANY_YEAR] = "SELECT count(*) FROM closure "
		    "WHERE year = ?1",
		[K_COVERING] = "SELECT " CLOSURE_COLS " FROM "
		    "closure WHERE year = ?1 AND substr(CAST(?2 AS TEXT), 1, "
		    "length(path)) = path ORDER BY length(path) LIMIT 1",
		[K_EACH] = "SELECT " CLOSURE_COLS " FROM "
		    "closure WHERE year = ?1 AND (substr(CAST(?2 AS TEXT), 1, "
		    "length(path)) = path OR (path >= ?2 AND path < ?3)) "
		    "ORDER BY length(path), path",
		[K_ADD] = "INSERT INTO closure(year, region, "
		    "path, closed_by, closed_at, reason, ruleset, version, "
		    "digest, versions, head) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		    "?7, ?8, ?9, ?10, ?11)",
		[K_REMOVE_RESULTS] = "DELETE FROM closure_result "
		    "WHERE closure = ?1",
		[K_REMOVE] = "DELETE FROM closure WHERE key = ?1",
		[K_FROZEN_ADD] = "INSERT INTO closure_result("
		    "closure, seq, path, code, rank, organ, start, person, doc) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		[K_FROZEN] = "SELECT r.path, r.code, r.rank, "
		    "r.organ, r.start, r.person, r.doc FROM closure_result r "
		    "JOIN closure c ON c.key = r.closure WHERE c.year = ?1 AND "
		    "r.path >= ?2 AND r.path < ?3 ORDER BY r.code, r.rank, "
		    "r.organ, r.start, r.person",
		[K_CODES] = "SELECT DISTINCT g.code FROM region g "
		    "JOIN closure c ON " HOLDS("c", "g.path") " WHERE c.year = ?1",
		[K_RECORD] = "SELECT count(*) FROM record r "
		    "JOIN organ o ON o.key = r.organ JOIN region g ON "
		    "g.key = o.region JOIN closure c ON c.year = CAST(substr("
		    "r.date, 1, 4) AS INTEGER) AND " HOLDS("c", "g.path")
		    " WHERE r.id = ?1",
		[K_ORGAN] = "SELECT count(*) FROM organ o JOIN "
		    "region g ON g.key = o.region JOIN closure c ON "
		    HOLDS("c", "g.path") " WHERE o.key = ?1 AND c.year = ?2",
		[K_SCORE] = "SELECT count(*) FROM tenure t JOIN "
		    "organ o ON o.key = t.organ JOIN region g ON g.key = "
		    "o.region JOIN closure c ON " HOLDS("c", "g.path")
		    " WHERE t.person = ?1 AND c.year = ?2 AND t.start <= ?4 AND "
		    "(t.\"end\" IS NULL OR t.\"end\" >= ?3)",
		[K_SET_YEAR] = "UPDATE closure SET year = ?2 "
		    "WHERE key = ?1",
		[K_LOG_ADD] = "INSERT INTO closure_log(year, "
		    "region, action, actor, at, reason, path) VALUES (?1, ?2, "
		    "?3, ?4, ?5, ?6, ?7)",
		[K_LOG] = "SELECT year, region, action, actor, at, "
		    "reason, path FROM closure_log WHERE year = ?1 AND (substr("
		    "CAST(?2 AS TEXT), 1, length(path)) = path OR (path >= ?2 "
		    "AND path < ?3)) ORDER BY key DESC LIMIT 50",
		/* K_EACH a page at a time, and its count (a closure per
		 * region of a year at most: 39,071 on the national data). */
		[K_PAGE] = "SELECT " CLOSURE_COLS " FROM "
		    "closure WHERE year = ?1 AND (substr(CAST(?2 AS TEXT), 1, "
		    "length(path)) = path OR (path >= ?2 AND path < ?3)) "
		    "ORDER BY length(path), path LIMIT ?4 OFFSET ?5",
		[K_COUNT] = "SELECT count(*) FROM closure WHERE year = ?1 AND "
		    "(substr(CAST(?2 AS TEXT), 1, length(path)) = path OR "
		    "(path >= ?2 AND path < ?3))",
		/* Those holding the path: one per level above it at most. */
		[K_HOLDING] = "SELECT " CLOSURE_COLS " FROM closure WHERE "
		    "year = ?1 AND substr(CAST(?2 AS TEXT), 1, length(path)) = "
		    "path ORDER BY length(path)",
		[K_FROZEN_OF] = "SELECT r.path, r.code, r.rank, "
		    "r.organ, r.start, r.person, r.doc, c.closed_at FROM "
		    "closure_result r JOIN closure c ON c.key = r.closure WHERE "
		    "c.year = ?1 AND r.person = ?2 AND r.organ = ?3 ORDER BY "
		    "r.start DESC LIMIT 1",
	};
	return store_stmt(s, SLOT_CLOSURE + id, sql[id]);
}

/* A closure's row, column by column in CLOSURE_COLS' order. */
#define C(m, type) STORE_COL(struct store_closure, m, type)
static const struct attr closure_cols[] = {
	C(key, ATTR_INT64), C(year, ATTR_INT), C(region, ATTR_TEXT),
	C(path, ATTR_TEXT), C(closed_by, ATTR_TEXT), C(closed_at, ATTR_TEXT),
	C(reason, ATTR_TEXT), C(ruleset, ATTR_TEXT), C(version, ATTR_TEXT),
	C(digest, ATTR_TEXT), C(versions, ATTR_TEXT), C(head, ATTR_TEXT),
};
#undef C
static const struct entity closure_row_entity = ENTITY("closure",
    closure_cols);

/* A frozen result's row (K_FROZEN's columns; len is the doc's). */
#define F(m, type) STORE_COL(struct store_frozen, m, type)
static const struct attr frozen_cols[] = {
	F(path, ATTR_TEXT), F(code, ATTR_TEXT), F(rank, ATTR_INT),
	F(organ, ATTR_TEXT), F(start, ATTR_TEXT), F(person, ATTR_TEXT),
	F(doc, ATTR_TEXT),
};
#undef F
static const struct entity frozen_row_entity = ENTITY("closure_result",
    frozen_cols);

/* An event's row (K_LOG's columns). */
#define E(m, type) STORE_COL(struct store_closure_event, m, type)
static const struct attr event_cols[] = {
	E(year, ATTR_INT), E(region, ATTR_TEXT), E(action, ATTR_TEXT),
	E(actor, ATTR_TEXT), E(at, ATTR_TEXT), E(reason, ATTR_TEXT),
	E(path, ATTR_TEXT),
};
#undef E
static const struct entity event_row_entity = ENTITY("closure_log",
    event_cols);

/* The count statement slot answers for its arguments: 1 when positive,
 * 0, or -1. */
static int
positive(struct store *s, int slot, size_t n, struct db_arg *a)
{
	int64_t count = 0;
	if (store_one(s, stmt(s, slot), "closure", store_int64_row, NULL,
	    &count, n, a) < 0)
		return -1;
	return count > 0;
}

int
store_closure_any(struct store *s, int year)
{
	if (year)
		return positive(s, K_ANY_YEAR, DB_ARGS(DB_INT(year)));
	return positive(s, K_ANY, 0, NULL);
}

STORE_ENTITY_ROW(closure_row, struct store_closure, &closure_row_entity)

struct first {
	closure_cb cb;
	void *ctx;
	int found;
};

static int
first_row(void *ctx, const struct store_closure *c)
{
	struct first *f = ctx;
	f->found = 1;
	return f->cb(f->ctx, c);
}

int
store_closure_covering(struct store *s, int year, const char *path,
    closure_cb cb, void *ctx)
{
	struct first f = { cb, ctx, 0 };
	int rc = store_each(s, stmt(s, K_COVERING), "closure", closure_row,
	    (void *)first_row, &f, DB_ARGS(DB_INT(year), DB_TEXT(path)));
	return rc ? rc : f.found;
}

int
store_each_closure(struct store *s, int year, const char *path,
    closure_cb cb, void *ctx)
{
	char end[512];
	store_path_end(path, end, sizeof end);
	return store_each(s, stmt(s, K_EACH), "closure", closure_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT(year), DB_TEXT(path),
	    DB_TEXT(end)));
}

int
store_page_closure(struct store *s, int year, const char *path,
    long offset, long limit, closure_cb cb, void *ctx)
{
	char end[512];
	store_path_end(path, end, sizeof end);
	return store_each(s, stmt(s, K_PAGE), "closure", closure_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT(year), DB_TEXT(path),
	    DB_TEXT(end), DB_INT64(limit > 0 ? limit : 50),
	    DB_INT64(offset > 0 ? offset : 0)));
}

long
store_count_closure(struct store *s, int year, const char *path)
{
	char end[512];
	long n = 0;
	store_path_end(path, end, sizeof end);
	if (store_each(s, stmt(s, K_COUNT), "closure", store_count_row, NULL,
	    &n, DB_ARGS(DB_INT(year), DB_TEXT(path), DB_TEXT(end))) < 0)
		return -1;
	return n;
}

int
store_each_closure_holding(struct store *s, int year, const char *path,
    closure_cb cb, void *ctx)
{
	return store_each(s, stmt(s, K_HOLDING), "closure", closure_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT(year), DB_TEXT(path)));
}

int
store_closure_add(struct store *s, const struct store_closure *c,
    int64_t *key)
{
	if (store_exec(s, stmt(s, K_ADD), "closure", DB_ARGS(DB_INT(c->year),
	    DB_TEXT(c->region), DB_TEXT(c->path), DB_TEXT(c->closed_by),
	    DB_TEXT(c->closed_at), DB_TEXT(c->reason), DB_TEXT(c->ruleset),
	    DB_TEXT(c->version), DB_TEXT(c->digest), DB_TEXT(c->versions),
	    DB_TEXT(c->head))))
		return -1;
	*key = db_last_id(s->conn);
	return 0;
}

int
store_closure_remove(struct store *s, int64_t key)
{
	if (store_exec(s, stmt(s, K_REMOVE_RESULTS), "closure_result",
	    DB_ARGS(DB_INT64(key))))
		return -1;
	return store_change(s, stmt(s, K_REMOVE), "closure",
	    DB_ARGS(DB_INT64(key)));
}

int
store_frozen_add(struct store *s, int64_t closure, int64_t seq,
    const struct store_frozen *f)
{
	return store_exec(s, stmt(s, K_FROZEN_ADD), "closure_result",
	    DB_ARGS(DB_INT64(closure), DB_INT64(seq), DB_TEXT(f->path),
	    DB_TEXT(f->code), DB_INT(f->rank), DB_TEXT(f->organ),
	    DB_TEXT(f->start), DB_TEXT(f->person), DB_TEXT(f->doc)));
}

static int
frozen_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_frozen f;
	store_read_entity(st, 0, &frozen_row_entity, &f);
	f.len = strlen(f.doc);
	return ((frozen_cb)cb)(ctx, &f);
}

int
store_each_frozen(struct store *s, int year, const char *path, frozen_cb cb,
    void *ctx)
{
	char end[512];
	store_path_end(path, end, sizeof end);
	return store_each(s, stmt(s, K_FROZEN), "closure_result", frozen_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT(year), DB_TEXT(path),
	    DB_TEXT(end)));
}

static int
code_row(struct db_stmt *st, void *cb, void *ctx)
{
	return ((int (*)(void *, const char *))cb)(ctx, db_col_text(st, 0));
}

int
store_each_closed_code(struct store *s, int year,
    int (*cb)(void *ctx, const char *code), void *ctx)
{
	return store_each(s, stmt(s, K_CODES), "closure", code_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT(year)));
}

int
store_record_closed(struct store *s, const char *id, int64_t organ,
    date_t date)
{
	if (id != NULL) {
		int rc = positive(s, K_RECORD, DB_ARGS(DB_TEXT(id)));
		if (rc != 0)
			return rc;
	}
	if (organ <= 0 || date == DATE_NONE)
		return 0;
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	return positive(s, K_ORGAN, DB_ARGS(DB_INT64(organ), DB_INT(y)));
}

int
store_score_closed(struct store *s, int64_t person, int year)
{
	return positive(s, K_SCORE, DB_ARGS(DB_INT64(person), DB_INT(year),
	    DB_DATE(date_from_ymd(year, 1, 1)),
	    DB_DATE(date_from_ymd(year, 12, 31))));
}

int
store_closure_set_year(struct store *s, int64_t key, int year)
{
	return store_exec(s, stmt(s, K_SET_YEAR), "closure",
	    DB_ARGS(DB_INT64(key), DB_INT(year)));
}

int
store_closure_log_add(struct store *s, const struct store_closure_event *e)
{
	return store_exec(s, stmt(s, K_LOG_ADD), "closure_log",
	    DB_ARGS(DB_INT(e->year), DB_TEXT(e->region), DB_TEXT(e->action),
	    DB_TEXT(e->actor), DB_TEXT(e->at), DB_TEXT(e->reason),
	    DB_TEXT(e->path)));
}

STORE_ENTITY_ROW(event_row, struct store_closure_event, &event_row_entity)

int
store_each_closure_event(struct store *s, int year, const char *path,
    int (*cb)(void *ctx, const struct store_closure_event *e), void *ctx)
{
	char end[512];
	store_path_end(path, end, sizeof end);
	return store_each(s, stmt(s, K_LOG), "closure_log", event_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT(year), DB_TEXT(path),
	    DB_TEXT(end)));
}

/* K_FROZEN_OF's row: the SM3 of its JSON (column 6) and the closure's
 * time (column 7). */
struct frozen_sum {
	char *sm3, *at;
	int bad;
};

static int
frozen_sum_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct frozen_sum *f = ctx;
	const char *d = db_col_text(st, 6);
	(void)cb;
	f->bad = sm3_hex(d, strlen(d), f->sm3) != 0;
	snprintf(f->at, 32, "%s", db_col_text(st, 7));
	return 0;
}

int
store_frozen_of(struct store *s, int year, const char *person,
    const char *organ, char sm3[SM3_HEX_LEN], char at[32])
{
	struct frozen_sum f = { sm3, at, 0 };
	int rc = store_one(s, stmt(s, K_FROZEN_OF), "closure_result",
	    frozen_sum_row, NULL, &f, DB_ARGS(DB_INT(year), DB_TEXT(person),
	    DB_TEXT(organ)));
	return f.bad ? store_fail(s, "closure_result") : rc;
}
