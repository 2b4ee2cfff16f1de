/*
 * Bulk work over HTTP: uploading a sheet of people's posts or of ledger
 * records (the body: a multipart form's file, or the file itself), and
 * reviewing several records at once. domain/bulk.c decides; this answers
 * its verdict as JSON: the counts, or a problem whose errors list every
 * bad row and column (field: the column's header, else its letter, else
 * "file").
 */
#include <string.h>

#include "api/api.h"
#include "domain/bulk.h"

/* POST /api/v1/uploads/{kind}: kind "people" or "records". */
void
api_upload(struct request *r)
{
	const char *what = r->params[0];
	enum bulk_kind kind;
	if (strcmp(what, "people") == 0)
		kind = BULK_PEOPLE;
	else if (strcmp(what, "records") == 0)
		kind = BULK_RECORDS;
	else {
		resp_problem(r, 404, "没有这种导入 (no such upload: people or "
		    "records)", what, NULL);
		return;
	}
	/* A form's file, else the raw body (at most max_body bytes). */
	const void *data = r->file.present ? r->file.data.data : r->body.data;
	size_t len = r->file.present ? r->file.data.len : r->body.len;
	struct dom d;
	struct bulk_result res;
	req_dom(r, &d);
	if (bulk_upload(&d, kind, data, len, &res) == 0) {
		resp_json(r, 200, json_pack("{s:I, s:I, s:I}", "rows",
		    (json_int_t)res.rows, "added", (json_int_t)res.added, "people",
		    (json_int_t)res.people));
		return;
	}
	if (d.fault.status != 400 || res.nerrors == 0) {
		resp_fault(r, &d.fault);
		fault_clear(&d.fault);
		return;
	}
	/* Each bad cell: its row and column as the sheet shows them, the
	 * column's header, the reason, and the whole as one line. */
	json_t *errors = json_array();
	for (size_t i = 0; i < res.nerrors; i++) {
		const struct bulk_error *e = &res.errors[i];
		json_array_append_new(errors, json_pack("{s:I, s:s*, s:s, s:s, "
		    "s:s}", "row", (json_int_t)e->row, "column", *e->col ? e->col :
		    NULL, "field", e->label ? e->label : *e->col ? e->col : "file",
		    "reason", e->reason, "message", bulk_error_text(&d, e)));
	}
	resp_problem_fields(r, 400, d.fault.title, errors);
	fault_clear(&d.fault);
}

/* POST /api/v1/records/review: {"ids": [...], "status": "verified" or
 * "rejected", "note": "..."}, all or nothing. */
void
api_records_review(struct request *r)
{
	struct dom d;
	json_t *body = api_body(r, &d);
	if (body == NULL)
		return;
	const char *status = json_string_value(json_object_get(body, "status"));
	const char *note = json_string_value(json_object_get(body, "note"));
	json_t *list = json_object_get(body, "ids");
	if (status == NULL || (strcmp(status, "verified") != 0 &&
	    strcmp(status, "rejected") != 0)) {
		resp_problem(r, 400, "status 应为 verified 或 rejected", NULL,
		    "status");
		json_decref(body);
		return;
	}
	size_t n = json_array_size(list);
	const char **ids = arena_alloc(r->arena, (n + 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++)
		if ((ids[i] = json_string_value(json_array_get(list, i))) ==
		    NULL) {
			resp_problem(r, 400, "ids 应为记录编号的列表", NULL, "ids");
			json_decref(body);
			return;
		}
	long changed = 0;
	if (!api_refused(r, &d, bulk_review(&d, ids, n, status, note,
	    &changed)))
		resp_json(r, 200, json_pack("{s:I, s:I}", "records",
		    (json_int_t)n, "changed", (json_int_t)changed));
	fault_clear(&d.fault);
	json_decref(body);
}
