/*
 * Interviews (约谈, 第八条) as operations (supervision.h). The office over
 * an organ schedules one with a leader — because the evaluation graded
 * them 不合格, because of an inspection's finding, or because of a report
 * — and afterwards records that it was held: when, who conducted it, and
 * what was said. An interview is never edited after that; a
 * rectification order may follow from it (rectification.c).
 */
#include <stdio.h>
#include <string.h>

#include "auth/authority.h"
#include "domain/document.h"
#include "domain/record.h"
#include "domain/supervision.h"

#define ROWS(d) DOM_ROWS(d, store_interview_entity, struct store_interview)

/* Interview id when d->user may see it, with its organ in o. */
static int
load(struct dom *d, const char *id, struct store_interview *v,
    struct store_organ_info *o)
{
	struct dom_rows k = ROWS(d);
	int rc = store_interview_get(d->store, id, sup_keep_interview, &k);
	return sup_row_seen(d, rc, &k, v, o, "约谈不存在 (no such interview)",
	    id);
}

int
interview_load(struct dom *d, const char *id, struct store_interview *v)
{
	struct store_organ_info o;
	return load(d, id, v, &o);
}

int
interview_list(struct dom *d, struct store_interview_filter *f,
    struct store_interview **out, size_t *n, long *total)
{
	struct dom_rows k = ROWS(d);
	long all = 0;
	if (scope_of(d->user, &f->scope) && ((total != NULL &&
	    (all = store_count_interviews(d->store, f)) < 0) ||
	    store_each_interview(d->store, f, sup_keep_interview, &k) < 0))
		return sup_broken(d);
	if (total != NULL)
		*total = all;
	*out = k.items;
	*n = k.n;
	return 0;
}

/* A finding or a report names the organ (and a finding the leader).
 * Returns 0, or -1. */
static int
from_source(struct dom *d, struct store_interview *v)
{
	const struct entity *e = &store_interview_entity;
	char its[130] = "";
	if (strcmp(v->source, "finding") == 0) {
		struct store_finding f;
		v->report = NULL;
		if (v->finding == NULL)
			return sup_required(d, e, "finding");
		if (sup_finding_load(d, v->finding, &f))
			return d->fault.status == 500 ? -1 : dom_refuse(d, 400,
			    "督查发现的问题不存在 (unknown finding)", v->finding,
			    "finding");
		snprintf(its, sizeof its, "%s", f.organ);
		if (v->person == NULL)
			v->person = f.person;
	} else if (strcmp(v->source, "report") == 0) {
		v->finding = NULL;
		if (v->report == NULL)
			return sup_required(d, e, "report");
		int rc = store_sup_report_organ(d->store, v->report, its,
		    sizeof its);
		if (rc < 0)
			return sup_broken(d);
		if (rc == 0)
			return dom_refuse(d, 400, "报告不存在 (unknown report)",
			    v->report, "report");
	} else
		v->finding = v->report = NULL;
	if (its[0] != '\0') {
		if (v->organ != NULL && strcmp(v->organ, its) != 0)
			return dom_refuse(d, 400, "机构与来源不符 (organ differs from "
			    "the source)", v->organ, "organ");
		v->organ = arena_strdup(d->arena, its);
	}
	if (v->organ == NULL || v->person == NULL)
		return sup_required(d, e, v->organ == NULL ? "organ" : "person");
	return 0;
}

int
interview_create(struct dom *d, struct store_interview *v, const char **id)
{
	const struct entity *e = &store_interview_entity;
	struct store_organ_info o;
	if (v->source == NULL)
		return sup_required(d, e, "source");
	int eval = strcmp(v->source, "evaluation") == 0;
	if (eval && v->year == 0)
		return sup_required(d, e, "year");
	if (v->reason == NULL || v->scheduled_on == NULL)
		return sup_required(d, e, v->reason == NULL ? "reason" :
		    "scheduled_on");
	if (from_source(d, v) || record_organ_access(d, v->organ,
	    0, "organ", &o))
		return -1;
	if (!access_can_review_organ(d->user, &o))
		return dom_refuse(d, 403, "无权安排该机构的约谈 (organ outside your "
		    "scope)", v->organ, "organ");
	if (sup_served(d, v->person, v->organ, v->year))
		return -1;
	/* 第八条's 约谈 is the 上级党委's. */
	if (eval && authority_order(d->user, &o, "organ", &d->fault))
		return -1;
	v->id = *id = dom_new_row(d, "itv", date_year(date_today()),
	    &v->created_by, &v->created_at);
	v->notice = NULL;
	if (sup_begin(d, eval, 0, v->person, v->organ, v->year))
		return -1;
	json_t *what = json_pack("{s:s, s:s, s:s*, s:s*, s:s, s:s, s:i, s:s, "
	    "s:s}", "id", *id, "source", v->source, "finding", v->finding,
	    "report", v->report, "organ", v->organ, "person", v->person, "year",
	    v->year, "reason", v->reason, "scheduled_on", v->scheduled_on);
	/* Its 约谈通知书 is issued with it: numbered now (document.h). */
	return dom_write(d, store_interview_add(d->store, v) || (eval &&
	    store_interview_once_add(d->store, *id)) || document_issue(d,
	    "interviews", *id, "interview.schedule"), "interview.schedule",
	    "interview", *id, what);
}

int
interview_held(struct dom *d, const char *id, const struct store_interview *in)
{
	const struct entity *e = &store_interview_entity;
	struct store_interview v;
	struct store_organ_info o;
	date_t on;
	if (load(d, id, &v, &o))
		return -1;
	if (!access_can_review_organ(d->user, &o))
		return dom_refuse(d, 403, "无权记录该约谈 (outside your scope)", id,
		    NULL);
	if (in->held_on == NULL || in->interviewer == NULL ||
	    in->summary == NULL)
		return sup_required(d, e, in->held_on == NULL ? "held_on" :
		    in->interviewer == NULL ? "interviewer" : "summary");
	/* Held on a day that has come, and not before it was scheduled
	 * here: the record of something done. */
	date_t from = date_of_stamp(v.created_at);
	if (date_parse(in->held_on, &on))
		return dom_refuse(d, 400, "约谈日期应为有效日期 YYYY-MM-DD (not a "
		    "valid date)", in->held_on, "held_on");
	if (on > date_today() || (from != DATE_NONE && on < from))
		return dom_refuse(d, 400, on > date_today() ? "约谈日期不能晚于今天" :
		    "约谈日期不能早于安排约谈的日期", in->held_on, "held_on");
	json_t *what = json_pack("{s:s, s:s, s:s}", "held_on", in->held_on,
	    "interviewer", in->interviewer, "summary", in->summary);
	if (store_begin(d->store)) {
		json_decref(what);
		return dom_fail(d, 0);
	}
	int rc = store_interview_held(d->store, id, in->held_on,
	    in->interviewer, in->summary);
	if (rc == 0) {
		json_decref(what);
		store_rollback(d->store);
		return dom_refuse(d, 409, "约谈已记录为已举行,不能重复记录", id,
		    NULL);
	}
	return dom_write(d, rc < 0, "interview.held", "interview", id, what);
}
