/*
 * 问责案件: one case's page — its facts, the deadlines with the days
 * left, the steps the viewer may take as forms with the fields each
 * needs, the steps refused to the viewer greyed with the procedure's
 * reason, the appeal and its result, and the history — and the writes
 * made from it, each through the function the JSON API calls. A refused
 * write shows the page again with the reason and the refusal's status.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "oversight/procedure.h"
#include "web/web.h"
#include "web/page-cases.h"

static const char *
str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}


static void
fact(struct buf *b, const char *label, const char *value)
{
	html_printf(b, "<dt>%s</dt><dd>%s</dd>", label, value && *value ? value :
	    "—");
}

/* Text kept as typed: line breaks shown. */
static void
fact_text(struct buf *b, const char *label, const char *value)
{
	html_printf(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>", label,
	    value && *value ? value : "—");
}

static void
facts(struct request *r, struct buf *b, json_t *c)
{
	html_printf(b, "<section class=\"card\"><dl class=\"facts\">");
	fact(b, "编号", str_of(c, "id"));
	fact(b, "问责对象", str_of(c, "target_label"));
	if (str_of(c, "person") != NULL)
		html_printf(b, "<dt>被问责人</dt><dd>%s <span class=\"muted\">%s"
		    "</span></dd>", str_of(c, "person_name"), str_of(c, "person"));
	html_printf(b, "<dt>机构</dt><dd><a href=\"/organs/%U\">%s</a></dd>",
	    str_of(c, "organ"), str_of(c, "organ_name"));
	fact(b, "地区", str_of(c, "region_name"));
	json_int_t item = json_integer_value(json_object_get(c, "item"));
	html_printf(b, "<dt>情形</dt><dd>%s %s</dd>", str_of(c, "item_label"),
	    proc_item_title((int)item));
	html_printf(b, "<dt>来源</dt><dd>%s", str_of(c, "source_label"));
	if (str_of(c, "source_ref") != NULL)
		html_printf(b, " <code>%s</code>", str_of(c, "source_ref"));
	html_printf(b, "</dd>");
	json_t *year = json_object_get(c, "year");
	if (year != NULL)
		html_printf(b, "<dt>年度</dt><dd>%ld</dd>",
		    (long)json_integer_value(year));
	fact_text(b, "案情摘要", str_of(c, "summary"));
	html_printf(b, "<dt>阶段</dt><dd>");
	page_cases_state_tag(b, c);
	html_printf(b, "</dd>");
	fact_text(b, "调查结论", str_of(c, "investigation"));
	json_t *waiver = json_object_get(json_object_get(c, "waiver"), "file");
	if (json_is_true(json_object_get(c, "statement_waived"))) {
		html_printf(b, "<dt>陈述和申辩</dt><dd>被问责对象书面放弃陈述和申辩");
		if (waiver != NULL)
			html_printf(b, "(材料:<a href=\"/api/v1/cases/%U/waiver\">%s"
			    "</a>,%s 记录于 %s)", str_of(c, "id"),
			    str_of(waiver, "filename"), str_of(waiver, "uploaded_by"),
			    date_beijing(r->arena, str_of(waiver, "uploaded_at")));
		html_printf(b, "</dd>");
	} else
		fact_text(b, "陈述和申辩", str_of(c, "statement"));
	fact(b, "问责方式", str_of(c, "decision_form_label"));
	fact_text(b, "问责决定", str_of(c, "decision"));
	fact(b, "送达日期", str_of(c, "decided_on"));
	fact_text(b, "执行情况", str_of(c, "execution"));
	fact(b, "执行完毕日期", str_of(c, "executed_on"));
	html_printf(b, "<dt>立案</dt><dd>%s · %s</dd>", str_of(c, "created_by"),
	    date_beijing(r->arena, str_of(c, "created_at")));
	/* Who did each step: the decider is never the investigator. */
	fact(b, "调查终结(承办人)", str_of(c, "investigated_by"));
	fact(b, "作出问责决定", str_of(c, "decided_by"));
	html_printf(b, "</dl></section>");
}

static void
deadlines(struct buf *b, json_t *c)
{
	json_t *d;
	size_t i;
	json_t *all = json_object_get(c, "deadlines");
	if (json_array_size(all) == 0)
		return;
	html_printf(b, "<section class=\"card\"><h2>期限</h2><dl class=\"facts\">");
	json_array_foreach(all, i, d) {
		html_printf(b, "<dt>%s</dt><dd>%s ", str_of(d, "label"),
		    str_of(d, "due"));
		page_cases_days_left(b, json_integer_value(json_object_get(d,
		    "days_left")));
		html_printf(b, "<br><span class=\"hint\">%s</span></dd>",
		    str_of(d, "basis"));
	}
	html_printf(b, "</dl></section>");
}

static const char *
action_label(const char *action)
{
	static const struct {
		const char *action, *label;
	} actions[] = {
		{ "open", "立案" },
		{ "transition", "办理" },
		{ "waive", "书面放弃陈述申辩" },
		{ "appeal", "申诉" },
		{ "appeal_result", "申诉处理决定" },
	};
	for (size_t i = 0; action && i < sizeof actions / sizeof *actions; i++)
		if (strcmp(action, actions[i].action) == 0)
			return actions[i].label;
	return action;
}

static const char *
state_label(const char *name)
{
	enum proc_state s;
	return proc_state_parse(name, &s) == 0 ? proc_state_label(s) : name;
}

static void
history(struct request *r, struct buf *b, json_t *c)
{
	json_t *e;
	size_t i;
	html_printf(b, "<section class=\"card\"><h2>办理过程</h2>"
	    "<div class=\"table-wrap\"><table><thead><tr><th>时间</th><th>事项"
	    "</th><th>阶段</th><th>说明</th><th>办理人</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(c, "events"), i, e) {
		const char *from = str_of(e, "from"), *to = str_of(e, "to");
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>", date_beijing(r->arena,
		    str_of(e, "at")), action_label(str_of(e, "action")));
		if (from != NULL && strcmp(from, to) != 0)
			html_printf(b, "%s → ", state_label(from));
		html_printf(b, "%s</td><td class=\"pre\">%s</td><td>%s</td></tr>",
		    state_label(to), str_of(e, "note"), str_of(e, "actor"));
	}
	html_printf(b, "</tbody></table></div></section>");
}

/* The form value of name for the move to `to`: what was posted when that
 * move was refused, else what the case holds. */
static const char *
move_value(struct request *r, json_t *c, const char *to, const char *name)
{
	const char *was = req_writes(r) ? req_form(r, "to") : NULL;
	if (was != NULL && strcmp(was, to) == 0)
		return req_form(r, name);
	return str_of(c, name);
}

static void
textarea(struct buf *b, const char *label, const char *name, int required,
    const char *value)
{
	html_printf(b, "<label>%s<textarea name=\"%s\" maxlength=\"8000\"%R>%s"
	    "</textarea></label>", label, name, required ? " required" : "",
	    value);
}

/* One allowed move as a form with the fields it needs. */
static void
move_form(struct request *r, struct buf *b, json_t *c, json_t *m)
{
	const char *to = str_of(m, "to");
	json_t *n;
	size_t i;
	int reason = 0;
	html_printf(b, "<form class=\"step\" method=\"post\" "
	    "action=\"/accountability/%U/transition\"><h3>%s</h3>",
	    str_of(c, "id"), str_of(m, "label"));
	page_csrf(r, b);
	html_printf(b, "<input type=\"hidden\" name=\"to\" value=\"%s\">", to);
	json_array_foreach(json_object_get(m, "needs"), i, n) {
		const char *f = str_of(n, "field");
		if (strcmp(f, "investigation") == 0)
			textarea(b, "调查结论(查明的事实和责任)", f, 1,
			    move_value(r, c, to, f));
		else if (strcmp(f, "statement") == 0) {
			if (!json_is_true(json_object_get(c, "statement_waived")))
				textarea(b, "被问责对象的陈述和申辩(书面放弃的,由承办人"
				    "另行记录放弃)", f, 0, move_value(r, c, to, f));
		} else if (strcmp(f, "decision_form") == 0) {
			const char *chosen = move_value(r, c, to, f);
			enum proc_target t;
			if (proc_target_parse(str_of(c, "target"), &t))
				t = PROC_CADRE;
			html_printf(b, "<label>问责方式<select name=\"decision_form\" "
			    "required><option value=\"\">请选择</option>");
			for (size_t k = 0; k < proc_nforms; k++)
				if (proc_form_fits(&proc_forms[k], t))
					page_cases_option(b, proc_forms[k].id,
					    proc_forms[k].label, chosen);
			html_printf(b, "</select></label>");
		} else if (strcmp(f, "decision") == 0)
			textarea(b, "问责决定(事实、依据和问责方式)", f, 1,
			    move_value(r, c, to, f));
		else if (strcmp(f, "execution") == 0)
			textarea(b, "执行情况", f, 1, move_value(r, c, to, f));
		else if (strcmp(f, "note") == 0)
			reason = 1;
	}
	if (strcmp(to, "decided") == 0 || strcmp(to, "closed") == 0) {
		char today[11];
		const char *d = move_value(r, c, to, "date");
		date_format(date_today(), today);
		html_printf(b, "<label>%s<input type=\"date\" name=\"date\" "
		    "value=\"%s\"></label>", strcmp(to, "decided") == 0 ?
		    "问责决定送达日期" : "执行完毕日期", d && *d ? d : today);
	}
	const char *was = req_writes(r) ? req_form(r, "to") : NULL;
	html_printf(b, "<label>%s<textarea name=\"note\" maxlength=\"2000\"%R>%s"
	    "</textarea></label><div class=\"actions\"><button type=\"submit\""
	    "%R>%s</button></div></form>", reason ? "理由(必填)" : "说明(可不填)",
	    reason ? " required" : "", was && strcmp(was, to) == 0 ?
	    req_form(r, "note") : NULL, strcmp(to, "dismissed") == 0 ?
	    " class=\"danger\"" : "", str_of(m, "label"));
}

/* In the statement stage: the handler's form to record the target's
 * written waiver, or, for anyone else, why they may not. */
static void
waiver_form(struct request *r, struct buf *b, json_t *c)
{
	json_t *w = json_object_get(c, "waiver");
	if (strcmp(str_of(c, "state"), "statement") != 0 ||
	    json_is_true(json_object_get(c, "statement_waived")) ||
	    str_of(c, "statement") != NULL)
		return;
	if (!json_is_true(json_object_get(w, "can_record"))) {
		html_printf(b, "<div class=\"step refused\" aria-disabled=\"true\">"
		    "<button type=\"button\" disabled>记录放弃陈述申辩</button> "
		    "<span class=\"muted\">%s</span></div>", str_of(w, "reason"));
		return;
	}
	html_printf(b, "<form class=\"step\" method=\"post\" "
	    "action=\"/accountability/%U/waiver\" enctype=\"multipart/form-data\">"
	    "<h3>记录放弃陈述申辩</h3>", str_of(c, "id"));
	page_csrf(r, b);
	html_printf(b, "<label>被问责对象书面放弃陈述和申辩的材料(必须上传)"
	    "<input type=\"file\" name=\"file\" required "
	    "accept=\".pdf,.png,.jpg,.jpeg,.doc,.docx\"></label><label>说明(可不填)"
	    "<textarea name=\"note\" maxlength=\"2000\"></textarea></label>"
	    "<p class=\"hint\">放弃陈述和申辩由本案承办人记录;问责决定须由调查人员"
	    "以外的人员作出。</p><div class=\"actions\"><button type=\"submit\">"
	    "记录放弃</button></div></form>");
}

static void
moves(struct request *r, struct buf *b, json_t *c)
{
	json_t *m;
	size_t i;
	json_t *all = json_object_get(c, "moves");
	if (json_array_size(all) == 0)
		return;
	html_printf(b, "<section class=\"card\"><h2>办理</h2>");
	waiver_form(r, b, c);
	json_array_foreach(all, i, m) {
		if (json_is_true(json_object_get(m, "allowed"))) {
			move_form(r, b, c, m);
			continue;
		}
		html_printf(b, "<div class=\"step refused\" aria-disabled=\"true\">"
		    "<button type=\"button\" disabled>%s</button> <span "
		    "class=\"muted\">%s</span></div>", str_of(m, "label"),
		    str_of(m, "reason"));
	}
	html_printf(b, "</section>");
}

static void
appeal(struct request *r, struct buf *b, json_t *c)
{
	json_t *st = json_object_get(c, "appeal_status");
	const char *id = str_of(c, "id");
	const char *deadline = str_of(st, "deadline");
	if (deadline == NULL && str_of(c, "appeal_on") == NULL)
		return; /* no decision: nothing to appeal */
	html_printf(b, "<section class=\"card\"><h2>申诉</h2><p class=\"hint\">"
	    "被问责对象对问责决定不服的,可自收到问责决定之日起一个月内提出书面"
	    "申诉;申诉期间不停止问责决定的执行。");
	if (deadline != NULL)
		html_printf(b, "申诉期限截至 %s。", deadline);
	html_printf(b, "</p>");
	if (str_of(c, "appeal_on") != NULL) {
		html_printf(b, "<dl class=\"facts\">");
		fact(b, "申诉日期", str_of(c, "appeal_on"));
		fact_text(b, "申诉理由", str_of(c, "appeal"));
		fact(b, "处理结果", str_of(c, "appeal_result_label") ?
		    str_of(c, "appeal_result_label") : "待处理");
		html_printf(b, "</dl>");
	}
	const char *posted_appeal = req_writes(r) && req_form(r, "result") ==
	    NULL ? req_form(r, "appeal") : NULL;
	if (json_is_true(json_object_get(st, "can_file"))) {
		char today[11];
		date_format(date_today(), today);
		html_printf(b, "<form class=\"step\" method=\"post\" "
		    "action=\"/accountability/%U/appeal\"><h3>登记申诉</h3>", id);
		page_csrf(r, b);
		html_printf(b, "<label>申诉理由<textarea name=\"appeal\" required "
		    "maxlength=\"8000\">%s</textarea></label><label>申诉日期"
		    "<input type=\"date\" name=\"appeal_on\" value=\"%s\"></label>"
		    "<div class=\"actions\"><button type=\"submit\">登记申诉"
		    "</button></div></form>", posted_appeal, today);
	} else if (str_of(c, "appeal_on") == NULL)
		html_printf(b, "<div class=\"step refused\" aria-disabled=\"true\">"
		    "<button type=\"button\" disabled>登记申诉</button> <span "
		    "class=\"muted\">%s</span></div>", str_of(st, "file_reason"));
	if (json_is_true(json_object_get(st, "can_decide"))) {
		html_printf(b, "<form class=\"step\" method=\"post\" "
		    "action=\"/accountability/%U/appeal\"><h3>申诉处理决定</h3>",
		    id);
		page_csrf(r, b);
		html_printf(b, "<label>处理结果<select name=\"result\" required>"
		    "<option value=\"\">请选择</option>");
		for (size_t i = 0; i < proc_nresults; i++)
			page_cases_option(b, proc_results[i].id,
			    proc_results[i].label, req_writes(r) ?
			    req_form(r, "result") : NULL);
		html_printf(b, "</select></label><label>理由和内容(变更、撤销时必填)"
		    "<textarea name=\"note\" maxlength=\"2000\">%s</textarea>"
		    "</label><div class=\"actions\"><button type=\"submit\">记录处理"
		    "决定</button></div></form>", req_writes(r) &&
		    req_form(r, "result") ? req_form(r, "note") : NULL);
	} else if (str_of(c, "appeal_on") != NULL &&
	    str_of(c, "appeal_result") == NULL)
		html_printf(b, "<div class=\"step refused\" aria-disabled=\"true\">"
		    "<button type=\"button\" disabled>申诉处理决定</button> <span "
		    "class=\"muted\">%s</span></div>", str_of(st, "decide_reason"));
	html_printf(b, "</section>");
}

/* Draws the case page and answers with status (200, or a refusal's). */
static void
case_page(struct request *r, unsigned status)
{
	unsigned st;
	/* The refusal's problem, kept before loading overwrites nothing. */
	json_t *c = api_case_load(r, r->params[0], &st);
	if (c == NULL) {
		page_error(r, st == 404 ? 404 : st == 403 ? 403 : 500, st == 404 ?
		    "案件不存在,或不在您的权限范围内。" : st == 403 ?
		    "问责案件仅限纪检监察人员和依法治理办公室办理。" :
		    "暂时无法读取案件,请稍后再试。");
		return;
	}
	struct buf b;
	buf_init(&b, CASES_PAGE_MAX);
	const char *id = str_of(c, "id");
	page_begin(r, &b, arena_printf(r->arena, "问责案件 %s", id),
	    "/accountability");
	html_printf(&b, "<p class=\"muted\"><a href=\"/accountability\">问责</a>"
	    " › %s</p><h1>问责案件 %s ", id, id);
	page_cases_state_tag(&b, c);
	html_printf(&b, "</h1>");
	if (status != 200)
		page_cases_problem(r, &b);
	page_cases_notice(r, &b);
	facts(r, &b, c);
	deadlines(&b, c);
	moves(r, &b, c);
	appeal(r, &b, c);
	history(r, &b, c);
	json_decref(c);
	page_end(r, &b);
	r->status = status;
}

void
page_case(struct request *r)
{
	case_page(r, 200);
}

/* After a refused write: the page again with the reason, or an error. */
static void
refused(struct request *r)
{
	unsigned status = r->status;
	if (status == 400 || status == 403 || status == 409)
		case_page(r, status);
	else if (status == 404)
		page_error(r, 404, "案件不存在,或不在您的权限范围内。");
	else
		page_from_problem(r);
}

void
page_case_transition(struct request *r)
{
	json_t *o = json_object();
	page_cases_put(r, o, "to", "to");
	page_cases_put(r, o, "note", "note");
	page_cases_put(r, o, "date", "date");
	page_cases_put(r, o, "investigation", "investigation");
	page_cases_put(r, o, "statement", "statement");
	page_cases_put(r, o, "decision_form", "decision_form");
	page_cases_put(r, o, "decision", "decision");
	page_cases_put(r, o, "execution", "execution");
	int rc = api_case_move(r, r->params[0], o);
	json_decref(o);
	if (rc == 0)
		resp_redirect(r, arena_printf(r->arena, "/accountability/%s?ok="
		    "moved", r->params[0]));
	else
		refused(r);
}

void
page_case_appeal(struct request *r)
{
	json_t *o = json_object();
	int result = req_form(r, "result") != NULL;
	if (result) {
		/* An empty choice is sent as such: the API names the field. */
		const char *v = page_cases_posted(r, "result");
		json_t *x = json_string(v ? v : "");
		json_object_set_new(o, "result", x ? x : json_string(""));
		page_cases_put(r, o, "note", "note");
	} else {
		page_cases_put(r, o, "appeal", "appeal");
		page_cases_put(r, o, "appeal_on", "appeal_on");
	}
	int rc = api_case_appeal_write(r, r->params[0], o);
	json_decref(o);
	if (rc == 0)
		resp_redirect(r, arena_printf(r->arena, "/accountability/%s?ok=%s",
		    r->params[0], result ? "decided" : "appealed"));
	else
		refused(r);
}

void
page_case_waiver(struct request *r)
{
	if (api_case_waive(r, r->params[0], page_cases_posted(r, "note")) == 0)
		resp_redirect(r, arena_printf(r->arena, "/accountability/%s?ok="
		    "waived", r->params[0]));
	else
		refused(r);
}
