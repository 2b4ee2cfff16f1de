/*
 * Storage of the 发文字号 of the documents the system issues
 * (domain/document.c): the same numbering as reports' (doc_number:
 * per issuing organ and year from 1, without gaps, never given again),
 * a row per document (its template's id) and subject ("interviews/ID").
 */
#ifndef LVZHI_STORE_DOCUMENTS_H
#define LVZHI_STORE_DOCUMENTS_H

#include <stdint.h>

#include "store/store.h"

/* The organ of kind ("party_committee", "government") in the region of
 * code: *key and its name into name (n bytes). 1, 0 (none) or -1. */
int store_doc_organ(struct store *s, const char *code, const char *kind,
    int64_t *key, char *name, size_t n);
/*
 * Gives document (a template id) about subject the next 发文字号 of
 * organ in year (the year's largest plus one, reports' included), issued
 * on `on` (YYYY-MM-DD). Call in the transaction that issues it. 0, or -1
 * (also when it has one).
 */
int store_doc_number_add(struct store *s, const char *document,
    const char *subject, int64_t organ, int year, const char *on);
/* The number of document about subject: 1 with *year and *seq, 0 (none
 * yet) or -1. */
int store_doc_number_get(struct store *s, const char *document,
    const char *subject, int *year, int *seq);

#endif
