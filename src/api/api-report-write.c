/*
 * Reports written: drafting, editing a draft, and the steps sign, lock
 * and publish. Each write is one transaction with its audit entry; the
 * store's guarded UPDATEs (store-reports.h) refuse a step from the wrong
 * state even when two requests race, and the checks before them give
 * the reason (409) or the scope (403) first.
 *
 * Publishing an annual report also writes the ledger record that the
 * duty 6.1-annual-report counts, through api_record_write inside the
 * same transaction: the report is published with its record or not at
 * all.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api-reports.h"
#include "store/store-separation.h"
#include "api/api.h"
#include "audit/audit.h"
#include "base/sm3.h"
#include "store/store-reports.h"
#include "store/store-workflow.h"

#define TITLE_MAX 400           /* bytes of a title or a heading */
#define SECTIONS_MAX 20
#define SECTION_TEXT_MAX 60000  /* bytes; some 20000 Chinese characters */

/* ---- validating what a writer sends ---- */

/* Checks text: at most max bytes, no control characters but newline and
 * tab (none at all when line), CR dropped. Returns a copy in the arena or
 * NULL with why set. */
static const char *
clean_text(struct request *r, json_t *v, size_t min, size_t max, int line,
    const char **why)
{
	if (!json_is_string(v)) {
		*why = "应为字符串 (must be a string)";
		return NULL;
	}
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	char *out = arena_alloc(r->arena, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r')
			continue;
		if ((c < 0x20 && !(c == '\n' && !line) && !(c == '\t' && !line)) ||
		    c == 0x7f) {
			*why = line ? "不能包含换行或控制字符" : "不能包含控制字符";
			return NULL;
		}
		*o++ = (char)c;
	}
	*o = '\0';
	size_t len = (size_t)(o - out);
	if (len < min || len > max) {
		*why = len < min ? "不能为空 (required)" : arena_printf(r->arena,
		    "过长 (at most %zu bytes)", max);
		return NULL;
	}
	return out;
}

/* The sections a writer sent, checked and cleaned into a new array;
 * NULL with the field and reason set. */
static json_t *
clean_sections(struct request *r, json_t *v, const char **field,
    const char **why)
{
	if (!json_is_array(v) || json_array_size(v) == 0 ||
	    json_array_size(v) > SECTIONS_MAX) {
		*field = "sections";
		*why = arena_printf(r->arena, "应为 1 至 %d 个 {title, text} 组成的"
		    "数组", SECTIONS_MAX);
		return NULL;
	}
	json_t *out = json_array(), *x;
	size_t i;
	const char *at = NULL;
	json_array_foreach(v, i, x) {
		const char *key, *t, *b = "";
		json_t *val, *text;
		if (!json_is_object(x)) {
			at = arena_printf(r->arena, "sections[%zu]", i);
			*why = "应为 {title, text}";
			goto bad;
		}
		json_object_foreach(x, key, val)
			if (strcmp(key, "title") != 0 && strcmp(key, "text") != 0) {
				at = arena_printf(r->arena, "sections[%zu].%s", i, key);
				*why = "未知字段 (unknown field)";
				goto bad;
			}
		t = clean_text(r, json_object_get(x, "title"), 1, TITLE_MAX, 1,
		    why);
		if (t == NULL) {
			at = arena_printf(r->arena, "sections[%zu].title", i);
			goto bad;
		}
		text = json_object_get(x, "text");
		if (text != NULL && (b = clean_text(r, text, 0, SECTION_TEXT_MAX,
		    0, why)) == NULL) {
			at = arena_printf(r->arena, "sections[%zu].text", i);
			goto bad;
		}
		json_array_append_new(out, json_pack("{s:s, s:s}", "title", t,
		    "text", b));
	}
	return out;
bad:
	*field = at;
	json_decref(out);
	return NULL;
}

/* Recipients as a JSON array text of distinct known ids (strings, or
 * objects with an id as the API answers them); NULL with why. */
static const char *
clean_recipients(struct request *r, json_t *v, const char **why)
{
	const struct catalog_field *f = api_report_recipients_field(r->catalog);
	if (!json_is_array(v) || f == NULL) {
		*why = "应为报送对象编号的数组";
		return NULL;
	}
	json_t *ids = json_array(), *x;
	size_t i;
	json_array_foreach(v, i, x) {
		json_t *id = json_is_object(x) ? json_object_get(x, "id") : x;
		const char *s = json_string_value(id);
		int known = 0;
		for (size_t j = 0; s != NULL && j < f->nvalues; j++)
			known |= strcmp(s, f->values[j]) == 0;
		for (size_t j = 0; known && j < json_array_size(ids); j++)
			if (strcmp(json_string_value(json_array_get(ids, j)), s) == 0)
				known = 0;
		if (!known) {
			json_decref(ids);
			*why = arena_printf(r->arena, "第 %zu 项不是已知且不重复的报送"
			    "对象 (party_committee, npc_standing_committee, "
			    "superior_government)", i + 1);
			return NULL;
		}
		json_array_append_new(ids, json_string(s));
	}
	char *text = json_dumps(ids, JSON_COMPACT);
	json_decref(ids);
	const char *out = text ? arena_strdup(r->arena, text) : NULL;
	free(text);
	if (out == NULL)
		*why = "内部错误";
	return out;
}

/* Fails with 400 naming field when obj has a member not in allowed. */
static int
only_fields(struct request *r, json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		int ok = 0;
		for (size_t i = 0; allowed[i] != NULL; i++)
			ok |= strcmp(key, allowed[i]) == 0;
		if (!ok) {
			resp_problem(r, 400, "未知字段 (unknown field)", key, key);
			return -1;
		}
	}
	return 0;
}

static const char *
digest_of(struct request *r, const char *text)
{
	char hex[SM3_HEX_LEN];
	if (sm3_hex(text, strlen(text), hex))
		return "";
	return arena_strdup(r->arena, hex);
}

/* ---- drafting ---- */

struct pick {
	int year;
	const char *want;     /* the person asked for, or NULL */
	char person[130], name[520];
	date_t end;           /* of the tenure picked, for the latest */
	int found;
};

/* A principal tenure of the organ overlapping the year: the one asked
 * for, else the one serving last in the year. */
static int
pick_tenure(void *ctx, const struct store_tenure *t)
{
	struct pick *p = ctx;
	if (t->role != NULL && strcmp(t->role, "principal") != 0)
		return 0;
	date_t from = date_from_ymd(p->year, 1, 1), to = date_from_ymd(p->year,
	    12, 31);
	if (t->start > to || (t->end != DATE_NONE && t->end < from))
		return 0;
	if (p->want != NULL && strcmp(t->person_id, p->want) != 0)
		return 0;
	date_t end = t->end == DATE_NONE || t->end > to ? to : t->end;
	if (!p->found || end > p->end) {
		snprintf(p->person, sizeof p->person, "%s", t->person_id);
		snprintf(p->name, sizeof p->name, "%s", t->person_name);
		p->end = end;
		p->found = 1;
	}
	return 0;
}

static int
exists(void *ctx, const struct store_report *row)
{
	(void)ctx;
	(void)row;
	return 0;
}

/* The recipients a new annual report of organ o starts with: those its
 * duty requires. */
static const char *
all_recipients(struct request *r, const struct store_organ_info *o)
{
	char *const *v;
	size_t n = api_report_recipients_of(r->catalog, o, &v);
	json_t *ids = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(ids, json_string(v[i]));
	char *text = json_dumps(ids, JSON_COMPACT);
	json_decref(ids);
	const char *out = arena_strdup(r->arena, text ? text : "[]");
	free(text);
	return out;
}

int
api_report_create(struct request *r, json_t *obj, const char **id)
{
	static const char *const allowed[] = { "kind", "year", "organ",
		"person", NULL };
	struct store_organ_info o;
	const char *kind = json_string_value(json_object_get(obj, "kind"));
	const char *organ = json_string_value(json_object_get(obj, "organ"));
	json_t *y = json_object_get(obj, "year"), *pv;
	int first = date_year(catalog_effective(r->catalog)), last =
	    date_year(date_today());
	if (only_fields(r, obj, allowed))
		return -1;
	if (kind == NULL || (strcmp(kind, "shufa") != 0 &&
	    strcmp(kind, "annual") != 0)) {
		resp_problem(r, 400, "kind 应为 shufa(述法)或 annual(法治政府建设"
		    "年度报告)", NULL, "kind");
		return -1;
	}
	if (!json_is_integer(y) || json_integer_value(y) < first ||
	    json_integer_value(y) > last) {
		resp_problem(r, 400, arena_printf(r->arena, "year 应为 %d 至 %d 之间"
		    "的年份", first, last), NULL, "year");
		return -1;
	}
	int year = (int)json_integer_value(y);
	if (organ == NULL) {
		resp_problem(r, 400, "需要机构编号 organ", NULL, "organ");
		return -1;
	}
	if (api_organ_access(r, organ, 1, "organ", &o) <= 0)
		return -1;
	int annual = strcmp(kind, "annual") == 0;
	pv = json_object_get(obj, "person");
	if (pv != NULL && !json_is_null(pv) && (annual || !json_is_string(pv))) {
		resp_problem(r, 400, annual ? "年度报告不指定人员" : "person 应为"
		    "人员编号", NULL, "person");
		return -1;
	}
	struct pick p = { .year = year, .want = json_string_value(pv) };
	int64_t person_key = 0;
	if (annual && strcmp(o.kind, "government") != 0) {
		resp_problem(r, 400, "法治政府建设年度报告由政府起草 (the organ is "
		    "not a government)", organ, "organ");
		return -1;
	}
	if (!annual) {
		if (p.want != NULL && *p.want == '\0')
			p.want = NULL;
		if (store_each_tenure_of(r->store, o.id, pick_tenure, &p) < 0 ||
		    (p.found && store_person_key(r->store, p.person,
		    &person_key) < 0)) {
			resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
			return -1;
		}
		if (!p.found) {
			resp_problem(r, 400, arena_printf(r->arena, "%s在 %d 年度没有%s"
			    "的主要负责人任职记录", o.name, year, p.want ? "该人员" :
			    ""), p.want, "person");
			return -1;
		}
	}
	*id = annual ? arena_printf(r->arena, "annual-%d-%s", year, o.id) :
	    arena_printf(r->arena, "shufa-%d-%s-%s", year, o.id, p.person);
	int rc = store_report_get(r->store, *id, exists, NULL);
	if (rc != 0) {
		resp_problem(r, rc < 0 ? 500 : 409, rc < 0 ? "内部错误" :
		    "该报告已起草,请在原稿上修改 (the report exists)", *id, NULL);
		return -1;
	}
	/* The draft: read the ledger and evaluate before the write
	 * transaction, which then holds the lock only briefly. */
	const char *title;
	json_t *sections;
	if ((annual ? api_report_text_annual(r, &o, year, &title, &sections) :
	    api_report_text_shufa(r, &o, p.person, p.name, year, &title,
	    &sections)))
		return -1;
	char *body = json_dumps(sections, JSON_COMPACT);
	json_decref(sections);
	if (body == NULL) {
		resp_problem(r, 500, "内部错误 (JSON)", NULL, NULL);
		return -1;
	}
	char now[32];
	req_now_text(now);
	if (store_begin(r->store)) {
		free(body);
		resp_problem(r, 503, "数据库忙,请重试", store_error(r->store), NULL);
		return -1;
	}
	rc = store_report_get(r->store, *id, exists, NULL);
	if (rc != 0 || store_report_add(r->store, *id, kind, year, o.key,
	    person_key, title, body, annual ? all_recipients(r, &o) : NULL,
	    r->user.name, now) || audit_append(r->store, req_actor(r),
	    "report.draft", arena_printf(r->arena, "report:%s", *id), 1,
	    digest_of(r, body)) || store_commit(r->store)) {
		store_rollback(r->store);
		free(body);
		resp_problem(r, rc > 0 ? 409 : 500, rc > 0 ? "该报告已起草 (the "
		    "report exists)" : "内部错误", rc > 0 ? *id :
		    store_error(r->store), NULL);
		return -1;
	}
	free(body);
	return 0;
}

void
api_report_draft(struct request *r)
{
	json_t *obj = req_json(r);
	const char *id;
	if (obj == NULL)
		return;
	if (api_report_create(r, obj, &id) == 0) {
		unsigned status;
		json_t *o = api_report_load(r, id, 0, &status);
		if (o == NULL)
			api_report_missing(r, status, id);
		else {
			resp_json(r, 201, o);
			resp_header(r, "Location", arena_printf(r->arena,
			    "/api/v1/reports/%s", id));
		}
	}
	json_decref(obj);
}

/* ---- changing a report ---- */

/* Why a report in state status cannot be edited (409). */
static const char *
frozen(const char *status)
{
	if (strcmp(status, "signed") == 0)
		return "报告已签署,不能再修改 (a signed report cannot be edited)";
	if (strcmp(status, "locked") == 0)
		return "报告已锁定,不能再修改 (a locked report cannot be edited)";
	return "报告已公开,不能再修改 (a published report cannot be edited)";
}

int
api_report_edit(struct request *r, const char *id, json_t *obj)
{
	static const char *const allowed[] = { "title", "sections",
		"recipients", NULL };
	struct report_loaded l;
	struct store_organ_info o;
	unsigned status;
	const char *why = NULL, *field = NULL;
	if (only_fields(r, obj, allowed))
		return -1;
	if (api_report_fetch(r, id, 0, &l, &o, &status)) {
		api_report_missing(r, status, id);
		return -1;
	}
	int annual = strcmp(l.kind, "annual") == 0;
	json_t *cur = l.o;
	if (!access_can_write_organ(&r->user, &o)) {
		json_decref(cur);
		resp_problem(r, 403, "无权修改该报告 (outside your scope)", id, NULL);
		return -1;
	}
	if (strcmp(l.status, "draft") != 0) {
		json_decref(cur);
		resp_problem(r, 409, frozen(l.status), id, NULL);
		return -1;
	}
	/* What is not sent stays as it is. */
	json_t *tv = json_object_get(obj, "title");
	const char *title = tv ? clean_text(r, tv, 1, TITLE_MAX, 1, &why) :
	    arena_strdup(r->arena, json_string_value(json_object_get(cur,
	    "title")));
	if (title == NULL)
		field = "title";
	json_t *sv = json_object_get(obj, "sections"), *sections = NULL;
	if (field == NULL && sv != NULL)
		sections = clean_sections(r, sv, &field, &why);
	else if (field == NULL)
		sections = json_incref(json_object_get(cur, "sections"));
	json_t *rv = json_object_get(obj, "recipients");
	const char *recipients = NULL;
	if (field == NULL && rv != NULL && !annual) {
		field = "recipients";
		why = "述法报告没有报送对象";
	} else if (field == NULL && rv != NULL &&
	    (recipients = clean_recipients(r, rv, &why)) == NULL)
		field = "recipients";
	else if (field == NULL && annual && rv == NULL) {
		json_t *ids = json_array(), *x;
		size_t i;
		json_array_foreach(json_object_get(cur, "recipients"), i, x)
			json_array_append(ids, json_object_get(x, "id"));
		char *t = json_dumps(ids, JSON_COMPACT);
		json_decref(ids);
		recipients = arena_strdup(r->arena, t ? t : "[]");
		free(t);
	}
	json_decref(cur);
	if (field != NULL) {
		json_decref(sections);
		resp_problem(r, 400, "报告不符合要求 (invalid report)", why, field);
		return -1;
	}
	char *body = json_dumps(sections, JSON_COMPACT);
	json_decref(sections);
	if (body == NULL) {
		resp_problem(r, 500, "内部错误 (JSON)", NULL, NULL);
		return -1;
	}
	char now[32];
	req_now_text(now);
	int rc = -1;
	if (store_begin(r->store) == 0) {
		rc = store_report_edit(r->store, id, title, body, recipients, now);
		if (rc == 1 && (audit_append(r->store, req_actor(r),
		    "report.update", arena_printf(r->arena, "report:%s", id), 1,
		    digest_of(r, arena_printf(r->arena, "%s|%s|%s", title, body,
		    recipients ? recipients : ""))) || store_commit(r->store)))
			rc = -1;
		if (rc != 1)
			store_rollback(r->store);
	}
	free(body);
	if (rc == 0) /* it changed state meanwhile */
		resp_problem(r, 409, "报告已不是草稿,不能再修改", id, NULL);
	else if (rc < 0)
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
	return rc == 1 ? 0 : -1;
}

void
api_report_update(struct request *r)
{
	json_t *obj = req_json(r);
	if (obj == NULL)
		return;
	if (api_report_edit(r, r->params[0], obj) == 0)
		api_report_get(r);
	json_decref(obj);
}

/* ---- sign, lock, publish ---- */

/* Why step cannot start from the report's state, or NULL when it can. */
static const char *
refused(enum report_step step, const char *kind, const char *status)
{
	int draft = strcmp(status, "draft") == 0;
	int signed_ = strcmp(status, "signed") == 0;
	int locked = strcmp(status, "locked") == 0;
	switch (step) {
	case REPORT_SIGN:
		return draft ? NULL : frozen(status);
	case REPORT_LOCK:
		if (signed_)
			return NULL;
		return draft ? "报告尚未签署,不能锁定 (sign it first)" :
		    "报告已锁定 (the report is locked already)";
	case REPORT_PUBLISH:
		if (strcmp(kind, "annual") != 0)
			return "述法报告不向社会公开 (only annual reports are "
			    "published)";
		if (locked)
			return NULL;
		return draft || signed_ ? "报告须先签署并锁定,才能公开 (sign and "
		    "lock it first)" : "报告已公开 (the report is published "
		    "already)";
	}
	return "unknown step";
}

/* The text the portal's index holds: every heading and paragraph. */
static const char *
index_text(struct request *r, json_t *report)
{
	struct buf b;
	json_t *x;
	size_t i;
	buf_init(&b, 8u << 20);
	json_array_foreach(json_object_get(report, "sections"), i, x)
		buf_printf(&b, "%s\n%s\n", json_string_value(json_object_get(x,
		    "title")), json_string_value(json_object_get(x, "text")));
	const char *s = arena_strdup(r->arena, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* The ledger record that publishing an annual report files: what the
 * duty 6.1-annual-report counts (new reference). */
static json_t *
annual_record(struct request *r, const struct report_loaded *l,
    const char *on, int late)
{
	json_t *ids = json_array(), *x;
	size_t i;
	json_array_foreach(json_object_get(l->o, "recipients"), i, x)
		json_array_append(ids, json_object_get(x, "id"));
	const char *title = json_string_value(json_object_get(l->o, "title"));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:o, s:s, s:s, s:[s]}",
	    "id", arena_printf(r->arena, RECORD_WORKFLOW_PREFIX "%s-%d", l->organ,
	    l->year),
	    "kind", "rol_gov_annual_report", "organ", l->organ, "date", on,
	    "title", late ? arena_printf(r->arena, "%s(逾期公开)", title) : title,
	    "about_year", l->year, "recipients", ids, "published_on", on,
	    "status", "verified", "evidence", arena_printf(r->arena,
	    "/public/reports/%s", json_string_value(json_object_get(l->o,
	    "id"))));
}

/* The day of the report's latest step so far (drafted, signed, locked),
 * or DATE_NONE when none has a time. */
static date_t
last_step(const struct report_loaded *l)
{
	static const char *const steps[] = { "created_at", "signed_at",
		"locked_at" };
	date_t last = DATE_NONE;
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		date_t d = date_of_stamp(json_string_value(json_object_get(l->o,
		    steps[i])));
		if (d != DATE_NONE && (last == DATE_NONE || d > last))
			last = d;
	}
	return last;
}

int
api_report_step(struct request *r, const char *id, enum report_step step,
    const char *published_on)
{
	static const char *const actions[] = { "report.sign", "report.lock",
		"report.publish" };
	struct report_loaded l;
	struct store_organ_info o;
	unsigned status;
	date_t on = date_today();
	/* Who may take the step is decided on the report as stored, inside
	 * the transaction that takes it. */
	if (store_begin(r->store)) {
		resp_problem(r, 503, "数据库忙,请重试", store_error(r->store), NULL);
		return -1;
	}
	if (api_report_fetch(r, id, 0, &l, &o, &status)) {
		store_rollback(r->store);
		api_report_missing(r, status, id);
		return -1;
	}
	int allowed = step == REPORT_SIGN ? access_can_write_organ(&r->user, &o)
	    : access_can_review_organ(&r->user, &o);
	const char *mine = allowed ? api_report_not_drafter(&r->user,
	    l.created_by) : NULL;
	const char *why = refused(step, l.kind, l.status);
	if (!allowed || mine != NULL || why != NULL) {
		store_rollback(r->store);
		json_decref(l.o);
		resp_problem(r, allowed && mine == NULL ? 409 : 403, !allowed ?
		    (step == REPORT_SIGN ? "无权签署该报告 (outside your scope)" :
		    "只有依法治理办公室可以锁定和公开报告 (only the office)") :
		    mine != NULL ? mine : why, id, NULL);
		return -1;
	}
	if (step == REPORT_PUBLISH && published_on != NULL &&
	    (date_parse(published_on, &on) || on <= date_from_ymd(l.year, 12,
	    31) || on > date_today())) {
		store_rollback(r->store);
		json_decref(l.o);
		resp_problem(r, 400, arena_printf(r->arena, "公开日期应为 %d 年以后、"
		    "不晚于今天的日期 YYYY-MM-DD", l.year), published_on,
		    "published_on");
		return -1;
	}
	/* Nor before the steps it follows: a report drafted, signed and
	 * locked today is published today at the earliest. */
	date_t last = step == REPORT_PUBLISH ? last_step(&l) : DATE_NONE;
	if (last != DATE_NONE && on < last) {
		char d[11];
		date_format(last, d);
		store_rollback(r->store);
		json_decref(l.o);
		resp_problem(r, 400, arena_printf(r->arena, "公开日期不能早于报告"
		    "起草、签署和锁定的日期(%s)", d), published_on, "published_on");
		return -1;
	}
	char now[32], day[11];
	req_now_text(now);
	date_format(on, day);
	const char *entity = arena_printf(r->arena, "report:%s", id);
	const char *what = step == REPORT_PUBLISH ? arena_printf(r->arena,
	    "%s|%s", day, index_text(r, l.o)) : arena_printf(r->arena, "%s|%s",
	    r->user.name, now);
	int rc = -1, answered = 0;
	switch (step) {
	case REPORT_SIGN:
		rc = store_report_sign(r->store, id, r->user.name, now);
		break;
	case REPORT_LOCK:
		rc = store_report_lock(r->store, id, now);
		if (rc == 1 && store_report_actor_set(r->store, id, "lock",
		    r->user.name))
			rc = -1;
		break;
	case REPORT_PUBLISH:
		rc = store_report_publish(r->store, id, day, now);
		if (rc == 1 && store_report_actor_set(r->store, id, "publish",
		    r->user.name))
			rc = -1;
		if (rc == 1 && store_report_index(r->store, l.key,
		    json_string_value(json_object_get(l.o, "title")),
		    index_text(r, l.o)))
			rc = -1;
		if (rc == 1) {
			json_t *rec = annual_record(r, &l, day,
			    on > api_report_due(l.year));
			if (api_record_write(r, rec, NULL, RECORD_WORKFLOW)) {
				rc = -1;
				answered = 1;
			} else if (store_record_owner_add(r->store,
			    json_string_value(json_object_get(rec, "id")),
			    "report", id))
				rc = -1;
			json_decref(rec);
		}
		break;
	}
	if (rc == 1 && (audit_append(r->store, req_actor(r), actions[step],
	    entity, 1, digest_of(r, what)) || store_commit(r->store)))
		rc = -1;
	if (rc != 1)
		store_rollback(r->store);
	json_decref(l.o);
	if (rc == 0)
		resp_problem(r, 409, "报告的状态已改变,请刷新后重试", id, NULL);
	else if (rc < 0 && !answered)
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
	return rc == 1 ? 0 : -1;
}

static void
step_and_answer(struct request *r, enum report_step step)
{
	static const char *const allowed[] = { "published_on", NULL };
	json_t *obj = NULL;
	const char *on = NULL;
	if (r->body.len > 0) {
		if ((obj = req_json(r)) == NULL)
			return;
		if (step != REPORT_PUBLISH && json_object_size(obj) > 0) {
			resp_problem(r, 400, "此操作不需要请求内容", NULL, NULL);
			json_decref(obj);
			return;
		}
		if (only_fields(r, obj, allowed)) {
			json_decref(obj);
			return;
		}
		json_t *v = json_object_get(obj, "published_on");
		if (v != NULL && !json_is_null(v) && (on = json_string_value(v)) ==
		    NULL) {
			resp_problem(r, 400, "公开日期应为 YYYY-MM-DD", NULL,
			    "published_on");
			json_decref(obj);
			return;
		}
	}
	if (api_report_step(r, r->params[0], step, on) == 0)
		api_report_get(r);
	json_decref(obj);
}

void
api_report_sign(struct request *r)
{
	step_and_answer(r, REPORT_SIGN);
}

void
api_report_lock(struct request *r)
{
	step_and_answer(r, REPORT_LOCK);
}

void
api_report_publish(struct request *r)
{
	step_and_answer(r, REPORT_PUBLISH);
}
