/*
 * Internal to the accountability handlers (api-cases.c reads,
 * api-case-write.c writes): who may handle cases and how a stored case
 * is loaded and seen by the procedure. Pages use api.h.
 */
#ifndef LVZHI_API_CASES_H
#define LVZHI_API_CASES_H

#include "http/http.h"
#include "oversight/procedure.h"
#include "store/store-cases.h"
#include "store/store-separation.h"

/* The procedure's roles of p (PROC_BY_* bits): office, discipline, both
 * for the administrator, none for everyone else. */
unsigned api_cases_by(const struct principal *p);
/* 1, or 0 after answering 403 when r->user may not handle cases. */
int api_cases_role(struct request *r);
/* Whether p sees cases of the region at path (its scope subtree). */
int api_cases_in_scope(const struct principal *p, const char *path);
/*
 * The case with id into *c (strings in the request's arena) when r->user
 * may see it. Returns 1; 0 after answering 404 (no such case, or outside
 * the scope); -1 after answering 500.
 */
int api_cases_get(struct request *r, const char *id, struct store_case *c);
/* The procedure's view of a stored case (pointers into c). */
void api_cases_proc(const struct store_case *c, struct proc_case *p);

#endif
