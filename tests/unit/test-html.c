/*
 * Unit tests of web/html.c's typed pieces: html_paragraphs (a report's
 * text as paragraphs, escaped, blank lines dropped), html_fmt, html_text,
 * html_url and html_q (a query value percent-encoded, unchanged by
 * html_fmt's escaping).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

/* What html_paragraphs writes for text, as a string the test frees. */
static char *
paragraphs(const char *text)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	html_paragraphs(&b, text);
	char *s = strdup(b.data ? b.data : "");
	buf_free(&b);
	return s;
}

static void
test_paragraphs(void **state)
{
	(void)state;
	char *s = paragraphs("一、总体情况\n\n<b>加强</b> & \"落实\"\n");
	assert_string_equal(s, "<p>一、总体情况</p><p>&lt;b&gt;加强&lt;/b&gt; "
	    "&amp; &quot;落实&quot;</p>");
	free(s);
	s = paragraphs("");
	assert_string_equal(s, "");
	free(s);
	s = paragraphs(NULL);
	assert_string_equal(s, "");
	free(s);
	s = paragraphs("one line");
	assert_string_equal(s, "<p>one line</p>");
	free(s);
}

static void
test_fmt(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4096);
	html_fmt(&b, "<dd>%s · %d 年度 · %zu</dd>", "<x>", 2025, (size_t)3);
	assert_string_equal(b.data, "<dd>&lt;x&gt; · 2025 年度 · 3</dd>");
	buf_free(&b);
}

/* What the pages write: %.1f for one decimal, longs, a percent sign;
 * html_text and html_url for one value each. */
static void
test_pieces(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4096);
	html_fmt(&b, "x=\"%.1f\" %ld %lld %u %d%%|", 12.345, -7L, 1LL << 40,
	    42u, 50);
	html_text(&b, "<b>'&'\"</b>");
	html_text(&b, NULL);
	buf_puts(&b, "|");
	html_url(&b, "a b/c");
	assert_string_equal(b.data, "x=\"12.3\" -7 1099511627776 42 50%|"
	    "&lt;b&gt;&#39;&amp;&#39;&quot;&lt;/b&gt;|a%20b%2Fc");
	buf_free(&b);
}

/* printf's flags, widths and precisions, with the text escaped after it
 * is cut and padded, and never cut inside a character. */
static void
test_printf(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4096);
	html_fmt(&b, "%5s|%-3d|%.4s|%03d|%c|%+.2f|%x|%.0d|", "<a>", 7, "南明区",
	    5, '&', 2.5, 255u, 0);
	assert_string_equal(b.data, "  &lt;a&gt;|7  |南|005|&amp;|+2.50|ff||");
	buf_free(&b);
	/* A width past the buffer's ceiling fills it and stops, at once. */
	volatile int least = INT_MIN, most = INT_MAX; /* as a page computes */
	buf_init(&b, 64);
	html_fmt(&b, "%*d|%*s", least, 1, most, "x");
	assert_true(b.len <= 64);
	assert_int_equal(b.data[0], '1');
	buf_free(&b);
}

static void
test_q(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	struct buf b;
	buf_init(&b, 4096);
	const char *q = html_q(a, "南明区 & <a>?x=1");
	assert_string_equal(q, "%E5%8D%97%E6%98%8E%E5%8C%BA%20%26%20%3Ca%3E%3Fx%3D1");
	html_fmt(&b, "<a href=\"/cases?q=%s\">", q);
	assert_string_equal(b.data, "<a href=\"/cases?q=%E5%8D%97%E6%98%8E"
	    "%E5%8C%BA%20%26%20%3Ca%3E%3Fx%3D1\">");
	assert_string_equal(html_q(a, NULL), "");
	assert_string_equal(html_q(a, "a-b_c.d~9"), "a-b_c.d~9");
	buf_free(&b);
	arena_free(a);
}

/* A value of any length is encoded whole: past 4 KB (the ceiling
 * html_q had) it was cut, and the link pointed somewhere else. In a
 * page's buffer, a value with no room left is left out whole, never cut
 * into another URL. */
static void
test_q_long(void **state)
{
	(void)state;
	struct arena *a = arena_create();
	size_t n = 5000;
	char *s = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = i % 2 ? 'a' : ' ';
	s[n] = '\0';
	const char *q = html_q(a, s);
	assert_int_equal(strlen(q), n / 2 * 3 + n / 2);
	assert_string_equal(q + strlen(q) - 4, "%20a");
	struct buf b;
	buf_init(&b, 16);
	buf_puts(&b, "/x?q=");
	html_url(&b, "abc def");
	assert_string_equal(b.data, "/x?q=abc%20def");
	html_url(&b, "a b");
	assert_string_equal(b.data, "/x?q=abc%20def");
	buf_free(&b);
	free(s);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_fmt),
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_q),
		cmocka_unit_test(test_q_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
