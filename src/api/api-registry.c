/* The registry over HTTP: regions, organs and tenures in the caller's scope. */
#include <limits.h>
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

static int
add_region(void *ctx, const struct store_region *g)
{
	struct store_region_item i = { g->code, g->name, g->level, g->parent,
		NULL };
	return add_region_item(ctx, &i);
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

struct organs {
	const struct principal *p;
	json_t *items;
};

static int
add_organ(void *ctx, const struct store_organ *o)
{
	struct organs *l = ctx;
	/* Clerks and leaders see their own organ only, as everywhere. */
	if ((l->p->role == ACCT_CLERK || l->p->role == ACCT_LEADER) &&
	    o->key != l->p->organ_key)
		return 0;
	json_array_append_new(l->items, json_pack("{s:s, s:s, s:s}", "id",
	    o->id, "name", o->name, "kind", o->kind));
	return 0;
}

void
api_region_get(struct request *r)
{
	char path[512];
	const char *code = r->params[0];
	int rc = store_region_path(r->store, code, path, sizeof path);
	if (rc <= 0 || !access_can_read_path(&r->user, path)) {
		resp_problem(r, rc < 0 ? 500 : 404, "地区不存在 (no such region)",
		    code, NULL);
		return;
	}
	json_t *regions = json_array();
	struct organs organs = { &r->user, json_array() };
	if (store_each_region_in(r->store, path, add_region, regions) < 0 ||
	    store_each_organ_of(r->store, code, add_organ, &organs) < 0) {
		json_decref(regions);
		json_decref(organs.items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	/* The first region of the subtree is the region itself. */
	json_t *self = json_incref(json_array_get(regions, 0));
	json_array_remove(regions, 0);
	json_object_set_new(self, "subregions", regions);
	json_object_set_new(self, "organs", organs.items);
	resp_json(r, 200, self);
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

void
api_organ_get(struct request *r)
{
	struct store_organ_info o;
	if (api_organ_access(r, r->params[0], 0, NULL, &o) <= 0)
		return;
	json_t *tenures = json_array();
	if (store_each_tenure_of(r->store, o.id, add_tenure, tenures) < 0) {
		json_decref(tenures);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "id",
	    o.id, "name", o.name, "kind", o.kind, "region", o.region,
	    "region_name", o.region_name, "tenures", tenures));
}
