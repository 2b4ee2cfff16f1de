/* Notices: drafting, reading, editing, issuing, their orders (notice.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authority.h"
#include "auth/password.h"
#include "domain/evaluation.h"
#include "domain/notice.h"
#include "engine/closure.h"
#include "oversight/notice-text.h"

#define TITLE_MAX 500
#define BODY_MAX 65536
#define ENTRIES_MAX 5000 /* leaders on a notice */
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
copy(struct dom *d, const char *s)
{
	return s != NULL ? arena_strdup(d->arena, s) : NULL;
}

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
	*n = (struct notice){ copy(d, s->id), copy(d, s->kind),
		notice_text_kind_label(k), s->year, copy(d, s->region),
		copy(d, s->region_name), copy(d, s->title), copy(d, s->body),
		copy(d, s->status), strcmp(s->status, "issued") == 0 ? "已发布" :
		"草稿", copy(d, s->drafted_by), copy(d, s->drafted_at), s->items,
		copy(d, s->issued_by), copy(d, s->issued_at),
		notice_text_kind_basis(k), copy(d, kept ? s->issuer : s->region),
		copy(d, kept ? s->issuer_name : s->region_name),
		copy(d, kept ? s->issuer_organ : notice_text_office(NULL,
		s->region_name, office, sizeof office)), copy(d, s->path),
		copy(d, s->issuer_path != NULL ? s->issuer_path : s->path) };
}

/* What a principal sees of supervision's rows (the same cut as the
 * supervision listings): 1 with *sc, 0 when nothing. */
static int
scope_of(const struct principal *p, struct store_sup_scope *sc)
{
	memset(sc, 0, sizeof *sc);
	switch (p->role) {
	case ACCT_ADMIN:
		return 1;
	case ACCT_OFFICE:
	case ACCT_INSPECTOR:
	case ACCT_DISCIPLINE:
		sc->path = p->path;
		return p->path[0] != '\0';
	case ACCT_CLERK:
		sc->organ = p->organ;
		return p->organ[0] != '\0';
	case ACCT_LEADER:
		sc->person = p->person;
		sc->person_organ = p->organ[0] ? p->organ : NULL;
		return p->person[0] != '\0';
	default:
		return 0;
	}
}

struct kept {
	struct dom *d;
	struct notice *v;
	size_t n, cap;
};

static int
keep(void *ctx, const struct store_notice *s)
{
	struct kept *k = ctx;
	notice_of(k->d, s, dom_push(k->d, &k->v, &k->n, &k->cap,
	    sizeof *k->v));
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
	struct kept k = { d, NULL, 0, 0 };
	int rc = store_notice_get(d->store, id, keep, &k);
	if (rc <= 0 || k.n == 0)
		return rc < 0 ? -1 : 0;
	*n = k.v[0];
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

struct items {
	struct dom *d;
	struct notice_item *v;
	size_t n, cap;
};

static int
add_item(void *ctx, const struct store_notice_item *it)
{
	struct items *l = ctx;
	struct dom *d = l->d;
	const char *label = grade_label(it->grade);
	*(struct notice_item *)dom_push(d, &l->v, &l->n, &l->cap,
	    sizeof *l->v) = (struct notice_item){ copy(d, it->person),
		copy(d, it->person_name), copy(d, it->organ),
		copy(d, it->organ_name), copy(d, it->region),
		copy(d, it->region_name), copy(d, it->grade), label == it->grade ?
		copy(d, label) : label, copy(d, it->reason) };
	return 0;
}

int
notice_get(struct dom *d, const char *id, struct notice_full *out)
{
	memset(out, 0, sizeof *out);
	int rc = read_notice(d, id, &out->n);
	if (rc <= 0)
		return dom_refuse(d, rc < 0 ? 500 : 404, rc < 0 ? "内部错误" :
		    "通报不存在 (no such notice)", id, NULL);
	struct items l = { d, NULL, 0, 0 };
	if (store_each_notice_item(d->store, id, add_item, &l) < 0)
		return dom_refuse(d, 500, "内部错误", id, NULL);
	out->items = l.v;
	out->nitems = l.n;
	out->may_issue = authority_may_issue(d->user, out->n.issuer_path);
	return 0;
}

int
notice_list(struct dom *d, const char *kind, int year, int limit,
    int offset, struct notice **v, size_t *n)
{
	struct store_notice_filter f = { .kind = kind, .year = year,
		.limit = limit, .offset = offset };
	struct kept k = { d, NULL, 0, 0 };
	/* Drafts are the office's; the others see what was issued. */
	f.issued_only = d->user->role != ACCT_ADMIN &&
	    d->user->role != ACCT_OFFICE;
	if (scope_of(d->user, &f.scope) &&
	    store_each_notice(d->store, &f, keep, &k) < 0)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	*v = k.v;
	*n = k.n;
	return 0;
}

/* ---- the orders a notice gave ---- */

/* Whether the caller may see a row of organ (and person, or NULL): the
 * supervision rows' rule — a leader what names them, or what names
 * nobody of their organ. 1, 0, or -1. */
static int
can_read(struct dom *d, const char *organ, const char *person)
{
	struct store_organ_info o;
	int rc = store_organ_info(d->store, organ, &o);
	if (rc <= 0)
		return rc;
	const struct principal *p = d->user;
	if (p->role != ACCT_LEADER)
		return access_can_read_organ(p, &o);
	if (person != NULL)
		return p->person[0] != '\0' && strcmp(person, p->person) == 0;
	return p->organ_key != 0 && p->organ_key == o.key;
}

struct follow {
	struct dom *d;
	const struct notice_followups *cb;
	const char **seen; /* the ids given so far */
	size_t n;
	void *row;         /* the row read by id */
};

static int
seen(struct follow *f, const char *id)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->seen[i], id) == 0)
			return 1;
	return 0;
}

static int
each_rect(void *ctx, const struct store_rectification *x)
{
	struct follow *f = ctx;
	f->seen[f->n++] = arena_strdup(f->d->arena, x->id);
	return f->cb->rect(f->cb->ctx, x, 0);
}

static int
each_itv(void *ctx, const struct store_interview *v)
{
	struct follow *f = ctx;
	f->seen[f->n++] = arena_strdup(f->d->arena, v->id);
	return f->cb->interview(f->cb->ctx, v, 0);
}

/* The texts of the supervision rows a notice shows, by offset: a row
 * read by id is copied whole into the arena before anything else reads
 * the store (a callback inside the read would reuse its statement). */
#define R(m) offsetof(struct store_rectification, m)
static const size_t rect_texts[] = { R(id), R(source), R(finding),
	R(interview), R(notice), R(organ), R(organ_name), R(region),
	R(region_name), R(path), R(person), R(person_name), R(requirement),
	R(deadline), R(status), R(report), R(issued_by), R(issued_at),
	R(submitted_at), R(accepted_by), R(accepted_at), R(updated_at) };
#undef R
#define V(m) offsetof(struct store_interview, m)
static const size_t itv_texts[] = { V(id), V(source), V(finding), V(report),
	V(notice), V(organ), V(organ_name), V(region), V(region_name), V(path),
	V(person), V(person_name), V(reason), V(scheduled_on), V(status),
	V(held_on), V(interviewer), V(summary), V(created_by), V(created_at) };
#undef V

/* A copy of the size bytes at row in d's arena, with its texts. */
static void *
row_copy(struct dom *d, const void *row, size_t size, const size_t *texts,
    size_t n)
{
	char *c = arena_alloc(d->arena, size);
	memcpy(c, row, size);
	for (size_t i = 0; i < n; i++) {
		const char **t = (const char **)(void *)(c + texts[i]);
		*t = copy(d, *t);
	}
	return c;
}

static int
copy_rect(void *ctx, const struct store_rectification *x)
{
	struct follow *f = ctx;
	f->row = row_copy(f->d, x, sizeof *x, rect_texts,
	    sizeof rect_texts / sizeof *rect_texts);
	return 0;
}

static int
copy_itv(void *ctx, const struct store_interview *v)
{
	struct follow *f = ctx;
	f->row = row_copy(f->d, v, sizeof *v, itv_texts,
	    sizeof itv_texts / sizeof *itv_texts);
	return 0;
}

/*
 * The 约谈 (rect 0) or 整改 (rect 1) each leader of n has for the notice's
 * organ and year, whichever notice or office ordered it, where the
 * caller may see it and it was not given yet: a notice whose leaders
 * another office's notice ordered first shows what stands. 0 or -1.
 */
static int
standing(struct follow *f, const struct notice_full *n, int rect)
{
	struct dom *d = f->d;
	char id[130];
	for (size_t i = 0; i < n->nitems; i++) {
		const char *person = n->items[i].person;
		const char *organ = n->items[i].organ;
		int rc = rect ? store_rectification_once(d->store, person, organ,
		    n->n.year, id, sizeof id) : store_interview_once(d->store,
		    person, organ, n->n.year, id, sizeof id);
		if (rc < 0)
			return -1;
		if (rc == 0 || seen(f, id))
			continue;
		f->seen[f->n++] = arena_strdup(d->arena, id);
		f->row = NULL;
		rc = rect ? store_rectification_get(d->store, id, date_today(),
		    copy_rect, f) : store_interview_get(d->store, id, copy_itv, f);
		if (rc < 0)
			return -1;
		if (f->row == NULL)
			continue;
		const struct store_rectification *x = f->row;
		const struct store_interview *v = f->row;
		rc = can_read(d, rect ? x->organ : v->organ, rect ? x->person :
		    v->person);
		if (rc < 0 || (rc > 0 && (rect ? f->cb->rect(f->cb->ctx, x, 1) :
		    f->cb->interview(f->cb->ctx, v, 1))))
			return -1;
	}
	return 0;
}

int
notice_followups(struct dom *d, const struct notice_full *n,
    const struct notice_followups *cb)
{
	struct store_rect_filter rf = { .notice = n->n.id, .limit = ENTRIES_MAX };
	struct store_interview_filter vf = { .notice = n->n.id,
		.limit = ENTRIES_MAX };
	if (strcmp(n->n.kind, "commendation") == 0 ||
	    !scope_of(d->user, &rf.scope))
		return 0;
	vf.scope = rf.scope;
	struct follow f = { d, cb, arena_alloc(d->arena, (2 * ENTRIES_MAX +
	    2 * n->nitems + 1) * sizeof *f.seen), 0, NULL };
	if (store_each_rectification(d->store, &rf, date_today(), each_rect,
	    &f) < 0 || store_each_interview(d->store, &vf, each_itv, &f) < 0 ||
	    standing(&f, n, 0) || standing(&f, n, 1))
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	return 0;
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

/*
 * A text as given (NULL: none) into *out, trimmed, at most max bytes,
 * without control characters; blank is none, and none is refused when
 * required. The same checks and words as every supervision form.
 * Returns 0 or -1 (400 naming field).
 */
static int
text_in(struct dom *d, const char *field, const char *s, int required,
    size_t max, const char **out)
{
	*out = NULL;
	if (s != NULL) {
		size_t n = strlen(s);
		while (n > 0 && strchr(" \t\r\n", *s) != NULL) {
			s++;
			n--;
		}
		while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
			n--;
		if (n > max)
			return dom_refuse(d, 400, arena_printf(d->arena, "%s过长,"
			    "最多 %zu 字节 (too long)", label_of(field), max), NULL,
			    field);
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') ||
			    c == 0x7F)
				return dom_refuse(d, 400, arena_printf(d->arena, "%s含有"
				    "不允许的控制字符 (control characters)",
				    label_of(field)), NULL, field);
		}
		if (n > 0)
			*out = arena_printf(d->arena, "%.*s", (int)n, s);
	}
	if (required && *out == NULL)
		return dom_refuse(d, 400, arena_printf(d->arena, "请填写%s "
		    "(required)", label_of(field)), NULL, field);
	return 0;
}

/* A date as given (NULL: none) into *out and *day. Returns 0 or -1. */
static int
date_in(struct dom *d, const char *field, const char *s, const char **out,
    date_t *day)
{
	*day = DATE_NONE;
	if (text_in(d, field, s, 0, 10, out))
		return -1;
	if (*out != NULL && date_parse(*out, day))
		return dom_refuse(d, 400, arena_printf(d->arena, "%s应为有效日期 "
		    "YYYY-MM-DD (not a valid date)", label_of(field)), *out, field);
	return 0;
}

/* A new id: prefix, year and eight random hex digits. */
static const char *
new_id(struct dom *d, const char *prefix, int year)
{
	char hex[9];
	password_random_hex(hex, 4);
	return arena_printf(d->arena, "%s-%04d-%s", prefix, year, hex);
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

/* The end of a write: commit, or the fault of a failure. */
static int
done(struct dom *d, int rc)
{
	if (rc == 0 && store_commit(d->store) == 0)
		return 0;
	return dom_fail(d, 1);
}

int
notice_edit(struct dom *d, const char *id, const char *title,
    const char *body)
{
	struct notice n;
	if (writable(d, id, &n) || text_in(d, "title", title, 1, TITLE_MAX,
	    &title) || text_in(d, "body", body, 1, BODY_MAX, &body))
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
	return done(d, rc);
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
	rc = rc < 0 || dom_audit(d, "notice.issue", "notice", id, what);
	json_decref(what);
	return done(d, rc);
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
		const char *id = new_id(d, "itv", date_year(date_today()));
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
		    store_interview_once_add(d->store, id) || dom_audit(d,
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
		const char *id = new_id(d, "rect", date_year(date_today()));
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
		    store_rect_event_add(d->store, id, &e) || dom_audit(d,
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
	    text_in(d, "requirement", in->requirement, 0, 4000,
	    &o.requirement))
		return -1;
	if (o.scheduled_on == NULL) {
		date_format(today + INTERVIEW_DAYS, day1);
		o.scheduled_on = day1;
	}
	if (o.deadline == NULL) {
		date_format(today + DEADLINE_DAYS, day2);
		o.deadline = day2;
	}
	if (o.requirement == NULL)
		o.requirement = arena_printf(d->arena, "根据《%s》,对照%d年度履行"
		    "推进法治建设第一责任人职责考评中未达要求的事项逐项整改,于%s前"
		    "报送整改报告和佐证材料。", n.title, n.year, o.deadline);
	struct items l = { d, NULL, 0, 0 };
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
	for (size_t i = 0; rc == 0 && i < l.n; i++)
		rc = order_one(d, &o, &l.v[i], &out->interviews[i],
		    &out->rectifications[i], made);
	if (done(d, rc))
		return -1;
	out->n = l.n;
	out->created_rectifications = made[0];
	out->created_interviews = made[1];
	return 0;
}

/* ---- drafting from the evaluation ---- */

/* A leader an evaluation names for a notice. */
struct draft_item {
	const char *person, *person_name, *organ, *organ_name, *grade, *reason;
	const char *superior; /* the path of the superior party committee's
	                       * region (第八条 kinds) */
	int chosen;
};

/* The leaders an evaluation names for a notice, once each. */
struct draft {
	struct dom *d;
	enum notice_kind kind;
	const char *over;  /* the path of the region drafted over */
	struct draft_item *v;
	size_t n;
	json_t *why;    /* "person organ" -> why not listed, "" when listed */
	json_t *paths;  /* region code -> path */
	int too_many, failed;
};

/* Whether res carries the consequence of a notice of kind k: 通报表扬
 * for a final 优秀 (a provisional result never lists a commendation,
 * whatever the engine gives), 约谈 and 整改 for 不合格. */
static int
carries(const struct eval_result *res, enum notice_kind k)
{
	if (k == NOTICE_COMMENDATION && res->provisional)
		return 0;
	for (size_t i = 0; i < res->nconsequences; i++) {
		const char *c = res->consequences[i]->kind;
		if (k == NOTICE_COMMENDATION ? strcmp(c, "commendation") == 0 :
		    strcmp(c, "interview") == 0 || strcmp(c, "rectification") == 0)
			return 1;
	}
	return 0;
}

static const char *
organ_kind(enum role role)
{
	return role == ROLE_PARTY ? "party_committee" : role ==
	    ROLE_GOVERNMENT ? "government" : "department";
}

/* Grade, score, and for a failing leader what failed: the reason a
 * notice gives beside the name. */
static const char *
reason_of(struct dom *d, const struct eval_result *res)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, catalog_grade_label(res->grade));
	if (res->has_score)
		buf_printf(&b, ",得分 %.1f", res->score);
	if (res->grade == GRADE_FAIL) {
		size_t unmet = 0;
		for (size_t i = 0; i < res->nduties; i++)
			if (res->duties[i].verdict == VERDICT_UNMET)
				unmet++;
		if (res->veto)
			buf_puts(&b, ";有一票否决事项");
		if (unmet > 0) {
			size_t shown = 0;
			buf_puts(&b, ";未达要求:");
			for (size_t i = 0; i < res->nduties && shown < 3; i++)
				if (res->duties[i].verdict == VERDICT_UNMET)
					buf_printf(&b, "%s%s", shown++ ? "、" : "",
					    res->duties[i].rule->title);
			if (unmet > shown)
				buf_printf(&b, "等 %zu 项", unmet);
		}
	}
	if (res->provisional)
		buf_puts(&b, ";等次待评分确认");
	const char *cite = closure_citation(d->store, d->arena, res);
	if (cite != NULL)
		buf_printf(&b, ";%s", cite);
	const char *s = arena_strdup(d->arena, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* The path of region code, remembered per draft; NULL on an error. */
static const char *
path_of(struct draft *dr, const char *code)
{
	json_t *p = json_object_get(dr->paths, code);
	if (p != NULL)
		return json_string_value(p);
	char path[512];
	if (store_region_path(dr->d->store, code, path, sizeof path) != 1)
		return NULL;
	json_object_set_new(dr->paths, code, json_string(path));
	return json_string_value(json_object_get(dr->paths, code));
}

/*
 * Why res's leader cannot be on a notice of dr's kind, or "" when it can
 * (with the superior region, for the 第八条 kinds, in sup): "grade" —
 * the result has no such consequence; "criticism" — not a department or
 * lower government principal (第六条第(四)项); "superior" — no superior
 * body in the system. NULL on a storage error.
 */
static const char *
why_not(struct draft *dr, const struct eval_result *res, char sup[512])
{
	if (!carries(res, dr->kind))
		return "grade";
	const char *path = path_of(dr, res->region);
	if (path == NULL)
		return NULL;
	if (dr->kind == NOTICE_CRITICISM)
		return authority_criticism_lists(dr->over, organ_kind(res->role),
		    path) ? "" : "criticism";
	return authority_superior_path(organ_kind(res->role), path, sup, 512) ?
	    "superior" : "";
}

static int
collect(void *ctx, const struct eval_result *res)
{
	struct draft *dr = ctx;
	struct dom *d = dr->d;
	char sup[512] = "";
	const char *key = arena_printf(d->arena, "%s %s", res->person,
	    res->organ);
	const char *was = json_string_value(json_object_get(dr->why, key));
	if (was != NULL && *was == '\0')
		return 0;
	const char *why = why_not(dr, res, sup);
	if (why == NULL) {
		dr->failed = 1;
		return 1;
	}
	json_object_set_new(dr->why, key, json_string(why));
	if (*why != '\0')
		return 0;
	if (dr->n >= ENTRIES_MAX) {
		dr->too_many = 1;
		return 1;
	}
	dr->v[dr->n++] = (struct draft_item){ copy(d, res->person),
		copy(d, res->person_name), copy(d, res->organ),
		copy(d, res->organ_name), catalog_grade_name(res->grade),
		reason_of(d, res), copy(d, sup), 0 };
	return 0;
}

static int
first_region(void *ctx, const struct store_region *g)
{
	snprintf(ctx, 520, "%s", g->name);
	return 1;
}

/* Why a named leader cannot be listed, as the problem's title. */
static const char *
refusal(const char *why, enum notice_kind kind)
{
	if (why == NULL)
		return "该负责人不在该地区该年度的考评结果中 (not evaluated there)";
	if (strcmp(why, "criticism") == 0)
		return "通报批评只适用于本级政府部门和下级人民政府的主要负责人(第六"
		    "条第(四)项),不适用于该负责人 (not a department or lower "
		    "government principal)";
	if (strcmp(why, "superior") == 0)
		return "该负责人的上级党委不在本系统内,不能由本系统通报或约谈 (no "
		    "superior body in the system)";
	return kind == NOTICE_COMMENDATION ? "该负责人的考评结果不是确定的优秀,"
	    "不能通报表扬 (not graded excellent, or provisional)" :
	    "该负责人的考评结果不是不合格 (not graded fail)";
}

/*
 * Keeps of dr's leaders those in->leaders names (when given), each of
 * which must be one the evaluation lists for the kind. Returns 0, or -1
 * with 400 naming "leaders".
 */
static int
chosen(struct dom *d, const struct notice_draft *in, struct draft *dr)
{
	if (in->leaders_bad)
		return dom_refuse(d, 400, "leaders 应为负责人列表 [{person, organ}]",
		    NULL, "leaders");
	if (in->leaders == NULL)
		return 0;
	for (size_t i = 0; i < in->nleaders; i++) {
		const char *p = in->leaders[i].person, *o = in->leaders[i].organ;
		if (p == NULL || o == NULL || strlen(p) > 128 || strlen(o) > 128)
			return dom_refuse(d, 400, "leaders 的每一项应有 person 和 "
			    "organ", NULL, "leaders");
		const char *key = arena_printf(d->arena, "%s %s", p, o);
		const char *why = json_string_value(json_object_get(dr->why, key));
		if (why == NULL || *why != '\0')
			return dom_refuse(d, 400, refusal(why, dr->kind), p,
			    "leaders");
		for (size_t k = 0; k < dr->n; k++)
			if (strcmp(dr->v[k].person, p) == 0 &&
			    strcmp(dr->v[k].organ, o) == 0)
				dr->v[k].chosen = 1;
	}
	size_t kept = 0;
	for (size_t k = 0; k < dr->n; k++)
		if (dr->v[k].chosen)
			dr->v[kept++] = dr->v[k];
	dr->n = kept;
	return 0;
}

/*
 * The region a notice is issued in the name of, as a path into issuer,
 * with its code, its name and the issuing organ's full name in the
 * arena: the region drafted over for a criticism (its government), else
 * the lowest region over every listed leader's 上级党委. Returns 0 or -1
 * (storage).
 */
static int
issuer_of(struct dom *d, const struct draft *dr, char issuer[512],
    const char **code, const char **name, const char **organ)
{
	char region[520] = "", committee[520] = "", full[600];
	snprintf(issuer, 512, "%s", dr->over);
	if (dr->kind != NOTICE_CRITICISM)
		for (size_t i = 0; i < dr->n; i++) {
			if (i == 0)
				snprintf(issuer, 512, "%s", dr->v[i].superior);
			else
				authority_common_path(issuer, dr->v[i].superior, 512);
		}
	size_t len = strlen(issuer), start = len > 0 ? len - 1 : 0;
	while (start > 0 && issuer[start - 1] != '/')
		start--;
	size_t clen = len > start + 1 ? len - start - 1 : 0;
	*code = arena_printf(d->arena, "%.*s", (int)clen, issuer + start);
	if (store_each_region_in(d->store, issuer, first_region, region) < 0)
		return -1;
	const char *want = dr->kind == NOTICE_CRITICISM ? "government" :
	    "party_committee";
	int rc = store_organ_of_kind(d->store, *code, want, committee,
	    sizeof committee);
	if (rc < 0)
		return -1;
	*name = arena_strdup(d->arena, region);
	if (dr->kind == NOTICE_CRITICISM)
		*organ = rc > 0 ? arena_strdup(d->arena, committee) :
		    arena_printf(d->arena, "%s人民政府", region);
	else
		*organ = arena_strdup(d->arena, notice_text_office(rc > 0 ?
		    committee : NULL, region, full, sizeof full));
	return 0;
}

static int
drafted_already(struct dom *d, int rc, int year, enum notice_kind kind,
    const char *existing)
{
	return dom_refuse(d, rc < 0 ? 500 : 409, rc < 0 ? "内部错误" :
	    arena_printf(d->arena, "该地区%d年度的%s已经起草,请在原通报上修改",
	    year, notice_text_kind_label(kind)), rc < 0 ? NULL :
	    arena_strdup(d->arena, existing), rc < 0 ? NULL : "kind");
}

/* The draft's leaders as the audit entry records them. */
static json_t *
items_json(const struct draft *dr)
{
	json_t *a = json_array();
	for (size_t i = 0; i < dr->n; i++) {
		const struct draft_item *x = &dr->v[i];
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, "
		    "s:s, s:s}", "person", x->person, "person_name",
		    x->person_name, "organ", x->organ, "organ_name", x->organ_name,
		    "grade", x->grade, "reason", x->reason, "superior",
		    x->superior));
	}
	return a;
}

/* Writes the draft with its leaders and issuer, in one transaction. */
static int
draft_write(struct dom *d, const struct notice_draft *in,
    const struct draft *dr, const struct store_notice *nt,
    const char *issuer_code, const char *organ)
{
	char existing[130];
	enum notice_kind kind = dr->kind;
	if (store_begin(d->store))
		return dom_fail(d, 0);
	/* Drafted meanwhile by someone else? Checked again where it counts. */
	int rc = store_notice_find(d->store, in->kind, in->year, in->region,
	    existing, sizeof existing);
	if (rc != 0) {
		store_rollback(d->store);
		return drafted_already(d, rc, in->year, kind, existing);
	}
	rc = store_notice_add(d->store, nt) ||
	    store_notice_issuer_add(d->store, nt->id, issuer_code, organ);
	for (size_t i = 0; rc == 0 && i < dr->n; i++) {
		struct store_notice_item ni = { .person = dr->v[i].person,
			.organ = dr->v[i].organ, .grade = dr->v[i].grade,
			.reason = dr->v[i].reason };
		rc = store_notice_item_add(d->store, nt->id, &ni);
	}
	json_t *what = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, "
	    "s:o}", "id", nt->id, "kind", in->kind, "year", in->year, "region",
	    in->region, "issuer", issuer_code, "issuing_organ", organ, "title",
	    nt->title, "body", nt->body, "items", items_json(dr));
	rc = rc || dom_audit(d, "notice.draft", "notice", nt->id, what);
	json_decref(what);
	return done(d, rc);
}

/* The 409 of a region without anyone to list. */
static int
nobody(struct dom *d, const struct notice_draft *in, enum notice_kind kind)
{
	return dom_refuse(d, 409, arena_printf(d->arena, "%d年度该地区没有%s"
	    "的负责人,无需%s", in->year, kind == NOTICE_COMMENDATION ?
	    "考评确定为优秀" : kind == NOTICE_CRITICISM ? "考评不合格的本级政府"
	    "部门和下级政府" : "考评不合格", notice_text_kind_label(kind)),
	    in->region, "region");
}

int
notice_kind_check(struct dom *d, const char *kind)
{
	enum notice_kind k;
	if (kind == NULL || notice_text_kind_parse(kind, &k))
		return dom_refuse(d, 400, "通报类型应为 commendation(通报表扬)、"
		    "interview(约谈整改通知)或 criticism(通报批评)", kind, "kind");
	return 0;
}

int
notice_draft(struct dom *d, const struct notice_draft *in, const char **id)
{
	const char *issuer_code, *issuer_name, *organ;
	enum notice_kind kind;
	char path[512], name[520] = "", existing[130], now[32], issuer[512];
	if (notice_kind_check(d, in->kind))
		return -1;
	notice_text_kind_parse(in->kind, &kind);
	if (evaluation_region_path(d, in->region, path, sizeof path, 400))
		return -1;
	if (store_each_region_in(d->store, path, first_region, name) < 0)
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	if (!notice_may_draft(d->user, path))
		return dom_refuse(d, 403, "地区不在权限范围内 (region outside your "
		    "scope)", in->region, "region");
	int rc = store_notice_find(d->store, in->kind, in->year, in->region,
	    existing, sizeof existing);
	if (rc != 0)
		return drafted_already(d, rc, in->year, kind, existing);
	struct draft dr = { d, kind, path, arena_alloc(d->arena, ENTRIES_MAX *
	    sizeof *dr.v), 0, json_object(), json_object(), 0, 0 };
	rc = evaluation_each(d, in->year, in->region, collect, &dr) ||
	    chosen(d, in, &dr);
	json_decref(dr.why);
	json_decref(dr.paths);
	if (rc)
		return -1;
	if (dr.failed)
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	if (dr.too_many)
		return dom_refuse(d, 400, "名单过长,请按更小的地区起草", in->region,
		    "region");
	if (dr.n == 0)
		return nobody(d, in, kind);
	if (issuer_of(d, &dr, issuer, &issuer_code, &issuer_name, &organ))
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	struct notice_entry *e = arena_alloc(d->arena, dr.n * sizeof *e);
	for (size_t i = 0; i < dr.n; i++)
		e[i] = (struct notice_entry){ dr.v[i].person_name,
			dr.v[i].organ_name, dr.v[i].reason };
	struct buf title, body;
	buf_init(&title, TITLE_MAX);
	buf_init(&body, BODY_MAX);
	if (notice_text_draft(kind, in->year, name, organ, e, dr.n,
	    date_today(), &title, &body)) {
		buf_free(&title);
		buf_free(&body);
		return dom_refuse(d, 400, "名单过长,请按更小的地区起草", in->region,
		    "region");
	}
	dom_now(now);
	*id = new_id(d, "ntc", in->year);
	struct store_notice nt = { .id = *id, .kind = in->kind,
		.year = in->year, .region = in->region, .title = title.data,
		.body = body.data, .drafted_by = d->user->name, .drafted_at = now };
	rc = draft_write(d, in, &dr, &nt, issuer_code, organ);
	buf_free(&title);
	buf_free(&body);
	return rc;
}
