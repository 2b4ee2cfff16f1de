/*
 * The tamper-evident audit log.
 *
 * Every change appends an entry whose SM3 hash covers its own fields and
 * the previous entry's hash, so editing, inserting or removing any entry
 * breaks the chain from that point on. Appends happen inside the caller's
 * transaction: a change and its audit entry are committed together or not
 * at all.
 */
#ifndef LVZHI_AUDIT_H
#define LVZHI_AUDIT_H

#include <stdint.h>

#include "store/store.h"

/*
 * Appends one entry. digest describes the change (an SM3 hex of what was
 * written, or "" when there is no content). Returns 0, or -1 with the
 * cause in store_error(s).
 */
int audit_append(struct store *s, const char *actor, const char *action,
    const char *entity, int success, const char *digest);

/*
 * Recomputes the chain. Returns 0 when it verifies, 1 when it does not
 * (*bad is the first broken entry's seq and why says how), -1 on a
 * storage error. *count receives the number of entries checked.
 */
int audit_verify(struct store *s, int64_t *count, int64_t *bad,
    char *why, size_t whylen);

#endif
