/*
 * demo.c: the demo province, written as JSON Lines in the import format
 * (docs/contract.md), so that a new installation can show the whole
 * evaluation (every verdict, grade and consequence) without real data.
 *
 * Design. demo_write() first builds a small world in memory (demo-world.c):
 * the 98 real divisions of divisions.c, three to six invented townships
 * under each county, their organs, and the persons holding those organs with
 * their tenures. That part is bounded by the registry (a few thousand rows),
 * and it is needed whole before anything is written because records name the
 * person in post on their date. The ledger (demo-ledger.c), ten times
 * larger, is then drawn organ by organ and written line by line without
 * being kept; scores come last. This file holds what the phases share: the
 * random streams, day arithmetic and the writing of lines.
 *
 * Determinism. Each phase draws from its own splitmix64 stream seeded with a
 * constant: township names, personal names, tenures, records and scores.
 * Names and tenures therefore come out the same for every year (shifted with
 * it), and a change to how records are drawn does not rename anybody.
 * Nothing reads the clock, the locale or the environment.
 *
 * Realism versus coverage. Most organs do what the regulation asks; the
 * probabilities (in per mille, at the point of use) leave enough gaps that a
 * province of ~1500 organs shows every verdict: hand-overs inside the year
 * (some in its last 60 days, some in its first 90, so that segments are too
 * short), missing and late annual reports, decisions that skip a step or
 * review legality after the vote, year-end reports without the rule-of-law
 * part, findings that give vetoes (two county party secretaries found in
 * cases, and in 南明区 a department head and a township secretary found on
 * an inspection: demo-oversight.c writes the cases and the inspection),
 * and scores for only about 60% of the principals so that some grades
 * stay provisional.
 *
 * Every line is built as a jansson object and dumped in insertion order
 * ("type" first), so escaping is jansson's business. Allocation failures
 * are sticky in demo_gen.oom and surface at the next write as ENOMEM, which
 * keeps the many field setters free of checks.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "demo.h"
#include "demo-int.h"
#include "demo-text.h"
#include "rules/catalog.h"

#define DEMO_SEED	UINT64_C(0x6c767a6869646d6f)	/* "lvzhidmo" */

static const char *const level_names[] = {
	"province", "prefecture", "county", "township" };
static const char *const kind_names[] = {
	"party_committee", "government", "department" };

void
demo_rng_seed(struct demo_rng *r, enum demo_stream s)
{
	r->s = DEMO_SEED ^ ((uint64_t)s * UINT64_C(0xd1b54a32d192ed03));
}

uint64_t
demo_splitmix(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A uniform integer in [lo, hi] (lo when the range is empty); the modulo
 * bias is far below anything the demo could show. */
long
demo_range(struct demo_rng *r, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)(demo_splitmix(&r->s) % (uint64_t)(hi - lo + 1));
}

/* Returns true with probability permille / 1000. */
int
demo_chance(struct demo_rng *r, int permille)
{
	return (long)(demo_splitmix(&r->s) % 1000) < permille;
}

const char *
demo_pick(struct demo_rng *r, const char *const *item, size_t n)
{
	return item[demo_range(r, 0, (long)n - 1)];
}

/* Dates are day numbers (0 = 1970-01-01) so that ranges and hand-overs are
 * plain arithmetic; H. Hinnant's civil calendar algorithms convert them. */
long
demo_day_from_civil(int y, int m, int d)
{
	long yy = y - (m <= 2), era, yoe, doy, doe;

	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
demo_day_str(long z, char *buf, size_t size)
{
	long era, doe, yoe, doy, mp;
	int y, m, d;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y = (int)(yoe + era * 400 + (m <= 2));
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

/* ---------------------------------------------------------------- lines */

void
demo_put(struct demo_gen *g, json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, v) != 0)
		g->oom = 1;
}

void
demo_put_str(struct demo_gen *g, json_t *o, const char *key, const char *s)
{
	demo_put(g, o, key, json_string(s));
}

void
demo_put_date(struct demo_gen *g, json_t *o, const char *key, long day)
{
	char buf[32];

	demo_day_str(day, buf, sizeof(buf));
	demo_put_str(g, o, key, buf);
}

void
demo_put_id(struct demo_gen *g, json_t *o, const char *key, char prefix, int i)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%c-%06d", prefix, i + 1);
	demo_put_str(g, o, key, buf);
}

/* Starts a line of the given type. */
json_t *
demo_line(struct demo_gen *g, const char *type)
{
	json_t *o = json_object();

	demo_put_str(g, o, "type", type);
	return o;
}

/* Writes o as one line and releases it; count is the statistic it adds to.
 * Returns 0, or -1 with errno set. */
int
demo_emit(struct demo_gen *g, json_t *o, long *count)
{
	int rc = -1;

	if (g->oom || o == NULL) {
		g->oom = 1;
		errno = ENOMEM;
		goto out;
	}
	errno = 0;
	if (json_dumpf(o, g->out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0 ||
	    putc('\n', g->out) == EOF) {
		if (errno == 0)
			errno = EIO;
		goto out;
	}
	(*count)++;
	rc = 0;
out:
	json_decref(o);
	return rc;
}

static int
write_registry(struct demo_gen *g)
{
	const struct demo_world *w = g->w;
	json_t *o;
	size_t i;

	for (i = 0; i < w->nreg; i++) {
		const struct demo_region *r = &w->reg[i];

		o = demo_line(g, "region");
		demo_put_str(g, o, "code", r->code);
		demo_put_str(g, o, "name", r->name);
		demo_put_str(g, o, "level", level_names[r->level]);
		demo_put(g, o, "parent", r->parent < 0 ? json_null() :
		    json_string(w->reg[r->parent].code));
		if (demo_emit(g, o, &g->st.regions))
			return -1;
	}
	for (i = 0; i < w->norg; i++) {
		const struct demo_organ *og = &w->org[i];

		o = demo_line(g, "organ");
		demo_put_str(g, o, "id", og->id);
		demo_put_str(g, o, "region", w->reg[og->region].code);
		demo_put_str(g, o, "kind", kind_names[og->kind]);
		demo_put_str(g, o, "name", og->name);
		if (og->parent >= 0)
			demo_put_str(g, o, "parent_organ",
			    w->org[og->parent].id);
		if (demo_emit(g, o, &g->st.organs))
			return -1;
	}
	for (i = 0; i < w->nper; i++) {
		o = demo_line(g, "person");
		demo_put_id(g, o, "id", 'p', (int)i);
		demo_put_str(g, o, "name", w->per[i].name);
		if (demo_emit(g, o, &g->st.persons))
			return -1;
	}
	for (i = 0; i < w->nten; i++) {
		const struct demo_tenure *t = &w->ten[i];

		o = demo_line(g, "tenure");
		demo_put_id(g, o, "id", 't', (int)i);
		demo_put_id(g, o, "person", 'p', t->person);
		demo_put_str(g, o, "organ", w->org[t->organ].id);
		demo_put_str(g, o, "role", t->deputy ? "deputy" : "principal");
		demo_put_date(g, o, "start", t->start);
		if (t->serving)
			demo_put(g, o, "end", json_null());
		else
			demo_put_date(g, o, "end", t->end);
		if (demo_emit(g, o, &g->st.tenures))
			return -1;
	}
	return 0;
}

/* Scores for about 60% of the principals, on every qualitative duty that
 * binds their organ's kind; mostly 70-95, about one in ten below 70.
 * Returns 0, or -1 with errno set. */
static int
write_scores(struct demo_gen *g, const struct demo_duty *duties, size_t nduties)
{
	static const unsigned bits[] = {
		DEMO_PARTY, DEMO_GOVERNMENT, DEMO_DEPARTMENT };
	const struct demo_world *w = g->w;
	struct demo_rng r;
	size_t i, d;
	json_t *o;
	long n;

	demo_rng_seed(&r, DEMO_STREAM_SCORES);
	for (i = 0; i < w->nten; i++) {
		const struct demo_tenure *t = &w->ten[i];
		unsigned bit = bits[w->org[t->organ].kind];

		if (t->deputy || !demo_chance(&r, 600))
			continue;
		for (d = 0; d < nduties; d++) {
			if ((duties[d].roles & bit) == 0)
				continue;
			n = demo_chance(&r, 100) ? demo_range(&r, 45, 69) :
			    demo_range(&r, 70, 95);
			o = demo_line(g, "score");
			demo_put_id(g, o, "person", 'p', t->person);
			demo_put(g, o, "year", json_integer(w->year));
			demo_put_str(g, o, "duty", duties[d].id);
			demo_put(g, o, "score", json_integer(n));
			demo_put_str(g, o, "by", "省委依法治省办");
			demo_put_str(g, o, "comment", DEMO_PICK(&r, n >= 90 ?
			    demo_text_praise : n >= 80 ? demo_text_good :
			    n >= 70 ? demo_text_fair : demo_text_poor));
			if (demo_emit(g, o, &g->st.scores))
				return -1;
		}
	}
	return 0;
}

/* The day number of as_of in year + 1, -1 when there is none, or -2 when
 * it is no day of that year. */
static long
as_of_day(int year, struct demo_as_of a)
{
	long first, next;

	if (a.month == 0)
		return -1;
	if (a.month < 1 || a.month > 12 || a.day < 1)
		return -2;
	first = demo_day_from_civil(year + 1, a.month, 1);
	next = a.month == 12 ? demo_day_from_civil(year + 2, 1, 1) :
	    demo_day_from_civil(year + 1, a.month + 1, 1);
	return a.day <= next - first ? first + a.day - 1 : -2;
}

int
demo_write(FILE *out, int year, struct demo_as_of as_of,
    const struct demo_duty *duties, size_t nduties,
    struct demo_stats *stats)
{
	struct demo_world w;
	struct demo_gen g;
	int rc = -1;
	long cut = -2;

	memset(&g, 0, sizeof(g));
	memset(&w, 0, sizeof(w));
	if (year >= 1900 && year <= 9998)
		cut = as_of_day(year, as_of);
	if (out == NULL || cut == -2 || (duties == NULL && nduties > 0)) {
		errno = EINVAL;
		goto out;
	}
	if (demo_world_create(&w, year))
		goto out;
	g.out = out;
	g.w = &w;
	/* Scores belong to the full year, so they come before the next
	 * year's records, which move the world on. */
	if (write_registry(&g) || demo_ledger_write(&g) ||
	    write_scores(&g, duties, nduties) ||
	    (cut >= 0 && demo_ledger_write_next(&g, cut)))
		goto out;
	errno = 0;
	if (fflush(out) == EOF) {
		if (errno == 0)
			errno = EIO;
		goto out;
	}
	rc = 0;
out:
	if (stats != NULL)
		*stats = g.st;
	demo_world_free(&w);
	return rc;
}

struct demo_duty *
demo_duties(const struct catalog *c, size_t *n)
{
	struct demo_duty *duties = calloc(c->nrules + 1, sizeof *duties);
	*n = 0;
	for (size_t i = 0; duties != NULL && i < c->nrules; i++)
		if (c->rules[i].measure == MEASURE_QUALITATIVE) {
			unsigned roles = c->rules[i].roles;
			duties[*n].id = c->rules[i].id;
			duties[(*n)++].roles =
			    (roles & ROLE_PARTY ? DEMO_PARTY : 0) |
			    (roles & ROLE_GOVERNMENT ? DEMO_GOVERNMENT : 0) |
			    (roles & ROLE_DEPARTMENT ? DEMO_DEPARTMENT : 0);
		}
	return duties;
}
