/*
 * GET /api/v1/warnings: the early warnings of lvzhi warn, in scope: the
 * duties of the results the caller may see, and the rectification orders
 * of scope_of (narrowed to ?region when given).
 */
#include <stdlib.h>

#include "api/api-supervision.h"
#include "auth/scope.h"
#include "engine/warn.h"
#include "report/report.h"

void
api_warnings(struct request *r)
{
	date_t today;
	const char *region = req_query(r, "region");
	if (api_query_date(r, &today))
		return;
	struct warn_list l;
	warn_list_init(&l, today, r->arena);
	/* The evaluation checks the region (known, in scope) first. */
	if (api_evaluation_each(r, l.year, region, warn_collect, &l)) {
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
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, report_warning_json(&l.v[i],
		    r->catalog));
	warn_list_free(&l);
	char day[11];
	date_format(today, day);
	resp_json(r, 200, json_pack("{s:s, s:i, s:o}", "date", day, "year",
	    l.year, "warnings", items));
}
