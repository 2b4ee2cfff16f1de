/*
 * Drafting a notice from the evaluation (notice.h; notice.c has the rest
 * of a notice's life): every leader of the region whose result carries
 * the kind's consequence is listed once, with organ, grade and reason,
 * and the notice is issued in the name of the lowest region over every
 * listed leader's superior party committee (a criticism: the region's
 * government), whose organ's full name signs the drafted text
 * (oversight/notice-text.h); the draft, its leaders and its issuer are
 * written in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authority.h"
#include "domain/evaluation.h"
#include "domain/notice.h"
#include "engine/closure.h"
#include "oversight/notice-text.h"

#define TITLE_MAX 500
#define BODY_MAX 65536
#define ENTRIES_MAX 5000 /* leaders on a notice */

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
	dr->v[dr->n++] = (struct draft_item){ dom_strdup(d, res->person),
		dom_strdup(d, res->person_name), dom_strdup(d, res->organ),
		dom_strdup(d, res->organ_name), catalog_grade_name(res->grade),
		reason_of(d, res), dom_strdup(d, sup), 0 };
	return 0;
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
	char committee[520] = "", full[600];
	const char *region;
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
	if (dom_region_name(d, issuer, &region))
		return -1;
	if (region == NULL)
		region = "";
	const char *want = dr->kind == NOTICE_CRITICISM ? "government" :
	    "party_committee";
	int rc = store_organ_of_kind(d->store, *code, want, committee,
	    sizeof committee);
	if (rc < 0)
		return -1;
	*name = region;
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
	return dom_commit(d, rc);
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
	char path[512], existing[130], now[32], issuer[512];
	const char *name;
	if (notice_kind_check(d, in->kind))
		return -1;
	notice_text_kind_parse(in->kind, &kind);
	if (evaluation_region_path(d, in->region, path, sizeof path, 400))
		return -1;
	if (dom_region_name(d, path, &name))
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	if (name == NULL)
		name = "";
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
	/* The wording of the catalog in force today. */
	rc = notice_text_draft(catalog_version_at(d->catalog,
	    date_today()), kind, in->year, name, organ, e, dr.n, date_today(),
	    &title, &body);
	if (rc) {
		buf_free(&title);
		buf_free(&body);
		return rc == -1 ? dom_refuse(d, 400, "名单过长,请按更小的地区起草",
		    in->region, "region") : dom_refuse(d, 500, "职责清单中的通报"
		    "模板有误 (the catalog's notice template does not fit)",
		    notice_text_kind_name(kind), NULL);
	}
	dom_now(now);
	*id = dom_new_id(d, "ntc", in->year);
	struct store_notice nt = { .id = *id, .kind = in->kind,
		.year = in->year, .region = in->region, .title = title.data,
		.body = body.data, .drafted_by = d->user->name, .drafted_at = now };
	rc = draft_write(d, in, &dr, &nt, issuer_code, organ);
	buf_free(&title);
	buf_free(&body);
	return rc;
}

/* A text member of obj (a string or absent) checked as dom_text does. */
static int
member_text(struct dom *d, const json_t *obj, const char *field,
    const char *label, size_t max, const char **out)
{
	json_t *v = json_object_get(obj, field);
	if (v != NULL && !json_is_null(v) && !json_is_string(v))
		return dom_refuse(d, 400, arena_printf(d->arena, "%s应为文字 "
		    "(must be a string)", label), NULL, field);
	return dom_text(d, field, label, json_string_value(v), 1, max, out);
}

int
notice_draft_read(struct dom *d, const json_t *obj, struct notice_draft *in)
{
	json_t *want = json_object_get(obj, "leaders"), *x, *v;
	size_t i;
	*in = (struct notice_draft){ 0 };
	if (json_object_get(obj, "id") != NULL)
		return dom_refuse(d, 400, "编号由系统分配,不可指定 (the id is "
		    "assigned by the server)", NULL, "id");
	if (member_text(d, obj, "kind", "类型", 16, &in->kind) ||
	    notice_kind_check(d, in->kind))
		return -1;
	/* A year as a number, or as its digits (a form's field). */
	v = json_object_get(obj, "year");
	long long y = json_is_integer(v) ? json_integer_value(v) : -1;
	if (json_is_string(v) && json_string_length(v) > 0) {
		char *end;
		y = strtoll(json_string_value(v), &end, 10);
		y = *end == '\0' ? y : -1;
	} else if (v == NULL || json_is_null(v) || json_is_string(v))
		return dom_refuse(d, 400, "请填写年度 (required)", NULL, "year");
	if (y < 1900 || y > 2200)
		return dom_refuse(d, 400, "年度应为 1900 至 2200 的整数 (must be a "
		    "year)", NULL, "year");
	in->year = (int)y;
	if (member_text(d, obj, "region", "地区", 15, &in->region))
		return -1;
	if (want == NULL || json_is_null(want))
		return 0;
	if (!json_is_array(want) || json_array_size(want) == 0 ||
	    json_array_size(want) > ENTRIES_MAX) {
		in->leaders_bad = 1;
		return 0;
	}
	struct notice_leader *l = arena_alloc(d->arena, json_array_size(want) *
	    sizeof *l);
	json_array_foreach(want, i, x)
		l[i] = (struct notice_leader){ dom_strdup(d, json_string_value(
		    json_object_get(x, "person"))), dom_strdup(d,
		    json_string_value(json_object_get(x, "organ"))) };
	in->leaders = l;
	in->nleaders = json_array_size(want);
	return 0;
}
