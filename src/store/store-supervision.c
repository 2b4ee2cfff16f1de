/*
 * The store's supervision (store-supervision.h), part one: inspection plans,
 * findings, and rectification orders with their history and evidence
 * (interviews and notices are store-notices.c). Slots
 * SLOT_SUPERVISION .. +39 are this file's; the notices file has the rest
 * of the range.
 *
 * Every listing takes the scope as ?1..?5 (path, path end, organ,
 * person, person's organ) so one binding function serves them all. A
 * rectification's overdue state is computed in the SELECT from the day
 * bound as "today", never stored.
 */
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"
#include "store/store-supervision.h"

enum {
	U_INSPECTION_ADD = SLOT_SUPERVISION,
	U_INSPECTION_GET,
	U_INSPECTION_EACH,
	U_INSPECTION_STATUS,
	U_FINDING_ADD,
	U_FINDING_GET,
	U_FINDING_EACH,
	U_RECT_ADD,
	U_RECT_GET,
	U_RECT_EACH,
	U_RECT_COUNT,
	U_RECT_MOVE,
	U_EVENT_ADD,
	U_EVENT_EACH,
	U_EVIDENCE_ADD,
	U_EVIDENCE_EACH,
	U_END
};

_Static_assert((int)U_END <= (int)SLOT_SUPERVISION + 40,
    "store-notices.c starts at SLOT_SUPERVISION + 40");

/* A row of organ o (region g, person p) whose own person column is
 * x.person lies in the scope bound as ?1..?5. */
#define SCOPE(x) \
	"(?1 IS NULL OR (g.path >= ?1 AND g.path < ?2)) AND " \
	"(?3 IS NULL OR o.id = ?3) AND " \
	"(?4 IS NULL OR p.id = ?4 OR (" x ".person IS NULL AND o.id = ?5))"

#define INSPECTION_COLS \
	"SELECT i.key, i.id, i.kind, i.title, g.code, g.name, g.path, " \
	"i.year, i.status, i.starts, i.ends, i.focus, i.created_by, " \
	"i.created_at, i.updated_at, (SELECT count(*) FROM finding f JOIN " \
	"organ o ON o.key = f.organ LEFT JOIN person p ON p.key = f.person " \
	"WHERE f.inspection = i.key AND (?3 IS NULL OR o.id = ?3) AND " \
	"(?4 IS NULL OR p.id = ?4 OR (f.person IS NULL AND o.id = ?5))) " \
	"FROM inspection i JOIN region g ON g.key = i.region"

#define FINDING_COLS \
	"SELECT f.key, f.id, i.id, o.id, o.name, g.code, g.name, p.id, " \
	"p.name, f.duty, r.id, f.severity, f.description, f.created_by, " \
	"f.created_at, (SELECT count(*) FROM rectification x WHERE " \
	"x.finding = f.key), dr.id, d.determined_by, d.determined_at " \
	"FROM finding f JOIN inspection i ON i.key = " \
	"f.inspection JOIN organ o ON o.key = f.organ JOIN region g ON " \
	"g.key = o.region LEFT JOIN person p ON p.key = f.person LEFT JOIN " \
	"record r ON r.key = f.record LEFT JOIN finding_determination d ON " \
	"d.finding = f.key LEFT JOIN record dr ON dr.key = d.record"

/* overdue: issued or in progress with the deadline before today (?T) */
#define OVERDUE(T) \
	"(x.status IN ('issued', 'in_progress') AND x.deadline < ?" #T ")"
#define RECT_COLS(T) \
	"SELECT x.key, x.id, x.source, f.id, v.id, n.id, o.id, o.name, " \
	"g.code, g.name, g.path, p.id, p.name, x.year, x.requirement, " \
	"x.deadline, x.status, x.report, x.issued_by, x.issued_at, " \
	"x.submitted_at, x.accepted_by, x.accepted_at, x.updated_at, " \
	OVERDUE(T) ", (SELECT count(*) FROM rectification_evidence e WHERE " \
	"e.rectification = x.key)"
#define RECT_FROM \
	" FROM rectification x JOIN organ o ON o.key = x.organ JOIN region g " \
	"ON g.key = o.region LEFT JOIN person p ON p.key = x.person LEFT " \
	"JOIN finding f ON f.key = x.finding LEFT JOIN interview v ON " \
	"v.key = x.interview LEFT JOIN notice n ON n.key = x.notice"
#define RECT_WHERE \
	" WHERE " SCOPE("x") " AND (?6 IS NULL OR x.status = ?6) AND " \
	"(?7 = 0 OR " OVERDUE(11) ") AND (?8 IS NULL OR n.id = ?8) AND " \
	"(?9 IS NULL OR f.id = ?9) AND (?10 = 0 OR x.year = ?10) AND " \
	"(?14 IS NULL OR (x.status IN ('issued', 'in_progress') AND " \
	"x.deadline <= ?14))"

static const char *const sql[] = {
	[U_INSPECTION_ADD - SLOT_SUPERVISION] = "INSERT INTO inspection(id, "
	    "kind, title, region, year, status, starts, ends, focus, "
	    "created_by, created_at) SELECT ?1, ?2, ?3, key, ?5, ?6, ?7, ?8, "
	    "?9, ?10, ?11 FROM region WHERE code = ?4",
	[U_INSPECTION_GET - SLOT_SUPERVISION] = INSPECTION_COLS
	    " WHERE i.id = ?6",
	[U_INSPECTION_EACH - SLOT_SUPERVISION] = INSPECTION_COLS
	    " WHERE (?1 IS NULL OR (g.path >= ?1 AND g.path < ?2)) AND "
	    "((?3 IS NULL AND ?4 IS NULL) OR EXISTS (SELECT 1 FROM finding f "
	    "JOIN organ o ON o.key = f.organ LEFT JOIN person p ON p.key = "
	    "f.person WHERE f.inspection = i.key AND (?3 IS NULL OR o.id = ?3) "
	    "AND (?4 IS NULL OR p.id = ?4 OR (f.person IS NULL AND "
	    "o.id = ?5)))) AND (?6 = 0 OR i.year = ?6) ORDER BY i.year DESC, "
	    "i.created_at DESC, i.id LIMIT ?7 OFFSET ?8",
	[U_INSPECTION_STATUS - SLOT_SUPERVISION] = "UPDATE inspection SET "
	    "status = ?2, updated_at = ?3 WHERE id = ?1",
	[U_FINDING_ADD - SLOT_SUPERVISION] = "INSERT INTO finding(id, "
	    "inspection, organ, person, duty, record, severity, description, "
	    "created_by, created_at) SELECT ?1, i.key, o.key, (SELECT key FROM "
	    "person WHERE id = ?4), ?5, (SELECT key FROM record WHERE id = ?6), "
	    "?7, ?8, ?9, ?10 FROM inspection i, organ o WHERE i.id = ?2 AND "
	    "o.id = ?3",
	[U_FINDING_GET - SLOT_SUPERVISION] = FINDING_COLS " WHERE f.id = ?6",
	[U_FINDING_EACH - SLOT_SUPERVISION] = FINDING_COLS " WHERE i.id = ?6 "
	    "AND " SCOPE("f") " ORDER BY f.key",
	[U_RECT_ADD - SLOT_SUPERVISION] = "INSERT INTO rectification(id, "
	    "source, finding, interview, notice, organ, person, year, "
	    "requirement, deadline, status, issued_by, issued_at) SELECT ?1, "
	    "?2, (SELECT key FROM finding WHERE id = ?3), (SELECT key FROM "
	    "interview WHERE id = ?4), (SELECT key FROM notice WHERE id = ?5), "
	    "o.key, (SELECT key FROM person WHERE id = ?7), ?8, ?9, ?10, "
	    "'issued', ?11, ?12 FROM organ o WHERE o.id = ?6",
	[U_RECT_GET - SLOT_SUPERVISION] = RECT_COLS(2) RECT_FROM
	    " WHERE x.id = ?1",
	[U_RECT_EACH - SLOT_SUPERVISION] = RECT_COLS(11) RECT_FROM RECT_WHERE
	    " ORDER BY " OVERDUE(11) " DESC, x.status = 'accepted', "
	    "x.deadline, x.id LIMIT ?12 OFFSET ?13",
	[U_RECT_COUNT - SLOT_SUPERVISION] = "SELECT count(*)" RECT_FROM
	    RECT_WHERE,
	[U_RECT_MOVE - SLOT_SUPERVISION] = "UPDATE rectification SET "
	    "status = ?3, report = coalesce(?4, report), updated_at = ?6, "
	    "submitted_at = CASE WHEN ?3 = 'submitted' THEN ?6 ELSE "
	    "submitted_at END, accepted_by = CASE WHEN ?3 = 'accepted' THEN ?5 "
	    "ELSE accepted_by END, accepted_at = CASE WHEN ?3 = 'accepted' THEN "
	    "?6 ELSE accepted_at END WHERE id = ?1 AND status = ?2",
	[U_EVENT_ADD - SLOT_SUPERVISION] = "INSERT INTO rectification_event("
	    "rectification, action, from_state, to_state, note, actor, at) "
	    "SELECT key, ?2, ?3, ?4, ?5, ?6, ?7 FROM rectification WHERE "
	    "id = ?1",
	[U_EVENT_EACH - SLOT_SUPERVISION] = "SELECT e.key, e.action, "
	    "e.from_state, e.to_state, e.note, e.actor, e.at FROM "
	    "rectification_event e JOIN rectification x ON x.key = "
	    "e.rectification WHERE x.id = ?1 ORDER BY e.key",
	[U_EVIDENCE_ADD - SLOT_SUPERVISION] = "INSERT INTO "
	    "rectification_evidence(rectification, sm3, size, mime, filename, "
	    "uploaded_by, uploaded_at) SELECT key, ?2, ?3, ?4, ?5, ?6, ?7 FROM "
	    "rectification WHERE id = ?1",
	[U_EVIDENCE_EACH - SLOT_SUPERVISION] = "SELECT e.key, x.id, e.sm3, "
	    "e.mime, e.filename, e.uploaded_by, e.uploaded_at, e.size FROM "
	    "rectification_evidence e JOIN rectification x ON x.key = "
	    "e.rectification WHERE x.id = ?1 AND (?2 = 0 OR e.key = ?2) "
	    "ORDER BY e.key",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, id, sql[id - SLOT_SUPERVISION]);
}

void
store_sup_bind_scope(struct db_stmt *st, const struct store_sup_scope *sc,
    char end[512])
{
	if (sc == NULL)
		return;
	if (sc->path != NULL && *sc->path != '\0')
		store_bind_subtree(st, 1, sc->path, end);
	db_bind_text(st, 3, sc->organ);
	db_bind_text(st, 4, sc->person);
	db_bind_text(st, 5, sc->person_organ);
}

static int
found(struct store *s, struct db_stmt *st, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx)
{
	int rc = store_iterate(s, st, what, row, cb, ctx);
	return rc < 0 ? -1 : rc > 0;
}

/* ---- inspections ---- */

int
store_inspection_add(struct store *s, const struct store_inspection *in)
{
	struct db_stmt *st = stmt(s, U_INSPECTION_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, in->id);
	db_bind_text(st, 2, in->kind);
	db_bind_text(st, 3, in->title);
	db_bind_text(st, 4, in->region);
	db_bind_int(st, 5, in->year);
	db_bind_text(st, 6, in->status ? in->status : "planned");
	db_bind_text(st, 7, in->starts);
	db_bind_text(st, 8, in->ends);
	db_bind_text(st, 9, in->focus);
	db_bind_text(st, 10, in->created_by);
	db_bind_text(st, 11, in->created_at);
	return store_insert_one(s, st, "inspection");
}

typedef int (*inspection_cb)(void *, const struct store_inspection *);

static int
inspection_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_inspection in = {
		.key = db_col_int64(st, 0),
		.id = db_col_text(st, 1),
		.kind = db_col_text(st, 2),
		.title = db_col_text(st, 3),
		.region = db_col_text(st, 4),
		.region_name = db_col_text(st, 5),
		.path = db_col_text(st, 6),
		.year = db_col_int(st, 7),
		.status = db_col_text(st, 8),
		.starts = db_col_text(st, 9),
		.ends = db_col_text(st, 10),
		.focus = db_col_text(st, 11),
		.created_by = db_col_text(st, 12),
		.created_at = db_col_text(st, 13),
		.updated_at = db_col_text(st, 14),
		.findings = (long)db_col_int64(st, 15),
	};
	return ((inspection_cb)cb)(ctx, &in);
}

static int
inspection_one(struct db_stmt *st, void *cb, void *ctx)
{
	inspection_row(st, cb, ctx);
	return 1;
}

int
store_inspection_get(struct store *s, const char *id, inspection_cb cb,
    void *ctx)
{
	struct db_stmt *st = stmt(s, U_INSPECTION_GET);
	if (st == NULL)
		return -1;
	db_bind_text(st, 6, id);
	return found(s, st, "inspection", inspection_one, (void *)cb, ctx);
}

int
store_each_inspection(struct store *s, const struct store_sup_scope *sc,
    int year, int limit, int offset, inspection_cb cb, void *ctx)
{
	char end[512];
	struct db_stmt *st = stmt(s, U_INSPECTION_EACH);
	if (st == NULL)
		return -1;
	store_sup_bind_scope(st, sc, end);
	db_bind_int(st, 6, year);
	db_bind_int(st, 7, limit > 0 ? limit : 50);
	db_bind_int(st, 8, offset > 0 ? offset : 0);
	return store_iterate(s, st, "inspections", inspection_row, (void *)cb,
	    ctx);
}

int
store_inspection_set_status(struct store *s, const char *id,
    const char *status, const char *now)
{
	struct db_stmt *st = stmt(s, U_INSPECTION_STATUS);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, now);
	return store_changed(s, st, "inspection");
}

/* ---- findings ---- */

int
store_finding_add(struct store *s, const struct store_finding *f)
{
	struct db_stmt *st = stmt(s, U_FINDING_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, f->id);
	db_bind_text(st, 2, f->inspection);
	db_bind_text(st, 3, f->organ);
	db_bind_text(st, 4, f->person);
	db_bind_text(st, 5, f->duty);
	db_bind_text(st, 6, f->record);
	db_bind_text(st, 7, f->severity);
	db_bind_text(st, 8, f->description);
	db_bind_text(st, 9, f->created_by);
	db_bind_text(st, 10, f->created_at);
	return store_insert_one(s, st, "finding");
}

typedef int (*finding_cb)(void *, const struct store_finding *);

static int
finding_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_finding f = {
		.key = db_col_int64(st, 0),
		.id = db_col_text(st, 1),
		.inspection = db_col_text(st, 2),
		.organ = db_col_text(st, 3),
		.organ_name = db_col_text(st, 4),
		.region = db_col_text(st, 5),
		.region_name = db_col_text(st, 6),
		.person = db_col_text(st, 7),
		.person_name = db_col_text(st, 8),
		.duty = db_col_text(st, 9),
		.record = db_col_text(st, 10),
		.severity = db_col_text(st, 11),
		.description = db_col_text(st, 12),
		.created_by = db_col_text(st, 13),
		.created_at = db_col_text(st, 14),
		.rectifications = (long)db_col_int64(st, 15),
		.determined_record = db_col_text(st, 16),
		.determined_by = db_col_text(st, 17),
		.determined_at = db_col_text(st, 18),
	};
	return ((finding_cb)cb)(ctx, &f);
}

static int
finding_one(struct db_stmt *st, void *cb, void *ctx)
{
	finding_row(st, cb, ctx);
	return 1;
}

int
store_finding_get(struct store *s, const char *id, finding_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, U_FINDING_GET);
	if (st == NULL)
		return -1;
	db_bind_text(st, 6, id);
	return found(s, st, "finding", finding_one, (void *)cb, ctx);
}

/* The determinations of findings: slots SLOT_FINDINGS .. +3. */
enum { D_FINDING_DETERMINE = SLOT_FINDINGS, D_END };
_Static_assert((int)D_END <= (int)STORE_SLOTS, "SLOT_FINDINGS block");

int
store_finding_determine(struct store *s, const char *finding,
    const char *record, const char *by, const char *at)
{
	static const char text[] = "INSERT INTO finding_determination(finding, "
	    "record, determined_by, determined_at) SELECT f.key, r.key, ?3, ?4 "
	    "FROM finding f, record r WHERE f.id = ?1 AND r.id = ?2 AND NOT "
	    "EXISTS (SELECT 1 FROM finding_determination d WHERE d.finding = "
	    "f.key)";
	struct db_stmt *st = store_stmt(s, D_FINDING_DETERMINE, text);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, finding);
	db_bind_text(st, 2, record);
	db_bind_text(st, 3, by);
	db_bind_text(st, 4, at);
	return store_changed(s, st, "finding determination");
}

int
store_each_finding(struct store *s, const char *inspection,
    const struct store_sup_scope *sc, finding_cb cb, void *ctx)
{
	char end[512];
	struct db_stmt *st = stmt(s, U_FINDING_EACH);
	if (st == NULL)
		return -1;
	store_sup_bind_scope(st, sc, end);
	db_bind_text(st, 6, inspection);
	return store_iterate(s, st, "findings", finding_row, (void *)cb, ctx);
}

/* ---- rectifications ---- */

int
store_rectification_add(struct store *s, const struct store_rectification *r)
{
	struct db_stmt *st = stmt(s, U_RECT_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, r->id);
	db_bind_text(st, 2, r->source);
	db_bind_text(st, 3, r->finding);
	db_bind_text(st, 4, r->interview);
	db_bind_text(st, 5, r->notice);
	db_bind_text(st, 6, r->organ);
	db_bind_text(st, 7, r->person);
	if (r->year > 0)
		db_bind_int(st, 8, r->year);
	db_bind_text(st, 9, r->requirement);
	db_bind_text(st, 10, r->deadline);
	db_bind_text(st, 11, r->issued_by);
	db_bind_text(st, 12, r->issued_at);
	return store_insert_one(s, st, "rectification");
}

typedef int (*rect_cb)(void *, const struct store_rectification *);

static int
rect_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_rectification r = {
		.key = db_col_int64(st, 0),
		.id = db_col_text(st, 1),
		.source = db_col_text(st, 2),
		.finding = db_col_text(st, 3),
		.interview = db_col_text(st, 4),
		.notice = db_col_text(st, 5),
		.organ = db_col_text(st, 6),
		.organ_name = db_col_text(st, 7),
		.region = db_col_text(st, 8),
		.region_name = db_col_text(st, 9),
		.path = db_col_text(st, 10),
		.person = db_col_text(st, 11),
		.person_name = db_col_text(st, 12),
		.year = db_col_int(st, 13),
		.requirement = db_col_text(st, 14),
		.deadline = db_col_text(st, 15),
		.status = db_col_text(st, 16),
		.report = db_col_text(st, 17),
		.issued_by = db_col_text(st, 18),
		.issued_at = db_col_text(st, 19),
		.submitted_at = db_col_text(st, 20),
		.accepted_by = db_col_text(st, 21),
		.accepted_at = db_col_text(st, 22),
		.updated_at = db_col_text(st, 23),
		.overdue = db_col_int(st, 24),
		.evidence = (long)db_col_int64(st, 25),
	};
	return ((rect_cb)cb)(ctx, &r);
}

static int
rect_one(struct db_stmt *st, void *cb, void *ctx)
{
	rect_row(st, cb, ctx);
	return 1;
}

int
store_rectification_get(struct store *s, const char *id, date_t today,
    rect_cb cb, void *ctx)
{
	char day[11];
	struct db_stmt *st = stmt(s, U_RECT_GET);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_date(st, 2, today, day);
	return found(s, st, "rectification", rect_one, (void *)cb, ctx);
}

/* Binds ?1..?11 and ?14 (the last due day: due, 11 bytes); ?12 and ?13
 * are the listing's limit and offset. */
static void
bind_rect_filter(struct db_stmt *st, const struct store_rect_filter *f,
    date_t today, char end[512], char day[11], char due[11])
{
	store_sup_bind_scope(st, &f->scope, end);
	db_bind_text(st, 6, f->status);
	db_bind_int(st, 7, f->overdue_only != 0);
	db_bind_text(st, 8, f->notice);
	db_bind_text(st, 9, f->finding);
	db_bind_int(st, 10, f->year);
	db_bind_date(st, 11, today, day);
	db_bind_date(st, 14, f->due_within > 0 ? today + f->due_within :
	    DATE_NONE, due);
}

int
store_each_rectification(struct store *s, const struct store_rect_filter *f,
    date_t today, rect_cb cb, void *ctx)
{
	char end[512], day[11], due[11];
	struct db_stmt *st = stmt(s, U_RECT_EACH);
	if (st == NULL)
		return -1;
	bind_rect_filter(st, f, today, end, day, due);
	db_bind_int(st, 12, f->limit > 0 ? f->limit : 50);
	db_bind_int(st, 13, f->offset > 0 ? f->offset : 0);
	return store_iterate(s, st, "rectifications", rect_row, (void *)cb, ctx);
}

long
store_count_rectifications(struct store *s, const struct store_rect_filter *f,
    date_t today)
{
	char end[512], day[11], due[11];
	struct db_stmt *st = stmt(s, U_RECT_COUNT);
	if (st == NULL)
		return -1;
	bind_rect_filter(st, f, today, end, day, due);
	long n = -1;
	if (db_step(st) == DB_ROW)
		n = (long)db_col_int64(st, 0);
	else
		store_fail(s, "rectifications");
	db_reset(st);
	return n;
}

int
store_rectification_move(struct store *s, const char *id, const char *from,
    const char *to, const char *report, const char *by, const char *now)
{
	struct db_stmt *st = stmt(s, U_RECT_MOVE);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	db_bind_text(st, 4, report);
	db_bind_text(st, 5, by);
	db_bind_text(st, 6, now);
	return store_changed(s, st, "rectification");
}

/* ---- history ---- */

int
store_rect_event_add(struct store *s, const char *rectification,
    const struct store_rect_event *e)
{
	struct db_stmt *st = stmt(s, U_EVENT_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, rectification);
	db_bind_text(st, 2, e->action);
	db_bind_text(st, 3, e->from);
	db_bind_text(st, 4, e->to);
	db_bind_text(st, 5, e->note);
	db_bind_text(st, 6, e->actor);
	db_bind_text(st, 7, e->at);
	return store_insert_one(s, st, "rectification event");
}

typedef int (*event_cb)(void *, const struct store_rect_event *);

static int
event_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_rect_event e = {
		.key = db_col_int64(st, 0),
		.action = db_col_text(st, 1),
		.from = db_col_text(st, 2),
		.to = db_col_text(st, 3),
		.note = db_col_text(st, 4),
		.actor = db_col_text(st, 5),
		.at = db_col_text(st, 6),
	};
	return ((event_cb)cb)(ctx, &e);
}

int
store_each_rect_event(struct store *s, const char *rectification,
    event_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, U_EVENT_EACH);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, rectification);
	return store_iterate(s, st, "rectification events", event_row,
	    (void *)cb, ctx);
}

/* ---- evidence ---- */

int
store_rect_evidence_add(struct store *s, const struct store_rect_evidence *e,
    int64_t *key)
{
	struct db_stmt *st = stmt(s, U_EVIDENCE_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, e->rectification);
	db_bind_text(st, 2, e->sm3);
	db_bind_int64(st, 3, e->size);
	db_bind_text(st, 4, e->mime);
	db_bind_text(st, 5, e->filename);
	db_bind_text(st, 6, e->uploaded_by);
	db_bind_text(st, 7, e->uploaded_at);
	if (store_insert_one(s, st, "rectification evidence"))
		return -1;
	if (key != NULL)
		*key = db_last_id(s->conn);
	return 0;
}

typedef int (*evidence_cb)(void *, const struct store_rect_evidence *);

static int
evidence_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_rect_evidence e = {
		.key = db_col_int64(st, 0),
		.rectification = db_col_text(st, 1),
		.sm3 = db_col_text(st, 2),
		.mime = db_col_text(st, 3),
		.filename = db_col_text(st, 4),
		.uploaded_by = db_col_text(st, 5),
		.uploaded_at = db_col_text(st, 6),
		.size = db_col_int64(st, 7),
	};
	return ((evidence_cb)cb)(ctx, &e);
}

int
store_each_rect_evidence(struct store *s, const char *rectification,
    int64_t key, evidence_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, U_EVIDENCE_EACH);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, rectification);
	db_bind_int64(st, 2, key);
	return store_iterate(s, st, "rectification evidence", evidence_row,
	    (void *)cb, ctx);
}
