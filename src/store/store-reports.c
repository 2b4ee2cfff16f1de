/*
 * The store's reports (store-reports.h): the report table, its
 * state moves as guarded UPDATEs, and the portal's index: the text as
 * written (report_text, for the snippets) and folded (report_fold, an
 * FTS5 index with the trigram tokenizer: base/fold.h), which finds
 * Chinese substrings of three characters or more without a word
 * segmenter. Shorter terms fall back to instr() over the folded text, so
 * that % and _ in a query are plain characters and nothing needs
 * escaping.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fold.h"

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
	R_NUMBER,
	R_INDEX_FOLD,
	R_REF,
	R_STAMP,
	R_FINAL,
	R_FINAL_TEXT,
	R_END
};

_Static_assert((int)R_END <= (int)SLOT_LOGIN, "statement slots");

#define REPORT_COLS \
	"SELECT r.key, r.id, r.kind, r.year, o.id, o.name, o.kind, g.code, " \
	"g.name, p.id, p.name, r.title, r.body, r.recipients, r.status, " \
	"r.signed_by, r.signed_at, r.locked_at, r.published_on, " \
	"r.created_by, r.created_at, r.updated_at, " DOC_YEAR ", " DOC_SEQ \
	", " FINAL("dated") ", " FINAL("stamped_by") ", " FINAL("stamped_at") \
	", " FINAL("sm3") ", " FINAL("size") ", " FINAL("uploaded_by") ", " \
	FINAL("uploaded_at")
/* The report's 发文字号 (doc_number), NULL before it is issued. */
#define DOC_YEAR "(SELECT n.year FROM doc_number n WHERE n.report = r.key)"
#define DOC_SEQ "(SELECT n.seq FROM doc_number n WHERE n.report = r.key)"
/* Its 定稿 (report_final): NULL before it is stamped, the file's columns
 * before a final is uploaded. */
#define FINAL(c) "(SELECT f." c " FROM report_final f WHERE f.report = r.key)"
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
/*
 * The search reads report_fold (the folded text, base/fold.h) beside
 * report_text (the text as written, for the snippet). ?2 is the folded
 * terms as a JSON array, each required in the title or the text; the
 * hits come by the terms found in the title, then by how often the
 * terms occur, then newest first (published, then the year reported
 * on). The same on both backends but for the names of instr() and of
 * the JSON array's rows, so that both give the same hits in the same
 * order. AT(hay, needle): the position of needle in hay, 0 when not.
 */
#define SEARCH_FROM \
	" FROM report_fold JOIN report_text t ON t.rowid = report_fold.rowid" \
	" JOIN report r ON r.key = report_fold.rowid" REPORT_JOIN
#define SEARCH_HAS(AT, TERMS) \
	"NOT EXISTS (SELECT 1 FROM " TERMS " WHERE " \
	AT("report_fold.title", "w.value") " = 0 AND " \
	AT("report_fold.body", "w.value") " = 0)"
#define SEARCH_RANK(AT, TERMS) \
	" ORDER BY (SELECT count(*) FROM " TERMS " WHERE " \
	AT("report_fold.title", "w.value") " > 0) DESC, (SELECT " \
	"sum((length(report_fold.title) + length(report_fold.body) - " \
	"length(replace(report_fold.title, w.value, '')) - " \
	"length(replace(report_fold.body, w.value, ''))) / length(w.value)) " \
	"FROM " TERMS ") DESC, r.published_on DESC, r.year DESC, r.id " \
	"LIMIT ?5"
#define INSTR(h, n) "instr(" h ", " n ")"
#define SQLITE_TERMS "json_each(?2) w"

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
	[R_INDEX - SLOT_REPORTS] = "INSERT INTO report_text(rowid, title, body) "
	    "VALUES (?1, ?2, ?3)",
	/* Trigrams for terms of three characters or more (?1, an FTS5
	 * expression of them all), a scan of the text for shorter ones. */
	[R_SEARCH_FTS - SLOT_REPORTS] = REPORT_COLS ", t.body" SEARCH_FROM
	    " WHERE report_fold MATCH ?1 AND " SEARCH_HAS(INSTR, SQLITE_TERMS)
	    SEARCH_WHERE SEARCH_RANK(INSTR, SQLITE_TERMS),
	[R_SEARCH_SCAN - SLOT_REPORTS] = REPORT_COLS ", t.body" SEARCH_FROM
	    " WHERE " SEARCH_HAS(INSTR, SQLITE_TERMS) SEARCH_WHERE
	    SEARCH_RANK(INSTR, SQLITE_TERMS),
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
	[R_NUMBER - SLOT_REPORTS] = "INSERT INTO doc_number(report, organ, "
	    "year, seq) SELECT r.key, r.organ, ?2, coalesce((SELECT max(n.seq) "
	    "FROM doc_number n WHERE n.organ = r.organ AND n.year = ?2), 0) + 1 "
	    "FROM report r WHERE r.id = ?1",
	[R_INDEX_FOLD - SLOT_REPORTS] = "INSERT INTO report_fold(rowid, "
	    "title, body) VALUES (?1, ?2, ?3)",
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
	/* A draft's 定稿: once (the primary key), a draft only. */
	[R_STAMP - SLOT_REPORTS] = "INSERT INTO report_final(report, dated, "
	    "stamped_by, stamped_at) SELECT key, ?2, ?3, ?4 FROM report WHERE "
	    "id = ?1 AND status = 'draft'",
	[R_FINAL - SLOT_REPORTS] = "UPDATE report_final SET sm3 = ?2, "
	    "size = ?3, text = ?4, uploaded_by = ?5, uploaded_at = ?6 WHERE "
	    "report = (SELECT key FROM report WHERE id = ?1 AND "
	    "status = 'draft')",
	[R_FINAL_TEXT - SLOT_REPORTS] = "SELECT f.text FROM report_final f "
	    "JOIN report r ON r.key = f.report WHERE r.id = ?1 AND "
	    "f.text IS NOT NULL",
};

/*
 * PostgreSQL has no FTS5: report_fold is a plain table there
 * (schema-pg.c), which a search reads by substring, ?1 or not. When
 * every term has three characters or more, the first is also looked
 * for with LIKE over title and text joined by a blank (which no term
 * holds), which the pg_trgm GIN index report_fold_trgm answers where the
 * extension was had (a migration); the same rows either way, strpos()
 * deciding.
 */
#define PG_AT(h, n) "strpos(" h ", " n ")"
#define PG_TERMS "json_array_elements_text(CAST(?2 AS json)) w(value)"
#define PG_LIKE_FIRST \
	"(report_fold.title || ' ' || report_fold.body) LIKE '%' || " \
	"replace(replace(replace(CAST(?2 AS json)->>0, '\\', '\\\\'), " \
	"'%', '\\%'), '_', '\\_') || '%' AND "
#define PG_SEARCH(LIKE) \
	REPORT_COLS ", t.body" SEARCH_FROM " WHERE " LIKE SEARCH_HAS(PG_AT, \
	PG_TERMS) SEARCH_WHERE SEARCH_RANK(PG_AT, PG_TERMS)

static const char *const sql_pg[R_END - SLOT_REPORTS] = {
	[R_SEARCH_FTS - SLOT_REPORTS] = PG_SEARCH(PG_LIKE_FIRST),
	[R_SEARCH_SCAN - SLOT_REPORTS] = PG_SEARCH(""),
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
	T(number_year, DOC_YEAR, ATTR_INT),
	T(number_seq, DOC_SEQ, ATTR_INT),
	T(dated, FINAL("dated"), ATTR_TEXT),
	T(stamped_by, FINAL("stamped_by"), ATTR_TEXT),
	T(stamped_at, FINAL("stamped_at"), ATTR_TEXT),
	T(final_sm3, FINAL("sm3"), ATTR_TEXT),
	T(final_size, FINAL("size"), ATTR_INT64),
	T(final_by, FINAL("uploaded_by"), ATTR_TEXT),
	T(final_at, FINAL("uploaded_at"), ATTR_TEXT),
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
store_report_number(struct store *s, const char *id, int year)
{
	return store_exec(s, stmt(s, R_NUMBER), "doc_number",
	    DB_ARGS(DB_TEXT(id), DB_INT(year)));
}

int
store_report_stamp(struct store *s, const char *id, const char *dated,
    const char *by, const char *now)
{
	return store_add(s, stmt(s, R_STAMP), "report_final",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(dated), DB_TEXT(by), DB_TEXT(now)));
}

int
store_report_final(struct store *s, const char *id, const char *sm3,
    int64_t size, const char *text, const char *by, const char *now)
{
	return move(s, R_FINAL, DB_ARGS(DB_TEXT(id), DB_TEXT(sm3),
	    DB_INT64(size), DB_TEXT(text), DB_TEXT(by), DB_TEXT(now)));
}

/* The text column into the caller's callback (store_one's row). */
static int
text_row(struct db_stmt *st, void *cb, void *ctx)
{
	return ((int (*)(void *, const char *))cb)(ctx, db_col_text(st, 0));
}

int
store_report_final_text(struct store *s, const char *id,
    int (*cb)(void *, const char *), void *ctx)
{
	return store_one(s, stmt(s, R_FINAL_TEXT), "report_final", text_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(id)));
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

/* s folded (base/fold.h), allocated; NULL when out of memory. */
static char *
folded(const char *s)
{
	size_t n = strlen(s);
	char *f = malloc(n + 1);
	if (f != NULL)
		text_fold(s, n, f, NULL);
	return f;
}

int
store_report_index(struct store *s, int64_t key, const char *title,
    const char *text)
{
	char *ft = folded(title), *fb = folded(text);
	int rc = ft == NULL || fb == NULL ? -1 : store_exec(s, stmt(s,
	    R_INDEX), "report index", DB_ARGS(DB_INT64(key), DB_TEXT(title),
	    DB_TEXT(text)));
	if (rc == 0)
		rc = store_exec(s, stmt(s, R_INDEX_FOLD), "report index",
		    DB_ARGS(DB_INT64(key), DB_TEXT(ft), DB_TEXT(fb)));
	free(ft);
	free(fb);
	return rc;
}

typedef int (*hit_cb)(void *, const struct store_report *, const char *);

struct search {
	hit_cb cb;
	void *ctx;
	const char *const *terms;
	size_t nterms;
};

/* A report's row with its text as written in the column after, which
 * becomes the snippet. */
static int
hit_row(struct db_stmt *st, void *arg, void *ctx)
{
	(void)arg;
	struct search *q = ctx;
	struct store_report r;
	int col = store_read_entity(st, 0, &report_entity, &r);
	const char *body = db_col_text(st, col);
	char *snip = text_fold_snippet(body ? body : "", q->terms, q->nterms);
	if (snip == NULL)
		return -1;
	int rc = q->cb(q->ctx, &r, snip);
	free(snip);
	return rc;
}

/* Characters (not bytes) of UTF-8 text s. */
static size_t
chars(const char *s)
{
	size_t c = 0;
	for (; *s; s++)
		c += ((unsigned char)*s & 0xC0) != 0x80;
	return c;
}

/*
 * The terms as a JSON array into j, and into m as an FTS5 expression (each
 * quoted as a string, all required) when every one has three characters
 * or more, which trigrams can find; otherwise m is left empty. An empty
 * term is left out (it would divide the rank by zero). The terms kept,
 * or -1 (too long).
 */
static int
search_args(const char *const *terms, size_t n, struct buf *j, struct buf *m)
{
	int fts = 1, rc = buf_putc(j, '['), kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (terms[i][0] == '\0')
			continue;
		fts = fts && chars(terms[i]) >= 3;
		rc |= buf_puts(j, kept ? ",\"" : "\"");
		rc |= buf_puts(m, kept++ ? " \"" : "\"");
		for (const char *p = terms[i]; *p; p++) {
			unsigned char c = (unsigned char)*p;
			if (c < 0x20)
				rc |= buf_printf(j, "\\u%04x", c);
			else
				rc |= (c == '"' || c == '\\' ? buf_putc(j, '\\')
				    : 0) | buf_putc(j, (char)c);
			rc |= (c == '"' ? buf_putc(m, '"') : 0) |
			    buf_putc(m, (char)c);
		}
		rc |= buf_putc(j, '"') | buf_putc(m, '"');
	}
	rc |= buf_putc(j, ']');
	if (!fts)
		buf_reset(m);
	return rc ? -1 : kept;
}

int
store_report_search(struct store *s, const char *const *terms,
    size_t nterms, const char *prefix, int year, int limit, hit_cb cb,
    void *ctx)
{
	struct buf j, m;
	buf_init(&j, 64u << 10);
	buf_init(&m, 64u << 10);
	struct search q = { cb, ctx, terms, nterms };
	int rc = search_args(terms, nterms, &j, &m);
	if (rc > 0)
		rc = store_each(s, stmt(s, m.len ? R_SEARCH_FTS :
		    R_SEARCH_SCAN), "search", hit_row, NULL, &q,
		    DB_ARGS(DB_TEXT(m.len ? m.data : NULL), DB_TEXT(j.data),
		    DB_TEXT(prefix), DB_INT(year), DB_INT(limit < 1 ? 1 :
		    limit > 200 ? 200 : limit)));
	buf_free(&j);
	buf_free(&m);
	return rc;
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
