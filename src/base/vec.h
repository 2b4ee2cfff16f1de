/*
 * vec.h: room in a growing array. The arrays of results, segments and
 * queued lines grow by doubling from a first size the caller picks; this
 * is that growth, once, with its overflow check.
 */
#ifndef LVZHI_VEC_H
#define LVZHI_VEC_H

#include <stddef.h>

/*
 * Makes room for one more item of `size` bytes in the array whose pointer
 * is at vp (a `T **`, its items realloc'd), holding n items with *cap
 * allocated: when n == *cap, the array is reallocated to twice *cap (to
 * `first` when *cap is 0) and *cap updated. Returns 0, or -1 when out of
 * memory or past SIZE_MAX, with the array and *cap as they were.
 */
int vec_reserve(void *vp, size_t n, size_t *cap, size_t size, size_t first);

#endif
