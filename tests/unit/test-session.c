/*
 * Unit tests of how sessions and API tokens end (src/auth/session.c), on
 * a fresh SQLite store with the clock passed in: a session at its
 * absolute lifetime and after 30 idle minutes, a token at its expiry and
 * when its account's tokens are ended, and a token minted with the
 * password checked before it changed (as on another server meanwhile),
 * which must not be made.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/password.h"
#include "auth/session.h"
#include "base/sm3.h"

#define PW "Lvzhi@2025-unit"
#define T0 ((int64_t)1800000000)

struct fixture {
	char dir[64], path[96];
	struct store *s;
	int64_t key;
};

static int
keep_key(void *ctx, const struct store_account *a)
{
	*(int64_t *)ctx = a->key;
	return 0;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char err[512], hash[PASSWORD_HASH_MAX];
	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/lvzhi-test-session-XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	f->s = store_open(f->path, 1, err, sizeof err);
	if (f->s == NULL || password_hash(PW, hash) ||
	    store_account_add(f->s, "u", "admin", NULL, NULL, NULL, hash) ||
	    store_account_get(f->s, "u", 0, keep_key, &f->key) != 1) {
		fprintf(stderr, "setup: %s\n", f->s ? store_error(f->s) : err);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->s);
	static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char p[160];
		snprintf(p, sizeof p, "%s/%s", f->dir, files[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* A session of the account made at created, its token in token. */
static void
session_at(struct fixture *f, int64_t created, char token[TOKEN_HEX])
{
	char hashed[SM3_HEX_LEN], csrf[TOKEN_HEX];
	password_random_hex(token, 32);
	password_random_hex(csrf, 32);
	assert_int_equal(sm3_hex(token, strlen(token), hashed), 0);
	assert_int_equal(store_session_add(f->s, hashed, f->key, csrf, created),
	    0);
}

/* What session_find says at now for lifetime, the write it makes due
 * made. */
static int
find(struct fixture *f, const char *token, int64_t now, int64_t lifetime)
{
	int64_t account = 0;
	char csrf[TOKEN_HEX];
	struct session_found sf;
	int rc = session_find(f->s, token, now, lifetime, &account, csrf, &sf);
	assert_int_equal(session_settle(f->s, &sf, now), 0);
	if (rc == 1)
		assert_int_equal(account, f->key);
	return rc;
}

static void
test_session_lifetime(void **state)
{
	struct fixture *f = *state;
	char token[TOKEN_HEX];
	session_at(f, T0, token);
	/* Busy every 20 minutes: alive until the lifetime, then gone. */
	for (int64_t t = T0; t < T0 + 3600; t += 1200)
		assert_int_equal(find(f, token, t, 3600), 1);
	assert_int_equal(find(f, token, T0 + 3599, 3600), 1);
	assert_int_equal(find(f, token, T0 + 3600, 3600), 0);
	/* Deleted, not only refused: a longer lifetime does not revive it. */
	assert_int_equal(find(f, token, T0 + 3600, 7200), 0);

	session_at(f, T0, token);
	assert_int_equal(find(f, token, T0 + SESSION_IDLE_SECONDS, 43200), 1);
	assert_int_equal(find(f, token, T0 + 2 * SESSION_IDLE_SECONDS + 1,
	    43200), 0);
}

static int
bearer(struct fixture *f, const char *token, int64_t now)
{
	int64_t account = 0;
	struct session_found sf;
	int rc = session_bearer_find(f->s, token, now, 43200, &account, &sf);
	assert_int_equal(session_settle(f->s, &sf, now), 0);
	return rc;
}

static void
test_token_ends(void **state)
{
	struct fixture *f = *state;
	char token[TOKEN_HEX], id[TOKEN_ID_HEX], other[TOKEN_HEX];
	char session[TOKEN_HEX];
	assert_int_equal(session_token_create(f->s, f->key, "t", T0, T0 + 100,
	    NULL, token, id), 0);
	assert_int_equal(strlen(id), 16);
	assert_int_equal(bearer(f, token, T0 + 99), 1);
	assert_int_equal(bearer(f, token, T0 + 100), 0);

	assert_int_equal(session_token_create(f->s, f->key, "t2", T0,
	    T0 + 1000, NULL, other, id), 0);
	session_at(f, T0, session);
	assert_int_equal(bearer(f, other, T0 + 10), 1);
	assert_int_equal(bearer(f, session, T0 + 10), 1);
	/* Both revoked, the expired one too. */
	assert_int_equal(session_end_account(f->s, f->key, T0 + 20), 2);
	assert_int_equal(bearer(f, other, T0 + 21), 0);
	assert_int_equal(bearer(f, session, T0 + 21), 0);
	assert_int_equal(store_token_revoke(f->s, f->key, id, T0 + 22), 0);
}

static void
test_mint_after_password_change(void **state)
{
	struct fixture *f = *state;
	char seen[PASSWORD_HASH_MAX], hash[PASSWORD_HASH_MAX];
	char token[TOKEN_HEX], id[TOKEN_ID_HEX];
	assert_int_equal(session_reauth(f->s, f->key, "Wrong-Pass#1", T0, seen),
	    LOGIN_BAD);
	assert_int_equal(session_reauth(f->s, f->key, PW, T0, seen), LOGIN_OK);
	/* Meanwhile, elsewhere: a new password. */
	assert_int_equal(password_hash("Xin-Mi#Ma2026", hash), 0);
	assert_int_equal(store_account_set_password(f->s, "u", hash), 1);
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(session_token_create(f->s, f->key, "late", T0,
	    T0 + 100, seen, token, id), 1);
	store_rollback(f->s);
	assert_int_equal(session_reauth(f->s, f->key, "Xin-Mi#Ma2026", T0,
	    seen), LOGIN_OK);
	assert_int_equal(store_begin(f->s), 0);
	assert_int_equal(session_token_create(f->s, f->key, "now", T0,
	    T0 + 100, seen, token, id), 0);
	assert_int_equal(store_commit(f->s), 0);
	assert_int_equal(bearer(f, token, T0 + 1), 1);
	/* Disabled since: nothing made either. */
	assert_int_equal(store_account_set_disabled(f->s, "u", 1), 1);
	assert_int_equal(session_token_create(f->s, f->key, "off", T0,
	    T0 + 100, seen, token, id), 1);
}

/* One-time passwords (a reset, a new account): each meets the
 * complexity rule, has the documented form, and they differ. */
static void
test_onetime_passwords(void **state)
{
	(void)state;
	char seen[64][PASSWORD_ONETIME_LEN];
	for (int i = 0; i < 64; i++) {
		const char *why = NULL;
		password_onetime(seen[i]);
		assert_int_equal(strlen(seen[i]), PASSWORD_ONETIME_LEN - 1);
		assert_int_equal(password_check(seen[i], &why), 0);
		for (int g = 0; g < 3; g++) {
			const char *p = seen[i] + 5 * g;
			int upper = 0, lower = 0, digit = 0;
			for (int k = 0; k < 4; k++) {
				upper += p[k] >= 'A' && p[k] <= 'Z';
				lower += p[k] >= 'a' && p[k] <= 'z';
				digit += p[k] >= '2' && p[k] <= '9';
				assert_null(strchr("0O1lI", p[k]));
			}
			assert_true(upper == 1 && lower == 2 && digit == 1);
			if (g < 2)
				assert_int_equal(p[4], '-');
		}
		for (int j = 0; j < i; j++)
			assert_string_not_equal(seen[i], seen[j]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_session_lifetime, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_token_ends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mint_after_password_change,
		    setup, teardown),
		cmocka_unit_test(test_onetime_passwords),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
