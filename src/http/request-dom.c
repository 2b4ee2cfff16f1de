/*
 * A request as the domain layer's caller (domain/domain.h): who acts,
 * the store and catalog the router found, the settings the domain needs.
 * The API and the pages both start an operation here.
 */
#include "domain/login.h"
#include "domain/record.h"
#include "http/http.h"
#include "http/server.h"

void
req_dom(struct request *r, struct dom *d)
{
	const struct server_config *c = server_config_of(r->srv);
	struct dom_settings *s = arena_alloc(r->arena, sizeof *s);
	*s = (struct dom_settings){ .evidence_dir = c->evidence_dir,
		.seal = server_seal_key(r->srv), .max_upload = c->max_upload,
		.evidence_record_files = c->evidence_record_files,
		.evidence_account_bytes = c->evidence_account_bytes,
		.session_lifetime = c->session_lifetime,
		.token_lifetime = c->token_lifetime };
	*d = (struct dom){ .store = r->store, .catalog = r->catalog,
		.user = &r->user, .arena = r->arena, .actor = req_actor(r),
		.settings = s };
}

struct evidence_upload
req_upload(struct request *r)
{
	return (struct evidence_upload){ r->file.present ? r->file.data.data :
	    NULL, r->file.present ? r->file.data.len : 0, r->file.filename };
}

enum login_result
req_login(struct request *r, const char *via, const char *name,
    const char *pw, struct login_client *c, char token[TOKEN_HEX],
    char csrf[TOKEN_HEX])
{
	struct dom d;
	req_login_client(r, c);
	req_dom(r, &d);
	return login_open(&d, via, name, pw, c, token, csrf);
}
