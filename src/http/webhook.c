/*
 * The webhook's sender thread (webhook.h).
 */
#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "base/sm3.h"
#include "base/worker.h"
#include "domain/message.h"
#include "http/server-int.h"
#include "http/webhook.h"

#define ROUND_MS 1000       /* between looks at the outbox */
#define BATCH 16            /* entries sent per look */
#define LEASE 120           /* seconds an entry is claimed for a send */
#define MAX_AGE (3 * 86400) /* an entry older is let go, not sent */
#define PRUNE_EVERY 3600    /* seconds between prunes of the outbox */
#define ACTOR "system:webhook"

struct webhook {
	struct worker t;    /* its lock guards stopping */
	int stopping;
	struct server *s;
	date_t reminded;    /* the last day the reminder scan ran */
	int64_t pruned;     /* when the outbox was last pruned (0: never) */
};

void
webhook_sign(const char *secret, const char *ts, const char *body, size_t n,
    char out[80])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	size_t tn = strlen(ts);
	/* HMAC over "timestamp.body": the timestamp is signed with the body,
	 * so an old body cannot be sent again under a new time. */
	unsigned char *msg = malloc(tn + 1 + n);
	if (msg != NULL) {
		memcpy(msg, ts, tn);
		msg[tn] = '.';
		memcpy(msg + tn + 1, body, n);
		if (HMAC(EVP_sha256(), secret, (int)strlen(secret), msg,
		    tn + 1 + n, mac, &len) == NULL)
			len = 0;
		free(msg);
	}
	memcpy(out, "sha256=", 8);
	for (unsigned i = 0; i < len && i < 32; i++)
		snprintf(out + 7 + 2 * i, 3, "%02x", mac[i]);
}

static size_t
discard(char *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * n;
}

/* One POST of entry o: 1 delivered (2xx), 0 not, with what happened in
 * err ("HTTP 503", curl's words). */
static int
deliver(const struct server_config *c, const struct store_outbox *o,
    char *err, size_t errlen)
{
	char ts[32], sig[80], h_ts[64], h_sig[128], h_id[64];
	char cerr[CURL_ERROR_SIZE] = "";
	snprintf(ts, sizeof ts, "%lld", (long long)time(NULL));
	webhook_sign(c->webhook_secret, ts, o->body, strlen(o->body), sig);
	snprintf(h_ts, sizeof h_ts, "X-Lvzhi-Timestamp: %s", ts);
	snprintf(h_sig, sizeof h_sig, "X-Lvzhi-Signature: %s", sig);
	snprintf(h_id, sizeof h_id, "X-Lvzhi-Delivery: %lld",
	    (long long)o->key);
	CURL *h = curl_easy_init();
	if (h == NULL) {
		snprintf(err, errlen, "curl_easy_init failed");
		return 0;
	}
	struct curl_slist *hs = NULL, *t;
	const char *lines[] = { "Content-Type: application/json; charset=utf-8",
		"Expect:", h_ts, h_sig, h_id };
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		if ((t = curl_slist_append(hs, lines[i])) == NULL) {
			curl_slist_free_all(hs);
			curl_easy_cleanup(h);
			snprintf(err, errlen, "out of memory");
			return 0;
		}
		hs = t;
	}
	curl_easy_setopt(h, CURLOPT_URL, c->webhook_url);
	/* https only, redirects not followed: the URL is the receiver. */
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, c->webhook_allow_http ?
	    "http,https" : "https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	if (c->webhook_ca[0] != '\0')
		curl_easy_setopt(h, CURLOPT_CAINFO, c->webhook_ca);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 15L);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hs);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, o->body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(o->body));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	CURLcode rc = curl_easy_perform(h);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hs);
	curl_easy_cleanup(h);
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "%s", cerr[0] ? cerr :
		    curl_easy_strerror(rc));
		return 0;
	}
	snprintf(err, errlen, "HTTP %ld", status);
	return status >= 200 && status < 300;
}

/* The entries due, copied out of the statement before any is sent. */
struct due {
	struct arena *a;
	struct store_outbox v[BATCH];
	int n;
};

static int
keep_due(void *ctx, const struct store_outbox *o)
{
	struct due *d = ctx;
	if (d->n == BATCH)
		return 0;
	struct store_outbox *x = &d->v[d->n++];
	*x = *o;
	x->kind = arena_strdup(d->a, o->kind);
	x->body = arena_strdup(d->a, o->body);
	x->state = x->last_error = NULL;
	return 0;
}

/* The outcome of one attempt on o, with its audit entry, in one
 * transaction: sent, queued for a retry, failed (no attempts left) or
 * expired (too old to send). */
static void
record(struct store *st, const struct store_outbox *o, const char *state, int attempts,
    int64_t next_at, const char *err, struct arena *a)
{
	const char *what = arena_printf(a, "%s|%d|%s", state, attempts,
	    err ? err : "");
	char digest[SM3_HEX_LEN];
	if (store_begin(st))
		return;
	if (store_outbox_done(st, o->key, state, attempts, next_at, err) ||
	    sm3_hex(what, strlen(what), digest) || audit_append(st, ACTOR,
	    strcmp(state, "expired") == 0 ? "webhook.expire" : "webhook.deliver",
	    arena_printf(a, "outbox:%lld", (long long)o->key),
	    strcmp(state, "sent") == 0, digest) || store_commit(st)) {
		fprintf(stderr, "lvzhi: webhook: %s\n", store_error(st));
		store_rollback(st);
	}
}

/* Sends what is due; returns how many were due (BATCH: maybe more). */
static int
send_due(struct webhook *w, struct store *st, struct arena *a)
{
	const struct server_config *c = w->s->cfg;
	int64_t now = (int64_t)time(NULL);
	struct due d = { .a = a };
	if (store_outbox_due(st, now, BATCH, keep_due, &d)) {
		fprintf(stderr, "lvzhi: webhook: %s\n", store_error(st));
		return 0;
	}
	for (int i = 0; i < d.n; i++) {
		const struct store_outbox *o = &d.v[i];
		char err[CURL_ERROR_SIZE + 32];
		if (store_outbox_claim(st, o->key, now, now + LEASE) != 1)
			continue;
		if (now - o->created > MAX_AGE) {
			record(st, o, "expired", o->attempts, now, "too old",
			    a);
			continue;
		}
		int attempts = o->attempts + 1;
		if (deliver(c, o, err, sizeof err)) {
			record(st, o, "sent", attempts, now, NULL, a);
			continue;
		}
		/* webhook_retry seconds, doubled per attempt made, capped at
		 * a day. */
		int64_t delay = c->webhook_retry;
		for (int k = 1; k < attempts && delay < 86400; k++)
			delay *= 2;
		if (delay > 86400)
			delay = 86400;
		record(st, o, attempts >= (int)c->webhook_attempts ? "failed" :
		    "queued", attempts, (int64_t)time(NULL) + delay, err, a);
	}
	return d.n;
}

static void
remind(struct webhook *w, struct store *st, struct arena *a)
{
	date_t today = date_today();
	struct message_remind_tally t;
	if (today == w->reminded)
		return;
	if (message_remind(st, w->s->catalog, a, "system:remind", today,
	    &t)) {
		fprintf(stderr, "lvzhi: remind: %s\n", store_error(st));
		return; /* tried again at the next round */
	}
	w->reminded = today;
}

/* Deletes the entries done with for webhook_keep days, and the queued
 * ones that would have been let go (MAX_AGE) as long ago, with an audit
 * entry of how many, in one transaction. */
static void
prune(struct webhook *w, struct store *st, struct arena *a)
{
	int64_t now = (int64_t)time(NULL);
	if (w->pruned != 0 && now - w->pruned < PRUNE_EVERY)
		return;
	int64_t before = now - (int64_t)w->s->cfg->webhook_keep * 86400;
	char digest[SM3_HEX_LEN];
	if (store_begin(st))
		goto fail;
	long n = store_outbox_prune(st, before, before - MAX_AGE);
	const char *what = arena_printf(a, "%ld|%lld", n, (long long)before);
	if (n < 0 || (n > 0 && (sm3_hex(what, strlen(what), digest) ||
	    audit_append(st, ACTOR, "webhook.prune", arena_printf(a,
	    "outbox:%ld", n), 1, digest))) || store_commit(st)) {
		store_rollback(st);
		goto fail;
	}
	w->pruned = now;
	return;
fail:
	fprintf(stderr, "lvzhi: webhook: %s\n", store_error(st));
	w->pruned = now; /* tried again in an hour, not every round */
}

static void *
run(void *arg)
{
	struct webhook *w = arg;
	const struct server_config *c = w->s->cfg;
	pthread_mutex_lock(&w->t.lock);
	while (!w->stopping) {
		pthread_mutex_unlock(&w->t.lock);
		struct store *st = server_store_acquire(w->s);
		struct arena *a = arena_create();
		int full = 0; /* a whole batch was due: look again at once */
		if (st != NULL && a != NULL) {
			if (c->remind)
				remind(w, st, a);
			if (c->webhook_url[0] != '\0')
				full = send_due(w, st, a) == BATCH;
			prune(w, st, a);
		}
		if (st != NULL)
			server_store_release(w->s, st);
		arena_free(a);
		pthread_mutex_lock(&w->t.lock);
		if (!w->stopping && !full)
			worker_wait(&w->t, ROUND_MS);
	}
	pthread_mutex_unlock(&w->t.lock);
	return NULL;
}

struct webhook *
webhook_start(struct server *s, int *failed)
{
	*failed = 0;
	struct webhook *w = calloc(1, sizeof *w);
	if (w == NULL || (w->s = s, w->reminded = DATE_NONE,
	    worker_start(&w->t, run, w))) {
		free(w);
		*failed = 1;
		return NULL;
	}
	return w;
}

void
webhook_stop(struct webhook *w)
{
	if (w == NULL)
		return;
	worker_stop(&w->t, &w->stopping);
	worker_free(&w->t);
	free(w);
}
