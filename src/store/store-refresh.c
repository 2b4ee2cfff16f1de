/*
 * Incremental evaluation sets (store-evalset.h): which regions a write
 * changed, kept beside the data version, and the statements that bring a
 * set up to date by replacing only those regions' results.
 *
 * A write whose results can change in a few regions only (a record of an
 * organ, its review, a score of a person) names them inside its
 * transaction (store_touch_record, store_touch_keys); its audit entry
 * then moves the data version with a row of data_change per region
 * (store_data_move). Any other write, or one that named none or too many,
 * moves it with a row of region '': every result may have changed. A
 * write of nothing a set reads (a case, an order, evidence: audit.c)
 * moves it with no row, or with the rows of the regions a write before
 * it in the transaction named: a set is then kept as it is.
 */
#include <string.h>

#include "store/store-evalset.h"
#include "store/store-int.h"

enum {
	R_TOUCH_RECORD,
	R_TOUCH_KEYS,
	R_CHANGE_ADD,
	R_MOVE,
	R_CHANGES,
	R_PRUNE,
	R_STALE,
	R_SPAN,
	R_DROP_DUTY,
	R_DROP_DOC,
	R_DROP_ROW,
	R_TALLY_LESS,
	R_TALLY_MORE,
	R_TALLY_ZERO,
	R_REKEY,
	R_END
};

_Static_assert(SLOT_REFRESH + R_END <= STORE_SLOTS, "store-refresh.c: slots");

static struct db_stmt *
stmt(struct store *s, int id)
{
	static const char *const sql[R_END] = {
		[R_TOUCH_RECORD] = "SELECT organ, coalesce(person, 0) FROM "
		    "record WHERE id = ?1",
		/* The organ's region, and every region the person has held
		 * a post in: a record of the person's own kinds counts for
		 * each of their posts (engine/eval.c). */
		[R_TOUCH_KEYS] = "SELECT g.code FROM organ o JOIN region g ON "
		    "g.key = o.region WHERE o.key = ?1 UNION SELECT g.code FROM "
		    "tenure t JOIN organ o ON o.key = t.organ JOIN region g ON "
		    "g.key = o.region WHERE t.person = ?2",
		[R_CHANGE_ADD] = "INSERT INTO data_change(seq, region) VALUES "
		    "(?1, ?2)",
		[R_MOVE] = "UPDATE data_version SET seq = ?1, hash = ?2 WHERE "
		    "id = 1",
		[R_CHANGES] = "SELECT DISTINCT region FROM data_change WHERE "
		    "seq > ?1 ORDER BY region",
		/* What no set can still need: the rows before the last ''
		 * (a set older than it is made anew whatever follows), and
		 * those no newer than the oldest set. */
		[R_PRUNE] = "DELETE FROM data_change WHERE seq < coalesce((SELECT "
		    "max(seq) FROM data_change WHERE region = ''), 0) OR seq <= "
		    "coalesce((SELECT min(version) FROM eval_set), (SELECT "
		    "max(seq) FROM data_change))",
		[R_STALE] = "SELECT key, version FROM eval_set WHERE year = ?1 AND "
		    "scope = ?2 AND digest = ?3 AND asof = ?4",
		[R_SPAN] = "SELECT count(*), coalesce(min(seq), 0), "
		    "coalesce(max(seq), 0) FROM eval_row WHERE run = ?1 AND "
		    "path = ?2",
		[R_DROP_DUTY] = "DELETE FROM eval_duty WHERE run = ?1 AND "
		    "seq >= ?2 AND seq <= ?3",
		[R_DROP_DOC] = "DELETE FROM eval_doc WHERE run = ?1 AND "
		    "seq >= ?2 AND seq <= ?3",
		[R_DROP_ROW] = "DELETE FROM eval_row WHERE run = ?1 AND "
		    "seq >= ?2 AND seq <= ?3",
		/* A block's duty counts out of the set's, and the new
		 * block's in: the counts stay a full count's without
		 * reading the rest of the set. */
		[R_TALLY_LESS] = "UPDATE eval_tally SET n = eval_tally.n - "
		    "b.n FROM (SELECT rule, verdict, pending, count(*) AS n FROM "
		    "eval_duty WHERE run = ?1 AND seq >= ?2 AND seq <= ?3 GROUP "
		    "BY rule, verdict, pending) AS b WHERE eval_tally.run = ?1 "
		    "AND eval_tally.rule = b.rule AND eval_tally.verdict = "
		    "b.verdict AND eval_tally.pending = b.pending",
		[R_TALLY_MORE] = "INSERT INTO eval_tally(run, rule, verdict, "
		    "pending, n) SELECT run, rule, verdict, pending, count(*) "
		    "FROM eval_duty WHERE run = ?1 AND seq >= ?2 AND seq <= ?3 "
		    "GROUP BY run, rule, verdict, pending ON CONFLICT (run, rule, "
		    "verdict, pending) DO UPDATE SET n = eval_tally.n + "
		    "excluded.n",
		[R_TALLY_ZERO] = "DELETE FROM eval_tally WHERE run = ?1 AND "
		    "n = 0",
		[R_REKEY] = "UPDATE eval_set SET version = ?2, tag = ?3 WHERE "
		    "key = ?1",
	};
	return store_stmt(s, SLOT_REFRESH + id, sql[id]);
}

void
store_touch_clear(struct store *s)
{
	s->ntouched = 0;
	s->touch_over = 0;
}

/* Adds a region's code, once. */
static int
touch(void *ctx, const char *code)
{
	struct store *s = ctx;
	for (int i = 0; i < s->ntouched; i++)
		if (strcmp(s->touched[i], code) == 0)
			return 0;
	if (s->ntouched == STORE_TOUCH_MAX ||
	    strlen(code) >= sizeof s->touched[0])
		s->touch_over = 1;
	else
		strcpy(s->touched[s->ntouched++], code);
	return 0;
}

static int
code_row(struct db_stmt *st, void *cb, void *ctx)
{
	const char *code = db_col_text(st, 0);
	return ((int (*)(void *, const char *))cb)(ctx, code ? code : "");
}

int
store_touch_keys(struct store *s, int64_t organ, int64_t person)
{
	int rc = store_each(s, stmt(s, R_TOUCH_KEYS), "regions", code_row,
	    (void *)touch, s, DB_ARGS(DB_INT64(organ), DB_INT64(person)));
	if (rc < 0)
		s->touch_over = 1;
	return rc < 0 ? -1 : 0;
}

/* A row of up to three integers. */
struct ints {
	int n;         /* columns to read */
	int64_t v[3];
};

static int
ints_row(struct db_stmt *st, void *cb, void *ctx)
{
	(void)cb;
	struct ints *w = ctx;
	for (int i = 0; i < w->n; i++)
		w->v[i] = db_col_int64(st, i);
	return 0;
}

int
store_touch_record(struct store *s, const char *id)
{
	struct ints k = { .n = 2 };
	int rc = store_one(s, stmt(s, R_TOUCH_RECORD), "record", ints_row,
	    NULL, &k, DB_ARGS(DB_TEXT(id)));
	if (rc < 0) {
		s->touch_over = 1;
		return -1;
	}
	return rc == 1 ? store_touch_keys(s, k.v[0], k.v[1]) : 0;
}

int
store_data_move(struct store *s, int64_t seq, const char *hash,
    enum data_move how)
{
	struct db_stmt *add = stmt(s, R_CHANGE_ADD);
	int rc = 0;
	if (how != DATA_ALL && s->ntouched > 0 && !s->touch_over) {
		for (int i = 0; i < s->ntouched && rc == 0; i++)
			rc = store_exec(s, add, "data change", DB_ARGS(
			    DB_INT64(seq), DB_TEXT(s->touched[i])));
	} else if (how != DATA_UNREAD || s->touch_over)
		rc = store_exec(s, add, "data change", DB_ARGS(DB_INT64(seq),
		    DB_TEXT("")));
	store_touch_clear(s);
	return rc || store_exec(s, stmt(s, R_MOVE), "data version",
	    DB_ARGS(DB_INT64(seq), DB_TEXT(hash))) ? -1 : 0;
}

int
store_data_changes(struct store *s, int64_t since,
    int (*cb)(void *, const char *), void *ctx)
{
	return store_each(s, stmt(s, R_CHANGES), "data changes", code_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT64(since)));
}

int
store_data_prune(struct store *s)
{
	return store_exec(s, stmt(s, R_PRUNE), "data changes", 0, NULL);
}

int
store_evalset_stale(struct store *s, const struct store_evalset_key *k,
    int64_t *set, int64_t *version)
{
	struct ints v = { .n = 2 };
	int rc = store_one(s, stmt(s, R_STALE), "evaluation set", ints_row,
	    NULL, &v, DB_ARGS(DB_INT(k->year), DB_TEXT(k->scope),
	    DB_TEXT(k->digest), DB_TEXT(k->asof)));
	*set = v.v[0];
	*version = v.v[1];
	return rc;
}

int
store_evalset_drop_region(struct store *s, int64_t set, const char *path,
    int64_t *first, long *n)
{
	static const int drops[] = { R_DROP_DUTY, R_DROP_DOC, R_DROP_ROW };
	struct ints w = { .n = 3 };
	const int64_t *v = w.v;
	*first = 0;
	*n = 0;
	if (store_one(s, stmt(s, R_SPAN), "evaluation set", ints_row,
	    NULL, &w, DB_ARGS(DB_INT64(set), DB_TEXT(path))) != 1)
		return -1;
	if (v[0] == 0)
		return 0; /* no results: none to give again */
	/* Only a block of the engine's order can be given back in place. */
	if (v[2] - v[1] + 1 != v[0])
		return 1;
	if (store_exec(s, stmt(s, R_TALLY_LESS), "evaluation set",
	    DB_ARGS(DB_INT64(set), DB_INT64(v[1]), DB_INT64(v[2]))))
		return -1;
	for (size_t i = 0; i < sizeof drops / sizeof *drops; i++)
		if (store_exec(s, stmt(s, drops[i]), "evaluation set",
		    DB_ARGS(DB_INT64(set), DB_INT64(v[1]), DB_INT64(v[2]))))
			return -1;
	*first = v[1];
	*n = (long)v[0];
	return 0;
}

int
store_evalset_give_region(struct store *s, int64_t set, int64_t first,
    long n)
{
	return store_exec(s, stmt(s, R_TALLY_MORE), "evaluation set",
	    DB_ARGS(DB_INT64(set), DB_INT64(first), DB_INT64(first + n - 1)));
}

int
store_evalset_rekey(struct store *s, int64_t set,
    const struct store_evalset_key *k)
{
	return store_exec(s, stmt(s, R_TALLY_ZERO), "evaluation set",
	    DB_ARGS(DB_INT64(set))) || store_exec(s, stmt(s, R_REKEY),
	    "evaluation set", DB_ARGS(DB_INT64(set), DB_INT64(k->version),
	    DB_TEXT(k->tag))) ? -1 : 0;
}
