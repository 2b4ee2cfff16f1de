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

/*
 * Where a value of the catalog comes from. The regulation gives some
 * values itself (每年至少听取2次); the rest (weights, grade cut-offs, the
 * 90-day minimum, deadlines the text does not fix) are lvzhi's reading,
 * which the interpreting office (第十一条) owns. The source marks each
 * value after it: `min: 2 〔原文:每年至少听取2次法治建设工作汇报〕`,
 * `weight: 10 〔解释:本系统默认,由依法治省办确定〕`.
 */
enum basis_source {
	BASIS_TEXT,           /* 〔原文:…〕 the words of the regulation */
	BASIS_INTERPRETATION, /* 〔解释:…〕 another document, or the default */
};

/* The default basis of an interpretation no document gives. */
#define CATALOG_DEFAULT_BASIS "本系统默认,由依法治省办确定"

struct catalog_basis {
	char *field;  /* the key it marks: "weight", "grade-pass", "due" */
	char *value;  /* the value as written: "10", "next 03-31" */
	enum basis_source source;
	char *basis;  /* the quoted words, or 《document》第…条…, or the default */
	long line;    /* where the mark stands in the source */
	int col;
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
	int finding; /* `finding: yes`: a determination about a person, made
	              * only by a competent account (docs/security.md) */
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

	struct catalog_basis *bases; /* the marks of this rule's values */
	size_t nbases;
};

struct catalog_consequence {
	int on_veto;     /* 1: when any vetoing duty fails */
	enum grade grade; /* else: when the grade is this */
	int final_only;  /* `final-only: yes`: never on a provisional result */
	char *kind;
	char *label;
	char *citation;
};

/*
 * A document the system issues (the `document` blocks of the catalog
 * file, in an appendix: per ruleset version, so that another province's
 * office names and basis replace these): the 公文's header values and
 * its 正文, each a template (base/tmpl.h) rendered over the document's
 * context (report/document.h). A header value NULL: that part is left
 * out.
 */
struct catalog_document {
	char *id;            /* "interview-notice" */
	char *name;          /* 约谈通知书 */
	char *basis;         /* the article: "第八条" */
	enum basis_source basis_source;
	char *basis_words;   /* the mark's quote, or the interpretation's basis */
	char *mark;          /* 发文机关标志 (no 版头 when NULL) */
	int number;          /* takes a 发文字号 when issued */
	char *title, *addressee, *signer, *cc, *printer;
	int seal;            /* leave room for the 印章 */
	char *body;          /* the 正文 template: one paragraph a line */
	long line;           /* the opening fence */
	long body_line;      /* the body's first line */
	/* each header template's line, for errors: mark, title, addressee,
	 * signer, cc, printer */
	long lines[6];
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
	int scale;                  /* top of the scoring scale: 100 */
	struct catalog_basis *bases; /* the marks of the ruleset's values */
	size_t nbases;

	struct catalog_kind *kinds;
	size_t nkinds;
	struct catalog_rule *rules;
	size_t nrules;
	struct catalog_consequence *consequences;
	size_t nconsequences;
	struct catalog_document *documents;
	size_t ndocuments;

	long line; /* where the ruleset block starts */
	/*
	 * The versions of this catalog (files whose ruleset has this id),
	 * oldest first, this one last; set on the handle catalog_load and
	 * catalog_versions return (the newest version), which owns them.
	 * NULL on a lone parsed catalog and on the older versions: use the
	 * catalog_version* functions below, which treat those as one.
	 */
	struct catalog **versions;
	size_t nversions;
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
/*
 * The same for n paths (`--rules` given n times; n = 0: the default),
 * each a file or a directory whose every *.md is read: the versions of
 * one catalog, joined by catalog_versions. Returns the newest, or NULL
 * after reporting to d.
 */
struct catalog *catalog_load_paths(const char *const *paths, size_t n,
    struct diag *d);
/*
 * Joins n parsed versions (taking them over, freed on failure too): all
 * must have the same ruleset id, and no two the same `version` or the
 * same `effective`. Sorted by effective; returns the newest, which owns
 * the others, or NULL after reporting each conflict to d.
 */
struct catalog *catalog_versions(struct catalog **v, size_t n,
    struct diag *d);
/* Frees a catalog, and every version when it is the handle. */
void catalog_free(struct catalog *c);

/* Number of versions (1 for a lone catalog) and version i, oldest first. */
size_t catalog_version_count(const struct catalog *c);
const struct catalog *catalog_version(const struct catalog *c, size_t i);
/* The last day version i is in force: the day before the next one's
 * effective, DATE_NONE for the newest. */
date_t catalog_version_end(const struct catalog *c, size_t i);
/* The index of the version in force on day d (the first before it). */
size_t catalog_version_index_at(const struct catalog *c, date_t d);
const struct catalog *catalog_version_at(const struct catalog *c, date_t d);
/* The earliest start of any period: the first version's effective. */
date_t catalog_effective(const struct catalog *c);
/*
 * The versions in force on some day of year Y's evaluated period (from
 * the later of Y-01-01 and catalog_effective to Y-12-31), oldest first,
 * up to max into out; returns how many there are (0: the year lies
 * before the rules). These are the `ruleset_versions` of an evaluation
 * of Y; catalog_version_at(c, Y-12-31) is its `ruleset_version`.
 */
size_t catalog_versions_of_year(const struct catalog *c, int year,
    const struct catalog **out, size_t max);

/* The document template with this id, or NULL. */
const struct catalog_document *catalog_document(const struct catalog *c,
    const char *id);
/* The catalog's title as a document cites it, into out (n bytes, cut at
 * a character): in 《》, the titles inside it in 〈〉. Returns out. */
char *catalog_title_cited(const struct catalog *c, char *out, size_t n);

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
/* Whether records of kind id are findings (`finding: yes`); 0 for an
 * unknown kind or id NULL. */
int catalog_kind_is_finding(const struct catalog *c, const char *id);
/* Index of a field of kind k, or -1. */
int catalog_field_find(const struct catalog_kind *k, const char *name);
/* The label of value v of field f, or v itself. */
const char *catalog_value_label(const struct catalog_field *f, const char *v);
/*
 * Whether the line s (len bytes) opens or closes a fenced block (three
 * backticks or more); *info is then its info string, trimmed. The parser
 * and the catalog page cut the source into blocks by the same test.
 */
int catalog_fence(const char *s, size_t len, const char **info,
    size_t *infolen);

/*
 * The mark of a value: of rule r's key `field` ("min", "due"), or of the
 * ruleset's ("grade-pass"); NULL when the value carries none. The
 * interpretation variants return NULL also when the value is the text's.
 */
const struct catalog_basis *catalog_rule_basis(const struct catalog_rule *r,
    const char *field);
const struct catalog_basis *catalog_ruleset_basis(const struct catalog *c,
    const char *field);
const struct catalog_basis *catalog_rule_interp(const struct catalog_rule *r,
    const char *field);
const struct catalog_basis *catalog_ruleset_interp(const struct catalog *c,
    const char *field);
const char *catalog_basis_source_name(enum basis_source s); /* "text" ... */
/* The Chinese name of a catalog key ("grade-pass": 合格分数线), or the key. */
const char *catalog_key_label(const char *key);

const char *catalog_role_name(enum role r);   /* "party_principal" ... */
const char *catalog_role_label(enum role r);  /* 党委主要负责人 ... */
const char *catalog_grade_name(enum grade g); /* "excellent" ... */
const char *catalog_grade_label(enum grade g);
const char *catalog_measure_name(enum measure m);

#endif
