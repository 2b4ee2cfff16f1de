/*
 * libFuzzer harness: html_printf with hostile strings.
 *
 * The input is cut at NUL bytes. The first piece is a template, trusted
 * text like a page's: it may hold any markup, and its conversions are
 * limited to those that take a string (%s, %U, %R) so that every call is
 * well-typed; %R only ever receives one of our own fixed fragments, as in
 * the pages. The other pieces are the data for %s and %U. A second call
 * prints numbers taken from the input through %d %ld %u %zu %f.
 *
 * The oracle is an independent reading of web.h's contract: it builds the
 * expected output with every byte marked as coming from the template (or
 * a trusted fragment), from data as it was, or from an escape the oracle
 * wrote; the output must equal it byte for byte, and no byte that came
 * from data as it was may be one of < > " ' &.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NARGS 8
#define OUT_MAX (1u << 20)

static const char *const trusted[] = { "<b>", "</td><td class=\"n\">",
	"&nbsp;", "<a href='/x?a=1&amp;b=2'>", "", "%s" };

enum { FROM_TEMPLATE, FROM_DATA, FROM_ESCAPE };

struct oracle {
	char *text;
	char *from; /* FROM_* of each byte */
	size_t len, cap;
};

static void
put(struct oracle *o, const char *s, size_t n, int from)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		o->text = realloc(o->text, o->cap);
		o->from = realloc(o->from, o->cap);
		if (o->text == NULL || o->from == NULL)
			abort();
	}
	memcpy(o->text + o->len, s, n);
	memset(o->from + o->len, from, n);
	o->len += n;
}

/* What web.h promises for %s: entities for the five, a space for
 * control characters other than tab and newline. */
static void
escape(struct oracle *o, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const char *e = NULL;
		char one = (char)*p;
		switch (*p) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		case '\t': case '\n': break;
		default:
			if (*p < 0x20)
				e = " ";
		}
		if (e != NULL)
			put(o, e, strlen(e), FROM_ESCAPE);
		else
			put(o, &one, 1, FROM_DATA);
	}
}

/* %U: RFC 3986 unreserved bytes as they are, the rest %XX. */
static void
urlencode(struct oracle *o, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char e[4];
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			e[0] = (char)*p;
			put(o, e, 1, FROM_DATA);
		} else {
			snprintf(e, sizeof e, "%%%02X", *p);
			put(o, e, 3, FROM_ESCAPE);
		}
	}
}

/*
 * Makes the template well-typed for NARGS string arguments: a conversion
 * that would take a number becomes %%, and at most NARGS take an argument.
 * Rewrites t in place.
 */
static void
tame(char *t)
{
	int used = 0;
	for (char *p = t; *p; p++) {
		if (*p != '%')
			continue;
		char c = p[1];
		if (c == '\0')
			break;
		if ((c == 's' || c == 'U' || c == 'R') && used < NARGS)
			used++;
		else if (c == 's' || c == 'U' || c == 'R' || c == 'd' ||
		    c == 'u' || c == 'f' || c == 'l' || c == 'z')
			p[1] = '%';
		p++;
	}
}

/* The expected output of a tamed template, per web.h. */
static void
expect(struct oracle *o, const char *t, const char *const *args,
    const char *const *raw)
{
	int i = 0;
	for (const char *p = t; *p; p++) {
		if (*p != '%') {
			put(o, p, 1, FROM_TEMPLATE);
			continue;
		}
		switch (*++p) {
		case 's': escape(o, args[i++]); break;
		case 'U': urlencode(o, args[i++]); break;
		case 'R': put(o, raw[i], strlen(raw[i]), FROM_TEMPLATE); i++;
			break;
		case '%': put(o, "%", 1, FROM_TEMPLATE); break;
		case '\0': p--; break; /* a lone % at the end: nothing */
		default: put(o, p - 1, 2, FROM_TEMPLATE); break;
		}
	}
}

static void
check(const struct buf *b, const struct oracle *o)
{
	if (b->len != o->len || (o->len > 0 && memcmp(b->data, o->text,
	    o->len) != 0)) {
		fprintf(stderr, "html_printf output differs from the oracle\n"
		    "got:    %.*s\nwanted: %.*s\n", (int)b->len,
		    b->data ? b->data : "", (int)o->len, o->text);
		abort();
	}
	for (size_t i = 0; i < o->len; i++)
		if (o->from[i] == FROM_DATA && strchr("<>\"'&", o->text[i]))
			abort(); /* a raw special from data */
}

static void
numbers(const uint8_t *data, size_t size)
{
	unsigned char v[32] = { 0 };
	memcpy(v, data, size < sizeof v ? size : sizeof v);
	int d;
	long l;
	unsigned u;
	size_t z;
	double f;
	memcpy(&d, v, sizeof d);
	memcpy(&l, v + 4, sizeof l);
	memcpy(&u, v + 12, sizeof u);
	memcpy(&z, v + 16, sizeof z);
	memcpy(&f, v + 24, sizeof f);
	struct buf b;
	buf_init(&b, OUT_MAX);
	html_printf(&b, "<td>%d</td><td>%ld</td>%u|%zu|%f%%", d, l, u, z, f);
	char want[1024];
	snprintf(want, sizeof want, "<td>%d</td><td>%ld</td>%u|%zu|%.1f%%", d,
	    l, u, z, f);
	if (b.data == NULL || strcmp(b.data, want) != 0) {
		fprintf(stderr, "numbers: got %s, wanted %s\n",
		    b.data ? b.data : "(null)", want);
		abort();
	}
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	/* Pieces at NUL bytes: the template, then the arguments. */
	const char *args[NARGS], *raw[NARGS];
	char *end = copy + size, *p = copy + strlen(copy) + 1;
	for (int i = 0; i < NARGS; i++) {
		args[i] = p < end ? p : "";
		raw[i] = trusted[(p < end ? (unsigned char)*p : 0) %
		    (sizeof trusted / sizeof *trusted)];
		if (p < end)
			p += strlen(p) + 1;
	}
	tame(copy);
	/* %R and %s/%U take the same slot: the slot's argument is the
	 * trusted fragment where the template says %R. */
	const char *call[NARGS];
	int slot = 0;
	for (const char *t = copy; *t && slot < NARGS; t++)
		if (*t == '%' && t[1] != '\0') {
			t++;
			if (*t == 's' || *t == 'U')
				call[slot] = args[slot], slot++;
			else if (*t == 'R')
				call[slot] = raw[slot], slot++;
		}
	for (int i = slot; i < NARGS; i++)
		call[i] = NULL;

	struct buf b;
	struct oracle o = { 0 };
	buf_init(&b, OUT_MAX);
	html_printf(&b, copy, call[0], call[1], call[2], call[3], call[4],
	    call[5], call[6], call[7]);
	expect(&o, copy, args, raw);
	check(&b, &o);
	buf_free(&b);
	free(o.text);
	free(o.from);
	numbers(data, size);
	free(copy);
	return 0;
}
