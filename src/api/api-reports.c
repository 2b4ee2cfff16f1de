/*
 * Reports over HTTP: the 述法 section of a leader's year-end report
 * (第七条) and the government's annual rule-of-law report (第六条(一)).
 *
 * A report is drafted from the ledger and the evaluation
 * (api-report-text.c), edited while it is a draft, signed by a writer of
 * its organ, locked by the office, and an annual report is then published
 * by the office: published_on is set, its text enters the portal's
 * full-text index, and a ledger record of kind rol_gov_annual_report is
 * written through api_record_write, so the duty 6.1-annual-report sees
 * the report like any filing. Each step is one transaction with its
 * audit entry (report.draft, report.update, report.sign, report.lock,
 * report.publish); a step from the wrong state is 409 with the reason.
 *
 * Scope: writers of the organ (its clerk, the offices above it) draft,
 * edit and sign; offices lock and publish; inspectors and discipline
 * officers of the region read; a leader reads only their own 述法. The
 * public portal (web/public.c) reads published reports through
 * api_report_load(..., public = 1) and nothing else.
 *
 * The handlers and the pages share the functions declared in api.h, so
 * a page cannot do more than the API would. This file reads (a report as
 * JSON, the scope check, the listing); api-report-write.c drafts and
 * moves reports, api-report-text.c writes the first draft's text,
 * api-report-pdf.c the PDF and api-rankings.c the rankings workbook.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api-reports.h"
#include "api/api.h"
#include "base/date.h"
#include "engine/coverage.h"
#include "store/store-reports.h"
#include "store/store-separation.h"

#define ANNUAL_KIND "rol_gov_annual_report"
#define RECIPIENTS_FIELD "recipients"

static const struct {
	const char *id, *label;
} statuses[] = {
	{ "draft", "草稿" },
	{ "signed", "已签署" },
	{ "locked", "已锁定" },
	{ "published", "已公开" },
};

const char *
api_report_status_label(const char *status)
{
	for (size_t i = 0; status && i < sizeof statuses / sizeof *statuses;
	    i++)
		if (strcmp(status, statuses[i].id) == 0)
			return statuses[i].label;
	return status ? status : "";
}

const char *
api_report_kind_label(const char *kind)
{
	if (kind != NULL && strcmp(kind, "annual") == 0)
		return "法治政府建设年度报告";
	return "述法报告";
}


const struct catalog_field *
api_report_recipients_field(const struct catalog *c)
{
	int k = catalog_kind_find(c, ANNUAL_KIND);
	int f = k >= 0 ? catalog_field_find(&c->kinds[k], RECIPIENTS_FIELD) : -1;
	return f >= 0 ? &c->kinds[k].fields[f] : NULL;
}

size_t
api_report_recipients_of(const struct catalog *c,
    const struct store_organ_info *o, char *const **values)
{
	const struct catalog_field *f = api_report_recipients_field(c);
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
api_report_recipient_label(const struct catalog *c, const char *id)
{
	const struct catalog_field *f = api_report_recipients_field(c);
	for (size_t i = 0; f != NULL && i < f->nvalues; i++)
		if (strcmp(f->values[i], id) == 0)
			return f->labels[i];
	return id;
}

date_t
api_report_due(int year)
{
	return date_from_ymd(year + 1, 3, 31);
}

/* ---- reading ---- */

static json_t *
report_json(struct request *r, const struct store_report *row)
{
	json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s}", "id", row->id, "kind", row->kind, "year",
	    row->year, "organ", row->organ, "organ_name", row->organ_name,
	    "region", row->region, "region_name", row->region_name, "title",
	    row->title, "status", row->status, "status_label",
	    api_report_status_label(row->status), "created_by", row->created_by,
	    "created_at", row->created_at);
	if (row->person != NULL) {
		json_object_set_new(o, "person", json_string(row->person));
		json_object_set_new(o, "person_name",
		    json_string(row->person_name ? row->person_name : ""));
	}
	json_t *sections = json_loads(row->body, 0, NULL);
	json_object_set_new(o, "sections", json_is_array(sections) ? sections :
	    json_array());
	if (sections != NULL && !json_is_array(sections))
		json_decref(sections);
	const char *opt[][2] = { { "signed_by", row->signed_by },
		{ "signed_at", row->signed_at }, { "locked_at", row->locked_at },
		{ "published_on", row->published_on },
		{ "updated_at", row->updated_at } };
	for (size_t i = 0; i < sizeof opt / sizeof *opt; i++)
		json_object_set_new(o, opt[i][0], opt[i][1] ?
		    json_string(opt[i][1]) : json_null());
	if (strcmp(row->kind, "annual") == 0) {
		json_t *ids = row->recipients ? json_loads(row->recipients, 0,
		    NULL) : NULL, *list = json_array(), *x;
		size_t i;
		json_array_foreach(ids, i, x)
			if (json_is_string(x))
				json_array_append_new(list, json_pack("{s:s, s:s}", "id",
				    json_string_value(x), "label",
				    api_report_recipient_label(r->catalog,
				    json_string_value(x))));
		json_decref(ids);
		json_object_set_new(o, "recipients", list);
		char due[11];
		date_t d = api_report_due(row->year), on;
		date_format(d, due);
		json_object_set_new(o, "due", json_string(due));
		/* Late: published after the due date, or not yet published
		 * with the date passed. */
		int late = row->published_on != NULL ?
		    date_parse(row->published_on, &on) == 0 && on > d :
		    date_today() > d;
		json_object_set_new(o, "late", json_boolean(late));
		json_object_set_new(o, "record", row->published_on ?
		    json_string(arena_printf(r->arena, RECORD_WORKFLOW_PREFIX "%s-%d",
		    row->organ, row->year)) : json_null());
	}
	return o;
}

static int
keep(void *ctx, const struct store_report *row)
{
	struct report_loaded *l = ctx;
	l->o = report_json(l->r, row);
	snprintf(l->organ, sizeof l->organ, "%s", row->organ);
	snprintf(l->person, sizeof l->person, "%s", row->person ? row->person :
	    "");
	snprintf(l->status, sizeof l->status, "%s", row->status);
	snprintf(l->kind, sizeof l->kind, "%s", row->kind);
	snprintf(l->created_by, sizeof l->created_by, "%s", row->created_by);
	l->key = row->key;
	l->year = row->year;
	return 0;
}

/* Who locked and who published report id (store-separation.h) into o.
 * 0 or -1. */
static int
actors_json(struct request *r, const char *id, json_t *o)
{
	char locked[STORE_ACCOUNT_MAX], published[STORE_ACCOUNT_MAX];
	if (store_report_actors(r->store, id, locked, published) < 0)
		return -1;
	json_object_set_new(o, "locked_by", *locked ? json_string(locked) :
	    json_null());
	json_object_set_new(o, "published_by", *published ?
	    json_string(published) : json_null());
	return 0;
}

const char *
api_report_not_drafter(const struct principal *p, const char *created_by)
{
	if (created_by != NULL && strcmp(p->name, created_by) == 0)
		return "报告由您起草,签署、锁定和公开须由起草人以外的人员办理 (the "
		    "drafter does not sign, lock or publish)";
	return NULL;
}

/* Whether r->user may read a report of organ o about person. */
static int
readable(const struct principal *p, const struct store_organ_info *o,
    const char *kind, const char *person)
{
	if (p->role == ACCT_LEADER)
		return strcmp(kind, "shufa") == 0 && p->person[0] != '\0' &&
		    strcmp(person, p->person) == 0;
	return access_can_read_organ(p, o);
}

int
api_report_fetch(struct request *r, const char *id, int public,
    struct report_loaded *l, struct store_organ_info *o, unsigned *status)
{
	memset(l, 0, sizeof *l);
	l->r = r;
	*status = 0;
	int rc = store_report_get(r->store, id, keep, l);
	if (rc < 0 || (rc == 1 && l->o == NULL) || (rc == 1 &&
	    actors_json(r, id, l->o))) {
		json_decref(l->o);
		l->o = NULL;
		*status = 500;
		return -1;
	}
	if (rc == 0) {
		*status = 404;
		return -1;
	}
	int ok;
	if (public)
		ok = strcmp(l->status, "published") == 0;
	else {
		rc = store_organ_info(r->store, l->organ, o);
		if (rc < 0) {
			json_decref(l->o);
			l->o = NULL;
			*status = 500;
			return -1;
		}
		ok = rc == 1 && readable(&r->user, o, l->kind, l->person);
	}
	if (!ok) {
		json_decref(l->o);
		l->o = NULL;
		*status = 404;
		return -1;
	}
	return 0;
}

json_t *
api_report_load(struct request *r, const char *id, int public,
    unsigned *status)
{
	struct report_loaded l;
	struct store_organ_info o;
	return api_report_fetch(r, id, public, &l, &o, status) ? NULL : l.o;
}

void
api_report_missing(struct request *r, unsigned status, const char *id)
{
	resp_problem(r, status, status == 404 ? "报告不存在 (no such report)" :
	    "内部错误", status == 404 ? id : store_error(r->store), NULL);
}

void
api_report_get(struct request *r)
{
	unsigned status;
	json_t *o = api_report_load(r, r->params[0], 0, &status);
	if (o == NULL)
		api_report_missing(r, status, r->params[0]);
	else
		resp_json(r, 200, o);
}

/* ---- the listing ---- */

struct listing {
	struct request *r;
	json_t *items;
};

static int
list_row(void *ctx, const struct store_report *row)
{
	struct listing *l = ctx;
	json_t *o = report_json(l->r, row);
	json_object_del(o, "sections"); /* the listing is an index */
	json_array_append_new(l->items, o);
	return 0;
}

static const char *
query(struct request *r, const char *name)
{
	const char *v = req_query(r, name);
	return v != NULL && *v != '\0' ? v : NULL;
}

int
api_report_filter(struct request *r, struct store_report_filter *f,
    char *path, size_t n, int *page, int *per_page)
{
	struct store_organ_info o;
	memset(f, 0, sizeof *f);
	api_paging(r, page, per_page);
	f->limit = *per_page;
	f->offset = (*page - 1) * *per_page;
	f->kind = query(r, "kind");
	f->status = query(r, "status");
	if (f->kind != NULL && strcmp(f->kind, "shufa") != 0 &&
	    strcmp(f->kind, "annual") != 0) {
		resp_problem(r, 400, "kind 应为 shufa 或 annual", f->kind, "kind");
		return -1;
	}
	if (f->status != NULL && strcmp(api_report_status_label(f->status),
	    f->status) == 0) {
		resp_problem(r, 400, "status 应为 draft、signed、locked 或 "
		    "published", f->status, "status");
		return -1;
	}
	const char *y = query(r, "year");
	if (y != NULL && date_parse_year(y, &f->year)) {
		resp_problem(r, 400, "年度格式应为 YYYY", y, "year");
		return -1;
	}
	f->path = access_scope_path(&r->user);
	if (*f->path == '\0')
		f->path = NULL;
	const char *organ = query(r, "organ");
	switch (r->user.role) {
	case ACCT_LEADER:
		if (r->user.person[0] == '\0')
			return 0;
		f->person = r->user.person;
		f->kind = "shufa";
		f->path = NULL;
		break;
	case ACCT_CLERK:
		if (r->user.organ[0] == '\0')
			return 0;
		if (organ != NULL && strcmp(organ, r->user.organ) != 0) {
			resp_problem(r, 403, "无权查看该机构 (organ outside your "
			    "scope)", organ, "organ");
			return -1;
		}
		organ = r->user.organ;
		break;
	default:
		break;
	}
	if (organ != NULL) {
		if (r->user.role != ACCT_LEADER &&
		    api_organ_access(r, organ, 0, "organ", &o) <= 0)
			return -1;
		f->organ = organ;
	}
	const char *region = query(r, "region");
	if (region != NULL) {
		int rc = store_region_path(r->store, region, path, n);
		if (rc <= 0 || !access_can_read_path(&r->user, path)) {
			resp_problem(r, rc < 0 ? 500 : 404, "地区不存在或不在权限范围内",
			    region, "region");
			return -1;
		}
		f->path = path;
	}
	return 1;
}

void
api_reports_list(struct request *r)
{
	struct store_report_filter f;
	char path[512];
	int page, per_page;
	int rc = api_report_filter(r, &f, path, sizeof path, &page, &per_page);
	if (rc < 0)
		return;
	struct listing l = { r, json_array() };
	long total = rc ? store_count_reports(r->store, &f) : 0;
	if (total < 0 || (rc && store_each_report(r->store, &f, list_row,
	    &l) < 0)) {
		json_decref(l.items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:o, s:i, s:i, s:I}", "items", l.items,
	    "page", page, "per_page", per_page, "total", (json_int_t)total));
}
