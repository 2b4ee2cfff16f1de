/*
 * Messages: what an account is told (the bell in the page header, the
 * messages page) and what goes out through the webhook to 政务微信, 钉钉
 * or an SMS gateway (src/http/webhook.c sends the outbox).
 *
 * A message is written in the transaction of the event it tells of — a
 * record returned, a rectification ordered — beside one outbox entry
 * for the webhook, so that neither is lost when the event commits and
 * neither exists when it does not. Deadline reminders (3 days before a
 * rectification's or a duty's deadline, on the day, once overdue) are
 * written by a daily scan, each stage of each deadline once.
 */
#ifndef LVZHI_MESSAGE_H
#define LVZHI_MESSAGE_H

#include "domain/domain.h"
#include "store/store-messages.h"

/* What a message says: kind ("record.returned", "rectification.issued",
 * "reminder.before", "reminder.today", "reminder.overdue"), a title, a
 * sentence, and the page where it is acted on (a path). */
struct message_text {
	const char *kind, *title, *body, *link;
};

/*
 * Inside the caller's open transaction: m to every enabled account that
 * `to` and ref name (store_message_accounts), and the webhook's outbox
 * entry (JSON: the message, its recipients and a text that a 钉钉 or
 * 企业微信 robot takes as it is). No recipient: nothing is written.
 * Returns the number of recipients, or -1 (the cause in store_error()).
 */
int message_send(struct store *s, struct arena *a, enum store_to to,
    const char *ref, const struct message_text *m);

/* Inside record_review's transaction: record id was returned with note. */
int message_record_returned(struct dom *d, const char *id, const char *note);
/* Inside the order's transaction: rectification id was ordered of organ
 * with requirement by deadline (YYYY-MM-DD). */
int message_rect_issued(struct dom *d, const char *id, const char *organ,
    const char *requirement, const char *deadline);

/* Inside the referral's transaction: finding id (of inspection) about
 * organ was handed to the office of the region at path, with the
 * proposed requirement and deadline (YYYY-MM-DD). */
int message_finding_referred(struct dom *d, const char *id,
    const char *inspection, const char *organ, const char *path,
    const char *requirement, const char *deadline);

/* The caller's unread messages (0 when none or on error: the bell is
 * not worth a failed page). */
long message_unread(struct dom *d);
/* A page of the caller's messages, newest first: *out n of *total. */
int message_list(struct dom *d, int limit, int offset,
    struct store_message **out, size_t *n, long *total);
/* Marks the caller's message key (0: all) read; audited. 0 or -1. */
int message_read(struct dom *d, int64_t key);

/* What a reminder scan did. */
struct message_remind_tally {
	long before, today, overdue; /* reminders sent, by stage */
	long recipients;
};
/*
 * The daily scan as of day: a reminder 3 days (or fewer) before a
 * deadline, on the day and once overdue, each stage once whatever how
 * often the scan runs, each in a transaction of its own with its audit
 * entry (actor). The deadlines: each open rectification order's (to the
 * organ's accounts), and each count or filing duty still owed of this
 * year (and of last year until 30 April): its filing deadline or the end
 * of the year or of the time in post (warn_due_date; to the accounts of
 * the leader's organ). The duties come from one evaluation of the year,
 * kept to the organs that have an account. 0, or -1 (the cause in
 * store_error(), or printed).
 */
int message_remind(struct store *s, const struct catalog *c,
    struct arena *a, const char *actor, date_t day,
    struct message_remind_tally *t);

#endif
