/*
 * Rows bound and read by an entity's field table (base/entity.h), so the
 * store's readers and writers of an entity are one table, not a bind and
 * a read per column.
 */
#include <stdint.h>

#include "store/store-int.h"


int
store_bind_entity(struct db_stmt *st, int first, const struct entity *e,
    const void *obj)
{
	int i = first;
	for (size_t k = 0; k < e->n; k++) {
		const struct attr *fd = &e->attrs[k];
		if (!(fd->flags & ATTR_ADD))
			continue;
		if (entity_is_text(fd))
			db_bind_text(st, i, *ENTITY_AT_C(obj, fd, char *));
		else if (fd->type == ATTR_INT64 || fd->type == ATTR_LONG) {
			int64_t n = fd->type == ATTR_LONG ?
			    *ENTITY_AT_C(obj, fd, long) : *ENTITY_AT_C(obj, fd, int64_t);
			if (n != 0 || (fd->flags & ATTR_ZERO))
				db_bind_int64(st, i, n);
			else
				db_bind_null(st, i);
		} else {
			int n = *ENTITY_AT_C(obj, fd, int);
			if (n != 0 || (fd->flags & ATTR_ZERO) ||
			    fd->type == ATTR_BOOL)
				db_bind_int(st, i, n);
			else
				db_bind_null(st, i);
		}
		i++;
	}
	return i;
}

int
store_read_entity(struct db_stmt *st, int first, const struct entity *e,
    void *obj)
{
	int i = first;
	for (size_t k = 0; k < e->n; k++, i++) {
		const struct attr *fd = &e->attrs[k];
		if (entity_is_text(fd))
			*ENTITY_AT(obj, fd, const char *) = db_col_text(st, i);
		else if (fd->type == ATTR_INT64)
			*ENTITY_AT(obj, fd, int64_t) = db_col_int64(st, i);
		else if (fd->type == ATTR_DAY)
			*ENTITY_AT(obj, fd, date_t) = db_col_date(st, i);
		else if (fd->type == ATTR_LONG)
			*ENTITY_AT(obj, fd, long) = (long)db_col_int64(st, i);
		else
			*ENTITY_AT(obj, fd, int) = db_col_int(st, i);
	}
	return i;
}
