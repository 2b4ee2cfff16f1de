/*
 * Unit tests of engine/measure: how records become verdicts.
 *
 * A small catalog is parsed from a string; each test builds a struct
 * evaluation, segments and tallies by hand (as eval.c does), offers
 * records through measure_in_window / measure_add with their JSON fields,
 * and checks measure_verdict: counts with pro-rating (ceil(N × days /
 * days in year), 2020 starting on the effective date, short segments),
 * filings (each shortcoming and its explanation, the organ-year window,
 * the next-year deadline window), procedures, absences and qualitative
 * scores.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/eval-int.h"

/* The mark every weight, minimum, deadline and cut-off must carry. */
#define I_BASIS " 〔解释:本系统默认,由依法治省办确定〕"
/* What an explanation says after a value so marked. */
#define I_NOTE "(本系统解释:本系统默认,由依法治省办确定)"

static const char catalog_text[] =
    "# 测试清单\n"
    "每年至少听取2次法治建设工作汇报。\n"
    "```ruleset\n"
    "id: m\n"
    "version: 1\n"
    "title: M\n"
    "effective: 2020-09-09\n"
    "min-segment-days: 90" I_BASIS "\n"
    "grade-excellent: 90" I_BASIS "\n"
    "grade-pass: 75" I_BASIS "\n"
    "grade-basic-pass: 60" I_BASIS "\n"
    "```\n"
    "```kind\n"
    "id: hearing\n"
    "label: 听取汇报\n"
    "```\n"
    "```kind\n"
    "id: report\n"
    "label: 情况报告\n"
    "field: about_year=所属年度 year\n"
    "field: recipients=报送对象 set party_committee=本级党委 "
    "npc_standing_committee=本级人大常委会 superior_government=上一级政府\n"
    "field: published_on=向社会公开日期 date\n"
    "```\n"
    "```kind\n"
    "id: yearend\n"
    "label: 年终述职\n"
    "field: about_year=所属年度 year\n"
    "field: includes_rule_of_law=列入法治建设情况 bool\n"
    "```\n"
    "```kind\n"
    "id: decision\n"
    "label: 重大行政决策\n"
    "field: steps=法定程序 dates public_participation=公众参与 "
    "expert_argumentation=专家论证 risk_assessment=风险评估 "
    "legality_review=合法性审查 collective_discussion=集体讨论决定\n"
    "```\n"
    "```kind\n"
    "id: finding\n"
    "label: 干预司法\n"
    "person: required\n"
    "```\n"
    "```rule\n"
    "id: count2\n"
    "title: 听取2次\n"
    "citation: 第五条\n"
    "binds: party_principal\n"
    "measure: count hearing\n"
    "min: 2 〔原文:每年至少听取2次〕\n"
    "weight: 10" I_BASIS "\n"
    "effective: 2020-09-09\n"
    "```\n"
    "```rule\n"
    "id: count3\n"
    "title: 听取3次\n"
    "citation: 第五条\n"
    "binds: party_principal\n"
    "measure: count hearing\n"
    "min: 3" I_BASIS "\n"
    "weight: 10" I_BASIS "\n"
    "effective: 2020-09-09\n"
    "```\n"
    "```rule\n"
    "id: count10\n"
    "title: 听取10次\n"
    "citation: 第五条\n"
    "binds: party_principal\n"
    "measure: count hearing\n"
    "min: 10" I_BASIS "\n"
    "weight: 10" I_BASIS "\n"
    "effective: 2020-09-09\n"
    "```\n"
    "```rule\n"
    "id: later\n"
    "title: 以后施行\n"
    "citation: 第五条\n"
    "binds: party_principal\n"
    "measure: count hearing\n"
    "min: 1" I_BASIS "\n"
    "weight: 10" I_BASIS "\n"
    "effective: 2026-01-01\n"
    "```\n"
    "```rule\n"
    "id: until\n"
    "title: 年中停止\n"
    "citation: 第五条\n"
    "binds: party_principal\n"
    "measure: count hearing\n"
    "min: 2" I_BASIS "\n"
    "weight: 10" I_BASIS "\n"
    "effective: 2020-09-09\n"
    "until: 2025-06-30\n"
    "```\n"
    "```rule\n"
    "id: annual\n"
    "title: 报告并公开上一年度情况\n"
    "citation: 第六条\n"
    "binds: government_principal\n"
    "measure: filing report\n"
    "about: previous-year\n"
    "window: year\n"
    "due: 03-31" I_BASIS "\n"
    "require-all: recipients party_committee npc_standing_committee "
    "superior_government\n"
    "require-date: published_on\n"
    "weight: 10" I_BASIS "\n"
    "effective: 2020-09-09\n"
    "```\n"
    "```rule\n"
    "id: yearend\n"
    "title: 年终述职\n"
    "citation: 第七条\n"
    "binds: party_principal government_principal\n"
    "measure: filing yearend\n"
    "about: year\n"
    "window: segment\n"
    "due: next 03-31" I_BASIS "\n"
    "require-true: includes_rule_of_law\n"
    "weight: 10" I_BASIS "\n"
    "effective: 2020-09-09\n"
    "```\n"
    "```rule\n"
    "id: proc\n"
    "title: 重大行政决策程序\n"
    "citation: 第六条\n"
    "binds: government_principal\n"
    "measure: procedure decision\n"
    "steps: public_participation expert_argumentation risk_assessment "
    "legality_review collective_discussion\n"
    "before: legality_review collective_discussion\n"
    "last: collective_discussion\n"
    "weight: 10" I_BASIS "\n"
    "effective: 2020-09-09\n"
    "```\n"
    "```rule\n"
    "id: veto\n"
    "title: 不得干预司法\n"
    "citation: 第五条\n"
    "binds: party_principal\n"
    "measure: absence finding\n"
    "match: person\n"
    "veto: yes\n"
    "weight: 0" I_BASIS "\n"
    "effective: 2020-09-09\n"
    "```\n"
    "```rule\n"
    "id: review\n"
    "title: 亲自部署\n"
    "citation: 第四条\n"
    "binds: party_principal\n"
    "measure: qualitative\n"
    "weight: 5" I_BASIS "\n"
    "effective: 2020-09-09\n"
    "```\n";

static struct catalog *cat;

struct fixture {
	struct evaluation e;
	struct arena *scratch;
	struct tally t;
	struct eval_duty out;
};

static int
group_setup(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d, stderr);
	cat = catalog_parse("measure.md", catalog_text, strlen(catalog_text),
	    &d);
	return cat == NULL ? -1 : 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	return 0;
}

static void
set_year(struct fixture *f, int year)
{
	f->e.period = eval_period_of(cat, year);
	f->e.scan_to = date_from_ymd(year + 1, 3, 31);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	f->e.c = cat;
	f->e.arena = arena_create();
	f->scratch = arena_create();
	set_year(f, 2025);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	arena_free(f->e.arena);
	arena_free(f->scratch);
	free(f);
	return 0;
}

static date_t
D(const char *s)
{
	date_t d;
	if (date_parse(s, &d))
		fail_msg("bad date in test: %s", s);
	return d;
}

static const struct catalog_rule *
R(const char *id)
{
	int i = catalog_rule_find(cat, id);
	if (i < 0)
		fail_msg("no rule %s", id);
	return &cat->rules[i];
}

/* A segment of person pk at organ 1 from..to. */
static struct segment
seg(int64_t pk, const char *from, const char *to, enum role role)
{
	struct segment g = { 0 };
	g.person = pk == 1 ? "p1" : "p2";
	g.organ = "o1";
	g.person_key = pk;
	g.organ_key = 1;
	g.role = role;
	g.coverage = COVERAGE_DIRECT;
	g.from = D(from);
	g.to = D(to);
	return g;
}

/*
 * Offers a record of organ 1 to rule `rule`'s tally t for segment g, as
 * the scan does: added only when in the window. Returns whether it was.
 */
static int
offer(struct fixture *f, const struct segment *g, const char *rule,
    struct tally *t, const char *id, const char *date, int64_t person,
    const char *doc)
{
	const struct catalog_rule *r = R(rule);
	struct store_record rec = { .organ_key = 1, .person_key = person,
		.id = id, .kind = cat->kinds[r->kind].id, .status = "submitted",
		.doc = doc, .date = D(date) };
	if (!measure_in_window(&f->e, g, r, rec.date, person))
		return 0;
	json_t *j = NULL;
	if (doc != NULL) {
		json_error_t err;
		j = json_loads(doc, 0, &err);
		if (j == NULL)
			fail_msg("bad JSON in test: %s", err.text);
	}
	measure_add(&f->e, r, t, &rec, j);
	json_decref(j);
	return 1;
}

static const struct eval_duty *
verdict(struct fixture *f, const struct segment *g, const char *rule,
    struct tally *t, const struct score_entry *sc)
{
	measure_verdict(&f->e, g, R(rule), t, sc, &f->out, f->scratch);
	return &f->out;
}

static void
assert_contains(const char *s, const char *part)
{
	if (s == NULL || strstr(s, part) == NULL)
		fail_msg("'%s' does not contain '%s'", s ? s : "(null)", part);
}

static void
assert_lacks(const char *s, const char *part)
{
	if (s != NULL && strstr(s, part) != NULL)
		fail_msg("'%s' contains '%s'", s, part);
}

/* ---- count ---- */

static void
test_count_met_unmet(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(1, "2025-01-01", "2025-12-31", ROLE_PARTY);
	assert_true(offer(f, &g, "count2", &f->t, "r1", "2025-03-01", 0,
	    NULL));
	const struct eval_duty *d = verdict(f, &g, "count2", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_true(d->has_counts);
	assert_int_equal(d->required, 2);
	assert_int_equal(d->actual, 1);
	assert_true(d->score > 49.99 && d->score < 50.01);
	assert_string_equal(d->explanation,
	    "听取汇报 1 次,要求至少 2 次,尚差 1 次");

	assert_true(offer(f, &g, "count2", &f->t, "r0", "2025-11-30", 0,
	    NULL));
	d = verdict(f, &g, "count2", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_int_equal(d->required, 2);
	assert_int_equal(d->actual, 2);
	assert_true(d->score > 99.99);
	assert_string_equal(d->explanation, "听取汇报 2 次,要求至少 2 次");
	/* Evidence is sorted whatever the scan order. */
	assert_int_equal(d->nevidence, 2);
	assert_string_equal(d->evidence[0], "r0");
	assert_string_equal(d->evidence[1], "r1");
}

/* Of the records a count counts, the verified ones are told apart
 * (actual_verified); the verdict counts the submitted ones alike. */
static void
test_count_verified(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(1, "2025-01-01", "2025-12-31", ROLE_PARTY);
	const struct catalog_rule *r = R("count2");
	struct store_record v = { .organ_key = 1, .id = "rv", .kind =
		cat->kinds[r->kind].id, .status = "verified",
		.date = D("2025-04-01") };
	assert_true(offer(f, &g, "count2", &f->t, "rs", "2025-03-01", 0,
	    NULL));
	const struct eval_duty *d = verdict(f, &g, "count2", &f->t, NULL);
	assert_int_equal(d->actual, 1);
	assert_int_equal(d->verified, 0);
	measure_add(&f->e, r, &f->t, &v, NULL);
	d = verdict(f, &g, "count2", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_int_equal(d->actual, 2);
	assert_int_equal(d->verified, 1);
}

static void
test_count_window(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(1, "2025-03-01", "2025-09-30", ROLE_PARTY);
	/* Segment ends are inclusive. */
	assert_false(offer(f, &g, "count2", &f->t, "a", "2025-02-28", 0, NULL));
	assert_true(offer(f, &g, "count2", &f->t, "b", "2025-03-01", 0, NULL));
	assert_true(offer(f, &g, "count2", &f->t, "c", "2025-09-30", 0, NULL));
	assert_false(offer(f, &g, "count2", &f->t, "d", "2025-10-01", 0, NULL));
	assert_false(offer(f, &g, "count2", &f->t, "e", "2024-06-01", 0, NULL));
	assert_int_equal(f->t.count, 2);
}

static void
test_count_short_segment(void **state)
{
	struct fixture *f = *state;
	/* 89 days: too short to judge. */
	struct segment g = seg(1, "2025-01-01", "2025-03-30", ROLE_PARTY);
	assert_true(offer(f, &g, "count2", &f->t, "a", "2025-02-01", 0, NULL));
	const struct eval_duty *d = verdict(f, &g, "count2", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_INSUFFICIENT_PERIOD);
	assert_false(d->has_counts);
	/* The 90 days are lvzhi's, and the explanation says so. */
	assert_contains(d->explanation, "任职 89 天,不足 90 天" I_NOTE
	    ",本项不作考核");
	/* 90 days: judged, ceil(2 × 90 / 365) = 1. */
	g = seg(1, "2025-01-01", "2025-03-31", ROLE_PARTY);
	d = verdict(f, &g, "count2", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_int_equal(d->required, 1);
}

static void
test_count_prorated_181_days(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(1, "2025-01-01", "2025-06-30", ROLE_PARTY);
	/* ceil(N × 181 / 365): 0.99 -> 1, 1.49 -> 2, 4.96 -> 5 */
	struct tally t2 = { 0 }, t3 = { 0 }, t10 = { 0 };
	assert_int_equal(verdict(f, &g, "count2", &t2, NULL)->required, 1);
	assert_int_equal(verdict(f, &g, "count10", &t10, NULL)->required, 5);
	assert_true(offer(f, &g, "count3", &t3, "a", "2025-06-30", 0, NULL));
	const struct eval_duty *d = verdict(f, &g, "count3", &t3, NULL);
	assert_int_equal(d->required, 2);
	assert_int_equal(d->actual, 1);
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_contains(d->explanation, "(任职 181 天,按全年 3 次折算)");
	assert_true(offer(f, &g, "count3", &t3, "b", "2025-01-01", 0, NULL));
	assert_int_equal(verdict(f, &g, "count3", &t3, NULL)->verdict,
	    VERDICT_MET);
	/* A full year has no pro-rating note. */
	g = seg(1, "2025-01-01", "2025-12-31", ROLE_PARTY);
	d = verdict(f, &g, "count3", &t3, NULL);
	assert_int_equal(d->required, 3);
	assert_lacks(d->explanation, "折算");
	/* A minimum the text does not give says so; count2's quotes it. */
	assert_string_equal(d->explanation, "听取汇报 2 次,要求至少 3 次"
	    I_NOTE ",尚差 1 次");
}

static void
test_count_prorated_leap_year(void **state)
{
	struct fixture *f = *state;
	set_year(f, 2024);
	/* 183 days of 366: ceil(2 × 183 / 366) = 1 (2 over 365 days), and
	 * ceil(10 × 183 / 366) = 5 exactly (6 over 365 days). */
	struct segment g = seg(1, "2024-01-01", "2024-07-01", ROLE_PARTY);
	struct tally t2 = { 0 }, t10 = { 0 };
	assert_int_equal(verdict(f, &g, "count2", &t2, NULL)->required, 1);
	assert_int_equal(verdict(f, &g, "count10", &t10, NULL)->required, 5);
}

static void
test_count_2020_from_effective_date(void **state)
{
	struct fixture *f = *state;
	set_year(f, 2020);
	assert_int_equal(f->e.period.from, D("2020-09-09"));
	assert_int_equal(f->e.period.to, D("2020-12-31"));
	/* A tenure from 2018 is clipped to the period: 114 days. */
	struct segment g = seg(1, "2020-09-09", "2020-12-31", ROLE_PARTY);
	assert_false(offer(f, &g, "count10", &f->t, "a", "2020-09-08", 0,
	    NULL));
	assert_true(offer(f, &g, "count10", &f->t, "b", "2020-09-09", 0, NULL));
	assert_true(offer(f, &g, "count10", &f->t, "c", "2020-10-01", 0, NULL));
	assert_true(offer(f, &g, "count10", &f->t, "d", "2020-12-31", 0, NULL));
	/* ceil(10 × 114 / 366) = ceil(3.11) = 4 */
	const struct eval_duty *d = verdict(f, &g, "count10", &f->t, NULL);
	assert_int_equal(d->required, 4);
	assert_int_equal(d->actual, 3);
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_contains(d->explanation, "任职 114 天");
	struct tally t2 = { 0 };
	assert_int_equal(verdict(f, &g, "count2", &t2, NULL)->required, 1);

	/* A year wholly before the rules has an empty period. */
	struct eval_period p = eval_period_of(cat, 2019);
	assert_true(p.from > p.to);
	p = eval_period_of(cat, 2021);
	assert_int_equal(p.from, D("2021-01-01"));
	assert_int_equal(p.to, D("2021-12-31"));
}

static void
test_rule_effective_and_until(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(1, "2025-01-01", "2025-12-31", ROLE_PARTY);
	/* Not yet in force. */
	assert_false(offer(f, &g, "later", &f->t, "a", "2025-05-01", 0, NULL));
	const struct eval_duty *d = verdict(f, &g, "later", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_NOT_APPLICABLE);
	assert_string_equal(d->explanation, "本项职责自 2026-01-01 起施行");
	/* Stopped on 2025-06-30: the window and the pro-rating end there. */
	struct tally t = { 0 };
	assert_true(offer(f, &g, "until", &t, "b", "2025-06-30", 0, NULL));
	assert_false(offer(f, &g, "until", &t, "c", "2025-07-01", 0, NULL));
	d = verdict(f, &g, "until", &t, NULL);
	assert_int_equal(d->required, 1); /* ceil(2 × 181 / 365) */
	assert_int_equal(d->verdict, VERDICT_MET);
	/* A segment wholly after it. */
	g = seg(1, "2025-07-01", "2025-12-31", ROLE_PARTY);
	d = verdict(f, &g, "until", &t, NULL);
	assert_int_equal(d->verdict, VERDICT_NOT_APPLICABLE);
	assert_string_equal(d->explanation, "本项职责已于 2025-06-30 停止施行");
}

/* ---- filing: the organ's annual report ---- */

#define ALL3 "[\"party_committee\",\"npc_standing_committee\"," \
	"\"superior_government\"]"

static void
test_filing_met(void **state)
{
	struct fixture *f = *state;
	/* The principal took office in July; the organ filed in March. */
	struct segment g = seg(2, "2025-07-01", "2025-12-31", ROLE_GOVERNMENT);
	assert_true(offer(f, &g, "annual", &f->t, "a1", "2025-03-10", 0,
	    "{\"about_year\":2024,\"recipients\":" ALL3 ","
	    "\"published_on\":\"2025-03-20\"}"));
	const struct eval_duty *d = verdict(f, &g, "annual", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_int_equal(d->required, 1);
	assert_int_equal(d->actual, 1);
	assert_int_equal(d->nevidence, 1);
	assert_string_equal(d->evidence[0], "a1");
	assert_string_equal(d->explanation,
	    "情况报告(2024 年度)符合要求:a1;截止日期 2025-03-31" I_NOTE);

	/* Both dates on the deadline itself are in time. */
	struct tally t = { 0 };
	assert_true(offer(f, &g, "annual", &t, "a2", "2025-03-31", 0,
	    "{\"about_year\":2024,\"recipients\":" ALL3 ","
	    "\"published_on\":\"2025-03-31\"}"));
	assert_int_equal(verdict(f, &g, "annual", &t, NULL)->verdict,
	    VERDICT_MET);
}

static void
test_filing_year_window(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(2, "2025-07-01", "2025-09-30", ROLE_GOVERNMENT);
	/* window: year — the organ's calendar year, whoever was in post. */
	const char *doc = "{}";
	assert_false(offer(f, &g, "annual", &f->t, "x", "2024-12-31", 0, doc));
	assert_true(offer(f, &g, "annual", &f->t, "x", "2025-01-01", 0, doc));
	assert_true(offer(f, &g, "annual", &f->t, "x", "2025-12-31", 0, doc));
	assert_false(offer(f, &g, "annual", &f->t, "x", "2026-01-02", 0, doc));
}

static void
test_filing_each_problem(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(2, "2025-01-01", "2025-12-31", ROLE_GOVERNMENT);
	static const struct {
		const char *date, *doc, *want, *not;
	} cases[] = {
		{ "2025-03-10", "{\"about_year\":2025,\"recipients\":" ALL3
		  ",\"published_on\":\"2025-03-20\"}",
		  "情况报告(2024 年度)不符合要求:x(2025-03-10);所属年度为 2025,"
		  "应为 2024", "截止" },
		{ "2025-04-01", "{\"about_year\":2024,\"recipients\":" ALL3
		  ",\"published_on\":\"2025-03-30\"}",
		  "x(2025-04-01);日期晚于截止日期 2025-03-31", "所属年度" },
		{ "2025-03-10", "{\"about_year\":2024,\"recipients\":"
		  "[\"party_committee\",\"superior_government\"],"
		  "\"published_on\":\"2025-03-20\"}",
		  ";报送对象缺少本级人大常委会", "本级党委" },
		{ "2025-03-10", "{\"about_year\":2024,\"recipients\":"
		  "[\"npc_standing_committee\"],"
		  "\"published_on\":\"2025-03-20\"}",
		  ";报送对象缺少本级党委、上一级政府", "人大" },
		{ "2025-03-10", "{\"about_year\":2024,"
		  "\"published_on\":\"2025-03-20\"}",
		  ";报送对象缺少本级党委、本级人大常委会、上一级政府", "截止" },
		{ "2025-03-10", "{\"about_year\":2024,\"recipients\":" ALL3 "}",
		  ";缺少向社会公开日期", "截止" },
		{ "2025-03-10", "{\"about_year\":2024,\"recipients\":" ALL3
		  ",\"published_on\":\"2025-04-01\"}",
		  ";向社会公开日期 2025-04-01 晚于截止日期 2025-03-31", "缺少" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tally t = { 0 };
		assert_true(offer(f, &g, "annual", &t, "x", cases[i].date, 0,
		    cases[i].doc));
		const struct eval_duty *d = verdict(f, &g, "annual", &t, NULL);
		if (d->verdict != VERDICT_UNMET)
			fail_msg("case %zu: not unmet", i);
		assert_int_equal(d->actual, 0);
		assert_int_equal(d->required, 1);
		assert_int_equal(d->nevidence, 1);
		assert_string_equal(d->evidence[0], "x");
		assert_contains(d->explanation, cases[i].want);
		assert_lacks(d->explanation, cases[i].not);
	}
}

static void
test_filing_none(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(2, "2025-01-01", "2025-12-31", ROLE_GOVERNMENT);
	const struct eval_duty *d = verdict(f, &g, "annual", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_int_equal(d->actual, 0);
	assert_int_equal(d->nevidence, 0);
	assert_string_equal(d->explanation,
	    "未见情况报告(2024 年度,截止日期 2025-03-31" I_NOTE ")");
}

static void
test_filing_best_candidate(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(2, "2025-01-01", "2025-12-31", ROLE_GOVERNMENT);
	const char *two = "{\"about_year\":2023,\"recipients\":" ALL3 "}";
	const char *one = "{\"about_year\":2024,\"recipients\":"
	    "[\"party_committee\"],\"published_on\":\"2025-03-01\"}";
	/* The explanation names the candidate closest to conforming, in
	 * either scan order. */
	for (int order = 0; order < 2; order++) {
		struct tally t = { 0 };
		if (order == 0)
			offer(f, &g, "annual", &t, "b1", "2025-02-01", 0, two);
		offer(f, &g, "annual", &t, "b2", "2025-02-01", 0, one);
		if (order == 1)
			offer(f, &g, "annual", &t, "b1", "2025-02-01", 0, two);
		const struct eval_duty *d = verdict(f, &g, "annual", &t, NULL);
		assert_int_equal(d->verdict, VERDICT_UNMET);
		assert_contains(d->explanation,
		    "b2(2025-02-01);报送对象缺少本级人大常委会、上一级政府");
		assert_lacks(d->explanation, "所属年度为");
		assert_int_equal(d->nevidence, 1);
		assert_string_equal(d->evidence[0], "b2");
	}
	/* One conforming filing among bad ones meets the duty, and only it
	 * is evidence. */
	struct tally t = { 0 };
	offer(f, &g, "annual", &t, "c1", "2025-02-01", 0, two);
	offer(f, &g, "annual", &t, "c2", "2025-02-01", 0,
	    "{\"about_year\":2024,\"recipients\":" ALL3 ","
	    "\"published_on\":\"2025-03-01\"}");
	offer(f, &g, "annual", &t, "c3", "2025-02-01", 0, one);
	const struct eval_duty *d = verdict(f, &g, "annual", &t, NULL);
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_int_equal(d->nevidence, 1);
	assert_string_equal(d->evidence[0], "c2");
}

/* ---- filing: the year-end report (segment window, next-year deadline) */

static void
test_filing_require_true(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(1, "2025-01-01", "2025-12-31", ROLE_PARTY);
	static const struct {
		const char *doc;
		enum verdict v;
	} cases[] = {
		{ "{\"about_year\":2025,\"includes_rule_of_law\":true}",
		  VERDICT_MET },
		{ "{\"about_year\":2025,\"includes_rule_of_law\":false}",
		  VERDICT_UNMET },
		{ "{\"about_year\":2025}", VERDICT_UNMET },
		{ "{\"about_year\":2024,\"includes_rule_of_law\":true}",
		  VERDICT_UNMET },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tally t = { 0 };
		assert_true(offer(f, &g, "yearend", &t, "y", "2025-12-20", 0,
		    cases[i].doc));
		const struct eval_duty *d = verdict(f, &g, "yearend", &t, NULL);
		if (d->verdict != cases[i].v)
			fail_msg("case %zu: verdict %s", i,
			    eval_verdict_name(d->verdict));
		if (i == 1 || i == 2)
			assert_contains(d->explanation, ";未列入法治建设情况");
		if (i == 3)
			assert_contains(d->explanation, "所属年度为 2024,应为 2025");
	}
}

static void
test_filing_next_year_window(void **state)
{
	struct fixture *f = *state;
	/* Person 1 until June, person 2 from July, at the same organ. */
	struct segment a = seg(1, "2025-01-01", "2025-06-30", ROLE_PARTY);
	struct segment b = seg(2, "2025-07-01", "2025-12-31", ROLE_PARTY);
	struct tally ta = { 0 }, tb = { 0 };
	const char *ok = "{\"about_year\":2025,\"includes_rule_of_law\":true}";

	/* Filed in the next year's first quarter, naming nobody: it is the
	 * report of whoever was in post on 31 December. */
	assert_false(offer(f, &a, "yearend", &ta, "n1", "2026-02-10", 0, ok));
	assert_true(offer(f, &b, "yearend", &tb, "n1", "2026-02-10", 0, ok));
	/* The deadline day counts, the day after does not. */
	assert_true(offer(f, &b, "yearend", &tb, "n2", "2026-03-31", 0, ok));
	assert_false(offer(f, &b, "yearend", &tb, "n3", "2026-04-01", 0, ok));
	/* Naming person 1: person 1's alone. */
	assert_true(offer(f, &a, "yearend", &ta, "n4", "2026-02-10", 1, ok));
	assert_false(offer(f, &b, "yearend", &tb, "n4", "2026-02-10", 1, ok));
	/* Dated inside person 1's time: theirs, not the successor's. */
	assert_true(offer(f, &a, "yearend", &ta, "n5", "2025-05-01", 0, ok));
	assert_false(offer(f, &b, "yearend", &tb, "n5", "2025-05-01", 0, ok));

	const struct eval_duty *d = verdict(f, &a, "yearend", &ta, NULL);
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_int_equal(d->actual, 2);
	d = verdict(f, &b, "yearend", &tb, NULL);
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_int_equal(d->actual, 2);
	assert_string_equal(d->evidence[0], "n1");
	assert_string_equal(d->evidence[1], "n2");

	/* Without a filing the explanation gives the next-year deadline. */
	struct tally none = { 0 };
	d = verdict(f, &a, "yearend", &none, NULL);
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_string_equal(d->explanation,
	    "未见年终述职(2025 年度,截止日期 2026-03-31" I_NOTE ")");
}

/* ---- procedure ---- */

static char *
decision(const char *pp, const char *ea, const char *ra, const char *lr,
    const char *cd)
{
	const char *names[] = { "public_participation", "expert_argumentation",
		"risk_assessment", "legality_review", "collective_discussion" };
	const char *dates[] = { pp, ea, ra, lr, cd };
	json_t *steps = json_object();
	for (int i = 0; i < 5; i++)
		if (dates[i] != NULL)
			json_object_set_new(steps, names[i], json_string(dates[i]));
	json_t *o = json_pack("{s:o}", "steps", steps);
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}


/* One decision with steps given as JSON, of status st, into a fresh
 * tally; its verdict. */
static const struct eval_duty *
decision_of(struct fixture *f, struct tally *t, const char *doc,
    const char *st)
{
	struct segment g = seg(2, "2025-01-01", "2025-12-31", ROLE_GOVERNMENT);
	const struct catalog_rule *r = R("proc");
	struct store_record rec = { .organ_key = 1, .id = "d1",
		.kind = cat->kinds[r->kind].id, .status = st, .doc = doc,
		.date = D("2025-06-01") };
	json_t *j = json_loads(doc, 0, NULL);
	assert_non_null(j);
	memset(t, 0, sizeof *t);
	measure_add(&f->e, r, t, &rec, j);
	json_decref(j);
	return verdict(f, &g, "proc", t, NULL);
}

/* One submitted decision with these step dates (NULL: absent). */
static const struct eval_duty *
one_decision(struct fixture *f, struct tally *t, const char *pp,
    const char *ea, const char *ra, const char *lr, const char *cd)
{
	char *doc = decision(pp, ea, ra, lr, cd);
	const struct eval_duty *d = decision_of(f, t, doc, "submitted");
	free(doc);
	return d;
}

static void
test_procedure(void **state)
{
	struct fixture *f = *state;
	struct tally t;
	const struct eval_duty *d = one_decision(f, &t, "2025-05-01",
	    "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05");
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_int_equal(d->required, 1);
	assert_int_equal(d->actual, 1);
	assert_string_equal(d->explanation,
	    "重大行政决策 1 项,均履行全部法定程序");
	assert_string_equal(d->evidence[0], "d1");

	/* Review on the day of the discussion is "on or before". */
	d = one_decision(f, &t, "2025-05-01", "2025-05-02", "2025-05-03",
	    "2025-05-05", "2025-05-05");
	assert_int_equal(d->verdict, VERDICT_MET);

	/* A missing step. */
	d = one_decision(f, &t, "2025-05-01", "2025-05-02", NULL,
	    "2025-05-04", "2025-05-05");
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_int_equal(d->actual, 0);
	assert_contains(d->explanation, "其中 1 项未履行全部法定程序:d1 缺少风险评估");
	assert_lacks(d->explanation, "公众参与");

	/* Legality review after the collective discussion. */
	d = one_decision(f, &t, "2025-05-01", "2025-05-02", "2025-05-03",
	    "2025-05-10", "2025-05-05");
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_contains(d->explanation, "d1 合法性审查晚于集体讨论决定");

	/* Review before the discussion, but another step after it. */
	d = one_decision(f, &t, "2025-05-01", "2025-05-20", "2025-05-03",
	    "2025-05-04", "2025-05-15");
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_contains(d->explanation,
	    "d1 专家论证在集体讨论决定之后,集体讨论决定不是最后环节");
	assert_lacks(d->explanation, "晚于");

	/* No steps object at all: every step is missing. */
	struct segment g = seg(2, "2025-01-01", "2025-12-31", ROLE_GOVERNMENT);
	memset(&t, 0, sizeof t);
	offer(f, &g, "proc", &t, "d9", "2025-06-01", 0, "{}");
	d = verdict(f, &g, "proc", &t, NULL);
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_contains(d->explanation,
	    "d9 缺少公众参与、专家论证、风险评估、合法性审查、集体讨论决定");
}

/* A conditional step marked not applicable counts once the record is
 * verified; a step the kind does not let go never does. */
static void
test_procedure_not_applicable(void **state)
{
	struct fixture *f = *state;
	struct tally t;
	const struct catalog_rule *r = R("proc");
	struct catalog_field *steps =
	    &cat->kinds[r->kind].fields[r->steps_field];
	unsigned saved = steps->waivable;
	steps->waivable = 0;
	for (size_t i = 0; i < steps->nvalues; i++)
		if (strcmp(steps->values[i], "legality_review") != 0 &&
		    strcmp(steps->values[i], "collective_discussion") != 0)
			steps->waivable |= 1u << i;
	const char *na = "{\"steps\":{\"public_participation\":"
	    "{\"not_applicable\":\"依法不予公开\"},\"expert_argumentation\":"
	    "\"2025-05-02\",\"risk_assessment\":\"2025-05-03\","
	    "\"legality_review\":\"2025-05-04\",\"collective_discussion\":"
	    "\"2025-05-05\"}}";
	const struct eval_duty *d = decision_of(f, &t, na, "verified");
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_contains(d->explanation, "均履行全部法定程序(公众参与、专家论证、"
	    "风险评估仅在《重大行政决策程序暂行条例》要求时履行");
	assert_contains(d->explanation, "合法性审查、集体讨论决定必须履行");
	d = decision_of(f, &t, na, "submitted");
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_contains(d->explanation, "d1 公众参与标记为不适用,记录尚未核实");
	assert_lacks(d->explanation, "缺少");
	d = decision_of(f, &t, "{\"steps\":{\"public_participation\":"
	    "\"2025-05-01\",\"expert_argumentation\":\"2025-05-02\","
	    "\"risk_assessment\":\"2025-05-03\",\"legality_review\":"
	    "{\"not_applicable\":\"无\"},\"collective_discussion\":"
	    "\"2025-05-05\"}}", "verified");
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_contains(d->explanation, "d1 缺少合法性审查");
	steps->waivable = saved;
}

static void
test_procedure_several_and_none(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(2, "2025-03-01", "2025-12-31", ROLE_GOVERNMENT);
	const struct eval_duty *d = verdict(f, &g, "proc", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_NOT_APPLICABLE);
	assert_false(d->has_counts);
	assert_string_equal(d->explanation, "本期间无重大行政决策");

	char *good = decision("2025-05-01", "2025-05-02", "2025-05-03",
	    "2025-05-04", "2025-05-05");
	char *bad = decision("2025-05-01", NULL, "2025-05-03", "2025-05-04",
	    "2025-05-05");
	/* Outside the segment: not this principal's decision. */
	assert_false(offer(f, &g, "proc", &f->t, "d0", "2025-02-28", 0, bad));
	assert_true(offer(f, &g, "proc", &f->t, "d1", "2025-06-01", 0, good));
	assert_true(offer(f, &g, "proc", &f->t, "d2", "2025-07-01", 0, bad));
	assert_true(offer(f, &g, "proc", &f->t, "d3", "2025-08-01", 0, bad));
	free(good);
	free(bad);
	d = verdict(f, &g, "proc", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_int_equal(d->required, 3);
	assert_int_equal(d->actual, 1);
	assert_int_equal(d->nevidence, 3);
	assert_contains(d->explanation, "重大行政决策 3 项,其中 2 项未履行");
	assert_contains(d->explanation, "d2 缺少专家论证;d3 缺少专家论证");
}

/* ---- absence ---- */

static void
test_absence(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(1, "2025-03-01", "2025-12-31", ROLE_PARTY);
	const struct eval_duty *d = verdict(f, &g, "veto", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_int_equal(d->required, 0);
	assert_int_equal(d->actual, 0);
	assert_string_equal(d->explanation, "未发现干预司法");

	/* A finding before the segment is the predecessor's. */
	assert_false(offer(f, &g, "veto", &f->t, "f0", "2025-02-01", 1, NULL));
	assert_true(offer(f, &g, "veto", &f->t, "f1", "2025-04-01", 1, NULL));
	d = verdict(f, &g, "veto", &f->t, NULL);
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_int_equal(d->actual, 1);
	assert_true(d->score < 0.01);
	assert_int_equal(d->nevidence, 1);
	assert_string_equal(d->evidence[0], "f1");
	assert_string_equal(d->explanation, "发现干预司法 1 起,一票否决");
}

/* ---- qualitative ---- */

static void
test_qualitative(void **state)
{
	struct fixture *f = *state;
	struct segment g = seg(1, "2025-01-01", "2025-12-31", ROLE_PARTY);
	const struct eval_duty *d = verdict(f, &g, "review", NULL, NULL);
	assert_int_equal(d->verdict, VERDICT_NEEDS_REVIEW);
	assert_false(d->scored);
	assert_false(d->has_counts);

	struct score_entry sc = { .rule = catalog_rule_find(cat, "review"),
		.score = 80, .by = "评议组", .comment = "台账完整" };
	d = verdict(f, &g, "review", NULL, &sc);
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_true(d->scored);
	assert_true(d->score > 79.99 && d->score < 80.01);
	assert_string_equal(d->scored_by, "评议组");
	assert_string_equal(d->comment, "台账完整");
	/* The pass mark is an interpretation, and says so. */
	assert_string_equal(d->explanation, "评分 80 分(评议组):台账完整;"
	    "达到达标线 60 分" I_NOTE);

	/* The basic-pass threshold (60) divides met from unmet. */
	sc.score = 60;
	sc.comment = NULL;
	d = verdict(f, &g, "review", NULL, &sc);
	assert_int_equal(d->verdict, VERDICT_MET);
	assert_string_equal(d->explanation, "评分 60 分(评议组);达到达标线 60 分"
	    I_NOTE);
	sc.score = 59.5;
	d = verdict(f, &g, "review", NULL, &sc);
	assert_int_equal(d->verdict, VERDICT_UNMET);
	assert_string_equal(d->explanation, "评分 59.5 分(评议组);低于达标线 "
	    "60 分" I_NOTE);
	assert_true(d->scored);
}

/* A catalog with a procedure of n steps, the last one named `last`. */
static char *
steps_catalog(int n, size_t *len)
{
	char *src = NULL;
	FILE *m = open_memstream(&src, len);
	fputs("```ruleset\nid: big\nversion: 1\ntitle: B\n"
	    "effective: 2020-09-09\nmin-segment-days: 90" I_BASIS "\n"
	    "grade-excellent: 90" I_BASIS "\ngrade-pass: 75" I_BASIS
	    "\ngrade-basic-pass: 60" I_BASIS "\n```\n"
	    "```kind\nid: decision\nlabel: 决策\nfield: steps dates", m);
	for (int i = 1; i <= n; i++)
		fprintf(m, " s%d", i);
	fputs("\n```\n```rule\nid: proc\ntitle: 程序\ncitation: 第六条\n"
	    "binds: government_principal\nmeasure: procedure decision\n"
	    "steps:", m);
	for (int i = 1; i <= n; i++)
		fprintf(m, " s%d", i);
	fprintf(m, "\nlast: s%d\nweight: 10" I_BASIS
	    "\neffective: 2020-09-09\n```\n", n);
	fclose(m);
	return src;
}

/*
 * Step dates are tracked in a fixed set of 32: the parser refuses more
 * (a regression test for an out-of-bounds read when `last` named the
 * 33rd step), and at the ceiling a missing last step is still noticed.
 */
static void
test_procedure_step_ceiling(void **state)
{
	(void)state;
	size_t len;
	struct diag d;
	diag_init(&d, NULL);
	char *src = steps_catalog(33, &len);
	struct catalog *c = catalog_parse("big.md", src, len, &d);
	free(src);
	assert_null(c);
	assert_true(d.count >= 1);

	src = steps_catalog(32, &len);
	diag_init(&d, stderr);
	c = catalog_parse("big.md", src, len, &d);
	free(src);
	assert_non_null(c);
	json_t *steps = json_object();
	for (int i = 1; i <= 31; i++) {
		char k[16];
		snprintf(k, sizeof k, "s%d", i);
		json_object_set_new(steps, k, json_string("2025-05-01"));
	}
	json_t *doc = json_pack("{s:o}", "steps", steps);
	struct evaluation e = { .c = c };
	e.period = eval_period_of(c, 2025);
	e.arena = arena_create();
	struct arena *a = arena_create();
	struct segment g = { .person_key = 1, .organ_key = 1,
		.from = date_from_ymd(2025, 1, 1),
		.to = date_from_ymd(2025, 12, 31) };
	struct tally t = { 0 };
	struct store_record rec = { .organ_key = 1, .id = "d1",
		.kind = "decision", .date = date_from_ymd(2025, 6, 1) };
	measure_add(&e, &c->rules[0], &t, &rec, doc);
	struct eval_duty out;
	measure_verdict(&e, &g, &c->rules[0], &t, NULL, &out, a);
	assert_int_equal(out.verdict, VERDICT_UNMET);
	assert_non_null(strstr(out.explanation, "s32"));
	json_decref(doc);
	arena_free(a);
	arena_free(e.arena);
	catalog_free(c);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_count_met_unmet),
		T(test_count_verified),
		T(test_count_window),
		T(test_count_short_segment),
		T(test_count_prorated_181_days),
		T(test_count_prorated_leap_year),
		T(test_count_2020_from_effective_date),
		T(test_rule_effective_and_until),
		T(test_filing_met),
		T(test_filing_year_window),
		T(test_filing_each_problem),
		T(test_filing_none),
		T(test_filing_best_candidate),
		T(test_filing_require_true),
		T(test_filing_next_year_window),
		T(test_procedure),
		T(test_procedure_not_applicable),
		T(test_procedure_several_and_none),
		T(test_absence),
		T(test_qualitative),
		cmocka_unit_test(test_procedure_step_ceiling),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
