/*
 * One notice (通报表扬, 约谈整改通知, 通报批评): the leaders the evaluation
 * put on it, its text, the organ it is issued in the name of, and for
 * the offices the steps of its life — an office over its region edits
 * the draft; the office of the issuing region (or above) issues it and,
 * for an interview or criticism notice, gives the orders for every
 * leader listed (one interview and one rectification order a leader,
 * organ and year: repeating it, or another office's notice on the same
 * leader, creates nothing twice), with the first orders and interviews
 * of its leaders below and a link to the lists filtered to it.
 * The operations are domain/notice.c's, the API's own.
 */
#include <string.h>

#include "domain/notice.h"
#include "web/page-supervision.h"

static const char *const notice_notices[][2] = {
	{ "drafted", "已按年度考评结果起草,请审核修改后发布。" },
	{ "saved", "修改已保存。" },
	{ "issued", "已发布。" },
	{ "orders", "已为名单中的每位负责人安排约谈并下达整改;此前已有的不再"
	    "重复。" },
	{ NULL, NULL },
};

static void
items(struct buf *b, const struct notice_full *nf)
{
	html_fmt(b, "<section class=\"card\"><h2>通报名单(%d 人)</h2>"
	    "<div class=\"table-wrap\"><table><thead><tr><th>序号</th><th>机构"
	    "</th><th>姓名</th><th>等次</th><th class=\"hide-narrow\">说明</th>"
	    "</tr></thead><tbody>", (int)nf->nitems);
	for (size_t i = 0; i < nf->nitems; i++) {
		const struct notice_item *it = &nf->items[i];
		html_fmt(b, "<tr><td>%zu</td><td>%s<br><span class=\"muted\">%s"
		    "</span></td><td>%s</td><td><span class=\"tag g-%s\">%s</span>"
		    "</td><td class=\"hide-narrow\">%s</td></tr>", i + 1,
		    it->organ_name, it->region_name, it->person_name, it->grade,
		    it->grade_label, it->reason);
	}
	html_fmt(b, "</tbody></table></div></section>");
}

static void
edit_form(struct request *r, struct buf *b, const struct notice *o,
    const char *id, int issuer)
{
	html_fmt(b, "<section class=\"card\"><h2>审核修改</h2><form "
	    "method=\"post\" action=\"/supervision/notices/%s\">",
	    html_q(r->arena, id));
	page_csrf(r, b);
	html_fmt(b, "<label>标题<input name=\"title\" required "
	    "maxlength=\"500\" value=\"%s\"></label><label>正文<textarea "
	    "name=\"body\" required rows=\"20\">%s</textarea></label><button "
	    "type=\"submit\" class=\"secondary\">保存修改</button></form>",
	    o->title, o->body);
	if (!issuer) {
		html_fmt(b, "<p class=\"hint\">本件以%s名义发布,须由%s(或上级)"
		    "的办公室审核发布。</p></section>", o->issuing_organ,
		    o->issuer_name);
		return;
	}
	html_fmt(b, "<form method=\"post\" action=\"/supervision/notices/%s/"
	    "issue\" data-confirm=\"以%s名义发布,发布后不能再修改。确定发布?\">",
	    html_q(r->arena, id), o->issuing_organ);
	page_csrf(r, b);
	html_fmt(b, "<p class=\"hint\">以%s名义发布;发布后不能再修改。</p>"
	    "<button type=\"submit\">发布</button></form></section>",
	    o->issuing_organ);
}

static void
orders_form(struct request *r, struct buf *b, const char *id,
    const char *basis)
{
	char on[11], due[11];
	date_format(date_today() + 14, on);
	date_format(date_today() + 60, due);
	html_fmt(b, "<form method=\"post\" action=\"/supervision/notices/%s/"
	    "orders\">", html_q(r->arena, id));
	page_csrf(r, b);
	html_fmt(b, "<p class=\"hint\">%s。为名单中每位负责人安排约谈并下达"
	    "整改通知;每位负责人每年度在本机构只约谈一次、整改一次,已安排的(包括"
	    "其他机关安排的)不会重复。</p><label>约谈日期<input type=\"date\" "
	    "name=\"scheduled_on\" required value=\"%s\"></label><label>整改期限"
	    "<input type=\"date\" name=\"deadline\" required value=\"%s\">"
	    "</label><label>整改要求(不填则按通报自动生成)<textarea "
	    "name=\"requirement\" maxlength=\"4000\"></textarea></label>"
	    "<button type=\"submit\">安排约谈并下达整改</button></form>",
	    strcmp(basis, "第八条") == 0 ? "第八条:对考评不合格的党政主要负责人"
	    "进行约谈,要求及时整改" : "第六条第(四)项:对工作不力、问题较多的"
	    "部门或者下级政府,及时组织约谈、责令整改、通报批评", on, due);
}

/* The notice page shows this many of its orders and of its interviews;
 * the lists filtered to the notice (?notice=) hold the rest. */
#define NOTICE_ROWS 20

/* One of the two under its heading: how many, the link to all of them
 * in their list (path, filtered to notice id), the first rows. */
static void
part(struct request *r, struct buf *b, const char *title, const char *path,
    const char *id, long total, size_t shown, const char *head,
    const char *rows)
{
	if (total <= 0)
		return;
	html_fmt(b, "<h3>%s</h3><div class=\"actions\"><span>共 %ld 项", title,
	    total);
	if ((long)shown < total)
		html_fmt(b, ",此处显示前 %zu 项", shown);
	html_fmt(b, "</span><a href=\"%s?notice=%s\">查看全部</a></div>", path,
	    html_q(r->arena, id));
	page_rows_table(b, 0, shown, NULL, "—", head, rows);
}

/* The orders and interviews of the notice's leaders, their first
 * NOTICE_ROWS each, read paged in the store; -1 with d's fault. */
static int
follow_up(struct request *r, struct dom *d, struct buf *b,
    const struct notice_full *nf, const char *id, int writer)
{
	struct notice_followups fu;
	if (notice_followups(d, nf, NOTICE_ROWS, 0, &fu))
		return -1;
	struct buf orders, talks;
	buf_init(&orders, SUP_PAGE_MAX / 4);
	buf_init(&talks, SUP_PAGE_MAX / 4);
	struct page_sup_rows w = { r, d, &orders, 0 };
	for (size_t i = 0; i < fu.nrects; i++)
		page_sup_rect_row(&w, &fu.rects[i]);
	w.b = &talks;
	for (size_t i = 0; i < fu.ntalks; i++)
		page_sup_interview_row(&w, &fu.talks[i]);
	html_fmt(b, "<section class=\"card\" id=\"orders\"><h2>约谈与整改</h2>");
	if (fu.rects_total + fu.talks_total == 0)
		html_fmt(b, "<p class=\"muted\">尚未安排。</p>");
	part(r, b, "约谈", "/supervision/interviews", id, fu.talks_total,
	    fu.ntalks, "<th>机构</th><th>负责人</th><th>日期</th><th "
	    "class=\"hide-narrow\">事由</th><th>状态</th>", talks.data);
	part(r, b, "整改", "/supervision/rectifications", id, fu.rects_total,
	    fu.nrects, "<th>整改</th><th>机构</th><th class=\"hide-narrow\">"
	    "负责人</th><th class=\"hide-narrow\">来源</th><th>期限</th>"
	    "<th>状态</th>", orders.data);
	if (writer)
		orders_form(r, b, id, nf->n.basis);
	html_fmt(b, "</section>");
	buf_free(&orders);
	buf_free(&talks);
	return 0;
}

void
page_notice(struct request *r)
{
	struct dom d;
	struct notice_full nf;
	const char *id = r->params[0];
	req_dom(r, &d);
	if (notice_get(&d, id, &nf)) {
		page_load_error(r, &d.fault, "通报");
		return;
	}
	const struct notice *o = &nf.n;
	int draft = strcmp(o->status, "draft") == 0;
	int orders = strcmp(o->kind, "commendation") != 0;
	int writer = notice_may_draft(&r->user, o->path);
	struct buf b;
	buf_init(&b, SUP_PAGE_MAX);
	page_begin(r, &b, o->kind_label, "/supervision");
	html_fmt(&b, "<nav class=\"crumbs\"><a href=\"/supervision\">督查</a> › "
	    "<a href=\"/supervision#notices\">通报</a> › %s</nav><h1>%s</h1>",
	    o->kind_label, o->title);
	page_ok_notice(r, &b, notice_notices);
	html_fmt(&b, "<section class=\"card\"><dl class=\"facts\"><dt>类型</dt>"
	    "<dd><span class=\"tag %s\">%s</span></dd><dt>依据</dt><dd>%s</dd>"
	    "<dt>发布机关</dt><dd>%s</dd><dt>考评年度</dt><dd>%d"
	    "</dd><dt>地区</dt><dd>%s(含下辖地区)</dd><dt>状态</dt><dd><span "
	    "class=\"tag%s\">%s</span></dd>",
	    orders ? "g-fail" : "g-excellent", o->kind_label, o->basis,
	    o->issuing_organ, o->year, o->region_name, draft ? "" :
	    " s-verified", o->status_label);
	html_who_fact(r, &b, "起草", o->drafted_by, o->drafted_at);
	if (!draft)
		html_who_fact(r, &b, "发布", o->issued_by, o->issued_at);
	html_fmt(&b, "</dl></section>");
	items(&b, &nf);
	html_fmt(&b, "<section class=\"card regulation\"><h2>%s</h2>",
	    o->title);
	page_sup_paragraphs(&b, o->body);
	html_fmt(&b, "</section>");
	page_documents(r, &d, &b, "notices", id);
	if (draft && writer)
		edit_form(r, &b, o, id, nf.may_issue);
	if (!draft && orders && follow_up(r, &d, &b, &nf, id, nf.may_issue)) {
		buf_free(&b);
		page_error(r, 500, "暂时无法读取通报,请稍后再试。");
		return;
	}
	page_end(r, &b);
}

void
page_notice_update(struct request *r)
{
	struct dom d;
	req_dom(r, &d);
	if (notice_edit(&d, r->params[0], req_form(r, "title"),
	    req_form(r, "body")))
		page_fault(r, &d.fault);
	else
		page_sup_redirect(r, "/supervision/notices/", r->params[0], "saved",
		    NULL);
}

void
page_notice_issue(struct request *r)
{
	struct dom d;
	req_dom(r, &d);
	if (notice_issue(&d, r->params[0]))
		page_fault(r, &d.fault);
	else
		page_sup_redirect(r, "/supervision/notices/", r->params[0],
		    "issued", NULL);
}

void
page_notice_orders(struct request *r)
{
	struct dom d;
	struct notice_orders done;
	struct notice_orders_in in = { req_form(r, "scheduled_on"),
		req_form(r, "deadline"), req_form(r, "requirement") };
	req_dom(r, &d);
	if (notice_give_orders(&d, r->params[0], &in, &done))
		page_fault(r, &d.fault);
	else
		page_sup_redirect(r, "/supervision/notices/", r->params[0],
		    "orders", NULL);
}
