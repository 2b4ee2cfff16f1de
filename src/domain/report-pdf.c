/*
 * A report as PDF: a 公文 laid out by GB/T 9704-2012 (report/gongwen.h).
 * The annual report goes out under its organ's 版头 (发文机关标志, its
 * 发文字号 once signed, the rule) to its recipients as 主送机关, signed
 * by the organ; a 述法报告 is the leader's own, without a 版头, signed
 * by the leader. The 成文日期 is the day it was signed (Beijing time), a
 * draft's the day it was last edited; the 版记 (印发机关和印发日期) is
 * printed once the report is signed. What it is in the system (its
 * status, who typed it, its id) is not on the page: the page is the
 * document. The same bytes serve the staff pages, the API and the
 * portal; only what reaches this function differs (the portal passes
 * published reports only). A render costs a second of CPU: each version
 * of a report is rendered once, kept by its digest (report/pdf-cache.h),
 * so a flood of requests for a published report costs one render.
 *
 * The same 公文 is the editable .docx (report/docx.h) an office finishes
 * in WPS or Word: report_gongwen builds it once for both. Writing a
 * .docx costs milliseconds (no fonts, no layout), so it is not cached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/sm3.h"
#include "base/text.h"
#include "domain/report.h"
#include "report/docx.h"
#include "report/gongwen.h"
#include "report/pdf-cache.h"

struct job {
	struct dom *d;
	const struct report_doc *rep;
};

/* The day of a stored time (date_of_stamp: Beijing, no later than
 * today) into y/m/d; 0, or -1 for none. */
static int
day_of(const char *utc, int *y, int *m, int *day)
{
	date_t d = date_of_stamp(utc);
	if (d == DATE_NONE)
		return -1;
	date_to_ymd(d, y, m, day);
	return 0;
}

void
report_gongwen(struct dom *d, const struct report_doc *rep,
    struct gw_doc *out)
{
	struct arena *a = d->arena;
	int annual = strcmp(rep->kind, "annual") == 0;
	int issued = strcmp(rep->status, "draft") != 0;
	const char *to = NULL;
	for (size_t i = 0; i < rep->nrecipients; i++)
		to = arena_printf(a, "%s%s%s", to ? to : "", to ? "、" : "",
		    rep->recipients[i].label);
	size_t ns = rep->nsections;
	struct gw_block *body = arena_alloc(a, (2 * ns + 1) * sizeof *body);
	size_t nb = 0;
	for (size_t i = 0; i < ns; i++) {
		body[nb++] = (struct gw_block){ GW_HEADING,
			rep->sections[i].title };
		if (rep->sections[i].text != NULL)
			body[nb++] = (struct gw_block){ GW_TEXT,
				rep->sections[i].text };
	}
	struct gw_doc doc = {
		.organ_mark = annual ? arena_printf(a, "%s文件",
		    rep->organ_name) : NULL,
		.number = rep->number_seq > 0 ? arena_printf(a, "〔%d〕%d号",
		    rep->number_year, rep->number_seq) : NULL,
		.title = rep->title,
		.addressee = to,
		.body = body,
		.nbody = nb,
		.signer = annual || rep->person_name == NULL ? rep->organ_name :
		    rep->person_name,
		.seal = annual,
		.author = rep->organ_name,
		.created = rep->published_on ? arena_printf(a, "%sT00:00:00",
		    rep->published_on) : rep->created_at,
	};
	if (day_of(issued ? rep->signed_at : rep->updated_at, &doc.year,
	    &doc.month, &doc.day) && day_of(rep->created_at, &doc.year,
	    &doc.month, &doc.day))
		doc.year = 0;
	if (issued && annual) {
		doc.printer = rep->organ_name;
		doc.print_year = doc.year;
		doc.print_month = doc.month;
		doc.print_day = doc.day;
	}
	*out = doc;
}

/* The PDF of the job's report into *pdf (malloc'd) and *len; -1 with
 * d->fault. */
static int
render(struct job *j, char **pdf, size_t *len)
{
	struct gw_doc doc;
	char err[256] = "";
	report_gongwen(j->d, j->rep, &doc);
	if (gongwen_render(&doc, pdf, len, err, sizeof err))
		return dom_refuse(j->d, 500, "无法生成 PDF (PDF rendering failed)",
		    arena_strdup(j->d->arena, err), NULL);
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

int
report_docx(struct dom *d, const struct report_doc *rep, char **docx,
    size_t *len, const char **name)
{
	struct gw_doc doc;
	char err[256] = "";
	*name = arena_printf(d->arena, "%s%d年度%s.docx", rep->organ_name,
	    rep->year, report_kind_label(rep->kind));
	report_gongwen(d, rep, &doc);
	if (docx_render(&doc, docx, len, err, sizeof err))
		return dom_refuse(d, 500, "无法生成 Word 文档 (DOCX rendering "
		    "failed)", arena_strdup(d->arena, err), NULL);
	return 0;
}
