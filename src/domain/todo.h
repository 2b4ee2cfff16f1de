/*
 * 待办: what the person signed in must do next, for the home page.
 *
 * Each role has its lists: the clerk the records returned to their
 * organ; the office (and the administrator) the records awaiting
 * verification and the qualitative duties awaiting a score; the leader
 * what their duties still need this year and by when; the inspector the
 * rectification orders past their deadline; discipline the open
 * accountability cases and their next step. Every list is a count and
 * its first TODO_SHOWN items, read from the store with a LIMIT, so the
 * page costs the same at province scale as in a county; the lists that
 * come from the evaluation (duties to score, what a leader still needs)
 * are folded from the stream the home page already evaluates
 * (todo_fold), never from an evaluation of their own.
 */
#ifndef LVZHI_TODO_H
#define LVZHI_TODO_H

#include "domain/domain.h"
#include "engine/eval.h"

#define TODO_SHOWN 5  /* items listed per list; the count says the rest */
#define TODO_LISTS 4

struct todo_item {
	const char *text;  /* what to do, in Chinese */
	const char *note;  /* a reason or a detail, or NULL */
	const char *link;  /* the page where it is done */
	date_t due;        /* its deadline, or DATE_NONE */
	int year;          /* the evaluation year it is of, or 0 */
};

struct todo_list {
	const char *title; /* "退回待修改的记录" */
	const char *all;   /* the page listing all of them, or NULL */
	const char *none;  /* what to say when there is nothing */
	long total;
	struct todo_item items[TODO_SHOWN];
	int n;
};

struct todo {
	struct dom *d;
	date_t today;
	int year;                 /* the year in progress */
	struct todo_list lists[TODO_LISTS];
	int nlists;
	struct todo_list *verify; /* the office's records to verify, or NULL */
	struct todo_list *score;  /* the office's duties to score, or NULL */
	struct todo_list *needs;  /* the leader's duties still needed */
	int fold_year;            /* the year of the stream todo_fold gets */
};

/* The store's lists for d->user's role, as of today (the year is
 * today's): 0, or -1 with the fault in d->fault. */
int todo_load(struct dom *d, date_t today, struct todo *t);
/* An eval_emit (ctx: the struct todo) for the home page's streams: the
 * duties awaiting a score (office), what is still needed (leader). */
int todo_fold(void *ctx, const struct eval_result *res);
/* How many days d lies after t->today (negative: before). */
int todo_days(const struct todo *t, date_t d);

#endif
