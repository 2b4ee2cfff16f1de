/*
 * The supervision behind the demo's findings (demo-oversight.c): the
 * inspection and cases their ledger lines name, written after the import.
 */
#ifndef LVZHI_DEMO_OVERSIGHT_H
#define LVZHI_DEMO_OVERSIGHT_H

#include "demo/demo.h"
#include "store/store.h"

/* Writes them for st's findings of the demo year, in one transaction
 * with their audit entries; 0, or -1 (the cause in store_error()). */
int demo_oversight(struct store *s, const struct demo_stats *st, int year);

#endif
