/* The caller's API tokens (token.h). */
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "auth/session.h"
#include "domain/token.h"

#define TOKENS_LISTED 200

#define T(m) offsetof(struct token, m)
static const struct attr token_attrs[] = {
	{ "id", "id", "编号", ATTR_TEXT, 0, 0, 0, NULL, T(id) },
	{ "label", "label", "用途", ATTR_TEXT, 0, 0, 0, NULL, T(label) },
	{ "created", "created", "创建", ATTR_STAMP, 0, 0, 0, NULL, T(created) },
	{ "expires", "expires", "到期", ATTR_STAMP, 0, 0, 0, NULL, T(expires) },
	{ "last_used", "last_used", "最近使用", ATTR_STAMP, 0, 0, 0, NULL,
	    T(last_used) },
	{ "revoked", "revoked", "撤销", ATTR_STAMP, 0, 0, 0, NULL, T(revoked) },
	{ "state", NULL, "状态", ATTR_TEXT, 0, 0, 0, NULL, T(state) },
	{ "state_label", NULL, "状态", ATTR_TEXT, 0, 0, 0, NULL,
	    T(state_label) },
};
#undef T
const struct entity token_entity = ENTITY("token", token_attrs);

#define M(m) offsetof(struct token_made, m)
static const struct attr made_attrs[] = {
	{ "token", NULL, "令牌", ATTR_TEXT, 0, 0, 0, NULL, M(token) },
	{ "id", NULL, "编号", ATTR_TEXT, 0, 0, 0, NULL, M(id) },
	{ "label", NULL, "用途", ATTR_TEXT, 0, 0, 0, NULL, M(label) },
	{ "created", NULL, "创建", ATTR_STAMP, 0, 0, 0, NULL, M(created) },
	{ "expires", NULL, "到期", ATTR_STAMP, 0, 0, 0, NULL, M(expires) },
};
#undef M
const struct entity token_made_entity = ENTITY("token", made_attrs);

/* unix seconds as "YYYY-MM-DDTHH:MM:SSZ" in the arena; NULL for 0. */
static const char *
utc(struct dom *d, int64_t t)
{
	if (t == 0)
		return NULL;
	time_t tt = (time_t)t;
	struct tm tm;
	char *out = arena_alloc(d->arena, 32);
	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

struct listing {
	struct dom *d;
	int64_t now;
	struct token *v;
	size_t n, cap;
};

static int
add_item(void *ctx, const struct store_token *t)
{
	struct listing *l = ctx;
	struct dom *d = l->d;
	struct token *x = dom_push(d, &l->v, &l->n, &l->cap, sizeof *x);
	*x = (struct token){
		.id = arena_strdup(d->arena, t->id),
		.label = arena_strdup(d->arena, t->label),
		.created = utc(d, t->created), .expires = utc(d, t->expires),
		.last_used = utc(d, t->last_used), .revoked = utc(d, t->revoked),
		.state = t->revoked ? "revoked" : t->expires <= l->now ?
		    "expired" : "active",
		.state_label = t->revoked ? "已撤销" : t->expires <= l->now ?
		    "已过期" : "有效",
	};
	return 0;
}

/* The account's tokens (or the one of id) into l: 0, or -1 (500). */
static int
listed(struct dom *d, int64_t account, const char *id, struct listing *l)
{
	*l = (struct listing){ d, (int64_t)time(NULL), NULL, 0, 0 };
	if (store_each_token(d->store, account, id, TOKENS_LISTED,
	    add_item, l) < 0)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	return 0;
}

int
token_list(struct dom *d, struct token **out, size_t *n)
{
	return token_list_of(d, d->user->key, NULL, out, n);
}

int
token_list_of(struct dom *d, int64_t account, const char *id,
    struct token **out, size_t *n)
{
	struct listing l;
	if (listed(d, account, id, &l))
		return -1;
	*out = l.v;
	*n = l.n;
	return 0;
}

/* The audit entity of the caller's token id. */
static const char *
entity(struct dom *d, const char *id)
{
	return arena_printf(d->arena, "account:%s/token:%s", d->user->name, id);
}

/* The password asked again: 0 when right, with the hash it matched in
 * seen; else -1 with the fault (a wrong one audited as a refused mint). */
static int
reauth(struct dom *d, const char *password, char seen[PASSWORD_HASH_MAX])
{
	if (password == NULL || *password == '\0' || strlen(password) > 1024)
		return dom_refuse(d, 400, "请输入当前密码以确认身份 (password "
		    "required)", NULL, "password");
	enum login_result lr = session_reauth(d->store, d->user->key, password,
	    (int64_t)time(NULL), seen);
	if (lr == LOGIN_OK)
		return 0;
	if (lr != LOGIN_ERROR)
		audit_append(d->store, d->actor, "token.create",
		    arena_printf(d->arena, "account:%s", d->user->name), 0, "");
	switch (lr) {
	case LOGIN_LOCKED:
		return dom_refuse(d, 429, "密码错误次数过多,账号已临时锁定 (too "
		    "many failed attempts)", "try again in 15 minutes", NULL);
	case LOGIN_ERROR:
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	default:
		return dom_refuse(d, 403, "密码错误 (wrong password)", NULL,
		    "password");
	}
}

int
token_mint(struct dom *d, const char *label, const char *password,
    struct token_made *out)
{
	if (label == NULL || *label == '\0' || strlen(label) > 200)
		return dom_refuse(d, 400, "需要令牌用途说明 (label)", NULL,
		    "label");
	char token[TOKEN_HEX], id[TOKEN_ID_HEX], seen[PASSWORD_HASH_MAX];
	if (reauth(d, password, seen))
		return -1;
	int64_t now = (int64_t)time(NULL);
	int64_t expires = now + (int64_t)d->settings->token_lifetime;
	if (store_begin(d->store))
		return dom_fail(d, 1);
	int rc = session_token_create(d->store, d->user->key, label, now,
	    expires, seen, token, id);
	if (rc == 0 && (audit_append(d->store, d->actor, "token.create",
	    entity(d, id), 1, "") || store_commit(d->store)))
		rc = -1;
	/* The password changed (or the account was disabled) since it was
	 * checked: it is not the account's any more. */
	if (rc == 1) {
		store_rollback(d->store);
		return dom_refuse(d, 403, "密码已更改,请重新登录 (the password "
		    "changed)", NULL, "password");
	}
	if (rc != 0)
		return dom_fail(d, 1);
	*out = (struct token_made){ arena_strdup(d->arena, token),
		arena_strdup(d->arena, id), arena_strdup(d->arena, label),
		utc(d, now), utc(d, expires) };
	return 0;
}

int
token_revoke(struct dom *d, const char *id, struct token *out)
{
	if (strlen(id) != TOKEN_ID_HEX - 1 ||
	    strspn(id, "0123456789abcdef") != TOKEN_ID_HEX - 1)
		return dom_refuse(d, 404, "未找到 (not found)", NULL, NULL);
	/* Revoked in one statement that also names the owner: another
	 * account's id changes nothing, on any server. */
	if (store_begin(d->store))
		return dom_fail(d, 1);
	int rc = store_token_revoke(d->store, d->user->key, id,
	    (int64_t)time(NULL));
	if (rc < 0 || (rc == 1 && audit_append(d->store, d->actor,
	    "token.revoke", entity(d, id), 1, "")) || store_commit(d->store))
		return dom_fail(d, 1);
	/* Revoked already (or now): the token as it stands. */
	struct listing l;
	if (listed(d, d->user->key, id, &l))
		return -1;
	if (l.n == 0)
		return dom_refuse(d, 404, "未找到 (not found)", NULL, NULL);
	*out = l.v[0];
	return 0;
}
