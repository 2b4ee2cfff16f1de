/*
 * Synthetic datasets at scale (lvzhi gen): a province or a nation of
 * regions, organs, leaders with hand-overs, a year of records with gaps
 * and rejections, and scores, as JSON Lines in the import format.
 */
#ifndef LVZHI_GEN_H
#define LVZHI_GEN_H

#include <stdint.h>
#include <stdio.h>

enum gen_scale {
	GEN_PROVINCE,
	GEN_NATIONAL,
};

struct gen_stats {
	long regions, organs, persons, tenures, records, scores;
};

/*
 * Writes the dataset to out, streaming (memory does not grow with its
 * size). qualitative[0..n) are duty ids to score, with the role bits of
 * struct demo_duty. Deterministic for a seed. Returns 0 or -1 (errno).
 */
struct demo_duty;
int gen_write(FILE *out, enum gen_scale scale, int year, uint64_t seed,
    const struct demo_duty *qualitative, size_t n, struct gen_stats *stats);

#endif
