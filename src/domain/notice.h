/*
 * Notices: 通报表扬, 约谈整改通知, 通报批评. A notice is drafted from the
 * evaluation, never typed from memory: the office names a kind, a year
 * and a region (and, if it will, which of the leaders), the evaluation
 * runs over that region as the office may see it, and every leader whose
 * result carries the consequence is listed with organ, grade and reason:
 *   - commendation, 通报表扬 (第八条): grade 优秀, never a provisional
 *     result;
 *   - interview, 约谈整改通知 (第八条): grade 不合格 — 约谈 and 整改;
 *   - criticism, 通报批评 (第六条第(四)项): grade 不合格, and only the
 *     principals of the region's departments and of the governments
 *     below it; a party principal cannot be listed.
 * A notice is issued in the name of the superior body (auth/authority.h):
 * for the 第八条 kinds the lowest region over every listed leader's
 * 上级党委, for a criticism the region's government. Any office over the
 * region may draft and edit; only an office of the issuing region (or
 * above) issues it and gives its orders, so a county's draft naming its
 * own 区委书记 waits for the 市. An issued notice is not edited again.
 *
 * From an issued interview or criticism notice one action gives the
 * orders for every leader it lists: an interview scheduled and a
 * rectification order issued — one each per leader, organ and year
 * whichever notice or office orders them (store_interview_once), so the
 * action, or another office's notice on the same leader, creates nothing
 * twice and reports the orders that stand.
 *
 * /api/v1/notices and the notice pages share these operations.
 */
#ifndef LVZHI_DOMAIN_NOTICE_H
#define LVZHI_DOMAIN_NOTICE_H

#include "domain/domain.h"
#include "store/store-supervision.h"

/* A notice as read (texts in d's arena). */
struct notice {
	const char *id, *kind, *kind_label;
	int year;
	const char *region, *region_name;
	const char *title, *body;
	const char *status, *status_label; /* draft | issued */
	const char *drafted_by, *drafted_at;
	long item_count;
	const char *issued_by, *issued_at; /* NULL while a draft */
	const char *basis;                 /* 第八条 | 第六条第(四)项 */
	const char *issuer, *issuer_name, *issuing_organ;
	const char *path, *issuer_path;    /* the regions' paths */
};
/* A leader a notice lists. */
struct notice_item {
	const char *person, *person_name, *organ, *organ_name;
	const char *region, *region_name, *grade, *grade_label, *reason;
};
/* A notice with its leaders, as notice_get reads it. */
struct notice_full {
	struct notice n;
	struct notice_item *items;
	size_t nitems;
	int may_issue; /* the caller may issue it and give its orders */
};

extern const struct entity notice_entity;      /* struct notice */
extern const struct entity notice_item_entity; /* struct notice_item */

/* A leader named for a draft; both NULL where the body's entry was not
 * {person, organ} strings. */
struct notice_leader {
	const char *person, *organ;
};
/* What a draft is made from: kind, year and region are checked already
 * (kind one of the three); leaders NULL with leaders_bad 0 when none
 * were named (all listed), leaders_bad 1 when "leaders" was not a list
 * of 1 to 5000. */
struct notice_draft {
	const char *kind;
	int year;
	const char *region;
	const struct notice_leader *leaders;
	size_t nleaders;
	int leaders_bad;
};
/* The orders of an interview or criticism notice: each text NULL for
 * the default (an interview in 14 days, a deadline in 60, the
 * requirement written from the notice). */
struct notice_orders_in {
	const char *scheduled_on, *deadline, *requirement;
};
/* What giving the orders did: the order and interview of each leader
 * (ids, in the list's order), and how many of each were created now. */
struct notice_orders {
	const char **rectifications, **interviews;
	size_t n;
	int created_rectifications, created_interviews;
};

/* Whether the caller may draft and edit a notice over the region at
 * path: an office over it, or the administrator (issuing is
 * authority_notice_issue's). */
int notice_may_draft(const struct principal *p, const char *path);
/* Whether kind names a kind of notice: 0, or -1 (400 naming "kind"). */
int notice_kind_check(struct dom *d, const char *kind);
/*
 * Drafts a notice from the evaluation: 0 with *id, or -1 with the fault
 * (400 region or leaders, 403, 409 drafted already or nobody to list,
 * 500, 503).
 */
/* A draft's input from a body or form {kind, year, region, leaders?}:
 * the id is the server's (400), kind one the catalog drafts, year a
 * number or its digits. 0, or -1 with 400. */
int notice_draft_read(struct dom *d, const json_t *obj,
    struct notice_draft *in);
int notice_draft(struct dom *d, const struct notice_draft *in,
    const char **id);
/*
 * Notice id when the caller may see it — a draft only the office of its
 * region (or above); an issued one also inspectors and discipline
 * officers there, and the clerks and leaders it lists — with its
 * leaders: 0, or -1 with 404 or 500.
 */
int notice_get(struct dom *d, const char *id, struct notice_full *out);
/* The notice alone, without its leaders, as notice_get sees it: for a
 * page that names it. */
int notice_head(struct dom *d, const char *id, struct notice *out);
/* Edits a draft's title and body (as given: trimmed and checked here).
 * Returns 0 or -1 (400, 403, 404, 409 issued already, 500, 503). */
int notice_edit(struct dom *d, const char *id, const char *title,
    const char *body);
/* Issues a draft: 0 or -1 (403, 404, 409, 500, 503). */
int notice_issue(struct dom *d, const char *id);
/* For every leader an issued interview or criticism notice lists, orders
 * a rectification and schedules an interview unless the leader has them
 * for the organ and year already: 0 with *out, or -1 (400 a date or the
 * requirement, 403, 404, 409 a commendation or a draft, 500, 503). */
int notice_give_orders(struct dom *d, const char *id,
    const struct notice_orders_in *in, struct notice_orders *out);
/*
 * The notices f selects (its kind, year, order and page) in the caller's
 * scope (drafts only for offices and the administrator): 0 with *v and
 * *n, and *total (when not NULL) all of them, or -1 (500).
 */
int notice_list(struct dom *d, struct store_notice_filter *f,
    struct notice **v, size_t *n, long *total);
/*
 * What an interview or criticism notice gave rise to, as far as the
 * caller sees: the orders and the interviews of its leaders — given from
 * it, or standing for one of them from another notice or office (the one
 * of a leader, organ and year) — each a page of limit (0: 50) from
 * offset in the lists' default order, read in the store, with how many
 * there are. A commendation has none. Returns 0, or -1 (500).
 */
struct notice_followups {
	struct store_rectification *rects;
	size_t nrects;
	long rects_total;
	struct store_interview *talks;
	size_t ntalks;
	long talks_total;
};
int notice_followups(struct dom *d, const struct notice_full *n, int limit,
    int offset, struct notice_followups *out);

#endif
