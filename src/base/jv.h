/*
 * jv: a small JSON value for hot paths, allocated from an arena.
 *
 * The importer reads millions of one-object lines; jansson spends most of
 * that time in malloc and free, one per key and value. A jv lives in an
 * arena that is reset once per line, and its parser handles the text such
 * lines are made of. jv_parse is deliberately partial: it accepts only
 * text that jansson (json_loadb with JSON_REJECT_DUPLICATES) also accepts,
 * with the same values, and returns NULL for the rest — invalid text and
 * what it does not handle (escapes in strings, reals, integers of 19 or
 * more digits, "-0", deep nesting, large objects). Callers then parse with
 * jansson, for its diagnostics or its value (jv_from_json converts).
 *
 * Objects keep their members in document order, as jansson does.
 * jv_canonical writes what json_dumps(JSON_COMPACT | JSON_SORT_KEYS)
 * writes, byte for byte.
 */
#ifndef LVZHI_JV_H
#define LVZHI_JV_H

#include <jansson.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

enum jv_type {
	JV_NULL,
	JV_FALSE,
	JV_TRUE,
	JV_INT,
	JV_REAL,
	JV_STRING,
	JV_ARRAY,
	JV_OBJECT,
};

struct jv_member;

struct jv {
	enum jv_type type;
	size_t n; /* string: bytes; array: items; object: members */
	union {
		long long i;
		double r;
		const char *s;           /* NUL-terminated */
		struct jv *items;        /* array */
		struct jv_member *members; /* object */
	} u;
};

struct jv_member {
	const char *key;
	struct jv v;
};

/* Parses one JSON object or array (the whole text); NULL when the text is
 * invalid or outside what this parser handles (see above). */
struct jv *jv_parse(struct arena *a, const char *text, size_t len);
/* A copy of a jansson value in a. */
struct jv *jv_from_json(struct arena *a, const json_t *j);

/* The member key of object o, or NULL (also when o is not an object). */
struct jv *jv_get(const struct jv *o, const char *key);
/* Sets key of object o to v (replacing in place, else appending); the key
 * must outlive o (a literal, or arena memory). */
void jv_set(struct arena *a, struct jv *o, const char *key,
    const struct jv *v);
/* Removes the members whose value is null, keeping the order. */
void jv_drop_nulls(struct jv *o);
/* Whether two values are equal (as json_equal). */
int jv_equal(const struct jv *x, const struct jv *y);

/* Type tests that accept NULL (absent) and answer false. */
static inline int jv_is(const struct jv *v, enum jv_type t)
{
	return v != NULL && v->type == t;
}
static inline int jv_is_null(const struct jv *v)
{
	return v != NULL && v->type == JV_NULL;
}
static inline int jv_is_string(const struct jv *v)
{
	return jv_is(v, JV_STRING);
}
static inline int jv_is_bool(const struct jv *v)
{
	return v != NULL && (v->type == JV_TRUE || v->type == JV_FALSE);
}
static inline int jv_is_number(const struct jv *v)
{
	return v != NULL && (v->type == JV_INT || v->type == JV_REAL);
}
/* The string, or NULL when v is not one. */
static inline const char *jv_str(const struct jv *v)
{
	return jv_is_string(v) ? v->u.s : NULL;
}
/* The integer, or 0 when v is not one. */
static inline long long jv_int(const struct jv *v)
{
	return jv_is(v, JV_INT) ? v->u.i : 0;
}
/* The number as a double, or 0. */
static inline double jv_number(const struct jv *v)
{
	return jv_is(v, JV_INT) ? (double)v->u.i : jv_is(v, JV_REAL) ?
	    v->u.r : 0;
}

/* Appends v as compact JSON with keys sorted (jansson's JSON_COMPACT |
 * JSON_SORT_KEYS); returns 0 or -1 (ceiling, memory, a non-finite real). */
int jv_canonical(const struct jv *v, struct buf *b);

#endif
