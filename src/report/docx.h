/*
 * Official documents (公文) as editable drafts: OOXML .docx files that
 * offices open in WPS or Word, finish and print. The input is the very
 * struct gw_doc that report/gongwen.h renders as PDF, and the layout is
 * the same GB/T 9704-2012 one, kept in Word's own terms so that an
 * office can restyle it: A4, margins that leave the 版心 156 × 225 mm at
 * 37 mm from the top and 28 mm from the left, a document grid of 22
 * lines × 28 characters, and paragraph styles by the names offices use
 * (发文机关标志, 发文字号, 公文标题, 主送机关, 公文正文, 一级标题 to 四级标题,
 * 附件说明, 署名, 成文日期, 版记, 页码) with the fonts of gongwen's
 * settings by family name (the eastAsia font), the page numbers "— N —"
 * as a PAGE field in odd and even footers.
 *
 * Every text is normalised for print as the PDF's is (zh_normalise) and
 * escaped for XML; a byte that is not UTF-8, and a character XML 1.0
 * cannot hold, becomes U+FFFD.
 */
#ifndef LVZHI_DOCX_H
#define LVZHI_DOCX_H

#include <stddef.h>

struct gw_doc;

/* The largest .docx written. */
#define DOCX_MAX (32u << 20)
/* Its media type. */
#define DOCX_MIME "application/vnd.openxmlformats-officedocument." \
	"wordprocessingml.document"

/* Renders doc (report/gongwen.h's struct gw_doc, the very same input
 * gongwen_render takes) as an OOXML .docx with the GB/T 9704 layout
 * as Word styles; *out malloc'd. 0, or -1 with err. */
int docx_render(const struct gw_doc *doc, char **out, size_t *len,
    char *err, size_t errlen);

#endif
