/*
 * The marks of values: what the regulation says, and what lvzhi reads
 * into it.
 *
 * A value the text gives carries 〔原文:…〕 with the text's words, which
 * must stand in the regulation as the catalog quotes it; a value it does
 * not give carries 〔解释:…〕 with its basis, which names a document and
 * its article or says that it is lvzhi's default for the interpreting
 * office to decide (第十一条). The parser (catalog-parse.c) cuts the marks
 * off the values and checks them with the functions here; the engine, the
 * pages and `rules show` look them up to tell the two apart.
 */
#include "rules/catalog-int.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

#define OPEN "〔"
#define CLOSE "〕"

static int
starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(s, prefix, n) == 0;
}

int
basis_split(const char *s, size_t len, size_t *vlen, size_t *m0, size_t *m1,
    enum basis_source *src)
{
	size_t cl = strlen(CLOSE), ol = strlen(OPEN);
	if (len < ol + cl || memcmp(s + len - cl, CLOSE, cl) != 0)
		return 0;
	/* The last opening bracket: a value may hold brackets of its own. */
	size_t open = len;
	for (size_t i = 0; i + ol <= len - cl; i++)
		if (memcmp(s + i, OPEN, ol) == 0)
			open = i;
	if (open == len)
		return 0;
	const char *in = s + open + ol;
	size_t inlen = len - cl - open - ol;
	if (starts(in, inlen, "原文"))
		*src = BASIS_TEXT;
	else if (starts(in, inlen, "解释"))
		*src = BASIS_INTERPRETATION;
	else
		return 0; /* a bracket of the value, such as 〔2020〕 */
	size_t v = open;
	while (v > 0 && (s[v - 1] == ' ' || s[v - 1] == '\t'))
		v--;
	*vlen = v;
	size_t i = strlen("原文");
	if (starts(in + i, inlen - i, ":"))
		i += 1;
	else if (starts(in + i, inlen - i, "："))
		i += strlen("：");
	else
		return -1;
	while (i < inlen && in[i] == ' ')
		i++;
	size_t j = inlen;
	while (j > i && in[j - 1] == ' ')
		j--;
	if (j == i)
		return -1;
	*m0 = (size_t)(in - s) + i;
	*m1 = (size_t)(in - s) + j;
	return 1;
}

/* Whether s starts with an article number 第…条 in Chinese or Arabic
 * numerals; *n gets its length in bytes. */
static int
article(const char *s, size_t *n)
{
	static const char *const digits[] = { "〇", "零", "一", "二", "三", "四",
		"五", "六", "七", "八", "九", "十", "百", "千" };
	if (!starts(s, strlen(s), "第"))
		return 0;
	size_t i = strlen("第"), count = 0;
	for (;;) {
		size_t step = 0;
		if (s[i] >= '0' && s[i] <= '9')
			step = 1;
		for (size_t d = 0; step == 0 && d < sizeof digits / sizeof *digits;
		    d++)
			if (starts(s + i, strlen(s + i), digits[d]))
				step = strlen(digits[d]);
		if (step == 0)
			break;
		i += step;
		count++;
	}
	if (count == 0 || !starts(s + i, strlen(s + i), "条"))
		return 0;
	*n = i + strlen("条");
	return 1;
}

const char *
basis_check(const char *basis)
{
	static const char *const defaults[] = { CATALOG_DEFAULT_BASIS,
		"本系统默认，由依法治省办确定" };
	for (size_t i = 0; i < 2; i++)
		if (starts(basis, strlen(basis), defaults[i]))
			return NULL;
	const char *open = strstr(basis, "《");
	const char *close = open ? strstr(open, "》") : NULL;
	size_t n;
	if (open != NULL && close != NULL && close > open + strlen("《") &&
	    article(close + strlen("》"), &n))
		return NULL;
	return "an interpretation names its basis: a document and its "
	    "article (《…》第…条) or " CATALOG_DEFAULT_BASIS;
}

/* Whether needle (n bytes) occurs in hay[0..len). */
static int
contains(const char *hay, size_t len, const char *needle, size_t n)
{
	for (size_t i = 0; n > 0 && i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

int
basis_in_text(const char *src, size_t len, const char *quote)
{
	size_t q = strlen(quote);
	if (starts(quote, q, "“") && q > 2 * strlen("“") &&
	    memcmp(quote + q - strlen("”"), "”", strlen("”")) == 0) {
		quote += strlen("“");
		q -= strlen("“") + strlen("”");
	}
	const char *s = src, *end = src + len;
	int fence = 0;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		if (n >= 3 && memcmp(s, "```", 3) == 0)
			fence = !fence;
		else if (!fence && n > 0 && s[0] != '#' && s[0] != '>' &&
		    contains(s, n, quote, q))
			return 1;
		s = nl ? nl + 1 : end;
	}
	return 0;
}

void
basis_free(struct catalog_basis *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].field);
		free(v[i].value);
		free(v[i].basis);
	}
	free(v);
}

static const struct catalog_basis *
find(const struct catalog_basis *v, size_t n, const char *field)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].field, field) == 0)
			return &v[i];
	return NULL;
}

const struct catalog_basis *
catalog_rule_basis(const struct catalog_rule *r, const char *field)
{
	return find(r->bases, r->nbases, field);
}

const struct catalog_basis *
catalog_ruleset_basis(const struct catalog *c, const char *field)
{
	return find(c->bases, c->nbases, field);
}

const struct catalog_basis *
catalog_rule_interp(const struct catalog_rule *r, const char *field)
{
	const struct catalog_basis *b = catalog_rule_basis(r, field);
	return b != NULL && b->source == BASIS_INTERPRETATION ? b : NULL;
}

const struct catalog_basis *
catalog_ruleset_interp(const struct catalog *c, const char *field)
{
	const struct catalog_basis *b = catalog_ruleset_basis(c, field);
	return b != NULL && b->source == BASIS_INTERPRETATION ? b : NULL;
}

const char *
catalog_basis_source_name(enum basis_source s)
{
	return s == BASIS_TEXT ? "text" : "interpretation";
}

const char *
catalog_key_label(const char *key)
{
	static const struct name_label labels[] = {
		{ "grade-excellent", "优秀分数线" },
		{ "grade-pass", "合格分数线" },
		{ "grade-basic-pass", "基本合格分数线" },
		{ "min-segment-days", "最短考评期间天数" },
		{ "scale", "满分" },
		{ "effective", "施行日期" },
		{ "until", "停止施行日期" },
		{ "weight", "权重" },
		{ "min", "每年至少次数" },
		{ "due", "截止日期" },
		{ "about", "所属年度" },
		{ "window", "考评期间" },
		{ "require-all", "须包括" },
		{ "require-true", "须为“是”" },
		{ "require-date", "须填写日期" },
		{ "steps", "法定程序" },
		{ "before", "程序先后" },
		{ "last", "最后环节" },
		{ "veto", "一票否决" },
		{ "match", "认定对象" },
		{ "where", "限定条件" },
		{ "coverage", "适用范围" },
		{ "binds", "适用对象" },
	};
	size_t n = sizeof labels / sizeof *labels;
	return label_of(labels, n, name_find(labels, n, key), key);
}
