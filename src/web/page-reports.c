/*
 * 报告: the listing with the drafting form, one report with its edit form
 * and its steps, the PDF, and the rankings workbook.
 *
 * As with the ledger pages, nothing here decides scope or state: the
 * listing's filter is api_report_filter, a report comes from
 * api_report_fetch, and every write goes through the function the JSON
 * API calls (api_report_create, api_report_edit, api_report_step), whose
 * problem becomes the error page. The page only chooses which forms and
 * buttons to offer, from the same checks.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-reports.h"
#include "api/api.h"
#include "base/date.h"
#include "store/store-reports.h"
#include "web/page-evaluation.h"
#include "web/web.h"

#define REPORTS_PAGE_MAX (4u << 20)
#define SECTIONS_FORM_MAX 20

static int
writes(const struct request *r)
{
	return r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE ||
	    r->user.role == ACCT_CLERK;
}

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Location of a report's page with a notice. */
static const char *
report_url(struct request *r, const char *id, const char *ok)
{
	struct buf u;
	buf_init(&u, 4096);
	html_printf(&u, "/reports/%U?ok=%U", id, ok);
	const char *s = arena_strdup(r->arena, u.data ? u.data : "/reports");
	buf_free(&u);
	return s;
}

static const char *
notice(struct request *r)
{
	static const struct {
		const char *ok, *text;
	} notices[] = {
		{ "drafted", "草稿已生成:请逐段核对,替换标有【待填写】的段落后签署。" },
		{ "saved", "修改已保存。" },
		{ "signed", "报告已签署,等待依法治理办公室锁定。" },
		{ "locked", "报告已锁定,不能再修改。" },
		{ "published", "报告已向社会公开,并已记入履职台账。" },
	};
	const char *ok = req_query(r, "ok");
	for (size_t i = 0; ok != NULL && i < sizeof notices / sizeof *notices;
	    i++)
		if (strcmp(ok, notices[i].ok) == 0)
			return notices[i].text;
	return NULL;
}

/* The status tag: draft grey, signed and locked amber, published green. */
static const char *
status_class(const char *status)
{
	if (status != NULL && strcmp(status, "published") == 0)
		return "verified";
	if (status != NULL && strcmp(status, "draft") == 0)
		return "submitted";
	return "basic_pass";
}

/* ---- the listing ---- */

struct listing {
	struct request *r;
	struct buf *b;
};

static int
list_row(void *ctx, const struct store_report *row)
{
	struct listing *l = ctx;
	html_printf(l->b, "<tr><td>%d</td><td>%s</td><td class=\"hide-narrow\">"
	    "%s</td><td>%s</td><td><a href=\"/reports/%U\">%s</a></td>"
	    "<td><span class=\"tag s-%s g-%s\">%s</span></td>"
	    "<td class=\"hide-narrow\">%s</td></tr>", row->year,
	    api_report_kind_label(row->kind), row->organ_name,
	    row->person_name ? row->person_name : "—", row->id, row->title,
	    status_class(row->status), status_class(row->status),
	    api_report_status_label(row->status),
	    row->published_on ? row->published_on : "—");
	return 0;
}

static void
draft_form(struct request *r, struct buf *b, int year)
{
	html_printf(b, "<section class=\"card\"><h2>起草报告</h2>"
	    "<form method=\"post\" action=\"/reports\">");
	page_csrf(r, b);
	html_printf(b, "<div class=\"filters\"><label>类型<select name=\"kind\">"
	    "<option value=\"shufa\">述法报告(年终述职中的法治建设部分,第七条)"
	    "</option><option value=\"annual\">法治政府建设年度报告(政府,第六条"
	    "(一))</option></select></label><label>机构");
	page_organ_picker(r, b, NULL, NULL, 1);
	html_printf(b, "</label><label>年度<input type=\"number\" name=\"year\" "
	    "min=\"%d\" max=\"%d\" value=\"%d\" required></label>"
	    "<label>人员编号(述法)<input name=\"person\" maxlength=\"128\" "
	    "placeholder=\"留空:该年度年末在任的主要负责人\"></label></div>"
	    "<p class=\"hint\">系统依据履职台账和年度考评生成初稿;需要本人填写的段落"
	    "标有【待填写】。年度报告是关于所选年度的报告,应于次年 3 月 31 日前"
	    "报送并公开。</p><button type=\"submit\">生成初稿</button></form>"
	    "</section>", date_year(catalog_effective(r->catalog)),
	    date_year(date_today()), year);
}

static void
rankings_form(struct request *r, struct buf *b, int year)
{
	html_printf(b, "<section class=\"card\"><h2>考评排名</h2><form "
	    "method=\"get\" action=\"/rankings.xlsx\" class=\"filters\">"
	    "<label>考评年度<input type=\"number\" name=\"year\" min=\"%d\" "
	    "max=\"%d\" value=\"%d\"></label><div class=\"actions\"><button "
	    "type=\"submit\">导出排名(Excel)</button></div></form><p "
	    "class=\"hint\">按考评得分排列您权限范围内的主要负责人,另按职务分表。"
	    "</p></section>", date_year(catalog_effective(r->catalog)),
	    date_year(date_today()), year);
}

static void
filters(struct request *r, struct buf *b, const struct store_report_filter *f)
{
	static const char *const kinds[][2] = { { "", "全部类型" },
		{ "shufa", "述法报告" }, { "annual", "法治政府建设年度报告" } };
	static const char *const sts[][2] = { { "", "全部状态" },
		{ "draft", "草稿" }, { "signed", "已签署" }, { "locked", "已锁定" },
		{ "published", "已公开" } };
	html_printf(b, "<form class=\"filters card\" method=\"get\" "
	    "action=\"/reports\"><label>类型<select name=\"kind\">");
	for (size_t i = 0; i < 3; i++)
		html_printf(b, "<option value=\"%s\"%R>%s</option>", kinds[i][0],
		    f->kind && strcmp(f->kind, kinds[i][0]) == 0 ? " selected" : "",
		    kinds[i][1]);
	html_printf(b, "</select></label><label>状态<select name=\"status\">");
	for (size_t i = 0; i < 5; i++)
		html_printf(b, "<option value=\"%s\"%R>%s</option>", sts[i][0],
		    f->status && strcmp(f->status, sts[i][0]) == 0 ? " selected" :
		    "", sts[i][1]);
	html_printf(b, "</select></label><label>年度<input type=\"number\" "
	    "name=\"year\" min=\"2000\" max=\"2100\" value=\"%R\"></label>"
	    "<div class=\"actions\"><button type=\"submit\">筛选</button>"
	    "<a class=\"button secondary\" href=\"/reports\">清除</a></div>"
	    "</form>", f->year ? arena_printf(r->arena, "%d", f->year) : "");
}

/* Previous and next pages, keeping the filters. */
static void
pager(struct request *r, struct buf *b, int page, int per_page, long total)
{
	static const char *const names[] = { "kind", "status", "year",
		"organ", "region", "per_page" };
	long pages = (total + per_page - 1) / per_page;
	if (pages <= 1)
		return;
	struct buf q;
	buf_init(&q, 4096);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *v = req_query(r, names[i]);
		if (v != NULL && *v != '\0')
			html_printf(&q, "%s=%U&", names[i], v);
	}
	const char *query = q.data ? q.data : "";
	html_printf(b, "<nav class=\"pager\" aria-label=\"分页\">");
	if (page > 1)
		html_printf(b, "<a href=\"/reports?%spage=%d\">上一页</a>", query,
		    page - 1);
	html_printf(b, "<span>第 %d / %ld 页</span>", page, pages);
	if (page < pages)
		html_printf(b, "<a href=\"/reports?%spage=%d\">下一页</a>", query,
		    page + 1);
	html_printf(b, "</nav>");
	buf_free(&q);
}

void
page_reports(struct request *r)
{
	struct store_report_filter f;
	char path[512];
	int page, per_page;
	int rc = api_report_filter(r, &f, path, sizeof path, &page, &per_page);
	if (rc < 0) {
		page_from_problem(r);
		return;
	}
	long total = rc ? store_count_reports(r->store, &f) : 0;
	if (total < 0) {
		page_error(r, 500, "暂时无法读取报告,请稍后再试。");
		return;
	}
	int last = date_year(date_today()) - 1;
	struct buf b;
	buf_init(&b, REPORTS_PAGE_MAX);
	page_begin(r, &b, "报告", "/reports");
	html_printf(&b, "<h1>报告</h1><p class=\"sub\">述法报告(第七条:年终述职"
	    "列入履行推进法治建设第一责任人职责情况)和法治政府建设年度报告(第六条"
	    "(一):向本级党委、人大常委会和上一级政府报告并向社会公开)。已公开的"
	    "报告见<a href=\"/public/\">信息公开</a>。</p>");
	if (writes(r))
		draft_form(r, &b, last);
	rankings_form(r, &b, last);
	if (rc)
		filters(r, &b, &f);
	html_printf(&b, "<p class=\"muted\">共 %ld 份报告</p>", total);
	if (total > 0) {
		html_printf(&b, "<div class=\"table-wrap\"><table><thead><tr>"
		    "<th>年度</th><th>类型</th><th class=\"hide-narrow\">机构</th>"
		    "<th>人员</th><th>标题</th><th>状态</th><th class=\"hide-narrow\">"
		    "公开日期</th></tr></thead><tbody>");
		struct listing l = { r, &b };
		if (store_each_report(r->store, &f, list_row, &l) < 0) {
			buf_free(&b);
			page_error(r, 500, "暂时无法读取报告,请稍后再试。");
			return;
		}
		html_printf(&b, "</tbody></table></div>");
		pager(r, &b, page, per_page, total);
	}
	page_end(r, &b);
}

/* ---- one report ---- */

/* The text as paragraphs, one per line. */
static void
paragraphs(struct buf *b, const char *text)
{
	const char *p = text ? text : "";
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 0) {
			char *line = strndup(p, n);
			html_printf(b, "<p>%s</p>", line);
			free(line);
		}
		p += n + (nl ? 1 : 0);
	}
}

static int
has_todo(json_t *rep)
{
	json_t *x;
	size_t i;
	json_array_foreach(json_object_get(rep, "sections"), i, x)
		if (strstr(str(x, "text") ? str(x, "text") : "", REPORT_TODO))
			return 1;
	return 0;
}

static void
facts(struct request *r, struct buf *b, json_t *rep)
{
	json_t *x;
	size_t i;
	const char *status = str(rep, "status");
	int annual = strcmp(str(rep, "kind"), "annual") == 0;
	int late = json_is_true(json_object_get(rep, "late"));
	html_printf(b, "<dl class=\"facts\"><dt>编号</dt><dd>%s</dd>"
	    "<dt>类型</dt><dd>%s</dd><dt>机构</dt><dd><a href=\"/organs/%U\">%s"
	    "</a> <span class=\"muted\">%s</span></dd><dt>年度</dt><dd>%ld</dd>",
	    str(rep, "id"), api_report_kind_label(str(rep, "kind")),
	    str(rep, "organ"), str(rep, "organ_name"), str(rep, "region_name"),
	    (long)json_integer_value(json_object_get(rep, "year")));
	if (str(rep, "person") != NULL)
		html_printf(b, "<dt>述法人</dt><dd>%s <span class=\"muted\">%s"
		    "</span></dd>", str(rep, "person_name"), str(rep, "person"));
	html_printf(b, "<dt>状态</dt><dd><span class=\"tag s-%s g-%s\">%s</span>",
	    status_class(status), status_class(status),
	    api_report_status_label(status));
	if (str(rep, "signed_by") != NULL)
		html_printf(b, " <span class=\"muted\">签署人 %s · %s</span>",
		    str(rep, "signed_by"), date_beijing(r->arena,
		    str(rep, "signed_at")));
	if (str(rep, "locked_at") != NULL)
		html_printf(b, " <span class=\"muted\">锁定%s%s 于 %s</span>",
		    str(rep, "locked_by") ? "人 " : "", str(rep, "locked_by"),
		    date_beijing(r->arena, str(rep, "locked_at")));
	if (str(rep, "published_by") != NULL)
		html_printf(b, " <span class=\"muted\">公开人 %s</span>",
		    str(rep, "published_by"));
	html_printf(b, "</dd>");
	if (annual) {
		html_printf(b, "<dt>报送对象</dt><dd>");
		json_array_foreach(json_object_get(rep, "recipients"), i, x)
			html_printf(b, "%R%s", i ? "、" : "", str(x, "label"));
		if (json_array_size(json_object_get(rep, "recipients")) == 0)
			html_printf(b, "—");
		html_printf(b, "</dd><dt>公开期限</dt><dd>%s 前</dd><dt>公开日期</dt>"
		    "<dd>", str(rep, "due"));
		if (str(rep, "published_on") != NULL)
			html_printf(b, "%s%R", str(rep, "published_on"), late ?
			    " <span class=\"tag s-rejected\">逾期公开</span>" : "");
		else
			html_printf(b, "%R", late ? "<span class=\"tag s-rejected\">"
			    "已逾期,尚未公开</span>" : "尚未公开");
		html_printf(b, "</dd>");
		if (str(rep, "record") != NULL)
			html_printf(b, "<dt>台账记录</dt><dd><a href=\"/ledger/%U\">%s"
			    "</a></dd>", str(rep, "record"), str(rep, "record"));
	}
	html_printf(b, "<dt>起草</dt><dd>%s · %s</dd></dl>", str(rep, "created_by"),
	    date_beijing(r->arena, str(rep, "created_at")));
}

static void
edit_form(struct request *r, struct buf *b, json_t *rep,
    const struct store_organ_info *o)
{
	json_t *x, *to = json_object_get(rep, "recipients");
	size_t i;
	const char *id = str(rep, "id");
	html_printf(b, "<section class=\"card\"><h2>修改草稿</h2>");
	if (has_todo(rep))
		html_printf(b, "<p class=\"alert\">仍有标着【待填写】的段落:请替换为"
		    "实际内容后再签署。</p>");
	html_printf(b, "<form method=\"post\" action=\"/reports/%U\">", id);
	page_csrf(r, b);
	html_printf(b, "<label>标题<input name=\"title\" maxlength=\"400\" "
	    "required value=\"%s\"></label>", str(rep, "title"));
	json_t *sections = json_object_get(rep, "sections");
	html_printf(b, "<input type=\"hidden\" name=\"n\" value=\"%zu\">",
	    json_array_size(sections));
	json_array_foreach(sections, i, x) {
		char t[24], v[24];
		snprintf(t, sizeof t, "t%zu", i);
		snprintf(v, sizeof v, "x%zu", i);
		html_printf(b, "<label>第 %zu 部分标题<input name=\"%s\" "
		    "maxlength=\"400\" required value=\"%s\"></label>"
		    "<label>正文<textarea name=\"%s\" rows=\"12\">%s</textarea>"
		    "</label>", i + 1, t, str(x, "title"), v, str(x, "text"));
	}
	if (strcmp(str(rep, "kind"), "annual") == 0) {
		const struct catalog_field *f =
		    api_report_recipients_field(r->catalog);
		html_printf(b, "<fieldset><legend>报送对象</legend>");
		/* What the organ's duty names, and whatever the report holds. */
		char *const *due;
		size_t ndue = api_report_recipients_of(r->catalog, o, &due);
		for (size_t k = 0; f != NULL && k < f->nvalues; k++) {
			int on = 0, offer = 0;
			json_array_foreach(to, i, x)
				on |= strcmp(str(x, "id"), f->values[k]) == 0;
			for (size_t j = 0; j < ndue; j++)
				offer |= strcmp(due[j], f->values[k]) == 0;
			if (!on && !offer)
				continue;
			html_printf(b, "<label><input type=\"checkbox\" name=\"to_%s\" "
			    "value=\"1\"%R> %s</label>", f->values[k], on ?
			    " checked" : "", f->labels[k]);
		}
		html_printf(b, "</fieldset>");
	}
	html_printf(b, "<button type=\"submit\">保存修改</button></form>"
	    "</section>");
}

static void
sections_view(struct buf *b, json_t *rep)
{
	json_t *x;
	size_t i;
	html_printf(b, "<section class=\"card report\">");
	json_array_foreach(json_object_get(rep, "sections"), i, x) {
		html_printf(b, "<h2>%s</h2>", str(x, "title"));
		paragraphs(b, str(x, "text"));
	}
	html_printf(b, "</section>");
}

/* A form posting one step, with a note of what it means. */
static void
step_form(struct request *r, struct buf *b, const char *id, const char *step,
    const char *button, const char *hint, int date, const char *refused)
{
	if (refused != NULL) {
		html_printf(b, "<div class=\"step refused\" aria-disabled=\"true\">"
		    "<button type=\"button\" disabled>%s</button> <span "
		    "class=\"muted\">%s</span></div>", button, refused);
		return;
	}
	html_printf(b, "<form method=\"post\" action=\"/reports/%U/%s\">", id,
	    step);
	page_csrf(r, b);
	if (date) {
		char today[11];
		date_format(date_today(), today);
		html_printf(b, "<label>公开日期<input type=\"date\" "
		    "name=\"published_on\" value=\"%s\" max=\"%s\"></label>", today,
		    today);
	}
	html_printf(b, "<p class=\"hint\">%s</p><button type=\"submit\">%s"
	    "</button></form>", hint, button);
}

void
page_report(struct request *r)
{
	struct report_loaded l;
	struct store_organ_info o;
	unsigned st;
	const char *id = r->params[0];
	if (api_report_fetch(r, id, 0, &l, &o, &st)) {
		page_error(r, st == 404 ? 404 : 500, st == 404 ?
		    "报告不存在,或不在您的权限范围内。" : "暂时无法读取报告,请稍后再试。");
		return;
	}
	json_t *rep = l.o;
	int writer = access_can_write_organ(&r->user, &o);
	int reviewer = access_can_review_organ(&r->user, &o);
	int draft = strcmp(l.status, "draft") == 0;
	struct buf b;
	buf_init(&b, REPORTS_PAGE_MAX);
	page_begin(r, &b, str(rep, "title"), "/reports");
	html_printf(&b, "<p class=\"muted\"><a href=\"/reports\">报告</a> › %s"
	    "</p><h1>%s</h1>", id, str(rep, "title"));
	const char *note = notice(r);
	if (note != NULL)
		html_printf(&b, "<p class=\"notice\" role=\"status\">%s</p>", note);
	html_printf(&b, "<section class=\"card\">");
	facts(r, &b, rep);
	html_printf(&b, "<div class=\"actions\"><a class=\"button secondary\" "
	    "href=\"/reports/%U/pdf\">下载 PDF</a>", id);
	if (strcmp(l.status, "published") == 0)
		html_printf(&b, "<a class=\"button secondary\" "
		    "href=\"/public/reports/%U\">公开页面</a>", id);
	html_printf(&b, "</div></section>");
	if (draft && writer)
		edit_form(r, &b, rep, &o);
	else
		sections_view(&b, rep);
	/* The drafter takes none of the steps after the draft: the step
	 * is shown greyed with the reason (the write refuses it too). */
	const char *mine = api_report_not_drafter(&r->user, l.created_by);
	if (draft && writer)
		step_form(r, &b, id, "sign", "签署", "签署后报告不能再修改,"
		    "交依法治理办公室锁定。签署须由起草人以外的人员办理。", 0, mine);
	if (strcmp(l.status, "signed") == 0 && reviewer)
		step_form(r, &b, id, "lock", "锁定", "锁定后报告定稿。", 0, mine);
	if (strcmp(l.status, "locked") == 0 && reviewer &&
	    strcmp(l.kind, "annual") == 0)
		step_form(r, &b, id, "publish", "向社会公开", arena_printf(r->arena,
		    "公开后报告出现在信息公开网站,并作为“报告并公开上一年度法治政府"
		    "建设情况”记入履职台账。应于 %s 前公开,逾期公开将如实标明。",
		    str(rep, "due")), 1, mine);
	json_decref(rep);
	page_end(r, &b);
}

/* ---- the writes ---- */

/* Sets key to the form field name as a JSON string; 0, or -1 after an
 * error page (text that is not UTF-8). */
static int
form_string(struct request *r, json_t *obj, const char *key,
    const char *name)
{
	const char *v = req_form(r, name);
	if (v == NULL)
		return 0;
	json_t *s = json_string(v);
	if (s == NULL) {
		page_error(r, 400, "请使用 UTF-8 编码的文字。");
		return -1;
	}
	json_object_set_new(obj, key, s);
	return 0;
}

void
page_report_draft(struct request *r)
{
	json_t *obj = json_object();
	const char *id, *y = req_form(r, "year");
	int year;
	if (y == NULL || date_parse_year(y, &year)) {
		json_decref(obj);
		page_error(r, 400, "请填写年度(四位数字)。");
		return;
	}
	json_object_set_new(obj, "year", json_integer(year));
	const char *person = req_form(r, "person");
	if (form_string(r, obj, "kind", "kind") ||
	    form_string(r, obj, "organ", "organ") ||
	    (person != NULL && *person != '\0' &&
	    form_string(r, obj, "person", "person"))) {
		json_decref(obj);
		return;
	}
	if (api_report_create(r, obj, &id))
		page_from_problem(r);
	else
		resp_redirect(r, report_url(r, id, "drafted"));
	json_decref(obj);
}

void
page_report_update(struct request *r)
{
	json_t *obj = json_object(), *sections = json_array();
	const char *n = req_form(r, "n");
	int count = n ? atoi(n) : 0;
	json_object_set_new(obj, "sections", sections);
	if (count < 1 || count > SECTIONS_FORM_MAX) {
		json_decref(obj);
		page_error(r, 400, "表单不完整,请刷新页面后重试。");
		return;
	}
	if (form_string(r, obj, "title", "title")) {
		json_decref(obj);
		return;
	}
	for (int i = 0; i < count; i++) {
		char t[24], x[24];
		snprintf(t, sizeof t, "t%d", i);
		snprintf(x, sizeof x, "x%d", i);
		json_t *one = json_object();
		json_array_append_new(sections, one);
		if (form_string(r, one, "title", t) ||
		    form_string(r, one, "text", x)) {
			json_decref(obj);
			return;
		}
	}
	const struct catalog_field *f = api_report_recipients_field(r->catalog);
	struct report_loaded l;
	struct store_organ_info o;
	unsigned st;
	if (api_report_fetch(r, r->params[0], 0, &l, &o, &st) == 0) {
		if (strcmp(l.kind, "annual") == 0 && f != NULL) {
			json_t *to = json_array();
			for (size_t i = 0; i < f->nvalues; i++)
				if (req_form(r, arena_printf(r->arena, "to_%s",
				    f->values[i])) != NULL)
					json_array_append_new(to, json_string(f->values[i]));
			json_object_set_new(obj, "recipients", to);
		}
		json_decref(l.o);
	}
	if (api_report_edit(r, r->params[0], obj))
		page_from_problem(r);
	else
		resp_redirect(r, report_url(r, r->params[0], "saved"));
	json_decref(obj);
}

static void
step(struct request *r, enum report_step s, const char *ok)
{
	const char *on = req_form(r, "published_on");
	if (on != NULL && *on == '\0')
		on = NULL;
	if (api_report_step(r, r->params[0], s, on))
		page_from_problem(r);
	else
		resp_redirect(r, report_url(r, r->params[0], ok));
}

void
page_report_sign(struct request *r)
{
	step(r, REPORT_SIGN, "signed");
}

void
page_report_lock(struct request *r)
{
	step(r, REPORT_LOCK, "locked");
}

void
page_report_publish(struct request *r)
{
	step(r, REPORT_PUBLISH, "published");
}

/* ---- downloads ---- */

void
page_report_pdf(struct request *r)
{
	unsigned st;
	json_t *rep = api_report_load(r, r->params[0], 0, &st);
	if (rep == NULL) {
		page_error(r, st == 404 ? 404 : 500, st == 404 ?
		    "报告不存在,或不在您的权限范围内。" : "暂时无法读取报告,请稍后再试。");
		return;
	}
	if (api_report_pdf_send(r, rep, arena_printf(r->arena, "%s.pdf",
	    str(rep, "id"))))
		page_from_problem(r);
	json_decref(rep);
}

void
page_rankings_xlsx(struct request *r)
{
	struct query q;
	char *data = NULL;
	size_t len = 0;
	if (page_evaluation_query(r, &q))
		return;
	if (api_rankings_build(r, q.year, q.region, &data, &len))
		page_from_problem(r);
	else
		resp_bytes(r, 200, "application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet", data, len, arena_printf(r->arena,
		    "排名-%d.xlsx", q.year), 0);
	free(data);
}
