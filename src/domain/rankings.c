/*
 * Rankings as XLSX (libxlsxwriter): the leaders of a scope ranked by
 * their evaluation score, one sheet for all and one per role.
 *
 * The results come from evaluation_each (domain/evaluation.h), so the scope is the
 * evaluation's (an office its subtree, a clerk its organ's leaders);
 * they are kept (a few hundred bytes each, a ceiling on their number),
 * sorted and written. Order: scored before unscored, score (to one
 * decimal, as shown) high to low, then the better grade (a vetoed
 * leader with the same score ranks below), then name and person id so
 * the order never depends on the scan. Equal score and grade share a
 * rank (1, 2, 2, 4); a leader without a score gets none. The workbook
 * goes through a temporary file, like the evaluation's export, because
 * libxlsxwriter writes files.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "domain/book.h"
#include "domain/evaluation.h"
#include "domain/report.h"

#define LEADERS_MAX 1000000
#define RANKINGS_MAX (128u << 20)

struct leader {
	const char *region, *region_name, *organ, *organ_name, *person, *name;
	enum role role;
	int has_score, tenths, veto, provisional;
	enum grade grade;
};

struct rankings {
	struct dom *d;
	struct leader *v;
	size_t n, cap;
	int too_many;
};

static int
keep(void *ctx, const struct eval_result *res)
{
	struct rankings *k = ctx;
	struct arena *a = k->d->arena;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 256;
		struct leader *v = cap <= LEADERS_MAX ? realloc(k->v, cap *
		    sizeof *v) : NULL;
		if (v == NULL) {
			k->too_many = 1;
			return 1;
		}
		k->v = v;
		k->cap = cap;
	}
	k->v[k->n++] = (struct leader){
		.region = arena_strdup(a, res->region),
		.region_name = arena_strdup(a, res->region_name),
		.organ = arena_strdup(a, res->organ),
		.organ_name = arena_strdup(a, res->organ_name),
		.person = arena_strdup(a, res->person),
		.name = arena_strdup(a, res->person_name),
		.role = res->role,
		.has_score = res->has_score,
		.tenths = res->has_score ? (int)lround(res->score * 10) : 0,
		.veto = res->veto,
		.provisional = res->provisional,
		.grade = res->grade,
	};
	return 0;
}

static int
by_rank(const void *pa, const void *pb)
{
	const struct leader *a = pa, *b = pb;
	int c;
	if (a->has_score != b->has_score)
		return b->has_score - a->has_score;
	if (a->tenths != b->tenths)
		return b->tenths > a->tenths ? 1 : -1;
	if (a->grade != b->grade)
		return (int)a->grade - (int)b->grade;
	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	if ((c = strcmp(a->person, b->person)) != 0)
		return c;
	return strcmp(a->organ, b->organ);
}

static int
same_place(const struct leader *a, const struct leader *b)
{
	return a->has_score && b->has_score && a->tenths == b->tenths &&
	    a->grade == b->grade;
}

/* A sheet of the leaders with role (0: all), ranked among themselves. */
static lxw_error
sheet(struct dom_book *bk, const char *name, const struct rankings *k,
    unsigned role)
{
	static const char *const cols[] = { "名次", "地区代码", "地区", "机构",
		"姓名", "人员编号", "职务", "得分", "等次", "一票否决", "等次暂定" };
	static const double widths[] = { 6, 10, 14, 28, 10, 11, 15, 8, 9, 9, 9 };
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, name);
	if (ws == NULL)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i], bk->head);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i],
		    NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	lxw_row_t row = 0;
	long place = 0, seen = 0;
	const struct leader *prev = NULL;
	lxw_error e = LXW_NO_ERROR;
	for (size_t i = 0; i < k->n && !e; i++) {
		const struct leader *l = &k->v[i];
		if (role != 0 && l->role != (enum role)role)
			continue;
		seen++;
		if (prev == NULL || !same_place(prev, l))
			place = seen;
		prev = l;
		row++;
		if (l->has_score)
			e = worksheet_write_number(ws, row, 0, (double)place, NULL);
		const char *text[] = { l->region, l->region_name, l->organ_name,
			l->name, l->person, catalog_role_label(l->role) };
		for (size_t c = 0; c < sizeof text / sizeof *text && !e; c++)
			e = worksheet_write_string(ws, row, (lxw_col_t)(c + 1),
			    text[c], NULL);
		if (!e && l->has_score)
			e = worksheet_write_number(ws, row, 7, l->tenths / 10.0,
			    bk->score);
		char grade[64];
		snprintf(grade, sizeof grade, "%s%s", catalog_grade_label(
		    l->grade), l->provisional ? "(暂定)" : "");
		if (!e)
			e = worksheet_write_string(ws, row, 8, grade, NULL);
		if (!e)
			e = worksheet_write_string(ws, row, 9, l->veto ? "是" : "否",
			    NULL);
		if (!e)
			e = worksheet_write_string(ws, row, 10, l->provisional ? "是" :
			    "否", NULL);
	}
	if (!e && row > 0)
		e = worksheet_autofilter(ws, 0, 0, row, 10);
	return e;
}

int
rankings_build(struct dom *d, int year, const char *region, char **data,
    size_t *len)
{
	static const unsigned roles[] = { ROLE_PARTY, ROLE_GOVERNMENT,
		ROLE_DEPARTMENT };
	struct rankings k = { .d = d };
	struct dom_book bk = { .fd = -1 };
	int rc = -1, answered = 0;
	*data = NULL;
	if (evaluation_each(d, year, region, keep, &k)) {
		answered = 1;
		goto out;
	}
	if (k.too_many) {
		dom_refuse(d, 413, "考评结果过多,无法导出 (too many results)",
		    NULL, NULL);
		answered = 1;
		goto out;
	}
	if (k.n > 1)
		qsort(k.v, k.n, sizeof *k.v, by_rank);
	if (dom_book_open(&bk, "rank", arena_printf(d->arena, "%d 年度党政主要"
	    "负责人履行推进法治建设第一责任人职责考评排名", year),
	    d->catalog->interpreter) || sheet(&bk, "总排名", &k, 0))
		goto out;
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
		int any = 0;
		for (size_t j = 0; j < k.n && !any; j++)
			any = k.v[j].role == (enum role)roles[i];
		if (any && sheet(&bk, catalog_role_label(roles[i]), &k, roles[i]))
			goto out;
	}
	rc = dom_book_end(&bk, data, RANKINGS_MAX, len);
out:
	dom_book_end(&bk, NULL, 0, NULL);
	free(k.v);
	if (rc && !answered)
		dom_refuse(d, 500, "内部错误:无法生成 Excel 文件", NULL, NULL);
	return rc;
}
