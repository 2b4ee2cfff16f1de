/*
 * The workflow's rules for the handlers of other workflows that keep
 * files (cases, rectifications): domain/record.h holds them (record_owned,
 * record_blank, record_quota); this answers the request when one refuses.
 */
#ifndef LVZHI_API_WORKFLOW_H
#define LVZHI_API_WORKFLOW_H

#include <stdint.h>

#include "http/http.h"

/*
 * The evidence quotas before a file of size bytes is stored: the files
 * record (NULL: not a record's) already holds, and the bytes the caller
 * has uploaded. Returns 0, or answers 413 (500) and returns -1.
 */
int api_workflow_quota(struct request *r, const char *record, int64_t size);

#endif
