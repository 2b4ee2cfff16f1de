/*
 * demo.h: the demo province. demo_write() produces a complete, realistic
 * data set for one year in the import format (docs/contract.md), so that a
 * fresh database can show every verdict, grade and consequence of the
 * evaluation without real data.
 */
#ifndef DEMO_H
#define DEMO_H

#include <stddef.h>
#include <stdio.h>

enum demo_role { DEMO_PARTY = 1, DEMO_GOVERNMENT = 2, DEMO_DEPARTMENT = 4 };

/* A qualitative duty and the roles (bitmask of demo_role) it binds. */
struct demo_duty {
	const char	*id;
	unsigned	 roles;
};

/* Lines written, by type. */
struct demo_stats {
	long	regions, organs, persons, tenures, records, scores;
};

/*
 * Writes the demo province as JSON Lines to out: the year `year` in full,
 * plus what the following year's first quarter holds (year-end reports, the
 * next annual report). duties[0..nduties) are the qualitative duties the demo
 * may score; they are only read. stats, if not NULL, receives the counts of
 * the lines written. out is flushed but not closed.
 * Returns 0, or -1 when writing fails or year is outside 1900..9998 (errno
 * set). Deterministic: same args, same bytes.
 */
int demo_write(FILE *out, int year, const struct demo_duty *duties,
    size_t nduties, struct demo_stats *stats);

#endif /* DEMO_H */
