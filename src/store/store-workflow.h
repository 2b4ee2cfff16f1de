/*
 * What the workflow rules read and write (src/domain/record.c): the
 * records a workflow wrote (read-only outside it), a record's status
 * inside the writer's transaction, its return from verified to
 * submitted, and the evidence a record and an account already hold (the
 * quotas). Strings given are copied; nothing returned needs freeing.
 */
#ifndef LVZHI_STORE_WORKFLOW_H
#define LVZHI_STORE_WORKFLOW_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* Marks record id as written by workflow (e.g. "report") for ref (the
 * report's id). Returns 0, or -1 (also when the record is unknown). */
int store_record_owner_add(struct store *s, const char *id,
    const char *workflow, const char *ref);
/* The workflow that wrote record id: 1 with "workflow:ref" in out (n
 * bytes), 0 when none did, -1 on failure. */
int store_record_owner(struct store *s, const char *id, char *out,
    size_t n);
/* Record id's status into out (n bytes): 1, 0 (no such record), -1. */
int store_record_status(struct store *s, const char *id, char *out,
    size_t n);
/* A verified record back to submitted, its review cleared, edited at
 * now: 1 when it was verified, 0 when not, -1 on failure. */
int store_record_reopen(struct store *s, const char *id, const char *now);
/* The evidence files of record (NULL: none counted) into *files, and the
 * bytes account has uploaded, to records and rectifications, into
 * *bytes. Returns 0 or -1. */
int store_evidence_usage(struct store *s, const char *record,
    const char *account, int64_t *files, int64_t *bytes);

#endif
