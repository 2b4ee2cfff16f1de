/* An export's workbook through a temporary file (book.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fd.h"
#include "domain/book.h"

int
dom_book_open(struct dom_book *bk, const char *name, const char *title,
    const char *company)
{
	const char *dir = getenv("TMPDIR");
	*bk = (struct dom_book){ .fd = -1 };
	if (dir == NULL || *dir != '/' || strlen(dir) > 400)
		dir = "/tmp";
	snprintf(bk->path, sizeof bk->path, "%s/lvzhi-%s-XXXXXX", dir, name);
	if ((bk->fd = mkstemp(bk->path)) < 0)
		return -1;
	/* Its worksheets' own temporary files go to the same place. */
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE,
		.tmpdir = (char *)dir };
	if ((bk->wb = workbook_new_opt(bk->path, &opt)) == NULL ||
	    (bk->head = workbook_add_format(bk->wb)) == NULL ||
	    (bk->score = workbook_add_format(bk->wb)) == NULL)
		return -1;
	format_set_bold(bk->head);
	format_set_bg_color(bk->head, 0xEEF0F3);
	format_set_border(bk->head, LXW_BORDER_THIN);
	format_set_num_format(bk->score, "0.0");
	lxw_doc_properties props = { .title = (char *)title,
		.author = "履职 lvzhi", .company = (char *)company };
	workbook_set_properties(bk->wb, &props);
	return 0;
}

int
dom_book_end(struct dom_book *bk, char **data, size_t max, size_t *len)
{
	int rc = -1;
	if (data != NULL)
		*data = NULL;
	if (bk->wb != NULL) {
		lxw_error e = workbook_close(bk->wb);
		bk->wb = NULL;
		if (e == LXW_NO_ERROR && data != NULL &&
		    (*data = fd_slurp(bk->fd, max, len)) != NULL)
			rc = 0;
	}
	if (bk->fd >= 0) {
		close(bk->fd);
		unlink(bk->path);
		bk->fd = -1;
	}
	return rc;
}
