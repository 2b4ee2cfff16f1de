/*
 * A listing's page, shared by every list page ([workbench] item 4): what
 * the query asks (page, size, order), and the pieces drawn around the
 * table: the total, the column heads that sort, the pager. The rows
 * themselves are read a page at a time by the store (store.h,
 * "listings"); an order is one of the listing's own keys, and a key not
 * among them is ignored here as it is there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

void
web_list_read(struct request *r, struct web_list *l, const char *path,
    const char *const *keep, const char *const *sorts, int first_desc)
{
	const char *v;
	*l = (struct web_list){ .path = path, .keep = keep, .sorts = sorts,
		.page = 1, .per_page = 50, .desc = first_desc };
	if ((v = req_query(r, "page")) != NULL && (l->page = atoi(v)) < 1)
		l->page = 1;
	/* Past the counted pages only an exact count could say what is
	 * there: a page is at most the cap's. */
	if (l->page > STORE_COUNT_CAP)
		l->page = STORE_COUNT_CAP;
	if ((v = req_query(r, "per_page")) != NULL) {
		l->per_page = atoi(v);
		if (l->per_page < 1)
			l->per_page = 50;
		if (l->per_page > 200)
			l->per_page = 200;
	}
	l->sort = sorts != NULL ? sorts[0] : NULL;
	v = req_query(r, "sort");
	for (size_t i = 0; v != NULL && sorts != NULL && sorts[i]; i++)
		if (strcmp(v, sorts[i]) == 0) {
			l->sort = sorts[i];
			l->asked = 1;
			v = req_query(r, "dir");
			if (v != NULL && strcmp(v, "asc") == 0)
				l->desc = 0;
			else if (v != NULL && strcmp(v, "desc") == 0)
				l->desc = 1;
			break;
		}
}

long
web_page_number(const char *s, long last)
{
	if (s == NULL || *s == '\0')
		return 1;
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	return *end == '\0' && errno == 0 && *s >= '0' && *s <= '9' &&
	    n >= 1 && n <= last ? n : 0;
}

struct store_page
web_list_page(const struct web_list *l)
{
	return (struct store_page){ .offset = (l->page - 1) * l->per_page,
		.limit = l->per_page, .sort = l->sort, .desc = l->desc };
}

/* The listing's URL with its filters but the one named skip (NULL:
 * none) and, unless NULL, the order; '&' raw (print it with %s, which
 * makes it &amp;). Ends with '?' or '&', ready for one more parameter. */
static const char *
link_but(struct request *r, const struct web_list *l, const char *skip,
    const char *sort, int desc)
{
	struct buf q;
	buf_init(&q, 8192);
	buf_printf(&q, "%s?", l->path);
	for (size_t i = 0; l->keep != NULL && l->keep[i] != NULL; i++) {
		const char *v = req_query(r, l->keep[i]);
		if (skip != NULL && strcmp(l->keep[i], skip) == 0)
			continue;
		if (v != NULL && *v != '\0')
			buf_printf(&q, "%s=%s&", l->keep[i], html_q(r->arena, v));
	}
	if (l->per_page != 50)
		buf_printf(&q, "per_page=%d&", l->per_page);
	if (sort != NULL)
		buf_printf(&q, "sort=%s&dir=%s&", html_q(r->arena, sort),
		    desc ? "desc" : "asc");
	const char *s = arena_strdup(r->arena, q.data ? q.data : "");
	buf_free(&q);
	return s;
}

static const char *
link(struct request *r, const struct web_list *l, const char *sort,
    int desc)
{
	return link_but(r, l, NULL, sort, desc);
}

const char *
web_list_without(struct request *r, const struct web_list *l,
    const char *key)
{
	return link_but(r, l, key, l->asked ? l->sort : NULL, l->desc);
}

const char *
web_list_query(struct request *r, const struct web_list *l)
{
	const char *s = link(r, l, l->asked ? l->sort : NULL, l->desc) +
	    strlen(l->path) + 1;
	char *q = arena_strdup(r->arena, s);
	size_t n = strlen(q);
	if (n > 0)
		q[n - 1] = '\0'; /* link's last '&' */
	return q;
}

void
html_list_total(struct buf *b, const struct web_list *l, const char *noun)
{
	if (l->total > STORE_COUNT_CAP)
		html_fmt(b, "<span class=\"muted list-total\">共 %d万+ 条%s</span>",
		    STORE_COUNT_CAP / 10000, noun ? noun : "");
	else
		html_fmt(b, "<span class=\"muted list-total\">共 %ld 条%s</span>",
		    l->total, noun ? noun : "");
}

void
html_sort_head(struct buf *b, struct request *r, const struct web_list *l,
    const char *key, const char *label, const char *cls, int first_desc)
{
	int on = l->sort != NULL && strcmp(l->sort, key) == 0;
	/* A click on the column in force turns its order; on another, that
	 * column's own first order (newest first for a date). */
	int desc = on ? !l->desc : first_desc;
	html_fmt(b, "<th%s%s%s scope=\"col\"", cls ? " class=\"" : "",
	    cls ? cls : "", cls ? "\"" : "");
	if (on)
		html_fmt(b, " aria-sort=\"%s\"", l->desc ? "descending" :
		    "ascending");
	html_fmt(b, "><a class=\"sort\" href=\"%s\" title=\"按%s%s排列\">%s"
	    "<span aria-hidden=\"true\">%s</span></a></th>",
	    link(r, l, key, desc), label, desc ? "降序" : "升序", label,
	    on ? (l->desc ? " ▼" : " ▲") : "");
}

/* One page's link in the pager. */
static void
page_link(struct buf *b, const char *base, int page, int current)
{
	if (page == current)
		html_fmt(b, "<a href=\"%spage=%d\" aria-current=\"page\">%d</a>",
		    base, page, page);
	else
		html_fmt(b, "<a href=\"%spage=%d\">%d</a>", base, page, page);
}

void
html_pager(struct buf *b, struct request *r, const struct web_list *l)
{
	long counted = l->total > STORE_COUNT_CAP ? STORE_COUNT_CAP : l->total;
	long pages = (counted + l->per_page - 1) / l->per_page;
	int more = l->total > STORE_COUNT_CAP; /* rows past the count */
	if (pages <= 1 && l->page <= 1 && !more)
		return;
	if (pages < l->page)
		pages = l->page;
	const char *base = link(r, l, l->asked ? l->sort : NULL, l->desc);
	html_fmt(b, "<nav class=\"pager\" aria-label=\"分页\">");
	if (l->page > 1)
		html_fmt(b, "<a href=\"%spage=%d\" rel=\"prev\">上一页</a>", base,
		    l->page - 1);
	/* The first, the last and two either side of the current page. */
	long shown = 0;
	for (long p = 1; p <= pages; p++) {
		if (p != 1 && p != pages && (p < l->page - 2 || p > l->page + 2)) {
			if (shown != -1)
				html_fmt(b, "<span aria-hidden=\"true\">…</span>");
			shown = -1;
			continue;
		}
		page_link(b, base, (int)p, l->page);
		shown = p;
	}
	if (l->page < pages || (more && l->page == pages))
		html_fmt(b, "<a href=\"%spage=%d\" rel=\"next\">下一页</a>", base,
		    l->page + 1);
	html_fmt(b, "<span class=\"muted\">第 %d 页,共 %ld%s 页</span></nav>",
	    l->page, pages, more ? "+" : "");
}

FILE *
page_csv_open(struct request *r, char **text, size_t *len)
{
	*text = NULL;
	*len = 0;
	FILE *out = open_memstream(text, len);
	if (out == NULL) {
		page_error(r, 500, "内部错误:内存不足");
		return NULL;
	}
	/* A byte order mark, or Excel reads the Chinese as a legacy code
	 * page. */
	fputs("\xEF\xBB\xBF", out);
	return out;
}
