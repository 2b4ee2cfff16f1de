/*
 * What the supervision pages share (page-supervision.c, page-inspection.c,
 * page-rectification.c, page-notice.c): forms read by the entity's table
 * into the struct the domain's operation takes (domain/supervision.h), so
 * a form accepts exactly what the API does; the tags that mark an
 * order's state and 逾期; and the pickers the forms draw.
 */
#ifndef LVZHI_PAGE_SUPERVISION_H
#define LVZHI_PAGE_SUPERVISION_H

#include "domain/supervision.h"
#include "web/web.h"

#define SUP_PAGE_MAX (4u << 20)

/* The posted form read by e's table into obj (values without
 * surrounding blanks), with d filled for r (req_dom): 0, or -1 with
 * every field's fault in d->fault. */
int page_sup_read(struct request *r, struct dom *d, const struct entity *e,
    void *obj);
/* An operation's refusal as an error page; clears d->fault. */
void page_sup_refuse(struct request *r, struct dom *d);
/* The supervision forms' writes: each reads its form by its entity's
 * table, runs the domain's operation (on the path's {id} where it names
 * one), and refuses as an error page or redirects to what it wrote. */
enum page_sup_write {
	SUP_WRITE_INSPECTION,     /* POST /supervision/inspections */
	SUP_WRITE_FINDING,        /* .../inspections/{id}/findings */
	SUP_WRITE_RECTIFICATION,  /* POST /supervision/rectifications */
	SUP_WRITE_RECT_MOVE,      /* .../rectifications/{id}/status */
	SUP_WRITE_INTERVIEW,      /* POST /supervision/interviews */
	SUP_WRITE_INTERVIEW_HELD, /* .../interviews/{id}/held */
	SUP_WRITE_REFERRAL,       /* .../findings/{id}/referral */
};
void page_sup_write(struct request *r, enum page_sup_write w);
/* The posted fields named (NULL-terminated list) that are not blank, as
 * a JSON object of strings (a new reference). */
json_t *page_sup_form(struct request *r, const char *const *names);
/* The state of an order as a tag, and a red 逾期 tag when overdue. */
void page_sup_rect_tags(struct buf *b, const char *status,
    const char *label, int overdue);
/* Redirects to prefix (trusted text) followed by id (encoded, or NULL),
 * with ?ok=ok and #anchor (or NULL). */
void page_sup_redirect(struct request *r, const char *prefix,
    const char *id, const char *ok, const char *anchor);
/* A text as paragraphs, one per line. */
void page_sup_paragraphs(struct buf *b, const char *text);

/* A listing's rows being drawn into b (the overview's and the list
 * pages', page-sup-lists.c); d lists them (domain/supervision.h); n
 * counts the notices store_each_notice gives page_sup_notice_row. */
struct page_sup_rows {
	struct request *r;
	struct dom *d;
	struct buf *b;
	int n;
};
void page_sup_inspection_row(struct page_sup_rows *w,
    const struct store_inspection *in);
void page_sup_rect_row(struct page_sup_rows *w,
    const struct store_rectification *x);
void page_sup_interview_row(struct page_sup_rows *w,
    const struct store_interview *v);
int page_sup_notice_row(void *ctx, const struct store_notice *n);
/* The overview shows this many of each list, with a link to its page. */
#define SUP_OVERVIEW_ROWS 10
/* The link to a list's page under its overview rows: "查看全部 N 项". */
void page_sup_all(struct buf *b, const char *path, long total);

/* A select named "region" of the regions down to counties in r->user's
 * scope, selected chosen. Returns how many, or -1. */
int page_sup_region_picker(struct request *r, struct buf *b,
    const char *selected);
/* A day given as YYYY-MM-DD as people read it (2026年12月6日), in a;
 * "—" for NULL or blank. */
const char *page_sup_day(struct arena *a, const char *ymd);
/* The year the forms offer first: the last full year. */
int page_sup_year(void);
/* A history row's first cells (an order's here, a case's in page-case.c):
 * when (UTC, shown in Beijing time), what, and the state it moved from
 * (NULL: it stayed) and to, as labels. */
void page_history_cells(struct request *r, struct buf *b, const char *at,
    const char *action, const char *from, const char *to);

#endif
