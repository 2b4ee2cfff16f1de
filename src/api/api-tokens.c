/*
 * The calling account's own API tokens: minted (the password asked for
 * again: a session left open, or a stolen one, does not yield a token that
 * outlives it), listed (never the secret) and revoked. Each account sees
 * and ends its own tokens only; another account's token id is unknown
 * here (404), whoever asks. The operator lists and revokes anyone's with
 * `lvzhi user token`. Every mint, refused mint and revocation is audited.
 *
 * The operations (api_token_mint, api_tokens_load, api_token_end) answer
 * nothing on success and set a problem on r on failure, so that the
 * account page (page-account.c) shares them.
 */
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "audit/audit.h"
#include "auth/session.h"
#include "http/server.h"

#define TOKENS_LISTED 200

/* unix seconds as "YYYY-MM-DDTHH:MM:SSZ" in the arena; NULL for 0. */
static const char *
utc(struct request *r, int64_t t)
{
	if (t == 0)
		return NULL;
	time_t tt = (time_t)t;
	struct tm tm;
	char *out = arena_alloc(r->arena, 32);
	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

static json_t *
nullable(const char *s)
{
	return s ? json_string(s) : json_null();
}

struct listing {
	struct request *r;
	int64_t now;
	json_t *items;
};

static int
add_item(void *ctx, const struct store_token *t)
{
	struct listing *l = ctx;
	const char *state = t->revoked ? "revoked" : t->expires <= l->now ?
	    "expired" : "active";
	const char *label = t->revoked ? "已撤销" : t->expires <= l->now ?
	    "已过期" : "有效";
	json_array_append_new(l->items, json_pack("{s:s, s:s, s:s, s:s, s:o, "
	    "s:o, s:s, s:s}", "id", t->id, "label", t->label, "created",
	    utc(l->r, t->created), "expires", utc(l->r, t->expires),
	    "last_used", nullable(utc(l->r, t->last_used)), "revoked",
	    nullable(utc(l->r, t->revoked)), "state", state, "state_label",
	    label));
	return 0;
}

/* The caller's tokens (or the one of id): an array, or NULL after a
 * problem. */
static json_t *
listed(struct request *r, const char *id)
{
	struct listing l = { r, req_now(), json_array() };
	if (store_each_token(r->store, r->user.key, id, TOKENS_LISTED,
	    add_item, &l) < 0) {
		json_decref(l.items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return NULL;
	}
	return l.items;
}

json_t *
api_tokens_load(struct request *r)
{
	json_t *items = listed(r, NULL);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

/* The audit entity of the caller's token id. */
static const char *
entity(struct request *r, const char *id)
{
	return arena_printf(r->arena, "account:%s/token:%s", r->user.name, id);
}

/* The password asked again: 0 when right, with the hash it matched in
 * seen; else -1 after a problem (a wrong one audited as a refused
 * mint). */
static int
reauth(struct request *r, const char *password, char seen[PASSWORD_HASH_MAX])
{
	if (password == NULL || *password == '\0' || strlen(password) > 1024) {
		resp_problem(r, 400, "请输入当前密码以确认身份 (password required)",
		    NULL, "password");
		return -1;
	}
	enum login_result lr = session_reauth(r->store, r->user.key, password,
	    req_now(), seen);
	if (lr == LOGIN_OK)
		return 0;
	if (lr != LOGIN_ERROR)
		audit_append(r->store, req_actor(r), "token.create",
		    arena_printf(r->arena, "account:%s", r->user.name), 0, "");
	switch (lr) {
	case LOGIN_LOCKED:
		resp_problem(r, 429, "密码错误次数过多,账号已临时锁定 (too many "
		    "failed attempts)", "try again in 15 minutes", NULL);
		resp_header(r, "Retry-After", "900");
		break;
	case LOGIN_ERROR:
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		break;
	default:
		resp_problem(r, 403, "密码错误 (wrong password)", NULL,
		    "password");
		break;
	}
	return -1;
}

json_t *
api_token_mint(struct request *r, const char *label, const char *password)
{
	if (label == NULL || *label == '\0' || strlen(label) > 200) {
		resp_problem(r, 400, "需要令牌用途说明 (label)", NULL, "label");
		return NULL;
	}
	char token[TOKEN_HEX], id[TOKEN_ID_HEX], seen[PASSWORD_HASH_MAX];
	if (reauth(r, password, seen))
		return NULL;
	int64_t now = req_now();
	int64_t expires = now +
	    (int64_t)server_config_of(r->srv)->token_lifetime;
	int rc = store_begin(r->store) ? -1 : session_token_create(r->store,
	    r->user.key, label, now, expires, seen, token, id);
	if (rc == 0 && (audit_append(r->store, req_actor(r), "token.create",
	    entity(r, id), 1, "") || store_commit(r->store)))
		rc = -1;
	if (rc != 0) {
		/* The password changed (or the account was disabled) since it
		 * was checked: it is not the account's any more. */
		if (rc == 1)
			resp_problem(r, 403, "密码已更改,请重新登录 (the password "
			    "changed)", NULL, "password");
		else
			resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		store_rollback(r->store);
		return NULL;
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "token", token, "id", id,
	    "label", label, "created", utc(r, now), "expires",
	    utc(r, expires));
}

json_t *
api_token_end(struct request *r, const char *id)
{
	if (strlen(id) != TOKEN_ID_HEX - 1 ||
	    strspn(id, "0123456789abcdef") != TOKEN_ID_HEX - 1) {
		resp_problem(r, 404, "未找到 (not found)", NULL, NULL);
		return NULL;
	}
	/* Revoked in one statement that also names the owner: another
	 * account's id changes nothing, on any server. */
	if (store_begin(r->store))
		goto fail;
	int rc = store_token_revoke(r->store, r->user.key, id, req_now());
	if (rc < 0 || (rc == 1 && audit_append(r->store, req_actor(r),
	    "token.revoke", entity(r, id), 1, "")) || store_commit(r->store))
		goto fail;
	/* Revoked already (or now): the token as it stands. */
	json_t *items = listed(r, id);
	if (items == NULL)
		return NULL;
	json_t *one = json_incref(json_array_get(items, 0));
	json_decref(items);
	if (one == NULL)
		resp_problem(r, 404, "未找到 (not found)", NULL, NULL);
	return one;
fail:
	resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
	store_rollback(r->store);
	return NULL;
}

void
api_token_create(struct request *r)
{
	json_t *body = req_json(r);
	if (body == NULL)
		return;
	json_t *made = api_token_mint(r, json_string_value(json_object_get(body,
	    "label")), json_string_value(json_object_get(body, "password")));
	if (made != NULL)
		resp_json(r, 201, made);
	json_decref(body);
}

void
api_tokens_list(struct request *r)
{
	json_t *o = api_tokens_load(r);
	if (o != NULL)
		resp_json(r, 200, o);
}

void
api_token_revoke(struct request *r)
{
	json_t *one = api_token_end(r, r->params[0]);
	if (one != NULL)
		resp_json(r, 200, one);
}
