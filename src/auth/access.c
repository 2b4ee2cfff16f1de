#include "auth/access.h"

#include <stdio.h>
#include <string.h>

static const char *const names[ACCT_COUNT] = { "admin", "office", "clerk",
	"leader", "inspector", "discipline" };
static const char *const labels[ACCT_COUNT] = { "系统管理员", "依法治理办公室",
	"台账录入员", "主要负责人", "督查人员", "纪检监察人员" };

int
access_role_parse(const char *name, enum role_kind *r)
{
	for (int i = 0; i < ACCT_COUNT; i++)
		if (strcmp(name, names[i]) == 0) {
			*r = (enum role_kind)i;
			return 0;
		}
	return -1;
}

const char *
access_role_name(enum role_kind r)
{
	return names[r];
}

const char *
access_role_label(enum role_kind r)
{
	return labels[r];
}

struct load {
	struct principal *p;
	int ok;
};

static int
fill(void *ctx, const struct store_account *a)
{
	struct load *l = ctx;
	struct principal *p = l->p;
	memset(p, 0, sizeof *p);
	p->key = a->key;
	snprintf(p->name, sizeof p->name, "%s", a->name);
	l->ok = !a->disabled && access_role_parse(a->role, &p->role) == 0;
	snprintf(p->region, sizeof p->region, "%s", a->region ? a->region : "");
	snprintf(p->organ, sizeof p->organ, "%s", a->organ ? a->organ : "");
	snprintf(p->person, sizeof p->person, "%s", a->person ? a->person : "");
	p->organ_key = a->organ_key;
	p->person_key = a->person_key;
	p->must_change = a->must_change;
	return 0;
}

int
access_load(struct store *s, int64_t key, struct principal *p)
{
	struct load l = { p, 0 };
	int rc = store_account_get(s, NULL, key, fill, &l);
	if (rc <= 0 || !l.ok)
		return rc < 0 ? -1 : 0;
	p->path[0] = '\0';
	if (p->region[0] != '\0') {
		rc = store_region_path(s, p->region, p->path, sizeof p->path);
		if (rc <= 0)
			return rc < 0 ? -1 : 0;
	} else if (p->organ[0] != '\0') {
		struct store_organ_info o;
		rc = store_organ_info(s, p->organ, &o);
		if (rc <= 0)
			return rc < 0 ? -1 : 0;
		snprintf(p->path, sizeof p->path, "%s", o.path);
	} else if (p->role != ACCT_ADMIN && p->role != ACCT_LEADER) {
		return 0; /* a scoped role without a scope sees nothing */
	}
	return 1;
}

const char *
access_scope_path(const struct principal *p)
{
	return p->path;
}

/* Whether path lies in the subtree at scope ("" is everything). */
static int
within(const char *scope, const char *path)
{
	return scope[0] == '\0' || strncmp(path, scope, strlen(scope)) == 0;
}

int
access_can_read_path(const struct principal *p, const char *path)
{
	switch (p->role) {
	case ACCT_ADMIN:
		return 1;
	case ACCT_OFFICE:
	case ACCT_INSPECTOR:
	case ACCT_DISCIPLINE:
		return p->path[0] != '\0' && within(p->path, path);
	case ACCT_CLERK:
	case ACCT_LEADER:
		/* Their region only, and within it their organ / themselves:
		 * callers filter results further. */
		return p->path[0] != '\0' && strcmp(p->path, path) == 0;
	default:
		return 0;
	}
}

/* As its region's path, but a clerk or a leader reads their own organ. */
int
access_can_read_organ(const struct principal *p,
    const struct store_organ_info *o)
{
	if (p->role == ACCT_CLERK || p->role == ACCT_LEADER)
		return p->organ_key != 0 && p->organ_key == o->key;
	return access_can_read_path(p, o->path);
}

int
access_can_write_organ(const struct principal *p,
    const struct store_organ_info *o)
{
	switch (p->role) {
	case ACCT_ADMIN:
		return 1;
	case ACCT_OFFICE:
		return p->path[0] != '\0' && within(p->path, o->path);
	case ACCT_CLERK:
		return p->organ_key != 0 && p->organ_key == o->key;
	default:
		return 0;
	}
}

int
access_can_review_organ(const struct principal *p,
    const struct store_organ_info *o)
{
	return (p->role == ACCT_ADMIN || p->role == ACCT_OFFICE) &&
	    access_can_write_organ(p, o);
}

/*
 * Entries are not tied to regions: only the administrator and a
 * provincial office (its scope path has one segment, "/520000/": the
 * whole province) read them. Returns 1 when p may.
 */
int
access_audit_readable(const struct principal *p)
{
	const char *path = access_scope_path(p);
	if (p->role == ACCT_ADMIN)
		return 1;
	return p->role == ACCT_OFFICE && path[0] != '\0' &&
	    strchr(path + 1, '/') == path + strlen(path) - 1;
}
