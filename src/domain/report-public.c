/*
 * The check before a report goes to the public (report.h): its text may
 * not carry what belongs inside the system or judges a person.
 *
 * - A word in Latin letters and digits (r-0000143, nm-office, 520102-party)
 *   that names a row of the store: an internal id, or an account's login
 *   name. Only what the store holds is found, so a law's name in Latin
 *   letters or a year passes.
 * - A person's grade, score or verdict. What counts is this system's
 *   interpretation, not the regulation's (neither it nor the 政府信息公开
 *   条例 lists words): the catalog's grade labels (those of three
 *   characters anywhere, 优秀 and 合格 after 为 or 评 or before 等次, as
 *   "合格率" is common prose), the word 等次, 一票否决, 得分 and a number
 *   of points ("86.5 分" before punctuation), and the engine's verdict
 *   labels where the drafts put them (after ;, : or 为). A finding about a
 *   person is found by what names it: the finding's id, its determined
 *   record's, the case's (the annual draft leaves out the duties a
 *   finding decides, report-text.c); the duties' titles name the kinds
 *   of finding in any report, so the kinds' labels are not words to
 *   refuse.
 * - A drafting hint left in (REPORT_TODO).
 *
 * Every hit is kept with where it is, what was found and why, for the
 * office to see before it publishes (the page) and in the refusal.
 */
#include <string.h>

#include "domain/report.h"
#include "engine/eval.h"
#include "store/store-reports.h"

#define WORDS_MAX 1024  /* distinct words looked up in one report */
#define WORD_LEN 128

struct check {
	struct dom *d;
	const char *where;
	struct report_hit *hits;
	size_t n, cap;
	const char **seen;      /* words looked up already */
	int *kind;              /* and what each names (enum store_ref) */
	size_t nseen;
};

static int
hit(struct check *c, const char *found, size_t len, const char *why)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->hits[i].where, c->where) == 0 &&
		    strncmp(c->hits[i].found, found, len) == 0 &&
		    c->hits[i].found[len] == '\0' &&
		    strcmp(c->hits[i].why, why) == 0)
			return 0; /* once a place */
	arena_reserve(c->d->arena, &c->hits, c->n, &c->cap, sizeof *c->hits, 16);
	c->hits[c->n++] = (struct report_hit){ c->where,
		arena_printf(c->d->arena, "%.*s", (int)len, found), why };
	return 0;
}

static const char *const ref_why[STORE_REF_END] = {
	[STORE_REF_RECORD] = "系统内部编号(台账记录)",
	[STORE_REF_PERSON] = "系统内部编号(人员)",
	[STORE_REF_ORGAN] = "系统内部编号(机构)",
	[STORE_REF_TENURE] = "系统内部编号(任职)",
	[STORE_REF_ACCOUNT] = "系统账号名称",
	[STORE_REF_REPORT] = "系统内部编号(报告)",
	[STORE_REF_RECTIFICATION] = "系统内部编号(整改)",
	[STORE_REF_INTERVIEW] = "系统内部编号(约谈)",
	[STORE_REF_INSPECTION] = "系统内部编号(督查)",
	[STORE_REF_FINDING] = "系统内部编号(督查问题)",
	[STORE_REF_NOTICE] = "系统内部编号(通报)",
	[STORE_REF_CASE] = "系统内部编号(问责案件)",
};

static int
word_byte(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' ||
	    ch == '@';
}

/* The Latin words of text that name a row of the store. */
static int
words(struct check *c, const char *text)
{
	const char *p = text;
	while (*p != '\0') {
		if (!word_byte((unsigned char)*p)) {
			p++;
			continue;
		}
		const char *b = p;
		int letter = 0;
		while (word_byte((unsigned char)*p)) {
			letter |= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
			p++;
		}
		const char *e = p;
		while (b < e && (*b == '.' || *b == '-'))
			b++;
		while (e > b && (e[-1] == '.' || e[-1] == '-'))
			e--;
		size_t len = (size_t)(e - b);
		if (!letter || len < 2 || len >= WORD_LEN)
			continue;
		int k = -1;
		for (size_t i = 0; i < c->nseen && k < 0; i++)
			if (strlen(c->seen[i]) == len &&
			    memcmp(c->seen[i], b, len) == 0)
				k = c->kind[i];
		if (k < 0 && c->nseen < WORDS_MAX) {
			const char *w = arena_printf(c->d->arena, "%.*s",
			    (int)len, b);
			if ((k = store_report_ref(c->d->store, w)) < 0)
				return -1;
			c->seen[c->nseen] = w;
			c->kind[c->nseen++] = k;
		}
		if (k > 0 && k < STORE_REF_END)
			hit(c, b, len, ref_why[k]);
	}
	return 0;
}

/* Whether text has s right after one of the prefixes (or anywhere, with
 * no prefixes). */
static void
phrase(struct check *c, const char *text, const char *s,
    const char *const *before, const char *why)
{
	size_t len = strlen(s);
	for (const char *p = strstr(text, s); p != NULL; p = strstr(p + 1, s)) {
		int ok = before == NULL;
		for (size_t i = 0; before != NULL && before[i] != NULL && !ok;
		    i++) {
			size_t n = strlen(before[i]);
			ok = (size_t)(p - text) >= n && memcmp(p - n, before[i],
			    n) == 0;
		}
		if (ok) {
			hit(c, s, len, why);
			return;
		}
	}
}

/* "86.5 分" or "86分" before punctuation, a space or the end: points. */
static void
points(struct check *c, const char *text)
{
	static const char fen[] = "分";
	for (const char *p = strstr(text, fen); p != NULL;
	    p = strstr(p + 1, fen)) {
		const char *b = p;
		while (b > text && b[-1] == ' ')
			b--;
		const char *n = b;
		while (n > text && ((n[-1] >= '0' && n[-1] <= '9') ||
		    n[-1] == '.'))
			n--;
		if (n == b)
			continue;
		unsigned char next = (unsigned char)p[sizeof fen - 1];
		/* Not 分钟, 分之, 分别...: a CJK character (three bytes from
		 * 0xe4) or a letter goes on the word. */
		if ((next >= 0xe4 && next <= 0xe9) || (next >= 'a' && next <=
		    'z') || (next >= 'A' && next <= 'Z'))
			continue;
		hit(c, n, (size_t)(p + sizeof fen - 1 - n), "个人考评分数");
		return;
	}
}

static int
one(struct check *c, const char *where, const char *text)
{
	static const char *const grade_before[] = { "为", "评", NULL };
	static const char *const verdict_before[] = { ";", ":", "为", NULL };
	if (text == NULL || *text == '\0')
		return 0;
	c->where = where;
	if (strstr(text, REPORT_TODO) != NULL)
		hit(c, REPORT_TODO, strlen(REPORT_TODO), "起草提示尚未替换");
	for (int g = 0; g < GRADE_COUNT; g++) {
		const char *l = catalog_grade_label((enum grade)g);
		phrase(c, text, l, strlen(l) >= 9 ? NULL : grade_before,
		    "个人考评等次");
		char *with = arena_printf(c->d->arena, "%s等次", l);
		phrase(c, text, with, NULL, "个人考评等次");
	}
	phrase(c, text, "等次", NULL, "个人考评等次");
	phrase(c, text, "一票否决", NULL, "一票否决情形");
	phrase(c, text, "得分", NULL, "个人考评分数");
	points(c, text);
	for (int v = VERDICT_MET; v <= VERDICT_NEEDS_REVIEW; v++)
		phrase(c, text, eval_verdict_label((enum verdict)v),
		    verdict_before, "职责考评结论");
	return words(c, text);
}

int
report_public_check(struct dom *d, const struct report_doc *rep,
    struct report_hit **hits, size_t *n)
{
	struct check c = { .d = d };
	c.seen = arena_alloc(d->arena, WORDS_MAX * sizeof *c.seen);
	c.kind = arena_alloc(d->arena, WORDS_MAX * sizeof *c.kind);
	int rc = one(&c, "标题", rep->title);
	for (size_t i = 0; rc == 0 && i < rep->nsections; i++) {
		const char *where = arena_printf(d->arena, "第 %zu 部分", i + 1);
		rc = one(&c, where, rep->sections[i].title);
		if (rc == 0)
			rc = one(&c, where, rep->sections[i].text);
	}
	*hits = c.hits;
	*n = c.n;
	/* The caller's transaction, if any, is the caller's to end. */
	return rc < 0 ? dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
	    store_error(d->store)), NULL) : 0;
}

json_t *
report_hits_json(const struct report_hit *hits, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "field",
		    hits[i].where, "value", hits[i].found, "reason",
		    hits[i].why));
	return a;
}
