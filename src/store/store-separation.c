/*
 * The store's part of the separation of duties (store-separation.h):
 * tables record_author, report_actor and acase_file.
 */
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"
#include "store/store-separation.h"

enum {
	S_AUTHOR_CREATE,
	S_AUTHOR_EDIT,
	S_AUTHOR,
	S_LOCKED,
	S_PUBLISHED,
	S_ACTORS,
	S_FILE_ADD,
	S_FILE,
	S_END
};

_Static_assert(SLOT_SEPARATION + S_END <= SLOT_LEDGER,
    "store-separation.c: slots");

static const char *const sql[S_END] = {
	[S_AUTHOR_CREATE] = "INSERT INTO record_author("
	    "record, created_by) SELECT key, ?2 FROM record WHERE id = ?1 "
	    "ON CONFLICT (record) DO UPDATE SET created_by = excluded.created_by, "
	    "edited_by = NULL",
	[S_AUTHOR_EDIT] = "INSERT INTO record_author("
	    "record, edited_by) SELECT key, ?2 FROM record WHERE id = ?1 "
	    "ON CONFLICT (record) DO UPDATE SET edited_by = excluded.edited_by",
	[S_AUTHOR] = "SELECT coalesce(a.created_by, ''), "
	    "coalesce(a.edited_by, '') FROM record r LEFT JOIN record_author a "
	    "ON a.record = r.key WHERE r.id = ?1",
	[S_LOCKED] = "INSERT INTO report_actor(report, "
	    "locked_by) SELECT key, ?2 FROM report WHERE id = ?1 ON CONFLICT "
	    "(report) DO UPDATE SET locked_by = excluded.locked_by",
	[S_PUBLISHED] = "INSERT INTO report_actor(report, "
	    "published_by) SELECT key, ?2 FROM report WHERE id = ?1 ON CONFLICT "
	    "(report) DO UPDATE SET published_by = excluded.published_by",
	[S_ACTORS] = "SELECT coalesce(a.locked_by, ''), "
	    "coalesce(a.published_by, '') FROM report p LEFT JOIN report_actor "
	    "a ON a.report = p.key WHERE p.id = ?1",
	[S_FILE_ADD] = "INSERT INTO acase_file(acase, "
	    "purpose, sm3, size, mime, filename, uploaded_by, uploaded_at) "
	    "SELECT key, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM acase WHERE id = ?1",
	[S_FILE] = "SELECT f.key, c.id, f.purpose, f.sm3, "
	    "f.mime, f.filename, f.uploaded_by, f.uploaded_at, f.size FROM "
	    "acase_file f JOIN acase c ON c.key = f.acase WHERE c.id = ?1 AND "
	    "f.purpose = ?2 ORDER BY f.key DESC LIMIT 1",
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, SLOT_SEPARATION + id, sql[id]);
}

/* The one-row statement slot with ?1 id, ?2 account: 0 or -1. */
static int
mark(struct store *s, int slot, const char *id, const char *account,
    const char *what)
{
	return store_add(s, stmt(s, slot), what,
	    DB_ARGS(DB_TEXT(id), DB_TEXT(account)));
}

/* The row's two texts into two buffers of STORE_ACCOUNT_MAX bytes. */
static int
two_texts_row(struct db_stmt *st, void *cb, void *ctx)
{
	char **out = ctx;
	(void)cb;
	for (int i = 0; i < 2; i++) {
		const char *v = db_col_text(st, i);
		snprintf(out[i], STORE_ACCOUNT_MAX, "%s", v ? v : "");
	}
	return 0;
}

/* The two texts of the row slot answers for id: 1, 0 or -1. */
static int
two_texts(struct store *s, int slot, const char *id, const char *what,
    char a[STORE_ACCOUNT_MAX], char b[STORE_ACCOUNT_MAX])
{
	char *out[2] = { a, b };
	*a = *b = '\0';
	return store_one(s, stmt(s, slot), what, two_texts_row, NULL, out,
	    DB_ARGS(DB_TEXT(id)));
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
	return store_add(s, stmt(s, S_FILE_ADD), "case file",
	    DB_ARGS(DB_TEXT(f->acase), DB_TEXT(f->purpose), DB_TEXT(f->sm3),
	    DB_INT64(f->size), DB_TEXT(f->mime), DB_TEXT(f->filename),
	    DB_TEXT(f->uploaded_by), DB_TEXT(f->uploaded_at)));
}

/* A case file's row, column by column in S_FILE's order. */
#define F(m, type) STORE_COL(struct store_case_file, m, type)
static const struct attr file_cols[] = {
	F(key, ATTR_INT64), F(acase, ATTR_TEXT), F(purpose, ATTR_TEXT),
	F(sm3, ATTR_TEXT), F(mime, ATTR_TEXT), F(filename, ATTR_TEXT),
	F(uploaded_by, ATTR_TEXT), F(uploaded_at, ATTR_TEXT),
	F(size, ATTR_INT64),
};
#undef F
static const struct entity file_row_entity = ENTITY("case file", file_cols);

STORE_ENTITY_ROW(file_row, struct store_case_file, &file_row_entity)

int
store_case_file(struct store *s, const char *id, const char *purpose,
    int (*cb)(void *, const struct store_case_file *), void *ctx)
{
	return store_one(s, stmt(s, S_FILE), "case file", file_row, (void *)cb,
	    ctx, DB_ARGS(DB_TEXT(id), DB_TEXT(purpose)));
}
