/*
 * Chinese running text as a 公文 sets it (GB/T 15834 punctuation, GB/T
 * 15835 numbers): what people and the drafts type with a Western
 * keyboard's habits, normalised for print.
 */
#ifndef LVZHI_ZHTEXT_H
#define LVZHI_ZHTEXT_H

#include "base/buf.h"

/*
 * Appends s to out, normalised:
 *  - half-width , : ; ? ! that follow a Chinese character, or precede
 *    one, become full-width (,:;?!); "1,000" and "10:30" stay;
 *  - a pair of half-width parentheses in Chinese context (after a
 *    Chinese character or at a line's start, holding one, or followed
 *    by one) becomes full-width: "(1)" → "（1）"; so does a pair of
 *    double quotes, as “ and ”;
 *  - spaces between a Chinese character and a digit, a Latin letter or
 *    another Chinese character go: "关于 2025 年度" → "关于2025年度"
 *    (spaces between Latin words stay);
 *  - ISO dates standing alone become Chinese dates: "2027-02-04" →
 *    "2027年2月4日" (text_scan_refs's rule: a valid date, no letter,
 *    digit, '-' or '_' touching it).
 * Line breaks are kept. Bytes that are not UTF-8 become U+FFFD.
 * Returns 0, or -1 when out's ceiling is reached.
 */
int zh_normalise(struct buf *out, const char *s);

/* The date in Chinese numerals: 二〇二六年十二月六日 (out: 64 bytes
 * suffice). */
void zh_date_numerals(int y, int m, int d, char *out, size_t size);

#endif
