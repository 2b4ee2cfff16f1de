/*
 * Authority at the root (see authority.h): the checks every write of a
 * record, a score or a finding makes against the rows as stored, inside
 * its transaction. Reads only; the writer's transaction (which holds the
 * write lock on both backends) makes what is read here what is written.
 */
#include "auth/authority.h"

#include <stdio.h>
#include <string.h>

#include "engine/coverage.h"
#include "store/store-separation.h"

static int
fault(struct authority_fault *f, unsigned status, const char *field,
    const char *title, const char *detail)
{
	*f = (struct authority_fault){ status, field, title, detail };
	return -1;
}

static int
storage(struct authority_fault *f)
{
	return fault(f, 500, NULL, "内部错误", NULL);
}

struct stored {
	char organ[130];
	int found;
};

static int
keep_organ(void *ctx, const struct store_ledger_row *row)
{
	struct stored *st = ctx;
	snprintf(st->organ, sizeof st->organ, "%s", row->organ);
	st->found = 1;
	return 0;
}

/* The organ of the record with id as stored: 1, 0 (no such record), -1. */
static int
stored_organ(struct store *s, const char *id, struct store_organ_info *o)
{
	struct stored st = { "", 0 };
	int rc = store_ledger_get(s, id, keep_organ, &st);
	if (rc <= 0 || !st.found)
		return rc < 0 ? -1 : 0;
	return store_organ_info(s, st.organ, o);
}

/* The record with id as stored, asked of p with can: 404 where p cannot
 * read it (or it does not exist), 403 with refused where can says no. */
static int
stored_record(struct store *s, const struct principal *p, const char *id,
    int (*can)(const struct principal *, const struct store_organ_info *),
    const char *refused, struct authority_fault *f)
{
	struct store_organ_info o;
	int rc = stored_organ(s, id, &o);
	if (rc < 0)
		return storage(f);
	if (rc == 0 || !access_can_read_organ(p, &o))
		return fault(f, 404, NULL, "记录不存在 (no such record)", id);
	if (!can(p, &o))
		return fault(f, 403, NULL, refused, id);
	return 0;
}

int
authority_stored_record(struct store *s, const struct principal *p,
    const char *id, struct authority_fault *f)
{
	return stored_record(s, p, id, access_can_write_organ,
	    "无权修改该记录 (outside your scope)", f);
}

int
authority_review_record(struct store *s, const struct principal *p,
    const char *id, struct authority_fault *f)
{
	return stored_record(s, p, id, access_can_review_organ,
	    "无权审核该记录 (outside your scope)", f);
}

int
authority_review_own(struct store *s, const struct principal *p,
    const char *id, struct authority_fault *f)
{
	char created[STORE_ACCOUNT_MAX], edited[STORE_ACCOUNT_MAX];
	int rc = store_record_author(s, id, created, edited);
	if (rc < 0)
		return storage(f);
	if (rc == 0)
		return fault(f, 404, NULL, "记录不存在 (no such record)", id);
	if (strcmp(created, p->name) == 0)
		return fault(f, 403, NULL, "不能审核本人录入的记录,须由另一名审核人员"
		    "核实或退回 (you entered this record)", id);
	if (strcmp(edited, p->name) == 0)
		return fault(f, 403, NULL, "不能审核本人修改过的记录,须由另一名审核"
		    "人员核实或退回 (you edited this record)", id);
	return 0;
}

int
authority_record(struct store *s, const struct principal *p,
    const struct authority_record *w, struct authority_fault *f)
{
	struct store_organ_info o;
	int rc;
	/* An edit: the record as it stands decides, before what the body
	 * asks for (a record outside the scope is not told to exist). */
	if (!w->create && authority_stored_record(s, p, w->id, f))
		return -1;
	rc = store_organ_info(s, w->organ, &o);
	if (rc < 0)
		return storage(f);
	if (rc == 0)
		return fault(f, 400, "organ", "机构不存在 (unknown organ)",
		    w->organ);
	/* An unknown person is the body's fault (400), told before any
	 * question of scope (403), as the contract orders them. */
	if (w->person != NULL) {
		int64_t key;
		rc = store_person_key(s, w->person, &key);
		if (rc < 0)
			return storage(f);
		if (rc == 0)
			return fault(f, 400, "person", "人员不存在 (unknown person)",
			    w->person);
	}
	if (!access_can_write_organ(p, &o))
		return fault(f, 403, "organ", "无权为该机构录入 (organ outside "
		    "your scope)", w->organ);
	if (w->person != NULL) {
		date_t from = w->date, to = w->date;
		if (w->about_year > 0) {
			from = date_from_ymd(w->about_year, 1, 1);
			to = date_from_ymd(w->about_year, 12, 31);
		}
		rc = authority_person(s, w->person, w->organ, from, to, "person",
		    f);
		if (rc <= 0)
			return -1;
	}
	if (w->create) {
		struct stored st = { "", 0 };
		rc = store_ledger_get(s, w->id, keep_organ, &st);
		if (rc < 0)
			return storage(f);
		if (rc > 0 || st.found)
			return fault(f, 409, "id", "记录编号已存在,修改请用 PUT (id "
			    "exists)", w->id);
	}
	return 0;
}

struct window {
	const char *organ;
	date_t from, to;
	int held;
};

static int
held_in(void *ctx, const struct store_tenure *t)
{
	struct window *v = ctx;
	if (strcmp(t->organ_id, v->organ) == 0 && t->start <= v->to &&
	    (t->end == DATE_NONE || t->end >= v->from))
		v->held = 1;
	return 0;
}

int
authority_person(struct store *s, const char *person, const char *organ,
    date_t from, date_t to, const char *field, struct authority_fault *f)
{
	int64_t key;
	int rc = store_person_key(s, person, &key);
	if (rc < 0) {
		storage(f);
		return -1;
	}
	if (rc == 0) {
		fault(f, 400, field, "人员不存在 (unknown person)", person);
		return 0;
	}
	struct window v = { organ, from, to, 0 };
	if (store_each_tenure_of_person(s, person, held_in, &v) < 0) {
		storage(f);
		return -1;
	}
	if (!v.held) {
		/* The same answer for a person outside the caller's scope and
		 * one of its own who did not serve then: nothing is told. */
		fault(f, 403, field, "该人员当时未在该机构任职,或不在您的权限范围内 "
		    "(person without a tenure at the organ then)", NULL);
		return 0;
	}
	return 1;
}

struct reviewable {
	const struct principal *p;
	struct store *s;
	const struct catalog_rule *rule; /* the duty scored, or NULL */
	int year, ok, bound, failed;
};

/* A principal's post in the year: ok when p reviews its organ, bound when
 * the duty scored binds the post's role and coverage. */
static int
tenure_in_scope(void *ctx, const struct store_tenure *t)
{
	struct reviewable *v = ctx;
	struct store_organ_info o;
	enum role role;
	enum coverage cov;
	if (t->role != NULL && strcmp(t->role, "principal") != 0)
		return 0;
	if (date_year(t->start) > v->year || (t->end != DATE_NONE &&
	    date_year(t->end) < v->year))
		return 0;
	int rc = store_organ_info(v->s, t->organ_id, &o);
	if (rc < 0)
		v->failed = 1;
	if (rc != 1 || !access_can_review_organ(v->p, &o))
		return 0;
	v->ok = 1;
	if (v->rule == NULL || (coverage_of(o.kind, o.region_level, &role,
	    &cov) && (v->rule->roles & role) && (v->rule->coverage & cov)))
		v->bound = 1;
	return 0;
}

/* Whether the catalog holds rule for some day of year, and the year has
 * begun: a score is for a year the duty was in force. */
static int
in_force(const struct catalog *c, const struct catalog_rule *rule, int year)
{
	date_t first = date_from_ymd(year, 1, 1), last = date_from_ymd(year, 12,
	    31);
	date_t from = c->effective > rule->effective ? c->effective :
	    rule->effective;
	return year <= date_year(date_today()) && last >= from &&
	    (rule->until == DATE_NONE || first <= rule->until);
}

int
authority_score(struct store *s, const struct catalog *c,
    const struct principal *p, const char *duty, const char *person,
    int year, struct authority_fault *f)
{
	struct reviewable v = { p, s, NULL, year, 0, 0, 0 };
	int k = duty != NULL ? catalog_rule_find(c, duty) : -1;
	if (k >= 0 && c->rules[k].measure == MEASURE_QUALITATIVE) {
		v.rule = &c->rules[k];
		if (!in_force(c, v.rule, year))
			return fault(f, 400, "year", "该年度不在职责清单施行期内,"
			    "不能评分 (duty not in force that year)", NULL);
	}
	if (store_each_tenure_of_person(s, person, tenure_in_scope, &v) < 0 ||
	    v.failed)
		return storage(f);
	if (!v.ok)
		return fault(f, 403, "person", "该负责人不在您的评分范围内 (person "
		    "outside your scope)", person);
	if (!v.bound)
		return fault(f, 400, "duty", "该职责不适用于该负责人的职务,不能评分 "
		    "(duty does not bind the person's post)", NULL);
	return 0;
}
