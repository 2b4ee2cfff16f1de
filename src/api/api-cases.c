/*
 * 问责 (第九条) over HTTP, reading: who may see cases, a case as JSON
 * with its history, deadlines and the caller's moves, and the listing.
 * Opening, moving on and appeals are api-case-write.c.
 *
 * Only discipline officers and the deciding office see cases: an office or
 * discipline account whose scope subtree holds the case's region (the
 * organ's), and the administrator. Everyone else is answered 403 here as
 * well as by the router, and a case outside the caller's scope is 404, as
 * if it did not exist.
 *
 * Which move is allowed, by whom, after what, is src/oversight/procedure.c;
 * this file validates input (400 naming the field), loads the case inside
 * the transaction, asks the procedure (409 with its reason, 403 when the
 * role may not) and writes the case, an event of its history and the audit
 * entry in that one transaction. The pages call the same functions.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/api-cases.h"

/* ---- who ---- */

/* The procedure's roles of p: office, discipline, both (admin), none. */
unsigned
api_cases_by(const struct principal *p)
{
	switch (p->role) {
	case ACCT_ADMIN:
		return PROC_BY_OFFICE | PROC_BY_DISCIPLINE;
	case ACCT_OFFICE:
		return PROC_BY_OFFICE;
	case ACCT_DISCIPLINE:
		return PROC_BY_DISCIPLINE;
	default:
		return 0;
	}
}

/* Answers 403 unless r->user may handle cases at all. */
int
api_cases_role(struct request *r)
{
	if (api_cases_by(&r->user) != 0)
		return 1;
	resp_problem(r, 403, "问责案件仅限纪检监察人员和依法治理办公室办理 "
	    "(accountability is for discipline officers and offices)", NULL,
	    NULL);
	return 0;
}

/* Whether p sees cases of the region at path. */
int
api_cases_in_scope(const struct principal *p, const char *path)
{
	return api_cases_by(p) != 0 && path != NULL &&
	    access_can_read_path(p, path);
}

/* ---- loading ---- */

static const char *
dup(struct request *r, const char *s)
{
	return s != NULL ? arena_strdup(r->arena, s) : NULL;
}

struct loaded {
	struct request *r;
	struct store_case c;
};

/* Copies the row into the request's arena. */
static int
keep_case(void *ctx, const struct store_case *row)
{
	struct loaded *l = ctx;
	struct request *r = l->r;
	struct store_case *c = &l->c;
	*c = *row;
	c->id = dup(r, row->id);
	c->target = dup(r, row->target);
	c->person = dup(r, row->person);
	c->person_name = dup(r, row->person_name);
	c->organ = dup(r, row->organ);
	c->organ_name = dup(r, row->organ_name);
	c->region = dup(r, row->region);
	c->region_name = dup(r, row->region_name);
	c->region_path = dup(r, row->region_path);
	c->source = dup(r, row->source);
	c->source_ref = dup(r, row->source_ref);
	c->summary = dup(r, row->summary);
	c->state = dup(r, row->state);
	c->investigation = dup(r, row->investigation);
	c->statement = dup(r, row->statement);
	c->decision_form = dup(r, row->decision_form);
	c->decision = dup(r, row->decision);
	c->execution = dup(r, row->execution);
	c->appeal = dup(r, row->appeal);
	c->appeal_result = dup(r, row->appeal_result);
	c->created_by = dup(r, row->created_by);
	c->created_at = dup(r, row->created_at);
	c->updated_at = dup(r, row->updated_at);
	c->investigated_by = dup(r, row->investigated_by);
	c->decided_by = dup(r, row->decided_by);
	return 0;
}

/*
 * The case with id into *c when r->user may see it. Returns 1; 0 when it
 * does not exist or lies outside the scope (after answering 404); -1
 * after answering 500.
 */
int
api_cases_get(struct request *r, const char *id, struct store_case *c)
{
	struct loaded l = { r, { 0 } };
	int rc = store_case_get(r->store, id, keep_case, &l);
	if (rc < 0) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	if (rc == 0 || !api_cases_in_scope(&r->user, l.c.region_path)) {
		resp_problem(r, 404, "案件不存在 (no such case)", id, NULL);
		return 0;
	}
	*c = l.c;
	return 1;
}

/* The procedure's view of a stored case. */
void
api_cases_proc(const struct store_case *c, struct proc_case *p)
{
	memset(p, 0, sizeof *p);
	if (proc_target_parse(c->target, &p->target))
		p->target = PROC_CADRE;
	if (proc_state_parse(c->state, &p->state))
		p->state = PROC_CLOSED; /* unknown: let nothing move it */
	p->investigation = c->investigation;
	p->statement = c->statement;
	p->waived = c->waived;
	p->decision_form = c->decision_form;
	p->decision = c->decision;
	p->execution = c->execution;
	/* The local days of its start and of its latest step (each move
	 * sets updated_at; none is made after the decision's). */
	p->opened_on = date_of_stamp(c->created_at);
	p->last_step_on = date_of_stamp(c->updated_at);
	p->decided_on = c->decided_on;
	p->appeal_on = c->appeal_on;
	p->appeal_result = c->appeal_result;
	p->investigator = c->investigated_by;
}

/* ---- as JSON ---- */

static void
set_str(json_t *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(o, key, json_string(v));
}

static void
set_date(json_t *o, const char *key, date_t d)
{
	char s[11];
	if (d == DATE_NONE)
		return;
	date_format(d, s);
	json_object_set_new(o, key, json_string(s));
}

static json_t *
deadlines_json(const struct proc_case *p, date_t today)
{
	json_t *a = json_array();
	for (size_t i = 0; i < proc_ndeadlines; i++) {
		const struct proc_deadline *d = &proc_deadlines[i];
		date_t due;
		if (!proc_deadline_due(d, p, &due))
			continue;
		json_t *o = json_pack("{s:s, s:s, s:s, s:i}", "id", d->id, "label",
		    d->label, "basis", d->basis, "days_left", (int)(due - today));
		set_date(o, "due", due);
		json_array_append_new(a, o);
	}
	return a;
}

/* The case as the API shows it, without history and moves. */
static json_t *
case_json(const struct store_case *c, date_t today)
{
	struct proc_case p;
	api_cases_proc(c, &p);
	json_t *o = json_object();
	set_str(o, "id", c->id);
	set_str(o, "target", c->target);
	set_str(o, "target_label", proc_target_label(p.target));
	set_str(o, "person", c->person);
	set_str(o, "person_name", c->person_name);
	set_str(o, "organ", c->organ);
	set_str(o, "organ_name", c->organ_name);
	set_str(o, "region", c->region);
	set_str(o, "region_name", c->region_name);
	json_object_set_new(o, "item", json_integer(c->item));
	set_str(o, "item_label", proc_item_label(c->item));
	set_str(o, "source", c->source);
	set_str(o, "source_label", proc_source_label(c->source));
	set_str(o, "source_ref", c->source_ref);
	if (c->year > 0)
		json_object_set_new(o, "year", json_integer(c->year));
	set_str(o, "summary", c->summary);
	set_str(o, "state", c->state);
	set_str(o, "state_label", proc_state_label(p.state));
	set_str(o, "investigation", c->investigation);
	set_str(o, "statement", c->statement);
	json_object_set_new(o, "statement_waived", json_boolean(c->waived));
	set_str(o, "decision_form", c->decision_form);
	const struct proc_form *f = proc_form_find(c->decision_form);
	if (f != NULL)
		set_str(o, "decision_form_label", f->label);
	set_str(o, "decision", c->decision);
	set_date(o, "decided_on", c->decided_on);
	set_str(o, "execution", c->execution);
	set_date(o, "executed_on", c->executed_on);
	set_str(o, "appeal", c->appeal);
	set_date(o, "appeal_on", c->appeal_on);
	set_str(o, "appeal_result", c->appeal_result);
	const struct proc_result *res = proc_result_find(c->appeal_result);
	if (res != NULL)
		set_str(o, "appeal_result_label", res->label);
	set_str(o, "created_by", c->created_by);
	set_str(o, "investigated_by", c->investigated_by);
	set_str(o, "decided_by", c->decided_by);
	set_str(o, "created_at", c->created_at);
	set_str(o, "updated_at", c->updated_at);
	json_object_set_new(o, "deadlines", deadlines_json(&p, today));
	return o;
}

static int
event_json(void *ctx, const struct store_case_event *e)
{
	json_t *o = json_object();
	set_str(o, "action", e->action);
	set_str(o, "from", e->from);
	set_str(o, "to", e->to);
	set_str(o, "note", e->note);
	set_str(o, "actor", e->actor);
	set_str(o, "at", e->at);
	json_array_append_new(ctx, o);
	return 0;
}

/*
 * The steps ahead of the case as the caller sees them: each destination
 * still ahead, whether the caller may take it now and, if not, why; with
 * the fields its form needs.
 */
static json_t *
moves_json(const struct proc_case *p, unsigned by)
{
	/* p->actor is the caller: the person as well as the role. */
	static const enum proc_state ahead[] = { PROC_INVESTIGATING,
		PROC_STATEMENT, PROC_DECIDED, PROC_EXECUTING, PROC_CLOSED,
		PROC_DISMISSED };
	json_t *a = json_array();
	if (p->state == PROC_CLOSED || p->state == PROC_DISMISSED)
		return a;
	for (size_t i = 0; i < sizeof ahead / sizeof ahead[0]; i++) {
		enum proc_state to = ahead[i];
		if (to == PROC_DISMISSED ? p->state >= PROC_DECIDED :
		    to <= p->state)
			continue;
		struct proc_refusal why;
		int ok = proc_may(p->state, to, by, &why) &&
		    proc_separate(p, to, &why);
		const struct proc_move *m = proc_find(p->state, to);
		/* A step not open from here is named as it will be later. */
		const char *label = m ? m->label : proc_state_label(to);
		for (size_t j = 0; m == NULL && j < proc_nmoves; j++)
			if (proc_moves[j].to == to) {
				label = proc_moves[j].label;
				break;
			}
		json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "to",
		    proc_state_name(to), "to_label", proc_state_label(to), "label",
		    label, "allowed", ok);
		if (!ok) {
			set_str(o, "reason", why.reason);
			json_object_set_new(o, "status", json_integer(why.status));
		}
		json_t *needs = json_array();
		for (size_t j = 0; m != NULL && j < proc_nneeds; j++)
			if (m->needs & proc_needs[j].bit)
				json_array_append_new(needs, json_pack("{s:s, s:s}",
				    "field", proc_needs[j].field, "label",
				    proc_needs[j].label));
		json_object_set_new(o, "needs", needs);
		json_array_append_new(a, o);
	}
	return a;
}

/* The written waiver of statement and defence, when one was filed,
 * with whether the caller may record one now and why not. */
static int
waiver_file(void *ctx, const struct store_case_file *f)
{
	json_t *o = ctx;
	json_object_set_new(o, "file", json_pack("{s:s, s:s, s:I, s:s, s:s}",
	    "filename", f->filename, "mime", f->mime, "size", (json_int_t)f->size,
	    "uploaded_by", f->uploaded_by, "uploaded_at", f->uploaded_at));
	return 0;
}

static json_t *
waiver_json(struct request *r, const char *id, const struct proc_case *p,
    unsigned by)
{
	struct proc_refusal why;
	json_t *o = json_object();
	if (store_case_file(r->store, id, "waiver", waiver_file, o) < 0) {
		json_decref(o);
		return NULL;
	}
	if (json_object_get(o, "file") != NULL)
		json_object_set_new(o, "href", json_sprintf("/api/v1/cases/%s/"
		    "waiver", id));
	/* Whether the caller may record it now, a file given. */
	int ok = proc_waive_check(p, by, 1, &why);
	json_object_set_new(o, "can_record", json_boolean(ok));
	if (!ok)
		set_str(o, "reason", why.reason);
	return o;
}

/* Whether the caller may file an appeal today or record its result. */
static json_t *
appeal_json(const struct proc_case *p, unsigned by, date_t today)
{
	struct proc_refusal why;
	json_t *o = json_object();
	set_date(o, "deadline", proc_appeal_deadline(p));
	int ok = proc_appeal_check(p, today, today, by, &why);
	json_object_set_new(o, "can_file", json_boolean(ok));
	if (!ok)
		set_str(o, "file_reason", why.reason);
	ok = proc_result_check(p, by, &why);
	json_object_set_new(o, "can_decide", json_boolean(ok));
	if (!ok)
		set_str(o, "decide_reason", why.reason);
	return o;
}

json_t *
api_case_load(struct request *r, const char *id, unsigned *status)
{
	struct store_case c;
	struct proc_case p;
	*status = 0;
	if (!api_cases_role(r)) {
		*status = 403;
		return NULL;
	}
	int rc = api_cases_get(r, id, &c);
	if (rc <= 0) {
		*status = rc < 0 ? 500 : 404;
		return NULL;
	}
	date_t today = date_today();
	json_t *o = case_json(&c, today);
	json_t *events = json_array();
	if (store_each_case_event(r->store, id, event_json, events) < 0) {
		json_decref(events);
		json_decref(o);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		*status = 500;
		return NULL;
	}
	json_object_set_new(o, "events", events);
	api_cases_proc(&c, &p);
	p.actor = r->user.name;
	json_t *waiver = waiver_json(r, id, &p, api_cases_by(&r->user));
	if (waiver == NULL) {
		json_decref(o);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		*status = 500;
		return NULL;
	}
	json_object_set_new(o, "waiver", waiver);
	json_object_set_new(o, "moves", moves_json(&p, api_cases_by(&r->user)));
	json_object_set_new(o, "appeal_status", appeal_json(&p,
	    api_cases_by(&r->user), today));
	return o;
}

/* ---- listing ---- */

struct listing {
	json_t *items;
	date_t today;
};

static int
list_case(void *ctx, const struct store_case *c)
{
	struct listing *l = ctx;
	json_array_append_new(l->items, case_json(c, l->today));
	return 0;
}

json_t *
api_case_list(struct request *r, const char *state, const char *region,
    int page, int per_page, long *total)
{
	enum proc_state s;
	char path[512];
	if (!api_cases_role(r))
		return NULL;
	struct store_case_filter f = { 0 };
	struct listing l = { json_array(), date_today() };
	f.path = access_scope_path(&r->user);
	if (*f.path == '\0' && r->user.role != ACCT_ADMIN) {
		*total = 0; /* a scoped role without a scope sees nothing */
		return l.items;
	}
	if (*f.path == '\0')
		f.path = NULL;
	if (state != NULL && *state != '\0') {
		if (proc_state_parse(state, &s)) {
			json_decref(l.items);
			resp_problem(r, 400, "未知的案件阶段 (unknown state)", state,
			    "state");
			return NULL;
		}
		f.state = state;
	}
	if (region != NULL && *region != '\0') {
		int rc = store_region_path(r->store, region, path, sizeof path);
		if (rc <= 0 || !api_cases_in_scope(&r->user, path)) {
			json_decref(l.items);
			resp_problem(r, rc < 0 ? 500 : 404, "地区不存在或不在权限范围内",
			    region, "region");
			return NULL;
		}
		f.path = path;
	}
	f.limit = per_page;
	f.offset = (page - 1) * per_page;
	*total = store_count_cases(r->store, &f);
	if (*total < 0 || store_each_case(r->store, &f, list_case, &l) < 0) {
		json_decref(l.items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return NULL;
	}
	return l.items;
}

void
api_cases_list(struct request *r)
{
	int page, per_page;
	long total;
	api_paging(r, &page, &per_page);
	json_t *items = api_case_list(r, req_query(r, "state"),
	    req_query(r, "region"), page, per_page, &total);
	if (items == NULL)
		return;
	resp_json(r, 200, json_pack("{s:o, s:i, s:i, s:I}", "items", items,
	    "page", page, "per_page", per_page, "total", (json_int_t)total));
}

void
api_case_get(struct request *r)
{
	unsigned status;
	json_t *o = api_case_load(r, r->params[0], &status);
	if (o != NULL)
		resp_json(r, 200, o);
}
