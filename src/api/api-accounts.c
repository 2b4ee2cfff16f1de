/*
 * /api/v1/accounts: accounts managed over HTTP, and /api/v1/me/password,
 * an account's own password change. The operations and who may do them
 * are domain/account.c's (authority.c decides), which the pages share;
 * this file is the JSON.
 */
#include <string.h>

#include "api/api.h"
#include "domain/account.h"

/* A member of the body as text; "" is none. */
static const char *
member(json_t *body, const char *key)
{
	const char *v = json_string_value(json_object_get(body, key));
	return v != NULL && *v != '\0' ? v : NULL;
}

/* An account with its one-time password (shown this once). */
static json_t *
made_json(const struct account_made *m)
{
	json_t *o = entity_json(&account_entity, &m->account);
	json_object_set_new(o, "password", json_string(m->password));
	return o;
}

void
api_accounts_list(struct request *r)
{
	struct dom d;
	struct account *v;
	size_t n;
	long total;
	int page, per_page;
	const char *status = req_query(r, "status");
	req_dom(r, &d);
	api_paging(r, &page, &per_page);
	struct account_query q = { req_query(r, "role"), req_query(r,
	    "region"), req_query(r, "q"), -1, per_page, (page - 1) * per_page };
	if (status != NULL && strcmp(status, "active") == 0)
		q.status = 0;
	else if (status != NULL && strcmp(status, "disabled") == 0)
		q.status = 1;
	else if (status != NULL) {
		resp_problem(r, 400, "状态须为 active 或 disabled (status)",
		    NULL, "status");
		return;
	}
	if (api_refused(r, &d, account_list(&d, &q, &v, &n, &total)))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, entity_json(&account_entity, &v[i]));
	api_page(r, items, page, per_page, total);
}

void
api_account_create(struct request *r)
{
	struct dom d;
	struct account_made m;
	json_t *body = api_body(r, &d);
	if (body == NULL)
		return;
	struct authority_account w = { member(body, "name"), member(body,
	    "role"), member(body, "region"), member(body, "organ"),
	    member(body, "person") };
	int rc = account_create(&d, &w, &m);
	if (!api_refused(r, &d, rc)) {
		resp_json(r, 201, made_json(&m));
		/* A name is of a-z A-Z 0-9 . _ - (authority.c): a path
		 * segment as it is. */
		resp_header(r, "Location", arena_printf(r->arena,
		    "/api/v1/accounts/%s", m.account.name));
	}
	json_decref(body);
}

void
api_account_get(struct request *r)
{
	struct dom d;
	struct account a;
	req_dom(r, &d);
	if (!api_refused(r, &d, account_get(&d, r->params[0], &a)))
		resp_json(r, 200, entity_json(&account_entity, &a));
}

static void
set_disabled(struct request *r, int off)
{
	struct dom d;
	struct account a;
	req_dom(r, &d);
	if (!api_refused(r, &d, account_set_disabled(&d, r->params[0], off,
	    &a)))
		resp_json(r, 200, entity_json(&account_entity, &a));
}

void
api_account_disable(struct request *r)
{
	set_disabled(r, 1);
}

void
api_account_enable(struct request *r)
{
	set_disabled(r, 0);
}

void
api_account_password(struct request *r)
{
	struct dom d;
	struct account_made m;
	req_dom(r, &d);
	if (!api_refused(r, &d, account_reset_password(&d, r->params[0], &m)))
		resp_json(r, 200, made_json(&m));
}

void
api_account_tokens(struct request *r)
{
	struct dom d;
	struct token *v;
	size_t n;
	req_dom(r, &d);
	if (api_refused(r, &d, account_tokens(&d, r->params[0], &v, &n)))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, entity_json(&token_entity, &v[i]));
	resp_json(r, 200, json_pack("{s:o}", "items", items));
}

/* Revokes the account's token id (NULL: every live one). */
static void
revoke(struct request *r, const char *id)
{
	struct dom d;
	int n = 0;
	req_dom(r, &d);
	if (!api_refused(r, &d, account_token_revoke(&d, r->params[0], id,
	    &n)))
		resp_json(r, 200, json_pack("{s:i}", "revoked", n));
}

void
api_account_token_revoke(struct request *r)
{
	revoke(r, r->params[1]);
}

void
api_account_tokens_revoke(struct request *r)
{
	revoke(r, NULL);
}

void
api_me_password(struct request *r)
{
	struct dom d;
	json_t *body = api_body(r, &d);
	if (body == NULL)
		return;
	int rc = account_change_password(&d, member(body, "password"),
	    member(body, "new_password"));
	json_decref(body);
	if (!api_refused(r, &d, rc))
		resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}
