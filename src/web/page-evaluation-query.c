/*
 * The query the 年度考评 pages share: its year, region, filters, order
 * and page read from the URL (page_evaluation_query) or from the score
 * form coming back (page_eval_filters_read), selected in the store
 * (page_evaluation_select), written back as links and hidden fields, and
 * drawn as the page's filter form with the regions the account may
 * evaluate. The page itself is page-evaluation.c.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/evaluation.h"
#include "web/web.h"
#include "web/page-evaluation.h"

#define REGIONS_MAX 4096
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
const char *
page_eval_filters_read(struct request *r,
    const char *(*get)(struct request *, const char *), struct query *q)
{
	q->grade = key_find(grades, get(r, "grade"));
	q->provisional = key_find(pendings, get(r, "provisional"));
	q->verdict = key_find(verdicts, get(r, "verdict"));
	q->sort = key_find(sorts, get(r, "sort"));
	q->page = web_page_number(get(r, "page"), PAGE_LAST);
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
	const char *bad = page_eval_filters_read(r, req_query, q);
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

int
page_eval_filtered(const struct query *q)
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

void
page_eval_query_link(struct buf *b, const struct query *q, long page,
    const char *sep)
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
void
page_eval_query_hidden(struct buf *b, const struct query *q)
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

/* ---- the region select ---- */

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
	struct page_eval_regions *rs = ctx;
	int root = rs->n == 0 && rs->r->user.path[0] != '\0';
	if (rs->n >= REGIONS_MAX)
		return 1;
	if (!root && (!rs->subtree || strcmp(g->level, "township") == 0))
		return rs->subtree ? 0 : 1;
	rs->v[rs->n++] = (struct page_eval_region){ arena_strdup(rs->r->arena,
	    g->code), arena_strdup(rs->r->arena, g->name), depth_of(g->level) };
	return 0;
}

/* The regions the account may evaluate; 0, or -1 on a storage error. */
int
page_eval_regions_load(struct request *r, struct page_eval_regions *rs)
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

static const struct page_eval_region *
region_find(const struct page_eval_regions *rs, const char *code)
{
	for (size_t i = 0; i < rs->n; i++)
		if (code != NULL && strcmp(rs->v[i].code, code) == 0)
			return &rs->v[i];
	return NULL;
}

/* A region's name, for page_evaluation_closure. */
const char *
page_eval_region_name(void *ctx, const char *code)
{
	const struct page_eval_region *o = region_find(ctx, code);
	return o != NULL ? o->name : NULL;
}

const char *
page_eval_scope_name(const struct request *r,
    const struct page_eval_regions *rs, const struct query *q)
{
	const struct page_eval_region *o = region_find(rs, q->region);
	if (o != NULL || q->region != NULL)
		return o ? o->name : q->region;
	return r->user.role == ACCT_ADMIN ? "全部地区" : rs->n ?
	    rs->v[0].name : "";
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

void
page_eval_filters(struct request *r, struct buf *b, const struct query *q,
    const struct page_eval_regions *rs)
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
		const struct page_eval_region *o = &rs->v[i];
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
