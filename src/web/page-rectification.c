/*
 * One rectification order (整改): what is required by when, where it
 * stands (逾期 marked), every step it took, its evidence files, and the
 * forms the viewer may use now — rect_load says which, so a clerk sees
 * 报告进展 and 提交整改报告, the office 验收 and 退回, and nobody a button
 * the API would refuse.
 */
#include <string.h>

#include "domain/record.h"
#include "oversight/rectify.h"
#include "web/page-supervision.h"

static const char *const rect_notices[][2] = {
	{ "issued", "整改通知已下达。" },
	{ "progress", "整改进展已报告。" },
	{ "submit", "整改报告已提交,等待验收。" },
	{ "accept", "整改已验收。" },
	{ "return", "整改报告已退回,请继续整改。" },
	{ "uploaded", "整改材料已上传。" },
	{ NULL, NULL },
};

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

/* The finding an order follows from, in words: its text, linked to it
 * on its inspection's page, and when it was recorded. */
static void
source_finding(struct request *r, struct buf *b, const char *id)
{
	struct dom d;
	struct store_finding f;
	req_dom(r, &d);
	if (sup_finding_load(&d, id, &f)) {
		fault_clear(&d.fault);
		return;
	}
	html_fmt(b, " · <a href=\"/supervision/inspections/%s#f-%s\">%s</a> "
	    "<span class=\"muted\">(%s)</span>", html_q(r->arena,
	    f.inspection), html_q(r->arena, f.id), f.description,
	    date_beijing(r->arena, f.created_at));
}

/* The interview an order follows from: who, and when. */
static void
source_interview(struct request *r, struct buf *b, const char *id)
{
	struct dom d;
	struct store_interview v;
	req_dom(r, &d);
	if (interview_load(&d, id, &v)) {
		fault_clear(&d.fault);
		return;
	}
	html_fmt(b, " · 约谈%s%s(%s)", v.organ_name, v.person_name ?
	    v.person_name : "", page_sup_day(r->arena, v.held_on ? v.held_on :
	    v.scheduled_on));
}

static void
facts(struct request *r, struct buf *b, const struct store_rectification *x)
{
	html_fmt(b, "<section class=\"card\"><dl class=\"facts\">"
	    "<dt>状态</dt><dd>");
	page_sup_rect_tags(b, x->status, sup_rect_state_label(x->status),
	    x->overdue);
	html_fmt(b, "</dd><dt>整改单位</dt><dd><a href=\"/organs/%s\">%s</a>"
	    "(%s)</dd><dt>负责人</dt><dd>%s</dd><dt>来源</dt><dd>%s",
	    html_q(r->arena, x->organ), x->organ_name, x->region_name,
	    x->person_name ?
	    x->person_name : "—", sup_rect_source_label(x->source));
	if (x->finding != NULL)
		source_finding(r, b, x->finding);
	if (x->notice != NULL)
		html_fmt(b, " · <a href=\"/supervision/notices/%s\">通报</a>",
		    html_q(r->arena, x->notice));
	if (x->interview != NULL)
		source_interview(r, b, x->interview);
	html_fmt(b, "</dd>");
	if (x->year > 0)
		html_fmt(b, "<dt>考评年度</dt><dd>%d</dd>", x->year);
	html_fmt(b, "<dt>整改要求</dt><dd>");
	page_sup_paragraphs(b, x->requirement);
	html_fmt(b, "</dd><dt>整改期限</dt><dd>%s</dd>",
	    page_sup_day(r->arena, x->deadline));
	html_who_fact(r, b, "下达", x->issued_by, x->issued_at);
	if (x->submitted_at != NULL)
		html_fmt(b, "<dt>提交</dt><dd>%s</dd>", date_beijing(r->arena,
		    x->submitted_at));
	if (x->accepted_by != NULL)
		html_who_fact(r, b, "验收", x->accepted_by, x->accepted_at);
	if (x->report != NULL) {
		html_fmt(b, "<dt>整改报告</dt><dd>");
		page_sup_paragraphs(b, x->report);
		html_fmt(b, "</dd>");
	}
	html_fmt(b, "</dl></section>");
}

static void
history(struct request *r, struct buf *b, const struct rect_view *v)
{
	html_fmt(b, "<section class=\"card\"><h2>办理过程</h2><div "
	    "class=\"table-wrap\"><table><thead><tr><th>时间</th><th>办理</th>"
	    "<th>状态</th><th>说明</th><th class=\"hide-narrow\">办理人</th>"
	    "</tr></thead><tbody>");
	for (size_t i = 0; i < v->nevents; i++) {
		const struct store_rect_event *e = &v->events[i];
		int moved = e->from != NULL && strcmp(e->from, e->to) != 0;
		page_history_cells(r, b, e->at, action_label(e->action), moved ?
		    sup_rect_state_label(e->from) : NULL,
		    sup_rect_state_label(e->to));
		html_fmt(b, "<td>");
		page_sup_paragraphs(b, e->note);
		html_fmt(b, "</td><td class=\"hide-narrow\">");
		html_who(r, b, e->actor);
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table></div></section>");
}

static void
evidence(struct request *r, struct dom *d, struct buf *b,
    const struct rect_view *v, const char *id)
{
	html_fmt(b, "<section class=\"card\"><h2>整改材料</h2>");
	if (v->nfiles == 0)
		html_fmt(b, "<p class=\"muted\">尚未上传整改材料。</p>");
	else {
		html_fmt(b, "<div class=\"table-wrap\"><table><thead><tr>"
		    "<th>文件名</th><th>上传人</th><th>上传时间</th><th>SM3</th>"
		    "</tr></thead><tbody>");
		for (size_t i = 0; i < v->nfiles; i++) {
			const struct store_rect_evidence *e = &v->files[i];
			char sm3[13];
			snprintf(sm3, sizeof sm3, "%s", e->sm3);
			html_fmt(b, "<tr><td><a href=\"/api/v1/rectifications/%s/"
			    "evidence/%ld\">%s</a></td><td>",
			    html_q(r->arena, e->rectification),
			    (long)e->key, e->filename);
			html_who(r, b, e->uploaded_by);
			html_fmt(b, "</td><td>%s</td><td><code title=\"%s\">"
			    "%s…</code></td></tr>", date_beijing(r->arena,
			    e->uploaded_at), e->sm3, sm3);
		}
		html_fmt(b, "</tbody></table></div>");
	}
	if (v->may_attach) {
		size_t max = d->settings->max_upload;
		html_fmt(b, "<form method=\"post\" action=\"/supervision/"
		    "rectifications/%s/evidence\" enctype=\"multipart/form-data\">",
		    html_q(r->arena, id));
		page_csrf(r, b);
		html_fmt(b, "<label>上传整改材料<input type=\"file\" name=\"file\" "
		    "required accept=\".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx\">"
		    "</label><p class=\"hint\">可上传 PDF、图片、Word 和 Excel 文件,"
		    "单个文件不超过 %zu MB;系统按文件内容核验类型。</p><button "
		    "type=\"submit\">上传</button></form>", max / (1024 * 1024) ?
		    max / (1024 * 1024) : 1);
	}
	html_fmt(b, "</section>");
}

/* Opens a form posting a move of order id. */
static void
status_form(struct request *r, struct buf *b, const char *id)
{
	html_fmt(b, "<form method=\"post\" action=\"/supervision/"
	    "rectifications/%s/status\">", html_q(r->arena, id));
	page_csrf(r, b);
}

/* The forms of the moves rect_load allows the viewer now. */
static void
moves(struct request *r, struct buf *b, const struct rect_view *v,
    const char *id)
{
	int progress = v->may[RECTIFY_PROGRESS], submit = v->may[RECTIFY_SUBMIT];
	int accept = v->may[RECTIFY_ACCEPT], ret = v->may[RECTIFY_RETURN];
	if (!progress && !submit && !accept && !ret)
		return;
	html_fmt(b, "<section class=\"card\"><h2>办理</h2>");
	if (progress) {
		status_form(r, b, id);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"progress\"><label>整改进展<textarea name=\"note\" "
		    "required maxlength=\"4000\"></textarea></label><button "
		    "type=\"submit\" class=\"secondary\">报告进展</button></form>");
	}
	if (submit) {
		status_form(r, b, id);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"submit\"><label>整改报告(必填)<textarea name=\"report\" "
		    "required maxlength=\"20000\"></textarea></label><p "
		    "class=\"hint\">提交前请先上传整改材料;提交后等待办公室验收。</p>"
		    "<button type=\"submit\">提交整改报告</button></form>");
	}
	if (accept || ret) {
		status_form(r, b, id);
		html_fmt(b, "<label>验收意见(退回时必填)<textarea name=\"note\" "
		    "maxlength=\"4000\"></textarea></label><div class=\"actions\">");
		if (accept)
			html_fmt(b, "<button type=\"submit\" name=\"action\" "
			    "value=\"accept\">验收通过</button>");
		if (ret)
			html_fmt(b, "<button type=\"submit\" name=\"action\" "
			    "value=\"return\" class=\"danger\">退回</button>");
		html_fmt(b, "</div></form>");
	}
	html_fmt(b, "</section>");
}

void
page_rectification_create(struct request *r)
{
	page_sup_write(r, SUP_WRITE_RECTIFICATION);
}

void
page_rectification(struct request *r)
{
	struct rect_view v;
	struct dom d;
	const char *id = r->params[0];
	req_dom(r, &d);
	if (rect_load(&d, id, &v)) {
		page_load_error(r, &d.fault, "整改");
		return;
	}
	struct buf b;
	buf_init(&b, SUP_PAGE_MAX);
	page_begin(r, &b, "整改", "/supervision");
	/* Named by whom it orders and by when: its id stays in the URL. */
	const char *name = arena_printf(r->arena, "%s整改(期限 %s)",
	    v.x.organ_name, page_sup_day(r->arena, v.x.deadline));
	html_fmt(&b, "<nav class=\"crumbs\"><a href=\"/supervision\">督查</a> › "
	    "<a href=\"/supervision/rectifications\">整改</a> › %s</nav>"
	    "<h1>%s</h1>", name, name);
	page_ok_notice(r, &b, rect_notices);
	facts(r, &b, &v.x);
	page_documents(r, &d, &b, "rectifications", id);
	moves(r, &b, &v, id);
	evidence(r, &d, &b, &v, id);
	history(r, &b, &v);
	page_end(r, &b);
}

void
page_rectification_status(struct request *r)
{
	page_sup_write(r, SUP_WRITE_RECT_MOVE);
}

void
page_rectification_upload(struct request *r)
{
	int64_t key;
	struct dom d;
	struct evidence_upload u = req_upload(r);
	req_dom(r, &d);
	if (rect_upload(&d, r->params[0], &u, &key))
		page_fault(r, &d.fault);
	else
		page_sup_redirect(r, "/supervision/rectifications/", r->params[0],
		    "uploaded", NULL);
}
