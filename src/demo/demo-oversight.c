/*
 * demo-oversight.c: the supervision behind the demo's findings.
 *
 * A finding is a determination by a competent body (the contract's
 * "Findings"; 第九条), never a line typed into the ledger. The demo's
 * ledger (demo-ledger.c) writes each finding with the basis, reference and
 * deciding account it came from; this file then puts into the database
 * what those references name, as the accounts concerned would have made
 * it over the web:
 *
 *   - an inspection (专项督查) of 南明区 by the provincial inspector, whose
 *     observations the 区委依法治区办 determined as the findings about a
 *     department head and a township party secretary (第十条: the measures
 *     and 第九条 reach them by reference);
 *   - for each county party secretary found to have interfered in judicial
 *     matters, the accountability case (问责案件) of the provincial
 *     discipline body in which it was found, opened on a report and now
 *     at 陈述申辩 (the decision is for another account: separation of
 *     duties).
 *
 * Everything is written in one transaction with its audit entries, after
 * the import that wrote the findings, so the references resolve and an
 * audit verification covers it.
 */
#include "demo/demo-oversight.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "store/store-cases.h"
#include "store/store-supervision.h"

#define INSPECTOR "inspector"

/* A UTC stamp on a day of the demo: noon Beijing time. */
static void
stamp(char out[32], const char *date, const char *clock)
{
	snprintf(out, 32, "%.10sT%sZ", date, clock);
}

static int
add_inspection(struct store *s, int year, const char *id)
{
	char y0[11], y1[11], at[32];
	snprintf(y0, sizeof y0, "%04d-09-01", year);
	snprintf(y1, sizeof y1, "%04d-09-20", year);
	stamp(at, y0, "01:00:00");
	struct store_inspection in = { .id = id, .kind = "special",
		.title = "南明区党政主要负责人履行推进法治建设第一责任人职责"
		    "专项督查", .region = "520102", .year = year,
		.status = "completed", .starts = y0, .ends = y1,
		.focus = "工作部门和乡(镇、街道)主要负责人参照执行情况(第十条)",
		.created_by = INSPECTOR, .created_at = at };
	char entity[64];
	snprintf(entity, sizeof entity, "inspection:%s", id);
	return store_inspection_add(s, &in) || audit_append(s, INSPECTOR,
	    "inspection.create", entity, 1, "") ? -1 : 0;
}

/* The observation behind finding f, and its determination. */
static int
add_observation(struct store *s, const struct demo_finding *f,
    const char *inspection)
{
	char at[32], det[32], entity[64];
	snprintf(entity, sizeof entity, "finding:%s", f->source);
	stamp(at, f->found, "02:00:00");
	stamp(det, f->determined, "06:00:00");
	struct store_finding o = { .id = f->source,
		.inspection = inspection, .organ = f->organ,
		.person = f->person, .duty = f->duty, .severity = "veto",
		.description = f->title, .created_by = INSPECTOR,
		.created_at = at };
	if (store_finding_add(s, &o) || audit_append(s, INSPECTOR,
	    "finding.create", entity, 1, ""))
		return -1;
	int rc = store_finding_determine(s, o.id, f->record, f->determined_by,
	    det);
	if (rc != 1)
		return -1;
	return audit_append(s, f->determined_by, "finding.determine", entity,
	    1, "");
}

/* The case in which finding f was found, at 陈述申辩. */
static int
add_case(struct store *s, const struct demo_finding *f, int year)
{
	char at[32], inv[32], ref[160], summary[512], investigation[512];
	char entity[64];
	snprintf(entity, sizeof entity, "case:%s", f->basis_ref);
	stamp(at, f->found, "01:30:00");
	stamp(inv, f->determined, "05:00:00");
	snprintf(ref, sizeof ref, "report:%d:%s", year, f->person);
	snprintf(summary, sizeof summary, "群众举报%s(%s)违规干预司法活动、"
	    "插手具体案件处理", f->person_name, f->organ_name);
	snprintf(investigation, sizeof investigation, "经调查,%s存在违规干预"
	    "司法活动、插手具体案件处理的问题,已作出认定。", f->person_name);
	struct store_case c = { .id = f->basis_ref, .target = "cadre",
		.person = f->person, .organ = f->organ, .item = 3,
		.source = "report", .source_ref = ref, .year = year,
		.summary = summary, .state = "started",
		.created_by = f->determined_by, .created_at = at };
	if (store_case_add(s, &c) || store_number_case(s, c.id, year) ||
	    store_case_event_add(s, c.id, "open",
	    NULL, "started", ref, f->determined_by, at) ||
	    store_case_event_add(s, c.id, "transition", "started",
	    "investigating", "立案调查", f->determined_by, at))
		return -1;
	c.state = "statement";
	c.investigation = investigation;
	c.updated_at = inv;
	c.decided_on = c.executed_on = c.appeal_on = DATE_NONE;
	if (store_case_update(s, &c) != 1 || store_case_event_add(s, c.id,
	    "transition", "investigating", "statement", "调查终结,告知陈述申辩",
	    f->determined_by, inv))
		return -1;
	return audit_append(s, f->determined_by, "case.open", entity, 1, "") ||
	    audit_append(s, f->determined_by, "case.transition", entity, 1, "") ?
	    -1 : 0;
}

int
demo_oversight(struct store *s, const struct demo_stats *st, int year)
{
	char inspection[48];
	int have_inspection = 0;
	snprintf(inspection, sizeof inspection, "insp-%d-00000001", year);
	if (store_begin(s))
		return -1;
	for (size_t i = 0; i < st->nfindings; i++) {
		const struct demo_finding *f = &st->findings[i];
		int rc;
		if (strcmp(f->basis, "inspection") == 0) {
			if (!have_inspection &&
			    add_inspection(s, year, inspection))
				goto fail;
			have_inspection = 1;
			rc = add_observation(s, f, inspection);
		} else {
			rc = add_case(s, f, year);
		}
		if (rc)
			goto fail;
	}
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}
