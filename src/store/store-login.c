/*
 * Failed logins by client address. They live in the
 * database, not in a server's memory, so that every `lvzhi serve` sharing
 * one database counts the same attempts.
 */
#include "store/store-int.h"

enum {
	L_COUNT = SLOT_LOGIN,
	L_ADD,
	L_PRUNE,
	L_END
};

_Static_assert((int)L_END <= (int)SLOT_PG_IMPORT, "store-login.c: slots");

static struct db_stmt *
stmt(struct store *s, int id)
{
	static const char *const sql[] = {
		[L_COUNT - SLOT_LOGIN] = ("SELECT count(*), coalesce(min(at), "
		    "0) FROM login_failure WHERE ip = ?1 AND at >= ?2"),
		[L_ADD - SLOT_LOGIN] =
		    "INSERT INTO login_failure (ip, at) VALUES (?1, ?2)",
		[L_PRUNE - SLOT_LOGIN] =
		    "DELETE FROM login_failure WHERE at < ?1",
	};
	return store_stmt(s, id, sql[id - SLOT_LOGIN]);
}

int
store_login_failures(struct store *s, const char *ip, int64_t since,
    int64_t *oldest)
{
	struct db_stmt *st = stmt(s, L_COUNT);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, ip);
	db_bind_int64(st, 2, since);
	if (db_step(st) != DB_ROW) {
		store_fail(s, "login_failure");
		db_reset(st);
		return -1;
	}
	int n = (int)db_col_int64(st, 0);
	*oldest = db_col_int64(st, 1);
	db_reset(st);
	return n;
}

int
store_login_failure_add(struct store *s, const char *ip, int64_t now,
    int64_t prune_before)
{
	struct db_stmt *st = stmt(s, L_PRUNE);
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, prune_before);
	if (store_run(s, st, "login_failure"))
		return -1;
	if ((st = stmt(s, L_ADD)) == NULL)
		return -1;
	db_bind_text(st, 1, ip);
	db_bind_int64(st, 2, now);
	return store_run(s, st, "login_failure");
}
