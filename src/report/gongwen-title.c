/*
 * The title's line breaks (gongwen-title.h), by dynamic programming over
 * the places a line may start: a line's cost is how far its width is
 * from an even share (half a point per character's width) plus what
 * breaking before it costs. The costs are this project's interpretation
 * of 词意完整 (the standard gives no rule), ranked by what offices do:
 * - before 关于: the issuing organ on one line, the subject on the next
 *   (贵阳市南明区人民政府 / 关于…的报告), free;
 * - after 》, 、 or ，, or before 《: a phrase ends there, 2;
 * - after a 的 (关于…的 / 通知), or before the 的 of the 文种 at the end
 *   (…工作 / 的通知): 3;
 * - anywhere else (between two characters of what may be one word): 8.
 */
#include "report/gongwen-title.h"

#include <math.h>
#include <string.h>

#define SHARE_WEIGHT 0.5
#define MIN_CHARS 3 /* never one or two characters alone on a line */
#define LINES_MORE 2 /* lines tried past the fewest the width needs */

/* The 文种 (GB/T 9704 and the 条例's kinds) a title ends with. */
static const char *const kinds[] = { "通知", "报告", "意见", "决定", "通报",
	"请示", "批复", "函", "纪要", "方案", "办法", "规定", "决议", "公告",
	"通告", "议案", "命令", "公报" };

static int
starts(const char *s, const char *with)
{
	return strncmp(s, with, strlen(with)) == 0;
}

static int
ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Whether p (a character's start) is one of the UTF-8 characters in set. */
static int
one_of(const char *p, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (starts(p, set[i]))
			return 1;
	return 0;
}

/* What breaking before character i costs; HUGE_VAL: never. */
static double
cost_before(const char *text, const size_t *at, size_t i)
{
	static const char *const closing[] = { "，", "。", "、", "；", "：",
		"？", "！", "）", "》", "」", "』", "”", "’", "〕", "】", "…",
		"—", ")", ",", ".", ";", ":" };
	static const char *const opening[] = { "（", "《", "「", "『", "“",
		"‘", "〔", "【", "(" };
	static const char *const phrase_end[] = { "》", "、", "，" };
	const char *prev = text + at[i - 1], *next = text + at[i];
	if (ascii_alnum((unsigned char)*prev) && ascii_alnum((unsigned
	    char)*next))
		return HUGE_VAL; /* inside 2025 */
	if (one_of(next, closing, sizeof closing / sizeof *closing) ||
	    one_of(prev, opening, sizeof opening / sizeof *opening))
		return HUGE_VAL;
	if (starts(next, "关于"))
		return 0;
	if (one_of(prev, phrase_end, sizeof phrase_end / sizeof *phrase_end) ||
	    starts(next, "《"))
		return 2;
	if (starts(prev, "的"))
		return 3;
	if (starts(next, "的"))
		for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
			if (strcmp(next + strlen("的"), kinds[k]) == 0)
				return 3;
	return 8;
}

int
gongwen_title_breaks(const char *text, const size_t *at, const double *x,
    size_t n, double max, double em, size_t *brk, size_t nbrk)
{
	double pen[GW_TITLE_CHARS + 1];
	double best[GW_TITLE_LINES + 1][GW_TITLE_CHARS + 1];
	size_t from[GW_TITLE_LINES + 1][GW_TITLE_CHARS + 1];
	if (n > GW_TITLE_CHARS || n == 0)
		return -1;
	if (x[n] <= max)
		return 0;
	for (size_t i = 1; i < n; i++)
		pen[i] = cost_before(text, at, i);
	size_t fewest = (size_t)ceil(x[n] / max);
	for (size_t k = fewest; k <= fewest + LINES_MORE && k <= nbrk + 1 &&
	    k <= GW_TITLE_LINES; k++) {
		double share = x[n] / (double)k;
		/* best[j][i]: the least cost of characters [0, i) as j lines,
		 * the last ending at i. */
		for (size_t j = 0; j <= k; j++)
			for (size_t i = 0; i <= n; i++)
				best[j][i] = HUGE_VAL;
		best[0][0] = 0;
		for (size_t j = 1; j <= k; j++)
			for (size_t i = MIN_CHARS * j; i <= n; i++) {
				if (i < n && pen[i] == HUGE_VAL)
					continue;
				for (size_t a = i - MIN_CHARS + 1; a-- > 0;) {
					double w = x[i] - x[a];
					if (w > max)
						break;
					if (best[j - 1][a] == HUGE_VAL)
						continue;
					double c = best[j - 1][a] + SHARE_WEIGHT *
					    fabs(w - share) / em + (i < n ? pen[i] :
					    0);
					if (c < best[j][i]) {
						best[j][i] = c;
						from[j][i] = a;
					}
				}
			}
		if (best[k][n] == HUGE_VAL)
			continue;
		size_t i = n;
		for (size_t j = k; j > 1; j--) {
			i = from[j][i];
			brk[j - 2] = i;
		}
		return (int)k - 1;
	}
	return -1;
}
