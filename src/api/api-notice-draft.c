/*
 * Drafting a notice from the evaluation (api-notices.c has the rest of a
 * notice's life). The office names a kind, a year and a region, and may
 * name which leaders; the evaluation runs over the region as the office
 * may see it, and every leader whose result carries the kind's
 * consequence is listed once, with organ, grade and reason:
 *   - commendation (第八条): a final 优秀 — a provisional result never;
 *   - interview (第八条): 不合格;
 *   - criticism (第六条第(四)项): 不合格, and only a department principal
 *     of the region or a government principal of a region below it.
 * The notice is issued in the name of the lowest region over every
 * listed leader's superior party committee (a criticism: the region's
 * government), whose organ's full name signs the drafted text
 * (oversight/notice-text.h); the draft, its leaders and its issuer are
 * written in one transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-supervision.h"
#include "auth/authority.h"
#include "domain/evaluation.h"
#include "engine/closure.h"
#include "oversight/notice-text.h"

#define TITLE_MAX 500
#define BODY_MAX 65536
#define ENTRIES_MAX 5000

/* The leaders an evaluation names for a notice, once each. */
struct draft {
	struct request *r;
	enum notice_kind kind;
	const char *over;  /* the path of the region drafted over */
	json_t *items;  /* [{person, person_name, organ, organ_name, grade,
	                 *   reason, superior}] */
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
reason_of(struct request *r, const struct eval_result *res)
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
	const char *cite = closure_citation(r->store, r->arena, res);
	if (cite != NULL)
		buf_printf(&b, ";%s", cite);
	const char *s = arena_strdup(r->arena, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* The path of region code, remembered per draft; NULL on an error. */
static const char *
path_of(struct draft *d, const char *code)
{
	json_t *p = json_object_get(d->paths, code);
	if (p != NULL)
		return json_string_value(p);
	char path[512];
	if (store_region_path(d->r->store, code, path, sizeof path) != 1)
		return NULL;
	json_object_set_new(d->paths, code, json_string(path));
	return json_string_value(json_object_get(d->paths, code));
}

/*
 * Why res's leader cannot be on a notice of d's kind, or "" when it can
 * (with the superior region, for the 第八条 kinds, in sup): "grade" —
 * the result has no such consequence; "criticism" — not a department or
 * lower government principal (第六条第(四)项); "superior" — no superior
 * body in the system. NULL on a storage error.
 */
static const char *
why_not(struct draft *d, const struct eval_result *res, char sup[512])
{
	if (!carries(res, d->kind))
		return "grade";
	const char *path = path_of(d, res->region);
	if (path == NULL)
		return NULL;
	if (d->kind == NOTICE_CRITICISM)
		return authority_criticism_lists(d->over, organ_kind(res->role),
		    path) ? "" : "criticism";
	return authority_superior_path(organ_kind(res->role), path, sup, 512) ?
	    "superior" : "";
}

static int
collect(void *ctx, const struct eval_result *res)
{
	struct draft *d = ctx;
	char sup[512] = "";
	const char *key = arena_printf(d->r->arena, "%s %s", res->person,
	    res->organ);
	const char *was = json_string_value(json_object_get(d->why, key));
	if (was != NULL && *was == '\0')
		return 0;
	const char *why = why_not(d, res, sup);
	if (why == NULL) {
		d->failed = 1;
		return 1;
	}
	json_object_set_new(d->why, key, json_string(why));
	if (*why != '\0')
		return 0;
	if (json_array_size(d->items) >= ENTRIES_MAX) {
		d->too_many = 1;
		return 1;
	}
	json_array_append_new(d->items, json_pack("{s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s}", "person", res->person, "person_name", res->person_name,
	    "organ", res->organ, "organ_name", res->organ_name, "grade",
	    catalog_grade_name(res->grade), "reason", reason_of(d->r, res),
	    "superior", sup));
	return 0;
}

static int
first_region(void *ctx, const struct store_region *g)
{
	snprintf(ctx, 520, "%s", g->name);
	return 1;
}

/*
 * Keeps of d->items those the body's "leaders" names ([{person, organ}],
 * when given), each of which must be one the evaluation lists for the
 * kind. Returns 0, or answers 400 naming "leaders" and returns -1.
 */
static int
chosen(struct request *r, json_t *obj, struct draft *d)
{
	json_t *want = json_object_get(obj, "leaders"), *x;
	size_t i;
	if (want == NULL || json_is_null(want))
		return 0;
	if (!json_is_array(want) || json_array_size(want) == 0 ||
	    json_array_size(want) > ENTRIES_MAX) {
		resp_problem(r, 400, "leaders 应为负责人列表 [{person, organ}]",
		    NULL, "leaders");
		return -1;
	}
	json_t *named = json_object();
	json_array_foreach(want, i, x) {
		const char *p = json_string_value(json_object_get(x, "person"));
		const char *o = json_string_value(json_object_get(x, "organ"));
		if (p == NULL || o == NULL || strlen(p) > 128 || strlen(o) > 128) {
			json_decref(named);
			resp_problem(r, 400, "leaders 的每一项应有 person 和 organ",
			    NULL, "leaders");
			return -1;
		}
		const char *key = arena_printf(r->arena, "%s %s", p, o);
		const char *why = json_string_value(json_object_get(d->why, key));
		if (why == NULL || *why != '\0') {
			json_decref(named);
			resp_problem(r, 400, why == NULL ? "该负责人不在该地区该年度的"
			    "考评结果中 (not evaluated there)" : strcmp(why,
			    "criticism") == 0 ? "通报批评只适用于本级政府部门和下级人民"
			    "政府的主要负责人(第六条第(四)项),不适用于该负责人 (not "
			    "a department or lower government principal)" : strcmp(why,
			    "superior") == 0 ? "该负责人的上级党委不在本系统内,不能由"
			    "本系统通报或约谈 (no superior body in the system)" :
			    d->kind == NOTICE_COMMENDATION ? "该负责人的考评结果不是"
			    "确定的优秀,不能通报表扬 (not graded excellent, or "
			    "provisional)" : "该负责人的考评结果不是不合格 (not graded "
			    "fail)", p, "leaders");
			return -1;
		}
		json_object_set_new(named, key, json_true());
	}
	json_t *kept = json_array();
	json_array_foreach(d->items, i, x) {
		const char *key = arena_printf(r->arena, "%s %s", json_string_value(
		    json_object_get(x, "person")), json_string_value(
		    json_object_get(x, "organ")));
		if (json_object_get(named, key) != NULL)
			json_array_append(kept, x);
	}
	json_decref(named);
	json_decref(d->items);
	d->items = kept;
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
issuer_of(struct request *r, const struct draft *d, char issuer[512],
    const char **code, const char **name, const char **organ)
{
	json_t *x;
	size_t i;
	char region[520] = "", committee[520] = "", full[600];
	snprintf(issuer, 512, "%s", d->over);
	if (d->kind != NOTICE_CRITICISM)
		json_array_foreach(d->items, i, x) {
			const char *sup = json_string_value(json_object_get(x,
			    "superior"));
			if (i == 0)
				snprintf(issuer, 512, "%s", sup);
			else
				authority_common_path(issuer, sup, 512);
		}
	size_t len = strlen(issuer), start = len > 0 ? len - 1 : 0;
	while (start > 0 && issuer[start - 1] != '/')
		start--;
	size_t clen = len > start + 1 ? len - start - 1 : 0;
	*code = arena_printf(r->arena, "%.*s", (int)clen, issuer + start);
	if (store_each_region_in(r->store, issuer, first_region, region) < 0)
		return -1;
	const char *want = d->kind == NOTICE_CRITICISM ? "government" :
	    "party_committee";
	int rc = store_organ_of_kind(r->store, *code, want, committee,
	    sizeof committee);
	if (rc < 0)
		return -1;
	*name = arena_strdup(r->arena, region);
	if (d->kind == NOTICE_CRITICISM)
		*organ = rc > 0 ? arena_strdup(r->arena, committee) :
		    arena_printf(r->arena, "%s人民政府", region);
	else
		*organ = arena_strdup(r->arena, notice_text_office(rc > 0 ?
		    committee : NULL, region, full, sizeof full));
	return 0;
}

static void
drafted_already(struct request *r, int rc, int year, enum notice_kind kind,
    const char *existing)
{
	resp_problem(r, rc < 0 ? 500 : 409, rc < 0 ? "内部错误" :
	    arena_printf(r->arena, "该地区%d年度的%s已经起草,请在原通报上修改",
	    year, notice_text_kind_label(kind)), rc < 0 ? NULL : existing,
	    rc < 0 ? NULL : "kind");
}

int
api_notice_write(struct request *r, json_t *obj, const char **id)
{
	const char *kind_name, *region, *issuer_code, *issuer_name, *organ;
	enum notice_kind kind;
	int year;
	char path[512], name[520] = "", existing[130], now[32], issuer[512];
	if (api_sup_server_id(r, obj) ||
	    api_sup_text(r, obj, "kind", 1, 16, &kind_name))
		return -1;
	if (notice_text_kind_parse(kind_name, &kind)) {
		resp_problem(r, 400, "通报类型应为 commendation(通报表扬)、"
		    "interview(约谈整改通知)或 criticism(通报批评)", kind_name,
		    "kind");
		return -1;
	}
	if (api_sup_year(r, obj, "year", 1, &year) ||
	    api_sup_text(r, obj, "region", 1, 15, &region))
		return -1;
	struct dom dm;
	req_dom(r, &dm);
	if (evaluation_region_path(&dm, region, path, sizeof path, 400)) {
		resp_fault(r, &dm.fault);
		return -1;
	}
	if (store_each_region_in(r->store, path, first_region, name) < 0) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	if (!api_notice_may_draft(r, path)) {
		resp_problem(r, 403, "地区不在权限范围内 (region outside your "
		    "scope)", region, "region");
		return -1;
	}
	int rc = store_notice_find(r->store, kind_name, year, region, existing,
	    sizeof existing);
	if (rc != 0) {
		drafted_already(r, rc, year, kind, existing);
		return -1;
	}
	struct draft d = { r, kind, path, json_array(), json_object(),
		json_object(), 0, 0 };
	if (api_evaluation_each(r, year, region, collect, &d) ||
	    chosen(r, obj, &d)) {
		json_decref(d.items);
		json_decref(d.why);
		json_decref(d.paths);
		return -1;
	}
	json_decref(d.why);
	json_decref(d.paths);
	size_t n = json_array_size(d.items);
	if (d.failed || d.too_many || n == 0) {
		json_decref(d.items);
		if (d.failed) {
			resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
			return -1;
		}
		resp_problem(r, d.too_many ? 400 : 409, d.too_many ?
		    "名单过长,请按更小的地区起草" : arena_printf(r->arena,
		    "%d年度该地区没有%s的负责人,无需%s", year, kind ==
		    NOTICE_COMMENDATION ? "考评确定为优秀" : kind ==
		    NOTICE_CRITICISM ? "考评不合格的本级政府部门和下级政府" :
		    "考评不合格", notice_text_kind_label(kind)), region, "region");
		return -1;
	}
	if (issuer_of(r, &d, issuer, &issuer_code, &issuer_name, &organ)) {
		json_decref(d.items);
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	struct notice_entry *e = arena_alloc(r->arena, n * sizeof *e);
	for (size_t i = 0; i < n; i++) {
		json_t *it = json_array_get(d.items, i);
		e[i] = (struct notice_entry){
			json_string_value(json_object_get(it, "person_name")),
			json_string_value(json_object_get(it, "organ_name")),
			json_string_value(json_object_get(it, "reason")) };
	}
	struct buf title, body;
	buf_init(&title, TITLE_MAX);
	buf_init(&body, BODY_MAX);
	if (notice_text_draft(kind, year, name, organ, e, n, date_today(),
	    &title, &body)) {
		buf_free(&title);
		buf_free(&body);
		json_decref(d.items);
		resp_problem(r, 400, "名单过长,请按更小的地区起草", region,
		    "region");
		return -1;
	}
	req_now_text(now);
	*id = api_sup_id(r, "ntc", year);
	struct store_notice nt = { .id = *id, .kind = kind_name, .year = year,
		.region = region, .title = title.data, .body = body.data,
		.drafted_by = r->user.name, .drafted_at = now };
	json_t *what = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, "
	    "s:O}", "id", *id, "kind", kind_name, "year", year, "region", region,
	    "issuer", issuer_code, "issuing_organ", organ, "title", title.data,
	    "body", body.data, "items", d.items);
	rc = store_begin(r->store);
	/* Drafted meanwhile by someone else? Checked again where it counts. */
	if (rc == 0 && (rc = store_notice_find(r->store, kind_name, year, region,
	    existing, sizeof existing)) != 0) {
		store_rollback(r->store);
		drafted_already(r, rc, year, kind, existing);
		rc = -1;
	} else if (rc == 0) {
		rc = store_notice_add(r->store, &nt) ||
		    store_notice_issuer_add(r->store, *id, issuer_code, organ);
		for (size_t i = 0; rc == 0 && i < n; i++) {
			json_t *it = json_array_get(d.items, i);
			struct store_notice_item ni = {
				.person = json_string_value(json_object_get(it,
				    "person")),
				.organ = json_string_value(json_object_get(it, "organ")),
				.grade = json_string_value(json_object_get(it, "grade")),
				.reason = json_string_value(json_object_get(it,
				    "reason")) };
			rc = store_notice_item_add(r->store, *id, &ni);
		}
		rc = rc || api_sup_audit(r, "notice.draft", "notice", *id, what) ||
		    store_commit(r->store);
		rc = rc ? api_sup_fail(r, 1) : 0;
	} else
		rc = api_sup_fail(r, 0);
	json_decref(what);
	json_decref(d.items);
	buf_free(&title);
	buf_free(&body);
	return rc;
}
