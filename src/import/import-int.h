/* Internal to the importer: the state one file's import shares. */
#ifndef LVZHI_IMPORT_INT_H
#define LVZHI_IMPORT_INT_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/idmap.h"
#include "base/jv.h"
#include "import/import.h"

/* The canonical text of one line, at most (a line is at most 1 MiB; its
 * canonical form can grow a little: reals, "status"). */
#define IMPORT_DOC_MAX (8u << 20)

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
	struct idmap *kinds; /* record kind id -> catalog index, on first use */
	int lookup;    /* unknown ids are looked up in the store (the API) */
	const char *verb; /* audit inserts too, as TYPE.create / TYPE.update */
	int put;       /* the last write's enum store_put */
	int writing;   /* 0 after the first bad line */
	int deferring; /* unknown references defer the line, not fail it */
	int failed;    /* storage failure: stop */
	long line;
	long line_errors;
	/* Per line: the parsed value's arena (reset for each line) and the
	 * canonical text; whether the line was canonicalised (its nulls
	 * dropped) and given the default status, so the API can do the same
	 * to the object it passed. */
	struct arena *arena;
	struct buf doc;
	int canonical, status_added;
};

/* Outcome of one line. */
enum line_result {
	LINE_DONE,     /* valid (written when writing) */
	LINE_BAD,      /* reported */
	LINE_DEFERRED, /* refers to something not seen yet */
};

/* Validates and writes one parsed line; obj lives in im->arena and may be
 * changed (nulls dropped, a default status added). */
enum line_result import_line(struct importer *im, struct jv *obj);

#endif
