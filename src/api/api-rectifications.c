/*
 * Rectification orders (整改, 第八条) over HTTP: the office over an organ
 * orders one — from an inspection's finding, from the evaluation (a
 * leader who failed a year) or from an interview — with a requirement and
 * a deadline; the organ's clerk reports progress and submits a completion
 * report with evidence files; the office accepts it or sends it back.
 * The moves and their refusals are src/supervision/rectify.c's; here they
 * are checked against the row inside the transaction that makes them, so
 * two offices accepting at once cannot both succeed.
 *
 * Overdue is derived when read (store_each_rectification), never stored.
 * Evidence files are kept like a record's (api_file_store: checked by
 * content, stored by SM3) with rows of their own.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-supervision.h"
#include "auth/authority.h"
#include "api/api-workflow.h"
#include "oversight/rectify.h"

#define NOTE_MAX 4000
#define REPORT_MAX 20000

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

const char *
api_rect_source_label(const char *source)
{
	if (source && strcmp(source, "finding") == 0)
		return "督查发现问题";
	if (source && strcmp(source, "interview") == 0)
		return "约谈";
	return "年度考评";
}

static const char *
state_label(const char *status)
{
	enum rectify_state s;
	return rectify_state_parse(status, &s) == 0 ? rectify_state_label(s) :
	    status;
}

json_t *
api_rectification_json(const struct store_rectification *x)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:b, s:s, s:s, s:I}", "id", x->id, "source", x->source,
	    "source_label", api_rect_source_label(x->source), "organ", x->organ,
	    "organ_name", x->organ_name, "region", x->region, "region_name",
	    x->region_name, "requirement", x->requirement, "deadline",
	    x->deadline, "status", x->status, "status_label",
	    state_label(x->status), "overdue", x->overdue, "issued_by",
	    x->issued_by, "issued_at", x->issued_at, "evidence_files",
	    (json_int_t)x->evidence);
	json_object_set_new(o, "finding", str_or_null(x->finding));
	json_object_set_new(o, "interview", str_or_null(x->interview));
	json_object_set_new(o, "notice", str_or_null(x->notice));
	json_object_set_new(o, "person", str_or_null(x->person));
	json_object_set_new(o, "person_name", str_or_null(x->person_name));
	json_object_set_new(o, "year", x->year > 0 ? json_integer(x->year) :
	    json_null());
	json_object_set_new(o, "report", str_or_null(x->report));
	json_object_set_new(o, "submitted_at", str_or_null(x->submitted_at));
	json_object_set_new(o, "accepted_by", str_or_null(x->accepted_by));
	json_object_set_new(o, "accepted_at", str_or_null(x->accepted_at));
	json_object_set_new(o, "updated_at", str_or_null(x->updated_at));
	return o;
}

/* An order as read, with what its checks need. */
struct order {
	json_t *o;
	char organ[130], person[130], status[16];
	int has_person;
};

static int
keep_order(void *ctx, const struct store_rectification *x)
{
	struct order *k = ctx;
	k->o = api_rectification_json(x);
	snprintf(k->organ, sizeof k->organ, "%s", x->organ);
	snprintf(k->person, sizeof k->person, "%s", x->person ? x->person : "");
	snprintf(k->status, sizeof k->status, "%s", x->status);
	k->has_person = x->person != NULL;
	return 0;
}

/* Reads order id into k when r->user may see it; fills o with its organ.
 * Returns 1, 0 (not there, or not visible) or -1. */
static int
read_order(struct request *r, const char *id, struct order *k,
    struct store_organ_info *o)
{
	memset(k, 0, sizeof *k);
	int rc = store_rectification_get(r->store, id, date_today(), keep_order,
	    k);
	if (rc <= 0)
		return rc;
	rc = store_organ_info(r->store, k->organ, o);
	if (rc <= 0 || !api_sup_can_read(r, o, k->has_person ? k->person :
	    NULL)) {
		json_decref(k->o);
		k->o = NULL;
		return rc < 0 ? -1 : 0;
	}
	return 1;
}

/* Who r->user is to an order of organ o; -1: neither organ nor office. */
static int
actor_of(struct request *r, const struct store_organ_info *o)
{
	if (access_can_review_organ(&r->user, o))
		return RECTIFY_BY_OFFICE;
	if (r->user.role == ACCT_CLERK && access_can_write_organ(&r->user, o))
		return RECTIFY_BY_ORGAN;
	return -1;
}

static json_t *
evidence_json(const struct store_rect_evidence *e)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "key",
	    (json_int_t)e->key, "rectification", e->rectification, "sm3", e->sm3,
	    "mime", e->mime, "filename", e->filename, "size",
	    (json_int_t)e->size, "uploaded_by", e->uploaded_by, "uploaded_at",
	    e->uploaded_at);
	json_object_set_new(o, "href", json_sprintf(
	    "/api/v1/rectifications/%s/evidence/%lld", e->rectification,
	    (long long)e->key));
	return o;
}

static int
add_evidence(void *ctx, const struct store_rect_evidence *e)
{
	json_array_append_new(ctx, evidence_json(e));
	return 0;
}

static int
add_event(void *ctx, const struct store_rect_event *e)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "action", e->action, "to",
	    e->to, "actor", e->actor, "at", e->at);
	json_object_set_new(o, "from", str_or_null(e->from));
	json_object_set_new(o, "note", str_or_null(e->note));
	json_array_append_new(ctx, o);
	return 0;
}

json_t *
api_rectification_load(struct request *r, const char *id, unsigned *status)
{
	struct order k;
	struct store_organ_info o;
	enum rectify_state st, to;
	*status = 0;
	int rc = read_order(r, id, &k, &o);
	if (rc <= 0) {
		*status = rc < 0 ? 500 : 404;
		return NULL;
	}
	json_t *files = json_array(), *history = json_array();
	json_object_set_new(k.o, "evidence", files);
	json_object_set_new(k.o, "history", history);
	if (store_each_rect_evidence(r->store, id, 0, add_evidence, files) < 0 ||
	    store_each_rect_event(r->store, id, add_event, history) < 0) {
		json_decref(k.o);
		*status = 500;
		return NULL;
	}
	/* The moves the caller may make now: what the pages offer. */
	json_t *allowed = json_array();
	int who = actor_of(r, &o);
	if (who >= 0 && rectify_state_parse(k.status, &st) == 0) {
		for (int a = 0; a < RECTIFY_ACTIONS; a++)
			if (rectify_may((enum rectify_actor)who,
			    (enum rectify_action)a, NULL) &&
			    rectify_next(st, (enum rectify_action)a, &to, NULL) == 0)
				json_array_append_new(allowed, json_string(
				    rectify_action_name((enum rectify_action)a)));
		if (access_can_write_organ(&r->user, &o) &&
		    (st == RECTIFY_ISSUED || st == RECTIFY_IN_PROGRESS))
			json_array_append_new(allowed, json_string("evidence"));
	}
	json_object_set_new(k.o, "allowed", allowed);
	return k.o;
}

/* ---- ordering ---- */

/* A string member of a loaded object, copied into the arena. */
static const char *
member(struct request *r, json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? arena_strdup(r->arena, s) : NULL;
}

int
api_rectification_write(struct request *r, json_t *obj, const char **id)
{
	const char *source, *finding = NULL, *interview = NULL, *organ, *person;
	const char *requirement, *deadline;
	struct store_organ_info o;
	date_t due;
	int year;
	unsigned st = 0;
	char now[32];
	if (api_sup_server_id(r, obj) ||
	    api_sup_text(r, obj, "source", 1, 16, &source))
		return -1;
	if (strcmp(source, "finding") != 0 && strcmp(source, "evaluation") != 0 &&
	    strcmp(source, "interview") != 0) {
		resp_problem(r, 400, "来源应为 finding、evaluation 或 interview",
		    source, "source");
		return -1;
	}
	if (api_sup_text(r, obj, "organ", 0, 128, &organ) ||
	    api_sup_text(r, obj, "person", 0, 128, &person) ||
	    api_sup_year(r, obj, "year", 0, &year) ||
	    api_sup_text(r, obj, "requirement", 1, NOTE_MAX, &requirement) ||
	    api_sup_date(r, obj, "deadline", 1, &deadline, &due))
		return -1;
	/* What the order comes from names the organ and the leader. */
	json_t *from = NULL;
	if (strcmp(source, "finding") == 0) {
		if (api_sup_text(r, obj, "finding", 1, 128, &finding))
			return -1;
		from = api_finding_load(r, finding, &st);
	} else if (strcmp(source, "interview") == 0) {
		if (api_sup_text(r, obj, "interview", 1, 128, &interview))
			return -1;
		from = api_interview_load(r, interview, &st);
	}
	if (from == NULL && strcmp(source, "evaluation") != 0) {
		resp_problem(r, st == 500 ? 500 : 400, st == 500 ? "内部错误" :
		    "来源不存在或不在权限范围内 (unknown source)", finding ? finding :
		    interview, source);
		return -1;
	}
	if (from != NULL) {
		const char *its = member(r, from, "organ");
		if (organ != NULL && strcmp(organ, its) != 0) {
			json_decref(from);
			resp_problem(r, 400, "机构与来源不符 (organ differs from the "
			    "source)", organ, "organ");
			return -1;
		}
		organ = its;
		if (person == NULL)
			person = member(r, from, "person");
		if (year == 0 && json_is_integer(json_object_get(from, "year")))
			year = (int)json_integer_value(json_object_get(from, "year"));
		json_decref(from);
	} else if (organ == NULL || person == NULL || year == 0) {
		resp_problem(r, 400, "来自年度考评的整改须写明机构、负责人和年度 "
		    "(organ, person and year required)", NULL, organ == NULL ?
		    "organ" : person == NULL ? "person" : "year");
		return -1;
	}
	if (organ == NULL) {
		resp_problem(r, 400, "请填写机构 (required)", NULL, "organ");
		return -1;
	}
	if (api_organ_access(r, organ, 0, "organ", &o) <= 0)
		return -1;
	if (!access_can_review_organ(&r->user, &o)) {
		resp_problem(r, 403, "无权对该机构下达整改 (organ outside your "
		    "scope)", organ, "organ");
		return -1;
	}
	if (person != NULL && (api_sup_person(r, person, "person") != 1 ||
	    (strcmp(source, "evaluation") == 0 && api_sup_served(r, person, organ,
	    year) != 1)))
		return -1;
	/* 第八条's 整改 is the 上级党委's. */
	struct fault f = { 0 };
	int eval = strcmp(source, "evaluation") == 0;
	if (eval && authority_order(&r->user, &o, "organ", &f)) {
		api_fault(r, &f);
		return -1;
	}
	req_now_text(now);
	*id = api_sup_id(r, "rect", date_year(date_today()));
	struct store_rectification x = { .id = *id, .source = source,
		.finding = finding, .interview = interview, .organ = organ,
		.person = person, .year = year, .requirement = requirement,
		.deadline = deadline, .issued_by = r->user.name,
		.issued_at = now };
	struct store_rect_event e = { .action = "issue", .to = "issued",
		.actor = r->user.name, .at = now };
	json_t *what = json_pack("{s:s, s:s, s:s*, s:s*, s:s, s:s*, s:i, s:s, "
	    "s:s}", "id", *id, "source", source, "finding", finding,
	    "interview", interview, "organ", organ, "person", person, "year",
	    year, "requirement", requirement, "deadline", deadline);
	if (store_begin(r->store)) {
		json_decref(what);
		return api_sup_fail(r, 0);
	}
	if (eval && api_sup_once(r, 1, person, organ, year)) {
		json_decref(what);
		return -1;
	}
	int rc = store_rectification_add(r->store, &x) ||
	    (eval && store_rectification_once_add(r->store, *id)) ||
	    store_rect_event_add(r->store, *id, &e) || api_sup_audit(r,
	    "rectification.issue", "rectification", *id, what) ||
	    store_commit(r->store);
	json_decref(what);
	return rc ? api_sup_fail(r, 1) : 0;
}

/* ---- moving ---- */

/* The action a body asks for: {action} or, as the route's name
 * suggests, {status} meaning where to go. Returns 0 or -1 (answered). */
static int
action_of(struct request *r, json_t *obj, const char *current,
    enum rectify_action *a)
{
	const char *action, *status;
	if (api_sup_text(r, obj, "action", 0, 16, &action) ||
	    api_sup_text(r, obj, "status", 0, 16, &status))
		return -1;
	if (action != NULL && rectify_action_parse(action, a) == 0)
		return 0;
	if (action == NULL && status != NULL) {
		if (strcmp(status, "in_progress") == 0) {
			*a = strcmp(current, "submitted") == 0 ? RECTIFY_RETURN :
			    RECTIFY_PROGRESS;
			return 0;
		}
		if (strcmp(status, "submitted") == 0) {
			*a = RECTIFY_SUBMIT;
			return 0;
		}
		if (strcmp(status, "accepted") == 0) {
			*a = RECTIFY_ACCEPT;
			return 0;
		}
	}
	resp_problem(r, 400, "操作应为 progress(报告进展)、submit(提交)、accept"
	    "(验收)或 return(退回)", action ? action : status, "action");
	return -1;
}

int
api_rectification_act(struct request *r, const char *id, json_t *obj)
{
	struct order k;
	struct store_organ_info o;
	enum rectify_action a;
	enum rectify_state from, to;
	const char *why = NULL, *note, *report = NULL;
	char now[32];
	int rc = read_order(r, id, &k, &o);
	if (rc <= 0) {
		resp_problem(r, rc < 0 ? 500 : 404, rc < 0 ? "内部错误" :
		    "整改不存在 (no such rectification)", id, NULL);
		return -1;
	}
	json_decref(k.o);
	if (action_of(r, obj, k.status, &a))
		return -1;
	int who = actor_of(r, &o);
	if (who < 0 || !rectify_may((enum rectify_actor)who, a, &why)) {
		resp_problem(r, 403, who < 0 ? "无权办理该整改 (outside your "
		    "scope)" : why, id, "action");
		return -1;
	}
	const char *need = rectify_requires(a);
	if (api_sup_text(r, obj, "note", need && strcmp(need, "note") == 0,
	    NOTE_MAX, &note) || (a == RECTIFY_SUBMIT && api_sup_text(r, obj,
	    "report", 1, REPORT_MAX, &report)))
		return -1;
	req_now_text(now);
	if (store_begin(r->store))
		return api_sup_fail(r, 0);
	/* The state as it stands now, inside the transaction. */
	if (read_order(r, id, &k, &o) != 1) {
		store_rollback(r->store);
		resp_problem(r, 404, "整改不存在 (no such rectification)", id, NULL);
		return -1;
	}
	json_decref(k.o);
	if (rectify_state_parse(k.status, &from) ||
	    rectify_next(from, a, &to, &why)) {
		store_rollback(r->store);
		resp_problem(r, 409, why ? why : "整改状态不允许该操作",
		    arena_printf(r->arena, "当前状态:%s", state_label(k.status)),
		    "action");
		return -1;
	}
	struct store_rect_event e = { .action = rectify_action_name(a),
		.from = rectify_state_name(from), .to = rectify_state_name(to),
		.note = note, .actor = r->user.name, .at = now };
	json_t *what = json_pack("{s:s, s:s, s:s, s:s*, s:s*}", "action",
	    e.action, "from", e.from, "to", e.to, "note", note, "report",
	    report);
	rc = store_rectification_move(r->store, id, e.from, e.to, report,
	    r->user.name, now) != 1 || store_rect_event_add(r->store, id, &e) ||
	    api_sup_audit(r, arena_printf(r->arena, "rectification.%s",
	    e.action), "rectification", id, what) || store_commit(r->store);
	json_decref(what);
	return rc ? api_sup_fail(r, 1) : 0;
}

int
api_rectification_attach(struct request *r, const char *id, int64_t *key)
{
	struct order k;
	struct store_organ_info o;
	struct api_file f;
	char now[32];
	int rc = read_order(r, id, &k, &o);
	if (rc <= 0) {
		resp_problem(r, rc < 0 ? 500 : 404, rc < 0 ? "内部错误" :
		    "整改不存在 (no such rectification)", id, NULL);
		return -1;
	}
	json_decref(k.o);
	if (!access_can_write_organ(&r->user, &o)) {
		resp_problem(r, 403, "无权为该整改上传材料 (outside your scope)", id,
		    NULL);
		return -1;
	}
	if (api_workflow_quota(r, NULL, (int64_t)r->file.data.len) ||
	    api_file_store(r, &f))
		return -1;
	req_now_text(now);
	if (store_begin(r->store))
		return api_sup_fail(r, 0);
	if (read_order(r, id, &k, &o) != 1) {
		store_rollback(r->store);
		resp_problem(r, 404, "整改不存在 (no such rectification)", id, NULL);
		return -1;
	}
	json_decref(k.o);
	if (strcmp(k.status, "issued") != 0 &&
	    strcmp(k.status, "in_progress") != 0) {
		store_rollback(r->store);
		resp_problem(r, 409, strcmp(k.status, "accepted") == 0 ?
		    "整改已验收,不能再上传材料" : "整改报告已提交,不能再上传材料;需要"
		    "补充时请由办公室退回", arena_printf(r->arena, "当前状态:%s",
		    state_label(k.status)), "file");
		return -1;
	}
	struct store_rect_evidence ev = { .rectification = id, .sm3 = f.sm3,
		.mime = f.mime, .filename = f.filename, .size = f.size,
		.uploaded_by = r->user.name, .uploaded_at = now };
	struct store_rect_event e = { .action = "evidence", .from = k.status,
		.to = k.status, .note = f.filename, .actor = r->user.name,
		.at = now };
	json_t *what = json_pack("{s:s, s:s, s:s, s:I}", "sm3", f.sm3, "mime",
	    f.mime, "filename", f.filename, "size", (json_int_t)f.size);
	rc = store_rect_evidence_add(r->store, &ev, key) ||
	    store_rect_event_add(r->store, id, &e) || api_sup_audit(r,
	    "rectification.evidence", "rectification", id, what) ||
	    store_commit(r->store);
	json_decref(what);
	return rc ? api_sup_fail(r, 1) : 0;
}

/* ---- handlers ---- */

struct listing {
	json_t *items;
};

static int
add_order(void *ctx, const struct store_rectification *x)
{
	struct listing *l = ctx;
	json_array_append_new(l->items, api_rectification_json(x));
	return 0;
}

static const char *
query(struct request *r, const char *name)
{
	const char *v = req_query(r, name);
	return v != NULL && *v != '\0' ? v : NULL;
}

void
api_rectifications_list(struct request *r)
{
	struct store_rect_filter f = { 0 };
	enum rectify_state st;
	int page, per_page;
	api_paging(r, &page, &per_page);
	f.limit = per_page;
	f.offset = (page - 1) * per_page;
	f.status = query(r, "status");
	f.notice = query(r, "notice");
	f.finding = query(r, "finding");
	const char *overdue = query(r, "overdue"), *y = query(r, "year");
	if (f.status != NULL && rectify_state_parse(f.status, &st)) {
		resp_problem(r, 400, "状态应为 issued、in_progress、submitted 或 "
		    "accepted", f.status, "status");
		return;
	}
	f.overdue_only = overdue != NULL && (strcmp(overdue, "1") == 0 ||
	    strcmp(overdue, "true") == 0);
	if (y != NULL) {
		char *end;
		long v = strtol(y, &end, 10);
		if (*end != '\0' || v < 1900 || v > 2200) {
			resp_problem(r, 400, "年度应为 YYYY", y, "year");
			return;
		}
		f.year = (int)v;
	}
	struct listing l = { json_array() };
	long total = 0;
	date_t today = date_today();
	if (api_sup_scope(r, &f.scope) &&
	    ((total = store_count_rectifications(r->store, &f, today)) < 0 ||
	    store_each_rectification(r->store, &f, today, add_order, &l) < 0)) {
		json_decref(l.items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:o, s:i, s:i, s:I}", "items", l.items,
	    "page", page, "per_page", per_page, "total", (json_int_t)total));
}

/* Answers with the order as it now is, with status. */
static void
answer(struct request *r, const char *id, unsigned status)
{
	unsigned st;
	json_t *o = api_rectification_load(r, id, &st);
	if (o == NULL) {
		resp_problem(r, 500, "内部错误", NULL, NULL);
		return;
	}
	resp_json(r, status, o);
}

void
api_rectification_create(struct request *r)
{
	const char *id;
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_rectification_write(r, obj, &id) == 0) {
		answer(r, id, 201);
		resp_header(r, "Location", arena_printf(r->arena,
		    "/api/v1/rectifications/%s", id));
	}
	json_decref(obj);
}

void
api_rectification_get(struct request *r)
{
	unsigned status;
	json_t *o = api_rectification_load(r, r->params[0], &status);
	if (o == NULL) {
		resp_problem(r, status, status == 404 ? "整改不存在 (no such "
		    "rectification)" : "内部错误", r->params[0], NULL);
		return;
	}
	resp_json(r, 200, o);
}

void
api_rectification_status(struct request *r)
{
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_rectification_act(r, r->params[0], obj) == 0)
		answer(r, r->params[0], 200);
	json_decref(obj);
}

static int
keep_file(void *ctx, const struct store_rect_evidence *e)
{
	json_t **o = ctx;
	*o = evidence_json(e);
	return 1;
}

void
api_rectification_upload(struct request *r)
{
	int64_t key = 0;
	json_t *one = NULL;
	if (api_rectification_attach(r, r->params[0], &key))
		return;
	if (store_each_rect_evidence(r->store, r->params[0], key, keep_file,
	    &one) < 0 || one == NULL) {
		json_decref(one);
		resp_problem(r, 500, "内部错误", NULL, NULL);
		return;
	}
	resp_json(r, 201, one);
}

void
api_rectification_evidence_get(struct request *r)
{
	struct order k;
	struct store_organ_info o;
	json_t *file = NULL;
	char *end;
	long long key = strtoll(r->params[1], &end, 10);
	/* Only a number names a file: no path from the request reaches the
	 * file system. */
	if (*r->params[1] == '\0' || *end != '\0' || key <= 0 ||
	    read_order(r, r->params[0], &k, &o) != 1) {
		resp_problem(r, 404, "文件不存在 (no such file)", NULL, NULL);
		return;
	}
	json_decref(k.o);
	if (store_each_rect_evidence(r->store, r->params[0], key, keep_file,
	    &file) < 0 || file == NULL) {
		resp_problem(r, 404, "文件不存在 (no such file)", NULL, NULL);
		return;
	}
	api_file_send(r, json_string_value(json_object_get(file, "sm3")),
	    json_string_value(json_object_get(file, "mime")),
	    json_string_value(json_object_get(file, "filename")));
	json_decref(file);
}
