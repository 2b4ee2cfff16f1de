/*
 * Interviews (约谈, 第八条) over HTTP: the operations are
 * src/domain/interview.c's (scheduling one, recording it held); here a
 * body is read by the interview's table, the fault answered as a
 * problem, the interview answered as JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-supervision.h"

json_t *
api_interview_json(const struct store_interview *v)
{
	return api_sup_json(&store_interview_entity, v, "source_label",
	    sup_interview_source_label(v->source), "status_label",
	    sup_interview_status_label(v->status));
}

json_t *
api_interview_view(struct dom *d, const char *id)
{
	struct store_interview v;
	return interview_load(d, id, &v) ? NULL : api_interview_json(&v);
}

/* ---- handlers ---- */

void
api_interviews_list(struct request *r)
{
	struct store_interview_filter f = { 0 };
	struct store_interview *v;
	struct dom d;
	size_t n;
	long total;
	int page, per_page;
	api_sup_paging(r, &page, &per_page, &f.limit, &f.offset);
	f.status = api_sup_query(r, "status");
	f.notice = api_sup_query(r, "notice");
	if (f.status != NULL && strcmp(f.status, "scheduled") != 0 &&
	    strcmp(f.status, "held") != 0) {
		resp_problem(r, 400, "状态应为 scheduled 或 held", f.status,
		    "status");
		return;
	}
	if (api_sup_query_year(r, &f.year))
		return;
	api_sup_order(r, &f.sort, &f.desc);
	req_dom(r, &d);
	if (api_refused(r, &d, interview_list(&d, &f, &v, &n, &total)))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, api_interview_json(&v[i]));
	api_page(r, items, page, per_page, total);
}

/* Reads the body by the interview's table, runs create (or, with id,
 * records id held) and answers the interview with status. */
static void
schedule_or_hold(struct request *r, const char *id, unsigned status)
{
	const struct entity *e = &store_interview_entity;
	struct store_interview v = { 0 };
	struct dom d;
	const char *made = id;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	if (sup_clean(&d, e, obj, id == NULL) || entity_from_json(e, obj, &v,
	    d.arena, &d.fault) || (id == NULL ? interview_create(&d, &v,
	    &made) : interview_held(&d, id, &v)) ||
	    interview_load(&d, made, &v))
		resp_fault(r, &d.fault);
	else
		resp_json(r, status, api_interview_json(&v));
	json_decref(obj);
}

void
api_interview_create(struct request *r)
{
	schedule_or_hold(r, NULL, 201);
}

void
api_interview_held(struct request *r)
{
	schedule_or_hold(r, r->params[0], 200);
}
