/* Lookups by name for the pickers (lookup.h). */
#include <stdio.h>
#include <string.h>

#include "domain/lookup.h"

#define LOOKUP_DEFAULT 20

/* The store's filter for in within d's scope: 0, or -1 with the fault.
 * path and organ keep the strings f points to. */
static int
scope(struct dom *d, const struct lookup_in *in, struct store_lookup *f,
    char path[512])
{
	const struct principal *u = d->user;
	*f = (struct store_lookup){ .q = in->q, .id = in->id,
		.limit = in->limit > 0 ? in->limit : LOOKUP_DEFAULT,
		.name = in->name, .place = in->place };
	if (u->role != ACCT_ADMIN && u->path[0] == '\0')
		return dom_refuse(d, 403, "账号未设定地区范围 (no scope)", NULL,
		    NULL);
	snprintf(path, 512, "%s", u->path);
	if (in->region != NULL && *in->region != '\0') {
		int rc = store_region_path(d->store, in->region, path, 512);
		if (rc < 0)
			return dom_fail(d, 0);
		if (rc == 0)
			return dom_refuse(d, 404, "地区不存在 (no such region)",
			    in->region, "region");
		if (!access_can_read_path(u, path))
			return dom_refuse(d, 403, "该地区不在您的权限范围内 "
			    "(region outside your scope)", in->region, "region");
	}
	f->path = path;
	if (in->organ != NULL && *in->organ != '\0') {
		struct store_organ_info o;
		int rc = store_organ_info(d->store, in->organ, &o);
		if (rc < 0)
			return dom_fail(d, 0);
		if (rc == 0)
			return dom_refuse(d, 404, "机构不存在 (no such organ)",
			    in->organ, "organ");
		if (!access_can_read_organ(u, &o))
			return dom_refuse(d, 403, "该机构不在您的权限范围内 "
			    "(organ outside your scope)", in->organ, "organ");
		f->organ = in->organ;
	}
	/* A clerk or a leader looks in their own organ only. */
	if (u->role == ACCT_CLERK || u->role == ACCT_LEADER) {
		if (u->organ[0] == '\0')
			return dom_refuse(d, 403, "账号未设定机构 (no organ)",
			    NULL, NULL);
		f->organ = u->organ;
	}
	return 0;
}

static int
answer(struct dom *d, int rc)
{
	return rc < 0 ? dom_fail(d, 0) : 0;
}

int
lookup_people(struct dom *d, const struct lookup_in *in,
    int (*cb)(void *, const struct store_person_hit *), void *ctx)
{
	struct store_lookup f;
	char path[512];
	if (scope(d, in, &f, path))
		return -1;
	return answer(d, store_lookup_people(d->store, &f, cb, ctx));
}

int
lookup_organs(struct dom *d, const struct lookup_in *in,
    int (*cb)(void *, const struct store_organ_hit *), void *ctx)
{
	struct store_lookup f;
	char path[512];
	if (scope(d, in, &f, path))
		return -1;
	return answer(d, store_lookup_organs(d->store, &f, cb, ctx));
}

int
lookup_regions(struct dom *d, const struct lookup_in *in,
    int (*cb)(void *, const struct store_region *), void *ctx)
{
	struct store_lookup f;
	char path[512];
	if (scope(d, in, &f, path))
		return -1;
	return answer(d, store_lookup_regions(d->store, &f, cb, ctx));
}

/* Whether s ends with tail. */
static int
ends(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

/* The title of the one who leads an organ: 书记 of a party committee,
 * 区长 of a district's government, 局长 of a bureau, ... */
static const char *
title_of(const struct store_person_hit *h)
{
	static const char *const gov[][2] = {
		{ "省", "省长" }, { "市", "市长" }, { "州", "州长" },
		{ "区", "区长" }, { "县", "县长" }, { "镇", "镇长" },
		{ "乡", "乡长" }, { "街道", "主任" },
	};
	static const char *const dept[][2] = {
		{ "局", "局长" }, { "厅", "厅长" }, { "委员会", "主任" },
		{ "委", "主任" }, { "办公室", "主任" }, { "办", "主任" },
	};
	const char *kind = h->organ_kind ? h->organ_kind : "";
	if (strcmp(kind, "party_committee") == 0)
		return "书记";
	if (strcmp(kind, "government") == 0 && h->region_name != NULL) {
		for (size_t i = 0; i < sizeof gov / sizeof gov[0]; i++)
			if (ends(h->region_name, gov[i][0]))
				return gov[i][1];
	} else if (h->organ_name != NULL) {
		for (size_t i = 0; i < sizeof dept / sizeof dept[0]; i++)
			if (ends(h->organ_name, dept[i][0]))
				return dept[i][1];
	}
	return NULL;
}

const char *
lookup_post(struct dom *d, const struct store_person_hit *h)
{
	if (h->organ_name == NULL)
		return "";
	int deputy = h->role != NULL && strcmp(h->role, "deputy") == 0;
	const char *title = title_of(h);
	return arena_printf(d->arena, "%s%s%s", h->organ_name,
	    deputy && title ? "副" : "", title ? title : deputy ? "副职" :
	    "主要负责人");
}
