/*
 * One inspection plan (督查): what it covers, the problems it found, and
 * the form the inspectors record a problem with — an organ of the
 * inspected region, optionally the leader, the catalog's duty and the
 * ledger record concerned. Beside each problem the office finds the forms
 * that follow from it under 第八条: 下达整改 and 约谈.
 */
#include <stdlib.h>
#include <string.h>

#include "auth/authority.h"
#include "web/page-supervision.h"

static const char *const inspection_notices[][2] = {
	{ "created", "督查计划已建立。" },
	{ "finding", "问题已记录。" },
	{ "determined", "问题已认定,认定记录已记入履职台账。" },
	{ "closed", "督查已结束,不再记录新的问题;认定和整改继续办理。" },
	{ "referred", "问题已移交依法治理办公室整改。" },
	{ NULL, NULL },
};

static void
finding_form(struct request *r, struct buf *b, const char *id,
    const char *region)
{
	html_fmt(b, "<section class=\"card\"><h2>记录问题</h2><form "
	    "method=\"post\" action=\"/supervision/inspections/%s/findings\">",
	    html_q(r->arena, id));
	page_csrf(r, b);
	/* The organs of the inspected region and below, picked by name. */
	html_picker(b, r->arena, "organ", "organ", "被督查机构", region, NULL,
	    NULL, NULL, 1);
	html_picker(b, r->arena, "person", "person", "相关负责人(可不填)", region,
	    NULL, NULL, NULL, 0);
	html_fmt(b, "<label>涉及职责<select name=\"duty\"><option value=\"\">"
	    "(不指定)</option>");
	for (size_t i = 0; i < r->catalog->nrules; i++) {
		const struct catalog_rule *u = &r->catalog->rules[i];
		html_fmt(b, "<option value=\"%s\">%s %s</option>", u->id,
		    u->citation, u->title);
	}
	html_fmt(b, "</select></label><label>台账编号(如 南明区台账 2025-0012)"
	    "<input name=\"record\" "
	    "maxlength=\"128\" placeholder=\"可不填;须为该机构的记录\"></label>"
	    "<label>严重程度<select name=\"severity\" required>"
	    "<option value=\"minor\">一般</option>"
	    "<option value=\"serious\">严重</option>"
	    "<option value=\"veto\">一票否决</option></select></label>"
	    "<label>问题描述<textarea name=\"description\" required "
	    "maxlength=\"4000\"></textarea></label><button type=\"submit\">"
	    "记录</button></form></section>");
}

/* Ends the inspection: asked first, as every irreversible step. */
static void
close_form(struct request *r, struct buf *b, const char *id)
{
	html_fmt(b, "<section class=\"card\"><h2>结束督查</h2><form "
	    "method=\"post\" action=\"/supervision/inspections/%s/close\" "
	    "data-confirm=\"结束后本次督查不再记录新的问题。确定结束督查?\">",
	    html_q(r->arena, id));
	page_csrf(r, b);
	html_fmt(b, "<p class=\"hint\">督查工作完成后结束督查:不再记录新的"
	    "问题;已记录问题的认定和整改照常办理。</p><button type=\"submit\">"
	    "结束督查</button></form></section>");
}

/* The office's forms that follow from a finding: an order (with what
 * an inspector proposed when it was handed over), an interview. */
static void
follow_forms(struct request *r, struct buf *b, const struct store_finding *f)
{
	const char *finding = f->id;
	html_fmt(b, "<details%s><summary>下达整改</summary><form method=\"post\" "
	    "action=\"/supervision/rectifications\">", f->referred_at &&
	    f->rectifications == 0 ? " open" : "");
	page_csrf(r, b);
	html_fmt(b, "<input type=\"hidden\" name=\"source\" value=\"finding\">"
	    "<input type=\"hidden\" name=\"finding\" value=\"%s\"><label>整改要求"
	    "<textarea name=\"requirement\" required maxlength=\"4000\">%s"
	    "</textarea></label><label>整改期限<input type=\"date\" "
	    "name=\"deadline\" required value=\"%s\"></label><button "
	    "type=\"submit\">下达</button></form></details>", finding,
	    f->referral_requirement ? f->referral_requirement : "",
	    f->referral_deadline ? f->referral_deadline : "");
	if (f->person == NULL)
		return;
	html_fmt(b, "<details><summary>约谈</summary><form method=\"post\" "
	    "action=\"/supervision/interviews\">");
	page_csrf(r, b);
	html_fmt(b, "<input type=\"hidden\" name=\"source\" value=\"finding\">"
	    "<input type=\"hidden\" name=\"finding\" value=\"%s\"><label>约谈事由"
	    "<textarea name=\"reason\" required maxlength=\"4000\"></textarea>"
	    "</label><label>约谈日期<input type=\"date\" name=\"scheduled_on\" "
	    "required></label><button type=\"submit\">安排</button></form>"
	    "</details>", finding);
}

/* 移交整改: the inspector hands the finding to the office that orders
 * its 整改 (authority_finding_refer decides again). */
static void
refer_form(struct request *r, struct buf *b, const char *id)
{
	html_fmt(b, "<details><summary>移交整改</summary><form method=\"post\" "
	    "action=\"/supervision/findings/%s/referral\" data-confirm=\"移交后"
	    "由依法治理办公室下达整改,不能撤回。确定移交?\">", html_q(r->arena,
	    id));
	page_csrf(r, b);
	html_fmt(b, "<p class=\"hint\">移交有权下达整改的依法治理办公室(该负责人"
	    "上级党委所在地区的依法治理办公室;政府部门为本级),由其下达整改。"
	    "</p><label>建议整改要求<textarea name=\"requirement\" required "
	    "maxlength=\"4000\"></textarea></label><label>建议整改期限<input "
	    "type=\"date\" name=\"deadline\" required></label><button "
	    "type=\"submit\">移交</button></form></details>");
}

/* Where the finding's 整改 stands, for everyone who sees it: 已移交 (to
 * whom, when, what was proposed), 整改中, 已整改, 逾期. */
static void
rect_state(struct request *r, struct buf *b, const struct store_finding *f)
{
	const char *st = sup_rect_state_of(f);
	if (st != NULL)
		html_fmt(b, "<p><span class=\"tag %s\">%s</span>",
		    strcmp(f->rect_state, "overdue") == 0 ? "s-rejected" :
		    strcmp(f->rect_state, "rectified") == 0 ? "s-verified" :
		    "s-submitted", st);
	if (f->rectifications > 0)
		html_fmt(b, " <a href=\"/supervision?finding=%s#rectifications\">"
		    "已下达整改 %ld 项</a>", html_q(r->arena, f->id),
		    f->rectifications);
	if (st != NULL)
		buf_puts(b, "</p>");
	if (f->referred_at != NULL) {
		buf_puts(b, "<p class=\"muted\">");
		html_who(r, b, f->referred_by);
		html_fmt(b, "于%s移交%s依法治理办公室,建议%s前整改:%s</p>",
		    date_beijing(r->arena, f->referred_at),
		    f->referred_to_name, page_sup_day(r->arena,
		    f->referral_deadline), f->referral_requirement);
	}
}

/*
 * An inspector's finding is an observation (观察到的问题) until a
 * competent discipline or office account determines it: the form that
 * makes it a finding record of the catalog, on the basis of this
 * inspection. Drawn for those accounts only; authority.c decides again.
 */
static void
determine_form(struct request *r, struct buf *b, const char *id)
{
	const struct catalog *c = r->catalog;
	html_fmt(b, "<details><summary>认定为问责认定</summary><form "
	    "method=\"post\" action=\"/supervision/findings/%s/determine\" "
	    "data-confirm=\"认定后此问题作为对负责人的认定计入考评。确定认定?\">",
	    html_q(r->arena, id));
	page_csrf(r, b);
	html_fmt(b, "<label>认定类型<select name=\"kind\" required>");
	for (size_t i = 0; i < c->nkinds; i++)
		if (c->kinds[i].finding)
			html_fmt(b, "<option value=\"%s\">%s</option>",
			    c->kinds[i].id, c->kinds[i].label);
	html_fmt(b, "</select></label><label>行为发生日期(不填则为发现之日)"
	    "<input type=\"date\" name=\"date\"></label>");
	/* The finding kinds' own fields (第九条第几项 ...), each labelled. */
	for (size_t i = 0; i < c->nkinds; i++)
		for (size_t j = 0; c->kinds[i].finding && j < c->kinds[i].nfields;
		    j++) {
			const struct catalog_field *fd = &c->kinds[i].fields[j];
			if (fd->type != FIELD_INT && fd->type != FIELD_TEXT)
				continue;
			html_fmt(b, "<label>%s(%s)<input name=\"f.%s\"",
			    fd->label, c->kinds[i].label, fd->name);
			if (fd->type == FIELD_INT)
				buf_puts(b, " inputmode=\"numeric\"");
			buf_puts(b, "></label>");
		}
	html_fmt(b, "<p class=\"hint\">认定后记入履职台账,依据为本次督查,"
	    "认定人和认定日期按当前账号和当日记录。</p><button type=\"submit\">"
	    "认定</button></form></details>");
}

static void
findings(struct request *r, struct dom *d, struct buf *b,
    const struct store_finding *fs, size_t n, const struct web_list *l,
    int referrer)
{
	struct buf rows;
	buf_init(&rows, SUP_PAGE_MAX);
	for (size_t i = 0; i < n; i++) {
		const struct store_finding *f = &fs[i];
		struct store_organ_info o;
		const char *duty = sup_duty_title(d, f->duty);
		html_fmt(&rows, "<tr id=\"f-%s\"><td>%s</td><td>%s</td><td "
		    "class=\"hide-narrow\">%s</td><td><span class=\"tag %s\">%s"
		    "</span> %s", f->id, f->organ_name,
		    f->person_name ? f->person_name : "—", duty ? duty : "—",
		    strcmp(f->severity, "minor") == 0 ? "g-basic_pass" : "g-fail",
		    sup_severity_label(f->severity), f->description);
		if (f->record != NULL)
			html_fmt(&rows, "<br><span class=\"muted\">台账记录:</span><a "
			    "href=\"/ledger/%s\">查看记录</a>", html_q(r->arena,
			    f->record));
		html_fmt(&rows, "<br><span class=\"muted\">%s</span></td>"
		    "<td>", date_beijing(r->arena, f->created_at));
		rect_state(r, &rows, f);
		int known = store_organ_info(r->store, f->organ, &o) == 1;
		int office = known && access_can_review_organ(&r->user, &o);
		/* Who cannot order one sees that none is issued yet: the
		 * office of the organ's region orders it (第八条); the
		 * inspector may hand it over first. */
		if (f->rectifications == 0 && !office && f->referred_at == NULL) {
			html_fmt(&rows, "<span class=\"tag v-pending\">待依法治理"
			    "办公室下达整改</span>");
			if (referrer)
				refer_form(r, &rows, f->id);
		}
		if (office)
			follow_forms(r, &rows, f);
		if (f->determined_record != NULL) {
			html_fmt(&rows, "<p><span class=\"tag g-fail\">已认定</span> "
			    "<a href=\"/ledger/%s\">认定记录</a> <span class=\"muted\">",
			    html_q(r->arena, f->determined_record));
			html_who(r, &rows, f->determined_by);
			html_fmt(&rows, " · %s</span></p>", date_beijing(r->arena,
			    f->determined_at));
		} else {
			html_fmt(&rows, "<p><span class=\"tag\">观察到的问题,"
			    "尚未认定</span></p>");
			if (known && authority_can_determine(&r->user, &o))
				determine_form(r, &rows, f->id);
		}
		html_fmt(&rows, "</td></tr>");
	}
	html_fmt(b, "<section class=\"card\" id=\"findings\"><h2>发现的问题</h2>");
	if (l->total > 0) {
		html_fmt(b, "<p>");
		html_list_total(b, l, "");
		html_fmt(b, "</p>");
	}
	page_rows_table(b, 0, n, NULL, "尚未记录问题。", "<th>机构</th><th>负责人"
	    "</th><th class=\"hide-narrow\">职责</th><th>问题</th><th>整改与约谈"
	    "</th>", rows.data);
	html_pager(b, r, l);
	html_fmt(b, "</section>");
	buf_free(&rows);
}

void
page_inspection(struct request *r)
{
	struct store_inspection in;
	struct store_finding *fs;
	size_t n;
	struct dom d;
	char path[512];
	req_dom(r, &d);
	/* Its findings a page at a time, in the order made. */
	static const char *const keep[] = { NULL };
	static const char *const sorts[] = { "made", NULL };
	struct web_list l;
	web_list_read(r, &l, arena_printf(r->arena, "/supervision/inspections/"
	    "%s", html_q(r->arena, r->params[0])), keep, sorts, 0);
	struct store_page pg = web_list_page(&l);
	if (sup_inspection_load(&d, r->params[0], &in, &pg, &fs, &n)) {
		page_load_error(r, &d.fault, "督查");
		return;
	}
	int writer = (r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE ||
	    r->user.role == ACCT_INSPECTOR) && store_region_path(r->store,
	    in.region, path, sizeof path) == 1 && access_can_read_path(&r->user,
	    path);
	struct buf b;
	buf_init(&b, SUP_PAGE_MAX);
	page_begin(r, &b, in.title, "/supervision");
	html_fmt(&b, "<nav class=\"crumbs\"><a href=\"/supervision\">督查</a> › "
	    "<a href=\"/supervision#inspections\">督查计划</a> › %s</nav>"
	    "<h1>%s</h1>", in.title, in.title);
	page_ok_notice(r, &b, inspection_notices);
	html_fmt(&b, "<section class=\"card\"><dl class=\"facts\">"
	    "<dt>类型</dt><dd>%s</dd><dt>督查地区</dt>"
	    "<dd>%s(含下辖地区)</dd><dt>年度</dt><dd>%d</dd><dt>状态</dt>"
	    "<dd>%s</dd><dt>起止日期</dt><dd>%s 至 %s</dd><dt>督查重点</dt>"
	    "<dd>%s</dd>",
	    sup_inspection_kind_label(in.kind), in.region_name, in.year,
	    sup_inspection_status_label(in.status), page_sup_day(r->arena, in.starts),
	    page_sup_day(r->arena, in.ends), in.focus ? in.focus : "—");
	html_who_fact(r, &b, "建立", in.created_by, in.created_at);
	buf_puts(&b, "</dl></section>");
	/* An inspector who sees the whole inspection hands its findings over
	 * (authority_finding_refer decides again). */
	l.total = in.findings;
	findings(r, &d, &b, fs, n, &l, writer && r->user.role == ACCT_INSPECTOR &&
	    scope_sees_whole(&r->user, in.path));
	/* A closed inspection takes no new finding (the write refuses it
	 * too: sup_finding_create). */
	int open = strcmp(in.status, "completed") != 0;
	if (writer && open) {
		finding_form(r, &b, in.id, in.region);
		close_form(r, &b, in.id);
	}
	page_end(r, &b);
}

void
page_inspection_close(struct request *r)
{
	struct dom d;
	req_dom(r, &d);
	if (sup_inspection_close(&d, r->params[0]))
		page_fault(r, &d.fault);
	else
		resp_redirect(r, arena_printf(r->arena, "/supervision/inspections/"
		    "%s?ok=closed", html_q(r->arena, r->params[0])));
}

void
page_finding_create(struct request *r)
{
	page_sup_write(r, SUP_WRITE_FINDING);
}

void
page_finding_refer(struct request *r)
{
	page_sup_write(r, SUP_WRITE_REFERRAL);
}

void
page_finding_determine(struct request *r)
{
	static const char *const names[] = { "kind", "date", NULL };
	const char *record;
	json_t *obj = page_sup_form(r, names);
	const char *kind = json_string_value(json_object_get(obj, "kind"));
	int k = kind != NULL ? catalog_kind_find(r->catalog, kind) : -1;
	/* The chosen kind's own fields, posted as f.NAME. */
	for (size_t j = 0; k >= 0 && j < r->catalog->kinds[k].nfields; j++) {
		const struct catalog_field *fd = &r->catalog->kinds[k].fields[j];
		const char *v = req_form(r, arena_printf(r->arena, "f.%s",
		    fd->name));
		if (v == NULL || *v == '\0')
			continue;
		char *end;
		long n = strtol(v, &end, 10);
		json_object_set_new(obj, fd->name, fd->type == FIELD_INT &&
		    *end == '\0' ? json_integer(n) : json_string(v));
	}
	struct dom d;
	req_dom(r, &d);
	if (sup_finding_determine(&d, r->params[0], obj, &record))
		page_fault(r, &d.fault);
	else
		page_sup_redirect(r, "/ledger/", record, "determined", NULL);
	json_decref(obj);
}
