/*
 * Who did a step, where the step's own table has no column for it
 * (migration 10 on SQLite, 9 on PostgreSQL): the account that entered and
 * the one that last edited a record over HTTP (its reviewer must be
 * another), the accounts that locked and published a report, and the
 * files a case keeps beside its history (a cadre's written waiver of
 * 陈述和申辩). Slots SLOT_SEPARATION.. .
 */
#ifndef LVZHI_STORE_SEPARATION_H
#define LVZHI_STORE_SEPARATION_H

#include <stdint.h>

#include "store/store.h"

#define STORE_ACCOUNT_MAX 130 /* an account name's buffer */

/* Marks record id entered (create) or edited (!create) by account.
 * 0, or -1 (no such record, or a storage error). */
int store_record_author_set(struct store *s, const char *id,
    const char *account, int create);
/* Who entered and who last edited record id ("" when nobody over HTTP):
 * 1, 0 (no such record) or -1. */
int store_record_author(struct store *s, const char *id,
    char created_by[STORE_ACCOUNT_MAX], char edited_by[STORE_ACCOUNT_MAX]);

/* Marks report id locked (step "lock") or published ("publish") by
 * account. 0 or -1. */
int store_report_actor_set(struct store *s, const char *id,
    const char *step, const char *account);
/* Who locked and who published report id ("" when none): 1, 0, -1. */
int store_report_actors(struct store *s, const char *id,
    char locked_by[STORE_ACCOUNT_MAX], char published_by[STORE_ACCOUNT_MAX]);

struct store_case_file {
	int64_t key;
	const char *acase, *purpose, *sm3, *mime, *filename;
	const char *uploaded_by, *uploaded_at;
	int64_t size;
};
/* Keeps a file of case f->acase for f->purpose ("waiver"). 0 or -1. */
int store_case_file_add(struct store *s, const struct store_case_file *f);
/* The latest file of case id for purpose: 1 (cb called), 0, -1. */
int store_case_file(struct store *s, const char *id, const char *purpose,
    int (*cb)(void *, const struct store_case_file *), void *ctx);

#endif
