/* Internal to the 年度考评 pages: the query they share. */
#ifndef LVZHI_PAGE_EVALUATION_H
#define LVZHI_PAGE_EVALUATION_H

#include "http/http.h"

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

#endif
