/*
 * 总览: a region's evaluation seen from above, for the office of a
 * province or prefecture — its subordinate regions ranked (per child and
 * per county: how many leaders got each grade, the average score, the
 * vetoes), each county's own grade for the tile map, the region's own
 * leaders to drill down to, and the grades per year for the trend.
 *
 * One pass over the year's results (evaluation_run, so the scope, the
 * cache and the frozen copies of closed years are the evaluation's):
 * every region of the subtree is mapped once, before the pass, to the
 * child of the root and the county it lies in, and each result adds to
 * those two tallies and the root's. Memory is one small record per
 * region of the subtree, not per result.
 */
#ifndef LVZHI_DOMAIN_OVERVIEW_H
#define LVZHI_DOMAIN_OVERVIEW_H

#include "domain/domain.h"
#include "rules/catalog.h"

/* Leaders' results counted together. */
struct overview_tally {
	long n, by_grade[GRADE_COUNT], veto, provisional, scored;
	double sum; /* of the scores of the scored */
};

/* A region below the root: a child of it, or a county further down. */
struct overview_region {
	const char *code, *name, *level;
	int child;  /* a child of the root (the ranking's first table) */
	int county; /* level "county" */
	int group;  /* the index of the child it lies in, or -1 */
	struct overview_tally all; /* every result of its subtree */
	/* Its own principal leaders (党委、政府): the lower of their grades,
	 * what its tile shows; has_own 0 when it has no such result. */
	int has_own, own_provisional;
	enum grade own;
};

/* One of the root region's own leaders. */
struct overview_leader {
	const char *person, *name, *organ, *organ_name;
	enum role role;
	int has_score, veto, provisional, closed;
	double score;
	enum grade grade;
};

struct overview {
	int year;
	const char *region, *name, *level; /* the root */
	struct overview_tally all;         /* the whole scope */
	struct overview_region *v;         /* store order: parents first */
	size_t n;
	struct overview_leader *leaders;   /* the root's own, in order */
	size_t nleaders;
	long more_leaders;                 /* past the list's ceiling */
	int closed;                        /* answered from frozen results */
};

/*
 * The overview of year over region (NULL: the caller's own), checked
 * against the caller's scope like the evaluation (403 outside it, 404
 * unknown). Everything points into d->arena. Returns 0, or -1 with the
 * fault.
 */
int overview_build(struct dom *d, int year, const char *region,
    struct overview *o);

/* The root's tally of one year, for the trend. */
struct overview_year {
	int year;
	int closed;  /* answered from the year's frozen results */
	struct overview_tally all;
};

/*
 * The trend over region (checked as above): each year from first to
 * last that is closed (in whole or in part), and always the years in
 * keep (n_keep of them; e.g. the current and the shown one), oldest
 * first, into out (room for last - first + 1). *n receives how many.
 * Returns 0, or -1 with the fault.
 */
int overview_trend(struct dom *d, const char *region, int first, int last,
    const int *keep, size_t n_keep, struct overview_year *out, size_t *n);

/* The average score of a tally (0 when none is scored). */
double overview_average(const struct overview_tally *t);

#endif
