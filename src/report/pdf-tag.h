/*
 * What cairo cannot write into a tagged PDF, added after it with qpdf's
 * library (libqpdf, Debian's libqpdf-dev): the catalog's /Lang, /MarkInfo
 * <</Marked true>> (so a reader, pdfinfo's "Tagged: yes" and PDF/UA
 * checkers know the structure tree cairo wrote is the document's) and
 * /ViewerPreferences <</DisplayDocTitle true>> (the window shows the
 * title, not the file name), and the title in the document information
 * dictionary. cairo 1.16 writes the structure tree (cairo_tag_begin with
 * "Document", "H1", "P", ...) but none of these.
 */
#ifndef LVZHI_PDF_TAG_H
#define LVZHI_PDF_TAG_H

#include <stddef.h>

/*
 * Rewrites the PDF pdf (len bytes) with lang ("zh-CN") and title (UTF-8,
 * or NULL: left as it is) set as above, into *out (malloc'd, the caller
 * frees it) of *outlen bytes, at most max. The /ID is derived from the
 * content, so the same input gives the same bytes. Returns 0, or -1 with
 * the reason in err.
 */
int pdf_tag_finish(const char *pdf, size_t len, const char *lang,
    const char *title, size_t max, char **out, size_t *outlen, char *err,
    size_t errlen);

#endif
