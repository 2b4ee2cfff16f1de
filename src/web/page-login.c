/* 登录 and 退出: the session cookie, HttpOnly and SameSite=Strict. */
#include <string.h>

#include "audit/audit.h"
#include "auth/session.h"
#include "domain/login.h"
#include "web/web.h"

/* Only a local path may follow a login: no open redirect. */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\'
	    || strpbrk(next, "\r\n") != NULL)
		return "/";
	return next;
}

static void
form(struct request *r, unsigned status, const char *error, const char *name)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	page_begin(r, &b, "登录", NULL);
	html_fmt(&b, "<section class=\"card login\"><h1>履职</h1>"
	    "<p class=\"sub\">党政主要负责人履行推进法治建设第一责任人职责管理系统</p>");
	if (error != NULL)
		html_fmt(&b, "<p class=\"alert\" role=\"alert\">%s</p>", error);
	else if (req_query(r, "changed") != NULL)
		html_fmt(&b, "<p class=\"notice\" role=\"status\">密码已修改,"
		    "请用新密码登录。</p>");
	html_fmt(&b, "<form method=\"post\" action=\"/login\">"
	    "<input type=\"hidden\" name=\"next\" value=\"%s\">"
	    "<label>用户名<input name=\"username\" autocomplete=\"username\" "
	    "required value=\"%s\"></label>"
	    "<label>密码<input name=\"password\" type=\"password\" "
	    "autocomplete=\"current-password\" required></label>"
	    "<button type=\"submit\">登录</button></form>"
	    "<p class=\"hint\">连续 5 次密码错误将锁定账号 15 分钟;30 分钟无操作自动退出。</p>"
	    "</section>", safe_next(req_query(r, "next") ? req_query(r, "next") :
	    req_form(r, "next")), name ? name : "");
	page_close(r, &b, status);
}

void
page_login_form(struct request *r)
{
	form(r, 200, NULL, NULL);
}

void
page_login(struct request *r)
{
	const char *name = req_form(r, "username");
	const char *pw = req_form(r, "password");
	if (name == NULL || pw == NULL || *name == '\0' || strlen(name) > 128 ||
	    strlen(pw) > 1024) {
		form(r, 400, "请输入用户名和密码", name);
		return;
	}
	char token[TOKEN_HEX], csrf[TOKEN_HEX];
	struct login_client client;
	enum login_result lr = req_login(r, "web", name, pw, &client, token,
	    csrf);
	switch (lr) {
	case LOGIN_OK:
		resp_redirect(r, safe_next(req_form(r, "next")));
		resp_session_cookie(r, token);
		return;
	case LOGIN_LOCKED:
		form(r, 429, "登录失败次数过多,账号已临时锁定,请 15 分钟后再试", name);
		return;
	case LOGIN_THROTTLED:
		form(r, 429, "登录失败次数过多,请稍后再试", name);
		resp_header(r, "Retry-After", arena_printf(r->arena, "%lld",
		    (long long)client.retry_after));
		return;
	case LOGIN_ERROR:
		form(r, 500, "系统暂时无法登录,请稍后再试", name);
		return;
	default:
		form(r, 401, "用户名或密码错误", name);
		return;
	}
}

void
page_logout(struct request *r)
{
	session_logout(r->store, r->session);
	audit_append(r->store, req_actor(r), "logout",
	    arena_printf(r->arena, "account:%s", r->user.name), 1, "");
	resp_redirect(r, "/login");
	resp_session_cookie(r, "");
}
