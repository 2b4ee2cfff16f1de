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

/*
 * What tells the four lists apart: the path and title, the query's keys
 * and sorts, the one select beside the year (its name, label and
 * choices), the columns, and rows(), which reads the page's rows with the
 * year (0: all) and the select's value (NULL: all) into g->w (drawing any
 * filter of its own into g->fl) and counts them into g->l.total; -1 when
 * the store failed.
 */
struct sup_list {
	const char *path, *title;
	const char *const *keep, *const *sorts;
	int first_desc;
	const char *select, *select_label;
	const char *const (*choices)[2];
	const struct col *cols;
	int (*rows)(struct request *, struct listing *, int, const char *);
};

/* The list page of s: one driver for the four. */
static void
list_page(struct request *r, const struct sup_list *s)
{
	struct listing g;
	req_dom(r, &g.d);
	web_list_read(r, &g.l, s->path, s->keep, s->sorts, s->first_desc);
	g.pg = web_list_page(&g.l);
	buf_init(&g.b, SUP_PAGE_MAX);
	buf_init(&g.fl, 4096);
	buf_init(&g.rows, SUP_PAGE_MAX / 4);
	buf_init(&g.th, 1024);
	g.w = (struct page_sup_rows){ r, &g.d, &g.rows, 0 };
	int year = year_field(r, &g.fl);
	const char *chosen = choice(r, &g.fl, s->select, s->select_label,
	    s->choices);
	int bad = s->rows(r, &g, year, chosen) < 0;
	heads(r, &g, s->cols);
	draw(r, &g.b, s->title, &g.l, &g.fl, bad, g.th.data, g.rows.data);
	buf_free(&g.rows);
	buf_free(&g.th);
}

/* The page's limit, offset and order into a store filter f that keeps
 * them as members of its own. */
#define PAGE_INTO(f, pg) ((f).limit = (pg).limit, (f).offset = (pg).offset, \
	(f).sort = (pg).sort, (f).desc = (pg).desc)

/*
 * ?notice: the orders (or interviews) of one notice's leaders, as the
 * notice page links to them (查看全部). Drawn into g->fl as a hidden
 * field that the filters' form keeps, and as the notice's title with a
 * link to the same list without it; the id, or NULL when none. One the
 * caller may not read still filters (what it lists is in their scope)
 * but is not named.
 */
static const char *
notice_filter(struct request *r, struct listing *g)
{
	const char *id = req_query(r, "notice");
	struct notice n;
	if (id == NULL || *id == '\0')
		return NULL;
	struct dom d;
	req_dom(r, &d);
	int known = notice_head(&d, id, &n) == 0;
	fault_clear(&d.fault);
	html_fmt(&g->fl, "<input type=\"hidden\" name=\"notice\" value=\"%s\">"
	    "<p class=\"filter-on\">通报:<strong>%s</strong> <a href=\"%s\">"
	    "<span aria-hidden=\"true\">× </span>移除通报筛选</a></p>", id,
	    known ? n.title : "所选通报(不存在或无权查看)",
	    web_list_without(r, &g->l, "notice"));
	return id;
}

/* ---- inspections ---- */

static int
inspection_rows(struct request *r, struct listing *g, int year,
    const char *status)
{
	struct store_inspection_filter f = { .page = g->pg, .year = year,
		.status = status };
	struct store_inspection *in = NULL;
	size_t n = 0;
	(void)r;
	int rc = sup_inspection_list(&g->d, &f, &in, &n, &g->l.total);
	for (size_t i = 0; i < n; i++)
		page_sup_inspection_row(&g->w, &in[i]);
	return rc;
}

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
	static const struct sup_list s = { "/supervision/inspections",
		"督查计划", inspection_keep, inspection_sorts, 1, "status",
		"状态", inspection_states, inspection_cols, inspection_rows };
	list_page(r, &s);
}

/* ---- rectification orders ---- */

/* With a check box of its own: 只看逾期. */
static int
rect_rows(struct request *r, struct listing *g, int year, const char *status)
{
	struct store_rect_filter f = { .year = year, .status = status };
	struct store_rectification *x = NULL;
	size_t n = 0;
	PAGE_INTO(f, g->pg);
	f.notice = notice_filter(r, g);
	const char *late = req_query(r, "overdue");
	f.overdue_only = late != NULL && strcmp(late, "1") == 0;
	html_fmt(&g->fl, "<label><input type=\"checkbox\" name=\"overdue\" "
	    "value=\"1\"%s> 只看逾期</label>", f.overdue_only ? " checked" : "");
	int rc = rect_list(&g->d, &f, &x, &n, &g->l.total);
	for (size_t i = 0; i < n; i++)
		page_sup_rect_row(&g->w, &x[i]);
	return rc;
}

static const char *const rect_keep[] = { "year", "status", "overdue",
	"notice", NULL };
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
	static const struct sup_list s = { "/supervision/rectifications",
		"整改", rect_keep, rect_sorts, 0, "status", "状态", rect_states,
		rect_cols, rect_rows };
	list_page(r, &s);
}

/* ---- interviews ---- */

static int
interview_rows(struct request *r, struct listing *g, int year,
    const char *status)
{
	struct store_interview_filter f = { .year = year, .status = status };
	struct store_interview *v = NULL;
	size_t n = 0;
	PAGE_INTO(f, g->pg);
	f.notice = notice_filter(r, g);
	int rc = interview_list(&g->d, &f, &v, &n, &g->l.total);
	for (size_t i = 0; i < n; i++)
		page_sup_interview_row(&g->w, &v[i]);
	return rc;
}

static const char *const interview_keep[] = { "year", "status", "notice",
	NULL };
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
	static const struct sup_list s = { "/supervision/interviews", "约谈",
		interview_keep, interview_sorts, 0, "status", "状态",
		interview_states, interview_cols, interview_rows };
	list_page(r, &s);
}

/* ---- notices ---- */

/* Drafts are the office's (notice_list's rule); the rows as the overview
 * draws them. */
static int
notice_rows(struct request *r, struct listing *g, int year, const char *kind)
{
	struct store_notice_filter f = { .year = year, .kind = kind };
	PAGE_INTO(f, g->pg);
	f.issued_only = r->user.role != ACCT_ADMIN && r->user.role != ACCT_OFFICE;
	g->l.total = 0;
	if (!scope_of(&r->user, &f.scope))
		return 0;
	return (g->l.total = store_count_notices(r->store, &f)) < 0 ||
	    store_each_notice(r->store, &f, page_sup_notice_row, &g->w) < 0 ?
	    -1 : 0;
}

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
	static const struct sup_list s = { "/supervision/notices", "通报",
		notice_keep, notice_sorts, 1, "kind", "类型", notice_kinds,
		notice_cols, notice_rows };
	list_page(r, &s);
}
