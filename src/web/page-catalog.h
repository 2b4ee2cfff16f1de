/*
 * The 职责清单 page's two halves: the regulation with its rules
 * (page-catalog.c) and the catalog's version history
 * (page-catalog-history.c).
 */
#ifndef LVZHI_PAGE_CATALOG_H
#define LVZHI_PAGE_CATALOG_H

#include "web/web.h"

/* "2025年7月1日起施行" or "…起至…", for version i of c. */
void page_catalog_period(struct buf *b, const struct catalog *c, size_t i);
/* 版本沿革, with the version shown marked. */
void page_catalog_history(struct request *r, struct buf *b,
    const struct catalog *shown);

#endif
