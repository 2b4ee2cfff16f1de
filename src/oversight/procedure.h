/*
 * The accountability procedure (问责程序) of 《中国共产党问责条例》 as data.
 *
 * A case (问责案件) under 第九条 of the Guizhou measures moves through
 * states; each move the procedure allows is one row of a table that names
 * who may make it, what the case must hold first and, for every way it can
 * be refused, the Chinese reason. The deadlines (调查期限, 申诉期限, 申诉处理期限)
 * are rows too, counted in days or calendar months from a date of the
 * case. The decision forms of 第八条 are a table with the targets each
 * applies to. Handlers and pages ask these functions and show their
 * reasons; nothing outside this file knows the order of the steps.
 *
 *   started ──► investigating ──► statement ──► decided ──► executing ──► closed
 *      │              │               │
 *      └──────────────┴───────────────┴──► dismissed (不予问责/终止)
 *
 * An appeal (申诉) is not a state: it is filed within a month of the
 * decision being served, does not stop execution, and gets a result:
 * 维持 leaves the case where it is, 撤销 ends it without execution
 * (dismissed), 变更 sends it back to statement for a new decision (the
 * old one stays in its history).
 *
 * Separation of duties: the account that closed the investigation (the
 * case's handler, 承办人) does not decide it, nor decide not to; a waiver
 * of statement and defence is a step of its own, recorded by the handler
 * with the cadre's written waiver as a file.
 *
 * Everything here is pure: no storage, no clock (today is an argument),
 * no allocation; strings returned are static.
 */
#ifndef LVZHI_PROCEDURE_H
#define LVZHI_PROCEDURE_H

#include <stddef.h>

#include "base/date.h"

enum proc_state {
	PROC_STARTED,       /* 启动 */
	PROC_INVESTIGATING, /* 调查 */
	PROC_STATEMENT,     /* 陈述申辩 */
	PROC_DECIDED,       /* 作出问责决定 */
	PROC_EXECUTING,     /* 执行 */
	PROC_CLOSED,        /* 结案 */
	PROC_DISMISSED,     /* 不予问责/终止 */
	PROC_STATES
};
#define PROC_STATE_BIT(s) (1u << (s))

/* Who a case is against. */
enum proc_target {
	PROC_CADRE,        /* a leading cadre (党员领导干部) */
	PROC_ORGANIZATION, /* a party organization (党组织) */
	PROC_TARGETS
};
#define PROC_TARGET_BIT(t) (1u << (t))

/* Who may make a move (bits): the office (依法治理办公室, acting for the
 * party committee that decides) and the discipline inspection organs
 * (纪检监察机关). The administrator counts as both. */
#define PROC_BY_OFFICE 1u
#define PROC_BY_DISCIPLINE 2u

/* What a move requires the case to hold (bits). */
enum {
	PROC_NEED_INVESTIGATION = 1u << 0, /* the investigation's findings */
	PROC_NEED_STATEMENT = 1u << 1,     /* statement and defence, or waiver */
	PROC_NEED_FORM = 1u << 2,          /* a decision form fit for the target */
	PROC_NEED_DECISION = 1u << 3,      /* the decision's text */
	PROC_NEED_EXECUTION = 1u << 4,     /* how the decision was carried out */
	PROC_NEED_REASON = 1u << 5,        /* why (a note) */
};

struct proc_move {
	enum proc_state from, to;
	const char *label;  /* the step, as its button says it */
	unsigned by;        /* PROC_BY_* */
	unsigned needs;     /* PROC_NEED_* */
	const char *not_by; /* why a role outside `by` may not make it */
};
extern const struct proc_move proc_moves[];
extern const size_t proc_nmoves;

/* One requirement: the field that satisfies it and the reason when the
 * case lacks it. */
struct proc_need {
	unsigned bit;
	const char *field, *label, *reason;
	size_t text; /* the struct proc_case member it needs written */
};
extern const struct proc_need proc_needs[];
extern const size_t proc_nneeds;

/* A decision form (问责方式, 第八条) and the targets it applies to. */
struct proc_form {
	const char *id, *label;
	unsigned targets;         /* PROC_TARGET_BIT()s */
	const char *wrong_target; /* why it does not fit the other target */
};
extern const struct proc_form proc_forms[];
extern const size_t proc_nforms;

/* An appeal's result (申诉处理决定). */
struct proc_result {
	const char *id, *label;
	int needs_note; /* a change or revocation says what and why */
	int to;         /* the state the case goes to; -1: stays */
};
extern const struct proc_result proc_results[];
extern const size_t proc_nresults;

/* What the checks look at; text fields count when not NULL or empty. */
struct proc_case {
	enum proc_target target;
	enum proc_state state;
	const char *investigation, *statement, *decision_form, *decision;
	const char *execution, *note;
	int waived;            /* the target waived statement and defence */
	date_t opened_on;      /* DATE_NONE when unknown */
	date_t last_step_on;   /* the day of its latest step; DATE_NONE */
	date_t decided_on;     /* the decision served */
	date_t appeal_on;      /* DATE_NONE: no appeal */
	const char *appeal_result; /* NULL: not decided yet */
	/* The account that closed the investigation (NULL: not yet), and
	 * the account asking for a move (NULL: none, e.g. a listing). */
	const char *investigator, *actor;
};

/* A move or an appeal refused: the HTTP status it answers with (409 the
 * procedure refuses, 403 not this role, 400 an illegal value), the
 * Chinese reason and the field at fault (NULL: none). */
struct proc_refusal {
	unsigned status;
	const char *reason, *field;
};

/* Deadlines, counted from a date of the case. */
enum proc_anchor {
	PROC_FROM_OPENED,
	PROC_FROM_DECIDED,
	PROC_FROM_APPEAL,
};
enum proc_when {
	PROC_WHEN_STATES,         /* while the case is in `states` */
	PROC_WHEN_NOT_APPEALED,   /* ... and no appeal was filed */
	PROC_WHEN_APPEAL_PENDING, /* an appeal awaits its result */
};
struct proc_deadline {
	const char *id, *label, *basis;
	enum proc_anchor anchor;
	int months, days;
	unsigned states; /* PROC_STATE_BIT()s */
	enum proc_when when;
};
extern const struct proc_deadline proc_deadlines[];
extern const size_t proc_ndeadlines;

/* "started", "启动"; NULL for a value out of range. */
const char *proc_state_name(enum proc_state s);
const char *proc_state_label(enum proc_state s);
/* The state named name; 0, or -1 when there is none. */
int proc_state_parse(const char *name, enum proc_state *s);
const char *proc_target_name(enum proc_target t);
const char *proc_target_label(enum proc_target t);
int proc_target_parse(const char *name, enum proc_target *t);

/* 第九条's five kinds of failure: "第九条第(三)项" and a short title;
 * NULL for an item outside 1..5. */
const char *proc_item_label(int item);
const char *proc_item_title(int item);
/* Where a case came from: "inspection", "veto", "report" and their
 * labels; NULL when source is none of them. */
const char *proc_source_label(const char *source);

/* The move from → to, or NULL when the procedure has none. */
const struct proc_move *proc_find(enum proc_state from, enum proc_state to);
/* The form with id, the result with id (either NULL when unknown). */
const struct proc_form *proc_form_find(const char *id);
const struct proc_result *proc_result_find(const char *id);
/* Whether form f may be imposed on target t. */
int proc_form_fits(const struct proc_form *f, enum proc_target t);

/*
 * Whether a role (PROC_BY_* bits) may move a case from `from` to `to`,
 * judged by states and role alone. Returns 1, or 0 with *why filled.
 */
int proc_may(enum proc_state from, enum proc_state to, unsigned by,
    struct proc_refusal *why);
/*
 * Whether case c holds what the move to `to` requires (the move must
 * exist). Returns 1, or 0 with *why: the first requirement missing.
 */
int proc_ready(const struct proc_case *c, enum proc_state to,
    struct proc_refusal *why);
/*
 * Whether c->actor may make the move to `to` as a person: the handler
 * who closed the investigation does not decide (to decided, or to
 * dismissed after the investigation). Returns 1, or 0 with *why (403).
 */
int proc_separate(const struct proc_case *c, enum proc_state to,
    struct proc_refusal *why);
/*
 * Whether c->actor (a role `by`) may record the target's waiver of
 * statement and defence now, with a written waiver given (has_file):
 * in the statement stage, none recorded yet, by the handler. Returns 1,
 * or 0 with *why.
 */
int proc_waive_check(const struct proc_case *c, unsigned by, int has_file,
    struct proc_refusal *why);
/* proc_may, proc_separate, then proc_ready: 1, or 0 with *why. */
int proc_check(const struct proc_case *c, enum proc_state to, unsigned by,
    struct proc_refusal *why);
/*
 * Whether `date`, given for the move to `to` (the decision served, the
 * execution finished), is acceptable on `today`: not after today, not
 * before the case was opened, a decision not before the step it follows,
 * an execution not before the decision. Returns 1, or 0 with *why
 * (status 400).
 */
int proc_date_check(const struct proc_case *c, enum proc_state to,
    date_t date, date_t today, struct proc_refusal *why);

/* The last day an appeal may be filed: a month after the decision was
 * served (DATE_NONE when there is no decision). */
date_t proc_appeal_deadline(const struct proc_case *c);
/*
 * Whether an appeal filed `on` (recorded by a role `by` for the target)
 * is accepted on `today`. Returns 1, or 0 with *why.
 */
int proc_appeal_check(const struct proc_case *c, date_t on, date_t today,
    unsigned by, struct proc_refusal *why);
/* Whether a role `by` may record the appeal's result now: 1, or 0 with
 * *why. */
int proc_result_check(const struct proc_case *c, unsigned by,
    struct proc_refusal *why);

/*
 * Whether deadline d runs for case c: 1 with *due set, 0 when it does not
 * apply (wrong state, or its starting date is unknown).
 */
int proc_deadline_due(const struct proc_deadline *d,
    const struct proc_case *c, date_t *due);

#endif
