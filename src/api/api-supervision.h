/*
 * Supervision 督查 (第七条, 第八条) over HTTP. The operations are
 * src/domain/supervision.h's, which the pages call as well; the handlers
 * (src/app/routes.c) decode a body with the entity's table, call one,
 * and answer its fault as a problem or its result as JSON.
 *
 *   api-supervision.c    inspections, findings; the shared JSON helpers
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

/* obj as JSON by entity e's table, with two labels k1: v1, k2: v2
 * beside (Chinese for the value beside them). */
json_t *api_sup_json(const struct entity *e, const void *obj,
    const char *k1, const char *v1, const char *k2, const char *v2);

/* The query parameter name, or NULL when absent or empty. */
const char *api_sup_query(struct request *r, const char *name);
/* ?year as *year (0 when not given): 0, or -1 answered (400). */
int api_sup_query_year(struct request *r, int *year);
/* ?page and ?per_page (api_paging), and the store's limit and offset
 * for them. */
void api_sup_paging(struct request *r, int *page, int *per_page,
    int *limit, int *offset);

/* ?sort (a key the store's whitelist knows; others are ignored) and
 * ?dir=asc|desc into *sort and *desc (-1: the listing's own). */
void api_sup_order(struct request *r, const char **sort, int *desc);

/* ---- rectification orders and interviews as JSON ---- */

/* What a view makes of id for d's caller: the JSON, or NULL with d's
 * fault (404 where the caller may not see it, or 500). */
typedef json_t *api_view_fn(struct dom *d, const char *id);
/* The order with its history, evidence and the moves the caller may make
 * now ("allowed"). */
json_t *api_rectification_view(struct dom *d, const char *id);
/* One listed order as JSON (no history or files). */
json_t *api_rectification_json(const struct store_rectification *x);
/* The interview id. */
json_t *api_interview_view(struct dom *d, const char *id);
json_t *api_interview_json(const struct store_interview *v);

#endif
