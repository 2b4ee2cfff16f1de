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
	K_ANY = SLOT_CLOSURE,
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
	K_END
};

_Static_assert((int)K_END <= (int)STORE_SLOTS, "store-closure.c: slots");

#define CLOSURE_COLS "key, year, region, path, closed_by, closed_at, " \
	"reason, ruleset, version, digest, versions, head"
/* A closure c holds the region path p. */
#define HOLDS(c, p) "substr(" p ", 1, length(" c ".path)) = " c ".path"

static struct db_stmt *
stmt(struct store *s, int id)
{
	static const char *const sql[K_END - SLOT_CLOSURE] = {
		[K_ANY - SLOT_CLOSURE] = "SELECT count(*) FROM closure",
		[K_ANY_YEAR - SLOT_CLOSURE] = "SELECT count(*) FROM closure "
		    "WHERE year = ?1",
		[K_COVERING - SLOT_CLOSURE] = "SELECT " CLOSURE_COLS " FROM "
		    "closure WHERE year = ?1 AND substr(CAST(?2 AS TEXT), 1, "
		    "length(path)) = path ORDER BY length(path) LIMIT 1",
		[K_EACH - SLOT_CLOSURE] = "SELECT " CLOSURE_COLS " FROM "
		    "closure WHERE year = ?1 AND (substr(CAST(?2 AS TEXT), 1, "
		    "length(path)) = path OR (path >= ?2 AND path < ?3)) "
		    "ORDER BY length(path), path",
		[K_ADD - SLOT_CLOSURE] = "INSERT INTO closure(year, region, "
		    "path, closed_by, closed_at, reason, ruleset, version, "
		    "digest, versions, head) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		    "?7, ?8, ?9, ?10, ?11)",
		[K_REMOVE_RESULTS - SLOT_CLOSURE] = "DELETE FROM closure_result "
		    "WHERE closure = ?1",
		[K_REMOVE - SLOT_CLOSURE] = "DELETE FROM closure WHERE key = ?1",
		[K_FROZEN_ADD - SLOT_CLOSURE] = "INSERT INTO closure_result("
		    "closure, seq, path, code, rank, organ, start, person, doc) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		[K_FROZEN - SLOT_CLOSURE] = "SELECT r.path, r.code, r.rank, "
		    "r.organ, r.start, r.person, r.doc FROM closure_result r "
		    "JOIN closure c ON c.key = r.closure WHERE c.year = ?1 AND "
		    "r.path >= ?2 AND r.path < ?3 ORDER BY r.code, r.rank, "
		    "r.organ, r.start, r.person",
		[K_CODES - SLOT_CLOSURE] = "SELECT DISTINCT g.code FROM region g "
		    "JOIN closure c ON " HOLDS("c", "g.path") " WHERE c.year = ?1",
		[K_RECORD - SLOT_CLOSURE] = "SELECT count(*) FROM record r "
		    "JOIN organ o ON o.key = r.organ JOIN region g ON "
		    "g.key = o.region JOIN closure c ON c.year = CAST(substr("
		    "r.date, 1, 4) AS INTEGER) AND " HOLDS("c", "g.path")
		    " WHERE r.id = ?1",
		[K_ORGAN - SLOT_CLOSURE] = "SELECT count(*) FROM organ o JOIN "
		    "region g ON g.key = o.region JOIN closure c ON "
		    HOLDS("c", "g.path") " WHERE o.key = ?1 AND c.year = ?2",
		[K_SCORE - SLOT_CLOSURE] = "SELECT count(*) FROM tenure t JOIN "
		    "organ o ON o.key = t.organ JOIN region g ON g.key = "
		    "o.region JOIN closure c ON " HOLDS("c", "g.path")
		    " WHERE t.person = ?1 AND c.year = ?2 AND t.start <= ?4 AND "
		    "(t.\"end\" IS NULL OR t.\"end\" >= ?3)",
		[K_SET_YEAR - SLOT_CLOSURE] = "UPDATE closure SET year = ?2 "
		    "WHERE key = ?1",
		[K_LOG_ADD - SLOT_CLOSURE] = "INSERT INTO closure_log(year, "
		    "region, action, actor, at, reason, path) VALUES (?1, ?2, "
		    "?3, ?4, ?5, ?6, ?7)",
		[K_LOG - SLOT_CLOSURE] = "SELECT year, region, action, actor, at, "
		    "reason FROM closure_log WHERE year = ?1 AND (substr(CAST(?2 "
		    "AS TEXT), 1, length(path)) = path OR (path >= ?2 AND path "
		    "< ?3)) ORDER BY key DESC LIMIT 50",
		[K_FROZEN_OF - SLOT_CLOSURE] = "SELECT r.path, r.code, r.rank, "
		    "r.organ, r.start, r.person, r.doc, c.closed_at FROM "
		    "closure_result r JOIN closure c ON c.key = r.closure WHERE "
		    "c.year = ?1 AND r.person = ?2 AND r.organ = ?3 ORDER BY "
		    "r.start DESC LIMIT 1",
	};
	return store_stmt(s, id, sql[id - SLOT_CLOSURE]);
}

/* The count st answers: 1 when positive, 0, or -1. */
static int
positive(struct store *s, struct db_stmt *st)
{
	int rc = db_step(st);
	int64_t n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_reset(st);
	return rc == DB_ROW ? n > 0 : store_fail(s, "closure");
}

int
store_closure_any(struct store *s, int year)
{
	struct db_stmt *st = stmt(s, year ? K_ANY_YEAR : K_ANY);
	if (st == NULL)
		return -1;
	if (year)
		db_bind_int(st, 1, year);
	return positive(s, st);
}

/* Binds v as ?i, or NULL. */
static void
bind_opt(struct db_stmt *st, int i, const char *v)
{
	if (v != NULL)
		db_bind_text(st, i, v);
	else
		db_bind_null(st, i);
}

static const char *
text_or_null(struct db_stmt *st, int i)
{
	return db_col_null(st, i) ? NULL : db_col_text(st, i);
}

static int
closure_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_closure c = { .key = db_col_int64(st, 0),
		.year = db_col_int(st, 1), .region = text_or_null(st, 2),
		.path = db_col_text(st, 3), .closed_by = db_col_text(st, 4),
		.closed_at = db_col_text(st, 5), .reason = text_or_null(st, 6),
		.ruleset = db_col_text(st, 7), .version = db_col_text(st, 8),
		.digest = db_col_text(st, 9), .versions = db_col_text(st, 10),
		.head = db_col_text(st, 11) };
	return ((closure_cb)cb)(ctx, &c);
}

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
	struct db_stmt *st = stmt(s, K_COVERING);
	if (st == NULL)
		return -1;
	db_bind_int(st, 1, year);
	db_bind_text(st, 2, path);
	struct first f = { cb, ctx, 0 };
	int rc = store_iterate(s, st, "closure", closure_row, (void *)first_row,
	    &f);
	return rc ? rc : f.found;
}

int
store_each_closure(struct store *s, int year, const char *path,
    closure_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, K_EACH);
	char end[512];
	if (st == NULL)
		return -1;
	db_bind_int(st, 1, year);
	store_bind_subtree(st, 2, path, end);
	return store_iterate(s, st, "closure", closure_row, (void *)cb, ctx);
}

int
store_closure_add(struct store *s, const struct store_closure *c,
    int64_t *key)
{
	struct db_stmt *st = stmt(s, K_ADD);
	if (st == NULL)
		return -1;
	db_bind_int(st, 1, c->year);
	bind_opt(st, 2, c->region);
	db_bind_text(st, 3, c->path);
	db_bind_text(st, 4, c->closed_by);
	db_bind_text(st, 5, c->closed_at);
	bind_opt(st, 6, c->reason);
	db_bind_text(st, 7, c->ruleset);
	db_bind_text(st, 8, c->version);
	db_bind_text(st, 9, c->digest);
	db_bind_text(st, 10, c->versions);
	db_bind_text(st, 11, c->head);
	if (store_run(s, st, "closure"))
		return -1;
	*key = db_last_id(s->conn);
	return 0;
}

int
store_closure_remove(struct store *s, int64_t key)
{
	struct db_stmt *st = stmt(s, K_REMOVE_RESULTS);
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, key);
	if (store_run(s, st, "closure_result") || (st = stmt(s, K_REMOVE)) ==
	    NULL)
		return -1;
	db_bind_int64(st, 1, key);
	return store_changed(s, st, "closure");
}

int
store_frozen_add(struct store *s, int64_t closure, int64_t seq,
    const struct store_frozen *f)
{
	struct db_stmt *st = stmt(s, K_FROZEN_ADD);
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, closure);
	db_bind_int64(st, 2, seq);
	db_bind_text(st, 3, f->path);
	db_bind_text(st, 4, f->code);
	db_bind_int(st, 5, f->rank);
	db_bind_text(st, 6, f->organ);
	db_bind_text(st, 7, f->start);
	db_bind_text(st, 8, f->person);
	db_bind_text(st, 9, f->doc);
	return store_run(s, st, "closure_result");
}

static int
frozen_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_frozen f = { .path = db_col_text(st, 0),
		.code = db_col_text(st, 1), .rank = db_col_int(st, 2),
		.organ = db_col_text(st, 3), .start = db_col_text(st, 4),
		.person = db_col_text(st, 5), .doc = db_col_text(st, 6) };
	f.len = strlen(f.doc);
	return ((frozen_cb)cb)(ctx, &f);
}

int
store_each_frozen(struct store *s, int year, const char *path, frozen_cb cb,
    void *ctx)
{
	struct db_stmt *st = stmt(s, K_FROZEN);
	char end[512];
	if (st == NULL)
		return -1;
	db_bind_int(st, 1, year);
	store_bind_subtree(st, 2, path, end);
	return store_iterate(s, st, "closure_result", frozen_row, (void *)cb,
	    ctx);
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
	struct db_stmt *st = stmt(s, K_CODES);
	if (st == NULL)
		return -1;
	db_bind_int(st, 1, year);
	return store_iterate(s, st, "closure", code_row, (void *)cb, ctx);
}

int
store_record_closed(struct store *s, const char *id, int64_t organ,
    date_t date)
{
	struct db_stmt *st;
	if (id != NULL) {
		if ((st = stmt(s, K_RECORD)) == NULL)
			return -1;
		db_bind_text(st, 1, id);
		int rc = positive(s, st);
		if (rc != 0)
			return rc;
	}
	if (organ <= 0 || date == DATE_NONE)
		return 0;
	if ((st = stmt(s, K_ORGAN)) == NULL)
		return -1;
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	db_bind_int64(st, 1, organ);
	db_bind_int(st, 2, y);
	return positive(s, st);
}

int
store_score_closed(struct store *s, int64_t person, int year)
{
	struct db_stmt *st = stmt(s, K_SCORE);
	char from[11], to[11];
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, person);
	db_bind_int(st, 2, year);
	db_bind_date(st, 3, date_from_ymd(year, 1, 1), from);
	db_bind_date(st, 4, date_from_ymd(year, 12, 31), to);
	return positive(s, st);
}

int
store_closure_set_year(struct store *s, int64_t key, int year)
{
	struct db_stmt *st = stmt(s, K_SET_YEAR);
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, key);
	db_bind_int(st, 2, year);
	return store_run(s, st, "closure");
}

int
store_closure_log_add(struct store *s, const struct store_closure_event *e)
{
	struct db_stmt *st = stmt(s, K_LOG_ADD);
	if (st == NULL)
		return -1;
	db_bind_int(st, 1, e->year);
	bind_opt(st, 2, e->region);
	db_bind_text(st, 3, e->action);
	db_bind_text(st, 4, e->actor);
	db_bind_text(st, 5, e->at);
	bind_opt(st, 6, e->reason);
	db_bind_text(st, 7, e->path);
	return store_run(s, st, "closure_log");
}

static int
event_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_closure_event e = { .year = db_col_int(st, 0),
		.region = text_or_null(st, 1), .action = db_col_text(st, 2),
		.actor = db_col_text(st, 3), .at = db_col_text(st, 4),
		.reason = text_or_null(st, 5) };
	return ((int (*)(void *, const struct store_closure_event *))cb)(ctx,
	    &e);
}

int
store_each_closure_event(struct store *s, int year, const char *path,
    int (*cb)(void *ctx, const struct store_closure_event *e), void *ctx)
{
	struct db_stmt *st = stmt(s, K_LOG);
	char end[512];
	if (st == NULL)
		return -1;
	db_bind_int(st, 1, year);
	store_bind_subtree(st, 2, path, end);
	return store_iterate(s, st, "closure_log", event_row, (void *)cb, ctx);
}

int
store_frozen_of(struct store *s, int year, const char *person,
    const char *organ, char sm3[SM3_HEX_LEN], char at[32])
{
	struct db_stmt *st = stmt(s, K_FROZEN_OF);
	if (st == NULL)
		return -1;
	db_bind_int(st, 1, year);
	db_bind_text(st, 2, person);
	db_bind_text(st, 3, organ);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		const char *d = db_col_text(st, 6);
		if (sm3_hex(d, strlen(d), sm3))
			rc = -1;
		snprintf(at, 32, "%s", db_col_text(st, 7));
	}
	db_reset(st);
	if (rc < 0)
		return store_fail(s, "closure_result");
	return rc == DB_ROW;
}
