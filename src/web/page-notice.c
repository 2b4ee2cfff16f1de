/*
 * One notice (通报表扬, 约谈整改通知, 通报批评): the leaders the evaluation
 * put on it, its text, the organ it is issued in the name of, and for
 * the offices the steps of its life — an office over its region edits
 * the draft; the office of the issuing region (or above) issues it and,
 * for an interview or criticism notice, gives the orders for every
 * leader listed (one interview and one rectification order a leader,
 * organ and year: repeating it, or another office's notice on the same
 * leader, creates nothing twice), with the orders it gave listed below.
 */
#include <string.h>

#include "api/api-supervision.h"
#include "web/page-supervision.h"

static const char *
str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *const notice_notices[][2] = {
	{ "drafted", "已按年度考评结果起草,请审核修改后发布。" },
	{ "saved", "修改已保存。" },
	{ "issued", "已发布。" },
	{ "orders", "已为名单中的每位负责人安排约谈并下达整改;此前已有的不再"
	    "重复。" },
	{ NULL, NULL },
};

static void
items(struct buf *b, json_t *o)
{
	json_t *it;
	size_t i;
	html_printf(b, "<section class=\"card\"><h2>通报名单(%d 人)</h2>"
	    "<div class=\"table-wrap\"><table><thead><tr><th>序号</th><th>机构"
	    "</th><th>姓名</th><th>等次</th><th class=\"hide-narrow\">说明</th>"
	    "</tr></thead><tbody>", (int)json_array_size(json_object_get(o,
	    "items")));
	json_array_foreach(json_object_get(o, "items"), i, it)
		html_printf(b, "<tr><td>%zu</td><td>%s<br><span class=\"muted\">%s"
		    "</span></td><td>%s</td><td><span class=\"tag g-%s\">%s</span>"
		    "</td><td class=\"hide-narrow\">%s</td></tr>", i + 1, str_of(it,
		    "organ_name"), str_of(it, "region_name"), str_of(it,
		    "person_name"), str_of(it, "grade"), str_of(it, "grade_label"),
		    str_of(it, "reason"));
	html_printf(b, "</tbody></table></div></section>");
}

static void
edit_form(struct request *r, struct buf *b, json_t *o, const char *id,
    int issuer)
{
	html_printf(b, "<section class=\"card\"><h2>审核修改</h2><form "
	    "method=\"post\" action=\"/supervision/notices/%U\">", id);
	page_csrf(r, b);
	html_printf(b, "<label>标题<input name=\"title\" required "
	    "maxlength=\"500\" value=\"%s\"></label><label>正文<textarea "
	    "name=\"body\" required rows=\"20\">%s</textarea></label><button "
	    "type=\"submit\" class=\"secondary\">保存修改</button></form>",
	    str_of(o, "title"), str_of(o, "body"));
	if (!issuer) {
		html_printf(b, "<p class=\"hint\">本件以%s名义发布,须由%s(或上级)"
		    "的办公室审核发布。</p></section>", str_of(o, "issuing_organ"),
		    str_of(o, "issuer_name"));
		return;
	}
	html_printf(b, "<form method=\"post\" action=\"/supervision/notices/%U/"
	    "issue\">", id);
	page_csrf(r, b);
	html_printf(b, "<p class=\"hint\">以%s名义发布;发布后不能再修改。</p>"
	    "<button type=\"submit\">发布</button></form></section>",
	    str_of(o, "issuing_organ"));
}

static void
orders_form(struct request *r, struct buf *b, const char *id,
    const char *basis)
{
	char on[11], due[11];
	date_format(date_today() + 14, on);
	date_format(date_today() + 60, due);
	html_printf(b, "<form method=\"post\" action=\"/supervision/notices/%U/"
	    "orders\">", id);
	page_csrf(r, b);
	html_printf(b, "<p class=\"hint\">%s。为名单中每位负责人安排约谈并下达"
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

static void
follow_up(struct request *r, struct buf *b, json_t *o, const char *id,
    int writer)
{
	json_t *x;
	size_t i;
	json_t *orders = json_object_get(o, "rectifications");
	json_t *talks = json_object_get(o, "interviews");
	html_printf(b, "<section class=\"card\"><h2>约谈与整改</h2>");
	if (json_array_size(orders) + json_array_size(talks) == 0)
		html_printf(b, "<p class=\"muted\">尚未安排。</p>");
	if (json_array_size(talks) > 0) {
		html_printf(b, "<h3>约谈</h3><div class=\"table-wrap\"><table>"
		    "<thead><tr><th>机构</th><th>负责人</th><th>日期</th>"
		    "<th>状态</th></tr></thead><tbody>");
		json_array_foreach(talks, i, x)
			html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s"
			    "</td></tr>", str_of(x, "organ_name"), str_of(x,
			    "person_name"), str_of(x, "held_on") ? str_of(x,
			    "held_on") : str_of(x, "scheduled_on"), str_of(x,
			    "status_label"));
		html_printf(b, "</tbody></table></div>");
	}
	if (json_array_size(orders) > 0) {
		html_printf(b, "<h3>整改</h3><div class=\"table-wrap\"><table>"
		    "<thead><tr><th>编号</th><th>机构</th><th>负责人</th><th>期限"
		    "</th><th>状态</th></tr></thead><tbody>");
		json_array_foreach(orders, i, x) {
			html_printf(b, "<tr><td><a href=\"/supervision/rectifications/"
			    "%U\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>",
			    str_of(x, "id"), str_of(x, "id"), str_of(x, "organ_name"),
			    str_of(x, "person_name"), str_of(x, "deadline"));
			page_sup_rect_tags(b, str_of(x, "status"), str_of(x,
			    "status_label"), json_is_true(json_object_get(x,
			    "overdue")));
			html_printf(b, "</td></tr>");
		}
		html_printf(b, "</tbody></table></div>");
	}
	if (writer)
		orders_form(r, b, id, str_of(o, "basis"));
	html_printf(b, "</section>");
}

void
page_notice(struct request *r)
{
	unsigned st;
	char path[512];
	const char *id = r->params[0];
	json_t *o = api_notice_load(r, id, &st);
	if (o == NULL) {
		page_error(r, st == 404 ? 404 : 500, st == 404 ?
		    "通报不存在,或不在您的权限范围内。" : "暂时无法读取通报,请稍后再试。");
		return;
	}
	int draft = strcmp(str_of(o, "status"), "draft") == 0;
	int orders = strcmp(str_of(o, "kind"), "commendation") != 0;
	int issuer = json_is_true(json_object_get(o, "may_issue"));
	int writer = (r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE)
	    && store_region_path(r->store, str_of(o, "region"), path,
	    sizeof path) == 1 && access_can_read_path(&r->user, path);
	struct buf b;
	buf_init(&b, SUP_PAGE_MAX);
	page_begin(r, &b, str_of(o, "kind_label"), "/supervision");
	html_printf(&b, "<nav class=\"crumbs\"><a href=\"/supervision\">督查</a> › "
	    "<a href=\"/supervision#notices\">通报</a> › %s</nav><h1>%s</h1>",
	    id, str_of(o, "title"));
	page_sup_ok(r, &b, notice_notices);
	html_printf(&b, "<section class=\"card\"><dl class=\"facts\"><dt>类型</dt>"
	    "<dd><span class=\"tag %R\">%s</span></dd><dt>依据</dt><dd>%s</dd>"
	    "<dt>发布机关</dt><dd>%s</dd><dt>考评年度</dt><dd>%d"
	    "</dd><dt>地区</dt><dd>%s(含下辖地区)</dd><dt>状态</dt><dd><span "
	    "class=\"tag%R\">%s</span></dd><dt>起草</dt><dd>%s · %s</dd>",
	    orders ? "g-fail" : "g-excellent", str_of(o, "kind_label"),
	    str_of(o, "basis"), str_of(o, "issuing_organ"),
	    (int)json_integer_value(json_object_get(o, "year")), str_of(o,
	    "region_name"), draft ? "" : " s-verified", str_of(o,
	    "status_label"), str_of(o, "drafted_by"), date_beijing(r->arena,
	    str_of(o, "drafted_at")));
	if (!draft)
		html_printf(&b, "<dt>发布</dt><dd>%s · %s</dd>", str_of(o,
		    "issued_by"), date_beijing(r->arena, str_of(o, "issued_at")));
	html_printf(&b, "</dl></section>");
	items(&b, o);
	html_printf(&b, "<section class=\"card regulation\"><h2>%s</h2>",
	    str_of(o, "title"));
	page_sup_paragraphs(&b, str_of(o, "body"));
	html_printf(&b, "</section>");
	if (draft && writer)
		edit_form(r, &b, o, id, issuer);
	if (!draft && orders)
		follow_up(r, &b, o, id, issuer);
	json_decref(o);
	page_end(r, &b);
}

void
page_notice_update(struct request *r)
{
	static const char *const names[] = { "title", "body", NULL };
	json_t *obj = page_sup_form(r, names);
	if (api_notice_edit(r, r->params[0], obj))
		page_from_problem(r);
	else
		page_sup_redirect(r, "/supervision/notices/", r->params[0], "saved",
		    NULL);
	json_decref(obj);
}

void
page_notice_issue(struct request *r)
{
	if (api_notice_publish(r, r->params[0]))
		page_from_problem(r);
	else
		page_sup_redirect(r, "/supervision/notices/", r->params[0],
		    "issued", NULL);
}

void
page_notice_orders(struct request *r)
{
	static const char *const names[] = { "scheduled_on", "deadline",
		"requirement", NULL };
	json_t *obj = page_sup_form(r, names);
	json_t *done = api_notice_follow(r, r->params[0], obj);
	if (done == NULL)
		page_from_problem(r);
	else
		page_sup_redirect(r, "/supervision/notices/", r->params[0],
		    "orders", NULL);
	json_decref(done);
	json_decref(obj);
}
