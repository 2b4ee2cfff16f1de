/*
 * 问责案件: one case's page — its facts, the deadlines with the days
 * left, the steps the viewer may take as forms with the fields each
 * needs, the steps refused to the viewer greyed with the procedure's
 * reason, the appeal and its result, and the history — and the writes
 * made from it, each through the domain operation the JSON API calls
 * (domain/case.h), drawn from the struct case_view it loads. A refused
 * write shows the page again with the reason and the refusal's status.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/case.h"
#include "web/web.h"
#include "web/page-cases.h"
#include "web/page-supervision.h"


static void
fact(struct buf *b, const char *label, const char *value)
{
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", label, value && *value ? value :
	    "—");
}

/* Text kept as typed: line breaks shown. */
static void
fact_text(struct buf *b, const char *label, const char *value)
{
	html_fmt(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>", label,
	    value && *value ? value : "—");
}

/* A date, or NULL for none (request-owned). */
static const char *
day(struct request *r, date_t d)
{
	char s[32];
	if (d == DATE_NONE)
		return NULL;
	date_format_cn(d, s);
	return arena_strdup(r->arena, s);
}

static void
facts(struct request *r, struct dom *d, struct buf *b,
    const struct case_view *v)
{
	const struct store_case *c = &v->c;
	const struct proc_form *form = proc_form_find(c->decision_form);
	html_fmt(b, "<section class=\"card\"><dl class=\"facts\">");
	fact(b, "案件编号", page_case_number(r, c));
	fact(b, "问责对象", proc_target_label(v->p.target));
	if (c->person != NULL) {
		const char *post = page_picker_label(r, "person", c->person);
		html_fmt(b, "<dt>被问责人</dt><dd>%s</dd>", post ? post :
		    c->person_name);
	}
	html_fmt(b, "<dt>机构</dt><dd><a href=\"/organs/%s\">%s</a></dd>",
	    html_q(r->arena, c->organ), c->organ_name);
	fact(b, "地区", c->region_name);
	html_fmt(b, "<dt>情形</dt><dd>%s %s</dd>", proc_item_label(c->item),
	    proc_item_title(c->item));
	html_fmt(b, "<dt>来源</dt><dd>%s", proc_source_label(c->source));
	if (c->source_ref != NULL)
		html_fmt(b, " · %s", page_cases_source_text(r, d, c->source_ref));
	html_fmt(b, "</dd>");
	if (c->year > 0)
		html_fmt(b, "<dt>年度</dt><dd>%ld</dd>", (long)c->year);
	fact_text(b, "案情摘要", c->summary);
	html_fmt(b, "<dt>阶段</dt><dd>");
	page_cases_state_tag(b, v);
	html_fmt(b, "</dd>");
	fact_text(b, "调查结论", c->investigation);
	if (c->waived) {
		html_fmt(b, "<dt>陈述和申辩</dt><dd>被问责对象书面放弃陈述和申辩");
		if (v->has_waiver) {
			html_fmt(b, "(材料:<a href=\"/api/v1/cases/%s/waiver\">%s"
			    "</a>,", html_q(r->arena, c->id),
			    v->waiver.filename);
			html_who(r, b, v->waiver.uploaded_by);
			html_fmt(b, " 记录于 %s)", date_beijing(r->arena,
			    v->waiver.uploaded_at));
		}
		html_fmt(b, "</dd>");
	} else
		fact_text(b, "陈述和申辩", c->statement);
	fact(b, "问责方式", form ? form->label : NULL);
	fact_text(b, "问责决定", c->decision);
	fact(b, "送达日期", day(r, c->decided_on));
	fact_text(b, "执行情况", c->execution);
	fact(b, "执行完毕日期", day(r, c->executed_on));
	html_who_fact(r, b, "立案", c->created_by, c->created_at);
	/* Who did each step: the decider is never the investigator. */
	html_who_fact(r, b, "调查终结(承办人)", c->investigated_by, NULL);
	html_who_fact(r, b, "作出问责决定", c->decided_by, NULL);
	html_fmt(b, "</dl></section>");
}

static void
deadlines(struct request *r, struct buf *b, const struct case_view *v)
{
	if (v->ndeadlines == 0)
		return;
	html_fmt(b, "<section class=\"card\"><h2>期限</h2><dl class=\"facts\">");
	for (size_t i = 0; i < v->ndeadlines; i++) {
		const struct case_deadline *d = &v->deadlines[i];
		html_fmt(b, "<dt>%s</dt><dd>%s ", d->def->label, day(r, d->due));
		page_cases_days_left(b, d->days_left);
		html_fmt(b, "<br><span class=\"hint\">%s</span></dd>",
		    d->def->basis);
	}
	html_fmt(b, "</dl></section>");
}

static const char *
action_label(const char *action)
{
	static const char *const actions[][2] = {
		{ "open", "立案" },
		{ "transition", "办理" },
		{ "waive", "书面放弃陈述申辩" },
		{ "appeal", "申诉" },
		{ "appeal_result", "申诉处理决定" },
		{ NULL, NULL },
	};
	return page_label(actions, action, action);
}

static const char *
state_label(const char *name)
{
	enum proc_state s;
	return proc_state_parse(name, &s) == 0 ? proc_state_label(s) : name;
}

static void
history(struct request *r, struct dom *d, struct buf *b,
    const struct case_view *v)
{
	html_fmt(b, "<section class=\"card\"><h2>办理过程</h2>"
	    "<div class=\"table-wrap\"><table><thead><tr><th>时间</th><th>事项"
	    "</th><th>阶段</th><th>说明</th><th>办理人</th></tr></thead><tbody>");
	for (size_t i = 0; i < v->nevents; i++) {
		const struct store_case_event *e = &v->events[i];
		int moved = e->from != NULL && strcmp(e->from, e->to) != 0;
		page_history_cells(r, b, e->at, action_label(e->action), moved ?
		    state_label(e->from) : NULL, state_label(e->to));
		/* Opening notes where the case came from: said in words. */
		const char *note = strcmp(e->action, "open") == 0 &&
		    e->note != NULL ? page_cases_source_text(r, d, e->note) :
		    e->note;
		html_fmt(b, "<td class=\"pre\">%s</td><td>", note);
		html_who(r, b, e->actor);
		buf_puts(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table></div></section>");
}

/* The case's text for a field a move writes. */
static const char *
case_text(const struct store_case *c, const char *name)
{
	static const struct {
		const char *name;
		size_t offset;
	} texts[] = {
		{ "investigation", offsetof(struct store_case, investigation) },
		{ "statement", offsetof(struct store_case, statement) },
		{ "decision_form", offsetof(struct store_case, decision_form) },
		{ "decision", offsetof(struct store_case, decision) },
		{ "execution", offsetof(struct store_case, execution) },
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (strcmp(name, texts[i].name) == 0)
			return *(const char *const *)(const void *)((const char *)c +
			    texts[i].offset);
	return NULL;
}

/* The form value of name for the move to `to`: what was posted when that
 * move was refused, else what the case holds. */
static const char *
move_value(struct request *r, const struct case_view *v, const char *to,
    const char *name)
{
	const char *was = req_writes(r) ? req_form(r, "to") : NULL;
	if (was != NULL && strcmp(was, to) == 0)
		return req_form(r, name);
	return case_text(&v->c, name);
}

static void
textarea(struct buf *b, const char *label, const char *name, int required,
    const char *value)
{
	html_fmt(b, "<label>%s<textarea name=\"%s\" maxlength=\"8000\"%s>%s"
	    "</textarea></label>", label, name, required ? " required" : "",
	    value);
}

/* One allowed move as a form with the fields it needs. */
static void
move_form(struct request *r, struct buf *b, const struct case_view *v,
    const struct case_step *m)
{
	const char *to = proc_state_name(m->to);
	int reason = 0;
	/* A step of the procedure is entered in the file for good: the
	 * browser asks first (app.js). */
	html_fmt(b, "<form class=\"step\" method=\"post\" "
	    "action=\"/accountability/%s/transition\" data-confirm=\"“%s”记入"
	    "案卷,不能撤回。确定?\"><h3>%s</h3>", html_q(r->arena, v->c.id),
	    m->label, m->label);
	page_csrf(r, b);
	html_fmt(b, "<input type=\"hidden\" name=\"to\" value=\"%s\">", to);
	for (size_t i = 0; m->move != NULL && i < proc_nneeds; i++) {
		if (!(m->move->needs & proc_needs[i].bit))
			continue;
		const char *f = proc_needs[i].field;
		if (strcmp(f, "investigation") == 0)
			textarea(b, "调查结论(查明的事实和责任)", f, 1,
			    move_value(r, v, to, f));
		else if (strcmp(f, "statement") == 0) {
			if (!v->c.waived)
				textarea(b, "被问责对象的陈述和申辩(书面放弃的,由承办人"
				    "另行记录放弃)", f, 0, move_value(r, v, to, f));
		} else if (strcmp(f, "decision_form") == 0) {
			const char *chosen = move_value(r, v, to, f);
			html_fmt(b, "<label>问责方式<select name=\"decision_form\" "
			    "required><option value=\"\">请选择</option>");
			for (size_t k = 0; k < proc_nforms; k++)
				if (proc_form_fits(&proc_forms[k], v->p.target))
					page_option(b, proc_forms[k].id,
					    proc_forms[k].label, chosen);
			html_fmt(b, "</select></label>");
		} else if (strcmp(f, "decision") == 0)
			textarea(b, "问责决定(事实、依据和问责方式)", f, 1,
			    move_value(r, v, to, f));
		else if (strcmp(f, "execution") == 0)
			textarea(b, "执行情况", f, 1, move_value(r, v, to, f));
		else if (strcmp(f, "note") == 0)
			reason = 1;
	}
	if (m->to == PROC_DECIDED || m->to == PROC_CLOSED) {
		char today[11];
		const char *d = move_value(r, v, to, "date");
		date_format(date_today(), today);
		html_fmt(b, "<label>%s<input type=\"date\" name=\"date\" "
		    "value=\"%s\"></label>", m->to == PROC_DECIDED ?
		    "问责决定送达日期" : "执行完毕日期", d && *d ? d : today);
	}
	const char *was = req_writes(r) ? req_form(r, "to") : NULL;
	html_fmt(b, "<label>%s<textarea name=\"note\" maxlength=\"2000\"%s>%s"
	    "</textarea></label><div class=\"actions\"><button type=\"submit\"",
	    reason ? "理由(必填)" : "说明(可不填)", reason ? " required" : "",
	    was && strcmp(was, to) == 0 ? req_form(r, "note") : NULL);
	if (m->to == PROC_DISMISSED)
		buf_puts(b, " class=\"danger\"");
	html_fmt(b, ">%s</button></div></form>", m->label);
}

/* A step the viewer may not take: greyed, with the reason. */
static void
refused_step(struct buf *b, const char *label, const char *reason)
{
	html_fmt(b, "<div class=\"step refused\" aria-disabled=\"true\">"
	    "<button type=\"button\" disabled>%s</button> <span "
	    "class=\"muted\">%s</span></div>", label, reason);
}

/* In the statement stage: the handler's form to record the target's
 * written waiver, or, for anyone else, why they may not. */
static void
waiver_form(struct request *r, struct buf *b, const struct case_view *v)
{
	if (v->p.state != PROC_STATEMENT || v->c.waived ||
	    v->c.statement != NULL)
		return;
	if (!v->can_waive) {
		refused_step(b, "记录放弃陈述申辩", v->waive_reason);
		return;
	}
	html_fmt(b, "<form class=\"step\" method=\"post\" "
	    "action=\"/accountability/%s/waiver\" enctype=\"multipart/form-data\">"
	    "<h3>记录放弃陈述申辩</h3>", html_q(r->arena, v->c.id));
	page_csrf(r, b);
	html_fmt(b, "<label>被问责对象书面放弃陈述和申辩的材料(必须上传)"
	    "<input type=\"file\" name=\"file\" required "
	    "accept=\".pdf,.png,.jpg,.jpeg,.doc,.docx\"></label><label>说明(可不填)"
	    "<textarea name=\"note\" maxlength=\"2000\"></textarea></label>"
	    "<p class=\"hint\">放弃陈述和申辩由本案承办人记录;问责决定须由调查人员"
	    "以外的人员作出。</p><div class=\"actions\"><button type=\"submit\">"
	    "记录放弃</button></div></form>");
}

static void
moves(struct request *r, struct buf *b, const struct case_view *v)
{
	if (v->nsteps == 0)
		return;
	html_fmt(b, "<section class=\"card\"><h2>办理</h2>");
	waiver_form(r, b, v);
	for (size_t i = 0; i < v->nsteps; i++) {
		if (v->steps[i].allowed)
			move_form(r, b, v, &v->steps[i]);
		else
			refused_step(b, v->steps[i].label, v->steps[i].why.reason);
	}
	html_fmt(b, "</section>");
}

static void
appeal(struct request *r, struct buf *b, const struct case_view *v)
{
	const struct store_case *c = &v->c;
	const char *id = c->id, *deadline = day(r, v->appeal_deadline);
	const struct proc_result *res = proc_result_find(c->appeal_result);
	if (deadline == NULL && c->appeal_on == DATE_NONE)
		return; /* no decision: nothing to appeal */
	html_fmt(b, "<section class=\"card\"><h2>申诉</h2><p class=\"hint\">"
	    "被问责对象对问责决定不服的,可自收到问责决定之日起一个月内提出书面"
	    "申诉;申诉期间不停止问责决定的执行。");
	if (deadline != NULL)
		html_fmt(b, "申诉期限截至 %s。", deadline);
	html_fmt(b, "</p>");
	if (c->appeal_on != DATE_NONE) {
		html_fmt(b, "<dl class=\"facts\">");
		fact(b, "申诉日期", day(r, c->appeal_on));
		fact_text(b, "申诉理由", c->appeal);
		fact(b, "处理结果", res ? res->label : "待处理");
		html_fmt(b, "</dl>");
	}
	const char *posted_appeal = req_writes(r) && req_form(r, "result") ==
	    NULL ? req_form(r, "appeal") : NULL;
	if (v->can_appeal) {
		char today[11];
		date_format(date_today(), today);
		html_fmt(b, "<form class=\"step\" method=\"post\" "
		    "action=\"/accountability/%s/appeal\"><h3>登记申诉</h3>",
		    html_q(r->arena, id));
		page_csrf(r, b);
		html_fmt(b, "<label>申诉理由<textarea name=\"appeal\" required "
		    "maxlength=\"8000\">%s</textarea></label><label>申诉日期"
		    "<input type=\"date\" name=\"appeal_on\" value=\"%s\"></label>"
		    "<div class=\"actions\"><button type=\"submit\">登记申诉"
		    "</button></div></form>", posted_appeal, today);
	} else if (c->appeal_on == DATE_NONE)
		refused_step(b, "登记申诉", v->appeal_reason);
	if (v->can_decide) {
		html_fmt(b, "<form class=\"step\" method=\"post\" "
		    "action=\"/accountability/%s/appeal\"><h3>申诉处理决定</h3>",
		    html_q(r->arena, id));
		page_csrf(r, b);
		html_fmt(b, "<label>处理结果<select name=\"result\" required>"
		    "<option value=\"\">请选择</option>");
		for (size_t i = 0; i < proc_nresults; i++)
			page_option(b, proc_results[i].id,
			    proc_results[i].label, req_writes(r) ?
			    req_form(r, "result") : NULL);
		html_fmt(b, "</select></label><label>理由和内容(变更、撤销时必填)"
		    "<textarea name=\"note\" maxlength=\"2000\">%s</textarea>"
		    "</label><div class=\"actions\"><button type=\"submit\">记录处理"
		    "决定</button></div></form>", req_writes(r) &&
		    req_form(r, "result") ? req_form(r, "note") : NULL);
	} else if (c->appeal_on != DATE_NONE && c->appeal_result == NULL)
		refused_step(b, "申诉处理决定", v->decide_reason);
	html_fmt(b, "</section>");
}

/* Draws the case page and answers with status (200, or the refusal
 * why's, shown above the page). */
static void
case_page(struct request *r, unsigned status, const struct fault *why)
{
	struct dom dom, *d = &dom;
	req_dom(r, d);
	struct case_view v;
	if (case_load(d, r->params[0], &v)) {
		if (d->fault.status == 403)
			page_error(r, 403, "问责案件仅限纪检监察人员和依法治理"
			    "办公室办理。");
		else
			page_load_error(r, &d->fault, "案件");
		return;
	}
	struct buf b;
	buf_init(&b, CASES_PAGE_MAX);
	const char *number = page_case_number(r, &v.c);
	page_begin(r, &b, arena_printf(r->arena, "问责案件 %s", number),
	    "/accountability");
	html_fmt(&b, "<p class=\"muted\"><a href=\"/accountability\">问责</a>"
	    " › %s</p><h1>问责案件 %s ", number, number);
	page_cases_state_tag(&b, &v);
	html_fmt(&b, "</h1>");
	if (status != 200)
		page_cases_problem(r, &b, why);
	page_cases_notice(r, &b);
	facts(r, d, &b, &v);
	page_documents(r, d, &b, "cases", r->params[0]);
	deadlines(r, &b, &v);
	moves(r, &b, &v);
	appeal(r, &b, &v);
	history(r, d, &b, &v);
	page_end(r, &b);
	r->status = status;
}

void
page_case(struct request *r)
{
	case_page(r, 200, NULL);
}

/* After a write: on to the page with ?ok=ok, or the page again with the
 * reason, or an error. */
static void
done(struct request *r, struct dom *d, int rc, const char *ok)
{
	struct fault why = d->fault;
	unsigned status = why.status;
	if (rc == 0)
		resp_redirect(r, arena_printf(r->arena, "/accountability/%s?ok=%s",
		    r->params[0], ok));
	else if (status == 400 || status == 403 || status == 409)
		case_page(r, status, &why);
	else if (status == 404)
		page_error(r, 404, "案件不存在,或不在您的权限范围内。");
	else
		page_fault(r, &why);
}

/* A step of case r->params[0] by op's form (read by get), then done
 * with ok. */
static void
step(struct request *r, enum case_op op, const char *(*get)(void *,
    const char *), int (*fn)(struct dom *, const char *,
    const struct case_in *), const char *ok)
{
	struct dom d;
	struct case_in in;
	req_dom(r, &d);
	int rc = case_role(&d) || case_input_form(&d, op, get, r, &in) ||
	    fn(&d, r->params[0], &in);
	done(r, &d, rc, ok);
}

void
page_case_transition(struct request *r)
{
	step(r, CASE_MOVE, page_cases_get, case_move, "moved");
}

/* The appeal's form, or its result's: each sends only its own fields
 * (a result posted, even empty, says which form it is). */
static const char *
appeal_get(void *ctx, const char *name)
{
	struct request *r = ctx;
	int result = req_form(r, "result") != NULL;
	int own = strcmp(name, "result") == 0 || strcmp(name, "note") == 0;
	return own == result ? page_cases_get(r, name) : NULL;
}

void
page_case_appeal(struct request *r)
{
	step(r, CASE_APPEAL, appeal_get, case_appeal, req_form(r, "result") !=
	    NULL ? "decided" : "appealed");
}

void
page_case_waiver(struct request *r)
{
	struct dom d;
	req_dom(r, &d);
	const char *id = r->params[0], *note = page_cases_posted(r, "note");
	struct case_upload up;
	int rc = case_role(&d);
	if (rc == 0 && (!r->file.present || r->file.data.len == 0))
		rc = dom_refuse(&d, 400, "须上传被问责对象书面放弃陈述和申辩的材料 "
		    "(file required)", NULL, "file");
	if (rc == 0)
		rc = case_waive_check(&d, id, note);
	if (rc == 0 && page_cases_upload(r, &d, &up))
		return; /* answered */
	if (rc == 0)
		rc = case_waive(&d, id, note, &up);
	done(r, &d, rc, "waived");
}
