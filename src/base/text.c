#include "base/text.h"

#include <stdint.h>
#include <string.h>

#include "base/date.h"

/* Decodes one UTF-8 sequence; returns its length (1 for bad bytes). */
static int
decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
	uint32_t v = n == 4 ? s[0] & 7u : n == 3 ? s[0] & 15u : s[0] & 31u;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = v << 6 | (s[i] & 0x3Fu);
	}
	*cp = n == 1 ? 0xFFFD : v;
	return n;
}

static int
wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

int
text_width(const char *s)
{
	int w = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c;
		p += decode(p, &c);
		w += wide(c) ? 2 : 1;
	}
	return w;
}

void
text_pad(FILE *out, const char *s, int width)
{
	fputs(s, out);
	for (int w = text_width(s); w < width; w++)
		fputc(' ', out);
}

void
text_csv(FILE *out, const char *s)
{
	if (s == NULL)
		return;
	int formula = strchr("=+-@", s[0]) != NULL && s[0] != '\0';
	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* The length of the well-formed UTF-8 sequence at p (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF), or 0. */
static int
utf8_seq(const unsigned char *p)
{
	unsigned c = *p;
	int n;
	unsigned lo = 0x80, hi = 0xbf; /* the second byte's range */
	if (c < 0x80) {
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 1;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2;
		if (c == 0xe0)
			lo = 0xa0; /* overlong */
		else if (c == 0xed)
			hi = 0x9f; /* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3;
		if (c == 0xf0)
			lo = 0x90; /* overlong */
		else if (c == 0xf4)
			hi = 0x8f; /* past U+10FFFF */
	} else {
		return 0;
	}
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (int i = 2; i <= n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n + 1;
}

int
text_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = utf8_seq(p);
		if (n == 0)
			return 0;
		p += n;
	}
	return 1;
}

size_t
text_escape(char *out, size_t size, const char *s, int space)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	while (*p) {
		int n = utf8_seq(p);
		char esc[4];
		const char *from = (const char *)p;
		size_t len = (size_t)n;
		/* C0 controls, the space when asked, DEL, the backslash and, among the
		 * characters, the C1 controls (U+0080..U+009F): escaped, as is
		 * every byte that starts no well-formed sequence. */
		if (n <= 1 ? *p < 0x20 || (*p == ' ' && space) || *p == 0x7f || *p == '\\' || n == 0 :
		    n == 2 && p[0] == 0xc2 && p[1] < 0xa0) {
			if (*p == '\\') {
				memcpy(esc, "\\\\", 2);
				len = 2;
			} else {
				esc[0] = '\\';
				esc[1] = 'x';
				esc[2] = hex[*p >> 4];
				esc[3] = hex[*p & 15];
				len = 4;
			}
			from = esc;
			n = 1;
		}
		if (o + len >= size)
			break;
		memcpy(out + o, from, len);
		o += len;
		p += n;
	}
	if (size > 0)
		out[o] = '\0';
	return o;
}

const char *
name_of(const struct name_label *t, size_t n, int i, const char *otherwise)
{
	return i >= 0 && (size_t)i < n ? t[i].name : otherwise;
}

const char *
label_of(const struct name_label *t, size_t n, int i, const char *otherwise)
{
	return i >= 0 && (size_t)i < n ? t[i].label : otherwise;
}

int
name_find(const struct name_label *t, size_t n, const char *name)
{
	for (size_t i = 0; name != NULL && i < n; i++)
		if (strcmp(name, t[i].name) == 0)
			return (int)i;
	return -1;
}

/* Whether the n bytes at p stand alone in text (see text_scan_refs). */
static int
alone(const char *text, const char *p, size_t n)
{
	static const char idchars[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
	return (p == text || strchr(idchars, p[-1]) == NULL) &&
	    (p[n] == '\0' || strchr(idchars, p[n]) == NULL);
}

/* The date at p as people read it into cn, or 0 when none stands there. */
static int
iso_day_at(const char *text, const char *p, char cn[32])
{
	char s[11];
	date_t d;
	int y, m, day;
	for (int i = 0; i < 10; i++)
		if (p[i] == '\0' || ((i == 4 || i == 7) ? p[i] != '-' :
		    (p[i] < '0' || p[i] > '9')))
			return 0;
	memcpy(s, p, 10);
	s[10] = '\0';
	if (!alone(text, p, 10) || date_parse(s, &d) != 0)
		return 0;
	date_to_ymd(d, &y, &m, &day);
	snprintf(cn, 32, "%d年%d月%d日", y, m, day);
	return 1;
}

void
text_scan_refs(const char *text, const char *const *ids, size_t nids,
    const struct text_refs *cb)
{
	const char *p = text ? text : "", *done = p;
	text = p;
	while (*p) {
		size_t best = 0, which = 0;
		char cn[32];
		for (size_t i = 0; i < nids; i++) {
			size_t n = ids[i] ? strlen(ids[i]) : 0;
			if (n > best && strncmp(p, ids[i], n) == 0 &&
			    alone(text, p, n)) {
				best = n;
				which = i;
			}
		}
		int day = best == 0 && iso_day_at(text, p, cn);
		if (best == 0 && !day) {
			p++;
			continue;
		}
		cb->seg(cb->ctx, done, (size_t)(p - done));
		if (day) {
			cb->day(cb->ctx, cn);
			best = 10;
		} else
			cb->ref(cb->ctx, which);
		p += best;
		done = p;
	}
	cb->seg(cb->ctx, done, strlen(done));
}
