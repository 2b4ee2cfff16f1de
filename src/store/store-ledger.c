/*
 * The ledger's records as the web system reads and reviews them, and
 * their evidence files: listings under a filter, one record with its
 * names, a review, an edit's time, a file's row. Same rules as store.c:
 * cached prepared statements, every value bound. A row is read by its
 * field table (store_read_entity): the SELECT lists the columns in the
 * table's order, and the table says which member each fills.
 */

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

enum {
	L_GET,
	L_REVIEW,
	L_TOUCH,
	L_EVIDENCE_ADD,
	L_EVIDENCE_OF,
	L_EVIDENCE_KEY,
	L_BY_NUMBER,
	L_END
};

_Static_assert((int)SLOT_LEDGER + (int)L_END <= (int)SLOT_BULK, "statement slots");

#define ROW(m) offsetof(struct store_ledger_row, m)
#define TEXT(m, col) { #m, col, NULL, ATTR_TEXT, 0, 0, 0, NULL, ROW(m) }
static const struct attr ledger_cols[] = {
	{ "key", "r.key", NULL, ATTR_INT64, ATTR_HIDE, 0, 0, NULL, ROW(key) },
	TEXT(id, "r.id"), TEXT(kind, "r.kind"), TEXT(organ, "o.id"),
	TEXT(organ_name, "o.name"), TEXT(region, "g.code"),
	TEXT(region_name, "g.name"), TEXT(person, "p.id"),
	TEXT(person_name, "p.name"), TEXT(date, "r.date"),
	TEXT(status, "r.status"), TEXT(title, "r.title"), TEXT(doc, "r.doc"),
	TEXT(reviewed_by, "r.reviewed_by"), TEXT(reviewed_at, "r.reviewed_at"),
	TEXT(review_note, "r.review_note"), TEXT(updated_at, "r.updated_at"),
	{ "evidence", "count(evidence)", NULL, ATTR_INT, ATTR_ZERO, 0, 0, NULL,
	    ROW(evidence) },
	{ "number_year", "n.year", NULL, ATTR_INT, ATTR_ZERO, 0, 0, NULL,
	    ROW(number_year) },
	{ "number_seq", "n.seq", NULL, ATTR_INT, ATTR_ZERO, 0, 0, NULL,
	    ROW(number_seq) },
};
#undef TEXT
#undef ROW
static const struct entity ledger_row = ENTITY("record", ledger_cols);

#define EV(m, label, type, flags) { #m, "e." #m, label, type, flags, 0, 0, \
	NULL, offsetof(struct store_evidence, m) }
static const struct attr evidence_cols[] = {
	EV(key, "编号", ATTR_INT64, 0),
	{ "record", "r.id", "记录", ATTR_TEXT, 0, 0, 0, NULL,
	    offsetof(struct store_evidence, record) },
	EV(sm3, "SM3", ATTR_TEXT, 0), EV(mime, "类型", ATTR_TEXT, 0),
	EV(filename, "文件名", ATTR_TEXT, 0),
	EV(evidence_date, "材料日期", ATTR_DATE, 0),
	EV(uploaded_by, "上传人", ATTR_TEXT, 0),
	EV(uploaded_at, "上传时间", ATTR_STAMP, 0),
	EV(size, "大小", ATTR_INT64, ATTR_ZERO),
};
#undef EV
const struct entity store_evidence_entity = ENTITY("evidence",
    evidence_cols);

#define LEDGER_JOIN \
	" FROM record r JOIN organ o ON o.key = r.organ JOIN region g ON " \
	"g.key = o.region"
/* ledger_cols, in order. */
#define LEDGER_COLS \
	"SELECT r.key, r.id, r.kind, o.id, o.name, g.code, g.name, p.id, " \
	"p.name, r.date, r.status, r.title, r.doc, r.reviewed_by, " \
	"r.reviewed_at, r.review_note, r.updated_at, (SELECT count(*) FROM " \
	"evidence e WHERE e.record = r.key), (SELECT n.year FROM " \
	"record_number n WHERE n.record = r.key), (SELECT n.seq FROM " \
	"record_number n WHERE n.record = r.key)"
/* evidence_cols, in order. */
#define EVIDENCE_COLS \
	"SELECT e.key, r.id, e.sm3, e.mime, e.filename, e.evidence_date, " \
	"e.uploaded_by, e.uploaded_at, e.size FROM evidence e JOIN record r " \
	"ON r.key = e.record"

static const char *const sql[] = {
	[L_GET] = LEDGER_COLS " FROM record r JOIN organ o "
	    "ON o.key = r.organ JOIN region g ON g.key = o.region LEFT JOIN "
	    "person p ON p.key = r.person WHERE r.id = ?1",
	[L_REVIEW] = "UPDATE record SET status = ?2, "
	    "reviewed_by = ?3, review_note = ?4, reviewed_at = ?5, "
	    "doc = json_set(doc, '$.status', ?2) WHERE id = ?1 AND "
	    "status <> ?2",
	[L_TOUCH] = "UPDATE record SET updated_at = ?2 "
	    "WHERE id = ?1",
	[L_EVIDENCE_ADD] = "INSERT INTO evidence(record, sm3, "
	    "size, mime, filename, evidence_date, uploaded_by, uploaded_at) "
	    "SELECT key, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM record WHERE id = ?1",
	[L_EVIDENCE_OF] = EVIDENCE_COLS " WHERE r.id = ?1 "
	    "ORDER BY e.key",
	[L_EVIDENCE_KEY] = EVIDENCE_COLS " WHERE e.key = ?1",
	[L_BY_NUMBER] = "SELECT r.id FROM record_number n JOIN record r ON "
	    "r.key = n.record JOIN region g ON g.key = n.region WHERE "
	    "(?1 IS NULL OR (g.path >= ?1 AND g.path < ?2)) AND n.year = ?3 "
	    "AND n.seq = ?4 AND (?5 IS NULL OR g.name = ?5) LIMIT 2",
};

/* PostgreSQL's JSON functions are jsonb's (the doc is kept as text on
 * both backends; jsonb writes it back with its own key order and spaces,
 * which every reader parses alike). */
static const char *const sql_pg[L_END] = {
	[L_REVIEW] = "UPDATE record SET status = ?2, "
	    "reviewed_by = ?3, review_note = ?4, reviewed_at = ?5, "
	    "doc = jsonb_set(doc::jsonb, '{status}', to_jsonb(?2::text))::text "
	    "WHERE id = ?1 AND status <> ?2",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, SLOT_LEDGER + id, store_sql(s, sql[id],
	    sql_pg[id]));
}

typedef int (*ledger_cb)(void *, const struct store_ledger_row *);

STORE_ENTITY_ROW(ledger_one_row, struct store_ledger_row, &ledger_row)

/*
 * How a listing reads the records (measured on 6 M records, a province's
 * 200,000 of them). A narrow selection (one organ, or a subtree holding
 * at most STORE_COUNT_CAP of the records asked for) is read by organ
 * from record_organ_list, which holds every column a filter or an order
 * reads, and sorted; a wide one walks the index of its order
 * (record_date_list, record_kind_list, record_status_list, each ending
 * with the organ) and keeps the entries of organs in scope. Either way
 * only the keys of one page are chosen from the indexes, and only that
 * page's rows are read. Counting stops at STORE_COUNT_CAP + 1 for a page
 * ("1万+"), and reads the organ index only.
 *
 * Each filter is written "(?N IS NULL OR ...)" so that every parameter
 * is in every statement; the one that should lead the plan is written
 * again as a plain comparison, which an index can serve, and a scope
 * that should not lead is written "+r.organ", which none can. Which
 * leads is decided here, not left to a planner without statistics.
 */
#define LEDGER_SUBTREE \
	"(SELECT o.key FROM organ o JOIN region g ON g.key = o.region WHERE " \
	"g.path >= ?1 AND g.path < ?2)"
#define LEDGER_ORGAN "(SELECT key FROM organ WHERE id = ?3)"
#define LEDGER_FILTERS \
	"(?4 IS NULL OR r.kind = ?4) AND (?5 IS NULL OR r.status = ?5) AND " \
	"(?6 IS NULL OR r.date >= ?6) AND (?7 IS NULL OR r.date <= ?7) AND " \
	"(?8 IS NULL OR instr(coalesce(r.title, ''), ?8) > 0 OR r.id = ?8 OR " \
	"EXISTS (SELECT 1 FROM record_number n WHERE n.record = r.key AND " \
	"n.year = ?9 AND n.seq = ?10 AND (?11 IS NULL OR n.region IN (SELECT " \
	"key FROM region WHERE name = ?11))))"

/* The orders a page may ask for; each ends with the key, so that pages
 * never overlap. */
enum order { O_DATE, O_KIND, O_STATUS };
static const struct store_sort orders[] = {
	[O_DATE] = { "date", "r.date, r.key", "r.date DESC, r.key DESC" },
	[O_KIND] = { "kind", "r.kind, r.date, r.key",
	    "r.kind DESC, r.date DESC, r.key DESC" },
	[O_STATUS] = { "status", "r.status, r.date, r.key",
	    "r.status DESC, r.date DESC, r.key DESC" },
};
#define NORDERS (sizeof orders / sizeof orders[0])

/* What leads: the scope's organs (narrow) or the order's index (wide). */
enum lead { BY_ORGAN, BY_ORDER };

/* The WHERE of a selection led by lead, into t. */
static void
where(struct buf *t, const struct store_ledger_filter *f, enum lead lead,
    enum order order)
{
	const char *scope = lead == BY_ORGAN ? "r.organ" : "+r.organ";
	if (f->path != NULL)
		buf_printf(t, " WHERE %s IN " LEDGER_SUBTREE, scope);
	else
		buf_printf(t, " WHERE (?1 IS NULL OR ?2 IS NULL OR %s IN "
		    LEDGER_SUBTREE ")", scope);
	if (f->organ != NULL)
		buf_printf(t, " AND %s = " LEDGER_ORGAN, scope);
	else
		buf_printf(t, " AND (?3 IS NULL OR r.organ = " LEDGER_ORGAN ")");
	buf_puts(t, " AND " LEDGER_FILTERS);
	if (lead != BY_ORDER)
		return;
	/* The index of the order, entered at the filter's value when the
	 * order's first column is filtered, or (ordered by date) the index
	 * of a filtered status or kind, whose entries run by date too. */
	if (f->status != NULL && (order == O_STATUS || order == O_DATE))
		buf_puts(t, " AND r.status = ?5");
	else if (f->kind != NULL && (order == O_KIND || order == O_DATE))
		buf_puts(t, " AND r.kind = ?4");
}

/* The filter as ?1..?8 in a[0..7]; end keeps the subtree's end. */
/*
 * A readable number in q, "[南明区台账 ]2025-0012": its year, sequence
 * and region name (NULL when q gives none) into y, n and g (in name, a
 * copy); 0 when q is no number.
 */
static int
number_of(const char *q, int *y, int *n, const char **g, char name[200])
{
	const char *dash = q != NULL ? strrchr(q, '-') : NULL;
	char *end;
	if (dash == NULL || dash - q < 4 || dash[1] < '0' || dash[1] > '9')
		return 0;
	long seq = strtol(dash + 1, &end, 10);
	const char *ys = dash - 4;
	for (int i = 0; i < 4; i++)
		if (ys[i] < '0' || ys[i] > '9')
			return 0;
	if (*end != '\0' || seq < 1 || seq > 99999999)
		return 0;
	*y = atoi(ys);
	*n = (int)seq;
	*g = NULL;
	/* The region's name before "台账", the space after it optional. */
	const char *mark = strstr(q, "台账");
	if (mark != NULL && mark > q && mark < ys && (size_t)(mark - q) < 200) {
		memcpy(name, q, (size_t)(mark - q));
		name[mark - q] = '\0';
		*g = name;
	}
	return 1;
}

/* The filter as ?1..?11 in a[0..10]; end keeps the subtree's end, name
 * the region name of a number. */
static void
filter_args(const struct store_ledger_filter *f, char end[512],
    char name[200], struct db_arg a[11])
{
	int y = 0, n = 0;
	const char *g = NULL;
	int number = number_of(f->q, &y, &n, &g, name);
	if (f->path != NULL)
		store_path_end(f->path, end, 512);
	a[0] = DB_TEXT(f->path);
	a[1] = DB_TEXT(f->path != NULL ? end : NULL);
	a[2] = DB_TEXT(f->organ);
	a[3] = DB_TEXT(f->kind);
	a[4] = DB_TEXT(f->status);
	a[5] = DB_DATE(f->from);
	a[6] = DB_DATE(f->to);
	a[7] = DB_TEXT(f->q && *f->q ? f->q : NULL);
	a[8] = number ? DB_INT(y) : DB_NULL;
	a[9] = number ? DB_INT(n) : DB_NULL;
	a[10] = DB_TEXT(g);
}

/* Runs the statement text (prepared for this call: its text follows the
 * filter) with a[0..n) as store_each would. */
static int
run_text(struct store *s, struct buf *t, int (*row)(struct db_stmt *,
    void *, void *), void *cb, void *ctx, size_t n, struct db_arg *a)
{
	struct db_stmt *st = t->data ? db_prepare(s->conn, t->data) : NULL;
	int rc = st ? store_each(s, st, "records", row, cb, ctx, n, a) :
	    store_fail(s, "records");
	if (st != NULL)
		db_finalize(st);
	buf_free(t);
	return rc;
}

/* Records the filter selects, all (cap 0) or up to cap + 1; -1. */
static long
count(struct store *s, const struct store_ledger_filter *f, long cap)
{
	char end[512], name[200];
	struct db_arg a[12];
	int64_t n = 0;
	struct buf t;
	buf_init(&t, 8192);
	/* A scope's records are counted from the organ index; all of them
	 * (no scope) from any. */
	buf_puts(&t, cap > 0 ? "SELECT count(*) FROM (SELECT 1 FROM record r" :
	    "SELECT count(*) FROM record r");
	where(&t, f, BY_ORGAN, O_DATE);
	if (cap > 0)
		buf_puts(&t, " LIMIT ?12) AS x");
	filter_args(f, end, name, a);
	a[11] = DB_INT64(cap + 1);
	if (run_text(s, &t, store_int64_row, NULL, &n, cap > 0 ? 12 : 11, a) < 0)
		return -1;
	return (long)n;
}

int
store_each_ledger(struct store *s, const struct store_ledger_filter *f,
    ledger_cb cb, void *ctx)
{
	char end[512], name[200];
	struct db_arg a[13];
	enum lead lead = f->organ != NULL ? BY_ORGAN : BY_ORDER;
	if (f->organ == NULL && f->path != NULL) {
		long n = f->counted > 0 ? f->counted : count(s, f,
		    STORE_COUNT_CAP);
		if (n < 0)
			return -1;
		lead = n > STORE_COUNT_CAP ? BY_ORDER : BY_ORGAN;
	}
	enum order order = (enum order)store_sort_pick(orders, NORDERS,
	    f->sort);
	/* A key not among the orders gives the default: newest first. */
	int desc = f->sort != NULL && strcmp(orders[order].key, f->sort) == 0 ?
	    f->desc : 1;
	const char *by = desc ? orders[order].desc : orders[order].asc;
	struct buf t;
	buf_init(&t, 16384);
	/* The page's keys from the indexes, then its rows. */
	buf_printf(&t, "%s FROM (SELECT r.key FROM record r", LEDGER_COLS);
	where(&t, f, lead, order);
	buf_printf(&t, " ORDER BY %s LIMIT ?12 OFFSET ?13) AS pick JOIN record "
	    "r ON r.key = pick.key JOIN organ o ON o.key = r.organ JOIN region "
	    "g ON g.key = o.region LEFT JOIN person p ON p.key = r.person "
	    "ORDER BY %s", by, by);
	filter_args(f, end, name, a);
	a[11] = DB_INT(f->limit > 0 ? f->limit : 50);
	a[12] = DB_INT(f->offset > 0 ? f->offset : 0);
	return run_text(s, &t, ledger_one_row, (void *)cb, ctx, 13, a);
}

long
store_count_ledger(struct store *s, const struct store_ledger_filter *f)
{
	return count(s, f, 0);
}

long
store_count_ledger_upto(struct store *s, const struct store_ledger_filter *f,
    long cap)
{
	return count(s, f, cap > 0 ? cap : STORE_COUNT_CAP);
}

int
store_ledger_get(struct store *s, const char *id, ledger_cb cb, void *ctx)
{
	return store_one(s, stmt(s, L_GET), "record", ledger_one_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(id)));
}

int
store_ledger_review(struct store *s, const char *id, const char *status,
    const char *by, const char *note, const char *now)
{
	return store_change(s, stmt(s, L_REVIEW), "record",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(status), DB_TEXT(by), DB_TEXT(note),
	    DB_TEXT(now)));
}

int
store_ledger_touch(struct store *s, const char *id, const char *now)
{
	return store_change(s, stmt(s, L_TOUCH), "record",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(now)));
}

int
store_evidence_add(struct store *s, const char *record, const char *sm3,
    int64_t size, const char *mime, const char *filename,
    const char *evidence_date, const char *by, const char *now,
    int64_t *key)
{
	if (store_add(s, stmt(s, L_EVIDENCE_ADD), "evidence",
	    DB_ARGS(DB_TEXT(record), DB_TEXT(sm3), DB_INT64(size),
	    DB_TEXT(mime), DB_TEXT(filename), DB_TEXT(evidence_date),
	    DB_TEXT(by), DB_TEXT(now))))
		return -1;
	if (key != NULL)
		*key = db_last_id(s->conn);
	return 0;
}

typedef int (*evidence_cb)(void *, const struct store_evidence *);

STORE_ENTITY_ROW(evidence_one_row, struct store_evidence,
    &store_evidence_entity)

int
store_each_evidence(struct store *s, const char *record, int64_t key,
    evidence_cb cb, void *ctx)
{
	return store_each(s, stmt(s, record ? L_EVIDENCE_OF : L_EVIDENCE_KEY),
	    "evidence", evidence_one_row, (void *)cb, ctx,
	    DB_ARGS(record ? DB_TEXT(record) : DB_INT64(key)));
}

int
store_record_by_number(struct store *s, const char *text, const char *path,
    char *out, size_t size)
{
	char end[512], name[200];
	int y, n;
	const char *g;
	struct store_id_hit b = { out, size, 0 };
	if (!number_of(text, &y, &n, &g, name))
		return 0;
	const char *p = path != NULL && *path ? path : NULL;
	if (p != NULL)
		store_path_end(p, end, sizeof end);
	if (store_each(s, stmt(s, L_BY_NUMBER), "record", store_id_hit_row, NULL, &b,
	    DB_ARGS(DB_TEXT(p), DB_TEXT(p ? end : NULL), DB_INT(y), DB_INT(n),
	    DB_TEXT(g))) < 0)
		return -1;
	return b.n == 1 ? 1 : b.n == 0 ? 3 : 2;
}
