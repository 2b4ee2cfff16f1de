/*
 * Supervision over HTTP, part one: inspection plans (定期检查, 专项督查,
 * 第七条) and their findings, answered from the operations of
 * src/domain/supervision.c; the determination of a finding, whose record
 * write is still api_record_write's; and the input helpers the notices'
 * handlers share until they move onto the domain too.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-supervision.h"

/* ---- shared with the notices ---- */

int
api_sup_scope(struct request *r, struct store_sup_scope *sc)
{
	return scope_of(&r->user, sc);
}

const char *
api_sup_id(struct request *r, const char *prefix, int year)
{
	struct dom d;
	req_dom(r, &d);
	return sup_id(&d, prefix, year);
}

/* ---- input ---- */

/* The Chinese name of a field, for problems a page shows as they are. */
static const char *
label_of(const char *field)
{
	static const char *const labels[][2] = {
		{ "kind", "类型" }, { "title", "标题" }, { "region", "地区" },
		{ "year", "年度" }, { "starts", "开始日期" }, { "ends", "结束日期" },
		{ "focus", "督查重点" }, { "organ", "机构" }, { "person", "负责人" },
		{ "duty", "职责" }, { "record", "台账记录" },
		{ "severity", "严重程度" }, { "description", "问题描述" },
		{ "source", "来源" }, { "finding", "问题编号" },
		{ "interview", "约谈编号" }, { "requirement", "整改要求" },
		{ "deadline", "整改期限" }, { "action", "操作" }, { "note", "说明" },
		{ "report", "报告" }, { "reason", "约谈事由" },
		{ "scheduled_on", "约谈日期" }, { "held_on", "约谈日期" },
		{ "interviewer", "约谈人" }, { "summary", "约谈情况" },
		{ "body", "正文" },
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(field, labels[i][0]) == 0)
			return labels[i][1];
	return field;
}

static int
bad(struct request *r, const char *title, const char *detail,
    const char *field)
{
	resp_problem(r, 400, title, detail, field);
	return -1;
}

int
api_sup_text(struct request *r, json_t *obj, const char *field,
    int required, size_t max, const char **out)
{
	json_t *v = json_object_get(obj, field);
	*out = NULL;
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_string(v))
			return bad(r, arena_printf(r->arena, "%s应为文字 (must be a "
			    "string)", label_of(field)), NULL, field);
		const char *s = json_string_value(v);
		size_t n = json_string_length(v);
		while (n > 0 && strchr(" \t\r\n", *s) != NULL) {
			s++;
			n--;
		}
		while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
			n--;
		if (n > max)
			return bad(r, arena_printf(r->arena, "%s过长,最多 %zu 字节 "
			    "(too long)", label_of(field), max), NULL, field);
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') ||
			    c == 0x7F)
				return bad(r, arena_printf(r->arena, "%s含有不允许的"
				    "控制字符 (control characters)", label_of(field)),
				    NULL, field);
		}
		if (n > 0) {
			char *copy = arena_alloc(r->arena, n + 1);
			memcpy(copy, s, n);
			copy[n] = '\0';
			*out = copy;
		}
	}
	if (required && *out == NULL)
		return bad(r, arena_printf(r->arena, "请填写%s (required)",
		    label_of(field)), NULL, field);
	return 0;
}

int
api_sup_server_id(struct request *r, json_t *obj)
{
	if (json_object_get(obj, "id") == NULL)
		return 0;
	return bad(r, "编号由系统分配,不可指定 (the id is assigned by the "
	    "server)", NULL, "id");
}

int
api_sup_date(struct request *r, json_t *obj, const char *field,
    int required, const char **out, date_t *day)
{
	*day = DATE_NONE;
	if (api_sup_text(r, obj, field, required, 10, out))
		return -1;
	if (*out != NULL && date_parse(*out, day))
		return bad(r, arena_printf(r->arena, "%s应为有效日期 YYYY-MM-DD "
		    "(not a valid date)", label_of(field)), *out, field);
	return 0;
}

int
api_sup_year(struct request *r, json_t *obj, const char *field,
    int required, int *year)
{
	json_t *v = json_object_get(obj, field);
	*year = 0;
	if (v == NULL || json_is_null(v) || (json_is_string(v) &&
	    json_string_length(v) == 0)) {
		if (required)
			return bad(r, arena_printf(r->arena, "请填写%s (required)",
			    label_of(field)), NULL, field);
		return 0;
	}
	long long y = -1;
	if (json_is_integer(v))
		y = json_integer_value(v);
	else if (json_is_string(v)) {
		char *end;
		const char *s = json_string_value(v);
		y = strtoll(s, &end, 10);
		if (*end != '\0')
			y = -1;
	}
	if (y < 1900 || y > 2200)
		return bad(r, "年度应为 1900 至 2200 的整数 (must be a year)",
		    NULL, field);
	*year = (int)y;
	return 0;
}

int
api_sup_audit(struct request *r, const char *action, const char *kind,
    const char *id, json_t *what)
{
	struct dom d;
	req_dom(r, &d);
	return dom_audit(&d, action, kind, id, what);
}

int
api_sup_fail(struct request *r, int begun)
{
	if (!begun) {
		resp_problem(r, 503, "数据库忙,请重试", store_error(r->store),
		    NULL);
		return -1;
	}
	char keep[512];
	snprintf(keep, sizeof keep, "%s", store_error(r->store));
	store_rollback(r->store);
	resp_problem(r, 500, "内部错误", keep, NULL);
	return -1;
}

/* ---- JSON ---- */

json_t *
api_sup_json(const struct entity *e, const void *obj, const char *k1,
    const char *v1, const char *k2, const char *v2)
{
	json_t *o = entity_json(e, obj);
	json_object_set_new(o, k1, json_string(v1));
	json_object_set_new(o, k2, json_string(v2));
	return o;
}

static json_t *
inspection_json(const struct store_inspection *in)
{
	return api_sup_json(&store_inspection_entity, in, "kind_label",
	    sup_inspection_kind_label(in->kind), "status_label",
	    sup_inspection_status_label(in->status));
}

static json_t *
finding_json(struct dom *d, const struct store_finding *f)
{
	json_t *o = entity_json(&store_finding_entity, f);
	const char *duty = sup_duty_title(d, f->duty);
	json_object_set_new(o, "severity_label", json_string(
	    sup_severity_label(f->severity)));
	json_object_set_new(o, "duty_title", duty ? json_string(duty) :
	    json_null());
	/* An observation until a competent account determined it. */
	json_object_set_new(o, "determined", json_boolean(
	    f->determined_record != NULL));
	return o;
}

/* Answers inspection id with its findings, with status. */
static void
answer_inspection(struct request *r, struct dom *d, const char *id,
    unsigned status)
{
	struct store_inspection in;
	struct store_finding *f;
	size_t n;
	if (sup_inspection_load(d, id, &in, &f, &n)) {
		resp_fault(r, &d->fault);
		return;
	}
	json_t *o = inspection_json(&in), *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, finding_json(d, &f[i]));
	json_object_set_new(o, "findings", items);
	resp_json(r, status, o);
}

/* The body of a create read by e's table into obj: 0, or -1 answered. */
static int
decode(struct request *r, struct dom *d, const struct entity *e,
    json_t *obj, void *out)
{
	if (sup_clean(d, e, obj, 1) || entity_from_json(e, obj, out, d->arena,
	    &d->fault)) {
		resp_fault(r, &d->fault);
		return -1;
	}
	return 0;
}

/* ---- handlers ---- */

const char *
api_sup_query(struct request *r, const char *name)
{
	const char *v = req_query(r, name);
	return v != NULL && *v != '\0' ? v : NULL;
}

int
api_sup_query_year(struct request *r, int *year)
{
	const char *y = api_sup_query(r, "year");
	*year = 0;
	if (y == NULL)
		return 0;
	char *end;
	long v = strtol(y, &end, 10);
	if (*end != '\0' || v < 1900 || v > 2200) {
		resp_problem(r, 400, "年度应为 YYYY", y, "year");
		return -1;
	}
	*year = (int)v;
	return 0;
}

void
api_inspections_list(struct request *r)
{
	struct dom d;
	struct store_inspection *in;
	size_t n;
	int page, per_page, year;
	api_paging(r, &page, &per_page);
	if (api_sup_query_year(r, &year))
		return;
	req_dom(r, &d);
	if (sup_inspection_list(&d, year, per_page, (page - 1) * per_page, &in,
	    &n)) {
		resp_fault(r, &d.fault);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, inspection_json(&in[i]));
	resp_json(r, 200, json_pack("{s:o, s:i, s:i}", "items", items, "page",
	    page, "per_page", per_page));
}

void
api_inspection_create(struct request *r)
{
	struct dom d;
	struct store_inspection in = { 0 };
	const char *id;
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	req_dom(r, &d);
	if (decode(r, &d, &store_inspection_entity, obj, &in) == 0) {
		if (sup_inspection_create(&d, &in, &id))
			resp_fault(r, &d.fault);
		else {
			answer_inspection(r, &d, id, 201);
			resp_header(r, "Location", arena_printf(r->arena,
			    "/api/v1/inspections/%s", id));
		}
	}
	json_decref(obj);
}

void
api_inspection_get(struct request *r)
{
	struct dom d;
	req_dom(r, &d);
	answer_inspection(r, &d, r->params[0], 200);
}

void
api_finding_create(struct request *r)
{
	struct dom d;
	struct store_finding f = { 0 };
	const char *id;
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	req_dom(r, &d);
	if (decode(r, &d, &store_finding_entity, obj, &f) == 0) {
		if (sup_finding_create(&d, r->params[0], &f, &id) ||
		    sup_finding_load(&d, id, &f))
			resp_fault(r, &d.fault);
		else
			resp_json(r, 201, finding_json(&d, &f));
	}
	json_decref(obj);
}

void
api_finding_determine_create(struct request *r)
{
	const char *id;
	unsigned status;
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	struct dom d;
	req_dom(r, &d);
	if (sup_finding_determine(&d, r->params[0], obj, &id))
		resp_fault(r, &d.fault);
	else {
		json_t *o = api_record_load(r, id, &status);
		if (o == NULL)
			resp_problem(r, 500, "内部错误", NULL, NULL);
		else {
			resp_json(r, 201, o);
			resp_header(r, "Location", arena_printf(r->arena,
			    "/api/v1/records/%s", id));
		}
	}
	json_decref(obj);
}
