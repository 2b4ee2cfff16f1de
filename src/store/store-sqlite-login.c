/*
 * The SQLite backend: failed logins by client address. They live in the
 * database, not in a server's memory, so that every `lvzhi serve` sharing
 * one database counts the same attempts.
 */
#include "store/store-sqlite-int.h"

enum {
	L_COUNT = SLOT_LOGIN,
	L_ADD,
	L_PRUNE,
	L_END
};

_Static_assert((int)L_END <= (int)STORE_SLOTS, "store-sqlite-login.c: slots");

static sqlite3_stmt *
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
	return sq_stmt(s, id, sql[id - SLOT_LOGIN]);
}

int
store_login_failures(struct store *s, const char *ip, int64_t since,
    int64_t *oldest)
{
	sqlite3_stmt *st = stmt(s, L_COUNT);
	if (st == NULL)
		return -1;
	sq_bind_text(st, 1, ip);
	sqlite3_bind_int64(st, 2, since);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sq_fail(s, "login_failure");
		sqlite3_reset(st);
		return -1;
	}
	int n = sqlite3_column_int(st, 0);
	*oldest = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return n;
}

int
store_login_failure_add(struct store *s, const char *ip, int64_t now,
    int64_t prune_before)
{
	sqlite3_stmt *st = stmt(s, L_PRUNE);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, prune_before);
	if (sq_run(s, st, "login_failure"))
		return -1;
	if ((st = stmt(s, L_ADD)) == NULL)
		return -1;
	sq_bind_text(st, 1, ip);
	sqlite3_bind_int64(st, 2, now);
	return sq_run(s, st, "login_failure");
}
