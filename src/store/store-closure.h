/*
 * Closed years (contract, "Closing a year"): the tables closure and
 * closure_result (one migration, the last in both schemas).
 *
 * A closure is a year and a region's subtree (region NULL, path "/": the
 * whole database). Closures may nest: a province closed after one of its
 * counties holds the results the county's closure did not; each frozen
 * result belongs to exactly one closure. Whether a row lies in a closed
 * year is one rule, asked here by every writer: its date's year has a
 * closure whose path is a prefix of the row's organ's region path.
 */
#ifndef LVZHI_STORE_CLOSURE_H
#define LVZHI_STORE_CLOSURE_H

#include <stdint.h>

#include "base/date.h"
#include "store/store.h"

struct store_closure {
	int64_t key;
	int year;
	const char *region; /* NULL: the whole database */
	const char *path;   /* "/" for the whole */
	const char *closed_by, *closed_at, *reason; /* reason may be NULL */
	const char *ruleset, *version, *digest;
	const char *versions; /* JSON list: {version, effective, sm3} */
	const char *head;     /* the evaluation JSON's head, up to "results":[ */
};
typedef int (*closure_cb)(void *ctx, const struct store_closure *c);

/* Whether any closure exists (year 0) or any of year: 1, 0 or -1. */
int store_closure_any(struct store *s, int year);
/* The outermost closure of year whose subtree holds path (a region's
 * path, "/" for the whole): cb is called once; 1 when found, 0, -1. */
int store_closure_covering(struct store *s, int year, const char *path,
    closure_cb cb, void *ctx);
/* Every closure of year that holds path or lies inside it, outermost
 * first. Returns 0, cb's value, or -1. */
int store_each_closure(struct store *s, int year, const char *path,
    closure_cb cb, void *ctx);
/* The same a page at a time (limit 0 or less: 50), and their number
 * (>= 0, or -1); and only those holding path (the caller's own region
 * and those above it), outermost first. */
int store_page_closure(struct store *s, int year, const char *path,
    long offset, long limit, closure_cb cb, void *ctx);
long store_count_closure(struct store *s, int year, const char *path);
int store_each_closure_holding(struct store *s, int year, const char *path,
    closure_cb cb, void *ctx);
/* Adds a closure (its fields but key; c->region NULL for the whole);
 * *key receives its key. 0 or -1. */
int store_closure_add(struct store *s, const struct store_closure *c,
    int64_t *key);
/* Sets a closure's year (a closure is made under year 0, so that the
 * evaluation freezing its results does not see it yet). */
int store_closure_set_year(struct store *s, int64_t key, int year);
/* Removes a closure and its frozen results; 1, 0 (none) or -1. */
int store_closure_remove(struct store *s, int64_t key);

/* One frozen result, with the keys of the evaluation's order. */
struct store_frozen {
	const char *path, *code; /* its region's path and code */
	int rank;                /* organ order: party, government, others */
	const char *organ, *start, *person; /* start: the segment's from */
	const char *doc;         /* the result's JSON */
	size_t len;
};
typedef int (*frozen_cb)(void *ctx, const struct store_frozen *f);
int store_frozen_add(struct store *s, int64_t closure, int64_t seq,
    const struct store_frozen *f);
/* The frozen results of year inside path, in the evaluation's order. */
int store_each_frozen(struct store *s, int year, const char *path,
    frozen_cb cb, void *ctx);
/* The SM3 of the frozen JSON of person's result at organ in year (its
 * latest segment), with the closure's time: 1, 0 or -1. */
int store_frozen_of(struct store *s, int year, const char *person,
    const char *organ, char sm3[65], char at[32]);
/* The region codes inside the closures of year, one call each. */
int store_each_closed_code(struct store *s, int year,
    int (*cb)(void *ctx, const char *code), void *ctx);

/* The root check of every write: 1 when a record (by id as stored, or
 * by organ key and date as it would be written; id NULL or organ 0 skip
 * that half) lies in a closed year, 0 when not, -1 on error. */
int store_record_closed(struct store *s, const char *id, int64_t organ,
    date_t date);
/* 1 when person (key) held a post in a closed subtree of a closed year. */
int store_score_closed(struct store *s, int64_t person, int year);

/* The history of closing and reopening (closure_log). */
struct store_closure_event {
	int year;
	const char *region; /* NULL: the whole database */
	const char *action; /* "close" or "reopen" */
	const char *actor, *at, *reason;
	const char *path;   /* the region's path, "/" for the whole */
};
int store_closure_log_add(struct store *s,
    const struct store_closure_event *e);
/* The latest 50 events of year that hold path or lie inside it, newest
 * first. */
int store_each_closure_event(struct store *s, int year, const char *path,
    int (*cb)(void *ctx, const struct store_closure_event *e), void *ctx);

#endif
