/*
 * Early warning (预警): during the year, which duties are at risk and which
 * filings are overdue, from an evaluation of the year as it stands; and
 * which rectification orders (整改) are overdue or due soon, from the
 * orders themselves.
 *
 * A count or filing duty that is not yet met for a leader still in post is
 * at risk while it can still be met (its deadline — a filing's due date,
 * else the end of the time in post — lies ahead); past a filing's deadline
 * it is overdue. Pressure ranks them: the gap divided by the weeks left
 * plus one. The dashboard, `lvzhi warn` and GET /api/v1/warnings share
 * this one judgement.
 *
 * A rectification order still with the organ (issued or in progress) is
 * overdue past its deadline (rectify_overdue), and due within
 * WARN_RECT_HORIZON days of it: two weeks, enough to finish and submit
 * what is nearly done, short enough that the list names only what needs
 * doing now. A submitted order waits on the office, not the organ, and is
 * never warned of. The pressure is that of a duty one short: an overdue
 * order ranks beside an overdue filing, a due one by its weeks left.
 */
#ifndef LVZHI_WARN_H
#define LVZHI_WARN_H

#include "base/arena.h"
#include "engine/eval.h"
#include "oversight/rectify.h"
#include "store/store-supervision.h"

/* Days before its deadline from which an open order is warned of. */
#define WARN_RECT_HORIZON 14

enum warn_kind {
	WARN_AT_RISK,        /* can still be met */
	WARN_OVERDUE_FILING, /* a filing's deadline passed unmet */
	WARN_RECTIFICATION,  /* a rectification order past its deadline */
	WARN_RECT_DUE,       /* one due within WARN_RECT_HORIZON days */
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
/* The last day duty rule of result res can still be met in that year: a
 * filing's deadline when it has one, else the end of the time in post.
 * An unmet duty whose day is today or later is not yet due. */
date_t warn_due_date(int year, const struct catalog_rule *rule,
    const struct eval_result *res);
/*
 * Judges a rectification order in state st with this deadline as of
 * today: returns 1 (due soon) or 2 (overdue) with *w filled, else 0.
 */
int warn_rectification(date_t today, enum rectify_state st, date_t deadline,
    struct warning *w);
/* Whether a is worse than b: more pressure, fewer weeks, larger gap. */
int warn_worse(const struct warning *a, const struct warning *b);
/* The warning as a Chinese sentence about its duty, e.g.
 * "法治专题讲座 1/2 次,剩余 6 周", or its order, into out. */
void warn_text(const struct warning *w, const struct catalog *c, char *out,
    size_t n);

/* Warnings gathered from an evaluation stream (an eval_emit). */
struct warn_item {
	struct warning w;
	const char *organ, *organ_name, *person, *person_name;
	const char *region, *region_name;
	/* a rectification order's (else NULL); person may be NULL then */
	const char *rectification, *requirement, *status;
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
/*
 * Adds the orders of scope sc (NULL: all) overdue or due soon as of the
 * list's day, whatever their year: an order stays overdue until done.
 * Returns 0, or -1 with the cause in store_error() (or out of memory).
 */
int warn_collect_rectifications(struct warn_list *l, struct store *s,
    const struct store_sup_scope *sc);
/* Worst first. */
void warn_sort(struct warn_list *l);
void warn_list_free(struct warn_list *l);

#endif
