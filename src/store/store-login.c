/*
 * Failed logins by client address, and login marks (an unknown name's
 * failures and lock, a throttled address's audit mark). They live in the
 * database, not in a server's memory, so that every `lvzhi serve` sharing
 * one database counts the same attempts.
 */
#include <stdio.h>

#include "store/store-int.h"

enum {
	L_COUNT = SLOT_LOGIN,
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
		[L_MARK_GET - SLOT_LOGIN] = "SELECT failures, locked_until "
		    "FROM login_mark WHERE key = ?1",
		[L_MARK_SET - SLOT_LOGIN] = "INSERT INTO login_mark (key, "
		    "failures, locked_until, at) VALUES (?1, ?2, ?3, ?4) "
		    "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
		    "locked_until = excluded.locked_until, at = excluded.at",
		[L_MARK_PRUNE - SLOT_LOGIN] = "DELETE FROM login_mark "
		    "WHERE at < ?1 AND locked_until < ?2",
		[L_MARK_CLAIM - SLOT_LOGIN] = "INSERT INTO login_mark (key, "
		    "failures, locked_until, at) VALUES (?1, 0, ?2, ?3) "
		    "ON CONFLICT (key) DO UPDATE SET locked_until = "
		    "excluded.locked_until, at = excluded.at "
		    "WHERE login_mark.locked_until <= excluded.at",
		[L_SECRET_ADD - SLOT_LOGIN] = "INSERT INTO login_secret (id, "
		    "secret) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING",
		[L_SECRET_GET - SLOT_LOGIN] =
		    "SELECT secret FROM login_secret WHERE id = 1",
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

int
store_login_mark_get(struct store *s, const char *key, int *failures,
    int64_t *locked_until)
{
	struct db_stmt *st = stmt(s, L_MARK_GET);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, key);
	int rc = db_step(st);
	if (rc < 0) {
		store_fail(s, "login_mark");
		db_reset(st);
		return -1;
	}
	*failures = 0;
	*locked_until = 0;
	if (rc == DB_ROW) {
		*failures = (int)db_col_int64(st, 0);
		*locked_until = db_col_int64(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW;
}

int
store_login_mark_set(struct store *s, const char *key, int failures,
    int64_t locked_until, int64_t now, int64_t prune_before)
{
	struct db_stmt *st = stmt(s, L_MARK_PRUNE);
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, prune_before);
	db_bind_int64(st, 2, now);
	if (store_run(s, st, "login_mark") || (st = stmt(s, L_MARK_SET)) == NULL)
		return -1;
	db_bind_text(st, 1, key);
	db_bind_int64(st, 2, failures);
	db_bind_int64(st, 3, locked_until);
	db_bind_int64(st, 4, now);
	return store_run(s, st, "login_mark");
}

int
store_login_mark_claim(struct store *s, const char *key, int64_t until,
    int64_t now)
{
	struct db_stmt *st = stmt(s, L_MARK_CLAIM);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, key);
	db_bind_int64(st, 2, until);
	db_bind_int64(st, 3, now);
	return store_changed(s, st, "login_mark");
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
		int rc = db_step(st);
		if (rc == DB_ROW) {
			const char *v = db_col_text(st, 0);
			snprintf(out, n, "%s", v ? v : "");
			db_reset(st);
			return 0;
		}
		db_reset(st);
		if (rc < 0)
			return store_fail(s, "login_secret");
		if (pass == 0) {
			if ((st = stmt(s, L_SECRET_ADD)) == NULL)
				return -1;
			db_bind_text(st, 1, fresh);
			if (store_run(s, st, "login_secret"))
				return -1;
		}
	}
	return store_fail(s, "login_secret");
}
