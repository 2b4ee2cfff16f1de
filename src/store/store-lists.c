/*
 * Listings paged in the store (store.h, "listings"): the choice of an
 * order from a listing's whitelist, and the audit log as its page reads
 * it, filtered, ordered and counted. Same rules as store.c: cached
 * prepared statements, every value bound; an order is one of the texts
 * below, never text from a request.
 */
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"

size_t
store_sort_pick(const struct store_sort *v, size_t n, const char *key)
{
	if (key != NULL)
		for (size_t i = 0; i < n; i++)
			if (strcmp(v[i].key, key) == 0)
				return i;
	return 0;
}

struct db_stmt *
store_ordered(struct store *s, int slot, const char *head,
    const struct store_sort *v, size_t n, const struct store_page *pg,
    int default_desc, const char *tail)
{
	size_t i = store_sort_pick(v, n, pg->sort);
	int desc = pg->sort != NULL && strcmp(pg->sort, v[i].key) == 0 ?
	    pg->desc != 0 : default_desc != 0;
	char text[8192];
	int k = snprintf(text, sizeof text, "%s ORDER BY %s %s", head, desc ?
	    v[i].desc : v[i].asc, tail);
	if (k < 0 || (size_t)k >= sizeof text)
		return NULL;
	return store_stmt(s, slot + (int)i * 2 + desc, text);
}

/* ---- the audit log ---- */

/* Slots after the ledger's (store-ledger.c keeps SLOT_LISTS + 0..63). */
enum {
	A_LIST = SLOT_LISTS + 64, /* + order * 2 + desc */
	A_COUNT = A_LIST + 4,
	A_ACTORS,
	A_END
};
_Static_assert((int)A_END <= (int)SLOT_EVALSET, "store-lists.c: slots");

#define AUDIT_WHERE \
	" FROM audit WHERE (?1 IS NULL OR time >= ?1) AND " \
	"(?2 IS NULL OR time < ?2) AND (?3 IS NULL OR actor = ?3) AND " \
	"(?4 IS NULL OR action = ?4) AND (?5 IS NULL OR " \
	"instr(entity, ?5) > 0)"

/* The log's order is its sequence; time follows it. */
static const struct store_sort audit_orders[] = {
	{ "seq", "seq", "seq DESC" },
};

STORE_ENTITY_ROW(audit_one_row, struct store_audit, &store_audit_row)

static void
audit_args(const struct store_audit_filter *f, struct db_arg a[5])
{
	a[0] = DB_TEXT(f->from);
	a[1] = DB_TEXT(f->to);
	a[2] = DB_TEXT(f->actor);
	a[3] = DB_TEXT(f->action);
	a[4] = DB_TEXT(f->object);
}

int
store_each_audit_filtered(struct store *s,
    const struct store_audit_filter *f,
    int (*cb)(void *, const struct store_audit *), void *ctx)
{
	const struct store_page *pg = &f->page;
	size_t order = store_sort_pick(audit_orders, 1, pg->sort);
	/* Newest first unless an order is named and ascending. */
	int desc = pg->sort != NULL && strcmp(pg->sort,
	    audit_orders[order].key) == 0 ? pg->desc : 1;
	char text[1024];
	snprintf(text, sizeof text, "SELECT " STORE_AUDIT_COLS AUDIT_WHERE
	    " ORDER BY %s LIMIT ?6 OFFSET ?7", desc ?
	    audit_orders[order].desc : audit_orders[order].asc);
	struct db_arg a[7];
	audit_args(f, a);
	a[5] = DB_INT(pg->limit > 0 ? pg->limit : 50);
	a[6] = DB_INT(pg->offset > 0 ? pg->offset : 0);
	return store_each(s, store_stmt(s, A_LIST + (int)order * 2 +
	    (desc != 0), text), "audit", audit_one_row, (void *)cb, ctx, 7, a);
}

long
store_count_audit(struct store *s, const struct store_audit_filter *f,
    long cap)
{
	struct db_arg a[6];
	int64_t n = 0;
	audit_args(f, a);
	a[5] = DB_INT64(cap > 0 ? cap + 1 : STORE_COUNT_CAP + 1);
	if (store_one(s, store_stmt(s, A_COUNT, "SELECT count(*) FROM "
	    "(SELECT 1" AUDIT_WHERE " LIMIT ?6) AS x"), "audit",
	    store_int64_row, NULL, &n, 6, a) != 1)
		return -1;
	return (long)n;
}

static int
actor_row(struct db_stmt *st, void *cb, void *ctx)
{
	return ((int (*)(void *, const char *))cb)(ctx, db_col_text(st, 0));
}

int
store_each_audit_actor(struct store *s,
    int (*cb)(void *, const char *actor), void *ctx)
{
	return store_each(s, store_stmt(s, A_ACTORS, "SELECT DISTINCT actor "
	    "FROM audit ORDER BY actor LIMIT 2000"), "audit", actor_row,
	    (void *)cb, ctx, 0, NULL);
}
