/* The audit log over HTTP: newest first, read only (nothing edits it). */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

static int
add(void *ctx, const struct store_audit *a)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, "
	    "s:s, s:s, s:s}", "seq", (json_int_t)a->seq, "time", a->time,
	    "actor", a->actor, "action", a->action, "entity", a->entity,
	    "success", a->success, "digest", a->digest, "prev", a->prev,
	    "hash", a->hash));
	return 0;
}

/*
 * Entries are not tied to regions: only the administrator and a
 * provincial office (its scope path has one segment, "/520000/": the
 * whole province) read them. Returns 1 when p may.
 */
int
api_audit_readable(const struct principal *p)
{
	const char *path = access_scope_path(p);
	if (p->role == ACCT_ADMIN)
		return 1;
	return p->role == ACCT_OFFICE && path[0] != '\0' &&
	    strchr(path + 1, '/') == path + strlen(path) - 1;
}

void
api_audit_list(struct request *r)
{
	if (!api_audit_readable(&r->user)) {
		resp_problem(r, 403, "仅系统管理员和省级办公室可查看审计日志", NULL,
		    NULL);
		return;
	}
	const char *before = req_query(r, "before");
	int page, per_page;
	api_paging(r, &page, &per_page);
	json_t *items = json_array();
	if (store_each_audit_page(r->store, before ? atoll(before) : 0,
	    per_page, add, items) < 0) {
		json_decref(items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:o, s:i}", "items", items, "per_page",
	    per_page));
}
