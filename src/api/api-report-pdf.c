/*
 * A report as PDF (report/pdf.c sets it): the title, a few lines saying
 * whose report it is and where it stands (organ, year, status with who
 * signed and when, the recipients of an annual report), then every
 * section. The same bytes serve the staff pages, the API and the portal;
 * only what reaches this function differs (the portal passes published
 * reports only). A render costs a second of CPU: each version of a
 * report is rendered once, kept by its digest (report/pdf-cache.h), so
 * a flood of requests for a published report costs one render.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api-reports.h"
#include "api/api.h"
#include "base/sm3.h"
#include "base/text.h"
#include "report/pdf-cache.h"
#include "report/pdf.h"

#define LINES_MAX 6

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* "状态:已锁定 · 签署:张三 2026-03-01 10:00 · 锁定:…". */
static const char *
status_line(struct request *r, json_t *rep)
{
	struct arena *a = r->arena;
	const char *s = arena_printf(a, "状态:%s", str(rep, "status_label"));
	if (str(rep, "signed_by") != NULL)
		s = arena_printf(a, "%s · 签署:%s %s", s, str(rep, "signed_by"),
		    date_beijing(a, str(rep, "signed_at")));
	if (str(rep, "locked_at") != NULL)
		s = arena_printf(a, "%s · 锁定:%s", s, date_beijing(a,
		    str(rep, "locked_at")));
	if (str(rep, "published_on") != NULL)
		s = arena_printf(a, "%s · 公开日期:%s%s", s, str(rep, "published_on"),
		    json_is_true(json_object_get(rep, "late")) ? "(逾期)" : "");
	return s;
}

/* The PDF of rep into *pdf (malloc'd) and *len; answers on failure and
 * returns -1. */
static int
render(struct request *r, json_t *rep, char **pdf, size_t *len)
{
	struct arena *a = r->arena;
	const char *lines[LINES_MAX];
	size_t n = 0;
	json_t *x;
	size_t i;
	lines[n++] = arena_printf(a, "%s · %s", str(rep, "organ_name"),
	    str(rep, "region_name"));
	lines[n++] = arena_printf(a, "%lld 年度 · %s%s%s",
	    (long long)json_integer_value(json_object_get(rep, "year")),
	    api_report_kind_label(str(rep, "kind")), str(rep, "person_name") ?
	    " · " : "", str(rep, "person_name") ? str(rep, "person_name") : "");
	lines[n++] = status_line(r, rep);
	json_t *to = json_object_get(rep, "recipients");
	if (json_array_size(to) > 0) {
		const char *s = "报送:";
		json_array_foreach(to, i, x)
			s = arena_printf(a, "%s%s%s", s, i ? "、" : "",
			    str(x, "label"));
		lines[n++] = s;
	}
	json_t *sections = json_object_get(rep, "sections");
	size_t ns = json_array_size(sections);
	struct pdf_section *sec = arena_alloc(a, (ns ? ns : 1) * sizeof *sec);
	json_array_foreach(sections, i, x)
		sec[i] = (struct pdf_section){ str(x, "title"), str(x, "text") };
	const char *on = str(rep, "published_on");
	struct pdf_doc doc = {
		.title = str(rep, "title"),
		.lines = lines,
		.nlines = n,
		.sections = sec,
		.nsections = ns,
		.footer = arena_printf(a, "履职 lvzhi · 报告编号 %s", str(rep, "id")),
		.author = str(rep, "organ_name"),
		.created = on ? arena_printf(a, "%sT00:00:00", on) :
		    str(rep, "created_at"),
	};
	char err[256] = "";
	if (pdf_render(&doc, pdf, len, err, sizeof err)) {
		resp_problem(r, 500, "无法生成 PDF (PDF rendering failed)", err,
		    NULL);
		return -1;
	}
	return 0;
}

int
api_report_digest(json_t *report, char hex[65])
{
	char *text = json_dumps(report, JSON_COMPACT | JSON_SORT_KEYS);
	int rc = text == NULL || sm3_hex(text, strlen(text), hex) ? -1 : 0;
	free(text);
	return rc;
}

struct job {
	struct request *r;
	json_t *rep;
};

/* pdf_cache_get's render: the PDF, and a line for the operator, who can
 * see that a version is rendered once. */
static int
render_job(void *ctx, char **pdf, size_t *len)
{
	struct job *j = ctx;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (render(j->r, j->rep, pdf, len))
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	const char *id = str(j->rep, "id");
	char safe[4 * 64 + 1];
	text_escape(safe, sizeof safe, id ? id : "", 1);
	fprintf(stderr, "lvzhi: PDF of report %s rendered (%zu bytes, "
	    "%.0f ms)\n", safe, *len, (t1.tv_sec - t0.tv_sec) * 1e3 +
	    (t1.tv_nsec - t0.tv_nsec) / 1e6);
	return 0;
}

int
api_report_pdf_send(struct request *r, json_t *report,
    const char *attachment)
{
	char key[SM3_HEX_LEN];
	struct job j = { r, report };
	int fresh;
	if (api_report_digest(report, key)) {
		resp_problem(r, 500, "内部错误", "report digest", NULL);
		return -1;
	}
	struct pdf_cache_entry *e = pdf_cache_get(key, render_job, &j, &fresh);
	if (e == NULL) {
		/* The render answered its problem; a waiter whose renderer
		 * failed, or a failed allocation, has not. */
		if (r->status < 500)
			resp_problem(r, 500, "无法生成 PDF (PDF rendering failed)",
			    NULL, NULL);
		return -1;
	}
	size_t len;
	const char *pdf = pdf_cache_data(e, &len);
	resp_bytes_shared(r, 200, "application/pdf", pdf, len, attachment,
	    pdf_cache_release, e);
	return 0;
}

void
api_report_pdf(struct request *r)
{
	unsigned status;
	json_t *rep = api_report_load(r, r->params[0], 0, &status);
	if (rep == NULL) {
		api_report_missing(r, status, r->params[0]);
		return;
	}
	api_report_pdf_send(r, rep, arena_printf(r->arena, "%s.pdf",
	    str(rep, "id")));
	json_decref(rep);
}
