/*
 * Supervision 督查 (第七条, 第八条) between the JSON API and the pages:
 * who sees which rows, and every write, each of which checks scope and
 * input, writes in one transaction with its audit entry, and on failure
 * answers the request itself (a problem naming the field) and returns -1.
 * The handlers of src/http/routes.c and the pages of
 * page-supervision*.c both call these, so a form accepts exactly what the
 * API accepts.
 *
 *   api-supervision.c    scope, ids, input checks; inspections, findings
 *   api-rectifications.c rectification orders (整改) and their evidence
 *   api-interviews.c     interviews (约谈)
 *   api-notices.c        notices (通报) drafted from the evaluation
 *
 * JSON objects returned are new references the caller releases; strings
 * passed back through `const char **id` live in the request's arena.
 */
#ifndef LVZHI_API_SUPERVISION_H
#define LVZHI_API_SUPERVISION_H

#include <jansson.h>

#include "api/api.h"
#include "store/store-supervision.h"

/* Listing pages hold at most this many rows of each kind. */
#define SUP_LIST_MAX 200

/* ---- scope and input (api-supervision.c) ---- */

/*
 * The scope of r->user's listings: offices, inspectors and discipline
 * officers their subtree, a clerk their organ, a leader their own rows
 * (for rows placed by region, inspections and notices, a clerk or leader
 * is matched through the rows' organs and people). Returns 1 with sc
 * filled, or 0 when the account sees none.
 */
int api_sup_scope(struct request *r, struct store_sup_scope *sc);
/* Whether r->user may read a row of organ o naming person (or NULL). */
int api_sup_can_read(struct request *r, const struct store_organ_info *o,
    const char *person);
/* A new id "PREFIX-YEAR-xxxxxxxx" (8 random hex digits), in the arena. */
const char *api_sup_id(struct request *r, const char *prefix, int year);

/*
 * Reads field of obj as text, without surrounding blanks, into *out
 * (NULL when absent or blank): at most max bytes, no control characters
 * but newlines and tabs. Returns 0, or answers 400 naming the field and
 * returns -1 (also when required and absent).
 */
int api_sup_text(struct request *r, json_t *obj, const char *field,
    int required, size_t max, const char **out);
/* A create's body may not name the id: the server numbers supervision
 * rows, and a client's id must never reach an existing one. Returns 0,
 * or answers 400 naming "id" and returns -1. */
int api_sup_server_id(struct request *r, json_t *obj);
/* A YYYY-MM-DD field the same way; *day gets it (DATE_NONE absent). */
int api_sup_date(struct request *r, json_t *obj, const char *field,
    int required, const char **out, date_t *day);
/* A year (1900..2200; a number, or digits as text); 0 when absent. */
int api_sup_year(struct request *r, json_t *obj, const char *field,
    int required, int *year);
/* Appends the audit entry for a write (SM3 of what's JSON) inside the
 * open transaction; 0 or -1. */
int api_sup_audit(struct request *r, const char *action, const char *kind,
    const char *id, json_t *what);
/* Answers 500 (or 503 when the transaction did not start), after
 * rolling back; returns -1. */
int api_sup_fail(struct request *r, int begun);
/* The person exists: 1, or answers 400 naming field and returns 0
 * (-1 after a 500). */
int api_sup_person(struct request *r, const char *person, const char *field);
/* The person held a post in organ (in year, when not 0): 1, or answers
 * 400 naming "person" and returns 0 (-1 after a 500). */
int api_sup_served(struct request *r, const char *person, const char *organ,
    int year);

/*
 * The one 约谈 (rect 0) or 整改 (rect 1) of 第八条 a leader, organ and
 * year (api-notices.c): in the open transaction, refuses a second —
 * whichever office asks — after a rollback with 409 naming "person"
 * and the standing order's id. Returns 0 when there is none (the caller
 * then marks its own with store_*_once_add), -1 when answered.
 */
int api_sup_once(struct request *r, int rect, const char *person,
    const char *organ, int year);

/* ---- inspections and findings (api-supervision.c) ---- */

/* Plans an inspection from {kind, title, region, year, starts, ends,
 * focus}; *id gets its id. */
int api_inspection_write(struct request *r, json_t *obj, const char **id);
/* The inspection with its findings in r->user's scope; NULL with
 * *status 404 (not there or not visible) or 500. */
json_t *api_inspection_load(struct request *r, const char *id,
    unsigned *status);
/* Records a finding of inspection from {organ, person, duty, record,
 * severity, description}; *id gets its id. */
int api_finding_write(struct request *r, const char *inspection,
    json_t *obj, const char **id);
/* Determines the finding (an inspector's observation) as a finding
 * record of the catalog (body: kind, unless the duty named gives it, and
 * optionally date, title, person and the kind's fields), on the basis of
 * its inspection: only a competent account (authority.c); *record gets
 * the record's id. Returns 0, or -1 after answering. */
int api_finding_determine(struct request *r, const char *finding,
    json_t *obj, const char **record);
/* The finding id when r->user may see it; NULL with *status. */
json_t *api_finding_load(struct request *r, const char *id,
    unsigned *status);
json_t *api_inspection_json(const struct store_inspection *in);

/* ---- rectification orders (api-rectifications.c) ---- */

/* Orders a rectification from {source, finding | interview | year,
 * organ, person, requirement, deadline}; *id gets its id. */
int api_rectification_write(struct request *r, json_t *obj,
    const char **id);
/* The order with its history, evidence and the moves r->user may make
 * now ("allowed"); NULL with *status 404 or 500. */
json_t *api_rectification_load(struct request *r, const char *id,
    unsigned *status);
/* Moves an order by {action: progress|submit|accept|return, note,
 * report}: 400 on missing text, 403 for who may not, 409 (the reason in
 * Chinese) when the state does not allow it. */
int api_rectification_act(struct request *r, const char *id, json_t *obj);
/* Stores the uploaded file as evidence of order id; *key gets its key. */
int api_rectification_attach(struct request *r, const char *id,
    int64_t *key);
/* One listed order as JSON (no history or files). */
json_t *api_rectification_json(const struct store_rectification *x);
/* Chinese labels of an order's source and a finding's severity. */
const char *api_rect_source_label(const char *source);
const char *api_severity_label(const char *severity);

/* ---- interviews (api-interviews.c) ---- */

/* Schedules an interview from {source, finding | report, organ, person,
 * year, reason, scheduled_on}; *id gets its id. */
int api_interview_write(struct request *r, json_t *obj, const char **id);
/* The interview id when r->user may see it; NULL with *status. */
json_t *api_interview_load(struct request *r, const char *id,
    unsigned *status);
/* Records it held from {held_on, interviewer, summary}. */
int api_interview_record(struct request *r, const char *id, json_t *obj);
json_t *api_interview_json(const struct store_interview *v);

/* ---- notices (api-notices.c; the operations: domain/notice.h) ---- */

/* Drafts a notice from {kind, year, region, leaders?} and the
 * evaluation; *id. Answers the request on failure and returns -1. */
int api_notice_write(struct request *r, json_t *obj, const char **id);

#endif
