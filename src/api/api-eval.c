/*
 * The catalog, coverage, the evaluation and scores over HTTP. The
 * evaluation is domain/evaluation.c's, limited to the caller; what is
 * HTTP's here is the body: a cached evaluation's whole JSON made once
 * and sent from memory (gzipped, by sendfile) to every caller who sees
 * all of it.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "auth/authority.h"
#include "base/gzip.h"
#include "base/sm3.h"
#include "base/date.h"
#include "domain/evaluation.h"
#include "engine/closure.h"
#include "engine/coverage.h"
#include "engine/eval-cache.h"
#include "import/import.h"
#include "report/report.h"
#include "store/store-closure.h"

/* The ceiling of an evaluation's JSON body (the nation's is ~700 MB). */
#define EVAL_BODY_MAX (2048ul << 20)
/* Cached bodies from this size on are sent with sendfile. */
#define SENDFILE_MIN (64u << 10)

void
api_catalog(struct request *r)
{
	resp_json(r, 200, report_catalog_json(r->catalog));
}

int
api_evaluation_each(struct request *r, int year, const char *region,
    int (*emit)(void *, const struct eval_result *), void *ctx)
{
	struct dom d;
	req_dom(r, &d);
	return api_refused(r, &d, evaluation_each(&d, year, region, emit, ctx));
}

/* The year query parameter; answers and returns -1 when bad. */
static int
year_of(struct request *r, int *year)
{
	const char *y = req_query(r, "year");
	if (y == NULL || date_parse_year(y, year)) {
		resp_problem(r, 400, "需要考评年度 year=YYYY", y, "year");
		return -1;
	}
	return 0;
}

/* The JSON body of GET /api/v1/evaluation, built in one buffer. */
struct body {
	struct buf b;
	long n, nclosed;
};

static int
body_text(void *ctx, const struct eval_result *res, const char *text,
    size_t len)
{
	struct body *y = ctx;
	y->nclosed += res != NULL && res->closed;
	return buf_puts(&y->b, y->n++ ? ",\n" : "\n") ||
	    buf_append(&y->b, text, len) ? -1 : 0;
}

static int
body_result(void *ctx, const struct eval_result *res)
{
	struct body *y = ctx;
	y->nclosed += res->closed != 0;
	return buf_puts(&y->b, y->n++ ? ",\n" : "\n") ||
	    report_result_text(&y->b, res) ? -1 : 0;
}

static void
release_entry(void *cls)
{
	eval_cache_release(cls);
}

/*
 * The whole body from a cached evaluation, for a caller who sees every
 * result (not a clerk or a leader): made once per entry and kept with it,
 * then sent from there without a copy. Returns 1 having answered, 0 when
 * there is no such entry.
 */
static int
cached_body(struct request *r, int year, const char *region)
{
	int64_t version;
	char hash[SM3_HEX_LEN];
	if (r->user.role == ACCT_CLERK || r->user.role == ACCT_LEADER ||
	    store_closure_any(r->store, year) != 0 ||
	    store_data_version(r->store, &version, hash, sizeof hash))
		return 0;
	struct eval_cache_key k = { r->catalog, year, region, version, hash };
	struct eval_cached *hit = eval_cache_get(&k);
	if (hit == NULL)
		return 0;
	size_t len;
	const char *text = eval_cached_blob(hit, 0, &len);
	if (text == NULL) {
		struct body y = { .n = 0 };
		buf_init(&y.b, EVAL_BODY_MAX);
		int rc = report_json_head(&y.b, r->catalog, eval_period_of(
		    r->catalog, year));
		for (size_t i = 0; rc == 0 && i < eval_cached_count(hit); i++) {
			size_t n;
			const char *t = eval_cached_text(hit, i, &n);
			rc = body_text(&y, NULL, t, n);
		}
		if (rc || buf_puts(&y.b, y.n ? "\n]}\n" : "]}\n")) {
			buf_free(&y.b);
			eval_cache_release(hit);
			return 0;
		}
		text = eval_cached_set_blob(hit, 0, y.b.data, y.b.len, &len);
	}
	/* Compressed once for all who accept it: a county's 200 KB of JSON
	 * is some 12 KB gzipped. */
	int gz = gzip_accepted(req_header(r, "Accept-Encoding"));
	if (gz) {
		size_t zlen;
		const char *z = eval_cached_blob(hit, 1, &zlen);
		if (z == NULL) {
			char *made;
			if (gzip_compress(text, len, &made, &zlen) == 0)
				z = eval_cached_set_blob(hit, 1, made, zlen, &zlen);
		}
		if (z != NULL) {
			text = z;
			len = zlen;
		} else {
			gz = 0;
		}
	}
	/* A large body from an in-memory file by sendfile: the kernel sends
	 * the entry's pages as they are (copying 200 KB per answer was a
	 * third of the CPU). A small one goes with the headers at once. */
	int fd = len >= SENDFILE_MIN ? eval_cached_blob_fd(hit, gz) : -1;
	if (fd >= 0 && resp_json_fd(r, 200, fd, len) == 0)
		eval_cache_release(hit);
	else
		resp_json_shared(r, 200, text, len, release_entry, hit);
	resp_header(r, "Vary", "Accept-Encoding");
	if (gz)
		resp_header(r, "Content-Encoding", "gzip");
	return 1;
}

void
api_evaluation(struct request *r)
{
	int year;
	struct dom d;
	const char *region = req_query(r, "region");
	req_dom(r, &d);
	/* The scope check and the cache's version in one read transaction,
	 * the one the router's lookup of the caller opened (ACCESS_READ) or
	 * else one of its own; a miss evaluates after it. */
	store_begin_read(r->store);
	int done = year_of(r, &year) || api_refused(r, &d, evaluation_scope(&d,
	    &region)) || cached_body(r, year, region);
	store_end_read(r->store);
	if (done)
		return;
	struct body y = { .n = 0 };
	char *head = NULL, err[512];
	buf_init(&y.b, EVAL_BODY_MAX);
	/* A closed scope answers with the head it was closed under. */
	int rc = closure_head(r->store, year, region, &head, err, sizeof err) ||
	    (head != NULL ? buf_puts(&y.b, head) : report_json_head(&y.b,
	    r->catalog, eval_period_of(r->catalog, year)));
	int covered = head != NULL;
	free(head);
	if (rc) {
		buf_free(&y.b);
		resp_problem(r, 500, "内部错误", NULL, NULL);
		return;
	}
	if (api_refused(r, &d, evaluation_run(&d, year, region, body_result,
	    body_text, &y))) {
		buf_free(&y.b);
		return;
	}
	if (buf_puts(&y.b, report_json_end(y.n, covered || (y.n > 0 &&
	    y.nclosed == y.n)))) {
		buf_free(&y.b);
		resp_problem(r, 500, "内部错误", "the evaluation is too large to "
		    "send", NULL);
		return;
	}
	resp_json_buf(r, 200, &y.b);
	resp_header(r, "Vary", "Accept-Encoding");
}

static int
cov_row(void *ctx, const struct store_tenure *t)
{
	enum role role;
	enum coverage cv;
	/* The store chose only bound organs (store_list_coverage). */
	if (!coverage_of(t->organ_kind, t->region_level, &role, &cv))
		return 0;
	char start[11];
	date_format(t->start, start);
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:s}", "person", t->person_id, "person_name",
	    t->person_name, "organ", t->organ_id, "organ_name", t->organ_name,
	    "region", t->region_code, "region_name", t->region_name, "role",
	    catalog_role_name(role), "coverage", coverage_name(cv), "start",
	    start));
	return 0;
}

/* Who is bound on ?date: a bare array, as it always was, a page of it
 * read in the store, its paging in the headers (api_page_headers). */
void
api_coverage(struct request *r)
{
	date_t date;
	const char *region = req_query(r, "region"), *given = region;
	if (api_query_date(r, &date))
		return;
	struct dom dm;
	req_dom(r, &dm);
	if (region != NULL && api_refused(r, &dm, evaluation_region_ok(&dm,
	    region)))
		return;
	if (region == NULL)
		region = evaluation_default_region(&dm);
	if (region == NULL && r->user.role != ACCT_ADMIN) {
		resp_problem(r, 403, "账号没有权限范围", NULL, NULL);
		return;
	}
	const struct principal *p = &r->user;
	char path[512] = "/", day[11];
	int page, per_page;
	api_paging(r, &page, &per_page);
	struct store_coverage_filter f = { .path = path, .day = date,
		.organ = p->role == ACCT_CLERK ? p->organ : NULL,
		.person = p->role == ACCT_LEADER ? p->person : NULL,
		.page = { .offset = (page - 1) * per_page, .limit = per_page } };
	json_t *items = json_array();
	long total = 0;
	int rc = region != NULL ? store_region_path(r->store, region, path,
	    sizeof path) : 1;
	if (rc < 0 || (rc > 0 && ((total = store_count_coverage(r->store, &f,
	    LONG_MAX - 1)) < 0 || store_list_coverage(r->store, &f, cov_row,
	    items) < 0))) {
		json_decref(items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	/* The other parameters as the caller gave them: a known region's
	 * code and a date, both URL-safe. */
	date_format(date, day);
	const char *q = req_query(r, "date") != NULL ? (given != NULL ?
	    arena_printf(r->arena, "date=%s&region=%s", day, given) :
	    arena_printf(r->arena, "date=%s", day)) : given != NULL ?
	    arena_printf(r->arena, "region=%s", given) : "";
	resp_json(r, 200, items);
	api_page_headers(r, "/api/v1/coverage", q, page, per_page, total);
}

struct scores {
	const struct catalog *c;
	json_t *items;
};

static int
score_item(void *ctx, const struct store_evalscore *v)
{
	struct scores *l = ctx;
	int i = catalog_rule_find(l->c, v->rule);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "person", v->person,
	    "person_name", v->person_name, "organ", v->organ, "duty", v->rule,
	    "title", i >= 0 ? l->c->rules[i].title : v->rule);
	json_object_set_new(o, "score", v->scored ? json_real(v->score) :
	    json_null());
	if (v->scored) {
		json_object_set_new(o, "by", json_string(v->by));
		if (v->comment)
			json_object_set_new(o, "comment", json_string(v->comment));
	}
	json_array_append_new(l->items, o);
	return 0;
}

/* Every qualitative duty of every result the caller sees, with its score
 * or null: a page of the year's evaluation set, read in the store. */
void
api_scores_list(struct request *r)
{
	int year, page, per_page;
	if (year_of(r, &year))
		return;
	api_paging(r, &page, &per_page);
	struct buf rules;
	buf_init(&rules, 1u << 16);
	buf_putc(&rules, ',');
	for (size_t i = 0; i < r->catalog->nrules; i++)
		if (r->catalog->rules[i].measure == MEASURE_QUALITATIVE)
			buf_printf(&rules, "%s,", r->catalog->rules[i].id);
	struct dom d;
	struct evaluation_set es;
	struct scores l = { r->catalog, json_array() };
	long total = 0;
	req_dom(r, &d);
	int refused = api_refused(r, &d, evaluation_set_open(&d, year,
	    req_query(r, "region"), &es) || evaluation_set_scores(&d, &es,
	    rules.data, (long)(page - 1) * per_page, per_page, &total,
	    score_item, &l));
	buf_free(&rules);
	if (refused) {
		json_decref(l.items);
		return;
	}
	resp_json(r, 200, json_pack("{s:i, s:o, s:i, s:i, s:I}", "year", year,
	    "items", l.items, "page", page, "per_page", per_page, "total",
	    (json_int_t)total));
}

int
api_score_write(struct request *r, json_t *obj)
{
	struct dom d;
	req_dom(r, &d);
	if (score_write(&d, obj) == 0)
		return 0;
	resp_fault(r, &d.fault);
	fault_clear(&d.fault);
	return -1;
}

void
api_score_put(struct request *r)
{
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_score_write(r, obj) == 0) {
		json_object_del(obj, "type");
		resp_json(r, 200, obj);
		return;
	}
	json_decref(obj);
}
