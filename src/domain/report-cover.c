/*
 * The 报送 cover letters of an annual report (domain/document.h's table,
 * collection "reports"): one to each recipient the report names, the
 * catalog's template annual-report-cover with that recipient as its
 * 主送机关 and the report as its 附件, in the organ's name. The letter
 * goes out with the report: once the report is signed it carries the
 * report's 发文字号 and the day it was signed; before, it is a draft
 * without them, as the report is.
 *
 * A letter is named by its template and the recipient's id after a
 * colon ("annual-report-cover:party_committee"): the table's row
 * serves every recipient (report_cover_variants lists them).
 */
#include <string.h>

#include "base/date.h"
#include "domain/document.h"
#include "domain/report.h"

/* Report id as the caller may read it, an annual report: 0, or -1 with
 * the fault (404: none, not visible, or a 述法, which goes to nobody). */
static int
annual_of(struct dom *d, const char *id, struct report_doc *rep)
{
	if (report_load(d, id, 0, rep))
		return -1;
	if (strcmp(rep->kind, "annual") != 0)
		return dom_refuse(d, 404, "述法报告没有报送函 (only an annual "
		    "report goes to recipients)", id, NULL);
	return 0;
}

int
report_cover_variants(struct dom *d, const char *id, const char ***ids,
    const char ***labels, size_t *n)
{
	struct report_doc rep;
	if (annual_of(d, id, &rep))
		return -1;
	*ids = arena_alloc(d->arena, (rep.nrecipients + 1) * sizeof **ids);
	*labels = arena_alloc(d->arena, (rep.nrecipients + 1) *
	    sizeof **labels);
	for (size_t i = 0; i < rep.nrecipients; i++) {
		(*ids)[i] = rep.recipients[i].id;
		(*labels)[i] = rep.recipients[i].label;
	}
	*n = rep.nrecipients;
	return 0;
}

int
document_report_cover(struct dom *d, const char *template, const char *id,
    json_t *ctx, struct document_meta *m)
{
	struct report_doc rep;
	const char *to = template != NULL ? strchr(template, ':') : NULL;
	const struct report_recipient *who = NULL;
	if (annual_of(d, id, &rep))
		return -1;
	for (size_t i = 0; to != NULL && i < rep.nrecipients; i++)
		if (strcmp(rep.recipients[i].id, to + 1) == 0)
			who = &rep.recipients[i];
	if (who == NULL)
		return dom_refuse(d, 404, "报告不报送该机关 (not a recipient of "
		    "this report)", to != NULL ? to + 1 : "", NULL);
	/* The day it was signed, in Beijing: the report's 成文日期 and the
	 * letter's. */
	date_t on = strcmp(rep.status, "draft") != 0 ?
	    date_of_stamp(rep.signed_at) : DATE_NONE;
	if (on != DATE_NONE) {
		char day[11];
		date_format(on, day);
		m->date = arena_strdup(d->arena, day);
	}
	m->issuer_name = rep.organ_name;
	m->name = who->label;
	json_object_set_new(ctx, "organ", json_string(rep.organ_name));
	json_object_set_new(ctx, "year", json_integer(rep.year));
	json_object_set_new(ctx, "recipient", json_string(who->label));
	json_object_set_new(ctx, "report_title", json_string(rep.title));
	/* The report's own number: the letter is not numbered apart. */
	json_object_set_new(ctx, "number", rep.number_seq > 0 ? json_string(
	    arena_printf(d->arena, "〔%d〕%d号", rep.number_year,
	    rep.number_seq)) : json_null());
	return 0;
}
