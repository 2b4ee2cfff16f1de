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
	const char *show;   /* which leaders the table lists: a shows[] id */
	long page;          /* of the table, from 1 */
};

/* Reads year, region, show and page from the query; answers with an
 * error page and returns -1 when one is bad. */
int page_evaluation_query(struct request *r, struct query *q);

#endif
