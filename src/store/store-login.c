/*
 * Failed logins by client address, and login marks (an unknown name's
 * failures and lock, a throttled address's audit mark). They live in the
 * database, not in a server's memory, so that every `lvzhi serve` sharing
 * one database counts the same attempts.
 */

#include "store/store-int.h"

enum {
	L_COUNT,
	L_ADD,
	L_PRUNE,
	L_MARK_GET,
	L_MARK_SET,
	L_MARK_PRUNE,
	L_MARK_CLAIM,
	L_SECRET_ADD,
	L_SECRET_GET,
	L_END
};

_Static_assert(SLOT_LOGIN + L_END <= SLOT_PG_IMPORT, "store-login.c: slots");

static struct db_stmt *
stmt(struct store *s, int id)
{
	static const char *const sql[] = {
		[L_COUNT] = ("SELECT count(*), coalesce(min(at), "
		    "0) FROM login_failure WHERE ip = ?1 AND at >= ?2"),
		[L_ADD] =
		    "INSERT INTO login_failure (ip, at) VALUES (?1, ?2)",
		[L_PRUNE] =
		    "DELETE FROM login_failure WHERE at < ?1",
		[L_MARK_GET] = "SELECT failures, locked_until "
		    "FROM login_mark WHERE key = ?1",
		[L_MARK_SET] = "INSERT INTO login_mark (key, "
		    "failures, locked_until, at) VALUES (?1, ?2, ?3, ?4) "
		    "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
		    "locked_until = excluded.locked_until, at = excluded.at",
		[L_MARK_PRUNE] = "DELETE FROM login_mark "
		    "WHERE at < ?1 AND locked_until < ?2",
		[L_MARK_CLAIM] = "INSERT INTO login_mark (key, "
		    "failures, locked_until, at) VALUES (?1, 0, ?2, ?3) "
		    "ON CONFLICT (key) DO UPDATE SET locked_until = "
		    "excluded.locked_until, at = excluded.at "
		    "WHERE login_mark.locked_until <= excluded.at",
		[L_SECRET_ADD] = "INSERT INTO login_secret (id, "
		    "secret) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING",
		[L_SECRET_GET] =
		    "SELECT secret FROM login_secret WHERE id = 1",
	};
	return store_stmt(s, SLOT_LOGIN + id, sql[id]);
}

/* The row's two integers (columns 0 and 1) into the int64_t[2] ctx. */
static int
two_numbers(struct db_stmt *st, void *cb, void *ctx)
{
	int64_t *v = ctx;
	(void)cb;
	v[0] = db_col_int64(st, 0);
	v[1] = db_col_int64(st, 1);
	return 0;
}

int
store_login_failures(struct store *s, const char *ip, int64_t since,
    int64_t *oldest)
{
	int64_t v[2];
	if (store_one(s, stmt(s, L_COUNT), "login_failure", two_numbers, NULL,
	    v, DB_ARGS(DB_TEXT(ip), DB_INT64(since))) != 1)
		return -1;
	*oldest = v[1];
	return (int)v[0];
}

int
store_login_failure_add(struct store *s, const char *ip, int64_t now,
    int64_t prune_before)
{
	if (store_exec(s, stmt(s, L_PRUNE), "login_failure",
	    DB_ARGS(DB_INT64(prune_before))))
		return -1;
	return store_exec(s, stmt(s, L_ADD), "login_failure",
	    DB_ARGS(DB_TEXT(ip), DB_INT64(now)));
}

int
store_login_mark_get(struct store *s, const char *key, int *failures,
    int64_t *locked_until)
{
	int64_t v[2] = { 0, 0 };
	int rc = store_one(s, stmt(s, L_MARK_GET), "login_mark", two_numbers,
	    NULL, v, DB_ARGS(DB_TEXT(key)));
	*failures = (int)v[0];
	*locked_until = v[1];
	return rc;
}

int
store_login_mark_set(struct store *s, const char *key, int failures,
    int64_t locked_until, int64_t now, int64_t prune_before)
{
	if (store_exec(s, stmt(s, L_MARK_PRUNE), "login_mark",
	    DB_ARGS(DB_INT64(prune_before), DB_INT64(now))))
		return -1;
	return store_exec(s, stmt(s, L_MARK_SET), "login_mark",
	    DB_ARGS(DB_TEXT(key), DB_INT(failures), DB_INT64(locked_until),
	    DB_INT64(now)));
}

int
store_login_mark_claim(struct store *s, const char *key, int64_t until,
    int64_t now)
{
	return store_change(s, stmt(s, L_MARK_CLAIM), "login_mark",
	    DB_ARGS(DB_TEXT(key), DB_INT64(until), DB_INT64(now)));
}

int
store_login_secret(struct store *s, const char *fresh, char *out,
    size_t n)
{
	/* Read first: the key is written once in a database's life. */
	for (int pass = 0; pass < 2; pass++) {
		struct db_stmt *st = stmt(s, L_SECRET_GET);
		if (st == NULL)
			return -1;
		int rc = store_first_text(s, st, "login_secret", out, n);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
		if (pass == 0 && store_exec(s, stmt(s, L_SECRET_ADD),
		    "login_secret", DB_ARGS(DB_TEXT(fresh))))
			return -1;
	}
	return store_fail(s, "login_secret");
}
