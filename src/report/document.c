/*
 * Filling a 公文 from its template: each header value and the body are
 * rendered (base/tmpl.h, strict: a value the context lacks is an error,
 * never a hole in the document), the body cut into its paragraphs, one
 * a line, blank lines dropped (the 正文 has no empty paragraphs: GB/T
 * 9704 sets them one after another). Punctuation and dates in the text
 * are left to gongwen_render, which normalises every text for print.
 */
#include "report/document.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/tmpl.h"

/* src rendered over ctx into *out (a's arena; NULL when it renders to
 * nothing but white space). 0, or -1 with err. */
static int
fill(const struct catalog_document *t, const char *what, const char *src,
    long line, const json_t *ctx, struct arena *a, const char **out,
    char *err, size_t errlen)
{
	struct buf b;
	char why[256];
	long at = line;
	*out = NULL;
	if (src == NULL)
		return 0;
	buf_init(&b, DOCUMENT_TEXT_MAX);
	if (tmpl_render_at(src, strlen(src), ctx, &b, line, &at, why,
	    sizeof why) || buf_putc(&b, '\0')) {
		snprintf(err, errlen, "%s: %s, line %ld: %s", t->id, what, at,
		    b.len >= DOCUMENT_TEXT_MAX ? "the text is too long" : why);
		buf_free(&b);
		return -1;
	}
	/* Trimmed: a value that renders to white space is none. */
	char *s = b.data, *e = s + strlen(s);
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t'))
		e--;
	*e = '\0';
	if (*s != '\0')
		*out = arena_strdup(a, s);
	buf_free(&b);
	return 0;
}

/* The body's paragraphs, one a line, blank lines and the white space
 * around each dropped (a template indents as it likes; the 首行缩进 is
 * the layout's). */
static char *
paragraphs(struct arena *a, const char *text)
{
	char *out = arena_alloc(a, strlen(text) + 1), *o = out;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		const char *e = nl ? nl : p + strlen(p);
		const char *s = p;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		const char *t = e;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
			t--;
		/* The ideographic space (U+3000) indents too. */
		while (t - s >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		if (t > s) {
			if (o > out)
				*o++ = '\n';
			memcpy(o, s, (size_t)(t - s));
			o += t - s;
		}
		p = nl ? nl + 1 : e;
	}
	*o = '\0';
	return out;
}

static const char *
ctx_text(const json_t *ctx, const char *key)
{
	const char *s = json_string_value(json_object_get(ctx, key));
	return s != NULL && *s != '\0' ? s : NULL;
}

int
document_fill(const struct catalog_document *t, const json_t *ctx,
    struct arena *a, struct gw_doc *out, char *err, size_t errlen)
{
	const char *body;
	memset(out, 0, sizeof *out);
	if (!json_is_object(ctx)) {
		snprintf(err, errlen, "%s: the context is not an object", t->id);
		return -1;
	}
	if (fill(t, "mark", t->mark, t->lines[0], ctx, a, &out->organ_mark,
	    err, errlen) || fill(t, "title", t->title, t->lines[1], ctx, a,
	    &out->title, err, errlen) || fill(t, "addressee", t->addressee,
	    t->lines[2], ctx, a, &out->addressee, err, errlen) || fill(t,
	    "signer", t->signer, t->lines[3], ctx, a, &out->signer, err,
	    errlen) || fill(t, "cc", t->cc, t->lines[4], ctx, a, &out->cc,
	    err, errlen) || fill(t, "printer", t->printer, t->lines[5], ctx,
	    a, &out->printer, err, errlen) || fill(t, "body", t->body,
	    t->body_line, ctx, a, &body, err, errlen))
		return -1;
	if (out->title == NULL) {
		snprintf(err, errlen, "%s: title, line %ld: the title is empty",
		    t->id, t->lines[1]);
		return -1;
	}
	struct gw_block *b = arena_alloc(a, sizeof *b);
	b->kind = GW_TEXT;
	b->text = paragraphs(a, body ? body : "");
	out->body = b;
	out->nbody = body != NULL;
	out->number = t->number ? ctx_text(ctx, "number") : NULL;
	out->seal = t->seal;
	/* The 成文日期's numerals: the server's setting (date_arabic), as
	 * the reports'. */
	out->numerals = GW_NUMERALS_SETTING;
	const char *day = ctx_text(ctx, "date");
	date_t d;
	if (day != NULL && date_parse(day, &d) == 0)
		date_to_ymd(d, &out->year, &out->month, &out->day);
	if (out->printer != NULL) {
		out->print_year = out->year;
		out->print_month = out->month;
		out->print_day = out->day;
	}
	out->author = ctx_text(ctx, "author");
	if (day != NULL)
		out->created = arena_printf(a, "%sT00:00:00", day);
	return 0;
}
