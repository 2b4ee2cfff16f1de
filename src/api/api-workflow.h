/*
 * The workflow's rules, shared by the API handlers and the pages: each
 * is asked where the operation it guards is done for both, never per
 * route (docs/security.md, 流程与日期). Each answers the request itself
 * when it refuses.
 */
#ifndef LVZHI_API_WORKFLOW_H
#define LVZHI_API_WORKFLOW_H

#include <stdint.h>

#include "http/http.h"

/*
 * A record a workflow wrote (a published report's ledger record) is
 * read-only outside it: no edit, review or evidence over HTTP. Returns
 * 0 when record id is not such a record; else answers 409 (500 on
 * failure) and returns -1.
 */
int api_workflow_guard(struct request *r, const char *id);
/* The same question as a fault (409, or 500), for a caller that answers
 * later (the record guard inside its transaction). Returns 0 when the
 * record is no workflow's, else -1 with *f filled (its detail in the
 * request's arena). */
struct fault;
int api_workflow_owned(struct request *r, const char *id,
    struct fault *f);
/* Whether s is NULL or nothing but white space (ASCII, no-break and
 * ideographic spaces): a note that says nothing. */
int api_workflow_blank(const char *s);
/*
 * The evidence quotas before a file of size bytes is stored: the files
 * record (NULL: not a record's) already holds, and the bytes the caller
 * has uploaded. Returns 0, or answers 413 (500) and returns -1.
 */
int api_workflow_quota(struct request *r, const char *record, int64_t size);

#endif
