/*
 * The evaluation as a table the pages page in SQL (evaluation.h,
 * store-evalset.h).
 *
 * A set is made in one write transaction that first reads the data
 * version (store_data_version: the last audit entry of a write that can
 * change a result), then evaluates and inserts; the version it is keyed
 * by is therefore the one its results were computed from. A later such
 * write moves the version in its own transaction, the key no longer
 * matches, and the next request makes the set anew: a set is never read
 * under a version it was not computed for. A login, a token or a message
 * read is audited too but leaves the version, and the set, alone. The day is
 * in the key too (whether a duty is at risk or still pending depends on
 * it), and the catalog's digest (a server started with other rules).
 */
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/sm3.h"
#include "domain/evaluation.h"
#include "engine/closure.h"
#include "engine/warn.h"
#include "report/report.h"

/* The regions a set is brought up to date by at most; more changed
 * since it was made, and it is made anew. */
#define REFRESH_MAX 32

struct filling {
	struct store *s;
	int64_t set, seq;
	int year;
	date_t today;
	struct buf doc;
	char code[64], path[512]; /* the last region looked up */
	/* Bringing a set up to date (refresh): the region whose own
	 * results are given again, into the n seqs from first they held;
	 * given so far, and whether the number differed. */
	const char *only;
	int64_t first;
	long n, given;
	int differs;
};

/* Inserts one result and its duties. */
static int
fill(void *ctx, const struct eval_result *res)
{
	struct filling *f = ctx;
	if (f->only != NULL) {
		if (strcmp(res->region, f->only) != 0)
			return 0; /* of its subtree, not its own */
		if (f->given == f->n) {
			f->differs = 1;
			return -1;
		}
		f->seq = f->first + f->given++ - 1;
	}
	if (strcmp(f->code, res->region) != 0) {
		if (store_region_path(f->s, res->region, f->path,
		    sizeof f->path) != 1 || strlen(res->region) >= sizeof f->code)
			return -1;
		strcpy(f->code, res->region);
	}
	buf_reset(&f->doc);
	if (report_result_text(&f->doc, res) || buf_putc(&f->doc, '\0'))
		return -1;
	struct store_evalrow row = { .seq = ++f->seq, .path = f->path,
		.region = res->region, .region_name = res->region_name,
		.organ = res->organ, .organ_name = res->organ_name,
		.person = res->person, .person_name = res->person_name,
		.grade = (int)res->grade, .has_score = res->has_score,
		.provisional = res->provisional, .veto = res->veto,
		.closed = res->closed, .score = res->score,
		.role = (int)res->role,
		.doc = f->doc.data, .len = f->doc.len - 1 };
	if (store_evalrow_add(f->s, f->set, &row))
		return -1;
	for (size_t i = 0; i < res->nduties; i++) {
		const struct eval_duty *u = &res->duties[i];
		struct warning w;
		char due[11];
		memset(&w, 0, sizeof w);
		int risk = warn_duty(f->today, f->year, res, u, &w);
		if (risk)
			date_format(w.due, due);
		struct store_evalduty d = { .seq = f->seq, .duty = (int)i,
			.rule = u->rule->id, .verdict = (int)u->verdict,
			.pending = u->verdict == VERDICT_UNMET &&
			    warn_due_date(f->year, u->rule, res) >= f->today,
			.risk = risk, .required = w.required, .actual = w.actual,
			.gap = w.gap, .days = w.days, .weeks = w.weeks,
			.kind = (int)w.kind, .pressure = w.pressure,
			.due = risk ? due : NULL };
		if (store_evalduty_add(f->s, f->set, &d))
			return -1;
	}
	return 0;
}

/* The key of (year, scope) as the data stands: 0, or -1. */
static int
key_now(struct dom *d, int year, const char *scope, char asof[11],
    char tag[SM3_HEX_LEN], struct store_evalset_key *k)
{
	date_format(date_today(), asof);
	*k = (struct store_evalset_key){ .year = year, .scope = scope,
		.digest = d->catalog->digest, .asof = asof, .tag = tag };
	return store_data_version(d->store, &k->version, tag, SM3_HEX_LEN);
}

/* What refresh reads: the regions changed since the set was made. */
struct changes {
	struct arena *a;
	const char *code[REFRESH_MAX];
	size_t n;
	int all; /* everything may have changed, or too many regions did */
};

static int
changed(void *ctx, const char *code)
{
	struct changes *c = ctx;
	if (code[0] == '\0' || c->n == REFRESH_MAX) {
		c->all = 1;
		return 1;
	}
	c->code[c->n++] = arena_strdup(c->a, code);
	return 0;
}

/*
 * Brings the stale set of k's year and scope (at path) up to date in
 * place, inside the caller's transaction: the results of each region
 * changed since it was made (store-refresh.c), the region's own, are
 * evaluated again (from a run over its subtree, the engine's unit) and
 * written into the seqs they held, so that the set is the one a full run
 * would make, row for row. A write that names its regions cannot change
 * which posts are evaluated, so their number stays; where it does not,
 * or the changes are not all named, or the set is not there: 0, and the
 * caller makes the set anew (store_evalset_start drops whatever this
 * began). 1 with *set, or -1 with err.
 */
static int
refresh(struct dom *d, const struct store_evalset_key *k, const char *path,
    int64_t *set, char *err, size_t errlen)
{
	int64_t version;
	struct changes c = { .a = d->arena };
	int rc = store_evalset_stale(d->store, k, set, &version);
	if (rc != 1 || version >= k->version)
		return rc < 0 ? -1 : 0;
	if ((rc = store_data_changes(d->store, version, changed, &c)) < 0)
		return -1;
	if (c.all)
		return 0;
	struct filling f = { .s = d->store, .set = *set, .year = k->year,
		.today = date_today() };
	buf_init(&f.doc, 64u << 20);
	rc = 1;
	for (size_t i = 0; i < c.n && rc == 1; i++) {
		char at[512];
		long count;
		int found = store_region_path(d->store, c.code[i], at, sizeof at);
		if (found <= 0) {
			rc = found; /* a region gone: made anew */
			break;
		}
		if (strncmp(at, path, strlen(path)) != 0)
			continue; /* outside the set */
		int drop = store_evalset_drop_region(d->store, *set, at,
		    &f.first, &f.n);
		if (drop != 0) {
			rc = drop < 0 ? -1 : 0;
			break;
		}
		if (f.n == 0)
			continue; /* no post of its own is evaluated */
		f.only = c.code[i];
		f.given = 0;
		if (closure_run(d->store, d->catalog, k->year, c.code[i], fill,
		    &f, &count, err, errlen) != 0 || f.given != f.n)
			rc = f.differs || f.given != f.n ? 0 : -1;
		else if (store_evalset_give_region(d->store, *set, f.first,
		    f.n))
			rc = -1;
	}
	buf_free(&f.doc);
	if (rc == 1 && (store_evalset_rekey(d->store, *set, k) ||
	    store_evalset_awaiting_count(d->store, *set, path)))
		rc = -1;
	return rc;
}

/* The valid set of (year, scope) into *set, made when missing. */
static int
set_of(struct dom *d, int year, const char *region, int64_t *set)
{
	char asof[11], tag[SM3_HEX_LEN];
	struct store_evalset_key k;
	const char *scope = region != NULL ? region : "";
	int rc;
	if (key_now(d, year, scope, asof, tag, &k) ||
	    (rc = store_evalset_find(d->store, &k, set)) < 0)
		return dom_fail(d, 1);
	if (rc == 1)
		return 0;
	if (store_begin(d->store))
		return dom_fail(d, 0);
	/* Again inside the transaction: the version its results will be
	 * computed from, and a set another request may have made. */
	if (key_now(d, year, scope, asof, tag, &k) ||
	    (rc = store_evalset_find(d->store, &k, set)) < 0)
		return dom_fail(d, 1);
	char err[512] = "", path[512] = "/";
	if (rc == 0 && region != NULL && store_region_path(d->store, region,
	    path, sizeof path) != 1)
		rc = -1;
	if (rc == 0)
		rc = refresh(d, &k, path, set, err, sizeof err);
	if (rc == 0) {
		struct filling f = { .s = d->store, .year = year,
			.today = date_today() };
		long n;
		buf_init(&f.doc, 64u << 20);
		rc = store_evalset_start(d->store, &k, &f.set);
		if (rc == 0)
			rc = closure_run(d->store, d->catalog, year, region, fill,
			    &f, &n, err, sizeof err);
		if (rc == 0)
			rc = store_evalset_finish(d->store, f.set, path);
		buf_free(&f.doc);
		*set = f.set;
	}
	if (rc < 0 || store_data_prune(d->store)) {
		store_rollback(d->store);
		return dom_refuse(d, 500, "考评失败", arena_strdup(d->arena,
		    err[0] ? err : store_error(d->store)), NULL);
	}
	if (store_commit(d->store))
		return dom_fail(d, 1);
	return 0;
}

int
evaluation_set_open(struct dom *d, int year, const char *region,
    struct evaluation_set *es)
{
	const struct principal *p = d->user;
	memset(es, 0, sizeof *es);
	es->seen = (struct store_evalfilter)STORE_EVALFILTER_ALL;
	es->year = year;
	if (evaluation_scope(d, &region))
		return -1;
	es->region = region;
	/* A clerk sees its organ's leaders, a leader their own results. */
	if (p->role == ACCT_CLERK)
		es->seen.organ = p->organ;
	if (p->role == ACCT_LEADER)
		es->seen.person = p->person;
	/* A region inside the caller's own is a part of the caller's set,
	 * so that choosing a county does not evaluate it again. */
	const char *own = p->role == ACCT_LEADER ? NULL :
	    evaluation_default_region(d);
	if (region != NULL && own != NULL && strcmp(own, region) != 0) {
		char path[512], mine[512];
		if (evaluation_region_path(d, region, path, sizeof path, 404) ||
		    evaluation_region_path(d, own, mine, sizeof mine, 404))
			return -1;
		if (strncmp(path, mine, strlen(mine)) == 0) {
			es->seen.path = arena_strdup(d->arena, path);
			region = own;
		}
	}
	return set_of(d, year, region, &es->key);
}

/* f with what the caller may see laid over it. */
static struct store_evalfilter
seen(const struct evaluation_set *es, const struct store_evalfilter *f)
{
	struct store_evalfilter g = *f;
	if (es->seen.organ != NULL)
		g.organ = es->seen.organ;
	if (es->seen.person != NULL)
		g.person = es->seen.person;
	if (es->seen.path != NULL && (g.path == NULL ||
	    strncmp(g.path, es->seen.path, strlen(es->seen.path)) != 0))
		g.path = es->seen.path;
	return g;
}

struct heading {
	evaluation_emit emit;
	void *ctx;
};

/* A row as a result without its duties (evaluation_set_rows). */
static int
heading(void *ctx, const struct store_evalrow *r)
{
	struct heading *h = ctx;
	struct eval_result res = { .person = r->person,
		.person_name = r->person_name, .organ = r->organ,
		.organ_name = r->organ_name, .region = r->region,
		.region_name = r->region_name, .role = (enum role)r->role,
		.grade = (enum grade)r->grade, .has_score = r->has_score,
		.score = r->score, .provisional = r->provisional,
		.veto = r->veto, .closed = r->closed };
	return h->emit(h->ctx, &res);
}

int
evaluation_set_rows(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f, evaluation_emit emit, void *ctx)
{
	struct store_evalfilter g = seen(es, f);
	struct heading h = { emit, ctx };
	int rc = store_evalset_rows(d->store, es->key, &g, heading, &h);
	if (rc < 0)
		return dom_fail(d, 1);
	return rc != 0 ? dom_refuse(d, 500, "考评结果读取失败", NULL, NULL) : 0;
}

long
evaluation_set_count(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f)
{
	struct store_evalfilter g = seen(es, f);
	long n = store_evalset_count(d->store, es->key, &g);
	return n < 0 ? dom_fail(d, 1) : n;
}

int
evaluation_set_tally(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f, long by_grade[GRADE_COUNT],
    long *provisional, long *veto)
{
	struct store_evalfilter g = seen(es, f);
	_Static_assert(GRADE_COUNT == 4, "store_evalset_tally's grades");
	return store_evalset_tally(d->store, es->key, &g, by_grade, provisional,
	    veto) ? dom_fail(d, 1) : 0;
}

struct reading {
	struct dom *d;
	struct arena *scratch;
	evaluation_emit emit;
	void *ctx;
	int bad;
};

static int
read_one(void *ctx, const char *doc, size_t len)
{
	struct reading *r = ctx;
	struct eval_result res;
	arena_reset(r->scratch);
	if (closure_result_read(r->scratch, r->d->catalog, doc, len, &res)) {
		r->bad = 1;
		return -1;
	}
	return r->emit(r->ctx, &res);
}

int
evaluation_set_each(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f, enum store_evalsort sort, long offset,
    long limit, evaluation_emit emit, void *ctx)
{
	struct store_evalfilter g = seen(es, f);
	struct reading r = { d, arena_create(), emit, ctx, 0 };
	if (r.scratch == NULL)
		return dom_refuse(d, 500, "内部错误:内存不足", NULL, NULL);
	int rc = store_evalset_each(d->store, es->key, &g, sort, offset, limit,
	    read_one, &r);
	arena_free(r.scratch);
	if (rc < 0 && !r.bad)
		return dom_fail(d, 1);
	if (rc != 0)
		return dom_refuse(d, 500, "考评结果读取失败", NULL, NULL);
	return 0;
}

int
evaluation_set_duties(struct dom *d, const struct evaluation_set *es,
    int (*cb)(void *, const char *, int, int, long), void *ctx)
{
	struct store_evalfilter all = STORE_EVALFILTER_ALL, g = seen(es, &all);
	return store_evalset_duties(d->store, es->key, &g, cb, ctx) < 0 ?
	    dom_fail(d, 1) : 0;
}

long
evaluation_set_risk_count(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f, int risk)
{
	struct store_evalfilter g = seen(es, f);
	long n = store_evalset_risk_count(d->store, es->key, &g, risk);
	return n < 0 ? dom_fail(d, 1) : n;
}

int
evaluation_set_risks(struct dom *d, const struct evaluation_set *es,
    const struct store_evalfilter *f, int risk, long offset, long limit,
    int (*cb)(void *, const struct store_evalrisk *), void *ctx)
{
	struct store_evalfilter g = seen(es, f);
	return store_evalset_risks(d->store, es->key, &g, risk, offset, limit,
	    cb, ctx) < 0 ? dom_fail(d, 1) : 0;
}

static const char *
copy(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

void
evaluation_risk_item(const struct catalog *c, struct arena *a,
    const struct store_evalrisk *k, struct warn_item *it)
{
	int i = catalog_rule_find(c, k->u.rule ? k->u.rule : "");
	*it = (struct warn_item){ .w = { .kind = (enum warn_kind)k->u.kind,
		.rule = i >= 0 ? &c->rules[i] : NULL, .required = k->u.required,
		.actual = k->u.actual, .gap = k->u.gap, .days = k->u.days,
		.weeks = k->u.weeks, .pressure = k->u.pressure,
		.due = DATE_NONE },
		.organ = copy(a, k->organ), .organ_name = copy(a, k->organ_name),
		.person = copy(a, k->person),
		.person_name = copy(a, k->person_name),
		.region = copy(a, k->region),
		.region_name = copy(a, k->region_name) };
	if (k->u.due == NULL || date_parse(k->u.due, &it->w.due))
		it->w.due = DATE_NONE;
}

int
evaluation_set_scores(struct dom *d, const struct evaluation_set *es,
    const char *rules, long offset, long limit, long *total,
    int (*cb)(void *, const struct store_evalscore *), void *ctx)
{
	struct store_evalfilter all = STORE_EVALFILTER_ALL;
	struct store_evalfilter g = seen(es, &all);
	*total = store_evalset_scores_count(d->store, es->key, &g, es->year,
	    rules);
	if (*total < 0 || store_evalset_scores(d->store, es->key, &g, es->year,
	    rules, offset, limit, cb, ctx) < 0)
		return dom_fail(d, 1);
	return 0;
}

long
evaluation_set_awaiting(struct dom *d, const struct evaluation_set *es)
{
	if (es->seen.path != NULL || es->seen.organ != NULL ||
	    es->seen.person != NULL)
		return -2;
	long n = store_evalset_awaiting(d->store, es->key);
	return n == -1 ? dom_fail(d, 1) : n;
}
