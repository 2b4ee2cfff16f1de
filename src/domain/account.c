/* Accounts managed in the web (account.h). */
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "auth/session.h"
#include "domain/account.h"

#define ACCOUNTS_PAGE_MAX 200

#define A(m) offsetof(struct account, m)
static const struct attr account_attrs[] = {
	{ "name", "name", "账号", ATTR_TEXT, 0, 0, 0, NULL, A(name) },
	{ "role", "role", "角色", ATTR_TEXT, 0, 0, 0, NULL, A(role) },
	{ "role_label", NULL, "角色", ATTR_TEXT, 0, 0, 0, NULL,
	    A(role_label) },
	{ "region", "region.code", "所辖地区", ATTR_TEXT, 0, 0, 0, NULL,
	    A(region) },
	{ "region_name", "region.name", "所辖地区", ATTR_TEXT, 0, 0, 0, NULL,
	    A(region_name) },
	{ "organ", "organ.id", "所在机构", ATTR_TEXT, 0, 0, 0, NULL, A(organ) },
	{ "organ_name", "organ.name", "所在机构", ATTR_TEXT, 0, 0, 0, NULL,
	    A(organ_name) },
	{ "person", "person.id", "本人", ATTR_TEXT, 0, 0, 0, NULL, A(person) },
	{ "person_name", "person.name", "本人", ATTR_TEXT, 0, 0, 0, NULL,
	    A(person_name) },
	{ "disabled", "disabled", "已停用", ATTR_BOOL, 0, 0, 0, NULL,
	    A(disabled) },
	{ "must_change_password", "must_change", "须修改密码", ATTR_BOOL, 0, 0,
	    0, NULL, A(must_change) },
	{ "locked", "locked_until", "已锁定", ATTR_BOOL, 0, 0, 0, NULL,
	    A(locked) },
	{ "state", NULL, "状态", ATTR_TEXT, 0, 0, 0, NULL, A(state) },
	{ "state_label", NULL, "状态", ATTR_TEXT, 0, 0, 0, NULL,
	    A(state_label) },
	{ "created", "created", "创建", ATTR_STAMP, 0, 0, 0, NULL, A(created) },
	{ "password_changed", "password_changed", "密码设置", ATTR_STAMP, 0, 0,
	    0, NULL, A(password_changed) },
};
#undef A
const struct entity account_entity = ENTITY("account", account_attrs);

/* A store row as shown, its texts in d's arena. */
static void
shown(struct dom *d, const struct store_account *a, struct account *x)
{
	enum role_kind r = ACCT_ADMIN;
	int known = access_role_parse(a->role, &r) == 0;
	int locked = a->locked_until > (int64_t)time(NULL);
	*x = (struct account){
		.name = dom_strdup(d, a->name), .role = dom_strdup(d, a->role),
		.role_label = known ? access_role_label(r) : dom_strdup(d,
		    a->role),
		.region = dom_strdup(d, a->region),
		.region_name = dom_strdup(d, a->region_name),
		.organ = dom_strdup(d, a->organ),
		.organ_name = dom_strdup(d, a->organ_name),
		.person = dom_strdup(d, a->person),
		.person_name = dom_strdup(d, a->person_name),
		.disabled = a->disabled != 0, .must_change = a->must_change != 0,
		.locked = locked,
		.state = a->disabled ? "disabled" : locked ? "locked" : "active",
		.state_label = a->disabled ? "已停用" : locked ? "已锁定" : "启用",
		.created = dom_strdup(d, a->created),
		.password_changed = dom_strdup(d, a->password_changed),
	};
}

struct listing {
	struct dom *d;
	struct account *v;
	size_t n, cap;
};

static int
add_item(void *ctx, const struct store_account *a)
{
	struct listing *l = ctx;
	shown(l->d, a, dom_push(l->d, &l->v, &l->n, &l->cap, sizeof *l->v));
	return 0;
}

/* The roles of mask as ",clerk,leader," in d's arena. */
static const char *
role_set(struct dom *d, unsigned mask)
{
	char *out = arena_alloc(d->arena, 128);
	size_t n = 0;
	out[n++] = ',';
	for (int r = 0; r < ACCT_COUNT; r++)
		if (mask & (1u << r))
			n += (size_t)snprintf(out + n, 128 - n, "%s,",
			    access_role_name((enum role_kind)r));
	out[n] = '\0';
	return out;
}

int
account_list(struct dom *d, const struct account_query *q,
    struct account **out, size_t *n, long *total)
{
	enum role_kind r;
	unsigned mask = authority_account_roles(d->user);
	struct store_account_filter f = {
		.path = d->user->role == ACCT_ADMIN ? NULL : d->user->path,
		.roles = role_set(d, mask), .status = q->status, .q = q->q,
		.limit = q->limit > 0 && q->limit <= ACCOUNTS_PAGE_MAX ?
		    q->limit : 50, .offset = q->offset > 0 ? q->offset : 0,
	};
	if (q->role != NULL && (access_role_parse(q->role, &r) ||
	    !(mask & (1u << r))))
		return dom_refuse(d, 400, "角色不正确 (unknown role)", q->role,
		    "role");
	f.role = q->role;
	if (q->region != NULL) {
		char *path = arena_alloc(d->arena, 512);
		int rc = store_region_path(d->store, q->region, path, 512);
		if (rc < 0)
			return dom_fail(d, 1);
		if (rc == 0)
			return dom_refuse(d, 400, "地区不存在 (unknown region)",
			    q->region, "region");
		if (f.path != NULL && strncmp(path, f.path, strlen(f.path)))
			return dom_refuse(d, 403, "该地区不在您的管辖范围内 (region "
			    "outside your scope)", q->region, "region");
		f.path = path;
	}
	if (mask == 0) {
		*out = NULL;
		*n = 0;
		*total = 0;
		return 0;
	}
	struct listing l = { d, NULL, 0, 0 };
	*total = store_count_accounts(d->store, &f);
	if (*total < 0 || store_each_account_page(d->store, &f, add_item,
	    &l) < 0)
		return dom_refuse(d, 500, "内部错误", dom_strdup(d,
		    store_error(d->store)), NULL);
	*out = l.v;
	*n = l.n;
	return 0;
}

static int
keep_one(void *ctx, const struct store_account *a)
{
	struct listing *l = ctx;
	shown(l->d, a, l->v);
	l->n = 1;
	return 0;
}

/* The account named name as stored into *out: 0, or -1 (404, 500). */
static int
reread(struct dom *d, const char *name, struct account *out)
{
	struct listing l = { d, out, 0, 0 };
	int rc = store_account_get(d->store, name, 0, keep_one, &l);
	if (rc < 0)
		return dom_refuse(d, 500, "内部错误", dom_strdup(d,
		    store_error(d->store)), NULL);
	if (rc == 0)
		return dom_refuse(d, 404, "账号不存在 (no such account)", name,
		    NULL);
	return 0;
}

int
account_get(struct dom *d, const char *name, struct account *out)
{
	if (authority_account(d->store, d->user, name, AUTHORITY_ACCOUNT_READ,
	    NULL, &d->fault))
		return -1;
	return reread(d, name, out);
}

/* authority's refusal inside the transaction: rolled back, -1. */
static int
refused(struct dom *d)
{
	store_rollback(d->store);
	return -1;
}

/* The audit entry's content: what the write set. */
static json_t *
what(const struct authority_account *w)
{
	json_t *o = json_pack("{s:s, s:s}", "name", w->name, "role", w->role);
	if (w->region)
		json_object_set_new(o, "region", json_string(w->region));
	if (w->organ)
		json_object_set_new(o, "organ", json_string(w->organ));
	if (w->person)
		json_object_set_new(o, "person", json_string(w->person));
	return o;
}

/* A fresh one-time password and its hash: 0, or -1 (500). */
static int
onetime(struct dom *d, char **pw, char hash[PASSWORD_HASH_MAX])
{
	*pw = arena_alloc(d->arena, PASSWORD_ONETIME_LEN);
	password_onetime(*pw);
	if (password_hash(*pw, hash))
		return dom_refuse(d, 500, "内部错误", "cannot hash", NULL);
	return 0;
}

int
account_create(struct dom *d, const struct authority_account *w,
    struct account_made *out)
{
	char hash[PASSWORD_HASH_MAX], *pw;
	if (onetime(d, &pw, hash))
		return -1;
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (authority_account_create(d->store, d->user, w, &d->fault))
		return refused(d);
	int rc = store_account_add(d->store, w->name, w->role, w->region,
	    w->organ, w->person, hash) || store_account_set_must_change(
	    d->store, w->name, 1) != 1;
	if (dom_write(d, rc, "account.add", "account", w->name, what(w)))
		return -1;
	out->password = pw;
	return reread(d, w->name, &out->account);
}

/*
 * Audits what session_end_account did for the account: one token.revoke
 * entry naming how many (as `lvzhi user` writes it). 0 or -1.
 */
static int
audit_ended(struct dom *d, const char *name, int n)
{
	if (n == 0)
		return 0;
	return audit_append(d->store, d->actor, "token.revoke",
	    arena_printf(d->arena, "account:%s/token:all(%d)", name, n), 1, "");
}

int
account_set_disabled(struct dom *d, const char *name, int off,
    struct account *out)
{
	struct authority_account_row a;
	int n = 0;
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (authority_account(d->store, d->user, name, off ?
	    AUTHORITY_ACCOUNT_DISABLE : AUTHORITY_ACCOUNT_ENABLE, &a,
	    &d->fault))
		return refused(d);
	int rc = store_account_set_disabled(d->store, name, off) != 1 ||
	    (off && (n = session_end_account(d->store, a.key,
	    (int64_t)time(NULL))) < 0) || audit_ended(d, name, n);
	if (dom_write(d, rc, off ? "account.disable" : "account.enable",
	    "account", name, NULL))
		return -1;
	return reread(d, name, out);
}

int
account_reset_password(struct dom *d, const char *name,
    struct account_made *out)
{
	struct authority_account_row a;
	char hash[PASSWORD_HASH_MAX], *pw;
	int n = 0;
	if (onetime(d, &pw, hash))
		return -1;
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (authority_account(d->store, d->user, name,
	    AUTHORITY_ACCOUNT_PASSWORD, &a, &d->fault))
		return refused(d);
	/* The one-time password ends what stood for the account, and must
	 * be changed at the next login (the router holds the account to
	 * the change until then). */
	int rc = store_account_set_password(d->store, name, hash) != 1 ||
	    store_account_set_must_change(d->store, name, 1) != 1 ||
	    (n = session_end_account(d->store, a.key, (int64_t)time(NULL))) < 0
	    || audit_ended(d, name, n);
	if (dom_write(d, rc, "account.reset", "account", name, NULL))
		return -1;
	out->password = pw;
	return reread(d, name, &out->account);
}

int
account_tokens(struct dom *d, const char *name, struct token **v,
    size_t *n)
{
	struct authority_account_row a;
	if (authority_account(d->store, d->user, name, AUTHORITY_ACCOUNT_READ,
	    &a, &d->fault))
		return -1;
	return token_list_of(d, a.key, NULL, v, n);
}

int
account_token_revoke(struct dom *d, const char *name, const char *id,
    int *n)
{
	struct authority_account_row a;
	int64_t now = (int64_t)time(NULL);
	if (id != NULL && (strlen(id) != TOKEN_ID_HEX - 1 ||
	    strspn(id, "0123456789abcdef") != TOKEN_ID_HEX - 1))
		return dom_refuse(d, 404, "令牌不存在 (no such token)", NULL,
		    NULL);
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (authority_account(d->store, d->user, name,
	    AUTHORITY_ACCOUNT_TOKENS, &a, &d->fault))
		return refused(d);
	*n = id != NULL ? store_token_revoke(d->store, a.key, id, now) :
	    store_token_revoke_account(d->store, a.key, now);
	if (*n < 0)
		return dom_fail(d, 1);
	if (id != NULL && *n == 0) {
		store_rollback(d->store);
		return dom_refuse(d, 404, "令牌不存在或已失效 (no such live "
		    "token)", NULL, NULL);
	}
	int rc = *n > 0 && (id != NULL ? audit_append(d->store, d->actor,
	    "token.revoke", arena_printf(d->arena, "account:%s/token:%s", name,
	    id), 1, "") : audit_ended(d, name, *n));
	return dom_commit(d, rc);
}

struct hash_seen {
	char hash[PASSWORD_HASH_MAX];
};

static int
keep_hash(void *ctx, const struct store_account *a)
{
	struct hash_seen *h = ctx;
	snprintf(h->hash, sizeof h->hash, "%s", a->password);
	return 0;
}

int
account_change_password(struct dom *d, const char *current,
    const char *fresh)
{
	const char *why = NULL;
	char seen[PASSWORD_HASH_MAX], hash[PASSWORD_HASH_MAX];
	struct hash_seen now = { "" };
	if (current == NULL || *current == '\0' || strlen(current) > 1024)
		return dom_refuse(d, 400, "请输入当前密码 (password required)",
		    NULL, "password");
	if (fresh == NULL || strlen(fresh) > 1024 || password_check(fresh,
	    &why))
		return dom_refuse(d, 400, arena_printf(d->arena, "新密码不符合要求:"
		    "%s (new password too weak)", why ? why : "请输入新密码"),
		    NULL, "new_password");
	if (strcmp(current, fresh) == 0)
		return dom_refuse(d, 400, "新密码不能与当前密码相同 (new password "
		    "equals the current one)", NULL, "new_password");
	enum login_result lr = session_reauth(d->store, d->user->key, current,
	    (int64_t)time(NULL), seen);
	if (lr != LOGIN_OK) {
		if (lr != LOGIN_ERROR)
			audit_append(d->store, d->actor, "account.passwd",
			    arena_printf(d->arena, "account:%s", d->user->name),
			    0, "");
		return lr == LOGIN_LOCKED ? dom_refuse(d, 429, "密码错误次数过多,"
		    "账号已临时锁定 (too many failed attempts)", "try again in "
		    "15 minutes", NULL) : lr == LOGIN_ERROR ? dom_refuse(d, 500,
		    "内部错误", NULL, NULL) : dom_refuse(d, 403, "当前密码错误 "
		    "(wrong password)", NULL, "password");
	}
	if (password_hash(fresh, hash))
		return dom_refuse(d, 500, "内部错误", "cannot hash", NULL);
	if (store_begin(d->store))
		return dom_fail(d, 0);
	int n = 0;
	/* The password checked is still the account's: a reset meanwhile
	 * (another server) wins. */
	if (store_account_get(d->store, NULL, d->user->key, keep_hash,
	    &now) != 1)
		return dom_fail(d, 1);
	if (strcmp(now.hash, seen) != 0) {
		store_rollback(d->store);
		return dom_refuse(d, 403, "密码已被更改,请重新登录 (the password "
		    "changed)", NULL, "password");
	}
	int rc = store_account_set_password(d->store, d->user->name, hash) != 1
	    || (n = session_end_account(d->store, d->user->key,
	    (int64_t)time(NULL))) < 0 || audit_ended(d, d->user->name, n);
	return dom_write(d, rc, "account.passwd", "account", d->user->name,
	    NULL);
}
