/*
 * A hash map from string ids to 64-bit values.
 *
 * The importer resolves references (a record's organ, a tenure's person)
 * against every id it knows without a database round trip per line, and
 * the evaluator maps kinds to catalog slots. Keys are copied into the map's
 * own arena; values are opaque integers. Open addressing, linear probing,
 * no deletion (neither user needs it).
 */
#ifndef LVZHI_IDMAP_H
#define LVZHI_IDMAP_H

#include <stddef.h>
#include <stdint.h>

struct idmap;

/* Returns a new empty map, or NULL when out of memory. */
struct idmap *idmap_create(void);
void idmap_free(struct idmap *m);
/* Sets key to value (replacing); returns 0, or -1 when out of memory. */
int idmap_put(struct idmap *m, const char *key, int64_t value);
/* Returns 1 and sets *value when key is present, else 0. */
int idmap_get(const struct idmap *m, const char *key, int64_t *value);
size_t idmap_count(const struct idmap *m);

#endif
