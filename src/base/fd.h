/*
 * Reading a whole file back from a descriptor: the spreadsheets are
 * written to a temporary file by libxlsxwriter, then answered whole.
 */
#ifndef LVZHI_FD_H
#define LVZHI_FD_H

#include <stddef.h>

/*
 * Reads the whole file at fd from its start into a new buffer (the
 * caller frees it) and sets *len; NULL on failure or past max bytes.
 */
char *fd_slurp(int fd, size_t max, size_t *len);

#endif
