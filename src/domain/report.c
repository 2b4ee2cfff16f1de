/*
 * Reports read (report.h): the labels, a report loaded within the
 * caller's scope, its JSON and digest, and the listing's filter.
 *
 * A report's fields are described once, in the table below, which
 * drives its JSON; what a report has only sometimes is written beside
 * it.
 */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/sm3.h"
#include "domain/record.h"
#include "domain/report.h"
#include "engine/coverage.h"
#include "store/store-separation.h"

#define ANNUAL_KIND "rol_gov_annual_report"
#define RECIPIENTS_FIELD "recipients"

const char *const report_statuses[REPORT_NSTATUSES][2] = {
	{ "draft", "草稿" }, { "signed", "已签署" }, { "locked", "已锁定" },
	{ "published", "已公开" },
};

#define F(m) offsetof(struct report_doc, m)
#define TEXT(j, col, label) { #j, col, label, ATTR_TEXT, 0, 0, 0, NULL, F(j) }

/* What every report shows, as its JSON's first members; report_json
 * adds what a report has only sometimes (a 述法's person, an annual
 * report's recipients and deadline) and its sections. */
static const struct attr report_attrs[] = {
	TEXT(id, "report.id", "编号"),
	TEXT(kind, "report.kind", "类型"),
	{ "year", "report.year", "年度", ATTR_YEAR, 0, 0, 0, NULL, F(year) },
	TEXT(organ, "organ.id", "机构"),
	TEXT(organ_name, "organ.name", "机构名称"),
	TEXT(region, "region.code", "地区"),
	TEXT(region_name, "region.name", "地区名称"),
	TEXT(title, "report.title", "标题"),
	TEXT(status, "report.status", "状态"),
	TEXT(status_label, "(derived)", "状态"),
	TEXT(created_by, "report.created_by", "起草人"),
	TEXT(created_at, "report.created_at", "起草时间"),
	TEXT(signed_by, "report.signed_by", "签署人"),
	TEXT(signed_at, "report.signed_at", "签署时间"),
	TEXT(locked_at, "report.locked_at", "锁定时间"),
	TEXT(published_on, "report.published_on", "公开日期"),
	TEXT(updated_at, "report.updated_at", "修改时间"),
	/* Who locked and published it (store-separation.h): not in the
	 * listing. */
	TEXT(locked_by, "report_actor.lock", "锁定人"),
	TEXT(published_by, "report_actor.publish", "公开人"),
};
static const struct entity report_entity = ENTITY("report", report_attrs);

const char *
report_status_label(const char *status)
{
	for (size_t i = 0; status && i < REPORT_NSTATUSES; i++)
		if (strcmp(status, report_statuses[i][0]) == 0)
			return report_statuses[i][1];
	return status ? status : "";
}

const char *
report_kind_label(const char *kind)
{
	if (kind != NULL && strcmp(kind, "annual") == 0)
		return "法治政府建设年度报告";
	return "述法报告";
}

const struct catalog_field *
report_recipients_field(const struct catalog *c)
{
	int k = catalog_kind_find(c, ANNUAL_KIND);
	int f = k >= 0 ? catalog_field_find(&c->kinds[k], RECIPIENTS_FIELD) : -1;
	return f >= 0 ? &c->kinds[k].fields[f] : NULL;
}

size_t
report_recipients_of(const struct catalog *c,
    const struct store_organ_info *o, char *const **values)
{
	const struct catalog_field *f = report_recipients_field(c);
	enum role role;
	enum coverage cov;
	*values = f != NULL ? f->values : NULL;
	if (f == NULL || !coverage_of(o->kind, o->region_level, &role, &cov))
		return f != NULL ? f->nvalues : 0;
	for (size_t i = 0; i < c->nrules; i++) {
		const struct catalog_rule *x = &c->rules[i];
		if (x->measure != MEASURE_FILING || x->require_all < 0 ||
		    &c->kinds[x->kind].fields[x->require_all] != f ||
		    !(x->roles & role) || !(x->coverage & cov))
			continue;
		if (strcmp(o->region_level, "township") == 0 &&
		    x->township_values != NULL) {
			*values = x->township_values;
			return x->ntownship_values;
		}
		*values = x->all_values;
		return x->nall_values;
	}
	return f->nvalues;
}

const char *
report_recipient_label(const struct catalog *c, const char *id)
{
	const struct catalog_field *f = report_recipients_field(c);
	for (size_t i = 0; f != NULL && i < f->nvalues; i++)
		if (strcmp(f->values[i], id) == 0)
			return f->labels[i];
	return id;
}

date_t
report_due(int year)
{
	return date_from_ymd(year + 1, 3, 31);
}

const char *
report_not_drafter(const struct principal *p, const char *created_by)
{
	if (created_by != NULL && strcmp(p->name, created_by) == 0)
		return "报告由您起草,签署、锁定和公开须由起草人以外的人员办理 (the "
		    "drafter does not sign, lock or publish)";
	return NULL;
}

int
report_has_todo(const struct report_doc *rep)
{
	for (size_t i = 0; i < rep->nsections; i++)
		if (strstr(rep->sections[i].text, REPORT_TODO))
			return 1;
	return 0;
}

/* ---- reading ---- */

static const char *
dup(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* The sections of a stored body ([{title, text}]) into rep. */
static void
sections_of(struct arena *a, const char *body, struct report_doc *rep)
{
	json_t *v = body ? json_loads(body, 0, NULL) : NULL, *x;
	size_t i, n = json_is_array(v) ? json_array_size(v) : 0;
	rep->sections = arena_alloc(a, (n ? n : 1) * sizeof *rep->sections);
	rep->nsections = n;
	json_array_foreach(json_is_array(v) ? v : NULL, i, x) {
		const char *t = json_string_value(json_object_get(x, "title"));
		const char *b = json_string_value(json_object_get(x, "text"));
		rep->sections[i] = (struct report_section){ dup(a, t ? t : ""),
			dup(a, b ? b : "") };
	}
	json_decref(v);
}

/* An annual report's recipients (a stored array of ids), labelled. */
static void
recipients_of(struct arena *a, const struct catalog *c, const char *ids,
    struct report_doc *rep)
{
	json_t *v = ids ? json_loads(ids, 0, NULL) : NULL, *x;
	size_t i, n = json_array_size(v);
	rep->recipients = arena_alloc(a, (n ? n : 1) * sizeof *rep->recipients);
	rep->nrecipients = 0;
	json_array_foreach(v, i, x)
		if (json_is_string(x)) {
			const char *id = dup(a, json_string_value(x));
			rep->recipients[rep->nrecipients++] =
			    (struct report_recipient){ id,
			    report_recipient_label(c, id) };
		}
	json_decref(v);
}

struct fill {
	struct dom *d;
	struct report_doc *rep;
};

/* A stored row as a report_doc, copied into the arena. */
static void
doc_of(struct dom *d, const struct store_report *row, struct report_doc *rep)
{
	struct arena *a = d->arena;
	memset(rep, 0, sizeof *rep);
	*rep = (struct report_doc){ .key = row->key, .id = dup(a, row->id),
		.kind = dup(a, row->kind), .year = row->year,
		.organ = dup(a, row->organ), .organ_name = dup(a, row->organ_name),
		.region = dup(a, row->region),
		.region_name = dup(a, row->region_name),
		.title = dup(a, row->title), .status = dup(a, row->status),
		.status_label = report_status_label(row->status),
		.created_by = dup(a, row->created_by),
		.created_at = dup(a, row->created_at),
		.person = dup(a, row->person),
		.person_name = row->person ? dup(a, row->person_name ?
		    row->person_name : "") : NULL,
		.signed_by = dup(a, row->signed_by),
		.signed_at = dup(a, row->signed_at),
		.locked_at = dup(a, row->locked_at),
		.published_on = dup(a, row->published_on),
		.updated_at = dup(a, row->updated_at),
		.number_year = row->number_year,
		.number_seq = row->number_seq,
		.dated = dup(a, row->dated),
		.stamped_by = dup(a, row->stamped_by),
		.stamped_at = dup(a, row->stamped_at),
		.final_sm3 = dup(a, row->final_sm3),
		.final_size = row->final_size,
		.final_by = dup(a, row->final_by),
		.final_at = dup(a, row->final_at) };
	rep->status_label = report_status_label(rep->status);
	if (strcmp(row->kind, "annual") != 0)
		return;
	recipients_of(a, d->catalog, row->recipients, rep);
	char due[11];
	date_t dd = report_due(row->year), on;
	date_format(dd, due);
	rep->due = arena_strdup(a, due);
	/* Late: published after the due date, or not yet published with
	 * the date passed. */
	rep->late = row->published_on != NULL ?
	    date_parse(row->published_on, &on) == 0 && on > dd :
	    date_today() > dd;
	if (row->published_on != NULL)
		rep->record = arena_printf(a, REPORT_RECORD_PREFIX "%s-%d",
		    row->organ, row->year);
}

static int
keep(void *ctx, const struct store_report *row)
{
	struct fill *x = ctx;
	doc_of(x->d, row, x->rep);
	sections_of(x->d->arena, row->body, x->rep);
	return 0;
}

/* Whether p may read a report of organ o about person. */
static int
readable(const struct principal *p, const struct store_organ_info *o,
    const char *kind, const char *person)
{
	/* A leader: their own 述法, and the annual report of their organ,
	 * which they sign (authority_report_sign). */
	if (p->role == ACCT_LEADER)
		return strcmp(kind, "shufa") == 0 ? p->person[0] != '\0' &&
		    person != NULL && strcmp(person, p->person) == 0 :
		    p->organ_key != 0 && p->organ_key == o->key;
	return access_can_read_organ(p, o);
}

static int
missing(struct dom *d, const char *id)
{
	return dom_refuse(d, 404, "报告不存在 (no such report)", id, NULL);
}

int
report_load(struct dom *d, const char *id, int public,
    struct report_doc *rep)
{
	struct fill x = { d, rep };
	char locked[STORE_ACCOUNT_MAX], published[STORE_ACCOUNT_MAX];
	memset(rep, 0, sizeof *rep);
	int rc = store_report_get(d->store, id, keep, &x);
	if (rc < 0 || (rc == 1 && store_report_actors(d->store, id, locked,
	    published) < 0))
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	if (rc == 0)
		return missing(d, id);
	rep->locked_by = *locked ? arena_strdup(d->arena, locked) : NULL;
	rep->published_by = *published ? arena_strdup(d->arena, published) :
	    NULL;
	if (public)
		return strcmp(rep->status, "published") == 0 ? 0 : missing(d, id);
	rc = store_organ_info(d->store, rep->organ, &rep->organ_info);
	if (rc < 0)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	if (rc == 0 || !readable(d->user, &rep->organ_info, rep->kind,
	    rep->person))
		return missing(d, id);
	return 0;
}

json_t *
report_json(const struct report_doc *rep, int index)
{
	json_t *o = entity_json(&report_entity, rep);
	if (index) {
		json_object_del(o, "locked_by");
		json_object_del(o, "published_by");
	}
	if (rep->person != NULL) {
		json_object_set_new(o, "person", json_string(rep->person));
		json_object_set_new(o, "person_name",
		    json_string(rep->person_name));
	}
	if (!index) {
		json_t *sections = json_array();
		for (size_t i = 0; i < rep->nsections; i++)
			json_array_append_new(sections, json_pack("{s:s, s:s}",
			    "title", rep->sections[i].title, "text",
			    rep->sections[i].text));
		json_object_set_new(o, "sections", sections);
	}
	/* The 定稿 (report-final.c): the 成文日期 fixed, and the final
	 * PDF when one was uploaded. */
	json_object_set_new(o, "dated", rep->dated ? json_string(rep->dated) :
	    json_null());
	json_object_set_new(o, "stamped_by", rep->stamped_by ?
	    json_string(rep->stamped_by) : json_null());
	json_object_set_new(o, "stamped_at", rep->stamped_at ?
	    json_string(rep->stamped_at) : json_null());
	json_object_set_new(o, "final", rep->final_sm3 == NULL ? json_null() :
	    json_pack("{s:s, s:I, s:s?, s:s?, s:o}", "sm3", rep->final_sm3,
	    "size", (json_int_t)rep->final_size, "uploaded_by", rep->final_by,
	    "uploaded_at", rep->final_at, "href", json_sprintf(
	    "/api/v1/reports/%s/final", rep->id)));
	if (strcmp(rep->kind, "annual") == 0) {
		json_t *list = json_array();
		for (size_t i = 0; i < rep->nrecipients; i++)
			json_array_append_new(list, json_pack("{s:s, s:s}", "id",
			    rep->recipients[i].id, "label",
			    rep->recipients[i].label));
		json_object_set_new(o, "recipients", list);
		json_object_set_new(o, "due", json_string(rep->due));
		json_object_set_new(o, "late", json_boolean(rep->late));
		json_object_set_new(o, "record", rep->record ?
		    json_string(rep->record) : json_null());
		char num[64];
		snprintf(num, sizeof num, "〔%d〕%d号", rep->number_year,
		    rep->number_seq);
		json_object_set_new(o, "number", rep->number_seq > 0 ?
		    json_string(num) : json_null());
	}
	return o;
}

int
report_digest(const struct report_doc *rep, char hex[65])
{
	json_t *o = report_json(rep, 0);
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	int rc = text == NULL || sm3_hex(text, strlen(text), hex) ? -1 : 0;
	free(text);
	json_decref(o);
	return rc;
}

/* ---- the listing ---- */

static const char *
given(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

int
report_filter(struct dom *d, struct report_query *q,
    struct store_report_filter *f, char *path, size_t n)
{
	const struct principal *p = d->user;
	memset(f, 0, sizeof *f);
	record_paging(q->page_text, q->per_page_text, &q->page, &q->per_page);
	f->limit = q->per_page;
	f->offset = (q->page - 1) * q->per_page;
	f->kind = given(q->kind);
	f->status = given(q->status);
	if (f->kind != NULL && strcmp(f->kind, "shufa") != 0 &&
	    strcmp(f->kind, "annual") != 0)
		return dom_refuse(d, 400, "kind 应为 shufa 或 annual", f->kind,
		    "kind");
	if (f->status != NULL && strcmp(report_status_label(f->status),
	    f->status) == 0)
		return dom_refuse(d, 400, "status 应为 draft、signed、locked 或 "
		    "published", f->status, "status");
	const char *y = given(q->year);
	if (y != NULL && date_parse_year(y, &f->year))
		return dom_refuse(d, 400, "年度格式应为 YYYY", y, "year");
	f->path = access_scope_path(p);
	if (*f->path == '\0')
		f->path = NULL;
	const char *organ = given(q->organ);
	switch (p->role) {
	case ACCT_LEADER:
		if (p->person[0] == '\0')
			return 0;
		/* Their 述法 here; the annual reports of their organ
		 * (which have no person) are added by report_list. */
		f->person = p->person;
		f->path = NULL;
		break;
	case ACCT_CLERK: {
		int rc = dom_own_organ(d, &organ);
		if (rc <= 0)
			return rc;
		break;
	}
	default:
		break;
	}
	if (organ != NULL) {
		struct store_organ_info o;
		if (p->role != ACCT_LEADER && record_organ_access(d, organ, 0, "organ",
		    &o))
			return -1;
		f->organ = organ;
	}
	const char *region = given(q->region);
	if (region != NULL) {
		int rc = store_region_path(d->store, region, path, n);
		if (rc <= 0 || !access_can_read_path(p, path))
			return dom_refuse(d, rc < 0 ? 500 : 404, "地区不存在或不在权限"
			    "范围内", region, "region");
		f->path = path;
	}
	return 1;
}

struct listing {
	struct dom *d;
	int (*cb)(void *, const struct report_doc *);
	void *ctx;
};

static int
list_row(void *ctx, const struct store_report *row)
{
	struct listing *l = ctx;
	struct report_doc rep;
	doc_of(l->d, row, &rep);
	return l->cb(l->ctx, &rep);
}

int
report_list(struct dom *d, const struct store_report_filter *f,
    int (*cb)(void *, const struct report_doc *), void *ctx, long *total)
{
	struct listing l = { d, cb, ctx };
	const struct principal *p = d->user;
	/* A leader's listing (report_filter: their 述法) goes on with the
	 * annual reports of their organ, which they sign. */
	struct store_report_filter own = *f;
	int annual = p->role == ACCT_LEADER && p->organ[0] != '\0' &&
	    f->person != NULL && (f->kind == NULL || strcmp(f->kind,
	    "annual") == 0) && (f->organ == NULL || strcmp(f->organ,
	    p->organ) == 0);
	own.person = NULL;
	own.kind = "annual";
	own.organ = p->organ;
	own.path = NULL;
	long first = store_count_reports(d->store, f);
	long more = annual && first >= 0 ? store_count_reports(d->store,
	    &own) : 0;
	*total = first < 0 || more < 0 ? -1 : first + more;
	int limit = f->limit > 0 ? f->limit : 50;
	long shown = first - f->offset;
	shown = shown < 0 ? 0 : shown > limit ? limit : shown;
	own.offset = f->offset > first ? (int)(f->offset - first) : 0;
	own.limit = limit - (int)shown;
	if (*total < 0 || (first > 0 && store_each_report(d->store, f,
	    list_row, &l) < 0) || (more > 0 && own.limit > 0 &&
	    store_each_report(d->store, &own, list_row, &l) < 0))
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	return 0;
}
