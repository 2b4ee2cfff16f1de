/*
 * API tokens as their owner sees them: listed (never the secret, nor its
 * digest) and revoked, one or all at once. A revoked token keeps its row,
 * with the time it was revoked, so that the account page and the audit
 * log can still name it; nothing brings it back. Making and looking up a
 * token is in store-web.c beside the sessions.
 */
#include "store/store-int.h"

enum {
	T_EACH,
	T_REVOKE,
	T_REVOKE_ACCOUNT,
	T_END
};

_Static_assert(SLOT_TOKENS + T_END <= SLOT_NOTICE_ORDERS,
    "store-tokens.c: slots");

static struct db_stmt *
stmt(struct store *s, int id)
{
	static const char *const sql[] = {
		[T_EACH] = "SELECT id, label, created, expires, "
		    "last_used, revoked FROM api_token WHERE account = ?1 AND "
		    "(?2 IS NULL OR id = ?2) ORDER BY created DESC, id LIMIT ?3",
		[T_REVOKE] = "UPDATE api_token SET revoked = ?3 "
		    "WHERE account = ?1 AND id = ?2 AND revoked = 0",
		[T_REVOKE_ACCOUNT] = "UPDATE api_token SET "
		    "revoked = ?2 WHERE account = ?1 AND revoked = 0",
	};
	return store_stmt(s, SLOT_TOKENS + id, sql[id]);
}

/* A token's row, column by column in T_EACH's order. */
#define T(m, type) STORE_COL(struct store_token, m, type)
static const struct attr token_cols[] = {
	T(id, ATTR_TEXT), T(label, ATTR_TEXT), T(created, ATTR_INT64),
	T(expires, ATTR_INT64), T(last_used, ATTR_INT64),
	T(revoked, ATTR_INT64),
};
#undef T
static const struct entity token_row_entity = ENTITY("api_token",
    token_cols);

STORE_ENTITY_ROW(token_row, struct store_token, &token_row_entity)

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
