/*
 * Unit tests of src/oversight/procedure.c against an independent statement
 * of the same procedure: every pair of states for every role (allowed,
 * refused by state with 409, refused by role with 403), what each move
 * requires and the reason when it is missing, the decision forms of each
 * target, the dates a move takes, the appeal window's edges, the appeal
 * result, and the deadlines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "oversight/procedure.h"

#define O PROC_BY_OFFICE
#define D PROC_BY_DISCIPLINE

static date_t
day(const char *s)
{
	date_t d;
	if (date_parse(s, &d) != 0)
		fail_msg("bad date '%s'", s);
	return d;
}

/* A case in state s that holds everything any move needs. */
static struct proc_case
full(enum proc_state s)
{
	return (struct proc_case){
		.target = PROC_CADRE, .state = s,
		.investigation = "查明:未按要求听取汇报。",
		.statement = "本人对调查认定的事实无异议。",
		.decision_form = "admonish", .decision = "给予诫勉。",
		.execution = "已谈话诫勉,材料存档。", .note = "理由",
		.opened_on = day("2025-03-01"), .last_step_on = DATE_NONE,
		.decided_on = DATE_NONE, .appeal_on = DATE_NONE,
	};
}

/*
 * The expected procedure, written out by hand: who (O, D) may go from
 * each state to each other; 0 where the procedure has no such move.
 */
static const unsigned expect[PROC_STATES][PROC_STATES] = {
	[PROC_STARTED] = { [PROC_INVESTIGATING] = O | D,
	    [PROC_DISMISSED] = O | D },
	[PROC_INVESTIGATING] = { [PROC_STATEMENT] = D,
	    [PROC_DISMISSED] = O | D },
	[PROC_STATEMENT] = { [PROC_DECIDED] = O | D, [PROC_DISMISSED] = O | D },
	[PROC_DECIDED] = { [PROC_EXECUTING] = O | D },
	[PROC_EXECUTING] = { [PROC_CLOSED] = O | D },
	[PROC_CLOSED] = { 0 },
	[PROC_DISMISSED] = { 0 },
};

static void
test_every_move(void **state)
{
	(void)state;
	static const unsigned roles[] = { O, D, O | D };
	int allowed = 0, refused = 0;
	for (int f = 0; f < PROC_STATES; f++)
		for (int t = 0; t < PROC_STATES; t++) {
			const struct proc_move *m = proc_find((enum proc_state)f,
			    (enum proc_state)t);
			assert_int_equal(m != NULL, expect[f][t] != 0);
			for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
				struct proc_refusal why = { 0, NULL, NULL };
				struct proc_case c = full((enum proc_state)f);
				if (f == PROC_DECIDED || f == PROC_EXECUTING)
					c.decided_on = day("2025-06-01");
				int ok = proc_check(&c, (enum proc_state)t, roles[i],
				    &why);
				int want = (expect[f][t] & roles[i]) != 0;
				if (ok != want)
					fail_msg("%s → %s by %u: got %d, want %d (%s)",
					    proc_state_name((enum proc_state)f),
					    proc_state_name((enum proc_state)t), roles[i], ok,
					    want, why.reason ? why.reason : "");
				if (ok) {
					allowed++;
					continue;
				}
				refused++;
				assert_non_null(why.reason);
				assert_true(strlen(why.reason) > 0);
				/* Refused by role: 403; by the state: 409. */
				assert_int_equal(why.status, expect[f][t] ? 403 : 409);
			}
		}
	/* 8 moves; 7 for either role and 1 for discipline only. */
	assert_int_equal(allowed, 7 * 3 + 2);
	assert_int_equal(refused, PROC_STATES * PROC_STATES * 3 - allowed);
	assert_int_equal(proc_nmoves, 8);
}

static void
test_state_reasons(void **state)
{
	(void)state;
	struct proc_refusal why;
	/* Deciding before the statement (from investigating). */
	assert_false(proc_may(PROC_INVESTIGATING, PROC_DECIDED, O | D, &why));
	assert_int_equal(why.status, 409);
	assert_non_null(strstr(why.reason, "陈述和申辩"));
	/* Closed and dismissed cases are over. */
	assert_false(proc_may(PROC_CLOSED, PROC_EXECUTING, O | D, &why));
	assert_non_null(strstr(why.reason, "结案"));
	assert_false(proc_may(PROC_DISMISSED, PROC_INVESTIGATING, O | D, &why));
	assert_non_null(strstr(why.reason, "不予问责"));
	/* No dismissal after a decision. */
	assert_false(proc_may(PROC_DECIDED, PROC_DISMISSED, O | D, &why));
	assert_int_equal(why.status, 409);
	/* Only discipline closes an investigation; the office is told why. */
	assert_false(proc_may(PROC_INVESTIGATING, PROC_STATEMENT, O, &why));
	assert_int_equal(why.status, 403);
	assert_non_null(strstr(why.reason, "纪检监察"));
	/* Nobody (no role bits) may do anything. */
	assert_false(proc_may(PROC_STARTED, PROC_INVESTIGATING, 0, &why));
	assert_int_equal(why.status, 403);
	/* Staying put is no move. */
	assert_false(proc_may(PROC_STATEMENT, PROC_STATEMENT, O | D, &why));
	assert_int_equal(why.status, 409);
	/* Out of range. */
	assert_false(proc_may(PROC_STARTED, PROC_STATES, O | D, &why));
	assert_int_equal(why.status, 400);
}

/* The move to `to` refused for lack of `field`, with status. */
static void
missing(struct proc_case c, enum proc_state to, const char *field,
    unsigned status)
{
	struct proc_refusal why = { 0, NULL, NULL };
	assert_false(proc_ready(&c, to, &why));
	assert_int_equal(why.status, status);
	assert_non_null(why.field);
	assert_string_equal(why.field, field);
	assert_non_null(why.reason);
}

static void
test_requirements(void **state)
{
	(void)state;
	struct proc_refusal why;
	struct proc_case c = full(PROC_INVESTIGATING);
	c.investigation = NULL;
	missing(c, PROC_STATEMENT, "investigation", 409);
	c.investigation = "";
	missing(c, PROC_STATEMENT, "investigation", 409);
	c.investigation = "查明";
	assert_true(proc_ready(&c, PROC_STATEMENT, &why));
	/* No text needed to start or to execute. */
	struct proc_case bare = { .state = PROC_STARTED, .target = PROC_CADRE,
		.opened_on = DATE_NONE, .decided_on = DATE_NONE,
		.appeal_on = DATE_NONE };
	assert_true(proc_ready(&bare, PROC_INVESTIGATING, &why));
	bare.state = PROC_DECIDED;
	assert_true(proc_ready(&bare, PROC_EXECUTING, &why));

	/* A decision: the statement or a waiver, a form, the text. */
	c = full(PROC_STATEMENT);
	c.statement = NULL;
	missing(c, PROC_DECIDED, "statement", 409);
	c.waived = 1;
	assert_true(proc_ready(&c, PROC_DECIDED, &why));
	c.decision_form = NULL;
	missing(c, PROC_DECIDED, "decision_form", 409);
	c.decision_form = "no-such-form";
	missing(c, PROC_DECIDED, "decision_form", 400);
	c.decision_form = "诫勉"; /* the label is as good as the id */
	assert_true(proc_ready(&c, PROC_DECIDED, &why));
	c.decision = " ";
	assert_true(proc_ready(&c, PROC_DECIDED, &why)); /* present: not empty */
	c.decision = NULL;
	missing(c, PROC_DECIDED, "decision", 409);

	c = full(PROC_EXECUTING);
	c.execution = NULL;
	missing(c, PROC_CLOSED, "execution", 409);

	/* Dismissal needs a reason, from each state it is allowed in. */
	for (int s = PROC_STARTED; s <= PROC_STATEMENT; s++) {
		c = full((enum proc_state)s);
		c.note = NULL;
		missing(c, PROC_DISMISSED, "note", 409);
		c.note = "经调查,不存在应予问责的情形";
		assert_true(proc_ready(&c, PROC_DISMISSED, &why));
	}
	/* No such move: refused by state. */
	c = full(PROC_STARTED);
	assert_false(proc_ready(&c, PROC_CLOSED, &why));
	assert_int_equal(why.status, 409);
}

static void
test_forms(void **state)
{
	(void)state;
	static const struct {
		const char *form;
		int cadre, organization;
	} want[] = {
		{ "检查", 0, 1 },
		{ "通报", 1, 1 },
		{ "改组", 0, 1 },
		{ "诫勉", 1, 0 },
		{ "组织调整或者组织处理", 1, 0 },
		{ "纪律处分", 1, 0 },
	};
	assert_int_equal(proc_nforms, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct proc_form *f = proc_form_find(want[i].form);
		assert_non_null(f);
		assert_ptr_equal(proc_form_find(f->id), f);
		assert_int_equal(proc_form_fits(f, PROC_CADRE), want[i].cadre);
		assert_int_equal(proc_form_fits(f, PROC_ORGANIZATION),
		    want[i].organization);
		/* Through the decision move: a misfit is refused with 409
		 * and the form's own reason. */
		for (int t = 0; t < PROC_TARGETS; t++) {
			struct proc_case c = full(PROC_STATEMENT);
			struct proc_refusal why = { 0, NULL, NULL };
			c.target = (enum proc_target)t;
			c.decision_form = f->id;
			int fits = t == PROC_CADRE ? want[i].cadre :
			    want[i].organization;
			assert_int_equal(proc_check(&c, PROC_DECIDED, O, &why), fits);
			if (!fits) {
				assert_int_equal(why.status, 409);
				assert_string_equal(why.field, "decision_form");
				assert_ptr_equal(why.reason, f->wrong_target);
				assert_non_null(strstr(why.reason, f->label));
			}
		}
	}
	assert_null(proc_form_find("警告"));
	assert_null(proc_form_find(NULL));
	assert_false(proc_form_fits(NULL, PROC_CADRE));
}

static void
test_dates(void **state)
{
	(void)state;
	struct proc_refusal why;
	struct proc_case c = full(PROC_STATEMENT);
	date_t today = day("2026-05-10");
	assert_true(proc_date_check(&c, PROC_DECIDED, DATE_NONE, today, &why));
	assert_true(proc_date_check(&c, PROC_DECIDED, today, today, &why));
	assert_true(proc_date_check(&c, PROC_DECIDED, day("2025-03-01"), today,
	    &why));
	assert_false(proc_date_check(&c, PROC_DECIDED, today + 1, today, &why));
	assert_int_equal(why.status, 400);
	assert_string_equal(why.field, "date");
	/* Not before the case was opened: a decision dated before it would
	 * close its own appeal window before it opened. */
	assert_false(proc_date_check(&c, PROC_DECIDED, day("2025-02-28"), today,
	    &why));
	assert_int_equal(why.status, 400);
	assert_false(proc_date_check(&c, PROC_DECIDED, day("2019-06-01"), today,
	    &why));
	/* Nor before the step it follows. */
	c.last_step_on = day("2026-04-01");
	assert_false(proc_date_check(&c, PROC_DECIDED, day("2026-03-31"), today,
	    &why));
	assert_string_equal(why.field, "date");
	assert_true(proc_date_check(&c, PROC_DECIDED, day("2026-04-01"), today,
	    &why));
	c.last_step_on = DATE_NONE;
	c = full(PROC_EXECUTING);
	c.decided_on = day("2026-03-01");
	assert_true(proc_date_check(&c, PROC_CLOSED, day("2026-03-01"), today,
	    &why));
	assert_false(proc_date_check(&c, PROC_CLOSED, day("2026-02-28"), today,
	    &why));
	assert_int_equal(why.status, 400);
	assert_false(proc_date_check(&c, PROC_CLOSED, today + 1, today, &why));
	c.decided_on = DATE_NONE;
	assert_false(proc_date_check(&c, PROC_CLOSED, day("2025-02-01"), today,
	    &why));
	/* Other steps take no date. */
	c = full(PROC_STARTED);
	assert_false(proc_date_check(&c, PROC_INVESTIGATING, today, today,
	    &why));
	assert_int_equal(why.status, 400);
}

static struct proc_case
decided_on(enum proc_state s, const char *d)
{
	struct proc_case c = full(s);
	c.decided_on = day(d);
	return c;
}

static void
test_appeal_window(void **state)
{
	(void)state;
	struct proc_refusal why;
	date_t today = day("2026-12-31");
	static const struct {
		const char *decided, *on;
		int ok;
		unsigned status;
	} cases[] = {
		{ "2025-03-15", "2025-03-15", 1, 0 },   /* the day served */
		{ "2025-03-15", "2025-04-15", 1, 0 },   /* the last day */
		{ "2025-03-15", "2025-04-16", 0, 409 }, /* a day late */
		{ "2025-03-15", "2025-03-14", 0, 400 }, /* before the decision */
		{ "2025-01-31", "2025-02-28", 1, 0 },   /* a short month */
		{ "2025-01-31", "2025-03-01", 0, 409 },
		{ "2024-01-31", "2024-02-29", 1, 0 },   /* a leap February */
		{ "2024-01-31", "2024-03-01", 0, 409 },
		{ "2025-12-20", "2026-01-20", 1, 0 },   /* across a year */
		{ "2025-12-20", "2026-01-21", 0, 409 },
		{ "2026-12-15", "2027-01-02", 0, 400 }, /* in the future */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (int s = PROC_DECIDED; s <= PROC_CLOSED; s++) {
			struct proc_case c = decided_on((enum proc_state)s,
			    cases[i].decided);
			why.status = 0;
			int ok = proc_appeal_check(&c, day(cases[i].on), today, O,
			    &why);
			if (ok != cases[i].ok || (!ok && why.status !=
			    cases[i].status))
				fail_msg("decided %s, appeal %s in %s: %d (%u %s)",
				    cases[i].decided, cases[i].on,
				    proc_state_name((enum proc_state)s), ok, why.status,
				    ok ? "" : why.reason);
			if (!ok)
				assert_string_equal(why.field, "appeal_on");
		}
	struct proc_case c = decided_on(PROC_EXECUTING, "2025-01-31");
	assert_int_equal(proc_appeal_deadline(&c), day("2025-02-28"));
	/* The deadline stays put once an appeal is filed. */
	c.appeal_on = day("2025-02-01");
	assert_int_equal(proc_appeal_deadline(&c), day("2025-02-28"));
	/* One appeal only. */
	assert_false(proc_appeal_check(&c, day("2025-02-02"), today, O, &why));
	assert_int_equal(why.status, 409);
	/* Recorded by the office or discipline, nobody else. */
	c = decided_on(PROC_EXECUTING, "2025-01-31");
	assert_true(proc_appeal_check(&c, day("2025-02-02"), today, D, &why));
	assert_false(proc_appeal_check(&c, day("2025-02-02"), today, 0, &why));
	assert_int_equal(why.status, 403);
	/* Nothing to appeal before a decision, or after a dismissal. */
	for (int s = PROC_STARTED; s <= PROC_STATEMENT; s++) {
		c = full((enum proc_state)s);
		assert_false(proc_appeal_check(&c, today, today, O, &why));
		assert_int_equal(why.status, 409);
	}
	c = full(PROC_DISMISSED);
	assert_false(proc_appeal_check(&c, today, today, O, &why));
	assert_int_equal(why.status, 409);
	assert_int_equal(proc_appeal_deadline(&c), DATE_NONE);
}

static void
test_appeal_result(void **state)
{
	(void)state;
	struct proc_refusal why;
	struct proc_case c = decided_on(PROC_EXECUTING, "2025-03-01");
	/* No appeal yet. */
	assert_false(proc_result_check(&c, O, &why));
	assert_int_equal(why.status, 409);
	c.appeal_on = day("2025-03-10");
	assert_true(proc_result_check(&c, O, &why));
	assert_true(proc_result_check(&c, O | D, &why));
	/* The office decides; discipline is told why not. */
	assert_false(proc_result_check(&c, D, &why));
	assert_int_equal(why.status, 403);
	c.appeal_result = "upheld";
	assert_false(proc_result_check(&c, O, &why));
	assert_int_equal(why.status, 409);
	/* The three results, by id or label; a change or revocation needs
	 * a note. */
	static const struct {
		const char *id, *label;
		int note;
	} want[] = {
		{ "upheld", "维持", 0 }, { "changed", "变更", 1 },
		{ "revoked", "撤销", 1 },
	};
	/* Where each leaves the case: 维持 where it is, 撤销 ended without
	 * execution, 变更 back to a new decision. */
	static const int to[] = { -1, PROC_STATEMENT, PROC_DISMISSED };
	assert_int_equal(proc_nresults, 3);
	for (size_t i = 0; i < 3; i++) {
		const struct proc_result *r = proc_result_find(want[i].id);
		assert_non_null(r);
		assert_ptr_equal(proc_result_find(want[i].label), r);
		assert_int_equal(r->needs_note, want[i].note);
		assert_int_equal(r->to, to[i]);
	}
	assert_null(proc_result_find("驳回"));
	/* After 变更 the case is decided again, not dropped. */
	struct proc_case k = full(PROC_STATEMENT);
	k.appeal_on = day("2025-03-10");
	k.appeal_result = "changed";
	assert_true(proc_ready(&k, PROC_DECIDED, &why));
	assert_false(proc_ready(&k, PROC_DISMISSED, &why));
	assert_int_equal(why.status, 409);
	assert_non_null(strstr(why.reason, "重新作出问责决定"));
	/* Dismissed after 撤销: nothing moves it, nothing is appealed. */
	k = decided_on(PROC_DISMISSED, "2025-03-01");
	for (int s = 0; s < PROC_STATES; s++)
		assert_false(proc_may(PROC_DISMISSED, (enum proc_state)s, O | D,
		    &why));
	assert_false(proc_appeal_check(&k, day("2025-03-05"),
	    day("2025-03-06"), O, &why));
	assert_int_equal(why.status, 409);
}

/* The investigator does not decide, nor decide not to; anyone else may,
 * and the investigator may take every other step. */
static void
test_separation(void **state)
{
	(void)state;
	struct proc_refusal why;
	struct proc_case c = full(PROC_STATEMENT);
	c.investigator = "discipline";
	c.actor = "discipline";
	assert_false(proc_separate(&c, PROC_DECIDED, &why));
	assert_int_equal(why.status, 403);
	assert_non_null(strstr(why.reason, "调查人员不能作出问责决定"));
	assert_false(proc_separate(&c, PROC_DISMISSED, &why));
	assert_false(proc_check(&c, PROC_DECIDED, D, &why));
	assert_int_equal(why.status, 403);
	/* Another account decides (the role allowing). */
	c.actor = "gz-office";
	assert_true(proc_separate(&c, PROC_DECIDED, &why));
	assert_true(proc_check(&c, PROC_DECIDED, O, &why));
	/* Before the investigation is over, dropping the case is not a
	 * decision on it: the handler may. */
	struct proc_case early = full(PROC_INVESTIGATING);
	early.investigator = early.actor = "discipline";
	assert_true(proc_separate(&early, PROC_DISMISSED, &why));
	/* After the decision the handler oversees execution. */
	struct proc_case later = full(PROC_DECIDED);
	later.investigator = later.actor = "discipline";
	assert_true(proc_separate(&later, PROC_EXECUTING, &why));
	/* Nobody known: nothing to compare (a listing's view). */
	c.actor = NULL;
	assert_true(proc_separate(&c, PROC_DECIDED, &why));
}

/* A waiver: in the statement stage, once, before any statement, by the
 * handler, with the written waiver. */
static void
test_waiver(void **state)
{
	(void)state;
	struct proc_refusal why;
	struct proc_case c = full(PROC_STATEMENT);
	c.statement = NULL;
	c.investigator = c.actor = "discipline";
	assert_true(proc_waive_check(&c, D, 1, &why));
	assert_false(proc_waive_check(&c, D, 0, &why));
	assert_int_equal(why.status, 400);
	assert_string_equal(why.field, "file");
	assert_false(proc_waive_check(&c, 0, 1, &why));
	assert_int_equal(why.status, 403);
	c.actor = "gz-office";
	assert_false(proc_waive_check(&c, O, 1, &why));
	assert_int_equal(why.status, 403);
	assert_non_null(strstr(why.reason, "承办人"));
	c.actor = "discipline";
	c.waived = 1;
	assert_false(proc_waive_check(&c, D, 1, &why));
	assert_int_equal(why.status, 409);
	c.waived = 0;
	c.statement = "无异议";
	assert_false(proc_waive_check(&c, D, 1, &why));
	assert_int_equal(why.status, 409);
	for (int s = 0; s < PROC_STATES; s++) {
		if (s == PROC_STATEMENT)
			continue;
		struct proc_case k = full((enum proc_state)s);
		k.statement = NULL;
		k.investigator = k.actor = "discipline";
		assert_false(proc_waive_check(&k, D, 1, &why));
		assert_int_equal(why.status, 409);
	}
	/* The waiver meets the decision's need for a statement. */
	c.statement = NULL;
	c.waived = 1;
	c.actor = "gz-office";
	assert_true(proc_check(&c, PROC_DECIDED, O, &why));
}

/* The deadline with id for c: its due date, or DATE_NONE. */
static date_t
due(const char *id, const struct proc_case *c)
{
	for (size_t i = 0; i < proc_ndeadlines; i++)
		if (strcmp(proc_deadlines[i].id, id) == 0) {
			date_t d;
			return proc_deadline_due(&proc_deadlines[i], c, &d) ? d :
			    DATE_NONE;
		}
	fail_msg("no deadline '%s'", id);
	return DATE_NONE;
}

static void
test_deadlines(void **state)
{
	(void)state;
	/* Investigation: 60 days from the start, while started or
	 * investigating. */
	struct proc_case c = full(PROC_STARTED);
	c.opened_on = day("2025-03-01");
	assert_int_equal(due("investigation", &c), day("2025-04-30"));
	c.state = PROC_INVESTIGATING;
	assert_int_equal(due("investigation", &c), day("2025-04-30"));
	c.state = PROC_STATEMENT;
	assert_int_equal(due("investigation", &c), DATE_NONE);
	c.state = PROC_STARTED;
	c.opened_on = DATE_NONE;
	assert_int_equal(due("investigation", &c), DATE_NONE);

	/* Appeal: a month after the decision, until an appeal is filed;
	 * then its handling: a month after the appeal, until the result. */
	c = decided_on(PROC_DECIDED, "2025-05-31");
	assert_int_equal(due("appeal", &c), day("2025-06-30"));
	assert_int_equal(due("appeal_handling", &c), DATE_NONE);
	c.state = PROC_CLOSED;
	assert_int_equal(due("appeal", &c), day("2025-06-30"));
	c.appeal_on = day("2025-06-10");
	assert_int_equal(due("appeal", &c), DATE_NONE);
	assert_int_equal(due("appeal_handling", &c), day("2025-07-10"));
	c.appeal_result = "changed";
	assert_int_equal(due("appeal_handling", &c), DATE_NONE);
	c = full(PROC_DISMISSED);
	c.decided_on = day("2025-05-31");
	assert_int_equal(due("appeal", &c), DATE_NONE);
}

static void
test_names(void **state)
{
	(void)state;
	static const char *const names[] = { "started", "investigating",
		"statement", "decided", "executing", "closed", "dismissed" };
	static const char *const labels[] = { "启动", "调查", "陈述申辩",
		"作出问责决定", "执行", "结案", "不予问责/终止" };
	for (int i = 0; i < PROC_STATES; i++) {
		enum proc_state s;
		assert_string_equal(proc_state_name((enum proc_state)i), names[i]);
		assert_string_equal(proc_state_label((enum proc_state)i),
		    labels[i]);
		assert_int_equal(proc_state_parse(names[i], &s), 0);
		assert_int_equal(s, i);
	}
	enum proc_state s;
	assert_int_equal(proc_state_parse("appealed", &s), -1);
	assert_int_equal(proc_state_parse(NULL, &s), -1);
	assert_null(proc_state_name(PROC_STATES));
	enum proc_target t;
	assert_int_equal(proc_target_parse("organization", &t), 0);
	assert_int_equal(t, PROC_ORGANIZATION);
	assert_int_equal(proc_target_parse("party", &t), -1);
	assert_string_equal(proc_item_label(3), "第九条第(三)项");
	assert_null(proc_item_label(0));
	assert_null(proc_item_label(6));
	assert_string_equal(proc_source_label("veto"), "考评一票否决");
	assert_null(proc_source_label("rumour"));
	/* Every move has a label; every role-limited move says why. */
	for (size_t i = 0; i < proc_nmoves; i++) {
		assert_non_null(proc_moves[i].label);
		if (proc_moves[i].by != (O | D))
			assert_non_null(proc_moves[i].not_by);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_move),
		cmocka_unit_test(test_state_reasons),
		cmocka_unit_test(test_requirements),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_appeal_window),
		cmocka_unit_test(test_appeal_result),
		cmocka_unit_test(test_separation),
		cmocka_unit_test(test_waiver),
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
