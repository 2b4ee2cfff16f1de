/*
 * The JSON API under /api/v1 (routes in src/http/routes.c). Handlers check
 * scope where they read and write; errors are RFC 9457 problems naming
 * the field at fault.
 */
#ifndef LVZHI_API_H
#define LVZHI_API_H

#include <stdio.h>

#include "engine/eval.h"
#include "http/http.h"

void api_login(struct request *r);
void api_logout(struct request *r);
void api_me(struct request *r);
void api_token_create(struct request *r);
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
void api_scores_list(struct request *r);
void api_score_put(struct request *r);
void api_audit_list(struct request *r);
void api_warnings(struct request *r);

/* supervision (api-supervision.c) */
void api_inspections_list(struct request *r);
void api_inspection_create(struct request *r);
void api_inspection_get(struct request *r);
void api_finding_create(struct request *r);
void api_rectifications_list(struct request *r);
void api_rectification_create(struct request *r);
void api_rectification_get(struct request *r);
void api_rectification_status(struct request *r);
void api_rectification_upload(struct request *r);
void api_interviews_list(struct request *r);
void api_interview_create(struct request *r);
void api_interview_held(struct request *r);
void api_notices_list(struct request *r);
void api_notice_draft(struct request *r);
void api_notice_get(struct request *r);
void api_notice_issue(struct request *r);

/* accountability (api-cases.c) */
void api_cases_list(struct request *r);
void api_case_create(struct request *r);
void api_case_get(struct request *r);
void api_case_transition(struct request *r);
void api_case_appeal(struct request *r);

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

/* ---- shared by API handlers and pages ---- */

/*
 * Looks up organ id and checks r->user may read it (write: write it).
 * Returns 1 with *o filled, 0 after answering 404/403, -1 after 500.
 */
int api_organ_access(struct request *r, const char *id, int write,
    struct store_organ_info *o);

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
/* The same, calling emit per visible result (pages). */
int api_evaluation_each(struct request *r, int year, const char *region,
    int (*emit)(void *, const struct eval_result *), void *ctx);

/* Creates, edits or reviews records; shared by API and pages. Each
 * answers the request itself on failure and returns -1, else 0. */
int api_record_write(struct request *r, json_t *obj, const char *path_id,
    int create);
int api_record_set_status(struct request *r, const char *id,
    const char *status, const char *note);
/* Stores an uploaded evidence file for a record (answers on failure). */
int api_evidence_store(struct request *r, const char *record,
    const char *evidence_date, int64_t *key);
/* A diag sink appending {field, reason} to the JSON array ctx. */
void api_collect_error(void *ctx, const char *field, const char *reason);
/* Scores a qualitative duty (answers on failure). */
int api_score_write(struct request *r, json_t *obj);

#endif
