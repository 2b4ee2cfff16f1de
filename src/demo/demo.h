/*
 * demo.h: the demo province. demo_write() produces a complete, realistic
 * data set for one year in the import format (docs/contract.md), so that a
 * fresh database can show every verdict, grade and consequence of the
 * evaluation without real data.
 */
#ifndef DEMO_H
#define DEMO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum demo_role { DEMO_PARTY = 1, DEMO_GOVERNMENT = 2, DEMO_DEPARTMENT = 4 };

/* A qualitative duty and the roles (bitmask of demo_role) it binds. */
struct demo_duty {
	const char	*id;
	unsigned	 roles;
};

struct catalog;
/* splitmix64, the demo's and gen's random numbers: fast, good enough and
 * reproducible everywhere. Advances *state and returns the next value. */
uint64_t demo_splitmix(uint64_t *state);
/*
 * The qualitative duties of catalog c, which the demo (and gen) score
 * whatever they are, with the roles they bind: a new array of *n duties
 * whose ids are c's (free it before c), or NULL when out of memory.
 */
struct demo_duty *demo_duties(const struct catalog *c, size_t *n);

/*
 * A finding of the demo year, as its ledger line says it and as the
 * supervision that determined it must show it (demo-oversight.c): on
 * what basis (an inspection's observation, or a case), by which account.
 */
struct demo_finding {
	char	record[48];	/* the finding's record id */
	char	kind[32];	/* judicial_interference, accountability_finding */
	char	organ[32], organ_name[160], person[16], person_name[32];
	char	basis[16], basis_ref[48], determined_by[16];
	char	source[48];	/* the observation or case it was found in */
	char	duty[32];	/* the duty it fails */
	int	item;		/* 第九条第(item)项, 0: none given */
	char	date[11];	/* of the conduct, YYYY-MM-DD */
	char	found[11];	/* observed, or the case opened */
	char	determined[11];	/* determined (the case's investigation
				 * concluded) */
	char	title[256];
};
#define DEMO_FINDINGS_MAX 8

/* Lines written, by type, and the findings among them. */
struct demo_stats {
	long	regions, organs, persons, tenures, records, scores;
	struct demo_finding findings[DEMO_FINDINGS_MAX];
	size_t	nfindings;
};

/*
 * The demo's "today" in the year after the demo year: that year's records
 * are drawn up to and including this day. month 0: none at all.
 */
struct demo_as_of {
	int	month, day;
};

/*
 * Writes the demo province as JSON Lines to out: the year `year` in full,
 * plus what the following year's first quarter holds (year-end reports, the
 * next annual report), plus the following year's own records so far (up
 * to as_of; a year in progress, for the dashboard and early warnings).
 * duties[0..nduties) are the qualitative duties the demo may score; they
 * are only read. stats, if not NULL, receives the counts of the lines
 * written. out is flushed but not closed.
 * Returns 0, or -1 when writing fails, year is outside 1900..9998 or as_of
 * is no day of year + 1 (errno set). Deterministic: same args, same bytes;
 * the records up to a day are the same whatever later as_of is given.
 */
int demo_write(FILE *out, int year, struct demo_as_of as_of,
    const struct demo_duty *duties, size_t nduties,
    struct demo_stats *stats);

#endif /* DEMO_H */
