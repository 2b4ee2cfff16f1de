/*
 * The store's supervision (store-supervision.h), part two: interviews (约谈)
 * and notices (通报) with the leaders they list. Slots SLOT_SUPERVISION
 * + 40 up to SLOT_CASES are this file's (store-supervision.c has
 * the first forty), and SLOT_NOTICE_ORDERS's block: a notice's issuer,
 * and the one 约谈 and one 整改 of a leader, organ and year (第八条),
 * kept in interview_once and rectification_once whose unique index
 * decides it inside the writer's transaction. Listings bind their scope
 * as ?1..?5, as there.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"
#include "store/store-supervision.h"

enum {
	N_INTERVIEW_ADD = SLOT_SUPERVISION + 40,
	N_INTERVIEW_GET,
	N_INTERVIEW_EACH,
	N_INTERVIEW_HELD,
	N_REPORT_ORGAN,
	N_NOTICE_ADD,
	N_NOTICE_ITEM_ADD,
	N_NOTICE_GET,
	N_NOTICE_EACH,
	N_NOTICE_ITEMS,
	N_NOTICE_FIND,
	N_NOTICE_UPDATE,
	N_NOTICE_ISSUE,
	N_END
};

_Static_assert((int)N_END <= (int)SLOT_CASES, "statement slots");

enum {
	O_ISSUER_ADD = SLOT_NOTICE_ORDERS,
	O_ORGAN_OF_KIND,
	O_INTERVIEW_ONCE,
	O_INTERVIEW_ONCE_ADD,
	O_RECT_ONCE,
	O_RECT_ONCE_ADD,
	O_END
};

_Static_assert((int)O_END <= (int)STORE_SLOTS, "statement slots");

#define BASE (SLOT_SUPERVISION + 40)

#define INTERVIEW_COLS \
	"SELECT v.key, v.id, v.source, f.id, rp.id, n.id, o.id, o.name, " \
	"g.code, g.name, g.path, p.id, p.name, v.year, v.reason, " \
	"v.scheduled_on, v.status, v.held_on, v.interviewer, v.summary, " \
	"v.created_by, v.created_at FROM interview v JOIN organ o ON o.key = " \
	"v.organ JOIN region g ON g.key = o.region LEFT JOIN person p ON " \
	"p.key = v.person LEFT JOIN finding f ON f.key = v.finding LEFT JOIN " \
	"report rp ON rp.key = v.report LEFT JOIN notice n ON n.key = v.notice"

#define NOTICE_COLS \
	"SELECT n.key, n.id, n.kind, n.year, g.code, g.name, g.path, " \
	"n.title, n.body, n.status, n.drafted_by, n.drafted_at, n.issued_by, " \
	"n.issued_at, (SELECT count(*) FROM notice_item i WHERE i.notice = " \
	"n.key), gi.code, gi.name, gi.path, ni.organ FROM notice n JOIN " \
	"region g ON g.key = n.region LEFT JOIN notice_issuer ni ON " \
	"ni.notice = n.key LEFT JOIN region gi ON gi.key = ni.region"

static const char *const sql[] = {
	[N_INTERVIEW_ADD - BASE] = "INSERT INTO interview(id, source, finding, "
	    "report, notice, organ, person, year, reason, scheduled_on, status, "
	    "created_by, created_at) SELECT ?1, ?2, (SELECT key FROM finding "
	    "WHERE id = ?3), (SELECT key FROM report WHERE id = ?4), (SELECT key "
	    "FROM notice WHERE id = ?5), o.key, (SELECT key FROM person WHERE "
	    "id = ?7), ?8, ?9, ?10, 'scheduled', ?11, ?12 FROM organ o WHERE "
	    "o.id = ?6",
	[N_INTERVIEW_GET - BASE] = INTERVIEW_COLS " WHERE v.id = ?1",
	[N_INTERVIEW_EACH - BASE] = INTERVIEW_COLS " WHERE (?1 IS NULL OR "
	    "(g.path >= ?1 AND g.path < ?2)) AND (?3 IS NULL OR o.id = ?3) AND "
	    "(?4 IS NULL OR p.id = ?4 OR (v.person IS NULL AND o.id = ?5)) AND "
	    "(?6 IS NULL OR v.status = ?6) AND (?7 IS NULL OR n.id = ?7) AND "
	    "(?8 = 0 OR v.year = ?8) ORDER BY v.status = 'held', "
	    "CASE v.status WHEN 'held' THEN '' ELSE v.scheduled_on END, "
	    "v.held_on DESC, v.id LIMIT ?9 OFFSET ?10",
	[N_INTERVIEW_HELD - BASE] = "UPDATE interview SET status = 'held', "
	    "held_on = ?2, interviewer = ?3, summary = ?4 WHERE id = ?1 AND "
	    "status = 'scheduled'",
	[N_REPORT_ORGAN - BASE] = "SELECT o.id FROM report rp JOIN organ o ON "
	    "o.key = rp.organ WHERE rp.id = ?1",
	[N_NOTICE_ADD - BASE] = "INSERT INTO notice(id, kind, year, region, "
	    "title, body, status, drafted_by, drafted_at) SELECT ?1, ?2, ?3, "
	    "key, ?5, ?6, 'draft', ?7, ?8 FROM region WHERE code = ?4",
	[N_NOTICE_ITEM_ADD - BASE] = "INSERT INTO notice_item(notice, person, "
	    "organ, grade, reason) SELECT n.key, p.key, o.key, ?4, ?5 FROM "
	    "notice n, person p, organ o WHERE n.id = ?1 AND p.id = ?2 AND "
	    "o.id = ?3",
	[N_NOTICE_GET - BASE] = NOTICE_COLS " WHERE n.id = ?1",
	[N_NOTICE_EACH - BASE] = NOTICE_COLS " WHERE (?1 IS NULL OR "
	    "(g.path >= ?1 AND g.path < ?2)) AND ((?3 IS NULL AND ?4 IS NULL) "
	    "OR EXISTS (SELECT 1 FROM notice_item i JOIN organ o ON o.key = "
	    "i.organ JOIN person p ON p.key = i.person WHERE i.notice = n.key "
	    "AND (?3 IS NULL OR o.id = ?3) AND (?4 IS NULL OR p.id = ?4))) AND "
	    "(?6 = 0 OR n.status = 'issued') AND (?7 IS NULL OR n.kind = ?7) "
	    "AND (?8 = 0 OR n.year = ?8) ORDER BY n.year DESC, n.drafted_at "
	    "DESC, n.id LIMIT ?9 OFFSET ?10",
	[N_NOTICE_ITEMS - BASE] = "SELECT p.id, p.name, o.id, o.name, g.code, "
	    "g.name, i.grade, i.reason FROM notice_item i JOIN notice n ON "
	    "n.key = i.notice JOIN person p ON p.key = i.person JOIN organ o ON "
	    "o.key = i.organ JOIN region g ON g.key = o.region WHERE n.id = ?1 "
	    "ORDER BY i.rowid",
	[N_NOTICE_FIND - BASE] = "SELECT n.id FROM notice n JOIN region g ON "
	    "g.key = n.region WHERE n.kind = ?1 AND n.year = ?2 AND "
	    "g.code = ?3 ORDER BY n.key LIMIT 1",
	[N_NOTICE_UPDATE - BASE] = "UPDATE notice SET title = ?2, body = ?3 "
	    "WHERE id = ?1 AND status = 'draft'",
	[N_NOTICE_ISSUE - BASE] = "UPDATE notice SET status = 'issued', "
	    "issued_by = ?2, issued_at = ?3 WHERE id = ?1 AND status = 'draft'",
};

static const char *const order_sql[] = {
	[O_ISSUER_ADD - SLOT_NOTICE_ORDERS] = "INSERT INTO notice_issuer("
	    "notice, region, organ) SELECT n.key, g.key, ?3 FROM notice n, "
	    "region g WHERE n.id = ?1 AND g.code = ?2",
	[O_ORGAN_OF_KIND - SLOT_NOTICE_ORDERS] = "SELECT o.name FROM organ o "
	    "JOIN region g ON g.key = o.region WHERE g.code = ?1 AND "
	    "o.kind = ?2 ORDER BY o.key LIMIT 1",
	[O_INTERVIEW_ONCE - SLOT_NOTICE_ORDERS] = "SELECT v.id FROM "
	    "interview_once x JOIN interview v ON v.key = x.interview JOIN "
	    "person p ON p.key = x.person JOIN organ o ON o.key = x.organ "
	    "WHERE p.id = ?1 AND o.id = ?2 AND x.year = ?3",
	[O_INTERVIEW_ONCE_ADD - SLOT_NOTICE_ORDERS] = "INSERT INTO "
	    "interview_once(interview, person, organ, year) SELECT key, "
	    "person, organ, year FROM interview WHERE id = ?1 AND person IS NOT "
	    "NULL AND year IS NOT NULL",
	[O_RECT_ONCE - SLOT_NOTICE_ORDERS] = "SELECT x2.id FROM "
	    "rectification_once x JOIN rectification x2 ON x2.key = "
	    "x.rectification JOIN person p ON p.key = x.person JOIN organ o ON "
	    "o.key = x.organ WHERE p.id = ?1 AND o.id = ?2 AND x.year = ?3",
	[O_RECT_ONCE_ADD - SLOT_NOTICE_ORDERS] = "INSERT INTO "
	    "rectification_once(rectification, person, organ, year) SELECT "
	    "key, person, organ, year FROM rectification WHERE id = ?1 AND "
	    "person IS NOT NULL AND year IS NOT NULL",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	if (id >= SLOT_NOTICE_ORDERS)
		return store_stmt(s, id, order_sql[id - SLOT_NOTICE_ORDERS]);
	return store_stmt(s, id, sql[id - BASE]);
}

/* ---- interviews ---- */

int
store_interview_add(struct store *s, const struct store_interview *iv)
{
	struct db_stmt *st = stmt(s, N_INTERVIEW_ADD);
	if (st == NULL)
		return -1;
	store_bind_entity(st, 1, &store_interview_entity, iv);
	return store_insert_one(s, st, "interview");
}

typedef int (*interview_cb)(void *, const struct store_interview *);

/* The columns of INTERVIEW_COLS are the entity table's, in order. */
STORE_ENTITY_ROW(interview_row, struct store_interview,
    &store_interview_entity)

int
store_interview_get(struct store *s, const char *id, interview_cb cb,
    void *ctx)
{
	return store_get_text(s, stmt(s, N_INTERVIEW_GET), 1, id, "interview",
	    interview_row, (void *)cb, ctx);
}

int
store_each_interview(struct store *s, const struct store_interview_filter *f,
    interview_cb cb, void *ctx)
{
	char end[512];
	struct db_stmt *st = stmt(s, N_INTERVIEW_EACH);
	if (st == NULL)
		return -1;
	store_sup_bind_scope(st, &f->scope, end);
	db_bind_text(st, 6, f->status);
	db_bind_text(st, 7, f->notice);
	db_bind_int(st, 8, f->year);
	db_bind_int(st, 9, f->limit > 0 ? f->limit : 50);
	db_bind_int(st, 10, f->offset > 0 ? f->offset : 0);
	return store_iterate(s, st, "interviews", interview_row, (void *)cb, ctx);
}

int
store_interview_held(struct store *s, const char *id, const char *held_on,
    const char *interviewer, const char *summary)
{
	return store_changed_texts(s, stmt(s, N_INTERVIEW_HELD), "interview",
	    STORE_TEXTS(id, held_on, interviewer, summary));
}

int
store_sup_report_organ(struct store *s, const char *id, char *organ,
    size_t n)
{
	struct db_stmt *st = stmt(s, N_REPORT_ORGAN);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	return store_first_text(s, st, "report", organ, n);
}

/* ---- notices ---- */

/* A notice's row: NOTICE_COLS in this order; the ATTR_ADD members are
 * N_NOTICE_ADD's ?1..?8 (the year written even when 0, as it was). The
 * store's own table: the API encodes notices by hand (labels unused). */
#define S struct store_notice
#define T(m, col, type, flags) { #m, (col), NULL, (type), (flags), 0, 0, \
	NULL, offsetof(S, m) }
static const struct attr notice_attrs[] = {
	T(key, "n.key", ATTR_INT64, 0),
	T(id, "n.id", ATTR_TEXT, ATTR_ADD),
	T(kind, "n.kind", ATTR_TEXT, ATTR_ADD),
	T(year, "n.year", ATTR_YEAR, ATTR_ADD | ATTR_ZERO),
	T(region, "g.code", ATTR_TEXT, ATTR_ADD),
	T(region_name, "g.name", ATTR_TEXT, 0),
	T(path, "g.path", ATTR_TEXT, 0),
	T(title, "n.title", ATTR_TEXT, ATTR_ADD),
	T(body, "n.body", ATTR_TEXT, ATTR_ADD),
	T(status, "n.status", ATTR_TEXT, 0),
	T(drafted_by, "n.drafted_by", ATTR_TEXT, ATTR_ADD),
	T(drafted_at, "n.drafted_at", ATTR_TEXT, ATTR_ADD),
	T(issued_by, "n.issued_by", ATTR_TEXT, 0),
	T(issued_at, "n.issued_at", ATTR_TEXT, 0),
	T(items, "count(notice_item)", ATTR_LONG, 0),
	T(issuer, "gi.code", ATTR_TEXT, 0),
	T(issuer_name, "gi.name", ATTR_TEXT, 0),
	T(issuer_path, "gi.path", ATTR_TEXT, 0),
	T(issuer_organ, "ni.organ", ATTR_TEXT, 0),
};
#undef T
#undef S
static const struct entity notice_entity = ENTITY("notice", notice_attrs);

int
store_notice_add(struct store *s, const struct store_notice *n)
{
	struct db_stmt *st = stmt(s, N_NOTICE_ADD);
	if (st == NULL)
		return -1;
	store_bind_entity(st, 1, &notice_entity, n);
	return store_insert_one(s, st, "notice");
}

int
store_notice_item_add(struct store *s, const char *notice,
    const struct store_notice_item *it)
{
	return store_insert_texts(s, stmt(s, N_NOTICE_ITEM_ADD), "notice item",
	    STORE_TEXTS(notice, it->person, it->organ, it->grade, it->reason));
}

typedef int (*notice_cb)(void *, const struct store_notice *);

STORE_ENTITY_ROW(notice_row, struct store_notice, &notice_entity)

int
store_notice_get(struct store *s, const char *id, notice_cb cb, void *ctx)
{
	return store_get_text(s, stmt(s, N_NOTICE_GET), 1, id, "notice",
	    notice_row, (void *)cb, ctx);
}

int
store_each_notice(struct store *s, const struct store_notice_filter *f,
    notice_cb cb, void *ctx)
{
	char end[512];
	struct db_stmt *st = stmt(s, N_NOTICE_EACH);
	if (st == NULL)
		return -1;
	store_sup_bind_scope(st, &f->scope, end);
	db_bind_int(st, 6, f->issued_only != 0);
	db_bind_text(st, 7, f->kind);
	db_bind_int(st, 8, f->year);
	db_bind_int(st, 9, f->limit > 0 ? f->limit : 50);
	db_bind_int(st, 10, f->offset > 0 ? f->offset : 0);
	return store_iterate(s, st, "notices", notice_row, (void *)cb, ctx);
}

typedef int (*item_cb)(void *, const struct store_notice_item *);

static int
item_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_notice_item it = {
		.person = db_col_text(st, 0),
		.person_name = db_col_text(st, 1),
		.organ = db_col_text(st, 2),
		.organ_name = db_col_text(st, 3),
		.region = db_col_text(st, 4),
		.region_name = db_col_text(st, 5),
		.grade = db_col_text(st, 6),
		.reason = db_col_text(st, 7),
	};
	return ((item_cb)cb)(ctx, &it);
}

int
store_each_notice_item(struct store *s, const char *notice, item_cb cb,
    void *ctx)
{
	return store_each_text(s, stmt(s, N_NOTICE_ITEMS), 1, notice,
	    "notice items", item_row, (void *)cb, ctx);
}

int
store_notice_find(struct store *s, const char *kind, int year,
    const char *region, char *id, size_t n)
{
	struct db_stmt *st = stmt(s, N_NOTICE_FIND);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, kind);
	db_bind_int(st, 2, year);
	db_bind_text(st, 3, region);
	return store_first_text(s, st, "notice", id, n);
}

int
store_notice_update(struct store *s, const char *id, const char *title,
    const char *body)
{
	return store_changed_texts(s, stmt(s, N_NOTICE_UPDATE), "notice",
	    STORE_TEXTS(id, title, body));
}

int
store_notice_issue(struct store *s, const char *id, const char *by,
    const char *now)
{
	return store_changed_texts(s, stmt(s, N_NOTICE_ISSUE), "notice",
	    STORE_TEXTS(id, by, now));
}

/* ---- the issuer, and one 约谈 and one 整改 a leader, organ and year ---- */

int
store_notice_issuer_add(struct store *s, const char *notice,
    const char *region, const char *organ)
{
	return store_insert_texts(s, stmt(s, O_ISSUER_ADD), "notice issuer",
	    STORE_TEXTS(notice, region, organ));
}

int
store_organ_of_kind(struct store *s, const char *region, const char *kind,
    char *name, size_t n)
{
	struct db_stmt *st = stmt(s, O_ORGAN_OF_KIND);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, region);
	db_bind_text(st, 2, kind);
	return store_first_text(s, st, "organ", name, n);
}

static int
once_find(struct store *s, int slot, const char *person, const char *organ,
    int year, char *id, size_t n)
{
	struct db_stmt *st = stmt(s, slot);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, person);
	db_bind_text(st, 2, organ);
	db_bind_int(st, 3, year);
	return store_first_text(s, st, "order", id, n);
}

static int
once_add(struct store *s, int slot, const char *id)
{
	struct db_stmt *st = stmt(s, slot);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	return store_insert_one(s, st, "order of the year");
}

int
store_interview_once(struct store *s, const char *person, const char *organ,
    int year, char *id, size_t n)
{
	return once_find(s, O_INTERVIEW_ONCE, person, organ, year, id, n);
}

int
store_interview_once_add(struct store *s, const char *id)
{
	return once_add(s, O_INTERVIEW_ONCE_ADD, id);
}

int
store_rectification_once(struct store *s, const char *person,
    const char *organ, int year, char *id, size_t n)
{
	return once_find(s, O_RECT_ONCE, person, organ, year, id, n);
}

int
store_rectification_once_add(struct store *s, const char *id)
{
	return once_add(s, O_RECT_ONCE_ADD, id);
}
