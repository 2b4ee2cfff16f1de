/*
 * Supervision, part one (supervision.h): what every supervision
 * operation shares — clean input, copies of rows, ids, the organ and the
 * person an order names, the one 第八条 order a leader and year — and
 * inspection plans (定期检查, 专项督查, 第七条) with their findings.
 *
 * An inspection covers a region's subtree in a year. Its findings name an
 * organ inside that subtree and, where the inspectors can tie them down,
 * the leader, the duty of the catalog and the ledger record concerned; a
 * rectification order (rectification.c) or an interview (interview.c)
 * may follow from a finding. Offices, inspectors and discipline officers
 * see the inspections of their subtree; a clerk or a leader sees only
 * those with findings about their organ or themselves, and of those only
 * these findings (auth/scope.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authority.h"
#include "domain/supervision.h"

/* ---- shared ---- */

/* The text types come first in enum attr_type. */
#define IS_TEXT(fd) ((fd)->type <= ATTR_STAMP)

static const char *
label_of(const struct entity *e, const char *json)
{
	const struct attr *fd = e != NULL ? entity_attr(e, json) : NULL;
	return fd != NULL ? fd->label : json;
}

int
sup_broken(struct dom *d)
{
	return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
	    store_error(d->store)), NULL);
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *
sup_trim(struct arena *a, const char *v)
{
	if (v == NULL)
		return NULL;
	size_t n = strlen(v);
	while (n > 0 && blank(*v)) {
		v++;
		n--;
	}
	while (n > 0 && blank(v[n - 1]))
		n--;
	if (n == 0)
		return NULL;
	char *copy = arena_alloc(a, n + 1);
	memcpy(copy, v, n);
	copy[n] = '\0';
	return copy;
}

int
sup_clean(struct dom *d, const struct entity *e, json_t *body, int create)
{
	if (create && json_object_get(body, "id") != NULL)
		return dom_refuse(d, 400, "编号由系统分配,不可指定 (the id is "
		    "assigned by the server)", NULL, "id");
	for (void *it = json_object_iter(body); it != NULL;
	    it = json_object_iter_next(body, it)) {
		json_t *v = json_object_iter_value(it);
		const char *key = json_object_iter_key(it);
		if (!json_is_string(v))
			continue;
		const char *s = sup_trim(d->arena, json_string_value(v));
		for (const char *c = s; c != NULL && *c != '\0'; c++)
			if (((unsigned char)*c < 0x20 && !blank(*c)) || *c == 0x7F)
				return dom_refuse(d, 400, arena_printf(d->arena,
				    "%s含有不允许的控制字符 (control characters)",
				    label_of(e, key)), NULL, key);
		json_object_iter_set_new(body, it, s != NULL ? json_string(s) :
		    json_null());
	}
	return 0;
}

int
sup_required(struct dom *d, const struct entity *e, const char *json)
{
	return dom_refuse(d, 400, arena_printf(d->arena, "请填写%s (required)",
	    label_of(e, json)), NULL, json);
}

int
sup_deadline(struct dom *d, const char *json, const char *label,
    const char *deadline)
{
	date_t due = DATE_NONE;
	if (date_parse(deadline, &due) == 0 && due >= date_today())
		return 0;
	return dom_refuse(d, 400, arena_printf(d->arena, due == DATE_NONE ?
	    "%s应为有效日期 YYYY-MM-DD (not a valid date)" : "%s不能早于今天 "
	    "(the deadline has passed)", label), deadline, json);
}

/* Every ATTR_REQ member of obj is given (the table's decoder checked
 * it; a caller in C may not have used it). 0, or -1 (400). */
static int
complete(struct dom *d, const struct entity *e, const void *obj)
{
	for (size_t i = 0; i < e->n; i++) {
		const struct attr *fd = &e->attrs[i];
		const char *at = (const char *)obj + fd->offset;
		int none = IS_TEXT(fd) ? *(const char *const *)(const void *)at ==
		    NULL : *(const int *)(const void *)at == 0;
		if ((fd->flags & ATTR_REQ) && none)
			return sup_required(d, e, fd->json);
	}
	return 0;
}

int
sup_served(struct dom *d, const char *person, const char *organ, int year)
{
	int64_t key;
	int rc = store_person_key(d->store, person, &key);
	if (rc < 0)
		return sup_broken(d);
	if (rc == 0)
		return dom_refuse(d, 400, "人员不存在 (unknown person)", person,
		    "person");
	if (organ == NULL)
		return 0;
	rc = authority_held(d->store, person, organ, year ? date_from_ymd(year,
	    1, 1) : AUTHORITY_EVER, year ? date_from_ymd(year, 12, 31) : DATE_NONE);
	if (rc < 0)
		return sup_broken(d);
	if (rc == 0)
		return dom_refuse(d, 400, year ? "该负责人当年未在该机构任职 "
		    "(person did not serve in the organ that year)" : "该负责人未在"
		    "该机构任职 (person did not serve in the organ)", person,
		    "person");
	return 0;
}

int
sup_begin(struct dom *d, int eval, int rect, const char *person,
    const char *organ, int year)
{
	char id[130];
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (!eval)
		return 0;
	int rc = rect ? store_rectification_once(d->store, person, organ, year,
	    id, sizeof id) : store_interview_once(d->store, person, organ, year,
	    id, sizeof id);
	if (rc == 0)
		return 0;
	if (rc < 0)
		return dom_fail(d, 1);
	store_rollback(d->store);
	return dom_refuse(d, 409, rect ? "该负责人该年度的考评整改已经下达,不再"
	    "重复下达 (one rectification a leader, organ and year)" : "该负责人"
	    "该年度的考评约谈已经安排,不再重复安排 (one interview a leader, organ "
	    "and year)", arena_strdup(d->arena, id), "person");
}

/* ---- labels ---- */

/* The label of value v in pairs {value, label} (ending in NULL), or
 * the last pair's label when none matches. */
static const char *
label(const char *const (*pairs)[2], const char *v)
{
	size_t i = 0;
	while (pairs[i + 1][0] != NULL && (v == NULL ||
	    strcmp(pairs[i][0], v) != 0))
		i++;
	return pairs[i][1];
}

const char *
sup_inspection_kind_label(const char *kind)
{
	static const char *const l[][2] = { { "special", "专项督查" },
		{ "regular", "定期检查" }, { NULL, NULL } };
	return label(l, kind);
}

const char *
sup_inspection_status_label(const char *status)
{
	static const char *const l[][2] = { { "in_progress", "进行中" },
		{ "completed", "已完成" }, { "planned", "计划中" }, { NULL, NULL } };
	return label(l, status);
}

const char *
sup_severity_label(const char *severity)
{
	static const char *const l[][2] = { { "veto", "一票否决" },
		{ "serious", "严重" }, { "minor", "一般" }, { NULL, NULL } };
	return label(l, severity);
}

const char *
sup_rect_source_label(const char *source)
{
	static const char *const l[][2] = { { "finding", "督查发现问题" },
		{ "interview", "约谈" }, { "evaluation", "年度考评" },
		{ NULL, NULL } };
	return label(l, source);
}

const char *
sup_rect_state_label(const char *status)
{
	enum rectify_state s;
	if (status == NULL)
		return "";
	return rectify_state_parse(status, &s) == 0 ? rectify_state_label(s) :
	    status;
}

const char *
sup_interview_source_label(const char *source)
{
	static const char *const l[][2] = { { "finding", "督查发现问题" },
		{ "report", "报告" }, { "evaluation", "年度考评" }, { NULL, NULL } };
	return label(l, source);
}

const char *
sup_interview_status_label(const char *status)
{
	static const char *const l[][2] = { { "held", "已约谈" },
		{ "scheduled", "待约谈" }, { NULL, NULL } };
	return label(l, status);
}

const char *
sup_duty_title(struct dom *d, const char *duty)
{
	int k = duty != NULL ? catalog_rule_find(d->catalog, duty) : -1;
	return k >= 0 ? d->catalog->rules[k].title : NULL;
}

/* ---- rows kept past their statement ---- */

/* A text attr of row by its json name. */
static const char *
text_at(const struct entity *e, const void *row, const char *json)
{
	return *(const char *const *)(const void *)((const char *)row +
	    entity_attr(e, json)->offset);
}

int
sup_row_seen(struct dom *d, int rc, const struct dom_rows *k, void *row,
    struct store_organ_info *o, const char *missing, const char *id)
{
	if (rc > 0) {
		memcpy(row, k->items, k->size);
		rc = store_organ_info(d->store, text_at(k->e, row, "organ"), o);
	}
	if (rc < 0)
		return sup_broken(d);
	if (rc == 0 || !scope_reads(d->user, o, text_at(k->e, row, "person")))
		return dom_refuse(d, 404, missing, id, NULL);
	return 0;
}

DOM_KEEPER(sup_keep_inspection, struct store_inspection)
DOM_KEEPER(sup_keep_finding, struct store_finding)
DOM_KEEPER(sup_keep_rectification, struct store_rectification)
DOM_KEEPER(sup_keep_interview, struct store_interview)
DOM_KEEPER(sup_keep_event, struct store_rect_event)
DOM_KEEPER(sup_keep_evidence, struct store_rect_evidence)

/* One inspection: 0 with *in, or -1 (404 naming id, 500). */
static int
read_inspection(struct dom *d, const char *id, struct store_inspection *in)
{
	struct dom_rows w = DOM_ROWS(d, store_inspection_entity, *in);
	int rc = store_inspection_get(d->store, id, sup_keep_inspection, &w);
	if (rc < 0)
		return sup_broken(d);
	if (rc == 0)
		return dom_refuse(d, 404, "督查不存在 (no such inspection)", id,
		    NULL);
	*in = *(struct store_inspection *)w.items;
	return 0;
}

/* ---- inspections ---- */

int
sup_inspection_create(struct dom *d, struct store_inspection *in,
    const char **id)
{
	const struct entity *e = &store_inspection_entity;
	date_t from = DATE_NONE, to = DATE_NONE;
	char path[512];
	if (complete(d, e, in))
		return -1;
	if ((in->starts != NULL && date_parse(in->starts, &from)) ||
	    (in->ends != NULL && date_parse(in->ends, &to)))
		return dom_refuse(d, 400, "日期应为 YYYY-MM-DD (not a valid date)",
		    NULL, in->ends ? "ends" : "starts");
	if (from != DATE_NONE && to != DATE_NONE && to < from)
		return dom_refuse(d, 400, "结束日期早于开始日期 (ends before it "
		    "starts)", in->ends, "ends");
	int rc = store_region_path(d->store, in->region, path, sizeof path);
	if (rc < 0)
		return sup_broken(d);
	if (rc == 0)
		return dom_refuse(d, 400, "地区不存在 (no such region)", in->region,
		    "region");
	if (!access_can_read_path(d->user, path))
		return dom_refuse(d, 403, "地区不在权限范围内 (region outside your "
		    "scope)", in->region, "region");
	in->id = *id = dom_new_row(d, "insp", in->year, &in->created_by,
	    &in->created_at);
	in->status = "planned";
	json_t *what = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s*, s:s*, s:s*}",
	    "id", *id, "kind", in->kind, "title", in->title, "region",
	    in->region, "year", in->year, "starts", in->starts, "ends", in->ends,
	    "focus", in->focus);
	if (store_begin(d->store)) {
		json_decref(what);
		return dom_fail(d, 0);
	}
	return dom_write(d, store_inspection_add(d->store, in),
	    "inspection.create", "inspection", *id, what);
}

int
sup_inspection_load(struct dom *d, const char *id,
    struct store_inspection *in, const struct store_page *pg,
    struct store_finding **findings, size_t *n)
{
	struct store_sup_scope sc;
	const struct principal *p = d->user;
	if (read_inspection(d, id, in))
		return -1;
	int whole = scope_sees_whole(p, in->path);
	if (!whole && (p->role == ACCT_OFFICE || p->role == ACCT_INSPECTOR ||
	    p->role == ACCT_DISCIPLINE || !scope_of(p, &sc)))
		return dom_refuse(d, 404, "督查不存在 (no such inspection)", id,
		    NULL);
	if (whole)
		memset(&sc, 0, sizeof sc);
	struct dom_rows w = DOM_ROWS(d, store_finding_entity, **findings);
	long all = pg == NULL ? 0 : store_count_findings(d->store, id, &sc);
	if (all < 0 || store_each_finding(d->store, id, &sc, pg,
	    sup_keep_finding, &w) < 0)
		return sup_broken(d);
	if (pg == NULL)
		all = (long)w.n;
	if (!whole && all == 0)
		return dom_refuse(d, 404, "督查不存在 (no such inspection)", id,
		    NULL);
	in->findings = all;
	*findings = w.items;
	*n = w.n;
	return 0;
}

int
sup_inspection_list(struct dom *d, struct store_inspection_filter *f,
    struct store_inspection **out, size_t *n, long *total)
{
	struct dom_rows w = DOM_ROWS(d, store_inspection_entity, **out);
	long all = 0;
	if (scope_of(d->user, &f->scope) && ((total != NULL &&
	    (all = store_count_inspections(d->store, f)) < 0) ||
	    store_each_inspection_in(d->store, f, sup_keep_inspection,
	    &w) < 0))
		return sup_broken(d);
	if (total != NULL)
		*total = all;
	*out = w.items;
	*n = w.n;
	return 0;
}

/* ---- findings ---- */

/*
 * What a finding names, checked against the rows as stored inside the
 * write transaction: the inspection (404 unless the caller sees its
 * whole region), the organ in its region, the duty, the record of that
 * organ (400s), and the person: one holding a tenure at the organ in
 * the inspection's year (400 when unknown, 403 otherwise, never told by
 * name). Returns 0 with *in, or -1.
 */
static int
finding_check(struct dom *d, const char *inspection,
    struct store_inspection *in, const struct store_finding *f)
{
	struct store_organ_info o;
	if (read_inspection(d, inspection, in))
		return -1;
	if (!scope_sees_whole(d->user, in->path))
		return dom_refuse(d, 404, "督查不存在 (no such inspection)",
		    inspection, NULL);
	if (strcmp(in->status, "completed") == 0)
		return dom_refuse(d, 409, "督查已结束,不能再记录问题 (the "
		    "inspection is closed)", inspection, NULL);
	int rc = store_organ_info(d->store, f->organ, &o);
	if (rc < 0)
		return sup_broken(d);
	if (rc == 0)
		return dom_refuse(d, 400, "机构不存在 (unknown organ)", f->organ,
		    "organ");
	if (strncmp(o.path, in->path, strlen(in->path)) != 0)
		return dom_refuse(d, 400, "机构不在本次督查的地区范围内 (organ "
		    "outside the inspected region)", f->organ, "organ");
	if (f->duty != NULL && catalog_rule_find(d->catalog, f->duty) < 0)
		return dom_refuse(d, 400, "职责清单中没有该职责 (unknown duty)",
		    f->duty, "duty");
	if (f->record != NULL) {
		char organ[AUTHORITY_ID_MAX], kind[AUTHORITY_ID_MAX];
		rc = authority_record_organ(d->store, f->record, organ, kind);
		if (rc < 0)
			return sup_broken(d);
		if (rc == 0)
			return dom_refuse(d, 400, "台账记录不存在 (unknown record)",
			    f->record, "record");
		if (strcmp(organ, f->organ) != 0)
			return dom_refuse(d, 400, "台账记录不属于该机构 (record of "
			    "another organ)", f->record, "record");
	}
	if (f->person != NULL && authority_person(d->store, f->person,
	    f->organ, date_from_ymd(in->year, 1, 1), date_from_ymd(in->year,
	    12, 31), "person", &d->fault) != 1)
		return -1;
	return 0;
}

int
sup_finding_create(struct dom *d, const char *inspection,
    struct store_finding *f, const char **id)
{
	struct store_inspection in;
	if (complete(d, &store_finding_entity, f))
		return -1;
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (finding_check(d, inspection, &in, f)) {
		store_rollback(d->store);
		return -1;
	}
	f->id = *id = dom_new_row(d, "find", in.year, &f->created_by,
	    &f->created_at);
	f->inspection = inspection;
	json_t *what = json_pack("{s:s, s:s, s:s, s:s*, s:s*, s:s*, s:s, s:s}",
	    "id", *id, "inspection", inspection, "organ", f->organ, "person",
	    f->person, "duty", f->duty, "record", f->record, "severity",
	    f->severity, "description", f->description);
	/* The first finding shows the inspection is under way. */
	return dom_write(d, store_finding_add(d->store, f) ||
	    (strcmp(in.status, "planned") == 0 &&
	    store_inspection_set_status(d->store, inspection, "in_progress",
	    f->created_at) < 0), "finding.create", "finding", *id, what);
}

int
sup_inspection_close(struct dom *d, const char *id)
{
	struct store_inspection in;
	const struct principal *p = d->user;
	char now[32];
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (read_inspection(d, id, &in)) {
		store_rollback(d->store);
		return -1;
	}
	if (!(p->role == ACCT_ADMIN || p->role == ACCT_OFFICE ||
	    p->role == ACCT_INSPECTOR) || !scope_sees_whole(p, in.path)) {
		store_rollback(d->store);
		return dom_refuse(d, 404, "督查不存在 (no such inspection)", id,
		    NULL);
	}
	if (strcmp(in.status, "completed") == 0) {
		store_rollback(d->store);
		return dom_refuse(d, 409, "督查已经结束 (the inspection is closed "
		    "already)", id, NULL);
	}
	dom_now(now);
	json_t *what = json_pack("{s:s, s:s, s:s}", "id", id, "from", in.status,
	    "to", "completed");
	/* The status moves only from the one read: a concurrent close
	 * changes nothing the second time. */
	int rc = store_inspection_set_status(d->store, id, "completed", now);
	return dom_write(d, rc != 1, "inspection.close", "inspection", id,
	    what);
}

int
sup_finding_load(struct dom *d, const char *id, struct store_finding *f)
{
	struct dom_rows w = DOM_ROWS(d, store_finding_entity, *f);
	struct store_organ_info o;
	int rc = store_finding_get(d->store, id, sup_keep_finding, &w);
	if (rc < 0)
		return sup_broken(d);
	if (rc > 0) {
		*f = *(struct store_finding *)w.items;
		rc = store_organ_info(d->store, f->organ, &o);
		if (rc < 0)
			return sup_broken(d);
	}
	if (rc == 0 || !scope_reads(d->user, &o, f->person))
		return dom_refuse(d, 404, "督查发现的问题不存在 (no such finding)",
		    id, NULL);
	return 0;
}

/* ---- determining a finding ---- */

int
sup_finding_observed(struct dom *d, const char *id, struct store_finding *f,
    struct store_inspection *in)
{
	struct store_organ_info o;
	if (sup_finding_in(d, id, f, in, &o))
		return -1;
	/* Who may determine about the organ observed, before what the body
	 * asks (the record's write asks again, in the same transaction). */
	if (!authority_can_determine(d->user, &o)) {
		store_rollback(d->store);
		return dom_refuse(d, 403, "认定须由上级纪检监察机关或依法治理办公室"
		    "作出 (a finding is determined only by a superior discipline "
		    "or office account)", id, NULL);
	}
	return 0;
}

int
sup_finding_in(struct dom *d, const char *id, struct store_finding *f,
    struct store_inspection *in, struct store_organ_info *o)
{
	struct dom_rows w = DOM_ROWS(d, store_finding_entity, *f);
	int rc = store_finding_get(d->store, id, sup_keep_finding, &w);
	if (rc > 0) {
		*f = *(struct store_finding *)w.items;
		rc = read_inspection(d, f->inspection, in) ? -2 : 1;
	}
	if (rc == -1 || (rc == -2 && d->fault.status == 500))
		return dom_fail(d, 1);
	if (rc != 1 || !scope_sees_whole(d->user, in->path)) {
		store_rollback(d->store);
		return dom_refuse(d, 404, "督查发现的问题不存在 (no such finding)",
		    id, NULL);
	}
	rc = store_organ_info(d->store, f->organ, o);
	if (rc < 0)
		return dom_fail(d, 1);
	if (rc == 0) {
		store_rollback(d->store);
		return dom_refuse(d, 404, "督查发现的问题不存在 (no such finding)",
		    id, NULL);
	}
	return 0;
}

int
sup_finding_determined(struct dom *d, const char *id, const char *record,
    const char *kind)
{
	char now[32];
	dom_now(now);
	int rc = store_finding_determine(d->store, id, record, d->user->name,
	    now);
	if (rc == 0) {
		store_rollback(d->store);
		return dom_refuse(d, 409, "该问题已经认定 (already determined)", id,
		    NULL);
	}
	json_t *what = json_pack("{s:s, s:s, s:s}", "finding", id, "record",
	    record, "kind", kind);
	return dom_write(d, rc < 0, "finding.determine", "finding", id, what);
}
