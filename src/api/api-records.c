/*
 * The ledger over HTTP: list, read, create, edit, verify, reject. Records
 * are never deleted; a rejected record stays, with who rejected it and
 * why. Creating and editing go through the importer's validation, so the
 * API accepts exactly what an import file would, and report the same
 * field errors.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/api-workflow.h"
#include "audit/audit.h"
#include "auth/authority.h"
#include "store/store-separation.h"
#include "base/sm3.h"
#include "import/import.h"

int
api_organ_access(struct request *r, const char *id, int write,
    const char *field, struct store_organ_info *o)
{
	int rc = store_organ_info(r->store, id, o);
	if (rc < 0) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	int readable = rc == 1 && access_can_read_organ(&r->user, o);
	if (rc == 0 || (!readable && field == NULL)) {
		resp_problem(r, 404, "机构不存在 (no such organ)", id, field);
		return 0;
	}
	if (!readable) {
		resp_problem(r, 403, "无权查看该机构 (organ outside your scope)",
		    id, field);
		return 0;
	}
	if (write && !access_can_write_organ(&r->user, o)) {
		resp_problem(r, 403, "无权为该机构录入 (organ outside your scope)",
		    id, field ? field : "organ");
		return 0;
	}
	return 1;
}

void
api_paging(struct request *r, int *page, int *per_page)
{
	const char *p = req_query(r, "page"), *n = req_query(r, "per_page");
	*page = p ? atoi(p) : 1;
	*per_page = n ? atoi(n) : 50;
	if (*page < 1)
		*page = 1;
	if (*page > 1000000)
		*page = 1000000;
	if (*per_page < 1)
		*per_page = 1;
	if (*per_page > 200)
		*per_page = 200;
}

/* The stored row as the API shows it. */
static json_t *
row_json(const struct store_ledger_row *row)
{
	json_t *o = json_loads(row->doc, 0, NULL);
	if (o == NULL)
		o = json_object();
	json_object_del(o, "type");
	json_object_set_new(o, "status", json_string(row->status));
	json_object_set_new(o, "organ_name", json_string(row->organ_name));
	json_object_set_new(o, "region", json_string(row->region));
	json_object_set_new(o, "region_name", json_string(row->region_name));
	if (row->person_name != NULL)
		json_object_set_new(o, "person_name",
		    json_string(row->person_name));
	if (row->reviewed_by != NULL) {
		json_object_set_new(o, "reviewed_by",
		    json_string(row->reviewed_by));
		json_object_set_new(o, "reviewed_at",
		    json_string(row->reviewed_at));
		if (row->review_note != NULL)
			json_object_set_new(o, "review_note",
			    json_string(row->review_note));
	}
	if (row->updated_at != NULL)
		json_object_set_new(o, "updated_at", json_string(row->updated_at));
	json_object_set_new(o, "evidence_files", json_integer(row->evidence));
	return o;
}

struct one {
	json_t *o;
	char organ[130];
};

static int
keep_row(void *ctx, const struct store_ledger_row *row)
{
	struct one *one = ctx;
	one->o = row_json(row);
	snprintf(one->organ, sizeof one->organ, "%s", row->organ);
	return 0;
}

json_t *
api_record_load(struct request *r, const char *id, unsigned *status)
{
	struct one one = { 0 };
	struct store_organ_info o;
	*status = 0;
	int rc = store_ledger_get(r->store, id, keep_row, &one);
	if (rc < 0) {
		*status = 500;
		return NULL;
	}
	if (rc == 0 || one.o == NULL) {
		*status = 404;
		return NULL;
	}
	rc = store_organ_info(r->store, one.organ, &o);
	if (rc <= 0 || !access_can_read_organ(&r->user, &o)) {
		json_decref(one.o);
		*status = rc < 0 ? 500 : 404;
		return NULL;
	}
	/* Who wrote it (over HTTP), and whether the caller may review it. */
	char created[STORE_ACCOUNT_MAX], edited[STORE_ACCOUNT_MAX];
	if (store_record_author(r->store, id, created, edited) < 0) {
		json_decref(one.o);
		*status = 500;
		return NULL;
	}
	if (*created)
		json_object_set_new(one.o, "entered_by", json_string(created));
	if (*edited)
		json_object_set_new(one.o, "edited_by", json_string(edited));
	return one.o;
}

void
api_record_get(struct request *r)
{
	unsigned status;
	json_t *o = api_record_load(r, r->params[0], &status);
	if (o == NULL) {
		resp_problem(r, status, status == 404 ? "记录不存在 (no such "
		    "record)" : "内部错误", r->params[0], NULL);
		return;
	}
	resp_json(r, 200, o);
}

struct listing {
	json_t *items;
};

static int
list_row(void *ctx, const struct store_ledger_row *row)
{
	struct listing *l = ctx;
	json_array_append_new(l->items, row_json(row));
	return 0;
}

/* A query parameter; empty counts as absent (a form's 全部). */
static const char *
query(struct request *r, const char *name)
{
	const char *v = req_query(r, name);
	return v != NULL && *v != '\0' ? v : NULL;
}

int
api_ledger_filter(struct request *r, struct store_ledger_filter *f,
    char *path, size_t n, int *page, int *per_page)
{
	struct store_organ_info o;
	*f = (struct store_ledger_filter){ .from = DATE_NONE, .to = DATE_NONE };
	api_paging(r, page, per_page);
	f->limit = *per_page;
	f->offset = (*page - 1) * *per_page;
	f->kind = query(r, "kind");
	f->status = query(r, "status");
	f->q = query(r, "q");
	const char *from = query(r, "from"), *to = query(r, "to");
	if (from != NULL && date_parse(from, &f->from)) {
		resp_problem(r, 400, "日期格式应为 YYYY-MM-DD", from, "from");
		return -1;
	}
	if (to != NULL && date_parse(to, &f->to)) {
		resp_problem(r, 400, "日期格式应为 YYYY-MM-DD", to, "to");
		return -1;
	}
	/* Scope: clerks and leaders see their organ, others their subtree
	 * (or a region / organ inside it). */
	f->path = access_scope_path(&r->user);
	if (*f->path == '\0')
		f->path = NULL;
	const char *organ = query(r, "organ");
	if (r->user.role == ACCT_CLERK || r->user.role == ACCT_LEADER) {
		if (r->user.organ[0] == '\0')
			return 0;
		if (organ != NULL && strcmp(organ, r->user.organ) != 0) {
			resp_problem(r, 403, "无权查看该机构 (organ outside your "
			    "scope)", organ, "organ");
			return -1;
		}
		organ = r->user.organ;
	}
	if (organ != NULL) {
		if (api_organ_access(r, organ, 0, "organ", &o) <= 0)
			return -1;
		f->organ = organ;
	}
	const char *region = query(r, "region");
	if (region != NULL) {
		int rc = store_region_path(r->store, region, path, n);
		if (rc <= 0 || !access_can_read_path(&r->user, path)) {
			resp_problem(r, rc < 0 ? 500 : 404, "地区不存在或不在权限范围内",
			    region, "region");
			return -1;
		}
		f->path = path;
	}
	return 1;
}

void
api_records_list(struct request *r)
{
	struct store_ledger_filter f;
	char path[512];
	int page, per_page;
	int rc = api_ledger_filter(r, &f, path, sizeof path, &page, &per_page);
	if (rc < 0)
		return;
	if (rc == 0) {
		resp_json(r, 200, json_pack("{s:[], s:i, s:i, s:i}", "items",
		    "page", page, "per_page", per_page, "total", 0));
		return;
	}
	struct listing l = { json_array() };
	long total = store_count_ledger(r->store, &f);
	if (total < 0 || store_each_ledger(r->store, &f, list_row, &l) < 0) {
		json_decref(l.items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:o, s:i, s:i, s:I}", "items", l.items,
	    "page", page, "per_page", per_page, "total", (json_int_t)total));
}

void
api_collect_error(void *ctx, const char *field, const char *reason)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s}", "field", field,
	    "reason", reason));
}

/* The guard of a record's write (import_guard): the authority's
 * verdict on the row as stored, inside the transaction. */
struct record_guard {
	struct request *r;
	int create;
	int workflow;       /* filed by a workflow: its reserved id */
	int status_refused; /* a status only a reviewer sets */
	const char *basis, *basis_ref; /* a finding's, as the body gives */
	struct fault f;
};

/*
 * A finding written over HTTP is a determination: it must say on what
 * basis (400 naming "basis" otherwise), and who determined it and when
 * are the server's to say, never the body's: the account writing it,
 * today. Returns 0, or -1 after answering.
 */
static int
determination(struct request *r, json_t *obj, struct record_guard *g)
{
	json_t *basis = json_object_get(obj, "basis");
	if (basis == NULL || json_is_null(basis)) {
		resp_problem(r, 400, "认定须注明依据:inspection(督查)、case(案件)"
		    "或 report(举报) (basis required)", NULL, "basis");
		return -1;
	}
	char today[16];
	date_format(date_today(), today);
	json_object_set_new(obj, "determined_by", json_string(r->user.name));
	json_object_set_new(obj, "determined_on", json_string(today));
	g->basis = json_string_value(basis);
	g->basis_ref = json_string_value(json_object_get(obj, "basis_ref"));
	return 0;
}

static int
record_check(void *ctx, const struct import_check *c)
{
	struct record_guard *g = ctx;
	struct authority_record w = { .id = c->id, .create = g->create,
		.organ = c->organ, .person = c->person, .date = c->date,
		.about_year = c->year, .finding = catalog_kind_is_finding(
		g->r->catalog, c->kind), .catalog = g->r->catalog };
	if (g->create && !g->workflow && c->id != NULL &&
	    strncmp(c->id, RECORD_WORKFLOW_PREFIX, strlen(
	    RECORD_WORKFLOW_PREFIX)) == 0) {
		return fault_set(&g->f, 400, "该编号前缀留给年度报告"
		    "公开流程 (id prefix reserved to a workflow)", NULL, "id");
	}
	if (g->status_refused) {
		return fault_set(&g->f, 403, g->status_refused ==
		    2 ? "不能审核本人录入或修改的记录:记录以“待审核”保存,由另一名审核"
		    "人员核实 (you cannot verify what you write)" : "只有依法治理办公室"
		    "可以审核 (only the office verifies or rejects)", NULL, "status");
	}
	/* A finding names what it was determined on: the inspection or case
	 * cited must be one the caller sees (400 before any 403). */
	if (w.finding && api_fault_keep(g->r, &g->f, authority_basis(
	    g->r->store, &g->r->user, g->basis, g->basis_ref, &g->f)))
		return -1;
	if (api_fault_keep(g->r, &g->f, authority_record(g->r->store,
	    &g->r->user, &w, &g->f)))
		return -1;
	/* A record a workflow wrote changes only in that workflow (its
	 * create is the workflow's own). */
	return g->create ? 0 : api_workflow_owned(g->r, c->id, &g->f);
}

int
api_fault_keep(struct request *r, struct fault *f, int rc)
{
	if (rc != 0 && f->detail != NULL)
		f->detail = arena_strdup(r->arena, f->detail);
	return rc;
}

void
api_fault(struct request *r, const struct fault *f)
{
	resp_fault(r, f);
}

int
api_record_write(struct request *r, json_t *obj, const char *path_id,
    enum record_write how)
{
	int create = how != RECORD_EDIT;
	if (json_object_get(obj, "type") != NULL) {
		resp_problem(r, 400, "记录对象不应包含 type", NULL, "type");
		return -1;
	}
	if (path_id != NULL) {
		json_t *given = json_object_get(obj, "id");
		if (given != NULL && (!json_is_string(given) ||
		    strcmp(json_string_value(given), path_id) != 0)) {
			resp_problem(r, 400, "id 与地址不符 (id differs from the "
			    "URL)", NULL, "id");
			return -1;
		}
		json_object_set_new(obj, "id", json_string(path_id));
	}
	/* Only a reviewing office sets a status other than submitted; an
	 * edit by anyone else sends the record back for review. Who may
	 * write what is decided in the transaction, once the record is
	 * found valid (400 before 403 before 409). */
	struct record_guard g = { .r = r, .create = create,
		.workflow = how == RECORD_WORKFLOW };
	struct import_guard guard = { record_check, &g, create };
	json_t *st = json_object_get(obj, "status");
	/* A finding's determination (who, on what basis, when) is the
	 * server's. No account verifies what it writes: over HTTP a record
	 * is written submitted, and another account reviews it. Only a
	 * workflow's own filing (a published report, published by another
	 * account than its drafter) is written as it stands. */
	int finding = catalog_kind_is_finding(r->catalog, json_string_value(
	    json_object_get(obj, "kind")));
	int reviewer = r->user.role == ACCT_ADMIN || r->user.role ==
	    ACCT_OFFICE || (finding && r->user.role == ACCT_DISCIPLINE);
	if (finding && determination(r, obj, &g))
		return -1;
	if (st != NULL && json_is_string(st) && how != RECORD_WORKFLOW &&
	    strcmp(json_string_value(st), "submitted") != 0)
		g.status_refused = reviewer ? 2 : 1;
	else if (how != RECORD_WORKFLOW)
		json_object_set_new(obj, "status", json_string("submitted"));

	json_t *errors = json_array();
	struct diag d;
	diag_init(&d, NULL);
	d.sink = api_collect_error;
	d.sink_ctx = errors;
	/* Inside a caller's transaction (a report being published) the
	 * record joins it: the caller commits, or rolls back on failure. */
	int own = !store_in_transaction(r->store);
	if (own && store_begin(r->store)) {
		json_decref(errors);
		resp_problem(r, 503, "数据库忙,请重试", store_error(r->store),
		    NULL);
		return -1;
	}
	int put = -1;
	enum import_result ir = import_object(r->store, r->catalog, obj,
	    "record", req_actor(r), &guard, &d, &put);
	const char *id = json_string_value(json_object_get(obj, "id"));
	char now[32];
	req_now_text(now);
	if (ir == IMPORT_OK && put != STORE_UNCHANGED && !create &&
	    store_ledger_touch(r->store, id, now) < 0)
		ir = IMPORT_FAILED;
	/* Who wrote it, so that another account reviews it (a workflow's
	 * filing is the workflow's, not an account's entry). */
	if (ir == IMPORT_OK && how != RECORD_WORKFLOW &&
	    (create || put != STORE_UNCHANGED) &&
	    store_record_author_set(r->store, id, r->user.name, create) < 0)
		ir = IMPORT_FAILED;
	if (ir != IMPORT_OK || (own && store_commit(r->store))) {
		if (ir == IMPORT_REFUSED)
			api_fault(r, &g.f);
		else if (ir == IMPORT_CLOSED)
			resp_problem_fields(r, 409, "该年度已结转,记录不能新增或修改 "
			    "(the year is closed)", json_incref(errors));
		else if (ir == IMPORT_BAD)
			resp_problem_fields(r, 400, "记录不符合要求 (invalid "
			    "record)", json_incref(errors));
		else
			resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		if (own)
			store_rollback(r->store);
		json_decref(errors);
		return -1;
	}
	json_decref(errors);
	return 0;
}

static void
write_and_answer(struct request *r, int create)
{
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	int rc = api_record_write(r, obj, create ? NULL : r->params[0],
	    create ? RECORD_CREATE : RECORD_EDIT);
	const char *id = json_string_value(json_object_get(obj, "id"));
	if (rc == 0) {
		unsigned status;
		json_t *o = api_record_load(r, id, &status);
		if (o == NULL)
			resp_problem(r, 500, "内部错误", NULL, NULL);
		else {
			resp_json(r, create ? 201 : 200, o);
			if (create)
				resp_header(r, "Location", arena_printf(r->arena,
				    "/api/v1/records/%s", id));
		}
	}
	json_decref(obj);
}

void
api_record_create(struct request *r)
{
	write_and_answer(r, 1);
}

void
api_record_update(struct request *r)
{
	write_and_answer(r, 0);
}

int
api_record_set_status(struct request *r, const char *id, const char *status,
    const char *note)
{
	if (strcmp(status, "rejected") == 0 && api_workflow_blank(note)) {
		resp_problem(r, 400, "退回须说明理由 (a reason is required)", NULL,
		    "note");
		return -1;
	}
	if (note != NULL && strlen(note) > 2000) {
		resp_problem(r, 400, "说明过长 (at most 2000 bytes)", NULL, "note");
		return -1;
	}
	char now[32], digest[SM3_HEX_LEN];
	req_now_text(now);
	const char *what = arena_printf(r->arena, "%s|%s", status,
	    note ? note : "");
	if (store_begin(r->store)) {
		resp_problem(r, 503, "数据库忙,请重试", NULL, NULL);
		return -1;
	}
	/* Who reviews what, and whether a workflow owns the record, are
	 * decided on the row as stored, inside the transaction. */
	struct fault f = { 0 };
	if (api_fault_keep(r, &f, authority_review_record(r->store, r->catalog,
	    &r->user, id, &f)) || api_fault_keep(r, &f,
	    authority_review_own(r->store, &r->user, id, &f))) {
		store_rollback(r->store);
		api_fault(r, &f);
		return -1;
	}
	if (api_workflow_guard(r, id)) {
		store_rollback(r->store);
		return -1;
	}
	/* A review that changes nothing (a repeated verify) writes nothing
	 * and is not audited: the UPDATE changes a row only when the status
	 * differs, decided inside the transaction. */
	int changed = -1;
	if ((changed = store_ledger_review(r->store, id, status, r->user.name,
	    note, now)) < 0 || (changed && (sm3_hex(what, strlen(what),
	    digest) || audit_append(r->store, req_actor(r), strcmp(status,
	    "verified") == 0 ? "record.verify" : "record.reject",
	    arena_printf(r->arena, "record:%s", id), 1, digest))) ||
	    store_commit(r->store)) {
		store_rollback(r->store);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	return 0;
}

static void
review(struct request *r, const char *status)
{
	const char *note = NULL;
	json_t *body = NULL;
	if (r->body.len > 0) {
		if ((body = req_json(r)) == NULL)
			return;
		note = json_string_value(json_object_get(body, "note"));
	}
	if (api_record_set_status(r, r->params[0], status, note) == 0) {
		unsigned st;
		json_t *o = api_record_load(r, r->params[0], &st);
		if (o != NULL)
			resp_json(r, 200, o);
		else
			resp_problem(r, 500, "内部错误", NULL, NULL);
	}
	json_decref(body);
}

void
api_record_verify(struct request *r)
{
	review(r, "verified");
}

void
api_record_reject(struct request *r)
{
	review(r, "rejected");
}
