/*
 * Interviews (约谈, 第八条) over HTTP. The office over an organ schedules
 * one with a leader — because the evaluation graded them 不合格, because
 * of an inspection's finding, or because of a report — and afterwards
 * records that it was held: when, who conducted it, and what was said.
 * An interview is never edited after that; a rectification order may
 * follow from it (api-rectifications.c).
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-supervision.h"
#include "auth/authority.h"

#define TEXT_MAX 4000
#define SUMMARY_MAX 20000

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static const char *
source_label(const char *source)
{
	if (source && strcmp(source, "finding") == 0)
		return "督查发现问题";
	if (source && strcmp(source, "report") == 0)
		return "报告";
	return "年度考评";
}

json_t *
api_interview_json(const struct store_interview *v)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:s}", "id", v->id, "source", v->source,
	    "source_label", source_label(v->source), "organ", v->organ,
	    "organ_name", v->organ_name, "region", v->region, "region_name",
	    v->region_name, "reason", v->reason, "scheduled_on",
	    v->scheduled_on, "status", v->status, "status_label",
	    strcmp(v->status, "held") == 0 ? "已约谈" : "待约谈", "created_by",
	    v->created_by, "created_at", v->created_at);
	json_object_set_new(o, "finding", str_or_null(v->finding));
	json_object_set_new(o, "report", str_or_null(v->report));
	json_object_set_new(o, "notice", str_or_null(v->notice));
	json_object_set_new(o, "person", str_or_null(v->person));
	json_object_set_new(o, "person_name", str_or_null(v->person_name));
	json_object_set_new(o, "year", v->year > 0 ? json_integer(v->year) :
	    json_null());
	json_object_set_new(o, "held_on", str_or_null(v->held_on));
	json_object_set_new(o, "interviewer", str_or_null(v->interviewer));
	json_object_set_new(o, "summary", str_or_null(v->summary));
	return o;
}

static int
keep(void *ctx, const struct store_interview *v)
{
	*(json_t **)ctx = api_interview_json(v);
	return 0;
}

/* Interview id when r->user may see it, with its organ in o. */
static json_t *
load(struct request *r, const char *id, unsigned *status,
    struct store_organ_info *o)
{
	json_t *v = NULL;
	*status = 0;
	int rc = store_interview_get(r->store, id, keep, &v);
	if (rc <= 0) {
		*status = rc < 0 ? 500 : 404;
		return NULL;
	}
	rc = store_organ_info(r->store, json_string_value(json_object_get(v,
	    "organ")), o);
	if (rc <= 0 || !api_sup_can_read(r, o, json_string_value(
	    json_object_get(v, "person")))) {
		json_decref(v);
		*status = rc < 0 ? 500 : 404;
		return NULL;
	}
	return v;
}

json_t *
api_interview_load(struct request *r, const char *id, unsigned *status)
{
	struct store_organ_info o;
	return load(r, id, status, &o);
}

int
api_interview_write(struct request *r, json_t *obj, const char **id)
{
	const char *source, *finding = NULL, *report = NULL, *organ, *person;
	const char *reason, *scheduled_on;
	struct store_organ_info o;
	date_t on;
	int year;
	unsigned st = 0;
	char now[32], its[130];
	if (api_sup_server_id(r, obj) ||
	    api_sup_text(r, obj, "source", 1, 16, &source))
		return -1;
	if (strcmp(source, "evaluation") != 0 && strcmp(source, "finding") != 0 &&
	    strcmp(source, "report") != 0) {
		resp_problem(r, 400, "来源应为 evaluation、finding 或 report",
		    source, "source");
		return -1;
	}
	if (api_sup_text(r, obj, "organ", 0, 128, &organ) ||
	    api_sup_text(r, obj, "person", 0, 128, &person) ||
	    api_sup_year(r, obj, "year", strcmp(source, "evaluation") == 0,
	    &year) ||
	    api_sup_text(r, obj, "reason", 1, TEXT_MAX, &reason) ||
	    api_sup_date(r, obj, "scheduled_on", 1, &scheduled_on, &on))
		return -1;
	/* A finding or a report names the organ (and a finding the leader). */
	its[0] = '\0';
	if (strcmp(source, "finding") == 0) {
		if (api_sup_text(r, obj, "finding", 1, 128, &finding))
			return -1;
		json_t *f = api_finding_load(r, finding, &st);
		if (f == NULL) {
			resp_problem(r, st == 500 ? 500 : 400, st == 500 ? "内部错误" :
			    "督查发现的问题不存在 (unknown finding)", finding, "finding");
			return -1;
		}
		snprintf(its, sizeof its, "%s", json_string_value(
		    json_object_get(f, "organ")));
		const char *p = json_string_value(json_object_get(f, "person"));
		if (person == NULL && p != NULL)
			person = arena_strdup(r->arena, p);
		json_decref(f);
	} else if (strcmp(source, "report") == 0) {
		if (api_sup_text(r, obj, "report", 1, 128, &report))
			return -1;
		int rc = store_sup_report_organ(r->store, report, its, sizeof its);
		if (rc <= 0) {
			resp_problem(r, rc < 0 ? 500 : 400, rc < 0 ? "内部错误" :
			    "报告不存在 (unknown report)", report, "report");
			return -1;
		}
	}
	if (its[0] != '\0') {
		if (organ != NULL && strcmp(organ, its) != 0) {
			resp_problem(r, 400, "机构与来源不符 (organ differs from the "
			    "source)", organ, "organ");
			return -1;
		}
		organ = arena_strdup(r->arena, its);
	}
	if (organ == NULL || person == NULL) {
		resp_problem(r, 400, organ == NULL ? "请填写机构 (required)" :
		    "请填写负责人 (required)", NULL, organ == NULL ? "organ" :
		    "person");
		return -1;
	}
	if (api_organ_access(r, organ, 0, "organ", &o) <= 0)
		return -1;
	if (!access_can_review_organ(&r->user, &o)) {
		resp_problem(r, 403, "无权安排该机构的约谈 (organ outside your "
		    "scope)", organ, "organ");
		return -1;
	}
	if (api_sup_person(r, person, "person") != 1 ||
	    api_sup_served(r, person, organ, year) != 1)
		return -1;
	/* 第八条's 约谈 is the 上级党委's. */
	struct fault f = { 0 };
	int eval = strcmp(source, "evaluation") == 0;
	if (eval && authority_order(&r->user, &o, "organ", &f)) {
		api_fault(r, &f);
		return -1;
	}
	req_now_text(now);
	*id = api_sup_id(r, "itv", date_year(date_today()));
	struct store_interview v = { .id = *id, .source = source,
		.finding = finding, .report = report, .organ = organ,
		.person = person, .year = year, .reason = reason,
		.scheduled_on = scheduled_on, .created_by = r->user.name,
		.created_at = now };
	json_t *what = json_pack("{s:s, s:s, s:s*, s:s*, s:s, s:s, s:i, s:s, "
	    "s:s}", "id", *id, "source", source, "finding", finding, "report",
	    report, "organ", organ, "person", person, "year", year, "reason",
	    reason, "scheduled_on", scheduled_on);
	if (store_begin(r->store)) {
		json_decref(what);
		return api_sup_fail(r, 0);
	}
	if (eval && api_sup_once(r, 0, person, organ, year)) {
		json_decref(what);
		return -1;
	}
	int rc = store_interview_add(r->store, &v) ||
	    (eval && store_interview_once_add(r->store, *id)) ||
	    api_sup_audit(r, "interview.schedule", "interview", *id, what) ||
	    store_commit(r->store);
	json_decref(what);
	return rc ? api_sup_fail(r, 1) : 0;
}

int
api_interview_record(struct request *r, const char *id, json_t *obj)
{
	struct store_organ_info o;
	const char *held_on, *interviewer, *summary;
	date_t on;
	unsigned st;
	json_t *v = load(r, id, &st, &o);
	if (v == NULL) {
		resp_problem(r, st, st == 404 ? "约谈不存在 (no such interview)" :
		    "内部错误", id, NULL);
		return -1;
	}
	/* Held on a day that has come, and not before it was scheduled
	 * here: the record of something done. */
	date_t from = date_of_stamp(json_string_value(json_object_get(v,
	    "created_at")));
	json_decref(v);
	if (!access_can_review_organ(&r->user, &o)) {
		resp_problem(r, 403, "无权记录该约谈 (outside your scope)", id,
		    NULL);
		return -1;
	}
	if (api_sup_date(r, obj, "held_on", 1, &held_on, &on) ||
	    api_sup_text(r, obj, "interviewer", 1, 200, &interviewer) ||
	    api_sup_text(r, obj, "summary", 1, SUMMARY_MAX, &summary))
		return -1;
	if (on > date_today() || (from != DATE_NONE && on < from)) {
		resp_problem(r, 400, on > date_today() ? "约谈日期不能晚于今天" :
		    "约谈日期不能早于安排约谈的日期", held_on, "held_on");
		return -1;
	}
	json_t *what = json_pack("{s:s, s:s, s:s}", "held_on", held_on,
	    "interviewer", interviewer, "summary", summary);
	if (store_begin(r->store)) {
		json_decref(what);
		return api_sup_fail(r, 0);
	}
	int rc = store_interview_held(r->store, id, held_on, interviewer,
	    summary);
	if (rc == 0) {
		json_decref(what);
		store_rollback(r->store);
		resp_problem(r, 409, "约谈已记录为已举行,不能重复记录", id, NULL);
		return -1;
	}
	rc = rc < 0 || api_sup_audit(r, "interview.held", "interview", id,
	    what) || store_commit(r->store);
	json_decref(what);
	return rc ? api_sup_fail(r, 1) : 0;
}

/* ---- handlers ---- */

static int
add(void *ctx, const struct store_interview *v)
{
	json_array_append_new(ctx, api_interview_json(v));
	return 0;
}

static const char *
query(struct request *r, const char *name)
{
	const char *v = req_query(r, name);
	return v != NULL && *v != '\0' ? v : NULL;
}

void
api_interviews_list(struct request *r)
{
	struct store_interview_filter f = { 0 };
	int page, per_page;
	api_paging(r, &page, &per_page);
	f.limit = per_page;
	f.offset = (page - 1) * per_page;
	f.status = query(r, "status");
	f.notice = query(r, "notice");
	const char *y = query(r, "year");
	if (f.status != NULL && strcmp(f.status, "scheduled") != 0 &&
	    strcmp(f.status, "held") != 0) {
		resp_problem(r, 400, "状态应为 scheduled 或 held", f.status,
		    "status");
		return;
	}
	if (y != NULL) {
		char *end;
		long n = strtol(y, &end, 10);
		if (*end != '\0' || n < 1900 || n > 2200) {
			resp_problem(r, 400, "年度应为 YYYY", y, "year");
			return;
		}
		f.year = (int)n;
	}
	json_t *items = json_array();
	if (api_sup_scope(r, &f.scope) &&
	    store_each_interview(r->store, &f, add, items) < 0) {
		json_decref(items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:o, s:i, s:i}", "items", items, "page",
	    page, "per_page", per_page));
}

static void
answer(struct request *r, const char *id, unsigned status)
{
	unsigned st;
	json_t *o = api_interview_load(r, id, &st);
	if (o == NULL)
		resp_problem(r, 500, "内部错误", NULL, NULL);
	else
		resp_json(r, status, o);
}

void
api_interview_create(struct request *r)
{
	const char *id;
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_interview_write(r, obj, &id) == 0)
		answer(r, id, 201);
	json_decref(obj);
}

void
api_interview_held(struct request *r)
{
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_interview_record(r, r->params[0], obj) == 0)
		answer(r, r->params[0], 200);
	json_decref(obj);
}
