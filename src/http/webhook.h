/*
 * The webhook: messages and deadline reminders (domain/message.h) out to
 * 政务微信, 钉钉 or an SMS gateway, from the outbox the events wrote in
 * their own transactions, on a thread of `lvzhi serve` — a receiver that
 * is down delays a delivery, never an event.
 *
 * Each entry is POSTed as JSON over HTTPS (http:// only when
 * webhook_allow_http says so, for tests), the receiver verified against
 * webhook_ca or the system's CAs, with
 *   X-Lvzhi-Timestamp: unix seconds at the attempt
 *   X-Lvzhi-Signature: sha256=hex(HMAC-SHA256(webhook_secret,
 *                       timestamp "." body))
 *   X-Lvzhi-Delivery:  the entry's number (the same on every retry)
 * so that a receiver checks who sent it, refuses an old timestamp (a
 * replay) and drops a delivery it has seen. An answer other than 2xx
 * (or none) is retried after webhook_retry seconds, doubled each time,
 * up to webhook_attempts; an entry older than three days is let go.
 * Every attempt is audited (webhook.deliver, its success the outcome).
 *
 * The same thread runs the daily reminder scan (message_remind) once a
 * day when remind is on, and deletes the entries done with (sent, failed
 * or let go) webhook_keep days after their last attempt, and the queued
 * ones no sender took (three days, then webhook_keep), at its first
 * round and hourly after (audited as webhook.prune with how many; each
 * attempt's own audit entry stays). A server without a webhook_url
 * queues nothing (store_outbox_enable).
 */
#ifndef LVZHI_WEBHOOK_H
#define LVZHI_WEBHOOK_H

#include <stddef.h>

struct server;
struct webhook;

/* Starts the thread for server s: it always has the prune to do (an
 * entry queued by `lvzhi remind` or another server stays until then),
 * and the sending and the reminder scan when configured. The thread, or
 * NULL with *failed set when it could not start. */
struct webhook *webhook_start(struct server *s, int *failed);
/* Stops and frees it (NULL: nothing). */
void webhook_stop(struct webhook *w);

/* The signature header's value for body sent at timestamp ts, with
 * secret: "sha256=" and 64 hex digits into out. */
void webhook_sign(const char *secret, const char *ts, const char *body,
    size_t n, char out[80]);

#endif
