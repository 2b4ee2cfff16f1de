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

/* "lvzhi: FILE:LINE:COL: message" or "lvzhi: FILE:LINE: FIELD: message"
 * (sep " ") on d->out, if any. */
static void
print(struct diag *d, const char *file, long line, const char *sep,
    const char *where, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

static void
print(struct diag *d, const char *file, long line, const char *sep,
    const char *where, const char *fmt, va_list ap)
{
	if (d->out == NULL)
		return;
	fprintf(d->out, "lvzhi: %s:%ld:%s%s: ", file, line, sep, where);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
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
	va_list ap;
	va_start(ap, fmt);
	print(d, file, line, " ", field, fmt, ap);
	va_end(ap);
}

void
diag_at(struct diag *d, const char *file, long line, int col, const char *fmt,
    ...)
{
	d->count++;
	char at[16];
	snprintf(at, sizeof at, "%d", col);
	va_list ap;
	va_start(ap, fmt);
	print(d, file, line, "", at, fmt, ap);
	va_end(ap);
}
