/*
 * 问责 (第九条), writing (case.h): opening a case, moving it on, an
 * appeal and its result, the written waiver of statement and defence.
 * Each takes input checked by case_input, then, inside one transaction,
 * loads the case (404 outside the caller's scope), asks
 * src/oversight/procedure.c (409 with its reason, 403 when the role may
 * not) and writes the case, an event of its history and the audit entry.
 */
#include <stdio.h>
#include <string.h>

#include "auth/authority.h"
#include "domain/case.h"
#include "domain/document.h"

#define NOTE_MAX 2000

/* The procedure's refusal as the fault. */
static int
refuse(struct dom *d, const struct proc_refusal *why, const char *detail)
{
	return dom_refuse(d, why->status, why->reason, detail, why->field);
}

static int
begin(struct dom *d)
{
	return store_begin(d->store) ? dom_fail(d, 0) : 0;
}

/* The input of an operation as its audit entry digests it: the fields
 * given, as the JSON body would carry them. */
static json_t *
what_of(const struct case_in *in, const char *id)
{
	json_t *o = json_object();
	for (size_t i = 0; i < case_fields.n; i++) {
		const struct attr *fd = &case_fields.attrs[i];
		const void *at = (const char *)in + fd->offset;
		if (fd->type == ATTR_INT && *(const int *)at != 0)
			json_object_set_new(o, fd->json, json_integer(
			    *(const int *)at));
		else if (fd->type != ATTR_INT && fd->type != ATTR_BOOL &&
		    *(const char *const *)at != NULL)
			json_object_set_new(o, fd->json, json_string(
			    *(const char *const *)at));
	}
	if (id != NULL)
		json_object_set_new(o, "id", json_string(id));
	return o;
}

/* A text the operation needs: 0, or 400 naming it. */
static int
need(struct dom *d, const char *v, const char *field)
{
	return v != NULL ? 0 : dom_refuse(d, 400, "必填 (required)", NULL,
	    field);
}

/* ---- opening ---- */

struct veto_find {
	const char *person, *organ, *duty;
	int veto; /* a veto referral; else any 不合格 result's failed duty */
	int found;
};

static int
find_veto(void *ctx, const struct eval_result *res)
{
	struct veto_find *v = ctx;
	if ((v->veto ? !res->veto : res->grade != GRADE_FAIL) ||
	    strcmp(res->person, v->person) != 0 ||
	    strcmp(res->organ, v->organ) != 0)
		return 0;
	for (size_t i = 0; i < res->nduties; i++) {
		const struct eval_duty *du = &res->duties[i];
		if ((du->rule->veto || !v->veto) && du->verdict == VERDICT_UNMET &&
		    strcmp(du->rule->id, v->duty) == 0)
			v->found = 1;
	}
	return 0;
}

/*
 * A referral's source_ref "eval:YEAR:PERSON:DUTY": the result must exist
 * in that year's evaluation with DUTY failed and, for a veto (source
 * veto), vetoing; for source evaluation the result is graded 不合格.
 * Sets *year. Returns 0 or -1.
 */
static int
veto_ref(struct dom *d, const char *ref, const char *person,
    const struct store_organ_info *o, int veto, int *year)
{
	char p[130], duty[130];
	int y, n = 0;
	if (ref == NULL)
		return dom_refuse(d, 400, "考评结果移送须注明考评结果 (source_ref "
		    "eval:YEAR:PERSON:DUTY)", NULL, "source_ref");
	if (sscanf(ref, "eval:%4d:%129[^:]:%129[^:]%n", &y, p, duty, &n) != 3 ||
	    ref[n] != '\0' || y < 2000 || y > 2200)
		return dom_refuse(d, 400, "应为 eval:年度:人员编号:职责编号", ref,
		    "source_ref");
	if (person == NULL || strcmp(p, person) != 0)
		return dom_refuse(d, 400, "考评结果与被问责人不符", ref,
		    "source_ref");
	if (*year != 0 && *year != y)
		return dom_refuse(d, 400, "年度与考评结果不符", ref, "year");
	struct veto_find v = { p, o->id, duty, veto, 0 };
	if (case_evaluation(d, y, o->region, find_veto, &v))
		return -1;
	if (!v.found)
		return dom_refuse(d, 400, veto ? "该年度考评结果中没有这一项一票否决 "
		    "(no such veto in the evaluation)" : "该年度考评结果中没有这一项"
		    "不合格 (no such failed duty of a 不合格 result)", ref,
		    "source_ref");
	*year = y;
	return 0;
}

/* The organ and person of a new case, as stored and in scope. */
static int
open_target(struct dom *d, const struct case_in *in, enum proc_target *t,
    struct store_organ_info *o)
{
	if (proc_target_parse(in->target, t))
		return dom_refuse(d, 400, "问责对象应为 cadre(领导干部)或 "
		    "organization(党组织)", in->target, "target");
	int rc = store_organ_info(d->store, in->organ, o);
	if (rc <= 0)
		return rc < 0 ? dom_refuse(d, 500, "内部错误", NULL, NULL) :
		    dom_refuse(d, 400, "机构不存在 (unknown organ)", in->organ,
		    "organ");
	if (!case_in_scope(d->user, o->path))
		return dom_refuse(d, 403, "该机构不在您的权限范围内 (organ outside "
		    "your scope)", in->organ, "organ");
	if (*t == PROC_ORGANIZATION && in->person != NULL)
		return dom_refuse(d, 400, "对党组织问责不填写被问责人", in->person,
		    "person");
	if (*t != PROC_CADRE)
		return 0;
	if (in->person == NULL)
		return dom_refuse(d, 400, "对领导干部问责须填写被问责人 (required)",
		    NULL, "person");
	rc = authority_held(d->store, in->person, o->id,
	    AUTHORITY_EVER, DATE_NONE);
	if (rc < 0)
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	if (rc == 0)
		return dom_refuse(d, 400, "该人员不存在或未在该机构任职 (person "
		    "never held a post at the organ)", in->person, "person");
	return 0;
}

int
case_open(struct dom *d, const struct case_in *in, const char **id)
{
	struct store_organ_info o;
	struct store_case c = { 0 };
	enum proc_target target;
	*id = NULL;
	if (case_role(d) || open_target(d, in, &target, &o))
		return -1;
	if (proc_source_label(in->source) == NULL)
		return dom_refuse(d, 400, "来源应为 inspection(督查发现)、veto(考评"
		    "一票否决)、evaluation(考评不合格)或 report(报告、举报反映)",
		    in->source, "source");
	c = (struct store_case){ .target = in->target, .organ = o.id,
		.person = in->person, .item = in->item, .source = in->source,
		.source_ref = in->source_ref, .year = in->year,
		.summary = in->summary };
	int veto = strcmp(c.source, "veto") == 0;
	if (veto || strcmp(c.source, "evaluation") == 0) {
		if (target != PROC_CADRE)
			return dom_refuse(d, 400, "考评结果的移送对象是领导干部",
			    c.target, "target");
		if (veto_ref(d, c.source_ref, c.person, &o, veto, &c.year))
			return -1;
	}
	int now_year = date_year(date_today());
	if (c.year == 0)
		c.year = now_year;

	char now[32], other[130];
	dom_now(now);
	if (begin(d))
		return -1;
	/* One case per finding: what the case came from (a veto result, a
	 * finding, a report) opens one case, whoever asks again. */
	int rc = c.source_ref != NULL ? store_case_by_ref(d->store,
	    c.source_ref, other, sizeof other) : 0;
	if (rc < 0)
		return dom_fail(d, 1);
	if (rc > 0) {
		store_rollback(d->store);
		return dom_refuse(d, 409, arena_printf(d->arena, "该%s已立案:"
		    "案件 %s,一项发现只立一个案件 (already a case)",
		    strncmp(c.source_ref, "eval:", 5) == 0 ? "考评结果" : "问题线索",
		    other), arena_strdup(d->arena, other), "source_ref");
	}
	long n = store_case_count_prefix(d->store, arena_printf(d->arena,
	    "ac-%d-", now_year));
	if (n < 0)
		return dom_fail(d, 1);
	c.id = arena_printf(d->arena, "ac-%d-%04ld", now_year, n + 1);
	c.state = proc_state_name(PROC_STARTED);
	c.created_by = d->user->name;
	c.created_at = now;
	/* Its readable number (〔2026〕3号) is taken in this transaction. */
	if (dom_write(d, store_case_add(d->store, &c) ||
	    store_number_case(d->store, c.id, now_year) || store_case_event_add(
	    d->store, c.id, "open", NULL, c.state, c.source_ref, d->user->name,
	    now), "case.open", "case", c.id, what_of(in, c.id)))
		return -1;
	*id = c.id;
	return 0;
}

/* ---- moving on ---- */

/* The texts a move may carry, and the requirement each meets. */
struct move_text {
	const char *field;
	unsigned need;
	const char *value;
};

/* The case in the transaction, seen by the procedure with the caller as
 * actor: 0, or -1 (rolled back) with the fault. */
static int
load(struct dom *d, const char *id, struct store_case *c,
    struct proc_case *p)
{
	if (case_get(d, id, c)) {
		store_rollback(d->store);
		return -1;
	}
	case_proc(c, p);
	p->actor = d->user->name;
	return 0;
}

/* Writes the changed case and its event, the documents `issue` (an
 * event of domain/document.h, or NULL) issues, then the audit entry. */
static int
save(struct dom *d, const struct store_case *c, const char *action,
    const char *was, const char *what, const char *audit_action,
    const char *entity, json_t *audit, const char *issue)
{
	return dom_write(d, store_case_update(d->store, c) != 1 ||
	    store_case_event_add(d->store, c->id, action, was, c->state, what,
	    d->user->name, c->updated_at) || (issue != NULL &&
	    document_issue(d, "cases", c->id, issue)), audit_action, "case",
	    entity, audit);
}

int
case_move(struct dom *d, const char *id, const struct case_in *in)
{
	enum proc_state to;
	struct store_case c;
	struct proc_case p;
	struct proc_refusal why;
	date_t date = DATE_NONE;
	unsigned by = case_by(d->user);
	struct move_text texts[] = {
		{ "investigation", PROC_NEED_INVESTIGATION, in->investigation },
		{ "statement", PROC_NEED_STATEMENT, in->statement },
		{ "decision_form", PROC_NEED_FORM, in->decision_form },
		{ "decision", PROC_NEED_DECISION, in->decision },
		{ "execution", PROC_NEED_EXECUTION, in->execution },
	};
	if (case_role(d))
		return -1;
	if (proc_state_parse(in->to, &to))
		return dom_refuse(d, 400, "未知的案件阶段 (unknown state)", in->to,
		    "to");
	if (in->date != NULL)
		date_parse(in->date, &date);
	/* A waiver is a step of its own, with the cadre's written waiver,
	 * not a flag the decider sets. */
	if (in->statement_waived)
		return dom_refuse(d, 400, "放弃陈述和申辩须由承办人单独记录,并上传"
		    "被问责对象的书面放弃材料 (POST /api/v1/cases/{id}/waiver)",
		    NULL, "statement_waived");
	const struct proc_form *form = NULL;
	if (in->decision_form != NULL &&
	    (form = proc_form_find(in->decision_form)) == NULL)
		return dom_refuse(d, 400, "问责方式无效,应为检查、通报、改组、诫勉、"
		    "组织调整或者组织处理、纪律处分之一", in->decision_form,
		    "decision_form");

	if (begin(d) || load(d, id, &c, &p))
		return -1;
	enum proc_state from = p.state;
	if (!proc_may(from, to, by, &why) || !proc_separate(&p, to, &why)) {
		store_rollback(d->store);
		return refuse(d, &why, NULL);
	}
	/* A field is written by the step that needs it, and by no other. */
	const struct proc_move *m = proc_find(from, to);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (texts[i].value != NULL && (m->needs & texts[i].need) == 0) {
			store_rollback(d->store);
			return dom_refuse(d, 400, "该步骤不填写此项 (not a field of "
			    "this step)", proc_state_name(to), texts[i].field);
		}
	if (in->statement != NULL && p.waived) {
		store_rollback(d->store);
		return dom_refuse(d, 409, "已记录被问责对象放弃陈述和申辩,不能再记录"
		    "陈述和申辩", NULL, "statement");
	}
	if (in->investigation != NULL)
		p.investigation = c.investigation = in->investigation;
	if (in->statement != NULL)
		p.statement = c.statement = in->statement;
	if (form != NULL)
		p.decision_form = c.decision_form = form->id;
	if (in->decision != NULL)
		p.decision = c.decision = in->decision;
	if (in->execution != NULL)
		p.execution = c.execution = in->execution;
	p.note = in->note;
	date_t today = date_today();
	if (!proc_ready(&p, to, &why) ||
	    !proc_date_check(&p, to, date, today, &why)) {
		store_rollback(d->store);
		return refuse(d, &why, NULL);
	}
	if (to == PROC_DECIDED)
		c.decided_on = date != DATE_NONE ? date : today;
	if (to == PROC_CLOSED)
		c.executed_on = date != DATE_NONE ? date : today;
	char now[32], day[32];
	dom_now(now);
	c.state = proc_state_name(to);
	c.updated_at = now;
	const char *was = proc_state_name(from);
	/* The history says what was decided and when, beside the note. */
	const char *what = in->note;
	if (to == PROC_DECIDED || to == PROC_CLOSED) {
		/* The history is read by people: a Chinese date. */
		date_format_cn(to == PROC_DECIDED ? c.decided_on :
		    c.executed_on, day);
		what = to == PROC_DECIDED ? arena_printf(d->arena, "问责方式:%s;"
		    "送达日期 %s", proc_form_find(c.decision_form)->label, day) :
		    arena_printf(d->arena, "执行完毕日期 %s", day);
		if (in->note != NULL)
			what = arena_printf(d->arena, "%s;%s", what, in->note);
	}
	/* A decision issues its 问责决定书: numbered in the same
	 * transaction (domain/document.h), once. */
	return save(d, &c, "transition", was, what, "case.transition",
	    arena_printf(d->arena, "%s:%s→%s", id, was, c.state),
	    what_of(in, NULL), to == PROC_DECIDED ? "case.decide" : NULL);
}

/* ---- appeals ---- */

/* The appeal's result (维持/变更/撤销), recorded by the office. */
static int
appeal_result(struct dom *d, const char *id, const struct case_in *in)
{
	struct store_case c;
	struct proc_case p;
	struct proc_refusal why;
	if (in->given & (CASE_GIVEN_APPEAL | CASE_GIVEN_APPEAL_ON))
		return dom_refuse(d, 400, "申诉与申诉处理决定应分别提交", NULL,
		    in->given & CASE_GIVEN_APPEAL ? "appeal" : "appeal_on");
	if (need(d, in->result, "result"))
		return -1;
	const struct proc_result *res = proc_result_find(in->result);
	if (res == NULL)
		return dom_refuse(d, 400, "处理结果应为维持、变更或撤销 (upheld, "
		    "changed or revoked)", in->result, "result");
	if (res->needs_note && in->note == NULL)
		return dom_refuse(d, 400, "变更或撤销须写明理由和内容 (required)",
		    NULL, "note");
	if (begin(d) || load(d, id, &c, &p))
		return -1;
	if (!proc_result_check(&p, case_by(d->user), &why)) {
		store_rollback(d->store);
		return refuse(d, &why, NULL);
	}
	char now[32];
	dom_now(now);
	const char *was = c.state;
	const char *what = in->note ? arena_printf(d->arena, "%s:%s",
	    res->label, in->note) : res->label;
	c.appeal_result = res->id;
	c.updated_at = now;
	if (res->to >= 0) {
		/* 撤销 ends the case, executed or not; 变更 takes it back to a
		 * new decision, the old one kept in the history. */
		c.state = proc_state_name((enum proc_state)res->to);
		if (res->to == PROC_STATEMENT) {
			char day[32] = "";
			const struct proc_form *f = proc_form_find(c.decision_form);
			if (c.decided_on != DATE_NONE)
				date_format_cn(c.decided_on, day);
			what = arena_printf(d->arena, "%s;原问责决定(%s,送达日期 %s):"
			    "%s", what, f ? f->label : "", day, c.decision ?
			    c.decision : "");
			c.decision_form = c.decision = c.execution = NULL;
			c.decided_on = c.executed_on = DATE_NONE;
		}
	}
	return save(d, &c, "appeal_result", was, what, "case.appeal_result",
	    arena_printf(d->arena, "%s:%s→%s", id, was, c.state),
	    what_of(in, NULL), NULL);
}

int
case_appeal(struct dom *d, const char *id, const struct case_in *in)
{
	date_t on = DATE_NONE;
	struct store_case c;
	struct proc_case p;
	struct proc_refusal why;
	if (case_role(d))
		return -1;
	if (in->given & CASE_GIVEN_RESULT)
		return appeal_result(d, id, in);
	if (in->given & CASE_GIVEN_NOTE)
		return dom_refuse(d, 400, "申诉内容请填写在 appeal", NULL, "note");
	if (need(d, in->appeal, "appeal"))
		return -1;
	date_t today = date_today();
	if (in->appeal_on == NULL || date_parse(in->appeal_on, &on))
		on = today;
	if (begin(d) || load(d, id, &c, &p))
		return -1;
	if (!proc_appeal_check(&p, on, today, case_by(d->user), &why)) {
		store_rollback(d->store);
		char due[32] = "";
		date_t dl = proc_appeal_deadline(&p);
		if (dl != DATE_NONE)
			date_format_cn(dl, due);
		return refuse(d, &why, *due ? arena_printf(d->arena, "申诉期限截至 "
		    "%s", due) : NULL);
	}
	/* Execution goes on: the state is not touched. */
	char now[32];
	dom_now(now);
	c.appeal = in->appeal;
	c.appeal_on = on;
	c.updated_at = now;
	return save(d, &c, "appeal", c.state, in->appeal, "case.appeal",
	    id, what_of(in, NULL), NULL);
}

/* ---- the waiver of statement and defence ---- */

/* Whether the caller may record the waiver of the case now. */
static int
may_waive(struct dom *d, struct store_case *c)
{
	struct proc_case p;
	struct proc_refusal why;
	case_proc(c, &p);
	p.actor = d->user->name;
	if (!proc_waive_check(&p, case_by(d->user), 1, &why))
		return refuse(d, &why, NULL);
	return 0;
}

int
case_waive_check(struct dom *d, const char *id, const char *note)
{
	struct store_case c;
	if (case_role(d))
		return -1;
	if (note != NULL && strlen(note) > NOTE_MAX)
		return dom_refuse(d, 400, "内容过长 (too long)", arena_printf(
		    d->arena, "at most %d bytes", NOTE_MAX), "note");
	return case_get(d, id, &c) || may_waive(d, &c) ? -1 : 0;
}

int
case_waive(struct dom *d, const char *id, const char *note,
    const struct case_upload *f)
{
	struct store_case c;
	if (begin(d))
		return -1;
	if (case_get(d, id, &c) || may_waive(d, &c)) {
		store_rollback(d->store);
		return -1;
	}
	char now[32];
	dom_now(now);
	struct store_case_file file = { .acase = id, .purpose = "waiver",
		.sm3 = f->sm3, .mime = f->mime, .filename = f->filename,
		.size = f->size, .uploaded_by = d->user->name,
		.uploaded_at = now };
	const char *what = arena_printf(d->arena, "被问责对象书面放弃陈述和申辩"
	    "(材料:%s)%s%s", f->filename, note ? ";" : "", note ? note : "");
	c.updated_at = now;
	if (store_case_file_add(d->store, &file)) /* then the case and event */
		return dom_fail(d, 1);
	return save(d, &c, "waive", c.state, what, "case.waive",
	    id, json_pack("{s:s, s:s, s:I}",
	    "sm3", f->sm3, "filename", f->filename, "size",
	    (json_int_t)f->size), NULL);
}
