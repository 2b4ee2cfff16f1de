/*
 * The evaluation as a caller may see it: the same engine and the same
 * results as `lvzhi eval`, limited to the caller — an office or inspector
 * sees its region's subtree, a clerk its organ's leaders, a leader their
 * own results. A closed year's closed scopes answer with their frozen
 * results (engine/closure.h).
 *
 * Evaluations come from engine/eval-cache when nothing was written since
 * one was made (the audit log's last entry is the data version), with
 * each result's JSON kept beside it; which results the caller sees is
 * decided here, per call, either way. The API's GET /api/v1/evaluation,
 * the evaluation pages, the dashboard and every workflow that reads
 * results (notices, rankings, reports) go through here.
 */
#ifndef LVZHI_DOMAIN_EVALUATION_H
#define LVZHI_DOMAIN_EVALUATION_H

#include <stdio.h>

#include "domain/domain.h"
#include "engine/eval.h"

/* The per-result callbacks of one evaluation: emit for a result,
 * emit_text (may be NULL) for a cached result with its JSON text. */
typedef int (*evaluation_emit)(void *ctx, const struct eval_result *res);
typedef int (*evaluation_emit_text)(void *ctx, const struct eval_result *res,
    const char *text, size_t len);

/*
 * The path of region into path (n bytes): 0, or -1 with the fault — 500
 * on a failure, `missing` (400 for a region named in a body, 404 in a
 * query) naming "region" where there is no such region.
 */
int evaluation_region_path(struct dom *d, const char *region, char *path,
    size_t n, unsigned missing);
/* A region asked for in a query: known (404) and in the caller's scope
 * (403). Returns 0 or -1. */
int evaluation_region_ok(struct dom *d, const char *region);
/* The caller's own region (an office's, or its organ's), or NULL. */
const char *evaluation_default_region(struct dom *d);
/*
 * The region an evaluation covers: *region checked when given, else the
 * caller's own; without one only the administrator, or a leader limited
 * to their own results, may evaluate everything (403). Returns 0 or -1.
 */
int evaluation_scope(struct dom *d, const char **region);
/*
 * Evaluates year over region (checked already: evaluation_scope) and
 * calls emit (or emit_text, for a cached result) per result the caller
 * may see. Returns 0, or -1 with the fault (500).
 */
int evaluation_run(struct dom *d, int year, const char *region,
    evaluation_emit emit, evaluation_emit_text emit_text, void *ctx);
/* evaluation_scope, then evaluation_run with emit alone. */
int evaluation_each(struct dom *d, int year, const char *region,
    evaluation_emit emit, void *ctx);
/*
 * Writes the evaluation of year for region (NULL: the caller's scope) to
 * out as the contract's JSON (csv 0) or CSV, a closed scope with the head
 * it was closed under. Returns 0 or -1 with the fault.
 */
int evaluation_write(struct dom *d, int year, const char *region,
    FILE *out, int csv);

#endif
