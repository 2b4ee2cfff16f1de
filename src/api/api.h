/*
 * The JSON API under /api/v1 (routes in src/http/routes.c). Handlers check
 * scope where they read and write; errors are RFC 9457 problems naming
 * the field at fault.
 */
#ifndef LVZHI_API_H
#define LVZHI_API_H

#include <stdio.h>

#include "base/sm3.h"
#include "engine/eval.h"
#include "http/http.h"

void api_login(struct request *r);
void api_logout(struct request *r);
void api_me(struct request *r);
void api_token_create(struct request *r);
void api_tokens_list(struct request *r);
void api_token_revoke(struct request *r);
void api_openapi(struct request *r);
void api_regions(struct request *r);
void api_region_get(struct request *r);
void api_organ_get(struct request *r);
void api_records_list(struct request *r);
void api_record_create(struct request *r);
void api_record_get(struct request *r);
void api_record_update(struct request *r);
void api_record_verify(struct request *r);
void api_record_reject(struct request *r);
void api_evidence_list(struct request *r);
void api_evidence_upload(struct request *r);
void api_evidence_get(struct request *r);
void api_catalog(struct request *r);
void api_coverage(struct request *r);
void api_evaluation(struct request *r);
/* closing a year (api-closure.c) */
void api_evaluation_close(struct request *r);
void api_evaluation_reopen(struct request *r);
void api_evaluation_closures(struct request *r);
/* Closes (reopen 0) or reopens year for region as the caller: o has
 * year, region (default: the caller's), reason. Returns 0, or -1 having
 * answered with a problem. */
int api_closure_write(struct request *r, json_t *o, int reopen);
/* The closures of year holding path or inside it, and their history
 * (JSON arrays, caller frees both); 0 or -1. */
int api_closures_of(struct request *r, int year, const char *path,
    json_t **closures, json_t **history);
void api_scores_list(struct request *r);
void api_score_put(struct request *r);
void api_audit_list(struct request *r);
void api_warnings(struct request *r);

/* supervision (api-supervision.c) */
void api_inspections_list(struct request *r);
void api_inspection_create(struct request *r);
void api_inspection_get(struct request *r);
void api_finding_create(struct request *r);
void api_finding_determine_create(struct request *r);
void api_rectifications_list(struct request *r);
void api_rectification_create(struct request *r);
void api_rectification_get(struct request *r);
void api_rectification_status(struct request *r);
void api_rectification_upload(struct request *r);
void api_rectification_evidence_get(struct request *r);
void api_interviews_list(struct request *r);
void api_interview_create(struct request *r);
void api_interview_held(struct request *r);
void api_notices_list(struct request *r);
void api_notice_draft(struct request *r);
void api_notice_get(struct request *r);
void api_notice_update(struct request *r);
void api_notice_issue(struct request *r);
void api_notice_orders(struct request *r);

/* accountability (api-cases.c) */
void api_cases_list(struct request *r);
void api_case_create(struct request *r);
void api_case_get(struct request *r);
void api_case_transition(struct request *r);
void api_case_appeal(struct request *r);
void api_case_waiver(struct request *r);
void api_case_waiver_get(struct request *r);

/* reports (api-reports.c) */
void api_reports_list(struct request *r);
void api_report_draft(struct request *r);
void api_report_get(struct request *r);
void api_report_update(struct request *r);
void api_report_sign(struct request *r);
void api_report_lock(struct request *r);
void api_report_publish(struct request *r);
void api_report_pdf(struct request *r);
void api_rankings_xlsx(struct request *r);

/* ---- reports, shared by the handlers, the pages and the portal ---- */

/*
 * Report id as JSON (new reference) when r->user may read it: writers
 * of its organ and the offices, inspectors and discipline officers above
 * it; a leader only their own 述法. public: a published report, whoever
 * asks (the portal), and nothing else. NULL with *status 404 (none, or
 * not visible) or 500; nothing is answered.
 */
json_t *api_report_load(struct request *r, const char *id, int public,
    unsigned *status);
/*
 * The report listing's filter from the query (kind, year, status, organ,
 * region, page, per_page) held to r->user's scope, like
 * api_ledger_filter. Returns 1, 0 when the scope holds nothing, or -1
 * after answering with a problem.
 */
struct store_report_filter;
int api_report_filter(struct request *r, struct store_report_filter *f,
    char *path, size_t n, int *page, int *per_page);
/* Drafts a report from {kind, year, organ, person}: *id (arena) names
 * it. Edits a draft's title, sections and recipients (those given).
 * Each answers the request on failure and returns -1, else 0. */
int api_report_create(struct request *r, json_t *obj, const char **id);
int api_report_edit(struct request *r, const char *id, json_t *obj);
enum report_step { REPORT_SIGN, REPORT_LOCK, REPORT_PUBLISH };
/* Signs (a writer), locks or publishes (the office) report id;
 * published_on (YYYY-MM-DD, or NULL: today) only for publishing.
 * Answers on failure (403, 409 with the reason, 400) and returns -1. */
int api_report_step(struct request *r, const char *id, enum report_step step,
    const char *published_on);
/* The digest of a report as api_report_load gives it (every field, keys
 * sorted) in hex: it changes whenever anything the report shows does.
 * Returns 0 or -1. */
int api_report_digest(json_t *report, char hex[65]);
/*
 * Answers the report (as api_report_load gives it) as a PDF: rendered
 * once per version of the report (its digest) and sent from memory to
 * every request after (report/pdf-cache.h), as a download named
 * attachment, or inline when NULL. Returns 0, or -1 having answered a
 * problem (500).
 */
int api_report_pdf_send(struct request *r, json_t *report,
    const char *attachment);
/* The rankings of year over region (NULL: the caller's scope) as an
 * XLSX workbook in *data (malloc'd, the caller frees); answers on
 * failure and returns -1. */
int api_rankings_build(struct request *r, int year, const char *region,
    char **data, size_t *len);
/* 草稿/已签署/已锁定/已公开; 述法报告/法治政府建设年度报告; a recipient's
 * label from the catalog; a stored UTC time as Beijing time. */
const char *api_report_status_label(const char *status);
const char *api_report_kind_label(const char *kind);
const char *api_report_recipient_label(const struct catalog *c,
    const char *id);

/* ---- shared by API handlers and pages ---- */

/*
 * Looks up organ id and checks r->user may read it (write: write it).
 * field is NULL for an organ named by the path (/organs/{id}): one out
 * of scope is answered 404 like one that does not exist. Otherwise it
 * names the body or query field that gave id: an unknown organ is 404,
 * one outside the caller's scope 403, both naming the field (the rule of
 * docs/security.md, 访问控制). Returns 1 with *o filled, 0 after
 * answering 404/403, -1 after 500.
 */
int api_organ_access(struct request *r, const char *id, int write,
    const char *field, struct store_organ_info *o);

/* The stored record as JSON (import format without type, plus review
 * and naming fields); NULL when it does not exist or is out of scope.
 * *status receives 404 or 0 (or 500 on failure). */
json_t *api_record_load(struct request *r, const char *id, unsigned *status);

/* Whether p may read the audit log (admin, provincial office). */
int api_audit_readable(const struct principal *p);

/* Page and per_page from the query (per_page at most 200). */
void api_paging(struct request *r, int *page, int *per_page);

/*
 * The ledger filter a listing's query asks for (kind, status, q, from,
 * to, organ, region, page, per_page; empty values do not filter), held to
 * r->user's scope: clerks and leaders their organ, others their region
 * subtree. path (n bytes) is storage f->path may point into. Returns 1
 * with f and the paging filled; 0 when the scope holds nothing (a clerk
 * without an organ); -1 after answering the request with a problem.
 */
int api_ledger_filter(struct request *r, struct store_ledger_filter *f,
    char *path, size_t n, int *page, int *per_page);

/*
 * Writes the evaluation of year for region (NULL: the caller's scope) to
 * out as the contract's JSON (json) or CSV, limited to what r->user may
 * see. Returns 0, or answers the request with a problem and returns -1.
 */
int api_evaluation_write(struct request *r, int year, const char *region,
    FILE *out, int csv);
/*
 * The path of a region's code into path (n bytes); 0, or -1 after
 * answering: 500 on a failure, `missing` (400 for a region named in a
 * body, 404 in a query) naming `region` where there is no such region.
 */
int api_region_path(struct request *r, const char *region, char *path,
    size_t n, unsigned missing);

/* The same, calling emit per visible result (pages). */
int api_evaluation_each(struct request *r, int year, const char *region,
    int (*emit)(void *, const struct eval_result *), void *ctx);

/* Creates, edits or reviews records; shared by API and pages. Each
 * answers the request itself on failure and returns -1, else 0.
 * api_record_write validates (400), then asks auth/authority.h inside
 * the transaction (404 and 403 for the record as stored, the organ and
 * the person; 409 for a create's existing id) before it writes; inside
 * an open transaction it writes in it and leaves the commit, or the
 * rollback after a failure, to the caller. */
enum record_write {
	RECORD_EDIT,      /* PUT: the record as stored decides */
	RECORD_CREATE,    /* a new record; no row may have its id */
	RECORD_WORKFLOW,  /* a new record a workflow files (publishing an
	                   * annual report), under an id reserved to it */
};
int api_record_write(struct request *r, json_t *obj, const char *path_id,
    enum record_write how);
/* The id prefix reserved to the records a workflow files: nobody else
 * may create one, so a clerk cannot take the id a publication will use. */
#define RECORD_WORKFLOW_PREFIX "r-annual-"

int api_record_set_status(struct request *r, const char *id,
    const char *status, const char *note);
/* Stores an uploaded evidence file for a record (answers on failure). */
int api_evidence_store(struct request *r, const char *record,
    const char *evidence_date, int64_t *key);

/* An uploaded file as api_file_store kept it. */
struct api_file {
	char sm3[SM3_HEX_LEN]; /* its name in the store */
	char mime[128];        /* the type its content has */
	const char *filename;  /* as uploaded, without directories (arena) */
	int64_t size;
};
/*
 * Checks the request's uploaded file by its content (libmagic: PDF,
 * images and Office documents only) and stores it under its SM3 digest,
 * whole or not at all. Returns 0 with *f filled, or answers (400 no file,
 * 415 type not allowed, 500) and returns -1. The caller adds the row that
 * ties the file to what it proves, with its audit entry.
 */
int api_file_store(struct request *r, struct api_file *f);
/* Answers with the stored file sm3 as an attachment, after checking it
 * still has that digest (410 when gone, 500 when altered). */
void api_file_send(struct request *r, const char *sm3, const char *mime,
    const char *filename);
/* Answers with an authority's refusal (auth/authority.h) as a problem. */
struct fault;
void api_fault(struct request *r, const struct fault *f);
/* Returns rc; when it is not 0, first moves f's detail (an id the
 * check was given, perhaps in storage about to be freed: an importer's
 * arena) into the request's arena. */
int api_fault_keep(struct request *r, struct fault *f, int rc);
/* A diag sink appending {field, reason} to the JSON array ctx. */
void api_collect_error(void *ctx, const char *field, const char *reason);
/* Scores a qualitative duty (answers on failure). */
int api_score_write(struct request *r, json_t *obj);

/*
 * The caller's own API tokens (api-tokens.c), for the API and the account
 * page: each answers nothing on success and sets a problem on r on
 * failure. api_tokens_load: {"items": [...]} (newest first, at most 200);
 * api_token_mint: the new token, its secret shown this once, after the
 * password is asked again (400 missing, 403 wrong, 429 locked);
 * api_token_end: revokes the caller's token id and returns it as listed
 * (404 when the caller has no such token). The caller owns what they
 * return.
 */
json_t *api_tokens_load(struct request *r);
json_t *api_token_mint(struct request *r, const char *label,
    const char *password);
json_t *api_token_end(struct request *r, const char *id);

#endif
