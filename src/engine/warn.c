#include "engine/warn.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"

date_t
warn_due_date(int year, const struct catalog_rule *rule,
    const struct eval_result *res)
{
	if (rule->measure == MEASURE_FILING && rule->due_set)
		return date_from_ymd(year + rule->due_next_year, rule->due_month,
		    rule->due_day);
	return res->to;
}

int
warn_duty(date_t today, int year, const struct eval_result *res,
    const struct eval_duty *u, struct warning *w)
{
	const struct catalog_rule *rule = u->rule;
	if (u->verdict != VERDICT_UNMET || !u->has_counts ||
	    (rule->measure != MEASURE_COUNT && rule->measure != MEASURE_FILING)
	    || res->to < today)
		return 0;
	memset(w, 0, sizeof *w);
	w->rule = rule;
	w->due = warn_due_date(year, rule, res);
	w->required = u->required;
	w->actual = u->actual;
	w->gap = u->required - u->actual;
	if (w->gap < 1)
		w->gap = 1;
	if (w->due < today) {
		w->kind = WARN_OVERDUE_FILING;
		w->days = today - w->due;
		w->weeks = w->days / 7;
		w->pressure = w->gap + 1.0 + w->days / 365.0;
		return 2;
	}
	w->kind = WARN_AT_RISK;
	w->days = w->due - today;
	w->weeks = w->days / 7;
	w->pressure = (double)w->gap / (w->weeks + 1);
	return 1;
}

int
warn_rectification(date_t today, enum rectify_state st, date_t deadline,
    struct warning *w)
{
	if (st != RECTIFY_ISSUED && st != RECTIFY_IN_PROGRESS)
		return 0;
	memset(w, 0, sizeof *w);
	w->due = deadline;
	w->required = 1;
	w->gap = 1;
	if (rectify_overdue(st, deadline, today)) {
		w->kind = WARN_RECTIFICATION;
		w->days = today - deadline;
		w->weeks = w->days / 7;
		w->pressure = 2.0 + w->days / 365.0;
		return 2;
	}
	if (deadline - today > WARN_RECT_HORIZON)
		return 0;
	w->kind = WARN_RECT_DUE;
	w->days = deadline - today;
	w->weeks = w->days / 7;
	w->pressure = 1.0 / (w->weeks + 1);
	return 1;
}

int
warn_worse(const struct warning *a, const struct warning *b)
{
	if (a->pressure != b->pressure)
		return a->pressure > b->pressure;
	if (a->weeks != b->weeks)
		return a->weeks < b->weeks;
	return a->gap > b->gap;
}

void
warn_text(const struct warning *w, const struct catalog *c, char *out,
    size_t n)
{
	char due[11];
	date_format(w->due, due);
	if (w->kind == WARN_RECTIFICATION) {
		snprintf(out, n, "整改尚未完成,已逾期 %d 天(截止 %s)", w->days,
		    due);
		return;
	}
	if (w->kind == WARN_RECT_DUE) {
		snprintf(out, n, "整改期限将至,距截止日期 %s 还有 %d 天", due,
		    w->days);
		return;
	}
	const char *label = w->rule->kind >= 0 ?
	    c->kinds[w->rule->kind].label : w->rule->title;
	/* A deadline or a yearly minimum that lvzhi chose says so. */
	const struct catalog_basis *b = catalog_rule_interp(w->rule,
	    w->rule->measure == MEASURE_COUNT ? "min" : "due");
	char basis[256] = "";
	if (b != NULL)
		snprintf(basis, sizeof basis, "(本系统解释:%s)", b->basis);
	if (w->kind == WARN_OVERDUE_FILING)
		snprintf(out, n, "%s 尚未完成,已逾期 %d 天(截止 %s)%s",
		    label, w->days, due, basis);
	else if (w->rule->measure == MEASURE_COUNT)
		snprintf(out, n, "%s %d/%d 次%s,剩余 %d 周", label, w->actual,
		    w->required, basis, w->weeks);
	else
		snprintf(out, n, "%s 尚未完成,距截止日期 %s 还有 %d 天%s", label,
		    due, w->days, basis);
}

void
warn_list_init(struct warn_list *l, date_t today, struct arena *a)
{
	memset(l, 0, sizeof *l);
	l->today = today;
	l->year = date_year(today);
	l->arena = a;
}

static const char *
dup_or_null(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/*
 * A new item at the end of the list: warning w about an organ, a person
 * (NULL: none) and their region, copied into the list's arena, the rest
 * zeroed; NULL when out of memory.
 */
static struct warn_item *
add_item(struct warn_list *l, const struct warning *w, const char *organ,
    const char *organ_name, const char *person, const char *person_name,
    const char *region, const char *region_name)
{
	if (vec_reserve(&l->v, l->n, &l->cap, sizeof *l->v, 64))
		return NULL;
	struct warn_item *it = &l->v[l->n++];
	memset(it, 0, sizeof *it);
	it->w = *w;
	it->organ = dup_or_null(l->arena, organ);
	it->organ_name = dup_or_null(l->arena, organ_name);
	it->person = dup_or_null(l->arena, person);
	it->person_name = dup_or_null(l->arena, person_name);
	it->region = dup_or_null(l->arena, region);
	it->region_name = dup_or_null(l->arena, region_name);
	return it;
}

int
warn_collect(void *ctx, const struct eval_result *res)
{
	struct warn_list *l = ctx;
	for (size_t i = 0; i < res->nduties; i++) {
		struct warning w;
		if (warn_duty(l->today, l->year, res, &res->duties[i], &w) == 0)
			continue;
		if (add_item(l, &w, res->organ, res->organ_name, res->person,
		    res->person_name, res->region, res->region_name) == NULL)
			return -1;
	}
	return 0;
}

static int
collect_order(void *ctx, const struct store_rectification *x)
{
	struct warn_list *l = ctx;
	enum rectify_state st;
	date_t deadline;
	struct warning w;
	if (rectify_state_parse(x->status, &st) ||
	    date_parse(x->deadline, &deadline) ||
	    warn_rectification(l->today, st, deadline, &w) == 0)
		return 0;
	struct warn_item *it = add_item(l, &w, x->organ, x->organ_name,
	    x->person, x->person_name, x->region, x->region_name);
	if (it == NULL)
		return -1;
	it->rectification = arena_strdup(l->arena, x->id);
	it->requirement = arena_strdup(l->arena, x->requirement);
	it->status = arena_strdup(l->arena, x->status);
	return 0;
}

int
warn_collect_rectifications(struct warn_list *l, struct store *s,
    const struct store_sup_scope *sc)
{
	/* The store selects open orders up to the horizon (a stream, no
	 * page limit: every one is a warning); warn_rectification judges
	 * each, so the store's and the warning's horizon cannot differ. */
	struct store_rect_filter f = { .due_within = WARN_RECT_HORIZON,
		.limit = INT_MAX };
	if (sc != NULL)
		f.scope = *sc;
	return store_each_rectification(s, &f, l->today, collect_order, l) < 0 ?
	    -1 : 0;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct warn_item *x = a, *y = b;
	if (warn_worse(&x->w, &y->w))
		return -1;
	if (warn_worse(&y->w, &x->w))
		return 1;
	int c = strcmp(x->organ, y->organ);
	if (c == 0)
		c = strcmp(x->w.rule ? x->w.rule->id : "",
		    y->w.rule ? y->w.rule->id : "");
	return c ? c : strcmp(x->rectification ? x->rectification : "",
	    y->rectification ? y->rectification : "");
}

void
warn_sort(struct warn_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, item_cmp);
}

void
warn_list_free(struct warn_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
