/*
 * The contexts of the documents (domain/document.h): each builder loads
 * its entity as the caller may see it and gives the template its values
 * in the words the document uses — names, never ids or account names;
 * dates in Chinese (2026年12月6日).
 */
#include <stdio.h>
#include <string.h>

#include "auth/authority.h"
#include "base/date.h"
#include "domain/case.h"
#include "domain/document.h"
#include "domain/notice.h"
#include "domain/supervision.h"
#include "oversight/notice-text.h"
#include "store/store-documents.h"

/* A day YYYY-MM-DD as 2026年12月6日 (arena); NULL for none or not a day. */
static const char *
zh_day(struct dom *d, const char *day)
{
	date_t t;
	char out[32];
	if (day == NULL || date_parse(day, &t))
		return NULL;
	date_format_cn(t, out);
	return arena_strdup(d->arena, out);
}

/* The day of a stored time (Beijing) as YYYY-MM-DD (arena), or NULL. */
static const char *
day_of(struct dom *d, const char *utc)
{
	date_t t = utc ? date_of_stamp(utc) : DATE_NONE;
	char out[11];
	if (t == DATE_NONE)
		return NULL;
	date_format(t, out);
	return arena_strdup(d->arena, out);
}

static void
set_text(json_t *ctx, const char *key, const char *s)
{
	json_object_set_new(ctx, key, s ? json_string(s) : json_null());
}

/* The catalog in force on day (NULL: today) as its documents cite it. */
static const char *
regulation(struct dom *d, const char *day)
{
	date_t on = date_today();
	char out[1024];
	if (day != NULL && date_parse(day, &on))
		on = date_today();
	return arena_strdup(d->arena, catalog_title_cited(catalog_version_at(
	    d->catalog, on), out, sizeof out));
}

void
document_common(struct dom *d, json_t *ctx, const char *issuer,
    const char *date)
{
	set_text(ctx, "issuer", issuer);
	set_text(ctx, "regulation", regulation(d, date));
	set_text(ctx, "date_text", zh_day(d, date));
}

/* The party committee over organ o (第八条's 上级党委; a department's: its
 * own region's; a province's own organs: the province's) into *key and
 * committee (n bytes; "" when the system has none), its region's name
 * into *region. 0, or -1 (500). */
static int
committee_of(struct dom *d, const struct store_organ_info *o, int64_t *key,
    char *committee, size_t n, const char **region)
{
	char path[512];
	/* 〔解释〕 a province's own principals have no superior in the
	 * system: their own region's (authority_finding_refer's reading). */
	if (authority_superior_path(o->kind, o->path, path, sizeof path))
		snprintf(path, sizeof path, "%s", o->path);
	size_t len = strlen(path), start = len > 0 ? len - 1 : 0;
	while (start > 0 && path[start - 1] != '/')
		start--;
	const char *code = arena_printf(d->arena, "%.*s", (int)(len > start ?
	    len - start - 1 : 0), path + start);
	*key = 0;
	committee[0] = '\0';
	int rc = store_doc_organ(d->store, code, "party_committee", key,
	    committee, n);
	if (rc < 0 || dom_region_name(d, path, region))
		return dom_fail(d, 0);
	if (*region == NULL)
		*region = "";
	return 0;
}

int
document_office_of(struct dom *d, const struct store_organ_info *o,
    struct document_meta *m)
{
	char committee[520], full[600];
	const char *region;
	/* 〔解释〕 the measures name the body (上级党委), not who issues for
	 * it: its office for law-based governance, as notices are. The
	 * office has no organ of its own in the system: its documents are
	 * numbered on the committee's sequence. */
	if (committee_of(d, o, &m->issuer, committee, sizeof committee,
	    &region))
		return -1;
	m->issuer_name = arena_strdup(d->arena, notice_text_office(
	    committee[0] ? committee : NULL, region, full, sizeof full));
	return 0;
}

/* The organ of id as stored, into o: 0, or -1 (500; 404 when gone). */
static int
organ_of(struct dom *d, const char *id, struct store_organ_info *o)
{
	int rc = store_organ_info(d->store, id, o);
	if (rc < 0)
		return dom_fail(d, 0);
	if (rc == 0)
		return dom_refuse(d, 404, "机构不存在 (no such organ)", NULL, NULL);
	return 0;
}

/* interview-notice (scheduled) and interview-record (once held). */
int
document_interview(struct dom *d, const char *template, const char *id,
    json_t *ctx, struct document_meta *m)
{
	struct store_interview v;
	struct store_organ_info o;
	if (interview_load(d, id, &v) || organ_of(d, v.organ, &o) ||
	    document_office_of(d, &o, m))
		return -1;
	int record = strcmp(template, "interview-record") == 0;
	int held = v.held_on != NULL;
	m->date = record ? v.held_on : day_of(d, v.created_at);
	if (record && !held)
		m->pending = "约谈尚未举行,还没有约谈记录";
	document_common(d, ctx, m->issuer_name, m->date);
	set_text(ctx, "person", v.person_name);
	set_text(ctx, "organ", v.organ_name);
	set_text(ctx, "region", v.region_name);
	set_text(ctx, "reason", v.reason);
	set_text(ctx, "scheduled_on", zh_day(d, v.scheduled_on));
	json_object_set_new(ctx, "evaluation", json_boolean(strcmp(v.source,
	    "evaluation") == 0));
	json_object_set_new(ctx, "year", v.year ? json_integer(v.year) :
	    json_null());
	json_object_set_new(ctx, "held", held ? json_pack("{s:s?, s:s?, "
	    "s:s?}", "on", zh_day(d, v.held_on), "interviewer", v.interviewer,
	    "summary", v.summary) : json_false());
	m->name = v.person_name;
	return 0;
}

/* rectification-notice (整改通知书, when ordered) and rectification-report
 * (整改情况报告, the organ's answer, once submitted). */
int
document_rectification(struct dom *d, const char *template, const char *id,
    json_t *ctx, struct document_meta *m)
{
	struct rect_view v;
	struct store_organ_info o;
	if (rect_load(d, id, &v) || organ_of(d, v.x.organ, &o))
		return -1;
	const struct store_rectification *x = &v.x;
	int report = strcmp(template, "rectification-report") == 0;
	struct document_meta office = { 0 };
	if (document_office_of(d, &o, &office))
		return -1;
	if (report) {
		/* The organ answers the office that ordered it, in its own
		 * name and under its own numbers. */
		m->issuer = o.key;
		m->issuer_name = arena_strdup(d->arena, o.name);
		m->date = day_of(d, x->submitted_at);
		if (x->report == NULL || x->submitted_at == NULL)
			m->pending = "整改情况尚未报告";
	} else {
		*m = office;
		m->date = day_of(d, x->issued_at);
	}
	document_common(d, ctx, m->issuer_name, m->date);
	set_text(ctx, "office", office.issuer_name);
	set_text(ctx, "organ", x->organ_name);
	set_text(ctx, "region", x->region_name);
	set_text(ctx, "person", x->person_name);
	set_text(ctx, "requirement", x->requirement);
	set_text(ctx, "deadline", zh_day(d, x->deadline));
	set_text(ctx, "issued_on", zh_day(d, day_of(d, x->issued_at)));
	set_text(ctx, "report", x->report);
	json_object_set_new(ctx, "evaluation", json_boolean(strcmp(x->source,
	    "evaluation") == 0));
	json_object_set_new(ctx, "year", x->year ? json_integer(x->year) :
	    json_null());
	/* The report cites the order's 发文字号 when it has one. */
	int year = 0, seq = 0;
	int rc = store_doc_number_get(d->store, "rectification-notice",
	    arena_printf(d->arena, "rectifications/%s", id), &year, &seq);
	if (rc < 0)
		return dom_fail(d, 0);
	set_text(ctx, "order_number", rc > 0 ? arena_printf(d->arena,
	    "〔%d〕%d号", year, seq) : NULL);
	m->name = x->organ_name;
	return 0;
}

/* accountability-decision (问责决定书), once decided: issued in the name
 * of the party committee over the organ (有管理权限的党组织), with the
 * appeal the decision allows. */
int
document_case(struct dom *d, const char *template, const char *id,
    json_t *ctx, struct document_meta *m)
{
	struct store_case c;
	struct store_organ_info o;
	char committee[520];
	const char *region;
	(void)template;
	if (case_role(d) || case_get(d, id, &c) || organ_of(d, c.organ, &o) ||
	    committee_of(d, &o, &m->issuer, committee, sizeof committee,
	    &region))
		return -1;
	m->issuer_name = arena_strdup(d->arena, committee[0] ? committee :
	    arena_printf(d->arena, "中共%s委员会", region));
	char day[11];
	if (c.decided_on != DATE_NONE) {
		date_format(c.decided_on, day);
		m->date = arena_strdup(d->arena, day);
	} else
		m->pending = "尚未作出问责决定";
	const struct proc_form *f = c.decision_form ?
	    proc_form_find(c.decision_form) : NULL;
	int cadre = strcmp(c.target, "cadre") == 0;
	document_common(d, ctx, m->issuer_name, m->date);
	json_object_set_new(ctx, "cadre", json_boolean(cadre));
	set_text(ctx, "person", c.person_name);
	set_text(ctx, "organ", c.organ_name);
	set_text(ctx, "region", c.region_name);
	set_text(ctx, "item", proc_item_label(c.item));
	set_text(ctx, "item_title", proc_item_title(c.item));
	set_text(ctx, "summary", c.summary);
	set_text(ctx, "form", f ? f->label : NULL);
	set_text(ctx, "decision", c.decision);
	m->name = cadre ? c.person_name : c.organ_name;
	return 0;
}

/* A line of text s..e trimmed of white space (the ideographic space
 * too), into *ts and *te. */
static void
trim(const char *s, const char *e, const char **ts, const char **te)
{
	for (;;) {
		if (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		else if (e - s >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		else if (e - s >= 3 && memcmp(e - 3, "\xe3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	*ts = s;
	*te = e;
}

static int
ends_with(const char *s, const char *e, const char *suffix)
{
	size_t n = strlen(suffix);
	return (size_t)(e - s) >= n && memcmp(e - n, suffix, n) == 0;
}

/*
 * A notice's text as issued, as the 公文 sets it: its first line, when
 * it is one (各有关单位:), is the 主送机关; its last lines, the issuing
 * organ and the date (the draft ends so), are the layout's 署名 and
 * 成文日期. What the office wrote instead stays in the body.
 */
static void
notice_parts(struct dom *d, const char *text, const char *issuer,
    const char **addressee, const char **body)
{
	const char *s = text, *e = text + strlen(text), *ls, *le;
	*addressee = NULL;
	/* The first line that is not blank. */
	while (s < e) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		trim(s, nl ? nl : e, &ls, &le);
		if (ls == le) {
			s = nl ? nl + 1 : e;
			continue;
		}
		if ((ends_with(ls, le, ":") || ends_with(ls, le, "：")) &&
		    le - ls <= 90 && memmem(ls, (size_t)(le - ls), "。", 3) ==
		    NULL) {
			*addressee = arena_printf(d->arena, "%.*s", (int)(le - ls -
			    (ends_with(ls, le, ":") ? 1 : 3)), ls);
			s = nl ? nl + 1 : e;
		}
		break;
	}
	/* From the end: the date, then the organ. */
	for (int part = 0; part < 2 && e > s; part++) {
		const char *end = e;
		while (end > s) {
			const char *bol = end;
			while (bol > s && bol[-1] != '\n')
				bol--;
			trim(bol, end, &ls, &le);
			if (ls != le) {
				int drop = part == 0 ? le - ls <= 40 &&
				    ends_with(ls, le, "日") && memmem(ls,
				    (size_t)(le - ls), "年", 3) != NULL :
				    issuer != NULL && (size_t)(le - ls) ==
				    strlen(issuer) && memcmp(ls, issuer,
				    (size_t)(le - ls)) == 0;
				if (drop)
					e = bol > s ? bol - 1 : s;
				break;
			}
			end = bol > s ? bol - 1 : s;
		}
	}
	*body = arena_printf(d->arena, "%.*s", (int)(e - s), s);
}

/* commendation-notice, interview-order-notice, criticism-notice: a
 * notice of that kind as issued (the others have none of it). */
int
document_notice(struct dom *d, const char *template, const char *id,
    json_t *ctx, struct document_meta *m)
{
	static const char *const kinds[][2] = {
		{ "commendation", "commendation-notice" },
		{ "interview", "interview-order-notice" },
		{ "criticism", "criticism-notice" },
	};
	struct notice n;
	if (notice_head(d, id, &n))
		return -1;
	int mine = 0;
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		mine |= strcmp(n.kind, kinds[i][0]) == 0 &&
		    strcmp(template, kinds[i][1]) == 0;
	if (!mine) {
		m->absent = 1;
		return 0;
	}
	/* Numbered on the sequence of the organ in whose name it is issued:
	 * the government for a criticism, else the party committee whose
	 * office issues it (document_office_of). */
	int64_t key = 0;
	char name[520];
	int rc = store_doc_organ(d->store, n.issuer ? n.issuer : n.region,
	    strcmp(n.kind, "criticism") == 0 ? "government" :
	    "party_committee", &key, name, sizeof name);
	if (rc < 0)
		return dom_fail(d, 0);
	m->issuer = rc > 0 ? key : 0;
	m->issuer_name = n.issuing_organ ? n.issuing_organ : n.region_name;
	m->date = day_of(d, n.issued_at);
	if (n.issued_at == NULL)
		m->pending = "通报尚未发布";
	const char *addressee, *body;
	notice_parts(d, n.body ? n.body : "", m->issuer_name, &addressee,
	    &body);
	document_common(d, ctx, m->issuer_name, m->date);
	set_text(ctx, "title", n.title);
	set_text(ctx, "addressee", addressee ? addressee : "");
	set_text(ctx, "body", body);
	json_object_set_new(ctx, "year", json_integer(n.year));
	m->name = arena_printf(d->arena, "%d年度%s", n.year, n.region_name ?
	    n.region_name : "");
	return 0;
}
