/*
 * Unit tests of base/zhtext: Chinese running text normalised for print
 * (full-width punctuation in Chinese context, no spaces between Chinese
 * and digits or Latin, ISO dates as Chinese dates) and dates in Chinese
 * numerals.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/zhtext.h"

/* zh_normalise(s) must give want. */
static void
is(const char *s, const char *want)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	assert_int_equal(zh_normalise(&b, s), 0);
	assert_int_equal(buf_putc(&b, '\0'), 0);
	char got[512];
	snprintf(got, sizeof got, "%s", b.data);
	buf_free(&b);
	if (strcmp(got, want) != 0)
		fail_msg("'%s' gave '%s', want '%s'", s, got, want);
}

static void
test_punctuation(void **state)
{
	(void)state;
	is("(1)按期报送", "（1）按期报送");
	is("第(一)项", "第（一）项");
	is("达到要求,超过每年2次的要求", "达到要求，超过每年2次的要求");
	is("原因:人员不足;措施?落实!", "原因：人员不足；措施？落实！");
	is("共3,超过", "共3，超过");
	/* Numbers and Latin keep theirs. */
	is("1,000 元", "1,000元");
	is("上午10:30召开", "上午10:30召开");
	is("see (a) and (b), ok", "see (a) and (b), ok");
	is("f(x)", "f(x)");
	/* An unmatched parenthesis is left alone. */
	is("说明(未完", "说明(未完");
	is("行政执法 \"三项制度\" 落实", "行政执法“三项制度”落实");
	is("say \"hi\" now", "say \"hi\" now");
	is("计划(第六条第(一)项):法", "计划（第六条第（一）项）：法");
	is("f(g(x))", "f(g(x))");
	/* Each line starts afresh. */
	is("一、总体\n(1)细则", "一、总体\n（1）细则");
}

static void
test_spaces(void **state)
{
	(void)state;
	is("关于 2025 年度法治政府建设情况的报告",
	    "关于2025年度法治政府建设情况的报告");
	is("达到 2 次,超过 PDF 要求", "达到2次，超过PDF要求");
	is("南明区 人民政府", "南明区人民政府");
	is("达到要求, 超过", "达到要求，超过");
	is("lvzhi system 2 版", "lvzhi system 2版");
	is("(1) 按期", "（1）按期");
	is("  缩进", "  缩进");
}

static void
test_dates(void **state)
{
	(void)state;
	is("于2027-02-04前报送", "于2027年2月4日前报送");
	is("截至 2026-12-31。", "截至2026年12月31日。");
	/* Not dates: a record number, an invalid day, a longer token. */
	is("台账 2025-0012 号", "台账2025-0012号");
	is("2026-02-30", "2026-02-30");
	is("x2026-02-03", "x2026-02-03");
}

static void
test_bad_bytes_and_ceiling(void **state)
{
	(void)state;
	is("a\xff" "b", "a\xef\xbf\xbd" "b");
	is("", "");
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(zh_normalise(&b, "关于 2025 年度的报告"), -1);
	buf_free(&b);
}

static void
test_numerals(void **state)
{
	(void)state;
	char s[64];
	zh_date_numerals(2026, 12, 6, s, sizeof s);
	assert_string_equal(s, "二〇二六年十二月六日");
	zh_date_numerals(2030, 1, 10, s, sizeof s);
	assert_string_equal(s, "二〇三〇年一月十日");
	zh_date_numerals(2025, 10, 31, s, sizeof s);
	assert_string_equal(s, "二〇二五年十月三十一日");
	zh_date_numerals(2027, 11, 20, s, sizeof s);
	assert_string_equal(s, "二〇二七年十一月二十日");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_punctuation),
		cmocka_unit_test(test_spaces),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_bad_bytes_and_ceiling),
		cmocka_unit_test(test_numerals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
