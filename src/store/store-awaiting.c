/*
 * The records awaiting review in a scope, counted for the dashboard
 * (store.h): one statement per kind of scope, each that an index answers
 * alone (record_organ_status), rather than the ledger's listing filter,
 * whose "?1 IS NULL OR ..." terms make SQLite read every record.
 */
#include "store/store-int.h"

enum { A_PATH, A_ORGAN, A_ALL, A_END };

_Static_assert(SLOT_AWAITING + A_END <= SLOT_LOOKUP,
    "store-awaiting.c: slots");

/* A subtree's count from its organs down, told to SQLite: without
 * statistics its planner walked record_status_list instead, every
 * record awaiting review in the country (2.4 million of the national
 * data's 6), to count a province's: 23 s instead of 0.1. */
#define A_PATH_SQL(indexed) "SELECT count(*) FROM region g JOIN organ o " \
	"ON o.region = g.key JOIN record r" indexed " ON r.organ = o.key " \
	"AND r.status = 'submitted' WHERE g.path >= ?1 AND g.path < ?2"

static struct db_stmt *
stmt(struct store *s, int id)
{
	static const char *const sql_pg[A_END] = {
		[A_PATH] = A_PATH_SQL(""),
	};
	static const char *const sql[A_END] = {
		[A_PATH] = A_PATH_SQL(" INDEXED BY record_organ_status"),
		[A_ORGAN] = "SELECT count(*) FROM organ o JOIN record r ON "
		    "r.organ = o.key AND r.status = 'submitted' WHERE o.id = ?1",
		[A_ALL] = "SELECT count(*) FROM record WHERE "
		    "status = 'submitted'",
	};
	return store_stmt(s, SLOT_AWAITING + id, store_sql(s, sql[id],
	    sql_pg[id]));
}

long
store_count_awaiting(struct store *s, const char *path, const char *organ)
{
	char end[512];
	int64_t n = 0;
	int rc;
	if (organ != NULL)
		rc = store_one(s, stmt(s, A_ORGAN), "records", store_int64_row,
		    NULL, &n, DB_ARGS(DB_TEXT(organ)));
	else if (path != NULL) {
		store_path_end(path, end, sizeof end);
		rc = store_one(s, stmt(s, A_PATH), "records", store_int64_row,
		    NULL, &n, DB_ARGS(DB_TEXT(path), DB_TEXT(end)));
	} else
		rc = store_one(s, stmt(s, A_ALL), "records", store_int64_row,
		    NULL, &n, 0, NULL);
	return rc == 1 ? (long)n : -1;
}
