/*
 * An Excel workbook of lvzhi's exports (libxlsxwriter), written through a
 * temporary file because libxlsxwriter writes only files: the rankings
 * (rankings.c) and the evaluation's export (web/page-evaluation-xlsx.c
 * may open its workbook so too).
 */
#ifndef LVZHI_DOMAIN_BOOK_H
#define LVZHI_DOMAIN_BOOK_H

#include <stddef.h>

#include <xlsxwriter.h>

struct dom_book {
	lxw_workbook *wb;
	lxw_format *head;  /* a header row: bold, shaded, bordered */
	lxw_format *score; /* a score: one decimal */
	int fd;
	char path[512];
};

/*
 * Opens bk in $TMPDIR (or /tmp) as "lvzhi-NAME-XXXXXX", its formats
 * made and its title, author and company set. Returns 0, or -1; either
 * way dom_book_end ends it.
 */
int dom_book_open(struct dom_book *bk, const char *name, const char *title,
    const char *company);
/*
 * Closes the workbook (when open) and removes its file; with data not
 * NULL, first reads its bytes (at most max, malloc'd) into *data and
 * *len. Returns 0, or -1 (*data NULL).
 */
int dom_book_end(struct dom_book *bk, char **data, size_t max, size_t *len);

#endif
