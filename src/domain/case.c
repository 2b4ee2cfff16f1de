/*
 * 问责 (第九条), reading (case.h): who handles cases, the one field table
 * of a case's input and its checks, a case with its history, deadlines
 * and the caller's steps, the listing and the vetoed results to refer.
 * The writes are case-write.c.
 *
 * The input's checks are the ones the API has always answered with (a
 * blank text is none, control characters refused, each limit named), so
 * a form and a JSON body are refused alike with the same field.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/sm3.h"
#include "domain/case.h"
#include "domain/evaluation.h"
#include "engine/closure.h"
#include "engine/eval-cache.h"
#include "store/store-closure.h"

/* ---- who ---- */

unsigned
case_by(const struct principal *p)
{
	switch (p->role) {
	case ACCT_ADMIN:
		return PROC_BY_OFFICE | PROC_BY_DISCIPLINE;
	case ACCT_OFFICE:
		return PROC_BY_OFFICE;
	case ACCT_DISCIPLINE:
		return PROC_BY_DISCIPLINE;
	default:
		return 0;
	}
}

int
case_role(struct dom *d)
{
	if (case_by(d->user) != 0)
		return 0;
	return dom_refuse(d, 403, "问责案件仅限纪检监察人员和依法治理办公室办理 "
	    "(accountability is for discipline officers and offices)", NULL,
	    NULL);
}

/* Whether p sees cases of the region at path (its scope subtree). */
int
case_in_scope(const struct principal *p, const char *path)
{
	return case_by(p) != 0 && path != NULL && access_can_read_path(p, path);
}

/* ---- input: one table for bodies and forms ---- */

#define TEXT_MAX 8000 /* findings, statement, decision, execution, appeal */
#define IN(json, label, type, flags, min, max, member) { json, NULL, \
	label, type, ATTR_IN | (flags), min, max, NULL, \
	offsetof(struct case_in, member) }

/* Opening [0, 8), a move [8, 17), an appeal [16, 20): note is both. */
static const struct attr fields[] = {
	IN("target", "问责对象", ATTR_TEXT, ATTR_REQ, 0, 32, target),
	IN("organ", "机构", ATTR_TEXT, ATTR_REQ, 0, 128, organ),
	IN("person", "被问责人", ATTR_TEXT, 0, 0, 128, person),
	IN("item", "情形", ATTR_INT, ATTR_REQ, 1, 5, item),
	IN("source", "来源", ATTR_TEXT, ATTR_REQ, 0, 32, source),
	IN("source_ref", "来源编号", ATTR_TEXT, 0, 0, 200, source_ref),
	IN("year", "年度", ATTR_INT, 0, 2000, 2200, year),
	IN("summary", "案情摘要", ATTR_TEXT, ATTR_REQ, 0, 4000, summary),
	IN("to", "办理步骤", ATTR_TEXT, ATTR_REQ, 0, 32, to),
	IN("date", "日期", ATTR_DATE, 0, 0, 10, date),
	IN("investigation", "调查结论", ATTR_TEXT, 0, 0, TEXT_MAX,
	    investigation),
	IN("statement", "陈述和申辩", ATTR_TEXT, 0, 0, TEXT_MAX, statement),
	IN("statement_waived", "放弃陈述申辩", ATTR_BOOL, 0, 0, 0,
	    statement_waived),
	IN("decision_form", "问责方式", ATTR_TEXT, 0, 0, 64, decision_form),
	IN("decision", "问责决定", ATTR_TEXT, 0, 0, TEXT_MAX, decision),
	IN("execution", "执行情况", ATTR_TEXT, 0, 0, TEXT_MAX, execution),
	IN("note", "理由或说明", ATTR_TEXT, 0, 0, 2000, note),
	IN("appeal", "申诉理由", ATTR_TEXT, 0, 0, TEXT_MAX, appeal),
	IN("appeal_on", "申诉日期", ATTR_DATE, 0, 0, 10, appeal_on),
	IN("result", "处理结果", ATTR_TEXT, 0, 0, 32, result),
};

const struct entity case_fields = ENTITY("case", fields);

static const struct {
	size_t first, n;
} ops[] = {
	[CASE_OPEN] = { 0, 8 },
	[CASE_MOVE] = { 8, 9 },
	[CASE_APPEAL] = { 16, 4 },
};
_Static_assert(sizeof fields / sizeof *fields == 20, "ops[] ranges");

#define AT(obj, fd, type) ((type *)(void *)((char *)(obj) + (fd)->offset))

/* The refusal of a number out of its place: each says what it wants. */
static const char *
number_title(const struct attr *fd)
{
	return strcmp(fd->json, "item") == 0 ? "情形应为第九条第(一)至(五)项"
	    "之一 (item 1-5)" : "应为年份 (a year)";
}

/* One text member: none when absent, null or blank; else within max
 * bytes, no control characters but tab and line breaks. */
static int
take_text(struct dom *d, const struct attr *fd, json_t *v, const char **out)
{
	*out = NULL;
	if (v != NULL && !json_is_null(v) && !json_is_string(v))
		return dom_refuse(d, 400, "应为文字 (must be a string)", NULL,
		    fd->json);
	const char *s = json_string_value(v);
	size_t n = s != NULL ? json_string_length(v) : 0, i = 0;
	while (i < n && strchr(" \t\r\n", s[i]) != NULL)
		i++;
	if (i == n)
		return fd->flags & ATTR_REQ ? dom_refuse(d, 400, "必填 (required)",
		    NULL, fd->json) : 0;
	if (n > (size_t)fd->max)
		return dom_refuse(d, 400, "内容过长 (too long)", arena_printf(
		    d->arena, "at most %ld bytes", fd->max), fd->json);
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && !strchr("\t\r\n", s[i])) ||
		    s[i] == 0x7f)
			return dom_refuse(d, 400, "含有不允许的控制字符 (control "
			    "characters)", NULL, fd->json);
	date_t day;
	if (fd->type == ATTR_DATE && date_parse(s, &day))
		return dom_refuse(d, 400, "日期格式应为 YYYY-MM-DD (not a valid "
		    "date)", arena_strdup(d->arena, s), fd->json);
	*out = arena_strdup(d->arena, s);
	return 0;
}

int
case_input(struct dom *d, enum case_op op, json_t *obj, struct case_in *in)
{
	const struct attr *all = fields + ops[op].first;
	const char *key;
	json_t *v;
	*in = (struct case_in){ 0 };
	json_object_foreach(obj, key, v) {
		size_t i = 0;
		while (i < ops[op].n && strcmp(all[i].json, key) != 0)
			i++;
		if (i == ops[op].n)
			return dom_refuse(d, 400, "未知字段 (unknown field)",
			    arena_strdup(d->arena, key), arena_strdup(d->arena,
			    key));
	}
	for (size_t i = 0; i < ops[op].n; i++) {
		const struct attr *fd = &all[i];
		v = json_object_get(obj, fd->json);
		if (fd->type == ATTR_BOOL) /* given at all */
			*AT(in, fd, int) = v != NULL;
		else if (fd->type == ATTR_INT) {
			json_int_t n = json_integer_value(v);
			if ((v == NULL || json_is_null(v)) && !(fd->flags & ATTR_REQ))
				continue;
			if (!json_is_integer(v) || n < fd->min || n > fd->max)
				return dom_refuse(d, 400, number_title(fd), NULL,
				    fd->json);
			*AT(in, fd, int) = (int)n;
		} else if (take_text(d, fd, v, AT(in, fd, const char *)))
			return -1;
	}
	/* What was given, even blank: an appeal's result and the appeal
	 * itself are told apart by it. */
	static const struct {
		const char *json;
		unsigned bit;
	} given[] = { { "note", CASE_GIVEN_NOTE }, { "appeal",
		CASE_GIVEN_APPEAL }, { "appeal_on", CASE_GIVEN_APPEAL_ON },
		{ "result", CASE_GIVEN_RESULT } };
	for (size_t i = 0; i < sizeof given / sizeof *given; i++)
		if (json_object_get(obj, given[i].json) != NULL)
			in->given |= given[i].bit;
	return 0;
}

int
case_input_form(struct dom *d, enum case_op op,
    const char *(*get)(void *ctx, const char *name), void *ctx,
    struct case_in *in)
{
	json_t *obj = json_object();
	for (size_t i = 0; i < ops[op].n; i++) {
		const struct attr *fd = &fields[ops[op].first + i];
		const char *s = get(ctx, fd->json);
		char *end;
		json_t *v = NULL;
		if (s == NULL || fd->type == ATTR_BOOL)
			continue;
		/* A whole number as typed; other text, refused as such. */
		long long n = fd->type == ATTR_INT ? strtoll(s, &end, 10) : 0;
		if (fd->type == ATTR_INT && end != s && *end == '\0')
			v = json_integer(n);
		else
			v = json_string(s); /* NULL: not UTF-8, as if not given */
		if (v != NULL)
			json_object_set_new(obj, fd->json, v);
	}
	int rc = case_input(d, op, obj, in);
	json_decref(obj);
	return rc;
}

/* ---- loading ---- */

static DOM_KEEPER(keep_case, struct store_case)
static DOM_KEEPER(keep_event, struct store_case_event)

int
case_get(struct dom *d, const char *id, struct store_case *c)
{
	struct dom_rows k = DOM_ROWS(d, store_case_entity, struct store_case);
	int rc = store_case_get(d->store, id, keep_case, &k);
	if (rc < 0)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	if (rc == 0 || !case_in_scope(d->user,
	    ((struct store_case *)k.items)->region_path))
		return dom_refuse(d, 404, "案件不存在 (no such case)",
		    arena_strdup(d->arena, id), NULL);
	*c = *(struct store_case *)k.items;
	return 0;
}

void
case_proc(const struct store_case *c, struct proc_case *p)
{
	/* opened_on and last_step_on: the local days of its start and of
	 * its latest step (each move sets updated_at; none is made after
	 * the decision's). */
	*p = (struct proc_case){ .investigation = c->investigation,
		.statement = c->statement, .waived = c->waived,
		.decision_form = c->decision_form, .decision = c->decision,
		.execution = c->execution,
		.opened_on = date_of_stamp(c->created_at),
		.last_step_on = date_of_stamp(c->updated_at),
		.decided_on = c->decided_on, .appeal_on = c->appeal_on,
		.appeal_result = c->appeal_result,
		.investigator = c->investigated_by };
	if (proc_target_parse(c->target, &p->target))
		p->target = PROC_CADRE;
	if (proc_state_parse(c->state, &p->state))
		p->state = PROC_CLOSED; /* unknown: let nothing move it */
}

/* v's case seen by the procedure, with its running deadlines. */
static void
view_of(struct arena *a, struct case_view *v, date_t today)
{
	case_proc(&v->c, &v->p);
	v->deadlines = arena_alloc(a, (proc_ndeadlines + 1) *
	    sizeof *v->deadlines);
	v->ndeadlines = 0;
	for (size_t i = 0; i < proc_ndeadlines; i++) {
		struct case_deadline *dl = &v->deadlines[v->ndeadlines];
		if (!proc_deadline_due(&proc_deadlines[i], &v->p, &dl->due))
			continue;
		dl->def = &proc_deadlines[i];
		dl->days_left = (int)(dl->due - today);
		v->ndeadlines++;
	}
}

/*
 * The steps ahead of the case as the caller (p->actor, with its roles
 * by) sees them: each destination still ahead, whether it may be taken
 * now and, if not, why.
 */
static void
steps_of(struct case_view *v, unsigned by)
{
	static const enum proc_state ahead[] = { PROC_INVESTIGATING,
		PROC_STATEMENT, PROC_DECIDED, PROC_EXECUTING, PROC_CLOSED,
		PROC_DISMISSED };
	const struct proc_case *p = &v->p;
	v->nsteps = 0;
	if (p->state == PROC_CLOSED || p->state == PROC_DISMISSED)
		return;
	for (size_t i = 0; i < sizeof ahead / sizeof ahead[0]; i++) {
		enum proc_state to = ahead[i];
		struct case_step *s = &v->steps[v->nsteps];
		if (to == PROC_DISMISSED ? p->state >= PROC_DECIDED :
		    to <= p->state)
			continue;
		*s = (struct case_step){ .to = to };
		s->allowed = proc_may(p->state, to, by, &s->why) &&
		    proc_separate(p, to, &s->why);
		s->move = proc_find(p->state, to);
		/* A step not open from here is named as it will be later. */
		s->label = s->move ? s->move->label : proc_state_label(to);
		for (size_t j = 0; s->move == NULL && j < proc_nmoves; j++)
			if (proc_moves[j].to == to) {
				s->label = proc_moves[j].label;
				break;
			}
		v->nsteps++;
	}
}

/* The file as read, into ctx: a struct dom_rows of store_case_file. */
static int
keep_file(void *ctx, const struct store_case_file *f)
{
	struct dom *d = ((struct dom_rows *)ctx)->d;
	struct store_case_file *k = dom_next(ctx);
	*k = *f;
	k->sm3 = arena_strdup(d->arena, f->sm3);
	k->mime = arena_strdup(d->arena, f->mime);
	k->filename = arena_strdup(d->arena, f->filename);
	k->uploaded_by = arena_strdup(d->arena, f->uploaded_by);
	k->uploaded_at = arena_strdup(d->arena, f->uploaded_at);
	return 0;
}

/* The written waiver of case id into *f: 1, 0 (none) or -1 (500). */
static int
waiver(struct dom *d, const char *id, struct store_case_file *f)
{
	struct dom_rows k = DOM_LIST(d, struct store_case_file);
	int rc = store_case_file(d->store, id, "waiver", keep_file, &k);
	if (rc < 0)
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	if (k.n > 0)
		*f = *(struct store_case_file *)k.items;
	return k.n > 0;
}

int
case_waiver_file(struct dom *d, const char *id, struct store_case_file *f)
{
	int rc = waiver(d, id, f);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return dom_refuse(d, 404, "该案件没有放弃陈述申辩的材料 (no such "
		    "file)", NULL, NULL);
	return 0;
}

int
case_load(struct dom *d, const char *id, struct case_view *v)
{
	struct proc_refusal why;
	*v = (struct case_view){ 0 };
	if (case_role(d) || case_get(d, id, &v->c))
		return -1;
	date_t today = date_today();
	unsigned by = case_by(d->user);
	view_of(d->arena, v, today);
	struct dom_rows ev = DOM_ROWS(d, store_case_event_entity,
	    struct store_case_event);
	if (store_each_case_event(d->store, id, keep_event, &ev) < 0)
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	v->events = ev.items;
	v->nevents = ev.n;
	int rc = waiver(d, id, &v->waiver);
	if (rc < 0)
		return -1;
	v->has_waiver = rc;
	/* p.actor is the caller: the person as well as the role. */
	v->p.actor = d->user->name;
	v->can_waive = proc_waive_check(&v->p, by, 1, &why);
	v->waive_reason = v->can_waive ? NULL : why.reason;
	steps_of(v, by);
	v->appeal_deadline = proc_appeal_deadline(&v->p);
	v->can_appeal = proc_appeal_check(&v->p, today, today, by, &why);
	v->appeal_reason = v->can_appeal ? NULL : why.reason;
	v->can_decide = proc_result_check(&v->p, by, &why);
	v->decide_reason = v->can_decide ? NULL : why.reason;
	return 0;
}

/* ---- listing ---- */

/* A case listed, into ctx: a struct dom_rows of struct case_view (its
 * view made once all are read). */
static int
list_case(void *ctx, const struct store_case *row)
{
	struct dom_rows *l = ctx;
	struct case_view *v = dom_next(l);
	dom_copy(l->d, &store_case_entity, row, &v->c, sizeof v->c);
	return 0;
}

int
case_list(struct dom *d, const char *state, const char *region, int page,
    int per_page, struct case_list *out)
{
	enum proc_state s;
	char path[512];
	struct store_case_filter f = { 0 };
	struct dom_rows l = DOM_LIST(d, struct case_view);
	*out = (struct case_list){ 0 };
	if (case_role(d))
		return -1;
	f.path = access_scope_path(d->user);
	if (*f.path == '\0' && d->user->role != ACCT_ADMIN)
		return 0; /* a scoped role without a scope sees nothing */
	if (*f.path == '\0')
		f.path = NULL;
	if (state != NULL && *state != '\0') {
		if (proc_state_parse(state, &s))
			return dom_refuse(d, 400, "未知的案件阶段 (unknown state)",
			    state, "state");
		f.state = state;
	}
	if (region != NULL && *region != '\0') {
		int rc = store_region_path(d->store, region, path, sizeof path);
		if (rc <= 0 || !case_in_scope(d->user, path))
			return dom_refuse(d, rc < 0 ? 500 : 404, "地区不存在或不在权限"
			    "范围内", region, "region");
		f.path = path;
	}
	f.limit = per_page;
	f.offset = (page - 1) * per_page;
	out->total = store_count_cases(d->store, &f);
	if (out->total < 0 || store_each_case(d->store, &f, list_case, &l) < 0)
		return dom_refuse(d, 500, "内部错误", NULL, NULL);
	out->items = l.items;
	out->n = l.n;
	date_t today = date_today();
	for (size_t i = 0; i < out->n; i++)
		view_of(d->arena, &out->items[i], today);
	return 0;
}

/* ---- the evaluation's vetoed results ---- */

/*
 * The results of (year, region) to emit: from the evaluation cache when
 * nothing was written since it was made, else run. Only the office,
 * discipline and the administrator handle cases, and each sees every
 * result of its region, so none is filtered out here.
 */
int
case_evaluation(struct dom *d, int year, const char *region,
    int (*emit)(void *, const struct eval_result *), void *ctx)
{
	int64_t version = -1;
	char hash[SM3_HEX_LEN], err[512] = "";
	long n;
	/* A year with closures is answered from its frozen copies, which the
	 * cache does not keep. */
	if (store_closure_any(d->store, year) != 0 ||
	    store_data_version(d->store, &version, hash, sizeof hash))
		version = -1;
	struct eval_cache_key k = { d->catalog, year, region, version, hash };
	struct eval_cached *hit = version >= 0 ? eval_cache_get(&k) : NULL;
	int rc = 0;
	if (hit != NULL) {
		for (size_t i = 0; rc == 0 && i < eval_cached_count(hit); i++)
			rc = emit(ctx, eval_cached_result(hit, i));
		eval_cache_release(hit);
	} else
		rc = closure_run(d->store, d->catalog, year, region, emit, ctx,
		    &n, err, sizeof err);
	if (rc != 0)
		return dom_refuse(d, 500, "考评失败", arena_strdup(d->arena, err),
		    NULL);
	return 0;
}

/*
 * The 不合格 results of year in the caller's scope, read from the year's
 * evaluation set (evaluation-set.c), which keeps every result and pages
 * them in SQL: a province's failures are not evaluated, nor held, whole.
 */
int
case_referrals(struct dom *d, int year, long offset, long limit,
    long *total, int (*emit)(void *, const struct eval_result *), void *ctx)
{
	const struct principal *p = d->user;
	const char *region = p->region[0] ? p->region : NULL;
	struct store_organ_info o;
	struct evaluation_set es;
	struct store_evalfilter f = STORE_EVALFILTER_ALL;
	*total = 0;
	if (case_role(d))
		return -1;
	if (region == NULL && p->organ[0] &&
	    store_organ_info(d->store, p->organ, &o) == 1)
		region = arena_strdup(d->arena, o.region);
	if (region == NULL && p->role != ACCT_ADMIN)
		return dom_refuse(d, 403, "账号没有权限范围 (account has no scope)",
		    NULL, NULL);
	f.grade = GRADE_FAIL;
	if (evaluation_set_open(d, year, region, &es) ||
	    (*total = evaluation_set_count(d, &es, &f)) < 0)
		return -1;
	return evaluation_set_each(d, &es, &f, EVALSORT_ORDER, offset, limit,
	    emit, ctx);
}
