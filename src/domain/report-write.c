/*
 * Reports written (report.h): drafting, editing a draft, and the steps
 * sign, lock and publish. Each write is one transaction with its audit
 * entry; the store's guarded UPDATEs (store-reports.h) refuse a step from
 * the wrong state even when two requests race, and the checks before
 * them give the reason (409) or the scope (403) first. The checks run in
 * one order whatever the input came as (a JSON body or a form): scope,
 * then state, then each field in turn, so the same mistake gets the
 * same answer on both.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "base/sm3.h"
#include "domain/record.h"
#include "domain/report.h"
#include "store/store-reports.h"

#define TITLE_MAX 400           /* bytes of a title or a heading */
#define SECTIONS_MAX 20
#define SECTION_TEXT_MAX 60000  /* bytes; some 20000 Chinese characters */

/* report_edit's positions of a bad member (struct report_edit's bad_at):
 * the title, the sections list, section i's title (or shape) and text,
 * the recipients. */
#define AT_TITLE 1
#define AT_SECTIONS 2
#define AT_SECTION(i, text) (3 + 2 * (long)(i) + (text))
#define AT_RECIPIENTS (LONG_MAX / 2)

#define NOT_STRING "应为字符串 (must be a string)"

/* ---- checking what a writer sends ---- */

/* Checks text: at most max bytes, no control characters but newline and
 * tab (none at all when line), CR dropped. Returns a copy in the arena or
 * NULL with why set. */
static const char *
clean_text(struct dom *d, const char *s, size_t min, size_t max, int line,
    const char **why)
{
	if (s == NULL) {
		*why = NOT_STRING;
		return NULL;
	}
	size_t n = strlen(s);
	char *out = arena_alloc(d->arena, n + 1), *o = out;
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
		*why = len < min ? "不能为空 (required)" : arena_printf(d->arena,
		    "过长 (at most %zu bytes)", max);
		return NULL;
	}
	return out;
}

/* Refuses with 400 naming key when obj has a member not in allowed. */
static int
only_fields(struct dom *d, const json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)obj, key, v) {
		int ok = 0;
		for (size_t i = 0; allowed[i] != NULL; i++)
			ok |= strcmp(key, allowed[i]) == 0;
		const char *k = ok ? NULL : arena_strdup(d->arena, key);
		if (!ok)
			return dom_refuse(d, 400, "未知字段 (unknown field)", k, k);
	}
	return 0;
}

const char *
report_sm3(struct dom *d, const char *text)
{
	char hex[SM3_HEX_LEN];
	if (sm3_hex(text, strlen(text), hex))
		return "";
	return arena_strdup(d->arena, hex);
}

/* A JSON array text of ids. */
static const char *
ids_text(struct dom *d, const char *const *ids, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(ids[i]));
	char *text = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	const char *out = arena_strdup(d->arena, text ? text : "[]");
	free(text);
	return out;
}

static const char *
string_of(struct dom *d, const json_t *v)
{
	const char *s = json_string_value(v);
	return s != NULL ? arena_strdup(d->arena, s) : NULL;
}

/* ---- drafting ---- */

int
report_draft_from_json(struct dom *d, const json_t *obj,
    struct report_draft *in)
{
	static const char *const allowed[] = { "kind", "year", "organ",
		"person", NULL };
	json_t *y = json_object_get(obj, "year");
	json_t *pv = json_object_get(obj, "person");
	memset(in, 0, sizeof *in);
	if (only_fields(d, obj, allowed))
		return -1;
	in->kind = string_of(d, json_object_get(obj, "kind"));
	in->organ = string_of(d, json_object_get(obj, "organ"));
	in->has_year = json_is_integer(y);
	if (in->has_year && json_integer_value(y) >= 0 &&
	    json_integer_value(y) <= INT_MAX)
		in->year = (int)json_integer_value(y);
	else if (in->has_year)
		in->year = -1;
	if (pv != NULL && !json_is_null(pv)) {
		in->person_given = 1;
		in->person = string_of(d, pv);
	}
	return 0;
}

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
due_recipients(struct dom *d, const struct store_organ_info *o)
{
	char *const *v;
	size_t n = report_recipients_of(d->catalog, o, &v);
	return ids_text(d, (const char *const *)v, n);
}

static int
storage(struct dom *d)
{
	return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
	    store_error(d->store)), NULL);
}

int
report_draft(struct dom *d, const struct report_draft *in, const char **id)
{
	struct store_organ_info o;
	const char *kind = in->kind;
	int first = date_year(catalog_effective(d->catalog)), last =
	    date_year(date_today());
	if (kind == NULL || (strcmp(kind, "shufa") != 0 &&
	    strcmp(kind, "annual") != 0))
		return dom_refuse(d, 400, "kind 应为 shufa(述法)或 annual(法治政府"
		    "建设年度报告)", NULL, "kind");
	if (!in->has_year || in->year < first || in->year > last)
		return dom_refuse(d, 400, arena_printf(d->arena, "year 应为 %d 至 "
		    "%d 之间的年份", first, last), NULL, "year");
	int year = in->year;
	if (in->organ == NULL)
		return dom_refuse(d, 400, "需要机构编号 organ", NULL, "organ");
	if (record_organ_access(d, in->organ, 1, "organ", &o))
		return -1;
	int annual = strcmp(kind, "annual") == 0;
	if (in->person_given && (annual || in->person == NULL))
		return dom_refuse(d, 400, annual ? "年度报告不指定人员" : "person 应为"
		    "人员编号", NULL, "person");
	struct pick p = { .year = year, .want = in->person };
	int64_t person_key = 0;
	if (annual && strcmp(o.kind, "government") != 0)
		return dom_refuse(d, 400, "法治政府建设年度报告由政府起草 (the organ "
		    "is not a government)", in->organ, "organ");
	if (!annual) {
		if (p.want != NULL && *p.want == '\0')
			p.want = NULL;
		if (store_each_tenure_of(d->store, o.id, pick_tenure, &p) < 0 ||
		    (p.found && store_person_key(d->store, p.person,
		    &person_key) < 0))
			return storage(d);
		if (!p.found)
			return dom_refuse(d, 400, arena_printf(d->arena, "%s在 %d 年度"
			    "没有%s的主要负责人任职记录", o.name, year, p.want ? "该人员" :
			    ""), p.want, "person");
	}
	*id = annual ? arena_printf(d->arena, "annual-%d-%s", year, o.id) :
	    arena_printf(d->arena, "shufa-%d-%s-%s", year, o.id, p.person);
	int rc = store_report_get(d->store, *id, exists, NULL);
	if (rc != 0)
		return rc < 0 ? storage(d) : dom_refuse(d, 409, "该报告已起草,请在"
		    "原稿上修改 (the report exists)", *id, NULL);
	/* The draft: read the ledger and evaluate before the write
	 * transaction, which then holds the lock only briefly. */
	const char *title;
	json_t *sections;
	if ((annual ? report_text_annual(d, &o, year, &title, &sections) :
	    report_text_shufa(d, &o, p.person, p.name, year, &title,
	    &sections)))
		return -1;
	char *body = json_dumps(sections, JSON_COMPACT);
	json_decref(sections);
	if (body == NULL)
		return dom_refuse(d, 500, "内部错误 (JSON)", NULL, NULL);
	char now[32];
	dom_now(now);
	if (store_begin(d->store)) {
		free(body);
		return dom_fail(d, 0);
	}
	rc = store_report_get(d->store, *id, exists, NULL);
	if (rc != 0 || store_report_add(d->store, *id, kind, year, o.key,
	    person_key, title, body, annual ? due_recipients(d, &o) : NULL,
	    d->user->name, now) || audit_append(d->store, d->actor,
	    "report.draft", arena_printf(d->arena, "report:%s", *id), 1,
	    report_sm3(d, body)) || store_commit(d->store)) {
		free(body);
		if (rc > 0) {
			store_rollback(d->store);
			return dom_refuse(d, 409, "该报告已起草 (the report exists)",
			    *id, NULL);
		}
		return dom_fail(d, 1);
	}
	free(body);
	return 0;
}

/* ---- editing a draft ---- */

const char *
report_frozen(const char *status)
{
	if (strcmp(status, "signed") == 0)
		return "报告已签署,不能再修改 (a signed report cannot be edited)";
	if (strcmp(status, "locked") == 0)
		return "报告已锁定,不能再修改 (a locked report cannot be edited)";
	return "报告已公开,不能再修改 (a published report cannot be edited)";
}

/* Marks in's first member of the wrong shape. Returns 0: the body is
 * read on, the refusal comes where report_edit's checks reach it. */
static int
bad(struct dom *d, struct report_edit *in, long at, const char *field,
    const char *why)
{
	if (in->bad_at == 0) {
		in->bad_at = at;
		in->bad_field = arena_strdup(d->arena, field);
		in->bad_why = why;
	}
	return 0;
}

/* The sections of a body into in (their shapes; report_edit checks the
 * text). */
static int
sections_from_json(struct dom *d, json_t *v, struct report_edit *in)
{
	json_t *x;
	size_t i, n = json_array_size(v);
	if (!json_is_array(v))
		return bad(d, in, AT_SECTIONS, "sections", "not an array");
	in->sections = arena_alloc(d->arena, (n ? n : 1) *
	    sizeof *in->sections);
	memset(in->sections, 0, (n ? n : 1) * sizeof *in->sections);
	in->nsections = n;
	json_array_foreach(v, i, x) {
		const char *key;
		json_t *val, *text;
		if (!json_is_object(x))
			return bad(d, in, AT_SECTION(i, 0), arena_printf(d->arena,
			    "sections[%zu]", i), "应为 {title, text}");
		json_object_foreach(x, key, val)
			if (strcmp(key, "title") != 0 && strcmp(key, "text") != 0)
				return bad(d, in, AT_SECTION(i, 0), arena_printf(
				    d->arena, "sections[%zu].%s", i, key),
				    "未知字段 (unknown field)");
		in->sections[i].title = string_of(d, json_object_get(x, "title"));
		text = json_object_get(x, "text");
		if (text != NULL && !json_is_string(text))
			return bad(d, in, AT_SECTION(i, 1), arena_printf(d->arena,
			    "sections[%zu].text", i), NOT_STRING);
		in->sections[i].text = string_of(d, text);
	}
	return 0;
}

int
report_edit_from_json(struct dom *d, const json_t *obj,
    struct report_edit *in)
{
	static const char *const allowed[] = { "title", "sections",
		"recipients", NULL };
	memset(in, 0, sizeof *in);
	if (only_fields(d, obj, allowed))
		return -1;
	json_t *tv = json_object_get(obj, "title");
	if (tv != NULL && (in->title = string_of(d, tv)) == NULL)
		bad(d, in, AT_TITLE, "title", NOT_STRING);
	json_t *sv = json_object_get(obj, "sections");
	if (sv != NULL)
		sections_from_json(d, sv, in);
	json_t *rv = json_object_get(obj, "recipients"), *x;
	size_t i;
	if (rv == NULL)
		return 0;
	in->has_recipients = 1;
	if (!json_is_array(rv))
		return bad(d, in, AT_RECIPIENTS, "recipients", "not an array");
	in->recipients = arena_alloc(d->arena, (json_array_size(rv) + 1) *
	    sizeof *in->recipients);
	/* Ids as strings, or objects with an id as the API answers them. */
	json_array_foreach(rv, i, x)
		in->recipients[i] = string_of(d, json_is_object(x) ?
		    json_object_get(x, "id") : x);
	in->nrecipients = json_array_size(rv);
	return 0;
}

/* in's recipients as a JSON array text of distinct known ids; NULL with
 * why. */
static const char *
clean_recipients(struct dom *d, const struct report_edit *in,
    const char **why)
{
	const struct catalog_field *f = report_recipients_field(d->catalog);
	if (in->bad_at == AT_RECIPIENTS || f == NULL) {
		*why = "应为报送对象编号的数组";
		return NULL;
	}
	for (size_t i = 0; i < in->nrecipients; i++) {
		const char *s = in->recipients[i];
		int known = 0;
		for (size_t j = 0; s != NULL && j < f->nvalues; j++)
			known |= strcmp(s, f->values[j]) == 0;
		for (size_t j = 0; known && j < i; j++)
			if (strcmp(in->recipients[j], s) == 0)
				known = 0;
		if (!known) {
			*why = arena_printf(d->arena, "第 %zu 项不是已知且不重复的报送"
			    "对象 (party_committee, npc_standing_committee, "
			    "superior_government)", i + 1);
			return NULL;
		}
	}
	return ids_text(d, in->recipients, in->nrecipients);
}

/* The sections of in as the body's JSON text; NULL with field and why. */
static char *
clean_sections(struct dom *d, const struct report_edit *in,
    const char **field, const char **why)
{
	if (in->bad_at == AT_SECTIONS || in->nsections == 0 ||
	    in->nsections > SECTIONS_MAX) {
		*field = "sections";
		*why = arena_printf(d->arena, "应为 1 至 %d 个 {title, text} 组成的"
		    "数组", SECTIONS_MAX);
		return NULL;
	}
	json_t *out = json_array();
	for (size_t i = 0; i < in->nsections; i++) {
		const struct report_section *s = &in->sections[i];
		const char *t, *b = "";
		if (in->bad_at == AT_SECTION(i, 0))
			goto bad;
		if ((t = clean_text(d, s->title, 1, TITLE_MAX, 1, why)) == NULL) {
			*field = arena_printf(d->arena, "sections[%zu].title", i);
			goto out;
		}
		if (in->bad_at == AT_SECTION(i, 1))
			goto bad;
		if (s->text != NULL && (b = clean_text(d, s->text, 0,
		    SECTION_TEXT_MAX, 0, why)) == NULL) {
			*field = arena_printf(d->arena, "sections[%zu].text", i);
			goto out;
		}
		json_array_append_new(out, json_pack("{s:s, s:s}", "title", t,
		    "text", b));
	}
	char *body = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	if (body == NULL) {
		*field = NULL;
		*why = NULL;
	}
	return body;
bad:
	*field = in->bad_field;
	*why = in->bad_why;
out:
	json_decref(out);
	return NULL;
}

/* The current sections as the body's text. */
static char *
sections_text(const struct report_doc *rep)
{
	json_t *a = json_array();
	for (size_t i = 0; i < rep->nsections; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "title",
		    rep->sections[i].title, "text", rep->sections[i].text));
	char *text = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return text;
}

int
report_edit(struct dom *d, const char *id, const struct report_edit *in)
{
	struct report_doc cur;
	const char *why = NULL, *field = NULL, *title = NULL;
	const char *recipients = NULL;
	char *body = NULL;
	if (report_load(d, id, 0, &cur))
		return -1;
	int annual = strcmp(cur.kind, "annual") == 0;
	if (!access_can_write_organ(d->user, &cur.organ_info))
		return dom_refuse(d, 403, "无权修改该报告 (outside your scope)", id,
		    NULL);
	if (strcmp(cur.status, "draft") != 0)
		return dom_refuse(d, 409, report_frozen(cur.status), id, NULL);
	/* What is not sent stays as it is; the members in order. */
	if (in->bad_at == AT_TITLE) {
		field = in->bad_field;
		why = in->bad_why;
	} else if (in->title != NULL) {
		if ((title = clean_text(d, in->title, 1, TITLE_MAX, 1, &why)) ==
		    NULL)
			field = "title";
	} else
		title = cur.title;
	if (field == NULL && (in->sections != NULL ||
	    in->bad_at == AT_SECTIONS))
		body = clean_sections(d, in, &field, &why);
	else if (field == NULL)
		body = sections_text(&cur);
	if (field == NULL && body == NULL)
		return dom_refuse(d, 500, "内部错误 (JSON)", NULL, NULL);
	if (field == NULL && in->has_recipients && !annual) {
		field = "recipients";
		why = "述法报告没有报送对象";
	} else if (field == NULL && in->has_recipients &&
	    (recipients = clean_recipients(d, in, &why)) == NULL)
		field = "recipients";
	else if (field == NULL && annual && !in->has_recipients) {
		const char **ids = arena_alloc(d->arena, (cur.nrecipients + 1) *
		    sizeof *ids);
		for (size_t i = 0; i < cur.nrecipients; i++)
			ids[i] = cur.recipients[i].id;
		recipients = ids_text(d, ids, cur.nrecipients);
	}
	if (field != NULL) {
		free(body);
		return dom_refuse(d, 400, "报告不符合要求 (invalid report)", why,
		    field);
	}
	char now[32];
	dom_now(now);
	int rc = -1, begun = store_begin(d->store) == 0;
	if (begun) {
		rc = store_report_edit(d->store, id, title, body, recipients, now);
		if (rc == 1 && (audit_append(d->store, d->actor, "report.update",
		    arena_printf(d->arena, "report:%s", id), 1, report_sm3(d,
		    arena_printf(d->arena, "%s|%s|%s", title, body, recipients ?
		    recipients : ""))) || store_commit(d->store)))
			rc = -1;
	}
	free(body);
	if (rc == 1)
		return 0;
	if (begun)
		store_rollback(d->store);
	if (rc == 0) /* it changed state meanwhile */
		return dom_refuse(d, 409, "报告已不是草稿,不能再修改", id, NULL);
	return storage(d);
}
