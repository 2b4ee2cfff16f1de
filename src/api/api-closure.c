/*
 * Closing a year over HTTP (engine/closure.h): POST
 * /api/v1/evaluation/close and /reopen by the office of a region for its
 * subtree (the router admits only office accounts), and GET
 * /api/v1/evaluation/closures, what is closed of a year in the caller's
 * scope, with its history. The pages' forms go through api_closure_write.
 */
#include <string.h>

#include "api/api.h"
#include "auth/access.h"
#include "base/date.h"
#include "engine/closure.h"
#include "store/store-closure.h"

/* The field an error of engine/closure.c names ("FIELD: why"). */
static const char *
field_of(struct request *r, const char *err)
{
	const char *colon = strchr(err, ':');
	if (colon == NULL || colon - err > 16)
		return NULL;
	return arena_printf(r->arena, "%.*s", (int)(colon - err), err);
}

int
api_closure_write(struct request *r, json_t *o, int reopen)
{
	json_t *y = json_object_get(o, "year"), *g = json_object_get(o,
	    "region"), *m = json_object_get(o, "reason");
	int year = json_is_integer(y) ? (int)json_integer_value(y) : 0;
	if (year < 1900 || year > 2200) {
		resp_problem(r, 400, "需要考评年度 (year required)", NULL, "year");
		return -1;
	}
	if ((g != NULL && !json_is_string(g)) || (m != NULL && !json_is_null(m)
	    && !json_is_string(m))) {
		resp_problem(r, 400, "应为文本 (must be a string)", NULL,
		    g != NULL && !json_is_string(g) ? "region" : "reason");
		return -1;
	}
	const char *region = g ? json_string_value(g) : r->user.region;
	const char *reason = json_string_value(m);
	if (region == NULL || region[0] == '\0') {
		resp_problem(r, 400, "需要地区 (region required)", NULL, "region");
		return -1;
	}
	/* The office of a region closes its subtree: a region outside it
	 * is refused before anything is read of it. */
	char path[512];
	if (api_region_path(r, region, path, sizeof path, 400))
		return -1;
	if (r->user.role != ACCT_OFFICE ||
	    !access_can_read_path(&r->user, path)) {
		resp_problem(r, 403, "地区不在权限范围内 (region outside your "
		    "scope)", region, "region");
		return -1;
	}
	char err[1024] = "";
	long n = 0;
	int rc = reopen ? closure_reopen(r->store, year, region, req_actor(r),
	    reason, err, sizeof err) : closure_close(r->store, r->catalog,
	    year, region, req_actor(r), reason, &n, err, sizeof err);
	if (rc == CLOSURE_REFUSED || rc == CLOSURE_CONFLICT)
		resp_problem(r, rc == CLOSURE_CONFLICT ? 409 : 400, reopen ?
		    "不能重新开放该年度 (cannot reopen)" : "不能结转该年度 (cannot "
		    "close)", err, field_of(r, err));
	else if (rc != 0)
		resp_problem(r, 500, "内部错误", err, NULL);
	return rc ? -1 : 0;
}

static void
write_and_answer(struct request *r, int reopen)
{
	json_t *o = req_json(r);
	if (o == NULL)
		return;
	if (api_closure_write(r, o, reopen) == 0) {
		json_object_set_new(o, reopen ? "reopened" : "closed",
		    json_true());
		resp_json(r, 200, o);
		return;
	}
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

static int
closure_json(void *ctx, const struct store_closure *c)
{
	json_t *o = json_pack("{s:i, s:s?, s:s, s:s, s:s?, s:s, s:s, s:s}",
	    "year", c->year, "region", c->region, "closed_by", c->closed_by,
	    "closed_at", c->closed_at, "reason", c->reason, "ruleset",
	    c->ruleset, "ruleset_version", c->version, "ruleset_sm3",
	    c->digest);
	if (o == NULL)
		return -1;
	json_object_set_new(o, "ruleset_versions", json_loads(c->versions, 0,
	    NULL));
	return json_array_append_new(ctx, o);
}

static int
event_json(void *ctx, const struct store_closure_event *e)
{
	return json_array_append_new(ctx, json_pack("{s:i, s:s?, s:s, s:s, "
	    "s:s, s:s?}", "year", e->year, "region", e->region, "action",
	    e->action, "actor", e->actor, "at", e->at, "reason", e->reason));
}

int
api_closures_of(struct request *r, int year, const char *path,
    json_t **closures, json_t **history)
{
	*closures = json_array();
	*history = json_array();
	if (store_each_closure(r->store, year, path, closure_json, *closures) ||
	    store_each_closure_event(r->store, year, path, event_json,
	    *history)) {
		json_decref(*closures);
		json_decref(*history);
		return -1;
	}
	return 0;
}

void
api_evaluation_closures(struct request *r)
{
	int year;
	const char *y = req_query(r, "year"), *region = req_query(r, "region");
	if (y == NULL || date_parse_year(y, &year)) {
		resp_problem(r, 400, "需要考评年度 year=YYYY", y, "year");
		return;
	}
	char path[512];
	snprintf(path, sizeof path, "%s", access_scope_path(&r->user));
	if (region != NULL) {
		int rc = store_region_path(r->store, region, path, sizeof path);
		if (rc <= 0 || !access_can_read_path(&r->user, path)) {
			resp_problem(r, rc < 0 ? 500 : rc == 0 ? 404 : 403,
			    rc < 0 ? "内部错误" : "地区不存在或不在权限范围内 "
			    "(region unknown or outside your scope)", region,
			    "region");
			return;
		}
	}
	if (path[0] == '\0')
		snprintf(path, sizeof path, "/");
	json_t *closures, *history;
	if (api_closures_of(r, year, path, &closures, &history)) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:i, s:o, s:o}", "year", year,
	    "closures", closures, "history", history));
}
