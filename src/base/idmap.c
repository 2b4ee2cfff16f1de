#include "base/idmap.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

struct slot {
	const char *key; /* NULL: empty */
	uint64_t hash;
	int64_t value;
};

struct idmap {
	struct slot *slots; /* none until the first put */
	size_t nslots;      /* 0 or a power of two */
	size_t count;
	struct arena *keys; /* the keys' copies, which never move */
};

static uint64_t
hash(const char *s)
{
	/* FNV-1a; ids are short and this is not exposed to attackers
	 * choosing collisions at scale (imports are by trusted offices). */
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct idmap *
idmap_create(void)
{
	struct idmap *m = calloc(1, sizeof *m);
	if (m != NULL)
		m->keys = arena_create();
	return m;
}

void
idmap_free(struct idmap *m)
{
	if (m == NULL)
		return;
	arena_free(m->keys);
	free(m->slots);
	free(m);
}

static const char *
intern(struct idmap *m, const char *key)
{
	size_t n = strlen(key) + 1;
	char *p = arena_try_alloc(m->keys, n);
	if (p != NULL)
		memcpy(p, key, n);
	return p;
}

static struct slot *
find(struct slot *slots, size_t nslots, const char *key, uint64_t h)
{
	size_t i = h & (nslots - 1);
	for (;;) {
		struct slot *s = &slots[i];
		if (s->key == NULL || (s->hash == h && strcmp(s->key, key) == 0))
			return s;
		i = (i + 1) & (nslots - 1);
	}
}

static int
grow(struct idmap *m)
{
	size_t n = m->nslots > 0 ? m->nslots * 2 : 64;
	struct slot *slots = calloc(n, sizeof *slots);
	if (slots == NULL)
		return -1;
	for (size_t i = 0; i < m->nslots; i++) {
		struct slot *s = &m->slots[i];
		if (s->key != NULL)
			*find(slots, n, s->key, s->hash) = *s;
	}
	free(m->slots);
	m->slots = slots;
	m->nslots = n;
	return 0;
}

int
idmap_put(struct idmap *m, const char *key, int64_t value)
{
	if ((m->count + 1) * 4 > m->nslots * 3 && grow(m))
		return -1;
	uint64_t h = hash(key);
	struct slot *s = find(m->slots, m->nslots, key, h);
	if (s->key == NULL) {
		const char *k = intern(m, key);
		if (k == NULL)
			return -1;
		s->key = k;
		s->hash = h;
		m->count++;
	}
	s->value = value;
	return 0;
}

int
idmap_get(const struct idmap *m, const char *key, int64_t *value)
{
	if (m->nslots == 0)
		return 0;
	const struct slot *s = find(m->slots, m->nslots, key, hash(key));
	if (s->key == NULL)
		return 0;
	if (value != NULL)
		*value = s->value;
	return 1;
}

size_t
idmap_count(const struct idmap *m)
{
	return m->count;
}

struct idset {
	uint64_t *slots; /* digests; 0: empty (none until the first add) */
	size_t nslots;   /* 0 or a power of two */
	size_t count;
};

/* The digest of an idset: FNV-1a, its bits mixed (MurmurHash3's
 * finaliser) since the low ones pick the slot; never 0. */
static uint64_t
digest(const char *key)
{
	uint64_t h = hash(key);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

struct idset *
idset_create(void)
{
	return calloc(1, sizeof(struct idset));
}

void
idset_free(struct idset *set)
{
	if (set == NULL)
		return;
	free(set->slots);
	free(set);
}

/* The slot of digest h in slots: where it is, or the empty one to take. */
static uint64_t *
set_find(uint64_t *slots, size_t nslots, uint64_t h)
{
	size_t i = h & (nslots - 1);
	while (slots[i] != 0 && slots[i] != h)
		i = (i + 1) & (nslots - 1);
	return &slots[i];
}

int
idset_add(struct idset *set, const char *key)
{
	if ((set->count + 1) * 2 > set->nslots) {
		size_t n = set->nslots > 0 ? set->nslots * 2 : 1024;
		uint64_t *slots = calloc(n, sizeof *slots);
		if (slots == NULL)
			return -1;
		for (size_t i = 0; i < set->nslots; i++)
			if (set->slots[i] != 0)
				*set_find(slots, n, set->slots[i]) = set->slots[i];
		free(set->slots);
		set->slots = slots;
		set->nslots = n;
	}
	uint64_t h = digest(key);
	uint64_t *slot = set_find(set->slots, set->nslots, h);
	if (*slot == h)
		return 0;
	*slot = h;
	set->count++;
	return 1;
}
