/*
 * 问责 (第九条) over HTTP: the handlers of /api/v1/cases. Each turns the
 * body into a struct case_in (domain/case.h checks it), calls the
 * domain's operation, answers its fault as a problem, and otherwise the
 * case as it now stands: its facts, deadlines, history, the waiver, the
 * caller's steps and the appeal's state. Who may do what, the checks
 * and the writes are src/domain/case*.c; this file is the JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/case.h"

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
deadlines_json(const struct case_view *v)
{
	json_t *a = json_array();
	for (size_t i = 0; i < v->ndeadlines; i++) {
		const struct case_deadline *d = &v->deadlines[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:i}", "id", d->def->id,
		    "label", d->def->label, "basis", d->def->basis, "days_left",
		    d->days_left);
		set_date(o, "due", d->due);
		json_array_append_new(a, o);
	}
	return a;
}

/* The label the API gives beside member json of the case, or NULL. */
static const char *
label_of(const struct case_view *v, const char *json)
{
	const struct store_case *c = &v->c;
	const struct proc_form *f;
	const struct proc_result *res;
	if (strcmp(json, "target") == 0)
		return proc_target_label(v->p.target);
	if (strcmp(json, "item") == 0)
		return proc_item_label(c->item);
	if (strcmp(json, "source") == 0)
		return proc_source_label(c->source);
	if (strcmp(json, "state") == 0)
		return proc_state_label(v->p.state);
	if (strcmp(json, "decision_form") == 0)
		return (f = proc_form_find(c->decision_form)) ? f->label : NULL;
	if (strcmp(json, "appeal_result") == 0)
		return (res = proc_result_find(c->appeal_result)) ? res->label :
		    NULL;
	return NULL;
}

/*
 * The case as the API shows it, without history and steps: the row by
 * its field table (members without a value left out), each coded member
 * followed by its label ("state", "state_label"), then the deadlines.
 */
static json_t *
case_json(const struct case_view *v)
{
	json_t *row = entity_json(&store_case_entity, &v->c), *o = json_object();
	for (size_t i = 0; i < store_case_entity.n; i++) {
		const char *key = store_case_entity.attrs[i].json;
		json_t *x = json_object_get(row, key);
		if (x == NULL)
			continue;
		json_object_set(o, key, x);
		const char *label = label_of(v, key);
		if (label != NULL) {
			char name[64];
			snprintf(name, sizeof name, "%s_label", key);
			set_str(o, name, label);
		}
	}
	json_decref(row);
	json_object_set_new(o, "deadlines", deadlines_json(v));
	return o;
}

static json_t *
events_json(const struct case_view *v)
{
	json_t *a = json_array();
	for (size_t i = 0; i < v->nevents; i++)
		json_array_append_new(a, entity_json(&store_case_event_entity,
		    &v->events[i]));
	return a;
}

/* The steps ahead: whether the caller may take each now and, if not,
 * why; with the fields its form needs. */
static json_t *
steps_json(const struct case_view *v)
{
	json_t *a = json_array();
	for (size_t i = 0; i < v->nsteps; i++) {
		const struct case_step *s = &v->steps[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "to",
		    proc_state_name(s->to), "to_label", proc_state_label(s->to),
		    "label", s->label, "allowed", s->allowed);
		if (!s->allowed) {
			set_str(o, "reason", s->why.reason);
			json_object_set_new(o, "status", json_integer(s->why.status));
		}
		json_t *needs = json_array();
		for (size_t j = 0; s->move != NULL && j < proc_nneeds; j++)
			if (s->move->needs & proc_needs[j].bit)
				json_array_append_new(needs, json_pack("{s:s, s:s}",
				    "field", proc_needs[j].field, "label",
				    proc_needs[j].label));
		json_object_set_new(o, "needs", needs);
		json_array_append_new(a, o);
	}
	return a;
}

/* The written waiver, when one was filed, with whether the caller may
 * record one now and why not. */
static json_t *
waiver_json(const struct case_view *v)
{
	json_t *o = json_object();
	if (v->has_waiver) {
		const struct store_case_file *f = &v->waiver;
		json_object_set_new(o, "file", json_pack("{s:s, s:s, s:I, s:s, "
		    "s:s}", "filename", f->filename, "mime", f->mime, "size",
		    (json_int_t)f->size, "uploaded_by", f->uploaded_by,
		    "uploaded_at", f->uploaded_at));
		json_object_set_new(o, "href", json_sprintf("/api/v1/cases/%s/"
		    "waiver", v->c.id));
	}
	json_object_set_new(o, "can_record", json_boolean(v->can_waive));
	set_str(o, "reason", v->waive_reason);
	return o;
}

static json_t *
appeal_json(const struct case_view *v)
{
	json_t *o = json_object();
	set_date(o, "deadline", v->appeal_deadline);
	json_object_set_new(o, "can_file", json_boolean(v->can_appeal));
	set_str(o, "file_reason", v->appeal_reason);
	json_object_set_new(o, "can_decide", json_boolean(v->can_decide));
	set_str(o, "decide_reason", v->decide_reason);
	return o;
}

/* Answers with case id as it now stands (status 200 or 201). */
static void
answer(struct request *r, struct dom *d, const char *id, unsigned status)
{
	struct case_view v;
	if (api_refused(r, d, case_load(d, id, &v)))
		return;
	json_t *o = case_json(&v);
	json_object_set_new(o, "events", events_json(&v));
	json_object_set_new(o, "waiver", waiver_json(&v));
	json_object_set_new(o, "moves", steps_json(&v));
	json_object_set_new(o, "appeal_status", appeal_json(&v));
	resp_json(r, status, o);
}

/* ---- handlers ---- */

void
api_cases_list(struct request *r)
{
	struct dom d;
	struct case_list l;
	int page, per_page;
	req_dom(r, &d);
	api_paging(r, &page, &per_page);
	if (api_refused(r, &d, case_list(&d, req_query(r, "state"),
	    req_query(r, "region"), page, per_page, &l)))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, case_json(&l.items[i]));
	api_page(r, items, page, per_page, l.total);
}

void
api_case_get(struct request *r)
{
	api_get(r, answer);
}

/* The body of a write for op into *in: 0, or -1 having answered. */
static int
body(struct request *r, struct dom *d, enum case_op op, struct case_in *in)
{
	if (case_role(d)) {
		resp_fault(r, &d->fault);
		return -1;
	}
	json_t *obj = req_json(r);
	if (obj == NULL)
		return -1;
	int rc = case_input(d, op, obj, in);
	json_decref(obj);
	if (rc)
		resp_fault(r, &d->fault);
	return rc;
}

void
api_case_create(struct request *r)
{
	struct dom d;
	struct case_in in;
	const char *id = NULL;
	req_dom(r, &d);
	if (body(r, &d, CASE_OPEN, &in))
		return;
	/* id is made by the operation: known once rc is. */
	int rc = case_open(&d, &in, &id);
	api_created(r, &d, rc, answer, id, "/api/v1/cases");
}

/* A step of case r->params[0] by op's body: fn's fault, or the case. */
static void
step(struct request *r, enum case_op op, int (*fn)(struct dom *,
    const char *, const struct case_in *))
{
	struct dom d;
	struct case_in in;
	req_dom(r, &d);
	if (body(r, &d, op, &in) == 0)
		api_done(r, &d, fn(&d, r->params[0], &in), answer, r->params[0],
		    200);
}

void
api_case_transition(struct request *r)
{
	step(r, CASE_MOVE, case_move);
}

void
api_case_appeal(struct request *r)
{
	step(r, CASE_APPEAL, case_appeal);
}

void
api_case_waiver(struct request *r)
{
	struct dom d;
	struct evidence_file f;
	struct evidence_upload u = req_upload(r);
	const char *id = r->params[0], *note = req_form(r, "note");
	req_dom(r, &d);
	if (api_refused(r, &d, case_role(&d)))
		return;
	if (!r->file.present || r->file.data.len == 0) {
		resp_problem(r, 400, "须上传被问责对象书面放弃陈述和申辩的材料 "
		    "(file required)", NULL, "file");
		return;
	}
	/* Asked before the file is kept, and again inside the write. */
	if (api_refused(r, &d, case_waive_check(&d, id, note)))
		return;
	if (api_refused(r, &d, evidence_take(&d, &u, &f)))
		return;
	struct case_upload up = { f.sm3, f.mime, f.filename, f.size };
	api_done(r, &d, case_waive(&d, id, note, &up), answer, id, 201);
}

void
api_case_waiver_get(struct request *r)
{
	struct dom d;
	struct store_case c;
	struct store_case_file f;
	req_dom(r, &d);
	/* The case decides who may read its files (404 outside scope). */
	if (case_role(&d) || case_get(&d, r->params[0], &c) ||
	    case_waiver_file(&d, r->params[0], &f))
		resp_fault(r, &d.fault);
	else
		api_file_send(r, f.sm3, f.mime, f.filename);
}
