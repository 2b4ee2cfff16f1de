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

/*
 * A set of ids seen, kept as 64-bit digests only (8 bytes an id where a
 * map keeps the id itself): a first load asks it whether a record id is
 * new in the file for each of millions of records. Two ids may share a
 * digest, so "seen" means "maybe seen" (about once in 10^6 national
 * loads); "new" is certain.
 */
struct idset;

struct idset *idset_create(void);
void idset_free(struct idset *set);
/* Adds key: 1 when it is certainly new, 0 when it may have been added
 * before, -1 when out of memory. */
int idset_add(struct idset *set, const char *key);

#endif
