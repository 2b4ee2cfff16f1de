#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>

void
diag_init(struct diag *d, FILE *out)
{
	d->out = out;
	d->count = 0;
	d->sink = NULL;
	d->sink_ctx = NULL;
}

void
diag_field(struct diag *d, const char *file, long line, const char *field,
    const char *fmt, ...)
{
	d->count++;
	if (d->sink != NULL) {
		char msg[512];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		d->sink(d->sink_ctx, field, msg);
		return;
	}
	if (d->out == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(d->out, "lvzhi: %s:%ld: %s: ", file, line, field);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
	va_end(ap);
}

void
diag_at(struct diag *d, const char *file, long line, int col, const char *fmt,
    ...)
{
	d->count++;
	if (d->out == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(d->out, "lvzhi: %s:%ld:%d: ", file, line, col);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
	va_end(ap);
}
