/*
 * 账号管理: the accounts the caller manages (the administrator every one,
 * an office the clerks, leaders and inspectors of its region's subtree),
 * a new account, one account with its actions — disable, enable, reset
 * the password, revoke its API tokens — and one's own password change
 * (the first thing after a reset). Nothing here decides who may: every
 * read and write is domain/account.c's, which /api/v1/accounts shares,
 * and authority.c answers there against the rows as stored.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/account.h"
#include "domain/record.h"
#include "web/web.h"
#include "web/page-cases.h"

#define ACCOUNTS_PAGE_MAX (1u << 20)
#define PER_PAGE 50

/* A stored time (UTC) as a Beijing date and time people read:
 * "2026年12月6日 10:05"; "—" for none. */
static const char *
when(struct request *r, const char *utc)
{
	struct tm bj;
	if (utc == NULL || date_stamp_beijing(utc, &bj))
		return utc ? utc : "—";
	return arena_printf(r->arena, "%d年%d月%d日 %02d:%02d",
	    bj.tm_year + 1900, bj.tm_mon + 1, bj.tm_mday, bj.tm_hour,
	    bj.tm_min);
}

/* A posted value without surrounding blanks (page-cases.c's reading of
 * forms), or a filter of the query; NULL when empty. */
static const char *
posted(struct request *r, const char *name)
{
	if (req_writes(r))
		return page_cases_posted(r, name);
	const char *v = req_query(r, name);
	return v != NULL && *v != '\0' ? v : NULL;
}

/* A picker's choice (page_picker_value): its id, or NULL; a name typed
 * without script that names none or several sets f (the first such). */
static const char *
picked(struct request *r, const char *kind, struct fault *f)
{
	const char *why = NULL;
	const char *v = page_picker_value(r, kind, kind, &why);
	if (v == NULL && why != NULL && f->status == 0)
		fault_set(f, 400, why, NULL, kind);
	return v;
}

/* The labels of the fields a refusal may name. */
static const char *const field_labels[][2] = {
	{ "name", "账号名" }, { "role", "角色" }, { "region", "所辖地区" },
	{ "organ", "所在机构" }, { "person", "本人" }, { "status", "状态" },
	{ "password", "当前密码" }, { "new_password", "新密码" },
	{ NULL, NULL },
};

/* A refusal above a form: its field by label, its reason in Chinese. */
static void
problem(struct request *r, struct buf *b, const struct fault *f)
{
	html_fmt(b, "<div class=\"alert\" role=\"alert\"><strong>%s</strong>"
	    "<br>", f->status == 400 ? "未保存:填写有误" : "未办理");
	if (f->field != NULL)
		html_fmt(b, "%s:", page_label(field_labels, f->field, f->field));
	html_fmt(b, "%s</div>", web_chinese(r->arena, f->title));
}

/* The role's option list: those p manages, chosen selected. */
static void
role_options(struct request *r, struct buf *b, const char *chosen,
    const char *any)
{
	unsigned mask = authority_account_roles(&r->user);
	if (any != NULL)
		page_option(b, "", any, chosen ? chosen : "");
	for (int i = 0; i < ACCT_COUNT; i++)
		if (mask & (1u << i))
			page_option(b, access_role_name((enum role_kind)i),
			    access_role_label((enum role_kind)i), chosen);
}

/* Where an account is placed, as people read it. */
static const char *
place(struct request *r, const struct account *a)
{
	if (a->region_name != NULL)
		return a->region_name;
	if (a->organ_name != NULL)
		return a->organ_name;
	(void)r;
	return "全省(不限)";
}

static void
state_tag(struct buf *b, const struct account *a)
{
	html_fmt(b, "<span class=\"tag%s\">%s</span>", a->disabled ?
	    " g-fail" : a->locked ? " g-basic_pass" : " s-verified",
	    a->state_label);
	if (a->must_change)
		html_fmt(b, " <span class=\"tag\">待本人改密</span>");
}

/* The listing's filter as a query string for the pager (arena). */
static const char *
filter_query(struct request *r, const struct account_query *q,
    const char *status)
{
	return arena_printf(r->arena, "role=%s&amp;region=%s&amp;status=%s&amp;"
	    "q=%s&amp;", html_q(r->arena, q->role), html_q(r->arena, q->region),
	    html_q(r->arena, status), html_q(r->arena, q->q));
}

/* A simple pager (helper D1 builds the shared one; this one goes at the
 * merge): previous, "第 n / m 页", next. query is trusted (escaped). */
static void
pager(struct buf *b, const char *query, int page, long total)
{
	long pages = (total + PER_PAGE - 1) / PER_PAGE;
	if (pages <= 1)
		return;
	html_fmt(b, "<nav class=\"pager\" aria-label=\"分页\">");
	if (page > 1) {
		buf_puts(b, "<a href=\"/accounts?");
		buf_puts(b, query);
		html_fmt(b, "page=%d\">上一页</a>", page - 1);
	}
	html_fmt(b, "<span>第 %d / %ld 页,共 %ld 个账号</span>", page, pages,
	    total);
	if (page < pages) {
		buf_puts(b, "<a href=\"/accounts?");
		buf_puts(b, query);
		html_fmt(b, "page=%d\">下一页</a>", page + 1);
	}
	html_fmt(b, "</nav>");
}

void
page_accounts(struct request *r)
{
	struct dom d;
	struct account *v = NULL;
	size_t n = 0;
	long total = 0;
	int page, per_page;
	const char *status = posted(r, "status");
	record_paging(req_query(r, "page"), NULL, &page, &per_page);
	struct account_query q = { posted(r, "role"), posted(r, "region"),
	    posted(r, "q"), -1, PER_PAGE, (page - 1) * PER_PAGE };
	if (status != NULL)
		q.status = strcmp(status, "disabled") == 0 ? 1 :
		    strcmp(status, "active") == 0 ? 0 : -1;
	req_dom(r, &d);
	int failed = account_list(&d, &q, &v, &n, &total);
	/* A filter refused (an unknown role, a region outside the caller's):
	 * its status and reason, as any refused page. */
	if (failed && d.fault.status != 500) {
		page_fault(r, &d.fault);
		return;
	}
	struct buf b;
	buf_init(&b, ACCOUNTS_PAGE_MAX);
	page_begin(r, &b, "账号管理", "/accounts");
	html_fmt(&b, "<h1>账号管理</h1><p class=\"hint\">%s</p>",
	    r->user.role == ACCT_ADMIN ? "系统管理员管理全部账号。" :
	    "本办管理本地区及下级地区的台账录入员、主要负责人和督查人员账号;"
	    "依法治理办公室和纪检监察人员的账号由系统管理员开设。");
	static const char *const notices[][2] = { { NULL, NULL } };
	page_ok_notice(r, &b, notices);
	html_fmt(&b, "<p class=\"actions\"><a class=\"button\" "
	    "href=\"/accounts/new\">新建账号</a></p>");
	html_fmt(&b, "<form class=\"filters card\" method=\"get\" "
	    "action=\"/accounts\"><label>角色<select name=\"role\">");
	role_options(r, &b, q.role, "全部");
	html_fmt(&b, "</select></label>");
	html_picker(&b, r->arena, "region", "region", "地区", NULL, NULL,
	    q.region, NULL, 0);
	html_fmt(&b, "<label>状态<select name=\"status\">");
	page_option(&b, "", "全部", status ? status : "");
	page_option(&b, "active", "启用", status);
	page_option(&b, "disabled", "已停用", status);
	html_fmt(&b, "</select></label><label>账号名<input name=\"q\" "
	    "value=\"%s\" maxlength=\"64\"></label><div class=\"actions\">"
	    "<button type=\"submit\">筛选</button></div></form>", q.q);
	struct buf rows;
	buf_init(&rows, ACCOUNTS_PAGE_MAX);
	for (size_t i = 0; i < n; i++) {
		const struct account *a = &v[i];
		html_fmt(&rows, "<tr><td><a href=\"/accounts/%s\">%s</a></td>"
		    "<td>%s</td><td>%s</td><td class=\"hide-narrow\">%s</td><td>",
		    html_q(r->arena, a->name), a->name, a->role_label,
		    place(r, a), a->person_name ? a->person_name : "—");
		state_tag(&rows, a);
		html_fmt(&rows, "</td></tr>");
	}
	page_rows_table(&b, failed, n,
	    "暂时无法读取账号,请稍后再试。", "没有符合条件的账号。",
	    "<th>账号</th><th>角色</th><th>地区或机构</th>"
	    "<th class=\"hide-narrow\">本人</th><th>状态</th>", rows.data);
	buf_free(&rows);
	if (!failed)
		pager(&b, filter_query(r, &q, status), page, total);
	page_end(r, &b);
}

/* The new-account form, with the refusal of a posted one (or NULL). */
static void
new_form(struct request *r, unsigned status, const struct fault *why)
{
	struct buf b;
	buf_init(&b, ACCOUNTS_PAGE_MAX);
	page_begin(r, &b, "新建账号", "/accounts");
	html_fmt(&b, "<p><a href=\"/accounts\">← 账号管理</a></p>"
	    "<h1>新建账号</h1>");
	if (why != NULL)
		problem(r, &b, why);
	html_fmt(&b, "<form class=\"card\" method=\"post\" "
	    "action=\"/accounts\">");
	page_csrf(r, &b);
	html_fmt(&b, "<label>账号名<input name=\"name\" required "
	    "maxlength=\"64\" pattern=\"[A-Za-z0-9._\\-]{1,64}\" "
	    "autocomplete=\"off\" value=\"%s\" aria-describedby=\"name-hint\">"
	    "</label><p class=\"hint\" id=\"name-hint\">字母、数字或 . _ -,"
	    "至多 64 个,登录时使用,建成后不能修改。</p>"
	    "<label>角色<select name=\"role\" required>", posted(r, "name"));
	role_options(r, &b, posted(r, "role"), "请选择");
	html_fmt(&b, "</select></label><p class=\"hint\">依法治理办公室、督查"
	    "人员和纪检监察人员须选所辖地区;台账录入员须选所在机构;主要负责人"
	    "须选所在机构和本人(本人须在该机构任职)。其余留空。</p>");
	const char *region = posted(r, "region"), *organ = posted(r, "organ"),
	    *person = posted(r, "person");
	html_picker(&b, r->arena, "region", "region", "所辖地区", NULL, NULL,
	    region, region ? page_picker_label(r, "region", region) : NULL, 0);
	html_picker(&b, r->arena, "organ", "organ", "所在机构", NULL, NULL,
	    organ, organ ? page_picker_label(r, "organ", organ) : NULL, 0);
	html_picker(&b, r->arena, "person", "person", "本人(主要负责人)",
	    NULL, organ, person, person ? page_picker_label(r, "person",
	    person) : NULL, 0);
	html_fmt(&b, "<p class=\"hint\">建成后系统生成一次性密码,只显示一次;"
	    "本人首次登录后须立即修改。</p><button type=\"submit\">创建账号"
	    "</button></form>");
	page_close(r, &b, status);
}

void
page_account_new(struct request *r)
{
	new_form(r, 200, NULL);
}

/* One account's page: its facts, its actions and its API tokens; made
 * (or NULL) the one-time password just set, shown this once. */
static void
detail(struct request *r, const char *name, const char *made)
{
	struct dom d;
	struct account a;
	struct token *t = NULL;
	size_t nt = 0;
	req_dom(r, &d);
	if (account_get(&d, name, &a) ||
	    account_tokens(&d, name, &t, &nt)) {
		page_load_error(r, &d.fault, "账号");
		return;
	}
	struct buf b;
	buf_init(&b, ACCOUNTS_PAGE_MAX);
	page_begin(r, &b, a.name, "/accounts");
	html_fmt(&b, "<p><a href=\"/accounts\">← 账号管理</a></p>"
	    "<h1>账号 %s</h1>", a.name);
	static const char *const notices[][2] = {
		{ "disabled", "账号已停用,其登录会话已结束、API 令牌已撤销。" },
		{ "enabled", "账号已重新启用。" },
		{ "revoked", "令牌已撤销。" },
		{ NULL, NULL } };
	page_ok_notice(r, &b, notices);
	if (made != NULL)
		html_fmt(&b, "<div class=\"notice\" role=\"status\"><p>一次性密码"
		    "(只显示这一次,请当面或经安全渠道交给本人;本人登录后须立即"
		    "修改):</p><p><code class=\"onetime\">%s</code></p></div>",
		    made);
	html_fmt(&b, "<section class=\"card\"><dl class=\"facts\"><dt>账号</dt>"
	    "<dd>%s</dd><dt>角色</dt><dd>%s</dd>", a.name, a.role_label);
	if (a.region_name != NULL)
		html_fmt(&b, "<dt>所辖地区</dt><dd>%s</dd>", a.region_name);
	if (a.organ_name != NULL)
		html_fmt(&b, "<dt>所在机构</dt><dd>%s</dd>", a.organ_name);
	if (a.person_name != NULL)
		html_fmt(&b, "<dt>本人</dt><dd>%s</dd>", a.person_name);
	html_fmt(&b, "<dt>状态</dt><dd>");
	state_tag(&b, &a);
	html_fmt(&b, "</dd><dt>创建</dt><dd>%s</dd><dt>密码设置</dt><dd>%s"
	    "</dd></dl>", when(r, a.created), when(r, a.password_changed));
	const char *q = html_q(r->arena, a.name);
	html_fmt(&b, "<div class=\"actions\">");
	if (a.disabled) {
		html_fmt(&b, "<form method=\"post\" action=\"/accounts/%s/enable\">",
		    q);
		page_csrf(r, &b);
		html_fmt(&b, "<button type=\"submit\">重新启用</button></form>");
	} else {
		html_fmt(&b, "<form method=\"post\" action=\"/accounts/%s/"
		    "disable\" data-confirm=\"停用账号 %s?其登录会话立即结束,"
		    "全部 API 令牌撤销(重新启用也不会恢复)。\">", q, a.name);
		page_csrf(r, &b);
		html_fmt(&b, "<button type=\"submit\" class=\"secondary\">停用"
		    "</button></form>");
	}
	html_fmt(&b, "<form method=\"post\" action=\"/accounts/%s/password\" "
	    "data-confirm=\"重置账号 %s 的密码?原密码、登录会话和全部 API 令牌"
	    "立即失效,系统生成一次性密码。\">", q, a.name);
	page_csrf(r, &b);
	html_fmt(&b, "<button type=\"submit\" class=\"secondary\">重置密码"
	    "</button></form></div></section>");
	html_fmt(&b, "<section class=\"card\" id=\"tokens\"><h2>API 令牌</h2>");
	struct buf rows;
	buf_init(&rows, ACCOUNTS_PAGE_MAX);
	for (size_t i = 0; i < nt; i++) {
		int active = strcmp(t[i].state, "active") == 0;
		html_fmt(&rows, "<tr><td>%s</td><td>%s</td><td>%s</td>"
		    "<td class=\"hide-narrow\">%s</td><td><span class=\"tag%s\">"
		    "%s</span></td><td>", t[i].label, when(r, t[i].created),
		    when(r, t[i].expires), when(r, t[i].last_used),
		    active ? " s-verified" : "", t[i].state_label);
		if (active) {
			html_fmt(&rows, "<form method=\"post\" action=\"/accounts/"
			    "%s/tokens/%s/revoke\">", q, html_q(r->arena,
			    t[i].id));
			page_csrf(r, &rows);
			html_fmt(&rows, "<button type=\"submit\" class=\"secondary\""
			    " aria-label=\"撤销令牌“%s”\">撤销</button></form>",
			    t[i].label);
		}
		html_fmt(&rows, "</td></tr>");
	}
	page_rows_table(&b, 0, nt, NULL, "该账号没有 API 令牌。", "<th>用途</th>"
	    "<th>创建</th><th>到期</th><th class=\"hide-narrow\">最近使用</th>"
	    "<th>状态</th><th></th>", rows.data);
	buf_free(&rows);
	html_fmt(&b, "</section>");
	page_end(r, &b);
}

void
page_account_detail(struct request *r)
{
	detail(r, r->params[0], NULL);
}

void
page_account_create(struct request *r)
{
	struct dom d;
	struct account_made m;
	req_dom(r, &d);
	struct authority_account w = { posted(r, "name"), posted(r, "role"),
	    picked(r, "region", &d.fault), picked(r, "organ", &d.fault),
	    picked(r, "person", &d.fault) };
	if (d.fault.status != 0 || account_create(&d, &w, &m)) {
		if (d.fault.status == 500 || d.fault.status == 503)
			page_fault(r, &d.fault);
		else
			new_form(r, d.fault.status, &d.fault);
		return;
	}
	/* Not a redirect: the one-time password is on this answer alone. */
	detail(r, m.account.name, m.password);
}

/* After a write on the account: its page with ok, or the refusal. */
static void
done(struct request *r, struct dom *d, int rc, const char *ok)
{
	if (rc) {
		if (d->fault.status == 404)
			page_load_error(r, &d->fault, "账号");
		else
			page_fault(r, &d->fault);
		return;
	}
	resp_redirect(r, arena_printf(r->arena, "/accounts/%s?ok=%s%s",
	    html_q(r->arena, r->params[0]), ok, strcmp(ok, "revoked") == 0 ?
	    "#tokens" : ""));
}

void
page_account_disable(struct request *r)
{
	struct dom d;
	struct account a;
	req_dom(r, &d);
	done(r, &d, account_set_disabled(&d, r->params[0], 1, &a), "disabled");
}

void
page_account_enable(struct request *r)
{
	struct dom d;
	struct account a;
	req_dom(r, &d);
	done(r, &d, account_set_disabled(&d, r->params[0], 0, &a), "enabled");
}

void
page_account_reset(struct request *r)
{
	struct dom d;
	struct account_made m;
	req_dom(r, &d);
	if (account_reset_password(&d, r->params[0], &m)) {
		done(r, &d, -1, NULL);
		return;
	}
	detail(r, m.account.name, m.password);
}

void
page_account_revoke(struct request *r)
{
	struct dom d;
	int n = 0;
	req_dom(r, &d);
	done(r, &d, account_token_revoke(&d, r->params[0], r->params[1], &n),
	    "revoked");
}

/* ---- one's own password ---- */

static void
password_form(struct request *r, unsigned status, const struct fault *why)
{
	struct buf b;
	buf_init(&b, ACCOUNTS_PAGE_MAX);
	page_begin(r, &b, "修改密码", NULL);
	html_fmt(&b, "<h1>修改密码</h1>");
	if (r->user.must_change)
		html_fmt(&b, "<p class=\"alert\" role=\"alert\">您的密码是他人设置"
		    "的一次性密码,须先设置自己的新密码才能继续使用本系统。</p>");
	if (why != NULL)
		problem(r, &b, why);
	html_fmt(&b, "<form class=\"card\" method=\"post\" "
	    "action=\"/account/password\">");
	page_csrf(r, &b);
	html_fmt(&b, "<label>当前密码<input name=\"password\" type=\"password\" "
	    "autocomplete=\"current-password\" required></label>"
	    "<label>新密码<input name=\"new_password\" type=\"password\" "
	    "autocomplete=\"new-password\" required minlength=\"10\" "
	    "aria-describedby=\"pw-hint\"></label><p class=\"hint\" "
	    "id=\"pw-hint\">至少 10 个字符,包含大写字母、小写字母、数字、符号中的"
	    "至少三类。修改后须用新密码重新登录,原有 API 令牌全部失效。</p>"
	    "<label>再次输入新密码<input name=\"confirm\" type=\"password\" "
	    "autocomplete=\"new-password\" required></label>"
	    "<button type=\"submit\">修改密码</button></form>");
	page_close(r, &b, status);
}

void
page_password_form(struct request *r)
{
	password_form(r, 200, NULL);
}

void
page_password_change(struct request *r)
{
	struct dom d;
	const char *fresh = req_form(r, "new_password");
	const char *again = req_form(r, "confirm");
	req_dom(r, &d);
	if (fresh == NULL || again == NULL || strcmp(fresh, again) != 0) {
		dom_refuse(&d, 400, "两次输入的新密码不一致 (the two entries "
		    "differ)", NULL, "new_password");
		password_form(r, 400, &d.fault);
		return;
	}
	if (account_change_password(&d, req_form(r, "password"), fresh)) {
		if (d.fault.status >= 500)
			page_fault(r, &d.fault);
		else
			password_form(r, d.fault.status, &d.fault);
		return;
	}
	/* Every session ended with the old password: log in anew. */
	resp_redirect(r, "/login?changed=1");
	resp_session_cookie(r, "");
}
