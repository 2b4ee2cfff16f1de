/*
 * A document the system issues, from its template in the catalog (the
 * catalog file's `document` blocks, rules/catalog.h) and its context: the
 * 公文 (report/gongwen.h's struct gw_doc) that gongwen_render lays out
 * as PDF and docx_render as DOCX.
 *
 * The context is a JSON object holding the template's values; besides
 * them document_fill reads three of its own:
 *   "number"  the 发文字号 ("〔2026〕3号"), or null before the document is
 *             issued: its line stays empty;
 *   "date"    the 成文日期 "YYYY-MM-DD", written in Chinese numerals
 *             (二〇二六年十二月六日), also the 印发日期; null: none;
 *   "author"  the PDF's author (the issuing organ), or absent.
 */
#ifndef LVZHI_DOCUMENT_H
#define LVZHI_DOCUMENT_H

#include <jansson.h>

#include "base/arena.h"
#include "report/gongwen.h"
#include "rules/catalog.h"

/* The longest text a template renders to (one header value, or the
 * body). */
#define DOCUMENT_TEXT_MAX (256u << 10)

/*
 * Renders t over ctx into *out, every text in a's arena. A header value
 * that renders empty leaves its part out. Returns 0, or -1 with the
 * reason in err naming the template, its part and the catalog's line
 * ("interview-notice: title, line 812: 'person' is not a value …").
 */
int document_fill(const struct catalog_document *t, const json_t *ctx,
    struct arena *a, struct gw_doc *out, char *err, size_t errlen);

#endif
