/*
 * Who is bound on a day, a page at a time (store.h, store_list_coverage):
 * the rows GET /api/v1/coverage answers, chosen, ordered, counted and
 * paged here rather than read whole and filtered in the handler. Which
 * organs are bound is engine/coverage.c's coverage_of, said in SQL
 * (BOUND): a party committee or government at any level, a department
 * above the townships.
 *
 * From the subtree's regions down by their path index (CROSS JOIN keeps
 * SQLite's order, as ST_EACH_PRINCIPAL_IN does; "+g.code" keeps the code
 * index from being walked instead). PostgreSQL plans it itself and has
 * no unary plus on text.
 */
#include <stdio.h>

#include "store/store-int.h"

enum { C_PAGE, C_COUNT, C_END };
_Static_assert(SLOT_COVERAGE + C_END <= SLOT_REFRESH, "statement slots");

#define BOUND \
	"(o.kind IN ('party_committee', 'government') OR (o.kind = " \
	"'department' AND g.level <> 'township'))"
/* ?1, ?2: subtree; ?3: the day; ?4: organ id; ?5: person id. */
#define COVERAGE_FROM \
	" FROM region g CROSS JOIN organ o CROSS JOIN tenure t CROSS JOIN " \
	"person p WHERE o.region = g.key AND t.organ = o.key AND p.key = " \
	"t.person AND g.path >= ?1 AND g.path < ?2 AND " BOUND " AND " \
	"t.role = 'principal' AND t.start <= ?3 AND (t.\"end\" IS NULL OR " \
	"t.\"end\" >= ?3) AND (?4 IS NULL OR o.id = ?4) AND (?5 IS NULL OR " \
	"p.id = ?5)"
#define COVERAGE_ORDER(code) \
	" ORDER BY " code ", CASE o.kind WHEN 'party_committee' THEN 0 " \
	"WHEN 'government' THEN 1 ELSE 2 END, o.id, t.start, p.id"

static const char *const sql[C_END][2] = {
	[C_PAGE] = { "SELECT " STORE_TENURE_COLS COVERAGE_FROM
	    COVERAGE_ORDER("+g.code") " LIMIT ?6 OFFSET ?7",
	    "SELECT " STORE_TENURE_COLS COVERAGE_FROM
	    COVERAGE_ORDER("g.code") " LIMIT ?6 OFFSET ?7" },
	[C_COUNT] = { "SELECT count(*) FROM (SELECT 1" COVERAGE_FROM
	    " LIMIT ?6) AS x", NULL },
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, SLOT_COVERAGE + id, store_sql(s, sql[id][0],
	    sql[id][1]));
}

STORE_ENTITY_ROW(coverage_row, struct store_tenure, &store_tenure_row)

/* f as ?1..?5 (the day and the subtree's end in the caller's buffers). */
static void
args(const struct store_coverage_filter *f, char day[11], char end[512],
    struct db_arg a[7])
{
	const char *path = f->path != NULL ? f->path : "/";
	store_path_end(path, end, 512);
	date_format(f->day, day);
	a[0] = DB_TEXT(path);
	a[1] = DB_TEXT(end);
	a[2] = DB_TEXT(day);
	a[3] = DB_TEXT(f->organ);
	a[4] = DB_TEXT(f->person);
}

int
store_list_coverage(struct store *s, const struct store_coverage_filter *f,
    int (*cb)(void *, const struct store_tenure *), void *ctx)
{
	char day[11], end[512];
	struct db_arg a[7];
	args(f, day, end, a);
	a[5] = DB_INT(f->page.limit > 0 ? f->page.limit : 50);
	a[6] = DB_INT(f->page.offset > 0 ? f->page.offset : 0);
	return store_each(s, stmt(s, C_PAGE), "tenures", coverage_row,
	    (void *)cb, ctx, 7, a);
}

long
store_count_coverage(struct store *s, const struct store_coverage_filter *f,
    long cap)
{
	char day[11], end[512];
	struct db_arg a[7];
	long n = 0;
	args(f, day, end, a);
	a[5] = DB_INT64(cap > 0 ? cap + 1 : STORE_COUNT_CAP + 1);
	if (store_each(s, stmt(s, C_COUNT), "tenures", store_count_row, NULL,
	    &n, 6, a) < 0)
		return -1;
	return n;
}
