/*
 * Notices over HTTP. A notice is drafted from the evaluation, never typed
 * from memory: the office names a kind, a year and a region (and, if it
 * will, which of the leaders), the evaluation runs over that region as
 * the office may see it, and every leader whose result carries the
 * consequence is listed with organ, grade and reason:
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
 * Drafting is api-notice-draft.c's. From an issued interview or
 * criticism notice one action gives the
 * orders for every leader it lists: an interview scheduled and a
 * rectification order issued — one each per leader, organ and year
 * whichever notice or office orders them (store_interview_once), so the
 * action, or another office's notice on the same leader, creates nothing
 * twice and reports the orders that stand.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-supervision.h"
#include "auth/authority.h"
#include "oversight/notice-text.h"

#define TITLE_MAX 500
#define BODY_MAX 65536
#define ENTRIES_MAX 5000 /* orders listed with a notice */
/* Days from the action to the interview and to the deadline, unless the
 * office says otherwise. */
#define INTERVIEW_DAYS 14
#define DEADLINE_DAYS 60

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
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

json_t *
api_notice_json(const struct store_notice *n)
{
	enum notice_kind k = NOTICE_COMMENDATION;
	char office[600];
	notice_text_kind_parse(n->kind, &k);
	json_t *o = json_pack("{s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:I}", "id", n->id, "kind", n->kind, "kind_label",
	    notice_text_kind_label(k), "year", n->year, "region", n->region,
	    "region_name", n->region_name, "title", n->title, "body", n->body,
	    "status", n->status, "status_label", strcmp(n->status, "issued") ==
	    0 ? "已发布" : "草稿", "drafted_by", n->drafted_by, "drafted_at",
	    n->drafted_at, "item_count", (json_int_t)n->items);
	json_object_set_new(o, "issued_by", str_or_null(n->issued_by));
	json_object_set_new(o, "issued_at", str_or_null(n->issued_at));
	json_object_set_new(o, "basis", json_string(notice_text_kind_basis(k)));
	/* Drafted before issuers were kept: its region's office issued it. */
	int kept = n->issuer != NULL && n->issuer_organ != NULL;
	json_object_set_new(o, "issuer", json_string(kept ? n->issuer :
	    n->region));
	json_object_set_new(o, "issuer_name", json_string(kept ?
	    n->issuer_name : n->region_name));
	json_object_set_new(o, "issuing_organ", json_string(kept ?
	    n->issuer_organ : notice_text_office(NULL, n->region_name, office,
	    sizeof office)));
	return o;
}

struct kept {
	json_t *o;
	char path[512], issuer[512], status[16], kind[16];
};

static int
keep(void *ctx, const struct store_notice *n)
{
	struct kept *k = ctx;
	k->o = api_notice_json(n);
	snprintf(k->path, sizeof k->path, "%s", n->path);
	snprintf(k->issuer, sizeof k->issuer, "%s", n->issuer_path != NULL ?
	    n->issuer_path : n->path);
	snprintf(k->status, sizeof k->status, "%s", n->status);
	snprintf(k->kind, sizeof k->kind, "%s", n->kind);
	return 0;
}

static int
add_item(void *ctx, const struct store_notice_item *it)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s}", "person", it->person, "person_name",
	    it->person_name, "organ", it->organ, "organ_name", it->organ_name,
	    "region", it->region, "region_name", it->region_name, "grade",
	    it->grade, "grade_label", grade_label(it->grade), "reason",
	    it->reason));
	return 0;
}

int
api_notice_may_draft(struct request *r, const char *path)
{
	return (r->user.role == ACCT_ADMIN || r->user.role == ACCT_OFFICE) &&
	    access_can_read_path(&r->user, path);
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
 * Reads notice id into k when r->user may see it: a draft only the
 * office of its region (or above); an issued one also inspectors and
 * discipline officers there, and the clerks and leaders it lists.
 * Returns 1, 0 or -1.
 */
static int
read_notice(struct request *r, const char *id, struct kept *k)
{
	memset(k, 0, sizeof *k);
	int rc = store_notice_get(r->store, id, keep, k);
	if (rc <= 0)
		return rc;
	int issued = strcmp(k->status, "issued") == 0, ok = 0;
	struct listed l = { &r->user, 0 };
	switch (r->user.role) {
	case ACCT_ADMIN:
	case ACCT_OFFICE:
		ok = access_can_read_path(&r->user, k->path);
		break;
	case ACCT_INSPECTOR:
	case ACCT_DISCIPLINE:
		ok = issued && access_can_read_path(&r->user, k->path);
		break;
	default:
		if (issued && store_each_notice_item(r->store, id, lists, &l) < 0)
			rc = -1;
		ok = issued && l.yes;
		break;
	}
	if (!ok || rc < 0) {
		json_decref(k->o);
		k->o = NULL;
		return rc < 0 ? -1 : 0;
	}
	return 1;
}

static int
add_order(void *ctx, const struct store_rectification *x)
{
	json_array_append_new(ctx, api_rectification_json(x));
	return 0;
}

static int
add_interview(void *ctx, const struct store_interview *v)
{
	json_array_append_new(ctx, api_interview_json(v));
	return 0;
}

static int
listed_id(json_t *list, const char *id)
{
	json_t *x;
	size_t i;
	json_array_foreach(list, i, x)
		if (strcmp(json_string_value(json_object_get(x, "id")), id) == 0)
			return 1;
	return 0;
}

/*
 * Adds to list the 约谈 (rect 0) or 整改 (rect 1) each leader of items
 * has for the notice o's organ and year, whichever notice or office
 * ordered it, where r->user may see it and list lacks it: a notice whose
 * leaders another office's notice ordered first shows what stands.
 * Returns 0 or -1.
 */
static int
standing(struct request *r, json_t *o, json_t *items, int rect, json_t *list)
{
	json_t *it;
	size_t i;
	char id[130];
	unsigned st;
	int year = (int)json_integer_value(json_object_get(o, "year"));
	json_array_foreach(items, i, it) {
		const char *person = json_string_value(json_object_get(it,
		    "person"));
		const char *organ = json_string_value(json_object_get(it, "organ"));
		int rc = rect ? store_rectification_once(r->store, person, organ,
		    year, id, sizeof id) : store_interview_once(r->store, person,
		    organ, year, id, sizeof id);
		if (rc < 0)
			return -1;
		if (rc == 0 || listed_id(list, id))
			continue;
		json_t *x = rect ? api_rectification_load(r, id, &st) :
		    api_interview_load(r, id, &st);
		if (x != NULL)
			json_array_append_new(list, x);
		else if (st == 500)
			return -1;
	}
	return 0;
}

json_t *
api_notice_load(struct request *r, const char *id, unsigned *status)
{
	struct kept k;
	*status = 0;
	int rc = read_notice(r, id, &k);
	if (rc <= 0) {
		*status = rc < 0 ? 500 : 404;
		return NULL;
	}
	json_t *items = json_array();
	json_object_set_new(k.o, "items", items);
	json_object_set_new(k.o, "may_issue", json_boolean(
	    authority_may_issue(&r->user, k.issuer)));
	if (store_each_notice_item(r->store, id, add_item, items) < 0) {
		json_decref(k.o);
		*status = 500;
		return NULL;
	}
	/* What an interview or criticism notice gave rise to, as far as
	 * r->user sees. */
	if (strcmp(k.kind, "commendation") != 0) {
		struct store_rect_filter rf = { .notice = id, .limit = ENTRIES_MAX };
		struct store_interview_filter vf = { .notice = id,
			.limit = ENTRIES_MAX };
		json_t *orders = json_array(), *interviews = json_array();
		json_object_set_new(k.o, "rectifications", orders);
		json_object_set_new(k.o, "interviews", interviews);
		if (api_sup_scope(r, &rf.scope)) {
			vf.scope = rf.scope;
			if (store_each_rectification(r->store, &rf, date_today(),
			    add_order, orders) < 0 || store_each_interview(r->store,
			    &vf, add_interview, interviews) < 0 ||
			    standing(r, k.o, items, 0, interviews) ||
			    standing(r, k.o, items, 1, orders)) {
				json_decref(k.o);
				*status = 500;
				return NULL;
			}
		}
	}
	return k.o;
}

/* ---- editing and issuing ---- */

/* Reads a notice r->user may write into k (the caller releases k->o):
 * 1, or answers and returns -1. */
static int
writable(struct request *r, const char *id, struct kept *k)
{
	int rc = read_notice(r, id, k);
	if (rc <= 0) {
		resp_problem(r, rc < 0 ? 500 : 404, rc < 0 ? "内部错误" :
		    "通报不存在 (no such notice)", id, NULL);
		return -1;
	}
	if (!api_notice_may_draft(r, k->path)) {
		json_decref(k->o);
		k->o = NULL;
		resp_problem(r, 403, "无权办理该通报 (outside your scope)", id,
		    NULL);
		return -1;
	}
	return 1;
}

int
api_notice_edit(struct request *r, const char *id, json_t *obj)
{
	struct kept k;
	const char *title, *body;
	if (writable(r, id, &k) < 0)
		return -1;
	json_decref(k.o);
	if (api_sup_text(r, obj, "title", 1, TITLE_MAX, &title) ||
	    api_sup_text(r, obj, "body", 1, BODY_MAX, &body))
		return -1;
	json_t *what = json_pack("{s:s, s:s}", "title", title, "body", body);
	if (store_begin(r->store)) {
		json_decref(what);
		return api_sup_fail(r, 0);
	}
	int rc = store_notice_update(r->store, id, title, body);
	if (rc == 0) {
		json_decref(what);
		store_rollback(r->store);
		resp_problem(r, 409, "通报已发布,不能再修改", id, NULL);
		return -1;
	}
	rc = rc < 0 || api_sup_audit(r, "notice.update", "notice", id, what) ||
	    store_commit(r->store);
	json_decref(what);
	return rc ? api_sup_fail(r, 1) : 0;
}

/* In the open transaction: may r->user issue notice id, or give its
 * orders, as stored? Returns 0, or rolls back, answers and returns -1. */
static int
competent(struct request *r, const char *id)
{
	struct fault f = { 0 };
	if (authority_notice_issue(r->store, &r->user, id, &f) == 0)
		return 0;
	store_rollback(r->store);
	resp_fault(r, &f);
	return -1;
}

int
api_notice_publish(struct request *r, const char *id)
{
	struct kept k;
	char now[32];
	if (writable(r, id, &k) < 0)
		return -1;
	json_decref(k.o);
	req_now_text(now);
	if (store_begin(r->store))
		return api_sup_fail(r, 0);
	if (competent(r, id))
		return -1;
	json_t *what = json_pack("{s:s, s:s}", "issued_by", r->user.name,
	    "issued_at", now);
	int rc = store_notice_issue(r->store, id, r->user.name, now);
	if (rc == 0) {
		json_decref(what);
		store_rollback(r->store);
		resp_problem(r, 409, "通报已经发布,不能重复发布", id, NULL);
		return -1;
	}
	rc = rc < 0 || api_sup_audit(r, "notice.issue", "notice", id, what) ||
	    store_commit(r->store);
	json_decref(what);
	return rc ? api_sup_fail(r, 1) : 0;
}

/* ---- the orders of an interview or criticism notice ---- */

static int
copy_item(void *ctx, const struct store_notice_item *it)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s}", "person",
	    it->person, "person_name", it->person_name, "organ", it->organ,
	    "reason", it->reason));
	return 0;
}

/* The interview and the order notice id calls for with the leader it
 * lists as item (in the open transaction); their ids are appended to
 * itv and rect, and *made counts what was created. Returns 0 or -1. */
static int
follow_one(struct request *r, const char *notice, const char *title,
    int year, json_t *item, const char *scheduled_on, const char *deadline,
    const char *requirement, const char *now, json_t *itv, json_t *rect,
    int made[2])
{
	const char *person = json_string_value(json_object_get(item, "person"));
	const char *organ = json_string_value(json_object_get(item, "organ"));
	const char *reason = json_string_value(json_object_get(item, "reason"));
	char iid[130], rid[130];
	/* One 约谈 and one 整改 a leader, organ and year, whoever ordered it. */
	int rc = store_interview_once(r->store, person, organ, year, iid,
	    sizeof iid);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		const char *id = api_sup_id(r, "itv", date_year(date_today()));
		struct store_interview v = { .id = id, .source = "evaluation",
			.notice = notice, .organ = organ, .person = person,
			.year = year, .reason = arena_printf(r->arena, "依据《%s》:%d"
			    "年度履行推进法治建设第一责任人职责考评结果为%s", title, year,
			    reason), .scheduled_on = scheduled_on,
			.created_by = r->user.name, .created_at = now };
		json_t *what = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "id", id,
		    "notice", notice, "organ", organ, "person", person, "year",
		    year, "scheduled_on", scheduled_on);
		rc = store_interview_add(r->store, &v) ||
		    store_interview_once_add(r->store, id) || api_sup_audit(r,
		    "interview.schedule", "interview", id, what);
		json_decref(what);
		if (rc)
			return -1;
		snprintf(iid, sizeof iid, "%s", id);
		made[1]++;
	}
	json_array_append_new(itv, json_string(iid));
	rc = store_rectification_once(r->store, person, organ, year, rid,
	    sizeof rid);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		const char *id = api_sup_id(r, "rect", date_year(date_today()));
		struct store_rectification x = { .id = id, .source = "evaluation",
			.interview = iid, .notice = notice, .organ = organ,
			.person = person, .year = year, .requirement = requirement,
			.deadline = deadline, .issued_by = r->user.name,
			.issued_at = now };
		struct store_rect_event e = { .action = "issue", .to = "issued",
			.note = title, .actor = r->user.name, .at = now };
		json_t *what = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s}",
		    "id", id, "notice", notice, "interview", iid, "organ", organ,
		    "person", person, "year", year, "requirement", requirement,
		    "deadline", deadline);
		rc = store_rectification_add(r->store, &x) ||
		    store_rectification_once_add(r->store, id) ||
		    store_rect_event_add(r->store, id, &e) || api_sup_audit(r,
		    "rectification.issue", "rectification", id, what);
		json_decref(what);
		if (rc)
			return -1;
		snprintf(rid, sizeof rid, "%s", id);
		made[0]++;
	}
	json_array_append_new(rect, json_string(rid));
	return 0;
}

json_t *
api_notice_follow(struct request *r, const char *id, json_t *obj)
{
	struct kept k;
	const char *scheduled_on, *deadline, *requirement;
	date_t on, due, today = date_today();
	char day1[11], day2[11], now[32];
	if (writable(r, id, &k) < 0)
		return NULL;
	const char *title = arena_strdup(r->arena, json_string_value(
	    json_object_get(k.o, "title")));
	int year = (int)json_integer_value(json_object_get(k.o, "year"));
	json_decref(k.o);
	if (strcmp(k.kind, "commendation") == 0) {
		resp_problem(r, 409, "通报表扬不需要约谈和整改", id, NULL);
		return NULL;
	}
	if (strcmp(k.status, "issued") != 0) {
		resp_problem(r, 409, "通报尚未发布,请先发布再安排约谈和整改", id,
		    NULL);
		return NULL;
	}
	if (api_sup_date(r, obj, "scheduled_on", 0, &scheduled_on, &on) ||
	    api_sup_date(r, obj, "deadline", 0, &deadline, &due) ||
	    api_sup_text(r, obj, "requirement", 0, 4000, &requirement))
		return NULL;
	if (scheduled_on == NULL) {
		date_format(today + INTERVIEW_DAYS, day1);
		scheduled_on = day1;
	}
	if (deadline == NULL) {
		date_format(today + DEADLINE_DAYS, day2);
		deadline = day2;
	}
	if (requirement == NULL)
		requirement = arena_printf(r->arena, "根据《%s》,对照%d年度履行推进法治"
		    "建设第一责任人职责考评中未达要求的事项逐项整改,于%s前报送整改"
		    "报告和佐证材料。", title, year, deadline);
	json_t *items = json_array(), *itv = json_array(), *rect = json_array();
	int made[2] = { 0, 0 };
	req_now_text(now);
	if (store_each_notice_item(r->store, id, copy_item, items) < 0 ||
	    store_begin(r->store)) {
		json_decref(items);
		json_decref(itv);
		json_decref(rect);
		api_sup_fail(r, 0);
		return NULL;
	}
	if (competent(r, id)) {
		json_decref(items);
		json_decref(itv);
		json_decref(rect);
		return NULL;
	}
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < json_array_size(items); i++)
		rc = follow_one(r, id, title, year, json_array_get(items, i),
		    scheduled_on, deadline, requirement, now, itv, rect, made);
	json_decref(items);
	if (rc || store_commit(r->store)) {
		json_decref(itv);
		json_decref(rect);
		api_sup_fail(r, 1);
		return NULL;
	}
	return json_pack("{s:s, s:o, s:o, s:i, s:i}", "notice", id,
	    "rectifications", rect, "interviews", itv, "created_rectifications",
	    made[0], "created_interviews", made[1]);
}

int
api_sup_once(struct request *r, int rect, const char *person,
    const char *organ, int year)
{
	char id[130];
	int rc = rect ? store_rectification_once(r->store, person, organ, year,
	    id, sizeof id) : store_interview_once(r->store, person, organ, year,
	    id, sizeof id);
	if (rc == 0)
		return 0;
	if (rc < 0)
		return api_sup_fail(r, 1);
	store_rollback(r->store);
	resp_problem(r, 409, rect ? "该负责人该年度的考评整改已经下达,不再重复"
	    "下达 (one rectification a leader, organ and year)" : "该负责人该"
	    "年度的考评约谈已经安排,不再重复安排 (one interview a leader, organ "
	    "and year)", arena_strdup(r->arena, id), "person");
	return -1;
}

/* ---- handlers ---- */

static int
add_notice(void *ctx, const struct store_notice *n)
{
	json_array_append_new(ctx, api_notice_json(n));
	return 0;
}

void
api_notices_list(struct request *r)
{
	struct store_notice_filter f = { 0 };
	enum notice_kind k;
	int page, per_page;
	api_paging(r, &page, &per_page);
	f.limit = per_page;
	f.offset = (page - 1) * per_page;
	const char *kind = req_query(r, "kind"), *y = req_query(r, "year");
	if (kind != NULL && *kind != '\0') {
		if (notice_text_kind_parse(kind, &k)) {
			resp_problem(r, 400, "通报类型应为 commendation、interview 或 criticism",
			    kind, "kind");
			return;
		}
		f.kind = kind;
	}
	if (y != NULL && *y != '\0') {
		char *end;
		long v = strtol(y, &end, 10);
		if (*end != '\0' || v < 1900 || v > 2200) {
			resp_problem(r, 400, "年度应为 YYYY", y, "year");
			return;
		}
		f.year = (int)v;
	}
	/* Drafts are the office's; the others see what was issued. */
	f.issued_only = r->user.role != ACCT_ADMIN &&
	    r->user.role != ACCT_OFFICE;
	json_t *items = json_array();
	if (api_sup_scope(r, &f.scope) &&
	    store_each_notice(r->store, &f, add_notice, items) < 0) {
		json_decref(items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:o, s:i, s:i}", "items", items, "page",
	    page, "per_page", per_page));
}

static void
answer(struct request *r, const char *id, unsigned status)
{
	unsigned st;
	json_t *o = api_notice_load(r, id, &st);
	if (o == NULL)
		resp_problem(r, 500, "内部错误", NULL, NULL);
	else
		resp_json(r, status, o);
}

void
api_notice_draft(struct request *r)
{
	const char *id;
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_notice_write(r, obj, &id) == 0) {
		answer(r, id, 201);
		resp_header(r, "Location", arena_printf(r->arena,
		    "/api/v1/notices/%s", id));
	}
	json_decref(obj);
}

void
api_notice_get(struct request *r)
{
	unsigned status;
	json_t *o = api_notice_load(r, r->params[0], &status);
	if (o == NULL) {
		resp_problem(r, status, status == 404 ? "通报不存在 (no such "
		    "notice)" : "内部错误", r->params[0], NULL);
		return;
	}
	resp_json(r, 200, o);
}

void
api_notice_update(struct request *r)
{
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_notice_edit(r, r->params[0], obj) == 0)
		answer(r, r->params[0], 200);
	json_decref(obj);
}

void
api_notice_issue(struct request *r)
{
	if (api_notice_publish(r, r->params[0]) == 0)
		answer(r, r->params[0], 200);
}

void
api_notice_orders(struct request *r)
{
	json_t *obj = NULL;
	if (r->body.len > 0 && (obj = req_json(r)) == NULL)
		return;
	if (obj == NULL)
		obj = json_object();
	json_t *o = api_notice_follow(r, r->params[0], obj);
	if (o != NULL)
		resp_json(r, json_integer_value(json_object_get(o,
		    "created_rectifications")) + json_integer_value(
		    json_object_get(o, "created_interviews")) > 0 ? 201 : 200, o);
	json_decref(obj);
}
