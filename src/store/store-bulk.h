/*
 * What the bulk uploads (domain/bulk.c) look up by the names a clerk
 * knows: the organs of a region subtree with a given name, and the
 * tenures of people with a given name at organs of a subtree. Backend
 * neutral like store.h; rows are valid only during the callback.
 */
#ifndef LVZHI_STORE_BULK_H
#define LVZHI_STORE_BULK_H

#include "store/store.h"

/* Organs named name (exactly) in the region subtree at path ("": all),
 * by id. Returns 0, the callback's non-zero answer, or -1. */
int store_bulk_organs_named(struct store *s, const char *path,
    const char *name, int (*cb)(void *, const struct store_organ *),
    void *ctx);
/* Tenures (with role) of the people named name at organs of the subtree
 * at path ("": all), newest first. 0, the callback's answer, or -1. */
int store_bulk_tenures_named(struct store *s, const char *path,
    const char *name, int (*cb)(void *, const struct store_tenure *),
    void *ctx);

#endif
