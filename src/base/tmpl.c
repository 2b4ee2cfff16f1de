/*
 * The template subset of base/tmpl.h: the source is cut into tokens
 * (text, value, section, inverted section, end) in one pass that checks
 * the syntax and pairs each section with its end; rendering walks the
 * tokens with a stack of the sections' values. Both passes are bounded:
 * tokens by the source's length, sections by TMPL_DEPTH, the output by
 * its buffer's ceiling.
 */
#include "base/tmpl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tok_kind { T_TEXT, T_VALUE, T_SECTION, T_INVERTED, T_END };

struct tok {
	enum tok_kind kind;
	const char *s; /* text, or the name */
	size_t n;
	long line;
	size_t end;    /* a section's: the index of its T_END */
};

struct tmpl {
	struct tok *t;
	size_t n;
	long line;     /* of the fault */
	char *err;
	size_t errlen;
};

static int
fault(struct tmpl *p, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fault(struct tmpl *p, long line, const char *fmt, ...)
{
	va_list ap;
	p->line = line;
	if (p->errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(p->err, p->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int
name_ok(const char *s, size_t n)
{
	if (n == 1 && s[0] == '.')
		return 1;
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		    (c == '.' && s[i + 1] != '.')))
			return 0;
	}
	return 1;
}

static void
push(struct tmpl *p, enum tok_kind k, const char *s, size_t n, long line)
{
	p->t[p->n++] = (struct tok){ k, s, n, line, 0 };
}

/* Cuts src into p's tokens: 0, or -1 with the fault. */
static int
parse(struct tmpl *p, const char *src, size_t len, long first)
{
	size_t open[TMPL_DEPTH];
	size_t depth = 0;
	/* A token per tag and per text between: fewer than len + 1. */
	p->t = malloc((len + 1) * sizeof *p->t);
	p->n = 0;
	if (p->t == NULL)
		return fault(p, first, "out of memory");
	long line = first;
	size_t i = 0, text = 0, bol = 0; /* text from; the line's start */
	while (i < len) {
		if (src[i] == '\n') {
			line++;
			bol = ++i;
			continue;
		}
		if (src[i] == '}' && i + 1 < len && src[i + 1] == '}')
			return fault(p, line, "'}}' without '{{'");
		if (src[i] != '{' || i + 1 >= len || src[i + 1] != '{') {
			i++;
			continue;
		}
		size_t at = i, j = i + 2;
		while (j + 1 < len && !(src[j] == '}' && src[j + 1] == '}')) {
			if (src[j] == '\n' || (src[j] == '{' && src[j + 1] ==
			    '{'))
				break;
			j++;
		}
		if (j + 1 >= len || src[j] != '}')
			return fault(p, line, "'{{' not closed by '}}' on its "
			    "line");
		const char *s = src + at + 2;
		size_t n = j - (at + 2);
		while (n > 0 && is_space(*s))
			s++, n--;
		while (n > 0 && is_space(s[n - 1]))
			n--;
		enum tok_kind k = T_VALUE;
		if (n > 0 && (*s == '#' || *s == '^' || *s == '/')) {
			k = *s == '#' ? T_SECTION : *s == '^' ? T_INVERTED :
			    T_END;
			s++, n--;
			while (n > 0 && is_space(*s))
				s++, n--;
		} else if (n > 0 && strchr("{&>!=<$", *s) != NULL)
			return fault(p, line, "'{{%c' is not part of these "
			    "templates (only {{name}}, {{#name}}, {{^name}}, "
			    "{{/name}})", *s);
		if (!name_ok(s, n) || (k != T_VALUE && n == 1 && *s == '.'))
			return fault(p, line, "'{{%.*s}}' does not name a value "
			    "(letters, digits, '_', '-', parts joined by '.')",
			    (int)(j - at - 2), src + at + 2);
		size_t after = j + 2;
		/* A section's tag alone on its line leaves no line. */
		size_t cut = at;
		if (k != T_VALUE && bol >= text) {
			size_t a = bol, b = after;
			while (a < at && is_space(src[a]))
				a++;
			while (b < len && is_space(src[b]))
				b++;
			if (a == at && (b == len || src[b] == '\n')) {
				cut = bol;
				after = b < len ? b + 1 : b;
			}
		}
		if (cut > text)
			push(p, T_TEXT, src + text, cut - text, line);
		if (k == T_END) {
			if (depth == 0)
				return fault(p, line, "'{{/%.*s}}' closes no "
				    "section", (int)n, s);
			struct tok *o = &p->t[open[depth - 1]];
			if (o->n != n || memcmp(o->s, s, n) != 0)
				return fault(p, line, "'{{/%.*s}}' closes "
				    "'{{%c%.*s}}' of line %ld", (int)n, s,
				    o->kind == T_SECTION ? '#' : '^',
				    (int)o->n, o->s, o->line);
			o->end = p->n;
			depth--;
		} else if (k != T_VALUE) {
			if (depth == TMPL_DEPTH)
				return fault(p, line, "sections nest deeper "
				    "than %d", TMPL_DEPTH);
			open[depth++] = p->n;
		}
		push(p, k, s, n, line);
		if (after > j + 2 && src[after - 1] == '\n') {
			line++;
			bol = after;
		}
		i = text = after;
	}
	if (len > text)
		push(p, T_TEXT, src + text, len - text, line);
	if (depth > 0) {
		struct tok *o = &p->t[open[depth - 1]];
		return fault(p, o->line, "'{{%c%.*s}}' is not closed",
		    o->kind == T_SECTION ? '#' : '^', (int)o->n, o->s);
	}
	return 0;
}

/* The value a name gives: looked up from the innermost section out; a
 * dotted name's first part so, the rest inside it. NULL: none. */
static const json_t *
lookup(const json_t *const *stack, size_t depth, const char *s, size_t n)
{
	if (n == 1 && *s == '.')
		return stack[depth - 1];
	const char *dot = memchr(s, '.', n);
	size_t head = dot ? (size_t)(dot - s) : n;
	char key[256];
	if (head >= sizeof key)
		return NULL;
	memcpy(key, s, head);
	key[head] = '\0';
	const json_t *v = NULL;
	for (size_t i = depth; i-- > 0 && v == NULL;)
		if (json_is_object(stack[i]))
			v = json_object_get(stack[i], key);
	while (v != NULL && dot != NULL) {
		const char *part = dot + 1;
		dot = memchr(part, '.', n - (size_t)(part - s));
		size_t pl = dot ? (size_t)(dot - part) : n - (size_t)(part - s);
		if (pl >= sizeof key)
			return NULL;
		memcpy(key, part, pl);
		key[pl] = '\0';
		v = json_is_object(v) ? json_object_get(v, key) : NULL;
	}
	return v;
}

static int
falsy(const json_t *v)
{
	return json_is_null(v) || json_is_false(v) || (json_is_string(v) &&
	    json_string_length(v) == 0) || (json_is_array(v) &&
	    json_array_size(v) == 0);
}

static int
render(struct tmpl *p, size_t from, size_t to, const json_t **stack,
    size_t depth, struct buf *out)
{
	for (size_t i = from; i < to; i++) {
		const struct tok *t = &p->t[i];
		if (t->kind == T_TEXT) {
			if (buf_append(out, t->s, t->n))
				return fault(p, t->line, "the text is too long");
			continue;
		}
		const json_t *v = lookup(stack, depth, t->s, t->n);
		if (v == NULL)
			return fault(p, t->line, "'%.*s' is not a value of this "
			    "document", (int)t->n, t->s);
		if (t->kind == T_VALUE) {
			int rc;
			if (json_is_string(v))
				rc = buf_append(out, json_string_value(v),
				    json_string_length(v));
			else if (json_is_integer(v))
				rc = buf_printf(out, "%lld",
				    (long long)json_integer_value(v));
			else if (json_is_real(v))
				rc = buf_printf(out, "%g", json_real_value(v));
			else
				return fault(p, t->line, "'%.*s' is %s, not "
				    "text: write it in a section", (int)t->n,
				    t->s, json_is_null(v) ? "null" :
				    json_is_boolean(v) ? "yes or no" :
				    json_is_array(v) ? "a list" : "an object");
			if (rc)
				return fault(p, t->line, "the text is too long");
			continue;
		}
		size_t end = t->end;
		if (t->kind == T_INVERTED) {
			if (falsy(v) && render(p, i + 1, end, stack, depth, out))
				return -1;
		} else if (json_is_array(v)) {
			for (size_t k = 0; k < json_array_size(v); k++) {
				stack[depth] = json_array_get(v, k);
				if (render(p, i + 1, end, stack, depth + 1, out))
					return -1;
			}
		} else if (!falsy(v)) {
			stack[depth] = v;
			if (render(p, i + 1, end, stack, depth + 1, out))
				return -1;
		}
		i = end;
	}
	return 0;
}

int
tmpl_check_at(const char *src, size_t len, long first, long *line,
    char *err, size_t errlen)
{
	struct tmpl p = { .err = err, .errlen = errlen };
	int rc = parse(&p, src, len, first);
	free(p.t);
	if (rc && line != NULL)
		*line = p.line;
	return rc;
}

int
tmpl_render_at(const char *src, size_t len, const json_t *ctx,
    struct buf *out, long first, long *line, char *err, size_t errlen)
{
	struct tmpl p = { .err = err, .errlen = errlen };
	/* The root and one value per open section. */
	const json_t *stack[TMPL_DEPTH + 1] = { ctx };
	int rc = parse(&p, src, len, first);
	if (rc == 0)
		rc = render(&p, 0, p.n, stack, 1, out);
	free(p.t);
	if (rc && line != NULL)
		*line = p.line;
	return rc;
}

/* "line N: " before the reason. */
static void
prefix_line(long line, char *err, size_t errlen)
{
	char why[512];
	if (errlen == 0)
		return;
	snprintf(why, sizeof why, "%s", err);
	snprintf(err, errlen, "line %ld: %s", line, why);
}

int
tmpl_check(const char *src, size_t len, char *err, size_t errlen)
{
	long line = 0;
	if (tmpl_check_at(src, len, 1, &line, err, errlen) == 0)
		return 0;
	prefix_line(line, err, errlen);
	return -1;
}

int
tmpl_render(const char *src, size_t len, const json_t *ctx, struct buf *out,
    char *err, size_t errlen)
{
	long line = 0;
	if (tmpl_render_at(src, len, ctx, out, 1, &line, err, errlen) == 0)
		return 0;
	prefix_line(line, err, errlen);
	return -1;
}
