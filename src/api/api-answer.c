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

/* One link of a Link header: the route with the caller's other query
 * (already a query text, "" when none), this page and per_page. */
static void
page_link(struct buf *b, const char *route, const char *query, int page,
    int per_page, const char *rel)
{
	buf_printf(b, "%s<%s?%s%spage=%d&per_page=%d>; rel=\"%s\"",
	    b->len ? ", " : "", route, query, *query ? "&" : "", page,
	    per_page, rel);
}

void
api_page_headers(struct request *r, const char *route, const char *query,
    int page, int per_page, long total)
{
	struct buf b;
	long last = total > 0 ? (total + per_page - 1) / per_page : 1;
	buf_init(&b, 4096);
	page_link(&b, route, query, 1, per_page, "first");
	if (page > 1)
		page_link(&b, route, query, page - 1 < last ? page - 1 :
		    (int)last, per_page, "prev");
	if (page < last)
		page_link(&b, route, query, page + 1, per_page, "next");
	page_link(&b, route, query, (int)last, per_page, "last");
	buf_putc(&b, '\0');
	resp_header(r, "Link", b.data);
	buf_free(&b);
	resp_header(r, "X-Total-Count", arena_printf(r->arena, "%ld", total));
}
