/*
 * Early warning (预警): during the year, which duties are at risk and which
 * filings are overdue, from an evaluation of the year as it stands.
 *
 * A count or filing duty that is not yet met for a leader still in post is
 * at risk while it can still be met (its deadline — a filing's due date,
 * else the end of the time in post — lies ahead); past a filing's deadline
 * it is overdue. Pressure ranks them: the gap divided by the weeks left
 * plus one. The dashboard, `lvzhi warn` and GET /api/v1/warnings share
 * this one judgement.
 */
#ifndef LVZHI_WARN_H
#define LVZHI_WARN_H

#include "base/arena.h"
#include "engine/eval.h"

enum warn_kind {
	WARN_AT_RISK,        /* can still be met */
	WARN_OVERDUE_FILING, /* a filing's deadline passed unmet */
	WARN_RECTIFICATION,  /* a rectification order past its deadline */
};

struct warning {
	enum warn_kind kind;
	const struct catalog_rule *rule; /* NULL for rectifications */
	int required, actual, gap;
	int days, weeks;                 /* left (at risk) or late (overdue) */
	double pressure;                 /* higher is worse */
	date_t due;
};

/*
 * Judges duty u of result res as of today, for the year evaluated.
 * Returns 1 (at risk) or 2 (an overdue filing) with *w filled, else 0.
 */
int warn_duty(date_t today, int year, const struct eval_result *res,
    const struct eval_duty *u, struct warning *w);
/* Whether a is worse than b: more pressure, fewer weeks, larger gap. */
int warn_worse(const struct warning *a, const struct warning *b);
/* The warning as a Chinese sentence about its duty, e.g.
 * "法治专题讲座 1/2 次,剩余 6 周", into out. */
void warn_text(const struct warning *w, const struct catalog *c, char *out,
    size_t n);

/* Warnings gathered from an evaluation stream (an eval_emit). */
struct warn_item {
	struct warning w;
	const char *organ, *organ_name, *person, *person_name;
	const char *region, *region_name;
};

struct warn_list {
	date_t today;
	int year;
	struct arena *arena; /* owns the items' strings; caller frees */
	struct warn_item *v;
	size_t n, cap;
};

/* Starts an empty list for the year of today; arena must be set. */
void warn_list_init(struct warn_list *l, date_t today, struct arena *a);
/* An eval_emit adding the result's warnings to the list (ctx). */
int warn_collect(void *ctx, const struct eval_result *res);
/* Worst first. */
void warn_sort(struct warn_list *l);
void warn_list_free(struct warn_list *l);

#endif
