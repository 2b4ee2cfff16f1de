/*
 * Logging in, sessions and API tokens.
 *
 * Tokens are 256 random bits, given to the client once and stored only as
 * their SM3 digest. A session ends after 30 idle minutes (等保: 超时退出)
 * and, however busy, at an absolute lifetime from its login (a setting,
 * 12 hours by default); an API token at its expiry (90 days by default),
 * when revoked, or when its account's password changes or the account is
 * disabled. Nothing is cached in a server: each request reads the
 * database, so an end takes effect on every server sharing it at once.
 * An account is locked for 15 minutes after 5 failed logins (登录失败处理).
 * A name that matches no account is answered exactly as an account is,
 * locked after as many failures (counted under its keyed digest), so
 * that the answers tell no one which accounts exist.
 * Every session carries its own CSRF token for forms. Besides, failed
 * logins are counted by client address: too many from one address within
 * a window refuse every login from there, whatever the account name, so
 * that guessing across many accounts is slowed too (the counts live in
 * the database, shared by every server process).
 */
#ifndef LVZHI_SESSION_H
#define LVZHI_SESSION_H

#include <stdint.h>

#include "auth/password.h"
#include "base/sm3.h"
#include "store/store.h"

#define SESSION_IDLE_SECONDS (30 * 60)
#define LOGIN_MAX_FAILURES 5
#define LOGIN_LOCK_SECONDS (15 * 60)
#define TOKEN_HEX 65 /* 64 hex digits and a NUL */
#define TOKEN_ID_HEX 17 /* an API token's id: 16 hex digits and a NUL */
#define SESSION_LIFETIME_DEFAULT (12 * 3600)
#define TOKEN_LIFETIME_DEFAULT (90 * 86400)

enum login_result {
	LOGIN_OK,
	LOGIN_BAD,      /* unknown name or wrong password */
	LOGIN_LOCKED,   /* too many failures: wait */
	LOGIN_DISABLED,
	LOGIN_ERROR,    /* storage */
	LOGIN_THROTTLED, /* too many failures from the client's address */
};

/* Who is logging in, and the limit on failures from their address. */
struct login_client {
	const char *ip;         /* the client's address as text */
	unsigned max_failures;  /* within window seconds */
	unsigned window;
	int64_t retry_after;    /* out, with LOGIN_THROTTLED: seconds */
	/* out: the name as the audit log may show it: an account's name,
	 * or for a name that matches no account "unknown:" and a prefix of
	 * its keyed digest (never the name: often a password typed into the
	 * wrong field); and whether to audit the attempt at all (a
	 * throttled client's first refusal of a window only). */
	char shown[160];
	int audit;
};

/*
 * Checks name and password for client; on LOGIN_OK creates a session and
 * fills token and csrf and *account. Failures are counted: they lock the
 * account (or the unknown name), and throttle the client's address. A
 * throttled address is refused before the password is looked at.
 */
enum login_result session_login(struct store *s, const char *name,
    const char *password, int64_t now, struct login_client *client,
    char token[TOKEN_HEX],
    char csrf[TOKEN_HEX], int64_t *account);
/*
 * What a lookup found due: the lookups only read (so that a request's
 * reads can share one read transaction), and session_settle makes the
 * writes afterwards — an expired session deleted, a session's or a token's
 * last use refreshed.
 */
struct session_found {
	char hashed[SM3_HEX_LEN];
	enum { SESSION_DUE_NONE, SESSION_DUE_EXPIRE, SESSION_DUE_TOUCH,
		SESSION_DUE_TOKEN } due;
};

/* 1 with *account and csrf when token is a live session (idle less than
 * SESSION_IDLE_SECONDS, made less than lifetime seconds ago), 0 when
 * unknown or expired, -1 on error; f receives the write due
 * (session_settle). */
int session_find(struct store *s, const char *token, int64_t now,
    int64_t lifetime, int64_t *account, char csrf[TOKEN_HEX],
    struct session_found *f);
/* Makes the write a lookup found due; 0, or -1 on error. */
int session_settle(struct store *s, const struct session_found *f,
    int64_t now);
int session_logout(struct store *s, const char *token);
/*
 * A new API token for an account, valid until expires (unix seconds),
 * returned once in token, with the id it is listed and revoked by. With
 * seen (the password hash session_reauth checked), inside the caller's
 * write transaction, the account must still have that password and not
 * be disabled: a token minted as the password changes on another server
 * cannot outlive it (write transactions take turns on every backend).
 * Returns 0, 1 when the account changed since seen (nothing made), or -1.
 */
int session_token_create(struct store *s, int64_t account,
    const char *label, int64_t now, int64_t expires, const char *seen,
    char token[TOKEN_HEX], char id[TOKEN_ID_HEX]);
/* 1 with *account when token, sent as a bearer token, is a live session
 * (as session_find's, refreshed likewise) or a valid API token (not
 * revoked, not expired); 0 when neither; -1 on error. The token is
 * digested once for both lookups. */
int session_bearer_find(struct store *s, const char *token, int64_t now,
    int64_t lifetime, int64_t *account, struct session_found *f);
/*
 * Ends everything that stands for the account: its sessions are deleted
 * and its API tokens revoked (for good: enabling the account again, or
 * the old password, brings none back). For a password change and for
 * disabling, in the caller's transaction. Returns how many tokens were
 * revoked, or -1.
 */
int session_end_account(struct store *s, int64_t account, int64_t now);
/*
 * Asks the logged-in account for its password again (before a token is
 * minted on a page or over the API). A wrong one counts as a failed
 * login: five lock the account, so that a stolen session cannot guess
 * it. Returns LOGIN_OK, LOGIN_BAD, LOGIN_LOCKED, LOGIN_DISABLED or
 * LOGIN_ERROR.
 */
enum login_result session_reauth(struct store *s, int64_t account,
    const char *password, int64_t now, char seen[PASSWORD_HASH_MAX]);

#endif
