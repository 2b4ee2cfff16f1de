/*
 * What a result's marks say where people read them ([workbench] items 2
 * and 9): a grade still provisional says so wherever it is shown; a duty
 * met only on records still awaiting verification reads 达标(待核实),
 * apart from one met on verified records; an unmet duty whose deadline
 * has not come reads 期限未到, not 未达标; and each failed duty of a
 * 不合格 result offers 移送问责 to the accounts that open cases.
 *
 * Nothing here changes a verdict or a grade: the evaluation's are the
 * contract's (submitted records count); these are the words and the
 * links around them, shared by the evaluation page and the home page.
 */
#include <string.h>

#include "domain/case.h"
#include "engine/warn.h"
#include "web/web.h"
#include "web/page-evaluation.h"

const char *
page_eval_grade_text(struct arena *a, enum grade g, int provisional)
{
	return provisional ? arena_printf(a, "%s(暂定)", catalog_grade_label(g))
	    : catalog_grade_label(g);
}

void
page_eval_grade(struct request *r, struct buf *b,
    const struct eval_result *res)
{
	html_fmt(b, "<span class=\"tag g-%s%s\"%s>%s</span>",
	    catalog_grade_name(res->grade), res->provisional ? " provisional" :
	    "", res->provisional ? " title=\"尚有定性职责待评议,等次为暂定\"" :
	    "", page_eval_grade_text(r->arena, res->grade, res->provisional));
}

enum page_eval_mark
page_eval_mark_of(date_t today, int year, const struct eval_result *res,
    const struct eval_duty *d)
{
	if (d->verdict == VERDICT_UNMET && !res->closed &&
	    warn_due_date(year, d->rule, res) >= today)
		return PAGE_EVAL_PENDING;
	/* Met, but the verified records alone would not meet it: a count
	 * short of its requirement, a filing or procedure whose conforming
	 * records are not all verified. */
	if (d->verdict == VERDICT_MET && d->has_counts && d->required > 0 &&
	    d->verified >= 0 && d->verified < d->required)
		return PAGE_EVAL_UNVERIFIED;
	return PAGE_EVAL_AS_IS;
}

void
page_eval_verdict(struct buf *b, date_t today, int year,
    const struct eval_result *res, const struct eval_duty *d)
{
	switch (page_eval_mark_of(today, year, res, d)) {
	case PAGE_EVAL_PENDING:
		html_fmt(b, "<span class=\"tag v-pending\" title=\"尚未达到要求,"
		    "但报送期限或年底、离任之日未到\">期限未到</span>");
		return;
	case PAGE_EVAL_UNVERIFIED:
		html_fmt(b, "<span class=\"tag v-met unverified\" title=\"计入的"
		    "记录中已核实 %d 项,要求 %d 项;其余尚待依法治理办公室核实\">"
		    "达标(待核实)</span>", d->verified, d->required);
		return;
	case PAGE_EVAL_AS_IS:
		break;
	}
	html_fmt(b, "<span class=\"tag v-%s\">%s</span>",
	    eval_verdict_name(d->verdict), eval_verdict_label(d->verdict));
}

/* ---- 移送问责 ---- */

/* The link to the case form, prefilled from the result: the person, the
 * organ and the source "eval:YEAR:PERSON:DUTY" (page-cases.c). */
static void
refer_link(struct request *r, struct buf *b, int year,
    const struct eval_result *res, const struct eval_duty *d,
    const char *text)
{
	const char *ref = arena_printf(r->arena, "eval:%d:%s:%s", year,
	    res->person, d->rule->id);
	html_fmt(b, "<a class=\"refer\" href=\"/accountability?person=%s"
	    "&amp;organ=%s&amp;source=%s%s#new\">%s</a>",
	    html_q(r->arena, res->person), html_q(r->arena, res->organ),
	    html_q(r->arena, ref), res->veto && d->rule->veto ?
	    "&amp;from=veto" : "", text);
}

/* Whether the result can be referred by this account: graded 不合格
 * (vetoed or not), and the account opens cases (domain/case.h). */
static int
referable(const struct request *r, const struct eval_result *res)
{
	return res->grade == GRADE_FAIL && case_by(&r->user) != 0;
}

void
page_eval_refer_duty(struct request *r, struct buf *b, int year,
    const struct eval_result *res, const struct eval_duty *d)
{
	if (!referable(r, res) || d->verdict != VERDICT_UNMET)
		return;
	html_fmt(b, " ");
	refer_link(r, b, year, res, d, "移送问责");
}

void
page_eval_refer_result(struct request *r, struct buf *b, int year,
    const struct eval_result *res)
{
	const struct eval_duty *pick = NULL;
	if (!referable(r, res))
		return;
	/* The vetoing duty when there is one, else the first failed. */
	for (size_t i = 0; i < res->nduties; i++) {
		const struct eval_duty *d = &res->duties[i];
		if (d->verdict != VERDICT_UNMET)
			continue;
		if (pick == NULL || (d->rule->veto && !pick->rule->veto))
			pick = d;
	}
	if (pick == NULL)
		return;
	html_fmt(b, "<div>");
	refer_link(r, b, year, res, pick, "移送问责");
	html_fmt(b, "</div>");
}
