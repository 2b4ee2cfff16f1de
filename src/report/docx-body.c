/*
 * The document of a .docx (word/document.xml; see docx.h and docx.c):
 * the 公文's parts in gongwen.c's order, each paragraph in its named
 * style, the spacing before it standing for the lines of the grid the
 * PDF leaves empty, and the section's page, margins, grid and footers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/zhtext.h"
#include "report/docx-int.h"
#include "report/gongwen.h"

/* A run of text in character style rstyle (NULL: the paragraph's). */
static void
run(struct dx *x, const char *rstyle, const char *text)
{
	docx_put(x, "<w:r>");
	if (rstyle != NULL)
		docx_putf(x, "<w:rPr><w:rStyle w:val=\"%s\"/></w:rPr>", rstyle);
	docx_put(x, "<w:t xml:space=\"preserve\">");
	docx_esc(x, text, 1);
	docx_put(x, "</w:t></w:r>");
}

/* A paragraph's start: its style, the properties that come before
 * the spacing in the schema's order (pre: w:framePr, w:pBdr, w:tabs),
 * the spacing pending before it, those after (post: w:ind, w:jc). */
static void
para_begin(struct dx *x, const char *style, const char *pre,
    const char *post)
{
	docx_putf(x, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s", style, pre ? pre :
	    "");
	if (x->before > 0)
		docx_putf(x, "<w:spacing w:before=\"%ld\"/>", x->before);
	x->before = 0;
	docx_putf(x, "%s</w:pPr>", post ? post : "");
}

/* A paragraph of one run. */
static void
para(struct dx *x, const char *style, const char *post, const char *text)
{
	para_begin(x, style, NULL, post);
	run(x, NULL, text);
	docx_put(x, "</w:p>");
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
	docx_put(x, "</w:p>");
}

static void
paragraphs(struct dx *x, const char *text, int heading)
{
	char *t = docx_normal(x, text), *save = NULL;
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
	char *mark = docx_normal(x, d->organ_mark);
	char *num = docx_normal(x, d->number ? d->number : "");
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
		double at = 2 + (i ? 3 : 0), hang = docx_ems(prefix);
		snprintf(ppr, sizeof ppr, "<w:ind w:left=\"%ld\" "
		    "w:hanging=\"%ld\"/>", (long)((at + hang) * CHAR),
		    (long)(hang * CHAR));
		char *name = docx_normal(x, d->attachments[i]);
		if (name == NULL)
			break;
		para_begin(x, "GwAttachment", NULL, ppr);
		run(x, NULL, prefix);
		run(x, NULL, name);
		docx_put(x, "</w:p>");
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
	char *who = docx_normal(x, d->signer);
	if (who == NULL || (*who == '\0' && *date == '\0')) {
		free(who);
		return;
	}
	double ws = docx_ems(who), wd = docx_ems(date), rs, rd;
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
 * 成文日期, and drops a frame of paragraphs' position too); a thick
 * rule (0.35 mm) over it and under it, a thin one (0.25 mm) between its
 * rows; no cell margins, so its lines' indents count from the 版心's
 * edges. */
static void
colophon_table(struct dx *x)
{
	docx_putf(x, "<w:tbl><w:tblPr><w:tblpPr w:leftFromText=\"0\" "
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
	docx_putf(x, "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>"
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
	char *names = d->cc != NULL && *d->cc != '\0' ? docx_normal(x, d->cc) :
	    NULL;
	char *printer = docx_normal(x, d->printer);
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
		docx_put(x, "</w:p></w:tc></w:tr>");
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
	docx_put(x, "</w:p></w:tc></w:tr></w:tbl><w:p><w:pPr><w:spacing "
	    "w:line=\"20\" w:lineRule=\"exact\"/></w:pPr></w:p>");
	free(names);
	free(printer);
}

void
docx_document(struct dx *x)
{
	const struct gw_doc *d = x->doc;
	docx_put(x, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R
	    "\"><w:body>");
	if (d->organ_mark != NULL && *d->organ_mark != '\0')
		head(x);
	char *t = docx_normal(x, d->title);
	if (t != NULL)
		para(x, "GwTitle", NULL, t);
	free(t);
	x->before = PITCH;
	if (d->addressee != NULL && *d->addressee != '\0') {
		char *to = docx_normal(x, d->addressee);
		if (to != NULL) {
			para_begin(x, "GwAddressee", NULL, NULL);
			run(x, NULL, to);
			run(x, NULL, "：");
			docx_put(x, "</w:p>");
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
	docx_putf(x, "<w:sectPr><w:footerReference w:type=\"default\" "
	    "r:id=\"rIdFooterOdd\"/><w:footerReference w:type=\"even\" "
	    "r:id=\"rIdFooterEven\"/><w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
	    "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" "
	    "w:left=\"%d\" w:header=\"851\" w:footer=\"%d\" w:gutter=\"0\"/>"
	    "<w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" "
	    "w:linePitch=\"%d\" w:charSpace=\"%d\"/></w:sectPr>"
	    "</w:body></w:document>", PAGE_W, PAGE_H, TOP, RIGHT, BOTTOM,
	    LEFT, FOOTER, PITCH, CHAR_SPACE);
}
