/*
 * 移交整改 (supervision.h): an inspector hands a finding to the office
 * that orders its 整改, with a proposed requirement and deadline, so that
 * the problem an inspection found reaches the office without anyone
 * retyping it, and the inspector sees that it did — 已移交, then 整改中,
 * 已整改 or 逾期 as the office's order moves (the finding's rect_state).
 *
 * Who receives it is authority.c's (authority_finding_refer): the office
 * of the region in whose name the order is given. The office orders the
 * 整改 itself from the finding (rect_create, source finding): a referral
 * proposes, it does not order.
 */
#include <string.h>

#include "auth/authority.h"
#include "domain/message.h"
#include "domain/supervision.h"

#define TEXT_MAX 4000

static const struct attr referral_attrs[] = {
	{ "requirement", NULL, "建议整改要求", ATTR_TEXT, ATTR_IN | ATTR_REQ, 0,
	    TEXT_MAX, NULL, offsetof(struct sup_referral, requirement) },
	{ "deadline", NULL, "建议整改期限", ATTR_DATE, ATTR_IN | ATTR_REQ, 0,
	    10, NULL, offsetof(struct sup_referral, deadline) },
};
const struct entity sup_referral_entity = ENTITY("finding referral",
    referral_attrs);

int
sup_finding_refer(struct dom *d, const char *id, const struct sup_referral *in)
{
	const struct entity *e = &sup_referral_entity;
	struct store_finding f;
	struct store_inspection insp;
	struct store_organ_info o;
	char office[512], now[32];
	if (in->requirement == NULL)
		return sup_required(d, e, "requirement");
	if (in->deadline == NULL)
		return sup_required(d, e, "deadline");
	if (sup_deadline(d, "deadline", "建议整改期限", in->deadline))
		return -1;
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (sup_finding_in(d, id, &f, &insp, &o))
		return -1;
	if (authority_finding_refer(d->user, insp.path, &o, office,
	    sizeof office, &d->fault)) {
		store_rollback(d->store);
		return -1;
	}
	if (f.referred_at != NULL || f.rectifications > 0) {
		store_rollback(d->store);
		return dom_refuse(d, 409, f.referred_at != NULL ? "该问题已经移交"
		    "整改 (handed over already)" : "该问题已下达整改 (an order "
		    "follows it already)", id, NULL);
	}
	dom_now(now);
	int rc = store_finding_refer(d->store, id, office, in->requirement,
	    in->deadline, d->user->name, now);
	if (rc == 0) {
		store_rollback(d->store);
		return dom_refuse(d, 409, "该问题已经移交整改 (handed over already)",
		    id, NULL);
	}
	json_t *what = json_pack("{s:s, s:s, s:s, s:s, s:s}", "finding", id,
	    "organ", f.organ, "office", office, "requirement",
	    in->requirement, "deadline", in->deadline);
	return dom_write(d, rc < 0 || message_finding_referred(d, id,
	    f.inspection, f.organ, office, in->requirement, in->deadline),
	    "finding.refer", "finding", id, what);
}

const char *
sup_rect_state_of(const struct store_finding *f)
{
	static const char *const states[][2] = {
		{ "referred", "已移交" }, { "rectifying", "整改中" },
		{ "rectified", "已整改" }, { "overdue", "逾期" },
	};
	for (size_t i = 0; f->rect_state && i < sizeof states /
	    sizeof states[0]; i++)
		if (strcmp(f->rect_state, states[i][0]) == 0)
			return states[i][1];
	return NULL;
}

int
sup_referred_list(struct dom *d, int limit, struct store_finding **out,
    size_t *n, long *total)
{
	struct dom_rows w = DOM_ROWS(d, store_finding_entity,
	    struct store_finding);
	*out = NULL;
	*n = 0;
	*total = 0;
	/* An office receives them for its own region (its path). */
	if (d->user->role != ACCT_OFFICE || d->user->path[0] == '\0')
		return 0;
	if ((*total = store_count_referred(d->store, d->user->path)) < 0 ||
	    store_each_referred(d->store, d->user->path, limit, 0, date_today(),
	    sup_keep_finding, &w) < 0)
		return sup_broken(d);
	*out = w.items;
	*n = w.n;
	return 0;
}
