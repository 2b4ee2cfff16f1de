/*
 * Unit tests of web/html.c's typed pieces: html_paragraphs (a report's
 * text as paragraphs, escaped, blank lines dropped) and html_fmt.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_fmt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
