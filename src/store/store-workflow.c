/*
 * The store's part of the workflow rules (store-workflow.h): the table
 * record_workflow (migration 7 on SQLite, 6 on PostgreSQL) that names the
 * records a workflow wrote, a record's status and its reopening, and the
 * sums the evidence quotas compare.
 */

#include "store/store-int.h"
#include "store/store-workflow.h"

enum {
	F_OWNER_ADD,
	F_OWNER,
	F_STATUS,
	F_REOPEN,
	F_RECORD_FILES,
	F_ACCOUNT_BYTES,
	F_END
};

_Static_assert(SLOT_WORKFLOW + F_END <= SLOT_TOKENS,
    "store-workflow.c: slots");

static struct db_stmt *
stmt(struct store *s, int id)
{
	static const char *const sql[F_END] = {
		[F_OWNER_ADD] = "INSERT INTO record_workflow("
		    "record, workflow, ref) SELECT key, ?2, ?3 FROM record "
		    "WHERE id = ?1",
		[F_OWNER] = "SELECT w.workflow || ':' || w.ref "
		    "FROM record_workflow w JOIN record r ON r.key = w.record "
		    "WHERE r.id = ?1",
		[F_STATUS] = "SELECT status FROM record WHERE "
		    "id = ?1",
		[F_REOPEN] = "UPDATE record SET status = "
		    "'submitted', reviewed_by = NULL, reviewed_at = NULL, "
		    "review_note = NULL, updated_at = ?2, doc = json_set(doc, "
		    "'$.status', 'submitted') WHERE id = ?1 AND status = "
		    "'verified'",
		[F_RECORD_FILES] = "SELECT count(*) FROM "
		    "evidence e JOIN record r ON r.key = e.record WHERE "
		    "r.id = ?1",
		[F_ACCOUNT_BYTES] = "SELECT CAST(coalesce((SELECT "
		    "sum(size) FROM evidence WHERE uploaded_by = ?1), 0) + "
		    "coalesce((SELECT sum(size) FROM rectification_evidence "
		    "WHERE uploaded_by = ?1), 0) + coalesce((SELECT sum(size) "
		    "FROM acase_file WHERE uploaded_by = ?1), 0) AS BIGINT)",
	};
	static const char *const sql_pg[F_END] = {
		[F_REOPEN] = "UPDATE record SET status = "
		    "'submitted', reviewed_by = NULL, reviewed_at = NULL, "
		    "review_note = NULL, updated_at = ?2, doc = jsonb_set("
		    "doc::jsonb, '{status}', to_jsonb('submitted'::text))::text "
		    "WHERE id = ?1 AND status = 'verified'",
	};
	return store_stmt(s, SLOT_WORKFLOW + id, store_sql(s, sql[id],
	    sql_pg[id]));
}

int
store_record_owner_add(struct store *s, const char *id, const char *workflow,
    const char *ref)
{
	return store_add(s, stmt(s, F_OWNER_ADD), "record_workflow",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(workflow), DB_TEXT(ref)));
}

/* The text statement slot answers for record id: 1, 0 or -1. */
static int
of_record(struct store *s, int slot, const char *id, char *out, size_t n)
{
	struct db_stmt *st = stmt(s, slot);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	return store_first_text(s, st, "record", out, n);
}

int
store_record_owner(struct store *s, const char *id, char *out, size_t n)
{
	return of_record(s, F_OWNER, id, out, n);
}

int
store_record_status(struct store *s, const char *id, char *out, size_t n)
{
	return of_record(s, F_STATUS, id, out, n);
}

int
store_record_reopen(struct store *s, const char *id, const char *now)
{
	return store_change(s, stmt(s, F_REOPEN), "record",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(now)));
}

int
store_int64_row(struct db_stmt *st, void *cb, void *ctx)
{
	(void)cb;
	*(int64_t *)ctx = db_col_int64(st, 0);
	return 0;
}

/* The one number slot answers for text ?1 into *out; 0 or -1. */
static int
number(struct store *s, int slot, const char *v, int64_t *out)
{
	return store_one(s, stmt(s, slot), "evidence", store_int64_row, NULL,
	    out, DB_ARGS(DB_TEXT(v))) == 1 ? 0 : -1;
}

int
store_evidence_usage(struct store *s, const char *record,
    const char *account, int64_t *files, int64_t *bytes)
{
	*files = *bytes = 0;
	if (record != NULL && number(s, F_RECORD_FILES, record, files))
		return -1;
	return number(s, F_ACCOUNT_BYTES, account, bytes);
}
