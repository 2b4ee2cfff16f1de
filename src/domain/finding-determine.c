/*
 * Determining a finding (第九条's 认定): an inspector's observation
 * becomes a finding record, written by a competent account through the
 * record workflow (domain/record.c) in the same transaction that marks
 * the observation determined, so the two never disagree.
 */
#include <string.h>

#include "base/date.h"
#include "domain/record.h"
#include "domain/supervision.h"

/* The finding kind a determination of f makes: the body's, else that of
 * the duty the inspectors named when its kind is a finding kind. */
static const char *
determined_kind(struct dom *dm, json_t *obj, const struct store_finding *f)
{
	const char *kind = json_string_value(json_object_get(obj, "kind"));
	if (kind != NULL)
		return arena_strdup(dm->arena, kind); /* obj's is replaced */
	int d = f->duty ? catalog_rule_find(dm->catalog, f->duty) : -1;
	int k = d >= 0 ? dm->catalog->rules[d].kind : -1;
	return k >= 0 && dm->catalog->kinds[k].finding ? dm->catalog->kinds[k].id :
	    NULL;
}

/* The record a determination of f writes, in obj: the observation's
 * organ, person and text, on the basis of its inspection in; the day it
 * was observed unless the body says when the conduct was. Returns 0, or
 * -1 with d->fault. */
static int
determined_record(struct dom *d, json_t *obj, const struct store_finding *f,
    const struct store_inspection *in, const char *record, const char *kind)
{
	json_object_set_new(obj, "id", json_string(record));
	json_object_set_new(obj, "kind", json_string(kind));
	json_object_set_new(obj, "organ", json_string(f->organ));
	/* The leader observed is the one determined about; a body may name
	 * one only where the inspectors named nobody. */
	json_t *named = json_object_get(obj, "person");
	if (f->person != NULL && named != NULL && (!json_is_string(named) ||
	    strcmp(json_string_value(named), f->person) != 0))
		return dom_refuse(d, 400, "认定对象为督查发现的问题所涉负责人,不能另行"
		    "指定 (the observation names the person)", NULL, "person");
	if (f->person != NULL)
		json_object_set_new(obj, "person", json_string(f->person));
	if (json_object_get(obj, "date") == NULL) {
		/* The day observed, when it lies in the inspected year; else
		 * the body must say when the conduct was. */
		char day[11];
		date_t on = date_of_stamp(f->created_at);
		if (on == DATE_NONE || date_year(on) != in->year)
			return dom_refuse(d, 400, arena_printf(d->arena, "须填写行为"
			    "发生日期(发现之日不在督查年度 %d 年内) (date required)",
			    in->year), NULL, "date");
		date_format(on, day);
		json_object_set_new(obj, "date", json_string(day));
	}
	if (json_object_get(obj, "title") == NULL)
		json_object_set_new(obj, "title", json_string(f->description));
	json_object_set_new(obj, "basis", json_string("inspection"));
	json_object_set_new(obj, "basis_ref", json_string(f->inspection));
	return 0;
}

int
sup_finding_determine(struct dom *d, const char *finding, json_t *obj,
    const char **record)
{
	static const char *const servers[] = { "id", "organ", "basis",
		"basis_ref", "determined_by", "determined_on", "status" };
	struct store_finding f;
	struct store_inspection in;
	for (size_t i = 0; i < sizeof servers / sizeof *servers; i++)
		if (json_object_get(obj, servers[i]) != NULL)
			return dom_refuse(d, 400, "该项由系统按督查发现的问题填写 "
			    "(set by the server)", NULL, servers[i]);
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (sup_finding_observed(d, finding, &f, &in))
		return -1;
	const char *kind = determined_kind(d, obj, &f);
	if (kind == NULL || !catalog_kind_is_finding(d->catalog, kind)) {
		store_rollback(d->store);
		return dom_refuse(d, 400, "须选择认定的类型(问责认定类记录) (kind "
		    "must be a finding kind)", kind, "kind");
	}
	if (f.determined_record != NULL) {
		store_rollback(d->store);
		return dom_refuse(d, 409, "该问题已经认定 (already determined)",
		    finding, NULL);
	}
	*record = arena_printf(d->arena, "r-det-%s", finding);
	/* The record's own write decides who may determine it (authority.c)
	 * and answers its refusals; it joins this transaction. */
	if (determined_record(d, obj, &f, &in, *record, kind) ||
	    record_write(d, obj, NULL, RECORD_CREATE)) {
		store_rollback(d->store);
		return -1;
	}
	return sup_finding_determined(d, finding, *record, kind);
}
