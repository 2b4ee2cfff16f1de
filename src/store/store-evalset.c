/*
 * Materialised evaluations (store-evalset.h): the sets, their results and
 * their duties, and the filtered, sorted and paged reads of the pages.
 */
#include "store/store-evalset.h"

#include <stdint.h>
#include <string.h>

#include "store/store-int.h"

enum {
	V_FIND,
	V_DROP_DUTY,
	V_DROP_ROW,
	V_DROP_SET,
	V_START,
	V_ROW_ADD,
	V_DOC_ADD,
	V_DROP_DOC,
	V_DUTY_ADD,
	V_COUNT,
	V_TALLY,
	V_DUTIES,
	V_RISK_COUNT,
	V_RISKS,
	V_DUTIES_ALL,
	V_RISK_COUNT_ALL,
	V_RISKS_ALL,
	V_RISKS_ALL_BOTH,
	V_DROP_TALLY,
	V_FINISH_TALLY,
	V_FINISH_AWAITING,
	V_AWAITING,
	V_ROWS,
	V_EACH, /* EVALSORT_COUNT of them, one per order */
	V_END = V_EACH + EVALSORT_COUNT
};

_Static_assert(SLOT_EVALSET + V_END <= SLOT_AWAITING, "store-evalset.c: slots");

/* The results a filter selects: ?1 the set, ?2 and ?3 a path's range,
 * ?4 organ, ?5 person, ?6 grade, ?7 provisional, ?8 veto, ?9 a verdict
 * one of its duties has; each applies only when not NULL. The casts give
 * PostgreSQL the numbers' type, which "?6 IS NULL" alone does not. */
#define SELECTED \
	" w.run = ?1 AND (?2 IS NULL OR (w.path >= ?2 AND w.path < ?3)) " \
	"AND (?4 IS NULL OR w.organ = ?4) AND (?5 IS NULL OR w.person = ?5) " \
	"AND (?6 IS NULL OR w.grade = CAST(?6 AS INTEGER)) AND (?7 IS NULL " \
	"OR w.provisional = CAST(?7 AS INTEGER)) AND (?8 IS NULL OR " \
	"w.veto = CAST(?8 AS INTEGER)) AND (?9 IS NULL OR EXISTS (SELECT 1 " \
	"FROM eval_duty v WHERE v.run = w.run AND v.seq = w.seq AND " \
	"v.verdict = CAST(?9 AS INTEGER)))"
/* The page's rows in order first, then their documents only. */
#define EACH(order) "SELECT d.doc FROM (SELECT w.run, w.seq, row_number() " \
	"OVER (ORDER BY " order ") AS k FROM eval_row w WHERE" SELECTED \
	" ORDER BY " order " LIMIT ?10 OFFSET ?11) p JOIN eval_doc d ON " \
	"d.run = p.run AND d.seq = p.seq ORDER BY p.k"
/* No score sorts last both ways, on both backends. */
#define UNSCORED "CASE WHEN w.score IS NULL THEN 1 ELSE 0 END"
/* The page of a whole set's risks: the index eval_duty_risk in order
 * (one kind of risk: risk = ?2), or sorted (both kinds), then their
 * leaders. ?3 limit, ?4 offset. */
#define RISKS_ALL(kind) "SELECT " DUTY_COLS ", w.region, w.region_name, " \
	"w.organ, w.organ_name, w.person, w.person_name FROM (SELECT * FROM " \
	"eval_duty u WHERE u.run = ?1 AND " kind " ORDER BY " RISK_ORDER \
	" LIMIT ?3 OFFSET ?4) u JOIN eval_row w ON w.run = u.run AND " \
	"w.seq = u.seq ORDER BY " RISK_ORDER
/* Worst first: warn_worse's order (pressure, fewer weeks, larger gap). */
#define RISK_ORDER "u.pressure DESC, u.weeks, u.gap DESC, u.seq, u.duty"
#define DUTY_COLS "u.seq, u.duty, u.rule, u.verdict, u.pending, u.risk, " \
	"u.required, u.actual, u.gap, u.days, u.weeks, u.kind, u.pressure, u.due"

static struct db_stmt *
stmt(struct store *s, int id)
{
	static const char *const sql[V_END] = {
		[V_FIND] = "SELECT key FROM eval_set WHERE year = ?1 AND "
		    "scope = ?2 AND digest = ?3 AND asof = ?4 AND version = ?5 "
		    "AND tag = ?6",
		[V_DROP_DUTY] = "DELETE FROM eval_duty WHERE run IN (SELECT key "
		    "FROM eval_set WHERE year = ?1 AND scope = ?2)",
		[V_DROP_ROW] = "DELETE FROM eval_row WHERE run IN (SELECT key "
		    "FROM eval_set WHERE year = ?1 AND scope = ?2)",
		[V_DROP_SET] = "DELETE FROM eval_set WHERE year = ?1 AND "
		    "scope = ?2",
		[V_START] = "INSERT INTO eval_set(year, scope, digest, asof, "
		    "version, tag) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		[V_ROW_ADD] = "INSERT INTO eval_row(run, seq, path, region, "
		    "region_name, organ, organ_name, person, person_name, grade, "
		    "score, provisional, veto, closed, role) VALUES (?1, ?2, ?3, "
		    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
		/* The results without their documents, in the engine's
		 * order: what a count by region reads (domain/overview.c). */
		[V_ROWS] = "SELECT w.seq, w.path, w.region, w.region_name, "
		    "w.organ, w.organ_name, w.person, w.person_name, w.grade, "
		    "w.score, w.provisional, w.veto, w.closed, w.role FROM "
		    "eval_row w WHERE" SELECTED " ORDER BY w.seq",
		[V_DOC_ADD] = "INSERT INTO eval_doc(run, seq, doc) VALUES "
		    "(?1, ?2, ?3)",
		[V_DROP_DOC] = "DELETE FROM eval_doc WHERE run IN (SELECT key "
		    "FROM eval_set WHERE year = ?1 AND scope = ?2)",
		[V_DUTY_ADD] = "INSERT INTO eval_duty(run, seq, duty, rule, "
		    "verdict, pending, risk, required, actual, gap, days, weeks, "
		    "kind, pressure, due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		    "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
		[V_COUNT] = "SELECT count(*) FROM eval_row w WHERE" SELECTED,
		[V_TALLY] = "SELECT w.grade, w.provisional, w.veto, count(*) "
		    "FROM eval_row w WHERE" SELECTED " GROUP BY w.grade, "
		    "w.provisional, w.veto",
		[V_DUTIES] = "SELECT u.rule, u.verdict, u.pending, count(*) "
		    "FROM eval_duty u JOIN eval_row w ON w.run = u.run AND "
		    "w.seq = u.seq WHERE" SELECTED " GROUP BY u.rule, u.verdict, "
		    "u.pending",
		[V_RISK_COUNT] = "SELECT count(*) FROM eval_duty u JOIN eval_row "
		    "w ON w.run = u.run AND w.seq = u.seq WHERE" SELECTED
		    " AND u.risk > 0 AND (?10 = 0 OR u.risk = ?10)",
		[V_RISKS] = "SELECT " DUTY_COLS ", w.region, w.region_name, "
		    "w.organ, w.organ_name, w.person, w.person_name FROM "
		    "eval_duty u JOIN eval_row w ON w.run = u.run AND "
		    "w.seq = u.seq WHERE" SELECTED " AND u.risk > 0 AND "
		    "(?10 = 0 OR u.risk = ?10) ORDER BY " RISK_ORDER
		    " LIMIT ?11 OFFSET ?12",
		/* The same without a filter (an office's whole scope, the
		 * dashboard's case): from eval_duty's indexes alone, and the
		 * leaders of the page's risks only. */
		[V_DUTIES_ALL] = "SELECT rule, verdict, pending, n FROM "
		    "eval_tally WHERE run = ?1",
		[V_RISK_COUNT_ALL] = "SELECT count(*) FROM eval_duty WHERE "
		    "run = ?1 AND risk BETWEEN ?2 AND ?3",
		[V_DROP_TALLY] = "DELETE FROM eval_tally WHERE run IN (SELECT "
		    "key FROM eval_set WHERE year = ?1 AND scope = ?2)",
		/* Made once with the set: the dashboard's counts of a whole
		 * scope, per duty, and of its records awaiting review (a
		 * review moves the data version as any write does). */
		[V_FINISH_TALLY] = "INSERT INTO eval_tally(run, rule, verdict, "
		    "pending, n) SELECT run, rule, verdict, pending, count(*) "
		    "FROM eval_duty WHERE run = ?1 GROUP BY run, rule, verdict, "
		    "pending",
		[V_FINISH_AWAITING] = "UPDATE eval_set SET awaiting = ?2 "
		    "WHERE key = ?1",
		[V_AWAITING] = "SELECT awaiting FROM eval_set WHERE key = ?1 AND "
		    "awaiting IS NOT NULL",
		[V_RISKS_ALL] = RISKS_ALL("u.risk = ?2"),
		[V_RISKS_ALL_BOTH] = RISKS_ALL("u.risk > 0 AND ?2 = 0"),
		[V_EACH + EVALSORT_ORDER] = EACH("w.seq"),
		[V_EACH + EVALSORT_SCORE] = EACH(UNSCORED ", w.score DESC, "
		    "w.seq"),
		[V_EACH + EVALSORT_SCORE_ASC] = EACH(UNSCORED ", w.score, w.seq"),
		[V_EACH + EVALSORT_NAME] = EACH("w.person_name, w.seq"),
		[V_EACH + EVALSORT_GRADE] = EACH("w.grade DESC, w.seq"),
	};
	return store_stmt(s, SLOT_EVALSET + id, sql[id]);
}

int
store_evalset_find(struct store *s, const struct store_evalset_key *k,
    int64_t *set)
{
	return store_one(s, stmt(s, V_FIND), "evaluation set", store_int64_row,
	    NULL, set, DB_ARGS(DB_INT(k->year), DB_TEXT(k->scope),
	    DB_TEXT(k->digest), DB_TEXT(k->asof), DB_INT64(k->version),
	    DB_TEXT(k->tag)));
}

int
store_evalset_start(struct store *s, const struct store_evalset_key *k,
    int64_t *set)
{
	static const int drops[] = { V_DROP_TALLY, V_DROP_DUTY, V_DROP_DOC,
		V_DROP_ROW, V_DROP_SET };
	for (size_t i = 0; i < sizeof drops / sizeof *drops; i++)
		if (store_exec(s, stmt(s, drops[i]), "evaluation set",
		    DB_ARGS(DB_INT(k->year), DB_TEXT(k->scope))))
			return -1;
	if (store_exec(s, stmt(s, V_START), "evaluation set",
	    DB_ARGS(DB_INT(k->year), DB_TEXT(k->scope), DB_TEXT(k->digest),
	    DB_TEXT(k->asof), DB_INT64(k->version), DB_TEXT(k->tag))))
		return -1;
	*set = db_last_id(s->conn);
	return 0;
}

int
store_evalset_finish(struct store *s, int64_t set, const char *path)
{
	return store_exec(s, stmt(s, V_FINISH_TALLY), "evaluation set",
	    DB_ARGS(DB_INT64(set))) ? -1 : store_evalset_awaiting_count(s, set,
	    path);
}

int
store_evalset_awaiting_count(struct store *s, int64_t set, const char *path)
{
	/* "/": every region, counted without the regions. */
	long n = store_count_awaiting(s, strcmp(path, "/") == 0 ? NULL :
	    path, NULL);
	return n < 0 || store_exec(s, stmt(s, V_FINISH_AWAITING),
	    "evaluation set", DB_ARGS(DB_INT64(set), DB_INT64(n))) ? -1 : 0;
}

long
store_evalset_awaiting(struct store *s, int64_t set)
{
	int64_t n = 0;
	int rc = store_one(s, stmt(s, V_AWAITING), "evaluation set",
	    store_int64_row, NULL, &n, DB_ARGS(DB_INT64(set)));
	return rc == 1 ? (long)n : rc == 0 ? -2 : -1;
}

int
store_evalrow_add(struct store *s, int64_t set, const struct store_evalrow *r)
{
	return store_exec(s, stmt(s, V_ROW_ADD), "evaluation result",
	    DB_ARGS(DB_INT64(set), DB_INT64(r->seq), DB_TEXT(r->path),
	    DB_TEXT(r->region), DB_TEXT(r->region_name), DB_TEXT(r->organ),
	    DB_TEXT(r->organ_name), DB_TEXT(r->person), DB_TEXT(r->person_name),
	    DB_INT(r->grade), r->has_score ? DB_DOUBLE(r->score) : DB_NULL,
	    DB_INT(r->provisional), DB_INT(r->veto), DB_INT(r->closed),
	    DB_INT(r->role))) ||
	    store_exec(s, stmt(s, V_DOC_ADD), "evaluation result",
	    DB_ARGS(DB_INT64(set), DB_INT64(r->seq), DB_TEXT(r->doc)));
}

int
store_evalduty_add(struct store *s, int64_t set,
    const struct store_evalduty *u)
{
	return store_exec(s, stmt(s, V_DUTY_ADD), "evaluation duty",
	    DB_ARGS(DB_INT64(set), DB_INT64(u->seq), DB_INT(u->duty),
	    DB_TEXT(u->rule), DB_INT(u->verdict), DB_INT(u->pending),
	    DB_INT(u->risk), DB_INT(u->required), DB_INT(u->actual),
	    DB_INT(u->gap), DB_INT(u->days), DB_INT(u->weeks), DB_INT(u->kind),
	    DB_DOUBLE(u->pressure), DB_TEXT(u->due)));
}

/* ?1..?9 of SELECTED into a (12 entries: room for the caller's); end
 * holds the path range's end. */
static void
filter_args(int64_t set, const struct store_evalfilter *f, char end[512],
    struct db_arg a[12])
{
	if (f->path != NULL)
		store_path_end(f->path, end, 512);
	a[0] = DB_INT64(set);
	a[1] = DB_TEXT(f->path);
	a[2] = DB_TEXT(f->path != NULL ? end : NULL);
	a[3] = DB_TEXT(f->organ);
	a[4] = DB_TEXT(f->person);
	a[5] = f->grade >= 0 ? DB_INT(f->grade) : DB_NULL;
	a[6] = f->provisional >= 0 ? DB_INT(f->provisional) : DB_NULL;
	a[7] = f->veto >= 0 ? DB_INT(f->veto) : DB_NULL;
	a[8] = f->verdict >= 0 ? DB_INT(f->verdict) : DB_NULL;
}

/* Whether f selects every result of a set. */
static int
unfiltered(const struct store_evalfilter *f)
{
	return f->path == NULL && f->organ == NULL && f->person == NULL &&
	    f->grade < 0 && f->provisional < 0 && f->veto < 0 && f->verdict < 0;
}

long
store_evalset_count(struct store *s, int64_t set,
    const struct store_evalfilter *f)
{
	char end[512];
	struct db_arg a[12];
	int64_t n = 0;
	filter_args(set, f, end, a);
	if (store_one(s, stmt(s, V_COUNT), "evaluation results",
	    store_int64_row, NULL, &n, 9, a) != 1)
		return -1;
	return (long)n;
}

struct tally {
	long *by_grade, *provisional, *veto;
};

static int
tally_row(struct db_stmt *st, void *cb, void *ctx)
{
	(void)cb;
	struct tally *t = ctx;
	int g = db_col_int(st, 0);
	long n = (long)db_col_int64(st, 3);
	if (g >= 0 && g < 4)
		t->by_grade[g] += n;
	if (db_col_int(st, 1))
		*t->provisional += n;
	if (db_col_int(st, 2))
		*t->veto += n;
	return 0;
}

int
store_evalset_tally(struct store *s, int64_t set,
    const struct store_evalfilter *f, long by_grade[4], long *provisional,
    long *veto)
{
	char end[512];
	struct db_arg a[12];
	struct tally t = { by_grade, provisional, veto };
	memset(by_grade, 0, 4 * sizeof *by_grade);
	*provisional = *veto = 0;
	filter_args(set, f, end, a);
	return store_each(s, stmt(s, V_TALLY), "evaluation results", tally_row,
	    NULL, &t, 9, a);
}

static int
doc_row(struct db_stmt *st, void *cb, void *ctx)
{
	const char *doc = db_col_text(st, 0);
	return ((int (*)(void *, const char *, size_t))cb)(ctx, doc ? doc : "",
	    doc ? strlen(doc) : 0);
}

int
store_evalset_each(struct store *s, int64_t set,
    const struct store_evalfilter *f, enum store_evalsort sort,
    long offset, long limit,
    int (*cb)(void *ctx, const char *doc, size_t len), void *ctx)
{
	char end[512];
	struct db_arg a[12];
	if ((int)sort < 0 || sort >= EVALSORT_COUNT)
		sort = EVALSORT_ORDER;
	filter_args(set, f, end, a);
	/* No limit (< 0): the largest, as PostgreSQL refuses LIMIT -1. */
	a[9] = DB_INT64(limit < 0 ? INT64_MAX : limit);
	a[10] = DB_INT64(offset);
	return store_each(s, stmt(s, V_EACH + (int)sort), "evaluation results",
	    doc_row, (void *)cb, ctx, 11, a);
}

static int
evalrow_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_evalrow r = { .seq = db_col_int64(st, 0),
		.path = db_col_text(st, 1), .region = db_col_text(st, 2),
		.region_name = db_col_text(st, 3), .organ = db_col_text(st, 4),
		.organ_name = db_col_text(st, 5), .person = db_col_text(st, 6),
		.person_name = db_col_text(st, 7), .grade = db_col_int(st, 8),
		.has_score = !db_col_null(st, 9), .score = db_col_double(st, 9),
		.provisional = db_col_int(st, 10), .veto = db_col_int(st, 11),
		.closed = db_col_int(st, 12), .role = db_col_int(st, 13) };
	return ((int (*)(void *, const struct store_evalrow *))cb)(ctx, &r);
}

int
store_evalset_rows(struct store *s, int64_t set,
    const struct store_evalfilter *f,
    int (*cb)(void *ctx, const struct store_evalrow *r), void *ctx)
{
	char end[512];
	struct db_arg a[12];
	filter_args(set, f, end, a);
	return store_each(s, stmt(s, V_ROWS), "evaluation results",
	    evalrow_row, (void *)cb, ctx, 9, a);
}

static int
duties_row(struct db_stmt *st, void *cb, void *ctx)
{
	return ((int (*)(void *, const char *, int, int, long))cb)(ctx,
	    db_col_text(st, 0), db_col_int(st, 1), db_col_int(st, 2),
	    (long)db_col_int64(st, 3));
}

int
store_evalset_duties(struct store *s, int64_t set,
    const struct store_evalfilter *f,
    int (*cb)(void *, const char *, int, int, long), void *ctx)
{
	char end[512];
	struct db_arg a[12];
	filter_args(set, f, end, a);
	int all = unfiltered(f);
	return store_each(s, stmt(s, all ? V_DUTIES_ALL : V_DUTIES),
	    "evaluation duties", duties_row, (void *)cb, ctx, all ? 1 : 9, a);
}

long
store_evalset_risk_count(struct store *s, int64_t set,
    const struct store_evalfilter *f, int risk)
{
	char end[512];
	struct db_arg a[12];
	int64_t n = 0;
	filter_args(set, f, end, a);
	a[9] = DB_INT(risk);
	if (unfiltered(f)) { /* risk 0 is both: 1 to 2 */
		a[1] = DB_INT(risk ? risk : 1);
		a[2] = DB_INT(risk ? risk : 2);
	}
	if (store_one(s, stmt(s, unfiltered(f) ? V_RISK_COUNT_ALL :
	    V_RISK_COUNT), "evaluation duties", store_int64_row, NULL, &n,
	    unfiltered(f) ? 3 : 10, a) != 1)
		return -1;
	return (long)n;
}

static int
risk_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_evalrisk k = {
		.u = { .seq = db_col_int64(st, 0), .duty = db_col_int(st, 1),
		    .rule = db_col_text(st, 2), .verdict = db_col_int(st, 3),
		    .pending = db_col_int(st, 4), .risk = db_col_int(st, 5),
		    .required = db_col_int(st, 6), .actual = db_col_int(st, 7),
		    .gap = db_col_int(st, 8), .days = db_col_int(st, 9),
		    .weeks = db_col_int(st, 10), .kind = db_col_int(st, 11),
		    .pressure = db_col_double(st, 12),
		    .due = db_col_text(st, 13) },
		.region = db_col_text(st, 14), .region_name = db_col_text(st, 15),
		.organ = db_col_text(st, 16), .organ_name = db_col_text(st, 17),
		.person = db_col_text(st, 18), .person_name = db_col_text(st, 19),
	};
	return ((int (*)(void *, const struct store_evalrisk *))cb)(ctx, &k);
}

int
store_evalset_risks(struct store *s, int64_t set,
    const struct store_evalfilter *f, int risk, long offset, long limit,
    int (*cb)(void *, const struct store_evalrisk *), void *ctx)
{
	char end[512];
	struct db_arg a[12];
	filter_args(set, f, end, a);
	a[9] = DB_INT(risk);
	a[10] = DB_INT64(limit);
	a[11] = DB_INT64(offset);
	if (unfiltered(f)) {
		struct db_arg b[4] = { a[0], DB_INT(risk), a[10], a[11] };
		return store_each(s, stmt(s, risk ? V_RISKS_ALL :
		    V_RISKS_ALL_BOTH), "evaluation duties", risk_row, (void *)cb,
		    ctx, 4, b);
	}
	return store_each(s, stmt(s, V_RISKS), "evaluation duties", risk_row,
	    (void *)cb, ctx, 12, a);
}

/* ---- scores (GET /api/v1/scores) ---- */

/* The qualitative duties (?10: their rule ids as ",a,b,") of the results
 * f selects, with the score given in the year (?11), in the engine's
 * order: results, then their duties. ?12 limit, ?13 offset. */
#define SCORES_OF \
	" FROM eval_row w JOIN eval_duty u ON u.run = w.run AND u.seq = " \
	"w.seq WHERE" SELECTED " AND instr(?10, ',' || u.rule || ',') > 0"
/* The page's scores are joined to its rows only; the count reads the
 * duties alone (?11 there is only named). The page is ordered by the
 * duties' own key (u.seq is w.seq): their primary key (run, seq, duty)
 * gives that order, and the walk stops at the page's end; ordered by
 * w.seq, SQLite read every duty of the set and sorted the qualitative
 * ones for each page (0.4-0.75 s on the national data). */
#define SCORES_FROM \
	" FROM (SELECT w.person, w.person_name, w.organ, u.rule, u.seq, " \
	"u.duty" SCORES_OF " ORDER BY u.seq, u.duty LIMIT ?12 OFFSET ?13) " \
	"x LEFT JOIN person p ON p.id = x.person LEFT JOIN score s ON " \
	"s.person = p.key AND s.year = CAST(?11 AS INTEGER) AND s.duty = " \
	"x.rule"

enum { S_LIST, S_COUNT, S_COUNT_ALL, S_END };
_Static_assert(SLOT_SCORES + S_END <= SLOT_SUP_LISTS, "store-evalset.c: slots");

static int
score_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct store_evalscore v = { db_col_text(st, 0), db_col_text(st, 1),
		db_col_text(st, 2), db_col_text(st, 3), !db_col_null(st, 4),
		db_col_double(st, 4), db_col_text(st, 5), db_col_text(st, 6) };
	return ((int (*)(void *, const struct store_evalscore *))cb)(ctx, &v);
}

int
store_evalset_scores(struct store *s, int64_t set,
    const struct store_evalfilter *f, int year, const char *rules,
    long offset, long limit,
    int (*cb)(void *, const struct store_evalscore *), void *ctx)
{
	char end[512];
	struct db_arg a[13];
	filter_args(set, f, end, a);
	a[9] = DB_TEXT(rules);
	a[10] = DB_INT(year);
	a[11] = DB_INT64(limit);
	a[12] = DB_INT64(offset);
	return store_each(s, store_stmt(s, SLOT_SCORES + S_LIST, "SELECT "
	    "x.person, x.person_name, x.organ, x.rule, s.score, s.by, "
	    "s.comment" SCORES_FROM " ORDER BY x.seq, x.duty"), "scores",
	    score_row, (void *)cb, ctx, 13, a);
}

long
store_evalset_scores_count(struct store *s, int64_t set,
    const struct store_evalfilter *f, int year, const char *rules)
{
	char end[512], rule[256];
	struct db_arg a[12];
	long total = 0;
	(void)year;
	filter_args(set, f, end, a);
	/* Rule by rule, each from the index eval_duty_rule (run, rule):
	 * the qualitative duties are a few of a result's. */
	for (const char *p = rules; p != NULL && *p != '\0';) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		long k = 0;
		if (n > 0 && n < sizeof rule) {
			memcpy(rule, p, n);
			rule[n] = '\0';
			a[9] = DB_TEXT(rule);
			struct db_arg b[2] = { a[0], a[9] };
			/* Unfiltered, the index alone counts (8 ms a rule on
			 * the national set, against 83 ms joined to the rows). */
			if ((unfiltered(f) ? store_each(s, store_stmt(s,
			    SLOT_SCORES + S_COUNT_ALL, "SELECT count(*) FROM "
			    "eval_duty u WHERE u.run = ?1 AND u.rule = ?2"),
			    "scores", store_count_row, NULL, &k, 2, b) :
			    store_each(s, store_stmt(s, SLOT_SCORES + S_COUNT,
			    "SELECT count(*) FROM eval_duty u JOIN eval_row w ON "
			    "w.run = u.run AND w.seq = u.seq WHERE u.run = ?1 AND "
			    "u.rule = ?10 AND" SELECTED), "scores", store_count_row,
			    NULL, &k, 10, a)) < 0)
				return -1;
			total += k;
		}
		p = comma ? comma + 1 : NULL;
	}
	return total;
}
