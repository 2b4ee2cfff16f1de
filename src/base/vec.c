/*
 * Room in a growing array (vec.h). The array's pointer is read and written
 * through memcpy, so that one function serves arrays of any item type.
 */
#include "base/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int
vec_reserve(void *vp, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : first;
	if (c <= n || c > SIZE_MAX / size)
		return -1;
	void *v;
	memcpy(&v, vp, sizeof v);
	void *r = realloc(v, c * size);
	if (r == NULL)
		return -1;
	memcpy(vp, &r, sizeof r);
	*cap = c;
	return 0;
}
