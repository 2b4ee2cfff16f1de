/*
 * 首页: where the year stands in the user's scope.
 *
 * The current year's results over the scope, materialised in the store
 * (domain/evaluation-set.c: made once per change of the data), are
 * counted in SQL: per measured duty the verdict counts, the fifty duties
 * most at risk, and nothing else, so the page costs a few queries and a
 * few kilobytes whatever the scope's size. Last year's set gives its
 * grade distribution. The rectification orders overdue or due soon
 * (src/engine/warn.c) are listed beside the duties at risk.
 *
 * A leader's account shows their own duties instead, rendered straight
 * from the stream (a leader has one or two results).
 */
#include <stdlib.h>
#include <string.h>

#include "auth/scope.h"
#include "domain/evaluation.h"
#include "domain/todo.h"
#include "engine/coverage.h"
#include "engine/warn.h"
#include "web/web.h"
#include "web/page-evaluation.h"
#include "web/page-warnings.h"

#define RISK_MAX 50
#define ORDERS_SHOWN 20 /* rectification warnings listed on the page */

struct risk {
	struct warning w;
	const char *organ, *organ_name, *person_name; /* request arena */
};

struct tally {
	long bound, met, unmet, insufficient, na, review;
	long pending; /* unmet, but its deadline is still ahead */
	long unverified; /* of met: met on records awaiting verification */
};

struct dashboard {
	struct request *r;
	date_t today;
	int year;
	long results;
	struct tally *duties;  /* one per catalog rule */
	long grades[GRADE_COUNT];
	long provisional, vetoed;
	long awaiting;         /* records to review, -2: not counted yet */
	long nrisk;            /* all duties at risk, listed or not */
	long noverdue;         /* filings past their deadline */
	struct risk risk[RISK_MAX];
	int nlisted;
	struct warn_list orders; /* rectification orders overdue or due */
	int orders_seen;       /* 0: the account sees no orders */
	struct buf *b;         /* leader view: rendered while streaming */
	struct todo *todo;     /* 待办: lists folded from the sets too */
	long to_score;         /* fold_scores: a set's duties to score */
	struct web_labels *labels; /* records the explanations name */
};

/* The shared judgement of src/engine/warn.c: 1 at risk, 2 overdue. */
static int
at_risk(const struct dashboard *d, const struct eval_result *res,
    const struct eval_duty *u, struct risk *k)
{
	memset(k, 0, sizeof *k);
	return warn_duty(d->today, d->year, res, u, &k->w);
}

/* Whether an unmet duty's deadline (warn_due_date) is still ahead: the
 * year in progress counts against the whole year's requirement, and a
 * year-end report due next March is not missed in November. */
static int
not_due(const struct dashboard *d, const struct eval_result *res,
    const struct eval_duty *u)
{
	return page_eval_mark_of(d->today, d->year, res, u) ==
	    PAGE_EVAL_PENDING;
}

/* A duty's tally from the counts of its verdicts (evaluation_set_duties). */
static int
tally_duty(void *ctx, const char *rule, int verdict, int pending, long n)
{
	struct dashboard *d = ctx;
	int i = catalog_rule_find(d->r->catalog, rule ? rule : "");
	if (i < 0)
		return 0; /* a rule of another version: not a row here */
	struct tally *t = &d->duties[i];
	t->bound += n;
	switch ((enum verdict)verdict) {
	case VERDICT_MET: t->met += n; break;
	case VERDICT_UNMET:
		if (pending)
			t->pending += n;
		else
			t->unmet += n;
		break;
	case VERDICT_INSUFFICIENT_PERIOD: t->insufficient += n; break;
	case VERDICT_NOT_APPLICABLE: t->na += n; break;
	case VERDICT_NEEDS_REVIEW: t->review += n; break;
	}
	return 0;
}

/* One of the duties most at risk, as the store ranked them. */
static int
keep_risk(void *ctx, const struct store_evalrisk *k)
{
	struct dashboard *d = ctx;
	int i = catalog_rule_find(d->r->catalog, k->u.rule ? k->u.rule : "");
	if (i < 0 || d->nlisted >= RISK_MAX)
		return 0;
	struct risk *x = &d->risk[d->nlisted++];
	memset(x, 0, sizeof *x);
	x->w = (struct warning){ .kind = (enum warn_kind)k->u.kind,
		.rule = &d->r->catalog->rules[i], .required = k->u.required,
		.actual = k->u.actual, .gap = k->u.gap, .days = k->u.days,
		.weeks = k->u.weeks, .pressure = k->u.pressure, .due = DATE_NONE };
	if (k->u.due != NULL)
		date_parse(k->u.due, &x->w.due);
	x->organ = arena_strdup(d->r->arena, k->organ);
	x->organ_name = arena_strdup(d->r->arena, k->organ_name);
	x->person_name = arena_strdup(d->r->arena, k->person_name);
	return 0;
}

/* Counts the qualitative duties awaiting a score, as todo_fold lists
 * them, into d->to_score. */
static int
count_to_score(void *ctx, const char *rule, int verdict, int pending, long n)
{
	(void)pending;
	struct dashboard *d = ctx;
	int i = catalog_rule_find(d->r->catalog, rule ? rule : "");
	if (i >= 0 && verdict == VERDICT_NEEDS_REVIEW &&
	    d->r->catalog->rules[i].measure == MEASURE_QUALITATIVE)
		d->to_score += n;
	return 0;
}

/* An office's 待办 of duties to score in year's set: the first results
 * with a duty awaiting a score are folded as a stream would be (the
 * items), the count of such duties comes from the set's tally. Last
 * year's go first (todo.c keeps an ended year's before a later one). */
static int
fold_scores(struct dom *dm, struct dashboard *d,
    const struct evaluation_set *es, int year)
{
	struct todo_list *l = d->todo->score;
	struct store_evalfilter f = STORE_EVALFILTER_ALL;
	long before;
	if (l == NULL)
		return 0;
	f.verdict = VERDICT_NEEDS_REVIEW;
	before = l->total;
	d->to_score = 0;
	d->todo->fold_year = year;
	if (evaluation_set_each(dm, es, &f, EVALSORT_ORDER, 0, TODO_SHOWN,
	    todo_fold, d->todo) ||
	    evaluation_set_duties(dm, es, count_to_score, d))
		return -1;
	l->total = before + d->to_score;
	return 0;
}

/* The scope's figures of this year and last: 0, or -1 with the fault. */
static int
load_sets(struct dom *dm, struct dashboard *d)
{
	struct evaluation_set now, last;
	struct store_evalfilter all = STORE_EVALFILTER_ALL;
	long grades[GRADE_COUNT], provisional, vetoed;
	if (evaluation_set_open(dm, d->year, NULL, &now) ||
	    evaluation_set_tally(dm, &now, &all, grades, &provisional,
	    &vetoed) || evaluation_set_duties(dm, &now, tally_duty, d) ||
	    (d->nrisk = evaluation_set_risk_count(dm, &now, &all, 1)) < 0 ||
	    (d->noverdue = evaluation_set_risk_count(dm, &now, &all, 2)) < 0 ||
	    evaluation_set_risks(dm, &now, &all, 1, 0, RISK_MAX, keep_risk, d))
		return -1;
	for (int g = 0; g < GRADE_COUNT; g++)
		d->results += grades[g];
	if ((d->awaiting = evaluation_set_awaiting(dm, &now)) == -1)
		return -1;
	return evaluation_set_open(dm, d->year - 1, NULL, &last) ||
	    evaluation_set_tally(dm, &last, &all, d->grades, &d->provisional,
	    &d->vetoed) || fold_scores(dm, d, &last, d->year - 1) ||
	    fold_scores(dm, d, &now, d->year) ? -1 : 0;
}

/* Percentages round down: 538 of 540 is 99 %, never 100 %. */
static int
pct(long part, long whole)
{
	return whole > 0 ? (int)(part * 100 / whole) : 0;
}

/* The same in the 5 % steps the .bar width classes offer. */
static int
step5(long part, long whole)
{
	return pct(part, whole) / 5 * 5;
}

/* ---- the scope's view ---- */

/* Whether rule i has a row: measured, and bound to someone in scope
 * (a clerk's party committee has no department duties). */
static int
shown(const struct dashboard *d, size_t i)
{
	return d->r->catalog->rules[i].measure != MEASURE_QUALITATIVE &&
	    d->duties[i].bound > 0;
}

static void
progress_table(struct dashboard *d, struct buf *b)
{
	const struct catalog *c = d->r->catalog;
	html_fmt(b, "<section class=\"card\"><h2>%d 年度可计量职责进度</h2>"
	    "<div class=\"table-wrap\"><table><thead><tr><th>职责</th>"
	    "<th>适用人次</th><th>达标</th><th>未达标</th><th>期限未到</th>"
	    "<th>任职不足</th><th>不适用</th><th class=\"wide\">达标率</th></tr>"
	    "</thead><tbody>",
	    d->year);
	for (size_t i = 0; i < c->nrules; i++) {
		const struct catalog_rule *rule = &c->rules[i];
		const struct tally *t = &d->duties[i];
		if (!shown(d, i))
			continue;
		/* The rate is of the duties decided: those whose deadline
		 * is still ahead are pending, not 0 % (nor in the rate). */
		long judged = t->met + t->unmet;
		html_fmt(b, "<tr><td>%s<br><span class=\"muted\">%s</span></td>"
		    "<td>%ld</td><td>%ld", rule->title, rule->citation, t->bound,
		    t->met);
		if (t->unverified)
			html_fmt(b, "<div class=\"muted\">其中待核实 %ld</div>",
			    t->unverified);
		html_fmt(b, "</td><td>%ld</td><td>%ld</td><td>%ld</td><td>%ld</td>",
		    t->unmet, t->pending, t->insufficient, t->na);
		if (judged == 0 && t->pending > 0)
			html_fmt(b, "<td><span class=\"tag v-pending\">期限未到"
			    "</span></td></tr>");
		else if (judged == 0)
			html_fmt(b, "<td class=\"muted\">—</td></tr>");
		else
			html_fmt(b, "<td><div class=\"bar\" title=\"%ld / %ld\">"
			    "<span class=\"w%d\"></span></div>%d%%</td></tr>",
			    t->met, judged, step5(t->met, judged),
			    pct(t->met, judged));
	}
	html_fmt(b, "</tbody></table></div>");
}

/* The same numbers as stacked bars: one row per measured duty. */
static void
progress_chart(struct dashboard *d, struct buf *b)
{
	const struct catalog *c = d->r->catalog;
	const double width = 640, row = 44;
	int n = 0;
	for (size_t i = 0; i < c->nrules; i++)
		n += shown(d, i);
	if (n == 0) {
		html_fmt(b, "<p class=\"muted\">范围内没有本年度需考核的负责人。</p>"
		    "</section>");
		return;
	}
	html_fmt(b, "<figure class=\"chart\"><svg class=\"chart\" "
	    "viewBox=\"0 0 720 %d\" role=\"img\" aria-label=\"各项职责达标情况\">",
	    (int)(n * row) + 4);
	int y = 0;
	for (size_t i = 0; i < c->nrules; i++) {
		const struct catalog_rule *rule = &c->rules[i];
		const struct tally *t = &d->duties[i];
		if (!shown(d, i))
			continue;
		const struct {
			long n;
			const char *cls, *label;
		} parts[] = {
			{ t->met, "c-met", "达标" },
			{ t->unmet, "c-unmet", "未达标" },
			{ t->pending, "c-pending", "期限未到" },
			{ t->insufficient, "c-insufficient", "任职不足" },
			{ t->na, "c-na", "不适用" },
		};
		html_fmt(b, "<text x=\"0\" y=\"%d\">%s <tspan class=\"muted\">"
		    "%s</tspan></text>", y + 14, rule->title, rule->citation);
		double x = 0;
		for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
			if (parts[p].n == 0)
				continue;
			double w = width * (double)parts[p].n / (double)t->bound;
			html_fmt(b, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" "
			    "width=\"%.1f\" height=\"16\"><title>%s %ld</title>"
			    "</rect>",
			    parts[p].cls, x, y + 20, w, parts[p].label, parts[p].n);
			x += w;
		}
		long judged = t->met + t->unmet;
		if (judged > 0)
			html_fmt(b, "<text x=\"650\" y=\"%d\">%d%%</text>", y + 33,
			    pct(t->met, judged));
		else if (t->pending > 0)
			html_fmt(b, "<text x=\"650\" y=\"%d\">期限未到</text>",
			    y + 33);
		y += (int)row;
	}
	html_fmt(b, "</svg><figcaption class=\"legend\">"
	    "<span class=\"swatch c-met\"></span>达标 "
	    "<span class=\"swatch c-unmet\"></span>未达标 "
	    "<span class=\"swatch c-pending\"></span>期限未到 "
	    "<span class=\"swatch c-insufficient\"></span>任职不足 "
	    "<span class=\"swatch c-na\"></span>不适用 "
	    "<span class=\"muted\">(右侧为已判定人次(达标与未达标)中的达标率,"
	    "按全年要求计;期限未到:尚未达到要求,但报送期限或年底、离任之日"
	    "未到,不计入达标率)</span>"
	    "</figcaption></figure>"
	    "</section>");
}

static int
risk_cmp(const void *a, const void *b)
{
	const struct risk *x = a, *y = b;
	return warn_worse(&x->w, &y->w) ? -1 : warn_worse(&y->w, &x->w) ? 1 :
	    strcmp(x->organ, y->organ);
}

/* "剩余 6 周", or the days in the last week. */
static void
time_left(struct buf *b, const struct risk *k)
{
	if (k->w.weeks > 0)
		html_fmt(b, "剩余 %d 周", k->w.weeks);
	else
		html_fmt(b, "剩余 %d 天", k->w.days);
}

static void
risk_list(struct dashboard *d, struct buf *b)
{
	const struct catalog *c = d->r->catalog;
	html_fmt(b, "<section class=\"card\"><h2>风险职责 <span class=\"muted\">"
	    "%ld 项</span></h2>", d->nrisk);
	if (d->nlisted == 0)
		html_fmt(b, "<p class=\"muted\">没有未达标且仍可补足的职责。</p>");
	else {
		qsort(d->risk, (size_t)d->nlisted, sizeof d->risk[0], risk_cmp);
		html_fmt(b, "<p class=\"muted\">尚未达标、负责人仍在任的计次和报告类"
		    "职责,剩余时间越少、差距越大越靠前(按 差距 ÷ (剩余周数 + 1) "
		    "排序)%s。</p><ol class=\"risks\">", d->nrisk > d->nlisted ?
		    ",列出前 50 项" : "");
	}
	for (int i = 0; i < d->nlisted; i++) {
		const struct risk *k = &d->risk[i];
		const struct catalog_rule *rule = k->w.rule;
		const char *label = rule->kind >= 0 ? c->kinds[rule->kind].label :
		    rule->title;
		html_fmt(b, "<li><a href=\"/ledger?organ=%s\">%s %s</a>:"
		    "%s %d/%d %s,", html_q(d->r->arena, k->organ),
		    k->organ_name, k->person_name, label, k->w.actual,
		    k->w.required, rule->measure == MEASURE_FILING ? "份" : "次");
		time_left(b, k);
		html_fmt(b, "<div class=\"bar risk\"><span class=\"w%d\"></span>"
		    "</div></li>", step5(k->w.actual, k->w.required));
	}
	if (d->nlisted > 0)
		html_fmt(b, "</ol>");
	if (d->noverdue > 0)
		html_fmt(b, "<p>另有 <strong>%ld</strong> 项报告已过报送截止日期仍未"
		    "报送,本年度已无法达标。</p>", d->noverdue);
	if (d->nrisk + d->noverdue > 0)
		html_fmt(b, "<p><a href=\"/warnings\">查看全部预警</a></p>");
	html_fmt(b, "</section>");
}

/* The 整改预警 (page-warnings.c), read before the evaluations. Returns 0,
 * or -1 with the cause in store_error(). */
static int
load_orders(struct request *r, struct dashboard *d)
{
	int rc = page_rect_warnings_load(r, d->today, &d->orders);
	d->orders_seen = rc > 0;
	return rc < 0 ? -1 : 0;
}

static void
orders_card(struct dashboard *d, struct buf *b)
{
	if (d->orders_seen)
		page_rect_warnings_card(d->r, b, &d->orders, ORDERS_SHOWN);
}

static void
grade_card(struct dashboard *d, struct buf *b)
{
	long total = 0;
	for (int g = 0; g < GRADE_COUNT; g++)
		total += d->grades[g];
	html_fmt(b, "<section class=\"card\"><h2>%d 年度考评等次分布</h2>",
	    d->year - 1);
	if (total == 0) {
		html_fmt(b, "<p class=\"muted\">该年度没有考评结果。</p>"
		    "</section>");
		return;
	}
	html_fmt(b, "<div class=\"table-wrap\"><table><thead><tr><th>等次</th>"
	    "<th>人次</th><th class=\"wide\">占比</th></tr></thead><tbody>");
	for (int g = 0; g < GRADE_COUNT; g++)
		html_fmt(b, "<tr><td><span class=\"tag g-%s\">%s</span></td>"
		    "<td>%ld</td><td><div class=\"bar\"><span class=\"w%d\"></span>"
		    "</div>%d%%</td></tr>", catalog_grade_name((enum grade)g),
		    catalog_grade_label((enum grade)g), d->grades[g],
		    step5(d->grades[g], total), pct(d->grades[g], total));
	html_fmt(b, "</tbody></table></div><p class=\"muted\">共 %ld 人次", total);
	if (d->vetoed)
		html_fmt(b, ",其中一票否决 %ld 人次", d->vetoed);
	if (d->provisional)
		html_fmt(b, ",%ld 人次尚有定性职责未评分(等次为暂定)",
		    d->provisional);
	html_fmt(b, "。<a href=\"/evaluation?year=%d\">查看考评结果</a></p>"
	    "</section>", d->year - 1);
}

/* Records waiting for review in the user's scope; -1 on error. */
static long
waiting(struct request *r)
{
	if (r->user.role == ACCT_CLERK)
		return r->user.organ[0] == '\0' ? 0 :
		    store_count_awaiting(r->store, NULL, r->user.organ);
	const char *path = access_scope_path(&r->user);
	return store_count_awaiting(r->store, *path != '\0' ? path : NULL,
	    NULL);
}

/* What the scope is called: an organ, a region, or everything. */
static const char *
scope_name(struct request *r)
{
	const struct principal *p = &r->user;
	if (p->role == ACCT_CLERK && p->organ[0] != '\0') {
		struct store_organ_info o;
		if (store_organ_info(r->store, p->organ, &o) == 1)
			return arena_strdup(r->arena, o.name);
	}
	if (p->path[0] == '\0')
		return "全部地区";
	struct dom d;
	const char *name;
	req_dom(r, &d);
	if (dom_region_name(&d, p->path, &name))
		return p->region;
	return name ? name : p->region;
}

static void
scope_view(struct dashboard *d, struct buf *b, const char *name, long review)
{
	int y, m, day;
	date_to_ymd(d->today, &y, &m, &day);
	html_fmt(b, "<h1>%d 年度履职进度 <span class=\"muted\">%s</span></h1>"
	    "<div class=\"grid\">"
	    "<section class=\"card\"><div class=\"muted\">纳入考核的负责人(人次)"
	    "</div><div class=\"stat\">%ld</div></section>"
	    "<section class=\"card\"><div class=\"muted\">风险职责</div>"
	    "<div class=\"stat\">%ld</div></section>", d->year, name, d->results,
	    d->nrisk);
	if (d->orders_seen)
		html_fmt(b, "<section class=\"card\"><div class=\"muted\">"
		    "整改预警</div><div class=\"stat\"><a href=\"#rect-warnings\">"
		    "%zu</a></div></section>", d->orders.n);
	if (review >= 0)
		html_fmt(b, "<section class=\"card\"><div class=\"muted\">"
		    "待审核记录</div><div class=\"stat\">"
		    "<a href=\"/ledger?status=submitted\">%ld</a></div></section>",
		    review);
	html_fmt(b, "<section class=\"card\"><div class=\"muted\">今天</div>"
	    "<div class=\"stat\">%d 月 %d 日</div><div class=\"muted\">距年底还有 "
	    "%d 周</div></section></div>", m, day,
	    (date_from_ymd(d->year, 12, 31) - d->today) / 7);
	progress_table(d, b);
	progress_chart(d, b);
	risk_list(d, b);
	orders_card(d, b);
	grade_card(d, b);
}

/* ---- a leader's own view ---- */

static int
leader_result(void *ctx, const struct eval_result *res)
{
	struct dashboard *d = ctx;
	struct buf *b = d->b;
	char from[32], to[32];
	date_format_cn(res->from, from);
	date_format_cn(res->to, to);
	d->results++;
	todo_fold(d->todo, res);
	html_fmt(b, "<section class=\"card\"><h2>%s · %s "
	    "<span class=\"tag\">%s</span></h2><p class=\"muted\">%s 至 %s",
	    res->organ_name, catalog_role_label(res->role),
	    coverage_label(res->coverage), from, to);
	if (res->has_score)
		html_fmt(b, " · 按目前台账计算 %.1f 分(年度进行中,仅供参考)",
		    res->score);
	html_fmt(b, " · <a href=\"/ledger?organ=%s\">履职台账</a></p>"
	    "<div class=\"table-wrap\"><table><thead><tr><th>职责</th>"
	    "<th>结论</th><th>进度</th><th>说明</th></tr></thead><tbody>",
	    html_q(d->r->arena, res->organ));
	for (size_t i = 0; i < res->nduties; i++) {
		const struct eval_duty *u = &res->duties[i];
		struct risk k;
		int pending = not_due(d, res, u);
		html_fmt(b, "<tr><td>%s<br><span class=\"muted\">%s</span></td>"
		    "<td>", u->rule->title, u->rule->citation);
		page_eval_verdict(b, d->today, d->year, res, u);
		html_fmt(b, "</td><td>");
		/* Progress so far; a duty not yet due is under way, not a
		 * failure: its bar is the pending colour. */
		if (u->has_counts && u->required > 0)
			html_fmt(b, "%d/%d<div class=\"bar%s\"><span class=\"w%d\">"
			    "</span></div>", u->actual, u->required,
			    pending ? " pending" : u->verdict == VERDICT_UNMET ?
			    " risk" : "", step5(u->actual < u->required ?
			    u->actual : u->required, u->required));
		switch (at_risk(d, res, u, &k)) {
		case 1:
			d->nrisk++;
			html_fmt(b, "<span class=\"muted\">");
			time_left(b, &k);
			html_fmt(b, "</span>");
			break;
		case 2:
			html_fmt(b, "<span class=\"tag v-unmet\">已逾期</span>");
			break;
		}
		html_fmt(b, "</td><td>");
		html_ref_text(b, d->labels, u->explanation, "record",
		    u->evidence, u->nevidence);
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table></div></section>");
	return 0;
}

static int
leader_grade(void *ctx, const struct eval_result *res)
{
	struct dashboard *d = ctx;
	html_fmt(d->b, "<li>%s · %s:", res->organ_name,
	    catalog_role_label(res->role));
	page_eval_grade(d->r, d->b, res);
	if (res->has_score)
		html_fmt(d->b, " %.1f 分", res->score);
	html_fmt(d->b, "</li>");
	d->results++;
	return 0;
}

/* Returns 0, or -1 with the fault in dm. */
static int
leader_view(struct dom *dm, struct dashboard *d, struct buf *b)
{
	d->b = b;
	html_fmt(b, "<h1>%d 年度本人履职情况</h1>", d->year);
	if (evaluation_each(dm, d->year, NULL, leader_result, d))
		return -1;
	if (d->results == 0)
		html_fmt(b, "<section class=\"card\"><p class=\"muted\">本年度"
		    "没有您作为主要负责人的任职记录。</p></section>");
	orders_card(d, b);
	d->results = 0;
	html_fmt(b, "<section class=\"card\"><h2>%d 年度考评</h2><ul>",
	    d->year - 1);
	if (evaluation_each(dm, d->year - 1, NULL, leader_grade, d))
		return -1;
	if (d->results == 0)
		html_fmt(b, "<li class=\"muted\">该年度没有考评结果</li>");
	html_fmt(b, "</ul><p><a href=\"/evaluation?year=%d\">查看考评详情"
	    "</a></p></section>", d->year - 1);
	return 0;
}

/* ---- 待办: what this person must do next (domain/todo.h) ---- */

static void
todo_section(const struct todo *t, struct buf *b)
{
	if (t->nlists == 0)
		return;
	html_fmt(b, "<section class=\"card todo\" aria-labelledby=\"todo-h\">"
	    "<h2 id=\"todo-h\">待办</h2>");
	for (int i = 0; i < t->nlists; i++) {
		const struct todo_list *l = &t->lists[i];
		html_fmt(b, "<h3>%s <span class=\"muted\">%ld 项</span></h3>",
		    l->title, l->total);
		if (l->total == 0) {
			html_fmt(b, "<p class=\"muted\">%s</p>", l->none);
			continue;
		}
		html_fmt(b, "<ul class=\"todo-list\">");
		for (int k = 0; k < l->n; k++) {
			const struct todo_item *it = &l->items[k];
			html_fmt(b, "<li><a href=\"%s\">%s</a>", it->link, it->text);
			if (it->due != DATE_NONE && l != t->needs) {
				char cn[32];
				int late = todo_days(t, it->due) < 0;
				date_format_cn(it->due, cn);
				html_fmt(b, " <span class=\"tag%s\">%s %s</span>",
				    late ? " v-unmet" : "", late ? "期限已过" : "期限",
				    cn);
			}
			if (it->note != NULL)
				html_fmt(b, "<div class=\"muted\">%s</div>", it->note);
			html_fmt(b, "</li>");
		}
		html_fmt(b, "</ul>");
		if (l->all != NULL && l->total > l->n)
			html_fmt(b, "<p><a href=\"%s\">查看全部 %ld 项</a></p>",
			    l->all, l->total);
	}
	html_fmt(b, "</section>");
}

void
page_dashboard(struct request *r)
{
	struct dashboard d = { .r = r, .today = date_today(),
		.labels = web_labels_new(r) };
	struct dom dm;
	struct todo todo;
	req_dom(r, &dm);
	d.year = date_year(d.today);
	d.todo = &todo;
	/* 待办 first: its lists are read before the evaluations, and the
	 * ones that come from an evaluation are folded from the year's sets
	 * (fold_scores) or the leader's stream (leader_result). */
	if (todo_load(&dm, d.today, &todo)) {
		page_fault(r, &dm.fault);
		return;
	}
	struct buf b;
	buf_init(&b, 1u << 22);
	if (r->user.role == ACCT_LEADER) {
		if (r->user.organ[0] == '\0') {
			page_begin(r, &b, "首页", "/");
			html_fmt(&b, "<section class=\"card\"><h1>首页</h1><p>您的账号"
			    "尚未关联任职机构,暂无可显示的考评。请联系系统管理员。</p>"
			    "</section>");
			page_end(r, &b);
			return;
		}
		if (load_orders(r, &d)) {
			warn_list_free(&d.orders);
			buf_free(&b);
			page_error(r, 500, "内部错误");
			return;
		}
		/* The leader's view is rendered while it streams, and the
		 * 待办 it folds goes above it: the view into a buffer of its
		 * own first. */
		struct buf view;
		buf_init(&view, 1u << 22);
		int rc = leader_view(&dm, &d, &view);
		warn_list_free(&d.orders);
		if (rc) {
			buf_free(&view);
			buf_free(&b);
			page_fault(r, &dm.fault);
			return;
		}
		page_begin(r, &b, "首页", "/");
		todo_section(&todo, &b);
		buf_append(&b, view.data, view.len);
		buf_free(&view);
		page_end(r, &b);
		return;
	}

	/* Everything that reads the store comes before the evaluations. */
	const char *name = scope_name(r);
	if (load_orders(r, &d)) {
		warn_list_free(&d.orders);
		buf_free(&b);
		page_error(r, 500, "内部错误");
		return;
	}
	d.duties = arena_alloc(r->arena, (r->catalog->nrules + 1) *
	    sizeof *d.duties);
	memset(d.duties, 0, (r->catalog->nrules + 1) * sizeof *d.duties);
	if (load_sets(&dm, &d)) {
		warn_list_free(&d.orders);
		buf_free(&b);
		page_fault(r, &dm.fault);
		return;
	}
	/* Counted with the year's set when it was made, else now. */
	long review = d.awaiting >= 0 ? d.awaiting : waiting(r);
	page_begin(r, &b, "首页", "/");
	todo_section(&todo, &b);
	page_overview_card(r, &b);
	scope_view(&d, &b, name, review);
	warn_list_free(&d.orders);
	page_end(r, &b);
}
