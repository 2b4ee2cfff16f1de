/* Internal to the importer: the state one file's import shares. */
#ifndef LVZHI_IMPORT_INT_H
#define LVZHI_IMPORT_INT_H

#include <jansson.h>

#include "base/idmap.h"
#include "import/import.h"

struct importer {
	struct store *s;
	const struct catalog *c;
	const char *name;
	const char *actor;
	struct diag *d;
	struct import_stats *stats;
	/* What is known: the database's rows and this file's valid lines.
	 * Values: key << 3 | level rank for regions, key for the rest; key 0
	 * stands for a valid line not written (after the first error). */
	struct idmap *regions, *organs, *persons;
	int lookup;    /* unknown ids are looked up in the store (the API) */
	const char *verb; /* audit inserts too, as TYPE.create / TYPE.update */
	int put;       /* the last write's enum store_put */
	int writing;   /* 0 after the first bad line */
	int deferring; /* unknown references defer the line, not fail it */
	int failed;    /* storage failure: stop */
	long line;
	long line_errors;
};

/* Outcome of one line. */
enum line_result {
	LINE_DONE,     /* valid (written when writing) */
	LINE_BAD,      /* reported */
	LINE_DEFERRED, /* refers to something not seen yet */
};

/* Validates and writes one parsed line. */
enum line_result import_line(struct importer *im, json_t *obj);

#endif
