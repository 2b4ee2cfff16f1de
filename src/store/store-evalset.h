/*
 * Materialised evaluations (the tables eval_set, eval_row, eval_duty):
 * one year's results over one region's subtree as the engine computed
 * them, kept so that a page can filter, sort, count and page them in SQL.
 *
 * A set is a cache, never a source: it is valid only for the key it was
 * made under — the catalog's digest, the day it was computed for, and the
 * data version (the audit log's last sequence number and hash). Every
 * write to what an evaluation reads appends to the audit log in its own
 * transaction, so a write moves the version in the same commit, and a set
 * made before it no longer matches: it is not read again, but made anew
 * (domain/evaluation-set.c). One set per (year, scope): making one
 * replaces the last.
 */
#ifndef LVZHI_STORE_EVALSET_H
#define LVZHI_STORE_EVALSET_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct store_evalset_key {
	int year;
	const char *scope;  /* a region code, "" for everything */
	const char *digest; /* the catalog's SM3 */
	const char *asof;   /* the day, YYYY-MM-DD */
	int64_t version;    /* the audit log's last sequence number */
	const char *tag;    /* and that entry's hash */
};

/* The set made under exactly k: 1 with *set, 0 (none or stale), -1. */
int store_evalset_find(struct store *s, const struct store_evalset_key *k,
    int64_t *set);
/* Removes the set of (k->year, k->scope), if any, and starts one under k
 * (inside the caller's transaction). 0 or -1. */
int store_evalset_start(struct store *s, const struct store_evalset_key *k,
    int64_t *set);

/*
 * Bringing a set up to date (store-refresh.c), inside the caller's
 * transaction. The set of k's year and scope made under k's catalog and
 * day, whatever its version: 1 with *set and its *version, 0, -1.
 */
int store_evalset_stale(struct store *s, const struct store_evalset_key *k,
    int64_t *set, int64_t *version);
/* Removes the results of the region at path (its own, not its
 * subtree's), and their duties from the set's duty counts: 0 with the
 * first seq and the number they held, to be given again in place (0 and
 * 0 when it has none); 1 when they are not one block of seqs, and
 * nothing was removed; -1. */
int store_evalset_drop_region(struct store *s, int64_t set, const char *path,
    int64_t *first, long *n);
/* The n results given again from seq first: their duties into the set's
 * duty counts. 0 or -1. */
int store_evalset_give_region(struct store *s, int64_t set, int64_t first,
    long n);
/* The set now kept under k's version (the counts of duties no result
 * has any more gone); store_evalset_awaiting_count ends it. 0 or -1. */
int store_evalset_rekey(struct store *s, int64_t set,
    const struct store_evalset_key *k);

/* Ends the making of a set over path (a region's path, "/" for all):
 * its duty counts and, store_evalset_awaiting_count, its records
 * awaiting review. 0 or -1. */
int store_evalset_finish(struct store *s, int64_t set, const char *path);
int store_evalset_awaiting_count(struct store *s, int64_t set,
    const char *path);
/* Those records: >= 0, -2 when the set has no count, -1. */
long store_evalset_awaiting(struct store *s, int64_t set);

/* One result of a set, with the columns filters and sorts read. */
struct store_evalrow {
	int64_t seq; /* the engine's order */
	const char *path, *region, *region_name, *organ, *organ_name;
	const char *person, *person_name;
	int grade, has_score, provisional, veto, closed;
	int role; /* enum role; -1 in a set made before it was kept */
	double score;
	const char *doc; /* the result's JSON (report_result_text) */
	size_t len;
};
int store_evalrow_add(struct store *s, int64_t set,
    const struct store_evalrow *r);

/* One duty of a result, as the dashboard and the warnings read it. */
struct store_evalduty {
	int64_t seq; /* the result's */
	int duty;    /* its place in the result */
	const char *rule;
	int verdict, pending, risk; /* risk: 0, 1 at risk, 2 overdue */
	int required, actual, gap, days, weeks, kind;
	double pressure;
	const char *due; /* YYYY-MM-DD or NULL */
};
int store_evalduty_add(struct store *s, int64_t set,
    const struct store_evalduty *u);

/* Which results of a set: each field applies only when set (NULL, -1). */
struct store_evalfilter {
	const char *path;     /* a region's subtree */
	const char *organ;    /* a clerk's */
	const char *person;   /* a leader's */
	int grade;            /* enum grade */
	int provisional;      /* 0 or 1 */
	int veto;             /* 0 or 1 */
	int verdict;          /* has a duty of this enum verdict */
};
#define STORE_EVALFILTER_ALL { NULL, NULL, NULL, -1, -1, -1, -1 }

/* The orders a page may ask for. */
enum store_evalsort {
	EVALSORT_ORDER, /* the engine's: region, organ, post */
	EVALSORT_SCORE, /* highest first */
	EVALSORT_SCORE_ASC,
	EVALSORT_NAME,  /* person's name */
	EVALSORT_GRADE, /* worst first */
	EVALSORT_COUNT
};

/* The number of results f selects: >= 0, or -1. */
long store_evalset_count(struct store *s, int64_t set,
    const struct store_evalfilter *f);
/* The results f selects in the engine's order, without their JSON (doc
 * NULL): cb per result. Returns 0, cb's value, or -1. */
int store_evalset_rows(struct store *s, int64_t set,
    const struct store_evalfilter *f,
    int (*cb)(void *ctx, const struct store_evalrow *r), void *ctx);
/* Counts by grade, provisional and vetoed of what f selects. 0 or -1. */
int store_evalset_tally(struct store *s, int64_t set,
    const struct store_evalfilter *f, long by_grade[4], long *provisional,
    long *veto);
/* The results f selects in order, offset and limit: cb per result with
 * its JSON. Returns 0, cb's value, or -1. */
int store_evalset_each(struct store *s, int64_t set,
    const struct store_evalfilter *f, enum store_evalsort sort,
    long offset, long limit,
    int (*cb)(void *ctx, const char *doc, size_t len), void *ctx);

/* Per rule, verdict and pending, the number of duties f's results hold:
 * cb(ctx, rule, verdict, pending, n). 0, cb's value or -1. */
int store_evalset_duties(struct store *s, int64_t set,
    const struct store_evalfilter *f,
    int (*cb)(void *, const char *, int, int, long), void *ctx);

/* A duty at risk or overdue with its leader. */
struct store_evalrisk {
	struct store_evalduty u;
	const char *region, *region_name, *organ, *organ_name;
	const char *person, *person_name;
};
/* The number of duties of risk (1 or 2; 0: both) among f's results. */
long store_evalset_risk_count(struct store *s, int64_t set,
    const struct store_evalfilter *f, int risk);
/* Those duties, worst first (pressure, fewer weeks, larger gap). */
int store_evalset_risks(struct store *s, int64_t set,
    const struct store_evalfilter *f, int risk, long offset, long limit,
    int (*cb)(void *, const struct store_evalrisk *), void *ctx);

/* A qualitative duty of a result with its score (scored 0: none yet). */
struct store_evalscore {
	const char *person, *person_name, *organ, *rule;
	int scored;
	double score;
	const char *by, *comment;
};
/* The qualitative duties (rules: their ids as ",a,b,") of the results f
 * selects, with year's scores, in the engine's order (results, then
 * duties), offset and limit: 0, cb's value or -1; and their number. */
int store_evalset_scores(struct store *s, int64_t set,
    const struct store_evalfilter *f, int year, const char *rules,
    long offset, long limit,
    int (*cb)(void *, const struct store_evalscore *), void *ctx);
long store_evalset_scores_count(struct store *s, int64_t set,
    const struct store_evalfilter *f, int year, const char *rules);
#endif
