/*
 * 总览: what an office of a province or prefecture looks at first — its
 * subordinate regions ranked, a tile map of its counties coloured by
 * grade, the grades across the years, and its own leaders, each a link
 * one level down (region → region → leader).
 *
 * The numbers come from overview_build and overview_trend
 * (domain/overview.h: one pass over each year's results, through the
 * evaluation). Every chart is drawn by static/overview.js with Apache
 * ECharts (static/echarts.min.js, vendored) from a table on the page:
 * the table is the chart's text equivalent and its only data source, so
 * the two cannot disagree, and without script the tables remain. The
 * tile map is plain HTML (a CSS grid): no boundary data, no script.
 * The dashboard of a province or prefecture office opens with the tile
 * map (page_overview_card).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "domain/overview.h"
#include "web/web.h"

/* The vendored ECharts release; its URL carries the version, so it can
 * be cached for a year (page-static.c). */
#define ECHARTS_URL "/static/echarts.min.js?v=5.6.0"
#define TREND_MAX 64 /* years a trend can show */

static const char *const grade_names[GRADE_COUNT] = { "excellent", "pass",
	"basic_pass", "fail" };

/* part of whole in whole percent, rounded. */
static long
pct(long part, long whole)
{
	return whole > 0 ? lround(100.0 * (double)part / (double)whole) : 0;
}

/* ---- the ranking ---- */

/* Higher average first, then fewer 不合格, then the code: an order that
 * never depends on the scan. Unscored regions last. */
static int
by_average(const void *pa, const void *pb)
{
	const struct overview_region *a = *(const struct overview_region *
	    const *)pa, *b = *(const struct overview_region *const *)pb;
	if ((a->all.scored > 0) != (b->all.scored > 0))
		return a->all.scored > 0 ? -1 : 1;
	long ta = lround(overview_average(&a->all) * 10);
	long tb = lround(overview_average(&b->all) * 10);
	if (ta != tb)
		return ta > tb ? -1 : 1;
	long fa = pct(a->all.by_grade[GRADE_FAIL], a->all.n);
	long fb = pct(b->all.by_grade[GRADE_FAIL], b->all.n);
	if (fa != fb)
		return fa < fb ? -1 : 1;
	return strcmp(a->code, b->code);
}

/* Equal average (to one decimal, as shown) and 不合格 share: one place. */
static int
same_place(const struct overview_region *a, const struct overview_region *b)
{
	return a->all.scored > 0 && b->all.scored > 0 &&
	    lround(overview_average(&a->all) * 10) ==
	    lround(overview_average(&b->all) * 10) &&
	    pct(a->all.by_grade[GRADE_FAIL], a->all.n) ==
	    pct(b->all.by_grade[GRADE_FAIL], b->all.n);
}

static void
region_link(struct request *r, struct buf *b, const struct overview *o,
    const struct overview_region *g)
{
	html_fmt(b, "<a href=\"/overview?year=%d&amp;region=%s\">%s</a>",
	    o->year, html_q(r->arena, g->code), g->name);
}

/* The grade counts as a chart reads them: data-g="a,b,c,d". */
static void
grade_data(struct buf *b, const struct overview_tally *t)
{
	html_fmt(b, " data-g=\"%ld,%ld,%ld,%ld\"", t->by_grade[0],
	    t->by_grade[1], t->by_grade[2], t->by_grade[3]);
}

static void
grade_cells(struct buf *b, const struct overview_tally *t)
{
	for (int g = 0; g < GRADE_COUNT; g++)
		html_fmt(b, "<td class=\"num\" data-grade=\"%s\">%ld"
		    "<span class=\"muted\"> · %ld%%</span></td>", grade_names[g],
		    t->by_grade[g], pct(t->by_grade[g], t->n));
	html_fmt(b, "<td class=\"num avg\">");
	if (t->scored > 0)
		html_fmt(b, "%.1f", overview_average(t));
	else
		html_fmt(b, "—");
	html_fmt(b, "</td><td class=\"num veto\">%ld</td>"
	    "<td class=\"num\">%ld</td>", t->veto, t->provisional);
}

static void
grade_heads(struct buf *b)
{
	for (int g = 0; g < GRADE_COUNT; g++)
		html_fmt(b, "<th>%s</th>", catalog_grade_label((enum grade)g));
	html_fmt(b, "<th>平均分</th><th>一票否决</th><th>等次暂定</th>");
}

/*
 * A ranked table of the regions that pick selects (child or county),
 * with its chart above: id names the table the chart reads. Returns how
 * many rows it drew.
 */
static size_t
ranking(struct request *r, struct buf *b, const struct overview *o,
    int counties, const char *id, const char *title)
{
	const struct overview_region **v = arena_alloc(r->arena,
	    (o->n + 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < o->n; i++)
		if (counties ? o->v[i].county && !o->v[i].child : o->v[i].child)
			v[n++] = &o->v[i];
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, by_average);
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"%s-h\">"
	    "<h2 id=\"%s-h\">%s</h2>"
	    "<div class=\"chart\" data-chart=\"regions\" data-table=\"%s\" "
	    "role=\"img\" aria-label=\"%s:各地区考评等次人次的堆叠条形图,"
	    "数据见下表\"></div>"
	    "<div class=\"table-wrap\"><table id=\"%s\" class=\"ranking\">"
	    "<caption class=\"muted\">按平均分排名;每格为人次 · 占比</caption>"
	    "<thead><tr><th>名次</th><th>地区</th>", id, id, title, id, title,
	    id);
	if (counties)
		html_fmt(b, "<th>所属</th>");
	html_fmt(b, "<th>人次</th>");
	grade_heads(b);
	html_fmt(b, "</tr></thead><tbody>");
	long place = 0;
	for (size_t i = 0; i < n; i++) {
		const struct overview_region *g = v[i];
		if (i == 0 || !same_place(v[i - 1], g))
			place = (long)i + 1;
		html_fmt(b, "<tr data-region=\"%s\" data-name=\"%s\"", g->code,
		    g->name);
		grade_data(b, &g->all);
		html_fmt(b, "><td class=\"num\">");
		if (g->all.scored > 0)
			html_fmt(b, "%ld", place);
		html_fmt(b, "</td><th scope=\"row\">");
		region_link(r, b, o, g);
		html_fmt(b, " <a class=\"muted\" href=\"/evaluation?year=%d&amp;"
		    "region=%s\" aria-label=\"%s考评结果\">结果</a></th>", o->year,
		    html_q(r->arena, g->code), g->name);
		if (counties)
			html_fmt(b, "<td>%s</td>", g->group >= 0 ?
			    o->v[g->group].name : "");
		html_fmt(b, "<td class=\"num\">%ld</td>", g->all.n);
		grade_cells(b, &g->all);
		html_fmt(b, "</tr>");
	}
	html_fmt(b, "</tbody></table></div></section>");
	return n;
}

/* ---- the tile map ---- */

static void
legend(struct buf *b)
{
	html_fmt(b, "<ul class=\"tile-legend\" aria-label=\"图例\">");
	for (int g = 0; g < GRADE_COUNT; g++)
		html_fmt(b, "<li><span class=\"swatch t-%s\"></span>%s</li>",
		    grade_names[g], catalog_grade_label((enum grade)g));
	html_fmt(b, "<li><span class=\"swatch t-none\"></span>无结果</li>"
	    "<li><span class=\"swatch\">*</span>等次暂定</li></ul>");
}

static void
tile(struct request *r, struct buf *b, const struct overview *o,
    const struct overview_region *g)
{
	const char *name = g->has_own ? grade_names[g->own] : "none";
	const char *label = g->has_own ? catalog_grade_label(g->own) :
	    "无结果";
	html_fmt(b, "<li><a class=\"tile t-%s\" data-region=\"%s\" "
	    "data-grade=\"%s\" href=\"/overview?year=%d&amp;region=%s\">"
	    "<span class=\"tile-name\">%s</span><span class=\"tile-grade\">"
	    "%s%s</span></a></li>", name, g->code, name, o->year,
	    html_q(r->arena, g->code), g->name, label,
	    g->has_own && g->own_provisional ? "*" : "");
}

/* One tile per county, grouped by the child of the root it lies in (a
 * prefecture's counties are its children: one group); more: a link to
 * the overview at its foot (the dashboard's). Returns the number of
 * tiles. */
static size_t
tile_map(struct request *r, struct buf *b, const struct overview *o,
    int more)
{
	size_t tiles = 0;
	for (size_t i = 0; i < o->n; i++)
		tiles += o->v[i].county != 0;
	if (tiles == 0)
		return 0;
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"tiles-h\">"
	    "<h2 id=\"tiles-h\">%d 年度各县(市、区)等次</h2>"
	    "<p class=\"muted\">每块为一个县(市、区),颜色为其党委、政府主要负责人"
	    "等次中较低者;点击进入该地区总览。</p>", o->year);
	legend(b);
	html_fmt(b, "<div class=\"tile-map\">");
	/* Counties that are children of the root: one group, the root's. */
	int loose = 0;
	for (size_t i = 0; i < o->n && !loose; i++)
		loose = o->v[i].county && o->v[i].child;
	if (loose) {
		html_fmt(b, "<section class=\"tile-group\"><h3>%s</h3>"
		    "<ul class=\"tiles\">", o->name);
		for (size_t i = 0; i < o->n; i++)
			if (o->v[i].county && o->v[i].child)
				tile(r, b, o, &o->v[i]);
		html_fmt(b, "</ul></section>");
	}
	for (size_t c = 0; c < o->n; c++) {
		if (!o->v[c].child || o->v[c].county)
			continue;
		size_t in = 0;
		for (size_t i = 0; i < o->n; i++)
			in += o->v[i].group == (int)c;
		if (in == 0)
			continue;
		html_fmt(b, "<section class=\"tile-group\"><h3>");
		region_link(r, b, o, &o->v[c]);
		html_fmt(b, "</h3><ul class=\"tiles\">");
		for (size_t i = 0; i < o->n; i++)
			if (o->v[i].group == (int)c)
				tile(r, b, o, &o->v[i]);
		html_fmt(b, "</ul></section>");
	}
	html_fmt(b, "</div>");
	if (more)
		html_fmt(b, "<p><a href=\"/overview?year=%d\">查看总览:排名、"
		    "等次分布与历年趋势</a></p>", o->year);
	html_fmt(b, "</section>");
	return tiles;
}

/* ---- the trend and the region's own leaders ---- */

static void
trend(struct buf *b, const struct overview_year *ys, size_t n, int current)
{
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"trend-h\">"
	    "<h2 id=\"trend-h\">历年等次</h2>"
	    "<div class=\"chart\" data-chart=\"trend\" data-table=\"trend\" "
	    "role=\"img\" aria-label=\"历年考评等次人次的堆叠柱状图,数据见下表\">"
	    "</div><div class=\"table-wrap\"><table id=\"trend\">"
	    "<caption class=\"muted\">已结转年度取结转时冻结的结果;本年度按目前"
	    "台账计算</caption><thead><tr><th>年度</th><th>状态</th>"
	    "<th>人次</th>");
	grade_heads(b);
	html_fmt(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const struct overview_year *y = &ys[i];
		html_fmt(b, "<tr data-year=\"%d\" data-name=\"%d 年\"", y->year,
		    y->year);
		grade_data(b, &y->all);
		html_fmt(b, "><th scope=\"row\">%d 年度</th><td>%s</td>"
		    "<td class=\"num\">%ld</td>", y->year, y->closed ? "已结转" :
		    y->year == current ? "进行中" : "未结转", y->all.n);
		grade_cells(b, &y->all);
		html_fmt(b, "</tr>");
	}
	html_fmt(b, "</tbody></table></div></section>");
}

static void
leaders(struct request *r, struct buf *b, const struct overview *o)
{
	if (o->nleaders == 0)
		return;
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"leaders-h\">"
	    "<h2 id=\"leaders-h\">%s本级负责人</h2><div class=\"table-wrap\">"
	    "<table id=\"leaders\"><thead><tr><th>姓名</th><th>机构</th>"
	    "<th>职务</th><th>得分</th><th>等次</th></tr></thead><tbody>",
	    o->name);
	for (size_t i = 0; i < o->nleaders; i++) {
		const struct overview_leader *l = &o->leaders[i];
		html_fmt(b, "<tr><th scope=\"row\"><a href=\"/evaluation?year=%d"
		    "&amp;region=%s#%s\">%s</a></th><td><a href=\"/organs/%s\">"
		    "%s</a></td><td>%s</td><td class=\"num\">", o->year,
		    html_q(r->arena, o->region), html_q(r->arena, l->person),
		    l->name, html_q(r->arena, l->organ), l->organ_name,
		    catalog_role_label(l->role));
		if (l->has_score)
			html_fmt(b, "%.1f", l->score);
		else
			html_fmt(b, "—");
		html_fmt(b, "</td><td><span class=\"tag g-%s\">%s</span>",
		    grade_names[l->grade], catalog_grade_label(l->grade));
		if (l->veto)
			buf_puts(b, " <span class=\"tag v-unmet\">一票否决</span>");
		if (l->provisional)
			buf_puts(b, " <span class=\"tag v-needs_review\">暂定</span>");
		buf_puts(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table></div>");
	if (o->more_leaders > 0)
		html_fmt(b, "<p class=\"muted\">另有 %ld 人,见<a href=\"/evaluation"
		    "?year=%d&amp;region=%s\">考评结果</a>。</p>", o->more_leaders,
		    o->year, html_q(r->arena, o->region));
	html_fmt(b, "</section>");
}

/* ---- the page ---- */

/* The regions from the account's own down to the one shown, each a
 * link: the way back up after a drill-down. */
static void
crumbs(struct request *r, struct buf *b, const struct overview *o)
{
	char path[512];
	struct dom d;
	req_dom(r, &d);
	if (store_region_path(r->store, o->region, path, sizeof path) != 1)
		return;
	/* from the '/' before the account's own region's code ("" for the
	 * administrator: from the top) */
	const char *own = r->user.path;
	size_t start = strlen(own);
	if (strncmp(path, own, start) != 0)
		return;
	if (start > 0)
		start--;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (start > 0)
		start--;
	html_fmt(b, "<nav class=\"crumbs\" aria-label=\"地区层级\">");
	/* each "/code/" from the account's own region down */
	for (size_t i = start; path[i] != '\0' && path[i + 1] != '\0';) {
		const char *next = strchr(path + i + 1, '/');
		if (next == NULL)
			break;
		char code[32], sub[512];
		size_t len = (size_t)(next - (path + i + 1));
		size_t end = (size_t)(next - path) + 1;
		if (len == 0 || len >= sizeof code || end >= sizeof sub)
			break;
		memcpy(code, path + i + 1, len);
		code[len] = '\0';
		memcpy(sub, path, end);
		sub[end] = '\0';
		const char *name;
		if (dom_region_name(&d, sub, &name) || name == NULL)
			name = code;
		if (strcmp(code, o->region) == 0)
			html_fmt(b, "<span aria-current=\"page\">%s</span>", name);
		else
			html_fmt(b, "<a href=\"/overview?year=%d&amp;region=%s\">%s"
			    "</a> › ", o->year, html_q(r->arena, code), name);
		i = (size_t)(next - path);
	}
	html_fmt(b, "</nav>");
}

static void
summary(struct buf *b, const struct overview *o)
{
	const struct overview_tally *t = &o->all;
	html_fmt(b, "<div class=\"grid tallies\"><section class=\"card\"><div "
	    "class=\"muted\">纳入考评(人次)</div><div class=\"stat\">%ld</div>"
	    "</section>", t->n);
	for (int g = 0; g < GRADE_COUNT; g++)
		html_fmt(b, "<section class=\"card\"><div class=\"muted\">%s"
		    "</div><div class=\"stat\">%ld%%</div><div class=\"muted\">"
		    "%ld 人次</div></section>", catalog_grade_label((enum grade)g),
		    pct(t->by_grade[g], t->n), t->by_grade[g]);
	html_fmt(b, "<section class=\"card\"><div class=\"muted\">平均分</div>"
	    "<div class=\"stat\">");
	if (t->scored > 0)
		html_fmt(b, "%.1f", overview_average(t));
	else
		html_fmt(b, "—");
	html_fmt(b, "</div><div class=\"muted\">一票否决 %ld 人次</div>"
	    "</section></div>", t->veto);
	if (t->provisional > 0)
		html_fmt(b, "<p class=\"muted\">%ld 人次尚有定性职责未评分,"
		    "等次为暂定。</p>", t->provisional);
}

void
page_overview(struct request *r)
{
	int first = date_year(catalog_effective(r->catalog));
	int current = date_year(date_today());
	int year = current - 1 < first ? first : current - 1;
	const char *y = req_query(r, "year"), *region = req_query(r, "region");
	if (current < first)
		current = first;
	if (y != NULL && *y != '\0' && (date_parse_year(y, &year) ||
	    year < first || year > current)) {
		page_error(r, 400, arena_printf(r->arena, "考评年度应为 %d 至 %d "
		    "之间的年份", first, current));
		return;
	}
	if (region != NULL && *region == '\0')
		region = NULL;
	struct dom d;
	struct overview o;
	req_dom(r, &d);
	if (overview_build(&d, year, region, &o)) {
		page_fault(r, &d.fault);
		return;
	}
	struct overview_year *ys = arena_alloc(r->arena, TREND_MAX *
	    sizeof *ys);
	int keep[] = { year, current };
	size_t ny = 0;
	int lo = current - TREND_MAX + 1 > first ? current - TREND_MAX + 1 :
	    first;
	if (overview_trend(&d, o.region, lo, current, keep, 2, ys, &ny)) {
		page_fault(r, &d.fault);
		return;
	}
	struct buf b;
	buf_init(&b, 8u << 20);
	page_begin(r, &b, "总览", "/overview");
	html_fmt(&b, "<h1>总览 <span class=\"muted\">%s · %d 年度</span></h1>",
	    o.name, o.year);
	crumbs(r, &b, &o);
	html_fmt(&b, "<form class=\"card filters\" method=\"get\" "
	    "action=\"/overview\"><input type=\"hidden\" name=\"region\" "
	    "value=\"%s\"><label>考评年度<select name=\"year\">", o.region);
	for (int i = current; i >= first; i--)
		html_fmt(&b, "<option value=\"%d\"%s>%d 年度</option>", i,
		    i == year ? " selected" : "", i);
	html_fmt(&b, "</select></label><button type=\"submit\">查看</button>"
	    "<span class=\"actions\"><a class=\"button secondary\" "
	    "href=\"/evaluation?year=%d&amp;region=%s\">考评结果</a>"
	    "<a class=\"button secondary\" href=\"/rankings.xlsx?year=%d&amp;"
	    "region=%s\">排名 Excel</a></span></form>", year,
	    html_q(r->arena, o.region), year, html_q(r->arena, o.region));
	if (o.closed)
		html_fmt(&b, "<p class=\"notice\">%d 年度已结转:以下为结转时冻结的"
		    "结果。</p>", year);
	if (year == current)
		html_fmt(&b, "<p class=\"notice\">年度进行中:按目前台账计算,"
		    "仅供参考。</p>");
	summary(&b, &o);
	tile_map(r, &b, &o, 0);
	int county = strcmp(o.level, "prefecture") == 0;
	ranking(r, &b, &o, 0, "rank-children", arena_printf(r->arena,
	    "%s排名", strcmp(o.level, "province") == 0 ? "各市(州)" : county ?
	    "各县(市、区)" : "下级地区"));
	ranking(r, &b, &o, 1, "rank-counties", "各县(市、区)排名");
	trend(&b, ys, ny, current);
	leaders(r, &b, &o);
	/* ECharts only where a chart is drawn: this page. */
	html_fmt(&b, "<script src=\"%s\" defer></script>"
	    "<script src=\"/static/overview.js\" defer></script>", ECHARTS_URL);
	page_end(r, &b);
}

/* The top of the dashboard: a province or prefecture office's tile map
 * of last year. Nothing for anyone else; a note when it fails. */
void
page_overview_card(struct request *r, struct buf *b)
{
	char level[32];
	int64_t key;
	if (r->user.role != ACCT_OFFICE || r->user.region[0] == '\0' ||
	    store_region_key(r->store, r->user.region, &key, level,
	    sizeof level) != 1 || (strcmp(level, "province") != 0 &&
	    strcmp(level, "prefecture") != 0))
		return;
	int first = date_year(catalog_effective(r->catalog));
	int year = date_year(date_today()) - 1;
	if (year < first)
		year = first;
	struct dom d;
	struct overview o;
	req_dom(r, &d);
	if (overview_build(&d, year, NULL, &o)) {
		html_fmt(b, "<p class=\"alert\">暂时无法生成总览。</p>");
		return;
	}
	tile_map(r, b, &o, 1);
}
