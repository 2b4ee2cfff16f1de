/*
 * 报告: the listing with the drafting form, one report with its edit form
 * and its steps, the PDF, and the rankings workbook.
 *
 * As with the ledger pages, nothing here decides scope or state: the
 * listing's filter, a report and every write are the operations the
 * JSON API calls (domain/report.h: report_filter, report_load,
 * report_draft, report_edit, report_step), whose fault becomes the error
 * page. The page renders the report_doc they give and only chooses
 * which forms and buttons to offer, from the same checks.
 */
#include <stdlib.h>
#include <string.h>

#include "auth/authority.h"
#include "base/date.h"
#include "base/text.h"
#include "domain/report.h"
#include "report/docx.h"
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

/* Location of a report's page with a notice. */
static const char *
report_url(struct request *r, const char *id, const char *ok)
{
	return arena_printf(r->arena, "/reports/%s?ok=%s", html_q(r->arena, id),
	    html_q(r->arena, ok));
}

/* The notice after a write that redirected here (?ok=...). */
static const char *const notices[][2] = {
	{ "drafted", "草稿已生成:请逐段核对,替换标有【待填写】的段落后签署。" },
	{ "saved", "修改已保存。" },
	{ "stamped", "已定稿编号:此后下载的 PDF 带有发文字号和成文日期。" },
	{ "final", "定稿 PDF 已上传,签署的将是这份定稿。" },
	{ "signed", "报告已签署,等待依法治理办公室锁定。" },
	{ "locked", "报告已锁定,不能再修改。" },
	{ "published", "报告已向社会公开,并已记入履职台账。" },
	{ NULL, NULL },
};

/* ---- the listing ---- */

static int
list_row(void *ctx, const struct report_doc *rep)
{
	struct page_rows *l = ctx;
	html_fmt(l->b, "<tr><td>%d</td><td>%s</td><td class=\"hide-narrow\">"
	    "%s</td><td>%s</td><td><a href=\"/reports/%s\">%s</a></td>"
	    "<td><span class=\"tag s-%s g-%s\">%s</span></td>"
	    "<td class=\"hide-narrow\">%s</td></tr>", rep->year,
	    report_kind_label(rep->kind), rep->organ_name,
	    rep->person_name ? rep->person_name : "—",
	    html_q(l->r->arena, rep->id), rep->title,
	    page_status_class(rep->status), page_status_class(rep->status),
	    rep->status_label, rep->published_on ? rep->published_on : "—");
	return 0;
}

/* The year input of a form: from the catalog's first year to this. */
static void
year_field(struct request *r, struct buf *b, const char *label, int year,
    int required)
{
	html_fmt(b, "<label>%s<input type=\"number\" name=\"year\" min=\"%d\" "
	    "max=\"%d\" value=\"%d\"%s></label>", label,
	    date_year(catalog_effective(r->catalog)), date_year(date_today()),
	    year, required ? " required" : "");
}

static void
draft_form(struct request *r, struct buf *b, int year)
{
	html_fmt(b, "<section class=\"card\"><h2>起草报告</h2>"
	    "<form method=\"post\" action=\"/reports\">");
	page_csrf(r, b);
	html_fmt(b, "<div class=\"filters\"><label>类型<select name=\"kind\">"
	    "<option value=\"shufa\">述法报告(年终述职中的法治建设部分,第七条)"
	    "</option><option value=\"annual\">法治政府建设年度报告(政府,第六条"
	    "(一))</option></select></label><label>机构");
	page_organ_picker(r, b, NULL, NULL, 1);
	buf_puts(b, "</label>");
	year_field(r, b, "年度", year, 1);
	/* The 述法人 by name, among the people of the caller's scope. */
	html_picker(b, r->arena, "person", "person", "述法人(可留空)", NULL,
	    NULL, NULL, NULL, 0);
	buf_puts(b, "</div><p class=\"hint\">述法人留空:该年度年末在任的主要负责人。"
	    "系统依据履职台账和年度考评生成初稿;需要本人填写的段落"
	    "标有【待填写】。年度报告是关于所选年度的报告,应于次年 3 月 31 日前"
	    "报送并公开。</p><button type=\"submit\">生成初稿</button></form>"
	    "</section>");
}

static void
rankings_form(struct request *r, struct buf *b, int year)
{
	buf_puts(b, "<section class=\"card\"><h2>考评排名</h2><form "
	    "method=\"get\" action=\"/rankings.xlsx\" class=\"filters\">");
	year_field(r, b, "考评年度", year, 0);
	buf_puts(b, "<div class=\"actions\"><button type=\"submit\">导出排名"
	    "(Excel)</button></div></form><p class=\"hint\">按考评得分排列您权限"
	    "范围内的主要负责人,另按职务分表。</p></section>");
}

static void
filters(struct request *r, struct buf *b, const struct store_report_filter *f)
{
	static const char *const kinds[][2] = { { "", "全部类型" },
		{ "shufa", "述法报告" }, { "annual", "法治政府建设年度报告" } };
	static const char *const sts[][2] = { { "", "全部状态" },
		{ "draft", "草稿" }, { "signed", "已签署" }, { "locked", "已锁定" },
		{ "published", "已公开" } };
	html_fmt(b, "<form class=\"filters card\" method=\"get\" "
	    "action=\"/reports\"><label>类型<select name=\"kind\">");
	for (size_t i = 0; i < 3; i++)
		page_option(b, kinds[i][0], kinds[i][1], f->kind);
	html_fmt(b, "</select></label><label>状态<select name=\"status\">");
	for (size_t i = 0; i < 5; i++)
		page_option(b, sts[i][0], sts[i][1], f->status);
	html_fmt(b, "</select></label><label>年度<input type=\"number\" "
	    "name=\"year\" min=\"2000\" max=\"2100\" value=\"%s\"></label>"
	    "<div class=\"actions\"><button type=\"submit\">筛选</button>"
	    "<a class=\"button secondary\" href=\"/reports\">清除</a></div>"
	    "</form>", f->year ? arena_printf(r->arena, "%d", f->year) : "");
}

/* The listing's filters, kept by its pager (list.c). */
static const char *const reports_keep[] = { "kind", "status", "year",
	"organ", "region", NULL };

void
page_reports(struct request *r)
{
	struct dom d;
	struct store_report_filter f;
	char path[512];
	struct report_query q = REPORT_QUERY(req_query, r);
	long total = 0;
	req_dom(r, &d);
	int rc = report_filter(&d, &q, &f, path, sizeof path);
	if (rc < 0) {
		page_fault(r, &d.fault);
		return;
	}
	struct buf rows;
	buf_init(&rows, REPORTS_PAGE_MAX);
	struct page_rows l = { r, &rows };
	if (rc && report_list(&d, &f, list_row, &l, &total)) {
		buf_free(&rows);
		page_error(r, 500, "暂时无法读取报告,请稍后再试。");
		return;
	}
	int last = date_year(date_today()) - 1;
	struct buf b;
	buf_init(&b, REPORTS_PAGE_MAX);
	page_begin(r, &b, "报告", "/reports");
	html_fmt(&b, "<h1>报告</h1><p class=\"sub\">述法报告(第七条:年终述职"
	    "列入履行推进法治建设第一责任人职责情况)和法治政府建设年度报告(第六条"
	    "(一):向本级党委、人大常委会和上一级政府报告并向社会公开)。已公开的"
	    "报告见<a href=\"/public/\">信息公开</a>。</p>");
	if (writes(r))
		draft_form(r, &b, last);
	rankings_form(r, &b, last);
	if (rc)
		filters(r, &b, &f);
	struct web_list wl;
	web_list_read(r, &wl, "/reports", reports_keep, NULL, 0);
	wl.page = q.page;
	wl.per_page = q.per_page;
	wl.total = total;
	html_fmt(&b, "<p>");
	html_list_total(&b, &wl, "报告");
	html_fmt(&b, "</p>");
	if (total > 0) {
		html_fmt(&b, "<div class=\"table-wrap\"><table><thead><tr>"
		    "<th>年度</th><th>类型</th><th class=\"hide-narrow\">机构</th>"
		    "<th>人员</th><th>标题</th><th>状态</th><th class=\"hide-narrow\">"
		    "公开日期</th></tr></thead><tbody>");
		buf_append(&b, rows.data ? rows.data : "", rows.len);
		html_fmt(&b, "</tbody></table></div>");
		html_pager(&b, r, &wl);
	}
	buf_free(&rows);
	page_end(r, &b);
}

/* ---- one report ---- */

/* A stored YYYY-MM-DD as people read it (2026年3月31日); anything else
 * as it is. */
static const char *
cn_date(struct request *r, const char *iso)
{
	date_t d;
	char cn[32];
	if (iso == NULL || date_parse(iso, &d))
		return iso;
	date_format_cn(d, cn);
	return arena_strdup(r->arena, cn);
}

static void
facts(struct request *r, struct buf *b, const struct report_doc *rep)
{
	int annual = strcmp(rep->kind, "annual") == 0;
	/* A report is told apart by its kind, organ, year (and the person
	 * of a 述法): its id stays in the URL, off the page. */
	html_fmt(b, "<dl class=\"facts\">"
	    "<dt>类型</dt><dd>%s</dd><dt>机构</dt><dd><a href=\"/organs/%s\">%s"
	    "</a> <span class=\"muted\">%s</span></dd><dt>年度</dt><dd>%ld</dd>",
	    report_kind_label(rep->kind), html_q(r->arena, rep->organ),
	    rep->organ_name, rep->region_name, (long)rep->year);
	/* The 述法人 by name and post, never their id. */
	if (rep->person != NULL) {
		const char *who = page_picker_label(r, "person", rep->person);
		html_fmt(b, "<dt>述法人</dt><dd>%s</dd>", who ? who :
		    rep->person_name);
	}
	html_fmt(b, "<dt>状态</dt><dd><span class=\"tag s-%s g-%s\">%s</span>",
	    page_status_class(rep->status), page_status_class(rep->status),
	    rep->status_label);
	if (rep->signed_by != NULL) {
		buf_puts(b, " <span class=\"muted\">签署人 ");
		html_who(r, b, rep->signed_by);
		html_fmt(b, " · %s</span>", date_beijing(r->arena,
		    rep->signed_at));
	}
	if (rep->locked_at != NULL) {
		buf_puts(b, " <span class=\"muted\">锁定");
		if (rep->locked_by != NULL) {
			buf_puts(b, "人 ");
			html_who(r, b, rep->locked_by);
		}
		html_fmt(b, " 于 %s</span>", date_beijing(r->arena,
		    rep->locked_at));
	}
	if (rep->published_by != NULL) {
		buf_puts(b, " <span class=\"muted\">公开人 ");
		html_who(r, b, rep->published_by);
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</dd>");
	if (annual) {
		buf_puts(b, "<dt>报送对象</dt><dd>");
		for (size_t i = 0; i < rep->nrecipients; i++)
			html_fmt(b, "%s%s", i ? "、" : "", rep->recipients[i].label);
		if (rep->nrecipients == 0)
			buf_puts(b, "—");
		html_fmt(b, "</dd><dt>公开期限</dt><dd>%s 前</dd><dt>公开日期</dt>"
		    "<dd>", cn_date(r, rep->due));
		if (rep->published_on != NULL) {
			html_text(b, cn_date(r, rep->published_on));
			if (rep->late)
				buf_puts(b, " <span class=\"tag s-rejected\">"
				    "逾期公开</span>");
		} else
			buf_puts(b, rep->late ? "<span class=\"tag s-rejected\">"
			    "已逾期,尚未公开</span>" : "尚未公开");
		buf_puts(b, "</dd>");
		if (rep->record != NULL)
			html_fmt(b, "<dt>台账记录</dt><dd><a href=\"/ledger/%s\">"
			    "查看记录</a></dd>", html_q(r->arena, rep->record));
	}
	html_who_fact(r, b, "起草", rep->created_by, rep->created_at);
	buf_puts(b, "</dl>");
}

static void
edit_form(struct request *r, struct buf *b, const struct report_doc *rep)
{
	html_fmt(b, "<section class=\"card\"><h2>修改草稿</h2>");
	if (report_has_todo(rep))
		html_fmt(b, "<p class=\"alert\">仍有标着【待填写】的段落:请替换为"
		    "实际内容后再签署。</p>");
	html_fmt(b, "<form method=\"post\" action=\"/reports/%s\">",
	    html_q(r->arena, rep->id));
	page_csrf(r, b);
	html_fmt(b, "<label>标题<input name=\"title\" maxlength=\"400\" "
	    "required value=\"%s\"></label>", rep->title);
	html_fmt(b, "<input type=\"hidden\" name=\"n\" value=\"%zu\">",
	    rep->nsections);
	for (size_t i = 0; i < rep->nsections; i++)
		html_fmt(b, "<label>第 %zu 部分标题<input name=\"t%zu\" "
		    "maxlength=\"400\" required value=\"%s\"></label>"
		    "<label>正文<textarea name=\"x%zu\" rows=\"12\">%s</textarea>"
		    "</label>", i + 1, i, rep->sections[i].title, i,
		    rep->sections[i].text);
	if (strcmp(rep->kind, "annual") == 0) {
		const struct catalog_field *f =
		    report_recipients_field(r->catalog);
		html_fmt(b, "<fieldset><legend>报送对象</legend>");
		/* What the organ's duty names, and whatever the report holds. */
		char *const *due;
		size_t ndue = report_recipients_of(r->catalog, &rep->organ_info,
		    &due);
		for (size_t k = 0; f != NULL && k < f->nvalues; k++) {
			int on = 0, offer = 0;
			for (size_t i = 0; i < rep->nrecipients; i++)
				on |= strcmp(rep->recipients[i].id, f->values[k]) == 0;
			for (size_t j = 0; j < ndue; j++)
				offer |= strcmp(due[j], f->values[k]) == 0;
			if (!on && !offer)
				continue;
			html_fmt(b, "<label><input type=\"checkbox\" name=\"to_%s\" "
			    "value=\"1\"%s> %s</label>", f->values[k], on ?
			    " checked" : "", f->labels[k]);
		}
		html_fmt(b, "</fieldset>");
	}
	html_fmt(b, "<button type=\"submit\">保存修改</button></form>"
	    "</section>");
}

static void
sections_view(struct buf *b, const struct report_doc *rep)
{
	html_fmt(b, "<section class=\"card report\">");
	for (size_t i = 0; i < rep->nsections; i++) {
		html_fmt(b, "<h2>%s</h2>", rep->sections[i].title);
		html_paragraphs(b, rep->sections[i].text);
	}
	html_fmt(b, "</section>");
}

/* A form posting one step, with a note of what it means. */
static void
step_form(struct request *r, struct buf *b, const char *id, const char *step,
    const char *button, const char *hint, int date, const char *refused)
{
	if (refused != NULL) {
		html_fmt(b, "<div class=\"step refused\" aria-disabled=\"true\">"
		    "<button type=\"button\" disabled>%s</button> <span "
		    "class=\"muted\">%s</span></div>", button, refused);
		return;
	}
	/* Each step is final: the browser asks first (app.js). */
	html_fmt(b, "<form method=\"post\" action=\"/reports/%s/%s\" "
	    "data-confirm=\"%s确定%s?\">", html_q(r->arena, id), step, hint,
	    button);
	page_csrf(r, b);
	if (date) {
		char today[11];
		date_format(date_today(), today);
		html_fmt(b, "<label>公开日期<input type=\"date\" "
		    "name=\"published_on\" value=\"%s\" max=\"%s\"></label>", today,
		    today);
	}
	html_fmt(b, "<p class=\"hint\">%s</p><button type=\"submit\">%s"
	    "</button></form>", hint, button);
}

/*
 * What the check before publishing finds (report_public_check), for an
 * annual report's writer and office: each thing with where it is and
 * why, or that nothing was found. Returns why publishing is refused, or
 * NULL.
 */
static const char *
public_check(struct dom *d, struct buf *b, const struct report_doc *rep)
{
	struct report_hit *hits;
	size_t n;
	if (report_public_check(d, rep, &hits, &n)) {
		html_fmt(b, "<section class=\"card\"><h2>公开前检查</h2><p "
		    "class=\"alert\">检查未能完成:%s</p></section>",
		    d->fault.title);
		return "公开前检查未能完成";
	}
	html_fmt(b, "<section class=\"card\" id=\"public-check\"><h2>公开前检查"
	    "</h2>");
	if (n == 0)
		html_fmt(b, "<p>未发现系统内部编号、账号名称、个人考评等次、分数、"
		    "结论、对个人的认定或起草提示。</p>");
	else {
		html_fmt(b, "<p class=\"alert\">以下内容不宜向社会公开,请修改后"
		    "再%s:</p><table class=\"cards\"><thead><tr><th scope=\"col\">"
		    "位置</th><th scope=\"col\">内容</th><th scope=\"col\">原因"
		    "</th></tr></thead><tbody>", strcmp(rep->status, "draft") ==
		    0 ? "签署" : "公开");
		for (size_t i = 0; i < n; i++)
			html_fmt(b, "<tr><td data-label=\"位置\">%s</td><td "
			    "data-label=\"内容\"><code>%s</code></td><td "
			    "data-label=\"原因\">%s</td></tr>", hits[i].where,
			    hits[i].found, hits[i].why);
		html_fmt(b, "</tbody></table>");
	}
	html_fmt(b, "<p class=\"hint\">检查的内容:系统中存在的编号和账号;"
	    "考评等次、分数、结论和认定类型的用语(本系统的解释,非办法原文)。"
	    "</p></section>");
	return n > 0 ? "报告含有不宜公开的内容,修改后才能公开" : NULL;
}

/* Loads the report of the path for a page; answers the error page and
 * returns -1 when it cannot. */
static int
load(struct request *r, struct dom *d, struct report_doc *rep)
{
	req_dom(r, d);
	if (report_load(d, r->params[0], 0, rep) == 0)
		return 0;
	page_load_error(r, &d->fault, "报告");
	return -1;
}

void
page_report(struct request *r)
{
	struct dom d;
	struct report_doc rep;
	if (load(r, &d, &rep))
		return;
	const char *id = rep.id;
	int writer = access_can_write_organ(&r->user, &rep.organ_info);
	/* Two people: the leader signs, the office locks and publishes
	 * (the step refuses anyone else: authority_report_sign/_issue). */
	int reviewer = r->user.role == ACCT_OFFICE &&
	    access_can_review_organ(&r->user, &rep.organ_info);
	int signer = r->user.role == ACCT_LEADER && (strcmp(rep.kind,
	    "shufa") == 0 ? rep.person != NULL && strcmp(rep.person,
	    r->user.person) == 0 : r->user.organ_key == rep.organ_info.key);
	int draft = strcmp(rep.status, "draft") == 0;
	struct buf b;
	buf_init(&b, REPORTS_PAGE_MAX);
	page_begin(r, &b, rep.title, "/reports");
	/* Where it sits in words (its id stays in the URL). */
	html_fmt(&b, "<p class=\"muted\"><a href=\"/reports\">报告</a> › %s "
	    "%ld年度%s</p><h1>%s</h1>", rep.organ_name, (long)rep.year,
	    report_kind_label(rep.kind), rep.title);
	page_ok_notice(r, &b, notices);
	html_fmt(&b, "<section class=\"card\">");
	facts(r, &b, &rep);
	html_fmt(&b, "<div class=\"actions\"><a class=\"button secondary\" "
	    "href=\"/reports/%s/pdf\">下载 PDF</a><a class=\"button secondary\" "
	    "href=\"/reports/%s/docx\">下载 Word 版(可编辑)</a>",
	    html_q(r->arena, id), html_q(r->arena, id));
	if (strcmp(rep.status, "published") == 0)
		html_fmt(&b, "<a class=\"button secondary\" "
		    "href=\"/public/reports/%s\">公开页面</a>",
		    html_q(r->arena, id));
	html_fmt(&b, "</div></section>");
	/* An annual report's cover letters, one to each recipient. */
	if (strcmp(rep.kind, "annual") == 0)
		page_documents(r, &d, &b, "reports", id);
	if (draft && writer)
		edit_form(r, &b, &rep);
	else
		sections_view(&b, &rep);
	struct fault no = { 0 };
	page_report_final_card(r, &b, &rep, authority_report_stamp(&r->user,
	    &rep.organ_info, &no) == 0);
	/* The drafter takes none of the steps after the draft: the step
	 * is shown greyed with the reason (the write refuses it too). */
	const char *mine = report_not_drafter(&r->user, rep.created_by);
	if (draft && signer)
		step_form(r, &b, id, "sign", "签署", rep.final_sm3 != NULL ?
		    "签署的是上方已上传的定稿 PDF;签署后定稿不能再更换,交依法治理"
		    "办公室锁定。报告由负责人本人签署。" : "签署后报告不能再修改,"
		    "交依法治理办公室锁定。报告由负责人本人签署。", 0, mine);
	else if (draft && writer)
		html_fmt(&b, "<p class=\"card hint\">定稿后由%s本人登录签署,"
		    "再由依法治理办公室锁定%s。</p>", strcmp(rep.kind, "shufa") ==
		    0 && rep.person_name != NULL ? rep.person_name :
		    "本机构主要负责人", strcmp(rep.kind, "annual") == 0 ?
		    "和公开" : "");
	if (strcmp(rep.status, "signed") == 0 && reviewer)
		step_form(r, &b, id, "lock", "锁定", "锁定后报告定稿。", 0, mine);
	/* An annual report goes to the public: its writer sees what would
	 * stop it while drafting, the office before publishing. */
	const char *unfit = NULL;
	if (strcmp(rep.kind, "annual") == 0 && strcmp(rep.status,
	    "published") != 0 && (writer || reviewer))
		unfit = public_check(&d, &b, &rep);
	if (strcmp(rep.status, "locked") == 0 && reviewer &&
	    strcmp(rep.kind, "annual") == 0)
		step_form(r, &b, id, "publish", "向社会公开", arena_printf(r->arena,
		    "公开后报告出现在信息公开网站,并作为“报告并公开上一年度法治政府"
		    "建设情况”记入履职台账。应于 %s 前公开,逾期公开将如实标明。",
		    rep.due), 1, mine != NULL ? mine : unfit);
	page_end(r, &b);
}

/* ---- the writes ---- */

/* Form field name, checked to be UTF-8 (NULL: not given); *bad set
 * after the error page. */
static const char *
form_text(struct request *r, const char *name, int *bad)
{
	const char *v = req_form(r, name);
	if (v == NULL || *bad || text_utf8_valid(v))
		return *bad ? NULL : v;
	page_error(r, 400, "请使用 UTF-8 编码的文字。");
	*bad = 1;
	return NULL;
}

void
page_report_draft(struct request *r)
{
	struct dom d;
	struct report_draft in = { 0 };
	const char *id, *y = req_form(r, "year");
	int bad = 0;
	if (y == NULL || date_parse_year(y, &in.year)) {
		page_error(r, 400, "请填写年度(四位数字)。");
		return;
	}
	in.has_year = 1;
	in.kind = form_text(r, "kind", &bad);
	if (bad)
		return;
	/* The organ and the 述法人 as their pickers chose them, or without
	 * script by the whole name typed (page_picker_value). */
	const char *why = NULL;
	in.organ = page_picker_value(r, "organ", "organ", &why);
	if (why != NULL) {
		page_error(r, 400, arena_printf(r->arena, "机构:%s", why));
		return;
	}
	const char *person = page_picker_value(r, "person", "person", &why);
	if (why != NULL) {
		page_error(r, 400, arena_printf(r->arena, "述法人:%s", why));
		return;
	}
	if (person != NULL) {
		in.person = person;
		in.person_given = 1;
	}
	req_dom(r, &d);
	if (report_draft(&d, &in, &id))
		page_fault(r, &d.fault);
	else
		resp_redirect(r, report_url(r, id, "drafted"));
}

void
page_report_update(struct request *r)
{
	struct dom d;
	struct report_edit in = { 0 };
	struct report_doc cur;
	const char *n = req_form(r, "n");
	int count = n ? atoi(n) : 0, bad = 0;
	if (count < 1 || count > SECTIONS_FORM_MAX) {
		page_error(r, 400, "表单不完整,请刷新页面后重试。");
		return;
	}
	in.title = form_text(r, "title", &bad);
	in.sections = arena_alloc(r->arena, (size_t)count *
	    sizeof *in.sections);
	in.nsections = (size_t)count;
	for (int i = 0; i < count && !bad; i++) {
		in.sections[i].title = form_text(r, arena_printf(r->arena, "t%d",
		    i), &bad);
		in.sections[i].text = form_text(r, arena_printf(r->arena, "x%d",
		    i), &bad);
	}
	if (bad)
		return;
	/* An annual report's recipients are the boxes ticked. */
	const struct catalog_field *f = report_recipients_field(r->catalog);
	req_dom(r, &d);
	if (report_load(&d, r->params[0], 0, &cur) == 0 &&
	    strcmp(cur.kind, "annual") == 0 && f != NULL) {
		in.recipients = arena_alloc(r->arena, (f->nvalues + 1) *
		    sizeof *in.recipients);
		in.has_recipients = 1;
		for (size_t i = 0; i < f->nvalues; i++)
			if (req_form(r, arena_printf(r->arena, "to_%s",
			    f->values[i])) != NULL)
				in.recipients[in.nrecipients++] = f->values[i];
	}
	fault_clear(&d.fault);
	if (report_edit(&d, r->params[0], &in))
		page_fault(r, &d.fault);
	else
		resp_redirect(r, report_url(r, r->params[0], "saved"));
}

static void
step(struct request *r, enum report_step s, const char *ok)
{
	struct dom d;
	const char *on = req_form(r, "published_on");
	if (on != NULL && *on == '\0')
		on = NULL;
	req_dom(r, &d);
	if (report_step(&d, r->params[0], s, on)) {
		page_fault(r, &d.fault);
		fault_clear(&d.fault); /* a refused record's field errors */
	} else
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
	struct dom d;
	struct report_doc rep;
	if (load(r, &d, &rep) == 0 && page_report_pdf_send(r, &d, &rep,
	    report_file_name(&d, &rep, "pdf")))
		page_fault(r, &d.fault);
}

/* The same 公文 as the PDF, as a .docx the office finishes in WPS or
 * Word. */
void
page_report_docx(struct request *r)
{
	struct dom d;
	struct report_doc rep;
	char *docx = NULL;
	const char *name;
	size_t len = 0;
	if (load(r, &d, &rep))
		return;
	if (report_docx(&d, &rep, &docx, &len, &name))
		page_fault(r, &d.fault);
	else
		resp_bytes(r, 200, DOCX_MIME, docx, len, name, 0);
	free(docx);
}

void
page_rankings_xlsx(struct request *r)
{
	struct dom d;
	struct query q;
	char *data = NULL;
	size_t len = 0;
	if (page_evaluation_query(r, &q))
		return;
	req_dom(r, &d);
	int rc = rankings_build(&d, q.year, q.region, &data, &len);
	const char *name = arena_printf(r->arena, "排名-%d.xlsx", q.year);
	if (rc == 0)
		resp_bytes(r, 200, RANKINGS_MIME, data, len, name, 0);
	else
		page_fault(r, &d.fault);
	free(data);
}
