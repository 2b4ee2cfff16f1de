/*
 * The calling account's own API tokens: minted (the password asked for
 * again: a session left open, or a stolen one, does not yield a token
 * that outlives it), listed (never the secret) and revoked. Each account
 * sees and ends its own tokens only; another account's token id is
 * unknown here (404), whoever asks. The operator lists and revokes
 * anyone's with `lvzhi user token`. Every mint, refused mint and
 * revocation is audited. /api/v1/tokens and the account page share
 * these, so both refuse alike.
 */
#ifndef LVZHI_DOMAIN_TOKEN_H
#define LVZHI_DOMAIN_TOKEN_H

#include "domain/domain.h"

/* One token as listed: times "YYYY-MM-DDTHH:MM:SSZ" (UTC), last_used
 * and revoked NULL for never; state "active", "expired" or "revoked". */
struct token {
	const char *id, *label, *created, *expires, *last_used, *revoked;
	const char *state, *state_label;
};
/* A token just minted, its secret shown this once. */
struct token_made {
	const char *token, *id, *label, *created, *expires;
};

extern const struct entity token_entity;      /* struct token */
extern const struct entity token_made_entity; /* struct token_made */

/* The caller's tokens, newest first, at most 200, in d's arena: 0 with
 * *out and *n, or -1 (500). */
int token_list(struct dom *d, struct token **out, size_t *n);
/* The same of another account (key), or of its token id alone (NULL:
 * all): for the account pages, which ask authority_account first. */
int token_list_of(struct dom *d, int64_t account, const char *id,
    struct token **out, size_t *n);
/* Mints a token labelled label after checking password: 0 with *out
 * (arena), or -1: 400 (label or password missing, field named), 403
 * (wrong, or changed meanwhile), 429 (locked: the API adds Retry-After),
 * 500. */
int token_mint(struct dom *d, const char *label, const char *password,
    struct token_made *out);
/* Revokes the caller's token id (again: nothing changes) and gives it as
 * it stands now: 0, or -1 with 404 (no such token of the caller) or 500. */
int token_revoke(struct dom *d, const char *id, struct token *out);

#endif
