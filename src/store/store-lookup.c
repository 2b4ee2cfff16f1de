/*
 * Lookups by name for the pickers (web/picker.c, api/api-lookup.c): a
 * person, an organ or a region found by part of its name, within a
 * region subtree and an organ. Each answers from an index on the name
 * (migration "names"), read in name order and stopped at the limit, so a
 * search over the 211,024 people of the national data reads the index,
 * not the people; one within a region's subtree starts from its regions.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/schema-int.h"
#include "store/store-int.h"

enum {
	K_PEOPLE,
	K_PEOPLE_UNDER,
	K_ORGANS,
	K_REGIONS,
	K_PEOPLE_NAMED,
	K_ORGANS_NAMED,
	K_REGIONS_NAMED,
	K_END
};

_Static_assert(SLOT_LOOKUP + K_END <= SLOT_REGISTRY, "statement slots");

/* ?1, ?2: the subtree; ?3: organ id; ?4: the id; ?5: part of the name;
 * ?6: the limit. A person's post is their current tenure: open ones
 * first, then the latest begun. */
static const char *const sql[] = {
	[K_PEOPLE] = "SELECT p.id, p.name, t.role, o.id, o.name, o.kind, "
	    "g.code, g.name, g.level FROM person p JOIN tenure t ON t.key = "
	    "(SELECT c.key FROM tenure c WHERE c.person = p.key ORDER BY "
	    "(c.\"end\" IS NULL) DESC, c.start DESC, c.key DESC LIMIT 1) "
	    "JOIN organ o ON o.key = t.organ JOIN region g ON g.key = "
	    "o.region WHERE " STORE_UNDER " AND (?3 IS NULL OR o.id = ?3) AND "
	    "(?4 IS NULL OR p.id = ?4) AND (?5 IS NULL OR "
	    "instr(p.name, ?5) > 0) ORDER BY p.name, p.id LIMIT ?6",
	/* Within a subtree, from its regions down (CROSS JOIN keeps
	 * SQLite's order): a province holds a thirtieth of the people,
	 * where reading the whole name index in name order and skipping
	 * those outside took seconds of random reads on the national data. */
	[K_PEOPLE_UNDER] = "SELECT p.id, p.name, t.role, o.id, o.name, "
	    "o.kind, g.code, g.name, g.level FROM region g CROSS JOIN organ o "
	    "CROSS JOIN tenure t CROSS JOIN person p WHERE o.region = g.key "
	    "AND t.organ = o.key AND p.key = t.person AND t.key = (SELECT "
	    "c.key FROM tenure c WHERE c.person = p.key ORDER BY (c.\"end\" IS "
	    "NULL) DESC, c.start DESC, c.key DESC LIMIT 1) AND "
	    "g.path >= ?1 AND g.path < ?2 AND (?3 IS NULL OR o.id = ?3) AND "
	    "(?4 IS NULL OR p.id = ?4) AND (?5 IS NULL OR "
	    "instr(p.name, ?5) > 0) ORDER BY p.name, p.id LIMIT ?6",
	[K_ORGANS] = "SELECT o.id, o.name, o.kind, g.code, g.name FROM organ o "
	    "JOIN region g ON g.key = o.region WHERE " STORE_UNDER " AND "
	    "(?3 IS NULL OR o.id = ?3) AND (?4 IS NULL OR o.id = ?4) AND "
	    "(?5 IS NULL OR instr(o.name, ?5) > 0) ORDER BY o.name, o.id "
	    "LIMIT ?6",
	[K_REGIONS] = "SELECT g.key, g.code, g.name, g.level, u.code FROM "
	    "region g LEFT JOIN region u ON u.key = g.parent WHERE "
	    STORE_UNDER " AND (?3 IS NULL OR ?3 = ?3) AND (?4 IS NULL OR "
	    "g.code = ?4) AND (?5 IS NULL OR instr(g.name, ?5) > 0) "
	    "ORDER BY g.path LIMIT ?6",
	/* A whole name (?7), from its index whatever the scope's size; ?8:
	 * part of where (the organ's name, the region's, the parent's). */
	[K_PEOPLE_NAMED] = "SELECT p.id, p.name, t.role, o.id, o.name, o.kind, "
	    "g.code, g.name, g.level FROM person p JOIN tenure t ON t.key = "
	    "(SELECT c.key FROM tenure c WHERE c.person = p.key ORDER BY "
	    "(c.\"end\" IS NULL) DESC, c.start DESC, c.key DESC LIMIT 1) "
	    "JOIN organ o ON o.key = t.organ JOIN region g ON g.key = "
	    "o.region WHERE p.name = ?7 AND " STORE_UNDER " AND (?3 IS NULL OR "
	    "o.id = ?3) AND (?4 IS NULL OR p.id = ?4) AND (?5 IS NULL OR "
	    "instr(p.name, ?5) > 0) AND (?8 IS NULL OR instr(o.name, ?8) > 0) "
	    "ORDER BY p.name, p.id LIMIT ?6",
	[K_ORGANS_NAMED] = "SELECT o.id, o.name, o.kind, g.code, g.name FROM "
	    "organ o JOIN region g ON g.key = o.region WHERE o.name = ?7 AND "
	    STORE_UNDER " AND (?3 IS NULL OR o.id = ?3) AND (?4 IS NULL OR "
	    "o.id = ?4) AND (?5 IS NULL OR instr(o.name, ?5) > 0) AND (?8 IS "
	    "NULL OR instr(g.name, ?8) > 0) ORDER BY o.name, o.id LIMIT ?6",
	[K_REGIONS_NAMED] = "SELECT g.key, g.code, g.name, g.level, u.code "
	    "FROM region g LEFT JOIN region u ON u.key = g.parent WHERE "
	    "g.name = ?7 AND " STORE_UNDER " AND (?3 IS NULL OR ?3 = ?3) AND "
	    "(?4 IS NULL OR g.code = ?4) AND (?5 IS NULL OR instr(g.name, ?5) "
	    "> 0) AND (?8 IS NULL OR instr(u.name, ?8) > 0) ORDER BY g.path "
	    "LIMIT ?6",
};

/* Runs lookup id with f's filters bound, row per row; a whole name
 * asked runs the lookup's named twin. */
static int
lookup(struct store *s, int id, const struct store_lookup *f,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx)
{
	char end[512];
	const char *path = f->path != NULL && *f->path ? f->path : NULL;
	int limit = f->limit < 1 ? 1 : f->limit > STORE_LOOKUP_MAX ?
	    STORE_LOOKUP_MAX : f->limit;
	int named = f->name != NULL && *f->name != '\0';
	if (path != NULL)
		store_path_end(path, end, sizeof end);
	if (named)
		id = id == K_ORGANS ? K_ORGANS_NAMED : id == K_REGIONS ?
		    K_REGIONS_NAMED : K_PEOPLE_NAMED;
	struct db_arg a[8] = { DB_TEXT(path), DB_TEXT(path ? end : NULL),
		DB_TEXT(f->organ), DB_TEXT(f->id),
		DB_TEXT(f->q && *f->q ? f->q : NULL), DB_INT(limit),
		DB_TEXT(f->name), DB_TEXT(f->place && *f->place ? f->place :
		    NULL) };
	return store_each(s, store_stmt(s, SLOT_LOOKUP + id, sql[id]),
	    "lookup", row, cb, ctx, named ? 8 : 6, a);
}

int
store_person_hit_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_person_hit h = {
		db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5),
		db_col_text(st, 6), db_col_text(st, 7), db_col_text(st, 8),
	};
	return ((int (*)(void *, const struct store_person_hit *))cb)(ctx, &h);
}

int
store_lookup_people(struct store *s, const struct store_lookup *f,
    int (*cb)(void *, const struct store_person_hit *), void *ctx)
{
	return lookup(s, f->path != NULL && *f->path ? K_PEOPLE_UNDER :
	    K_PEOPLE, f, store_person_hit_row, (void *)cb, ctx);
}

static int
organ_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_organ_hit h = {
		db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		db_col_text(st, 3), db_col_text(st, 4),
	};
	return ((int (*)(void *, const struct store_organ_hit *))cb)(ctx, &h);
}

int
store_lookup_organs(struct store *s, const struct store_lookup *f,
    int (*cb)(void *, const struct store_organ_hit *), void *ctx)
{
	return lookup(s, K_ORGANS, f, organ_row, (void *)cb, ctx);
}

static int
region_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_region g = {
		db_col_int64(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		db_col_text(st, 3), db_col_text(st, 4),
	};
	return ((int (*)(void *, const struct store_region *))cb)(ctx, &g);
}

int
store_lookup_regions(struct store *s, const struct store_lookup *f,
    int (*cb)(void *, const struct store_region *), void *ctx)
{
	return lookup(s, K_REGIONS, f, region_row, (void *)cb, ctx);
}

/* ---- readable numbers ---- */

enum {
	N_RECORD = K_END,
	N_RECORDS,
	N_CASE,
	N_KEY_MAX,
	N_CASE_BY,
	N_END
};

_Static_assert(SLOT_LOOKUP + N_END <= SLOT_REGISTRY, "statement slots");

/* The next number of the region and year: one index seek on the
 * UNIQUE (region, year, seq). */
static const char *const number_sql[] = {
	[N_RECORD - K_END] = "INSERT INTO record_number(record, region, year, "
	    "seq) SELECT r.key, o.region, CAST(substr(r.date, 1, 4) AS "
	    "integer), coalesce((SELECT max(n.seq) FROM record_number n WHERE "
	    "n.region = o.region AND n.year = CAST(substr(r.date, 1, 4) AS "
	    "integer)), 0) + 1 FROM record r JOIN organ o ON o.key = r.organ "
	    "WHERE r.id = ?1 AND NOT EXISTS (SELECT 1 FROM record_number x "
	    "WHERE x.record = r.key)",
	[N_RECORDS - K_END] = SCHEMA_NUMBER_RECORDS("?1"),
	[N_CASE - K_END] = "INSERT INTO acase_number(acase, region, year, seq) "
	    "SELECT c.key, c.region, ?2, coalesce((SELECT max(n.seq) FROM "
	    "acase_number n WHERE n.region = c.region AND n.year = ?2), 0) + 1 "
	    "FROM acase c WHERE c.id = ?1",
	[N_KEY_MAX - K_END] = "SELECT coalesce(max(key), 0) FROM record",
	/* ?1 year, ?2 seq, ?3 the region's name (NULL: any): the UNIQUE
	 * (region, year, seq) index's seek per region of that name. */
	[N_CASE_BY - K_END] = "SELECT c.id FROM acase_number n JOIN acase c "
	    "ON c.key = n.acase JOIN region g ON g.key = n.region WHERE "
	    "n.year = ?1 AND n.seq = ?2 AND (?3 IS NULL OR g.name = ?3) "
	    "LIMIT 2",
};

static struct db_stmt *
number_stmt(struct store *s, int id)
{
	return store_stmt(s, SLOT_LOOKUP + id, number_sql[id - K_END]);
}

int
store_number_record(struct store *s, const char *id)
{
	return store_exec(s, number_stmt(s, N_RECORD), "record number",
	    DB_ARGS(DB_TEXT(id)));
}

int
store_number_records(struct store *s, int64_t after)
{
	return store_exec(s, number_stmt(s, N_RECORDS), "record numbers",
	    DB_ARGS(DB_INT64(after)));
}

int
store_number_case(struct store *s, const char *id, int year)
{
	return store_add(s, number_stmt(s, N_CASE), "case number",
	    DB_ARGS(DB_TEXT(id), DB_INT(year)));
}

int
store_record_key_max(struct store *s, int64_t *key)
{
	*key = 0;
	return store_one(s, number_stmt(s, N_KEY_MAX), "records",
	    store_int64_row, NULL, key, 0, NULL) < 0 ? -1 : 0;
}

/* The brackets a case's year is written in: 〔2026〕 as shown, and what
 * a keyboard gives for them. */
static const char *const case_brackets[][2] = {
	{ "〔", "〕" }, { "[", "]" }, { "【", "】" }, { "(", ")" },
	{ "（", "）" },
};

/* "南明区〔2026〕3号" (the region and 号 optional, spaces around the
 * parts allowed) into *y, *n and name (empty: no region); 1, or 0 for
 * another text. */
static int
case_number_of(const char *q, int *y, int *n, char name[200])
{
	const char *open = NULL, *close = NULL;
	size_t ol = 0, cl = 0;
	for (size_t i = 0; open == NULL && i < sizeof case_brackets /
	    sizeof *case_brackets; i++) {
		const char *o = strstr(q, case_brackets[i][0]);
		if (o != NULL) {
			open = o;
			ol = strlen(case_brackets[i][0]);
			cl = strlen(case_brackets[i][1]);
			close = strstr(o + ol, case_brackets[i][1]);
		}
	}
	if (open == NULL || close == NULL)
		return 0;
	const char *ys = open + ol;
	while (*ys == ' ')
		ys++;
	char *end;
	long year = strtol(ys, &end, 10);
	while (*end == ' ')
		end++;
	if (ys[0] < '0' || ys[0] > '9' || end != close || year < 1900 ||
	    year > 2200)
		return 0;
	const char *ns = close + cl;
	while (*ns == ' ')
		ns++;
	long seq = strtol(ns, &end, 10);
	if (ns[0] < '0' || ns[0] > '9' || seq < 1 || seq > 99999999)
		return 0;
	while (*end == ' ')
		end++;
	if (strncmp(end, "号", strlen("号")) == 0)
		end += strlen("号");
	while (*end == ' ')
		end++;
	if (*end != '\0')
		return 0;
	const char *g = q, *ge = open;
	while (*g == ' ')
		g++;
	while (ge > g && ge[-1] == ' ')
		ge--;
	if ((size_t)(ge - g) >= 200)
		return 0;
	memcpy(name, g, (size_t)(ge - g));
	name[ge - g] = '\0';
	*y = (int)year;
	*n = (int)seq;
	return 1;
}

int
store_id_hit_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_id_hit *h = ctx;
	(void)cb;
	if (h->n++ == 0)
		snprintf(h->out, h->size, "%s", db_col_text(st, 0));
	return 0;
}

int
store_case_by_number(struct store *s, const char *text, char *out,
    size_t size)
{
	char name[200];
	int y, n;
	struct store_id_hit h = { out, size, 0 };
	if (text == NULL || !case_number_of(text, &y, &n, name))
		return 0;
	if (store_each(s, number_stmt(s, N_CASE_BY), "case", store_id_hit_row,
	    NULL, &h, DB_ARGS(DB_INT(y), DB_INT(n), DB_TEXT(*name ? name :
	    NULL))) < 0)
		return -1;
	return h.n == 1 ? 1 : h.n == 0 ? 3 : 2;
}

/* ---- readable labels of things named by id, in batches ---- */

enum {
	B_PEOPLE,
	B_RECORD,
	B_CASE,
	B_ORGAN,
	B_REGION,
	B_REPORT,
	B_INSPECTION,
	B_FINDING,
	B_RECTIFICATION,
	B_INTERVIEW,
	B_NOTICE,
	B_ACCOUNT,
	B_END
};

_Static_assert(SLOT_LABELS + B_END <= STORE_SLOTS, "statement slots");

#define IN_IDS "IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, " \
	"?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, " \
	"?26, ?27, ?28, ?29, ?30, ?31, ?32)"
_Static_assert(STORE_LABELS_BATCH == 32, "IN_IDS binds 32 ids");

/* A page's ids in one statement per STORE_LABELS_BATCH, each found by
 * its UNIQUE index; the ids a batch lacks are bound NULL. */
static const char *const batch_sql[] = {
	[B_PEOPLE] = "SELECT p.id, p.name, t.role, o.id, o.name, "
	    "o.kind, g.code, g.name, g.level FROM person p LEFT JOIN tenure t "
	    "ON t.key = (SELECT c.key FROM tenure c WHERE c.person = p.key "
	    "ORDER BY (c.\"end\" IS NULL) DESC, c.start DESC, c.key DESC LIMIT "
	    "1) LEFT JOIN organ o ON o.key = t.organ LEFT JOIN region g ON "
	    "g.key = o.region WHERE p.id " IN_IDS,
	[B_RECORD] = "SELECT r.id, r.title, NULL, g.name, n.year, "
	    "n.seq FROM record r JOIN organ o ON o.key = r.organ JOIN region g "
	    "ON g.key = o.region LEFT JOIN record_number n ON n.record = r.key "
	    "WHERE r.id " IN_IDS,
	[B_CASE] = "SELECT c.id, p.name, o.name, g.name, n.year, "
	    "n.seq FROM acase c JOIN organ o ON o.key = c.organ JOIN region g "
	    "ON g.key = c.region LEFT JOIN person p ON p.key = c.person LEFT "
	    "JOIN acase_number n ON n.acase = c.key WHERE c.id " IN_IDS,
	[B_ORGAN] = "SELECT o.id, o.name, NULL, g.name, 0, 0 FROM "
	    "organ o JOIN region g ON g.key = o.region WHERE o.id " IN_IDS,
	[B_REGION] = "SELECT g.code, g.name, NULL, u.name, 0, 0 FROM "
	    "region g LEFT JOIN region u ON u.key = g.parent WHERE g.code "
	    IN_IDS,
	[B_REPORT] = "SELECT r.id, r.title, o.name, g.name, r.year, 0 "
	    "FROM report r JOIN organ o ON o.key = r.organ JOIN region g ON "
	    "g.key = o.region WHERE r.id " IN_IDS,
	[B_INSPECTION] = "SELECT i.id, i.title, NULL, g.name, i.year, 0 FROM "
	    "inspection i JOIN region g ON g.key = i.region WHERE i.id " IN_IDS,
	[B_FINDING] = "SELECT f.id, i.title, o.name, NULL, i.year, 0 FROM "
	    "finding f JOIN inspection i ON i.key = f.inspection JOIN organ o "
	    "ON o.key = f.organ WHERE f.id " IN_IDS,
	[B_RECTIFICATION] = "SELECT r.id, NULL, o.name, NULL, "
	    "coalesce(r.year, 0), 0 FROM rectification r JOIN organ o ON o.key "
	    "= r.organ WHERE r.id " IN_IDS,
	[B_INTERVIEW] = "SELECT v.id, p.name, o.name, NULL, coalesce(v.year, "
	    "0), 0 FROM interview v JOIN organ o ON o.key = v.organ LEFT JOIN "
	    "person p ON p.key = v.person WHERE v.id " IN_IDS,
	[B_NOTICE] = "SELECT n.id, n.title, NULL, g.name, n.year, 0 FROM "
	    "notice n JOIN region g ON g.key = n.region WHERE n.id " IN_IDS,
	[B_ACCOUNT] = "SELECT a.name, p.name, a.role, coalesce(o.name, "
	    "g.name), 0, 0 FROM account a LEFT JOIN person p ON p.key = "
	    "a.person LEFT JOIN organ o ON o.key = a.organ LEFT JOIN region g "
	    "ON g.key = a.region WHERE a.name " IN_IDS,
};

/* Runs statement id over ids, a batch at a time. */
static int
batches(struct store *s, int id, const char *const *ids, size_t n,
    int (*row)(struct db_stmt *, void *, void *), void *cb, void *ctx)
{
	struct db_arg args[STORE_LABELS_BATCH];
	for (size_t at = 0; at < n; at += STORE_LABELS_BATCH) {
		for (size_t i = 0; i < STORE_LABELS_BATCH; i++)
			args[i] = at + i < n ? DB_TEXT(ids[at + i]) : DB_NULL;
		int rc = store_each(s, store_stmt(s, SLOT_LABELS + id,
		    batch_sql[id]), "labels", row, cb, ctx,
		    STORE_LABELS_BATCH, args);
		if (rc)
			return rc;
	}
	return 0;
}

int
store_people_of(struct store *s, const char *const *ids, size_t n,
    int (*cb)(void *, const struct store_person_hit *), void *ctx)
{
	return batches(s, B_PEOPLE, ids, n, store_person_hit_row, (void *)cb, ctx);
}

static int
label_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_label l = {
		db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		db_col_text(st, 3), db_col_int(st, 4), db_col_int(st, 5),
	};
	return ((int (*)(void *, const struct store_label *))cb)(ctx, &l);
}

int
store_labels(struct store *s, const char *kind, const char *const *ids,
    size_t n, int (*cb)(void *, const struct store_label *), void *ctx)
{
	static const char *const kinds[] = { "record", "case", "organ",
		"region", "report", "inspection", "finding", "rectification",
		"interview", "notice", "account" };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return batches(s, B_RECORD + (int)i, ids, n, label_row,
			    (void *)cb, ctx);
	return 0;
}
