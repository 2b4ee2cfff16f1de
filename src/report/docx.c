/*
 * 公文 as .docx (see docx.h): the parts of an OOXML package written as
 * text into bounded buffers, then zipped with libzip in memory.
 *
 * The layout is gongwen.c's, said in Word's terms rather than drawn:
 * where gongwen puts a line on row N of the grid, the paragraph here
 * gets spacing before of so many line pitches, and the styles carry the
 * fonts and sizes, so that an office that restyles 公文正文 restyles
 * every paragraph of the 正文. Lengths are twips (1/20 pt); the page is
 * A4 (11906 × 16838), the margins leave the 版心 8844 × 12756 (156 ×
 * 225 mm) at 2098 from the top and 1587 from the left. The grid: 22
 * lines of 579 (28.95 pt, the pitch Word's 公文 templates use: 580
 * would give 21 lines), every line of text exactly one pitch high
 * (lineRule exact) as in the PDF, but the 发文机关标志, whose size varies.
 * The 28 characters a line are made as gongwen.c makes them, by letter
 * spacing: each character condensed by 0.25 pt (15.75 pt, 28 of them
 * 441 pt of the 442.2, 29 too many), so that Word, WPS and LibreOffice
 * all set 28. A grid of type linesAndChars (charSpace -849, what Word
 * templates carry: cells of 15.79 pt) would do it in Word alone:
 * LibreOffice 7.4 puts a 16 pt character, wider than its cell, in two
 * cells, 14 a line. The charSpace is kept, so that an office that turns
 * the character grid on in Word gets 28 cells.
 *
 * Where the PDF measures text (a 署名 centred over its date), this file
 * counts it: a full-width character one, a half-width one half. The
 * 版记 is a table floating at the foot of the 版心 on the last page, as
 * GB/T 9704 7.4 places it.
 */
#include "report/docx.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/buf.h"
#include "base/zhtext.h"
#include "report/docx-int.h"
#include "report/gongwen.h"

void
docx_put(struct dx *x, const char *s)
{
	if (buf_puts(&x->b, s))
		x->fail = 1;
}

void
docx_putf(struct dx *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (buf_vprintf(&x->b, fmt, ap))
		x->fail = 1;
	va_end(ap);
}

/* The length of the well-formed UTF-8 character at s (RFC 3629: no
 * overlong form, no surrogate, nothing past U+10FFFF), its code point in
 * *c; 0 when s starts none. */
static size_t
utf8_char(const unsigned char *s, uint32_t *c)
{
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	size_t n = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : (s[0] & 0xf0) == 0xe0 ?
	    3 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
	uint32_t v = s[0] & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (n == 0 || (n == 3 && (v < 0x800 || (v >= 0xd800 &&
	    v <= 0xdfff))) || (n == 4 && (v < 0x10000 || v > 0x10ffff)))
		return 0;
	*c = v;
	return n;
}

/*
 * s escaped for XML's character data: & < > " ' as references, a byte
 * that starts no UTF-8 character and a character XML 1.0 cannot hold
 * (controls, U+FFFE, U+FFFF) as U+FFFD. In a run (w:t), a tab is
 * Word's w:tab and a line break its w:br; elsewhere they stay
 * characters. A carriage return is dropped: it ends a line with '\n'.
 */
void
docx_esc(struct dx *x, const char *s, int run)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p && !x->fail) {
		uint32_t c;
		size_t n = utf8_char(p, &c);
		if (n == 0) {
			docx_put(x, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if (c == '&')
			docx_put(x, "&amp;");
		else if (c == '<')
			docx_put(x, "&lt;");
		else if (c == '>')
			docx_put(x, "&gt;");
		else if (c == '"')
			docx_put(x, "&quot;");
		else if (c == '\'')
			docx_put(x, "&apos;");
		else if (c == '\r')
			;
		else if (run && (c == '\t' || c == '\n'))
			docx_put(x, c == '\t' ? "</w:t><w:tab/><w:t xml:space=\""
			    "preserve\">" : "</w:t><w:br/><w:t xml:space=\""
			    "preserve\">");
		else if (c == '\t' || c == '\n')
			docx_putf(x, "&#%u;", (unsigned)c);
		else if (c < 0x20 || c == 0xfffe || c == 0xffff)
			docx_put(x, "\xef\xbf\xbd");
		else if (buf_append(&x->b, p, n))
			x->fail = 1;
		p += n;
	}
}

char *
docx_normal(struct dx *x, const char *s)
{
	struct buf t;
	buf_init(&t, DOCX_MAX);
	if (zh_normalise(&t, s ? s : "") || buf_putc(&t, '\0')) {
		buf_free(&t);
		x->fail = 1;
		return NULL;
	}
	return t.data;
}

double
docx_ems(const char *s)
{
	double n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			n += 0.5;
		else if ((*p & 0xc0) != 0x80)
			n += 1;
	return n;
}

/* The 发文机关标志's size in half points: 0.98 of the 版心's width, 42 pt
 * at most (gongwen.c's rule, by count). */
static int
mark_size(const struct gw_doc *d)
{
	double w = docx_ems(d->organ_mark ? d->organ_mark : "");
	double pt = w > 0 ? 0.98 * TEXT_W / 20 / w : 42;
	return (int)(2 * (pt < 42 ? pt : 42));
}

/* The fonts of role, by family name, for every script. */
static void
fonts(struct dx *x, enum gw_font role)
{
	docx_put(x, "<w:rFonts w:ascii=\"");
	docx_esc(x, x->font[role], 0);
	docx_put(x, "\" w:eastAsia=\"");
	docx_esc(x, x->font[role], 0);
	docx_put(x, "\" w:hAnsi=\"");
	docx_esc(x, x->font[role], 0);
	docx_put(x, "\" w:cs=\"");
	docx_esc(x, x->font[role], 0);
	docx_put(x, "\"/>");
}

/* One style: type, id, its Chinese name, what it is based on, pPr and
 * rPr content (fonts of role, -1: inherited; size in half points, 0:
 * inherited; color or NULL). */
static void
style(struct dx *x, const char *type, const char *id, const char *name,
    const char *based, const char *ppr, int role, int size,
    const char *color)
{
	docx_putf(x, "<w:style w:type=\"%s\" w:customStyle=\"1\" w:styleId=\"%s\">"
	    "<w:name w:val=\"%s\"/>", type, id, name);
	if (based != NULL)
		docx_putf(x, "<w:basedOn w:val=\"%s\"/>", based);
	if (strcmp(type, "paragraph") == 0)
		docx_put(x, "<w:qFormat/>");
	if (ppr != NULL)
		docx_putf(x, "<w:pPr>%s</w:pPr>", ppr);
	docx_put(x, "<w:rPr>");
	if (role >= 0)
		fonts(x, (enum gw_font)role);
	if (color != NULL)
		docx_putf(x, "<w:color w:val=\"%s\"/>", color);
	if (size > 0)
		docx_putf(x, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", size,
		    size);
	docx_put(x, "</w:rPr></w:style>");
}

#define EXACT "<w:spacing w:line=\"579\" w:lineRule=\"exact\"/>"
#define INDENT2 "<w:ind w:firstLineChars=\"200\" w:firstLine=\"632\"/>"

static void
styles(struct dx *x)
{
	char ppr[256];
	docx_put(x, XML_DECL "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults>"
	    "<w:rPrDefault><w:rPr>");
	fonts(x, GW_FANGSONG);
	/* Each character condensed by 0.25 pt: 28 of 3号 to a line (the
	 * top comment says why). */
	docx_put(x, "<w:spacing w:val=\"-5\"/><w:kern w:val=\"2\"/>"
	    "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" "
	    "w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
	    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>"
	    "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	    "<w:name w:val=\"Normal\"/><w:qFormat/><w:pPr>"
	    /* Word's default, said: LibreOffice 7.4 lets a 。 or ： hang
	     * past the 版心 unless overflowPunct is written on (it reads
	     * it the other way round). */
	    "<w:overflowPunct w:val=\"1\"/>" EXACT "</w:pPr>"
	    "<w:rPr>");
	fonts(x, GW_FANGSONG);
	docx_put(x, "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
	    "<w:style w:type=\"character\" w:default=\"1\" "
	    "w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default "
	    "Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
	    "</w:style>");
	style(x, "paragraph", "GwMark", "发文机关标志", "Normal",
	    "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" "
	    "w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>", GW_XIAOBIAOSONG,
	    mark_size(x->doc), RED);
	snprintf(ppr, sizeof ppr, "<w:pBdr><w:bottom w:val=\"single\" "
	    "w:sz=\"8\" w:space=\"%d\" w:color=\"%s\"/></w:pBdr>"
	    "<w:jc w:val=\"center\"/>", RULE_GAP_PT, RED);
	style(x, "paragraph", "GwNumber", "发文字号", "Normal", ppr, -1, 0, NULL);
	style(x, "paragraph", "GwTitle", "公文标题", "Normal", "<w:keepNext/>"
	    "<w:snapToGrid w:val=\"0\"/><w:jc w:val=\"center\"/>"
	    "<w:outlineLvl w:val=\"0\"/>", GW_XIAOBIAOSONG, 44, NULL);
	style(x, "paragraph", "GwAddressee", "主送机关", "Normal", NULL, -1, 0,
	    NULL);
	style(x, "paragraph", "GwBody", "公文正文", "Normal", INDENT2, -1, 0,
	    NULL);
	style(x, "paragraph", "GwH1", "一级标题", "GwBody", "<w:keepNext/>"
	    "<w:outlineLvl w:val=\"1\"/>", GW_HEITI, 0, NULL);
	style(x, "paragraph", "GwH2", "二级标题", "GwBody",
	    "<w:outlineLvl w:val=\"2\"/>", GW_KAITI, 0, NULL);
	style(x, "paragraph", "GwH3", "三级标题", "GwBody",
	    "<w:outlineLvl w:val=\"3\"/>", -1, 0, NULL);
	style(x, "paragraph", "GwH4", "四级标题", "GwBody",
	    "<w:outlineLvl w:val=\"4\"/>", -1, 0, NULL);
	style(x, "character", "GwBodyChar", "正文文字", NULL, NULL, GW_FANGSONG,
	    0, NULL);
	style(x, "paragraph", "GwAttachment", "附件说明", "Normal", NULL, -1, 0,
	    NULL);
	style(x, "paragraph", "GwSigner", "署名", "Normal", "<w:keepNext/>"
	    "<w:jc w:val=\"right\"/>", -1, 0, NULL);
	style(x, "paragraph", "GwDate", "成文日期", "Normal",
	    "<w:jc w:val=\"right\"/>", -1, 0, NULL);
	style(x, "paragraph", "GwColophon", "版记", "Normal", NULL, GW_FANGSONG,
	    28, NULL);
	style(x, "paragraph", "GwFolio", "页码", "Normal", "<w:spacing "
	    "w:line=\"240\" w:lineRule=\"auto\"/>", GW_SONGTI, 28, NULL);
	docx_put(x, "</w:styles>");
}

/* A footer: "— N —" (the PAGE field), odd pages right and even pages
 * left, one 4号 character in. */
static void
footer(struct dx *x, int odd)
{
	docx_putf(x, XML_DECL "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">"
	    "<w:p><w:pPr><w:pStyle w:val=\"GwFolio\"/><w:ind w:%s=\"%d\"/>"
	    "<w:jc w:val=\"%s\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
	    "— </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"
	    "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>"
	    "<w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
	    "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>",
	    odd ? "right" : "left", SMALL, odd ? "right" : "left");
}

/* Whether s is a time "YYYY-MM-DDTHH:MM:SS" (or with a space), all the
 * W3CDTF of core.xml can take from it. */
static int
stamp(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	if (s == NULL || strlen(s) < sizeof shape - 1)
		return 0;
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : i == 10 ?
		    s[i] != 'T' && s[i] != ' ' : s[i] != shape[i])
			return 0;
	return 1;
}

/* The document's properties: title, author, when made (UTC). */
static void
core(struct dx *x)
{
	const struct gw_doc *d = x->doc;
	docx_put(x, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas."
	    "openxmlformats.org/package/2006/metadata/core-properties\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms="
	    "\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/"
	    "XMLSchema-instance\"><dc:title>");
	docx_esc(x, d->title, 0);
	docx_put(x, "</dc:title>");
	if (d->author != NULL) {
		docx_put(x, "<dc:creator>");
		docx_esc(x, d->author, 0);
		docx_put(x, "</dc:creator>");
	}
	docx_put(x, "<dc:language>zh-CN</dc:language>");
	if (stamp(d->created))
		docx_putf(x, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
		    "%.10sT%.8sZ</dcterms:created>", d->created, d->created + 11);
	docx_put(x, "</cp:coreProperties>");
}

#define CT "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships/"

static const char content_types[] = XML_DECL "<Types xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/content-types\"><Default Extension="
    "\"rels\" ContentType=\"application/vnd.openxmlformats-package."
    "relationships+xml\"/><Default Extension=\"xml\" ContentType="
    "\"application/xml\"/><Override PartName=\"/word/document.xml\" "
    "ContentType=\"" CT "document.main+xml\"/><Override PartName=\"/word/"
    "styles.xml\" ContentType=\"" CT "styles+xml\"/><Override PartName="
    "\"/word/settings.xml\" ContentType=\"" CT "settings+xml\"/><Override "
    "PartName=\"/word/footer1.xml\" ContentType=\"" CT "footer+xml\"/>"
    "<Override PartName=\"/word/footer2.xml\" ContentType=\"" CT
    "footer+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType="
    "\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>";

static const char package_rels[] = XML_DECL "<Relationships xmlns=\"http://"
    "schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"word/document.xml\""
    "/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
    "package/2006/relationships/metadata/core-properties\" Target="
    "\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"" REL
    "extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";

static const char document_rels[] = XML_DECL "<Relationships xmlns=\"http://"
    "schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rIdStyles\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdSettings\" Type=\"" REL "settings\" Target="
    "\"settings.xml\"/><Relationship Id=\"rIdFooterOdd\" Type=\"" REL
    "footer\" Target=\"footer1.xml\"/><Relationship Id=\"rIdFooterEven\" "
    "Type=\"" REL "footer\" Target=\"footer2.xml\"/></Relationships>";

/* Odd and even pages' footers differ; punctuation is not compressed
 * (each full-width mark takes its character of the grid). */
static const char settings[] = XML_DECL "<w:settings xmlns:w=\"" NS_W "\">"
    "<w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>"
    "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat>"
    "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas."
    "microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";

static const char app[] = XML_DECL "<Properties xmlns=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>lvzhi</Application></Properties>";

enum { P_TYPES, P_RELS, P_DOC_RELS, P_SETTINGS, P_APP, P_DOCUMENT, P_STYLES,
	P_FOOTER1, P_FOOTER2, P_CORE, P_N };

static const char *const part_name[P_N] = { "[Content_Types].xml",
	"_rels/.rels", "word/_rels/document.xml.rels", "word/settings.xml",
	"docProps/app.xml", "word/document.xml", "word/styles.xml",
	"word/footer1.xml", "word/footer2.xml", "docProps/core.xml" };

/* The package's bytes from the parts, in memory: *out malloc'd. 0, or
 * -1 with err. */
static int
zip_parts(const char *const data[P_N], const size_t len[P_N], char **out,
    size_t *outlen, char *err, size_t errlen)
{
	zip_error_t ze;
	zip_error_init(&ze);
	int rc = -1;
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = NULL;
	if (src == NULL)
		goto out;
	zip_source_keep(src);
	if ((z = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL)
		goto out;
	for (int i = 0; i < P_N; i++) {
		zip_source_t *s = zip_source_buffer(z, data[i], len[i], 0);
		zip_int64_t at = s ? zip_file_add(z, part_name[i], s,
		    ZIP_FL_ENC_UTF_8) : -1;
		if (at < 0) {
			zip_source_free(s);
			zip_error_set(&ze, zip_error_code_zip(zip_get_error(z)),
			    0);
			goto out;
		}
		/* A fixed time (1980-01-01): the same document, the same
		 * bytes. */
		zip_file_set_dostime(z, (zip_uint64_t)at, 0, 0x21, 0);
	}
	if (zip_close(z) < 0) {
		zip_error_set(&ze, zip_error_code_zip(zip_get_error(z)), 0);
		zip_discard(z);
		z = NULL;
		goto out;
	}
	z = NULL;
	zip_stat_t st;
	if (zip_source_stat(src, &st) < 0 || st.size > DOCX_MAX ||
	    zip_source_open(src) < 0) {
		snprintf(err, errlen, "the DOCX is too large");
		goto out_quiet;
	}
	*out = malloc(st.size ? st.size : 1);
	if (*out != NULL && zip_source_read(src, *out, st.size) ==
	    (zip_int64_t)st.size) {
		*outlen = st.size;
		rc = 0;
	} else {
		free(*out);
		*out = NULL;
		snprintf(err, errlen, "out of memory");
	}
	zip_source_close(src);
	goto out_quiet;
out:
	snprintf(err, errlen, "zip: %s", zip_error_strerror(&ze));
out_quiet:
	if (z != NULL)
		zip_discard(z);
	zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

int
docx_render(const struct gw_doc *doc, char **out, size_t *len, char *err,
    size_t errlen)
{
	struct dx x[P_N];
	const char *data[P_N] = { content_types, package_rels, document_rels,
		settings, app };
	size_t lens[P_N];
	int rc = -1, fail = 0;

	*out = NULL;
	*len = 0;
	for (int i = 0; i < P_N; i++) {
		x[i] = (struct dx){ .doc = doc };
		buf_init(&x[i].b, DOCX_MAX);
		for (int f = 0; f < GW_NFONTS; f++)
			gongwen_font_name((enum gw_font)f, x[i].font[f], FAMILY);
	}
	docx_document(&x[P_DOCUMENT]);
	styles(&x[P_STYLES]);
	footer(&x[P_FOOTER1], 1);
	footer(&x[P_FOOTER2], 0);
	core(&x[P_CORE]);
	for (int i = 0; i < P_N; i++) {
		if (i < P_DOCUMENT) {
			lens[i] = strlen(data[i]);
			continue;
		}
		fail |= x[i].fail || x[i].b.data == NULL;
		data[i] = x[i].b.data;
		lens[i] = x[i].b.len;
	}
	if (fail)
		snprintf(err, errlen, "the DOCX is too large");
	else
		rc = zip_parts(data, lens, out, len, err, errlen);
	for (int i = 0; i < P_N; i++)
		buf_free(&x[i].b);
	return rc;
}
