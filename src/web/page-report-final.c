/*
 * A report's 定稿 on its page: the 定稿编号 form (发文字号 and 成文日期),
 * the final PDF's upload and download. The operations are the API's
 * (domain/report.h: report_stamp, report_final_upload, report_final_read);
 * a refused upload shows every thing the check found, as the API's 422
 * lists them.
 */
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "domain/record.h"
#include "domain/report.h"
#include "web/web.h"

#define FINAL_PAGE_MAX (1u << 20)

/* The 成文日期 in Chinese (二〇二六年… is the PDF's; the page says the
 * date as the other pages do). */
static const char *
cn_day(struct request *r, const char *iso)
{
	date_t d;
	char cn[32];
	if (iso == NULL || date_parse(iso, &d))
		return iso ? iso : "—";
	date_format_cn(d, cn);
	return arena_strdup(r->arena, cn);
}

void
page_report_final_card(struct request *r, struct buf *b,
    const struct report_doc *rep, int may)
{
	const char *id = html_q(r->arena, rep->id);
	int draft = strcmp(rep->status, "draft") == 0;
	if (rep->dated == NULL && !(draft && may))
		return;
	html_fmt(b, "<section class=\"card\" id=\"final\"><h2>定稿</h2>");
	if (rep->dated == NULL) {
		char today[11];
		date_format(date_today(), today);
		html_fmt(b, "<form method=\"post\" action=\"/reports/%s/stamp\" "
		    "data-confirm=\"定稿编号后发文字号不再改变。确定定稿编号?\">", id);
		page_csrf(r, b);
		html_fmt(b, "<label>成文日期<input type=\"date\" name=\"dated\" "
		    "value=\"%s\" max=\"%s\"></label><p class=\"hint\">定稿编号"
		    "确定%s成文日期;此后下载的 PDF 带有它们,可在 WPS 或 Word 中"
		    "定稿后导出为 PDF 上传。</p><button type=\"submit\">定稿编号"
		    "</button></form></section>", today, today,
		    strcmp(rep->kind, "annual") == 0 ? "发文字号和" : "");
		return;
	}
	html_fmt(b, "<dl class=\"facts\">");
	if (rep->number_seq > 0)
		html_fmt(b, "<dt>发文字号</dt><dd>〔%d〕%d号</dd>",
		    rep->number_year, rep->number_seq);
	html_fmt(b, "<dt>成文日期</dt><dd>%s</dd>", cn_day(r, rep->dated));
	html_who_fact(r, b, "定稿编号", rep->stamped_by, rep->stamped_at);
	if (rep->final_sm3 != NULL) {
		char sm3[13];
		snprintf(sm3, sizeof sm3, "%s", rep->final_sm3);
		html_fmt(b, "<dt>定稿 PDF</dt><dd><a href=\"/reports/%s/final\">"
		    "下载定稿</a> <span class=\"muted\">%lld KB · SM3 <code "
		    "title=\"%s\">%s…</code></span>%s</dd>", id,
		    (long long)(rep->final_size + 1023) / 1024, rep->final_sm3,
		    sm3, draft ? "" : " <span class=\"muted\">(签署的即此文件)"
		    "</span>");
		html_who_fact(r, b, "上传", rep->final_by, rep->final_at);
	}
	html_fmt(b, "</dl>");
	if (draft && may) {
		html_fmt(b, "<form method=\"post\" action=\"/reports/%s/final\" "
		    "enctype=\"multipart/form-data\">", id);
		page_csrf(r, b);
		html_fmt(b, "<label>%s定稿 PDF<input type=\"file\" name=\"file\" "
		    "required accept=\".pdf,application/pdf\"></label><p "
		    "class=\"hint\">由本页下载的 PDF 或其 Word 稿定稿后导出,须带有"
		    "发文字号和标题,不超过 %u MB;%s签署前可以更换,签署的是定稿。"
		    "</p><button type=\"submit\">上传定稿</button></form>",
		    rep->final_sm3 ? "更换" : "上传", REPORT_FINAL_MAX >> 20,
		    strcmp(rep->kind, "annual") == 0 ? "系统读取其文字并作公开前"
		    "检查;公开的报告须导出为带结构标签的 PDF(Tagged PDF);" : "");
	}
	html_fmt(b, "</section>");
}

/* The refusal of an upload with every thing found, or the fault's
 * page when it has no list. */
static void
refused(struct request *r, const struct fault *f)
{
	if (f->errors == NULL || json_array_size(f->errors) == 0) {
		page_fault(r, f);
		return;
	}
	struct buf b;
	size_t i;
	json_t *e;
	buf_init(&b, FINAL_PAGE_MAX);
	page_begin(r, &b, "定稿未通过检查", "/reports");
	html_fmt(&b, "<section class=\"card error\"><h1>%s</h1><table "
	    "class=\"cards\"><thead><tr><th scope=\"col\">位置</th><th "
	    "scope=\"col\">内容</th><th scope=\"col\">原因</th></tr></thead>"
	    "<tbody>", f->title);
	json_array_foreach(f->errors, i, e)
		html_fmt(&b, "<tr><td data-label=\"位置\">%s</td><td "
		    "data-label=\"内容\"><code>%s</code></td><td "
		    "data-label=\"原因\">%s</td></tr>", json_string_value(
		    json_object_get(e, "field")), json_string_value(
		    json_object_get(e, "value")), json_string_value(
		    json_object_get(e, "reason")));
	html_fmt(&b, "</tbody></table><p><a href=\"/reports/%s#final\">返回报告"
	    "</a></p></section>", html_q(r->arena, r->params[0]));
	page_close(r, &b, f->status);
}

void
page_report_stamp(struct request *r)
{
	struct dom d;
	const char *dated = req_form(r, "dated");
	if (dated != NULL && *dated == '\0')
		dated = NULL;
	req_dom(r, &d);
	if (report_stamp(&d, r->params[0], dated))
		page_fault(r, &d.fault);
	else
		resp_redirect(r, arena_printf(r->arena, "/reports/%s?ok=stamped",
		    html_q(r->arena, r->params[0])));
}

void
page_report_final_upload(struct request *r)
{
	struct dom d;
	struct evidence_upload u = req_upload(r);
	req_dom(r, &d);
	if (report_final_upload(&d, r->params[0], u.data, u.len))
		refused(r, &d.fault);
	else
		resp_redirect(r, arena_printf(r->arena, "/reports/%s?ok=final",
		    html_q(r->arena, r->params[0])));
	fault_clear(&d.fault);
}

void
page_report_final(struct request *r)
{
	struct dom d;
	struct report_doc rep;
	struct buf b;
	req_dom(r, &d);
	if (report_load(&d, r->params[0], 0, &rep)) {
		page_load_error(r, &d.fault, "报告");
		return;
	}
	buf_init(&b, REPORT_FINAL_MAX);
	if (report_final_read(&d, &rep, &b))
		page_fault(r, &d.fault);
	else
		resp_bytes(r, 200, "application/pdf", b.data ? b.data : "", b.len,
		    arena_printf(r->arena, "%s.pdf", rep.id), 0);
	buf_free(&b);
}
