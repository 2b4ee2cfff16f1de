/*
 * The shape every API handler shares (api.h): read the body and the
 * caller, run a domain operation, answer its fault as a problem or what
 * it made as JSON. One place for it, so that the handlers say only
 * which operation and which encoding.
 */
#include "api/api.h"

json_t *
api_body(struct request *r, struct dom *d)
{
	json_t *obj = req_json(r);
	if (obj != NULL)
		req_dom(r, d);
	return obj;
}

void
api_done(struct request *r, struct dom *d, int rc, api_answer_fn *answer,
    const char *id, unsigned status)
{
	if (!api_refused(r, d, rc))
		answer(r, d, id, status);
}

int
api_refused(struct request *r, struct dom *d, int rc)
{
	if (rc)
		resp_fault(r, &d->fault);
	return rc;
}

void
api_created(struct request *r, struct dom *d, int rc, api_answer_fn *answer,
    const char *id, const char *under)
{
	api_done(r, d, rc, answer, id, 201);
	if (r->status == 201)
		resp_header(r, "Location", arena_printf(r->arena, "%s/%s", under,
		    id));
}

void
api_get(struct request *r, api_answer_fn *answer)
{
	struct dom d;
	req_dom(r, &d);
	answer(r, &d, r->params[0], 200);
}

void
api_page(struct request *r, json_t *items, int page, int per_page,
    long total)
{
	json_t *o = json_pack("{s:o, s:i, s:i}", "items", items, "page", page,
	    "per_page", per_page);
	if (total >= 0)
		json_object_set_new(o, "total", json_integer(total));
	resp_json(r, 200, o);
}

int
api_query_date(struct request *r, date_t *date)
{
	const char *s = req_query(r, "date");
	*date = date_today();
	if (s == NULL || date_parse(s, date) == 0)
		return 0;
	resp_problem(r, 400, "日期格式应为 YYYY-MM-DD", s, "date");
	return -1;
}
