/*
 * Logging in, for POST /api/v1/login and the login page alike: the
 * password checked (auth/session.c: throttled per client address, an
 * account locked after five failures) and every attempt audited, 等保
 * 安全审计 — a throttled client's first refusal of a window only, and a
 * name that matches no account as its digest (client.shown), never the
 * name itself. What to answer is the caller's.
 */
#ifndef LVZHI_DOMAIN_LOGIN_H
#define LVZHI_DOMAIN_LOGIN_H

#include "auth/session.h"
#include "domain/domain.h"

/* Logs name in with pw from client c as via ("api" or "web", the audit
 * log's actor prefix): the session's token and CSRF token on LOGIN_OK.
 * Returns the result. */
enum login_result login_open(struct dom *d, const char *via,
    const char *name, const char *pw, struct login_client *c,
    char token[TOKEN_HEX], char csrf[TOKEN_HEX]);

#endif
