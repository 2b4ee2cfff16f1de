/*
 * Unit tests of engine/eval-cache: a filled entry is found again for the
 * same question and version, and not for another region, year, catalog
 * or version (number and hash); a newer version drops the older entry;
 * results are deep copies (the caller's memory may go) with their texts;
 * an incomplete or oversized fill is not kept; an entry in use outlives
 * its eviction; the kept bodies (blobs) are set once, and read back the
 * same from their files.
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

#include "engine/eval-cache.h"

static struct catalog cat_a, cat_b;

static int
text_of(struct buf *b, const struct eval_result *r)
{
	return buf_printf(b, "{\"person\":\"%s\",\"n\":%zu}", r->person,
	    r->nduties);
}

/* Fills an entry for k with n results whose strings live on the stack. */
static void
fill(const struct eval_cache_key *k, int n, int complete)
{
	struct eval_cache_fill *f = eval_cache_fill_start(k, text_of);
	assert_non_null(f);
	for (int i = 0; i < n; i++) {
		char person[32], explanation[64];
		const char *ev[] = { "r-1", "r-2" };
		snprintf(person, sizeof person, "p-%d", i);
		snprintf(explanation, sizeof explanation, "说明 %d", i);
		struct eval_duty d = { .verdict = VERDICT_MET,
			.evidence = ev, .nevidence = 2,
			.explanation = explanation };
		struct eval_result r = { .person = person, .person_name = "甲",
			.organ = "o", .organ_name = "机构", .region = "520102",
			.region_name = "南明区", .duties = &d, .nduties = 1 };
		eval_cache_fill_add(f, &r);
		/* The caller's strings change at once: the entry has copies. */
		memset(person, 'x', sizeof person - 1);
		memset(explanation, 'y', sizeof explanation - 1);
	}
	eval_cache_fill_end(f, complete);
}

static int
setup(void **state)
{
	(void)state;
	strcpy(cat_a.digest, "aaaa");
	strcpy(cat_b.digest, "bbbb");
	eval_cache_clear();
	return 0;
}

static void
test_hit_and_miss(void **state)
{
	(void)state;
	struct eval_cache_key k = { &cat_a, 2025, "520102", 7, "t" };
	assert_null(eval_cache_get(&k));
	fill(&k, 3, 1);
	struct eval_cached *e = eval_cache_get(&k);
	assert_non_null(e);
	assert_int_equal(eval_cached_count(e), 3);
	const struct eval_result *r = eval_cached_result(e, 2);
	assert_string_equal(r->person, "p-2");
	assert_string_equal(r->region_name, "南明区");
	assert_string_equal(r->duties[0].explanation, "说明 2");
	assert_string_equal(r->duties[0].evidence[1], "r-2");
	size_t len;
	const char *t = eval_cached_text(e, 1, &len);
	assert_string_equal(t, "{\"person\":\"p-1\",\"n\":1}");
	assert_int_equal(len, strlen(t));
	eval_cache_release(e);

	struct eval_cache_key other[] = {
		{ &cat_a, 2025, "520103", 7, "t" },
		{ &cat_a, 2025, NULL, 7, "t" },
		{ &cat_a, 2024, "520102", 7, "t" },
		{ &cat_b, 2025, "520102", 7, "t" },
		{ &cat_a, 2025, "520102", 6, "t" },
	};
	for (size_t i = 0; i < sizeof other / sizeof *other; i++)
		assert_null(eval_cache_get(&other[i]));
	/* An older version never replaced the entry. */
	e = eval_cache_get(&k);
	assert_non_null(e);
	eval_cache_release(e);
}

static void
test_newer_version_drops_older(void **state)
{
	(void)state;
	struct eval_cache_key k = { &cat_a, 2025, "520102", 7, "t" };
	fill(&k, 2, 1);
	struct eval_cached *held = eval_cache_get(&k);
	assert_non_null(held);
	struct eval_cache_key k8 = { &cat_a, 2025, "520102", 8, "t" };
	assert_null(eval_cache_get(&k8)); /* and 7 is gone */
	assert_null(eval_cache_get(&k));
	/* Still valid for whoever holds it. */
	assert_string_equal(eval_cached_result(held, 1)->person, "p-1");
	eval_cache_release(held);
	fill(&k8, 1, 1);
	struct eval_cached *e = eval_cache_get(&k8);
	assert_non_null(e);
	assert_int_equal(eval_cached_count(e), 1);
	eval_cache_release(e);
	/* The same number with another hash is another database (a backup
	 * put back): not a hit, and the entry goes. */
	struct eval_cache_key other = { &cat_a, 2025, "520102", 8, "ffff" };
	assert_null(eval_cache_get(&other));
	assert_null(eval_cache_get(&k8));
	fill(&k8, 1, 1);
	/* A late fill of an older version does not displace the newer. */
	fill(&k, 5, 1);
	assert_null(eval_cache_get(&k));
	e = eval_cache_get(&k8);
	assert_non_null(e);
	assert_int_equal(eval_cached_count(e), 1);
	eval_cache_release(e);
}

static void
test_incomplete_and_oversized_not_kept(void **state)
{
	(void)state;
	struct eval_cache_key k = { &cat_a, 2025, "520000", 1, "t" };
	fill(&k, 4, 0);
	assert_null(eval_cache_get(&k));
	/* Past EVAL_CACHE_ENTRY_MAX: each result is some hundred bytes. */
	fill(&k, (int)(EVAL_CACHE_ENTRY_MAX / 100), 1);
	assert_null(eval_cache_get(&k));
	struct eval_cache_fill *f = eval_cache_fill_start(&k, text_of);
	eval_cache_fill_end(f, 1); /* an empty evaluation is kept */
	struct eval_cached *e = eval_cache_get(&k);
	assert_non_null(e);
	assert_int_equal(eval_cached_count(e), 0);
	eval_cache_release(e);
	eval_cache_fill_end(NULL, 1);
	eval_cache_release(NULL);
}

static void
test_bounded(void **state)
{
	(void)state;
	/* Fill far more than EVAL_CACHE_MAX: the oldest leave, the newest
	 * stays, and an entry held across its eviction stays readable. */
	struct eval_cache_key first = { &cat_a, 2025, "r0", 1, "t" };
	fill(&first, 2000, 1);
	struct eval_cached *held = eval_cache_get(&first);
	assert_non_null(held);
	char region[16];
	struct eval_cache_key k = { &cat_a, 2025, region, 1, "t" };
	for (int i = 1; i < 60; i++) {
		snprintf(region, sizeof region, "r%d", i);
		fill(&k, 2000, 1);
	}
	assert_null(eval_cache_get(&first));
	assert_string_equal(eval_cached_result(held, 1999)->person, "p-1999");
	eval_cache_release(held);
	snprintf(region, sizeof region, "r%d", 59);
	struct eval_cached *e = eval_cache_get(&k);
	assert_non_null(e);
	eval_cache_release(e);
}

static void
test_blobs(void **state)
{
	(void)state;
	struct eval_cache_key k = { &cat_a, 2025, "520102", 3, "t" };
	fill(&k, 1, 1);
	struct eval_cached *e = eval_cache_get(&k);
	size_t len;
	assert_null(eval_cached_blob(e, 0, &len));
	const char *b = eval_cached_set_blob(e, 0, strdup("body"), 4, &len);
	assert_string_equal(b, "body");
	assert_int_equal(len, 4);
	/* The first one stays; a second is freed. */
	b = eval_cached_set_blob(e, 0, strdup("other"), 5, &len);
	assert_string_equal(b, "body");
	assert_int_equal(len, 4);
	assert_null(eval_cached_blob(e, 1, &len));
	/* The same bytes in a file for sendfile, made once. */
	int fd = eval_cached_blob_fd(e, 0);
	assert_true(fd >= 0);
	assert_int_equal(eval_cached_blob_fd(e, 0), fd);
	char back[8];
	assert_int_equal(pread(fd, back, sizeof back, 0), 4);
	assert_memory_equal(back, "body", 4);
	assert_int_equal(eval_cached_blob_fd(e, 1), -1);
	eval_cache_release(e);
	e = eval_cache_get(&k);
	assert_string_equal(eval_cached_blob(e, 0, &len), "body");
	eval_cache_release(e);
	eval_cache_clear();
	assert_null(eval_cache_get(&k));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_hit_and_miss, setup),
		cmocka_unit_test_setup(test_newer_version_drops_older, setup),
		cmocka_unit_test_setup(test_incomplete_and_oversized_not_kept,
		    setup),
		cmocka_unit_test_setup(test_bounded, setup),
		cmocka_unit_test_setup(test_blobs, setup),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	eval_cache_clear();
	return rc;
}
