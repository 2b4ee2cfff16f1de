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
	IMPORT_REFUSED = 3, /* the guard refused (and said why); nothing
	                     * written */
	IMPORT_CLOSED = 4,  /* a row would insert or change a record (or a
	                     * score) of a closed year; nothing written */
};

/* A valid record or score about to be written, as a guard sees it. */
struct import_check {
	const char *type;   /* "record" or "score" */
	const char *id;     /* a record's id; NULL for a score */
	const char *kind;   /* a record's kind; NULL for a score */
	const char *organ;  /* a record's organ; NULL for a score */
	const char *person; /* the person named, or NULL */
	date_t date;        /* a record's date */
	int year;           /* a record's about_year (0: none), a score's year */
	const char *duty;   /* a score's duty; NULL for a record */
};

/*
 * Who writes, for import_object: check is called with each valid row
 * before its write, inside the caller's transaction, and returns 0 to
 * let it be written or -1 to refuse it (having said why to ctx). With
 * create set, the write must add a row: one that would change an
 * existing row fails the object (the guard is expected to have refused
 * it already).
 */
struct import_guard {
	int (*check)(void *ctx, const struct import_check *c);
	void *ctx;
	int create;
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
 * go to d (give it a sink to collect them); a valid object then goes to
 * guard (NULL: the operator, who is not asked) before it is written.
 * *put receives the enum store_put. Both inserts and updates are audited
 * as TYPE.create and TYPE.update by actor.
 */
enum import_result import_object(struct store *s, const struct catalog *c,
    json_t *obj, const char *type, const char *actor,
    const struct import_guard *guard, struct diag *d, int *put);

#endif
