/*
 * Supervision 督查 (第七条, 第八条) over HTTP. The operations are
 * src/domain/supervision.h's, which the pages call as well; the handlers
 * (src/app/routes.c) decode a body with the entity's table, call one,
 * and answer its fault as a problem or its result as JSON.
 *
 *   api-supervision.c    inspections, findings; helpers notices share
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
#include "domain/supervision.h"
#include "store/store-supervision.h"

/* ---- what the notices' handlers still share (api-supervision.c) ----
 *
 * The supervision operations themselves are src/domain/supervision.h's;
 * these answer the request for api-notice-draft.c and api-notices.c
 * until the notices move onto the domain too (sup_clean, the entity
 * tables, sup_id, dom_audit, dom_fail, sup_once).
 */

/* The scope of r->user's listings: scope_of (auth/scope.h). */
int api_sup_scope(struct request *r, struct store_sup_scope *sc);
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
/* A create's body may not name the id. Returns 0, or answers 400 naming
 * "id" and returns -1. */
int api_sup_server_id(struct request *r, json_t *obj);
/* A YYYY-MM-DD field the same way; *day gets it (DATE_NONE absent). */
int api_sup_date(struct request *r, json_t *obj, const char *field,
    int required, const char **out, date_t *day);
/* A year (1900..2200; a number, or digits as text); 0 when absent. */
int api_sup_year(struct request *r, json_t *obj, const char *field,
    int required, int *year);
/* Appends the audit entry for a write (dom_audit) inside the open
 * transaction; 0 or -1. */
int api_sup_audit(struct request *r, const char *action, const char *kind,
    const char *id, json_t *what);
/* Answers 500 (or 503 when the transaction did not start), after
 * rolling back; returns -1. */
int api_sup_fail(struct request *r, int begun);
/* sup_once (domain/supervision.h), answered (api-notices.c). */
int api_sup_once(struct request *r, int rect, const char *person,
    const char *organ, int year);

/* obj as JSON by entity e's table, with two labels k1: v1, k2: v2
 * beside (Chinese for the value beside them). */
json_t *api_sup_json(const struct entity *e, const void *obj,
    const char *k1, const char *v1, const char *k2, const char *v2);

/* The query parameter name, or NULL when absent or empty. */
const char *api_sup_query(struct request *r, const char *name);
/* ?year as *year (0 when not given): 0, or -1 answered (400). */
int api_sup_query_year(struct request *r, int *year);

/* ---- rectification orders and interviews as JSON ---- */

/* The order with its history, evidence and the moves r->user may make
 * now ("allowed"); NULL with *status 404 or 500. */
json_t *api_rectification_load(struct request *r, const char *id,
    unsigned *status);
/* One listed order as JSON (no history or files). */
json_t *api_rectification_json(const struct store_rectification *x);
/* The interview id when r->user may see it; NULL with *status. */
json_t *api_interview_load(struct request *r, const char *id,
    unsigned *status);
json_t *api_interview_json(const struct store_interview *v);

/* ---- notices (api-notices.c; the operations: domain/notice.h) ---- */

/* Drafts a notice from {kind, year, region, leaders?} and the
 * evaluation; *id. Answers the request on failure and returns -1. */
int api_notice_write(struct request *r, json_t *obj, const char **id);

#endif
