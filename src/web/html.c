/*
 * HTML output with escaping by construction: html_printf escapes every
 * value it is given unless the template says %R, which only ever takes
 * literals and markup we built ourselves.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void
urlencode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	if (s == NULL)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			buf_putc(b, (char)*p);
		else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			buf_append(b, e, 3);
		}
	}
}

/* Copies the format's text from p up to its next '%' (or its end) and
 * returns where it stopped: the two formatters below share it. */
static const char *
literal(struct buf *b, const char *p)
{
	const char *next = strchr(p, '%');
	size_t n = next ? (size_t)(next - p) : strlen(p);
	buf_append(b, p, n);
	return p + n;
}

void
html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *(p = literal(b, p)) != '\0'; p++) {
		/* Numbers through buf_printf: no fixed buffer to cut a large
		 * double's digits short. */
		switch (*++p) {
		case 's':
			escape(b, va_arg(ap, const char *));
			break;
		case 'R': {
			const char *s = va_arg(ap, const char *);
			if (s != NULL)
				buf_puts(b, s);
			break;
		}
		case 'U':
			urlencode(b, va_arg(ap, const char *));
			break;
		case 'd':
			buf_printf(b, "%d", va_arg(ap, int));
			break;
		case 'u':
			buf_printf(b, "%u", va_arg(ap, unsigned));
			break;
		case 'f':
			buf_printf(b, "%.1f", va_arg(ap, double));
			break;
		case 'l':
			if (p[1] == 'd') {
				p++;
				buf_printf(b, "%ld", va_arg(ap, long));
			}
			break;
		case 'z':
			if (p[1] == 'u') {
				p++;
				buf_printf(b, "%zu", va_arg(ap, size_t));
			}
			break;
		case '%':
			buf_putc(b, '%');
			break;
		case '\0':
			p--;
			break;
		default:
			buf_putc(b, '%');
			buf_putc(b, *p);
			break;
		}
	}
	va_end(ap);
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
	struct buf b;
	buf_init(&b, 4096);
	urlencode(&b, s);
	const char *q = arena_strdup(a, b.len ? b.data : "");
	buf_free(&b);
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

void
html_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *(p = literal(b, p)) != '\0'; p++) {
		/* One conversion, no flags or width (the compiler holds the
		 * literal to printf's rules; what is not here prints nothing):
		 * %s escaped, %d %ld %lld %u %lu %zu, %f %.0f to %.3f. */
		int longs = 0, size = 0, prec = 6;
		p++;
		if (p[0] == '.' && p[1] >= '0' && p[1] <= '3' && p[2] == 'f') {
			prec = p[1] - '0';
			p += 2;
		}
		for (; *p == 'l' || *p == 'z'; p++)
			*p == 'l' ? longs++ : (size = 1);
		switch (*p) {
		case 's':
			escape(b, va_arg(ap, const char *));
			break;
		case 'd':
			if (longs == 2)
				buf_printf(b, "%lld", va_arg(ap, long long));
			else if (longs == 1)
				buf_printf(b, "%ld", va_arg(ap, long));
			else
				buf_printf(b, "%d", va_arg(ap, int));
			break;
		case 'u':
			if (size)
				buf_printf(b, "%zu", va_arg(ap, size_t));
			else if (longs)
				buf_printf(b, "%lu", va_arg(ap, unsigned long));
			else
				buf_printf(b, "%u", va_arg(ap, unsigned));
			break;
		case 'f':
			buf_printf(b, "%.*f", prec, va_arg(ap, double));
			break;
		case '%':
			buf_putc(b, '%');
			break;
		default: /* the compiler refuses any other in a literal */
			va_end(ap);
			return;
		}
	}
	va_end(ap);
}
