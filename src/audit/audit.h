/*
 * The tamper-evident audit log.
 *
 * Every change appends an entry whose hash covers its own fields and the
 * previous entry's hash, so editing, inserting or removing any entry
 * breaks the chain from that point on. Appends happen inside the caller's
 * transaction: a change and its audit entry are committed together or not
 * at all.
 *
 * The hash is keyed: HMAC-SM3 under the audit key, a file outside the
 * database and its backups (audit_setup), so someone who can change the
 * database but does not hold the key cannot recompute the chain after a
 * rewrite. Entries written before the key existed keep their plain SM3
 * and are verified as before; from the first keyed entry on every entry
 * must be keyed. A chain alone cannot show that its last entries were
 * removed: after each commit the new head (count and last hash, MAC'd
 * under the key) is appended to the head file, also outside the
 * database, which audit_check compares. A restore of an older backup
 * writes a rollback line there, so that the shorter log it leaves is an
 * audited rollback and not a deletion (docs/security.md, "The audit
 * log's threat model").
 */
#ifndef LVZHI_AUDIT_H
#define LVZHI_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "base/sm3.h"
#include "store/store.h"

/*
 * Where the key and the head of the database db are kept: key and head
 * are the files given (audit_key, audit_head), or NULL or "" for the
 * defaults: for a SQLite file, lvzhi-audit.key in its directory and
 * FILE.audit-head beside it; for PostgreSQL, under
 * $XDG_STATE_HOME/lvzhi (or ~/.local/state/lvzhi). With AUDIT_CREATE,
 * a missing key file is generated (random, mode 0600) and the head file
 * opened for appending; without (audit verify), nothing is created. With
 * AUDIT_NEW_LOG too (a database file just made where none was), a head
 * left by an earlier database of that name is moved aside
 * (HEAD.replaced-TIME) and said so. Call before any thread appends.
 * Returns 0, or -1 with err filled.
 */
enum {
	AUDIT_CREATE = 1,
	AUDIT_NEW_LOG = 2,
};
int audit_setup(const char *db, const char *key, const char *head,
    int flags, char *err, size_t errlen);
/* Whether db is a SQLite file that does not exist (yet); 1 or 0. */
int audit_db_missing(const char *db);
/* Forgets the key (wiped) and closes the head file. */
void audit_teardown(void);
/* The key and head files audit_setup chose ("" before it). */
const char *audit_key_path(void);
const char *audit_head_path(void);

/*
 * Appends one entry. digest describes the change (an SM3 hex of what was
 * written, or "" when there is no content). Returns 0, or -1 with the
 * cause in store_error(s). Refused when the log's last entry does not
 * verify under the key (a log altered, or a key not its own).
 */
int audit_append(struct store *s, const char *actor, const char *action,
    const char *entity, int success, const char *digest);
/* Whether an entry of action moves the data version (store.h): 1 for
 * every action but those known to leave an evaluation's inputs alone
 * (a login, a token, a message read, an account change). */
int audit_moves_data(const char *action);

/*
 * Whether audit_append can write on s: 0, or -1 (the reason in
 * store_error(s)) when the log's last entry does not verify under the
 * key. A server checks it before it starts.
 */
int audit_ready(struct store *s);

struct audit_report {
	int64_t count;      /* entries checked */
	int64_t keyed_from; /* the first keyed entry (0: none) */
	int64_t bad;        /* the first entry found wrong (0: none, or the
	                     * fault is not one entry's) */
	int64_t head;       /* the count the head file records (0: none) */
	int64_t rollbacks;  /* audited rollbacks (restores) it records */
	int64_t rollback_at, rollback_from; /* the last: its restore entry,
	                     * and the count of the log it replaced */
	char why[2600];     /* what is wrong, in English */
};

enum {
	AUDIT_CHAIN_ONLY = 1, /* the chain, not the head (a backup's copy) */
};

/*
 * Checks the chain and, unless AUDIT_CHAIN_ONLY, that it ends where its
 * head says. Returns 0 when it verifies, 1 when it does not (r->why says
 * how), -1 on a storage error.
 */
int audit_check(struct store *s, int flags, struct audit_report *r);

/*
 * The chain and head as audit_check(s, 0): 0, 1 (*bad is the first
 * broken entry's seq, or 0, and why says how), -1 on a storage error.
 * *count receives the number of entries checked.
 */
int audit_verify(struct store *s, int64_t *count, int64_t *bad,
    char *why, size_t whylen);

/*
 * A restore: while on, commits write no head line (the staged copy is
 * not the database yet); audit_rollback then records that the log now
 * ends at entry seq (the restore's own entry, with hash), replacing the
 * head it had. Returns 0, or -1 with err filled.
 */
void audit_hold(int on);
int audit_rollback(int64_t seq, const char *hash, char *err, size_t errlen);

#endif
