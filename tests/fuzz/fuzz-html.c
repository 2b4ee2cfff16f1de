/*
 * libFuzzer harness: the pages' typed HTML pieces (web.h) with hostile
 * strings: html_fmt with the templates below, html_q for URL pieces
 * inside them, html_text and html_url alone.
 *
 * The first byte of the input picks what is called; the rest, cut at NUL
 * bytes, are the strings. A second call prints numbers taken from the
 * input through every kind of numeric conversion, with flags, widths and
 * precisions, and must print them as snprintf does.
 *
 * The oracle is an independent reading of web.h's contract: it builds the
 * expected output with every byte marked as coming from the template,
 * from data as it was, or from an escape the oracle wrote; the output
 * must equal it byte for byte, and no byte that came from data as it was
 * may be one of < > " ' &.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NARGS 8
#define OUT_MAX (1u << 20)

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

/* html_q and html_url: RFC 3986 unreserved bytes as they are, the rest
 * %XX. */
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
 * The templates: literals as the pages write them (html_fmt's format is
 * checked by the compiler, so the fuzzer picks among them rather than
 * writing its own), each with the kind of each argument: 's' a text
 * escaped by %s, 'q' a URL piece through html_q, then %s.
 */
#define T_CELLS "<tr><td>%s</td><td class=\"n\">%s</td><td>%s</td></tr>"
#define T_LINK "<a href=\"/records?organ=%s&amp;q=%s\" title=\"%s\">%s</a>"
#define T_FORM "<input name=\"title\" value=\"%s\"><option value=\"%s\" " \
    "selected>%s</option><textarea>%s</textarea>"
#define T_PERCENT "<p>%s 100%% · %s</p>"

/* The expected output of template t with args by kinds, per web.h. */
static void
expect(struct oracle *o, const char *t, const char *kinds,
    const char *const *args)
{
	int i = 0;
	for (const char *p = t; *p; p++) {
		if (*p != '%') {
			put(o, p, 1, FROM_TEMPLATE);
		} else if (*++p == '%') {
			put(o, "%", 1, FROM_TEMPLATE);
		} else {
			if (kinds[i] == 'q')
				urlencode(o, args[i]);
			else
				escape(o, args[i]);
			i++;
		}
	}
}

static void
check(const struct buf *b, const struct oracle *o)
{
	if (b->len != o->len || (o->len > 0 && memcmp(b->data, o->text,
	    o->len) != 0)) {
		fprintf(stderr, "html_fmt output differs from the oracle\n"
		    "got:    %.*s\nwanted: %.*s\n", (int)b->len,
		    b->data ? b->data : "", (int)o->len, o->text);
		abort();
	}
	for (size_t i = 0; i < o->len; i++)
		if (o->from[i] == FROM_DATA && strchr("<>\"'&", o->text[i]))
			abort(); /* a raw special from data */
}

/* Every kind of numeric conversion, with flags, widths and precisions,
 * given and taken from the arguments: html_fmt must print them as
 * snprintf does. */
#define NUMBERS "<td>%d</td><td>%ld</td>%u|%zu|%.1f|%.3f|%f%%|%5d|%-5d|" \
    "%05d|%+d|% d|%.3d|%8.3d|%.0d|%x|%#x|%#o|%X|%08.3f|%-12.2e|%+g|%#g|" \
    "%G|%hhd|%hu|%lld|%*d|%-*.*f|%5s|%-4s|%.2s|%c"

static void
numbers(const uint8_t *data, size_t size)
{
	unsigned char v[40] = { 0 };
	memcpy(v, data, size < sizeof v ? size : sizeof v);
	int d, w = v[32] % 40 - 20, pr = v[33] % 12 - 2;
	long l;
	long long ll;
	unsigned u;
	size_t z;
	double f;
	memcpy(&d, v, sizeof d);
	memcpy(&l, v + 4, sizeof l);
	memcpy(&u, v + 12, sizeof u);
	memcpy(&z, v + 16, sizeof z);
	memcpy(&f, v + 24, sizeof f);
	memcpy(&ll, v + 8, sizeof ll);
	/* Plain letters: what the %s and %c print is escaped, not asked. */
	const char *word = (v[34] & 1) ? "abcdef" : "";
	int ch = 'a' + v[35] % 26;
	signed char hh = (signed char)d;
	unsigned short h = (unsigned short)u;
	struct buf b;
	buf_init(&b, OUT_MAX);
	html_fmt(&b, NUMBERS, d, l, u, z, f, f, f, d, d, d, d, d, d, d, d, u,
	    u, u, u, f, f, f, f, f, hh, h, ll, w, d, w, pr, f, word, word, word,
	    ch);
	char *want = NULL;
	if (asprintf(&want, NUMBERS, d, l, u, z, f, f, f, d, d, d, d, d, d, d,
	    d, u, u, u, u, f, f, f, f, f, hh, h, ll, w, d, w, pr, f, word, word,
	    word, ch) < 0)
		abort();
	if (b.data == NULL || strcmp(b.data, want) != 0) {
		fprintf(stderr, "numbers: got %s, wanted %s\n",
		    b.data ? b.data : "(null)", want);
		abort();
	}
	free(want);
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
	/* The first byte picks the template; the rest, cut at NUL bytes,
	 * are the arguments. */
	const char *a[NARGS];
	char *end = copy + size, *p = size > 0 ? copy + 1 : copy;
	for (int i = 0; i < NARGS; i++) {
		a[i] = p < end ? p : "";
		if (p < end)
			p += strlen(p) + 1;
	}
	struct arena *ar = arena_create();
	struct buf b;
	struct oracle o = { 0 };
	buf_init(&b, OUT_MAX);
	switch (size > 0 ? data[0] % 6 : 0) {
	case 0:
		html_fmt(&b, T_CELLS, a[0], a[1], a[2]);
		expect(&o, T_CELLS, "sss", a);
		break;
	case 1:
		html_fmt(&b, T_LINK, html_q(ar, a[0]), html_q(ar, a[1]), a[2],
		    a[3]);
		expect(&o, T_LINK, "qqss", a);
		break;
	case 2:
		html_fmt(&b, T_FORM, a[0], a[1], a[2], a[3]);
		expect(&o, T_FORM, "ssss", a);
		break;
	case 3:
		html_fmt(&b, T_PERCENT, a[0], a[1]);
		expect(&o, T_PERCENT, "ss", a);
		break;
	case 4:
		for (int i = 0; i < NARGS; i++)
			html_text(&b, a[i]);
		for (int i = 0; i < NARGS; i++)
			escape(&o, a[i]);
		break;
	default:
		for (int i = 0; i < NARGS; i++)
			html_url(&b, a[i]);
		for (int i = 0; i < NARGS; i++)
			urlencode(&o, a[i]);
		break;
	}
	check(&b, &o);
	buf_free(&b);
	arena_free(ar);
	free(o.text);
	free(o.from);
	numbers(data, size);
	free(copy);
	return 0;
}
