/* The evaluation as a caller may see it (evaluation.h). */
#include <stdlib.h>
#include <string.h>

#include "base/sm3.h"
#include "domain/evaluation.h"
#include "engine/closure.h"
#include "engine/eval-cache.h"
#include "report/report.h"
#include "store/store-closure.h"

const char *
evaluation_default_region(struct dom *d)
{
	const struct principal *p = d->user;
	if (p->region[0])
		return p->region;
	if (p->organ[0]) {
		struct store_organ_info o;
		if (store_organ_info(d->store, p->organ, &o) == 1)
			return arena_strdup(d->arena, o.region);
	}
	return NULL;
}

int
evaluation_region_path(struct dom *d, const char *region, char *path,
    size_t n, unsigned missing)
{
	int rc = store_region_path(d->store, region, path, n);
	if (rc < 0)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	if (rc == 0)
		return dom_refuse(d, missing, "地区不存在 (no such region)",
		    region, "region");
	return 0;
}

int
evaluation_region_ok(struct dom *d, const char *region)
{
	char path[512];
	if (evaluation_region_path(d, region, path, sizeof path, 404))
		return -1;
	if (!access_can_read_path(d->user, path))
		return dom_refuse(d, 403, "地区不在权限范围内 (region outside "
		    "your scope)", region, "region");
	return 0;
}

int
evaluation_scope(struct dom *d, const char **region)
{
	if (*region != NULL && evaluation_region_ok(d, *region))
		return -1;
	if (*region == NULL)
		*region = evaluation_default_region(d);
	/* Without a region only the administrator, or a leader limited to
	 * their own results, may evaluate everything. */
	if (*region == NULL && d->user->role != ACCT_ADMIN &&
	    !(d->user->role == ACCT_LEADER && d->user->person[0]))
		return dom_refuse(d, 403, "账号没有权限范围 (account has no "
		    "scope)", NULL, NULL);
	return 0;
}

/*
 * Who may see a result: an office or inspector its whole region (checked
 * before), a clerk its organ's leaders, a leader their own. Per call,
 * whether the results come from the cache or not.
 */
static int
may_see(const struct principal *p, const struct eval_result *res)
{
	if (p->role == ACCT_CLERK && strcmp(res->organ, p->organ) != 0)
		return 0;
	if (p->role == ACCT_LEADER && strcmp(res->person, p->person) != 0)
		return 0;
	return 1;
}

struct scoped {
	const struct principal *p;
	evaluation_emit emit;
	void *ctx;
	struct eval_cache_fill *fill;
};

static int
visible(void *ctx, const struct eval_result *res)
{
	struct scoped *s = ctx;
	if (s->fill != NULL)
		eval_cache_fill_add(s->fill, res);
	if (!may_see(s->p, res))
		return 0;
	return s->emit(s->ctx, res);
}

int
evaluation_run(struct dom *d, int year, const char *region,
    evaluation_emit emit, evaluation_emit_text emit_text, void *ctx)
{
	int64_t version = -1;
	char hash[SM3_HEX_LEN];
	/* A year with closures is answered from its frozen copies, which the
	 * cache does not keep (their rules are not the catalog's). */
	if (store_closure_any(d->store, year) != 0 ||
	    store_data_version(d->store, &version, hash, sizeof hash))
		version = -1; /* unknown: no cache */
	struct eval_cache_key k = { d->catalog, year, region, version, hash };
	struct eval_cached *hit = version >= 0 ? eval_cache_get(&k) : NULL;
	if (hit != NULL) {
		int rc = 0;
		for (size_t i = 0; rc == 0 && i < eval_cached_count(hit); i++) {
			const struct eval_result *res = eval_cached_result(hit, i);
			size_t len;
			const char *text = eval_cached_text(hit, i, &len);
			if (!may_see(d->user, res))
				continue;
			rc = emit_text != NULL ? emit_text(ctx, res, text, len) :
			    emit(ctx, res);
		}
		eval_cache_release(hit);
		if (rc != 0)
			return dom_refuse(d, 500, "考评失败", "writing the results "
			    "failed", NULL);
		return 0;
	}
	struct scoped sc = { d->user, emit, ctx, NULL };
	sc.fill = version >= 0 ? eval_cache_fill_start(&k,
	    report_result_text) : NULL;
	char err[512] = "";
	long n;
	int rc = closure_run(d->store, d->catalog, year, region, visible, &sc,
	    &n, err, sizeof err);
	eval_cache_fill_end(sc.fill, rc == 0);
	if (rc != 0)
		return dom_refuse(d, 500, "考评失败", arena_strdup(d->arena, err),
		    NULL);
	return 0;
}

int
evaluation_each(struct dom *d, int year, const char *region,
    evaluation_emit emit, void *ctx)
{
	if (evaluation_scope(d, &region))
		return -1;
	return evaluation_run(d, year, region, emit, NULL, ctx);
}

static int
report_text(void *ctx, const struct eval_result *res, const char *text,
    size_t len)
{
	return report_result_cached(ctx, res, text, len);
}

int
evaluation_write(struct dom *d, int year, const char *region, FILE *out,
    int csv)
{
	struct report rep;
	char *head = NULL, err[512];
	if (evaluation_scope(d, &region))
		return -1;
	if (closure_head(d->store, year, region, &head, err, sizeof err) ||
	    report_begin_head(&rep, out, csv ? REPORT_CSV : REPORT_JSON,
	    d->catalog, eval_period_of(d->catalog, year), head)) {
		free(head);
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	}
	free(head);
	if (evaluation_run(d, year, region, report_result, report_text, &rep))
		return -1;
	if (report_end(&rep))
		return dom_refuse(d, 500, "内部错误", "writing the evaluation "
		    "failed", NULL);
	return 0;
}
