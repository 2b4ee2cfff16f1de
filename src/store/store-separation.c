/*
 * The store's part of the separation of duties (store-separation.h):
 * tables record_author, report_actor and acase_file.
 */
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"
#include "store/store-separation.h"

enum {
	S_AUTHOR_CREATE = SLOT_SEPARATION,
	S_AUTHOR_EDIT,
	S_AUTHOR,
	S_LOCKED,
	S_PUBLISHED,
	S_ACTORS,
	S_FILE_ADD,
	S_FILE,
	S_END
};

_Static_assert((int)S_END <= (int)STORE_SLOTS, "store-separation.c: slots");

static const char *const sql[S_END - SLOT_SEPARATION] = {
	[S_AUTHOR_CREATE - SLOT_SEPARATION] = "INSERT INTO record_author("
	    "record, created_by) SELECT key, ?2 FROM record WHERE id = ?1 "
	    "ON CONFLICT (record) DO UPDATE SET created_by = excluded.created_by, "
	    "edited_by = NULL",
	[S_AUTHOR_EDIT - SLOT_SEPARATION] = "INSERT INTO record_author("
	    "record, edited_by) SELECT key, ?2 FROM record WHERE id = ?1 "
	    "ON CONFLICT (record) DO UPDATE SET edited_by = excluded.edited_by",
	[S_AUTHOR - SLOT_SEPARATION] = "SELECT coalesce(a.created_by, ''), "
	    "coalesce(a.edited_by, '') FROM record r LEFT JOIN record_author a "
	    "ON a.record = r.key WHERE r.id = ?1",
	[S_LOCKED - SLOT_SEPARATION] = "INSERT INTO report_actor(report, "
	    "locked_by) SELECT key, ?2 FROM report WHERE id = ?1 ON CONFLICT "
	    "(report) DO UPDATE SET locked_by = excluded.locked_by",
	[S_PUBLISHED - SLOT_SEPARATION] = "INSERT INTO report_actor(report, "
	    "published_by) SELECT key, ?2 FROM report WHERE id = ?1 ON CONFLICT "
	    "(report) DO UPDATE SET published_by = excluded.published_by",
	[S_ACTORS - SLOT_SEPARATION] = "SELECT coalesce(a.locked_by, ''), "
	    "coalesce(a.published_by, '') FROM report p LEFT JOIN report_actor "
	    "a ON a.report = p.key WHERE p.id = ?1",
	[S_FILE_ADD - SLOT_SEPARATION] = "INSERT INTO acase_file(acase, "
	    "purpose, sm3, size, mime, filename, uploaded_by, uploaded_at) "
	    "SELECT key, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM acase WHERE id = ?1",
	[S_FILE - SLOT_SEPARATION] = "SELECT f.key, c.id, f.purpose, f.sm3, "
	    "f.mime, f.filename, f.uploaded_by, f.uploaded_at, f.size FROM "
	    "acase_file f JOIN acase c ON c.key = f.acase WHERE c.id = ?1 AND "
	    "f.purpose = ?2 ORDER BY f.key DESC LIMIT 1",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, id, sql[id - SLOT_SEPARATION]);
}

/* The one-row statement slot with ?1 id, ?2 account: 0 or -1. */
static int
mark(struct store *s, int slot, const char *id, const char *account,
    const char *what)
{
	struct db_stmt *st = stmt(s, slot);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, account);
	return store_insert_one(s, st, what);
}

/* The two texts of the row slot answers for id: 1, 0 or -1. */
static int
two_texts(struct store *s, int slot, const char *id, const char *what,
    char a[STORE_ACCOUNT_MAX], char b[STORE_ACCOUNT_MAX])
{
	struct db_stmt *st = stmt(s, slot);
	*a = *b = '\0';
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		const char *x = db_col_text(st, 0), *y = db_col_text(st, 1);
		snprintf(a, STORE_ACCOUNT_MAX, "%s", x ? x : "");
		snprintf(b, STORE_ACCOUNT_MAX, "%s", y ? y : "");
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(s, what);
}

int
store_record_author_set(struct store *s, const char *id, const char *account,
    int create)
{
	return mark(s, create ? S_AUTHOR_CREATE : S_AUTHOR_EDIT, id, account,
	    "record author");
}

int
store_record_author(struct store *s, const char *id,
    char created_by[STORE_ACCOUNT_MAX], char edited_by[STORE_ACCOUNT_MAX])
{
	return two_texts(s, S_AUTHOR, id, "record author", created_by,
	    edited_by);
}

int
store_report_actor_set(struct store *s, const char *id, const char *step,
    const char *account)
{
	return mark(s, strcmp(step, "lock") == 0 ? S_LOCKED : S_PUBLISHED, id,
	    account, "report actor");
}

int
store_report_actors(struct store *s, const char *id,
    char locked_by[STORE_ACCOUNT_MAX], char published_by[STORE_ACCOUNT_MAX])
{
	return two_texts(s, S_ACTORS, id, "report actor", locked_by,
	    published_by);
}

int
store_case_file_add(struct store *s, const struct store_case_file *f)
{
	struct db_stmt *st = stmt(s, S_FILE_ADD);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, f->acase);
	db_bind_text(st, 2, f->purpose);
	db_bind_text(st, 3, f->sm3);
	db_bind_int64(st, 4, f->size);
	db_bind_text(st, 5, f->mime);
	db_bind_text(st, 6, f->filename);
	db_bind_text(st, 7, f->uploaded_by);
	db_bind_text(st, 8, f->uploaded_at);
	return store_insert_one(s, st, "case file");
}

typedef int (*file_cb)(void *, const struct store_case_file *);

static int
file_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_case_file f = {
		.key = db_col_int64(st, 0),
		.acase = db_col_text(st, 1),
		.purpose = db_col_text(st, 2),
		.sm3 = db_col_text(st, 3),
		.mime = db_col_text(st, 4),
		.filename = db_col_text(st, 5),
		.uploaded_by = db_col_text(st, 6),
		.uploaded_at = db_col_text(st, 7),
		.size = db_col_int64(st, 8),
	};
	((file_cb)cb)(ctx, &f);
	return 1;
}

int
store_case_file(struct store *s, const char *id, const char *purpose,
    file_cb cb, void *ctx)
{
	struct db_stmt *st = stmt(s, S_FILE);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, purpose);
	return store_iterate(s, st, "case file", file_row, (void *)cb, ctx);
}
