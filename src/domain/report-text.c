/*
 * The first draft of a report, written from what the system knows: the
 * ledger and the evaluation. Nothing here is more than a draft: the
 * writer edits every section before signing, and the parts only a person
 * can write (plans, causes) are placeholders that start with REPORT_TODO
 * and say what belongs there.
 *
 * The words are not here: they are the catalog's (the `document` blocks
 * annual-report and shufa-report of rules/guizhou-2020.md, base/tmpl.h),
 * taken from the version in force on the day the report is drafted, so
 * another province's catalog, or a new version of this one, words its
 * reports its own way. This file gathers the values the templates speak
 * of into a JSON context and splits what the template renders into the
 * report's sections: each first-level heading (一、 gongwen_level 1) of
 * the rendered text opens a section, its title; the lines after it are
 * the section's paragraphs. A stored report keeps its sections: a
 * template makes new drafts only.
 *
 * Numbers come from the engine, never recounted here: a duty's line is
 * its verdict with the engine's explanation (which carries the counts
 * and what is missing), so the report and the evaluation cannot
 * disagree. The annual report adds the organ's ledger of the year counted
 * by kind (store_report_kind_counts) for the measures the 督察工作规定
 * asks to report. What the annual report's context holds is what may be
 * published: no score, grade or verdict of a person, and not the duties
 * a finding about the person decides (report-public.c checks the text
 * again before it goes out).
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/tmpl.h"
#include "domain/evaluation.h"
#include "domain/record.h"
#include "domain/report.h"
#include "report/gongwen.h"
#include "store/store-reports.h"

#define SECTION_MAX (256u << 10)
#define KINDS_MAX 128

/* "2025年3月1日" */
static const char *
cn_date(struct arena *a, date_t d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return arena_printf(a, "%d年%d月%d日", y, m, day);
}

/* s without a trailing "。" (the sentences below add their own). */
static const char *
clause(struct arena *a, const char *s)
{
	static const char stop[] = "。";
	size_t n = s ? strlen(s) : 0, k = sizeof stop - 1;
	if (n >= k && memcmp(s + n - k, stop, k) == 0) {
		char *t = arena_strdup(a, s);
		t[n - k] = '\0';
		return t;
	}
	return s ? s : "";
}

/*
 * The explanations as people read them: the records they name by their
 * numbers (南明区台账 2025-0012), never their ids, and their dates as
 * 2025年3月5日. A draft becomes a published report: an id in it would go
 * out to the public. The numbers of every record a result's duties name
 * are read before its lines are written, in batches (store_labels: a few
 * statements a result, not one a duty); a record without a number reads
 * 台账记录(its title).
 */
struct numbers {
	struct dom *d;
	const char **ids;  /* sorted, each once */
	const char **text; /* ids[i]'s number, or NULL when not found */
	size_t n;
};

static int
by_id(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The number of record id, or NULL when it has none. */
static const char *
number_of(const struct numbers *nb, const char *id)
{
	const char **hit = nb->n ? bsearch(&id, nb->ids, nb->n,
	    sizeof *nb->ids, by_id) : NULL;
	return hit ? nb->text[hit - nb->ids] : NULL;
}

static int
number_found(void *ctx, const struct store_label *l)
{
	struct numbers *nb = ctx;
	const char **hit = bsearch(&l->id, nb->ids, nb->n, sizeof *nb->ids,
	    by_id);
	if (hit != NULL) {
		const char *t = record_number_text(nb->d->arena, l->place,
		    l->year, l->seq);
		nb->text[hit - nb->ids] = t ? t : arena_printf(nb->d->arena,
		    "台账记录(%s)", l->name ? l->name : "");
	}
	return 0;
}

/* The numbers of the records res's duties name (those written as a
 * sentence: not the ones awaiting review); -1 when the store failed (the
 * fault set). */
static int
numbers_of(struct dom *d, const struct eval_result *res, struct numbers *nb)
{
	size_t n = 0;
	for (size_t i = 0; i < res->nduties; i++)
		if (res->duties[i].verdict != VERDICT_NEEDS_REVIEW)
			n += res->duties[i].nevidence;
	*nb = (struct numbers){ d, arena_alloc(d->arena, (n + 1) *
		sizeof *nb->ids), NULL, 0 };
	for (size_t i = 0; i < res->nduties; i++)
		if (res->duties[i].verdict != VERDICT_NEEDS_REVIEW)
			for (size_t k = 0; k < res->duties[i].nevidence; k++)
				nb->ids[nb->n++] = res->duties[i].evidence[k];
	if (nb->n > 1)
		qsort(nb->ids, nb->n, sizeof *nb->ids, by_id);
	n = 0;
	for (size_t i = 0; i < nb->n; i++)
		if (n == 0 || strcmp(nb->ids[n - 1], nb->ids[i]) != 0)
			nb->ids[n++] = nb->ids[i];
	nb->n = n;
	nb->text = arena_alloc(d->arena, (n + 1) * sizeof *nb->text);
	memset(nb->text, 0, (n + 1) * sizeof *nb->text);
	if (n > 0 && store_labels(d->store, "record", nb->ids, n,
	    number_found, nb))
		return dom_fail(d, 1);
	return 0;
}

/* The explanation of u being written out with nb's numbers. */
struct readable {
	const struct numbers *nb;
	const char *const *ids;
	struct buf out;
};

static void
readable_seg(void *ctx, const char *s, size_t n)
{
	buf_append(&((struct readable *)ctx)->out, s, n);
}

static void
readable_ref(void *ctx, size_t which)
{
	struct readable *r = ctx;
	const char *t = number_of(r->nb, r->ids[which]);
	buf_puts(&r->out, t ? t : "台账记录");
}

static void
readable_day(void *ctx, const char *cn)
{
	buf_puts(&((struct readable *)ctx)->out, cn);
}

static const char *
readable(struct dom *d, const struct eval_duty *u, const struct numbers *nb)
{
	struct readable r = { nb, (const char *const *)u->evidence, { 0 } };
	buf_init(&r.out, SECTION_MAX);
	struct text_refs cb = { &r, readable_seg, readable_ref, readable_day };
	text_scan_refs(u->explanation, r.ids, u->nevidence, &cb);
	const char *t = arena_strdup(d->arena, r.out.data ? r.out.data : "");
	buf_free(&r.out);
	return t;
}

/* ---- the values the templates read ---- */

/*
 * A duty as a template reads it: {n, title, citation, explanation,
 * records}, and beside them, unless for the public, {verdict, review}.
 * explanation is the engine's, the records named by nb's numbers, or ""
 * where the line can only give how many records there are: a duty
 * awaiting review, and for the public one an evaluator scores (a score
 * is the evaluators' judgement of the person, not a fact of the
 * ledger). The public's has no verdict: a template of the annual
 * report that asks for one fails to render rather than publish it.
 */
static json_t *
duty_json(struct dom *d, int n, const struct eval_duty *u,
    const struct numbers *nb, int public)
{
	int review = u->verdict == VERDICT_NEEDS_REVIEW;
	const char *why = review || (public && u->scored) ? "" :
	    clause(d->arena, readable(d, u, nb));
	json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:I}", "n", n, "title",
	    u->rule->title ? u->rule->title : "", "citation",
	    u->rule->citation ? u->rule->citation : "", "explanation", why,
	    "records", (json_int_t)u->nevidence);
	if (o != NULL && !public) {
		json_object_set_new(o, "verdict",
		    json_string(eval_verdict_label(u->verdict)));
		json_object_set_new(o, "review", json_boolean(review));
	}
	return o;
}

/*
 * res's duties into duties, the unmet ones also into short_of (numbered
 * on from *unmet); *review counts those awaiting review. The public's
 * leave out the duties a finding about the person decides (第九条):
 * whether there is one is not the public's to read. -1 when the store
 * failed (the fault set).
 */
static int
duty_list(struct dom *d, const struct eval_result *res, int public,
    json_t *duties, json_t *short_of, int *unmet, int *review)
{
	struct numbers nb;
	if (numbers_of(d, res, &nb))
		return -1;
	for (size_t i = 0, n = 0; i < res->nduties; i++) {
		const struct eval_duty *u = &res->duties[i];
		if (public && u->rule->kind >= 0 &&
		    d->catalog->kinds[u->rule->kind].finding)
			continue;
		json_t *x = duty_json(d, (int)++n, u, &nb, public);
		if (x != NULL && u->verdict == VERDICT_UNMET) {
			json_t *y = json_deep_copy(x);
			json_object_set_new(y, "n", json_integer(++*unmet));
			json_array_append_new(short_of, y);
		}
		json_array_append_new(duties, x);
		*review += u->verdict == VERDICT_NEEDS_REVIEW;
	}
	return 0;
}

/* ---- the template ---- */

/* The template id of the catalog version in force today, the day the
 * report is drafted; 500 naming the version when it has none. */
static int
template_of(struct dom *d, const char *id, const struct catalog_document **t)
{
	const struct catalog *v = catalog_version_at(d->catalog, date_today());
	*t = catalog_document(v, id);
	if (*t != NULL && (*t)->title != NULL && (*t)->body != NULL)
		return 0;
	return dom_refuse(d, 500, "职责清单缺少报告的文书模板 (the catalog has "
	    "no template for this report)", arena_printf(d->arena,
	    "%s %s: document %s", v->id, v->version, id), NULL);
}

/* A template that failed to render: 500 naming its document, part and
 * catalog line, for the operator who maintains the catalog. */
static int
render_failed(struct dom *d, const struct catalog_document *t,
    const char *part, long line, const char *why)
{
	return dom_refuse(d, 500, "报告模板无法生成草稿 (the report's template "
	    "failed to render)", arena_printf(d->arena, "%s: %s, line %ld: %s",
	    t->id, part, line, why), NULL);
}

/* One section {title, text} of the lines in b. */
static json_t *
section(const char *title, const struct buf *b)
{
	return json_pack("{s:s, s:s}", "title", title, "text", b->data ?
	    b->data : "");
}

/*
 * t rendered over ctx: *title (arena), and *sections, [{title, text}]:
 * each first-level heading of the body opens a section, the lines after
 * it (white space at their ends and empty lines dropped) are its text,
 * one paragraph a line. 0, or -1 with d->fault.
 */
static int
draft_render(struct dom *d, const struct catalog_document *t,
    const json_t *ctx, const char **title, json_t **sections)
{
	struct buf b, text;
	char why[512];
	long line = 0;
	const char *head = NULL;
	int rc = -1;
	buf_init(&b, SECTION_MAX);
	buf_init(&text, SECTION_MAX);
	*sections = json_array();
	if (tmpl_render_at(t->title, strlen(t->title), ctx, &b, t->lines[1],
	    &line, why, sizeof why)) {
		render_failed(d, t, "title", line, why);
		goto out;
	}
	*title = arena_strdup(d->arena, b.data ? b.data : "");
	buf_free(&b);
	buf_init(&b, 4 * SECTION_MAX);
	if (tmpl_render_at(t->body, strlen(t->body), ctx, &b, t->body_line,
	    &line, why, sizeof why)) {
		render_failed(d, t, "body", line, why);
		goto out;
	}
	for (const char *p = b.data ? b.data : "", *e; *p != '\0'; p = e) {
		e = strchr(p, '\n');
		e = e ? e + 1 : p + strlen(p);
		const char *s = p, *z = e;
		while (s < z && (*s == ' ' || *s == '\t'))
			s++;
		while (z > s && (z[-1] == '\n' || z[-1] == '\r' ||
		    z[-1] == ' ' || z[-1] == '\t'))
			z--;
		if (s == z)
			continue;
		const char *para = arena_printf(d->arena, "%.*s", (int)(z - s),
		    s);
		if (gongwen_level(para) == 1) {
			if (head != NULL)
				json_array_append_new(*sections, section(head,
				    &text));
			head = para;
			buf_free(&text);
			buf_init(&text, SECTION_MAX);
		} else if (head == NULL) {
			render_failed(d, t, "body", t->body_line, "the text "
			    "before the first heading (一、…) belongs to no "
			    "section: begin with a heading");
			goto out;
		} else if ((text.len > 0 && buf_putc(&text, '\n')) ||
		    buf_puts(&text, para)) {
			render_failed(d, t, "body", t->body_line, "too long");
			goto out;
		}
	}
	if (head == NULL) {
		render_failed(d, t, "body", t->body_line, "no heading (一、…)");
		goto out;
	}
	json_array_append_new(*sections, section(head, &text));
	rc = 0;
out:
	if (rc) {
		json_decref(*sections);
		*sections = NULL;
	}
	buf_free(&b);
	buf_free(&text);
	return rc;
}

/* What every report's template reads: the organ, the year and the next,
 * and the mark a drafting hint starts with (report.h's REPORT_TODO: the
 * pages and the check before publishing look for it). */
static json_t *
common_ctx(const struct store_organ_info *o, int year)
{
	return json_pack("{s:s, s:i, s:i, s:s}", "organ", o->name, "year", year,
	    "next_year", year + 1, "todo", REPORT_TODO);
}

/* ---- 述法 (第七条) ---- */

struct shufa {
	struct dom *d;
	const char *organ, *person;
	json_t *results, *short_of;
	int unmet, review, veto;
};

static int
shufa_result(void *ctx, const struct eval_result *res)
{
	struct shufa *s = ctx;
	struct arena *a = s->d->arena;
	if (strcmp(res->organ, s->organ) != 0 ||
	    strcmp(res->person, s->person) != 0)
		return 0;
	json_t *duties = json_array();
	if (duty_list(s->d, res, 0, duties, s->short_of, &s->unmet,
	    &s->review)) {
		json_decref(duties);
		return -1;
	}
	json_t *score = res->has_score ? json_pack("{s:s, s:s, s:b, s:b}",
	    "value", arena_printf(a, "%.1f", res->score), "grade",
	    catalog_grade_label(res->grade), "provisional", res->provisional,
	    "veto", res->veto) : json_false();
	json_array_append_new(s->results, json_pack("{s:s, s:s, s:s, s:s, "
	    "s:I, s:o, s:o}", "from", cn_date(a, res->from), "to", cn_date(a,
	    res->to), "organ_name", res->organ_name, "role",
	    catalog_role_label(res->role), "nduties", (json_int_t)res->nduties,
	    "score", score, "duties", duties));
	s->veto |= res->veto;
	return 0;
}

int
report_text_shufa(struct dom *d, const struct store_organ_info *o,
    const char *person, const char *person_name, int year,
    const char **title, json_t **sections)
{
	const struct catalog_document *t;
	struct shufa s = { .d = d, .organ = o->id, .person = person };
	*sections = NULL;
	if (template_of(d, "shufa-report", &t))
		return -1;
	s.results = json_array();
	s.short_of = json_array();
	if (evaluation_each(d, year, o->region, shufa_result, &s)) {
		json_decref(s.results);
		json_decref(s.short_of);
		return -1;
	}
	/* The values the template's conditions read are yes or no, or
	 * absent as false: a 0 would count as a value. */
	int found = json_array_size(s.results) > 0;
	json_t *ctx = common_ctx(o, year);
	json_object_set_new(ctx, "person", json_string(person_name));
	json_object_set_new(ctx, "results", s.results);
	json_object_set_new(ctx, "shortfalls", s.short_of);
	json_object_set_new(ctx, "vetoed", json_boolean(s.veto));
	json_object_set_new(ctx, "all_met", json_boolean(found &&
	    s.unmet == 0));
	json_object_set_new(ctx, "review", s.review ? json_integer(s.review) :
	    json_false());
	int rc = draft_render(d, t, ctx, title, sections);
	json_decref(ctx);
	return rc;
}

/* ---- the annual report (第六条(一)) ---- */

struct counted {
	const char *kind;
	long n;
};

struct annual {
	struct dom *d;
	const char *organ;
	struct counted kinds[KINDS_MAX];
	size_t nkinds;
	json_t *leaders, *short_of;
	int unmet, review;
	int decisions, decisions_ok, decisions_seen; /* procedure duties */
	const struct catalog_rule *procedure;
};

static int
count_kind(void *ctx, const char *kind, long n, long verified)
{
	struct annual *an = ctx;
	(void)verified;
	if (an->nkinds < KINDS_MAX)
		an->kinds[an->nkinds++] = (struct counted){
			arena_strdup(an->d->arena, kind), n };
	return 0;
}

static long
count_of(const struct annual *an, const char *kind)
{
	for (size_t i = 0; i < an->nkinds; i++)
		if (strcmp(an->kinds[i].kind, kind) == 0)
			return an->kinds[i].n;
	return 0;
}

static const char *
kind_label(const struct catalog *c, const char *kind)
{
	int k = catalog_kind_find(c, kind);
	return k >= 0 ? c->kinds[k].label : kind;
}

static int
annual_result(void *ctx, const struct eval_result *res)
{
	struct annual *an = ctx;
	struct arena *a = an->d->arena;
	if (strcmp(res->organ, an->organ) != 0 || res->role != ROLE_GOVERNMENT)
		return 0;
	json_t *duties = json_array();
	if (duty_list(an->d, res, 1, duties, an->short_of, &an->unmet,
	    &an->review)) {
		json_decref(duties);
		return -1;
	}
	json_array_append_new(an->leaders, json_pack("{s:s, s:s, s:s, s:s, "
	    "s:o}", "name", res->person_name, "from", cn_date(a, res->from),
	    "to", cn_date(a, res->to), "organ_name", res->organ_name, "duties",
	    duties));
	for (size_t i = 0; i < res->nduties; i++) {
		const struct eval_duty *d = &res->duties[i];
		if (d->rule->measure == MEASURE_PROCEDURE && d->has_counts) {
			an->procedure = d->rule;
			an->decisions += d->required;
			an->decisions_ok += d->actual;
			an->decisions_seen = 1;
		}
	}
	return 0;
}

/* The steps a procedure rule requires, by their labels: "公众参与、…". */
static const char *
steps_text(struct dom *d, const struct catalog_rule *rule)
{
	/* A closed year's rule the loaded catalog no longer has. */
	if (rule->kind < 0 || rule->nsteps == 0)
		return "";
	const struct catalog_kind *k = &d->catalog->kinds[rule->kind];
	const struct catalog_field *f = &k->fields[rule->steps_field];
	struct buf b;
	buf_init(&b, 4096);
	for (size_t i = 0; i < rule->nsteps; i++) {
		const char *label = rule->steps[i];
		for (size_t j = 0; j < f->nvalues; j++)
			if (strcmp(f->values[j], rule->steps[i]) == 0)
				label = f->labels[j];
		buf_printf(&b, "%s%s", i ? "、" : "", label);
	}
	const char *s = arena_strdup(d->arena, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

static json_t *
kind_json(const char *label, long n)
{
	return json_pack("{s:s, s:I, s:b}", "label", label, "n", (json_int_t)n,
	    "any", n > 0);
}

/* Every kind of the template's version v and of the loaded catalog, and
 * every kind counted, by id: {label, n, any}, so a template names the
 * kinds it reports (kinds.major_decision.n) and a kind without records
 * reads 0. */
static json_t *
kinds_json(const struct annual *an, const struct catalog *v)
{
	const struct catalog *c = an->d->catalog, *both[] = { v, c };
	json_t *o = json_object();
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < both[k]->nkinds; i++)
			if (json_object_get(o, both[k]->kinds[i].id) == NULL)
				json_object_set_new(o, both[k]->kinds[i].id,
				    kind_json(both[k]->kinds[i].label, count_of(an,
				    both[k]->kinds[i].id)));
	for (size_t i = 0; i < an->nkinds; i++)
		if (json_object_get(o, an->kinds[i].kind) == NULL)
			json_object_set_new(o, an->kinds[i].kind, kind_json(
			    kind_label(c, an->kinds[i].kind), an->kinds[i].n));
	return o;
}

/*
 * The kinds counted that the template does not name itself (no
 * "kinds.ID." in its body), as {items: [{label, n, last}]}, or false:
 * the measures of the year a template has no sentence for are still
 * reported. Not the kinds of a person (findings and the like) nor the
 * reports themselves.
 */
static json_t *
others_json(const struct annual *an, const char *body)
{
	static const char *const reports[] = { "rol_gov_annual_report",
		"year_end_report" };
	const struct catalog *c = an->d->catalog;
	json_t *items = json_array();
	for (size_t i = 0; i < an->nkinds; i++) {
		const char *kind = an->kinds[i].kind;
		int k = catalog_kind_find(c, kind), skip = k < 0 ||
		    c->kinds[k].person_required;
		for (size_t j = 0; j < sizeof reports / sizeof *reports; j++)
			skip |= strcmp(kind, reports[j]) == 0;
		if (skip || strstr(body, arena_printf(an->d->arena, "kinds.%s.",
		    kind)) != NULL)
			continue;
		json_array_append_new(items, json_pack("{s:s, s:I, s:b}",
		    "label", c->kinds[k].label, "n", (json_int_t)an->kinds[i].n,
		    "last", 0));
	}
	size_t n = json_array_size(items);
	if (n == 0) {
		json_decref(items);
		return json_false();
	}
	json_object_set_new(json_array_get(items, n - 1), "last", json_true());
	return json_pack("{s:o}", "items", items);
}

int
report_text_annual(struct dom *d, const struct store_organ_info *o,
    int year, const char **title, json_t **sections)
{
	const struct catalog_document *t;
	struct annual *an = arena_alloc(d->arena, sizeof *an);
	memset(an, 0, sizeof *an);
	an->d = d;
	an->organ = o->id;
	*sections = NULL;
	if (template_of(d, "annual-report", &t))
		return -1;
	if (store_report_kind_counts(d->store, o->key, date_from_ymd(year, 1, 1),
	    date_from_ymd(year, 12, 31), count_kind, an) < 0)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	an->leaders = json_array();
	an->short_of = json_array();
	if (evaluation_each(d, year, o->region, annual_result, an)) {
		json_decref(an->leaders);
		json_decref(an->short_of);
		return -1;
	}
	json_t *ctx = common_ctx(o, year);
	json_object_set_new(ctx, "kinds", kinds_json(an, catalog_version_at(
	    d->catalog, date_today())));
	json_object_set_new(ctx, "other", others_json(an, t->body));
	/* Major decisions and how many went through every step the
	 * procedure duty requires: false when no duty counted them. */
	json_object_set_new(ctx, "decisions", an->decisions_seen &&
	    an->procedure != NULL && an->decisions > 0 ? json_pack("{s:i, "
	    "s:o, s:s}", "complete", an->decisions_ok, "incomplete",
	    an->decisions_ok < an->decisions ? json_integer(an->decisions -
	    an->decisions_ok) : json_false(), "steps", steps_text(d,
	    an->procedure)) : json_false());
	/* Fewer appearances in court than suits: a shortfall of the
	 * organ's, numbered after the duties'. */
	long suits = count_of(an, "admin_lawsuit");
	long appear = count_of(an, "court_appearance");
	json_object_set_new(ctx, "appearance_short", suits > appear ?
	    json_pack("{s:i}", "n", ++an->unmet) : json_false());
	json_object_set_new(ctx, "shortfalls", an->short_of);
	json_object_set_new(ctx, "leaders", an->leaders);
	int rc = draft_render(d, t, ctx, title, sections);
	json_decref(ctx);
	return rc;
}
