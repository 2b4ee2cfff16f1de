/*
 * Rendered PDFs, kept in the process by the digest of what they were
 * rendered from.
 *
 * Rendering a report takes a second of CPU; the same published report
 * asked for by thousands of visitors must not take thousands. The key is
 * the SM3 of the report as loaded (every field the PDF shows), so a
 * changed report, published again or edited, has a new key: a server
 * never serves a PDF of a version that is not the database's, however
 * many servers share it, and none needs telling. Concurrent requests for
 * one key wait for the one render. Entries are bounded in number and in
 * bytes; the least recently used one not being sent goes first.
 */
#ifndef LVZHI_PDF_CACHE_H
#define LVZHI_PDF_CACHE_H

#include <stddef.h>

struct pdf_cache_entry;

/*
 * The PDF for key (a digest in hex): the cached one, or one rendered
 * now by render(ctx, &pdf, &len) (a malloc'd buffer, taken; 0 or -1), or
 * waited for when another thread renders it. *fresh is 1 when this call
 * rendered it. The entry is held until pdf_cache_release; NULL when
 * the render failed (or memory ran out).
 */
struct pdf_cache_entry *pdf_cache_get(const char *key,
    int (*render)(void *ctx, char **pdf, size_t *len), void *ctx,
    int *fresh);
const char *pdf_cache_data(const struct pdf_cache_entry *e, size_t *len);
/* Lets go of an entry pdf_cache_get returned (NULL: nothing). Takes a
 * void * so that it can be a response's free callback. */
void pdf_cache_release(void *e);

#endif
