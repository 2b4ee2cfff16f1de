/*
 * A cache of evaluations, for the server.
 *
 * Between two writes, every request for a year and a region gets the same
 * evaluation; a county's takes tens of milliseconds to compute and
 * microseconds to copy. Entries are keyed by (catalog, year, region, data
 * version). The data version is the audit log's last entry, its
 * sequence number and hash: every change to what the evaluation reads
 * (registry, tenures, records, reviews, scores) appends to the audit
 * log, by whatever path it comes, so after a write no request finds an
 * older entry; the hash tells apart two databases at the same number.
 *
 * An entry holds the complete results of the region, unfiltered: which of
 * them a caller may see (a clerk its organ's leaders, a leader their own)
 * is decided per request by the caller, as without the cache. Beside each
 * result the entry keeps a text the caller made of it when it was filled
 * (its JSON), so a hit is served without formatting anything.
 *
 * The cache is process-wide and thread-safe, bounded in bytes (least
 * recently used entries leave first); an evaluation too large for one
 * entry is simply not kept. Entries are reference-counted: one in use
 * stays valid until released, even when evicted meanwhile.
 */
#ifndef LVZHI_EVAL_CACHE_H
#define LVZHI_EVAL_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "engine/eval.h"

#define EVAL_CACHE_MAX (16u << 20)      /* all entries */
#define EVAL_CACHE_ENTRY_MAX (4u << 20) /* one entry */

struct eval_cache_key {
	const struct catalog *catalog; /* lives as long as the process */
	int year;
	const char *region; /* NULL: everything */
	int64_t version;    /* the audit log's last sequence number */
	const char *tag;    /* and that entry's hash */
};

struct eval_cached;

/* The entry of key with a reference taken, or NULL. */
struct eval_cached *eval_cache_get(const struct eval_cache_key *k);
/* Drops the reference; accepts NULL. */
void eval_cache_release(struct eval_cached *e);
size_t eval_cached_count(const struct eval_cached *e);
const struct eval_result *eval_cached_result(const struct eval_cached *e,
    size_t i);
/* The text made of result i when the entry was filled. */
const char *eval_cached_text(const struct eval_cached *e, size_t i,
    size_t *len);

/*
 * Texts made once from a whole entry and kept with it: the server's
 * response bodies (slot 0 as JSON, slot 1 compressed). get returns the
 * slot's text or NULL. set takes data over (malloc'd) unless the slot was
 * filled meanwhile, in which case data is freed; it returns the slot's
 * text either way. Both valid while the entry is held.
 */
#define EVAL_CACHE_BLOBS 2
const char *eval_cached_blob(struct eval_cached *e, int slot, size_t *len);
const char *eval_cached_set_blob(struct eval_cached *e, int slot, char *data,
    size_t len, size_t *out_len);
/* The slot's text in an anonymous in-memory file (made on first use), so
 * a server can hand it to sendfile: the kernel then sends the same pages
 * to every client without copying them. -1 when the slot is empty or no
 * such file can be made. The descriptor stays the entry's: dup it to keep
 * it past eval_cache_release. */
int eval_cached_blob_fd(struct eval_cached *e, int slot);

/*
 * Filling an entry on a miss, while the evaluation runs: start, then
 * eval_cache_fill_add as (part of) the eval_emit, then end. text makes the
 * text kept beside each result. Copying stops by itself past
 * EVAL_CACHE_ENTRY_MAX. end inserts the entry when complete is set and it
 * fits, and frees the fill either way. start returns NULL when out of
 * memory (the caller just runs without caching).
 */
typedef int (*eval_text_fn)(struct buf *b, const struct eval_result *r);
struct eval_cache_fill;
struct eval_cache_fill *eval_cache_fill_start(const struct eval_cache_key *k,
    eval_text_fn text);
void eval_cache_fill_add(struct eval_cache_fill *f,
    const struct eval_result *r);
void eval_cache_fill_end(struct eval_cache_fill *f, int complete);

/* Empties the cache (tests, and a catalog about to be freed). */
void eval_cache_clear(void);

#endif
