/*
 * Messages to accounts (the bell), the webhook's outbox and the deadline
 * reminders already sent: tables message, outbox and reminder (the
 * migration SCHEMA_MESSAGES of schema-int.h). Slots SLOT_MESSAGES.. .
 */
#ifndef LVZHI_STORE_MESSAGES_H
#define LVZHI_STORE_MESSAGES_H

#include <stdint.h>

#include "base/date.h"
#include "base/entity.h"
#include "store/store.h"

/* Whose a message is: the accounts of a record (its author, its last
 * editor, the clerks of its organ), of an organ (every account of it),
 * or of a person (the leader's accounts). */
enum store_to { STORE_TO_RECORD, STORE_TO_ORGAN, STORE_TO_PERSON,
	STORE_TO_OFFICE /* ref: a region's path, its office accounts */ };

/* The enabled accounts of ref as `to` says, in key order: cb(ctx, key,
 * name) each; 0, cb's non-zero value, or -1. */
int store_message_accounts(struct store *s, enum store_to to,
    const char *ref, int (*cb)(void *, int64_t, const char *), void *ctx);

struct store_message {
	int64_t key, account;
	const char *kind, *title, *body, *link, *created_at, *read_at;
};
/* Its row as the store reads it (for dom_keep). */
extern const struct entity store_message_entity;
/* Adds m (account, kind, title, body, link, created_at). 0 or -1. */
int store_message_add(struct store *s, const struct store_message *m);
/* Messages of account not yet read; -1 on error. */
long store_message_unread(struct store *s, int64_t account);
/* All messages of account; -1 on error. */
long store_message_count(struct store *s, int64_t account);
/* Account's messages, newest first, limit from offset: 0 or -1. */
int store_each_message(struct store *s, int64_t account, int limit,
    int offset, int (*cb)(void *, const struct store_message *), void *ctx);
/* Whether message key is account's: 1, 0, -1. */
int store_message_mine(struct store *s, int64_t account, int64_t key);
/* Marks message key (0: every one) of account read at now: the number
 * marked, or -1. */
long store_message_read(struct store *s, int64_t account, int64_t key,
    const char *now);

struct store_outbox {
	int64_t key;
	const char *kind, *body;
	int64_t created, next_at; /* unix seconds */
	int attempts;
	const char *state, *last_error;
};
/* Queues body (JSON) of kind for the webhook, due now; on a connection
 * whose outbox is off (store_outbox_enable), writes nothing. 0 or -1. */
int store_outbox_add(struct store *s, const char *kind, const char *body,
    int64_t now);
/* Whether this connection queues what store_outbox_add is given (on, as
 * opened) or drops it (off): serve without a webhook_url has no sender
 * that would ever take an entry, so its events queue none. */
void store_outbox_enable(struct store *s, int on);
/* Up to limit queued entries due at now, oldest first: 0 or -1. */
int store_outbox_due(struct store *s, int64_t now, int limit,
    int (*cb)(void *, const struct store_outbox *), void *ctx);
/* Claims due entry key until then (another sender skips it): 1 claimed,
 * 0 (sent, or claimed by another meanwhile), -1. */
int store_outbox_claim(struct store *s, int64_t key, int64_t now,
    int64_t until);
/* An attempt's outcome: state ("sent", "queued" again with next_at,
 * "failed" or "expired"), the attempts so far, the error or NULL. */
int store_outbox_done(struct store *s, int64_t key, const char *state,
    int attempts, int64_t next_at, const char *error);
/* Deletes the entries done with (sent, failed or let go) whose last
 * attempt was before before (unix seconds), and the queued ones created
 * before stale (no sender took them while they could be sent): how
 * many, or -1. */
long store_outbox_prune(struct store *s, int64_t before, int64_t stale);
/* The entry with key: 1 (cb called), 0, -1. For tests and the CLI. */
int store_outbox_get(struct store *s, int64_t key,
    int (*cb)(void *, const struct store_outbox *), void *ctx);

/* Marks reminder ref sent on day: 1 when new, 0 when it was already,
 * -1 on error. */
int store_reminder_once(struct store *s, const char *ref, date_t day);

/* An open rectification order (issued or in progress) with a deadline. */
struct store_open_order {
	const char *id, *organ, *organ_name, *requirement, *deadline;
};
/* The open orders whose deadline is at most until, by deadline: 0, cb's
 * non-zero value, or -1. */
int store_each_open_order(struct store *s, date_t until,
    int (*cb)(void *, const struct store_open_order *), void *ctx);

/* The organs that have an enabled account, by id (byte order): cb(ctx,
 * id) each; 0, cb's value, or -1. */
int store_account_organs(struct store *s, int (*cb)(void *, const char *),
    void *ctx);

/* The records awaiting verification in the subtree at path (NULL or
 * "": all): how many (-1 on error), and the newest limit of them with
 * id, kind, organ_name, date and title set (0 or -1), given how many
 * there are (many: it picks the plan; the answer is the same). For the
 * 待办. */
#define SUBMITTED_MANY 2000
long store_count_submitted(struct store *s, const char *path);
int store_each_submitted(struct store *s, const char *path, long many,
    int limit, int (*cb)(void *, const struct store_ledger_row *), void *ctx);

#endif
