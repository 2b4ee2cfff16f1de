/*
 * 问责 (第九条): the accountability case workflow, below the API and the
 * pages — opening a case, moving it through the procedure, an appeal and
 * its result, the target's written waiver of statement and defence, one
 * case with what the caller may do next, and the listing.
 *
 * Only discipline officers and the deciding office handle cases: an
 * office or discipline account whose scope subtree holds the case's
 * region (the organ's), and the administrator; a case outside the
 * caller's scope is 404, as if it did not exist. Which move is allowed,
 * by whom, after what, is data in src/oversight/procedure.c; these
 * operations load the case inside the transaction, ask the procedure
 * (409 with its reason, 403 when the role may not) and write the case,
 * an event of its history and the audit entry in that one transaction.
 *
 * Input comes as a struct case_in, filled from a JSON body or a form by
 * case_input over the one field table of the case (case_fields): the
 * same names, limits and messages for both; the audit entry digests the
 * input as that table encodes it. Every operation returns 0,
 * or -1 with d->fault set; results point into d->arena.
 */
#ifndef LVZHI_DOMAIN_CASE_H
#define LVZHI_DOMAIN_CASE_H

#include "domain/domain.h"
#include "engine/eval.h"
#include "oversight/procedure.h"
#include "store/store-cases.h"
#include "store/store-separation.h"

/* What a caller may give to a case write; NULL / 0: not given. */
struct case_in {
	/* opening */
	const char *target, *organ, *person;
	int item;
	const char *source, *source_ref;
	int year;
	const char *summary;
	/* a move */
	const char *to, *note, *date;
	const char *investigation, *statement, *decision_form, *decision;
	const char *execution;
	int statement_waived; /* given at all: refused (a waiver is a step) */
	/* an appeal, or its result */
	const char *appeal, *appeal_on, *result;
	unsigned given;       /* CASE_GIVEN_*: present, even blank or null */
};

enum {
	CASE_GIVEN_NOTE = 1u << 0,
	CASE_GIVEN_APPEAL = 1u << 1,
	CASE_GIVEN_APPEAL_ON = 1u << 2,
	CASE_GIVEN_RESULT = 1u << 3,
};

/* Which write the input is for: the fields it may carry. */
enum case_op {
	CASE_OPEN,
	CASE_MOVE,
	CASE_APPEAL,
};

/* The field table of struct case_in (JSON and form names, labels,
 * limits), in the order of case_op's fields. */
extern const struct entity case_fields;

/*
 * Fills *in from a JSON object for op: every member must be one of op's
 * fields, texts are strings (blank: not given) within their limits and
 * without control characters, dates real days. Returns 0, or -1 with
 * the first fault in d->fault (400 naming the field).
 */
int case_input(struct dom *d, enum case_op op, json_t *obj,
    struct case_in *in);
/* The same from a form: get(ctx, name) is the posted text or NULL (a
 * number that is not one is refused as the JSON's would be). */
int case_input_form(struct dom *d, enum case_op op,
    const char *(*get)(void *ctx, const char *name), void *ctx,
    struct case_in *in);

/* One deadline of a case that is running. */
struct case_deadline {
	const struct proc_deadline *def;
	date_t due;
	int days_left;
};

/* One step still ahead of a case as the caller sees it. */
struct case_step {
	enum proc_state to;
	const char *label;          /* as its button says it */
	int allowed;
	struct proc_refusal why;    /* when not allowed */
	const struct proc_move *move; /* NULL: not open from here (no needs) */
};

/* A case as its page and the API show it. */
struct case_view {
	struct store_case c;
	struct proc_case p;
	struct case_deadline *deadlines;
	size_t ndeadlines;
	/* The rest only from case_load. */
	struct store_case_event *events;
	size_t nevents;
	int has_waiver;             /* the written waiver was filed */
	struct store_case_file waiver;
	int can_waive;              /* may record it now, a file given */
	const char *waive_reason;
	struct case_step steps[PROC_STATES];
	size_t nsteps;
	date_t appeal_deadline;     /* DATE_NONE: no decision */
	int can_appeal, can_decide; /* file an appeal today; its result */
	const char *appeal_reason, *decide_reason;
};

/* A page of the cases in scope (newest first) and how many there are. */
struct case_list {
	struct case_view *items;
	size_t n;
	long total;
};

/* The file a waiver is recorded with, as stored (see the API's store). */
struct case_upload {
	const char *sm3, *mime, *filename;
	int64_t size;
};

/* The procedure's roles of p (PROC_BY_* bits): office, discipline, both
 * for the administrator, none for everyone else. */
unsigned case_by(const struct principal *p);
/* 0, or -1 with 403 when d->user may not handle cases at all. */
int case_role(struct dom *d);

/* Whether p sees cases of the region at path (its scope subtree). */
int case_in_scope(const struct principal *p, const char *path);
/* The stored case with id into *c (texts in d->arena) when d->user may
 * see it: 0, or -1 with 404 (none, or outside the scope) or 500. */
int case_get(struct dom *d, const char *id, struct store_case *c);
/* The procedure's view of a stored case (pointers into c). */
void case_proc(const struct store_case *c, struct proc_case *p);
/* The results of the evaluation of (year, region) to emit, from the
 * evaluation cache when it holds them: 0, or -1 with 500. */
int case_evaluation(struct dom *d, int year, const char *region,
    int (*emit)(void *, const struct eval_result *), void *ctx);

/* The case with id, its history, deadlines and the caller's steps. */
int case_load(struct dom *d, const char *id, struct case_view *v);
/* The cases of state (NULL: any) in region (NULL: the caller's scope),
 * page from 1 of per_page. 400 for an unknown state, 404 for a region
 * outside the scope. */
int case_list(struct dom *d, const char *state, const char *region,
    int page, int per_page, struct case_list *out);
/* The 不合格 results of year visible to the caller, to be referred
 * (移送问责), from the year's evaluation set: *total of them, and those
 * of [offset, offset + limit) in the engine's order through emit. 0, or
 * -1 with the fault. */
int case_referrals(struct dom *d, int year, long offset, long limit,
    long *total, int (*emit)(void *, const struct eval_result *), void *ctx);

/* Opens a case from in (CASE_OPEN); *id its new id. */
int case_open(struct dom *d, const struct case_in *in, const char **id);
/* Moves case id on (CASE_MOVE). */
int case_move(struct dom *d, const char *id, const struct case_in *in);
/* Files an appeal, or with in->result records its result (CASE_APPEAL). */
int case_appeal(struct dom *d, const char *id, const struct case_in *in);
/* Whether the caller may record the written waiver of case id now: 0, or
 * -1 with the fault; asked before the file is stored, and again by
 * case_waive inside its write. note: at most 2000 bytes. */
int case_waive_check(struct dom *d, const char *id, const char *note);
/* Records the written waiver f (stored already) of case id. */
int case_waive(struct dom *d, const char *id, const char *note,
    const struct case_upload *f);
/* The written waiver of case id (404 when none). */
int case_waiver_file(struct dom *d, const char *id,
    struct store_case_file *f);

#endif
