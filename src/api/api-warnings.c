/* GET /api/v1/warnings: the early warnings of lvzhi warn, in scope. */
#include <stdlib.h>

#include "api/api.h"
#include "engine/warn.h"
#include "report/report.h"

void
api_warnings(struct request *r)
{
	date_t today = date_today();
	const char *d = req_query(r, "date");
	if (d != NULL && date_parse(d, &today)) {
		resp_problem(r, 400, "日期格式应为 YYYY-MM-DD", d, "date");
		return;
	}
	struct warn_list l;
	warn_list_init(&l, today, r->arena);
	if (api_evaluation_each(r, l.year, req_query(r, "region"),
	    warn_collect, &l)) {
		warn_list_free(&l);
		return;
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
