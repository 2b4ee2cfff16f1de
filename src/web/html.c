/*
 * HTML output with escaping by construction: html_fmt is printf, every
 * conversion as the C standard has it (the compiler checks each template
 * against its arguments), with one difference: what a string or a
 * character conversion prints is escaped for HTML. Trusted markup never
 * goes through a conversion; it is the template's text, or buf_puts.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "web/web.h"

static void
escape(struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default:
			/* Control characters other than tab and newline have no
			 * business in a page. */
			if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
				buf_putc(b, ' ');
			else
				buf_putc(b, *s);
		}
	}
}

static int
unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("-._~", c) != NULL);
}

/* The length of s percent-encoded. */
static size_t
encoded_len(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += unreserved(*p) ? 1 : 3;
	return n;
}

/* s percent-encoded into out, which has room for encoded_len(s) bytes
 * and a NUL. */
static void
encode(char *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (unreserved(*p))
			out[k++] = (char)*p;
		else {
			out[k++] = '%';
			out[k++] = hex[*p >> 4];
			out[k++] = hex[*p & 15];
		}
	}
	out[k] = '\0';
}

/* All of s encoded, or nothing where b's ceiling leaves no room for it:
 * a value cut short would make another URL. */
static void
urlencode(struct buf *b, const char *s)
{
	size_t n = s ? encoded_len(s) : 0;
	char *room = n ? buf_room(b, n) : NULL;
	if (room != NULL) /* buf_room keeps a byte past the n for the NUL */
		encode(room, s);
}

/* Copies the format's text from p up to its next '%' (or its end) and
 * returns where it stopped. */
static const char *
literal(struct buf *b, const char *p)
{
	const char *next = strchr(p, '%');
	size_t n = next ? (size_t)(next - p) : strlen(p);
	buf_append(b, p, n);
	return p + n;
}

/* ---- typed pieces (web.h): the compiler checks each argument ---- */

void
html_text(struct buf *b, const char *s)
{
	escape(b, s);
}

void
html_url(struct buf *b, const char *s)
{
	urlencode(b, s);
}

const char *
html_q(struct arena *a, const char *s)
{
	/* In the arena at its full length: no ceiling of its own, so a
	 * long value is never cut into another URL. */
	s = s ? s : "";
	char *q = arena_alloc(a, encoded_len(s) + 1);
	encode(q, s);
	return q;
}

void
html_paragraphs(struct buf *b, const char *text)
{
	const char *p = text ? text : "";
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 0) {
			buf_puts(b, "<p>");
			char *line = strndup(p, n);
			escape(b, line);
			free(line);
			buf_puts(b, "</p>");
		}
		p += n + (nl ? 1 : 0);
	}
}

/* One conversion of html_fmt's template, as printf reads it. */
struct spec {
	int left, zero, plus, space, alt; /* the flags - 0 + space # */
	int width, prec;                  /* prec -1: none given */
	char len[3];                      /* hh h l ll j z t L, or "" */
	char conv;
};

/* A width or a precision at *p: its digits (none: 0), or '*' for the
 * next argument; *p moves past it. */
static int
amount(const char **p, va_list *ap)
{
	int n = 0;
	if (**p == '*') {
		(*p)++;
		return va_arg(*ap, int);
	}
	for (; **p >= '0' && **p <= '9'; (*p)++)
		n = n * 10 + (**p - '0');
	return n;
}

/* Reads the conversion after a '%' at p (width and precision given as
 * '*' from ap); returns where its letter is. */
static const char *
parse_spec(const char *p, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){.prec = -1};
	for (;; p++) {
		if (*p == '-')
			sp->left = 1;
		else if (*p == '0')
			sp->zero = 1;
		else if (*p == '+')
			sp->plus = 1;
		else if (*p == ' ')
			sp->space = 1;
		else if (*p == '#')
			sp->alt = 1;
		else
			break;
	}
	sp->width = amount(&p, ap);
	if (sp->width < 0) {
		sp->left = 1;
		sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
	}
	if (*p == '.') {
		p++;
		sp->prec = amount(&p, ap);
	}
	size_t n = strspn(p, "hljztL");
	memcpy(sp->len, p, n < 2 ? n : 2);
	sp->len[n < 2 ? n : 2] = '\0';
	sp->conv = p[n];
	return p + n;
}

/* Writes n spaces or zeros, or as many as the buffer's ceiling lets. */
static void
pad(struct buf *b, char c, size_t n)
{
	while (n-- > 0 && buf_putc(b, c) == 0)
		;
}

/* sign, prefix and the digits in the field's width, as printf pads:
 * spaces before (or after, for '-'), or zeros after the sign. */
static void
field(struct buf *b, const struct spec *sp, int zero, const char *sign,
    const char *prefix, const char *digits)
{
	size_t n = strlen(sign) + strlen(prefix) + strlen(digits);
	size_t room = (size_t)sp->width > n ? (size_t)sp->width - n : 0;
	if (!sp->left && !zero)
		pad(b, ' ', room);
	buf_puts(b, sign);
	buf_puts(b, prefix);
	if (!sp->left && zero)
		pad(b, '0', room);
	buf_puts(b, digits);
	if (sp->left)
		pad(b, ' ', room);
}

static const char *
sign_of(const struct spec *sp, int negative)
{
	return negative ? "-" : sp->plus ? "+" : sp->space ? " " : "";
}

/* d i u o x X: the argument by its length, its digits at least prec. */
static void
integer(struct buf *b, const struct spec *sp, va_list *ap)
{
	int is_signed = sp->conv == 'd' || sp->conv == 'i';
	const char *l = sp->len;
	uintmax_t u;
	int negative = 0;
	if (is_signed) {
		intmax_t v = !strcmp(l, "hh") ? (signed char)va_arg(*ap, int) :
		    !strcmp(l, "h") ? (short)va_arg(*ap, int) :
		    !strcmp(l, "l") ? va_arg(*ap, long) :
		    !strcmp(l, "ll") ? va_arg(*ap, long long) :
		    !strcmp(l, "j") ? va_arg(*ap, intmax_t) :
		    !strcmp(l, "z") ? (intmax_t)va_arg(*ap, ssize_t) :
		    !strcmp(l, "t") ? va_arg(*ap, ptrdiff_t) : va_arg(*ap, int);
		negative = v < 0;
		u = negative ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
	} else {
		u = !strcmp(l, "hh") ? (unsigned char)va_arg(*ap, unsigned) :
		    !strcmp(l, "h") ? (unsigned short)va_arg(*ap, unsigned) :
		    !strcmp(l, "l") ? va_arg(*ap, unsigned long) :
		    !strcmp(l, "ll") ? va_arg(*ap, unsigned long long) :
		    !strcmp(l, "j") ? va_arg(*ap, uintmax_t) :
		    !strcmp(l, "z") ? va_arg(*ap, size_t) :
		    !strcmp(l, "t") ? (uintmax_t)va_arg(*ap, ptrdiff_t) :
		    va_arg(*ap, unsigned);
	}
	char digits[64] = "";
	if (u != 0 || sp->prec != 0)
		snprintf(digits, sizeof digits, sp->conv == 'o' ? "%jo" :
		    sp->conv == 'x' ? "%jx" : sp->conv == 'X' ? "%jX" : "%ju", u);
	/* The precision, and '#' on octal, as leading zeros. */
	size_t n = strlen(digits);
	size_t want = sp->prec > 0 ? (size_t)sp->prec : 0;
	if (sp->alt && sp->conv == 'o' && digits[0] != '0')
		want = want > n + 1 ? want : n + 1;
	if (want > sizeof digits - 1)
		want = sizeof digits - 1;
	if (want > n) {
		memmove(digits + (want - n), digits, n + 1);
		memset(digits, '0', want - n);
	}
	const char *prefix = sp->alt && u != 0 ? (sp->conv == 'x' ? "0x" :
	    sp->conv == 'X' ? "0X" : "") : "";
	field(b, sp, sp->zero && sp->prec < 0, is_signed ?
	    sign_of(sp, negative) : "", prefix, digits);
}

/* f F e E g G: the magnitude through printf, the sign and the field
 * here. */
static void
floating(struct buf *b, const struct spec *sp, va_list *ap)
{
	long double v = strcmp(sp->len, "L") == 0 ? va_arg(*ap, long double) :
	    va_arg(*ap, double);
	int prec = sp->prec < 0 ? 6 : sp->prec;
	int negative = signbit(v) != 0;
	long double m = negative ? -v : v;
	struct buf digits;
	buf_init(&digits, 1u << 16);
	switch (sp->conv) {
	case 'F': buf_printf(&digits, sp->alt ? "%#.*LF" : "%.*LF", prec, m);
		break;
	case 'e': buf_printf(&digits, sp->alt ? "%#.*Le" : "%.*Le", prec, m);
		break;
	case 'E': buf_printf(&digits, sp->alt ? "%#.*LE" : "%.*LE", prec, m);
		break;
	case 'g': buf_printf(&digits, sp->alt ? "%#.*Lg" : "%.*Lg", prec, m);
		break;
	case 'G': buf_printf(&digits, sp->alt ? "%#.*LG" : "%.*LG", prec, m);
		break;
	default: buf_printf(&digits, sp->alt ? "%#.*Lf" : "%.*Lf", prec, m);
		break;
	}
	/* inf and nan are padded with spaces, whatever the flags say. */
	field(b, sp, sp->zero && isfinite(v), sign_of(sp, negative), "",
	    digits.len ? digits.data : "");
	buf_free(&digits);
}

/* s and c: escaped. A precision cuts a string at a character's start,
 * never inside one (printf would count bytes and may split UTF-8). */
static void
text(struct buf *b, const struct spec *sp, va_list *ap)
{
	char one[2] = "";
	const char *s = one;
	if (sp->conv == 'c')
		one[0] = (char)va_arg(*ap, int);
	else
		s = va_arg(*ap, const char *);
	if (s == NULL)
		s = "";
	size_t n = strlen(s);
	if (sp->conv == 's' && sp->prec >= 0 && (size_t)sp->prec < n) {
		n = (size_t)sp->prec;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	size_t room = (size_t)sp->width > n ? (size_t)sp->width - n : 0;
	if (!sp->left)
		pad(b, ' ', room);
	char *cut = strndup(s, n);
	escape(b, cut);
	free(cut);
	if (sp->left)
		pad(b, ' ', room);
}

void
html_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *(p = literal(b, p)) != '\0'; p++) {
		struct spec sp;
		p = parse_spec(p + 1, &sp, &ap);
		switch (sp.conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
			integer(b, &sp, &ap);
			break;
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
			floating(b, &sp, &ap);
			break;
		case 'a': case 'A': /* hexadecimal: no page shows one, so
			* as printf writes it, without flags or width */
			if (strcmp(sp.len, "L") == 0)
				buf_printf(b, sp.conv == 'a' ? "%La" : "%LA",
				    va_arg(ap, long double));
			else
				buf_printf(b, sp.conv == 'a' ? "%a" : "%A",
				    va_arg(ap, double));
			break;
		case 's': case 'c':
			text(b, &sp, &ap);
			break;
		case 'p':
			buf_printf(b, "%p", va_arg(ap, void *));
			break;
		case '%':
			buf_putc(b, '%');
			break;
		case 'n': /* writes a count back: never in a template */
			(void)va_arg(ap, void *);
			break;
		default: /* not a conversion: the compiler refuses it */
			va_end(ap);
			return;
		}
	}
	va_end(ap);
}
