/*
 * Importing JSON Lines (the contract's import format).
 *
 * A file is read once, line by line, never whole: each line is parsed,
 * validated against the registry and the catalog's record kinds, and
 * written inside one transaction. Every bad line is reported as
 * FILE:LINE: FIELD: reason; after the first one nothing more is written
 * and at the end the transaction is rolled back, so a bad file changes
 * nothing. Re-importing a row with equal content changes nothing; other
 * content updates the row and appends an audit entry.
 *
 * A line may refer to what comes later in the file (a record before its
 * organ): such lines wait in a bounded queue and are retried at the end.
 */
#ifndef LVZHI_IMPORT_H
#define LVZHI_IMPORT_H

#include <jansson.h>
#include <stdio.h>

#include "base/diag.h"
#include "rules/catalog.h"
#include "store/store.h"

struct import_stats {
	long lines;
	long inserted, updated, unchanged;
	long bad; /* lines with at least one problem */
};

enum import_result {
	IMPORT_OK = 0,
	IMPORT_FAILED = 1, /* storage or I/O failure; nothing written */
	IMPORT_BAD = 2,    /* bad input; nothing written */
};

/*
 * Imports one stream. name labels diagnostics; actor is recorded in the
 * audit log. Returns an enum import_result; problems go to d.
 */
enum import_result import_stream(struct store *s, const struct catalog *c,
    FILE *in, const char *name, const char *actor, struct diag *d,
    struct import_stats *stats);

/*
 * Validates and writes one object as a line of `type` ("record", "score",
 * ...) inside the caller's transaction: the API's create and edit. Problems
 * go to d (give it a sink to collect them). *put receives the enum
 * store_put. Both inserts and updates are audited as TYPE.create and
 * TYPE.update by actor.
 */
enum import_result import_object(struct store *s, const struct catalog *c,
    json_t *obj, const char *type, const char *actor, struct diag *d,
    int *put);

#endif
