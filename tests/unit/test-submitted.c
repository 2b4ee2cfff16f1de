/*
 * Unit tests of the records awaiting verification in an office's subtree
 * (store-messages.c: store_count_submitted, store_each_submitted), the
 * 待办 of an office: the two plans (from the subtree's organs and sorted,
 * or from each organ's newest, for a subtree with many) give the same
 * newest records in the same order as a plain query over everything,
 * including where the subtree's records come last in key order on the
 * newest day (as a national import leaves them), where fewer organs than
 * the page have any, and where none have. On SQLite, and on PostgreSQL
 * with LVZHI_TEST_PG.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "import/import.h"
#include "store/store-messages.h"

#define SHIPPED "rules/guizhou-2020.md"
#define ORGANS 12  /* a prefecture's */

static struct catalog *cat;
static char dir[64], path[512];
static struct store *s;

/* What was imported, in line (and so key) order. */
#define RECORDS 8000
static struct rec {
	char id[12], date[11], city[8];
	int submitted;
} recs[RECORDS];
static int nrecs;

/* A small deterministic generator: the same file every run. */
static unsigned long seed = 12345;
static unsigned
next(unsigned n)
{
	seed = seed * 1103515245UL + 12345UL;
	return (unsigned)((seed >> 16) % n);
}

static void line(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
line(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	assert_int_equal(buf_vprintf(b, fmt, ap), 0);
	va_end(ap);
	assert_int_equal(buf_putc(b, '\n'), 0);
}

static void
region(struct buf *b, const char *code, const char *name, const char *level,
    const char *parent)
{
	if (parent == NULL)
		line(b, "{\"type\":\"region\",\"code\":\"%s\",\"name\":\"%s\","
		    "\"level\":\"%s\",\"parent\":null}", code, name, level);
	else
		line(b, "{\"type\":\"region\",\"code\":\"%s\",\"name\":\"%s\","
		    "\"level\":\"%s\",\"parent\":\"%s\"}", code, name, level,
		    parent);
}

/* n records of region code's organs (of the first `organs`), with
 * numbers from *k: a third verified, the rest awaiting; organ o's dates
 * up to its own last day (365 - 20 o: each organ's newest differs),
 * some on that day. */
static void
records(struct buf *b, const char *code, int organs, int n, int *k)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	for (int i = 0; i < n; i++) {
		unsigned o = next((unsigned)organs);
		int last = 365 - 20 * (int)o;
		int d = next(20) == 0 ? last : 1 + (int)next((unsigned)last);
		int m = 1;
		while (d > len[m - 1]) {
			d -= len[m - 1];
			m++;
		}
		assert_true(nrecs < RECORDS);
		struct rec *r = &recs[nrecs++];
		snprintf(r->id, sizeof r->id, "r-%06d", (*k)++);
		snprintf(r->date, sizeof r->date, "2025-%02d-%02d", m, d);
		snprintf(r->city, sizeof r->city, "%s", code);
		r->submitted = next(3) != 0;
		line(b, "{\"type\":\"record\",\"id\":\"%s\",\"kind\":"
		    "\"law_publicity\",\"organ\":\"%s-d%02u\",\"date\":"
		    "\"%s\",\"title\":\"普法 %d\",\"status\":\"%s\"}",
		    r->id, code, o, r->date, i,
		    r->submitted ? "submitted" : "verified");
	}
}

static int
group_setup(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d, stderr);
	if ((cat = catalog_load(SHIPPED, &d)) == NULL)
		return -1;
	snprintf(dir, sizeof dir, "/tmp/lvzhi-test-submitted-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	/* On PostgreSQL in make check LVZHI_TEST_DB=pg: a database of its
	 * own in the throwaway cluster. */
	const char *pg = getenv("LVZHI_TEST_PG");
	if (pg != NULL && *pg != '\0')
		snprintf(path, sizeof path, "postgresql:///submitted%ld?%s",
		    (long)getpid(), pg);
	else
		snprintf(path, sizeof path, "%s/t.db", dir);
	char err[512];
	if ((s = store_open(path, 1, err, sizeof err)) == NULL) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	/* 贵阳市 with many awaiting, imported first (lower keys); 遵义市
	 * with many, after it; 六盘水市 with awaiting records in two organs
	 * only (fewer than a page's worth of organs); 安顺市 with none. */
	struct buf b;
	buf_init(&b, 8u << 20);
	region(&b, "520000", "贵州省", "province", NULL);
	static const struct {
		const char *code, *name;
		int organs, n;
	} cities[] = {
		{ "520100", "贵阳市", ORGANS, 3300 },
		{ "520300", "遵义市", ORGANS, 3600 },
		{ "520200", "六盘水市", 2, 40 },
		{ "520400", "安顺市", ORGANS, 0 },
	};
	for (size_t i = 0; i < sizeof cities / sizeof *cities; i++) {
		region(&b, cities[i].code, cities[i].name, "prefecture",
		    "520000");
		for (int o = 0; o < ORGANS; o++)
			line(&b, "{\"type\":\"organ\",\"id\":\"%s-d%02d\","
			    "\"region\":\"%s\",\"kind\":\"department\",\"name\":"
			    "\"%s第%d局\"}", cities[i].code, o, cities[i].code,
			    cities[i].name, o + 1);
	}
	int k = 1;
	for (size_t i = 0; i < sizeof cities / sizeof *cities; i++)
		records(&b, cities[i].code, cities[i].organs, cities[i].n, &k);
	FILE *in = fmemopen(b.data, b.len, "r");
	struct import_stats st;
	enum import_result rc = import_stream(s, cat, in, "t.jsonl", "tester",
	    &d, &st);
	fclose(in);
	buf_free(&b);
	return rc == IMPORT_OK ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	store_close(s);
	catalog_free(cat);
	static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm",
		"t.db.audit-head" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char p[160];
		snprintf(p, sizeof p, "%s/%s", dir, files[i]);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

/* The ids one plan gives, a line each. */
static int
collect(void *ctx, const struct store_ledger_row *r)
{
	struct buf *b = ctx;
	return buf_printf(b, "%s %s\n", r->id, r->date) ? -1 : 0;
}

static char *
listed(const char *at, long many, int limit)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	assert_int_equal(store_each_submitted(s, at, many, limit, collect, &b),
	    0);
	assert_int_equal(buf_putc(&b, '\0'), 0);
	return b.data;
}

/* The same from what was imported: newest first, the later line first
 * on a day. */
static int
newest(const void *a, const void *b)
{
	const struct rec *x = *(const struct rec *const *)a;
	const struct rec *y = *(const struct rec *const *)b;
	int c = strcmp(y->date, x->date);
	return c != 0 ? c : x < y ? 1 : -1;
}

static char *
truth(const char *at, int limit, long *count)
{
	static const struct rec *v[RECORDS];
	struct buf b;
	buf_init(&b, 1u << 20);
	*count = 0;
	for (int i = 0; i < nrecs; i++) {
		char p[32];
		if (!recs[i].submitted)
			continue;
		snprintf(p, sizeof p, "/520000/%s/", recs[i].city);
		if (strncmp(p, at, strlen(at)) == 0)
			v[(*count)++] = &recs[i];
	}
	qsort(v, (size_t)*count, sizeof *v, newest);
	for (long i = 0; i < *count && i < limit; i++)
		assert_int_equal(buf_printf(&b, "%s %s\n", v[i]->id,
		    v[i]->date), 0);
	assert_int_equal(buf_putc(&b, '\0'), 0);
	return b.data;
}

static void
check(const char *at, long want_many)
{
	static const int limits[] = { 1, 5, 40 };
	for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
		long count;
		char *want = truth(at, limits[i], &count);
		assert_int_equal(store_count_submitted(s, at), count);
		if (want_many >= 0)
			assert_true(want_many ? count >= SUBMITTED_MANY :
			    count < SUBMITTED_MANY);
		char *few = listed(at, 0, limits[i]);
		char *many = listed(at, SUBMITTED_MANY, limits[i]);
		if (strcmp(few, want) != 0 || strcmp(many, want) != 0)
			fail_msg("%s limit %d:\nwant\n%s\nfew\n%s\nmany\n%s", at,
			    limits[i], want, few, many);
		free(want);
		free(few);
		free(many);
	}
}

static void
test_many_first_in_key_order(void **state)
{
	(void)state;
	check("/520000/520100/", 1);
}

static void
test_many_last_in_key_order(void **state)
{
	(void)state;
	check("/520000/520300/", 1);
}

static void
test_fewer_organs_than_the_page(void **state)
{
	(void)state;
	check("/520000/520200/", 0);
}

static void
test_none(void **state)
{
	(void)state;
	long count;
	char *want = truth("/520000/520400/", 5, &count);
	assert_int_equal(count, 0);
	free(want);
	check("/520000/520400/", 0);
}

static void
test_province(void **state)
{
	(void)state;
	check("/520000/", 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_first_in_key_order),
		cmocka_unit_test(test_many_last_in_key_order),
		cmocka_unit_test(test_fewer_organs_than_the_page),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_province),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
