/*
 * demo-int.h: what the files of the demo generator share and nobody else
 * sees. demo-world.c builds the registry (struct demo_world), demo-ledger.c
 * draws the records, demo.c owns the random streams and writes the lines.
 * Everything here is internal to src/demo; the module's interface is demo.h.
 */
#ifndef DEMO_INT_H
#define DEMO_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "demo.h"

#define DEMO_PICK(r, list)	demo_pick((r), (list).item, (list).n)

/* One random stream per phase, so that phases do not disturb each other. */
enum demo_stream {
	DEMO_STREAM_PLACES = 1,
	DEMO_STREAM_PEOPLE,
	DEMO_STREAM_TENURES,
	DEMO_STREAM_RECORDS,
	DEMO_STREAM_SCORES,
	DEMO_STREAM_NEXT,	/* the year after's records */
	DEMO_STREAM_DEPT_REPORTS /* departments' annual reports (drawn last,
				  * so the other records stay as they were) */
};

enum demo_level {
	DEMO_LEVEL_PROVINCE,
	DEMO_LEVEL_PREFECTURE,
	DEMO_LEVEL_COUNTY,
	DEMO_LEVEL_TOWNSHIP
};

enum demo_kind { DEMO_KIND_PARTY, DEMO_KIND_GOV, DEMO_KIND_DEPT };

struct demo_rng {
	uint64_t	 s;
};

struct demo_region {
	char		 code[16];
	char		 name[96];
	enum demo_level	 level;
	int		 parent;	/* index, -1 for the province */
	int		 seat;		/* first child; courts of a capital */
	int		 street;	/* a township that is a 街道 */
	char		 unit[16];	/* 省, 市, 州, 县, 区, 镇, 乡, 街道 */
	char		 party[128];	/* in titles: 南明区委 */
	char		 gov[128];	/* in titles: 南明区政府 */
	int		 cases;		/* last case number of its court */
};

struct demo_organ {
	char		 id[32];
	char		 name[160];
	int		 region;
	enum demo_kind	 kind;
	int		 parent;	/* a department's government, or -1 */
	int		 suits;		/* a department's most lawsuits a year */
	int		 old;		/* principal since before the year */
	int		 heir;		/* the successor's, or -1 */
	int		 deputy;	/* a deputy's tenure, or -1 */
	long		 change;	/* first day of heir */
};

struct demo_person {
	char		 name[32];
};

struct demo_tenure {
	int		 person, organ;	/* indices */
	int		 deputy;
	int		 serving;	/* end is null */
	long		 start, end;	/* day numbers (demo_day_from_civil) */
};

/* The registry of the demo province; tables are in output order. */
struct demo_world {
	struct demo_region	*reg;
	struct demo_organ	*org;
	struct demo_person	*per;
	struct demo_tenure	*ten;
	size_t			 nreg, norg, nper, nten;
	size_t			 creg, corg, cper, cten;
	int			 year;
	long			 y0, y1;	/* the year's first, last day */
	long			 n0, nq;	/* next 1 January, 31 March */
};

/* The state of one demo_write() call. */
struct demo_gen {
	FILE			*out;
	struct demo_world	*w;
	struct demo_rng		 r;
	struct demo_stats	 st;
	long			 nrec;
	char			 id[32];	/* record being built */
	long			 day;		/* and its date */
	int			 lax;		/* organ being drawn is lax */
	int			 next;		/* drawing the year after */
	long			 cut;		/* then its last day drawn */
	long			 fresh;		/* records after: mostly
						 * not yet verified */
	int			 oom;		/* an allocation failed */
};

/* demo.c: random numbers and days. */
void		 demo_rng_seed(struct demo_rng *, enum demo_stream);
long		 demo_range(struct demo_rng *, long, long);
int		 demo_chance(struct demo_rng *, int);
const char	*demo_pick(struct demo_rng *, const char *const *, size_t);
long		 demo_day_from_civil(int, int, int);
void		 demo_day_str(long, char *, size_t);	/* YYYY-MM-DD */

/* demo.c: building and writing lines. A failed allocation sets g->oom,
 * which the next demo_emit() reports. */
json_t		*demo_line(struct demo_gen *, const char *);
void		 demo_put(struct demo_gen *, json_t *, const char *, json_t *);
void		 demo_put_str(struct demo_gen *, json_t *, const char *,
		    const char *);
void		 demo_put_date(struct demo_gen *, json_t *, const char *, long);
void		 demo_put_id(struct demo_gen *, json_t *, const char *, char,
		    int);
int		 demo_emit(struct demo_gen *, json_t *, long *);

/* demo-world.c */
int		 demo_world_create(struct demo_world *, int);
void		 demo_world_free(struct demo_world *);

/* demo-ledger.c */
int		 demo_ledger_write(struct demo_gen *);
int		 demo_ledger_write_next(struct demo_gen *, long);

#endif /* DEMO_INT_H */
