/*
 * 年度考评: the evaluation of a year over a region, as a page, a score
 * form, and CSV and XLSX downloads.
 *
 * The year's results over the chosen region come materialised from the
 * store (domain/evaluation-set.c: evaluated once per change of the data,
 * limited there to what the account may see), so the summary is a count
 * in SQL and the table one page of PAGE_SIZE leaders, filtered by grade,
 * grade status, a duty's verdict or veto and sorted as asked, in SQL too;
 * the pages never evaluate by themselves. The downloads carry every
 * result the filters select, with Chinese headers and values.
 * The XLSX download is in page-evaluation-xlsx.c.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/record.h"
#include "base/idmap.h"
#include "base/date.h"
#include "domain/evaluation.h"
#include "engine/coverage.h"
#include "report/report.h"
#include "web/web.h"
#include "web/page-evaluation.h"

#define REGIONS_MAX 4096
/* characters; the importer takes 4000 bytes, three a Chinese character */
#define COMMENT_MAX 1000
#define PAGE_SIZE 50 /* leaders per page of the table */
#define PAGE_LAST 100000

/* The table's filters and orders, each a query parameter whose values
 * are the pairs' keys ("" for none). */
static const char *const grades[][2] = {
	{ "", "全部等次" },
	{ "excellent", "优秀" },
	{ "pass", "合格" },
	{ "basic_pass", "基本合格" },
	{ "fail", "不合格" },
	{ NULL, NULL },
};
static const char *const pendings[][2] = {
	{ "", "全部" },
	{ "1", "等次暂定(待评议)" },
	{ "0", "等次已定" },
	{ NULL, NULL },
};
static const char *const verdicts[][2] = {
	{ "", "全部" },
	{ "unmet", "有未达标职责" },
	{ "needs_review", "有待评议职责" },
	{ "insufficient_period", "有任职不足的职责" },
	{ "veto", "一票否决" },
	{ NULL, NULL },
};
static const char *const sorts[][2] = {
	{ "", "按地区和机构" },
	{ "score", "得分从高到低" },
	{ "score_asc", "得分从低到高" },
	{ "grade", "等次从低到高" },
	{ "name", "按姓名" },
	{ NULL, NULL },
};
/* sorts[] in order, as the store names them */
static const enum store_evalsort sort_of[] = { EVALSORT_ORDER,
	EVALSORT_SCORE, EVALSORT_SCORE_ASC, EVALSORT_GRADE, EVALSORT_NAME };

/* The key of pairs equal to s (NULL: ""), or NULL when none is. */
static const char *
key_find(const char *const (*pairs)[2], const char *s)
{
	if (s == NULL)
		return "";
	for (size_t i = 0; pairs[i][0] != NULL; i++)
		if (strcmp(s, pairs[i][0]) == 0)
			return pairs[i][0];
	return NULL;
}

static int
key_index(const char *const (*pairs)[2], const char *s)
{
	for (int i = 0; pairs[i][0] != NULL; i++)
		if (strcmp(s, pairs[i][0]) == 0)
			return i;
	return 0;
}

/* A page number 1..PAGE_LAST, or 0. */
static long
page_parse(const char *s)
{
	if (s == NULL || *s == '\0')
		return 1;
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	return *end == '\0' && errno == 0 && n >= 1 && n <= PAGE_LAST &&
	    *s >= '0' && *s <= '9' ? n : 0;
}

/* The older single choice "show" (a grade, provisional or veto), as the
 * filters it stands for; 0, or -1 when it is none of them. */
static int
show_parse(const char *show, struct query *q)
{
	if (show == NULL || *show == '\0')
		return 0;
	if (strcmp(show, "provisional") == 0)
		q->provisional = "1";
	else if (strcmp(show, "veto") == 0)
		q->verdict = "veto";
	else if ((q->grade = key_find(grades, show)) == NULL || !*q->grade)
		return -1;
	return 0;
}

/* The filters and order of a form or query (get: req_query or
 * req_form); NULL, or the Chinese name of the field at fault. */
static const char *
filters_parse(struct request *r, const char *(*get)(struct request *,
    const char *), struct query *q)
{
	q->grade = key_find(grades, get(r, "grade"));
	q->provisional = key_find(pendings, get(r, "provisional"));
	q->verdict = key_find(verdicts, get(r, "verdict"));
	q->sort = key_find(sorts, get(r, "sort"));
	q->page = page_parse(get(r, "page"));
	if (q->grade == NULL)
		return "等次";
	if (q->provisional == NULL)
		return "等次状态";
	if (q->verdict == NULL)
		return "职责结论";
	if (q->sort == NULL)
		return "排序";
	if (q->page == 0)
		return "页码";
	if (show_parse(get(r, "show"), q))
		return "显示范围";
	return NULL;
}

/* Reads year, region, the filters and page from the query string;
 * answers 400 and returns -1 when the year is not one the catalog covers
 * up to this year, or a filter or page is not one of ours. */
int
page_evaluation_query(struct request *r, struct query *q)
{
	const char *y = req_query(r, "year"), *region = req_query(r, "region");
	memset(q, 0, sizeof *q);
	q->first = date_year(catalog_effective(r->catalog));
	q->last = date_year(date_today());
	if (q->last < q->first)
		q->last = q->first;
	q->year = q->last - 1 < q->first ? q->first : q->last - 1;
	if (y != NULL && *y != '\0' && (date_parse_year(y, &q->year) ||
	    q->year < q->first || q->year > q->last)) {
		page_error(r, 400, arena_printf(r->arena, "考评年度应为 %d 至 %d "
		    "之间的年份", q->first, q->last));
		return -1;
	}
	q->region = region != NULL && *region != '\0' ? region : NULL;
	const char *bad = filters_parse(r, req_query, q);
	if (bad != NULL) {
		page_error(r, 400, arena_printf(r->arena, "%s不正确", bad));
		return -1;
	}
	return 0;
}

/* What the store selects for q's filters. */
static struct store_evalfilter
query_filter(const struct query *q)
{
	struct store_evalfilter f = STORE_EVALFILTER_ALL;
	if (*q->grade)
		f.grade = key_index(grades, q->grade) - 1;
	if (*q->provisional)
		f.provisional = q->provisional[0] == '1';
	if (strcmp(q->verdict, "veto") == 0)
		f.veto = 1;
	else if (*q->verdict)
		for (int v = VERDICT_MET; v <= VERDICT_NEEDS_REVIEW; v++)
			if (strcmp(q->verdict, eval_verdict_name(v)) == 0)
				f.verdict = v;
	return f;
}

void
page_evaluation_select(const struct query *q, struct store_evalfilter *f,
    enum store_evalsort *sort)
{
	*f = query_filter(q);
	*sort = sort_of[key_index(sorts, q->sort)];
}

static int
filtered(const struct query *q)
{
	return *q->grade || *q->provisional || *q->verdict;
}

/*
 * The page's address for q at page: sep is "&amp;" inside HTML and "&"
 * in a Location header. Every value is percent-encoded.
 */
/* sep, then name (with its '=') and the value percent-encoded. */
static void
query_param(struct buf *b, const char *sep, const char *name, const char *v)
{
	buf_puts(b, sep);
	buf_puts(b, name);
	html_url(b, v);
}

static void
query_link(struct buf *b, const struct query *q, long page, const char *sep)
{
	html_fmt(b, "/evaluation?year=%d", q->year);
	if (q->region != NULL)
		query_param(b, sep, "region=", q->region);
	const char *v[] = { q->grade, q->provisional, q->verdict, q->sort };
	const char *n[] = { "grade=", "provisional=", "verdict=", "sort=" };
	for (size_t i = 0; i < 4; i++)
		if (v[i] != NULL && *v[i])
			query_param(b, sep, n[i], v[i]);
	if (page > 1) {
		buf_puts(b, sep);
		html_fmt(b, "page=%ld", page);
	}
}

/* The same as hidden inputs of a form that comes back here. */
static void
query_hidden(struct buf *b, const struct query *q)
{
	if (q->region != NULL)
		html_fmt(b, "<input type=\"hidden\" name=\"region\" "
		    "value=\"%s\">", q->region);
	const char *v[] = { q->grade, q->provisional, q->verdict, q->sort };
	const char *n[] = { "grade", "provisional", "verdict", "sort" };
	for (size_t i = 0; i < 4; i++)
		if (v[i] != NULL && *v[i])
			html_fmt(b, "<input type=\"hidden\" name=\"%s\" "
			    "value=\"%s\">", n[i], v[i]);
	if (q->page > 1)
		html_fmt(b, "<input type=\"hidden\" name=\"page\" "
		    "value=\"%ld\">", q->page);
}

static int
reviewer(const struct request *r)
{
	return r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE;
}

/* ---- the region select ---- */

struct region_opt {
	const char *code, *name;
	int depth;
};

struct regions {
	struct request *r;
	struct region_opt *v;
	size_t n;
	int subtree; /* the role sees below its own region */
};

static int
depth_of(const char *level)
{
	if (strcmp(level, "province") == 0)
		return 0;
	if (strcmp(level, "prefecture") == 0)
		return 1;
	if (strcmp(level, "county") == 0)
		return 2;
	return 3;
}

/* Keeps the scope's own region and, for roles that see a subtree, its
 * regions down to county level (access_can_read_path's rule). */
static int
region_add(void *ctx, const struct store_region *g)
{
	struct regions *rs = ctx;
	int root = rs->n == 0 && rs->r->user.path[0] != '\0';
	if (rs->n >= REGIONS_MAX)
		return 1;
	if (!root && (!rs->subtree || strcmp(g->level, "township") == 0))
		return rs->subtree ? 0 : 1;
	rs->v[rs->n++] = (struct region_opt){ arena_strdup(rs->r->arena,
	    g->code), arena_strdup(rs->r->arena, g->name), depth_of(g->level) };
	return 0;
}

/* The regions the account may evaluate; 0, or -1 on a storage error. */
static int
regions_load(struct request *r, struct regions *rs)
{
	const struct principal *p = &r->user;
	memset(rs, 0, sizeof *rs);
	rs->r = r;
	rs->v = arena_alloc(r->arena, REGIONS_MAX * sizeof *rs->v);
	rs->subtree = p->role != ACCT_CLERK && p->role != ACCT_LEADER;
	if (p->role != ACCT_ADMIN && p->path[0] == '\0')
		return 0;
	int rc = store_each_region_in(r->store, p->path[0] ? p->path : "/",
	    region_add, rs);
	return rc < 0 ? -1 : 0;
}

static const struct region_opt *
region_find(const struct regions *rs, const char *code)
{
	for (size_t i = 0; i < rs->n; i++)
		if (code != NULL && strcmp(rs->v[i].code, code) == 0)
			return &rs->v[i];
	return NULL;
}

/* A region's name, for page_evaluation_closure. */
static const char *
region_name(void *ctx, const char *code)
{
	const struct region_opt *o = region_find(ctx, code);
	return o != NULL ? o->name : NULL;
}

/* Closes the label before it and opens a <select> of pairs. */
static void
choice(struct buf *b, const char *label, const char *name,
    const char *const (*pairs)[2], const char *chosen)
{
	html_fmt(b, "</select></label><label>%s<select name=\"%s\">", label,
	    name);
	for (size_t i = 0; pairs[i][0] != NULL; i++)
		page_option(b, pairs[i][0], pairs[i][1], chosen);
}

static void
filters(struct request *r, struct buf *b, const struct query *q,
    const struct regions *rs)
{
	html_fmt(b, "<form class=\"card filters\" method=\"get\" "
	    "action=\"/evaluation\"><label>考评年度<select name=\"year\">");
	for (int y = q->last; y >= q->first; y--)
		html_fmt(b, "<option value=\"%d\"%s>%d 年度</option>", y,
		    y == q->year ? " selected" : "", y);
	html_fmt(b, "</select></label><label>地区<select name=\"region\">");
	if (r->user.role == ACCT_ADMIN)
		html_fmt(b, "<option value=\"\"%s>全部地区</option>",
		    q->region == NULL ? " selected" : "");
	if (q->region != NULL && region_find(rs, q->region) == NULL)
		html_fmt(b, "<option value=\"%s\" selected>%s</option>",
		    q->region, q->region);
	int base = rs->n > 0 ? rs->v[0].depth : 0;
	for (size_t i = 0; i < rs->n; i++) {
		const struct region_opt *o = &rs->v[i];
		int sel = q->region ? strcmp(q->region, o->code) == 0 :
		    r->user.role != ACCT_ADMIN && i == 0;
		html_fmt(b, "<option value=\"%s\"%s>", o->code,
		    sel ? " selected" : "");
		for (int d = base; d < o->depth; d++)
			html_fmt(b, "　　");
		html_fmt(b, "%s</option>", o->name);
	}
	choice(b, "等次", "grade", grades, q->grade);
	choice(b, "等次状态", "provisional", pendings, q->provisional);
	choice(b, "职责结论", "verdict", verdicts, q->verdict);
	choice(b, "排序", "sort", sorts, q->sort);
	html_fmt(b, "</select></label><button type=\"submit\">查看</button>"
	    "<span class=\"actions\"><a class=\"button secondary\" "
	    "href=\"/evaluation.csv?year=%d&amp;region=%s\">导出 CSV</a>"
	    "<a class=\"button secondary\" href=\"/evaluation.xlsx?year=%d"
	    "&amp;region=%s\">导出 Excel</a></span></form>", q->year,
	    html_q(r->arena, q->region), q->year, html_q(r->arena, q->region));
}

/* ---- the page ---- */

struct view {
	struct request *r;
	struct buf rows;
	const struct query *q;
	int reviewer;
	long n, by_grade[GRADE_COUNT], provisional, vetoed;
	long listed; /* results the table's filter selects */
	long shown;  /* of them, on this page */
	struct idmap *anchors; /* persons that have their anchor already */
	struct web_labels *labels; /* records the explanations name */
};

/* A reviewer's form scoring one qualitative duty; it carries the view's
 * year, region, filters and page so the answer can come back here. */
static void
score_form(struct view *v, const struct eval_result *res,
    const struct eval_duty *d)
{
	struct buf *b = &v->rows;
	html_fmt(b, "<form class=\"score\" method=\"post\" "
	    "action=\"/evaluation/score\">");
	page_csrf(v->r, b);
	html_fmt(b, "<input type=\"hidden\" name=\"person\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"year\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"duty\" value=\"%s\">",
	    res->person, v->q->year, d->rule->id);
	query_hidden(b, v->q);
	html_fmt(b, "<input type=\"number\" name=\"score\" min=\"0\" "
	    "max=\"100\" step=\"0.1\" required aria-label=\"评分(0–100)\" "
	    "placeholder=\"0–100\"");
	if (d->scored)
		html_fmt(b, " value=\"%.1f\"", d->score);
	html_fmt(b, "><input name=\"comment\" maxlength=\"%d\" "
	    "aria-label=\"评语\" placeholder=\"评语\" value=\"%s\">"
	    "<button type=\"submit\">%s</button></form>", COMMENT_MAX,
	    d->scored ? d->comment : "", d->scored ? "改分" : "评分");
}

static void
duty_row(struct view *v, const struct eval_result *res,
    const struct eval_duty *d)
{
	struct buf *b = &v->rows;
	const struct catalog_rule *rule = d->rule;
	html_fmt(b, "<tr><td><a href=\"/catalog#rule-%s\">%s</a>"
	    "<div><small class=\"muted code\">%s</small></div></td><td>%s</td>"
	    "<td>", html_q(v->r->arena, rule->id), rule->title, rule->id,
	    rule->citation);
	page_eval_verdict(b, date_today(), v->q->year, res, d);
	page_eval_refer_duty(v->r, b, v->q->year, res, d);
	html_fmt(b, "</td><td class=\"num\">");
	if (d->has_counts)
		html_fmt(b, "%d / %d", d->required, d->actual);
	else
		html_fmt(b, "—");
	html_fmt(b, "</td><td>");
	html_ref_text(b, v->labels, d->explanation, "record", d->evidence,
	    d->nevidence);
	if (v->reviewer && !res->closed &&
	    rule->measure == MEASURE_QUALITATIVE && (d->verdict == VERDICT_NEEDS_REVIEW || d->scored))
		score_form(v, res, d);
	html_fmt(b, "</td><td class=\"ev\">");
	for (size_t i = 0; i < d->nevidence; i++)
		html_fmt(b, "<a href=\"/ledger/%s\">记录%zu</a> ",
		    html_q(v->r->arena, d->evidence[i]), i + 1);
	html_fmt(b, "</td></tr>");
}

static void
leader_rows(struct view *v, const struct eval_result *res)
{
	struct buf *b = &v->rows;
	char from[32], to[32];
	int64_t seen;
	date_format_cn(res->from, from);
	date_format_cn(res->to, to);
	html_fmt(b, "<tbody class=\"leader\"");
	if (!idmap_get(v->anchors, res->person, &seen) &&
	    idmap_put(v->anchors, res->person, 1) == 0)
		html_fmt(b, " id=\"%s\"", res->person);
	html_fmt(b, "><tr><td>%s</td><td>%s</td><td><strong>%s</strong></td>"
	    "<td>%s<div class=\"muted\">%s</div></td>"
	    "<td class=\"period\">%s<br>至 %s</td><td class=\"num\">",
	    res->region_name, res->organ_name, res->person_name,
	    catalog_role_label(res->role), coverage_label(res->coverage), from,
	    to);
	if (res->has_score)
		html_fmt(b, "%.1f", res->score);
	else
		html_fmt(b, "—");
	html_fmt(b, "</td><td>");
	page_eval_grade(v->r, b, res);
	if (res->veto)
		buf_puts(b, " <span class=\"tag v-unmet\">一票否决</span>");
	buf_puts(b, "</td><td>");
	if (res->provisional)
		buf_puts(b, "<span class=\"tag v-needs_review\" title=\"尚有定性"
		    "职责待评议,等次为暂定\">待评议</span>");
	buf_puts(b, "</td><td>");
	if (res->closed)
		html_fmt(b, " <span class=\"tag closed\" title=\"结转时冻结的"
		    "结果\">已结转</span>");
	for (size_t i = 0; i < res->nconsequences; i++) {
		const char *item = res->consequence_items != NULL ?
		    res->consequence_items[i] : NULL;
		html_fmt(b, "%s%s", i ? "、" : "", res->consequences[i]->label);
		if (item != NULL)
			html_fmt(b, "(%s)", item);
	}
	page_eval_refer_result(v->r, b, v->q->year, res);
	long count[5] = { 0 };
	for (size_t i = 0; i < res->nduties; i++)
		count[res->duties[i].verdict]++;
	html_fmt(b, "</td></tr><tr class=\"duties\"><td colspan=\"9\"><details>"
	    "<summary>职责明细 %zu 项:达标 %ld,未达标 %ld,待评议 %ld",
	    res->nduties, count[VERDICT_MET], count[VERDICT_UNMET],
	    count[VERDICT_NEEDS_REVIEW]);
	if (count[VERDICT_NOT_APPLICABLE] + count[VERDICT_INSUFFICIENT_PERIOD])
		html_fmt(b, ",不适用或任职不足 %ld",
		    count[VERDICT_NOT_APPLICABLE] +
		    count[VERDICT_INSUFFICIENT_PERIOD]);
	html_fmt(b, "</summary><div class=\"table-wrap\"><table class=\"duty\">"
	    "<thead><tr><th>职责</th><th>条款</th><th>结论</th>"
	    "<th>应有 / 实有</th><th>说明</th><th>佐证记录</th></tr></thead>"
	    "<tbody>");
	for (size_t i = 0; i < res->nduties; i++)
		duty_row(v, res, &res->duties[i]);
	html_fmt(b, "</tbody></table></div></details></td></tr></tbody>");
}

/* Draws a result of the table's page. */
static int
view_result(void *ctx, const struct eval_result *res)
{
	struct view *v = ctx;
	leader_rows(v, res);
	v->shown++;
	return 0;
}

static void
pager(struct buf *b, const struct view *v)
{
	long pages = (v->listed + PAGE_SIZE - 1) / PAGE_SIZE, p = v->q->page;
	if (pages <= 1)
		return;
	html_fmt(b, "<nav class=\"pager\" aria-label=\"分页\">");
	if (p > 1) {
		html_fmt(b, "<a href=\"");
		query_link(b, v->q, p - 1, "&amp;");
		html_fmt(b, "\">上一页</a>");
	}
	html_fmt(b, "<span>第 %ld / %ld 页(每页 %d 人)</span>", p, pages,
	    PAGE_SIZE);
	if (p < pages) {
		html_fmt(b, "<a href=\"");
		query_link(b, v->q, p + 1, "&amp;");
		html_fmt(b, "\">下一页</a>");
	}
	html_fmt(b, "</nav>");
}

/* The grades as horizontal bars: inline SVG, no script. */
static void
chart(struct buf *b, const struct view *v)
{
	long max = 1;
	for (int g = 0; g < GRADE_COUNT; g++)
		if (v->by_grade[g] > max)
			max = v->by_grade[g];
	html_fmt(b, "<svg class=\"chart grades\" viewBox=\"0 0 420 132\" "
	    "role=\"img\" aria-label=\"等次分布\"><title>等次分布</title>");
	for (int g = 0; g < GRADE_COUNT; g++) {
		int y = 6 + g * 31;
		int w = (int)(v->by_grade[g] * 300 / max);
		html_fmt(b, "<text x=\"0\" y=\"%d\" class=\"label\">%s</text>"
		    "<rect x=\"70\" y=\"%d\" width=\"300\" height=\"20\" rx=\"3\" "
		    "class=\"track\"/><rect x=\"70\" y=\"%d\" width=\"%d\" "
		    "height=\"20\" rx=\"3\" class=\"b-%s\"/>"
		    "<text x=\"378\" y=\"%d\" class=\"count\">%ld</text>",
		    y + 15, catalog_grade_label((enum grade)g), y, y, w,
		    catalog_grade_name((enum grade)g), y + 15, v->by_grade[g]);
	}
	html_fmt(b, "</svg>");
}

static void
summary(struct buf *b, const struct view *v, const char *scope,
    struct eval_period period)
{
	char from[32], to[32];
	html_fmt(b, "<section class=\"card summary\"><div><h2>%d 年度 · %s</h2>",
	    v->q->year, scope);
	if (period.from <= period.to) {
		date_format_cn(period.from, from);
		date_format_cn(period.to, to);
		html_fmt(b, "<p class=\"muted\">考评期间 %s 至 %s</p>", from, to);
	} else {
		html_fmt(b, "<p class=\"muted\">该年度早于职责清单施行日期,"
		    "不予考评。</p>");
	}
	html_fmt(b, "<dl class=\"counts\"><div><dt>考评对象</dt><dd class=\"stat\">"
	    "%ld</dd></div>", v->n);
	/* Each count links to the table limited to it. */
	for (int g = 0; g < GRADE_COUNT; g++) {
		struct query only = *v->q;
		only.grade = catalog_grade_name((enum grade)g);
		only.provisional = only.verdict = "";
		html_fmt(b, "<div><dt><span class=\"tag g-%s\">%s</span></dt>"
		    "<dd class=\"stat\"><a href=\"", only.grade,
		    catalog_grade_label((enum grade)g));
		query_link(b, &only, 1, "&amp;");
		html_fmt(b, "\">%ld</a></dd></div>", v->by_grade[g]);
	}
	struct query pending = *v->q, vetoed = *v->q;
	pending.grade = pending.verdict = vetoed.grade = vetoed.provisional = "";
	pending.provisional = "1";
	vetoed.verdict = "veto";
	html_fmt(b, "<div><dt>待评议(等次暂定)</dt><dd class=\"stat\"><a href=\"");
	query_link(b, &pending, 1, "&amp;");
	html_fmt(b, "\">%ld</a></dd></div><div><dt>一票否决</dt>"
	    "<dd class=\"stat\"><a href=\"", v->provisional);
	query_link(b, &vetoed, 1, "&amp;");
	html_fmt(b, "\">%ld</a></dd></div></dl></div><div>", v->vetoed);
	chart(b, v);
	html_fmt(b, "</div></section>");
}

/* Which versions of the catalog the year is evaluated under. */
static void
versions_note(struct request *r, struct buf *b, int year)
{
	const struct catalog *v[64];
	size_t n = catalog_versions_of_year(r->catalog, year, v, 64);
	if (n == 0)
		return;
	const struct catalog *last = catalog_version_at(r->catalog,
	    date_from_ymd(year, 12, 31));
	html_fmt(b, "<p class=\"muted versions\">适用职责清单:");
	for (size_t i = 0; i < n && i < 64; i++) {
		char eff[32];
		date_format_cn(v[i]->effective, eff);
		html_fmt(b, "%s<a href=\"/catalog?version=%s\">%s 版</a>(%s起施行)",
		    i ? "、" : "", html_q(r->arena, v[i]->version),
		    v[i]->version, eff);
	}
	if (n > 1)
		html_fmt(b, "。跨版本任职的,次数要求按各版本施行天数折算;职责、"
		    "权重和等次划分依任职期间最后一日施行的版本,年末为 %s 版",
		    last->version);
	html_fmt(b, "。</p>");
}

/* The grade rests on cut-offs and weights the regulation does not give:
 * say so, with their basis, next to the grades. */
static void
interpretations(struct buf *b, const struct catalog *c)
{
	struct buf note;
	buf_init(&note, 1u << 16);
	report_interpretations_note(c, "职责清单", &note);
	html_fmt(b, "<p class=\"hint interp-note\"><span class=\"mark "
	    "mark-interp\">〔解释〕</span> %s。<a href=\"/catalog\">查看职责清单"
	    "</a></p>", note.data ? note.data : "");
	buf_free(&note);
}

void
page_evaluation(struct request *r)
{
	struct query q;
	struct regions rs;
	struct view v = { .r = r, .q = &q, .reviewer = reviewer(r),
		.labels = web_labels_new(r) };
	struct evaluation_set es;
	struct buf b;
	if (page_evaluation_query(r, &q))
		return;
	if (regions_load(r, &rs)) {
		page_error(r, 500, "内部错误:无法读取地区");
		return;
	}
	struct dom d;
	req_dom(r, &d);
	/* The summary counts the whole scope; the table what the filters
	 * select, one page of it, in the order asked: each in SQL over the
	 * year's materialised results (domain/evaluation-set.c). */
	struct store_evalfilter all = STORE_EVALFILTER_ALL, f = query_filter(&q);
	if (evaluation_set_open(&d, q.year, q.region, &es) ||
	    evaluation_set_tally(&d, &es, &all, v.by_grade, &v.provisional,
	    &v.vetoed) || (v.listed = evaluation_set_count(&d, &es, &f)) < 0) {
		page_fault(r, &d.fault);
		return;
	}
	for (int g = 0; g < GRADE_COUNT; g++)
		v.n += v.by_grade[g];
	buf_init(&b, 32u << 20);
	buf_init(&v.rows, 32u << 20);
	v.anchors = idmap_create();
	if (v.anchors == NULL) {
		page_error(r, 500, "内部错误:内存不足");
		goto out;
	}
	if (evaluation_set_each(&d, &es, &f, sort_of[key_index(sorts, q.sort)],
	    (q.page - 1) * PAGE_SIZE, PAGE_SIZE, view_result, &v)) {
		page_fault(r, &d.fault);
		goto out;
	}
	page_begin(r, &b, "年度考评", "/evaluation");
	html_fmt(&b, "<h1>年度考评</h1><p class=\"sub\">党政主要负责人履行推进"
	    "法治建设第一责任人职责年度考评,依据职责清单逐项评定;定性职责由"
	    "依法治理办公室评分。</p>");
	filters(r, &b, &q, &rs);
	versions_note(r, &b, q.year);
	const struct region_opt *o = region_find(&rs, q.region);
	summary(&b, &v, o ? o->name : q.region ? q.region :
	    r->user.role == ACCT_ADMIN ? "全部地区" : rs.n ? rs.v[0].name : "",
	    eval_period_of(r->catalog, q.year));
	interpretations(&b, catalog_version_at(r->catalog,
	    date_from_ymd(q.year, 12, 31)));
	page_evaluation_closure(r, &b, &q, region_name, &rs);
	if (v.n == 0 || v.listed == 0) {
		html_fmt(&b, "<p class=\"card muted\">%s</p>", v.n == 0 ?
		    "该范围内本年度没有考评对象。" : "没有符合所选条件的考评对象。");
		page_end(r, &b);
		goto out;
	}
	if (v.shown == 0) {
		html_fmt(&b, "<p class=\"card muted\">没有这一页。<a href=\"");
		query_link(&b, &q, 1, "&amp;");
		html_fmt(&b, "\">回到第 1 页</a></p>");
		page_end(r, &b);
		goto out;
	}
	if (filtered(&q)) {
		html_fmt(&b, "<p class=\"muted\">下表只列出符合所选条件的 %ld 人。"
		    "<a href=\"", v.listed);
		struct query every = q;
		every.grade = every.provisional = every.verdict = "";
		query_link(&b, &every, 1, "&amp;");
		html_fmt(&b, "\">显示全部</a></p>");
	}
	pager(&b, &v);
	html_fmt(&b, "<div class=\"table-wrap\"><table class=\"eval\"><thead>"
	    "<tr><th>地区</th><th>机构</th><th>姓名</th><th>职务</th>"
	    "<th>考评期间</th><th>得分</th><th>等次</th><th>待评议</th>"
	    "<th>考评后果</th></tr></thead>");
	web_labels_fill(v.labels, &v.rows, 0);
	buf_append(&b, v.rows.data, v.rows.len);
	html_fmt(&b, "</table></div>");
	pager(&b, &v);
	html_fmt(&b, "<p class=\"hint\">得分为各项职责按权重折算"
	    "的百分制得分;“待评议”表示尚有定性职责未评分,等次为暂定。"
	    "点击“职责明细”查看每项职责的结论、说明和佐证记录。</p>");
	page_end(r, &b);
out:
	idmap_free(v.anchors);
	buf_free(&v.rows);
	buf_free(&b);
}

/* ---- scoring ---- */

void
page_evaluation_score(struct request *r)
{
	const char *person = req_form(r, "person"), *year = req_form(r, "year");
	const char *duty = req_form(r, "duty"), *score = req_form(r, "score");
	const char *comment = req_form(r, "comment");
	const char *region = req_form(r, "region");
	json_t *o = json_object();
	int y = 0;
	if (o == NULL) {
		page_error(r, 500, "内部错误:内存不足");
		return;
	}
	/* Values that do not parse go on as strings: score_write then
	 * names the field at fault, the same answer the API gives. */
	if (person != NULL)
		json_object_set_new(o, "person", json_string(person));
	if (year != NULL)
		json_object_set_new(o, "year", date_parse_year(year, &y) == 0 ?
		    json_integer(y) : json_string(year));
	if (duty != NULL)
		json_object_set_new(o, "duty", json_string(duty));
	if (score != NULL) {
		char *end;
		errno = 0;
		double s = strtod(score, &end);
		json_object_set_new(o, "score", *score != '\0' && *end == '\0' &&
		    errno == 0 && isfinite(s) ? json_real(s) : json_string(score));
	}
	if (comment != NULL && *comment != '\0')
		json_object_set_new(o, "comment", json_string(comment));
	struct dom d;
	req_dom(r, &d);
	int rc = score_write(&d, o);
	json_decref(o);
	if (rc) {
		page_fault(r, &d.fault);
		fault_clear(&d.fault);
		return;
	}
	/* Back to where the form was, built from checked values only. */
	struct query q = { .year = y, .region = region };
	if (filters_parse(r, req_form, &q) != NULL) {
		q.grade = q.provisional = q.verdict = q.sort = "";
		q.page = 1;
	}
	if (q.region != NULL && (*q.region == '\0' || strlen(q.region) > 64))
		q.region = NULL;
	struct buf loc;
	buf_init(&loc, 4096);
	query_link(&loc, &q, q.page, "&");
	html_fmt(&loc, "#%s", html_q(r->arena, person));
	resp_redirect(r, loc.data ? loc.data : "/evaluation");
	buf_free(&loc);
}

/* ---- downloads ---- */
