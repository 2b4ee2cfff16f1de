/*
 * Text folded for search (fold.h): the table looked up by code point,
 * and the snippet that maps hits in the folded text back to the text
 * as written.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fold.h"

#define SNIPPET_BEFORE 24 /* characters before the first hit */
#define SNIPPET_AFTER 40  /* and after it */
#define SNIPPET_HEAD 64   /* the beginning, without a hit */
#define SNIPPET_HITS 64   /* hits marked in one snippet */
#define SNIPPET_MAX (4u << 20) /* bytes of one (hits may run long) */

struct fold {
	uint32_t cp;
	const char *to;
};

#define ROW(cp, s, sql, to) { cp, to },
static const struct fold table[] = { TEXT_FOLD_TABLE(ROW) };
#undef ROW

static int
by_cp(const void *k, const void *e)
{
	uint32_t a = *(const uint32_t *)k, b = ((const struct fold *)e)->cp;
	return a < b ? -1 : a > b;
}

/* The length of the character at s[0..n) and its code point; a byte
 * that does not start well-formed UTF-8 is one character, 0xFFFFFFFF. */
static size_t
decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 :
	    s[0] >= 0xE0 && s[0] < 0xF0 ? 3 : s[0] >= 0xF0 && s[0] < 0xF5 ?
	    4 : 0;
	*cp = 0xFFFFFFFFu;
	if (len == 0 || len > n)
		return 1;
	uint32_t c = len == 1 ? s[0] : s[0] & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 1;
		c = c << 6 | (s[i] & 0x3F);
	}
	*cp = c;
	return len;
}

size_t
text_fold(const char *s, size_t n, char *out, uint32_t *map)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = decode(u + i, n - i, &cp);
		/* A byte that starts no character is not text: kept, it
		 * could join the bytes after a folded-out character into
		 * one, and folding again would differ (fuzz-fold). */
		if (cp == 0xFFFFFFFFu) {
			i += len;
			continue;
		}
		const struct fold *f = bsearch(&cp, table, sizeof table /
		    sizeof table[0], sizeof table[0], by_cp);
		const char *to = f ? f->to : s + i;
		size_t tn = f ? strlen(f->to) : len;
		for (size_t k = 0; k < tn; k++) {
			if (map)
				map[o] = (uint32_t)i;
			out[o++] = to[k];
		}
		i += len;
	}
	out[o] = '\0';
	return o;
}

/* Where the character at s[i] ends. */
static size_t
char_end(const char *s, size_t n, size_t i)
{
	uint32_t cp;
	return i + decode((const unsigned char *)s + i, n - i, &cp);
}

/* i moved k characters back (to 0 at most) or forward (to n). */
static size_t
back(const char *s, size_t i, size_t k)
{
	while (i > 0 && k > 0) {
		i--;
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k--;
	}
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static size_t
forward(const char *s, size_t n, size_t i, size_t k)
{
	while (i < n && k-- > 0)
		i = char_end(s, n, i);
	return i;
}

struct range {
	size_t from, to;
};

static int
by_from(const void *a, const void *b)
{
	size_t x = ((const struct range *)a)->from;
	size_t y = ((const struct range *)b)->from;
	return x < y ? -1 : x > y;
}

/* A text as written, its folding and the map between them. */
struct folded {
	const char *text, *f;
	size_t n, fn;
	const uint32_t *map;
};

/* Where in x's folding the next hit of term (tl bytes) starts at or
 * after at, or x->fn: only on the bounds of the characters written (a
 * byte that is not UTF-8 typed in a query is not found inside one). */
static size_t
next_hit(const struct folded *x, const char *term, size_t tl, size_t at)
{
	const char *p;
	while (tl && at < x->fn &&
	    (p = memmem(x->f + at, x->fn - at, term, tl)) != NULL) {
		size_t i = (size_t)(p - x->f), e = i + tl;
		if ((i == 0 || x->map[i] != x->map[i - 1]) &&
		    (e == x->fn || x->map[e] != x->map[e - 1]))
			return i;
		at = i + 1;
	}
	return x->fn;
}

/*
 * Writes text[from..to) with every hit of terms that starts inside it
 * marked (to moved past a hit that runs over it), "…" where text was
 * cut when cut is set.
 */
static int
mark(struct buf *b, const struct folded *x, const char *const *terms,
    size_t nterms, size_t from, size_t to, int cut)
{
	const char *text = x->text;
	size_t n = x->n, fn = x->fn;
	const uint32_t *map = x->map;
	/* Every hit that starts inside [from, to), as ranges of text. */
	struct range r[SNIPPET_HITS];
	size_t nr = 0;
	for (size_t t = 0; t < nterms; t++) {
		size_t tl = strlen(terms[t]), i;
		for (size_t at = 0; nr < SNIPPET_HITS && (i = next_hit(x,
		    terms[t], tl, at)) < fn; at = i + tl) {
			if (map[i] >= to)
				break;
			if (map[i] >= from)
				r[nr++] = (struct range){ map[i], char_end(text, n,
				    map[i + tl - 1]) };
		}
	}
	qsort(r, nr, sizeof r[0], by_from);
	if (cut && from > 0 && buf_puts(b, "…"))
		return -1;
	size_t at = from;
	for (size_t i = 0; i < nr; i++) {
		if (r[i].to <= at)
			continue;
		size_t s = r[i].from > at ? r[i].from : at, e = r[i].to;
		/* Overlapping hits are one mark. */
		while (i + 1 < nr && r[i + 1].from <= e) {
			if (r[i + 1].to > e)
				e = r[i + 1].to;
			i++;
		}
		if (buf_append(b, text + at, s - at) || buf_putc(b, '\x01') ||
		    buf_append(b, text + s, e - s) || buf_putc(b, '\x02'))
			return -1;
		at = e;
	}
	if (to < at)
		to = at;
	if (buf_append(b, text + at, to - at))
		return -1;
	return cut && to < n ? buf_puts(b, "…") : 0;
}

/* The snippet of x: the window around its first hit, marked. */
static int
snippet(struct buf *b, const struct folded *x, const char *const *terms,
    size_t nterms)
{
	/* The first hit, the longest term where two start together. */
	size_t first = x->fn, flen = 0;
	for (size_t t = 0; t < nterms; t++) {
		size_t tl = strlen(terms[t]), i = next_hit(x, terms[t], tl, 0);
		if (i < x->fn && (i < first || (i == first && tl > flen))) {
			first = i;
			flen = tl;
		}
	}
	if (flen == 0)
		return mark(b, x, terms, 0, 0, forward(x->text, x->n, 0,
		    SNIPPET_HEAD), 1);
	return mark(b, x, terms, nterms, back(x->text, x->map[first],
	    SNIPPET_BEFORE), forward(x->text, x->n, char_end(x->text, x->n,
	    x->map[first + flen - 1]), SNIPPET_AFTER), 1);
}

/* text folded and written by snippet (whole: every hit marked, nothing
 * cut), allocated; NULL when out of memory. */
static char *
folded_marks(const char *text, const char *const *terms, size_t nterms,
    int whole)
{
	size_t n = strlen(text);
	char *f = malloc(n + 1);
	uint32_t *map = malloc((n + 1) * sizeof *map);
	struct buf b;
	buf_init(&b, SNIPPET_MAX);
	char *out = NULL;
	if (f && map) {
		struct folded x = { text, f, n, text_fold(text, n, f, map),
			map };
		if ((whole ? mark(&b, &x, terms, nterms, 0, n, 0) :
		    snippet(&b, &x, terms, nterms)) == 0)
			out = strdup(b.data ? b.data : "");
	}
	buf_free(&b);
	free(map);
	free(f);
	return out;
}

char *
text_fold_snippet(const char *text, const char *const *terms,
    size_t nterms)
{
	return folded_marks(text, terms, nterms, 0);
}

char *
text_fold_marks(const char *text, const char *const *terms, size_t nterms)
{
	return folded_marks(text, terms, nterms, 1);
}
