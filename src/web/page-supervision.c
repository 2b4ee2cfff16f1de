/*
 * 督查: the overview of supervision (第七条, 第八条) — inspection plans,
 * rectification orders with 逾期 marked, interviews and notices — with
 * the forms that start each, and the helpers the other supervision pages
 * share (page-supervision.h). One inspection, one order and one notice
 * have pages of their own: page-inspection.c, page-rectification.c,
 * page-notice.c.
 *
 * Nothing here decides scope or validity: the lists come from the store
 * through scope_of (auth/scope.h), and every form is read by the
 * entity's table and goes to the operation the JSON API calls
 * (domain/supervision.h). Forms are offered to the roles the routes allow; a write refused
 * anyway shows the API's problem as an error page.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oversight/notice-text.h"
#include "oversight/rectify.h"
#include "domain/notice.h"
#include "domain/report.h"
#include "web/page-supervision.h"

#define REGIONS_MAX 2000

/* ---- shared helpers ---- */

json_t *
page_sup_form(struct request *r, const char *const *names)
{
	json_t *o = json_object();
	for (size_t i = 0; names[i] != NULL; i++) {
		const char *v = req_form(r, names[i]);
		if (v == NULL)
			continue;
		const char *s = v;
		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		if (*s != '\0')
			json_object_set_new(o, names[i], json_string(v));
	}
	return o;
}


void
page_sup_rect_tags(struct buf *b, const char *status, const char *label,
    int overdue)
{
	/* The ledger's colours: amber in hand, green done, red late. */
	const char *cls = "";
	if (strcmp(status, "accepted") == 0)
		cls = " s-verified";
	else if (strcmp(status, "submitted") == 0)
		cls = " g-pass";
	else if (strcmp(status, "in_progress") == 0)
		cls = " s-submitted";
	html_fmt(b, "<span class=\"tag%s\">%s</span>", cls, label);
	if (overdue)
		html_fmt(b, " <span class=\"tag s-rejected\">逾期</span>");
}

void
page_history_cells(struct request *r, struct buf *b, const char *at,
    const char *action, const char *from, const char *to)
{
	html_fmt(b, "<tr><td>%s</td><td>%s</td><td>", date_beijing(r->arena, at),
	    action);
	if (from != NULL)
		html_fmt(b, "%s → ", from);
	html_fmt(b, "%s</td>", to);
}

void
page_sup_redirect(struct request *r, const char *prefix, const char *id,
    const char *ok, const char *anchor)
{
	resp_redirect(r, arena_printf(r->arena, "%s%s?ok=%s%s%s", prefix,
	    html_q(r->arena, id), html_q(r->arena, ok), anchor ? "#" : "",
	    anchor ? anchor : ""));
}

void
page_sup_paragraphs(struct buf *b, const char *text)
{
	const char *p = text ? text : "";
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char line[4096];
		/* Long lines go out in pieces; the escaping is html_fmt's. */
		html_fmt(b, "<p>");
		for (size_t off = 0; off < n; off += sizeof line - 1) {
			size_t k = n - off < sizeof line - 1 ? n - off :
			    sizeof line - 1;
			memcpy(line, p + off, k);
			line[k] = '\0';
			html_fmt(b, "%s", line);
		}
		html_fmt(b, "</p>");
		p += n;
		if (*p == '\n')
			p++;
	}
}

const char *
page_sup_day(struct arena *a, const char *ymd)
{
	date_t d;
	char cn[32];
	if (ymd == NULL || *ymd == '\0')
		return "—";
	if (date_parse(ymd, &d))
		return ymd;
	date_format_cn(d, cn);
	return arena_strdup(a, cn);
}

int
page_sup_year(void)
{
	return date_year(date_today()) - 1;
}

struct regions {
	struct request *r;
	struct buf *b;
	const char *selected;
	int n;
};

static int
region_option(void *ctx, const struct store_region *g)
{
	struct regions *rg = ctx;
	if (strcmp(g->level, "township") == 0)
		return 0;
	if (rg->n == REGIONS_MAX)
		return 1;
	rg->n++;
	html_fmt(rg->b, "<option value=\"%s\"%s>%s%s</option>", g->code,
	    rg->selected && strcmp(rg->selected, g->code) == 0 ? " selected" :
	    "", strcmp(g->level, "county") == 0 ? "— " : strcmp(g->level,
	    "prefecture") == 0 ? "· " : "", g->name);
	return 0;
}

int
page_sup_region_picker(struct request *r, struct buf *b,
    const char *selected)
{
	struct regions rg = { .r = r, .b = b, .selected = selected };
	html_fmt(b, "<select name=\"region\" required>");
	int rc = page_each_scope_region(r, region_option, &rg);
	html_fmt(b, "</select>");
	return rc < 0 ? -1 : rg.n;
}

void
page_sup_all(struct buf *b, const char *path, long total)
{
	if (total > SUP_OVERVIEW_ROWS)
		html_fmt(b, "<p><a href=\"%s\">查看全部 %ld 项</a></p>", path,
		    total);
}

/* ---- the overview ---- */

static int
is_office(const struct request *r)
{
	return r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE;
}

static int
plans(const struct request *r)
{
	return is_office(r) || r->user.role == ACCT_INSPECTOR;
}

/* Opens the page's section id, headed title, with its hint (or NULL). */
static void
section(struct buf *b, const char *id, const char *title, const char *hint)
{
	html_fmt(b, "<section class=\"card\" id=\"%s\"><h2>%s</h2>", id, title);
	if (hint != NULL)
		html_fmt(b, "<p class=\"hint\">%s</p>", hint);
}

void
page_sup_inspection_row(struct page_sup_rows *w, const struct store_inspection *in)
{
	html_fmt(w->b, "<tr><td><a href=\"/supervision/inspections/%s\">%s"
	    "</a></td><td>%s</td>"
	    "<td>%s</td><td>%d</td><td>%s</td><td>%ld</td></tr>",
	    html_q(w->r->arena, in->id),
	    in->title, sup_inspection_kind_label(in->kind),
	    in->region_name, in->year, sup_inspection_status_label(in->status),
	    in->findings);
}

static void
inspections(struct request *r, struct dom *d, struct buf *b, int visible)
{
	struct buf rows;
	buf_init(&rows, SUP_PAGE_MAX / 4);
	struct page_sup_rows w = { r, d, &rows, 0 };
	section(b, "inspections", "督查计划", "第七条:上级党委对下级党政主要负责人"
	    "履职情况开展定期检查、专项督查。");
	struct store_inspection_filter f = {
		.page = { .limit = SUP_OVERVIEW_ROWS } };
	struct store_inspection *in = NULL;
	size_t n = 0;
	long total = 0;
	int bad = visible && sup_inspection_list(w.d, &f, &in, &n, &total);
	for (size_t i = 0; i < n; i++)
		page_sup_inspection_row(&w, &in[i]);
	page_rows_table(b, bad, n, "暂时无法读取督查计划。",
	    "暂无督查计划。", "<th>督查</th><th>类型</th><th>地区</th>"
	    "<th>年度</th><th>状态</th><th>问题</th>", rows.data);
	buf_free(&rows);
	page_sup_all(b, "/supervision/inspections", total);
	if (plans(r)) {
		html_fmt(b, "<details><summary>新建督查计划</summary>"
		    "<form method=\"post\" action=\"/supervision/inspections\">");
		page_csrf(r, b);
		html_fmt(b, "<label>类型<select name=\"kind\" required>"
		    "<option value=\"regular\">定期检查</option>"
		    "<option value=\"special\">专项督查</option></select></label>"
		    "<label>标题<input name=\"title\" required maxlength=\"500\" "
		    "placeholder=\"如:2025年度法治建设第一责任人职责履行情况定期检查\">"
		    "</label><label>督查地区(含下辖地区)");
		page_sup_region_picker(r, b, r->user.region);
		html_fmt(b, "</label><label>年度<input type=\"number\" "
		    "name=\"year\" required min=\"1900\" max=\"2200\" "
		    "value=\"%d\"></label><label>开始日期<input type=\"date\" "
		    "name=\"starts\"></label><label>结束日期<input type=\"date\" "
		    "name=\"ends\"></label><label>督查重点<textarea name=\"focus\" "
		    "maxlength=\"4000\"></textarea></label><button type=\"submit\">"
		    "新建</button></form></details>", page_sup_year());
	}
	html_fmt(b, "</section>");
}

void
page_sup_rect_row(struct page_sup_rows *w, const struct store_rectification *x)
{
	html_fmt(w->b, "<tr><td><a href=\"/supervision/rectifications/%s\">"
	    "查看</a></td><td>%s</td><td class=\"hide-narrow\">%s</td>"
	    "<td class=\"hide-narrow\">%s</td><td>%s</td><td>",
	    html_q(w->r->arena, x->id),
	    x->organ_name, x->person_name ? x->person_name : "—",
	    sup_rect_source_label(x->source), page_sup_day(w->r->arena,
	    x->deadline));
	enum rectify_state st = RECTIFY_ISSUED;
	rectify_state_parse(x->status, &st);
	page_sup_rect_tags(w->b, x->status, rectify_state_label(st),
	    x->overdue);
	html_fmt(w->b, "</td></tr>");
}

/* The overview's order: of a leader who failed a year (第八条), picked
 * by name. An order from a finding or an interview starts beside it (the
 * inspection page, the interview's row) with its source filled: nobody
 * types a number for it. */
static void
rectification_form(struct request *r, struct buf *b)
{
	html_fmt(b, "<details><summary>由年度考评下达整改</summary><form "
	    "method=\"post\" action=\"/supervision/rectifications\">");
	page_csrf(r, b);
	html_fmt(b, "<p class=\"hint\">对年度考评不合格的负责人下达整改(第八条)。"
	    "督查发现的问题在<a href=\"#inspections\">督查计划</a>的问题下下达"
	    "整改,约谈后的整改在<a href=\"#interviews\">约谈</a>记录下下达。</p>"
	    "<input type=\"hidden\" name=\"source\" value=\"evaluation\">"
	    "<label>机构");
	page_organ_picker(r, b, NULL, "请选择机构", 1);
	html_fmt(b, "</label>");
	html_picker(b, r->arena, "person", "person", "负责人", NULL, NULL, NULL,
	    NULL, 1);
	html_fmt(b, "<label>考评年度<input "
	    "type=\"number\" name=\"year\" required min=\"1900\" max=\"2200\" "
	    "value=\"%d\"></label><label>整改要求<textarea name=\"requirement\" "
	    "required maxlength=\"4000\"></textarea></label><label>整改期限"
	    "<input type=\"date\" name=\"deadline\" required></label>"
	    "<button type=\"submit\">下达</button></form></details>",
	    page_sup_year());
}

static void
rectifications(struct request *r, struct dom *d, struct buf *b, int visible)
{
	struct store_rect_filter f = { .limit = SUP_OVERVIEW_ROWS };
	struct store_rectification *x;
	size_t n = 0;
	long listed = 0;
	int only = req_query(r, "overdue") != NULL;
	const char *finding = req_query(r, "finding");
	if (finding != NULL && *finding != '\0')
		f.finding = finding;
	long open = 0, late = 0;
	struct buf rows;
	buf_init(&rows, SUP_PAGE_MAX / 4);
	struct page_sup_rows w = { r, d, &rows, 0 };
	section(b, "rectifications", "整改", NULL);
	if (visible) {
		/* The counts among all (one row each: the totals are what is
		 * wanted), then the listing asked for. */
		struct store_rect_filter c = f;
		size_t one;
		c.limit = 1;
		int bad = rect_list(d, &c, &x, &one, &open);
		c.overdue_only = 1;
		bad = bad || rect_list(d, &c, &x, &one, &late);
		f.overdue_only = only;
		if (bad || rect_list(d, &f, &x, &n, &listed))
			visible = -1;
		for (size_t i = 0; visible > 0 && i < n; i++)
			page_sup_rect_row(&w, &x[i]);
	}
	if (visible < 0)
		html_fmt(b, "<p class=\"alert\">暂时无法读取整改。</p>");
	else {
		html_fmt(b, "<div class=\"actions\"><span>共 %ld 项", open);
		if (late > 0)
			html_fmt(b, ",<span class=\"tag s-rejected\">逾期 %ld 项"
			    "</span>", late);
		if (f.finding != NULL)
			html_fmt(b, "<span>该问题的整改:</span>");
		buf_puts(b, "</span>");
		buf_puts(b, only || f.finding ?
		    "<a href=\"/supervision#rectifications\">显示全部</a>" :
		    late > 0 ? "<a href=\"/supervision/rectifications?overdue=1\">"
		    "只看逾期</a>" : "");
		buf_puts(b, "</div>");
		page_rows_table(b, 0, n, NULL, "暂无整改。",
		    "<th>整改</th><th>机构</th><th class=\"hide-narrow\">负责人"
		    "</th><th class=\"hide-narrow\">来源</th><th>期限</th>"
		    "<th>状态</th>", rows.data);
		page_sup_all(b, only ? "/supervision/rectifications?overdue=1" :
		    "/supervision/rectifications", f.finding ? 0 : listed);
	}
	buf_free(&rows);
	if (is_office(r))
		rectification_form(r, b);
	html_fmt(b, "</section>");
}

/* 约谈 then 整改 (第八条): the order of interview v, its source shown in
 * words by the row it is drawn in. */
static void
interview_order_form(struct request *r, struct buf *b,
    const struct store_interview *v)
{
	html_fmt(b, "<details><summary>下达整改</summary><form method=\"post\" "
	    "action=\"/supervision/rectifications\">");
	page_csrf(r, b);
	html_fmt(b, "<p class=\"hint\">约谈%s%s后的整改。</p><input "
	    "type=\"hidden\" name=\"source\" value=\"interview\"><input "
	    "type=\"hidden\" name=\"interview\" value=\"%s\"><label>整改要求"
	    "<textarea name=\"requirement\" required maxlength=\"4000\">"
	    "</textarea></label><label>整改期限<input type=\"date\" "
	    "name=\"deadline\" required></label><button type=\"submit\">下达"
	    "</button></form></details>", v->organ_name, v->person_name ?
	    v->person_name : "", v->id);
}

void
page_sup_interview_row(struct page_sup_rows *w, const struct store_interview *v)
{
	struct request *r = w->r;
	int held = strcmp(v->status, "held") == 0;
	html_fmt(w->b, "<tr><td>%s</td>"
	    "<td>%s</td><td>%s</td><td class=\"hide-narrow\">%s</td><td>",
	    v->organ_name, v->person_name ? v->person_name : "—",
	    page_sup_day(r->arena, held ? v->held_on : v->scheduled_on),
	    v->reason);
	if (held)
		html_fmt(w->b, "<span class=\"tag s-verified\">已约谈</span>"
		    "<details><summary>约谈记录</summary><p>约谈人:%s</p>",
		    v->interviewer);
	else
		html_fmt(w->b, "<span class=\"tag s-submitted\">待约谈</span>");
	static const char *const notice_only[] = { "interview-notice", NULL };
	static const char *const both[] = { "interview-notice",
		"interview-record", NULL };
	page_document_links(r, w->b, "interviews", v->id, held ? both :
	    notice_only);
	if (held) {
		page_sup_paragraphs(w->b, v->summary);
		html_fmt(w->b, "</details>");
		if (is_office(r))
			interview_order_form(r, w->b, v);
	} else if (is_office(r)) {
		/* Held on the day scheduled, or today when that is still to
		 * come: a day that has not come is refused. */
		char today[11];
		date_t on;
		date_format(date_today(), today);
		const char *held_on = date_parse(v->scheduled_on, &on) == 0 &&
		    on <= date_today() ? v->scheduled_on : today;
		html_fmt(w->b, "<details><summary>记录约谈</summary>"
		    "<form method=\"post\" action=\"/supervision/interviews/%s/held\">",
		    html_q(w->r->arena, v->id));
		page_csrf(r, w->b);
		html_fmt(w->b, "<label>约谈日期<input type=\"date\" "
		    "name=\"held_on\" required value=\"%s\"></label><label>约谈人"
		    "<input name=\"interviewer\" required maxlength=\"200\">"
		    "</label><label>约谈情况<textarea name=\"summary\" required "
		    "maxlength=\"20000\"></textarea></label><button "
		    "type=\"submit\">保存</button></form></details>",
		    held_on);
	}
	html_fmt(w->b, "</td></tr>");
}

static int
report_option(void *ctx, const struct report_doc *rep)
{
	struct page_sup_rows *w = ctx;
	w->n++;
	html_fmt(w->b, "<option value=\"%s\">%s(%s · %d年度 · %s)</option>",
	    rep->id, rep->title, rep->organ_name, rep->year, rep->status_label);
	return 0;
}

/* The reports in r->user's scope an interview may follow from, by
 * title, newest first (report_filter decides the scope). */
static void
report_choice(struct request *r, struct dom *d, struct buf *b)
{
	struct report_query q = { .page = 1, .per_page = SUP_LIST_MAX };
	struct store_report_filter f;
	char path[512];
	long total = 0;
	struct page_sup_rows w = { r, d, b, 0 };
	html_fmt(b, "<select name=\"report\"><option value=\"\">(不选)"
	    "</option>");
	if (report_filter(d, &q, &f, path, sizeof path) == 1)
		report_list(d, &f, report_option, &w, &total);
	fault_clear(&d->fault);
	html_fmt(b, "</select>");
}

static void
interviews(struct request *r, struct dom *d, struct buf *b, int visible)
{
	struct store_interview_filter f = { .limit = SUP_OVERVIEW_ROWS };
	struct store_interview *v = NULL;
	size_t n = 0;
	long total = 0;
	struct buf rows;
	buf_init(&rows, SUP_PAGE_MAX / 4);
	struct page_sup_rows w = { r, d, &rows, 0 };
	section(b, "interviews", "约谈", "第八条:对考评不合格的党政主要负责人进行"
	    "约谈,要求及时整改。");
	int bad = visible && interview_list(d, &f, &v, &n, &total);
	for (size_t i = 0; i < n; i++)
		page_sup_interview_row(&w, &v[i]);
	page_rows_table(b, bad, n, "暂时无法读取约谈。", "暂无约谈。",
	    "<th>机构</th><th>负责人</th><th>日期</th>"
	    "<th class=\"hide-narrow\">事由</th><th>状态</th>", rows.data);
	buf_free(&rows);
	page_sup_all(b, "/supervision/interviews", total);
	if (is_office(r)) {
		html_fmt(b, "<details><summary>安排约谈</summary><form "
		    "method=\"post\" action=\"/supervision/interviews\">");
		page_csrf(r, b);
		html_fmt(b, "<p class=\"hint\">督查发现的问题在<a href=\""
		    "#inspections\">督查计划</a>的问题下安排约谈。</p>"
		    "<label>来源<select name=\"source\" required>"
		    "<option value=\"evaluation\">年度考评</option>"
		    "<option value=\"report\">报告</option></select></label>"
		    "<label>报告(来源为报告时)");
		report_choice(r, d, b);
		html_fmt(b, "</label><label>机构(来源为年度考评时)");
		page_organ_picker(r, b, NULL, "按来源确定", 0);
		html_fmt(b, "</label>");
		html_picker(b, r->arena, "person", "person", "负责人", NULL, NULL,
		    NULL, NULL, 0);
		html_fmt(b, "<label>考评年度<input "
		    "type=\"number\" name=\"year\" min=\"1900\" max=\"2200\" "
		    "value=\"%d\"></label><label>约谈事由<textarea name=\"reason\" "
		    "required maxlength=\"4000\"></textarea></label><label>约谈日期"
		    "<input type=\"date\" name=\"scheduled_on\" required></label>"
		    "<button type=\"submit\">安排</button></form></details>",
		    page_sup_year());
	}
	html_fmt(b, "</section>");
}

int
page_sup_notice_row(void *ctx, const struct store_notice *n)
{
	struct page_sup_rows *w = ctx;
	w->n++;
	int issued = strcmp(n->status, "issued") == 0;
	enum notice_kind k = NOTICE_COMMENDATION;
	char office[600];
	notice_text_kind_parse(n->kind, &k);
	html_fmt(w->b, "<tr><td><a href=\"/supervision/notices/%s\">%s</a>"
	    "</td><td><span class=\"tag %s\">%s</span></td><td>%d</td>"
	    "<td class=\"hide-narrow\">%s</td><td class=\"hide-narrow\">%s"
	    "</td><td>%ld</td><td><span class=\"tag%s\">%s</span></td></tr>",
	    html_q(w->r->arena, n->id), n->title,
	    k == NOTICE_COMMENDATION ? "g-excellent" : "g-fail",
	    notice_text_kind_label(k), n->year, n->region_name,
	    n->issuer_organ != NULL ? n->issuer_organ : notice_text_office(NULL,
	    n->region_name, office, sizeof office), n->items, issued ?
	    " s-verified" : "", issued ? "已发布" : "草稿");
	return 0;
}

static void
notices(struct request *r, struct buf *b, const struct store_sup_scope *sc,
    int visible)
{
	struct store_notice_filter f = { .scope = *sc,
		.limit = SUP_OVERVIEW_ROWS, .issued_only = !is_office(r) };
	long total = 0;
	struct buf rows;
	buf_init(&rows, SUP_PAGE_MAX / 4);
	struct page_sup_rows w = { r, NULL, &rows, 0 };
	section(b, "notices", "通报", "第八条:上级党委对考评优秀的党政主要负责人"
	    "进行通报表扬,对考评不合格的进行约谈,要求及时整改。第六条第(四)项:"
	    "政府对工作不力、问题较多的部门或者下级政府通报批评。通知和通报由年度"
	    "考评结果起草,以上级机关名义发布:下级办公室可以起草,由发布机关所在"
	    "地区(或更上级)的办公室审核发布。");
	int bad = visible && ((total = store_count_notices(r->store, &f)) < 0 ||
	    store_each_notice(r->store, &f, page_sup_notice_row, &w) < 0);
	page_rows_table(b, bad, (size_t)w.n, "暂时无法读取通报。", "暂无通报。",
	    "<th>标题</th><th>类型</th><th>年度</th>"
	    "<th class=\"hide-narrow\">地区</th><th class=\"hide-narrow\">"
	    "发布机关</th><th>人数</th><th>状态</th>", rows.data);
	buf_free(&rows);
	page_sup_all(b, "/supervision/notices", bad ? 0 : total);
	if (is_office(r)) {
		html_fmt(b, "<details><summary>由年度考评起草通报</summary>"
		    "<form method=\"post\" action=\"/supervision/notices\">");
		page_csrf(r, b);
		html_fmt(b, "<label>类型<select name=\"kind\" required>"
		    "<option value=\"commendation\">通报表扬(考评优秀,第八条)"
		    "</option><option value=\"interview\">约谈整改通知(考评不合格,"
		    "第八条)</option><option value=\"criticism\">通报批评(本级政府"
		    "部门和下级政府考评不合格的,第六条第(四)项)</option>"
		    "</select></label><label>考评年度<input type=\"number\" "
		    "name=\"year\" required min=\"1900\" max=\"2200\" "
		    "value=\"%d\"></label><label>地区(含下辖地区)", page_sup_year());
		page_sup_region_picker(r, b, r->user.region);
		html_fmt(b, "</label><p class=\"hint\">系统按所选地区和年度运行考评,"
		    "列出应予通报的负责人并起草标题和正文。</p><button "
		    "type=\"submit\">起草</button></form></details>");
	}
	html_fmt(b, "</section>");
}

static const char *const overview_notices[][2] = {
	{ "interview", "约谈已安排。" },
	{ "held", "约谈情况已记录。" },
	{ NULL, NULL },
};

void
page_supervision(struct request *r)
{
	struct store_sup_scope sc;
	struct dom d;
	int visible = scope_of(&r->user, &sc);
	struct buf b;
	req_dom(r, &d);
	buf_init(&b, SUP_PAGE_MAX);
	page_begin(r, &b, "督查", "/supervision");
	html_fmt(&b, "<h1>督查</h1>");
	page_ok_notice(r, &b, overview_notices);
	html_fmt(&b, "<nav class=\"crumbs\"><a href=\"#inspections\">督查计划"
	    "</a> · <a href=\"#rectifications\">整改</a> · <a "
	    "href=\"#interviews\">约谈</a> · <a href=\"#notices\">通报</a></nav>");
	if (!visible)
		html_fmt(&b, "<p class=\"card muted\">您的账号没有督查范围。</p>");
	inspections(r, &d, &b, visible);
	rectifications(r, &d, &b, visible);
	interviews(r, &d, &b, visible);
	notices(r, &b, &sc, visible);
	page_end(r, &b);
}

/* ---- the forms' writes ---- */

static const char *
form_value(void *ctx, const char *name)
{
	struct request *r = ctx;
	const char *v = req_form(r, name);
	/* A person or organ picked by name (html_picker): its id, or
	 * without script the name typed, which the operation refuses as
	 * unknown when it names none in scope. */
	if (strcmp(name, "person") == 0 || strcmp(name, "organ") == 0) {
		const char *why = NULL;
		v = page_picker_value(r, name, name, &why);
		if (v == NULL)
			v = req_form(r, arena_printf(r->arena, "%s_q", name));
	}
	/* A ledger record named by its readable number. */
	char id[130];
	if (v != NULL && strcmp(name, "record") == 0 &&
	    store_record_by_number(r->store, v, access_scope_path(&r->user),
	    id, sizeof id) == 1)
		v = arena_strdup(r->arena, id);
	return sup_trim(r->arena, v);
}

int
page_sup_read(struct request *r, struct dom *d, const struct entity *e,
    void *obj)
{
	req_dom(r, d);
	return entity_from_form(e, form_value, r, obj, d->arena, &d->fault);
}

void
page_sup_refuse(struct request *r, struct dom *d)
{
	page_fault(r, &d->fault);
	fault_clear(&d->fault);
}

/* Marks the input named name as the one at fault (field). */
static void
at_fault(struct buf *b, const char *field, const char *name)
{
	if (field != NULL && strcmp(field, name) == 0)
		buf_puts(b, " aria-invalid=\"true\" autofocus");
}

/* An order refused for what was typed (400): its form again, the
 * message above it and the field at fault marked, with what was typed
 * kept, so that only that field is typed again. The source (a finding,
 * an interview, an evaluation's organ and leader) goes with it. */
static void
rect_refused(struct request *r, const struct fault *f,
    const struct store_rectification *x)
{
	const char *field, *msg;
	page_fault_first(f, &field, &msg);
	if (json_array_size(f->errors) == 0)
		msg = web_chinese(r->arena, f->title);
	const char *source = x->source ? x->source : "evaluation";
	struct buf b;
	buf_init(&b, SUP_PAGE_MAX);
	page_begin(r, &b, "下达整改", "/supervision");
	html_fmt(&b, "<section class=\"card\"><h1>下达整改</h1><div "
	    "class=\"alert\" role=\"alert\"><strong>整改未下达:%s</strong>"
	    "</div><form method=\"post\" action=\"/supervision/"
	    "rectifications\">", msg ? msg : "请检查填写的内容");
	page_csrf(r, &b);
	html_fmt(&b, "<input type=\"hidden\" name=\"source\" value=\"%s\">",
	    source);
	if (x->finding != NULL)
		html_fmt(&b, "<input type=\"hidden\" name=\"finding\" "
		    "value=\"%s\">", x->finding);
	if (x->interview != NULL)
		html_fmt(&b, "<input type=\"hidden\" name=\"interview\" "
		    "value=\"%s\">", x->interview);
	if (strcmp(source, "evaluation") == 0) {
		html_fmt(&b, "<label>机构");
		page_organ_picker(r, &b, x->organ, "请选择机构", 1);
		html_fmt(&b, "</label>");
		html_picker(&b, r->arena, "person", "person", "负责人", NULL,
		    NULL, x->person, x->person ? page_picker_label(r, "person",
		    x->person) : NULL, 1);
		html_fmt(&b, "<label>考评年度<input type=\"number\" name=\"year\" "
		    "required min=\"1900\" max=\"2200\" value=\"%d\"",
		    x->year ? x->year : page_sup_year());
		at_fault(&b, field, "year");
		buf_puts(&b, "></label>");
	}
	buf_puts(&b, "<label>整改要求<textarea name=\"requirement\" required "
	    "maxlength=\"4000\"");
	at_fault(&b, field, "requirement");
	html_fmt(&b, ">%s</textarea></label><label>整改期限<input type=\"date\" "
	    "name=\"deadline\" required value=\"%s\"", x->requirement ?
	    x->requirement : "", x->deadline ? x->deadline : "");
	at_fault(&b, field, "deadline");
	buf_puts(&b, "></label><button type=\"submit\">下达</button></form>"
	    "</section>");
	page_close(r, &b, 400);
}

/* 移交整改, then back to the finding's inspection (*made). */
static int
refer(struct dom *d, const char *id, const struct sup_referral *in,
    const char **made)
{
	struct store_finding f;
	if (sup_finding_refer(d, id, in) || sup_finding_load(d, id, &f))
		return -1;
	*made = f.inspection;
	return 0;
}

void
page_sup_write(struct request *r, enum page_sup_write w)
{
	/* Each write's form (read by its entity's table) and where it goes
	 * after: prefix, then what it made (made), the path's id (path) or
	 * nothing, with ?ok=ok and #anchor. */
	static const struct {
		const struct entity *e;
		const char *prefix;
		enum { MADE, PATH, NONE } id;
		const char *ok, *anchor;
	} writes[] = {
		[SUP_WRITE_INSPECTION] = { &store_inspection_entity,
			"/supervision/inspections/", MADE, "created", NULL },
		[SUP_WRITE_FINDING] = { &store_finding_entity,
			"/supervision/inspections/", PATH, "finding", NULL },
		[SUP_WRITE_RECTIFICATION] = { &store_rectification_entity,
			"/supervision/rectifications/", MADE, "issued", NULL },
		[SUP_WRITE_RECT_MOVE] = { &rect_move_entity,
			"/supervision/rectifications/", PATH, NULL, NULL },
		[SUP_WRITE_INTERVIEW] = { &store_interview_entity,
			"/supervision", NONE, "interview", "interviews" },
		[SUP_WRITE_INTERVIEW_HELD] = { &store_interview_entity,
			"/supervision", NONE, "held", "interviews" },
		[SUP_WRITE_REFERRAL] = { &sup_referral_entity,
			"/supervision/inspections/", MADE, "referred", NULL },
	};
	union {
		struct store_inspection in;
		struct store_finding f;
		struct store_rectification x;
		struct rect_move m;
		struct store_interview v;
		struct sup_referral f2;
	} u;
	struct dom d;
	const char *id = r->params[0], *made = NULL;
	memset(&u, 0, sizeof u);
	if (page_sup_read(r, &d, writes[w].e, &u) || (w == SUP_WRITE_INSPECTION ?
	    sup_inspection_create(&d, &u.in, &made) :
	    w == SUP_WRITE_FINDING ? sup_finding_create(&d, id, &u.f, &made) :
	    w == SUP_WRITE_RECTIFICATION ? rect_create(&d, &u.x, &made) :
	    w == SUP_WRITE_RECT_MOVE ? rect_act(&d, id, &u.m) :
	    w == SUP_WRITE_INTERVIEW ? interview_create(&d, &u.v, &made) :
	    w == SUP_WRITE_REFERRAL ? refer(&d, id, &u.f2, &made) :
	    interview_held(&d, id, &u.v))) {
		if (w == SUP_WRITE_RECTIFICATION && d.fault.status == 400)
			rect_refused(r, &d.fault, &u.x);
		else
			page_sup_refuse(r, &d);
		fault_clear(&d.fault);
		return;
	}
	/* A move says what it did: ?ok=progress, accept, ... */
	const char *ok = w == SUP_WRITE_RECT_MOVE ? (u.m.action ? u.m.action :
	    "progress") : writes[w].ok;
	page_sup_redirect(r, writes[w].prefix, writes[w].id == MADE ? made :
	    writes[w].id == PATH ? id : NULL, ok, writes[w].anchor);
}

void
page_inspection_create(struct request *r)
{
	page_sup_write(r, SUP_WRITE_INSPECTION);
}

void
page_interview_create(struct request *r)
{
	page_sup_write(r, SUP_WRITE_INTERVIEW);
}

void
page_interview_held(struct request *r)
{
	page_sup_write(r, SUP_WRITE_INTERVIEW_HELD);
}

void
page_notice_draft(struct request *r)
{
	static const char *const names[] = { "kind", "year", "region", NULL };
	const char *id;
	struct dom d;
	struct notice_draft in;
	json_t *obj = page_sup_form(r, names);
	req_dom(r, &d);
	if (notice_draft_read(&d, obj, &in) || notice_draft(&d, &in, &id))
		page_fault(r, &d.fault);
	else
		page_sup_redirect(r, "/supervision/notices/", id, "drafted", NULL);
	json_decref(obj);
}
