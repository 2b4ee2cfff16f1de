/*
 * jv: the parser, the jansson bridge and the canonical writer.
 *
 * The parser is a recursive descent over the bytes with no allocation but
 * from the arena. Its rule is to agree with jansson or to give up: every
 * construct it is unsure of (a backslash in a string, a fraction or an
 * exponent, a number too long for a 64-bit integer without thought, a
 * member past MEMBERS_MAX, nesting past DEPTH_MAX) returns NULL, and the
 * caller asks jansson. UTF-8 in strings is checked exactly as jansson
 * checks it (no overlong forms, no surrogates, nothing past U+10FFFF), and
 * duplicate keys are refused as JSON_REJECT_DUPLICATES refuses them.
 */
#include "base/jv.h"

#include <stdlib.h>
#include <string.h>

#include "base/jw.h"

#define DEPTH_MAX 32
#define MEMBERS_MAX 64  /* duplicate checks are quadratic below this */
#define DIGITS_MAX 18   /* always within a long long */

struct parser {
	struct arena *a;
	const unsigned char *p, *end;
	int depth;
};

static int value(struct parser *ps, struct jv *out);

static void
ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

/* Length of the UTF-8 sequence at q (at most avail bytes), 0 if invalid
 * as jansson's utf8_check_first and utf8_check_full judge it. */
static size_t
utf8_len(const unsigned char *q, size_t avail)
{
	unsigned char u = q[0];
	size_t n;
	unsigned long v;
	if (u >= 0xC2 && u <= 0xDF) {
		n = 2;
		v = u & 0x1F;
	} else if (u >= 0xE0 && u <= 0xEF) {
		n = 3;
		v = u & 0x0F;
	} else if (u >= 0xF0 && u <= 0xF4) {
		n = 4;
		v = u & 0x07;
	} else {
		return 0;
	}
	if (n > avail)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if (q[i] < 0x80 || q[i] > 0xBF)
			return 0;
		v = (v << 6) | (q[i] & 0x3F);
	}
	if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ||
	    (n == 3 && v < 0x800) || (n == 4 && v < 0x10000))
		return 0;
	return n;
}

/* A string at ps->p (the opening quote), copied into the arena. */
static int
string(struct parser *ps, const char **s, size_t *len)
{
	const unsigned char *start = ++ps->p, *q = start, *end = ps->end;
	for (;;) {
		while (q < end && *q >= 0x20 && *q < 0x80 && *q != '"' &&
		    *q != '\\')
			q++;
		if (q >= end || *q < 0x20 || *q == '\\')
			return -1;
		if (*q == '"')
			break;
		size_t n = utf8_len(q, (size_t)(end - q));
		if (n == 0)
			return -1;
		q += n;
	}
	size_t n = (size_t)(q - start);
	char *copy = arena_alloc(ps->a, n + 1);
	memcpy(copy, start, n);
	copy[n] = '\0';
	*s = copy;
	*len = n;
	ps->p = q + 1;
	return 0;
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* An integer as jansson reads it; reals and "-0" are left to jansson. */
static int
number(struct parser *ps, struct jv *out)
{
	const unsigned char *q = ps->p, *end = ps->end;
	int neg = 0;
	if (*q == '-') {
		neg = 1;
		q++;
	}
	if (q >= end || !is_digit(*q))
		return -1;
	long long v = 0;
	if (*q == '0') {
		q++;
		if (neg)
			return -1;
	} else {
		int digits = 0;
		while (q < end && is_digit(*q)) {
			if (++digits > DIGITS_MAX)
				return -1;
			v = v * 10 + (*q++ - '0');
		}
	}
	if (q < end && (is_digit(*q) || *q == '.' || *q == 'e' || *q == 'E'))
		return -1;
	out->type = JV_INT;
	out->u.i = neg ? -v : v;
	ps->p = q;
	return 0;
}

static int
literal(struct parser *ps, const char *word, enum jv_type t, struct jv *out)
{
	size_t n = strlen(word);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return -1;
	ps->p += n;
	out->type = t;
	return 0;
}

/*
 * After a member or an item: a ',' (returns 0, more follow) or the list's
 * closing bracket (returns 1); anything else, -1.
 */
static int
list_next(struct parser *ps, char close)
{
	ws(ps);
	if (ps->p >= ps->end)
		return -1;
	if (*ps->p == ',') {
		ps->p++;
		return 0;
	}
	if (*ps->p != close)
		return -1;
	ps->p++;
	return 1;
}

/* A list's next value into *v and what follows it: as list_next, or -1
 * for a bad value. */
static int
item(struct parser *ps, struct jv *v, char close)
{
	return value(ps, v) ? -1 : list_next(ps, close);
}

/*
 * Takes a list's opening bracket and the space after it: 1 when the list
 * closes at once (its closing bracket taken too), else 0.
 */
static int
list_open(struct parser *ps, char close)
{
	ps->p++;
	ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 1;
	}
	return 0;
}

/* v, n elements of size bytes, with room for one more: once it holds *cap,
 * a copy twice as large in the arena. */
static void *
room(struct arena *a, void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	void *bigger = arena_alloc(a, 2 * *cap * size);
	memcpy(bigger, v, n * size);
	*cap *= 2;
	return bigger;
}

static int
object(struct parser *ps, struct jv *out)
{
	size_t n = 0, cap = 8;
	struct jv_member *m = arena_alloc(ps->a, cap * sizeof *m);
	int end = list_open(ps, '}');
	while (end == 0) {
		const char *key;
		size_t klen;
		ws(ps);
		if (ps->p >= ps->end || *ps->p != '"' || string(ps, &key, &klen))
			return -1;
		for (size_t i = 0; i < n; i++)
			if (m[i].key[0] == key[0] && strcmp(m[i].key, key) == 0)
				return -1; /* a duplicate: jansson words it */
		ws(ps);
		if (ps->p >= ps->end || *ps->p != ':')
			return -1;
		ps->p++;
		if (n == MEMBERS_MAX)
			return -1;
		m = room(ps->a, m, n, &cap, sizeof *m);
		m[n].key = key;
		end = item(ps, &m[n++].v, '}');
	}
	out->type = JV_OBJECT;
	out->n = n;
	out->u.members = m;
	return end < 0 ? -1 : 0;
}

static int
array(struct parser *ps, struct jv *out)
{
	size_t n = 0, cap = 8;
	struct jv *v = arena_alloc(ps->a, cap * sizeof *v);
	int end = list_open(ps, ']');
	while (end == 0) {
		v = room(ps->a, v, n, &cap, sizeof *v);
		end = item(ps, &v[n++], ']');
	}
	out->type = JV_ARRAY;
	out->n = n;
	out->u.items = v;
	return end < 0 ? -1 : 0;
}

static int
value(struct parser *ps, struct jv *out)
{
	int rc;
	memset(out, 0, sizeof *out);
	ws(ps);
	if (ps->p >= ps->end)
		return -1;
	switch (*ps->p) {
	case '{':
	case '[':
		if (++ps->depth > DEPTH_MAX)
			return -1;
		rc = *ps->p == '{' ? object(ps, out) : array(ps, out);
		ps->depth--;
		return rc;
	case '"':
		out->type = JV_STRING;
		return string(ps, &out->u.s, &out->n);
	case 't':
		return literal(ps, "true", JV_TRUE, out);
	case 'f':
		return literal(ps, "false", JV_FALSE, out);
	case 'n':
		return literal(ps, "null", JV_NULL, out);
	default:
		return number(ps, out);
	}
}

struct jv *
jv_parse(struct arena *a, const char *text, size_t len)
{
	struct parser ps = { a, (const unsigned char *)text,
		(const unsigned char *)text + len, 0 };
	struct jv *v = arena_alloc(a, sizeof *v);
	ws(&ps);
	if (ps.p >= ps.end || (*ps.p != '{' && *ps.p != '['))
		return NULL;
	if (value(&ps, v))
		return NULL;
	ws(&ps);
	return ps.p == ps.end ? v : NULL;
}

static void
from(struct arena *a, const json_t *j, struct jv *out)
{
	memset(out, 0, sizeof *out);
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *v;
		size_t i = 0;
		out->type = JV_OBJECT;
		out->n = json_object_size(j);
		out->u.members = arena_alloc(a, (out->n + 1) *
		    sizeof *out->u.members);
		json_object_foreach((json_t *)j, key, v) {
			out->u.members[i].key = arena_strdup(a, key);
			from(a, v, &out->u.members[i].v);
			i++;
		}
		break;
	}
	case JSON_ARRAY:
		out->type = JV_ARRAY;
		out->n = json_array_size(j);
		out->u.items = arena_alloc(a, (out->n + 1) * sizeof *out->u.items);
		for (size_t i = 0; i < out->n; i++)
			from(a, json_array_get(j, i), &out->u.items[i]);
		break;
	case JSON_STRING: {
		size_t n = json_string_length(j);
		char *s = arena_alloc(a, n + 1);
		memcpy(s, json_string_value(j), n);
		s[n] = '\0';
		out->type = JV_STRING;
		out->n = n;
		out->u.s = s;
		break;
	}
	case JSON_INTEGER:
		out->type = JV_INT;
		out->u.i = json_integer_value(j);
		break;
	case JSON_REAL:
		out->type = JV_REAL;
		out->u.r = json_real_value(j);
		break;
	case JSON_TRUE:
		out->type = JV_TRUE;
		break;
	case JSON_FALSE:
		out->type = JV_FALSE;
		break;
	case JSON_NULL:
		out->type = JV_NULL;
		break;
	}
}

struct jv *
jv_from_json(struct arena *a, const json_t *j)
{
	struct jv *v = arena_alloc(a, sizeof *v);
	from(a, j, v);
	return v;
}

struct jv *
jv_get(const struct jv *o, const char *key)
{
	if (!jv_is(o, JV_OBJECT))
		return NULL;
	for (size_t i = 0; i < o->n; i++)
		if (o->u.members[i].key[0] == key[0] &&
		    strcmp(o->u.members[i].key, key) == 0)
			return &o->u.members[i].v;
	return NULL;
}

void
jv_set(struct arena *a, struct jv *o, const char *key, const struct jv *v)
{
	struct jv *have = jv_get(o, key);
	if (have != NULL) {
		*have = *v;
		return;
	}
	struct jv_member *m = arena_alloc(a, (o->n + 1) * sizeof *m);
	if (o->n)
		memcpy(m, o->u.members, o->n * sizeof *m);
	m[o->n].key = key;
	m[o->n].v = *v;
	o->u.members = m;
	o->n++;
}

void
jv_drop_nulls(struct jv *o)
{
	if (!jv_is(o, JV_OBJECT))
		return;
	size_t keep = 0;
	for (size_t i = 0; i < o->n; i++)
		if (o->u.members[i].v.type != JV_NULL)
			o->u.members[keep++] = o->u.members[i];
	o->n = keep;
}

int
jv_equal(const struct jv *x, const struct jv *y)
{
	if (x == NULL || y == NULL || x->type != y->type)
		return 0;
	switch (x->type) {
	case JV_NULL:
	case JV_TRUE:
	case JV_FALSE:
		return 1;
	case JV_INT:
		return x->u.i == y->u.i;
	case JV_REAL:
		return x->u.r == y->u.r;
	case JV_STRING:
		return x->n == y->n && memcmp(x->u.s, y->u.s, x->n) == 0;
	case JV_ARRAY:
		if (x->n != y->n)
			return 0;
		for (size_t i = 0; i < x->n; i++)
			if (!jv_equal(&x->u.items[i], &y->u.items[i]))
				return 0;
		return 1;
	case JV_OBJECT:
		if (x->n != y->n)
			return 0;
		for (size_t i = 0; i < x->n; i++)
			if (!jv_equal(&x->u.members[i].v, jv_get(y,
			    x->u.members[i].key)))
				return 0;
		return 1;
	}
	return 0;
}

/* strcmp's order; most keys differ in their first byte, so that one is
 * compared here (a call per comparison was a tenth of an import's
 * canonicalising). */
static int
key_cmp(const char *a, const char *b)
{
	if (a[0] != b[0])
		return (unsigned char)a[0] - (unsigned char)b[0];
	return strcmp(a, b);
}

static int
by_key(const void *a, const void *b)
{
	return key_cmp((*(const struct jv_member *const *)a)->key,
	    (*(const struct jv_member *const *)b)->key);
}

static int
dump(const struct jv *v, struct buf *b)
{
	switch (v->type) {
	case JV_NULL:
		return jw_null(b);
	case JV_TRUE:
		return jw_bool(b, 1);
	case JV_FALSE:
		return jw_bool(b, 0);
	case JV_INT:
		return jw_int(b, v->u.i);
	case JV_REAL:
		return jw_real(b, v->u.r);
	case JV_STRING:
		return jw_strn(b, v->u.s, v->n);
	case JV_ARRAY:
		if (buf_putc(b, '['))
			return -1;
		for (size_t i = 0; i < v->n; i++)
			if ((i && buf_putc(b, ',')) || dump(&v->u.items[i], b))
				return -1;
		return buf_putc(b, ']');
	case JV_OBJECT: {
		/* Keys in byte order, as jansson's JSON_SORT_KEYS. */
		const struct jv_member *small[MEMBERS_MAX], **m = small;
		int rc = -1;
		if (v->n > MEMBERS_MAX && (m = malloc(v->n * sizeof *m)) == NULL)
			return -1;
		for (size_t i = 0; i < v->n; i++)
			m[i] = &v->u.members[i];
		if (v->n <= 8) {
			for (size_t i = 1; i < v->n; i++)
				for (size_t j = i; j > 0 && key_cmp(m[j - 1]->key,
				    m[j]->key) > 0; j--) {
					const struct jv_member *t = m[j];
					m[j] = m[j - 1];
					m[j - 1] = t;
				}
		} else {
			qsort(m, v->n, sizeof *m, by_key);
		}
		if (buf_putc(b, '{'))
			goto out;
		for (size_t i = 0; i < v->n; i++)
			if ((i && buf_putc(b, ',')) || jw_key(b, m[i]->key) ||
			    dump(&m[i]->v, b))
				goto out;
		rc = buf_putc(b, '}');
out:
		if (m != small)
			free(m);
		return rc;
	}
	}
	return -1;
}

int
jv_canonical(const struct jv *v, struct buf *b)
{
	return dump(v, b);
}
