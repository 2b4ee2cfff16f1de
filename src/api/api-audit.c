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

void
api_audit_list(struct request *r)
{
	if (!access_audit_readable(&r->user)) {
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
