/*
 * GET /api/v1/warnings: the early warnings of lvzhi warn, in scope: the
 * duties of the results the caller may see, and the rectification orders
 * of scope_of (narrowed to ?region when given), worst first, a page at a
 * time (?page, ?per_page: the first 50 without them) with their total.
 *
 * For today the duties are read a page at a time from the year's
 * materialised results (domain/evaluation-set.c, as the 预警 page reads
 * them), and merged with the orders, which are few by their nature (open
 * ones past or within WARN_RECT_HORIZON days of their deadline) and read
 * whole: page p needs the duties from (p - 1) * per_page less the
 * orders' number on, never those before. For another ?date the year is
 * evaluated as of that day (no set holds it) and the page cut from it.
 */
#include <stdlib.h>

#include "api/api-supervision.h"
#include "auth/scope.h"
#include "domain/evaluation.h"
#include "engine/warn.h"
#include "report/report.h"

struct duties {
	const struct catalog *c;
	struct arena *a;
	struct warn_item *v;
	size_t n;
};

static int
duty_item(void *ctx, const struct store_evalrisk *k)
{
	struct duties *l = ctx;
	evaluation_risk_item(l->c, l->a, k, &l->v[l->n++]);
	return 0;
}

/* Whether the order o goes before the duty u: unless u is worse
 * (warn_worse: pressure, weeks, gap), a tie going to the order. Along
 * the duties worst first this holds for a prefix of the orders, so the
 * orders before any one duty are counted alone. */
static int
order_first(const struct warn_item *o, const struct warn_item *u)
{
	return !warn_worse(&u->w, &o->w);
}

/* Today's page: the orders l (sorted) merged with the stored duties.
 * Returns the total (>= 0), or -1 after answering. */
static long
page_today(struct request *r, const char *region, const struct warn_list *l,
    long offset, long limit, json_t *items)
{
	struct dom d;
	struct evaluation_set es;
	struct store_evalfilter all = STORE_EVALFILTER_ALL;
	long nd;
	req_dom(r, &d);
	if (evaluation_set_open(&d, l->year, region, &es) ||
	    (nd = evaluation_set_risk_count(&d, &es, &all, 0)) < 0) {
		resp_fault(r, &d.fault);
		return -1;
	}
	/* The duties from s on: the merged place of duty s is s plus the
	 * orders before it, at most l->n, so at most offset. */
	long s = offset - (long)l->n > 0 ? offset - (long)l->n : 0;
	struct duties u = { r->catalog, r->arena, NULL, 0 };
	u.v = arena_alloc(r->arena, (size_t)(offset - s + limit) * sizeof *u.v);
	if (evaluation_set_risks(&d, &es, &all, 0, s, offset - s + limit,
	    duty_item, &u)) {
		resp_fault(r, &d.fault);
		return -1;
	}
	size_t o = 0, i = 0;
	if (s > 0 && u.n > 0)
		while (o < l->n && order_first(&l->v[o], &u.v[0]))
			o++;
	for (long at = s + (long)o; at < offset + limit && (o < l->n ||
	    i < u.n); at++) {
		const struct warn_item *it = i >= u.n || (o < l->n &&
		    order_first(&l->v[o], &u.v[i])) ? &l->v[o++] : &u.v[i++];
		if (at >= offset)
			json_array_append_new(items, report_warning_json(it,
			    r->catalog));
	}
	return nd + (long)l->n;
}

void
api_warnings(struct request *r)
{
	date_t today;
	const char *region = req_query(r, "region");
	int page, per_page;
	if (api_query_date(r, &today))
		return;
	api_paging(r, &page, &per_page);
	long offset = (long)(page - 1) * per_page, total;
	struct warn_list l;
	warn_list_init(&l, today, r->arena);
	int now = today == date_today();
	/* The evaluation checks the region (known, in scope) first. */
	if (!now && api_evaluation_each(r, l.year, region, warn_collect, &l)) {
		warn_list_free(&l);
		return;
	}
	struct store_sup_scope sc;
	char path[512];
	if (scope_of(&r->user, &sc)) {
		if (region != NULL && store_region_path(r->store, region, path,
		    sizeof path) == 1)
			sc.path = path;
		if (warn_collect_rectifications(&l, r->store, &sc)) {
			warn_list_free(&l);
			resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
			return;
		}
	}
	warn_sort(&l);
	json_t *items = json_array();
	if (now)
		total = page_today(r, region, &l, offset, per_page, items);
	else {
		total = (long)l.n;
		for (long i = offset; i < total && i < offset + per_page; i++)
			json_array_append_new(items, report_warning_json(&l.v[i],
			    r->catalog));
	}
	warn_list_free(&l);
	if (total < 0) {
		json_decref(items);
		return;
	}
	char day[11];
	date_format(today, day);
	resp_json(r, 200, json_pack("{s:s, s:i, s:o, s:i, s:i, s:I}", "date",
	    day, "year", l.year, "warnings", items, "page", page, "per_page",
	    per_page, "total", (json_int_t)total));
}
