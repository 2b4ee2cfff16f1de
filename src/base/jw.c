/*
 * jw: JSON text without a DOM, in jansson's exact format.
 *
 * Strings are copied in runs between the characters JSON must escape
 * (quote, backslash, control characters), which are written as jansson
 * writes them: the short escapes where JSON has one, else \u00XX with
 * upper-case hex. Nothing else is escaped: not '/', not non-ASCII.
 * Reals follow jansson's jsonp_dtostr: "%.17g", ".0" appended when the
 * text would read back as an integer, and the exponent without '+' or
 * leading zeros.
 */
#include "base/jw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Which bytes need an escape: quote, backslash, controls. */
static int
special(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/*
 * The length of the prefix of s[0..n) that needs no escape. Eight bytes
 * at a time: a word holds a special byte when one of its bytes is below
 * 0x20, or equal to '"' or '\\' (the usual has-zero / has-less tricks).
 */
static size_t
plain(const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t q = w ^ (ONES * '"'), bs = w ^ (ONES * '\\');
		if ((((w - ONES * 0x20) & ~w) | ((q - ONES) & ~q) |
		    ((bs - ONES) & ~bs)) & HIGHS)
			break;
	}
	while (i < n && !special((unsigned char)s[i]))
		i++;
	return i;
}

int
jw_strn(struct buf *b, const char *s, size_t n)
{
	/* Most strings need no escape: one reservation, one copy. */
	size_t i = plain(s, n);
	if (i == n) {
		char *at = buf_room(b, n + 2);
		if (at == NULL)
			return -1;
		at[0] = '"';
		memcpy(at + 1, s, n);
		at[n + 1] = '"';
		buf_end(b);
		return 0;
	}
	if (buf_putc(b, '"'))
		return -1;
	size_t start = 0;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!special(c))
			continue;
		if (i > start && buf_append(b, s + start, i - start))
			return -1;
		char esc[8];
		const char *e = esc;
		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		default:
			snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
			break;
		}
		if (buf_puts(b, e))
			return -1;
		start = i + 1;
	}
	if (n > start && buf_append(b, s + start, n - start))
		return -1;
	return buf_putc(b, '"');
}

int
jw_str(struct buf *b, const char *s)
{
	return s == NULL ? jw_null(b) : jw_strn(b, s, strlen(s));
}

int
jw_key(struct buf *b, const char *key)
{
	return jw_str(b, key) || buf_putc(b, ':') ? -1 : 0;
}

int
jw_int(struct buf *b, long long v)
{
	char t[24], *p = t + sizeof t;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	return buf_append(b, p, (size_t)(t + sizeof t - p));
}

int
jw_real(struct buf *b, double v)
{
	char t[100];
	if (isnan(v) || isinf(v))
		return -1;
	int n = snprintf(t, sizeof t - 3, "%.17g", v);
	if (n < 0 || (size_t)n >= sizeof t - 3)
		return -1;
	size_t len = (size_t)n;
	/* A decimal comma from the locale reads as a point. */
	char *comma = strchr(t, ',');
	if (comma != NULL)
		*comma = '.';
	if (strchr(t, '.') == NULL && strchr(t, 'e') == NULL) {
		memcpy(t + len, ".0", 3);
		len += 2;
	}
	char *e = strchr(t, 'e');
	if (e != NULL) {
		char *start = e + 1, *end = e + 2;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, len - (size_t)(end - t) + 1);
			len -= (size_t)(end - start);
		}
	}
	return buf_append(b, t, len);
}

int
jw_bool(struct buf *b, int v)
{
	return v ? buf_append(b, "true", 4) : buf_append(b, "false", 5);
}

int
jw_null(struct buf *b)
{
	return buf_append(b, "null", 4);
}
