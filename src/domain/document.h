/*
 * The documents the system issues (约谈通知书, 整改通知书, 问责决定书,
 * 通报, reports' cover letters ...): one table (document.c) of
 * { template id, collection, the event that issues it, context builder }.
 * A document's text is its template in the catalog (the catalog file's
 * `document` blocks, of the version in force on the document's date),
 * filled from its context (report/document.h) and laid out as a 公文
 * (PDF: report/gongwen.h; DOCX: report/docx.h).
 *
 * One pair of functions serves every collection's documents, for the
 * API (GET /api/v1/{collection}/{id}/documents, …/documents/{template}/
 * pdf|docx) and the pages (the same paths without /api/v1): each checks
 * read authority through the collection's own loader, as its page and
 * API do (404 outside the caller's scope).
 *
 * A document that takes a 发文字号 (its template's `number: yes`) is
 * numbered when it is issued, in the issuing write's transaction
 * (document_issue), per issuing organ and year without gaps, with the
 * reports' numbers (store/store-documents.h); before, its number line
 * stays empty.
 */
#ifndef LVZHI_DOMAIN_DOCUMENT_H
#define LVZHI_DOMAIN_DOCUMENT_H

#include "domain/domain.h"

/* What a context builder says of the document besides its context. */
struct document_meta {
	const char *date;     /* 成文日期 YYYY-MM-DD; NULL: today */
	int64_t issuer;       /* the organ numbering it (organ.key); 0: none */
	const char *issuer_name; /* in whose name it is issued: the author */
	const char *pending;  /* not there yet: why (409), in Chinese */
	int draft;            /* there, not issued: rendered without its
	                       * 发文字号 (a notice's draft) */
	int absent;           /* this thing has no such document at all (a
	                       * notice of another kind): not listed, 404 */
	const char *name;     /* whom or what it is about, before the
	                       * template's name in the file's: 张三约谈通知书
	                       * .pdf; NULL: none */
};

/*
 * Fills ctx (an empty object) with the values of one document about the
 * entity id, loaded as d->user may see it (-1 with the fault: 404
 * outside their scope), and *m. template is the row's, for builders
 * that serve several.
 */
typedef int (*document_build)(struct dom *d, const char *template,
    const char *id, json_t *ctx, struct document_meta *m);

/*
 * A row that serves several documents of one entity (a report's cover
 * letters, one to each recipient; document.c's table `several`): their
 * ids and labels (arena), *n of them. Each is asked for as
 * "template:id", the name the builder is given as its template; -1 with
 * the fault as a builder's.
 */
typedef int (*document_variants)(struct dom *d, const char *id,
    const char ***ids, const char ***labels, size_t *n);

struct document_kind {
	const char *template;   /* the catalog's document id */
	const char *collection; /* "interviews", "rectifications", "cases",
	                         * "notices", "reports" */
	const char *issued_on;  /* the audit action of the write that issues
	                         * it (document_issue), or NULL */
	document_build build;
};

/* One document of an entity, as the list gives it. */
struct document_item {
	const char *template, *name; /* 约谈通知书 */
	const char *number;          /* "〔2026〕3号", or NULL */
	const char *pending;         /* not there yet: why; else NULL */
	int issued;                  /* there and issued (not a draft) */
};

/* The documents of collection's entity id: 0 with *n items in *out
 * (arena), or -1 (404 for an unknown collection or id). */
int document_list(struct dom *d, const char *collection, const char *id,
    struct document_item **out, size_t *n);

enum document_format { DOCUMENT_PDF, DOCUMENT_DOCX };
/* The media type of a format. */
const char *document_mime(enum document_format format);

/*
 * The document template of entity id of collection as format: 0 with
 * *data (*len bytes, held until release(*hold) is called) and *name (the
 * file's, arena), or -1: 404 (no such collection, entity, template or
 * format), 409 (not issued yet), 500.
 */
int document_render(struct dom *d, const char *collection, const char *id,
    const char *template, enum document_format format, const char **data,
    size_t *len, void **hold, void (**release)(void *), const char **name);

/*
 * Numbers the documents of collection's entity id that `event` (an
 * audit action: "interview.schedule") issues and whose template takes a
 * 发文字号. Call inside the writer's transaction, after the entity is
 * written. 0, or -1 (storage; the caller rolls back).
 */
int document_issue(struct dom *d, const char *collection, const char *id,
    const char *event);

/* The collection a page path names ("interviews") — 1 — or 0. */
int document_collection_known(const char *collection);

/* ---- the context builders (document-context.c) ---- */

/* Values every document has: issuer, regulation (《…》 of the catalog in
 * force on date), date (Chinese: 2026年12月6日). */
void document_common(struct dom *d, json_t *ctx, const char *issuer,
    const char *date);
/* The office in whose name the office over organ o issues (第八条's 上级
 * 党委, a department's own region's; a province's own organs: the
 * province's): its name into m->issuer_name and its party committee's
 * key into m->issuer. 0, or -1 (500). */
struct store_organ_info;
int document_office_of(struct dom *d, const struct store_organ_info *o,
    struct document_meta *m);
int document_interview(struct dom *d, const char *template, const char *id,
    json_t *ctx, struct document_meta *m);
int document_rectification(struct dom *d, const char *template,
    const char *id, json_t *ctx, struct document_meta *m);
int document_case(struct dom *d, const char *template, const char *id,
    json_t *ctx, struct document_meta *m);
int document_notice(struct dom *d, const char *template, const char *id,
    json_t *ctx, struct document_meta *m);
/* An annual report's cover letters (report-cover.c): one to each
 * recipient, "annual-report-cover:RECIPIENT". */
int document_report_cover(struct dom *d, const char *template,
    const char *id, json_t *ctx, struct document_meta *m);
int report_cover_variants(struct dom *d, const char *id, const char ***ids,
    const char ***labels, size_t *n);

#endif
