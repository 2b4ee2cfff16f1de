/* Internal to the evaluator: segments, tallies and the measures. */
#ifndef LVZHI_EVAL_INT_H
#define LVZHI_EVAL_INT_H

#include <jansson.h>

#include "base/arena.h"
#include "base/jv.h"
#include "engine/eval.h"

#define TEMPLATES (ROLE_COUNT * 2)
#define NOTES_MAX 5

/* What the records of one duty of one segment amount to. */
struct tally {
	int count;     /* records counted / decisions / filings examined */
	int ok;        /* procedure: compliant; filing: conforming */
	/* of what the verdict counts (count: records counted; filing and
	 * procedure: the conforming, compliant ones), those verified */
	int verified;
	/* filing: the candidate closest to conforming */
	unsigned best_problems;
	unsigned best_missing; /* bits of require-all values missing */
	const char *best_id;
	date_t best_date, best_extra; /* record date, required date field */
	int best_about;
	const char **ev;
	size_t nev, cap;
	const char *notes; /* procedure: what went wrong, a few cases */
	int nnotes;
	int other_year;    /* count with `about`: records about another year */
	int township;      /* the segment's organ is of a township */
};

struct score_entry {
	int rule;
	double score;
	const char *by, *comment;
	struct score_entry *next;
};

struct segment {
	const char *person, *person_name, *organ, *organ_name;
	const char *region, *region_name;
	int64_t person_key, organ_key;
	enum role role;
	enum coverage coverage;
	date_t from, to;
	/* The catalog version in force on the segment's last day, whose
	 * duties, weights and cut-offs apply (NULL: the evaluation's c),
	 * its index, and whether the segment starts under an earlier one. */
	const struct catalog *c;
	int ver;
	int spans;
	int tmpl;
	int township;    /* the organ's region is a township */
	struct tally *tallies; /* one per measured rule of the template */
	struct score_entry *scores;
	int next_of_organ, next_of_person;
};

/* The rules bound to one (role, coverage) pair, in catalog order. */
struct template {
	int nrules;
	int *rules;     /* catalog rule indexes */
	int *slot;      /* per catalog rule: tally index, or -1 */
	int nmeasured;  /* rules with a tally */
};

/* One version of the catalog as the run applies it. */
struct version_eval {
	const struct catalog *c;
	date_t from, to;     /* in force; to DATE_NONE: open */
	struct template tmpl[TEMPLATES];
	int **by_kind;        /* per kind of the run: organ-matched rules, -1 ends */
	int **by_kind_person; /* per kind of the run: person-matched rules */
	int **rule_in;        /* per version j: each rule's index in j, or -1 */
};

struct evaluation {
	const struct catalog *c; /* the catalog handle (its newest version) */
	struct eval_period period;
	date_t scan_to;      /* records read up to here (deadlines next year) */
	struct arena *arena; /* lives as long as the run */
	struct version_eval *ver; /* every version, oldest first */
	int nver;
	const char **kind_ids; /* the kinds of every version, by run index */
	int nkinds;
	int *any_kind;        /* per kind: some version's rules match by organ */
	int *any_kind_person; /* per kind: ... by person */
	struct segment *segs;
	size_t nsegs, capsegs;
	int *organ_head;     /* by organ key: first segment, -1 */
	int64_t norgan;
	int *person_head;    /* by person key */
	int64_t nperson;
	int *doc_kind;        /* per kind: its rules read the record's fields */
};

int eval_template_index(enum role r, enum coverage c);

/* Whether date d counts for rule r in segment g; rec_person may be 0. */
int measure_in_window(const struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, date_t d, int64_t rec_person);
/* The days of segment g on which rule r (of g's version) is in force,
 * from *from to *to (from > to: none), across the versions g spans. */
void measure_span(const struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, date_t *from, date_t *to);
/* Adds one record to a tally of segment g (NULL: the catalog is e's).
 * doc is the record's fields (may be NULL for measures that do not read
 * them). */
void measure_add_jv(struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, struct tally *t,
    const struct store_record *rec, const struct jv *doc);
/* The same with the fields as jansson holds them (tests). */
void measure_add(struct evaluation *e, const struct catalog_rule *r,
    struct tally *t, const struct store_record *rec, json_t *doc);
/*
 * The verdict of rule r for segment g from its tally (NULL: qualitative)
 * and score (NULL: unscored), into out; strings from scratch.
 */
void measure_verdict(const struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, struct tally *t,
    const struct score_entry *sc, struct eval_duty *out,
    struct arena *scratch);

#endif
