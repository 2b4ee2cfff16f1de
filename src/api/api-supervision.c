/*
 * Supervision over HTTP, part one: inspection plans (定期检查, 专项督查,
 * 第七条) and their findings, answered from the operations of
 * src/domain/supervision.c; the determination of a finding (the operation:
 * domain/finding-determine.c).
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-supervision.h"

/* ---- JSON ---- */

json_t *
api_sup_json(const struct entity *e, const void *obj, const char *k1,
    const char *v1, const char *k2, const char *v2)
{
	json_t *o = entity_json(e, obj);
	json_object_set_new(o, k1, json_string(v1));
	json_object_set_new(o, k2, json_string(v2));
	return o;
}

static json_t *
inspection_json(const struct store_inspection *in)
{
	return api_sup_json(&store_inspection_entity, in, "kind_label",
	    sup_inspection_kind_label(in->kind), "status_label",
	    sup_inspection_status_label(in->status));
}

static json_t *
finding_json(struct dom *d, const struct store_finding *f)
{
	json_t *o = entity_json(&store_finding_entity, f);
	const char *duty = sup_duty_title(d, f->duty);
	json_object_set_new(o, "severity_label", json_string(
	    sup_severity_label(f->severity)));
	json_object_set_new(o, "duty_title", duty ? json_string(duty) :
	    json_null());
	/* An observation until a competent account determined it. */
	json_object_set_new(o, "determined", json_boolean(
	    f->determined_record != NULL));
	return o;
}

/* Answers inspection id with its findings, with status. */
static void
answer_inspection(struct request *r, struct dom *d, const char *id,
    unsigned status)
{
	struct store_inspection in;
	struct store_finding *f;
	size_t n;
	if (api_refused(r, d, sup_inspection_load(d, id, &in, &f, &n)))
		return;
	json_t *o = inspection_json(&in), *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, finding_json(d, &f[i]));
	json_object_set_new(o, "findings", items);
	resp_json(r, status, o);
}

/* The body of a create read by e's table into obj: 0, or -1 (d's
 * fault). */
static int
decode(struct dom *d, const struct entity *e, json_t *obj, void *out)
{
	return sup_clean(d, e, obj, 1) || entity_from_json(e, obj, out,
	    d->arena, &d->fault) ? -1 : 0;
}

/* ---- handlers ---- */

const char *
api_sup_query(struct request *r, const char *name)
{
	const char *v = req_query(r, name);
	return v != NULL && *v != '\0' ? v : NULL;
}

int
api_sup_query_year(struct request *r, int *year)
{
	const char *y = api_sup_query(r, "year");
	*year = 0;
	if (y == NULL)
		return 0;
	char *end;
	long v = strtol(y, &end, 10);
	if (*end != '\0' || v < 1900 || v > 2200) {
		resp_problem(r, 400, "年度应为 YYYY", y, "year");
		return -1;
	}
	*year = (int)v;
	return 0;
}

void
api_sup_paging(struct request *r, int *page, int *per_page, int *limit,
    int *offset)
{
	api_paging(r, page, per_page);
	*limit = *per_page;
	*offset = (*page - 1) * *per_page;
}

void
api_inspections_list(struct request *r)
{
	struct dom d;
	struct store_inspection *in;
	size_t n;
	int page, per_page, year;
	api_paging(r, &page, &per_page);
	if (api_sup_query_year(r, &year))
		return;
	req_dom(r, &d);
	if (api_refused(r, &d, sup_inspection_list(&d, year, per_page,
	    (page - 1) * per_page, &in, &n)))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, inspection_json(&in[i]));
	api_page(r, items, page, per_page, -1);
}

void
api_inspection_create(struct request *r)
{
	struct dom d;
	struct store_inspection in = { 0 };
	const char *id = NULL;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	/* id is made by the operation: known once rc is. */
	int rc = decode(&d, &store_inspection_entity, obj, &in) ||
	    sup_inspection_create(&d, &in, &id);
	api_created(r, &d, rc, answer_inspection, id, "/api/v1/inspections");
	json_decref(obj);
}

void
api_inspection_get(struct request *r)
{
	api_get(r, answer_inspection);
}

void
api_finding_create(struct request *r)
{
	struct dom d;
	struct store_finding f = { 0 };
	const char *id;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	if (decode(&d, &store_finding_entity, obj, &f) ||
	    sup_finding_create(&d, r->params[0], &f, &id) ||
	    sup_finding_load(&d, id, &f))
		resp_fault(r, &d.fault);
	else
		resp_json(r, 201, finding_json(&d, &f));
	json_decref(obj);
}

void
api_inspection_close(struct request *r)
{
	struct dom d;
	req_dom(r, &d);
	if (sup_inspection_close(&d, r->params[0]))
		resp_fault(r, &d.fault);
	else
		api_inspection_get(r);
}

void
api_finding_determine_create(struct request *r)
{
	const char *id;
	unsigned status;
	struct dom d;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	if (sup_finding_determine(&d, r->params[0], obj, &id))
		resp_fault(r, &d.fault);
	else {
		json_t *o = api_record_load(r, id, &status);
		if (o == NULL)
			resp_problem(r, 500, "内部错误", NULL, NULL);
		else {
			resp_json(r, 201, o);
			resp_header(r, "Location", arena_printf(r->arena,
			    "/api/v1/records/%s", id));
		}
	}
	json_decref(obj);
}
