/*
 * The demo's published annual report (demo-reports.h). The report is the
 * one the system drafts from the demo's ledger (report-text.c), the
 * drafting hints (【待填写】) replaced by a sentence as a writer would,
 * so that the check before publishing (report-public.c) lets it go: the
 * demo's portal then shows what a real one does. The government of
 * 安顺市西秀区 publishes: outside 贵阳市, whose organs' reports and
 * verdicts the tests draft, sign, number and count themselves. The people taking the steps are made here, as the
 * domain sees an account (auth/access.h: role, scope, person); none is
 * an account anybody can log in with.
 */
#include "demo/demo-reports.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/report.h"

#define DEMO_REPORT_REGION "520402"
#define DEMO_REPORT_ORGAN "520402-gov"
/* What a writer puts where the draft leaves a hint. */
#define DEMO_FILLED "按计划推进,按季度报告进展。"

struct principal_of {
	const char *organ;
	char *person;
	size_t n;
};

static int
first_principal(void *ctx, const struct store_tenure *t)
{
	struct principal_of *p = ctx;
	if (strcmp(t->organ_id, p->organ) != 0)
		return 0;
	snprintf(p->person, p->n, "%s", t->person_id);
	return 1;
}

int
demo_principal(struct store *s, const char *organ, const char *region,
    date_t day, char *person, size_t n)
{
	struct principal_of p = { organ, person, n };
	person[0] = '\0';
	return store_each_principal(s, day, day, region, first_principal,
	    &p) < 0 ? -1 : 0;
}

/* text with every drafting hint (to the end of its line) replaced. */
static const char *
filled(struct arena *a, const char *text)
{
	if (text == NULL)
		return NULL;
	const char *out = "";
	for (const char *p = text; *p;) {
		const char *hint = strstr(p, REPORT_TODO);
		if (hint == NULL)
			return arena_printf(a, "%s%s", out, p);
		const char *eol = strchr(hint, '\n');
		out = arena_printf(a, "%s%.*s%s", out, (int)(hint - p), p,
		    DEMO_FILLED);
		p = eol != NULL ? eol : hint + strlen(hint);
	}
	return out;
}

static int
failed(const struct dom *d, const char *step, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s%s%s", step, d->fault.title ?
	    d->fault.title : "failed", d->fault.detail ? ": " : "",
	    d->fault.detail ? d->fault.detail : "");
	return -1;
}

int
demo_publish_reports(struct store *s, const struct catalog *c, int year,
    const char *actor, char *err, size_t errlen)
{
	if (year >= date_year(date_today()))
		return 0; /* its year has not ended: nothing to report yet */
	struct store_organ_info o;
	struct principal clerk = { .role = ACCT_CLERK, .name = "xx-gov-clerk" };
	struct principal leader = { .role = ACCT_LEADER,
		.name = "xx-gov-leader" };
	struct principal office = { .role = ACCT_OFFICE, .name = "xx-office",
		.region = DEMO_REPORT_REGION };
	if (store_organ_info(s, DEMO_REPORT_ORGAN, &o) != 1 ||
	    store_region_path(s, DEMO_REPORT_REGION, office.path,
	    sizeof office.path) != 1 ||
	    demo_principal(s, DEMO_REPORT_ORGAN, DEMO_REPORT_REGION,
	    date_from_ymd(year, 12, 31), leader.person, sizeof leader.person)) {
		snprintf(err, errlen, "the organ %s: %s", DEMO_REPORT_ORGAN,
		    store_error(s));
		return -1;
	}
	/* The clerk and the leader of the organ, as access_load reads
	 * their accounts. */
	struct principal *of_organ[] = { &clerk, &leader };
	for (size_t i = 0; i < 2; i++) {
		snprintf(of_organ[i]->organ, sizeof of_organ[i]->organ, "%s",
		    o.id);
		of_organ[i]->organ_key = o.key;
		snprintf(of_organ[i]->path, sizeof of_organ[i]->path, "%s",
		    o.path);
	}
	struct arena *a = arena_create();
	if (a == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	struct dom d = { .store = s, .catalog = c, .user = &clerk, .arena = a,
		.actor = actor };
	struct report_draft in = { .kind = "annual", .organ = o.id,
		.year = year, .has_year = 1 };
	const char *id;
	struct report_doc rep;
	int rc = -1;
	if (report_draft(&d, &in, &id) || report_load(&d, id, 0, &rep)) {
		failed(&d, "draft", err, errlen);
		goto out;
	}
	struct report_edit ed = { .sections = arena_alloc(a, (rep.nsections +
	    1) * sizeof *ed.sections), .nsections = rep.nsections };
	for (size_t i = 0; i < rep.nsections; i++)
		ed.sections[i] = (struct report_section){ rep.sections[i].title,
			filled(a, rep.sections[i].text) };
	if (report_edit(&d, id, &ed)) {
		failed(&d, "edit", err, errlen);
		goto out;
	}
	d.user = &leader;
	if (report_step(&d, id, REPORT_SIGN, NULL)) {
		failed(&d, "sign", err, errlen);
		goto out;
	}
	d.user = &office;
	if (report_step(&d, id, REPORT_LOCK, NULL) ||
	    report_step(&d, id, REPORT_PUBLISH, NULL)) {
		failed(&d, "publish", err, errlen);
		goto out;
	}
	rc = 0;
out:
	arena_free(a);
	return rc;
}
