/*
 * Rectification orders (整改, 第八条) over HTTP: the operations are
 * src/domain/rectification.c's (ordering, moving, evidence); here a body
 * is read by the order's table (or the move's), the fault answered as a
 * problem, the order answered as JSON with its history, files and the
 * moves the caller may make now. Evidence files are kept like a
 * record's (api_file_store: checked by content, stored by SM3) with rows
 * of their own.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-supervision.h"

/* ---- JSON ---- */

json_t *
api_rectification_json(const struct store_rectification *x)
{
	return api_sup_json(&store_rectification_entity, x, "source_label",
	    sup_rect_source_label(x->source), "status_label",
	    sup_rect_state_label(x->status));
}

static json_t *
evidence_json(const struct store_rect_evidence *e)
{
	json_t *o = entity_json(&store_rect_evidence_entity, e);
	json_object_set_new(o, "href", json_sprintf(
	    "/api/v1/rectifications/%s/evidence/%lld", e->rectification,
	    (long long)e->key));
	return o;
}

/* The order as rect_load read it, with "evidence", "history" and
 * "allowed" (the moves the pages offer). */
static json_t *
view_json(const struct rect_view *v)
{
	json_t *o = api_rectification_json(&v->x);
	json_t *files = json_array(), *history = json_array();
	json_t *allowed = json_array();
	for (size_t i = 0; i < v->nfiles; i++)
		json_array_append_new(files, evidence_json(&v->files[i]));
	for (size_t i = 0; i < v->nevents; i++)
		json_array_append_new(history, entity_json(
		    &store_rect_event_entity, &v->events[i]));
	for (int a = 0; a < RECTIFY_ACTIONS; a++)
		if (v->may[a])
			json_array_append_new(allowed, json_string(
			    rectify_action_name((enum rectify_action)a)));
	if (v->may_attach)
		json_array_append_new(allowed, json_string("evidence"));
	json_object_set_new(o, "evidence", files);
	json_object_set_new(o, "history", history);
	json_object_set_new(o, "allowed", allowed);
	return o;
}

json_t *
api_rectification_view(struct dom *d, const char *id)
{
	struct rect_view v;
	return rect_load(d, id, &v) ? NULL : view_json(&v);
}

/* Answers with order id as it now is, with status. */
static void
answer(struct request *r, struct dom *d, const char *id, unsigned status)
{
	json_t *o = api_rectification_view(d, id);
	if (o == NULL)
		resp_fault(r, &d->fault);
	else
		resp_json(r, status, o);
}

/* ---- evidence ---- */

/* File key of order id, when the caller may see the order: NULL when
 * not (the fault's status in *status). */
static const struct store_rect_evidence *
file_of(struct dom *d, const char *id, int64_t key)
{
	struct rect_view v;
	if (rect_load(d, id, &v))
		return NULL;
	for (size_t i = 0; i < v.nfiles; i++)
		if (v.files[i].key == key)
			return &v.files[i];
	return NULL;
}

/* ---- handlers ---- */

void
api_rectifications_list(struct request *r)
{
	struct store_rect_filter f = { 0 };
	struct store_rectification *x;
	struct dom d;
	enum rectify_state st;
	size_t n;
	long total;
	int page, per_page;
	api_sup_paging(r, &page, &per_page, &f.limit, &f.offset);
	f.status = api_sup_query(r, "status");
	f.notice = api_sup_query(r, "notice");
	f.finding = api_sup_query(r, "finding");
	const char *overdue = api_sup_query(r, "overdue");
	if (f.status != NULL && rectify_state_parse(f.status, &st)) {
		resp_problem(r, 400, "状态应为 issued、in_progress、submitted 或 "
		    "accepted", f.status, "status");
		return;
	}
	f.overdue_only = overdue != NULL && (strcmp(overdue, "1") == 0 ||
	    strcmp(overdue, "true") == 0);
	if (api_sup_query_year(r, &f.year))
		return;
	api_sup_order(r, &f.sort, &f.desc);
	req_dom(r, &d);
	if (api_refused(r, &d, rect_list(&d, &f, &x, &n, &total)))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, api_rectification_json(&x[i]));
	api_page(r, items, page, per_page, total);
}

void
api_rectification_create(struct request *r)
{
	const struct entity *e = &store_rectification_entity;
	struct store_rectification x = { 0 };
	struct dom d;
	const char *id = NULL;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	/* id is made by the operation: known once rc is. */
	int rc = sup_clean(&d, e, obj, 1) || entity_from_json(e, obj, &x,
	    d.arena, &d.fault) || rect_create(&d, &x, &id);
	api_created(r, &d, rc, answer, id, "/api/v1/rectifications");
	json_decref(obj);
}

void
api_rectification_get(struct request *r)
{
	api_get(r, answer);
}

void
api_rectification_status(struct request *r)
{
	struct rect_move m = { 0 };
	struct dom d;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	api_done(r, &d, sup_clean(&d, &rect_move_entity, obj, 0) ||
	    entity_from_json(&rect_move_entity, obj, &m, d.arena, &d.fault) ||
	    rect_act(&d, r->params[0], &m), answer, r->params[0], 200);
	json_decref(obj);
}

void
api_rectification_upload(struct request *r)
{
	struct dom d;
	int64_t key = 0;
	struct evidence_upload u = req_upload(r);
	req_dom(r, &d);
	if (api_refused(r, &d, rect_upload(&d, r->params[0], &u, &key)))
		return;
	const struct store_rect_evidence *e = file_of(&d, r->params[0], key);
	if (e == NULL) {
		resp_problem(r, 500, "内部错误", NULL, NULL);
		return;
	}
	resp_json(r, 201, evidence_json(e));
}

void
api_rectification_evidence_get(struct request *r)
{
	struct dom d;
	const struct store_rect_evidence *e = NULL;
	char *end;
	long long key = strtoll(r->params[1], &end, 10);
	/* Only a number names a file: no path from the request reaches the
	 * file system. */
	req_dom(r, &d);
	if (*r->params[1] != '\0' && *end == '\0' && key > 0)
		e = file_of(&d, r->params[0], (int64_t)key);
	if (e == NULL) {
		resp_problem(r, 404, "文件不存在 (no such file)", NULL, NULL);
		return;
	}
	api_file_send(r, e->sm3, e->mime, e->filename);
}
