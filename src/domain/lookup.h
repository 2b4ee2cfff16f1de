/*
 * Lookups by name for the pickers (web/picker.c) and their JSON
 * (GET /api/v1/people, /organs, /regions?q=): people, organs and regions
 * whose name holds a part typed, within the caller's scope as everywhere
 * (auth/access.c): an office, inspector or discipline account its region
 * subtree, a clerk or leader its own organ, the administrator all. A
 * region or organ asked for outside it is 403 naming the field (as a
 * query names one everywhere, docs/security.md); an unknown one 404.
 */
#ifndef LVZHI_DOMAIN_LOOKUP_H
#define LVZHI_DOMAIN_LOOKUP_H

#include "domain/domain.h"

/* What is looked for: each part applies only when set (not NULL, not
 * ""); limit is held to 1..STORE_LOOKUP_MAX (0: 20). */
struct lookup_in {
	const char *q, *region, *organ, *id;
	int limit;
	const char *name, *place; /* store_lookup's: exactly this name */
};

/* Each match through cb (its strings valid during the call), in name
 * order: 0, or -1 with d->fault (403: region or organ out of scope; 404:
 * unknown; 500). */
int lookup_people(struct dom *d, const struct lookup_in *in,
    int (*cb)(void *, const struct store_person_hit *), void *ctx);
int lookup_organs(struct dom *d, const struct lookup_in *in,
    int (*cb)(void *, const struct store_organ_hit *), void *ctx);
int lookup_regions(struct dom *d, const struct lookup_in *in,
    int (*cb)(void *, const struct store_region *), void *ctx);

/* A person's post in words, in d's arena: the organ and the title of
 * who leads it ("南明区人民政府区长", "中共南明区委员会副书记"), or
 * 主要负责人 / 副职 where the name tells no title. */
const char *lookup_post(struct dom *d, const struct store_person_hit *h);

#endif
