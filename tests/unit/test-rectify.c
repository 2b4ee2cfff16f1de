/*
 * Unit tests of oversight/rectify: the rectification state machine as a
 * table of every state and action with the expected outcome, who may
 * make each move, what text each move needs, a whole order's life walked
 * through, and overdue at its boundaries (the deadline day itself is not
 * late; submitted and accepted orders never are).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "oversight/rectify.h"

#define REFUSED (-1)

/* state × action → the next state, or REFUSED. */
static const struct {
	enum rectify_state from;
	enum rectify_action action;
	int to;
} moves[] = {
	{ RECTIFY_ISSUED, RECTIFY_PROGRESS, RECTIFY_IN_PROGRESS },
	{ RECTIFY_ISSUED, RECTIFY_SUBMIT, REFUSED },
	{ RECTIFY_ISSUED, RECTIFY_ACCEPT, REFUSED },
	{ RECTIFY_ISSUED, RECTIFY_RETURN, REFUSED },
	{ RECTIFY_IN_PROGRESS, RECTIFY_PROGRESS, RECTIFY_IN_PROGRESS },
	{ RECTIFY_IN_PROGRESS, RECTIFY_SUBMIT, RECTIFY_SUBMITTED },
	{ RECTIFY_IN_PROGRESS, RECTIFY_ACCEPT, REFUSED },
	{ RECTIFY_IN_PROGRESS, RECTIFY_RETURN, REFUSED },
	{ RECTIFY_SUBMITTED, RECTIFY_PROGRESS, REFUSED },
	{ RECTIFY_SUBMITTED, RECTIFY_SUBMIT, REFUSED },
	{ RECTIFY_SUBMITTED, RECTIFY_ACCEPT, RECTIFY_ACCEPTED },
	{ RECTIFY_SUBMITTED, RECTIFY_RETURN, RECTIFY_IN_PROGRESS },
	{ RECTIFY_ACCEPTED, RECTIFY_PROGRESS, REFUSED },
	{ RECTIFY_ACCEPTED, RECTIFY_SUBMIT, REFUSED },
	{ RECTIFY_ACCEPTED, RECTIFY_ACCEPT, REFUSED },
	{ RECTIFY_ACCEPTED, RECTIFY_RETURN, REFUSED },
};

static void
test_table(void **state)
{
	(void)state;
	assert_int_equal(sizeof moves / sizeof moves[0],
	    RECTIFY_STATES * RECTIFY_ACTIONS);
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		enum rectify_state to = (enum rectify_state)99;
		const char *why = NULL;
		int rc = rectify_next(moves[i].from, moves[i].action, &to, &why);
		if (moves[i].to == REFUSED) {
			if (rc != -1 || why == NULL || *why == '\0')
				fail_msg("%s from %s should be refused with a reason",
				    rectify_action_name(moves[i].action),
				    rectify_state_name(moves[i].from));
			/* The reason is Chinese: the first byte starts a
			 * multi-byte UTF-8 character. */
			assert_true((unsigned char)why[0] >= 0xE0);
		} else {
			if (rc != 0 || (int)to != moves[i].to)
				fail_msg("%s from %s: got %d (%s), want %s",
				    rectify_action_name(moves[i].action),
				    rectify_state_name(moves[i].from), rc,
				    rc ? why : rectify_state_name(to),
				    rectify_state_name((enum rectify_state)
				    moves[i].to));
		}
	}
	/* Out of range is refused, not read past the table. */
	enum rectify_state to;
	const char *why = NULL;
	assert_int_equal(rectify_next((enum rectify_state)7, RECTIFY_SUBMIT,
	    &to, &why), -1);
	assert_non_null(why);
}

static void
test_who(void **state)
{
	(void)state;
	const char *why;
	for (int a = 0; a < RECTIFY_ACTIONS; a++)
		assert_true(rectify_may(RECTIFY_BY_OFFICE, (enum rectify_action)a,
		    NULL));
	assert_true(rectify_may(RECTIFY_BY_ORGAN, RECTIFY_PROGRESS, NULL));
	assert_true(rectify_may(RECTIFY_BY_ORGAN, RECTIFY_SUBMIT, NULL));
	why = NULL;
	assert_false(rectify_may(RECTIFY_BY_ORGAN, RECTIFY_ACCEPT, &why));
	assert_non_null(why);
	assert_non_null(strstr(why, "验收"));
	why = NULL;
	assert_false(rectify_may(RECTIFY_BY_ORGAN, RECTIFY_RETURN, &why));
	assert_non_null(strstr(why, "退回"));
}

static void
test_requires(void **state)
{
	(void)state;
	assert_string_equal(rectify_requires(RECTIFY_PROGRESS), "note");
	assert_string_equal(rectify_requires(RECTIFY_RETURN), "note");
	assert_string_equal(rectify_requires(RECTIFY_SUBMIT), "report");
	assert_null(rectify_requires(RECTIFY_ACCEPT));
}

/* An order's life: progress twice, submit, sent back, again, accepted;
 * after that nothing moves it. */
static void
test_walk(void **state)
{
	(void)state;
	static const enum rectify_action steps[] = { RECTIFY_PROGRESS,
		RECTIFY_PROGRESS, RECTIFY_SUBMIT, RECTIFY_RETURN,
		RECTIFY_PROGRESS, RECTIFY_SUBMIT, RECTIFY_ACCEPT };
	static const enum rectify_state after[] = { RECTIFY_IN_PROGRESS,
		RECTIFY_IN_PROGRESS, RECTIFY_SUBMITTED, RECTIFY_IN_PROGRESS,
		RECTIFY_IN_PROGRESS, RECTIFY_SUBMITTED, RECTIFY_ACCEPTED };
	enum rectify_state s = RECTIFY_ISSUED, to;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		assert_int_equal(rectify_next(s, steps[i], &to, NULL), 0);
		assert_int_equal(to, after[i]);
		s = to;
	}
	for (int a = 0; a < RECTIFY_ACTIONS; a++)
		assert_int_equal(rectify_next(s, (enum rectify_action)a, &to,
		    NULL), -1);
}

static void
test_overdue(void **state)
{
	(void)state;
	date_t deadline = date_from_ymd(2025, 6, 30);
	date_t before = deadline - 1, after = deadline + 1;
	assert_false(rectify_overdue(RECTIFY_ISSUED, deadline, before));
	assert_false(rectify_overdue(RECTIFY_ISSUED, deadline, deadline));
	assert_true(rectify_overdue(RECTIFY_ISSUED, deadline, after));
	assert_true(rectify_overdue(RECTIFY_IN_PROGRESS, deadline, after));
	assert_false(rectify_overdue(RECTIFY_SUBMITTED, deadline, after));
	assert_false(rectify_overdue(RECTIFY_ACCEPTED, deadline, after));
	assert_false(rectify_overdue(RECTIFY_ISSUED, DATE_NONE, after));
}

static void
test_names(void **state)
{
	(void)state;
	enum rectify_state s;
	enum rectify_action a;
	for (int i = 0; i < RECTIFY_STATES; i++) {
		assert_int_equal(rectify_state_parse(rectify_state_name(
		    (enum rectify_state)i), &s), 0);
		assert_int_equal(s, i);
		assert_true(strlen(rectify_state_label((enum rectify_state)i)) > 0);
	}
	for (int i = 0; i < RECTIFY_ACTIONS; i++) {
		assert_int_equal(rectify_action_parse(rectify_action_name(
		    (enum rectify_action)i), &a), 0);
		assert_int_equal(a, i);
	}
	assert_string_equal(rectify_state_name(RECTIFY_IN_PROGRESS),
	    "in_progress");
	assert_string_equal(rectify_state_label(RECTIFY_ACCEPTED), "已验收");
	assert_int_equal(rectify_state_parse("overdue", &s), -1);
	assert_int_equal(rectify_state_parse(NULL, &s), -1);
	assert_int_equal(rectify_action_parse("approve", &a), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_who),
		cmocka_unit_test(test_requires),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
