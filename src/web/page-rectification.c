/*
 * One rectification order (整改): what is required by when, where it
 * stands (逾期 marked), every step it took, its evidence files, and the
 * forms the viewer may use now — the API says which ("allowed"), so a
 * clerk sees 报告进展 and 提交整改报告, the office 验收 and 退回, and
 * nobody a button the API would refuse.
 */
#include <string.h>

#include "http/server.h"
#include "oversight/rectify.h"
#include "web/page-supervision.h"

static const char *
str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *const rect_notices[][2] = {
	{ "issued", "整改通知已下达。" },
	{ "progress", "整改进展已报告。" },
	{ "submit", "整改报告已提交,等待验收。" },
	{ "accept", "整改已验收。" },
	{ "return", "整改报告已退回,请继续整改。" },
	{ "uploaded", "整改材料已上传。" },
	{ NULL, NULL },
};

static int
allows(json_t *o, const char *what)
{
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(o, "allowed"), i, v)
		if (strcmp(json_string_value(v), what) == 0)
			return 1;
	return 0;
}

static const char *
action_label(const char *action)
{
	enum rectify_action a;
	if (strcmp(action, "issue") == 0)
		return "下达整改";
	if (strcmp(action, "evidence") == 0)
		return "上传材料";
	return rectify_action_parse(action, &a) == 0 ? rectify_action_label(a) :
	    action;
}

static const char *
state_label(const char *status)
{
	enum rectify_state s;
	return status && rectify_state_parse(status, &s) == 0 ?
	    rectify_state_label(s) : "";
}

static void
facts(struct request *r, struct buf *b, json_t *o)
{
	json_t *year = json_object_get(o, "year");
	html_printf(b, "<section class=\"card\"><dl class=\"facts\">"
	    "<dt>状态</dt><dd>");
	page_sup_rect_tags(b, str_of(o, "status"), str_of(o, "status_label"),
	    json_is_true(json_object_get(o, "overdue")));
	html_printf(b, "</dd><dt>整改单位</dt><dd><a href=\"/organs/%U\">%s</a>"
	    "(%s)</dd><dt>负责人</dt><dd>%s</dd><dt>来源</dt><dd>%s",
	    str_of(o, "organ"), str_of(o, "organ_name"), str_of(o,
	    "region_name"), str_of(o, "person_name") ? str_of(o, "person_name") :
	    "—", str_of(o, "source_label"));
	if (str_of(o, "finding") != NULL)
		html_printf(b, " · 问题 %s", str_of(o, "finding"));
	if (str_of(o, "notice") != NULL)
		html_printf(b, " · <a href=\"/supervision/notices/%U\">通报</a>",
		    str_of(o, "notice"));
	if (str_of(o, "interview") != NULL)
		html_printf(b, " · 约谈 %s", str_of(o, "interview"));
	html_printf(b, "</dd>");
	if (json_is_integer(year))
		html_printf(b, "<dt>考评年度</dt><dd>%d</dd>",
		    (int)json_integer_value(year));
	html_printf(b, "<dt>整改要求</dt><dd>");
	page_sup_paragraphs(b, str_of(o, "requirement"));
	html_printf(b, "</dd><dt>整改期限</dt><dd>%s</dd><dt>下达</dt>"
	    "<dd>%s · %s</dd>", str_of(o, "deadline"), str_of(o, "issued_by"),
	    date_beijing(r->arena, str_of(o, "issued_at")));
	if (str_of(o, "submitted_at") != NULL)
		html_printf(b, "<dt>提交</dt><dd>%s</dd>", date_beijing(r->arena,
		    str_of(o, "submitted_at")));
	if (str_of(o, "accepted_by") != NULL)
		html_printf(b, "<dt>验收</dt><dd>%s · %s</dd>", str_of(o,
		    "accepted_by"), date_beijing(r->arena, str_of(o, "accepted_at")));
	if (str_of(o, "report") != NULL) {
		html_printf(b, "<dt>整改报告</dt><dd>");
		page_sup_paragraphs(b, str_of(o, "report"));
		html_printf(b, "</dd>");
	}
	html_printf(b, "</dl></section>");
}

static void
history(struct request *r, struct buf *b, json_t *o)
{
	json_t *e;
	size_t i;
	html_printf(b, "<section class=\"card\"><h2>办理过程</h2><div "
	    "class=\"table-wrap\"><table><thead><tr><th>时间</th><th>办理</th>"
	    "<th>状态</th><th>说明</th><th class=\"hide-narrow\">办理人</th>"
	    "</tr></thead><tbody>");
	json_array_foreach(json_object_get(o, "history"), i, e) {
		const char *from = str_of(e, "from"), *to = str_of(e, "to");
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>", date_beijing(r->arena,
		    str_of(e, "at")), action_label(str_of(e, "action")));
		if (from != NULL && strcmp(from, to) != 0)
			html_printf(b, "%s → ", state_label(from));
		html_printf(b, "%s</td><td>", state_label(to));
		page_sup_paragraphs(b, str_of(e, "note"));
		html_printf(b, "</td><td class=\"hide-narrow\">%s</td></tr>",
		    str_of(e, "actor"));
	}
	html_printf(b, "</tbody></table></div></section>");
}

static void
evidence(struct request *r, struct buf *b, json_t *o, const char *id)
{
	json_t *e;
	size_t i;
	json_t *files = json_object_get(o, "evidence");
	html_printf(b, "<section class=\"card\"><h2>整改材料</h2>");
	if (json_array_size(files) == 0)
		html_printf(b, "<p class=\"muted\">尚未上传整改材料。</p>");
	else {
		html_printf(b, "<div class=\"table-wrap\"><table><thead><tr>"
		    "<th>文件名</th><th>上传人</th><th>上传时间</th><th>SM3</th>"
		    "</tr></thead><tbody>");
		json_array_foreach(files, i, e) {
			char sm3[13];
			snprintf(sm3, sizeof sm3, "%s", str_of(e, "sm3"));
			html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td>%s</td>"
			    "<td>%s</td><td><code title=\"%s\">%s…</code></td></tr>",
			    str_of(e, "href"), str_of(e, "filename"), str_of(e,
			    "uploaded_by"), date_beijing(r->arena, str_of(e, "uploaded_at")),
			    str_of(e, "sm3"), sm3);
		}
		html_printf(b, "</tbody></table></div>");
	}
	if (allows(o, "evidence")) {
		size_t max = server_config_of(r->srv)->max_upload;
		html_printf(b, "<form method=\"post\" action=\"/supervision/"
		    "rectifications/%U/evidence\" enctype=\"multipart/form-data\">",
		    id);
		page_csrf(r, b);
		html_printf(b, "<label>上传整改材料<input type=\"file\" name=\"file\" "
		    "required accept=\".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx\">"
		    "</label><p class=\"hint\">可上传 PDF、图片、Word 和 Excel 文件,"
		    "单个文件不超过 %zu MB;系统按文件内容核验类型。</p><button "
		    "type=\"submit\">上传</button></form>", max / (1024 * 1024) ?
		    max / (1024 * 1024) : 1);
	}
	html_printf(b, "</section>");
}

/* The forms of the moves the API allows the viewer now. */
static void
moves(struct request *r, struct buf *b, json_t *o, const char *id)
{
	int progress = allows(o, "progress"), submit = allows(o, "submit");
	int accept = allows(o, "accept"), ret = allows(o, "return");
	if (!progress && !submit && !accept && !ret)
		return;
	html_printf(b, "<section class=\"card\"><h2>办理</h2>");
	if (progress) {
		html_printf(b, "<form method=\"post\" action=\"/supervision/"
		    "rectifications/%U/status\">", id);
		page_csrf(r, b);
		html_printf(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"progress\"><label>整改进展<textarea name=\"note\" "
		    "required maxlength=\"4000\"></textarea></label><button "
		    "type=\"submit\" class=\"secondary\">报告进展</button></form>");
	}
	if (submit) {
		html_printf(b, "<form method=\"post\" action=\"/supervision/"
		    "rectifications/%U/status\">", id);
		page_csrf(r, b);
		html_printf(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"submit\"><label>整改报告(必填)<textarea name=\"report\" "
		    "required maxlength=\"20000\"></textarea></label><p "
		    "class=\"hint\">提交前请先上传整改材料;提交后等待办公室验收。</p>"
		    "<button type=\"submit\">提交整改报告</button></form>");
	}
	if (accept || ret) {
		html_printf(b, "<form method=\"post\" action=\"/supervision/"
		    "rectifications/%U/status\">", id);
		page_csrf(r, b);
		html_printf(b, "<label>验收意见(退回时必填)<textarea name=\"note\" "
		    "maxlength=\"4000\"></textarea></label><div class=\"actions\">");
		if (accept)
			html_printf(b, "<button type=\"submit\" name=\"action\" "
			    "value=\"accept\">验收通过</button>");
		if (ret)
			html_printf(b, "<button type=\"submit\" name=\"action\" "
			    "value=\"return\" class=\"danger\">退回</button>");
		html_printf(b, "</div></form>");
	}
	html_printf(b, "</section>");
}

void
page_rectification(struct request *r)
{
	unsigned st;
	const char *id = r->params[0];
	json_t *o = api_rectification_load(r, id, &st);
	if (o == NULL) {
		page_error(r, st == 404 ? 404 : 500, st == 404 ?
		    "整改不存在,或不在您的权限范围内。" : "暂时无法读取整改,请稍后再试。");
		return;
	}
	struct buf b;
	buf_init(&b, SUP_PAGE_MAX);
	page_begin(r, &b, "整改", "/supervision");
	html_printf(&b, "<nav class=\"crumbs\"><a href=\"/supervision\">督查</a> › "
	    "<a href=\"/supervision#rectifications\">整改</a> › %s</nav>"
	    "<h1>整改 %s</h1>", id, id);
	page_sup_ok(r, &b, rect_notices);
	facts(r, &b, o);
	moves(r, &b, o, id);
	evidence(r, &b, o, id);
	history(r, &b, o);
	json_decref(o);
	page_end(r, &b);
}

void
page_rectification_status(struct request *r)
{
	static const char *const names[] = { "action", "note", "report", NULL };
	json_t *obj = page_sup_form(r, names);
	const char *action = json_string_value(json_object_get(obj, "action"));
	const char *ok = action ? arena_strdup(r->arena, action) : "progress";
	if (api_rectification_act(r, r->params[0], obj))
		page_from_problem(r);
	else
		page_sup_redirect(r, "/supervision/rectifications/", r->params[0],
		    ok, NULL);
	json_decref(obj);
}

void
page_rectification_upload(struct request *r)
{
	int64_t key;
	if (api_rectification_attach(r, r->params[0], &key))
		page_from_problem(r);
	else
		page_sup_redirect(r, "/supervision/rectifications/", r->params[0],
		    "uploaded", NULL);
}
