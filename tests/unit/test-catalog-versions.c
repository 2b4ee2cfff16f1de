/*
 * Unit tests of catalog versions (rules/catalog.c): files whose ruleset
 * has the same id, given as several paths or as a directory of *.md, are
 * joined and sorted by effective date; a different id, or two versions
 * with the same `version` or the same `effective`, is refused with a
 * diagnostic naming both files. The version in force on a day, the end
 * of each version and the versions of a year follow.
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

#include "rules/catalog.h"

static char dir[64];

/* Writes a one-rule catalog to dir/name. */
static void
write_version(const char *name, const char *id, const char *version,
    const char *effective, int min)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "# 测试\n"
	    "```ruleset\nid: %s\nversion: %s\ntitle: 测试\neffective: %s\n"
	    "min-segment-days: 90 〔解释:本系统默认,由依法治省办确定〕\ngrade-excellent: 90 〔解释:本系统默认,由依法治省办确定〕\n"
	    "grade-pass: 75 〔解释:本系统默认,由依法治省办确定〕\ngrade-basic-pass: 60 〔解释:本系统默认,由依法治省办确定〕\n```\n"
	    "```kind\nid: hearing\nlabel: 听取汇报\n```\n"
	    "```rule\nid: hearings\ntitle: 听取\ncitation: 第五条\n"
	    "binds: party_principal\nmeasure: count hearing\nmin: %d 〔解释:本系统默认,由依法治省办确定〕\n"
	    "weight: 10 〔解释:本系统默认,由依法治省办确定〕\neffective: 2020-09-09\n```\n", id, version, effective,
	    min);
	fclose(f);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/lvzhi-versions-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static date_t
day(const char *s)
{
	date_t d;
	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* Loads the paths with diagnostics into *msgs (caller frees). */
static struct catalog *
load(const char *const *paths, size_t n, char **msgs, long *count)
{
	size_t len = 0;
	FILE *f = open_memstream(msgs, &len);
	struct diag d;
	diag_init(&d, f);
	struct catalog *c = catalog_load_paths(paths, n, &d);
	fclose(f);
	*count = d.count;
	return c;
}

static void
test_directory(void **state)
{
	(void)state;
	/* Named against their order in time: sorting is by effective. */
	write_version("a-later.md", "t", "2025.1", "2025-07-01", 5);
	write_version("b-first.md", "t", "2020.1", "2020-09-09", 2);
	const char *paths[] = { dir };
	char *msgs = NULL;
	long n;
	struct catalog *c = load(paths, 1, &msgs, &n);
	assert_non_null(c);
	assert_int_equal(n, 0);
	assert_int_equal(catalog_version_count(c), 2);
	/* The handle is the newest version. */
	assert_string_equal(c->version, "2025.1");
	assert_ptr_equal(catalog_version(c, 1), c);
	assert_string_equal(catalog_version(c, 0)->version, "2020.1");
	assert_int_equal(catalog_version(c, 0)->rules[0].min, 2);
	assert_int_equal(catalog_effective(c), day("2020-09-09"));
	/* Each in force until the day before the next one's. */
	assert_int_equal(catalog_version_end(c, 0), day("2025-06-30"));
	assert_int_equal(catalog_version_end(c, 1), DATE_NONE);
	assert_string_equal(catalog_version_at(c, day("2025-06-30"))->version,
	    "2020.1");
	assert_string_equal(catalog_version_at(c, day("2025-07-01"))->version,
	    "2025.1");
	/* The versions of a year. */
	const struct catalog *v[4];
	assert_int_equal(catalog_versions_of_year(c, 2019, v, 4), 0);
	assert_int_equal(catalog_versions_of_year(c, 2024, v, 4), 1);
	assert_string_equal(v[0]->version, "2020.1");
	assert_int_equal(catalog_versions_of_year(c, 2025, v, 4), 2);
	assert_string_equal(v[0]->version, "2020.1");
	assert_string_equal(v[1]->version, "2025.1");
	assert_int_equal(catalog_versions_of_year(c, 2026, v, 4), 1);
	assert_string_equal(v[0]->version, "2025.1");
	catalog_free(c);
	free(msgs);
}

static void
test_repeated_paths(void **state)
{
	(void)state;
	write_version("one.md", "t", "1", "2021-01-01", 2);
	write_version("two.md", "t", "2", "2022-03-01", 3);
	char p1[256], p2[256];
	snprintf(p1, sizeof p1, "%s/two.md", dir);
	snprintf(p2, sizeof p2, "%s/one.md", dir);
	const char *paths[] = { p1, p2 };
	char *msgs = NULL;
	long n;
	struct catalog *c = load(paths, 2, &msgs, &n);
	assert_non_null(c);
	assert_int_equal(catalog_version_count(c), 2);
	assert_string_equal(c->version, "2");
	assert_string_equal(catalog_version(c, 0)->file, p2);
	catalog_free(c);
	free(msgs);
	/* One file alone is a catalog of one version. */
	c = load(paths, 1, &msgs, &n);
	assert_non_null(c);
	assert_int_equal(catalog_version_count(c), 1);
	assert_ptr_equal(catalog_version_at(c, day("2021-01-01")), c);
	catalog_free(c);
	free(msgs);
}

static void
test_refused(const char *name2, const char *id2, const char *version2,
    const char *effective2, const char *head, const char *tail)
{
	write_version("x1.md", "t", "1", "2021-01-01", 2);
	write_version(name2, id2, version2, effective2, 3);
	char p1[256], p2[256], expect[1024];
	snprintf(p1, sizeof p1, "%s/x1.md", dir);
	snprintf(p2, sizeof p2, "%s/%s", dir, name2);
	const char *paths[] = { p1, p2 };
	char *msgs = NULL;
	long n;
	assert_null(load(paths, 2, &msgs, &n));
	assert_int_equal(n, 1);
	snprintf(expect, sizeof expect, "lvzhi: %s:2:1: %s%s%s\n", p2, head,
	    p1, tail);
	assert_string_equal(msgs, expect);
	free(msgs);
}

static void
test_other_id(void **state)
{
	(void)state;
	test_refused("x2.md", "u", "2", "2022-01-01",
	    "ruleset id 'u' differs from 't' of ", ": versions of one catalog "
	    "share their id");
}

static void
test_same_version(void **state)
{
	(void)state;
	test_refused("x3.md", "t", "1", "2022-01-01",
	    "version '1' is also that of ", "");
}

static void
test_same_effective(void **state)
{
	(void)state;
	test_refused("x4.md", "t", "2", "2021-01-01",
	    "effective 2021-01-01 is also that of ", " (version 1)");
}

static void
test_empty_directory(void **state)
{
	(void)state;
	char sub[128];
	snprintf(sub, sizeof sub, "%s/empty", dir);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s'", sub);
	assert_int_equal(system(cmd), 0);
	const char *paths[] = { sub };
	char *msgs = NULL;
	long n;
	assert_null(load(paths, 1, &msgs, &n));
	assert_int_equal(n, 1);
	assert_non_null(strstr(msgs, "no *.md rule catalog"));
	free(msgs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repeated_paths, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_other_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_version, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_same_effective, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_empty_directory, setup,
		    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
