/*
 * What the two files of the .docx writer share (report/docx.h): the
 * geometry in twips, the state of one part being written, and the
 * writing of text. docx.c writes the package (styles, footers,
 * properties, the zip); docx-body.c the document itself.
 */
#ifndef LVZHI_DOCX_INT_H
#define LVZHI_DOCX_INT_H

#include "base/buf.h"
#include "report/gongwen.h"

/* The page, the 版心 and the grid (docx.c's top comment says why). */
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

/* One part being written: its text in b (DOCX_MAX at most); fail set
 * once anything did not fit, the part then useless. */
struct dx {
	const struct gw_doc *doc;
	struct buf b;
	int fail;
	char font[GW_NFONTS][FAMILY]; /* each role's family (gongwen) */
	long before; /* spacing the next paragraph takes before it */
};

/* s, or printf's output, appended as it is (markup). */
void docx_put(struct dx *x, const char *s);
void docx_putf(struct dx *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * s appended as XML character data: & < > " ' as references, a byte
 * that starts no UTF-8 character and a character XML 1.0 cannot hold as
 * U+FFFD; run: inside a w:t, a tab is Word's w:tab and a line break its
 * w:br. A carriage return is dropped.
 */
void docx_esc(struct dx *x, const char *s, int run);
/* s normalised for print as gongwen normalises it (malloc'd; "" for
 * NULL), or NULL with x->fail. */
char *docx_normal(struct dx *x, const char *s);
/* How many characters of the grid s takes: a full-width one each, a
 * half-width one half. */
double docx_ems(const char *s);

/* word/document.xml (docx-body.c). */
void docx_document(struct dx *x);

#endif
