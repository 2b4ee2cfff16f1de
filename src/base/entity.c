/* Entity tables: JSON encoding and input checks (entity.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/entity.h"


const struct attr *
entity_attr(const struct entity *e, const char *json)
{
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->attrs[i].json, json) == 0)
			return &e->attrs[i];
	return NULL;
}

static long long
number_of(const struct attr *fd, const void *obj)
{
	switch (fd->type) {
	case ATTR_LONG:
		return *ENTITY_AT_C(obj, fd, long);
	case ATTR_INT64:
		return *ENTITY_AT_C(obj, fd, int64_t);
	default:
		return *ENTITY_AT_C(obj, fd, int);
	}
}

json_t *
entity_json(const struct entity *e, const void *obj)
{
	json_t *o = json_object();
	for (size_t i = 0; i < e->n; i++) {
		const struct attr *fd = &e->attrs[i];
		json_t *v;
		if (fd->flags & ATTR_HIDE)
			continue;
		if (entity_is_text(fd)) {
			const char *s = *ENTITY_AT_C(obj, fd, char *);
			v = s != NULL ? json_string(s) : json_null();
		} else if (fd->type == ATTR_BOOL) {
			v = json_boolean(*ENTITY_AT_C(obj, fd, int));
		} else if (fd->type == ATTR_DAY) {
			char day[11];
			date_t d = *ENTITY_AT_C(obj, fd, date_t);
			if (d != DATE_NONE)
				date_format(d, day);
			v = d != DATE_NONE ? json_string(day) : json_null();
		} else {
			long long n = number_of(fd, obj);
			v = n != 0 || (fd->flags & ATTR_ZERO) ? json_integer(n) :
			    json_null();
		}
		if (json_is_null(v) && (fd->flags & ATTR_OMIT))
			continue;
		json_object_set_new(o, fd->json, v);
	}
	return o;
}

/* The one check of a value given as text; a number given as JSON comes
 * here as its digits. Returns 0 or -1 with a reason. */
static int
take(const struct attr *fd, const char *s, void *obj, struct arena *a,
    const char **why)
{
	if (entity_is_text(fd)) {
		size_t max = fd->max > 0 ? (size_t)fd->max : ATTR_TEXT_MAX;
		date_t d;
		if (strlen(s) > max) {
			*why = "过长 (too long)";
			return -1;
		}
		if (fd->type == ATTR_DATE && date_parse(s, &d)) {
			*why = "应为日期 YYYY-MM-DD (invalid date)";
			return -1;
		}
		if (fd->type == ATTR_ENUM) {
			size_t k = 0;
			while (fd->values[k] != NULL && strcmp(fd->values[k], s))
				k++;
			if (fd->values[k] == NULL) {
				*why = "取值无效 (not one of the allowed values)";
				return -1;
			}
		}
		*ENTITY_AT(obj, fd, const char *) = arena_strdup(a, s);
		return 0;
	}
	if (fd->type == ATTR_DAY) {
		if (date_parse(s, ENTITY_AT(obj, fd, date_t))) {
			*why = "应为日期 YYYY-MM-DD (invalid date)";
			return -1;
		}
		return 0;
	}
	if (fd->type == ATTR_BOOL) {
		if (strcmp(s, "true") && strcmp(s, "false") && strcmp(s, "1") &&
		    strcmp(s, "0") && strcmp(s, "on")) {
			*why = "应为是或否 (not a boolean)";
			return -1;
		}
		*ENTITY_AT(obj, fd, int) = strcmp(s, "true") == 0 ||
		    strcmp(s, "1") == 0 || strcmp(s, "on") == 0;
		return 0;
	}
	char *end;
	long long min = fd->min, max = fd->max;
	if (fd->type == ATTR_YEAR) {
		min = 1900;
		max = 2200;
	}
	errno = 0;
	long long n = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0) {
		*why = fd->type == ATTR_YEAR ? "应为年份 YYYY (invalid year)" :
		    "应为整数 (not an integer)";
		return -1;
	}
	if ((min != 0 || max != 0) && (n < min || n > max)) {
		*why = fd->type == ATTR_YEAR ? "应为年份 YYYY (invalid year)" :
		    "超出范围 (out of range)";
		return -1;
	}
	if (fd->type == ATTR_LONG)
		*ENTITY_AT(obj, fd, long) = (long)n;
	else if (fd->type == ATTR_INT64)
		*ENTITY_AT(obj, fd, int64_t) = (int64_t)n;
	else if (n < INT32_MIN || n > INT32_MAX) {
		*why = "超出范围 (out of range)";
		return -1;
	} else
		*ENTITY_AT(obj, fd, int) = (int)n;
	return 0;
}

static const char *
required(struct arena *a, const struct attr *fd)
{
	return arena_printf(a, "请填写%s (required)", fd->label);
}

int
entity_from_json(const struct entity *e, const json_t *in, void *obj,
    struct arena *a, struct fault *f)
{
	for (size_t i = 0; i < e->n; i++) {
		const struct attr *fd = &e->attrs[i];
		if (!(fd->flags & ATTR_IN))
			continue;
		json_t *v = json_object_get(in, fd->json);
		const char *why = NULL, *s = NULL;
		char digits[32];
		if (json_is_string(v) && json_string_length(v) > 0)
			s = json_string_value(v);
		else if (json_is_integer(v) && !entity_is_text(fd) &&
		    fd->type != ATTR_BOOL) {
			snprintf(digits, sizeof digits, "%" JSON_INTEGER_FORMAT,
			    json_integer_value(v));
			s = digits;
		} else if (json_is_boolean(v) && fd->type == ATTR_BOOL)
			s = json_is_true(v) ? "true" : "false";
		else if (v != NULL && !json_is_null(v) && !json_is_string(v))
			why = entity_is_text(fd) ? "应为文本 (not a string)" :
			    fd->type == ATTR_BOOL ? "应为是或否 (not a boolean)" :
			    "应为整数 (not an integer)";
		if (why == NULL && s == NULL && (fd->flags & ATTR_REQ))
			return fault_set(f, 400, required(a, fd), NULL, fd->json);
		if (why == NULL && s != NULL && take(fd, s, obj, a, &why) == 0)
			continue;
		if (why != NULL)
			return fault_set(f, 400, arena_printf(a, "%s%s",
			    fd->label, why), s ? arena_strdup(a, s) : NULL, fd->json);
	}
	return 0;
}

int
entity_from_form(const struct entity *e,
    const char *(*get)(void *ctx, const char *name), void *ctx, void *obj,
    struct arena *a, struct fault *f)
{
	int bad = 0;
	for (size_t i = 0; i < e->n; i++) {
		const struct attr *fd = &e->attrs[i];
		if (!(fd->flags & ATTR_IN))
			continue;
		const char *s = get(ctx, fd->json), *why = NULL;
		if (s != NULL && *s == '\0')
			s = NULL;
		if (s == NULL && (fd->flags & ATTR_REQ))
			why = required(a, fd);
		else if (s != NULL && take(fd, s, obj, a, &why))
			why = arena_printf(a, "%s%s", fd->label, why);
		if (why != NULL) {
			fault_add(f, fd->json, why);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

void
entity_copy(const struct entity *e, void *obj, struct arena *a)
{
	for (size_t i = 0; i < e->n; i++) {
		const struct attr *fd = &e->attrs[i];
		const char **s = ENTITY_AT(obj, fd, const char *);
		if (entity_is_text(fd) && *s != NULL)
			*s = arena_strdup(a, *s);
	}
}
