/*
 * demo-world.c: the registry of the demo province. The 98 real divisions
 * come from divisions.c; under each county three to six townships are
 * invented, each region gets its organs, each organ a principal (and some a
 * deputy), each tenure a person with a unique, invented name.
 *
 * Hand-overs are decided here because the ledger depends on them: about 8%
 * of organs change principal inside the year, a fifth of those in its last
 * 60 days and a tenth in its first 90, so that one of the two segments is
 * too short for the "at least N a year" duties (insufficient_period).
 *
 * Tables are allocated once, at the most the divisions can yield, and never
 * grow; demo_world_free() releases them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "demo-int.h"
#include "demo-text.h"
#include "divisions.h"

#define MAX_TOWNSHIPS	6

/* Township kinds in the order of their codes: 街道 0xx, 镇 1xx, 乡 2xx. */
enum township { TOWNSHIP_STREET, TOWNSHIP_TOWN, TOWNSHIP_XIANG };

/* The five working departments every government above township gets. */
static const struct {
	const char	*suffix;	/* organ id: CODE-suffix */
	const char	*province;	/* 贵州省司法厅 */
	const char	*local;		/* 贵阳市司法局 */
	int		 suits;		/* most lawsuits a year */
} depts[] = {
	{ "justice", "司法厅", "司法局", 1 },
	{ "police", "公安厅", "公安局", 3 },
	{ "finance", "财政厅", "财政局", 1 },
	{ "env", "生态环境厅", "生态环境局", 2 },
	{ "market", "市场监督管理局", "市场监督管理局", 3 },
};
#define NDEPTS	(sizeof(depts) / sizeof(depts[0]))

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n >= k && strcmp(s + n - k, tail) == 0;
}

static struct demo_region *
add_region(struct demo_world *w, const char *code, const char *name,
    enum demo_level level, int parent)
{
	static const char *const units[] = {
		"街道", "镇", "乡", "省", "市", "州", "县", "区" };
	struct demo_region *r;
	size_t i;

	if (w->nreg == w->creg)
		return NULL;
	r = &w->reg[w->nreg++];
	snprintf(r->code, sizeof(r->code), "%s", code);
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->level = level;
	r->parent = parent;
	r->seat = -1;
	if (parent >= 0 && w->reg[parent].seat < 0)
		w->reg[parent].seat = (int)(w->nreg - 1);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (ends_with(name, units[i]))
			break;
	snprintf(r->unit, sizeof(r->unit), "%s",
	    i < sizeof(units) / sizeof(units[0]) ? units[i] : "区");
	r->street = strcmp(r->unit, "街道") == 0;
	if (level == DEMO_LEVEL_PROVINCE) {
		snprintf(r->party, sizeof(r->party), "省委");
		snprintf(r->gov, sizeof(r->gov), "省政府");
	} else if (level == DEMO_LEVEL_TOWNSHIP) {
		snprintf(r->party, sizeof(r->party), "%s%s", name,
		    r->street ? "党工委" : "党委");
		snprintf(r->gov, sizeof(r->gov), "%s%s", name,
		    r->street ? "办事处" : "政府");
	} else {
		snprintf(r->party, sizeof(r->party), "%s委", name);
		snprintf(r->gov, sizeof(r->gov), "%s政府", name);
	}
	return r;
}

/* Invents the townships of one county. Districts (区) are mostly 街道,
 * county-level cities mixed, counties mostly 镇 and 乡 with some 民族乡;
 * codes follow the national pattern 街道 001-, 镇 100-, 乡 200-.
 * Returns 0, or -1 when the table is full. */
static int
add_townships(struct demo_world *w, struct demo_rng *r, int county)
{
	const char *stem[MAX_TOWNSHIPS];
	int type[MAX_TOWNSHIPS], seq[3] = { 1, 100, 200 };
	char code[16], name[96], cname[96];
	int n, i, j, t, p, district, city;

	snprintf(cname, sizeof(cname), "%s", w->reg[county].name);
	district = ends_with(cname, "区") && !ends_with(cname, "特区");
	city = ends_with(cname, "市");
	n = (int)demo_range(r, 3, MAX_TOWNSHIPS);
	for (i = 0; i < n; i++) {
		p = (int)demo_range(r, 0, 999);
		if (district)
			t = p < 750 ? TOWNSHIP_STREET : TOWNSHIP_TOWN;
		else if (city)
			t = p < 400 ? TOWNSHIP_STREET :
			    p < 850 ? TOWNSHIP_TOWN : TOWNSHIP_XIANG;
		else
			t = p < 100 ? TOWNSHIP_STREET :
			    p < 700 ? TOWNSHIP_TOWN : TOWNSHIP_XIANG;
		for (j = i; j > 0 && type[j - 1] > t; j--)
			type[j] = type[j - 1];
		type[j] = t;
	}
	for (i = 0; i < n; i++) {
		do {
			stem[i] = type[i] == TOWNSHIP_STREET ?
			    demo_pick(r, divisions_street_stems,
			    divisions_nstreet_stems) :
			    demo_pick(r, divisions_town_stems,
			    divisions_ntown_stems);
			for (j = 0; j < i && strcmp(stem[j], stem[i]); j++)
				continue;
		} while (j < i);
		if (type[i] == TOWNSHIP_STREET)
			snprintf(name, sizeof(name), "%s街道", stem[i]);
		else if (type[i] == TOWNSHIP_TOWN)
			snprintf(name, sizeof(name), "%s镇", stem[i]);
		else if (demo_chance(r, 300))
			snprintf(name, sizeof(name), "%s%s乡", stem[i],
			    demo_pick(r, divisions_peoples,
			    divisions_npeoples));
		else
			snprintf(name, sizeof(name), "%s乡", stem[i]);
		snprintf(code, sizeof(code), "%.6s%03u", w->reg[county].code,
		    (unsigned)seq[type[i]]++ % 1000);
		if (add_region(w, code, name, DEMO_LEVEL_TOWNSHIP,
		    county) == NULL)
			return -1;
	}
	return 0;
}

static int
add_regions(struct demo_world *w)
{
	static const enum demo_level levels[] = {
		[DIVISIONS_PROVINCE] = DEMO_LEVEL_PROVINCE,
		[DIVISIONS_PREFECTURE] = DEMO_LEVEL_PREFECTURE,
		[DIVISIONS_COUNTY] = DEMO_LEVEL_COUNTY };
	struct demo_rng r;
	size_t i, j, ndiv;
	int parent;

	demo_rng_seed(&r, DEMO_STREAM_PLACES);
	for (i = 0; i < divisions_count; i++) {
		const struct division *d = &divisions_table[i];

		parent = -1;
		for (j = 0; d->parent != NULL && j < w->nreg; j++)
			if (strcmp(w->reg[j].code, d->parent) == 0)
				parent = (int)j;
		if (add_region(w, d->code, d->name, levels[d->level],
		    parent) == NULL)
			return -1;
	}
	ndiv = w->nreg;
	for (i = 0; i < ndiv; i++)
		if (w->reg[i].level == DEMO_LEVEL_COUNTY &&
		    add_townships(w, &r, (int)i))
			return -1;
	return 0;
}

static int
add_organ(struct demo_world *w, int region, enum demo_kind kind, int dept,
    int parent)
{
	const struct demo_region *rg = &w->reg[region];
	struct demo_organ *o;

	if (w->norg == w->corg)
		return -1;
	o = &w->org[w->norg];
	memset(o, 0, sizeof(*o));
	o->region = region;
	o->kind = kind;
	o->suits = dept >= 0 ? depts[dept].suits : 0;
	o->parent = parent;
	o->old = o->heir = o->deputy = -1;
	if (kind == DEMO_KIND_PARTY) {
		snprintf(o->id, sizeof(o->id), "%s-party", rg->code);
		snprintf(o->name, sizeof(o->name), "中共%s%s", rg->name,
		    rg->street ? "工作委员会" : "委员会");
	} else if (kind == DEMO_KIND_GOV) {
		snprintf(o->id, sizeof(o->id), "%s-gov", rg->code);
		snprintf(o->name, sizeof(o->name), "%s%s", rg->name,
		    rg->street ? "办事处" : "人民政府");
	} else {
		snprintf(o->id, sizeof(o->id), "%s-%s", rg->code,
		    depts[dept].suffix);
		snprintf(o->name, sizeof(o->name), "%s%s", rg->name,
		    rg->level == DEMO_LEVEL_PROVINCE ? depts[dept].province :
		    depts[dept].local);
	}
	return (int)w->norg++;
}

static int
add_organs(struct demo_world *w)
{
	size_t i, d;
	int gov;

	for (i = 0; i < w->nreg; i++) {
		if (add_organ(w, (int)i, DEMO_KIND_PARTY, -1, -1) < 0 ||
		    (gov = add_organ(w, (int)i, DEMO_KIND_GOV, -1, -1)) < 0)
			return -1;
		if (w->reg[i].level == DEMO_LEVEL_TOWNSHIP)
			continue;
		for (d = 0; d < NDEPTS; d++)
			if (add_organ(w, (int)i, DEMO_KIND_DEPT, (int)d,
			    gov) < 0)
				return -1;
	}
	return 0;
}

/* Draws a personal name no one else in the demo has and that is not the
 * name of a well-known person. Returns the person's index, or -1. */
static int
add_person(struct demo_world *w, struct demo_rng *r)
{
	char name[32];
	const char *g1, *g2;
	size_t i;

	if (w->nper == w->cper)
		return -1;
	for (;;) {
		g1 = DEMO_PICK(r, demo_text_given);
		g2 = demo_chance(r, 300) ? "" : DEMO_PICK(r, demo_text_given);
		if (g1 == g2)
			continue;
		snprintf(name, sizeof(name), "%s%s%s",
		    DEMO_PICK(r, demo_text_surnames), g1, g2);
		for (i = 0; i < demo_text_blocked.n; i++)
			if (strcmp(name, demo_text_blocked.item[i]) == 0)
				break;
		if (i < demo_text_blocked.n)
			continue;
		for (i = 0; i < w->nper; i++)
			if (strcmp(name, w->per[i].name) == 0)
				break;
		if (i == w->nper)
			break;
	}
	snprintf(w->per[w->nper].name, sizeof(w->per[0].name), "%s", name);
	return (int)w->nper++;
}

static int
add_tenure(struct demo_world *w, struct demo_rng *people, int organ,
    int deputy,
    long start, long end, int serving)
{
	struct demo_tenure *t;
	int p;

	if (w->nten == w->cten || (p = add_person(w, people)) < 0)
		return -1;
	t = &w->ten[w->nten];
	t->person = p;
	t->organ = organ;
	t->deputy = deputy;
	t->start = start;
	t->end = end;
	t->serving = serving;
	return (int)w->nten++;
}

/* One principal per organ, in post for years; about 8% hand over inside the
 * year. A fifth of those hand over in its last 60 days and a tenth in its
 * first 90, so that one of the two segments is too short to measure.
 * Returns 0, or -1 when a table is full. */
static int
add_tenures(struct demo_world *w)
{
	struct demo_rng people, r;
	size_t i;
	long end;
	int p, lv;

	demo_rng_seed(&people, DEMO_STREAM_PEOPLE);
	demo_rng_seed(&r, DEMO_STREAM_TENURES);
	for (i = 0; i < w->norg; i++) {
		struct demo_organ *o = &w->org[i];

		lv = w->reg[o->region].level;
		if (demo_chance(&r, 80)) {
			p = (int)demo_range(&r, 0, 99);
			if (p < 20)
				end = w->y1 - demo_range(&r, 8, 58);
			else if (p < 30)
				end = w->y0 + demo_range(&r, 20, 75);
			else
				end = w->y0 + demo_range(&r, 80, 290);
			o->old = add_tenure(w, &people, (int)i, 0,
			    w->y0 - demo_range(&r, 300, 2000), end, 0);
			o->heir = add_tenure(w, &people, (int)i, 0, end + 1,
			    0, 1);
			o->change = end + 1;
			if (o->old < 0 || o->heir < 0)
				return -1;
		} else if ((o->old = add_tenure(w, &people, (int)i, 0,
		    w->y0 - demo_range(&r, 60, 2200), 0, 1)) < 0)
			return -1;
		if (lv == DEMO_LEVEL_TOWNSHIP)
			continue;
		if (o->kind == DEMO_KIND_DEPT ? demo_chance(&r, 200) :
		    lv != DEMO_LEVEL_COUNTY || demo_chance(&r, 500))
			if ((o->deputy = add_tenure(w, &people, (int)i, 1,
			    w->y0 - demo_range(&r, 90, 1800), 0, 1)) < 0)
				return -1;
	}
	return 0;
}

void
demo_world_free(struct demo_world *w)
{
	free(w->reg);
	free(w->org);
	free(w->per);
	free(w->ten);
}

/* Builds the registry for year. The tables are sized for the most the
 * divisions can yield, so they never grow. Returns 0, or -1 (ENOMEM). */
int
demo_world_create(struct demo_world *w, int year)
{
	size_t i, counties = 0;

	memset(w, 0, sizeof(*w));
	w->year = year;
	w->y0 = demo_day_from_civil(year, 1, 1);
	w->y1 = demo_day_from_civil(year, 12, 31);
	w->n0 = w->y1 + 1;
	w->nq = demo_day_from_civil(year + 1, 3, 31);
	for (i = 0; i < divisions_count; i++)
		counties += divisions_table[i].level == DIVISIONS_COUNTY;
	w->creg = divisions_count + counties * MAX_TOWNSHIPS;
	w->corg = w->creg * (2 + NDEPTS);
	w->cten = w->corg * 3;
	w->cper = w->cten;
	w->reg = calloc(w->creg, sizeof(*w->reg));
	w->org = calloc(w->corg, sizeof(*w->org));
	w->ten = calloc(w->cten, sizeof(*w->ten));
	w->per = calloc(w->cper, sizeof(*w->per));
	if (w->reg == NULL || w->org == NULL || w->ten == NULL ||
	    w->per == NULL || add_regions(w) || add_organs(w) ||
	    add_tenures(w)) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

