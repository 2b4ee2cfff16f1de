/*
 * The demo's published annual report (demo-reports.c): so that the
 * public portal of a new installation lists one, gone through the whole
 * workflow a real one takes.
 */
#ifndef LVZHI_DEMO_REPORTS_H
#define LVZHI_DEMO_REPORTS_H

#include <stddef.h>

#include "rules/catalog.h"
#include "store/store.h"

/* The person heading organ (of region) on day into person (n bytes; ""
 * when nobody): the demo's leaders. 0, or -1 (store_error()). */
int demo_principal(struct store *s, const char *organ, const char *region,
    date_t day, char *person, size_t n);

/*
 * Publishes the annual report of DEMO_REPORT_ORGAN about year, drafted
 * (its drafting hints written out), signed by the organ's principal,
 * locked and published by its region's office, each step as the domain
 * takes it (its authority, the check before publishing, the audit log
 * under actor). Nothing when year has not ended. 0, or -1 with the
 * reason in err.
 */
int demo_publish_reports(struct store *s, const struct catalog *c, int year,
    const char *actor, char *err, size_t errlen);

#endif
