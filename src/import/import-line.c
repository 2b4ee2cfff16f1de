/*
 * One line of an import: validation by type, then the write (handed to
 * import-write.c, now or through the writer thread).
 *
 * Validation is a thin layer of typed getters between the JSON and the
 * program (after kcgi's kvalid): each getter checks presence, type and
 * range of one field and reports a problem naming that field, so a line's
 * every problem is reported, each once. Only a line found valid is
 * written.
 */
#include "import/import-int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_LEN 256
#define TEXT_MAX 4000
#define REASON_MAX 500 /* a step's not_applicable reason */

enum { LEVEL_PROVINCE, LEVEL_PREFECTURE, LEVEL_COUNTY, LEVEL_TOWNSHIP };
static const char *const levels[] = { "province", "prefecture", "county",
	"township", NULL };
static const char *const organ_kinds[] = { "party_committee", "government",
	"department", NULL };
static const char *const roles[] = { "principal", "deputy", NULL };
static const char *const statuses[] = { "submitted", "verified",
	"rejected", NULL };

void
import_bad(struct importer *im, const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_field(im->d, im->name, im->line, field, "%s", msg);
	im->line_errors++;
}

/* Length in characters of UTF-8 text (jansson has validated it). */
static size_t
chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20)
			return 1;
	return 0;
}

/*
 * A string field. required: absent or null is a problem. Returns the
 * string, or NULL (absent, or reported).
 */
static const char *
str(struct importer *im, struct jv *o, const char *field, int required,
    size_t max)
{
	struct jv *v = jv_get(o, field);
	if (v == NULL || jv_is_null(v)) {
		if (required)
			import_bad(im, field, "required");
		return NULL;
	}
	if (!jv_is_string(v)) {
		import_bad(im, field, "must be a string");
		return NULL;
	}
	const char *s = jv_str(v);
	if (required && *s == '\0') {
		import_bad(im, field, "must not be empty");
		return NULL;
	}
	if (chars(s) > max) {
		import_bad(im, field, "longer than %zu characters", max);
		return NULL;
	}
	if (max <= ID_MAX && has_control(s)) {
		import_bad(im, field, "contains control characters");
		return NULL;
	}
	return s;
}

/* An enumerated string; returns its index or -1. */
static int
choice(struct importer *im, struct jv *o, const char *field, int required,
    const char *const *values)
{
	const char *s = str(im, o, field, required, ID_MAX);
	if (s == NULL)
		return -1;
	for (int i = 0; values[i] != NULL; i++)
		if (strcmp(s, values[i]) == 0)
			return i;
	char list[256] = "";
	for (int i = 0; values[i] != NULL; i++) {
		strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
		strncat(list, values[i], sizeof list - strlen(list) - 1);
	}
	import_bad(im, field, "'%s' is not one of: %s", s, list);
	return -1;
}

/* A date field; returns 0 with *out set, 1 when absent, -1 reported. */
static int
date_field(struct importer *im, struct jv *o, const char *field, int required,
    date_t *out)
{
	struct jv *v = jv_get(o, field);
	if (v == NULL || jv_is_null(v)) {
		if (required) {
			import_bad(im, field, "required");
			return -1;
		}
		return 1;
	}
	if (!jv_is_string(v) || date_parse(jv_str(v), out)) {
		import_bad(im, field, "not a valid date (YYYY-MM-DD): %s",
		    jv_is_string(v) ? jv_str(v) : "not a string");
		return -1;
	}
	return 0;
}

/* A region's key << 3 | level rank, as the importer's map holds it. */
static int
region_lookup(struct importer *im, const char *code, int64_t *value)
{
	char level[16];
	int64_t key;
	int rc = store_region_key(im->s, code, &key, level, sizeof level);
	if (rc != 1)
		return rc;
	int rank = 0;
	for (int i = 0; levels[i] != NULL; i++)
		if (strcmp(level, levels[i]) == 0)
			rank = i;
	*value = key << 3 | rank;
	return 1;
}

/*
 * A reference to a known id. Returns 1 with *key set; 0 when absent and
 * optional; -1 when bad (reported); -2 when unknown while deferring (the
 * line waits for a later definition).
 */
static int
ref(struct importer *im, struct jv *o, const char *field, int required,
    int which, int64_t *key, int *deferred)
{
	*key = 0;
	struct jv *v = jv_get(o, field);
	if (!required && (v == NULL || jv_is_null(v)))
		return 0;
	const char *id = str(im, o, field, 1, ID_MAX);
	if (id == NULL)
		return -1;
	if (idmap_get(im->ids[which], id, key))
		return 1;
	if (im->lookup) {
		int rc = which == KNOWN_ORGAN ? store_organ_key(im->s, id, key) :
		    which == KNOWN_PERSON ? store_person_key(im->s, id, key) :
		    region_lookup(im, id, key);
		if (rc < 0) {
			im->failed = 1;
			return -1;
		}
		if (rc == 1)
			return 1;
	}
	if (im->deferring) {
		*deferred = 1;
		return -2;
	}
	static const char *const what[] = { "region", "organ", "person" };
	import_bad(im, field, "unknown %s '%s'", what[which], id);
	return -1;
}

/* Reports fields not in allowed (NULL-terminated) nor in extra. */
static void
unknown_fields(struct importer *im, struct jv *o, const char *const *allowed,
    const struct catalog_kind *kind)
{
	for (size_t m = 0; m < o->n; m++) {
		const char *key = o->u.members[m].key;
		int ok = 0;
		for (int i = 0; allowed[i] != NULL && !ok; i++)
			ok = key[0] == allowed[i][0] && strcmp(key, allowed[i]) == 0;
		if (!ok && kind != NULL && catalog_field_find(kind, key) >= 0)
			ok = 1;
		if (!ok)
			import_bad(im, key, kind ? "not a field of a '%s' "
			    "record" : "unknown field%s", kind ? kind->id : "");
	}
}

/*
 * The canonical text of an object, what re-imports compare: null members
 * dropped (absent and null are equal), keys sorted, compact. It lives in
 * the importer's buffer until the next line; NULL past its ceiling.
 */
static const char *
canonical(struct importer *im, struct jv *o)
{
	jv_drop_nulls(o);
	im->canonical = 1;
	buf_reset(&im->doc);
	if (jv_canonical(o, &im->doc))
		return NULL;
	return im->doc.data ? im->doc.data : "";
}

/*
 * Writes the row of a region, organ or person line o (all but its key and
 * canonical text filled) while lines are written, and knows id from then
 * on by its row's key shifted left by shift, low below it (a region's
 * level rank). The key is an existing row's, or for a new one in a file
 * import the next after the largest (which is what SQLite would give
 * it), or 0: the store numbers it, or nothing is written (after the
 * first bad line).
 */
static enum line_result
define(struct importer *im, int which, const char *id, struct jv *o,
    struct import_row *row, int shift, int64_t low)
{
	int64_t key = 0;
	if (im->writing) {
		int had = idmap_get(im->ids[which], id, &key);
		if (had)
			key >>= shift;
		row->key = had || im->lookup ? 0 : ++im->last_key[which];
		row->s[3] = canonical(im, o);
		if (import_row_queue(im, row))
			return LINE_BAD;
		if (!had)
			key = row->key;
	}
	if (idmap_put(im->ids[which], id, key << shift | low)) {
		im->failed = 1;
		return LINE_BAD;
	}
	return LINE_DONE;
}

static enum line_result
result(struct importer *im, int deferred)
{
	if (im->line_errors)
		return LINE_BAD;
	return deferred ? LINE_DEFERRED : LINE_DONE;
}

static enum line_result
region(struct importer *im, struct jv *o)
{
	static const char *const allowed[] = { "type", "code", "name", "level",
		"parent", NULL };
	int deferred = 0;
	int64_t parent = 0;
	unknown_fields(im, o, allowed, NULL);
	const char *code = str(im, o, "code", 1, ID_MAX);
	const char *name = str(im, o, "name", 1, NAME_MAX_LEN);
	int level = choice(im, o, "level", 1, levels);
	if (code != NULL && level >= 0) {
		size_t n = strlen(code);
		int digits = strspn(code, "0123456789") == n;
		int ok = level == LEVEL_TOWNSHIP ? n == 9 || n == 12 : n == 6;
		if (!digits || !ok)
			import_bad(im, "code", "'%s' is not a %s division code "
			    "(%s digits)", code, levels[level],
			    level == LEVEL_TOWNSHIP ? "9 or 12" : "6");
	}
	struct jv *pv = jv_get(o, "parent");
	int given = pv != NULL && !jv_is_null(pv);
	if (level == LEVEL_PROVINCE && given)
		import_bad(im, "parent", "a province has no parent");
	else if (level > LEVEL_PROVINCE && !given)
		import_bad(im, "parent", "required for a %s", levels[level]);
	else if (given && ref(im, o, "parent", 1, KNOWN_REGION, &parent,
	    &deferred) == 1 && level >= 0 && (parent & 7) >= level)
		import_bad(im, "parent", "a %s cannot lie under a %s",
		    levels[level], levels[parent & 7]);
	enum line_result r = result(im, deferred);
	if (r != LINE_DONE)
		return r;
	struct import_row row = { .type = ROW_REGION, .ref = { parent >> 3 },
		.s = { code, name, levels[level] } };
	return define(im, KNOWN_REGION, code, o, &row, 3, level);
}

static enum line_result
organ(struct importer *im, struct jv *o)
{
	static const char *const allowed[] = { "type", "id", "region", "kind",
		"name", "parent_organ", NULL };
	int deferred = 0;
	int64_t reg = 0, parent = 0;
	unknown_fields(im, o, allowed, NULL);
	const char *id = str(im, o, "id", 1, ID_MAX);
	ref(im, o, "region", 1, KNOWN_REGION, &reg, &deferred);
	int kind = choice(im, o, "kind", 1, organ_kinds);
	const char *name = str(im, o, "name", 1, NAME_MAX_LEN);
	ref(im, o, "parent_organ", 0, KNOWN_ORGAN, &parent, &deferred);
	enum line_result r = result(im, deferred);
	if (r != LINE_DONE)
		return r;
	struct import_row row = { .type = ROW_ORGAN, .ref = { reg >> 3, parent },
		.s = { id, organ_kinds[kind], name } };
	return define(im, KNOWN_ORGAN, id, o, &row, 0, 0);
}

static enum line_result
person(struct importer *im, struct jv *o)
{
	static const char *const allowed[] = { "type", "id", "name", NULL };
	unknown_fields(im, o, allowed, NULL);
	const char *id = str(im, o, "id", 1, ID_MAX);
	const char *name = str(im, o, "name", 1, NAME_MAX_LEN);
	if (im->line_errors)
		return LINE_BAD;
	struct import_row row = { .type = ROW_PERSON, .s = { id, name } };
	return define(im, KNOWN_PERSON, id, o, &row, 0, 0);
}

static enum line_result
tenure(struct importer *im, struct jv *o)
{
	static const char *const allowed[] = { "type", "id", "person", "organ",
		"role", "start", "end", NULL };
	int deferred = 0;
	int64_t per = 0, org = 0;
	date_t start = 0, end = DATE_NONE;
	unknown_fields(im, o, allowed, NULL);
	const char *id = str(im, o, "id", 1, ID_MAX);
	ref(im, o, "person", 1, KNOWN_PERSON, &per, &deferred);
	ref(im, o, "organ", 1, KNOWN_ORGAN, &org, &deferred);
	int role = choice(im, o, "role", 1, roles);
	int has_start = date_field(im, o, "start", 1, &start);
	if (date_field(im, o, "end", 0, &end) == 0 && has_start == 0 &&
	    end < start)
		import_bad(im, "end", "before start");
	enum line_result r = result(im, deferred);
	if (r != LINE_DONE || !im->writing)
		return r;
	struct import_row row = { .type = ROW_TENURE, .ref = { per, org },
		.date = { start, end },
		.s = { id, roles[role], NULL, canonical(im, o) } };
	return import_row_queue(im, &row) ? LINE_BAD : LINE_DONE;
}

/*
 * Whether date d, of something a record says was done, lies after today
 * (checked only where im->today is set): reported against field (and
 * key, a step of a `dates` field). Returns 1 when reported.
 */
static int
future(struct importer *im, date_t d, const char *field, const char *key)
{
	char t[11];
	if (im->today == DATE_NONE || d <= im->today)
		return 0;
	date_format(im->today, t);
	if (key != NULL)
		import_bad(im, field, "'%s' lies in the future (today is %s): "
		    "a record is of something done", key, t);
	else
		import_bad(im, field, "lies in the future (today is %s): a "
		    "record is of something done", t);
	return 1;
}

/*
 * Asks the guard (import_object's caller) whether a valid row may be
 * written; the operator's import has none. Returns 0 to write, -1 when
 * refused (the guard has said why).
 */
static int
guarded(struct importer *im, const struct import_check *c)
{
	if (im->guard == NULL || im->guard->check(im->guard->ctx, c) == 0)
		return 0;
	im->refused = 1;
	return -1;
}

/* After a create's write: a create adds a row or fails, never changes
 * one (the guard refuses an existing id; this holds if it did not).
 * Returns 0, or -1 with im->failed set. */
static int
created(struct importer *im)
{
	if (im->guard == NULL || !im->guard->create ||
	    im->put == STORE_INSERTED)
		return 0;
	im->failed = 1;
	return -1;
}

/*
 * A step of a `dates` field recorded as {"not_applicable": "reason"}:
 * only for the keys the catalog lets go (`not-applicable`), and with a
 * reason. Returns 0 when it is well formed.
 */
static int
not_applicable(struct importer *im, const char *name,
    const struct catalog_field *f, const char *key, const struct jv *x)
{
	int w = -1;
	for (size_t j = 0; j < f->nvalues; j++)
		if (strcmp(key, f->values[j]) == 0)
			w = (int)j;
	if (w < 0 || !(f->waivable >> w & 1u)) {
		import_bad(im, name, "'%s' is always required: it takes a "
		    "date, not not_applicable", key);
		return -1;
	}
	const struct jv *r = jv_get(x, "not_applicable");
	if (x->n != 1 || r == NULL) {
		import_bad(im, name, "'%s' is a date or {\"not_applicable\": "
		    "\"reason\"}", key);
		return -1;
	}
	const char *s = jv_is_string(r) ? jv_str(r) : NULL;
	size_t n = s != NULL ? chars(s) : 0;
	int blank = 1;
	for (const char *c = s; c != NULL && *c; c++)
		blank &= *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r';
	if (s == NULL || blank || n > REASON_MAX) {
		import_bad(im, name, "'%s': not_applicable needs a reason of 1 "
		    "to %d characters", key, REASON_MAX);
		return -1;
	}
	return 0;
}

/* Checks one of a record kind's own fields. */
static void
kind_field(struct importer *im, struct jv *v, const char *name,
    const struct catalog_field *f)
{
	date_t d;
	switch (f->type) {
	case FIELD_YEAR:
		if (!jv_is(v, JV_INT) || jv_int(v) < 1900 || jv_int(v) > 2200)
			import_bad(im, name, "must be a year (a whole number)");
		break;
	case FIELD_INT:
		if (!jv_is(v, JV_INT))
			import_bad(im, name, "must be a whole number");
		break;
	case FIELD_DATE:
		if (!jv_is_string(v) || date_parse(jv_str(v), &d))
			import_bad(im, name, "not a valid date (YYYY-MM-DD)");
		else
			future(im, d, name, NULL);
		break;
	case FIELD_BOOL:
		if (!jv_is_bool(v))
			import_bad(im, name, "must be true or false");
		break;
	case FIELD_TEXT:
		if (!jv_is_string(v) || chars(jv_str(v)) > TEXT_MAX)
			import_bad(im, name, "must be a string of at most %d "
			    "characters", TEXT_MAX);
		break;
	case FIELD_SET: {
		size_t i, j;
		if (!jv_is(v, JV_ARRAY)) {
			import_bad(im, name, "must be a list");
			break;
		}
		for (i = 0; i < v->n; i++) {
			const struct jv *x = &v->u.items[i];
			int ok = 0;
			for (j = 0; jv_is_string(x) && j < f->nvalues; j++)
				ok |= strcmp(jv_str(x), f->values[j]) == 0;
			for (j = 0; ok && j < i; j++)
				ok = !jv_equal(x, &v->u.items[j]);
			if (!ok) {
				import_bad(im, name, "item %zu is not one of "
				    "the allowed values, or repeats one",
				    i + 1);
				break;
			}
		}
		break;
	}
	case FIELD_DATES: {
		if (!jv_is(v, JV_OBJECT)) {
			import_bad(im, name, "must be an object of dates");
			break;
		}
		for (size_t m = 0; m < v->n; m++) {
			const char *k = v->u.members[m].key;
			const struct jv *x = &v->u.members[m].v;
			int ok = 0;
			for (size_t j = 0; j < f->nvalues; j++)
				ok |= strcmp(k, f->values[j]) == 0;
			if (!ok) {
				import_bad(im, name, "'%s' is not one of its "
				    "keys", k);
				break;
			}
			if (jv_is(x, JV_OBJECT)) {
				if (not_applicable(im, name, f, k, x))
					break;
				continue;
			}
			if (!jv_is_string(x) || date_parse(jv_str(x), &d)) {
				import_bad(im, name, "'%s' is not a valid date",
				    k);
				break;
			}
			if (future(im, d, name, k))
				break;
		}
		break;
	}
	}
}

/* A record kind of the catalog, the newest version's first (a kind an
 * older version alone defines is still one for records of its time), or
 * NULL; by a map built on first use (a file of millions of records asks
 * millions of times) from (version << 16 | index). */
static const struct catalog_kind *
kind_of(struct importer *im, const char *id)
{
	int64_t k;
	size_t nv = catalog_version_count(im->c);
	if (im->kinds == NULL) {
		im->kinds = idmap_create();
		for (size_t v = nv; im->kinds != NULL && v-- > 0;) {
			const struct catalog *c = catalog_version(im->c, v);
			for (size_t i = 0; im->kinds != NULL && i < c->nkinds &&
			    i < 0x10000; i++)
				if (c->kinds[i].id != NULL &&
				    !idmap_get(im->kinds, c->kinds[i].id, NULL) &&
				    idmap_put(im->kinds, c->kinds[i].id,
				    (int64_t)(v << 16 | i))) {
					idmap_free(im->kinds);
					im->kinds = NULL;
				}
		}
		if (im->kinds == NULL) {
			int i = catalog_kind_find(im->c, id);
			return i >= 0 ? &im->c->kinds[i] : NULL;
		}
	}
	if (!idmap_get(im->kinds, id, &k))
		return NULL;
	return &catalog_version(im->c, (size_t)(k >> 16))->kinds[k & 0xffff];
}

/* The determination a finding carries, where it is given: its basis
 * (an inspection, a case or a report) with a reference (the inspection's
 * or the case's id, or the report's text), the account that determined
 * it and the day. The API requires the basis and sets who and when
 * (api-records.c); an import (the operator) may leave them out. */
static void
determination(struct importer *im, struct jv *o)
{
	static const char *const bases[] = { "inspection", "case", "report",
		NULL };
	date_t on;
	int basis = choice(im, o, "basis", 0, bases);
	const char *ref = str(im, o, "basis_ref", 0, 2000);
	struct jv *given = jv_get(o, "basis_ref");
	if (ref != NULL && *ref == '\0')
		import_bad(im, "basis_ref", "must not be empty");
	else if (basis >= 0 && (given == NULL || jv_is_null(given)))
		import_bad(im, "basis_ref", "required with a basis (the "
		    "inspection's or the case's id, or what the report says)");
	str(im, o, "determined_by", 0, NAME_MAX_LEN);
	if (date_field(im, o, "determined_on", 0, &on) == 0)
		future(im, on, "determined_on", NULL);
}

/*
 * A finding the catalog's duties would not count is refused: where every
 * duty that looks for the kind filters on a field (the 第九条 duties on
 * `item`), the value must be one of theirs, or the determination would
 * change nothing (an accountability_finding without its item, or item 7).
 */
static void
counted(struct importer *im, const struct catalog_kind *kind, struct jv *o)
{
	const struct catalog *c = im->c;
	int k = catalog_kind_find(c, kind->id), field = -1;
	char values[256] = "";
	size_t used = 0;
	for (size_t i = 0; k >= 0 && i < c->nrules; i++) {
		const struct catalog_rule *r = &c->rules[i];
		if (r->kind != k || r->measure != MEASURE_ABSENCE)
			continue;
		if (r->where_field < 0 || catalog_where_matches_jv(c, r, o))
			return;
		field = r->where_field;
		int n = snprintf(values + used, sizeof values - used, "%s%s",
		    used ? ", " : "", r->where_value);
		if (n > 0 && (size_t)n < sizeof values - used)
			used += (size_t)n;
	}
	if (field >= 0)
		import_bad(im, c->kinds[k].fields[field].name, "no duty of the "
		    "catalog counts this finding: must be one of %s", values);
}

static enum line_result
record(struct importer *im, struct jv *o)
{
	static const char *const allowed[] = { "type", "id", "kind", "organ",
		"date", "title", "person", "status", "evidence", NULL };
	/* A finding carries its determination: on what basis, by whom, when
	 * (docs/security.md, "Findings are determinations"). */
	static const char *const allowed_finding[] = { "type", "id", "kind",
		"organ", "date", "title", "person", "status", "evidence", "basis",
		"basis_ref", "determined_by", "determined_on", NULL };
	int deferred = 0;
	int64_t org = 0, per = 0;
	date_t date = 0;
	const struct catalog_kind *kind = NULL;
	const char *id = str(im, o, "id", 1, ID_MAX);
	const char *kind_id = str(im, o, "kind", 1, ID_MAX);
	if (kind_id != NULL) {
		kind = kind_of(im, kind_id);
		if (kind == NULL)
			import_bad(im, "kind", "unknown record kind '%s'",
			    kind_id);
	}
	unknown_fields(im, o, kind != NULL && kind->finding ? allowed_finding :
	    allowed, kind);
	if (kind != NULL && kind->finding) {
		determination(im, o);
		counted(im, kind, o);
	}
	ref(im, o, "organ", 1, KNOWN_ORGAN, &org, &deferred);
	if (date_field(im, o, "date", 1, &date) == 0)
		future(im, date, "date", NULL);
	const char *title = str(im, o, "title", 0, TEXT_MAX);
	ref(im, o, "person", kind != NULL && kind->person_required,
	    KNOWN_PERSON, &per, &deferred);
	int status = choice(im, o, "status", 0, statuses);
	struct jv *ev = jv_get(o, "evidence");
	if (ev != NULL && !jv_is_null(ev)) {
		int ok = jv_is(ev, JV_ARRAY) && ev->n <= 100;
		for (size_t i = 0; jv_is(ev, JV_ARRAY) && i < ev->n; i++)
			ok &= jv_is_string(&ev->u.items[i]) &&
			    ev->u.items[i].n > 0 && ev->u.items[i].n <= 512;
		if (!ok)
			import_bad(im, "evidence", "must be a list of at most "
			    "100 file references (strings)");
	}
	for (size_t i = 0; kind != NULL && i < kind->nfields; i++) {
		struct jv *v = jv_get(o, kind->fields[i].name);
		if (v != NULL && !jv_is_null(v))
			kind_field(im, v, kind->fields[i].name, &kind->fields[i]);
	}
	enum line_result r = result(im, deferred);
	if (r != LINE_DONE || !im->writing)
		return r;
	struct jv *about = jv_get(o, "about_year");
	struct import_check check = { .type = "record", .id = id,
		.kind = kind_id, .organ = jv_str(jv_get(o, "organ")),
		.person = per ? jv_str(jv_get(o, "person")) : NULL, .date = date,
		.year = jv_is(about, JV_INT) ? (int)jv_int(about) : 0 };
	if (guarded(im, &check))
		return LINE_BAD;
	if (status < 0) {
		status = 0;
		struct jv st = { .type = JV_STRING, .n = strlen(statuses[0]),
			.u.s = statuses[0] };
		jv_set(im->arena, o, "status", &st);
		im->status_added = 1;
	}
	int fresh = im->seen != NULL ? idset_add(im->seen, id) : 0;
	if (fresh < 0) {
		im->failed = 1;
		return LINE_BAD;
	}
	struct import_row row = { .type = ROW_RECORD, .ref = { org, per },
		.date = { date }, .fresh = fresh,
		.s = { id, kind_id, statuses[status], canonical(im, o), title } };
	return import_row_queue(im, &row) || created(im) ? LINE_BAD : LINE_DONE;
}

static enum line_result
score(struct importer *im, struct jv *o)
{
	static const char *const allowed[] = { "type", "person", "year", "duty",
		"score", "by", "comment", NULL };
	int deferred = 0;
	int64_t per = 0;
	unknown_fields(im, o, allowed, NULL);
	ref(im, o, "person", 1, KNOWN_PERSON, &per, &deferred);
	struct jv *y = jv_get(o, "year");
	if (!jv_is(y, JV_INT) || jv_int(y) < 1900 || jv_int(y) > 2200)
		import_bad(im, "year", y ? "must be a year (a whole number)" :
		    "required");
	const char *duty = str(im, o, "duty", 1, ID_MAX);
	if (duty != NULL) {
		int k = catalog_rule_find(im->c, duty);
		if (k < 0)
			import_bad(im, "duty", "unknown duty '%s'", duty);
		else if (im->c->rules[k].measure != MEASURE_QUALITATIVE)
			import_bad(im, "duty", "'%s' is measured from records, "
			    "not scored", duty);
	}
	struct jv *sc = jv_get(o, "score");
	double value = jv_is_number(sc) ? jv_number(sc) : NAN;
	if (!(value >= 0 && value <= 100))
		import_bad(im, "score", sc ? "must be a number from 0 to 100" :
		    "required");
	const char *by = str(im, o, "by", 1, NAME_MAX_LEN);
	const char *comment = str(im, o, "comment", 0, TEXT_MAX);
	enum line_result r = result(im, deferred);
	if (r != LINE_DONE || !im->writing)
		return r;
	/* The audit's name for a score (both strings checked above). */
	const char *pid = jv_str(jv_get(o, "person"));
	struct import_check check = { .type = "score", .person = pid,
		.year = (int)jv_int(y), .duty = duty };
	if (guarded(im, &check))
		return LINE_BAD;
	char id[ID_MAX * 2 + 32];
	snprintf(id, sizeof id, "%s/%d/%s", pid ? pid : "", (int)jv_int(y),
	    duty ? duty : "");
	const char *doc = canonical(im, o);
	struct import_row row = { .type = ROW_SCORE, .ref = { per },
		.year = (int)jv_int(y), .score = value,
		.s = { id, duty, by, doc, comment } };
	return import_row_queue(im, &row) ? LINE_BAD : LINE_DONE;
}

enum line_result
import_line(struct importer *im, struct jv *o)
{
	static const struct {
		const char *type;
		enum line_result (*fn)(struct importer *, struct jv *);
	} types[] = { { "region", region }, { "organ", organ },
		{ "person", person }, { "tenure", tenure },
		{ "record", record }, { "score", score } };
	im->line_errors = 0;
	im->canonical = im->status_added = 0;
	if (!jv_is(o, JV_OBJECT)) {
		import_bad(im, "line", "must be a JSON object");
		return LINE_BAD;
	}
	struct jv *t = jv_get(o, "type");
	if (t == NULL) {
		import_bad(im, "type", "required");
		return LINE_BAD;
	}
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (jv_is_string(t) && strcmp(jv_str(t),
		    types[i].type) == 0)
			return types[i].fn(im, o);
	import_bad(im, "type", "unknown type %s%s%s (region, organ, person, "
	    "tenure, record, score)", jv_is_string(t) ? "'" : "",
	    jv_is_string(t) ? jv_str(t) : "(not a string)", jv_is_string(t) ?
	    "'" : "");
	return LINE_BAD;
}
