/*
 * Supervision over HTTP, part one: inspection plans (定期检查, 专项督查,
 * 第七条) and their findings, answered from the operations of
 * src/domain/supervision.c; the determination of a finding (the operation:
 * domain/finding-determine.c) and its handing over to the office for
 * 整改 (domain/finding-refer.c).
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
	const char *st = sup_rect_state_of(f);
	json_object_set_new(o, "rect_state_label", st ? json_string(st) :
	    json_null());
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
	if (api_refused(r, d, sup_inspection_load(d, id, &in, NULL, &f, &n)))
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
api_sup_order(struct request *r, const char **sort, int *desc)
{
	const char *dir = api_sup_query(r, "dir");
	*sort = api_sup_query(r, "sort");
	*desc = dir != NULL && strcmp(dir, "desc") == 0;
	/* Named without a direction: the order's usual one. */
	if (*sort != NULL && (dir == NULL || (strcmp(dir, "asc") != 0 &&
	    strcmp(dir, "desc") != 0)))
		*desc = strcmp(*sort, "year") == 0;
}

void
api_inspections_list(struct request *r)
{
	struct dom d;
	struct store_inspection_filter f = { 0 };
	struct store_inspection *in;
	size_t n;
	long total;
	int page, per_page;
	api_sup_paging(r, &page, &per_page, &f.page.limit, &f.page.offset);
	if (api_sup_query_year(r, &f.year))
		return;
	f.status = api_sup_query(r, "status");
	if (f.status != NULL && strcmp(f.status, "planned") != 0 &&
	    strcmp(f.status, "in_progress") != 0 &&
	    strcmp(f.status, "completed") != 0) {
		resp_problem(r, 400, "状态应为 planned、in_progress 或 completed",
		    f.status, "status");
		return;
	}
	api_sup_order(r, &f.page.sort, &f.page.desc);
	req_dom(r, &d);
	if (api_refused(r, &d, sup_inspection_list(&d, &f, &in, &n, &total)))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, inspection_json(&in[i]));
	api_page(r, items, page, per_page, total);
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

void
api_finding_refer(struct request *r)
{
	struct dom d;
	struct sup_referral in = { 0 };
	struct store_finding f;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	if (decode(&d, &sup_referral_entity, obj, &in) ||
	    sup_finding_refer(&d, r->params[0], &in) ||
	    sup_finding_load(&d, r->params[0], &f))
		resp_fault(r, &d.fault);
	else
		resp_json(r, 200, finding_json(&d, &f));
	json_decref(obj);
}
