/* Closing and reopening a year, and what is closed (closure.h). */
#include <stdio.h>
#include <string.h>

#include "domain/closure.h"
#include "domain/evaluation.h"
#include "engine/closure.h"
#include "store/store-closure.h"

#define C(m) offsetof(struct closure, m)
static const struct attr closure_attrs[] = {
	{ "year", "year", "年度", ATTR_YEAR, ATTR_ZERO, 0, 0, NULL, C(year) },
	{ "region", "region", "地区", ATTR_TEXT, 0, 0, 0, NULL, C(region) },
	{ "closed_by", "closed_by", "结转人", ATTR_TEXT, 0, 0, 0, NULL,
	    C(closed_by) },
	{ "closed_at", "closed_at", "结转时间", ATTR_STAMP, 0, 0, 0, NULL,
	    C(closed_at) },
	{ "reason", "reason", "理由", ATTR_TEXT, 0, 0, 0, NULL, C(reason) },
	{ "ruleset", "ruleset", "规则集", ATTR_TEXT, 0, 0, 0, NULL,
	    C(ruleset) },
	{ "ruleset_version", "version", "版本", ATTR_TEXT, 0, 0, 0, NULL,
	    C(version) },
	{ "ruleset_sm3", "digest", "SM3", ATTR_TEXT, 0, 0, 0, NULL,
	    C(digest) },
	/* JSON text: the API adds it parsed, as ruleset_versions. */
	{ "versions", "versions", "版本列表", ATTR_TEXT, ATTR_HIDE, 0, 0, NULL,
	    C(versions) },
};
#undef C
const struct entity closure_entity = ENTITY("closure", closure_attrs);

#define S(m) offsetof(struct closure_step, m)
static const struct attr step_attrs[] = {
	{ "year", "year", "年度", ATTR_YEAR, ATTR_ZERO, 0, 0, NULL, S(year) },
	{ "region", "region", "地区", ATTR_TEXT, 0, 0, 0, NULL, S(region) },
	{ "action", "action", "操作", ATTR_TEXT, 0, 0, 0, NULL, S(action) },
	{ "actor", "actor", "操作人", ATTR_TEXT, 0, 0, 0, NULL, S(actor) },
	{ "at", "at", "时间", ATTR_STAMP, 0, 0, 0, NULL, S(at) },
	{ "reason", "reason", "理由", ATTR_TEXT, 0, 0, 0, NULL, S(reason) },
};
#undef S
const struct entity closure_step_entity = ENTITY("closure_log", step_attrs);

/* The field an error of engine/closure.c names ("FIELD: why"). */
static const char *
field_of(struct dom *d, const char *err)
{
	const char *colon = strchr(err, ':');
	if (colon == NULL || colon - err > 16)
		return NULL;
	return arena_printf(d->arena, "%.*s", (int)(colon - err), err);
}

int
closure_write(struct dom *d, int year, const char *region,
    const char *reason, int reopen)
{
	if (year < 1900 || year > 2200)
		return dom_refuse(d, 400, "需要考评年度 (year required)", NULL,
		    "year");
	if (region == NULL)
		region = d->user->region;
	if (region[0] == '\0')
		return dom_refuse(d, 400, "需要地区 (region required)", NULL,
		    "region");
	/* The office of a region closes its subtree: a region outside it
	 * is refused before anything is read of it. */
	char path[512];
	if (evaluation_region_path(d, region, path, sizeof path, 400))
		return -1;
	if (d->user->role != ACCT_OFFICE ||
	    !access_can_read_path(d->user, path))
		return dom_refuse(d, 403, "地区不在权限范围内 (region outside your "
		    "scope)", region, "region");
	char err[1024] = "";
	long n = 0;
	int rc = reopen ? closure_reopen(d->store, year, region, d->actor,
	    reason, err, sizeof err) : closure_close(d->store, d->catalog,
	    year, region, d->actor, reason, &n, err, sizeof err);
	if (rc == CLOSURE_REFUSED || rc == CLOSURE_CONFLICT)
		return dom_refuse(d, rc == CLOSURE_CONFLICT ? 409 : 400, reopen ?
		    "不能重新开放该年度 (cannot reopen)" : "不能结转该年度 (cannot "
		    "close)", arena_strdup(d->arena, err), field_of(d, err));
	if (rc != 0)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena, err),
		    NULL);
	return 0;
}

int
closure_scope_path(struct dom *d, const char *region, char *path, size_t n)
{
	snprintf(path, n, "%s", access_scope_path(d->user));
	if (region != NULL) {
		int rc = store_region_path(d->store, region, path, n);
		if (rc <= 0 || !access_can_read_path(d->user, path))
			return dom_refuse(d, rc < 0 ? 500 : rc == 0 ? 404 : 403,
			    rc < 0 ? "内部错误" : "地区不存在或不在权限范围内 "
			    "(region unknown or outside your scope)", region,
			    "region");
	}
	if (path[0] == '\0')
		snprintf(path, n, "/");
	return 0;
}

/* The rows of a listing, copied into d's arena as they come. */
struct list {
	struct dom *d;
	void *v;
	size_t n, cap, size;
};

static const char *
copy(struct list *l, const char *s)
{
	return dom_strdup(l->d, s);
}

static int
closure_row(void *ctx, const struct store_closure *c)
{
	struct list *l = ctx;
	struct closure *x = dom_push(l->d, &l->v, &l->n, &l->cap, l->size);
	*x = (struct closure){ c->year, copy(l, c->region),
		copy(l, c->closed_by), copy(l, c->closed_at), copy(l, c->reason),
		copy(l, c->ruleset), copy(l, c->version), copy(l, c->digest),
		copy(l, c->versions) };
	return 0;
}

static int
step_row(void *ctx, const struct store_closure_event *e)
{
	struct list *l = ctx;
	struct closure_step *x = dom_push(l->d, &l->v, &l->n, &l->cap,
	    l->size);
	*x = (struct closure_step){ e->year, copy(l, e->region),
		copy(l, e->action), copy(l, e->actor), copy(l, e->at),
		copy(l, e->reason) };
	return 0;
}

int
closure_list(struct dom *d, int year, const char *path, long offset,
    long limit, struct closure_listing *out)
{
	struct list c = { d, NULL, 0, 0, sizeof *out->v };
	struct list h = { d, NULL, 0, 0, sizeof *out->holding };
	struct list e = { d, NULL, 0, 0, sizeof *out->steps };
	long total = store_count_closure(d->store, year, path);
	if (total < 0 || store_page_closure(d->store, year, path, offset,
	    limit, closure_row, &c) || store_each_closure_holding(d->store,
	    year, path, closure_row, &h) ||
	    store_each_closure_event(d->store, year, path, step_row, &e))
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	*out = (struct closure_listing){ c.v, h.v, c.n, h.n, total, e.v,
		e.n };
	return 0;
}
