/*
 * Who may see and change what.
 *
 * A principal is a logged-in account with its role and scope: admin sees
 * everything; office (依法治X办), inspector and discipline a region's
 * subtree; clerk one organ; leader their own results. The checks here are
 * called where data is read and written (API handlers, pages, exports),
 * never only where links are drawn.
 */
#ifndef LVZHI_ACCESS_H
#define LVZHI_ACCESS_H

#include <stdint.h>

#include "store/store.h"

enum role_kind {
	ACCT_ADMIN,
	ACCT_OFFICE,
	ACCT_CLERK,
	ACCT_LEADER,
	ACCT_INSPECTOR,
	ACCT_DISCIPLINE,
	ACCT_COUNT
};

struct principal {
	int64_t key;
	char name[130];
	enum role_kind role;
	char region[16];     /* scope region code (office, inspector, ...) */
	char path[512];      /* its subtree path, "" for everything (admin) */
	char organ[130];     /* clerk (and optionally leader): their organ */
	int64_t organ_key;
	char person[130];    /* leader: their person id */
	int64_t person_key;
	int via_token;       /* authenticated by an API token, not a cookie */
	int must_change;     /* its password was reset: change it first */
};

/* Role from its name ("office"); returns 0 or -1. */
int access_role_parse(const char *name, enum role_kind *r);
const char *access_role_name(enum role_kind r);
const char *access_role_label(enum role_kind r); /* 依法治X办 ... */

/* Loads the account with key into p; 1, 0 (gone or disabled), -1. */
int access_load(struct store *s, int64_t key, struct principal *p);

/* The region subtree a principal's listings cover ("" = everything);
 * clerks and leaders are limited further by organ / person. */
const char *access_scope_path(const struct principal *p);

/* May p read / write records of organ o (from store_organ_info)? */
int access_can_read_organ(const struct principal *p,
    const struct store_organ_info *o);
int access_can_write_organ(const struct principal *p,
    const struct store_organ_info *o);
/* May p verify or reject records of o, and score duties there? */
int access_can_review_organ(const struct principal *p,
    const struct store_organ_info *o);
/* May p see the region subtree at path (evaluation, registry)? */
int access_can_read_path(const struct principal *p, const char *path);
/* Whether p may read the audit log (admin, provincial office). */
int access_audit_readable(const struct principal *p);

#endif
