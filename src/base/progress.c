#include "base/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
progress_start(struct progress *p, const char *label, long total)
{
	p->label = label;
	p->done = 0;
	p->total = total;
	p->last = 0;
	p->on = isatty(STDERR_FILENO);
}

void
progress_add(struct progress *p, long n)
{
	p->done += n;
	if (!p->on || (p->done & 1023) != 0)
		return;
	double t = now();
	if (t - p->last < 0.2)
		return;
	p->last = t;
	if (p->total > 0)
		fprintf(stderr, "\r%s %ld/%ld (%ld%%)", p->label, p->done,
		    p->total, p->done * 100 / p->total);
	else
		fprintf(stderr, "\r%s %ld", p->label, p->done);
}

void
progress_end(struct progress *p)
{
	if (p->on && p->last > 0)
		fputs("\r\033[K", stderr);
}
