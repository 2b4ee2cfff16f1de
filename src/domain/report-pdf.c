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

#include "base/date.h"
#include "base/sm3.h"
#include "base/text.h"
#include "domain/report.h"
#include "report/pdf-cache.h"
#include "report/pdf.h"

#define LINES_MAX 6

/* "状态:已锁定 · 签署:张三 2026-03-01 10:00 · 锁定:…". */
static const char *
status_line(struct arena *a, const struct report_doc *rep)
{
	const char *s = arena_printf(a, "状态:%s", rep->status_label);
	if (rep->signed_by != NULL)
		s = arena_printf(a, "%s · 签署:%s %s", s, rep->signed_by,
		    date_beijing(a, rep->signed_at));
	if (rep->locked_at != NULL)
		s = arena_printf(a, "%s · 锁定:%s", s, date_beijing(a,
		    rep->locked_at));
	if (rep->published_on != NULL)
		s = arena_printf(a, "%s · 公开日期:%s%s", s, rep->published_on,
		    rep->late ? "(逾期)" : "");
	return s;
}

struct job {
	struct dom *d;
	const struct report_doc *rep;
};

/* The PDF of the job's report into *pdf (malloc'd) and *len; -1 with
 * d->fault. */
static int
render(struct job *j, char **pdf, size_t *len)
{
	struct arena *a = j->d->arena;
	const struct report_doc *rep = j->rep;
	const char *lines[LINES_MAX];
	size_t n = 0;
	lines[n++] = arena_printf(a, "%s · %s", rep->organ_name,
	    rep->region_name);
	lines[n++] = arena_printf(a, "%d 年度 · %s%s%s", rep->year,
	    report_kind_label(rep->kind), rep->person_name ? " · " : "",
	    rep->person_name ? rep->person_name : "");
	lines[n++] = status_line(a, rep);
	if (rep->nrecipients > 0) {
		const char *s = "报送:";
		for (size_t i = 0; i < rep->nrecipients; i++)
			s = arena_printf(a, "%s%s%s", s, i ? "、" : "",
			    rep->recipients[i].label);
		lines[n++] = s;
	}
	size_t ns = rep->nsections;
	struct pdf_section *sec = arena_alloc(a, (ns ? ns : 1) * sizeof *sec);
	for (size_t i = 0; i < ns; i++)
		sec[i] = (struct pdf_section){ rep->sections[i].title,
			rep->sections[i].text };
	const char *on = rep->published_on;
	struct pdf_doc doc = {
		.title = rep->title,
		.lines = lines,
		.nlines = n,
		.sections = sec,
		.nsections = ns,
		.footer = arena_printf(a, "履职 lvzhi · 报告编号 %s", rep->id),
		.author = rep->organ_name,
		.created = on ? arena_printf(a, "%sT00:00:00", on) :
		    rep->created_at,
	};
	char err[256] = "";
	if (pdf_render(&doc, pdf, len, err, sizeof err))
		return dom_refuse(j->d, 500, "无法生成 PDF (PDF rendering failed)",
		    arena_strdup(a, err), NULL);
	return 0;
}

/* pdf_cache_get's render: the PDF, and a line for the operator, who can
 * see that a version is rendered once. */
static int
render_job(void *ctx, char **pdf, size_t *len)
{
	struct job *j = ctx;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (render(j, pdf, len))
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	char safe[4 * 64 + 1];
	text_escape(safe, sizeof safe, j->rep->id ? j->rep->id : "", 1);
	fprintf(stderr, "lvzhi: PDF of report %s rendered (%zu bytes, "
	    "%.0f ms)\n", safe, *len, (t1.tv_sec - t0.tv_sec) * 1e3 +
	    (t1.tv_nsec - t0.tv_nsec) / 1e6);
	return 0;
}

int
report_pdf(struct dom *d, const struct report_doc *rep,
    struct pdf_cache_entry **entry, const char **pdf, size_t *len)
{
	char key[SM3_HEX_LEN];
	struct job j = { d, rep };
	int fresh;
	if (report_digest(rep, key))
		return dom_refuse(d, 500, "内部错误", "report digest", NULL);
	d->fault.status = 0;
	*entry = pdf_cache_get(key, render_job, &j, &fresh);
	if (*entry == NULL) {
		/* The render set its fault; a waiter whose renderer failed,
		 * or a failed allocation, has not. */
		if (d->fault.status == 0)
			return dom_refuse(d, 500, "无法生成 PDF (PDF rendering "
			    "failed)", NULL, NULL);
		return -1;
	}
	*pdf = pdf_cache_data(*entry, len);
	return 0;
}
