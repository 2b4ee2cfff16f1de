/*
 * 问责 (第九条) over HTTP, writing: opening a case, moving it on, an
 * appeal and its result. Each validates its input first (400 naming the
 * field), then, inside one transaction, loads the case (404 outside the
 * caller's scope), asks src/oversight/procedure.c (409 with its reason,
 * 403 when the role may not) and writes the case, an event of its
 * history and the audit entry. The pages call the same functions with
 * their forms turned into these JSON bodies.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/api-cases.h"
#include "api/api-workflow.h"
#include "audit/audit.h"
#include "base/sm3.h"

#define SUMMARY_MAX 4000 /* bytes */
#define TEXT_MAX 8000    /* findings, statement, decision, execution */
#define NOTE_MAX 2000
#define REF_MAX 200

/* ---- input ---- */

/* Answers 400 unless every member of obj is one of known (NULL-ended). */
static int
only_known(struct request *r, json_t *obj, const char *const *known)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		size_t i = 0;
		while (known[i] != NULL && strcmp(known[i], key) != 0)
			i++;
		if (known[i] == NULL) {
			resp_problem(r, 400, "未知字段 (unknown field)", key, key);
			return 0;
		}
	}
	return 1;
}

/*
 * The text member key of obj into *out (NULL when absent, null or empty).
 * At most max bytes, no control characters but tab and line breaks;
 * required: present. Returns 1, or 0 after answering 400.
 */
static int
text(struct request *r, json_t *obj, const char *key, size_t max,
    int required, const char **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (v != NULL && !json_is_null(v) && !json_is_string(v)) {
		resp_problem(r, 400, "应为文字 (must be a string)", NULL, key);
		return 0;
	}
	const char *s = json_string_value(v);
	size_t n = s != NULL ? json_string_length(v) : 0;
	/* Blank text counts as none. */
	size_t i = 0;
	while (i < n && strchr(" \t\r\n", s[i]) != NULL)
		i++;
	if (i == n) {
		if (required) {
			resp_problem(r, 400, "必填 (required)", NULL, key);
			return 0;
		}
		return 1;
	}
	if (n > max) {
		resp_problem(r, 400, "内容过长 (too long)", arena_printf(r->arena,
		    "at most %zu bytes", max), key);
		return 0;
	}
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && !strchr("\t\r\n", s[i])) ||
		    s[i] == 0x7f) {
			resp_problem(r, 400, "含有不允许的控制字符 (control "
			    "characters)", NULL, key);
			return 0;
		}
	*out = s;
	return 1;
}

/* An optional date member: DATE_NONE when absent; 0 after a 400. */
static int
date_member(struct request *r, json_t *obj, const char *key, date_t *out)
{
	const char *s;
	*out = DATE_NONE;
	if (!text(r, obj, key, 10, 0, &s))
		return 0;
	if (s != NULL && date_parse(s, out)) {
		resp_problem(r, 400, "日期格式应为 YYYY-MM-DD (not a valid date)", s,
		    key);
		return 0;
	}
	return 1;
}

static void
refuse(struct request *r, const struct proc_refusal *why, const char *detail)
{
	resp_problem(r, why->status, why->reason, detail, why->field);
}

/* SM3 of obj's canonical JSON, for the audit entry. */
static void
digest_of(json_t *obj, char out[SM3_HEX_LEN])
{
	char *s = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
	out[0] = '\0';
	if (s == NULL || sm3_hex(s, strlen(s), out))
		out[0] = '\0';
	free(s);
}

/* Ends a write: the audit entry and the commit, or a rollback and 500. */
static int
finish(struct request *r, const char *action, const char *entity,
    json_t *what)
{
	char digest[SM3_HEX_LEN];
	digest_of(what, digest);
	if (audit_append(r->store, req_actor(r), action, entity, 1, digest) ||
	    store_commit(r->store)) {
		store_rollback(r->store);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	return 0;
}

static int
begin(struct request *r)
{
	if (store_begin(r->store) == 0)
		return 1;
	resp_problem(r, 503, "数据库忙,请重试", store_error(r->store), NULL);
	return 0;
}

/* ---- opening ---- */

struct veto_find {
	const char *person, *organ, *duty;
	int found;
};

static int
find_veto(void *ctx, const struct eval_result *res)
{
	struct veto_find *v = ctx;
	if (!res->veto || strcmp(res->person, v->person) != 0 ||
	    strcmp(res->organ, v->organ) != 0)
		return 0;
	for (size_t i = 0; i < res->nduties; i++) {
		const struct eval_duty *d = &res->duties[i];
		if (d->rule->veto && d->verdict == VERDICT_UNMET &&
		    strcmp(d->rule->id, v->duty) == 0)
			v->found = 1;
	}
	return 0;
}

struct held {
	const char *organ;
	int found;
};

static int
held_post(void *ctx, const struct store_tenure *t)
{
	struct held *h = ctx;
	if (strcmp(t->organ_id, h->organ) == 0)
		h->found = 1;
	return 0;
}

/*
 * A veto referral's source_ref "eval:YEAR:PERSON:DUTY": the result must
 * exist in that year's evaluation with DUTY failed and vetoing. Sets
 * *year. Returns 1, or 0 after answering.
 */
static int
veto_ref(struct request *r, const char *ref, const char *person,
    const struct store_organ_info *o, int *year)
{
	char p[130], duty[130];
	int y, n = 0;
	if (ref == NULL) {
		resp_problem(r, 400, "一票否决移送须注明考评结果 (source_ref "
		    "eval:YEAR:PERSON:DUTY)", NULL, "source_ref");
		return 0;
	}
	if (sscanf(ref, "eval:%4d:%129[^:]:%129[^:]%n", &y, p, duty, &n) != 3 ||
	    ref[n] != '\0' || y < 2000 || y > 2200) {
		resp_problem(r, 400, "应为 eval:年度:人员编号:职责编号", ref,
		    "source_ref");
		return 0;
	}
	if (person == NULL || strcmp(p, person) != 0) {
		resp_problem(r, 400, "考评结果与被问责人不符", ref, "source_ref");
		return 0;
	}
	if (*year != 0 && *year != y) {
		resp_problem(r, 400, "年度与考评结果不符", ref, "year");
		return 0;
	}
	struct veto_find v = { p, o->id, duty, 0 };
	if (api_evaluation_each(r, y, o->region, find_veto, &v))
		return 0;
	if (!v.found) {
		resp_problem(r, 400, "该年度考评结果中没有这一项一票否决 (no such "
		    "veto in the evaluation)", ref, "source_ref");
		return 0;
	}
	*year = y;
	return 1;
}

int
api_case_open(struct request *r, json_t *obj, const char **id)
{
	static const char *const known[] = { "target", "person", "organ",
		"item", "source", "source_ref", "year", "summary", NULL };
	struct store_organ_info o;
	struct store_case c = { 0 };
	enum proc_target target;
	const char *organ;
	*id = NULL;
	if (!api_cases_role(r) || !only_known(r, obj, known))
		return -1;
	if (!text(r, obj, "target", 32, 1, &c.target))
		return -1;
	if (proc_target_parse(c.target, &target)) {
		resp_problem(r, 400, "问责对象应为 cadre(领导干部)或 organization"
		    "(党组织)", c.target, "target");
		return -1;
	}
	if (!text(r, obj, "organ", 128, 1, &organ))
		return -1;
	int rc = store_organ_info(r->store, organ, &o);
	if (rc < 0) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	if (rc == 0) {
		resp_problem(r, 400, "机构不存在 (unknown organ)", organ, "organ");
		return -1;
	}
	if (!api_cases_in_scope(&r->user, o.path)) {
		resp_problem(r, 403, "该机构不在您的权限范围内 (organ outside your "
		    "scope)", organ, "organ");
		return -1;
	}
	c.organ = o.id;
	if (!text(r, obj, "person", 128, 0, &c.person))
		return -1;
	if (target == PROC_ORGANIZATION && c.person != NULL) {
		resp_problem(r, 400, "对党组织问责不填写被问责人", c.person,
		    "person");
		return -1;
	}
	if (target == PROC_CADRE) {
		struct held h = { o.id, 0 };
		if (c.person == NULL) {
			resp_problem(r, 400, "对领导干部问责须填写被问责人 (required)",
			    NULL, "person");
			return -1;
		}
		if (store_each_tenure_of_person(r->store, c.person, held_post,
		    &h) < 0) {
			resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
			return -1;
		}
		if (!h.found) {
			resp_problem(r, 400, "该人员不存在或未在该机构任职 (person "
			    "never held a post at the organ)", c.person, "person");
			return -1;
		}
	}
	json_t *item = json_object_get(obj, "item");
	if (!json_is_integer(item) || json_integer_value(item) < 1 ||
	    json_integer_value(item) > 5) {
		resp_problem(r, 400, "情形应为第九条第(一)至(五)项之一 (item 1-5)",
		    NULL, "item");
		return -1;
	}
	c.item = (int)json_integer_value(item);
	if (!text(r, obj, "source", 32, 1, &c.source))
		return -1;
	if (proc_source_label(c.source) == NULL) {
		resp_problem(r, 400, "来源应为 inspection(督查发现)、veto(考评一票"
		    "否决)或 report(报告、举报反映)", c.source, "source");
		return -1;
	}
	if (!text(r, obj, "source_ref", REF_MAX, 0, &c.source_ref))
		return -1;
	json_t *year = json_object_get(obj, "year");
	if (year != NULL && !json_is_null(year)) {
		if (!json_is_integer(year) || json_integer_value(year) < 2000 ||
		    json_integer_value(year) > 2200) {
			resp_problem(r, 400, "应为年份 (a year)", NULL, "year");
			return -1;
		}
		c.year = (int)json_integer_value(year);
	}
	if (!text(r, obj, "summary", SUMMARY_MAX, 1, &c.summary))
		return -1;
	if (strcmp(c.source, "veto") == 0) {
		if (target != PROC_CADRE) {
			resp_problem(r, 400, "一票否决的移送对象是领导干部", c.target,
			    "target");
			return -1;
		}
		if (!veto_ref(r, c.source_ref, c.person, &o, &c.year))
			return -1;
	}
	if (c.year == 0)
		c.year = date_year(date_today());

	char now[32], other[130];
	req_now_text(now);
	if (!begin(r))
		return -1;
	/* One case per finding: what the case came from (a veto result, a
	 * finding, a report) opens one case, whoever asks again. */
	if (c.source_ref != NULL) {
		rc = store_case_by_ref(r->store, c.source_ref, other, sizeof other);
		if (rc != 0) {
			store_rollback(r->store);
			if (rc < 0)
				resp_problem(r, 500, "内部错误", store_error(r->store),
				    NULL);
			else
				resp_problem(r, 409, arena_printf(r->arena, "该%s已立案:"
				    "案件 %s,一项发现只立一个案件 (already a case)",
				    strcmp(c.source, "veto") == 0 ? "一票否决结果" :
				    "问题线索", other), other, "source_ref");
			return -1;
		}
	}
	long n = store_case_count_prefix(r->store, arena_printf(r->arena,
	    "ac-%d-", date_year(date_today())));
	if (n < 0) {
		store_rollback(r->store);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	c.id = arena_printf(r->arena, "ac-%d-%04ld", date_year(date_today()),
	    n + 1);
	c.state = proc_state_name(PROC_STARTED);
	c.created_by = r->user.name;
	c.created_at = now;
	if (store_case_add(r->store, &c) || store_case_event_add(r->store, c.id,
	    "open", NULL, c.state, c.source_ref, r->user.name, now)) {
		store_rollback(r->store);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	json_object_set_new(obj, "id", json_string(c.id));
	if (finish(r, "case.open", arena_printf(r->arena, "case:%s", c.id), obj))
		return -1;
	*id = c.id;
	return 0;
}

void
api_case_create(struct request *r)
{
	const char *id;
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_case_open(r, obj, &id) == 0) {
		unsigned status;
		json_t *o = api_case_load(r, id, &status);
		if (o != NULL) {
			resp_json(r, 201, o);
			resp_header(r, "Location", arena_printf(r->arena,
			    "/api/v1/cases/%s", id));
		}
	}
	json_decref(obj);
}

/* ---- moving on ---- */

/* The text fields a move may carry, and the requirement each meets. */
static const struct {
	const char *field;
	unsigned need;
	size_t max;
} move_texts[] = {
	{ "investigation", PROC_NEED_INVESTIGATION, TEXT_MAX },
	{ "statement", PROC_NEED_STATEMENT, TEXT_MAX },
	{ "decision_form", PROC_NEED_FORM, 64 },
	{ "decision", PROC_NEED_DECISION, TEXT_MAX },
	{ "execution", PROC_NEED_EXECUTION, TEXT_MAX },
};

int
api_case_move(struct request *r, const char *id, json_t *obj)
{
	static const char *const known[] = { "to", "note", "date",
		"investigation", "statement", "statement_waived", "decision_form",
		"decision", "execution", NULL };
	const char *to_name, *note, *given[5];
	enum proc_state to;
	date_t date;
	struct store_case c;
	struct proc_case p;
	struct proc_refusal why;
	unsigned by = api_cases_by(&r->user);

	if (!api_cases_role(r) || !only_known(r, obj, known))
		return -1;
	if (!text(r, obj, "to", 32, 1, &to_name))
		return -1;
	if (proc_state_parse(to_name, &to)) {
		resp_problem(r, 400, "未知的案件阶段 (unknown state)", to_name, "to");
		return -1;
	}
	if (!text(r, obj, "note", NOTE_MAX, 0, &note) ||
	    !date_member(r, obj, "date", &date))
		return -1;
	for (size_t i = 0; i < 5; i++)
		if (!text(r, obj, move_texts[i].field, move_texts[i].max, 0,
		    &given[i]))
			return -1;
	/* A waiver is a step of its own, with the cadre's written waiver,
	 * not a flag the decider sets. */
	if (json_object_get(obj, "statement_waived") != NULL) {
		resp_problem(r, 400, "放弃陈述和申辩须由承办人单独记录,并上传被问责"
		    "对象的书面放弃材料 (POST /api/v1/cases/{id}/waiver)", NULL,
		    "statement_waived");
		return -1;
	}
	const struct proc_form *form = NULL;
	if (given[2] != NULL && (form = proc_form_find(given[2])) == NULL) {
		resp_problem(r, 400, "问责方式无效,应为检查、通报、改组、诫勉、组织调整"
		    "或者组织处理、纪律处分之一", given[2], "decision_form");
		return -1;
	}

	if (!begin(r))
		return -1;
	int rc = api_cases_get(r, id, &c);
	if (rc <= 0) {
		store_rollback(r->store);
		return -1;
	}
	api_cases_proc(&c, &p);
	p.actor = r->user.name;
	enum proc_state from = p.state;
	if (!proc_may(from, to, by, &why) || !proc_separate(&p, to, &why)) {
		store_rollback(r->store);
		refuse(r, &why, NULL);
		return -1;
	}
	/* A field is written by the step that needs it, and by no other. */
	const struct proc_move *m = proc_find(from, to);
	for (size_t i = 0; i < 5; i++)
		if (given[i] != NULL && (m->needs & move_texts[i].need) == 0) {
			store_rollback(r->store);
			resp_problem(r, 400, "该步骤不填写此项 (not a field of this "
			    "step)", proc_state_name(to), move_texts[i].field);
			return -1;
		}
	if (given[1] != NULL && p.waived) {
		store_rollback(r->store);
		resp_problem(r, 409, "已记录被问责对象放弃陈述和申辩,不能再记录陈述"
		    "和申辩", NULL, "statement");
		return -1;
	}
	if (given[0] != NULL)
		p.investigation = c.investigation = given[0];
	if (given[1] != NULL)
		p.statement = c.statement = given[1];
	if (form != NULL)
		p.decision_form = c.decision_form = form->id;
	if (given[3] != NULL)
		p.decision = c.decision = given[3];
	if (given[4] != NULL)
		p.execution = c.execution = given[4];
	p.note = note;
	date_t today = date_today();
	if (!proc_ready(&p, to, &why) ||
	    !proc_date_check(&p, to, date, today, &why)) {
		store_rollback(r->store);
		refuse(r, &why, NULL);
		return -1;
	}
	if (to == PROC_DECIDED)
		c.decided_on = date != DATE_NONE ? date : today;
	if (to == PROC_CLOSED)
		c.executed_on = date != DATE_NONE ? date : today;
	char now[32], d[11];
	req_now_text(now);
	c.state = proc_state_name(to);
	c.updated_at = now;
	const char *was = proc_state_name(from);
	/* The history says what was decided and when, beside the note. */
	const char *what = note;
	if (to == PROC_DECIDED || to == PROC_CLOSED) {
		date_format(to == PROC_DECIDED ? c.decided_on : c.executed_on, d);
		what = to == PROC_DECIDED ? arena_printf(r->arena, "问责方式:%s;"
		    "送达日期 %s", proc_form_find(c.decision_form)->label, d) :
		    arena_printf(r->arena, "执行完毕日期 %s", d);
		if (note != NULL)
			what = arena_printf(r->arena, "%s;%s", what, note);
	}
	if (store_case_update(r->store, &c) != 1 || store_case_event_add(r->store, id, "transition", was, c.state, what,
	    r->user.name, now)) {
		store_rollback(r->store);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	return finish(r, "case.transition", arena_printf(r->arena,
	    "case:%s:%s→%s", id, was, c.state), obj);
}

void
api_case_transition(struct request *r)
{
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_case_move(r, r->params[0], obj) == 0) {
		unsigned status;
		json_t *o = api_case_load(r, r->params[0], &status);
		if (o != NULL)
			resp_json(r, 200, o);
	}
	json_decref(obj);
}

/* ---- appeals ---- */

/* The appeal's result (维持/变更/撤销), recorded by the office. */
static int
appeal_result(struct request *r, const char *id, json_t *obj)
{
	const char *result, *note;
	struct store_case c;
	struct proc_case p;
	struct proc_refusal why;
	if (json_object_get(obj, "appeal") != NULL ||
	    json_object_get(obj, "appeal_on") != NULL) {
		resp_problem(r, 400, "申诉与申诉处理决定应分别提交", NULL,
		    json_object_get(obj, "appeal") ? "appeal" : "appeal_on");
		return -1;
	}
	if (!text(r, obj, "result", 32, 1, &result) ||
	    !text(r, obj, "note", NOTE_MAX, 0, &note))
		return -1;
	const struct proc_result *res = proc_result_find(result);
	if (res == NULL) {
		resp_problem(r, 400, "处理结果应为维持、变更或撤销 (upheld, changed "
		    "or revoked)", result, "result");
		return -1;
	}
	if (res->needs_note && note == NULL) {
		resp_problem(r, 400, "变更或撤销须写明理由和内容 (required)", NULL,
		    "note");
		return -1;
	}
	if (!begin(r))
		return -1;
	int rc = api_cases_get(r, id, &c);
	if (rc <= 0) {
		store_rollback(r->store);
		return -1;
	}
	api_cases_proc(&c, &p);
	if (!proc_result_check(&p, api_cases_by(&r->user), &why)) {
		store_rollback(r->store);
		refuse(r, &why, NULL);
		return -1;
	}
	char now[32];
	req_now_text(now);
	const char *was = c.state;
	const char *what = note ? arena_printf(r->arena, "%s:%s", res->label,
	    note) : res->label;
	c.appeal_result = res->id;
	c.updated_at = now;
	if (res->to >= 0) {
		/* 撤销 ends the case, executed or not; 变更 takes it back to a
		 * new decision, the old one kept in the history. */
		c.state = proc_state_name((enum proc_state)res->to);
		if (res->to == PROC_STATEMENT) {
			char d[11] = "";
			const struct proc_form *f = proc_form_find(c.decision_form);
			if (c.decided_on != DATE_NONE)
				date_format(c.decided_on, d);
			what = arena_printf(r->arena, "%s;原问责决定(%s,送达日期 %s):"
			    "%s", what, f ? f->label : "", d, c.decision ?
			    c.decision : "");
			c.decision_form = c.decision = c.execution = NULL;
			c.decided_on = c.executed_on = DATE_NONE;
		}
	}
	if (store_case_update(r->store, &c) != 1 || store_case_event_add(
	    r->store, id, "appeal_result", was, c.state, what, r->user.name,
	    now)) {
		store_rollback(r->store);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	return finish(r, "case.appeal_result", arena_printf(r->arena,
	    "case:%s:%s→%s", id, was, c.state), obj);
}

int
api_case_appeal_write(struct request *r, const char *id, json_t *obj)
{
	static const char *const known[] = { "appeal", "appeal_on", "result",
		"note", NULL };
	const char *appeal;
	date_t on;
	struct store_case c;
	struct proc_case p;
	struct proc_refusal why;
	if (!api_cases_role(r) || !only_known(r, obj, known))
		return -1;
	if (json_object_get(obj, "result") != NULL)
		return appeal_result(r, id, obj);
	if (json_object_get(obj, "note") != NULL) {
		resp_problem(r, 400, "申诉内容请填写在 appeal", NULL, "note");
		return -1;
	}
	if (!text(r, obj, "appeal", TEXT_MAX, 1, &appeal) ||
	    !date_member(r, obj, "appeal_on", &on))
		return -1;
	date_t today = date_today();
	if (on == DATE_NONE)
		on = today;
	if (!begin(r))
		return -1;
	int rc = api_cases_get(r, id, &c);
	if (rc <= 0) {
		store_rollback(r->store);
		return -1;
	}
	api_cases_proc(&c, &p);
	if (!proc_appeal_check(&p, on, today, api_cases_by(&r->user), &why)) {
		store_rollback(r->store);
		char due[11] = "";
		date_t d = proc_appeal_deadline(&p);
		if (d != DATE_NONE)
			date_format(d, due);
		refuse(r, &why, *due ? arena_printf(r->arena, "申诉期限截至 %s",
		    due) : NULL);
		return -1;
	}
	/* Execution goes on: the state is not touched. */
	char now[32];
	req_now_text(now);
	c.appeal = appeal;
	c.appeal_on = on;
	c.updated_at = now;
	if (store_case_update(r->store, &c) != 1 || store_case_event_add(
	    r->store, id, "appeal", c.state, c.state, appeal, r->user.name,
	    now)) {
		store_rollback(r->store);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	return finish(r, "case.appeal", arena_printf(r->arena, "case:%s", id),
	    obj);
}

void
api_case_appeal(struct request *r)
{
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_case_appeal_write(r, r->params[0], obj) == 0) {
		unsigned status;
		json_t *o = api_case_load(r, r->params[0], &status);
		if (o != NULL)
			resp_json(r, 200, o);
	}
	json_decref(obj);
}

/* ---- the waiver of statement and defence ---- */

int
api_case_waive(struct request *r, const char *id, const char *note)
{
	struct store_case c;
	struct proc_case p;
	struct proc_refusal why;
	struct api_file f;
	if (!api_cases_role(r))
		return -1;
	if (note != NULL && strlen(note) > NOTE_MAX) {
		resp_problem(r, 400, "内容过长 (too long)", arena_printf(r->arena,
		    "at most %d bytes", NOTE_MAX), "note");
		return -1;
	}
	if (!r->file.present || r->file.data.len == 0) {
		resp_problem(r, 400, "须上传被问责对象书面放弃陈述和申辩的材料 "
		    "(file required)", NULL, "file");
		return -1;
	}
	/* Asked before the file is kept, and again inside the write. */
	int rc = api_cases_get(r, id, &c);
	if (rc <= 0)
		return -1;
	api_cases_proc(&c, &p);
	p.actor = r->user.name;
	if (!proc_waive_check(&p, api_cases_by(&r->user), 1, &why)) {
		refuse(r, &why, NULL);
		return -1;
	}
	if (api_workflow_quota(r, NULL, (int64_t)r->file.data.len) ||
	    api_file_store(r, &f))
		return -1;
	if (!begin(r))
		return -1;
	if ((rc = api_cases_get(r, id, &c)) <= 0) {
		store_rollback(r->store);
		return -1;
	}
	api_cases_proc(&c, &p);
	p.actor = r->user.name;
	if (!proc_waive_check(&p, api_cases_by(&r->user), 1, &why)) {
		store_rollback(r->store);
		refuse(r, &why, NULL);
		return -1;
	}
	char now[32];
	req_now_text(now);
	struct store_case_file file = { .acase = id, .purpose = "waiver",
		.sm3 = f.sm3, .mime = f.mime, .filename = f.filename,
		.size = f.size, .uploaded_by = r->user.name, .uploaded_at = now };
	const char *what = arena_printf(r->arena, "被问责对象书面放弃陈述和申辩"
	    "(材料:%s)%s%s", f.filename, note ? ";" : "", note ? note : "");
	c.updated_at = now;
	if (store_case_file_add(r->store, &file) || store_case_update(r->store,
	    &c) != 1 || store_case_event_add(r->store, id, "waive", c.state,
	    c.state, what, r->user.name, now)) {
		store_rollback(r->store);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	json_t *audit = json_pack("{s:s, s:s, s:I}", "sm3", f.sm3, "filename",
	    f.filename, "size", (json_int_t)f.size);
	rc = finish(r, "case.waive", arena_printf(r->arena, "case:%s", id),
	    audit);
	json_decref(audit);
	return rc;
}

void
api_case_waiver(struct request *r)
{
	if (api_case_waive(r, r->params[0], req_form(r, "note")) == 0) {
		unsigned status;
		json_t *o = api_case_load(r, r->params[0], &status);
		if (o != NULL)
			resp_json(r, 201, o);
	}
}

struct kept {
	struct request *r;
	struct store_case_file f;
};

static int
keep_file(void *ctx, const struct store_case_file *f)
{
	struct kept *k = ctx;
	k->f = *f;
	k->f.sm3 = arena_strdup(k->r->arena, f->sm3);
	k->f.mime = arena_strdup(k->r->arena, f->mime);
	k->f.filename = arena_strdup(k->r->arena, f->filename);
	return 0;
}

void
api_case_waiver_get(struct request *r)
{
	struct store_case c;
	/* The case decides who may read its files (404 outside scope). */
	if (!api_cases_role(r) || api_cases_get(r, r->params[0], &c) <= 0)
		return;
	struct kept k = { r, { 0 } };
	int rc = store_case_file(r->store, r->params[0], "waiver", keep_file, &k);
	if (rc <= 0) {
		resp_problem(r, rc < 0 ? 500 : 404, rc < 0 ? "内部错误" :
		    "该案件没有放弃陈述申辩的材料 (no such file)", NULL, NULL);
		return;
	}
	api_file_send(r, k.f.sm3, k.f.mime, k.f.filename);
}
