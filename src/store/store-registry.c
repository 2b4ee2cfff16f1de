/*
 * The registry's listings (store.h, "the registry as its pages and the
 * API list it"): regions, a region's organs, an organ's tenures and
 * people with their posts, a page at a time, filtered, ordered and
 * counted here, so that the national data's 39,071 regions and 211,024
 * people are never read whole for one page. Same rules as store.c:
 * cached prepared statements, every value bound; an order is one of the
 * texts below, never text from a request.
 *
 * Which index serves which order (migration SCHEMA_REGISTRY_LISTS): a
 * subtree in path order walks region_path from the subtree's start; in
 * name order region_name (or a subtree's rows sorted, when it is
 * small); a region's organs organ_region_name; an organ's tenures
 * tenure_organ; people in name order person_name, or within a subtree
 * its regions' organs' tenures (as the picker's lookup does).
 */
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"

/* One listing: its FROM and WHERE, whose parameters its args fill
 * (?1..?nargs), its columns, its orders (at most two) and its row. */
struct listing {
	const char *what;
	const char *cols;
	const char *from;
	const struct store_sort *orders;
	size_t norders;
	int first_desc; /* the default order reads newest first */
	int (*row)(struct db_stmt *, void *, void *);
	const char *count_from; /* what the count reads, when not from */
};

/* Each listing has eight slots: its orders either way, then its count. */
enum { L_REGIONS, L_REGIONS_UNDER, L_ORGANS, L_TENURES, L_PEOPLE,
	L_PEOPLE_UNDER, L_END };
#define SLOTS_EACH 8
_Static_assert(SLOT_REGISTRY + L_END * SLOTS_EACH <= SLOT_SCORES,
    "store-registry.c: slots");

/* A person's current post: the open tenure begun last, else the one
 * ended last (store-lookup.c reads it alike). */
#define CURRENT_POST(p) \
	"(SELECT c.key FROM tenure c WHERE c.person = " p ".key ORDER BY " \
	"(c.\"end\" IS NULL) DESC, c.start DESC, c.key DESC LIMIT 1)"
#define REGION_FROM \
	" FROM region g LEFT JOIN region u ON u.key = g.parent WHERE " \
	STORE_UNDER " AND (?3 IS NULL OR g.code <> ?3) AND (?4 IS NULL OR " \
	"instr(g.name, ?4) > 0) AND (?5 IS NULL OR g.level = ?5)"
#define PERSON_COLS \
	"p.id, p.name, t.role, o.id, o.name, o.kind, g.code, g.name, g.level"

static int
region_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_region_item g = {
		db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		db_col_text(st, 3), db_col_text(st, 4),
	};
	return ((int (*)(void *, const struct store_region_item *))cb)(ctx,
	    &g);
}

static int
organ_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_organ_item o = {
		db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5),
		db_col_text(st, 6),
	};
	return ((int (*)(void *, const struct store_organ_item *))cb)(ctx,
	    &o);
}

STORE_ENTITY_ROW(tenure_row, struct store_tenure, &store_tenure_role_row)

static const struct store_sort region_orders[] = {
	{ "path", "g.path", "g.path DESC" },
	{ "name", "g.name, g.code", "g.name DESC, g.code DESC" },
};
/* Within a subtree its rows are read from the path index and sorted
 * (a province's 1,500 of them): "|| ''" keeps SQLite from walking the
 * name index over all 39,071 regions and skipping those outside. */
static const struct store_sort region_under_orders[] = {
	{ "path", "g.path", "g.path DESC" },
	{ "name", "g.name || '', g.code", "g.name || '' DESC, g.code DESC" },
};
#define KIND_RANK \
	"CASE o.kind WHEN 'party_committee' THEN 0 WHEN 'government' THEN 1 " \
	"ELSE 2 END"
static const struct store_sort organ_orders[] = {
	{ "kind", KIND_RANK ", o.name, o.id",
	    KIND_RANK " DESC, o.name DESC, o.id DESC" },
	{ "name", "o.name, o.id", "o.name DESC, o.id DESC" },
};
static const struct store_sort tenure_orders[] = {
	{ "start", "t.start, t.key", "t.start DESC, t.key DESC" },
	{ "name", "p.name, t.key", "p.name DESC, t.key DESC" },
};
static const struct store_sort person_orders[] = {
	{ "name", "p.name, p.key", "p.name DESC, p.key DESC" },
};

/* ?1, ?2: subtree; ?3: the code left out; ?4: part of the name; ?5:
 * level. */
static const struct listing listings[] = {
	[L_REGIONS] = { "regions", "g.code, g.name, g.level, u.code, u.name",
	    REGION_FROM, region_orders, 2, 0, region_row, NULL },
	[L_REGIONS_UNDER] = { "regions", "g.code, g.name, g.level, u.code, "
	    "u.name", REGION_FROM, region_under_orders, 2, 0, region_row, NULL },
	/* ?1: region code; ?2: organ id; ?3: part of the name; ?4: day. */
	[L_ORGANS] = { "organs", "o.id, o.name, o.kind, g.code, g.name, "
	    "p.name, t.start",
	    " FROM region g JOIN organ o ON o.region = g.key LEFT JOIN tenure "
	    "t ON t.key = (SELECT c.key FROM tenure c WHERE c.organ = o.key "
	    "AND c.role = 'principal' AND c.start <= ?4 AND (c.\"end\" IS NULL "
	    "OR c.\"end\" >= ?4) ORDER BY c.start DESC, c.key DESC LIMIT 1) "
	    "LEFT JOIN person p ON p.key = t.person WHERE g.code = ?1 AND "
	    "(?2 IS NULL OR o.id = ?2) AND (?3 IS NULL OR "
	    "instr(o.name, ?3) > 0)",
	    organ_orders, 2, 0, organ_row, NULL },
	/* ?1: organ id; ?2: part of the person's name. */
	[L_TENURES] = { "tenures", STORE_TENURE_COLS ", t.role",
	    " FROM organ o JOIN tenure t ON t.organ = o.key JOIN person p ON "
	    "p.key = t.person JOIN region g ON g.key = o.region WHERE "
	    "o.id = ?1 AND (?2 IS NULL OR instr(p.name, ?2) > 0)",
	    tenure_orders, 2, 1, tenure_row, NULL },
	/* ?1: part of the name. Everyone: the name index in order. */
	[L_PEOPLE] = { "people", PERSON_COLS,
	    " FROM person p JOIN tenure t ON t.key = " CURRENT_POST("p")
	    " JOIN organ o ON o.key = t.organ JOIN region g ON g.key = "
	    "o.region WHERE (?1 IS NULL OR instr(p.name, ?1) > 0)",
	    person_orders, 1, 0, store_person_hit_row,
	    /* Everyone with a post (its organ and region are always
	     * there): the name index and tenure_person only, not each
	     * one's current post, which cost 0.6 s for 10,000. */
	    " FROM person p WHERE EXISTS (SELECT 1 FROM tenure c WHERE "
	    "c.person = p.key) AND (?1 IS NULL OR instr(p.name, ?1) > 0)" },
	/* ?1, ?2: subtree; ?3: part of the name. From the subtree's regions
	 * down (CROSS JOIN keeps SQLite's order): a province holds a
	 * thirtieth of the people. */
	[L_PEOPLE_UNDER] = { "people", PERSON_COLS,
	    " FROM region g CROSS JOIN organ o CROSS JOIN tenure t CROSS JOIN "
	    "person p WHERE o.region = g.key AND t.organ = o.key AND p.key = "
	    "t.person AND t.key = " CURRENT_POST("p") " AND g.path >= ?1 AND "
	    "g.path < ?2 AND (?3 IS NULL OR instr(p.name, ?3) > 0)",
	    person_orders, 1, 0, store_person_hit_row, NULL },
};

/* One page of listing l with a[0..n) bound (a has room for two more). */
static int
list_page(struct store *s, int l, const struct store_page *pg,
    void *cb, void *ctx, struct db_arg *a, size_t n)
{
	const struct listing *L = &listings[l];
	size_t order = store_sort_pick(L->orders, L->norders, pg->sort);
	int named = pg->sort != NULL &&
	    strcmp(pg->sort, L->orders[order].key) == 0;
	int desc = named ? pg->desc != 0 : L->first_desc;
	char text[2048];
	snprintf(text, sizeof text, "SELECT %s%s ORDER BY %s LIMIT ?%zu "
	    "OFFSET ?%zu", L->cols, L->from, desc ? L->orders[order].desc :
	    L->orders[order].asc, n + 1, n + 2);
	a[n] = DB_INT(pg->limit > 0 ? pg->limit : 50);
	a[n + 1] = DB_INT(pg->offset > 0 ? pg->offset : 0);
	return store_each(s, store_stmt(s, SLOT_REGISTRY + l * SLOTS_EACH +
	    (int)order * 2 + desc, text), L->what, L->row, cb, ctx, n + 2, a);
}

/* Listing l's rows, up to cap + 1. */
static long
list_count(struct store *s, int l, long cap, struct db_arg *a, size_t n)
{
	const struct listing *L = &listings[l];
	char text[2048];
	long count = 0;
	snprintf(text, sizeof text, "SELECT count(*) FROM (SELECT 1%s LIMIT "
	    "?%zu) AS x", L->count_from ? L->count_from : L->from, n + 1);
	a[n] = DB_INT64(cap > 0 ? cap + 1 : STORE_COUNT_CAP + 1);
	if (store_each(s, store_stmt(s, SLOT_REGISTRY + l * SLOTS_EACH +
	    SLOTS_EACH - 1, text), L->what, store_count_row, NULL, &count,
	    n + 1, a) < 0)
		return -1;
	return count;
}

static const char *
or_null(const char *v)
{
	return v != NULL && *v != '\0' ? v : NULL;
}

/* The subtree of f as ?1, ?2 (end into the caller's buffer). */
static void
subtree(const struct store_registry_filter *f, char end[512],
    struct db_arg a[2])
{
	const char *path = or_null(f->path);
	if (path != NULL)
		store_path_end(path, end, 512);
	a[0] = DB_TEXT(path);
	a[1] = DB_TEXT(path ? end : NULL);
}

static size_t
region_args(const struct store_registry_filter *f, char end[512],
    struct db_arg a[7])
{
	subtree(f, end, a);
	a[2] = DB_TEXT(or_null(f->region));
	a[3] = DB_TEXT(or_null(f->q));
	a[4] = DB_TEXT(or_null(f->level));
	return 5;
}

int
store_list_regions(struct store *s, const struct store_registry_filter *f,
    int (*cb)(void *, const struct store_region_item *), void *ctx)
{
	char end[512];
	struct db_arg a[7];
	size_t n = region_args(f, end, a);
	return list_page(s, or_null(f->path) ? L_REGIONS_UNDER : L_REGIONS,
	    &f->page, (void *)cb, ctx, a, n);
}

long
store_count_regions(struct store *s, const struct store_registry_filter *f,
    long cap)
{
	char end[512];
	struct db_arg a[7];
	size_t n = region_args(f, end, a);
	return list_count(s, or_null(f->path) ? L_REGIONS_UNDER : L_REGIONS,
	    cap, a, n);
}

static size_t
organ_args(const struct store_registry_filter *f, struct db_arg a[6])
{
	a[0] = DB_TEXT(f->region ? f->region : "");
	a[1] = DB_TEXT(or_null(f->organ));
	a[2] = DB_TEXT(or_null(f->q));
	a[3] = DB_TEXT(f->day ? f->day : "");
	return 4;
}

int
store_list_organs(struct store *s, const struct store_registry_filter *f,
    int (*cb)(void *, const struct store_organ_item *), void *ctx)
{
	struct db_arg a[6];
	size_t n = organ_args(f, a);
	return list_page(s, L_ORGANS, &f->page, (void *)cb, ctx, a, n);
}

long
store_count_organs(struct store *s, const struct store_registry_filter *f,
    long cap)
{
	struct db_arg a[6];
	size_t n = organ_args(f, a);
	return list_count(s, L_ORGANS, cap, a, n);
}

int
store_list_tenures(struct store *s, const struct store_registry_filter *f,
    int (*cb)(void *, const struct store_tenure *), void *ctx)
{
	struct db_arg a[4] = { DB_TEXT(f->organ ? f->organ : ""),
		DB_TEXT(or_null(f->q)) };
	return list_page(s, L_TENURES, &f->page, (void *)cb, ctx, a, 2);
}

long
store_count_tenures(struct store *s, const struct store_registry_filter *f,
    long cap)
{
	struct db_arg a[3] = { DB_TEXT(f->organ ? f->organ : ""),
		DB_TEXT(or_null(f->q)) };
	return list_count(s, L_TENURES, cap, a, 2);
}

/* People within a subtree start from its regions; everyone's from the
 * name index. */
static size_t
people_args(const struct store_registry_filter *f, char end[512],
    struct db_arg a[5], int *l)
{
	if (or_null(f->path) == NULL) {
		*l = L_PEOPLE;
		a[0] = DB_TEXT(or_null(f->q));
		return 1;
	}
	*l = L_PEOPLE_UNDER;
	subtree(f, end, a);
	a[2] = DB_TEXT(or_null(f->q));
	return 3;
}

int
store_list_people(struct store *s, const struct store_registry_filter *f,
    int (*cb)(void *, const struct store_person_hit *), void *ctx)
{
	char end[512];
	struct db_arg a[5];
	int l;
	size_t n = people_args(f, end, a, &l);
	return list_page(s, l, &f->page, (void *)cb, ctx, a, n);
}

long
store_count_people(struct store *s, const struct store_registry_filter *f,
    long cap)
{
	char end[512];
	struct db_arg a[5];
	int l;
	size_t n = people_args(f, end, a, &l);
	return list_count(s, l, cap, a, n);
}
