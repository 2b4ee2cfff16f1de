/*
 * 预警: every duty at risk or overdue in the caller's scope this year, a
 * page at a time, worst first (src/engine/warn.c's judgement, kept with
 * the year's materialised results: domain/evaluation-set.c), filtered by
 * region and by kind; and the rectification orders overdue or due soon.
 * The dashboard shows the fifty worst; this is the whole list.
 */
#include <stdlib.h>
#include <string.h>

#include "auth/scope.h"
#include "domain/evaluation.h"
#include "engine/warn.h"
#include "web/page-warnings.h"

#define WARN_PAGE 50
#define WARN_PAGE_LAST 100000

/* The kinds, in the order of the warning's risk (1, 2; 0 both); the
 * page opens on the first: what can still be done. */
static const char *const kinds[][2] = {
	{ "", "仍可补足" },
	{ "overdue", "已逾期" },
	{ "all", "全部" },
	{ NULL, NULL },
};
static const int kind_risk[] = { 1, 2, 0 };

/* One row: the leader, the duty, how far and how long. */
static int
warning_row(void *ctx, const struct store_evalrisk *k)
{
	struct page_rows *w = ctx;
	struct buf *b = w->b;
	const struct catalog *c = w->r->catalog;
	struct warn_item it;
	evaluation_risk_item(c, w->r->arena, k, &it);
	const struct warning x = it.w;
	char text[512], due[32] = "—";
	if (x.due != DATE_NONE)
		date_format_cn(x.due, due);
	if (x.rule != NULL)
		warn_text(&x, c, text, sizeof text);
	else
		snprintf(text, sizeof text, "%s", k->u.rule ? k->u.rule : "");
	html_fmt(b, "<tr><td>%s</td><td><a href=\"/ledger?organ=%s\">%s</a></td>"
	    "<td>%s</td><td>%s", k->region_name, html_q(w->r->arena, k->organ),
	    k->organ_name, k->person_name, x.rule ? x.rule->title : "");
	if (x.rule != NULL)
		html_fmt(b, "<div><small class=\"muted code\">%s</small></div>",
		    x.rule->id);
	html_fmt(b, "</td><td>%s</td><td>%s</td><td><span class=\"tag %s\">"
	    "%s</span></td></tr>", text, due, k->u.risk == 2 ? "v-unmet" :
	    "v-needs_review", k->u.risk == 2 ? "已逾期" : "仍可补足");
	return 0;
}

static void
link(struct request *r, struct buf *b, const char *region, const char *kind,
    long page)
{
	html_fmt(b, "/warnings?kind=%s", html_q(r->arena, kind));
	if (region != NULL)
		html_fmt(b, "&amp;region=%s", html_q(r->arena, region));
	if (page > 1)
		html_fmt(b, "&amp;page=%ld", page);
}

int
page_rect_warnings_load(struct request *r, date_t today, struct warn_list *l)
{
	struct store_sup_scope sc;
	warn_list_init(l, today, r->arena);
	if (!scope_of(&r->user, &sc))
		return 0;
	if (warn_collect_rectifications(l, r->store, &sc))
		return -1;
	warn_sort(l);
	return 1;
}

void
page_rect_warnings_card(struct request *r, struct buf *b,
    const struct warn_list *l, size_t shown)
{
	char text[512];
	if (shown == 0 || shown > l->n)
		shown = l->n;
	html_fmt(b, "<section class=\"card\" id=\"rect-warnings\"><h2>整改预警 "
	    "<span class=\"muted\">%zu 项</span></h2>", l->n);
	if (l->n == 0) {
		html_fmt(b, "<p class=\"muted\">没有逾期或 %d 天内到期的整改。"
		    "</p></section>", WARN_RECT_HORIZON);
		return;
	}
	html_fmt(b, "<p class=\"muted\">已下达或整改中、已过整改期限或 %d 天内"
	    "到期的整改,逾期的在前", WARN_RECT_HORIZON);
	if (l->n > shown)
		html_fmt(b, ",列出前 %zu 项", shown);
	html_fmt(b, "。</p><ol class=\"risks\">");
	for (size_t i = 0; i < shown; i++) {
		const struct warn_item *it = &l->v[i];
		warn_text(&it->w, r->catalog, text, sizeof text);
		html_fmt(b, "<li><a href=\"/supervision/rectifications/%s\">%s"
		    "%s%s</a>:%s <span class=\"tag%s\">%s</span>"
		    "<div class=\"muted\">%s</div></li>",
		    html_q(r->arena, it->rectification), it->organ_name,
		    it->person_name ? " " : "",
		    it->person_name ? it->person_name : "", text,
		    it->w.kind == WARN_RECTIFICATION ? " v-unmet" : "",
		    it->w.kind == WARN_RECTIFICATION ? "已逾期" : "将到期",
		    it->requirement);
	}
	html_fmt(b, "</ol><p><a href=\"/supervision#rectifications\">查看全部"
	    "整改</a></p></section>");
}

/* The orders overdue or due soon, all of them (the dashboard shows the
 * first). */
static int
orders(struct request *r, struct buf *b, date_t today)
{
	struct warn_list l;
	int rc = page_rect_warnings_load(r, today, &l);
	if (rc > 0)
		page_rect_warnings_card(r, b, &l, 0);
	warn_list_free(&l);
	return rc < 0 ? -1 : 0;
}

void
page_warnings(struct request *r)
{
	const char *kind = req_query(r, "kind"), *region = req_query(r,
	    "region");
	long page = web_page_number(req_query(r, "page"),
	    WARN_PAGE_LAST);
	int which = -1;
	for (int i = 0; kinds[i][0] != NULL; i++)
		if (strcmp(kind ? kind : "", kinds[i][0]) == 0)
			which = i;
	if (which < 0 || page == 0) {
		page_error(r, 400, which < 0 ? "预警类别不正确" : "页码不正确");
		return;
	}
	kind = kinds[which][0];
	int risk = kind_risk[which];
	if (region != NULL && *region == '\0')
		region = NULL;
	struct page_rows w = { r, NULL };
	date_t today = date_today();
	int year = date_year(today);
	struct dom d;
	struct evaluation_set es;
	struct store_evalfilter all = STORE_EVALFILTER_ALL;
	struct buf b, rows;
	req_dom(r, &d);
	long n;
	if (evaluation_set_open(&d, year, region, &es) ||
	    (n = evaluation_set_risk_count(&d, &es, &all, risk)) < 0) {
		page_fault(r, &d.fault);
		return;
	}
	buf_init(&b, 8u << 20);
	buf_init(&rows, 4u << 20);
	w.b = &rows;
	if (evaluation_set_risks(&d, &es, &all, risk, (page - 1) * WARN_PAGE,
	    WARN_PAGE, warning_row, &w)) {
		page_fault(r, &d.fault);
		goto out;
	}
	page_begin(r, &b, "预警", "/warnings");
	html_fmt(&b, "<h1>%d 年度预警</h1><p class=\"sub\">尚未达标、负责人仍在任的"
	    "计次和报告类职责:“仍可补足”按 差距 ÷ (剩余周数 + 1) 从紧到松排列,"
	    "“已逾期”为报送截止日期已过仍未报送的报告。</p>", year);
	html_fmt(&b, "<form class=\"card filters\" method=\"get\" "
	    "action=\"/warnings\">");
	if (region != NULL)
		html_fmt(&b, "<input type=\"hidden\" name=\"region\" "
		    "value=\"%s\">", region);
	html_fmt(&b, "<label>类别<select name=\"kind\">");
	for (int i = 0; kinds[i][0] != NULL; i++)
		page_option(&b, kinds[i][0], kinds[i][1], kind);
	html_fmt(&b, "</select></label><button type=\"submit\">查看</button>"
	    "</form>");
	if (n == 0)
		html_fmt(&b, "<p class=\"card muted\">没有符合条件的职责预警。</p>");
	else {
		long pages = (n + WARN_PAGE - 1) / WARN_PAGE;
		html_fmt(&b, "<section class=\"card\"><h2>职责预警 <span "
		    "class=\"muted\">%ld 项</span></h2><nav class=\"pager\" "
		    "aria-label=\"分页\">", n);
		if (page > 1) {
			html_fmt(&b, "<a href=\"");
			link(r, &b, region, kind, page - 1);
			html_fmt(&b, "\">上一页</a>");
		}
		html_fmt(&b, "<span>第 %ld / %ld 页(每页 %d 项)</span>", page,
		    pages, WARN_PAGE);
		if (page < pages) {
			html_fmt(&b, "<a href=\"");
			link(r, &b, region, kind, page + 1);
			html_fmt(&b, "\">下一页</a>");
		}
		html_fmt(&b, "</nav><div class=\"table-wrap\"><table><thead><tr>"
		    "<th>地区</th><th>机构</th><th>负责人</th><th>职责</th>"
		    "<th>进度</th><th>截止日期</th><th>状态</th></tr></thead>"
		    "<tbody>");
		buf_append(&b, rows.data, rows.len);
		html_fmt(&b, "</tbody></table></div></section>");
	}
	if (orders(r, &b, today)) {
		page_error(r, 500, "内部错误:无法读取整改");
		goto out;
	}
	page_end(r, &b);
out:
	buf_free(&rows);
	buf_free(&b);
}
