/*
 * Closing a year (结转) and reopening it, and what is closed: the office
 * of a region closes its subtree's evaluation of an ended year
 * (engine/closure.h freezes the results with the catalog's version and
 * SM3), or reopens it with a reason. POST /api/v1/evaluation/close and
 * /reopen and the evaluation page's forms share these; the listing is
 * GET /api/v1/evaluation/closures and the page's 年度结转 card.
 */
#ifndef LVZHI_DOMAIN_CLOSURE_H
#define LVZHI_DOMAIN_CLOSURE_H

#include "domain/domain.h"

/* One closure as listed; region NULL for the whole database. */
struct closure {
	int year;
	const char *region, *closed_by, *closed_at, *reason;
	const char *ruleset, *version, *digest;
	const char *versions; /* JSON list: {version, effective, sm3} */
};
/* One step of a year's history: action "close" or "reopen". */
struct closure_step {
	int year;
	const char *region, *action, *actor, *at, *reason;
};

extern const struct entity closure_entity;      /* struct closure */
extern const struct entity closure_step_entity; /* struct closure_step */

/*
 * Closes (reopen 0) or reopens year for region (NULL: the caller's own)
 * with reason (may be NULL) as the caller, an office over the region.
 * Returns 0, or -1 with the fault: 400 (year, region, or what the engine
 * refuses, naming its field), 403, 409 (the state), 500.
 */
int closure_write(struct dom *d, int year, const char *region,
    const char *reason, int reopen);
/*
 * The path a listing of closures covers (n bytes): region's when given
 * (404 unknown, 403 outside the caller's scope, both naming "region"),
 * else the caller's scope ("/" for all). Returns 0 or -1.
 */
int closure_scope_path(struct dom *d, const char *region, char *path,
    size_t n);
/* What closure_list reads, in d's arena: a page of the closures of year
 * holding path or inside it, outermost first, and their exact number;
 * those holding path (at most one per level: is it closed, and by its
 * own office?); their latest 50 steps, newest first. */
struct closure_listing {
	struct closure *v, *holding;
	size_t n, nholding;
	long total;
	struct closure_step *steps;
	size_t nsteps;
};
/* Closures [offset, offset + limit) (limit 0 or less: 50). 0 or -1. */
int closure_list(struct dom *d, int year, const char *path, long offset,
    long limit, struct closure_listing *out);

#endif
