/*
 * The supervision lists whole ([workbench] item 4): inspections,
 * rectification orders, interviews and notices, each filtered, ordered
 * and paged in the store (store_each_*_in / the filters' sort and page,
 * store_ordered) and counted there, with list.c's pager and sortable
 * heads. The overview (page-supervision.c) shows the first rows of each
 * and links here.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/notice.h"
#include "web/page-supervision.h"

/* The page of a list once counted: crumbs, title, count, the filters
 * drawn into fl (whose values the query read), then the rows or what
 * stands for none, and the pager. Frees fl. */
static void
draw(struct request *r, struct buf *b, const char *title,
    const struct web_list *l, struct buf *fl, int bad, const char *head,
    const char *rows)
{
	page_begin(r, b, title, "/supervision");
	html_fmt(b, "<nav class=\"crumbs\"><a href=\"/supervision\">督查</a> › "
	    "%s</nav><h1>%s</h1><div class=\"actions\">", title, title);
	html_list_total(b, l, "");
	html_fmt(b, "</div><form class=\"filters card\" method=\"get\" "
	    "action=\"%s\" aria-label=\"筛选\">", l->path);
	buf_puts(b, fl->data ? fl->data : "");
	buf_free(fl);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">筛选</button>"
	    "<a class=\"button secondary\" href=\"%s\">清除</a></div></form>",
	    l->path);
	if (bad)
		html_fmt(b, "<p class=\"alert\">暂时无法读取,请稍后再试。</p>");
	else if (l->total == 0)
		html_fmt(b, "<p class=\"card muted\">没有符合条件的项。</p>");
	else {
		buf_puts(b, "<div class=\"table-wrap\"><table><thead><tr>");
		buf_puts(b, head);
		buf_puts(b, "</tr></thead><tbody>");
		buf_puts(b, rows ? rows : "");
		buf_puts(b, "</tbody></table></div>");
		html_pager(b, r, l);
	}
	page_end(r, b);
}

/* One list page being made: its query, the page, the filters, the rows
 * and the heads. */
struct listing {
	struct web_list l;
	struct store_page pg;
	struct dom d;
	struct buf b, fl, rows, th;
	struct page_sup_rows w;
};

static void
open_list(struct request *r, struct listing *g, const char *path,
    const char *const *keep, const char *const *sorts, int first_desc)
{
	req_dom(r, &g->d);
	web_list_read(r, &g->l, path, keep, sorts, first_desc);
	g->pg = web_list_page(&g->l);
	buf_init(&g->b, SUP_PAGE_MAX);
	buf_init(&g->fl, 4096);
	buf_init(&g->rows, SUP_PAGE_MAX / 4);
	buf_init(&g->th, 1024);
	g->w = (struct page_sup_rows){ r, &g->d, &g->rows, 0 };
}

static void
close_list(struct request *r, struct listing *g, const char *title, int bad)
{
	draw(r, &g->b, title, &g->l, &g->fl, bad, g->th.data, g->rows.data);
	buf_free(&g->rows);
	buf_free(&g->th);
}

/* ?year when a year, else 0; the year field showing it. */
static int
year_field(struct request *r, struct buf *b)
{
	const char *v = req_query(r, "year");
	long y = v ? strtol(v, NULL, 10) : 0;
	if (y < 1900 || y > 2200)
		y = 0;
	html_fmt(b, "<label>年度<input type=\"number\" name=\"year\" "
	    "min=\"1900\" max=\"2200\" inputmode=\"numeric\" placeholder=\""
	    "全部年度\" value=\"%s\"></label>", y ? v : "");
	return (int)y;
}

/* A select of name from choices {value, label}, NULL-ended; the query's
 * value when it is one of them, else NULL. */
static const char *
choice(struct request *r, struct buf *b, const char *name, const char *label,
    const char *const (*choices)[2])
{
	const char *v = req_query(r, name), *chosen = NULL;
	html_fmt(b, "<label>%s<select name=\"%s\"><option value=\"\">全部"
	    "</option>", label, name);
	for (size_t i = 0; choices[i][0] != NULL; i++) {
		if (v != NULL && strcmp(v, choices[i][0]) == 0)
			chosen = choices[i][0];
		page_option(b, choices[i][0], choices[i][1], v);
	}
	html_fmt(b, "</select></label>");
	return chosen;
}

/* A list's columns: a sortable head (key) or a plain one (key NULL),
 * hidden on phones when narrow; the list ends with a NULL label. */
struct col {
	const char *key, *label;
	int narrow, first_desc;
};

static void
heads(struct request *r, struct listing *g, const struct col *c)
{
	for (; c->label != NULL; c++)
		if (c->key != NULL)
			html_sort_head(&g->th, r, &g->l, c->key, c->label,
			    c->narrow ? "hide-narrow" : NULL, c->first_desc);
		else if (c->narrow)
			html_fmt(&g->th, "<th scope=\"col\" class=\"hide-narrow\">"
			    "%s</th>", c->label);
		else
			html_fmt(&g->th, "<th scope=\"col\">%s</th>", c->label);
}

/* The page's limit, offset and order into a store filter f that keeps
 * them as members of its own. */
#define PAGE_INTO(f, pg) ((f).limit = (pg).limit, (f).offset = (pg).offset, \
	(f).sort = (pg).sort, (f).desc = (pg).desc)

/* ---- inspections ---- */

static const char *const inspection_keep[] = { "year", "status", NULL };
static const char *const inspection_sorts[] = { "year", "title", "status",
	NULL };
static const char *const inspection_states[][2] = {
	{ "planned", "计划中" }, { "in_progress", "进行中" },
	{ "completed", "已完成" }, { NULL, NULL } };

static const struct col inspection_cols[] = {
	{ "title", "督查", 0, 0 },
	{ NULL, "类型", 0, 0 },
	{ NULL, "地区", 0, 0 },
	{ "year", "年度", 0, 1 },
	{ "status", "状态", 0, 0 },
	{ NULL, "问题", 0, 0 },
	{ NULL, NULL, 0, 0 },
};

void
page_inspections(struct request *r)
{
	struct listing g;
	struct store_inspection_filter f = { 0 };
	struct store_inspection *in = NULL;
	size_t n = 0;
	open_list(r, &g, "/supervision/inspections", inspection_keep,
	    inspection_sorts, 1);
	f.page = g.pg;
	f.year = year_field(r, &g.fl);
	f.status = choice(r, &g.fl, "status", "状态", inspection_states);
	int bad = sup_inspection_list(&g.d, &f, &in, &n, &g.l.total) < 0;
	for (size_t i = 0; i < n; i++)
		page_sup_inspection_row(&g.w, &in[i]);
	heads(r, &g, inspection_cols);
	close_list(r, &g, "督查计划", bad);
}

/* ---- rectification orders ---- */

static const char *const rect_keep[] = { "year", "status", "overdue", NULL };
static const char *const rect_sorts[] = { "deadline", "organ", "status",
	NULL };
static const char *const rect_states[][2] = {
	{ "issued", "已下达" }, { "in_progress", "整改中" },
	{ "submitted", "已提交" }, { "accepted", "已验收" }, { NULL, NULL } };

static const struct col rect_cols[] = {
	{ NULL, "整改", 0, 0 },
	{ "organ", "机构", 0, 0 },
	{ NULL, "负责人", 1, 0 },
	{ NULL, "来源", 1, 0 },
	{ "deadline", "期限", 0, 0 },
	{ "status", "状态", 0, 0 },
	{ NULL, NULL, 0, 0 },
};

void
page_rectifications(struct request *r)
{
	struct listing g;
	struct store_rect_filter f = { 0 };
	struct store_rectification *x = NULL;
	size_t n = 0;
	open_list(r, &g, "/supervision/rectifications", rect_keep, rect_sorts,
	    0);
	PAGE_INTO(f, g.pg);
	f.year = year_field(r, &g.fl);
	f.status = choice(r, &g.fl, "status", "状态", rect_states);
	const char *late = req_query(r, "overdue");
	f.overdue_only = late != NULL && strcmp(late, "1") == 0;
	html_fmt(&g.fl, "<label><input type=\"checkbox\" name=\"overdue\" "
	    "value=\"1\"%s> 只看逾期</label>", f.overdue_only ? " checked" : "");
	int bad = rect_list(&g.d, &f, &x, &n, &g.l.total) < 0;
	for (size_t i = 0; i < n; i++)
		page_sup_rect_row(&g.w, &x[i]);
	heads(r, &g, rect_cols);
	close_list(r, &g, "整改", bad);
}

/* ---- interviews ---- */

static const char *const interview_keep[] = { "year", "status", NULL };
static const char *const interview_sorts[] = { "date", "organ", NULL };
static const char *const interview_states[][2] = {
	{ "scheduled", "待约谈" }, { "held", "已约谈" }, { NULL, NULL } };

static const struct col interview_cols[] = {
	{ "organ", "机构", 0, 0 },
	{ NULL, "负责人", 0, 0 },
	{ "date", "日期", 0, 0 },
	{ NULL, "事由", 1, 0 },
	{ NULL, "状态", 0, 0 },
	{ NULL, NULL, 0, 0 },
};

void
page_interviews(struct request *r)
{
	struct listing g;
	struct store_interview_filter f = { 0 };
	struct store_interview *v = NULL;
	size_t n = 0;
	open_list(r, &g, "/supervision/interviews", interview_keep,
	    interview_sorts, 0);
	PAGE_INTO(f, g.pg);
	f.year = year_field(r, &g.fl);
	f.status = choice(r, &g.fl, "status", "状态", interview_states);
	int bad = interview_list(&g.d, &f, &v, &n, &g.l.total) < 0;
	for (size_t i = 0; i < n; i++)
		page_sup_interview_row(&g.w, &v[i]);
	heads(r, &g, interview_cols);
	close_list(r, &g, "约谈", bad);
}

/* ---- notices ---- */

static const char *const notice_keep[] = { "year", "kind", NULL };
static const char *const notice_sorts[] = { "year", "title", NULL };
static const char *const notice_kinds[][2] = {
	{ "commendation", "通报表扬" }, { "interview", "约谈整改通知" },
	{ "criticism", "通报批评" }, { NULL, NULL } };

static const struct col notice_cols[] = {
	{ "title", "标题", 0, 0 },
	{ NULL, "类型", 0, 0 },
	{ "year", "年度", 0, 1 },
	{ NULL, "地区", 1, 0 },
	{ NULL, "发布机关", 1, 0 },
	{ NULL, "人数", 0, 0 },
	{ NULL, "状态", 0, 0 },
	{ NULL, NULL, 0, 0 },
};

void
page_notices(struct request *r)
{
	struct listing g;
	struct store_notice_filter f = { 0 };
	open_list(r, &g, "/supervision/notices", notice_keep, notice_sorts, 1);
	PAGE_INTO(f, g.pg);
	f.year = year_field(r, &g.fl);
	f.kind = choice(r, &g.fl, "kind", "类型", notice_kinds);
	/* Drafts are the office's (notice_list's rule); the rows as the
	 * overview draws them. */
	f.issued_only = r->user.role != ACCT_ADMIN && r->user.role != ACCT_OFFICE;
	int bad = 0;
	g.l.total = 0;
	if (scope_of(&r->user, &f.scope))
		bad = (g.l.total = store_count_notices(r->store, &f)) < 0 ||
		    store_each_notice(r->store, &f, page_sup_notice_row, &g.w) < 0;
	heads(r, &g, notice_cols);
	close_list(r, &g, "通报", bad);
}
