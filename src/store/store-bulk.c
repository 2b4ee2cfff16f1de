/*
 * The bulk uploads' lookups by name (store-bulk.h). Same rules as
 * store.c: cached prepared statements, every value bound.
 */
#include <string.h>

#include "store/store-bulk.h"
#include "store/store-int.h"

enum {
	B_ORGANS_NAMED,
	B_TENURES_NAMED,
	B_END
};

_Static_assert(SLOT_BULK + B_END <= SLOT_MESSAGES, "statement slots");

static const char *const sql[] = {
	[B_ORGANS_NAMED] = "SELECT " STORE_ORGAN_COLS " FROM organ o JOIN "
	    "region g ON g.key = o.region WHERE o.name = ?1 AND g.path >= ?2 "
	    "AND g.path < ?3 ORDER BY o.id",
	[B_TENURES_NAMED] = "SELECT " STORE_TENURE_COLS ", t.role FROM "
	    "tenure t JOIN person p ON p.key = t.person JOIN organ o ON "
	    "o.key = t.organ JOIN region g ON g.key = o.region WHERE "
	    "p.name = ?1 AND g.path >= ?2 AND g.path < ?3 ORDER BY t.start "
	    "DESC, t.id",
};

STORE_ENTITY_ROW(organ_row, struct store_organ, &store_organ_row)
STORE_ENTITY_ROW(tenure_row, struct store_tenure, &store_tenure_role_row)

/* Rows of statement slot (its ?1 the name, ?2 and ?3 the bounds of the
 * subtree at path: every path from "/" up to "0" for the whole
 * country) through row. */
static int
named(struct store *s, int slot, const char *path, const char *name,
    const char *what, int (*row)(struct db_stmt *, void *, void *),
    void *cb, void *ctx)
{
	char end[512];
	if (*path == '\0')
		path = "/";
	if (strlen(path) >= sizeof end)
		return -1;
	store_path_end(path, end, sizeof end);
	return store_each(s, store_stmt(s, SLOT_BULK + slot, sql[slot]), what,
	    row, cb, ctx, DB_ARGS(DB_TEXT(name), DB_TEXT(path), DB_TEXT(end)));
}

int
store_bulk_organs_named(struct store *s, const char *path, const char *name,
    int (*cb)(void *, const struct store_organ *), void *ctx)
{
	return named(s, B_ORGANS_NAMED, path, name, "organs", organ_row,
	    (void *)cb, ctx);
}

int
store_bulk_tenures_named(struct store *s, const char *path, const char *name,
    int (*cb)(void *, const struct store_tenure *), void *ctx)
{
	return named(s, B_TENURES_NAMED, path, name, "tenures", tenure_row,
	    (void *)cb, ctx);
}
