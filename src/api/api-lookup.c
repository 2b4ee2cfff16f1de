/*
 * The pickers' lookups over HTTP (domain/lookup.c): people and organs by
 * part of their name, within the caller's scope, filtered by region and
 * organ. GET /api/v1/regions?q= is api_regions' (api-registry.c) through
 * the same lookup.
 */
#include <stdlib.h>

#include "api/api.h"
#include "domain/lookup.h"

/* The query's q, region, organ and limit. */
static void
lookup_query(struct request *r, struct lookup_in *in)
{
	const char *limit = req_query(r, "limit");
	*in = (struct lookup_in){ .q = req_query(r, "q"),
		.region = req_query(r, "region"), .organ = req_query(r, "organ"),
		.limit = limit ? atoi(limit) : 0 };
}

struct hits {
	struct dom *d;
	json_t *items;
};

static int
add_person(void *ctx, const struct store_person_hit *h)
{
	struct hits *l = ctx;
	json_array_append_new(l->items, json_pack("{s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s}", "id", h->id, "name", h->name, "post",
	    lookup_post(l->d, h), "role", h->role, "organ", h->organ,
	    "organ_name", h->organ_name, "region", h->region, "region_name",
	    h->region_name));
	return 0;
}

/* Answers the items, or the lookup's fault. */
static void
answer(struct request *r, struct dom *d, int rc, json_t *items)
{
	if (rc) {
		json_decref(items);
		resp_fault(r, &d->fault);
		return;
	}
	resp_json(r, 200, json_pack("{s:o}", "items", items));
}

void
api_people(struct request *r)
{
	struct dom d;
	struct lookup_in in;
	req_dom(r, &d);
	lookup_query(r, &in);
	struct hits l = { &d, json_array() };
	answer(r, &d, lookup_people(&d, &in, add_person, &l), l.items);
}

static int
add_organ(void *ctx, const struct store_organ_hit *h)
{
	struct hits *l = ctx;
	json_array_append_new(l->items, json_pack("{s:s, s:s, s:s, s:s, s:s}",
	    "id", h->id, "name", h->name, "kind", h->kind, "region", h->region,
	    "region_name", h->region_name));
	return 0;
}

void
api_organs(struct request *r)
{
	struct dom d;
	struct lookup_in in;
	req_dom(r, &d);
	lookup_query(r, &in);
	struct hits l = { &d, json_array() };
	answer(r, &d, lookup_organs(&d, &in, add_organ, &l), l.items);
}

static int
add_region(void *ctx, const struct store_region *g)
{
	struct hits *l = ctx;
	json_array_append_new(l->items, json_pack("{s:s, s:s, s:s, s:o}",
	    "code", g->code, "name", g->name, "level", g->level, "parent",
	    g->parent ? json_string(g->parent) : json_null()));
	return 0;
}

void
api_regions_lookup(struct request *r)
{
	struct dom d;
	struct lookup_in in;
	req_dom(r, &d);
	lookup_query(r, &in);
	struct hits l = { &d, json_array() };
	answer(r, &d, lookup_regions(&d, &in, add_region, &l), l.items);
}
