/*
 * Unit tests of report/pdf: a report with known Chinese text is rendered
 * to a temporary file and read back with pdftotext (poppler-utils, which
 * scripts/deps.sh installs): the title, the lines under it, every heading
 * and the body text must come back, long text must break onto numbered
 * pages, and the ceiling on pages must hold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "report/pdf.h"

/* Writes the PDF to a temporary file and returns pdftotext's output
 * with all white space removed (lines wrap anywhere in Chinese text);
 * the caller frees it. Fails the test when pdftotext cannot run. */
static char *
to_text(const char *pdf, size_t len)
{
	char path[] = "/tmp/lvzhi-test-pdf-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(pdf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct buf b;
	buf_init(&b, 64u << 20);
	int c;
	while ((c = fgetc(p)) != EOF)
		if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f')
			assert_int_equal(buf_putc(&b, (char)c), 0);
	int status = pclose(p);
	unlink(path);
	if (status != 0)
		fail_msg("pdftotext failed (%d): %s — install poppler-utils "
		    "(scripts/deps.sh)", status, b.data ? b.data : "");
	assert_int_equal(buf_putc(&b, '\0'), 0);
	return b.data;
}

static void
test_chinese_text_comes_back(void **state)
{
	(void)state;
	static const char *const lines[] = { "中共南明区委员会", "2025 年度",
		"状态:已锁定" };
	static const struct pdf_section sections[] = {
		{ "一、履行推进法治建设第一责任人职责情况",
		  "每年听取法治建设工作汇报 2 次,达到要求。\n"
		  "举办法治专题讲座 3 次,超过每年 2 次的要求。" },
		{ "二、存在的问题和不足", "重大行政决策合法性审查有待加强。" },
		{ "三、下一步工作打算", "" },
	};
	struct pdf_doc doc = { .title = "述法报告(测试)", .lines = lines,
		.nlines = 3, .sections = sections, .nsections = 3,
		.footer = "履职 lvzhi", .author = "测试",
		.created = "2026-03-20T09:00:00" };
	char *pdf = NULL, err[256] = "";
	size_t len = 0;
	assert_int_equal(pdf_render(&doc, &pdf, &len, err, sizeof err), 0);
	assert_true(len > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	char *text = to_text(pdf, len);
	const char *want[] = { "述法报告(测试)", "中共南明区委员会", "2025年度",
		"状态:已锁定", "一、履行推进法治建设第一责任人职责情况",
		"每年听取法治建设工作汇报2次,达到要求。", "二、存在的问题和不足",
		"重大行政决策合法性审查有待加强。", "三、下一步工作打算",
		"第1页共1页", "履职lvzhi" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (strstr(text, want[i]) == NULL)
			fail_msg("'%s' not in the text: %s", want[i], text);
	free(text);
	free(pdf);
}

static void
test_long_text_breaks_pages(void **state)
{
	(void)state;
	struct buf body;
	buf_init(&body, 1u << 20);
	for (int i = 1; i <= 120; i++)
		buf_printf(&body, "第%d段:法治政府建设年度工作计划按期制定,"
		    "重大行政决策严格履行法定程序。\n", i);
	struct pdf_section s = { "主要举措和成效", body.data };
	struct pdf_doc doc = { .title = "长报告", .sections = &s,
		.nsections = 1 };
	char *pdf = NULL, err[256] = "";
	size_t len = 0;
	assert_int_equal(pdf_render(&doc, &pdf, &len, err, sizeof err), 0);
	char *text = to_text(pdf, len);
	assert_non_null(strstr(text, "第1段:"));
	assert_non_null(strstr(text, "第120段:"));
	assert_non_null(strstr(text, "第1页共"));
	/* 120 paragraphs of two lines run to several pages, each numbered
	 * with the total. */
	const char *last = strstr(text, "第2页共");
	assert_non_null(last);
	int pages = atoi(last + strlen("第2页共"));
	assert_true(pages >= 4);
	char mark[64];
	snprintf(mark, sizeof mark, "第%d页共%d页", pages, pages);
	assert_non_null(strstr(text, mark));
	free(text);
	free(pdf);
	buf_free(&body);
}

static void
test_page_ceiling(void **state)
{
	(void)state;
	struct buf body;
	buf_init(&body, 16u << 20);
	for (int i = 0; i < PDF_PAGES_MAX * 40; i++)
		buf_puts(&body, "一行\n");
	struct pdf_section s = { "过长", body.data };
	struct pdf_doc doc = { .title = "过长的报告", .sections = &s,
		.nsections = 1 };
	char *pdf = NULL, err[256] = "";
	size_t len = 0;
	assert_int_equal(pdf_render(&doc, &pdf, &len, err, sizeof err), -1);
	assert_null(pdf);
	assert_non_null(strstr(err, "pages"));
	buf_free(&body);
}

static void
test_invalid_utf8_and_shutdown(void **state)
{
	(void)state;
	struct pdf_section s = { "标题\xff", "正文\xe4\xb8" };
	struct pdf_doc doc = { .title = "\xc3(", .sections = &s,
		.nsections = 1 };
	char *pdf = NULL, err[256] = "";
	size_t len = 0;
	assert_int_equal(pdf_render(&doc, &pdf, &len, err, sizeof err), 0);
	free(pdf);
	/* After a shutdown the next rendering starts afresh. */
	pdf_shutdown();
	if (pdf_render(&doc, &pdf, &len, err, sizeof err) != 0)
		fail_msg("after a shutdown: %s", err);
	free(pdf);
	pdf_shutdown();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese_text_comes_back),
		cmocka_unit_test(test_long_text_breaks_pages),
		cmocka_unit_test(test_page_ceiling),
		cmocka_unit_test(test_invalid_utf8_and_shutdown),
	};
	return cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
}
