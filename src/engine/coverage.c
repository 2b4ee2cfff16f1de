#include "engine/coverage.h"

#include <string.h>

int
coverage_of(const char *organ_kind, const char *region_level,
    enum role *role, enum coverage *coverage)
{
	int township = strcmp(region_level, "township") == 0;
	if (strcmp(organ_kind, "party_committee") == 0)
		*role = ROLE_PARTY;
	else if (strcmp(organ_kind, "government") == 0)
		*role = ROLE_GOVERNMENT;
	else if (strcmp(organ_kind, "department") == 0 && !township)
		*role = ROLE_DEPARTMENT;
	else
		return 0;
	*coverage = township || *role == ROLE_DEPARTMENT ? COVERAGE_REFERENCE
	    : COVERAGE_DIRECT;
	return 1;
}

const char *
coverage_name(enum coverage c)
{
	return c == COVERAGE_DIRECT ? "direct" : "reference";
}

const char *
coverage_label(enum coverage c)
{
	return c == COVERAGE_DIRECT ? "直接适用" : "参照执行";
}
