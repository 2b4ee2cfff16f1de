/*
 * 我的账号: who one is, and one's own API tokens — listed (what each is
 * for, when made, when it ends, when last used; never the secret), minted
 * after the password is asked again (the new token shown on this answer
 * alone), and revoked. The operations are domain/token.c's, so the page
 * and /api/v1/tokens refuse alike.
 */
#include <string.h>

#include "domain/token.h"
#include "http/server.h"
#include "web/page-supervision.h"
#include "web/web.h"

#define ACCOUNT_PAGE_MAX (1u << 20)

/* A UTC time as Beijing time to the minute; "—" for NULL. */
static const char *
local_time(struct request *r, const char *utc)
{
	return utc ? date_beijing(r->arena, utc) : "—";
}

static void
token_rows(struct request *r, struct buf *b, const struct token *v, size_t n)
{
	struct buf rows;
	buf_init(&rows, ACCOUNT_PAGE_MAX);
	for (size_t i = 0; i < n; i++) {
		const struct token *t = &v[i];
		int active = strcmp(t->state, "active") == 0;
		/* The id's first 8 digits: enough to tell tokens apart. */
		html_fmt(&rows, "<tr><td>%s</td><td><code>%s</code></td>"
		    "<td>%s</td><td>%s</td><td class=\"hide-narrow\">%s</td><td>"
		    "<span class=\"tag%s\">%s</span></td><td>", t->label,
		    arena_printf(r->arena, "%.8s", t->id), local_time(r, t->created), local_time(r, t->expires),
		    local_time(r, t->last_used), active ? " s-verified" : "",
		    t->state_label);
		if (active) {
			html_fmt(&rows, "<form method=\"post\" "
			    "action=\"/account/tokens/%s/revoke\">",
			    html_q(r->arena, t->id));
			page_csrf(r, &rows);
			html_fmt(&rows, "<button type=\"submit\" "
			    "class=\"secondary\">撤销</button></form>");
		}
		html_fmt(&rows, "</td></tr>");
	}
	page_rows_table(b, 0, n, NULL, "尚无令牌。", "<th>用途</th><th>编号</th>"
	    "<th>创建</th><th>到期</th><th class=\"hide-narrow\">最近使用</th>"
	    "<th>状态</th><th></th>", rows.data);
	buf_free(&rows);
}

/*
 * The page with status: an alert (a refused mint) or the token just made
 * (its secret, this once), or neither.
 */
static void
show(struct request *r, unsigned status, const char *alert,
    const struct token_made *made)
{
	struct dom d;
	struct token *v;
	size_t n;
	req_dom(r, &d);
	if (token_list(&d, &v, &n)) {
		page_error(r, 500, "暂时无法读取令牌,请稍后再试。");
		return;
	}
	const struct server_config *cfg = server_config_of(r->srv);
	struct buf b;
	buf_init(&b, ACCOUNT_PAGE_MAX);
	page_begin(r, &b, "我的账号", NULL);
	html_fmt(&b, "<h1>我的账号</h1>");
	static const char *const notices[][2] = {
		{ "revoked", "令牌已撤销,不能再使用。" }, { NULL, NULL } };
	page_ok_notice(r, &b, notices);
	html_fmt(&b, "<section class=\"card\"><dl class=\"facts\"><dt>账号"
	    "</dt><dd>%s</dd><dt>角色</dt><dd>%s</dd></dl><p class=\"hint\">"
	    "登录后 30 分钟无操作,或登录满 %u 小时,须重新登录。</p><p><a "
	    "href=\"/account/password\">修改密码</a></p></section>",
	    r->user.name, access_role_label(r->user.role),
	    (unsigned)(cfg->session_lifetime / 3600));
	html_fmt(&b, "<section class=\"card\" id=\"tokens\"><h2>API 令牌</h2>"
	    "<p class=\"hint\">令牌供程序调用接口(Authorization: Bearer)。每个令牌"
	    "%u 天后到期;修改密码或账号被停用后,全部令牌立即失效,重新启用也不会"
	    "恢复。</p>", (unsigned)(cfg->token_lifetime / 86400));
	if (made != NULL)
		html_fmt(&b, "<div class=\"notice\" role=\"status\"><p>已生成令牌"
		    "“%s”。请立即复制保存,离开本页后将无法再次查看:</p><p><code>%s"
		    "</code></p></div>", made->label, made->token);
	if (alert != NULL)
		html_fmt(&b, "<p class=\"alert\" role=\"alert\">%s</p>", alert);
	token_rows(r, &b, v, n);
	html_fmt(&b, "<h3>生成新令牌</h3><form method=\"post\" "
	    "action=\"/account/tokens\">");
	page_csrf(r, &b);
	html_fmt(&b, "<label>用途<input name=\"label\" required "
	    "maxlength=\"200\" placeholder=\"如:夜间导入脚本\"></label>"
	    "<label>当前密码(确认身份)<input name=\"password\" type=\"password\" "
	    "autocomplete=\"current-password\" required></label>"
	    "<button type=\"submit\">生成令牌</button></form></section>");
	page_close(r, &b, status);
}

void
page_account(struct request *r)
{
	show(r, 200, NULL, NULL);
}

void
page_account_token_create(struct request *r)
{
	struct dom d;
	struct token_made made;
	req_dom(r, &d);
	if (token_mint(&d, req_form(r, "label"), req_form(r, "password"),
	    &made)) {
		unsigned status = d.fault.status ? d.fault.status : 500;
		const char *why = status == 403 ? "密码错误,未生成令牌。" :
		    status == 429 ? "密码错误次数过多,账号已临时锁定,请 15 分钟后"
		    "再试。" : status != 400 ? "系统暂时无法生成令牌,请稍后再试。" :
		    d.fault.field && strcmp(d.fault.field, "password") == 0 ?
		    "请输入当前密码以确认身份。" : "请填写令牌用途(不超过 200 字)。";
		show(r, status, why, NULL);
		return;
	}
	show(r, 200, NULL, &made);
}

void
page_account_token_revoke(struct request *r)
{
	struct dom d;
	struct token t;
	req_dom(r, &d);
	if (token_revoke(&d, r->params[0], &t)) {
		if (d.fault.status == 404)
			page_error(r, 404, "令牌不存在。");
		else
			page_fault(r, &d.fault);
		return;
	}
	resp_redirect(r, "/account?ok=revoked#tokens");
}
