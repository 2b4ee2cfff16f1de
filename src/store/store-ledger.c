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

#include "store/store-int.h"

enum {
	L_LIST = SLOT_LEDGER,
	L_COUNT,
	L_GET,
	L_REVIEW,
	L_TOUCH,
	L_EVIDENCE_ADD,
	L_EVIDENCE_OF,
	L_EVIDENCE_KEY,
	L_END
};

_Static_assert((int)L_END <= (int)STORE_SLOTS, "statement slots");

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
};
#undef TEXT
#undef ROW
static const struct entity ledger_row = ENTITY("record", ledger_cols);

#define EV(m) offsetof(struct store_evidence, m)
static const struct attr evidence_cols[] = {
	{ "key", "e.key", "编号", ATTR_INT64, 0, 0, 0, NULL, EV(key) },
	{ "record", "r.id", "记录", ATTR_TEXT, 0, 0, 0, NULL, EV(record) },
	{ "sm3", "e.sm3", "SM3", ATTR_TEXT, 0, 0, 0, NULL, EV(sm3) },
	{ "mime", "e.mime", "类型", ATTR_TEXT, 0, 0, 0, NULL, EV(mime) },
	{ "filename", "e.filename", "文件名", ATTR_TEXT, 0, 0, 0, NULL,
	    EV(filename) },
	{ "evidence_date", "e.evidence_date", "材料日期", ATTR_DATE, 0, 0, 0,
	    NULL, EV(evidence_date) },
	{ "uploaded_by", "e.uploaded_by", "上传人", ATTR_TEXT, 0, 0, 0, NULL,
	    EV(uploaded_by) },
	{ "uploaded_at", "e.uploaded_at", "上传时间", ATTR_STAMP, 0, 0, 0, NULL,
	    EV(uploaded_at) },
	{ "size", "e.size", "大小", ATTR_INT64, ATTR_ZERO, 0, 0, NULL,
	    EV(size) },
};
#undef EV
const struct entity store_evidence_entity = ENTITY("evidence",
    evidence_cols);

/* The listing's filters: each applies only when its parameter is set. */
#define LEDGER_FROM \
	" FROM record r JOIN organ o ON o.key = r.organ JOIN region g ON " \
	"g.key = o.region LEFT JOIN person p ON p.key = r.person WHERE " \
	"(?1 IS NULL OR (g.path >= ?1 AND g.path < ?2)) AND " \
	"(?3 IS NULL OR o.id = ?3) AND (?4 IS NULL OR r.kind = ?4) AND " \
	"(?5 IS NULL OR r.status = ?5) AND (?6 IS NULL OR r.date >= ?6) AND " \
	"(?7 IS NULL OR r.date <= ?7) AND (?8 IS NULL OR " \
	"instr(coalesce(r.title, ''), ?8) > 0 OR r.id = ?8)"
/* ledger_cols, in order. */
#define LEDGER_COLS \
	"SELECT r.key, r.id, r.kind, o.id, o.name, g.code, g.name, p.id, " \
	"p.name, r.date, r.status, r.title, r.doc, r.reviewed_by, " \
	"r.reviewed_at, r.review_note, r.updated_at, (SELECT count(*) FROM " \
	"evidence e WHERE e.record = r.key)"
/* evidence_cols, in order. */
#define EVIDENCE_COLS \
	"SELECT e.key, r.id, e.sm3, e.mime, e.filename, e.evidence_date, " \
	"e.uploaded_by, e.uploaded_at, e.size FROM evidence e JOIN record r " \
	"ON r.key = e.record"

static const char *const sql[] = {
	[L_LIST - SLOT_LEDGER] = LEDGER_COLS LEDGER_FROM
	    " ORDER BY r.date DESC, r.id LIMIT ?9 OFFSET ?10",
	[L_COUNT - SLOT_LEDGER] = "SELECT count(*)" LEDGER_FROM,
	[L_GET - SLOT_LEDGER] = LEDGER_COLS " FROM record r JOIN organ o "
	    "ON o.key = r.organ JOIN region g ON g.key = o.region LEFT JOIN "
	    "person p ON p.key = r.person WHERE r.id = ?1",
	[L_REVIEW - SLOT_LEDGER] = "UPDATE record SET status = ?2, "
	    "reviewed_by = ?3, review_note = ?4, reviewed_at = ?5, "
	    "doc = json_set(doc, '$.status', ?2) WHERE id = ?1 AND "
	    "status <> ?2",
	[L_TOUCH - SLOT_LEDGER] = "UPDATE record SET updated_at = ?2 "
	    "WHERE id = ?1",
	[L_EVIDENCE_ADD - SLOT_LEDGER] = "INSERT INTO evidence(record, sm3, "
	    "size, mime, filename, evidence_date, uploaded_by, uploaded_at) "
	    "SELECT key, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM record WHERE id = ?1",
	[L_EVIDENCE_OF - SLOT_LEDGER] = EVIDENCE_COLS " WHERE r.id = ?1 "
	    "ORDER BY e.key",
	[L_EVIDENCE_KEY - SLOT_LEDGER] = EVIDENCE_COLS " WHERE e.key = ?1",
};

/* PostgreSQL's JSON functions are jsonb's (the doc is kept as text on
 * both backends; jsonb writes it back with its own key order and spaces,
 * which every reader parses alike). */
static const char *const sql_pg[L_END - SLOT_LEDGER] = {
	[L_REVIEW - SLOT_LEDGER] = "UPDATE record SET status = ?2, "
	    "reviewed_by = ?3, review_note = ?4, reviewed_at = ?5, "
	    "doc = jsonb_set(doc::jsonb, '{status}', to_jsonb(?2::text))::text "
	    "WHERE id = ?1 AND status <> ?2",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, id, store_sql(s, sql[id - SLOT_LEDGER],
	    sql_pg[id - SLOT_LEDGER]));
}

/* Binds the filter as ?1..?8; bufs keep the bound text alive. */
static void
bind_filter(struct db_stmt *st, const struct store_ledger_filter *f,
    char end[512], char from[11], char to[11])
{
	if (f->path != NULL)
		store_bind_subtree(st, 1, f->path, end);
	db_bind_text(st, 3, f->organ);
	db_bind_text(st, 4, f->kind);
	db_bind_text(st, 5, f->status);
	if (f->from != DATE_NONE)
		db_bind_date(st, 6, f->from, from);
	if (f->to != DATE_NONE)
		db_bind_date(st, 7, f->to, to);
	db_bind_text(st, 8, f->q && *f->q ? f->q : NULL);
}

typedef int (*ledger_cb)(void *, const struct store_ledger_row *);

STORE_ENTITY_ROW(ledger_one_row, struct store_ledger_row, &ledger_row)

int
store_each_ledger(struct store *s, const struct store_ledger_filter *f,
    ledger_cb cb, void *ctx)
{
	char end[512], from[11], to[11];
	struct db_stmt *st = stmt(s, L_LIST);
	if (st == NULL)
		return -1;
	bind_filter(st, f, end, from, to);
	db_bind_int(st, 9, f->limit > 0 ? f->limit : 50);
	db_bind_int(st, 10, f->offset > 0 ? f->offset : 0);
	return store_iterate(s, st, "records", ledger_one_row, (void *)cb, ctx);
}

long
store_count_ledger(struct store *s, const struct store_ledger_filter *f)
{
	char end[512], from[11], to[11];
	struct db_stmt *st = stmt(s, L_COUNT);
	if (st == NULL)
		return -1;
	bind_filter(st, f, end, from, to);
	long n = -1;
	if (db_step(st) == DB_ROW)
		n = (long)db_col_int64(st, 0);
	else
		store_fail(s, "records");
	db_reset(st);
	return n;
}

int
store_ledger_get(struct store *s, const char *id, ledger_cb cb, void *ctx)
{
	return store_get_text(s, stmt(s, L_GET), 1, id, "record",
	    ledger_one_row, (void *)cb, ctx);
}

int
store_ledger_review(struct store *s, const char *id, const char *status,
    const char *by, const char *note, const char *now)
{
	return store_changed_texts(s, stmt(s, L_REVIEW), "record",
	    STORE_TEXTS(id, status, by, note, now));
}

int
store_ledger_touch(struct store *s, const char *id, const char *now)
{
	return store_changed_texts(s, stmt(s, L_TOUCH), "record",
	    STORE_TEXTS(id, now));
}

int
store_evidence_add(struct store *s, const char *record, const char *sm3,
    int64_t size, const char *mime, const char *filename,
    const char *evidence_date, const char *by, const char *now,
    int64_t *key)
{
	struct db_stmt *st = stmt(s, L_EVIDENCE_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, record);
	db_bind_text(st, 2, sm3);
	db_bind_int64(st, 3, size);
	db_bind_text(st, 4, mime);
	db_bind_text(st, 5, filename);
	db_bind_text(st, 6, evidence_date);
	db_bind_text(st, 7, by);
	db_bind_text(st, 8, now);
	if (store_run(s, st, "evidence"))
		return -1;
	if (db_changes(s->conn) == 0) {
		snprintf(s->err, sizeof s->err, "unknown record '%s'", record);
		return -1;
	}
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
	struct db_stmt *st = stmt(s, record ? L_EVIDENCE_OF : L_EVIDENCE_KEY);
	if (st == NULL)
		return -1;
	if (record != NULL)
		db_bind_text(st, 1, record);
	else
		db_bind_int64(st, 1, key);
	return store_iterate(s, st, "evidence", evidence_one_row, (void *)cb, ctx);
}
