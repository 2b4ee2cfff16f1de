/* Scope filters of supervision listings (scope.h). */
#include <string.h>

#include "auth/scope.h"

/* Offices, inspectors and discipline officers: scoped by region. */
static int
regional(const struct principal *p)
{
	return p->role == ACCT_OFFICE || p->role == ACCT_INSPECTOR ||
	    p->role == ACCT_DISCIPLINE;
}

int
scope_of(const struct principal *p, struct store_sup_scope *sc)
{
	memset(sc, 0, sizeof *sc);
	if (p->role == ACCT_ADMIN)
		return 1;
	if (regional(p))
		sc->path = p->path[0] ? p->path : NULL;
	else if (p->role == ACCT_CLERK)
		sc->organ = p->organ[0] ? p->organ : NULL;
	else if (p->role == ACCT_LEADER) {
		sc->person = p->person[0] ? p->person : NULL;
		sc->person_organ = p->organ[0] ? p->organ : NULL;
	}
	return sc->path != NULL || sc->organ != NULL || sc->person != NULL;
}

int
scope_reads(const struct principal *p, const struct store_organ_info *o,
    const char *person)
{
	if (p->role != ACCT_LEADER)
		return access_can_read_organ(p, o);
	if (person != NULL)
		return p->person[0] != '\0' && strcmp(person, p->person) == 0;
	return p->organ_key != 0 && p->organ_key == o->key;
}

int
scope_sees_whole(const struct principal *p, const char *path)
{
	return (p->role == ACCT_ADMIN || regional(p)) &&
	    access_can_read_path(p, path);
}
