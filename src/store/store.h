/*
 * Storage: the one door to the database.
 *
 * Everything lvzhi keeps goes through these functions; nothing else sees
 * SQL. The interface speaks in ids, dates and rows, not in statements, so a
 * PostgreSQL backend can implement it beside SQLite (store-sqlite.c). A
 * store is opened from a URL or a path; `store_open` picks the backend.
 *
 * Integer keys (`key`) are the backend's surrogate keys: dense, positive,
 * stable. Engines use them to index arrays instead of hashing strings.
 *
 * Iterators call back once per row; the row's strings are valid only
 * during the call. A callback returning non-zero stops the iteration and
 * that value is returned.
 *
 * Errors: functions return 0 (or a row count / enum) on success and -1 on
 * failure, with the message in store_error().
 */
#ifndef LVZHI_STORE_H
#define LVZHI_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/date.h"

struct store;

enum store_put {
	STORE_INSERTED,
	STORE_UPDATED,
	STORE_UNCHANGED,
};

/* Opens (creating when asked) and migrates; NULL with err filled. */
struct store *store_open(const char *url, int create, char *err,
    size_t errlen);
void store_close(struct store *s);
const char *store_error(const struct store *s);
/* Schema version after migration. */
int store_schema_version(struct store *s);

int store_begin(struct store *s);
int store_commit(struct store *s);
int store_rollback(struct store *s);
/* Bulk mode for imports: larger caches, fewer syncs until the commit. */
void store_bulk(struct store *s, int on);

/* ---- registry ---- */

struct store_region {
	int64_t key;
	const char *code, *name, *level, *parent; /* parent NULL at the top */
};
struct store_organ {
	int64_t key, region_key;
	const char *id, *name, *kind;
};
struct store_person {
	int64_t key;
	const char *id, *name;
};

int store_each_region(struct store *s,
    int (*cb)(void *, const struct store_region *), void *ctx);
int store_each_organ(struct store *s,
    int (*cb)(void *, const struct store_organ *), void *ctx);
int store_each_person(struct store *s,
    int (*cb)(void *, const struct store_person *), void *ctx);

/*
 * Upserts by natural id. `doc` is the entity's canonical JSON: equal doc
 * means equal content, so re-importing it is STORE_UNCHANGED and writes
 * nothing. *key (where given) receives the new row's key on
 * STORE_INSERTED only; callers already know the keys of existing rows.
 * Return an enum store_put, or -1.
 */
int store_put_region(struct store *s, const char *code, const char *name,
    const char *level, int64_t parent_key, const char *doc, int64_t *key);
int store_put_organ(struct store *s, const char *id, int64_t region_key,
    const char *kind, const char *name, int64_t parent_organ_key,
    const char *doc, int64_t *key);
int store_put_person(struct store *s, const char *id, const char *name,
    const char *doc, int64_t *key);
int store_put_tenure(struct store *s, const char *id, int64_t person_key,
    int64_t organ_key, const char *role, date_t start, date_t end,
    const char *doc);
int store_put_record(struct store *s, const char *id, const char *kind,
    int64_t organ_key, int64_t person_key, date_t date, const char *status,
    const char *title, const char *doc);
int store_put_score(struct store *s, int64_t person_key, int year,
    const char *duty, double score, const char *by, const char *comment,
    const char *doc);

/* ---- evaluation inputs ---- */

/* A principal tenure with its organ and region, for coverage and eval. */
struct store_tenure {
	int64_t person_key, organ_key;
	const char *tenure_id, *person_id, *person_name;
	const char *organ_id, *organ_name, *organ_kind;
	const char *region_code, *region_name, *region_level;
	date_t start, end; /* end DATE_NONE: serving */
};
/*
 * Principal tenures overlapping [from, to] of organs in the subtree of
 * region (NULL: everywhere), ordered by region code, then party
 * committee, government and departments, then organ id and start.
 */
int store_each_principal(struct store *s, date_t from, date_t to,
    const char *region, int (*cb)(void *, const struct store_tenure *),
    void *ctx);

struct store_record {
	int64_t organ_key, person_key; /* person_key 0: none */
	const char *id, *kind, *status, *doc;
	date_t date;
};
/*
 * Records dated in [from, to] of organs in the subtree of region (NULL:
 * everywhere), in no particular order: the evaluator dispatches each row
 * by key, so the backend may scan in its cheapest order.
 */
int store_each_record(struct store *s, date_t from, date_t to,
    const char *region, int (*cb)(void *, const struct store_record *),
    void *ctx);
/*
 * Records of `kind` dated in [from, to] that name a person, wherever their
 * organ is: findings about a person follow the person, not the organ.
 */
int store_each_person_record(struct store *s, const char *kind, date_t from,
    date_t to, int (*cb)(void *, const struct store_record *), void *ctx);

struct store_score {
	int64_t person_key;
	const char *duty, *by, *comment;
	double score;
};
int store_each_score(struct store *s, int year,
    int (*cb)(void *, const struct store_score *), void *ctx);

/* Largest organ / person key, to size arrays indexed by key. */
int64_t store_max_organ_key(struct store *s);
int64_t store_max_person_key(struct store *s);

/* Records that an evaluation ran, with the ruleset it used. */
int store_add_eval_run(struct store *s, int year, const char *region,
    const char *ruleset, const char *version, const char *digest,
    long results);

/* ---- audit log ---- */

struct store_audit {
	int64_t seq;
	const char *time, *actor, *action, *entity, *digest, *prev, *hash;
	int success;
};
/* The last entry's seq and hash (seq 0 and "" when empty). */
int store_audit_last(struct store *s, int64_t *seq, char *hash, size_t n);
int store_audit_insert(struct store *s, const struct store_audit *a);
int store_each_audit(struct store *s,
    int (*cb)(void *, const struct store_audit *), void *ctx);

#endif
