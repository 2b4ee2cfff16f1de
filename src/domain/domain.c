/* What every domain operation shares (domain.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "auth/password.h"
#include "base/date.h"
#include "base/sm3.h"
#include "domain/domain.h"

int
dom_refuse(struct dom *d, unsigned status, const char *title,
    const char *detail, const char *field)
{
	return fault_set(&d->fault, status, title, detail, field);
}

int
dom_fail(struct dom *d, int begun)
{
	const char *why = arena_strdup(d->arena, store_error(d->store));
	if (!begun)
		return dom_refuse(d, 503, "数据库忙,请重试", why, NULL);
	store_rollback(d->store);
	return dom_refuse(d, 500, "内部错误", why, NULL);
}

int
dom_audit(struct dom *d, const char *action, const char *kind,
    const char *id, const json_t *what)
{
	char digest[SM3_HEX_LEN] = "";
	char *text = what ? json_dumps(what, JSON_COMPACT | JSON_SORT_KEYS) :
	    NULL;
	int rc = text != NULL && sm3_hex(text, strlen(text), digest);
	free(text);
	if (rc)
		return -1;
	return audit_append(d->store, d->actor, action,
	    arena_printf(d->arena, "%s:%s", kind, id), 1, digest);
}

void
dom_now(char out[32])
{
	date_clock_now(out); /* the clock of date_today() (date.h) */
}

void *
dom_push(struct dom *d, void *v, size_t *n, size_t *cap, size_t size)
{
	void **vp = v;
	if (*n == *cap) {
		size_t more = *cap ? 2 * *cap : 16;
		void *grown = arena_alloc(d->arena, more * size);
		if (*n > 0)
			memcpy(grown, *vp, *n * size);
		*vp = grown;
		*cap = more;
	}
	void *slot = (char *)*vp + (*n)++ * size;
	memset(slot, 0, size);
	return slot;
}

void *
dom_next(struct dom_rows *w)
{
	return dom_push(w->d, &w->items, &w->n, &w->cap, w->size);
}

void
dom_copy(struct dom *d, const struct entity *e, const void *row, void *out,
    size_t size)
{
	memcpy(out, row, size);
	entity_copy(e, out, d->arena);
}

int
dom_keep(struct dom_rows *w, const void *row)
{
	dom_copy(w->d, w->e, row, dom_next(w), w->size);
	return 0;
}

const char *
dom_strdup(struct dom *d, const char *s)
{
	return s != NULL ? arena_strdup(d->arena, s) : NULL;
}

const char *
dom_new_id(struct dom *d, const char *prefix, int year)
{
	char hex[9];
	password_random_hex(hex, 4);
	return arena_printf(d->arena, "%s-%04d-%s", prefix, year, hex);
}

const char *
dom_new_row(struct dom *d, const char *prefix, int year, const char **by,
    const char **at)
{
	char now[32];
	dom_now(now);
	*by = d->user->name;
	*at = arena_strdup(d->arena, now);
	return dom_new_id(d, prefix, year);
}

int
dom_commit(struct dom *d, int rc)
{
	if (rc == 0 && store_commit(d->store) == 0)
		return 0;
	return dom_fail(d, 1);
}

int
dom_write(struct dom *d, int rc, const char *action, const char *kind,
    const char *id, json_t *what)
{
	rc = dom_commit(d, rc || dom_audit(d, action, kind, id, what));
	json_decref(what);
	return rc;
}

int
dom_text(struct dom *d, const char *field, const char *label,
    const char *s, int required, size_t max, const char **out)
{
	*out = NULL;
	if (s != NULL) {
		size_t n = strlen(s);
		while (n > 0 && strchr(" \t\r\n", *s) != NULL) {
			s++;
			n--;
		}
		while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
			n--;
		if (n > max)
			return dom_refuse(d, 400, arena_printf(d->arena, "%s过长,"
			    "最多 %zu 字节 (too long)", label, max), NULL,
			    field);
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') ||
			    c == 0x7F)
				return dom_refuse(d, 400, arena_printf(d->arena, "%s含有"
				    "不允许的控制字符 (control characters)",
				    label), NULL, field);
		}
		if (n > 0)
			*out = arena_printf(d->arena, "%.*s", (int)n, s);
	}
	if (required && *out == NULL)
		return dom_refuse(d, 400, arena_printf(d->arena, "请填写%s "
		    "(required)", label), NULL, field);
	return 0;
}

int
dom_own_organ(struct dom *d, const char **organ)
{
	const char *own = d->user->organ;
	if (own[0] == '\0')
		return 0;
	if (*organ != NULL && strcmp(*organ, own) != 0)
		return dom_refuse(d, 403, "无权查看该机构 (organ outside your "
		    "scope)", *organ, "organ");
	*organ = own;
	return 1;
}

/* The subtree's root comes first: its name is the region's. */
static int
first_region(void *ctx, const struct store_region *g)
{
	struct dom_rows *w = ctx;
	*(const char **)dom_next(w) = arena_strdup(w->d->arena, g->name);
	return 1;
}

int
dom_region_name(struct dom *d, const char *path, const char **name)
{
	struct dom_rows w = DOM_LIST(d, const char *);
	int rc = store_each_region_in(d->store, path, first_region, &w);
	*name = w.n > 0 ? *(const char **)w.items : NULL;
	return rc < 0 ? -1 : 0;
}
