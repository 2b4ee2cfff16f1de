/*
 * Internal to the 问责 pages (page-cases.c: the listing and the form that
 * opens a case; page-case.c: one case): the pieces both draw or read.
 */
#ifndef LVZHI_PAGE_CASES_H
#define LVZHI_PAGE_CASES_H

#include <jansson.h>

#include "http/http.h"

/* Bytes a 问责 page may grow to. */
#define CASES_PAGE_MAX (4u << 20)

/* A posted form value without surrounding blanks (request-owned); NULL
 * when absent or empty. */
const char *page_cases_posted(struct request *r, const char *name);
/* Sets key of o to the posted text of name when there is one (text that
 * is not UTF-8 is left out, so the API reports the field missing). */
void page_cases_put(struct request *r, json_t *o, const char *key,
    const char *name);
/* The refused write's problem (r->status, r->problem_*) as an alert. */
void page_cases_problem(struct request *r, struct buf *b);
/* The notice after a write that redirected with ?ok=... */
void page_cases_notice(struct request *r, struct buf *b);
/* "剩 12 天", "今日到期", "已过 3 天" as a tag. */
void page_cases_days_left(struct buf *b, json_int_t n);
/* A case's state (from its JSON) as a tag. */
void page_cases_state_tag(struct buf *b, json_t *c);
/* An <option>, selected when chosen equals value. */
void page_cases_option(struct buf *b, const char *value, const char *label,
    const char *chosen);

#endif
