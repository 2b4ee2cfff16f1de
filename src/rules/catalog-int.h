/*
 * Inside the catalog module: the marks of values (catalog-basis.c), shared
 * by the parser and the loader. Not for other modules.
 */
#ifndef LVZHI_CATALOG_INT_H
#define LVZHI_CATALOG_INT_H

#include "rules/catalog.h"

/*
 * Finds a mark 〔原文:…〕 or 〔解释:…〕 at the end of the value s[0..len).
 * Returns 0 when there is none; 1 when there is one, setting *vlen to the
 * length of the value before it (trailing blanks dropped), *m0 and *m1 to
 * the basis inside it and *src to its kind; -1 when a bracket opens as a
 * mark but is not one (no colon, or an empty basis), with *vlen set.
 */
int basis_split(const char *s, size_t len, size_t *vlen, size_t *m0,
    size_t *m1, enum basis_source *src);
/*
 * Why the basis of an interpretation is not one (a document's title in
 * 《》 followed by its article 第…条, or CATALOG_DEFAULT_BASIS), or NULL
 * when it is.
 */
const char *basis_check(const char *basis);
/*
 * Whether quote (its “” dropped) stands in the regulation's text: a
 * line of src outside every fenced block, heading and `>` note.
 */
int basis_in_text(const char *src, size_t len, const char *quote);
void basis_free(struct catalog_basis *v, size_t n);
/* Frees what a document template holds (catalog-document.c). */
void document_free(struct catalog_document *t);

#endif
