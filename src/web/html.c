/*
 * HTML output with escaping by construction: html_printf escapes every
 * value it is given unless the template says %R, which only ever takes
 * literals and markup we built ourselves.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
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

void
html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			const char *next = strchr(p, '%');
			size_t n = next ? (size_t)(next - p) : strlen(p);
			buf_append(b, p, n);
			p += n - 1;
			continue;
		}
		char num[64];
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
			snprintf(num, sizeof num, "%d", va_arg(ap, int));
			buf_puts(b, num);
			break;
		case 'u':
			snprintf(num, sizeof num, "%u", va_arg(ap, unsigned));
			buf_puts(b, num);
			break;
		case 'f':
			snprintf(num, sizeof num, "%.1f", va_arg(ap, double));
			buf_puts(b, num);
			break;
		case 'l':
			if (p[1] == 'd') {
				p++;
				snprintf(num, sizeof num, "%ld", va_arg(ap, long));
				buf_puts(b, num);
			}
			break;
		case 'z':
			if (p[1] == 'u') {
				p++;
				snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
				buf_puts(b, num);
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
