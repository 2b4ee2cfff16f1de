/*
 * Unit tests of the rectification part of engine/warn: which orders are
 * warned of (open ones only; overdue from the day after the deadline, due
 * within WARN_RECT_HORIZON days and not a day earlier), how they rank
 * beside each other, and the Chinese sentence each gets; a duty's
 * sentence says when its deadline or minimum is lvzhi's interpretation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "engine/warn.h"

static date_t
day(const char *s)
{
	date_t d;
	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static void
test_open_states_only(void **state)
{
	(void)state;
	date_t today = day("2026-11-27");
	struct warning w;
	/* Past the deadline, due tomorrow: warned while with the organ. */
	for (int s = 0; s < RECTIFY_STATES; s++) {
		int open = s == RECTIFY_ISSUED || s == RECTIFY_IN_PROGRESS;
		assert_int_equal(warn_rectification(today, (enum rectify_state)s,
		    day("2026-11-01"), &w), open ? 2 : 0);
		assert_int_equal(warn_rectification(today, (enum rectify_state)s,
		    day("2026-11-28"), &w), open ? 1 : 0);
	}
}

static void
test_boundaries(void **state)
{
	(void)state;
	date_t today = day("2026-11-27");
	struct warning w;
	/* The deadline day itself is not late, and is due in 0 days. */
	assert_int_equal(warn_rectification(today, RECTIFY_ISSUED, today, &w), 1);
	assert_int_equal(w.kind, WARN_RECT_DUE);
	assert_int_equal(w.days, 0);
	/* The day after: one day late. */
	assert_int_equal(warn_rectification(today, RECTIFY_IN_PROGRESS,
	    today - 1, &w), 2);
	assert_int_equal(w.kind, WARN_RECTIFICATION);
	assert_int_equal(w.days, 1);
	assert_int_equal(w.due, today - 1);
	/* Exactly the horizon ahead: due; one day more: nothing. */
	assert_int_equal(warn_rectification(today, RECTIFY_ISSUED,
	    today + WARN_RECT_HORIZON, &w), 1);
	assert_int_equal(w.days, WARN_RECT_HORIZON);
	assert_int_equal(w.weeks, WARN_RECT_HORIZON / 7);
	assert_int_equal(warn_rectification(today, RECTIFY_ISSUED,
	    today + WARN_RECT_HORIZON + 1, &w), 0);
}

static void
test_ranking(void **state)
{
	(void)state;
	date_t today = day("2026-11-27");
	struct warning late, later, soon, sooner;
	assert_int_equal(warn_rectification(today, RECTIFY_ISSUED, today - 3,
	    &late), 2);
	assert_int_equal(warn_rectification(today, RECTIFY_ISSUED, today - 90,
	    &later), 2);
	assert_int_equal(warn_rectification(today, RECTIFY_ISSUED, today + 12,
	    &soon), 1);
	assert_int_equal(warn_rectification(today, RECTIFY_ISSUED, today + 2,
	    &sooner), 1);
	/* Longer overdue is worse; any overdue is worse than any due; the
	 * nearer deadline is worse. */
	assert_true(warn_worse(&later, &late));
	assert_false(warn_worse(&late, &later));
	assert_true(warn_worse(&late, &sooner));
	assert_true(warn_worse(&sooner, &soon));
	assert_false(warn_worse(&soon, &sooner));
}

static void
test_text(void **state)
{
	(void)state;
	date_t today = day("2026-11-27");
	struct warning w;
	char out[256];
	assert_int_equal(warn_rectification(today, RECTIFY_ISSUED,
	    day("2026-11-20"), &w), 2);
	warn_text(&w, NULL, out, sizeof out);
	assert_string_equal(out, "整改尚未完成,已逾期 7 天(截止 2026-11-20)");
	assert_int_equal(warn_rectification(today, RECTIFY_IN_PROGRESS,
	    day("2026-12-05"), &w), 1);
	warn_text(&w, NULL, out, sizeof out);
	assert_string_equal(out, "整改期限将至,距截止日期 2026-12-05 还有 8 天");
	/* A small buffer gets a terminated prefix. */
	char small[8];
	warn_text(&w, NULL, small, sizeof small);
	assert_int_equal(strlen(small) < sizeof small, 1);
}

static void
test_duty_text_interpretation(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d, stderr);
	struct catalog *c = catalog_load("rules/guizhou-2020.md", &d);
	assert_non_null(c);
	struct warning w = { .kind = WARN_AT_RISK, .required = 2, .actual = 1,
		.weeks = 3 };
	char out[512];
	/* The text gives the hearings' two; the law study's two is lvzhi's. */
	w.rule = &c->rules[catalog_rule_find(c, "5.1-hearings")];
	warn_text(&w, c, out, sizeof out);
	assert_string_equal(out, "党委听取法治建设工作汇报 1/2 次,剩余 3 周");
	w.rule = &c->rules[catalog_rule_find(c, "10-law-study")];
	warn_text(&w, c, out, sizeof out);
	assert_string_equal(out, "集体学法 1/2 次(本系统解释:本系统默认,"
	    "由依法治省办确定),剩余 3 周");
	/* An overdue report: its deadline rests on the 督察工作规定. */
	w.kind = WARN_OVERDUE_FILING;
	w.rule = &c->rules[catalog_rule_find(c, "6.1-annual-report")];
	w.due = day("2026-03-31");
	w.days = 5;
	warn_text(&w, c, out, sizeof out);
	assert_string_equal(out, "上一年度法治政府建设情况报告 尚未完成,已逾期 5 天"
	    "(截止 2026-03-31)(本系统解释:《法治政府建设与责任落实督察工作规定》"
	    "第二十四条(每年4月1日之前向社会公开))");
	catalog_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_states_only),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_ranking),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_duty_text_interpretation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
