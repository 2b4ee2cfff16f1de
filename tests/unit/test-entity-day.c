/*
 * Unit tests of what base/entity gained for the cases: ATTR_DAY (a
 * date_t member: JSON "YYYY-MM-DD" or null, input checked as a calendar
 * day) and entity_copy (a row's texts moved into an arena, NULLs kept).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/date.h"
#include "base/entity.h"

struct thing {
	const char *name, *note;
	date_t on;
	int n;
};

static const struct attr attrs[] = {
	{ "name", "name", "名称", ATTR_TEXT, ATTR_IN, 0, 0, NULL,
	  offsetof(struct thing, name) },
	{ "note", "note", "说明", ATTR_TEXT, ATTR_IN, 0, 0, NULL,
	  offsetof(struct thing, note) },
	{ "on", "on", "日期", ATTR_DAY, ATTR_IN, 0, 0, NULL,
	  offsetof(struct thing, on) },
	{ "n", "n", "数量", ATTR_INT, ATTR_ZERO, 0, 0, NULL,
	  offsetof(struct thing, n) },
};
static const struct entity thing = ENTITY("thing", attrs);

static void
test_day_json(void **state)
{
	struct thing t = { "a", NULL, DATE_NONE, 0 };
	(void)state;
	json_t *o = entity_json(&thing, &t);
	assert_true(json_is_null(json_object_get(o, "on")));
	json_decref(o);
	assert_int_equal(date_parse("2024-02-29", &t.on), 0);
	o = entity_json(&thing, &t);
	assert_string_equal(json_string_value(json_object_get(o, "on")),
	    "2024-02-29");
	json_decref(o);
}

static void
test_day_input(void **state)
{
	struct arena *a = arena_create();
	struct fault f = { 0 };
	struct thing t = { NULL, NULL, DATE_NONE, 0 };
	date_t want;
	(void)state;
	json_t *in = json_pack("{s:s}", "on", "2025-03-01");
	assert_int_equal(entity_from_json(&thing, in, &t, a, &f), 0);
	assert_int_equal(date_parse("2025-03-01", &want), 0);
	assert_int_equal(t.on, want);
	json_decref(in);
	in = json_pack("{s:s}", "on", "2025-02-29");
	assert_int_equal(entity_from_json(&thing, in, &t, a, &f), -1);
	assert_int_equal(f.status, 400);
	assert_string_equal(f.field, "on");
	json_decref(in);
	fault_clear(&f);
	arena_free(a);
}

static void
test_copy(void **state)
{
	struct arena *a = arena_create();
	char row[] = "row text";
	struct thing t = { row, NULL, DATE_NONE, 7 };
	(void)state;
	entity_copy(&thing, &t, a);
	assert_ptr_not_equal(t.name, row);
	memset(row, 'x', sizeof row - 1); /* the row is gone */
	assert_string_equal(t.name, "row text");
	assert_null(t.note);
	assert_int_equal(t.n, 7);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_json),
		cmocka_unit_test(test_day_input),
		cmocka_unit_test(test_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
