/*
 * Storage: the one door to the database.
 *
 * Everything lvzhi keeps goes through these functions; nothing else sees
 * SQL. The interface speaks in ids, dates and rows, not in statements; the
 * store-*.c files implement it over a small query layer (db.h) with a
 * driver per database (db-sqlite.c, db-pg.c). A store is opened from a URL or a
 * path; `store_open` picks the driver.
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
	STORE_QUEUED, /* batched: the answer comes from store_batch_end */
};

/* Opens (creating when asked) and migrates; NULL with err filled. */
struct store *store_open(const char *url, int create, char *err,
    size_t errlen);
void store_close(struct store *s);
const char *store_error(const struct store *s);
/* Schema version after migration. */
int store_schema_version(struct store *s);

int store_begin(struct store *s);
/*
 * A read-only transaction: the lookups a request makes between these two
 * calls see one snapshot and take the database's locks once, not once
 * per statement. Nothing may be written between them (a write there could
 * not wait for the write lock); 0, or -1 when it could not start.
 */
int store_begin_read(struct store *s);
void store_end_read(struct store *s);
/* Whether a transaction is open on this connection. */
int store_in_transaction(struct store *s);
int store_commit(struct store *s);
int store_rollback(struct store *s);
/*
 * A note on the open transaction: after it commits, fn(note, len) is
 * called once (with the store's write lock released); a rollback drops
 * it. A second note in the same transaction replaces the first. len is
 * at most STORE_NOTE_MAX. (The audit log's head: written outside the
 * database once, and only once, its entry is committed.)
 */
#define STORE_NOTE_MAX 256
void store_note(struct store *s, void (*fn)(const void *note, size_t len),
    const void *note, size_t len);
/* The open transaction's note (*len bytes), or NULL when it has none. */
const void *store_note_of(const struct store *s, size_t *len);
/* Sets store_error(s) to msg (a check above the store refused); -1. */
int store_refuse(struct store *s, const char *msg);
/*
 * Bulk mode for imports: larger caches, fewer syncs until the commit;
 * call outside a transaction. On SQLite, a load into a database without
 * records that no other connection has open writes its pages straight
 * into the file under a rollback journal, and holds the file to itself
 * until bulk mode ends (the WAL would take every page twice: once into
 * the log, once back at the checkpoint).
 */
void store_bulk(struct store *s, int on);
/*
 * Inside the import's transaction: on = 1 drops the secondary indexes of
 * the import's tables that are empty now (a large load into an empty
 * table is faster with its indexes built once, at the end); on = 0 builds
 * them again, before the commit. A rollback restores them by itself.
 * Returns 0 or -1.
 */
int store_bulk_indexes(struct store *s, int on);
/* After store_bulk_indexes(s, 1): 1 when the record table is empty and
 * its id index dropped (SQLite), so that records whose ids the caller
 * knows to be new in this load may go through store_add_records. */
int store_bulk_first(const struct store *s);

/* A record no row has the id of, for store_add_records. */
struct store_new_record {
	const char *id, *kind, *status, *title, *doc;
	int64_t organ_key, person_key; /* person_key 0: none */
	date_t date;
};

/* Inserts n records whose ids no row has (the caller's promise: see
 * store_bulk_first), many to a statement. Returns how many were stored:
 * n, or fewer when a statement failed (the error in store_error; that
 * statement's rows, from the count on, are not stored). */
size_t store_add_records(struct store *s, const struct store_new_record *v,
    size_t n);

/* ---- backup and restore (lvzhi backup, lvzhi restore) ---- */

/*
 * Copies the whole database, as of one moment, to the new file path while
 * others go on reading and writing: the copy holds every transaction
 * committed before that moment and nothing of a later one. path is created
 * complete or not at all, and never replaces an existing file. Returns 0
 * or -1.
 */
int store_backup(struct store *s, const char *path);
/*
 * Replaces the database at url with the backup file `from`, which is only
 * read. The backup must be a database of this system with a schema
 * version this build knows (older ones are migrated); it is staged beside
 * url, checked by the backend (integrity), then handed to verify (unless
 * NULL) as a store: the caller's own checks and its audit entry, 0 to go
 * on or -1 with why filled. Only then is it put in place of url, in one
 * atomic step. Refused while another process has url open (a running
 * server). Returns 0, or -1 with err filled; url is unchanged on failure.
 */
int store_restore(const char *url, const char *from,
    int (*verify)(void *ctx, struct store *staged, char *why, size_t n),
    void *ctx, char *err, size_t errlen);

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
 * Where *key is above 0 on entry, a new row takes that key (a bulk import
 * numbers new rows itself, next after the largest key, so that it can
 * parse ahead of the writes); 0 takes the next key.
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

/*
 * Batched puts, for an import's writer: between store_batch_begin and
 * store_batch_end, store_put_organ, _person, _tenure, _record and _score
 * send their upserts without waiting for the answers (PostgreSQL's
 * pipeline mode) and return STORE_QUEUED, or -1 when the send failed;
 * *key is left as given (a batch's new rows take the keys given). At
 * most STORE_BATCH_MAX puts a batch; no other call on the store between.
 * store_batch_begin returns 0, 1 when the backend writes at once (SQLite:
 * write row by row as without a batch), or -1. store_batch_end sets put[i]
 * to the i-th queued put's enum store_put, or -1 from the first that
 * failed on (the store's error says why); n is the number queued.
 * Returns 0 or -1.
 */
#define STORE_BATCH_MAX 256
int store_batch_begin(struct store *s);
int store_batch_end(struct store *s, int *put, size_t n);

/* ---- evaluation inputs ---- */

/* A principal tenure with its organ and region, for coverage and eval. */
struct store_tenure {
	int64_t person_key, organ_key;
	const char *tenure_id, *person_id, *person_name;
	const char *organ_id, *organ_name, *organ_kind;
	const char *region_code, *region_name, *region_level;
	date_t start, end; /* end DATE_NONE: serving */
	const char *role;  /* "principal" or "deputy" (tenure listings) */
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
 * by key, so the backend may scan in its cheapest order. The rows come
 * one at a time from the database (a year's records need not fit in
 * memory), so cb must not use the store; the same for
 * store_each_person_record.
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
/* The same for one person (by key): a region's evaluation asks for its
 * leaders' scores only. */
int store_each_score_of(struct store *s, int year, int64_t person_key,
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
/* The data version: the seq and hash of the last audit entry whose
 * action can change what an evaluation reads (audit.c says which), or of
 * the log's last entry when the table was made; 0 and "" when none. The
 * evaluation sets and caches are kept under it, so that a login or a
 * token does not make them anew. */
int store_data_version(struct store *s, int64_t *seq, char *hash, size_t n);
/* Moves it to an entry appended in the same transaction (store-refresh.c):
 * as a change of the regions the transaction named (below), or when it
 * named none or too many, of everything (DATA_NAMED); of everything
 * (DATA_ALL); or, for a write of nothing an evaluation set reads, of the
 * regions named by the writes before it in the transaction that no entry
 * has taken yet, if any (DATA_UNREAD: a set is then kept, only its
 * version moved). Forgets the names either way. 0 or -1. */
enum data_move { DATA_ALL, DATA_NAMED, DATA_UNREAD };
int store_data_move(struct store *s, int64_t seq, const char *hash,
    enum data_move how);
/* Names the regions a write inside the open transaction changes: those
 * of a record as stored (its organ's, and its person's posts'), or of an
 * organ and a person by key (0: none). An error names "any". 0 or -1. */
int store_touch_record(struct store *s, const char *id);
int store_touch_keys(struct store *s, int64_t organ, int64_t person);
void store_touch_clear(struct store *s);
/* The regions changed after data version since, each once, "" among
 * them when everything may have: cb(ctx, code). 0, cb's value or -1. */
int store_data_changes(struct store *s, int64_t since,
    int (*cb)(void *, const char *), void *ctx);
/* Forgets the changes no set can still need. 0 or -1. */
int store_data_prune(struct store *s);

/* ---- accounts, sessions, tokens (the web system) ---- */

struct store_account {
	int64_t key;
	const char *name, *role, *password; /* password: an argon2id hash */
	const char *region;  /* scope region code (office, inspector, ...) */
	const char *organ;   /* clerk's organ id */
	const char *person;  /* leader's person id */
	int64_t organ_key, person_key;
	int disabled, failures;
	int64_t locked_until; /* unix seconds */
	const char *created, *password_changed;
	int must_change;      /* a one-time password: change at next login */
	const char *path;     /* where it is placed: its region's path, else
	                       * its organ's region's; NULL for neither */
	const char *region_name, *organ_name, *person_name;
};

/*
 * Adds an account; region, organ and person are ids (or NULL) and must
 * exist. Returns 0, or -1 (duplicate name, unknown reference, ...).
 */
int store_account_add(struct store *s, const char *name, const char *role,
    const char *region, const char *organ, const char *person,
    const char *hash);
/* Calls cb (unless NULL) with the account named name (or of key when
 * name is NULL); returns 1 when found, 0 when not, -1 on error. */
int store_account_get(struct store *s, const char *name, int64_t key,
    int (*cb)(void *, const struct store_account *), void *ctx);
int store_each_account(struct store *s,
    int (*cb)(void *, const struct store_account *), void *ctx);
/* Each returns 1 when the account existed, 0 when not, -1 on error. */
int store_account_set_password(struct store *s, const char *name,
    const char *hash);
int store_account_set_disabled(struct store *s, const char *name,
    int disabled);
int store_account_set_failures(struct store *s, int64_t key, int failures,
    int64_t locked_until);
/* Whether the account must choose its own password at its next login
 * (a password set with store_account_set_password clears it): 1, 0, -1. */
int store_account_set_must_change(struct store *s, const char *name,
    int on);
/* A page of accounts, by name. Each filter applies when set. */
struct store_account_filter {
	const char *path;  /* placed in this subtree (store_account.path) */
	const char *roles; /* one of these, as ",clerk,leader,"; NULL: any */
	const char *role;  /* this one */
	int status;        /* -1 any, 0 enabled, 1 disabled */
	const char *q;     /* a part of the name */
	int limit, offset; /* limit 0: 50 */
};
int store_each_account_page(struct store *s,
    const struct store_account_filter *f,
    int (*cb)(void *, const struct store_account *), void *ctx);
/* How many the filter holds, or -1. */
long store_count_accounts(struct store *s,
    const struct store_account_filter *f);
/* How many enabled admin accounts there are, or -1. */
long store_count_admins(struct store *s);

/*
 * Failed logins by client address (text). store_login_failures returns
 * how many were at or after since, with the earliest of them in *oldest
 * (0 when none), or -1. store_login_failure_add records one at now and
 * deletes those before prune_before; 0 or -1.
 */
int store_login_failures(struct store *s, const char *ip, int64_t since,
    int64_t *oldest);
int store_login_failure_add(struct store *s, const char *ip, int64_t now,
    int64_t prune_before);
/*
 * Login marks by key (text): a failure count and a time until which the
 * mark holds. store_login_mark_get returns 1 with them, 0 when there is
 * none (both 0), -1. store_login_mark_set writes them (at now), deleting
 * marks last written before prune_before that hold no more; 0 or -1.
 * store_login_mark_claim sets the mark's time to until unless it holds
 * past now already: 1 when it did, 0 when the mark held, -1.
 */
int store_login_mark_get(struct store *s, const char *key, int *failures,
    int64_t *locked_until);
int store_login_mark_set(struct store *s, const char *key, int failures,
    int64_t locked_until, int64_t now, int64_t prune_before);
int store_login_mark_claim(struct store *s, const char *key, int64_t until,
    int64_t now);
/* The database's key for login digests into out (n bytes): the one
 * stored, else fresh, stored now (another's, stored first, wins); 0 or
 * -1. */
int store_login_secret(struct store *s, const char *fresh, char *out,
    size_t n);

/* Sessions and API tokens are keyed by the SM3 digest of the token. */
int store_session_add(struct store *s, const char *token, int64_t account,
    const char *csrf, int64_t now);
/* 1 with *account, csrf (65 bytes), *last_seen and *created set; 0 when
 * unknown. */
int store_session_get(struct store *s, const char *token, int64_t *account,
    char *csrf, int64_t *last_seen, int64_t *created);
int store_session_touch(struct store *s, const char *token, int64_t now);
int store_session_delete(struct store *s, const char *token);
/* Ends every session of an account (password change, disabling). */
int store_session_delete_account(struct store *s, int64_t account);
int store_session_purge(struct store *s, int64_t idle_before);
/* A new API token: its digest, its id (16 hex digits, unique), the
 * account, what it is for, when made and when it ends (unix seconds). */
int store_token_add(struct store *s, const char *token, const char *id,
    int64_t account, const char *label, int64_t now, int64_t expires);
/* 1 with *account and *last_used set when the token exists, is not
 * revoked and has not expired at now; it writes nothing. */
int store_token_get(struct store *s, const char *token, int64_t now,
    int64_t *account, int64_t *last_used);
/* Records a use of the token at now, unless one was recorded in the
 * minute before. */
int store_token_touch(struct store *s, const char *token, int64_t now);

/* An API token as listed: never its secret nor its digest. */
struct store_token {
	const char *id, *label;
	int64_t created, expires, last_used, revoked; /* 0: never, not */
};
/* Calls cb with the account's tokens, newest first, at most limit of
 * them (with id set: that one alone); returns 0, cb's non-zero value,
 * or -1. */
int store_each_token(struct store *s, int64_t account, const char *id,
    int limit, int (*cb)(void *, const struct store_token *), void *ctx);
/* Revokes the account's live token id at now: 1 done, 0 when the
 * account has no such token live, -1 on error. */
int store_token_revoke(struct store *s, int64_t account, const char *id,
    int64_t now);
/* Revokes every live token of the account at now; returns how many, or
 * -1. */
int store_token_revoke_account(struct store *s, int64_t account,
    int64_t now);

/* ---- ledger and registry reads for the web ---- */

struct store_organ_info {
	int64_t key, region_key;
	char id[130], name[520], kind[32];
	char region[16], region_name[520], region_level[16];
	char path[512]; /* the region's path: "/520000/520100/" */
};
/* 1 and *out filled when the organ exists, 0 when not, -1 on error. */
int store_organ_info(struct store *s, const char *id,
    struct store_organ_info *out);
/* The path of a region code into out; 1, 0 (unknown) or -1. */
int store_region_path(struct store *s, const char *code, char *out,
    size_t n);

struct store_ledger_row {
	int64_t key;
	const char *id, *kind, *organ, *organ_name, *region, *region_name;
	const char *person, *person_name, *date, *status, *title, *doc;
	const char *reviewed_by, *reviewed_at, *review_note, *updated_at;
	int evidence;
	int number_year, number_seq; /* its readable number; 0: none yet */
};

/* Which records a listing shows; NULL / 0 fields do not filter. */
struct store_ledger_filter {
	const char *path;   /* region subtree (a path from store_region_path) */
	const char *organ;  /* organ id */
	const char *kind, *status, *q; /* q: substring of the title, the id,
					  or a number "[南明区台账 ]2025-0012" */
	date_t from, to;    /* DATE_NONE: open */
	int limit, offset;
	const char *sort;   /* "date", "kind" or "status" (store_sort_pick);
	                     * NULL: newest first */
	int desc;
	long counted;       /* store_count_ledger_upto's answer for it with
	                     * STORE_COUNT_CAP, when the caller has it (the
	                     * listing's plan follows it), or 0 */
};
int store_each_ledger(struct store *s, const struct store_ledger_filter *f,
    int (*cb)(void *, const struct store_ledger_row *), void *ctx);
/* Number of records the filter selects (limit and offset ignored). */
long store_count_ledger(struct store *s, const struct store_ledger_filter *f);
/* The same, counted up to cap + 1 at most (a page's "1万+ 条": an exact
 * count of a province's records would read them all). */
long store_count_ledger_upto(struct store *s,
    const struct store_ledger_filter *f, long cap);
/* The id of the record whose readable number text is ("2025-0012",
 * "南明区台账 2025-0012") in the subtree path (NULL: all), into out: 1,
 * 0 (text is no number), 2 (several: the region is needed), 3 (a
 * number none has), -1. */
int store_record_by_number(struct store *s, const char *text,
    const char *path, char *out, size_t size);
/* The record with id: 1 (cb called), 0, -1. */
int store_ledger_get(struct store *s, const char *id,
    int (*cb)(void *, const struct store_ledger_row *), void *ctx);
/* Sets status (verified / rejected / submitted) with who, when, why;
 * the doc's status follows. Returns 1, 0 (no such record, or it has that
 * status already: nothing changed) or -1. */
int store_ledger_review(struct store *s, const char *id, const char *status,
    const char *by, const char *note, const char *now);
/* Marks a record edited now (after store_put_record). */
int store_ledger_touch(struct store *s, const char *id, const char *now);

struct store_evidence {
	int64_t key;
	const char *record, *sm3, *mime, *filename, *evidence_date;
	const char *uploaded_by, *uploaded_at;
	int64_t size;
};
/* Its fields, as the store reads them and the API shows them
 * (base/entity.h). */
struct entity;
extern const struct entity store_evidence_entity;
int store_evidence_add(struct store *s, const char *record, const char *sm3,
    int64_t size, const char *mime, const char *filename,
    const char *evidence_date, const char *by, const char *now,
    int64_t *key);
/* Evidence of one record (record != NULL) or the one with key. */
int store_each_evidence(struct store *s, const char *record, int64_t key,
    int (*cb)(void *, const struct store_evidence *), void *ctx);

/* Regions of a subtree (path), parents before children. */
int store_each_region_in(struct store *s, const char *path,
    int (*cb)(void *, const struct store_region *), void *ctx);
/* Organs of one region code. */
int store_each_organ_of(struct store *s, const char *region,
    int (*cb)(void *, const struct store_organ *), void *ctx);
/* Tenures of an organ, newest first. */
int store_each_tenure_of(struct store *s, const char *organ,
    int (*cb)(void *, const struct store_tenure *), void *ctx);
/* Tenures of a person, newest first. */
int store_each_tenure_of_person(struct store *s, const char *person,
    int (*cb)(void *, const struct store_tenure *), void *ctx);

/* Audit entries, newest first, with seq < before (0: from the newest). */
int store_each_audit_page(struct store *s, int64_t before, int limit,
    int (*cb)(void *, const struct store_audit *), void *ctx);

/* Key of an organ / person id: 1 (found), 0, -1. */
int store_organ_key(struct store *s, const char *id, int64_t *key);
int store_person_key(struct store *s, const char *id, int64_t *key);
/* Key and level ("province"...) of a region code: 1, 0, -1. */
int store_region_key(struct store *s, const char *code, int64_t *key,
    char *level, size_t n);

/* ---- listings: a page, its order, its total ([workbench] item 4) ----
 *
 * Every listing is paged in the store: a filter of its own plus these.
 * The order is one of the listing's own keys, never text from the
 * request: a key not in its whitelist gives its default order. */
struct store_page {
	int offset, limit;  /* limit 0 or less: 50 */
	const char *sort;   /* a key of the listing's whitelist, or NULL */
	int desc;
};
/* One order of a listing: its key and its ORDER BY text either way
 * (each ending with a unique column, so that pages never overlap). */
struct store_sort {
	const char *key;
	const char *asc, *desc;
};
/* The index in v[0..n) of the order named key; 0 (the default) when key
 * is NULL or not one of them. */
size_t store_sort_pick(const struct store_sort *v, size_t n,
    const char *key);
/* Counts past this are shown as "1万+" (store_count_*_upto). */
#define STORE_COUNT_CAP 10000

/* The audit log as its page reads it: entries newest first (or oldest,
 * by sort "seq"/"time"), filtered. */
struct store_audit_filter {
	const char *from, *to; /* times "YYYY-MM-DDTHH:MM:SSZ", [from, to) */
	const char *actor;     /* exactly, or NULL */
	const char *action;    /* exactly, or NULL */
	const char *object;    /* a substring of the entity, or NULL */
	struct store_page page;
};
int store_each_audit_filtered(struct store *s,
    const struct store_audit_filter *f,
    int (*cb)(void *, const struct store_audit *), void *ctx);
/* Entries the filter selects, up to cap + 1; -1 on failure. */
long store_count_audit(struct store *s, const struct store_audit_filter *f,
    long cap);
/* The distinct actors of the log, for the filter's choice: in order. */
int store_each_audit_actor(struct store *s,
    int (*cb)(void *, const char *actor), void *ctx);
/* The records awaiting review (status submitted) of organ (its id), else
 * inside path (a region's path), else everywhere: >= 0, or -1
 * (store-awaiting.c). */
long store_count_awaiting(struct store *s, const char *path,
    const char *organ);
/* ---- lookups by name, for the pickers (store-lookup.c) ---- */

/* What a lookup looks in: each part applies only when set. */
struct store_lookup {
	const char *path;  /* region subtree (store_region_path) */
	const char *organ; /* organ id (people: their current post's) */
	const char *id;    /* the one person, organ or region code */
	const char *q;     /* part of the name */
	int limit;         /* 1..STORE_LOOKUP_MAX */
	/* A name typed without script (web/picker.c): the whole name,
	 * found by its index at any size, and part of the person's organ
	 * (organs: their region; regions: the parent) to tell namesakes
	 * apart. NULL: not asked. */
	const char *name, *place;
};
#define STORE_LOOKUP_MAX 50
/* A person with their current post: the open tenure begun last, else
 * the one ended last. */
struct store_person_hit {
	const char *id, *name, *role; /* role: principal or deputy */
	const char *organ, *organ_name, *organ_kind;
	const char *region, *region_name, *region_level;
};
/* People whose name holds q, in name order; 0, a callback's value, -1. */
int store_lookup_people(struct store *s, const struct store_lookup *f,
    int (*cb)(void *, const struct store_person_hit *), void *ctx);
/* Organs whose name holds q, with their region, in name order. */
struct store_organ_hit {
	const char *id, *name, *kind, *region, *region_name;
};
int store_lookup_organs(struct store *s, const struct store_lookup *f,
    int (*cb)(void *, const struct store_organ_hit *), void *ctx);
/* Regions whose name holds q, in path order (f->organ unused). */
int store_lookup_regions(struct store *s, const struct store_lookup *f,
    int (*cb)(void *, const struct store_region *), void *ctx);

/*
 * Readable numbers (store-lookup.c, schema-int.h): a record's is its
 * region's and its date's year, in order of writing; a case's its
 * region's and the year it was opened. Each is assigned in the
 * transaction that writes the row. store_number_record numbers one new
 * record; store_number_records every record with a key above after that
 * has none, in one statement (an import, once before its commit);
 * store_number_case the case id opened in year. 0 or -1.
 */
int store_number_record(struct store *s, const char *id);
int store_number_records(struct store *s, int64_t after);
int store_number_case(struct store *s, const char *id, int year);
/* The largest record key (0: none) into *key; 0 or -1. */
int store_record_key_max(struct store *s, int64_t *key);
/* The id of the case whose readable number text is ("南明区〔2026〕3号",
 * "〔2026〕3号", [2026]3 as typed) into out: as store_record_by_number's
 * 1, 0 (text is no case number), 2 (several), 3 (none has it), -1. */
int store_case_by_number(struct store *s, const char *text, char *out,
    size_t size);

/*
 * The registry as its pages and the API list it, paged in the store
 * (store-registry.c): regions of a subtree, the organs of a region with
 * the principal serving on a day, an organ's tenures, and people with
 * their current post (as store_lookup_people's). Each listing reads
 * only the members it names; an order is one of its keys (else its
 * first): regions "path" (the tree's order) or "name"; organs "kind"
 * (party committee, government, departments) or "name"; tenures "start"
 * (newest first unless ascending is asked) or "name"; people "name".
 * 0, a callback's value, or -1; the counts stop at cap + 1.
 */
struct store_registry_filter {
	const char *path;   /* regions, people: the subtree (NULL: all) */
	const char *region; /* regions: this code left out (the root);
	                     * organs: of this region code */
	const char *organ;  /* organs: this one only; tenures: its own */
	const char *q;      /* part of the name (a person's for tenures) */
	const char *level;  /* regions: of this level only */
	const char *day;    /* organs: the principal serving on YYYY-MM-DD */
	struct store_page page;
};
struct store_region_item {
	const char *code, *name, *level, *parent, *parent_name;
};
struct store_organ_item {
	const char *id, *name, *kind, *region, *region_name;
	const char *principal, *principal_start; /* NULL: vacant */
};
int store_list_regions(struct store *s, const struct store_registry_filter *f,
    int (*cb)(void *, const struct store_region_item *), void *ctx);
long store_count_regions(struct store *s,
    const struct store_registry_filter *f, long cap);
int store_list_organs(struct store *s, const struct store_registry_filter *f,
    int (*cb)(void *, const struct store_organ_item *), void *ctx);
long store_count_organs(struct store *s,
    const struct store_registry_filter *f, long cap);
int store_list_tenures(struct store *s, const struct store_registry_filter *f,
    int (*cb)(void *, const struct store_tenure *), void *ctx);
long store_count_tenures(struct store *s,
    const struct store_registry_filter *f, long cap);
int store_list_people(struct store *s, const struct store_registry_filter *f,
    int (*cb)(void *, const struct store_person_hit *), void *ctx);
long store_count_people(struct store *s,
    const struct store_registry_filter *f, long cap);

/*
 * Who is bound on a day (GET /api/v1/coverage), a page at a time
 * (store-coverage.c): the principals serving on day of the party
 * committees, governments and (above the townships) departments of the
 * subtree path, in the order of store_each_principal, optionally only
 * one organ's or one person's. 0, cb's value or -1; the count stops at
 * cap + 1.
 */
struct store_coverage_filter {
	const char *path;   /* a region's path; "/" everything */
	date_t day;
	const char *organ;  /* only this organ id, or NULL */
	const char *person; /* only this person id, or NULL */
	struct store_page page;
};
int store_list_coverage(struct store *s,
    const struct store_coverage_filter *f,
    int (*cb)(void *, const struct store_tenure *), void *ctx);
long store_count_coverage(struct store *s,
    const struct store_coverage_filter *f, long cap);

/*
 * Readable labels of things pages name by id (store-lookup.c), read in
 * batches of STORE_LABELS_BATCH ids a statement, so that a page of fifty
 * rows asks once or a few times, never once per row. Rows come in no
 * particular order; an id with no row is left out. store_people_of: the
 * people with their current post, as a lookup gives them. store_labels,
 * by kind: "record" (name: its title; place, year, seq: its number),
 * "case" (name: the person; detail: the organ; place, year, seq: its
 * number), "organ" (place: its region), "region" (id: its code; place:
 * its parent), "report" (name: title; detail, place: organ, region;
 * year), "inspection" and "notice" (name: title; place: region; year),
 * "finding" (name: its inspection's title; detail: the organ; year),
 * "rectification" (detail: the organ; year), "interview" (name: the
 * person; detail: the organ; year), "account" (id: its name; name: its
 * person's; detail: its role; place: its organ's name, else its
 * region's); another kind has no rows. 0, a
 * callback's value, or -1.
 */
#define STORE_LABELS_BATCH 32
struct store_label {
	const char *id, *name, *detail, *place;
	int year, seq;
};
int store_people_of(struct store *s, const char *const *ids, size_t n,
    int (*cb)(void *, const struct store_person_hit *), void *ctx);
int store_labels(struct store *s, const char *kind, const char *const *ids,
    size_t n, int (*cb)(void *, const struct store_label *), void *ctx);

#endif
