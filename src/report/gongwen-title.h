/*
 * Where a 公文's 标题 breaks into lines (GB/T 9704-2012 7.3.1: 回行时,
 * 要做到词意完整, 排列对称, 长短适宜): at a point that means something
 * where one is near, else where the lines come out even; never inside a
 * number, never before closing or after opening punctuation, never one
 * or two characters alone on a line. Pure: the caller (gongwen.c)
 * measures the characters with pango.
 */
#ifndef LVZHI_GONGWEN_TITLE_H
#define LVZHI_GONGWEN_TITLE_H

#include <stddef.h>

/* The most characters a title is broken by meaning; a longer one is left
 * to the by-length breaking. */
#define GW_TITLE_CHARS 160
/* The most lines it is broken into so (more: by length). */
#define GW_TITLE_LINES 10

/*
 * text has n characters (n <= GW_TITLE_CHARS); at[i] is the byte offset
 * of character i (at[n]: the text's length), x[i] its left edge in
 * points on one line (x[n]: the whole width); max is a line's widest, em
 * a character's width. Sets brk[0..] to the characters the second and
 * later lines start at and returns how many (0: one line), choosing
 * the fewest lines that fit; -1 when no breaking fits in nbrk + 1 lines.
 */
int gongwen_title_breaks(const char *text, const size_t *at, const double *x,
    size_t n, double max, double em, size_t *brk, size_t nbrk);

#endif
