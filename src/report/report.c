/*
 * The three writers share begin/result/end; each format is a small
 * function set here, selected by the format.
 */
#include "report/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/jw.h"
#include "base/text.h"
#include "engine/coverage.h"
#include "engine/warn.h"

int
report_format_parse(const char *s, enum report_format *f)
{
	static const char *const names[] = { "table", "json", "csv" };
	for (int i = 0; i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	return -1;
}

static json_t *
date_json(date_t d)
{
	char s[11];
	date_format(d, s);
	return json_string(s);
}

static int
date_text(struct buf *b, date_t d)
{
	char s[11];
	date_format(d, s);
	return jw_strn(b, s, 10);
}

/* ,"key":"value" (or the first member without the comma). */
static int
str_member(struct buf *b, int first, const char *key, const char *value)
{
	return (!first && buf_putc(b, ',')) || jw_key(b, key) ||
	    jw_str(b, value) ? -1 : 0;
}

/* One duty, members in the order jansson's json_pack gave them. */
static int
duty_text(struct buf *b, const struct eval_duty *d)
{
	const struct catalog_rule *r = d->rule;
	int rc = buf_putc(b, '{') || str_member(b, 1, "id", r->id) ||
	    str_member(b, 0, "title", r->title) ||
	    str_member(b, 0, "citation", r->citation) ||
	    str_member(b, 0, "measure", catalog_measure_name(r->measure)) ||
	    buf_puts(b, ",\"weight\":") || jw_int(b, r->weight) ||
	    str_member(b, 0, "verdict", eval_verdict_name(d->verdict)) ||
	    buf_puts(b, ",\"required\":") ||
	    (d->has_counts ? jw_int(b, d->required) : jw_null(b)) ||
	    buf_puts(b, ",\"actual\":") ||
	    (d->has_counts ? jw_int(b, d->actual) : jw_null(b)) ||
	    buf_puts(b, ",\"actual_verified\":") ||
	    (d->has_counts && d->verified >= 0 ? jw_int(b, d->verified) :
	    jw_null(b)) ||
	    buf_puts(b, ",\"evidence\":[");
	for (size_t i = 0; rc == 0 && i < d->nevidence; i++)
		rc = (i && buf_putc(b, ',')) || jw_str(b, d->evidence[i]);
	rc = rc || buf_putc(b, ']') ||
	    str_member(b, 0, "explanation", d->explanation);
	if (rc == 0 && d->scored)
		rc = buf_puts(b, ",\"score\":") || jw_real(b, d->score) ||
		    str_member(b, 0, "scored_by", d->scored_by) ||
		    (d->comment != NULL && str_member(b, 0, "comment",
		    d->comment));
	return rc || buf_putc(b, '}') ? -1 : 0;
}

int
report_result_text(struct buf *b, const struct eval_result *res)
{
	if (res->frozen != NULL)
		return buf_append(b, res->frozen, res->frozen_len) ? -1 : 0;
	int rc = buf_putc(b, '{') ||
	    str_member(b, 1, "person", res->person) ||
	    str_member(b, 0, "person_name", res->person_name) ||
	    str_member(b, 0, "organ", res->organ) ||
	    str_member(b, 0, "organ_name", res->organ_name) ||
	    str_member(b, 0, "region", res->region) ||
	    str_member(b, 0, "region_name", res->region_name) ||
	    str_member(b, 0, "role", catalog_role_name(res->role)) ||
	    str_member(b, 0, "coverage", coverage_name(res->coverage)) ||
	    buf_puts(b, ",\"segment\":{\"from\":") || date_text(b, res->from) ||
	    buf_puts(b, ",\"to\":") || date_text(b, res->to) ||
	    buf_puts(b, "},\"duties\":[");
	for (size_t i = 0; rc == 0 && i < res->nduties; i++)
		rc = (i && buf_putc(b, ',')) || duty_text(b, &res->duties[i]);
	rc = rc || buf_puts(b, "],\"score\":") ||
	    (res->has_score ? jw_real(b, (double)(long)(res->score * 10 +
	    0.5) / 10) : jw_null(b)) ||
	    buf_puts(b, ",\"veto\":") || jw_bool(b, res->veto) ||
	    str_member(b, 0, "grade", catalog_grade_name(res->grade)) ||
	    str_member(b, 0, "grade_label", catalog_grade_label(res->grade)) ||
	    buf_puts(b, ",\"provisional\":") || jw_bool(b, res->provisional) ||
	    buf_puts(b, ",\"consequences\":[");
	for (size_t i = 0; rc == 0 && i < res->nconsequences; i++) {
		const struct catalog_consequence *q = res->consequences[i];
		rc = (i && buf_putc(b, ',')) || buf_putc(b, '{') ||
		    str_member(b, 1, "kind", q->kind) ||
		    str_member(b, 0, "label", q->label) ||
		    str_member(b, 0, "citation", q->citation) ||
		    (res->consequence_items != NULL &&
		    res->consequence_items[i] != NULL &&
		    str_member(b, 0, "item", res->consequence_items[i])) ||
		    buf_putc(b, '}');
	}
	return rc || buf_puts(b, "]}") ? -1 : 0;
}

json_t *
report_result_json(const struct eval_result *res)
{
	struct buf b;
	buf_init(&b, RESULT_TEXT_MAX);
	json_t *o = report_result_text(&b, res) ? NULL :
	    json_loadb(b.data, b.len, 0, NULL);
	buf_free(&b);
	return o;
}

/*
 * Appends the marks (v, n) to array a as {field, value, source, basis};
 * with only_interp, the values the text gives are left out. Returns a.
 */
static json_t *
bases_json(json_t *a, const struct catalog_basis *v, size_t n,
    int only_interp)
{
	for (size_t i = 0; i < n; i++)
		if (!only_interp || v[i].source == BASIS_INTERPRETATION)
			json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}",
			    "field", v[i].field, "value", v[i].value, "source",
			    catalog_basis_source_name(v[i].source), "basis",
			    v[i].basis));
	return a;
}

json_t *
report_interpretations_json(const struct catalog *c)
{
	return bases_json(json_array(), c->bases, c->nbases, 1);
}

void
report_interpretations_note(const struct catalog *c, const char *see,
    struct buf *b)
{
	/* The ruleset's interpretations, those of one basis together:
	 * "优秀分数线 90、合格分数线 75(本系统默认,…);". */
	const char *group = NULL; /* the basis of the group being written */
	int any = 0;
	for (size_t i = 0; i < c->nbases; i++) {
		const struct catalog_basis *v = &c->bases[i];
		if (v->source != BASIS_INTERPRETATION)
			continue;
		if (group != NULL && strcmp(group, v->basis) != 0) {
			buf_printf(b, "(%s);", group);
			group = NULL;
		}
		buf_printf(b, "%s%s %s", group ? "、" : "",
		    catalog_key_label(v->field), v->value);
		group = v->basis;
		any = 1;
	}
	if (group != NULL)
		buf_printf(b, "(%s);", group);
	size_t weights = 0;
	for (size_t i = 0; i < c->nrules; i++)
		weights += catalog_rule_interp(&c->rules[i], "weight") != NULL;
	buf_printf(b, "%s%s各项解释及其依据见%s,由%s负责解释", any ? "以上为本系统对《实施办法》的解释,不是其原文;" :
	    "", weights ? "各项职责的权重亦为本系统解释;" : "", see,
	    c->interpreter ? c->interpreter : c->issuer ? c->issuer :
	    "解释机关");
}

int
report_json_head(struct buf *b, const struct catalog *c,
    struct eval_period period)
{
	/* The version in force on 31 December names the result; every
	 * version in force during the period is listed. */
	const struct catalog *last = catalog_version_at(c,
	    date_from_ymd(period.year, 12, 31));
	json_t *h = json_pack("{s:i, s:s, s:s, s:s, s:s}", "year",
	    period.year, "ruleset", last->id, "ruleset_version", last->version,
	    "ruleset_sm3", last->digest, "ruleset_title", last->title);
	const struct catalog *used[64];
	size_t n = catalog_versions_of_year(c, period.year, used, 64);
	json_t *vs = json_array();
	for (size_t i = 0; i < n && i < 64; i++)
		json_array_append_new(vs, json_pack("{s:s, s:o, s:s}", "version",
		    used[i]->version, "effective", date_json(used[i]->effective),
		    "sm3", used[i]->digest));
	json_object_set_new(h, "ruleset_versions", vs);
	json_object_set_new(h, "period", period.from <= period.to ?
	    json_pack("{s:o, s:o}", "from", date_json(period.from), "to",
	    date_json(period.to)) : json_null());
	/* The grade rests on cut-offs and weights the text does not give. */
	struct buf note;
	buf_init(&note, 1u << 16);
	report_interpretations_note(last, " interpretations 和职责清单", &note);
	json_object_set_new(h, "interpretations_note",
	    json_string(note.data ? note.data : ""));
	buf_free(&note);
	json_object_set_new(h, "interpretations",
	    report_interpretations_json(last));
	char *s = json_dumps(h, JSON_COMPACT);
	json_decref(h);
	if (s == NULL)
		return -1;
	/* The header object, reopened to stream the results into it. */
	int rc = buf_append(b, s, strlen(s) - 1) ||
	    buf_puts(b, ",\"results\":[");
	free(s);
	return rc ? -1 : 0;
}

const char *
report_json_end(long n, int closed)
{
	if (closed)
		return n ? "\n],\"closed\":true}\n" : "],\"closed\":true}\n";
	return n ? "\n]}\n" : "]}\n";
}

static int
json_begin(struct report *r, const char *head)
{
	if (head != NULL)
		return fputs(head, r->out) < 0 ? -1 : 0;
	struct buf b;
	buf_init(&b, 1u << 20);
	int rc = report_json_head(&b, r->c, r->period) ||
	    fwrite(b.data, 1, b.len, r->out) != b.len;
	buf_free(&b);
	return rc ? -1 : 0;
}

static void
table_begin(struct report *r, const char *head)
{
	char from[11], to[11];
	fprintf(r->out, "%d 年度党政主要负责人履行推进法治建设第一责任人职责考评",
	    r->period.year);
	if (r->period.from <= r->period.to) {
		date_format(r->period.from, from);
		date_format(r->period.to, to);
		fprintf(r->out, "(%s 至 %s)", from, to);
	}
	/* A closed scope names the catalog it was closed under, and says
	 * what it said then about its interpretations. */
	json_t *h = NULL;
	if (head != NULL) {
		struct buf b;
		buf_init(&b, 1u << 20);
		size_t n = strlen(head);
		/* The head's object without its ',"results":[' tail. */
		if (n > 12 && buf_append(&b, head, n - 12) == 0 &&
		    buf_putc(&b, '}') == 0)
			h = json_loadb(b.data, b.len, 0, NULL);
		buf_free(&b);
	}
	if (h != NULL) {
		const char *id = json_string_value(json_object_get(h, "ruleset"));
		const char *ver = json_string_value(json_object_get(h,
		    "ruleset_version"));
		const char *note = json_string_value(json_object_get(h,
		    "interpretations_note"));
		fprintf(r->out, "\n规则集 %s 版本 %s(本年度已结转,结果为结转时的冻结件)"
		    "\n\n", id ? id : r->c->id, ver ? ver : r->c->version);
		snprintf(r->frozen_note, sizeof r->frozen_note, "%s",
		    note ? note : "");
		json_decref(h);
	} else {
		const struct catalog *used[64];
		size_t n = catalog_versions_of_year(r->c, r->period.year, used,
		    64);
		fprintf(r->out, "\n规则集 %s 版本 ", r->c->id);
		for (size_t i = 0; i < n && i < 64; i++) {
			char eff[11];
			date_format(used[i]->effective, eff);
			fprintf(r->out, "%s%s(%s 起)", i ? "、" : "",
			    used[i]->version, eff);
		}
		fprintf(r->out, "%s\n\n", n == 0 ? r->c->version : "");
	}
	text_pad(r->out, "地区", 18);
	text_pad(r->out, "机构", 30);
	text_pad(r->out, "姓名", 10);
	text_pad(r->out, "职务", 16);
	text_pad(r->out, "考评期间", 24);
	text_pad(r->out, "得分", 7);
	text_pad(r->out, "等次", 10);
	fputs("未达标职责\n", r->out);
}

static void
table_row(struct report *r, const struct eval_result *res)
{
	char from[11], to[11], period[32], score[16];
	date_format(res->from, from);
	date_format(res->to, to);
	snprintf(period, sizeof period, "%s~%s", from, to);
	if (res->has_score)
		snprintf(score, sizeof score, "%.1f", res->score);
	else
		snprintf(score, sizeof score, "-");
	text_pad(r->out, res->region_name, 18);
	text_pad(r->out, res->organ_name, 30);
	text_pad(r->out, res->person_name, 10);
	text_pad(r->out, catalog_role_label(res->role), 16);
	text_pad(r->out, period, 24);
	text_pad(r->out, score, 7);
	char grade[64];
	snprintf(grade, sizeof grade, "%s%s", catalog_grade_label(res->grade),
	    res->veto ? "(否决)" : res->provisional ? "*" : "");
	text_pad(r->out, grade, 10);
	if (res->closed)
		fputs("[已结转] ", r->out);
	int first = 1;
	for (size_t i = 0; i < res->nduties; i++)
		if (res->duties[i].verdict == VERDICT_UNMET) {
			fprintf(r->out, "%s%s", first ? "" : " ",
			    res->duties[i].rule->id);
			first = 0;
		}
	fputc('\n', r->out);
}

static void
table_end(struct report *r)
{
	fprintf(r->out, "\n共 %ld 人:优秀 %ld,合格 %ld,基本合格 %ld,不合格 %ld;"
	    "一票否决 %ld;* 表示尚有定性职责待评议(%ld 人),等次为暂定\n",
	    r->n, r->by_grade[GRADE_EXCELLENT], r->by_grade[GRADE_PASS],
	    r->by_grade[GRADE_BASIC_PASS], r->by_grade[GRADE_FAIL], r->vetoed,
	    r->provisional);
	if (r->frozen_note[0] != '\0') {
		fprintf(r->out, "〔解释〕%s\n", r->frozen_note);
		return;
	}
	struct buf note;
	buf_init(&note, 1u << 16);
	report_interpretations_note(catalog_version_at(r->c,
	    date_from_ymd(r->period.year, 12, 31)), " lvzhi rules show 和职责清单",
	    &note);
	fprintf(r->out, "〔解释〕%s\n", note.data ? note.data : "");
	buf_free(&note);
}

static void
csv_begin(struct report *r)
{
	fputs("year,region,region_name,organ,organ_name,person,person_name,"
	    "role,coverage,from,to,duty,citation,verdict,required,actual,"
	    "evidence,explanation,score,grade,provisional,veto\r\n", r->out);
}

static void
csv_rows(struct report *r, const struct eval_result *res)
{
	char from[11], to[11], num[32];
	date_format(res->from, from);
	date_format(res->to, to);
	for (size_t i = 0; i < res->nduties; i++) {
		const struct eval_duty *d = &res->duties[i];
		const char *fields[] = { res->region, res->region_name,
			res->organ, res->organ_name, res->person,
			res->person_name, catalog_role_name(res->role),
			coverage_name(res->coverage), from, to, d->rule->id,
			d->rule->citation, eval_verdict_name(d->verdict) };
		fprintf(r->out, "%d", r->period.year);
		for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
			fputc(',', r->out);
			text_csv(r->out, fields[f]);
		}
		if (d->has_counts)
			fprintf(r->out, ",%d,%d,", d->required, d->actual);
		else
			fputs(",,,", r->out);
		struct buf ev;
		buf_init(&ev, 1u << 20);
		for (size_t e = 0; e < d->nevidence; e++)
			buf_printf(&ev, "%s%s", e ? " " : "", d->evidence[e]);
		text_csv(r->out, ev.data ? ev.data : "");
		buf_free(&ev);
		fputc(',', r->out);
		text_csv(r->out, d->explanation);
		if (d->scored)
			snprintf(num, sizeof num, "%g", d->score);
		else
			num[0] = '\0';
		fprintf(r->out, ",%s,%s,%s,%s\r\n", num,
		    catalog_grade_name(res->grade),
		    res->provisional ? "true" : "false",
		    res->veto ? "true" : "false");
	}
}

int
report_begin(struct report *r, FILE *out, enum report_format f,
    const struct catalog *c, struct eval_period period)
{
	return report_begin_head(r, out, f, c, period, NULL);
}

int
report_begin_head(struct report *r, FILE *out, enum report_format f,
    const struct catalog *c, struct eval_period period, const char *head)
{
	memset(r, 0, sizeof *r);
	r->out = out;
	r->format = f;
	r->c = c;
	r->period = period;
	r->covered = head != NULL;
	switch (f) {
	case REPORT_JSON:
		return json_begin(r, head);
	case REPORT_TABLE:
		table_begin(r, head);
		break;
	case REPORT_CSV:
		csv_begin(r);
		break;
	}
	return 0;
}

int
report_result(void *ctx, const struct eval_result *res)
{
	struct report *r = ctx;
	r->by_grade[res->grade]++;
	r->provisional += res->provisional;
	r->vetoed += res->veto;
	r->nclosed += res->closed != 0;
	switch (r->format) {
	case REPORT_JSON: {
		/* Written straight from the result, without a DOM: the national
		 * evaluation is some 700 MB of JSON. */
		struct buf b;
		buf_init(&b, RESULT_TEXT_MAX);
		int rc = buf_puts(&b, r->n ? ",\n" : "\n") ||
		    report_result_text(&b, res) ||
		    fwrite(b.data, 1, b.len, r->out) != b.len;
		buf_free(&b);
		if (rc)
			return -1;
		break;
	}
	case REPORT_TABLE:
		table_row(r, res);
		break;
	case REPORT_CSV:
		csv_rows(r, res);
		break;
	}
	r->n++;
	return ferror(r->out) ? -1 : 0;
}

int
report_result_cached(struct report *r, const struct eval_result *res,
    const char *text, size_t len)
{
	if (r->format != REPORT_JSON)
		return report_result(r, res);
	r->by_grade[res->grade]++;
	r->provisional += res->provisional;
	r->vetoed += res->veto;
	r->nclosed += res->closed != 0;
	fputs(r->n ? ",\n" : "\n", r->out);
	if (fwrite(text, 1, len, r->out) != len)
		return -1;
	r->n++;
	return ferror(r->out) ? -1 : 0;
}

int
report_end(struct report *r)
{
	switch (r->format) {
	case REPORT_JSON:
		fputs(report_json_end(r->n, r->covered || (r->n > 0 &&
		    r->nclosed == r->n)), r->out);
		break;
	case REPORT_TABLE:
		table_end(r);
		break;
	case REPORT_CSV:
		break;
	}
	return fflush(r->out) || ferror(r->out) ? -1 : 0;
}

static json_t *
roles_json(unsigned roles)
{
	json_t *a = json_array();
	static const enum role all[] = { ROLE_PARTY, ROLE_GOVERNMENT,
		ROLE_DEPARTMENT };
	for (int i = 0; i < ROLE_COUNT; i++)
		if (roles & all[i])
			json_array_append_new(a, json_string(catalog_role_name(
			    all[i])));
	return a;
}

json_t *
report_catalog_json(const struct catalog *c)
{
	char eff[11];
	date_format(c->effective, eff);
	json_t *kinds = json_array(), *duties = json_array();
	json_t *cons = json_array();
	for (size_t i = 0; i < c->nkinds; i++) {
		json_t *fields = json_array();
		for (size_t j = 0; j < c->kinds[i].nfields; j++)
			json_array_append_new(fields, json_string(
			    c->kinds[i].fields[j].name));
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:o, s:b, s:b}",
		    "id", c->kinds[i].id, "label", c->kinds[i].label, "fields",
		    fields, "person_required", c->kinds[i].person_required,
		    "finding", c->kinds[i].finding));
	}
	for (size_t i = 0; i < c->nrules; i++) {
		const struct catalog_rule *r = &c->rules[i];
		char from[11];
		date_format(r->effective, from);
		json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:s, s:i, s:s}",
		    "id", r->id, "title", r->title, "citation", r->citation,
		    "binds", roles_json(r->roles), "measure",
		    catalog_measure_name(r->measure), "weight", r->weight,
		    "effective", from);
		if (r->kind >= 0)
			json_object_set_new(o, "kind",
			    json_string(c->kinds[r->kind].id));
		if (r->measure == MEASURE_COUNT)
			json_object_set_new(o, "min", json_integer(r->min));
		if (r->measure == MEASURE_ABSENCE)
			json_object_set_new(o, "veto", json_boolean(r->veto));
		if (r->veto_item != NULL)
			json_object_set_new(o, "veto_item",
			    json_string(r->veto_item));
		if (r->note != NULL)
			json_object_set_new(o, "note", json_string(r->note));
		json_object_set_new(o, "interpretations", bases_json(json_array(),
		    r->bases, r->nbases, 0));
		json_array_append_new(duties, o);
	}
	for (size_t i = 0; i < c->nconsequences; i++) {
		const struct catalog_consequence *q = &c->consequences[i];
		json_array_append_new(cons, json_pack("{s:s, s:s, s:s, s:s, s:b}",
		    "when", q->on_veto ? "veto" : catalog_grade_name(q->grade),
		    "kind", q->kind, "label", q->label, "citation", q->citation,
		    "final_only", q->final_only));
	}
	/* The versions, oldest first: when each was in force. */
	json_t *vs = json_array();
	for (size_t i = 0; i < catalog_version_count(c); i++) {
		const struct catalog *v = catalog_version(c, i);
		date_t end = catalog_version_end(c, i);
		json_array_append_new(vs, json_pack("{s:s, s:o, s:o, s:s, s:s, "
		    "s:s?}", "version", v->version, "effective",
		    date_json(v->effective), "until", end == DATE_NONE ?
		    json_null() : date_json(end), "sm3", v->digest, "file",
		    v->file, "issuer", v->issuer));
	}
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
	    "ruleset", c->id, "version", c->version, "title", c->title,
	    "effective", eff, "sm3", c->digest, "file", c->file,
	    "kinds", kinds, "duties", duties, "consequences", cons);
	json_object_set_new(o, "grades", json_pack("{s:i, s:i, s:i}",
	    "excellent", c->grade_min[GRADE_EXCELLENT], "pass",
	    c->grade_min[GRADE_PASS], "basic_pass",
	    c->grade_min[GRADE_BASIC_PASS]));
	json_object_set_new(o, "scale", json_integer(c->scale));
	json_object_set_new(o, "min_segment_days",
	    json_integer(c->min_segment_days));
	json_object_set_new(o, "interpretations", bases_json(json_array(),
	    c->bases, c->nbases, 0));
	json_object_set_new(o, "versions", vs);
	return o;
}


json_t *
report_warning_json(const struct warn_item *it, const struct catalog *c)
{
	static const char *const kinds[] = { "at_risk", "overdue_filing",
		"overdue_rectification", "rectification_due" };
	char due[11], text[512];
	date_format(it->w.due, due);
	warn_text(&it->w, c, text, sizeof text);
	/* A duty's warning names its duty; an order's, the order (and
	 * cites 第八条, which orders rectification). */
	return json_pack("{s:s?, s:s?, s:s, s:s?, s:s?, s:s, s:s, s:s, s:s, "
	    "s:i, s:i, s:s, s:i, s:s, s:s?, s:s?, s:s?}", "kind",
	    kinds[it->w.kind], "duty", it->w.rule ? it->w.rule->id : NULL,
	    "citation", it->w.rule ? it->w.rule->citation : "第八条",
	    "person", it->person, "person_name", it->person_name, "organ",
	    it->organ, "organ_name", it->organ_name, "region", it->region,
	    "region_name", it->region_name, "required", it->w.required,
	    "actual", it->w.actual, "due", due, "days", it->w.days, "text", text,
	    "rectification", it->rectification, "requirement", it->requirement,
	    "status", it->status);
}
