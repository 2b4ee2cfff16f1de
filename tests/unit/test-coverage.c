/*
 * Unit tests of engine/coverage: who is bound (第二条, 第十条) for every
 * organ kind at every region level, and the names the output uses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "engine/coverage.h"

static void
test_every_kind_and_level(void **state)
{
	(void)state;
	static const struct {
		const char *kind, *level;
		int covered;
		enum role role;
		enum coverage coverage;
	} cases[] = {
		{ "party_committee", "province", 1, ROLE_PARTY, COVERAGE_DIRECT },
		{ "party_committee", "prefecture", 1, ROLE_PARTY,
		  COVERAGE_DIRECT },
		{ "party_committee", "county", 1, ROLE_PARTY, COVERAGE_DIRECT },
		{ "party_committee", "township", 1, ROLE_PARTY,
		  COVERAGE_REFERENCE },
		{ "government", "province", 1, ROLE_GOVERNMENT,
		  COVERAGE_DIRECT },
		{ "government", "prefecture", 1, ROLE_GOVERNMENT,
		  COVERAGE_DIRECT },
		{ "government", "county", 1, ROLE_GOVERNMENT, COVERAGE_DIRECT },
		{ "government", "township", 1, ROLE_GOVERNMENT,
		  COVERAGE_REFERENCE },
		{ "department", "province", 1, ROLE_DEPARTMENT,
		  COVERAGE_REFERENCE },
		{ "department", "prefecture", 1, ROLE_DEPARTMENT,
		  COVERAGE_REFERENCE },
		{ "department", "county", 1, ROLE_DEPARTMENT,
		  COVERAGE_REFERENCE },
		{ "department", "township", 0, 0, 0 },
		{ "court", "county", 0, 0, 0 },
		{ "", "county", 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum role role = (enum role)99;
		enum coverage cov = (enum coverage)99;
		int got = coverage_of(cases[i].kind, cases[i].level, &role,
		    &cov);
		if (got != cases[i].covered)
			fail_msg("%s at %s: covered %d, want %d", cases[i].kind,
			    cases[i].level, got, cases[i].covered);
		if (got && (role != cases[i].role ||
		    cov != cases[i].coverage))
			fail_msg("%s at %s: role %d coverage %d, want %d %d",
			    cases[i].kind, cases[i].level, role, cov,
			    cases[i].role, cases[i].coverage);
	}
}

static void
test_names(void **state)
{
	(void)state;
	enum role role;
	enum coverage cov;
	assert_int_equal(coverage_of("department", "county", &role, &cov), 1);
	assert_string_equal(catalog_role_name(role), "department_principal");
	assert_string_equal(coverage_name(cov), "reference");
	assert_string_equal(coverage_label(cov), "参照执行");
	assert_int_equal(coverage_of("party_committee", "township", &role,
	    &cov), 1);
	assert_string_equal(catalog_role_name(role), "party_principal");
	assert_string_equal(coverage_name(cov), "reference");
	assert_int_equal(coverage_of("government", "county", &role, &cov), 1);
	assert_string_equal(catalog_role_name(role), "government_principal");
	assert_string_equal(catalog_role_label(role), "政府主要负责人");
	assert_string_equal(coverage_name(cov), "direct");
	assert_string_equal(coverage_label(cov), "直接适用");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_and_level),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
