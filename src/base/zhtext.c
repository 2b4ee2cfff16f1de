/*
 * Chinese text normalisation (see zhtext.h). The text is decoded to code
 * points once (dates already rewritten by text_scan_refs), then written
 * out one code point at a time, each decision looking at what was
 * written last (a comma made full-width lets the space after it go) and
 * at what comes next.
 */
#include "base/zhtext.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* The longest text normalised: a report's section is far shorter. */
#define ZH_MAX (16u << 20)
/* Parentheses further apart than this are not taken for a pair. */
#define PAREN_SPAN 512

/* Ideographs, CJK punctuation, full-width forms, and the quotes, dash
 * and ellipsis Chinese text uses. */
static int
is_cjk(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x303f) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xff00 && c <= 0xffef) || (c >= 0x2018 && c <= 0x201d) ||
	    c == 0x2014 || c == 0x2026 || c == 0x00b7;
}

static int
is_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* The code point at *p (advanced past it); a bad byte is U+FFFD. */
static uint32_t
decode(const unsigned char **p)
{
	const unsigned char *s = *p;
	uint32_t c = s[0];
	int n = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ?
	    2 : (c & 0xf8) == 0xf0 ? 3 : -1;
	if (n < 0) {
		*p = s + 1;
		return 0xfffd;
	}
	c &= n == 0 ? 0x7f : n == 1 ? 0x1f : n == 2 ? 0x0f : 0x07;
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p = s + 1;
			return 0xfffd;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*p = s + 1 + n;
	return c;
}

static int
put(struct buf *b, uint32_t c)
{
	char s[4];
	size_t n;
	if (c < 0x80) {
		s[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		s[0] = (char)(0xc0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		s[0] = (char)(0xe0 | c >> 12);
		s[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		s[0] = (char)(0xf0 | c >> 18);
		s[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		s[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	return buf_append(b, s, n);
}

static void
seg(void *ctx, const char *s, size_t n)
{
	buf_append(ctx, s, n);
}

static void
day(void *ctx, const char *cn)
{
	buf_puts(ctx, cn);
}

/* The full-width form of a half-width , : ; ? ! ( ), or 0. */
static uint32_t
wide(uint32_t c)
{
	switch (c) {
	case ',': return 0xff0c;
	case ':': return 0xff1a;
	case ';': return 0xff1b;
	case '?': return 0xff1f;
	case '!': return 0xff01;
	case '(': return 0xff08;
	case ')': return 0xff09;
	default: return 0;
	}
}

/* Where the mark closing the one at cp[i] is (close: the mark), or 0:
 * on the same line, within PAREN_SPAN; parentheses nest, so the ')'
 * that closes "(第六条第(一)项)" is the last. */
static size_t
closing(const uint32_t *cp, size_t n, size_t i, uint32_t close)
{
	int depth = 0;
	for (size_t k = i + 1; k < n && k <= i + PAREN_SPAN; k++) {
		if (cp[k] == '\n')
			return 0;
		if (cp[k] == close && depth-- == 0)
			return k;
		if (close == ')' && cp[k] == '(')
			depth++;
	}
	return 0;
}

/* The last code point before i that is not a space, or 0 (also at a
 * line's start). */
static uint32_t
before(const uint32_t *cp, size_t i)
{
	while (i > 0 && cp[i - 1] == ' ')
		i--;
	return i > 0 && cp[i - 1] != '\n' ? cp[i - 1] : 0;
}

/*
 * Pairs of half-width parentheses and double quotes in Chinese context
 * made full-width in place: after a Chinese character (or, for
 * parentheses, at a line's start), holding one, or followed by one.
 * Done first, so that what follows a space is known before the space is
 * judged.
 */
static void
pairs(uint32_t *cp, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int paren = cp[i] == '(';
		if (!paren && cp[i] != '"')
			continue;
		size_t k = closing(cp, n, i, paren ? ')' : '"');
		if (k == 0)
			continue;
		int cjk = is_cjk(before(cp, i)) || (paren && before(cp, i) == 0);
		for (size_t j = i + 1; j < k; j++)
			cjk |= is_cjk(cp[j]);
		size_t a = k + 1;
		while (a < n && cp[a] == ' ')
			a++;
		cjk |= a < n && is_cjk(cp[a]);
		if (cjk) {
			cp[i] = paren ? 0xff08 : 0x201c;
			cp[k] = paren ? 0xff09 : 0x201d;
		}
		/* A pair of quotes is done; parentheses inside are seen
		 * next. */
		if (!paren)
			i = k;
	}
}

int
zh_normalise(struct buf *out, const char *s)
{
	struct buf dated;
	buf_init(&dated, ZH_MAX);
	struct text_refs cb = { &dated, seg, NULL, day };
	text_scan_refs(s, NULL, 0, &cb);
	if (buf_putc(&dated, '\0')) {
		buf_free(&dated);
		return -1;
	}
	size_t len = strlen(dated.data), n = 0;
	uint32_t *cp = malloc((len + 1) * sizeof *cp);
	if (cp == NULL) {
		buf_free(&dated);
		return -1;
	}
	for (const unsigned char *p = (const unsigned char *)dated.data;
	    *p != '\0';)
		cp[n++] = decode(&p);
	buf_free(&dated);

	pairs(cp, n);
	int rc = 0;
	uint32_t last = 0;  /* the last code point written (0: none) */
	for (size_t i = 0; i < n && rc == 0; i++) {
		uint32_t c = cp[i];
		if (c == ' ') {
			size_t k = i;
			while (k < n && cp[k] == ' ')
				k++;
			uint32_t next = k < n ? cp[k] : 0;
			if ((is_cjk(last) && (is_cjk(next) || is_alnum(next))) ||
			    (is_alnum(last) && is_cjk(next))) {
				i = k - 1;
				continue;
			}
		} else if (wide(c) && c != '(' && c != ')') {
			size_t k = i + 1;
			while (k < n && cp[k] == ' ')
				k++;
			if (is_cjk(last) || (k < n && is_cjk(cp[k])))
				c = wide(c);
		}
		rc = put(out, c);
		last = c;
	}
	free(cp);
	return rc;
}

void
zh_date_numerals(int y, int m, int d, char *out, size_t size)
{
	static const char *const digit[] = { "〇", "一", "二", "三", "四",
		"五", "六", "七", "八", "九" };
	char year[64] = "", md[2][32];
	char ys[16];
	snprintf(ys, sizeof ys, "%d", y);
	for (const char *p = ys; *p; p++)
		if (*p >= '0' && *p <= '9')
			strcat(year, digit[*p - '0']);
	int v[2] = { m, d };
	for (int i = 0; i < 2; i++) {
		int t = v[i] / 10, u = v[i] % 10;
		snprintf(md[i], sizeof md[i], "%s%s%s",
		    t > 1 ? digit[t % 10] : "", t > 0 ? "十" : "",
		    u > 0 || t == 0 ? digit[u] : "");
	}
	snprintf(out, size, "%s年%s月%s日", year, md[0], md[1]);
}
