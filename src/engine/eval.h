/*
 * The annual evaluation.
 *
 * For a year and a region's subtree: every covered principal tenure that
 * overlaps the year's period is a segment; every duty the catalog binds to
 * the segment's role gets a verdict with its citation, evidence, required
 * and actual counts and a Chinese explanation; weights give a score, the
 * catalog's thresholds a grade, a failed vetoing duty forces `fail`, and
 * the catalog's consequences follow from grade and veto.
 *
 * The records are read in one pass in whatever order storage finds
 * cheapest and dispatched to segments through arrays indexed by organ and
 * person keys, so the work is linear in the records and memory holds
 * per-duty tallies, not records.
 */
#ifndef LVZHI_EVAL_H
#define LVZHI_EVAL_H

#include <stddef.h>

#include "rules/catalog.h"
#include "store/store.h"

enum verdict {
	VERDICT_MET,
	VERDICT_UNMET,
	VERDICT_NOT_APPLICABLE,
	VERDICT_INSUFFICIENT_PERIOD,
	VERDICT_NEEDS_REVIEW,
};

struct eval_duty {
	const struct catalog_rule *rule;
	enum verdict verdict;
	int has_counts;         /* required/actual are meaningful */
	int required, actual;
	/* Of the records `actual` counts, those verified (核实) by an office
	 * (records awaiting review count as the contract says; this tells
	 * them apart); -1 where unknown (a result frozen before it was
	 * kept). Meaningful with has_counts. */
	int verified;
	int scored;             /* qualitative: an evaluator's score */
	double score;           /* qualitative score, or points earned */
	const char *scored_by, *comment;
	const char **evidence;  /* record ids */
	size_t nevidence;
	const char *explanation;
};

struct eval_result {
	const char *person, *person_name;
	const char *organ, *organ_name;
	const char *region, *region_name;
	enum role role;
	enum coverage coverage;
	date_t from, to;
	struct eval_duty *duties;
	size_t nduties;
	int veto;
	int has_score;
	double score;
	enum grade grade;
	int provisional;
	const struct catalog_consequence **consequences;
	/* beside each consequence: the item it names (a referral's
	 * `veto-item`, e.g. 第九条第(三)项), or NULL */
	const char **consequence_items;
	size_t nconsequences;
	/* A result of a closed year, answered from its frozen copy
	 * (engine/closure.h): frozen is its JSON as printed when the year
	 * was closed, with "closed":true; its rules and consequences are
	 * rebuilt from that copy, not the catalog's. */
	int closed;
	const char *frozen;
	size_t frozen_len;
};

struct eval_period {
	int year;
	date_t from, to; /* from > to: the year lies before the rules */
};

/* The evaluated period of a year under catalog c. */
struct eval_period eval_period_of(const struct catalog *c, int year);

/* Called once per result, in order; non-zero stops the run. */
typedef int (*eval_emit)(void *ctx, const struct eval_result *r);

/*
 * Evaluates `year` over the subtree of `region` (NULL: everything).
 * Returns 0, the emitter's non-zero value, or -1 with err filled.
 * *count receives the number of results.
 */
int eval_run(struct store *s, const struct catalog *c, int year,
    const char *region, eval_emit emit, void *ctx, long *count, char *err,
    size_t errlen);

const char *eval_verdict_name(enum verdict v);
const char *eval_verdict_label(enum verdict v);

#endif
