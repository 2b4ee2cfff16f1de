/*
 * Unit tests of a record as the API shows it (domain/record.h:
 * record_json over the entity table record_entity): the stored doc with
 * the fixed columns added, where ATTR_OMIT leaves out what the row does
 * not have (no person, never reviewed) instead of writing null, and
 * evidence_files (ATTR_ZERO) is written even at 0.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/record.h"

static void
test_unreviewed(void **state)
{
	(void)state;
	struct record rec = { .id = "r-1", .kind = "k", .organ = "o",
		.organ_name = "某机构", .region = "520000", .region_name = "贵州省",
		.date = "2020-05-01", .status = "submitted",
		.doc = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", "r-1", "kind",
		"k", "organ", "o", "date", "2020-05-01", "status", "submitted") };
	json_t *o = record_json(&rec);
	assert_string_equal(json_string_value(json_object_get(o, "organ_name")),
	    "某机构");
	assert_int_equal(json_integer_value(json_object_get(o,
	    "evidence_files")), 0);
	assert_true(json_is_integer(json_object_get(o, "evidence_files")));
	/* Absent, not null. */
	assert_null(json_object_get(o, "person_name"));
	assert_null(json_object_get(o, "reviewed_by"));
	assert_null(json_object_get(o, "reviewed_at"));
	assert_null(json_object_get(o, "updated_at"));
	assert_null(json_object_get(o, "entered_by"));
	/* The doc's fixed fields are not written again (no title: none). */
	assert_null(json_object_get(o, "title"));
	assert_null(json_object_get(o, "person"));
	json_decref(o);
	record_free(&rec);
}

static void
test_reviewed(void **state)
{
	(void)state;
	struct record rec = { .id = "r-2", .status = "rejected",
		.organ_name = "n", .region = "g", .region_name = "gn",
		.person = "p", .person_name = "张三", .reviewed_by = "office",
		.reviewed_at = "2020-05-02T01:02:03Z", .review_note = "缺材料",
		.evidence_files = 2, .entered_by = "clerk",
		.doc = json_pack("{s:s, s:s, s:s}", "id", "r-2", "person", "p",
		"status", "submitted") };
	json_t *o = record_json(&rec);
	/* The row's status wins over the doc's. */
	assert_string_equal(json_string_value(json_object_get(o, "status")),
	    "rejected");
	assert_string_equal(json_string_value(json_object_get(o,
	    "review_note")), "缺材料");
	assert_string_equal(json_string_value(json_object_get(o,
	    "person_name")), "张三");
	assert_int_equal(json_integer_value(json_object_get(o,
	    "evidence_files")), 2);
	assert_string_equal(json_string_value(json_object_get(o,
	    "entered_by")), "clerk");
	assert_null(json_object_get(o, "edited_by"));
	json_decref(o);
	record_free(&rec);
	/* Labels come from the same table. */
	assert_string_equal(record_label("organ"), "机构");
	assert_string_equal(record_label("person"), "相关人员");
	assert_null(record_label("no-such-field"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unreviewed),
		cmocka_unit_test(test_reviewed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
