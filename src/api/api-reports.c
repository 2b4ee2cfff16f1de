/*
 * Reports over HTTP: the 述法 section of a leader's year-end report
 * (第七条) and the government's annual rule-of-law report (第六条(一)),
 * their PDF and .docx and the rankings workbook.
 *
 * Every handler decodes its input, calls the operation in
 * domain/report.h (which the pages call too, so a page cannot do more
 * than the API would), and answers the report as report_json gives it,
 * or the operation's fault as a problem.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/date.h"
#include "domain/report.h"
#include "report/docx.h"
#include "report/pdf-cache.h"

/* The fault as the problem the handlers have always answered: its
 * title, detail and field, or the list of field errors it carries
 * (which it then drops). */
static void
answer(struct request *r, struct fault *f)
{
	if (f->errors != NULL)
		resp_problem_fields(r, f->status, f->title,
		    json_incref(f->errors));
	else
		resp_problem(r, f->status ? f->status : 500, f->title ? f->title :
		    "内部错误", f->detail, f->field);
	fault_clear(f);
}

/* Answers report id as the caller may read it, with status. */
static void
answer_report(struct request *r, struct dom *d, const char *id,
    unsigned status)
{
	struct report_doc rep;
	if (report_load(d, id, 0, &rep)) {
		answer(r, &d->fault);
		return;
	}
	resp_json(r, status, report_json(&rep, 0));
	if (status == 201)
		resp_header(r, "Location", arena_printf(r->arena,
		    "/api/v1/reports/%s", id));
}

void
api_report_get(struct request *r)
{
	api_get(r, answer_report);
}

static int
list_row(void *ctx, const struct report_doc *rep)
{
	json_array_append_new(ctx, report_json(rep, 1));
	return 0;
}

void
api_reports_list(struct request *r)
{
	struct dom d;
	struct store_report_filter f;
	char path[512];
	struct report_query q = REPORT_QUERY(req_query, r);
	req_dom(r, &d);
	int rc = report_filter(&d, &q, &f, path, sizeof path);
	if (rc < 0) {
		answer(r, &d.fault);
		return;
	}
	json_t *items = json_array();
	long total = 0;
	if (rc && report_list(&d, &f, list_row, items, &total)) {
		json_decref(items);
		answer(r, &d.fault);
		return;
	}
	api_page(r, items, q.page, q.per_page, total);
}

/* Drafts a report from the body (id NULL; answered 201) or edits
 * report id (200). */
static void
draft_or_edit(struct request *r, const char *id)
{
	struct dom d;
	struct report_draft draft;
	struct report_edit edit;
	const char *made = id;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	if (id == NULL ? report_draft_from_json(&d, obj, &draft) ||
	    report_draft(&d, &draft, &made) : report_edit_from_json(&d, obj,
	    &edit) || report_edit(&d, id, &edit))
		answer(r, &d.fault);
	else
		answer_report(r, &d, made, id == NULL ? 201 : 200);
	json_decref(obj);
}

void
api_report_draft(struct request *r)
{
	draft_or_edit(r, NULL);
}

void
api_report_update(struct request *r)
{
	draft_or_edit(r, r->params[0]);
}

/* A step's body: none, or {} (sign, lock), or {published_on} (publish).
 * Sets *on (NULL: today); 0, or -1 having answered. */
static int
step_body(struct request *r, enum report_step step, const char **on)
{
	json_t *obj, *v;
	const char *key;
	*on = NULL;
	if (r->body.len == 0)
		return 0;
	if ((obj = req_json(r)) == NULL)
		return -1;
	int rc = 0;
	if (step != REPORT_PUBLISH && json_object_size(obj) > 0) {
		resp_problem(r, 400, "此操作不需要请求内容", NULL, NULL);
		rc = -1;
	}
	json_object_foreach(obj, key, v)
		if (rc == 0 && strcmp(key, "published_on") != 0) {
			resp_problem(r, 400, "未知字段 (unknown field)", key, key);
			rc = -1;
		}
	v = json_object_get(obj, "published_on");
	if (rc == 0 && v != NULL && !json_is_null(v) &&
	    (*on = json_string_value(v)) == NULL) {
		resp_problem(r, 400, "公开日期应为 YYYY-MM-DD", NULL,
		    "published_on");
		rc = -1;
	}
	if (*on != NULL)
		*on = arena_strdup(r->arena, *on);
	json_decref(obj);
	return rc;
}

static void
step_and_answer(struct request *r, enum report_step step)
{
	struct dom d;
	const char *on;
	if (step_body(r, step, &on))
		return;
	req_dom(r, &d);
	if (report_step(&d, r->params[0], step, on))
		answer(r, &d.fault);
	else
		answer_report(r, &d, r->params[0], 200);
}

void
api_report_sign(struct request *r)
{
	step_and_answer(r, REPORT_SIGN);
}

void
api_report_lock(struct request *r)
{
	step_and_answer(r, REPORT_LOCK);
}

void
api_report_publish(struct request *r)
{
	step_and_answer(r, REPORT_PUBLISH);
}

void
api_report_pdf(struct request *r)
{
	struct dom d;
	struct report_doc rep;
	struct pdf_cache_entry *e;
	const char *pdf;
	size_t len;
	req_dom(r, &d);
	if (report_load(&d, r->params[0], 0, &rep) ||
	    report_pdf(&d, &rep, &e, &pdf, &len))
		answer(r, &d.fault);
	else
		resp_bytes_shared(r, 200, "application/pdf", pdf, len,
		    arena_printf(r->arena, "%s.pdf", rep.id), pdf_cache_release,
		    e);
}

/* The editable .docx of the same 公文 as the PDF, named by the organ,
 * year and kind (no internal id). */
void
api_report_docx(struct request *r)
{
	struct dom d;
	struct report_doc rep;
	char *docx = NULL;
	const char *name;
	size_t len = 0;
	req_dom(r, &d);
	if (report_load(&d, r->params[0], 0, &rep) ||
	    report_docx(&d, &rep, &docx, &len, &name))
		answer(r, &d.fault);
	else
		resp_bytes(r, 200, DOCX_MIME, docx, len, name, 0);
	free(docx);
}

void
api_rankings_xlsx(struct request *r)
{
	struct dom d;
	const char *y = req_query(r, "year"), *region = req_query(r, "region");
	char *data = NULL;
	size_t len = 0;
	int year;
	if (y == NULL || date_parse_year(y, &year)) {
		resp_problem(r, 400, "需要考评年度 year=YYYY", y, "year");
		return;
	}
	if (region != NULL && *region == '\0')
		region = NULL;
	req_dom(r, &d);
	if (rankings_build(&d, year, region, &data, &len))
		answer(r, &d.fault);
	else
		resp_bytes(r, 200, RANKINGS_MIME, data, len, arena_printf(r->arena,
		    "排名-%d.xlsx", year), 0);
	free(data);
}
