/*
 * Accounts managed in the web: listed, created, disabled and enabled,
 * their passwords reset to a one-time password, their API tokens seen
 * and revoked — by the administrator, and by an office for the clerks,
 * leaders and inspectors of its subtree (authority_account_roles says
 * who manages whom). Each write asks authority.c against the rows as
 * stored inside its transaction and is audited there; a create never
 * overwrites. The pages (/accounts) and the API (/api/v1/accounts) share
 * these. An account's own password change (after a reset, the first
 * thing it must do) is here too.
 */
#ifndef LVZHI_DOMAIN_ACCOUNT_H
#define LVZHI_DOMAIN_ACCOUNT_H

#include "auth/authority.h"
#include "auth/password.h"
#include "domain/domain.h"
#include "domain/token.h"

/* An account as shown: never its password hash. Times UTC stamps. */
struct account {
	const char *name, *role, *role_label;
	const char *region, *region_name, *organ, *organ_name;
	const char *person, *person_name;
	int disabled, must_change, locked;
	const char *state, *state_label; /* "active", "disabled", "locked" */
	const char *created, *password_changed;
};
/* An account just made, or a password just reset: the one-time
 * password, shown this once. */
struct account_made {
	struct account account;
	const char *password;
};

extern const struct entity account_entity;      /* struct account */

/* The filters of a listing (NULL / -1: any) and its page. */
struct account_query {
	const char *role, *region, *q;
	int status; /* -1 any, 0 enabled, 1 disabled */
	int limit, offset;
};
/* The accounts the caller manages that q holds, by name: 0 with *out, *n
 * and *total (all that q holds), or -1: 400 (an unknown role or region,
 * field named), 403 (a region outside the caller's), 500. */
int account_list(struct dom *d, const struct account_query *q,
    struct account **out, size_t *n, long *total);
/* The account named name, if the caller manages it: 0, or -1 (404). */
int account_get(struct dom *d, const char *name, struct account *out);
/* Creates w with a one-time password (to be changed at its first
 * login): 0 with *out, or -1 (authority_account_create's faults). */
int account_create(struct dom *d, const struct authority_account *w,
    struct account_made *out);
/* Disables (off) or enables the account: disabling ends its sessions
 * and revokes its tokens in the same transaction. 0 with *out, or -1. */
int account_set_disabled(struct dom *d, const char *name, int off,
    struct account *out);
/* A new one-time password for the account, its sessions and tokens
 * ended: 0 with *out, or -1. */
int account_reset_password(struct dom *d, const char *name,
    struct account_made *out);
/* The account's API tokens: 0 with *v and *n, or -1 (404). */
int account_tokens(struct dom *d, const char *name, struct token **v,
    size_t *n);
/* Revokes the account's token id (NULL: every live one): 0 with the
 * number revoked in *n, or -1 (404: no such account or live token). */
int account_token_revoke(struct dom *d, const char *name, const char *id,
    int *n);
/*
 * The caller changes its own password: current checked (a wrong one
 * counts as a failed login), fresh checked by password_check and not
 * the current one. Every session and token of the account ends (the
 * caller logs in again). 0, or -1: 400 (field named), 403 (wrong
 * password), 429 (locked), 500.
 */
int account_change_password(struct dom *d, const char *current,
    const char *fresh);

#endif
