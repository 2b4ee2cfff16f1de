/*
 * Diagnostics printed where they are found.
 *
 * Importers and the rule checker report every problem in one pass, so a
 * diagnostic is written to stderr at once (nothing accumulates however many
 * lines are bad) and counted; the caller decides the exit status from the
 * count. Formats follow the contract:
 *   lvzhi: FILE:LINE: FIELD: reason        (data)
 *   lvzhi: FILE:LINE:COL: message          (rule sources)
 */
#ifndef LVZHI_DIAG_H
#define LVZHI_DIAG_H

#include <stdio.h>

struct diag {
	FILE *out; /* NULL: count only (or the sink) */
	long count;
	/* When set, data diagnostics go here instead (the API collects them
	 * as a problem's field errors). */
	void (*sink)(void *ctx, const char *field, const char *reason);
	void *sink_ctx;
};

void diag_init(struct diag *d, FILE *out);
void diag_field(struct diag *d, const char *file, long line, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_at(struct diag *d, const char *file, long line, int col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
