/*
 * Supervision over HTTP, part one: who sees which rows, the checks every
 * supervision write shares (text, dates, years, ids, the audit entry),
 * and inspection plans (定期检查, 专项督查, 第七条) with their findings.
 *
 * An inspection covers a region's subtree in a year. Its findings name an
 * organ inside that subtree and, where the inspectors can tie them down,
 * the leader, the duty of the catalog and the ledger record concerned; a
 * rectification order (api-rectifications.c) or an interview
 * (api-interviews.c) may follow from a finding. Offices, inspectors and
 * discipline officers see the inspections of their subtree; a clerk or a
 * leader sees only those with findings about their organ or themselves,
 * and of those only these findings.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-supervision.h"
#include "audit/audit.h"
#include "auth/authority.h"
#include "auth/password.h"
#include "base/sm3.h"

/* ---- scope ---- */

int
api_sup_scope(struct request *r, struct store_sup_scope *sc)
{
	const struct principal *p = &r->user;
	memset(sc, 0, sizeof *sc);
	switch (p->role) {
	case ACCT_ADMIN:
		return 1;
	case ACCT_OFFICE:
	case ACCT_INSPECTOR:
	case ACCT_DISCIPLINE:
		if (p->path[0] == '\0')
			return 0;
		sc->path = p->path;
		return 1;
	case ACCT_CLERK:
		if (p->organ[0] == '\0')
			return 0;
		sc->organ = p->organ;
		return 1;
	case ACCT_LEADER:
		if (p->person[0] == '\0')
			return 0;
		sc->person = p->person;
		sc->person_organ = p->organ[0] ? p->organ : NULL;
		return 1;
	default:
		return 0;
	}
}

int
api_sup_can_read(struct request *r, const struct store_organ_info *o,
    const char *person)
{
	const struct principal *p = &r->user;
	if (p->role != ACCT_LEADER)
		return access_can_read_organ(p, o);
	/* A leader: what names them, and what names nobody of their organ. */
	if (person != NULL)
		return p->person[0] != '\0' && strcmp(person, p->person) == 0;
	return p->organ_key != 0 && p->organ_key == o->key;
}

const char *
api_sup_id(struct request *r, const char *prefix, int year)
{
	char hex[9];
	password_random_hex(hex, 4);
	return arena_printf(r->arena, "%s-%04d-%s", prefix, year, hex);
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
	char digest[SM3_HEX_LEN] = "";
	char *text = what ? json_dumps(what, JSON_COMPACT | JSON_SORT_KEYS) :
	    NULL;
	int rc = text != NULL && sm3_hex(text, strlen(text), digest);
	free(text);
	if (rc)
		return -1;
	return audit_append(r->store, req_actor(r), action,
	    arena_printf(r->arena, "%s:%s", kind, id), 1, digest);
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

int
api_sup_person(struct request *r, const char *person, const char *field)
{
	int64_t key;
	int rc = store_person_key(r->store, person, &key);
	if (rc < 0) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	if (rc == 0) {
		resp_problem(r, 400, "人员不存在 (unknown person)", person, field);
		return 0;
	}
	return 1;
}

struct served {
	const char *organ;
	int year, ok;
};

static int
served_in(void *ctx, const struct store_tenure *t)
{
	struct served *v = ctx;
	if (strcmp(t->organ_id, v->organ) != 0)
		return 0;
	if (v->year == 0 || (date_year(t->start) <= v->year &&
	    (t->end == DATE_NONE || date_year(t->end) >= v->year)))
		v->ok = 1;
	return 0;
}

int
api_sup_served(struct request *r, const char *person, const char *organ,
    int year)
{
	struct served v = { organ, year, 0 };
	if (store_each_tenure_of_person(r->store, person, served_in, &v) < 0) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	if (!v.ok) {
		resp_problem(r, 400, year ? "该负责人当年未在该机构任职 (person did "
		    "not serve in the organ that year)" : "该负责人未在该机构任职 "
		    "(person did not serve in the organ)", person, "person");
		return 0;
	}
	return 1;
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* ---- inspections ---- */

static const char *
inspection_kind_label(const char *kind)
{
	return kind && strcmp(kind, "special") == 0 ? "专项督查" : "定期检查";
}

static const char *
inspection_status_label(const char *status)
{
	if (status && strcmp(status, "in_progress") == 0)
		return "进行中";
	if (status && strcmp(status, "completed") == 0)
		return "已完成";
	return "计划中";
}

json_t *
api_inspection_json(const struct store_inspection *in)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, "
	    "s:s, s:s, s:I}", "id", in->id, "kind", in->kind, "kind_label",
	    inspection_kind_label(in->kind), "title", in->title, "region",
	    in->region, "region_name", in->region_name, "year", in->year,
	    "status", in->status, "status_label",
	    inspection_status_label(in->status), "created_by", in->created_by,
	    "created_at", in->created_at, "finding_count",
	    (json_int_t)in->findings);
	json_object_set_new(o, "starts", str_or_null(in->starts));
	json_object_set_new(o, "ends", str_or_null(in->ends));
	json_object_set_new(o, "focus", str_or_null(in->focus));
	json_object_set_new(o, "updated_at", str_or_null(in->updated_at));
	return o;
}

struct kept_inspection {
	json_t *o;
	char path[512];
	int year;
	char status[16];
};

static int
keep_inspection(void *ctx, const struct store_inspection *in)
{
	struct kept_inspection *k = ctx;
	k->o = api_inspection_json(in);
	snprintf(k->path, sizeof k->path, "%s", in->path);
	snprintf(k->status, sizeof k->status, "%s", in->status);
	k->year = in->year;
	return 0;
}

/* Offices, inspectors and discipline officers see an inspection of their
 * subtree whole; others only through findings in their scope. */
static int
sees_whole(struct request *r, const char *path)
{
	enum role_kind role = r->user.role;
	return (role == ACCT_ADMIN || role == ACCT_OFFICE ||
	    role == ACCT_INSPECTOR || role == ACCT_DISCIPLINE) &&
	    access_can_read_path(&r->user, path);
}

const char *
api_severity_label(const char *severity)
{
	if (severity && strcmp(severity, "veto") == 0)
		return "一票否决";
	if (severity && strcmp(severity, "serious") == 0)
		return "严重";
	return "一般";
}

struct findings {
	struct request *r;
	json_t *items;
};

static json_t *
finding_json(struct request *r, const struct store_finding *f)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:I}", "id", f->id, "inspection", f->inspection, "organ",
	    f->organ, "organ_name", f->organ_name, "region", f->region,
	    "region_name", f->region_name, "severity", f->severity,
	    "severity_label", api_severity_label(f->severity), "description",
	    f->description, "created_by", f->created_by, "created_at",
	    f->created_at, "rectifications", (json_int_t)f->rectifications);
	json_object_set_new(o, "person", str_or_null(f->person));
	json_object_set_new(o, "person_name", str_or_null(f->person_name));
	json_object_set_new(o, "duty", str_or_null(f->duty));
	int d = f->duty ? catalog_rule_find(r->catalog, f->duty) : -1;
	json_object_set_new(o, "duty_title", d >= 0 ?
	    json_string(r->catalog->rules[d].title) : json_null());
	json_object_set_new(o, "record", str_or_null(f->record));
	/* An observation until a competent account determined it. */
	json_object_set_new(o, "determined", json_boolean(
	    f->determined_record != NULL));
	json_object_set_new(o, "determined_record",
	    str_or_null(f->determined_record));
	json_object_set_new(o, "determined_by", str_or_null(f->determined_by));
	json_object_set_new(o, "determined_at", str_or_null(f->determined_at));
	return o;
}

static int
add_finding(void *ctx, const struct store_finding *f)
{
	struct findings *fs = ctx;
	json_array_append_new(fs->items, finding_json(fs->r, f));
	return 0;
}

json_t *
api_inspection_load(struct request *r, const char *id, unsigned *status)
{
	struct kept_inspection k = { 0 };
	struct store_sup_scope sc;
	*status = 0;
	int rc = store_inspection_get(r->store, id, keep_inspection, &k);
	if (rc <= 0) {
		*status = rc < 0 ? 500 : 404;
		return NULL;
	}
	int whole = sees_whole(r, k.path);
	if (!whole && (r->user.role == ACCT_OFFICE ||
	    r->user.role == ACCT_INSPECTOR || r->user.role == ACCT_DISCIPLINE ||
	    !api_sup_scope(r, &sc))) {
		json_decref(k.o);
		*status = 404;
		return NULL;
	}
	if (whole)
		memset(&sc, 0, sizeof sc);
	struct findings fs = { r, json_array() };
	if (store_each_finding(r->store, id, &sc, add_finding, &fs) < 0) {
		json_decref(fs.items);
		json_decref(k.o);
		*status = 500;
		return NULL;
	}
	if (!whole && json_array_size(fs.items) == 0) {
		json_decref(fs.items);
		json_decref(k.o);
		*status = 404;
		return NULL;
	}
	json_object_set_new(k.o, "finding_count",
	    json_integer((json_int_t)json_array_size(fs.items)));
	json_object_set_new(k.o, "findings", fs.items);
	return k.o;
}

int
api_inspection_write(struct request *r, json_t *obj, const char **id)
{
	const char *kind, *title, *region, *starts, *ends, *focus;
	date_t from, to;
	int year;
	char path[512], now[32];
	if (api_sup_server_id(r, obj) ||
	    api_sup_text(r, obj, "kind", 1, 16, &kind))
		return -1;
	if (strcmp(kind, "regular") != 0 && strcmp(kind, "special") != 0)
		return bad(r, "督查类型应为 regular(定期检查)或 special(专项督查)",
		    kind, "kind");
	if (api_sup_text(r, obj, "title", 1, 500, &title) ||
	    api_sup_text(r, obj, "region", 1, 15, &region) ||
	    api_sup_year(r, obj, "year", 1, &year) ||
	    api_sup_date(r, obj, "starts", 0, &starts, &from) ||
	    api_sup_date(r, obj, "ends", 0, &ends, &to) ||
	    api_sup_text(r, obj, "focus", 0, 4000, &focus))
		return -1;
	if (from != DATE_NONE && to != DATE_NONE && to < from)
		return bad(r, "结束日期早于开始日期 (ends before it starts)", ends,
		    "ends");
	int rc = store_region_path(r->store, region, path, sizeof path);
	if (rc < 0) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	if (rc == 0)
		return bad(r, "地区不存在 (no such region)", region, "region");
	if (!access_can_read_path(&r->user, path)) {
		resp_problem(r, 403, "地区不在权限范围内 (region outside your "
		    "scope)", region, "region");
		return -1;
	}
	*id = api_sup_id(r, "insp", year);
	req_now_text(now);
	struct store_inspection in = { .id = *id, .kind = kind, .title = title,
		.region = region, .year = year, .status = "planned",
		.starts = starts, .ends = ends, .focus = focus,
		.created_by = r->user.name, .created_at = now };
	json_t *what = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s*, s:s*, s:s*}",
	    "id", *id, "kind", kind, "title", title, "region", region, "year",
	    year, "starts", starts, "ends", ends, "focus", focus);
	if (store_begin(r->store)) {
		json_decref(what);
		return api_sup_fail(r, 0);
	}
	rc = store_inspection_add(r->store, &in) || api_sup_audit(r,
	    "inspection.create", "inspection", *id, what) ||
	    store_commit(r->store);
	json_decref(what);
	return rc ? api_sup_fail(r, 1) : 0;
}

/* ---- findings ---- */

struct record_organ {
	char organ[130];
	int ok;
};

static int
keep_record_organ(void *ctx, const struct store_ledger_row *row)
{
	struct record_organ *ro = ctx;
	snprintf(ro->organ, sizeof ro->organ, "%s", row->organ);
	ro->ok = 1;
	return 0;
}

/*
 * What a finding names, checked against the rows as stored inside the
 * write transaction: the inspection (404 unless the caller sees its
 * whole region), the organ in its region, the duty, the record of that
 * organ (400s), and the person: one holding a tenure at the organ in
 * the inspection's year (400 when unknown, 403 otherwise, never told by
 * name). Returns 0, or -1 after answering.
 */
static int
finding_check(struct request *r, const char *inspection,
    struct kept_inspection *k, const char *organ, const char *person,
    const char *duty, const char *record)
{
	struct store_organ_info o;
	struct fault f = { 0 };
	int rc = store_inspection_get(r->store, inspection, keep_inspection, k);
	json_decref(k->o);
	k->o = NULL;
	if (rc < 0) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	if (rc == 0 || !sees_whole(r, k->path)) {
		resp_problem(r, 404, "督查不存在 (no such inspection)", inspection,
		    NULL);
		return -1;
	}
	rc = store_organ_info(r->store, organ, &o);
	if (rc < 0) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	if (rc == 0)
		return bad(r, "机构不存在 (unknown organ)", organ, "organ");
	if (strncmp(o.path, k->path, strlen(k->path)) != 0)
		return bad(r, "机构不在本次督查的地区范围内 (organ outside the "
		    "inspected region)", organ, "organ");
	if (duty != NULL && catalog_rule_find(r->catalog, duty) < 0)
		return bad(r, "职责清单中没有该职责 (unknown duty)", duty, "duty");
	if (record != NULL) {
		struct record_organ ro = { "", 0 };
		if (store_ledger_get(r->store, record, keep_record_organ, &ro) < 0) {
			resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
			return -1;
		}
		if (!ro.ok)
			return bad(r, "台账记录不存在 (unknown record)", record,
			    "record");
		if (strcmp(ro.organ, organ) != 0)
			return bad(r, "台账记录不属于该机构 (record of another organ)",
			    record, "record");
	}
	if (person != NULL && authority_person(r->store, person, organ,
	    date_from_ymd(k->year, 1, 1), date_from_ymd(k->year, 12, 31),
	    "person", &f) != 1) {
		api_fault(r, &f);
		return -1;
	}
	return 0;
}

int
api_finding_write(struct request *r, const char *inspection, json_t *obj,
    const char **id)
{
	const char *organ, *person, *duty, *record, *severity, *description;
	struct kept_inspection k = { 0 };
	char now[32];
	int rc;
	if (api_sup_server_id(r, obj) ||
	    api_sup_text(r, obj, "organ", 1, 128, &organ) ||
	    api_sup_text(r, obj, "person", 0, 128, &person) ||
	    api_sup_text(r, obj, "duty", 0, 128, &duty) ||
	    api_sup_text(r, obj, "record", 0, 128, &record) ||
	    api_sup_text(r, obj, "severity", 1, 16, &severity) ||
	    api_sup_text(r, obj, "description", 1, 4000, &description))
		return -1;
	if (strcmp(severity, "minor") != 0 && strcmp(severity, "serious") != 0 &&
	    strcmp(severity, "veto") != 0)
		return bad(r, "严重程度应为 minor、serious 或 veto", severity,
		    "severity");
	if (store_begin(r->store))
		return api_sup_fail(r, 0);
	if (finding_check(r, inspection, &k, organ, person, duty, record)) {
		store_rollback(r->store);
		return -1;
	}
	*id = api_sup_id(r, "find", k.year);
	req_now_text(now);
	struct store_finding f = { .id = *id, .inspection = inspection,
		.organ = organ, .person = person, .duty = duty, .record = record,
		.severity = severity, .description = description,
		.created_by = r->user.name, .created_at = now };
	json_t *what = json_pack("{s:s, s:s, s:s, s:s*, s:s*, s:s*, s:s, s:s}",
	    "id", *id, "inspection", inspection, "organ", organ, "person",
	    person, "duty", duty, "record", record, "severity", severity,
	    "description", description);
	/* The first finding shows the inspection is under way. */
	rc = store_finding_add(r->store, &f) || (strcmp(k.status, "planned") ==
	    0 && store_inspection_set_status(r->store, inspection, "in_progress",
	    now) < 0) || api_sup_audit(r, "finding.create", "finding", *id,
	    what) || store_commit(r->store);
	json_decref(what);
	return rc ? api_sup_fail(r, 1) : 0;
}

struct kept_finding {
	struct request *r;
	json_t *o;
};

static int
keep_finding(void *ctx, const struct store_finding *f)
{
	struct kept_finding *k = ctx;
	k->o = finding_json(k->r, f);
	return 0;
}

json_t *
api_finding_load(struct request *r, const char *id, unsigned *status)
{
	struct kept_finding k = { r, NULL };
	struct store_organ_info o;
	*status = 0;
	int rc = store_finding_get(r->store, id, keep_finding, &k);
	if (rc <= 0) {
		*status = rc < 0 ? 500 : 404;
		return NULL;
	}
	const char *organ = json_string_value(json_object_get(k.o, "organ"));
	const char *person = json_string_value(json_object_get(k.o, "person"));
	rc = store_organ_info(r->store, organ, &o);
	if (rc <= 0 || !api_sup_can_read(r, &o, person)) {
		json_decref(k.o);
		*status = rc < 0 ? 500 : 404;
		return NULL;
	}
	return k.o;
}

/* ---- determining a finding ---- */

struct observed {
	char organ[130], person[130], inspection[130], duty[130];
	char description[4100], created_at[32];
	int determined;
};

static int
keep_observed(void *ctx, const struct store_finding *f)
{
	struct observed *v = ctx;
	snprintf(v->organ, sizeof v->organ, "%s", f->organ);
	snprintf(v->person, sizeof v->person, "%s", f->person ? f->person : "");
	snprintf(v->inspection, sizeof v->inspection, "%s", f->inspection);
	snprintf(v->duty, sizeof v->duty, "%s", f->duty ? f->duty : "");
	snprintf(v->description, sizeof v->description, "%s", f->description);
	snprintf(v->created_at, sizeof v->created_at, "%s", f->created_at);
	v->determined = f->determined_record != NULL;
	return 0;
}

/* The finding kind a determination of v makes: the body's, else that of
 * the duty the inspectors named when its kind is a finding kind. */
static const char *
determined_kind(struct request *r, json_t *obj, const struct observed *v)
{
	const char *kind = json_string_value(json_object_get(obj, "kind"));
	if (kind != NULL)
		return kind;
	int d = v->duty[0] ? catalog_rule_find(r->catalog, v->duty) : -1;
	int k = d >= 0 ? r->catalog->rules[d].kind : -1;
	return k >= 0 && r->catalog->kinds[k].finding ? r->catalog->kinds[k].id :
	    NULL;
}

int
api_finding_determine(struct request *r, const char *finding, json_t *obj,
    const char **record)
{
	static const char *const servers[] = { "id", "organ", "basis",
		"basis_ref", "determined_by", "determined_on", "status" };
	struct observed v = { 0 };
	struct kept_inspection k = { 0 };
	char now[32];
	for (size_t i = 0; i < sizeof servers / sizeof *servers; i++)
		if (json_object_get(obj, servers[i]) != NULL)
			return bad(r, "该项由系统按督查发现的问题填写 (set by the "
			    "server)", NULL, servers[i]);
	if (store_begin(r->store))
		return api_sup_fail(r, 0);
	/* The observation and its inspection as stored: 404 unless the
	 * caller sees the inspection whole; 409 once determined. */
	int rc = store_finding_get(r->store, finding, keep_observed, &v);
	if (rc > 0)
		rc = store_inspection_get(r->store, v.inspection, keep_inspection,
		    &k);
	json_decref(k.o);
	if (rc < 0)
		return api_sup_fail(r, 1);
	if (rc == 0 || !sees_whole(r, k.path)) {
		store_rollback(r->store);
		resp_problem(r, 404, "督查发现的问题不存在 (no such finding)",
		    finding, NULL);
		return -1;
	}
	/* Who may determine about the organ observed, before what the body
	 * asks (the record's write asks again, inside this transaction). */
	struct store_organ_info o;
	rc = store_organ_info(r->store, v.organ, &o);
	if (rc < 0)
		return api_sup_fail(r, 1);
	if (rc == 0 || !authority_can_determine(&r->user, &o)) {
		store_rollback(r->store);
		resp_problem(r, 403, "认定须由上级纪检监察机关或依法治理办公室作出 "
		    "(a finding is determined only by a superior discipline or "
		    "office account)", finding, NULL);
		return -1;
	}
	const char *kind = determined_kind(r, obj, &v);
	if (kind != NULL)
		kind = arena_strdup(r->arena, kind); /* obj's is replaced */
	if (kind == NULL || !catalog_kind_is_finding(r->catalog, kind)) {
		store_rollback(r->store);
		return bad(r, "须选择认定的类型(问责认定类记录) (kind must be a "
		    "finding kind)", kind, "kind");
	}
	if (v.determined) {
		store_rollback(r->store);
		resp_problem(r, 409, "该问题已经认定 (already determined)", finding,
		    NULL);
		return -1;
	}
	/* The finding record: the observation's organ, person and text, on
	 * the basis of its inspection; the day it was observed unless the
	 * body says when the conduct was. */
	*record = arena_printf(r->arena, "r-det-%s", finding);
	json_object_set_new(obj, "id", json_string(*record));
	json_object_set_new(obj, "kind", json_string(kind));
	json_object_set_new(obj, "organ", json_string(v.organ));
	/* The leader observed is the one determined about; a body may name
	 * one only where the inspectors named nobody. */
	json_t *named = json_object_get(obj, "person");
	if (v.person[0] != '\0' && named != NULL && (!json_is_string(named) ||
	    strcmp(json_string_value(named), v.person) != 0)) {
		store_rollback(r->store);
		return bad(r, "认定对象为督查发现的问题所涉负责人,不能另行指定 (the "
		    "observation names the person)", NULL, "person");
	}
	if (v.person[0] != '\0')
		json_object_set_new(obj, "person", json_string(v.person));
	if (json_object_get(obj, "date") == NULL) {
		/* The day observed, when it lies in the inspected year; else
		 * the body must say when the conduct was. */
		char day[11];
		date_t d = date_of_stamp(v.created_at);
		if (d == DATE_NONE || date_year(d) != k.year) {
			store_rollback(r->store);
			return bad(r, arena_printf(r->arena, "须填写行为发生日期(发现之日"
			    "不在督查年度 %d 年内) (date required)", k.year), NULL,
			    "date");
		}
		date_format(d, day);
		json_object_set_new(obj, "date", json_string(day));
	}
	if (json_object_get(obj, "title") == NULL)
		json_object_set_new(obj, "title", json_string(v.description));
	json_object_set_new(obj, "basis", json_string("inspection"));
	json_object_set_new(obj, "basis_ref", json_string(v.inspection));
	/* The record's own write decides who may determine it (authority.c)
	 * and answers its refusals; it joins this transaction. */
	if (api_record_write(r, obj, NULL, RECORD_CREATE)) {
		store_rollback(r->store);
		return -1;
	}
	req_now_text(now);
	json_t *what = json_pack("{s:s, s:s, s:s}", "finding", finding,
	    "record", *record, "kind", kind);
	rc = store_finding_determine(r->store, finding, *record, r->user.name,
	    now);
	if (rc == 0) {
		json_decref(what);
		store_rollback(r->store);
		resp_problem(r, 409, "该问题已经认定 (already determined)", finding,
		    NULL);
		return -1;
	}
	rc = rc < 0 || api_sup_audit(r, "finding.determine", "finding", finding,
	    what) || store_commit(r->store);
	json_decref(what);
	return rc ? api_sup_fail(r, 1) : 0;
}

/* ---- handlers ---- */

static int
add_inspection(void *ctx, const struct store_inspection *in)
{
	json_array_append_new(ctx, api_inspection_json(in));
	return 0;
}

void
api_inspections_list(struct request *r)
{
	struct store_sup_scope sc;
	int page, per_page, year = 0;
	const char *y = req_query(r, "year");
	api_paging(r, &page, &per_page);
	if (y != NULL && *y != '\0') {
		char *end;
		long v = strtol(y, &end, 10);
		if (*end != '\0' || v < 1900 || v > 2200) {
			resp_problem(r, 400, "年度应为 YYYY", y, "year");
			return;
		}
		year = (int)v;
	}
	json_t *items = json_array();
	if (api_sup_scope(r, &sc) && store_each_inspection(r->store, &sc, year,
	    per_page, (page - 1) * per_page, add_inspection, items) < 0) {
		json_decref(items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:o, s:i, s:i}", "items", items, "page",
	    page, "per_page", per_page));
}

void
api_inspection_create(struct request *r)
{
	const char *id;
	unsigned status;
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_inspection_write(r, obj, &id) == 0) {
		json_t *o = api_inspection_load(r, id, &status);
		if (o == NULL)
			resp_problem(r, 500, "内部错误", NULL, NULL);
		else {
			resp_json(r, 201, o);
			resp_header(r, "Location", arena_printf(r->arena,
			    "/api/v1/inspections/%s", id));
		}
	}
	json_decref(obj);
}

void
api_inspection_get(struct request *r)
{
	unsigned status;
	json_t *o = api_inspection_load(r, r->params[0], &status);
	if (o == NULL) {
		resp_problem(r, status, status == 404 ? "督查不存在 (no such "
		    "inspection)" : "内部错误", r->params[0], NULL);
		return;
	}
	resp_json(r, 200, o);
}

void
api_finding_create(struct request *r)
{
	const char *id;
	unsigned status;
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_finding_write(r, r->params[0], obj, &id) == 0) {
		json_t *o = api_finding_load(r, id, &status);
		if (o == NULL)
			resp_problem(r, 500, "内部错误", NULL, NULL);
		else
			resp_json(r, 201, o);
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
	if (api_finding_determine(r, r->params[0], obj, &id) == 0) {
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
