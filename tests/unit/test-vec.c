/*
 * Unit tests of base/vec: growth by doubling from the first size, nothing
 * done while there is room, and a refusal past SIZE_MAX that leaves the
 * array as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "base/vec.h"

struct item {
	int a, b;
};

static void
test_grows_by_doubling(void **state)
{
	(void)state;
	struct item *v = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 100; i++) {
		assert_int_equal(vec_reserve(&v, n, &cap, sizeof *v, 4), 0);
		assert_true(n < cap);
		v[n++] = (struct item){ i, -i };
	}
	assert_int_equal(cap, 128); /* 4, 8, ..., 128 */
	for (int i = 0; i < 100; i++)
		assert_int_equal(v[i].a + v[i].b, 0);
	/* With room left, nothing moves. */
	struct item *before = v;
	assert_int_equal(vec_reserve(&v, n, &cap, sizeof *v, 4), 0);
	assert_ptr_equal(v, before);
	assert_int_equal(cap, 128);
	free(v);
}

static void
test_refuses_past_size_max(void **state)
{
	(void)state;
	char *v = malloc(4);
	assert_non_null(v);
	size_t cap = SIZE_MAX / 2 + 1;
	assert_int_equal(vec_reserve(&v, cap, &cap, 1, 4), -1);
	assert_int_equal(cap, SIZE_MAX / 2 + 1);
	size_t small = 4;
	assert_int_equal(vec_reserve(&v, 4, &small, SIZE_MAX / 4, 4), -1);
	assert_int_equal(small, 4);
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grows_by_doubling),
		cmocka_unit_test(test_refuses_past_size_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
