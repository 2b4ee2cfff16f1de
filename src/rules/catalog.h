/*
 * The duty catalog: the regulation annotated with executable rules.
 *
 * A catalog is read at run time from a literate Markdown file (see
 * rules/guizhou-2020.md): the regulation's text with fenced blocks
 * `ruleset`, `kind`, `rule` and `consequence` under the clauses they
 * encode. The office that interprets the regulation (第十一条) changes a
 * threshold by editing that file; no rebuild. Nothing in the engine names a
 * duty or a threshold: everything it knows comes from this structure.
 *
 * A catalog owns all its strings; catalog_free releases everything.
 */
#ifndef LVZHI_CATALOG_H
#define LVZHI_CATALOG_H

#include <stddef.h>

#include "base/date.h"
#include "base/diag.h"
#include "base/sm3.h"

/* Roles of a covered principal, as bits so a rule can bind several. */
enum role {
	ROLE_PARTY = 1,
	ROLE_GOVERNMENT = 2,
	ROLE_DEPARTMENT = 4,
};
#define ROLE_COUNT 3

enum coverage {
	COVERAGE_DIRECT = 1,
	COVERAGE_REFERENCE = 2,
};

enum grade {
	GRADE_EXCELLENT,
	GRADE_PASS,
	GRADE_BASIC_PASS,
	GRADE_FAIL,
};
#define GRADE_COUNT 4

enum measure {
	MEASURE_COUNT,       /* at least `min` records a year, pro-rated */
	MEASURE_FILING,      /* one conforming document for the year */
	MEASURE_PROCEDURE,   /* every record went through the steps */
	MEASURE_ABSENCE,     /* no such record (a finding); may veto */
	MEASURE_QUALITATIVE, /* judged by evaluator scores */
};

enum field_type {
	FIELD_YEAR,
	FIELD_DATE,
	FIELD_BOOL,
	FIELD_TEXT,
	FIELD_INT,
	FIELD_SET,   /* array of distinct values from `values` */
	FIELD_DATES, /* object: key from `values` -> date */
};

struct catalog_field {
	char *name;
	char *label;    /* written `name=标签` in the source; else the name */
	enum field_type type;
	char **values;  /* written `value=标签` in the source */
	char **labels;  /* label of each value, or its id when none given */
	size_t nvalues;
	/* dates: bit i set when values[i] may instead be recorded as
	 * {"not_applicable": "reason"} (kind key `not-applicable`) */
	unsigned waivable;
};

struct catalog_kind {
	char *id;
	char *label;
	struct catalog_field *fields;
	size_t nfields;
	int person_required;
	long line;
};

struct catalog_rule {
	char *id;
	char *title;
	char *citation;
	char *note;
	unsigned roles;    /* enum role bits */
	unsigned coverage; /* enum coverage bits */
	enum measure measure;
	int kind; /* index into kinds; -1 for qualitative */
	int weight;
	date_t effective;
	date_t until; /* DATE_NONE: open */
	long line;    /* where the block starts in the source */

	/* count */
	int min;

	/* count, absence: only records whose field equals a value */
	int where_field;      /* field index or -1 */
	char *where_value;

	/* filing; count with `about`: only records about that year */
	int about_set;        /* `about` given */
	int about_offset;     /* about_year = year + about_offset */
	int window_year;      /* 1: the organ's calendar year; 0: the segment */
	int due_set;          /* 0: no deadline */
	int due_next_year;    /* deadline falls in the following year */
	int due_month, due_day;
	int require_true;     /* field index or -1 */
	int require_all;      /* field index or -1 */
	char **all_values;
	size_t nall_values;
	int require_date;     /* field index or -1 */
	/* a township organ's require-all values (`require-all-township`):
	 * same field as require_all; NULL: the same values */
	int township_field;   /* field index or -1 */
	char **township_values;
	size_t ntownship_values;

	/* procedure */
	int steps_field;      /* the kind's `dates` field */
	char **steps;
	size_t nsteps;
	int before_a, before_b; /* indexes into steps, or -1 */
	int last;               /* index into steps, or -1 */

	/* absence */
	int match_person;
	int veto;
	char *veto_item; /* `veto-item`: the item a referral names, or NULL */

	char **evidence_kinds;
	size_t nevidence_kinds;
};

struct catalog_consequence {
	int on_veto;     /* 1: when any vetoing duty fails */
	enum grade grade; /* else: when the grade is this */
	int final_only;  /* `final-only: yes`: never on a provisional result */
	char *kind;
	char *label;
	char *citation;
};

struct catalog {
	char *file;                   /* where it was read from */
	char digest[SM3_HEX_LEN];     /* SM3 of the source bytes */
	char *source;                 /* the whole text, NUL-terminated */
	size_t source_len;

	char *id, *version, *title, *issuer, *interpreter, *basis;
	date_t effective;
	int min_segment_days;
	int grade_min[GRADE_COUNT]; /* lowest score of each grade */

	struct catalog_kind *kinds;
	size_t nkinds;
	struct catalog_rule *rules;
	size_t nrules;
	struct catalog_consequence *consequences;
	size_t nconsequences;
};

/*
 * Parses a catalog from text (len bytes, need not be NUL-terminated);
 * `file` names it in diagnostics. Reports every problem to d as
 * FILE:LINE:COL and returns NULL when there was any; else a new catalog.
 */
struct catalog *catalog_parse(const char *file, const char *text, size_t len,
    struct diag *d);
/*
 * Reads and parses the catalog at path, or when path is NULL the default:
 * $LVZHI_RULES, rules/guizhou-2020.md beside the executable or in the
 * installed data directory, and last the copy built into the binary.
 * Returns NULL after reporting to d.
 */
struct catalog *catalog_load(const char *path, struct diag *d);
void catalog_free(struct catalog *c);

/* Index of the kind or rule with this id, or -1. */
int catalog_kind_find(const struct catalog *c, const char *id);
int catalog_rule_find(const struct catalog *c, const char *id);
/* Whether a record's fields (doc) pass rule r's `where` filter; the
 * second as jv holds them (the evaluation's scan). */
struct json_t;
struct jv;
int catalog_where_matches_jv(const struct catalog *c,
    const struct catalog_rule *r, const struct jv *doc);
int catalog_where_matches(const struct catalog *c,
    const struct catalog_rule *r, const struct json_t *doc);
/* Index of a field of kind k, or -1. */
int catalog_field_find(const struct catalog_kind *k, const char *name);

const char *catalog_role_name(enum role r);   /* "party_principal" ... */
const char *catalog_role_label(enum role r);  /* 党委主要负责人 ... */
const char *catalog_grade_name(enum grade g); /* "excellent" ... */
const char *catalog_grade_label(enum grade g);
const char *catalog_measure_name(enum measure m);

#endif
