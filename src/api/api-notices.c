/*
 * Notices over HTTP: /api/v1/notices and /api/v1/notices/{id}. The
 * operations — drafting from the evaluation, reading, editing, issuing,
 * giving the orders — are domain/notice.c's; here the bodies are read
 * into its input and its results written as the contract's JSON, a
 * notice with its leaders and the orders and interviews it gave as the
 * supervision API writes them.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-supervision.h"
#include "domain/notice.h"
#include "oversight/notice-text.h"


/* The text member field of a body (NULL when absent, null or not
 * text); a member of another type is refused, as every supervision
 * form's. Returns 0 or -1 with the fault. */
static int
text_of(struct dom *d, json_t *obj, const char *field, const char *label,
    const char **out)
{
	json_t *v = json_object_get(obj, field);
	*out = json_string_value(v);
	if (v != NULL && !json_is_null(v) && !json_is_string(v))
		return dom_refuse(d, 400, arena_printf(d->arena, "%s应为文字 "
		    "(must be a string)", label), NULL, field);
	return 0;
}

/* Notice id as the contract writes it, or NULL with d's fault. */
static json_t *
notice_json(struct dom *d, const char *id)
{
	struct notice_full nf;
	if (notice_get(d, id, &nf))
		return NULL;
	json_t *o = entity_json(&notice_entity, &nf.n), *items = json_array();
	for (size_t i = 0; i < nf.nitems; i++)
		json_array_append_new(items, entity_json(&notice_item_entity,
		    &nf.items[i]));
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "may_issue", json_boolean(nf.may_issue));
	/* What an interview or criticism notice gave rise to, as far as
	 * the caller sees: at most one of each a leader given from it and
	 * one standing (an order stored before orders were one a leader and
	 * year may be both), so a page of twice the leaders holds them
	 * all. */
	if (strcmp(nf.n.kind, "commendation") != 0) {
		struct notice_followups fu;
		if (notice_followups(d, &nf, 2 * (int)nf.nitems + 1, 0, &fu)) {
			json_decref(o);
			return NULL;
		}
		json_t *orders = json_array(), *talks = json_array();
		for (size_t i = 0; i < fu.nrects; i++)
			json_array_append_new(orders,
			    api_rectification_json(&fu.rects[i]));
		for (size_t i = 0; i < fu.ntalks; i++)
			json_array_append_new(talks,
			    api_interview_json(&fu.talks[i]));
		json_object_set_new(o, "rectifications", orders);
		json_object_set_new(o, "interviews", talks);
	}
	return o;
}

/* Answers with notice id after a write (status), or the fault. */
static void
answer(struct request *r, struct dom *d, const char *id, unsigned status)
{
	json_t *o = notice_json(d, id);
	if (o == NULL)
		resp_problem(r, 500, "内部错误", NULL, NULL);
	else
		resp_json(r, status, o);
}

/* ---- handlers ---- */

void
api_notices_list(struct request *r)
{
	struct dom d;
	struct notice *v;
	enum notice_kind k;
	size_t n;
	int page, per_page, year = 0;
	api_paging(r, &page, &per_page);
	const char *kind = req_query(r, "kind"), *y = req_query(r, "year");
	if (kind != NULL && *kind != '\0') {
		if (notice_text_kind_parse(kind, &k)) {
			resp_problem(r, 400, "通报类型应为 commendation、interview 或 criticism",
			    kind, "kind");
			return;
		}
	} else
		kind = NULL;
	if (y != NULL && *y != '\0') {
		char *end;
		long l = strtol(y, &end, 10);
		if (*end != '\0' || l < 1900 || l > 2200) {
			resp_problem(r, 400, "年度应为 YYYY", y, "year");
			return;
		}
		year = (int)l;
	}
	struct store_notice_filter f = { .kind = kind, .year = year,
		.limit = per_page, .offset = (page - 1) * per_page };
	long total;
	api_sup_order(r, &f.sort, &f.desc);
	req_dom(r, &d);
	if (api_refused(r, &d, notice_list(&d, &f, &v, &n, &total)))
		return;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, entity_json(&notice_entity, &v[i]));
	api_page(r, items, page, per_page, total);
}

void
api_notice_draft(struct request *r)
{
	struct notice_draft in;
	const char *id = NULL;
	struct dom d;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	/* id is made by the operation: known once rc is. */
	int rc = notice_draft_read(&d, obj, &in) || notice_draft(&d, &in, &id);
	api_created(r, &d, rc, answer, id, "/api/v1/notices");
	json_decref(obj);
}

void
api_notice_get(struct request *r)
{
	struct dom d;
	req_dom(r, &d);
	json_t *o = notice_json(&d, r->params[0]);
	if (o == NULL)
		resp_fault(r, &d.fault);
	else
		resp_json(r, 200, o);
}

void
api_notice_update(struct request *r)
{
	struct dom d;
	const char *title, *body;
	json_t *obj = api_body(r, &d);
	if (obj == NULL)
		return;
	api_done(r, &d, text_of(&d, obj, "title", "标题", &title) ||
	    text_of(&d, obj, "body", "正文", &body) ||
	    notice_edit(&d, r->params[0], title, body), answer, r->params[0],
	    200);
	json_decref(obj);
}

void
api_notice_issue(struct request *r)
{
	struct dom d;
	req_dom(r, &d);
	api_done(r, &d, notice_issue(&d, r->params[0]), answer, r->params[0],
	    200);
}

void
api_notice_orders(struct request *r)
{
	struct dom d;
	struct notice_orders_in in;
	struct notice_orders out;
	json_t *obj = NULL;
	if (r->body.len > 0 && (obj = req_json(r)) == NULL)
		return;
	req_dom(r, &d);
	if (text_of(&d, obj, "scheduled_on", "约谈日期", &in.scheduled_on) ||
	    text_of(&d, obj, "deadline", "整改期限", &in.deadline) ||
	    text_of(&d, obj, "requirement", "整改要求", &in.requirement) ||
	    notice_give_orders(&d, r->params[0], &in, &out)) {
		resp_fault(r, &d.fault);
		json_decref(obj);
		return;
	}
	json_t *rect = json_array(), *itv = json_array();
	for (size_t i = 0; i < out.n; i++) {
		json_array_append_new(rect, json_string(out.rectifications[i]));
		json_array_append_new(itv, json_string(out.interviews[i]));
	}
	resp_json(r, out.created_rectifications + out.created_interviews > 0 ?
	    201 : 200, json_pack("{s:s, s:o, s:o, s:i, s:i}", "notice",
	    r->params[0], "rectifications", rect, "interviews", itv,
	    "created_rectifications", out.created_rectifications,
	    "created_interviews", out.created_interviews));
	json_decref(obj);
}
