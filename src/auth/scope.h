/*
 * The scope filters of supervision listings (督查, 整改, 约谈, 通报): which
 * rows an account's lists show and whether it may read one row. One
 * place for the API, the pages, the dashboard and the warnings alike, so
 * a list never shows what a row's page would refuse.
 */
#ifndef LVZHI_SCOPE_H
#define LVZHI_SCOPE_H

#include "auth/access.h"
#include "store/store-supervision.h"

/*
 * The scope of p's listings: offices, inspectors and discipline
 * officers their subtree, a clerk their organ, a leader their own rows
 * (for rows placed by region, inspections and notices, a clerk or leader
 * is matched through the rows' organs and people). Returns 1 with sc
 * filled (pointing into p), or 0 when the account sees none.
 */
int scope_of(const struct principal *p, struct store_sup_scope *sc);
/* Whether p may read a row of organ o naming person (or NULL): a
 * leader what names them and what names nobody of their organ. */
int scope_reads(const struct principal *p, const struct store_organ_info *o,
    const char *person);
/* Offices, inspectors and discipline officers see an inspection of
 * their subtree (path) whole; others only through findings in their
 * scope. */
int scope_sees_whole(const struct principal *p, const char *path);

#endif
