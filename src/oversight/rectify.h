/*
 * The life of a rectification order (整改, 第八条): which moves are
 * allowed from which state, who may make them, and when an order is
 * overdue. Pure functions over enums, so the rules live in one table that
 * the API, the pages and the unit tests share.
 *
 *   issued ──progress──▶ in_progress ──submit──▶ submitted ──accept──▶ accepted
 *                         ▲    │ progress            │
 *                         └────┘◀──────return────────┘
 *
 * The organ (its clerk) reports progress and submits its completion
 * report; the office (依法治X办) may do that on the organ's behalf, and
 * alone accepts or sends a submission back. "Overdue" is not a state: an
 * order issued or in progress whose deadline has passed is overdue when
 * read, and stops being so once submitted.
 */
#ifndef LVZHI_RECTIFY_H
#define LVZHI_RECTIFY_H

#include "base/date.h"

enum rectify_state {
	RECTIFY_ISSUED,
	RECTIFY_IN_PROGRESS,
	RECTIFY_SUBMITTED,
	RECTIFY_ACCEPTED,
};
#define RECTIFY_STATES 4

enum rectify_action {
	RECTIFY_PROGRESS, /* a progress report (note required) */
	RECTIFY_SUBMIT,   /* the completion report (report required) */
	RECTIFY_ACCEPT,   /* the office accepts the submission */
	RECTIFY_RETURN,   /* the office sends it back (note required) */
};
#define RECTIFY_ACTIONS 4

enum rectify_actor {
	RECTIFY_BY_ORGAN,  /* the organ's clerk */
	RECTIFY_BY_OFFICE, /* the office over the organ (or admin) */
};

/* Names as stored and sent ("in_progress"); parse returns 0 or -1. */
const char *rectify_state_name(enum rectify_state s);
int rectify_state_parse(const char *name, enum rectify_state *s);
const char *rectify_state_label(enum rectify_state s); /* 已下达 ... */
const char *rectify_action_name(enum rectify_action a);
int rectify_action_parse(const char *name, enum rectify_action *a);
const char *rectify_action_label(enum rectify_action a); /* 报告进展 ... */

/*
 * Whether who may take action a at all (whatever the state). Returns 1
 * or 0; on 0 *why (when not NULL) says why in Chinese.
 */
int rectify_may(enum rectify_actor who, enum rectify_action a,
    const char **why);

/*
 * The state action a leads to from `from`: 0 with *to set, or -1 with
 * *why (Chinese, for a 409 answer) when the move is not allowed there.
 */
int rectify_next(enum rectify_state from, enum rectify_action a,
    enum rectify_state *to, const char **why);

/* Whether a note (progress, return) or a report (submit) must be given:
 * returns "note", "report" or NULL. */
const char *rectify_requires(enum rectify_action a);

/* 1 when an order in state s with this deadline is overdue on today. */
int rectify_overdue(enum rectify_state s, date_t deadline, date_t today);

#endif
