/*
 * 待办 (todo.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sm3.h"
#include "domain/case.h"
#include "domain/evaluation.h"
#include "domain/supervision.h"
#include "domain/todo.h"
#include "store/store-messages.h"
#include "engine/warn.h"
#include "oversight/procedure.h"

static struct todo_list *
list_add(struct todo *t, const char *title, const char *all,
    const char *none)
{
	struct todo_list *l = &t->lists[t->nlists++];
	memset(l, 0, sizeof *l);
	l->title = title;
	l->all = all;
	l->none = none;
	return l;
}

/* The next item of l, or NULL once TODO_SHOWN are listed (counted all
 * the same). */
static struct todo_item *
item_add(struct todo_list *l)
{
	l->total++;
	if (l->n == TODO_SHOWN)
		return NULL;
	struct todo_item *it = &l->items[l->n++];
	memset(it, 0, sizeof *it);
	it->due = DATE_NONE;
	return it;
}

int
todo_days(const struct todo *t, date_t d)
{
	return (int)(d - t->today);
}

/* ---- records (clerk: returned; office: awaiting verification) ---- */

struct records {
	struct dom *d;
	struct todo_list *l;
	int fix; /* 1: returned, to be fixed; 0: to be verified */
};

static int
record_row(void *ctx, const struct store_ledger_row *row)
{
	struct records *w = ctx;
	struct dom *d = w->d;
	struct todo_item *it = &w->l->items[w->l->n++];
	int k = catalog_kind_find(d->catalog, row->kind);
	const char *kind = k >= 0 ? d->catalog->kinds[k].label : row->kind;
	date_t day;
	char cn[32] = "";
	if (row->date && date_parse(row->date, &day) == 0)
		date_format_cn(day, cn);
	memset(it, 0, sizeof *it);
	it->due = DATE_NONE;
	it->text = row->title && *row->title ? arena_printf(d->arena,
	    "%s:%s「%s」(%s)", row->organ_name, kind, row->title, cn) :
	    arena_printf(d->arena, "%s:%s(%s)", row->organ_name, kind, cn);
	it->note = w->fix && row->review_note ? arena_printf(d->arena,
	    "退回理由:%s", row->review_note) : NULL;
	it->link = arena_printf(d->arena, w->fix ? "/ledger/%s/edit" :
	    "/ledger/%s", row->id);
	return 0;
}

/* A clerk's organ's returned records (the organ's index finds them). */
static int
returned(struct dom *d, struct todo_list *l, const char *organ)
{
	struct store_ledger_filter f = { .from = DATE_NONE, .to = DATE_NONE,
		.status = "rejected", .organ = organ, .limit = TODO_SHOWN };
	struct records w = { d, l, 1 };
	if ((l->total = store_count_ledger(d->store, &f)) < 0 ||
	    store_each_ledger(d->store, &f, record_row, &w) < 0)
		return dom_fail(d, 0);
	return 0;
}

/*
 * The newest records awaiting verification as listed, per subtree and
 * data version (a record's write or review moves it): a province's are
 * found among thousands of index entries, so once per change of the
 * data in this server, not once per page. The version is read before
 * the list: an entry is never older than its key.
 */
#define SUBMITTED_KEPT 8
static struct {
	pthread_mutex_t lock;
	struct kept_list {
		const struct catalog *catalog;
		char path[512], hash[SM3_HEX_LEN];
		int64_t seq;
		int n;
		char *text[TODO_SHOWN], *link[TODO_SHOWN];
	} v[SUBMITTED_KEPT];
	unsigned next;
} kept = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* l's items from the kept list of (path, version): 1, or 0 when none. */
static int
kept_get(struct dom *d, struct todo_list *l, const char *path, int64_t seq,
    const char *hash)
{
	int hit = 0;
	pthread_mutex_lock(&kept.lock);
	for (size_t i = 0; !hit && i < SUBMITTED_KEPT; i++) {
		struct kept_list *k = &kept.v[i];
		if (k->catalog != d->catalog || k->seq != seq ||
		    strcmp(k->path, path) != 0 || strcmp(k->hash, hash) != 0)
			continue;
		for (int j = 0; j < k->n; j++) {
			struct todo_item *it = &l->items[j];
			memset(it, 0, sizeof *it);
			it->due = DATE_NONE;
			it->text = arena_strdup(d->arena, k->text[j]);
			it->link = arena_strdup(d->arena, k->link[j]);
		}
		l->n = k->n;
		hit = 1;
	}
	pthread_mutex_unlock(&kept.lock);
	return hit;
}

/* Keeps l's items as the list of (path, version), over the oldest. */
static void
kept_put(struct dom *d, const struct todo_list *l, const char *path,
    int64_t seq, const char *hash)
{
	pthread_mutex_lock(&kept.lock);
	struct kept_list *k = &kept.v[kept.next++ % SUBMITTED_KEPT];
	for (int j = 0; j < k->n; j++) {
		free(k->text[j]);
		free(k->link[j]);
	}
	k->n = 0;
	k->catalog = d->catalog;
	k->seq = seq;
	snprintf(k->path, sizeof k->path, "%s", path);
	snprintf(k->hash, sizeof k->hash, "%s", hash);
	for (int j = 0; j < l->n; j++) {
		k->text[j] = strdup(l->items[j].text);
		k->link[j] = strdup(l->items[j].link);
		if (k->text[j] == NULL || k->link[j] == NULL) {
			free(k->text[j]);
			free(k->link[j]);
			k->catalog = NULL; /* matches nothing */
			break;
		}
		k->n = j + 1;
	}
	pthread_mutex_unlock(&kept.lock);
}

/* The records awaiting verification in an office's subtree (path; ""
 * for everything), through their own index: a province's are counted
 * without reading its ledger, and once per data version: the year's
 * evaluation set of the office's scope counted them when it was made
 * (a review moves the version), which the dashboard opens next anyway. */
static int
submitted(struct dom *d, struct todo_list *l, const char *path, int year)
{
	struct records w = { d, l, 0 };
	struct evaluation_set es;
	int64_t seq;
	char hash[SM3_HEX_LEN];
	if (evaluation_set_open(d, year, NULL, &es) ||
	    (l->total = evaluation_set_awaiting(d, &es)) == -1)
		return -1;
	if (l->total < 0 && (l->total = store_count_submitted(d->store,
	    path)) < 0)
		return dom_fail(d, 0);
	int keep = strlen(path) < sizeof kept.v[0].path &&
	    store_data_version(d->store, &seq, hash, sizeof hash) == 0;
	if (keep && kept_get(d, l, path, seq, hash))
		return 0;
	if (store_each_submitted(d->store, path, l->total, TODO_SHOWN,
	    record_row, &w) < 0)
		return dom_fail(d, 0);
	if (keep)
		kept_put(d, l, path, seq, hash);
	return 0;
}

/* ---- rectification orders past their deadline (inspector) ---- */

static int
overdue_orders(struct todo *t, struct todo_list *l)
{
	struct dom *d = t->d;
	struct store_rect_filter f = { .overdue_only = 1, .limit = TODO_SHOWN };
	struct store_rectification *v;
	size_t n;
	if (rect_list(d, &f, &v, &n, &l->total))
		return -1;
	for (size_t i = 0; i < n && l->n < TODO_SHOWN; i++) {
		struct todo_item *it = &l->items[l->n++];
		memset(it, 0, sizeof *it);
		if (date_parse(v[i].deadline, &it->due))
			it->due = DATE_NONE;
		it->text = arena_printf(d->arena, "%s%s%s:%s", v[i].organ_name,
		    v[i].person_name ? " " : "", v[i].person_name ?
		    v[i].person_name : "", v[i].requirement);
		it->note = it->due != DATE_NONE ? arena_printf(d->arena,
		    "已逾期 %d 天", -todo_days(t, it->due)) : NULL;
		it->link = arena_printf(d->arena, "/supervision/rectifications/%s",
		    v[i].id);
	}
	return 0;
}

/* ---- findings handed over by inspectors (office) ---- */

static int
referred(struct todo *t, struct todo_list *l)
{
	struct dom *d = t->d;
	struct store_finding *f;
	size_t n;
	if (sup_referred_list(d, TODO_SHOWN, &f, &n, &l->total))
		return -1;
	for (size_t i = 0; i < n && l->n < TODO_SHOWN; i++) {
		struct todo_item *it = &l->items[l->n++];
		memset(it, 0, sizeof *it);
		if (date_parse(f[i].referral_deadline, &it->due))
			it->due = DATE_NONE;
		it->text = arena_printf(d->arena, "%s%s%s:%s", f[i].organ_name,
		    f[i].person_name ? " " : "", f[i].person_name ?
		    f[i].person_name : "", f[i].description);
		it->note = arena_printf(d->arena, "督查移交,建议:%s",
		    f[i].referral_requirement);
		it->link = arena_printf(d->arena, "/supervision/inspections/%s"
		    "#f-%s", f[i].inspection, f[i].id);
	}
	return 0;
}

/* ---- open accountability cases (discipline) ---- */

/* The first step ahead of state that p's roles make, or NULL. */
static const char *
next_step(const struct principal *p, const char *state)
{
	enum proc_state s;
	if (proc_state_parse(state, &s))
		return NULL;
	unsigned by = case_by(p);
	for (size_t i = 0; i < proc_nmoves; i++)
		if (proc_moves[i].from == s && (proc_moves[i].by & by))
			return proc_moves[i].label;
	return NULL;
}

static int
open_cases(struct todo *t, struct todo_list *l)
{
	static const enum proc_state open[] = { PROC_STARTED,
		PROC_INVESTIGATING, PROC_STATEMENT, PROC_DECIDED,
		PROC_EXECUTING };
	struct dom *d = t->d;
	for (size_t s = 0; s < sizeof open / sizeof open[0]; s++) {
		struct case_list cl;
		if (case_list(d, proc_state_name(open[s]), NULL, 1, TODO_SHOWN,
		    &cl))
			return -1;
		l->total += cl.total;
		for (size_t i = 0; i < cl.n && l->n < TODO_SHOWN; i++) {
			const struct case_view *v = &cl.items[i];
			struct todo_item *it = &l->items[l->n++];
			const char *step = next_step(d->user, v->c.state);
			memset(it, 0, sizeof *it);
			it->due = DATE_NONE;
			for (size_t k = 0; k < v->ndeadlines; k++)
				if (it->due == DATE_NONE || v->deadlines[k].due <
				    it->due)
					it->due = v->deadlines[k].due;
			it->text = arena_printf(d->arena, "%s%s%s:%s",
			    v->c.organ_name, v->c.person_name ? " " : "",
			    v->c.person_name ? v->c.person_name : "",
			    v->c.summary);
			it->note = arena_printf(d->arena, "%s%s%s",
			    proc_state_label(open[s]), step ? ",下一步:" : "",
			    step ? step : "");
			it->link = arena_printf(d->arena, "/accountability/%s",
			    v->c.id);
		}
	}
	return 0;
}

int
todo_load(struct dom *d, date_t today, struct todo *t)
{
	const struct principal *p = d->user;
	memset(t, 0, sizeof *t);
	t->d = d;
	t->today = today;
	t->year = t->fold_year = date_year(today);
	switch (p->role) {
	case ACCT_CLERK:
		if (p->organ[0] == '\0')
			return 0;
		return returned(d, list_add(t, "退回待修改的记录",
		    "/ledger?status=rejected", "没有被退回的记录。"), p->organ);
	case ACCT_ADMIN:
	case ACCT_OFFICE:
		t->verify = list_add(t, "待核实的记录", "/ledger?status=submitted",
		    "没有待核实的记录。");
		if (submitted(d, t->verify, access_scope_path(p), t->year))
			return -1;
		t->score = list_add(t, "待评分的定性职责",
		    "/evaluation?show=provisional", "没有待评分的定性职责。");
		return p->role == ACCT_OFFICE ? referred(t, list_add(t,
		    "督查移交待下达的整改", "/supervision#rectifications",
		    "没有督查移交待下达的整改。")) : 0;
	case ACCT_LEADER:
		t->needs = list_add(t, "本年还需完成的职责", NULL,
		    "本年度各项计次和报告类职责均已达到要求。");
		return 0;
	case ACCT_INSPECTOR:
		return overdue_orders(t, list_add(t, "逾期未完成的整改",
		    "/supervision#rectifications", "没有逾期的整改。"));
	case ACCT_DISCIPLINE:
		return open_cases(t, list_add(t, "办理中的问责案件",
		    "/accountability", "没有办理中的问责案件。"));
	default:
		return 0;
	}
}

/* ---- from the evaluation stream ---- */

/* A qualitative duty awaiting its score (office). */
static void
fold_score(struct todo *t, const struct eval_result *res,
    const struct eval_duty *u, int year)
{
	struct todo_list *l = t->score;
	struct todo_item *it = item_add(l);
	/* A year that has ended is scored before the one in progress: its
	 * duties take the place of a later year's in a full list. */
	for (int i = 0; it == NULL && i < l->n; i++)
		if (l->items[i].year > year)
			it = &l->items[i];
	if (it == NULL)
		return;
	struct dom *d = t->d;
	memset(it, 0, sizeof *it);
	it->due = DATE_NONE;
	it->year = year;
	it->text = arena_printf(d->arena, "%s %s:%s(%d 年度)",
	    res->organ_name, res->person_name, u->rule->title, year);
	it->link = arena_printf(d->arena, "/evaluation?year=%d&region=%s"
	    "&show=provisional", year, res->region);
}

/* What a leader's count or filing duty still needs this year, and by
 * when (warn_due_date: a filing's deadline, else the end of the time in
 * post). A duty past its deadline stays listed: it is still owed. */
static void
fold_need(struct todo *t, const struct eval_result *res,
    const struct eval_duty *u)
{
	if (!u->has_counts || u->actual >= u->required ||
	    u->verdict == VERDICT_MET || u->verdict == VERDICT_NOT_APPLICABLE)
		return;
	struct todo_item *it = item_add(t->needs);
	if (it == NULL)
		return;
	struct dom *d = t->d;
	const struct catalog *c = d->catalog;
	const char *what = u->rule->kind >= 0 ? c->kinds[u->rule->kind].label :
	    u->rule->title;
	int y, m, day;
	char cn[32];
	it->due = warn_due_date(t->year, u->rule, res);
	date_to_ymd(it->due, &y, &m, &day);
	/* The year only when it is not this one (a report due next March). */
	if (y == t->year)
		snprintf(cn, sizeof cn, "%d月%d日", m, day);
	else
		date_format_cn(it->due, cn);
	it->text = arena_printf(d->arena, "本年还需%s %d %s(截止 %s)",
	    what, u->required - u->actual, u->rule->measure ==
	    MEASURE_FILING ? "份" : "次", cn);
	it->note = arena_printf(d->arena, "%s · 已完成 %d/%d", u->rule->title,
	    u->actual, u->required);
	/* The organ's records of the kind the duty counts: what is there
	 * and what its clerks add. */
	it->link = u->rule->kind >= 0 ? arena_printf(d->arena,
	    "/ledger?organ=%s&kind=%s", res->organ, c->kinds[u->rule->kind].id) :
	    arena_printf(d->arena, "/ledger?organ=%s", res->organ);
}

int
todo_fold(void *ctx, const struct eval_result *res)
{
	struct todo *t = ctx;
	for (size_t i = 0; i < res->nduties; i++) {
		const struct eval_duty *u = &res->duties[i];
		if (t->score != NULL && u->verdict == VERDICT_NEEDS_REVIEW &&
		    u->rule->measure == MEASURE_QUALITATIVE)
			fold_score(t, res, u, t->fold_year);
		if (t->needs != NULL)
			fold_need(t, res, u);
	}
	return 0;
}
