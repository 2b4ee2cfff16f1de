/*
 * Entities described once: a table of fields per entity.
 *
 * Each row names a member of a C struct (its offset and type), its JSON
 * and form name, its column, its Chinese label and its limits. The same
 * table then binds and reads rows (store/store-int.h: store_bind_entity,
 * store_read_entity), encodes JSON (entity_json) and checks JSON bodies
 * and forms (entity_from_json, entity_from_form), the way openradtool
 * generates its fill functions and kcgi checks inputs from a kvalid
 * table: a new column is one line here, not one line in each of five
 * places, and a misspelt member is a compile error.
 *
 * Text members are `const char *` (NULL: none), dates "YYYY-MM-DD" text,
 * stamps "YYYY-MM-DDTHH:MM:SSZ" (UTC) text; ATTR_YEAR and ATTR_INT are
 * `int`, ATTR_LONG `long`, ATTR_INT64 `int64_t`, ATTR_BOOL `int`.
 */
#ifndef LVZHI_ENTITY_H
#define LVZHI_ENTITY_H

#include <jansson.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/fault.h"

enum attr_type {
	ATTR_TEXT,
	ATTR_ENUM,  /* text, one of values */
	ATTR_DATE,  /* text, a real calendar day */
	ATTR_STAMP, /* text, set by the server */
	ATTR_YEAR,  /* int, 1900 to 2200; 0: none */
	ATTR_INT,
	ATTR_LONG,
	ATTR_INT64,
	ATTR_BOOL,
	ATTR_DAY,   /* date_t (base/date.h), DATE_NONE: none; JSON and
	             * input as "YYYY-MM-DD"; read, never bound (cases) */
};

enum {
	ATTR_IN = 1u << 0,   /* the caller may give it (body or form) */
	ATTR_REQ = 1u << 1,  /* ... and must */
	ATTR_ADD = 1u << 2,  /* bound by the entity's INSERT, in table order */
	ATTR_HIDE = 1u << 3, /* never in JSON (a row key) */
	ATTR_ZERO = 1u << 4, /* a number written even when 0 (counts); other
	                       * numbers at 0, like texts at NULL, are null */
	ATTR_OMIT = 1u << 5, /* absent from JSON where it would be null */
};

struct attr {
	const char *json;    /* JSON and form name */
	const char *column;  /* the column read or bound (documentation for
	                      * derived ones: "organ.name") */
	const char *label;   /* Chinese, for forms and messages */
	enum attr_type type;
	unsigned flags;
	long min, max;       /* text: max bytes (0: 4000); numbers: range
	                      * (both 0: any) */
	const char *const *values; /* ATTR_ENUM: NULL-terminated */
	size_t offset;
};

struct entity {
	const char *name;    /* "interview": the audit log's kind */
	const struct attr *attrs;
	size_t n;
};

#define ATTR_TEXT_MAX 4000
#define ENTITY(name, table) { (name), (table), sizeof (table) / \
	sizeof (table)[0] }

/* The member fd names in obj, as a pointer to type (the entity's code
 * in entity.c and store-entity.c reads and writes through these). */
#define ENTITY_AT(obj, fd, type) \
	((type *)(void *)((char *)(obj) + (fd)->offset))
#define ENTITY_AT_C(obj, fd, type) \
	((type const *)(const void *)((const char *)(obj) + (fd)->offset))

/* Whether fd's member is a `const char *` (text, enum, date, stamp). */
static inline int
entity_is_text(const struct attr *fd)
{
	return fd->type == ATTR_TEXT || fd->type == ATTR_ENUM ||
	    fd->type == ATTR_DATE || fd->type == ATTR_STAMP;
}

/* The field with JSON name json, or NULL. */
const struct attr *entity_attr(const struct entity *e, const char *json);

/* obj as a JSON object: every field but ATTR_HIDE ones, NULL texts and
 * 0 numbers (without ATTR_ZERO) as null. */
json_t *entity_json(const struct entity *e, const void *obj);

/*
 * Fills obj's ATTR_IN members from a JSON object (texts copied into a):
 * a member the body does not give (or gives as null or "") stays as it
 * was. Checks type, length, range, calendar and enum, and ATTR_REQ.
 * Returns 0, or -1 with the first fault in *f (400 naming the field).
 */
int entity_from_json(const struct entity *e, const json_t *in, void *obj,
    struct arena *a, struct fault *f);
/* The same from text values (a form): get(ctx, name) is the value or
 * NULL. Every field is checked: each fault is added to f's list. */
int entity_from_form(const struct entity *e,
    const char *(*get)(void *ctx, const char *name), void *ctx, void *obj,
    struct arena *a, struct fault *f);

/* Copies obj's texts into a, in place: a row's values outlive the row.
 * NULL texts stay NULL. */
void entity_copy(const struct entity *e, void *obj, struct arena *a);

#endif
