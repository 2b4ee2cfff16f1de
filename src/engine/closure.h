/*
 * Closing a year (contract, "Closing a year").
 *
 * A closure freezes the results of year Y for a region's subtree (or the
 * whole database) as `eval --format json` printed them, with the catalog
 * version and its SM3 digest and who closed it, when and why. From then
 * on the evaluation of Y answers those results from the frozen copy,
 * whatever catalog is loaded and whatever is imported later; results
 * outside every closure are computed as usual and merged in the usual
 * order.
 *
 * Overlapping closures: a subtree already inside a closure of Y cannot
 * be closed again. A region whose subtree holds closures of Y (a
 * province closed after a county) may be closed: its closure freezes the
 * results the inner closures do not hold, which keep theirs. A closure
 * inside another cannot be reopened on its own: reopen the outer one
 * first; reopening the outer leaves the inner closed.
 */
#ifndef LVZHI_CLOSURE_H
#define LVZHI_CLOSURE_H

#include "engine/eval.h"

/*
 * eval_run with closed years: the same results in the same order, those
 * of closed subtrees from their frozen copy (closed set, frozen the
 * text). Returns 0, the emitter's value, or -1 with err filled.
 */
int closure_run(struct store *s, const struct catalog *c, int year,
    const char *region, eval_emit emit, void *ctx, long *count, char *err,
    size_t errlen);

/* The head of the evaluation JSON of (year, region): the closure's when a
 * closure holds the whole scope, else NULL. Caller frees.
 * Returns 0, or -1 with err filled. */
int closure_head(struct store *s, int year, const char *region,
    char **head, char *err, size_t errlen);

/* A result rebuilt into a from its JSON as `eval --format json` prints
 * it (a frozen copy, or a materialised one: store-evalset.h); its rules
 * from the copy, what the copy lacks from c's rule of the same id.
 * Returns 0 or -1 when the text does not read as a result. */
struct arena;
int closure_result_read(struct arena *a, const struct catalog *c,
    const char *doc, size_t len, struct eval_result *res);

/* Whether closing year on today needs a reason: before 1 April of Y+1,
 * while year-end reports for Y may still come in. */
int closure_needs_reason(int year, date_t today);

/* What closing or reopening answers besides 0. */
enum {
	CLOSURE_FAILED = -1, /* storage; err says why */
	CLOSURE_REFUSED = -2, /* bad request (unknown region, reason
	                        * missing, a year not ended); err says
	                        * "FIELD: why" */
	CLOSURE_CONFLICT = -3, /* the state refuses it (already closed, not
	                        * closed, inside another closure); err */
};

/* Closes year for region (NULL: everything) as actor, in a transaction
 * of its own, audited as year.close. *frozen receives the number of
 * results frozen. */
int closure_close(struct store *s, const struct catalog *c, int year,
    const char *region, const char *actor, const char *reason,
    long *frozen, char *err, size_t errlen);
/* Reopens it (a reason required), audited as year.reopen. */
int closure_reopen(struct store *s, int year, const char *region,
    const char *actor, const char *reason, char *err, size_t errlen);

/* What a notice made from a frozen result cites: "依据YYYY年M月D日结转的
 * 考评结果(SM3 …)" (the closure's date in Beijing time, the digest of the
 * result's frozen JSON), in a; NULL when res is not frozen or on error. */
const char *closure_citation(struct store *s, struct arena *a,
    const struct eval_result *res);

#endif
