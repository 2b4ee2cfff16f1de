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
#include "report/gongwen.h"

#define PAGE_W 11906
#define PAGE_H 16838
#define TOP 2098
#define LEFT 1587
#define TEXT_W 8844
#define TEXT_H 12756
#define RIGHT (PAGE_W - LEFT - TEXT_W)
#define BOTTOM (PAGE_H - TOP - TEXT_H)
#define PITCH 579
#define CHAR_SPACE (-849)
#define CHAR (TEXT_W / 28.0) /* one character of the grid */
/* 4号: one character of the 版记 and the page number. */
#define SMALL 280
/* The 发文机关标志 35 mm under the 版心's top (7.2.4); the rule 4 mm
 * (11 pt) under the 发文字号 (7.2.7); the page number's line 7 mm
 * under the 版心 (7.5), its foot 22 mm over the page's. */
#define MARK_TOP 1984
#define RULE_GAP_PT 11
#define FOOTER 1247
#define RED "DB0000"
#define FAMILY 128

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" " \
	"standalone=\"yes\"?>\n"

struct dx {
	const struct gw_doc *doc;
	struct buf b;
	int fail;
	char font[GW_NFONTS][FAMILY];
	long before; /* spacing the next paragraph takes before it */
};

static void
out(struct dx *x, const char *s)
{
	if (buf_puts(&x->b, s))
		x->fail = 1;
}

static void outf(struct dx *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
outf(struct dx *x, const char *fmt, ...)
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
static void
esc(struct dx *x, const char *s, int run)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p && !x->fail) {
		uint32_t c;
		size_t n = utf8_char(p, &c);
		if (n == 0) {
			out(x, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if (c == '&')
			out(x, "&amp;");
		else if (c == '<')
			out(x, "&lt;");
		else if (c == '>')
			out(x, "&gt;");
		else if (c == '"')
			out(x, "&quot;");
		else if (c == '\'')
			out(x, "&apos;");
		else if (c == '\r')
			;
		else if (run && (c == '\t' || c == '\n'))
			out(x, c == '\t' ? "</w:t><w:tab/><w:t xml:space=\""
			    "preserve\">" : "</w:t><w:br/><w:t xml:space=\""
			    "preserve\">");
		else if (c == '\t' || c == '\n')
			outf(x, "&#%u;", (unsigned)c);
		else if (c < 0x20 || c == 0xfffe || c == 0xffff)
			out(x, "\xef\xbf\xbd");
		else if (buf_append(&x->b, p, n))
			x->fail = 1;
		p += n;
	}
}

/* s normalised for print as gongwen normalises it (malloc'd; "" for
 * NULL), or NULL with x->fail. */
static char *
normal(struct dx *x, const char *s)
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

/* How many characters of the grid s takes: a full-width one each, a
 * half-width one half. */
static double
ems(const char *s)
{
	double n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			n += 0.5;
		else if ((*p & 0xc0) != 0x80)
			n += 1;
	return n;
}

/* A run of text in character style rstyle (NULL: the paragraph's). */
static void
run(struct dx *x, const char *rstyle, const char *text)
{
	out(x, "<w:r>");
	if (rstyle != NULL)
		outf(x, "<w:rPr><w:rStyle w:val=\"%s\"/></w:rPr>", rstyle);
	out(x, "<w:t xml:space=\"preserve\">");
	esc(x, text, 1);
	out(x, "</w:t></w:r>");
}

/* A paragraph's start: its style, the properties that come before
 * the spacing in the schema's order (pre: w:framePr, w:pBdr, w:tabs),
 * the spacing pending before it, those after (post: w:ind, w:jc). */
static void
para_begin(struct dx *x, const char *style, const char *pre,
    const char *post)
{
	outf(x, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s", style, pre ? pre :
	    "");
	if (x->before > 0)
		outf(x, "<w:spacing w:before=\"%ld\"/>", x->before);
	x->before = 0;
	outf(x, "%s</w:pPr>", post ? post : "");
}

/* A paragraph of one run. */
static void
para(struct dx *x, const char *style, const char *post, const char *text)
{
	para_begin(x, style, NULL, post);
	run(x, NULL, text);
	out(x, "</w:p>");
}

static const char *const heading_style[5] = { "GwBody", "GwH1", "GwH2",
	"GwH3", "GwH4" };

/* One paragraph of the 正文 (normalised, one line), as gongwen.c's
 * paragraph: leading spaces dropped, the heading it starts with (up to
 * its first 。) in its level's style, the rest in the 正文's font. */
static void
paragraph(struct dx *x, const char *p, int heading)
{
	while (*p == ' ' || strncmp(p, "\u3000", 3) == 0)
		p += *p == ' ' ? 1 : 3;
	if (*p == '\0')
		return;
	int level = heading ? 1 : gongwen_level(p);
	para_begin(x, heading_style[level], NULL, NULL);
	const char *stop = heading || level > 2 ? NULL : strstr(p, "。");
	if (stop != NULL && stop[3] != '\0') {
		size_t end = (size_t)(stop - p) + 3;
		char *head = strndup(p, end);
		if (head == NULL)
			x->fail = 1;
		else
			run(x, NULL, head);
		free(head);
		run(x, "GwBodyChar", p + end);
	} else
		run(x, NULL, p);
	out(x, "</w:p>");
}

static void
paragraphs(struct dx *x, const char *text, int heading)
{
	char *t = normal(x, text), *save = NULL;
	if (t == NULL)
		return;
	for (char *p = strtok_r(t, "\n", &save); p && !x->fail;
	    p = strtok_r(NULL, "\n", &save))
		paragraph(x, p, heading);
	free(t);
}

/* The 版头: the red 发文机关标志 as large as fits the 版心 (42 pt at most,
 * as gongwen.c), the 发文字号 two lines under it, the red rule under
 * that; the title two lines further. */
static void
head(struct dx *x)
{
	const struct gw_doc *d = x->doc;
	char *mark = normal(x, d->organ_mark);
	char *num = normal(x, d->number ? d->number : "");
	if (mark != NULL && num != NULL) {
		x->before = MARK_TOP;
		para(x, "GwMark", NULL, mark);
		x->before = 2 * PITCH;
		para(x, "GwNumber", NULL, num);
		x->before = 2 * PITCH;
	}
	free(mark);
	free(num);
}

/* The 发文机关标志's size in half points: 0.98 of the 版心's width, 42 pt
 * at most (gongwen.c's rule, by count). */
static int
mark_size(const struct gw_doc *d)
{
	double w = ems(d->organ_mark ? d->organ_mark : "");
	double pt = w > 0 ? 0.98 * TEXT_W / 20 / w : 42;
	return (int)(2 * (pt < 42 ? pt : 42));
}

/* 附件说明 (gongwen.c's attachments): a line under the 正文, two
 * characters in, "附件：" and the names, numbered when more than one,
 * a long name's lines hanging under its first character. */
static void
attachments(struct dx *x)
{
	const struct gw_doc *d = x->doc;
	x->before = PITCH;
	for (size_t i = 0; i < d->nattachments && !x->fail; i++) {
		char prefix[64] = "", ppr[128];
		snprintf(prefix, sizeof prefix, "%s", i ? "" : "附件：");
		if (d->nattachments > 1)
			snprintf(prefix + strlen(prefix), sizeof prefix -
			    strlen(prefix), "%zu.", i + 1);
		double at = 2 + (i ? 3 : 0), hang = ems(prefix);
		snprintf(ppr, sizeof ppr, "<w:ind w:left=\"%ld\" "
		    "w:hanging=\"%ld\"/>", (long)((at + hang) * CHAR),
		    (long)(hang * CHAR));
		char *name = normal(x, d->attachments[i]);
		if (name == NULL)
			break;
		para_begin(x, "GwAttachment", NULL, ppr);
		run(x, NULL, prefix);
		run(x, NULL, name);
		out(x, "</w:p>");
		free(name);
	}
}

/* A right-aligned line, right characters of the grid from the right. */
static void
right_line(struct dx *x, const char *style, const char *text, double right)
{
	char ppr[64];
	snprintf(ppr, sizeof ppr, "<w:ind w:right=\"%ld\"/>", (long)(right > 0 ?
	    right * CHAR : 0));
	para(x, style, ppr, text);
}

/* 署名 and 成文日期 where gongwen.c's signature puts them: with the
 * 印章, two lines left for it, the date four characters from the right
 * and the 署名 centred over it; without, a line under the text, the
 * 署名 two characters from the right and the date two further right
 * (or two from the right when longer, the 署名 moved left). */
static void
signature(struct dx *x)
{
	const struct gw_doc *d = x->doc;
	char date[96] = "";
	if (d->year > 0) {
		if (d->numerals)
			zh_date_numerals(d->year, d->month, d->day, date,
			    sizeof date);
		else
			snprintf(date, sizeof date, "%d年%d月%d日", d->year,
			    d->month, d->day);
	}
	char *who = normal(x, d->signer);
	if (who == NULL || (*who == '\0' && *date == '\0')) {
		free(who);
		return;
	}
	double ws = ems(who), wd = ems(date), rs, rd;
	if (d->seal) {
		rd = 4;
		rs = 4 + (wd - ws) / 2;
	} else if (ws - wd >= 2) {
		rs = 2;
		rd = ws - wd;
	} else {
		rd = 2;
		rs = 4 + wd - ws;
	}
	x->before += (d->seal ? 2 : 1) * PITCH;
	if (*who != '\0')
		right_line(x, "GwSigner", who, rs);
	if (*date != '\0')
		right_line(x, "GwDate", date, rd);
	free(who);
}

/* The 版记's table: one column as wide as the 版心, floating at its
 * foot (positioned at the bottom of the margins, where Word and WPS put
 * it; LibreOffice 7.4 leaves a floating table where it stands, under the
 * 成文日期, and drops a frame of paragraphs' position too); a thick rule (0.35 mm) over it and under it, a thin one
 * (0.25 mm) between its rows; no cell margins, so its lines' indents
 * count from the 版心's edges. */
static void
colophon_table(struct dx *x)
{
	outf(x, "<w:tbl><w:tblPr><w:tblpPr w:leftFromText=\"0\" "
	    "w:rightFromText=\"0\" w:vertAnchor=\"margin\" "
	    "w:horzAnchor=\"margin\" w:tblpXSpec=\"center\" "
	    "w:tblpYSpec=\"bottom\"/><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
	    "<w:jc w:val=\"center\"/><w:tblBorders><w:top w:val=\"single\" "
	    "w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/><w:bottom "
	    "w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:insideH w:val=\"single\" w:sz=\"6\" w:space=\"0\" "
	    "w:color=\"000000\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
	    "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right "
	    "w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
	    "<w:gridCol w:w=\"%d\"/></w:tblGrid>", TEXT_W, TEXT_W);
}

/* A row of the 版记's table: its paragraph's start. */
static void
colophon_row(struct dx *x, const char *tabs, const char *ind)
{
	outf(x, "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>"
	    "</w:tcPr>", TEXT_W);
	para_begin(x, "GwColophon", tabs, ind);
}

/* 版记 (gongwen.c's colophon): 抄送 a character in from both sides, its
 * names' lines after the colon, ending with 。; 印发机关 a character from
 * the left and 印发日期 one from the right (a right tab); the rules are
 * the table's borders. */
static void
colophon(struct dx *x)
{
	const struct gw_doc *d = x->doc;
	if (d->printer == NULL || *d->printer == '\0')
		return;
	char *names = d->cc != NULL && *d->cc != '\0' ? normal(x, d->cc) :
	    NULL;
	char *printer = normal(x, d->printer);
	if (printer == NULL) {
		free(names);
		return;
	}
	x->before = 0;
	colophon_table(x);
	if (names != NULL) {
		char ind[96];
		snprintf(ind, sizeof ind, "<w:ind w:left=\"%d\" w:right=\"%d\" "
		    "w:hanging=\"%d\"/>", 4 * SMALL, SMALL, 3 * SMALL);
		colophon_row(x, NULL, ind);
		run(x, NULL, "抄送：");
		run(x, NULL, names);
		run(x, NULL, "。");
		out(x, "</w:p></w:tc></w:tr>");
	}
	char tabs[96], ind[96], date[96] = "";
	snprintf(tabs, sizeof tabs, "<w:tabs><w:tab w:val=\"right\" "
	    "w:pos=\"%d\"/></w:tabs>", TEXT_W - SMALL);
	snprintf(ind, sizeof ind, "<w:ind w:left=\"%d\" w:right=\"%d\"/>",
	    SMALL, SMALL);
	colophon_row(x, tabs, ind);
	run(x, NULL, printer);
	if (d->print_year > 0)
		snprintf(date, sizeof date, "\t%d年%d月%d日印发", d->print_year,
		    d->print_month, d->print_day);
	run(x, NULL, date);
	/* The paragraph a floating table is anchored to, and the one a
	 * document ends with: empty, one point high. */
	out(x, "</w:p></w:tc></w:tr></w:tbl><w:p><w:pPr><w:spacing w:line=\"20\" "
	    "w:lineRule=\"exact\"/></w:pPr></w:p>");
	free(names);
	free(printer);
}

static void
document(struct dx *x)
{
	const struct gw_doc *d = x->doc;
	out(x, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R
	    "\"><w:body>");
	if (d->organ_mark != NULL && *d->organ_mark != '\0')
		head(x);
	char *t = normal(x, d->title);
	if (t != NULL)
		para(x, "GwTitle", NULL, t);
	free(t);
	x->before = PITCH;
	if (d->addressee != NULL && *d->addressee != '\0') {
		char *to = normal(x, d->addressee);
		if (to != NULL) {
			para_begin(x, "GwAddressee", NULL, NULL);
			run(x, NULL, to);
			run(x, NULL, "：");
			out(x, "</w:p>");
		}
		free(to);
	}
	for (size_t i = 0; i < d->nbody && !x->fail; i++)
		paragraphs(x, d->body[i].text, d->body[i].kind == GW_HEADING);
	if (d->nattachments > 0)
		attachments(x);
	signature(x);
	colophon(x);
	/* The last paragraph holds the section's properties: the page, the
	 * margins, the grid, and the odd and even footers. */
	outf(x, "<w:sectPr><w:footerReference w:type=\"default\" "
	    "r:id=\"rIdFooterOdd\"/><w:footerReference w:type=\"even\" "
	    "r:id=\"rIdFooterEven\"/><w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
	    "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" "
	    "w:left=\"%d\" w:header=\"851\" w:footer=\"%d\" w:gutter=\"0\"/>"
	    "<w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" "
	    "w:linePitch=\"%d\" w:charSpace=\"%d\"/></w:sectPr>"
	    "</w:body></w:document>", PAGE_W, PAGE_H, TOP, RIGHT, BOTTOM,
	    LEFT, FOOTER, PITCH, CHAR_SPACE);
}

/* The fonts of role, by family name, for every script. */
static void
fonts(struct dx *x, enum gw_font role)
{
	out(x, "<w:rFonts w:ascii=\"");
	esc(x, x->font[role], 0);
	out(x, "\" w:eastAsia=\"");
	esc(x, x->font[role], 0);
	out(x, "\" w:hAnsi=\"");
	esc(x, x->font[role], 0);
	out(x, "\" w:cs=\"");
	esc(x, x->font[role], 0);
	out(x, "\"/>");
}

/* One style: type, id, its Chinese name, what it is based on, pPr and
 * rPr content (fonts of role, -1: inherited; size in half points, 0:
 * inherited; color or NULL). */
static void
style(struct dx *x, const char *type, const char *id, const char *name,
    const char *based, const char *ppr, int role, int size,
    const char *color)
{
	outf(x, "<w:style w:type=\"%s\" w:customStyle=\"1\" w:styleId=\"%s\">"
	    "<w:name w:val=\"%s\"/>", type, id, name);
	if (based != NULL)
		outf(x, "<w:basedOn w:val=\"%s\"/>", based);
	if (strcmp(type, "paragraph") == 0)
		out(x, "<w:qFormat/>");
	if (ppr != NULL)
		outf(x, "<w:pPr>%s</w:pPr>", ppr);
	out(x, "<w:rPr>");
	if (role >= 0)
		fonts(x, (enum gw_font)role);
	if (color != NULL)
		outf(x, "<w:color w:val=\"%s\"/>", color);
	if (size > 0)
		outf(x, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", size, size);
	out(x, "</w:rPr></w:style>");
}

#define EXACT "<w:spacing w:line=\"579\" w:lineRule=\"exact\"/>"
#define INDENT2 "<w:ind w:firstLineChars=\"200\" w:firstLine=\"632\"/>"

static void
styles(struct dx *x)
{
	char ppr[256];
	out(x, XML_DECL "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults>"
	    "<w:rPrDefault><w:rPr>");
	fonts(x, GW_FANGSONG);
	out(x, "<w:spacing w:val=\"-5\"/><w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
	    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
	    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>"
	    "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	    "<w:name w:val=\"Normal\"/><w:qFormat/><w:pPr>" EXACT "</w:pPr>"
	    "<w:rPr>");
	fonts(x, GW_FANGSONG);
	out(x, "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
	    "<w:style w:type=\"character\" w:default=\"1\" "
	    "w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default "
	    "Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
	    "</w:style>");
	style(x, "paragraph", "GwMark", "发文机关标志", "Normal",
	    "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>"
	    "<w:jc w:val=\"center\"/>", GW_XIAOBIAOSONG, mark_size(x->doc),
	    RED);
	snprintf(ppr, sizeof ppr, "<w:pBdr><w:bottom w:val=\"single\" "
	    "w:sz=\"8\" w:space=\"%d\" w:color=\"%s\"/></w:pBdr>"
	    "<w:jc w:val=\"center\"/>", RULE_GAP_PT, RED);
	style(x, "paragraph", "GwNumber", "发文字号", "Normal", ppr, -1, 0, NULL);
	style(x, "paragraph", "GwTitle", "公文标题", "Normal", "<w:keepNext/>"
	    "<w:snapToGrid w:val=\"0\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>",
	    GW_XIAOBIAOSONG, 44, NULL);
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
	out(x, "</w:styles>");
}

/* A footer: "— N —" (the PAGE field), odd pages right and even pages
 * left, one 4号 character in. */
static void
footer(struct dx *x, int odd)
{
	outf(x, XML_DECL "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">"
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
	out(x, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas."
	    "openxmlformats.org/package/2006/metadata/core-properties\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms="
	    "\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/"
	    "XMLSchema-instance\"><dc:title>");
	esc(x, d->title, 0);
	out(x, "</dc:title>");
	if (d->author != NULL) {
		out(x, "<dc:creator>");
		esc(x, d->author, 0);
		out(x, "</dc:creator>");
	}
	out(x, "<dc:language>zh-CN</dc:language>");
	if (stamp(d->created))
		outf(x, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
		    "%.10sT%.8sZ</dcterms:created>", d->created, d->created + 11);
	out(x, "</cp:coreProperties>");
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
	document(&x[P_DOCUMENT]);
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
