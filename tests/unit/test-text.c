/*
 * Unit tests of base/text: terminal width of UTF-8 (CJK and full-width
 * forms take two columns, malformed bytes one), padding, and CSV fields
 * (RFC 4180 quoting, formula-looking fields defused with an apostrophe).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("贵阳市"), 6);
	assert_int_equal(text_width("第五条第(一)项"), 6 * 2 + 2);
	assert_int_equal(text_width("5.1-hearings 达标"), 12 + 1 + 4);
	/* Full-width punctuation and forms. */
	assert_int_equal(text_width("，。（）"), 8);
	assert_int_equal(text_width("ＡＢ"), 4);
	/* Narrow non-ASCII: one column each. */
	assert_int_equal(text_width("é–"), 2);
	/* Hangul syllables are wide. */
	assert_int_equal(text_width("한"), 2);
	/* A stray continuation byte and a truncated sequence: one column
	 * per bad byte, without reading past the end. */
	assert_int_equal(text_width("a\x80" "b"), 3);
	assert_int_equal(text_width("\xe8\xb4"), 2);
}

/* What text_pad writes, as a string. */
static char *
capture_pad(const char *s, int width)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	text_pad(f, s, width);
	fclose(f);
	return buf;
}

static char *
capture_csv(const char *s)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	text_csv(f, s);
	fclose(f);
	return buf;
}

static void
test_pad(void **state)
{
	(void)state;
	char *s = capture_pad("达标", 6);
	assert_string_equal(s, "达标  ");
	free(s);
	s = capture_pad("met", 6);
	assert_string_equal(s, "met   ");
	free(s);
	/* Never truncates. */
	s = capture_pad("不适用的职责", 4);
	assert_string_equal(s, "不适用的职责");
	free(s);
}

static void
test_csv(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain", "plain" },
		{ "贵阳市", "贵阳市" },
		{ "", "" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "two\nlines", "\"two\nlines\"" },
		{ "cr\r", "\"cr\r\"" },
		{ "=SUM(A1:A9)", "\"'=SUM(A1:A9)\"" },
		{ "+1", "\"'+1\"" },
		{ "-1", "\"'-1\"" },
		{ "@cmd", "\"'@cmd\"" },
		{ "=a,\"b\"", "\"'=a,\"\"b\"\"\"" },
		{ "a=b", "a=b" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = capture_csv(cases[i].in);
		int ok = strcmp(s, cases[i].out) == 0;
		if (!ok)
			print_error("csv of [%s]: [%s], want [%s]\n", cases[i].in,
			    s, cases[i].out);
		free(s);
		if (!ok)
			fail();
	}
	char *s = capture_csv(NULL);
	assert_string_equal(s, "");
	free(s);
}

/* Well-formed UTF-8 only: each rule of RFC 3629's table, both ways. */
static void
test_utf8_valid(void **state)
{
	(void)state;
	static const char *const good[] = { "", "ascii", "履职 2025",
		"\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf",
		"\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x90\x80\x80",
		"\xf4\x8f\xbf\xbf", "\xf3\xbf\xbf\xbf" };
	static const char *const bad[] = { "\x80", "\xbf", "\xc0\xae",
		"\xc1\xbf", "\xc2", "\xc2\x41", "\xe0\x80\xaf",
		"\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xe4\xb8",
		"\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80",
		"\xf5\x80\x80\x80", "\xff", "ok\xe5\xb1", "\xe5\xb1\xa5\xe8" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (!text_utf8_valid(good[i]))
			fail_msg("good[%zu] refused", i);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (text_utf8_valid(bad[i]))
			fail_msg("bad[%zu] accepted", i);
}

/* Log text: what could forge a line or drive a terminal is escaped;
 * Chinese stays; a small buffer cuts before an escape, never inside. */
static void
test_escape(void **state)
{
	(void)state;
	static const char *const cases[][3] = {
		{ "/ledger/履职", "/ledger/履职", "/ledger/履职" },
		{ "a\nb c\r", "a\\x0ab c\\x0d", "a\\x0ab\\x20c\\x0d" },
		{ "\x1b[31m\x7f", "\\x1b[31m\\x7f", "\\x1b[31m\\x7f" },
		{ "\xc2\x9b\xc2\xa0", "\\xc2\\x9b\xc2\xa0",
		    "\\xc2\\x9b\xc2\xa0" },
		{ "\xff\xe5\xb1x\\", "\\xff\\xe5\\xb1x\\\\",
		    "\\xff\\xe5\\xb1x\\\\" },
	};
	char out[64];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		text_escape(out, sizeof out, cases[i][0], 0);
		assert_string_equal(out, cases[i][1]);
		assert_true(text_utf8_valid(out));
		text_escape(out, sizeof out, cases[i][0], 1);
		assert_string_equal(out, cases[i][2]);
	}
	assert_int_equal(text_escape(out, 6, "ab\ncd", 0), 2);
	assert_string_equal(out, "ab");
}

/* The name/label tables of closed sets (base/text.h). */
static void
test_name_label(void **state)
{
	static const struct name_label t[] = { { "a", "甲" }, { "b", "乙" } };
	(void)state;
	assert_string_equal(name_of(t, 2, 1, NULL), "b");
	assert_string_equal(label_of(t, 2, 0, NULL), "甲");
	assert_null(name_of(t, 2, 2, NULL));
	assert_string_equal(label_of(t, 2, -1, ""), "");
	assert_int_equal(name_find(t, 2, "b"), 1);
	assert_int_equal(name_find(t, 2, "甲"), -1);
	assert_int_equal(name_find(t, 2, NULL), -1);
}

/* text_scan_refs: ids standing alone (the longest at a place) and valid
 * ISO dates, in order; an id inside a longer one, or a date that is
 * no day, is plain text. */
static void
put_seg(void *ctx, const char *s, size_t n)
{
	strncat(ctx, s, n);
}

static void
put_ref(void *ctx, size_t which)
{
	char *out = ctx;
	size_t n = strlen(out);
	snprintf(out + n, 256 - n, "<%zu>", which);
}

static void
put_day(void *ctx, const char *cn)
{
	strcat(ctx, cn);
}

static void
test_scan_refs(void **state)
{
	static const char *const ids[] = { "r-1", "r-12", "r-0007" };
	static const char *const cases[][2] = {
		{ "符合要求:r-12(2025-03-05)", "符合要求:<1>(2025年3月5日)" },
		{ "r-1,r-123 与 xr-1", "<0>,r-123 与 xr-1" },
		{ "r-0007;r-1", "<2>;<0>" },
		{ "2025-02-30 与 12025-03-05 与 2025-3-5", "2025-02-30 与 "
		    "12025-03-05 与 2025-3-5" },
		{ "", "" },
	};
	struct text_refs cb = { NULL, put_seg, put_ref, put_day };
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[256] = "";
		cb.ctx = out;
		text_scan_refs(cases[i][0], ids, 3, &cb);
		assert_string_equal(out, cases[i][1]);
	}
	char out[256] = "";
	cb.ctx = out;
	text_scan_refs(NULL, ids, 3, &cb);
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_name_label),
		cmocka_unit_test(test_scan_refs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
