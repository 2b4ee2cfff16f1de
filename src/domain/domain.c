/* What every domain operation shares (domain.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
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
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
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
