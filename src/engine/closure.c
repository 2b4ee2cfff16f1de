/*
 * Closed years (closure.h): freezing, answering from the frozen copy,
 * merging it with what is computed, and reopening.
 */
#include "engine/closure.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/idmap.h"
#include "base/sm3.h"
#include "base/vec.h"
#include "engine/coverage.h"
#include "report/report.h"
#include "store/store-closure.h"

/* The evaluation's organ order within a region (store.c's ORGAN_ORDER). */
static int
rank_of(enum role r)
{
	return r == ROLE_PARTY ? 0 : r == ROLE_GOVERNMENT ? 1 : 2;
}

/* The value whose name is s among n names by name(i); -1 when none. */
static int
named(const char *s, int n, const char *(*name)(int))
{
	for (int i = 0; s != NULL && i < n; i++)
		if (strcmp(name(i), s) == 0)
			return i;
	return -1;
}

static const char *
role_at(int i)
{
	return catalog_role_name((enum role)(1 << i));
}

static const char *
coverage_at(int i)
{
	return coverage_name((enum coverage)(i + 1));
}

static const char *
grade_at(int i)
{
	return catalog_grade_name((enum grade)i);
}

static const char *
measure_at(int i)
{
	return catalog_measure_name((enum measure)i);
}

static const char *
verdict_at(int i)
{
	return eval_verdict_name((enum verdict)i);
}

static const char *
str_of(struct arena *a, json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return arena_strdup(a, v != NULL ? v : "");
}

static date_t
date_of(json_t *o, const char *key)
{
	date_t d;
	const char *v = json_string_value(json_object_get(o, key));
	return v != NULL && date_parse(v, &d) == 0 ? d : 0;
}

/* One duty of a frozen result, its rule rebuilt from the copy (id,
 * title, citation, measure, weight), not from the catalog loaded now;
 * what the copy does not say (the record kind, a procedure's steps, the
 * veto) is the loaded catalog's rule of that id where it has one, so that
 * what reads those finds them consistent with c. */
static int
frozen_duty(struct arena *a, const struct catalog *c, json_t *o,
    struct eval_duty *d)
{
	struct catalog_rule *r = arena_alloc(a, sizeof *r);
	int k = catalog_rule_find(c, json_string_value(json_object_get(o,
	    "id")) ? json_string_value(json_object_get(o, "id")) : "");
	memset(d, 0, sizeof *d);
	if (k >= 0) {
		*r = c->rules[k];
	} else {
		memset(r, 0, sizeof *r);
		r->kind = -1;
		r->where_field = r->require_true = r->require_all = -1;
		r->require_date = r->before_a = r->before_b = r->last = -1;
		r->steps_field = -1;
	}
	r->id = (char *)str_of(a, o, "id");
	r->title = (char *)str_of(a, o, "title");
	r->citation = (char *)str_of(a, o, "citation");
	int m = named(json_string_value(json_object_get(o, "measure")),
	    MEASURE_QUALITATIVE + 1, measure_at);
	int v = named(json_string_value(json_object_get(o, "verdict")),
	    VERDICT_NEEDS_REVIEW + 1, verdict_at);
	if (m < 0 || v < 0)
		return -1;
	r->measure = (enum measure)m;
	r->weight = (int)json_integer_value(json_object_get(o, "weight"));
	d->rule = r;
	d->verdict = (enum verdict)v;
	json_t *req = json_object_get(o, "required");
	d->has_counts = json_is_integer(req);
	d->required = (int)json_integer_value(req);
	d->actual = (int)json_integer_value(json_object_get(o, "actual"));
	json_t *ver = json_object_get(o, "actual_verified");
	d->verified = json_is_integer(ver) ? (int)json_integer_value(ver) : -1;
	json_t *ev = json_object_get(o, "evidence");
	d->nevidence = json_array_size(ev);
	d->evidence = arena_alloc(a, (d->nevidence + 1) * sizeof *d->evidence);
	for (size_t i = 0; i < d->nevidence; i++)
		d->evidence[i] = arena_strdup(a, json_string_value(
		    json_array_get(ev, i)) ? json_string_value(json_array_get(ev,
		    i)) : "");
	d->explanation = str_of(a, o, "explanation");
	json_t *sc = json_object_get(o, "score");
	if (json_is_number(sc)) {
		d->scored = 1;
		d->score = json_number_value(sc);
		d->scored_by = str_of(a, o, "scored_by");
		d->comment = json_object_get(o, "comment") ? str_of(a, o,
		    "comment") : NULL;
	}
	return 0;
}

int
closure_result_read(struct arena *a, const struct catalog *c,
    const char *doc, size_t len, struct eval_result *res)
{
	memset(res, 0, sizeof *res);
	json_t *o = json_loadb(doc, len, 0, NULL);
	int role = named(json_string_value(json_object_get(o, "role")),
	    ROLE_COUNT, role_at);
	int cov = named(json_string_value(json_object_get(o, "coverage")), 2,
	    coverage_at);
	int grade = named(json_string_value(json_object_get(o, "grade")),
	    GRADE_COUNT, grade_at);
	int rc = -1;
	if (o == NULL || role < 0 || cov < 0 || grade < 0 || len < 2)
		goto out;
	res->person = str_of(a, o, "person");
	res->person_name = str_of(a, o, "person_name");
	res->organ = str_of(a, o, "organ");
	res->organ_name = str_of(a, o, "organ_name");
	res->region = str_of(a, o, "region");
	res->region_name = str_of(a, o, "region_name");
	res->role = (enum role)(1 << role);
	res->coverage = (enum coverage)(cov + 1);
	json_t *seg = json_object_get(o, "segment");
	res->from = date_of(seg, "from");
	res->to = date_of(seg, "to");
	json_t *duties = json_object_get(o, "duties");
	res->nduties = json_array_size(duties);
	res->duties = arena_alloc(a, (res->nduties + 1) * sizeof *res->duties);
	for (size_t i = 0; i < res->nduties; i++)
		if (frozen_duty(a, c, json_array_get(duties, i),
		    &res->duties[i]))
			goto out;
	json_t *score = json_object_get(o, "score");
	res->has_score = json_is_number(score);
	res->score = res->has_score ? json_number_value(score) : 0;
	res->veto = json_is_true(json_object_get(o, "veto"));
	res->grade = (enum grade)grade;
	res->provisional = json_is_true(json_object_get(o, "provisional"));
	json_t *cons = json_object_get(o, "consequences");
	res->nconsequences = json_array_size(cons);
	const struct catalog_consequence **qv = arena_alloc(a,
	    (res->nconsequences + 1) * sizeof *qv);
	/* The item a referral falls under (第九条第(三)项), as it was. */
	const char **items = arena_alloc(a, (res->nconsequences + 1) *
	    sizeof *items);
	for (size_t i = 0; i < res->nconsequences; i++) {
		json_t *q = json_array_get(cons, i);
		struct catalog_consequence *k = arena_alloc(a, sizeof *k);
		const char *item = json_string_value(json_object_get(q, "item"));
		memset(k, 0, sizeof *k);
		k->kind = (char *)str_of(a, q, "kind");
		k->label = (char *)str_of(a, q, "label");
		k->citation = (char *)str_of(a, q, "citation");
		qv[i] = k;
		items[i] = item != NULL ? arena_strdup(a, item) : NULL;
	}
	res->consequences = qv;
	res->consequence_items = items;
	res->closed = json_is_true(json_object_get(o, "closed"));
	rc = 0;
out:
	json_decref(o);
	return rc;
}

/* A result rebuilt from its frozen JSON (doc, len) into a; its text with
 * "closed":true. Returns 0 or -1. */
static int
frozen_result(struct arena *a, const struct catalog *c, const char *doc,
    size_t len, struct eval_result *res)
{
	if (closure_result_read(a, c, doc, len, res))
		return -1;
	/* The text as frozen, "closed":true added at its end. */
	static const char closed[] = ",\"closed\":true}";
	char *t = arena_alloc(a, len - 1 + sizeof closed);
	memcpy(t, doc, len - 1);
	memcpy(t + len - 1, closed, sizeof closed);
	res->closed = 1;
	res->frozen = t;
	res->frozen_len = len - 1 + sizeof closed - 1;
	return 0;
}

/* A frozen result kept for the merge. */
struct frozen_item {
	const char *code, *organ, *start, *person, *doc;
	int rank;
	size_t len;
};

struct merge {
	const struct catalog *c;
	eval_emit emit;
	void *ctx;
	struct arena *scratch; /* one result at a time */
	struct arena *keep;    /* the frozen items */
	struct frozen_item *v;
	size_t n, cap, next;
	struct idmap *closed;  /* region codes inside the closures */
	long count;
	int failed;            /* a frozen copy did not read back */
};

static int
emit_frozen(struct merge *m, const char *doc, size_t len)
{
	struct eval_result res;
	arena_reset(m->scratch);
	if (frozen_result(m->scratch, m->c, doc, len, &res)) {
		m->failed = 1;
		return -1;
	}
	m->count++;
	return m->emit(m->ctx, &res);
}

static int
stream_frozen(void *ctx, const struct store_frozen *f)
{
	return emit_frozen(ctx, f->doc, f->len);
}

static int
keep_frozen(void *ctx, const struct store_frozen *f)
{
	struct merge *m = ctx;
	if (vec_reserve(&m->v, m->n, &m->cap, sizeof *m->v, 64))
		return -1;
	m->v[m->n++] = (struct frozen_item){ arena_strdup(m->keep, f->code),
		arena_strdup(m->keep, f->organ), arena_strdup(m->keep, f->start),
		arena_strdup(m->keep, f->person), arena_strdup(m->keep, f->doc),
		f->rank, f->len };
	return 0;
}

static int
keep_code(void *ctx, const char *code)
{
	return idmap_put(ctx, code, 1);
}

/* Whether frozen item f comes before result r in the evaluation's order
 * (region code, organ kind, organ, segment start, person). */
static int
before(const struct frozen_item *f, const struct eval_result *r)
{
	char from[11];
	int c = strcmp(f->code, r->region);
	if (c != 0)
		return c < 0;
	if (f->rank != rank_of(r->role))
		return f->rank < rank_of(r->role);
	if ((c = strcmp(f->organ, r->organ)) != 0)
		return c < 0;
	date_format(r->from, from);
	if ((c = strcmp(f->start, from)) != 0)
		return c < 0;
	return strcmp(f->person, r->person) < 0;
}

static int
live(void *ctx, const struct eval_result *res)
{
	struct merge *m = ctx;
	if (idmap_get(m->closed, res->region, NULL))
		return 0; /* its frozen copy answers */
	while (m->next < m->n && before(&m->v[m->next], res)) {
		const struct frozen_item *f = &m->v[m->next++];
		int rc = emit_frozen(m, f->doc, f->len);
		if (rc)
			return rc;
	}
	struct eval_result copy = *res;
	copy.closed = 0;
	copy.frozen = NULL;
	m->count++;
	return m->emit(m->ctx, &copy);
}

static int
found(void *ctx, const struct store_closure *c)
{
	(void)ctx;
	(void)c;
	return 0;
}

int
closure_run(struct store *s, const struct catalog *c, int year,
    const char *region, eval_emit emit, void *ctx, long *count, char *err,
    size_t errlen)
{
	char path[512] = "/";
	*count = 0;
	int any = store_closure_any(s, year);
	if (any > 0 && region != NULL)
		any = store_region_path(s, region, path, sizeof path);
	if (any < 0) {
		snprintf(err, errlen, "%s", store_error(s));
		return -1;
	}
	if (any == 0)
		return eval_run(s, c, year, region, emit, ctx, count, err,
		    errlen);
	struct merge m = { .c = c, .emit = emit, .ctx = ctx,
		.scratch = arena_create(), .keep = arena_create(),
		.closed = idmap_create() };
	long n = 0;
	int rc = -1;
	if (m.closed == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	int covered = store_closure_covering(s, year, path, found, NULL);
	if (covered < 0) {
		snprintf(err, errlen, "%s", store_error(s));
		goto out;
	}
	if (covered) {
		/* The whole scope is closed: nothing is computed. */
		rc = store_each_frozen(s, year, path, stream_frozen, &m);
		if (rc != 0)
			snprintf(err, errlen, "%s", m.failed ? "a frozen result "
			    "does not read back" : store_error(s));
		goto out;
	}
	if (store_each_frozen(s, year, path, keep_frozen, &m) ||
	    store_each_closed_code(s, year, keep_code, m.closed)) {
		snprintf(err, errlen, "%s", store_error(s));
		goto out;
	}
	rc = eval_run(s, c, year, region, live, &m, &n, err, errlen);
	while (rc == 0 && m.next < m.n) {
		const struct frozen_item *f = &m.v[m.next++];
		rc = emit_frozen(&m, f->doc, f->len);
	}
	if (rc != 0 && m.failed)
		snprintf(err, errlen, "a frozen result does not read back");
out:
	*count = m.count;
	free(m.v);
	idmap_free(m.closed);
	arena_free(m.scratch);
	arena_free(m.keep);
	return rc;
}

static int
copy_head(void *ctx, const struct store_closure *c)
{
	char **head = ctx;
	*head = strdup(c->head);
	return *head == NULL ? -1 : 0;
}

int
closure_head(struct store *s, int year, const char *region, char **head,
    char *err, size_t errlen)
{
	char path[512] = "/";
	*head = NULL;
	int rc = store_closure_any(s, year);
	if (rc > 0 && region != NULL)
		rc = store_region_path(s, region, path, sizeof path);
	if (rc > 0)
		rc = store_closure_covering(s, year, path, copy_head, head);
	if (rc < 0) {
		free(*head);
		*head = NULL;
		snprintf(err, errlen, "%s", store_error(s));
		return -1;
	}
	return 0;
}

int
closure_needs_reason(int year, date_t today)
{
	return today < date_from_ymd(year + 1, 4, 1);
}

/* What the freezing evaluation writes: each computed result. */
struct freeze {
	struct store *s;
	int64_t key, seq;
	struct buf doc;
	struct sm3 *sm3;
};

static int
freeze(void *ctx, const struct eval_result *res)
{
	struct freeze *z = ctx;
	if (res->closed)
		return 0; /* an inner closure holds it */
	char path[512], from[11];
	buf_reset(&z->doc);
	if (report_result_text(&z->doc, res) || buf_putc(&z->doc, '\0') ||
	    store_region_path(z->s, res->region, path, sizeof path) != 1)
		return -1;
	date_format(res->from, from);
	struct store_frozen f = { .path = path, .code = res->region,
		.rank = rank_of(res->role), .organ = res->organ, .start = from,
		.person = res->person, .doc = z->doc.data,
		.len = z->doc.len - 1 };
	return sm3_update(z->sm3, f.doc, f.len) ||
	    store_frozen_add(z->s, z->key, ++z->seq, &f) ? -1 : 0;
}

/* The end of closing or reopening a year: its event logged, audited as
 * "year.close" or "year.reopen" with hex, the transaction committed.
 * Returns 0, or -1 (store_error says why). */
static int
log_commit(struct store *s, const struct store_closure_event *ev,
    const char *hex)
{
	char entity[64], action[16];
	if (ev->region != NULL)
		snprintf(entity, sizeof entity, "closure:%d:%s", ev->year,
		    ev->region);
	else
		snprintf(entity, sizeof entity, "closure:%d", ev->year);
	snprintf(action, sizeof action, "year.%s", ev->action);
	return store_closure_log_add(s, ev) ||
	    audit_append(s, ev->actor, action, entity, 1, hex) ||
	    store_commit(s) ? -1 : 0;
}

/* Now in UTC as the store keeps times: "YYYY-MM-DDTHH:MM:SSZ". */
static void
utc_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
refuse(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return CLOSURE_REFUSED;
}

/* The outer closure found, for the messages. */
struct outer {
	char region[32], path[512], at[32];
};

static int
copy_outer(void *ctx, const struct store_closure *c)
{
	struct outer *o = ctx;
	snprintf(o->region, sizeof o->region, "%s", c->region ? c->region :
	    "");
	snprintf(o->path, sizeof o->path, "%s", c->path);
	snprintf(o->at, sizeof o->at, "%s", c->closed_at);
	return 0;
}

/* The region's path (or "/"), and a transaction begun: 0, or CLOSURE_*
 * with err. */
static int
begin_at(struct store *s, const char *region, char path[512], char *err,
    size_t errlen)
{
	int rc = 1;
	snprintf(path, 512, "/");
	if (region != NULL)
		rc = store_region_path(s, region, path, 512);
	if (rc < 0) {
		snprintf(err, errlen, "%s", store_error(s));
		return CLOSURE_FAILED;
	}
	if (rc == 0) {
		snprintf(err, errlen, "region: unknown region '%s'", region);
		return CLOSURE_REFUSED;
	}
	if (store_begin(s)) {
		snprintf(err, errlen, "%s", store_error(s));
		return CLOSURE_FAILED;
	}
	return 0;
}

int
closure_close(struct store *s, const struct catalog *c, int year,
    const char *region, const char *actor, const char *reason,
    long *frozen, char *err, size_t errlen)
{
	char path[512], now[32], hex[SM3_HEX_LEN];
	*frozen = 0;
	if (reason != NULL && reason[0] == '\0')
		reason = NULL;
	if (reason == NULL && closure_needs_reason(year, date_today())) {
		snprintf(err, errlen, "reason: closing %d before 1 April %d "
		    "(year-end reports for %d may still come in) needs a "
		    "reason", year, year + 1, year);
		return CLOSURE_REFUSED;
	}
	if (reason != NULL && strlen(reason) > 2000)
		return refuse(err, errlen, "reason: at most 2000 bytes");
	struct eval_period period = eval_period_of(c, year);
	if (date_today() <= date_from_ymd(year, 12, 31)) {
		snprintf(err, errlen, "year: %d has not ended", year);
		return CLOSURE_REFUSED;
	}
	if (period.from > period.to || year > 9998) {
		snprintf(err, errlen, "year: %d has no evaluation to close (the "
		    "rules take effect later)", year);
		return CLOSURE_REFUSED;
	}
	int rc = begin_at(s, region, path, err, errlen);
	if (rc)
		return rc;
	struct outer o;
	struct freeze z = { .s = s, .sm3 = sm3_create() };
	buf_init(&z.doc, RESULT_TEXT_MAX);
	struct buf head, versions;
	buf_init(&head, 1u << 20);
	buf_init(&versions, 1u << 20);
	rc = store_closure_covering(s, year, path, copy_outer, &o);
	if (rc > 0) {
		snprintf(err, errlen, "region: %d of %s is already closed (by the "
		    "closure of %s, closed at %s)", year, region ? region :
		    "everything", o.region[0] ? o.region : "everything", o.at);
		rc = CLOSURE_CONFLICT;
		goto fail;
	}
	/* The catalog versions it is closed under: every version in force
	 * on some day of the year, oldest first; the one in force on 31
	 * December names it. */
	const struct catalog *used[64];
	size_t nused = catalog_versions_of_year(c, year, used, 64);
	const struct catalog *last = catalog_version_at(c,
	    date_from_ymd(year, 12, 31));
	json_t *vs = json_array();
	for (size_t i = 0; vs != NULL && i < nused && i < 64; i++) {
		char eff[11];
		date_format(used[i]->effective, eff);
		json_array_append_new(vs, json_pack("{s:s, s:s, s:s}", "version",
		    used[i]->version, "effective", eff, "sm3", used[i]->digest));
	}
	char *vtext = vs ? json_dumps(vs, JSON_COMPACT) : NULL;
	json_decref(vs);
	int bad = vtext == NULL || buf_puts(&versions, vtext) ||
	    buf_putc(&versions, '\0');
	free(vtext);
	utc_now(now);
	if (rc < 0 || bad || z.sm3 == NULL ||
	    report_json_head(&head, c, period) || buf_putc(&head, '\0')) {
		snprintf(err, errlen, "%s", rc < 0 ? store_error(s) :
		    "out of memory");
		rc = CLOSURE_FAILED;
		goto fail;
	}
	/* Made under year 0, so that the evaluation freezing its results
	 * answers them as they stand, then given its year. */
	struct store_closure cl = { .year = 0, .region = region, .path = path,
		.closed_by = actor, .closed_at = now, .reason = reason,
		.ruleset = last->id, .version = last->version,
		.digest = last->digest, .versions = versions.data, .head = head.data };
	long n = 0;
	if (store_closure_add(s, &cl, &z.key)) {
		snprintf(err, errlen, "%s", store_error(s));
		rc = CLOSURE_FAILED;
		goto fail;
	}
	rc = closure_run(s, c, year, region, freeze, &z, &n, err, errlen);
	if (rc != 0) {
		if (err[0] == '\0' || strcmp(err, "writing the results failed")
		    == 0)
			snprintf(err, errlen, "%s", store_error(s));
		rc = CLOSURE_FAILED;
		goto fail;
	}
	struct store_closure_event ev = { year, region, "close", actor, now,
		reason, path };
	int sm3_rc = sm3_final(z.sm3, hex);
	z.sm3 = NULL;
	if (sm3_rc || store_closure_set_year(s, z.key, year) ||
	    log_commit(s, &ev, hex)) {
		snprintf(err, errlen, "%s", store_error(s));
		rc = CLOSURE_FAILED;
		goto fail;
	}
	*frozen = z.seq;
	buf_free(&z.doc);
	buf_free(&head);
	buf_free(&versions);
	return 0;
fail:
	store_rollback(s);
	sm3_free(z.sm3);
	buf_free(&z.doc);
	buf_free(&head);
	buf_free(&versions);
	return rc;
}

struct exact {
	int64_t key;
	char path[512], region[32];
};

static int
copy_exact(void *ctx, const struct store_closure *c)
{
	struct exact *x = ctx;
	x->key = c->key;
	snprintf(x->path, sizeof x->path, "%s", c->path);
	snprintf(x->region, sizeof x->region, "%s", c->region ? c->region :
	    "");
	return 0;
}

int
closure_reopen(struct store *s, int year, const char *region,
    const char *actor, const char *reason, char *err, size_t errlen)
{
	char path[512], now[32], hex[SM3_HEX_LEN];
	if (reason == NULL || reason[0] == '\0')
		return refuse(err, errlen, "reason: reopening a closed year "
		    "needs a reason");
	if (strlen(reason) > 2000)
		return refuse(err, errlen, "reason: at most 2000 bytes");
	int rc = begin_at(s, region, path, err, errlen);
	if (rc)
		return rc;
	struct exact x = { 0 };
	rc = store_closure_covering(s, year, path, copy_exact, &x);
	if (rc == 0) {
		snprintf(err, errlen, "region: %d of %s is not closed", year,
		    region ? region : "everything");
		rc = CLOSURE_CONFLICT;
		goto fail;
	}
	if (rc > 0 && strcmp(x.path, path) != 0) {
		snprintf(err, errlen, "region: %d of %s lies inside the closure "
		    "of %s: reopen that one", year, region ? region :
		    "everything", x.region[0] ? x.region : "everything");
		rc = CLOSURE_CONFLICT;
		goto fail;
	}
	struct store_closure_event ev = { year, region, "reopen", actor, now,
		reason, path };
	utc_now(now);
	if (rc < 0 || sm3_hex(reason, strlen(reason), hex) ||
	    store_closure_remove(s, x.key) < 0 || log_commit(s, &ev, hex)) {
		snprintf(err, errlen, "%s", store_error(s));
		rc = CLOSURE_FAILED;
		goto fail;
	}
	return 0;
fail:
	store_rollback(s);
	return rc;
}

const char *
closure_citation(struct store *s, struct arena *a,
    const struct eval_result *res)
{
	char at[32], hex[SM3_HEX_LEN];
	int y, m, d;
	struct tm tm;
	if (res == NULL || !res->closed)
		return NULL;
	date_to_ymd(res->from, &y, &m, &d);
	if (store_frozen_of(s, y, res->person, res->organ, hex, at) != 1 ||
	    date_stamp_beijing(at, &tm))
		return NULL;
	return arena_printf(a, "依据%d年%d月%d日结转的考评结果(SM3 %s)",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, hex);
}
