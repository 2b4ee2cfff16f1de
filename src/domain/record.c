/*
 * The ledger's records (record.h). Records are never deleted; a
 * rejected record stays, with who rejected it and why. Creating and
 * editing go through the importer's validation, so the API and the form
 * accept exactly what an import file would, and report the same field
 * errors. Who may write or review what is auth/authority.c's, asked on
 * the row as stored inside the write's transaction (400 before 403
 * before 409).
 */
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/authority.h"
#include "auth/password.h"
#include "base/date.h"
#include "base/sm3.h"
#include "domain/message.h"
#include "domain/record.h"
#include "import/import.h"
#include "store/store-separation.h"
#include "store/store-workflow.h"

#define R(m) offsetof(struct record, m)
/* The fixed columns. The doc holds id to title already (hidden here);
 * the rest is what the API adds to it, absent where the row has none. */
static const struct attr record_attrs[] = {
	{ "id", "record.id", "编号", ATTR_TEXT, ATTR_HIDE, 0, 0, NULL, R(id) },
	{ "organ", "organ.id", "机构", ATTR_TEXT, ATTR_HIDE, 0, 0, NULL,
	    R(organ) },
	{ "kind", "record.kind", "类型", ATTR_TEXT, ATTR_HIDE, 0, 0, NULL,
	    R(kind) },
	{ "date", "record.date", "日期", ATTR_DATE, ATTR_HIDE, 0, 0, NULL,
	    R(date) },
	{ "title", "record.title", "标题", ATTR_TEXT, ATTR_HIDE, 0, 0, NULL,
	    R(title) },
	{ "person", "person.id", "相关人员", ATTR_TEXT, ATTR_HIDE, 0, 0, NULL,
	    R(person) },
	{ "status", "record.status", "状态", ATTR_TEXT, 0, 0, 0, NULL,
	    R(status) },
	{ "organ_name", "organ.name", "机构名称", ATTR_TEXT, 0, 0, 0, NULL,
	    R(organ_name) },
	{ "region", "region.code", "地区", ATTR_TEXT, 0, 0, 0, NULL,
	    R(region) },
	{ "region_name", "region.name", "地区名称", ATTR_TEXT, 0, 0, 0, NULL,
	    R(region_name) },
	{ "person_name", "person.name", "人员姓名", ATTR_TEXT, ATTR_OMIT, 0, 0,
	    NULL, R(person_name) },
	{ "reviewed_by", "record.reviewed_by", "审核人", ATTR_TEXT, ATTR_OMIT,
	    0, 0, NULL, R(reviewed_by) },
	{ "reviewed_at", "record.reviewed_at", "审核时间", ATTR_STAMP,
	    ATTR_OMIT, 0, 0, NULL, R(reviewed_at) },
	{ "review_note", "record.review_note", "审核意见", ATTR_TEXT,
	    ATTR_OMIT, 0, 0, NULL, R(review_note) },
	{ "updated_at", "record.updated_at", "修改时间", ATTR_STAMP, ATTR_OMIT,
	    0, 0, NULL, R(updated_at) },
	{ "evidence_files", "count(evidence)", "佐证材料", ATTR_INT, ATTR_ZERO,
	    0, 0, NULL, R(evidence_files) },
	{ "entered_by", "record_author.created", "录入人", ATTR_TEXT,
	    ATTR_OMIT, 0, 0, NULL, R(entered_by) },
	{ "edited_by", "record_author.edited", "修改人", ATTR_TEXT, ATTR_OMIT,
	    0, 0, NULL, R(edited_by) },
	{ "number", "record_number", "台账编号", ATTR_TEXT, ATTR_OMIT, 0, 0,
	    NULL, R(number) },
};
#undef R

const struct entity record_entity = ENTITY("record", record_attrs);

const char *
record_number_text(struct arena *a, const char *region_name, int year,
    int seq)
{
	if (seq <= 0)
		return NULL;
	return arena_printf(a, "%s台账 %d-%04d", region_name ? region_name : "",
	    year, seq);
}

void
record_free(struct record *rec)
{
	if (rec != NULL) {
		json_decref(rec->doc);
		rec->doc = NULL;
	}
}

const char *
record_label(const char *json)
{
	const struct attr *a = entity_attr(&record_entity, json);
	return a != NULL ? a->label : NULL;
}

/* A copy of the fault's detail in the arena: it may point into storage
 * about to be freed (an importer's arena, a statement's row). Returns
 * rc. */
static int
keep(struct dom *d, int rc)
{
	if (rc != 0 && d->fault.detail != NULL)
		d->fault.detail = arena_strdup(d->arena, d->fault.detail);
	return rc;
}

int
record_organ_access(struct dom *d, const char *id, int write,
    const char *field, struct store_organ_info *o)
{
	int rc = store_organ_info(d->store, id, o);
	if (rc < 0)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	int readable = rc == 1 && access_can_read_organ(d->user, o);
	if (rc == 0 || (!readable && field == NULL))
		return dom_refuse(d, 404, "机构不存在 (no such organ)", id,
		    field);
	if (!readable)
		return dom_refuse(d, 403, "无权查看该机构 (organ outside your "
		    "scope)", id, field);
	if (write && !access_can_write_organ(d->user, o))
		return dom_refuse(d, 403, "无权为该机构录入 (organ outside your "
		    "scope)", id, field ? field : "organ");
	return 0;
}

void
record_paging(const char *page, const char *per_page, int *p, int *n)
{
	*p = page ? atoi(page) : 1;
	*n = per_page ? atoi(per_page) : 50;
	if (*p < 1)
		*p = 1;
	if (*p > 1000000)
		*p = 1000000;
	if (*n < 1)
		*n = 1;
	if (*n > 200)
		*n = 200;
}

/* A query value; empty counts as absent (a form's 全部). */
static const char *
given(const char *v)
{
	return v != NULL && *v != '\0' ? v : NULL;
}

int
record_listing(struct dom *d, const char *(*get)(void *ctx,
    const char *name), void *ctx, struct record_listing *l)
{
	const struct principal *u = d->user;
	struct store_ledger_filter *f = &l->f;
	struct store_organ_info o;
	*f = (struct store_ledger_filter){ .from = DATE_NONE, .to = DATE_NONE };
	record_paging(get(ctx, "page"), get(ctx, "per_page"), &l->page,
	    &l->per_page);
	f->limit = l->per_page;
	f->offset = (l->page - 1) * l->per_page;
	f->kind = given(get(ctx, "kind"));
	f->status = given(get(ctx, "status"));
	f->q = given(get(ctx, "q"));
	const char *from = given(get(ctx, "from")), *to = given(get(ctx, "to"));
	if (from != NULL && date_parse(from, &f->from))
		return dom_refuse(d, 400, "日期格式应为 YYYY-MM-DD", from, "from");
	if (to != NULL && date_parse(to, &f->to))
		return dom_refuse(d, 400, "日期格式应为 YYYY-MM-DD", to, "to");
	/* A year is its first and last day, where from and to leave it. */
	const char *year = given(get(ctx, "year"));
	if (year != NULL) {
		char *end;
		long y = strtol(year, &end, 10);
		if (*end != '\0' || y < 1900 || y > 9999)
			return dom_refuse(d, 400, "年度应为四位数字,如 2025", year,
			    "year");
		if (from == NULL)
			f->from = date_from_ymd((int)y, 1, 1);
		if (to == NULL)
			f->to = date_from_ymd((int)y, 12, 31);
	}
	/* The order: one of the store's (a key it does not know gives its
	 * default, newest first); dir=asc turns it. */
	f->sort = given(get(ctx, "sort"));
	const char *dir = given(get(ctx, "dir"));
	f->desc = dir == NULL || strcmp(dir, "asc") != 0;
	/* Scope: clerks and leaders see their organ, others their subtree
	 * (or a region / organ inside it). */
	f->path = access_scope_path(u);
	if (*f->path == '\0')
		f->path = NULL;
	const char *organ = given(get(ctx, "organ"));
	if (u->role == ACCT_CLERK || u->role == ACCT_LEADER) {
		int rc = dom_own_organ(d, &organ);
		if (rc <= 0)
			return rc;
	}
	if (organ != NULL) {
		if (record_organ_access(d, organ, 0, "organ", &o))
			return -1;
		f->organ = organ;
	}
	const char *region = given(get(ctx, "region"));
	if (region != NULL) {
		int rc = store_region_path(d->store, region, l->path,
		    sizeof l->path);
		if (rc <= 0 || !access_can_read_path(u, l->path))
			return dom_refuse(d, rc < 0 ? 500 : 404, "地区不存在或不在"
			    "权限范围内", region, "region");
		f->path = l->path;
	}
	return 1;
}

static const char *
copy(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

static const char *
doc_text(json_t *doc, const char *key)
{
	return json_string_value(json_object_get(doc, key));
}

void
record_of_row(struct record *out, const struct store_ledger_row *row,
    const struct catalog *c, struct arena *a)
{
	json_t *doc = json_loads(row->doc, 0, NULL);
	if (doc == NULL)
		doc = json_object();
	json_object_del(doc, "type");
	*out = (struct record){ .id = row->id, .kind = row->kind,
		.organ = row->organ, .organ_name = row->organ_name,
		.region = row->region, .region_name = row->region_name,
		.person = row->person, .person_name = row->person_name,
		.date = row->date, .status = row->status, .title = row->title,
		.reviewed_by = row->reviewed_by, .reviewed_at = row->reviewed_at,
		.review_note = row->review_note, .updated_at = row->updated_at,
		.evidence_files = row->evidence,
		.finding = catalog_kind_is_finding(c, row->kind), .doc = doc,
		.number = record_number_text(a, row->region_name,
		    row->number_year, row->number_seq) };
	entity_copy(&record_entity, out, a);
	out->basis = copy(a, doc_text(doc, "basis"));
	out->basis_ref = copy(a, doc_text(doc, "basis_ref"));
	out->determined_by = copy(a, doc_text(doc, "determined_by"));
	out->determined_on = copy(a, doc_text(doc, "determined_on"));
}

json_t *
record_json(const struct record *rec)
{
	json_t *o = json_copy(rec->doc);
	if (o == NULL)
		o = json_object();
	json_t *fixed = entity_json(&record_entity, rec);
	json_object_update(o, fixed);
	json_decref(fixed);
	return o;
}

/* The record as read, into ctx: a struct dom_rows of struct record. */
static int
keep_row(void *ctx, const struct store_ledger_row *row)
{
	struct dom_rows *l = ctx;
	record_of_row(dom_next(l), row, l->d->catalog, l->d->arena);
	return 0;
}

int
record_load(struct dom *d, const char *id, struct record *out)
{
	struct dom_rows l = DOM_LIST(d, struct record);
	struct store_organ_info o;
	*out = (struct record){ 0 };
	int rc = store_ledger_get(d->store, id, keep_row, &l);
	if (rc < 0)
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	if (rc == 0 || l.n == 0)
		return dom_refuse(d, 404, "记录不存在 (no such record)", id,
		    NULL);
	*out = *(struct record *)l.items;
	rc = store_organ_info(d->store, out->organ, &o);
	if (rc <= 0 || !access_can_read_organ(d->user, &o)) {
		record_free(out);
		return rc < 0 ? dom_refuse(d, 500, "内部错误", NULL, NULL) :
		    dom_refuse(d, 404, "记录不存在 (no such record)", id, NULL);
	}
	/* Who wrote it (over HTTP), and whether the caller may review it. */
	char created[STORE_ACCOUNT_MAX], edited[STORE_ACCOUNT_MAX];
	if (store_record_author(d->store, id, created, edited) < 0) {
		record_free(out);
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	}
	out->entered_by = *created ? arena_strdup(d->arena, created) : NULL;
	out->edited_by = *edited ? arena_strdup(d->arena, edited) : NULL;
	return 0;
}

/* ---- writing ---- */

/* The guard of a record's write (import_guard): the authority's
 * verdict on the row as stored, inside the transaction. */
struct record_guard {
	struct dom *d;
	int create;
	int workflow;       /* filed by a workflow: its reserved id */
	int status_refused; /* a status only a reviewer sets */
	const char *basis, *basis_ref; /* a finding's, as the body gives */
};

/*
 * A finding written over HTTP is a determination: it must say on what
 * basis (400 naming "basis" otherwise), and who determined it and when
 * are the server's to say, never the body's: the account writing it,
 * today. Returns 0 or -1.
 */
static int
determination(struct dom *d, json_t *obj, struct record_guard *g)
{
	json_t *basis = json_object_get(obj, "basis");
	if (basis == NULL || json_is_null(basis))
		return dom_refuse(d, 400, "认定须注明依据:inspection(督查)、"
		    "case(案件)或 report(举报) (basis required)", NULL, "basis");
	char today[16];
	date_format(date_today(), today);
	json_object_set_new(obj, "determined_by", json_string(d->user->name));
	json_object_set_new(obj, "determined_on", json_string(today));
	g->basis = json_string_value(basis);
	g->basis_ref = json_string_value(json_object_get(obj, "basis_ref"));
	return 0;
}

static int
record_check(void *ctx, const struct import_check *c)
{
	struct record_guard *g = ctx;
	struct dom *d = g->d;
	struct authority_record w = { .id = c->id, .create = g->create,
		.organ = c->organ, .person = c->person, .date = c->date,
		.about_year = c->year, .finding = catalog_kind_is_finding(
		d->catalog, c->kind), .catalog = d->catalog };
	if (g->create && !g->workflow && c->id != NULL &&
	    strncmp(c->id, RECORD_WORKFLOW_PREFIX, strlen(
	    RECORD_WORKFLOW_PREFIX)) == 0)
		return dom_refuse(d, 400, "该编号前缀留给年度报告公开流程 (id "
		    "prefix reserved to a workflow)", NULL, "id");
	if (g->status_refused)
		return dom_refuse(d, 403, g->status_refused == 2 ?
		    "不能审核本人录入或修改的记录:记录以“待审核”保存,由另一名审核"
		    "人员核实 (you cannot verify what you write)" : "只有依法治理"
		    "办公室可以审核 (only the office verifies or rejects)", NULL,
		    "status");
	/* A finding names what it was determined on: the inspection or case
	 * cited must be one the caller sees (400 before any 403). */
	if (w.finding && keep(d, authority_basis(d->store, d->user, g->basis,
	    g->basis_ref, &d->fault)))
		return -1;
	if (keep(d, authority_record(d->store, d->user, &w, &d->fault)))
		return -1;
	/* A record a workflow wrote changes only in that workflow (its
	 * create is the workflow's own). */
	return g->create ? 0 : record_owned(d, c->id);
}

/* A diag sink appending {field, reason} to the JSON array ctx. */
static void
collect(void *ctx, const char *field, const char *reason)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s}", "field", field,
	    "reason", reason));
}

/* The fault of an import that did not write: the guard's (already set),
 * or the validation's errors under the whole object's title. Takes
 * errors. Returns -1. */
static int
import_fault(struct dom *d, enum import_result ir, json_t *errors,
    const char *closed, const char *bad)
{
	if (ir == IMPORT_REFUSED) {
		json_decref(errors);
		return -1;
	}
	if (ir != IMPORT_CLOSED && ir != IMPORT_BAD) {
		json_decref(errors);
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	}
	json_t *first = json_array_get(errors, 0);
	fault_set(&d->fault, ir == IMPORT_CLOSED ? 409 : 400,
	    ir == IMPORT_CLOSED ? closed : bad, first ? arena_strdup(d->arena,
	    json_string_value(json_object_get(first, "reason"))) : NULL,
	    first ? arena_strdup(d->arena, json_string_value(
	    json_object_get(first, "field"))) : NULL);
	d->fault.errors = errors;
	return -1;
}

int
record_import_one(struct dom *d, json_t *obj, const char *type,
    const struct import_guard *guard, int (*after)(void *, int), void *ctx,
    const char *closed, const char *bad)
{
	json_t *errors = json_array();
	struct diag dg;
	diag_init(&dg, NULL);
	dg.sink = collect;
	dg.sink_ctx = errors;
	/* Inside a caller's transaction (a report being published) the
	 * record joins it: the caller commits, or rolls back on failure. */
	int own = !store_in_transaction(d->store);
	if (own && store_begin(d->store)) {
		json_decref(errors);
		return dom_fail(d, 0);
	}
	int put = -1;
	enum import_result ir = import_object(d->store, d->catalog, obj, type,
	    d->actor, guard, &dg, &put);
	if (ir == IMPORT_OK && after != NULL && after(ctx, put))
		ir = IMPORT_FAILED;
	if (ir != IMPORT_OK || (own && store_commit(d->store))) {
		import_fault(d, ir == IMPORT_OK ? IMPORT_FAILED : ir, errors,
		    closed, bad);
		if (own)
			store_rollback(d->store);
		return -1;
	}
	json_decref(errors);
	return 0;
}

struct written {
	struct dom *d;
	const char *id;
	int create;
	enum record_write how;
};

/* After the row: its edit time, and who wrote it, so that another
 * account reviews it (a workflow's filing is the workflow's, not an
 * account's entry). */
static int
record_after(void *ctx, int put)
{
	struct written *w = ctx;
	char now[32];
	dom_now(now);
	if (put != STORE_UNCHANGED && !w->create &&
	    store_ledger_touch(w->d->store, w->id, now) < 0)
		return -1;
	if (w->how != RECORD_WORKFLOW && (w->create ||
	    put != STORE_UNCHANGED) && store_record_author_set(w->d->store,
	    w->id, w->d->user->name, w->create) < 0)
		return -1;
	return 0;
}

int
record_write(struct dom *d, json_t *obj, const char *path_id,
    enum record_write how)
{
	int create = how != RECORD_EDIT;
	if (json_object_get(obj, "type") != NULL)
		return dom_refuse(d, 400, "记录对象不应包含 type", NULL, "type");
	if (path_id != NULL) {
		json_t *given = json_object_get(obj, "id");
		if (given != NULL && (!json_is_string(given) ||
		    strcmp(json_string_value(given), path_id) != 0))
			return dom_refuse(d, 400, "id 与地址不符 (id differs from "
			    "the URL)", NULL, "id");
		json_object_set_new(obj, "id", json_string(path_id));
	}
	/* The readable number (南明区台账 2025-0012) is the server's, given
	 * when the record is first written: a record read and sent back
	 * whole carries it, and it is not one of the record's fields. */
	json_object_del(obj, "number");
	/* Only a reviewing office sets a status other than submitted; an
	 * edit by anyone else sends the record back for review. Who may
	 * write what is decided in the transaction, once the record is
	 * found valid (400 before 403 before 409). */
	struct record_guard g = { .d = d, .create = create,
		.workflow = how == RECORD_WORKFLOW };
	struct import_guard guard = { record_check, &g, create };
	json_t *st = json_object_get(obj, "status");
	/* A finding's determination (who, on what basis, when) is the
	 * server's. No account verifies what it writes: over HTTP a record
	 * is written submitted, and another account reviews it. Only a
	 * workflow's own filing (a published report, published by another
	 * account than its drafter) is written as it stands. */
	int finding = catalog_kind_is_finding(d->catalog, json_string_value(
	    json_object_get(obj, "kind")));
	int reviewer = d->user->role == ACCT_ADMIN || d->user->role ==
	    ACCT_OFFICE || (finding && d->user->role == ACCT_DISCIPLINE);
	if (finding && determination(d, obj, &g))
		return -1;
	if (st != NULL && json_is_string(st) && how != RECORD_WORKFLOW &&
	    strcmp(json_string_value(st), "submitted") != 0)
		g.status_refused = reviewer ? 2 : 1;
	else if (how != RECORD_WORKFLOW)
		json_object_set_new(obj, "status", json_string("submitted"));
	struct written w = { d, json_string_value(json_object_get(obj, "id")),
		create, how };
	return record_import_one(d, obj, "record", &guard, record_after, &w,
	    "该年度已结转,记录不能新增或修改 (the year is closed)",
	    "记录不符合要求 (invalid record)");
}

/* The note's checks, before any transaction. */
static int
review_note(struct dom *d, const char *status, const char *note)
{
	if (strcmp(status, "rejected") == 0 && record_blank(note))
		return dom_refuse(d, 400, "退回须说明理由 (a reason is required)",
		    NULL, "note");
	if (note != NULL && strlen(note) > 2000)
		return dom_refuse(d, 400, "说明过长 (at most 2000 bytes)", NULL,
		    "note");
	return 0;
}

int
record_review_in(struct dom *d, const char *id, const char *status,
    const char *note, const char *now)
{
	if (review_note(d, status, note))
		return -1;
	/* Who reviews what, and whether a workflow owns the record, are
	 * decided on the row as stored, inside the transaction. */
	if (keep(d, authority_review_record(d->store, d->catalog, d->user, id,
	    &d->fault)) || keep(d, authority_review_own(d->store, d->user, id,
	    &d->fault)) || record_owned(d, id))
		return -1;
	/* A review that changes nothing (a repeated verify) writes nothing
	 * and is not audited: the UPDATE changes a row only when the status
	 * differs, decided inside the transaction. The entry's content is
	 * "status|note". */
	const char *what = arena_printf(d->arena, "%s|%s", status,
	    note ? note : "");
	char digest[SM3_HEX_LEN];
	int changed = store_ledger_review(d->store, id, status,
	    d->user->name, note, now);
	/* A returned record is its author's and its organ's clerks' to fix:
	 * they are told in the same transaction (domain/message.h). */
	if (changed > 0 && strcmp(status, "rejected") == 0 &&
	    message_record_returned(d, id, note))
		changed = -1;
	/* The regions the review changes (its organ's, its person's posts'),
	 * named for the audit entry: a set is brought up to date by them. */
	if (changed < 0 || (changed && (sm3_hex(what, strlen(what), digest) ||
	    store_touch_record(d->store, id) || audit_append(d->store, d->actor, strcmp(status, "verified") == 0 ?
	    "record.verify" : "record.reject", arena_printf(d->arena,
	    "record:%s", id), 1, digest))))
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	return changed;
}

int
record_review(struct dom *d, const char *id, const char *status,
    const char *note)
{
	if (review_note(d, status, note))
		return -1;
	char now[32];
	dom_now(now);
	if (store_begin(d->store))
		return dom_refuse(d, 503, "数据库忙,请重试", NULL, NULL);
	if (record_review_in(d, id, status, note, now) < 0) {
		store_rollback(d->store);
		return -1;
	}
	return dom_commit(d, 0);
}

/* ---- the workflow's rules ----
 *
 * A record a workflow wrote is the workflow's: publishing a report
 * writes the rol_gov_annual_report record that 6.1-annual-report counts,
 * and marks it (record_workflow); an edit, a review or new evidence from
 * outside would let a clerk turn a late filing into an on-time one while
 * the report still says late. The operator's import (`lvzhi import`)
 * may still correct it: it is an act on the database, audited, not an
 * account's request.
 */

int
record_owned(struct dom *d, const char *id)
{
	char owner[300];
	int rc = store_record_owner(d->store, id, owner, sizeof owner);
	if (rc < 0)
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	if (rc > 0)
		return dom_refuse(d, 409, "该记录由报告公开流程生成,只能在该流程中"
		    "变更 (written by a workflow; read-only here)",
		    arena_strdup(d->arena, owner), NULL);
	return 0;
}

int
record_blank(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (p != NULL && *p != '\0') {
		if (strchr(" \t\n\r\v\f", *p) != NULL)
			p++;
		else if (p[0] == 0xc2 && p[1] == 0xa0) /* U+00A0 */
			p += 2;
		else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) /* U+3000 */
			p += 3;
		else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] <= 0x8b ||
		    p[2] == 0xaf)) /* U+2000..U+200B, U+202F */
			p += 3;
		else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) /* BOM */
			p += 3;
		else
			return 0;
	}
	return 1;
}

const char *
record_reason(const char *why)
{
	/* {what the reason has, its text} */
	static const char *const reasons[][2] = {
		{ "required", "必填" },
		{ "must not be empty", "不能为空" },
		{ "must be a string of at most", "文字过长(最多 4000 字)" },
		{ "must be a string", "应为文字" },
		{ "longer than", "内容过长" },
		{ "control characters", "含有不允许的控制字符" },
		{ "unknown person", "未找到该人员,请从列表中选择" },
		{ "unknown organ", "机构不存在" },
		{ "unknown record kind", "未知的记录类型" },
		{ "must be a year", "应为年份(1900 至 2200 的整数)" },
		{ "must be a whole number", "应为整数" },
		{ "must be true or false", "应为“是”或“否”" },
		{ "must be a list", "应为多选" },
		{ "is not one of the allowed values", "选项无效或重复" },
		{ "must be an object of dates", "应为各环节的日期" },
		{ "is not one of its keys", "含有未知的环节" },
		{ "is not one of:", "不是允许的取值" },
		{ "not a valid date", "日期无效,应为 YYYY-MM-DD" },
		{ "lies in the future", "日期晚于今天:记录的是已经做了的事" },
		{ "not a field of", "不是该类型记录的字段" },
		{ "unknown field", "未知字段" },
	};
	for (size_t i = 0; why && i < sizeof reasons / sizeof reasons[0]; i++)
		if (strstr(why, reasons[i][0]) != NULL)
			return reasons[i][1];
	return NULL;
}

const char *
record_new_id(struct arena *a)
{
	char day[11], hex[9];
	date_format(date_today(), day);
	password_random_hex(hex, 4);
	return arena_printf(a, "r-%.4s%.2s%.2s-%s", day, day + 5, day + 8, hex);
}
