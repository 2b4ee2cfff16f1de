/*
 * Unit tests of report/docx: a 公文 with every part (版头, 标题, 主送机关,
 * 正文 with the four heading levels, 附件说明, 署名, 成文日期, 版记) is
 * written as .docx and read back with libzip: every part the package
 * names is there and well-formed XML (expat), the text of the runs
 * comes back normalised and in the document's order, in the styles an
 * office restyles, and markup, quotes and bytes that are not UTF-8 in
 * the input are escaped, never taken for markup. The page (A4, the
 * margins, the grid, the footers) is read from the section's
 * properties. LibreOffice's reading of the same files is tested by
 * tests/web/docx.test.mjs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/buf.h"
#include "report/docx.h"
#include "report/gongwen.h"

/* The part name of the zip (NUL-terminated, malloc'd), or NULL when it
 * has none. */
static char *
part(const char *docx, size_t len, const char *name)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(docx, len, 0, &ze);
	assert_non_null(src);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (z == NULL)
		fail_msg("not a zip: %s", zip_error_strerror(&ze));
	zip_error_fini(&ze);
	zip_file_t *f = zip_fopen(z, name, 0);
	char *data = NULL;
	if (f != NULL) {
		struct buf b;
		buf_init(&b, DOCX_MAX);
		char chunk[4096];
		zip_int64_t n;
		while ((n = zip_fread(f, chunk, sizeof chunk)) > 0)
			assert_int_equal(buf_append(&b, chunk, (size_t)n), 0);
		assert_true(n == 0);
		assert_int_equal(buf_putc(&b, '\0'), 0);
		zip_fclose(f);
		data = b.data;
	}
	zip_discard(z);
	return data;
}

/* What expat reads of a part: the text of its w:t elements in order
 * ("\t" for w:tab, "|" ending each w:p), and each paragraph's style
 * before its text as "[Style]". */
struct reading {
	struct buf text;
	int in_t, in_r;
};

static void
on_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct reading *r = ctx;
	if (strcmp(name, "w:t") == 0)
		r->in_t = 1;
	else if (strcmp(name, "w:r") == 0)
		r->in_r = 1;
	else if (strcmp(name, "w:tab") == 0 && r->in_r)
		assert_int_equal(buf_putc(&r->text, '\t'), 0);
	else if (strcmp(name, "w:pStyle") == 0)
		for (int i = 0; atts[i]; i += 2)
			if (strcmp(atts[i], "w:val") == 0)
				assert_int_equal(buf_printf(&r->text, "[%s]",
				    atts[i + 1]), 0);
}

static void
on_end(void *ctx, const XML_Char *name)
{
	struct reading *r = ctx;
	if (strcmp(name, "w:t") == 0)
		r->in_t = 0;
	else if (strcmp(name, "w:r") == 0)
		r->in_r = 0;
	else if (strcmp(name, "w:p") == 0)
		assert_int_equal(buf_putc(&r->text, '|'), 0);
}

static void
on_text(void *ctx, const XML_Char *s, int len)
{
	struct reading *r = ctx;
	if (r->in_t)
		assert_int_equal(buf_append(&r->text, s, (size_t)len), 0);
}

/* The reading of xml, failing the test when it is not well-formed;
 * the caller frees it. */
static char *
read_xml(const char *name, const char *xml)
{
	struct reading r = { .in_t = 0, .in_r = 0 };
	buf_init(&r.text, DOCX_MAX);
	XML_Parser p = XML_ParserCreate("UTF-8");
	assert_non_null(p);
	XML_SetUserData(p, &r);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	if (XML_Parse(p, xml, (int)strlen(xml), 1) != XML_STATUS_OK)
		fail_msg("%s: line %lu: %s", name,
		    (unsigned long)XML_GetCurrentLineNumber(p),
		    XML_ErrorString(XML_GetErrorCode(p)));
	XML_ParserFree(p);
	assert_int_equal(buf_putc(&r.text, '\0'), 0);
	return r.text.data;
}

static char *
render(const struct gw_doc *doc, size_t *len)
{
	char *docx = NULL, err[256] = "";
	if (docx_render(doc, &docx, len, err, sizeof err) != 0)
		fail_msg("docx_render: %s", err);
	assert_memory_equal(docx, "PK\3\4", 4);
	return docx;
}

/* Each of want found in text after the one before; fails naming the
 * first that is not. */
static void
assert_in_order(const char *text, const char *const *want, size_t n)
{
	const char *at = text;
	for (size_t i = 0; i < n; i++) {
		const char *p = strstr(at, want[i]);
		if (p == NULL)
			fail_msg("'%s' not found (in order) in: %s", want[i], text);
		at = p + strlen(want[i]);
	}
}

static const char *const parts[] = { "[Content_Types].xml", "_rels/.rels",
	"word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml",
	"word/settings.xml", "word/footer1.xml", "word/footer2.xml",
	"docProps/core.xml", "docProps/app.xml" };

static const struct gw_block sample_body[] = {
	{ GW_TEXT, "2025 年,我区坚持以习近平法治思想为指导,推进法治政府建设。" },
	{ GW_HEADING, "一、主要举措和成效" },
	{ GW_TEXT, "(一)健全依法决策机制。重大行政决策于 2025-03-05 前全部"
	  "完成合法性审查。\n1. 制定年度决策目录。\n  (1)按期公布。\n\n" },
	{ GW_HEADING, "二、存在的不足和原因" },
	{ GW_TEXT, "行政执法 \"三项制度\" 落实不够到位,原因:人员不足;经费短缺。" },
};

static const struct gw_doc sample = { .organ_mark = "贵阳市南明区人民政府文件",
	.number = "南府发〔2026〕3号",
	.title = "贵阳市南明区人民政府关于 2025 年度法治政府建设情况的报告",
	.addressee = "区人大常委会", .body = sample_body,
	.nbody = sizeof sample_body / sizeof *sample_body,
	.attachments = (const char *const[]){ "2025年度法治政府建设工作台账",
		"重大行政决策目录" },
	.nattachments = 2, .signer = "贵阳市南明区人民政府", .year = 2026,
	.month = 3, .day = 20, .seal = 1, .cc = "市司法局,市委依法治市办",
	.printer = "贵阳市南明区人民政府办公室", .print_year = 2026,
	.print_month = 3, .print_day = 21, .author = "南明区人民政府",
	.created = "2026-03-20T09:00:00" };

static void
test_document_reads_back(void **state)
{
	(void)state;
	size_t len;
	char *docx = render(&sample, &len);
	char *doc = NULL;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		char *xml = part(docx, len, parts[i]);
		if (xml == NULL)
			fail_msg("no part %s", parts[i]);
		char *text = read_xml(parts[i], xml);
		if (strcmp(parts[i], "word/document.xml") == 0)
			doc = text;
		else
			free(text);
		free(xml);
	}
	/* The text normalised as the PDF's (gongwen_render), in order, each
	 * paragraph in its style. */
	const char *const want[] = { "[GwMark]贵阳市南明区人民政府文件|",
		"[GwNumber]南府发〔2026〕3号|",
		"[GwTitle]贵阳市南明区人民政府关于2025年度法治政府建设情况的报告|",
		"[GwAddressee]区人大常委会：|",
		"[GwBody]2025年，我区坚持以习近平法治思想为指导，推进法治政府建设。|",
		"[GwH1]一、主要举措和成效|",
		"[GwH2]（一）健全依法决策机制。",
		"重大行政决策于2025年3月5日前全部完成合法性审查。|",
		"[GwH3]1. 制定年度决策目录。|", "[GwH4]（1）按期公布。|",
		"[GwH1]二、存在的不足和原因|",
		"[GwBody]行政执法“三项制度”落实不够到位，原因：人员不足；经费短缺。|",
		"[GwAttachment]附件：1.2025年度法治政府建设工作台账|",
		"[GwAttachment]2.重大行政决策目录|",
		"[GwSigner]贵阳市南明区人民政府|", "[GwDate]2026年3月20日|",
		"[GwColophon]抄送：市司法局，市委依法治市办。|",
		"[GwColophon]贵阳市南明区人民政府办公室\t2026年3月21日印发|",
		"|" /* the floating 版记's anchor, the document's end */ };
	assert_in_order(doc, want, sizeof want / sizeof *want);
	/* Nothing else: no empty paragraph, no paragraph out of order. */
	struct buf all;
	buf_init(&all, 1u << 20);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		assert_int_equal(buf_puts(&all, want[i]), 0);
	assert_string_equal(doc, all.data);
	buf_free(&all);
	free(doc);

	/* The page: A4, the 版心 156 × 225 mm at 37 mm and 28 mm, the grid
	 * of 22 lines × 28 characters, odd and even footers with PAGE. */
	char *xml = part(docx, len, "word/document.xml");
	assert_non_null(strstr(xml, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
	/* A 二级标题's text after its heading in the 正文's font. */
	assert_non_null(strstr(xml, "<w:rStyle w:val=\"GwBodyChar\"/></w:rPr>"
	    "<w:t xml:space=\"preserve\">重大行政决策"));
	/* The 版记 at the foot of the 版心. */
	assert_non_null(strstr(xml, "w:vertAnchor=\"margin\""));
	assert_non_null(strstr(xml, "w:tblpYSpec=\"bottom\""));
	assert_non_null(strstr(xml, "<w:pgMar w:top=\"2098\" w:right=\"1475\" "
	    "w:bottom=\"1984\" w:left=\"1587\""));
	assert_non_null(strstr(xml, "<w:docGrid w:type=\"lines\" "
	    "w:linePitch=\"579\" w:charSpace=\"-849\"/>"));
	/* 22 lines of 579 fit the 225 mm, 23 do not; 28 characters of
	 * 16 pt − 0.25 (the condensed spacing) fit 156 mm, 29 do not, and
	 * so do 28 cells of 16 pt − 849/4096 of the character grid. */
	assert_true(22 * 579 <= 16838 - 2098 - 1984 &&
	    23 * 579 > 16838 - 2098 - 1984);
	assert_true(28 * (16 - 849 / 4096.0) <= (11906 - 1587 - 1475) / 20.0 &&
	    29 * (16 - 849 / 4096.0) > (11906 - 1587 - 1475) / 20.0);
	assert_true(28 * 15.75 <= (11906 - 1587 - 1475) / 20.0 &&
	    29 * 15.75 > (11906 - 1587 - 1475) / 20.0);
	free(xml);
	xml = part(docx, len, "word/styles.xml");
	assert_non_null(strstr(xml, "<w:spacing w:val=\"-5\"/>"));
	free(xml);
	xml = part(docx, len, "word/settings.xml");
	assert_non_null(strstr(xml, "<w:evenAndOddHeaders/>"));
	free(xml);
	for (int odd = 0; odd < 2; odd++) {
		xml = part(docx, len, odd ? "word/footer1.xml" :
		    "word/footer2.xml");
		assert_non_null(strstr(xml, " PAGE "));
		assert_non_null(strstr(xml, odd ? "<w:jc w:val=\"right\"/>" :
		    "<w:jc w:val=\"left\"/>"));
		char *text = read_xml("footer", xml);
		assert_string_equal(text, "[GwFolio]— 1 —|");
		free(text);
		free(xml);
	}
	/* The styles by the names offices use, the fonts by family. */
	xml = part(docx, len, "word/styles.xml");
	const char *const names[] = { "发文机关标志", "发文字号", "公文标题",
		"主送机关", "公文正文", "一级标题", "二级标题", "三级标题", "四级标题",
		"附件说明", "署名", "成文日期", "版记", "页码" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char want_name[64];
		snprintf(want_name, sizeof want_name, "<w:name w:val=\"%s\"/>",
		    names[i]);
		if (strstr(xml, want_name) == NULL)
			fail_msg("no style %s", names[i]);
	}
	for (int f = 0; f < GW_NFONTS; f++) {
		char font[160];
		snprintf(font, sizeof font, "w:eastAsia=\"%s\"",
		    gongwen_font_defaults[f]);
		if (strstr(xml, font) == NULL)
			fail_msg("no font %s", gongwen_font_defaults[f]);
	}
	free(xml);
	/* The same document, the same bytes. */
	size_t len2;
	char *again = render(&sample, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(docx, again, len);
	free(again);
	free(docx);
}

/* Markup, references and quotes in any text are text; bytes that are
 * not UTF-8 and characters XML cannot hold become U+FFFD; the font
 * names set for the roles are escaped too. */
static void
test_escaping(void **state)
{
	(void)state;
	static const struct gw_block body[] = {
		{ GW_TEXT, "a <w:p>&amp; x=\"1\" y='2' </w:t>]]> z" },
		{ GW_TEXT, "bad \xff\xfe bytes \x01 end" },
	};
	struct gw_doc doc = { .title = "<title>&\"", .body = body,
		.nbody = 2, .signer = "A&B", .author = "<a>&\"'",
		.created = "2026-03-20 09:00:00" };
	assert_int_equal(gongwen_set_font(GW_FANGSONG, "F\"<&>"), 0);
	size_t len;
	char *docx = render(&doc, &len);
	assert_int_equal(gongwen_set_font(GW_FANGSONG,
	    gongwen_font_defaults[GW_FANGSONG]), 0);
	char *xml = part(docx, len, "word/document.xml");
	assert_null(strstr(xml, "<title>"));
	assert_null(strstr(xml, "<w:p>&amp; x"));
	char *text = read_xml("word/document.xml", xml);
	const char *const want[] = { "[GwTitle]<title>&\"|",
		"[GwBody]a <w:p>&amp; x=\"1\" y='2' </w:t>]]> z|",
		"[GwBody]bad \xef\xbf\xbd\xef\xbf\xbd bytes \xef\xbf\xbd end|",
		"[GwSigner]A&B|" };
	assert_in_order(text, want, sizeof want / sizeof *want);
	free(text);
	free(xml);
	xml = part(docx, len, "word/styles.xml");
	free(read_xml("word/styles.xml", xml));
	assert_non_null(strstr(xml, "w:eastAsia=\"F&quot;&lt;&amp;&gt;\""));
	free(xml);
	xml = part(docx, len, "docProps/core.xml");
	free(read_xml("docProps/core.xml", xml));
	assert_non_null(strstr(xml, "<dc:creator>&lt;a&gt;&amp;&quot;&apos;"
	    "</dc:creator>"));
	assert_non_null(strstr(xml, ">2026-03-20T09:00:00Z</dcterms:created>"));
	free(xml);
	free(docx);
}

/* A document without the optional parts: no 版头, no 主送机关, no 版记;
 * the 署名 without the seal; a font set to none is named by its
 * fallback. */
static void
test_minimal(void **state)
{
	(void)state;
	static const struct gw_block body[] = { { GW_TEXT, "正文。" } };
	struct gw_doc doc = { .title = "标题", .body = body, .nbody = 1,
		.signer = "张三", .year = 2026, .month = 12, .day = 6,
		.numerals = 1 };
	assert_int_equal(gongwen_set_font(GW_HEITI, ""), 0);
	size_t len;
	char *docx = render(&doc, &len);
	assert_int_equal(gongwen_set_font(GW_HEITI,
	    gongwen_font_defaults[GW_HEITI]), 0);
	char *xml = part(docx, len, "word/document.xml");
	char *text = read_xml("word/document.xml", xml);
	assert_string_equal(text, "[GwTitle]标题|[GwBody]正文。|[GwSigner]张三|"
	    "[GwDate]二〇二六年十二月六日|");
	assert_null(strstr(xml, "<w:tbl>"));
	free(text);
	free(xml);
	xml = part(docx, len, "word/styles.xml");
	assert_non_null(strstr(xml, "w:eastAsia=\"Noto Sans CJK SC\""));
	free(xml);
	free(docx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_reads_back),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_minimal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
