/*
 * Supervision 督查 (第七条, 第八条) as operations: inspection plans and
 * the findings they make (supervision.c), rectification orders 整改 with
 * their moves and evidence (rectification.c), interviews 约谈
 * (interview.c). The JSON API and the pages call the same ones, so a
 * form accepts exactly what the API accepts.
 *
 * Input comes as the store's row structs (store/store-supervision.h)
 * filled by the entity's field table from a JSON body or a form
 * (entity_from_json, entity_from_form): the table checks type, length,
 * calendar and enum; an operation checks what it alone requires, then
 * scope and state against the rows as stored, inside the transaction
 * that writes them with their audit entry. Every operation returns 0 or
 * -1 with d->fault set; what it returns in out parameters lives in
 * d->arena.
 */
#ifndef LVZHI_DOMAIN_SUPERVISION_H
#define LVZHI_DOMAIN_SUPERVISION_H

#include "auth/scope.h"
#include "domain/domain.h"
#include "oversight/rectify.h"
#include "store/store-supervision.h"

/* Listing pages hold at most this many rows of each kind. */
#define SUP_LIST_MAX 200

/* ---- shared (supervision.c) ---- */

/*
 * A JSON body before e's table reads it: its texts without surrounding
 * blanks (blank: as if absent, null), no control characters but
 * newlines and tabs; and, for a create, no "id" (the server numbers
 * supervision rows; a client's id must never reach an existing one).
 * Returns 0 or -1 (400 naming the field).
 */
int sup_clean(struct dom *d, const struct entity *e, json_t *body,
    int create);
/* v without surrounding blanks, in a; NULL when blank or NULL (a form's
 * value, before entity_from_form). */
const char *sup_trim(struct arena *a, const char *v);
/* The end of reading one row of k's entity by id (rc as the store's get
 * returned, the row kept in k): copies it to row, its organ (the
 * entity's "organ") into o, when d->user may read it (its "person":
 * scope_reads). 0, or -1: 404 titled missing naming id, 500. */
int sup_row_seen(struct dom *d, int rc, const struct dom_rows *k, void *row,
    struct store_organ_info *o, const char *missing, const char *id);
/* The store iterators' callbacks that dom_keep a row into ctx, a
 * struct dom_rows of the row's entity. */
int sup_keep_inspection(void *ctx, const struct store_inspection *row);
int sup_keep_finding(void *ctx, const struct store_finding *row);
int sup_keep_rectification(void *ctx, const struct store_rectification *row);
int sup_keep_interview(void *ctx, const struct store_interview *row);
int sup_keep_event(void *ctx, const struct store_rect_event *row);
int sup_keep_evidence(void *ctx, const struct store_rect_evidence *row);
/* The fault of a storage error outside a transaction (500, the store's
 * message kept). Returns -1. */
int sup_broken(struct dom *d);
/* 400 "请填写LABEL (required)" naming json's field of e; returns -1. */
int sup_required(struct dom *d, const struct entity *e, const char *json);
/* A deadline given to an organ (field json, called label, YYYY-MM-DD) is
 * today or later: an order due before it was made would be overdue as
 * issued. 0, or -1 (400 naming the field). */
int sup_deadline(struct dom *d, const char *json, const char *label,
    const char *deadline);
/* The person exists and (year not 0: in year) held a post in organ:
 * 0, or -1 (400 naming "person"). organ NULL: only that they exist. */
int sup_served(struct dom *d, const char *person, const char *organ,
    int year);
/*
 * Begins the write of a 约谈 (rect 0) or a 整改 (rect 1). One of 第八条
 * (eval) is the one a leader, organ and year: when one stands already,
 * -1 after rolling back with 409 naming "person" and the standing
 * order's id (the caller marks its own with store_*_once_add). Returns
 * 0 in the open transaction, or -1 (503 when it could not begin).
 */
int sup_begin(struct dom *d, int eval, int rect, const char *person,
    const char *organ, int year);

/* Chinese labels the API and the pages show. */
const char *sup_inspection_kind_label(const char *kind);
const char *sup_inspection_status_label(const char *status);
const char *sup_severity_label(const char *severity);
const char *sup_rect_source_label(const char *source);
const char *sup_rect_state_label(const char *status);
const char *sup_interview_source_label(const char *source);
const char *sup_interview_status_label(const char *status);
/* The title of a finding's duty in the catalog, or NULL. */
const char *sup_duty_title(struct dom *d, const char *duty);

/* ---- inspections and findings (supervision.c) ---- */

/* Plans an inspection from in's kind, title, region, year, starts,
 * ends, focus; *id gets its id. */
int sup_inspection_create(struct dom *d, struct store_inspection *in,
    const char **id);
/*
 * The inspection with its findings in d->user's scope (*n of them in
 * *findings): all of them, or the page pg (NULL: all); in->findings
 * counts them all. -1 with 404 when not there or not visible, 500.
 */
int sup_inspection_load(struct dom *d, const char *id,
    struct store_inspection *in, const struct store_page *pg,
    struct store_finding **findings, size_t *n);
/* The inspections f selects (its year, status, order and page) in
 * d->user's scope: *n of them in *out, *total (when not NULL) all. */
int sup_inspection_list(struct dom *d, struct store_inspection_filter *f,
    struct store_inspection **out, size_t *n, long *total);
/* Records a finding of inspection from f's organ, person, duty, record,
 * severity, description; *id gets its id. */
int sup_finding_create(struct dom *d, const char *inspection,
    struct store_finding *f, const char **id);
/*
 * Closes (结束) inspection id: its status becomes completed and it takes
 * no new finding (409). Who inspects closes: an inspector, an office or
 * the administrator whose scope holds the whole inspected region (404
 * otherwise, as for its findings). Findings still to be determined or
 * rectified do not hold it open: determination (discipline, office) and
 * 整改 (the office's orders) are their own procedures and go on after
 * the inspection has ended. Audited as inspection.close; 409 when it is
 * closed already.
 */
int sup_inspection_close(struct dom *d, const char *id);
/* The finding id when d->user may see it: -1 with 404 or 500. */
int sup_finding_load(struct dom *d, const char *id, struct store_finding *f);

/*
 * Determining a finding (an inspector's observation) as a finding record
 * (the record's write is the caller's, between the two, in the same
 * transaction the caller began): sup_finding_observed reads the
 * observation and its inspection (404 unless d->user sees the
 * inspection whole; 403 unless authority_can_determine the organ);
 * sup_finding_determined marks it determined as record (409 when it
 * already was), audits and commits. Both roll back on -1.
 */
/* Inside the caller's open transaction: finding id with its inspection
 * and its organ (o) as stored, when d->user sees the inspection whole:
 * 0, or -1 rolled back (404, 500). */
int sup_finding_in(struct dom *d, const char *id, struct store_finding *f,
    struct store_inspection *in, struct store_organ_info *o);
int sup_finding_observed(struct dom *d, const char *id,
    struct store_finding *f, struct store_inspection *in);
int sup_finding_determined(struct dom *d, const char *id,
    const char *record, const char *kind);
/*
 * Determines finding as a finding record (finding-determine.c): obj is
 * the record's body (the import format) less what the observation gives
 * (id, organ, basis, status: 400 when given); its kind defaults to the
 * named duty's finding kind. The record's id into *record. 0 or -1.
 */
int sup_finding_determine(struct dom *d, const char *finding, json_t *obj,
    const char **record);

/* ---- handing a finding over for 整改 (finding-refer.c) ---- */

/* What the inspector proposes: {requirement, deadline}. */
struct sup_referral {
	const char *requirement, *deadline;
};
extern const struct entity sup_referral_entity;
/*
 * 移交整改: the inspector hands finding id to the competent office
 * (authority_finding_refer) with a proposed requirement and deadline
 * (today or later); the office sees it among its 待办 and a message, and
 * then orders the 整改 from the finding (rect_create). Checked and
 * written in one transaction against the finding as stored; audited as
 * finding.refer. 400 (a field), 403, 404, 409 (handed over already, or
 * an order follows it already).
 */
int sup_finding_refer(struct dom *d, const char *id,
    const struct sup_referral *in);
/* Where finding f's 整改 stands, in Chinese (已移交, 整改中, 已整改,
 * 逾期), or NULL. */
const char *sup_rect_state_of(const struct store_finding *f);
/* The findings handed to d->user's office that no order follows yet
 * (an office's region; others: none), at most limit: *n in *out, *total
 * all. */
int sup_referred_list(struct dom *d, int limit,
    struct store_finding **out, size_t *n, long *total);

/* ---- rectification orders (rectification.c) ---- */

/* What a move's body or form gives: {action | status, note, report}. */
struct rect_move {
	const char *action, *status, *note, *report;
};
extern const struct entity rect_move_entity;

/* An order with its history, evidence, and what d->user may do now. */
struct rect_view {
	struct store_rectification x;
	struct store_rect_event *events;
	size_t nevents;
	struct store_rect_evidence *files;
	size_t nfiles;
	int may[RECTIFY_ACTIONS]; /* by enum rectify_action */
	int may_attach;           /* upload evidence */
};

/* Orders a rectification from x's source, finding | interview | year,
 * organ, person, requirement, deadline; *id gets its id. */
int rect_create(struct dom *d, struct store_rectification *x,
    const char **id);
/* Order id with its history and files: -1 with 404 or 500. */
int rect_load(struct dom *d, const char *id, struct rect_view *v);
/* Moves order id: 400 on missing text, 403 for who may not, 409 (the
 * reason in Chinese) when the state does not allow it. */
int rect_act(struct dom *d, const char *id, const struct rect_move *m);
/* Whether d->user may upload evidence to order id now, before the file
 * is stored: 0, or -1 (404, 403). */
int rect_may_attach(struct dom *d, const char *id);
/* Adds the stored file (sm3, mime, filename, size) to order id as
 * evidence: 409 once submitted; *key gets its key. */
int rect_attach(struct dom *d, const char *id, struct store_rect_evidence *e,
    int64_t *key);
/* The whole upload: may d->user (rect_may_attach), within the quota
 * (record_quota), the file stored (evidence_file_store), then attached
 * (rect_attach). 0 with *key, or -1 (400, 403, 404, 409, 413, 415). */
struct evidence_upload;
int rect_upload(struct dom *d, const char *id, const struct evidence_upload *u,
    int64_t *key);
/* The orders filter selects in d->user's scope: *n in *out, *total
 * (when not NULL) all of them. */
int rect_list(struct dom *d, struct store_rect_filter *f,
    struct store_rectification **out, size_t *n, long *total);

/* ---- interviews (interview.c) ---- */

/* Schedules an interview from v's source, finding | report, organ,
 * person, year, reason, scheduled_on; *id gets its id. */
int interview_create(struct dom *d, struct store_interview *v,
    const char **id);
/* The interview id when d->user may see it: -1 with 404 or 500. */
int interview_load(struct dom *d, const char *id, struct store_interview *v);
/* Records interview id held from v's held_on, interviewer, summary. */
int interview_held(struct dom *d, const char *id,
    const struct store_interview *v);
/* The interviews f selects in d->user's scope; *total (when not NULL)
 * all of them. */
int interview_list(struct dom *d, struct store_interview_filter *f,
    struct store_interview **out, size_t *n, long *total);

#endif
