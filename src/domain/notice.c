/* Notices: drafting, reading, editing, issuing, their orders (notice.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authority.h"
#include "auth/scope.h"
#include "domain/document.h"
#include "domain/message.h"
#include "domain/notice.h"
#include "domain/supervision.h"
#include "oversight/notice-text.h"

#define TITLE_MAX 500
#define BODY_MAX 65536
/* Days from the action to the interview and to the deadline, unless the
 * office says otherwise. */
#define INTERVIEW_DAYS 14
#define DEADLINE_DAYS 60

#define N(m) offsetof(struct notice, m)
static const struct attr notice_attrs[] = {
	{ "id", "notice.id", "编号", ATTR_TEXT, 0, 0, 0, NULL, N(id) },
	{ "kind", "notice.kind", "类型", ATTR_TEXT, 0, 0, 0, NULL, N(kind) },
	{ "kind_label", NULL, "类型", ATTR_TEXT, 0, 0, 0, NULL, N(kind_label) },
	{ "year", "notice.year", "年度", ATTR_YEAR, ATTR_ZERO, 0, 0, NULL,
	    N(year) },
	{ "region", "notice.region", "地区", ATTR_TEXT, 0, 0, 0, NULL,
	    N(region) },
	{ "region_name", "region.name", "地区", ATTR_TEXT, 0, 0, 0, NULL,
	    N(region_name) },
	{ "title", "notice.title", "标题", ATTR_TEXT, 0, 0, TITLE_MAX, NULL,
	    N(title) },
	{ "body", "notice.body", "正文", ATTR_TEXT, 0, 0, BODY_MAX, NULL,
	    N(body) },
	{ "status", "notice.status", "状态", ATTR_TEXT, 0, 0, 0, NULL,
	    N(status) },
	{ "status_label", NULL, "状态", ATTR_TEXT, 0, 0, 0, NULL,
	    N(status_label) },
	{ "drafted_by", "notice.drafted_by", "起草人", ATTR_TEXT, 0, 0, 0, NULL,
	    N(drafted_by) },
	{ "drafted_at", "notice.drafted_at", "起草时间", ATTR_STAMP, 0, 0, 0,
	    NULL, N(drafted_at) },
	{ "item_count", "count(notice_item)", "人数", ATTR_LONG, ATTR_ZERO, 0,
	    0, NULL, N(item_count) },
	{ "issued_by", "notice.issued_by", "发布人", ATTR_TEXT, 0, 0, 0, NULL,
	    N(issued_by) },
	{ "issued_at", "notice.issued_at", "发布时间", ATTR_STAMP, 0, 0, 0, NULL,
	    N(issued_at) },
	{ "basis", NULL, "依据", ATTR_TEXT, 0, 0, 0, NULL, N(basis) },
	{ "issuer", "notice_issuer.region", "发布地区", ATTR_TEXT, 0, 0, 0, NULL,
	    N(issuer) },
	{ "issuer_name", "region.name", "发布地区", ATTR_TEXT, 0, 0, 0, NULL,
	    N(issuer_name) },
	{ "issuing_organ", "notice_issuer.organ", "发布机关", ATTR_TEXT, 0, 0,
	    0, NULL, N(issuing_organ) },
	{ "path", "region.path", "地区路径", ATTR_TEXT, ATTR_HIDE, 0, 0, NULL,
	    N(path) },
	{ "issuer_path", "region.path", "发布地区路径", ATTR_TEXT, ATTR_HIDE, 0,
	    0, NULL, N(issuer_path) },
};
#undef N
const struct entity notice_entity = ENTITY("notice", notice_attrs);

#define I(m) offsetof(struct notice_item, m)
static const struct attr item_attrs[] = {
	{ "person", "notice_item.person", "负责人", ATTR_TEXT, 0, 0, 0, NULL,
	    I(person) },
	{ "person_name", "person.name", "姓名", ATTR_TEXT, 0, 0, 0, NULL,
	    I(person_name) },
	{ "organ", "notice_item.organ", "机构", ATTR_TEXT, 0, 0, 0, NULL,
	    I(organ) },
	{ "organ_name", "organ.name", "机构", ATTR_TEXT, 0, 0, 0, NULL,
	    I(organ_name) },
	{ "region", "organ.region", "地区", ATTR_TEXT, 0, 0, 0, NULL,
	    I(region) },
	{ "region_name", "region.name", "地区", ATTR_TEXT, 0, 0, 0, NULL,
	    I(region_name) },
	{ "grade", "notice_item.grade", "等次", ATTR_TEXT, 0, 0, 0, NULL,
	    I(grade) },
	{ "grade_label", NULL, "等次", ATTR_TEXT, 0, 0, 0, NULL,
	    I(grade_label) },
	{ "reason", "notice_item.reason", "说明", ATTR_TEXT, 0, 0, 0, NULL,
	    I(reason) },
};
#undef I
const struct entity notice_item_entity = ENTITY("notice_item", item_attrs);

/* ---- reading ---- */

static const char *
grade_label(const char *grade)
{
	static const char *const names[] = { "excellent", "pass", "basic_pass",
		"fail" };
	for (int g = 0; g < GRADE_COUNT; g++)
		if (grade != NULL && strcmp(grade, names[g]) == 0)
			return catalog_grade_label((enum grade)g);
	return grade;
}

/* A stored notice as the domain gives it, with its labels. */
static void
notice_of(struct dom *d, const struct store_notice *s, struct notice *n)
{
	enum notice_kind k = NOTICE_COMMENDATION;
	char office[600];
	notice_text_kind_parse(s->kind, &k);
	/* Drafted before issuers were kept: its region's office issued it. */
	int kept = s->issuer != NULL && s->issuer_organ != NULL;
	*n = (struct notice){ dom_strdup(d, s->id), dom_strdup(d, s->kind),
		notice_text_kind_label(k), s->year, dom_strdup(d, s->region),
		dom_strdup(d, s->region_name), dom_strdup(d, s->title), dom_strdup(d, s->body),
		dom_strdup(d, s->status), strcmp(s->status, "issued") == 0 ? "已发布" :
		"草稿", dom_strdup(d, s->drafted_by), dom_strdup(d, s->drafted_at), s->items,
		dom_strdup(d, s->issued_by), dom_strdup(d, s->issued_at),
		notice_text_kind_basis(k), dom_strdup(d, kept ? s->issuer : s->region),
		dom_strdup(d, kept ? s->issuer_name : s->region_name),
		dom_strdup(d, kept ? s->issuer_organ : notice_text_office(NULL,
		s->region_name, office, sizeof office)), dom_strdup(d, s->path),
		dom_strdup(d, s->issuer_path != NULL ? s->issuer_path : s->path) };
}

/* The notices as read, into ctx: a struct dom_rows of struct notice. */
static int
keep(void *ctx, const struct store_notice *s)
{
	struct dom_rows *k = ctx;
	notice_of(k->d, s, dom_next(k));
	return 0;
}

int
notice_may_draft(const struct principal *p, const char *path)
{
	return (p->role == ACCT_ADMIN || p->role == ACCT_OFFICE) &&
	    access_can_read_path(p, path);
}

struct listed {
	const struct principal *p;
	int yes;
};

static int
lists(void *ctx, const struct store_notice_item *it)
{
	struct listed *l = ctx;
	if ((l->p->role == ACCT_CLERK && strcmp(it->organ, l->p->organ) == 0) ||
	    (l->p->role == ACCT_LEADER && strcmp(it->person, l->p->person) == 0))
		l->yes = 1;
	return l->yes;
}

/*
 * Reads notice id into *n when the caller may see it: a draft only the
 * office of its region (or above); an issued one also inspectors and
 * discipline officers there, and the clerks and leaders it lists.
 * Returns 1, 0 or -1.
 */
static int
read_notice(struct dom *d, const char *id, struct notice *n)
{
	struct dom_rows k = DOM_LIST(d, struct notice);
	int rc = store_notice_get(d->store, id, keep, &k);
	if (rc <= 0 || k.n == 0)
		return rc < 0 ? -1 : 0;
	*n = *(struct notice *)k.items;
	int issued = strcmp(n->status, "issued") == 0, ok = 0;
	struct listed l = { d->user, 0 };
	switch (d->user->role) {
	case ACCT_ADMIN:
	case ACCT_OFFICE:
		ok = access_can_read_path(d->user, n->path);
		break;
	case ACCT_INSPECTOR:
	case ACCT_DISCIPLINE:
		ok = issued && access_can_read_path(d->user, n->path);
		break;
	default:
		if (issued && store_each_notice_item(d->store, id, lists, &l) < 0)
			return -1;
		ok = issued && l.yes;
		break;
	}
	return ok;
}

/* A notice's items, into ctx: a struct dom_rows of struct notice_item. */
static int
add_item(void *ctx, const struct store_notice_item *it)
{
	struct dom *d = ((struct dom_rows *)ctx)->d;
	const char *label = grade_label(it->grade);
	*(struct notice_item *)dom_next(ctx) = (struct notice_item){ dom_strdup(d, it->person),
		dom_strdup(d, it->person_name), dom_strdup(d, it->organ),
		dom_strdup(d, it->organ_name), dom_strdup(d, it->region),
		dom_strdup(d, it->region_name), dom_strdup(d, it->grade), label == it->grade ?
		dom_strdup(d, label) : label, dom_strdup(d, it->reason) };
	return 0;
}

int
notice_head(struct dom *d, const char *id, struct notice *out)
{
	int rc = read_notice(d, id, out);
	if (rc <= 0)
		return dom_refuse(d, rc < 0 ? 500 : 404, rc < 0 ? "内部错误" :
		    "通报不存在 (no such notice)", id, NULL);
	return 0;
}

int
notice_get(struct dom *d, const char *id, struct notice_full *out)
{
	memset(out, 0, sizeof *out);
	if (notice_head(d, id, &out->n))
		return -1;
	struct dom_rows l = DOM_LIST(d, struct notice_item);
	if (store_each_notice_item(d->store, id, add_item, &l) < 0)
		return dom_refuse(d, 500, "内部错误", id, NULL);
	out->items = l.items;
	out->nitems = l.n;
	out->may_issue = authority_may_issue(d->user, out->n.issuer_path);
	return 0;
}

int
notice_list(struct dom *d, struct store_notice_filter *f, struct notice **v,
    size_t *n, long *total)
{
	struct dom_rows k = DOM_LIST(d, struct notice);
	/* Drafts are the office's; the others see what was issued. */
	f->issued_only = d->user->role != ACCT_ADMIN &&
	    d->user->role != ACCT_OFFICE;
	long all = 0;
	if (scope_of(d->user, &f->scope) && ((total != NULL &&
	    (all = store_count_notices(d->store, f)) < 0) ||
	    store_each_notice(d->store, f, keep, &k) < 0))
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	if (total != NULL)
		*total = all;
	*v = k.items;
	*n = k.n;
	return 0;
}

/* ---- the orders a notice gave ---- */

int
notice_followups(struct dom *d, const struct notice_full *n, int limit,
    int offset, struct notice_followups *out)
{
	struct store_rect_filter rf = { .notice = n->n.id, .limit = limit,
		.offset = offset };
	struct store_interview_filter vf = { .notice = n->n.id,
		.limit = limit, .offset = offset };
	*out = (struct notice_followups){ 0 };
	if (strcmp(n->n.kind, "commendation") == 0)
		return 0;
	return rect_list(d, &rf, &out->rects, &out->nrects,
	    &out->rects_total) || interview_list(d, &vf, &out->talks,
	    &out->ntalks, &out->talks_total) ? -1 : 0;
}

/* ---- input ---- */

/* The Chinese name of a notice's field, for problems a page shows. */
static const char *
label_of(const char *field)
{
	static const char *const labels[][2] = {
		{ "title", "标题" }, { "body", "正文" },
		{ "requirement", "整改要求" }, { "deadline", "整改期限" },
		{ "scheduled_on", "约谈日期" },
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(field, labels[i][0]) == 0)
			return labels[i][1];
	return field;
}

/* A date as given (NULL: none) into *out and *day. Returns 0 or -1. */
static int
date_in(struct dom *d, const char *field, const char *s, const char **out,
    date_t *day)
{
	*day = DATE_NONE;
	if (dom_text(d, field, label_of(field), s, 0, 10, out))
		return -1;
	if (*out != NULL && date_parse(*out, day))
		return dom_refuse(d, 400, arena_printf(d->arena, "%s应为有效日期 "
		    "YYYY-MM-DD (not a valid date)", label_of(field)), *out, field);
	return 0;
}

/* ---- editing and issuing ---- */

/* Reads a notice the caller may write into *n: 0, or -1 (404, 403). */
static int
writable(struct dom *d, const char *id, struct notice *n)
{
	int rc = read_notice(d, id, n);
	if (rc <= 0)
		return dom_refuse(d, rc < 0 ? 500 : 404, rc < 0 ? "内部错误" :
		    "通报不存在 (no such notice)", id, NULL);
	if (!notice_may_draft(d->user, n->path))
		return dom_refuse(d, 403, "无权办理该通报 (outside your scope)", id,
		    NULL);
	return 0;
}

/* In the open transaction: may the caller issue notice id, or give its
 * orders, as stored? 0, or rolls back and returns -1 with the fault. */
static int
competent(struct dom *d, const char *id)
{
	if (authority_notice_issue(d->store, d->user, id, &d->fault) == 0)
		return 0;
	store_rollback(d->store);
	return -1;
}

int
notice_edit(struct dom *d, const char *id, const char *title,
    const char *body)
{
	struct notice n;
	if (writable(d, id, &n) || dom_text(d, "title", label_of("title"),
	    title, 1, TITLE_MAX, &title) || dom_text(d, "body",
	    label_of("body"), body, 1, BODY_MAX, &body))
		return -1;
	if (store_begin(d->store))
		return dom_fail(d, 0);
	int rc = store_notice_update(d->store, id, title, body);
	if (rc == 0) {
		store_rollback(d->store);
		return dom_refuse(d, 409, "通报已发布,不能再修改", id, NULL);
	}
	json_t *what = json_pack("{s:s, s:s}", "title", title, "body", body);
	rc = rc < 0 || dom_audit(d, "notice.update", "notice", id, what);
	json_decref(what);
	return dom_commit(d, rc);
}

int
notice_issue(struct dom *d, const char *id)
{
	struct notice n;
	char now[32];
	if (writable(d, id, &n))
		return -1;
	dom_now(now);
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (competent(d, id))
		return -1;
	int rc = store_notice_issue(d->store, id, d->user->name, now);
	if (rc == 0) {
		store_rollback(d->store);
		return dom_refuse(d, 409, "通报已经发布,不能重复发布", id, NULL);
	}
	json_t *what = json_pack("{s:s, s:s}", "issued_by", d->user->name,
	    "issued_at", now);
	/* Issued: its 通报 (or 通知) takes its 发文字号 (domain/document.h). */
	rc = rc < 0 || document_issue(d, "notices", id, "notice.issue") ||
	    dom_audit(d, "notice.issue", "notice", id, what);
	json_decref(what);
	return dom_commit(d, rc);
}

/* ---- the orders of an interview or criticism notice ---- */

/* What one leader's orders are made of. */
struct order_in {
	const struct notice *n;
	const char *scheduled_on, *deadline, *requirement, *now;
};

/* The interview and the order notice n calls for with the leader it
 * lists as it (in the open transaction): their ids into *iid and *rid,
 * made[] counting what was created. Returns 0 or -1. */
static int
order_one(struct dom *d, const struct order_in *in,
    const struct notice_item *it, const char **iid, const char **rid,
    int made[2])
{
	const struct notice *n = in->n;
	char was[130];
	/* One 约谈 and one 整改 a leader, organ and year, whoever ordered it. */
	int rc = store_interview_once(d->store, it->person, it->organ, n->year,
	    was, sizeof was);
	if (rc < 0)
		return -1;
	*iid = arena_strdup(d->arena, was);
	if (rc == 0) {
		const char *id = dom_new_id(d, "itv", date_year(date_today()));
		struct store_interview v = { .id = id, .source = "evaluation",
			.notice = n->id, .organ = it->organ, .person = it->person,
			.year = n->year, .reason = arena_printf(d->arena, "依据《%s》:"
			    "%d年度履行推进法治建设第一责任人职责考评结果为%s", n->title,
			    n->year, it->reason), .scheduled_on = in->scheduled_on,
			.created_by = d->user->name, .created_at = in->now };
		json_t *what = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "id", id,
		    "notice", n->id, "organ", it->organ, "person", it->person,
		    "year", n->year, "scheduled_on", in->scheduled_on);
		rc = store_interview_add(d->store, &v) ||
		    store_interview_once_add(d->store, id) || document_issue(d,
		    "interviews", id, "interview.schedule") || dom_audit(d,
		    "interview.schedule", "interview", id, what);
		json_decref(what);
		if (rc)
			return -1;
		*iid = id;
		made[1]++;
	}
	rc = store_rectification_once(d->store, it->person, it->organ, n->year,
	    was, sizeof was);
	if (rc < 0)
		return -1;
	*rid = arena_strdup(d->arena, was);
	if (rc == 0) {
		const char *id = dom_new_id(d, "rect", date_year(date_today()));
		struct store_rectification x = { .id = id, .source = "evaluation",
			.interview = *iid, .notice = n->id, .organ = it->organ,
			.person = it->person, .year = n->year,
			.requirement = in->requirement, .deadline = in->deadline,
			.issued_by = d->user->name, .issued_at = in->now };
		struct store_rect_event e = { .action = "issue", .to = "issued",
			.note = n->title, .actor = d->user->name, .at = in->now };
		json_t *what = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s}",
		    "id", id, "notice", n->id, "interview", *iid, "organ",
		    it->organ, "person", it->person, "year", n->year,
		    "requirement", in->requirement, "deadline", in->deadline);
		rc = store_rectification_add(d->store, &x) ||
		    store_rectification_once_add(d->store, id) ||
		    store_rect_event_add(d->store, id, &e) || message_rect_issued(d,
		    id, it->organ, in->requirement, in->deadline) ||
		    document_issue(d, "rectifications", id,
		    "rectification.issue") || dom_audit(d,
		    "rectification.issue", "rectification", id, what);
		json_decref(what);
		if (rc)
			return -1;
		*rid = id;
		made[0]++;
	}
	return 0;
}

int
notice_give_orders(struct dom *d, const char *id,
    const struct notice_orders_in *in, struct notice_orders *out)
{
	struct notice n;
	struct order_in o = { .n = &n };
	date_t on, due, today = date_today();
	char day1[11], day2[11], now[32];
	memset(out, 0, sizeof *out);
	if (writable(d, id, &n))
		return -1;
	if (strcmp(n.kind, "commendation") == 0)
		return dom_refuse(d, 409, "通报表扬不需要约谈和整改", id, NULL);
	if (strcmp(n.status, "issued") != 0)
		return dom_refuse(d, 409, "通报尚未发布,请先发布再安排约谈和整改",
		    id, NULL);
	if (date_in(d, "scheduled_on", in->scheduled_on, &o.scheduled_on, &on) ||
	    date_in(d, "deadline", in->deadline, &o.deadline, &due) ||
	    (o.deadline != NULL && sup_deadline(d, "deadline",
	    label_of("deadline"), o.deadline)) ||
	    dom_text(d, "requirement", label_of("requirement"),
	    in->requirement, 0, 4000, &o.requirement))
		return -1;
	if (o.scheduled_on == NULL) {
		date_format(today + INTERVIEW_DAYS, day1);
		o.scheduled_on = day1;
	}
	if (o.deadline == NULL) {
		due = today + DEADLINE_DAYS;
		date_format(due, day2);
		o.deadline = day2;
	}
	if (o.requirement == NULL) {
		char cn[32]; /* the requirement is read by people */
		date_format_cn(due, cn);
		o.requirement = arena_printf(d->arena, "根据《%s》,对照%d年度履行"
		    "推进法治建设第一责任人职责考评中未达要求的事项逐项整改,于%s前"
		    "报送整改报告和佐证材料。", n.title, n.year, cn);
	}
	struct dom_rows l = DOM_LIST(d, struct notice_item);
	dom_now(now);
	o.now = now;
	if (store_each_notice_item(d->store, id, add_item, &l) < 0 ||
	    store_begin(d->store))
		return dom_fail(d, 0);
	if (competent(d, id))
		return -1;
	int made[2] = { 0, 0 };
	out->rectifications = arena_alloc(d->arena, (l.n + 1) * sizeof (char *));
	out->interviews = arena_alloc(d->arena, (l.n + 1) * sizeof (char *));
	int rc = 0;
	struct notice_item *items = l.items;
	for (size_t i = 0; rc == 0 && i < l.n; i++)
		rc = order_one(d, &o, &items[i], &out->interviews[i],
		    &out->rectifications[i], made);
	if (dom_commit(d, rc))
		return -1;
	out->n = l.n;
	out->created_rectifications = made[0];
	out->created_interviews = made[1];
	return 0;
}
