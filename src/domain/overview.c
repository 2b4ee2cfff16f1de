/*
 * 总览: a region's subordinate regions ranked, in one pass (overview.h).
 *
 * The overviews last made are kept (CACHE_SLOTS of them, least recently
 * used out first), keyed like the evaluation cache by year, region and
 * the data version (the audit log's last entry: every write appends to
 * it), so the overview, its trend and the dashboard's tile map share one
 * pass per year until something is written. The evaluation cache cannot
 * do this for a province: its results (tens of megabytes) exceed an
 * entry. An overview is small: a record per child and county and the
 * root's own leaders. It is the same for every caller that may see the
 * whole region (offices, the administrator); for anyone else it is made
 * afresh and not kept.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "base/idmap.h"
#include "base/sm3.h"
#include "domain/evaluation.h"
#include "domain/overview.h"
#include "store/store-closure.h"

/* Regions of one subtree mapped (a province has some 1,700, the country
 * 39,071); the root's own leaders listed (a province's departments). */
#define REGIONS_MAX 200000
#define LEADERS_MAX 500

/* A region of the subtree: where its results are counted. */
struct node {
	int self;   /* its own slot in o->v, or -1 (the root, a township) */
	int child;  /* the slot of the child of the root it lies in, or -1 */
	int county; /* the slot of the county it lies in, or -1 */
};

struct walk {
	struct dom *d;
	struct overview *o;
	struct idmap *map; /* code → index into nodes */
	struct node *nodes;
	size_t n, cap, cap_v;
	int failed;
};

double
overview_average(const struct overview_tally *t)
{
	return t->scored > 0 ? t->sum / (double)t->scored : 0;
}

static void
tally_add(struct overview_tally *t, const struct eval_result *res)
{
	t->n++;
	t->by_grade[res->grade]++;
	t->veto += res->veto != 0;
	t->provisional += res->provisional != 0;
	if (res->has_score) {
		t->scored++;
		t->sum += res->score;
	}
}

/* A slot in o->v for region g; -1 when out of memory. */
static int
slot_new(struct walk *w, const struct store_region *g, int child, int county)
{
	struct overview *o = w->o;
	if (o->n == w->cap_v) {
		size_t cap = w->cap_v ? w->cap_v * 2 : 64;
		struct overview_region *v = arena_alloc(w->d->arena, cap *
		    sizeof *v);
		if (o->n > 0)
			memcpy(v, o->v, o->n * sizeof *v);
		o->v = v;
		w->cap_v = cap;
	}
	o->v[o->n] = (struct overview_region){
		.code = arena_strdup(w->d->arena, g->code),
		.name = arena_strdup(w->d->arena, g->name),
		.level = arena_strdup(w->d->arena, g->level),
		.child = child, .county = county, .group = -1,
	};
	return (int)o->n++;
}

/* Regions come parents first (store_each_region_in): each finds its
 * parent's node already mapped. */
static int
map_region(void *ctx, const struct store_region *g)
{
	struct walk *w = ctx;
	int64_t at;
	if (w->n == REGIONS_MAX) {
		w->failed = 1;
		return 1;
	}
	struct node nd = { -1, -1, -1 };
	int is_root = w->n == 0;
	int county = strcmp(g->level, "county") == 0;
	const struct node *up = !is_root && g->parent != NULL &&
	    idmap_get(w->map, g->parent, &at) ? &w->nodes[at] : NULL;
	if (!is_root && up == NULL)
		return 0; /* not below the root: cannot happen in a subtree */
	if (!is_root && up == &w->nodes[0]) {
		nd.self = nd.child = slot_new(w, g, 1, county);
		if (county)
			nd.county = nd.self;
	} else if (!is_root) {
		nd.child = up->child;
		nd.county = up->county;
		if (county && up->county < 0) {
			nd.self = nd.county = slot_new(w, g, 0, 1);
			w->o->v[nd.self].group = up->child;
		}
	}
	arena_reserve(w->d->arena, &w->nodes, w->n, &w->cap, sizeof *w->nodes,
	    256);
	if (idmap_put(w->map, g->code, (int64_t)w->n)) {
		w->failed = 1;
		return 1;
	}
	w->nodes[w->n++] = nd;
	return 0;
}

static int
principal_role(enum role r)
{
	return r == ROLE_PARTY || r == ROLE_GOVERNMENT;
}

static void
leader_add(struct walk *w, const struct eval_result *res)
{
	struct overview *o = w->o;
	struct arena *a = w->d->arena;
	if (o->nleaders == LEADERS_MAX) {
		o->more_leaders++;
		return;
	}
	o->leaders[o->nleaders++] = (struct overview_leader){
		.person = arena_strdup(a, res->person),
		.name = arena_strdup(a, res->person_name),
		.organ = arena_strdup(a, res->organ),
		.organ_name = arena_strdup(a, res->organ_name),
		.role = res->role, .has_score = res->has_score,
		.veto = res->veto, .provisional = res->provisional,
		.closed = res->closed, .score = res->score, .grade = res->grade,
	};
}

/* One result: the root's tally, its child's and its county's, the own
 * grade of the region it belongs to, the root's leader list. */
static int
fold(void *ctx, const struct eval_result *res)
{
	struct walk *w = ctx;
	struct overview *o = w->o;
	int64_t at;
	tally_add(&o->all, res);
	o->closed |= res->closed != 0;
	if (!idmap_get(w->map, res->region, &at))
		return 0; /* a region added since the walk: the root counts it */
	const struct node *nd = &w->nodes[at];
	if (at == 0)
		leader_add(w, res);
	if (nd->child >= 0)
		tally_add(&o->v[nd->child].all, res);
	if (nd->county >= 0 && nd->county != nd->child)
		tally_add(&o->v[nd->county].all, res);
	if (nd->self >= 0 && principal_role(res->role)) {
		struct overview_region *g = &o->v[nd->self];
		if (!g->has_own || res->grade > g->own) {
			g->own = res->grade;
			g->own_provisional = res->provisional;
		} else if (res->grade == g->own)
			g->own_provisional |= res->provisional;
		g->has_own = 1;
	}
	return 0;
}

/* A storage failure outside a transaction: 500, the store's words kept
 * for the log. Returns -1. */
static int
failed(struct dom *d)
{
	return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
	    store_error(d->store)), NULL);
}

struct root {
	struct arena *arena;
	const char *code; /* the lowest top region's code so far */
};

static int
first_root(void *ctx, const struct store_region *g)
{
	struct root *rt = ctx;
	if (g->parent == NULL && (rt->code == NULL ||
	    strcmp(g->code, rt->code) < 0))
		rt->code = arena_strdup(rt->arena, g->code);
	return 0;
}

/* The region an overview covers: the evaluation's scope, and for an
 * account that sees everything without naming one, the first top
 * region. Its path into path. Returns 0 or -1 with the fault. */
static int
root_of(struct dom *d, const char **region, char *path, size_t n)
{
	if (evaluation_scope(d, region))
		return -1;
	if (*region == NULL) {
		struct root rt = { d->arena, NULL };
		if (store_each_region(d->store, first_root, &rt) < 0)
			return failed(d);
		if (rt.code == NULL)
			return dom_refuse(d, 404, "没有地区 (no region)", NULL,
			    "region");
		*region = rt.code;
	}
	return evaluation_region_path(d, *region, path, n, 404);
}

/* ---- the cache of overviews ---- */

#define CACHE_SLOTS 32

struct slot {
	struct arena *arena; /* owns ov's arrays and strings; NULL: empty */
	const struct catalog *catalog;
	int year;
	char region[16];
	int64_t version;
	char hash[SM3_HEX_LEN];
	uint64_t used; /* the clock at its last use */
	struct overview ov;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot cache[CACHE_SLOTS];
static uint64_t cache_clock;

static const char *
copy_str(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* A copy of src whose arrays and strings live in a. */
static void
copy(struct arena *a, const struct overview *src, struct overview *dst)
{
	*dst = *src;
	dst->region = copy_str(a, src->region);
	dst->name = copy_str(a, src->name);
	dst->level = copy_str(a, src->level);
	dst->v = arena_alloc(a, (src->n + 1) * sizeof *dst->v);
	for (size_t i = 0; i < src->n; i++) {
		struct overview_region *g = &dst->v[i];
		*g = src->v[i];
		g->code = copy_str(a, g->code);
		g->name = copy_str(a, g->name);
		g->level = copy_str(a, g->level);
	}
	dst->leaders = arena_alloc(a, (src->nleaders + 1) *
	    sizeof *dst->leaders);
	for (size_t i = 0; i < src->nleaders; i++) {
		struct overview_leader *l = &dst->leaders[i];
		*l = src->leaders[i];
		l->person = copy_str(a, l->person);
		l->name = copy_str(a, l->name);
		l->organ = copy_str(a, l->organ);
		l->organ_name = copy_str(a, l->organ_name);
	}
}

struct key {
	const struct catalog *catalog;
	int year;
	const char *region;
	int64_t version;
	char hash[SM3_HEX_LEN];
};

static int
slot_is(const struct slot *s, const struct key *k)
{
	return s->arena != NULL && s->catalog == k->catalog &&
	    s->year == k->year && s->version == k->version &&
	    strcmp(s->region, k->region) == 0 && strcmp(s->hash, k->hash) == 0;
}

/* 1 and *o copied into a when k is kept, else 0. */
static int
cache_get(const struct key *k, struct arena *a, struct overview *o)
{
	int hit = 0;
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < CACHE_SLOTS && !hit; i++)
		if (slot_is(&cache[i], k)) {
			cache[i].used = ++cache_clock;
			copy(a, &cache[i].ov, o);
			hit = 1;
		}
	pthread_mutex_unlock(&cache_lock);
	return hit;
}

static void
cache_put(const struct key *k, const struct overview *o)
{
	if (strlen(k->region) >= sizeof cache[0].region)
		return;
	struct arena *a = arena_create();
	struct overview kept;
	copy(a, o, &kept);
	pthread_mutex_lock(&cache_lock);
	struct slot *s = &cache[0];
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		if (slot_is(&cache[i], k)) { /* made twice at once: keep one */
			s = NULL;
			break;
		}
		if (cache[i].used < s->used)
			s = &cache[i];
	}
	struct arena *old = NULL;
	if (s != NULL) {
		old = s->arena;
		*s = (struct slot){ .arena = a, .catalog = k->catalog,
			.year = k->year, .version = k->version,
			.used = ++cache_clock, .ov = kept };
		memcpy(s->region, k->region, strlen(k->region) + 1);
		memcpy(s->hash, k->hash, sizeof s->hash);
		a = NULL;
	}
	pthread_mutex_unlock(&cache_lock);
	arena_free(old);
	arena_free(a);
}

/* Whether the caller sees every result of its region (evaluation.c's
 * may_see): only then is an overview the same for all who ask. */
static int
sees_all(const struct principal *p)
{
	return p->role == ACCT_ADMIN || p->role == ACCT_OFFICE ||
	    p->role == ACCT_INSPECTOR || p->role == ACCT_DISCIPLINE;
}

static int make(struct dom *d, int year, const char *region,
    const char *path, struct overview *o);

int
overview_build(struct dom *d, int year, const char *region,
    struct overview *o)
{
	char path[512];
	struct key k = { .catalog = d->catalog, .year = year, .version = -1 };
	memset(o, 0, sizeof *o);
	if (root_of(d, &region, path, sizeof path))
		return -1;
	k.region = region;
	if (!sees_all(d->user) || store_data_version(d->store, &k.version,
	    k.hash, sizeof k.hash))
		k.version = -1; /* unknown: made afresh, not kept */
	if (k.version >= 0 && cache_get(&k, d->arena, o))
		return 0;
	if (make(d, year, region, path, o))
		return -1;
	if (k.version >= 0)
		cache_put(&k, o);
	return 0;
}

/* The overview of region (checked: root_of) at path, in one pass. */
static int
make(struct dom *d, int year, const char *region, const char *path,
    struct overview *o)
{
	char level[32];
	int64_t key;
	int rc = -1;
	o->year = year;
	o->region = region;
	if (dom_region_name(d, path, &o->name) ||
	    store_region_key(d->store, region, &key, level, sizeof level) != 1)
		return failed(d);
	o->level = arena_strdup(d->arena, level);
	o->leaders = arena_alloc(d->arena, LEADERS_MAX * sizeof *o->leaders);
	struct walk w = { .d = d, .o = o, .map = idmap_create() };
	if (w.map == NULL) {
		dom_refuse(d, 500, "内部错误", "out of memory", NULL);
		goto out;
	}
	if (store_each_region_in(d->store, path, map_region, &w) < 0) {
		failed(d);
		goto out;
	}
	if (w.failed || w.n == 0) {
		dom_refuse(d, 500, "内部错误", w.n ? "too many regions" :
		    "the region has no subtree", NULL);
		goto out;
	}
	/* From the year's evaluation set (kept in the store under the data
	 * version, across restarts), not a fresh run of the engine. */
	struct evaluation_set es;
	struct store_evalfilter all = STORE_EVALFILTER_ALL;
	rc = evaluation_set_open(d, year, region, &es) ||
	    evaluation_set_rows(d, &es, &all, fold, &w) ? -1 : 0;
out:
	idmap_free(w.map);
	return rc;
}

static int
found(void *ctx, const struct store_closure *c)
{
	(void)ctx;
	(void)c;
	return 1;
}

int
overview_trend(struct dom *d, const char *region, int first, int last,
    const int *keep, size_t n_keep, struct overview_year *out, size_t *n)
{
	char path[512];
	*n = 0;
	if (root_of(d, &region, path, sizeof path))
		return -1;
	for (int y = first; y <= last; y++) {
		int want = 0;
		for (size_t i = 0; i < n_keep && !want; i++)
			want = keep[i] == y;
		/* A closed year is read from its frozen results: cheap. */
		int rc = store_each_closure(d->store, y, path, found, NULL);
		if (rc < 0)
			return failed(d);
		if (!want && rc == 0)
			continue;
		/* The year's overview: the one just shown, from the cache. */
		struct overview o;
		if (overview_build(d, y, region, &o))
			return -1;
		out[(*n)++] = (struct overview_year){ .year = y,
			.closed = o.closed, .all = o.all };
	}
	return 0;
}
