/* The registry over HTTP: regions, organs and tenures in the caller's scope. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"

static int
add_region_item(void *ctx, const struct store_region_item *g)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:o}", "code",
	    g->code, "name", g->name, "level", g->level, "parent",
	    g->parent ? json_string(g->parent) : json_null()));
	return 0;
}

/* The regions of the scope (or of ?region's subtree), depth first, a
 * page at a time from the store; with ?q the picker's lookup. */
void
api_regions(struct request *r)
{
	const char *path = access_scope_path(&r->user);
	char buf[512];
	if (req_query(r, "q") != NULL) {
		api_regions_lookup(r);
		return;
	}
	const char *under = req_query(r, "region");
	if (under != NULL) {
		int rc = store_region_path(r->store, under, buf, sizeof buf);
		if (rc <= 0 || !access_can_read_path(&r->user, buf)) {
			resp_problem(r, rc < 0 ? 500 : 404, "地区不存在或不在权限范围内",
			    under, "region");
			return;
		}
		path = buf;
	}
	int page, per_page;
	api_paging(r, &page, &per_page);
	json_t *items = json_array();
	/* An empty scope is everything only for the administrator. */
	if (*path == '\0' && r->user.role != ACCT_ADMIN) {
		api_page(r, items, page, per_page, 0);
		return;
	}
	struct store_registry_filter f = { .path = path, .page = {
		.offset = (page - 1) * per_page, .limit = per_page } };
	long total = store_count_regions(r->store, &f, LONG_MAX - 1);
	if (total < 0 || store_list_regions(r->store, &f, add_region_item,
	    items) < 0) {
		json_decref(items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	api_page(r, items, page, per_page, total);
}

/* A nested list of a resource (its subregions, organs, tenures) holds
 * its first NESTED_FIRST, in the list route's default order, beside
 * <key>_total (exact) and <key>_href, the route that pages the rest:
 * the object stays one bounded read, and a client that read the whole
 * array before finds all of it once total <= NESTED_FIRST. */
#define NESTED_FIRST 50

static void
nest(json_t *o, const char *key, json_t *items, long total,
    const char *href)
{
	char k[64];
	json_object_set_new(o, key, items);
	snprintf(k, sizeof k, "%s_total", key);
	json_object_set_new(o, k, json_integer(total));
	snprintf(k, sizeof k, "%s_href", key);
	json_object_set_new(o, k, json_string(href));
}

static int
add_organ(void *ctx, const struct store_organ_item *o)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s}", "id", o->id,
	    "name", o->name, "kind", o->kind));
	return 0;
}

/* The region of {code} when the caller may read it: 1 with path, 0
 * after answering. */
static int
region_of(struct request *r, const char *code, char path[512])
{
	int rc = store_region_path(r->store, code, path, 512);
	if (rc <= 0 || !access_can_read_path(&r->user, path)) {
		resp_problem(r, rc < 0 ? 500 : 404, "地区不存在 (no such region)",
		    code, NULL);
		return 0;
	}
	return 1;
}

/* A page of a region's subregions (its whole subtree but itself, depth
 * first) into items with their exact total: 0 or -1. */
static int
subregions(struct request *r, const char *code, const char *path,
    int page, int per_page, json_t *items, long *total)
{
	struct store_registry_filter f = { .path = path, .region = code,
		.page = { .offset = (page - 1) * per_page, .limit = per_page } };
	*total = store_count_regions(r->store, &f, LONG_MAX - 1);
	return *total < 0 || store_list_regions(r->store, &f, add_region_item,
	    items) < 0 ? -1 : 0;
}

/* A page of a region's organs, party committee and government first;
 * clerks and leaders see their own organ only, as everywhere. */
static int
organs(struct request *r, const char *code, int page, int per_page,
    json_t *items, long *total)
{
	const struct principal *p = &r->user;
	struct store_registry_filter f = { .region = code, .page = {
		.offset = (page - 1) * per_page, .limit = per_page } };
	if (p->role == ACCT_CLERK || p->role == ACCT_LEADER) {
		if (p->organ[0] == '\0') {
			*total = 0;
			return 0;
		}
		f.organ = p->organ;
	}
	*total = store_count_organs(r->store, &f, LONG_MAX - 1);
	return *total < 0 || store_list_organs(r->store, &f, add_organ,
	    items) < 0 ? -1 : 0;
}

static void
failed(struct request *r, json_t *o)
{
	json_decref(o);
	resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
}

void
api_region_get(struct request *r)
{
	char path[512], href[128];
	const char *code = r->params[0];
	long nsub, norg;
	if (!region_of(r, code, path))
		return;
	/* The region itself: the first of its subtree in path order. */
	json_t *self = json_array(), *sub = json_array(), *org = json_array();
	struct store_registry_filter f = { .path = path, .page = { 0, 1,
		NULL, 0 } };
	int rc = store_list_regions(r->store, &f, add_region_item, self);
	json_t *o = json_incref(json_array_get(self, 0));
	json_decref(self);
	if (rc < 0 || o == NULL || subregions(r, code, path, 1, NESTED_FIRST, sub,
	    &nsub) || organs(r, code, 1, NESTED_FIRST, org, &norg)) {
		json_decref(sub);
		json_decref(org);
		failed(r, o);
		return;
	}
	snprintf(href, sizeof href, "/api/v1/regions/%s/subregions", code);
	nest(o, "subregions", sub, nsub, href);
	snprintf(href, sizeof href, "/api/v1/regions/%s/organs", code);
	nest(o, "organs", org, norg, href);
	resp_json(r, 200, o);
}

/* GET /api/v1/regions/{code}/subregions and /organs: the region's
 * nested lists a page at a time. */
static void
region_list(struct request *r, int which)
{
	char path[512];
	const char *code = r->params[0];
	int page, per_page;
	long total;
	if (!region_of(r, code, path))
		return;
	api_paging(r, &page, &per_page);
	json_t *items = json_array();
	if ((which ? organs(r, code, page, per_page, items, &total) :
	    subregions(r, code, path, page, per_page, items, &total))) {
		failed(r, items);
		return;
	}
	api_page(r, items, page, per_page, total);
}

void
api_region_subregions(struct request *r)
{
	region_list(r, 0);
}

void
api_region_organs(struct request *r)
{
	region_list(r, 1);
}

static int
add_tenure(void *ctx, const struct store_tenure *t)
{
	char start[11], end[11];
	date_format(t->start, start);
	if (t->end != DATE_NONE)
		date_format(t->end, end);
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}",
	    "id", t->tenure_id, "person", t->person_id, "person_name",
	    t->person_name, "role", t->role ? t->role : "principal", "start",
	    start, "end", t->end != DATE_NONE ? json_string(end) : json_null()));
	return 0;
}

/* A page of an organ's tenures, newest first. */
static int
tenures(struct request *r, const char *organ, int page, int per_page,
    json_t *items, long *total)
{
	struct store_registry_filter f = { .organ = organ, .page = {
		.offset = (page - 1) * per_page, .limit = per_page } };
	*total = store_count_tenures(r->store, &f, LONG_MAX - 1);
	return *total < 0 || store_list_tenures(r->store, &f, add_tenure,
	    items) < 0 ? -1 : 0;
}

void
api_organ_get(struct request *r)
{
	struct store_organ_info o;
	char href[256];
	long total;
	if (api_organ_access(r, r->params[0], 0, NULL, &o) <= 0)
		return;
	json_t *items = json_array();
	if (tenures(r, o.id, 1, NESTED_FIRST, items, &total)) {
		failed(r, items);
		return;
	}
	json_t *obj = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", o.id,
	    "name", o.name, "kind", o.kind, "region", o.region, "region_name",
	    o.region_name);
	snprintf(href, sizeof href, "/api/v1/organs/%s/tenures", o.id);
	nest(obj, "tenures", items, total, href);
	resp_json(r, 200, obj);
}

void
api_organ_tenures(struct request *r)
{
	struct store_organ_info o;
	int page, per_page;
	long total;
	if (api_organ_access(r, r->params[0], 0, NULL, &o) <= 0)
		return;
	api_paging(r, &page, &per_page);
	json_t *items = json_array();
	if (tenures(r, o.id, page, per_page, items, &total)) {
		failed(r, items);
		return;
	}
	api_page(r, items, page, per_page, total);
}
