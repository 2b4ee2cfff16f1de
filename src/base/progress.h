/*
 * Progress lines for long CLI work.
 *
 * Shown on stderr only when stderr is a terminal, redrawn at most a few
 * times a second, so piped and scripted runs stay quiet and fast.
 */
#ifndef LVZHI_PROGRESS_H
#define LVZHI_PROGRESS_H

struct progress {
	const char *label;
	long done;
	long total; /* < 0: unknown */
	double last;
	int on;
};

void progress_start(struct progress *p, const char *label, long total);
/* Adds n units of work and redraws when it is time. */
void progress_add(struct progress *p, long n);
/* Clears the line. */
void progress_end(struct progress *p);

#endif
