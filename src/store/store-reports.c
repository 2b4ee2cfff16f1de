/*
 * The store's reports (store-reports.h): the report table, its
 * state moves as guarded UPDATEs, and the portal's FTS5 index with the
 * trigram tokenizer (schema migration 3), which finds Chinese substrings
 * of three characters or more without a word segmenter. Shorter queries
 * fall back to instr() over the indexed text, so that % and _ in a query
 * are plain characters and nothing needs escaping.
 */
#include <stddef.h>
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
	R_REF,
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
	" WHERE " STORE_UNDER " AND " CODE_PREFIX("?3") " AND " \
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
	/* What a word of a report's text names in the store, for the
	 * publication check: the first table holding it as an id (an
	 * account by its name), by number (store-reports.h). */
	[R_REF - SLOT_REPORTS] = "SELECT k FROM (SELECT 1 AS k FROM record "
	    "WHERE id = ?1 UNION ALL SELECT 2 FROM person WHERE id = ?1 UNION "
	    "ALL SELECT 3 FROM organ WHERE id = ?1 UNION ALL SELECT 4 FROM "
	    "tenure WHERE id = ?1 UNION ALL SELECT 5 FROM account WHERE name = "
	    "?1 UNION ALL SELECT 6 FROM report WHERE id = ?1 UNION ALL SELECT 7 "
	    "FROM rectification WHERE id = ?1 UNION ALL SELECT 8 FROM interview "
	    "WHERE id = ?1 UNION ALL SELECT 9 FROM inspection WHERE id = ?1 "
	    "UNION ALL SELECT 10 FROM finding WHERE id = ?1 UNION ALL SELECT 11 "
	    "FROM notice WHERE id = ?1 UNION ALL SELECT 12 FROM acase WHERE id "
	    "= ?1) AS refs ORDER BY k LIMIT 1",
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

/* A report's row: REPORT_COLS in this order. The store's own table
 * (labels unused): the domain encodes reports from its report_doc. */
#define T(m, col, type) { #m, (col), NULL, (type), 0, 0, 0, NULL, \
	offsetof(struct store_report, m) }
static const struct attr report_attrs[] = {
	T(key, "r.key", ATTR_INT64),
	T(id, "r.id", ATTR_TEXT),
	T(kind, "r.kind", ATTR_TEXT),
	T(year, "r.year", ATTR_YEAR),
	T(organ, "o.id", ATTR_TEXT),
	T(organ_name, "o.name", ATTR_TEXT),
	T(organ_kind, "o.kind", ATTR_TEXT),
	T(region, "g.code", ATTR_TEXT),
	T(region_name, "g.name", ATTR_TEXT),
	T(person, "p.id", ATTR_TEXT),
	T(person_name, "p.name", ATTR_TEXT),
	T(title, "r.title", ATTR_TEXT),
	T(body, "r.body", ATTR_TEXT),
	T(recipients, "r.recipients", ATTR_TEXT),
	T(status, "r.status", ATTR_TEXT),
	T(signed_by, "r.signed_by", ATTR_TEXT),
	T(signed_at, "r.signed_at", ATTR_TEXT),
	T(locked_at, "r.locked_at", ATTR_TEXT),
	T(published_on, "r.published_on", ATTR_TEXT),
	T(created_by, "r.created_by", ATTR_TEXT),
	T(created_at, "r.created_at", ATTR_TEXT),
	T(updated_at, "r.updated_at", ATTR_TEXT),
};
#undef T
static const struct entity report_entity = ENTITY("report", report_attrs);

STORE_ENTITY_ROW(report_row, struct store_report, &report_entity)

int
store_report_add(struct store *s, const char *id, const char *kind,
    int year, int64_t organ_key, int64_t person_key, const char *title,
    const char *body, const char *recipients, const char *by,
    const char *now)
{
	return store_exec(s, stmt(s, R_ADD), "report", DB_ARGS(DB_TEXT(id),
	    DB_TEXT(kind), DB_INT(year), DB_KEY(organ_key), DB_KEY(person_key),
	    DB_TEXT(title), DB_TEXT(body), DB_TEXT(recipients), DB_TEXT(by),
	    DB_TEXT(now)));
}

int
store_report_get(struct store *s, const char *id, store_report_cb cb,
    void *ctx)
{
	return store_one(s, stmt(s, R_GET), "report", report_row, (void *)cb,
	    ctx, DB_ARGS(DB_TEXT(id)));
}

/* The filter's ?3..?8 after the path's subtree (store_each_under), and
 * for the listing ?9 and ?10 its limit and offset. */
#define REPORT_FILTER_ARGS(f) DB_TEXT((f)->prefix), DB_TEXT((f)->organ), \
	DB_TEXT((f)->person), DB_TEXT((f)->kind), DB_TEXT((f)->status), \
	DB_INT((f)->year)

int
store_each_report(struct store *s, const struct store_report_filter *f,
    store_report_cb cb, void *ctx)
{
	return store_each_under(s, stmt(s, R_EACH), f->path, "reports",
	    report_row, (void *)cb, ctx, DB_ARGS(REPORT_FILTER_ARGS(f),
	    STORE_PAGE(f->limit, f->offset)));
}

long
store_count_reports(struct store *s, const struct store_report_filter *f)
{
	long n = -1;
	if (store_each_under(s, stmt(s, R_COUNT), f->path, "reports",
	    store_count_row, NULL, &n, DB_ARGS(REPORT_FILTER_ARGS(f))))
		return -1;
	return n;
}

/* A guarded UPDATE of the report, a its ?1..?n: 1, 0 or -1. */
static int
move(struct store *s, int slot, size_t n, struct db_arg *a)
{
	return store_change(s, stmt(s, slot), "report", n, a);
}

int
store_report_edit(struct store *s, const char *id, const char *title,
    const char *body, const char *recipients, const char *now)
{
	return move(s, R_EDIT, DB_ARGS(DB_TEXT(id), DB_TEXT(title),
	    DB_TEXT(body), DB_TEXT(recipients), DB_TEXT(now)));
}

int
store_report_sign(struct store *s, const char *id, const char *by,
    const char *now)
{
	return move(s, R_SIGN, DB_ARGS(DB_TEXT(id), DB_TEXT(by), DB_TEXT(now)));
}

int
store_report_lock(struct store *s, const char *id, const char *now)
{
	return move(s, R_LOCK, DB_ARGS(DB_TEXT(id), DB_TEXT(now)));
}

int
store_report_publish(struct store *s, const char *id, const char *on,
    const char *now)
{
	return move(s, R_PUBLISH, DB_ARGS(DB_TEXT(id), DB_TEXT(on),
	    DB_TEXT(now)));
}

int
store_report_index(struct store *s, int64_t key, const char *title,
    const char *text)
{
	return store_exec(s, stmt(s, R_INDEX), "report index",
	    DB_ARGS(DB_INT64(key), DB_TEXT(title), DB_TEXT(text)));
}

typedef int (*hit_cb)(void *, const struct store_report *, const char *);

/* A report's row with its snippet in the column after. */
static int
hit_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_report r;
	int snippet = store_read_entity(st, 0, &report_entity, &r);
	return ((hit_cb)cb)(ctx, &r, db_col_text(st, snippet));
}

int
store_report_search(struct store *s, const char *match, const char *q,
    const char *prefix, int year, int limit, hit_cb cb, void *ctx)
{
	return store_each(s, stmt(s, match ? R_SEARCH_FTS : R_SEARCH_SCAN),
	    "search", hit_row, (void *)cb, ctx, DB_ARGS(DB_TEXT(match),
	    DB_TEXT(q), DB_TEXT(prefix), DB_INT(year),
	    DB_INT(limit < 1 ? 1 : limit > 200 ? 200 : limit)));
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
	return store_each(s, stmt(s, R_REGIONS), "report regions", region_row,
	    (void *)cb, ctx, 0, NULL);
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
	return store_each(s, stmt(s, R_YEARS), "report years", year_row,
	    (void *)cb, ctx, 0, NULL);
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
	return store_each(s, stmt(s, R_KIND_COUNTS), "record counts", kind_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT64(organ_key), DB_DATE(from),
	    DB_DATE(to)));
}

int
store_report_ref(struct store *s, const char *word)
{
	int64_t k = 0;
	int rc = store_one(s, stmt(s, R_REF), "reference", store_int64_row,
	    NULL, &k, DB_ARGS(DB_TEXT(word)));
	return rc < 0 ? -1 : rc == 0 ? 0 : (int)k;
}
