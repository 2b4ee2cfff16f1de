/*
 * The evaluation run: segments, the scan, and grades.
 *
 * 1. Templates: for each (role, coverage) the catalog's rules that bind
 *    it, and for each measured rule a tally slot.
 * 2. Segments: covered principal tenures overlapping the period, clipped
 *    to it, chained by organ key and by person key.
 * 3. The scan: one pass over the period's records (and the person-matched
 *    findings, and the scores), each dispatched through the chains.
 * 4. Verdicts, score, grade, consequences, emitted segment by segment.
 */
#include "engine/eval-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/idmap.h"
#include "base/progress.h"
#include "base/text.h"
#include "base/vec.h"
#include "engine/coverage.h"

static const struct name_label verdicts[] = {
	[VERDICT_MET] = { "met", "达标" },
	[VERDICT_UNMET] = { "unmet", "未达标" },
	[VERDICT_NOT_APPLICABLE] = { "not_applicable", "不适用" },
	[VERDICT_INSUFFICIENT_PERIOD] = { "insufficient_period", "任职不足" },
	[VERDICT_NEEDS_REVIEW] = { "needs_review", "待评议" },
};
#define NVERDICTS (sizeof verdicts / sizeof verdicts[0])

const char *
eval_verdict_name(enum verdict v)
{
	return name_of(verdicts, NVERDICTS, (int)v, NULL);
}

const char *
eval_verdict_label(enum verdict v)
{
	return label_of(verdicts, NVERDICTS, (int)v, NULL);
}

struct eval_period
eval_period_of(const struct catalog *c, int year)
{
	struct eval_period p = { year, date_from_ymd(year, 1, 1),
		date_from_ymd(year, 12, 31) };
	if (catalog_effective(c) > p.from)
		p.from = catalog_effective(c);
	return p;
}

int
eval_template_index(enum role r, enum coverage c)
{
	int ri = r == ROLE_PARTY ? 0 : r == ROLE_GOVERNMENT ? 1 : 2;
	return ri * 2 + (c == COVERAGE_DIRECT ? 0 : 1);
}

static int
measured(const struct catalog_rule *r)
{
	return r->measure != MEASURE_QUALITATIVE;
}

/* The templates and per-kind rule lists of version v. */
static void
build_version(struct evaluation *e, struct version_eval *v)
{
	const struct catalog *c = v->c;
	static const enum role roles[] = { ROLE_PARTY, ROLE_GOVERNMENT,
		ROLE_DEPARTMENT };
	for (int ri = 0; ri < ROLE_COUNT; ri++)
		for (int ci = 0; ci < 2; ci++) {
			enum coverage cov = ci ? COVERAGE_REFERENCE
			    : COVERAGE_DIRECT;
			struct template *t =
			    &v->tmpl[eval_template_index(roles[ri], cov)];
			t->rules = arena_alloc(e->arena, (c->nrules + 1) *
			    sizeof *t->rules);
			t->slot = arena_alloc(e->arena, (c->nrules + 1) *
			    sizeof *t->slot);
			for (size_t i = 0; i < c->nrules; i++) {
				const struct catalog_rule *r = &c->rules[i];
				t->slot[i] = -1;
				if (!(r->roles & roles[ri]) || !(r->coverage & cov))
					continue;
				t->rules[t->nrules++] = (int)i;
				if (measured(r))
					t->slot[i] = t->nmeasured++;
			}
		}
	/* Per kind of the run, the measured rules its records feed. */
	size_t nk = (size_t)e->nkinds + 1;
	v->by_kind = arena_alloc(e->arena, nk * sizeof *v->by_kind);
	v->by_kind_person = arena_alloc(e->arena, nk * sizeof *v->by_kind_person);
	for (int u = 0; u < e->nkinds; u++) {
		int *org = arena_alloc(e->arena, (c->nrules + 1) * sizeof *org);
		int *per = arena_alloc(e->arena, (c->nrules + 1) * sizeof *per);
		int no = 0, np = 0;
		int k = catalog_kind_find(c, e->kind_ids[u]);
		for (size_t i = 0; k >= 0 && i < c->nrules; i++) {
			const struct catalog_rule *r = &c->rules[i];
			if (!measured(r) || r->kind != k)
				continue;
			if (r->measure == MEASURE_ABSENCE && r->match_person)
				per[np++] = (int)i;
			else
				org[no++] = (int)i;
			if (r->measure == MEASURE_FILING || r->about_set ||
			    r->measure == MEASURE_PROCEDURE || r->where_field >= 0)
				e->doc_kind[u] = 1;
		}
		org[no] = per[np] = -1;
		e->any_kind[u] |= no > 0;
		e->any_kind_person[u] |= np > 0;
		v->by_kind[u] = org;
		v->by_kind_person[u] = per;
	}
	/* Rules of the same id in the other versions (a requirement is
	 * pro-rated over the versions a segment spans). */
	v->rule_in = arena_alloc(e->arena, (size_t)e->nver *
	    sizeof *v->rule_in);
	for (int j = 0; j < e->nver; j++) {
		v->rule_in[j] = arena_alloc(e->arena, (c->nrules + 1) *
		    sizeof **v->rule_in);
		for (size_t i = 0; i < c->nrules; i++)
			v->rule_in[j][i] = e->ver[j].c == c ? (int)i :
			    catalog_rule_find(e->ver[j].c, c->rules[i].id);
	}
	/* Deadlines in the following year widen the scan. */
	for (size_t i = 0; i < c->nrules; i++) {
		const struct catalog_rule *r = &c->rules[i];
		if (r->measure == MEASURE_FILING && r->due_set &&
		    r->due_next_year) {
			date_t d = date_from_ymd(e->period.year + 1, r->due_month,
			    r->due_day);
			if (d > e->scan_to)
				e->scan_to = d;
		}
	}
}

/* Every version's tables, and the kinds of all of them; -1 out of
 * memory. */
static int
build_templates(struct evaluation *e, struct idmap *kinds)
{
	const struct catalog *c = e->c;
	e->nver = (int)catalog_version_count(c);
	e->ver = arena_alloc(e->arena, (size_t)e->nver * sizeof *e->ver);
	memset(e->ver, 0, (size_t)e->nver * sizeof *e->ver);
	size_t nk = 0;
	for (int i = 0; i < e->nver; i++) {
		e->ver[i].c = catalog_version(c, (size_t)i);
		e->ver[i].from = i == 0 ? catalog_effective(c) :
		    e->ver[i].c->effective;
		e->ver[i].to = catalog_version_end(c, (size_t)i);
		nk += e->ver[i].c->nkinds;
	}
	e->kind_ids = arena_alloc(e->arena, (nk + 1) * sizeof *e->kind_ids);
	for (int i = 0; i < e->nver; i++)
		for (size_t k = 0; k < e->ver[i].c->nkinds; k++) {
			const char *id = e->ver[i].c->kinds[k].id;
			int64_t u;
			if (idmap_get(kinds, id, &u))
				continue;
			if (idmap_put(kinds, id, e->nkinds))
				return -1;
			e->kind_ids[e->nkinds++] = id;
		}
	size_t sz = ((size_t)e->nkinds + 1) * sizeof(int);
	e->doc_kind = arena_alloc(e->arena, sz);
	e->any_kind = arena_alloc(e->arena, sz);
	e->any_kind_person = arena_alloc(e->arena, sz);
	memset(e->doc_kind, 0, sz);
	memset(e->any_kind, 0, sz);
	memset(e->any_kind_person, 0, sz);
	e->scan_to = e->period.to;
	for (int i = 0; i < e->nver; i++)
		build_version(e, &e->ver[i]);
	return 0;
}

static int
add_segment(void *ctx, const struct store_tenure *t)
{
	struct evaluation *e = ctx;
	enum role role;
	enum coverage cov;
	if (!coverage_of(t->organ_kind, t->region_level, &role, &cov))
		return 0;
	if (vec_reserve(&e->segs, e->nsegs, &e->capsegs, sizeof *e->segs, 256))
		return -1;
	struct segment *g = &e->segs[e->nsegs++];
	struct arena *a = e->arena;
	memset(g, 0, sizeof *g);
	g->person = arena_strdup(a, t->person_id);
	g->person_name = arena_strdup(a, t->person_name);
	g->organ = arena_strdup(a, t->organ_id);
	g->organ_name = arena_strdup(a, t->organ_name);
	g->region = arena_strdup(a, t->region_code);
	g->region_name = arena_strdup(a, t->region_name);
	g->person_key = t->person_key;
	g->organ_key = t->organ_key;
	g->role = role;
	g->coverage = cov;
	g->from = t->start > e->period.from ? t->start : e->period.from;
	g->to = t->end < e->period.to ? t->end : e->period.to;
	g->tmpl = eval_template_index(role, cov);
	g->ver = (int)catalog_version_index_at(e->c, g->to);
	g->c = e->ver[g->ver].c;
	g->spans = g->from < e->ver[g->ver].from;
	int n = e->ver[g->ver].tmpl[g->tmpl].nmeasured;
	g->tallies = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *g->tallies);
	memset(g->tallies, 0, (size_t)(n ? n : 1) * sizeof *g->tallies);
	g->township = strcmp(t->region_level, "township") == 0;
	for (int i = 0; i < n; i++)
		g->tallies[i].township = g->township;
	return 0;
}

/* Chains segments by organ and person key for O(1) dispatch. */
static int
chain(struct evaluation *e, struct store *s)
{
	e->norgan = store_max_organ_key(s) + 1;
	e->nperson = store_max_person_key(s) + 1;
	if (e->norgan <= 0 || e->nperson <= 0)
		return -1;
	e->organ_head = malloc((size_t)e->norgan * sizeof *e->organ_head);
	e->person_head = malloc((size_t)e->nperson * sizeof *e->person_head);
	if (e->organ_head == NULL || e->person_head == NULL)
		return -1;
	memset(e->organ_head, 0xff, (size_t)e->norgan * sizeof *e->organ_head);
	memset(e->person_head, 0xff, (size_t)e->nperson * sizeof *e->person_head);
	for (size_t i = e->nsegs; i-- > 0;) {
		struct segment *g = &e->segs[i];
		if (g->organ_key < e->norgan) {
			g->next_of_organ = e->organ_head[g->organ_key];
			e->organ_head[g->organ_key] = (int)i;
		}
		if (g->person_key < e->nperson) {
			g->next_of_person = e->person_head[g->person_key];
			e->person_head[g->person_key] = (int)i;
		}
	}
	return 0;
}

struct scan {
	struct evaluation *e;
	struct idmap *kinds; /* kind id -> index */
	struct idmap **rules; /* per version: rule id -> index */
	int by_person;       /* dispatching person-matched findings */
	struct progress pr;  /* records scanned, on a terminal */
	struct arena *docs;  /* one record's parsed fields */
};

static void
feed(struct evaluation *e, struct segment *g, const int *rules,
    const struct store_record *rec, const struct jv *doc)
{
	const struct template *t = &e->ver[g->ver].tmpl[g->tmpl];
	for (; *rules >= 0; rules++) {
		int slot = t->slot[*rules];
		const struct catalog_rule *r = &g->c->rules[*rules];
		if (slot >= 0 && measure_in_window(e, g, r, rec->date,
		    rec->person_key) && catalog_where_matches_jv(g->c, r, doc))
			measure_add_jv(e, g, r, &g->tallies[slot], rec, doc);
	}
}

static int
scan_record(void *ctx, const struct store_record *rec)
{
	struct scan *sc = ctx;
	struct evaluation *e = sc->e;
	int64_t k;
	progress_add(&sc->pr, 1);
	if (!idmap_get(sc->kinds, rec->kind, &k))
		return 0;
	if (!(sc->by_person ? e->any_kind_person[k] : e->any_kind[k]))
		return 0;
	int head;
	if (sc->by_person)
		head = rec->person_key > 0 && rec->person_key < e->nperson ?
		    e->person_head[rec->person_key] : -1;
	else
		head = rec->organ_key > 0 && rec->organ_key < e->norgan ?
		    e->organ_head[rec->organ_key] : -1;
	if (head < 0)
		return 0;
	/* Fields are read only for the kinds whose rules look at them; a
	 * stored doc is canonical JSON, which jv parses (jansson otherwise). */
	const struct jv *doc = NULL;
	if (e->doc_kind[k] && rec->doc != NULL) {
		arena_reset(sc->docs);
		size_t len = strlen(rec->doc);
		doc = jv_parse(sc->docs, rec->doc, len);
		if (doc == NULL) {
			json_t *j = json_loadb(rec->doc, len, 0, NULL);
			if (j != NULL)
				doc = jv_from_json(sc->docs, j);
			json_decref(j);
		}
	}
	for (int i = head; i >= 0; ) {
		struct segment *g = &e->segs[i];
		const struct version_eval *v = &e->ver[g->ver];
		feed(e, g, sc->by_person ? v->by_kind_person[k] : v->by_kind[k],
		    rec, doc);
		i = sc->by_person ? g->next_of_person : g->next_of_organ;
	}
	return 0;
}

static int
scan_score(void *ctx, const struct store_score *s)
{
	struct scan *sc = ctx;
	struct evaluation *e = sc->e;
	int64_t ri;
	if (s->person_key <= 0 || s->person_key >= e->nperson)
		return 0;
	for (int i = e->person_head[s->person_key]; i >= 0;
	    i = e->segs[i].next_of_person) {
		struct segment *g = &e->segs[i];
		int bound = 0;
		if (!idmap_get(sc->rules[g->ver], s->duty, &ri))
			continue;
		const struct template *t = &e->ver[g->ver].tmpl[g->tmpl];
		for (int j = 0; j < t->nrules; j++)
			bound |= t->rules[j] == ri;
		if (!bound || g->c->rules[ri].measure != MEASURE_QUALITATIVE)
			continue;
		struct score_entry *x = arena_alloc(e->arena, sizeof *x);
		x->rule = (int)ri;
		x->score = s->score;
		x->by = arena_strdup(e->arena, s->by);
		x->comment = s->comment ? arena_strdup(e->arena, s->comment)
		    : NULL;
		x->next = g->scores;
		g->scores = x;
	}
	return 0;
}

static const struct score_entry *
score_of(const struct segment *g, int rule)
{
	for (const struct score_entry *x = g->scores; x != NULL; x = x->next)
		if (x->rule == rule)
			return x;
	return NULL;
}

/*
 * The catalog's consequences for a graded result: those of its grade
 * (none marked `final-only` while it is provisional) and, on a veto, one
 * of each veto consequence for every distinct `veto-item` of the failed
 * vetoing duties, in catalog order (one without an item where a failed
 * duty names none).
 */
static void
consequences(const struct evaluation *e, const struct template *t,
    struct eval_result *res, struct arena *a)
{
	const struct catalog *c = e->c;
	const char **items = arena_alloc(a, (size_t)(t->nrules + 1) *
	    sizeof *items);
	size_t nitems = 0;
	int no_item = 0;
	for (size_t j = 0; res->veto && j < res->nduties; j++) {
		const struct catalog_rule *r = res->duties[j].rule;
		if (r->measure != MEASURE_ABSENCE || !r->veto ||
		    res->duties[j].verdict != VERDICT_UNMET)
			continue;
		if (r->veto_item == NULL) {
			no_item = 1;
			continue;
		}
		size_t k = 0;
		while (k < nitems && strcmp(items[k], r->veto_item) != 0)
			k++;
		if (k == nitems)
			items[nitems++] = r->veto_item;
	}
	size_t cap = c->nconsequences * (nitems + 1) + 1;
	res->consequences = arena_alloc(a, cap * sizeof *res->consequences);
	res->consequence_items = arena_alloc(a, cap *
	    sizeof *res->consequence_items);
	for (size_t i = 0; i < c->nconsequences; i++) {
		const struct catalog_consequence *q = &c->consequences[i];
		if (q->final_only && res->provisional)
			continue;
		if (!q->on_veto) {
			if (q->grade != res->grade)
				continue;
			res->consequence_items[res->nconsequences] = NULL;
			res->consequences[res->nconsequences++] = q;
			continue;
		}
		for (size_t k = 0; res->veto && k < nitems; k++) {
			res->consequence_items[res->nconsequences] = items[k];
			res->consequences[res->nconsequences++] = q;
		}
		if (res->veto && (no_item || nitems == 0)) {
			res->consequence_items[res->nconsequences] = NULL;
			res->consequences[res->nconsequences++] = q;
		}
	}
}

/* Verdicts, score, grade and consequences of one segment. */
static void
finish(struct evaluation *e, struct segment *g, struct eval_result *res,
    struct arena *a)
{
	const struct catalog *c = g->c;
	const struct template *t = &e->ver[g->ver].tmpl[g->tmpl];
	memset(res, 0, sizeof *res);
	res->person = g->person;
	res->person_name = g->person_name;
	res->organ = g->organ;
	res->organ_name = g->organ_name;
	res->region = g->region;
	res->region_name = g->region_name;
	res->role = g->role;
	res->coverage = g->coverage;
	res->from = g->from;
	res->to = g->to;
	res->duties = arena_alloc(a, (size_t)(t->nrules + 1) *
	    sizeof *res->duties);
	res->nduties = (size_t)t->nrules;
	double points = 0, weights = 0;
	for (int j = 0; j < t->nrules; j++) {
		int ri = t->rules[j];
		const struct catalog_rule *r = &c->rules[ri];
		struct eval_duty *d = &res->duties[j];
		measure_verdict(e, g, r, t->slot[ri] >= 0 ?
		    &g->tallies[t->slot[ri]] : NULL, score_of(g, ri), d, a);
		if (d->verdict == VERDICT_NEEDS_REVIEW)
			res->provisional = 1;
		if (r->measure == MEASURE_ABSENCE && r->veto &&
		    d->verdict == VERDICT_UNMET)
			res->veto = 1;
		if (r->weight > 0 && (d->verdict == VERDICT_MET ||
		    d->verdict == VERDICT_UNMET)) {
			points += r->weight * d->score;
			weights += r->weight;
		}
	}
	res->has_score = weights > 0;
	res->score = weights > 0 ? points / weights : 0;
	/* With nothing yet measurable the grade stays at pass, and is
	 * provisional: unscored qualitative duties are always present then. */
	res->grade = GRADE_PASS;
	if (res->has_score)
		for (int gi = GRADE_COUNT - 1; gi >= 0; gi--)
			if (res->score + 1e-9 >= c->grade_min[gi])
				res->grade = (enum grade)gi;
	if (res->veto)
		res->grade = GRADE_FAIL;
	consequences(e, t, res, a);
}

int
eval_run(struct store *s, const struct catalog *c, int year,
    const char *region, eval_emit emit, void *ctx, long *count, char *err,
    size_t errlen)
{
	struct evaluation e = { .c = c };
	struct scan sc = { .e = &e };
	struct arena *scratch = arena_create();
	size_t nver = catalog_version_count(c);
	int rc = -1;

	*count = 0;
	e.period = eval_period_of(c, year);
	e.arena = arena_create();
	sc.kinds = idmap_create();
	sc.docs = arena_create();
	sc.rules = calloc(nver, sizeof *sc.rules);
	if (sc.kinds == NULL || sc.rules == NULL)
		goto oom;
	for (size_t v = 0; v < nver; v++) {
		const struct catalog *cv = catalog_version(c, v);
		if ((sc.rules[v] = idmap_create()) == NULL)
			goto oom;
		for (size_t i = 0; i < cv->nrules; i++)
			if (idmap_put(sc.rules[v], cv->rules[i].id, (int64_t)i))
				goto oom;
	}
	if (e.period.from > e.period.to) {
		rc = 0; /* the year lies wholly before the rules */
		goto out;
	}
	if (build_templates(&e, sc.kinds))
		goto oom;
	if (store_each_principal(s, e.period.from, e.period.to, region,
	    add_segment, &e))
		goto storage;
	if (chain(&e, s))
		goto storage;
	/* Filings due for the year may be dated from its first day even when
	 * the period starts later (the year the rules took effect). */
	progress_start(&sc.pr, "考评:已读取台账记录", -1);
	rc = store_each_record(s, date_from_ymd(year, 1, 1), e.scan_to, region,
	    scan_record, &sc);
	progress_end(&sc.pr);
	if (rc) {
		rc = -1;
		goto storage;
	}
	sc.by_person = 1;
	for (int k = 0; k < e.nkinds; k++)
		if (e.any_kind_person[k] && store_each_person_record(s,
		    e.kind_ids[k], e.period.from, e.period.to, scan_record, &sc))
			goto storage;
	/* A region's leaders are few: their scores by key; the whole
	 * country's in one pass. */
	if (region == NULL) {
		if (store_each_score(s, year, scan_score, &sc))
			goto storage;
	} else {
		for (size_t i = 0; i < e.nsegs; i++) {
			int64_t p = e.segs[i].person_key;
			if (p > 0 && p < e.nperson && e.person_head[p] == (int)i &&
			    store_each_score_of(s, year, p, scan_score, &sc))
				goto storage;
		}
	}

	rc = 0;
	for (size_t i = 0; i < e.nsegs && rc == 0; i++) {
		struct eval_result res;
		memset(&res, 0, sizeof res);
		arena_reset(scratch);
		finish(&e, &e.segs[i], &res, scratch);
		rc = emit(ctx, &res);
		(*count)++;
	}
	if (rc != 0)
		snprintf(err, errlen, "writing the results failed");
	goto out;
storage:
	snprintf(err, errlen, "%s", store_error(s));
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	free(e.segs);
	free(e.organ_head);
	free(e.person_head);
	idmap_free(sc.kinds);
	for (size_t v = 0; sc.rules != NULL && v < nver; v++)
		idmap_free(sc.rules[v]);
	free(sc.rules);
	arena_free(sc.docs);
	arena_free(e.arena);
	arena_free(scratch);
	return rc;
}
