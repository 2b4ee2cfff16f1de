/*
 * The store's reports (store-reports.h): the report table, its
 * state moves as guarded UPDATEs, and the portal's FTS5 index with the
 * trigram tokenizer (schema migration 3), which finds Chinese substrings
 * of three characters or more without a word segmenter. Shorter queries
 * fall back to instr() over the indexed text, so that % and _ in a query
 * are plain characters and nothing needs escaping.
 */
#include <stdio.h>
#include <string.h>

#include "store/store-reports.h"
#include "store/store-int.h"

enum {
	R_ADD = SLOT_REPORTS,
	R_GET,
	R_EACH,
	R_COUNT,
	R_EDIT,
	R_SIGN,
	R_LOCK,
	R_PUBLISH,
	R_INDEX,
	R_SEARCH_FTS,
	R_SEARCH_SCAN,
	R_REGIONS,
	R_YEARS,
	R_KIND_COUNTS,
	R_END
};

_Static_assert((int)R_END <= (int)SLOT_LOGIN, "statement slots");

#define REPORT_COLS \
	"SELECT r.key, r.id, r.kind, r.year, o.id, o.name, o.kind, g.code, " \
	"g.name, p.id, p.name, r.title, r.body, r.recipients, r.status, " \
	"r.signed_by, r.signed_at, r.locked_at, r.published_on, " \
	"r.created_by, r.created_at, r.updated_at"
#define REPORT_JOIN \
	" JOIN organ o ON o.key = r.organ JOIN region g ON g.key = o.region " \
	"LEFT JOIN person p ON p.key = r.person"
/* Region codes starting with the parameter p (when set). The cast names
 * the type PostgreSQL cannot infer for length(). */
#define CODE_PREFIX(p) \
	"(" p " IS NULL OR substr(g.code, 1, length(CAST(" p " AS TEXT))) = " \
	p ")"
/* The listing's filters: each applies only when its parameter is set. */
#define REPORT_WHERE \
	" WHERE (?1 IS NULL OR (g.path >= ?1 AND g.path < ?2)) AND " \
	CODE_PREFIX("?3") " AND " \
	"(?4 IS NULL OR o.id = ?4) AND (?5 IS NULL OR p.id = ?5) AND " \
	"(?6 IS NULL OR r.kind = ?6) AND (?7 IS NULL OR r.status = ?7) AND " \
	"(?8 = 0 OR r.year = ?8)"
/* The search's filters, published reports only. */
#define SEARCH_WHERE \
	" AND r.status = 'published' AND " CODE_PREFIX("?3") " AND " \
	"(?4 = 0 OR r.year = ?4)"
/* Without FTS5's snippet(): some text around the first hit of ?2. */
#define AT "instr(report_fts.body, ?2)"
#define SCAN_SNIPPET \
	"CASE WHEN " AT " > 0 THEN (CASE WHEN " AT " > 25 THEN '…' ELSE '' " \
	"END) || substr(report_fts.body, max(1, " AT " - 24), min(24, " AT \
	" - 1)) || char(1) || substr(report_fts.body, " AT ", length(?2)) || " \
	"char(2) || substr(report_fts.body, " AT " + length(?2), 40) || " \
	"(CASE WHEN length(report_fts.body) > " AT " + length(?2) + 39 THEN " \
	"'…' ELSE '' END) ELSE substr(report_fts.body, 1, 64) || (CASE WHEN " \
	"length(report_fts.body) > 64 THEN '…' ELSE '' END) END"

static const char *const sql[] = {
	[R_ADD - SLOT_REPORTS] = "INSERT INTO report(id, kind, year, organ, "
	    "person, title, body, recipients, status, created_by, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft', ?9, ?10)",
	[R_GET - SLOT_REPORTS] = REPORT_COLS " FROM report r" REPORT_JOIN
	    " WHERE r.id = ?1",
	[R_EACH - SLOT_REPORTS] = REPORT_COLS " FROM report r" REPORT_JOIN
	    REPORT_WHERE " ORDER BY r.year DESC, g.code, o.id, r.id "
	    "LIMIT ?9 OFFSET ?10",
	[R_COUNT - SLOT_REPORTS] = "SELECT count(*) FROM report r" REPORT_JOIN
	    REPORT_WHERE,
	[R_EDIT - SLOT_REPORTS] = "UPDATE report SET title = ?2, body = ?3, "
	    "recipients = ?4, updated_at = ?5 WHERE id = ?1 AND "
	    "status = 'draft'",
	[R_SIGN - SLOT_REPORTS] = "UPDATE report SET status = 'signed', "
	    "signed_by = ?2, signed_at = ?3, updated_at = ?3 WHERE id = ?1 "
	    "AND status = 'draft'",
	[R_LOCK - SLOT_REPORTS] = "UPDATE report SET status = 'locked', "
	    "locked_at = ?2, updated_at = ?2 WHERE id = ?1 AND "
	    "status = 'signed'",
	[R_PUBLISH - SLOT_REPORTS] = "UPDATE report SET status = 'published', "
	    "published_on = ?2, updated_at = ?3 WHERE id = ?1 AND "
	    "status = 'locked' AND kind = 'annual'",
	[R_INDEX - SLOT_REPORTS] = "INSERT INTO report_fts(rowid, title, body) "
	    "VALUES (?1, ?2, ?3)",
	[R_SEARCH_FTS - SLOT_REPORTS] = REPORT_COLS ", snippet(report_fts, -1, "
	    "char(1), char(2), '…', 24) FROM report_fts JOIN report r ON "
	    "r.key = report_fts.rowid" REPORT_JOIN " WHERE report_fts MATCH ?1"
	    SEARCH_WHERE " ORDER BY report_fts.rank, r.id LIMIT ?5",
	[R_SEARCH_SCAN - SLOT_REPORTS] = REPORT_COLS ", " SCAN_SNIPPET
	    " FROM report_fts JOIN report r ON r.key = report_fts.rowid"
	    REPORT_JOIN " WHERE (instr(report_fts.title, ?2) > 0 OR " AT
	    " > 0)" SEARCH_WHERE " ORDER BY r.published_on DESC, r.id "
	    "LIMIT ?5",
	[R_REGIONS - SLOT_REPORTS] = "SELECT DISTINCT a.code, a.name, a.level, "
	    "a.path FROM report r JOIN organ o ON o.key = r.organ JOIN region g "
	    "ON g.key = o.region JOIN region a ON substr(g.path, 1, "
	    "length(a.path)) = a.path WHERE r.status = 'published' "
	    "ORDER BY a.path",
	[R_YEARS - SLOT_REPORTS] = "SELECT DISTINCT year FROM report WHERE "
	    "status = 'published' ORDER BY year DESC",
	[R_KIND_COUNTS - SLOT_REPORTS] = "SELECT kind, count(*), "
	    "sum(CASE WHEN status = 'verified' THEN 1 ELSE 0 END) FROM record "
	    "WHERE organ = ?1 AND "
	    "date >= ?2 AND date <= ?3 AND status <> 'rejected' "
	    "GROUP BY kind ORDER BY kind",
};

/*
 * PostgreSQL has no FTS5: report_fts is a plain table there (schema-pg.c)
 * and a search reads it, case-insensitively as the trigram index does.
 * With match given (every term three characters or more) a report must
 * hold each whitespace-separated term of ?2, as FTS5's phrases AND-ed;
 * without, ?2 whole, as the scan above. Hits come newest first.
 */
#define PG_TERM "(regexp_split_to_array(btrim(?2), '\\s+'))[1]"
#define PG_AT(t) "strpos(lower(report_fts.body), lower(" t "))"
#define PG_SNIPPET(t) \
	"CASE WHEN " PG_AT(t) " > 0 THEN (CASE WHEN " PG_AT(t) " > 25 THEN " \
	"'…' ELSE '' END) || substr(report_fts.body, greatest(1, " PG_AT(t) \
	" - 24), least(24, " PG_AT(t) " - 1)) || chr(1) || " \
	"substr(report_fts.body, " PG_AT(t) ", length(" t ")) || chr(2) || " \
	"substr(report_fts.body, " PG_AT(t) " + length(" t "), 40) || " \
	"(CASE WHEN length(report_fts.body) > " PG_AT(t) " + length(" t ") + " \
	"39 THEN '…' ELSE '' END) ELSE substr(report_fts.body, 1, 64) || " \
	"(CASE WHEN length(report_fts.body) > 64 THEN '…' ELSE '' END) END"
#define PG_HAS(t) \
	"(strpos(lower(report_fts.title), lower(" t ")) > 0 OR " \
	"strpos(lower(report_fts.body), lower(" t ")) > 0)"

static const char *const sql_pg[R_END - SLOT_REPORTS] = {
	[R_SEARCH_FTS - SLOT_REPORTS] = REPORT_COLS ", " PG_SNIPPET(PG_TERM)
	    " FROM report_fts JOIN report r ON r.key = report_fts.rowid"
	    REPORT_JOIN " WHERE CAST(?1 AS TEXT) IS NOT NULL AND NOT EXISTS "
	    "(SELECT 1 FROM regexp_split_to_table(btrim(?2), '\\s+') w "
	    "WHERE NOT " PG_HAS("w") ")" SEARCH_WHERE " ORDER BY "
	    "r.published_on DESC, r.id LIMIT ?5",
	[R_SEARCH_SCAN - SLOT_REPORTS] = REPORT_COLS ", " PG_SNIPPET("?2")
	    " FROM report_fts JOIN report r ON r.key = report_fts.rowid"
	    REPORT_JOIN " WHERE " PG_HAS("?2") SEARCH_WHERE " ORDER BY "
	    "r.published_on DESC, r.id LIMIT ?5",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, id, store_sql(s, sql[id - SLOT_REPORTS],
	    sql_pg[id - SLOT_REPORTS]));
}

static void
fill(struct db_stmt *st, struct store_report *r)
{
	*r = (struct store_report){
		.key = db_col_int64(st, 0),
		.id = db_col_text(st, 1),
		.kind = db_col_text(st, 2),
		.year = db_col_int(st, 3),
		.organ = db_col_text(st, 4),
		.organ_name = db_col_text(st, 5),
		.organ_kind = db_col_text(st, 6),
		.region = db_col_text(st, 7),
		.region_name = db_col_text(st, 8),
		.person = db_col_text(st, 9),
		.person_name = db_col_text(st, 10),
		.title = db_col_text(st, 11),
		.body = db_col_text(st, 12),
		.recipients = db_col_text(st, 13),
		.status = db_col_text(st, 14),
		.signed_by = db_col_text(st, 15),
		.signed_at = db_col_text(st, 16),
		.locked_at = db_col_text(st, 17),
		.published_on = db_col_text(st, 18),
		.created_by = db_col_text(st, 19),
		.created_at = db_col_text(st, 20),
		.updated_at = db_col_text(st, 21),
	};
}

static int
report_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_report r;
	fill(st, &r);
	return ((store_report_cb)cb)(ctx, &r);
}

int
store_report_add(struct store *s, const char *id, const char *kind,
    int year, int64_t organ_key, int64_t person_key, const char *title,
    const char *body, const char *recipients, const char *by,
    const char *now)
{
	struct db_stmt *st = stmt(s, R_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, kind);
	db_bind_int(st, 3, year);
	db_bind_key(st, 4, organ_key);
	db_bind_key(st, 5, person_key);
	db_bind_text(st, 6, title);
	db_bind_text(st, 7, body);
	db_bind_text(st, 8, recipients);
	db_bind_text(st, 9, by);
	db_bind_text(st, 10, now);
	return store_run(s, st, "report");
}

int
store_report_get(struct store *s, const char *id, store_report_cb cb,
    void *ctx)
{
	return store_get_text(s, stmt(s, R_GET), 1, id, "report", report_row,
	    (void *)cb, ctx);
}

/* Binds the filter as ?1..?8; end keeps the path's upper bound alive. */
static void
bind_filter(struct db_stmt *st, const struct store_report_filter *f,
    char end[512])
{
	if (f->path != NULL && *f->path != '\0')
		store_bind_subtree(st, 1, f->path, end);
	db_bind_text(st, 3, f->prefix);
	db_bind_text(st, 4, f->organ);
	db_bind_text(st, 5, f->person);
	db_bind_text(st, 6, f->kind);
	db_bind_text(st, 7, f->status);
	db_bind_int(st, 8, f->year);
}

int
store_each_report(struct store *s, const struct store_report_filter *f,
    store_report_cb cb, void *ctx)
{
	char end[512];
	struct db_stmt *st = stmt(s, R_EACH);
	if (st == NULL)
		return -1;
	bind_filter(st, f, end);
	db_bind_int(st, 9, f->limit > 0 ? f->limit : 50);
	db_bind_int(st, 10, f->offset > 0 ? f->offset : 0);
	return store_iterate(s, st, "reports", report_row, (void *)cb, ctx);
}

long
store_count_reports(struct store *s, const struct store_report_filter *f)
{
	char end[512];
	struct db_stmt *st = stmt(s, R_COUNT);
	if (st == NULL)
		return -1;
	bind_filter(st, f, end);
	long n = -1;
	if (db_step(st) == DB_ROW)
		n = (long)db_col_int64(st, 0);
	else
		store_fail(s, "reports");
	db_reset(st);
	return n;
}

/* A guarded UPDATE of the report with texts v[0..n) as ?1..?n:
 * store_changed's 1, 0 or -1. */
static int
move(struct store *s, int slot, const char *const *v, int n)
{
	struct db_stmt *st = stmt(s, slot);
	if (st == NULL)
		return -1;
	for (int i = 0; i < n; i++)
		db_bind_text(st, i + 1, v[i]);
	return store_changed(s, st, "report");
}

int
store_report_edit(struct store *s, const char *id, const char *title,
    const char *body, const char *recipients, const char *now)
{
	const char *v[] = { id, title, body, recipients, now };
	return move(s, R_EDIT, v, 5);
}

int
store_report_sign(struct store *s, const char *id, const char *by,
    const char *now)
{
	const char *v[] = { id, by, now };
	return move(s, R_SIGN, v, 3);
}

int
store_report_lock(struct store *s, const char *id, const char *now)
{
	const char *v[] = { id, now };
	return move(s, R_LOCK, v, 2);
}

int
store_report_publish(struct store *s, const char *id, const char *on,
    const char *now)
{
	const char *v[] = { id, on, now };
	return move(s, R_PUBLISH, v, 3);
}

int
store_report_index(struct store *s, int64_t key, const char *title,
    const char *text)
{
	struct db_stmt *st = stmt(s, R_INDEX);
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, key);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3, text);
	return store_run(s, st, "report index");
}

typedef int (*hit_cb)(void *, const struct store_report *, const char *);

static int
hit_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_report r;
	fill(st, &r);
	return ((hit_cb)cb)(ctx, &r, db_col_text(st, 22));
}

int
store_report_search(struct store *s, const char *match, const char *q,
    const char *prefix, int year, int limit, hit_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, match ? R_SEARCH_FTS : R_SEARCH_SCAN);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, match);
	db_bind_text(st, 2, q);
	db_bind_text(st, 3, prefix);
	db_bind_int(st, 4, year);
	db_bind_int(st, 5, limit < 1 ? 1 : limit > 200 ? 200 : limit);
	return store_iterate(s, st, "search", hit_row, (void *)cb, ctx);
}

typedef int (*region_cb)(void *, const char *, const char *, const char *);

static int
region_row(struct db_stmt *st, void *cb, void *ctx)
{
	return ((region_cb)cb)(ctx, db_col_text(st, 0), db_col_text(st, 1),
	    db_col_text(st, 2));
}

int
store_each_report_region(struct store *s, region_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, R_REGIONS);
	return st ? store_iterate(s, st, "report regions", region_row, (void *)cb,
	    ctx) : -1;
}

typedef int (*year_cb)(void *, int);

static int
year_row(struct db_stmt *st, void *cb, void *ctx)
{
	return ((year_cb)cb)(ctx, db_col_int(st, 0));
}

int
store_each_report_year(struct store *s, year_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, R_YEARS);
	return st ? store_iterate(s, st, "report years", year_row, (void *)cb,
	    ctx) : -1;
}

typedef int (*kind_cb)(void *, const char *, long, long);

static int
kind_row(struct db_stmt *st, void *cb, void *ctx)
{
	return ((kind_cb)cb)(ctx, db_col_text(st, 0),
	    (long)db_col_int64(st, 1), (long)db_col_int64(st, 2));
}

int
store_report_kind_counts(struct store *s, int64_t organ_key, date_t from,
    date_t to, kind_cb cb, void *ctx)
{
	char a[11], b[11];
	struct db_stmt *st = stmt(s, R_KIND_COUNTS);
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, organ_key);
	db_bind_date(st, 2, from, a);
	db_bind_date(st, 3, to, b);
	return store_iterate(s, st, "record counts", kind_row, (void *)cb, ctx);
}
