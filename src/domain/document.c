/*
 * The documents the system issues (domain/document.h): the table, and
 * the list, the render and the numbering that serve every row of it.
 * The builders that fill each document's context live beside
 * (document-context.c); the text is the catalog's.
 */
#include "domain/document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/sm3.h"
#include "report/document.h"
#include "report/docx.h"
#include "report/gongwen.h"
#include "report/pdf-cache.h"
#include "store/store-documents.h"

/*
 * Every document the system issues. A row's template is looked up in the
 * catalog version in force on the document's date; a version without
 * it has no such document (404), so another province's catalog may
 * leave one out.
 */
static const struct document_kind kinds[] = {
	{ "interview-notice", "interviews", "interview.schedule",
	    document_interview },
	{ "interview-record", "interviews", NULL, document_interview },
	{ "rectification-notice", "rectifications", "rectification.issue",
	    document_rectification },
	{ "rectification-report", "rectifications", "rectification.submit",
	    document_rectification },
	{ "accountability-decision", "cases", "case.decide", document_case },
	{ "commendation-notice", "notices", "notice.issue", document_notice },
	{ "interview-order-notice", "notices", "notice.issue",
	    document_notice },
	{ "criticism-notice", "notices", "notice.issue", document_notice },
	/* One to each recipient (`several`); it bears the report's own
	 * 发文字号. */
	{ "annual-report-cover", "reports", NULL, document_report_cover },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* The rows that serve several documents of one entity, and how they are
 * listed (document.h: document_variants). */
static const struct {
	const char *template;
	document_variants variants;
} several[] = {
	{ "annual-report-cover", report_cover_variants },
};

/* Row k's variants, or NULL: one document per entity. */
static document_variants
variants_of(const struct document_kind *k)
{
	for (size_t i = 0; i < sizeof several / sizeof *several; i++)
		if (strcmp(several[i].template, k->template) == 0)
			return several[i].variants;
	return NULL;
}

const char *
document_mime(enum document_format format)
{
	return format == DOCUMENT_PDF ? "application/pdf" : DOCX_MIME;
}

int
document_collection_known(const char *collection)
{
	for (size_t i = 0; collection != NULL && i < NKINDS; i++)
		if (strcmp(kinds[i].collection, collection) == 0)
			return 1;
	return 0;
}

/* The template of row k in the catalog version in force on day (NULL:
 * today), or NULL; the version into *v when v is not NULL. */
static const struct catalog_document *
template_at(struct dom *d, const struct document_kind *k, const char *day,
    const struct catalog **v)
{
	date_t on = date_today();
	if (day != NULL && date_parse(day, &on))
		on = date_today();
	const struct catalog *c = catalog_version_at(d->catalog, on);
	if (v != NULL)
		*v = c;
	return catalog_document(c, k->template);
}

static const char *
subject_of(struct dom *d, const struct document_kind *k, const char *id)
{
	return arena_printf(d->arena, "%s/%s", k->collection, id);
}

/* The 发文字号 of row k's document about id into *number (arena; NULL
 * when it has none). 0, or -1 (500). */
static int
number_of(struct dom *d, const struct document_kind *k, const char *id,
    const char **number)
{
	int year = 0, seq = 0;
	int rc = store_doc_number_get(d->store, k->template, subject_of(d, k,
	    id), &year, &seq);
	if (rc < 0)
		return dom_fail(d, 0);
	*number = rc > 0 ? arena_printf(d->arena, "〔%d〕%d号", year, seq) :
	    NULL;
	return 0;
}

/* Row k's context about id, the document asked for as name (the row's
 * template, or "template:variant"): 0 with *ctx (the caller's to
 * release) and *m, or -1 with the fault. */
static int
build(struct dom *d, const struct document_kind *k, const char *name,
    const char *id, json_t **ctx, struct document_meta *m)
{
	memset(m, 0, sizeof *m);
	*ctx = json_object();
	if (*ctx == NULL)
		return dom_refuse(d, 500, "内部错误", "out of memory", NULL);
	if (k->build(d, name, id, *ctx, m)) {
		json_decref(*ctx);
		*ctx = NULL;
		return -1;
	}
	return 0;
}

int
document_list(struct dom *d, const char *collection, const char *id,
    struct document_item **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (!document_collection_known(collection))
		return dom_refuse(d, 404, "没有这类文书 (no such collection)",
		    collection, NULL);
	for (size_t i = 0; i < NKINDS; i++) {
		const struct document_kind *k = &kinds[i];
		json_t *ctx;
		struct document_meta m;
		const char *one = k->template, **names = &one, **labels = NULL;
		size_t nv = 1;
		if (strcmp(k->collection, collection) != 0)
			continue;
		document_variants variants = variants_of(k);
		if (variants != NULL && variants(d, id, &names, &labels, &nv))
			return -1;
		for (size_t j = 0; j < nv; j++) {
			const char *name = labels == NULL ? k->template :
			    arena_printf(d->arena, "%s:%s", k->template, names[j]);
			if (build(d, k, name, id, &ctx, &m))
				return -1;
			/* A number the builder gives (a cover letter's, the
			 * report's) stands for the store's. */
			const char *given = json_string_value(json_object_get(ctx,
			    "number"));
			given = given ? arena_strdup(d->arena, given) : NULL;
			int own = json_object_get(ctx, "number") != NULL;
			json_decref(ctx);
			const struct catalog_document *t = template_at(d, k, m.date,
			    NULL);
			if (t == NULL || m.absent)
				continue;
			struct document_item *it = dom_push(d, out, n, &cap,
			    sizeof *it);
			it->template = name;
			it->name = labels == NULL ? t->name : arena_printf(d->arena,
			    "%s(%s)", t->name, labels[j]);
			it->pending = m.pending;
			it->issued = m.pending == NULL && !m.draft;
			it->number = given;
			if (t->number && !own && number_of(d, k, id, &it->number))
				return -1;
		}
	}
	return 0;
}

/* The row of template in collection: its template, or for a row with
 * variants "template:variant". */
static const struct document_kind *
find(const char *collection, const char *template)
{
	for (size_t i = 0; i < NKINDS; i++) {
		size_t n = strlen(kinds[i].template);
		if (strcmp(kinds[i].collection, collection) == 0 &&
		    strncmp(kinds[i].template, template, n) == 0 &&
		    (variants_of(&kinds[i]) == NULL ? template[n] == '\0' :
		    template[n] == ':' && template[n + 1] != '\0'))
			return &kinds[i];
	}
	return NULL;
}

struct job {
	struct dom *d;
	const struct catalog_document *t;
	const json_t *ctx;
	enum document_format format;
};

/* pdf_cache_get's render: the document filled and laid out. */
static int
render_job(void *arg, char **out, size_t *len)
{
	struct job *j = arg;
	struct gw_doc doc;
	char err[512] = "";
	if (document_fill(j->t, j->ctx, j->d->arena, &doc, err, sizeof err))
		return dom_refuse(j->d, 500, "文书模板有误 (the template does not "
		    "fit the document)", arena_strdup(j->d->arena, err), NULL);
	/* The DOCX from the very gw_doc the PDF is laid out from. */
	if ((j->format == DOCUMENT_PDF ? gongwen_render : docx_render)(&doc,
	    out, len, err, sizeof err))
		return dom_refuse(j->d, 500, "无法生成文书 (rendering failed)",
		    arena_strdup(j->d->arena, err), NULL);
	return 0;
}

int
document_render(struct dom *d, const char *collection, const char *id,
    const char *template, enum document_format format, const char **data,
    size_t *len, void **hold, void (**release)(void *), const char **name)
{
	const struct document_kind *k = collection && template ?
	    find(collection, template) : NULL;
	json_t *ctx;
	struct document_meta m;
	if (k == NULL)
		return dom_refuse(d, 404, "没有这份文书 (no such document)",
		    template, NULL);
	if (build(d, k, template, id, &ctx, &m))
		return -1;
	const struct catalog *v;
	const struct catalog_document *t = template_at(d, k, m.date, &v);
	const char *number = NULL;
	int rc = 0;
	if (m.absent)
		rc = dom_refuse(d, 404, "没有这份文书 (no such document)",
		    template, NULL);
	else if (t == NULL)
		rc = dom_refuse(d, 404, "现行职责清单没有这份文书的模板 (no such "
		    "template in the catalog)", template, NULL);
	else if (m.pending != NULL)
		rc = dom_refuse(d, 409, m.pending, NULL, NULL);
	else if (t->number && json_object_get(ctx, "number") == NULL)
		rc = number_of(d, k, id, &number);
	if (rc) {
		json_decref(ctx);
		return -1;
	}
	/* A number the builder gives (a cover letter's, the report's)
	 * stands. */
	if (json_object_get(ctx, "number") == NULL)
		json_object_set_new(ctx, "number", number ? json_string(number) :
		    json_null());
	json_object_set_new(ctx, "date", m.date ? json_string(m.date) :
	    json_null());
	if (m.issuer_name != NULL)
		json_object_set_new(ctx, "author", json_string(m.issuer_name));
	/* Kept by the digest of everything it is made from: the catalog's
	 * version, the template, the context, the format. */
	char *dump = json_dumps(ctx, JSON_SORT_KEYS | JSON_COMPACT);
	char *what = dump ? arena_printf(d->arena, "%s\n%s\n%d\n%s",
	    v ? v->digest : "", template, (int)format, dump) : NULL;
	free(dump);
	char key[SM3_HEX_LEN];
	if (what == NULL || sm3_hex(what, strlen(what), key)) {
		json_decref(ctx);
		return dom_refuse(d, 500, "内部错误", "document digest", NULL);
	}
	struct job j = { d, t, ctx, format };
	int fresh;
	d->fault.status = 0;
	struct pdf_cache_entry *e = pdf_cache_get(key, render_job, &j, &fresh);
	json_decref(ctx);
	if (e == NULL)
		return d->fault.status ? -1 : dom_refuse(d, 500, "无法生成文书 "
		    "(rendering failed)", NULL, NULL);
	*data = pdf_cache_data(e, len);
	*hold = e;
	*release = pdf_cache_release;
	*name = arena_printf(d->arena, "%s%s.%s", m.name ? m.name : "", t->name,
	    format == DOCUMENT_PDF ? "pdf" : "docx");
	return 0;
}

int
document_issue(struct dom *d, const char *collection, const char *id,
    const char *event)
{
	for (size_t i = 0; i < NKINDS; i++) {
		const struct document_kind *k = &kinds[i];
		json_t *ctx;
		struct document_meta m;
		int year = 0, seq = 0;
		if (strcmp(k->collection, collection) != 0 ||
		    k->issued_on == NULL || strcmp(k->issued_on, event) != 0)
			continue;
		if (build(d, k, k->template, id, &ctx, &m))
			return -1;
		json_decref(ctx);
		const struct catalog_document *t = template_at(d, k, m.date, NULL);
		if (t == NULL || !t->number || m.issuer == 0 || m.pending ||
		    m.draft || m.absent)
			continue;
		const char *subject = subject_of(d, k, id);
		int rc = store_doc_number_get(d->store, k->template, subject,
		    &year, &seq);
		char today[11];
		date_format(date_today(), today);
		const char *on = m.date ? m.date : today;
		if (rc < 0 || (rc == 0 && store_doc_number_add(d->store,
		    k->template, subject, m.issuer, atoi(on), on)))
			return -1;
	}
	return 0;
}
