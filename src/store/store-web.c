/*
 * The store, part two: what the web system reads and writes beyond the
 * import and the evaluation — accounts, sessions, API tokens, registry
 * browsing, audit pages (the ledger's records and evidence files are
 * store-ledger.c's).
 * Same rules as store.c: cached prepared statements, every value bound.
 */
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
	W_END
};

_Static_assert((int)W_END <= (int)STORE_SLOTS, "statement slots");

#define ACCOUNT_COLS \
	"a.key, a.name, a.role, a.password, g.code, o.id, p.id, a.organ, " \
	"a.person, a.disabled, a.failures, a.locked_until, a.created, " \
	"a.password_changed FROM account a LEFT JOIN region g ON " \
	"g.key = a.region LEFT JOIN organ o ON o.key = a.organ LEFT JOIN " \
	"person p ON p.key = a.person"

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
	    "failures = 0, locked_until = 0, password_changed = ?3 "
	    "WHERE name = ?1",
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
	[W_REGION_IN - SLOT_WEB] = "SELECT r.key, r.code, r.name, r.level, "
	    "p.code FROM region r LEFT JOIN region p ON p.key = r.parent WHERE "
	    "r.path >= ?1 AND r.path < ?2 ORDER BY r.path",
	[W_ORGAN_OF - SLOT_WEB] = "SELECT o.key, o.region, o.id, o.name, "
	    "o.kind FROM organ o JOIN region g ON g.key = o.region WHERE "
	    "g.code = ?1 ORDER BY CASE o.kind WHEN 'party_committee' THEN 0 "
	    "WHEN 'government' THEN 1 ELSE 2 END, o.id",
	[W_TENURE_OF - SLOT_WEB] = "SELECT p.key, o.key, t.id, p.id, p.name, "
	    "o.id, o.name, o.kind, g.code, g.name, g.level, t.start, t.\"end\", "
	    "t.role FROM tenure t JOIN person p ON p.key = t.person JOIN organ "
	    "o ON o.key = t.organ JOIN region g ON g.key = o.region WHERE "
	    "o.id = ?1 ORDER BY t.start DESC",
	[W_AUDIT_PAGE - SLOT_WEB] = "SELECT seq, time, actor, action, entity, "
	    "success, digest, prev, hash FROM audit WHERE (?1 = 0 OR seq < ?1) "
	    "ORDER BY seq DESC LIMIT ?2",
	[W_ORGAN_KEY - SLOT_WEB] = "SELECT key FROM organ WHERE id = ?1",
	[W_PERSON_KEY - SLOT_WEB] = "SELECT key FROM person WHERE id = ?1",
	[W_REGION_KEY - SLOT_WEB] = "SELECT key, level FROM region WHERE "
	    "code = ?1",
	[W_TENURE_OF_PERSON - SLOT_WEB] = "SELECT p.key, o.key, t.id, p.id, "
	    "p.name, o.id, o.name, o.kind, g.code, g.name, g.level, t.start, "
	    "t.\"end\", t.role FROM tenure t JOIN person p ON p.key = t.person "
	    "JOIN organ o ON o.key = t.organ JOIN region g ON g.key = o.region "
	    "WHERE p.id = ?1 ORDER BY t.start DESC",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, id, sql[id - SLOT_WEB]);
}

/* Resolves an id to a key for binding; 0 with an error when unknown. */
static int64_t
key_of(struct store *s, int slot, const char *id, const char *what)
{
	int64_t key = 0;
	if (id == NULL)
		return 0;
	struct db_stmt *st = stmt(s, slot);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		key = db_col_int64(st, 0);
	db_reset(st);
	if (rc == DB_ROW)
		return key;
	if (rc == DB_DONE)
		snprintf(s->err, sizeof s->err, "unknown %s '%s'", what, id);
	else
		store_fail(s, what);
	return -1;
}

int
store_account_add(struct store *s, const char *name, const char *role,
    const char *region, const char *organ, const char *person,
    const char *hash)
{
	int64_t rk = 0, ok = 0, pk = 0;
	if (region != NULL) {
		struct db_stmt *st = stmt(s, W_REGION_KEY);
		if (st == NULL)
			return -1;
		db_bind_text(st, 1, region);
		int rc = db_step(st);
		rk = rc == DB_ROW ? db_col_int64(st, 0) : -1;
		db_reset(st);
		if (rk < 0) {
			snprintf(s->err, sizeof s->err, "unknown region '%s'",
			    region);
			return -1;
		}
	}
	if ((organ && (ok = key_of(s, W_ORGAN_KEY, organ, "organ")) < 0) ||
	    (person && (pk = key_of(s, W_PERSON_KEY, person, "person")) < 0))
		return -1;
	struct db_stmt *st = stmt(s, W_ACCOUNT_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, role);
	db_bind_key(st, 3, rk);
	db_bind_key(st, 4, ok);
	db_bind_key(st, 5, pk);
	db_bind_text(st, 6, hash);
	char now[32];
	store_utc_now(now);
	db_bind_text(st, 7, now);
	if (store_run(s, st, "account")) {
		if (db_unique_violation(s->conn))
			snprintf(s->err, sizeof s->err,
			    "an account named '%s' exists", name);
		return -1;
	}
	return 0;
}

typedef int (*account_cb)(void *, const struct store_account *);

static int
account_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_account a = {
		.key = db_col_int64(st, 0),
		.name = db_col_text(st, 1),
		.role = db_col_text(st, 2),
		.password = db_col_text(st, 3),
		.region = db_col_text(st, 4),
		.organ = db_col_text(st, 5),
		.person = db_col_text(st, 6),
		.organ_key = db_col_int64(st, 7),
		.person_key = db_col_int64(st, 8),
		.disabled = db_col_int(st, 9),
		.failures = db_col_int(st, 10),
		.locked_until = db_col_int64(st, 11),
		.created = db_col_text(st, 12),
		.password_changed = db_col_text(st, 13),
	};
	if (cb != NULL)
		((account_cb)cb)(ctx, &a);
	return 1; /* found */
}

int
store_account_get(struct store *s, const char *name, int64_t key,
    account_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, name ? W_ACCOUNT_BY_NAME : W_ACCOUNT_BY_KEY);
	if (st == NULL)
		return -1;
	if (name != NULL)
		db_bind_text(st, 1, name);
	else
		db_bind_int64(st, 1, key);
	return store_iterate(s, st, "account", account_row, (void *)cb, ctx);
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
	struct db_stmt *st = stmt(s, W_ACCOUNT_EACH);
	return st ? store_iterate(s, st, "accounts", account_each_row, (void *)cb,
	    ctx) : -1;
}

int
store_account_set_password(struct store *s, const char *name,
    const char *hash)
{
	struct db_stmt *st = stmt(s, W_ACCOUNT_PASSWORD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, hash);
	char now[32];
	store_utc_now(now);
	db_bind_text(st, 3, now);
	return store_changed(s, st, "account");
}

int
store_account_set_disabled(struct store *s, const char *name, int disabled)
{
	struct db_stmt *st = stmt(s, W_ACCOUNT_DISABLED);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_int(st, 2, disabled);
	return store_changed(s, st, "account");
}

int
store_account_set_failures(struct store *s, int64_t key, int failures,
    int64_t locked_until)
{
	struct db_stmt *st = stmt(s, W_ACCOUNT_FAILURES);
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, key);
	db_bind_int(st, 2, failures);
	db_bind_int64(st, 3, locked_until);
	return store_changed(s, st, "account");
}

int
store_session_add(struct store *s, const char *token, int64_t account,
    const char *csrf, int64_t now)
{
	struct db_stmt *st = stmt(s, W_SESSION_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, token);
	db_bind_int64(st, 2, account);
	db_bind_text(st, 3, csrf);
	db_bind_int64(st, 4, now);
	return store_run(s, st, "session");
}

int
store_session_get(struct store *s, const char *token, int64_t *account,
    char *csrf, int64_t *last_seen, int64_t *created)
{
	struct db_stmt *st = stmt(s, W_SESSION_GET);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, token);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*account = db_col_int64(st, 0);
		snprintf(csrf, 65, "%s", db_col_text(st, 1));
		*last_seen = db_col_int64(st, 2);
		*created = db_col_int64(st, 3);
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(s, "session");
}

/* Notes a session's or an API token's use: statement id binds the
 * token's digest (?1) and the time (?2). */
static int
touch(struct store *s, int id, const char *token, int64_t now,
    const char *what)
{
	struct db_stmt *st = stmt(s, id);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, token);
	db_bind_int64(st, 2, now);
	return store_changed(s, st, what);
}

int
store_session_touch(struct store *s, const char *token, int64_t now)
{
	return touch(s, W_SESSION_TOUCH, token, now, "session");
}

int
store_session_delete(struct store *s, const char *token)
{
	return store_changed_text(s, stmt(s, W_SESSION_DELETE), "session",
	    token);
}

int
store_session_delete_account(struct store *s, int64_t account)
{
	return store_changed_int64(s, stmt(s, W_SESSION_DELETE_ACCOUNT),
	    "session", account);
}

int
store_session_purge(struct store *s, int64_t idle_before)
{
	return store_changed_int64(s, stmt(s, W_SESSION_PURGE), "session",
	    idle_before);
}

int
store_token_add(struct store *s, const char *token, const char *id,
    int64_t account, const char *label, int64_t now, int64_t expires)
{
	struct db_stmt *st = stmt(s, W_TOKEN_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, token);
	db_bind_text(st, 2, id);
	db_bind_int64(st, 3, account);
	db_bind_text(st, 4, label);
	db_bind_int64(st, 5, now);
	db_bind_int64(st, 6, expires);
	return store_run(s, st, "token");
}

int
store_token_get(struct store *s, const char *token, int64_t now,
    int64_t *account, int64_t *last_used)
{
	struct db_stmt *st = stmt(s, W_TOKEN_GET);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, token);
	db_bind_int64(st, 2, now);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*account = db_col_int64(st, 0);
		*last_used = db_col_int64(st, 1);
	}
	db_reset(st);
	if (rc == DB_DONE)
		return 0;
	return rc == DB_ROW ? 1 : store_fail(s, "token");
}

int
store_token_touch(struct store *s, const char *token, int64_t now)
{
	return touch(s, W_TOKEN_USED, token, now, "token") < 0 ? -1 : 0;
}

static void
copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

int
store_organ_info(struct store *s, const char *id,
    struct store_organ_info *out)
{
	struct db_stmt *st = stmt(s, W_ORGAN_INFO);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->key = db_col_int64(st, 0);
		out->region_key = db_col_int64(st, 1);
		copy(out->id, sizeof out->id, db_col_text(st, 2));
		copy(out->name, sizeof out->name, db_col_text(st, 3));
		copy(out->kind, sizeof out->kind, db_col_text(st, 4));
		copy(out->region, sizeof out->region, db_col_text(st, 5));
		copy(out->region_name, sizeof out->region_name,
		    db_col_text(st, 6));
		copy(out->region_level, sizeof out->region_level,
		    db_col_text(st, 7));
		copy(out->path, sizeof out->path, db_col_text(st, 8));
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(s, "organ");
}

int
store_region_path(struct store *s, const char *code, char *out, size_t n)
{
	struct db_stmt *st = stmt(s, W_REGION_PATH);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, code);
	int rc = db_step(st);
	if (rc == DB_ROW)
		copy(out, n, db_col_text(st, 0));
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(s, "region");
}

typedef int (*region_cb)(void *, const struct store_region *);

int
store_each_region_in(struct store *s, const char *path, region_cb cb,
    void *ctx)
{
	char end[512];
	size_t len = strlen(path);
	if (len == 0 || len >= sizeof end)
		return -1;
	struct db_stmt *st = stmt(s, W_REGION_IN);
	if (st == NULL)
		return -1;
	store_bind_subtree(st, 1, path, end);
	return store_iterate(s, st, "regions", store_region_row, (void *)cb, ctx);
}

typedef int (*organ_cb)(void *, const struct store_organ *);

int
store_each_organ_of(struct store *s, const char *region, organ_cb cb,
    void *ctx)
{
	return store_each_text(s, stmt(s, W_ORGAN_OF), 1, region, "organs",
	    store_organ_row, (void *)cb, ctx);
}

typedef int (*tenure_cb)(void *, const struct store_tenure *);

static int
tenure_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_tenure t;
	store_read_tenure(st, &t);
	t.role = db_col_text(st, 13);
	return ((tenure_cb)cb)(ctx, &t);
}

int
store_each_tenure_of(struct store *s, const char *organ, tenure_cb cb,
    void *ctx)
{
	return store_each_text(s, stmt(s, W_TENURE_OF), 1, organ, "tenures",
	    tenure_row, (void *)cb, ctx);
}

typedef int (*audit_cb)(void *, const struct store_audit *);

int
store_each_audit_page(struct store *s, int64_t before, int limit,
    audit_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, W_AUDIT_PAGE);
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, before);
	db_bind_int(st, 2, limit);
	return store_iterate(s, st, "audit", store_audit_row, (void *)cb, ctx);
}

static int
lookup(struct store *s, int slot, const char *id, int64_t *key)
{
	struct db_stmt *st = stmt(s, slot);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*key = db_col_int64(st, 0);
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(s, "lookup");
}

int
store_organ_key(struct store *s, const char *id, int64_t *key)
{
	return lookup(s, W_ORGAN_KEY, id, key);
}

int
store_person_key(struct store *s, const char *id, int64_t *key)
{
	return lookup(s, W_PERSON_KEY, id, key);
}

int
store_region_key(struct store *s, const char *code, int64_t *key,
    char *level, size_t n)
{
	struct db_stmt *st = stmt(s, W_REGION_KEY);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, code);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*key = db_col_int64(st, 0);
		copy(level, n, db_col_text(st, 1));
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(s, "region");
}

int
store_each_tenure_of_person(struct store *s, const char *person,
    tenure_cb cb, void *ctx)
{
	return store_each_text(s, stmt(s, W_TENURE_OF_PERSON), 1, person,
	    "tenures", tenure_row, (void *)cb, ctx);
}
