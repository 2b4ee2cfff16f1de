/*
 * Qualitative scores (record.h): a reviewer's score of a person for a
 * duty in a year, validated by the importer like a line of a file, and
 * allowed by the authority (auth/authority.h: authority_score) inside
 * the write's transaction.
 */
#include "auth/authority.h"
#include "domain/record.h"
#include "import/import.h"

static int
score_check(void *ctx, const struct import_check *c)
{
	struct dom *d = ctx;
	int rc = authority_score(d->store, d->catalog, d->user, c->duty,
	    c->person, c->year, &d->fault);
	if (rc != 0 && d->fault.detail != NULL)
		d->fault.detail = arena_strdup(d->arena, d->fault.detail);
	return rc;
}

int
score_write(struct dom *d, json_t *obj)
{
	/* The scorer is the caller, whatever the body says. */
	json_object_set_new(obj, "by", json_string(d->user->name));
	struct import_guard guard = { score_check, d, 0 };
	return record_import_one(d, obj, "score", &guard, NULL, NULL,
	    "该年度已结转,评分不能新增或修改 (the year is closed)",
	    "评分不符合要求 (invalid score)");
}
