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
#include "store/store-evalset.h"

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


/*
 * The evaluation as a table (evaluation-set.c): year over region
 * (evaluation_scope's check; a region inside the caller's own is read
 * from the caller's set) materialised in the store under the data's
 * version, so that pages filter, sort, count and page it in SQL. seen
 * holds what the caller may see (a clerk its organ, a leader their own),
 * laid over every filter below.
 */
struct evaluation_set {
	int64_t key;
	int year;
	const char *region;
	struct store_evalfilter seen;
};
/* Opens the set, made first when the data changed since: 0 or -1. */
int evaluation_set_open(struct dom *d, int year, const char *region,
    struct evaluation_set *es);
/* The number of results f selects (>= 0), or -1. */
long evaluation_set_count(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f);
/* Their counts by grade, provisional and vetoed: 0 or -1. */
int evaluation_set_tally(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f, long by_grade[GRADE_COUNT],
    long *provisional, long *veto);
/* Those of [offset, offset + limit) in sort's order, each rebuilt and
 * handed to emit: 0, or -1 with the fault. */
int evaluation_set_each(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f, enum store_evalsort sort, long offset,
    long limit, evaluation_emit emit, void *ctx);
/* All of them in the engine's order, each as a result without its duties
 * (person, organ, region, role, grade, score, provisional, veto, closed:
 * what a count reads), read from the set's rows without their documents:
 * 0, or -1 with the fault. */
int evaluation_set_rows(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f, evaluation_emit emit, void *ctx);
/* Per rule, verdict and pending, how many duties the results hold. */
int evaluation_set_duties(struct dom *d, const struct evaluation_set *es,
    int (*cb)(void *, const char *, int, int, long), void *ctx);
/* The records awaiting review in the set's whole scope, counted when it
 * was made: >= 0, -2 when es is a part of a set (the caller counts), or
 * -1 with the fault. */
long evaluation_set_awaiting(struct dom *d, const struct evaluation_set *es);
/* The duties at risk (risk 1), overdue (2) or both (0): how many, and
 * a page of them worst first. */
long evaluation_set_risk_count(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f, int risk);
int evaluation_set_risks(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f, int risk, long offset, long limit,
    int (*cb)(void *, const struct store_evalrisk *), void *ctx);
/* A stored duty at risk as the warning the engine judged (warn.h), its
 * strings copied into a (the store's last only through its callback);
 * the rule NULL when the catalog no longer has it. */
struct warn_item;
void evaluation_risk_item(const struct catalog *c, struct arena *a,
    const struct store_evalrisk *k, struct warn_item *it);

/* The qualitative duties (rules: ",a,b,") of the results the caller
 * sees, with their scores, a page in the engine's order, and their
 * number in *total: 0 or -1 (GET /api/v1/scores). */
int evaluation_set_scores(struct dom *d, const struct evaluation_set *es,
    const char *rules, long offset, long limit, long *total,
    int (*cb)(void *, const struct store_evalscore *), void *ctx);

#endif
