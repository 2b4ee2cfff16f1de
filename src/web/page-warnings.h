/*
 * The 整改预警 list, one for the dashboard's card and the 预警 page
 * (page-warnings.c): the rectification orders in the caller's scope that
 * are overdue or due within WARN_RECT_HORIZON days (the judgement of
 * src/engine/warn.c), overdue first.
 */
#ifndef LVZHI_PAGE_WARNINGS_H
#define LVZHI_PAGE_WARNINGS_H
#include "engine/warn.h"
#include "web/web.h"

/* The orders as of today into l (initialised here in r's arena;
 * warn_list_free it whatever the answer): 1, 0 when the account sees
 * no orders (l empty), or -1 with the cause in store_error(). */
int page_rect_warnings_load(struct request *r, date_t today,
    struct warn_list *l);
/* Their card (id rect-warnings): how many, the first shown of them (0:
 * all) each linked to its order, and the link to all the orders. */
void page_rect_warnings_card(struct request *r, struct buf *b,
    const struct warn_list *l, size_t shown);
#endif
