/*
 * Unit tests of report/gongwen: a 公文 with known Chinese text is
 * rendered and read back with poppler-utils (scripts/deps.sh installs
 * them): pdfinfo's page size is A4, pdffonts finds every font embedded,
 * pdftotext gives back the 版头, title, 主送机关, the normalised 正文,
 * 附件说明, 署名, 成文日期, 版记 and the page numbers "— N —"; long text
 * breaks onto pages, the ceiling on pages holds, a font that is not
 * installed falls back to Noto CJK, and heading levels are recognised.
 * The layout's geometry (margins, lines, sides) is checked on the
 * rendered reports by tests/web/gongwen.test.mjs. The PDF is tagged
 * (pdfinfo, qpdf from the qpdf package).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "report/gongwen.h"

/* The output of "tool PATH tail" run on the PDF, white space removed
 * when squeeze; the caller frees it. */
static char *
run_on(const char *pdf, size_t len, const char *tool, const char *tail,
    int squeeze)
{
	char path[] = "/tmp/lvzhi-test-gongwen-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(pdf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	char line[512];
	snprintf(line, sizeof line, "%s '%s' %s", tool, path, tail);
	FILE *p = popen(line, "r");
	assert_non_null(p);
	struct buf b;
	buf_init(&b, 64u << 20);
	int c;
	while ((c = fgetc(p)) != EOF)
		if (!squeeze || (c != ' ' && c != '\n' && c != '\r' &&
		    c != '\t' && c != '\f'))
			assert_int_equal(buf_putc(&b, (char)c), 0);
	int status = pclose(p);
	unlink(path);
	assert_int_equal(buf_putc(&b, '\0'), 0);
	if (status != 0)
		fail_msg("%s failed (%d): %s — install poppler-utils "
		    "(scripts/deps.sh)", tool, status, b.data);
	return b.data;
}

static char *
render(const struct gw_doc *doc, size_t *len)
{
	char *pdf = NULL, err[256] = "";
	if (gongwen_render(doc, &pdf, len, err, sizeof err) != 0)
		fail_msg("gongwen_render: %s", err);
	assert_memory_equal(pdf, "%PDF-", 5);
	return pdf;
}

/* The attr ("xMin", "yMax", ...) of the first word of pdftotext -bbox
 * that holds word, in points; -1: none. */
static double
word_at(const char *pdf, size_t len, const char *word, const char *attr)
{
	char tail[256];
	snprintf(tail, sizeof tail, "- | grep -m1 '%s' | sed -n "
	    "'s/.*%s=\"\\([0-9.]*\\)\".*/\\1/p'", word, attr);
	char *v = run_on(pdf, len, "pdftotext -bbox -enc UTF-8", tail, 1);
	double x = *v ? atof(v) : -1;
	free(v);
	return x;
}

static const struct gw_block sample_body[] = {
	{ GW_TEXT, "2025 年,我区坚持以习近平法治思想为指导,推进法治政府建设。" },
	{ GW_HEADING, "一、主要举措和成效" },
	{ GW_TEXT, "(一)健全依法决策机制。重大行政决策于 2025-03-05 前全部"
	  "完成合法性审查。\n1. 制定年度决策目录。\n(1)按期公布。" },
	{ GW_HEADING, "二、存在的不足和原因" },
	{ GW_TEXT, "行政执法 \"三项制度\" 落实不够到位,原因:人员不足;经费短缺。" },
};

static void
test_document_reads_back(void **state)
{
	(void)state;
	static const char *const att[] = { "2025年度法治政府建设工作台账",
		"重大行政决策目录" };
	struct gw_doc doc = { .organ_mark = "贵阳市南明区人民政府文件",
		.number = "南府发〔2026〕3号",
		.title = "贵阳市南明区人民政府关于 2025 年度法治政府建设情况的报告",
		.addressee = "区人大常委会", .body = sample_body,
		.nbody = sizeof sample_body / sizeof *sample_body,
		.attachments = att, .nattachments = 2,
		.signer = "贵阳市南明区人民政府", .year = 2026, .month = 3,
		.day = 20, .numerals = GW_NUMERALS_ARABIC, .seal = 1,
		.cc = "市司法局,市委依法治市办",
		.printer = "贵阳市南明区人民政府办公室", .print_year = 2026,
		.print_month = 3, .print_day = 21, .author = "南明区人民政府",
		.created = "2026-03-20T09:00:00" };
	size_t len;
	char *pdf = render(&doc, &len);
	char *text = run_on(pdf, len, "pdftotext -enc UTF-8", "-", 1);
	const char *want[] = { "贵阳市南明区人民政府文件", "南府发〔2026〕3号",
		"贵阳市南明区人民政府关于2025年度法治政府建设情况的报告",
		"区人大常委会：", "2025年，我区坚持以习近平法治思想为指导",
		"一、主要举措和成效", "（一）健全依法决策机制。",
		"于2025年3月5日前", "1.制定年度决策目录。", "（1）按期公布。",
		"原因：人员不足；经费短缺。", "附件：1.2025年度法治政府建设工作台账",
		"2.重大行政决策目录", "贵阳市南明区人民政府2026年3月20日",
		"抄送：市司法局，市委依法治市办。", "贵阳市南明区人民政府办公室",
		"2026年3月21日印发", "—1—" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (strstr(text, want[i]) == NULL)
			fail_msg("'%s' not in the text: %s", want[i], text);
	free(text);
	char *info = run_on(pdf, len, "pdfinfo", "", 0);
	if (strstr(info, "595.276 x 841.89 pts (A4)") == NULL)
		fail_msg("not A4: %s", info);
	free(info);
	/* Every font embedded (the "emb" column: yes). */
	char *fonts = run_on(pdf, len, "pdffonts", "| tail -n +3", 0);
	assert_true(strlen(fonts) > 0);
	for (char *l = strtok(fonts, "\n"); l; l = strtok(NULL, "\n"))
		if (strstr(l, " yes ") == NULL)
			fail_msg("a font not embedded: %s", l);
	free(fonts);
	free(pdf);
}

/* The PDF is tagged (pdfinfo), with the title as printed, the language
 * zh-CN, the title shown by viewers and a structure tree of the parts:
 * the title H1, a heading alone H2, a heading running into its text a
 * paragraph; qpdf --check finds it sound. */
static void
test_tagged(void **state)
{
	(void)state;
	struct gw_doc doc = { .organ_mark = "某某区人民政府文件",
		.title = "关于 2025 年度工作的报告", .body = sample_body,
		.nbody = sizeof sample_body / sizeof *sample_body,
		.signer = "某某区人民政府", .year = 2026, .month = 3, .day = 2 };
	size_t len;
	char *pdf = render(&doc, &len);
	char *info = run_on(pdf, len, "pdfinfo", "", 1);
	if (strstr(info, "Tagged:yes") == NULL ||
	    strstr(info, "Title:关于2025年度工作的报告") == NULL)
		fail_msg("not tagged, or not the title: %s", info);
	free(info);
	char *check = run_on(pdf, len, "qpdf --check", "2>&1", 0);
	if (strstr(check, "No syntax or stream encoding errors") == NULL)
		fail_msg("qpdf --check: %s", check);
	free(check);
	char *qdf = run_on(pdf, len, "qpdf --qdf --object-streams=disable",
	    "- | tr -d '\\000' | grep -a -e '^ */S /' -e /Lang -e /Marked "
	    "-e /DisplayDocTitle", 1);
	const char *want[] = { "/Lang(zh-CN)", "/Markedtrue",
		"/DisplayDocTitletrue", "/S/Document", "/S/H1", "/S/H2", "/S/P" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (strstr(qdf, want[i]) == NULL)
			fail_msg("'%s' not in the catalog or tree: %s", want[i], qdf);
	free(qdf);
	free(pdf);
}

/* The 成文日期's numerals: Chinese unless the setting says Arabic; a
 * document's own choice over the setting. */
static void
test_date_numerals(void **state)
{
	(void)state;
	struct gw_doc doc = { .title = "通知", .signer = "某某局",
		.year = 2026, .month = 12, .day = 6 };
	const struct {
		int arabic, numerals;
		const char *want, *not;
	} cases[] = {
		{ 0, GW_NUMERALS_SETTING, "二〇二六年十二月六日", "2026年" },
		{ 1, GW_NUMERALS_SETTING, "2026年12月6日", "二〇二六" },
		{ 1, GW_NUMERALS_CHINESE, "二〇二六年十二月六日", "2026年" },
		{ 0, GW_NUMERALS_ARABIC, "2026年12月6日", "二〇二六" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		gongwen_set_date_arabic(cases[i].arabic);
		doc.numerals = cases[i].numerals;
		size_t len;
		char *pdf = render(&doc, &len);
		char *text = run_on(pdf, len, "pdftotext -enc UTF-8", "-", 1);
		if (strstr(text, cases[i].want) == NULL ||
		    strstr(text, cases[i].not) != NULL)
			fail_msg("case %zu: want %s: %s", i, cases[i].want, text);
		free(text);
		free(pdf);
	}
	gongwen_set_date_arabic(0);
}

/* The 署名 and 成文日期 are never alone on a page (GB/T 9704-2012
 * 7.3.5.5): text to the last line of the page leaves them no room, so
 * the page's lines close up and they stay with the 正文 on it, inside
 * the 版心; with the seal's room too. */
static void
test_signature_stays_with_text(void **state)
{
	(void)state;
	struct buf body;
	buf_init(&body, 1u << 20);
	/* The title on line 1, a line free, 20 lines of text: the page
	 * is full. */
	for (int i = 1; i <= 20; i++)
		buf_printf(&body, "第%d行。\n", i);
	struct gw_block b = { GW_TEXT, body.data };
	for (int seal = 0; seal <= 1; seal++) {
		struct gw_doc doc = { .title = "满页的通知", .body = &b,
			.nbody = 1, .signer = "某某局", .year = 2026, .month = 1,
			.day = 5, .seal = seal };
		size_t len;
		char *pdf = render(&doc, &len);
		char *info = run_on(pdf, len, "pdfinfo", "", 1);
		if (strstr(info, "Pages:1") == NULL)
			fail_msg("seal %d: not one page: %s", seal, info);
		free(info);
		/* The date's box, its bottom within the 版心. */
		double ymax = word_at(pdf, len, "二〇二六年一月五日", "yMax");
		if (ymax <= 0 || ymax > GW_TOP + GW_TEXT_H)
			fail_msg("seal %d: the date's bottom at %.1f", seal, ymax);
		char *text = run_on(pdf, len, "pdftotext -enc UTF-8", "-", 1);
		assert_non_null(strstr(text, "第20行。"));
		assert_non_null(strstr(text, "某某局"));
		free(text);
		free(pdf);
	}
	/* A line less: room as it is, the grid kept (the date on the
	 * 22nd line's baseline, 22 lines of 225 mm). */
	buf_free(&body);
	buf_init(&body, 1u << 20);
	for (int i = 1; i <= 17; i++)
		buf_printf(&body, "第%d行。\n", i);
	b.text = body.data;
	struct gw_doc doc = { .title = "不满页", .body = &b, .nbody = 1,
		.signer = "某某局", .year = 2026, .month = 1, .day = 5 };
	size_t len;
	char *pdf = render(&doc, &len);
	double y = word_at(pdf, len, "二〇二六年一月五日", "yMax");
	if (y <= GW_TOP + 21 * GW_PITCH || y > GW_TOP + 22 * GW_PITCH)
		fail_msg("the date's bottom at %.1f, not in the 22nd line", y);
	free(pdf);
	buf_free(&body);
}

/* A 上行文: the 发文字号 a character from the left and the 签发人 ending
 * a character from the right, on one line (GB/T 9704-2012 7.2.5, 7.2.6);
 * without a 签发人 the 发文字号 is centred. */
static void
test_issuer_signer(void **state)
{
	(void)state;
	struct gw_doc doc = { .organ_mark = "贵阳市南明区人民政府",
		.number = "南府报〔2026〕5号", .issuer_signer = "张某某",
		.title = "关于法治政府建设情况的报告", .addressee = "贵阳市人民政府" };
	size_t len;
	char *pdf = render(&doc, &len);
	double num = word_at(pdf, len, "南府报", "xMin");
	double who = word_at(pdf, len, "签发人：张某某", "xMax");
	double y1 = word_at(pdf, len, "南府报", "yMax");
	double y2 = word_at(pdf, len, "签发人：张某某", "yMax");
	free(pdf);
	if (fabs(num - (GW_LEFT + GW_CHAR)) > 2 || fabs(who - (GW_LEFT +
	    GW_TEXT_W - GW_CHAR)) > 2 || fabs(y1 - y2) > 2)
		fail_msg("发文字号 at %.1f, 签发人 to %.1f, lines %.1f %.1f", num,
		    who, y1, y2);
	doc.issuer_signer = NULL;
	pdf = render(&doc, &len);
	double x0 = word_at(pdf, len, "南府报", "xMin");
	double x1 = word_at(pdf, len, "南府报", "xMax");
	free(pdf);
	if (fabs((x0 + x1) / 2 - (GW_LEFT + GW_TEXT_W / 2)) > 8)
		fail_msg("a 下行文's 发文字号 not centred: %.1f to %.1f", x0, x1);
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
	struct gw_block b = { GW_TEXT, body.data };
	struct gw_doc doc = { .title = "长报告", .body = &b, .nbody = 1,
		.signer = "某某局", .year = 2026, .month = 1, .day = 5,
		.numerals = 1 };
	size_t len;
	char *pdf = render(&doc, &len);
	char *text = run_on(pdf, len, "pdftotext -enc UTF-8", "-", 1);
	assert_non_null(strstr(text, "第1段："));
	assert_non_null(strstr(text, "第120段："));
	/* 120 paragraphs of two lines at 22 lines a page: eleven pages
	 * and some, each numbered, the last the number pdfinfo counts. */
	char *info = run_on(pdf, len, "pdfinfo", "", 0);
	const char *at = strstr(info, "Pages:");
	assert_non_null(at);
	int pages = atoi(at + strlen("Pages:"));
	free(info);
	assert_in_range(pages, 11, 13);
	char mark[32];
	for (int i = 1; i <= pages + 1; i++) {
		snprintf(mark, sizeof mark, "—%d—", i);
		if ((strstr(text, mark) != NULL) != (i <= pages))
			fail_msg("%s %s", mark, i <= pages ? "missing" :
			    "past the last page");
	}
	assert_non_null(strstr(text, "二〇二六年一月五日"));
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
	for (int i = 0; i < GW_PAGES_MAX * GW_LINES + 10; i++)
		buf_puts(&body, "一行\n");
	struct gw_block b = { GW_TEXT, body.data };
	struct gw_doc doc = { .title = "过长的报告", .body = &b, .nbody = 1 };
	char *pdf = NULL, err[256] = "";
	size_t len = 0;
	assert_int_equal(gongwen_render(&doc, &pdf, &len, err, sizeof err),
	    -1);
	assert_null(pdf);
	assert_non_null(strstr(err, "pages"));
	buf_free(&body);
}

static void
test_fonts_fall_back(void **state)
{
	(void)state;
	assert_int_equal(gongwen_set_font(GW_FANGSONG, "没有这个字体"), 0);
	assert_int_equal(gongwen_set_font(GW_HEITI, "Noto Sans CJK SC"), 0);
	struct gw_doc doc = { .title = "字体", .body = sample_body,
		.nbody = sizeof sample_body / sizeof *sample_body };
	size_t len;
	char *pdf = render(&doc, &len);
	char *fonts = run_on(pdf, len, "pdffonts", "", 0);
	if (strstr(fonts, "NotoSerifCJK") == NULL ||
	    strstr(fonts, "NotoSansCJK") == NULL)
		fail_msg("not the fallbacks: %s", fonts);
	free(fonts);
	free(pdf);
	char name[200];
	memset(name, 'x', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	assert_int_equal(gongwen_set_font(GW_KAITI, name), -1);
	for (int i = 0; i < GW_NFONTS; i++)
		assert_int_equal(gongwen_set_font((enum gw_font)i,
		    gongwen_font_defaults[i]), 0);
}

/* The title's lines as pdftotext reads them (the first lines of the
 * text, up to the first empty one), in chars: their lengths in
 * characters. Returns how many. */
static int
title_lines(const char *title, int *chars, int max)
{
	struct gw_doc doc = { .title = title };
	size_t len;
	char *pdf = render(&doc, &len);
	char *text = run_on(pdf, len, "pdftotext -enc UTF-8", "-", 0);
	int n = 0;
	for (char *l = strtok(text, "\n"); l && n < max; l = strtok(NULL, "\n")) {
		if (strstr(l, "—") != NULL)
			break;
		long c = 0;
		for (const unsigned char *p = (const unsigned char *)l; *p; p++)
			c += (*p & 0xc0) != 0x80;
		chars[n++] = (int)c;
	}
	free(text);
	free(pdf);
	return n;
}

/* A title longer than a line (20 characters of 2号 in 156 mm) is broken
 * where it means something: before 关于 (the organ, then the subject),
 * never inside a number; without such a point, into lines of about the
 * same length, none of one or two characters; a short one stays one
 * line. */
static void
test_title_breaks(void **state)
{
	(void)state;
	int c[8];
	assert_int_equal(title_lines("贵州省人民政府关于加强法治政府建设督察工作的通知",
	    c, 8), 2);
	assert_int_equal(c[0], 7);
	assert_int_equal(c[1], 17);
	assert_int_equal(title_lines("贵阳市南明区人民政府关于2025年度法治政府建设情况的报告",
	    c, 8), 2);
	assert_int_equal(c[0], 10);
	assert_int_equal(c[1], 19);
	assert_int_equal(title_lines("关于加强和改进法治政府建设督察工作的意见稿",
	    c, 8), 2);
	assert_in_range(c[0], 10, 12);
	assert_in_range(c[1], 9, 11);
	/* No point of meaning; the even split would leave 通知 alone
	 * after a 20-character line. */
	assert_int_equal(title_lines("进一步加强和规范行政执法监督检查工作的通知",
	    c, 8), 2);
	assert_true(c[0] >= 3 && c[1] >= 3);
	assert_int_equal(title_lines("关于印发年度计划的通知", c, 8), 1);
	assert_int_equal(c[0], 11);
	/* Three lines: each at least three characters, 关于 starting one. */
	assert_int_equal(title_lines("贵阳市南明区全面依法治区委员会办公室关于"
	    "开展二〇二五年度法治政府建设示范创建活动督察情况的通报", c, 8), 3);
	assert_int_equal(c[0], 18);
	assert_int_equal(c[1] + c[2], 29);
	assert_true(c[1] >= 3 && c[2] >= 3);
}

static void
test_levels(void **state)
{
	(void)state;
	assert_int_equal(gongwen_level("一、总体要求"), 1);
	assert_int_equal(gongwen_level("十二、其他"), 1);
	assert_int_equal(gongwen_level("（一）健全机制"), 2);
	assert_int_equal(gongwen_level("（十一）健全机制"), 2);
	assert_int_equal(gongwen_level("1.制定目录"), 3);
	assert_int_equal(gongwen_level("12．制定目录"), 3);
	assert_int_equal(gongwen_level("（1）按期"), 4);
	assert_int_equal(gongwen_level("2025年"), 0);
	assert_int_equal(gongwen_level("1.5倍"), 0);
	assert_int_equal(gongwen_level("一是加强"), 0);
	assert_int_equal(gongwen_level("（注）"), 0);
	assert_int_equal(gongwen_level(""), 0);
}

static void
test_invalid_utf8_and_shutdown(void **state)
{
	(void)state;
	struct gw_block b = { GW_TEXT, "正文\xe4\xb8" };
	struct gw_doc doc = { .organ_mark = "\xff机关", .title = "\xc3(",
		.body = &b, .nbody = 1 };
	size_t len;
	char *pdf = render(&doc, &len);
	free(pdf);
	/* After a shutdown the next rendering starts afresh. */
	gongwen_shutdown();
	pdf = render(&doc, &len);
	free(pdf);
	gongwen_shutdown();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_reads_back),
		cmocka_unit_test(test_tagged),
		cmocka_unit_test(test_date_numerals),
		cmocka_unit_test(test_signature_stays_with_text),
		cmocka_unit_test(test_issuer_signer),
		cmocka_unit_test(test_long_text_breaks_pages),
		cmocka_unit_test(test_page_ceiling),
		cmocka_unit_test(test_fonts_fall_back),
		cmocka_unit_test(test_title_breaks),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_invalid_utf8_and_shutdown),
	};
	return cmocka_run_group_tests_name("gongwen", tests, NULL, NULL);
}
