/*
 * Internal to the 问责 pages (page-cases.c: the listing and the form that
 * opens a case; page-case.c: one case): the pieces both draw or read.
 */
#ifndef LVZHI_PAGE_CASES_H
#define LVZHI_PAGE_CASES_H

#include "http/http.h"

/* Bytes a 问责 page may grow to. */
#define CASES_PAGE_MAX (4u << 20)

struct case_view;
struct case_upload;
struct dom;
struct fault;

/* A posted form value without surrounding blanks (request-owned); NULL
 * when absent or empty. */
const char *page_cases_posted(struct request *r, const char *name);
/* The form's value of name for case_input_form (ctx: the request): the
 * posted text; a result chosen empty is "", so it is refused by name. */
const char *page_cases_get(void *ctx, const char *name);
/* The uploaded file stored (within the quota) into *f: 0, or -1 having
 * answered. */
int page_cases_upload(struct request *r, struct dom *d,
    struct case_upload *f);
/* The refused write's fault as an alert. */
void page_cases_problem(struct request *r, struct buf *b,
    const struct fault *why);
/* The notice after a write that redirected with ?ok=... */
void page_cases_notice(struct request *r, struct buf *b);
/* "剩 12 天", "今日到期", "已过 3 天" as a tag. */
void page_cases_days_left(struct buf *b, int n);
/* A case's state as a tag. */
void page_cases_state_tag(struct buf *b, const struct case_view *v);
/* A case's source reference as people read it: "eval:YEAR:PERSON:DUTY"
 * as "2025年度考评 · 张三(…) · 第七条… 职责", "report:YEAR:PERSON" as
 * "2025年 · 张三(…)", another (a document number typed) as it is; NULL
 * for none or a malformed eval: reference. */
const char *page_cases_source_text(struct request *r, struct dom *d,
    const char *ref);
/* A case's readable number with its region: "南明区〔2026〕3号". */
struct store_case;
const char *page_case_number(struct request *r, const struct store_case *c);

#endif
