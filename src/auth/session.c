#include "auth/session.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "auth/password.h"
#include "base/sm3.h"

struct found {
	int64_t key;
	int disabled, failures;
	int64_t locked_until;
	char hash[PASSWORD_HASH_MAX];
	char name[130];
};

static int
keep(void *ctx, const struct store_account *a)
{
	struct found *f = ctx;
	f->key = a->key;
	snprintf(f->name, sizeof f->name, "%s", a->name);
	f->disabled = a->disabled;
	f->failures = a->failures;
	f->locked_until = a->locked_until;
	snprintf(f->hash, sizeof f->hash, "%s", a->password);
	return 0;
}

/* An unknown name's failures are forgotten a day after its last. */
#define UNKNOWN_NAME_KEEP (24 * 60 * 60)

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy[PASSWORD_HASH_MAX];

static void
make_dummy(void)
{
	if (password_hash("lvzhi-Dummy-1", dummy))
		dummy[0] = '\0';
}

static int
digest(const char *token, char out[SM3_HEX_LEN])
{
	return sm3_hex(token, strlen(token), out);
}

/* One more failure on a count: the lock (its end, else 0) at the last
 * allowed, when the count starts again. */
static int64_t
next_failure(int *failures, int64_t now)
{
	if (++*failures < LOGIN_MAX_FAILURES)
		return 0;
	*failures = 0;
	return now + LOGIN_LOCK_SECONDS;
}

/*
 * A wrong password: one more failure, and the lock at the last allowed.
 * The count is read again and written in one transaction, so that the
 * attempts of several servers (or threads) on one account each count;
 * the password check itself stays outside, as it is slow. Returns
 * LOGIN_BAD, LOGIN_LOCKED or LOGIN_ERROR.
 */
static enum login_result
count_failure(struct store *s, const char *name, int64_t now)
{
	struct found f = { 0 };
	if (store_begin(s))
		return LOGIN_ERROR;
	if (store_account_get(s, name, 0, keep, &f) != 1)
		goto fail;
	if (f.locked_until > now) {
		/* Locked by another attempt meanwhile: nothing to count. */
		store_rollback(s);
		return LOGIN_LOCKED;
	}
	int failures = f.failures;
	int64_t until = next_failure(&failures, now);
	if (store_account_set_failures(s, f.key, failures, until) < 0 ||
	    store_commit(s))
		goto fail;
	return until ? LOGIN_LOCKED : LOGIN_BAD;
fail:
	store_rollback(s);
	return LOGIN_ERROR;
}

/*
 * The keyed digest of a name that matches no account, in hex: HMAC-SM3
 * under the database's own random key, so that a name (often a password
 * typed into the wrong field) is stored nowhere, and its digest in the
 * audit log cannot be reversed by trying names without that key.
 * Returns 0 or -1.
 */
static int
name_digest(struct store *s, const char *name, char hex[SM3_HEX_LEN])
{
	char fresh[TOKEN_HEX], key[TOKEN_HEX];
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	password_random_hex(fresh, 32);
	if (store_login_secret(s, fresh, key, sizeof key) || strlen(key) < 32 ||
	    HMAC(EVP_sm3(), key, (int)strlen(key), (const unsigned char *)name,
	    strlen(name), mac, &len) == NULL || len != 32)
		return -1;
	for (unsigned i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", mac[i]);
	return 0;
}

/*
 * A name that matches no account answers as an account does: a
 * password check's time (against a dummy hash), one more failure counted
 * under the name's digest, the same lock after as many failures, for as
 * long (and a locked name answers at once, as a locked account does).
 * client->shown gets "unknown:" and a prefix of the digest.
 */
static enum login_result
check_unknown(struct store *s, const char *name, const char *password,
    int64_t now, struct login_client *client)
{
	char hex[SM3_HEX_LEN], key[80];
	int failures;
	int64_t until;
	if (name_digest(s, name, hex))
		return LOGIN_ERROR;
	snprintf(client->shown, sizeof client->shown, "unknown:%.16s", hex);
	snprintf(key, sizeof key, "name:%s", hex);
	if (store_login_mark_get(s, key, &failures, &until) < 0)
		return LOGIN_ERROR;
	if (until > now)
		return LOGIN_LOCKED;
	pthread_once(&dummy_once, make_dummy);
	password_verify(dummy, password);
	if (store_begin(s))
		return LOGIN_ERROR;
	if (store_login_mark_get(s, key, &failures, &until) < 0)
		goto fail;
	if (until > now) {
		store_rollback(s);
		return LOGIN_LOCKED;
	}
	until = next_failure(&failures, now);
	if (store_login_mark_set(s, key, failures, until, now,
	    now - UNKNOWN_NAME_KEEP) || store_commit(s))
		goto fail;
	return until ? LOGIN_LOCKED : LOGIN_BAD;
fail:
	store_rollback(s);
	return LOGIN_ERROR;
}

/* Checks name and password (session_login without the address). */
static enum login_result
check(struct store *s, const char *name, const char *password, int64_t now,
    struct login_client *client, char token[TOKEN_HEX],
    char csrf[TOKEN_HEX], int64_t *account)
{
	struct found f = { 0 };
	int rc = store_account_get(s, name, 0, keep, &f);
	if (rc < 0)
		return LOGIN_ERROR;
	if (rc == 0)
		return check_unknown(s, name, password, now, client);
	snprintf(client->shown, sizeof client->shown, "%s", name);
	if (f.locked_until > now)
		return LOGIN_LOCKED;
	if (!password_verify(f.hash, password))
		return count_failure(s, name, now);
	if (f.disabled)
		return LOGIN_DISABLED;
	if (f.failures && store_account_set_failures(s, f.key, 0, 0) < 0)
		return LOGIN_ERROR;
	char hashed[SM3_HEX_LEN];
	password_random_hex(token, 32);
	password_random_hex(csrf, 32);
	if (digest(token, hashed) || store_session_add(s, hashed, f.key, csrf,
	    now))
		return LOGIN_ERROR;
	*account = f.key;
	return LOGIN_OK;
}

/*
 * A throttled client: whether this refusal is its first of the window
 * (then it is audited, with the name as shown for an account or an
 * unknown one); the mark lasts until the throttle lifts.
 */
static enum login_result
throttled(struct store *s, const char *name, int64_t now,
    struct login_client *client)
{
	char key[96];
	snprintf(key, sizeof key, "throttled:%s", client->ip);
	int first = store_login_mark_claim(s, key, now + client->retry_after,
	    now);
	if (first < 0)
		return LOGIN_ERROR;
	client->audit = first;
	if (first) {
		char hex[SM3_HEX_LEN];
		int rc = store_account_get(s, name, 0, NULL, NULL);
		if (rc < 0 || (rc == 0 && name_digest(s, name, hex)))
			return LOGIN_ERROR;
		snprintf(client->shown, sizeof client->shown, rc ? "%s" :
		    "unknown:%.16s", rc ? name : hex);
	}
	return LOGIN_THROTTLED;
}

enum login_result
session_login(struct store *s, const char *name, const char *password,
    int64_t now, struct login_client *client, char token[TOKEN_HEX],
    char csrf[TOKEN_HEX], int64_t *account)
{
	snprintf(client->shown, sizeof client->shown, "unknown");
	client->audit = 1;
	int64_t since = now - (int64_t)client->window + 1, oldest;
	int n = store_login_failures(s, client->ip, since, &oldest);
	if (n < 0)
		return LOGIN_ERROR;
	if ((unsigned)n >= client->max_failures) {
		/* Until the oldest failure of the window leaves it. */
		client->retry_after = oldest + client->window - now;
		if (client->retry_after < 1)
			client->retry_after = 1;
		return throttled(s, name, now, client);
	}
	enum login_result lr = check(s, name, password, now, client, token,
	    csrf, account);
	if ((lr == LOGIN_BAD || lr == LOGIN_LOCKED || lr == LOGIN_DISABLED) &&
	    store_login_failure_add(s, client->ip, now, since) < 0)
		return LOGIN_ERROR;
	return lr;
}

/* session_find, given the token's digest: reads only, noting in f the
 * write the lookup makes due. */
static int
session_find_hashed(struct store *s, struct session_found *f, int64_t now,
    int64_t lifetime, int64_t *account, char csrf[TOKEN_HEX])
{
	int64_t last = 0, created = 0;
	int rc = store_session_get(s, f->hashed, account, csrf, &last,
	    &created);
	if (rc <= 0)
		return rc;
	if (now - last > SESSION_IDLE_SECONDS || now - created >= lifetime) {
		f->due = SESSION_DUE_EXPIRE;
		return 0;
	}
	/* Refresh at most every 30 s: a page of requests is one write. */
	if (now - last >= 30)
		f->due = SESSION_DUE_TOUCH;
	return 1;
}

int
session_find(struct store *s, const char *token, int64_t now,
    int64_t lifetime, int64_t *account, char csrf[TOKEN_HEX],
    struct session_found *f)
{
	f->due = SESSION_DUE_NONE;
	if (strlen(token) != TOKEN_HEX - 1 || digest(token, f->hashed))
		return 0;
	return session_find_hashed(s, f, now, lifetime, account, csrf);
}

int
session_settle(struct store *s, const struct session_found *f, int64_t now)
{
	switch (f->due) {
	case SESSION_DUE_EXPIRE:
		store_session_delete(s, f->hashed);
		return 0;
	case SESSION_DUE_TOUCH:
		return store_session_touch(s, f->hashed, now) < 0 ? -1 : 0;
	case SESSION_DUE_TOKEN:
		/* A failed note of last use does not refuse the request. */
		store_token_touch(s, f->hashed, now);
		return 0;
	case SESSION_DUE_NONE:
		break;
	}
	return 0;
}

int
session_logout(struct store *s, const char *token)
{
	char hashed[SM3_HEX_LEN];
	if (digest(token, hashed))
		return -1;
	return store_session_delete(s, hashed) < 0 ? -1 : 0;
}

/* The id is the digest's first 16 hex digits: it names the token in
 * lists and the audit log and tells nothing of the token itself. */
int
session_token_create(struct store *s, int64_t account, const char *label,
    int64_t now, int64_t expires, const char *seen, char token[TOKEN_HEX],
    char id[TOKEN_ID_HEX])
{
	char hashed[SM3_HEX_LEN];
	if (seen != NULL) {
		struct found f = { 0 };
		if (store_account_get(s, NULL, account, keep, &f) != 1)
			return -1;
		if (f.disabled || strcmp(f.hash, seen) != 0)
			return 1;
	}
	password_random_hex(token, 32);
	if (digest(token, hashed))
		return -1;
	snprintf(id, TOKEN_ID_HEX, "%.16s", hashed);
	return store_token_add(s, hashed, id, account, label, now, expires);
}

int
session_bearer_find(struct store *s, const char *token, int64_t now,
    int64_t lifetime, int64_t *account, struct session_found *f)
{
	char csrf[TOKEN_HEX];
	f->due = SESSION_DUE_NONE;
	if (strlen(token) != TOKEN_HEX - 1 || digest(token, f->hashed))
		return 0;
	int rc = session_find_hashed(s, f, now, lifetime, account, csrf);
	if (rc != 0 || f->due != SESSION_DUE_NONE)
		return rc;
	int64_t last = 0;
	rc = store_token_get(s, f->hashed, now, account, &last);
	/* Last use is kept to the minute: no write on every request. */
	if (rc == 1 && last < now - 60)
		f->due = SESSION_DUE_TOKEN;
	return rc;
}

int
session_end_account(struct store *s, int64_t account, int64_t now)
{
	if (store_session_delete_account(s, account) < 0)
		return -1;
	return store_token_revoke_account(s, account, now);
}

enum login_result
session_reauth(struct store *s, int64_t account, const char *password,
    int64_t now, char seen[PASSWORD_HASH_MAX])
{
	struct found f = { 0 };
	int rc = store_account_get(s, NULL, account, keep, &f);
	if (rc <= 0)
		return LOGIN_ERROR;
	if (f.locked_until > now)
		return LOGIN_LOCKED;
	if (!password_verify(f.hash, password))
		return count_failure(s, f.name, now);
	if (f.disabled)
		return LOGIN_DISABLED;
	if (f.failures && store_account_set_failures(s, f.key, 0, 0) < 0)
		return LOGIN_ERROR;
	memcpy(seen, f.hash, PASSWORD_HASH_MAX);
	return LOGIN_OK;
}
