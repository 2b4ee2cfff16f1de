/*
 * The measures: how records become a verdict.
 *
 * Each measure of the catalog (count, filing, procedure, absence,
 * qualitative) has two halves here: measure_add folds one record into a
 * duty's tally during the scan, and measure_verdict turns the tally into a
 * verdict, counts, points and a Chinese explanation. Nothing here knows a
 * duty by name; thresholds, kinds, fields and deadlines come from the rule.
 */
#include "engine/eval-int.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

enum problem {
	P_ABOUT = 1,      /* about another year */
	P_LATE = 2,       /* dated after the deadline */
	P_MISSING = 4,    /* a required value of a set is absent */
	P_NOT_TRUE = 8,   /* the required flag is not true */
	P_NO_DATE = 16,   /* the required date is absent */
	P_DATE_LATE = 32, /* the required date is after the deadline */
};

static date_t
max_date(date_t a, date_t b)
{
	return a > b ? a : b;
}

static date_t
min_date(date_t a, date_t b)
{
	return a < b ? a : b;
}

static date_t
deadline(const struct evaluation *e, const struct catalog_rule *r)
{
	return date_from_ymd(e->period.year + r->due_next_year, r->due_month,
	    r->due_day);
}

/* The catalog whose rules segment g applies. */
static const struct catalog *
cat_of(const struct evaluation *e, const struct segment *g)
{
	return g != NULL && g->c != NULL ? g->c : e->c;
}

/* Rule r's counterpart in version j, or NULL. */
static const struct catalog_rule *
rule_in(const struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, int j)
{
	int ri = e->ver[g->ver].rule_in[j][r - g->c->rules];
	return ri >= 0 ? &e->ver[j].c->rules[ri] : NULL;
}

/* Version j's part in rule r over from..to: *rj its counterpart of r
 * (NULL: it lacks the rule) and *a..*b the days it is in force there
 * (r's own days where it lacks it). Returns 0 when they are none. */
static int
version_part(const struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, int j, date_t from, date_t to,
    const struct catalog_rule **rj, date_t *a, date_t *b)
{
	*rj = rule_in(e, g, r, j);
	const struct catalog_rule *in = *rj != NULL ? *rj : r;
	*a = max_date(max_date(from, e->ver[j].from), in->effective);
	*b = min_date(min_date(to, e->ver[j].to), in->until);
	return *a <= *b;
}

void
measure_span(const struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, date_t *from, date_t *to)
{
	*from = max_date(g->from, r->effective);
	*to = min_date(g->to, r->until);
	if (!g->spans || e->ver == NULL)
		return;
	/* From the first day a version holds the rule to the last. */
	date_t lo = DATE_NONE, hi = g->from - 1;
	for (int j = 0; j <= g->ver; j++) {
		const struct catalog_rule *rj;
		date_t a, b;
		if (!version_part(e, g, r, j, g->from, g->to, &rj, &a, &b) ||
		    rj == NULL)
			continue;
		lo = min_date(lo, a);
		hi = max_date(hi, b);
	}
	*from = lo == DATE_NONE ? g->to + 1 : lo;
	*to = lo == DATE_NONE ? g->to : hi;
}

/*
 * Σ Nᵢ × daysᵢ of count rule r over its days from..to in g: Nᵢ the yearly
 * minimum of the version in force for daysᵢ (0 where it lacks the rule);
 * *varies when the minimum is not the same throughout.
 */
static long
weighted_min(const struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, date_t from, date_t to, int *varies)
{
	*varies = 0;
	if (!g->spans || e->ver == NULL)
		return (long)r->min * (to - from + 1);
	long sum = 0;
	int covered = 0;
	for (int j = 0; j <= g->ver; j++) {
		const struct catalog_rule *rj;
		date_t a, b;
		if (!version_part(e, g, r, j, from, to, &rj, &a, &b))
			continue;
		if (rj == NULL || rj->min != r->min)
			*varies = 1;
		if (rj != NULL) {
			sum += (long)rj->min * (b - a + 1);
			covered += b - a + 1;
		}
	}
	if (covered != to - from + 1)
		*varies = 1;
	return sum;
}

/* "2020.1 版 2 次 × 182 天、..." for a requirement that varies. */
static const char *
weighted_text(const struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, date_t from, date_t to, struct arena *a)
{
	const char *s = "";
	for (int j = 0; j <= g->ver; j++) {
		const struct catalog_rule *rj;
		date_t x, y;
		if (!version_part(e, g, r, j, from, to, &rj, &x, &y))
			continue;
		s = arena_printf(a, "%s%s%s 版 %d 次 × %d 天", s, *s ? "、" : "",
		    e->ver[j].c->version, rj != NULL ? rj->min : 0, y - x + 1);
	}
	return s;
}

int
measure_in_window(const struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, date_t d, int64_t rec_person)
{
	date_t from, to;
	measure_span(e, g, r, &from, &to);
	if (r->measure != MEASURE_FILING)
		return d >= from && d <= to;
	int y = e->period.year;
	if (r->window_year)
		return d >= date_from_ymd(y, 1, 1) && d <= date_from_ymd(y, 12, 31);
	/* A filing that names a person is that person's alone. */
	if (rec_person != 0 && rec_person != g->person_key)
		return 0;
	if (d >= from && d <= to)
		return 1;
	/* Filed after the year, before the deadline: it belongs to whoever
	 * it names, else to whoever was in post at the year's end. */
	return r->due_set && r->due_next_year &&
	    d > date_from_ymd(y, 12, 31) && d <= deadline(e, r) &&
	    (rec_person == g->person_key || g->to == e->period.to);
}

static void
push(struct evaluation *e, struct tally *t, const char *id)
{
	arena_reserve(e->arena, &t->ev, t->nev, &t->cap, sizeof *t->ev, 4);
	t->ev[t->nev++] = arena_strdup(e->arena, id);
}

static int
popcount(unsigned v)
{
	return __builtin_popcount(v);
}

static date_t
doc_date(const struct jv *o, const char *key)
{
	date_t d;
	const struct jv *v = jv_get(o, key);
	return jv_is_string(v) && date_parse(jv_str(v), &d) == 0 ? d : DATE_NONE;
}

/* The values a filing's set must hold: a township's own where given. */
static char *const *
all_values(const struct catalog_rule *r, const struct tally *t, size_t *n)
{
	if (t->township && r->township_values != NULL) {
		*n = r->ntownship_values;
		return r->township_values;
	}
	*n = r->nall_values;
	return r->all_values;
}

/* The record's about_year, or 0. */
static int
about_year(const struct jv *doc)
{
	const struct jv *about = jv_get(doc, "about_year");
	return jv_is(about, JV_INT) ? (int)jv_int(about) : 0;
}

/* Whether the record was verified (核实) by an office. */
static int
is_verified(const struct store_record *rec)
{
	return rec->status != NULL && strcmp(rec->status, "verified") == 0;
}

static void
add_filing(struct evaluation *e, const struct catalog *c,
    const struct catalog_rule *r, struct tally *t,
    const struct store_record *rec, const struct jv *doc)
{
	const struct catalog_kind *k = &c->kinds[r->kind];
	unsigned problems = 0, missing = 0;
	int want = e->period.year + r->about_offset;
	int have = about_year(doc);
	date_t extra = DATE_NONE;
	if (have != want)
		problems |= P_ABOUT;
	if (r->due_set && rec->date > deadline(e, r))
		problems |= P_LATE;
	if (r->require_true >= 0 && !jv_is(jv_get(doc,
	    k->fields[r->require_true].name), JV_TRUE))
		problems |= P_NOT_TRUE;
	if (r->require_all >= 0) {
		const struct jv *set = jv_get(doc,
		    k->fields[r->require_all].name);
		size_t nset = jv_is(set, JV_ARRAY) ? set->n : 0;
		size_t nall;
		char *const *all = all_values(r, t, &nall);
		for (size_t i = 0; i < nall; i++) {
			int found = 0;
			for (size_t j = 0; j < nset; j++)
				found |= jv_is_string(&set->u.items[j]) && strcmp(
				    jv_str(&set->u.items[j]), all[i]) == 0;
			if (!found)
				missing |= 1u << i;
		}
		if (missing)
			problems |= P_MISSING;
	}
	if (r->require_date >= 0) {
		extra = doc_date(doc, k->fields[r->require_date].name);
		if (extra == DATE_NONE)
			problems |= P_NO_DATE;
		else if (r->due_set && extra > deadline(e, r))
			problems |= P_DATE_LATE;
	}
	t->count++;
	if (problems == 0) {
		t->ok++;
		t->verified += is_verified(rec);
		push(e, t, rec->id);
	}
	/* Keep the candidate closest to conforming, ties by id, so the
	 * explanation does not depend on scan order. */
	if (t->best_id == NULL || popcount(problems) < popcount(t->best_problems)
	    || (popcount(problems) == popcount(t->best_problems) &&
	    strcmp(rec->id, t->best_id) < 0)) {
		t->best_id = arena_strdup(e->arena, rec->id);
		t->best_problems = problems;
		t->best_missing = missing;
		t->best_date = rec->date;
		t->best_extra = extra;
		t->best_about = have;
	}
}

/* Appends "ID what" to the tally's notes, keeping the first few. */
static void
note(struct evaluation *e, struct tally *t, const char *id, const char *what)
{
	if (t->nnotes++ >= NOTES_MAX)
		return;
	t->notes = arena_printf(e->arena, "%s%s%s %s", t->notes ? t->notes : "",
	    t->notes ? ";" : "", id, what);
}

static int
word_index_of(const struct catalog_field *f, const char *v)
{
	for (size_t i = 0; i < f->nvalues; i++)
		if (strcmp(f->values[i], v) == 0)
			return (int)i;
	return -1;
}

/* "(公众参与、专家论证、风险评估依法不需要的,可标记不适用,经核实后计为
 * 已履行;合法性审查、集体讨论决定必须履行)" from the kind's field. */
static const char *
procedure_rule(const struct catalog *c, const struct catalog_rule *r,
    struct arena *a)
{
	const struct catalog_field *f = &c->kinds[r->kind].fields[r->steps_field];
	struct buf opt, req;
	if (f->waivable == 0)
		return "";
	buf_init(&opt, 1024);
	buf_init(&req, 1024);
	for (size_t i = 0; i < r->nsteps; i++) {
		int w = word_index_of(f, r->steps[i]);
		struct buf *b = w >= 0 && (f->waivable >> w & 1u) ? &opt : &req;
		buf_printf(b, "%s%s", b->len ? "、" : "",
		    catalog_value_label(f, r->steps[i]));
	}
	const char *s = arena_printf(a, "(%s仅在《重大行政决策程序暂行条例》"
	    "要求时履行,不适用的须写明理由,记录经核实后计为已履行%s%s%s)",
	    opt.data ? opt.data : "", req.len ? ";" : "",
	    req.data ? req.data : "", req.len ? "必须履行" : "");
	buf_free(&opt);
	buf_free(&req);
	return s;
}

static void
add_procedure(struct evaluation *e, const struct catalog *c,
    const struct catalog_rule *r, struct tally *t,
    const struct store_record *rec, const struct jv *doc)
{
	const struct catalog_field *f =
	    &c->kinds[r->kind].fields[r->steps_field];
	const struct jv *steps = jv_get(doc, f->name);
	date_t when[32];
	size_t n = r->nsteps < 32 ? r->nsteps : 32;
	char missing[512] = "";
	char unverified[512] = "";
	int verified = is_verified(rec);
	for (size_t i = 0; i < n; i++) {
		when[i] = doc_date(steps, r->steps[i]);
		if (when[i] != DATE_NONE)
			continue;
		/* A step the decision did not call for (its own article of
		 * 《重大行政决策程序暂行条例》) counts once the record is
		 * verified. */
		int w = word_index_of(f, r->steps[i]);
		int waived = w >= 0 && (f->waivable >> w & 1u) &&
		    jv_is_string(jv_get(jv_get(steps, r->steps[i]),
		    "not_applicable"));
		if (waived && verified)
			continue;
		char *to = waived ? unverified : missing;
		size_t len = strlen(to);
		snprintf(to + len, sizeof missing - len, "%s%s",
		    len ? "、" : "", catalog_value_label(f, r->steps[i]));
	}
	int ok = missing[0] == '\0' && unverified[0] == '\0';
	t->count++;
	push(e, t, rec->id);
	if (missing[0] != '\0')
		note(e, t, rec->id, arena_printf(e->arena, "缺少%s", missing));
	if (unverified[0] != '\0')
		note(e, t, rec->id, arena_printf(e->arena,
		    "%s标记为不适用,记录尚未核实", unverified));
	if (r->before_a >= 0 && when[r->before_a] != DATE_NONE &&
	    when[r->before_b] != DATE_NONE &&
	    when[r->before_a] > when[r->before_b]) {
		ok = 0;
		note(e, t, rec->id, arena_printf(e->arena, "%s晚于%s",
		    catalog_value_label(f, r->steps[r->before_a]),
		    catalog_value_label(f, r->steps[r->before_b])));
	}
	if (r->last >= 0 && when[r->last] != DATE_NONE)
		for (size_t i = 0; i < n; i++)
			if (when[i] != DATE_NONE && when[i] > when[r->last]) {
				ok = 0;
				note(e, t, rec->id, arena_printf(e->arena,
				    "%s在%s之后,%s不是最后环节",
				    catalog_value_label(f, r->steps[i]),
				    catalog_value_label(f, r->steps[r->last]),
				    catalog_value_label(f, r->steps[r->last])));
				break;
			}
	if (ok) {
		t->ok++;
		t->verified += verified;
	}
}

void
measure_add(struct evaluation *e, const struct catalog_rule *r,
    struct tally *t, const struct store_record *rec, json_t *doc)
{
	struct arena *a = doc != NULL ? arena_create() : NULL;
	measure_add_jv(e, NULL, r, t, rec, doc != NULL ? jv_from_json(a, doc)
	    : NULL);
	arena_free(a);
}

void
measure_add_jv(struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, struct tally *t,
    const struct store_record *rec, const struct jv *doc)
{
	switch (r->measure) {
	case MEASURE_COUNT:
		if (r->about_set && about_year(doc) !=
		    e->period.year + r->about_offset) {
			t->other_year++;
			break;
		}
		t->count++;
		t->verified += is_verified(rec);
		push(e, t, rec->id);
		break;
	case MEASURE_ABSENCE:
		t->count++;
		t->verified += is_verified(rec);
		push(e, t, rec->id);
		break;
	case MEASURE_FILING:
		add_filing(e, cat_of(e, g), r, t, rec, doc);
		break;
	case MEASURE_PROCEDURE:
		add_procedure(e, cat_of(e, g), r, t, rec, doc);
		break;
	case MEASURE_QUALITATIVE:
		break;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *
fmt_date(struct arena *a, date_t d)
{
	char s[11];
	date_format(d, s);
	return arena_strdup(a, s);
}

/*
 * What an explanation adds after a value it used that the regulation
 * does not give: "(本系统解释:BASIS)" for an interpretation b, else "".
 */
static const char *
interp(struct arena *a, const struct catalog_basis *b)
{
	return b != NULL ? arena_printf(a, "(本系统解释:%s)", b->basis) : "";
}

/* "2025-03-31", with its basis where the deadline is an interpretation. */
static const char *
due_text(const struct evaluation *e, const struct catalog_rule *r,
    struct arena *a)
{
	return arena_printf(a, "%s%s", fmt_date(a, deadline(e, r)),
	    interp(a, catalog_rule_interp(r, "due")));
}

/* "。"-free clauses joined by ";" for a filing's shortcomings. */
static const char *
filing_problems(const struct evaluation *e, const struct catalog *c,
    const struct catalog_rule *r, const struct tally *t, struct arena *a)
{
	const struct catalog_kind *k = &c->kinds[r->kind];
	const char *due = r->due_set ? due_text(e, r, a) : "";
	int want = e->period.year + r->about_offset;
	struct buf b;
	buf_init(&b, 4096);
	buf_printf(&b, "%s(%s)", t->best_id, fmt_date(a, t->best_date));
	if (t->best_problems & P_ABOUT)
		buf_printf(&b, ";所属年度为 %d,应为 %d", t->best_about, want);
	if (t->best_problems & P_LATE)
		buf_printf(&b, ";日期晚于截止日期 %s", due);
	if (t->best_problems & P_MISSING) {
		const struct catalog_field *f = &k->fields[r->require_all];
		size_t nall;
		char *const *all = all_values(r, t, &nall);
		buf_printf(&b, ";%s缺少", f->label);
		int first = 1;
		for (size_t i = 0; i < nall; i++)
			if (t->best_missing & (1u << i)) {
				buf_printf(&b, "%s%s", first ? "" : "、",
				    catalog_value_label(f, all[i]));
				first = 0;
			}
	}
	if (t->best_problems & P_NOT_TRUE)
		buf_printf(&b, ";未%s", k->fields[r->require_true].label);
	if (t->best_problems & P_NO_DATE)
		buf_printf(&b, ";缺少%s", k->fields[r->require_date].label);
	if (t->best_problems & P_DATE_LATE)
		buf_printf(&b, ";%s %s 晚于截止日期 %s",
		    k->fields[r->require_date].label, fmt_date(a, t->best_extra),
		    due);
	const char *s = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

void
measure_verdict(const struct evaluation *e, const struct segment *g,
    const struct catalog_rule *r, struct tally *t,
    const struct score_entry *sc, struct eval_duty *out,
    struct arena *a)
{
	const struct catalog *c = cat_of(e, g);
	const char *label = r->kind >= 0 ? c->kinds[r->kind].label : r->title;
	date_t from, to;
	measure_span(e, g, r, &from, &to);
	int days = to - from + 1;
	int diy = date_days_in_year(e->period.year);

	memset(out, 0, sizeof *out);
	out->rule = r;
	if (t != NULL) {
		if (t->nev > 1)
			qsort(t->ev, t->nev, sizeof *t->ev, cmp_str);
		out->evidence = t->ev;
		out->nevidence = t->nev;
	}
	if (from > to) {
		out->verdict = VERDICT_NOT_APPLICABLE;
		out->explanation = r->effective > g->to ?
		    arena_printf(a, "本项职责自 %s 起施行",
		    fmt_date(a, r->effective)) :
		    arena_printf(a, "本项职责已于 %s 停止施行",
		    fmt_date(a, r->until));
		return;
	}
	switch (r->measure) {
	case MEASURE_QUALITATIVE:
		if (sc == NULL) {
			out->verdict = VERDICT_NEEDS_REVIEW;
			out->explanation = "待考评人员依据履职台账评分(0–100 分)";
			break;
		}
		out->scored = 1;
		out->score = sc->score;
		out->scored_by = sc->by;
		out->comment = sc->comment;
		out->verdict = sc->score >= c->grade_min[GRADE_BASIC_PASS] ?
		    VERDICT_MET : VERDICT_UNMET;
		out->explanation = arena_printf(a, "评分 %g 分(%s)%s%s;%s %d 分%s",
		    sc->score, sc->by, sc->comment ? ":" : "",
		    sc->comment ? sc->comment : "", out->verdict == VERDICT_MET ?
		    "达到达标线" : "低于达标线", c->grade_min[GRADE_BASIC_PASS],
		    interp(a, catalog_ruleset_interp(c, "grade-basic-pass")));
		break;
	case MEASURE_COUNT:
		if (days < c->min_segment_days) {
			out->verdict = VERDICT_INSUFFICIENT_PERIOD;
			out->explanation = arena_printf(a,
			    "%s 至 %s 任职 %d 天,不足 %d 天%s,本项不作考核",
			    fmt_date(a, from), fmt_date(a, to), days,
			    c->min_segment_days, interp(a, catalog_ruleset_interp(c,
			    "min-segment-days")));
			break;
		}
		out->has_counts = 1;
		int varies;
		long need = weighted_min(e, g, r, from, to, &varies);
		out->required = (int)((need + diy - 1) / diy);
		out->actual = t->count;
		out->verified = t->verified;
		out->verdict = out->actual >= out->required ? VERDICT_MET
		    : VERDICT_UNMET;
		out->score = out->required > 0 ? 100.0 * (out->actual <
		    out->required ? out->actual : out->required) /
		    out->required : 100;
		out->explanation = arena_printf(a,
		    "%s%s %d 次,要求至少 %d 次%s%s%s%s", label, r->about_set ?
		    arena_printf(a, "(所属年度 %d)", e->period.year +
		    r->about_offset) : "", out->actual, out->required,
		    interp(a, catalog_rule_interp(r, "min")),
		    varies ? arena_printf(a, "(任职 %d 天,按各版本全年次数折算:"
		    "%s)", days, weighted_text(e, g, r, from, to, a)) :
		    g->spans && from > g->from ? arena_printf(a, "(本项职责自 %s "
		    "起适用,计 %d 天,按全年 %d 次折算)", fmt_date(a, from), days,
		    r->min) : days < diy ? arena_printf(a, "(任职 %d 天,按全年 %d 次折算)",
		    days, r->min) : "",
		    out->verdict == VERDICT_UNMET ? arena_printf(a, ",尚差 %d 次",
		    out->required - out->actual) : "",
		    t->other_year ? arena_printf(a, ";另有 %d 次所属年度不是 %d,"
		    "不计入", t->other_year, e->period.year + r->about_offset)
		    : "");
		break;
	case MEASURE_FILING: {
		int want = e->period.year + r->about_offset;
		out->has_counts = 1;
		out->required = 1;
		out->actual = t->ok;
		out->verified = t->verified;
		if (t->ok > 0) {
			out->verdict = VERDICT_MET;
			out->score = 100;
			out->explanation = arena_printf(a, "%s(%d 年度)符合要求:%s%s",
			    label, want, out->evidence[0], r->due_set &&
			    catalog_rule_interp(r, "due") != NULL ?
			    arena_printf(a, ";截止日期 %s", due_text(e, r, a)) : "");
		} else if (t->count == 0) {
			out->verdict = VERDICT_UNMET;
			out->explanation = arena_printf(a, "未见%s(%d 年度%s)", label,
			    want, r->due_set ? arena_printf(a, ",截止日期 %s",
			    due_text(e, r, a)) : "");
		} else {
			out->verdict = VERDICT_UNMET;
			out->explanation = arena_printf(a, "%s(%d 年度)不符合要求:%s",
			    label, want, filing_problems(e, c, r, t, a));
			out->evidence = arena_alloc(a, sizeof *out->evidence);
			out->evidence[0] = t->best_id;
			out->nevidence = 1;
		}
		break;
	}
	case MEASURE_PROCEDURE:
		if (t->count == 0) {
			out->verdict = VERDICT_NOT_APPLICABLE;
			out->explanation = arena_printf(a, "本期间无%s", label);
			break;
		}
		out->has_counts = 1;
		out->required = t->count;
		out->actual = t->ok;
		out->verified = t->verified;
		out->score = 100.0 * t->ok / t->count;
		out->verdict = t->ok == t->count ? VERDICT_MET : VERDICT_UNMET;
		out->explanation = t->ok == t->count ?
		    arena_printf(a, "%s %d 项,均履行全部法定程序%s", label,
		    t->count, procedure_rule(c, r, a)) :
		    arena_printf(a, "%s %d 项,其中 %d 项未履行全部法定程序:%s%s%s",
		    label, t->count, t->count - t->ok, t->notes ? t->notes : "",
		    t->nnotes > NOTES_MAX ? "等" : "", procedure_rule(c, r, a));
		break;
	case MEASURE_ABSENCE:
		out->has_counts = 1;
		out->required = 0;
		out->actual = t->count;
		out->verified = t->verified;
		out->verdict = t->count == 0 ? VERDICT_MET : VERDICT_UNMET;
		out->score = t->count == 0 ? 100 : 0;
		out->explanation = t->count == 0 ?
		    arena_printf(a, "未发现%s", label) :
		    arena_printf(a, "发现%s %d 起%s", label, t->count,
		    r->veto ? arena_printf(a, ",一票否决%s", interp(a,
		    catalog_rule_interp(r, "veto"))) : "");
		break;
	}
}
