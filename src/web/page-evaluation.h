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
	 * page-evaluation.c's choices, "" for all (the older "show" is read
	 * into these). */
	const char *grade, *provisional, *verdict, *sort;
	long page;          /* of the table, from 1 */
};

/* Reads year, region, show and page from the query; answers with an
 * error page and returns -1 when one is bad. */
int page_evaluation_query(struct request *r, struct query *q);

/* The year's closure card (page-evaluation-closure.c): what is closed
 * of the region shown, and the office's forms; name(ctx, code) names a
 * region (NULL when unknown). */
struct buf;
void page_evaluation_closure(struct request *r, struct buf *b,
    const struct query *q, const char *(*name)(void *, const char *),
    void *ctx);

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
