/* Logging in, audited (login.h). */
#include <time.h>

#include "audit/audit.h"
#include "domain/login.h"

enum login_result
login_open(struct dom *d, const char *via, const char *name, const char *pw,
    struct login_client *c, char token[TOKEN_HEX], char csrf[TOKEN_HEX])
{
	int64_t account;
	enum login_result lr = session_login(d->store, name, pw,
	    (int64_t)time(NULL), c, token, csrf, &account);
	if (c->audit)
		audit_append(d->store, arena_printf(d->arena, "%s:%s", via,
		    c->shown), "login", arena_printf(d->arena, "account:%s",
		    c->shown), lr == LOGIN_OK, "");
	return lr;
}
