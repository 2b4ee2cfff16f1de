/*
 * The evaluation as the caller may see it: the region asked for checked
 * against the caller's scope (or the caller's own region found), then
 * the engine's results of (year, region) from engine/eval-cache when
 * nothing was written since they were made, else run (and kept), each
 * passed on only when the caller may see it (an office or inspector its
 * whole region, a clerk its organ's leaders, a leader their own).
 *
 * The API's evaluation (api-eval.c), the reports' first drafts and the
 * rankings workbook (domain/report*.c, domain/rankings.c) and the pages
 * read it through here, so none can see more than another.
 */
#ifndef LVZHI_DOMAIN_EVALUATION_H
#define LVZHI_DOMAIN_EVALUATION_H

#include "domain/domain.h"
#include "engine/eval.h"

/* The region an evaluation of the caller covers when none is asked for
 * (arena), or NULL. */
const char *evaluation_default_region(struct dom *d);
/* Checks that region exists (404 naming "region", 500) and lies in the
 * caller's scope (403). Returns 0 or -1 with d->fault. */
int evaluation_region_ok(struct dom *d, const char *region);
/* Checks the region asked for (*region), or puts the caller's own in
 * *region; without one only the administrator, or a leader limited to
 * their own results, may evaluate everything (403). 0 or -1. */
int evaluation_scope(struct dom *d, const char **region);
/*
 * The results of (year, region) the caller may see: emit per result, or
 * emit_text (may be NULL) for a cached one with its JSON text. region
 * was checked (evaluation_scope). A non-zero callback stops the run.
 * Returns 0, or -1 with d->fault (500).
 */
int evaluation_run(struct dom *d, int year, const char *region,
    int (*emit)(void *, const struct eval_result *),
    int (*emit_text)(void *, const struct eval_result *, const char *,
    size_t), void *ctx);
/* evaluation_scope, then evaluation_run with emit only. 0 or -1. */
int evaluation_each(struct dom *d, int year, const char *region,
    int (*emit)(void *, const struct eval_result *), void *ctx);

#endif
