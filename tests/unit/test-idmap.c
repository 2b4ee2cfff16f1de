/*
 * Unit tests of base/idmap: put, get, replace, count, keys copied into the
 * map, growth far past the initial table, and keys longer than one of its
 * key chunks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/idmap.h"

static void
test_put_get_replace(void **state)
{
	(void)state;
	struct idmap *m = idmap_create();
	assert_non_null(m);
	int64_t v = 42;
	assert_int_equal(idmap_get(m, "a", &v), 0);
	assert_int_equal(v, 42); /* untouched when absent */
	assert_int_equal(idmap_count(m), 0);
	assert_int_equal(idmap_put(m, "a", 1), 0);
	assert_int_equal(idmap_put(m, "b", -7), 0);
	assert_int_equal(idmap_put(m, "", 0), 0);
	assert_int_equal(idmap_count(m), 3);
	assert_int_equal(idmap_get(m, "a", &v), 1);
	assert_int_equal(v, 1);
	assert_int_equal(idmap_get(m, "b", &v), 1);
	assert_int_equal(v, -7);
	assert_int_equal(idmap_get(m, "", &v), 1);
	assert_int_equal(v, 0);
	assert_int_equal(idmap_get(m, "ab", NULL), 0);
	/* Replacing keeps the count. */
	assert_int_equal(idmap_put(m, "a", INT64_MAX), 0);
	assert_int_equal(idmap_count(m), 3);
	assert_int_equal(idmap_get(m, "a", &v), 1);
	assert_int_equal(v, INT64_MAX);
	/* A present key may be asked without a value pointer. */
	assert_int_equal(idmap_get(m, "b", NULL), 1);
	idmap_free(m);
	idmap_free(NULL);
}

static void
test_keys_are_copied(void **state)
{
	(void)state;
	struct idmap *m = idmap_create();
	char key[16] = "520100-gov";
	assert_int_equal(idmap_put(m, key, 5), 0);
	strcpy(key, "520100-xxx");
	int64_t v;
	assert_int_equal(idmap_get(m, "520100-gov", &v), 1);
	assert_int_equal(v, 5);
	assert_int_equal(idmap_get(m, "520100-xxx", &v), 0);
	idmap_free(m);
}

static void
test_growth(void **state)
{
	(void)state;
	struct idmap *m = idmap_create();
	enum { N = 100000 };
	char key[32];
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof key, "p-%07d", i);
		assert_int_equal(idmap_put(m, key, (int64_t)i * 3), 0);
	}
	assert_int_equal(idmap_count(m), N);
	for (int i = 0; i < N; i++) {
		int64_t v = -1;
		snprintf(key, sizeof key, "p-%07d", i);
		if (!idmap_get(m, key, &v) || v != (int64_t)i * 3)
			fail_msg("key %s: found %lld", key, (long long)v);
	}
	assert_int_equal(idmap_get(m, "p-0100000", NULL), 0);
	assert_int_equal(idmap_get(m, "p-", NULL), 0);
	idmap_free(m);
}

static void
test_long_keys(void **state)
{
	(void)state;
	struct idmap *m = idmap_create();
	/* Longer than a 64 KiB key chunk, between short ones. */
	size_t n = 70000;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, 'k', n);
	big[n] = '\0';
	assert_int_equal(idmap_put(m, "short", 1), 0);
	assert_int_equal(idmap_put(m, big, 2), 0);
	assert_int_equal(idmap_put(m, "after", 3), 0);
	int64_t v;
	assert_int_equal(idmap_get(m, big, &v), 1);
	assert_int_equal(v, 2);
	big[n - 1] = 'x';
	assert_int_equal(idmap_get(m, big, NULL), 0);
	assert_int_equal(idmap_get(m, "short", &v), 1);
	assert_int_equal(v, 1);
	assert_int_equal(idmap_get(m, "after", &v), 1);
	assert_int_equal(v, 3);
	free(big);
	idmap_free(m);
}

/* An idset says "new" once per id, through its growth; "seen" after. */
static void
test_idset(void **state)
{
	(void)state;
	struct idset *set = idset_create();
	assert_non_null(set);
	char key[32];
	long again = 0;
	for (int i = 0; i < 50000; i++) {
		snprintf(key, sizeof key, "x%d", i);
		assert_int_equal(idset_add(set, key), 1);
		if (i % 7 == 0) {
			snprintf(key, sizeof key, "x%d", i / 2);
			again += idset_add(set, key) == 0;
		}
	}
	assert_int_equal(again, (50000 + 6) / 7);
	for (int i = 0; i < 50000; i += 997) {
		snprintf(key, sizeof key, "x%d", i);
		assert_int_equal(idset_add(set, key), 0);
	}
	assert_int_equal(idset_add(set, ""), 1);
	assert_int_equal(idset_add(set, ""), 0);
	idset_free(set);
	idset_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_replace),
		cmocka_unit_test(test_keys_are_copied),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_long_keys),
		cmocka_unit_test(test_idset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
