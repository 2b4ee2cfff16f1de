/*
 * Unit tests of the rule catalog (rules/catalog-parse.c, catalog.c).
 *
 * Error cases parse small catalogs from strings and compare the exact
 * diagnostic text "lvzhi: FILE:LINE:COL: message", one test per kind of
 * error, plus one run reporting several. Positive cases load the shipped
 * catalog (rules/guizhou-2020.md, relative to the repository root where
 * `make check` runs): it parses cleanly, defines the contract's ten duty
 * ids with their measures and binds, cites every article 第四条..第九条,
 * and a threshold edited in its text changes the parsed rule, which shows
 * that the rules are data.
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

#include <jansson.h>

#include "rules/catalog.h"

#include "parse-catalog.h"

#define SHIPPED "rules/guizhou-2020.md"

/* The key lines of a valid count rule (lines 16-22 after its fence). */
#define RULE_ID(id) "id: " id "\n"
#define RULE_BODY \
	"title: 听取\n" \
	"citation: 第五条\n" \
	"binds: party_principal\n" \
	"measure: count hearing\n" \
	"min: 2" I_BASIS "\n" \
	"weight: 10" I_BASIS "\n" \
	"effective: 2020-09-09\n"

/* Lines 15-24: a valid rule r1. */
#define RULE_R1 "```rule\n" RULE_ID("r1") RULE_BODY "```\n"

static void
test_minimal_ok(void **state)
{
	(void)state;
	struct parsed p = parse("# 标题\n\n" RULESET "text\n" KIND RULE_R1);
	assert_int_equal(p.count, 0);
	assert_string_equal(p.text, "");
	assert_non_null(p.c);
	assert_string_equal(p.c->id, "t");
	assert_int_equal(p.c->min_segment_days, 90);
	assert_int_equal(p.c->grade_min[GRADE_EXCELLENT], 90);
	assert_int_equal(p.c->grade_min[GRADE_PASS], 75);
	assert_int_equal(p.c->grade_min[GRADE_BASIC_PASS], 60);
	assert_int_equal(p.c->nkinds, 1);
	assert_int_equal(p.c->nrules, 1);
	const struct catalog_rule *r = &p.c->rules[0];
	assert_string_equal(r->id, "r1");
	assert_int_equal(r->measure, MEASURE_COUNT);
	assert_int_equal(r->kind, 0);
	assert_int_equal(r->min, 2);
	assert_int_equal(r->weight, 10);
	assert_int_equal(r->roles, ROLE_PARTY);
	/* No coverage key: both direct and reference. */
	assert_int_equal(r->coverage, COVERAGE_DIRECT | COVERAGE_REFERENCE);
	assert_int_equal(r->until, DATE_NONE);
	assert_int_equal(catalog_rule_find(p.c, "r1"), 0);
	assert_int_equal(catalog_rule_find(p.c, "r2"), -1);
	assert_int_equal(catalog_kind_find(p.c, "hearing"), 0);
	assert_int_equal(catalog_kind_find(p.c, "hearings"), -1);
	parsed_free(&p);
}

static void
test_unknown_key(void **state)
{
	(void)state;
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1") RULE_BODY
	    "  bogus: 1\n" "```\n",
	    "lvzhi: t.md:24:3: unknown key 'bogus' in a rule block\n");
	/* In a ruleset block too, at the key's column. */
	expect_one("```ruleset\n" "id: t\n" "version: 1\n" "title: T\n"
	    "effective: 2020-09-09\n" "min-segment-days: 90" I_BASIS "\n"
	    "grade-excellent: 90" I_BASIS "\n" "grade-pass: 75" I_BASIS "\n"
	    "grade-basic-pass: 60" I_BASIS "\n"
	    "\towner: x\n" "```\n" KIND RULE_R1,
	    "lvzhi: t.md:10:2: unknown key 'owner' in a ruleset block\n");
}

static void
test_repeated_key(void **state)
{
	(void)state;
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1") RULE_BODY "min: 3" I_BASIS "\n"
	    "```\n",
	    "lvzhi: t.md:24:1: 'min' given twice in this block (first on line "
	    "21)\n");
}

/*
 * Regression: the keys a measure resolves later (require-true,
 * require-all, require-date, before, last, where) once skipped the
 * "given twice" check, so a repeated one was accepted silently.
 */
static void
test_repeated_detail_key(void **state)
{
	(void)state;
	expect_one(RULESET
	    "```kind\n" "id: decision\n" "label: 决策\n"
	    "field: steps dates a b\n" "```\n"
	    "```rule\n" RULE_ID("p1")
	    "title: 程序\n" "citation: 第六条\n" "binds: government_principal\n"
	    "measure: procedure decision\n" "steps: a b\n"
	    "last: b\n"     /* 23 */
	    "last: a\n"     /* 24 */
	    "weight: 10" I_BASIS "\n" "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:24:1: 'last' given twice in this block (first on line "
	    "23)\n");
}

static void
test_missing_key(void **state)
{
	(void)state;
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1")
	    "title: 听取\n" "binds: party_principal\n"
	    "measure: count hearing\n" "min: 2" I_BASIS "\n" "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:15:1: rule block lacks 'citation'\n");
	/* count needs min */
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1")
	    "title: 听取\n" "citation: 第五条\n" "binds: party_principal\n"
	    "measure: count hearing\n" "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:15:1: rule block lacks 'min'\n");
}

static void
test_bad_date(void **state)
{
	(void)state;
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1")
	    "title: 听取\n" "citation: 第五条\n" "binds: party_principal\n"
	    "measure: count hearing\n" "min: 2" I_BASIS "\n" "weight: 10" I_BASIS "\n"
	    "effective: 2021-02-29\n" "```\n",
	    "lvzhi: t.md:23:12: 'effective' must be a date YYYY-MM-DD, not "
	    "'2021-02-29'\n");
}

static void
test_bad_integer(void **state)
{
	(void)state;
	static const char *const values[] = { "two", "0", "2.5", "10001",
		"-1", "99999999999999999999" };
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		char src[2048];
		snprintf(src, sizeof src, "%s%s```rule\nid: r1\ntitle: 听取\n"
		    "citation: 第五条\nbinds: party_principal\n"
		    "measure: count hearing\nmin: %s" I_BASIS "\nweight: 10" I_BASIS "\n"
		    "effective: 2020-09-09\n```\n", RULESET, KIND, values[i]);
		expect_one(src, "lvzhi: t.md:21:6: 'min' must be a whole number "
		    "from 1 to 10000\n");
	}
}

static void
test_unknown_measure(void **state)
{
	(void)state;
	const char *want = "lvzhi: t.md:20:10: 'measure' is 'count KIND', "
	    "'filing KIND', 'procedure KIND', 'absence KIND' or "
	    "'qualitative'\n";
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1")
	    "title: 听取\n" "citation: 第五条\n" "binds: party_principal\n"
	    "measure: tally hearing\n" "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n" "```\n", want);
	/* A kind is needed by every measure but qualitative... */
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1")
	    "title: 听取\n" "citation: 第五条\n" "binds: party_principal\n"
	    "measure: absence\n" "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n" "```\n", want);
	/* ...and refused by it. */
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1")
	    "title: 听取\n" "citation: 第五条\n" "binds: party_principal\n"
	    "measure: qualitative hearing\n" "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n" "```\n", want);
}

static void
test_unknown_kind(void **state)
{
	(void)state;
	/* Reported at the measure value's line and column. */
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1")
	    "title: 听取\n" "citation: 第五条\n" "binds: party_principal\n"
	    "measure:   count hearings\n" "min: 2" I_BASIS "\n" "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:20:12: unknown record kind 'hearings'\n");
}

static void
test_kind_after_rule(void **state)
{
	(void)state;
	/* References resolve after every block is read: order is free. */
	struct parsed p = parse(RULE_R1 RULESET KIND);
	assert_int_equal(p.count, 0);
	assert_non_null(p.c);
	assert_int_equal(p.c->rules[0].kind, 0);
	parsed_free(&p);
}

/* Lines 11-16: a filing kind. */
#define REPORT_KIND \
	"```kind\n" \
	"id: report\n" \
	"label: 报告\n" \
	"field: about_year year\n" \
	"field: note text\n" \
	"```\n"

static void
test_require_true_not_bool(void **state)
{
	(void)state;
	expect_one(RULESET REPORT_KIND "```rule\n" RULE_ID("f1")
	    "title: 报告\n" "citation: 第七条\n" "binds: party_principal\n"
	    "measure: filing report\n" "window: segment\n"
	    "require-true: note\n" "weight: 10" I_BASIS "\n" "effective: 2020-09-09\n"
	    "```\n",
	    "lvzhi: t.md:24:15: kind 'report' has no bool field 'note'\n");
	/* A field the kind does not have at all. */
	expect_one(RULESET REPORT_KIND "```rule\n" RULE_ID("f1")
	    "title: 报告\n" "citation: 第七条\n" "binds: party_principal\n"
	    "measure: filing report\n" "window: segment\n"
	    "require-true: done\n" "weight: 10" I_BASIS "\n" "effective: 2020-09-09\n"
	    "```\n",
	    "lvzhi: t.md:24:15: kind 'report' has no bool field 'done'\n");
}

static void
test_procedure_step_unknown(void **state)
{
	(void)state;
	expect_one(RULESET
	    "```kind\n" "id: decision\n" "label: 决策\n"
	    "field: steps dates a=甲 b=乙\n" "```\n"
	    "```rule\n" RULE_ID("p1")
	    "title: 程序\n" "citation: 第六条\n" "binds: government_principal\n"
	    "measure: procedure decision\n" "steps: a c\n" "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:16:1: rule 'p1': step 'c' is not a key of "
	    "decision.steps\n");
}

static void
test_unclosed_block(void **state)
{
	(void)state;
	expect_one(RULESET KIND RULE_R1 "```rule\n" RULE_ID("r2") RULE_BODY,
	    "lvzhi: t.md:25:1: rule block is not closed\n");
}

static void
test_no_ruleset(void **state)
{
	(void)state;
	expect_one("# 无规则集\n" KIND RULE_R1,
	    "lvzhi: t.md:1:1: no ruleset block\n");
	/* A fenced block of another language is prose, not a ruleset. */
	expect_one("```text\nid: t\n```\n" KIND RULE_R1,
	    "lvzhi: t.md:1:1: no ruleset block\n");
}

static void
test_duplicate_rule(void **state)
{
	(void)state;
	expect_one(RULESET KIND RULE_R1 "text\n" RULE_R1,
	    "lvzhi: t.md:26:1: rule 'r1' already declared on line 15\n");
}

static void
test_several_errors(void **state)
{
	(void)state;
	struct parsed p = parse(RULESET KIND
	    "```rule\n"                   /* 15 */
	    "id: r1\n"
	    "title: 听取\n"
	    "citation: 第五条\n"
	    "binds: party_principal chair\n" /* 19: bad role */
	    "measure: count meeting\n"    /* 20: unknown kind */
	    "min: x" I_BASIS "\n"                    /* 21: bad integer */
	    "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n"
	    "colour: red\n"               /* 24: unknown key */
	    "```\n"
	    "```rule\n"                   /* 26: lacks title */
	    "id: r2\n"
	    "citation: 第五条\n"
	    "binds: party_principal\n"
	    "measure: count hearing\n"
	    "min: 1" I_BASIS "\n"
	    "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n"
	    "```\n");
	assert_null(p.c);
	assert_int_equal(p.count, 5);
	static const char *const want[] = {
		"lvzhi: t.md:19:8: 'chair' is not a valid binds\n",
		"lvzhi: t.md:21:6: 'min' must be a whole number from 1 to 10000\n",
		"lvzhi: t.md:24:1: unknown key 'colour' in a rule block\n",
		"lvzhi: t.md:26:1: rule block lacks 'title'\n",
		"lvzhi: t.md:20:10: unknown record kind 'meeting'\n",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (strstr(p.text, want[i]) == NULL)
			fail_msg("missing %sin:\n%s", want[i], p.text);
	parsed_free(&p);

	/* Counting without an output stream works the same. */
	struct diag d;
	diag_init(&d, NULL);
	const char *src = "```kind\nid: x\n```\n";
	assert_null(catalog_parse("t.md", src, strlen(src), &d));
	/* lacks label, no ruleset, no rules */
	assert_int_equal(d.count, 3);
}

static void
test_field_labels(void **state)
{
	(void)state;
	struct parsed p = parse(RULESET
	    "```kind\n" "id: report\n" "label: 报告\n"
	    "field: about_year=所属年度 year\n"
	    "field: recipients=报送对象 set a=甲 b\n"
	    "field: done bool\n"
	    "```\n" RULE_R1 KIND);
	assert_int_equal(p.count, 0);
	assert_non_null(p.c);
	int k = catalog_kind_find(p.c, "report");
	assert_int_equal(k, 0);
	const struct catalog_kind *kind = &p.c->kinds[k];
	assert_int_equal(kind->nfields, 3);
	int f = catalog_field_find(kind, "recipients");
	assert_int_equal(f, 1);
	const struct catalog_field *fd = &kind->fields[f];
	assert_string_equal(fd->label, "报送对象");
	assert_int_equal(fd->type, FIELD_SET);
	assert_int_equal(fd->nvalues, 2);
	assert_string_equal(fd->values[0], "a");
	assert_string_equal(fd->labels[0], "甲");
	assert_string_equal(fd->values[1], "b");
	assert_string_equal(fd->labels[1], "b");
	assert_string_equal(kind->fields[0].name, "about_year");
	assert_string_equal(kind->fields[0].label, "所属年度");
	assert_int_equal(kind->fields[0].type, FIELD_YEAR);
	/* Without '=' the label is the name. */
	assert_string_equal(kind->fields[2].label, "done");
	assert_int_equal(catalog_field_find(kind, "报送对象"), -1);
	parsed_free(&p);
}

/* Lines 11-18: a finding kind with fields of several types. */
#define FINDING_KIND \
	"```kind\n" \
	"id: finding\n" \
	"label: 认定\n" \
	"person: required\n" \
	"field: item int\n" \
	"field: grave bool\n" \
	"field: tags set a b\n" \
	"```\n"

/* A rule on finding with one extra line, from line 19. */
static char *
finding_rule(const char *measure, const char *extra)
{
	char *s = NULL;
	if (asprintf(&s, "%s%s```rule\nid: w1\ntitle: 认定\n"
	    "citation: 第九条\nbinds: party_principal\nmeasure: %s\n"
	    "match: person\nveto: yes\n%sweight: 0" I_BASIS "\n"
	    "effective: 2020-09-09\n```\n", RULESET, FINDING_KIND, measure,
	    extra) < 0)
		fail();
	return s;
}

static void
test_where(void **state)
{
	(void)state;
	char *src = finding_rule("absence finding", "where: item 3\n");
	struct parsed p = parse(src);
	free(src);
	assert_int_equal(p.count, 0);
	assert_non_null(p.c);
	const struct catalog_rule *r = &p.c->rules[0];
	assert_int_equal(r->where_field, 0);
	assert_string_equal(r->where_value, "3");
	json_t *yes = json_pack("{s:i}", "item", 3);
	json_t *no = json_pack("{s:i}", "item", 4);
	json_t *none = json_object();
	assert_true(catalog_where_matches(p.c, r, yes));
	assert_false(catalog_where_matches(p.c, r, no));
	assert_false(catalog_where_matches(p.c, r, none));
	assert_false(catalog_where_matches(p.c, r, NULL));
	parsed_free(&p);

	src = finding_rule("absence finding", "where: grave true\n");
	p = parse(src);
	free(src);
	assert_int_equal(p.count, 0);
	r = &p.c->rules[0];
	json_t *grave = json_pack("{s:b}", "grave", 1);
	json_t *light = json_pack("{s:b}", "grave", 0);
	assert_true(catalog_where_matches(p.c, r, grave));
	assert_false(catalog_where_matches(p.c, r, light));
	parsed_free(&p);

	/* Without `where` every record passes, fields or not. */
	src = finding_rule("absence finding", "");
	p = parse(src);
	free(src);
	assert_int_equal(p.c->rules[0].where_field, -1);
	assert_true(catalog_where_matches(p.c, &p.c->rules[0], NULL));
	assert_true(catalog_where_matches(p.c, &p.c->rules[0], no));
	parsed_free(&p);
	json_decref(yes);
	json_decref(no);
	json_decref(none);
	json_decref(grave);
	json_decref(light);
}

static void
test_where_errors(void **state)
{
	(void)state;
	/* The rule's `where` is on line 27. */
	static const struct {
		const char *extra, *want;
	} cases[] = {
		{ "where: tags a\n", "lvzhi: t.md:27:8: kind 'finding' has no "
		  "single-valued field 'tags'\n" },
		{ "where: level 3\n", "lvzhi: t.md:27:8: kind 'finding' has no "
		  "single-valued field 'level'\n" },
		{ "where: item\n", "lvzhi: t.md:27:8: 'where' is 'FIELD "
		  "VALUE'\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *src = finding_rule("absence finding", cases[i].extra);
		expect_one(src, cases[i].want);
		free(src);
	}
}

/* `finding: yes` marks a kind whose records are determinations about a
 * person (docs/security.md); it needs `person: required`, and its
 * determination's fields are every finding's, not the kind's to declare.
 * The kind block is lines 11-15. */
static void
test_finding_kind(void **state)
{
	(void)state;
	struct parsed p = parse(RULESET "```kind\nid: f\nlabel: 认定\n"
	    "person: required\nfinding: yes\n```\n" KIND RULE_R1);
	if (p.count != 0)
		fail_msg("%s", p.text);
	assert_true(p.c->kinds[0].finding);
	assert_true(catalog_kind_is_finding(p.c, "f"));
	assert_false(catalog_kind_is_finding(p.c, "hearing"));
	assert_false(catalog_kind_is_finding(p.c, "nothing"));
	assert_false(catalog_kind_is_finding(p.c, NULL));
	parsed_free(&p);
	expect_one(RULESET "```kind\nid: f\nlabel: 认定\nfinding: yes\n```\n"
	    KIND RULE_R1,
	    "lvzhi: t.md:14:10: a finding is about a person: it needs "
	    "'person: required'\n");
	expect_one(RULESET "```kind\nid: f\nlabel: 认定\nperson: required\n"
	    "finding: maybe\n```\n" KIND RULE_R1, "lvzhi: t.md:15:10: 'finding' is 'yes' "
	    "or 'no'\n");
	expect_one(RULESET "```kind\nid: f\nlabel: 认定\nperson: required\n"
	    "finding: yes\nfield: basis text\n```\n" KIND RULE_R1, "lvzhi: t.md:16:8: field "
	    "'basis' is already a field of every record or of this kind\n");
}

/* ---- the shipped catalog ---- */

static struct catalog *
load_shipped(void)
{
	if (access(SHIPPED, R_OK) != 0)
		fail_msg("%s not found: run the tests from the repository root "
		    "(make check does)", SHIPPED);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct diag d;
	diag_init(&d, f);
	struct catalog *c = catalog_load(SHIPPED, &d);
	fclose(f);
	if (d.count != 0 || c == NULL)
		fail_msg("%ld diagnostics:\n%s", d.count, text);
	free(text);
	return c;
}

static const struct catalog_rule *
rule(const struct catalog *c, const char *id)
{
	int i = catalog_rule_find(c, id);
	if (i < 0)
		fail_msg("no rule '%s'", id);
	return &c->rules[i];
}

static const char *
kind_of(const struct catalog *c, const struct catalog_rule *r)
{
	return r->kind >= 0 ? c->kinds[r->kind].id : "";
}

static void
test_shipped_duties(void **state)
{
	(void)state;
	struct catalog *c = load_shipped();
	assert_string_equal(c->id, "guizhou-2020");
	assert_string_equal(c->file, SHIPPED);
	assert_int_equal(c->effective, date_from_ymd(2020, 9, 9));
	assert_int_equal(c->min_segment_days, 90);

	static const struct {
		const char *id;
		enum measure measure;
		const char *kind;
		unsigned roles;
		int min;
	} duties[] = {
		{ "5.1-hearings", MEASURE_COUNT, "rol_report_hearing",
		  ROLE_PARTY, 2 },
		{ "5.1-plan", MEASURE_COUNT, "rol_in_annual_plan", ROLE_PARTY,
		  1 },
		{ "5.4-gov-report-hearing", MEASURE_COUNT,
		  "rol_gov_report_hearing", ROLE_PARTY, 1 },
		{ "5.4-no-interference", MEASURE_ABSENCE,
		  "judicial_interference", ROLE_PARTY, 0 },
		{ "5.6-lectures", MEASURE_COUNT, "rol_lecture", ROLE_PARTY, 2 },
		{ "6.1-annual-plan", MEASURE_COUNT, "rol_gov_annual_plan",
		  ROLE_GOVERNMENT, 1 },
		{ "6.1-annual-report", MEASURE_FILING, "rol_gov_annual_report",
		  ROLE_GOVERNMENT, 0 },
		{ "6.2-major-decisions", MEASURE_PROCEDURE, "major_decision",
		  ROLE_GOVERNMENT, 0 },
		{ "6.6-lectures", MEASURE_COUNT, "rol_lecture",
		  ROLE_GOVERNMENT, 2 },
		{ "7-year-end-report", MEASURE_FILING, "year_end_report",
		  ROLE_PARTY | ROLE_GOVERNMENT, 0 },
	};
	for (size_t i = 0; i < sizeof duties / sizeof duties[0]; i++) {
		const struct catalog_rule *r = rule(c, duties[i].id);
		if (r->measure != duties[i].measure ||
		    strcmp(kind_of(c, r), duties[i].kind) != 0 ||
		    r->roles != duties[i].roles ||
		    (duties[i].measure == MEASURE_COUNT &&
		    r->min != duties[i].min))
			fail_msg("%s: measure %s kind '%s' roles %u min %d",
			    r->id, catalog_measure_name(r->measure),
			    kind_of(c, r), r->roles, r->min);
		/* Township principals follow the same duties (第十条). */
		assert_int_equal(r->coverage,
		    COVERAGE_DIRECT | COVERAGE_REFERENCE);
		assert_int_equal(r->effective, c->effective);
	}

	const struct catalog_rule *r = rule(c, "5.4-no-interference");
	assert_true(r->veto);
	assert_true(r->match_person);
	assert_true(c->kinds[r->kind].person_required);
	/* The findings, and only they, are marked as such. */
	for (size_t i = 0; i < c->nkinds; i++)
		assert_int_equal(c->kinds[i].finding, strcmp(c->kinds[i].id,
		    "judicial_interference") == 0 || strcmp(c->kinds[i].id,
		    "accountability_finding") == 0);

	r = rule(c, "6.1-annual-report");
	assert_true(r->due_set);
	assert_false(r->due_next_year);
	assert_int_equal(r->due_month, 3);
	assert_int_equal(r->due_day, 31);
	assert_int_equal(r->window_year, 1);
	assert_int_equal(r->about_offset, -1);
	const struct catalog_kind *k = &c->kinds[r->kind];
	assert_true(r->require_all >= 0);
	assert_string_equal(k->fields[r->require_all].name, "recipients");
	assert_int_equal(r->nall_values, 3);
	assert_string_equal(r->all_values[0], "party_committee");
	assert_string_equal(r->all_values[1], "npc_standing_committee");
	assert_string_equal(r->all_values[2], "superior_government");
	assert_true(r->require_date >= 0);
	assert_string_equal(k->fields[r->require_date].name, "published_on");
	assert_int_equal(r->require_true, -1);

	r = rule(c, "7-year-end-report");
	assert_true(r->due_set);
	assert_true(r->due_next_year);
	assert_int_equal(r->due_month, 3);
	assert_int_equal(r->due_day, 31);
	assert_int_equal(r->window_year, 0);
	assert_int_equal(r->about_offset, 0);
	assert_true(r->require_true >= 0);
	assert_string_equal(c->kinds[r->kind].fields[r->require_true].name,
	    "includes_rule_of_law");

	r = rule(c, "6.2-major-decisions");
	static const char *const steps[] = { "public_participation",
		"expert_argumentation", "risk_assessment", "legality_review",
		"collective_discussion" };
	assert_int_equal(r->nsteps, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(r->steps[i], steps[i]);
	assert_string_equal(r->steps[r->before_a], "legality_review");
	assert_string_equal(r->steps[r->before_b], "collective_discussion");
	assert_string_equal(r->steps[r->last], "collective_discussion");
	assert_string_equal(c->kinds[r->kind].fields[r->steps_field].name,
	    "steps");

	/* Consequences of 第八条 and 第九条. */
	int commendation = 0, interview = 0, rectification = 0, referral = 0;
	for (size_t i = 0; i < c->nconsequences; i++) {
		const struct catalog_consequence *q = &c->consequences[i];
		if (strcmp(q->kind, "commendation") == 0)
			commendation += !q->on_veto && q->grade ==
			    GRADE_EXCELLENT;
		else if (strcmp(q->kind, "interview") == 0)
			interview += !q->on_veto && q->grade == GRADE_FAIL;
		else if (strcmp(q->kind, "rectification") == 0)
			rectification += !q->on_veto && q->grade == GRADE_FAIL;
		else if (strcmp(q->kind, "accountability_referral") == 0)
			referral += q->on_veto &&
			    strcmp(q->citation, "第九条") == 0;
	}
	assert_int_equal(commendation, 1);
	assert_int_equal(interview, 1);
	assert_int_equal(rectification, 1);
	assert_int_equal(referral, 1);
	catalog_free(c);
}

static void
test_shipped_kinds(void **state)
{
	(void)state;
	struct catalog *c = load_shipped();
	/* The contract's record kinds and their own fields. */
	static const struct {
		const char *kind, *field;
		enum field_type type;
	} fields[] = {
		{ "rol_gov_report_hearing", "about_year", FIELD_YEAR },
		{ "rol_gov_annual_report", "about_year", FIELD_YEAR },
		{ "rol_gov_annual_report", "recipients", FIELD_SET },
		{ "rol_gov_annual_report", "published_on", FIELD_DATE },
		{ "major_decision", "steps", FIELD_DATES },
		{ "court_appearance", "case", FIELD_TEXT },
		{ "admin_lawsuit", "case", FIELD_TEXT },
		{ "year_end_report", "about_year", FIELD_YEAR },
		{ "year_end_report", "includes_rule_of_law", FIELD_BOOL },
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		int k = catalog_kind_find(c, fields[i].kind);
		if (k < 0)
			fail_msg("no kind '%s'", fields[i].kind);
		int f = catalog_field_find(&c->kinds[k], fields[i].field);
		if (f < 0 || c->kinds[k].fields[f].type != fields[i].type)
			fail_msg("%s.%s missing or of the wrong type",
			    fields[i].kind, fields[i].field);
	}
	static const char *const plain[] = { "rol_report_hearing",
		"rol_in_annual_plan", "rol_lecture", "collective_law_study",
		"rol_gov_annual_plan", "court_hearing_attendance",
		"judicial_interference" };
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		if (catalog_kind_find(c, plain[i]) < 0)
			fail_msg("no kind '%s'", plain[i]);
	const struct catalog_kind *r =
	    &c->kinds[catalog_kind_find(c, "rol_gov_annual_report")];
	const struct catalog_field *f =
	    &r->fields[catalog_field_find(r, "recipients")];
	assert_int_equal(f->nvalues, 5);
	assert_string_equal(f->values[3], "government");
	assert_string_equal(f->values[4], "superior_department");
	assert_string_equal(f->label, "报送对象");
	assert_string_equal(f->labels[1], "本级人大常委会");
	catalog_free(c);
}

/* Issue 13: duties fitted to who holds them, vetoes for everyone. */
static void
test_shipped_fitted_duties(void **state)
{
	(void)state;
	struct catalog *c = load_shipped();
	const struct catalog_rule *r = rule(c, "5.4-gov-report-hearing");
	assert_true(r->about_set);
	assert_int_equal(r->about_offset, -1);
	r = rule(c, "6.1-annual-report");
	assert_int_equal(r->ntownship_values, 2);
	assert_string_equal(r->township_values[0], "party_committee");
	assert_string_equal(r->township_values[1], "superior_government");
	r = rule(c, "10-annual-report");
	assert_int_equal(r->roles, ROLE_DEPARTMENT);
	assert_int_equal(r->coverage, COVERAGE_REFERENCE);
	assert_int_equal(r->nall_values, 3);
	assert_string_equal(r->all_values[1], "government");
	assert_string_equal(r->all_values[2], "superior_department");
	assert_non_null(strstr(r->citation, "第二十三条"));
	/* No lower-level principals under a township party committee. */
	assert_int_equal(rule(c, "7-inspections")->coverage, COVERAGE_DIRECT);
	assert_int_equal(rule(c, "8-assessment-use")->coverage,
	    COVERAGE_DIRECT);
	/* Every covered (role, coverage) has a vetoing judicial_interference
	 * duty and the 第九条 findings, each naming its item. */
	static const unsigned roles[] = { ROLE_PARTY, ROLE_GOVERNMENT,
		ROLE_DEPARTMENT };
	for (int i = 0; i < 3; i++)
		for (unsigned cov = 1; cov <= 2; cov++) {
			if (roles[i] == ROLE_DEPARTMENT && cov == COVERAGE_DIRECT)
				continue;
			int ji = 0, items = 0;
			for (size_t j = 0; j < c->nrules; j++) {
				const struct catalog_rule *x = &c->rules[j];
				if (!(x->roles & roles[i]) || !(x->coverage & cov) ||
				    x->measure != MEASURE_ABSENCE || !x->veto)
					continue;
				assert_non_null(x->veto_item);
				assert_int_equal(strncmp(x->veto_item, "第九条第(",
				    strlen("第九条第(")), 0);
				if (strcmp(kind_of(c, x), "judicial_interference") == 0)
					ji++;
				else
					items++;
			}
			assert_int_equal(ji, 1);
			assert_int_equal(items, 5);
		}
	/* Conditional steps of a major decision. */
	const struct catalog_kind *k =
	    &c->kinds[catalog_kind_find(c, "major_decision")];
	const struct catalog_field *f = &k->fields[catalog_field_find(k,
	    "steps")];
	unsigned want = 0;
	for (size_t i = 0; i < f->nvalues; i++)
		if (strcmp(f->values[i], "legality_review") != 0 &&
		    strcmp(f->values[i], "collective_discussion") != 0)
			want |= 1u << i;
	assert_int_equal(f->waivable, want);
	for (size_t i = 0; i < c->nconsequences; i++)
		assert_int_equal(c->consequences[i].final_only,
		    strcmp(c->consequences[i].kind, "commendation") == 0);
	catalog_free(c);
}

/* The new keys' errors. */
static void
test_issue13_key_errors(void **state)
{
	(void)state;
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1") RULE_BODY
	    "veto-item: 第九条第(一)项\n```\n",
	    "lvzhi: t.md:24:1: unknown key 'veto-item' in a rule block\n");
	expect_one(RULESET
	    "```kind\nid: d\nlabel: D\nfield: steps dates a b\n"
	    "not-applicable: steps c\n```\n" "```rule\n" RULE_ID("r1")
	    "title: T\ncitation: 第六条\nbinds: government_principal\n"
	    "measure: procedure d\nsteps: a b\nweight: 1 〔解释:本系统默认,由依法治省办确定〕\neffective: 2020-09-09\n```\n",
	    "lvzhi: t.md:15:17: 'c' is not a value of field 'steps'\n");
	expect_one(RULESET
	    "```kind\nid: d\nlabel: D\nfield: about_year year\n"
	    "field: to set x y\n```\n" "```rule\n" RULE_ID("r1")
	    "title: T\ncitation: 第六条\nbinds: government_principal\n"
	    "measure: filing d\nwindow: year\nrequire-all-township: to x\nweight: 1 〔解释:本系统默认,由依法治省办确定〕\neffective: 2020-09-09\n```\n",
	    "lvzhi: t.md:17:1: rule 'r1': 'require-all-township' needs "
	    "'require-all' on the same field\n");
}

static void
test_shipped_citations(void **state)
{
	(void)state;
	struct catalog *c = load_shipped();
	static const char *const articles[] = { "第四条", "第五条", "第六条",
		"第七条", "第八条", "第九条" };
	for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
		size_t n = strlen(articles[i]);
		int cited = 0;
		for (size_t j = 0; j < c->nrules; j++)
			cited |= strncmp(c->rules[j].citation, articles[i], n) ==
			    0;
		if (!cited)
			fail_msg("no rule cites %s", articles[i]);
	}
	/* The per-item duties cite their item. */
	assert_string_equal(rule(c, "5.1-hearings")->citation,
	    "第五条第(一)项");
	assert_string_equal(rule(c, "6.2-major-decisions")->citation,
	    "第六条第(二)项");
	assert_string_equal(rule(c, "7-year-end-report")->citation, "第七条");
	catalog_free(c);
}

/* Returns the shipped catalog's text (caller frees). */
static char *
slurp_shipped(size_t *len)
{
	FILE *f = fopen(SHIPPED, "rb");
	if (f == NULL)
		fail_msg("%s not found: run from the repository root", SHIPPED);
	char *text = NULL;
	size_t cap = 0;
	FILE *m = open_memstream(&text, &cap);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, n, m);
	fclose(f);
	fclose(m);
	*len = cap;
	return text;
}

static void
test_threshold_is_data(void **state)
{
	(void)state;
	size_t len;
	char *text = slurp_shipped(&len);
	char *block = strstr(text, "id: 5.1-hearings\n");
	assert_non_null(block);
	char *min = strstr(block, "min: 2 ");
	char *end = strstr(block, "```");
	assert_non_null(min);
	assert_true(min < end); /* inside the 5.1-hearings block */
	min[5] = '3';

	struct diag d;
	diag_init(&d, stderr);
	struct catalog *orig = load_shipped();
	struct catalog *c = catalog_parse("edited.md", text, len, &d);
	assert_int_equal(d.count, 0);
	assert_non_null(c);
	assert_int_equal(rule(orig, "5.1-hearings")->min, 2);
	assert_int_equal(rule(c, "5.1-hearings")->min, 3);
	/* Only that rule changed. */
	assert_int_equal(rule(c, "5.6-lectures")->min, 2);
	assert_int_equal(rule(c, "6.6-lectures")->min, 2);
	assert_int_equal(c->nrules, orig->nrules);
	/* The digest that evaluations record tells the texts apart. */
	assert_string_not_equal(c->digest, orig->digest);
	assert_int_equal(strlen(c->digest), SM3_HEX_LEN - 1);
	catalog_free(c);
	catalog_free(orig);
	free(text);
}

static void
test_shipped_equals_embedded(void **state)
{
	(void)state;
	/* Without a path or $LVZHI_RULES, and with nothing installed, the
	 * copy linked into the binary is used: it must be the shipped file. */
	const char *saved = getenv("LVZHI_RULES");
	char *keep = saved ? strdup(saved) : NULL;
	unsetenv("LVZHI_RULES");
	struct diag d;
	diag_init(&d, stderr);
	struct catalog *c = catalog_load(NULL, &d);
	if (keep != NULL) {
		setenv("LVZHI_RULES", keep, 1);
		free(keep);
	}
	assert_non_null(c);
	assert_int_equal(d.count, 0);
	if (strncmp(c->file, "(built-in)/", 11) != 0) {
		catalog_free(c);
		skip(); /* an installed copy was found instead */
	}
	struct catalog *file = load_shipped();
	assert_string_equal(c->digest, file->digest);
	catalog_free(file);
	catalog_free(c);
}

static void
test_load_missing_file(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct diag d;
	diag_init(&d, f);
	assert_null(catalog_load("/nonexistent/rules.md", &d));
	fclose(f);
	assert_int_equal(d.count, 1);
	assert_string_equal(text, "lvzhi: /nonexistent/rules.md:0:0: cannot "
	    "read the rule catalog: No such file or directory\n");
	free(text);
}

/* ---- the marks: the text's values and lvzhi's interpretations ---- */

#define NO_BASIS "' has no basis: mark it 〔原文:…〕 with the regulation's " \
	"words, or 〔解释:…〕 with a document and its article (《…》第…条) " \
	"or 本系统默认,由依法治省办确定\n"

static void
test_marks_parsed(void **state)
{
	(void)state;
	struct parsed p = parse("# 办法\n\n每年至少听取2次法治建设工作汇报。\n"
	    "```ruleset\n" "id: t\n" "version: 1\n" "title: T\n"
	    "effective: 2020-09-09 〔原文:每年至少听取2次〕\n"
	    "min-segment-days: 90" I_BASIS "\n"
	    "grade-excellent: 90" I_BASIS "\n"
	    "grade-pass: 75 〔解释：《某某规定》第二十四条\u3000〕\n"
	    "grade-basic-pass: 60" I_BASIS "\n"
	    "scale: 100" I_BASIS "\n" "```\n" KIND
	    "```rule\n" "id: r1\n" "title: 听取\n" "citation: 第五条\n"
	    "binds: party_principal\n" "measure: count hearing\n"
	    "min: 2 〔原文:“每年至少听取2次法治建设工作汇报”〕\n"
	    "weight: 10 〔解释:本系统默认,由依法治省办确定:按条款等分〕\n"
	    "effective: 2020-09-09\n" "```\n");
	if (p.count != 0)
		fail_msg("%s", p.text);
	assert_non_null(p.c);
	const struct catalog *c = p.c;
	/* The values are read without their marks. */
	assert_int_equal(c->grade_min[GRADE_PASS], 75);
	assert_int_equal(c->scale, 100);
	assert_int_equal(c->rules[0].min, 2);
	assert_int_equal(c->rules[0].weight, 10);

	assert_int_equal(c->nbases, 6);
	const struct catalog_basis *b = catalog_ruleset_basis(c, "grade-pass");
	assert_non_null(b);
	assert_int_equal(b->source, BASIS_INTERPRETATION);
	assert_string_equal(b->value, "75");
	/* A full-width colon and blanks around the basis are allowed. */
	assert_string_equal(b->basis, "《某某规定》第二十四条\u3000");
	assert_int_equal(b->line, 11);
	assert_ptr_equal(catalog_ruleset_interp(c, "grade-pass"), b);
	b = catalog_ruleset_basis(c, "effective");
	assert_int_equal(b->source, BASIS_TEXT);
	assert_null(catalog_ruleset_interp(c, "effective"));
	assert_string_equal(catalog_basis_source_name(b->source), "text");

	const struct catalog_rule *r = &c->rules[0];
	assert_int_equal(r->nbases, 2);
	b = catalog_rule_basis(r, "min");
	assert_int_equal(b->source, BASIS_TEXT);
	assert_string_equal(b->value, "2");
	assert_string_equal(b->basis, "“每年至少听取2次法治建设工作汇报”");
	assert_null(catalog_rule_interp(r, "min"));
	b = catalog_rule_interp(r, "weight");
	assert_non_null(b);
	assert_string_equal(b->basis, CATALOG_DEFAULT_BASIS ":按条款等分");
	assert_string_equal(catalog_basis_source_name(b->source),
	    "interpretation");
	assert_null(catalog_rule_basis(r, "effective"));
	parsed_free(&p);
}

static void
test_unmarked_refused(void **state)
{
	(void)state;
	/* A weight without a basis: at the key. */
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1") "title: 听取\n"
	    "citation: 第五条\n" "binds: party_principal\n"
	    "measure: count hearing\n" "min: 2" I_BASIS "\n" "weight: 10\n"
	    "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:22:1: 'weight: 10" NO_BASIS);
	/* A yearly minimum. */
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1") "title: 听取\n"
	    "citation: 第五条\n" "binds: party_principal\n"
	    "measure: count hearing\n" "  min: 2\n" "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:21:3: 'min: 2" NO_BASIS);
	/* A grade cut-off and the shortest period. */
	expect_one("```ruleset\n" "id: t\n" "version: 1\n" "title: T\n"
	    "effective: 2020-09-09\n" "min-segment-days: 90" I_BASIS "\n"
	    "grade-excellent: 90" I_BASIS "\n" "grade-pass: 75\n"
	    "grade-basic-pass: 60" I_BASIS "\n" "```\n" KIND RULE_R1,
	    "lvzhi: t.md:8:1: 'grade-pass: 75" NO_BASIS);
	expect_one("```ruleset\n" "id: t\n" "version: 1\n" "title: T\n"
	    "effective: 2020-09-09\n" "min-segment-days: 90\n"
	    "grade-excellent: 90" I_BASIS "\n" "grade-pass: 75" I_BASIS "\n"
	    "grade-basic-pass: 60" I_BASIS "\n" "```\n" KIND RULE_R1,
	    "lvzhi: t.md:6:1: 'min-segment-days: 90" NO_BASIS);
	/* A deadline. */
	expect_one(RULESET REPORT_KIND "```rule\n" RULE_ID("f1")
	    "title: 报告\n" "citation: 第七条\n" "binds: party_principal\n"
	    "measure: filing report\n" "window: segment\n" "due: next 03-31\n"
	    "weight: 10" I_BASIS "\n" "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:24:1: 'due: next 03-31" NO_BASIS);
}

static void
test_bad_marks(void **state)
{
	(void)state;
	/* An interpretation must name a document and article, or be the
	 * default. */
	static const char *const bad[] = { "依惯例", "《某规定》",
		"《某规定》第条", "第二十四条", "本系统默认" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char src[4096];
		snprintf(src, sizeof src, "%s%s```rule\nid: r1\ntitle: 听取\n"
		    "citation: 第五条\nbinds: party_principal\n"
		    "measure: count hearing\nmin: 2" I_BASIS "\n"
		    "weight: 10 〔解释:%s〕\neffective: 2020-09-09\n```\n",
		    RULESET, KIND, bad[i]);
		expect_one(src, "lvzhi: t.md:22:16: 'weight': an interpretation "
		    "names its basis: a document and its article (《…》第…条) "
		    "or 本系统默认,由依法治省办确定\n");
	}
	/* A quote must stand in the regulation's text. */
	expect_one("正文:每年至少听取2次。\n" RULESET KIND "```rule\n"
	    RULE_ID("r1") RULE_BODY "```\n" "```rule\n" RULE_ID("r2")
	    "title: 听取\n" "citation: 第五条\n" "binds: party_principal\n"
	    "measure: count hearing\n" "min: 3 〔原文:每年至少听取3次〕\n"
	    "weight: 10" I_BASIS "\n" "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:32:12: 〔原文:每年至少听取3次〕 is not in the "
	    "regulation's text: quote its words as they stand, or mark the "
	    "value 〔解释:…〕\n");
	/* Words of a note or of a rule block are not the text. */
	expect_one("> 【实施说明】每年至少听取2次\n" RULESET KIND "```rule\n"
	    RULE_ID("r1") "title: 每年至少听取2次\n" "citation: 第五条\n"
	    "binds: party_principal\n" "measure: count hearing\n"
	    "min: 2 〔原文:每年至少听取2次〕\n" "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:22:12: 〔原文:每年至少听取2次〕 is not in the "
	    "regulation's text: quote its words as they stand, or mark the "
	    "value 〔解释:…〕\n");
	/* A title is not a value; a mark needs its colon. */
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1")
	    "title: 听取 〔解释:本系统默认,由依法治省办确定〕\n"
	    "citation: 第五条\n" "binds: party_principal\n"
	    "measure: count hearing\n" "min: 2" I_BASIS "\n"
	    "weight: 10" I_BASIS "\n" "effective: 2020-09-09\n" "```\n",
	    "lvzhi: t.md:17:15: 'title' is not a value: it takes no 〔原文〕 "
	    "or 〔解释〕 mark\n");
	expect_one(RULESET KIND "```rule\n" RULE_ID("r1") RULE_BODY
	    "until: 2030-01-01 〔解释 本系统默认〕\n" "```\n",
	    "lvzhi: t.md:24:19: a mark is '〔原文:QUOTE〕' or '〔解释:BASIS〕'\n");
	/* A bracket of the value itself is no mark. */
	struct parsed p = parse(RULESET KIND "```rule\n" RULE_ID("r1")
	    "title: 黔委办〔2020〕号\n" "citation: 第五条\n"
	    "binds: party_principal\n" "measure: count hearing\n"
	    "min: 2" I_BASIS "\n" "weight: 10" I_BASIS "\n"
	    "effective: 2020-09-09\n" "```\n");
	assert_int_equal(p.count, 0);
	assert_string_equal(p.c->rules[0].title, "黔委办〔2020〕号");
	parsed_free(&p);
}

static void
test_shipped_marks(void **state)
{
	(void)state;
	struct catalog *c = load_shipped();
	/* The ruleset's cut-offs, period and scale are interpretations. */
	static const char *const keys[] = { "grade-excellent", "grade-pass",
		"grade-basic-pass", "min-segment-days", "scale" };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const struct catalog_basis *b = catalog_ruleset_interp(c, keys[i]);
		if (b == NULL)
			fail_msg("%s is not marked as an interpretation", keys[i]);
		assert_string_equal(b->basis, CATALOG_DEFAULT_BASIS);
	}
	/* Every weight, minimum and deadline says where it comes from. */
	for (size_t i = 0; i < c->nrules; i++) {
		const struct catalog_rule *r = &c->rules[i];
		assert_non_null(catalog_rule_interp(r, "weight"));
		if (r->measure == MEASURE_COUNT)
			assert_non_null(catalog_rule_basis(r, "min"));
		if (r->due_set)
			assert_non_null(catalog_rule_interp(r, "due"));
	}
	/* The text gives the hearings and lectures; not the law study. */
	assert_int_equal(catalog_rule_basis(rule(c, "5.1-hearings"),
	    "min")->source, BASIS_TEXT);
	assert_int_equal(catalog_rule_basis(rule(c, "6.6-lectures"),
	    "min")->source, BASIS_TEXT);
	assert_string_equal(catalog_rule_interp(rule(c, "10-law-study"),
	    "min")->basis, CATALOG_DEFAULT_BASIS);
	/* The report's deadline rests on the 督察工作规定. */
	assert_non_null(strstr(catalog_rule_interp(rule(c,
	    "6.1-annual-report"), "due")->basis,
	    "《法治政府建设与责任落实督察工作规定》第二十四条"));
	assert_string_equal(catalog_rule_interp(rule(c, "7-year-end-report"),
	    "due")->basis, CATALOG_DEFAULT_BASIS);
	catalog_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_ok),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_repeated_key),
		cmocka_unit_test(test_repeated_detail_key),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_bad_date),
		cmocka_unit_test(test_bad_integer),
		cmocka_unit_test(test_unknown_measure),
		cmocka_unit_test(test_unknown_kind),
		cmocka_unit_test(test_kind_after_rule),
		cmocka_unit_test(test_require_true_not_bool),
		cmocka_unit_test(test_procedure_step_unknown),
		cmocka_unit_test(test_unclosed_block),
		cmocka_unit_test(test_no_ruleset),
		cmocka_unit_test(test_duplicate_rule),
		cmocka_unit_test(test_several_errors),
		cmocka_unit_test(test_field_labels),
		cmocka_unit_test(test_where),
		cmocka_unit_test(test_where_errors),
		cmocka_unit_test(test_marks_parsed),
		cmocka_unit_test(test_unmarked_refused),
		cmocka_unit_test(test_bad_marks),
		cmocka_unit_test(test_shipped_marks),
		cmocka_unit_test(test_finding_kind),
		cmocka_unit_test(test_shipped_duties),
		cmocka_unit_test(test_shipped_kinds),
		cmocka_unit_test(test_shipped_citations),
		cmocka_unit_test(test_shipped_fitted_duties),
		cmocka_unit_test(test_issue13_key_errors),
		cmocka_unit_test(test_threshold_is_data),
		cmocka_unit_test(test_shipped_equals_embedded),
		cmocka_unit_test(test_load_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
