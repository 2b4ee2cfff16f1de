/*
 * Reading a literate catalog: Markdown in, struct catalog out.
 *
 * The pipeline is plain: the source is cut into lines; fenced blocks whose
 * info string is `ruleset`, `kind`, `rule`, `consequence` or `document`
 * become lists of `key: value` entries (a document's, up to its `---`
 * line, its body after: catalog-document.c), each carrying its line and columns; each block is
 * then interpreted by its type; last, references between blocks (a rule's
 * kind, its fields and steps) are resolved, so blocks may come in any order.
 * Every problem is reported with its position and parsing goes on, so one
 * run of `lvzhi rules check` shows them all. Rule blocks and the second
 * pass are in catalog-rule.c; the blocks and value readers both use are
 * declared in catalog-parse.h.
 */
#include "rules/catalog-parse.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
parse_error(struct parser *p, long line, int col, const char *fmt, ...)
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

char *
parse_strndup(const char *s, size_t n)
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

void *
parse_grow(void *p, size_t n, size_t size)
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
		parse_error(p, line, column(s, i),
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
		parse_error(p, line, 1, "too many lines in one block (at most "
		    "%d)", MAX_ENTRIES);
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
		parse_error(p, line, column(s, at), "a mark is '〔原文:QUOTE〕' or "
		    "'〔解释:BASIS〕'");
	}
	if (marked == 1) {
		e->mark = parse_strndup(s + v0 + m0, m1 - m0);
		e->markcol = column(s, v0 + m0);
		e->mark_source = src;
	}
	if (marked != 0)
		v1 = v0 + vlen;
	e->key = parse_strndup(s + k0, k1 - k0);
	e->value = parse_strndup(s + v0, v1 - v0);
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
void
parse_marks(struct parser *p, struct block *b, int allowed,
    struct catalog_basis **out, size_t *n)
{
	for (size_t i = 0; i < b->n; i++) {
		struct entry *e = &b->entries[i];
		const char *why;
		if (e->mark == NULL || !e->used)
			continue;
		if (!allowed || text_key(e->key)) {
			parse_error(p, e->line, e->markcol, "'%s' is not a "
			    "value: it takes no 〔原文〕 or 〔解释〕 mark", e->key);
			continue;
		}
		if (e->mark_source == BASIS_INTERPRETATION &&
		    (why = basis_check(e->mark)) != NULL) {
			parse_error(p, e->line, e->markcol, "'%s': %s", e->key,
			    why);
			continue;
		}
		*out = parse_grow(*out, *n + 1, sizeof **out);
		struct catalog_basis *m = &(*out)[(*n)++];
		m->field = parse_strndup(e->key, strlen(e->key));
		m->value = parse_strndup(e->value, strlen(e->value));
		m->source = e->mark_source;
		m->basis = parse_strndup(e->mark, strlen(e->mark));
		m->line = e->line;
		m->col = e->markcol;
	}
}

/* A value that must say where it comes from: weights, grade cut-offs,
 * the shortest period, yearly minimums, deadlines. */
void
parse_need_mark(struct parser *p, const struct entry *e)
{
	if (e != NULL && e->mark == NULL)
		parse_error(p, e->line, e->keycol, "'%s: %s' has no basis: "
		    "mark it 〔原文:…〕 with the regulation's words, or 〔解释:…〕 "
		    "with a document and its article (《…》第…条) or "
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
			parse_error(p, v[i].line, v[i].col, "〔原文:%s〕 is not in "
			    "the regulation's text: quote its words as they "
			    "stand, or mark the value 〔解释:…〕", v[i].basis);
}

/*
 * Returns the entry for key, or NULL; reports a repeat unless `repeat`.
 * Marks it used so unknown keys can be found afterwards.
 */
struct entry *
parse_get(struct parser *p, struct block *b, const char *key, int required)
{
	struct entry *found = NULL;
	for (size_t i = 0; i < b->n; i++) {
		struct entry *e = &b->entries[i];
		if (strcmp(e->key, key) != 0)
			continue;
		if (found != NULL) {
			parse_error(p, e->line, e->keycol, "'%s' given twice "
			    "in this block (first on line %ld)", key,
			    found->line);
			e->used = 1;
			continue;
		}
		e->used = 1;
		found = e;
	}
	if (found == NULL && required)
		parse_error(p, b->line, 1, "%s block lacks '%s'", b->type, key);
	return found;
}

void
parse_unused(struct parser *p, struct block *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (!b->entries[i].used)
			parse_error(p, b->entries[i].line, b->entries[i].keycol,
			    "unknown key '%s' in a %s block", b->entries[i].key,
			    b->type);
}

char *
parse_text(struct parser *p, struct block *b, const char *key, int required)
{
	struct entry *e = parse_get(p, b, key, required);
	if (e == NULL)
		return NULL;
	if (e->value[0] == '\0') {
		parse_error(p, e->line, e->valcol, "'%s' is empty", key);
		return NULL;
	}
	return parse_strndup(e->value, strlen(e->value));
}

/* Parses a non-negative integer value; returns 0 or -1 (reported). */
int
parse_integer(struct parser *p, struct entry *e, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(e->value, &end, 10);
	if (e->value[0] == '\0' || *end != '\0' || v < lo || v > hi) {
		parse_error(p, e->line, e->valcol, "'%s' must be a whole "
		    "number from %d to %d", e->key, lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}

int
parse_date(struct parser *p, struct entry *e, date_t *out)
{
	if (date_parse(e->value, out)) {
		parse_error(p, e->line, e->valcol, "'%s' must be a date "
		    "YYYY-MM-DD, not '%s'", e->key, e->value);
		return -1;
	}
	return 0;
}

/* Splits a space-separated value into a new array of new strings. */
size_t
parse_words(const char *s, char ***out)
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
		v = parse_grow(v, n + 1, sizeof *v);
		v[n++] = parse_strndup(w, (size_t)(s - w));
	}
	*out = v;
	return n;
}

void
parse_words_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
parse_word_index(char **v, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], w) == 0)
			return (int)i;
	return -1;
}

/* A `yes` or `no` key into *out (left alone when absent). */
void
parse_yes_no(struct parser *p, struct entry *e, int *out)
{
	if (e == NULL)
		return;
	if (strcmp(e->value, "yes") == 0)
		*out = 1;
	else if (strcmp(e->value, "no") == 0)
		*out = 0;
	else
		parse_error(p, e->line, e->valcol, "'%s' is 'yes' or 'no'",
		    e->key);
}

/*
 * Reports a block's id that is not an identifier, or that an earlier block
 * of its type declared (on line `prev`; 0 when none did). A NULL id is
 * reported already, as missing.
 */
void
parse_id(struct parser *p, struct block *b, const char *what, const char *id,
    long prev)
{
	if (id == NULL)
		return;
	if (!is_id(id))
		parse_error(p, b->line, 1, "%s id '%s' is not an identifier",
		    what, id);
	if (prev > 0)
		parse_error(p, b->line, 1, "%s '%s' already declared on line "
		    "%ld", what, id, prev);
}

static void
parse_ruleset(struct parser *p, struct block *b)
{
	struct catalog *c = p->c;
	struct entry *e;
	if (p->ruleset_seen++) {
		parse_error(p, b->line, 1, "a catalog has exactly one ruleset "
		    "block");
		return;
	}
	c->line = b->line;
	c->id = parse_text(p, b, "id", 1);
	parse_id(p, b, "ruleset", c->id, 0);
	c->version = parse_text(p, b, "version", 1);
	c->title = parse_text(p, b, "title", 1);
	c->issuer = parse_text(p, b, "issuer", 0);
	c->interpreter = parse_text(p, b, "interpreter", 0);
	c->basis = parse_text(p, b, "basis", 0);
	if ((e = parse_get(p, b, "effective", 1)) != NULL)
		parse_date(p, e, &c->effective);
	if ((e = parse_get(p, b, "min-segment-days", 1)) != NULL) {
		parse_integer(p, e, 1, 366, &c->min_segment_days);
		parse_need_mark(p, e);
	}
	static const char *const grade_keys[] = { "grade-excellent",
		"grade-pass", "grade-basic-pass" };
	for (int g = 0; g < 3; g++)
		if ((e = parse_get(p, b, grade_keys[g], 1)) != NULL) {
			parse_need_mark(p, e);
			if (parse_integer(p, e, 0, 100, &c->grade_min[g]) == 0 &&
			    g > 0 && c->grade_min[g] >= c->grade_min[g - 1])
				parse_error(p, e->line, e->valcol, "'%s' must "
				    "be lower than '%s'", grade_keys[g],
				    grade_keys[g - 1]);
		}
	c->grade_min[GRADE_FAIL] = 0;
	/* The engine scores in 百分制; the key is there so that the scale,
	 * too, says where it comes from. */
	c->scale = 100;
	if ((e = parse_get(p, b, "scale", 0)) != NULL) {
		parse_need_mark(p, e);
		if (strcmp(e->value, "100") != 0)
			parse_error(p, e->line, e->valcol, "'scale' is 100: "
			    "duties and grades are scored out of 100 (百分制)");
	}
	parse_unused(p, b);
	parse_marks(p, b, 1, &c->bases, &c->nbases);
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
	k.id = parse_text(p, b, "id", 1);
	k.label = parse_text(p, b, "label", 1);
	int prev = k.id != NULL ? catalog_kind_find(c, k.id) : -1;
	parse_id(p, b, "kind", k.id, prev >= 0 ? c->kinds[prev].line : 0);
	struct entry *e = parse_get(p, b, "person", 0);
	if (e != NULL) {
		if (strcmp(e->value, "required") == 0)
			k.person_required = 1;
		else if (strcmp(e->value, "optional") != 0)
			parse_error(p, e->line, e->valcol,
			    "'person' is 'required' or 'optional'");
	}
	e = parse_get(p, b, "finding", 0);
	if (e != NULL) {
		if (strcmp(e->value, "yes") == 0)
			k.finding = 1;
		else if (strcmp(e->value, "no") != 0)
			parse_error(p, e->line, e->valcol, "'finding' is 'yes' "
			    "or 'no'");
		if (k.finding && !k.person_required)
			parse_error(p, e->line, e->valcol, "a finding is about "
			    "a person: it needs 'person: required'");
	}
	for (size_t i = 0; i < b->n; i++) {
		e = &b->entries[i];
		if (strcmp(e->key, "field") != 0)
			continue;
		e->used = 1;
		char **w;
		size_t n = parse_words(e->value, &w);
		struct catalog_field f = { 0 };
		if (n < 2 || field_type(w[1], &f.type)) {
			parse_error(p, e->line, e->valcol,
			    "'field' is 'NAME TYPE [VALUES...]', TYPE one of "
			    "year date bool text int set dates");
			parse_words_free(w, n);
			continue;
		}
		char *eq = strchr(w[0], '=');
		if (eq != NULL)
			*eq = '\0';
		f.label = parse_strndup(eq ? eq + 1 : w[0], strlen(eq ? eq + 1 : w[0]));
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
			parse_error(p, e->line, e->valcol, "field '%s' is "
			    "already a field of every record or of this kind",
			    w[0]);
			parse_words_free(w, n);
			free(f.label);
			continue;
		}
		if ((f.type == FIELD_SET || f.type == FIELD_DATES) != (n > 2)) {
			parse_error(p, e->line, e->valcol, "only 'set' and "
			    "'dates' fields list values, and they must list at "
			    "least one");
			parse_words_free(w, n);
			free(f.label);
			continue;
		}
		f.name = w[0];
		free(w[1]);
		f.nvalues = n - 2;
		if (f.nvalues) {
			f.values = parse_grow(NULL, f.nvalues, sizeof *f.values);
			f.labels = parse_grow(NULL, f.nvalues, sizeof *f.labels);
		}
		for (size_t j = 0; j < f.nvalues; j++) {
			char *v = w[j + 2], *sep = strchr(v, '=');
			if (sep != NULL)
				*sep = '\0';
			f.values[j] = v;
			f.labels[j] = parse_strndup(sep ? sep + 1 : v,
			    strlen(sep ? sep + 1 : v));
			if (!is_id(v) || (sep != NULL && sep[1] == '\0'))
				parse_error(p, e->line, e->valcol, "value '%s' "
				    "of field '%s' is not 'id' or 'id=标签'", v,
				    w[0]);
		}
		free(w);
		k.fields = parse_grow(k.fields, k.nfields + 1, sizeof *k.fields);
		k.fields[k.nfields++] = f;
	}
	if ((e = parse_get(p, b, "not-applicable", 0)) != NULL) {
		char **w;
		size_t n = parse_words(e->value, &w);
		int f = n >= 2 ? catalog_field_find(&k, w[0]) : -1;
		if (f < 0 || k.fields[f].type != FIELD_DATES)
			parse_error(p, e->line, e->valcol, "'not-applicable' "
			    "is 'FIELD VALUE...' naming a 'dates' field of "
			    "this kind");
		for (size_t j = 1; f >= 0 && j < n; j++) {
			int v = parse_word_index(k.fields[f].values,
			    k.fields[f].nvalues, w[j]);
			if (v < 0)
				parse_error(p, e->line, e->valcol, "'%s' is "
				    "not a value of field '%s'", w[j], w[0]);
			else
				k.fields[f].waivable |= 1u << v;
		}
		parse_words_free(w, n);
	}
	parse_unused(p, b);
	parse_marks(p, b, 0, NULL, NULL);
	c->kinds = parse_grow(c->kinds, c->nkinds + 1, sizeof *c->kinds);
	c->kinds[c->nkinds++] = k;
}

static void
parse_consequence(struct parser *p, struct block *b)
{
	struct catalog *c = p->c;
	struct catalog_consequence q = { 0 };
	struct entry *e = parse_get(p, b, "when", 1);
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
			parse_error(p, e->line, e->valcol,
			    "'when' is 'veto' or 'grade excellent|pass|"
			    "basic_pass|fail'");
	}
	q.kind = parse_text(p, b, "kind", 1);
	q.label = parse_text(p, b, "label", 1);
	q.citation = parse_text(p, b, "citation", 1);
	parse_yes_no(p, parse_get(p, b, "final-only", 0), &q.final_only);
	parse_unused(p, b);
	parse_marks(p, b, 0, NULL, NULL);
	c->consequences = parse_grow(c->consequences, c->nconsequences + 1,
	    sizeof *c->consequences);
	c->consequences[c->nconsequences++] = q;
}

int
catalog_fence(const char *s, size_t len, const char **info, size_t *infolen)
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
		"consequence", "document" };
	struct parser p = { .file = file, .d = d };
	long before = d->count;
	struct catalog *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	p.c = c;
	c->file = parse_strndup(file, strlen(file));
	c->source = parse_strndup(src, len);
	c->source_len = len;
	if (memchr(src, '\0', len) != NULL)
		parse_error(&p, 1, 1, "the catalog contains a NUL byte");
	if (sm3_hex(src, len, c->digest))
		parse_error(&p, 1, 1, "SM3 is not available from OpenSSL");

	struct block *b = calloc(1, sizeof *b);
	if (b == NULL) {
		catalog_free(c);
		return NULL;
	}
	const char *s = c->source, *end = c->source + len;
	long line = 0;
	int in_fence = 0; /* 1: a block of ours, 2: another fenced block */
	/* A document block's body: from the line after its `---` (NULL
	 * before it) to the closing fence. */
	const char *body = NULL;
	long body_line = 0;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		line++;
		const char *info;
		size_t infolen;
		if (catalog_fence(s, n, &info, &infolen)) {
			if (in_fence == 1 && strcmp(b->type, "document") == 0) {
				document_parse(&p, b, body, body ? (size_t)(s -
				    body) : 0, body_line);
				block_clear(b);
				in_fence = 0;
			} else if (in_fence == 1) {
				if (strcmp(b->type, "ruleset") == 0)
					parse_ruleset(&p, b);
				else if (strcmp(b->type, "kind") == 0)
					parse_kind(&p, b);
				else if (strcmp(b->type, "rule") == 0)
					rule_parse(&p, b);
				else
					parse_consequence(&p, b);
				block_clear(b);
				in_fence = 0;
			} else if (in_fence == 2) {
				in_fence = 0;
			} else {
				in_fence = 2;
				body = NULL;
				for (size_t t = 0; t < 5; t++)
					if (infolen == strlen(types[t]) &&
					    strncmp(info, types[t], infolen) == 0) {
						in_fence = 1;
						b->type = types[t];
						b->line = line;
					}
			}
		} else if (in_fence == 1 && body == NULL &&
		    strcmp(b->type, "document") == 0 && n >= 3 &&
		    strspn(s, "-") == 3 && strspn(s + 3, " \r") == n - 3) {
			body = nl ? nl + 1 : end;
			body_line = line + 1;
		} else if (in_fence == 1 && body == NULL) {
			block_line(&p, b, s, n, line);
		}
		s = nl ? nl + 1 : end;
	}
	if (in_fence == 1)
		parse_error(&p, b->line, 1, "%s block is not closed", b->type);
	block_clear(b);
	free(b);
	if (!p.ruleset_seen)
		parse_error(&p, 1, 1, "no ruleset block");
	rule_resolve(&p);
	if (c->nrules == 0)
		parse_error(&p, 1, 1, "no rule blocks");
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
