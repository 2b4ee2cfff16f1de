/*
 * Who is bound (第二条, 第十条).
 *
 * The principal of a party committee or government of a region at county
 * level or above is covered directly; the principal of a department of
 * such a region, and of a township's party committee or government, by
 * reference. Deputies and township departments are not covered.
 */
#ifndef LVZHI_COVERAGE_H
#define LVZHI_COVERAGE_H

#include "rules/catalog.h"

/*
 * Sets *role and *coverage for a principal of an organ of kind organ_kind
 * in a region of level region_level. Returns 1 when covered, else 0.
 */
int coverage_of(const char *organ_kind, const char *region_level,
    enum role *role, enum coverage *coverage);
const char *coverage_name(enum coverage c);  /* "direct", "reference" */
const char *coverage_label(enum coverage c); /* 直接适用, 参照执行 */

#endif
