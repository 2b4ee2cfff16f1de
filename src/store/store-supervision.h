/*
 * Storage for supervision 督查 (第七条, 第八条): inspection plans and the
 * findings they make, rectification orders (整改) with their history and
 * evidence files, interviews (约谈) and notices (通报) with the leaders
 * they list.
 *
 * The same conventions as store.h: the interface speaks in ids and rows,
 * not statements (store-supervision.c and store-notices.c run it over
 * the query layer, db.h); iterators call
 * back once per row (a store_X_cb, typed by the row's struct store_X)
 * with strings valid only during the call, and a
 * non-zero return stops them; functions return 0 (or 1 / 0 for found /
 * not found) and -1 on failure with the cause in store_error(). Writes
 * belong inside the caller's transaction, beside their audit entry.
 *
 * A rectification's overdue state is never stored: listings derive it
 * from the deadline and the day the caller says is today (issued or in
 * progress, deadline before today), as rectify_overdue() does.
 */
#ifndef LVZHI_STORE_SUPERVISION_H
#define LVZHI_STORE_SUPERVISION_H

#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/entity.h"
#include "store/store.h"

/*
 * Which rows a listing may show. NULL fields do not filter.
 *   path:   rows of organs in this region subtree (for inspections and
 *           notices: whose region lies in it)
 *   organ:  rows of this organ only (a clerk)
 *   person, person_organ: a leader's own rows: those naming person, and
 *           those of person_organ that name nobody
 */
struct store_sup_scope {
	const char *path;
	const char *organ;
	const char *person, *person_organ;
};

/* ---- inspection plans (定期检查, 专项督查) ---- */

struct store_inspection {
	int64_t key;
	const char *id, *kind;        /* kind: regular | special */
	const char *title;
	const char *region, *region_name, *path;
	int year;
	const char *status;           /* planned | in_progress | completed */
	const char *starts, *ends;    /* dates or NULL */
	const char *focus;            /* or NULL */
	const char *created_by, *created_at, *updated_at;
	long findings;                /* how many (in the listing's scope) */
};
typedef int (*store_inspection_cb)(void *, const struct store_inspection *);
/* Adds one; reads id, kind, title, region (a code), year, status,
 * starts, ends, focus, created_by, created_at. */
int store_inspection_add(struct store *s, const struct store_inspection *in);
/* The inspection with id: 1 (cb called), 0, -1. */
int store_inspection_get(struct store *s, const char *id,
    store_inspection_cb cb, void *ctx);
/* Inspections in scope, newest year first; with organ or person set,
 * only those with a finding in that narrower scope. year 0: any. */
int store_each_inspection(struct store *s, const struct store_sup_scope *sc,
    int year, int limit, int offset,
    store_inspection_cb cb, void *ctx);
/* Which inspections a listing shows, in which order and page: sort
 * "year" (the default, newest first), "title" or "status". */
struct store_inspection_filter {
	struct store_sup_scope scope;
	int year;             /* 0: any */
	const char *status;   /* or NULL */
	struct store_page page;
};
int store_each_inspection_in(struct store *s,
    const struct store_inspection_filter *f, store_inspection_cb cb,
    void *ctx);
/* How many f selects (its page ignored); -1. */
long store_count_inspections(struct store *s,
    const struct store_inspection_filter *f);
/* Sets the status (and updated_at); 1, 0 (no such inspection), -1. */
int store_inspection_set_status(struct store *s, const char *id,
    const char *status, const char *now);

/* ---- findings ---- */

struct store_finding {
	int64_t key;
	const char *id, *inspection;
	const char *organ, *organ_name, *region, *region_name;
	const char *person, *person_name; /* or NULL */
	const char *duty;                 /* a catalog duty id, or NULL */
	const char *record;               /* a record id, or NULL */
	const char *severity;             /* minor | serious | veto */
	const char *description;
	const char *created_by, *created_at;
	long rectifications;              /* orders issued from it */
	/* Determined by a competent account (or all NULL: an observation):
	 * the finding record it became, by whom, when (UTC stamp). */
	const char *determined_record, *determined_by, *determined_at;
	/* Handed by an inspector to the competent office for 整改 (or all
	 * NULL): that office's region (code, name), the proposed
	 * requirement and deadline, by whom, when (UTC stamp). */
	const char *referred_to, *referred_to_name;
	const char *referral_requirement, *referral_deadline;
	const char *referred_by, *referred_at;
	/* Where its 整改 stands today: referred | rectifying | rectified |
	 * overdue, or NULL (neither handed over nor ordered). */
	const char *rect_state;
};
typedef int (*store_finding_cb)(void *, const struct store_finding *);
/* Adds one; reads id, inspection, organ, person, duty, record,
 * severity, description, created_by, created_at (ids must exist). */
int store_finding_add(struct store *s, const struct store_finding *f);
/* The finding with id: 1, 0, -1. */
int store_finding_get(struct store *s, const char *id,
    store_finding_cb cb, void *ctx);
/* Records that finding (an observation) was determined as record, by
 * an account at a time: 1, 0 (already determined, or no such finding or
 * record), -1. */
int store_finding_determine(struct store *s, const char *finding,
    const char *record, const char *by, const char *at);
/* Hands finding to the office of the region at path with a proposed
 * requirement and deadline, by an account at a time: 1, 0 (handed over
 * already, or no such finding or region), -1. */
int store_finding_refer(struct store *s, const char *finding,
    const char *path, const char *requirement, const char *deadline,
    const char *by, const char *at);
/* The findings handed to the office of the region at path that no order
 * follows yet, earliest proposed deadline first; and how many. */
int store_each_referred(struct store *s, const char *path, int limit,
    int offset, date_t today, store_finding_cb cb, void *ctx);
long store_count_referred(struct store *s, const char *path);
/* Findings of an inspection within scope, in the order made: all, or
 * the page pg (NULL: all); and how many there are (-1 on failure). */
int store_each_finding(struct store *s, const char *inspection,
    const struct store_sup_scope *sc, const struct store_page *pg,
    store_finding_cb cb, void *ctx);
long store_count_findings(struct store *s, const char *inspection,
    const struct store_sup_scope *sc);

/* ---- rectification orders (整改) ---- */

struct store_rectification {
	int64_t key;
	const char *id;
	const char *source;           /* finding | evaluation | interview */
	const char *finding, *interview, *notice; /* ids, or NULL */
	const char *organ, *organ_name, *region, *region_name, *path;
	const char *person, *person_name;         /* or NULL */
	int year;                     /* 0: none */
	const char *requirement;
	const char *deadline;         /* YYYY-MM-DD */
	const char *status;           /* issued | in_progress | submitted |
	                               * accepted */
	const char *report;           /* the completion report, or NULL */
	const char *issued_by, *issued_at;
	const char *submitted_at, *accepted_by, *accepted_at, *updated_at;
	int overdue;                  /* derived when read */
	long evidence;                /* evidence files */
};
typedef int (*store_rectification_cb)(void *,
    const struct store_rectification *);

struct store_rect_filter {
	struct store_sup_scope scope;
	const char *status;   /* one state, or NULL */
	int overdue_only;     /* only overdue orders */
	int due_within;       /* > 0: only orders issued or in progress whose
	                       * deadline is at most this many days after
	                       * today (overdue ones included) */
	const char *notice;   /* the orders of this notice's leaders: given
	                       * from it, or standing for one of them from
	                       * another notice or office (the one of the
	                       * leader, organ and year) */
	const char *finding;  /* orders given from this finding */
	int year;             /* 0: any */
	int limit, offset;    /* limit 0: 50 */
	/* The order: "deadline" (the default: overdue first, then by
	 * deadline), "organ" or "status"; desc when named. */
	const char *sort;
	int desc;
};

/* Adds one issued order; reads id, source, finding, interview, notice
 * (ids or NULL), organ, person, year, requirement, deadline, issued_by,
 * issued_at. */
int store_rectification_add(struct store *s,
    const struct store_rectification *r);
/* The order with id, its overdue state as of today: 1, 0, -1. */
int store_rectification_get(struct store *s, const char *id, date_t today,
    store_rectification_cb cb, void *ctx);
/*
 * Orders the filter selects, overdue ones first, then by deadline; each
 * with its overdue state as of today. This is the listing early warnings
 * read.
 */
int store_each_rectification(struct store *s,
    const struct store_rect_filter *f, date_t today,
    store_rectification_cb cb, void *ctx);
/* How many orders the filter selects (limit and offset ignored). */
long store_count_rectifications(struct store *s,
    const struct store_rect_filter *f, date_t today);
/*
 * Moves the order from state `from` to `to`: report (when not NULL) is
 * stored, and the time stamps that go with `to` (submitted_at; accepted_by
 * and accepted_at) are set to by and now. Returns 1 when it was in
 * `from`, 0 when not (moved meanwhile, or no such order), -1.
 */
int store_rectification_move(struct store *s, const char *id,
    const char *from, const char *to, const char *report, const char *by,
    const char *now);

/* One step in an order's history. */
struct store_rect_event {
	int64_t key;
	const char *action;           /* issue, progress, submit, accept,
	                               * return, evidence */
	const char *from, *to;        /* states; from NULL on issue */
	const char *note;             /* or NULL */
	const char *actor, *at;
};
typedef int (*store_rect_event_cb)(void *, const struct store_rect_event *);
int store_rect_event_add(struct store *s, const char *rectification,
    const struct store_rect_event *e);
/* An order's history, oldest first. */
int store_each_rect_event(struct store *s, const char *rectification,
    store_rect_event_cb cb, void *ctx);

struct store_rect_evidence {
	int64_t key;
	const char *rectification, *sm3, *mime, *filename;
	const char *uploaded_by, *uploaded_at;
	int64_t size;
};
typedef int (*store_rect_evidence_cb)(void *,
    const struct store_rect_evidence *);
/* Adds a file row to an order; *key (when not NULL) gets its key. */
int store_rect_evidence_add(struct store *s,
    const struct store_rect_evidence *e, int64_t *key);
/* The files of an order (key 0), or the one with key of that order. */
int store_each_rect_evidence(struct store *s, const char *rectification,
    int64_t key, store_rect_evidence_cb cb, void *ctx);

/* ---- interviews (约谈) ---- */

struct store_interview {
	int64_t key;
	const char *id;
	const char *source;            /* evaluation | finding | report */
	const char *finding, *report, *notice; /* ids, or NULL */
	const char *organ, *organ_name, *region, *region_name, *path;
	const char *person, *person_name;      /* or NULL */
	int year;                      /* 0: none */
	const char *reason;
	const char *scheduled_on;      /* YYYY-MM-DD */
	const char *status;            /* scheduled | held */
	const char *held_on, *interviewer, *summary; /* once held */
	const char *created_by, *created_at;
};
typedef int (*store_interview_cb)(void *, const struct store_interview *);

struct store_interview_filter {
	struct store_sup_scope scope;
	const char *status;   /* scheduled | held, or NULL */
	const char *notice;   /* the interviews of this notice's leaders,
	                       * as store_rect_filter's notice */
	int year;             /* 0: any */
	int limit, offset;    /* limit 0: 50 */
	/* "date" (the default: scheduled first, by date) or "organ". */
	const char *sort;
	int desc;
};

/* Adds one scheduled interview; reads id, source, finding, report,
 * notice (ids or NULL), organ, person, year, reason, scheduled_on,
 * created_by, created_at. */
int store_interview_add(struct store *s, const struct store_interview *iv);
int store_interview_get(struct store *s, const char *id,
    store_interview_cb cb, void *ctx);
/* Interviews the filter selects: scheduled first, by date. */
int store_each_interview(struct store *s,
    const struct store_interview_filter *f,
    store_interview_cb cb, void *ctx);
/* How many f selects (limit and offset ignored); -1. */
long store_count_interviews(struct store *s,
    const struct store_interview_filter *f);
/* Records a scheduled interview held: 1, 0 (not scheduled), -1. */
int store_interview_held(struct store *s, const char *id,
    const char *held_on, const char *interviewer, const char *summary);

/* The organ of the report with id (an interview may follow from a
 * report): 1 with its id in organ (n bytes), 0 when none, -1. */
int store_sup_report_organ(struct store *s, const char *id, char *organ,
    size_t n);

/*
 * The field tables of the four, and of an order's history and files
 * (base/entity.h), in the order their
 * SELECTs read them: one table binds the INSERT (ATTR_ADD), reads the
 * row, encodes the API's JSON and checks bodies and forms (ATTR_IN).
 * What an operation alone requires is the domain's to check
 * (src/domain/supervision.h).
 */
extern const struct entity store_inspection_entity;
extern const struct entity store_finding_entity;
extern const struct entity store_rectification_entity;
extern const struct entity store_interview_entity;
extern const struct entity store_rect_event_entity;
extern const struct entity store_rect_evidence_entity;

/* ---- notices (通报表扬, 通报批评) ---- */

struct store_notice {
	int64_t key;
	const char *id, *kind;  /* commendation | interview | criticism */
	int year;
	const char *region, *region_name, *path; /* drafted over */
	/* The region in whose name it is issued and the issuing organ's
	 * full name; NULL for a notice drafted before issuers were kept
	 * (its region issues it). */
	const char *issuer, *issuer_name, *issuer_path, *issuer_organ;
	const char *title, *body;
	const char *status;            /* draft | issued */
	const char *drafted_by, *drafted_at;
	const char *issued_by, *issued_at; /* once issued */
	long items;
};
typedef int (*store_notice_cb)(void *, const struct store_notice *);

struct store_notice_item {
	const char *person, *person_name;
	const char *organ, *organ_name, *region, *region_name;
	const char *grade;             /* excellent ... fail */
	const char *reason;
};
typedef int (*store_notice_item_cb)(void *, const struct store_notice_item *);

/* Which notices a listing shows: in scope (organ / person: those
 * listing them), only issued ones when issued_only. */
struct store_notice_filter {
	struct store_sup_scope scope;
	int issued_only;
	const char *kind;     /* or NULL */
	int year;             /* 0: any */
	int limit, offset;    /* limit 0: 50 */
	/* "year" (the default, newest first) or "title". */
	const char *sort;
	int desc;
};

/* Adds a draft; reads id, kind, year, region (a code), title, body,
 * drafted_by, drafted_at. */
int store_notice_add(struct store *s, const struct store_notice *n);
/* Lists a leader on notice id; reads person, organ, grade, reason. */
int store_notice_item_add(struct store *s, const char *notice,
    const struct store_notice_item *it);
int store_notice_get(struct store *s, const char *id,
    store_notice_cb cb, void *ctx);
/* Notices the filter selects, newest first. */
int store_each_notice(struct store *s, const struct store_notice_filter *f,
    store_notice_cb cb, void *ctx);
/* How many f selects (limit and offset ignored); -1. */
long store_count_notices(struct store *s,
    const struct store_notice_filter *f);
/* A notice's leaders in the order listed. */
int store_each_notice_item(struct store *s, const char *notice,
    store_notice_item_cb cb, void *ctx);
/* The notice of kind, year and region (a code), if one exists: 1 with
 * its id in id (n bytes), 0, -1. */
int store_notice_find(struct store *s, const char *kind, int year,
    const char *region, char *id, size_t n);
/* Edits a draft's title and body: 1, 0 (not a draft), -1. */
int store_notice_update(struct store *s, const char *id, const char *title,
    const char *body);
/* Records that notice is issued in the name of region (a code), by the
 * organ named organ (its full name): 0 or -1. */
int store_notice_issuer_add(struct store *s, const char *notice,
    const char *region, const char *organ);
/* The name of region's first organ of kind (party_committee, government):
 * 1 with it in name (n bytes), 0 (none), -1. */
int store_organ_of_kind(struct store *s, const char *region,
    const char *kind, char *name, size_t n);
/*
 * The one 约谈 (interview) and one 整改 (rectification) of person at organ
 * for year (第八条), whichever notice or office ordered it: *_once gives
 * its id (1, with id in n bytes; 0 none; -1); *_once_add makes the
 * stored order with id that one (0, or -1 — also when another already
 * is: a unique index decides). Call both in the writer's transaction.
 */
int store_interview_once(struct store *s, const char *person,
    const char *organ, int year, char *id, size_t n);
int store_interview_once_add(struct store *s, const char *id);
int store_rectification_once(struct store *s, const char *person,
    const char *organ, int year, char *id, size_t n);
int store_rectification_once_add(struct store *s, const char *id);
/* Issues a draft: 1, 0 (not a draft), -1. */
int store_notice_issue(struct store *s, const char *id, const char *by,
    const char *now);

#endif
