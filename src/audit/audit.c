/*
 * Audit entries are hashed over a length-prefixed encoding of their
 * fields ("5:alice,"), so no choice of field contents can make two
 * different entries encode alike: plain SM3 for the entries of a log
 * from before its key, HMAC-SM3 under the chain key after.
 *
 * The head file is a text file of lines, each MAC'd under the head key
 * (both keys are derived from the one audit key file):
 *
 *   H SEQ HASH MAC             after a commit: the log has SEQ entries,
 *                              the last with HASH
 *   R SEQ HASH FROM FHASH MAC  a restore: the log now ends at SEQ (the
 *                              restore's entry) in place of FROM entries
 *
 * Writers append whole lines with O_APPEND, each with one write(), so
 * the lines of several processes (servers on one PostgreSQL database,
 * the command line) interleave but never mix. Lines of concurrent
 * commits may come out of order; the head is the largest SEQ since the
 * last rollback. Verify compares every head since the last rollback
 * with its entry, not only the largest: a log cut short and then written
 * on past its old head has other entries at the old heads' places.
 */
#include "audit/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/seal.h"

#define PATH_LEN 1024
#define LINE_MAX_LEN 400

static struct {
	int have_key;
	unsigned char chain[SEAL_TAG_LEN], head[SEAL_TAG_LEN];
	char key_path[PATH_LEN], head_path[PATH_LEN];
	int head_fd; /* open for appending, or -1 */
	/* The head file holds a head: the log is keyed, and a last entry
	 * with a plain hash is no longer one from before the key. */
	int keyed; /* __atomic */
	int hold;    /* a restore is staging: no head lines */
} cfg = { .head_fd = -1 };

const char *
audit_key_path(void)
{
	return cfg.key_path;
}

const char *
audit_head_path(void)
{
	return cfg.head_path;
}

/* ---- where the key and the head are ---- */

/* mkdir -p of path's directories with mode 0700; 0 or -1 (errno). */
static int
make_dirs(char *path)
{
	for (char *p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0700);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

/* The file of a SQLite database URL ("sqlite:PATH" or PATH), or NULL. */
static const char *
db_file(const char *db)
{
	return strncmp(db, "sqlite:", 7) == 0 ? db + 7 :
	    strstr(db, "://") == NULL ? db : NULL;
}

int
audit_db_missing(const char *db)
{
	const char *file = db_file(db);
	struct stat st;
	return file != NULL && stat(file, &st) != 0 && errno == ENOENT;
}

/* The default key and head files of db (audit.h); 0 or -1 with err. */
static int
default_paths(const char *db, char *key, char *head, int create, char *err,
    size_t errlen)
{
	const char *file = db_file(db);
	if (file != NULL) {
		const char *slash = strrchr(file, '/');
		int dir = slash == NULL ? 0 : (int)(slash - file) + 1;
		if (snprintf(key, PATH_LEN, "%.*slvzhi-audit.key", dir,
		    file) >= PATH_LEN || snprintf(head, PATH_LEN,
		    "%s.audit-head", file) >= PATH_LEN)
			goto long_path;
		return 0;
	}
	/* A database on a server has no directory of its own: the user's
	 * state directory, one head file per database named by its URL. */
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char dir[PATH_LEN], url[SM3_HEX_LEN];
	if (state != NULL && state[0] == '/')
		snprintf(dir, sizeof dir, "%s/lvzhi/", state);
	else if (home != NULL && home[0] == '/')
		snprintf(dir, sizeof dir, "%s/.local/state/lvzhi/", home);
	else {
		snprintf(err, errlen, "no audit_key and audit_head set, and no "
		    "home directory for the defaults (see docs/deploy.md)");
		return -1;
	}
	if (sm3_hex(db, strlen(db), url)) {
		snprintf(err, errlen, "no SM3 in OpenSSL");
		return -1;
	}
	if (snprintf(key, PATH_LEN, "%saudit.key", dir) >= PATH_LEN ||
	    snprintf(head, PATH_LEN, "%s%.16s.audit-head", dir, url) >=
	    PATH_LEN)
		goto long_path;
	if (create && make_dirs(dir)) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
long_path:
	snprintf(err, errlen, "%s: path too long", db);
	return -1;
}

/* Derives the chain and head keys from the audit key file; 0 or -1. */
static int
load_key(char *err, size_t errlen)
{
	static const char chain_label[] = "lvzhi audit chain HMAC-SM3 key";
	static const char head_label[] = "lvzhi audit head HMAC-SM3 key";
	unsigned char master[SEAL_MASTER_LEN];
	if (seal_master_load(cfg.key_path, master, err, errlen))
		return -1;
	int rc = seal_hmac_sm3(master, sizeof master, chain_label,
	    sizeof chain_label - 1, cfg.chain) || seal_hmac_sm3(master,
	    sizeof master, head_label, sizeof head_label - 1, cfg.head);
	OPENSSL_cleanse(master, sizeof master);
	if (rc)
		snprintf(err, errlen, "%s: cannot derive the keys (no SM3 in "
		    "OpenSSL?)", cfg.key_path);
	return rc ? -1 : 0;
}

/* A new database where an earlier one of that name was: its head is
 * not this log's. Moves it aside; 0 or -1 with err. */
static int
head_aside(char *err, size_t errlen)
{
	struct stat st;
	char aside[PATH_LEN + 64], when[32];
	if (stat(cfg.head_path, &st) != 0 || st.st_size == 0)
		return 0;
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y%m%dT%H%M%SZ", &tm);
	snprintf(aside, sizeof aside, "%s.replaced-%s", cfg.head_path, when);
	if (rename(cfg.head_path, aside) != 0) {
		snprintf(err, errlen, "%s: %s", cfg.head_path, strerror(errno));
		return -1;
	}
	fprintf(stderr, "lvzhi: %s: 新数据库,原审计头移至 %s (a new "
	    "database: the head of the earlier one moved aside)\n",
	    cfg.head_path, aside);
	return 0;
}

int
audit_setup(const char *db, const char *key, const char *head, int flags,
    char *err, size_t errlen)
{
	char dkey[PATH_LEN], dhead[PATH_LEN];
	int create = flags & AUDIT_CREATE;
	audit_teardown();
	if ((key == NULL || *key == '\0' || head == NULL || *head == '\0') &&
	    default_paths(db, dkey, dhead, create, err, errlen))
		return -1;
	if (snprintf(cfg.key_path, PATH_LEN, "%s", key != NULL && *key != '\0' ?
	    key : dkey) >= PATH_LEN || snprintf(cfg.head_path, PATH_LEN, "%s",
	    head != NULL && *head != '\0' ? head : dhead) >= PATH_LEN) {
		snprintf(err, errlen, "audit_key or audit_head: path too long");
		return -1;
	}
	struct stat st;
	if (create && (flags & AUDIT_NEW_LOG) && head_aside(err, errlen))
		return -1;
	if (lstat(cfg.key_path, &st) != 0 && errno == ENOENT) {
		if (!create)
			return 0; /* verify: keyed entries will say so */
		/* A head recorded means a log keyed already: a new key
		 * would not verify it, and would hide that the key is gone. */
		if (stat(cfg.head_path, &st) == 0 && st.st_size > 0) {
			snprintf(err, errlen, "%s: the audit key is missing, but "
			    "%s records a log keyed with it: put the key file "
			    "back (a new one is made only for a new log)",
			    cfg.key_path, cfg.head_path);
			return -1;
		}
		if (seal_master_create(cfg.key_path, err, errlen))
			return -1;
		fprintf(stderr, "lvzhi: %s: 审计密钥已生成 (new audit key; keep "
		    "it apart from the database and its backups)\n",
		    cfg.key_path);
	}
	if (load_key(err, errlen))
		return -1;
	cfg.have_key = 1;
	if (create) {
		cfg.head_fd = open(cfg.head_path, O_WRONLY | O_APPEND |
		    O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (cfg.head_fd < 0 || fstat(cfg.head_fd, &st) != 0) {
			snprintf(err, errlen, "%s: %s", cfg.head_path,
			    strerror(errno));
			audit_teardown();
			return -1;
		}
		cfg.keyed = st.st_size > 0;
	}
	return 0;
}

void
audit_teardown(void)
{
	OPENSSL_cleanse(cfg.chain, sizeof cfg.chain);
	OPENSSL_cleanse(cfg.head, sizeof cfg.head);
	cfg.have_key = 0;
	cfg.keyed = 0;
	if (cfg.head_fd >= 0)
		close(cfg.head_fd);
	cfg.head_fd = -1;
	cfg.hold = 0;
}

/* ---- the chain ---- */

static int
field(struct buf *b, const char *v)
{
	return buf_printf(b, "%zu:%s,", strlen(v), v);
}

static void
to_hex(const unsigned char *p, size_t n, char *hex)
{
	for (size_t i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", p[i]);
}

/* The entry's hash from its fields and prev, plain SM3 or keyed;
 * returns 0 or -1. */
static int
entry_hash(const struct store_audit *a, int keyed, char hex[SM3_HEX_LEN])
{
	struct buf b;
	buf_init(&b, 1u << 20);
	char seq[32];
	unsigned char mac[SEAL_TAG_LEN];
	snprintf(seq, sizeof seq, "%" PRId64, a->seq);
	int rc = field(&b, seq) || field(&b, a->time) || field(&b, a->actor) ||
	    field(&b, a->action) || field(&b, a->entity) ||
	    field(&b, a->success ? "1" : "0") || field(&b, a->digest) ||
	    field(&b, a->prev) ? -1 : 0;
	if (rc == 0 && !keyed)
		rc = sm3_hex(b.data, b.len, hex);
	else if (rc == 0 && (rc = seal_hmac_sm3(cfg.chain, sizeof cfg.chain,
	    b.data, b.len, mac)) == 0)
		to_hex(mac, sizeof mac, hex);
	buf_free(&b);
	return rc;
}

/* Whether a's stored hash is its keyed (2), plain (1) hash or neither. */
static int
entry_kind(const struct store_audit *a, int plain_too)
{
	char hash[SM3_HEX_LEN];
	if (cfg.have_key && strlen(a->hash) == SM3_HEX_LEN - 1 &&
	    entry_hash(a, 1, hash) == 0 &&
	    CRYPTO_memcmp(hash, a->hash, SM3_HEX_LEN - 1) == 0)
		return 2;
	if (plain_too && entry_hash(a, 0, hash) == 0 &&
	    strcmp(hash, a->hash) == 0)
		return 1;
	return 0;
}

/* What the open transaction noted: its last entry, for the head. */
struct note {
	int64_t seq;
	char hash[SM3_HEX_LEN];
};

/* Appends one MAC'd line (body without the MAC) to the head file. */
static int
head_line(const char *body)
{
	char line[LINE_MAX_LEN], mac_hex[SM3_HEX_LEN];
	unsigned char mac[SEAL_TAG_LEN];
	if (cfg.head_fd < 0 || !cfg.have_key)
		return 0;
	if (seal_hmac_sm3(cfg.head, sizeof cfg.head, body, strlen(body), mac))
		return -1;
	to_hex(mac, sizeof mac, mac_hex);
	int n = snprintf(line, sizeof line, "%s %s\n", body, mac_hex);
	if (n < 0 || n >= (int)sizeof line)
		return -1;
	return write(cfg.head_fd, line, (size_t)n) == n ? 0 : -1;
}

/* After a commit: the log's new head into the head file. */
static void
committed(const void *p, size_t len)
{
	struct note n;
	char body[LINE_MAX_LEN];
	if (cfg.hold || len != sizeof n)
		return;
	memcpy(&n, p, sizeof n);
	snprintf(body, sizeof body, "H %" PRId64 " %s", n.seq, n.hash);
	if (head_line(body))
		fprintf(stderr, "lvzhi: %s: cannot record the audit head: %s\n",
		    cfg.head_path, strerror(errno));
	else
		__atomic_store_n(&cfg.keyed, 1, __ATOMIC_RELAXED);
}

static int
tail_kind(void *ctx, const struct store_audit *a)
{
	*(int *)ctx = entry_kind(a, !__atomic_load_n(&cfg.keyed,
	    __ATOMIC_RELAXED));
	return 0;
}

/*
 * Whether the log's last entry (seq, hash) is sound to build on: one
 * this transaction wrote, or one that verifies under the key (or plain,
 * from before the key). 0, or -1 with the refusal in store_error(s).
 */
static int
tail_sound(struct store *s, int64_t seq, const char *hash)
{
	size_t len;
	const void *p = store_note_of(s, &len);
	struct note n;
	if (!cfg.have_key || seq == 0)
		return 0;
	if (p != NULL && len == sizeof n) {
		memcpy(&n, p, sizeof n);
		if (n.seq == seq && strcmp(n.hash, hash) == 0)
			return 0;
	}
	int kind = 0;
	if (store_each_audit_page(s, 0, 1, tail_kind, &kind) < 0)
		return -1;
	if (kind != 0)
		return 0;
	char msg[PATH_LEN + 300];
	snprintf(msg, sizeof msg, "the audit log's last entry (%" PRId64 ") "
	    "does not verify under the audit key %s: the log was altered, or "
	    "the key is not the one it was written with (run lvzhi audit "
	    "verify); nothing is written", seq, cfg.key_path);
	return store_refuse(s, msg);
}

int
audit_ready(struct store *s)
{
	int64_t seq;
	char hash[SM3_HEX_LEN];
	return store_audit_last(s, &seq, hash, sizeof hash) ||
	    tail_sound(s, seq, hash) ? -1 : 0;
}

static int
listed(const char *action, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(action, v[i]) == 0)
			return 1;
	return 0;
}

/*
 * Actions that change nothing an evaluation reads (the registry and its
 * tenures, records and their review, evidence, scores, findings, closed
 * years): sessions, accounts and tokens, messages and their delivery, a
 * backup. Every other action moves the data version (store.h) in its own
 * transaction, so an action added later and missing here costs a fresh
 * evaluation set, never a stale one.
 */
static const char *const inert[] = {
	"login", "logout", "token.create", "token.revoke", "account.add",
	"account.disable", "account.enable", "account.passwd",
	"account.reset", "message.read", "reminder.send", "webhook.deliver",
	"webhook.expire", "webhook.prune", "backup",
};

int
audit_moves_data(const char *action)
{
	return !listed(action, inert, sizeof inert / sizeof *inert);
}

/*
 * Actions whose write names the regions it changes (store_touch_*: a
 * record's organ and its person's posts, a score's person's posts), so
 * that an evaluation set is brought up to date by those regions alone
 * (domain/evaluation-set.c). One of these that named none counts as a
 * change of everything.
 */
static const char *const regional[] = {
	"record.create", "record.update", "record.verify", "record.reject",
	"record.reopen", "score.create", "score.update",
};

/*
 * Actions that write nothing an evaluation set reads (engine/closure.c
 * reads the registry, records, scores, closed years and frozen results)
 * but what other pages keep under the data version does: evidence,
 * supervision (inspections, findings, notices, interviews, orders), cases
 * and reports. A set is kept, only its version moved, unless a write
 * before them in the transaction named regions (a report's record, a
 * finding's determined record): then as those. Any action missing here
 * costs a fresh set, never a stale one; tests/web/refresh.test.mjs
 * checks a kept set against one made anew.
 */
static const char *const unread[] = {
	"evidence.upload", "inspection.create", "inspection.close",
	"finding.create", "finding.determine", "finding.refer",
	"notice.draft", "notice.update", "notice.issue",
	"interview.schedule", "interview.held",
	"rectification.issue", "rectification.progress",
	"rectification.submit", "rectification.accept",
	"rectification.return", "rectification.evidence",
	"case.open", "case.transition", "case.appeal", "case.appeal_result",
	"case.waive",
	"report.draft", "report.update", "report.lock", "report.sign",
	"report.publish",
};

static enum data_move
how_moved(const char *action)
{
	if (listed(action, regional, sizeof regional / sizeof *regional))
		return DATA_NAMED;
	if (listed(action, unread, sizeof unread / sizeof *unread))
		return DATA_UNREAD;
	return DATA_ALL;
}

/* Appends with the write lock held (inside a transaction). */
static int
append(struct store *s, const char *actor, const char *action,
    const char *entity, int success, const char *digest)
{
	struct store_audit a = { 0 };
	char prev[SM3_HEX_LEN], when[32];
	struct note n;
	if (store_audit_last(s, &a.seq, prev, sizeof prev) ||
	    tail_sound(s, a.seq, prev))
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
	memset(&n, 0, sizeof n);
	if (entry_hash(&a, cfg.have_key, n.hash))
		return -1;
	a.hash = n.hash;
	n.seq = a.seq;
	int moves = audit_moves_data(action);
	if (!moves)
		store_touch_clear(s);
	if (store_audit_insert(s, &a) || (moves && store_data_move(s, a.seq,
	    a.hash, how_moved(action))))
		return -1;
	store_note(s, committed, &n, sizeof n);
	return 0;
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

/* ---- the head file ---- */

/* A head line since the last rollback: the entry at seq had a hash
 * starting with tag (64 bits are plenty against a writer without the
 * key, and keep a long head file small in memory). */
struct pin {
	int64_t seq;
	char tag[16];
};

struct head {
	int64_t seq; /* the highest since the last rollback, with its hash */
	char hash[SM3_HEX_LEN];
	int64_t lines, rollbacks, rollback_at, rollback_from;
	struct pin *pins; /* every head since the last rollback, by seq */
	size_t npins, cap;
};

static void
head_free(struct head *h)
{
	free(h->pins);
	h->pins = NULL;
	h->npins = h->cap = 0;
}

/* Adds a pin; 0 or -1 (no memory). */
static int
head_pin(struct head *h, int64_t seq, const char *hash)
{
	if (h->npins == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 1024;
		struct pin *p = realloc(h->pins, cap * sizeof *p);
		if (p == NULL)
			return -1;
		h->pins = p;
		h->cap = cap;
	}
	h->pins[h->npins].seq = seq;
	memcpy(h->pins[h->npins].tag, hash, sizeof h->pins->tag);
	h->npins++;
	return 0;
}

static int
pin_order(const void *a, const void *b)
{
	const struct pin *x = a, *y = b;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* One line (no newline) into h; 0, 1 when it is not a valid line, -1
 * when there is no memory for it. */
static int
head_parse(char *line, struct head *h)
{
	char *sp = strrchr(line, ' ');
	unsigned char mac[SEAL_TAG_LEN];
	char mac_hex[SM3_HEX_LEN], hash[SM3_HEX_LEN], fhash[SM3_HEX_LEN];
	char type, tail;
	int64_t seq, from = 0;
	if (sp == NULL || strlen(sp + 1) != SM3_HEX_LEN - 1)
		return 1;
	*sp = '\0';
	if (seal_hmac_sm3(cfg.head, sizeof cfg.head, line, strlen(line), mac))
		return 1;
	to_hex(mac, sizeof mac, mac_hex);
	if (CRYPTO_memcmp(mac_hex, sp + 1, SM3_HEX_LEN - 1) != 0)
		return 1;
	int n = sscanf(line, "%c %" SCNd64 " %64s %" SCNd64 " %64s %c", &type,
	    &seq, hash, &from, fhash, &tail);
	if (seq < 1 || strlen(hash) != SM3_HEX_LEN - 1)
		return 1;
	if (type == 'H' && n == 3) {
		if (seq > h->seq) {
			h->seq = seq;
			memcpy(h->hash, hash, sizeof hash);
		}
	} else if (type == 'R' && n == 5) {
		/* The log was put back to a backup: what the head said
		 * before is history; from here on it ends at seq. */
		h->seq = seq;
		memcpy(h->hash, hash, sizeof hash);
		h->rollbacks++;
		h->rollback_at = seq;
		h->rollback_from = from;
		h->npins = 0;
	} else {
		return 1;
	}
	h->lines++;
	return head_pin(h, seq, hash);
}

/*
 * Reads the head file: 0 (h filled, its pins in order of seq; no file is
 * no lines), 1 when a line is not valid (why filled), -1 when it cannot
 * be read. head_free(h) after, whatever the answer.
 */
static int
head_read(struct head *h, char *why, size_t n)
{
	memset(h, 0, sizeof *h);
	FILE *f = fopen(cfg.head_path, "re");
	if (f == NULL) {
		if (errno == ENOENT)
			return 0;
		snprintf(why, n, "%s: %s", cfg.head_path, strerror(errno));
		return -1;
	}
	char line[LINE_MAX_LEN];
	int64_t at = 0;
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
		at++;
		size_t len = strlen(line);
		if (len == 0 || line[len - 1] != '\n') {
			/* A last line cut short by a crash is no head;
			 * anything else that long is not a line of ours. */
			if (feof(f))
				break;
			rc = 1;
		} else {
			line[len - 1] = '\0';
			rc = !cfg.have_key ? 2 : head_parse(line, h);
		}
	}
	if (rc == 2)
		snprintf(why, n, "the head file %s records the log's head, but "
		    "there is no audit key (%s) to check it with",
		    cfg.head_path, cfg.key_path);
	else if (rc == 1)
		snprintf(why, n, "line %" PRId64 " of the head file %s is not "
		    "valid (altered, or written under another audit key)", at,
		    cfg.head_path);
	if (rc < 0)
		snprintf(why, n, "%s: out of memory", cfg.head_path);
	else if (rc == 0 && ferror(f)) {
		snprintf(why, n, "%s: %s", cfg.head_path, strerror(errno));
		rc = -1;
	}
	fclose(f);
	if (rc == 0 && h->npins > 1)
		qsort(h->pins, h->npins, sizeof *h->pins, pin_order);
	return rc > 0 ? 1 : rc;
}

/* ---- verification ---- */

struct walk {
	struct audit_report *r;
	const struct head *h; /* NULL: the chain only */
	size_t pin;           /* the next of h's pins to compare */
	int64_t expect;
	char prev[SM3_HEX_LEN];
};

static int
check_one(void *ctx, const struct store_audit *a)
{
	struct walk *w = ctx;
	struct audit_report *r = w->r;
	r->count++;
	r->bad = a->seq;
	if (a->seq != w->expect) {
		snprintf(r->why, sizeof r->why, "expected entry %" PRId64
		    ", found %" PRId64 " (an entry is missing)", w->expect,
		    a->seq);
		return 1;
	}
	if (strcmp(a->prev, w->prev) != 0) {
		snprintf(r->why, sizeof r->why, "its previous hash does not "
		    "match entry %" PRId64, a->seq - 1);
		return 1;
	}
	int kind = entry_kind(a, r->keyed_from == 0);
	if (kind == 0 && r->keyed_from != 0) {
		snprintf(r->why, sizeof r->why, "its content does not match its "
		    "keyed hash (the entry was altered, or written under "
		    "another audit key)");
		return 1;
	}
	if (kind == 0 && !cfg.have_key) {
		snprintf(r->why, sizeof r->why, "its content does not match its "
		    "hash (the entry was altered, or it is keyed and there is "
		    "no audit key %s to check it with)", cfg.key_path);
		return 1;
	}
	if (kind == 0) {
		snprintf(r->why, sizeof r->why, "its content does not match its "
		    "hash (the entry was altered)");
		return 1;
	}
	if (kind == 2 && r->keyed_from == 0)
		r->keyed_from = a->seq;
	/* Every head since the last rollback, not only the highest: a log
	 * cut short and written on past its old head is found too. */
	for (; w->h != NULL && w->pin < w->h->npins &&
	    w->h->pins[w->pin].seq <= a->seq; w->pin++)
		if (w->h->pins[w->pin].seq == a->seq && strncmp(a->hash,
		    w->h->pins[w->pin].tag, sizeof w->h->pins->tag) != 0) {
			snprintf(r->why, sizeof r->why, "it is not the entry the "
			    "audit head %s records (the log was rewritten, or "
			    "cut short and written on)", cfg.head_path);
			return 1;
		}
	snprintf(w->prev, sizeof w->prev, "%s", a->hash);
	w->expect++;
	return 0;
}

int
audit_check(struct store *s, int flags, struct audit_report *r)
{
	struct head h = { 0 };
	struct walk w = { .r = r, .expect = 1 };
	memset(r, 0, sizeof *r);
	if (!(flags & AUDIT_CHAIN_ONLY)) {
		int rc = head_read(&h, r->why, sizeof r->why);
		if (rc != 0) {
			head_free(&h);
			return rc < 0 ? -1 : 1;
		}
		w.h = &h;
		r->head = h.seq;
		r->rollbacks = h.rollbacks;
		r->rollback_at = h.rollback_at;
		r->rollback_from = h.rollback_from;
	}
	int rc = store_each_audit(s, check_one, &w);
	head_free(&h);
	if (rc < 0) {
		snprintf(r->why, sizeof r->why, "%s", store_error(s));
		return -1;
	}
	if (rc != 0)
		return 1;
	r->bad = 0;
	if (w.h == NULL)
		return 0;
	if (h.seq > r->count) {
		r->bad = r->count + 1;
		char gone[80];
		if (h.seq == r->count + 1)
			snprintf(gone, sizeof gone, "entry %" PRId64 " was",
			    h.seq);
		else
			snprintf(gone, sizeof gone, "entries %" PRId64 " to %"
			    PRId64 " were", r->count + 1, h.seq);
		snprintf(r->why, sizeof r->why, "the log ends at entry %" PRId64
		    " but its head %s records %" PRId64 " entries: %s deleted "
		    "(no rollback recorded)", r->count, cfg.head_path, h.seq,
		    gone);
		return 1;
	}
	if (r->keyed_from != 0 && h.lines == 0) {
		snprintf(r->why, sizeof r->why, "the log is keyed from entry %"
		    PRId64 " on, but its head file %s records no head, so its "
		    "end cannot be checked: the file was removed or emptied, or "
		    "this database is a copy (lvzhi restore it; after "
		    "pg_restore, lvzhi audit rollback)", r->keyed_from,
		    cfg.head_path);
		return 1;
	}
	return 0;
}

int
audit_verify(struct store *s, int64_t *count, int64_t *bad, char *why,
    size_t whylen)
{
	struct audit_report r;
	int rc = audit_check(s, 0, &r);
	*count = r.count;
	*bad = rc == 1 ? r.bad : 0;
	snprintf(why, whylen, "%s", r.why);
	return rc;
}

/* ---- restore ---- */

void
audit_hold(int on)
{
	cfg.hold = on;
}

int
audit_rollback(int64_t seq, const char *hash, char *err, size_t errlen)
{
	struct head h;
	char body[LINE_MAX_LEN], why[sizeof ((struct audit_report *)0)->why];
	cfg.hold = 0;
	/* The head it replaces, for the record; a head file that does not
	 * read is replaced all the same (verify said so before). */
	if (head_read(&h, why, sizeof why) != 0)
		h.seq = 0;
	head_free(&h);
	snprintf(body, sizeof body, "R %" PRId64 " %s %" PRId64 " %s", seq,
	    hash, h.seq, h.seq > 0 ? h.hash : "-");
	if (head_line(body)) {
		snprintf(err, errlen, "%s: cannot record the rollback: %s",
		    cfg.head_path, strerror(errno));
		return -1;
	}
	return 0;
}
