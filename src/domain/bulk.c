/*
 * Bulk uploads (bulk.h). A sheet's rows become the import format's
 * objects and go through the operations one write over HTTP takes — a
 * record through record_write (the importer's validation, then the
 * authority's checks on the rows as stored), a person and a post through
 * the importer after authority_registry — inside one transaction that is
 * committed only when no row had a problem. Nothing here validates what
 * the importer validates: a cell is only read into the JSON type its
 * field takes, and the importer's verdict is reported at that cell.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authority.h"
#include "base/date.h"
#include "domain/bulk.h"
#include "domain/record.h"
#include "import/sheet.h"
#include "store/store-bulk.h"

static const char *const roles_cn[] = { "主要负责人", "副职" };
static const char *const roles[] = { "principal", "deputy" };
static const char *const status_cn[] = { "待审核", "已核实", "已退回" };
static const char *const statuses[] = { "submitted", "verified",
	"rejected" };
static const char *const bool_cn[] = { "是", "否" };
static const char *const basis_cn[] = { "举报" };
static const char *const bases[] = { "report" };

static const struct bulk_column people_cols[] = {
	{ "姓名", "name", NULL, BULK_TEXT, 1, 0, "人员姓名。同一地区已有同名"
	    "人员在任职记录中的,任职记在该人员名下;没有的,新增人员", NULL,
	    NULL, 0, NULL },
	{ "所在机构", "organ", NULL, BULK_TEXT, 1, 0, "任职机构的全称,与系统"
	    "“机构与人员”中的名称一致,如“中共贵阳市南明区委员会”", NULL, NULL,
	    0, NULL },
	{ "职务", "role", NULL, BULK_CHOICE, 1, 0, "主要负责人或副职", roles_cn,
	    roles, 2, NULL },
	{ "任职开始日期", "start", NULL, BULK_DATE, 1, 0, "如 2023-06-01 或 "
	    "2023年6月1日", NULL, NULL, 0, NULL },
	{ "任职结束日期", "end", NULL, BULK_DATE, 0, 0, "仍在任的留空", NULL,
	    NULL, 0, NULL },
};

const char *
bulk_title(enum bulk_kind kind)
{
	return kind == BULK_PEOPLE ? "人员任职导入模板" : "履职台账导入模板";
}

/* The kinds' labels (joined with 、) that have field name. */
static const char *
kinds_with(struct dom *d, const char *name)
{
	const char *out = NULL;
	for (size_t i = 0; i < d->catalog->nkinds; i++) {
		const struct catalog_kind *k = &d->catalog->kinds[i];
		for (size_t j = 0; j < k->nfields; j++)
			if (strcmp(k->fields[j].name, name) == 0) {
				out = out ? arena_printf(d->arena, "%s、%s", out,
				    k->label) : k->label;
				break;
			}
	}
	return out;
}

/* Appends kind field f's columns (one a step for a dated list). */
static void
field_columns(struct dom *d, const struct catalog_field *f,
    struct bulk_column **cols, size_t *n, size_t *cap)
{
	static const enum bulk_type types[] = { [FIELD_YEAR] = BULK_YEAR,
		[FIELD_INT] = BULK_INT, [FIELD_DATE] = BULK_DATE,
		[FIELD_TEXT] = BULK_TEXT, [FIELD_BOOL] = BULK_BOOL,
		[FIELD_SET] = BULK_SET, [FIELD_DATES] = BULK_STEP };
	const char *kinds = kinds_with(d, f->name);
	size_t steps = f->type == FIELD_DATES ? f->nvalues : 1;
	for (size_t j = 0; j < steps; j++) {
		struct bulk_column *c = dom_push(d, cols, n, cap, sizeof *c);
		c->field = f->name;
		c->type = types[f->type];
		c->kinds = kinds;
		c->label = f->label;
		switch (c->type) {
		case BULK_STEP:
			c->sub = f->values[j];
			c->waivable = f->waivable >> j & 1u;
			c->label = arena_printf(d->arena, "%s:%s", f->label,
			    f->labels[j]);
			c->note = c->waivable ? "日期;不适用的写“不适用:原因”" :
			    "日期";
			break;
		case BULK_SET:
			c->values = (const char *const *)f->labels;
			c->codes = (const char *const *)f->values;
			c->nvalues = f->nvalues;
			c->note = "可多选,以顿号或逗号分隔";
			break;
		case BULK_BOOL:
			c->values = bool_cn;
			c->nvalues = 2;
			c->note = "是或否";
			break;
		case BULK_YEAR:
			c->note = "四位年份,如 2024";
			break;
		case BULK_DATE:
			c->note = "日期,如 2025-03-10";
			break;
		case BULK_INT:
			c->note = "整数";
			break;
		default:
			c->note = "文字";
		}
	}
}

const struct bulk_column *
bulk_columns(struct dom *d, enum bulk_kind kind, size_t *n)
{
	if (kind == BULK_PEOPLE) {
		*n = sizeof people_cols / sizeof *people_cols;
		return people_cols;
	}
	const struct catalog *cat = d->catalog;
	struct bulk_column *cols = NULL;
	size_t cap = 0;
	*n = 0;
	const char **kinds = arena_alloc(d->arena, (cat->nkinds + 1) *
	    sizeof *kinds);
	const char **ids = arena_alloc(d->arena, (cat->nkinds + 1) *
	    sizeof *ids);
	int findings = 0;
	for (size_t i = 0; i < cat->nkinds; i++) {
		kinds[i] = cat->kinds[i].label;
		ids[i] = cat->kinds[i].id;
		findings |= cat->kinds[i].finding;
	}
	const struct bulk_column fixed[] = {
		{ "记录类型", "kind", NULL, BULK_CHOICE, 1, 0, "从列表中选择",
		    kinds, ids, cat->nkinds, NULL },
		{ "所在机构", "organ", NULL, BULK_TEXT, 0, 0, "机构全称;本机构"
		    "录入员可留空(记在本机构)", NULL, NULL, 0, NULL },
		{ "日期", "date", NULL, BULK_DATE, 1, 0, "履职的日期,如 "
		    "2025-03-10,不晚于今天", NULL, NULL, 0, NULL },
		{ "标题", "title", NULL, BULK_TEXT, 0, 0, "简要说明", NULL, NULL,
		    0, NULL },
		{ "相关人员", "person", NULL, BULK_TEXT, 0, 0, "记录涉及某一人员"
		    "时填其姓名(须在该机构任职)", NULL, NULL, 0, NULL },
		{ "状态", "status", NULL, BULK_CHOICE, 0, 0, "留空即“待审核”:"
		    "上传的记录由另一名审核人员核实", status_cn, statuses, 3,
		    NULL },
	};
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		*(struct bulk_column *)dom_push(d, &cols, n, &cap,
		    sizeof *cols) = fixed[i];
	/* The kinds' own fields, each once (the first kind's label). */
	for (size_t i = 0; i < cat->nkinds; i++)
		for (size_t j = 0; j < cat->kinds[i].nfields; j++) {
			const struct catalog_field *f = &cat->kinds[i].fields[j];
			size_t k = 0;
			while (k < *n && strcmp(cols[k].field, f->name) != 0)
				k++;
			if (k == *n)
				field_columns(d, f, &cols, n, &cap);
		}
	if (findings) {
		const struct bulk_column basis[] = {
			{ "认定依据", "basis", NULL, BULK_CHOICE, 0, 0, "问责认定"
			    "类记录必填;依据督查或案件的认定请在相应页面办理",
			    basis_cn, bases, 1, NULL },
			{ "依据说明", "basis_ref", NULL, BULK_TEXT, 0, 0, "举报的"
			    "来源与内容", NULL, NULL, 0, NULL },
		};
		for (size_t i = 0; i < 2; i++)
			*(struct bulk_column *)dom_push(d, &cols, n, &cap,
			    sizeof *cols) = basis[i];
	}
	return cols;
}

/* ---- reading cells ---- */

struct upload {
	struct dom *d;
	enum bulk_kind kind;
	const struct bulk_column *cols;
	size_t ncols;
	long *at;            /* column index -> sheet column, or -1 */
	const struct sheet *sh;
	size_t row;          /* the sheet's row being read */
	struct bulk_result *out;
	long errors_here;    /* this row's */
	/* BULK_PEOPLE: the people this file added, "name\nregion" -> id */
	json_t *added;
};

static void
bad(struct upload *u, long col, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
bad(struct upload *u, long col, const char *label, const char *fmt, ...)
{
	struct bulk_result *o = u->out;
	u->errors_here++;
	if (o->nerrors >= BULK_MAX_ERRORS) {
		o->more++;
		return;
	}
	struct bulk_error *e = dom_push(u->d, &o->errors, &o->nerrors,
	    &o->cap, sizeof *e);
	e->row = (long)u->row + 1;
	if (col >= 0)
		sheet_column_name((size_t)col, e->col);
	e->label = label;
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *text = arena_alloc(u->d->arena, n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(text, n > 0 ? (size_t)n + 1 : 1, fmt, again);
	va_end(again);
	va_end(ap);
	e->reason = text;
}

/* The first n bytes of s (arena). */
static const char *
prefix(struct dom *d, const char *s, size_t n)
{
	char *out = arena_alloc(d->arena, n + 1);
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* A copy of s without the white space around it (arena). */
static const char *
trim(struct dom *d, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	if (strncmp(s, "\u3000", 3) == 0)
		return trim(d, s + 3);
	size_t n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	while (n >= 3 && memcmp(s + n - 3, "\u3000", 3) == 0)
		n -= 3;
	return prefix(d, s, n);
}

/* A day as people write it (2025-03-10, 2025/3/10, 2025.3.10,
 * 2025年3月10日) as YYYY-MM-DD; what is none of these, as written, for
 * the importer to refuse. */
static const char *
day(struct dom *d, const char *s)
{
	int y, m, dd;
	char tail[8] = "";
	if ((sscanf(s, "%4d-%2d-%2d%7s", &y, &m, &dd, tail) == 3 ||
	    sscanf(s, "%4d/%2d/%2d%7s", &y, &m, &dd, tail) == 3 ||
	    sscanf(s, "%4d.%2d.%2d%7s", &y, &m, &dd, tail) == 3 ||
	    (sscanf(s, "%4d年%2d月%2d%7s", &y, &m, &dd, tail) == 4 &&
	    strcmp(tail, "日") == 0)) && y > 999) {
		date_t t = date_from_ymd(y, m, dd);
		char out[11];
		date_format(t, out);
		int y2, m2, d2;
		if (sscanf(out, "%d-%d-%d", &y2, &m2, &d2) == 3 && y2 == y &&
		    m2 == m && d2 == dd)
			return arena_strdup(d->arena, out);
	}
	return s;
}

/* The code of label (or of a code given as such) among c's values. */
static const char *
choice(const struct bulk_column *c, const char *s)
{
	for (size_t i = 0; i < c->nvalues; i++)
		if (strcmp(s, c->values[i]) == 0 || (c->codes &&
		    strcmp(s, c->codes[i]) == 0))
			return c->codes ? c->codes[i] : c->values[i];
	return NULL;
}

const char *
bulk_values(struct arena *a, const struct bulk_column *c, int quoted)
{
	const char *out = "";
	for (size_t i = 0; i < c->nvalues; i++)
		out = arena_printf(a, quoted ? "%s%s“%s”" : "%s%s%s", out, i ?
		    "、" : "", c->values[i]);
	return out;
}

/* The cell s of column c as the JSON its field takes, or NULL after
 * reporting why it cannot be read. */
static json_t *
cell_json(struct upload *u, long col, const struct bulk_column *c,
    const char *s)
{
	struct dom *d = u->d;
	char *end;
	switch (c->type) {
	case BULK_DATE:
		return json_string(day(d, s));
	case BULK_YEAR:
	case BULK_INT: {
		long v = strtol(s, &end, 10);
		if (end != s && (*end == '\0' || strcmp(end, ".0") == 0))
			return json_integer(v);
		bad(u, col, c->label, c->type == BULK_YEAR ? "应为四位年份,如 "
		    "2024" : "应为整数");
		return NULL;
	}
	case BULK_BOOL:
		if (strcmp(s, "是") == 0 || strcmp(s, "TRUE") == 0 ||
		    strcmp(s, "1") == 0)
			return json_true();
		if (strcmp(s, "否") == 0 || strcmp(s, "FALSE") == 0 ||
		    strcmp(s, "0") == 0)
			return json_false();
		bad(u, col, c->label, "应为“是”或“否”");
		return NULL;
	case BULK_CHOICE: {
		const char *v = choice(c, s);
		if (v != NULL)
			return json_string(v);
		if (c->nvalues > 6)
			bad(u, col, c->label, "“%s”不是可选的值,请从模板的下拉"
			    "列表中选择(见“填写说明”)", s);
		else
			bad(u, col, c->label, "“%s”不是可选的值,应为%s之一", s,
			    bulk_values(d->arena, c, 1));
		return NULL;
	}
	case BULK_SET: {
		json_t *a = json_array();
		char *copy = arena_strdup(d->arena, s), *save = NULL;
		/* 、 , ; and their full-width forms, and spaces */
		for (char *t = strtok_r(copy, ",;\xef\xbc\x8c\xef\xbc\x9b\xe3"
		    "\x80\x81 ", &save); t; t = strtok_r(NULL, ",;\xef\xbc\x8c"
		    "\xef\xbc\x9b\xe3\x80\x81 ", &save)) {
			const char *v = choice(c, t);
			if (v == NULL) {
				bad(u, col, c->label, "“%s”不是可选的值,应为%s中的"
				    "若干项", t, bulk_values(d->arena, c, 1));
				json_decref(a);
				return NULL;
			}
			json_array_append_new(a, json_string(v));
		}
		return a;
	}
	case BULK_STEP:
		if (strncmp(s, "不适用", strlen("不适用")) == 0) {
			const char *why = s + strlen("不适用");
			if (strncmp(why, ":", 3) == 0)
				why += 3;
			else if (*why == ':')
				why++;
			return json_pack("{s:s}", "not_applicable", trim(d, why));
		}
		return json_string(day(d, s));
	default:
		return json_string(s);
	}
}

/* ---- the row's object ---- */

/* The column index of field (and step sub), or -1. */
static long
column_of(const struct upload *u, const char *field)
{
	const char *dot = strchr(field, '.');
	size_t len = dot ? (size_t)(dot - field) : strlen(field);
	long whole = -1;
	for (size_t i = 0; i < u->ncols; i++) {
		const struct bulk_column *c = &u->cols[i];
		if (strlen(c->field) != len || strncmp(c->field, field, len))
			continue;
		if (c->sub == NULL || (dot && strcmp(c->sub, dot + 1) == 0))
			return (long)i;
		if (whole < 0)
			whole = (long)i;
	}
	return whole;
}

/* The text of a title without its English gloss ("... (gloss)"). */
static const char *
cn(struct dom *d, const char *s)
{
	const char *p = s ? strstr(s, " (") : NULL;
	return p && p != s ? prefix(d, s, (size_t)(p - s)) : s;
}

/* One problem of the row as the operation gave it: field's column. */
static void
bad_field(struct upload *u, const char *field, const char *reason)
{
	long i = field ? column_of(u, field) : -1;
	const char *cn_reason = record_reason(reason);
	bad(u, i >= 0 ? u->at[i] : -1, i >= 0 ? u->cols[i].label : NULL, "%s",
	    cn_reason ? cn_reason : cn(u->d, reason));
}

/* The operation's refusal, as the row's errors; clears d->fault.
 * Returns -1 when the upload must stop (storage failed). */
static int
refused(struct upload *u)
{
	struct fault *f = &u->d->fault;
	if (f->status >= 500) {
		bad(u, -1, NULL, "%s", cn(u->d, f->title));
		return -1;
	}
	size_t i;
	json_t *e;
	if (f->errors != NULL && json_array_size(f->errors) > 0)
		json_array_foreach(f->errors, i, e)
			bad_field(u, json_string_value(json_object_get(e,
			    "field")), json_string_value(json_object_get(e,
			    "reason")));
	else
		bad_field(u, f->field, f->title);
	fault_clear(f);
	return 0;
}

/* The cell of the column with field, trimmed ("" when none). */
static const char *
cell(struct upload *u, const char *field)
{
	long i = column_of(u, field);
	if (i < 0 || u->at[i] < 0)
		return "";
	return trim(u->d, sheet_cell(u->sh, u->row, (size_t)u->at[i]));
}

/* The sheet column of field (-1: none) and its label, for a message. */
static long
col_at(const struct upload *u, const char *field, const char **label)
{
	long i = column_of(u, field);
	*label = i >= 0 ? u->cols[i].label : NULL;
	return i >= 0 ? u->at[i] : -1;
}

/* The organs of one name, as found (collected first: no statement runs
 * inside another's rows). */
#define NAMESAKES 16
struct organ_pick {
	struct dom *d;
	const char *id[NAMESAKES];
	int n;
};

static int
organ_found(void *ctx, const struct store_organ *o)
{
	struct organ_pick *k = ctx;
	if (k->n < NAMESAKES)
		k->id[k->n] = arena_strdup(k->d->arena, o->id);
	k->n++;
	return 0;
}

/*
 * The organ the row names (a clerk's own where blank) into *info: 0, or
 * -1 after reporting. A name is looked up everywhere: an organ the
 * uploader may not write is the authority's refusal (403), not "unknown".
 */
static int
row_organ(struct upload *u, struct store_organ_info *info)
{
	struct dom *d = u->d;
	const char *label;
	long col = col_at(u, "organ", &label);
	const char *name = cell(u, "organ");
	const char *id = NULL;
	if (*name == '\0') {
		if (u->kind == BULK_RECORDS && d->user->organ[0] != '\0')
			id = d->user->organ;
		else {
			bad(u, col, label, "必填");
			return -1;
		}
	} else {
		struct organ_pick k = { .d = d };
		if (store_bulk_organs_named(d->store, "", name, organ_found,
		    &k) < 0) {
			bad(u, col, label, "内部错误");
			return -1;
		}
		/* Of namesakes (townships repeat across counties), the one
		 * the uploader sees is meant. */
		int seen = 0;
		for (int i = 0; i < k.n && i < NAMESAKES; i++) {
			if (store_organ_info(d->store, k.id[i], info) <= 0) {
				bad(u, col, label, "内部错误");
				return -1;
			}
			if (k.n == 1 || access_can_read_organ(d->user, info)) {
				id = k.id[i];
				seen++;
			}
		}
		if (seen != 1) {
			if (k.n)
				bad(u, col, label, "有 %d 个机构叫“%s”,请在系统中"
				    "逐条录入", seen ? seen : k.n, name);
			else
				bad(u, col, label, "没有名为“%s”的机构(须与系统中"
				    "的机构全称一致)", name);
			return -1;
		}
	}
	if (store_organ_info(d->store, id, info) <= 0) {
		bad(u, col, label, "内部错误");
		return -1;
	}
	return 0;
}

/* People named: distinct person ids among the tenures found, held at
 * organ (when set) or in region (when set). */
struct named {
	struct dom *d;
	const char *organ, *region;
	const char *id;
	int n;
	int same;     /* a post at organ with start already exists */
	date_t start;
};

static int
named_found(void *ctx, const struct store_tenure *t)
{
	struct named *m = ctx;
	if ((m->organ && strcmp(t->organ_id, m->organ) != 0) ||
	    (m->region && strcmp(t->region_code, m->region) != 0))
		return 0;
	if (m->organ && t->start == m->start)
		m->same = 1;
	/* One person, or more than one: which others is not needed. */
	if (m->id == NULL) {
		m->id = arena_strdup(m->d->arena, t->person_id);
		m->n = 1;
	} else if (strcmp(m->id, t->person_id) != 0)
		m->n = 2;
	return 0;
}

/* ---- rows ---- */

/* The record row: its object, written by record_write. */
static int
record_row(struct upload *u, json_t *obj)
{
	struct dom *d = u->d;
	struct store_organ_info o;
	if (row_organ(u, &o))
		return 0;
	json_object_set_new(obj, "organ", json_string(o.id));
	const char *name = cell(u, "person"), *label;
	if (*name) {
		struct named m = { .d = d, .organ = o.id };
		if (store_bulk_tenures_named(d->store, o.path, name, named_found,
		    &m) < 0)
			return -1;
		if (m.n != 1) {
			long col = col_at(u, "person", &label);
			bad(u, col, label, m.n ? "%s有"
			    "多名叫“%s”的任职人员,请在系统中逐条录入" : "%s没有"
			    "名为“%s”的任职人员", o.name, name);
			return 0;
		}
		json_object_set_new(obj, "person", json_string(m.id));
	}
	if (u->errors_here)
		return 0;
	/* A cell of a field the kind does not have is a mistake, not a
	 * value to drop silently: the importer names it. */
	json_object_set_new(obj, "id", json_string(record_new_id(d->arena)));
	if (record_write(d, obj, NULL, RECORD_CREATE))
		return refused(u);
	u->out->added++;
	return 0;
}

/* The person of a post row: the one of that name with a post in the
 * organ's region, one this file added, or a new one. */
static const char *
row_person(struct upload *u, const struct store_organ_info *o,
    const char *name, date_t start, int *fresh)
{
	struct dom *d = u->d;
	const char *label;
	long col = col_at(u, "name", &label);
	struct named m = { .d = d, .region = o->region };
	if (store_bulk_tenures_named(d->store, o->path, name, named_found,
	    &m) < 0)
		return NULL;
	if (m.n > 1) {
		bad(u, col, label, "%s有多名叫“%s”的人员,请在系统中逐条录入",
		    o->region_name, name);
		return NULL;
	}
	if (m.n == 1) {
		struct named same = { .d = d, .organ = o->id, .start = start };
		if (store_bulk_tenures_named(d->store, o->path, name,
		    named_found, &same) < 0)
			return NULL;
		if (same.same) {
			bad(u, col, label, "该人员在%s自该日起的任职已经登记",
			    o->name);
			return NULL;
		}
		return m.id;
	}
	const char *key = arena_printf(d->arena, "%s\n%s", name, o->region);
	json_t *known = json_object_get(u->added, key);
	if (known != NULL)
		return json_string_value(known);
	*fresh = 1;
	return dom_new_id(d, "p", date_year(date_today()));
}

/* A post row: the person (new or found) and the post, each written by
 * the importer once the uploader may write the registry at the organ. */
static int
people_row(struct upload *u, json_t *obj)
{
	struct dom *d = u->d;
	struct store_organ_info o;
	if (row_organ(u, &o))
		return 0;
	if (authority_registry(d->user, &o, "organ", &d->fault))
		return refused(u);
	const char *name = json_string_value(json_object_get(obj, "name"));
	const char *since = json_string_value(json_object_get(obj, "start"));
	date_t start = DATE_NONE;
	if (since != NULL)
		date_parse(since, &start);
	if (name == NULL) {
		const char *label;
		long col = col_at(u, "name", &label);
		bad(u, col, label, "必填");
	}
	if (u->errors_here)
		return 0;
	int fresh = 0;
	const char *person = row_person(u, &o, name, start, &fresh);
	if (person == NULL)
		return u->errors_here ? 0 : -1;
	int year = date_year(date_today());
	if (fresh) {
		json_t *p = json_pack("{s:s, s:s}", "id", person, "name", name);
		int rc = record_import_one(d, p, "person", NULL, NULL, NULL,
		    "", "人员不符合要求 (invalid person)");
		json_decref(p);
		if (rc)
			return refused(u);
		json_object_set_new(u->added, arena_printf(d->arena, "%s\n%s",
		    name, o.region), json_string(person));
		u->out->people++;
	}
	json_object_del(obj, "name");
	json_object_set_new(obj, "id", json_string(dom_new_id(d, "t", year)));
	json_object_set_new(obj, "person", json_string(person));
	json_object_set_new(obj, "organ", json_string(o.id));
	if (record_import_one(d, obj, "tenure", NULL, NULL, NULL, "",
	    "任职不符合要求 (invalid tenure)"))
		return refused(u);
	u->out->added++;
	return 0;
}

/* The header row: which sheet column holds each of u's columns. */
static void
header(struct upload *u)
{
	struct dom *d = u->d;
	const struct sheet_row *h = u->sh->n ? &u->sh->rows[0] : NULL;
	u->row = 0;
	for (size_t j = 0; h && j < h->n; j++) {
		const char *t = trim(d, h->cells[j]);
		size_t len = strlen(t);
		/* A required column's header may carry the template's "*". */
		while (len > 0 && t[len - 1] == '*')
			len--;
		if (len == 0)
			continue;
		size_t i = 0;
		while (i < u->ncols && (strlen(u->cols[i].label) != len ||
		    strncmp(u->cols[i].label, t, len) != 0))
			i++;
		if (i == u->ncols)
			bad(u, (long)j, NULL, "无法识别的列“%s”:请使用下载的模板",
			    t);
		else if (u->at[i] >= 0) {
			char first[8];
			sheet_column_name((size_t)u->at[i], first);
			bad(u, (long)j, u->cols[i].label, "与 %s 列重复", first);
		} else
			u->at[i] = (long)j;
	}
	for (size_t i = 0; i < u->ncols; i++)
		if (u->cols[i].required && u->at[i] < 0)
			bad(u, -1, NULL, "缺少必填的列“%s”", u->cols[i].label);
}

/* One data row read into the object its kind writes; written when no
 * cell had a problem. -1: storage failed. */
static int
row(struct upload *u)
{
	json_t *obj = json_object();
	for (size_t i = 0; i < u->ncols; i++) {
		const struct bulk_column *c = &u->cols[i];
		if (u->at[i] < 0 || strcmp(c->field, "organ") == 0 ||
		    strcmp(c->field, "person") == 0)
			continue;
		const char *s = trim(u->d, sheet_cell(u->sh, u->row,
		    (size_t)u->at[i]));
		if (*s == '\0')
			continue;
		json_t *v = cell_json(u, u->at[i], c, s);
		if (v == NULL)
			continue;
		if (c->sub != NULL) {
			json_t *steps = json_object_get(obj, c->field);
			if (steps == NULL)
				json_object_set_new(obj, c->field, steps =
				    json_object());
			json_object_set_new(steps, c->sub, v);
		} else
			json_object_set_new(obj, c->field, v);
	}
	int rc = u->kind == BULK_PEOPLE ? people_row(u, obj) : record_row(u,
	    obj);
	json_decref(obj);
	return rc;
}

static int
blank_row(const struct sheet *sh, size_t r)
{
	for (size_t j = 0; j < sh->rows[r].n; j++)
		for (const char *p = sh->rows[r].cells[j]; *p; p++)
			if (!isspace((unsigned char)*p))
				return 0;
	return 1;
}

int
bulk_upload(struct dom *d, enum bulk_kind kind, const void *data,
    size_t len, struct bulk_result *out)
{
	memset(out, 0, sizeof *out);
	struct upload u = { .d = d, .kind = kind, .out = out };
	u.cols = bulk_columns(d, kind, &u.ncols);
	u.at = arena_alloc(d->arena, u.ncols * sizeof *u.at);
	for (size_t i = 0; i < u.ncols; i++)
		u.at[i] = -1;
	char err[256];
	if (data == NULL || len == 0)
		return dom_refuse(d, 400, "请选择要上传的文件 (file required)",
		    NULL, "file");
	struct sheet *sh = sheet_read(data, len, sheet_sniff(data, len), err,
	    sizeof err);
	if (sh == NULL) {
		bad(&u, -1, NULL, "%s", arena_strdup(d->arena, err));
		out->errors[0].row = 0;
		return dom_refuse(d, 400, "文件无法读取 (unreadable file)", NULL,
		    "file");
	}
	u.sh = sh;
	header(&u);
	for (size_t r = 1; r < sh->n; r++)
		out->rows += !blank_row(sh, r);
	if (out->rows == 0 && out->nerrors == 0)
		bad(&u, -1, NULL, "文件中没有数据行");
	if (out->rows > BULK_MAX_ROWS)
		bad(&u, -1, NULL, "一次最多上传 %d 行,本文件有 %ld 行",
		    BULK_MAX_ROWS, out->rows);
	int rc = 0;
	if (out->nerrors == 0) {
		if (store_begin(d->store)) {
			sheet_free(sh);
			return dom_fail(d, 0);
		}
		u.added = json_object();
		for (size_t r = 1; r < sh->n && rc == 0; r++) {
			if (blank_row(sh, r))
				continue;
			u.row = r;
			u.errors_here = 0;
			rc = row(&u);
		}
		json_decref(u.added);
		/* All or nothing: any row's problem, or a failure, and the
		 * whole file is rolled back. */
		if (rc == 0 && out->nerrors == 0 && out->more == 0) {
			sheet_free(sh);
			return dom_commit(d, 0);
		}
		if (rc != 0) {
			sheet_free(sh);
			return dom_fail(d, 1);
		}
		store_rollback(d->store);
	}
	sheet_free(sh);
	out->added = out->people = 0;
	return dom_refuse(d, 400, "文件有误,未写入任何数据 (bad rows; nothing "
	    "written)", NULL, "file");
}

const char *
bulk_error_text(struct dom *d, const struct bulk_error *e)
{
	if (e->row == 0)
		return e->reason;
	if (e->col[0] == '\0')
		return arena_printf(d->arena, "第%ld行:%s", e->row, e->reason);
	if (e->label == NULL)
		return arena_printf(d->arena, "第%ld行 %s列:%s", e->row, e->col,
		    e->reason);
	return arena_printf(d->arena, "第%ld行 %s列(%s):%s", e->row, e->col,
	    e->label, e->reason);
}

int
bulk_review(struct dom *d, const char *const *ids, size_t n,
    const char *status, const char *note, long *changed)
{
	*changed = 0;
	if (n == 0)
		return dom_refuse(d, 400, "请先勾选要审核的记录 (no record "
		    "selected)", NULL, "id");
	char now[32];
	dom_now(now);
	if (store_begin(d->store))
		return dom_fail(d, 0);
	for (size_t i = 0; i < n; i++) {
		int rc = record_review_in(d, ids[i], status, note, now);
		if (rc < 0) {
			store_rollback(d->store);
			if (d->fault.detail == NULL)
				d->fault.detail = dom_strdup(d, ids[i]);
			return -1;
		}
		*changed += rc;
	}
	return dom_commit(d, 0);
}
