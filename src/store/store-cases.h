/*
 * Storage of accountability cases (问责案件, 第九条) and their history.
 *
 * Backend-neutral like store.h: ids, dates and rows, no SQL. A case row
 * carries its target (organ, and person for a cadre), the region of the
 * organ (the deciding office's scope: its path lets callers check scope
 * without another read), its state and the text of each step. Every step
 * also appends an event (who, when, from which state to which), so the
 * history survives later edits of the case row. What a state means and
 * which moves are allowed is src/oversight/procedure.c's business, not
 * storage's.
 *
 * Rows passed to callbacks are valid only during the call. Writes are
 * meant to run inside the caller's transaction (store_begin), with the
 * audit entry appended in the same one.
 */
#ifndef LVZHI_STORE_CASES_H
#define LVZHI_STORE_CASES_H

#include <stdint.h>

#include "base/entity.h"
#include "store/store.h"

struct store_case {
	int64_t key;
	const char *id;
	const char *target;          /* "cadre" or "organization" */
	const char *person, *person_name; /* NULL for an organization */
	const char *organ, *organ_name;
	const char *region, *region_name, *region_path;
	int item;                    /* 第九条第(item)项, 1..5 */
	const char *source;          /* "inspection", "veto", "report" */
	const char *source_ref;      /* e.g. "eval:2025:p-1:5.4-x"; or NULL */
	int year;                    /* 0: none */
	const char *summary, *state;
	const char *investigation, *statement;
	int waived;                  /* statement and defence waived */
	const char *decision_form, *decision;
	date_t decided_on;           /* DATE_NONE when not yet */
	const char *execution;
	date_t executed_on;
	const char *appeal;
	date_t appeal_on;
	const char *appeal_result;
	const char *created_by, *created_at, *updated_at;
	/* Read only: the accounts of the latest step that closed the
	 * investigation and of the latest decision (NULL: none yet). */
	const char *investigated_by, *decided_by;
	/* Its readable number, "〔2026〕3号" (NULL: none). */
	const char *number;
};

struct store_case_event {
	int64_t key;
	const char *action, *from, *to, *note, *actor, *at;
};

/* The rows above as field tables (base/entity.h): what the store reads
 * and binds, and what a caller copies out of a row (entity_copy). */
extern const struct entity store_case_entity;
extern const struct entity store_case_event_entity;

/* Which cases a listing shows; NULL / 0 fields do not filter. */
struct store_case_filter {
	const char *path;  /* region subtree (a path from store_region_path) */
	const char *state;
	int limit, offset; /* limit 0: all */
};

/*
 * Adds case c: id, target, organ (and person), item, source, source_ref,
 * year, summary, state, created_by and created_at are read; the region is
 * the organ's. Returns 0, or -1 (unknown organ or person, duplicate id).
 */
int store_case_add(struct store *s, const struct store_case *c);
/*
 * Writes the fields a step changes: state, investigation, statement,
 * decision_form, decision, decided_on, execution, executed_on, appeal,
 * appeal_on, appeal_result, updated_at. Returns 1, 0 (no such case), -1.
 */
int store_case_update(struct store *s, const struct store_case *c);
/* Appends an event to the case with id; 0 or -1. from may be NULL. */
int store_case_event_add(struct store *s, const char *id,
    const char *action, const char *from, const char *to, const char *note,
    const char *actor, const char *at);

/* The case with id: 1 (cb called), 0 (none), -1. */
int store_case_get(struct store *s, const char *id,
    int (*cb)(void *, const struct store_case *), void *ctx);
/* Cases of the filter, newest first. */
int store_each_case(struct store *s, const struct store_case_filter *f,
    int (*cb)(void *, const struct store_case *), void *ctx);
/* Number of cases the filter selects (limit and offset ignored); -1. */
long store_count_cases(struct store *s, const struct store_case_filter *f);
/* A case's events, oldest first. */
int store_each_case_event(struct store *s, const char *id,
    int (*cb)(void *, const struct store_case_event *), void *ctx);
/* The id of a case opened from source_ref into id (n bytes): 1, 0, -1. */
int store_case_by_ref(struct store *s, const char *source_ref, char *id,
    size_t n);
/* How many case ids start with prefix ("ac-2026-"); -1 on failure. */
long store_case_count_prefix(struct store *s, const char *prefix);

#endif
