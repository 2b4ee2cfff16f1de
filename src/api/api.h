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
#include "domain/record.h"
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
/* the nested lists of a region and an organ, paged (api-registry.c) */
void api_region_subregions(struct request *r);
void api_region_organs(struct request *r);
void api_organ_tenures(struct request *r);
/* the pickers' lookups by name (api-lookup.c); api_regions answers ?q=
 * through api_regions_lookup */
void api_people(struct request *r);
void api_organs(struct request *r);
void api_regions_lookup(struct request *r);
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
void api_inspection_close(struct request *r);
void api_finding_refer(struct request *r);

/* accountability (api-cases.c) */
void api_cases_list(struct request *r);
void api_case_create(struct request *r);
void api_case_get(struct request *r);
void api_case_transition(struct request *r);
void api_case_appeal(struct request *r);
void api_case_waiver(struct request *r);
void api_case_waiver_get(struct request *r);

/* reports (api-reports.c; the operations are domain/report.h) */
void api_reports_list(struct request *r);
void api_report_draft(struct request *r);
void api_report_get(struct request *r);
void api_report_update(struct request *r);
void api_report_sign(struct request *r);
void api_report_lock(struct request *r);
void api_report_publish(struct request *r);
void api_report_pdf(struct request *r);
void api_report_docx(struct request *r);
void api_rankings_xlsx(struct request *r);

/* accounts (api-accounts.c; the operations are domain/account.h) */
void api_accounts_list(struct request *r);
void api_account_create(struct request *r);
void api_account_get(struct request *r);
void api_account_disable(struct request *r);
void api_account_enable(struct request *r);
void api_account_password(struct request *r);
void api_account_tokens(struct request *r);
void api_account_token_revoke(struct request *r);
void api_account_tokens_revoke(struct request *r);
void api_me_password(struct request *r);

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

/* Page and per_page from the query (per_page at most 200). */
void api_paging(struct request *r, int *page, int *per_page);

/* The evaluation of year for region (NULL: the caller's scope), calling
 * emit per result r->user may see (domain/evaluation.h): 0, or -1 having
 * answered the fault. */
int api_evaluation_each(struct request *r, int year, const char *region,
    int (*emit)(void *, const struct eval_result *), void *ctx);

/* Creates or edits a record (domain/record.h: record_write), for the
 * handlers of other workflows that file one; answers the request itself
 * on failure and returns -1, else 0. */
int api_record_write(struct request *r, json_t *obj, const char *path_id,
    enum record_write how);

/* Answers with the stored file sm3 as an attachment, after checking it
 * still has that digest (410 when gone, 500 when altered). */
void api_file_send(struct request *r, const char *sm3, const char *mime,
    const char *filename);
/* Scores a qualitative duty (domain/record.h: score_write); answers on
 * failure. */
int api_score_write(struct request *r, json_t *obj);

/* bulk work (api-bulk.c) */
void api_upload(struct request *r);
void api_records_review(struct request *r);

/* the documents of an interview, a rectification, a case, a notice or
 * a report (api-documents.c): the list, and one as PDF or DOCX */
void api_documents(struct request *r);
void api_document_pdf(struct request *r);
void api_document_docx(struct request *r);

/* ---- the shape of a handler (api-answer.c) ---- */

/* How a handler answers the thing id names with status: its JSON, or
 * the fault of reading it. */
typedef void api_answer_fn(struct request *r, struct dom *d, const char *id,
    unsigned status);
/* The JSON body of r, with d filled from r; NULL having answered 400. */
json_t *api_body(struct request *r, struct dom *d);
/* An operation's outcome rc: d's fault as a problem, or (rc 0)
 * answer(r, d, id, status). */
void api_done(struct request *r, struct dom *d, int rc, api_answer_fn *answer,
    const char *id, unsigned status);
/* An operation's refusal: rc not 0 answers d's fault as a problem.
 * Returns rc, for the handler to stop on. */
int api_refused(struct request *r, struct dom *d, int rc);
/* The same for a create: 201 with Location under/id. */
void api_created(struct request *r, struct dom *d, int rc,
    api_answer_fn *answer, const char *id, const char *under);
/* GET of the thing the path names: answer(r, d, r->params[0], 200). */
void api_get(struct request *r, api_answer_fn *answer);
/* Answers a list page {items, page, per_page} (and total when >= 0). */
void api_page(struct request *r, json_t *items, int page, int per_page,
    long total);
/* A list answered as a bare array tells its paging in headers (RFC
 * 8288): Link with rel first, prev, next and last (route?query&page=
 * &per_page=; query the caller's other parameters, URL-safe, or "")
 * and X-Total-Count, the exact total. */
void api_page_headers(struct request *r, const char *route,
    const char *query, int page, int per_page, long total);
/* ?date= (default today) into *date: 0, or -1 having answered 400. */
int api_query_date(struct request *r, date_t *date);

#endif
