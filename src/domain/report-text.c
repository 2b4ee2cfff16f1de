/*
 * The first draft of a report, written from what the system knows: the
 * ledger and the evaluation. Nothing here is more than a draft: the
 * writer edits every section before signing, and the parts only a person
 * can write (plans, causes) are placeholders that start with REPORT_TODO
 * and say what belongs there.
 *
 * Numbers come from the engine, never recounted here: a duty's sentence
 * is its verdict with the engine's explanation (which carries the counts
 * and what is missing), so the report and the evaluation cannot
 * disagree. The annual report adds the organ's ledger of the year counted
 * by kind (store_report_kind_counts) for the measures the 督察工作规定
 * asks to report.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "domain/evaluation.h"
#include "domain/record.h"
#include "domain/report.h"
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

/* One duty as a sentence: its explanation, the records it names by nb's
 * numbers, and its verdict unless the text is for the public (the
 * annual report: a person's verdicts are not published,
 * report-public.c). */
static void
duty_line(struct dom *d, struct buf *b, int i, const struct eval_duty *u,
    const struct numbers *nb, int public)
{
	buf_printf(b, "%d. %s(%s):", i, u->rule->title, u->rule->citation);
	/* A score is the evaluators' judgement of the person, not a fact of
	 * the ledger: the public reads how many records there are. */
	if (u->verdict == VERDICT_NEEDS_REVIEW || (public && u->scored)) {
		if (public) {
			buf_printf(b, "台账中有相关记录 %zu 条。\n",
			    u->nevidence);
			return;
		}
		buf_printf(b, "台账中有相关记录 %zu 条,待考评组织评议。\n",
		    u->nevidence);
		return;
	}
	if (public)
		buf_printf(b, "%s。\n", clause(d->arena, readable(d, u, nb)));
	else
		buf_printf(b, "%s;%s。\n", clause(d->arena, readable(d, u,
		    nb)), eval_verdict_label(u->verdict));
}

/* The score line of a result, or nothing without a score. */
static void
score_line(struct buf *b, const struct eval_result *res)
{
	if (!res->has_score)
		return;
	buf_printf(b, "按职责清单计算,年度考评得分 %.1f 分,等次为%s%s%s。",
	    res->score, catalog_grade_label(res->grade), res->provisional ?
	    "(暂定,尚有职责待评议)" : "", res->veto ? ",存在一票否决情形" : "");
}

/* A result's score line (not for the public) and its duties, one a
 * line, into b; the unmet ones also into short_of, numbered on from
 * *unmet. -1 when the store failed. */
static int
duty_lines(struct dom *d, struct buf *b, struct buf *short_of, int *unmet,
    const struct eval_result *res, int public)
{
	struct numbers nb;
	if (numbers_of(d, res, &nb))
		return -1;
	if (!public)
		score_line(b, res);
	buf_putc(b, '\n');
	for (size_t i = 0, n = 0; i < res->nduties; i++) {
		const struct eval_duty *u = &res->duties[i];
		/* The duties that a finding about the person decides (第九条)
		 * are not published: whether there is one is not the
		 * public's to read. */
		if (public && u->rule->kind >= 0 &&
		    d->catalog->kinds[u->rule->kind].finding)
			continue;
		duty_line(d, b, (int)++n, u, &nb, public);
		if (u->verdict == VERDICT_UNMET)
			duty_line(d, short_of, ++*unmet, u, &nb, public);
	}
	return 0;
}

static json_t *
section(const char *title, const char *text)
{
	return json_pack("{s:s, s:s}", "title", title, "text", text ? text : "");
}

/* ---- 述法 (第七条) ---- */

struct shufa {
	struct dom *d;
	const char *organ, *person;
	struct buf done, short_of;
	int found, unmet, review;
};

static int
shufa_result(void *ctx, const struct eval_result *res)
{
	struct shufa *s = ctx;
	struct arena *a = s->d->arena;
	if (strcmp(res->organ, s->organ) != 0 ||
	    strcmp(res->person, s->person) != 0)
		return 0;
	if (s->found++)
		buf_putc(&s->done, '\n');
	buf_printf(&s->done, "%s至%s,本人任%s主要负责人(%s),对照职责清单中的 "
	    "%zu 项职责,依据履职台账和年度考评,履职情况如下。", cn_date(a,
	    res->from), cn_date(a, res->to), res->organ_name,
	    catalog_role_label(res->role), res->nduties);
	if (duty_lines(s->d, &s->done, &s->short_of, &s->unmet, res, 0))
		return -1;
	for (size_t i = 0; i < res->nduties; i++)
		if (res->duties[i].verdict == VERDICT_NEEDS_REVIEW)
			s->review++;
	if (res->veto)
		buf_printf(&s->short_of, "存在一票否决情形,考评等次为不合格。\n");
	return 0;
}

int
report_text_shufa(struct dom *d, const struct store_organ_info *o,
    const char *person, const char *person_name, int year,
    const char **title, json_t **sections)
{
	struct shufa s = { .d = d, .organ = o->id, .person = person };
	buf_init(&s.done, SECTION_MAX);
	buf_init(&s.short_of, SECTION_MAX);
	*sections = NULL;
	if (evaluation_each(d, year, o->region, shufa_result, &s)) {
		buf_free(&s.done);
		buf_free(&s.short_of);
		return -1;
	}
	if (!s.found)
		buf_printf(&s.done, REPORT_TODO "未找到本人 %d 年度在%s的考评结果"
		    "(任职不足或不在职责清单适用范围内),请据实填写履职情况。",
		    year, o->name);
	if (s.unmet == 0 && s.found)
		buf_printf(&s.short_of, "对照职责清单,本年度可计量的职责均已达到"
		    "要求。");
	if (s.review)
		buf_printf(&s.short_of, "另有 %d 项职责待考评组织评议,以评议结论"
		    "为准。", s.review);
	if (s.short_of.len == 0)
		buf_printf(&s.short_of, REPORT_TODO "请写明存在的问题和不足。");
	char *plan = arena_printf(d->arena, REPORT_TODO "请针对第二部分所列问题,"
	    "写明 %d 年推进法治建设的具体打算:整改措施、完成时限和责任分工。"
	    "本段是起草提示,定稿前请替换。", year + 1);
	*title = arena_printf(d->arena, "%s主要负责人%s %d 年度述法报告", o->name,
	    person_name, year);
	*sections = json_pack("[o, o, o]",
	    section("一、履行推进法治建设第一责任人职责情况", s.done.data),
	    section("二、存在的问题和不足", s.short_of.data),
	    section("三、下一步工作打算", plan));
	buf_free(&s.done);
	buf_free(&s.short_of);
	return 0;
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
	struct buf leaders, short_of;
	int found, unmet;
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
	if (an->found++)
		buf_putc(&an->leaders, '\n');
	buf_printf(&an->leaders, "%s(%s至%s任%s主要负责人):", res->person_name,
	    cn_date(a, res->from), cn_date(a, res->to), res->organ_name);
	if (duty_lines(an->d, &an->leaders, &an->short_of, &an->unmet, res,
	    1))
		return -1;
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

/* Kinds the measures paragraph names itself, or that are not measures
 * of the government (findings about a person, the report itself). */
static int
named_kind(const struct catalog *c, const char *kind)
{
	static const char *const named[] = { "rol_gov_annual_plan",
		"major_decision", "rol_lecture", "collective_law_study",
		"court_appearance", "admin_lawsuit", "rol_gov_annual_report",
		"year_end_report" };
	for (size_t i = 0; i < sizeof named / sizeof *named; i++)
		if (strcmp(kind, named[i]) == 0)
			return 1;
	int k = catalog_kind_find(c, kind);
	return k < 0 || c->kinds[k].person_required;
}

/* 一、主要举措和成效: the ledger of the year. */
static void
measures(struct dom *d, struct annual *an, struct buf *b, int year,
    const char *organ_name)
{
	const struct catalog *c = d->catalog;
	long plans = count_of(an, "rol_gov_annual_plan");
	long decisions = count_of(an, "major_decision");
	long lectures = count_of(an, "rol_lecture");
	long study = count_of(an, "collective_law_study");
	long appear = count_of(an, "court_appearance");
	long suits = count_of(an, "admin_lawsuit");
	int n = 0;
	buf_printf(b, "%d 年,%s依据法治政府建设部署推进各项工作。以下情况依据履职"
	    "台账中本年度的记录(不含已退回的记录)整理。\n", year, organ_name);
	if (plans > 0)
		buf_printf(b, "(%d)制定%s %ld 件。\n", ++n,
		    kind_label(c, "rol_gov_annual_plan"), plans);
	else
		buf_printf(b, "(%d)台账中未见本年度的%s。\n", ++n,
		    kind_label(c, "rol_gov_annual_plan"));
	buf_printf(b, "(%d)作出%s %ld 项", ++n, kind_label(c, "major_decision"),
	    decisions);
	if (an->decisions_seen && an->procedure != NULL && an->decisions > 0)
		buf_printf(b, ",其中 %d 项完整履行%s的法定程序%s", an->decisions_ok,
		    steps_text(d, an->procedure), an->decisions_ok < an->decisions ?
		    arena_printf(d->arena, ",%d 项程序不完整",
		    an->decisions - an->decisions_ok) : "");
	buf_printf(b, "。\n");
	buf_printf(b, "(%d)举办%s %ld 次,开展%s %ld 次。\n", ++n,
	    kind_label(c, "rol_lecture"), lectures,
	    kind_label(c, "collective_law_study"), study);
	buf_printf(b, "(%d)%s %ld 件,%s %ld 次", ++n,
	    kind_label(c, "admin_lawsuit"), suits,
	    kind_label(c, "court_appearance"), appear);
	if (suits > 0)
		buf_printf(b, ",出庭应诉与被诉案件之比为 %ld∶%ld", appear, suits);
	buf_printf(b, "。\n");
	int others = 0;
	for (size_t i = 0; i < an->nkinds; i++) {
		if (named_kind(c, an->kinds[i].kind))
			continue;
		buf_printf(b, "%s%s %ld 项(次)", others++ ? ";" :
		    arena_printf(d->arena, "(%d)其他:", ++n),
		    kind_label(c, an->kinds[i].kind), an->kinds[i].n);
	}
	if (others)
		buf_printf(b, "。\n");
	buf_printf(b, REPORT_TODO "请补充主要举措的具体做法和取得的成效。");
}

int
report_text_annual(struct dom *d, const struct store_organ_info *o,
    int year, const char **title, json_t **sections)
{
	struct annual *an = arena_alloc(d->arena, sizeof *an);
	struct buf done;
	int rc = -1;
	memset(an, 0, sizeof *an);
	an->d = d;
	an->organ = o->id;
	*sections = NULL;
	buf_init(&done, SECTION_MAX);
	buf_init(&an->leaders, SECTION_MAX);
	buf_init(&an->short_of, SECTION_MAX);
	if (store_report_kind_counts(d->store, o->key, date_from_ymd(year, 1, 1),
	    date_from_ymd(year, 12, 31), count_kind, an) < 0) {
		dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
		goto out;
	}
	if (evaluation_each(d, year, o->region, annual_result, an))
		goto out;
	measures(d, an, &done, year, o->name);
	long suits = count_of(an, "admin_lawsuit");
	long appear = count_of(an, "court_appearance");
	if (suits > appear)
		buf_printf(&an->short_of, "%d. %s %ld 件,%s仅 %ld 次,出庭应诉工作"
		    "有待加强。\n", ++an->unmet, kind_label(d->catalog,
		    "admin_lawsuit"), suits, kind_label(d->catalog,
		    "court_appearance"), appear);
	if (an->unmet == 0)
		buf_printf(&an->short_of, "对照职责清单,本年度可计量的职责均已达到"
		    "要求。\n");
	buf_printf(&an->short_of, REPORT_TODO "请逐项分析上述不足的原因。");
	if (!an->found)
		buf_printf(&an->leaders, REPORT_TODO "未找到%s主要负责人 %d 年度的"
		    "考评结果,请据实填写。", o->name, year);
	*title = arena_printf(d->arena, "%s关于 %d 年度法治政府建设情况的报告",
	    o->name, year);
	*sections = json_pack("[o, o, o, o, o]",
	    section("一、主要举措和成效", done.data),
	    section("二、存在的不足和原因", an->short_of.data),
	    section("三、党政主要负责人履行推进法治建设第一责任人职责情况",
	    an->leaders.data),
	    section("四、下一年度主要安排", arena_printf(d->arena, REPORT_TODO
	    "请写明 %d 年法治政府建设的主要安排,可针对第二部分所列不足逐项提出"
	    "措施。本段是起草提示,定稿前请替换。", year + 1)),
	    section("五、其他需要报告的情况", REPORT_TODO "如无其他需要报告的"
	    "情况,请写“无”。"));
	rc = 0;
out:
	buf_free(&done);
	buf_free(&an->leaders);
	buf_free(&an->short_of);
	return rc;
}
