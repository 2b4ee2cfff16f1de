/* Internal to the 年度考评 pages: the query they share. */
#ifndef LVZHI_PAGE_EVALUATION_H
#define LVZHI_PAGE_EVALUATION_H

#include "http/http.h"
#include "store/store-evalset.h"

/* The largest download the pages build in memory. */
#define EXPORT_MAX (256u << 20)

struct query {
	int year;
	const char *region; /* NULL: the account's scope */
	int first, last;    /* the years one may choose */
	/* Which leaders the table lists, and in which order: the keys of
	 * page-evaluation-query.c's choices, "" for all (the older "show"
	 * is read into these). */
	const char *grade, *provisional, *verdict, *sort;
	long page;          /* of the table, from 1 */
};

/* Reads year, region, show and page from the query; answers with an
 * error page and returns -1 when one is bad. */
int page_evaluation_query(struct request *r, struct query *q);

/* ---- the query (page-evaluation-query.c) ---- */

struct buf;
/* The filters and order of a form or query (get: req_query or
 * req_form) into q; NULL, or the Chinese name of the field at fault. */
const char *page_eval_filters_read(struct request *r,
    const char *(*get)(struct request *, const char *), struct query *q);
/* Whether q narrows the table (a grade, grade status or verdict). */
int page_eval_filtered(const struct query *q);
/* The page's address for q at page: sep is "&amp;" inside HTML and "&"
 * in a Location header; every value percent-encoded. */
void page_eval_query_link(struct buf *b, const struct query *q, long page,
    const char *sep);
/* The same as hidden inputs of a form that comes back to the page. */
void page_eval_query_hidden(struct buf *b, const struct query *q);

/* The regions the account may evaluate, its own first, each with its
 * depth below the first (for the select's indent). */
struct page_eval_region {
	const char *code, *name;
	int depth;
};
struct page_eval_regions {
	struct request *r;
	struct page_eval_region *v;
	size_t n;
	int subtree; /* the role sees below its own region */
};
/* 0, or -1 on a storage error. */
int page_eval_regions_load(struct request *r, struct page_eval_regions *rs);
/* A region's name among ctx's (a struct page_eval_regions), or NULL:
 * page_evaluation_closure's namer. */
const char *page_eval_region_name(void *ctx, const char *code);
/* What the summary names as q's scope: the region chosen, else all (the
 * administrator) or the account's own. */
const char *page_eval_scope_name(const struct request *r,
    const struct page_eval_regions *rs, const struct query *q);
/* The filter form: year, region, the filters and order, the downloads. */
void page_eval_filters(struct request *r, struct buf *b,
    const struct query *q, const struct page_eval_regions *rs);

/* The year's closure card (page-evaluation-closure.c): what is closed
 * of the region shown, and the office's forms; name(ctx, code) names a
 * region (NULL when unknown). */
struct buf;
void page_evaluation_closure(struct request *r, struct buf *b,
    const struct query *q, const char *(*name)(void *, const char *),
    void *ctx);

/* Before a close (page-evaluation-pending.c): the records of the scope
 * still awaiting verification in year, as a page that asks to close
 * anyway (posting confirmed=1): 1 when it answered so, 0 when none wait
 * (close at once), -1 after an error page. */
int page_evaluation_close_pending(struct request *r, int year,
    const char *region, const char *reason);

/* ---- marks (page-evaluation-marks.c), shared with the home page ---- */

#include "engine/eval.h"

/* A grade's words, "合格(暂定)" while provisional (arena a). */
const char *page_eval_grade_text(struct arena *a, enum grade g,
    int provisional);
/* The grade as a tag, marked while provisional. */
void page_eval_grade(struct request *r, struct buf *b,
    const struct eval_result *res);

/* How a duty's verdict reads beside the evaluation's own. */
enum page_eval_mark {
	PAGE_EVAL_AS_IS,
	PAGE_EVAL_PENDING,    /* unmet, its deadline still ahead: 期限未到 */
	PAGE_EVAL_UNVERIFIED, /* met on records awaiting review: 达标(待核实) */
};
enum page_eval_mark page_eval_mark_of(date_t today, int year,
    const struct eval_result *res, const struct eval_duty *d);
/* The verdict as a tag, with those marks. */
void page_eval_verdict(struct buf *b, date_t today, int year,
    const struct eval_result *res, const struct eval_duty *d);

/* 移送问责 for a 不合格 result, to the accounts that open cases: beside
 * one failed duty, or for the result (its vetoing duty, else its first
 * failed one). Nothing for anyone else. */
void page_eval_refer_duty(struct request *r, struct buf *b, int year,
    const struct eval_result *res, const struct eval_duty *d);
void page_eval_refer_result(struct request *r, struct buf *b, int year,
    const struct eval_result *res);
/* The leader columns of the downloads for people (CSV and XLSX alike):
 * Chinese headers and values, names not ids, dates as 2025年7月1日;
 * cells gets them for one result (in a). */
#define PAGE_EVAL_COLS 13
#define PAGE_EVAL_SCORE 7 /* the score's column */
extern const char *const page_eval_cols[PAGE_EVAL_COLS];
struct arena;
struct eval_result;
void page_eval_cells(struct arena *a, const struct eval_result *res,
    const char *out[PAGE_EVAL_COLS]);
/* q's filters and order as the store reads them. */
void page_evaluation_select(const struct query *q, struct store_evalfilter *f,
    enum store_evalsort *sort);
/* Every result of q's year and region the caller may see, filtered as
 * q says, in q's order, through emit (the downloads). 0, or -1 with the
 * fault in d. */
struct dom;
int page_evaluation_all(struct dom *d, const struct query *q,
    int (*emit)(void *, const struct eval_result *), void *ctx);

#endif
