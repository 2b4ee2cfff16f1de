/*
 * A report's steps (report.h): sign, lock and publish, each decided on
 * the report as stored inside the transaction that takes it.
 *
 * Publishing an annual report also files the ledger record that the
 * duty 6.1-annual-report counts, inside the same transaction: the report
 * is published with its record or not at all. The record is written the
 * way the records workflow writes a record a workflow files (import's
 * checks, then auth/authority.h on the row as stored, under an id
 * reserved to the workflow), by file_record below.
 */
#include <string.h>

#include "audit/audit.h"
#include "auth/authority.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/sm3.h"
#include "domain/report.h"
#include "import/import.h"
#include "store/store-reports.h"
#include "store/store-separation.h"
#include "store/store-workflow.h"

/* Why step cannot start from the report's state, or NULL when it can. */
static const char *
refused(enum report_step step, const char *kind, const char *status)
{
	int draft = strcmp(status, "draft") == 0;
	int signed_ = strcmp(status, "signed") == 0;
	int locked = strcmp(status, "locked") == 0;
	switch (step) {
	case REPORT_SIGN:
		return draft ? NULL : report_frozen(status);
	case REPORT_LOCK:
		if (signed_)
			return NULL;
		return draft ? "报告尚未签署,不能锁定 (sign it first)" :
		    "报告已锁定 (the report is locked already)";
	case REPORT_PUBLISH:
		if (strcmp(kind, "annual") != 0)
			return "述法报告不向社会公开 (only annual reports are "
			    "published)";
		if (locked)
			return NULL;
		return draft || signed_ ? "报告须先签署并锁定,才能公开 (sign and "
		    "lock it first)" : "报告已公开 (the report is published "
		    "already)";
	}
	return "unknown step";
}

/* The text the portal's index holds: every heading and paragraph. */
static const char *
index_text(struct dom *d, const struct report_doc *rep)
{
	struct buf b;
	buf_init(&b, 8u << 20);
	for (size_t i = 0; i < rep->nsections; i++)
		buf_printf(&b, "%s\n%s\n", rep->sections[i].title,
		    rep->sections[i].text);
	const char *s = arena_strdup(d->arena, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* What the public reads: the final's text when one was signed (what
 * pdftotext read from it), else every heading and paragraph. */
static const char *
public_text(struct dom *d, const struct report_doc *rep)
{
	const char *text = NULL;
	if (report_final_serves(rep) && report_final_text(d, rep->id, &text))
		return NULL;
	return text != NULL ? text : index_text(d, rep);
}

/* The ledger record that publishing an annual report files: what the
 * duty 6.1-annual-report counts (new reference). */
static json_t *
annual_record(struct dom *d, const struct report_doc *rep, const char *on,
    int late)
{
	json_t *ids = json_array();
	for (size_t i = 0; i < rep->nrecipients; i++)
		json_array_append_new(ids, json_string(rep->recipients[i].id));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:o, s:s, s:s, s:[s]}",
	    "id", arena_printf(d->arena, REPORT_RECORD_PREFIX "%s-%d",
	    rep->organ, rep->year),
	    "kind", "rol_gov_annual_report", "organ", rep->organ, "date", on,
	    "title", late ? arena_printf(d->arena, "%s(逾期公开)", rep->title) :
	    rep->title, "about_year", rep->year, "recipients", ids,
	    "published_on", on, "status", "verified", "evidence",
	    arena_printf(d->arena, "/public/reports/%s", rep->id));
}

/* The guard of the record's write: the authority's verdict on the row
 * as stored (a create: no row may hold the id). */
struct guard {
	struct dom *d;
	struct fault f;
};

static int
record_check(void *ctx, const struct import_check *c)
{
	struct guard *g = ctx;
	struct authority_record w = { .id = c->id, .create = 1,
		.organ = c->organ, .person = c->person, .date = c->date,
		.about_year = c->year, .finding = catalog_kind_is_finding(
		g->d->catalog, c->kind), .catalog = g->d->catalog };
	int rc = authority_record(g->d->store, g->d->user, &w, &g->f);
	if (rc != 0 && g->f.detail != NULL)
		g->f.detail = arena_strdup(g->d->arena, g->f.detail);
	return rc;
}

static void
collect(void *ctx, const char *field, const char *reason)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s}", "field", field,
	    "reason", reason));
}

/*
 * Files rec, a new ledger record of this workflow (its id under the
 * prefix reserved to it, written verified as it stands), inside the
 * caller's transaction, which the caller commits or rolls back. Returns
 * 0, or -1 with d->fault: the guard's refusal, 409 for a closed year or
 * 400 for a record the catalog refuses (with the list of field errors
 * in d->fault.errors, the first as its field and detail), 500.
 */
static int
file_record(struct dom *d, json_t *rec)
{
	struct guard g = { .d = d };
	struct import_guard guard = { record_check, &g, 1 };
	json_t *errors = json_array();
	struct diag dg;
	int put = -1;
	diag_init(&dg, NULL);
	dg.sink = collect;
	dg.sink_ctx = errors;
	enum import_result ir = import_object(d->store, d->catalog, rec,
	    "record", d->actor, &guard, &dg, &put);
	if (ir == IMPORT_OK) {
		json_decref(errors);
		return 0;
	}
	if (ir == IMPORT_REFUSED)
		d->fault = g.f;
	else if (ir == IMPORT_CLOSED || ir == IMPORT_BAD) {
		json_t *first = json_array_get(errors, 0);
		fault_set(&d->fault, ir == IMPORT_CLOSED ? 409 : 400,
		    ir == IMPORT_CLOSED ? "该年度已结转,记录不能新增或修改 (the "
		    "year is closed)" : "记录不符合要求 (invalid record)",
		    first ? arena_strdup(d->arena, json_string_value(
		    json_object_get(first, "reason"))) : NULL, first ?
		    arena_strdup(d->arena, json_string_value(json_object_get(
		    first, "field"))) : NULL);
		d->fault.errors = json_incref(errors);
	} else
		fault_set(&d->fault, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	json_decref(errors);
	return -1;
}

/* The day of the report's latest step so far (drafted, signed, locked),
 * or DATE_NONE when none has a time. */
static date_t
last_step(const struct report_doc *rep)
{
	const char *steps[] = { rep->created_at, rep->signed_at,
		rep->locked_at };
	date_t last = DATE_NONE;
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		date_t day = date_of_stamp(steps[i]);
		if (day != DATE_NONE && (last == DATE_NONE || day > last))
			last = day;
	}
	return last;
}

/* Refuses with f after rolling back. */
static int
back(struct dom *d, unsigned status, const char *title, const char *detail,
    const char *field)
{
	store_rollback(d->store);
	return dom_refuse(d, status, title, detail, field);
}

/* The step's writes, after its checks: 1 done, 0 the report moved
 * meanwhile, -1 (d->fault set when the record refused). */
static int
write_step(struct dom *d, const struct report_doc *rep, enum report_step step,
    const char *day, date_t on, const char *now, int *answered)
{
	const char *id = rep->id;
	int rc = -1;
	switch (step) {
	case REPORT_SIGN:
		rc = store_report_sign(d->store, id, d->user->name, now);
		/* An annual report is the organ's 发文: its 发文字号 is
		 * given at its 定稿编号 (report-final.c), or now, in the
		 * signature's transaction, numbered in the year it is
		 * signed, when that step was skipped. */
		if (rc == 1 && strcmp(rep->kind, "annual") == 0 &&
		    rep->number_seq == 0 && store_report_number(d->store, id,
		    date_year(date_of_stamp(now))))
			rc = -1;
		return rc;
	case REPORT_LOCK:
		rc = store_report_lock(d->store, id, now);
		if (rc == 1 && store_report_actor_set(d->store, id, "lock",
		    d->user->name))
			rc = -1;
		return rc;
	case REPORT_PUBLISH:
		rc = store_report_publish(d->store, id, day, now);
		if (rc == 1 && store_report_actor_set(d->store, id, "publish",
		    d->user->name))
			rc = -1;
		const char *text = rc == 1 ? public_text(d, rep) : NULL;
		if (rc == 1 && (text == NULL || store_report_index(d->store,
		    rep->key, rep->title, text)))
			rc = -1;
		if (rc == 1) {
			json_t *rec = annual_record(d, rep, day,
			    on > report_due(rep->year));
			if (file_record(d, rec)) {
				rc = -1;
				*answered = 1;
			} else if (store_record_owner_add(d->store,
			    json_string_value(json_object_get(rec, "id")),
			    "report", id))
				rc = -1;
			json_decref(rec);
		}
		return rc;
	}
	return -1;
}

int
report_step(struct dom *d, const char *id, enum report_step step,
    const char *published_on)
{
	static const char *const actions[] = { "report.sign", "report.lock",
		"report.publish" };
	struct report_doc rep;
	date_t on = date_today();
	/* Who may take the step is decided on the report as stored, inside
	 * the transaction that takes it. */
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (report_load(d, id, 0, &rep)) {
		store_rollback(d->store);
		return -1;
	}
	/* Two people: the leader the report speaks for signs it in person,
	 * the office locks and publishes it (auth/authority.h). */
	struct fault who = { 0 };
	int denied = step == REPORT_SIGN ? authority_report_sign(d->store,
	    d->user, rep.organ, strcmp(rep.kind, "shufa") == 0 ? rep.person :
	    NULL, rep.year, &who) : authority_report_issue(d->user,
	    &rep.organ_info, &who);
	if (denied) {
		store_rollback(d->store);
		d->fault = who;
		d->fault.detail = id;
		return -1;
	}
	const char *mine = report_not_drafter(d->user, rep.created_by);
	const char *why = refused(step, rep.kind, rep.status);
	if (mine != NULL || why != NULL)
		return back(d, mine != NULL ? 403 : 409, mine != NULL ? mine : why,
		    id, NULL);
	if (step == REPORT_PUBLISH && published_on != NULL &&
	    (date_parse(published_on, &on) || on <= date_from_ymd(rep.year, 12,
	    31) || on > date_today()))
		return back(d, 400, arena_printf(d->arena, "公开日期应为 %d 年以后、"
		    "不晚于今天的日期 YYYY-MM-DD", rep.year), published_on,
		    "published_on");
	/* Nor before the steps it follows: a report drafted, signed and
	 * locked today is published today at the earliest. */
	date_t last = step == REPORT_PUBLISH ? last_step(&rep) : DATE_NONE;
	if (last != DATE_NONE && on < last) {
		char day[11];
		date_format(last, day);
		return back(d, 400, arena_printf(d->arena, "公开日期不能早于报告"
		    "起草、签署和锁定的日期(%s)", day), published_on,
		    "published_on");
	}
	/* What the public may not read stops it, each found thing listed
	 * (the report's page shows the same before the office tries). */
	struct report_hit *hits;
	size_t nhits = 0;
	struct report_doc checked = rep;
	struct report_section final = { "", NULL };
	if (step == REPORT_PUBLISH && report_final_serves(&rep)) {
		/* The final is what goes out: its text is checked. */
		if (report_final_text(d, id, &final.text)) {
			store_rollback(d->store);
			return -1;
		}
		if (final.text != NULL) {
			checked.sections = &final;
			checked.nsections = 1;
		}
	}
	if (step == REPORT_PUBLISH && report_public_check(d, &checked, &hits,
	    &nhits)) {
		store_rollback(d->store);
		return -1;
	}
	if (final.text != NULL)
		for (size_t i = 0; i < nhits; i++)
			hits[i].where = "定稿 PDF";
	if (nhits > 0) {
		back(d, 422, "报告含有不宜公开的内容,请修改后再公开", arena_printf(
		    d->arena, "%s:%s(%s)", hits[0].where, hits[0].found,
		    hits[0].why), NULL);
		d->fault.errors = report_hits_json(hits, nhits);
		return -1;
	}
	char now[32], day[11];
	dom_now(now);
	date_format(on, day);
	/* The signature covers the final, when one was uploaded: its SM3
	 * is in the entry's content, and the final cannot change after. */
	const char *text = step == REPORT_PUBLISH ? public_text(d, &rep) : "";
	const char *what = step == REPORT_PUBLISH ? arena_printf(d->arena,
	    "%s|%s", day, text ? text : "") : rep.final_sm3 != NULL ?
	    arena_printf(d->arena, "%s|%s|final:%s", d->user->name, now,
	    rep.final_sm3) : arena_printf(d->arena, "%s|%s", d->user->name,
	    now);
	int answered = 0;
	int rc = write_step(d, &rep, step, day, on, now, &answered);
	if (rc == 1 && (audit_append(d->store, d->actor, actions[step],
	    arena_printf(d->arena, "report:%s", id), 1, report_sm3(d, what)) ||
	    store_commit(d->store)))
		rc = -1;
	if (rc == 1)
		return 0;
	store_rollback(d->store);
	if (rc == 0)
		return dom_refuse(d, 409, "报告的状态已改变,请刷新后重试", id, NULL);
	if (!answered)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	return -1;
}
