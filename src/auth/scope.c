/* Scope filters of supervision listings (scope.h). */
#include <string.h>

#include "auth/scope.h"

int
scope_of(const struct principal *p, struct store_sup_scope *sc)
{
	memset(sc, 0, sizeof *sc);
	switch (p->role) {
	case ACCT_ADMIN:
		return 1;
	case ACCT_OFFICE:
	case ACCT_INSPECTOR:
	case ACCT_DISCIPLINE:
		if (p->path[0] == '\0')
			return 0;
		sc->path = p->path;
		return 1;
	case ACCT_CLERK:
		if (p->organ[0] == '\0')
			return 0;
		sc->organ = p->organ;
		return 1;
	case ACCT_LEADER:
		if (p->person[0] == '\0')
			return 0;
		sc->person = p->person;
		sc->person_organ = p->organ[0] ? p->organ : NULL;
		return 1;
	default:
		return 0;
	}
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
	enum role_kind role = p->role;
	return (role == ACCT_ADMIN || role == ACCT_OFFICE ||
	    role == ACCT_INSPECTOR || role == ACCT_DISCIPLINE) &&
	    access_can_read_path(p, path);
}
