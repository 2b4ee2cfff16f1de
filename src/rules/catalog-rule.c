/*
 * The rule blocks of a catalog (see catalog-parse.c for the pipeline).
 * A rule's keys are read in one pass, when its kind may not be declared
 * yet; the kind it names and its measure's detail keys (require-*, where,
 * before, last) are kept aside and tied to the kind's fields and steps by
 * rule_resolve(), once every block is read.
 */
#include "rules/catalog-parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned
bits(struct parser *p, struct entry *e, const char *const *names,
    const unsigned *values, size_t n)
{
	char **w;
	size_t nw = parse_words(e->value, &w);
	unsigned r = 0;
	for (size_t i = 0; i < nw; i++) {
		size_t j;
		for (j = 0; j < n; j++)
			if (strcmp(w[i], names[j]) == 0)
				break;
		if (j == n)
			parse_error(p, e->line, e->valcol, "'%s' is not a "
			    "valid %s", w[i], e->key);
		else
			r |= values[j];
	}
	parse_words_free(w, nw);
	if (nw == 0)
		parse_error(p, e->line, e->valcol, "'%s' is empty", e->key);
	return r;
}

/* Parses "MM-DD" or "next MM-DD" into the rule's deadline. */
static void
due(struct parser *p, struct entry *e, struct catalog_rule *r)
{
	const char *s = e->value;
	int next = strncmp(s, "next ", 5) == 0;
	if (next)
		s += 5;
	int m, d;
	char tail;
	if (sscanf(s, "%2d-%2d%c", &m, &d, &tail) != 2 || strlen(s) != 5 ||
	    m < 1 || m > 12 || d < 1 || d > 31 ||
	    date_from_ymd(2001, m, d) >= date_from_ymd(m == 12 ? 2002 : 2001,
	    m == 12 ? 1 : m + 1, 1)) {
		parse_error(p, e->line, e->valcol,
		    "'due' is 'MM-DD' or 'next MM-DD' (a day of the following "
		    "year)");
		return;
	}
	r->due_set = 1;
	r->due_next_year = next;
	r->due_month = m;
	r->due_day = d;
}

/* `about: year|previous-year`: which year's documents count. */
static void
about(struct parser *p, struct entry *e, struct catalog_rule *r)
{
	if (e == NULL)
		return;
	r->about_set = 1;
	if (strcmp(e->value, "year") == 0)
		r->about_offset = 0;
	else if (strcmp(e->value, "previous-year") == 0)
		r->about_offset = -1;
	else
		parse_error(p, e->line, e->valcol,
		    "'about' is 'year' or 'previous-year'");
}

/* Which of the two words w0 and w1 the value of key (required) in b is:
 * 0 or 1, or -1 (missing or another word: reported). */
static int
one_of(struct parser *p, struct block *b, const char *key, const char *w0,
    const char *w1)
{
	struct entry *e = parse_get(p, b, key, 1);
	if (e == NULL)
		return -1;
	if (strcmp(e->value, w0) == 0 || strcmp(e->value, w1) == 0)
		return strcmp(e->value, w1) == 0;
	parse_error(p, e->line, e->valcol, "'%s' is '%s' or '%s'", key, w0, w1);
	return -1;
}

void
rule_parse(struct parser *p, struct block *b)
{
	static const char *const role_names[] = { "party_principal",
		"government_principal", "department_principal" };
	static const unsigned role_bits[] = { ROLE_PARTY, ROLE_GOVERNMENT,
		ROLE_DEPARTMENT };
	static const char *const cov_names[] = { "direct", "reference" };
	static const unsigned cov_bits[] = { COVERAGE_DIRECT,
		COVERAGE_REFERENCE };
	struct catalog *c = p->c;
	struct catalog_rule r = { 0 };
	struct entry *e;

	r.line = b->line;
	r.kind = -1;
	r.until = DATE_NONE;
	r.require_true = r.require_all = r.require_date = -1;
	r.township_field = -1;
	r.steps_field = r.before_a = r.before_b = r.last = -1;
	r.where_field = -1;
	r.id = parse_text(p, b, "id", 1);
	int prev = r.id != NULL ? catalog_rule_find(c, r.id) : -1;
	parse_id(p, b, "rule", r.id, prev >= 0 ? c->rules[prev].line : 0);
	r.title = parse_text(p, b, "title", 1);
	r.citation = parse_text(p, b, "citation", 1);
	r.note = parse_text(p, b, "note", 0);
	if ((e = parse_get(p, b, "binds", 1)) != NULL)
		r.roles = bits(p, e, role_names, role_bits, 3);
	r.coverage = COVERAGE_DIRECT | COVERAGE_REFERENCE;
	if ((e = parse_get(p, b, "coverage", 0)) != NULL)
		r.coverage = bits(p, e, cov_names, cov_bits, 2);
	if ((e = parse_get(p, b, "weight", 1)) != NULL) {
		parse_integer(p, e, 0, 1000, &r.weight);
		parse_need_mark(p, e);
	}
	r.effective = c->effective;
	if ((e = parse_get(p, b, "effective", 1)) != NULL)
		parse_date(p, e, &r.effective);
	if ((e = parse_get(p, b, "until", 0)) != NULL &&
	    parse_date(p, e, &r.until) == 0 && r.until < r.effective)
		parse_error(p, e->line, e->valcol, "'until' is before "
		    "'effective'");
	if ((e = parse_get(p, b, "evidence-kinds", 0)) != NULL)
		r.nevidence_kinds = parse_words(e->value, &r.evidence_kinds);

	struct entry *kind_entry = NULL;
	e = parse_get(p, b, "measure", 1);
	char **w = NULL;
	size_t nw = e != NULL ? parse_words(e->value, &w) : 0;
	static const char *const measures[] = { "count", "filing",
		"procedure", "absence", "qualitative" };
	int m = -1;
	for (int i = 0; nw > 0 && i < 5; i++)
		if (strcmp(w[0], measures[i]) == 0)
			m = i;
	if (e != NULL && (m < 0 || (m == MEASURE_QUALITATIVE) != (nw == 1) ||
	    nw > 2)) {
		parse_error(p, e->line, e->valcol, "'measure' is 'count KIND', "
		    "'filing KIND', 'procedure KIND', 'absence KIND' or "
		    "'qualitative'");
		m = -1;
	}
	if (m >= 0) {
		r.measure = (enum measure)m;
		if (nw == 2)
			kind_entry = e;
	} else {
		r.measure = MEASURE_QUALITATIVE;
	}

	switch (m) {
	case MEASURE_COUNT:
		if ((e = parse_get(p, b, "min", 1)) != NULL) {
			parse_integer(p, e, 1, 10000, &r.min);
			parse_need_mark(p, e);
		}
		about(p, parse_get(p, b, "about", 0), &r);
		break;
	case MEASURE_FILING:
		about(p, parse_get(p, b, "about", 0), &r);
		r.window_year = one_of(p, b, "window", "segment", "year") == 1;
		if ((e = parse_get(p, b, "due", 0)) != NULL) {
			due(p, e, &r);
			parse_need_mark(p, e);
		}
		break;
	case MEASURE_PROCEDURE:
		if ((e = parse_get(p, b, "steps", 1)) != NULL &&
		    (r.nsteps = parse_words(e->value, &r.steps)) > MAX_STEPS)
			parse_error(p, e->line, e->valcol, "at most %d steps",
			    MAX_STEPS);
		break;
	case MEASURE_ABSENCE:
		r.match_person = one_of(p, b, "match", "person", "organ") == 0;
		parse_yes_no(p, parse_get(p, b, "veto", 1), &r.veto);
		r.veto_item = parse_text(p, b, "veto-item", 0);
		if (r.veto_item != NULL && !r.veto)
			parse_error(p, b->line, 1, "'veto-item' needs 'veto: "
			    "yes'");
		break;
	default:
		break;
	}
	parse_words_free(w, nw);
	/* The measure's detail keys are resolved against the kind later;
	 * mark them now so that strays are still reported as unknown. With
	 * an unknown measure, no key of any measure is reported again. */
	static const char *const detail_keys[] = { "require-true",
		"require-all", "require-date", "require-all-township", "before",
		"last", "where" };
	static const char *const measure_keys[] = { "min", "about", "window",
		"due", "steps", "match", "veto", "veto-item" };
	for (size_t i = 0; i < b->n; i++) {
		struct entry *x = &b->entries[i];
		int detail = -1;
		for (int j = 0; j < 7; j++)
			if (strcmp(x->key, detail_keys[j]) == 0)
				detail = j;
		if (m < 0) {
			for (int j = 0; j < 8; j++)
				if (strcmp(x->key, measure_keys[j]) == 0)
					x->used = 1;
			if (detail >= 0)
				x->used = 1;
			continue;
		}
		int ok = detail >= 0 && (detail < 4 ? m == MEASURE_FILING :
		    detail < 6 ? m == MEASURE_PROCEDURE :
		    m == MEASURE_COUNT || m == MEASURE_ABSENCE);
		if (!ok)
			continue;
		x->used = 2; /* seen, interpreted in rule_resolve() */
		for (size_t j = 0; j < i; j++)
			if (b->entries[j].used == 2 &&
			    strcmp(b->entries[j].key, x->key) == 0) {
				parse_error(p, x->line, x->keycol, "'%s' given "
				    "twice in this block (first on line %ld)",
				    x->key, b->entries[j].line);
				x->used = 1;
				break;
			}
	}
	parse_unused(p, b);
	parse_marks(p, b, 1, &r.bases, &r.nbases);

	c->rules = parse_grow(c->rules, c->nrules + 1, sizeof *c->rules);
	c->rules[c->nrules++] = r;
	p->rule_kind = parse_grow(p->rule_kind, p->nrule_kind + 1,
	    sizeof *p->rule_kind);
	struct entry *rk = &p->rule_kind[p->nrule_kind++];
	memset(rk, 0, sizeof *rk);
	if (kind_entry != NULL) {
		*rk = *kind_entry;
		char **kw;
		size_t nk = parse_words(kind_entry->value, &kw);
		rk->key = NULL;
		rk->value = parse_strndup(kw[1], strlen(kw[1]));
		parse_words_free(kw, nk);
	}
	/* Keep the measure's detail entries for rule_resolve(): copy them. */
	for (size_t i = 0; i < b->n; i++)
		if (b->entries[i].used == 2) {
			struct entry *x = &b->entries[i];
			rk = NULL;
			p->rule_kind = parse_grow(p->rule_kind, p->nrule_kind + 1,
			    sizeof *p->rule_kind);
			rk = &p->rule_kind[p->nrule_kind++];
			*rk = *x;
			rk->key = parse_strndup(x->key, strlen(x->key));
			rk->value = parse_strndup(x->value, strlen(x->value));
			rk->mark = NULL; /* taken by parse_marks */
			rk->used = (int)c->nrules - 1; /* owner rule */
		}
}

/* Finds a field of the rule's kind by name and type; reports otherwise. */
static int
kind_field(struct parser *p, struct entry *e, const struct catalog_kind *k,
    const char *name, enum field_type type, const char *type_name)
{
	int f = catalog_field_find(k, name);
	if (f < 0 || k->fields[f].type != type) {
		parse_error(p, e->line, e->valcol, "kind '%s' has no %s field "
		    "'%s'", k->id, type_name, name);
		return -1;
	}
	return f;
}

/* Second pass: tie each rule to its kind, fields and steps. */
void
rule_resolve(struct parser *p)
{
	struct catalog *c = p->c;
	size_t ri = 0;
	for (size_t i = 0; i < p->nrule_kind; i++) {
		struct entry *e = &p->rule_kind[i];
		if (e->key == NULL) {
			/* the kind of rule ri (opens its group) */
			struct catalog_rule *r = &c->rules[ri++];
			if (e->value == NULL)
				continue;
			r->kind = catalog_kind_find(c, e->value);
			if (r->kind < 0) {
				parse_error(p, e->line, e->valcol,
				    "unknown record kind '%s'", e->value);
				continue;
			}
			const struct catalog_kind *k = &c->kinds[r->kind];
			if ((r->measure == MEASURE_FILING || r->about_set) &&
			    (catalog_field_find(k,
			    "about_year") < 0 || k->fields[catalog_field_find(k,
			    "about_year")].type != FIELD_YEAR))
				parse_error(p, e->line, e->valcol, "a filing "
				    "or 'about' needs a kind with an "
				    "'about_year year' field; '%s' has none",
				    k->id);
			if (r->measure == MEASURE_ABSENCE && r->match_person &&
			    !k->person_required)
				parse_error(p, e->line, e->valcol,
				    "'match: person' needs a kind with "
				    "'person: required'; '%s' is not", k->id);
			if (r->measure == MEASURE_PROCEDURE) {
				for (size_t f = 0; f < k->nfields; f++)
					if (k->fields[f].type == FIELD_DATES)
						r->steps_field = (int)f;
				if (r->steps_field < 0)
					parse_error(p, e->line, e->valcol, "a "
					    "procedure needs a kind with a "
					    "'dates' field; '%s' has none",
					    k->id);
			}
			continue;
		}
		struct catalog_rule *r = &c->rules[e->used];
		if (r->kind < 0)
			continue;
		const struct catalog_kind *k = &c->kinds[r->kind];
		char **w;
		size_t nw = parse_words(e->value, &w);
		if (strcmp(e->key, "require-true") == 0) {
			r->require_true = nw == 1 ? kind_field(p, e, k, w[0],
			    FIELD_BOOL, "bool") : -1;
		} else if (strcmp(e->key, "require-date") == 0) {
			r->require_date = nw == 1 ? kind_field(p, e, k, w[0],
			    FIELD_DATE, "date") : -1;
		} else if (strcmp(e->key, "require-all") == 0 ||
		    strcmp(e->key, "require-all-township") == 0) {
			int township = e->key[11] != '\0';
			int f = nw >= 2 ? kind_field(p, e, k, w[0], FIELD_SET,
			    "set") : -1;
			if (nw < 2 || nw - 1 > MAX_STEPS) {
				parse_error(p, e->line, e->valcol,
				    "'%s' is 'FIELD VALUE...' with at most %d "
				    "values", e->key, MAX_STEPS);
				f = -1;
			}
			for (size_t j = 1; f >= 0 && j < nw; j++)
				if (parse_word_index(k->fields[f].values,
				    k->fields[f].nvalues, w[j]) < 0) {
					parse_error(p, e->line, e->valcol,
					    "'%s' is not a value of %s.%s",
					    w[j], k->id, w[0]);
					f = -1;
				}
			if (f >= 0 && township) {
				r->township_field = f;
				r->ntownship_values = nw - 1;
				r->township_values = parse_grow(NULL, nw - 1, sizeof *w);
				memcpy(r->township_values, w + 1,
				    (nw - 1) * sizeof *w);
				free(w[0]);
				free(w);
				w = NULL;
				nw = 0;
			} else if (f >= 0) {
				r->require_all = f;
				r->nall_values = nw - 1;
				r->all_values = parse_grow(NULL, nw - 1, sizeof *w);
				memcpy(r->all_values, w + 1, (nw - 1) * sizeof *w);
				free(w[0]);
				free(w);
				w = NULL;
				nw = 0;
			}
		} else if (strcmp(e->key, "where") == 0) {
			int f = nw == 2 ? catalog_field_find(k, w[0]) : -1;
			enum field_type t = f >= 0 ? k->fields[f].type : FIELD_SET;
			if (nw != 2)
				parse_error(p, e->line, e->valcol,
				    "'where' is 'FIELD VALUE'");
			else if (f < 0 || t == FIELD_SET || t == FIELD_DATES)
				parse_error(p, e->line, e->valcol, "kind '%s' "
				    "has no single-valued field '%s'", k->id,
				    w[0]);
			else {
				r->where_field = f;
				r->where_value = parse_strndup(w[1], strlen(w[1]));
			}
		} else if (r->steps_field >= 0) {
			/* before / last name steps of the procedure */
			size_t want = strcmp(e->key, "before") == 0 ? 2 : 1;
			int idx[2] = { -1, -1 };
			for (size_t j = 0; j < nw && j < 2; j++)
				idx[j] = parse_word_index(r->steps, r->nsteps, w[j]);
			if (nw != want || idx[0] < 0 || (want == 2 && idx[1] < 0))
				parse_error(p, e->line, e->valcol, "'%s' names "
				    "%zu of this rule's steps", e->key, want);
			else if (want == 2) {
				r->before_a = idx[0];
				r->before_b = idx[1];
			} else {
				r->last = idx[0];
			}
		}
		parse_words_free(w, nw);
	}
	for (size_t i = 0; i < c->nrules; i++) {
		struct catalog_rule *r = &c->rules[i];
		if (r->township_values != NULL &&
		    r->township_field != r->require_all)
			parse_error(p, r->line, 1, "rule '%s': "
			    "'require-all-township' needs 'require-all' on the "
			    "same field", r->id ? r->id : "?");
	}
	/* Steps must be keys of the kind's dates field. */
	for (size_t i = 0; i < c->nrules; i++) {
		struct catalog_rule *r = &c->rules[i];
		if (r->measure != MEASURE_PROCEDURE || r->steps_field < 0)
			continue;
		const struct catalog_field *f =
		    &c->kinds[r->kind].fields[r->steps_field];
		for (size_t j = 0; j < r->nsteps; j++)
			if (parse_word_index(f->values, f->nvalues, r->steps[j]) < 0)
				parse_error(p, r->line, 1, "rule '%s': step "
				    "'%s' is not a key of %s.%s",
				    r->id ? r->id : "?", r->steps[j],
				    c->kinds[r->kind].id, f->name);
	}
	for (size_t i = 0; i < c->nrules; i++) {
		struct catalog_rule *r = &c->rules[i];
		for (size_t j = 0; j < r->nevidence_kinds; j++)
			if (catalog_kind_find(c, r->evidence_kinds[j]) < 0)
				parse_error(p, r->line, 1, "rule '%s': "
				    "evidence kind '%s' is not declared",
				    r->id ? r->id : "?", r->evidence_kinds[j]);
	}
}
