/*
 * Reading a literate catalog: Markdown in, struct catalog out.
 *
 * The pipeline is plain: the source is cut into lines; fenced blocks whose
 * info string is `ruleset`, `kind`, `rule` or `consequence` become lists of
 * `key: value` entries, each carrying its line and columns; each block is
 * then interpreted by its type; last, references between blocks (a rule's
 * kind, its fields and steps) are resolved, so blocks may come in any order.
 * Every problem is reported with its position and parsing goes on, so one
 * run of `lvzhi rules check` shows them all.
 */
#include "rules/catalog-int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENTRIES 64
#define MAX_STEPS 32  /* steps and require-all values are bit sets */

struct entry {
	char *key;
	char *value;
	long line;
	int keycol, valcol;
	int used;
	char *mark;    /* the basis of a 〔原文:…〕 or 〔解释:…〕 mark, or NULL */
	int markcol;
	enum basis_source mark_source;
};

struct block {
	const char *type;
	long line; /* the opening fence */
	struct entry entries[MAX_ENTRIES];
	size_t n;
};

struct parser {
	const char *file;
	struct diag *d;
	struct catalog *c;
	int ruleset_seen;
	/* per rule: the kind named, resolved once every kind is known */
	struct entry *rule_kind;
	size_t nrule_kind;
};

static void
error(struct parser *p, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
error(struct parser *p, long line, int col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_at(p->d, p->file, line, col, "%s", msg);
}

/* Column of byte offset off in a line, counted in UTF-8 characters. */
static int
column(const char *line, size_t off)
{
	int col = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)line[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static char *
xstrndup(const char *s, size_t n)
{
	char *r = malloc(n + 1);
	if (r == NULL) {
		perror("lvzhi");
		exit(1);
	}
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

static void *
xgrow(void *p, size_t n, size_t size)
{
	void *r = realloc(p, n * size);
	if (r == NULL) {
		perror("lvzhi");
		exit(1);
	}
	return r;
}

static int
is_key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
}

static int
is_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!(is_key_char(*s) || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

static void
block_clear(struct block *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->entries[i].key);
		free(b->entries[i].value);
		free(b->entries[i].mark);
	}
	b->n = 0;
}

/* Adds one `key: value` line of a block. */
static void
block_line(struct parser *p, struct block *b, const char *s, size_t len,
    long line)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == len || s[i] == '#')
		return;
	size_t k0 = i;
	while (i < len && is_key_char(s[i]))
		i++;
	if (i == k0 || i == len || s[i] != ':') {
		error(p, line, column(s, i),
		    "expected 'key: value' (key of a-z, 0-9, '-')");
		return;
	}
	size_t k1 = i++;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	size_t v0 = i, v1 = len;
	while (v1 > v0 && (s[v1 - 1] == ' ' || s[v1 - 1] == '\t' ||
	    s[v1 - 1] == '\r'))
		v1--;
	if (b->n == MAX_ENTRIES) {
		error(p, line, 1, "too many lines in one block (at most %d)",
		    MAX_ENTRIES);
		return;
	}
	struct entry *e = &b->entries[b->n++];
	memset(e, 0, sizeof *e);
	size_t vlen, m0, m1;
	enum basis_source src;
	int marked = basis_split(s + v0, v1 - v0, &vlen, &m0, &m1, &src);
	if (marked < 0) {
		size_t at = v0 + vlen;
		while (s[at] == ' ' || s[at] == '\t')
			at++;
		error(p, line, column(s, at), "a mark is '〔原文:QUOTE〕' or "
		    "'〔解释:BASIS〕'");
	}
	if (marked == 1) {
		e->mark = xstrndup(s + v0 + m0, m1 - m0);
		e->markcol = column(s, v0 + m0);
		e->mark_source = src;
	}
	if (marked != 0)
		v1 = v0 + vlen;
	e->key = xstrndup(s + k0, k1 - k0);
	e->value = xstrndup(s + v0, v1 - v0);
	e->line = line;
	e->keycol = column(s, k0);
	e->valcol = column(s, v0);
	e->used = 0;
}

/* Keys that name or describe rather than set a value: no mark. */
static int
text_key(const char *key)
{
	static const char *const keys[] = { "id", "version", "title",
		"issuer", "interpreter", "basis", "citation", "note",
		"evidence-kinds", "label", "field", "person", "when", "kind" };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

/*
 * Moves the marks of block b's values into (*out, *n), checking each
 * interpretation's basis; with `allowed` 0 (kind and consequence blocks)
 * every mark is refused. Marks of unknown keys are left: the key is
 * reported already.
 */
static void
take_marks(struct parser *p, struct block *b, int allowed,
    struct catalog_basis **out, size_t *n)
{
	for (size_t i = 0; i < b->n; i++) {
		struct entry *e = &b->entries[i];
		const char *why;
		if (e->mark == NULL || !e->used)
			continue;
		if (!allowed || text_key(e->key)) {
			error(p, e->line, e->markcol, "'%s' is not a value: it "
			    "takes no 〔原文〕 or 〔解释〕 mark", e->key);
			continue;
		}
		if (e->mark_source == BASIS_INTERPRETATION &&
		    (why = basis_check(e->mark)) != NULL) {
			error(p, e->line, e->markcol, "'%s': %s", e->key, why);
			continue;
		}
		*out = xgrow(*out, *n + 1, sizeof **out);
		struct catalog_basis *m = &(*out)[(*n)++];
		m->field = xstrndup(e->key, strlen(e->key));
		m->value = xstrndup(e->value, strlen(e->value));
		m->source = e->mark_source;
		m->basis = xstrndup(e->mark, strlen(e->mark));
		m->line = e->line;
		m->col = e->markcol;
	}
}

/* A value that must say where it comes from: weights, grade cut-offs,
 * the shortest period, yearly minimums, deadlines. */
static void
need_mark(struct parser *p, const struct entry *e)
{
	if (e != NULL && e->mark == NULL)
		error(p, e->line, e->keycol, "'%s: %s' has no basis: mark it "
		    "〔原文:…〕 with the regulation's words, or 〔解释:…〕 with "
		    "a document and its article (《…》第…条) or "
		    CATALOG_DEFAULT_BASIS, e->key, e->value);
}

/* A 〔原文〕 mark must quote the regulation as the catalog holds it. */
static void
check_quotes(struct parser *p, const struct catalog_basis *v, size_t n)
{
	const struct catalog *c = p->c;
	for (size_t i = 0; i < n; i++)
		if (v[i].source == BASIS_TEXT &&
		    !basis_in_text(c->source, c->source_len, v[i].basis))
			error(p, v[i].line, v[i].col, "〔原文:%s〕 is not in the "
			    "regulation's text: quote its words as they stand, "
			    "or mark the value 〔解释:…〕", v[i].basis);
}

/*
 * Returns the entry for key, or NULL; reports a repeat unless `repeat`.
 * Marks it used so unknown keys can be found afterwards.
 */
static struct entry *
get(struct parser *p, struct block *b, const char *key, int required)
{
	struct entry *found = NULL;
	for (size_t i = 0; i < b->n; i++) {
		struct entry *e = &b->entries[i];
		if (strcmp(e->key, key) != 0)
			continue;
		if (found != NULL) {
			error(p, e->line, e->keycol,
			    "'%s' given twice in this block (first on line %ld)",
			    key, found->line);
			e->used = 1;
			continue;
		}
		e->used = 1;
		found = e;
	}
	if (found == NULL && required)
		error(p, b->line, 1, "%s block lacks '%s'", b->type, key);
	return found;
}

static void
check_unused(struct parser *p, struct block *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (!b->entries[i].used)
			error(p, b->entries[i].line, b->entries[i].keycol,
			    "unknown key '%s' in a %s block", b->entries[i].key,
			    b->type);
}

static char *
text(struct parser *p, struct block *b, const char *key, int required)
{
	struct entry *e = get(p, b, key, required);
	if (e == NULL)
		return NULL;
	if (e->value[0] == '\0') {
		error(p, e->line, e->valcol, "'%s' is empty", key);
		return NULL;
	}
	return xstrndup(e->value, strlen(e->value));
}

/* Parses a non-negative integer value; returns 0 or -1 (reported). */
static int
integer(struct parser *p, struct entry *e, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(e->value, &end, 10);
	if (e->value[0] == '\0' || *end != '\0' || v < lo || v > hi) {
		error(p, e->line, e->valcol,
		    "'%s' must be a whole number from %d to %d", e->key, lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int
date_value(struct parser *p, struct entry *e, date_t *out)
{
	if (date_parse(e->value, out)) {
		error(p, e->line, e->valcol,
		    "'%s' must be a date YYYY-MM-DD, not '%s'", e->key, e->value);
		return -1;
	}
	return 0;
}

/* Splits a space-separated value into a new array of new strings. */
static size_t
words(const char *s, char ***out)
{
	char **v = NULL;
	size_t n = 0;
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		const char *w = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		v = xgrow(v, n + 1, sizeof *v);
		v[n++] = xstrndup(w, (size_t)(s - w));
	}
	*out = v;
	return n;
}

static void
words_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
word_index(char **v, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], w) == 0)
			return (int)i;
	return -1;
}

static void
parse_ruleset(struct parser *p, struct block *b)
{
	struct catalog *c = p->c;
	struct entry *e;
	if (p->ruleset_seen++) {
		error(p, b->line, 1, "a catalog has exactly one ruleset block");
		return;
	}
	c->line = b->line;
	c->id = text(p, b, "id", 1);
	if (c->id != NULL && !is_id(c->id))
		error(p, b->line, 1, "ruleset id '%s' is not an identifier", c->id);
	c->version = text(p, b, "version", 1);
	c->title = text(p, b, "title", 1);
	c->issuer = text(p, b, "issuer", 0);
	c->interpreter = text(p, b, "interpreter", 0);
	c->basis = text(p, b, "basis", 0);
	if ((e = get(p, b, "effective", 1)) != NULL)
		date_value(p, e, &c->effective);
	if ((e = get(p, b, "min-segment-days", 1)) != NULL) {
		integer(p, e, 1, 366, &c->min_segment_days);
		need_mark(p, e);
	}
	static const char *const grade_keys[] = { "grade-excellent",
		"grade-pass", "grade-basic-pass" };
	for (int g = 0; g < 3; g++)
		if ((e = get(p, b, grade_keys[g], 1)) != NULL) {
			need_mark(p, e);
			if (integer(p, e, 0, 100, &c->grade_min[g]) == 0 &&
			    g > 0 && c->grade_min[g] >= c->grade_min[g - 1])
				error(p, e->line, e->valcol,
				    "'%s' must be lower than '%s'", grade_keys[g],
				    grade_keys[g - 1]);
		}
	c->grade_min[GRADE_FAIL] = 0;
	/* The engine scores in 百分制; the key is there so that the scale,
	 * too, says where it comes from. */
	c->scale = 100;
	if ((e = get(p, b, "scale", 0)) != NULL) {
		need_mark(p, e);
		if (strcmp(e->value, "100") != 0)
			error(p, e->line, e->valcol, "'scale' is 100: duties and "
			    "grades are scored out of 100 (百分制)");
	}
	check_unused(p, b);
	take_marks(p, b, 1, &c->bases, &c->nbases);
}

static int
field_type(const char *s, enum field_type *t)
{
	static const struct {
		const char *name;
		enum field_type type;
	} types[] = { { "year", FIELD_YEAR }, { "date", FIELD_DATE },
		{ "bool", FIELD_BOOL }, { "text", FIELD_TEXT },
		{ "int", FIELD_INT }, { "set", FIELD_SET },
		{ "dates", FIELD_DATES } };
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(s, types[i].name) == 0) {
			*t = types[i].type;
			return 0;
		}
	return -1;
}

/* Fields every record has; a kind may not redefine them. */
static const char *const common_fields[] = { "type", "id", "kind", "organ",
	"date", "title", "person", "status", "evidence" };
/* Fields every finding has: its determination (import-line.c). */
static const char *const finding_fields[] = { "basis", "basis_ref",
	"determined_by", "determined_on" };

static void
parse_kind(struct parser *p, struct block *b)
{
	struct catalog *c = p->c;
	struct catalog_kind k = { 0 };
	k.line = b->line;
	k.id = text(p, b, "id", 1);
	k.label = text(p, b, "label", 1);
	if (k.id != NULL) {
		if (!is_id(k.id))
			error(p, b->line, 1, "kind id '%s' is not an identifier",
			    k.id);
		int prev = catalog_kind_find(c, k.id);
		if (prev >= 0)
			error(p, b->line, 1, "kind '%s' already declared on line %ld",
			    k.id, c->kinds[prev].line);
	}
	struct entry *e = get(p, b, "person", 0);
	if (e != NULL) {
		if (strcmp(e->value, "required") == 0)
			k.person_required = 1;
		else if (strcmp(e->value, "optional") != 0)
			error(p, e->line, e->valcol,
			    "'person' is 'required' or 'optional'");
	}
	e = get(p, b, "finding", 0);
	if (e != NULL) {
		if (strcmp(e->value, "yes") == 0)
			k.finding = 1;
		else if (strcmp(e->value, "no") != 0)
			error(p, e->line, e->valcol, "'finding' is 'yes' or 'no'");
		if (k.finding && !k.person_required)
			error(p, e->line, e->valcol, "a finding is about a person: "
			    "it needs 'person: required'");
	}
	for (size_t i = 0; i < b->n; i++) {
		e = &b->entries[i];
		if (strcmp(e->key, "field") != 0)
			continue;
		e->used = 1;
		char **w;
		size_t n = words(e->value, &w);
		struct catalog_field f = { 0 };
		if (n < 2 || field_type(w[1], &f.type)) {
			error(p, e->line, e->valcol,
			    "'field' is 'NAME TYPE [VALUES...]', TYPE one of "
			    "year date bool text int set dates");
			words_free(w, n);
			continue;
		}
		char *eq = strchr(w[0], '=');
		if (eq != NULL)
			*eq = '\0';
		f.label = xstrndup(eq ? eq + 1 : w[0], strlen(eq ? eq + 1 : w[0]));
		int bad = 0;
		for (size_t j = 0; j < sizeof common_fields / sizeof *common_fields;
		    j++)
			if (strcmp(w[0], common_fields[j]) == 0)
				bad = 1;
		for (size_t j = 0; k.finding && j < sizeof finding_fields /
		    sizeof *finding_fields; j++)
			if (strcmp(w[0], finding_fields[j]) == 0)
				bad = 1;
		if (bad || catalog_field_find(&k, w[0]) >= 0) {
			error(p, e->line, e->valcol,
			    "field '%s' is already a field of every record or of "
			    "this kind", w[0]);
			words_free(w, n);
			free(f.label);
			continue;
		}
		if ((f.type == FIELD_SET || f.type == FIELD_DATES) != (n > 2)) {
			error(p, e->line, e->valcol,
			    "only 'set' and 'dates' fields list values, and they "
			    "must list at least one");
			words_free(w, n);
			free(f.label);
			continue;
		}
		f.name = w[0];
		free(w[1]);
		f.nvalues = n - 2;
		if (f.nvalues) {
			f.values = xgrow(NULL, f.nvalues, sizeof *f.values);
			f.labels = xgrow(NULL, f.nvalues, sizeof *f.labels);
		}
		for (size_t j = 0; j < f.nvalues; j++) {
			char *v = w[j + 2], *sep = strchr(v, '=');
			if (sep != NULL)
				*sep = '\0';
			f.values[j] = v;
			f.labels[j] = xstrndup(sep ? sep + 1 : v,
			    strlen(sep ? sep + 1 : v));
			if (!is_id(v) || (sep != NULL && sep[1] == '\0'))
				error(p, e->line, e->valcol, "value '%s' of field "
				    "'%s' is not 'id' or 'id=标签'", v, w[0]);
		}
		free(w);
		k.fields = xgrow(k.fields, k.nfields + 1, sizeof *k.fields);
		k.fields[k.nfields++] = f;
	}
	if ((e = get(p, b, "not-applicable", 0)) != NULL) {
		char **w;
		size_t n = words(e->value, &w);
		int f = n >= 2 ? catalog_field_find(&k, w[0]) : -1;
		if (f < 0 || k.fields[f].type != FIELD_DATES)
			error(p, e->line, e->valcol, "'not-applicable' is "
			    "'FIELD VALUE...' naming a 'dates' field of this kind");
		for (size_t j = 1; f >= 0 && j < n; j++) {
			int v = word_index(k.fields[f].values,
			    k.fields[f].nvalues, w[j]);
			if (v < 0)
				error(p, e->line, e->valcol, "'%s' is not a value "
				    "of field '%s'", w[j], w[0]);
			else
				k.fields[f].waivable |= 1u << v;
		}
		words_free(w, n);
	}
	check_unused(p, b);
	take_marks(p, b, 0, NULL, NULL);
	c->kinds = xgrow(c->kinds, c->nkinds + 1, sizeof *c->kinds);
	c->kinds[c->nkinds++] = k;
}

static unsigned
bits(struct parser *p, struct entry *e, const char *const *names,
    const unsigned *values, size_t n)
{
	char **w;
	size_t nw = words(e->value, &w);
	unsigned r = 0;
	for (size_t i = 0; i < nw; i++) {
		size_t j;
		for (j = 0; j < n; j++)
			if (strcmp(w[i], names[j]) == 0)
				break;
		if (j == n)
			error(p, e->line, e->valcol, "'%s' is not a valid %s",
			    w[i], e->key);
		else
			r |= values[j];
	}
	words_free(w, nw);
	if (nw == 0)
		error(p, e->line, e->valcol, "'%s' is empty", e->key);
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
		error(p, e->line, e->valcol,
		    "'due' is 'MM-DD' or 'next MM-DD' (a day of the following "
		    "year)");
		return;
	}
	r->due_set = 1;
	r->due_next_year = next;
	r->due_month = m;
	r->due_day = d;
}

/* A `yes` or `no` key into *out (left alone when absent). */
static void
yes_no(struct parser *p, struct entry *e, int *out)
{
	if (e == NULL)
		return;
	if (strcmp(e->value, "yes") == 0)
		*out = 1;
	else if (strcmp(e->value, "no") == 0)
		*out = 0;
	else
		error(p, e->line, e->valcol, "'%s' is 'yes' or 'no'", e->key);
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
		error(p, e->line, e->valcol,
		    "'about' is 'year' or 'previous-year'");
}

static void
parse_rule(struct parser *p, struct block *b)
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
	r.id = text(p, b, "id", 1);
	if (r.id != NULL) {
		if (!is_id(r.id))
			error(p, b->line, 1, "rule id '%s' is not an identifier",
			    r.id);
		int prev = catalog_rule_find(c, r.id);
		if (prev >= 0)
			error(p, b->line, 1, "rule '%s' already declared on line %ld",
			    r.id, c->rules[prev].line);
	}
	r.title = text(p, b, "title", 1);
	r.citation = text(p, b, "citation", 1);
	r.note = text(p, b, "note", 0);
	if ((e = get(p, b, "binds", 1)) != NULL)
		r.roles = bits(p, e, role_names, role_bits, 3);
	r.coverage = COVERAGE_DIRECT | COVERAGE_REFERENCE;
	if ((e = get(p, b, "coverage", 0)) != NULL)
		r.coverage = bits(p, e, cov_names, cov_bits, 2);
	if ((e = get(p, b, "weight", 1)) != NULL) {
		integer(p, e, 0, 1000, &r.weight);
		need_mark(p, e);
	}
	r.effective = c->effective;
	if ((e = get(p, b, "effective", 1)) != NULL)
		date_value(p, e, &r.effective);
	if ((e = get(p, b, "until", 0)) != NULL &&
	    date_value(p, e, &r.until) == 0 && r.until < r.effective)
		error(p, e->line, e->valcol, "'until' is before 'effective'");
	if ((e = get(p, b, "evidence-kinds", 0)) != NULL)
		r.nevidence_kinds = words(e->value, &r.evidence_kinds);

	struct entry *kind_entry = NULL;
	e = get(p, b, "measure", 1);
	char **w = NULL;
	size_t nw = e != NULL ? words(e->value, &w) : 0;
	static const char *const measures[] = { "count", "filing",
		"procedure", "absence", "qualitative" };
	int m = -1;
	for (int i = 0; nw > 0 && i < 5; i++)
		if (strcmp(w[0], measures[i]) == 0)
			m = i;
	if (e != NULL && (m < 0 || (m == MEASURE_QUALITATIVE) != (nw == 1) ||
	    nw > 2)) {
		error(p, e->line, e->valcol,
		    "'measure' is 'count KIND', 'filing KIND', 'procedure KIND', "
		    "'absence KIND' or 'qualitative'");
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
		if ((e = get(p, b, "min", 1)) != NULL) {
			integer(p, e, 1, 10000, &r.min);
			need_mark(p, e);
		}
		about(p, get(p, b, "about", 0), &r);
		break;
	case MEASURE_FILING:
		about(p, get(p, b, "about", 0), &r);
		if ((e = get(p, b, "window", 1)) != NULL) {
			if (strcmp(e->value, "year") == 0)
				r.window_year = 1;
			else if (strcmp(e->value, "segment") != 0)
				error(p, e->line, e->valcol,
				    "'window' is 'segment' or 'year'");
		}
		if ((e = get(p, b, "due", 0)) != NULL) {
			due(p, e, &r);
			need_mark(p, e);
		}
		break;
	case MEASURE_PROCEDURE:
		if ((e = get(p, b, "steps", 1)) != NULL &&
		    (r.nsteps = words(e->value, &r.steps)) > MAX_STEPS)
			error(p, e->line, e->valcol, "at most %d steps",
			    MAX_STEPS);
		break;
	case MEASURE_ABSENCE:
		if ((e = get(p, b, "match", 1)) != NULL) {
			if (strcmp(e->value, "person") == 0)
				r.match_person = 1;
			else if (strcmp(e->value, "organ") != 0)
				error(p, e->line, e->valcol,
				    "'match' is 'person' or 'organ'");
		}
		yes_no(p, get(p, b, "veto", 1), &r.veto);
		r.veto_item = text(p, b, "veto-item", 0);
		if (r.veto_item != NULL && !r.veto)
			error(p, b->line, 1, "'veto-item' needs 'veto: yes'");
		break;
	default:
		break;
	}
	words_free(w, nw);
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
		x->used = 2; /* seen, interpreted in resolve() */
		for (size_t j = 0; j < i; j++)
			if (b->entries[j].used == 2 &&
			    strcmp(b->entries[j].key, x->key) == 0) {
				error(p, x->line, x->keycol, "'%s' given twice in "
				    "this block (first on line %ld)", x->key,
				    b->entries[j].line);
				x->used = 1;
				break;
			}
	}
	check_unused(p, b);
	take_marks(p, b, 1, &r.bases, &r.nbases);

	c->rules = xgrow(c->rules, c->nrules + 1, sizeof *c->rules);
	c->rules[c->nrules++] = r;
	p->rule_kind = xgrow(p->rule_kind, p->nrule_kind + 1,
	    sizeof *p->rule_kind);
	struct entry *rk = &p->rule_kind[p->nrule_kind++];
	memset(rk, 0, sizeof *rk);
	if (kind_entry != NULL) {
		*rk = *kind_entry;
		char **kw;
		size_t nk = words(kind_entry->value, &kw);
		rk->key = NULL;
		rk->value = xstrndup(kw[1], strlen(kw[1]));
		words_free(kw, nk);
	}
	/* Keep the measure's detail entries for resolve(): copy them. */
	for (size_t i = 0; i < b->n; i++)
		if (b->entries[i].used == 2) {
			struct entry *x = &b->entries[i];
			rk = NULL;
			p->rule_kind = xgrow(p->rule_kind, p->nrule_kind + 1,
			    sizeof *p->rule_kind);
			rk = &p->rule_kind[p->nrule_kind++];
			*rk = *x;
			rk->key = xstrndup(x->key, strlen(x->key));
			rk->value = xstrndup(x->value, strlen(x->value));
			rk->mark = NULL; /* taken by take_marks */
			rk->used = (int)c->nrules - 1; /* owner rule */
		}
}

static void
parse_consequence(struct parser *p, struct block *b)
{
	struct catalog *c = p->c;
	struct catalog_consequence q = { 0 };
	struct entry *e = get(p, b, "when", 1);
	if (e != NULL) {
		static const char *const grades[] = { "excellent", "pass",
			"basic_pass", "fail" };
		int ok = 0;
		if (strcmp(e->value, "veto") == 0) {
			q.on_veto = 1;
			ok = 1;
		} else if (strncmp(e->value, "grade ", 6) == 0) {
			for (int g = 0; g < GRADE_COUNT; g++)
				if (strcmp(e->value + 6, grades[g]) == 0) {
					q.grade = (enum grade)g;
					ok = 1;
				}
		}
		if (!ok)
			error(p, e->line, e->valcol,
			    "'when' is 'veto' or 'grade excellent|pass|"
			    "basic_pass|fail'");
	}
	q.kind = text(p, b, "kind", 1);
	q.label = text(p, b, "label", 1);
	q.citation = text(p, b, "citation", 1);
	yes_no(p, get(p, b, "final-only", 0), &q.final_only);
	check_unused(p, b);
	take_marks(p, b, 0, NULL, NULL);
	c->consequences = xgrow(c->consequences, c->nconsequences + 1,
	    sizeof *c->consequences);
	c->consequences[c->nconsequences++] = q;
}

/* Finds a field of the rule's kind by name and type; reports otherwise. */
static int
kind_field(struct parser *p, struct entry *e, const struct catalog_kind *k,
    const char *name, enum field_type type, const char *type_name)
{
	int f = catalog_field_find(k, name);
	if (f < 0 || k->fields[f].type != type) {
		error(p, e->line, e->valcol, "kind '%s' has no %s field '%s'",
		    k->id, type_name, name);
		return -1;
	}
	return f;
}

/* Second pass: tie each rule to its kind, fields and steps. */
static void
resolve(struct parser *p)
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
				error(p, e->line, e->valcol,
				    "unknown record kind '%s'", e->value);
				continue;
			}
			const struct catalog_kind *k = &c->kinds[r->kind];
			if ((r->measure == MEASURE_FILING || r->about_set) &&
			    (catalog_field_find(k,
			    "about_year") < 0 || k->fields[catalog_field_find(k,
			    "about_year")].type != FIELD_YEAR))
				error(p, e->line, e->valcol,
				    "a filing or 'about' needs a kind with an "
				    "'about_year year' field; '%s' has none", k->id);
			if (r->measure == MEASURE_ABSENCE && r->match_person &&
			    !k->person_required)
				error(p, e->line, e->valcol,
				    "'match: person' needs a kind with "
				    "'person: required'; '%s' is not", k->id);
			if (r->measure == MEASURE_PROCEDURE) {
				for (size_t f = 0; f < k->nfields; f++)
					if (k->fields[f].type == FIELD_DATES)
						r->steps_field = (int)f;
				if (r->steps_field < 0)
					error(p, e->line, e->valcol,
					    "a procedure needs a kind with a "
					    "'dates' field; '%s' has none", k->id);
			}
			continue;
		}
		struct catalog_rule *r = &c->rules[e->used];
		if (r->kind < 0)
			continue;
		const struct catalog_kind *k = &c->kinds[r->kind];
		char **w;
		size_t nw = words(e->value, &w);
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
				error(p, e->line, e->valcol,
				    "'%s' is 'FIELD VALUE...' with at most %d "
				    "values", e->key, MAX_STEPS);
				f = -1;
			}
			for (size_t j = 1; f >= 0 && j < nw; j++)
				if (word_index(k->fields[f].values,
				    k->fields[f].nvalues, w[j]) < 0) {
					error(p, e->line, e->valcol,
					    "'%s' is not a value of %s.%s", w[j],
					    k->id, w[0]);
					f = -1;
				}
			if (f >= 0 && township) {
				r->township_field = f;
				r->ntownship_values = nw - 1;
				r->township_values = xgrow(NULL, nw - 1, sizeof *w);
				memcpy(r->township_values, w + 1,
				    (nw - 1) * sizeof *w);
				free(w[0]);
				free(w);
				w = NULL;
				nw = 0;
			} else if (f >= 0) {
				r->require_all = f;
				r->nall_values = nw - 1;
				r->all_values = xgrow(NULL, nw - 1, sizeof *w);
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
				error(p, e->line, e->valcol,
				    "'where' is 'FIELD VALUE'");
			else if (f < 0 || t == FIELD_SET || t == FIELD_DATES)
				error(p, e->line, e->valcol, "kind '%s' has no "
				    "single-valued field '%s'", k->id, w[0]);
			else {
				r->where_field = f;
				r->where_value = xstrndup(w[1], strlen(w[1]));
			}
		} else if (r->steps_field >= 0) {
			/* before / last name steps of the procedure */
			size_t want = strcmp(e->key, "before") == 0 ? 2 : 1;
			int idx[2] = { -1, -1 };
			for (size_t j = 0; j < nw && j < 2; j++)
				idx[j] = word_index(r->steps, r->nsteps, w[j]);
			if (nw != want || idx[0] < 0 || (want == 2 && idx[1] < 0))
				error(p, e->line, e->valcol,
				    "'%s' names %zu of this rule's steps", e->key,
				    want);
			else if (want == 2) {
				r->before_a = idx[0];
				r->before_b = idx[1];
			} else {
				r->last = idx[0];
			}
		}
		words_free(w, nw);
	}
	for (size_t i = 0; i < c->nrules; i++) {
		struct catalog_rule *r = &c->rules[i];
		if (r->township_values != NULL &&
		    r->township_field != r->require_all)
			error(p, r->line, 1, "rule '%s': 'require-all-township' "
			    "needs 'require-all' on the same field",
			    r->id ? r->id : "?");
	}
	/* Steps must be keys of the kind's dates field. */
	for (size_t i = 0; i < c->nrules; i++) {
		struct catalog_rule *r = &c->rules[i];
		if (r->measure != MEASURE_PROCEDURE || r->steps_field < 0)
			continue;
		const struct catalog_field *f =
		    &c->kinds[r->kind].fields[r->steps_field];
		for (size_t j = 0; j < r->nsteps; j++)
			if (word_index(f->values, f->nvalues, r->steps[j]) < 0)
				error(p, r->line, 1, "rule '%s': step '%s' is not "
				    "a key of %s.%s", r->id ? r->id : "?",
				    r->steps[j], c->kinds[r->kind].id, f->name);
	}
	for (size_t i = 0; i < c->nrules; i++) {
		struct catalog_rule *r = &c->rules[i];
		for (size_t j = 0; j < r->nevidence_kinds; j++)
			if (catalog_kind_find(c, r->evidence_kinds[j]) < 0)
				error(p, r->line, 1, "rule '%s': evidence kind "
				    "'%s' is not declared", r->id ? r->id : "?",
				    r->evidence_kinds[j]);
	}
}

static int
fence(const char *s, size_t len, const char **info, size_t *infolen)
{
	if (len < 3 || strncmp(s, "```", 3) != 0)
		return 0;
	size_t i = 3;
	while (i < len && s[i] == '`')
		i++;
	while (i < len && s[i] == ' ')
		i++;
	size_t j = len;
	while (j > i && (s[j - 1] == ' ' || s[j - 1] == '\r'))
		j--;
	*info = s + i;
	*infolen = j - i;
	return 1;
}

struct catalog *
catalog_parse(const char *file, const char *src, size_t len, struct diag *d)
{
	static const char *const types[] = { "ruleset", "kind", "rule",
		"consequence" };
	struct parser p = { .file = file, .d = d };
	long before = d->count;
	struct catalog *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	p.c = c;
	c->file = xstrndup(file, strlen(file));
	c->source = xstrndup(src, len);
	c->source_len = len;
	if (memchr(src, '\0', len) != NULL)
		error(&p, 1, 1, "the catalog contains a NUL byte");
	if (sm3_hex(src, len, c->digest))
		error(&p, 1, 1, "SM3 is not available from OpenSSL");

	struct block *b = calloc(1, sizeof *b);
	if (b == NULL) {
		catalog_free(c);
		return NULL;
	}
	const char *s = c->source, *end = c->source + len;
	long line = 0;
	int in_fence = 0; /* 1: a block of ours, 2: another fenced block */
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		line++;
		const char *info;
		size_t infolen;
		if (fence(s, n, &info, &infolen)) {
			if (in_fence == 1) {
				if (strcmp(b->type, "ruleset") == 0)
					parse_ruleset(&p, b);
				else if (strcmp(b->type, "kind") == 0)
					parse_kind(&p, b);
				else if (strcmp(b->type, "rule") == 0)
					parse_rule(&p, b);
				else
					parse_consequence(&p, b);
				block_clear(b);
				in_fence = 0;
			} else if (in_fence == 2) {
				in_fence = 0;
			} else {
				in_fence = 2;
				for (size_t t = 0; t < 4; t++)
					if (infolen == strlen(types[t]) &&
					    strncmp(info, types[t], infolen) == 0) {
						in_fence = 1;
						b->type = types[t];
						b->line = line;
					}
			}
		} else if (in_fence == 1) {
			block_line(&p, b, s, n, line);
		}
		s = nl ? nl + 1 : end;
	}
	if (in_fence == 1)
		error(&p, b->line, 1, "%s block is not closed", b->type);
	block_clear(b);
	free(b);
	if (!p.ruleset_seen)
		error(&p, 1, 1, "no ruleset block");
	resolve(&p);
	if (c->nrules == 0)
		error(&p, 1, 1, "no rule blocks");
	check_quotes(&p, c->bases, c->nbases);
	for (size_t i = 0; i < c->nrules; i++)
		check_quotes(&p, c->rules[i].bases, c->rules[i].nbases);
	for (size_t i = 0; i < p.nrule_kind; i++) {
		free(p.rule_kind[i].key);
		free(p.rule_kind[i].value);
	}
	free(p.rule_kind);
	if (d->count > before) {
		catalog_free(c);
		return NULL;
	}
	return c;
}
