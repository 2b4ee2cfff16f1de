/*
 * The store, part two: what the web system reads and writes beyond the
 * import and the evaluation — accounts, sessions, API tokens, registry
 * browsing, audit pages (the ledger's records and evidence files are
 * store-ledger.c's).
 * Same rules as store.c: cached prepared statements, every value bound.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"

enum {
	W_ACCOUNT_ADD = SLOT_WEB,
	W_ACCOUNT_BY_NAME,
	W_ACCOUNT_BY_KEY,
	W_ACCOUNT_EACH,
	W_ACCOUNT_PASSWORD,
	W_ACCOUNT_DISABLED,
	W_ACCOUNT_FAILURES,
	W_SESSION_ADD,
	W_SESSION_GET,
	W_SESSION_TOUCH,
	W_SESSION_DELETE,
	W_SESSION_DELETE_ACCOUNT,
	W_SESSION_PURGE,
	W_TOKEN_ADD,
	W_TOKEN_GET,
	W_TOKEN_USED,
	W_ORGAN_INFO,
	W_REGION_PATH,
	W_REGION_IN,
	W_ORGAN_OF,
	W_TENURE_OF,
	W_AUDIT_PAGE,
	W_ORGAN_KEY,
	W_PERSON_KEY,
	W_REGION_KEY,
	W_TENURE_OF_PERSON,
	W_ACCOUNT_MUST_CHANGE,
	W_ACCOUNT_PAGE,
	W_ACCOUNT_COUNT,
	W_ACCOUNT_ADMINS,
	W_END
};

_Static_assert((int)W_END <= (int)SLOT_SUPERVISION, "statement slots");

#define ACCOUNT_COLS \
	"a.key, a.name, a.role, a.password, g.code, o.id, p.id, a.organ, " \
	"a.person, a.disabled, a.failures, a.locked_until, a.created, " \
	"a.password_changed, a.must_change, coalesce(g.path, og.path), " \
	"g.name, o.name, p.name FROM account a LEFT JOIN region g ON " \
	"g.key = a.region LEFT JOIN organ o ON o.key = a.organ LEFT JOIN " \
	"region og ON og.key = o.region LEFT JOIN person p ON p.key = " \
	"a.person"
/* The filters of store_account_filter as ?1..?6 (the subtree as ?1, its
 * end ?2). */
#define ACCOUNT_FILTER " WHERE (?1 IS NULL OR (coalesce(g.path, og.path) " \
	">= ?1 AND coalesce(g.path, og.path) < ?2)) AND (?3 IS NULL OR ?3 " \
	"LIKE '%,' || a.role || ',%') AND (?4 IS NULL OR a.role = ?4) AND " \
	"(?5 < 0 OR a.disabled = ?5) AND (?6 IS NULL OR instr(a.name, ?6) > 0)"

/* The tenures (with their role) of an organ or a person, latest first. */
#define TENURES(where) "SELECT " STORE_TENURE_COLS ", t.role FROM tenure t " \
	"JOIN person p ON p.key = t.person JOIN organ o ON o.key = t.organ " \
	"JOIN region g ON g.key = o.region WHERE " where \
	" ORDER BY t.start DESC"

static const char *const sql[] = {
	[W_ACCOUNT_ADD - SLOT_WEB] = "INSERT INTO account(name, role, region, "
	    "organ, person, password, created, password_changed) VALUES (?1, "
	    "?2, ?3, ?4, ?5, ?6, ?7, ?7)",
	[W_ACCOUNT_BY_NAME - SLOT_WEB] = "SELECT " ACCOUNT_COLS
	    " WHERE a.name = ?1",
	[W_ACCOUNT_BY_KEY - SLOT_WEB] = "SELECT " ACCOUNT_COLS
	    " WHERE a.key = ?1",
	[W_ACCOUNT_EACH - SLOT_WEB] = "SELECT " ACCOUNT_COLS " ORDER BY a.name",
	[W_ACCOUNT_PASSWORD - SLOT_WEB] = "UPDATE account SET password = ?2, "
	    "failures = 0, locked_until = 0, password_changed = ?3, "
	    "must_change = 0 WHERE name = ?1",
	[W_ACCOUNT_DISABLED - SLOT_WEB] = "UPDATE account SET disabled = ?2 "
	    "WHERE name = ?1",
	[W_ACCOUNT_FAILURES - SLOT_WEB] = "UPDATE account SET failures = ?2, "
	    "locked_until = ?3 WHERE key = ?1",
	[W_SESSION_ADD - SLOT_WEB] = "INSERT INTO session(token, account, csrf, "
	    "created, last_seen) VALUES (?1, ?2, ?3, ?4, ?4)",
	[W_SESSION_GET - SLOT_WEB] = "SELECT account, csrf, last_seen, created "
	    "FROM session WHERE token = ?1",
	[W_SESSION_TOUCH - SLOT_WEB] = "UPDATE session SET last_seen = ?2 "
	    "WHERE token = ?1",
	[W_SESSION_DELETE - SLOT_WEB] = "DELETE FROM session WHERE token = ?1",
	[W_SESSION_DELETE_ACCOUNT - SLOT_WEB] = "DELETE FROM session WHERE "
	    "account = ?1",
	[W_SESSION_PURGE - SLOT_WEB] = "DELETE FROM session WHERE "
	    "last_seen < ?1",
	[W_TOKEN_ADD - SLOT_WEB] = "INSERT INTO api_token(token, id, account, "
	    "label, created, expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[W_TOKEN_GET - SLOT_WEB] = "SELECT t.account, t.last_used FROM "
	    "api_token t JOIN "
	    "account a ON a.key = t.account WHERE t.token = ?1 AND "
	    "t.revoked = 0 AND t.expires > ?2",
	[W_TOKEN_USED - SLOT_WEB] = "UPDATE api_token SET last_used = ?2 "
	    "WHERE token = ?1 AND last_used < ?2 - 60",
	[W_ORGAN_INFO - SLOT_WEB] = "SELECT o.key, o.region, o.id, o.name, "
	    "o.kind, g.code, g.name, g.level, g.path FROM organ o JOIN region "
	    "g ON g.key = o.region WHERE o.id = ?1",
	[W_REGION_PATH - SLOT_WEB] = "SELECT path FROM region WHERE code = ?1",
	[W_REGION_IN - SLOT_WEB] = "SELECT " STORE_REGION_COLS " FROM region r "
	    "LEFT JOIN region p ON p.key = r.parent WHERE r.path >= ?1 AND "
	    "r.path < ?2 ORDER BY r.path",
	[W_ORGAN_OF - SLOT_WEB] = "SELECT " STORE_ORGAN_COLS " FROM organ o "
	    "JOIN region g ON g.key = o.region WHERE g.code = ?1 ORDER BY "
	    "CASE o.kind WHEN 'party_committee' THEN 0 WHEN 'government' THEN 1 "
	    "ELSE 2 END, o.id",
	[W_TENURE_OF - SLOT_WEB] = TENURES("o.id = ?1"),
	[W_AUDIT_PAGE - SLOT_WEB] = "SELECT " STORE_AUDIT_COLS " FROM audit "
	    "WHERE (?1 = 0 OR seq < ?1) ORDER BY seq DESC LIMIT ?2",
	[W_ORGAN_KEY - SLOT_WEB] = "SELECT key FROM organ WHERE id = ?1",
	[W_PERSON_KEY - SLOT_WEB] = "SELECT key FROM person WHERE id = ?1",
	[W_REGION_KEY - SLOT_WEB] = "SELECT key, level FROM region WHERE "
	    "code = ?1",
	[W_TENURE_OF_PERSON - SLOT_WEB] = TENURES("p.id = ?1"),
	[W_ACCOUNT_MUST_CHANGE - SLOT_WEB] = "UPDATE account SET "
	    "must_change = ?2 WHERE name = ?1",
	[W_ACCOUNT_PAGE - SLOT_WEB] = "SELECT " ACCOUNT_COLS ACCOUNT_FILTER
	    " ORDER BY a.name LIMIT ?7 OFFSET ?8",
	[W_ACCOUNT_COUNT - SLOT_WEB] = "SELECT count(*) FROM account a LEFT "
	    "JOIN region g ON g.key = a.region LEFT JOIN organ o ON o.key = "
	    "a.organ LEFT JOIN region og ON og.key = o.region" ACCOUNT_FILTER,
	[W_ACCOUNT_ADMINS - SLOT_WEB] = "SELECT count(*) FROM account WHERE "
	    "role = 'admin' AND disabled = 0",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, id, sql[id - SLOT_WEB]);
}

typedef int (*account_cb)(void *, const struct store_account *);
typedef int (*region_cb)(void *, const struct store_region *);
typedef int (*organ_cb)(void *, const struct store_organ *);
typedef int (*tenure_cb)(void *, const struct store_tenure *);
typedef int (*audit_cb)(void *, const struct store_audit *);

/* An account row: ACCOUNT_COLS in order. */
#define A(m, t) STORE_COL(struct store_account, m, t)
static const struct attr account_cols[] = {
	A(key, ATTR_INT64), A(name, ATTR_TEXT), A(role, ATTR_TEXT),
	A(password, ATTR_TEXT), A(region, ATTR_TEXT), A(organ, ATTR_TEXT),
	A(person, ATTR_TEXT), A(organ_key, ATTR_INT64),
	A(person_key, ATTR_INT64), A(disabled, ATTR_INT), A(failures, ATTR_INT),
	A(locked_until, ATTR_INT64), A(created, ATTR_TEXT),
	A(password_changed, ATTR_TEXT), A(must_change, ATTR_INT),
	A(path, ATTR_TEXT), A(region_name, ATTR_TEXT), A(organ_name, ATTR_TEXT),
	A(person_name, ATTR_TEXT),
};
#undef A
static const struct entity account_row_ent = ENTITY("account",
    account_cols);

STORE_ENTITY_ROW(region_row, struct store_region, &store_region_row)
STORE_ENTITY_ROW(organ_row, struct store_organ, &store_organ_row)
STORE_ENTITY_ROW(tenure_row, struct store_tenure, &store_tenure_role_row)
STORE_ENTITY_ROW(audit_row, struct store_audit, &store_audit_row)

static void
copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* A key (column 0) into *out, and where n is not 0 the text of column 1
 * (a region's level) into the n bytes after. */
struct key_out {
	int64_t *key;
	char *text;
	size_t n;
};

static int
key_row(struct db_stmt *st, void *out, void *ctx)
{
	(void)ctx;
	const struct key_out *k = out;
	*k->key = db_col_int64(st, 0);
	if (k->n > 0)
		copy(k->text, k->n, db_col_text(st, 1));
	return 1;
}

/* The key of id by statement slot (its ?1): 1, 0 (unknown) or -1. */
static int
lookup(struct store *s, int slot, const char *id, const char *what,
    struct key_out out)
{
	return store_one(s, stmt(s, slot), what, key_row, &out, NULL,
	    DB_ARGS(DB_TEXT(id)));
}

/* Resolves an id to a key for binding: -1 with an error when unknown. */
static int64_t
key_of(struct store *s, int slot, const char *id, const char *what)
{
	int64_t key = 0;
	int rc = lookup(s, slot, id, what, (struct key_out){&key, NULL, 0});
	if (rc == 0)
		snprintf(s->err, sizeof s->err, "unknown %s '%s'", what, id);
	return rc == 1 ? key : -1;
}

int
store_account_add(struct store *s, const char *name, const char *role,
    const char *region, const char *organ, const char *person,
    const char *hash)
{
	int64_t rk = 0, ok = 0, pk = 0;
	if ((region && (rk = key_of(s, W_REGION_KEY, region, "region")) < 0) ||
	    (organ && (ok = key_of(s, W_ORGAN_KEY, organ, "organ")) < 0) ||
	    (person && (pk = key_of(s, W_PERSON_KEY, person, "person")) < 0))
		return -1;
	char now[32];
	store_utc_now(now);
	if (store_exec(s, stmt(s, W_ACCOUNT_ADD), "account",
	    DB_ARGS(DB_TEXT(name), DB_TEXT(role), DB_KEY(rk), DB_KEY(ok),
	    DB_KEY(pk), DB_TEXT(hash), DB_TEXT(now)))) {
		if (db_unique_violation(s->conn))
			snprintf(s->err, sizeof s->err,
			    "an account named '%s' exists", name);
		return -1;
	}
	return 0;
}

static int
account_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_account a = {0};
	store_read_entity(st, 0, &account_row_ent, &a);
	if (cb != NULL)
		((account_cb)cb)(ctx, &a);
	return 1; /* found */
}

int
store_account_get(struct store *s, const char *name, int64_t key,
    account_cb cb, void *ctx)
{
	return store_each(s, stmt(s, name ? W_ACCOUNT_BY_NAME :
	    W_ACCOUNT_BY_KEY), "account", account_row, (void *)cb, ctx,
	    DB_ARGS(name ? DB_TEXT(name) : DB_INT64(key)));
}

static int
account_each_row(struct db_stmt *st, void *cb, void *ctx)
{
	account_row(st, cb, ctx);
	return 0;
}

int
store_each_account(struct store *s, account_cb cb, void *ctx)
{
	return store_each(s, stmt(s, W_ACCOUNT_EACH), "accounts",
	    account_each_row, (void *)cb, ctx, 0, NULL);
}

int
store_account_set_password(struct store *s, const char *name,
    const char *hash)
{
	char now[32];
	store_utc_now(now);
	return store_change(s, stmt(s, W_ACCOUNT_PASSWORD), "account",
	    DB_ARGS(DB_TEXT(name), DB_TEXT(hash), DB_TEXT(now)));
}

int
store_account_set_disabled(struct store *s, const char *name, int disabled)
{
	return store_change(s, stmt(s, W_ACCOUNT_DISABLED), "account",
	    DB_ARGS(DB_TEXT(name), DB_INT(disabled)));
}

int
store_account_set_failures(struct store *s, int64_t key, int failures,
    int64_t locked_until)
{
	return store_change(s, stmt(s, W_ACCOUNT_FAILURES), "account",
	    DB_ARGS(DB_INT64(key), DB_INT(failures), DB_INT64(locked_until)));
}

int
store_account_set_must_change(struct store *s, const char *name, int on)
{
	return store_change(s, stmt(s, W_ACCOUNT_MUST_CHANGE), "account",
	    DB_ARGS(DB_TEXT(name), DB_INT(on != 0)));
}

/* The filter as ?1..?6 in a[0..5]; end keeps the subtree's end. */
static void
account_filter(const struct store_account_filter *f, char end[512],
    struct db_arg a[6])
{
	if (f->path != NULL)
		store_path_end(f->path, end, 512);
	a[0] = DB_TEXT(f->path);
	a[1] = DB_TEXT(f->path != NULL ? end : NULL);
	a[2] = DB_TEXT(f->roles);
	a[3] = DB_TEXT(f->role);
	a[4] = DB_INT(f->status);
	a[5] = DB_TEXT(f->q && *f->q ? f->q : NULL);
}

int
store_each_account_page(struct store *s,
    const struct store_account_filter *f, account_cb cb, void *ctx)
{
	char end[512];
	struct db_arg a[8];
	account_filter(f, end, a);
	a[6] = DB_INT(f->limit > 0 ? f->limit : 50);
	a[7] = DB_INT(f->offset > 0 ? f->offset : 0);
	return store_each(s, stmt(s, W_ACCOUNT_PAGE), "accounts",
	    account_each_row, (void *)cb, ctx, 8, a);
}

long
store_count_accounts(struct store *s, const struct store_account_filter *f)
{
	char end[512];
	struct db_arg a[6];
	int64_t n = 0;
	account_filter(f, end, a);
	if (store_one(s, stmt(s, W_ACCOUNT_COUNT), "accounts",
	    store_int64_row, NULL, &n, 6, a) != 1)
		return -1;
	return (long)n;
}

long
store_count_admins(struct store *s)
{
	int64_t n = 0;
	if (store_one(s, stmt(s, W_ACCOUNT_ADMINS), "accounts",
	    store_int64_row, NULL, &n, 0, NULL) != 1)
		return -1;
	return (long)n;
}

int
store_session_add(struct store *s, const char *token, int64_t account,
    const char *csrf, int64_t now)
{
	return store_exec(s, stmt(s, W_SESSION_ADD), "session",
	    DB_ARGS(DB_TEXT(token), DB_INT64(account), DB_TEXT(csrf),
	    DB_INT64(now)));
}

struct session_out {
	int64_t *account;
	char *csrf; /* 65 bytes */
	int64_t *last_seen, *created;
};

static int
session_row(struct db_stmt *st, void *out, void *ctx)
{
	(void)ctx;
	const struct session_out *o = out;
	*o->account = db_col_int64(st, 0);
	snprintf(o->csrf, 65, "%s", db_col_text(st, 1));
	*o->last_seen = db_col_int64(st, 2);
	*o->created = db_col_int64(st, 3);
	return 1;
}

int
store_session_get(struct store *s, const char *token, int64_t *account,
    char *csrf, int64_t *last_seen, int64_t *created)
{
	struct session_out out = {account, csrf, last_seen, created};
	return store_one(s, stmt(s, W_SESSION_GET), "session", session_row,
	    &out, NULL, DB_ARGS(DB_TEXT(token)));
}

/* Notes a session's or an API token's use: statement id binds the
 * token's digest (?1) and the time (?2). */
static int
touch(struct store *s, int id, const char *token, int64_t now,
    const char *what)
{
	return store_change(s, stmt(s, id), what,
	    DB_ARGS(DB_TEXT(token), DB_INT64(now)));
}

int
store_session_touch(struct store *s, const char *token, int64_t now)
{
	return touch(s, W_SESSION_TOUCH, token, now, "session");
}

int
store_session_delete(struct store *s, const char *token)
{
	return store_change(s, stmt(s, W_SESSION_DELETE), "session",
	    DB_ARGS(DB_TEXT(token)));
}

int
store_session_delete_account(struct store *s, int64_t account)
{
	return store_change(s, stmt(s, W_SESSION_DELETE_ACCOUNT), "session",
	    DB_ARGS(DB_INT64(account)));
}

int
store_session_purge(struct store *s, int64_t idle_before)
{
	return store_change(s, stmt(s, W_SESSION_PURGE), "session",
	    DB_ARGS(DB_INT64(idle_before)));
}

int
store_token_add(struct store *s, const char *token, const char *id,
    int64_t account, const char *label, int64_t now, int64_t expires)
{
	return store_exec(s, stmt(s, W_TOKEN_ADD), "token",
	    DB_ARGS(DB_TEXT(token), DB_TEXT(id), DB_INT64(account),
	    DB_TEXT(label), DB_INT64(now), DB_INT64(expires)));
}

/* A token's account and last use into out[0], out[1]. */
static int
token_row(struct db_stmt *st, void *out, void *ctx)
{
	(void)ctx;
	((int64_t *)out)[0] = db_col_int64(st, 0);
	((int64_t *)out)[1] = db_col_int64(st, 1);
	return 1;
}

int
store_token_get(struct store *s, const char *token, int64_t now,
    int64_t *account, int64_t *last_used)
{
	int64_t v[2];
	int rc = store_one(s, stmt(s, W_TOKEN_GET), "token", token_row, v,
	    NULL, DB_ARGS(DB_TEXT(token), DB_INT64(now)));
	if (rc == 1) {
		*account = v[0];
		*last_used = v[1];
	}
	return rc;
}

int
store_token_touch(struct store *s, const char *token, int64_t now)
{
	return touch(s, W_TOKEN_USED, token, now, "token") < 0 ? -1 : 0;
}

static int
organ_info_row(struct db_stmt *st, void *out, void *ctx)
{
	(void)ctx;
	struct store_organ_info *o = out;
	o->key = db_col_int64(st, 0);
	o->region_key = db_col_int64(st, 1);
	copy(o->id, sizeof o->id, db_col_text(st, 2));
	copy(o->name, sizeof o->name, db_col_text(st, 3));
	copy(o->kind, sizeof o->kind, db_col_text(st, 4));
	copy(o->region, sizeof o->region, db_col_text(st, 5));
	copy(o->region_name, sizeof o->region_name, db_col_text(st, 6));
	copy(o->region_level, sizeof o->region_level, db_col_text(st, 7));
	copy(o->path, sizeof o->path, db_col_text(st, 8));
	return 1;
}

int
store_organ_info(struct store *s, const char *id,
    struct store_organ_info *out)
{
	return store_one(s, stmt(s, W_ORGAN_INFO), "organ", organ_info_row,
	    out, NULL, DB_ARGS(DB_TEXT(id)));
}

int
store_region_path(struct store *s, const char *code, char *out, size_t n)
{
	return store_one_text(s, stmt(s, W_REGION_PATH), "region", out, n,
	    DB_ARGS(DB_TEXT(code)));
}

int
store_each_region_in(struct store *s, const char *path, region_cb cb,
    void *ctx)
{
	char end[512];
	size_t len = strlen(path);
	if (len == 0 || len >= sizeof end)
		return -1;
	store_path_end(path, end, sizeof end);
	return store_each(s, stmt(s, W_REGION_IN), "regions", region_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(path), DB_TEXT(end)));
}

int
store_each_organ_of(struct store *s, const char *region, organ_cb cb,
    void *ctx)
{
	return store_each(s, stmt(s, W_ORGAN_OF), "organs", organ_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(region)));
}

/* The tenures of an organ or a person (slot), by its id. */
static int
each_tenure(struct store *s, int slot, const char *id, tenure_cb cb,
    void *ctx)
{
	return store_each(s, stmt(s, slot), "tenures", tenure_row, (void *)cb,
	    ctx, DB_ARGS(DB_TEXT(id)));
}

int
store_each_tenure_of(struct store *s, const char *organ, tenure_cb cb,
    void *ctx)
{
	return each_tenure(s, W_TENURE_OF, organ, cb, ctx);
}

int
store_each_audit_page(struct store *s, int64_t before, int limit,
    audit_cb cb, void *ctx)
{
	return store_each(s, stmt(s, W_AUDIT_PAGE), "audit", audit_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT64(before), DB_INT(limit)));
}

int
store_organ_key(struct store *s, const char *id, int64_t *key)
{
	return lookup(s, W_ORGAN_KEY, id, "lookup",
	    (struct key_out){key, NULL, 0});
}

int
store_person_key(struct store *s, const char *id, int64_t *key)
{
	return lookup(s, W_PERSON_KEY, id, "lookup",
	    (struct key_out){key, NULL, 0});
}

int
store_region_key(struct store *s, const char *code, int64_t *key,
    char *level, size_t n)
{
	return lookup(s, W_REGION_KEY, code, "region",
	    (struct key_out){key, level, n});
}

int
store_each_tenure_of_person(struct store *s, const char *person,
    tenure_cb cb, void *ctx)
{
	return each_tenure(s, W_TENURE_OF_PERSON, person, cb, ctx);
}
