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

_Static_assert((int)O_END <= (int)SLOT_CLOSURE, "statement slots");

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

/* The interviews f selects (?6 status, ?7 notice's leaders, ?8 year). */
#define INTERVIEW_WHERE \
	" WHERE " STORE_SUP_SCOPE("v") " AND (?6 IS NULL OR v.status = ?6) " \
	"AND " STORE_NOTICE_ORDERS("interview", "v", 7) " AND (?8 = 0 OR " \
	"v.year = ?8)"
#define INTERVIEW_FROM \
	" FROM interview v JOIN organ o ON o.key = v.organ JOIN region g ON " \
	"g.key = o.region LEFT JOIN person p ON p.key = v.person LEFT JOIN " \
	"notice n ON n.key = v.notice"
/* The notices f selects (?6 issued only, ?7 kind, ?8 year). */
#define NOTICE_WHERE \
	" WHERE " STORE_UNDER " AND ((?3 IS NULL AND ?4 IS NULL) " \
	"OR EXISTS (SELECT 1 FROM notice_item i JOIN organ o ON o.key = " \
	"i.organ JOIN person p ON p.key = i.person WHERE i.notice = n.key " \
	"AND (?3 IS NULL OR o.id = ?3) AND (?4 IS NULL OR p.id = ?4))) AND " \
	"(?6 = 0 OR n.status = 'issued') AND (?7 IS NULL OR n.kind = ?7) " \
	"AND (?8 = 0 OR n.year = ?8)"

/* The listings' orders after store-supervision.c's (store_ordered). */
enum {
	L_INTERVIEWS = SLOT_SUP_LISTS + 13,  /* + 2 * order + desc */
	L_INTERVIEWS_COUNT = L_INTERVIEWS + 4,
	L_NOTICES,                           /* + 2 * order + desc */
	L_NOTICES_COUNT = L_NOTICES + 4,
	L_END
};
_Static_assert((int)L_END <= (int)SLOT_SUP_LISTS + 24,
    "store-supervision.c's findings start at SLOT_SUP_LISTS + 24");

static const struct store_sort interview_orders[] = {
	{ "date", "v.status = 'held', CASE v.status WHEN 'held' THEN '' ELSE "
	    "v.scheduled_on END, v.held_on DESC, v.id",
	    "coalesce(v.held_on, v.scheduled_on) DESC, v.id" },
	{ "organ", "o.name, v.id", "o.name DESC, v.id" },
};

static const struct store_sort notice_orders[] = {
	{ "year", "n.year, n.drafted_at, n.id",
	    "n.year DESC, n.drafted_at DESC, n.id" },
	{ "title", "n.title, n.id", "n.title DESC, n.id" },
};

static const char *const sql[] = {
	[N_INTERVIEW_ADD - BASE] = "INSERT INTO interview(id, source, finding, "
	    "report, notice, organ, person, year, reason, scheduled_on, status, "
	    "created_by, created_at) SELECT ?1, ?2, (SELECT key FROM finding "
	    "WHERE id = ?3), (SELECT key FROM report WHERE id = ?4), (SELECT key "
	    "FROM notice WHERE id = ?5), o.key, (SELECT key FROM person WHERE "
	    "id = ?7), ?8, ?9, ?10, 'scheduled', ?11, ?12 FROM organ o WHERE "
	    "o.id = ?6",
	[N_INTERVIEW_GET - BASE] = INTERVIEW_COLS " WHERE v.id = ?1",
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

/* The one order of table t (interview, rectification; its rows as a)
 * kept for a person, organ and year: found, and made so. */
#define ONCE(t, a) \
	"SELECT " a ".id FROM " t "_once x JOIN " t " " a " ON " a ".key = " \
	"x." t " JOIN person p ON p.key = x.person JOIN organ o ON o.key = " \
	"x.organ WHERE p.id = ?1 AND o.id = ?2 AND x.year = ?3"
#define ONCE_ADD(t) \
	"INSERT INTO " t "_once(" t ", person, organ, year) SELECT key, " \
	"person, organ, year FROM " t " WHERE id = ?1 AND person IS NOT " \
	"NULL AND year IS NOT NULL"

static const char *const order_sql[] = {
	[O_ISSUER_ADD - SLOT_NOTICE_ORDERS] = "INSERT INTO notice_issuer("
	    "notice, region, organ) SELECT n.key, g.key, ?3 FROM notice n, "
	    "region g WHERE n.id = ?1 AND g.code = ?2",
	[O_ORGAN_OF_KIND - SLOT_NOTICE_ORDERS] = "SELECT o.name FROM organ o "
	    "JOIN region g ON g.key = o.region WHERE g.code = ?1 AND "
	    "o.kind = ?2 ORDER BY o.key LIMIT 1",
	[O_INTERVIEW_ONCE - SLOT_NOTICE_ORDERS] = ONCE("interview", "v"),
	[O_INTERVIEW_ONCE_ADD - SLOT_NOTICE_ORDERS] = ONCE_ADD("interview"),
	[O_RECT_ONCE - SLOT_NOTICE_ORDERS] = ONCE("rectification", "x2"),
	[O_RECT_ONCE_ADD - SLOT_NOTICE_ORDERS] = ONCE_ADD("rectification"),
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
	return store_add_entity(s, stmt(s, N_INTERVIEW_ADD),
	    &store_interview_entity, iv, 0, NULL);
}

/* The columns of INTERVIEW_COLS are the entity table's, in order. */
STORE_ENTITY_ROW(interview_row, struct store_interview,
    &store_interview_entity)

int
store_interview_get(struct store *s, const char *id, store_interview_cb cb,
    void *ctx)
{
	return store_one(s, stmt(s, N_INTERVIEW_GET), "interview",
	    interview_row, (void *)cb, ctx, DB_ARGS(DB_TEXT(id)));
}

int
store_each_interview(struct store *s, const struct store_interview_filter *f,
    store_interview_cb cb, void *ctx)
{
	struct store_page pg = { .sort = f->sort, .desc = f->desc };
	return store_sup_each(s, store_ordered(s, L_INTERVIEWS, INTERVIEW_COLS
	    INTERVIEW_WHERE, interview_orders, 2, &pg, 0,
	    "LIMIT ?9 OFFSET ?10"), &f->scope, "interviews", interview_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(f->status), DB_TEXT(f->notice),
	    DB_INT(f->year), STORE_PAGE(f->limit, f->offset)));
}

long
store_count_interviews(struct store *s, const struct store_interview_filter *f)
{
	long n = 0;
	if (store_sup_each(s, store_stmt(s, L_INTERVIEWS_COUNT,
	    "SELECT count(*)" INTERVIEW_FROM INTERVIEW_WHERE), &f->scope,
	    "interviews", store_count_row, NULL, &n, DB_ARGS(DB_TEXT(f->status),
	    DB_TEXT(f->notice), DB_INT(f->year))) < 0)
		return -1;
	return n;
}

int
store_interview_held(struct store *s, const char *id, const char *held_on,
    const char *interviewer, const char *summary)
{
	return store_change(s, stmt(s, N_INTERVIEW_HELD), "interview",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(held_on), DB_TEXT(interviewer),
	    DB_TEXT(summary)));
}

int
store_sup_report_organ(struct store *s, const char *id, char *organ,
    size_t n)
{
	return store_first_text_of(s, stmt(s, N_REPORT_ORGAN), "report", organ,
	    n, DB_ARGS(DB_TEXT(id)));
}

/* ---- notices ---- */

/* A notice's row: NOTICE_COLS in this order; the ATTR_ADD members are
 * N_NOTICE_ADD's ?1..?8 (the year written even when 0, as it was). A
 * leader listed on it: N_NOTICE_ITEMS's columns, and N_NOTICE_ITEM_ADD's
 * ?2..?5 after the notice. The store's own tables: the API encodes
 * notices by hand (labels unused). */
#define T(S, m, col, type, flags) { #m, (col), NULL, (type), (flags), 0, \
	0, NULL, offsetof(S, m) }
#define N(m, col, type, flags) T(struct store_notice, m, col, type, flags)
static const struct attr notice_attrs[] = {
	N(key, "n.key", ATTR_INT64, 0),
	N(id, "n.id", ATTR_TEXT, ATTR_ADD),
	N(kind, "n.kind", ATTR_TEXT, ATTR_ADD),
	N(year, "n.year", ATTR_YEAR, ATTR_ADD | ATTR_ZERO),
	N(region, "g.code", ATTR_TEXT, ATTR_ADD),
	N(region_name, "g.name", ATTR_TEXT, 0),
	N(path, "g.path", ATTR_TEXT, 0),
	N(title, "n.title", ATTR_TEXT, ATTR_ADD),
	N(body, "n.body", ATTR_TEXT, ATTR_ADD),
	N(status, "n.status", ATTR_TEXT, 0),
	N(drafted_by, "n.drafted_by", ATTR_TEXT, ATTR_ADD),
	N(drafted_at, "n.drafted_at", ATTR_TEXT, ATTR_ADD),
	N(issued_by, "n.issued_by", ATTR_TEXT, 0),
	N(issued_at, "n.issued_at", ATTR_TEXT, 0),
	N(items, "count(notice_item)", ATTR_LONG, 0),
	N(issuer, "gi.code", ATTR_TEXT, 0),
	N(issuer_name, "gi.name", ATTR_TEXT, 0),
	N(issuer_path, "gi.path", ATTR_TEXT, 0),
	N(issuer_organ, "ni.organ", ATTR_TEXT, 0),
};
#undef N
#define I(m, col, flags) T(struct store_notice_item, m, col, ATTR_TEXT, flags)
static const struct attr item_attrs[] = {
	I(person, "p.id", ATTR_ADD),
	I(person_name, "p.name", 0),
	I(organ, "o.id", ATTR_ADD),
	I(organ_name, "o.name", 0),
	I(region, "g.code", 0),
	I(region_name, "g.name", 0),
	I(grade, "i.grade", ATTR_ADD),
	I(reason, "i.reason", ATTR_ADD),
};
#undef I
#undef T
static const struct entity notice_entity = ENTITY("notice", notice_attrs);
static const struct entity item_entity = ENTITY("notice item", item_attrs);

int
store_notice_add(struct store *s, const struct store_notice *n)
{
	return store_add_entity(s, stmt(s, N_NOTICE_ADD), &notice_entity, n, 0,
	    NULL);
}

int
store_notice_item_add(struct store *s, const char *notice,
    const struct store_notice_item *it)
{
	return store_add_entity(s, stmt(s, N_NOTICE_ITEM_ADD), &item_entity,
	    it, DB_ARGS(DB_TEXT(notice)));
}

STORE_ENTITY_ROW(notice_row, struct store_notice, &notice_entity)

int
store_notice_get(struct store *s, const char *id, store_notice_cb cb,
    void *ctx)
{
	return store_one(s, stmt(s, N_NOTICE_GET), "notice", notice_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(id)));
}

int
store_each_notice(struct store *s, const struct store_notice_filter *f,
    store_notice_cb cb, void *ctx)
{
	struct store_page pg = { .sort = f->sort, .desc = f->desc };
	return store_sup_each(s, store_ordered(s, L_NOTICES, NOTICE_COLS
	    NOTICE_WHERE, notice_orders, 2, &pg, 1, "LIMIT ?9 OFFSET ?10"),
	    &f->scope, "notices", notice_row, (void *)cb, ctx,
	    DB_ARGS(DB_INT(f->issued_only != 0), DB_TEXT(f->kind),
	    DB_INT(f->year), STORE_PAGE(f->limit, f->offset)));
}

long
store_count_notices(struct store *s, const struct store_notice_filter *f)
{
	long n = 0;
	if (store_sup_each(s, store_stmt(s, L_NOTICES_COUNT, "SELECT count(*) "
	    "FROM notice n JOIN region g ON g.key = n.region" NOTICE_WHERE),
	    &f->scope, "notices", store_count_row, NULL, &n,
	    DB_ARGS(DB_INT(f->issued_only != 0), DB_TEXT(f->kind),
	    DB_INT(f->year))) < 0)
		return -1;
	return n;
}

STORE_ENTITY_ROW(item_row, struct store_notice_item, &item_entity)

int
store_each_notice_item(struct store *s, const char *notice,
    store_notice_item_cb cb, void *ctx)
{
	return store_each(s, stmt(s, N_NOTICE_ITEMS), "notice items", item_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(notice)));
}

int
store_notice_find(struct store *s, const char *kind, int year,
    const char *region, char *id, size_t n)
{
	return store_first_text_of(s, stmt(s, N_NOTICE_FIND), "notice", id, n,
	    DB_ARGS(DB_TEXT(kind), DB_INT(year), DB_TEXT(region)));
}

int
store_notice_update(struct store *s, const char *id, const char *title,
    const char *body)
{
	return store_change(s, stmt(s, N_NOTICE_UPDATE), "notice",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(title), DB_TEXT(body)));
}

int
store_notice_issue(struct store *s, const char *id, const char *by,
    const char *now)
{
	return store_change(s, stmt(s, N_NOTICE_ISSUE), "notice",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(by), DB_TEXT(now)));
}

/* ---- the issuer, and one 约谈 and one 整改 a leader, organ and year ---- */

int
store_notice_issuer_add(struct store *s, const char *notice,
    const char *region, const char *organ)
{
	return store_add(s, stmt(s, O_ISSUER_ADD), "notice issuer",
	    DB_ARGS(DB_TEXT(notice), DB_TEXT(region), DB_TEXT(organ)));
}

int
store_organ_of_kind(struct store *s, const char *region, const char *kind,
    char *name, size_t n)
{
	return store_first_text_of(s, stmt(s, O_ORGAN_OF_KIND), "organ", name,
	    n, DB_ARGS(DB_TEXT(region), DB_TEXT(kind)));
}

/* The order of person at organ for year in the once table of slot. */
static int
once_find(struct store *s, int slot, const char *person, const char *organ,
    int year, char *id, size_t n)
{
	return store_first_text_of(s, stmt(s, slot), "order", id, n,
	    DB_ARGS(DB_TEXT(person), DB_TEXT(organ), DB_INT(year)));
}

static int
once_add(struct store *s, int slot, const char *id)
{
	return store_add(s, stmt(s, slot), "order of the year",
	    DB_ARGS(DB_TEXT(id)));
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
