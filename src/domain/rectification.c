/*
 * Rectification orders (整改, 第八条) as operations (supervision.h): the
 * office over an organ orders one — from an inspection's finding, from
 * the evaluation (a leader who failed a year) or from an interview —
 * with a requirement and a deadline; the organ's clerk reports progress
 * and submits a completion report with evidence files; the office
 * accepts it or sends it back. The moves and their refusals are
 * src/oversight/rectify.c's; here they are checked against the row
 * inside the transaction that makes them, so two offices accepting at
 * once cannot both succeed.
 *
 * Overdue is derived when read (store_each_rectification), never stored.
 */
#include <string.h>

#include "auth/authority.h"
#include "domain/document.h"
#include "domain/message.h"
#include "domain/record.h"
#include "domain/supervision.h"

#define NOTE_MAX 4000
#define REPORT_MAX 20000

static const struct attr move_attrs[] = {
	{ "action", NULL, "操作", ATTR_TEXT, ATTR_IN, 0, 16, NULL,
	    offsetof(struct rect_move, action) },
	{ "status", NULL, "状态", ATTR_TEXT, ATTR_IN, 0, 16, NULL,
	    offsetof(struct rect_move, status) },
	{ "note", NULL, "说明", ATTR_TEXT, ATTR_IN, 0, NOTE_MAX, NULL,
	    offsetof(struct rect_move, note) },
	{ "report", NULL, "报告", ATTR_TEXT, ATTR_IN, 0, REPORT_MAX, NULL,
	    offsetof(struct rect_move, report) },
};
const struct entity rect_move_entity = ENTITY("rectification move",
    move_attrs);

/* ---- rows kept past their statement ---- */

#define ROWS(d) DOM_ROWS(d, store_rectification_entity, \
	struct store_rectification)

/* Order id when d->user may see it, with its organ in o: 0, or -1 (404
 * naming id, 500). */
static int
read_order(struct dom *d, const char *id, struct store_rectification *x,
    struct store_organ_info *o)
{
	struct dom_rows k = ROWS(d);
	int rc = store_rectification_get(d->store, id, date_today(),
	    sup_keep_rectification, &k);
	return sup_row_seen(d, rc, &k, x, o, "整改不存在 (no such rectification)",
	    id);
}

/* Begins the transaction of a write to order id and reads the order
 * as it stands now, inside it: 0, or -1 (rolled back: 503, 404). */
static int
begin_order(struct dom *d, const char *id, struct store_rectification *x,
    struct store_organ_info *o)
{
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (read_order(d, id, x, o) == 0)
		return 0;
	store_rollback(d->store);
	return dom_refuse(d, 404, "整改不存在 (no such rectification)", id, NULL);
}

/* Who d->user is to an order of organ o; -1: neither organ nor office. */
static int
actor_of(struct dom *d, const struct store_organ_info *o)
{
	if (access_can_review_organ(d->user, o))
		return RECTIFY_BY_OFFICE;
	if (d->user->role == ACCT_CLERK && access_can_write_organ(d->user, o))
		return RECTIFY_BY_ORGAN;
	return -1;
}

/* ---- ordering ---- */

/* What the order comes from names the organ and the leader (and an
 * interview the year). Returns 0, or -1. */
static int
from_source(struct dom *d, struct store_rectification *x)
{
	const struct entity *e = &store_rectification_entity;
	const char *organ = NULL, *person = NULL, *ref;
	int year = 0, rc;
	if (strcmp(x->source, "evaluation") == 0) {
		x->finding = x->interview = NULL;
		if (x->organ == NULL || x->person == NULL || x->year == 0)
			return dom_refuse(d, 400, "来自年度考评的整改须写明机构、负责人"
			    "和年度 (organ, person and year required)", NULL,
			    x->organ == NULL ? "organ" : x->person == NULL ? "person" :
			    "year");
		return 0;
	}
	/* A finding or an interview: the one named, the other none. */
	int finding = strcmp(x->source, "finding") == 0;
	ref = finding ? x->finding : x->interview;
	x->finding = finding ? ref : NULL;
	x->interview = finding ? NULL : ref;
	if (ref == NULL)
		return sup_required(d, e, finding ? "finding" : "interview");
	if (finding) {
		struct store_finding f;
		if ((rc = sup_finding_load(d, ref, &f)) == 0) {
			organ = f.organ;
			person = f.person;
		}
	} else {
		struct store_interview v;
		if ((rc = interview_load(d, ref, &v)) == 0) {
			organ = v.organ;
			person = v.person;
			year = v.year;
		}
	}
	if (rc)
		return d->fault.status == 500 ? -1 : dom_refuse(d, 400,
		    "来源不存在或不在权限范围内 (unknown source)", ref, x->source);
	if (x->organ != NULL && strcmp(x->organ, organ) != 0)
		return dom_refuse(d, 400, "机构与来源不符 (organ differs from the "
		    "source)", x->organ, "organ");
	x->organ = organ;
	if (x->person == NULL)
		x->person = person;
	if (x->year == 0)
		x->year = year;
	return 0;
}

int
rect_create(struct dom *d, struct store_rectification *x, const char **id)
{
	struct store_organ_info o;
	if (x->source == NULL)
		return sup_required(d, &store_rectification_entity, "source");
	if (x->requirement == NULL || x->deadline == NULL)
		return sup_required(d, &store_rectification_entity,
		    x->requirement == NULL ? "requirement" : "deadline");
	int eval = strcmp(x->source, "evaluation") == 0;
	if (from_source(d, x))
		return -1;
	if (x->organ == NULL)
		return sup_required(d, &store_rectification_entity, "organ");
	if (record_organ_access(d, x->organ, 0, "organ", &o))
		return -1;
	if (!access_can_review_organ(d->user, &o))
		return dom_refuse(d, 403, "无权对该机构下达整改 (organ outside your "
		    "scope)", x->organ, "organ");
	if (x->person != NULL && sup_served(d, x->person, eval ? x->organ :
	    NULL, x->year))
		return -1;
	/* 第八条's 整改 is the 上级党委's. */
	if (eval && authority_order(d->user, &o, "organ", &d->fault))
		return -1;
	/* Who may order it checked first: the deadline is the order's. */
	if (sup_deadline(d, "deadline", "整改期限", x->deadline))
		return -1;
	x->id = *id = dom_new_row(d, "rect", date_year(date_today()),
	    &x->issued_by, &x->issued_at);
	x->notice = NULL;
	struct store_rect_event ev = { .action = "issue", .to = "issued",
		.actor = d->user->name, .at = x->issued_at };
	if (sup_begin(d, eval, 1, x->person, x->organ, x->year))
		return -1;
	json_t *what = json_pack("{s:s, s:s, s:s*, s:s*, s:s, s:s*, s:i, s:s, "
	    "s:s}", "id", *id, "source", x->source, "finding", x->finding,
	    "interview", x->interview, "organ", x->organ, "person", x->person,
	    "year", x->year, "requirement", x->requirement, "deadline",
	    x->deadline);
	return dom_write(d, store_rectification_add(d->store, x) || (eval &&
	    store_rectification_once_add(d->store, *id)) ||
	    store_rect_event_add(d->store, *id, &ev) || message_rect_issued(d,
	    *id, x->organ, x->requirement, x->deadline) || document_issue(d,
	    "rectifications", *id, "rectification.issue"),
	    "rectification.issue", "rectification", *id, what);
}

/* ---- reading ---- */

int
rect_load(struct dom *d, const char *id, struct rect_view *v)
{
	struct store_organ_info o;
	struct dom_rows ev = DOM_ROWS(d, store_rect_event_entity,
	    struct store_rect_event);
	struct dom_rows fl = DOM_ROWS(d, store_rect_evidence_entity,
	    struct store_rect_evidence);
	enum rectify_state st, to;
	memset(v, 0, sizeof *v);
	if (read_order(d, id, &v->x, &o))
		return -1;
	if (store_each_rect_evidence(d->store, id, 0, sup_keep_evidence, &fl) < 0 ||
	    store_each_rect_event(d->store, id, sup_keep_event, &ev) < 0)
		return sup_broken(d);
	v->events = ev.items;
	v->nevents = ev.n;
	v->files = fl.items;
	v->nfiles = fl.n;
	/* The moves the caller may make now: what the pages offer. */
	int who = actor_of(d, &o);
	if (who < 0 || rectify_state_parse(v->x.status, &st))
		return 0;
	for (int a = 0; a < RECTIFY_ACTIONS; a++)
		v->may[a] = rectify_may((enum rectify_actor)who,
		    (enum rectify_action)a, NULL) && rectify_next(st,
		    (enum rectify_action)a, &to, NULL) == 0;
	v->may_attach = access_can_write_organ(d->user, &o) &&
	    (st == RECTIFY_ISSUED || st == RECTIFY_IN_PROGRESS);
	return 0;
}

int
rect_list(struct dom *d, struct store_rect_filter *f,
    struct store_rectification **out, size_t *n, long *total)
{
	struct dom_rows k = ROWS(d);
	date_t today = date_today();
	long all = 0;
	if (scope_of(d->user, &f->scope) && ((total != NULL &&
	    (all = store_count_rectifications(d->store, f, today)) < 0) ||
	    store_each_rectification(d->store, f, today, sup_keep_rectification, &k) < 0))
		return sup_broken(d);
	if (total != NULL)
		*total = all;
	*out = k.items;
	*n = k.n;
	return 0;
}

/* ---- moving ---- */

/* The action a move asks for: {action} or, as the route's name
 * suggests, {status} meaning where to go. Returns 0 or -1 (400). */
static int
action_of(struct dom *d, const struct rect_move *m, const char *current,
    enum rectify_action *a)
{
	if (m->action != NULL && rectify_action_parse(m->action, a) == 0)
		return 0;
	if (m->action == NULL && m->status != NULL) {
		if (strcmp(m->status, "in_progress") == 0) {
			*a = strcmp(current, "submitted") == 0 ? RECTIFY_RETURN :
			    RECTIFY_PROGRESS;
			return 0;
		}
		if (strcmp(m->status, "submitted") == 0) {
			*a = RECTIFY_SUBMIT;
			return 0;
		}
		if (strcmp(m->status, "accepted") == 0) {
			*a = RECTIFY_ACCEPT;
			return 0;
		}
	}
	return dom_refuse(d, 400, "操作应为 progress(报告进展)、submit(提交)、"
	    "accept(验收)或 return(退回)", m->action ? m->action : m->status,
	    "action");
}

int
rect_act(struct dom *d, const char *id, const struct rect_move *m)
{
	struct store_rectification x;
	struct store_organ_info o;
	enum rectify_action a;
	enum rectify_state from, to;
	const char *why = NULL, *report = NULL;
	char now[32];
	if (read_order(d, id, &x, &o) || action_of(d, m, x.status, &a))
		return -1;
	int who = actor_of(d, &o);
	if (who < 0 || !rectify_may((enum rectify_actor)who, a, &why))
		return dom_refuse(d, 403, who < 0 ? "无权办理该整改 (outside your "
		    "scope)" : why, id, "action");
	const char *need = rectify_requires(a);
	if (need != NULL && strcmp(need, "note") == 0 && m->note == NULL)
		return sup_required(d, &rect_move_entity, "note");
	if (a == RECTIFY_SUBMIT && (report = m->report) == NULL)
		return sup_required(d, &rect_move_entity, "report");
	dom_now(now);
	if (begin_order(d, id, &x, &o))
		return -1;
	if (rectify_state_parse(x.status, &from) ||
	    rectify_next(from, a, &to, &why)) {
		store_rollback(d->store);
		return dom_refuse(d, 409, why ? why : "整改状态不允许该操作",
		    arena_printf(d->arena, "当前状态:%s",
		    sup_rect_state_label(x.status)), "action");
	}
	struct store_rect_event e = { .action = rectify_action_name(a),
		.from = rectify_state_name(from), .to = rectify_state_name(to),
		.note = m->note, .actor = d->user->name, .at = now };
	json_t *what = json_pack("{s:s, s:s, s:s, s:s*, s:s*}", "action",
	    e.action, "from", e.from, "to", e.to, "note", m->note, "report",
	    report);
	/* A submission issues the organ's 整改情况报告 (numbered once: a
	 * report sent back and submitted again keeps its number). */
	const char *action = arena_printf(d->arena, "rectification.%s",
	    e.action);
	return dom_write(d, store_rectification_move(d->store, id, e.from,
	    e.to, report, d->user->name, now) != 1 ||
	    store_rect_event_add(d->store, id, &e) || document_issue(d,
	    "rectifications", id, action), action, "rectification", id, what);
}

/* ---- evidence ---- */

int
rect_may_attach(struct dom *d, const char *id)
{
	struct store_rectification x;
	struct store_organ_info o;
	if (read_order(d, id, &x, &o))
		return -1;
	if (!access_can_write_organ(d->user, &o))
		return dom_refuse(d, 403, "无权为该整改上传材料 (outside your scope)",
		    id, NULL);
	return 0;
}

int
rect_attach(struct dom *d, const char *id, struct store_rect_evidence *ev,
    int64_t *key)
{
	struct store_rectification x;
	struct store_organ_info o;
	char now[32];
	dom_now(now);
	if (begin_order(d, id, &x, &o))
		return -1;
	if (strcmp(x.status, "issued") != 0 &&
	    strcmp(x.status, "in_progress") != 0) {
		store_rollback(d->store);
		return dom_refuse(d, 409, strcmp(x.status, "accepted") == 0 ?
		    "整改已验收,不能再上传材料" : "整改报告已提交,不能再上传材料;需要"
		    "补充时请由办公室退回", arena_printf(d->arena, "当前状态:%s",
		    sup_rect_state_label(x.status)), "file");
	}
	ev->rectification = id;
	ev->uploaded_by = d->user->name;
	ev->uploaded_at = now;
	struct store_rect_event e = { .action = "evidence", .from = x.status,
		.to = x.status, .note = ev->filename, .actor = d->user->name,
		.at = now };
	json_t *what = json_pack("{s:s, s:s, s:s, s:I}", "sm3", ev->sm3, "mime",
	    ev->mime, "filename", ev->filename, "size", (json_int_t)ev->size);
	int rc = dom_write(d, store_rect_evidence_add(d->store, ev, key) ||
	    store_rect_event_add(d->store, id, &e), "rectification.evidence",
	    "rectification", id, what);
	ev->uploaded_at = NULL;
	return rc;
}

int
rect_upload(struct dom *d, const char *id, const struct evidence_upload *u,
    int64_t *key)
{
	struct evidence_file f;
	/* Who may, before the file costs a byte of the store; the quota is
	 * the uploader's, as for a record's evidence. */
	if (rect_may_attach(d, id) || evidence_take(d, u, &f))
		return -1;
	struct store_rect_evidence ev = { .sm3 = f.sm3, .mime = f.mime,
		.filename = f.filename, .size = f.size };
	return rect_attach(d, id, &ev, key);
}
