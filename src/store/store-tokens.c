/*
 * API tokens as their owner sees them: listed (never the secret, nor its
 * digest) and revoked, one or all at once. A revoked token keeps its row,
 * with the time it was revoked, so that the account page and the audit
 * log can still name it; nothing brings it back. Making and looking up a
 * token is in store-web.c beside the sessions.
 */
#include "store/store-int.h"

enum {
	T_EACH = SLOT_TOKENS,
	T_REVOKE,
	T_REVOKE_ACCOUNT,
	T_END
};

_Static_assert((int)T_END <= (int)SLOT_SEPARATION, "store-tokens.c: slots");

static struct db_stmt *
stmt(struct store *s, int id)
{
	static const char *const sql[] = {
		[T_EACH - SLOT_TOKENS] = "SELECT id, label, created, expires, "
		    "last_used, revoked FROM api_token WHERE account = ?1 AND "
		    "(?2 IS NULL OR id = ?2) ORDER BY created DESC, id LIMIT ?3",
		[T_REVOKE - SLOT_TOKENS] = "UPDATE api_token SET revoked = ?3 "
		    "WHERE account = ?1 AND id = ?2 AND revoked = 0",
		[T_REVOKE_ACCOUNT - SLOT_TOKENS] = "UPDATE api_token SET "
		    "revoked = ?2 WHERE account = ?1 AND revoked = 0",
	};
	return store_stmt(s, id, sql[id - SLOT_TOKENS]);
}

static int
token_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_token t = {
		.id = db_col_text(st, 0),
		.label = db_col_text(st, 1),
		.created = db_col_int64(st, 2),
		.expires = db_col_int64(st, 3),
		.last_used = db_col_int64(st, 4),
		.revoked = db_col_int64(st, 5),
	};
	return ((int (*)(void *, const struct store_token *))cb)(ctx, &t);
}

int
store_each_token(struct store *s, int64_t account, const char *id,
    int limit, int (*cb)(void *, const struct store_token *), void *ctx)
{
	return store_each(s, stmt(s, T_EACH), "api_token", token_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT64(account), DB_TEXT(id),
	    DB_INT(limit)));
}

int
store_token_revoke(struct store *s, int64_t account, const char *id,
    int64_t now)
{
	return store_change(s, stmt(s, T_REVOKE), "api_token",
	    DB_ARGS(DB_INT64(account), DB_TEXT(id), DB_INT64(now)));
}

int
store_token_revoke_account(struct store *s, int64_t account, int64_t now)
{
	if (store_exec(s, stmt(s, T_REVOKE_ACCOUNT), "api_token",
	    DB_ARGS(DB_INT64(account), DB_INT64(now))))
		return -1;
	return (int)db_changes(s->conn);
}
