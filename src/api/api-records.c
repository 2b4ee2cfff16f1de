/*
 * The ledger over HTTP: list, read, create, edit, verify, reject. The
 * operations are domain/record.c's (shared with the pages); a handler
 * decodes the request, calls one, and answers its fault as a problem or
 * its record as JSON (record_json).
 *
 * The wrappers below the handlers (api_organ_access, api_paging,
 * api_record_load, api_record_write) keep the answering form for the
 * other workflows' handlers that call them.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/record.h"

int
api_organ_access(struct request *r, const char *id, int write,
    const char *field, struct store_organ_info *o)
{
	struct dom d;
	req_dom(r, &d);
	if (record_organ_access(&d, id, write, field, o) == 0)
		return 1;
	resp_fault(r, &d.fault);
	return d.fault.status == 500 ? -1 : 0;
}

void
api_paging(struct request *r, int *page, int *per_page)
{
	record_paging(req_query(r, "page"), req_query(r, "per_page"), page,
	    per_page);
}

json_t *
api_record_load(struct request *r, const char *id, unsigned *status)
{
	struct dom d;
	struct record rec;
	req_dom(r, &d);
	*status = 0;
	if (record_load(&d, id, &rec)) {
		*status = d.fault.status;
		return NULL;
	}
	json_t *o = record_json(&rec);
	record_free(&rec);
	return o;
}

int
api_record_write(struct request *r, json_t *obj, const char *path_id,
    enum record_write how)
{
	struct dom d;
	req_dom(r, &d);
	if (record_write(&d, obj, path_id, how) == 0)
		return 0;
	resp_fault(r, &d.fault);
	fault_clear(&d.fault);
	return -1;
}

/* Answers record id as the API shows it, with status. */
static void
answer(struct request *r, struct dom *d, const char *id, unsigned status)
{
	struct record rec;
	if (api_refused(r, d, record_load(d, id, &rec)))
		return;
	resp_json(r, status, record_json(&rec));
	record_free(&rec);
}

void
api_record_get(struct request *r)
{
	api_get(r, answer);
}

struct listing {
	struct dom *d;
	json_t *items;
};

static int
list_row(void *ctx, const struct store_ledger_row *row)
{
	struct listing *l = ctx;
	struct record rec;
	record_of_row(&rec, row, l->d->catalog, l->d->arena);
	json_array_append_new(l->items, record_json(&rec));
	record_free(&rec);
	return 0;
}

/* A query parameter, for record_query_of. */
static const char *
query(void *r, const char *name)
{
	return req_query(r, name);
}

void
api_records_list(struct request *r)
{
	struct record_listing g;
	struct dom d;
	req_dom(r, &d);
	int rc = record_listing(&d, query, r, &g);
	if (api_refused(r, &d, rc < 0))
		return;
	struct listing l = { &d, json_array() };
	long total = rc ? store_count_ledger(r->store, &g.f) : 0;
	if (rc && (total < 0 || store_each_ledger(r->store, &g.f, list_row,
	    &l) < 0)) {
		json_decref(l.items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	api_page(r, l.items, g.page, g.per_page, total);
}

static void
write_and_answer(struct request *r, int create)
{
	struct dom d;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	if (record_write(&d, obj, create ? NULL : r->params[0],
	    create ? RECORD_CREATE : RECORD_EDIT)) {
		resp_fault(r, &d.fault);
		fault_clear(&d.fault);
	} else {
		const char *id = arena_strdup(r->arena, json_string_value(
		    json_object_get(obj, "id")));
		answer(r, &d, id, create ? 201 : 200);
		if (create && r->status == 201)
			resp_header(r, "Location", arena_printf(r->arena,
			    "/api/v1/records/%s", id));
	}
	json_decref(obj);
}

void
api_record_create(struct request *r)
{
	write_and_answer(r, 1);
}

void
api_record_update(struct request *r)
{
	write_and_answer(r, 0);
}

static void
review(struct request *r, const char *status)
{
	struct dom d;
	const char *note = NULL;
	json_t *body = NULL;
	if (r->body.len > 0) {
		if ((body = req_json(r)) == NULL)
			return;
		note = json_string_value(json_object_get(body, "note"));
	}
	req_dom(r, &d);
	api_done(r, &d, record_review(&d, r->params[0], status, note), answer,
	    r->params[0], 200);
	json_decref(body);
}

void
api_record_verify(struct request *r)
{
	review(r, "verified");
}

void
api_record_reject(struct request *r)
{
	review(r, "rejected");
}
