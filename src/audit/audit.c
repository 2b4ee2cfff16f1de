/*
 * Audit entries are hashed over a length-prefixed encoding of their
 * fields ("5:alice,"), so no choice of field contents can make two
 * different entries encode alike.
 */
#include "audit/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/sm3.h"

static int
field(struct buf *b, const char *v)
{
	return buf_printf(b, "%zu:%s,", strlen(v), v);
}

/* The entry's hash from its fields and prev; returns 0 or -1. */
static int
entry_hash(const struct store_audit *a, char hex[SM3_HEX_LEN])
{
	struct buf b;
	buf_init(&b, 1u << 20);
	char seq[32];
	snprintf(seq, sizeof seq, "%" PRId64, a->seq);
	int rc = field(&b, seq) || field(&b, a->time) || field(&b, a->actor) ||
	    field(&b, a->action) || field(&b, a->entity) ||
	    field(&b, a->success ? "1" : "0") || field(&b, a->digest) ||
	    field(&b, a->prev) ? -1 : sm3_hex(b.data, b.len, hex);
	buf_free(&b);
	return rc;
}

/* Appends with the write lock held (inside a transaction). */
static int
append(struct store *s, const char *actor, const char *action,
    const char *entity, int success, const char *digest)
{
	struct store_audit a = { 0 };
	char prev[SM3_HEX_LEN], hash[SM3_HEX_LEN], when[32];
	if (store_audit_last(s, &a.seq, prev, sizeof prev))
		return -1;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	a.seq++;
	a.time = when;
	a.actor = actor;
	a.action = action;
	a.entity = entity;
	a.success = success;
	a.digest = digest ? digest : "";
	a.prev = prev;
	if (entry_hash(&a, hash))
		return -1;
	a.hash = hash;
	return store_audit_insert(s, &a);
}

int
audit_append(struct store *s, const char *actor, const char *action,
    const char *entity, int success, const char *digest)
{
	/* Reading the last entry and appending must not interleave with
	 * another writer: outside a transaction, take the write lock. */
	if (store_in_transaction(s))
		return append(s, actor, action, entity, success, digest);
	if (store_begin(s))
		return -1;
	if (append(s, actor, action, entity, success, digest) ||
	    store_commit(s)) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

struct verify {
	int64_t count, expect_seq, bad;
	char prev[SM3_HEX_LEN];
	char *why;
	size_t whylen;
};

static int
verify_one(void *ctx, const struct store_audit *a)
{
	struct verify *v = ctx;
	char hash[SM3_HEX_LEN];
	v->count++;
	v->bad = a->seq;
	if (a->seq != v->expect_seq) {
		snprintf(v->why, v->whylen, "expected entry %" PRId64
		    ", found %" PRId64 " (an entry is missing)", v->expect_seq,
		    a->seq);
		return 1;
	}
	if (strcmp(a->prev, v->prev) != 0) {
		snprintf(v->why, v->whylen, "its previous hash does not match "
		    "entry %" PRId64, a->seq - 1);
		return 1;
	}
	if (entry_hash(a, hash) || strcmp(hash, a->hash) != 0) {
		snprintf(v->why, v->whylen, "its content does not match its "
		    "hash (the entry was altered)");
		return 1;
	}
	snprintf(v->prev, sizeof v->prev, "%s", a->hash);
	v->expect_seq++;
	return 0;
}

int
audit_verify(struct store *s, int64_t *count, int64_t *bad, char *why,
    size_t whylen)
{
	struct verify v = { .expect_seq = 1, .why = why, .whylen = whylen };
	int rc = store_each_audit(s, verify_one, &v);
	*count = v.count;
	*bad = rc == 1 ? v.bad : 0;
	return rc;
}
