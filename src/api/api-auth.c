/* Logging in and out, the calling account (API tokens: api-tokens.c). */
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "audit/audit.h"
#include "auth/session.h"
#include "domain/login.h"
#include "http/server.h"

static int
must_change(void *ctx, const struct store_account *a)
{
	*(int *)ctx = a->must_change;
	return 0;
}

void
api_login(struct request *r)
{
	json_t *body = req_json(r);
	if (body == NULL)
		return;
	const char *name = json_string_value(json_object_get(body, "username"));
	const char *pw = json_string_value(json_object_get(body, "password"));
	if (name == NULL || pw == NULL || strlen(name) > 128 ||
	    strlen(pw) > 1024) {
		json_decref(body);
		resp_problem(r, 400, "需要用户名和密码 (username and password)",
		    NULL, name == NULL ? "username" : "password");
		return;
	}
	char token[TOKEN_HEX], csrf[TOKEN_HEX];
	struct login_client client;
	/* 等保 安全审计: every attempt is logged (domain/login.c). */
	enum login_result lr = req_login(r, "api", name, pw, &client, token,
	    csrf);
	json_decref(body);
	switch (lr) {
	case LOGIN_OK: {
		json_t *o = json_pack("{s:s, s:s, s:i, s:I}", "token", token,
		    "token_type", "Bearer", "expires_idle_seconds",
		    SESSION_IDLE_SECONDS, "expires_in_seconds",
		    (json_int_t)server_config_of(r->srv)->session_lifetime);
		/* A one-time password: say what the router will ask first. */
		int must = 0;
		if (store_account_get(r->store, client.shown, 0, must_change,
		    &must) == 1 && must)
			json_object_set_new(o, "password_change_required",
			    json_true());
		resp_json(r, 200, o);
		break;
	}
	case LOGIN_LOCKED:
		resp_problem(r, 429, "登录失败次数过多,账号已临时锁定 "
		    "(too many failed logins)", "try again in 15 minutes", NULL);
		resp_header(r, "Retry-After", "900");
		break;
	case LOGIN_THROTTLED:
		resp_problem(r, 429, "登录失败次数过多,请稍后再试 (too many "
		    "failed logins from this address)", NULL, NULL);
		resp_header(r, "Retry-After", arena_printf(r->arena, "%lld",
		    (long long)client.retry_after));
		break;
	case LOGIN_ERROR:
		resp_problem(r, 500, "内部错误", NULL, NULL);
		break;
	default:
		resp_problem(r, 401, "用户名或密码错误 (wrong credentials)", NULL,
		    NULL);
		break;
	}
}

void
api_logout(struct request *r)
{
	const char *auth = req_header(r, "Authorization");
	const char *token = auth != NULL && strncasecmp(auth, "Bearer ", 7) == 0 ?
	    auth + 7 : r->session;
	session_logout(r->store, token);
	audit_append(r->store, req_actor(r), "logout",
	    arena_printf(r->arena, "account:%s", r->user.name), 1, "");
	resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}

void
api_me(struct request *r)
{
	const struct principal *p = &r->user;
	json_t *o = json_pack("{s:s, s:s, s:s}", "username", p->name, "role",
	    access_role_name(p->role), "role_label", access_role_label(p->role));
	if (p->region[0])
		json_object_set_new(o, "region", json_string(p->region));
	if (p->organ[0])
		json_object_set_new(o, "organ", json_string(p->organ));
	if (p->person[0])
		json_object_set_new(o, "person", json_string(p->person));
	if (!p->via_token)
		json_object_set_new(o, "csrf", json_string(r->csrf));
	resp_json(r, 200, o);
}
