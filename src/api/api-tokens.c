/*
 * /api/v1/tokens: the calling account's own API tokens over HTTP. The
 * operations are domain/token.c's, which the account page shares.
 */
#include "api/api.h"
#include "domain/token.h"

/* The fault as a problem; a locked account says when to come back. */
static void
refused(struct request *r, struct dom *d)
{
	resp_fault(r, &d->fault);
	if (d->fault.status == 429)
		resp_header(r, "Retry-After", "900");
}

void
api_token_create(struct request *r)
{
	struct dom d;
	struct token_made made;
	json_t *body = api_body(r, &d);
	if (body == NULL)
		return;
	if (token_mint(&d, json_string_value(json_object_get(body, "label")),
	    json_string_value(json_object_get(body, "password")), &made))
		refused(r, &d);
	else
		resp_json(r, 201, entity_json(&token_made_entity, &made));
	json_decref(body);
}

void
api_tokens_list(struct request *r)
{
	struct dom d;
	struct token *v;
	size_t n;
	req_dom(r, &d);
	if (token_list(&d, &v, &n)) {
		refused(r, &d);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, entity_json(&token_entity, &v[i]));
	resp_json(r, 200, json_pack("{s:o}", "items", items));
}

void
api_token_revoke(struct request *r)
{
	struct dom d;
	struct token t;
	req_dom(r, &d);
	if (token_revoke(&d, r->params[0], &t))
		refused(r, &d);
	else
		resp_json(r, 200, entity_json(&token_entity, &t));
}
