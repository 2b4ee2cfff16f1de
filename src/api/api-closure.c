/*
 * Closing a year over HTTP (domain/closure.h): POST
 * /api/v1/evaluation/close and /reopen by the office of a region for its
 * subtree (the router admits only office accounts), and GET
 * /api/v1/evaluation/closures, what is closed of a year in the caller's
 * scope, with its history.
 */
#include "api/api.h"
#include "base/date.h"
#include "domain/closure.h"

static void
write_and_answer(struct request *r, int reopen)
{
	struct dom d;
	json_t *o = api_body(r, &d);
	if (o == NULL)
		return;
	json_t *y = json_object_get(o, "year"), *g = json_object_get(o,
	    "region"), *m = json_object_get(o, "reason");
	int year = json_is_integer(y) ? (int)json_integer_value(y) : 0;
	if (year < 1900 || year > 2200)
		dom_refuse(&d, 400, "需要考评年度 (year required)", NULL, "year");
	else if ((g != NULL && !json_is_string(g)) || (m != NULL &&
	    !json_is_null(m) && !json_is_string(m)))
		dom_refuse(&d, 400, "应为文本 (must be a string)", NULL,
		    g != NULL && !json_is_string(g) ? "region" : "reason");
	else if (closure_write(&d, year, json_string_value(g),
	    json_string_value(m), reopen) == 0) {
		json_object_set_new(o, reopen ? "reopened" : "closed",
		    json_true());
		resp_json(r, 200, o);
		return;
	}
	resp_fault(r, &d.fault);
	json_decref(o);
}

void
api_evaluation_close(struct request *r)
{
	write_and_answer(r, 0);
}

void
api_evaluation_reopen(struct request *r)
{
	write_and_answer(r, 1);
}

/* What is closed of ?year: a page of the closures (?page, ?per_page:
 * the first 50 without them, outermost first) with their exact
 * closures_total, and the latest 50 steps of their history. */
void
api_evaluation_closures(struct request *r)
{
	int year, page, per_page;
	struct dom d;
	struct closure_listing l;
	char path[512];
	const char *y = req_query(r, "year");
	if (y == NULL || date_parse_year(y, &year)) {
		resp_problem(r, 400, "需要考评年度 year=YYYY", y, "year");
		return;
	}
	api_paging(r, &page, &per_page);
	req_dom(r, &d);
	if (api_refused(r, &d, closure_scope_path(&d, req_query(r, "region"),
	    path, sizeof path) ||
	    closure_list(&d, year, path, (long)(page - 1) * per_page, per_page,
	    &l)))
		return;
	json_t *closures = json_array(), *history = json_array();
	for (size_t i = 0; i < l.n; i++) {
		json_t *o = entity_json(&closure_entity, &l.v[i]);
		json_object_set_new(o, "ruleset_versions", json_loads(
		    l.v[i].versions, 0, NULL));
		json_array_append_new(closures, o);
	}
	for (size_t i = 0; i < l.nsteps; i++)
		json_array_append_new(history, entity_json(&closure_step_entity,
		    &l.steps[i]));
	resp_json(r, 200, json_pack("{s:i, s:o, s:I, s:i, s:i, s:o}", "year",
	    year, "closures", closures, "closures_total", (json_int_t)l.total,
	    "page", page, "per_page", per_page, "history", history));
}
