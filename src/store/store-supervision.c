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
#include <stddef.h>
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

#define INSPECTION_COLS \
	"SELECT i.key, i.id, i.kind, i.title, g.code, g.name, g.path, " \
	"i.year, i.status, i.starts, i.ends, i.focus, i.created_by, " \
	"i.created_at, i.updated_at, (SELECT count(*) FROM finding f JOIN " \
	"organ o ON o.key = f.organ LEFT JOIN person p ON p.key = f.person " \
	"WHERE f.inspection = i.key AND " STORE_SUP_WHO("f") ") FROM " \
	"inspection i JOIN region g ON g.key = i.region"

/* Where a finding's 整改 stands as of today (?7): an order of it past its
 * deadline (overdue), one still open (rectifying), all accepted
 * (rectified), none yet but handed to the office (referred), or NULL. */
#define FINDING_STATE \
	"CASE WHEN EXISTS (SELECT 1 FROM rectification x WHERE x.finding = " \
	"f.key AND x.status IN ('issued', 'in_progress') AND x.deadline < ?7) " \
	"THEN 'overdue' WHEN EXISTS (SELECT 1 FROM rectification x WHERE " \
	"x.finding = f.key AND x.status <> 'accepted') THEN 'rectifying' " \
	"WHEN EXISTS (SELECT 1 FROM rectification x WHERE x.finding = f.key) " \
	"THEN 'rectified' WHEN fr.finding IS NOT NULL THEN 'referred' END"

#define FINDING_COLS \
	"SELECT f.key, f.id, i.id, o.id, o.name, g.code, g.name, p.id, " \
	"p.name, f.duty, r.id, f.severity, f.description, f.created_by, " \
	"f.created_at, (SELECT count(*) FROM rectification x WHERE " \
	"x.finding = f.key), dr.id, d.determined_by, d.determined_at, " \
	"fg.code, fg.name, fr.requirement, fr.deadline, fr.referred_by, " \
	"fr.referred_at, " FINDING_STATE \
	" FROM finding f JOIN inspection i ON i.key = " \
	"f.inspection JOIN organ o ON o.key = f.organ JOIN region g ON " \
	"g.key = o.region LEFT JOIN person p ON p.key = f.person LEFT JOIN " \
	"record r ON r.key = f.record LEFT JOIN finding_determination d ON " \
	"d.finding = f.key LEFT JOIN record dr ON dr.key = d.record " \
	"LEFT JOIN finding_referral fr ON fr.finding = f.key LEFT JOIN " \
	"region fg ON fg.key = fr.region"

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
	" WHERE " STORE_SUP_SCOPE("x") " AND " \
	"(?6 IS NULL OR x.status = ?6) AND (?7 = 0 OR " OVERDUE(11) ") AND " \
	STORE_NOTICE_ORDERS("rectification", "x", 8) " AND " \
	"(?9 IS NULL OR f.id = ?9) AND " \
	"(?10 = 0 OR x.year = ?10) AND (?14 IS NULL OR (x.status IN " \
	"('issued', 'in_progress') AND x.deadline <= ?14))"

/* Inspections in scope (with organ or person set, only those with a
 * finding in that narrower scope), of year ?6 (0: any), status ?7. */
#define INSPECTION_WHERE \
	" WHERE " STORE_UNDER " AND ((?3 IS NULL AND ?4 IS NULL) OR " \
	"EXISTS (SELECT 1 FROM finding f JOIN organ o ON o.key = f.organ " \
	"LEFT JOIN person p ON p.key = f.person WHERE f.inspection = i.key " \
	"AND " STORE_SUP_WHO("f") ")) AND (?6 = 0 OR i.year = ?6) AND " \
	"(?7 IS NULL OR i.status = ?7)"

/* An inspection's findings (?6) within the scope. */
#define FINDINGS_WHERE " WHERE i.id = ?6 AND " STORE_SUP_SCOPE("f")

/* The listings' orders (store_ordered): slots SLOT_SUP_LISTS on, the
 * interviews' and notices' in store-notices.c; a page of findings after
 * those. */
enum {
	L_INSPECTIONS = SLOT_SUP_LISTS,      /* + 2 * order + desc */
	L_INSPECTIONS_COUNT = L_INSPECTIONS + 6,
	L_RECTS,                             /* + 2 * order + desc */
	L_END = L_RECTS + 6
};
_Static_assert((int)L_END <= (int)SLOT_SUP_LISTS + 13,
    "store-notices.c's listings start at SLOT_SUP_LISTS + 13");
enum { L_FINDINGS = SLOT_SUP_LISTS + 24, L_FINDINGS_COUNT, L_FINDINGS_END };
_Static_assert((int)L_FINDINGS_END <= (int)SLOT_LABELS, "SLOT_SUP_LISTS");

static const struct store_sort inspection_orders[] = {
	{ "year", "i.year, i.created_at, i.id",
	    "i.year DESC, i.created_at DESC, i.id" },
	{ "title", "i.title, i.id", "i.title DESC, i.id" },
	{ "status", "i.status, i.year DESC, i.id",
	    "i.status DESC, i.year DESC, i.id" },
};

static const struct store_sort rect_orders[] = {
	{ "deadline", OVERDUE(11) " DESC, x.status = 'accepted', x.deadline, "
	    "x.id", "x.deadline DESC, x.id" },
	{ "organ", "o.name, x.deadline, x.id", "o.name DESC, x.deadline, x.id" },
	{ "status", "x.status, x.deadline, x.id",
	    "x.status DESC, x.deadline, x.id" },
};

static const char *const sql[] = {
	[U_INSPECTION_ADD - SLOT_SUPERVISION] = "INSERT INTO inspection(id, "
	    "kind, title, region, year, status, starts, ends, focus, "
	    "created_by, created_at) SELECT ?1, ?2, ?3, key, ?5, ?6, ?7, ?8, "
	    "?9, ?10, ?11 FROM region WHERE code = ?4",
	[U_INSPECTION_GET - SLOT_SUPERVISION] = INSPECTION_COLS
	    " WHERE i.id = ?6",
	[U_INSPECTION_STATUS - SLOT_SUPERVISION] = "UPDATE inspection SET "
	    "status = ?2, updated_at = ?3 WHERE id = ?1",
	[U_FINDING_ADD - SLOT_SUPERVISION] = "INSERT INTO finding(id, "
	    "inspection, organ, person, duty, record, severity, description, "
	    "created_by, created_at) SELECT ?1, i.key, o.key, (SELECT key FROM "
	    "person WHERE id = ?4), ?5, (SELECT key FROM record WHERE id = ?6), "
	    "?7, ?8, ?9, ?10 FROM inspection i, organ o WHERE i.id = ?2 AND "
	    "o.id = ?3",
	[U_FINDING_GET - SLOT_SUPERVISION] = FINDING_COLS " WHERE f.id = ?6",
	[U_FINDING_EACH - SLOT_SUPERVISION] = FINDING_COLS FINDINGS_WHERE
	    " ORDER BY f.key",
	[U_RECT_ADD - SLOT_SUPERVISION] = "INSERT INTO rectification(id, "
	    "source, finding, interview, notice, organ, person, year, "
	    "requirement, deadline, status, issued_by, issued_at) SELECT ?1, "
	    "?2, (SELECT key FROM finding WHERE id = ?3), (SELECT key FROM "
	    "interview WHERE id = ?4), (SELECT key FROM notice WHERE id = ?5), "
	    "o.key, (SELECT key FROM person WHERE id = ?7), ?8, ?9, ?10, "
	    "'issued', ?11, ?12 FROM organ o WHERE o.id = ?6",
	[U_RECT_GET - SLOT_SUPERVISION] = RECT_COLS(2) RECT_FROM
	    " WHERE x.id = ?1",
	[U_RECT_COUNT - SLOT_SUPERVISION] = "SELECT count(*)" RECT_FROM
	    RECT_WHERE,
	[U_RECT_MOVE - SLOT_SUPERVISION] = "UPDATE rectification SET "
	    "status = ?3, report = coalesce(?4, report), updated_at = ?6, "
	    "submitted_at = CASE WHEN ?3 = 'submitted' THEN ?6 ELSE "
	    "submitted_at END, accepted_by = CASE WHEN ?3 = 'accepted' THEN ?5 "
	    "ELSE accepted_by END, accepted_at = CASE WHEN ?3 = 'accepted' THEN "
	    "?6 ELSE accepted_at END WHERE id = ?1 AND status = ?2",
	[U_EVENT_ADD - SLOT_SUPERVISION] = STORE_EVENT_ADD("rectification"),
	[U_EVENT_EACH - SLOT_SUPERVISION] = STORE_EVENTS_OF("rectification",
	    "x"),
	[U_EVIDENCE_ADD - SLOT_SUPERVISION] = "INSERT INTO "
	    "rectification_evidence(rectification, sm3, mime, filename, "
	    "uploaded_by, uploaded_at, size) SELECT key, ?2, ?3, ?4, ?5, ?6, ?7 "
	    "FROM rectification WHERE id = ?1",
	[U_EVIDENCE_EACH - SLOT_SUPERVISION] = "SELECT e.key, x.id, e.sm3, "
	    "e.mime, e.filename, e.uploaded_by, e.uploaded_at, e.size FROM "
	    "rectification_evidence e JOIN rectification x ON x.key = "
	    "e.rectification WHERE x.id = ?1 AND (?2 = 0 OR e.key = ?2) "
	    "ORDER BY e.key",
};

/* ---- the field tables (store-supervision.h) ---- */

#define F(json, col, label, type, flags, max, S, m) { (json), (col), \
	(label), (type), (flags), 0, (max), NULL, offsetof(S, m) }
#define E(json, col, label, flags, values, S, m) { (json), (col), \
	(label), ATTR_ENUM, (flags), 0, 16, (values), offsetof(S, m) }
#define IN ATTR_IN
#define ADD ATTR_ADD
#define HIDE ATTR_HIDE

/* The organ a row is about, with its region; the leader it names. */
#define ORGAN(S, flags) \
	F("organ", "organ.id", "机构", ATTR_TEXT, (flags), 128, S, organ), \
	F("organ_name", "organ.name", "机构名称", ATTR_TEXT, 0, 0, S, \
	    organ_name), \
	F("region", "region.code", "地区", ATTR_TEXT, 0, 0, S, region), \
	F("region_name", "region.name", "地区名称", ATTR_TEXT, 0, 0, S, \
	    region_name)
#define PERSON(S) \
	F("person", "person.id", "负责人", ATTR_TEXT, IN | ADD, 128, S, \
	    person), \
	F("person_name", "person.name", "负责人姓名", ATTR_TEXT, 0, 0, S, \
	    person_name)

static const char *const inspection_kinds[] = { "regular", "special", NULL };
static const char *const severities[] = { "minor", "serious", "veto", NULL };
static const char *const rect_sources[] = { "finding", "evaluation",
	"interview", NULL };
static const char *const interview_sources[] = { "evaluation", "finding",
	"report", NULL };

#define S struct store_inspection
static const struct attr inspection_attrs[] = {
	F("key", "i.key", "序号", ATTR_INT64, HIDE, 0, S, key),
	F("id", "i.id", "编号", ATTR_TEXT, ADD, 0, S, id),
	E("kind", "i.kind", "类型", IN | ATTR_REQ | ADD, inspection_kinds, S,
	    kind),
	F("title", "i.title", "标题", ATTR_TEXT, IN | ATTR_REQ | ADD, 500, S,
	    title),
	F("region", "region.code", "地区", ATTR_TEXT, IN | ATTR_REQ | ADD, 15,
	    S, region),
	F("region_name", "region.name", "地区名称", ATTR_TEXT, 0, 0, S,
	    region_name),
	F("path", "region.path", "地区路径", ATTR_TEXT, HIDE, 0, S, path),
	F("year", "i.year", "年度", ATTR_YEAR, IN | ATTR_REQ | ADD | ATTR_ZERO,
	    0, S, year),
	F("status", "i.status", "状态", ATTR_TEXT, ADD, 0, S, status),
	F("starts", "i.starts", "开始日期", ATTR_DATE, IN | ADD, 10, S, starts),
	F("ends", "i.ends", "结束日期", ATTR_DATE, IN | ADD, 10, S, ends),
	F("focus", "i.focus", "督查重点", ATTR_TEXT, IN | ADD, 4000, S, focus),
	F("created_by", "i.created_by", "建立人", ATTR_TEXT, ADD, 0, S,
	    created_by),
	F("created_at", "i.created_at", "建立时间", ATTR_STAMP, ADD, 0, S,
	    created_at),
	F("updated_at", "i.updated_at", "更新时间", ATTR_STAMP, 0, 0, S,
	    updated_at),
	F("finding_count", "count(finding)", "问题数", ATTR_LONG, ATTR_ZERO, 0,
	    S, findings),
};
#undef S
const struct entity store_inspection_entity = ENTITY("inspection",
    inspection_attrs);

#define S struct store_finding
static const struct attr finding_attrs[] = {
	F("key", "f.key", "序号", ATTR_INT64, HIDE, 0, S, key),
	F("id", "f.id", "编号", ATTR_TEXT, ADD, 0, S, id),
	F("inspection", "inspection.id", "督查", ATTR_TEXT, ADD, 0, S,
	    inspection),
	ORGAN(S, IN | ATTR_REQ | ADD),
	PERSON(S),
	F("duty", "f.duty", "职责", ATTR_TEXT, IN | ADD, 128, S, duty),
	F("record", "record.id", "台账记录", ATTR_TEXT, IN | ADD, 128, S,
	    record),
	E("severity", "f.severity", "严重程度", IN | ATTR_REQ | ADD, severities,
	    S, severity),
	F("description", "f.description", "问题描述", ATTR_TEXT,
	    IN | ATTR_REQ | ADD, 4000, S, description),
	F("created_by", "f.created_by", "记录人", ATTR_TEXT, ADD, 0, S,
	    created_by),
	F("created_at", "f.created_at", "记录时间", ATTR_STAMP, ADD, 0, S,
	    created_at),
	F("rectifications", "count(rectification)", "整改数", ATTR_LONG,
	    ATTR_ZERO, 0, S, rectifications),
	F("determined_record", "determination.record", "认定记录", ATTR_TEXT, 0,
	    0, S, determined_record),
	F("determined_by", "determination.determined_by", "认定人", ATTR_TEXT,
	    0, 0, S, determined_by),
	F("determined_at", "determination.determined_at", "认定时间",
	    ATTR_STAMP, 0, 0, S, determined_at),
	F("referred_to", "referral.region", "移交地区", ATTR_TEXT, 0, 0, S,
	    referred_to),
	F("referred_to_name", "referral.region_name", "移交地区名称",
	    ATTR_TEXT, 0, 0, S, referred_to_name),
	F("referral_requirement", "referral.requirement", "建议整改要求",
	    ATTR_TEXT, 0, 0, S, referral_requirement),
	F("referral_deadline", "referral.deadline", "建议整改期限", ATTR_DATE,
	    0, 0, S, referral_deadline),
	F("referred_by", "referral.referred_by", "移交人", ATTR_TEXT, 0, 0, S,
	    referred_by),
	F("referred_at", "referral.referred_at", "移交时间", ATTR_STAMP, 0, 0,
	    S, referred_at),
	F("rect_state", "rect_state", "整改状态", ATTR_TEXT, 0, 0, S,
	    rect_state),
};
#undef S
const struct entity store_finding_entity = ENTITY("finding", finding_attrs);

#define S struct store_rectification
static const struct attr rectification_attrs[] = {
	F("key", "x.key", "序号", ATTR_INT64, HIDE, 0, S, key),
	F("id", "x.id", "编号", ATTR_TEXT, ADD, 0, S, id),
	E("source", "x.source", "来源", IN | ATTR_REQ | ADD, rect_sources, S,
	    source),
	F("finding", "finding.id", "问题编号", ATTR_TEXT, IN | ADD, 128, S,
	    finding),
	F("interview", "interview.id", "约谈编号", ATTR_TEXT, IN | ADD, 128, S,
	    interview),
	F("notice", "notice.id", "通报", ATTR_TEXT, ADD, 0, S, notice),
	ORGAN(S, IN | ADD),
	F("path", "region.path", "地区路径", ATTR_TEXT, HIDE, 0, S, path),
	PERSON(S),
	F("year", "x.year", "年度", ATTR_YEAR, IN | ADD, 0, S, year),
	F("requirement", "x.requirement", "整改要求", ATTR_TEXT,
	    IN | ATTR_REQ | ADD, 4000, S, requirement),
	F("deadline", "x.deadline", "整改期限", ATTR_DATE, IN | ATTR_REQ | ADD,
	    10, S, deadline),
	F("status", "x.status", "状态", ATTR_TEXT, 0, 0, S, status),
	F("report", "x.report", "整改报告", ATTR_TEXT, 0, 0, S, report),
	F("issued_by", "x.issued_by", "下达人", ATTR_TEXT, ADD, 0, S,
	    issued_by),
	F("issued_at", "x.issued_at", "下达时间", ATTR_STAMP, ADD, 0, S,
	    issued_at),
	F("submitted_at", "x.submitted_at", "提交时间", ATTR_STAMP, 0, 0, S,
	    submitted_at),
	F("accepted_by", "x.accepted_by", "验收人", ATTR_TEXT, 0, 0, S,
	    accepted_by),
	F("accepted_at", "x.accepted_at", "验收时间", ATTR_STAMP, 0, 0, S,
	    accepted_at),
	F("updated_at", "x.updated_at", "更新时间", ATTR_STAMP, 0, 0, S,
	    updated_at),
	F("overdue", "(derived)", "逾期", ATTR_BOOL, 0, 0, S, overdue),
	F("evidence_files", "count(evidence)", "材料数", ATTR_LONG, ATTR_ZERO,
	    0, S, evidence),
};
#undef S
const struct entity store_rectification_entity = ENTITY("rectification",
    rectification_attrs);

/* The interview's SELECT and INSERT are store-notices.c's, in this
 * order. */
#define S struct store_interview
static const struct attr interview_attrs[] = {
	F("key", "v.key", "序号", ATTR_INT64, HIDE, 0, S, key),
	F("id", "v.id", "编号", ATTR_TEXT, ADD, 0, S, id),
	E("source", "v.source", "来源", IN | ADD, interview_sources, S, source),
	F("finding", "finding.id", "问题编号", ATTR_TEXT, IN | ADD, 128, S,
	    finding),
	F("report", "report.id", "报告", ATTR_TEXT, IN | ADD, 128, S, report),
	F("notice", "notice.id", "通报", ATTR_TEXT, ADD, 0, S, notice),
	ORGAN(S, IN | ADD),
	F("path", "region.path", "地区路径", ATTR_TEXT, HIDE, 0, S, path),
	PERSON(S),
	F("year", "v.year", "年度", ATTR_YEAR, IN | ADD, 0, S, year),
	F("reason", "v.reason", "约谈事由", ATTR_TEXT, IN | ADD, 4000, S,
	    reason),
	F("scheduled_on", "v.scheduled_on", "约谈日期", ATTR_DATE, IN | ADD, 10,
	    S, scheduled_on),
	F("status", "v.status", "状态", ATTR_TEXT, 0, 0, S, status),
	F("held_on", "v.held_on", "约谈日期", ATTR_DATE, IN, 10, S, held_on),
	F("interviewer", "v.interviewer", "约谈人", ATTR_TEXT, IN, 200, S,
	    interviewer),
	F("summary", "v.summary", "约谈情况", ATTR_TEXT, IN, 20000, S, summary),
	F("created_by", "v.created_by", "安排人", ATTR_TEXT, ADD, 0, S,
	    created_by),
	F("created_at", "v.created_at", "安排时间", ATTR_STAMP, ADD, 0, S,
	    created_at),
};
#undef S
const struct entity store_interview_entity = ENTITY("interview",
    interview_attrs);

/* An order's history (the order bound apart, as ?1) and its files. */
#define S struct store_rect_event
static const struct attr event_attrs[] = {
	F("key", "e.key", "序号", ATTR_INT64, HIDE, 0, S, key),
	F("action", "e.action", "办理", ATTR_TEXT, ADD, 0, S, action),
	F("from", "e.from_state", "原状态", ATTR_TEXT, ADD, 0, S, from),
	F("to", "e.to_state", "新状态", ATTR_TEXT, ADD, 0, S, to),
	F("note", "e.note", "说明", ATTR_TEXT, ADD, 0, S, note),
	F("actor", "e.actor", "办理人", ATTR_TEXT, ADD, 0, S, actor),
	F("at", "e.at", "时间", ATTR_STAMP, ADD, 0, S, at),
};
#undef S
const struct entity store_rect_event_entity = ENTITY("rectification event",
    event_attrs);

#define S struct store_rect_evidence
static const struct attr evidence_attrs[] = {
	F("key", "e.key", "序号", ATTR_INT64, ATTR_ZERO, 0, S, key),
	F("rectification", "x.id", "整改", ATTR_TEXT, ADD, 0, S,
	    rectification),
	F("sm3", "e.sm3", "SM3", ATTR_TEXT, ADD, 0, S, sm3),
	F("mime", "e.mime", "类型", ATTR_TEXT, ADD, 0, S, mime),
	F("filename", "e.filename", "文件名", ATTR_TEXT, ADD, 0, S, filename),
	F("uploaded_by", "e.uploaded_by", "上传人", ATTR_TEXT, ADD, 0, S,
	    uploaded_by),
	F("uploaded_at", "e.uploaded_at", "上传时间", ATTR_STAMP, ADD, 0, S,
	    uploaded_at),
	F("size", "e.size", "大小", ATTR_INT64, ADD | ATTR_ZERO, 0, S, size),
};
#undef S
const struct entity store_rect_evidence_entity = ENTITY(
    "rectification evidence", evidence_attrs);

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, id, sql[id - SLOT_SUPERVISION]);
}

/* ---- listings, and the INSERT of an entity (store-int.h) ---- */

/* Binds path's subtree as ?1 and its end (kept in end) as ?2, unless
 * path is NULL or "", and a from ?first on: 0, or -1 when st is NULL. */
static int
bind_under(struct db_stmt *st, const char *path, char end[512], int first,
    size_t n, struct db_arg *a)
{
	if (st == NULL)
		return -1;
	if (path != NULL && *path != '\0')
		store_bind_subtree(st, 1, path, end);
	db_bind_args(st, first, n, a);
	return 0;
}

int
store_each_under(struct store *s, struct db_stmt *st, const char *path,
    const char *what, int (*row)(struct db_stmt *, void *, void *),
    void *cb, void *ctx, size_t n, struct db_arg *a)
{
	char end[512];
	if (bind_under(st, path, end, 3, n, a))
		return -1;
	return store_iterate(s, st, what, row, cb, ctx);
}

int
store_sup_each(struct store *s, struct db_stmt *st,
    const struct store_sup_scope *sc, const char *what,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx,
    size_t n, struct db_arg *a)
{
	static const struct store_sup_scope everywhere;
	char end[512];
	if (sc == NULL)
		sc = &everywhere;
	if (bind_under(st, sc->path, end, 6, n, a))
		return -1;
	db_bind_args(st, 3, DB_ARGS(DB_TEXT(sc->organ), DB_TEXT(sc->person),
	    DB_TEXT(sc->person_organ)));
	return store_iterate(s, st, what, row, cb, ctx);
}

int
store_count_row(struct db_stmt *st, void *cb, void *ctx)
{
	(void)cb;
	*(long *)ctx = (long)db_col_int64(st, 0);
	return 0;
}

int
store_first_text_of(struct store *s, struct db_stmt *st, const char *what,
    char *out, size_t size, size_t n, struct db_arg *a)
{
	if (st == NULL)
		return -1;
	db_bind_args(st, 1, n, a);
	return store_first_text(s, st, what, out, size);
}

int
store_add_entity(struct store *s, struct db_stmt *st, const struct entity *e,
    const void *obj, size_t n, struct db_arg *a)
{
	if (st == NULL)
		return -1;
	store_bind_entity(st, db_bind_args(st, 1, n, a), e, obj);
	return store_insert_one(s, st, e->name);
}

/* The entity's INSERT in slot id, from ?1 on. */
static int
add(struct store *s, int id, const struct entity *e, const void *obj)
{
	return store_add_entity(s, stmt(s, id), e, obj, 0, NULL);
}

/* ---- inspections ---- */

int
store_inspection_add(struct store *s, const struct store_inspection *in)
{
	return add(s, U_INSPECTION_ADD, &store_inspection_entity, in);
}

/* A get by id leaves the scope of its finding count (?1..?5) unset:
 * every finding counts. */
#define GET_SCOPE DB_NULL, DB_NULL, DB_NULL, DB_NULL, DB_NULL

STORE_ENTITY_ROW(inspection_row, struct store_inspection,
    &store_inspection_entity)

int
store_inspection_get(struct store *s, const char *id, store_inspection_cb cb,
    void *ctx)
{
	return store_one(s, stmt(s, U_INSPECTION_GET), "inspection",
	    inspection_row, (void *)cb, ctx, DB_ARGS(GET_SCOPE, DB_TEXT(id)));
}

int
store_each_inspection(struct store *s, const struct store_sup_scope *sc,
    int year, int limit, int offset, store_inspection_cb cb, void *ctx)
{
	struct store_inspection_filter f = { .scope = *sc, .year = year,
		.page = { .limit = limit, .offset = offset } };
	return store_each_inspection_in(s, &f, cb, ctx);
}

int
store_each_inspection_in(struct store *s,
    const struct store_inspection_filter *f, store_inspection_cb cb,
    void *ctx)
{
	const struct store_page *pg = &f->page;
	return store_sup_each(s, store_ordered(s, L_INSPECTIONS,
	    INSPECTION_COLS INSPECTION_WHERE, inspection_orders, 3, pg, 1,
	    "LIMIT ?8 OFFSET ?9"), &f->scope, "inspections", inspection_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT(f->year), DB_TEXT(f->status),
	    STORE_PAGE(pg->limit, pg->offset)));
}

long
store_count_inspections(struct store *s,
    const struct store_inspection_filter *f)
{
	long n = 0;
	if (store_sup_each(s, store_stmt(s, L_INSPECTIONS_COUNT, "SELECT "
	    "count(*) FROM inspection i JOIN region g ON g.key = i.region"
	    INSPECTION_WHERE), &f->scope, "inspections", store_count_row, NULL,
	    &n, DB_ARGS(DB_INT(f->year), DB_TEXT(f->status))) < 0)
		return -1;
	return n;
}

int
store_inspection_set_status(struct store *s, const char *id,
    const char *status, const char *now)
{
	return store_change(s, stmt(s, U_INSPECTION_STATUS), "inspection",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(status), DB_TEXT(now)));
}

/* ---- findings ---- */

int
store_finding_add(struct store *s, const struct store_finding *f)
{
	return add(s, U_FINDING_ADD, &store_finding_entity, f);
}

STORE_ENTITY_ROW(finding_row, struct store_finding, &store_finding_entity)

int
store_finding_get(struct store *s, const char *id, store_finding_cb cb,
    void *ctx)
{
	return store_one(s, stmt(s, U_FINDING_GET), "finding", finding_row,
	    (void *)cb, ctx, DB_ARGS(GET_SCOPE, DB_TEXT(id),
	    DB_DATE(date_today())));
}

/* The determinations and referrals of findings: slots SLOT_FINDINGS
 * .. +3. */
enum { D_FINDING_DETERMINE = SLOT_FINDINGS, D_FINDING_REFER,
	D_REFERRED_EACH, D_REFERRED_COUNT, D_END };
_Static_assert((int)D_END <= (int)SLOT_SEPARATION, "SLOT_FINDINGS block");

int
store_finding_determine(struct store *s, const char *finding,
    const char *record, const char *by, const char *at)
{
	static const char text[] = "INSERT INTO finding_determination(finding, "
	    "record, determined_by, determined_at) SELECT f.key, r.key, ?3, ?4 "
	    "FROM finding f, record r WHERE f.id = ?1 AND r.id = ?2 AND NOT "
	    "EXISTS (SELECT 1 FROM finding_determination d WHERE d.finding = "
	    "f.key)";
	return store_change(s, store_stmt(s, D_FINDING_DETERMINE, text),
	    "finding determination", DB_ARGS(DB_TEXT(finding), DB_TEXT(record),
	    DB_TEXT(by), DB_TEXT(at)));
}

int
store_finding_refer(struct store *s, const char *finding, const char *path,
    const char *requirement, const char *deadline, const char *by,
    const char *at)
{
	static const char text[] = "INSERT INTO finding_referral(finding, "
	    "region, requirement, deadline, referred_by, referred_at) SELECT "
	    "f.key, g.key, ?3, ?4, ?5, ?6 FROM finding f, region g WHERE "
	    "f.id = ?1 AND g.path = ?2 AND NOT EXISTS (SELECT 1 FROM "
	    "finding_referral x WHERE x.finding = f.key)";
	return store_change(s, store_stmt(s, D_FINDING_REFER, text),
	    "finding referral", DB_ARGS(DB_TEXT(finding), DB_TEXT(path),
	    DB_TEXT(requirement), DB_TEXT(deadline), DB_TEXT(by), DB_TEXT(at)));
}

/* Findings handed to the office of the region at ?6 that no order
 * follows yet. */
#define REFERRED_WHERE " WHERE fg.path = ?6 AND NOT EXISTS (SELECT 1 FROM " \
	"rectification x WHERE x.finding = f.key)"

int
store_each_referred(struct store *s, const char *path, int limit,
    int offset, date_t today, store_finding_cb cb, void *ctx)
{
	static const char text[] = FINDING_COLS REFERRED_WHERE " ORDER BY "
	    "fr.deadline, f.key LIMIT ?8 OFFSET ?9";
	return store_each(s, store_stmt(s, D_REFERRED_EACH, text),
	    "referred findings", finding_row, (void *)cb, ctx,
	    DB_ARGS(GET_SCOPE, DB_TEXT(path), DB_DATE(today),
	    STORE_PAGE(limit, offset)));
}

long
store_count_referred(struct store *s, const char *path)
{
	static const char text[] = "SELECT count(*) FROM finding f JOIN "
	    "finding_referral fr ON fr.finding = f.key JOIN region fg ON "
	    "fg.key = fr.region" REFERRED_WHERE;
	long n = 0;
	if (store_each(s, store_stmt(s, D_REFERRED_COUNT, text),
	    "referred findings", store_count_row, NULL, &n,
	    DB_ARGS(GET_SCOPE, DB_TEXT(path))) < 0)
		return -1;
	return n;
}

int
store_each_finding(struct store *s, const char *inspection,
    const struct store_sup_scope *sc, const struct store_page *pg,
    store_finding_cb cb, void *ctx)
{
	if (pg == NULL)
		return store_sup_each(s, stmt(s, U_FINDING_EACH), sc, "findings",
		    finding_row, (void *)cb, ctx, DB_ARGS(DB_TEXT(inspection),
		    DB_DATE(date_today())));
	return store_sup_each(s, store_stmt(s, L_FINDINGS, FINDING_COLS
	    FINDINGS_WHERE " ORDER BY f.key LIMIT ?8 OFFSET ?9"), sc,
	    "findings", finding_row, (void *)cb, ctx,
	    DB_ARGS(DB_TEXT(inspection), DB_DATE(date_today()),
	    STORE_PAGE(pg->limit, pg->offset)));
}

long
store_count_findings(struct store *s, const char *inspection,
    const struct store_sup_scope *sc)
{
	long n = 0;
	if (store_sup_each(s, store_stmt(s, L_FINDINGS_COUNT, "SELECT count(*) "
	    "FROM finding f JOIN inspection i ON i.key = f.inspection JOIN "
	    "organ o ON o.key = f.organ JOIN region g ON g.key = o.region LEFT "
	    "JOIN person p ON p.key = f.person" FINDINGS_WHERE), sc, "findings",
	    store_count_row, NULL, &n, DB_ARGS(DB_TEXT(inspection))) < 0)
		return -1;
	return n;
}

/* ---- rectifications ---- */

int
store_rectification_add(struct store *s, const struct store_rectification *r)
{
	return add(s, U_RECT_ADD, &store_rectification_entity, r);
}

STORE_ENTITY_ROW(rect_row, struct store_rectification,
    &store_rectification_entity)

int
store_rectification_get(struct store *s, const char *id, date_t today,
    store_rectification_cb cb, void *ctx)
{
	return store_one(s, stmt(s, U_RECT_GET), "rectification", rect_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(id), DB_DATE(today)));
}

/* The orders f selects as of today, by st: the listing's rows, or
 * its count(*) (which reads no ?12 and ?13, the limit and offset). */
static int
rect_select(struct store *s, struct db_stmt *st,
    const struct store_rect_filter *f, date_t today,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx)
{
	date_t due = f->due_within > 0 ? today + f->due_within : DATE_NONE;
	return store_sup_each(s, st, &f->scope, "rectifications", row,
	    cb, ctx, DB_ARGS(DB_TEXT(f->status), DB_INT(f->overdue_only != 0),
	    DB_TEXT(f->notice), DB_TEXT(f->finding), DB_INT(f->year),
	    DB_DATE(today), STORE_PAGE(f->limit, f->offset), DB_DATE(due)));
}

int
store_each_rectification(struct store *s, const struct store_rect_filter *f,
    date_t today, store_rectification_cb cb, void *ctx)
{
	struct store_page pg = { .sort = f->sort, .desc = f->desc };
	return rect_select(s, store_ordered(s, L_RECTS, RECT_COLS(11) RECT_FROM
	    RECT_WHERE, rect_orders, 3, &pg, 0, "LIMIT ?12 OFFSET ?13"), f,
	    today, rect_row, (void *)cb, ctx);
}

long
store_count_rectifications(struct store *s, const struct store_rect_filter *f,
    date_t today)
{
	long n = -1;
	if (rect_select(s, stmt(s, U_RECT_COUNT), f, today, store_count_row,
	    NULL, &n))
		return -1;
	return n;
}

int
store_rectification_move(struct store *s, const char *id, const char *from,
    const char *to, const char *report, const char *by, const char *now)
{
	return store_change(s, stmt(s, U_RECT_MOVE), "rectification",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(from), DB_TEXT(to), DB_TEXT(report),
	    DB_TEXT(by), DB_TEXT(now)));
}

/* ---- history ---- */

int
store_rect_event_add(struct store *s, const char *rectification,
    const struct store_rect_event *e)
{
	return store_add_entity(s, stmt(s, U_EVENT_ADD),
	    &store_rect_event_entity, e, DB_ARGS(DB_TEXT(rectification)));
}

STORE_ENTITY_ROW(event_row, struct store_rect_event,
    &store_rect_event_entity)

int
store_each_rect_event(struct store *s, const char *rectification,
    store_rect_event_cb cb, void *ctx)
{
	return store_each(s, stmt(s, U_EVENT_EACH), "rectification events",
	    event_row, (void *)cb, ctx, DB_ARGS(DB_TEXT(rectification)));
}

/* ---- evidence ---- */

int
store_rect_evidence_add(struct store *s, const struct store_rect_evidence *e,
    int64_t *key)
{
	if (add(s, U_EVIDENCE_ADD, &store_rect_evidence_entity, e))
		return -1;
	if (key != NULL)
		*key = db_last_id(s->conn);
	return 0;
}

STORE_ENTITY_ROW(evidence_row, struct store_rect_evidence,
    &store_rect_evidence_entity)

int
store_each_rect_evidence(struct store *s, const char *rectification,
    int64_t key, store_rect_evidence_cb cb, void *ctx)
{
	return store_each(s, stmt(s, U_EVIDENCE_EACH), "rectification evidence",
	    evidence_row, (void *)cb, ctx, DB_ARGS(DB_TEXT(rectification),
	    DB_INT64(key)));
}
