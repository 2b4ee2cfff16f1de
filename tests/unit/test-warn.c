/*
 * Unit tests of the rectification part of engine/warn: which orders are
 * warned of (open ones only; overdue from the day after the deadline, due
 * within WARN_RECT_HORIZON days and not a day earlier), how they rank
 * beside each other, and the Chinese sentence each gets.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_states_only),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_ranking),
		cmocka_unit_test(test_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
